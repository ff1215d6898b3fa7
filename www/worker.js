// A batch-screening worker (a module worker, same origin: the page's CSP allows it with worker-src 'self').
// It holds its own Screener with the lists the page had loaded when the run started, handed over as snapshots
// (Screener.snapshot on the page, loadList here), so the official files are never parsed twice, and the reviewer's
// decisions, which its engine applies to every result as the page's does. Messages:
//   {type: 'init', module, config, snapshots: [{bytes, filename}]}  ->  {type: 'ready', lists}
//   {type: 'decisions', decisions, asOf}                            ->  {type: 'decided', count}
//   {type: 'parse', text, maxRows}                                  ->  {type: 'parsed', file}
//   {type: 'screen', id, queries}                                   ->  {type: 'screened', id, results}
// and {type: 'error', id?, message} for anything that fails. The page stops a run by terminating the worker.
import init, { Screener, parseParties } from '../pkg/export_screen.js';

let screener = null;

// screenParties, not screenPartiesCompact: measured with the built wasm in Node, in one run, the full results cost
// no more (10,000 SEC company names against the CSL: 1.64 s, against 1.73 s for the compact call plus full results
// for the rows with hits; 2,999 listed names: 1.22 s, against 1.24 s for the compact call alone), and the table's
// "Why" and the CSV export (batchResultsCsv) need them.

async function handle(msg) {
  switch (msg.type) {
    case 'init': {
      await init({ module_or_path: msg.module });
      screener = new Screener(msg.config);
      for (const s of msg.snapshots) screener.loadList(s.bytes, { filename: s.filename });
      return { type: 'ready', lists: screener.lists() };
    }
    case 'decisions':
      screener.setDecisions(msg.decisions, msg.asOf);
      return { type: 'decided', count: msg.decisions.length };
    case 'parse':
      return { type: 'parsed', file: parseParties(msg.text, msg.maxRows) };
    case 'screen':
      return { type: 'screened', id: msg.id, results: screener.screenParties(msg.queries) };
    default:
      throw new Error(`worker: unknown message type "${msg.type}"`);
  }
}

self.addEventListener('message', async (ev) => {
  const msg = ev.data || {};
  try {
    self.postMessage(await handle(msg));
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, message: e && e.message ? e.message : String(e) });
  }
});
