// Decisions on hits in the page: marking a false positive (note required, expiry a year on, the reviewer's name asked
// once, a second confirmation with its own reason to dismiss a strong stop-list match) or a confirmed match, the
// verdict after decisions next to the engine's (the engine applies the decisions), later screenings of the same
// party, expiry, the log's export and checked import, saved screenings re-screened when the lists change, and the
// CSV and JSON records with both verdicts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REVIEWER, STRONG_REASON, axe, decide as decideHit, fixtures, openSession, outDir, root, screenText, startBrowser, visibleText } from './harness.mjs';

const CSL = path.join(fixtures, 'example_csl.csv');
const CLOCK = new Date('2026-12-01T12:00:00Z');
const ORDER = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs';
const NOTE = 'Hasan Scientific Corp of Lahore is a school supplier (NTN 1234567), not the listed Hassan Scientific Corporation.';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

const session = (t, opts = { clock: CLOCK }) => openSession(env, t, opts);

/** Decides on the first hit of the buyer (the reviewer's name and the second reason given when asked). */
const decide = (page, kind, note, opts) => decideHit(page, page.locator('#result .party[data-role="buyer"] .hit').first(), kind, note, opts);
const FP_TEXT = `Marked false positive by ${REVIEWER} on 2026-12-01: ${NOTE} (expires 2027-12-01). Strong match dismissed because: ${STRONG_REASON}`;

test('a false positive needs a note; then the verdict shows the engine verdict and the one after the decision, and the hit stays', async (t) => {
  const s = await session(t);
  const { page } = s;
  assert.match(await screenText(page, ORDER), /STOP/);
  const hit = page.locator('#result .party[data-role="buyer"] .hit').first();
  // Without a note: refused with a message, nothing decided.
  await hit.locator('.mark-fp').click();
  assert.equal(await hit.locator('.decision-form input[type=date]').inputValue(), '2027-12-01', 'expiry defaults to a year on');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA', 'focus goes to the note');
  await hit.locator('.decision-form button[type=submit]').click();
  assert.match(await hit.locator('.decision-form [role=alert]').innerText(), /Write a note saying why this hit is a false positive/);
  assert.match(await page.textContent('#verdict'), /^STOP/);
  await hit.locator('.decision-form .cancel').click();

  await decide(page, 'fp', NOTE);
  const verdict = await visibleText(page, '#verdict');
  assert.match(verdict, /^CLEAR/);
  assert.match(verdict, /engine verdict: STOP; after decisions: CLEAR\. 1 hit was set aside by decisions \(still shown below\)/);
  assert.match(await page.getAttribute('#verdict', 'class'), /verdict-clear verdict-decided/);
  // The hit is still on the card, with the decision and who made it.
  assert.equal(await page.locator('#result .hit-name', { hasText: 'Hassan Scientific Corporation' }).count(), 1);
  assert.equal(await page.textContent('#result .decision-text'), FP_TEXT);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'decision-text', 'focus on the decision just made');
  // The Entity List reason is marked as cleared, not removed.
  const reason = page.locator('#result .reasons > li[data-code="party.el"]');
  assert.match(await reason.innerText(), new RegExp(`Cleared by decision: every hit of this party on this list is marked a false positive by ${REVIEWER}\\.[\\s\\S]*Hasan Scientific Corp`));
  // The picture for the README: the result panel from the verdict to the reasons.
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0)); // boxes in page coordinates, as the clip of a full-page shot
  const panel = await page.locator('.results').boundingBox();
  const end = await page.locator('#result .reasons').boundingBox();
  const clip = { x: panel.x, y: panel.y, width: panel.width, height: end.y + end.height - panel.y + 12 };
  await page.screenshot({ path: path.join(outDir, 'decisions.png'), clip, fullPage: true });
  // Tracked files change only on request, so an ordinary test run leaves the checkout as it was.
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: path.join(root, 'docs/decisions.png'), clip, fullPage: true });
  s.assertClean();
});

test('later screenings of the same party apply the decision; another country or another party does not', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, ORDER);
  await decide(page, 'fp', NOTE);
  // The same party written differently (case, punctuation) in a later order, with a red flag that still reviews.
  const v = await screenText(page, 'PO 77\nBuyer: M/S HASAN SCIENTIFIC CORP., Lahore, Pakistan\nItems: 40 office chairs\nPayment: cash deposit');
  assert.match(v, /^REVIEW/);
  assert.match(v, /engine verdict: STOP; after decisions: REVIEW\. 1 hit was set aside/);
  assert.match(await page.textContent('#result .decision-text'), new RegExp(`^Marked false positive by ${REVIEWER} on 2026-12-01`));
  // With a nuclear end user the order stops for another reason: the decision sets the hit aside, the verdict stays.
  const v2 = await screenText(page, `${ORDER}\nEnd user: Chashma Nuclear Power Plant, Pakistan Atomic Energy Commission`);
  assert.match(v2, /^STOP/);
  assert.match(v2, /1 hit was set aside by decisions; the verdict stays STOP for the other reasons \(engine verdict: STOP\)/);
  // The same name in Dubai is not the party decided on.
  assert.match(await screenText(page, ORDER.replace('Lahore, Pakistan', 'Dubai, United Arab Emirates')), /^STOP/);
  assert.equal(await page.locator('#result .decision-text').count(), 0);
  assert.doesNotMatch(await page.textContent('#verdict'), /set aside/);
  // A quick check of the party with its country shows the decision on the hit.
  await page.fill('#party-name', 'M/s Hasan Scientific Corp');
  await page.fill('#party-country', 'PK');
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#party-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.match(await page.textContent('#result .decision-text'), new RegExp(`Marked false positive by ${REVIEWER}`));
  assert.match(await page.textContent('#verdict'), /^NO HIT LEFT/);
  s.assertClean();
});

test('a confirmed match is shown and lowers nothing; a decision can be withdrawn', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, ORDER);
  await decide(page, 'confirmed', 'Same address and director as the Entity List entry.');
  assert.equal(await page.textContent('#result .decision-text'), `Confirmed match by ${REVIEWER} on 2026-12-01: Same address and director as the Entity List entry.`);
  const verdict = await page.textContent('#verdict');
  assert.match(verdict, /^STOP/);
  assert.doesNotMatch(verdict, /after your decisions/);
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#result .decision .withdraw');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.equal(await page.locator('#result .decision-text').count(), 0);
  assert.equal(await page.locator('#result .party[data-role="buyer"] .mark-fp').count(), 1);
  assert.match(await page.textContent('#decisions-summary'), /No decision yet/);
  s.assertClean();
});

test('an expired false positive no longer sets the hit aside, and says so', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  await screenText(page, ORDER);
  await decide(page, 'fp', NOTE, { expires: '2026-12-15' });
  await page.waitForFunction(() => /kept in this browser/.test(document.getElementById('decisions-summary').textContent));
  // The same browser profile a month later.
  await page.clock.setFixedTime(new Date('2027-01-10T12:00:00Z'));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const v = await screenText(page, ORDER);
  assert.match(v, /^STOP/);
  assert.doesNotMatch(v, /set aside/);
  assert.match(await page.textContent('#result .decision-text'), /expired on 2026-12-15, so this hit counts again/);
  s.assertClean();
});

test('the decision log exports as JSON and imports into another browser; a bad file is refused and changes nothing', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, ORDER);
  await decide(page, 'fp', NOTE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#decisions-export')]);
  assert.equal(download.suggestedFilename(), 'export-screen-decisions-2026-12-01.json');
  const logText = fs.readFileSync(await download.path(), 'utf8');
  const log = JSON.parse(logText);
  assert.equal(log.kind, 'export-screen-decisions');
  assert.equal(log.decisions.length, 1);
  assert.deepEqual({ note: log.decisions[0].note, kind: log.decisions[0].kind, expires: log.decisions[0].expires, country: log.decisions[0].party.country, by: log.decisions[0].by },
    { note: NOTE, kind: 'false-positive', expires: '2027-12-01', country: 'PK', by: REVIEWER });
  assert.match(log.decisions[0].entryId, /hassan/);
  assert.equal(log.decisions[0].listId, 'demo-toml', 'the list by its format, the same in every session');

  // Another browser: a bad file first.
  const s2 = await session(t);
  const p2 = s2.page;
  const bad = JSON.parse(logText);
  bad.decisions[0].expires = 'next year';
  await p2.setInputFiles('#decisions-import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await p2.waitForSelector('#records-error:not([hidden])');
  assert.match(await p2.textContent('#records-error'), /bad\.json was not imported \(your decisions are unchanged\): decision 1: expires must be a date \(YYYY-MM-DD\)/);
  await p2.setInputFiles('#decisions-import', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('<html>') });
  await p2.waitForFunction(() => /junk\.json was not imported/.test(document.getElementById('records-error').textContent));
  assert.match(await p2.textContent('#records-error'), /not a JSON file/);
  assert.match(await p2.textContent('#decisions-summary'), /No decision yet/);
  // The good file.
  await p2.setInputFiles('#decisions-import', { name: 'log.json', mimeType: 'application/json', buffer: Buffer.from(logText) });
  await p2.waitForFunction(() => /Imported log\.json: 1 new decision/.test(document.getElementById('records-status').textContent));
  assert.equal(await p2.isVisible('#records-error'), false);
  const v = await screenText(p2, ORDER);
  assert.match(v, /engine verdict: STOP; after decisions: CLEAR/);
  assert.match(await p2.textContent('#result .decision-text'), new RegExp(`Marked false positive by ${REVIEWER} on 2026-12-01: ${NOTE.slice(0, 30).replace(/[()]/g, '\\$&')}`));
  s.assertClean();
  s2.assertClean();
});

test('a saved screening is screened again when the lists change, and the changed one is named', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  const order = 'Buyer: Example Rotor Works Ltd, Karachi, Pakistan\nItems: 2 centrifugal pumps';
  await page.setInputFiles('#list-file', CSL);
  await page.waitForSelector('#demo-aside'); // loaded: the demo list steps aside
  assert.match(await screenText(page, order), /^STOP/);
  await page.click('#save-screening');
  await page.waitForFunction(() => /Saved the screening of Example Rotor Works Ltd/.test(document.getElementById('records-status').textContent));
  assert.match(await page.textContent('#saved-summary'), /Saved screenings: none changed since saved \(1 in all\)/);
  // Reload: the list and the saved screening come back, unchanged.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.match(await page.textContent('#saved-summary'), /none changed since saved/);
  // Removing the list that found the buyer changes the outcome.
  await page.click('#lists .list-card:has-text("example_csl.csv") button.remove');
  await page.waitForFunction(() => /1 changed since saved/.test(document.getElementById('saved-summary').textContent));
  assert.match(await page.textContent('#saved-summary'), /^Saved screenings: 1 changed since saved/);
  const item = await page.textContent('#saved-list li');
  assert.match(item, /Changed since saved: verdict STOP → (REVIEW|CLEAR)/);
  assert.match(item, /hit gone: Example Rotor Works Ltd ~ Example Rotor Works Ltd \(US Consolidated Screening List\)/);
  // Open screens it again with the lists now loaded.
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#saved-list li button:has-text("Open")');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  assert.equal(await page.inputValue('#order-text'), order);
  assert.doesNotMatch(await page.textContent('#verdict'), /^STOP/);
  s.assertClean();
});

test('the CSV report has a row per hit, item, rule and reason, neutralises formulas, and the JSON record holds the decisions', async (t) => {
  const s = await session(t);
  const { page } = s;
  const order = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nConsignee: =HYPERLINK("http://evil.example") Trading, Lahore\nItems: 40 office chairs';
  await screenText(page, order);
  await decide(page, 'fp', NOTE);
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.equal(csvDl.suggestedFilename(), 'export-screen-stop-after-decisions-clear-2026-12-01.csv', 'the file name shows both verdicts');
  const csv = fs.readFileSync(await csvDl.path(), 'utf8');
  const rows = csv.trimEnd().split('\r\n');
  assert.match(rows[0], /^"row","verdict_or_severity","role","party"/);
  assert.match(rows[1], /^"verdict","stop",.*"engine verdict stop; after decisions clear"$/);
  assert.ok(rows.some((r) => new RegExp(`^"hit",.*"M/s Hasan Scientific Corp","PK",.*"Hassan Scientific Corporation",.*"false-positive by ${REVIEWER} on 2026-12-01, expires 2027-12-01: Hasan Scientific`).test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^"party",.*"'=HYPERLINK\(""http:\/\/evil\.example""\) Trading"/.test(r)), 'the formula is neutralised');
  assert.ok(rows.some((r) => /^"item",.*office chairs · 40/.test(r)), "the item row gives the description and the quantity");
  assert.ok(rows.some((r) => /^"list","demo",.*"Demo list.*","demo-toml","as of 2026-11-23 \(date stated in the file\)/.test(r)), 'a row per list, with its date and its basis');
  assert.ok(rows.some((r) => /^"reason","stop",.*"party\.el",.*"cleared by decision"$/.test(r)));
  assert.ok(!rows.some((r) => /(^|,)"[=+\-@]/.test(r)), 'no cell starts with a formula character');

  const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.equal(jsonDl.suggestedFilename(), 'export-screen-stop-after-decisions-clear-2026-12-01.json');
  const record = JSON.parse(fs.readFileSync(await jsonDl.path(), 'utf8'));
  const { createHash } = await import('node:crypto');
  assert.equal(record.input, order);
  assert.equal(record.inputSha256, createHash('sha256').update(order).digest('hex'));
  assert.ok(record.order.parties.length >= 2, 'the parsed order');
  assert.deepEqual(Object.keys(record.lists[0]).sort(), ['asOf', 'asOfText', 'demo', 'entries', 'files', 'format', 'name', 'names', 'published', 'sha256']);
  assert.equal(record.lists[0].published, '2026-11-23');
  assert.deepEqual(record.lists[0].asOf, { date: '2026-11-23', basis: 'file' });
  assert.equal(record.lists[0].asOfText, 'as of 2026-11-23 (date stated in the file)');
  assert.equal(record.algorithm.threshold, 0.8);
  assert.equal(record.algorithm.stopThreshold, 0.9);
  assert.match(record.algorithm.version, /^\d+\.\d+\.\d+/);
  assert.equal(record.screenedAt, CLOCK.toISOString());
  assert.equal(record.engineVerdict, 'stop');
  assert.equal(record.verdictAfterDecisions, 'clear');
  assert.equal(record.decisions.applied.length, 1);
  assert.equal(record.decisions.applied[0].note, NOTE);
  assert.equal(record.decisions.applied[0].by, REVIEWER);
  assert.equal(record.decisions.applied[0].strongMatchReason, STRONG_REASON);
  assert.equal(record.config.demoList, true);
  assert.deepEqual(record.decisions.clearedReasons.map((r) => r.code), ['party.el']);
  assert.equal(record.report.parties.reduce((n, p) => n + p.hits.length, 0), 1, 'every hit is in the record');
  s.assertClean();
});

test('no axe-core violation in the decision form, a decided hit, a saved screening and the forget confirmation', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, ORDER);
  const hit = page.locator('#result .party[data-role="buyer"] .hit').first();
  await hit.locator('.mark-fp').click();
  await hit.locator('.decision-form button[type=submit]').click(); // no note: the error is shown
  await hit.locator('.decision-form [role=alert]').waitFor();
  assert.deepEqual(await axe(page), [], 'decision form with its error');
  // The second confirmation, with its error.
  await hit.locator('.decision-form textarea').first().fill(NOTE);
  await hit.locator('.decision-form input[autocomplete=name]').fill(REVIEWER);
  await hit.locator('.decision-form button[type=submit]').click();
  await hit.locator('.second-confirmation').waitFor();
  await hit.locator('.decision-form button[type=submit]').click();
  assert.deepEqual(await axe(page), [], 'the second confirmation with its error');
  await hit.locator('.decision-form .cancel').click();
  await decide(page, 'fp', NOTE);
  await page.click('#save-screening');
  await page.waitForSelector('#saved-list li');
  await page.click('#forget-btn');
  assert.deepEqual(await axe(page), [], 'decided hit, saved screening, forget confirmation');
  s.assertClean();
});

test('dismissing a strong stop-list match asks for a second, explicit confirmation with its own reason; a weaker hit does not', async (t) => {
  const s = await session(t);
  const { page } = s;
  assert.match(await screenText(page, ORDER), /^STOP/);
  const hit = page.locator('#result .party[data-role="buyer"] .hit').first();
  assert.match(await hit.locator('.score-num').textContent(), /^(9[5-9]|100)%$/, 'a strong match');
  await hit.locator('.mark-fp').click();
  await hit.locator('.decision-form textarea').first().fill(NOTE);
  await hit.locator('.decision-form input[autocomplete=name]').fill(REVIEWER);
  const run = await page.getAttribute('#result', 'data-run');
  await hit.locator('.decision-form button[type=submit]').click();
  // Nothing is saved yet: the second step says what is being dismissed and asks why.
  const second = hit.locator('.second-confirmation');
  assert.match(await second.innerText(), /^Second confirmation: this is a (9[5-9]|100)% match on Entity List .*, a list that stops the order\./);
  assert.equal(await page.evaluate(() => document.activeElement.closest('.second-confirmation') !== null), true, 'focus on the reason');
  assert.equal(await hit.locator('.decision-form textarea').first().getAttribute('readonly'), '', 'the note is kept as written');
  assert.equal(await page.getAttribute('#result', 'data-run'), run, 'nothing decided yet');
  assert.match(await page.textContent('#verdict'), /^STOP/);
  assert.equal(await hit.locator('.decision-form button[type=submit]').textContent(), 'Dismiss this strong match');
  // Without the reason: refused.
  await hit.locator('.decision-form button[type=submit]').click();
  assert.equal(await hit.locator('.decision-form [role=alert]').innerText(), 'Give the reason for dismissing a strong match on a list that stops the order.');
  assert.equal(await second.locator('textarea').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#result', 'data-run'), run);
  // Cancel leaves the hit undecided.
  await hit.locator('.decision-form .cancel').click();
  assert.equal(await hit.locator('.mark-fp').count(), 1);
  assert.match(await page.textContent('#verdict'), /^STOP/);
  // With the reason: saved, and shown with it.
  await decide(page, 'fp', NOTE);
  assert.equal(await page.textContent('#result .decision-text'), FP_TEXT);
  assert.match(await page.textContent('#verdict'), /^CLEAR/);

  // A weaker hit (below 0.95) on the same list is dismissed with the note alone.
  await page.fill('#party-name', 'Hasan Scientific Trading Corp');
  await page.fill('#party-country', 'PK');
  const run2 = await page.getAttribute('#result', 'data-run');
  await page.click('#party-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run2);
  const weak = page.locator('#result .hit').first();
  const score = Number((await weak.locator('.score-num').textContent()).replace('%', ''));
  assert.ok(score < 95, `a weaker hit: ${score}%`);
  await weak.locator('.mark-fp').click();
  assert.equal(await weak.locator('input[autocomplete=name]').count(), 0, 'the name is not asked again');
  assert.match(await weak.locator('.decision-form').innerText(), new RegExp(`Recorded as decided by ${REVIEWER}\\.`));
  await weak.locator('.decision-form textarea').fill('A trading firm in Karachi, not the listed manufacturer.');
  const run3 = await page.getAttribute('#result', 'data-run');
  await weak.locator('.decision-form button[type=submit]').click();
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run3);
  assert.equal(await page.locator('#result .second-confirmation').count(), 0);
  assert.match(await page.textContent('#result .decision-text'), new RegExp(`^Marked false positive by ${REVIEWER} on 2026-12-01: A trading firm`));
  s.assertClean();
});

test('the reviewer\'s name is asked once, recorded on every decision, kept with consent, and can be changed', async (t) => {
  const s = await session(t);
  const { page } = s;
  await page.getByLabel('Keep loaded lists in this browser').check();
  assert.match(await page.textContent('#reviewer-line'), /Reviewer: not given yet/);
  await screenText(page, ORDER);
  const hit = page.locator('#result .party[data-role="buyer"] .hit').first();
  // The name is required.
  await hit.locator('.mark-confirmed').click();
  await hit.locator('.decision-form textarea').fill('Same address and director as the listing.');
  await hit.locator('.decision-form button[type=submit]').click();
  assert.equal(await hit.locator('.decision-form [role=alert]').innerText(), 'Give your name: it is recorded on the decision.');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('autocomplete')), 'name');
  await hit.locator('.decision-form .cancel').click();
  await decide(page, 'confirmed', 'Same address and director as the listing.');
  assert.match(await page.textContent('#reviewer-line'), new RegExp(`Reviewer: ${REVIEWER} \\(recorded on every decision, kept in this browser\\)`));
  await page.waitForFunction(() => /1 decision, kept in this browser/.test(document.getElementById('decisions-summary').textContent));
  // Another browser session on the same profile: the name comes back and is not asked again.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.match(await page.textContent('#reviewer-name'), new RegExp(`^${REVIEWER}$`));
  await screenText(page, ORDER);
  assert.match(await page.textContent('#result .decision-text'), new RegExp(`^Confirmed match by ${REVIEWER}`));
  // Changed in the Records panel: the next decision carries the new name, the earlier one keeps its own.
  await page.click('#reviewer-change');
  await page.fill('#reviewer-input', 'Sam Second');
  await page.click('.reviewer-form button[type=submit]');
  assert.equal(await page.textContent('#reviewer-name'), 'Sam Second');
  await page.fill('#party-name', 'Pakistan Atomic Energy Commission');
  await page.fill('#party-country', '');
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#party-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  await decideHit(page, page.locator('#result .hit').first(), 'confirmed', 'Named in the order as the end user.');
  assert.match(await page.textContent('#result .decision-text'), /^Confirmed match by Sam Second on 2026-12-01/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#decisions-export')]);
  const log = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(log.decisions.map((d) => d.by).sort(), [REVIEWER, 'Sam Second'].sort());
  // Keeping turned off: the name is no longer stored.
  await page.getByLabel('Keep loaded lists in this browser').uncheck();
  await page.waitForFunction(() => /Keeping is off/.test(document.getElementById('records-status').textContent));
  assert.equal(await page.evaluate(() => localStorage.getItem('export-screen.reviewer')), null);
  s.assertClean();
});
