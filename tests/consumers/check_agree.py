"""Check `biaozhu agree DIR --json` independently: each annotator's spans come from
`biaozhu export DIR --format json --layer NAME` (the corpus format, code-point offsets),
which documents both have a layer from the project folder itself (annotations/<doc>/<name>.ron),
Cohen's kappa over char tags from scikit-learn, exact span F1 in plain Python.

usage: check_agree.py DIR A B    (BIAOZHU = the command to run, default `cargo run --quiet --`)
"""

import json
import os
import shlex
import subprocess
import sys

from sklearn.metrics import cohen_kappa_score

TOL = 1e-9


def biaozhu(*args):
    cmd = shlex.split(os.environ.get("BIAOZHU", "cargo run --quiet --"))
    return subprocess.run(cmd + list(args), check=True, capture_output=True, text=True).stdout


def layer_spans(project, who):
    """doc id -> (text, [(start, end, label)]) of accepted entity/figure spans."""
    corpus = json.loads(biaozhu("export", project, "--format", "json", "--layer", who))
    out = {}
    for d in corpus["documents"]:
        spans = [
            (s["start"], s["end"], s["label"])
            for s in d["spans"]
            if s["kind"] in ("entity", "figure") and s.get("status", "accepted") == "accepted"
        ]
        for s, e, _ in spans:
            assert 0 <= s < e <= len(d["text"]), (d["id"], s, e)
        out[d["id"]] = (d["text"], spans)
    return out


def has_layer(project, doc, who):
    return os.path.isfile(os.path.join(project, "annotations", doc, who + ".ron"))


def tags(n, spans):
    """The label of the span covering each char that starts first (then the longest), or O."""
    t = [None] * n
    for s, e, label in sorted(spans, key=lambda x: (x[0], -x[1], x[2])):
        for i in range(s, min(e, n)):
            if t[i] is None:
                t[i] = label
    return [x if x is not None else "O" for x in t]


def f1_exact(a, b):
    rest = list(b)
    tp = 0
    for x in a:
        if x in rest:
            rest.remove(x)
            tp += 1
    d = len(a) + len(b)
    return None if d == 0 else 2 * tp / d


def close(name, got, want):
    if want is None or got is None:
        assert got == want, f"{name}: biaozhu {got}, python {want}"
    else:
        assert abs(got - want) <= TOL, f"{name}: biaozhu {got}, python {want}"


def main():
    project, a, b = sys.argv[1:4]
    la, lb = layer_spans(project, a), layer_spans(project, b)
    docs = [d for d in la if has_layer(project, d, a) and has_layer(project, d, b)]
    assert docs, "no document where both have a layer"
    all_a, all_b, ta, tb = [], [], [], []
    for d in docs:
        text, sa = la[d]
        _, sb = lb[d]
        all_a += [(d,) + s for s in sa]
        all_b += [(d,) + s for s in sb]
        ta += tags(len(text), sa)
        tb += tags(len(text), sb)
    if len(set(ta) | set(tb)) == 1:
        # One tag everywhere on both sides: sklearn gives NaN (0/0); biaozhu defines it as 1.
        kappa = 1.0
    else:
        kappa = cohen_kappa_score(ta, tb)
    f1 = f1_exact(all_a, all_b)

    got = json.loads(biaozhu("agree", project, "--json", "--annotators", f"{a},{b}"))
    pair = got["pairs"][0]
    assert (pair["a"], pair["b"]) == (a, b), pair
    assert pair["documents"] == len(docs), (pair["documents"], len(docs))
    assert pair["chars"] == len(ta), (pair["chars"], len(ta))
    assert (pair["spans_a"], pair["spans_b"]) == (len(all_a), len(all_b))
    close("cohen_kappa_char", pair["cohen_kappa_char"], kappa)
    close("span_f1_exact", pair["span_f1_exact"], f1)
    labels = {s[3] for s in all_a + all_b}
    per = {x["label"]: x for x in pair["per_label"]}
    assert set(per) == labels, (set(per), labels)
    for label in sorted(labels):
        want = f1_exact([s for s in all_a if s[3] == label], [s for s in all_b if s[3] == label])
        close(f"per_label {label}", per[label]["f1"], want)
    # The label confusion lines up every span once: each side's spans are its cells' counts,
    # and the same label on the same range is the exact matches per label.
    cells = pair["confusion"]["cells"]
    for side, spans_of in (("a", all_a), ("b", all_b)):
        for label in sorted(labels):
            n = sum(c["same_range"] + c["other_range"] for c in cells if c[side] == label)
            want = sum(1 for s in spans_of if s[3] == label)
            assert n == want, f"confusion: {side} {label} {n} spans, {want} in the export"
    for label in sorted(labels):
        diag = [c for c in cells if c["a"] == label and c["b"] == label]
        same = diag[0]["same_range"] if diag else 0
        assert same == per[label]["tp"], f"confusion: {label} {same}, exact tp {per[label]['tp']}"
    for c in cells:
        for place in c.get("places", []):
            for side in ("a", "b"):
                r = place[side]
                if r is not None:
                    want = [s for s in (all_a if side == "a" else all_b)
                            if s[0] == place["doc_id"] and (s[1], s[2]) == tuple(r)]
                    assert want, f"confusion place {place} has no {side} span there"
    print(
        f"agree {a}/{b}: {len(docs)} document{'' if len(docs) == 1 else 's'}, {len(ta)} chars, {len(all_a)}/{len(all_b)} spans, "
        f"kappa {kappa:.6f} and exact F1 {f1:.6f} agree with sklearn/python to 1e-9, "
        f"{len(labels)} labels, the label confusion accounts for every span"
    )


if __name__ == "__main__":
    main()
