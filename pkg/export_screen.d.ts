/* tslint:disable */
/* eslint-disable */

export type Verdict = "clear" | "review" | "stop";
export type Effect = "prohibition" | "licenceRequired" | "redFlag";
export type EntityKind = "person" | "organization" | "vessel" | "aircraft" | "unknown";

export interface Config {
    /** Score (0..1) from which a name match is a hit. Default 0.80. */
    threshold?: number;
    /** Hits at or above this score on a prohibiting or licence list stop the order. Default 0.90. */
    stopThreshold?: number;
    /** Most hits per party. Default 10. */
    maxHits?: number;
    /** Load the embedded demo list. Default true. */
    demoList?: boolean;
    /** Largest pasted order in bytes. Default 1 MiB. */
    maxOrderBytes?: number;
    /** Largest list file in bytes. Default 256 MiB. */
    maxListBytes?: number;
    /** Longest name, address or country of a party screened, in bytes. Default 4096. */
    maxFieldBytes?: number;
    /** Most parties in one screenParties / screenPartiesCompact call; default rows of parseParties. Default 200,000. */
    maxBatchRows?: number;
}

export interface LoadOptions {
    /** The file name: a hint for format detection, and named in error messages. */
    filename?: string;
    /** Force a format ("csl-csv", "ofac-sdn-csv", …) instead of detecting it. */
    format?: string;
    /** Display name for the list. */
    name?: string;
    /** Publication date (YYYY-MM-DD) for a file that carries none, e.g. the day it was downloaded. A date read
     * from the file itself takes precedence. */
    published?: string;
}

/** Where a list's date comes from: stated in the file, the newest listing date among its entries (the file states
 * none), given at load (`LoadOptions.published`), or unknown. */
export type DateBasis = "file" | "entries" | "user" | "unknown";
/** The date a list speaks for (YYYY-MM-DD; null exactly when the basis is "unknown"). */
export interface AsOf { date: string | null; basis: DateBasis; }

export interface ListInfo {
    id: string; name: string; format: string; entries: number; names: number;
    /** The publication date the file states, or else the one given at load. */
    published?: string;
    /** The date to judge the list's age by, and its basis. */
    asOf: AsOf;
    sha256: string; demo: boolean; files: string[];
    /** What loading changed without refusing the file, one message per case naming the entry (a name longer than
     * the limit was cut). Absent when nothing was changed. */
    warnings?: string[];
}

export interface TokenPair { query: string; listed: string; similarity: number; how: string; weight: number; key?: string; }
export interface Ignored { token: string; reason: string; side: "query" | "listed"; }
export type IdentifierKind = "imo" | "registration" | "tax" | "lei" | "passport" | "nationalId" | "bic" | "other";
/** An identifier written in the order compared with a listed entry's (evidence of kind "identifier"). */
export interface IdentifierEvidence {
    kind: IdentifierKind;
    /** As written in the order (label and value), with its byte offsets. */
    written: Span;
    /** The normalised value compared: letters and digits, upper case, an IMO number without "IMO". */
    value: string;
    /** The listed identifier as published (the equal one; for a disagreeing one, the entry's of that kind). */
    listed: string;
    /** The identifier type as the list publishes it ("Tax ID No.", "Vessel Registration Identification"). */
    listedType: string;
    /** The list's display name and the entry's id on it. */
    list: string; entryId: string;
    /** The public source of the identifier kind. */
    citation: string;
}
export interface Evidence {
    /** "country", "address", "weak", "identifier", "text". */
    kind: string; supports: boolean; detail: string; adjustment: number;
    /** For kind "identifier": which identifier, from which list. Absent otherwise. */
    identifier?: IdentifierEvidence;
}
export interface Explanation {
    matchedName: string; matchedAlias: "aka" | "fka" | "nka" | "variant" | "derived" | null;
    aliasStrength: "strong" | "weak" | "unknown" | null;
    pairs: TokenPair[]; unmatchedQuery: string[]; unmatchedListed: string[]; ignored: Ignored[];
    evidence: Evidence[]; nameScore: number; summary: string;
}

export interface Hit {
    listId: string; list: string; listCode: string; source: string; effect: Effect;
    entryId: string; name: string; matchedName: string; score: number; type: EntityKind;
    aliases: string[]; countries: string[]; addresses: string[]; programs: string[];
    remarks: string | null; licenseRequirement: string | null; licensePolicy: string | null;
    federalRegister: string | null; sourceUrl: string | null; startDate: string | null;
    explanation: Explanation;
    /** The reviewer's decision in force on this hit (`Screener.setDecisions`); absent when none. */
    decision?: Decision;
    /** A decision on this hit that expired before the day decisions are judged on: it applies nowhere. */
    expiredDecision?: Decision;
    /** Every list and entry that lists this party, this hit's own first: the CSL's copies of one party, its SDN row
     * and the same entry of sdn.csv, a demo entry and its official copy are one hit. A decision on any of them
     * covers the hit; the verdict counts the strongest effect among them. */
    listings: Listing[];
}

/** One list entry of a listed party. */
export interface Listing {
    listId: string; list: string; entryId: string; source: string; programs: string[];
    listCode: string; effect: Effect; name: string;
}

export type DecisionKind = "false-positive" | "confirmed";
/**
 * A reviewer's decision on one hit. It covers a later hit when `entryId` is the hit's, `listId` is the hit's
 * `listId` or its list's `format` ("csl-csv", stable across sessions), the party's name is the same once
 * normalised (case, accents, punctuation, legal forms, transliteration), and — when the decision gives a country —
 * the party's country is the same ISO code (a decision without a country covers the name in any country).
 * A false positive sets the hit aside; a confirmed match counts as a certain match.
 */
export interface Decision {
    party: string | { name: string; country?: string | null; address?: string | null };
    entryId: string;
    listId: string;
    kind: DecisionKind;
    /** Why (required by the page for a false positive). */
    note?: string;
    /** Who decided. */
    by?: string;
    /** Last day (YYYY-MM-DD) the decision is in force; absent or null: no expiry. */
    expires?: string | null;
    /** When it was decided (ISO date or date-time), for the record. */
    decidedAt?: string;
    /** For a false positive on a strong stop-list match: the reason given at the second confirmation. */
    strongMatchReason?: string;
    /** For the record: the listed name and the list's name when it was decided. */
    listedName?: string;
    list?: string;
    /** An identifier of the caller's choosing, returned as given on the hits it covers. */
    id?: string;
}

export interface PartyQuery { name: string; address?: string; country?: string; }
/** The best hit of a party without its explanation (`screenPartiesCompact`). */
export interface BriefHit {
    listId: string; listCode: string; entryId: string; name: string; matchedName: string; score: number; effect: Effect;
    /** The reviewer's decision in force on this hit, if any. */
    decision?: Decision;
}
/** `setAside`: of the `hits`, how many a false-positive decision in force sets aside. */
export interface PartyBrief { hits: number; best: BriefHit | null; setAside: number; }
/** `decisionsAsOf`: the day decisions were judged on, when the screener has decisions. */
export interface PartyResult { hits: Hit[]; threshold: number; decisionsAsOf?: string; }
export interface NameMatch { score: number; match: boolean; threshold: number; explanation: Explanation; }

export interface Span { text: string; start: number | null; end: number | null; }
export interface Party {
    role: string; name: string; address?: string | null; country?: string | null; span?: Span | null;
    /** Words the text uses about the party ("our forwarder"). */
    descriptor?: string | null;
    /** How the party was read: "label", "table", "prose", "signature" (empty for a caller's object). */
    readFrom?: string;
}
export interface Parameter { name: string; value: number; unit: string; text: string; comparator?: "<" | "<=" | ">" | ">=" | null; }
export interface Item {
    description: string; quantity?: string | null; hs?: string | null; parameters?: Parameter[]; span?: Span | null;
    quantityValue?: number | null; unit?: string | null;
}
export interface Field { key: string; label: string; value: string; span?: Span | null; }
export interface Order {
    parties: Party[]; items: Item[]; destination?: string | null; endUse?: string | null;
    payment?: string | null; delivery?: string | null; text?: string | null;
    /** Transit countries named in the routing ("via Dubai"). */
    via?: string[];
    /** Every labelled value read from the text. */
    fields?: Field[];
    [key: string]: unknown;
}

export interface ControlMatch {
    entry: string; title: string; regimes: string[]; eccn: string[]; confidence: number; why: string[];
    parameterCheck: string | null; controlled: boolean | null; citation: string;
    /** The threshold behind this entry is marked [verify] in the catalogue. */
    verify: boolean;
    [key: string]: unknown;
}
export interface ItemReport {
    description: string; hs: string | null; quantity: string | null; controls: ControlMatch[];
    span: Span | null; parameters: Parameter[]; [key: string]: unknown;
}
export interface Flag {
    code: string; severity: "stop" | "review" | "info"; message: string; evidence: Span[]; citation: string;
    /** What to do about it. */
    action: string | null; [key: string]: unknown;
}
export interface Reason {
    verdict: Verdict; code: string; message: string; citation: string; evidence: Span[];
    /** For a list hit ("party.*"): the index of the party in `Report.parties`. */
    party?: number;
    /** Present when a reviewer's decision changed this reason: its verdict after the decisions ("clear": cleared). */
    afterDecisions?: Verdict;
    [key: string]: unknown;
}
export interface PartyReport {
    /** "buyer", "consignee", "endUser", ... as read by the parser; "namedInText" for a listed name found written in
     * the text that no parsed party carries (the safety net under the parser): its `span` is where, its hits why. */
    role: string; name: string; country: string | null; address: string | null; hits: Hit[]; span: Span | null;
}

export interface BatchRow { line: number; query: PartyQuery; cells: string[]; }
export interface PartiesFile {
    headers: string[]; nameColumn: string; countryColumn: string | null; addressColumn: string | null;
    /** Every column the address was read from (street, postal code, city), joined in this order. */
    addressColumns: string[];
    rows: BatchRow[]; skipped: number;
}

/** One thing a screening run checked (`Report.checks`). */
export interface Check {
    code: "parties" | "text" | "items" | "destination" | "endUse" | "rules" | string; what: string; count: number;
    /** Whether it covered everything it should have (false: see the flags, e.g. "order.no-recipient"). */
    complete: boolean;
}
export interface Report {
    schemaVersion: number; verdict: Verdict; reasons: Reason[]; parties: PartyReport[];
    items: ItemReport[]; flags: Flag[]; lists: ListInfo[]; order: Order; threshold: number; version: string;
    /** The verdict once the reviewer's decisions are applied; equals `verdict` when none applies. */
    verdictAfterDecisions: Verdict;
    /** The day the decisions were judged on (expiry), when the screener has decisions. */
    decisionsAsOf?: string;
    /** What was checked, so a reader sees what the verdict rests on. */
    checks: Check[];
}



/**
 * Screens parties and orders against the loaded lists (the embedded demo list, unless `{demoList: false}`).
 */
export class Screener {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Loads the embedded demo list again, after `removeList("demo")` set it aside.
     */
    addDemoList(): ListInfo;
    /**
     * The configuration in force (defaults merged with the constructor's overrides).
     */
    config(): Required<Config>;
    lists(): ListInfo[];
    /**
     * Parses a list file locally and adds it; on error the loaded lists stay as they were.
     */
    loadList(bytes: Uint8Array | number[], opts?: LoadOptions): ListInfo;
    constructor(config?: Config);
    removeList(id: string): void;
    /**
     * Screens an order given as pasted text or as an order object (e.g. `report.order`, corrected by the user).
     */
    screenOrder(order: string | Order): Report;
    /**
     * Batch screening for throughput (a Web Worker over a parties file): per party, only the number of hits and
     * the best one (`{hits, best: {listId, listCode, entryId, name, matchedName, score, effect} | null}`), without
     * explanations. `hits` and `best` equal `screenParty(p).hits.length` and its first hit; call `screenParty`
     * for the full result of a row the user opens.
     */
    screenPartiesCompact(parties: (PartyQuery | string)[]): PartyBrief[];
    /**
     * Screens many parties in one call (batch screening in a Web Worker): one result per party, in order.
     */
    screenParties(parties: PartyQuery[]): PartyResult[];
    /**
     * Screens one party: `{name, address?, country?}` or just a name.
     */
    screenParty(party: PartyQuery | string): PartyResult;
    /**
     * Replaces the reviewer's decisions; every screening that follows applies them (`hit.decision`,
     * `verdictAfterDecisions`). `asOf` (YYYY-MM-DD) is the day they are judged on, for expiry; without it, today's
     * date in the local time zone when this is called.
     */
    setDecisions(decisions: Decision[], asOf?: string | null): void;
    /**
     * Sets the match threshold (0..1) for the screenings that follow; reports record the threshold used.
     */
    setThreshold(threshold: number): void;
    /**
     * A compact binary snapshot of one loaded list, which `loadList` accepts back (to keep lists in IndexedDB, or
     * to hand them to a Web Worker without parsing the official file again).
     */
    snapshot(id: string): Uint8Array;
}

/**
 * Writes a parties file with every hit (not only the best) and the reviewer's decision on each, as CSV
 * (formula-like cells neutralised).
 */
export function batchHitsCsv(file: PartiesFile, results: PartyResult[]): string;

/**
 * Writes a parties file with its results as CSV (formula-like cells neutralised).
 */
export function batchResultsCsv(file: PartiesFile, results: PartyResult[]): string;

/**
 * The default configuration.
 */
export function defaultConfig(): Required<Config>;

/**
 * Scores two names with the same scorer the screener uses; `match` applies the default threshold.
 */
export function matchNames(a: string, b: string, opts?: { kind?: 'person' | 'organization' | 'any' }): NameMatch;

/**
 * Reads a parties file (CSV, semicolon- or tab-separated, with a header row) for batch screening.
 */
export function parseParties(text: string, max_rows?: number | null): PartiesFile;

/**
 * The crate version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_screener_free: (a: number, b: number) => void;
    readonly batchHitsCsv: (a: any, b: any) => [number, number, number, number];
    readonly batchResultsCsv: (a: any, b: any) => [number, number, number, number];
    readonly defaultConfig: () => [number, number, number];
    readonly matchNames: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly parseParties: (a: number, b: number, c: number) => [number, number, number];
    readonly screener_addDemoList: (a: number) => [number, number, number];
    readonly screener_config: (a: number) => [number, number, number];
    readonly screener_lists: (a: number) => [number, number, number];
    readonly screener_loadList: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly screener_new: (a: number) => [number, number, number];
    readonly screener_removeList: (a: number, b: number, c: number) => [number, number];
    readonly screener_screenOrder: (a: number, b: any) => [number, number, number];
    readonly screener_screenParties: (a: number, b: any) => [number, number, number];
    readonly screener_screenPartiesCompact: (a: number, b: any) => [number, number, number];
    readonly screener_screenParty: (a: number, b: any) => [number, number, number];
    readonly screener_setDecisions: (a: number, b: any, c: number, d: number) => [number, number];
    readonly screener_setThreshold: (a: number, b: number) => [number, number];
    readonly screener_snapshot: (a: number, b: number, c: number) => [number, number, number, number];
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
