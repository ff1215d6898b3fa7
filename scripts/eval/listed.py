"""Reads every list file in ../shared/lists into one shape: an entity (source, id, class) with the names its list
compilers gave it, each with its role (primary, a.k.a., f.k.a., non-Latin script, ...) and quality (good, low, weak).

Used to build the real alias pairs and hard negatives (`aliases.py`), to anti-join the clean customers against
everything listed (`customers.py`), and to put each entity in the tune or held-out half (`Clusters`).

The readers follow each file's own layout (SOURCES.md beside the lists); nothing here imports the project.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from common import core_tokens, fold, half_of, script_of

csv.field_size_limit(1 << 24)


@dataclass
class Name:
    text: str
    # "primary", "variation" (UK "Primary name variation"), "aka", "fka", "nka", "non_latin", "previous".
    role: str
    # "good", "low" (UK "Low quality", UN "Low"), "weak" (OFAC weak a.k.a., EU weakAlias), or "" (not said).
    quality: str = ""


@dataclass
class Entity:
    source: str
    id: str
    # "person", "company" (any organisation), "vessel", "other" (aircraft, unknown).
    cls: str
    names: list[Name] = field(default_factory=list)
    dob: str = ""
    # Whether its aliases are published by the list compilers as such (False for third-party parses whose alias
    # strings carry addresses and prose): only those give alias pairs.
    pairs_ok: bool = True

    @property
    def key(self) -> str:
        return f"{self.source}:{self.id}"

    @property
    def primary(self) -> str:
        for n in self.names:
            if n.role == "primary":
                return n.text
        return self.names[0].text if self.names else ""

    def add(self, text: str | None, role: str, quality: str = ""):
        text = " ".join((text or "").split()).strip(" ;,")
        if text and text != "-0-" and not any(n.text == text and n.role == role for n in self.names):
            self.names.append(Name(text, role, quality))


def _cls(label: str) -> str:
    label = label.strip().lower()
    if label in ("individual", "person"):
        return "person"
    if label in ("vessel", "ship"):
        return "vessel"
    if label in ("aircraft",):
        return "other"
    return "company"


# --------------------------------------------------------------------------------------------------------------
# One reader per file layout
# --------------------------------------------------------------------------------------------------------------

def read_uk(lists: Path) -> list[Entity]:
    """UK OFSI ConList: one row per name, rows of one party share a Group ID (and repeat per regime)."""
    out: dict[str, Entity] = {}
    with open(lists / "uk/ofsi_conlist_2025-04-10.csv", newline="", encoding="utf-8") as f:
        next(f)  # "Last Updated,..."
        for r in csv.DictReader(f):
            gid = r["Group ID"].strip()
            e = out.setdefault(gid, Entity("uk_ofsi", gid, _cls(r["Group Type"])))
            if not e.dob and r["DOB"]:
                e.dob = r["DOB"]
            parts = [r[f"Name {i}"] for i in range(1, 6)] + [r["Name 6"]]
            text = " ".join(p.strip() for p in parts if p.strip())
            role = {"Primary name": "primary", "Primary name variation": "variation", "AKA": "aka",
                    "FKA": "fka"}.get(r["Alias Type"], "aka")
            quality = {"Good quality": "good", "Low quality": "low"}.get(r["Alias Quality"], "")
            e.add(text, role, quality)
            e.add(r["Name Non-Latin Script"], "non_latin")
    return list(out.values())


def read_un(lists: Path) -> list[Entity]:
    """UN consolidated XML: INDIVIDUAL / ENTITY with FIRST..FOURTH_NAME, aliases with QUALITY, original script."""
    out = []
    root = ET.parse(lists / "un/UN_consolidated_2026-02-27.xml").getroot()
    for tag, alias_tag in (("INDIVIDUAL", "INDIVIDUAL_ALIAS"), ("ENTITY", "ENTITY_ALIAS")):
        for x in root.iter(tag):
            ref = x.findtext("REFERENCE_NUMBER") or x.findtext("DATAID") or ""
            e = Entity("un", ref.strip(), "person" if tag == "INDIVIDUAL" else "company")
            e.add(" ".join(filter(None, (x.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                                                  "FOURTH_NAME")))), "primary")
            e.add(x.findtext("NAME_ORIGINAL_SCRIPT"), "non_latin")
            for a in x.iter(alias_tag):
                q = (a.findtext("QUALITY") or "").strip()
                role = "fka" if q == "f.k.a." else "aka"
                e.add(a.findtext("ALIAS_NAME"), role, {"Good": "good", "Low": "low"}.get(q, ""))
            dob = x.find("INDIVIDUAL_DATE_OF_BIRTH")
            if dob is not None:
                e.dob = (dob.findtext("DATE") or dob.findtext("YEAR") or "").strip()
            out.append(e)
    return out


# OFAC legacy CSV: weak a.k.a.s are not in alt.csv but in the entry's remarks, in single quotes ("a.k.a. 'BNC'.").
WEAK_AKA_RE = re.compile(r"a\.k\.a\.,? '(.+?)'(?=\s*[.;,\"]|\s*$)")


def read_ofac_legacy(lists: Path, folder: str, source: str, sdn: str = "sdn.csv", alt: str | None = "alt.csv"):
    """OFAC legacy CSV set: sdn.csv (ent_num, SDN_Name, SDN_Type, ..., Remarks) joined with alt.csv on ent_num."""
    out: dict[str, Entity] = {}
    with open(lists / folder / sdn, newline="", encoding="utf-8", errors="replace") as f:
        for r in csv.reader(f):
            if len(r) < 12 or not r[0].strip().isdigit():
                continue
            kind = r[2].strip()
            e = Entity(source, r[0].strip(), _cls(kind) if kind != "-0-" else "company")
            e.add(r[1], "primary")
            remarks = r[11]
            for m in WEAK_AKA_RE.finditer(remarks):
                e.add(m.group(1), "aka", "weak")
            dob = re.search(r"DOB ([^;]+)", remarks)
            e.dob = dob.group(1).strip() if dob else ""
            out[e.id] = e
    if alt:
        with open(lists / folder / alt, newline="", encoding="utf-8", errors="replace") as f:
            for r in csv.reader(f):
                if len(r) >= 4 and r[0].strip() in out:
                    out[r[0].strip()].add(r[3], r[2].strip().lower() or "aka")
    return list(out.values())


def read_ofac_enhanced(lists: Path) -> list[Entity]:
    """OFAC Enhanced XML (consolidated non-SDN list): names with isPrimary, aliasType, isLowQuality and
    translations in several scripts."""
    out = []
    root = ET.parse(lists / "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML").getroot()
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    for x in root.iter(f"{ns}entity"):
        kind = x.findtext(f"{ns}generalInfo/{ns}entityType") or ""
        e = Entity("ofac_cons", x.get("id") or "", _cls(kind))
        for n in x.iter(f"{ns}name"):
            primary = (n.findtext(f"{ns}isPrimary") or "") == "true"
            low = (n.findtext(f"{ns}isLowQuality") or "") == "true"
            alias_type = (n.findtext(f"{ns}aliasType") or "A.K.A.").replace(".", "").lower()
            for t in n.iter(f"{ns}translation"):
                text = t.findtext(f"{ns}formattedFullName")
                script = t.findtext(f"{ns}script") or "Latin"
                if script != "Latin":
                    e.add(text, "non_latin", "low" if low else "")
                else:
                    e.add(text, "primary" if primary else alias_type, "weak" if low else "")
        for feat in x.iter(f"{ns}feature"):
            if (feat.findtext(f"{ns}type") or "") == "Birthdate":
                e.dob = feat.findtext(f"{ns}value") or ""
        if e.names:
            out.append(e)
    return out


def read_csl(lists: Path) -> list[Entity]:
    out = []
    with open(lists / "us_csl/consolidated_2022-04.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kind = r["type"].strip()
            e = Entity("us_csl", r["_id"].strip(), _cls(kind) if kind else "company")
            e.add(r["name"], "primary")
            for a in r["alt_names"].split("; "):
                a = a.strip()
                e.add(a[4:] if a.startswith("and ") else a, "aka")
            e.dob = r["dates_of_birth"].strip()
            out.append(e)
    return out


def read_eu(lists: Path) -> list[Entity]:
    """EU journal extractions (one CSV per regulation): name, alias, weakAlias, previousName (";"-separated)."""
    out = []
    for path in sorted((lists / "eu_journal_sanctions").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                e = Entity("eu", f"{r.get('celex')}:{r.get('recordId')}", _cls(r.get("schema") or ""))
                e.add(r.get("name"), "primary")
                for col, role, quality in (("alias", "aka", ""), ("weakAlias", "aka", "weak"),
                                           ("previousName", "fka", "")):
                    for a in (r.get(col) or "").split(";"):
                        e.add(a, role, quality)
                e.dob = r.get("birthDate") or ""
                if e.names:
                    out.append(e)
    return out


def read_os_targets(lists: Path) -> list[Entity]:
    """OpenSanctions targets.simple: name, aliases (";"-separated), schema."""
    out = []
    with open(lists / "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv", newline="",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            e = Entity("os_targets", r["id"], _cls(r["schema"]))
            e.add(r["name"], "primary")
            for a in r["aliases"].split(";"):
                e.add(a, "aka")
            e.dob = r["birth_date"]
            out.append(e)
    return out


def read_os_curated(lists: Path) -> list[Entity]:
    """OpenSanctions' curated source CSVs (PRC counter-sanctions with Chinese names, 1260H, 1286, FCC, MIEU)."""
    out = []
    for path in sorted((lists / "opensanctions").glob("*.csv")):
        if "targets.simple" in path.name:
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for i, r in enumerate(csv.DictReader(f)):
                e = Entity(f"os_{path.stem}", str(i), _cls(r.get("Type") or ""))
                e.add(r.get("Clean Name") or r.get("Name"), "primary")
                if r.get("Clean Name"):
                    e.add(r.get("Name"), "aka")
                e.add(r.get("Chinese name"), "non_latin")
                for col, role in (("Alias", "aka"), ("aliases", "aka"), ("Previous Name", "fka")):
                    for a in (r.get(col) or "").split(";"):
                        e.add(a, role)
                if e.names:
                    out.append(e)
    return out


def read_registry_json(lists: Path, rel: str, source: str) -> list[Entity]:
    """JP METI end-user list and CN MOFCOM lists (one JSON array: entity_name, aliases)."""
    out = []
    for x in json.loads((lists / rel).read_text(encoding="utf-8")):
        e = Entity(source, str(x.get("id")), _cls(x.get("entity_type") or ""))
        e.add(x.get("entity_name"), "primary")
        for a in x.get("aliases") or []:
            if isinstance(a, str):
                e.add(a, "aka")
        if e.names:
            out.append(e)
    return out


def read_bis(lists: Path) -> list[Entity]:
    """BIS DPL (official, names only) and the derived BIS/State JSON files (aliases mixed with prose: used for the
    anti-join only, never for alias pairs)."""
    out = []
    with open(lists / "bis/dpl_2023-11.txt", newline="", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f, delimiter="\t")):
            e = Entity("bis_dpl", str(i), "company", pairs_ok=False)
            e.add(r["Name"], "primary")
            out.append(e)
    for path in sorted((lists / "bis_derived_2026-07").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for i, x in enumerate(data.get("entities", []) if isinstance(data, dict) else []):
            e = Entity(f"bis_{path.stem}", str(i), "company", pairs_ok=False)
            e.add(x.get("name"), "primary")
            for a in x.get("aliases") or []:
                if isinstance(a, str):
                    e.add(a, "aka")
            if e.names:
                out.append(e)
    return out


def read_all(lists: Path) -> list[Entity]:
    """Every entity of every list file we hold. The OFAC SDN 2024 file and the OFAC non-SDN legacy CSV are read
    for the anti-join only (the 2022 set with alt.csv and the Enhanced XML give the OFAC alias pairs)."""
    out = []
    out += read_uk(lists)
    out += read_un(lists)
    out += read_ofac_legacy(lists, "ofac_sdn/2022-01", "ofac_2022")
    out += [_no_pairs(e) for e in read_ofac_legacy(lists, "ofac_sdn/2024-05-03", "ofac_2024", alt=None)]
    out += [_no_pairs(e) for e in read_ofac_legacy(lists, "ofac_consolidated/2025-12", "ofac_cons_csv",
                                                   sdn="cons_prim.csv", alt="cons_alt.csv")]
    out += read_ofac_enhanced(lists)
    out += [_no_pairs(e) for e in read_csl(lists)]
    out += read_eu(lists)
    out += read_os_targets(lists)
    out += read_os_curated(lists)
    out += read_registry_json(lists, "jp/meti_end_user_list.json", "jp_meti")
    out += read_registry_json(lists, "cn/mofcom_entity_lists.json", "cn_mofcom")
    out += read_bis(lists)
    return out


def _no_pairs(e: Entity) -> Entity:
    e.pairs_ok = False
    return e


# --------------------------------------------------------------------------------------------------------------
# One party on several lists: clusters, and the tune / held-out split
# --------------------------------------------------------------------------------------------------------------

def name_key(text: str) -> str:
    """A key two spellings of one name share only when they are the same words: folded, legal forms dropped,
    sorted. Empty for short or one-word names, which different parties share too often to link them."""
    if script_of(text) not in ("Latin", ""):
        f = fold(text).replace(" ", "")
        return f if len(f) >= 4 else ""
    t = core_tokens(text)
    if len(t) < 2 or len("".join(t)) < 8:
        return ""
    return " ".join(sorted(t))


class Clusters:
    """Entities linked when any of their names (not weak or low-quality ones) has the same `name_key`: one party
    listed on several lists, or twice on one. A cluster is the unit of the split, so a party's aliases from the UK
    list and its aliases from the UN list land in the same half, and is what hard negatives must not share."""

    def __init__(self, entities: list[Entity]):
        self.parent = {e.key: e.key for e in entities}
        holders: dict[str, set[str]] = defaultdict(set)
        primary: set[str] = set()
        for e in entities:
            for n in e.names:
                if n.quality not in ("weak", "low") and (k := name_key(n.text)):
                    holders[k].add(e.key)
                    if n.role in ("primary", "variation", "non_latin"):
                        primary.add(k)
        for name, keys in holders.items():
            # A name two entries of one list share is a common name ("Abdul Samad") or a family of branches: it
            # does not say which of them another list's entry is, so it links nothing. Nor does a name that is
            # only ever an alias ("Ansar al-Sharia" for groups in three countries): it would chain groups together.
            sources = [k.split(":", 1)[0] for k in keys]
            if len(keys) < 2 or len(set(sources)) < len(sources) or name not in primary:
                continue
            first, *rest = sorted(keys)
            for k in rest:
                self._union(first, k)
        self.root_of = {k: self._find(k) for k in self.parent}
        # The cluster's smallest member key names it, so the split does not depend on reading order.
        members = defaultdict(list)
        for k, r in self.root_of.items():
            members[r].append(k)
        self.label = {}
        self.size = {}
        for r, ks in members.items():
            label = min(ks)
            for k in ks:
                self.label[k] = label
                self.size[k] = len(ks)

    def _find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def _union(self, a: str, b: str):
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def cluster(self, key: str) -> str:
        return self.label.get(key, key)

    def half(self, key: str) -> str:
        return half_of(self.cluster(key))


def all_names(entities: list[Entity]) -> list[str]:
    return [n.text for e in entities for n in e.names]
