"""The CSL parties and the rewrites of their names that order documents make (issue 4): typos, legal forms written
differently, abbreviations, "M/s", transliterations, word order, partial names, acronyms, "&"/"and", joined or split
tokens, case and punctuation. Written from general knowledge of how names are spelt, not from the matcher's tables.
Used by `generated.py` to build the rewrite pairs and the list queries."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from common import LEGAL_WORDS, fold

CSL_FILE = "us_csl/consolidated_2022-04.csv"

csv.field_size_limit(1 << 24)


# ----------------------------------------------------------------------------------------------------------------
# Readers
# ----------------------------------------------------------------------------------------------------------------
# Readers
# ----------------------------------------------------------------------------------------------------------------

class Party:
    """One CSL row: its id, list, kind, primary name and aliases."""

    def __init__(self, row: dict):
        self.id = row["_id"].strip()
        self.source = row["source"].strip()
        self.type = row["type"].strip()
        self.name = " ".join(row["name"].split())
        aliases = []
        for a in row["alt_names"].split("; "):
            a = " ".join(a.split())
            a = a[4:] if a.startswith("and ") else a  # Entity List aliases written as prose ("...; and X")
            if a and a != self.name:
                aliases.append(a)
        self.aliases = aliases
        self.addresses = [a.strip() for a in row["addresses"].split("; ") if a.strip()]
        self.countries = sorted({a.rsplit(", ", 1)[-1] for a in self.addresses if re.fullmatch(r".*\b[A-Z]{2}", a)}
                                | {c for c in row["nationalities"].split("; ") if len(c) == 2})
        self.dob = row["dates_of_birth"].strip()
        self.kind = {"Individual": "person", "Vessel": "vessel", "Aircraft": "aircraft"}.get(self.type, "")
        if not self.kind:
            self.kind = "organization" if self.type == "Entity" or looks_like_org(self.name) else "unknown"

    @property
    def country(self) -> str:
        return self.countries[0] if self.countries else ""

    def cities(self) -> set[str]:
        out = set()
        for a in self.addresses:
            parts = [p.strip() for p in a.split(",")]
            # "..., City, [postcode,] CC": the last part that is neither the country code nor a number.
            for p in reversed(parts[:-1]):
                if p and not re.search(r"\d", p):
                    out.add(fold(p))
                    break
        return out


ORG_HINTS = set("""co company corp corporation inc ltd limited llc gmbh ag sa jsc ojsc ao oao ooo pjsc fze fzco
group trading industries industrial technology technologies institute university academy bank enterprise
enterprises international services factory plant center centre engineering electronics aviation organization
organisation laboratory systems shipping holding holdings association bureau ministry department""".split())


def looks_like_org(name: str) -> bool:
    return bool(set(fold(name).split()) & ORG_HINTS)


def read_csl(lists: Path) -> list[Party]:
    with open(lists / CSL_FILE, newline="", encoding="utf-8") as f:
        return [Party(row) for row in csv.DictReader(f)]


# ----------------------------------------------------------------------------------------------------------------
# Transformations: each takes a name (and its party, for country and kind) and returns a variant, or None when it
# does not apply. Every one imitates a way real order documents write a listed name.
# ----------------------------------------------------------------------------------------------------------------

# Neighbouring keys on a QWERTY keyboard: typing slips land on these.
QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS: dict[str, str] = {}
for r, row in enumerate(QWERTY):
    for c, ch in enumerate(row):
        near = [row[c - 1] if c > 0 else "", row[c + 1] if c + 1 < len(row) else ""]
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(QWERTY):
                near += [QWERTY[rr][k] for k in (c - 1, c, c + 1) if 0 <= k < len(QWERTY[rr])]
        NEIGHBOURS[ch] = "".join(n for n in near if n)


def _tokens(name: str) -> list[str]:
    return name.split(" ")


def _match_case(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _word_positions(name: str, min_len: int) -> list[int]:
    """Indexes of the alphabetic tokens of at least min_len letters."""
    return [i for i, t in enumerate(_tokens(name)) if len(t) >= min_len and t.isalpha()]


def t_typo(name, party, rng):
    """One keyboard slip in one word of five letters or more: a neighbouring key, a dropped letter, a doubled
    letter or an extra neighbouring key. Never the first letter (people rarely get it wrong) and never digits."""
    pos = _word_positions(name, 5)
    if not pos:
        return None
    toks = _tokens(name)
    i = rng.choice(pos)
    w = toks[i]
    k = rng.randrange(1, len(w))
    ch = w[k].lower()
    kind = rng.choice(["substitute", "delete", "double", "insert"])
    if kind == "substitute" and ch in NEIGHBOURS:
        rep = rng.choice(NEIGHBOURS[ch])
        w = w[:k] + (rep.upper() if w[k].isupper() else rep) + w[k + 1:]
    elif kind == "delete":
        w = w[:k] + w[k + 1:]
    elif kind == "double":
        w = w[:k] + w[k] + w[k:]
    elif ch in NEIGHBOURS:
        rep = rng.choice(NEIGHBOURS[ch])
        w = w[:k] + (rep.upper() if w[k].isupper() else rep) + w[k:]
    else:
        return None
    toks[i] = w
    return " ".join(toks)


def t_transposition(name, party, rng):
    """Two adjacent letters swapped inside a word of four letters or more (not the first letter)."""
    pos = _word_positions(name, 4)
    if not pos:
        return None
    toks = _tokens(name)
    i = rng.choice(pos)
    w = toks[i]
    k = rng.randrange(1, len(w) - 1)
    if w[k].lower() == w[k + 1].lower():
        return None
    toks[i] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    return " ".join(toks)


# Legal forms as written at the end of names, with the other ways the same form is written in the same country.
# A form is only replaced by an equivalent of its own family (a Chinese "Co., Ltd." never becomes a GmbH).
SUFFIX_FORMS = [
    (r"co\.?,? ?ltd\.?|company limited|co\.?,? limited|company ltd\.?",
     ["Co., Ltd.", "Co Ltd", "Company Limited", "Co., Limited", "Co. Ltd", "Ltd."]),
    (r"\(pvt\.?\) ?ltd\.?|\(private\) limited|pvt\.? ltd\.?|private limited|\(pvt\) limited",
     ["(Pvt.) Ltd.", "Pvt Ltd", "(Private) Limited", "Private Limited", "(Pvt) Ltd"]),
    (r"limited liability company|l\.l\.c\.?|llc|ooo", ["LLC", "Limited Liability Company", "L.L.C.", "OOO"]),
    (r"open joint stock company|joint stock company|closed joint stock company|ojsc|cjsc|pjsc|jsc|oao|zao|pao|ao",
     ["JSC", "Joint Stock Company", "AO", "OJSC", "PJSC"]),
    (r"gmbh|g\.m\.b\.h\.?", ["GmbH", "G.m.b.H.", "Gesellschaft mit beschrankter Haftung"]),
    (r"s\.? ?a\.? de c\.? ?v\.?", ["S.A. de C.V.", "SA de CV", "S.A. DE C.V."]),
    (r"fze|fzco|fz-llc|fzc", ["FZE", "FZCO", "FZ-LLC", "FZC"]),
    (r"sdn\.? bhd\.?", ["Sdn. Bhd.", "Sdn Bhd", "SDN BHD"]),
    (r"pte\.? ltd\.?", ["Pte. Ltd.", "Pte Ltd", "Private Limited"]),
    (r"corporation|corp\.?", ["Corporation", "Corp.", "Corp"]),
    (r"incorporated|inc\.?", ["Inc.", "Inc", "Incorporated"]),
    (r"limited|ltd\.?", ["Limited", "Ltd.", "Ltd"]),
    (r"company|co\.?", ["Company", "Co.", "Co"]),
    (r"s\.?r\.?l\.?", ["S.R.L.", "SRL", "S.r.l."]),
    (r"s\.?a\.?", ["S.A.", "SA"]),
]
SUFFIX_RES = [(re.compile(r"^(?P<base>.*?)[ ,]+(?P<form>" + pat + r")$", re.I), alts) for pat, alts in SUFFIX_FORMS]
# Russian-style forms written in front of the name ("OOO NPK Optolink", "AO Izumrud").
PREFIX_FORM_RE = re.compile(r"^(?P<form>ooo|oao|zao|pao|ao|jsc|ojsc|cjsc|pjsc|llc|tov|too)\s+(?P<base>.+)$", re.I)
PREFIX_ALTS = {"ooo": ["LLC", "OOO"], "llc": ["LLC", "OOO"], "tov": ["LLC"], "too": ["LLP"],
               "ao": ["JSC", "AO"], "jsc": ["JSC", "AO"], "oao": ["OJSC", "JSC"], "ojsc": ["OJSC", "JSC"],
               "zao": ["CJSC", "JSC"], "cjsc": ["CJSC", "ZAO"], "pao": ["PJSC", "PAO"], "pjsc": ["PJSC", "PAO"]}
# The legal form an order would add to a bare name, by the party's country.
ADDED_FORM = {"CN": ["Co., Ltd.", "Co Ltd", "Limited"], "HK": ["Limited", "Co., Limited"],
              "PK": ["(Pvt) Ltd", "Private Limited", "Pvt. Ltd."], "IN": ["Pvt. Ltd.", "Private Limited"],
              "AE": ["LLC", "FZE", "FZCO", "L.L.C."], "RU": ["LLC", "OOO", "JSC", "AO"], "BY": ["OAO", "JSC"],
              "IR": ["Co.", "Company", "Co. Ltd."], "DE": ["GmbH"], "MX": ["S.A. de C.V."], "TR": ["Ltd. Sti."],
              "MY": ["Sdn. Bhd."], "SG": ["Pte. Ltd."], "US": ["Inc.", "LLC", "Corp."]}


# Bodies that are not companies and never carry a company form (a university is not "Co., Ltd.").
INSTITUTIONS = set("""university institute academy ministry bureau department center centre laboratory hospital
school college army force forces party organization organisation commission committee council government agency
administration corps brigade front movement foundation association union authority navy guard""".split())


def split_legal_form(name: str):
    """(base, form, family alternatives, position) of a name's legal form, or None."""
    m = PREFIX_FORM_RE.match(name)
    if m:
        return m.group("base"), m.group("form"), PREFIX_ALTS.get(m.group("form").lower(), ["LLC"]), "prefix"
    for rx, alts in SUFFIX_RES:
        m = rx.match(name)
        if m and len(m.group("base").split()) >= 1 and m.group("base").strip():
            return m.group("base").rstrip(" ,"), m.group("form"), alts, "suffix"
    return None


def t_legal_form(name, party, rng):
    """The legal form written another way (Co., Ltd. / Company Limited; OOO / LLC, moved from front to back; (Pvt.)
    Ltd. / Private Limited), dropped, or added where the listing has none (the form usual in the party's country)."""
    if party.kind not in ("organization", "unknown"):
        return None
    lf = split_legal_form(name)
    if lf:
        base, form, alts, position = lf
        choice = rng.random()
        if choice < 0.3:
            return base  # dropped
        others = [a for a in alts if fold(a) != fold(form)]
        if not others:
            return base
        new = rng.choice(others)
        if position == "prefix":
            # Russian names are written "OOO X" and "X LLC" alike; orders often move the form to the end.
            return f"{base} {new}" if rng.random() < 0.6 else f"{new} {base}"
        return f"{base} {new}"
    forms = ADDED_FORM.get(party.country)
    if not forms or not looks_like_org(name) and party.kind != "organization" or set(fold(name).split()) & INSTITUTIONS:
        return None
    return f"{name} {rng.choice(forms)}"


# Abbreviations used on commercial documents, and the words they stand for.
ABBREVIATIONS = {
    "technology": "Tech", "technologies": "Tech", "technological": "Tech", "development": "Dev",
    "international": "Intl", "engineering": "Engg", "manufacturing": "Mfg", "industrial": "Indl",
    "industries": "Inds", "industry": "Ind", "electronics": "Elec", "electronic": "Elec", "trading": "Trdg",
    "corporation": "Corp", "company": "Co", "limited": "Ltd", "enterprises": "Ent", "enterprise": "Ent",
    "equipment": "Eqpt", "import": "Imp", "export": "Exp", "institute": "Inst", "scientific": "Sci",
    "science": "Sci", "machinery": "Mach", "services": "Svcs", "communication": "Comm", "communications": "Comms",
    "systems": "Sys", "group": "Grp", "national": "Natl", "university": "Univ", "academy": "Acad",
    "laboratory": "Lab", "laboratories": "Labs", "brothers": "Bros", "associates": "Assoc",
    "mechanical": "Mech", "chemical": "Chem", "chemicals": "Chem", "research": "Res", "aviation": "Avn",
    "manufacture": "Mfr", "material": "Matl", "materials": "Matls", "instruments": "Instr",
    "instrument": "Instr", "products": "Prods", "production": "Prodn", "general": "Genl", "department": "Dept",
}
EXPANSIONS = {"tech": "Technology", "dev": "Development", "intl": "International", "int'l": "International",
              "engg": "Engineering", "mfg": "Manufacturing", "corp": "Corporation", "co": "Company",
              "ltd": "Limited", "elec": "Electronics", "inst": "Institute", "sci": "Scientific",
              "natl": "National", "univ": "University", "dept": "Department", "bros": "Brothers"}


def t_abbreviation(name, party, rng):
    """One or two words abbreviated the way invoices do (Technology -> Tech, International -> Intl, Engineering ->
    Engg, Manufacturing -> Mfg), or an abbreviation of the listing spelt out."""
    toks = _tokens(name)
    idx = [i for i, t in enumerate(toks) if t.lower().strip(".,") in ABBREVIATIONS]
    exp = [i for i, t in enumerate(toks) if t.lower().strip(".,") in EXPANSIONS]
    if idx:
        for i in rng.sample(idx, min(len(idx), rng.choice([1, 2]))):
            word = toks[i].strip(".,")
            trail = toks[i][len(toks[i].rstrip(".,")):]
            short = ABBREVIATIONS[word.lower()]
            short = short + "." if rng.random() < 0.4 and not trail.startswith(".") else short
            toks[i] = _match_case(short, word) + trail
        return " ".join(toks)
    if exp:
        i = rng.choice(exp)
        word = toks[i].rstrip(".,")
        toks[i] = _match_case(EXPANSIONS[word.lower().strip(".")], word) + ("," if toks[i].endswith(",") else "")
        return " ".join(toks)
    return None


def t_prefix(name, party, rng):
    """A courtesy prefix: "M/s" or "Messrs." before a firm (Pakistani and Indian documents), "Mr."/"Dr."/"Engr."
    before a person, "MV"/"M/V" before a ship."""
    if party.kind == "person":
        return rng.choice(["Mr. ", "Mr ", "Dr. ", "Engr. "]) + person_natural_order(name)
    if party.kind == "vessel":
        return rng.choice(["MV ", "M/V ", "M.V. "]) + name
    return rng.choice(["M/s ", "M/S ", "M/s. ", "Messrs. ", "Messrs "]) + name


# Whole-word spelling variants of the same name in another romanisation or spelling convention.
ARABIC_WORD_VARIANTS = [
    ["muhammad", "mohammad", "mohammed", "mohamed", "muhammed", "mohamad"], ["ahmad", "ahmed"],
    ["hassan", "hasan"], ["hussain", "hussein", "husain", "hossein", "husayn"], ["rahman", "rehman"],
    ["abdul", "abdel"], ["yusuf", "yousef", "youssef", "yusef"], ["qasim", "kasim", "qassem"],
    ["jafar", "jafer", "djafar"], ["ali", "aly"], ["hosseini", "husseini"], ["mahmoud", "mahmud", "mahmood"],
    ["mustafa", "mostafa", "moustafa"], ["osman", "usman", "othman"], ["omar", "umar"], ["khalid", "khaled"],
    ["said", "saeed", "saied"], ["karim", "kareem"], ["rashid", "rasheed"], ["hamid", "hameed"],
    ["nasser", "naser", "nasir"], ["ibrahim", "ebrahim"], ["abbas", "abas"], ["reza", "riza"],
    ["mohsen", "muhsin"], ["jamal", "gamal"], ["ismail", "esmail"], ["yahya", "yahia"],
]
CYRILLIC_WORD_VARIANTS = [
    ["tehnocenter", "technocenter"], ["tekhnologii", "tehnologii", "technologii"], ["sergey", "sergei"],
    ["alexey", "aleksey", "alexei", "aleksei"], ["alexander", "aleksandr", "alexandr"],
    ["yuriy", "yuri", "iurii", "yury"], ["dmitriy", "dmitry", "dmitri"], ["andrey", "andrei"],
    ["evgeniy", "yevgeniy", "evgeny", "yevgeny"], ["nikolay", "nikolai"], ["vitaliy", "vitaly"],
    ["mikhail", "mihail"], ["valeriy", "valery"], ["anatoliy", "anatoly"], ["grigoriy", "grigory"],
]
# British and American spellings, used for any party.
SPELLING_VARIANTS = [["centre", "center"], ["organisation", "organization"], ["defence", "defense"],
                     ["aluminium", "aluminum"], ["programme", "program"]]
ARABIC_VARIANT_OF = {w: g for g in ARABIC_WORD_VARIANTS for w in g}
CYRILLIC_VARIANT_OF = {w: g for g in CYRILLIC_WORD_VARIANTS for w in g}
SPELLING_VARIANT_OF = {w: g for g in SPELLING_VARIANTS for w in g}
# Letter correspondences between romanisations (DOMAIN.md section 7.3), as (pattern, replacement) applied at one
# place in one word, never to its first letter. Russian rules only for parties in Russian-speaking countries,
# Arabic/Persian ones for the Middle East and South Asia.
CYRILLIC_RULES = [(r"kh", "h"), (r"ts", "tz"), (r"tz", "ts"), (r"iy\b", "y"), (r"yy\b", "y"), (r"ii\b", "iy"),
                  (r"zh", "j"), (r"shch", "sch"), (r"ks", "x"), (r"ekh", "ech"), (r"ech", "ekh")]
ARABIC_RULES = [(r"ou", "u"), (r"ee", "i"), (r"q", "k"), (r"kh", "h"), (r"aa", "a"), (r"oo", "u"), (r"dh", "z"),
                (r"eh\b", "e")]
# Vowel and glide correspondences: only in personal names, where every word is a romanised name.
CYRILLIC_PERSON_RULES = [(r"yu", "iu"), (r"iu", "yu"), (r"ya", "ia"), (r"ia", "ya"), (r"ye", "e"), (r"ov\b", "off"),
                         (r"v", "w")]
ARABIC_PERSON_RULES = [(r"u", "oo"), (r"e\b", "eh"), (r"y\b", "i"), (r"w", "v"), (r"v", "w"), (r"ei", "ey")]
ENGLISH_ENDINGS = ("ian", "ish", "ment", "tion", "sion", "ing", "ies", "ics", "ical", "ness", "ance", "ence", "ity",
                   "ous", "ship", "land", "port", "ware", "works", "wood", "field")
# Words in at least 25 CSL names (company, trading, technology, city names, ...), and English vocabulary: the words
# of US-registered company names, of the HS nomenclature and of the CSL addresses (Solutions, Shipyard, Russia):
# set by main().
GENERIC: set[str] = set()
ENGLISH: set[str] = set()
# Common words, which a shortened name must not be left with alone (set by main()): words in at least 25 SEC
# company names (bank, credit, fund, global), words in at least 25 CSL names that are also English vocabulary (SEC
# names, HS nomenclature: joint, stock, public, research, technology), and the company, state-body and nationality
# words of the lists' other languages below. A brand that many listed subsidiaries share (Sberbank, VTB, Huawei)
# stays distinctive.
COMMON: set[str] = set()
COMMON_FOREIGN = set("""aktsionernoe obshchestvo otkrytoe zakrytoe publichnoe tipa ogranichennoi otvetstvennostyu
comercializadora inversiones inmobiliaria sociedad anonima ltda cia limitada sanayi ticaret ve liability ministry
bureau entity institution subordinate import export islamic republic government iran iranian russian syrian korean
chinese north south army missile open closed kong guangdong fujian zhejiang jiangsu shandong hubei hunan sichuan
shaanxi shanxi henan hebei liaoning jilin anhui jiangxi guangxi hainan gansu yunnan guizhou heilongjiang""".split())
CYRILLIC_COUNTRIES = {"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ", "AM", "AZ", "GE", "MD", "TM"}
ARABIC_COUNTRIES = {"IR", "PK", "AE", "SY", "IQ", "LB", "AF", "SA", "YE", "JO", "EG", "LY", "SD", "OM", "QA",
                    "KW", "BH", "PS", "IN", "BD", "SO", "DZ", "TN", "MA"}


def t_transliteration(name, party, rng):
    """The same name in another romanisation: a whole-word variant (Mohammad / Muhammad, Hassan / Hasan, centre /
    center, Tehnocenter / Technocenter, Sergey / Sergei) or one letter correspondence (kh/h, ts/tz, -iy/-y, q/k,
    ou/u, -eh/-e), as the different official and commercial transliterations write it."""
    toks = _tokens(name)
    # Arabic/Persian and Russian name variants only for parties from those regions (or of unknown country): a
    # Mexican "Omar" is not written "Umar".
    tables = [SPELLING_VARIANT_OF]
    if party.country in ARABIC_COUNTRIES or not party.country:
        tables.append(ARABIC_VARIANT_OF)
    if party.country in CYRILLIC_COUNTRIES or not party.country:
        tables.append(CYRILLIC_VARIANT_OF)
    options = []
    for i, t in enumerate(toks):
        low = t.lower().strip(".,")
        for alt in (x for table in tables for x in table.get(low, [])):
            if alt != low:
                options.append((i, alt))
    if options:
        i, alt = rng.choice(options)
        tail = toks[i][len(toks[i].rstrip(".,")):]
        toks[i] = _match_case(alt, toks[i].rstrip(".,")) + tail
        return " ".join(toks)
    person = party.kind == "person"
    if party.country in CYRILLIC_COUNTRIES:
        rules = CYRILLIC_RULES + (CYRILLIC_PERSON_RULES if person else [])
    elif party.country in ARABIC_COUNTRIES:
        rules = ARABIC_RULES + (ARABIC_PERSON_RULES if person else [])
    else:
        rules = []
    places = []
    for i, t in enumerate(toks):
        # Only romanised proper names change spelling: not the common words of company names ("Development",
        # "Trade"), nor English-looking words ("Eurasian").
        low = t.lower()
        if not t.isalpha() or len(t) < 4 or not person and (low in GENERIC or low in ENGLISH or
                                                            low.endswith(ENGLISH_ENDINGS)):
            continue
        for pattern, dst in rules:
            for m in re.finditer(pattern, t.lower()):
                if m.start() > 0:
                    places.append((i, m.start(), m.end(), dst))
    if not places:
        return None
    i, start, end, dst = rng.choice(places)
    w = toks[i]
    toks[i] = w[:start] + (dst.upper() if w.isupper() else dst) + w[end:]
    return " ".join(toks)


def person_natural_order(name: str) -> str:
    """"SURNAME, Given Names" -> "Given Names Surname" (how a person signs an order)."""
    if ", " in name:
        last, given = name.split(", ", 1)
        return f"{given} {last.title() if last.isupper() else last}"
    return name


def t_word_order(name, party, rng):
    """Word order as orders write it: a listed person "SURNAME, Given" written "Given Surname" (or "Surname
    Given"), an inverted form "Gazprom Russkaya, OOO" written "OOO Gazprom Russkaya", or a city at the start of a
    company name moved to the end ("Beijing Luo Luo Technology" -> "Luo Luo Technology, Beijing")."""
    if party.kind == "person":
        if ", " not in name:
            return None
        last, given = name.split(", ", 1)
        return f"{given} {last}" if rng.random() < 0.7 else f"{last} {given}"
    m = re.match(r"^(?P<base>.+), (?P<form>OOO|OAO|ZAO|AO|PAO|OJSC|JSC|LLC|TOO|TOV|UP)$", name)
    if m:
        return f"{m.group('form')} {m.group('base')}"
    toks = _tokens(name)
    # "Hong Kong" is one place in two words: never moved apart ("Kong Energy Technology (Hong)").
    if len(toks) >= 3 and fold(toks[0]) in party.cities() | CITY_WORDS and fold(toks[0]) != "hong":
        rest = " ".join(toks[1:])
        lf = split_legal_form(rest)
        if lf and lf[3] == "suffix":
            return f"{lf[0]} ({toks[0]}) {lf[1]}" if rng.random() < 0.5 else f"{lf[0]}, {toks[0]} {lf[1]}"
        return f"{rest}, {toks[0]}"
    return None


# Places that begin many Chinese, Russian and Iranian enterprise names (administrative-division prefix).
CITY_WORDS = set("""beijing shanghai shenzhen guangzhou tianjin chongqing wuhan xian hangzhou nanjing chengdu
harbin shenyang dalian qingdao jinan changsha hefei suzhou wuxi xiamen ningbo zhengzhou changchun kunming
hong moscow tehran dubai karachi lahore islamabad rawalpindi minsk sharjah""".split())


# Words that join others and never end a name a person writes ("Credit Bank of", "Ministry of Finance of the").
JOINERS = set("of the and for de del la y ve und et".split())


def distinctive_words(text: str, party) -> list[str]:
    """The words of a text that can identify a party: three letters or more, not a legal form, not a joiner, not a
    place at the start of enterprise names or in the party's address, and not a common word (`COMMON`)."""
    places = party.cities() | CITY_WORDS
    return [w for w in fold(text).split() if len(w) >= 3 and w not in LEGAL_WORDS and w not in JOINERS
            and w not in places and w not in COMMON]


def _trim_partial(toks: list[str]) -> str:
    """A cut name as a person would leave it: a bracket opened but not closed is dropped with what follows it
    ("CHINA UNICOM (HONG" -> "CHINA UNICOM"), and trailing joiners, commas and stray letters or legal-form
    fragments go ("CREDIT BANK OF" -> "CREDIT BANK", "K. P. TO JEANS WEAR S." -> "K. P. TO JEANS WEAR")."""
    text = " ".join(toks)
    if text.count("(") > text.count(")"):
        text = text[:text.rindex("(")]
    toks = text.split()
    while toks:
        last = fold(toks[-1])
        if not last or last in JOINERS or last in LEGAL_WORDS or len(last) == 1:
            toks.pop()
        else:
            break
    return " ".join(toks).rstrip(" ,;-")


def t_partial(name, party, rng):
    """A partial name, as people shorten long names: a middle name left out of a person's name, or the legal form
    and a trailing descriptor or leading place left out of a long company name (at least two words remain).
    A shortened company name keeps at least one distinctive word (see `distinctive_words`): "Joint Stock" or
    "Middle East" for "Middle East Oilfield Equipment" is not a name anyone expects a screener to find."""
    if party.kind == "person":
        if ", " not in name:
            return None
        last, given = name.split(", ", 1)
        g = given.split()
        if len(g) < 2:
            return None
        drop = rng.randrange(1, len(g))
        return f"{last}, {' '.join(g[:drop] + g[drop + 1:])}"
    if party.kind != "organization":
        # A row of unknown kind without a company word is most often a person in natural order ("Ellias Abdl
        # Halim"): cutting its last words would drop the surname.
        return None
    lf = split_legal_form(name)
    base = lf[0] if lf else name
    toks = [t for t in _tokens(base) if t]
    if len(toks) < 4:
        return None
    if fold(toks[0]) in party.cities() | CITY_WORDS and rng.random() < 0.5:
        v = _trim_partial(toks[1:])
    else:
        keep = max(2, len(toks) - rng.choice([1, 2]))
        v = _trim_partial(toks[:keep])
    if len(v.split()) < 2 or not distinctive_words(v, party):
        return None
    return v


ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&\-]{1,9})\)")


def t_acronym(name, party, rng):
    """The acronym the listing gives in brackets, used alone (as orders write "PAEC" or "NDC"), or the name without
    its bracketed acronym."""
    initials = {w[0] for w in fold(ACRONYM_RE.sub(" ", name)).split()}
    # An acronym starts with the initial of one of the name's words ("(PAEC)"; not "(OFF-SHORE)" or "(HK)").
    # A legal form in brackets ("(CJSC)") is not the party's acronym: nobody expects "CJSC" alone to find it. Nor is
    # the acronym of a parent named first ("China State Shipbuilding Corporation (CSSC) 12th Research Institute",
    # "Islamic Revolutionary Guard Corps (IRGC) Aerospace Force"): "CSSC" alone is the parent, not the institute.
    def names_the_party(mt):
        rest = [w for w in fold(name[mt.end():]).split() if w not in LEGAL_WORDS]
        return not rest or rest[0] in {"and", "a", "aka", "f", "fka"}
    m = [mt.group(1) for mt in ACRONYM_RE.finditer(name)
         if sum(c.isalpha() for c in mt.group(1)) <= 6 and len(mt.group(1)) >= 3
         and mt.group(1)[0].lower() in initials and fold(mt.group(1)) not in LEGAL_WORDS and names_the_party(mt)]
    if not m:
        return None
    if rng.random() < 0.7:
        return rng.choice(m)
    return " ".join(ACRONYM_RE.sub(" ", name).split()).replace(" ,", ",")


def t_ampersand(name, party, rng):
    """"&" and "and" written for each other."""
    if " & " in name:
        return name.replace(" & ", " and ", 1)
    if " and " in name.lower():
        i = name.lower().index(" and ")
        return name[:i] + " & " + name[i + 5:]
    return None


COMPOUND_PREFIXES = ["aero", "micro", "opto", "petro", "super", "electro", "hydro", "techno", "radio", "photo",
                     "nano", "tele", "auto", "inter", "thermo", "agro", "bio", "geo", "turbo", "cyber"]


def t_join_split(name, party, rng):
    """Tokens joined or split: romanised syllables run together ("Luo Luo" -> "Luoluo", "Hong Kong" ->
    "Hongkong", "JI SONG 6" -> "JISONG 6"), or a compound split at its prefix ("Aerospace" -> "Aero Space",
    "Optoelectronic" -> "Opto Electronic")."""
    toks = _tokens(name)
    joins = [i for i in range(len(toks) - 1)
             if toks[i].isalpha() and toks[i + 1].isalpha() and len(toks[i]) <= 5 and len(toks[i + 1]) <= 5
             and fold(toks[i]) not in LEGAL_WORDS and fold(toks[i + 1]) not in LEGAL_WORDS]
    splits = []
    for i, t in enumerate(toks):
        low = t.lower()
        for p in COMPOUND_PREFIXES:
            if low.startswith(p) and len(low) - len(p) >= 4 and t.isalpha():
                splits.append((i, len(p)))
    if not joins and not splits:
        return None
    if joins and (not splits or rng.random() < 0.5):
        i = rng.choice(joins)
        second = toks[i + 1] if toks[i].isupper() else toks[i + 1].lower()
        return " ".join(toks[:i] + [toks[i] + second] + toks[i + 2:])
    i, k = rng.choice(splits)
    w = toks[i]
    second = w[k:] if w.isupper() or w.islower() else w[k].upper() + w[k + 1:]
    return " ".join(toks[:i] + [w[:k], second] + toks[i + 1:])


def t_case_punct(name, party, rng):
    """Case and punctuation as typed: all upper or lower case, title case, full stops and commas dropped, hyphens
    and slashes written as spaces."""
    choice = rng.choice(["upper", "lower", "title", "nopunct", "hyphen"])
    if choice == "upper":
        v = name.upper()
    elif choice == "lower":
        v = name.lower()
    elif choice == "title":
        v = " ".join(t[:1].upper() + t[1:].lower() for t in name.split())
    elif choice == "nopunct":
        v = " ".join(re.sub(r"[.,'\"()]", "", name).split())
    else:
        v = " ".join(re.sub(r"[-/]", " ", name).split())
    return v if v != name else None


TRANSFORMS = {
    "typo": t_typo, "transposition": t_transposition, "legal_form": t_legal_form, "abbreviation": t_abbreviation,
    "prefix": t_prefix, "transliteration": t_transliteration, "word_order": t_word_order, "partial": t_partial,
    "acronym": t_acronym, "ampersand": t_ampersand, "join_split": t_join_split, "case_punct": t_case_punct,
}
# Two changes at once, as real documents often combine them.
COMBOS = [("legal_form", "typo"), ("prefix", "legal_form"), ("abbreviation", "case_punct"),
          ("transliteration", "word_order"), ("word_order", "typo"), ("legal_form", "transliteration")]


def variant(name: str, party: Party, transform: str, rng: random.Random):
    """Applies a transform (or a "a+b" combination); None when it does not apply or changes nothing."""
    steps = transform.split("+")
    v = name
    for s in steps:
        nv = TRANSFORMS[s](v, party, rng)
        if nv is None:
            return None
        v = " ".join(nv.split())
    # A change of punctuation only (Co., Ltd. -> Co Ltd) is left to the case_punct and ampersand transforms.
    if fold(v) == fold(name) and not set(steps) & {"case_punct", "ampersand"}:
        return None
    return v if v != name and v.strip() else None

