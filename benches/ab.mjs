// A/B of wasm builds in one Node process, for a shared, noisy machine: each build is its own module instance
// (its own wasm memory), and every measurement runs the builds one after the other, round after round, so load on
// the machine falls on all of them alike. Reports each build's figures (median over rounds) and its ratio to the
// first build. Builds are directories holding wasm-bindgen --target web output of `scripts/build.sh --bench` (or
// without the bench feature: the brute-force baseline is not used here).
//   node benches/ab.mjs [--rounds N] [--batch N] DIR_A DIR_B [...]
// Measured, as benches/bench-core.mjs does: wasm memory after loading every list into a fresh instance (first, so
// the figure is the peak); the CSL's load time; screening latency (median of the benchmark names) against the CSL
// and against all lists; batch throughput (screenParties) over the first N SEC company names and N listed-heavy
// names. Times are wall-clock, with the process's CPU time (user + system, all threads) beside the load times.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseListFiles, SEC_FILE, listedBatch, parseQueries, secNames } from './bench-core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/lists');
const FILES = parseListFiles(fs.readFileSync(path.join(root, 'benches/shared/lists.txt'), 'utf8'));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const rounds = opt('--rounds', 5);
const batchN = opt('--batch', 2000);
if (args.length < 1 || !fs.existsSync(shared)) {
  console.log(args.length < 1 ? 'usage: node benches/ab.mjs [--rounds N] [--batch N] DIR_A DIR_B ...' : `skipping: ${shared} not found`);
  process.exit(args.length < 1 ? 2 : 0);
}

const files = FILES.filter(([rel]) => fs.existsSync(path.join(shared, rel)))
  .map(([rel, label]) => ({ rel, label, name: rel.split('/').pop(), bytes: new Uint8Array(fs.readFileSync(path.join(shared, rel))) }));
const csl = files.find((f) => f.label.startsWith('CSL'));
const queries = parseQueries(fs.readFileSync(path.join(root, 'benches/queries.txt'), 'utf8'));
const secPath = path.join(shared, SEC_FILE);
const sec = fs.existsSync(secPath) ? secNames(fs.readFileSync(secPath, 'utf8')).slice(0, batchN).map((name) => ({ name })) : [];
const listed = listedBatch(queries).slice(0, batchN);

const builds = [];
for (const dir of args) {
  const abs = path.resolve(dir);
  const mod = await import(pathToFileURL(path.join(abs, 'export_screen.js')).href);
  const wasm = mod.initSync({ module: fs.readFileSync(path.join(abs, 'export_screen_bg.wasm')) });
  builds.push({ dir, mod, wasm, m: {} });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const record = (b, key, v) => (b.m[key] ||= []).push(v);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Heap first, while each instance's memory is fresh.
for (const b of builds) {
  const s = new b.mod.Screener({ demoList: false });
  for (const f of files) s.loadList(f.bytes, { filename: f.name });
  b.heapMiB = b.wasm.memory.buffer.byteLength / 1048576;
  b.all = s; // kept for the all-lists screening below
}

function screenMedian(s) {
  const xs = [];
  for (let r = 0; r < 5; r++) {
    for (const q of queries) {
      const t = performance.now();
      s.screenParty({ name: q });
      xs.push(performance.now() - t);
    }
  }
  return median(xs);
}

for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...builds].reverse() : builds;
  for (const b of order) {
    if (csl) {
      const s = new b.mod.Screener({ demoList: false });
      const c = cpuMs();
      const t = performance.now();
      s.loadList(csl.bytes, { filename: csl.name });
      record(b, 'csl load ms', performance.now() - t);
      record(b, 'csl load cpu ms', cpuMs() - c);
      record(b, 'median vs CSL ms', screenMedian(s));
      s.free();
    }
    record(b, 'median vs all ms', screenMedian(b.all));
    for (const [id, parties] of [['sec', sec], ['listed', listed]]) {
      if (!parties.length) continue;
      const c2 = cpuMs();
      const t2 = performance.now();
      b.all.screenParties(parties);
      record(b, `batch ${id} /s`, parties.length / ((performance.now() - t2) / 1000));
      record(b, `batch ${id} /cpu s`, parties.length / ((cpuMs() - c2) / 1000));
    }
  }
}
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${rounds} rounds, batch of ${batchN}, load average ${load}; medians over rounds, ratio to ${builds[0].dir}`);
const keys = ['heap MiB', ...Object.keys(builds[0].m)];
const val = (b, k) => (k === 'heap MiB' ? b.heapMiB : median(b.m[k]));
console.log(['', ...builds.map((b) => b.dir)].join('\t'));
for (const k of keys) {
  const base = val(builds[0], k);
  const cells = builds.map((b) => {
    const v = val(b, k);
    const fmt = v >= 100 ? v.toFixed(0) : v.toFixed(3);
    return b === builds[0] ? fmt : `${fmt} (${(v / base).toFixed(2)}x)`;
  });
  console.log([k, ...cells].join('\t'));
}
