#!/usr/bin/env python3
"""Check a doccano export of biaozhu the way a doccano user's script reads it (plain json).

usage: check_doccano.py CORPUS.json EXPORT.jsonl [EXPECTED_LS.json]

doccano counts offsets in UTF-16 code units (JavaScript string indices), so every span is
cut from text.encode('utf-16-le') at 2*start..2*end; that slice must decode (an offset inside
a surrogate pair does not) and be, with its label, a span of the same document in biaozhu's
own corpus export (char offsets). With EXPECTED_LS.json (Label Studio tasks holding the
expected surfaces), every expected (surface, label) must be there too. Relations must join
two entities of their record.
"""
import json
import sys


def utf16_slice(text, start, end):
    units = text.encode("utf-16-le")
    if not (0 <= start < end <= len(units) // 2):
        raise ValueError(f"[{start}, {end}) outside {len(units) // 2} UTF-16 units")
    # strict: a half surrogate pair fails here
    return units[2 * start:2 * end].decode("utf-16-le")


def char_offset(text, unit):
    return len(text.encode("utf-16-le")[:2 * unit].decode("utf-16-le"))


def corpus_spans(path):
    with open(path, encoding="utf-8") as f:
        corpus = json.load(f)
    out = {}
    for d in corpus["documents"]:
        text = d["text"]
        out[d["id"]] = (text, {(s["start"], s["end"], s["label"]) for s in d["spans"]})
    return out


def main():
    corpus = corpus_spans(sys.argv[1])
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
    records = spans = relations = 0
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            records += 1
            text = rec["text"]
            doc_text, doc_spans = corpus[rec["id"]]
            assert text == doc_text, f"line {n}: text differs from the corpus"
            if "entities" in rec:
                items = [(e["start_offset"], e["end_offset"], e["label"]) for e in rec["entities"]]
                ids = {e["id"] for e in rec["entities"]}
                for r in rec["relations"]:
                    assert r["from_id"] in ids and r["to_id"] in ids, f"line {n}: {r}"
                    relations += 1
            else:
                items = [tuple(x) for x in rec["label"]]
            got = set()
            for s, e, label in items:
                surface = utf16_slice(text, s, e)
                cs, ce = char_offset(text, s), char_offset(text, e)
                assert text[cs:ce] == surface, f"line {n}: {label} [{s}, {e})"
                assert (cs, ce, label) in doc_spans, (
                    f"line {n}: {label} {surface!r} at chars [{cs}, {ce}) is no span of {rec['id']}"
                )
                got.add((surface, label))
                spans += 1
            missing = expected.get(text, set()) - got
            assert not missing, f"line {n}: expected spans missing: {sorted(missing)}"
    assert records > 0, "no record"
    print(f"doccano: {records} records, {spans} spans on their UTF-16 offsets, {relations} relations")


if __name__ == "__main__":
    main()
