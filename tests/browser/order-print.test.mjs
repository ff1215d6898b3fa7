// Printing a report (or saving it as PDF): the controls go, every explanation shows, the verdict comes first, and
// the record (time, input sha256, lists with dates and sha256) is on the paper.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newSession, openPage, outDir, screenText, startBrowser } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('print media: controls hidden, explanations and the record shown, verdict first; page.pdf() writes a PDF', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  await page.selectOption('#sample-select', 'stop');
  await page.click('#sample-btn');
  const text = await page.inputValue('#order-text');
  assert.match(await screenText(page, null), /STOP/);
  // On screen the explanations and the record are folded away.
  assert.equal(await page.locator('.explanation .pairs').first().isVisible(), false);
  assert.equal(await page.locator('#record .lists-record').isVisible(), false);
  const sha = createHash('sha256').update(text).digest('hex');
  await page.waitForFunction((h) => document.getElementById('input-sha256')?.textContent === h, sha);

  await page.emulateMedia({ media: 'print' });
  for (const sel of ['#order-text', '#screen-btn', '#sample-select', '#party-form', '#list-file', '#export-json', '#print-btn', '#corrections', '#order-mode']) {
    assert.equal(await page.locator(sel).isVisible(), false, `${sel} hidden in print`);
  }
  assert.equal(await page.locator('#result button:visible, #result input:visible, #result select:visible').count(), 0, 'no control in the printed result');
  // Every explanation is on paper, opened or not.
  const explanations = page.locator('.explanation');
  assert.ok(await explanations.count() >= 1);
  for (const ex of await explanations.all()) {
    assert.equal(await ex.getAttribute('open'), null, 'still closed: the print style shows it, not a script');
    assert.equal(await ex.locator('.pairs').isVisible(), true);
  }
  assert.equal(await page.locator('.order-pre').isVisible(), true);
  // The record: when, the input's sha256, every list with its date and sha256.
  const record = await page.locator('#record').innerText();
  assert.match(record, /Screened at\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  assert.ok(record.includes(sha), 'input sha256');
  const rows = await page.locator('#record .lists-record tbody tr').allInnerTexts();
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.match(r, /\d{4}-\d{2}-\d{2}[\s\S]*[0-9a-f]{64}/, `list row with date and sha256: ${r}`);
  // The verdict comes before the parties, and nothing of the input column comes before it.
  const top = async (sel) => (await page.locator(sel).first().boundingBox()).y;
  assert.ok(await top('#verdict') < await top('.party'));
  assert.ok(await top('#verdict') < 400, 'the verdict is at the top of the first page');

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(outDir, 'report.pdf'), pdf);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 20_000, `PDF of ${pdf.length} bytes`);
  s.assertClean();
});
