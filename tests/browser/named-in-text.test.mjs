// A listed name written into the prose of an order, where the parser reads no party, is still found (the safety net
// under the parser): shown as a party "Named in the text" and marked in the pasted text like a parsed party.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSession, outDir, screenText, startBrowser, visibleText } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('a listed name inside a sentence is named in the text, marked, and stops the order', async (t) => {
  const s = await openSession(env, t);
  const { page } = s;
  const text = 'Dear Sir,\nPlease quote 2 vacuum pumps, 450 m3/h. The pumps will then be forwarded by road to '
    + 'Rockside Enterprise in Hong Kong, who will install them.\nBest regards,\nProcurement desk\n';
  const verdict = await screenText(page, text);
  assert.match(verdict, /STOP/);

  // The party card says how it was found; its hit is the listed entry.
  const card = page.locator('.party[data-role="namedInText"]');
  assert.equal(await card.count(), 1, 'one party named in the text');
  assert.match(await visibleText(page, '.party[data-role="namedInText"] .party-head'), /Named in the text[\s\S]*Rockside Enterprise/i);
  assert.match(await card.locator('.hit-name').first().innerText(), /Rockside Enterprise/);

  // Marked in the pasted text like a parsed party, labelled with its role.
  const mark = page.locator('.order-pre mark', { hasText: /^Rockside Enterprise$/ });
  assert.equal(await mark.count(), 1, `marks: ${await page.locator('.order-pre mark').allTextContents()}`);
  assert.match(await mark.getAttribute('class'), /hl-party/);
  assert.match(`${await mark.getAttribute('title')}`, /Named in the text/);

  // The reason names the party by what it is.
  assert.match(await visibleText(page, '.reasons'), /party named in the text "Rockside Enterprise"/);
  await page.screenshot({ path: path.join(outDir, 'named-in-text.png'), fullPage: true });
  s.assertClean();
});

test('an order that names no party is not clear: the page says what is missing', async (t) => {
  const s = await openSession(env, t);
  const { page } = s;
  const verdict = await screenText(page, 'Please quote 6 monitors.\n');
  assert.match(verdict, /REVIEW/);
  const reasons = await visibleText(page, '.reasons');
  assert.match(reasons, /No party at all could be read from the order/);
  assert.match(reasons, /What was read from the order/);
  s.assertClean();
});
