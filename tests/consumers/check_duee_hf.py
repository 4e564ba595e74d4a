#!/usr/bin/env python3
"""Load DuEE 1.0 JSONL exports with Hugging Face `datasets` (the JSON loader, as a training
script would) and check that the nested records come through typed and that every start
still points at its surface: text[start:start+len(surface)] == surface.
Usage: check_duee_hf.py FILE [FILE...]"""
import sys

from datasets import load_dataset

failed = 0
for path in sys.argv[1:]:
    ds = load_dataset("json", data_files=path, split="train")
    for col in ("text", "id", "event_list"):
        if col not in ds.column_names:
            print(f"{path}: no column {col}", file=sys.stderr)
            failed += 1
    checked = 0
    for row in ds:
        t = row["text"]
        for e in row["event_list"] or []:
            items = [(e["trigger_start_index"], e["trigger"])]
            items += [(a["argument_start_index"], a["argument"]) for a in e["arguments"] or []]
            for s, surface in items:
                if not isinstance(s, int):
                    print(f"{path}: {row['id']}: start {s!r} is not an int", file=sys.stderr)
                    failed += 1
                elif t[s:s + len(surface)] != surface:
                    print(f"{path}: {row['id']}: {surface!r} is not at {s}", file=sys.stderr)
                    failed += 1
                checked += 1
    print(f"{path}: datasets loaded {ds.num_rows} rows, {checked} offsets checked")
    if checked == 0:
        print(f"{path}: nothing to check", file=sys.stderr)
        failed += 1
sys.exit(1 if failed else 0)
