#!/usr/bin/env python3
"""Checks the country spellings of src/data/countries.toml against their cited sources.

- `name` and `iso`: ISO 3166-1 names (short, official, common) from the iso-codes database
  (/usr/share/iso-codes/json/iso_3166-1.json, Debian package iso-codes);
- `local`: the iso-codes translations of those names (de, fr, es, ru, tr, zh_CN; iso_3166-1.mo), else reported
  for a reader to check against Unicode CLDR;
- `subdivisions`: ISO 3166-2 names of the country's subdivisions (iso_3166-2.json);
- `lists`: the spelling occurs in a file under ../shared/lists (when that folder is present).

Spellings are compared as the code compares them (`geo::name_key`: lower case, no diacritics, apostrophes and
dots dropped, "the"/"of"/"and" dropped, words sorted). Prints each spelling its source does not confirm, and the
ISO names the table lacks; exits 1 only on a structural error (a code or a name given twice). Python 3.11
standard library only; nothing is written.

Usage: python3 scripts/data/check_countries.py [--lists DIR]
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISO = Path("/usr/share/iso-codes/json")
LANGS = ["de", "fr", "es", "ru", "tr", "zh_CN"]


def key(name: str) -> str:
    n = re.sub(r"['’.]", "", name)
    n = unicodedata.normalize("NFKD", n.lower())
    n = "".join(c for c in n if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^\w]+", n) if w and w not in ("the", "of", "and")]
    return " ".join(sorted(words))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lists", default=str(ROOT.parent / "shared" / "lists"))
    args = ap.parse_args()
    table = tomllib.loads((ROOT / "src/data/countries.toml").read_text(encoding="utf-8"))
    errors = 0
    seen_codes: set[str] = set()
    seen_keys: dict[str, str] = {}
    for c in table["country"]:
        if c["code"] in seen_codes:
            print(f"error: {c['code']} twice")
            errors += 1
        seen_codes.add(c["code"])
        for group in ("name", "iso", "local", "other", "subdivisions", "lists", "adjectives"):
            names = [c[group]] if group == "name" else c.get(group, [])
            for n in names:
                k = key(n)
                if seen_keys.get(k, c["code"]) != c["code"]:
                    print(f"error: {n!r} names {seen_keys[k]} and {c['code']}")
                    errors += 1
                seen_keys[k] = c["code"]
    if not (ISO / "iso_3166-1.json").exists():
        print("iso-codes not installed (apt-get install iso-codes): ISO groups not checked")
    else:
        iso = {x["alpha_2"]: x for x in json.loads((ISO / "iso_3166-1.json").read_text())["3166-1"]}
        for x in json.loads((ISO / "iso_3166-3.json").read_text())["3166-3"]:
            iso.setdefault(x["alpha_4"][:2], x)
        subs: dict[str, set[str]] = {}
        for s in json.loads((ISO / "iso_3166-2.json").read_text())["3166-2"]:
            subs.setdefault(s["code"][:2], set()).add(key(s["name"]))
        catalogs = []
        for lang in LANGS:
            mo = Path(f"/usr/share/locale/{lang}/LC_MESSAGES/iso_3166-1.mo")
            if mo.exists():
                with mo.open("rb") as f:
                    catalogs.append(gettext.GNUTranslations(f)._catalog)  # noqa: SLF001 (no public accessor)
        unconfirmed: dict[str, list[str]] = {"name": [], "iso": [], "local": [], "subdivisions": []}
        for c in table["country"]:
            x = iso.get(c["code"], {})
            english = [x[f] for f in ("name", "official_name", "common_name") if f in x]
            eng_keys = {key(e) for e in english}
            local_keys = {key(cat[e]) for cat in catalogs for e in english if e in cat}
            if key(c["name"]) not in eng_keys:
                unconfirmed["name"].append(f"{c['code']} {c['name']}")
            for n in c.get("iso", []):
                if key(n) not in eng_keys:
                    unconfirmed["iso"].append(f"{c['code']} {n}")
            for n in c.get("local", []):
                if key(n) not in local_keys:
                    unconfirmed["local"].append(f"{c['code']} {n}")
            for n in c.get("subdivisions", []):
                if key(n) not in subs.get(c["code"], set()):
                    unconfirmed["subdivisions"].append(f"{c['code']} {n}")
            have = {key(n) for g in ("name", "iso", "local", "other") for n in ([c["name"]] if g == "name" else c.get(g, []))}
            missing = [e for e in english if key(e) not in have]
            if missing:
                print(f"{c['code']}: ISO names not in the table (not looked for in orders): {missing}")
        for group, names in unconfirmed.items():
            if names:
                print(f"[{group}] not confirmed by iso-codes ({len(names)}; check against the group's citation):")
                print("  " + "; ".join(names))
    lists = Path(args.lists)
    if lists.is_dir():
        blobs = [p.read_bytes().decode("utf-8", "replace") for p in sorted(lists.rglob("*")) if p.is_file()]
        for c in table["country"]:
            for n in c.get("lists", []):
                if not any(n in b for b in blobs):
                    print(f"[lists] {c['code']} {n!r} not found verbatim in {lists}")
    else:
        print(f"{lists} not found: the lists group is not checked")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
