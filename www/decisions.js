// The reviewer's decisions on list hits ("false positive", "confirmed match"), as plain data and pure functions:
// the keys that tie a decision to one party and one listed entry, applying the decisions to a report (which hits
// are set aside, which list reasons they clear, the verdict after them), and the JSON log's export and checked
// import. No DOM and no storage here (records-ui.js and storage.js do that), so Node tests can run it.

export const LOG_KIND = 'export-screen-decisions';
export const LOG_VERSION = 1;
export const KINDS = ['false-positive', 'confirmed'];
const RANK = { clear: 0, review: 1, stop: 2 };
const MAX_NOTE = 2000;

/** How a decision compares party names: Unicode-folded, lower case, accents and punctuation gone, spaces single. */
export function normalizeName(name) {
  return String(name ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The party as the screening used it: its normalised name and its country (ISO code, or '' when none). */
export function partyRef(party) {
  return { name: String(party.name ?? ''), norm: normalizeName(party.name), country: String(party.country ?? '').trim().toUpperCase() };
}

/**
 * The listed entry a hit points at, independent of this session's list ids: the list's name and format (from the
 * loaded list the hit came from) and the entry id within it.
 */
export function entryRef(hit, lists = []) {
  const info = lists.find((l) => l.id === hit.listId);
  return {
    list: String(info ? info.name : hit.list ?? ''),
    format: String(info ? info.format : ''),
    entryId: String(hit.entryId ?? ''),
    listedName: String(hit.name ?? ''),
  };
}

/**
 * The entries a hit stands for: its own, then its party's other listings (one hit per listed party: the CSL's copies
 * of one party, its SDN row and the same entry of sdn.csv). A decision on any of them covers the hit.
 */
export function hitRefs(hit, lists = []) {
  const own = entryRef(hit, lists);
  const others = (hit.listings || [])
    .filter((l) => !(l.listId === hit.listId && l.entryId === hit.entryId))
    .map((l) => entryRef({ listId: l.listId, list: l.list, entryId: l.entryId, name: l.name }, lists));
  return [own, ...others];
}

/** The decision (from `byKey`, a Map key -> decision) on any listing of a hit, with its key, or null. */
export function decisionFor(byKey, party, hit, lists = []) {
  for (const e of hitRefs(hit, lists)) {
    const key = decisionKey(party, e);
    if (byKey.has(key)) return { key, decision: byKey.get(key) };
  }
  return null;
}

/** One string per (party, entry); equal keys mean the same decision applies. */
export function decisionKey(party, entry) {
  return JSON.stringify([party.norm, party.country, entry.format, entry.list, entry.entryId]);
}

/** ISO date (YYYY-MM-DD) of a time, in UTC. */
export const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/** The default expiry of a false-positive decision: one year after `now`. */
export function defaultExpiry(now = Date.now()) {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return isoDay(d);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s) => typeof s === 'string' && DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && isoDay(`${s}T00:00:00Z`) === s;

/**
 * A new decision, checked: a false positive needs a note and an expiry date after today; a confirmed match keeps
 * its note (which may be empty) and does not expire. Throws an Error naming the field otherwise.
 */
export function makeDecision({ party, hit, lists, kind, note, expires, now = Date.now() }) {
  if (!KINDS.includes(kind)) throw new Error(`decision: kind must be one of ${KINDS.join(', ')}`);
  const text = String(note ?? '').trim();
  if (kind === 'false-positive' && !text) throw new Error('Write a note saying why this hit is a false positive.');
  if (text.length > MAX_NOTE) throw new Error(`The note is longer than ${MAX_NOTE} characters.`);
  let exp = null;
  if (kind === 'false-positive') {
    exp = expires || defaultExpiry(now);
    if (!validDay(exp)) throw new Error('Give the expiry as a date (YYYY-MM-DD).');
    if (exp <= isoDay(now)) throw new Error('The expiry date must be after today.');
  }
  const p = partyRef(party);
  const e = entryRef(hit, lists);
  if (!p.norm) throw new Error('decision: the party has no name');
  if (!e.entryId) throw new Error('decision: the hit has no entry id');
  return { key: decisionKey(p, e), kind, note: text, decidedAt: new Date(now).toISOString(), expires: exp, party: p, entry: e };
}

/** Whether a decision is in force at `now` (a false positive until the end of its expiry day). */
export function isActive(d, now = Date.now()) {
  return !d.expires || isoDay(now) <= d.expires;
}

/** Checks one decision read from storage or an imported file; returns a list of problems (empty when valid). */
export function problemsOf(d) {
  const out = [];
  if (!d || typeof d !== 'object' || Array.isArray(d)) return ['not an object'];
  if (!KINDS.includes(d.kind)) out.push(`kind must be one of ${KINDS.join(', ')}`);
  if (typeof d.note !== 'string' || d.note.length > MAX_NOTE) out.push('note must be a text');
  else if (d.kind === 'false-positive' && !d.note.trim()) out.push('a false positive needs a note');
  if (typeof d.decidedAt !== 'string' || Number.isNaN(Date.parse(d.decidedAt))) out.push('decidedAt must be a date and time');
  if (d.kind === 'false-positive' && !validDay(d.expires)) out.push('expires must be a date (YYYY-MM-DD)');
  if (d.kind === 'confirmed' && d.expires != null && !validDay(d.expires)) out.push('expires must be a date or null');
  const p = d.party;
  if (!p || typeof p.norm !== 'string' || !p.norm || typeof p.country !== 'string' || typeof p.name !== 'string') out.push('party must have name, norm and country');
  else if (normalizeName(p.norm) !== p.norm) out.push('party.norm is not a normalised name');
  const e = d.entry;
  if (!e || typeof e.list !== 'string' || typeof e.format !== 'string' || typeof e.entryId !== 'string' || !e.entryId) out.push('entry must have list, format and entryId');
  if (!out.length && d.key !== decisionKey(p, e)) out.push('key does not match the party and entry');
  return out;
}

/** Keeps what a stored or imported decision may carry, nothing more. */
function clean(d) {
  return {
    key: d.key, kind: d.kind, note: d.note, decidedAt: d.decidedAt, expires: d.expires ?? null,
    party: { name: d.party.name, norm: d.party.norm, country: d.party.country },
    entry: { list: d.entry.list, format: d.entry.format, entryId: d.entry.entryId, listedName: String(d.entry.listedName ?? '') },
  };
}

/** The log as a JSON text to download. */
export function exportLog(decisions, now = Date.now()) {
  const list = [...decisions].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)).map(clean);
  return JSON.stringify({ kind: LOG_KIND, version: LOG_VERSION, exportedAt: new Date(now).toISOString(), decisions: list }, null, 2);
}

/**
 * Reads an exported log. Throws an Error saying what is wrong (the file as a whole, or decision number N and its
 * field) and returns nothing partial: either every decision is valid or none is taken.
 */
export function parseLog(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a JSON file (${e.message})`);
  }
  if (!data || data.kind !== LOG_KIND) throw new Error(`not an export-screen decisions log (expected "kind": "${LOG_KIND}")`);
  if (data.version !== LOG_VERSION) throw new Error(`log version ${JSON.stringify(data.version)} is not supported (expected ${LOG_VERSION})`);
  if (!Array.isArray(data.decisions)) throw new Error('the log has no "decisions" array');
  return data.decisions.map((d, i) => {
    const problems = problemsOf(d);
    if (problems.length) throw new Error(`decision ${i + 1}: ${problems.join('; ')}`);
    return clean(d);
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

/** The rust core's words for a role in reason messages (src/rules/mod.rs role_label). */
const ROLE_WORDS = { endUser: 'end user', intermediate: 'intermediate consignee', notify: 'notify party', forwarder: 'freight forwarder', namedInText: 'party named in the text' };
const roleWords = (role) => ROLE_WORDS[role] || role;

/**
 * Which reason of the report is the list reason of which party and list. The core gives one reason per party and
 * list code (code "party.<listcode>"), whose message begins `The <role> "<party>" matches "<matched name>" on`; a
 * reason carrying a numeric `party` index is taken at its word.
 */
export function partyReasons(report) {
  const wanted = [];
  report.parties.forEach((p, pi) => {
    const seen = new Set();
    for (const h of p.hits) {
      if (seen.has(h.listCode)) continue;
      seen.add(h.listCode);
      wanted.push({ pi, listCode: h.listCode, code: `party.${String(h.listCode).toLowerCase()}`,
        prefix: `The ${roleWords(p.role)} "${p.name}" matches "${h.matchedName}" on` });
    }
  });
  const out = [];
  const taken = new Set();
  report.reasons.forEach((r, ri) => {
    if (!String(r.code).startsWith('party.')) return;
    const k = wanted.findIndex((w, i) => !taken.has(i) && w.code === r.code
      && (Number.isInteger(r.party) ? r.party === w.pi : String(r.message).startsWith(w.prefix)));
    if (k < 0) return;
    taken.add(k);
    out.push({ ri, pi: wanted[k].pi, listCode: wanted[k].listCode });
  });
  return out;
}

/**
 * Applies decisions (a Map key -> decision, or an array) to a report. Returns, per party and hit, the decision
 * that applies (with `active` false once expired); the party list reasons cleared because every hit of that party
 * on that list is an active false positive; the verdict after them; and how many hits were set aside.
 * A confirmed match never lowers anything; the hits stay in the report whatever is decided.
 */
export function applyDecisions(report, decisions, lists = [], now = Date.now()) {
  const byKey = decisions instanceof Map ? decisions : new Map([...decisions].map((d) => [d.key, d]));
  const hits = report.parties.map((p) => {
    const party = partyRef(p);
    return p.hits.map((h) => {
      const found = decisionFor(byKey, party, h, lists);
      const d = found && found.decision;
      return d ? { decision: d, active: isActive(d, now) } : null;
    });
  });
  const setAside = (pi, hi) => {
    const x = hits[pi][hi];
    return !!x && x.active && x.decision.kind === 'false-positive';
  };
  let hitsSetAside = 0;
  hits.forEach((row, pi) => row.forEach((_, hi) => { if (setAside(pi, hi)) hitsSetAside++; }));
  const cleared = new Set();
  for (const { ri, pi, listCode } of partyReasons(report)) {
    const p = report.parties[pi];
    const all = p.hits.map((h, hi) => [h, hi]).filter(([h]) => h.listCode === listCode);
    if (all.length && all.every(([, hi]) => setAside(pi, hi))) cleared.add(ri);
  }
  let verdict = 'clear';
  report.reasons.forEach((r, ri) => {
    if (!cleared.has(ri) && RANK[r.verdict] > RANK[verdict]) verdict = r.verdict;
  });
  if (!cleared.size) verdict = report.verdict; // nothing cleared: the engine's verdict stands as it is
  return { hits, clearedReasons: [...cleared].sort((a, b) => a - b), hitsSetAside, engineVerdict: report.verdict, verdict };
}

/** The decisions that applied to a report, for the JSON record. */
export function appliedList(applied) {
  const out = [];
  applied.hits.forEach((row, pi) => row.forEach((x, hi) => {
    if (x) out.push({ party: pi, hit: hi, active: x.active, ...clean(x.decision) });
  }));
  return out;
}

/** The sentence shown on a hit card for its decision. */
export function decisionText(d, active = true) {
  const on = d.decidedAt.slice(0, 10);
  const note = d.note ? `: ${d.note}` : '';
  if (d.kind === 'confirmed') return `Confirmed match by you on ${on}${note}`;
  return active
    ? `Marked false positive by you on ${on}${note} (expires ${d.expires})`
    : `Marked false positive by you on ${on}${note} — expired on ${d.expires}, so this hit counts again`;
}
