// The order as a form: correcting what the engine read from a pasted order and screening the corrected order
// again, and entering an order directly as fields ("Fill a form"), with validation shown in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures, openSession, outDir, root, screenText, startBrowser, visibleText } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const session = (t, opts) => openSession(env, t, opts);

/** Clicks `selector` and waits for the result area to show a new run. */
async function clickAndWait(page, selector) {
  const run = await page.getAttribute('#result', 'data-run');
  await page.click(selector);
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
}

const reasonCodes = (page) => page.locator('.reasons .rule').evaluateAll((rs) => rs.map((r) => r.dataset.code));

// A Dubai trader buying for "our customer in Pakistan": the parser reads the buyer and the destination but can name
// no end user; the reader knows it from the correspondence.
const TRADER = [
  'Buyer: Example Trading Co, Dubai, UAE',
  'Ship to our customer in Pakistan',
  'Items: 6 hand-foot contamination monitors, HS 9030.10',
  'Payment: 30 days net',
].join('\n');

test('correcting what was read (a country, a missing end user) and screening again changes the verdict', async (t) => {
  const s = await session(t, { viewport: { width: 1280, height: 1300 } });
  const { page } = s;
  assert.match(await screenText(page, TRADER), /REVIEW/);
  assert.ok((await reasonCodes(page)).includes('kyc.trading-buyer-no-end-user'));

  // The form holds what was read: one party, the buyer, with the country the parser gave it.
  const fix = page.locator('#corrections');
  assert.equal(await fix.getAttribute('open'), null, 'closed while the text gave parties');
  await fix.locator('summary').click();
  const party1 = fix.locator('.of-party').nth(0);
  assert.equal(await fix.locator('.of-party').count(), 1);
  assert.equal(await party1.getByLabel('Role').inputValue(), 'buyer');
  assert.equal(await party1.getByLabel('Name').inputValue(), 'Example Trading Co');
  assert.equal(await party1.getByLabel('Country').inputValue(), 'AE');
  assert.equal(await fix.locator('.of-item').getByLabel('HS code').inputValue(), '9030.10');
  assert.equal(await fix.getByLabel('Payment terms').inputValue(), '30 days net');

  // Complete the buyer's address and add the end user the text only hints at.
  await party1.getByLabel('Address').fill('Office 12, Example Tower, Dubai');
  await fix.getByRole('button', { name: '+ Add a party' }).click();
  const party2 = fix.locator('.of-party').nth(1);
  assert.equal(await party2.locator('legend').textContent(), 'Party 2');
  assert.ok(await party2.getByLabel('Name').evaluate((n) => n === document.activeElement), 'the new row has focus');
  await party2.getByLabel('Role').selectOption('endUser');
  await party2.getByLabel('Name').fill('Pakistan Atomic Energy Commission');
  await party2.getByLabel('Country').fill('PK');
  await clickAndWait(page, '#corrections .of-submit');

  assert.match(await page.textContent('#verdict'), /STOP/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'result-h', 'focus goes to the new result');
  const note = await visibleText(page, '#corrected-note');
  assert.match(note, /This result comes from the corrected order/);
  assert.match(note, /added end user “Pakistan Atomic Energy Commission” \(PK\)/);
  assert.match(note, /buyer “Example Trading Co”: address/);
  const codes = await reasonCodes(page);
  assert.ok(codes.includes('party.el'), `reasons: ${codes}`);
  assert.ok(!codes.includes('kyc.trading-buyer-no-end-user'), 'the end user is named now');
  assert.match(await visibleText(page, '.party[data-role="endUser"]'), /Pakistan Atomic Energy Commission \(PAEC\)/);
  // The buyer kept its place in the text; the end user, typed in, has none.
  assert.ok((await page.locator('.order-pre mark.hl-party').allTextContents()).includes('Example Trading Co'));
  // The corrections are in the form, folded under the note, for a further round.
  assert.equal(await page.getAttribute('#corrections', 'open'), null);
  assert.equal(await page.locator('#corrections .of-party').count(), 2);
  await page.screenshot({ path: path.join(outDir, 'corrected.png'), fullPage: true });

  // The JSON record keeps the pasted text as the input and carries the corrected order.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const record = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(record.input, TRADER);
  assert.equal(record.report.verdict, 'stop');
  assert.deepEqual(record.report.order.parties.map((p) => [p.role, p.name, p.country]),
    [['buyer', 'Example Trading Co', 'AE'], ['endUser', 'Pakistan Atomic Energy Commission', 'PK']]);
  assert.equal(record.report.order.text, TRADER, 'the wording stays for the rules that read it');

  // Back to the text as read.
  await clickAndWait(page, '#undo-corrections');
  assert.match(await page.textContent('#verdict'), /REVIEW/);
  assert.equal(await page.locator('#corrected-note').count(), 0);
  s.assertClean();
});

test('a role read wrongly is corrected in the form: the listed "supplier" is the buyer', async (t) => {
  const s = await session(t);
  const { page } = s;
  assert.match(await screenText(page, 'Supplier: Hasan Scientific Corp, Lahore\nItems: 6 contamination monitors'), /REVIEW/);
  await page.click('#corrections summary');
  const row = page.locator('#corrections .of-party').first();
  assert.equal(await row.getByLabel('Role').inputValue(), 'seller');
  await row.getByLabel('Role').selectOption('buyer');
  await clickAndWait(page, '#corrections .of-submit');
  assert.match(await page.textContent('#verdict'), /STOP/);
  assert.match(await visibleText(page, '#corrected-note'), /Changed: “Hasan Scientific Corp”: role seller → buyer\./);
  assert.match(await visibleText(page, '.reasons'), /The buyer "Hasan Scientific Corp" matches/);

  // A correction that leaves a party without its name is refused in the page, naming the row.
  await page.click('#corrections summary');
  await page.locator('#corrections .of-party').first().getByLabel('Name').fill('');
  await page.locator('#corrections .of-party').first().getByLabel('Country').fill('PK');
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#corrections .of-submit');
  assert.match(await visibleText(page, '#corrections .of-errors'), /Party 1 has no name/);
  assert.equal(await page.getAttribute('#result', 'data-run'), run, 'nothing was screened');
  assert.equal(await page.locator('#corrections .of-party').first().getByLabel('Name').getAttribute('aria-invalid'), 'true');
  assert.match(await page.textContent('#verdict'), /STOP/, 'the last result stays');
  s.assertClean();
});

test('an order the parser reads no party from opens the form, and a party entered there is screened', async (t) => {
  const s = await session(t);
  const { page } = s;
  assert.match(await screenText(page, 'Please quote 6 hand-foot contamination monitors, delivery CIP Lahore.\nRegards, Ali'), /REVIEW/);
  assert.equal(await page.locator('.party').count(), 0);
  assert.notEqual(await page.getAttribute('#corrections', 'open'), null, 'open when nothing was read');
  const row = page.locator('#corrections .of-party').first();
  await row.getByLabel('Name').fill('Hasan Scientific Corp');
  await row.getByLabel('Country').fill('Pakistan');
  await row.getByLabel('Name').press('Enter'); // Enter in a field submits, as in any form
  await page.waitForFunction(() => /STOP/.test(document.getElementById('verdict').textContent));
  assert.deepEqual(await page.locator('.party .hit-name').allTextContents(), ['Hassan Scientific Corporation']);
  assert.match(await visibleText(page, '#corrected-note'), /added buyer “Hasan Scientific Corp” \(Pakistan\)/);

  // When the lists change, "Screen again" screens the corrected order, not the text as read.
  await page.setInputFiles('#list-file', path.join(fixtures, 'example_csl.csv'));
  await page.waitForSelector('#result-stale:not([hidden])');
  // The demo list (which has the corrected buyer) stepped aside for the CSL: bring it back beside it.
  await page.click('#demo-back');
  await page.waitForSelector('#lists .list-card[data-list-id="demo"]');
  await clickAndWait(page, '#rescreen-btn');
  assert.match(await page.textContent('#verdict'), /STOP/);
  assert.match(await visibleText(page, '#corrected-note'), /added buyer “Hasan Scientific Corp” \(Pakistan\)/);
  assert.equal(await page.locator('#record .lists-record tbody tr').count(), 2, 'screened against both lists');
  s.assertClean();
});

test('"Fill a form" screens an order entered as fields, with validation messages in the page', async (t) => {
  const s = await session(t, { viewport: { width: 1280, height: 1100 } });
  const { page } = s;
  const form = page.locator('#form-mode');
  assert.equal(await form.isVisible(), false);
  await page.getByLabel('Fill a form').check();
  assert.equal(await form.isVisible(), true);
  assert.equal(await page.isVisible('#order-text'), false, 'the paste box goes while the form is shown');

  // Nothing entered: a message, the name field marked, focus on it, no dialog and nothing screened.
  await form.getByRole('button', { name: 'Screen', exact: true }).click();
  const errors = form.locator('.of-errors');
  assert.equal(await errors.isVisible(), true);
  assert.equal(await errors.getAttribute('role'), 'alert');
  assert.match(await errors.innerText(), /Enter at least one party with its name/);
  const name1 = form.locator('.of-party').first().getByLabel('Name');
  assert.equal(await name1.getAttribute('aria-invalid'), 'true');
  assert.ok(await name1.evaluate((n) => n === document.activeElement));
  assert.equal(await page.locator('#result > *').count(), 0);

  // A party row without a name and an HS code that is not one: each named.
  await name1.fill('Hasan Scientific Corp');
  await form.locator('.of-party').first().getByLabel('Country').fill('PK');
  await form.getByRole('button', { name: '+ Add a party' }).click();
  await form.locator('.of-party').nth(1).getByLabel('Address').fill('Chashma, Mianwali');
  await form.locator('.of-item').first().getByLabel('Description').fill('hand-foot contamination monitors');
  await form.locator('.of-item').first().getByLabel('HS code').fill('monitors');
  await form.getByRole('button', { name: 'Screen', exact: true }).click();
  const text = await errors.innerText();
  assert.match(text, /2 things to fix/);
  assert.match(text, /Party 2 has no name/);
  assert.match(text, /“monitors” is not an HS code/);
  assert.equal(await name1.getAttribute('aria-invalid'), null, 'a fixed field is no longer marked');

  // Removing the empty party and fixing the code screens the order.
  await form.getByRole('button', { name: 'Remove party 2' }).click();
  assert.equal(await form.locator('.of-party').count(), 1);
  await form.locator('.of-item').first().getByLabel('HS code').fill('9030.10');
  await form.locator('.of-item').first().getByLabel('Quantity').fill('6 pcs');
  await form.getByLabel('Final destination').fill('PK');
  await form.getByLabel('Payment terms').fill('100% advance by cash deposit');
  await clickAndWait(page, '#form-mode .of-submit');
  assert.equal(await errors.isVisible(), false);
  assert.match(await page.textContent('#verdict'), /STOP/);
  assert.match(await visibleText(page, '#form-note'), /Screened from the order entered in the form/);
  assert.deepEqual(await page.locator('.party .hit-name').allTextContents(), ['Hassan Scientific Corporation']);
  assert.match(await visibleText(page, '.items'), /hand-foot contamination monitors[\s\S]*HS 9030\.10[\s\S]*6 pcs/);
  assert.equal(await page.locator('#corrections').count(), 0, 'no second form for an order entered as one');
  assert.equal(await page.locator('.order-pre').count(), 0, 'there is no pasted text to mark');
  await page.screenshot({ path: path.join(outDir, 'form-mode.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const record = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(record.inputKind, 'order');
  assert.equal(JSON.parse(record.input).parties[0].name, 'Hasan Scientific Corp');

  // Back to the paste box, which kept its place.
  await page.getByLabel('Paste text').check();
  assert.equal(await page.isVisible('#order-text'), true);
  assert.equal(await form.isVisible(), false);
  s.assertClean();
});

test('the corrections form, at README size, is the picture docs/order-form.png', async (t) => {
  const s = await session(t, { viewport: { width: 1280, height: 1000 } });
  const { page } = s;
  await screenText(page, TRADER);
  await page.click('#corrections summary');
  const fix = page.locator('#corrections');
  await fix.locator('.of-party').first().getByLabel('Country').fill('AE');
  await fix.locator('.of-party').first().getByLabel('Address').fill('Dubai, UAE');
  await fix.getByRole('button', { name: '+ Add a party' }).click();
  const p2 = fix.locator('.of-party').nth(1);
  await p2.getByLabel('Role').selectOption('endUser');
  await p2.getByLabel('Name').fill('Pakistan Atomic Energy Commission');
  await p2.getByLabel('Country').fill('PK');
  await fix.locator('.of-item').getByLabel('Description').fill('hand-foot contamination monitors');
  await fix.locator('.of-item').getByLabel('Quantity').fill('6 pcs');
  await clickAndWait(page, '#corrections .of-submit');
  assert.match(await page.textContent('#verdict'), /STOP/);
  await page.click('#corrections summary');
  await page.mouse.move(0, 0);
  // The verdict, the note on the corrections, the form with them and the first party card, in one picture.
  const clip = await page.evaluate(() => {
    const a = document.querySelector('.results').getBoundingClientRect();
    const c = document.querySelector('.party[data-role="endUser"] .hit').getBoundingClientRect();
    return { x: a.x - 6, y: window.scrollY + a.y - 6, width: a.width + 12, height: c.top - a.top + 6 };
  });
  const shot = { fullPage: true, clip };
  await page.screenshot({ path: path.join(outDir, 'order-form.png'), ...shot });
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: path.join(root, 'docs/order-form.png'), ...shot });
  s.assertClean();
});
