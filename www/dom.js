// Small DOM helpers. Data (names from lists, pasted text, file names, messages) only ever reaches the page as
// text nodes or attribute values set with setAttribute, never as markup, so HTML or script in it stays inert.

/** Creates an element; string and number children become text nodes, arrays are flattened, null/false skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false || c === '') continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A link only for http(s) URLs (opened in a new tab, no referrer); anything else (javascript:, data:) is text. */
export function safeLink(url, text) {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') {
      let shown = `${u.hostname}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
      try { shown = decodeURI(shown); } catch { /* keep it encoded */ }
      return el('a', { href: u.href, rel: 'noreferrer noopener', target: '_blank', title: u.href, class: 'ext' }, text || shown);
    }
  } catch { /* not a URL: shown as text below */ }
  return el('span', {}, String(url));
}

/**
 * Makes `zone` a drop target for files: marked with the class "over" while something is dragged over it, and
 * `onFiles(files)` called with the dropped files (an array, possibly empty) instead of the browser opening them.
 */
export function dropZone(zone, onFiles) {
  const over = (e) => { e.preventDefault(); zone.classList.add('over'); };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('over'); });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    onFiles([...(e.dataTransfer ? e.dataTransfer.files : [])]);
  });
}

/** The message of anything thrown (a JS Error from the wasm boundary, a string, ...). */
export function messageOf(e) {
  if (e && typeof e.message === 'string' && e.message) return e.message;
  return String(e);
}

// The engine's transliteration (src/normalize.rs, `translit`), so that a word written in Cyrillic, Greek or Arabic
// script can be compared with the Latin tokens the explanation gives.
const TRANSLIT = new Map(Object.entries({
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi',
  й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
  ا: 'a', أ: 'a', إ: 'a', آ: 'a', ى: 'a', ب: 'b', پ: 'p', ت: 't', ط: 't', ث: 'th', ج: 'j', چ: 'ch', ح: 'h', ه: 'h',
  ة: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', ظ: 'z', ژ: 'zh', س: 's', ص: 's', ش: 'sh', ض: 'd', ع: '', ء: '',
  ئ: '', ؤ: '', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ک: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', و: 'u', ي: 'i', ی: 'i',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
  "'": '', '’': '', '‘': '', '`': '', 'ʻ': '', 'ʼ': '', 'ʿ': '', 'ʾ': '', '´': '',
}));

/**
 * Lower-case Latin without accents, transliterated as the engine does: how the page compares a displayed word
 * with the engine's normalised tokens ("Оптолинк" → "optolink", "Linköping" → "linkoping").
 */
export function fold(word) {
  let out = '';
  for (const ch of String(word).toLowerCase()) {
    const t = TRANSLIT.get(ch);
    if (t !== undefined) { out += t; continue; }
    for (const d of ch.normalize('NFKD')) {
      if (/\p{M}/u.test(d)) continue;
      const u = TRANSLIT.get(d);
      out += u !== undefined ? u : d;
    }
  }
  return out;
}

/**
 * The words of `text` whose folded form is in `tokens`, wrapped in <mark class="tok">; the rest as text. A word
 * keeps its inner apostrophes ("Xi'an"), as the engine joins them.
 */
export function markTokens(text, tokens) {
  const out = [];
  for (const part of String(text).split(/([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)/u)) {
    if (!part) continue;
    out.push(tokens.has(fold(part)) ? el('mark', { class: 'tok' }, part) : part);
  }
  return out;
}

/**
 * Maps UTF-8 byte offsets (what the engine reports for spans of the order text) to UTF-16 indices (what JS
 * strings use). Offsets that fall inside a character or past the end give null.
 */
export function byteOffsetsToIndices(text, offsets) {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map();
  let byte = 0;
  let index = 0;
  let w = 0;
  for (const ch of text) {
    while (w < wanted.length && wanted[w] < byte) w++;
    if (w < wanted.length && wanted[w] === byte) found.set(byte, index);
    const cp = ch.codePointAt(0);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  if (wanted.includes(byte)) found.set(byte, index);
  return (offset) => (found.has(offset) ? found.get(offset) : null);
}

/**
 * The text as nodes with <mark>s over the given ranges ({start, end} as UTF-16 indices, kind, label). Where
 * ranges overlap, the one with the highest `rank` gives the mark its class; every label goes into the title.
 */
export function highlight(text, ranges) {
  const bounds = new Set([0, text.length]);
  for (const r of ranges) { bounds.add(r.start); bounds.add(r.end); }
  const cuts = [...bounds].filter((b) => b >= 0 && b <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const over = ranges.filter((r) => r.start <= a && r.end >= b);
    if (!over.length) { out.push(piece); continue; }
    const top = over.reduce((x, y) => (y.rank > x.rank ? y : x));
    out.push(el('mark', { class: `hl hl-${top.kind}`, title: [...new Set(over.map((r) => r.label))].join(' · ') }, piece));
  }
  return out;
}

/** The SHA-256 of `text` (UTF-8) as 64 hex digits. */
export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
