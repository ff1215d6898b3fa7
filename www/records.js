// What the page writes down about a screening, as pure functions: the JSON record, the CSV report (one row per
// party hit, item, rule and reason, formula-like cells neutralised), and the outcome of a saved screening with
// what changed when it is screened again. No DOM, no storage, so Node tests can run it.
import { appliedList, decisionKey, entryRef, partyRef } from './decisions.js';
import { ageCheck, asOfOf, asOfText, DEFAULT_MAX_AGE_DAYS } from './list-dates.js';

/** Hex SHA-256 of a text (UTF-8) or bytes, with the Web Crypto API (browser and Node). */
export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The lists a report used, as a record names them. */
export function listsOf(report) {
  return (report.lists || []).map((l) => ({
    name: l.name, format: l.format, published: l.published ?? null, asOf: asOfOf(l), asOfText: asOfText(l), sha256: l.sha256,
    entries: l.entries, names: l.names, demo: !!l.demo, files: l.files,
  }));
}

/**
 * The JSON record of an order screening: the input and its sha256, the parsed order, every hit and reason (the
 * whole report), the lists with name/date/sha256, the algorithm version and thresholds, when, and the decisions
 * applied with the verdict before and after them.
 */
export async function buildRecord({ input, report, config, version, applied, screenedAt, now = Date.now() }) {
  const inputText = typeof input === 'string' ? input : JSON.stringify(input);
  return {
    tool: 'export-screen',
    version,
    recordVersion: 1,
    screenedAt: screenedAt || new Date(now).toISOString(),
    exportedAt: new Date(now).toISOString(),
    input: inputText,
    inputKind: typeof input === 'string' ? 'text' : 'order',
    inputSha256: await sha256Hex(inputText),
    order: report.order,
    lists: listsOf(report),
    algorithm: {
      version, reportSchema: report.schemaVersion, threshold: config.threshold, stopThreshold: config.stopThreshold,
      maxHits: config.maxHits, config,
    },
    config,
    engineVerdict: report.verdict,
    verdictAfterDecisions: applied ? applied.verdict : report.verdict,
    decisions: applied ? {
      hitsSetAside: applied.hitsSetAside,
      clearedReasons: applied.clearedReasons.map((ri) => ({ index: ri, code: report.reasons[ri].code, message: report.reasons[ri].message })),
      applied: appliedList(applied),
    } : { hitsSetAside: 0, clearedReasons: [], applied: [] },
    report,
  };
}

/** A CSV cell: formula-like text (= + - @, tab, CR at the start) gets a leading ' so a spreadsheet shows it as text. */
export function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = ['row', 'verdict_or_severity', 'role', 'party', 'country', 'list', 'entry_id', 'listed_name',
  'score', 'effect', 'code', 'message', 'citation', 'decision'];

/**
 * The report as CSV: a verdict row, one row per list screened against (its date, the basis of the date, and
 * "old"/"undated" when it needs a fresh copy), then one row per party hit (or party without hit), item, rule and
 * reason.
 */
export function reportCsv(report, { applied = null, maxAgeDays = DEFAULT_MAX_AGE_DAYS, now = Date.now() } = {}) {
  const rows = [CSV_COLUMNS];
  const verdictNote = applied && applied.verdict !== report.verdict
    ? `engine verdict ${report.verdict}; after your decisions ${applied.verdict}` : '';
  rows.push(['verdict', report.verdict, '', '', '', '', '', '', '', '', '', `threshold ${report.threshold}, export-screen ${report.version}`, '', verdictNote]);
  for (const l of report.lists || []) {
    const check = l.demo ? { level: 'demo', text: 'demo list: not for real screening' } : ageCheck(l, maxAgeDays, now);
    const flag = { old: 'old', unknown: 'undated', future: 'dated in the future', demo: 'demo' }[check.level] || '';
    rows.push(['list', flag, '', '', '', l.name, '', '', '', '', l.format,
      `${asOfText(l)} · ${l.entries} entries · sha256 ${l.sha256}${check.text ? ` · ${check.text}` : ''}`, l.files.join('; '), '']);
  }
  report.parties.forEach((p, pi) => {
    if (!p.hits.length) rows.push(['party', '', p.role, p.name, p.country, '', '', '', '', '', '', 'no hit', '', '']);
    p.hits.forEach((h, hi) => {
      const x = applied && applied.hits[pi] && applied.hits[pi][hi];
      const decision = x ? `${x.decision.kind}${x.active ? '' : ' (expired)'}: ${x.decision.note}` : '';
      rows.push(['hit', '', p.role, p.name, p.country, h.source || h.list, h.entryId, h.name, h.score.toFixed(2), h.effect,
        h.listCode, h.explanation ? h.explanation.summary : '', h.federalRegister || '', decision]);
    });
  });
  for (const i of report.items) {
    const controls = i.controls.map((c) => `${c.entry} (${c.title})`).join('; ');
    rows.push(['item', '', '', '', '', '', '', '', '', '', i.hs ? `HS ${i.hs}` : '', `${i.description}${i.quantity ? ` · ${i.quantity}` : ''}${controls ? ` · candidate entries: ${controls}` : ''}`,
      i.controls.map((c) => c.citation).join('; '), '']);
  }
  for (const f of report.flags) rows.push(['rule', f.severity, '', '', '', '', '', '', '', '', f.code, f.message, f.citation, '']);
  const cleared = new Set(applied ? applied.clearedReasons : []);
  report.reasons.forEach((r, ri) => {
    rows.push(['reason', r.verdict, '', '', '', '', '', '', '', '', r.code, r.message, r.citation, cleared.has(ri) ? 'cleared by decision' : '']);
  });
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** What a screening found, in a form that compares across sessions (no session-local list ids). */
export function outcomeOf(report, lists = []) {
  const hits = [];
  for (const p of report.parties) {
    const party = partyRef(p);
    for (const h of p.hits) {
      const e = entryRef(h, lists.length ? lists : report.lists || []);
      hits.push({ key: decisionKey(party, e), text: `${p.name} ~ ${h.name} (${e.list})` });
    }
  }
  hits.sort((a, b) => a.key.localeCompare(b.key));
  const reasons = [...new Set(report.reasons.map((r) => `${r.verdict} ${r.code}`))].sort();
  return { verdict: report.verdict, hits, reasons };
}

/** The differences between a saved outcome and a new one, as sentences; empty when the outcome is the same. */
export function outcomeChanges(before, after) {
  const out = [];
  if (before.verdict !== after.verdict) out.push(`verdict ${before.verdict.toUpperCase()} → ${after.verdict.toUpperCase()}`);
  const had = new Set(before.hits.map((h) => h.key));
  const has = new Set(after.hits.map((h) => h.key));
  for (const h of after.hits) if (!had.has(h.key)) out.push(`new hit: ${h.text}`);
  for (const h of before.hits) if (!has.has(h.key)) out.push(`hit gone: ${h.text}`);
  const rHad = new Set(before.reasons);
  const rHas = new Set(after.reasons);
  const newReasons = after.reasons.filter((r) => !rHad.has(r));
  const goneReasons = before.reasons.filter((r) => !rHas.has(r));
  if (newReasons.length) out.push(`new reasons: ${newReasons.join(', ')}`);
  if (goneReasons.length) out.push(`reasons gone: ${goneReasons.join(', ')}`);
  return out;
}

/** A short title for a saved screening: its verdict and its first parties. */
export function screeningTitle(report) {
  const names = report.parties.filter((p) => p.role !== 'seller').map((p) => p.name);
  const unique = [...new Set(names)];
  const who = unique.length ? unique.slice(0, 2).join(', ') + (unique.length > 2 ? ` and ${unique.length - 2} more` : '') : 'no party found';
  return who;
}

