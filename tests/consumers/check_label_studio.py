#!/usr/bin/env python3
"""Check a Label Studio export of biaozhu the way Label Studio's importer takes it (plain json).

usage: check_label_studio.py CORPUS.json EXPORT.json [EXPECTED_LS.json]

A list of tasks with data.text; every `labels` result has from_name "label" and to_name
"text" (the labelling config biaozhu documents), value.text == text[start:end] (Python str
offsets: code points) and is, with its label, a span of the same document in biaozhu's corpus
export; every relation joins two results of the same list. With EXPECTED_LS.json every
expected (surface, label) must be there too.
"""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        corpus = {d["id"]: d for d in json.load(f)["documents"]}
    expected = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            for t in json.load(f):
                want = set()
                for part in t.get("annotations", []) + t.get("predictions", []):
                    for r in part["result"]:
                        if r.get("type") == "labels":
                            for l in r["value"]["labels"]:
                                want.add((r["value"]["text"], l))
                expected[t["data"]["text"]] = want
    with open(sys.argv[2], encoding="utf-8") as f:
        tasks = json.load(f)
    assert isinstance(tasks, list) and tasks, "a non-empty list of tasks"
    spans = relations = 0
    for k, t in enumerate(tasks, 1):
        text = t["data"]["text"]
        doc = corpus[t["data"]["name"]]
        assert doc["text"] == text, f"task {k}: text differs from the corpus"
        doc_spans = {(s["start"], s["end"], s["label"]) for s in doc["spans"]}
        got = set()
        for part in t["annotations"] + t.get("predictions", []):
            ids = set()
            for r in part["result"]:
                if r["type"] != "labels":
                    continue
                assert r["from_name"] == "label" and r["to_name"] == "text", f"task {k}: {r}"
                v = r["value"]
                assert text[v["start"]:v["end"]] == v["text"], (
                    f"task {k}: {v['labels']} [{v['start']}, {v['end']}) is {text[v['start']:v['end']]!r}, "
                    f"value.text {v['text']!r}"
                )
                for label in v["labels"]:
                    assert (v["start"], v["end"], label) in doc_spans, f"task {k}: {v}"
                    got.add((v["text"], label))
                ids.add(r["id"])
                spans += 1
            for r in part["result"]:
                if r["type"] == "relation":
                    assert r["from_id"] in ids and r["to_id"] in ids, f"task {k}: {r}"
                    relations += 1
        missing = expected.get(text, set()) - got
        assert not missing, f"task {k}: expected spans missing: {sorted(missing)}"
    print(f"label-studio: {len(tasks)} tasks, {spans} spans with value.text == text[start:end], {relations} relations")


if __name__ == "__main__":
    main()
