// Bad input through the JS API of the built pkg/ (issue 7): every case gives a clear Error or a bounded result,
// never a wasm trap, and what was loaded before stays loaded. Each test has a limit on its CPU time (about ten
// times what it takes) and a timeout (issue 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, Screener, matchNames } from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });

const CSL_HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const cslRow = (id, name) => `${id},Entity List (EL) - Bureau of Industry and Security,,,,${name},,"1 Example Road, Lahore, PK",99 FR 12345,2024-01-01,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,,,,,,,,`;
const enc = (s) => new TextEncoder().encode(s);

/** Runs the test's body and fails if it took more than `limit` seconds of CPU time. */
function withinCpu(limit, fn) {
  return (t) => {
    const u0 = process.cpuUsage();
    fn(t);
    const u = process.cpuUsage(u0);
    const cpu = (u.user + u.system) / 1e6;
    t.diagnostic(`${cpu.toFixed(2)} s CPU (limit ${limit} s)`);
    assert.ok(cpu <= limit, `${cpu.toFixed(1)} s of CPU time, over the limit of ${limit} s`);
  };
}

function expectError(fn, pattern) {
  let err;
  try { fn(); } catch (e) { err = e; }
  assert.ok(err instanceof Error, 'an Error is thrown');
  assert.doesNotMatch(String(err.message), /unreachable|RuntimeError/i, 'not a wasm trap');
  if (pattern) assert.match(err.message, pattern);
  return err;
}

test('binary junk, empty and truncated files are clear errors and leave the lists intact', { timeout: 30_000 }, withinCpu(10, () => {
  const s = new Screener();
  const before = JSON.stringify(s.lists());
  const junk = new Uint8Array(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
  expectError(() => s.loadList(junk, { filename: 'junk.bin' }), /junk\.bin/);
  expectError(() => s.loadList(new Uint8Array(0), { filename: 'empty.csv' }), /empty\.csv: .*empty/);
  const csl = `${CSL_HEADER}\n${cslRow('a1', 'Example Trading Co')}\n${cslRow('a2', 'Second Example Ltd')}\n`;
  expectError(() => s.loadList(enc(csl.slice(0, csl.length - 60)), { filename: 'cut.csv' }), /cut\.csv/);
  expectError(() => s.loadList(enc('<html><body>not a list</body></html>'), { filename: 'page.html' }), /page\.html/);
  assert.equal(JSON.stringify(s.lists()), before);
  // Still usable after the errors.
  assert.equal(s.screenParty({ name: 'Hasan Scientific Corp' }).hits[0].name, 'Hassan Scientific Corporation');
  s.free();
}));

test('a 10 MB paste is refused with a clear message; a 1 MB paste of junk gives a report', { timeout: 120_000 }, withinCpu(15, () => {
  const s = new Screener();
  const big = 'Buyer: Example Trading Co\n'.repeat(400_000);
  expectError(() => s.screenOrder(big), /limit/);
  let junk = '';
  for (let i = 0; i < 1_000_000; i++) junk += String.fromCharCode(32 + ((i * 31) % 90));
  const r = s.screenOrder(junk);
  assert.ok(['clear', 'review', 'stop'].includes(r.verdict));
  s.free();
}));

test('HTML and script in names come back as plain data', { timeout: 30_000 }, withinCpu(5, () => {
  const s = new Screener({ demoList: false });
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script> Example Trading Co';
  s.loadList(enc(`${CSL_HEADER}\n${cslRow('x1', `"${payload}"`)}\n`), { filename: 'payload.csv' });
  const hit = s.screenParty({ name: payload }).hits[0];
  assert.equal(hit.name, payload, 'the name is returned as data, unchanged, for the page to render as text');
  s.free();
}));

test('bad config and bad arguments are errors, not traps', { timeout: 30_000 }, withinCpu(5, () => {
  expectError(() => new Screener({ threshold: 7 }), /threshold/);
  expectError(() => new Screener({ thresold: 0.5 }), /thresold/);
  const s = new Screener();
  expectError(() => s.removeList('no-such-list'), /no-such-list/);
  expectError(() => s.screenParty(42));
  expectError(() => s.screenOrder({ parties: 'not a list' }));
  assert.equal(matchNames('', '', {}).score, 0);
  assert.equal(matchNames('Hassan Scientific Corporation', 'HASSAN SCIENTIFIC CORP', undefined).score, 1);
  s.free();
}));

test('a megabyte "name" or order object is refused at once with the limit, and the screener keeps working', { timeout: 60_000 }, withinCpu(5, () => {
  const s = new Screener();
  const huge = 'Hasan Scientific '.repeat(700_000); // ~12 MB
  expectError(() => s.screenParty(huge), /screenParty: the name is \d+ bytes long; .* longer than 4096 bytes/);
  expectError(() => s.screenParty({ name: 'Hasan', address: huge }), /address/);
  expectError(() => s.screenParties([{ name: 'Hasan' }, { name: huge }]), /screenParties: party 2/);
  expectError(() => matchNames(huge, 'Hasan Scientific Corp'), /matchNames: the first name/);
  const order = { parties: [{ role: 'buyer', name: huge }], items: [] };
  expectError(() => s.screenOrder(order), /order object is \d+ bytes as JSON; the limit is 1048576 bytes/);
  // A long but plausible name (a compound Entity List entry) is still screened.
  const long = 'Hasan Scientific Corporation, and subordinate entity Example Development Complex '.repeat(20);
  assert.ok(long.length < 4096);
  assert.ok(s.screenParty(long).hits.length > 0);
  assert.equal(s.screenParty('Hasan Scientific Corp').hits[0].name, 'Hassan Scientific Corporation');
  s.free();
}));
