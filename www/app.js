// The page: wires the wasm Screener (../pkg, built from src/wasm.rs) to the forms and renders what it returns.
// Every call into the engine is wrapped so that an error is shown on the page and the page keeps working.
// The reviewer's decisions are handed to the engine (Screener.setDecisions) before every screening, so every
// report arrives complete and is rendered once (render.js).
import init, { Screener, defaultConfig, version } from '../pkg/export_screen.js';
import { el, messageOf } from './dom.js';
import { printHeaderCss, renderPartyCheck, renderReport, thresholdControl, thresholdMarkCss, verdictBanner } from './render.js';
import { createOrderForm, describeChanges } from './order-form.js';
import { localDay } from './decisions.js';
import { orderRef, reportFileName } from './records.js';
import { decisionBox } from './review.js'; // the decision controls on each hit
import * as records from './records-ui.js'; // records and storage (consent, decisions, saved screenings)
import { setupBatch, decisionsChanged as batchDecisionsChanged } from './batch.js'; // batch screening in Web Workers
import * as lists from './lists-ui.js'; // the Lists panel: files, deployed bundles, dates and ages, the demo list

const $ = (id) => document.getElementById(id);

const SAMPLES = {
  stop: `PROFORMA INVOICE PI-2026-118
Seller: Example Instruments GmbH, Karlsruhe, Germany
Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, New Anarkali, Lahore, Pakistan
Consignee: same as buyer
End user: Chashma Nuclear Power Plant, Pakistan Atomic Energy Commission
End use: radiation protection at the power station
Items: 6 hand-foot contamination monitors, HS 9030.10
Payment: 100% advance by cash deposit
Delivery: CIP Lahore via Dubai`,
  review: `Purchase order PO-2026-417
Seller: Nordic Inertial Sensors AB, Linköping, Sweden
Buyer / Consignee: Beijing Comfort Technology and Development Co., Ltd., No. 12 Zhongguancun Street, Haidian, Beijing, China
End user: to be advised
Items:
1. Three-axis fibre optic gyroscope, bias stability 0.05 deg/h, 20 pcs, HS 9014.20
2. Single-axis fibre optic gyro, bias stability 0.1 deg/h, 40 pcs
Payment: 100% T/T in advance`,
  clear: `Order 2026-0712
Seller: Schreiber Büromöbel GmbH, Stuttgart, Germany
Buyer: Nordic Office Interiors AS, Karl Johans gate 12, Oslo, Norway
Items: 40 ergonomic office chairs, mesh back, HS 9401.30
Payment: 30 days net
Delivery: DAP Oslo`,
};

/** What the idle warm-up screens (see warmUp): the review sample with names in Cyrillic, Han and Arabic script, so
 * that every embedded table a pasted order may need is read. */
const WARM_UP_ORDER = `${SAMPLES.review}\nNotify party: ООО Пример, Москва; 北京科技有限公司; شركة المثال, دبي`;

let screener = null;
// { kind: 'order', input, report, at } | { kind: 'party', query, result }; `at`: when the reader asked for it (a
// screening again for a decision or a new threshold keeps it).
let lastRun = null;
let runs = 0; // counts renderings (data-run on #result), so a test can tell a new result from the old one

// ---------------------------------------------------------------- messages

function showError(box, message) {
  box.hidden = false;
  box.textContent = message;
}

function clearError(box) {
  box.hidden = true;
  box.textContent = '';
}

/** Marks the result area as updated (a report, a party check or an error in their place). */
function bump() {
  $('result').dataset.run = String(++runs);
}

/** Writes the verdict banner (render.js verdictBanner: idle, failed, report or party). */
function setVerdict(state) {
  const { cls, nodes } = verdictBanner(state);
  const v = $('verdict');
  v.className = cls;
  v.replaceChildren(...nodes);
}

function resetVerdict(label, text) {
  setVerdict(label ? { kind: 'failed', label, text } : { kind: 'idle' });
  setPrintHeader(null);
}

/** The lists and thresholds a rendering needs, read from the engine, and the decision controls of each hit. */
function context() {
  const config = screener.config();
  const loaded = screener.lists();
  const review = records.reviewContext(loaded);
  return {
    lists: loaded, threshold: config.threshold, stopThreshold: config.stopThreshold, maxAgeDays: lists.maxAgeDays(),
    decisionBox: (h, p) => decisionBox(h, p, review),
  };
}

/** Renders the last result again, as it is (the age setting of the lists changed). */
function rerender() {
  if (lastRun && lastRun.kind === 'order') showReport(lastRun.report);
  else if (lastRun) showPartyCheck(lastRun.query, lastRun.result);
}

/** Hands the reviewer's decisions to the engine, judged on today's date, before a screening. */
function useDecisions() {
  screener.setDecisions(records.engineDecisions(), localDay());
}

const printSheet = typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;
/** The header printed on every page of a report (order, date, verdicts, page n of m), or none. */
function setPrintHeader(css) {
  if (!printSheet) return;
  printSheet.replaceSync(css || '');
  if (!document.adoptedStyleSheets.includes(printSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
}

// ---------------------------------------------------------------- screening

function screenOrder() {
  clearError($('error'));
  const text = $('order-text').value;
  if (!text.trim()) {
    showError($('error'), 'Paste an order first (or fill a sample order).');
    $('order-text').focus();
    bump();
    return;
  }
  try {
    useDecisions();
    const report = screener.screenOrder(text);
    lastRun = { kind: 'order', input: text, report, at: new Date() };
    showReport(report);
  } catch (e) {
    failed('Not screened.', 'The order could not be screened: see the message below.', e);
  }
}

/** Puts an error in place of the result, so a failed call never leaves half a report on the page. */
function failed(label, text, e) {
  resetVerdict(label, text);
  $('result').replaceChildren();
  $('result-stale').hidden = true;
  showError($('error'), messageOf(e));
  bump();
}

function showReport(report) {
  const ctx = { ...context(), ...orderContext(report), actions: reportActions() };
  setVerdict({ kind: 'report', report });
  $('result').replaceChildren(...renderReport(report, ctx));
  setPrintHeader(printHeaderCss({ order: orderRef(report), at: ctx.record ? ctx.record.at : new Date(), report }));
  bump();
  $('result-stale').hidden = true;
}

/** The buttons over a report: its records, printing, and saving the screening. */
function reportActions() {
  const fail = (e) => showError($('error'), `Export failed: ${messageOf(e)}`);
  return [
    { id: 'export-csv', label: 'Download CSV', onClick: () => { try { records.downloadCsv(lastRun.report); } catch (e) { fail(e); } } },
    { id: 'export-json', label: 'Download JSON', onClick: () => exportJson().catch(fail) },
    { id: 'print-btn', label: 'Print', onClick: () => window.print() },
    { id: 'save-screening', label: 'Save screening', onClick: () => records.saveScreening().catch(fail) },
  ];
}

function checkParty(ev) {
  ev.preventDefault();
  clearError($('error'));
  const nameInput = $('party-name');
  const name = nameInput.value.trim();
  if (!name) {
    nameInput.setAttribute('aria-invalid', 'true');
    showError($('error'), 'Enter the name of the party to check.');
    nameInput.focus();
    return;
  }
  nameInput.removeAttribute('aria-invalid');
  const country = $('party-country').value.trim();
  const query = country ? { name, country } : { name };
  try {
    useDecisions();
    const result = screener.screenParty(query);
    lastRun = { kind: 'party', query, result };
    showPartyCheck(query, result);
  } catch (e) {
    failed('Not checked.', 'The party could not be checked: see the message below.', e);
  }
}

function showPartyCheck(query, result) {
  const ctx = context();
  setVerdict({ kind: 'party', query, result, lists: ctx.lists });
  setPrintHeader(null);
  $('result').replaceChildren(...renderPartyCheck(query, result, ctx));
  bump();
  $('result-stale').hidden = true;
}

function rescreen() {
  if (!lastRun) return;
  if (lastRun.kind === 'order' && (lastRun.corrected || typeof lastRun.input !== 'string')) {
    screenObject(lastRun.corrected || lastRun.input, { corrected: Boolean(lastRun.corrected) });
  } else if (lastRun.kind === 'order') {
    $('order-text').value = lastRun.input;
    screenOrder();
  } else {
    clearError($('error'));
    try {
      useDecisions();
      const result = screener.screenParty(lastRun.query);
      lastRun = { ...lastRun, result };
      showPartyCheck(lastRun.query, result);
    } catch (e) {
      failed('Not checked.', 'The party could not be checked: see the message below.', e);
    }
  }
}

/**
 * The result on the page shown again with the decisions or the threshold in force now: the same input, screened
 * again (the engine applies the decisions), at the time the reader first screened it; the batch table's rows too.
 * `focus`: the key of the decision just made or withdrawn, whose text or buttons get the focus, `where` it was made
 * ('result' or 'batch').
 */
function refresh({ focus = null, where = 'result' } = {}) {
  if (!screener) return;
  useDecisions();
  batchDecisionsChanged(where === 'batch' ? focus : null);
  if (!lastRun) return;
  try {
    if (lastRun.kind === 'order') {
      const report = screener.screenOrder(lastRun.corrected || lastRun.input);
      lastRun = { ...lastRun, report };
      showReport(report);
    } else {
      lastRun = { ...lastRun, result: screener.screenParty(lastRun.query) };
      showPartyCheck(lastRun.query, lastRun.result);
    }
  } catch (e) {
    failed('Not screened.', 'The order could not be screened: see the message below.', e);
    return;
  }
  if (focus && where === 'result') {
    const box = [...document.querySelectorAll('#result .decision')].find((b) => b.dataset.decisionKey === focus);
    const target = box ? box.querySelector('.decision-text') || box.querySelector('button') : null;
    if (target) target.focus();
  }
}

/** The report as a JSON record: the input and its sha256, the lists with their hashes, every hit and reason. */
async function exportJson() {
  if (!lastRun || lastRun.kind !== 'order') return;
  // records.js: input + sha256, parsed order, report, lists, algorithm and thresholds, time, decisions applied.
  const record = await records.recordFor(lastRun, { config: screener.config(), version: version() });
  const url = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }));
  const a = el('a', { href: url, download: reportFileName(lastRun.report, 'json', record.screenedAt.slice(0, 10)) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- order form (order-form.js)
// lastRun of an order screened from an object: { kind: 'order', input, report, corrected, baseline, changes }, where
// `input` stays the pasted text and `corrected` is the Order screened (report.order), `baseline` the order as read
// from the text; or, in "Fill a form" mode, `input` is the Order entered.

let entryForm = null;

/** Screens an Order object: the order read from the text as corrected in the result, or one entered in the form. */
function screenObject(order, { corrected }) {
  clearError($('error'));
  if (!screener) {
    showError($('error'), 'The screening engine has not started yet; try again in a moment.');
    return;
  }
  try {
    useDecisions();
    const report = screener.screenOrder(order);
    if (corrected) {
      const baseline = lastRun.baseline || lastRun.report.order;
      lastRun = { kind: 'order', input: lastRun.input, report, corrected: order, baseline, changes: describeChanges(baseline, order), at: new Date() };
    } else {
      lastRun = { kind: 'order', input: order, report, at: new Date() };
    }
    showReport(report);
    // The button pressed was in the old result (corrections): the new verdict is where the reader goes on.
    if (corrected) $('result-h').focus();
  } catch (e) {
    failed('Not screened.', 'The order could not be screened: see the message below.', e);
  }
}

/** Screens the pasted text of the last run again, without the corrections. */
function undoCorrections() {
  const text = lastRun.input;
  clearError($('error'));
  try {
    useDecisions();
    const report = screener.screenOrder(text);
    lastRun = { kind: 'order', input: text, report, at: new Date() };
    showReport(report);
    $('result-h').focus();
  } catch (e) {
    failed('Not screened.', 'The order could not be screened: see the message below.', e);
  }
}

/** What renderReport needs to offer corrections and to write the record of the run that produced `report`. */
function orderContext(report) {
  if (!lastRun || lastRun.kind !== 'order' || lastRun.report !== report) return {};
  const fromText = typeof lastRun.input === 'string';
  return {
    correct: fromText ? { onScreen: (order) => screenObject(order, { corrected: true }), onUndo: lastRun.corrected ? undoCorrections : null } : null,
    changes: lastRun.changes || null,
    record: { input: fromText ? lastRun.input : JSON.stringify(lastRun.input), form: !fromText, corrected: lastRun.corrected || null, at: lastRun.at },
  };
}

function setOrderMode(mode) {
  $('paste-mode').hidden = mode !== 'paste';
  $('form-mode').hidden = mode !== 'form';
}

function wireOrderForm() {
  const clear = el('button', { type: 'button', class: 'quiet' }, 'Clear');
  entryForm = createOrderForm({
    idPrefix: 'entry', submitLabel: 'Screen', extraActions: [clear],
    onSubmit: (order) => screenObject(order, { corrected: false }),
    hint: 'Enter the parties with their roles and countries, the items, and the terms. Enter in a field screens.',
  });
  clear.addEventListener('click', () => { entryForm.setOrder(null); entryForm.focus(); });
  $('form-mode').append(entryForm.form);
  for (const radio of document.querySelectorAll('input[name="order-mode"]')) {
    radio.addEventListener('change', () => { if (radio.checked) setOrderMode(radio.value); });
  }
  setOrderMode(document.querySelector('input[name="order-mode"]:checked').value);
}

// ---------------------------------------------------------------- lists (lists-ui.js)

const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} bytes`);

function listsChanged() {
  lists.demoBackIfAlone();
  lists.renderLists();
  records.listsChanged();
  if (lastRun) $('result-stale').hidden = false;
}

// ---------------------------------------------------------------- start

function wire() {
  wireOrderForm();
  setupBatch({ screener: () => screener, decisions: () => records.engineDecisions(), review: (lists) => records.reviewContext(lists, 'batch') });
  $('screen-btn').addEventListener('click', screenOrder);
  $('order-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); screenOrder(); }
  });
  // A paste the engine would refuse is refused before the browser lays it out (10 MB of text in the box froze the
  // page for many seconds), with the engine's limit in the message.
  $('order-text').addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    const limit = screener ? screener.config().maxOrderBytes : Infinity;
    if (text.length <= limit / 4 || new TextEncoder().encode(text).length <= limit) return;
    e.preventDefault();
    showError($('error'), `Not pasted: the text is ${size(text.length)}; the limit is ${size(limit)} (screen large files as a batch instead).`);
  });
  $('sample-btn').addEventListener('click', () => {
    const box = $('order-text');
    box.value = SAMPLES[$('sample-select').value] || SAMPLES.stop;
    box.focus();
    box.setSelectionRange(0, 0);
    box.scrollTop = 0;
  });
  $('clear-btn').addEventListener('click', () => {
    $('order-text').value = '';
    $('result').replaceChildren();
    clearError($('error'));
    $('result-stale').hidden = true;
    lastRun = null;
    resetVerdict(null);
    $('order-text').focus();
  });
  $('party-form').addEventListener('submit', checkParty);
  $('rescreen-btn').addEventListener('click', rescreen);
  lists.setup({ screener: () => screener, records, changed: listsChanged, ageChanged: () => { if (lastRun) rerender(); } });
  // A file dropped anywhere else must not make the browser navigate away to it.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  // Printing (or saving as PDF) shows every explanation, not only the ones opened.
  window.addEventListener('beforeprint', () => { for (const d of document.querySelectorAll('#result details')) d.open = true; });
  resetVerdict(null);
}

/** The minimum name score: set on the engine; the result on the page is screened again with it. */
function wireThreshold() {
  const calibrated = defaultConfig().threshold;
  if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(thresholdMarkCss(calibrated));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  $('threshold-box').replaceChildren(thresholdControl({
    id: 'threshold-input', value: screener.config().threshold, calibrated,
    onChange: (t) => {
      try {
        screener.setThreshold(t);
      } catch (e) {
        showError($('error'), messageOf(e));
        return;
      }
      $('threshold').textContent = String(screener.config().threshold);
      refresh();
    },
  }));
}

async function main() {
  wire();
  await init();
  const deployed = document.querySelector('meta[name="export-screen-lists"]');
  screener = new Screener(deployed ? { demoList: false } : undefined);
  const config = screener.config();
  $('version').textContent = version();
  $('threshold').textContent = String(config.threshold);
  wireThreshold();
  $('engine-status').textContent = `Engine ready · v${version()}`;
  $('engine-status').classList.add('ok');
  if (deployed) {
    try {
      const n = await lists.loadDeployed(deployed.content);
      $('list-status').textContent = `Loaded ${n} deployed ${n === 1 ? 'list' : 'lists'}.`;
    } catch (e) {
      showError($('list-error'), `The deployed lists could not be loaded: ${messageOf(e)}. Load the official files below.`);
    }
  }
  records.init({
    screener: () => screener, run: () => lastRun, renderLists: lists.renderLists, listsChanged, maxAgeDays: lists.maxAgeDays,
    showListError: (msg) => showError($('list-error'), msg),
    decisionsChanged: (opts) => refresh(opts),
    openInput: (input) => { if (typeof input === 'string') { $('order-text').value = input; screenOrder(); } else screenObject(input, { corrected: false }); },
  });
  await records.restore();
  // Official lists kept in this browser came back: the demo list steps aside for them, as when they were loaded.
  if (lists.setAsideDemo()) records.listsChanged();
  lists.renderLists();
  for (const b of ['screen-btn', 'party-btn']) $(b).disabled = false;
  document.documentElement.dataset.ready = 'true';
  performance.mark('export-screen-ready');
  warmUp();
}

/**
 * Once the page is idle after start: one order screened and dropped. The engine reads its embedded data on first
 * use (the data files decompressed and parsed into catalogues, rules and places; the Unicode and Han tables) and
 * the browser compiles the wasm's hot code as it runs; without this, the user's first order waits for both (a
 * 1 MiB paste took 1.26 s of CPU first and 0.5 s after; 0.8 s first after this warm-up; Node, 2026-12-06). Marks
 * `export-screen-warm` and sets data-warm on <html> when done.
 */
function warmUp() {
  const run = () => {
    try {
      screener.screenOrder(WARM_UP_ORDER);
      performance.mark('export-screen-warm');
      document.documentElement.dataset.warm = 'true';
    } catch (e) {
      // Nothing is lost: the user's first order reads the same data. Said in the console for whoever looks.
      document.documentElement.dataset.warm = 'failed';
      console.warn(`export-screen: the warm-up order failed: ${messageOf(e)}`);
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 500);
}

// Anything that escapes a handler is still shown, so the page never fails silently.
window.addEventListener('error', (e) => showError($('app-error'), `Unexpected error: ${messageOf(e.error || e.message)}`));
window.addEventListener('unhandledrejection', (e) => showError($('app-error'), `Unexpected error: ${messageOf(e.reason)}`));

main().catch((e) => {
  $('engine-status').textContent = 'Engine not running';
  $('engine-status').classList.add('bad');
  showError($('app-error'), `The screening engine could not start: ${messageOf(e)}. Serve the page over http (bash scripts/serve.sh); it cannot run from file://.`);
  document.documentElement.dataset.ready = 'error';
});
