// Records and storage on the page: the opt-in to keep lists, decisions and saved screenings in this browser
// (storage.js), the reviewer's name, the decisions on hits as the page keeps them (decisions.js) and hands them to
// the engine (which applies them: app.js calls Screener.setDecisions), the decision controls' storage side
// (review.js draws them), saved screenings re-screened when the lists or decisions change, the CSV and JSON records
// of a screening (records.js), and "Forget everything". Nothing is stored before the user opts in.
import { el, messageOf } from './dom.js';
import { exportLog, isoDay, mergeDecisions, parseLog, readStored, toEngine } from './decisions.js';
import { buildRecord, listsOf, outcomeChanges, outcomeOf, reportCsv, reportFileName, screeningTitle, verdictsLabel } from './records.js';
import { VERDICT } from './render.js';
import * as store from './storage.js';

const $ = (id) => document.getElementById(id);
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
/** The reviewer's name, kept (with consent) beside the consent flag. */
const REVIEWER_KEY = 'export-screen.reviewer';

// Hooks from app.js: screener(), run(), renderLists(), openInput(input), showListError(msg), decisionsChanged()
// (hand the decisions to the engine and show the result again).
let app = null;
let consent = false;
let reviewer = ''; // the reviewer's name, asked once
const decisions = new Map(); // key -> decision (the engine's form plus the page's key)
const screenings = new Map(); // id -> saved screening
const listRecs = new Map(); // session list id -> { sha256, filename, loadedAt, restored, kept, bytes?, note? }

// ---------------------------------------------------------------- messages

function status(text) {
  $('records-status').textContent = text;
}

function problem(text) {
  const box = $('records-error');
  box.hidden = !text;
  box.textContent = text || '';
}

function addProblem(text) {
  const box = $('records-error');
  box.textContent = box.hidden || !box.textContent ? text : `${box.textContent}\n${text}`;
  box.hidden = false;
}

/** Runs a storage write; a failure is shown with what it means, and the page goes on. */
async function keep(what, fn) {
  if (!consent) return false;
  try {
    await fn();
    return true;
  } catch (e) {
    addProblem(`${what} could not be kept in this browser: ${store.storageMessage(e)}. It stays for this session; what was kept before is unchanged.`);
    return false;
  }
}

// ---------------------------------------------------------------- the panel

function panel() {
  const box = el('input', { type: 'checkbox', id: 'keep-consent', 'aria-describedby': 'keep-help' });
  box.checked = consent;
  box.addEventListener('change', () => setKeeping(box.checked).catch((e) => problem(messageOf(e))));
  const importInput = el('input', { id: 'decisions-import', class: 'sr-only', type: 'file', accept: '.json,application/json' });
  importInput.addEventListener('change', (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) importDecisions(file);
  });
  const exportBtn = el('button', { type: 'button', id: 'decisions-export', class: 'quiet small-btn' }, 'Export decisions (JSON)');
  exportBtn.addEventListener('click', exportDecisions);
  const forget = el('button', { type: 'button', id: 'forget-btn', class: 'danger small-btn' }, 'Forget everything…');
  const confirmRow = el('div', { id: 'forget-confirm', class: 'forget-confirm', hidden: true },
    el('p', { class: 'small' }, 'This deletes everything this page keeps in this browser (lists, decisions, saved screenings), unloads the lists you loaded (the demo list stays), clears your decisions and turns keeping off.'),
    el('button', { type: 'button', id: 'forget-yes', class: 'danger small-btn' }, 'Yes, forget everything'), ' ',
    el('button', { type: 'button', id: 'forget-no', class: 'quiet small-btn' }, 'Cancel'));
  forget.addEventListener('click', () => { confirmRow.hidden = false; forget.hidden = true; $('forget-yes').focus(); });
  confirmRow.querySelector('#forget-no').addEventListener('click', () => { confirmRow.hidden = true; forget.hidden = false; forget.focus(); });
  confirmRow.querySelector('#forget-yes').addEventListener('click', () => forgetEverything().catch((e) => problem(`Forgetting failed: ${messageOf(e)}`)));
  return [
    el('div', { class: 'consent' },
      el('div', { class: 'check' }, box, el('label', { for: 'keep-consent' }, 'Keep loaded lists in this browser')),
      el('p', { id: 'keep-help', class: 'help' }, 'Off by default. When on, the lists you load, your decisions on hits and the screenings you save are kept in this browser (IndexedDB, on this computer only) and come back when you open the page again. Nothing is uploaded. Turning it off deletes what was kept.')),
    el('p', { id: 'records-status', class: 'status', role: 'status', 'aria-live': 'polite' }),
    el('div', { id: 'records-error', class: 'error', role: 'alert', hidden: true }),
    el('h3', { class: 'sub' }, 'Decisions on hits'),
    el('p', { id: 'reviewer-line', class: 'small' }),
    el('p', { id: 'decisions-summary', class: 'small' }),
    el('div', { class: 'actions' }, exportBtn,
      el('label', { class: 'file-label small-btn', for: 'decisions-import' }, 'Import decisions…'), importInput),
    el('h3', { class: 'sub' }, 'Saved screenings'),
    el('p', { id: 'saved-summary', class: 'small' }),
    el('ul', { id: 'saved-list', class: 'saved-list', 'aria-label': 'Saved screenings' }),
    el('div', { class: 'forget' }, forget, confirmRow),
  ];
}

function renderReviewer() {
  const line = $('reviewer-line');
  if (!reviewer) {
    line.replaceChildren('Reviewer: not given yet (asked with your first decision; recorded on every decision).');
    return;
  }
  const change = el('button', { type: 'button', class: 'link', id: 'reviewer-change' }, 'Change');
  change.addEventListener('click', () => {
    const input = el('input', { type: 'text', id: 'reviewer-input', value: reviewer, autocomplete: 'name' });
    const save = el('button', { type: 'submit', class: 'small-btn' }, 'Save');
    const form = el('form', { class: 'reviewer-form', novalidate: true }, el('label', { for: 'reviewer-input' }, 'Your name, recorded on every decision you make'), input, ' ', save);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (input.value.trim()) setReviewer(input.value.trim());
      renderReviewer();
      $('reviewer-change')?.focus();
    });
    line.replaceChildren(form);
    input.focus();
  });
  line.replaceChildren('Reviewer: ', el('strong', { id: 'reviewer-name' }, reviewer), ` (recorded on every decision${consent ? ', kept in this browser' : ', for this session'}) · `, change);
}

/** The reviewer's name: kept in this browser only with consent. */
function setReviewer(name) {
  reviewer = String(name).trim();
  if (consent) {
    try { globalThis.localStorage.setItem(REVIEWER_KEY, reviewer); } catch (e) { addProblem(`Your name could not be kept in this browser: ${store.storageMessage(e)}.`); }
  }
}

function renderSummary() {
  renderReviewer();
  const n = decisions.size;
  const where = consent ? 'kept in this browser' : 'kept for this session only: they will not be kept when you close the page (turn on keeping above to keep them)';
  $('decisions-summary').textContent = n ? `${plural(n, 'decision', 'decisions')}, ${where}.` : `No decision yet. Mark a hit as a false positive or a confirmed match on its card; decisions are ${where}.`;
  renderSaved();
}

function renderSaved() {
  const all = [...screenings.values()].sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  const changed = all.filter((s) => s.changes && s.changes.length);
  const where = consent ? '' : ' (for this session only)';
  $('saved-summary').textContent = all.length
    ? `Saved screenings: ${changed.length ? `${changed.length} changed since saved` : 'none changed since saved'} (${all.length} in all)${where}.`
    : 'No saved screening. After screening an order, "Save screening" keeps it, and it is screened again whenever the lists change.';
  $('saved-list').replaceChildren(...all.map((s) => {
    const open = el('button', { type: 'button', class: 'link' }, 'Open');
    open.addEventListener('click', () => app.openInput(s.input));
    const del = el('button', { type: 'button', class: 'link', 'aria-label': `Delete saved screening ${s.title}` }, 'Delete');
    del.addEventListener('click', () => deleteSaved(s.id));
    const isChanged = s.changes && s.changes.length;
    return el('li', { class: `saved${isChanged ? ' is-changed' : ''}`, 'data-saved-id': s.id },
      el('p', { class: 'saved-head' }, el('span', { class: `sev sev-${s.outcome.verdictAfterDecisions || s.outcome.verdict}` }, verdictsLabel(s.outcome, VERDICT)), ' ',
        el('strong', {}, s.title), el('span', { class: 'muted' }, ` · saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC`)),
      isChanged ? el('p', { class: 'warn saved-changes' }, `Changed since saved: ${s.changes.join('; ')}`) : null,
      el('p', { class: 'small' }, open, ' · ', del));
  }));
}

// ---------------------------------------------------------------- consent

async function setKeeping(on) {
  problem('');
  if (on) {
    store.setConsent(true);
    consent = true;
    let lists = 0;
    for (const [id, rec] of listRecs) if (await keepList(id, rec)) lists++;
    for (const d of decisions.values()) await keep('A decision', () => store.put('decisions', d));
    for (const s of screenings.values()) await keep(`The saved screening "${s.title}"`, () => store.put('screenings', s));
    if (reviewer) setReviewer(reviewer);
    status(`Keeping is on: ${plural(lists, 'list', 'lists')}, ${plural(decisions.size, 'decision', 'decisions')} and ${plural(screenings.size, 'saved screening', 'saved screenings')} are kept in this browser.`);
  } else {
    consent = false;
    await store.forgetAll();
    for (const rec of listRecs.values()) { rec.kept = false; rec.restored = false; }
    status('Keeping is off: what was kept in this browser was deleted. The lists, decisions and saved screenings stay for this session.');
  }
  renderSummary();
  app.renderLists();
}

/** Writes one loaded list (its snapshot, or the file bytes while the engine has no snapshots) with its ListInfo. */
async function keepList(id, rec) {
  if (!consent || rec.kept) return rec.kept;
  const s = app.screener();
  const info = s.lists().find((l) => l.id === id);
  if (!info) return false;
  let bytes = rec.bytes;
  let kind = 'file';
  if (typeof s.snapshot === 'function') {
    try {
      bytes = s.snapshot(id);
      kind = 'snapshot';
    } catch (e) {
      if (!bytes) { addProblem(`“${info.name}” could not be kept: ${messageOf(e)}`); return false; }
    }
  }
  if (!bytes) {
    addProblem(`“${info.name}” (${info.files.join(', ')}) was loaded before keeping was turned on; load the file again to keep it.`);
    return false;
  }
  const ok = await keep(`The list “${info.name}” (${info.files.join(', ')})`, () => store.put('lists', {
    sha256: info.sha256, kind, bytes, filename: rec.filename, info, loadedAt: rec.loadedAt,
  }));
  rec.kept = ok;
  rec.note = ok ? null : 'not kept in this browser (see the message under Records)';
  if (ok && kind === 'snapshot') delete rec.bytes;
  return ok;
}

// ---------------------------------------------------------------- hooks for app.js

/** Builds the panel and reads the consent flag (reading only). */
export function init(hooks) {
  app = hooks;
  consent = store.hasConsent();
  if (consent) {
    try { reviewer = globalThis.localStorage.getItem(REVIEWER_KEY) || ''; } catch { reviewer = ''; }
  }
  $('records').replaceChildren($('records-h'), ...panel());
  renderSummary();
}

/** Restores what was kept (only with consent): lists into the engine, decisions, saved screenings. */
export async function restore() {
  if (!consent) return;
  const s = app.screener();
  let kept;
  try {
    kept = await store.getAll('lists');
  } catch (e) {
    addProblem(`The lists kept in this browser could not be read: ${store.storageMessage(e)}. Load the files again.`);
    kept = [];
  }
  const failed = [];
  let restored = 0;
  for (const r of kept.sort((a, b) => String(a.loadedAt).localeCompare(String(b.loadedAt)))) {
    const name = r && r.info && typeof r.info.name === 'string' ? `“${r.info.name}” (${(r.info.files || []).join(', ')})` : 'A kept list';
    try {
      if (!r || !(r.bytes instanceof Uint8Array || r.bytes instanceof ArrayBuffer)) throw new Error('the stored record has no list bytes');
      if (s.lists().some((l) => l.sha256 === r.sha256)) continue; // already loaded (a deployed list)
      const info = s.loadList(new Uint8Array(r.bytes), { filename: r.filename || 'kept-list' });
      // Kept under the official file's sha256 (a list loaded from a snapshot may report another hash).
      listRecs.set(info.id, { sha256: r.sha256, filename: r.filename, loadedAt: r.loadedAt, restored: true, kept: true });
      restored++;
    } catch (e) {
      failed.push(`${name}: ${messageOf(e)}`);
      try { await store.remove('lists', r.sha256); } catch { /* the message below still says it */ }
    }
  }
  if (failed.length) {
    app.showListError(`${failed.length === 1 ? 'A list kept in this browser' : 'Lists kept in this browser'} could not be restored and ${failed.length === 1 ? 'was' : 'were'} removed from its storage (load the file again; the other lists and your decisions are unchanged):\n${failed.join('\n')}`);
  }
  try {
    const bad = [];
    for (const d of await store.getAll('decisions')) {
      const x = readStored(d);
      if (!x) { bad.push(d); continue; }
      decisions.set(x.key, x);
      // A decision kept in the page's earlier form is kept again in the engine's.
      if (x.key !== d.key) await keep('A decision', async () => { await store.remove('decisions', d.key); await store.put('decisions', x); });
    }
    if (bad.length) addProblem(`${plural(bad.length, 'kept decision was', 'kept decisions were')} unreadable and left out.`);
  } catch (e) {
    addProblem(`Your kept decisions could not be read: ${store.storageMessage(e)}.`);
  }
  try {
    for (const x of await store.getAll('screenings')) if (x && x.id && x.outcome && x.input !== undefined) screenings.set(x.id, x);
  } catch (e) {
    addProblem(`Your saved screenings could not be read: ${store.storageMessage(e)}.`);
  }
  if (restored || decisions.size || screenings.size) {
    status(`Restored from this browser: ${plural(restored, 'list', 'lists')}, ${plural(decisions.size, 'decision', 'decisions')}, ${plural(screenings.size, 'saved screening', 'saved screenings')}.`);
  }
  app.decisionsChanged();
  recheckSaved();
  renderSummary();
}

/** A list was loaded from a file: remember when, and keep it (with consent). */
export function listLoaded(info, bytes, filename) {
  const rec = { sha256: info.sha256, filename, loadedAt: new Date().toISOString(), restored: false, kept: false };
  // Without snapshots in the engine, the file's bytes are what can be kept later (when keeping is turned on).
  if (typeof app.screener().snapshot !== 'function') rec.bytes = bytes;
  listRecs.set(info.id, rec);
  if (consent) keepList(info.id, rec).then(() => app.renderLists());
}

/** A loaded list grew (a supplement such as OFAC's alt.csv went into it): what is kept is replaced (with consent). */
export function listUpdated(info) {
  const rec = listRecs.get(info.id);
  if (!rec) return;
  rec.kept = false;
  rec.note = null;
  if (consent) keepList(info.id, rec).then(() => app.renderLists());
}

/** A list was removed: it goes from storage too. */
export function listRemoved(info) {
  const rec = listRecs.get(info.id);
  listRecs.delete(info.id);
  if (consent && rec) keep('Removing the list', () => store.remove('lists', rec.sha256));
}

/** The lists changed: saved screenings are screened again. */
export function listsChanged() {
  recheckSaved();
  renderSaved();
}

/** The line a list card shows about this browser's storage, or null. */
export function listNote(l) {
  const rec = listRecs.get(l.id);
  if (!rec) return null;
  if (rec.note) return el('p', { class: 'list-kept warn' }, rec.note);
  if (rec.restored) return el('p', { class: 'list-kept muted' }, `restored from this browser, loaded ${isoDay(rec.loadedAt)}`);
  if (rec.kept) return el('p', { class: 'list-kept muted' }, 'kept in this browser');
  return null;
}

// ---------------------------------------------------------------- decisions

/** The decisions as the engine takes them (Screener.setDecisions). */
export function engineDecisions() {
  return [...decisions.values()].map(toEngine);
}

/** What review.js needs to draw and save the decision controls of a hit. */
export function reviewContext(lists, where = 'result') {
  return {
    lists,
    reviewer: () => reviewer,
    consent: () => consent,
    save: (d, by) => decide(d, by, where),
    withdraw: (key) => withdrawDecision(key, where),
  };
}

function decide(d, by, where) {
  if (by && by !== reviewer) setReviewer(by);
  decisions.set(d.key, d);
  keep('Your decision', () => store.put('decisions', d)).then(renderSummary);
  renderSummary();
  recheckSaved();
  renderSaved();
  app.decisionsChanged({ focus: d.key, where });
}

function withdrawDecision(key, where) {
  decisions.delete(key);
  keep('Withdrawing the decision', () => store.remove('decisions', key));
  renderSummary();
  recheckSaved();
  renderSaved();
  app.decisionsChanged({ focus: key, where });
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function exportDecisions() {
  download(`export-screen-decisions-${isoDay(Date.now())}.json`, 'application/json', exportLog(decisions.values()));
  status(`Exported ${plural(decisions.size, 'decision', 'decisions')}.`);
}

async function importDecisions(file) {
  problem('');
  let incoming;
  try {
    if (file.size > 20 * 1024 * 1024) throw new Error('the file is larger than 20 MB');
    incoming = parseLog(await file.text());
  } catch (e) {
    problem(`${file.name} was not imported (your decisions are unchanged): ${messageOf(e)}`);
    return;
  }
  const { decisions: merged, added, updated } = mergeDecisions(decisions, incoming);
  decisions.clear();
  for (const [k, d] of merged) decisions.set(k, d);
  for (const d of incoming) if (decisions.get(d.key) === d) await keep('An imported decision', () => store.put('decisions', d));
  status(`Imported ${file.name}: ${plural(added, 'new decision', 'new decisions')}, ${updated} updated, ${incoming.length - added - updated} already known.`);
  renderSummary();
  app.decisionsChanged();
  recheckSaved();
  renderSaved();
}

// ---------------------------------------------------------------- records of a screening

/** Downloads the CSV report of an order screening; its file name shows both verdicts. */
export function downloadCsv(report) {
  const csv = reportCsv(report, { maxAgeDays: app.maxAgeDays ? app.maxAgeDays() : undefined });
  download(reportFileName(report, 'csv', isoDay(Date.now())), 'text/csv', csv);
}

/** The JSON record of the current order screening (app.js's Download JSON). */
export async function recordFor(run, { config, version }) {
  const record = await buildRecord({ input: run.input, report: run.report, config, version, screenedAt: run.at ? run.at.toISOString() : undefined });
  // An order read from the text and corrected on the page: the record says what was changed (report.order is it).
  if (run.corrected) Object.assign(record, { corrected: true, corrections: run.changes || null });
  return record;
}

// ---------------------------------------------------------------- saved screenings

/** Saves the current order screening: it is screened again whenever the lists or the decisions change. */
export async function saveScreening() {
  const run = app.run();
  if (!run || run.kind !== 'order') return;
  const { report } = run;
  const s = {
    // What was screened: the corrected order where the reader corrected what was read, else the input.
    id: crypto.randomUUID(), savedAt: new Date().toISOString(), title: screeningTitle(report), input: run.corrected || run.input,
    order: report.order, report, lists: listsOf(report), outcome: outcomeOf(report), changes: [],
  };
  screenings.set(s.id, s);
  const kept = await keep(`The saved screening "${s.title}"`, () => store.put('screenings', s));
  status(`Saved the screening of ${s.title} (${verdictsLabel(s.outcome, VERDICT)})${kept ? '' : consent ? '' : ' for this session only'}; it is screened again whenever the lists or the decisions change.`);
  renderSaved();
}

function deleteSaved(id) {
  const s = screenings.get(id);
  screenings.delete(id);
  keep('Deleting the saved screening', () => store.remove('screenings', id));
  status(s ? `Deleted the saved screening of ${s.title}.` : '');
  renderSaved();
}

/** Screens every saved screening again with the lists loaded now and notes what changed since it was saved. */
function recheckSaved() {
  const s = app.screener();
  if (!s) return;
  for (const x of screenings.values()) {
    try {
      const report = s.screenOrder(x.input);
      x.changes = outcomeChanges(x.outcome, outcomeOf(report));
    } catch (e) {
      x.changes = [`could not be screened again: ${messageOf(e)}`];
    }
  }
}

// ---------------------------------------------------------------- forget everything

async function forgetEverything() {
  problem('');
  await store.forgetAll();
  consent = false;
  $('keep-consent').checked = false;
  const s = app.screener();
  let unloaded = 0;
  for (const [id] of listRecs) {
    try { s.removeList(id); unloaded++; } catch { /* already gone */ }
  }
  listRecs.clear();
  decisions.clear();
  screenings.clear();
  reviewer = '';
  $('forget-confirm').hidden = true;
  $('forget-btn').hidden = false;
  renderSummary();
  app.listsChanged();
  status(`Forgot everything: this browser keeps nothing for the page now, ${plural(unloaded, 'list was', 'lists were')} unloaded and your decisions were cleared.`);
  app.decisionsChanged();
  $('forget-btn').focus();
}
