// The JS API contract in Node, without a browser: pkg/ loaded with initSync from the .wasm bytes, then the same
// checks the page test runs (tests/node/contract.mjs), plus what only Node can see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';
import { contract, failures } from './contract.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exportsBefore = pkg.initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const cslBytes = new Uint8Array(fs.readFileSync(path.join(root, 'tests/browser/fixtures/example_csl.csv')));

test('initSync with the .wasm bytes instantiates the module', () => {
  assert.ok(exportsBefore.memory instanceof WebAssembly.Memory);
  assert.equal(typeof pkg.default, 'function', 'the default export is the async init for browsers');
  for (const name of ['Screener', 'matchNames', 'version', 'initSync']) assert.equal(typeof pkg[name], 'function', name);
});

test('the documented contract holds in Node', () => {
  const results = contract(pkg, { cslBytes });
  assert.ok(results.length >= 35, `ran ${results.length} checks`);
  assert.equal(failures(results), '');
});

test('results are plain data: JSON round-trips them unchanged', () => {
  const s = new pkg.Screener();
  const report = s.screenOrder('Buyer: M/s Hasan Scientific Corp, Lahore\nItems: 6 hand-foot contamination monitors');
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  const party = s.screenParty({ name: 'Hasan Scientific Corp' });
  assert.deepEqual(JSON.parse(JSON.stringify(party)), party);
  s.free();
});

test('the TypeScript declarations name every function of the contract', () => {
  const dts = fs.readFileSync(path.join(root, 'pkg/export_screen.d.ts'), 'utf8');
  for (const sig of ['export class Screener', 'loadList(', 'lists(): ListInfo[]', 'removeList(id: string): void', 'screenParty(',
    'screenOrder(', 'export function matchNames(', 'export function version(): string', 'export function initSync(', 'export interface Report']) {
    assert.ok(dts.includes(sig), `pkg/export_screen.d.ts declares ${sig}`);
  }
});
