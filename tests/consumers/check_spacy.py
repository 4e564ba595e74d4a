#!/usr/bin/env python3
"""Check a biaozhu `--format spacy` export with spaCy itself: spacy.blank("zh") tokenises each
text to exactly the record's tokens, Doc.char_span finds every span (never None) with
span.text == text[start:end], and token_start/token_end (inclusive) are the span's tokens.
Then assets/tools/to_docbin.py turns it into a DocBin, which is reloaded and counted.
Usage: check_spacy.py EXPORT.jsonl OUT.spacy [MIN]   at least MIN spans checked"""
import json
import subprocess
import sys

import spacy
from spacy.tokens import DocBin

path, docbin = sys.argv[1], sys.argv[2]
minimum = int(sys.argv[3]) if len(sys.argv) > 3 else 0
nlp = spacy.blank("zh")
passed = failed = docs = 0
want_spans = want_ents = 0
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        r = json.loads(line)
        docs += 1
        t = r["text"]
        doc = nlp(t)
        mine = [{"text": x.text, "start": x.idx, "end": x.idx + len(x.text), "id": x.i,
                 "ws": bool(x.whitespace_)} for x in doc]
        if mine != r["tokens"]:
            failed += 1
            print(f"line {n}: the tokens are not spaCy's", file=sys.stderr)
        spans = []
        for s in r["spans"]:
            sp = doc.char_span(s["start"], s["end"], label=s["label"])
            if (sp is not None and sp.text == t[s["start"]:s["end"]]
                    and sp.start == s["token_start"] and sp.end - 1 == s["token_end"]):
                passed += 1
                spans.append(sp)
            else:
                failed += 1
                print(f"line {n}: span {s} does not align (char_span gave {sp!r})", file=sys.stderr)
        want_spans += len(spans)
        want_ents += len(spacy.util.filter_spans(spans))

subprocess.run([sys.executable, "assets/tools/to_docbin.py", path, docbin], check=True)
db = DocBin().from_disk(docbin)
back = list(db.get_docs(nlp.vocab))
got_spans = sum(len(d.spans["sc"]) for d in back)
got_ents = sum(len(d.ents) for d in back)
if (len(back), got_spans, got_ents) == (docs, want_spans, want_ents):
    passed += 1
else:
    failed += 1
    print(f"DocBin holds {len(back)} docs, {got_spans} spans, {got_ents} ents; "
          f"expected {docs}, {want_spans}, {want_ents}", file=sys.stderr)
print(f"{path}: {passed} passed, {failed} failed")
if passed < minimum:
    print(f"{path}: expected at least {minimum} spans", file=sys.stderr)
sys.exit(1 if failed or passed < minimum else 0)
