// Growth of the built wasm (issue 18), as tests/growth.rs measures the native build: each stage at a size n and at
// 4n in one run, failing when the cost grows more than MAX_RATIO times (linear work grows 4 times, quadratic 16).
// Costs are the process's CPU time (so that other processes on a shared machine do not count), the fastest of a few
// samples, small and large alternating; each sample repeats the work until it takes MIN_SAMPLE_MS.
// Also: a listed name of 200,000 characters, in every list format, loads or is refused in under a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, Screener, matchNames, parseParties, batchResultsCsv } from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const fixtureDir = path.join(root, 'tests/fixtures/lists');
const enc = (s) => new TextEncoder().encode(s);

const MAX_RATIO = 6;
const REPS = 3;
/** Measurements of one dimension before a ratio over MAX_RATIO fails the test. */
const ATTEMPTS = 3;
const MIN_SAMPLE_MS = 40;
/** Each test stops after this long (a quadratic stage would otherwise run for minutes). */
const TIMEOUT = { timeout: 120_000 };

/** CPU time of the process in milliseconds. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function sample(times, fn) {
  const t0 = cpu();
  for (let i = 0; i < times; i++) fn();
  return cpu() - t0;
}

/**
 * Cost of `run` on `make(n)` and `make(4n)`; returns the failure message, or null. A ratio over the limit is measured
 * again, up to ATTEMPTS times in all, and the smallest counts: a cost that really grows too fast does so every
 * time, while a pause of the shared machine during one measurement does not repeat.
 */
function growth(t, what, n, make, run) {
  const small = make(n);
  const large = make(4 * n);
  let times = 1;
  while (sample(times, () => run(small)) < MIN_SAMPLE_MS && times < 1 << 20) times *= 2;
  const ms = (x) => `${(x / times).toFixed(2)} ms`;
  let best = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < REPS; i++) {
      a = Math.min(a, sample(times, () => run(small)));
      b = Math.min(b, sample(times, () => run(large)));
    }
    const ratio = b / Math.max(a, 1e-6);
    t.diagnostic(`${what}: n=${n}: ${ms(a)}, 4n: ${ms(b)}, ratio ${ratio.toFixed(2)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    if (!best || ratio < best.ratio) best = { ratio, a, b };
    if (ratio <= MAX_RATIO) return null;
  }
  return `${what}: the cost grew ${best.ratio.toFixed(1)} times when the input grew 4 times in each of ${ATTEMPTS} measurements (best: n=${n}: ${ms(best.a)}, 4n: ${ms(best.b)})`;
}

function assertAll(failures) {
  const f = failures.filter(Boolean);
  assert.equal(f.length, 0, f.join('\n'));
}

/** Deterministic pseudo-random words, so that names look like names to the index. */
function words(seed) {
  let x = BigInt(seed);
  const next = () => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(x >> 33n);
  };
  const word = () => {
    const len = 3 + (next() % 7);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + (next() % 26));
    return w;
  };
  return {
    word,
    text(bytes) {
      let s = '';
      while (s.length < bytes) s += (s ? ' ' : '') + word();
      return s.slice(0, bytes);
    },
  };
}

const repeat = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const SHAPES = {
  words: (n, seed) => words(seed).text(n),
  'one token': (n) => repeat('abcdefghij', n),
  'a.k.a. chain': (n) => repeat('Alfa Trading aka ', n),
  'subordinate chain': (n) => repeat('Alfa Institute, and subordinate entity ', n),
  'legal forms': (n) => repeat('Alfa Ltd ', n),
  honorifics: (n) => `${repeat('Mr ', n)}Alfa Trading`,
};

const CSL_HEADER = '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const cslRow = (id, name, aliases = '') => `${id},Entity List (EL) - Bureau of Industry and Security,,,,"${name}",,,,,,,,,,,,,,,,,"${aliases}",,,,,,`;
const csl = (rows) => enc(`${CSL_HEADER}\n${rows.join('\n')}\n`);
/** Names up to 64 KiB, so that the matcher's own growth is measured past the default 4 KiB limit. */
const LONG = { demoList: false, maxFieldBytes: 65536 };

function load(bytes, config = { demoList: false }, filename = 'csl.csv') {
  const s = new Screener(config);
  try {
    return s.loadList(bytes, { filename }).names;
  } finally {
    s.free();
  }
}

test('list loading grows linearly: name length by shape, a name past the limit, aliases, rows', TIMEOUT, (t) => {
  const failures = Object.entries(SHAPES).map(([shape, make]) => growth(t, `load: listed name length, ${shape}`, 4096,
    (n) => csl([0, 1, 2, 3, 4].map((i) => cslRow(i, make(n, i + 1)))), (b) => load(b, LONG)));
  for (const shape of ['words', 'one token']) {
    failures.push(growth(t, `load: one listed name of 50,000 bytes, ${shape}`, 50_000,
      (n) => csl([cslRow(1, SHAPES[shape](n, 3)), cslRow(2, 'Example Trading')]), (b) => load(b)));
  }
  failures.push(growth(t, 'load: aliases of one entry', 1000, (n) => {
    const w = words(4);
    return csl([cslRow(1, 'Example Trading', Array.from({ length: n }, () => w.text(20)).join('; '))]);
  }, (b) => load(b)));
  failures.push(growth(t, 'load: rows', 1000, (n) => {
    const w = words(5);
    return csl(Array.from({ length: n }, (_, i) => cslRow(i, w.text(30), w.text(20))));
  }, (b) => load(b)));
  assertAll(failures);
});

test('screening grows linearly: party name length by shape, matchNames, order text, batch rows', TIMEOUT, (t) => {
  const w = words(7);
  const s = new Screener({ maxFieldBytes: 65536 });
  s.loadList(csl(Array.from({ length: 2000 }, (_, i) => cslRow(i, w.text(30), w.text(20)))), { filename: 'csl.csv' });
  const failures = Object.entries(SHAPES).map(([shape, make]) => growth(t, `screenParty: name length, ${shape}`, 4096,
    (n) => make(n, 8), (name) => s.screenParty(name)));
  failures.push(growth(t, 'matchNames: name length, words', 1024, (n) => [words(10).text(n), words(11).text(n)],
    ([a, b]) => matchNames(a, b)));
  const unit = 'Buyer: Alfa Trading LLC, Dubai\n12 pcs gyroscopes HS 9014.20, bias stability 0.01 deg/h\n'
    + 'We ship via Dubai to the end user Hassan Scientific Corporation.\nPlease quote for Example Trading.\n';
  failures.push(growth(t, 'screenOrder: text length', 32_000, (n) => repeat(unit, n), (text) => s.screenOrder(text)));
  failures.push(growth(t, 'screenOrder: words in one line', 32_000, (n) => words(12).text(n), (text) => s.screenOrder(text)));
  failures.push(growth(t, 'batch: rows (parseParties, screenPartiesCompact, batchResultsCsv)', 500, (n) => {
    const v = words(13);
    return `id,name,country\n${Array.from({ length: n }, (_, i) => `${i},${v.word()} ${v.word()} GmbH,DE`).join('\n')}\n`;
  }, (text) => {
    const file = parseParties(text);
    s.screenPartiesCompact(file.rows.map((r) => r.query));
    batchResultsCsv(file, s.screenParties(file.rows.map((r) => r.query)));
  }));
  s.free();
  assertAll(failures);
});

test('snapshots grow linearly with the entries', TIMEOUT, (t) => {
  assertAll([growth(t, 'snapshot: entries (snapshot and load back)', 1000, (n) => {
    const w = words(14);
    const s = new Screener({ demoList: false });
    const id = s.loadList(csl(Array.from({ length: n }, (_, i) => cslRow(i, w.text(30), w.text(20)))), { filename: 'csl.csv' }).id;
    return { s, id };
  }, ({ s, id }) => load(s.snapshot(id), { demoList: false }, 'csl.snapshot'))]);
});

/** A name each fixture publishes (one of its entries' names or aliases, as written in the file; or [where, name]
 * to find it inside a longer context). The OFAC supplements add.csv and sdn_comments.csv hold no names: a long
 * address or remark is lengthened there. */
const NAME_IN = {
  'example_alt.csv': 'EXAMPLE TRADING COMPANY', 'example_cons_enhanced.xml': 'ROE, Jane',
  'example_cons_prim.csv': 'EXAMPLE BANK PUBLIC JOINT STOCK COMPANY', 'example_csl.csv': 'DOE, John Example',
  'example_csl.json': 'DOE, John Example', 'example_dpl.txt': 'I. M. EXAMPLE',
  // (the caption comes first in the file; the name property is what is indexed)
  'example_entities.ftm.json': ['"name": ["Ivan Examplov"', 'Ivan Examplov'],
  'example_eu_fsf.csv': 'Ivan Examplovich Examplov', 'example_eu_fsf.xml': 'Ivan Examplovich Examplov',
  'example_nsfreg.json': 'Example Scientific Corporation', 'example_sdn.csv': 'EXAMPLE TRADING LLC',
  'example_sdn.xml': 'EXAMPLE TRADING LLC', 'example_targets.simple.csv': 'Example Science International',
  'example_uk_conlist.csv': 'Иван Примерович ПРИМЕРОВ', 'example_uk_sanctions_list.csv': 'Иван Примерович ПРИМЕРОВ',
  'example_uk_sanctions_list.xml': 'Иван Примерович ПРИМЕРОВ',
  'example_un.xml': 'Jon Example Doe', 'example_xyna.json': 'Example Alloys FZE',
  'example_add.csv': 'Example Tower, Floor 3', 'example_sdn_comments.csv': 'Example Remark',
};

/** The base file a supplement is loaded onto. */
const BASE = { 'example_add.csv': 'example_sdn.csv', 'example_alt.csv': 'example_sdn.csv', 'example_sdn_comments.csv': 'example_sdn.csv' };

test('a listed name of 200,000 characters, in every list format, loads or is refused in under a second', TIMEOUT, (t) => {
  const long = {
    words: repeat('Hasan Scientific Corporation Example Trading ', 200_000),
    'one token': repeat('abcdefghij', 200_000),
  };
  const files = fs.readdirSync(fixtureDir).filter((f) => f.startsWith('example_'));
  assert.deepEqual(files.filter((f) => !NAME_IN[f]), [], 'every list fixture has a name to lengthen');
  for (const file of files) {
    const text = fs.readFileSync(path.join(fixtureDir, file), 'utf8');
    const [where, target] = Array.isArray(NAME_IN[file]) ? NAME_IN[file] : [NAME_IN[file], NAME_IN[file]];
    const at = text.indexOf(where) + where.indexOf(target);
    assert.ok(text.indexOf(where) >= 0, `${file}: holds ${where}`);
    const isName = !['example_add.csv', 'example_sdn_comments.csv'].includes(file);
    for (const [shape, name] of Object.entries(long)) {
      const bytes = enc(text.slice(0, at) + name + text.slice(at + target.length));
      const s = new Screener({ demoList: false });
      if (BASE[file]) s.loadList(new Uint8Array(fs.readFileSync(path.join(fixtureDir, BASE[file]))), { filename: BASE[file].slice(8) });
      const [c0, w0] = [cpu(), performance.now()];
      let outcome;
      try {
        const info = s.loadList(bytes, { filename: file.slice(8) });
        outcome = `loads, ${(info.warnings || []).length} warning(s)${info.warnings ? `: ${info.warnings[0].slice(0, 90)}` : ''}`;
        if (isName) assert.match((info.warnings || []).join('\n'), /has 200000 bytes; its first 40\d\d are screened/, `${file}: the name was cut`);
        assert.ok(s.screenParty('Hasan Scientific Corporation'), 'still screens');
      } catch (e) {
        assert.ok(e instanceof Error && !/unreachable|RuntimeError/.test(e.message), `${file}: a clear error, not a trap: ${e}`);
        outcome = `refused: ${e.message.slice(0, 100)}`;
      }
      const [ms, wall] = [cpu() - c0, performance.now() - w0];
      t.diagnostic(`${file}, ${shape}: ${ms.toFixed(0)} ms CPU (${wall.toFixed(0)} ms wall): ${outcome}`);
      assert.ok(ms < 1000, `${file}, ${shape}: ${ms.toFixed(0)} ms of CPU time (limit 1 s)`);
      s.free();
    }
  }
});
