// The reviewer's decisions on list hits ("false positive", "confirmed match") as the page keeps them: plain data in
// the form the engine applies (Screener.setDecisions, src/decisions.rs: {party, entryId, listId, kind, note, by,
// expires, ...}) plus the `key` the page stores them under; the checks a new decision must pass (a note, the
// reviewer's name, an expiry, a second reason to dismiss a strong stop-list match); the JSON log's export and
// checked import (which the command line's --decisions reads too). No DOM and no storage here (records-ui.js,
// review.js and storage.js do that), so Node tests can run it. Applying decisions is the engine's job.

export const LOG_KIND = 'export-screen-decisions';
/** Version 2 writes decisions in the engine's form; version 1 (the page's earlier form) is still read. */
export const LOG_VERSION = 2;
export const KINDS = ['false-positive', 'confirmed'];
const MAX_NOTE = 2000;
const MAX_NAME = 200;
/** A false positive on a hit this strong on a list that stops the order needs a second, explicit confirmation. */
export const STRONG_SCORE = 0.95;
const STOPPING_EFFECTS = ['prohibition', 'licenceRequired'];

/** How the page keys a decision's party: Unicode-folded, lower case, accents and punctuation gone, spaces single. */
export function normalizeName(name) {
  return String(name ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** ISO date (YYYY-MM-DD) of a time, in UTC. */
export const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/** Today's date in the local time zone (YYYY-MM-DD): the day the page judges decisions on (their expiry). */
export function localDay(now = Date.now()) {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The default expiry of a false-positive decision: one year after `now`. */
export function defaultExpiry(now = Date.now()) {
  const d = new Date(now);
  d.setFullYear(d.getFullYear() + 1);
  return localDay(d);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s) => typeof s === 'string' && DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && isoDay(`${s}T00:00:00Z`) === s;

/** Whether dismissing this hit needs the second confirmation: a strong match on a list that stops the order. */
export function isStrongStopHit(hit) {
  return Number(hit.score) >= STRONG_SCORE && STOPPING_EFFECTS.includes(hit.effect);
}

/**
 * The list a decision names: the format of the loaded list the hit came from ("csl-csv", "demo-toml"), which stays
 * the same across sessions and list releases (the engine matches it as well as the session's list id).
 */
export function listRef(hit, lists = []) {
  const info = lists.find((l) => l.id === hit.listId);
  return { listId: info ? info.format : String(hit.listId ?? ''), list: String(info ? info.name : hit.list ?? '') };
}

/** The page's storage key of a decision: one per party (name and country), list and entry. */
export function decisionKey(d) {
  const p = typeof d.party === 'string' ? { name: d.party } : d.party || {};
  return JSON.stringify([normalizeName(p.name), String(p.country ?? '').trim().toUpperCase(), d.listId, d.entryId]);
}

/**
 * A new decision, checked: a note for a false positive (why this is not the listed party), the reviewer's name,
 * an expiry date after today for a false positive (a confirmed match does not expire), and for a false positive on
 * a strong stop-list match (score >= 0.95) the reason given at the second confirmation. Throws an Error saying
 * what is missing. Returns the decision in the engine's form with the page's `key`.
 */
export function makeDecision({ party, hit, lists, kind, note, by, expires, strongMatchReason, now = Date.now() }) {
  if (!KINDS.includes(kind)) throw new Error(`decision: kind must be one of ${KINDS.join(', ')}`);
  const fp = kind === 'false-positive';
  const text = String(note ?? '').trim();
  if (fp && !text) throw new Error('Write a note saying why this hit is a false positive.');
  if (text.length > MAX_NOTE) throw new Error(`The note is longer than ${MAX_NOTE} characters.`);
  const who = String(by ?? '').trim();
  if (!who) throw new Error('Give your name: it is recorded on the decision.');
  if (who.length > MAX_NAME) throw new Error(`The name is longer than ${MAX_NAME} characters.`);
  let exp = null;
  if (fp) {
    exp = expires || defaultExpiry(now);
    if (!validDay(exp)) throw new Error('Give the expiry as a date (YYYY-MM-DD).');
    if (exp <= localDay(now)) throw new Error('The expiry date must be after today.');
  }
  const strong = fp && isStrongStopHit(hit);
  const reason = String(strongMatchReason ?? '').trim();
  if (strong && !reason) throw new Error('Give the reason for dismissing a strong match on a list that stops the order.');
  if (reason.length > MAX_NOTE) throw new Error(`The reason is longer than ${MAX_NOTE} characters.`);
  const name = String(party.name ?? '').trim();
  if (!normalizeName(name)) throw new Error('decision: the party has no name');
  if (!hit.entryId) throw new Error('decision: the hit has no entry id');
  const country = String(party.country ?? '').trim();
  const { listId, list } = listRef(hit, lists);
  const d = {
    party: country ? { name, country } : { name },
    entryId: String(hit.entryId), listId, kind, note: text, by: who, expires: exp,
    decidedAt: new Date(now).toISOString(), listedName: String(hit.name ?? ''), list,
  };
  if (strong) d.strongMatchReason = reason;
  return { key: decisionKey(d), ...d };
}

/** The decision as the engine takes it: the page's key goes in as `id`, which comes back on the hits it covers. */
export function toEngine(d) {
  const { key, ...rest } = d;
  return { ...rest, id: key };
}

/** Checks one decision read from storage or an imported log (version 2); a list of problems, empty when valid. */
export function problemsOf(d) {
  const out = [];
  if (!d || typeof d !== 'object' || Array.isArray(d)) return ['not an object'];
  if (!KINDS.includes(d.kind)) out.push(`kind must be one of ${KINDS.join(', ')}`);
  if (typeof d.note !== 'string' || d.note.length > MAX_NOTE) out.push('note must be a text');
  else if (d.kind === 'false-positive' && !d.note.trim()) out.push('a false positive needs a note');
  if (typeof d.by !== 'string' || d.by.length > MAX_NAME) out.push('by must be a text (the reviewer\'s name)');
  if (typeof d.decidedAt !== 'string' || Number.isNaN(Date.parse(d.decidedAt))) out.push('decidedAt must be a date and time');
  if (d.expires != null && !validDay(d.expires)) out.push('expires must be a date (YYYY-MM-DD)');
  if (d.kind === 'false-positive' && d.expires == null) out.push('a false positive needs an expiry date');
  const p = d.party;
  if (!p || typeof p !== 'object' || typeof p.name !== 'string' || !normalizeName(p.name)) out.push('party must have a name');
  else if (p.country != null && typeof p.country !== 'string') out.push('party.country must be a text');
  if (typeof d.entryId !== 'string' || !d.entryId) out.push('entryId must be a text');
  if (typeof d.listId !== 'string' || !d.listId) out.push('listId must be a text');
  if (d.strongMatchReason != null && typeof d.strongMatchReason !== 'string') out.push('strongMatchReason must be a text');
  return out;
}

/** Keeps what a stored or imported decision may carry, nothing more (the engine refuses unknown fields). */
function clean(d) {
  const p = d.party;
  const out = {
    party: p.country ? { name: p.name, country: p.country } : { name: p.name },
    entryId: d.entryId, listId: d.listId, kind: d.kind, note: d.note, by: d.by, expires: d.expires ?? null,
    decidedAt: d.decidedAt, listedName: String(d.listedName ?? ''), list: String(d.list ?? ''),
  };
  if (d.strongMatchReason) out.strongMatchReason = d.strongMatchReason;
  return { key: decisionKey(out), ...out };
}

/** A decision kept in the page's earlier form ({party: {name, norm, country}, entry: {list, format, entryId}}). */
export function fromVersion1(d) {
  if (!d || !d.party || !d.entry) return d;
  return clean({
    party: { name: d.party.name, country: d.party.country || undefined }, entryId: d.entry.entryId,
    listId: d.entry.format || d.entry.list, kind: d.kind, note: d.note, by: typeof d.by === 'string' ? d.by : '',
    expires: d.expires ?? null, decidedAt: d.decidedAt, listedName: d.entry.listedName, list: d.entry.list,
  });
}

/** Reads a decision from storage (either form); null when it is not a valid decision. */
export function readStored(d) {
  const x = d && d.entry && !d.entryId ? fromVersion1(d) : d;
  return problemsOf(x).length ? null : clean(x);
}

/** The log as a JSON text to download (the command line reads it with --decisions). */
export function exportLog(decisions, now = Date.now()) {
  const list = [...decisions].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)).map((d) => {
    const { key, ...rest } = clean(d);
    return rest;
  });
  return JSON.stringify({ kind: LOG_KIND, version: LOG_VERSION, exportedAt: new Date(now).toISOString(), decisions: list }, null, 2);
}

/**
 * Reads an exported log (version 2, or version 1 of the page's earlier form). Throws an Error saying what is wrong
 * (the file as a whole, or decision number N and its field) and returns nothing partial: either every decision is
 * valid or none is taken.
 */
export function parseLog(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a JSON file (${e.message})`);
  }
  if (!data || data.kind !== LOG_KIND) throw new Error(`not an export-screen decisions log (expected "kind": "${LOG_KIND}")`);
  if (data.version !== 1 && data.version !== LOG_VERSION) throw new Error(`log version ${JSON.stringify(data.version)} is not supported (expected ${LOG_VERSION})`);
  if (!Array.isArray(data.decisions)) throw new Error('the log has no "decisions" array');
  return data.decisions.map((d, i) => {
    const x = data.version === 1 ? fromVersion1(d) : d;
    const problems = problemsOf(x);
    if (problems.length) throw new Error(`decision ${i + 1}: ${problems.join('; ')}`);
    return clean(x);
  });
}

/** Merges imported decisions into `current` (a Map key -> decision): for one key the later decision wins. */
export function mergeDecisions(current, incoming) {
  const out = new Map(current);
  let added = 0;
  let updated = 0;
  for (const d of incoming) {
    const old = out.get(d.key);
    if (!old) { out.set(d.key, d); added++; } else if (d.decidedAt > old.decidedAt) { out.set(d.key, d); updated++; }
  }
  return { decisions: out, added, updated };
}

/** Who decided, as the record says it. */
export const byText = (d) => (d.by ? `by ${d.by}` : 'by an unrecorded reviewer');

/** The sentence shown for a decision on a hit (`expired`: the engine reported it as `expiredDecision`). */
export function decisionText(d, expired = false) {
  const on = String(d.decidedAt || '').slice(0, 10);
  const note = d.note ? `: ${d.note}` : '';
  if (d.kind === 'confirmed') return `Confirmed match ${byText(d)} on ${on}${note}`;
  const strong = d.strongMatchReason ? `. Strong match dismissed because: ${d.strongMatchReason}` : '';
  return expired
    ? `Marked false positive ${byText(d)} on ${on}${note} — expired on ${d.expires}, so this hit counts again`
    : `Marked false positive ${byText(d)} on ${on}${note} (expires ${d.expires})${strong}`;
}
