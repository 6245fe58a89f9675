#!/usr/bin/env python3
"""Turn the labelled sentences of whole documents (a blind batch's documents/*.txt + *.expected.json) into
training passages, for a blind batch that has been read and moves to training.

Usage: python3 documents_to_passages.py DOCUMENTS_DIR NOTE > batch.jsonl
Findings become positives with their labels, negatives become negatives (marked HARD-NEG when they speak of
data, storage, hosting or movement abroad, as on-topic sentences without a finding are); boilerplate and
unscored sentences are left out. NOTE (e.g. "blind batch 2, read and moved to training") ends every passage's note.
Then: python3 append_batch.py batch.jsonl && python3 check_labelled.py --strict. Stdlib only.
"""
import json, os, re, sys

ON_TOPIC = re.compile(r"\b(data|records?|information|stor\w*|host\w*|servers?|cloud|transfer\w*|abroad|overseas|"
                      r"foreign|cross-border|locali[sz]\w*|residency|region)\b|数据|信息|存储|储存|境外|出境|跨境|本地|"
                      r"服务器|云|传输|境内", re.IGNORECASE)


def passages(directory, note):
    n = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".expected.json"):
            continue
        doc = name[: -len(".expected.json")]
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            sidecar = json.load(fh)
        base = {"lang": sidecar["lang"], "doc": doc, "docJurisdiction": sidecar.get("jurisdiction")}
        why = f"sentence of document {doc} ({note})"
        for f in sidecar.get("findings", []):
            n += 1
            yield dict(id=f"doc-{n:04d}", **base, text=f["text"], categories=sorted(f["categories"]),
                       mechanisms=sorted(f["mechanisms"]), modality=f["modality"],
                       jurisdictions=sorted(f["jurisdictions"]), dataCategories=sorted(f["dataCategories"]),
                       origin=sidecar["origin"], note=why)
        for text in sidecar.get("negatives", []):
            n += 1
            hard = "HARD-NEG: on-topic words, no finding; " if ON_TOPIC.search(text) else ""
            yield dict(id=f"doc-{n:04d}", **base, text=text, categories=[], mechanisms=[], modality=None,
                       jurisdictions=[], dataCategories=[], origin=sidecar["origin"], note=hard + why)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for p in passages(sys.argv[1], sys.argv[2]):
        print(json.dumps(p, ensure_ascii=False))
