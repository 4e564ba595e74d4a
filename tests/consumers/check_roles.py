#!/usr/bin/env python3
"""Read a CoNLL export of event arguments under their roles (`--kinds argument --roles`) as a
seqeval user does, and hold it against the DuEE records the project was imported from.

  check_roles.py EXPORT DUEE_JSONL MIN_SHARE

Every (role, surface) seqeval finds in EXPORT is an argument of DuEE_JSONL with that role and
text (whitespace aside: CoNLL writes no whitespace token), counted with multiplicity, and they
make at least MIN_SHARE of the records' arguments (overlapping arguments cannot all be tags;
the export names each one it leaves out)."""
import json
import sys
from collections import Counter

from check_conll import read as sentences
from seqeval.metrics.sequence_labeling import get_entities


def bare(s):
    return "".join(s.split())


def main():
    export, source, min_share = sys.argv[1], sys.argv[2], float(sys.argv[3])
    found = Counter()
    for sent in sentences(export):
        tokens = [t for t, _ in sent]
        for role, start, end in get_entities([g for _, g in sent]):
            found[(role, bare("".join(tokens[start : end + 1])))] += 1
    gold = Counter()
    with open(source, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            for event in record.get("event_list", []):
                for arg in event.get("arguments", []):
                    gold[(arg["role"], bare(arg["argument"]))] += 1
    extra = found - gold
    assert not extra, f"roles not in the DuEE records: {list(extra.items())[:10]}"
    share = sum(found.values()) / max(1, sum(gold.values()))
    assert share >= min_share, f"only {share:.3f} of the arguments found"
    roles = len({r for r, _ in found})
    print(
        f"{export}: seqeval finds {sum(found.values())} arguments under {roles} roles, "
        f"{share:.3f} of the {sum(gold.values())} in {source}, each with its role and text"
    )


if __name__ == "__main__":
    main()
