// The result of an order in non-Latin and accented scripts: the evidence is marked at the right characters of the
// pasted text (the engine reports UTF-8 byte offsets; the page maps them to UTF-16), and the words that matched
// are marked in the party's name and in the listed name, whatever the script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newSession, openPage, screenText, startBrowser, visibleText } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

// Cyrillic names, an accented Latin name, and characters outside the BMP (two UTF-16 units, four UTF-8 bytes)
// before the evidence further down, so that any offset slip shows as wrong words marked.
const ORDER = [
  'Продавец: ООО Ромашка, Москва',
  'Покупатель: ООО НПК Оптолинк, Зеленоград, Россия',
  'Consignee: Минский завод колёсных тягачей, Minsk, Belarus',
  'Note: ✈️📦 urgent, Linköping office informed',
  'Items: fibre optic gyroscopes, bias stability 0.05 deg/h, 10 pcs',
  'End user: to be advised',
  'Payment: cash',
].join('\n');

test('evidence in Cyrillic text with emoji is marked on exactly the words the engine found', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  assert.match(await screenText(page, ORDER), /STOP/);

  // The marked text is the pasted text, whole, with marks over the parties, the item and the rule evidence.
  assert.equal(await page.locator('.order-pre').textContent(), ORDER);
  const marks = await page.locator('.order-pre mark').evaluateAll((ms) => ms.map((m) => [m.textContent, m.className]));
  const marked = (text) => marks.filter(([t]) => t === text).map(([, c]) => c);
  assert.deepEqual(marked('ООО Ромашка'), ['hl hl-party'], `marks: ${JSON.stringify(marks)}`);
  assert.deepEqual(marked('ООО НПК Оптолинк'), ['hl hl-stop'], 'buyer: party and the Russia stop evidence');
  assert.deepEqual(marked('Минский завод колёсных тягачей'), ['hl hl-stop']);
  // The item is the evidence of the Russia and Belarus measures that cover it: the stop mark wins over the item's.
  assert.deepEqual(marked('fibre optic gyroscopes, bias stability 0.05 deg/h, 10 pcs'), ['hl hl-stop']);
  assert.match(await page.locator('.order-pre mark', { hasText: 'fibre optic gyroscopes' }).getAttribute('title'), /^item · Stop: dest\.russia/);
  assert.deepEqual(marked('to be advised'), ['hl hl-review']);
  assert.deepEqual(marked('cash'), ['hl hl-review']);
  assert.equal(marks.length, 6, `nothing else is marked: ${JSON.stringify(marks)}`);
  // Each mark says what it is.
  assert.match(await page.locator('.order-pre mark', { hasText: 'cash' }).getAttribute('title'), /Review: kyc\.cash-payment/);

  // The reasons quote the same words.
  const rule = page.locator('.reasons .rule[data-code="kyc.cash-payment"]');
  assert.deepEqual(await rule.locator('.rule-evidence mark').allTextContents(), ['cash']);

  // Matching words are marked in the party names as written (Cyrillic), through the engine's transliteration.
  assert.deepEqual(await page.locator('.party[data-role="buyer"] .party-name mark.tok').allTextContents(), ['Оптолинк']);
  assert.deepEqual(await page.locator('.party[data-role="consignee"] .party-name mark.tok').allTextContents(), ['Минский', 'колёсных', 'тягачей']);
  // ... and in the listed alias that matched, with its kind.
  const minsk = page.locator('.party[data-role="consignee"] .hit').first();
  assert.equal(await minsk.locator('.hit-name').textContent(), 'MINSK WHEEL TRACTOR PLANT');
  assert.match(await minsk.locator('.matched').innerText(), /OTKRYTOE AKTSIONERNOE OBSHCHESTVO MINSKII ZAVOD KOLESNYKH TYAGACHEI”? \(a\.k\.a\.\)/);
  assert.deepEqual(await minsk.locator('.matched-name mark.tok').allTextContents(), ['MINSKII', 'KOLESNYKH', 'TYAGACHEI']);
  const card = await minsk.innerText();
  assert.match(card, /OFAC|SDN/, 'list badge');
  assert.match(card, /Programmes\s+NPWMD, BELARUS-EO14038/);
  assert.ok(Number(await minsk.locator('[role=meter]').getAttribute('aria-valuenow')) >= 90);
  s.assertClean();
});

test('the accented seller and the "to be advised" after "Linköping" are marked where they stand', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  await page.selectOption('#sample-select', 'review');
  await page.click('#sample-btn');
  const text = await page.inputValue('#order-text');
  assert.match(text, /Linköping/);
  assert.match(await screenText(page, null), /REVIEW/);
  const marks = await page.locator('.order-pre mark').allTextContents();
  for (const m of ['Nordic Inertial Sensors AB', 'Beijing Comfort Technology and Development Co., Ltd.', 'to be advised', '100% T/T in advance']) {
    assert.ok(marks.includes(m), `${m} in ${JSON.stringify(marks)}`);
  }
  // Every mark is text of the order, and the marks appear in the order's own order.
  let at = 0;
  for (const m of marks) {
    const k = text.indexOf(m, at);
    assert.ok(k >= 0, `${m} after ${at}`);
    at = k + m.length;
  }
  // The items: candidate control entries with the parameter to ask about.
  const item = await visibleText(page, '.items .item >> nth=1');
  assert.match(item, /Single-axis fibre optic gyro[\s\S]*7A002[\s\S]*bias stability/);
  s.assertClean();
});
