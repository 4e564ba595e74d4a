#!/usr/bin/env python3
"""Read CoNLL exports as seqeval users do and score them.

  check_conll.py same EXPORT SOURCE
      EXPORT (biaozhu's export of an imported SOURCE) has the same tokens as SOURCE, sentence
      by sentence, and seqeval's f1_score of its tags against SOURCE's is 1.0 (an empty tag in
      SOURCE counts as O, as biaozhu reads it).
  check_conll.py spans EXPORT SPANS_JSONL
      The entities seqeval finds in EXPORT (label and surface) are exactly the spans of the
      hf-spans export SPANS_JSONL of the same project (one document, nothing left out)."""
import json
import sys
from collections import Counter

from seqeval.metrics import f1_score
from seqeval.metrics.sequence_labeling import get_entities


def read(path):
    """Sentences of (token, tag); -DOCSTART- lines are skipped."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            tok, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            cur.append((tok, tag or "O"))
    if cur:
        sents.append(cur)
    return sents


def main():
    mode, export, other = sys.argv[1:4]
    got = read(export)
    if mode == "same":
        want = read(other)
        if len(got) != len(want):
            sys.exit(f"{export}: {len(got)} sentences, {other} has {len(want)}")
        for i, (g, w) in enumerate(zip(got, want)):
            if [t for t, _ in g] != [t for t, _ in w]:
                sys.exit(f"{export}: sentence {i + 1}: tokens differ from {other}")
        y_true = [[t for _, t in s] for s in want]
        y_pred = [[t for _, t in s] for s in got]
        f1 = f1_score(y_true, y_pred)
        if f1 != 1.0:
            sys.exit(f"{export}: seqeval f1 {f1} against {other}, not 1.0")
        n = sum(len(get_entities(s)) for s in y_true)
        print(f"{export}: {len(got)} sentences, {n} entities, seqeval f1 = 1.0")
    elif mode == "spans":
        found = Counter()
        for s in got:
            toks = [t for t, _ in s]
            for label, a, b in get_entities([t for _, t in s]):
                found[(label, "".join(toks[a:b + 1]))] += 1
        want = Counter()
        with open(other, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                for sp in rec["spans"]:
                    want[(sp["label"], rec["text"][sp["start"]:sp["end"]])] += 1
        if found != want:
            sys.exit(f"{export}: seqeval finds {sorted((found - want).items())[:5]} "
                     f"but misses {sorted((want - found).items())[:5]}")
        print(f"{export}: seqeval finds the {sum(want.values())} spans of {other}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
