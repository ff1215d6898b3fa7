// Keeping lists in this browser, with consent: nothing stored before the opt-in, lists restored on reload (not the
// demo), removing a list removes it from storage, "Forget everything", and storage faults (a full quota, a
// corrupted kept list) shown clearly while the page, the other lists and the decisions carry on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decide, fixtures, newSession, openPage, openSession, screenText, startBrowser } from './harness.mjs';

const CSL = path.join(fixtures, 'example_csl.csv'); // 3 invented rows in the official CSL layout
const cards = (page) => page.locator('#lists .list-card[data-list-id]');
const FP_ORDER = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs'; // a demo list entry
// An entry of the CSL fixture: the demo list is set aside while an official list is loaded.
const FIXTURE_ORDER = 'Buyer: Example Rotor Works Ltd, Karachi, Pakistan\nItems: 40 office chairs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const session = (t, opts) => openSession(env, t, opts);

async function reload(s) {
  await s.page.reload();
  await s.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
}

/** Loads a file; `count` is the number of lists then loaded (the demo list is set aside as soon as one is). */
async function loadFile(page, file, count) {
  await page.setInputFiles('#list-file', file);
  await page.waitForFunction((n) => document.querySelectorAll('#lists .list-card[data-list-id]').length === n
    && !document.querySelector('#lists .list-card[data-list-id="demo"]'), count);
}

/** A second, different list file: the fixture with its entity renamed. */
const otherCsl = (name = 'Example Valve Foundry Ltd') => ({
  name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(fs.readFileSync(CSL, 'utf8').replace('Example Rotor Works Ltd', name)),
});

/** What this origin has in IndexedDB and localStorage, as the page itself can see it. */
function storageState(page) {
  return page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    const out = { dbs, localStorage: Object.keys(localStorage), lists: null, decisions: null };
    if (dbs.includes('export-screen')) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open('export-screen'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const all = (name) => new Promise((res, rej) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      out.lists = (await all('lists')).map((r) => ({ name: r.info.name, files: r.info.files, sha256: r.sha256, kind: r.kind, bytes: r.bytes.byteLength }));
      out.decisions = (await all('decisions')).map((d) => d.note);
      db.close();
    }
    return out;
  });
}

async function markFalsePositive(page, note, hitIndex = 0) {
  await decide(page, page.locator('#result .hit').nth(hitIndex), 'fp', note);
}

async function quickCheck(page, name) {
  const run = await page.getAttribute('#result', 'data-run');
  await page.fill('#party-name', name);
  await page.click('#party-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
}

test('keeping is off by default, and nothing is written to IndexedDB or localStorage without it', async (t) => {
  const s = await session(t);
  const { page } = s;
  const box = page.getByLabel('Keep loaded lists in this browser');
  assert.equal(await box.isChecked(), false);
  assert.match(await page.textContent('#keep-help'), /Off by default[\s\S]*Nothing is uploaded/);
  // Use everything that would store something: load a list, screen, decide, save the screening.
  await loadFile(page, CSL, 1);
  assert.match(await screenText(page, FIXTURE_ORDER), /STOP/);
  await markFalsePositive(page, 'A school supplier, not the listed firm');
  await page.click('#save-screening');
  await page.waitForSelector('#saved-list li');
  assert.match(await page.textContent('#decisions-summary'), /1 decision, kept for this session only: they will not be kept/);
  assert.match(await page.textContent('#saved-summary'), /for this session only/);
  assert.deepEqual(await storageState(page), { dbs: [], localStorage: [], lists: null, decisions: null });
  // A reload starts from nothing: only the demo list, no decision.
  await reload(s);
  assert.equal(await cards(page).count(), 1);
  assert.match(await screenText(page, FP_ORDER), /STOP/);
  assert.equal(await page.locator('#result .decision-text').count(), 0);
  assert.deepEqual(await storageState(page), { dbs: [], localStorage: [], lists: null, decisions: null });
  s.assertClean();
});

test('with consent, loaded lists are kept and restored on reload (not the demo); removing one removes it from storage', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  await page.waitForFunction(() => /Keeping is on/.test(document.getElementById('records-status').textContent));
  await loadFile(page, CSL, 1);
  await loadFile(page, otherCsl(), 2);
  await page.waitForFunction(() => document.querySelectorAll('#lists .list-kept').length === 2);
  assert.match(await cards(page).first().innerText(), /kept in this browser/);
  let st = await storageState(page);
  assert.deepEqual(st.localStorage, ['export-screen.consent']);
  assert.deepEqual(st.lists.map((l) => l.files[0]).sort(), ['example_csl.csv', 'other.csv'], 'the demo list is not stored');
  assert.ok(st.lists.every((l) => l.bytes > 0));
  assert.deepEqual(st.lists.map((l) => l.kind), ['snapshot', 'snapshot'], 'the engine\'s compact snapshot, not the file');

  await reload(s);
  assert.equal(await page.getByLabel('Keep loaded lists in this browser').isChecked(), true);
  assert.equal(await cards(page).count(), 2);
  const today = new Date().toISOString().slice(0, 10);
  const restored = await cards(page).first().innerText();
  assert.match(restored, /US Consolidated Screening List[\s\S]*example_csl\.csv/);
  assert.match(restored, new RegExp(`restored from this browser, loaded ${today}`));
  assert.equal(await page.locator('#demo-aside').count(), 1, 'the restored official lists set the demo list aside again');
  assert.match(await page.textContent('#records-status'), /Restored from this browser: 2 lists/);
  // The restored entries are screened.
  await quickCheck(page, 'Example Valve Foundry Limited');
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Example Valve Foundry Ltd']);

  // Removing a list removes it from storage; after a reload it stays gone.
  await page.click('#lists .list-card:has-text("other.csv") button.remove');
  await page.waitForFunction(() => document.querySelectorAll('#lists .list-card[data-list-id]').length === 1);
  await page.waitForFunction(async () => {
    const db = await new Promise((res) => { const r = indexedDB.open('export-screen'); r.onsuccess = () => res(r.result); });
    const n = await new Promise((res) => { const r = db.transaction('lists').objectStore('lists').count(); r.onsuccess = () => res(r.result); });
    db.close();
    return n === 1;
  });
  st = await storageState(page);
  assert.deepEqual(st.lists.map((l) => l.files[0]), ['example_csl.csv']);
  await reload(s);
  assert.equal(await cards(page).count(), 1);
  assert.doesNotMatch(await page.textContent('#lists'), /other\.csv/);
  s.assertClean();
});

test('turning keeping off deletes what was kept; the lists stay loaded for the session', async (t) => {
  const s = await session(t);
  const { page } = s;
  const box = page.getByLabel('Keep loaded lists in this browser');
  // A list loaded before the opt-in is kept when keeping is turned on.
  await loadFile(page, CSL, 1);
  assert.equal(await page.locator('#lists .list-kept').count(), 0);
  await box.check();
  await page.waitForSelector('#lists .list-kept');
  assert.match(await page.textContent('#records-status'), /Keeping is on: 1 list, 0 decisions and 0 saved screenings are kept/);
  assert.equal((await storageState(page)).lists.length, 1);
  await box.uncheck();
  await page.waitForFunction(() => /Keeping is off/.test(document.getElementById('records-status').textContent));
  assert.deepEqual(await storageState(page), { dbs: [], localStorage: [], lists: null, decisions: null });
  assert.equal(await cards(page).count(), 1, 'the list is still loaded');
  assert.match(await cards(page).first().innerText(), /example_csl\.csv/);
  assert.equal(await page.locator('#lists .list-kept').count(), 0);
  await reload(s);
  assert.equal(await cards(page).count(), 1);
  assert.equal(await cards(page).first().getAttribute('data-list-id'), 'demo', 'nothing kept: the demo list only');
  s.assertClean();
});

test('"Forget everything" asks on the page, then clears storage, unloads the kept lists (not the demo) and the decisions', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  await loadFile(page, CSL, 1);
  await page.waitForSelector('#lists .list-kept');
  assert.match(await screenText(page, FIXTURE_ORDER), /STOP/);
  await markFalsePositive(page, 'Different firm, checked the registry');
  await page.waitForFunction(() => /1 decision, kept in this browser/.test(document.getElementById('decisions-summary').textContent));
  assert.equal((await storageState(page)).decisions.length, 1);

  // Step one only asks; Cancel leaves everything.
  await page.click('#forget-btn');
  assert.equal(await page.isVisible('#forget-confirm'), true);
  await page.click('#forget-no');
  assert.equal(await page.isVisible('#forget-confirm'), false);
  assert.equal((await storageState(page)).lists.length, 1);
  // Step two forgets.
  await page.click('#forget-btn');
  await page.click('#forget-yes');
  await page.waitForFunction(() => /Forgot everything/.test(document.getElementById('records-status').textContent));
  assert.match(await page.textContent('#records-status'), /1 list was unloaded/);
  assert.deepEqual(await storageState(page), { dbs: [], localStorage: [], lists: null, decisions: null });
  assert.equal(await cards(page).count(), 1);
  assert.equal(await cards(page).first().getAttribute('data-list-id'), 'demo', 'no official list is left: the demo list is back');
  assert.equal(await page.getByLabel('Keep loaded lists in this browser').isChecked(), false);
  assert.match(await page.textContent('#decisions-summary'), /No decision yet/);
  // The result on the page no longer carries the decision.
  assert.equal(await page.locator('#result .decision-text').count(), 0);
  await reload(s);
  assert.equal(await cards(page).count(), 1);
  assert.deepEqual((await storageState(page)).dbs, []);
  s.assertClean();
});

test('a full storage quota: a clear message, the list stays loaded for the session, decisions are still kept', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  // The browser refuses to store list data, as it does when the origin's quota is used up.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'lists') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openPage(s);
  await page.getByLabel('Keep loaded lists in this browser').check();
  assert.match(await screenText(page, FP_ORDER), /STOP/);
  await markFalsePositive(page, 'Not the listed firm: other address');
  await loadFile(page, CSL, 1);
  await page.waitForSelector('#records-error:not([hidden])');
  const msg = await page.textContent('#records-error');
  assert.match(msg, /The list “US Consolidated Screening List” \(example_csl\.csv\) could not be kept in this browser/);
  assert.match(msg, /storage for the page is full \(QuotaExceededError\)/);
  assert.match(msg, /stays for this session/);
  assert.match(await cards(page).first().innerText(), /not kept in this browser/);
  // The page keeps working with the list loaded.
  await quickCheck(page, 'Example Rotor Works Limited');
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Example Rotor Works Ltd']);
  const st = await storageState(page);
  assert.deepEqual(st.lists, []);
  assert.deepEqual(st.decisions, ['Not the listed firm: other address']);
  // After a reload the decision is back; the list that could not be kept is not.
  await reload(s);
  assert.equal(await cards(page).count(), 1);
  assert.match(await screenText(page, FP_ORDER), /CLEAR/);
  assert.match(await page.textContent('#result .decision-text'), /Not the listed firm: other address/);
  s.assertClean();
});

test('a corrupted kept list: a clear message on reload, the other lists and the decisions are restored, the page works', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  await loadFile(page, CSL, 1);
  await loadFile(page, otherCsl(), 2);
  await page.waitForFunction(() => document.querySelectorAll('#lists .list-kept').length === 2);
  assert.match(await screenText(page, FIXTURE_ORDER), /STOP/);
  await markFalsePositive(page, 'Registry shows another company');
  await page.waitForFunction(() => /1 decision, kept/.test(document.getElementById('decisions-summary').textContent));
  // Half of the kept snapshot of other.csv, as a write cut short would leave it.
  await page.evaluate(async () => {
    const db = await new Promise((res) => { const r = indexedDB.open('export-screen'); r.onsuccess = () => res(r.result); });
    const store = db.transaction('lists', 'readwrite').objectStore('lists');
    await new Promise((res) => {
      const r = store.getAll();
      r.onsuccess = () => {
        const rec = r.result.find((x) => x.info.files.includes('other.csv'));
        rec.bytes = rec.bytes.slice(0, Math.floor(rec.bytes.byteLength / 2));
        store.put(rec).onsuccess = res;
      };
    });
    db.close();
  });
  await reload(s);
  await page.waitForSelector('#list-error:not([hidden])');
  const err = await page.textContent('#list-error');
  assert.match(err, /A list kept in this browser could not be restored and was removed from its storage/);
  assert.match(err, /“US Consolidated Screening List” \(other\.csv\): other\.csv: snapshot: corrupted or truncated/);
  assert.match(err, /the other lists and your decisions are unchanged/);
  assert.equal(await cards(page).count(), 1, 'the intact kept list (the demo list is set aside for it)');
  assert.match(await cards(page).first().innerText(), /example_csl\.csv[\s\S]*restored from this browser/);
  assert.deepEqual((await storageState(page)).lists.map((l) => l.files[0]), ['example_csl.csv']);
  // The decision applies and screening works.
  assert.match(await screenText(page, FIXTURE_ORDER), /CLEAR/);
  assert.match(await page.textContent('#result .decision-text'), /Registry shows another company/);
  await quickCheck(page, 'Example Rotor Works Limited');
  assert.deepEqual(await page.locator('.hit-name').allTextContents(), ['Example Rotor Works Ltd']);
  s.assertClean();
});
