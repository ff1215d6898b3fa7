"""Real alias pairs and hard negatives, from the names list compilers wrote (issue 13).

Positives: an entity's primary name against each other name its list gives it (UK OFSI rows sharing a Group ID with
their alias type, quality and non-Latin name; UN aliases with their quality; OFAC legacy alt.csv a.k.a./f.k.a./n.k.a.
and the weak a.k.a.s of the remarks; OFAC Enhanced XML aliases and translations; OpenSanctions targets.simple and
curated aliases; EU journal alias / weakAlias / previousName; JP METI and CN MOFCOM aliases). Pairs that are the
same after folding (case, punctuation, accents) are dropped, and so are pairs where one name is the other with
legal-form words or articles added (`trivial`); every kept pair says how the two names relate (`relation`).

Hard negatives: two different entities *of the same list* (a list does not publish one party twice, so different
ids there are different parties) whose names share a distinctive word, a place and generic words, or are near in
spelling. A pair is dropped when the two could still be one party: they share a cluster (`listed.Clusters`: the same
name key on two lists), any name of one equals a name of the other once folded and legal forms dropped, any name of
one is contained word for word in a name of the other (a subsidiary "X Trading LLC" and its parent "X"), or both
have the same date of birth. Negatives are drawn per list, class and half in the same numbers as the positives.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from common import LEGAL_WORDS, core_tokens, fold, jaro_winkler, script_of
from listed import Clusters, Entity

# Most positives taken from one list (the UK list alone has 14,000 alias rows); the rest is left out at random.
MAX_POSITIVES_PER_SOURCE = 700
STOPWORDS = {"the", "of", "and", "a", "an", "de", "la", "el", "al", "for", "in"}


def _contained(short: list[str], long_: list[str]) -> bool:
    n = len(short)
    return 0 < n <= len(long_) and any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def trivial(a: str, b: str) -> bool:
    """The same name once folded, or one is the other with only legal-form words or articles added
    ("Faratech" / "Faratech Company", "The Base" / "Base")."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    ta, tb = fa.split(), fb.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not _contained(short, long_):
        return False
    extra = list(long_)
    for t in short:
        extra.remove(t)
    return all(t in LEGAL_WORDS or t in STOPWORDS for t in extra)


def acronym(short: str, long_: str) -> bool:
    s = fold(short).replace(" ", "")
    words = [w for w in fold(long_).split() if w not in STOPWORDS]
    return 2 <= len(s) < len(words) + 2 and len(words) >= 2 and s == "".join(w[0] for w in words)[: len(s)] \
        and len(s) >= len(words) - 1


def relation(a: str, b: str) -> str:
    """How the two names of one entity relate: "script" (written in different scripts), "reorder" (the same words
    in another order), "contained" (one is the other with words added), "acronym", "variant" (some word of one has
    a close spelling in the other: re-romanisation, legal form written out, ...), or "unrelated" (no word in
    common even loosely: a former name, a nickname, a cover name)."""
    sa, sb = script_of(a), script_of(b)
    if sa != sb:
        return "script"
    ta, tb = fold(a).split(), fold(b).split()
    if sorted(ta) == sorted(tb):
        return "reorder"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if _contained(short, long_):
        return "contained"
    if acronym(a, b) or acronym(b, a):
        return "acronym"
    # Legal-form words ("Co., Ltd.") and articles do not make two names variants of each other.
    ca = [t for t in core_tokens(a) if t not in STOPWORDS]
    cb = [t for t in core_tokens(b) if t not in STOPWORDS]
    if any(jaro_winkler(x, y) >= 0.85 for x in ca for y in cb if len(x) >= 3 and len(y) >= 3):
        return "variant"
    return "unrelated"


def positives(entities: list[Entity], clusters: Clusters, rng: random.Random) -> list[dict]:
    by_source = defaultdict(list)
    for e in entities:
        if not e.pairs_ok:
            continue
        primary = e.primary
        seen = {fold(primary)}
        for n in e.names:
            if n.text == primary or n.role == "primary" and fold(n.text) in seen:
                continue
            f = fold(n.text)
            if f in seen or trivial(primary, n.text):
                seen.add(f)
                continue
            seen.add(f)
            by_source[e.source].append({
                "a": primary, "b": n.text, "match": True, "class": e.cls, "source": e.source,
                "script_a": script_of(primary), "script_b": script_of(n.text), "role": n.role,
                "quality": n.quality, "relation": relation(primary, n.text), "kind": "alias",
                "id_a": e.key, "id_b": e.key, "half": clusters.half(e.key),
            })
    out = []
    for source in sorted(by_source):
        rows = by_source[source]
        if len(rows) > MAX_POSITIVES_PER_SOURCE:
            rows = rng.sample(rows, MAX_POSITIVES_PER_SOURCE)
        out.extend(rows)
    return out


class Vocabulary:
    """Word frequencies over every listed name (how many entities' names hold the word), for "distinctive" and
    "generic" words, and the place words of the lists' names (see `places`)."""

    def __init__(self, entities: list[Entity], places: set[str]):
        self.df = Counter()
        for e in entities:
            self.df.update({t for n in e.names for t in core_tokens(n.text)})
        self.places = places

    def generic(self, t: str) -> bool:
        return self.df[t] >= 60 or t in LEGAL_WORDS or t in STOPWORDS

    def distinctive(self, t: str) -> bool:
        return len(t) >= 4 and 2 <= self.df[t] <= 40 and t not in self.places and not t.isdigit()


def _same_party(p: Entity, q: Entity, clusters: Clusters) -> bool:
    if clusters.cluster(p.key) == clusters.cluster(q.key):
        return True
    if p.dob and q.dob and p.dob == q.dob:
        return True
    np_ = [core_tokens(n.text) for n in p.names if n.quality not in ("weak", "low")]
    nq = [core_tokens(n.text) for n in q.names if n.quality not in ("weak", "low")]
    for a in np_:
        for b in nq:
            if not a or not b or a == b or sorted(a) == sorted(b):
                if a and b:
                    return True
                continue
            # One name inside the other, in order or not ("X" and "X Trading"; "AVIC Institute 625" and
            # "Institute 625"): a subsidiary, a branch or the same party written twice.
            if _contained(a, b) or _contained(b, a) or set(a) <= set(b) or set(b) <= set(a):
                return True
    return False


def negatives(entities: list[Entity], clusters: Clusters, vocab: Vocabulary, wanted: Counter,
              rng: random.Random) -> list[dict]:
    """`wanted[(source, class, half)]` negatives for each, drawn from four kinds of overlap in turn."""
    groups = defaultdict(list)
    for e in entities:
        if e.pairs_ok and e.primary:
            groups[(e.source, e.cls, clusters.half(e.key))].append(e)
    out = []
    for key in sorted(wanted):
        members = groups.get(key, [])
        if len(members) < 2:
            continue
        out.extend(_negatives_of(members, key, wanted[key], clusters, vocab, rng))
    return out


def _negatives_of(members: list[Entity], key, target: int, clusters: Clusters, vocab: Vocabulary,
                  rng: random.Random) -> list[dict]:
    source, cls, half = key
    candidates: dict[str, list[tuple[Entity, Entity]]] = {}
    # Same distinctive word (a surname, a brand, a rare word), and for organisations the same first word.
    by_word = defaultdict(list)
    by_first = defaultdict(list)
    by_place = defaultdict(list)
    for e in members:
        toks = core_tokens(e.primary)
        for t in set(toks):
            if vocab.distinctive(t):
                by_word[t].append(e)
            if t in vocab.places:
                by_place[t].append(e)
        if toks and cls != "person" and len(toks[0]) >= 3 and not vocab.generic(toks[0]):
            by_first[toks[0]].append(e)

    def pairs_in(groups) -> list[tuple[Entity, Entity]]:
        found = []
        for word in sorted(groups):
            g = groups[word]
            if len(g) < 2:
                continue
            for _ in range(min(3, len(g) - 1)):
                p, q = rng.sample(g, 2)
                found.append((p, q))
        rng.shuffle(found)
        return found

    candidates["shared_word"] = pairs_in(by_word)
    candidates["same_first_word"] = pairs_in(by_first) if cls != "person" else []
    # The same place and at least one generic word, and no distinctive word in common.
    place_pairs = []
    for p, q in pairs_in(by_place):
        tp, tq = set(core_tokens(p.primary)), set(core_tokens(q.primary))
        shared = tp & tq
        if any(vocab.generic(t) and t not in vocab.places for t in shared) and \
                not any(vocab.distinctive(t) for t in shared):
            place_pairs.append((p, q))
    candidates["place_and_generic"] = place_pairs
    # Near in spelling: same first three letters, Jaro-Winkler >= 0.90 over the names without legal forms.
    by_start = defaultdict(list)
    for e in members:
        core = " ".join(core_tokens(e.primary))
        if len(core) >= 5:
            by_start[core[:3]].append((core, e))
    near = []
    for k in sorted(by_start):
        g = by_start[k]
        if len(g) > 120:
            g = rng.sample(g, 120)
        for i, (fp, p) in enumerate(g):
            for fq, q in g[i + 1:]:
                if fp != fq and jaro_winkler(fp, fq) >= 0.90:
                    near.append((p, q))
    rng.shuffle(near)
    candidates["similar_spelling"] = near

    out, seen = [], set()
    # Cross-script negatives in the share of the positives' (a name of the second party in its other script).
    kinds = [k for k in ("shared_word", "same_first_word", "place_and_generic", "similar_spelling") if candidates[k]]
    cursor = {k: 0 for k in kinds}
    while len(out) < target and kinds:
        for kind in list(kinds):
            if len(out) >= target:
                break
            lst = candidates[kind]
            while cursor[kind] < len(lst):
                p, q = lst[cursor[kind]]
                cursor[kind] += 1
                pair = tuple(sorted((p.key, q.key)))
                if pair in seen or _same_party(p, q, clusters):
                    continue
                seen.add(pair)
                b = q.primary
                others = [n.text for n in q.names if n.role == "non_latin" or script_of(n.text) not in ("Latin", "")]
                if others and kind in ("shared_word", "same_first_word") and rng.random() < 0.3:
                    b = rng.choice(others)
                out.append({"a": p.primary, "b": b, "match": False, "class": cls, "source": source,
                            "script_a": script_of(p.primary), "script_b": script_of(b), "role": "",
                            "quality": "", "relation": kind, "kind": kind, "id_a": p.key, "id_b": q.key,
                            "half": half})
                break
            else:
                kinds.remove(kind)
    return out


def places_of(entities: list[Entity], lists) -> set[str]:
    """Place words: country names and the towns of the lists' addresses (OFAC add.csv city fields, UN cities, UK
    address towns), words of three letters or more seen at least twice. Read from the list files themselves."""
    import csv
    import xml.etree.ElementTree as ET

    words = Counter()
    with open(lists / "ofac_sdn/2022-01/add.csv", newline="", encoding="utf-8", errors="replace") as f:
        for r in csv.reader(f):
            if len(r) >= 5:
                city = r[3].split(",")[0]
                words.update(t for t in fold(city).split() if t.isalpha())
                words.update(fold(r[4]).split())
    root = ET.parse(lists / "un/UN_consolidated_2026-02-27.xml").getroot()
    for tag in ("CITY", "COUNTRY", "STATE_PROVINCE"):
        for x in root.iter(tag):
            words.update(fold(x.text or "").split())
    with open(lists / "uk/ofsi_conlist_2025-04-10.csv", newline="", encoding="utf-8") as f:
        next(f)
        for r in csv.DictReader(f):
            for col in ("Address 5", "Address 6", "Country", "Town of Birth"):
                words.update(fold(r[col]).split())
    return {w for w, n in words.items() if n >= 2 and len(w) >= 3 and w not in STOPWORDS and w.isalpha()}


def build(entities: list[Entity], clusters: Clusters, lists, rng: random.Random) -> tuple[list[dict], dict]:
    pos = positives(entities, clusters, rng)
    places = places_of(entities, lists)
    vocab = Vocabulary(entities, places)
    wanted = Counter((p["source"], p["class"], p["half"]) for p in pos)
    neg = negatives(entities, clusters, vocab, wanted, rng)
    # As many positives as negatives in each half (F1 depends on the ratio; the check has 1:1): the
    # positives are sampled down at random, keeping their mix of lists, classes and scripts.
    kept = []
    for half in ("tune", "heldout"):
        p = [r for r in pos if r["half"] == half]
        n = sum(1 for r in neg if r["half"] == half)
        kept += rng.sample(p, n) if n < len(p) else p
    pos = kept
    rows = pos + neg
    stats = {
        "alias_pairs": len(rows),
        "alias_pairs_match": len(pos),
        "alias_positives_by_relation": dict(sorted(Counter(p["relation"] for p in pos).items())),
        "alias_positives_by_source": dict(sorted(Counter(p["source"] for p in pos).items())),
        "alias_negatives_by_kind": dict(sorted(Counter(p["kind"] for p in neg).items())),
        "alias_pairs_by_half": dict(sorted(Counter(p["half"] for p in rows).items())),
        "place_words": len(places),
    }
    return rows, stats
