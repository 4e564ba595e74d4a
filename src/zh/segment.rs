//! Word segmentation with jieba-rs, for snapping selections to word boundaries and for
//! suggestions. One segmenter per process; a project's user dictionary (`user_words` in
//! `project.ron`, jieba dict lines `word [freq] [tag]`) is added to it.

use std::sync::{OnceLock, RwLock, RwLockReadGuard};

use jieba_rs::Jieba;

struct Seg {
    jieba: Jieba,
    words: Vec<String>,
}

fn cell() -> &'static RwLock<Seg> {
    static J: OnceLock<RwLock<Seg>> = OnceLock::new();
    J.get_or_init(|| {
        RwLock::new(Seg {
            jieba: Jieba::new(),
            words: Vec::new(),
        })
    })
}

/// A read handle on the process-wide segmenter (building it takes ~0.1 s the first time).
pub struct JiebaRef(RwLockReadGuard<'static, Seg>);

impl std::ops::Deref for JiebaRef {
    type Target = Jieba;
    fn deref(&self) -> &Jieba {
        &self.0.jieba
    }
}

/// The process-wide segmenter.
pub fn jieba() -> JiebaRef {
    JiebaRef(cell().read().unwrap_or_else(|e| e.into_inner()))
}

/// Parse a user dictionary line: `word`, `word freq`, `word freq tag` or `word tag`.
pub fn parse_dict_line(line: &str) -> Option<(String, Option<usize>, Option<String>)> {
    let mut it = line.split_whitespace();
    let word = it.next()?.to_string();
    let mut freq = None;
    let mut tag = None;
    for f in it {
        match f.parse::<usize>() {
            Ok(n) if freq.is_none() => freq = Some(n),
            _ => tag = Some(f.to_string()),
        }
    }
    Some((word, freq, tag))
}

/// Make the segmenter use exactly these user words (dict lines). Adding words is cheap; a
/// removed word needs a fresh segmenter (~0.1 s).
pub fn set_user_words(lines: &[String]) {
    let mut seg = cell().write().unwrap_or_else(|e| e.into_inner());
    if seg.words == lines {
        return;
    }
    let removed = seg.words.iter().any(|w| !lines.contains(w));
    if removed {
        seg.jieba = Jieba::new();
        seg.words.clear();
    }
    for l in lines {
        if seg.words.contains(l) {
            continue;
        }
        if let Some((w, freq, tag)) = parse_dict_line(l) {
            // Without a frequency, make the word win over the pieces it would be cut into.
            let freq = freq.or_else(|| Some(seg.jieba.suggest_freq(&w).max(1)));
            seg.jieba.add_word(&w, freq, tag.as_deref());
        }
        seg.words.push(l.clone());
    }
}

/// Word boundaries of `text` as char offsets from 0 to the text's length, ascending.
pub fn word_boundaries(text: &str) -> Vec<u32> {
    let mut out = vec![0u32];
    for t in jieba().cut(text, true) {
        out.push(t.end as u32);
    }
    out
}

/// The word (as a char range within `text`) that holds char `pos`.
pub fn word_at(bounds: &[u32], pos: u32) -> Option<(u32, u32)> {
    let i = bounds.partition_point(|&b| b <= pos);
    if i == 0 || i >= bounds.len() {
        return None;
    }
    Some((bounds[i - 1], bounds[i]))
}

/// Widen `start..end` to the nearest word boundaries around it.
pub fn snap(bounds: &[u32], start: u32, end: u32) -> (u32, u32) {
    let s = bounds
        .iter()
        .rev()
        .find(|&&b| b <= start)
        .copied()
        .unwrap_or(start);
    let e = bounds.iter().find(|&&b| b >= end).copied().unwrap_or(end);
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_snap_to_jieba_words() {
        let text = "甘肃省总工会出台实施方案";
        let b = word_boundaries(text);
        assert_eq!(*b.last().unwrap(), 12);
        let (s, e) = snap(&b, 1, 2);
        assert!(s <= 1 && e >= 2 && s < e);
        assert!(word_at(&b, 7).is_some());
    }

    #[test]
    fn dictionary_lines_parse_in_jieba_format() {
        assert_eq!(
            parse_dict_line("伊犁馆 10 nz"),
            Some(("伊犁馆".into(), Some(10), Some("nz".into())))
        );
        assert_eq!(
            parse_dict_line("伊犁馆"),
            Some(("伊犁馆".into(), None, None))
        );
        assert_eq!(
            parse_dict_line("伊犁馆 ns"),
            Some(("伊犁馆".into(), None, Some("ns".into())))
        );
        assert_eq!(parse_dict_line("  "), None);
    }
}
