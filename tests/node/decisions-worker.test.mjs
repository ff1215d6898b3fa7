// The reviewer's decisions applied by the engine inside a worker thread, as the page's batch workers do
// (www/worker.js hands them to its own Screener): decisions cross as plain data and give the same answers there
// as on the main thread; an expired decision applies nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasm = fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm'));
pkg.initSync({ module: wasm });

const PARTIES = [
  { name: 'M/s Hasan Scientific Corp', country: 'PK' },
  { name: 'M/S HASAN SCIENTIFIC CORP.', country: 'Pakistan' },
  { name: 'M/s Hasan Scientific Corp', country: 'AE' },
  { name: 'Nordic Office Interiors AS', country: 'NO' },
];

/** Runs the engine in a worker thread: loads pkg, sets the decisions as of `asOf`, screens the parties. */
function inWorker(decisions, asOf) {
  const source = `
    import { parentPort, workerData } from 'node:worker_threads';
    import * as pkg from ${JSON.stringify(pathToFileURL(path.join(root, 'pkg/export_screen.js')).href)};
    pkg.initSync({ module: workerData.wasm });
    const s = new pkg.Screener();
    s.setDecisions(workerData.decisions, workerData.asOf);
    parentPort.postMessage({ full: s.screenParties(workerData.parties), brief: s.screenPartiesCompact(workerData.parties) });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: { wasm, decisions, asOf, parties: PARTIES } });
    w.once('message', (m) => { resolve(m); w.terminate(); });
    w.once('error', reject);
  });
}

test('decisions set in a worker thread apply there as on the main thread', async () => {
  const main = new pkg.Screener();
  const hit = main.screenParty(PARTIES[0]).hits[0];
  const decisions = [{ party: PARTIES[0], entryId: hit.entryId, listId: 'demo-toml', kind: 'false-positive', note: 'a school supplier', by: 'A. Reviewer', expires: '2027-12-01' }];
  main.setDecisions(decisions, '2026-12-01');
  const here = main.screenParties(PARTIES);
  const there = await inWorker(decisions, '2026-12-01');
  assert.deepEqual(there.full, here, 'the same results, decisions included');
  assert.deepEqual(there.full.map((r) => r.hits.map((h) => h.decision?.kind ?? null)), [['false-positive'], ['false-positive'], [null], []]);
  assert.deepEqual(there.brief.map((b) => [b.hits, b.setAside]), [[1, 1], [1, 1], [1, 0], [0, 0]]);
  // A day after its expiry, nowhere.
  const late = await inWorker(decisions, '2027-12-02');
  assert.ok(late.full.every((r) => r.hits.every((h) => !h.decision)));
  assert.equal(late.full[0].hits[0].expiredDecision.expires, '2027-12-01');
  main.free();
});
