#!/usr/bin/env python3
"""Validate the project's labelled training corpus (data/xborder-labelled.jsonl).

Usage: python3 check_labelled.py [--strict] [--file PATH] [--dev PATH] [--batch]
  Schema and consistency errors always make the exit status 1.
  --strict  also fail when the size/balance targets (see TARGETS) are not met.
  --dev     path to the shared dev corpus (dev.jsonl): fail on any text that also occurs there,
            on near-copies (character 5-gram overlap > 0.8) and warn above 0.6, so the dev corpus
            stays a fair measuring stick.
  --batch   a batch written for merging: ids are <batch>-0001, … (renumbered to xb-… when merged).
Near-duplicates inside the file (character 5-gram overlap > 0.8) are always errors.
Stdlib only. Allowed values mirror the taxonomy (the Java enums in src/main/java/io/xborder/classify).
"""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILE = os.path.join(HERE, "data", "xborder-labelled.jsonl")

CATEGORIES = {"DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER"}
MECHANISMS = {"SECURITY_ASSESSMENT", "STANDARD_CONTRACT", "CERTIFICATION", "ADEQUACY", "CONSENT",
              "BINDING_CORPORATE_RULES", "GOVERNMENT_ACCESS", "EXEMPTION"}
MODALITIES = {"REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT"}
DATA_CATEGORIES = {"PERSONAL_INFORMATION", "SENSITIVE_PERSONAL_INFORMATION", "IMPORTANT_DATA", "CORE_DATA",
                   "VEHICLE_DATA", "HEALTH_DATA", "FINANCIAL_DATA", "GOVERNMENT_DATA", "OTHER"}
ORIGINS = {"statute", "regulation", "guidance", "news-style"}
LEGAL_ORIGINS = {"statute", "regulation", "guidance"}
ISO = set("""AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE
GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP
KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF
NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN
SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
ZM ZW""".split()) | {"EU"}
KEYS = ["id", "lang", "doc", "docJurisdiction", "text", "categories", "mechanisms", "modality",
        "jurisdictions", "dataCategories", "origin", "note"]
LISTS = {"categories": CATEGORIES, "mechanisms": MECHANISMS, "jurisdictions": ISO, "dataCategories": DATA_CATEGORIES}
CJK = re.compile(r"[\u4e00-\u9fff]")
DOC_KEY = re.compile(r"[a-z0-9][a-z0-9.\-]*")

# size / balance targets checked with --strict
TARGETS = {"min_total": 4000, "min_en": 2000, "min_zh": 1500, "min_hard_share": 0.40, "pos_share": (0.40, 0.60),
           "min_jurisdictions": 80, "min_per_value": 60}


def validate(path, batch=False):
    errors, rows = [], []
    ids, texts = set(), {}

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{os.path.basename(path)}:{n}"
            if not line.strip():
                err(where, "blank line"); continue
            try:
                r = json.loads(line)
            except ValueError as e:
                err(where, f"bad JSON: {e}"); continue
            if not isinstance(r, dict):
                err(where, "not a JSON object"); continue
            if list(r.keys()) != KEYS:
                err(where, f"keys/order {list(r.keys())} != {KEYS}"); continue
            rid = r["id"]
            prefix = rid.rsplit("-", 1)[0] if batch and isinstance(rid, str) and "-" in rid else "xb"
            if not isinstance(rid, str) or not re.fullmatch(re.escape(prefix) + r"-\d{4,5}", rid):
                err(where, f"bad id {rid!r}")
            elif rid != "%s-%04d" % (prefix, n):
                err(where, f"id {rid} out of sequence (expected {prefix}-{n:04d})")
            if rid in ids:
                err(where, f"duplicate id {rid}")
            ids.add(rid)
            lang, t = r["lang"], r["text"]
            if lang not in ("en", "zh"):
                err(where, "lang must be en|zh")
            if not isinstance(t, str) or not t.strip() or t != t.strip() or "\n" in t:
                err(where, "text empty, untrimmed or multi-line")
            else:
                if t in texts:
                    err(where, f"duplicate text (also line {texts[t]})")
                texts[t] = n
                if lang == "zh" and not CJK.search(t):
                    err(where, "zh text without Chinese characters")
                if lang == "en" and CJK.search(t):
                    err(where, "en text with Chinese characters (mixed EN/ZH passages are lang zh)")
            if "\\u" in line and CJK.search(t or ""):
                err(where, "ASCII-escaped characters (write with ensure_ascii=False)")
            if not isinstance(r["doc"], str) or not DOC_KEY.fullmatch(r["doc"]):
                err(where, f"doc key must be lower-case [a-z0-9.-]: {r['doc']!r}")
            dj = r["docJurisdiction"]
            if dj is not None and dj not in ISO:
                err(where, f"bad docJurisdiction {dj!r}")
            origin = r["origin"]
            if origin not in ORIGINS:
                err(where, f"bad origin {origin!r}")
            elif origin == "news-style" and dj is not None:
                err(where, "news-style passages have docJurisdiction null")
            elif origin in LEGAL_ORIGINS and dj is None:
                err(where, f"{origin} passages need a docJurisdiction")
            note = r["note"]
            if not isinstance(note, str):
                err(where, "note must be a string"); note = ""
            for k, allowed in LISTS.items():
                v = r[k]
                if not isinstance(v, list):
                    err(where, f"{k} not a list"); continue
                if v != sorted(v):
                    err(where, f"{k} not sorted: {v}")
                if len(v) != len(set(v)):
                    err(where, f"{k} has duplicates")
                bad = [x for x in v if x not in allowed]
                if bad:
                    err(where, f"{k} has invalid values {bad}")
            mod = r["modality"]
            if mod is not None and mod not in MODALITIES:
                err(where, f"invalid modality {mod!r}")
            if r["categories"]:
                if mod is None:
                    err(where, "positive without modality")
                if not r["dataCategories"]:
                    err(where, "positive without dataCategories")
                if dj is not None and isinstance(r["jurisdictions"], list) and dj not in r["jurisdictions"]:
                    err(where, f"positive legal passage lacks its docJurisdiction {dj}")
                if note.startswith("HARD-NEG"):
                    err(where, "positive marked HARD-NEG")
            else:
                if r["mechanisms"] or r["jurisdictions"] or r["dataCategories"] or mod is not None:
                    err(where, "negative must have empty lists and null modality")
            rows.append(r)
    return errors, rows


def ngrams(t, n=5):
    t = re.sub(r"\s+", " ", t.lower())
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}


def near_duplicates(rows, threshold=0.8):
    """Pairs of passages in one file whose character 5-grams overlap above the threshold and whose categories
    agree (a near-identical pair with different categories is a deliberate contrast and stays)."""
    grams = [ngrams(r["text"]) for r in rows]
    postings = collections.defaultdict(list)
    for i, g in enumerate(grams):
        for x in g:
            postings[x].append(i)
    errors = []
    for i, g in enumerate(grams):
        shared = collections.Counter()
        for x in g:
            p = postings[x]
            if len(p) <= 300:  # grams shared by hundreds of passages say nothing about copying
                shared.update(j for j in p if j > i)
        for j, k in shared.items():
            sim = len(g & grams[j]) / max(1, min(len(g), len(grams[j])))
            if sim > threshold and rows[i]["categories"] == rows[j]["categories"]:
                errors.append(f"{rows[i]['id']} and {rows[j]['id']}: {sim:.2f} 5-gram overlap (near-duplicate)")
    return errors


def compare_dev(rows, dev_path):
    errors, warnings = [], []
    dev = [json.loads(l) for l in open(dev_path, encoding="utf-8") if l.strip()]
    dev_texts = {d["text"] for d in dev}
    dev_grams = [(d["id"], ngrams(d["text"])) for d in dev]
    for r in rows:
        if r["text"] in dev_texts:
            errors.append(f"{r['id']}: text also in dev corpus")
            continue
        g = ngrams(r["text"])
        for did, dg in dev_grams:
            if not g or not dg:
                continue
            sim = len(g & dg) / min(len(g), len(dg))
            if sim > 0.8:
                errors.append(f"{r['id']}: {sim:.2f} 5-gram overlap with {did} (near-copy of a dev passage)")
            elif sim > 0.6:
                warnings.append(f"{r['id']}: {sim:.2f} 5-gram overlap with {did}")
    return errors, warnings


def report(rows):
    c = collections.Counter
    pos = [r for r in rows if r["categories"]]
    neg = [r for r in rows if not r["categories"]]
    hard = [r for r in neg if r["note"].startswith("HARD-NEG")]
    print(f"passages {len(rows)}  positives {len(pos)}  negatives {len(neg)}  hard negatives {len(hard)}")
    for lang in ("en", "zh"):
        print(f"  {lang}: {sum(r['lang'] == lang for r in rows)} passages, "
              f"{sum(r['lang'] == lang for r in pos)} positives, {sum(r['lang'] == lang for r in neg)} negatives, "
              f"{sum(r['lang'] == lang for r in hard)} hard negatives")
    print("categories:", dict(c(x for r in pos for x in r["categories"]).most_common()),
          "| both:", sum(len(r["categories"]) == 2 for r in pos))
    print("mechanisms:", dict(c(x for r in pos for x in r["mechanisms"]).most_common()),
          "| none:", sum(not r["mechanisms"] for r in pos))
    print("modality:", dict(c(r["modality"] for r in pos).most_common()))
    print("dataCategories:", dict(c(x for r in pos for x in r["dataCategories"]).most_common()))
    print("origin:", dict(c(r["origin"] for r in rows).most_common()))
    print("jurisdictions:", len({x for r in pos for x in r["jurisdictions"]}), "distinct;",
          dict(c(x for r in pos for x in r["jurisdictions"]).most_common()))
    print("documents:", len({r["doc"] for r in rows}))
    return pos, neg, hard


def main(argv):
    strict = "--strict" in argv
    path = argv[argv.index("--file") + 1] if "--file" in argv else DEFAULT_FILE
    errors, rows = validate(path, batch="--batch" in argv)
    errors += near_duplicates(rows)
    warnings = []
    if "--dev" in argv:
        e, warnings = compare_dev(rows, argv[argv.index("--dev") + 1])
        errors += e
    pos, neg, hard = report(rows)
    if strict and rows:
        n = len(rows)
        if n < TARGETS["min_total"]:
            errors.append(f"target: {n} passages < {TARGETS['min_total']}")
        for lang in ("en", "zh"):
            k = sum(r["lang"] == lang for r in rows)
            if k < TARGETS["min_" + lang]:
                errors.append(f"target: {k} {lang} passages < {TARGETS['min_' + lang]}")
        if len(hard) < TARGETS["min_hard_share"] * n:
            errors.append(f"target: {len(hard)} hard negatives < {TARGETS['min_hard_share']:.0%} of {n}")
        lo, hi = TARGETS["pos_share"]
        if not lo <= len(pos) / n <= hi:
            errors.append(f"target: positive share {len(pos) / n:.2f} outside {lo}-{hi}")
        jurisdictions = {x for r in pos for x in r["jurisdictions"]}
        if len(jurisdictions) < TARGETS["min_jurisdictions"]:
            errors.append(f"target: {len(jurisdictions)} jurisdictions < {TARGETS['min_jurisdictions']}")
        counts = collections.Counter()
        for r in pos:
            counts.update(r["mechanisms"])
            counts.update(r["dataCategories"])
            counts[r["modality"]] += 1
        for value in sorted(MECHANISMS | DATA_CATEGORIES | MODALITIES):
            if counts[value] < TARGETS["min_per_value"]:
                errors.append(f"target: {value} on {counts[value]} positives < {TARGETS['min_per_value']}")
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
