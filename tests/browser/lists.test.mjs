// Official list files in the page: by file picker and by drag-and-drop, a bad file as a clear error with the lists
// kept, removing a list, a file loaded twice, the demo list set aside while an official list is loaded, the date
// each list speaks for (read from its content, never from when the file was saved) and the warning for an old or
// undated list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures, newSession, openPage, openSession, outDir, screenText, startBrowser } from './harness.mjs';

const CSL = path.join(fixtures, 'example_csl.csv'); // 3 invented rows in the official 29-column CSL layout
const cards = (page) => page.locator('#lists .list-card[data-list-id]');

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const session = (t, opts) => openSession(env, t, opts);

async function quickCheck(page, name) {
  const run = await page.getAttribute('#result', 'data-run');
  await page.fill('#party-name', name);
  await page.click('#party-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
}

test('the demo list is shown at start, marked DEMO, with its counts, date and hash', async (t) => {
  const s = await session(t);
  const card = cards(s.page);
  assert.equal(await card.count(), 1);
  const text = await card.innerText();
  assert.match(text, /^DEMO\s+Demo list/);
  assert.match(text, /demo-toml · \d+ entries · \d+ names · as of \d{4}-\d{2}-\d{2} \(date stated in the file\) · sha256 [0-9a-f]{12}/);
  s.assertClean();
});

test('a CSL file chosen with the file picker is listed and used; a junk file is a clear error and changes nothing', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.setInputFiles('#list-file', CSL);
  await page.waitForFunction(() => !document.querySelector('#lists .list-card[data-list-id="demo"]'));
  const loaded = cards(page).first();
  const text = await loaded.innerText();
  assert.match(text, /US Consolidated Screening List/);
  assert.match(text, /csl-csv · 3 entries · 5 names/);
  assert.match(text, /example_csl\.csv/);
  const sha = createHash('sha256').update(fs.readFileSync(CSL)).digest('hex');
  assert.equal(await loaded.locator('abbr').getAttribute('title'), `sha256 ${sha}`);
  assert.match(text, new RegExp(`sha256 ${sha.slice(0, 12)}`));
  assert.equal(await loaded.locator('.badge-demo').count(), 0, 'an official-format file is not marked DEMO');
  assert.match(await page.textContent('#list-status'), /Loaded US Consolidated Screening List from example_csl\.csv: 3 entries, 5 names\. The demo list is set aside\./);
  assert.equal(await cards(page).count(), 1, 'the demo list is set aside while an official list is loaded');
  assert.equal(await page.isVisible('#demo-note'), false, 'and its banner goes');
  assert.match(await page.textContent('#demo-aside'), /The demo list is set aside while an official list is loaded/);

  // The loaded entries are screened: an invented Entity List row is found, with its own licence text.
  await quickCheck(page, 'Example Rotor Works Limited');
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Example Rotor Works Ltd']);
  assert.match(await page.locator('.hit').innerText(), /Entity List[\s\S]*Licence required[\s\S]*99 FR 12345/);

  // Junk: a clear message naming the file, and the two lists stay.
  await page.setInputFiles('#list-file', { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 255, 0, 7]) });
  await page.waitForSelector('#list-error:not([hidden])');
  const err = await page.textContent('#list-error');
  assert.match(err, /junk\.bin: not a list file/);
  assert.match(err, /the lists already loaded are unchanged/);
  assert.equal(await cards(page).count(), 1);
  assert.match(await cards(page).first().innerText(), /example_csl\.csv/);
  await page.screenshot({ path: path.join(outDir, 'lists-error.png'), fullPage: true });
  // The error goes with the next good load.
  await page.setInputFiles('#list-file', { name: 'second.csv', mimeType: 'text/csv', buffer: Buffer.from(fs.readFileSync(CSL, 'utf8').replace('Example Rotor Works Ltd', 'Example Valve Foundry Ltd')) });
  await page.waitForFunction(() => document.querySelectorAll('#lists .list-card[data-list-id]').length === 2);
  assert.equal(await page.isVisible('#list-error'), false);
  s.assertClean();
});

test('the demo list set aside comes back with its button, and its banner with it', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.setInputFiles('#list-file', CSL);
  await page.waitForSelector('#demo-aside');
  await quickCheck(page, 'Hassan Scientific Corporation');
  assert.equal(await page.locator('.hit').count(), 0, 'the demo entries are not screened while set aside');
  await page.click('#demo-back');
  await page.waitForSelector('#lists .list-card[data-list-id="demo"]');
  assert.equal(await page.locator('#demo-aside').count(), 0);
  assert.equal(await page.isVisible('#demo-note'), true);
  assert.equal(await page.isVisible('#result-stale'), true, 'the result says the lists changed');
  await quickCheck(page, 'Hassan Scientific Corporation');
  assert.match(await page.locator('.hit-name').first().innerText(), /Hassan Scientific Corporation/);
  await page.screenshot({ path: path.join(outDir, 'lists-demo-back.png'), fullPage: true });
  s.assertClean();
});

test('a list dropped on the drop zone is loaded', async (t) => {
  const s = await session(t);
  const { page } = s;
  const csv = fs.readFileSync(CSL, 'utf8').replace('Example Rotor Works Ltd', 'Example Dropped Entity Ltd');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    const zone = document.getElementById('drop-zone');
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector('#lists').textContent.includes('dropped.csv'));
  assert.match(await cards(page).first().innerText(), /dropped\.csv/);
  assert.equal(await page.locator('#drop-zone.over').count(), 0, 'the drop highlight is gone');
  await quickCheck(page, 'Example Dropped Entity');
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Example Dropped Entity Ltd']);
  s.assertClean();
});

test('the same file twice is refused, so hits are not doubled', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.setInputFiles('#list-file', CSL);
  await page.waitForSelector('#demo-aside');
  await page.setInputFiles('#list-file', { name: 'copy.csv', mimeType: 'text/csv', buffer: fs.readFileSync(CSL) });
  await page.waitForSelector('#list-error:not([hidden])');
  assert.match(await page.textContent('#list-error'), /copy\.csv: already loaded \(same sha256 as example_csl\.csv\)/);
  assert.equal(await cards(page).count(), 1);
  s.assertClean();
});

test('removing a list takes its entries out of screening, and an old result says it is out of date', async (t) => {
  const s = await session(t);
  const { page } = s;
  assert.match(await screenText(page, 'Buyer: M/s Hasan Scientific Corp, Lahore'), /STOP/);
  assert.equal(await page.isVisible('#result-stale'), false);
  await page.click('#lists .list-card[data-list-id="demo"] button.remove');
  await page.waitForFunction(() => !document.querySelector('#lists .list-card[data-list-id="demo"]'));
  assert.match(await page.textContent('#lists'), /No list loaded/);
  assert.match(await page.textContent('#list-status'), /Removed Demo list/);
  assert.equal(await page.isVisible('#demo-note'), false, 'the demo banner goes with the demo list');
  assert.equal(await page.isVisible('#result-stale'), true);
  // Screening again with no list: no party hit, and the banner says no list was loaded.
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#rescreen-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.equal(await page.locator('.hit').count(), 0);
  assert.match(await page.textContent('#verdict'), /No list was loaded/);
  assert.equal(await page.isVisible('#result-stale'), false);
  s.assertClean();
});

test('a list published longer ago than the chosen number of days is flagged as old', async (t) => {
  // The demo list carries its publication date; four months later it is out of date.
  const s = await session(t, { clock: new Date('2027-03-23T12:00:00Z') });
  const { page } = s;
  const card = cards(page).first();
  const published = (await card.innerText()).match(/as of (\d{4}-\d{2}-\d{2})/)[1];
  const days = Math.floor((Date.parse('2027-03-23T12:00:00Z') - Date.parse(`${published}T00:00:00Z`)) / 86_400_000);
  assert.ok(days > 30, `the fixed clock is ${days} days after the demo list's date`);
  assert.match(await card.locator('.stale').innerText(), new RegExp(`${days} days old \\(dated ${published}\\), more than 30 days`));
  // A longer limit clears the warning; a shorter one brings it back.
  await page.fill('#stale-days', String(days + 1));
  await page.waitForFunction(() => !document.querySelector('#lists .stale'));
  await page.fill('#stale-days', String(days - 1));
  await page.waitForSelector('#lists .stale');
  s.assertClean();
});

test('a deployment that names its lists in a manifest starts with those lists and without the demo', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  // The deployed page is index.html with one meta tag added (what an intranet admin does).
  await page.route('**/www/', async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('<link rel="icon"',
      '<meta name="export-screen-lists" content="/tests/browser/fixtures/deployed/manifest.json">\n  <link rel="icon"');
    await route.fulfill({ response: res, body: html });
  });
  await openPage(s);
  assert.equal(await cards(page).count(), 1);
  assert.match(await cards(page).first().innerText(), /US Consolidated Screening List[\s\S]*3 entries[\s\S]*example_csl\.csv/);
  assert.match(await page.textContent('#list-status'), /Loaded 1 deployed list/);
  assert.equal(await page.textContent('#bundle-updated'), 'Deployed lists updated on 2026-11-18 11:06 UTC.');
  assert.equal(await page.isVisible('#demo-note'), false);
  assert.match(await screenText(page, 'Buyer: Example Rotor Works Ltd, Karachi, Pakistan\nItems: 2 pumps'), /STOP/);
  assert.doesNotMatch(await page.textContent('#verdict'), /DEMO/);
  assert.ok(s.requests.some((u) => u.endsWith('/tests/browser/fixtures/deployed/manifest.json')));
  s.assertClean();
});

test('a list file without a date inside is dated by its newest listing, not by the day it was saved', async (t) => {
  const s = await session(t, { clock: new Date('2026-06-01T12:00:00Z') });
  const { page } = s;
  // The CSL CSV carries no publication date. A copy saved yesterday is not current for that: its newest listing
  // (2026-02-01) dates it, from below, and that date drives the warning.
  const saved = new Date(Date.parse('2026-05-31T12:00:00Z'));
  const dropFile = (text, name) => page.evaluate(async ({ text, name, lastModified }) => {
    const file = new File([text], name, { type: 'text/csv', lastModified });
    const dt = new DataTransfer();
    dt.items.add(file);
    const input = document.getElementById('list-file');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, { text, name, lastModified: saved.getTime() });
  await dropFile(fs.readFileSync(CSL, 'utf8'), 'consolidated.csv');
  await page.waitForFunction(() => document.querySelector('#lists').textContent.includes('consolidated.csv'));
  const card = cards(page).first();
  const text = await card.innerText();
  assert.match(text, /as of 2026-02-01 \(newest listing date in the file, which states no date of its own\)/);
  assert.doesNotMatch(text, /2026-05-31/, 'the day the file was saved is not its date');
  assert.match(await card.locator('.stale').innerText(), /At least 120 days old \(its newest listing is of 2026-02-01\), more than 30 days/);
  // A list whose file states no date and whose entries carry none is undated, and says so.
  const sdn = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
  await dropFile(sdn, 'sdn.csv');
  await page.waitForFunction(() => document.querySelector('#lists').textContent.includes('sdn.csv'));
  const undated = cards(page).nth(1);
  assert.match(await undated.innerText(), /ofac-sdn-csv[\s\S]*date unknown \(the file states no date\)/);
  assert.match(await undated.locator('.stale').innerText(), /Date unknown: the file states none/);
  assert.equal(await undated.getAttribute('data-age'), 'unknown');
  // A screening against them says so above the result, and its record names each date with its basis.
  await screenText(page, 'Buyer: Example Rotor Works Ltd, Karachi, Pakistan\nItems: 2 pumps');
  assert.match(await page.textContent('#lists-age-note'), /2 lists screened against may be out of date/);
  assert.match(await page.textContent('#record'), /as of 2026-02-01 \(newest listing date in the file[\s\S]*date unknown/);
  await page.screenshot({ path: path.join(outDir, 'lists-dates.png'), fullPage: true });
  s.assertClean();
});
