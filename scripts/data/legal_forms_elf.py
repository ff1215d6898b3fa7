#!/usr/bin/env python3
"""Generates src/data/legal_forms_elf.toml from the ISO 20275 Entity Legal Forms (ELF) code list.

Source: GLEIF, ISO 20275 Entity Legal Forms code list, version 1.4.1
(https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list), released under CC0 1.0.
The input is ../shared/lists/companies/gleif_elf_codes_1.4.1.csv (a copy of that file).

For every jurisdiction (ISO 3166-1 country), the spellings of its legal forms as names are written: the local
name, the transliterated name and the local and transliterated abbreviations, lower case, without marks and
punctuation, single letters joined ("S.A. de C.V." -> "sa de cv"), deduplicated across the whole list. Left out:
- "other" catch-all entries (no legal form a name would carry) and names of more than four words (descriptions rather than forms);
- single words that src/data/vocabulary.toml lists as generic, stopwords or honorifics ("bank", "trust",
  "foundation"): a name's own words, weighed low there rather than removed;
- transliterations of Chinese, Japanese and Korean names (syllables such as "qi ye" are also personal names), and
  local Chinese, Japanese and Korean names of one or two characters, or of more than six.
Single words of fewer than ten letters may also be ordinary words or syllables ("as", "ag", "firma"): they are
listed as `edge_forms` (removed only at the start or end of a name); longer single words are compounds
("aktiengesellschaft", "osakeyhtio") removed anywhere.

Usage: python3 scripts/data/legal_forms_elf.py [CSV] > src/data/legal_forms_elf.toml
Python 3.11 standard library only; deterministic (sorted output).
"""

import csv
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CSV = ROOT.parent / "shared" / "lists" / "companies" / "gleif_elf_codes_1.4.1.csv"
CJK_COUNTRIES = {"CN", "JP", "KR", "KP", "TW", "HK", "MO"}
# Catch-all entries ("other legal forms"), in the languages the list uses for them.
OTHER = re.compile(r"\b(other|others|otros|otras|autres|andere|sonstige|alte forme|altre|outras|inne|ostale|ostatni|muu|muut|overige|övriga|ovrige|sonota)\b|其他|その他", re.I)
MAX_WORDS = 4
# Single words the list gives as a form that are also names of bodies, places or activities in party names
# ("Embassy of ...", "... District", "Banco ...", "... Railroad"): never removed.
NAME_WORDS = set("""region district canton cantone kanton bezirk distretto municipal municipio municipalidad municipality
railroad social series trademark embassy ambassade botschaft ambasciate metropole ministere departement estado comune
commune gemeinde kommun kunta banco sparkasse sparbank condominio condominiums congregation congregacion sindicato
fiducie society partnership partnerships associations association syndicates cooperative cooperatives cooperativa
cooperativas cooperatif cooperation incorporation unlimited foundations other artisan commercant firma filial
confederation confederazione procura procuration prokura undivided indivisioni indivisions sucursala reprezentanta
comunidad ejido fondo fonds fondy fundo fondlar fonlar komora ustav spolek nadace forening stiftelse stiftung anstalt
fondation fondazione fundacion fundacao fundacja fundacija zaklada nadacia mutua mutuelle chartered corporacion
fideicomiso compagnie companhia municipal uczelnia sklad region primaerkommune lokalsamfund""".split())


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("æ", "ae").replace("œ", "oe")
    s = s.replace("&", " and ")
    s = re.sub(r"['’`´ʻ]", "", s)
    words = []
    # Single letters written with dots or slashes are joined within a chunk ("s.a." -> "sa", "s. de r.l." -> "s de rl").
    for chunk in re.split(r"\s+", s):
        run = ""
        for part in re.split(r"[^\w]+", chunk):
            if not part:
                continue
            if len(part) == 1 and part.isalpha():
                run += part
                continue
            if run:
                words.append(run)
                run = ""
            words.append(part)
        if run:
            words.append(run)
    return " ".join(words)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    vocab = tomllib.loads((ROOT / "src" / "data" / "vocabulary.toml").read_text(encoding="utf-8"))
    keep_words = {fold(w) for key in ("generic", "stopwords", "honorifics", "places") for w in vocab.get(key, [])}
    by_country: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    seen: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            cc = row["Country Code (ISO 3166-1)"].strip()
            code = row["ELF Code"].strip()
            if not cc:
                continue
            local = row["Entity Legal Form name Local name"]
            if OTHER.search(local) or OTHER.search(row["Entity Legal Form name Transliterated name (per ISO 01-140-10)"]):
                continue
            spellings = [local]
            if cc not in CJK_COUNTRIES:
                spellings.append(row["Entity Legal Form name Transliterated name (per ISO 01-140-10)"])
            elif len(local.strip()) <= 2 or len(local.strip()) > 6:
                # One or two characters: also a word of names ("企业"); more than six: a description.
                continue
            for col in ("Abbreviations Local language", "Abbreviations transliterated"):
                if cc in CJK_COUNTRIES and col == "Abbreviations transliterated":
                    continue
                spellings.extend(re.split(r"[;,]", row[col]))
            for s in spellings:
                s = re.sub(r"\([^)]*\)", " ", s)
                s = fold(s)
                words = s.split()
                if not words or len(words) > MAX_WORDS or any(w.isdigit() for w in words):
                    continue
                if len(words) == 1 and (words[0] in keep_words or words[0] in NAME_WORDS or len(words[0]) < 2):
                    continue
                # Abbreviations of a CJK form in its own script are single characters ("株", "有"): left out.
                if cc in CJK_COUNTRIES and len(s) <= 2:
                    continue
                if s in seen:
                    continue
                seen[s] = cc
                by_country[cc][code].add(s)
    out = [
        "# Legal forms of every jurisdiction, generated by scripts/data/legal_forms_elf.py from the ISO 20275 Entity Legal",
        "# Forms (ELF) code list v1.4.1 (GLEIF, https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list,",
        "# CC0 1.0). Do not edit by hand: run the script. One block per country: `forms` are removed anywhere in a name,",
        "# `edge_forms` (single words of fewer than ten letters) only at its start or end. Each spelling appears once, under",
        "# the first country (in file order) that uses it; `codes` are the ELF codes the block's spellings come from.",
        "",
    ]
    for cc in sorted(by_country):
        codes = sorted(by_country[cc])
        spellings = sorted({s for c in codes for s in by_country[cc][c]})
        # Several words, or one long compound ("aktiengesellschaft", "osakeyhtio"): anywhere. A shorter single word
        # may be an ordinary word or syllable ("as", "firma", "berhad" is safe but "koperasi" is also a word).
        anywhere = [s for s in spellings if len(s.split()) > 1 or len(s) >= 10]
        # Two letters ("am", "as") are too often a word or initials: only our own table lists those it trusts.
        edge = [s for s in spellings if not (len(s.split()) > 1 or len(s) >= 10) and len(s) > 2]
        out.append("[[country]]")
        out.append(f'code = "{cc}"')
        out.append(f'source = "ISO 20275 ELF v1.4.1, codes {" ".join(codes)}"')
        out.append("forms = [" + ", ".join(f'"{s}"' for s in anywhere) + "]")
        out.append("edge_forms = [" + ", ".join(f'"{s}"' for s in edge) + "]")
        out.append("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
