#!/usr/bin/env python3
"""Print the character set of the bundled font (fonts/NotoSansSC-biaozhu.otf).

Usage:
    python3 fonts/make_charset.py > fonts/charset/charset.txt
    python3 fonts/make_charset.py --stats      # counts per part, on stderr

The output is plain UTF-8 text for `pyftsubset --text-file`: every character of
the set once, in code point order, 64 to a line. Standard library only.

The set (DESIGN.md section 8, "Fonts") is the union of:
  * every character GBK can encode: each double-byte code (lead 0x81-0xFE,
    trail 0x40-0xFE except 0x7F) decoded with Python's 'gbk' codec, skipping
    codes that do not decode and private-use results (U+E000-U+F8FF).
    The same codes are also decoded with 'gb18030', which agrees with 'gbk'
    wherever 'gbk' decodes and maps 81 more of them (€ at A2E3, ⿰ at A98A,
    㑇 䶮 ⺁ ... at FE50-FE9F) to ordinary Unicode characters, so text that
    went through a GB18030 decoder is covered too;
  * the 8,105 characters of the Table of General Standard Chinese Characters
    (通用规范汉字表, 2013), read from charset/tgscc-8105.txt next to this file;
  * fixed Unicode ranges: Latin, CJK punctuation, kana, full-width forms,
    U+FFFD and common symbols (see RANGES below).
"""

import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TGSCC = os.path.join(HERE, "charset", "tgscc-8105.txt")

# (first, last, what): inclusive code point ranges added as they are.
RANGES = [
    (0x0020, 0x007E, "ASCII printable"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x024F, "Latin Extended-A/B (pinyin tone marks: ā ǎ ǚ ...)"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters (ˇ ˉ ˊ ˋ ˙)"),
    (0x0391, 0x03C9, "Greek letters"),
    (0x0401, 0x0451, "Cyrillic (as in GB 2312)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x20A0, 0x20CF, "Currency Symbols (€ ...)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ Ⅱ ⅰ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x2580, 0x259F, "Block Elements"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ▲ ○ ●)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆)"),
    (0x2E80, 0x2EFF, "CJK Radicals Supplement"),
    (0x2F00, 0x2FDF, "Kangxi Radicals"),
    (0x2FF0, 0x2FFF, "Ideographic Description Characters"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x31C0, 0x31EF, "CJK Strokes"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊣)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏)"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE50, 0xFE6F, "Small Form Variants"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0xFFFD, 0xFFFD, "Replacement Character"),
    (0x20BB7, 0x20BB7, "𠮷 (variant of 吉 in names; the usual non-BMP test character)"),
]


def is_private_use(cp):
    return 0xE000 <= cp <= 0xF8FF


def gbk_chars_codec(codec):
    """Characters the GBK double-byte codes decode to with `codec` (no private use)."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                s = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(s) == 1 and not is_private_use(ord(s)):
                out.add(s)
    return out


def gbk_chars():
    """Every character a GBK double-byte code decodes to, by 'gbk' or by
    'gb18030' (no private use)."""
    return gbk_chars_codec("gbk") | gbk_chars_codec("gb18030")


def tgscc_chars():
    with open(TGSCC, encoding="utf-8") as f:
        chars = [line.strip() for line in f if line.strip()]
    if len(chars) != 8105 or len(set(chars)) != 8105 or any(len(c) != 1 for c in chars):
        sys.exit(f"{TGSCC}: expected 8105 distinct characters, one per line")
    return set(chars)


def range_chars():
    out = set()
    for first, last, _ in RANGES:
        for cp in range(first, last + 1):
            if unicodedata.category(chr(cp)) in ("Cc", "Cs", "Co"):
                continue
            out.add(chr(cp))
    return out


def main():
    gbk = gbk_chars()
    tgscc = tgscc_chars()
    ranges = range_chars()
    charset = sorted(gbk | tgscc | ranges)
    if "--stats" in sys.argv[1:]:
        err = sys.stderr
        gbk_only = gbk_chars_codec("gbk")
        print(f"GBK double-byte, non-PUA: {len(gbk)} (gbk codec: {len(gbk_only)}, "
              f"gb18030 adds {len(gbk - gbk_only)})", file=err)
        print(f"TGSCC 8105: {len(tgscc)} ({len(tgscc - gbk_only)} outside the gbk codec's set, "
              f"{len(tgscc - gbk)} outside the set above, "
              f"{sum(ord(c) > 0xFFFF for c in tgscc)} beyond the BMP)", file=err)
        print(f"fixed ranges: {len(ranges)} ({len(ranges - gbk - tgscc)} not in the above)", file=err)
        print(f"total: {len(charset)}", file=err)
    for i in range(0, len(charset), 64):
        sys.stdout.write("".join(charset[i:i + 64]) + "\n")


if __name__ == "__main__":
    main()
