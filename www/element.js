// <export-screen>: the screener as a self-contained widget for an intranet page (an order desk, a CRM form).
//
//   <script type="module" src="/export-screen/www/element.js"></script>
//   <export-screen lists="lists/manifest.json" threshold="0.85"></export-screen>
//
// Attributes (read when the element is connected):
//   lists      URL of a manifest of deployed list files or snapshots ({"lists": [{"file": "csl.snapshot"}, ...]},
//              written by `export-screen snapshot DIR`), fetched from the page's own origin.
//   demo       also load the embedded demo list (it is loaded anyway when `lists` is absent). A clear result
//              against the demo list means nothing: the widget marks it DEMO.
//   threshold  match threshold (0..1; default 0.80, the calibrated one). The widget shows it as a "minimum name
//              score" slider with the calibrated default marked; moving it screens the order again.
//   max-age    days after which a list is flagged as old (default 30); a list without a date is always flagged.
//   value      order text to start with.
// Events (bubbling, composed): `ready` {lists, manifest, warnings}, `screened` {report}, `error` {message}.
// Properties and methods: `ready` (a Promise of the lists), `screener` (the Screener), `value` (the order text),
// `screen(text?)` (returns the report and fires `screened`).
//
// The report is drawn by the page's own renderer (render.js: the verdict banner, parties and hits, reasons, items),
// in a shadow root with text nodes only, styled by adopted (constructed) stylesheets: the page's style.css (fetched
// from this origin) and one for the widget's frame, so the widget needs no inline style or script and works under
// the page's CSP (script-src 'self' 'wasm-unsafe-eval').
import init, { Screener, defaultConfig } from '../pkg/export_screen.js';
import { ageCheck, asOfOf, asOfWithAge, BASIS_WORDS, DEFAULT_MAX_AGE_DAYS } from './list-dates.js';
import { bundleTime, loadBundle } from './manifest.js';
import { renderReport, thresholdControl, thresholdMarkCss, verdictBanner } from './render.js';

const CSS = `
:host { display: block; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #17202a; background: none; }
:host([hidden]) { display: none; }
.es { border: 1px solid #d5dbe3; border-radius: 8px; padding: 0.8rem 1rem; background: #fff; }
.head { display: flex; justify-content: space-between; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; margin-bottom: 0.5rem; }
.head .es-title { font-size: 1.02rem; margin: 0; }
.engine { font-size: 0.8rem; color: #4b5563; border: 0; padding: 0; background: none; }
.engine.ok { color: #054f31; }
.engine.bad { color: #7a1a12; }
label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 0.25rem; }
textarea { box-sizing: border-box; width: 100%; min-height: 8rem; font: 0.84rem/1.4 ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  border: 1px solid #b8c1cc; border-radius: 6px; padding: 0.45rem 0.55rem; resize: vertical; }
button.go { font: inherit; font-size: 0.92rem; padding: 0.38rem 1.2rem; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; font-weight: 600; cursor: pointer; margin-top: 0.5rem; }
button.go:disabled { opacity: 0.55; cursor: not-allowed; }
button.go:hover:not(:disabled) { background: #1e3a8a; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.verdict { margin-top: 0.7rem; }
.verdict:empty { display: none; }
.threshold { margin-top: 0.6rem; }
.details .rsec h3 { font-size: 0.85rem; }
.demo { display: inline-block; font-size: 0.72rem; font-weight: 700; padding: 0 0.4rem; border-radius: 4px; background: #fff7d6; color: #4d3500; border: 1px solid #d9a400; margin-right: 0.3rem; }
.error { margin-top: 0.6rem; padding: 0.45rem 0.7rem; border: 1px solid #b42318; border-left-width: 5px; background: #fef3f2; color: #7a1a12; border-radius: 6px; font-size: 0.88rem; white-space: pre-wrap; }
.error[hidden] { display: none; }
.lists { display: block; margin: 0.6rem 0 0; padding: 0; font-size: 0.8rem; color: #4b5563; }
.ages { margin: 0.4rem 0 0; padding: 0.35rem 0.6rem 0.35rem 1.6rem; font-size: 0.8rem; color: #7a2e0e; background: #fffaeb; border: 1px solid #b54708; border-radius: 6px; }
.ages:empty { display: none; }
.changes { margin: 0.3rem 0 0; font-size: 0.8rem; color: #4b5563; }
.changes:empty { display: none; }
`;

let sheet = null;
let markPlaced = false; // the calibrated default's place under the slider, once the engine says what it is
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

let reportSheet = null;
/** The page's stylesheet as a constructed one, for the report drawn by render.js (fetched once for every widget). */
function reportStyles() {
  if (!reportSheet) {
    reportSheet = fetch(new URL('./style.css', import.meta.url))
      .then((r) => { if (!r.ok) throw new Error(`style.css: HTTP ${r.status}`); return r.text(); })
      .then((css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); return sheet; });
    reportSheet.catch(() => { reportSheet = null; });
  }
  return reportSheet;
}

let engine = null;
/** The wasm engine, started once for every widget on the page. */
function startEngine() {
  if (!engine) {
    engine = init();
    engine.catch(() => { engine = null; });
  }
  return engine;
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false && c !== '') node.append(c);
  return node;
}

const message = (e) => (e && typeof e.message === 'string' && e.message ? e.message : String(e));

/** Fetches a manifest of deployed lists (same origin) and loads every file it names into `screener`. */
export async function loadManifest(screener, manifestUrl, base = document.baseURI) {
  return (await loadBundle(screener, manifestUrl, base)).infos;
}

/** One list in the lists line: name, entries, the date it speaks for with its age, and the date's basis. */
function listText(l) {
  const basis = asOfOf(l).basis;
  const why = basis === 'file' || l.demo ? '' : `; ${BASIS_WORDS[basis] || basis}`;
  return `${l.name} (${l.entries.toLocaleString('en')} entries, ${asOfWithAge(l)}${why})`;
}

/**
 * What changed in the deployed lists since the previous bundle, from the manifest's `changes` (written by
 * `export-screen lists update`): "Since the previous bundle: CSL 1 added, 1 removed; UN no change." or ''.
 */
function changesText(manifest) {
  const parts = [];
  for (const m of (manifest && manifest.lists) || []) {
    const c = m.changes;
    if (!c || typeof c !== 'object' || c.first) continue;
    const what = [['added', c.added], ['removed', c.removed], ['changed', c.changed]].filter(([, n]) => n > 0)
      .map(([w, n]) => `${Number(n).toLocaleString('en')} ${w}`);
    parts.push(`${m.name || m.file} ${what.length ? what.join(', ') : 'no change'}`);
  }
  return parts.length ? `Since the previous bundle: ${parts.join('; ')}.` : '';
}

export class ExportScreenElement extends HTMLElement {
  #screener = null;
  #ui = null;
  #ready = null;
  #shown = false;

  connectedCallback() {
    if (this.#ui) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    const ui = {
      engine: h('span', { class: 'engine', part: 'status' }, 'Starting…'),
      order: h('textarea', { id: 'order', spellcheck: 'false', part: 'input' }),
      go: h('button', { type: 'button', class: 'go', disabled: true, part: 'button' }, 'Screen'),
      verdict: h('div', { class: 'verdict', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', part: 'verdict' }),
      error: h('div', { class: 'error', role: 'alert', hidden: true }),
      details: h('div', { class: 'details' }),
      lists: h('p', { class: 'lists' }),
      threshold: h('div', { class: 'threshold-box' }),
      ages: h('ul', { class: 'ages', 'aria-label': 'Lists that may be out of date' }),
      changes: h('p', { class: 'changes' }),
    };
    if (this.hasAttribute('value')) ui.order.value = this.getAttribute('value');
    root.append(h('div', { class: 'es', part: 'box' },
      h('div', { class: 'head' }, h('h2', { class: 'es-title' }, this.getAttribute('heading') || 'Export-control screening'), ui.engine),
      h('label', { for: 'order' }, 'Order text (buyer, consignee, end user, items)'),
      ui.order, ui.go, ui.threshold, ui.verdict, ui.error, ui.details, ui.lists, ui.changes, ui.ages));
    this.#ui = ui;
    ui.go.addEventListener('click', () => { this.screen().catch(() => {}); });
    ui.order.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); ui.go.click(); }
    });
    this.#ready = this.#start();
    this.#ready.catch(() => {});
  }

  disconnectedCallback() {
    // The screener is kept: an element moved in the DOM keeps its lists.
  }

  /** Resolves to the loaded lists once the engine runs and the lists are in. */
  get ready() { return this.#ready; }
  get screener() { return this.#screener; }
  get value() { return this.#ui ? this.#ui.order.value : this.getAttribute('value') || ''; }
  set value(text) { if (this.#ui) this.#ui.order.value = String(text); else this.setAttribute('value', String(text)); }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(text) {
    this.#ui.error.hidden = false;
    this.#ui.error.textContent = text;
    this.#emit('error', { message: text });
  }

  async #start() {
    const ui = this.#ui;
    const manifest = this.getAttribute('lists');
    const config = { demoList: !manifest || this.hasAttribute('demo') };
    if (this.hasAttribute('threshold')) {
      const t = Number(this.getAttribute('threshold'));
      if (!(t > 0 && t <= 1)) {
        ui.engine.textContent = 'Not running';
        ui.engine.className = 'engine bad';
        this.#fail(`threshold="${this.getAttribute('threshold')}" is not a number between 0 and 1.`);
        throw new Error('bad threshold');
      }
      config.threshold = t;
    }
    let deployed = null;
    try {
      // The report's styles first, the widget's own after them (they win where both say something).
      const sheet = await reportStyles();
      this.shadowRoot.adoptedStyleSheets = [sheet, styles()];
      await startEngine();
      this.#screener = new Screener(config);
      if (manifest) deployed = (await loadBundle(this.#screener, manifest)).manifest;
    } catch (e) {
      ui.engine.textContent = 'Not running';
      ui.engine.className = 'engine bad';
      this.#fail(`The screening engine could not start: ${message(e)}`);
      throw e;
    }
    const lists = this.#screener.lists();
    const when = deployed && bundleTime(deployed);
    const updated = when ? `. Updated on ${when} UTC.` : '';
    ui.lists.replaceChildren('Lists: ', ...lists.flatMap((l, i) => [i ? '; ' : '', l.demo ? h('span', { class: 'demo' }, 'DEMO') : '', l.demo ? ' ' : '',
      listText(l)]), updated);
    const warnings = this.#ageWarnings(lists, deployed);
    ui.ages.replaceChildren(...warnings.map((w) => h('li', {}, w)));
    ui.changes.textContent = changesText(deployed);
    if (!markPlaced) {
      styles().insertRule(thresholdMarkCss(defaultConfig().threshold), styles().cssRules.length);
      markPlaced = true;
    }
    ui.threshold.replaceChildren(thresholdControl({
      id: 'threshold', value: this.#screener.config().threshold, calibrated: defaultConfig().threshold,
      onChange: (t) => {
        try {
          this.#screener.setThreshold(t);
        } catch (e) {
          this.#fail(message(e));
          return;
        }
        // A report on show is screened again with the new minimum score.
        if (this.#shown) this.screen().catch(() => {});
      },
    }));
    ui.engine.textContent = 'Ready';
    ui.engine.className = 'engine ok';
    ui.go.disabled = false;
    this.setAttribute('data-ready', '');
    this.#emit('ready', { lists, manifest: deployed, warnings });
    return lists;
  }

  /** A sentence per list that is older than `max-age` days, undated, or whose last download failed. */
  #ageWarnings(lists, deployed) {
    const maxAge = Number(this.getAttribute('max-age'));
    const limit = maxAge > 0 ? maxAge : DEFAULT_MAX_AGE_DAYS;
    const out = [];
    for (const l of lists) {
      if (l.demo) continue;
      const check = ageCheck(l, limit);
      if (check.level !== 'ok') out.push(`${l.name}: ${check.text}`);
    }
    for (const m of (deployed && deployed.lists) || []) if (m.error) out.push(`${m.name || m.file}: the last download failed (${m.error}); the copy loaded is the previous one.`);
    return out;
  }

  /** Screens `text` (or the text in the box) and shows the verdict; returns the report. */
  async screen(text) {
    await this.#ready;
    const ui = this.#ui;
    if (text !== undefined) ui.order.value = String(text);
    ui.error.hidden = true;
    let report;
    try {
      if (!ui.order.value.trim()) throw new Error('Paste an order first.');
      report = this.#screener.screenOrder(ui.order.value);
    } catch (e) {
      ui.verdict.className = 'verdict';
      ui.verdict.replaceChildren();
      ui.details.replaceChildren();
      this.#shown = false;
      this.#fail(message(e));
      throw e;
    }
    this.#render(report);
    this.#emit('screened', { report });
    return report;
  }

  /** The report, drawn by the page's renderer: the verdict banner, then the parties, reasons and items. */
  #render(report) {
    const ui = this.#ui;
    const { cls, nodes } = verdictBanner({ kind: 'report', report });
    ui.verdict.className = cls;
    ui.verdict.replaceChildren(...nodes);
    const config = this.#screener.config();
    ui.details.replaceChildren(...renderReport(report, {
      lists: report.lists, threshold: config.threshold, stopThreshold: config.stopThreshold, maxAgeDays: this.#maxAgeDays(),
    }));
    this.#shown = true;
  }

  /** The `max-age` attribute, or the default: days after which a list is flagged as old. */
  #maxAgeDays() {
    const maxAge = Number(this.getAttribute('max-age'));
    return maxAge > 0 ? maxAge : DEFAULT_MAX_AGE_DAYS;
  }
}

if (!customElements.get('export-screen')) customElements.define('export-screen', ExportScreenElement);
