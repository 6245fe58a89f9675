#!/usr/bin/env python3
"""Score whole documents against their sidecars through a running xborder service.

Usage: python3 score_documents.py --url http://127.0.0.1:8080 [--api-key KEY] [--no-jurisdiction] DIR [DIR ...]

Each DIR holds <name>.txt + <name>.expected.json (the format of src/blind/batch-*/documents). Every document is
posted to POST /api/v1/documents (with its language, and its jurisdiction unless --no-jurisdiction); the findings
of the passages that overlap an expected sentence are pooled (categories, union of mechanisms, jurisdictions and
data categories, modality of the most confident finding) and compared with the expected labels, as
io.xborder.analysis.DocumentQuality does in-process. Negatives and boilerplate lines that get a finding count as
false findings. A document already stored (same text) is answered from storage, so run it against a fresh
service to measure the model it runs. Stdlib only; the key may also come from XB_API_KEY.
"""
import argparse
import glob
import json
import os
import sys
import urllib.request


def post(url, key, body):
    req = urllib.request.Request(url + "/api/v1/documents", data=json.dumps(body).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    if key:
        req.add_header("X-API-Key", key)
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.load(resp)


def overlaps(passage, span):
    return span[0] >= 0 and passage["start"] < span[1] and span[0] < passage["end"]


def pooled(passages, span):
    cats, mechs, jurs, dcats, modality, best = set(), set(), set(), set(), None, -1.0
    for p in passages:
        if not overlaps(p, span):
            continue
        for f in p["findings"]:
            cats.add(f["category"])
            mechs.update(f["mechanisms"])
            jurs.update(f["jurisdictions"])
            dcats.update(f["dataCategories"])
            if f["confidence"] > best:
                best, modality = f["confidence"], f["modality"]
    return cats, mechs, jurs, dcats, modality


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--api-key", default=os.environ.get("XB_API_KEY"))
    ap.add_argument("--no-jurisdiction", action="store_true", help="let the service find each document's jurisdiction")
    ap.add_argument("--verbose", action="store_true", help="print every expected finding that is not exact")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    docs = exact = cats_right = total = false_findings = 0
    right = {"mechanisms": 0, "jurisdictions": 0, "dataCategories": 0, "modality": 0}
    for d in a.dirs:
        for sidecar in sorted(glob.glob(os.path.join(d, "*.expected.json"))):
            s = json.load(open(sidecar, encoding="utf-8"))
            text = open(sidecar[: -len(".expected.json")] + ".txt", encoding="utf-8").read()
            body = {"title": s.get("title") or s["document"], "text": text, "language": s["lang"]}
            if s.get("jurisdiction") and not a.no_jurisdiction:
                body["jurisdiction"] = s["jurisdiction"]
            passages = post(a.url.rstrip("/"), a.api_key, body)["passages"]
            docs += 1
            spans = []
            for e in s["findings"]:
                at = text.find(e["text"])
                span = (at, at + len(e["text"]))
                spans.append(span)
                cats, mechs, jurs, dcats, modality = pooled(passages, span)
                total += 1
                if cats != set(e["categories"]):
                    if a.verbose:
                        print(f"MISSED {s['document']}: {sorted(cats)} for {e['categories']}: {e['text'][:90]}")
                    continue
                cats_right += 1
                checks = {"mechanisms": mechs == set(e["mechanisms"]), "jurisdictions": jurs == set(e["jurisdictions"]),
                          "dataCategories": dcats == set(e["dataCategories"]), "modality": modality == e["modality"]}
                for k, ok in checks.items():
                    right[k] += ok
                if all(checks.values()):
                    exact += 1
                elif a.verbose:
                    got = {"mechanisms": sorted(mechs), "jurisdictions": sorted(jurs),
                           "dataCategories": sorted(dcats), "modality": modality}
                    wrong = "; ".join(f"{k} {got[k]} for {e[k]}" for k, ok in checks.items() if not ok)
                    print(f"WRONG {s['document']} {wrong}: {e['text'][:90]}")
            for sentence in s.get("negatives", []) + s.get("boilerplate", []):
                at = text.find(sentence)
                span = (at, at + len(sentence))
                for p in passages:
                    if p["findings"] and overlaps(p, span) and not any(overlaps(p, x) for x in spans):
                        false_findings += 1
                        if a.verbose:
                            print(f"FALSE {s['document']}: {sentence[:90]}")
                        break
    if not total:
        sys.exit("no expected findings found")
    print(f"{docs} documents: {exact} of {total} expected findings exact ({100 * exact / total:.1f} %), "
          f"{cats_right} with the right categories ({100 * cats_right / total:.1f} %); "
          f"{false_findings} findings on sentences that must have none; of those with the right categories, right: "
          + ", ".join(f"{k} {v}" for k, v in right.items()))


if __name__ == "__main__":
    main()
