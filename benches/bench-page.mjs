// Runs bench-core.mjs in the browser: lists are fetched from the benchmark server's /shared/ path.
import init, { Screener } from '../pkg/export_screen.js';
import { FILES, printBench, runBench } from './bench-core.mjs';

const wasm = await init();
const files = [];
for (const [rel, label] of FILES) {
  const r = await fetch(`/shared/${rel}`);
  if (r.ok) files.push({ rel, label, bytes: new Uint8Array(await r.arrayBuffer()) });
}
const out = runBench({ Screener, memory: wasm.memory, files });
const lines = [];
printBench(out, (l) => lines.push(l));
document.getElementById('out').textContent = lines.join('\n');
window.__bench = out;
