// The page's decision log and records (www/decisions.js, www/records.js) in Node, on reports from the real engine,
// which applies the decisions (Screener.setDecisions): a new decision's checks (note, the reviewer's name, expiry,
// the second reason to dismiss a strong stop-list match), the log's export and checked import (the earlier form
// too), the CSV and JSON records and their file names, and the saved-screening comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';
import {
  decisionKey, decisionText, defaultExpiry, exportLog, fromVersion1, isStrongStopHit, listRef, localDay, makeDecision,
  mergeDecisions, normalizeName, parseLog, readStored, toEngine,
} from '../../www/decisions.js';
import { buildRecord, csvCell, outcomeChanges, outcomeOf, reportCsv, reportFileName, verdictsLabel } from '../../www/records.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
pkg.initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const NOW = Date.parse('2026-12-01T10:00:00Z');
const DAY = '2026-12-01';
const ORDER = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs';
const BY = 'A. Reviewer';
const LABELS = { stop: { label: 'STOP' }, review: { label: 'REVIEW' }, clear: { label: 'CLEAR' } };

function screened(text = ORDER, decisions = [], asOf = DAY) {
  const s = new pkg.Screener();
  s.setDecisions(decisions.map(toEngine), asOf);
  return { s, report: s.screenOrder(text), lists: s.lists() };
}

/** A false-positive decision on hit `hi` of party `pi` (a strong Entity List hit needs the second reason). */
function fp(report, lists, pi = 0, hi = 0, extra = {}) {
  return makeDecision({ party: report.parties[pi], hit: report.parties[pi].hits[hi], lists, kind: 'false-positive', note: 'other firm', by: BY, strongMatchReason: 'registry number differs', now: NOW, ...extra });
}

test('a decision names the party, the list by its format and the entry, in the engine\'s form', () => {
  const { report, lists } = screened();
  const party = report.parties.find((p) => p.role === 'buyer');
  const hit = party.hits[0];
  assert.deepEqual(listRef(hit, lists), { listId: 'demo-toml', list: lists[0].name });
  const d = fp(report, lists);
  assert.deepEqual(d.party, { name: 'M/s Hasan Scientific Corp', country: 'PK' });
  assert.deepEqual([d.entryId, d.listId, d.kind, d.by, d.expires], [hit.entryId, 'demo-toml', 'false-positive', BY, '2027-12-01']);
  assert.equal(d.key, decisionKey(d));
  const engine = toEngine(d);
  assert.equal(engine.id, d.key);
  assert.equal('key' in engine, false);
  // Another country is another key; case and punctuation are not.
  assert.notEqual(decisionKey({ ...d, party: { ...d.party, country: 'AE' } }), d.key);
  assert.equal(decisionKey({ ...d, party: { ...d.party, name: 'M/S HASAN SCIENTIFIC CORP.' } }), d.key);
  assert.equal(normalizeName('Société Générale'), normalizeName('SOCIETE  GENERALE'));
});

test('a new decision needs a note (false positive), the reviewer\'s name, a future expiry, and for a strong stop-list match a second reason', () => {
  const { report, lists } = screened();
  const hit = report.parties[0].hits[0];
  assert.ok(isStrongStopHit(hit), `the listed buyer is a strong Entity List match (${hit.score})`);
  assert.ok(!isStrongStopHit({ ...hit, score: 0.94 }));
  assert.ok(!isStrongStopHit({ ...hit, effect: 'redFlag' }));
  const args = { party: report.parties[0], hit, lists, now: NOW, by: BY };
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: '  ', strongMatchReason: 'r' }), /Write a note/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x', by: ' ', strongMatchReason: 'r' }), /Give your name/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x', expires: DAY, strongMatchReason: 'r' }), /after today/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x', expires: '2027-02-30', strongMatchReason: 'r' }), /YYYY-MM-DD/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x' }), /reason for dismissing a strong match/);
  assert.throws(() => makeDecision({ ...args, kind: 'maybe', note: 'x' }), /kind must be/);
  const weak = makeDecision({ ...args, hit: { ...hit, score: 0.9 }, kind: 'false-positive', note: 'different address' });
  assert.equal(weak.strongMatchReason, undefined, 'a weaker hit needs no second reason');
  assert.equal(defaultExpiry(NOW), '2027-12-01');
  assert.equal(localDay(NOW).length, 10);
  const d = fp(report, lists, 0, 0, { note: 'different address' });
  assert.equal(d.strongMatchReason, 'registry number differs');
  assert.equal(decisionText(d), `Marked false positive by ${BY} on ${DAY}: different address (expires 2027-12-01). Strong match dismissed because: registry number differs`);
  assert.equal(decisionText(d, true), `Marked false positive by ${BY} on ${DAY}: different address — expired on 2027-12-01, so this hit counts again`);
  const c = makeDecision({ ...args, kind: 'confirmed', note: '' });
  assert.equal(c.expires, null);
  assert.equal(decisionText(c), `Confirmed match by ${BY} on ${DAY}`);
});

test('the engine applies the page\'s decisions: the hit carries it, the reason is cleared, both verdicts are kept', () => {
  const first = screened();
  const d = fp(first.report, first.lists);
  const { report } = screened(ORDER, [d]);
  const hit = report.parties[0].hits[0];
  assert.equal(hit.decision.id, d.key, 'the page finds its decision by the id it gave');
  assert.equal(hit.decision.by, BY);
  assert.equal(report.verdict, 'stop');
  assert.equal(report.verdictAfterDecisions, 'clear');
  assert.deepEqual(report.reasons.filter((r) => r.afterDecisions).map((r) => [r.code, r.afterDecisions]), [['party.el', 'clear']]);
  // Expired, it counts again.
  const later = screened(ORDER, [d], '2027-12-02').report;
  assert.equal(later.verdictAfterDecisions, 'stop');
  assert.equal(later.parties[0].hits[0].decision, undefined);
  assert.equal(later.parties[0].hits[0].expiredDecision.id, d.key);
});

test('the log exports in the engine\'s form and imports; the earlier form is read; a bad file is refused whole', () => {
  const { report, lists } = screened();
  const d = fp(report, lists);
  const text = exportLog([d], NOW);
  const log = JSON.parse(text);
  assert.equal(log.version, 2);
  assert.equal('key' in log.decisions[0], false, 'the log holds what the engine and the command line read');
  const s = new pkg.Screener();
  s.setDecisions(log.decisions, DAY);
  assert.equal(s.screenOrder(ORDER).verdictAfterDecisions, 'clear', 'the exported log applies as it is');
  assert.deepEqual(parseLog(text), [d]);
  assert.throws(() => parseLog('{oops'), /not a JSON file/);
  assert.throws(() => parseLog('{"kind":"other","version":2,"decisions":[]}'), /not an export-screen decisions log/);
  const bad = JSON.parse(text);
  bad.decisions.push({ ...log.decisions[0], note: '' });
  assert.throws(() => parseLog(JSON.stringify(bad)), /decision 2: a false positive needs a note/);
  const noDate = JSON.parse(text);
  noDate.decisions[0].expires = 'next year';
  assert.throws(() => parseLog(JSON.stringify(noDate)), /decision 1: expires must be a date/);
  // The page's earlier form (version 1): read, with no reviewer recorded.
  const v1 = { kind: 'export-screen-decisions', version: 1, decisions: [{ key: 'x', kind: 'false-positive', note: 'old', decidedAt: '2026-11-01T00:00:00.000Z', expires: '2027-11-01', party: { name: 'M/s Hasan Scientific Corp', norm: 'm s hasan scientific corp', country: 'PK' }, entry: { list: lists[0].name, format: 'demo-toml', entryId: d.entryId, listedName: 'Hassan Scientific Corporation' } }] };
  const [old] = parseLog(JSON.stringify(v1));
  assert.deepEqual([old.listId, old.entryId, old.by, old.party.country], ['demo-toml', d.entryId, '', 'PK']);
  assert.deepEqual(readStored(v1.decisions[0]), fromVersion1(v1.decisions[0]));
  assert.match(decisionText(old), /^Marked false positive by an unrecorded reviewer on 2026-11-01: old/);
  assert.equal(readStored({ kind: 'confirmed' }), null);
  // Merging: the later decision on a key wins, the earlier one does not replace it.
  const newer = { ...d, note: 'checked again', decidedAt: '2026-12-05T00:00:00.000Z' };
  const m = mergeDecisions(new Map([[d.key, d]]), [newer]);
  assert.deepEqual([m.added, m.updated, m.decisions.get(d.key).note], [0, 1, 'checked again']);
  assert.equal(mergeDecisions(m.decisions, [d]).decisions.get(d.key).note, 'checked again');
});

test('CSV cells that a spreadsheet would run are neutralised, quotes doubled', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  for (const c of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(c).startsWith('"\''), c);
  assert.equal(csvCell('Hasan'), '"Hasan"');
  assert.equal(csvCell(null), '""');
});

test('the CSV report has a row per hit, item, rule and reason, with the decisions and both verdicts; its file name shows both', () => {
  const text = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nConsignee: -Trading =SUM(1) Ltd, Lahore\nItems: 40 office chairs';
  const first = screened(text);
  const { report } = screened(text, [fp(first.report, first.lists)]);
  const csv = reportCsv(report);
  const lines = csv.trimEnd().split('\r\n');
  const kinds = lines.slice(1).map((l) => l.slice(1, l.indexOf('"', 1)));
  const hits = report.parties.reduce((n, p) => n + p.hits.length, 0);
  assert.equal(kinds.filter((k) => k === 'hit').length, hits);
  assert.equal(kinds.filter((k) => k === 'party').length, report.parties.filter((p) => !p.hits.length).length);
  assert.equal(kinds.filter((k) => k === 'item').length, report.items.length);
  assert.equal(kinds.filter((k) => k === 'rule').length, report.flags.length);
  assert.equal(kinds.filter((k) => k === 'reason').length, report.reasons.length);
  assert.match(csv, /"cleared by decision"/);
  assert.match(csv, /engine verdict stop; after decisions clear/);
  assert.match(csv, /"false-positive by A\. Reviewer on 2026-12-01, expires 2027-12-01: other firm; strong match dismissed because: registry number differs"/);
  assert.ok(!/(^|,)"[=+\-@]/m.test(csv), 'no cell starts with a formula character');
  assert.equal(reportFileName(report, 'csv', DAY), 'export-screen-stop-after-decisions-clear-2026-12-01.csv');
  assert.equal(reportFileName(first.report, 'json', DAY), 'export-screen-stop-2026-12-01.json');
});

test('the JSON record holds the input and its hash, lists, thresholds, the decisions applied, and demoList as screened', async () => {
  const first = screened();
  const { s, report, lists } = screened(ORDER, [fp(first.report, first.lists)]);
  const rec = await buildRecord({ input: ORDER, report, config: s.config(), version: pkg.version(), now: NOW });
  const { createHash } = await import('node:crypto');
  assert.equal(rec.inputSha256, createHash('sha256').update(ORDER).digest('hex'));
  assert.equal(rec.input, ORDER);
  assert.deepEqual(rec.order, report.order);
  assert.equal(rec.lists[0].sha256, lists[0].sha256);
  assert.deepEqual([rec.algorithm.threshold, rec.algorithm.stopThreshold, rec.algorithm.version], [0.8, 0.9, pkg.version()]);
  assert.equal(rec.engineVerdict, 'stop');
  assert.equal(rec.verdictAfterDecisions, 'clear');
  assert.equal(rec.decisions.asOf, DAY);
  assert.equal(rec.decisions.hitsSetAside, 1);
  assert.equal(rec.decisions.applied.length, 1);
  assert.equal(rec.decisions.applied[0].by, BY);
  assert.deepEqual(rec.decisions.clearedReasons.map((r) => r.code), ['party.el']);
  assert.deepEqual(rec.report, report);
  assert.equal(rec.screenedAt, '2026-12-01T10:00:00.000Z');
  assert.equal(rec.config.demoList, true);
  // The demo list removed and another list loaded: the record says the demo list was not screened against.
  s.removeList('demo');
  s.loadList(new Uint8Array(fs.readFileSync(path.join(root, 'tests/browser/fixtures/example_csl.csv'))), { filename: 'example_csl.csv' });
  s.setThreshold(0.85);
  const other = s.screenOrder(ORDER);
  const rec2 = await buildRecord({ input: ORDER, report: other, config: s.config(), version: pkg.version(), now: NOW });
  assert.equal(rec2.config.demoList, false);
  assert.equal(rec2.algorithm.config.demoList, false);
  assert.equal(rec2.algorithm.threshold, 0.85, 'the threshold the report was screened with');
});

test('a saved screening compares its outcome: new hits and a changed verdict, before and after decisions, are named', () => {
  const a = screened();
  const before = outcomeOf(a.report);
  assert.deepEqual(outcomeChanges(before, outcomeOf(a.s.screenOrder(ORDER))), []);
  assert.equal(verdictsLabel(before, LABELS), 'STOP');
  const empty = new pkg.Screener({ demoList: false });
  const changes = outcomeChanges(before, outcomeOf(empty.screenOrder(ORDER)));
  assert.ok(changes.some((c) => /^verdict STOP →/.test(c)), changes.join('|'));
  assert.ok(changes.some((c) => /^hit gone: M\/s Hasan Scientific Corp ~ Hassan Scientific Corporation/.test(c)), changes.join('|'));
  const decided = outcomeOf(screened(ORDER, [fp(a.report, a.lists)]).report);
  assert.equal(verdictsLabel(decided, LABELS), 'STOP → CLEAR after decisions');
  assert.deepEqual(outcomeChanges(before, decided), ['verdict after decisions STOP → CLEAR']);
});
