// What the page writes down about a screening, as pure functions of the completed report (the engine has applied
// the reviewer's decisions: hit.decision, reason.afterDecisions, report.verdictAfterDecisions): the JSON record, the
// CSV report (a verdict row, one row per list screened against with its date, one row per party hit, item, rule and
// reason, formula-like cells neutralised), file names that show both verdicts, and the outcome of a saved screening
// with what changed when it is screened again. No DOM, no storage, so Node tests can run it.
import { byText, normalizeName } from './decisions.js';
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

/** The verdict after decisions (the engine's verdict for a report from before decisions were data). */
export const afterVerdict = (report) => report.verdictAfterDecisions || report.verdict;

/** Every hit of the report that carries a decision in force, with where it is. */
export function decidedHits(report) {
  const out = [];
  report.parties.forEach((p, pi) => p.hits.forEach((h, hi) => {
    if (h.decision) out.push({ party: pi, hit: hi, active: true, ...h.decision });
    else if (h.expiredDecision) out.push({ party: pi, hit: hi, active: false, ...h.expiredDecision });
  }));
  return out;
}

/** How many hits a false-positive decision in force sets aside. */
export const hitsSetAside = (report) => report.parties.reduce((n, p) => n + p.hits.filter((h) => h.decision && h.decision.kind === 'false-positive').length, 0);

/**
 * The JSON record of an order screening: the input and its sha256, the parsed order, every hit and reason (the
 * whole report), the lists with name/date/sha256, the algorithm version and thresholds, when, and the decisions
 * applied with the verdict before and after them.
 */
export async function buildRecord({ input, report, config, version, screenedAt, now = Date.now() }) {
  const inputText = typeof input === 'string' ? input : JSON.stringify(input);
  // The config in force, with the threshold this report was screened with and whether the demo list was in it.
  const used = { ...config, threshold: report.threshold, demoList: (report.lists || []).some((l) => l.demo) };
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
      version, reportSchema: report.schemaVersion, threshold: report.threshold, stopThreshold: used.stopThreshold,
      maxHits: used.maxHits, config: used,
    },
    config: used,
    engineVerdict: report.verdict,
    verdictAfterDecisions: afterVerdict(report),
    decisions: {
      asOf: report.decisionsAsOf ?? null,
      hitsSetAside: hitsSetAside(report),
      clearedReasons: report.reasons.map((r, index) => ({ index, code: r.code, message: r.message, after: r.afterDecisions }))
        .filter((r) => r.after === 'clear').map(({ after, ...r }) => r),
      changedReasons: report.reasons.map((r, index) => ({ index, code: r.code, verdict: r.verdict, afterDecisions: r.afterDecisions }))
        .filter((r) => r.afterDecisions),
      applied: decidedHits(report),
    },
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

/** A decision as one CSV cell: kind, who, note, expiry. */
function decisionCell(h) {
  const d = h.decision || h.expiredDecision;
  if (!d) return '';
  const state = h.decision ? '' : ' (expired, not applied)';
  const exp = d.expires ? `, expires ${d.expires}` : '';
  const strong = d.strongMatchReason ? `; strong match dismissed because: ${d.strongMatchReason}` : '';
  return `${d.kind}${state} ${byText(d)} on ${String(d.decidedAt || '').slice(0, 10)}${exp}: ${d.note}${strong}`;
}

/**
 * The report as CSV: a verdict row (and the verdict after decisions), one row per list screened against (its date,
 * the basis of the date, and "old"/"undated" when it needs a fresh copy), then one row per party hit (or party
 * without hit), item, rule and reason.
 */
export function reportCsv(report, { maxAgeDays = DEFAULT_MAX_AGE_DAYS, now = Date.now() } = {}) {
  const rows = [CSV_COLUMNS];
  const after = afterVerdict(report);
  const verdictNote = after !== report.verdict ? `engine verdict ${report.verdict}; after decisions ${after}` : '';
  rows.push(['verdict', report.verdict, '', '', '', '', '', '', '', '', '', `threshold ${report.threshold}, export-screen ${report.version}`, '', verdictNote]);
  if (report.decisionsAsOf) rows.push(['verdict after decisions', after, '', '', '', '', '', '', '', '', '', `decisions judged on ${report.decisionsAsOf}`, '', '']);
  for (const l of report.lists || []) {
    const check = l.demo ? { level: 'demo', text: 'demo list: not for real screening' } : ageCheck(l, maxAgeDays, now);
    const flag = { old: 'old', unknown: 'undated', future: 'dated in the future', demo: 'demo' }[check.level] || '';
    rows.push(['list', flag, '', '', '', l.name, '', '', '', '', l.format,
      `${asOfText(l)} · ${l.entries} entries · sha256 ${l.sha256}${check.text ? ` · ${check.text}` : ''}`, l.files.join('; '), '']);
  }
  for (const p of report.parties) {
    if (!p.hits.length) rows.push(['party', '', p.role, p.name, p.country, '', '', '', '', '', '', 'no hit', '', '']);
    for (const h of p.hits) {
      rows.push(['hit', '', p.role, p.name, p.country, h.source || h.list, h.entryId, h.name, h.score.toFixed(2), h.effect,
        h.listCode, h.explanation ? h.explanation.summary : '', h.federalRegister || '', decisionCell(h)]);
    }
  }
  for (const i of report.items) {
    const controls = i.controls.map((c) => `${c.entry} (${c.title})`).join('; ');
    rows.push(['item', '', '', '', '', '', '', '', '', '', i.hs ? `HS ${i.hs}` : '', `${i.description}${i.quantity ? ` · ${i.quantity}` : ''}${controls ? ` · candidate entries: ${controls}` : ''}`,
      i.controls.map((c) => c.citation).join('; '), '']);
  }
  for (const f of report.flags) rows.push(['rule', f.severity, '', '', '', '', '', '', '', '', f.code, f.message, f.citation, '']);
  for (const r of report.reasons) {
    const changed = r.afterDecisions === 'clear' ? 'cleared by decision' : r.afterDecisions ? `${r.afterDecisions} after decisions` : '';
    rows.push(['reason', r.verdict, '', '', '', '', '', '', '', '', r.code, r.message, r.citation, changed]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A file name for a record of the report: both verdicts when the decisions changed the verdict
 * ("export-screen-stop-after-decisions-clear-2026-12-01.csv"), else the one.
 */
export function reportFileName(report, ext, day) {
  const after = afterVerdict(report);
  const verdicts = after !== report.verdict ? `${report.verdict}-after-decisions-${after}` : report.verdict;
  return `export-screen-${verdicts}-${day}.${ext}`;
}

/** What a screening found, in a form that compares across sessions (no session-local list ids). */
export function outcomeOf(report) {
  const lists = report.lists || [];
  const hits = [];
  for (const p of report.parties) {
    for (const h of p.hits) {
      const info = lists.find((l) => l.id === h.listId);
      const list = info ? info.name : h.list;
      hits.push({ key: JSON.stringify([normalizeName(p.name), String(p.country ?? '').trim().toUpperCase(), info ? info.format : '', list, h.entryId]), text: `${p.name} ~ ${h.name} (${list})` });
    }
  }
  hits.sort((a, b) => a.key.localeCompare(b.key));
  const reasons = [...new Set(report.reasons.map((r) => `${r.verdict} ${r.code}`))].sort();
  return { verdict: report.verdict, verdictAfterDecisions: afterVerdict(report), hits, reasons };
}

/** The two verdicts of an outcome as one label: "STOP", or "STOP → CLEAR after decisions". */
export function verdictsLabel(outcome, labels) {
  const word = (v) => (labels[v] ? labels[v].label : String(v).toUpperCase());
  const after = outcome.verdictAfterDecisions || outcome.verdict;
  return after !== outcome.verdict ? `${word(outcome.verdict)} → ${word(after)} after decisions` : word(outcome.verdict);
}

/** The differences between a saved outcome and a new one, as sentences; empty when the outcome is the same. */
export function outcomeChanges(before, after) {
  const out = [];
  if (before.verdict !== after.verdict) out.push(`verdict ${before.verdict.toUpperCase()} → ${after.verdict.toUpperCase()}`);
  const afterBefore = before.verdictAfterDecisions || before.verdict;
  const afterNow = after.verdictAfterDecisions || after.verdict;
  if (afterBefore !== afterNow) out.push(`verdict after decisions ${afterBefore.toUpperCase()} → ${afterNow.toUpperCase()}`);
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

/** A short title for a saved screening: its first parties. */
export function screeningTitle(report) {
  const names = report.parties.filter((p) => p.role !== 'seller').map((p) => p.name);
  const unique = [...new Set(names)];
  return unique.length ? unique.slice(0, 2).join(', ') + (unique.length > 2 ? ` and ${unique.length - 2} more` : '') : 'no party found';
}

/** The order's own reference for a page header: its first line of text, shortened, or its parties. */
export function orderRef(report) {
  const text = report.order && typeof report.order.text === 'string' ? report.order.text : '';
  const first = text.split('\n').map((l) => l.trim()).find(Boolean);
  const ref = first || screeningTitle(report);
  return ref.length > 70 ? `${ref.slice(0, 69)}…` : ref;
}
