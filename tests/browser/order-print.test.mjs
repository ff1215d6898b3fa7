// Printing a report (or saving it as PDF): the controls go, every explanation shows, the verdict comes first, the
// record (time, input sha256, lists with dates and sha256) is on the paper, every page has a header (the order, the
// date, both verdicts) and "page n of m", and no heading is left alone at the foot of a page (the PDF's pages are
// read with pdftotext and drawn as pictures with pdftoppm into tests/browser/out/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decide, newSession, openPage, outDir, screenText, startBrowser } from './harness.mjs';

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

/** The text of each page of a PDF (pdftotext -layout), or null when poppler-utils is not installed. */
function pagesOf(file) {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1]);
  return Array.from({ length: n }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-']).toString());
}

/** The section headings of a printed report, as they print (upper case). */
const HEADINGS = /^(PARTIES|REASONS|ITEMS|OTHER RULES AND NOTES|RULES AND NOTES|The order as read|Fields read from the order.*|Record of this screening|Listing details and word-by-word match|How the words lined up)$/;

test('the printed report has a header on every page (order, date, verdicts, page n of m) and no heading alone at a page foot', async (t) => {
  const s = await newSession(env, { clock: new Date('2026-12-01T12:00:00Z') });
  t.after(() => s.close());
  const { page } = s;
  await openPage(s);
  await page.selectOption('#sample-select', 'stop');
  await page.click('#sample-btn');
  assert.match(await screenText(page, null), /^STOP/);
  await decide(page, page.locator('#result .party[data-role="buyer"] .hit').first(), 'fp', 'A school supplier in Lahore, not the listed firm.');
  await page.emulateMedia({ media: 'print' });
  const file = path.join(outDir, 'report-long.pdf');
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  const pages = pagesOf(file);
  if (!pages) {
    if (process.env.CI) assert.fail('pdftotext (poppler-utils) is needed to read the printed pages');
    t.skip('skipped: pdftotext not installed (apt-get install poppler-utils)');
    return;
  }
  // Pictures of the pages, to look at (tests/browser/out/report-long-N.png).
  execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(outDir, 'report-long')]);
  assert.ok(pages.length >= 3, `a long report: ${pages.length} pages`);
  pages.forEach((text, i) => {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    assert.match(lines[0], /^export-screen · PROFORMA INVOICE PI-2026-118\s+2026-12-01 12:00 UTC · STOP$/, `page ${i + 1} header: ${lines[0]}`);
    assert.equal(lines.at(-1), `Page ${i + 1} of ${pages.length}`, `page ${i + 1} number`);
    // The last line of the page's content is not a heading left without what it heads.
    const body = lines.slice(1, -1);
    assert.doesNotMatch(body.at(-1), HEADINGS, `page ${i + 1} ends with the heading "${body.at(-1)}"`);
  });
  // Every section is on paper.
  const all = pages.join('\n');
  for (const h of ['PARTIES', 'REASONS', 'ITEMS', 'Record of this screening']) assert.ok(all.includes(h), h);
  // The same on paper of other heights, so that page breaks fall at many other places of the report.
  const orphans = [];
  for (let mm = 140; mm <= 290; mm += 10) {
    const f = path.join(outDir, 'report-height.pdf');
    fs.writeFileSync(f, await page.pdf({ width: '210mm', height: `${mm}mm`, printBackground: true }));
    for (const [i, text] of pagesOf(f).entries()) {
      const body = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(1, -1);
      if (HEADINGS.test(body.at(-1))) orphans.push(`${mm} mm, page ${i + 1}: "${body.at(-1)}"`);
    }
  }
  assert.deepEqual(orphans, [], 'no heading alone at the foot of a page');

  // A report whose decisions changed the verdict prints both verdicts in its header.
  await page.emulateMedia({ media: 'screen' });
  await screenText(page, 'PO 4471\nBuyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs');
  assert.match(await page.textContent('#verdict'), /^CLEAR.*engine verdict: STOP; after decisions: CLEAR/);
  await page.emulateMedia({ media: 'print' });
  const short = path.join(outDir, 'report-decided.pdf');
  fs.writeFileSync(short, await page.pdf({ format: 'A4', printBackground: true }));
  const decided = pagesOf(short);
  execFileSync('pdftoppm', ['-png', '-r', '50', short, path.join(outDir, 'report-decided')]);
  decided.forEach((text, i) => {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    assert.match(lines[0], /^export-screen · PO 4471\s+2026-12-01 12:00 UTC · STOP \(engine\) · CLEAR after decisions$/, lines[0]);
    assert.equal(lines.at(-1), `Page ${i + 1} of ${decided.length}`);
  });
  s.assertClean();
});
