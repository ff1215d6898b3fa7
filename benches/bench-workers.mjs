// Batch throughput in dedicated Web Workers, run the way the page runs a batch (www/batch.js): the wasm compiled
// once on the page and handed to each worker, the page's lists handed over as engine snapshots
// (Screener.snapshot, loaded back in the worker), then the rows in chunks of 250 to whichever worker is free, each
// answered with screenParties' full results. The worker is the page's own www/worker.js, unchanged. Browser only
// (benches/bench-page.mjs).

/** Rows per message, as www/batch.js sends them. */
const CHUNK = 250;

const ms = (x) => Math.round(x * 10) / 10;

/** A worker that answers one request at a time (as spawn() in www/batch.js). */
function spawn(url) {
  const worker = new Worker(url, { type: 'module', name: 'export-screen bench' });
  let pending = null;
  worker.addEventListener('message', (ev) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if (ev.data && ev.data.type === 'error') p.reject(new Error(ev.data.message));
    else p.resolve(ev.data);
  });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    const p = pending;
    pending = null;
    if (p) p.reject(new Error(ev.message || 'the worker could not start'));
  });
  return {
    call: (msg) => new Promise((resolve, reject) => { pending = { resolve, reject }; worker.postMessage(msg); }),
    terminate: () => worker.terminate(),
  };
}

/**
 * For each pool size and workload: fresh workers started with snapshots of every list in `files` (startMs: spawn
 * to every worker ready), then the workload's parties screened through them (ms, parties/s in total and per
 * worker). `module` is the compiled engine (WebAssembly.Module), `workloads` [{ id, parties }].
 */
export async function runWorkerBench({ Screener, module, files, workloads, pools = [1, 2] }) {
  const workerUrl = new URL('../www/worker.js', import.meta.url);
  const s = new Screener({ demoList: false });
  let names = 0;
  for (const f of files) names += s.loadList(f.bytes, { filename: f.rel.split('/').pop() }).names;
  const snapshots = s.lists().map((l) => ({ bytes: s.snapshot(l.id), filename: l.files[0] || l.name }));
  const config = { ...s.config(), demoList: false };
  const snapshotBytes = snapshots.reduce((n, x) => n + x.bytes.length, 0);
  s.free();
  const out = [];
  for (const n of pools) {
    for (const w of workloads) {
      const t0 = performance.now();
      const workers = Array.from({ length: n }, () => spawn(workerUrl));
      try {
        await Promise.all(workers.map((x) => x.call({ type: 'init', module, config, snapshots })));
        const startMs = performance.now() - t0;
        const t = performance.now();
        let next = 0;
        let withHits = 0;
        const pump = async (x) => {
          while (next < w.parties.length) {
            const start = next;
            next += CHUNK;
            const answer = await x.call({ type: 'screen', id: start, queries: w.parties.slice(start, start + CHUNK) });
            withHits += answer.results.filter((r) => r.hits.length).length;
          }
        };
        await Promise.all(workers.map(pump));
        const el = performance.now() - t;
        const perSecond = Math.round(w.parties.length / (el / 1000));
        out.push({ workload: w.id, workers: n, lists: files.length, names, snapshotBytes, parties: w.parties.length, withHits,
          startMs: ms(startMs), ms: ms(el), perSecond, perWorker: Math.round(perSecond / n) });
      } finally {
        for (const x of workers) x.terminate();
      }
    }
  }
  return out;
}
