// Accessibility: axe-core finds no WCAG 2.1 A/AA violation in the page's states, and the main flow works from the
// keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, newSession, openPage, screenText, startBrowser } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('no axe-core violation: start, a stop report with its details open, a list error, a quick check', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  assert.deepEqual(await axe(page), [], 'page at start');

  await page.selectOption('#sample-select', 'stop');
  await page.click('#sample-btn');
  await screenText(page, null);
  for (const d of await page.locator('#result details').all()) await d.evaluate((el) => { el.open = true; });
  assert.deepEqual(await axe(page), [], 'stop report, everything open');

  await page.setInputFiles('#list-file', { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2]) });
  await page.waitForSelector('#list-error:not([hidden])');
  await page.fill('#party-name', 'Hasan Scientific Corp');
  await page.click('#party-btn');
  await page.waitForSelector('.verdict-party');
  assert.deepEqual(await axe(page), [], 'list error and quick check');
  s.assertClean();
});

test('the review and clear reports have no axe-core violation either', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  for (const sample of ['review', 'clear']) {
    await page.selectOption('#sample-select', sample);
    await page.click('#sample-btn');
    await screenText(page, null);
    assert.deepEqual(await axe(page), [], sample);
  }
  s.assertClean();
});

test('keyboard only: reach the sample, fill it, screen with Ctrl+Enter, open an explanation', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));
  // The first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  let steps = 0;
  while ((await focused()) !== 'sample-select' && steps++ < 40) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'sample-select', 'the sample picker is reachable by Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'sample-btn');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'order-text', 'filling the sample puts the cursor in the order');
  assert.match(await page.inputValue('#order-text'), /Hasan Scientific/);
  const run = await page.getAttribute('#result', 'data-run');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.match(await page.textContent('#verdict'), /STOP/);
  // Tab on into the result until the first explanation's summary, and open it with Enter.
  steps = 0;
  while (!(await page.evaluate(() => document.activeElement.matches('.explanation > summary'))) && steps++ < 80) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.explanation[open]').count(), 1);
  s.assertClean();
});

test('no axe-core violation in the order forms: corrections open with a validation error, "Fill a form" with errors, the record open', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  await screenText(page, 'Buyer: Example Trading Co, Dubai, UAE\nShip to our customer in Pakistan\nItems: 6 hand-foot contamination monitors, HS 9030.10');
  await page.click('#corrections summary');
  await page.click('#corrections .of-add >> nth=0');
  await page.locator('#corrections .of-party').nth(1).getByLabel('Address').fill('Islamabad');
  await page.click('#corrections .of-submit');
  await page.waitForSelector('#corrections .of-errors:not([hidden])');
  await page.click('#record summary');
  assert.deepEqual(await axe(page), [], 'corrections form with an error, record open');

  await page.getByLabel('Fill a form').check();
  await page.click('#form-mode .of-submit');
  await page.waitForSelector('#form-mode .of-errors:not([hidden])');
  assert.deepEqual(await axe(page), [], '"Fill a form" with its error');
  s.assertClean();
});

test('keyboard only: switch to "Fill a form", enter a party, add an item row, screen with Enter, correct the result', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  const focusedId = () => page.evaluate(() => document.activeElement && document.activeElement.id);
  let steps = 0;
  while ((await focusedId()) !== 'mode-paste' && steps++ < 20) await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'mode-paste', 'the mode switch is reachable by Tab');
  await page.keyboard.press('ArrowRight'); // radio buttons: the arrow keys choose
  assert.equal(await focusedId(), 'mode-form');
  assert.equal(await page.isVisible('#form-mode'), true);
  await page.keyboard.press('Tab');
  assert.match(await focusedId(), /^entry\d+-p\d+-role$/, 'the first field of the form comes next');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Hasan Scientific Corp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('PK');
  // On past the address and the row's Remove button to "+ Add a party", then the item row.
  steps = 0;
  while (!(await page.evaluate(() => /-i\d+-description$/.test(document.activeElement.id))) && steps++ < 10) await page.keyboard.press('Tab');
  await page.keyboard.type('hand-foot contamination monitors');
  const run = await page.getAttribute('#result', 'data-run');
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.match(await page.textContent('#verdict'), /STOP/);

  // The corrections form of a pasted order: open it, change a role with the keyboard and screen again.
  await page.getByLabel('Paste text').check();
  await screenText(page, 'Supplier: Hasan Scientific Corp, Lahore\nItems: 6 contamination monitors');
  await page.focus('#corrections summary');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // the form's first field: the role of party 1
  assert.match(await focusedId(), /^fix\d+-p\d+-role$/);
  await page.keyboard.press('Home'); // "Buyer" is the first role
  steps = 0;
  while (!(await page.evaluate(() => document.activeElement.classList.contains('of-submit'))) && steps++ < 30) await page.keyboard.press('Tab');
  const run2 = await page.getAttribute('#result', 'data-run');
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run2);
  assert.match(await page.textContent('#verdict'), /STOP/);
  assert.equal(await focusedId(), 'result-h');
  s.assertClean();
});
