// The WASM benchmark routine, shared by Node (benches/wasm-bench.mjs) and headless Chromium
// (benches/browser-bench.mjs): list load (parse + index) per file, screening latency per party (median, p99)
// with the index and with the brute-force Jaro-Winkler baseline in the same run, the cost curve over list size,
// batch throughput and wasm heap. `files` are [{ rel, label, bytes: Uint8Array }].

export const QUERIES = [
  'Hasan Scientific Corp', 'M/s Pakistan Atomic Energy Comission', 'Beijing Luoluo Technology Development',
  'Rosoboronexport OAO', 'Islamic Revolutionary Guard Corps', 'Huawei Technologies Co Ltd', 'Siemens Healthineers AG',
  'Jinan Metal Forming Machinery Engineering Co', 'Muhammad Kamran Wali', 'Apple Hospitality REIT',
  'Sberbank of Russia', 'Korea Mining Development Trading Corporation', 'Mahan Air', 'Tehnocenter Ltd',
  'Optolink Scientific Production', 'General Technology Limited', 'Shenzhen Huiyuan Trading', 'Acme Widgets Inc',
  'Bank Melli Iran', 'Al Rashid Trust', 'Hong Kong Electronics Trading Co', 'Ivanov Sergei Petrovich',
];

const ms = (x) => Math.round(x * 1000) / 1000;

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: ms(q(0.5)), p99: ms(q(0.99)), n: s.length };
}

function timeQueries(fn, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      fn(q);
      samples.push(performance.now() - t);
    }
  }
  return stats(samples);
}

/** Screening figures against one screener: indexed and brute force, in the same run. */
function screening(s, label, names) {
  const index = timeQueries((q) => s.screenParty({ name: q }), 30);
  const brute = timeQueries((q) => s.benchBruteForce(q), 1);
  return { lists: label, names, index, bruteForce: brute, speedup: Math.round(brute.median / Math.max(index.median, 1e-6)) };
}

export function runBench({ Screener, memory, files }) {
  const out = { loads: [], screening: [], curve: [] };
  // First, while the wasm memory is fresh: every list in one screener, as a user would load them. Wasm memory
  // never shrinks, so this is the peak a page with all lists loaded reaches (parsing included).
  {
    const before = memory.buffer.byteLength;
    const s = new Screener({ demoList: false });
    for (const f of files) {
      try { s.loadList(f.bytes, { filename: f.rel.split('/').pop() }); } catch { /* reported per file below */ }
    }
    out.heapMiB = Math.round((memory.buffer.byteLength / 1048576) * 10) / 10;
    out.heapStartMiB = Math.round((before / 1048576) * 10) / 10;
    s.free();
  }
  // Each file alone: load time, and screening against it when it is the CSL.
  for (const f of files) {
    const s = new Screener({ demoList: false });
    const t = performance.now();
    let info;
    try {
      info = s.loadList(f.bytes, { filename: f.rel.split('/').pop() });
    } catch (e) {
      out.loads.push({ file: f.rel, label: f.label, error: String(e.message || e) });
      s.free();
      continue;
    }
    out.loads.push({ file: f.rel, label: f.label, bytes: f.bytes.length, entries: info.entries, names: info.names, ms: ms(performance.now() - t) });
    if (f.label.startsWith('CSL')) out.screening.push(screening(s, 'CSL', info.names));
    s.free();
  }
  // The curve: lists added one by one (cumulative names), load time of the whole set and screening latency.
  const ok = files.filter((f) => out.loads.some((l) => l.file === f.rel && !l.error));
  for (let k = 1; k <= ok.length; k++) {
    const s = new Screener({ demoList: false });
    const t = performance.now();
    let names = 0;
    for (const f of ok.slice(0, k)) names += s.loadList(f.bytes, { filename: f.rel.split('/').pop() }).names;
    const loadMs = performance.now() - t;
    const index = timeQueries((q) => s.screenParty({ name: q }), 10);
    out.curve.push({ lists: k, names, loadMs: ms(loadMs), median: index.median, p99: index.p99 });
    if (k === ok.length) {
      out.screening.push(screening(s, 'all lists', names));
      const batch = [];
      for (let i = 0; i < 10000; i++) batch.push({ name: QUERIES[i % QUERIES.length] + (i % 7 ? '' : ' Trading') });
      const tb = performance.now();
      s.screenParties(batch);
      const batchMs = performance.now() - tb;
      out.batch = { parties: batch.length, ms: ms(batchMs), perSecond: Math.round(batch.length / (batchMs / 1000)) };
      // The same parties through the brief batch API (hit count and best hit, no explanations; no caching).
      if (s.screenPartiesCompact) {
        const tc = performance.now();
        s.screenPartiesCompact(batch);
        const compactMs = performance.now() - tc;
        out.batchCompact = { parties: batch.length, ms: ms(compactMs), perSecond: Math.round(batch.length / (compactMs / 1000)) };
      }
    }
    s.free();
  }
  return out;
}

export function printBench(out, log = console.log) {
  for (const l of out.loads) {
    log(l.error ? `load ${l.label}: ERROR ${l.error}` : `load ${l.label}: ${l.entries} entries, ${l.names} names in ${l.ms} ms`);
  }
  for (const x of out.screening) {
    log(`screen vs ${x.lists} (${x.names} names): median ${x.index.median} ms, p99 ${x.index.p99} ms; brute force median ${x.bruteForce.median} ms; ${x.speedup}x faster`);
  }
  for (const c of out.curve) log(`curve: ${c.names} names: load ${c.loadMs} ms, screen median ${c.median} ms, p99 ${c.p99} ms`);
  if (out.batch) log(`batch: ${out.batch.parties} parties in ${out.batch.ms} ms (${out.batch.perSecond}/s)`);
  if (out.batchCompact) log(`batch, brief results: ${out.batchCompact.parties} parties in ${out.batchCompact.ms} ms (${out.batchCompact.perSecond}/s)`);
  if (out.heapMiB) log(`wasm memory with every list loaded in one screener: ${out.heapMiB} MiB (${out.heapStartMiB} MiB at start)`);
}

/** The lists every benchmark loads, in this order (the curve adds them one by one). */
export const FILES = [
  ['bis/dpl_2023-11.txt', 'BIS DPL'],
  ['un/UN_consolidated_2026-02-27.xml', 'UN (XML)'],
  ['us_csl/consolidated_2022-04.csv', 'CSL (CSV)'],
  ['ofac_sdn/2024-05-03/sdn.csv', 'OFAC SDN 2024 (CSV)'],
  ['uk/ofsi_conlist_2025-04-10.csv', 'UK OFSI (CSV)'],
  ['ofac_consolidated/2025-01-10/CONS_ENHANCED.XML', 'OFAC non-SDN (XML)'],
  ['opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv', 'OpenSanctions'],
];
