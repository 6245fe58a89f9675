#!/usr/bin/env python3
"""Check a blind batch: python3 check_batch.py <folder>/passages.jsonl <folder>/documents
Passages: schema, id sequence, sorted lists, allowed labels, duplicates, near-duplicates.
Documents: every <name>.txt has <name>.expected.json; every labelled string is an exact substring; every sentence
of the text (title included) is covered by exactly one of findings / negatives / boilerplate / unscored."""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
# beside check_labelled.py in a writer's scratch folder, or in the repository next to ../training
sys.path[:0] = [HERE, os.path.join(HERE, "..", "training")]
import check_labelled as cl

SENT = re.compile(r"(?<=[.!?。！？])[\"'”’）)]*\s+|(?<=[。！？；])")


def sentences(text):
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        for s in SENT.split(line):
            s = s.strip()
            if len(s) > 1:
                yield s


def check_documents(folder):
    errors = []
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))
    if not names:
        errors.append(f"{folder}: no documents")
    for name in names:
        where = name
        side = os.path.join(folder, name + ".expected.json")
        if not os.path.exists(side):
            errors.append(f"{where}: no {name}.expected.json"); continue
        text = open(os.path.join(folder, name + ".txt"), encoding="utf-8").read()
        try:
            s = json.load(open(side, encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{where}: bad JSON {e}"); continue
        for k in ("document", "lang", "title", "jurisdiction", "origin", "source", "findings", "negatives",
                  "boilerplate", "unscored", "notes"):
            if k not in s:
                errors.append(f"{where}: missing key {k}")
        if s.get("document") != name + ".txt":
            errors.append(f"{where}: document must be {name}.txt")
        if s.get("title") != text.split("\n", 1)[0].strip():
            errors.append(f"{where}: title is not the first line")
        if s.get("origin") not in cl.ORIGINS:
            errors.append(f"{where}: bad origin")
        j = s.get("jurisdiction")
        if j is not None and j not in cl.ISO:
            errors.append(f"{where}: bad jurisdiction {j}")
        labelled = []
        for f in s.get("findings", []):
            t = f.get("text", "")
            labelled.append(t)
            for k, allowed in cl.LISTS.items():
                v = f.get(k)
                if not isinstance(v, list) or v != sorted(v) or len(v) != len(set(v)) or any(x not in allowed for x in v):
                    errors.append(f"{where}: finding {t[:50]!r}: bad {k} {v}")
            if not f.get("categories"):
                errors.append(f"{where}: finding {t[:50]!r} without categories")
            if not f.get("dataCategories"):
                errors.append(f"{where}: finding {t[:50]!r} without dataCategories")
            if f.get("modality") not in cl.MODALITIES:
                errors.append(f"{where}: finding {t[:50]!r}: bad modality")
            if j is not None and j not in f.get("jurisdictions", []):
                errors.append(f"{where}: finding {t[:50]!r} lacks the document's jurisdiction {j}")
        for k in ("negatives", "boilerplate", "unscored"):
            labelled += list(s.get(k, []))
        if len(s.get("unscored", [])) > 2:
            errors.append(f"{where}: more than 2 unscored sentences")
        for t in labelled:
            if not t or t not in text:
                errors.append(f"{where}: not an exact substring: {t[:70]!r}")
        if len(labelled) != len(set(labelled)):
            errors.append(f"{where}: a string is labelled twice")
        for sent in sentences(text):
            hits = [t for t in labelled if t and (sent in t or t in sent)]
            if not hits:
                errors.append(f"{where}: sentence not labelled: {sent[:80]!r}")
        n = len(list(sentences(text)))
        if not 15 <= n <= 60:
            errors.append(f"{where}: {n} sentences (15-45 wanted)")
    return errors


def main(argv):
    if len(argv) != 3:
        print(__doc__); return 2
    errors, rows = cl.validate(argv[1], batch=True)
    errors += cl.near_duplicates(rows)
    errors += check_documents(argv[2])
    for e in errors:
        print(e)
    print(f"{len(rows)} passages; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
