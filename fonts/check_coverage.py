#!/usr/bin/env python3
"""Report characters of text files that a font has no glyph for.

Usage:
    .venv-fonts/bin/python fonts/check_coverage.py FONT TEXT_FILE [TEXT_FILE ...]

FONT may be a .otf/.ttf, or a .ttc with `FONT#INDEX` (e.g. NotoSansCJK-Regular.ttc#2).
Text files are read as UTF-8. Whitespace and control/format characters (Unicode
categories Zs/Zl/Zp, Cc, Cf) are ignored. Prints each missing character with its
code point and count, and exits 1 if any is missing, 0 otherwise. Needs fontTools.
"""

import collections
import sys
import unicodedata

from fontTools.ttLib import TTFont

IGNORED_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def load_cmap(spec):
    path, _, index = spec.partition("#")
    font = TTFont(path, fontNumber=int(index) if index else -1, lazy=True)
    return set(font.getBestCmap())


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmap = load_cmap(argv[1])
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        counts = collections.Counter(
            c for c in text
            if not c.isspace() and unicodedata.category(c) not in IGNORED_CATEGORIES
        )
        missing = sorted(c for c in counts if ord(c) not in cmap)
        print(f"{path}: {len(counts)} distinct characters, {len(missing)} missing")
        for c in missing:
            name = unicodedata.name(c, "?")
            print(f"  U+{ord(c):04X} {c} x{counts[c]} {name}")
        failed = failed or bool(missing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
