// The page's storage in this browser, used only after the user has opted in: the consent flag in localStorage, and
// an IndexedDB database "export-screen" with three stores (lists: the list bytes with their ListInfo and when they
// were loaded; decisions: the reviewer's decisions; screenings: saved screenings). Before consent nothing here
// opens the database or writes anything: hasConsent() only reads localStorage.

export const DB_NAME = 'export-screen';
export const DB_VERSION = 1;
export const STORES = { lists: 'sha256', decisions: 'key', screenings: 'id' };
export const CONSENT_KEY = 'export-screen.consent';

/** Whether the user opted in (reading only; a browser that blocks storage counts as no). */
export function hasConsent() {
  try {
    return globalThis.localStorage?.getItem(CONSENT_KEY) === 'yes';
  } catch {
    return false;
  }
}

/** Records the opt-in, or removes it. */
export function setConsent(on) {
  if (on) globalThis.localStorage.setItem(CONSENT_KEY, 'yes');
  else globalThis.localStorage.removeItem(CONSENT_KEY);
}

/** A sentence for a storage error: what went wrong, in words, with the browser's own name for it. */
export function storageMessage(e) {
  const name = e && e.name;
  if (name === 'QuotaExceededError' || /quota/i.test(String(e && e.message))) {
    return "this browser's storage for the page is full (QuotaExceededError): free some space or remove kept lists";
  }
  if (name === 'InvalidStateError' || name === 'SecurityError') return `this browser does not allow the page to store data here (${name})`;
  return `${name || 'Error'}: ${(e && e.message) || String(e)}`;
}

let dbPromise = null;

/** Opens (creating on first use) the database. Call only with consent. */
export function openDb() {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve, reject) => {
    let req;
    try {
      req = globalThis.indexedDB.open(DB_NAME, DB_VERSION);
    } catch (e) {
      reject(e);
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const [name, keyPath] of Object.entries(STORES)) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab forgetting everything deletes the database: let it.
      db.onversionchange = () => { db.close(); dbPromise = null; };
      resolve(db);
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('the database is held by another tab of this page: close it and try again'));
  });
  dbPromise.catch(() => { dbPromise = null; });
  return dbPromise;
}

/** Runs `fn(store)` in a transaction; resolves with what fn's request returned once the transaction commits. */
async function tx(storeName, mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    let result;
    let t;
    try {
      t = db.transaction(storeName, mode);
      const req = fn(t.objectStore(storeName));
      if (req) req.onsuccess = () => { result = req.result; };
    } catch (e) {
      try { t?.abort(); } catch { /* already finished */ }
      reject(e);
      return;
    }
    t.oncomplete = () => resolve(result);
    t.onerror = (ev) => { ev.preventDefault(); reject(t.error || ev.target.error); };
    t.onabort = () => reject(t.error || new DOMException('The transaction was aborted', 'AbortError'));
  });
}

export const put = (store, value) => tx(store, 'readwrite', (s) => s.put(value));
export const remove = (store, key) => tx(store, 'readwrite', (s) => s.delete(key));
export const getAll = (store) => tx(store, 'readonly', (s) => s.getAll());
export const clearStore = (store) => tx(store, 'readwrite', (s) => s.clear());

/**
 * Forgets everything this origin stored: closes and deletes the database and clears localStorage (the consent
 * flag with it). Resolves when the database is gone.
 */
export async function forgetAll() {
  if (dbPromise) {
    try { (await dbPromise).close(); } catch { /* never opened */ }
    dbPromise = null;
  }
  try { globalThis.localStorage.clear(); } catch { /* storage blocked: nothing there */ }
  await new Promise((resolve, reject) => {
    const req = globalThis.indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('another tab of this page still holds the database: close it, then forget again'));
  });
}
