// The JS API contract from the page context: the module is imported inside the page (as an embedder would) and
// the same checks as in Node (tests/node/contract.mjs) run against it in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newSession, openPage, startBrowser } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

test('the documented API behaves in the page as in Node', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  await openPage(s);
  const out = await s.page.evaluate(async () => {
    const m = await import('/pkg/export_screen.js');
    await m.default(); // init() again is harmless once the page has initialised the module
    const { contract, failures } = await import('/tests/node/contract.mjs');
    const cslBytes = new Uint8Array(await (await fetch('/tests/browser/fixtures/example_csl.csv')).arrayBuffer());
    const results = contract(m, { cslBytes });
    return { count: results.length, failed: failures(results), names: results.map((r) => r.name) };
  });
  assert.ok(out.count >= 35, `ran ${out.count} checks`);
  assert.equal(out.failed, '');
  assert.ok(out.names.includes('screenParty finds the listed party'));
  s.assertClean();
});

test('the page and an embedder share one module but not their screeners', async (t) => {
  const s = await newSession(env);
  t.after(() => s.close());
  await openPage(s);
  const r = await s.page.evaluate(async () => {
    const m = await import('/pkg/export_screen.js');
    const mine = new m.Screener({ demoList: false });
    const before = document.querySelectorAll('#lists .list-card[data-list-id]').length;
    const mineLists = mine.lists().length;
    mine.free();
    return { version: m.version(), shown: document.getElementById('version').textContent, before, mineLists };
  });
  assert.equal(r.version, r.shown, 'the footer shows the module version');
  assert.equal(r.mineLists, 0);
  assert.equal(r.before, 1, "the page's own screener keeps its demo list");
  s.assertClean();
});
