// One hit per listed party on the page: a bank on the CSL (its SDN row and an Entity List row) and in OFAC's sdn.csv
// (the same OFAC entity number) is one hit card naming its three listings, and one decision covers it, in this
// screening and the next. The rows are invented, in the official layouts (the real files are checked natively, in
// tests/lists_current.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decide, openSession, screenText, startBrowser, visibleText } from './harness.mjs';

const CLOCK = new Date('2026-12-01T12:00:00Z');
const HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,'
  + 'standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,'
  + 'vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,'
  + 'places_of_birth,source_information_url,ids';
const row = (cells) => {
  const out = Array(29).fill('');
  for (const [i, v] of Object.entries(cells)) out[i] = v;
  return out.join(',');
};
const CSL = [
  HEADER,
  row({ 0: '99001', 1: 'Specially Designated Nationals (SDN) - Treasury Department', 2: '99001', 3: 'Entity', 4: 'IRAN', 5: '"EXAMPLE NATIONAL BANK"', 7: '"1 Example Square, Tehran, IR"', 9: '2012-01-23' }),
  row({ 0: 'el-7', 1: 'Entity List (EL) - Bureau of Industry and Security', 5: '"Example National Bank"', 7: '"Tehran, IR"', 8: '91 FR 1234', 9: '2026-01-05' }),
  row({ 0: 'el-8', 1: 'Entity List (EL) - Bureau of Industry and Security', 5: '"Example Rotor Works Ltd"', 7: '"Karachi, PK"', 8: '91 FR 1234', 9: '2026-01-05' }),
].join('\n') + '\n';
const SDN = '99001,"EXAMPLE NATIONAL BANK",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
  + '99003,"EXAMPLE NATIONAL BANKING GROUP",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
const ORDER = 'Buyer: Example National Bank, Dubai, United Arab Emirates\nItems: 4 office printers';
const NOTE = 'Example National Bank of Dubai (licence 77-1234) is another bank than the listed one in Tehran.';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('a party on the CSL and in sdn.csv is one hit card naming every listing, and one decision covers it', async (t) => {
  const s = await openSession(env, t, { clock: CLOCK });
  const { page } = s;
  await page.setInputFiles('#list-file', [
    { name: 'consolidated.csv', mimeType: 'text/csv', buffer: Buffer.from(CSL) },
    { name: 'sdn.csv', mimeType: 'text/csv', buffer: Buffer.from(SDN) },
  ]);
  await page.waitForFunction(() => /sdn\.csv/.test(document.getElementById('list-status').textContent));
  assert.equal(await page.isVisible('#list-error'), false);

  assert.match(await screenText(page, ORDER), /^STOP/);
  const buyer = page.locator('#result .party[data-role="buyer"]');
  const bank = buyer.locator('.hit', { has: page.locator('.hit-name', { hasText: /^EXAMPLE NATIONAL BANK$/i }) });
  assert.equal(await bank.count(), 1, 'one card for the bank, not one per list');
  assert.match(await bank.locator('.listings-head').innerText(), /One party, listed 3 times/);
  const listed = await bank.locator('.listing').evaluateAll((ls) => ls.map((l) => [l.dataset.entryId, l.textContent]));
  assert.deepEqual(listed.map(([id]) => id).sort(), ['99001', '99001', 'el-7']);
  const texts = listed.map(([, text]) => text).join('\n');
  assert.match(texts, /^SDN.* · US Consolidated Screening List · entry 99001 · IRAN$/m);
  assert.match(texts, /^SDN.* · OFAC Specially Designated Nationals \(SDN\) List · entry 99001 · IRAN$/m);
  assert.match(texts, /^EL.*Entity List \(EL\) - Bureau of Industry and Security · US Consolidated Screening List · entry el-7$/m);
  // The reason says the party is listed elsewhere too.
  assert.match(await visibleText(page, '#result .reasons'), /the same party is also listed on the/);

  // One decision on the one card covers all three listings.
  await decide(page, bank, 'fp', NOTE);
  assert.match(await visibleText(page, '#verdict'), /after decisions: CLEAR/);
  assert.equal(await bank.locator('.decision-text').count(), 1);

  // The next screening of the same buyer is covered too.
  assert.match(await screenText(page, `${ORDER}\nPayment: bank transfer`), /^CLEAR|after decisions: CLEAR/);
  assert.match(await bank.locator('.decision-text').innerText(), /Marked false positive/);
  s.assertClean();
});
