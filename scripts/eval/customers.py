"""Clean customers nobody here wrote, for the false-alarm rate against all shared lists loaded together (issue 13).

- Company names registered with the US SEC (`companies/sec_company_tickers_exchange_2025-08.json`).
- Person and company names from the locale tables of the PyPI package Faker (pinned in scripts/test.sh), written by
  its contributors for each language: persons in 30 locales in their own script (and romanised where Faker has a
  romanisation: Chinese, Japanese), companies in the non-English locales.

Each set is anti-joined against every name of every list file we hold (`anti_join`), so a name that is listed (or
nearly: the same words, a listed name of two words or more inside it, Jaro-Winkler >= 0.93 with a listed name that
starts with the same word) is not counted as a false alarm.
"""

from __future__ import annotations

from collections import defaultdict

from common import core_tokens, half_of, jaro_winkler, script_of

FAKER_VERSION = "40.54.0"
FAKER_SEED = 20261213
PERSON_LOCALES = ["en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "pl_PL",
                  "nl_NL", "tr_TR", "ru_RU", "uk_UA", "ar_SA", "ar_EG", "fa_IR", "zh_CN", "zh_TW", "ja_JP", "ko_KR",
                  "hi_IN", "he_IL", "hy_AM", "ka_GE", "el_GR", "vi_VN", "id_ID", "th_TH", "bn_BD"]
# Not fa_IR: its company table holds real Iranian listed companies (Calcimin, ...), some of them sanctioned under
# another spelling, which no anti-join by spelling can find.
COMPANY_LOCALES = ["de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "pl_PL", "nl_NL", "tr_TR", "ru_RU", "uk_UA",
                   "ja_JP", "zh_CN", "ko_KR", "el_GR", "hy_AM", "cs_CZ", "sv_SE", "fi_FI", "id_ID", "vi_VN",
                   "th_TH", "bn_BD", "fr_CH", "de_AT"]
PERSONS_PER_LOCALE = 300
COMPANIES_PER_LOCALE = 160


class AntiJoin:
    """Every listed name's keys, to drop customers who are (nearly) listed."""

    def __init__(self, listed: list[str]):
        self.keys, self.sorted_keys, self.by_first = set(), set(), defaultdict(set)
        for n in listed:
            t = core_tokens(n)
            if not t:
                continue
            k = " ".join(t)
            self.keys.add(k)
            self.sorted_keys.add(" ".join(sorted(t)))
            self.by_first[t[0]].add(k)
        self.multi = {k for k in self.keys if len(k.split()) >= 2}

    def listed(self, name: str) -> bool:
        t = core_tokens(name)
        if not t:
            return True
        k = " ".join(t)
        if k in self.keys or " ".join(sorted(t)) in self.sorted_keys:
            return True
        padded = f" {k} "
        same_first = self.by_first.get(t[0], ())
        if any(jaro_winkler(k, other) >= 0.93 for other in same_first):
            return True
        # A listed name of two words or more inside the customer's name, or the customer's name inside a listed one.
        if any(f" {m} " in padded for m in same_first if m in self.multi):
            return True
        if len(t) >= 2 and any(padded in f" {m} " for m in same_first):
            return True
        # A listed name of two words or more anywhere inside (not only at the start).
        toks = k.split()
        for i in range(1, len(toks)):
            for m in self.by_first.get(toks[i], ()):
                if m in self.multi and f" {m} " in padded:
                    return True
        return False


def faker_names() -> list[dict]:
    """Persons and companies from Faker's locale tables (deterministic: one seed per locale)."""
    from faker import Faker  # installed by scripts/test.sh (pip, pinned)

    rows = []
    for loc in PERSON_LOCALES:
        f = Faker(loc)
        f.seed_instance(FAKER_SEED)
        for i in range(PERSONS_PER_LOCALE):
            # Mostly as Faker writes a full name (titles and suffixes included, as customers write them), some
            # as given name and surname only.
            name = f.name() if i % 3 else f"{f.first_name()} {f.last_name()}"
            rows.append({"query": name, "kind": "person", "origin": f"faker:{loc}"})
            if hasattr(f, "romanized_name") and i % 2 == 0:
                rows.append({"query": f.romanized_name(), "kind": "person", "origin": f"faker:{loc}:romanized"})
    for loc in COMPANY_LOCALES:
        f = Faker(loc)
        f.seed_instance(FAKER_SEED)
        for _ in range(COMPANIES_PER_LOCALE):
            rows.append({"query": f.company(), "kind": "company", "origin": f"faker:{loc}"})
    return rows


def faker_version() -> str:
    try:
        import faker
    except ImportError:
        return ""
    return getattr(faker, "VERSION", "")


def build(sec_rows: list[dict], listed: list[str]) -> tuple[list[dict], dict]:
    """SEC company names and Faker persons and companies, anti-joined, de-duplicated, each with its script and a
    half (a hash of the name: the error listings show only the tune half)."""
    aj = AntiJoin(listed)
    rows = [{"query": str(r.get("name") or "").strip(), "kind": "company", "origin": "sec"} for r in sec_rows]
    have_faker = bool(faker_version())
    if have_faker:
        rows += faker_names()
    out, seen, dropped = [], set(), 0
    for r in rows:
        q = " ".join(r["query"].split())
        if not q or q.lower() in seen:
            continue
        seen.add(q.lower())
        if aj.listed(q):
            dropped += 1
            continue
        out.append({**r, "query": q, "script": script_of(q), "half": half_of("customer:" + q.lower())})
    stats = {
        "customers": len(out),
        "customers_dropped_as_listed": dropped,
        "customers_by_kind": {k: sum(1 for r in out if r["kind"] == k) for k in ("company", "person")},
        "faker_version": faker_version() or "not installed (persons and Faker companies skipped)",
    }
    return out, stats
