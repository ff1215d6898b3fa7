// A deployed bundle of lists: `manifest.json` and the snapshots it names, as `export-screen lists update DIR` (or
// `export-screen snapshot DIR`) writes them, fetched from the page's own origin and loaded into a Screener. Used by
// the page (lists-ui.js) and the <export-screen> element. A gzipped file (a server or the admin may store them so)
// is unpacked with the browser's DecompressionStream before the engine reads it.

/** Whether bytes start like a gzip stream. */
export function isGzip(bytes) {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Unpacks gzip with the browser's DecompressionStream. */
export async function gunzip(bytes) {
  if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot unpack gzip (no DecompressionStream)');
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * When a bundle was made, as "YYYY-MM-DD HH:MM" (UTC), from the manifest's `generated` (ISO date-time, written by
 * `export-screen snapshot` and `lists update`) or, in older manifests, `generatedUnix` (seconds); null when neither.
 */
export function bundleTime(manifest) {
  const m = manifest || {};
  let iso = typeof m.generated === 'string' && !Number.isNaN(Date.parse(m.generated)) ? m.generated : null;
  if (!iso && Number.isFinite(m.generatedUnix) && m.generatedUnix > 0) {
    const d = new Date(m.generatedUnix * 1000);
    iso = Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return iso ? iso.replace('T', ' ').slice(0, 16) : null;
}

/**
 * Fetches the manifest at `manifestUrl` (resolved against `base`; it must be on the page's origin) and loads every
 * list it names into `screener`, in order. Resolves to `{ manifest, infos }` (one ListInfo per named file).
 */
export async function loadBundle(screener, manifestUrl, base = document.baseURI) {
  const url = new URL(manifestUrl, base);
  if (url.origin !== new URL(document.baseURI).origin) throw new Error(`${url.href}: deployed lists must come from this page's origin`);
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  let manifest;
  try {
    manifest = await res.json();
  } catch (e) {
    throw new Error(`${url.pathname}: not a manifest (${e.message})`);
  }
  const lists = Array.isArray(manifest.lists) ? manifest.lists : [];
  if (!lists.length) throw new Error(`${url.pathname} names no list`);
  const infos = [];
  for (const l of lists) {
    const fileUrl = new URL(String(l.file), url);
    if (fileUrl.origin !== url.origin) throw new Error(`${l.file}: deployed lists must come from this page's origin`);
    const r = await fetch(fileUrl, { cache: 'no-cache' });
    if (!r.ok) throw new Error(`${l.file}: HTTP ${r.status}`);
    let bytes = new Uint8Array(await r.arrayBuffer());
    if (isGzip(bytes)) bytes = await gunzip(bytes);
    infos.push(screener.loadList(bytes, { filename: fileUrl.pathname.split('/').pop() }));
  }
  return { manifest, infos };
}
