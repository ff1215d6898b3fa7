// Renders BENCHMARKS.md from the JSON and text that scripts/bench.sh collected in target/bench/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2] || 'target/bench';
const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : null);
const node = JSON.parse(read('node.json') || '{}');
const chromium = JSON.parse(read('chromium.json') || '{}');
const criterion = read('criterion.txt') || '';

const lines = [];
const p = (s = '') => lines.push(s);
p('# Benchmarks');
p();
p('Produced by `bash scripts/bench.sh` (this file is its output). Lists are the dated samples in `../shared/lists`');
p('(see its SOURCES.md); the brute-force baseline scores every indexed name with Jaro-Winkler in the same run.');
p();
p(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${node.runtime ?? ''}; ${chromium.runtime ?? ''}.`);
p();
p(`\`pkg/export_screen_bg.wasm\`: ${node.wasmBytes} bytes, ${node.wasmGzip} gzipped (gzip -9).`);
p();
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
  if (r.batch) p(`Batch (\`screenParties\`, full results): ${r.batch.parties} parties in ${r.batch.ms} ms (${r.batch.perSecond} parties/s, one thread).`);
  if (r.batchCompact) p(`Batch (\`screenPartiesCompact\`, hit count and best hit): ${r.batchCompact.parties} parties in ${r.batchCompact.ms} ms (${r.batchCompact.perSecond} parties/s, one thread).`);
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
