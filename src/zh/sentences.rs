//! Sentence splitting for Chinese news (and mixed Chinese/ASCII text).
//!
//! Rules, in order of precedence:
//! - a line end (`\n`) always ends a sentence;
//! - nothing splits inside 《…》 or 〈…〉 (titles may contain 。！？);
//! - 。！？；… end a sentence, and so do ASCII `!?;` unless an ASCII letter or digit follows
//!   (`a.php?id=3`); a run of enders (`！？`, `……`, `?!`) is one end;
//! - ASCII `.` and full-width `．` end a sentence only when followed by the end of the line,
//!   whitespace, a closing quote or a CJK char, and not in `3.5`, `1.2万`, `www.x.cn`, a list
//!   marker (`1. `) or an initial (`J. K.`, `U.S.`);
//! - closing quotes and brackets (”’」』）)】》 and a closing ASCII `"`) after the end stay with
//!   the sentence.
//!
//! Ranges are char (code point) offsets, end exclusive, trimmed of surrounding whitespace
//! (including U+3000 and `\r`), and never empty.

use crate::model::CharRange;

/// Chars that end a sentence wherever they stand (ASCII ones are checked separately).
fn is_cjk_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '｡')
}

fn is_ascii_end(c: char) -> bool {
    matches!(c, '!' | '?' | ';')
}

fn is_dot(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// Closing quotes and brackets that belong to the sentence they follow. ASCII `"` is handled
/// by parity.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '］' | ']' | '〕'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c)
}

/// True for CJK ideographs and CJK punctuation/full-width forms: text in which an ASCII stop
/// right before it is a sentence end (`He left.然后`).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Does the ASCII or full-width dot at `i` end a sentence that started at `start`?
fn dot_ends(chars: &[char], start: usize, i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    // 3.5, 1.2万, www.x.cn, v2.0: the dot sits inside a token.
    if next.is_some_and(is_ascii_alnum) || next.is_some_and(is_dot) {
        return false;
    }
    // The next char must open a new sentence or close this one.
    let next_ok = match next {
        None => true,
        Some(c) => c.is_whitespace() || is_closer(c) || c == '"' || is_cjk(c) || is_cjk_end(c),
    };
    if !next_ok {
        return false;
    }
    // A list marker: only digits since the sentence began (`1. 第一项`, `１．`).
    let body: Vec<char> = chars[start..i]
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !body.is_empty() && body.len() <= 3 && body.iter().all(|c| is_digit(*c)) {
        return false;
    }
    // English goes on in lower case after an abbreviation (`the U.S. today`).
    if next == Some(' ') && chars.get(i + 2).is_some_and(|c| c.is_ascii_lowercase()) {
        return false;
    }
    // An initial: a single ASCII capital letter after a non-letter (`J. K. Rowling`, `U.S.`).
    if let Some(p) = prev
        && p.is_ascii_uppercase()
        && (i < 2 || !chars[i - 2].is_ascii_alphabetic())
        && next.is_some_and(|c| c == ' ')
        && chars.get(i + 2).is_some_and(|c| c.is_ascii_uppercase())
    {
        return false;
    }
    // Common abbreviations followed by a name.
    let word: String = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if matches!(
        word.as_str(),
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "St" | "No" | "vs" | "Jr" | "Sr" | "Inc" | "Co"
    ) && next == Some(' ')
    {
        return false;
    }
    true
}

/// The sentences of `text` as char ranges, without surrounding whitespace.
pub fn split(text: &str) -> Vec<CharRange> {
    let chars: Vec<char> = text.chars().collect();
    split_chars(&chars)
}

/// [`split`] over text already collected into chars; offsets are indices into `chars`.
pub fn split_chars(chars: &[char]) -> Vec<CharRange> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<CharRange>, s: usize, e: usize| {
        let (mut s, mut e) = (s, e);
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if s < e {
            out.push(CharRange::new(s as u32, e as u32));
        }
    };
    let mut start = 0usize;
    let mut depth = 0u32; // inside 《》 or 〈〉
    let mut quotes = 0u32; // ASCII " seen in this sentence
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                push(&mut out, start, i);
                start = i + 1;
                depth = 0;
                quotes = 0;
                i += 1;
                continue;
            }
            '《' | '〈' => depth += 1,
            '》' | '〉' => depth = depth.saturating_sub(1),
            '"' => quotes += 1,
            _ => {}
        }
        let ends = depth == 0
            && (is_cjk_end(c)
                || (is_ascii_end(c) && !chars.get(i + 1).is_some_and(|n| is_ascii_alnum(*n)))
                || (is_dot(c) && dot_ends(chars, start, i)));
        if !ends {
            i += 1;
            continue;
        }
        // One end may be a run (！？, ……, ?!, ...), then closers; a closer may be followed by
        // another end (“好！”。) which still belongs here.
        let mut e = i + 1;
        loop {
            match chars.get(e) {
                Some(&n) if is_cjk_end(n) || is_ascii_end(n) || is_dot(n) => e += 1,
                Some(&n) if is_closer(n) => e += 1,
                Some(&'"') if quotes % 2 == 1 => {
                    quotes += 1;
                    e += 1;
                }
                _ => break,
            }
        }
        push(&mut out, start, e);
        start = e;
        quotes = 0;
        i = e;
    }
    push(&mut out, start, chars.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<String> {
        let c: Vec<char> = t.chars().collect();
        split(t)
            .into_iter()
            .map(|r| c[r.start as usize..r.end as usize].iter().collect())
            .collect()
    }

    #[test]
    fn chinese_sentence_ends_and_closing_quotes() {
        assert_eq!(
            sents("他说：“我们来了。”大家鼓掌！真的吗？是的；好……走吧"),
            vec![
                "他说：“我们来了。”",
                "大家鼓掌！",
                "真的吗？",
                "是的；",
                "好……",
                "走吧"
            ]
        );
    }

    #[test]
    fn runs_of_enders_are_one_end() {
        assert_eq!(
            sents("真的吗？！太好了！！！等等……再说。。好"),
            vec!["真的吗？！", "太好了！！！", "等等……", "再说。。", "好"]
        );
    }

    #[test]
    fn closing_brackets_and_quotes_stay_with_the_sentence() {
        assert_eq!(
            sents("（完。）他说「好。」『行！』“对吗？”】下一句。"),
            vec![
                "（完。）",
                "他说「好。」",
                "『行！』",
                "“对吗？”】",
                "下一句。"
            ]
        );
        assert_eq!(sents("“好！”。然后"), vec!["“好！”。", "然后"]);
    }

    #[test]
    fn never_inside_titles_or_decimals() {
        assert_eq!(
            sents("出台《关于推进。全省建设的方案》并实施。增长3.5%。"),
            vec!["出台《关于推进。全省建设的方案》并实施。", "增长3.5%。"]
        );
        assert_eq!(
            sents("阅读《你好！世界？》和〈篇。名〉。共1.2万人，约３.５亿元。"),
            vec![
                "阅读《你好！世界？》和〈篇。名〉。",
                "共1.2万人，约３.５亿元。"
            ]
        );
    }

    #[test]
    fn ascii_punctuation_in_mixed_text() {
        assert_eq!(
            sents("版本v2.0发布.访问www.acftu.org.cn?id=3了解;详见第3.5节!好"),
            vec![
                "版本v2.0发布.",
                "访问www.acftu.org.cn?id=3了解;",
                "详见第3.5节!",
                "好"
            ]
        );
        assert_eq!(
            sents("He said \"yes.\" Then J. K. Rowling met Mr. Smith in the U.S. today. 好"),
            vec![
                "He said \"yes.\"",
                "Then J. K. Rowling met Mr. Smith in the U.S. today.",
                "好"
            ]
        );
    }

    #[test]
    fn ascii_semicolons_and_question_marks_in_chinese_text_end_sentences() {
        assert_eq!(
            sents("如何让更多技能人才脱颖而出?烟台市总工会破题;鼓励企业。"),
            vec![
                "如何让更多技能人才脱颖而出?",
                "烟台市总工会破题;",
                "鼓励企业。"
            ]
        );
    }

    #[test]
    fn list_markers_and_ascii_ellipsis() {
        assert_eq!(
            sents("1. 第一项\n２．第二项。Wait... 再说"),
            vec!["1. 第一项", "２．第二项。", "Wait...", "再说"]
        );
    }

    #[test]
    fn lines_end_sentences_and_offsets_are_chars() {
        let t = "𠮷野家😀开店。\n\n第二行没有句号\r\n\u{3000}\u{3000}第三行  ";
        let r = split(t);
        assert_eq!(r[0], CharRange::new(0, 7));
        assert_eq!(sents(t), vec!["𠮷野家😀开店。", "第二行没有句号", "第三行"]);
        assert!(split("").is_empty());
        assert!(split(" \n\r\n。").len() == 1);
    }

    #[test]
    fn an_unclosed_title_mark_is_reset_at_the_line_end() {
        assert_eq!(
            sents("《未闭合。还在书名里\n新行。第二句。"),
            vec!["《未闭合。还在书名里", "新行。", "第二句。"]
        );
    }
}
