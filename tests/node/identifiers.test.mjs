// Identifiers as evidence through the JS API: an IMO or tax number written in an order that a listed entry publishes
// is a hit on that entry whatever the names say, and the hit's evidence names the identifier, the list and the entry.
// The entries are the demo list's (ADRIAN DARYA 1, IMO 9116412, OFAC SDN ent_num 27304; SCIENTIFIC PRODUCTION
// COMPANY OPTOLINK, Tax ID No. 7735105059, OFAC SDN ent_num 44035); the order names are invented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
pkg.initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });

const hitsOf = (report) => report.parties.flatMap((p) => p.hits.map((h) => ({ party: p, hit: h })));

test('a renamed vessel is found by its IMO number, and the evidence says which identifier from which list', () => {
  const s = new pkg.Screener();
  const text = 'Vessel: MT SEA LANTERN, IMO 9 116 412\nOwner: Blue Harbour Maritime Ltd, Limassol, Cyprus\nItems: 2 fuel pumps\n';
  const r = s.screenOrder(text);
  assert.equal(r.verdict, 'stop');
  const found = hitsOf(r).find(({ hit }) => hit.name === 'ADRIAN DARYA 1');
  assert.ok(found, JSON.stringify(hitsOf(r).map(({ hit }) => hit.name)));
  const { hit } = found;
  assert.equal(hit.score, 1);
  const ev = hit.explanation.evidence.find((e) => e.kind === 'identifier');
  assert.ok(ev && ev.supports, JSON.stringify(hit.explanation.evidence));
  assert.equal(ev.identifier.kind, 'imo');
  assert.equal(ev.identifier.value, '9116412');
  assert.equal(ev.identifier.listed, '9116412');
  assert.equal(ev.identifier.entryId, 'demo-sdn-adrian-darya-1');
  assert.equal(text.slice(ev.identifier.written.start, ev.identifier.written.end), ev.identifier.written.text);
  assert.match(ev.identifier.written.text, /^IMO 9 116 412/);
  assert.match(ev.identifier.citation, /A\.1078\(28\)/);
  assert.match(ev.detail, /9 116 412/);
  assert.ok(hit.explanation.nameScore < 0.5, `the names differ: ${hit.explanation.nameScore}`);
  s.free();
});

test('a different tax number of the same kind beside a name match lowers the score, and the hit stays', () => {
  const s = new pkg.Screener();
  const base = 'Seller: Photonik Komponenten GmbH, Berlin, Germany\nBuyer: Scientific Production Company Optolink, Zelenograd, Russia';
  const plain = hitsOf(s.screenOrder(`${base}\nItems: optical fibre coupler, 50 pcs\n`)).find(({ hit }) => /OPTOLINK/.test(hit.name));
  const other = hitsOf(s.screenOrder(`${base}, INN 7701000001\nItems: optical fibre coupler, 50 pcs\n`)).find(({ hit }) => /OPTOLINK/.test(hit.name));
  const same = hitsOf(s.screenOrder(`${base}, INN 7735105059\nItems: optical fibre coupler, 50 pcs\n`)).find(({ hit }) => /OPTOLINK/.test(hit.name));
  assert.ok(plain && other && same);
  assert.ok(other.hit.score < plain.hit.score, `${other.hit.score} < ${plain.hit.score}`);
  const against = other.hit.explanation.evidence.find((e) => e.kind === 'identifier');
  assert.equal(against.supports, false);
  assert.equal(against.identifier.kind, 'tax');
  assert.equal(against.identifier.listed, '7735105059');
  assert.ok(against.adjustment < 0);
  assert.equal(same.hit.score, 1);
  assert.ok(same.hit.explanation.evidence.some((e) => e.kind === 'identifier' && e.supports && e.identifier.value === '7735105059'));
  s.free();
});

test('the TypeScript declarations carry the identifier evidence', () => {
  const dts = fs.readFileSync(path.join(root, 'pkg/export_screen.d.ts'), 'utf8');
  for (const sig of ['export interface IdentifierEvidence', 'identifier?: IdentifierEvidence', 'export type IdentifierKind']) {
    assert.ok(dts.includes(sig), sig);
  }
});
