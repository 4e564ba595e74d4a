#!/usr/bin/env python3
"""Check a brat standoff folder as brat reads it, in plain Python (no package).

Usage: check_brat.py DIR [MIN_T_LINES]

For every DIR/*.ann with its .txt (read as UTF-8 with its line ends kept), every `T` line's
offsets (code points, `s e` or `s e;s e`) must land on its stated surface (Python `str`
slicing, fragments joined with a space, a line end shown as a space), every `E` line's
trigger must be a `T` of its type and its arguments existing `T` or `E` ids, every `A`/`M`
and `#` line must refer to an existing id. With DIR/annotation.conf, every `T` label must be
declared (an entity or an event type) and every attribute with one of its declared values.
"""
import os
import sys


def read_conf(path):
    sections = {}
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                sections.setdefault(section, [])
                continue
            if section is not None:
                sections[section].append(line)
    entities = {l.split()[0].lstrip("!") for l in sections.get("entities", [])}
    events = {l.split()[0].lstrip("!") for l in sections.get("events", []) if "=" not in l.split()[0]}
    attributes = {}
    for l in sections.get("attributes", []):
        name, _, rest = l.partition("\t") if "\t" in l else l.partition(" ")
        values = None
        for item in rest.split(","):
            k, _, v = item.strip().partition(":")
            if k == "Value":
                values = set(v.split("|"))
        attributes[name.strip()] = values
    return entities, events, attributes


def check_doc(ann_path, conf, errors):
    txt_path = ann_path[: -len(".ann")] + ".txt"
    with open(txt_path, encoding="utf-8", newline="") as f:
        text = f.read()
    with open(ann_path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    where = lambda n: f"{ann_path}:{n}"
    t_labels, e_ids, refs = {}, set(), []
    n_t = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        ident = cols[0]
        if ident.startswith("T"):
            n_t += 1
            label, _, offsets = cols[1].partition(" ")
            parts = []
            for frag in offsets.split(";"):
                s, e = (int(x) for x in frag.split())
                if not 0 <= s < e <= len(text):
                    errors.append(f"{where(n)}: {ident} {s} {e} outside the text ({len(text)} chars)")
                    break
                parts.append(text[s:e].replace("\r", " ").replace("\n", " "))
            else:
                if " ".join(parts) != cols[2]:
                    errors.append(f"{where(n)}: {ident} says {cols[2]!r}, the text has {' '.join(parts)!r}")
            t_labels[ident] = label
            if conf and label not in conf[0] and label not in conf[1]:
                errors.append(f"{where(n)}: {ident}: label {label} not in annotation.conf")
        elif ident.startswith("E"):
            e_ids.add(ident)
            items = cols[1].split()
            etype, _, trigger = items[0].partition(":")
            refs.append((n, ident, trigger, etype))
            for item in items[1:]:
                refs.append((n, ident, item.partition(":")[2], None))
            if conf and etype not in conf[1]:
                errors.append(f"{where(n)}: {ident}: event type {etype} not in annotation.conf")
        elif ident.startswith(("A", "M")):
            fields = cols[1].split(" ")
            if len(fields) not in (2, 3):
                errors.append(f"{where(n)}: {ident}: not Name Target [Value]")
                continue
            refs.append((n, ident, fields[1], None))
            if conf:
                values = conf[2].get(fields[0], "missing")
                if values == "missing":
                    errors.append(f"{where(n)}: {ident}: attribute {fields[0]} not in annotation.conf")
                elif (values is None) != (len(fields) == 2) or (values and fields[2] not in values):
                    errors.append(f"{where(n)}: {ident}: {fields[0]} value does not match annotation.conf")
        elif ident.startswith("#"):
            kind, _, target = cols[1].partition(" ")
            if kind != "AnnotatorNotes" or len(cols) != 3:
                errors.append(f"{where(n)}: {ident}: not an AnnotatorNotes line")
            refs.append((n, ident, target, None))
        else:
            errors.append(f"{where(n)}: {ident}: a line biaozhu does not write")
    for n, ident, target, etype in refs:
        if target not in t_labels and target not in e_ids:
            errors.append(f"{where(n)}: {ident} refers to {target}, which is not in the file")
        elif etype is not None and t_labels.get(target) != etype:
            errors.append(f"{where(n)}: {ident}: trigger {target} is not a {etype} span")
    return n_t


def main():
    folder = sys.argv[1]
    min_t = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    conf_path = os.path.join(folder, "annotation.conf")
    conf = read_conf(conf_path) if os.path.exists(conf_path) else None
    errors = []
    anns = sorted(f for f in os.listdir(folder) if f.endswith(".ann"))
    n_t = sum(check_doc(os.path.join(folder, f), conf, errors) for f in anns)
    if not anns:
        errors.append(f"{folder}: no .ann files")
    if n_t < min_t:
        errors.append(f"{folder}: {n_t} T lines, expected at least {min_t}")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"{folder}: {len(anns)} document{'' if len(anns) == 1 else 's'}, {n_t} T lines: offsets, surfaces and ids all hold")


if __name__ == "__main__":
    main()
