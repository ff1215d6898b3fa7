// How current a list is, in words: the date a list speaks for (ListInfo.asOf, read by the engine from the file's
// content), where that date comes from, its age and the warning when it is older than the configured number of
// days or unknown. Pure functions (no DOM), shared by the page, the <export-screen> element and the reports.

const DAY_MS = 86_400_000;

/** The default age, in days, past which a list is flagged as old. */
export const DEFAULT_MAX_AGE_DAYS = 30;

/** What each basis means, as a reader should read the date. */
export const BASIS_WORDS = {
  file: 'date stated in the file',
  entries: 'newest listing date in the file, which states no date of its own',
  user: 'date given when the list was loaded',
  unknown: 'the file states no date',
};

/** The list's asOf, also for a ListInfo from an engine that had none (its published date, basis unknown to it). */
export function asOfOf(list) {
  if (list && list.asOf && typeof list.asOf === 'object') return { date: list.asOf.date || null, basis: list.asOf.basis || 'unknown' };
  return list && list.published ? { date: list.published, basis: 'file' } : { date: null, basis: 'unknown' };
}

/** Whole days from an ISO date (YYYY-MM-DD or a full timestamp) to `now`, or null when the date cannot be read. */
export function ageInDays(date, now = Date.now()) {
  if (!date) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  return Number.isNaN(t) ? null : Math.floor((now - t) / DAY_MS);
}

/** "as of 2022-04-21 (newest listing date in the file, which states no date of its own)" or "date unknown (…)". */
export function asOfText(list) {
  const a = asOfOf(list);
  return a.date ? `as of ${a.date} (${BASIS_WORDS[a.basis] || a.basis})` : `date unknown (${BASIS_WORDS.unknown})`;
}

/** A day count in words: "1 day", "1,690 days". */
const days = (n) => `${n.toLocaleString('en')} ${n === 1 ? 'day' : 'days'}`;

/**
 * How old the list is and whether that needs a warning: `{ age, level, text }` with `level` 'ok', 'old' (older than
 * `maxAgeDays`), 'unknown' (no date) or 'future' (a date after today: a typing error in the file, or a wrong date
 * given at load). `text` says it in a sentence for the three that need attention, '' otherwise.
 */
export function ageCheck(list, maxAgeDays = DEFAULT_MAX_AGE_DAYS, now = Date.now()) {
  const a = asOfOf(list);
  const age = ageInDays(a.date, now);
  if (age === null) {
    return { age: null, level: 'unknown', text: 'Date unknown: the file states none, so its age cannot be judged. Download a fresh copy, or give the date you downloaded it, before relying on it.' };
  }
  if (age < 0) return { age, level: 'future', text: `Dated ${a.date}, after today: check the file and the date given for it.` };
  if (age > maxAgeDays) {
    const how = a.basis === 'entries' ? `At least ${days(age)} old (its newest listing is of ${a.date})` : `${days(age)} old (dated ${a.date})`;
    return { age, level: 'old', text: `${how}, more than ${days(maxAgeDays)}: download a fresh copy before relying on it.` };
  }
  return { age, level: 'ok', text: '' };
}

/** "dated 2026-02-27 (282 days ago)" style: the date with its age, for a one-line list summary. */
export function asOfWithAge(list, now = Date.now()) {
  const a = asOfOf(list);
  const age = ageInDays(a.date, now);
  if (!a.date) return 'date unknown';
  return age === null || age < 0 ? `as of ${a.date}` : `as of ${a.date}, ${age === 0 ? 'today' : `${days(age)} ago`}`;
}
