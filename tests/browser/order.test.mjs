// Screening orders in the page, as a person does it: paste, press Screen, read the verdict and the evidence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSession, outDir, root, screenText, startBrowser, visibleText } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const session = (t, opts) => openSession(env, t, opts);

test('an order from a listed Lahore buyer is stopped, naming the listed party with its evidence', async (t) => {
  const s = await session(t);
  const { page } = s;
  const verdict = await screenText(page, 'Buyer: M/s Hasan Scientific Corp, Lahore\nItems: 6 hand-foot contamination monitors\n');
  assert.match(verdict, /STOP/);
  assert.match(await page.getAttribute('#verdict', 'class'), /verdict-stop/);
  // Not colour alone: the banner says what to do, and that only the demo list was used.
  assert.match(verdict, /Do not ship/);
  assert.match(verdict, /DEMO list/);

  const hit = page.locator('.party[data-role="buyer"] .hit').filter({ has: page.locator('.hit-name', { hasText: /^Hassan Scientific Corporation$/ }) });
  assert.equal(await hit.count(), 1, 'one hit naming Hassan Scientific Corporation on the buyer card');
  assert.ok(await hit.locator('.hit-name').isVisible());
  const card = await visibleText(page, '.party[data-role="buyer"] .hit');
  assert.match(card, /Entity List/, 'list badge');
  assert.match(card, /Licence required/, 'legal effect');
  assert.match(card, /Matched “?Hasan Scientific Corporation”? \(a\.k\.a\.\)/, 'the alias that matched');
  assert.match(card, /86 FR 29193/, 'Federal Register notice');
  assert.match(card, /For all items subject to the EAR/, 'licence requirement');
  assert.match(card, /PK is among the listed countries/, 'supporting evidence');
  assert.ok(Number(await hit.locator('[role=meter]').getAttribute('aria-valuenow')) >= 90, 'score bar at the stop level');
  assert.equal(await hit.locator('.matched-name mark.tok').allTextContents().then((m) => m.join(' ')), 'Hasan Scientific', 'matching words marked');
  assert.equal(await hit.locator('a[href^="https://www.ecfr.gov/"]').count(), 1, 'source link');

  // The reasons cite their legal basis; the stop reason names the party.
  const reasons = await visibleText(page, '.reasons');
  assert.match(reasons, /STOP[\s\S]*M\/s Hasan Scientific Corp[\s\S]*15 CFR 744\.11/);

  // The explanation opens and shows the word pairs and what was set aside.
  await hit.locator('.explanation summary').click();
  const pairs = await hit.locator('.pairs tbody tr').allInnerTexts();
  assert.ok(pairs.some((r) => /^hasan\s+hasan\s+exact/.test(r)), `pairs: ${pairs}`);
  assert.match(await hit.locator('.explanation').innerText(), /ms · honorific \(order\)/);

  // The party is marked where it was read in the pasted text.
  const marks = await page.locator('.order-pre mark').allTextContents();
  assert.ok(marks.includes('M/s Hasan Scientific Corp'), `marks: ${marks}`);

  await page.screenshot({ path: path.join(outDir, 'stop.png'), fullPage: true });
  s.assertClean();
});

test('the stop sample, shown at README size, is the screenshot of the README', async (t) => {
  const s = await session(t, { viewport: { width: 1280, height: 1240 } });
  const { page } = s;
  await page.selectOption('#sample-select', 'stop');
  await page.click('#sample-btn');
  assert.match(await page.inputValue('#order-text'), /M\/s Hasan Scientific Corp/);
  assert.match(await screenText(page, null), /STOP/);
  await page.mouse.move(0, 0); // no hover colour on the button in the picture
  await page.screenshot({ path: path.join(outDir, 'readme.png') });
  // Tracked files change only on request, so an ordinary test run leaves the checkout as it was.
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
  s.assertClean();
});

test('an ordinary civilian order comes out clear, with every party shown as checked', async (t) => {
  const s = await session(t);
  const { page } = s;
  const verdict = await screenText(page, [
    'Seller: Schreiber Büromöbel GmbH, Stuttgart, Germany',
    'Buyer: Nordic Office Interiors AS, Oslo, Norway',
    'Items: 40 office chairs, HS 9401.30',
    'Payment: 30 days net',
  ].join('\n'));
  assert.match(verdict, /CLEAR/);
  assert.match(await page.getAttribute('#verdict', 'class'), /verdict-clear/);
  assert.equal(await page.locator('.hit').count(), 0);
  assert.deepEqual(await page.locator('.party .role').allTextContents(), ['Seller', 'Buyer']);
  assert.deepEqual(await page.locator('.party .hitcount').allTextContents(), ['no hit', 'no hit']);
  assert.match(await visibleText(page, '.items'), /office chairs[\s\S]*No control-list entry proposed/);
  await page.screenshot({ path: path.join(outDir, 'clear.png'), fullPage: true });
  s.assertClean();
});

test('a review order lists candidate control entries with the parameter to check and its red flags', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.selectOption('#sample-select', 'review');
  await page.click('#sample-btn');
  assert.match(await screenText(page, null), /REVIEW/);
  const items = await visibleText(page, '.items');
  assert.match(items, /7A002/);
  assert.match(items, /Regulation \(EU\) 2021\/821/);
  assert.match(items, /meets the control parameters/);
  const rule = page.locator('.reasons .rule[data-code="kyc.end-user-undisclosed"]');
  assert.match(await rule.innerText(), /^REVIEW[\s\S]*In the order: to be advised[\s\S]*What to do:[\s\S]*15 CFR Part 732/);
  assert.ok((await page.locator('.order-pre mark.hl-review').allTextContents()).includes('to be advised'));
  await page.screenshot({ path: path.join(outDir, 'review.png'), fullPage: true });
  s.assertClean();
});

test('the quick check screens one party and shows its hits', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.fill('#party-name', 'Hasan Scientific Corp');
  await page.fill('#party-country', 'PK');
  await page.click('#party-btn');
  await page.waitForSelector('.verdict-party');
  assert.match(await page.textContent('#verdict'), /POSSIBLE MATCH/);
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Hassan Scientific Corporation']);
  // A name nothing resembles.
  await page.fill('#party-name', 'Nordic Office Interiors AS');
  await page.fill('#party-country', '');
  await page.click('#party-btn');
  await page.waitForFunction(() => /NO HIT/.test(document.getElementById('verdict').textContent));
  assert.equal(await page.locator('.hit').count(), 0);
  s.assertClean();
});

test('empty input and the clear button leave the page usable, with a message instead of an error', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, '   ');
  assert.match(await page.textContent('#error'), /Paste an order first/);
  assert.equal(await page.isVisible('#error'), true);
  await page.click('#party-btn');
  assert.match(await page.textContent('#error'), /Enter the name/);
  assert.equal(await page.getAttribute('#party-name', 'aria-invalid'), 'true');
  assert.match(await screenText(page, 'Buyer: M/s Hasan Scientific Corp, Lahore'), /STOP/);
  assert.equal(await page.isVisible('#error'), false, 'the old message goes once a screening succeeds');
  await page.click('#clear-btn');
  assert.equal(await page.inputValue('#order-text'), '');
  assert.match(await page.textContent('#verdict'), /Nothing screened yet/);
  assert.equal(await page.locator('#result > *').count(), 0);
  s.assertClean();
});

test('the JSON export holds the input, its sha256 and the report', async (t) => {
  const s = await session(t);
  const { page } = s;
  const text = 'Buyer: M/s Hasan Scientific Corp, Lahore\nItems: 6 hand-foot contamination monitors';
  await screenText(page, text);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const record = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const { createHash } = await import('node:crypto');
  assert.equal(record.input, text);
  assert.equal(record.inputSha256, createHash('sha256').update(text).digest('hex'));
  assert.equal(record.report.verdict, 'stop');
  assert.equal(record.report.lists[0].sha256.length, 64);
  assert.equal(record.config.threshold, record.report.threshold);
  assert.match(download.suggestedFilename(), /^export-screen-stop-\d{4}-\d{2}-\d{2}\.json$/);
  s.assertClean();
});

test('an error from the engine (an order over the size limit) is shown, and the page keeps working', async (t) => {
  const s = await session(t);
  const { page } = s;
  const limit = await page.evaluate(async () => (await import('/pkg/export_screen.js')).defaultConfig().maxOrderBytes);
  // Set as a paste would (typing a megabyte through fill() takes minutes).
  await page.$eval('#order-text', (box, n) => { box.value = 'Buyer: Example Trading Co\n'.repeat(n); }, Math.ceil(limit / 25) + 10);
  await screenText(page, null);
  assert.equal(await page.isVisible('#error'), true);
  assert.match(await page.textContent('#error'), /limit/);
  assert.match(await page.textContent('#verdict'), /Not screened/);
  assert.equal(await page.locator('#result > *').count(), 0, 'no stale report under the error');
  assert.match(await screenText(page, 'Buyer: M/s Hasan Scientific Corp, Lahore'), /STOP/);
  assert.equal(await page.isVisible('#error'), false);
  s.assertClean();
});
