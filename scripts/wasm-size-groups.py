#!/usr/bin/env python3
"""Where the wasm's code bytes are, by group of functions (docs/performance.md, "Size").

usage: python3 scripts/wasm-size-groups.py FILE.wasm
FILE is a module that still has its function names: wasm-bindgen's output before wasm-opt, e.g.
  wasm-bindgen --target web --out-dir target/size target/wasm32-unknown-unknown/release/export_screen.wasm
Each function goes to the first group whose pattern matches its (demangled) name. "raw" is the group's code bytes;
"marginal" is how many bytes the deflated code (zlib -9) loses without the group: a guide to where the gzipped bytes
are, not an exact share of the final file (wasm-opt inlines further and the data sections are gzipped with it).
"""
import collections
import re
import sys
import zlib

GROUPS = [
    ("serde readers", r"serde_core|__Visitor|__FieldVisitor|__Field|data::reader|Deserialize"),
    ("serde_json", r"serde_json"),
    ("hashbrown", r"hashbrown"),
    ("core::fmt, float formatting", r"core\S*::fmt|Formatter|Display|Debug|flt2dec"),
    ("PPMd decoder", r"ppmd"),
    ("csv", r"csv"),
    ("sha2", r"sha2"),
    ("wasm-bindgen glue", r"wasm_bindgen|js_sys|__wbg|wbindgen"),
    ("dlmalloc", r"dlmalloc"),
    ("quick-xml", r"quick_xml"),
    ("core/alloc/std", r"^(core|alloc|std|<core|<alloc|<std|<str>|<\[|<&|<T|<f64|<Q|<u|<i|<usize|<char|<bool)"),
    ("lists", r"export_screen::lists"),
    ("order", r"export_screen::order"),
    ("rules", r"export_screen::rules"),
    ("index, score, screener", r"export_screen::(index|score|screener)"),
    ("text, geo, normalize", r"export_screen::(text|geo|normalize)"),
    ("snapshot", r"snapshot"),
    ("wasm.rs", r"export_screen::wasm"),
    ("export_screen, other", r"export_screen"),
]


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def parse(path):
    """(number of imported functions, code bodies, {function index: name}, data segments)."""
    b = open(path, "rb").read()
    i, imports, bodies, names, data = 8, 0, [], {}, []
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if sid == 2:  # imports: count the functions
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(b, j)
                    j += ln
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind in (1, 2):
                    j += kind == 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                ln, j = leb(b, j)
                bodies.append(b[j : j + ln])
                j += ln
        elif sid == 11:
            data.append(b[i:end])
        elif sid == 0:
            ln, j = leb(b, i)
            if b[j : j + ln] == b"name":
                j += ln
                while j < end:
                    sub = b[j]
                    sl, j = leb(b, j + 1)
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            ln2, k = leb(b, k)
                            names[idx] = b[k : k + ln2].decode("utf8", "replace")
                            k += ln2
                    j += sl
        i = end
    return imports, bodies, names, data


def main():
    imports, bodies, names, data = parse(sys.argv[1])
    rules = [(g, re.compile(p)) for g, p in GROUPS]
    members = collections.defaultdict(list)
    for k in range(len(bodies)):
        name = names.get(imports + k, "?")
        members[next((g for g, rx in rules if rx.search(name)), "other")].append(k)
    whole = len(zlib.compress(b"".join(bodies), 9))
    datab = b"".join(data)
    print(f"code {sum(map(len, bodies))} B raw, {whole} B deflated; "
          f"data {len(datab)} B raw, {len(zlib.compress(datab, 9))} B deflated")
    rows = []
    for g, ks in members.items():
        inside = set(ks)
        rest = b"".join(b for k, b in enumerate(bodies) if k not in inside)
        rows.append((whole - len(zlib.compress(rest, 9)), sum(len(bodies[k]) for k in ks), len(ks), g))
    print(f"{'group':32} {'functions':>9} {'raw':>9} {'marginal':>9}")
    for marginal, raw, n, g in sorted(rows, reverse=True):
        print(f"{g:32} {n:9} {raw:9} {marginal:9}")


if __name__ == "__main__":
    main()
