// WASM benchmark of the built pkg/ under Node: list load (parse + index) per file, screening latency per party
// (median, p99) with the index and with the brute-force Jaro-Winkler baseline in the same run, batch throughput,
// wasm heap after loading, and pkg/ size. Lists are read from ../shared/lists at run time.
//   node benches/wasm-bench.mjs [--json out.json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { initSync, Screener } from '../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/lists');
const wasmBytes = fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm'));
const wasm = initSync({ module: wasmBytes });

const FILES = [
  ['us_csl/consolidated_2022-04.csv', 'CSL (CSV)'],
  ['ofac_sdn/2024-05-03/sdn.csv', 'OFAC SDN (CSV)'],
  ['uk/ofsi_conlist_2025-04-10.csv', 'UK OFSI (CSV)'],
  ['un/UN_consolidated_2026-02-27.xml', 'UN (XML)'],
  ['ofac_consolidated/2025-01-10/CONS_ENHANCED.XML', 'OFAC non-SDN (XML)'],
  ['bis/dpl_2023-11.txt', 'BIS DPL'],
  ['opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv', 'OpenSanctions'],
];

const QUERIES = [
  'Hasan Scientific Corp', 'M/s Pakistan Atomic Energy Comission', 'Beijing Luoluo Technology Development',
  'Rosoboronexport OAO', 'Islamic Revolutionary Guard Corps', 'Huawei Technologies Co Ltd', 'Siemens Healthineers AG',
  'Jinan Metal Forming Machinery Engineering Co', 'Muhammad Kamran Wali', 'Apple Hospitality REIT',
  'Sberbank of Russia', 'Korea Mining Development Trading Corporation', 'Mahan Air', 'Tehnocenter Ltd',
  'Optolink Scientific Production', 'General Technology Limited', 'Shenzhen Huiyuan Trading', 'Acme Widgets Inc',
];

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99), n: s.length };
}
const ms = (x) => Math.round(x * 1000) / 1000;

function timeQueries(fn, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) for (const q of QUERIES) { const t = performance.now(); fn(q); samples.push(performance.now() - t); }
  return stats(samples);
}

const out = { node: process.version, wasmBytes: wasmBytes.length, wasmGzip: zlib.gzipSync(wasmBytes, { level: 9 }).length, loads: [], screening: [] };
if (!fs.existsSync(shared)) {
  console.log(`skipping list benchmarks: ${shared} not found`);
} else {
  const s = new Screener({ demoList: false });
  let names = 0;
  for (const [rel, label] of FILES) {
    const file = path.join(shared, rel);
    if (!fs.existsSync(file)) continue;
    const bytes = new Uint8Array(fs.readFileSync(file));
    // Load into a fresh screener to time this file alone, then into the shared one for the "all lists" figures.
    const alone = new Screener({ demoList: false });
    let t = performance.now();
    let info;
    try { info = alone.loadList(bytes, { filename: path.basename(rel) }); } catch (e) { console.log(`${label}: not loadable: ${e.message}`); alone.free(); continue; }
    const loadMs = performance.now() - t;
    if (label.startsWith('CSL')) {
      const a = timeQueries((q) => alone.screenParty({ name: q }), 20);
      const b = timeQueries((q) => alone.benchBruteForce(q), 2);
      out.screening.push({ lists: 'CSL', names: info.names, index: a, bruteForce: b, speedup: b.median / a.median });
    }
    alone.free();
    s.loadList(bytes, { filename: path.basename(rel) });
    names += info.names;
    out.loads.push({ file: rel, label, bytes: bytes.length, entries: info.entries, names: info.names, ms: ms(loadMs) });
  }
  const a = timeQueries((q) => s.screenParty({ name: q }), 20);
  const b = timeQueries((q) => s.benchBruteForce(q), 2);
  out.screening.push({ lists: 'all loaded', names, index: a, bruteForce: b, speedup: b.median / a.median });
  const batch = [];
  for (let i = 0; i < 10000; i++) batch.push({ name: QUERIES[i % QUERIES.length] + (i % 7 ? '' : ' Trading') });
  let t = performance.now();
  s.screenParties(batch);
  const batchMs = performance.now() - t;
  out.batch = { parties: batch.length, ms: ms(batchMs), perSecond: Math.round(batch.length / (batchMs / 1000)) };
  out.heapBytes = wasm.memory.buffer.byteLength;
}

console.log(`pkg/export_screen_bg.wasm: ${out.wasmBytes} bytes, ${out.wasmGzip} gzipped`);
for (const l of out.loads) console.log(`load ${l.label}: ${l.entries} entries, ${l.names} names, ${l.ms} ms`);
for (const x of out.screening) {
  console.log(`screen vs ${x.lists} (${x.names} names): median ${ms(x.index.median)} ms, p99 ${ms(x.index.p99)} ms; brute force median ${ms(x.bruteForce.median)} ms; speed-up ${Math.round(x.speedup)}x`);
}
if (out.batch) console.log(`batch: ${out.batch.parties} parties in ${out.batch.ms} ms (${out.batch.perSecond}/s)`);
if (out.heapBytes) console.log(`wasm heap after loading everything: ${(out.heapBytes / 1048576).toFixed(1)} MiB`);
const j = process.argv.indexOf('--json');
if (j > 0) fs.writeFileSync(process.argv[j + 1], JSON.stringify(out, null, 2));
