//! Word segmentation with jieba-rs, for snapping selections to word boundaries.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// The process-wide segmenter (building it takes ~0.1 s).
pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(Jieba::new)
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
}
