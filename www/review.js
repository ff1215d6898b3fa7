// The reviewer's controls on one hit, wherever a hit is shown (a party card of an order or a quick check, a row of
// the batch table): the decision the hit carries (the engine put it there: hit.decision, hit.expiredDecision) with
// a way to withdraw it, or the buttons to mark a false positive or confirm the match. The form asks for a note, an
// expiry (false positive), the reviewer's name once, and, to dismiss a strong match (score >= 0.95) on a list that
// stops the order, a second, explicit confirmation with its own reason. Storage is the caller's (records-ui.js).
import { el, messageOf } from './dom.js';
import { decisionText, defaultExpiry, isStrongStopHit, makeDecision } from './decisions.js';

const pct = (x) => `${Math.round(x * 100)}%`;
let formSeq = 0;

/**
 * The decision area of one hit. `ctx`: `lists` (the loaded lists), `reviewer()` (the name given, or ''),
 * `consent()` (whether decisions are kept in this browser), `save(decision, reviewerName)`, `withdraw(key)`.
 */
export function decisionBox(hit, party, ctx) {
  const shown = hit.decision || hit.expiredDecision;
  const box = el('div', { class: 'decision', 'data-decision-key': shown && shown.id ? shown.id : '' });
  const buttons = () => {
    const fp = el('button', { type: 'button', class: 'small-btn mark-fp' }, 'Mark false positive');
    const ok = el('button', { type: 'button', class: 'small-btn mark-confirmed' }, 'Confirm match');
    fp.addEventListener('click', () => openForm(box, 'false-positive', hit, party, ctx));
    ok.addEventListener('click', () => openForm(box, 'confirmed', hit, party, ctx));
    return [fp, ' ', ok];
  };
  if (shown) {
    const active = Boolean(hit.decision);
    box.classList.add(!active ? 'is-expired' : shown.kind === 'confirmed' ? 'is-confirmed' : 'is-false-positive');
    box.append(el('p', { class: 'decision-text', tabindex: -1 }, decisionText(shown, !active)));
    if (shown.id) {
      const withdraw = el('button', { type: 'button', class: 'link withdraw' }, 'Withdraw decision');
      withdraw.addEventListener('click', () => ctx.withdraw(shown.id));
      box.append(withdraw);
    }
    if (!active) box.append(' ', ...buttons());
    return box;
  }
  box.append(el('span', { class: 'muted small' }, 'Decision: '), ...buttons());
  return box;
}

function openForm(box, kind, hit, party, ctx) {
  const n = ++formSeq;
  const fp = kind === 'false-positive';
  const strong = fp && isStrongStopHit(hit);
  const known = ctx.reviewer();
  const note = el('textarea', { id: `dn-${n}`, rows: 2, required: fp, 'aria-describedby': `de-${n}` });
  const expires = fp ? el('input', { id: `dx-${n}`, type: 'date', value: defaultExpiry() }) : null;
  const name = known ? null : el('input', { id: `dr-${n}`, type: 'text', required: true, autocomplete: 'name', 'aria-describedby': `drh-${n}` });
  const err = el('p', { id: `de-${n}`, class: 'error small', role: 'alert', hidden: true });
  const submit = el('button', { type: 'submit', class: 'small-btn primary' }, fp ? 'Save: false positive' : 'Save: confirmed match');
  const first = el('div', { class: 'decision-step' },
    el('label', { for: `dn-${n}` }, fp ? 'Why is this not the listed party? (required)' : 'Note (how the identity was confirmed)'),
    note,
    fp ? [el('label', { for: `dx-${n}` }, 'Expires on'), expires] : null,
    name ? [el('label', { for: `dr-${n}` }, 'Your name (required)'), name,
      el('p', { id: `drh-${n}`, class: 'help' }, `Recorded on every decision you make. Asked once${ctx.consent() ? ' and kept in this browser' : ' for this session (turn on keeping under Records to keep it)'}.`)] : null,
    known ? el('p', { class: 'help' }, `Recorded as decided by ${known}.`) : null);
  const form = el('form', { class: 'decision-form', novalidate: true }, first, err,
    ctx.consent() ? null : el('p', { class: 'help' }, 'Keeping is off: this decision lasts for this session only and will not be kept.'),
    el('div', { class: 'actions' }, submit, el('button', { type: 'button', class: 'small-btn quiet cancel' }, 'Cancel')));
  let reason = null; // the second step's field, once shown
  const fail = (e, field) => {
    err.hidden = false;
    err.textContent = messageOf(e);
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const by = known || (name ? name.value.trim() : '');
    const args = { party, hit, lists: ctx.lists, kind, note: note.value, by, expires: expires ? expires.value : null };
    if (reason && !reason.value.trim()) {
      fail(new Error('Give the reason for dismissing a strong match on a list that stops the order.'), reason);
      return;
    }
    let d;
    try {
      // The first step is checked on its own before the second is asked for.
      d = makeDecision({ ...args, strongMatchReason: strong ? (reason ? reason.value : 'checked later') : undefined });
    } catch (e) {
      fail(e, /name/i.test(messageOf(e)) && name ? name : /expiry/i.test(messageOf(e)) && expires ? expires : note);
      return;
    }
    if (strong && !reason) {
      reason = secondStep(form, first, hit, n);
      submit.textContent = 'Dismiss this strong match';
      submit.classList.add('danger');
      err.hidden = true;
      reason.focus();
      return;
    }
    ctx.save(d, by);
  });
  const before = [...box.childNodes];
  form.querySelector('.cancel').addEventListener('click', () => {
    box.replaceChildren(...before);
    const again = box.querySelector(kind === 'false-positive' ? '.mark-fp' : '.mark-confirmed');
    if (again) again.focus();
  });
  box.replaceChildren(form);
  note.focus();
}

/** The second, explicit confirmation to dismiss a strong stop-list match: what is being dismissed, and why. */
function secondStep(form, first, hit, n) {
  for (const f of first.querySelectorAll('textarea, input')) f.readOnly = true;
  const reason = el('textarea', { id: `ds-${n}`, rows: 2, required: true, 'aria-describedby': `dsh-${n}` });
  const list = hit.source || hit.list;
  form.insertBefore(el('div', { class: 'decision-step second-confirmation', role: 'group', 'aria-labelledby': `dsl-${n}` },
    el('p', { id: `dsl-${n}`, class: 'warn' }, `Second confirmation: this is a ${pct(hit.score)} match on ${list}, a list that stops the order.`),
    el('p', { id: `dsh-${n}`, class: 'help' }, 'Dismissing it lets the order go ahead as far as this entry is concerned. Say what you checked that rules the listed entry out (registration number, address, officers, the list\'s own identifiers); it is recorded with your name.'),
    el('label', { for: `ds-${n}` }, 'Reason for dismissing this strong match (required)'),
    reason), form.querySelector('.error'));
  return reason;
}
