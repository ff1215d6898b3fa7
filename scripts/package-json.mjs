// Writes pkg/package.json (wasm-bindgen --target web writes none) from the [package] fields of Cargo.toml, so the
// npm package and the crate always carry the same name, version, description and licence. Deterministic: the same
// Cargo.toml gives the same bytes. Called by scripts/build.sh.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const section = cargo.split(/^\[/m).find((s) => s.startsWith('package]'));
if (!section) throw new Error('Cargo.toml: no [package] section');
const field = (name) => {
  const m = section.match(new RegExp(`^${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'm'));
  return m ? JSON.parse(`"${m[1]}"`) : undefined;
};
for (const f of ['name', 'version', 'description', 'license']) {
  if (!field(f)) throw new Error(`Cargo.toml: [package] has no ${f}`);
}

const files = ['export_screen.js', 'export_screen.d.ts', 'export_screen_bg.wasm', 'export_screen_bg.wasm.d.ts'];
for (const f of files) {
  if (!fs.existsSync(path.join(root, 'pkg', f))) throw new Error(`pkg/${f} is missing: run wasm-bindgen first`);
}
const pkg = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  ...(field('repository') ? { repository: { type: 'git', url: `git+${field('repository')}.git` } } : {}),
  type: 'module',
  main: 'export_screen.js',
  module: 'export_screen.js',
  types: 'export_screen.d.ts',
  exports: {
    '.': { types: './export_screen.d.ts', default: './export_screen.js' },
    './export_screen_bg.wasm': './export_screen_bg.wasm',
    './package.json': './package.json',
  },
  files,
  sideEffects: ['./snippets/*'],
  keywords: ['export control', 'sanctions screening', 'restricted party', 'dual-use', 'wasm'],
};
fs.writeFileSync(path.join(root, 'pkg/package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
