#!/usr/bin/env python3
"""Builds the name-matching evaluation at run time from the real lists in ../shared/lists (issues 4 and 13).

Writes into OUT_DIR (default target/eval/, never committed):
  pairs.jsonl        generated: a CSL name vs a rewrite of it (match) and different CSL parties (hard non-match)
  queries.jsonl      generated: rewritten CSL names, each with the CSL entry it must find in the whole CSL
  negatives.jsonl    SEC-registered company names on no list we hold (false alarms against the CSL)
  alias_pairs.jsonl  real alias pairs written by list compilers (match) and hard negatives from the same lists
  customers.jsonl    clean customers (SEC companies, Faker persons and companies in 30 locales) for all lists
  generic_words.txt  words too common in listed and registered company names to identify anyone (one a line)
  manifest.json      counts, seeds, the input files used, and which sets were built

Every row carries `half`: "tune" or "heldout", from a hash of its entity's cluster (one party on several lists is
one cluster, see listed.Clusters), so a party is in the same half in every set. The report prints both halves;
its error listings come only from the tune half.

Python 3.11 standard library, plus the PyPI package Faker (pinned in scripts/test.sh) for the customers' person
names; without it those are skipped and the manifest says so. Deterministic: fixed seeds, inputs in file order.

Usage: python3 scripts/eval/build_eval.py [OUT_DIR] [--lists DIR] [--sets generated,aliases,customers]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aliases  # noqa: E402
import customers  # noqa: E402
import generated  # noqa: E402
import listed  # noqa: E402
from common import DEFAULT_LISTS, ROOT, SEC_FILE, core_tokens, read_sec, real_lists, write_jsonl  # noqa: E402

SEED = 20261123
ALIAS_SEED = 20261213
SETS = ("generated", "aliases", "customers")
# The list files the customers are screened against (benches/shared/lists.txt, in that order).
ALL_LISTS = real_lists()


def generic_words(entities, sec) -> list[str]:
    """Words in at least 0.2% of SEC company names or of listed entities' names (company, trading, bank, group,
    international, city and country names): a match on these alone says nothing about identity."""
    sec_df = Counter(w for r in sec for w in set(core_tokens(str(r.get("name") or ""))))
    list_df = Counter(w for e in entities for w in {t for n in e.names for t in core_tokens(n.text)})
    out = {w for w, n in sec_df.items() if n >= len(sec) * 0.002} | \
          {w for w, n in list_df.items() if n >= len(entities) * 0.002}
    return sorted(w for w in out if w.isalpha())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "target" / "eval"))
    ap.add_argument("--lists", default=str(DEFAULT_LISTS))
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)} (default: all)")
    args = ap.parse_args(argv)
    lists, out = Path(args.lists).resolve(), Path(args.out)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        print(f"build_eval: unknown set(s) {unknown}; expected some of {list(SETS)}", file=sys.stderr)
        return 2
    if not (lists / generated.rewrites.CSL_FILE).is_file():
        print(f"build_eval: {lists / generated.rewrites.CSL_FILE} not found (the real lists are expected beside the "
              "project)", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    entities = listed.read_all(lists)
    clusters = listed.Clusters(entities)
    names = listed.all_names(entities)
    sec = read_sec(lists)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    manifest.update({
        "seed": SEED,
        "alias_seed": ALIAS_SEED,
        "lists": str(lists),
        "csl": str(lists / generated.rewrites.CSL_FILE),
        "sec": str(lists / SEC_FILE),
        "all_lists": [str(lists / f) for f in ALL_LISTS],
        "entities": len(entities),
        "clusters": len(set(clusters.label.values())),
        "largest_cluster": max(clusters.size.values(), default=0),
    })
    built = set(manifest.get("sets", [])) | set(sets)
    manifest["sets"] = [s for s in SETS if s in built]
    (out / "generic_words.txt").write_text("\n".join(generic_words(entities, sec)) + "\n", encoding="utf-8")
    said = []
    if "generated" in sets:
        rows, stats = generated.build(lists, names, lambda csl_id: clusters.half(f"us_csl:{csl_id}"),
                                      random.Random(SEED))
        for name, data in rows.items():
            write_jsonl(out / f"{name}.jsonl", data)
        manifest.update(stats)
        said.append(f"{stats['pairs']} generated pairs, {stats['queries']} list queries, {stats['negatives']} clean "
                    "SEC names")
    if "aliases" in sets:
        rows, stats = aliases.build(entities, clusters, lists, random.Random(ALIAS_SEED))
        write_jsonl(out / "alias_pairs.jsonl", rows)
        manifest.update(stats)
        said.append(f"{stats['alias_pairs']} alias pairs ({stats['alias_pairs_match']} same entity)")
    if "customers" in sets:
        rows, stats = customers.build(sec, names)
        write_jsonl(out / "customers.jsonl", rows)
        manifest.update(stats)
        said.append(f"{stats['customers']} clean customers (Faker {stats['faker_version']})")
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"build_eval: {'; '.join(said)} -> {out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
