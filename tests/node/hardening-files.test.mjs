// Hostile and mis-encoded list files through the JS API of the built pkg/ (issue 7): UTF-16 and Latin-1 copies of
// the committed fixtures, XML bombs, files of another kind, a 100,000-row list and 200 MB files. Each gives a clear
// Error naming the file, or a list; the wasm instance keeps working; the lists loaded before stay as they were.
// Time and wasm memory growth are written to the diagnostics (`node --test` prints them); each measured step has a
// limit on its CPU time (about ten times what it takes), and each test a timeout, so that a hostile file that
// makes the work blow up (issue 18) fails the test instead of stalling the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, Screener } from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasm = initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const fixtureDir = path.join(root, 'tests/fixtures/lists');
const fixture = (name) => new Uint8Array(fs.readFileSync(path.join(fixtureDir, `example_${name}`)));
const MiB = 2 ** 20;
const memory = () => wasm.memory.buffer.byteLength;
const enc = (s) => new TextEncoder().encode(s);

function expectError(fn, pattern) {
  let err;
  try { fn(); } catch (e) { err = e; }
  assert.ok(err instanceof Error, 'an Error is thrown');
  assert.doesNotMatch(`${err.name} ${err.message}`, /unreachable|RuntimeError|recursive use/i, 'not a wasm trap');
  if (pattern) assert.match(err.message, pattern);
  return err;
}

/** A screener with the demo list and the CSL fixture, and a check that both are still there and still screen. */
function loadedScreener() {
  const s = new Screener();
  s.loadList(fixture('csl.csv'), { filename: 'consolidated.csv' });
  const before = JSON.stringify(s.lists());
  const hitBefore = s.screenParty({ name: 'Hasan Scientific Corp' }).hits[0].name;
  return {
    s,
    unchanged(what) {
      assert.equal(JSON.stringify(s.lists()), before, `${what}: the loaded lists are unchanged`);
      assert.equal(s.screenParty({ name: 'Hasan Scientific Corp' }).hits[0].name, hitBefore, `${what}: still screens`);
    },
  };
}

/** CPU time of the process, in seconds (other processes on a shared machine do not count). */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs `fn`, writes its time and the wasm memory growth to the diagnostics, and fails if it took more than
 * `limit` seconds of CPU time. */
function measured(t, label, fn, limit) {
  const mem0 = memory();
  const [t0, c0] = [performance.now(), cpuSeconds()];
  let result;
  let error;
  try { result = fn(); } catch (e) { error = e; }
  const [ms, cpu] = [performance.now() - t0, cpuSeconds() - c0];
  t.diagnostic(`${label}: ${(ms / 1000).toFixed(2)} s (${cpu.toFixed(2)} s CPU, limit ${limit} s), wasm memory ${(mem0 / MiB).toFixed(0)} -> ${(memory() / MiB).toFixed(0)} MiB`
    + (error ? `, error: ${String(error.message).slice(0, 160)}` : ''));
  if (error) throw error;
  assert.ok(cpu <= limit, `${label}: ${cpu.toFixed(1)} s of CPU time, over the limit of ${limit} s`);
  return result;
}

function utf16(text, littleEndian, bom) {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

/** Latin-1 bytes of a text, or null when a character does not fit in Latin-1. */
function latin1(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return null;
    out[i] = c;
  }
  return out;
}

const LIST_FIXTURES = ['csl.csv', 'csl.json', 'sdn.csv', 'cons_prim.csv', 'sdn.xml', 'cons_enhanced.xml', 'dpl.txt', 'un.xml',
  'uk_conlist.csv', 'uk_sanctions_list.csv', 'uk_sanctions_list.xml', 'eu_fsf.xml', 'eu_fsf.csv', 'targets.simple.csv', 'entities.ftm.json',
  'nsfreg.json', 'xyna.json'];

/** The entries of a list as the engine sees them: what each listed name screens to. */
function screenedNames(s, listId, names) {
  return names.map((n) => s.screenParty({ name: n }).hits.filter((h) => h.listId === listId).map((h) => `${h.entryId}:${h.name}`).sort());
}

test('UTF-16 copies of every list fixture (LE/BE, with and without BOM) load as the UTF-8 file does', { timeout: 60_000 }, (t) => {
  measured(t, 'every fixture in UTF-16 (4 copies each)', () => utf16Copies(), 5);
});

function utf16Copies() {
  for (const name of LIST_FIXTURES) {
    const text = new TextDecoder().decode(fixture(name));
    const s = new Screener({ demoList: false });
    const want = s.loadList(fixture(name), { filename: name });
    s.removeList(want.id);
    for (const [le, bom] of [[true, true], [false, true], [true, false], [false, false]]) {
      const label = `${name} as UTF-16${le ? 'LE' : 'BE'}${bom ? ' with BOM' : ''}`;
      const got = s.loadList(utf16(text, le, bom), { filename: name });
      assert.equal(got.format, want.format, label);
      assert.equal(got.entries, want.entries, label);
      assert.equal(got.names, want.names, label);
      s.removeList(got.id);
    }
    s.free();
  }
}

test('a UTF-16 CSL file with non-ASCII names finds the same entries as its UTF-8 original', { timeout: 30_000 }, () => {
  const text = new TextDecoder().decode(fixture('csl.csv'));
  const s = new Screener({ demoList: false });
  const a = s.loadList(fixture('csl.csv'), { filename: 'consolidated.csv' });
  const probe = ['Hassan Scientific Corporation', 'Example Trading Co'];
  const want = screenedNames(s, a.id, probe);
  s.removeList(a.id);
  const b = s.loadList(utf16(text, true, true), { filename: 'consolidated (Unicode text).csv' });
  assert.deepEqual(screenedNames(s, b.id, probe), want);
  s.free();
});

test('Latin-1 copies: single-byte formats load the same names, UTF-8 formats refuse naming the encoding and line', { timeout: 30_000 }, () => {
  const { s, unchanged } = loadedScreener();
  let refused = 0;
  for (const name of LIST_FIXTURES) {
    const text = new TextDecoder().decode(fixture(name));
    const bytes = latin1(text);
    if (!bytes || bytes.every((b) => b < 0x80)) continue; // nothing in Latin-1 that differs from UTF-8
    const probe = new Screener({ demoList: false });
    const want = probe.loadList(fixture(name), { filename: name });
    let got;
    try { got = probe.loadList(bytes, { filename: name }); } catch (e) {
      expectError(() => { throw e; }, new RegExp(`^${name.replace('.', '\\.')}: not UTF-8 text \\(byte 0x[0-9A-F]{2} at line \\d+\\).*re-save the file as UTF-8`));
      expectError(() => s.loadList(bytes, { filename: name }), /not UTF-8 text/);
      refused += 1;
    }
    if (got) assert.equal(got.entries, want.entries, `${name} in Latin-1`);
    probe.free();
  }
  assert.ok(refused > 0, 'a UTF-8 format met Latin-1 bytes');
  // OFAC's legacy CSV was single-byte: a Latin-1 name is read, not refused.
  const sdn = Uint8Array.from([...enc('90030,"PE'), 0xd1, ...enc('A EXAMPLE, Jos'), 0xe9, ...enc('","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')]);
  const t = new Screener({ demoList: false });
  t.loadList(sdn, { filename: 'sdn.csv' });
  assert.equal(t.screenParty({ name: 'José Peña Example' }).hits[0]?.name, 'PEÑA EXAMPLE, José');
  t.free();
  unchanged('after Latin-1 files');
  s.free();
});

test('XML bombs: billion laughs, an external entity and 100,000-deep nesting are refused quickly and clearly', { timeout: 60_000 }, (t) => {
  const { s, unchanged } = loadedScreener();
  let lol = '<!ENTITY lol0 "lol">';
  for (let i = 1; i < 10; i++) lol += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  const laughs = `<?xml version="1.0"?>\n<!DOCTYPE sdnList [${lol}]>\n<sdnList><sdnEntry><uid>1</uid><lastName>&lol9;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>`;
  measured(t, 'billion laughs', () => expectError(() => s.loadList(enc(laughs), { filename: 'laughs.xml' }), /^laughs\.xml: .*declares entities/), 2);
  const xxe = '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<sdnList><sdnEntry><uid>1</uid><lastName>&xxe;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>';
  const e = expectError(() => s.loadList(enc(xxe), { filename: 'xxe.xml' }), /^xxe\.xml: .*declares entities/);
  assert.doesNotMatch(e.message, /root:/, 'nothing of /etc/passwd in the message');
  const external = '<?xml version="1.0"?>\n<!DOCTYPE sdnList SYSTEM "file:///etc/passwd">\n<sdnList><sdnEntry><uid>1</uid><lastName>&xxe;</lastName></sdnEntry></sdnList>';
  expectError(() => s.loadList(enc(external), { filename: 'dtd.xml' }), /^dtd\.xml: .*entity/);
  const deep = `<?xml version="1.0"?>\n<CONSOLIDATED_LIST>${'<INDIVIDUALS>'.repeat(100_000)}${'</INDIVIDUALS>'.repeat(100_000)}</CONSOLIDATED_LIST>`;
  measured(t, '100,000-deep XML (2.7 MB)', () => expectError(() => s.loadList(enc(deep), { filename: 'deep.xml' }), /^deep\.xml: .*nested deeper than/), 10);
  unchanged('after the XML bombs');
  s.free();
});

test('files of another kind (PDF, ZIP, XLSX, PNG, a saved trade.gov page) say what they are', { timeout: 30_000 }, () => {
  const { s, unchanged } = loadedScreener();
  const zipOf = (entry) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, entry.length, 0, 0, 0, ...enc(entry), ...new Uint8Array(200).fill(7)]);
  const cases = [
    ['consolidated.pdf', Uint8Array.from([...enc('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, ...enc('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')]), /consolidated\.pdf: not a list file: binary data \(a PDF document\)/],
    ['sdn.zip', zipOf('SDN.CSV'), /sdn\.zip: not a list file: binary data \(a ZIP archive/],
    ['ConList.xlsx', zipOf('[Content_Types].xml'), /ConList\.xlsx: .*ZIP archive \(an \.xlsx or \.ods workbook.*save as CSV/],
    ['logo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...enc('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]), /logo\.png: not a list file: binary data \(a PNG image\)/],
    ['consolidated-screening-list.html', enc('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Consolidated Screening List | International Trade Administration</title></head>\n<body><a href="https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv">CSV</a></body></html>'), /consolidated-screening-list\.html: not a list format this page reads: an HTML page \(save the list file itself/],
    ['orders.csv', enc('order,qty,price\n1,2,3\n'), /orders\.csv: not a list format this page reads: a table whose first line is "order,qty,price"/],
    ['empty.csv', new Uint8Array(0), /empty\.csv: the file is empty/],
  ];
  for (const [name, bytes, pattern] of cases) expectError(() => s.loadList(bytes, { filename: name }), pattern);
  unchanged('after files of another kind');
  s.free();
});

const CSL_HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const COLUMNS = CSL_HEADER.split(',').length;
const WORDS = ['Alpha', 'Boreal', 'Cobalt', 'Delta', 'Orion', 'Vega', 'Nova', 'Tech', 'Trading', 'Industrial', 'Marine', 'Petro',
  'Sino', 'Euro', 'Atlas', 'Zenith', 'Apex', 'Quantum', 'Falcon', 'Cedar'];
/** One valid-looking CSL row (invented names: words and a base-36 serial). */
function cslRow(i) {
  const c = new Array(COLUMNS).fill('');
  c[0] = `x${i}`; c[1] = 'Entity List (EL) - Bureau of Industry and Security'; c[3] = 'Entity';
  c[5] = `${WORDS[i % 20]} ${WORDS[(i >> 5) % 20]} ${i.toString(36)} Co`; c[7] = `"${i} Example Road, Lahore, PK"`;
  c[8] = '99 FR 12345'; c[9] = '2024-01-01'; c[12] = 'For all items subject to the EAR.'; c[13] = 'Presumption of denial.';
  c[22] = `${WORDS[(i >> 3) % 20]} ${i.toString(36)} Ltd`;
  return c.join(',');
}
/** A CSL CSV of `rows` rows, or of about `bytes` bytes, encoded. */
function cslFile({ rows = Infinity, bytes = Infinity }) {
  const parts = [CSL_HEADER];
  let size = CSL_HEADER.length + 1;
  for (let i = 0; i < rows && size < bytes; i++) {
    const r = cslRow(i);
    parts.push(r);
    size += r.length + 1;
  }
  return enc(`${parts.join('\n')}\n`);
}

test('a 100,000-row CSL file loads and screens', { timeout: 180_000 }, (t) => {
  const { s } = loadedScreener();
  const file = cslFile({ rows: 100_000 });
  const info = measured(t, `100,000-row CSL CSV (${(file.length / 1e6).toFixed(1)} MB)`, () => s.loadList(file, { filename: 'big.csv' }), 20);
  assert.equal(info.entries, 100_000);
  const hit = s.screenParty({ name: `${WORDS[77 % 20]} ${WORDS[(77 >> 5) % 20]} ${(77).toString(36)} Co` }).hits[0];
  assert.equal(hit.entryId, 'x77');
  assert.equal(s.screenParty({ name: 'Hasan Scientific Corp' }).hits[0].name, 'Hassan Scientific Corporation');
  s.free();
});

test('200 MB of binary junk is refused naming the file; the engine and the loaded lists are intact', { timeout: 180_000 }, (t) => {
  const { s, unchanged } = loadedScreener();
  const junk = new Uint8Array(200_000_000);
  let x = 0x9e3779b9;
  for (let i = 0; i < junk.length; i += 4) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; junk[i] = x; junk[i + 1] = x >>> 8; junk[i + 2] = x >>> 16; junk[i + 3] = x >>> 24; }
  measured(t, '200 MB junk', () => expectError(() => s.loadList(junk, { filename: 'junk.bin' }), /^junk\.bin: not a list file: binary data/), 15);
  unchanged('after 200 MB of junk');
  s.free();
});

test('a file over maxListBytes is refused before parsing, saying how to raise the limit', { timeout: 60_000 }, (t) => {
  assert.equal(new Screener().config().maxListBytes, 256 * MiB);
  const s = new Screener({ maxListBytes: 1_000_000 });
  const before = JSON.stringify(s.lists());
  const file = cslFile({ bytes: 1_200_000 });
  measured(t, `${(file.length / 1e6).toFixed(1)} MB CSL CSV over a 1 MB limit`, () => expectError(() => s.loadList(file, { filename: 'big.csv' }),
    /^big\.csv: \d+ bytes is larger than the limit of 1000000 bytes \(the maxListBytes option of the Screener config raises it\)/), 5);
  assert.equal(JSON.stringify(s.lists()), before);
  s.free();
  const raised = new Screener({ maxListBytes: 2_000_000, demoList: false });
  assert.ok(raised.loadList(file, { filename: 'big.csv' }).entries > 4000);
  raised.free();
});

test('a file of more than a million compact rows is refused before parsing instead of exhausting wasm memory', { timeout: 180_000 }, (t) => {
  // 4.3 million rows of this shape in 255 MiB (under maxListBytes) used to fill the 4 GiB of wasm memory and trap.
  const { s, unchanged } = loadedScreener();
  const parts = [];
  for (let i = 0; i < 1_100_000; i++) parts.push(`${i},"${WORDS[i % 20]} ${i.toString(36)}",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-`);
  const file = enc(`${parts.join('\n')}\n`);
  measured(t, `1,100,000-row sdn.csv (${(file.length / 1e6).toFixed(0)} MB)`, () => expectError(() => s.loadList(file, { filename: 'sdn.csv' }),
    /^sdn\.csv: 1100000 lines: more than the 1000000 entries one list file may hold/), 10);
  unchanged('after a million-row file');
  s.free();
});

// 200 MB of valid-looking CSL rows (828,000 entries) loads, but takes minutes of CPU: run it on demand with
// EXPORT_SCREEN_BIG=1 (its time and memory are in the README's "Hostile input" paragraph).
test('a 200 MB CSL file of valid-looking rows gives a list or a clear error, and the engine still works', { skip: !process.env.EXPORT_SCREEN_BIG && 'set EXPORT_SCREEN_BIG=1 (minutes of CPU)', timeout: 1_800_000 }, (t) => {
  const { s, unchanged } = loadedScreener();
  const file = cslFile({ bytes: 200_000_000 });
  let info;
  try {
    info = measured(t, `200 MB CSL CSV (${(file.length / 1e6).toFixed(0)} MB)`, () => s.loadList(file, { filename: 'huge.csv' }), 1200);
  } catch (e) {
    expectError(() => { throw e; }, /^huge\.csv: /);
    unchanged('after a refused 200 MB list');
  }
  if (info) {
    assert.ok(info.entries > 800_000);
    assert.equal(s.screenParty({ name: `${WORDS[77 % 20]} ${WORDS[(77 >> 5) % 20]} ${(77).toString(36)} Co` }).hits[0].entryId, 'x77');
    s.removeList(info.id);
    unchanged('after loading and removing a 200 MB list');
  }
  s.free();
});
