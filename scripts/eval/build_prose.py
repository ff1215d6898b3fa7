#!/usr/bin/env python3
"""Builds the "listed names written into prose" evaluation of issue 14 at run time from the real lists in
../shared/lists.

Writes into OUT_DIR (default target/prose/, never committed):
  prose.jsonl    one text per line: a listed name written into ordinary order prose (an e-mail body, a signature
                 block under "Title, Company", a letterhead, "they will be forwarded to X in Y", "(X, City)",
                 "the order is for our client, X, City (Country). Payment by LC.", a chat, a pasted row, Russian,
                 German, French, Spanish and Turkish sentences...), and its twin: the same template, place and
                 goods with a clean name (an SEC-registered company on no list, or an invented but ordinary name)
  manifest.json  seed, the list files the runner must load, the template families and which are held out, counts

Each listed text names the entry it must be found on (`expected`: the name as the list publishes it, with the
list it comes from). Names are drawn from the CSL, the OFAC SDN list, the UN, UK (OFSI), EU (journal annexes,
kept only when a list the runner loads also carries the name) and OpenSanctions lists, companies and persons.

Half of the template families are held out (chosen with the seed; `heldout: true`): the runner reports them
apart, and nobody tunes the parser on them.

Python 3.11 standard library only; deterministic (fixed seed, sorted inputs); self-contained (small readers of its
own, independent of the project's parsers and of the other evaluation scripts).

Usage: python3 scripts/eval/build_prose.py [OUT_DIR] [--lists DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_LISTS, ROOT, core_tokens, fold, read_sec, real_lists  # noqa: E402

SEED = 20261124
CSL_FILE = "us_csl/consolidated_2022-04.csv"
PER_TEMPLATE = 14  # listed texts per template family (and as many clean twins)

# The files the runner loads into one Screener (paths under the lists folder). Names are drawn only from these,
# so that "found on the right entry" is decidable.
LOADED = real_lists()  # benches/shared/lists.txt
EU_FILES = ["eu_journal_sanctions/32014R0833.csv", "eu_journal_sanctions/32014R0269.csv",
            "eu_journal_sanctions/32012R0267.csv", "eu_journal_sanctions/32017R1509.csv"]

csv.field_size_limit(1 << 24)


# ----------------------------------------------------------------------------------------------------------------
# Small text helpers and readers
# ----------------------------------------------------------------------------------------------------------------

def person_natural_order(name: str) -> str:
    """"SURNAME, Given Names" -> "Given Names Surname" (how a person signs an order)."""
    if ", " in name:
        last, given = name.split(", ", 1)
        return f"{given} {last.title() if last.isupper() else last}"
    return name


ORG_HINTS = set("""co company corp corporation inc ltd limited llc gmbh ag sa jsc ojsc ao oao ooo pjsc fze fzco
group trading industries industrial technology technologies institute university academy bank enterprise
enterprises international services factory plant center centre engineering electronics aviation organization
organisation laboratory systems shipping holding holdings association bureau ministry department""".split())


def read_csl(lists: Path) -> list[SimpleNamespace]:
    """The CSL rows: id, source, kind, name, aliases, first city and country of the addresses."""
    out = []
    with open(lists / CSL_FILE, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = " ".join(row["name"].split())
            aliases = [a[4:] if a.startswith("and ") else a for a in (" ".join(x.split()) for x in
                                                                      row["alt_names"].split("; ")) if a]
            kind = {"Individual": "person", "Entity": "organization"}.get(row["type"].strip(), "")
            if not kind and row["type"].strip() in ("", "Entity"):
                kind = "organization" if set(fold(name).split()) & ORG_HINTS else ""
            city = country = ""
            for a in (x.strip() for x in row["addresses"].split("; ") if x.strip()):
                parts = [p.strip() for p in a.split(",")]
                if re.fullmatch(r"[A-Z]{2}", parts[-1]):
                    country = country or parts[-1]
                    city = city or next((p for p in reversed(parts[:-1]) if p and not re.search(r"\d", p)), "")
            out.append(SimpleNamespace(id=row["_id"].strip(), source=row["source"].strip(), kind=kind, name=name,
                                       aliases=aliases, city=city, country=country))
    return out


# ----------------------------------------------------------------------------------------------------------------
# Countries (names from the project's ISO 3166 table; only the first English name is used)
# ----------------------------------------------------------------------------------------------------------------

def country_names() -> dict[str, str]:
    data = tomllib.loads((ROOT / "src/data/countries.toml").read_text(encoding="utf-8"))
    return {c["code"]: c["names"][0] for c in data.get("country", []) if c.get("names")}


COUNTRY: dict[str, str] = {}
NAME_TO_CODE: dict[str, str] = {}


def code_of(country: str) -> str:
    c = country.strip()
    if len(c) == 2 and c.upper() in COUNTRY:
        return c.upper()
    return NAME_TO_CODE.get(fold(c), "")


# ----------------------------------------------------------------------------------------------------------------
# Targets: one listed party with the name to write and where it is
# ----------------------------------------------------------------------------------------------------------------

class Target:
    def __init__(self, name: str, kind: str, source: str, city: str = "", country: str = ""):
        self.name = " ".join(name.split())
        self.kind = kind  # "person" | "organization"
        self.source = source
        self.city = city.strip()
        self.country = country  # ISO-2 or ""

    def key(self) -> str:
        return fold(self.name)


LEGAL_TAIL = re.compile(r"[ ,]+(co\.?,? ?ltd\.?|company limited|limited|ltd\.?|llc|l\.l\.c\.|inc\.?|corp\.?|"
                        r"corporation|gmbh|jsc|ojsc|pjsc|cjsc|fze|fzco|pvt\.? ltd\.?|private limited|s\.a\.|sa)$", re.I)


def usable(name: str, kind: str) -> bool:
    """Names an order could plausibly carry and a reader can check: no compound Entity List rows, no prose
    aliases, not too short or too long, enough distinctive letters."""
    if not name or len(name) > 70 or len(name) < 6:
        return False
    low = name.lower()
    if any(w in low for w in ("subordinate", "a.k.a", "f.k.a", "formerly", "(see", ";", "http", "vessel", "imo ",
                              ", and ", "successor", "sub-unit", " its ")):
        return False
    if re.search(r"\d{3,}", name):  # vessel numbers, addresses, registration numbers
        return False
    if not re.search(r"[A-Za-z]", name) or re.search(r"[\u0400-\u04ff\u4e00-\u9fff\u0600-\u06ff]", name):
        return False
    core = [t for t in core_tokens(name) if len(t) >= 3]
    return len(core) >= 2 if kind == "organization" else len(core) >= 2 and len(core) <= 4


def read_un(lists: Path) -> list[Target]:
    out = []
    root = ET.parse(lists / "un/UN_consolidated_2026-02-27.xml").getroot()
    for e in root.iter():
        if e.tag not in ("INDIVIDUAL", "ENTITY"):
            continue
        parts = [e.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        name = " ".join(p.strip() for p in parts if p and p.strip())
        addr = e.find("ENTITY_ADDRESS") if e.tag == "ENTITY" else e.find("INDIVIDUAL_ADDRESS")
        city = (addr.findtext("CITY") or "") if addr is not None else ""
        country = code_of((addr.findtext("COUNTRY") or "") if addr is not None else "")
        out.append(Target(name, "person" if e.tag == "INDIVIDUAL" else "organization", "UN", city, country))
    return out


def read_sdn(lists: Path, csl_places: dict[str, tuple[str, str]]) -> list[Target]:
    out = []
    with open(lists / "ofac_sdn/2024-05-03/sdn.csv", newline="", encoding="utf-8") as f:
        for r in csv.reader(f):
            if len(r) < 4:
                continue
            kind = {"individual": "person", "-0- ": "organization", "-0-": "organization"}.get(r[2].strip() or r[2])
            if r[2].strip() == "-0-":
                kind = "organization"
            if kind not in ("person", "organization"):
                continue
            city, country = csl_places.get(r[0].strip(), ("", ""))
            out.append(Target(r[1], kind, "OFAC SDN", city, country))
    return out


def read_uk(lists: Path) -> list[Target]:
    out = []
    with open(lists / "uk/ofsi_conlist_2025-04-10.csv", newline="", encoding="utf-8") as f:
        next(f)
        for r in csv.DictReader(f):
            if r["Alias Type"] != "Primary name" or r["Group Type"] not in ("Individual", "Entity"):
                continue
            if r["Group Type"] == "Entity":
                name = r["Name 6"]
            else:
                given = " ".join(x for x in [r["Name 1"], r["Name 2"], r["Name 3"]] if x.strip())
                name = f"{r['Name 6']}, {given}" if given else r["Name 6"]
            city = next((r[k] for k in ("Address 6", "Address 5", "Address 4") if r[k].strip()
                         and not re.search(r"\d", r[k])), "")
            out.append(Target(name, "person" if r["Group Type"] == "Individual" else "organization", "UK",
                              city, code_of(r["Country"])))
    return out


def read_opensanctions(lists: Path) -> list[Target]:
    out = []
    path = lists / "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv"
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kind = {"Person": "person", "Company": "organization", "LegalEntity": "organization",
                    "Organization": "organization"}.get(r["schema"])
            if not kind:
                continue
            country = (r["countries"].split(";")[0] or "").upper()
            out.append(Target(r["name"], kind, "OpenSanctions", "", country if country in COUNTRY else ""))
    return out


def read_eu(lists: Path, loaded: set[str]) -> list[Target]:
    out = []
    for rel in EU_FILES:
        with open(lists / rel, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                kind = {"Person": "person", "LegalEntity": "organization", "Organization": "organization",
                        "Company": "organization"}.get(r["schema"])
                if kind and fold(r["name"]) in loaded:
                    out.append(Target(r["name"], kind, "EU", "", code_of(r["country"].split(";")[0])))
    return out


def loaded_names(lists: Path) -> set[str]:
    """Folded names and aliases of the lists the runner loads (approximately: the readers of build_eval)."""
    names = set()
    for p in read_csl(lists):
        names.add(fold(p.name))
        names.update(fold(a) for a in p.aliases)
    for t in read_un(lists) + read_uk(lists):
        names.add(fold(t.name))
    with open(lists / "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv", newline="",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names.add(fold(r["name"]))
            names.update(fold(a) for a in r["aliases"].split(";") if a)
    with open(lists / "ofac_sdn/2024-05-03/sdn.csv", newline="", encoding="utf-8") as f:
        names.update(fold(r[1]) for r in csv.reader(f) if len(r) > 1)
    return names


# ----------------------------------------------------------------------------------------------------------------
# How an order writes the name
# ----------------------------------------------------------------------------------------------------------------

KEEP_UPPER = {"LLC", "JSC", "OOO", "AO", "PJSC", "OJSC", "CJSC", "FZE", "FZCO", "UK", "USA", "PLC", "LLP", "NPO",
              "NPP", "NPK", "ZAO", "OAO", "PAO", "TOO", "TOV", "SA", "AG", "KG", "BV", "NV", "JV", "SPA"}


def title_case(s: str) -> str:
    """An upper-case listed name as a letter would write it: "KOREA RYONBONG GENERAL CORPORATION" -> "Korea
    Ryonbong General Corporation"; legal-form acronyms stay in capitals, quotes and hyphens are kept."""
    def word(w: str) -> str:
        bare = re.sub(r"[^A-Za-z]", "", w)
        if not w.isupper() or bare in KEEP_UPPER or len(bare) <= 1:
            return w
        if bare in ("LTD", "GMBH"):
            return w.replace("LTD", "Ltd").replace("GMBH", "GmbH")
        return re.sub(r"[A-Za-z]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), w)
    return " ".join(word(w) for w in s.split())


def written(t: Target, rng: random.Random) -> tuple[str, str]:
    """The name as an order writes it, and the form used."""
    if t.kind == "person":
        natural = person_natural_order(t.name)
        natural = title_case(natural) if natural.isupper() or natural == t.name and t.name.isupper() else natural
        return (natural, "given-first") if natural != t.name else (t.name, "as-listed")
    choice = rng.random()
    if choice < 0.45:
        return t.name, "as-listed"
    if choice < 0.8 and t.name.isupper():
        return title_case(t.name), "title-case"
    m = LEGAL_TAIL.search(t.name)
    if m and len(core_tokens(t.name[:m.start()])) >= 2:
        base = t.name[:m.start()].rstrip(" ,")
        return (title_case(base) if base.isupper() else base), "legal-form-dropped"
    return (title_case(t.name) if t.name.isupper() else t.name), "title-case"


# ----------------------------------------------------------------------------------------------------------------
# Clean names
# ----------------------------------------------------------------------------------------------------------------

ORD_PLACES = ["Northfield", "Lakeside", "Riverbend", "Westbrook", "Hillcrest", "Eastgate", "Harbourview", "Oakridge",
              "Silverdale", "Greenway", "Stonebridge", "Maplewood", "Kaveri", "Tarsus", "Sahel", "Andes", "Baltic",
              "Danube", "Pampas", "Savanna", "Meridian", "Coastal", "Summit", "Valley"]
ORD_TRADES = ["Pump Services", "Agro Traders", "Hospital Supplies", "Office Furniture", "Food Distribution",
              "Textile Mills", "Building Materials", "Auto Parts", "Dairy Products", "Printing Works",
              "Water Engineering", "Garden Centre", "Bakery Equipment", "Paper Products", "Hotel Supplies"]
ORD_FORMS = ["Ltd", "Limited", "GmbH", "S.A.", "LLC", "Pvt Ltd", "B.V.", "S.r.l.", "A.S.", "Co., Ltd."]
FIRST = ["John", "Maria", "Peter", "Anna", "David", "Laura", "Thomas", "Sofia", "Michael", "Elena", "Daniel",
         "Sarah", "Paul", "Julia", "Mark", "Clara", "Oliver", "Nina", "Lukas", "Emma", "Carlos", "Ines", "Kenji",
         "Amara", "Ravi", "Leila", "Tomasz", "Hanna"]
LAST = ["Miller", "Schneider", "Rossi", "Dubois", "Novak", "Jensen", "Fischer", "Moreau", "Santos", "Kowalski",
        "Bauer", "Lindqvist", "Okafor", "Tanaka", "Mendes", "Varga", "Horvath", "Costa", "Becker", "Murphy",
        "Nieminen", "Dijkstra", "Silva", "Andersen"]

TITLES = ["Purchase Manager", "Procurement Officer", "Managing Director", "Head of Logistics", "Sales Director"]


def clean_pool(lists: Path, listed_all: list[str], rng: random.Random, n_org: int, n_person: int):
    listed_keys = {fold(n) for n in listed_all}
    listed_cores = {frozenset(core_tokens(n)) for n in listed_all}
    listed_tokens = Counter(t for n in listed_all for t in set(core_tokens(n)))

    def clean(name: str) -> bool:
        core = frozenset(core_tokens(name))
        return bool(core) and fold(name) not in listed_keys and core not in listed_cores

    sec = sorted({" ".join(r["name"].split()) for r in read_sec(lists)})
    sec = [s for s in sec if usable(s, "organization") and clean(s)]
    rng.shuffle(sec)
    orgs = []
    half = n_org // 2
    orgs += [(s, "sec") for s in sec[:half]]
    invented = set()
    while len(invented) < n_org - half:
        name = f"{rng.choice(ORD_PLACES)} {rng.choice(ORD_TRADES)} {rng.choice(ORD_FORMS)}"
        if clean(name):
            invented.add(name)
    orgs += [(s, "invented") for s in sorted(invented)]
    people = set()
    while len(people) < n_person:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        # A listed person sharing both parts would make this twin a real alert, not a false one.
        if clean(name) and not (listed_tokens[fold(name).split()[-1]] > 50 and fold(name) in listed_keys):
            people.add(name)
    return orgs, [(p, "invented") for p in sorted(people)]


# ----------------------------------------------------------------------------------------------------------------
# Templates: family, language, the kinds of target it takes, and the text
# ----------------------------------------------------------------------------------------------------------------

def place_of(t: Target) -> tuple[str, str]:
    country = COUNTRY.get(t.country, "")
    return (t.city or country), country


def T(family, language, kinds, fn):
    return {"family": family, "language": language, "kinds": kinds, "fn": fn}


def _in(city):
    return f" in {city}" if city else ""


TEMPLATES = [
    T("email-body", "en", ("organization", "person"), lambda n, c, k, f: (
        f"Dear Sir,\n\nWe are writing on behalf of {n}{_in(c)}. Please quote 20 pcs pressure transmitters "
        f"and 10 pcs flow meters, delivery CIF.\n\nRegards,\n{f['person']}")),
    T("signature-title-company", "en", ("organization", "person"), lambda n, c, k, f: (
        "Dear Sirs,\nplease send your offer for 4 units vacuum pumps with controllers.\n\nBest regards,\n"
        + (f"{f['person']}\n{f['title']}, {n}\n{c}" if k == "organization" else
           f"{n}\n{f['title']}, {f['company']}\n{c}"))),
    T("letterhead", "en", ("organization",), lambda n, c, k, f: (
        f"{n.upper()}\n{c}\nTel. +00 000 000 0000\n\nRef. 2026/117\n\nDear Sirs,\n"
        "we would like to order 6 units CNC lathes with standard accessories. Please send your proforma invoice.\n\n"
        "Procurement Department")),
    T("forwarded-to", "en", ("organization", "person"), lambda n, c, k, f: (
        "Hello,\nthe goods will be packed in our warehouse and then they will be forwarded to "
        f"{n}{_in(c)}.\nPlease quote 12 servo drives 5 kW.\nThanks")),
    T("parenthetical", "en", ("organization",), lambda n, c, k, f: (
        f"Hi,\nplease ship the 40 bearings to our partner ({n}{', ' + c if c else ''}) by air, we pay the "
        "freight.\nBest")),
    T("client-sentence", "en", ("organization",), lambda n, c, k, f: (
        "Dear Sir,\n\nPlease send your proforma for 2 sets of vacuum brazing furnaces. The order is for our client, "
        f"{n}{', ' + f['city'] if f['city'] else ''}{' (' + f['country'] + ')' if f['country'] else ''}. "
        "Payment by LC.\n\nThanks and regards,\nExport desk")),
    T("russian-customer", "ru", ("organization",), lambda n, c, k, f: (
        "Добрый день!\nПросим поставить 10 центробежных насосов для нашего заказчика "
        f"{n}{' (' + c + ')' if c else ''}. Оплата по факту поставки.\nС уважением")),
    T("german-customer", "de", ("organization",), lambda n, c, k, f: (
        "Sehr geehrte Damen und Herren,\nbitte bieten Sie uns 8 Frequenzumrichter 11 kW an. Die Ware ist für "
        f"unseren Kunden {n}{' in ' + c if c else ''} bestimmt.\nMit freundlichen Grüßen")),
    T("french-client", "fr", ("organization",), lambda n, c, k, f: (
        "Bonjour,\nmerci de nous coter 15 capteurs de pression. La marchandise est destinée à notre client "
        f"{n}{', ' + c if c else ''}.\nCordialement")),
    T("chat-customer", "en", ("organization", "person"), lambda n, c, k, f: (
        "[09:12] Ali: salam, need 30 pcs servo motors 1.5 kW\n"
        f"[09:13] Ali: customer is {n}{', ' + c if c else ''}\n[09:14] Ali: payment cash ok")),
    T("person-collects", "en", ("person",), lambda n, c, k, f: (
        f"Dear Sir,\nMr {n}{' from ' + c if c else ''} will collect the 5 oscilloscopes at your warehouse on "
        "Monday. Please prepare the invoice in his name.\nRegards")),
    T("pasted-row", "en", ("organization", "person"), lambda n, c, k, f: (
        f"Customer\tCity\tItem\tQty\n{n}\t{c}\tHydraulic pump 20 kW\t10\n")),
    T("we-statement", "en", ("organization",), lambda n, c, k, f: (
        f"END-USER STATEMENT\n\nWe, {n}{', ' + c if c else ''}, certify that the 6 data loggers will be used in "
        "our own facility and will not be re-exported.\n\nSigned, Director")),
    T("inline-consignee", "en", ("organization",), lambda n, c, k, f: (
        f"Please invoice us and ship to the consignee, {n}{_in(c)}, as soon as possible; we need 100 m "
        "stainless steel tube 12 mm.")),
    T("spanish-client", "es", ("organization",), lambda n, c, k, f: (
        "Buenos días:\nsolicitamos cotización de 20 válvulas de bola de 2 pulgadas. El cliente final es "
        f"{n}{', ' + c if c else ''}.\nSaludos")),
    T("turkish-end-user", "tr", ("organization",), lambda n, c, k, f: (
        "Merhaba,\n50 adet rulman için fiyat teklifi rica ederiz. Nihai kullanıcı "
        f"{n}{' (' + c + ')' if c else ''} firmasıdır.\nSaygılarımızla")),
]


def tidy(text: str) -> str:
    """A name ending in "Inc." before a full stop: one full stop, as a writer would."""
    return re.sub(r"(?<=\w)\.\.(?!\.)", ".", text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "target/prose"))
    ap.add_argument("--lists", default=str(DEFAULT_LISTS))
    args = ap.parse_args()
    lists, out = Path(args.lists), Path(args.out)
    if not lists.is_dir():
        print(f"build_prose: {lists} not found", file=sys.stderr)
        return 1
    COUNTRY.update(country_names())
    NAME_TO_CODE.update({fold(v): k for k, v in COUNTRY.items()})
    rng = random.Random(SEED)

    # Listed targets, by source.
    csl = read_csl(lists)
    csl_places = {}
    targets: list[Target] = []
    for p in csl:
        csl_places[p.id] = (p.city, p.country)
        if p.kind in ("person", "organization"):
            src = "CSL " + (p.source.split(" (")[1].split(")")[0] if " (" in p.source else p.source)
            targets.append(Target(p.name, p.kind, src, p.city, p.country))
    targets += read_sdn(lists, csl_places) + read_un(lists) + read_uk(lists) + read_opensanctions(lists)
    loaded = loaded_names(lists)
    targets += read_eu(lists, loaded)
    seen, pool = set(), {"person": [], "organization": []}
    for t in targets:
        if usable(t.name, t.kind) and t.key() not in seen and t.key() in loaded:
            seen.add(t.key())
            pool[t.kind].append(t)
    for k in pool:
        pool[k].sort(key=lambda t: (t.source, t.key()))
        rng.shuffle(pool[k])

    # Spread over sources: take round-robin by source from the shuffled pool.
    def draw(kind: str, n: int) -> list[Target]:
        by_src: dict[str, list[Target]] = {}
        for t in pool[kind]:
            by_src.setdefault(t.source, []).append(t)
        order = sorted(by_src)
        picked: list[Target] = []
        while len(picked) < n and any(by_src.values()):
            for s in order:
                if by_src[s] and len(picked) < n:
                    picked.append(by_src[s].pop())
        for t in picked:
            pool[kind].remove(t)
        return picked

    families = [t["family"] for t in TEMPLATES]
    held = set(random.Random(SEED + 1).sample(sorted(families), len(families) // 2))
    slots = []  # (template, kind)
    for tpl in TEMPLATES:
        for i in range(PER_TEMPLATE):
            kinds = tpl["kinds"]
            kind = "person" if kinds == ("person",) else ("person" if "person" in kinds and i % 2 == 1
                                                           else "organization")
            slots.append((tpl, kind))
    need = Counter(k for _, k in slots)
    chosen = {k: draw(k, need[k]) for k in need}
    all_listed = [t.name for t in targets] + [a for p in csl for a in p.aliases]
    clean_orgs, clean_people = clean_pool(lists, all_listed, rng, need["organization"], need["person"])
    filler_people = [p for p, _ in clean_pool(lists, all_listed, random.Random(SEED + 2), 1, 40)[1]]
    filler_orgs = [o for o, _ in clean_pool(lists, all_listed, random.Random(SEED + 3), 40, 1)[0]]

    out.mkdir(parents=True, exist_ok=True)
    rows = []
    idx = Counter()
    for n_slot, (tpl, kind) in enumerate(slots):
        target = chosen[kind][idx[kind]]
        clean_name, clean_origin = (clean_orgs if kind == "organization" else clean_people)[idx[kind]]
        idx[kind] += 1
        city, country = place_of(target)
        fill = {"person": filler_people[n_slot % len(filler_people)], "company": filler_orgs[n_slot % len(filler_orgs)],
                "title": TITLES[n_slot % len(TITLES)], "city": target.city, "country": country}
        name, form = written(target, rng)
        common = {"family": tpl["family"], "language": tpl["language"], "heldout": tpl["family"] in held,
                  "kind": kind}
        rows.append({**common, "id": f"L{n_slot:04d}", "listed": True, "text": tidy(tpl["fn"](name, city, kind, fill)),
                     "expected": target.name, "source": target.source, "form": form})
        rows.append({**common, "id": f"C{n_slot:04d}", "listed": False,
                     "text": tidy(tpl["fn"](clean_name, city, kind, fill)), "clean_origin": clean_origin})
    with open(out / "prose.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    manifest = {
        "seed": SEED,
        "lists_dir": str(lists),
        "load": LOADED,
        "families": families,
        "heldout_families": sorted(held),
        "listed": sum(r["listed"] for r in rows),
        "clean": sum(not r["listed"] for r in rows),
        "by_source": dict(sorted(Counter(r["source"] for r in rows if r["listed"]).items())),
        "notes": [
            "Each listed text carries one real listed name (primary name as the list publishes it), written "
            "as-listed, in title case, without its trailing legal form, or (persons) given name first.",
            "Each clean twin has the same template, place and goods with a name on no list we hold (SEC company "
            "names anti-joined against every list file, or invented ordinary names).",
            "EU names are kept only when a loaded list also carries them (the runner cannot load the EU journal "
            "extractions).",
        ],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"build_prose: {manifest['listed']} listed and {manifest['clean']} clean texts in {out} "
          f"({len(held)} of {len(families)} template families held out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
