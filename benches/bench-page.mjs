// Runs bench-core.mjs in the browser, then the batch in Web Workers (bench-workers.mjs): lists are fetched from the
// benchmark server's /shared/ path, the query names from benches/queries.txt. The page's thread runs
// target/bench-pkg/ (with benchBruteForce, the baseline); the workers run pkg/, as the page's batch does.
import init, { Screener } from '../target/bench-pkg/export_screen.js';
import { parseListFiles, SEC_FILE, parseQueries, printBench, runBench, secNames, workloads } from './bench-core.mjs';
import { runWorkerBench } from './bench-workers.mjs';

const show = (out) => {
  const lines = [];
  printBench(out, (l) => lines.push(l));
  document.getElementById('out').textContent = lines.join('\n');
};

try {
  // The workers' module is compiled once, as www/batch.js does, so that the same module can be handed to them.
  const module = await WebAssembly.compileStreaming(fetch(new URL('../pkg/export_screen_bg.wasm', import.meta.url)));
  const wasm = await init({ module_or_path: new URL('../target/bench-pkg/export_screen_bg.wasm', import.meta.url) });
  const files = [];
  const FILES = parseListFiles(await (await fetch(new URL('shared/lists.txt', import.meta.url))).text());
  for (const [rel, label] of FILES) {
    const r = await fetch(`/shared/${rel}`);
    if (r.ok) files.push({ rel, label, bytes: new Uint8Array(await r.arrayBuffer()) });
  }
  const queries = parseQueries(await (await fetch(new URL('queries.txt', import.meta.url))).text());
  const secResponse = await fetch(`/shared/${SEC_FILE}`);
  const sec = secResponse.ok ? secNames(await secResponse.text()) : null;
  const out = runBench({ Screener, memory: wasm.memory, files, queries, sec });
  show(out);
  const loaded = files.filter((f) => out.loads.some((l) => l.file === f.rel && !l.error));
  if (loaded.length) out.workers = await runWorkerBench({ Screener, module, files: loaded, workloads: workloads(queries, sec) });
  show(out);
  window.__bench = out;
} catch (e) {
  document.getElementById('out').textContent = `benchmark failed: ${e && e.stack ? e.stack : e}`;
  window.__bench = { error: String(e && e.message ? e.message : e) };
}
