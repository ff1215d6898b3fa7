// The page's Lists panel: list files loaded by picker or drop (a supplement such as OFAC's add.csv or alt.csv goes
// into the list it adds to), the deployed lists of an intranet bundle, one card per loaded list with the date it
// speaks for (ListInfo.asOf, read from the content, never from when the file was saved), its age and a warning
// when that is over the configured number of days or unknown, and the demo list, set aside while an official list
// is loaded. app.js calls setup() once and renderLists() when anything changes.
import { dropZone, el, messageOf } from './dom.js';
import { ageCheck, asOfText, DEFAULT_MAX_AGE_DAYS } from './list-dates.js';
import { bundleTime, loadBundle } from './manifest.js';

const $ = (id) => document.getElementById(id);
const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} bytes`);
const nextFrame = () => new Promise((r) => setTimeout(r, 0));
const count = (n) => n.toLocaleString('en');

let hooks = null; // { screener(), records, changed() }
let demoSetAside = false;
let demoWanted = false; // the user brought the demo list back: it stays for this session
let bundle = null; // { manifest, url } of the deployed lists, when the page has some

function showError(message) {
  const box = $('list-error');
  box.hidden = false;
  box.textContent = message;
}

function clearError() {
  const box = $('list-error');
  box.hidden = true;
  box.textContent = '';
}

/** The number of days past which a list is flagged as old (the setting under the lists). */
export function maxAgeDays() {
  const n = Number.parseInt($('stale-days').value, 10);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_AGE_DAYS;
}

/** "2026-12-06 08:49 UTC" from an ISO date-time in a manifest, or '' when there is none. */
const utc = (iso) => (typeof iso === 'string' && iso.length >= 16 ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** One line per entry that changed, by the publisher's id, and "… and N more" past the ones the manifest names. */
function changeItems(c) {
  const kinds = [
    ['added', 'addedEntries', 'Added'], ['removed', 'removedEntries', 'Removed'], ['changed', 'changedEntries', 'Changed'],
  ];
  const items = [];
  for (const [kind, list, word] of kinds) {
    const named = Array.isArray(c[list]) ? c[list] : [];
    for (const e of named) {
      items.push(el('li', { class: `change change-${kind}` }, el('span', { class: 'change-kind' }, `${word} `),
        el('span', { class: 'mono' }, String(e.id)), ` ${e.name}`,
        Array.isArray(e.fields) && e.fields.length ? el('span', { class: 'muted' }, ` (${e.fields.join(', ')})`) : null));
    }
    const more = (Number(c[kind]) || 0) - named.length;
    if (more > 0) items.push(el('li', { class: 'muted' }, `… and ${count(more)} more ${kind}`));
  }
  return items;
}

/**
 * What the deployed bundle's manifest says about one list: what changed since the previous bundle (`changes`,
 * written by `export-screen lists update`), or that its last download failed and this is the copy kept.
 */
function bundleNote(l) {
  if (!bundle) return null;
  const entry = (bundle.manifest.lists || []).find((m) => m.loadedId && m.loadedId === l.id);
  if (!entry) return null;
  if (entry.error) {
    const when = utc(entry.downloaded);
    return el('p', { class: 'warn list-download-failed' },
      `The last download failed (${entry.error}); this is the copy downloaded ${when ? `on ${when}` : 'before'}.`);
  }
  const c = entry.changes;
  if (!c || typeof c !== 'object') return null;
  if (c.first) return el('p', { class: 'list-changes muted' }, 'First download into this bundle: nothing to compare with.');
  const parts = [];
  if (c.added) parts.push(`${count(c.added)} added`);
  if (c.removed) parts.push(`${count(c.removed)} removed`);
  if (c.changed) parts.push(`${count(c.changed)} changed`);
  const since = utc(c.since);
  const head = `Since the previous bundle${since ? ` (${since})` : ''}: ${parts.length ? parts.join(', ') : 'no change'}.`;
  if (!parts.length) return el('p', { class: 'list-changes muted' }, head);
  return el('details', { class: 'list-changes' }, el('summary', {}, head), el('ul', { class: 'change-list' }, ...changeItems(c)));
}

function card(l, limit) {
  const check = ageCheck(l, limit);
  const warn = check.level !== 'ok';
  const remove = el('button', { type: 'button', class: 'link remove', 'aria-label': `Remove ${l.name} (${l.files.join(', ')})` }, 'Remove');
  remove.addEventListener('click', () => removeList(l));
  return el('li', { class: `list-card${l.demo ? ' is-demo' : ''}${warn ? ' is-stale' : ''}`, 'data-list-id': l.id, 'data-age': check.level },
    el('div', { class: 'list-head' },
      l.demo ? el('span', { class: 'badge badge-demo' }, 'DEMO') : null,
      el('strong', { class: 'list-name' }, l.name), remove),
    el('p', { class: 'list-meta' },
      el('span', {}, l.format), ' · ',
      el('span', { class: 'list-entries' }, `${count(l.entries)} entries`), ' · ',
      el('span', {}, `${count(l.names)} names`), ' · ',
      el('span', { class: 'list-published' }, asOfText(l)), ' · ',
      el('abbr', { class: 'mono', title: `sha256 ${l.sha256}` }, `sha256 ${l.sha256.slice(0, 12)}`)),
    el('p', { class: 'list-files muted' }, l.files.join(', ')),
    warn ? el('p', { class: 'warn stale' }, check.text) : null,
    bundleNote(l));
}

/** The line under the lists about the demo list when it is set aside, with the button that brings it back. */
function demoAsideNote(lists) {
  if (!demoSetAside || lists.some((l) => l.demo)) return null;
  const back = el('button', { type: 'button', class: 'link', id: 'demo-back' }, 'Bring the demo list back');
  back.addEventListener('click', bringDemoBack);
  return el('li', { class: 'list-card demo-aside muted', id: 'demo-aside' },
    'The demo list is set aside while an official list is loaded, so that its few entries do not show beside the official ones. ', back);
}

/** The "updated on" line of a deployed bundle. */
function bundleLine() {
  const m = bundle && bundle.manifest;
  const when = bundleTime(m);
  if (!when) return null;
  const failed = (m.lists || []).filter((l) => l.error).length;
  return el('p', { class: `bundle-updated small${failed ? ' warn' : ' muted'}`, id: 'bundle-updated' },
    `Deployed lists updated on ${when} UTC`,
    failed ? `; ${failed} of ${m.lists.length} could not be downloaded that time and ${failed === 1 ? 'is the previous copy' : 'are the previous copies'}` : '', '.');
}

/** Renders the loaded lists, each with its date, age and warning. */
export function renderLists() {
  const s = hooks && hooks.screener();
  if (!s) return;
  let lists;
  try {
    lists = s.lists();
  } catch (e) {
    showError(messageOf(e));
    return;
  }
  const limit = maxAgeDays();
  const items = lists.map((l) => card(l, limit));
  for (const [k, l] of lists.entries()) { const note = hooks.records.listNote(l); if (note) items[k].append(note); }
  const aside = demoAsideNote(lists);
  $('lists').replaceChildren(...items, ...(aside ? [aside] : []));
  const line = bundleLine();
  const old = $('bundle-updated');
  if (old) old.remove();
  if (line) $('lists').before(line);
  // The banner speaks of the demo list: it goes when that list is not loaded.
  $('demo-note').hidden = !lists.some((l) => l.demo);
  if (!lists.length) $('lists').prepend(el('li', { class: 'list-card empty' }, 'No list loaded: screening will find no listed party.'));
}

/** Sets the demo list aside once an official list is loaded (it comes back with the button). */
export function setAsideDemo() {
  const s = hooks.screener();
  const lists = s.lists();
  if (demoWanted || !lists.some((l) => l.demo) || !lists.some((l) => !l.demo)) return false;
  s.removeList('demo');
  demoSetAside = true;
  return true;
}

/** Brings the set-aside demo list back once no official list is loaded (all removed or forgotten). */
export function demoBackIfAlone() {
  const s = hooks && hooks.screener();
  if (!demoSetAside || !s || s.lists().some((l) => !l.demo)) return false;
  try {
    s.addDemoList();
  } catch {
    return false; // loaded already
  }
  demoSetAside = false;
  const status = $('list-status');
  status.textContent = `${status.textContent ? `${status.textContent} ` : ''}No official list is loaded: the demo list is back.`;
  return true;
}

function bringDemoBack() {
  clearError();
  try {
    hooks.screener().addDemoList();
    demoSetAside = false;
    demoWanted = true;
    $('list-status').textContent = 'The demo list is back: its entries are screened beside the official lists.';
  } catch (e) {
    showError(messageOf(e));
  }
  hooks.changed();
  $('lists-h').focus();
}

function removeList(l) {
  clearError();
  try {
    hooks.screener().removeList(l.id);
    hooks.records.listRemoved(l);
    $('list-status').textContent = `Removed ${l.name}.`;
  } catch (e) {
    showError(messageOf(e));
  }
  hooks.changed();
  $('lists-h').focus(); // the button that had focus is gone
}

/**
 * Loads files one by one; a bad file is reported by name and the lists loaded before it stay as they were. A
 * supplement (OFAC's add.csv, alt.csv, sdn_comments.csv) goes into the list it adds to, which the status line
 * counts again.
 */
export async function loadFiles(files) {
  if (!files.length) return;
  const status = $('list-status');
  clearError();
  const s = hooks.screener();
  if (!s) {
    showError('The screening engine has not started yet; load the files again in a moment.');
    return;
  }
  const errors = [];
  const loaded = [];
  for (const file of files) {
    status.textContent = `Reading ${file.name} (${size(file.size)})…`;
    await nextFrame(); // let the status paint before the synchronous parse
    try {
      const before = s.lists();
      const bytes = new Uint8Array(await file.arrayBuffer());
      // No date from the file system: a file saved today may be an old copy. The engine dates the list by its
      // content (ListInfo.asOf).
      const info = s.loadList(bytes, { filename: file.name });
      const base = before.find((l) => l.id === info.id);
      if (base) {
        // A supplement went into the list it adds to: the same list, with more names.
        hooks.records.listUpdated(info);
        loaded.push(`${file.name} added to ${info.name} (${info.files[0]}): now ${count(info.entries)} entries, ${count(info.names)} names`);
        continue;
      }
      const same = before.find((l) => l.sha256 === info.sha256);
      if (same) {
        // The same bytes twice would report every hit twice: keep the copy loaded first.
        s.removeList(info.id);
        errors.push(`${file.name}: already loaded (same sha256 as ${same.files.join(', ')})`);
        continue;
      }
      hooks.records.listLoaded(info, bytes, file.name);
      loaded.push(`${info.name} from ${file.name}: ${count(info.entries)} entries, ${count(info.names)} names`);
    } catch (e) {
      const msg = messageOf(e);
      errors.push(msg.includes(file.name) ? msg : `${file.name}: ${msg}`);
    }
  }
  const aside = loaded.length && setAsideDemo();
  status.textContent = loaded.length ? `Loaded ${loaded.join('; ')}.${aside ? ' The demo list is set aside.' : ''}` : '';
  if (errors.length) showError(`${errors.length === 1 ? 'This file was' : 'These files were'} not loaded (the lists already loaded are unchanged):\n${errors.join('\n')}`);
  if (loaded.length) hooks.changed();
}

/**
 * An intranet deployment names its bundle (`export-screen lists update DIR`) in
 * <meta name="export-screen-lists" content="lists/manifest.json">; the page then starts without the demo list and
 * loads those, from its own origin. Returns the number of lists loaded.
 */
export async function loadDeployed(manifestUrl) {
  const result = await loadBundle(hooks.screener(), manifestUrl, document.baseURI);
  bundle = { manifest: result.manifest, url: manifestUrl };
  for (const [i, info] of result.infos.entries()) if (result.manifest.lists[i]) result.manifest.lists[i].loadedId = info.id;
  return result.infos.length;
}

/** Wires the panel: the file picker, the drop zone and the age setting. */
export function setup(h) {
  hooks = h;
  $('list-file').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = ''; // choosing the same file again fires change again
    loadFiles(files);
  });
  $('stale-days').addEventListener('input', () => { renderLists(); if (hooks.ageChanged) hooks.ageChanged(); });
  dropZone($('drop-zone'), loadFiles);
}
