#!/usr/bin/env python3
"""Check a DuEE 1.0 JSONL export with plain Python: every trigger and argument start points
at its surface (text[start:start+len(surface)] == surface, code point offsets).
Usage: check_duee.py FILE [MIN]; with MIN, fewer than MIN checked offsets is a failure too."""
import json
import sys

passed = failed = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        d = json.loads(line)
        t = d["text"]
        for e in d["event_list"]:
            items = [(e["trigger_start_index"], e["trigger"])]
            items += [(a["argument_start_index"], a["argument"]) for a in e["arguments"]]
            for s, surface in items:
                if t[s:s + len(surface)] == surface:
                    passed += 1
                else:
                    failed += 1
                    print(f"line {n}: {surface!r} is not at {s}", file=sys.stderr)
print(f"{sys.argv[1]}: {passed} passed, {failed} failed")
minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 0
if passed < minimum:
    print(f"{sys.argv[1]}: expected at least {minimum} offsets", file=sys.stderr)
sys.exit(1 if failed or passed < minimum else 0)
