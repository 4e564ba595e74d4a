#!/usr/bin/env python3
"""Turn a hand-written dev-gold annotation (.tsv) into the gold JSON that tests/devgold.rs reads.

An annotation names lines of a text in ../shared/dev/ and surfaces in them, which is easy to
write and to review; the JSON holds char offsets (code points, end exclusive) into the page,
the page text's sha256 and the values, and is what the tests check. Usage:

    tools/devgold.py ANN.tsv [ANN.tsv ...] --out DIR [--dev ../shared/dev]

Annotation lines (tab-separated; `-` for an empty field; `#` starts a comment line):

    page      ID
    source    news/FILE.txt            (relative to the dev folder)
    lines     FIRST  LAST              (1-based, inclusive; the page is these lines joined by
                                        \\n, with a final \\n)
    published 2001-01-01 | -
    split     tune | test
    layout    free text
    F  LINE  SURFACE  NTH  LABEL  NUMBER  UPPER  UNIT  QUALIFIER  DATE  RESOLVED
    A  LINE                           (an article starts at this line)
    P  LINE  KIND  [SURFACE  NTH]     (a part: the whole line, or SURFACE's NTH occurrence in it)

LABEL is QUANTITY MONEY PERCENT DATE TIME DURATION ORDINAL; QUALIFIER approx at_least at_most
range; KIND kicker headline subhead dateline byline caption section. NTH counts from 1.
"""
import argparse
import hashlib
import json
import pathlib
import sys

LABELS = {"QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "DURATION", "ORDINAL"}
QUALS = {"approx", "at_least", "at_most", "range"}
KINDS = {"kicker", "headline", "subhead", "dateline", "byline", "caption", "section"}


class Bad(Exception):
    pass


def opt(v):
    return None if v in ("-", "") else v


def num(v, where):
    v = opt(v)
    if v is None:
        return None
    try:
        return float(v)
    except ValueError:
        raise Bad(f"{where}: number {v!r} is not a number")


def find_nth(line, surface, nth, where):
    pos = -1
    for _ in range(nth):
        pos = line.find(surface, pos + 1)
        if pos < 0:
            raise Bad(f"{where}: {surface!r} occurs fewer than {nth} times in line: {line[:60]}")
    return pos


def convert(path, dev):
    head = {}
    figs, starts, parts = [], [], []
    for no, raw in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        where = f"{path}:{no}"
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        f = raw.split("\t")
        k = f[0]
        if k in ("page", "source", "published", "split", "layout"):
            head[k] = f[1] if len(f) > 1 else ""
        elif k == "lines":
            head["lines"] = (int(f[1]), int(f[2]))
        elif k == "F":
            if len(f) != 11:
                raise Bad(f"{where}: F needs 11 fields, has {len(f)}")
            figs.append((where, int(f[1]), f[2], int(f[3]), f[4], f[5], f[6], f[7], f[8], f[9], f[10]))
        elif k == "A":
            starts.append((where, int(f[1])))
        elif k == "P":
            if len(f) not in (3, 5):
                raise Bad(f"{where}: P needs 3 or 5 fields")
            parts.append((where, int(f[1]), f[2], f[3] if len(f) == 5 else None, int(f[4]) if len(f) == 5 else 1))
        else:
            raise Bad(f"{where}: unknown line kind {k!r}")
    for key in ("page", "source", "lines", "split"):
        if key not in head:
            raise Bad(f"{path}: missing {key}")
    if head["split"] not in ("tune", "test"):
        raise Bad(f"{path}: split must be tune or test")
    text_lines = (pathlib.Path(dev) / head["source"]).read_text(encoding="utf-8").split("\n")
    first, last = head["lines"]
    lines = text_lines[first - 1:last]
    page = "\n".join(lines) + "\n"
    # char offset of each line's start
    line_start = {}
    off = 0
    for i, l in enumerate(lines):
        line_start[first + i] = off
        off += len(l) + 1

    def at(where, line, surface, nth):
        if line not in line_start:
            raise Bad(f"{where}: line {line} is outside {first}-{last}")
        text = lines[line - first]
        if surface is None:
            return line_start[line], line_start[line] + len(text)
        p = find_nth(text, surface, nth, where)
        return line_start[line] + p, line_start[line] + p + len(surface)

    out_figs = []
    for where, line, surface, nth, label, n, up, unit, q, date, res in figs:
        if label not in LABELS:
            raise Bad(f"{where}: unknown label {label}")
        if opt(q) is not None and q not in QUALS:
            raise Bad(f"{where}: unknown qualifier {q}")
        s, e = at(where, line, surface, nth)
        out_figs.append({
            "start": s, "end": e, "text": surface, "label": label,
            "number": num(n, where), "upper": num(up, where), "unit": opt(unit),
            "qualifier": opt(q), "date": opt(date), "resolved": opt(res),
        })
    out_figs.sort(key=lambda x: (x["start"], x["end"]))
    for a, b in zip(out_figs, out_figs[1:]):
        if b["start"] < a["end"]:
            raise Bad(f"{path}: figures overlap: {a['text']} and {b['text']} at {a['start']}")
    art_starts = sorted(line_start[l] for w, l in starts if l in line_start)
    if len(art_starts) != len(starts):
        raise Bad(f"{path}: an article start is outside the page")
    if len(set(art_starts)) != len(art_starts):
        raise Bad(f"{path}: an article starts twice")
    arts = [{"start": s, "parts": []} for s in art_starts]
    for where, line, kind, surface, nth in parts:
        if kind not in KINDS:
            raise Bad(f"{where}: unknown part kind {kind}")
        s, e = at(where, line, surface, nth)
        owner = [a for a in arts if a["start"] <= s]
        if not owner:
            raise Bad(f"{where}: part before the first article")
        owner[-1]["parts"].append({"kind": kind, "start": s, "end": e, "text": page[s:e]})
    for a in arts:
        a["parts"].sort(key=lambda p: p["start"])
        if not any(p["kind"] == "headline" for p in a["parts"]) and a["parts"] and a["parts"][0]["start"] != a["start"]:
            pass
    return {
        "page": head["page"],
        "source": head["source"],
        "lines": list(head["lines"]),
        "sha256": hashlib.sha256(page.encode("utf-8")).hexdigest(),
        "chars": len(page),
        "published": opt(head.get("published", "-")),
        "split": head["split"],
        "layout": head.get("layout", ""),
        "figures": out_figs,
        "articles": arts,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ann", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dev", default=str(pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "dev"))
    a = ap.parse_args()
    ok = True
    for p in a.ann:
        try:
            g = convert(p, a.dev)
        except (Bad, OSError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            ok = False
            continue
        out = pathlib.Path(a.out) / f"{g['page']}.json"
        out.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out}: {len(g['figures'])} figures, {len(g['articles'])} articles, {g['chars']} chars")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
