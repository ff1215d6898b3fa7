// A bundle made by `export-screen lists update` (the native command, built here if need be) from a local
// "publisher" server on 127.0.0.1, loaded by the page and by the <export-screen> element: "updated on", the age of
// each list against the configured age, what changed since the previous bundle by publisher id, and a list whose
// last download failed (its previous copy kept).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fixtures, newSession, openPage, outDir, root, startBrowser } from './harness.mjs';

const work = path.join(outDir, 'lists-update');
const bundleDir = path.join(work, 'lists');
const manifestUrl = '/tests/browser/out/lists-update/lists/manifest.json';
const today = new Date().toISOString().slice(0, 10);

let env;
let publisher;
const files = new Map(); // path -> body, or a number: an HTTP status

/** The publishers' files, served from memory; a number answers with that status. */
function startPublisher() {
  const server = http.createServer((req, res) => {
    const body = files.get(req.url);
    if (typeof body === 'number' || body === undefined) res.writeHead(body || 404).end();
    else res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs `export-screen lists update` on the bundle directory; resolves to {code, out, err}. (Not spawnSync: the
 * publisher server answers from this process's event loop.) */
function update() {
  const bin = path.join(root, 'target/debug/export-screen');
  const child = spawn(bin, ['lists', 'update', bundleDir, '--sources', path.join(work, 'sources.toml'), '--allow-http']);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const csl = fs.readFileSync(path.join(fixtures, 'example_csl.csv'), 'utf8');
// The UN list dated today (the fixture's own date is February's), so that only the CSL is over the age.
const un = fs.readFileSync(path.join(root, 'tests/fixtures/lists/example_un.xml'), 'utf8')
  .replace(/dateGenerated="[^"]*"/, `dateGenerated="${today}T00:00:09.554Z"`);

before(async () => {
  const build = spawnSync('cargo', ['build', '--quiet', '--bin', 'export-screen'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  publisher = await startPublisher();
  const base = `http://127.0.0.1:${publisher.address().port}`;
  fs.writeFileSync(path.join(work, 'sources.toml'), [
    ['csl', 'US Consolidated Screening List', '/csl/consolidated.csv', 'csl'],
    ['un', 'UN Security Council Consolidated List', '/un/consolidated.xml', 'un'],
  ].map(([id, name, p, format]) => `[[list]]\nid = "${id}"\nname = "${name}"\nurl = "${base}${p}"\nformat = "${format}"\ncitation = "https://example.org/${id}"\n`).join('\n'));
  // The first bundle, then the publisher changes the CSL (one party delisted, one renamed, one added) and the UN
  // server fails: the second run updates the CSL and keeps the UN copy of the first.
  files.set('/csl/consolidated.csv', csl);
  files.set('/un/consolidated.xml', un);
  const first = await update();
  assert.equal(first.code, 0, first.err);
  const rows = csl.trimEnd().split('\n');
  const changed = [rows[0], ...rows.slice(1).filter((r) => !r.startsWith('99001,'))]
    .map((r) => r.replace('Example Forwarding Services FZE', 'Example Forwarding Services LLC'));
  changed.push(rows[1].replace('eeee000000000000000000000000000000000001', 'eeee000000000000000000000000000000000077')
    .replace('Example Rotor Works Ltd', 'Example Turbine Components Ltd'));
  files.set('/csl/consolidated.csv', `${changed.join('\n')}\n`);
  files.set('/un/consolidated.xml', 500);
  const second = await update();
  assert.equal(second.code, 4, `${second.out}\n${second.err}`);
  assert.match(second.out, /csl: 3 entries, .*since the previous bundle: 1 added, 1 removed, 1 changed/);
  assert.match(second.err, /un \(UN Security Council Consolidated List\): .*HTTP 500; kept the previous copy/);
  env = await startBrowser();
});

after(async () => {
  await env?.stop();
  publisher?.close();
});

test('the page loads a bundle from `lists update`: updated on, ages against the setting, what changed, a failed download', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await page.route('**/www/', async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('<link rel="icon"', `<meta name="export-screen-lists" content="${manifestUrl}">\n  <link rel="icon"`);
    await route.fulfill({ response: res, body: html });
  });
  await openPage(s);
  const manifest = JSON.parse(fs.readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8'));
  const when = manifest.generated.slice(0, 16).replace('T', ' ');
  assert.match(await page.textContent('#bundle-updated'),
    new RegExp(`^Deployed lists updated on ${when} UTC; 1 of 2 could not be downloaded that time and is the previous copy\\.$`));
  const cslCard = page.locator('#lists .list-card', { hasText: 'US Consolidated Screening List' });
  const unCard = page.locator('#lists .list-card', { hasText: 'UN Security Council Consolidated List' });
  // The CSL is dated by its newest listing, over 30 days old: warned. The UN list is of today: not warned, but its
  // last download failed, and the card says which copy this is.
  assert.match(await cslCard.locator('.stale').innerText(), /^At least \d+ days old \(its newest listing is of 2026-02-01\), more than 30 days/);
  assert.equal(await unCard.locator('.stale').count(), 0);
  assert.match(await unCard.locator('.list-download-failed').innerText(),
    new RegExp(`^The last download failed \\(http://127\\.0\\.0\\.1:\\d+/un/consolidated\\.xml: HTTP 500\\); this is the copy downloaded on ${today} \\d\\d:\\d\\d UTC\\.$`));
  // What changed in the CSL since the previous bundle, by the publisher's id, opened by the reader.
  const changes = cslCard.locator('details.list-changes');
  assert.match(await changes.locator('summary').innerText(), /^Since the previous bundle \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): 1 added, 1 removed, 1 changed\.$/);
  await changes.locator('summary').click();
  assert.deepEqual(await changes.locator('li').allInnerTexts(), [
    'Added eeee000000000000000000000000000000000077 Example Turbine Components Ltd',
    'Removed 99001 EXAMPLEMAN, Invented Person',
    'Changed eeee000000000000000000000000000000000003 Example Forwarding Services LLC (name)',
  ]);
  await page.screenshot({ path: path.join(outDir, 'lists-update.png'), fullPage: true });
  await page.locator('section[aria-labelledby="lists-h"]').screenshot({ path: path.join(outDir, 'lists-update-panel.png') });
  // The configured age: past the CSL's, its warning goes.
  await page.fill('#stale-days', '2000');
  await page.waitForFunction(() => !document.querySelector('#lists .stale'));
  assert.ok(s.requests.some((u) => u.endsWith('/lists-update/lists/csl.esnap')));
  s.assertClean();
});

test('the element loads the same bundle: updated on, what changed, and a warning for the old list and for the failed download', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  const { page } = s;
  await page.goto(`${s.base}/www/examples/intranet.html`);
  await page.waitForSelector('export-screen#screen[data-ready]');
  const ready = await page.evaluate((url) => new Promise((resolve) => {
    const w = document.createElement('export-screen');
    w.id = 'bundle';
    w.setAttribute('lists', url);
    w.setAttribute('max-age', '60');
    w.addEventListener('ready', (e) => resolve({ lists: e.detail.lists.map((l) => l.name), warnings: e.detail.warnings }), { once: true });
    document.querySelector('main').append(w);
  }), manifestUrl);
  assert.deepEqual(ready.lists, ['US Consolidated Screening List', 'UN Security Council Consolidated List']);
  const w = page.locator('export-screen#bundle');
  assert.match(await w.locator('.lists').innerText(), /Updated on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
  // What changed: the CSL's three changes; the UN list, kept from before, has none to tell.
  assert.equal(await w.locator('.changes').innerText(), 'Since the previous bundle: US Consolidated Screening List 1 added, 1 removed, 1 changed.');
  const ages = await w.locator('.ages li').allInnerTexts();
  assert.equal(ages.length, 2, ages.join('\n'));
  assert.match(ages[0], /^US Consolidated Screening List: At least \d+ days old \(its newest listing is of 2026-02-01\), more than 60 days/);
  assert.match(ages[1], /^UN Security Council Consolidated List: the last download failed \(.*HTTP 500\); the copy loaded is the previous one\.$/);
  await w.screenshot({ path: path.join(outDir, 'lists-update-element.png') });
  s.assertClean();
});
