// The JS API contract (issue 2, TEAM.md), checked against an initialised pkg/ module. Plain ES module without Node
// imports, so the same checks run in Node (tests/node/api.test.mjs) and in the page (tests/browser/api.test.mjs).
// Returns one { name, ok, detail } per check instead of throwing, so a caller sees every broken point at once.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const KINDS = ['person', 'organization', 'vessel', 'aircraft', 'unknown'];
const ORDER = 'Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 6 hand-foot contamination monitors\n';

const isStrArr = (a) => Array.isArray(a) && a.every((x) => typeof x === 'string');
const isScore = (x) => typeof x === 'number' && x >= 0 && x <= 1;

/** `m`: the module namespace of pkg/export_screen.js after init; `cslBytes`: tests/browser/fixtures/example_csl.csv. */
export function contract(m, { cslBytes }) {
  const results = [];
  const check = (name, ok, detail = '') => results.push({ name, ok: Boolean(ok), detail: ok ? '' : detail });
  const run = (name, fn) => {
    try {
      fn();
    } catch (e) {
      check(name, false, `threw ${e && e.name}: ${e && e.message}`);
    }
  };
  const throwsError = (fn) => {
    try {
      fn();
    } catch (e) {
      return e instanceof Error && typeof e.message === 'string' && e.message.length > 0 && !/unreachable|RuntimeError/i.test(e.message) ? e.message : `not a clear Error: ${e}`;
    }
    return null;
  };
  const isListInfo = (l) => l && typeof l.id === 'string' && typeof l.name === 'string' && typeof l.format === 'string'
    && Number.isInteger(l.entries) && Number.isInteger(l.names) && l.names >= l.entries && SHA256.test(l.sha256)
    && typeof l.demo === 'boolean' && isStrArr(l.files) && (l.published === undefined || l.published === null || ISO_DATE.test(l.published));

  run('version', () => {
    const v = m.version();
    check('version() is a semver string', typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v), JSON.stringify(v));
  });

  run('matchNames', () => {
    const same = m.matchNames('Hassan Scientific Corporation', 'Hassan Scientific Corporation');
    check('matchNames: identical names score 1 and match', same.score === 1 && same.match === true, JSON.stringify(same.score));
    const typo = m.matchNames('Hasan Scientific Corp', 'Hassan Scientific Corporation', { kind: 'organization' });
    check('matchNames: a typo and another legal form still match', typo.match === true && isScore(typo.score) && typo.score >= typo.threshold, JSON.stringify({ s: typo.score, t: typo.threshold }));
    const other = m.matchNames('Hassan Scientific Corporation', 'Nordic Office Interiors AS');
    check('matchNames: unrelated names do not match', other.match === false && isScore(other.score) && other.score < other.threshold, JSON.stringify(other.score));
    const ex = typo.explanation;
    check('matchNames: explanation carries its pieces',
      ex && typeof ex.summary === 'string' && Array.isArray(ex.pairs) && ex.pairs.length > 0 && Array.isArray(ex.ignored)
      && Array.isArray(ex.evidence) && isStrArr(ex.unmatchedQuery) && isStrArr(ex.unmatchedListed) && isScore(ex.nameScore),
    JSON.stringify(ex));
    check('matchNames: options are optional', m.matchNames('PAEC', 'Pakistan Atomic Energy Commission').match === true);
    check('matchNames: kind "person" accepted', isScore(m.matchNames('Ivanov Sergei', 'Sergey Ivanov', { kind: 'person' }).score));
    const bad = throwsError(() => m.matchNames('a', 'b', { kind: 'robot' }));
    check('matchNames: an unknown kind is a clear Error', bad && /robot/.test(bad), bad);
  });

  run('Screener', () => {
    const s = new m.Screener();
    const lists = s.lists();
    check('new Screener() loads the demo list', Array.isArray(lists) && lists.length === 1 && lists[0].demo === true && isListInfo(lists[0]), JSON.stringify(lists));
    check('the demo list states its publication date', lists[0] && ISO_DATE.test(lists[0].published), JSON.stringify(lists[0] && lists[0].published));

    const r = s.screenParty({ name: 'M/s Hasan Scientific Corp', country: 'PK' });
    const h = r.hits[0];
    check('screenParty finds the listed party', h && h.name === 'Hassan Scientific Corporation', JSON.stringify(r.hits.map((x) => x.name)));
    check('screenParty: a hit has the documented fields', h
      && typeof h.listId === 'string' && h.listId === lists[0].id && typeof h.list === 'string' && typeof h.entryId === 'string'
      && typeof h.matchedName === 'string' && isScore(h.score) && KINDS.includes(h.type) && isStrArr(h.countries)
      && h.countries.includes('PK') && isStrArr(h.addresses) && isStrArr(h.programs)
      && (h.remarks === null || typeof h.remarks === 'string') && h.explanation && typeof h.explanation.summary === 'string',
    JSON.stringify(h));
    check('screenParty: hits are sorted by score', r.hits.every((x, i) => i === 0 || r.hits[i - 1].score >= x.score));
    check('screenParty accepts a plain name', s.screenParty('Hasan Scientific Corp').hits[0]?.name === 'Hassan Scientific Corporation');
    check('screenParty accepts an address', s.screenParty({ name: 'Hasan Scientific Corp', address: '50 Akbari Road, Lahore' }).hits.length > 0);
    check('screenParty: an unrelated name has no hit', s.screenParty({ name: 'Nordic Office Interiors AS', country: 'NO' }).hits.length === 0);

    const rep = s.screenOrder(ORDER);
    check('screenOrder: report shape', rep.schemaVersion === 1 && ['clear', 'review', 'stop'].includes(rep.verdict)
      && Array.isArray(rep.reasons) && Array.isArray(rep.parties) && Array.isArray(rep.items) && Array.isArray(rep.flags)
      && Array.isArray(rep.lists) && rep.lists.every(isListInfo) && rep.order && typeof rep.order === 'object',
    JSON.stringify(Object.keys(rep)));
    check('screenOrder: the listed buyer stops the order', rep.verdict === 'stop', rep.verdict);
    const buyer = rep.parties.find((p) => p.role === 'buyer');
    check('screenOrder: parties have role, name, country and hits', buyer && typeof buyer.name === 'string' && buyer.country === 'PK'
      && buyer.hits[0]?.name === 'Hassan Scientific Corporation', JSON.stringify(buyer));
    check('screenOrder: items have description, hs and controls', rep.items.length === 1 && typeof rep.items[0].description === 'string'
      && Array.isArray(rep.items[0].controls) && (rep.items[0].hs === null || typeof rep.items[0].hs === 'string'), JSON.stringify(rep.items));
    check('screenOrder: flags have code, severity, message, evidence', rep.flags.length > 0 && rep.flags.every((f) => typeof f.code === 'string'
      && ['stop', 'review', 'info'].includes(f.severity) && typeof f.message === 'string' && Array.isArray(f.evidence)), JSON.stringify(rep.flags[0]));
    check('screenOrder: every reason is cited', rep.reasons.length > 0 && rep.reasons.every((x) => typeof x.message === 'string' && x.citation.length > 0
      && ['review', 'stop'].includes(x.verdict)), JSON.stringify(rep.reasons.map((x) => x.citation)));
    check('screenOrder: the order object screens again to the same verdict', s.screenOrder(rep.order).verdict === rep.verdict);
    check('screenOrder: the report lists what was checked', Array.isArray(rep.checks) && rep.checks.length > 0
      && rep.checks.every((c) => typeof c.code === 'string' && typeof c.what === 'string' && typeof c.complete === 'boolean')
      && rep.checks.some((c) => c.code === 'parties' && c.count >= 1), JSON.stringify(rep.checks));
    const prose = s.screenOrder('Please quote 2 pumps. They will then be forwarded by road to Rockside Enterprise in Hong Kong.');
    const inText = prose.parties.find((p) => p.role === 'namedInText');
    check('screenOrder: a listed name inside a sentence is a party named in the text, with its span and hits',
      inText && inText.name === 'Rockside Enterprise' && inText.span && inText.span.start > 0 && inText.hits[0]?.name === 'Rockside Enterprise'
      && prose.verdict === 'stop', JSON.stringify(prose.parties));
    check('screenOrder: an order naming no party is not clear', s.screenOrder('Please quote 6 monitors.').verdict === 'review');

    const info = s.loadList(cslBytes, { filename: 'example_csl.csv' });
    check('loadList returns a ListInfo', isListInfo(info) && info.entries === 3 && info.demo === false && info.files[0] === 'example_csl.csv', JSON.stringify(info));
    check('lists() includes the loaded list', s.lists().length === 2 && s.lists()[1].id === info.id);
    const found = s.screenParty({ name: 'Example Rotor Works', country: 'PK' }).hits[0];
    check('the loaded entries are screened', found && found.listId === info.id && found.name === 'Example Rotor Works Ltd', JSON.stringify(found));
    const named = s.loadList(cslBytes, { filename: 'b.csv', format: 'csl-csv', name: 'Our CSL copy' });
    check('loadList honours format and name', named.name === 'Our CSL copy' && named.format === 'csl-csv', JSON.stringify(named));
    const snap = s.snapshot(info.id);
    check('snapshot() is bytes that loadList reads back', snap instanceof Uint8Array && snap.length > 0);
    const restored = s.loadList(snap, { filename: 'kept.snapshot' });
    check('a restored snapshot keeps the entries and the official file\'s sha256', restored.entries === info.entries
      && restored.names === info.names && restored.sha256 === info.sha256 && restored.id !== info.id, JSON.stringify(restored));
    s.removeList(restored.id);
    const dated = s.loadList(cslBytes, { filename: 'c.csv', published: '2026-11-30' });
    check('loadList: published gives the date of a file that carries none', dated.published === '2026-11-30', JSON.stringify(dated));
    s.removeList(dated.id);
    const badDate = throwsError(() => s.loadList(cslBytes, { filename: 'd.csv', published: 'last week' }));
    check('loadList: a published value that is not a date is a clear Error', badDate && badDate.includes('YYYY-MM-DD'), badDate);
    s.removeList(named.id);
    s.removeList(info.id);
    check('removeList removes the list and its entries', s.lists().length === 1 && s.screenParty({ name: 'Example Rotor Works' }).hits.length === 0);

    const before = JSON.stringify(s.lists());
    const junk = throwsError(() => s.loadList(new Uint8Array([0, 1, 2, 3, 255, 0, 7]), { filename: 'junk.bin' }));
    check('loadList: junk is a clear Error naming the file', junk && junk.includes('junk.bin'), junk);
    const fmt = throwsError(() => s.loadList(cslBytes, { filename: 'x.csv', format: 'no-such-format' }));
    check('loadList: an unknown format is a clear Error', fmt && fmt.includes('no-such-format'), fmt);
    check('loadList: after errors the lists are unchanged', JSON.stringify(s.lists()) === before);
    const rm = throwsError(() => s.removeList('no-such-list'));
    check('removeList: an unknown id is a clear Error naming it', rm && rm.includes('no-such-list'), rm);
    const noName = throwsError(() => s.screenParty({}));
    check('screenParty: a party without a name is a clear Error', noName && /name/.test(noName), noName);
    const badKind = throwsError(() => m.matchNames('a', 'b', { kind: 'ship' }));
    check('matchNames: a bad option is one clear message', badKind && badKind.startsWith('matchNames options:') && !/Error:/.test(badKind), badKind);
    check('matchNames and loadList take their options as optional', m.matchNames('PAEC', 'Pakistan Atomic Energy Commission').match === true);
    const badOrder = throwsError(() => s.screenOrder(42));
    check('screenOrder: a wrong type is a clear Error', badOrder && /screenOrder/.test(badOrder), badOrder);
    s.removeList(lists[0].id);
    check('the demo list can be removed', s.lists().length === 0 && s.screenParty('Hassan Scientific Corporation').hits.length === 0);
    s.free();
  });

  run('config', () => {
    const s = new m.Screener({ threshold: 0.85 });
    check('config overrides the default threshold', s.config().threshold === 0.85 && s.screenParty('Hasan Scientific Corp').threshold === 0.85);
    s.free();
    const none = new m.Screener({ demoList: false });
    check('{demoList: false} starts without a list', none.lists().length === 0);
    none.free();
    const range = throwsError(() => new m.Screener({ threshold: 2 }));
    check('a threshold outside 0..1 is a clear Error', range && /threshold/.test(range), range);
    const typo = throwsError(() => new m.Screener({ treshold: 0.5 }));
    check('an unknown option is a clear Error naming it', typo && typo.includes('treshold'), typo);
  });
  run('decisions', () => {
    // A reviewer's decisions are data the core applies (src/decisions.rs): every screening method carries them.
    const s = new m.Screener();
    const party = { name: 'M/s Hasan Scientific Corp', country: 'PK' };
    const hit = s.screenParty(party).hits[0];
    const fp = { party, entryId: hit.entryId, listId: hit.listId, kind: 'false-positive', note: 'a school supplier', by: 'A. Reviewer', expires: '2027-12-01' };
    const engine = s.screenOrder(ORDER);
    check('decisions: without decisions the verdict after decisions is the engine verdict', engine.verdictAfterDecisions === engine.verdict
      && engine.decisionsAsOf === undefined && engine.parties.every((p) => p.hits.every((x) => x.decision === undefined)), engine.verdictAfterDecisions);
    check('decisions: setDecisions returns nothing', s.setDecisions([fp], '2026-12-01') === undefined);
    const rep = s.screenOrder(ORDER);
    const d = rep.parties.find((p) => p.role === 'buyer')?.hits.find((x) => x.entryId === hit.entryId)?.decision;
    check('decisions: screenOrder puts the decision on the hit', d && d.kind === 'false-positive' && d.by === 'A. Reviewer' && d.note === 'a school supplier', JSON.stringify(d));
    check('decisions: screenOrder keeps the engine verdict and gives the one after decisions', rep.verdict === 'stop'
      && rep.verdictAfterDecisions !== 'stop' && rep.decisionsAsOf === '2026-12-01', JSON.stringify([rep.verdict, rep.verdictAfterDecisions]));
    const changed = rep.reasons.filter((x) => x.afterDecisions !== undefined);
    check('decisions: the reason the decision cleared says so', changed.length === 1 && changed[0].code === 'party.el' && changed[0].afterDecisions === 'clear'
      && changed[0].verdict === 'stop', JSON.stringify(changed));
    check('decisions: screenParty carries them', s.screenParty(party).hits[0].decision?.kind === 'false-positive');
    check('decisions: the party written otherwise is the same party', s.screenParty({ name: 'M/S HASAN SCIENTIFIC CORP.', country: 'Pakistan' }).hits[0].decision?.kind === 'false-positive');
    check('decisions: another country is another party', s.screenParty({ name: 'M/s Hasan Scientific Corp', country: 'AE' }).hits.every((x) => !x.decision));
    const many = s.screenParties([party, { name: 'Nordic Office Interiors AS' }]);
    check('decisions: screenParties carries them', many[0].hits[0].decision?.kind === 'false-positive' && many[1].hits.length === 0);
    const brief = s.screenPartiesCompact([party])[0];
    check('decisions: screenPartiesCompact carries them', brief.best?.decision?.kind === 'false-positive' && brief.setAside === brief.hits, JSON.stringify(brief));
    s.setDecisions([fp], '2027-12-02');
    const late = s.screenOrder(ORDER);
    const lateHit = late.parties.find((p) => p.role === 'buyer')?.hits[0];
    check('decisions: an expired decision applies nowhere', late.verdictAfterDecisions === 'stop' && !lateHit?.decision
      && lateHit?.expiredDecision?.expires === '2027-12-01' && s.screenParty(party).hits.every((x) => !x.decision), JSON.stringify(lateHit?.expiredDecision));
    s.setDecisions([{ ...fp, party: party.name, listId: s.lists()[0].format, expires: null }]);
    check('decisions: a party given by name alone and a list by its format; no expiry', s.screenParty(party).hits[0].decision?.kind === 'false-positive');
    s.setDecisions([]);
    check('decisions: setDecisions([]) removes them', s.screenOrder(ORDER).verdictAfterDecisions === 'stop' && !s.screenParty(party).hits[0].decision);
    const bad = throwsError(() => s.setDecisions([fp, { ...fp, expires: '2027-02-30' }], '2026-12-01'));
    check('decisions: a bad decision is a clear Error naming it', bad && bad.includes('decision 2') && bad.includes('2027-02-30'), bad);
    const kind = throwsError(() => s.setDecisions([{ ...fp, kind: 'maybe' }]));
    check('decisions: an unknown kind is a clear Error', kind && kind.includes('decision 1') && kind.includes('maybe'), kind);
    const typo = throwsError(() => s.setDecisions([{ ...fp, expiry: '2027-01-01' }]));
    check('decisions: an unknown field is a clear Error naming it', typo && typo.includes('expiry'), typo);
    const notArray = throwsError(() => s.setDecisions(fp));
    check('decisions: not an array is a clear Error', notArray && /array/.test(notArray), notArray);
    const asOf = throwsError(() => s.setDecisions([fp], 'tomorrow'));
    check('decisions: a bad asOf is a clear Error', asOf && asOf.includes('asOf'), asOf);
    check('decisions: after errors the decisions are unchanged', !s.screenParty(party).hits[0].decision);
    s.setThreshold(0.9);
    check('setThreshold: the report records the threshold used', s.screenOrder(ORDER).threshold === 0.9 && s.config().threshold === 0.9);
    const badT = throwsError(() => s.setThreshold(1.5));
    check('setThreshold: outside 0..1 is a clear Error', badT && /threshold/.test(badT) && s.config().threshold === 0.9, badT);
    s.removeList('demo');
    check('removing the demo list: config().demoList says so', s.config().demoList === false);
    s.free();
  });
  return results;
}

/** The failed checks as one readable message (empty when all passed). */
export function failures(results) {
  return results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`).join('\n');
}
