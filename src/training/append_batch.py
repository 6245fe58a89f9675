#!/usr/bin/env python3
"""Append a batch of labelled passages to data/xborder-labelled.jsonl, renumbering its ids in sequence.

Usage: python3 append_batch.py BATCH.jsonl [BATCH.jsonl ...]
A batch is written in the training file's format with ids <batch>-0001, ... (validate it first with
check_labelled.py --batch --file BATCH.jsonl). Stdlib only. Run check_labelled.py --strict afterwards.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "data", "xborder-labelled.jsonl")


def main(paths):
    with open(TARGET, encoding="utf-8") as fh:
        existing = [json.loads(l) for l in fh if l.strip()]
    texts = {r["text"] for r in existing}
    n = len(existing)
    added = 0
    with open(TARGET, "a", encoding="utf-8") as out:
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    if r["text"] in texts:
                        print(f"skipped (text already present): {r['id']}", file=sys.stderr)
                        continue
                    texts.add(r["text"])
                    n += 1
                    r["id"] = "xb-%04d" % n
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                    added += 1
    print(f"appended {added} passages; the file now holds {n}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
