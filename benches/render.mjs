// Renders BENCHMARKS.md from the JSON and text that scripts/bench.sh collected in target/bench/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2] || 'target/bench';
const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : null);
const node = JSON.parse(read('node.json') || '{}');
const chromium = JSON.parse(read('chromium.json') || '{}');
const criterion = read('criterion.txt') || '';

/** Short workload names and one line of method each (bench-core.mjs builds them). */
const WORKLOAD = { listed: 'listed-heavy', sec: 'SEC company names' };
const API = { screenParties: ' (full results)', screenPartiesCompact: ' (hit count and best hit)' };
const method = (id, r) => ({
  listed: `the ${r.queryCount ?? 22} names of \`benches/queries.txt\` (ours; mostly listed-looking) cycled to 10,000 parties, every 7th with " Trading" added: the worst case, most parties have hits.`,
  sec: `the first ${(r.secCount || 10000).toLocaleString('en')} company names of the SEC company-tickers file (\`../shared/lists/companies\`, read at run time): what a customer master looks like, nearly every party clean.`,
}[id]);
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

const lines = [];
const num = (x) => (x == null ? '–' : Number(x).toLocaleString('en'));
const met = (ok) => (ok == null ? 'not measured' : ok ? 'met' : '**not met**');
const both = (f) => [node, chromium].map(f);
/** The figure of one runtime, or '–' when that runtime did not measure it. */
const fig = (v, unit = '') => (v == null ? '–' : `${num(v >= 100 ? Math.round(v) : v)}${unit}`);
/** Met when every runtime that measured it meets it; null when none did. */
const all = (vals, ok) => {
  const got = vals.filter((v) => v != null);
  return got.length ? got.every(ok) : null;
};

/** The targets of issue #8, each with its figure under Node / in Chromium and whether it is met. */
function targets() {
  const all7 = (r) => r.screening?.find((x) => x.lists === 'all lists');
  const median = both((r) => all7(r)?.index.median);
  const speedup = both((r) => all7(r)?.speedup);
  const cslLoad = both((r) => r.loads?.find((l) => l.label.startsWith('CSL') && !l.error)?.ms);
  const allLoad = both((r) => r.curve?.at(-1)?.loadMs);
  // Per 1,000 names, the load of the whole set at the largest point of the curve against the first point of at
  // least 10,000 names: linear when it grows by no more than half.
  const perK = (r) => {
    const c = r.curve || [];
    const a = c.find((x) => x.names >= 10000);
    const b = c.at(-1);
    return a && b && a !== b ? (b.loadMs / b.names) / (a.loadMs / a.names) : null;
  };
  const growth = both(perK);
  const worker = both((r) => r.workers?.find((w) => w.workload === 'sec' && w.workers === 1)?.perSecond);
  const thread = both((r) => r.batches?.find((b) => b.workload === 'sec' && b.api === 'screenParties')?.perSecond);
  const heap = both((r) => r.heapMiB);
  const rows = [
    ['median per party, all lists', '≤ 0.5 ms', median.map((v) => fig(v, ' ms')), all(median, (v) => v <= 0.5)],
    ['speed-up over brute force, same run', '≥ 100×', speedup.map((v) => fig(v, '×')), all(speedup, (v) => v >= 100)],
    ['CSL load (parse + index)', '≤ 300 ms', cslLoad.map((v) => fig(v, ' ms')), all(cslLoad, (v) => v <= 300)],
    ['all lists load', '≤ 1.5 s', allLoad.map((v) => fig(v, ' ms')), all(allLoad, (v) => v <= 1500)],
    ['load cost per name, largest set / first ≥ 10k names', '≤ 1.5 (linear)', growth.map((v) => (v == null ? '–' : v.toFixed(2))), all(growth, (v) => v <= 1.5)],
    ['batch in one Web Worker, SEC company names', '≥ 20,000/s', worker.map((v) => fig(v, '/s')), all(worker, (v) => v >= 20000)],
    ['batch on one thread, SEC company names (full results)', '≥ 20,000/s', thread.map((v) => fig(v, '/s')), all(thread, (v) => v >= 20000)],
    ['wasm memory with all lists', '≤ 64 MiB', heap.map((v) => fig(v, ' MiB')), all(heap, (v) => v <= 64)],
    ['wasm gzipped, without list data', '≤ 400 KB (scripts/build.sh enforces its own budget, by GNU gzip -9)', [fig(node.wasmGzip, ' B'), '–'], node.wasmGzip == null ? null : node.wasmGzip <= 400000],
  ];
  p('## Targets of issue #8');
  p();
  p('| target | goal | Node | Chromium | |');
  p('| --- | --- | ---: | ---: | --- |');
  for (const [what, goal, [n, c], ok] of rows) p(`| ${what} | ${goal} | ${n} | ${c} | ${met(ok)} |`);
  p();
}
const p = (s = '') => lines.push(s);
p('# Benchmarks');
p();
p('Produced by `bash scripts/bench.sh` (this file is its output). Lists are the dated samples in `../shared/lists`');
p('(see its SOURCES.md); the brute-force baseline scores every indexed name with Jaro-Winkler in the same run.');
p('Where the time and the bytes go, with profiles: [docs/performance.md](docs/performance.md).');
p();
p(`Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
p();
p(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${node.runtime ?? ''}; ${chromium.runtime ?? ''}.`);
p();
p(`\`pkg/export_screen_bg.wasm\`: ${node.wasmBytes} bytes, ${node.wasmGzip} gzipped (Node's zlib at level 9; scripts/build.sh prints GNU gzip -9's figure, a few KB smaller).`);
p();
targets();
for (const [label, r] of [['WASM under Node', node], ['WASM in headless Chromium', chromium]]) {
  if (!r.loads) continue;
  p(`## ${label}`);
  p();
  p('| list file | entries | names | load (parse + index) |');
  p('| --- | ---: | ---: | ---: |');
  for (const l of r.loads) p(l.error ? `| ${l.label} | – | – | not loaded: ${l.error} |` : `| ${l.label} | ${l.entries} | ${l.names} | ${l.ms} ms |`);
  p();
  p('| screening against | names | median | p99 | brute force median | speed-up |');
  p('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const x of r.screening) p(`| ${x.lists} | ${x.names} | ${x.index.median} ms | ${x.index.p99} ms | ${x.bruteForce.median} ms | ${x.speedup}× |`);
  p();
  p('Cost over list size (lists added one by one, in the order above):');
  p();
  p('| names | load all | screening median | p99 |');
  p('| ---: | ---: | ---: | ---: |');
  for (const c of r.curve) p(`| ${c.names} | ${c.loadMs} ms | ${c.median} ms | ${c.p99} ms |`);
  p();
  if (r.batches?.length) {
    const b0 = r.batches[0];
    p(`Batch throughput, one thread, one screener with all ${b0.lists} lists loaded (${b0.names} names):`);
    p();
    p('| workload | call | parties | with hits | time | parties/s |');
    p('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const b of r.batches) p(`| ${WORKLOAD[b.workload]} | \`${b.api}\`${API[b.api]} | ${b.parties} | ${b.withHits} | ${b.ms} ms | ${b.perSecond} |`);
    p();
    for (const id of [...new Set(r.batches.map((b) => b.workload))]) p(`- ${WORKLOAD[id]}: ${method(id, r)}`);
    p();
  }
  if (r.workers?.length) {
    const w0 = r.workers[0];
    p(`Batch in dedicated Web Workers, as the page runs it, all ${w0.lists} lists (${w0.names} names) in every worker:`);
    p();
    p('| workload | workers | parties | with hits | time | parties/s | per worker | workers started in |');
    p('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const w of r.workers) p(`| ${WORKLOAD[w.workload]} | ${w.workers} | ${w.parties} | ${w.withHits} | ${w.ms} ms | ${w.perSecond} | ${w.perWorker} | ${w.startMs} ms |`);
    p();
    p(`Method: fresh module workers running the page's \`www/worker.js\`, given the wasm compiled once on the page and snapshots of the ${w0.lists} lists (\`Screener.snapshot\`, ${mb(w0.snapshotBytes)} in all), then the rows in chunks of 250 to whichever worker is free, answered with \`screenParties\`' full results, as \`www/batch.js\` does; time from the first chunk sent to the last answer; "started in" is spawning to every worker ready. ${os.cpus().length} cores.`);
    p();
  }
  if (r.pageBatch?.length) {
    p('The page\'s batch end to end (the README\'s batch figure):');
    p();
    p('| lists loaded on the page | names | parties | with hits | first file | of it, starting the workers | next file (workers kept) | parties/s first / next |');
    p('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const e of r.pageBatch) p(`| ${e.lists} | ${e.names} | ${e.parties} | ${e.withHits ?? '–'} | ${sec(e.firstMs)} | ${sec(e.firstWorkersMs)} | ${sec(e.secondMs)} | ${e.perSecondFirst} / ${e.perSecondSecond} |`);
    p();
    p(`Method: \`www/index.html\` from 127.0.0.1, the list files chosen in its list picker, then a generated CSV of the 10,000 SEC company names (CIK, company name, ticker, exchange; built in memory at run time) chosen twice in the Batch file picker; from the page's batch start mark until its results table is shown; the page's pool of 2 workers; names are those of the list files (the demo list's few dozen come on top); no request left 127.0.0.1. ${os.cpus().length} cores.`);
    p();
  }
  if (r.heapMiB) p(`Wasm memory with every list loaded in one screener: ${r.heapMiB} MiB.`);
  if (r.pageReadyMs != null) p(`Page ready (wasm compiled, demo list indexed) from localhost: ${r.pageReadyMs} ms.`);
  p();
}
p('## Native (criterion)');
p();
p('```');
for (const l of criterion.split('\n').filter((l) => /time:|Benchmarking csl\/.*: Analyzing|^csl\//.test(l))) p(l.trim());
p('```');
process.stdout.write(lines.join('\n') + '\n');
