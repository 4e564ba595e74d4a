//! Chinese line breaking (禁则): where a line of laid-out text may end. An opening bracket or
//! quote (“ 《 （ …) never ends a line and closing punctuation (， 。 ： ” 》 …) never starts
//! one; a run of Latin letters and digits is not cut either. Pure: the text view measures
//! the chars and lays out the rows this gives.

/// Whether `c` may not end a line: opening brackets and quotes.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '《'
            | '〈'
            | '（'
            | '('
            | '【'
            | '['
            | '「'
            | '『'
            | '〔'
            | '〖'
            | '｛'
            | '{'
            | '＜'
    )
}

/// Whether `c` may not start a line: closing brackets and quotes, and the punctuation that
/// follows what it belongs to.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '）'
            | ')'
            | '】'
            | ']'
            | '」'
            | '』'
            | '〕'
            | '〗'
            | '｝'
            | '}'
            | '＞'
            | '…'
            | '·'
            | '・'
            | '．'
            | '％'
            | '‰'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '%'
    )
}

/// Whether a line may end between `before` and `after`.
pub fn may_break(before: char, after: char) -> bool {
    if is_opening(before) || is_closing(after) {
        return false;
    }
    // Not inside a Latin word or a number.
    !(before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric())
}

/// Where the rows of a paragraph start (after the first, which starts at 0), given each
/// char's advance width and the width of a row: as many chars as fit on each row, then back
/// to the last place [`may_break`] allows. Where a row has no such place (one long word),
/// it is cut where it overflows. `widths` has one entry per char of `chars`.
pub fn row_starts(chars: &[char], widths: &[f32], max_width: f32) -> Vec<usize> {
    let n = chars.len().min(widths.len());
    let mut starts = Vec::new();
    let mut start = 0;
    let mut x = 0.0;
    let mut i = 0;
    while i < n {
        // Whitespace may hang past the edge.
        if i > start && x + widths[i] > max_width && !chars[i].is_whitespace() {
            let mut b = i;
            while b > start && !may_break(chars[b - 1], chars[b]) {
                b -= 1;
            }
            if b == start {
                b = i;
            }
            starts.push(b);
            start = b;
            x = widths[b..i].iter().sum();
            continue;
        }
        x += widths[i];
        i += 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `s` with every char 1 wide and `per_row` to a row.
    fn rows(s: &str, per_row: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let widths = vec![1.0; chars.len()];
        let mut cuts = row_starts(&chars, &widths, per_row as f32);
        cuts.push(chars.len());
        let mut out = Vec::new();
        let mut a = 0;
        for b in cuts {
            out.push(chars[a..b].iter().collect());
            a = b;
        }
        out
    }

    #[test]
    fn rows_fill_up_to_the_width() {
        assert_eq!(rows("一二三四五六七", 3), ["一二三", "四五六", "七"]);
        assert_eq!(rows("一二三", 3), ["一二三"]);
        assert!(row_starts(&[], &[], 3.0).is_empty());
    }

    #[test]
    fn closing_punctuation_does_not_start_a_row() {
        // 。 would start the second row: 二 goes down with it.
        assert_eq!(rows("一二三。四五", 3), ["一二", "三。四", "五"]);
        assert_eq!(rows("甲乙丙，：丁", 3), ["甲乙", "丙，：", "丁"]);
        assert_eq!(rows("甲乙丙”。丁", 3), ["甲乙", "丙”。", "丁"]);
    }

    #[test]
    fn an_opening_quote_or_bracket_does_not_end_a_row() {
        assert_eq!(rows("甲乙“丙丁", 3), ["甲乙", "“丙丁"]);
        assert_eq!(rows("发布了《办法》", 4), ["发布了", "《办法》"]);
        let r = rows("发布了《办法》", 3);
        assert!(r.iter().all(|row| !row.ends_with('《')), "{r:?}");
        assert!(r.iter().all(|row| !row.starts_with('》')), "{r:?}");
    }

    #[test]
    fn latin_words_and_numbers_are_not_cut_unless_they_fill_a_row() {
        assert_eq!(rows("甲2026年", 3), ["甲", "202", "6年"]);
        assert_eq!(rows("甲乙ab", 3), ["甲乙", "ab"]);
        assert_eq!(rows("abcdefg", 3), ["abc", "def", "g"]);
    }

    #[test]
    fn no_row_breaks_a_rule_where_another_cut_was_possible() {
        let s = "据《中华人民共和国统计法》规定，“十四五”期间（2021—2025年）：全省GDP增长6.5%。";
        for per_row in 3..12 {
            let r = rows(s, per_row);
            assert_eq!(r.concat(), s);
            for w in r.windows(2) {
                let last = w[0].chars().last().unwrap();
                let first = w[1].chars().next().unwrap();
                let width_full = w[0].chars().count() >= per_row;
                assert!(may_break(last, first) || width_full, "{per_row}: {r:?}");
            }
            assert!(r.iter().all(|row| row.chars().count() <= per_row));
        }
    }
}
