// WASM benchmark in headless Chromium (playwright-core, /usr/bin/chromium): the same routine as under Node, run
// in a page, plus the page's time to interactive from localhost. Serves the repo and ../shared/lists from
// 127.0.0.1 only.   node benches/browser-bench.mjs [--json out.json]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { printBench } from './bench-core.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/lists');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const [base, rel] = url.startsWith('/shared/') ? [shared, url.slice('/shared/'.length)] : [root, url.slice(1)];
  const file = path.resolve(base, rel || 'index.html');
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const result = { runtime: `Chromium ${browser.version()}` };
try {
  const page = await browser.newPage();
  // Time to interactive: navigation start to the page's ready signal (wasm compiled, demo list indexed).
  await page.goto(`${base}/www/index.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 }).catch(() => {});
  result.pageReadyMs = await page.evaluate(() => {
    const m = performance.getEntriesByName('export-screen-ready')[0];
    return m ? Math.round(m.startTime) : null;
  });
  if (fs.existsSync(shared)) {
    await page.goto(`${base}/benches/bench.html`);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600000 });
    Object.assign(result, await page.evaluate(() => window.__bench));
    printBench(result);
  } else {
    console.log(`skipping list benchmarks: ${shared} not found`);
  }
  console.log(`page ready (time to interactive from localhost): ${result.pageReadyMs ?? 'n/a'} ms`);
} finally {
  await browser.close();
  server.close();
}
const j = process.argv.indexOf('--json');
if (j > 0) fs.writeFileSync(process.argv[j + 1], JSON.stringify(result, null, 2));
