// Turns the engine's report data (src/report.rs: Report, PartyReport, Hit, Explanation, ItemReport, Flag, Reason)
// into DOM nodes: the one render path of the page and of the <export-screen> element. The report comes complete
// (the engine has applied the reviewer's decisions: hit.decision, reason.afterDecisions, verdictAfterDecisions);
// each part is rendered once, by one function here, from one label table; nothing is re-decided here and no other
// module edits what these functions return.
import { byteOffsetsToIndices, el, fold, highlight, markTokens, safeLink, sha256Hex } from './dom.js';
import { ROLE_LABEL, createOrderForm } from './order-form.js';
import { byText, decisionText } from './decisions.js';
import { ageCheck, asOfText, asOfWithAge } from './list-dates.js';

export { ROLE_LABEL };
const EFFECT = {
  prohibition: { label: 'Prohibited', help: 'no dealings: blocking or denial' },
  licenceRequired: { label: 'Licence required', help: 'a licence is needed for the items the entry names' },
  redFlag: { label: 'Red flag', help: 'extra diligence before going ahead' },
};
const ALIAS_LABEL = { aka: 'a.k.a.', fka: 'f.k.a., a former name', nka: 'n.k.a., a new name', variant: 'a spelling variant', derived: 'part of the listed name' };
/** Identifier kinds (src/data/identifiers.toml's names; `other` is said as "identifier"). */
const ID_LABEL = { imo: 'IMO number', registration: 'registration number', tax: 'tax number', lei: 'LEI', passport: 'passport number', nationalId: 'national ID', bic: 'BIC' };
const SEVERITY_LABEL = { stop: 'Stop', review: 'Review', info: 'Note', clear: 'Clear' };

/** The one label table for verdicts: the word, the sentence, and the sentence once decisions changed it. */
export const VERDICT = {
  stop: {
    label: 'STOP', text: 'Do not ship. A restricted party, an embargo or a prohibited end use was found: see the reasons.',
    afterText: 'Do not ship. A restricted party, an embargo or a prohibited end use was found: see the reasons.',
  },
  review: {
    label: 'REVIEW', text: 'Do not ship yet. Resolve each reason below and keep a record of how it was resolved.',
    afterText: 'Do not ship yet. Resolve each remaining reason below and keep a record of how it was resolved.',
  },
  clear: {
    label: 'CLEAR', text: 'No list hit, no controlled item and no red flag found.',
    afterText: 'No reason is left after the decisions on the hits.',
  },
};
const word = (v) => (VERDICT[v] ? VERDICT[v].label : String(v).toUpperCase());

const pct = (x) => `${Math.round(x * 100)}%`;
// A party the safety net found written in the text, not read by the parser (not a role one can choose in the form).
const roleLabel = (role) => (role === 'namedInText' ? 'Named in the text' : ROLE_LABEL[role] || role);
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** "Entity List (EL) - Bureau of Industry and Security" -> "Entity List"; a source without a code stays whole. */
export function listLabel(hit) {
  const m = /^(.+?)\s*\(([^()]+)\)/.exec(hit.source || '');
  if (m) return m[1];
  return hit.source || hit.listCode || hit.list;
}

function severityPill(sev) {
  return el('span', { class: `sev sev-${sev}` }, SEVERITY_LABEL[sev] || sev);
}

function section(id, title, ...body) {
  return el('section', { class: 'rsec', 'aria-labelledby': id }, el('h3', { id }, title), ...body);
}

function fact(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

function evidenceMarks(spans, kind) {
  return spans.map((e, k) => [k ? ' · ' : '', el('mark', { class: `hl hl-${kind}` }, e.text)]);
}

/** What a result rests on, when it is not the official lists. */
function listsCaveat(used) {
  if (!used.length) return 'No list was loaded, so no party could be found on a list.';
  if (used.every((l) => l.demo)) return 'Only the DEMO list was loaded: this says nothing about the official lists.';
  return null;
}

const isSetAside = (h) => Boolean(h.decision && h.decision.kind === 'false-positive');

/**
 * The verdict banner, the one place it is written: `{kind: 'idle'}`, `{kind: 'failed', label, text}`,
 * `{kind: 'report', report}` (an order: the verdict after decisions, with the engine's beside it when they differ)
 * or `{kind: 'party', query, result, lists}` (a quick check of one party). Returns its class and content.
 */
export function verdictBanner(x) {
  const banner = (cls, label, ...text) => ({ cls: `verdict ${cls}`, nodes: [el('span', { class: 'verdict-label' }, label), el('span', { class: 'verdict-text' }, ...text)] });
  if (x.kind === 'idle') return banner('verdict-none', 'Nothing screened yet.', 'Paste an order and press Screen, or fill a sample order.');
  if (x.kind === 'failed') return banner('verdict-none', x.label, x.text);
  if (x.kind === 'party') {
    const { query, result } = x;
    const n = result.hits.length;
    const aside = result.hits.filter(isSetAside).length;
    const lists = x.lists || [];
    const caveat = !lists.length ? ' No list is loaded.' : lists.every((l) => l.demo) ? ' Only the DEMO list was loaded.' : '';
    const decided = aside ? el('span', { class: 'verdict-decisions' }, `${plural(aside, 'hit is', 'hits are')} set aside by decisions (still shown below).`) : null;
    if (n && aside === n) {
      return banner('verdict-clear verdict-party verdict-decided', 'NO HIT LEFT', `Every listed entry that resembles “${query.name}” is set aside by a decision.`, el('span', { class: 'caveat' }, caveat), decided);
    }
    return banner(`${n ? 'verdict-review' : 'verdict-clear'} verdict-party`, n ? 'POSSIBLE MATCH' : 'NO HIT',
      n ? `${n} listed ${n === 1 ? 'entry resembles' : 'entries resemble'} “${query.name}”: review ${n === 1 ? 'it' : 'them'} below.`
        : `Nothing on the loaded lists resembles “${query.name}”.`, el('span', { class: 'caveat' }, caveat), decided);
  }
  const r = x.report;
  const after = r.verdictAfterDecisions || r.verdict;
  const changed = after !== r.verdict;
  const aside = r.parties.reduce((k, p) => k + p.hits.filter(isSetAside).length, 0);
  const moved = r.reasons.filter((z) => z.afterDecisions).length;
  const v = VERDICT[after] || { label: word(after), text: '', afterText: '' };
  const caveat = listsCaveat(r.lists || x.lists || []);
  let line = null;
  if (changed) {
    line = `engine verdict: ${word(r.verdict)}; after decisions: ${word(after)}.${aside ? ` ${plural(aside, 'hit was', 'hits were')} set aside by decisions (still shown below).` : ''}`;
  } else if (aside || moved) {
    line = `${aside ? `${plural(aside, 'hit was', 'hits were')} set aside by decisions; ` : ''}the verdict stays ${word(after)} for the other reasons (engine verdict: ${word(r.verdict)}).`;
  }
  return banner(`verdict-${after}${changed ? ' verdict-decided' : ''}`, v.label, changed ? v.afterText : v.text,
    caveat ? el('span', { class: 'caveat' }, ` ${caveat}`) : null, line ? el('span', { class: 'verdict-decisions' }, line) : null);
}

/** The verdict banner's content for a report (the element and older embedders call it by this name). */
export function verdictContent(r, lists) {
  return verdictBanner({ kind: 'report', report: { ...r, lists: r.lists || lists || [] } });
}

function scoreBar(score, threshold, stopThreshold) {
  const level = score >= stopThreshold ? 'high' : score >= threshold ? 'mid' : 'low';
  const fill = el('span', { class: 'fill' });
  // Set through the CSSOM, which the CSP allows (a style="" attribute in markup would be blocked).
  fill.style.width = pct(Math.max(0, Math.min(1, score)));
  return el('span', { class: 'score' },
    el('span', { class: `bar bar-${level}`, role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(score * 100), 'aria-label': 'Match score' }, fill),
    el('span', { class: 'score-num' }, pct(score)));
}

function evidenceList(ex) {
  if (!ex.evidence.length) return null;
  return el('ul', { class: 'evidence' }, ex.evidence.map((e) => el('li', { class: e.supports ? 'supports' : 'contradicts' },
    el('span', { class: 'ev-sign', 'aria-hidden': 'true' }, e.supports ? '+' : '−'),
    el('span', { class: 'sr-only' }, e.supports ? 'Supports: ' : 'Contradicts: '),
    `${e.kind}: ${e.detail}`, e.adjustment ? el('span', { class: 'muted' }, ` (${e.adjustment > 0 ? '+' : ''}${e.adjustment.toFixed(2)})`) : null,
    e.identifier ? el('span', { class: 'muted ev-identifier', title: e.identifier.citation },
      ` [${ID_LABEL[e.identifier.kind] || 'identifier'} ${e.identifier.value}; ${e.identifier.list}, entry ${e.identifier.entryId}]`) : null)));
}

/** The listing's remaining fields and the word-by-word explanation, folded away under one summary. */
function hitDetails(h) {
  const ex = h.explanation;
  const body = [];
  body.push(el('dl', { class: 'facts' },
    h.source ? fact('List', h.source) : null,
    h.startDate ? fact('Listed since', h.startDate) : null,
    h.addresses.length ? fact(h.addresses.length > 1 ? 'Listed addresses' : 'Listed address', h.addresses.join(' · ')) : null,
    h.countries.length ? fact('Countries', h.countries.join(', ')) : null,
    h.aliases.length ? fact('Aliases', h.aliases.join(' · ')) : null,
    fact('Entry', el('span', { class: 'mono' }, h.entryId), el('span', { class: 'muted' }, ` in ${h.list}`))));
  if (ex.pairs.length) {
    body.push(el('table', { class: 'pairs' },
      el('caption', {}, 'How the words lined up'),
      el('thead', {}, el('tr', {}, ['Order word', 'Listed word', 'How', 'Similarity', 'Weight'].map((t) => el('th', { scope: 'col' }, t)))),
      el('tbody', {}, ex.pairs.map((p) => el('tr', {},
        el('td', {}, p.query), el('td', {}, p.listed), el('td', {}, p.how),
        el('td', { class: 'num' }, p.similarity.toFixed(2)), el('td', { class: 'num' }, pct(p.weight)))))));
  }
  const lines = [];
  if (ex.unmatchedQuery.length) lines.push(fact('Order words not in the listed name', ex.unmatchedQuery.join(', ')));
  if (ex.unmatchedListed.length) lines.push(fact('Listed words not in the order', ex.unmatchedListed.join(', ')));
  const setAside = ex.ignored.filter((i) => i.reason !== 'generic');
  if (setAside.length) lines.push(fact('Set aside', setAside.map((i) => el('span', { class: 'chip' }, `${i.token} · ${i.reason} (${i.side === 'query' ? 'order' : 'listed'})`))));
  const generic = [...new Set(ex.ignored.filter((i) => i.reason === 'generic').map((i) => i.token))];
  if (generic.length) lines.push(fact('Common words, weigh little', generic.map((t) => el('span', { class: 'chip' }, t))));
  lines.push(fact('Score', `${pct(ex.nameScore)} from the names`, h.score !== ex.nameScore ? `, ${pct(h.score)} with the evidence` : ''));
  body.push(el('dl', { class: 'facts' }, lines));
  return el('details', { class: 'explanation' }, el('summary', {}, 'Listing details and word-by-word match'), body);
}

/** The lists and entries of a hit's party when it is listed more than once (ListInfo ids resolved to names). */
function listingsLine(h) {
  const ls = h.listings || [];
  if (ls.length < 2) return null;
  return el('div', { class: 'listings' },
    el('p', { class: 'small listings-head' }, `One party, listed ${ls.length} times (a decision on this hit covers every listing):`),
    el('ul', { class: 'listings-list small' }, ls.map((l) => {
      const effect = EFFECT[l.effect] || { label: l.effect };
      return el('li', { class: 'listing', 'data-list-id': l.listId, 'data-entry-id': l.entryId },
        el('span', { class: 'badge list-badge', title: l.source || l.list }, l.listCode || l.list), ' ',
        el('span', { class: `effect effect-${l.effect}` }, effect.label), ' ',
        `${l.source || l.list} · ${l.list} · entry ${l.entryId}`,
        l.programs && l.programs.length ? el('span', { class: 'muted' }, ` · ${l.programs.join(', ')}`) : null);
    })));
}

export function renderHit(h, ctx, party = null) {
  const ex = h.explanation;
  const listedTokens = new Set(ex.pairs.flatMap((p) => p.listed.split(/\s+/)).map(fold));
  const effect = EFFECT[h.effect] || { label: h.effect, help: '' };
  const fromDemo = (ctx.lists || []).some((l) => l.id === h.listId && l.demo);
  const alias = ex.matchedAlias ? ALIAS_LABEL[ex.matchedAlias] || ex.matchedAlias : null;
  // A hit that only an identifier makes (no word of the names paired): say so, not "Matched the listed name".
  const byId = ex.pairs.length ? null : ex.evidence.find((e) => e.supports && e.identifier);
  const matched = byId
    ? [`Matched by the ${ID_LABEL[byId.identifier.kind] || 'identifier'} `,
      el('q', { class: 'matched-id' }, byId.identifier.written.text), ` alone; the listed name is `, el('q', { class: 'matched-name' }, h.matchedName)]
    : [h.matchedName === h.name && !alias ? 'Matched the listed name ' : 'Matched ',
      el('q', { class: 'matched-name' }, markTokens(h.matchedName, listedTokens)),
      alias ? ` (${alias}${ex.aliasStrength === 'weak' ? ', a weak alias' : ''})` : ''];
  return el('li', { class: `hit hit-${h.effect}` },
    el('div', { class: 'hit-head' },
      el('span', { class: 'badge list-badge', title: h.source || h.list }, listLabel(h)),
      el('strong', { class: 'hit-name' }, h.name),
      el('span', { class: `effect effect-${h.effect}`, title: effect.help }, effect.label),
      fromDemo ? el('span', { class: 'badge badge-demo', title: h.list }, 'DEMO') : null,
      scoreBar(h.score, ctx.threshold, ctx.stopThreshold)),
    el('p', { class: 'matched' }, ...matched,
      el('span', { class: 'muted' }, ` · ${h.type}`), '. ', el('span', { class: 'summary' }, ex.summary)),
    evidenceList(ex),
    listingsLine(h),
    el('dl', { class: 'facts' },
      h.programs.length ? fact('Programmes', h.programs.join(', ')) : null,
      h.licenseRequirement ? fact('Licence requirement', h.licenseRequirement) : null,
      h.licensePolicy ? fact('Licence policy', h.licensePolicy) : null,
      h.federalRegister ? fact('Federal Register', h.federalRegister) : null,
      h.remarks ? fact('Remarks', h.remarks) : null,
      h.sourceUrl ? fact('Source', safeLink(h.sourceUrl)) : null),
    hitDetails(h),
    renderDecision(h, party, ctx));
}

/**
 * The reviewer's decision on a hit: with `ctx.decisionBox` (the page, review.js) the decision and the controls to
 * make or withdraw one; without it, the decision the hit carries, as text.
 */
function renderDecision(h, party, ctx) {
  if (ctx.decisionBox && party) return ctx.decisionBox(h, party);
  const d = h.decision || h.expiredDecision;
  if (!d) return null;
  const state = h.decision ? (d.kind === 'confirmed' ? 'is-confirmed' : 'is-false-positive') : 'is-expired';
  return el('div', { class: `decision ${state}` }, el('p', { class: 'decision-text' }, decisionText(d, !h.decision)));
}

export function renderParty(p, ctx) {
  const queryTokens = new Set(p.hits.flatMap((h) => h.explanation.pairs.flatMap((x) => x.query.split(/\s+/))).map(fold));
  const aside = p.hits.length && p.hits.every(isSetAside) ? ' hits-set-aside' : '';
  return el('article', { class: `party ${p.hits.length ? 'has-hits' : 'no-hits'}${aside}`, 'data-role': p.role },
    el('header', { class: 'party-head' },
      el('span', { class: 'role' }, roleLabel(p.role)),
      el('h4', { class: 'party-name' }, markTokens(p.name, queryTokens)),
      p.country ? el('span', { class: 'chip country', title: 'Country' }, p.country) : null,
      el('span', { class: `hitcount ${p.hits.length ? 'hitcount-some' : ''}` }, p.hits.length ? plural(p.hits.length, 'hit', 'hits') : 'no hit')),
    p.address ? el('p', { class: 'address muted' }, p.address) : null,
    p.hits.length ? el('ul', { class: 'hits', 'aria-label': `List hits for ${p.name}` }, p.hits.map((h) => renderHit(h, ctx, p))) : null);
}

function renderControl(c) {
  let status = null;
  if (c.controlled === true) status = el('span', { class: 'ctl ctl-yes' }, 'meets the control parameters');
  else if (c.controlled === false) status = el('span', { class: 'ctl ctl-no' }, 'outside the control parameters');
  else if (c.parameterCheck) status = el('span', { class: 'ctl ctl-unknown' }, 'depends on parameters');
  return el('li', { class: 'control' },
    el('span', { class: 'badge entry-badge' }, c.entry),
    el('div', { class: 'control-body' },
      el('p', { class: 'control-head' },
        el('span', { class: 'control-title' }, c.title), ' ', status, ' ',
        el('span', { class: 'muted small' }, `confidence ${pct(c.confidence)}`)),
      el('p', { class: 'small' },
        c.regimes.length ? [el('span', { class: 'muted' }, 'Regimes: '), c.regimes.join(', ')] : null,
        c.eccn.length ? [c.regimes.length ? ' · ' : '', el('span', { class: 'muted' }, 'US ECCN: '), c.eccn.join(', ')] : null),
      c.why.length ? el('p', { class: 'small muted' }, 'Why: ', c.why.join('; ')) : null,
      c.parameterCheck ? el('p', { class: 'ask' }, el('strong', {}, 'Ask the supplier: '), c.parameterCheck) : null,
      c.verify ? el('p', { class: 'small verify' }, 'The threshold used here is marked [verify]: check it against the current annex.') : null,
      c.citation ? el('p', { class: 'cite' }, c.citation) : null));
}

function renderItem(i) {
  return el('li', { class: 'item' },
    el('div', { class: 'item-head' },
      el('strong', {}, i.description),
      i.hs ? el('span', { class: 'chip' }, `HS ${i.hs}`) : null,
      i.quantity ? el('span', { class: 'chip' }, i.quantity) : null,
      (i.parameters || []).map((p) => el('span', { class: 'chip param', title: p.name }, p.text))),
    i.controls.length
      ? el('ul', { class: 'controls', 'aria-label': 'Candidate control-list entries' }, i.controls.map(renderControl))
      : el('p', { class: 'muted small' }, 'No control-list entry proposed.'));
}

/** What the decisions did to a reason (`reason.afterDecisions`), and whose decisions they were; null if nothing. */
function decidedNote(r, reason) {
  const after = reason.afterDecisions;
  if (!after) return null;
  const p = Number.isInteger(reason.party) ? r.parties[reason.party] : null;
  const hits = p ? p.hits.filter((h) => h.decision && `party.${String(h.listCode).toLowerCase()}` === reason.code) : [];
  const who = [...new Set(hits.map((h) => byText(h.decision)))].join(', ');
  if (after === 'clear') {
    return { cls: 'is-cleared', text: `Cleared by decision: every hit of this party on this list is marked a false positive${who ? ` ${who}` : ''}.` };
  }
  const confirmed = hits.some((h) => h.decision.kind === 'confirmed');
  return { cls: 'is-changed', text: `After decisions: ${word(after)}${confirmed ? ` (a confirmed match${who ? ` ${who}` : ''})` : `${who ? ` (hits set aside ${who})` : ''}`}.` };
}

/** A reason or a rule: severity, message, the words of the order it rests on, what to do, the citation. */
function renderRule(tag, { severity, message, evidence, action, citation, code, decided = null }) {
  return el(tag, { class: `rule rule-${severity}${decided ? ` ${decided.cls}` : ''}`, 'data-code': code },
    severityPill(severity),
    el('div', { class: 'rule-body' },
      decided ? el('p', { class: 'cleared-note' }, decided.text) : null,
      el('p', { class: 'rule-msg' }, message),
      evidence.length ? el('p', { class: 'rule-evidence' }, el('span', { class: 'muted' }, 'In the order: '), evidenceMarks(evidence, severity)) : null,
      action ? el('p', { class: 'action' }, el('strong', {}, 'What to do: '), action) : null,
      el('p', { class: 'cite' }, citation, code ? el('span', { class: 'code' }, code) : null)));
}

/** The order text with the parties, items and rule evidence the engine found marked in it. */
function renderOrderText(r) {
  const text = r.order && typeof r.order.text === 'string' ? r.order.text : null;
  if (!text) return null;
  const raw = [];
  const RANK = { stop: 4, review: 3, identifier: 2.5, party: 2, item: 1.5, info: 1 };
  for (const p of r.parties) if (p.span) raw.push({ span: p.span, kind: 'party', label: roleLabel(p.role) });
  for (const i of r.items) if (i.span) raw.push({ span: i.span, kind: 'item', label: 'item' });
  for (const f of r.flags) for (const s of f.evidence) raw.push({ span: s, kind: f.severity, label: `${SEVERITY_LABEL[f.severity] || f.severity}: ${f.code}` });
  for (const p of r.parties) {
    for (const h of p.hits) {
      for (const e of h.explanation.evidence) {
        if (e.identifier && e.identifier.written) raw.push({ span: e.identifier.written, kind: 'identifier', label: `${e.supports ? 'listed' : 'differs from the listed'} identifier` });
      }
    }
  }
  const usable = raw.filter((x) => Number.isInteger(x.span.start) && Number.isInteger(x.span.end) && x.span.end > x.span.start);
  const at = byteOffsetsToIndices(text, usable.flatMap((x) => [x.span.start, x.span.end]));
  const ranges = [];
  for (const x of usable) {
    const start = at(x.span.start);
    const end = at(x.span.end);
    if (start !== null && end !== null) ranges.push({ start, end, kind: x.kind, rank: RANK[x.kind] || 0, label: x.label });
  }
  const LEGEND = { party: 'party', identifier: 'identifier', item: 'item', stop: 'stop evidence', review: 'review evidence', info: 'note' };
  const kinds = Object.keys(LEGEND).filter((k) => ranges.some((x) => x.kind === k));
  return el('details', { class: 'ordertext', open: true },
    el('summary', {}, 'The order as read'),
    kinds.length ? el('p', { class: 'legend small' }, el('span', { class: 'muted' }, 'Marked: '), kinds.map((k) => [el('mark', { class: `hl hl-${k}` }, LEGEND[k]), ' '])) : null,
    el('pre', { class: 'order-pre', tabindex: 0, 'aria-label': 'The order text with what was found marked' }, highlight(text, ranges)));
}

/**
 * The note over a result screened from a corrected order: that it is, what was changed, and a way back to the
 * text as read.
 */
function correctedNote(changes, onUndo) {
  let undo = null;
  if (onUndo) {
    undo = el('button', { type: 'button', class: 'link', id: 'undo-corrections' }, 'Screen the text as read instead');
    undo.addEventListener('click', onUndo);
  }
  return el('div', { class: 'note corrected-note', id: 'corrected-note' },
    el('p', {}, el('strong', {}, 'This result comes from the corrected order'), ', not from the text as read. ',
      changes.length ? `Changed: ${changes.join('; ')}.` : 'No field differs from what was read.'),
    el('p', { class: 'small' }, 'Parties, items, destination, end use and payment terms are as corrected; the rules that read the ',
      'wording itself (“to be advised”, cash payment, …) still read the pasted text. ', undo));
}

/** "What was read from the order" as the editable form, to correct it and screen the corrected order. */
function renderCorrections(r, correct, open) {
  const { form, setOrder } = createOrderForm({
    idPrefix: 'fix', submitLabel: 'Screen again with these corrections', onSubmit: correct.onScreen,
    hint: 'Check the parties and their roles, the items and the terms as the engine read them. Correct or add what is wrong or missing (an end user the text names in passing, a role read wrongly) and screen again.',
  });
  setOrder(r.order);
  return el('details', { class: 'rsec corrections', id: 'corrections', open },
    el('summary', {}, el('h3', { id: 'read-h' }, 'What was read from the order'), el('span', { class: 'muted small' }, ' · correct it and screen again')),
    form);
}

/** The age warning of one list (older than the configured days, undated, or dated after today), or null. */
function listAgeWarning(l, maxAgeDays) {
  if (l.demo) return null;
  const check = ageCheck(l, maxAgeDays);
  return check.level === 'ok' ? null : el('span', { class: 'warn list-age' }, ` ${check.text}`);
}

/** A warning above the result when a list screened against is old or undated: a clear result means less then. */
function listsAgeNote(lists, maxAgeDays) {
  const bad = lists.filter((l) => !l.demo && ageCheck(l, maxAgeDays).level !== 'ok');
  if (!bad.length) return null;
  return el('div', { class: 'note lists-age-note', id: 'lists-age-note', role: 'note' },
    el('p', {}, `${bad.length === 1 ? 'A list' : `${bad.length} lists`} screened against may be out of date:`),
    el('ul', {}, bad.map((l) => el('li', {}, `${l.name}: ${ageCheck(l, maxAgeDays).text}`))));
}

/** When, against what and from which input: the screening's record, for the printed report. */
function renderRecord(r, record, maxAgeDays) {
  const digest = (text, id) => {
    const node = el('span', { class: 'mono sha', id }, 'computing…');
    sha256Hex(text).then((h) => { node.textContent = h; }, () => { node.textContent = 'not available'; });
    return node;
  };
  const at = record.at || new Date();
  return el('details', { class: 'rsec record', id: 'record' },
    el('summary', {}, 'Record of this screening'),
    el('dl', { class: 'facts' },
      fact('Screened at', el('time', { datetime: at.toISOString() }, `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`)),
      fact(record.form ? 'Order entered in the form, sha256' : 'Pasted text, sha256', digest(record.input, 'input-sha256')),
      record.corrected ? fact('Corrected order, sha256', digest(JSON.stringify(record.corrected), 'corrected-sha256')) : null,
      fact('Engine', `export-screen ${r.version} · report schema ${r.schemaVersion} · threshold ${r.threshold}`),
      r.decisionsAsOf ? fact('Decisions', `${plural(r.parties.reduce((k, p) => k + p.hits.filter((h) => h.decision).length, 0), 'hit carries', 'hits carry')} a decision (judged on ${r.decisionsAsOf}); engine verdict ${word(r.verdict)}, after decisions ${word(r.verdictAfterDecisions || r.verdict)}`) : null),
    r.lists.length ? el('table', { class: 'pairs lists-record' },
      el('caption', {}, 'Lists screened against'),
      el('thead', {}, el('tr', {}, ['List', 'Dated', 'Entries', 'sha256'].map((t) => el('th', { scope: 'col' }, t)))),
      el('tbody', {}, r.lists.map((l) => el('tr', {},
        el('td', {}, l.name, l.demo ? el('span', { class: 'badge badge-demo' }, 'DEMO') : null),
        el('td', { class: 'list-dated' }, asOfText(l), listAgeWarning(l, maxAgeDays)),
        el('td', { class: 'num' }, l.entries.toLocaleString('en')),
        el('td', { class: 'mono sha' }, l.sha256))))) : el('p', { class: 'small' }, 'No list was loaded.'));
}

/**
 * The whole report below the verdict banner. `ctx.correct` ({onScreen(order), onUndo}) adds the form to correct
 * what was read; `ctx.changes` (a list of words) marks a result screened from a corrected order; `ctx.record`
 * ({input, at, form, corrected}) adds the record of the screening.
 */
export function renderReport(r, ctx) {
  const out = [];
  const hits = r.parties.reduce((n, p) => n + p.hits.length, 0);
  out.push(el('div', { class: 'summary-bar' },
    el('p', { class: 'counts' },
      `${plural(r.parties.length, 'party', 'parties')} · ${plural(hits, 'list hit', 'list hits')} · `,
      `${plural(r.items.length, 'item', 'items')} · ${plural(r.flags.length, 'rule', 'rules')} fired`),
    ctx.actions && ctx.actions.length ? el('span', { class: 'report-actions' }, ctx.actions.map((a) => {
      const b = el('button', { type: 'button', id: a.id, class: 'quiet small-btn' }, a.label);
      b.addEventListener('click', a.onClick);
      return b;
    })) : null));
  const ageNote = listsAgeNote(r.lists, ctx.maxAgeDays);
  if (ageNote) out.push(ageNote);
  if (ctx.changes) out.push(correctedNote(ctx.changes, ctx.correct && ctx.correct.onUndo));
  else if (ctx.record && ctx.record.form) out.push(el('p', { class: 'note form-note', id: 'form-note' }, 'Screened from the order entered in the form: there is no pasted text, so the rules read only the fields filled in.'));
  // What was read comes first, folded: a reader checks the reading before trusting what follows from it.
  if (ctx.correct) out.push(renderCorrections(r, ctx.correct, !r.parties.length));

  out.push(section('parties-h', 'Parties', r.parties.length
    ? el('div', { class: 'parties' }, r.parties.map((p) => renderParty(p, ctx)))
    : el('p', { class: 'muted' }, 'No party was found in the text. Label the parties (Buyer:, Consignee:, End user:), or enter them under “What was read from the order” above and screen again.')));

  // A reason that comes from a rule carries that rule's advice; the rules no reason covers are listed after.
  const flagByCode = new Map(r.flags.map((f) => [f.code, f]));
  const covered = new Set();
  if (r.reasons.length) {
    out.push(section('reasons-h', 'Reasons', el('ol', { class: 'reasons' }, r.reasons.map((x) => {
      const f = flagByCode.get(x.code);
      if (f) covered.add(x.code);
      return renderRule('li', {
        severity: x.verdict, message: x.message, evidence: x.evidence.length ? x.evidence : (f ? f.evidence : []),
        action: f ? f.action : null, citation: x.citation, code: x.code, decided: decidedNote(r, x),
      });
    }))));
  }

  if (r.items.length) out.push(section('items-h', 'Items', el('ul', { class: 'items' }, r.items.map(renderItem))));
  const others = r.flags.filter((f) => !covered.has(f.code));
  if (others.length) {
    out.push(section('flags-h', r.reasons.length ? 'Other rules and notes' : 'Rules and notes',
      el('ul', { class: 'flags' }, others.map((f) => renderRule('li', f)))));
  }

  const orderText = renderOrderText(r);
  if (orderText) out.push(orderText);
  const fields = (r.order && r.order.fields) || [];
  if (fields.length) {
    out.push(el('details', { class: 'read' }, el('summary', {}, `Fields read from the order (${fields.length})`),
      el('table', { class: 'pairs' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'As written'), el('th', { scope: 'col' }, 'Value'))),
        el('tbody', {}, fields.map((f) => el('tr', {}, el('td', {}, f.key), el('td', {}, f.label), el('td', {}, f.value)))))));
  }
  if (ctx.record) out.push(renderRecord(r, ctx.record, ctx.maxAgeDays));
  out.push(el('p', { class: 'meta small muted' },
    `Screened against ${r.lists.length ? r.lists.map((l) => `${l.name} (${asOfWithAge(l)})`).join('; ') : 'no list'} · `,
    `threshold ${r.threshold} · export-screen ${r.version} · report schema ${r.schemaVersion}`));
  return out;
}

/**
 * The CSS that prints a header on every page of the report: the order, when it was screened, both verdicts, and
 * "page n of m" (CSS page-margin boxes). Installed as a constructed stylesheet, which the CSP allows.
 */
export function printHeaderCss({ order, at, report }) {
  const q = (t) => `"${String(t).replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]+/g, ' ')}"`;
  const after = report.verdictAfterDecisions || report.verdict;
  const verdicts = after !== report.verdict ? `${word(report.verdict)} (engine) · ${word(after)} after decisions` : word(report.verdict);
  const when = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const box = 'font: 8.5pt system-ui, sans-serif; color: #344054;';
  return `@page {
  @top-left { content: ${q(`export-screen · ${order}`)}; ${box} }
  @top-right { content: ${q(`${when} · ${verdicts}`)}; ${box} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
}`;
}

/**
 * The "minimum name score" control (like the minimum score of OFAC's Sanctions List Search): a slider from 0.50 to
 * 1.00 with the calibrated default marked, the value and what it means, and a way back to the default. `onChange`
 * gets the new threshold when the reader lets go of the slider.
 */
export function thresholdControl({ id, value, calibrated, onChange }) {
  const fmt = (x) => Number(x).toFixed(2);
  const input = el('input', { type: 'range', id, min: '0.5', max: '1', step: '0.01', value: fmt(value), list: `${id}-marks`, 'aria-describedby': `${id}-help` });
  const out = el('output', { for: id, class: 'threshold-value', id: `${id}-value` });
  const reset = el('button', { type: 'button', class: 'link threshold-reset' }, `Back to the calibrated ${fmt(calibrated)}`);
  const show = () => {
    const x = Number(input.value);
    const rel = Math.abs(x - calibrated) < 1e-9 ? 'the calibrated default' : x < calibrated ? `below the calibrated ${fmt(calibrated)}: more hits to review` : `above the calibrated ${fmt(calibrated)}: fewer hits, more misses`;
    out.textContent = `${fmt(x)} · ${rel}`;
    input.setAttribute('aria-valuetext', `${fmt(x)}, ${rel}`);
    reset.hidden = Math.abs(x - calibrated) < 1e-9;
  };
  input.addEventListener('input', show);
  input.addEventListener('change', () => onChange(Number(input.value)));
  reset.addEventListener('click', () => { input.value = fmt(calibrated); show(); onChange(calibrated); input.focus(); });
  show();
  // The calibrated default marked under the slider (placed by thresholdMarkCss).
  const mark = el('span', { class: 'threshold-mark', 'aria-hidden': 'true' }, `▲ ${fmt(calibrated)} calibrated`);
  return el('div', { class: 'threshold' },
    el('label', { for: id }, 'Minimum name score'),
    el('div', { class: 'threshold-row' }, el('span', { class: 'threshold-track' }, input, mark), out),
    el('datalist', { id: `${id}-marks` }, el('option', { value: fmt(calibrated), label: 'calibrated default' })),
    el('p', { class: 'help', id: `${id}-help` }, `A name scoring at least this much is a hit. ${fmt(calibrated)} is the calibrated default, chosen on the evaluation of real list names; reports record the threshold they were screened with. `, reset));
}

/**
 * The CSS that places the calibrated default's mark under the slider, where the thumb stands at that value (a 16 px
 * thumb on a 0.50–1.00 track). For a constructed stylesheet: markup may carry no style attribute under the CSP.
 */
export function thresholdMarkCss(calibrated) {
  return `.threshold-mark { left: calc(${(calibrated - 0.5) / 0.5} * (100% - 16px) + 8px); }`;
}

/** The result of a single-party check: a line on what was checked and one party card. */
export function renderPartyCheck(query, result, ctx) {
  const party = { role: 'party', name: query.name, country: query.country || null, address: null, hits: result.hits };
  return [
    el('p', { class: 'counts' }, `Quick check of one party against ${plural(ctx.lists.length, 'list', 'lists')} · threshold ${result.threshold}`),
    section('check-h', 'Party checked', el('div', { class: 'parties' }, renderParty(party, { ...ctx, threshold: result.threshold }))),
  ];
}
