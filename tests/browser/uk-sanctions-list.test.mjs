// The FCDO's UK Sanctions List on the page: the CSV and the XML chosen with the file picker are listed as "UK Sanctions
// List" with their format, count and the date the file states, and their entries are screened (invented entries in
// the published layouts, tests/fixtures/lists/example_uk_sanctions_list.*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSession, startBrowser } from './harness.mjs';

const lists = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/lists');
const cards = (page) => page.locator('#lists .list-card[data-list-id]');

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

for (const [file, format] of [['example_uk_sanctions_list.csv', 'uk-sl-csv'], ['example_uk_sanctions_list.xml', 'uk-sl-xml']]) {
  test(`the UK Sanctions List ${format} chosen with the file picker is listed and screened`, async (t) => {
    const s = await openSession(env, t);
    const { page } = s;
    await page.setInputFiles('#list-file', path.join(lists, file));
    await page.waitForFunction(() => !document.querySelector('#lists .list-card[data-list-id="demo"]'));
    const text = await cards(page).first().innerText();
    assert.match(text, /UK Sanctions List/);
    assert.match(text, new RegExp(`${format} · 4 entries · \\d+ names · as of 2026-10-08 \\(date stated in the file\\)`));
    assert.match(await page.textContent('#list-status'), new RegExp(`Loaded UK Sanctions List from ${file.replace('.', '\\.')}: 4 entries`));

    const run = await page.getAttribute('#result', 'data-run');
    await page.fill('#party-name', 'Ivan Examplovich Examplov');
    await page.click('#party-btn');
    await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
    assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Ivan Examplovich EXAMPLOV']);
    assert.match(await page.locator('.hit').innerText(), /UK Sanctions List/);
    s.assertClean();
  });
}
