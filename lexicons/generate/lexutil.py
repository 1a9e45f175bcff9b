"""Shared helpers for the lexicon generator: script detection, CSV output, validation."""
import csv
import io
import re
import unicodedata

HEADER = ["id", "canonical", "alias", "type", "lang", "script", "kind", "prior", "country", "region"]
TYPES = {"GPE", "LOC", "ORG", "PER"}
KINDS = {"official", "alias", "weak", "acronym", "code", "transliteration", "historical", "misspelling"}

# Unicode character-name prefix -> ISO 15924 code.
_SCRIPT_PREFIXES = [
    ("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("HANGUL", "Hang"), ("GREEK", "Grek"),
    ("ARABIC", "Arab"), ("HEBREW", "Hebr"), ("ARMENIAN", "Armn"), ("GEORGIAN", "Geor"),
    ("DEVANAGARI", "Deva"), ("THAI", "Thai"), ("HIRAGANA", "Hira"), ("KATAKANA", "Kana"),
    ("CJK", "Hani"), ("BENGALI", "Beng"), ("TAMIL", "Taml"), ("ETHIOPIC", "Ethi"),
]


def char_script(ch):
    name = unicodedata.name(ch, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    if "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" or "\uac00" <= ch <= "\ud7af":
        return "Hang"
    return None  # digits, punctuation, spaces, marks: neutral


def script_of(text):
    """ISO 15924 code of the text's letters; '' when none; mixed kana+kanji -> Jpan."""
    seen = set()
    for ch in text:
        if unicodedata.category(ch).startswith("M"):
            continue
        s = char_script(ch)
        if s:
            seen.add(s)
    if not seen:
        return ""
    if seen <= {"Hani", "Hira", "Kana"} and seen & {"Hira", "Kana"}:
        return "Jpan"
    if len(seen) == 1:
        return seen.pop()
    if seen <= {"Hang", "Hani"}:
        return "Kore"
    if "Latn" in seen and len(seen) == 2:  # e.g. "AP통신": Latin acronym + native word
        return (seen - {"Latn"}).pop()
    return "Zyyy"


def han_script(lang_tag, text):
    """Refine Hani to Hans/Hant/Jpan from a language tag (zh_CN, zh_TW, ja, ...)."""
    t = lang_tag.replace("-", "_").lower()
    if t.startswith("ja"):
        return "Jpan"
    if t in ("zh_tw", "zh_hk", "zh_mo", "zh_hant", "yue", "zh_hant_tw", "zh_hant_hk"):
        return "Hant"
    if t.startswith("zh"):
        return "Hans"
    return "Hani"


def write_csv(path, rows):
    """rows: iterable of dicts with HEADER keys. Written sorted by (id, row order), RFC 4180."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow([("" if r.get(k) is None else r[k]) for k in HEADER])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        if header not in (HEADER, HEADER[:-1], HEADER[:-2]):
            raise ValueError(f"{path}: bad header {header}")
        return [dict(zip(HEADER, row + [""] * (len(HEADER) - len(row)))) for row in rd]


def validate(rows, name, seen_ids=None):
    """Contract checks. Returns {id: type}. Raises ValueError listing the first problems."""
    problems = []
    pairs = set()
    canon, types, officials, priors, countries = {}, {}, {}, {}, {}
    for i, r in enumerate(rows, 2):
        if len(r) != len(HEADER):
            problems.append(f"line {i}: {len(r)} fields")
        for k in ("id", "canonical", "alias", "type", "kind"):
            if not r.get(k) or r[k] != r[k].strip():
                problems.append(f"line {i}: empty or padded {k}: {r!r}")
        if r["type"] not in TYPES:
            problems.append(f"line {i}: bad type {r['type']}")
        if r["kind"] not in KINDS:
            problems.append(f"line {i}: bad kind {r['kind']}")
        if not re.fullmatch(r"(geonames:\d+|iso3166:[A-Z]{2}|iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3}|"
                            r"iso3166-3:[A-Z]{4}|canonym:[a-z0-9]+(-[a-z0-9]+)*)", r["id"]):
            problems.append(f"line {i}: bad id {r['id']}")
        if r["prior"]:
            try:
                if float(r["prior"]) < 0:
                    raise ValueError
            except ValueError:
                problems.append(f"line {i}: bad prior {r['prior']}")
        if r.get("region") and not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", r["region"]):
            problems.append(f"line {i}: bad region {r['region']}")
        if r.get("country"):
            if not re.fullmatch(r"[A-Z]{2}", r["country"]):
                problems.append(f"line {i}: bad country {r['country']}")
            if r.get("region") and not r["region"].startswith(r["country"] + "-"):
                problems.append(f"line {i}: region {r['region']} not in country {r['country']}")
            if countries.setdefault(r["id"], r["country"]) != r["country"]:
                problems.append(f"line {i}: {r['id']} has two countries")
        key = (r["id"], r["alias"])
        if key in pairs:
            problems.append(f"line {i}: duplicate (id, alias) {key}")
        pairs.add(key)
        for d, v, what in ((canon, r["canonical"], "canonical"), (types, r["type"], "type")):
            if d.setdefault(r["id"], v) != v:
                problems.append(f"line {i}: {r['id']} has two {what}s: {d[r['id']]!r} / {v!r}")
        if r["prior"]:
            if priors.setdefault(r["id"], r["prior"]) != r["prior"]:
                problems.append(f"line {i}: {r['id']} has two priors")
        if r["alias"] == r["canonical"]:
            officials[r["id"]] = r["kind"]
    for id_, c in canon.items():
        if officials.get(id_) != "official":
            problems.append(f"{id_}: canonical {c!r} missing as an official alias row")
    if seen_ids is not None:
        for id_ in canon:
            if id_ in seen_ids:
                problems.append(f"{id_}: id also defined in {seen_ids[id_]}")
            seen_ids[id_] = name
    if problems:
        raise ValueError(f"{name}: {len(problems)} problems:\n  " + "\n  ".join(problems[:30]))
    return types
