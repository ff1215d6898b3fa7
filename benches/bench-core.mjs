// The WASM benchmark routine, shared by Node (benches/wasm-bench.mjs) and headless Chromium
// (benches/browser-bench.mjs): list load (parse + index) per file, screening latency per party (median, p99)
// with the index and with the brute-force Jaro-Winkler baseline in the same run, the cost curve over list size,
// batch throughput for two workloads and wasm heap. `files` are [{ rel, label, bytes: Uint8Array }], `queries` the
// names of benches/queries.txt (parseQueries), `sec` the SEC company names (secNames) or null when absent.

/** The query names of benches/queries.txt: one a line, without blank lines and # comments. */
export function parseQueries(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** The customer-file workload: ../shared/lists/<SEC_FILE>, read at run time (never committed). */
export const SEC_FILE = 'companies/sec_company_tickers_exchange_2025-08.json';
export const BATCH_SIZE = 10_000;

/** The first BATCH_SIZE company names of the SEC file ({fields, data: [[cik, name, ticker, exchange], ...]}). */
export function secNames(jsonText) {
  const j = JSON.parse(jsonText);
  const col = j.fields.indexOf('name');
  return j.data.slice(0, BATCH_SIZE).map((r) => String(r[col]));
}

/** The listed-heavy workload: the benchmark names cycled to BATCH_SIZE, every 7th with " Trading" added. */
export function listedBatch(queries) {
  const batch = [];
  for (let i = 0; i < BATCH_SIZE; i++) batch.push({ name: queries[i % queries.length] + (i % 7 ? '' : ' Trading') });
  return batch;
}

/** The batch workloads of one run: [{ id, parties }], the SEC one only when its file is there. */
export function workloads(queries, sec) {
  const out = [{ id: 'listed', parties: listedBatch(queries) }];
  if (sec && sec.length) out.push({ id: 'sec', parties: sec.map((name) => ({ name })) });
  return out;
}

const ms = (x) => Math.round(x * 1000) / 1000;

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: ms(q(0.5)), p99: ms(q(0.99)), n: s.length };
}

function timeQueries(queries, fn, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      fn(q);
      samples.push(performance.now() - t);
    }
  }
  return stats(samples);
}

/** Screening figures against one screener: indexed and brute force, in the same run. */
function screening(s, queries, label, names) {
  const index = timeQueries(queries, (q) => s.screenParty({ name: q }), 30);
  const brute = timeQueries(queries, (q) => s.benchBruteForce(q), 1);
  return { lists: label, names, index, bruteForce: brute, speedup: Math.round(brute.median / Math.max(index.median, 1e-6)) };
}

export function runBench({ Screener, memory, files, queries, sec = null }) {
  const out = { loads: [], screening: [], curve: [], queryCount: queries.length, secCount: sec ? sec.length : 0 };
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
    if (f.label.startsWith('CSL')) out.screening.push(screening(s, queries, 'CSL', info.names));
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
    const index = timeQueries(queries, (q) => s.screenParty({ name: q }), 10);
    out.curve.push({ lists: k, names, loadMs: ms(loadMs), median: index.median, p99: index.p99 });
    if (k === ok.length) {
      out.screening.push(screening(s, queries, 'all lists', names));
      out.batches = batchThroughput(s, queries, sec, names, ok.length);
    }
    s.free();
  }
  return out;
}

/**
 * Batch throughput on the main thread against one screener: each workload through screenParties (full results,
 * what the page's workers call) and screenPartiesCompact (hit count and best hit, no explanations; no caching).
 */
function batchThroughput(s, queries, sec, names, lists) {
  const out = [];
  for (const w of workloads(queries, sec)) {
    for (const api of ['screenParties', 'screenPartiesCompact']) {
      if (!s[api]) continue;
      const t = performance.now();
      const results = s[api](w.parties);
      const el = performance.now() - t;
      const withHits = results.filter((r) => (Array.isArray(r.hits) ? r.hits.length : r.hits) > 0).length;
      out.push({ workload: w.id, api, lists, names, parties: w.parties.length, withHits, ms: ms(el), perSecond: Math.round(w.parties.length / (el / 1000)) });
    }
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
  for (const b of out.batches || []) {
    log(`batch ${b.workload}, ${b.api}, one thread, ${b.names} names: ${b.parties} parties (${b.withHits} with hits) in ${b.ms} ms (${b.perSecond}/s)`);
  }
  for (const w of out.workers || []) {
    log(`batch ${w.workload} in ${w.workers} Web Worker(s), ${w.names} names: ${w.parties} parties in ${w.ms} ms (${w.perSecond}/s, ${w.perWorker}/s per worker; workers started in ${w.startMs} ms)`);
  }
  for (const e of out.pageBatch || []) {
    log(`page batch, ${e.lists}: ${e.file} ${e.parties} parties (${e.withHits} with hits): ${e.firstMs} ms first file (workers ${e.firstWorkersMs} ms), ${e.secondMs} ms next file`);
  }
  if (out.heapMiB) log(`wasm memory with every list loaded in one screener: ${out.heapMiB} MiB (${out.heapStartMiB} MiB at start)`);
}

/** The lists every benchmark loads, in this order (the curve adds them one by one): [[path under ../shared/lists,
 * label], ...] from the text of benches/shared/lists.txt (the one committed copy of that list; tab-separated). */
export function parseListFiles(text) {
  return text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t').map((c) => c.trim()));
}
