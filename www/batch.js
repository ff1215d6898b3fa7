// Batch screening on the page: a parties file (an ERP or CRM export) is read and parsed here, then screened in a
// pool of module Web Workers (www/worker.js), each with its own Screener holding the lists the page has loaded
// (handed over as snapshots) and the reviewer's decisions, in chunks, so the page stays responsive. Progress shows
// from the first moment (reading, starting the workers, screening, with counts). Cancel terminates the workers;
// after a finished run they are kept for the next file while the lists and settings stay the same. The results go
// into a table described once (COLUMNS: {id, header, sort, cell}) where each hit can be decided (review.js), and
// export as CSV with every hit and the decision on it (batchHitsCsv, formula-like cells neutralised).
import { batchHitsCsv, parseParties } from '../pkg/export_screen.js';
import { dropZone, el, messageOf } from './dom.js';
import { localDay } from './decisions.js';
import { decisionBox } from './review.js';

/** At most this many rows are screened in one run; the rest are counted and named in the message. */
export const MAX_ROWS = 20_000;
/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
const POOL = 2;
/** Workers idle this long after a run are ended (they hold a copy of every list). */
const IDLE_MS = 120_000;
const CHUNK = 250;
const PAGE = 200;

const $ = (id) => document.getElementById(id);
const fmt = (n) => n.toLocaleString('en');

class Cancelled extends Error {
  constructor() { super('cancelled'); }
}

// ---------------------------------------------------------------- reading the file

/**
 * The text of a file that should be CSV: UTF-8, UTF-16 with a byte-order mark, or else Windows-1252 (what older ERP
 * exports write). Anything with NUL bytes or many control characters is refused as binary.
 */
export function decodeText(bytes, name) {
  if (!bytes.length) throw new Error(`${name}: the file is empty`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 65_536);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new Error(`${name}: not a text file (it holds binary data); expected a CSV export with a header row`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > head.length / 100) throw new Error(`${name}: not a text file (it holds binary data); expected a CSV export with a header row`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Keeps the header line and the first `max` non-empty lines after it. Returns the kept text and how many
 * non-empty lines after the header were left out.
 */
export function capLines(text, max) {
  let pos = 0;
  let lines = 0;
  let cut = -1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (text.slice(pos, nl).trim()) {
      lines++;
      if (lines === max + 2) cut = pos;
    }
    pos = nl + 1;
  }
  if (cut < 0) return { text, leftOut: 0 };
  return { text: text.slice(0, cut), leftOut: lines - 1 - max };
}

// ---------------------------------------------------------------- workers

let modulePromise = null;

/**
 * The single-file build (scripts/build-single.mjs) has no files to fetch: it sets this global to the wasm bytes it
 * carries and to a blob: URL of the bundled worker.
 */
const embedded = () => globalThis.__exportScreenEmbedded || null;

/** The engine's wasm, compiled once on the page and shared with every worker (a WebAssembly.Module clones). */
function compiledModule() {
  if (!modulePromise && embedded()) modulePromise = WebAssembly.compile(embedded().wasm);
  if (!modulePromise) {
    const url = new URL('../pkg/export_screen_bg.wasm', import.meta.url);
    modulePromise = WebAssembly.compileStreaming(fetch(url))
      .catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
    modulePromise.catch(() => { modulePromise = null; });
  }
  return modulePromise;
}

/** A worker that answers one request at a time. */
function spawn() {
  const e = embedded();
  const worker = e
    ? new Worker(e.workerUrl, { type: e.workerType, name: 'export-screen batch' })
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'export-screen batch' });
  let pending = null;
  const settle = (fn, value) => {
    const p = pending;
    pending = null;
    if (p) p[fn](value);
  };
  worker.addEventListener('message', (ev) => {
    if (ev.data && ev.data.type === 'error') settle('reject', new Error(ev.data.message));
    else settle('resolve', ev.data);
  });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    settle('reject', new Error(ev.message || 'the batch worker could not start'));
  });
  worker.addEventListener('messageerror', () => settle('reject', new Error('the batch worker sent a message that could not be read')));
  return {
    call(msg, transfer = []) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(msg, transfer);
      });
    },
    terminate() {
      worker.terminate();
      settle('reject', new Cancelled());
    },
  };
}

// ---------------------------------------------------------------- the run

// From app.js: screener() (the page's Screener, or null while the engine starts), decisions() (the reviewer's
// decisions in the engine's form), review(lists) (what review.js needs to draw and save decisions).
let page = { screener: () => null, decisions: () => [], review: () => null };
let run = null; // the run in progress: { workers, cancelled }
let idle = null; // the workers of the last finished run, kept for the next one: { key, workers, timer }
let view = null; // the last results: { file, rows: [{row, result}], lists, sort, shown, open: Set of lines }
let applied = new Map(); // the decisions the results were screened with: key -> JSON

function showError(message) {
  $('batch-error').hidden = false;
  $('batch-error').textContent = message;
}

function setState(state) {
  $('batch').dataset.state = state;
}

/**
 * The progress bar and its words: a stage before screening starts (the bar runs without a value), then the
 * parties screened out of all.
 */
function progress(done, total, stage = null) {
  const bar = $('batch-progress');
  if (total === null) {
    bar.removeAttribute('value');
  } else {
    bar.max = Math.max(total, 1);
    bar.value = done;
  }
  const count = total === null ? '' : `${fmt(done)} of ${fmt(total)} parties screened`;
  $('batch-progress-text').textContent = stage ? `${stage}${count ? ` · ${count}` : ''}` : count;
}

const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} bytes`);
const nextFrame = () => new Promise((r) => setTimeout(r, 0));

/** The lists and config that give a worker the same lists and settings as the page's screener, and their key. */
function settings(screener) {
  const lists = screener.lists();
  const config = { ...screener.config(), demoList: lists.some((l) => l.demo) };
  return { lists, config, key: JSON.stringify([config, lists.map((l) => [l.id, l.sha256])]) };
}

/** The idle workers if they hold exactly these lists and settings; any others are ended. */
function takeIdle(key) {
  const kept = idle;
  idle = null;
  if (!kept) return null;
  clearTimeout(kept.timer);
  if (kept.key === key) return kept.workers;
  for (const w of kept.workers) w.terminate();
  return null;
}

function keepIdle(key, workers) {
  idle = { key, workers, timer: setTimeout(() => takeIdle(null), IDLE_MS) };
}

/** Starts a pool of workers holding the page's lists: the demo list by config, the others as snapshots. */
async function startWorkers(me, screener, lists, config) {
  const snapshots = lists.filter((l) => !l.demo).map((l) => ({ bytes: screener.snapshot(l.id), filename: l.files[0] || l.name }));
  const module = await compiledModule();
  if (me.cancelled) throw new Cancelled();
  for (let i = 0; i < POOL; i++) me.workers.push(spawn());
  await Promise.all(me.workers.map((w) => w.call({ type: 'init', module, config, snapshots })));
}

/** The decisions in force, for the workers and for the table's record of what its results were screened with. */
function currentDecisions() {
  const list = page.decisions();
  return { list, asOf: localDay(), byKey: new Map(list.map((d) => [d.id, JSON.stringify(d)])) };
}

async function screenFile(file) {
  if (run) {
    showError(`A batch is running: cancel it before screening ${file.name}.`);
    return;
  }
  $('batch-error').hidden = true;
  $('batch-note').textContent = '';
  $('batch-results').hidden = true;
  $('batch-tbody').replaceChildren();
  view = null;
  const screener = page.screener();
  if (!screener) {
    showError('The screening engine has not started yet; choose the file again in a moment.');
    return;
  }
  if (file.size > MAX_FILE_BYTES) {
    showError(`${file.name}: ${fmt(file.size)} bytes is more than the ${fmt(MAX_FILE_BYTES / 1024 / 1024)} MiB a batch file may have; split it into smaller files.`);
    return;
  }
  const me = { workers: [], cancelled: false };
  run = me;
  setState('running');
  $('batch-run').hidden = false;
  $('batch-cancel').disabled = false;
  $('batch-file').disabled = true;
  $('batch-status').textContent = `Reading ${file.name}…`;
  progress(0, null, `Reading ${file.name} (${size(file.size)})`);
  const t0 = performance.now();
  performance.mark('export-screen-batch-start');
  let parsed = null;
  let results = [];
  let done = 0;
  let outcome = 'done';
  try {
    const text = decodeText(new Uint8Array(await file.arrayBuffer()), file.name);
    const capped = capLines(text, MAX_ROWS);
    if (me.cancelled) throw new Cancelled();
    progress(0, null, `Reading the rows of ${file.name}`);
    await nextFrame(); // let the stage paint before the synchronous parse
    try {
      parsed = parseParties(capped.text, MAX_ROWS);
    } catch (e) {
      throw new Error(`${file.name}: ${messageOf(e)}`);
    }
    if (me.cancelled) throw new Cancelled();
    const total = parsed.rows.length;
    const address = parsed.addressColumns && parsed.addressColumns.length > 1 ? parsed.addressColumns.join(' + ') : parsed.addressColumn;
    const notes = [`${file.name}: ${fmt(total)} parties, names from the column “${parsed.nameColumn}”`
      + `${parsed.countryColumn ? `, countries from “${parsed.countryColumn}”` : ''}${address ? `, addresses from “${address}”` : ''}.`];
    if (capped.leftOut) notes.push(`Only the first ${fmt(MAX_ROWS)} rows are screened in one run: ${fmt(capped.leftOut)} further ${capped.leftOut === 1 ? 'line was' : 'lines were'} not screened (split the file to screen them).`);
    if (parsed.skipped) notes.push(`${fmt(parsed.skipped)} ${parsed.skipped === 1 ? 'row has' : 'rows have'} no name and ${parsed.skipped === 1 ? 'was' : 'were'} skipped.`);
    $('batch-note').textContent = notes.join(' ');
    const { lists, config, key } = settings(screener);
    const warm = takeIdle(key);
    if (warm) me.workers.push(...warm);
    else {
      progress(0, total, `Starting ${POOL} background workers with the lists`);
      await startWorkers(me, screener, lists, config);
    }
    performance.mark('export-screen-batch-workers-ready');
    const decided = currentDecisions();
    await Promise.all(me.workers.map((w) => w.call({ type: 'decisions', decisions: decided.list, asOf: decided.asOf })));
    $('batch-status').textContent = `Screening ${fmt(total)} parties in ${POOL} background workers…`;
    results = new Array(total);
    progress(0, total);
    let next = 0;
    const pump = async (w) => {
      while (next < total && !me.cancelled) {
        const start = next;
        next += CHUNK;
        const queries = parsed.rows.slice(start, start + CHUNK).map((r) => r.query);
        const answer = await w.call({ type: 'screen', id: start, queries });
        answer.results.forEach((r, k) => { results[start + k] = r; });
        done += answer.results.length;
        progress(done, total);
      }
    };
    performance.mark('export-screen-batch-parsed');
    await Promise.all(me.workers.map(pump));
    performance.mark('export-screen-batch-screened');
    if (me.cancelled) throw new Cancelled();
    const secs = (performance.now() - t0) / 1000;
    const hits = results.filter((r) => r.hits.length).length;
    $('batch-status').textContent = `Screened ${fmt(done)} parties in ${secs.toFixed(1)} s: ${fmt(hits)} with ${hits === 1 ? 'a hit' : 'hits'}, against ${lists.map((l) => l.name).join('; ') || 'no list'}.`;
    show(parsed, results, lists, decided);
    keepIdle(key, me.workers);
  } catch (e) {
    if (e instanceof Cancelled || me.cancelled) {
      outcome = 'cancelled';
      $('batch-status').textContent = parsed
        ? `Cancelled after ${fmt(done)} of ${fmt(parsed.rows.length)} parties; the table shows those screened.`
        : 'Cancelled.';
      if (parsed && done) show(parsed, results, settings(screener).lists, currentDecisions());
    } else {
      outcome = 'error';
      $('batch-status').textContent = '';
      showError(`Not screened: ${messageOf(e)}`);
    }
  } finally {
    if (outcome !== 'done') for (const w of me.workers) w.terminate();
    run = null;
    $('batch-cancel').disabled = true;
    $('batch-file').disabled = false;
    if (outcome !== 'done') $('batch-run').hidden = outcome === 'error';
    setState(outcome);
  }
}

function cancel() {
  if (!run) return;
  run.cancelled = true;
  for (const w of run.workers) w.terminate();
}

// ---------------------------------------------------------------- the table

const best = (e) => e.result.hits[0] || null;
const setAside = (h) => Boolean(h.decision && h.decision.kind === 'false-positive');

/** A row's decisions in a few words: how many of its hits are set aside or confirmed. */
function decisionSummary(e) {
  const hits = e.result.hits;
  if (!hits.length) return '';
  const aside = hits.filter(setAside).length;
  const confirmed = hits.filter((h) => h.decision && h.decision.kind === 'confirmed').length;
  const parts = [];
  if (confirmed) parts.push(`${confirmed === hits.length && confirmed === 1 ? '' : `${confirmed} `}confirmed`);
  if (aside) parts.push(aside === hits.length ? (hits.length === 1 ? 'false positive' : 'all false positives') : `${aside} of ${hits.length} false positive`);
  return parts.length ? parts.join(', ') : 'open';
}

/** One hit in a row's details: what matched, and the decision on it. */
function hitItem(x, e) {
  const party = { name: e.row.query.name, country: e.row.query.country || null };
  return el('li', { class: 'b-hit' },
    el('strong', {}, x.name), ` — ${x.list} (${x.listCode}), entry ${x.entryId}, score ${x.score.toFixed(3)}. `,
    x.explanation && x.explanation.summary ? x.explanation.summary : '',
    decisionBox(x, party, page.review(view.lists)));
}

/**
 * The batch table, described once: each column's id, header, how it sorts (null: it does not; `first`: the
 * direction of the first click; `key`: the value compared) and its cell. The header row and every row are built
 * from this.
 */
const COLUMNS = [
  { id: 'line', header: 'Line', num: true, sort: null, cell: (e) => String(e.row.line) },
  { id: 'name', header: 'Name', sort: { first: 'ascending', key: (e) => e.row.query.name.toLocaleLowerCase() }, cell: (e) => e.row.query.name },
  { id: 'country', header: 'Country', sort: { first: 'ascending', key: (e) => (e.row.query.country || '').toLocaleLowerCase() }, cell: (e) => e.row.query.country || '' },
  { id: 'hits', header: 'Hits', num: true, sort: null, cell: (e) => String(e.result.hits.length) },
  { id: 'score', header: 'Best score', num: true, sort: { first: 'descending', key: (e) => (best(e) ? best(e).score : -1) }, cell: (e) => (best(e) ? best(e).score.toFixed(3) : '') },
  {
    id: 'listed', header: 'Listed name', sort: null,
    cell: (e) => { const h = best(e); return h ? [h.name, h.matchedName && h.matchedName !== h.name ? el('span', { class: 'muted small' }, ` (as “${h.matchedName}”)`) : null] : ''; },
  },
  { id: 'list', header: 'List', sort: { first: 'ascending', key: (e) => (best(e) ? best(e).listCode || best(e).list : '\uffff') }, cell: (e) => (best(e) ? el('span', { title: best(e).list }, best(e).listCode || best(e).list) : '') },
  {
    id: 'decision', header: 'Decision',
    sort: { first: 'ascending', key: (e) => (e.result.hits.length ? (e.result.hits.every(setAside) ? 2 : e.result.hits.some((h) => h.decision) ? 1 : 0) : 3) },
    cell: decisionSummary,
  },
  {
    id: 'why', header: 'Why · decide', sort: null,
    cell: (e) => {
      const n = e.result.hits.length;
      if (!n) return '';
      const details = el('details', { open: view.open.has(e.row.line) },
        el('summary', {}, n === 1 ? 'Why' : `All ${n} hits`),
        el('ul', {}, e.result.hits.map((x) => hitItem(x, e))));
      details.addEventListener('toggle', () => { if (details.open) view.open.add(e.row.line); else view.open.delete(e.row.line); });
      return details;
    },
  },
];

/** The header row, built from COLUMNS. */
function header() {
  $('batch-thead').replaceChildren(el('tr', {}, COLUMNS.map((c) => {
    const th = el('th', { scope: 'col', class: c.num ? 'num' : null, 'data-sort': c.sort ? c.id : null },
      c.sort ? el('button', { type: 'button', class: 'sort' }, c.header) : c.header);
    if (c.sort) th.querySelector('button').addEventListener('click', () => sortBy(c.id));
    return th;
  })));
}

function show(file, results, lists, decided) {
  const rows = [];
  file.rows.forEach((row, i) => { if (results[i]) rows.push({ row, result: results[i] }); });
  view = { file, rows, lists, sort: null, shown: PAGE, open: new Set() };
  applied = decided.byKey;
  $('batch-results').hidden = false;
  $('batch-hits-only').checked = false;
  render();
}

function ordered() {
  let rows = view.rows;
  if ($('batch-hits-only').checked) rows = rows.filter((e) => e.result.hits.length);
  if (!view.sort) return rows;
  const { col, dir } = view.sort;
  const { key } = COLUMNS.find((c) => c.id === col).sort;
  const sign = dir === 'ascending' ? 1 : -1;
  return rows
    .map((e) => [key(e), e])
    .sort(([a, x], [b, y]) => (a < b ? -sign : a > b ? sign : x.row.line - y.row.line))
    .map(([, e]) => e);
}

function row(e) {
  const n = e.result.hits.length;
  const open = n && e.result.hits.every(setAside) ? 'decided' : n ? 'has-hits' : 'no-hits';
  return el('tr', { class: open, 'data-line': e.row.line },
    COLUMNS.map((c) => el('td', { class: [c.num ? 'num' : '', `b-${c.id}`].filter(Boolean).join(' ') }, c.cell(e))));
}

function render() {
  const rows = ordered();
  $('batch-tbody').replaceChildren(...rows.slice(0, view.shown).map(row));
  const left = rows.length - Math.min(rows.length, view.shown);
  $('batch-more').hidden = left <= 0;
  $('batch-more').textContent = `Show ${fmt(Math.min(left, PAGE))} more (${fmt(left)} not shown)`;
  const aside = view.rows.filter((e) => e.result.hits.length && e.result.hits.every(setAside)).length;
  $('batch-count').textContent = `${fmt(rows.length)} ${rows.length === 1 ? 'row' : 'rows'}${$('batch-hits-only').checked ? ' with hits' : ''}${aside ? ` · ${fmt(aside)} with every hit set aside by decisions` : ''}`;
  for (const th of document.querySelectorAll('#batch-table th[data-sort]')) {
    const on = view.sort && view.sort.col === th.dataset.sort;
    if (on) th.setAttribute('aria-sort', view.sort.dir);
    else th.removeAttribute('aria-sort');
  }
}

function sortBy(col) {
  if (!view) return;
  const same = view.sort && view.sort.col === col;
  const dir = same ? (view.sort.dir === 'ascending' ? 'descending' : 'ascending') : COLUMNS.find((c) => c.id === col).sort.first;
  view.sort = { col, dir };
  view.shown = PAGE;
  render();
}

/**
 * The decisions changed (made or withdrawn on a card or in this table, imported, forgotten): the rows with a hit
 * on an entry whose decision changed are screened again by the page's screener (which has the decisions; the
 * workers get them with the next file), and the table is drawn again. `focus`: the key of the decision just made.
 */
export function decisionsChanged(focus = null) {
  if (!view || run) return;
  const screener = page.screener();
  if (!screener) return;
  const now = currentDecisions();
  const entries = new Set();
  for (const [k, json] of now.byKey) if (applied.get(k) !== json) entries.add(JSON.parse(json).entryId);
  for (const [k, json] of applied) if (now.byKey.get(k) !== json) entries.add(JSON.parse(json).entryId);
  applied = now.byKey;
  const touched = view.rows.filter((e) => e.result.hits.some((h) => entries.has(h.entryId)));
  if (!touched.length) return;
  const fresh = screener.screenParties(touched.map((e) => e.row.query));
  touched.forEach((e, i) => { e.result = fresh[i]; });
  render();
  if (focus) {
    const box = [...document.querySelectorAll('#batch-tbody .decision')].find((b) => b.dataset.decisionKey === focus);
    const target = box ? box.querySelector('.decision-text') || box.querySelector('button') : null;
    if (target) target.focus();
  }
}

function exportCsv() {
  if (!view) return;
  const file = { ...view.file, rows: view.rows.map((e) => e.row) };
  const csv = batchHitsCsv(file, view.rows.map((e) => e.result));
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: `export-screen-batch-${localDay()}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- wiring

/**
 * Wires the Batch section. `hooks`: `screener()` (the page's Screener, or null while the engine starts),
 * `decisions()` (the reviewer's decisions in the engine's form), `review(lists)` (the decision controls' context).
 */
export function setupBatch(hooks) {
  page = hooks;
  header();
  $('batch-file').addEventListener('change', (e) => {
    const [file] = e.target.files;
    e.target.value = '';
    if (file) screenFile(file);
  });
  dropZone($('batch-drop'), (files) => {
    if (files.length > 1) showError('Drop one parties file at a time.');
    else if (files.length) screenFile(files[0]);
  });
  $('batch-cancel').addEventListener('click', cancel);
  $('batch-hits-only').addEventListener('change', () => { if (view) { view.shown = PAGE; render(); } });
  $('batch-more').addEventListener('click', () => { view.shown += PAGE; render(); });
  $('batch-export').addEventListener('click', () => {
    try {
      exportCsv();
    } catch (e) {
      showError(`Export failed: ${messageOf(e)}`);
    }
  });
}
