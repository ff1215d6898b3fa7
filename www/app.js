// The page: wires the wasm Screener to the form and renders its reports. Every piece of data from a list, an
// order or a file name is put on the page with textContent (never innerHTML), so markup in it stays inert.
import init, { Screener, version } from '../pkg/export_screen.js';

const $ = (id) => document.getElementById(id);
const MAX_LIST_AGE_DAYS = 30;

const SAMPLE_ORDER = `PROFORMA INVOICE PI-2026-118
Seller: Example Instruments GmbH, Karlsruhe, Germany
Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, New Anarkali, Lahore, Pakistan
Consignee: same as buyer
End user: Chashma Nuclear Power Plant, Pakistan Atomic Energy Commission
End use: radiation protection at the power station
Items: 6 hand-foot contamination monitors, HS 9030.10
Payment: 100% advance by cash deposit
Delivery: CIP Lahore via Dubai`;

/** Creates an element; string children become text nodes (inert), others are appended as nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** Only http(s) links to elsewhere are shown as links; anything else (javascript:, data:) as text. */
function safeLink(url, text) {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') return el('a', { href: u.href, rel: 'noreferrer noopener', target: '_blank' }, text || u.href);
  } catch { /* not a URL */ }
  return el('span', {}, url);
}

let screener;

function showError(box, e) {
  box.hidden = false;
  box.textContent = String(e && e.message ? e.message : e);
}

function clearError(box) {
  box.hidden = true;
  box.textContent = '';
}

const EFFECT_LABEL = { prohibition: 'prohibition', licenceRequired: 'licence required', redFlag: 'red flag' };
const VERDICT_TEXT = {
  stop: 'STOP — do not ship: a restricted party, an embargo or a weapons end use.',
  review: 'REVIEW — resolve the points below before shipping.',
  clear: 'CLEAR — no list hit, no controlled item found, no red flag.',
};

function renderExplanation(ex) {
  const box = el('details', { class: 'explanation' }, el('summary', {}, 'Why this matched'));
  box.append(el('p', {}, ex.summary));
  if (ex.pairs.length) {
    const rows = ex.pairs.map((p) => el('tr', {}, el('td', {}, p.query), el('td', {}, p.listed), el('td', {}, p.how), el('td', {}, p.similarity.toFixed(2))));
    box.append(el('table', { class: 'pairs' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'query'), el('th', { scope: 'col' }, 'listed'), el('th', { scope: 'col' }, 'how'), el('th', { scope: 'col' }, 'similarity'))),
      el('tbody', {}, rows)));
  }
  if (ex.unmatchedQuery.length) box.append(el('p', {}, 'Not in the listed name: ', ex.unmatchedQuery.join(', ')));
  if (ex.unmatchedListed.length) box.append(el('p', {}, 'Listed words not in the query: ', ex.unmatchedListed.join(', ')));
  const ignored = ex.ignored.filter((i) => i.reason !== 'generic');
  if (ignored.length) box.append(el('p', { class: 'muted' }, 'Set aside: ', ignored.map((i) => `${i.token} (${i.reason}, ${i.side})`).join('; ')));
  const generic = ex.ignored.filter((i) => i.reason === 'generic');
  if (generic.length) box.append(el('p', { class: 'muted' }, 'Weak words (weigh little): ', [...new Set(generic.map((i) => i.token))].join(', ')));
  for (const e of ex.evidence) box.append(el('p', { class: e.supports ? 'supports' : 'contradicts' }, `${e.supports ? 'Supports' : 'Contradicts'} (${e.kind}): ${e.detail}`));
  return box;
}

function renderHit(h) {
  const pct = Math.round(h.score * 100);
  return el('li', { class: `hit effect-${h.effect}` },
    el('div', { class: 'hit-head' },
      el('span', { class: 'badge', title: h.source }, h.listCode || h.list),
      el('strong', { class: 'hit-name' }, h.name),
      el('span', { class: 'effect' }, EFFECT_LABEL[h.effect] || h.effect)),
    el('div', { class: 'score' },
      el('meter', { min: 0, max: 1, low: 0.8, high: 0.9, optimum: 0, value: h.score, 'aria-label': `match score ${pct}%` }),
      el('span', {}, ` ${pct}% — matched “${h.matchedName}”${h.explanation.matchedAlias ? ` (${h.explanation.matchedAlias})` : ''}`)),
    el('dl', { class: 'facts' },
      h.source && [el('dt', {}, 'List'), el('dd', {}, h.source, ' (', h.list, ')')],
      h.programs.length > 0 && [el('dt', {}, 'Programmes'), el('dd', {}, h.programs.join(', '))],
      h.licenseRequirement && [el('dt', {}, 'Licence requirement'), el('dd', {}, h.licenseRequirement)],
      h.licensePolicy && [el('dt', {}, 'Licence policy'), el('dd', {}, h.licensePolicy)],
      h.federalRegister && [el('dt', {}, 'Federal Register'), el('dd', {}, h.federalRegister)],
      h.addresses.length > 0 && [el('dt', {}, 'Listed address'), el('dd', {}, h.addresses.join(' · '))],
      h.aliases.length > 0 && [el('dt', {}, 'Aliases'), el('dd', {}, h.aliases.join(' · '))],
      h.remarks && [el('dt', {}, 'Remarks'), el('dd', {}, h.remarks)],
      h.sourceUrl && [el('dt', {}, 'Source'), el('dd', {}, safeLink(h.sourceUrl))]),
    renderExplanation(h.explanation));
}

function renderParty(p) {
  return el('article', { class: `party ${p.hits.length ? 'has-hits' : 'no-hits'}` },
    el('h4', {}, el('span', { class: 'role' }, p.role), ' ', p.name, p.country ? ` (${p.country})` : ''),
    p.address ? el('p', { class: 'muted' }, p.address) : null,
    p.hits.length ? el('ul', { class: 'hits' }, p.hits.map(renderHit)) : el('p', { class: 'muted' }, 'No list hit.'));
}

function renderReport(r) {
  const v = $('verdict');
  v.className = `verdict verdict-${r.verdict}`;
  v.textContent = VERDICT_TEXT[r.verdict] || r.verdict;
  const out = $('result');
  out.replaceChildren();
  if (r.reasons.length) {
    out.append(el('h3', {}, 'Reasons'), el('ol', { class: 'reasons' }, r.reasons.map((x) => el('li', { class: `reason reason-${x.verdict}` },
      el('span', { class: 'sev' }, x.verdict), ' ', x.message, x.citation ? el('span', { class: 'cite' }, ` — ${x.citation}`) : null))));
  }
  out.append(el('h3', {}, 'Parties'));
  out.append(r.parties.length ? el('div', { class: 'parties' }, r.parties.map(renderParty)) : el('p', { class: 'muted' }, 'No party found in the text: label them (Buyer:, Consignee:, End user:) or use the quick check.'));
  if (r.items.length) {
    out.append(el('h3', {}, 'Items'), el('ul', { class: 'items' }, r.items.map((i) => el('li', {},
      el('strong', {}, i.description), i.hs ? ` — HS ${i.hs}` : '', i.quantity ? ` — ${i.quantity}` : '',
      i.controls.length ? el('ul', {}, i.controls.map((c) => el('li', {}, el('span', { class: 'badge' }, c.entry), ' ', c.title,
        c.parameterCheck ? el('p', { class: 'muted' }, 'Check: ', c.parameterCheck) : null,
        c.citation ? el('span', { class: 'cite' }, ` — ${c.citation}`) : null))) : el('p', { class: 'muted' }, 'No control-list entry proposed.')))));
  }
  if (r.flags.length) {
    out.append(el('h3', {}, 'Red flags and rules'), el('ul', { class: 'flags' }, r.flags.map((f) => el('li', { class: `flag flag-${f.severity}` },
      el('span', { class: 'sev' }, f.severity), ' ', f.message,
      f.evidence.length ? el('q', {}, f.evidence.map((e) => e.text).join(' … ')) : null,
      f.citation ? el('span', { class: 'cite' }, ` — ${f.citation}`) : null))));
  }
  const fields = (r.order && r.order.fields) || [];
  if (fields.length) {
    out.append(el('details', { class: 'read' }, el('summary', {}, `What was read from the order (${fields.length} fields)`),
      el('table', { class: 'pairs' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'field'), el('th', { scope: 'col' }, 'as written'), el('th', { scope: 'col' }, 'value'))),
        el('tbody', {}, fields.map((f) => el('tr', {}, el('td', {}, f.key), el('td', {}, f.label), el('td', {}, f.value)))))));
  }
  out.append(el('p', { class: 'small muted' }, `Screened against ${r.lists.map((l) => l.name).join(', ')} · threshold ${r.threshold} · export-screen ${r.version}`));
}

function renderLists() {
  const body = $('lists-body');
  body.replaceChildren();
  const now = Date.now();
  for (const l of screener.lists()) {
    const age = l.published ? Math.floor((now - Date.parse(l.published)) / 86400000) : null;
    const stale = age !== null && age > MAX_LIST_AGE_DAYS;
    const remove = el('button', { type: 'button', class: 'link', 'aria-label': `Remove ${l.name}` }, 'Remove');
    remove.addEventListener('click', () => {
      try { screener.removeList(l.id); renderLists(); } catch (e) { showError($('list-error'), e); }
    });
    body.append(el('tr', {},
      el('td', {}, l.demo ? el('span', { class: 'badge demo' }, 'DEMO') : null, ' ', l.name, el('div', { class: 'muted small' }, `${l.format} · ${l.files.join(', ')}`)),
      el('td', { class: 'num' }, l.entries), el('td', { class: 'num' }, l.names),
      el('td', {}, l.published || '—', stale ? el('div', { class: 'warn small' }, `${age} days old: download a fresh copy`) : null),
      el('td', { class: 'mono' }, el('abbr', { title: l.sha256 }, l.sha256.slice(0, 12))),
      el('td', {}, remove)));
  }
}

async function loadFiles(files) {
  const box = $('list-error');
  clearError(box);
  const errors = [];
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      screener.loadList(bytes, { filename: file.name });
    } catch (e) {
      errors.push(e.message || String(e));
    }
  }
  renderLists();
  if (errors.length) showError(box, errors.join('\n'));
}

function screenOrder() {
  clearError($('error'));
  try {
    renderReport(screener.screenOrder($('order-text').value));
  } catch (e) {
    showError($('error'), e);
  }
}

function checkParty(ev) {
  ev.preventDefault();
  clearError($('error'));
  try {
    const name = $('party-name').value;
    const country = $('party-country').value.trim() || undefined;
    const r = screener.screenParty({ name, country });
    renderReport({
      verdict: r.hits.length ? 'review' : 'clear', reasons: [], items: [], flags: [], threshold: r.threshold,
      parties: [{ role: 'party', name, country: country || null, address: null, hits: r.hits }],
      lists: screener.lists(), version: version(),
    });
  } catch (e) {
    showError($('error'), e);
  }
}

/** An intranet deployment names its list snapshots in <meta name="export-screen-lists" content="lists/manifest.json">. */
async function loadDeployedLists() {
  const meta = document.querySelector('meta[name="export-screen-lists"]');
  if (!meta) return;
  const base = new URL(meta.content, document.baseURI);
  const manifest = await (await fetch(base)).json();
  for (const l of manifest.lists || []) {
    const r = await fetch(new URL(l.file, base));
    screener.loadList(new Uint8Array(await r.arrayBuffer()), { filename: l.file });
  }
}

async function main() {
  await init();
  screener = new Screener();
  $('version').textContent = version();
  $('threshold').textContent = String(screener.config().threshold);
  try { await loadDeployedLists(); } catch (e) { showError($('list-error'), `Deployed lists could not be loaded: ${e.message || e}`); }
  renderLists();
  $('screen-btn').addEventListener('click', screenOrder);
  $('sample-btn').addEventListener('click', () => { $('order-text').value = SAMPLE_ORDER; $('order-text').focus(); });
  $('clear-btn').addEventListener('click', () => { $('order-text').value = ''; $('result').replaceChildren(); });
  $('party-form').addEventListener('submit', checkParty);
  $('list-file').addEventListener('change', (e) => loadFiles([...e.target.files]));
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); loadFiles([...e.dataTransfer.files]); });
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('list-file').click(); } });
  for (const b of ['screen-btn', 'party-btn']) $(b).disabled = false;
  document.documentElement.dataset.ready = 'true';
  performance.mark('export-screen-ready');
}

main().catch((e) => showError($('error'), `The screening engine could not start: ${e.message || e}`));
