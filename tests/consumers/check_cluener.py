#!/usr/bin/env python3
"""Check CLUENER 2020 JSONL exports with plain Python, as CLUENER's own loaders read them:
every range [s, e] (end inclusive, code points) gives text[s:e+1] == its surface.
Usage: check_cluener.py FILE [MIN]            at least MIN ranges checked
       check_cluener.py --same INPUT EXPORT   the export holds the input's records, one by
                                              one (text and label dicts equal as parsed JSON)"""
import json
import sys


def records(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield n, json.loads(line)


if sys.argv[1] == "--same":
    a, b = list(records(sys.argv[2])), list(records(sys.argv[3]))
    passed = failed = 0
    for (n, x), (_, y) in zip(a, b):
        if x["text"] == y["text"] and x.get("label", {}) == y.get("label", {}):
            passed += 1
        else:
            failed += 1
            if failed <= 5:
                print(f"record {n} differs:\n  {x}\n  {y}", file=sys.stderr)
    if len(a) != len(b):
        failed += 1
        print(f"{len(a)} records in, {len(b)} out", file=sys.stderr)
    print(f"{sys.argv[3]} against {sys.argv[2]}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

passed = failed = 0
for n, d in records(sys.argv[1]):
    t = d["text"]
    for ty, surfaces in d["label"].items():
        for surface, ranges in surfaces.items():
            for s, e in ranges:
                if t[s:e + 1] == surface and 0 <= s <= e < len(t):
                    passed += 1
                else:
                    failed += 1
                    print(f"line {n}: {ty} {surface!r} is not at [{s}, {e}]", file=sys.stderr)
print(f"{sys.argv[1]}: {passed} passed, {failed} failed")
minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 0
if passed < minimum:
    print(f"{sys.argv[1]}: expected at least {minimum} ranges", file=sys.stderr)
sys.exit(1 if failed or passed < minimum else 0)
