#!/usr/bin/env python3
"""Check a biaozhu corpus JSON file the way a Python consumer would read it.

Usage: check_corpus.py CORPUS.json

Each span passes when doc["text"][start:end] == span["text"] (offsets are code points, end
exclusive, so Python str slicing needs no conversion), 0 <= start < end <= len(text), its
label is in the schema (entities, figures, event types; ARG and the structure labels are always
allowed) and its id is unique. Each event passes when it points at exported spans of its
document. Prints one line per problem and an "N passed, M failed" summary; exits 1 if anything
failed, 2 if the file cannot be read. Standard library only.
"""

import json
import sys

FORMAT = "biaozhu-corpus"
ALWAYS_ALLOWED = {"ARG", "ARTICLE", "HEADLINE", "DATELINE", "BYLINE", "CAPTION"}
KINDS = {"entity", "figure", "trigger", "argument", "structure"}


def schema_labels(schema):
    """Allowed labels per span kind."""
    entities = {l["key"] for l in schema.get("entities", [])}
    figures = {l["key"] for l in schema.get("figures", [])}
    events = {e["key"] for e in schema.get("events", [])}
    return {
        "entity": entities,
        "figure": figures,
        "trigger": events,
        "argument": entities | figures | ALWAYS_ALLOWED,
        "structure": ALWAYS_ALLOWED,
    }


def check(corpus):
    """Yield a list of problems for every span and event (empty = it passed), and for the file."""
    if corpus.get("format") != FORMAT:
        yield [f"format is {corpus.get('format')!r}, expected {FORMAT!r}"]
        return
    if corpus.get("version") != 1:
        yield [f"version is {corpus.get('version')!r}, expected 1"]
        return
    allowed = schema_labels(corpus.get("schema", {}))
    doc_ids = set()
    for doc in corpus.get("documents", []):
        did = doc.get("id")
        if did in doc_ids:
            yield [f"document {did!r} appears twice"]
        doc_ids.add(did)
        text = doc["text"]
        span_ids = set()
        for s in doc.get("spans", []):
            where = f"{did}: {s.get('id')}"
            problems = []
            start, end = s["start"], s["end"]
            if s["id"] in span_ids:
                problems.append(f"{where}: duplicate span id")
            span_ids.add(s["id"])
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                problems.append(f"{where}: offsets {start}..{end} do not fit the text ({len(text)} chars)")
            elif text[start:end] != s["text"]:
                problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span says {s['text']!r}")
            kind = s.get("kind")
            if kind not in KINDS:
                problems.append(f"{where}: unknown kind {kind!r}")
            elif s["label"] not in allowed[kind]:
                problems.append(f"{where}: label {s['label']!r} ({kind}) is not in the schema")
            if s.get("status", "accepted") not in ("accepted", "pending"):
                problems.append(f"{where}: status {s.get('status')!r} should not be exported")
            yield problems
        for e in doc.get("events", []):
            where = f"{did}: {e.get('id')}"
            refs = [e["trigger"]] + [a["span"] for a in e.get("args", [])]
            missing = [r for r in refs if r not in span_ids]
            if missing:
                yield [f"{where}: points at spans that are not exported: {', '.join(missing)}"]
            else:
                yield []


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} CORPUS.json", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, encoding="utf-8") as f:
            corpus = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    passed = failed = 0
    for problems in check(corpus):
        if problems:
            failed += 1
            for message in problems:
                print(f"{path}: {message}")
        else:
            passed += 1
    docs = len(corpus.get("documents", [])) if isinstance(corpus, dict) else 0
    print(f"{path}: {docs} document{'' if docs == 1 else 's'}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
