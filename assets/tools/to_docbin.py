#!/usr/bin/env python3
"""Make a spaCy DocBin (.spacy, for `spacy train`) from a biaozhu `--format spacy` export.

Usage: python3 to_docbin.py EXPORT.jsonl OUT.spacy [--key sc]

Each record becomes a Doc made from its own tokens (words and `ws`, so the Doc's text is the
record's text exactly). Every span goes into doc.spans[KEY] (default "sc", what spaCy's
spancat reads), where spans may overlap; doc.ents, which cannot hold overlaps, gets the
longest of overlapping spans (spacy.util.filter_spans), and the spans left out of ents are
counted. A span that does not fall on the tokens is an error naming the line."""
import json
import sys

import spacy
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans


def to_doc(nlp, r, key):
    """The Doc of one record, its spans in doc.spans[key] and doc.ents; None if one does not align."""
    if r.get("tokens"):
        doc = Doc(nlp.vocab, words=[t["text"] for t in r["tokens"]],
                  spaces=[bool(t.get("ws")) for t in r["tokens"]])
    else:
        doc = nlp.make_doc(r["text"])
    if doc.text != r["text"]:
        return None
    spans = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in r.get("spans", [])]
    if any(s is None for s in spans):
        return None
    doc.spans[key] = spans
    doc.ents = filter_spans(spans)
    return doc


def main(argv):
    if len(argv) not in (3, 5) or len(argv) == 5 and argv[3] != "--key":
        sys.exit(__doc__)
    src, out = argv[1], argv[2]
    key = argv[4] if len(argv) == 5 else "sc"
    nlp = spacy.blank("zh")
    db = DocBin(store_user_data=False)
    spans = ents = 0
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            doc = to_doc(nlp, json.loads(line), key)
            if doc is None:
                sys.exit(f"{src}:{n}: a span does not fall on the record's tokens")
            db.add(doc)
            spans += len(doc.spans[key])
            ents += len(doc.ents)
    db.to_disk(out)
    print(f"wrote {out}: {len(db)} docs, {spans} spans in doc.spans[{key!r}], {ents} in doc.ents"
          + (f" ({spans - ents} overlapping spans are in doc.spans only)" if spans > ents else ""))


if __name__ == "__main__":
    main(sys.argv)
