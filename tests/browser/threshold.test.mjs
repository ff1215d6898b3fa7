// The minimum name score on the page (like the minimum score of OFAC's Sanctions List Search): the calibrated
// default 0.80 marked, a new value screening the result on show again, the report and its record stating the
// threshold used, batch runs using it, and the way back to the default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { axe, openSession, outDir, screenText, startBrowser } from './harness.mjs';
import path from 'node:path';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const WEAK = 'Buyer: Hasan Scientific Trading Corp, Lahore, Pakistan\nItems: 40 office chairs';

/** Moves the slider to `value` as a reader letting go of it would (input, then change). */
async function setSlider(page, value) {
  const run = await page.getAttribute('#result', 'data-run');
  await page.locator('#threshold-input').evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(value));
  return run;
}

test('the minimum name score: calibrated default marked, a new value screens again and is recorded, batch uses it', async (t) => {
  const s = await openSession(env, t);
  const { page } = s;
  assert.equal(Number(await page.inputValue('#threshold-input')), 0.8);
  assert.equal(await page.textContent('#threshold-input-value'), '0.80 · the calibrated default');
  assert.equal(await page.getAttribute('#threshold-input-marks option', 'label'), 'calibrated default');
  assert.equal(await page.isVisible('.threshold-reset'), false);
  assert.equal(await page.textContent('#threshold'), '0.8');
  assert.deepEqual(await axe(page), [], 'the page with the control');

  assert.match(await screenText(page, WEAK), /^STOP/);
  assert.equal(await page.locator('#result .hit').count(), 1);
  // 0.95: the hit (about 0.91) is below it; the order screened again is clear, and says with what threshold.
  const run = await setSlider(page, 0.95);
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.match(await page.textContent('#verdict'), /^CLEAR/);
  assert.equal(await page.locator('#result .hit').count(), 0);
  assert.equal(await page.textContent('#threshold-input-value'), '0.95 · above the calibrated 0.80: fewer hits, more misses');
  assert.equal(await page.getAttribute('#threshold-input', 'aria-valuetext'), '0.95, above the calibrated 0.80: fewer hits, more misses');
  assert.match(await page.textContent('#result .meta'), /threshold 0\.95/);
  assert.equal(await page.textContent('#threshold'), '0.95');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const record = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.equal(record.report.threshold, 0.95);
  assert.equal(record.algorithm.threshold, 0.95);
  // A batch run after the change uses it too.
  await page.setInputFiles('#batch-file', { name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from('Company,Country\nHasan Scientific Trading Corp,PK\nM/s Hasan Scientific Corp,PK\n') });
  await page.waitForFunction(() => document.getElementById('batch').dataset.state === 'done');
  assert.deepEqual(await page.locator('#batch-tbody .b-hits').allTextContents(), ['0', '1']);
  await page.locator('.threshold').screenshot({ path: path.join(outDir, 'threshold.png') });
  // Lower than the default: said so.
  await setSlider(page, 0.7);
  await page.waitForFunction(() => /below the calibrated/.test(document.getElementById('threshold-input-value').textContent));
  assert.equal(await page.textContent('#threshold-input-value'), '0.70 · below the calibrated 0.80: more hits to review');
  // Back to the calibrated default with one click.
  const run2 = await page.getAttribute('#result', 'data-run');
  await page.click('.threshold-reset');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run2);
  assert.equal(Number(await page.inputValue('#threshold-input')), 0.8);
  assert.match(await page.textContent('#verdict'), /^STOP/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'threshold-input');
  s.assertClean();
});
