// WASM benchmark of the built pkg/ under Node (see bench-core.mjs for what is measured): it runs
// target/bench-pkg/ (`scripts/build.sh --bench`: the same module with benchBruteForce, the baseline) and reports
// the size of pkg/, which the page loads.
//   node benches/wasm-bench.mjs [--json out.json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { initSync, Screener } from '../target/bench-pkg/export_screen.js';
import { parseListFiles, SEC_FILE, parseQueries, printBench, runBench, secNames } from './bench-core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/lists');
const FILES = parseListFiles(fs.readFileSync(path.join(root, 'benches/shared/lists.txt'), 'utf8'));
const wasmBytes = fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm'));
const wasm = initSync({ module: fs.readFileSync(path.join(root, 'target/bench-pkg/export_screen_bg.wasm')) });

const head = { runtime: `Node ${process.version}`, wasmBytes: wasmBytes.length, wasmGzip: zlib.gzipSync(wasmBytes, { level: 9 }).length };
console.log(`pkg/export_screen_bg.wasm: ${head.wasmBytes} bytes, ${head.wasmGzip} gzipped`);
let out = {};
if (!fs.existsSync(shared)) {
  console.log(`skipping list benchmarks: ${shared} not found`);
} else {
  const files = FILES.filter(([rel]) => fs.existsSync(path.join(shared, rel)))
    .map(([rel, label]) => ({ rel, label, bytes: new Uint8Array(fs.readFileSync(path.join(shared, rel))) }));
  const queries = parseQueries(fs.readFileSync(path.join(root, 'benches/queries.txt'), 'utf8'));
  const secPath = path.join(shared, SEC_FILE);
  const sec = fs.existsSync(secPath) ? secNames(fs.readFileSync(secPath, 'utf8')) : null;
  if (!sec) console.log(`skipping the SEC batch workload: ${secPath} not found`);
  out = runBench({ Screener, memory: wasm.memory, files, queries, sec });
  printBench(out);
}
const j = process.argv.indexOf('--json');
if (j > 0) fs.writeFileSync(process.argv[j + 1], JSON.stringify({ ...head, ...out }, null, 2));
