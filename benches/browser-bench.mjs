// WASM benchmark in headless Chromium (playwright-core, /usr/bin/chromium): the same routine as under Node, run
// in a page, then batch throughput in Web Workers (bench-workers.mjs), the page's time to interactive from
// localhost, and the page's own batch flow end to end (lists loaded through the list picker, a 10,000-row CSV of
// SEC company names through the batch file picker, until the results table is shown; a first file, then the same
// file again with the workers kept). Serves the repo and ../shared/lists from 127.0.0.1 only, keeps Chromium off
// the network (harness.mjs) and fails if any request leaves 127.0.0.1 or the page logs an error.
//   node benches/browser-bench.mjs [--json out.json] [--no-page-batch]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parseListFiles, SEC_FILE, printBench, secNames } from './bench-core.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/lists');
const FILES = parseListFiles(fs.readFileSync(path.join(root, 'benches/shared/lists.txt'), 'utf8'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

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

/** A context that records every request and every error of its pages; `check()` throws on any. */
async function recorded() {
  const context = await browser.newContext();
  const offsite = [];
  const problems = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!/^(data|blob):/.test(u) && !['127.0.0.1', 'localhost'].includes(new URL(u).hostname)) offsite.push(u);
  });
  context.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return {
    context,
    check() {
      if (offsite.length) throw new Error(`requests left 127.0.0.1: ${offsite.join(', ')}`);
      if (problems.length) throw new Error(problems.join('; '));
    },
  };
}

/** A parties CSV as an ERP export writes it: the SEC names with their CIK, ticker and exchange (in memory only). */
function secCsv() {
  const text = fs.readFileSync(path.join(shared, SEC_FILE), 'utf8');
  const j = JSON.parse(text);
  const names = secNames(text);
  const q = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = ['CIK,Company Name,Ticker,Exchange'];
  names.forEach((name, i) => rows.push([String(j.data[i][0]), name, String(j.data[i][2] ?? ''), String(j.data[i][3] ?? '')].map(q).join(',')));
  return { rows: names.length, buffer: Buffer.from(`${rows.join('\r\n')}\r\n`) };
}

/**
 * The page's batch flow: open the page, load `lists` (paths under ../shared/lists) through the list picker, then
 * choose the CSV twice through the batch file picker, each time until the results table is shown. Times come from
 * the page's own performance marks (www/batch.js) and the moment the page's state reads "done".
 */
async function pageBatch(label, lists, names, csv) {
  const rec = await recorded();
  try {
    const page = await rec.context.newPage();
    await page.goto(`${base}/www/index.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    const t = Date.now();
    await page.setInputFiles('#list-file', lists.map((rel) => path.join(shared, rel)));
    // The official lists' cards (the demo list steps aside once an official list is loaded).
    await page.waitForFunction((n) => document.querySelectorAll('#lists .list-card[data-list-id]:not(.is-demo)').length === n, lists.length, { timeout: 600_000 });
    const listsMs = Date.now() - t;
    const runs = [];
    for (let round = 0; round < 2; round++) {
      await page.evaluate(() => { performance.clearMarks(); window.__batchDone = null; });
      await page.setInputFiles('#batch-file', { name: 'customers.csv', mimeType: 'text/csv', buffer: csv.buffer });
      await page.waitForFunction(() => {
        const state = document.getElementById('batch').dataset.state;
        if (state === 'error' || state === 'cancelled') return true;
        if (state !== 'done' || !performance.getEntriesByName('export-screen-batch-screened').length) return false;
        window.__batchDone ??= performance.now();
        return true;
      }, null, { timeout: 600_000, polling: 50 });
      const r = await page.evaluate(() => {
        const mark = (n) => performance.getEntriesByName(`export-screen-batch-${n}`)[0]?.startTime;
        return {
          state: document.getElementById('batch').dataset.state,
          status: document.getElementById('batch-status').textContent,
          error: document.getElementById('batch-error').hidden ? null : document.getElementById('batch-error').textContent,
          totalMs: window.__batchDone - mark('start'),
          workersMs: mark('workers-ready') - mark('start'),
          parseMs: mark('parsed') - mark('workers-ready'),
          screenMs: mark('screened') - mark('parsed'),
        };
      });
      if (r.state !== 'done') throw new Error(`page batch ${label}: ${r.state}: ${r.error || r.status}`);
      runs.push(r);
    }
    rec.check();
    const hits = /: ([\d,]+) with hits?/.exec(runs[0].status);
    const round = (x) => Math.round(x);
    return {
      lists: label, listFiles: lists.length, names, listsMs, parties: csv.rows, withHits: hits ? Number(hits[1].replace(/,/g, '')) : null,
      firstMs: round(runs[0].totalMs), firstWorkersMs: round(runs[0].workersMs), firstParseMs: round(runs[0].parseMs), firstScreenMs: round(runs[0].screenMs),
      secondMs: round(runs[1].totalMs), secondParseMs: round(runs[1].parseMs), secondScreenMs: round(runs[1].screenMs),
      perSecondFirst: Math.round(csv.rows / (runs[0].totalMs / 1000)), perSecondSecond: Math.round(csv.rows / (runs[1].totalMs / 1000)),
      status: runs[0].status, file: 'customers.csv',
    };
  } finally {
    await rec.context.close();
  }
}

try {
  const rec = await recorded();
  const page = await rec.context.newPage();
  // Time to interactive: navigation start to the page's ready signal (wasm compiled, demo list indexed).
  await page.goto(`${base}/www/index.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 }).catch(() => {});
  result.pageReadyMs = await page.evaluate(() => {
    const m = performance.getEntriesByName('export-screen-ready')[0];
    return m ? Math.round(m.startTime) : null;
  });
  if (fs.existsSync(shared)) {
    await page.goto(`${base}/benches/bench.html`);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 1_800_000 });
    const bench = await page.evaluate(() => window.__bench);
    if (bench.error) throw new Error(`benchmark page: ${bench.error}`);
    Object.assign(result, bench);
    rec.check();
    await rec.context.close();
    if (fs.existsSync(path.join(shared, SEC_FILE)) && !process.argv.includes('--no-page-batch')) {
      const csv = secCsv();
      const present = FILES.map(([rel]) => rel).filter((rel) => fs.existsSync(path.join(shared, rel)));
      result.pageBatch = [];
      // Names indexed from the list files (the demo list's few dozen come on top), from the load figures above.
      const namesOf = (rels) => rels.reduce((n, rel) => n + (result.loads.find((l) => l.file === rel)?.names ?? 0), 0);
      const csl = present.filter((rel) => rel.startsWith('us_csl/'));
      if (csl.length) result.pageBatch.push(await pageBatch('demo list + CSL', csl, namesOf(csl), csv));
      result.pageBatch.push(await pageBatch(`demo list + all ${present.length} lists`, present, namesOf(present), csv));
    } else {
      console.log('skipping the page batch: no SEC file, or --no-page-batch');
    }
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
