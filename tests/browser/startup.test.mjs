// When the engine cannot start (here: the .wasm file is missing), the page says so plainly and stays inert
// instead of half-working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newSession, openSession, outDir, screenText, startBrowser } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('a missing wasm file gives a clear message and disabled controls, not a broken page', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await page.route('**/pkg/export_screen_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await page.goto(`${s.base}/www/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'error');
  assert.equal(await page.isVisible('#app-error'), true);
  assert.match(await page.textContent('#app-error'), /The screening engine could not start: .+ Serve the page over http/);
  assert.match(await page.textContent('#engine-status'), /not running/);
  assert.equal(await page.isDisabled('#screen-btn'), true);
  assert.equal(await page.isDisabled('#party-btn'), true);
  // Loading a list before the engine runs is refused with a message, not a TypeError.
  await page.setInputFiles('#list-file', { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('x') });
  await page.waitForSelector('#list-error:not([hidden])');
  assert.match(await page.textContent('#list-error'), /has not started/);
  await page.screenshot({ path: path.join(outDir, 'startup-error.png') });
  // The 404 itself is the only console error; no uncaught page error.
  assert.equal(s.expect(/Failed to load resource: the server responded with a status of 404/), 1);
  s.assertClean();
});

test('once idle after start, the engine warms up with one order it drops: nothing shown, no console error', async (t) => {
  const s = await openSession(env, t);
  const { page } = s;
  await page.waitForFunction(() => document.documentElement.dataset.warm, null, { timeout: 30_000 });
  assert.equal(await page.getAttribute('html', 'data-warm'), 'true');
  const marks = await page.evaluate(() => ['export-screen-ready', 'export-screen-warm'].map((m) => performance.getEntriesByName(m).map((e) => e.startTime)));
  assert.equal(marks[0].length, 1);
  assert.equal(marks[1].length, 1, 'warmed once');
  assert.ok(marks[1][0] >= marks[0][0], 'after the page is ready');
  // The warm-up renders nothing: no result yet, an empty order box; the user's first order then shows as usual.
  assert.equal(await page.getAttribute('#result', 'data-run'), null);
  assert.equal(await page.inputValue('#order-text'), '');
  assert.match(await screenText(page, 'Buyer: Nordic Office Interiors AS, Oslo, Norway\nItems: 40 office chairs, HS 9401.30'), /\S/);
  assert.equal(await page.getAttribute('#result', 'data-run'), '1');
  s.assertClean();
});
