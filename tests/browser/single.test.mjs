// The single-file build (dist/export-screen.html, scripts/build-single.mjs) opened from disk with file://: the
// engine starts from the embedded wasm, the sample order gives STOP, a list file loads by picker, a parties file is
// batch-screened in blob: workers, and the page
// makes no request other than file:, data: and blob:, with no console error (its CSP allows one script and one
// style by hash, and no connection).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtures, newSession, outDir, root, screenText, startBrowser } from './harness.mjs';

const SINGLE = path.join(root, 'dist/export-screen.html');

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('dist/export-screen.html works from file://: STOP for the sample order, a list by picker, batch in workers, nothing fetched', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await page.goto(pathToFileURL(SINGLE).href);
  await page.waitForFunction(() => document.documentElement.dataset.ready, null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'true', await page.textContent('#app-error'));
  assert.match(await page.textContent('#engine-status'), /Engine ready/);

  await page.selectOption('#sample-select', 'stop');
  await page.click('#sample-btn');
  assert.match(await screenText(page, null), /STOP/);
  assert.match(await page.locator('#result').innerText(), /Hassan Scientific Corporation/);

  await page.setInputFiles('#list-file', path.join(fixtures, 'example_csl.csv'));
  await page.waitForSelector('#demo-aside');
  assert.match(await page.textContent('#list-status'), /Loaded US Consolidated Screening List from example_csl\.csv/);
  // The demo list stepped aside for the CSL; the batch below screens demo names too, so it comes back.
  await page.click('#demo-back');
  await page.waitForSelector('#lists .list-card[data-list-id="demo"]');
  // Batch screening: the bundled worker runs from a blob: URL, with the page's lists (the CSL file) as snapshots.
  await page.setInputFiles('#batch-file', { name: 'partners.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Company;Country\nM/s Hasan Scientific Corp;PK\nExample Rotor Works Limited;\nNordic Office Interiors AS;NO\n') });
  await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('batch').dataset.state), null, { timeout: 60_000 });
  assert.equal(await page.getAttribute('#batch', 'data-state'), 'done', await page.textContent('#batch-error'));
  assert.deepEqual(await page.locator('#batch-tbody .b-listed').allTextContents(), ['Hassan Scientific Corporation (as “Hasan Scientific Corporation”)', 'Example Rotor Works Ltd', '']);
  await page.screenshot({ path: path.join(outDir, 'single-file.png') });

  const elsewhere = s.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(elsewhere, [], 'only file:, data: and blob: requests');
  assert.deepEqual(s.requests.filter((u) => u.startsWith('file:')), [pathToFileURL(SINGLE).href], 'the one file is the only file read');
  assert.deepEqual(s.problems, [], 'no console error, page error or dialog');
});

test('the single file carries its CSP, one hashed script and one hashed style, and no reference to another file', () => {
  const html = fs.readFileSync(SINGLE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  assert.match(csp, /default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /worker-src blob:$/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.equal((html.match(/<script type="module">/g) || []).length, 1);
  assert.doesNotMatch(html, /<script[^>]* src=|<link rel="stylesheet"/);
});
