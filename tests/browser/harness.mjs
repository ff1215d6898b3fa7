// Shared set-up for the browser tests: the static server (server.mjs) on 127.0.0.1, headless Debian Chromium
// through playwright-core, and per test a fresh browser context that records every request, console error, page
// error and dialog, so that a test can fail on anything that left 127.0.0.1 or went wrong in the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outDir = path.join(root, 'tests/browser/out');
export const fixtures = path.join(root, 'tests/browser/fixtures');

// TOOLCHAIN.md pitfall 5: the resolver rule keeps Chromium's own background lookups off the network.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];

/** The server and the browser, shared by the tests of one file. */
export async function startBrowser() {
  const site = await serve(root);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  fs.mkdirSync(outDir, { recursive: true });
  return {
    base: site.base, browser,
    async stop() {
      await browser.close();
      await site.close();
    },
  };
}

/** A fresh context and page that record what the page does. `clock` fixes Date.now() before the page loads. */
export async function newSession(env, { clock, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  context.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  const page = await context.newPage();
  if (clock) await page.clock.setFixedTime(clock);
  return {
    base: env.base, context, page, requests, problems,
    /** Every request whose host is not 127.0.0.1 or localhost (data: and blob: URLs stay in the page). */
    offsite: () => requests.filter((u) => !/^(data|blob):/.test(u) && !['127.0.0.1', 'localhost'].includes(new URL(u).hostname)),
    /** Drops the recorded problems matching `re` (for a test that provokes them on purpose); returns how many. */
    expect(re) {
      const before = problems.length;
      problems.splice(0, problems.length, ...problems.filter((p) => !re.test(p)));
      return before - problems.length;
    },
    assertClean() {
      assert.deepEqual(this.offsite(), [], 'no request may leave 127.0.0.1');
      assert.deepEqual(problems, [], 'no console error, page error or dialog');
    },
    close: () => context.close(),
  };
}

/** A fresh recorded session on the page, opened and ready, closed when test `t` ends. */
export async function openSession(env, t, opts) {
  const s = await newSession(env, opts);
  t.after(() => s.close());
  await openPage(s);
  return s;
}

let axeSource = null;
/** axe-core's WCAG 2.1 A/AA and best-practice violations in the page, one line each. */
export async function axe(page) {
  axeSource ??= fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Opens the page and waits until the wasm engine is ready. */
export async function openPage(s) {
  await s.page.goto(`${s.base}/www/`);
  await s.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
}

/** Pastes `text` (unless null: screens what is in the box), presses Screen and waits for the new result; returns
 * the verdict banner's text. */
export async function screenText(page, text) {
  if (text !== null) await page.fill('#order-text', text);
  const run = await page.getAttribute('#result', 'data-run');
  await page.click('#screen-btn');
  await page.waitForFunction((old) => document.getElementById('result').dataset.run !== old, run);
  return page.textContent('#verdict');
}

/** The visible text of the element matching `selector` (layout-aware, as a person reads it). */
export const visibleText = (page, selector) => page.locator(selector).innerText();

/** The reviewer's name the tests give when the page asks for it, and the reason they give to dismiss a strong match. */
export const REVIEWER = 'Dana Reviewer';
export const STRONG_REASON = 'The registry number and the directors differ from those the Federal Register notice gives.';

/**
 * Makes a decision on one hit (`hit`: a locator of a hit card or a batch table hit): opens the form, fills the note,
 * the expiry and the reviewer's name when the page asks for it, saves, and gives the second reason when the page
 * asks for a second confirmation (a strong match on a list that stops the order). With a note, waits until the
 * page has drawn the decision (`drawn`: the element whose data-run changes, or null to wait for the form to go).
 */
export async function decide(page, hit, kind, note, { expires, by = REVIEWER, reason = STRONG_REASON, drawn = '#result' } = {}) {
  await hit.locator(kind === 'fp' ? '.mark-fp' : '.mark-confirmed').first().click();
  const form = page.locator('.decision-form');
  if (note !== null) await form.locator('textarea').first().fill(note);
  if (expires) await form.locator('input[type=date]').fill(expires);
  const name = form.locator('input[autocomplete=name]');
  if (await name.count()) await name.fill(by);
  const run = drawn ? await page.getAttribute(drawn, 'data-run') : null;
  await form.locator('button[type=submit]').click();
  if (note && await form.locator('.second-confirmation').count()) {
    await form.locator('.second-confirmation textarea').fill(reason);
    await form.locator('button[type=submit]').click();
  }
  if (!note) return;
  if (drawn) await page.waitForFunction(([sel, old]) => document.querySelector(sel).dataset.run !== old, [drawn, run]);
  else await page.waitForFunction(() => !document.querySelector('.decision-form'));
}
