// The page in headless Chromium: what a person sees, and that nothing leaves 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, outDir, root, start } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const CSL_HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

function assertClean() {
  assert.deepEqual(h.offsite(), [], 'no request may leave 127.0.0.1');
  assert.deepEqual(h.problems, [], 'no console error, page error or dialog');
}

test('an order from a listed Lahore buyer is stopped, naming the listed party', async () => {
  await openPage(h);
  await h.page.fill('#order-text', 'Buyer: M/s Hasan Scientific Corp, Lahore\nItems: 6 hand-foot contamination monitors\n');
  await h.page.click('#screen-btn');
  await h.page.waitForSelector('.verdict-stop');
  const verdict = await h.page.textContent('#verdict');
  assert.match(verdict, /STOP/);
  const names = await h.page.$$eval('.hit-name', (els) => els.map((e) => e.textContent));
  assert.ok(names.includes('Hassan Scientific Corporation'), `hits: ${names}`);
  assert.match(await h.page.textContent('#result'), /86 FR 29193/);
  // What the engine read from the order is shown, field by field.
  assert.match(await h.page.textContent('details.read'), /buyer/i);
  // The explanation of the hit opens and names the alias that matched.
  await h.page.click('.explanation summary');
  assert.match(await h.page.textContent('.explanation'), /Hasan Scientific Corporation|hasan/i);
  await h.page.screenshot({ path: path.join(outDir, 'stop.png'), fullPage: true });
  // The README's screenshot is refreshed on request (UPDATE_SCREENSHOTS=1), so a test run never edits tracked files.
  await h.page.setViewportSize({ width: 1280, height: 1000 });
  await h.page.evaluate(() => window.scrollTo(0, 0));
  const shot = process.env.UPDATE_SCREENSHOTS ? path.join(root, 'docs/screenshot.png') : path.join(outDir, 'readme.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await h.page.screenshot({ path: shot });
  assertClean();
});

test('an ordinary civilian order comes out clear', async () => {
  await openPage(h);
  await h.page.fill('#order-text', 'Buyer: Nordic Office Interiors AS, Oslo, Norway\nItems: 40 office chairs, HS 9401.30\nPayment: 30 days net\n');
  await h.page.click('#screen-btn');
  await h.page.waitForSelector('.verdict-clear');
  assert.match(await h.page.textContent('#verdict'), /CLEAR/);
  assertClean();
});

test('official files load by file picker and by drop; a bad file is a clear error and the lists stay', async () => {
  await openPage(h);
  const rowsBefore = await h.page.$$eval('#lists-body tr', (r) => r.length);
  const csv = `${CSL_HEADER}\nt1,Entity List (EL) - Bureau of Industry and Security,,,,Example Rotor Works Ltd,,"1 Example Road, Karachi, PK",99 FR 99999,2025-01-01,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,,,,,,,,\n`;
  await h.page.setInputFiles('#list-file', { name: 'consolidated.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await h.page.waitForFunction((n) => document.querySelectorAll('#lists-body tr').length === n + 1, rowsBefore);
  assert.match(await h.page.textContent('#lists-body'), /US Consolidated Screening List/);
  // Junk: a clear error naming the file, and nothing else changes.
  await h.page.setInputFiles('#list-file', { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 255, 0, 7]) });
  await h.page.waitForSelector('#list-error:not([hidden])');
  assert.match(await h.page.textContent('#list-error'), /junk\.bin/);
  assert.equal(await h.page.$$eval('#lists-body tr', (r) => r.length), rowsBefore + 1);
  // Drop a second file onto the drop zone.
  await h.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text.replace('t1,', 't2,').replace('Example Rotor Works Ltd', 'Second Example Forge')], 'second.csv', { type: 'text/csv' }));
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await h.page.waitForFunction((n) => document.querySelectorAll('#lists-body tr').length === n + 2, rowsBefore);
  // The loaded list is used: a quick check finds the invented entry.
  await h.page.fill('#party-name', 'Example Rotor Works');
  await h.page.click('#party-btn');
  await h.page.waitForSelector('.hit-name');
  assert.match(await h.page.textContent('#result'), /Example Rotor Works Ltd/);
  assert.deepEqual(h.offsite(), []);
  // A junk-file error is not a console error: only the expected page text.
  assert.deepEqual(h.problems, []);
});

test('markup in pasted text and in list entries is rendered inert; the CSP is in force', async () => {
  await openPage(h);
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const csv = `${CSL_HEADER}\nx1,Entity List (EL) - Bureau of Industry and Security,,,,"${payload} Evil Imports",,"1 Road, Lahore, PK",99 FR 1,2025-01-01,,,"<b onmouseover=alert(3)>x</b>",,,,,,,,,javascript:alert(4),,,,,,,\n`;
  await h.page.setInputFiles('#list-file', { name: `<img src=x onerror=alert(5)>.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await h.page.fill('#order-text', `Buyer: ${payload} Evil Imports\n`);
  await h.page.click('#screen-btn');
  await h.page.waitForSelector('#verdict:not(.verdict-none)');
  assert.equal(await h.page.$$eval('img[src="x"], #result script, #lists-body script, b[onmouseover]', (e) => e.length), 0, 'no element came from the data');
  assert.equal(await h.page.$$eval('a[href^="javascript"]', (e) => e.length), 0, 'no javascript: link');
  assert.match(await h.page.textContent('#result'), /<script>alert\(2\)<\/script>/, 'the markup is shown as text');
  const csp = await h.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  // An inline script injected at run time is blocked by the policy.
  const ran = await h.page.evaluate(async () => {
    window.__inline = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    const blocked = new Promise((r) => document.addEventListener('securitypolicyviolation', () => r(true), { once: true }));
    document.body.append(s);
    await Promise.race([blocked, new Promise((r) => setTimeout(r, 500))]);
    return window.__inline;
  });
  assert.equal(ran, false, 'inline script must not run');
  // The CSP violation report is the only console message allowed here.
  h.problems.splice(0, h.problems.length, ...h.problems.filter((p) => !/Content Security Policy/.test(p)));
  assertClean();
});

test('the JS API works from the page context as documented', async () => {
  await openPage(h);
  const r = await h.page.evaluate(async () => {
    const m = await import('/pkg/export_screen.js');
    const s = new m.Screener({ threshold: 0.85 });
    const hit = s.screenParty({ name: 'Hasan Scientific Corp', country: 'PK' }).hits[0];
    const lists = s.lists();
    s.removeList(lists[0].id);
    return {
      version: m.version(), match: m.matchNames('PAEC', 'Pakistan Atomic Energy Commission'), hit: hit && hit.name,
      listsAfter: s.lists().length, threshold: s.config().threshold, demo: lists[0].demo,
    };
  });
  assert.match(r.version, /^\d+\.\d+\.\d+$/);
  assert.equal(r.match.match, true);
  assert.equal(r.hit, 'Hassan Scientific Corporation');
  assert.equal(r.listsAfter, 0);
  assert.equal(r.threshold, 0.85);
  assert.equal(r.demo, true);
  assertClean();
});
