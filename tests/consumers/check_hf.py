#!/usr/bin/env python3
"""Load biaozhu's hf export with Hugging Face `datasets` as a training script would.

  check_hf.py load FOLDER DOCS [MAX]
      data.jsonl loads with the JSON loader, has DOCS rows with id, tokens and ner_tags of
      equal lengths (at most MAX tokens a row when given: `export --max-chars`); labels.json
      names every id (O first) and becomes the ClassLabel of ner_tags; the dataset card
      lists the same names.
  check_hf.py make FOLDER
      Write a token classification set the way a datasets user does (ClassLabel features,
      Dataset.to_json, labels.json), for biaozhu to import; prints nothing.
  check_hf.py spans SPANS_JSONL LABEL:SURFACE...
      biaozhu's hf-spans export of the imported set holds exactly these spans."""
import json
import os
import sys

from datasets import ClassLabel, Dataset, Features, Sequence, Value, load_dataset

NAMES = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def load(folder, docs, most=None):
    ds = load_dataset("json", data_files=os.path.join(folder, "data.jsonl"), split="train")
    if ds.num_rows != docs:
        sys.exit(f"{folder}: {ds.num_rows} rows, expected {docs} documents")
    if most is not None:
        longest = max(len(r["tokens"]) for r in ds)
        if longest > most:
            sys.exit(f"{folder}: a row of {longest} tokens, more than {most}")
    for col in ("id", "tokens", "ner_tags"):
        if col not in ds.column_names:
            sys.exit(f"{folder}: no column {col}")
    with open(os.path.join(folder, "labels.json"), encoding="utf-8") as f:
        names = json.load(f)
    if not names or names[0] != "O" or len(set(names)) != len(names):
        sys.exit(f"{folder}: labels.json is not O and distinct tag names: {names}")
    top = max((max(r["ner_tags"], default=0) for r in ds), default=0)
    if top >= len(names):
        sys.exit(f"{folder}: id {top} has no name in labels.json ({len(names)} names)")
    for r in ds:
        if len(r["tokens"]) != len(r["ner_tags"]):
            sys.exit(f"{folder}: {r['id']}: tokens and ner_tags differ in length")
    ds = ds.cast_column("ner_tags", Sequence(ClassLabel(names=names)))
    feature = ds.features["ner_tags"]
    inner = getattr(feature, "feature", None) or feature[0]
    if inner.names != names:
        sys.exit(f"{folder}: ClassLabel names differ from labels.json")
    with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
        card = f.read()
    for i, n in enumerate(names):
        if f"'{i}': '" not in card:
            sys.exit(f"{folder}: the card does not list id {i} ({n})")
    tagged = sum(1 for r in ds for t in r["ner_tags"] if t != 0)
    print(f"{folder}: {ds.num_rows} rows, {len(names)} tag names, {tagged} tagged tokens, ClassLabel attached")


def make(folder):
    os.makedirs(folder, exist_ok=True)
    features = Features({
        "id": Value("string"),
        "tokens": Sequence(Value("string")),
        "ner_tags": Sequence(ClassLabel(names=NAMES)),
    })
    ds = Dataset.from_dict({
        "id": ["a", "b"],
        "tokens": [["张", "三", "在", "北", "京"], ["Ada", "Lovelace", "visited", "Paris", "."]],
        "ner_tags": [[1, 2, 0, 3, 4], [1, 2, 0, 3, 0]],
    }, features=features)
    ds.to_json(os.path.join(folder, "data.jsonl"), force_ascii=False)
    with open(os.path.join(folder, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(ds.features["ner_tags"].feature.names
                  if hasattr(ds.features["ner_tags"], "feature") else NAMES, f)


def spans(path, want):
    got = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            got += [f"{s['label']}:{rec['text'][s['start']:s['end']]}" for s in rec["spans"]]
    if sorted(got) != sorted(want):
        sys.exit(f"{path}: spans {got}, expected {want}")
    print(f"{path}: the datasets-written set reads with its {len(got)} spans")


mode = sys.argv[1]
if mode == "load":
    load(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else None)
elif mode == "make":
    make(sys.argv[2])
elif mode == "spans":
    spans(sys.argv[2], sys.argv[3:])
else:
    sys.exit(f"unknown mode {mode}")
