// pkg/ as an npm package: package.json (written by scripts/package-json.mjs from Cargo.toml) points at files that
// exist, carries the crate's version, and `npm pack` would publish exactly the built files with their types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkgDir = path.join(root, 'pkg');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const cargoField = (name) => cargo.split(/^\[/m).find((s) => s.startsWith('package]')).match(new RegExp(`^${name} = "(.*)"`, 'm'))[1];

test('package.json carries the crate name, version, description and licence', () => {
  for (const f of ['name', 'version', 'description', 'license']) assert.equal(pkg[f], cargoField(f), f);
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.private, undefined, 'publishable');
});

test('main, module, types, exports and files point at files that exist', () => {
  for (const f of [pkg.main, pkg.module, pkg.types, ...pkg.files]) {
    assert.ok(fs.statSync(path.join(pkgDir, f)).isFile(), `pkg/${f} exists`);
  }
  const targets = [pkg.exports['.'].types, pkg.exports['.'].default, ...Object.values(pkg.exports).filter((v) => typeof v === 'string')];
  for (const f of targets) assert.ok(fs.existsSync(path.join(pkgDir, f)), `exports target ${f} exists`);
  assert.ok(pkg.files.includes(pkg.main) && pkg.files.includes(pkg.types) && pkg.files.includes('export_screen_bg.wasm'));
  // The types describe the module main exports.
  const dts = fs.readFileSync(path.join(pkgDir, pkg.types), 'utf8');
  for (const name of ['Screener', 'parseParties', 'batchResultsCsv', 'matchNames', 'initSync']) assert.match(dts, new RegExp(`export (class|function) ${name}\\b`));
});

test('the entry of the exports map loads as a module with the documented exports', async () => {
  const mod = await import(path.join(pkgDir, pkg.exports['.'].default));
  assert.equal(typeof mod.default, 'function');
  assert.equal(typeof mod.Screener, 'function');
});

test('npm pack publishes exactly package.json, the module, the wasm and their types', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' } });
  const [info] = JSON.parse(out);
  assert.equal(info.name, pkg.name);
  assert.equal(info.version, pkg.version);
  assert.deepEqual(info.files.map((f) => f.path).sort(), ['export_screen.d.ts', 'export_screen.js', 'export_screen_bg.wasm', 'export_screen_bg.wasm.d.ts', 'package.json']);
});
