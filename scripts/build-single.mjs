// Builds dist/export-screen.html: the page as ONE self-contained file that works when opened from disk (file://),
// with no server and no network: www/index.html with www/style.css inlined, the page's ES modules (www/app.js and
// everything it imports, pkg/export_screen.js included) bundled into one inline module script, and the wasm engine
// gzipped and base64-encoded in a data block that the script decodes with DecompressionStream; the batch worker
// (www/worker.js, bundled the same way) sits in a text block and runs from a blob: URL. Its own CSP allows that one
// script and that one style by sha256 hash, wasm compilation, blob: workers, and nothing from anywhere else
// (connect-src 'none'). Deterministic: the same inputs give the same bytes. Called by scripts/build.sh.
//
// The bundler is deliberately small: it supports the module syntax this repository uses (named imports and
// exports, `import * as`, `export { a as b }`) and fails loudly on anything else rather than guess.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (f) => path.relative(root, f).split(path.sep).join('/');
const out = path.resolve(root, process.argv[2] || 'dist/export-screen.html');

const fail = (file, msg) => { throw new Error(`build-single: ${rel(file)}: ${msg}`); };
const pkgJs = path.join(root, 'pkg/export_screen.js');

function parseClause(file, clause) {
  // default, { a, b as c }, * as N, or default followed by one of the other two
  const bindings = [];
  let rest = clause.trim();
  const def = rest.match(/^([A-Za-z_$][\w$]*)\s*(,|$)/);
  if (def) {
    bindings.push(['default', def[1]]);
    rest = rest.slice(def[0].length).trim();
  }
  if (!rest) return { bindings };
  const ns = rest.match(/^\*\s*as\s+([A-Za-z_$][\w$]*)$/);
  if (ns) return { bindings, namespace: ns[1] };
  const named = rest.match(/^\{([\s\S]*)\}$/);
  if (!named) fail(file, `unsupported import clause: ${clause}`);
  for (const part of named[1].split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/);
    if (!m) fail(file, `unsupported import binding: ${part}`);
    bindings.push([m[1], m[2] || m[1]]);
  }
  return { bindings };
}

/**
 * Bundles `entry` and what it imports into one module text: each module becomes an async function scope, evaluated
 * in import order, whose exports are the frozen object it returns. `after(file)` adds code after a module.
 */
function bundle(entry, after = () => '') {
  const modules = new Map(); // absolute path -> { id, code, file }
  const visiting = new Set();

  function load(file) {
    if (modules.has(file)) return modules.get(file);
    if (visiting.has(file)) fail(file, 'circular import');
    visiting.add(file);
    let src = fs.readFileSync(file, 'utf8');
    const prelude = [];
    const exported = []; // [exported name, local name]
    // Imports (and re-exports `export { a } from`), possibly over several lines.
    src = src.replace(/^(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"];?[^\S\n]*/gm, (all, kw, clause, spec) => {
      const dep = load(path.resolve(path.dirname(file), spec));
      if (kw === 'import') {
        const { bindings, namespace } = parseClause(file, clause);
        if (bindings.length) prelude.push(`const { ${bindings.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${dep.id};`);
        if (namespace) prelude.push(`const ${namespace} = ${dep.id};`);
      } else {
        const { bindings } = parseClause(file, clause);
        for (const [a, b] of bindings) { prelude.push(`const ${b} = ${dep.id}.${a};`); exported.push([b, b]); }
      }
      return '';
    });
    if (/^import\s/m.test(src)) fail(file, 'unsupported import statement');
    src = src.replace(/^export\s+((?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*))/gm, (all, decl, name) => { exported.push([name, name]); return decl; });
    src = src.replace(/^export\s+((?:const|class)\s+([A-Za-z_$][\w$]*))/gm, (all, decl, name) => { exported.push([name, name]); return decl; });
    src = src.replace(/^export\s*\{([^}]*)\};?/gm, (all, list) => {
      for (const part of list.split(',').map((s) => s.trim()).filter(Boolean)) {
        const m = part.match(/^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/);
        if (!m) fail(file, `unsupported export: ${part}`);
        exported.push([m[2] || m[1], m[1]]);
      }
      return '';
    });
    if (/^export\s/m.test(src)) fail(file, 'unsupported export statement (export let/var/default or destructuring)');
    const id = `__m${modules.size}`;
    const ret = exported.map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
    const code = `// ---- ${rel(file)}\nconst ${id} = await (async () => {\n${prelude.join('\n')}\n${src}\nreturn Object.freeze({ ${ret} });\n})();\n`;
    const mod = { id, code, file };
    modules.set(file, mod);
    visiting.delete(file);
    return mod;
  }

  load(entry);
  if (!modules.has(pkgJs)) fail(entry, 'does not import pkg/export_screen.js');
  let js = '';
  for (const m of modules.values()) js += m.code + after(m.file, m.id);
  js = `\n// export-screen, single-file build (scripts/build-single.mjs): generated, do not edit.\n${js}`;
  if (js.includes('<!--')) fail(entry, 'the bundle contains "<!--", which an inline script cannot hold');
  return { js: js.replace(/<\/(script)/gi, '<\\/$1'), files: [...modules.values()].map((m) => rel(m.file)) };
}

// The engine is initialised from the embedded bytes right after its module, before any page module runs, so the
// page's own `await init()` finds it ready and never fetches. The batch worker (www/worker.js, bundled the same way)
// runs from a blob: URL made from its data block; www/batch.js finds both in globalThis.__exportScreenEmbedded.
const boot = (id) => `// ---- the embedded engine (gzip + base64 in #export-screen-wasm) and batch worker (#export-screen-worker)
{
  const bin = atob(document.getElementById('export-screen-wasm').textContent.replace(/\\s+/g, ''));
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const wasm = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await ${id}.default({ module_or_path: wasm });
  const worker = new Blob([document.getElementById('export-screen-worker').textContent], { type: 'text/javascript' });
  globalThis.__exportScreenEmbedded = Object.freeze({ wasm, workerUrl: URL.createObjectURL(worker), workerType: 'classic' });
}
`;
const page = bundle(path.join(root, 'www/app.js'), (file, id) => (file === pkgJs ? boot(id) : ''));
// A file:// page's blob: URL has an opaque origin, from which Chromium starts classic workers but not module
// workers: the worker bundle is made a classic script (one async function; import.meta only in wasm-bindgen's
// default-path branch, which never runs because the page posts the compiled module).
const workerModule = bundle(path.join(root, 'www/worker.js'));
if ((workerModule.js.match(/import\.meta\.url/g) || []).length !== 1) throw new Error('build-single: expected one import.meta.url in the worker bundle');
const worker = { ...workerModule, js: `(async () => {${workerModule.js.replace('import.meta.url', 'self.location.href')}})();\n` };
const js = page.js;

// gzip from Node's zlib at level 9 (no name, mtime 0): the same bytes on the project's machines, which are of one kind.
const wasmBytes = fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm'));
const b64 = zlib.gzipSync(wasmBytes, { level: 9 }).toString('base64').replace(/.{1,120}/g, '$&\n');
const css = `\n${fs.readFileSync(path.join(root, 'www/style.css'), 'utf8')}`;
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = `default-src 'none'; script-src ${hash(js)} 'wasm-unsafe-eval'; style-src ${hash(css)}; img-src data:; connect-src 'none'; `
  + "font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; worker-src blob:";

let html = fs.readFileSync(path.join(root, 'www/index.html'), 'utf8');
const swap = (re, replacement, what) => {
  if (!re.test(html)) throw new Error(`build-single: www/index.html: ${what} not found`);
  html = html.replace(re, () => replacement);
};
swap(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'the CSP meta tag');
swap(/<link rel="stylesheet" href="style.css">/, `<style>${css}</style>`, 'the style.css link');
// The preload hints are for the served page; in one file everything is already there.
swap(/\n  <!-- Fetched at once[^\n]*-->(\n  <link rel="(modulepreload|preload)" [^>]*>)+/, '', 'the preload links');
swap(/<script type="module" src="app.js"><\/script>/, `<script type="module">${js}</script>`, 'the app.js script');
swap(/<\/body>/, `<script type="text/plain" id="export-screen-worker">${worker.js}</script>\n`
  + `<script type="application/octet-stream" id="export-screen-wasm">\n${b64}</script>\n</body>`, 'the end of the body');
html = html.replace(/<html lang="en">/, '<html lang="en" data-build="single-file">');
if (/\s(src|href)="(?!data:|#|https?:)[^"]*"/.test(html)) {
  throw new Error(`build-single: a reference to another file is left: ${html.match(/\s(src|href)="(?!data:|#|https?:)[^"]*"/)[0]}`);
}

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.log(`build-single: ${rel(out)} ${html.length.toLocaleString('en')} bytes (page: ${page.files.join(', ')}; worker: ${worker.files.join(', ')})`);
