// The page's decision log and records (www/decisions.js, www/records.js) in Node, on reports from the real engine:
// keys, expiry, applying decisions to a report (what they may lower and what they may not), the log's checked
// import, the CSV's neutralised cells and the saved-screening comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';
import {
  applyDecisions, decisionKey, decisionText, defaultExpiry, entryRef, exportLog, isActive, makeDecision, mergeDecisions,
  normalizeName, parseLog, partyReasons, partyRef,
} from '../../www/decisions.js';
import { buildRecord, csvCell, outcomeChanges, outcomeOf, reportCsv } from '../../www/records.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
pkg.initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const NOW = Date.parse('2026-12-01T10:00:00Z');
const ORDER = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs';

function screened(text = ORDER) {
  const s = new pkg.Screener();
  return { s, report: s.screenOrder(text), lists: s.lists() };
}

/** A false-positive decision on hit `hi` of party `pi`. */
function fp(report, lists, pi = 0, hi = 0, extra = {}) {
  return makeDecision({ party: report.parties[pi], hit: report.parties[pi].hits[hi], lists, kind: 'false-positive', note: 'other firm', now: NOW, ...extra });
}

test('names are compared folded: case, accents, punctuation and spacing do not matter', () => {
  assert.equal(normalizeName('  M/s Hasan   Scientific CORP. '), 'm s hasan scientific corp');
  assert.equal(normalizeName('Société Générale'), normalizeName('SOCIETE  GENERALE'));
  assert.notEqual(normalizeName('Hasan Scientific'), normalizeName('Hassan Scientific'));
});

test('a decision key names the party (name and country) and the listed entry, not the session list id', () => {
  const { report, lists } = screened();
  const party = report.parties.find((p) => p.role === 'buyer');
  const hit = party.hits[0];
  const e = entryRef(hit, lists);
  assert.deepEqual({ list: e.list, format: e.format, entryId: e.entryId }, { list: lists[0].name, format: 'demo-toml', entryId: hit.entryId });
  const key = decisionKey(partyRef(party), e);
  // Another session (another list id for the same list) gives the same key; another country does not.
  assert.equal(decisionKey(partyRef(party), entryRef({ ...hit, listId: 'x' }, [{ ...lists[0], id: 'x' }])), key);
  assert.notEqual(decisionKey(partyRef({ ...party, country: 'AE' }), e), key);
});

test('a false positive needs a note and a future expiry; the default expiry is a year', () => {
  const { report, lists } = screened();
  const args = { party: report.parties[0], hit: report.parties[0].hits[0], lists, now: NOW };
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: '  ' }), /Write a note/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x', expires: '2026-12-01' }), /after today/);
  assert.throws(() => makeDecision({ ...args, kind: 'false-positive', note: 'x', expires: '2027-02-30' }), /YYYY-MM-DD/);
  assert.throws(() => makeDecision({ ...args, kind: 'maybe', note: 'x' }), /kind must be/);
  const d = makeDecision({ ...args, kind: 'false-positive', note: 'different address' });
  assert.equal(defaultExpiry(NOW), '2027-12-01');
  assert.equal(d.expires, '2027-12-01');
  assert.ok(isActive(d, Date.parse('2027-12-01T23:00:00Z')));
  assert.ok(!isActive(d, Date.parse('2027-12-02T00:00:00Z')));
  assert.equal(decisionText(d), 'Marked false positive by you on 2026-12-01: different address (expires 2027-12-01)');
  const c = makeDecision({ ...args, kind: 'confirmed', note: '' });
  assert.equal(c.expires, null);
  assert.equal(decisionText(c), 'Confirmed match by you on 2026-12-01');
});

test('the list reasons of the report are tied to their parties', () => {
  const { report } = screened('Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nConsignee: same as buyer\nEnd user: Chashma Nuclear Power Plant\nItems: 40 office chairs');
  const tied = partyReasons(report);
  const listReasons = report.reasons.filter((r) => r.code.startsWith('party.'));
  assert.equal(tied.length, listReasons.length, 'every party reason is tied');
  for (const t of tied) {
    const p = report.parties[t.pi];
    assert.ok(report.reasons[t.ri].message.includes(`"${p.name}"`));
    assert.ok(p.hits.some((h) => h.listCode === t.listCode));
  }
  assert.equal(new Set(tied.map((t) => t.pi)).size, tied.length, 'buyer and consignee get their own reason');
});

test('false positives on every hit of a party clear its list reason; the engine verdict is kept alongside', () => {
  const { report, lists } = screened();
  assert.equal(report.verdict, 'stop');
  const none = applyDecisions(report, [], lists, NOW);
  assert.equal(none.verdict, 'stop');
  assert.equal(none.hitsSetAside, 0);
  const buyer = report.parties.findIndex((p) => p.role === 'buyer');
  const decisions = report.parties[buyer].hits.map((_, hi) => fp(report, lists, buyer, hi));
  const after = applyDecisions(report, decisions, lists, NOW);
  assert.equal(after.engineVerdict, 'stop');
  assert.equal(after.hitsSetAside, report.parties[buyer].hits.length);
  assert.deepEqual(after.clearedReasons.map((ri) => report.reasons[ri].code), ['party.el']);
  // What is left: the destination notes only, so the order is clear after the decisions.
  const rest = report.reasons.filter((_, ri) => !after.clearedReasons.includes(ri));
  assert.equal(after.verdict, rest.some((r) => r.verdict === 'review') ? 'review' : 'clear');
  assert.equal(after.verdict, 'clear');
  // The hits are still in the report.
  assert.equal(report.parties[buyer].hits.length, decisions.length);
  // Expired, they count again.
  const later = applyDecisions(report, decisions, lists, Date.parse('2028-01-01T00:00:00Z'));
  assert.equal(later.verdict, 'stop');
  assert.equal(later.hitsSetAside, 0);
  assert.equal(later.hits[buyer][0].active, false);
});

test('a confirmed match or a false positive on another party lowers nothing', () => {
  const { report, lists } = screened('Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nEnd user: Chashma Nuclear Power Plant\nItems: 40 office chairs');
  const buyer = report.parties.findIndex((p) => p.role === 'buyer');
  const endUser = report.parties.findIndex((p) => p.role === 'endUser');
  const confirmed = makeDecision({ party: report.parties[buyer], hit: report.parties[buyer].hits[0], lists, kind: 'confirmed', note: 'same firm', now: NOW });
  assert.equal(applyDecisions(report, [confirmed], lists, NOW).verdict, report.verdict);
  const onEndUser = applyDecisions(report, [fp(report, lists, endUser)], lists, NOW);
  assert.equal(onEndUser.hitsSetAside, 1);
  assert.equal(onEndUser.verdict, 'stop', 'the buyer still stops the order');
  // The same name in another country is another party: the decision does not apply.
  const elsewhere = screened(ORDER.replace('Lahore, Pakistan', 'Dubai, United Arab Emirates')).report;
  const d = fp(report, lists, buyer);
  assert.equal(applyDecisions(elsewhere, [d], lists, NOW).hitsSetAside, 0);
});

test('the log exports and imports; a bad file is refused whole with the reason', () => {
  const { report, lists } = screened();
  const d = fp(report, lists);
  const text = exportLog([d], NOW);
  assert.deepEqual(parseLog(text), [d]);
  assert.throws(() => parseLog('{oops'), /not a JSON file/);
  assert.throws(() => parseLog('{"kind":"other","version":1,"decisions":[]}'), /not an export-screen decisions log/);
  const bad = JSON.parse(text);
  bad.decisions.push({ ...d, note: '' });
  assert.throws(() => parseLog(JSON.stringify(bad)), /decision 2: a false positive needs a note/);
  const forged = JSON.parse(text);
  forged.decisions[0].entry.entryId = 'another-entry';
  assert.throws(() => parseLog(JSON.stringify(forged)), /decision 1: key does not match/);
  // Merging: the later decision on a key wins, the earlier one does not replace it.
  const newer = { ...d, note: 'checked again', decidedAt: '2026-12-05T00:00:00.000Z' };
  const m = mergeDecisions(new Map([[d.key, d]]), [newer]);
  assert.deepEqual([m.added, m.updated, m.decisions.get(d.key).note], [0, 1, 'checked again']);
  const m2 = mergeDecisions(m.decisions, [d]);
  assert.equal(m2.decisions.get(d.key).note, 'checked again');
});

test('CSV cells that a spreadsheet would run are neutralised, quotes doubled', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  for (const c of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(c).startsWith('"\''), c);
  assert.equal(csvCell('Hasan'), '"Hasan"');
  assert.equal(csvCell(null), '""');
});

test('the CSV report has a row per hit, item, rule and reason, and marks what decisions cleared', () => {
  const { report, lists } = screened('Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nConsignee: -Trading =SUM(1) Ltd, Lahore\nItems: 40 office chairs');
  const applied = applyDecisions(report, [fp(report, lists)], lists, NOW);
  const csv = reportCsv(report, { applied });
  const lines = csv.trimEnd().split('\r\n');
  const kinds = lines.slice(1).map((l) => l.slice(1, l.indexOf('"', 1)));
  const hits = report.parties.reduce((n, p) => n + p.hits.length, 0);
  const partiesWithout = report.parties.filter((p) => !p.hits.length).length;
  assert.equal(kinds.filter((k) => k === 'hit').length, hits);
  assert.equal(kinds.filter((k) => k === 'party').length, partiesWithout);
  assert.equal(kinds.filter((k) => k === 'item').length, report.items.length);
  assert.equal(kinds.filter((k) => k === 'rule').length, report.flags.length);
  assert.equal(kinds.filter((k) => k === 'reason').length, report.reasons.length);
  assert.match(csv, /"cleared by decision"/);
  assert.match(csv, /engine verdict stop; after your decisions clear/);
  assert.ok(!/(^|,)"[=+\-@]/m.test(csv), 'no cell starts with a formula character');
});

test('the JSON record holds the input and its hash, lists, thresholds and the decisions applied', async () => {
  const { s, report, lists } = screened();
  const applied = applyDecisions(report, [fp(report, lists)], lists, NOW);
  const rec = await buildRecord({ input: ORDER, report, config: s.config(), version: pkg.version(), applied, now: NOW });
  const { createHash } = await import('node:crypto');
  assert.equal(rec.inputSha256, createHash('sha256').update(ORDER).digest('hex'));
  assert.equal(rec.input, ORDER);
  assert.deepEqual(rec.order, report.order);
  assert.equal(rec.lists[0].sha256, lists[0].sha256);
  assert.equal(rec.lists[0].published, lists[0].published);
  assert.deepEqual([rec.algorithm.threshold, rec.algorithm.stopThreshold, rec.algorithm.version], [0.8, 0.9, pkg.version()]);
  assert.equal(rec.engineVerdict, 'stop');
  assert.equal(rec.verdictAfterDecisions, 'clear');
  assert.equal(rec.decisions.applied.length, 1);
  assert.equal(rec.decisions.clearedReasons[0].code, 'party.el');
  assert.deepEqual(rec.report, report);
  assert.equal(rec.screenedAt, '2026-12-01T10:00:00.000Z');
});

test('a saved screening compares its outcome: new hits and a changed verdict are named', () => {
  const a = screened();
  const before = outcomeOf(a.report, a.lists);
  assert.deepEqual(outcomeChanges(before, outcomeOf(a.s.screenOrder(ORDER))), []);
  const empty = new pkg.Screener({ demoList: false });
  const changes = outcomeChanges(before, outcomeOf(empty.screenOrder(ORDER)));
  assert.ok(changes.includes('verdict STOP → CLEAR') || changes.some((c) => /^verdict STOP →/.test(c)), changes.join('|'));
  assert.ok(changes.some((c) => /^hit gone: M\/s Hasan Scientific Corp ~ Hassan Scientific Corporation/.test(c)), changes.join('|'));
});
