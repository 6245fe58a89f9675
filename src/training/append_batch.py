#!/usr/bin/env python3
"""Append a batch of labelled passages to data/xborder-labelled.jsonl, renumbering its ids in sequence.

Usage: python3 append_batch.py [--dev DEV.jsonl] BATCH.jsonl [BATCH.jsonl ...]
A batch is written in the training file's format with ids <batch>-0001, ... (validate it first with
check_labelled.py --batch --file BATCH.jsonl). A passage is skipped when its text is already present, when it
nearly repeats a passage already in the file with the same categories (character 5-gram overlap > 0.8, the
validator's near-duplicate rule) or, with --dev, when it nearly repeats a dev passage. Stdlib only. Run
check_labelled.py --strict afterwards.
"""
import collections, json, os, sys

from check_labelled import ngrams

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "data", "xborder-labelled.jsonl")
NEAR = 0.8
COMMON = 300  # a gram shared by hundreds of passages says nothing about copying (as in check_labelled)


class Index:
    """Character 5-grams of passages, to find the ones a new text nearly repeats."""

    def __init__(self):
        self.grams, self.keys, self.postings = [], [], collections.defaultdict(list)

    def add(self, grams, key):
        for g in grams:
            self.postings[g].append(len(self.grams))
        self.grams.append(grams)
        self.keys.append(key)

    def nearest(self, grams, key=None):
        shared = collections.Counter()
        for g in grams:
            p = self.postings.get(g, ())
            if len(p) <= COMMON:
                shared.update(p)
        for i, _ in shared.most_common():
            other = self.grams[i]
            sim = len(grams & other) / max(1, min(len(grams), len(other)))
            if sim > NEAR and (key is None or self.keys[i] == key):
                return i, sim
        return None


def main(args):
    dev = Index()
    if args and args[0] == "--dev":
        with open(args[1], encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    dev.add(ngrams(d["text"]), d["id"])
        args = args[2:]
    with open(TARGET, encoding="utf-8") as fh:
        existing = [json.loads(l) for l in fh if l.strip()]
    texts = {r["text"] for r in existing}
    index = Index()
    for r in existing:
        index.add(ngrams(r["text"]), tuple(r["categories"]))
    n = len(existing)
    added = skipped = 0
    with open(TARGET, "a", encoding="utf-8") as out:
        for path in args:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    grams, key = ngrams(r["text"]), tuple(r["categories"])
                    why = ("text already present" if r["text"] in texts
                           else "near-copy of a dev passage" if dev.nearest(grams)
                           else "nearly repeats a passage with the same categories" if index.nearest(grams, key)
                           else None)
                    if why:
                        print(f"skipped ({why}): {r['id']}", file=sys.stderr)
                        skipped += 1
                        continue
                    texts.add(r["text"])
                    index.add(grams, key)
                    n += 1
                    r["id"] = "xb-%04d" % n
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                    added += 1
    print(f"appended {added} passages, skipped {skipped}; the file now holds {n}")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1:] == ["--dev"]:
        sys.exit(__doc__)
    main(sys.argv[1:])
