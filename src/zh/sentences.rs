//! Sentence splitting for Chinese news: sentences end at 。！？；…… (and ASCII .!?; when they
//! end a sentence, not inside 3.5) and at line ends; closing quotes and brackets stay with
//! their sentence; nothing splits inside 《…》.

use crate::model::CharRange;

fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\''
    )
}

/// The sentences of `text` as char ranges, without surrounding whitespace.
pub fn split(text: &str) -> Vec<CharRange> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut depth = 0i32; // inside 《》
    let mut i = 0usize;
    let push = |out: &mut Vec<CharRange>, s: usize, e: usize| {
        let mut s = s;
        let mut e = e;
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
    while i < chars.len() {
        let c = chars[i];
        match c {
            '《' => depth += 1,
            '》' => depth = (depth - 1).max(0),
            '\n' => {
                push(&mut out, start, i);
                start = i + 1;
                depth = 0;
                i += 1;
                continue;
            }
            _ => {}
        }
        let ascii_stop = c == '.'
            && !(i > 0
                && chars[i - 1].is_ascii_digit()
                && i + 1 < chars.len()
                && chars[i + 1].is_ascii_digit());
        if depth == 0 && (is_end(c) || ascii_stop) {
            let mut e = i + 1;
            // …… and ！？ runs, then closing quotes and brackets.
            while e < chars.len() && (is_end(chars[e]) || chars[e] == '.') {
                e += 1;
            }
            while e < chars.len() && is_closer(chars[e]) {
                e += 1;
            }
            push(&mut out, start, e);
            start = e;
            i = e;
            continue;
        }
        i += 1;
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
    fn never_inside_titles_or_decimals() {
        assert_eq!(
            sents("出台《关于推进。全省建设的方案》并实施。增长3.5%。"),
            vec!["出台《关于推进。全省建设的方案》并实施。", "增长3.5%。"]
        );
    }

    #[test]
    fn lines_end_sentences_and_offsets_are_chars() {
        let t = "𠮷野家😀开店。\n\n第二行没有句号\r\n第三行";
        let r = split(t);
        assert_eq!(r[0], CharRange::new(0, 7));
        assert_eq!(sents(t), vec!["𠮷野家😀开店。", "第二行没有句号", "第三行"]);
    }
}
