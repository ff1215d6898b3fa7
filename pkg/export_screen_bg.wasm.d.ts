/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __wbg_screener_free: (a: number, b: number) => void;
export const batchResultsCsv: (a: any, b: any) => [number, number, number, number];
export const defaultConfig: () => [number, number, number];
export const matchNames: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
export const parseParties: (a: number, b: number, c: number) => [number, number, number];
export const screener_benchBruteForce: (a: number, b: number, c: number) => [number, number, number];
export const screener_config: (a: number) => [number, number, number];
export const screener_lists: (a: number) => [number, number, number];
export const screener_loadList: (a: number, b: number, c: number, d: number) => [number, number, number];
export const screener_new: (a: number) => [number, number, number];
export const screener_removeList: (a: number, b: number, c: number) => [number, number];
export const screener_screenOrder: (a: number, b: any) => [number, number, number];
export const screener_screenParties: (a: number, b: any) => [number, number, number];
export const screener_screenPartiesCompact: (a: number, b: any) => [number, number, number];
export const screener_screenParty: (a: number, b: any) => [number, number, number];
export const screener_snapshot: (a: number, b: number, c: number) => [number, number, number, number];
export const version: () => [number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
