"""Text helpers shared by the evaluation builders: folding, Jaro-Winkler, the script of a name, the tune/held-out
split, JSON-lines output. Independent of the project's normaliser (nothing here imports the project), so the sets
built with it do not flatter any particular matcher."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LISTS = ROOT.parent / "shared" / "lists"
SEC_FILE = "companies/sec_company_tickers_exchange_2025-08.json"


def real_lists() -> list[str]:
    """The real list files the benchmarks and reports load into one screener, in their order (paths under the lists
    folder): benches/shared/lists.txt, the one committed copy of that list."""
    lines = (ROOT / "benches" / "shared" / "lists.txt").read_text(encoding="utf-8").splitlines()
    return [l.split("\t")[0].strip() for l in lines if l.strip() and not l.startswith("#")]


def fold(s: str) -> str:
    """Lower case, accents removed, "&" spelt "and", punctuation to spaces, whitespace collapsed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


# Legal-form words, used only to compare names loosely (anti-join, "distinct parties" tests), never to build variants.
LEGAL_WORDS = set("""co company corp corporation inc incorporated ltd limited llc llp lp plc pte pty pvt private
gmbh ag kg sa sas sarl srl spa bv nv ab oy as asa jsc ojsc cjsc pjsc ao oao zao pao ooo tov too fze fzco fzc dmcc
sdn bhd tbk kk de cv s a the of and""".split())


def core_tokens(s: str) -> list[str]:
    return [t for t in fold(s).split() if t not in LEGAL_WORDS]


def jaro_winkler(a: str, b: str) -> float:
    """Plain Jaro-Winkler (prefix scale 0.1, prefix up to 4), as in strsim."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    ma, mb = [False] * la, [False] * lb
    matches = 0
    for i, ca in enumerate(a):
        for j in range(max(0, i - window), min(lb, i + window + 1)):
            if not mb[j] and b[j] == ca:
                ma[i] = mb[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    t, k = 0, 0
    for i in range(la):
        if ma[i]:
            while not mb[k]:
                k += 1
            if a[i] != b[k]:
                t += 1
            k += 1
    jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3
    prefix = 0
    for ca, cb in zip(a[:4], b[:4]):
        if ca != cb:
            break
        prefix += 1
    return jaro + 0.1 * prefix * (1 - jaro)


# Unicode character-name prefixes -> script label (the first word of the name, with a few joined).
_SCRIPT_OF_PREFIX = {"LATIN": "Latin", "CYRILLIC": "Cyrillic", "ARABIC": "Arabic", "GREEK": "Greek",
                     "HEBREW": "Hebrew", "ARMENIAN": "Armenian", "GEORGIAN": "Georgian", "DEVANAGARI": "Devanagari",
                     "HANGUL": "Hangul", "HIRAGANA": "Kana", "KATAKANA": "Kana", "CJK": "Han", "THAI": "Thai",
                     "MYANMAR": "Myanmar", "BENGALI": "Bengali", "TAMIL": "Tamil", "GUJARATI": "Gujarati",
                     "GURMUKHI": "Gurmukhi", "ETHIOPIC": "Ethiopic", "KHMER": "Khmer", "LAO": "Lao",
                     "SINHALA": "Sinhala", "TELUGU": "Telugu", "KANNADA": "Kannada", "MALAYALAM": "Malayalam",
                     "TIBETAN": "Tibetan", "MONGOLIAN": "Mongolian", "SYRIAC": "Syriac", "THAANA": "Thaana"}


def char_script(c: str) -> str:
    if c.isascii():
        return "Latin" if c.isalpha() else ""
    if not c.isalpha():
        return ""
    name = unicodedata.name(c, "")
    first = name.split(" ", 1)[0]
    if first == "FULLWIDTH":
        return "Latin" if "LATIN" in name else ""
    return _SCRIPT_OF_PREFIX.get(first, "Other")


def script_of(s: str) -> str:
    """The script a name is written in: the most frequent non-Latin script among its letters if it has one
    ("TDK株式会社" is Han; Japanese with kana is Kana), else Latin ("" for a name without letters)."""
    counts: dict[str, int] = {}
    for c in s:
        k = char_script(c)
        if k:
            counts[k] = counts.get(k, 0) + 1
    if not counts:
        return ""
    if "Kana" in counts:
        return "Kana"
    others = {k: n for k, n in counts.items() if k != "Latin"}
    if others:
        return max(sorted(others), key=lambda k: others[k])
    return "Latin"


def half_of(key: str) -> str:
    """"tune" or "heldout", from a hash of an entity's key (the same key always lands in the same half, whichever
    set it appears in). sha1, not Python's hash(): stable across runs and Python versions."""
    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def write_jsonl(path: Path, rows: list[dict]):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


def read_sec(lists: Path) -> list[dict]:
    data = json.loads((lists / SEC_FILE).read_text(encoding="utf-8"))
    fields = data["fields"]
    return [dict(zip(fields, row)) for row in data["data"]]
