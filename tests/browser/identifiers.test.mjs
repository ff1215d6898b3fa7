// An identifier in the order that a listed entry publishes: the page shows the hit, and its explanation names the
// identifier, the list and the entry. The demo list's ADRIAN DARYA 1 (IMO 9116412, OFAC SDN ent_num 27304); the
// vessel name in the order is invented (a renamed ship keeps its IMO number).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, screenText, startBrowser } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('a renamed vessel found by its IMO number stops the order, and the explanation shows the identifier', async (t) => {
  const s = await openSession(env, t);
  const { page } = s;
  const verdict = await screenText(page, 'Vessel: MT SEA LANTERN, IMO 9116412\nOwner: Blue Harbour Maritime Ltd, Limassol, Cyprus\nItems: 2 fuel injection pumps\n');
  assert.match(verdict, /STOP/);
  assert.match(await page.locator('#result .hit-name').allInnerTexts().then((x) => x.join('|')), /ADRIAN DARYA 1/);
  for (const d of await page.locator('#result details').all()) await d.evaluate((el) => { el.open = true; });
  const ev = page.locator('#result .evidence li.supports', { hasText: 'identifier:' }).first();
  assert.match(await ev.innerText(), /IMO 9116412[\s\S]*IMO number 9116412; Demo list[^,]*, entry demo-sdn-adrian-darya-1/);
  assert.match(`${await ev.locator('.ev-identifier').getAttribute('title')}`, /A\.1078\(28\)/);
  // Only the identifier matched: the hit says so rather than "Matched the listed name".
  const matched = await page.locator('#result .hit', { hasText: 'ADRIAN DARYA 1' }).first().locator('.matched').innerText();
  assert.match(matched, /^Matched by the IMO number \W?IMO 9116412\W? alone; the listed name is \W?ADRIAN DARYA 1\b/);
  assert.doesNotMatch(matched, /Matched the listed name/);
  // The identifier is marked in the order text, as the parties are.
  assert.deepEqual(await page.locator('#result .order-pre mark.hl-identifier').allInnerTexts(), ['IMO 9116412']);
  await page.locator('#result .order-pre').screenshot({ path: 'target/identifier-marked.png' }).catch(() => {});
  await page.locator('#result .hit', { hasText: 'ADRIAN DARYA 1' }).first().screenshot({ path: 'target/identifier-hit.png' }).catch(() => {});
  s.assertClean();
});
