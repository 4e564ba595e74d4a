//! Word segmentation with jieba-rs, for snapping selections to word boundaries and for
//! suggestions. Each open project owns a [`Segmenter`] with its user dictionary
//! (`user_words` in `project.ron`, jieba dict lines `word [freq] [tag]`); nothing here is
//! shared or mutable across projects, so two projects (or two tests) segment independently.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// jieba's built-in dictionary, built once per process (~0.1 s) and never changed: each
/// segmenter starts from a copy of it.
fn base() -> &'static Jieba {
    static BASE: OnceLock<Jieba> = OnceLock::new();
    BASE.get_or_init(Jieba::new)
}

/// A jieba segmenter with one project's user words. Without user words it borrows the
/// built-in dictionary (no copy: the dictionary takes tens of megabytes); the first user
/// word makes it a copy of its own.
#[derive(Clone)]
pub struct Segmenter {
    jieba: std::borrow::Cow<'static, Jieba>,
    words: Vec<String>,
    /// The user words whose dict line gives a tag, with it (jieba keeps its own tag for a
    /// word its dictionary already holds).
    tags: std::collections::HashMap<String, String>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("words", &self.words)
            .finish_non_exhaustive()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// A segmenter with jieba's dictionary only.
    pub fn new() -> Self {
        Self {
            jieba: std::borrow::Cow::Borrowed(base()),
            words: Vec::new(),
            tags: std::collections::HashMap::new(),
        }
    }

    /// A segmenter with these user words (dict lines) added.
    pub fn with_user_words(lines: &[String]) -> Self {
        let mut s = Self::new();
        s.set_user_words(lines);
        s
    }

    /// The user words (dict lines) it was given.
    pub fn user_words(&self) -> &[String] {
        &self.words
    }

    /// The jieba segmenter itself (for POS tags).
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Words and POS tags of `text` (jieba with its HMM for unknown words), with the tags
    /// jieba's dictionary gets wrong corrected (see [`super::lexicon`]) and a user word's
    /// own tag, when its dict line gives one, over jieba's.
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<jieba_rs::Tag<'a>> {
        self.corrected(self.jieba.tag(text, true))
    }

    /// The POS tag of `word` taken as a whole when it is a dictionary word, as [`Self::tag`]
    /// corrects it (jieba without its HMM: a word it does not know is cut in pieces).
    pub fn tag_word<'a>(&'a self, word: &'a str) -> Vec<jieba_rs::Tag<'a>> {
        self.corrected(self.jieba.tag(word, false))
    }

    fn corrected<'a>(&'a self, mut tags: Vec<jieba_rs::Tag<'a>>) -> Vec<jieba_rs::Tag<'a>> {
        for t in &mut tags {
            if let Some(own) = self.tags.get(t.word) {
                t.tag = own;
            } else if let Some(better) = super::lexicon::corrected_tag(t.word, t.tag) {
                t.tag = better;
            }
        }
        tags
    }

    /// Make the segmenter use exactly these user words (dict lines). Adding words is cheap;
    /// a removed word needs a fresh copy of the base dictionary.
    pub fn set_user_words(&mut self, lines: &[String]) {
        if self.words == lines {
            return;
        }
        if self.words.iter().any(|w| !lines.contains(w)) {
            self.jieba = std::borrow::Cow::Borrowed(base());
            self.words.clear();
            self.tags.clear();
        }
        for l in lines {
            if self.words.contains(l) {
                continue;
            }
            if let Some((w, freq, tag)) = parse_dict_line(l) {
                // Without a frequency, make the word win over the pieces it would be cut into.
                let freq = freq.or_else(|| Some(self.jieba.suggest_freq(&w).max(1)));
                self.jieba.to_mut().add_word(&w, freq, tag.as_deref());
                if let Some(tag) = tag {
                    self.tags.insert(w, tag);
                }
            }
            self.words.push(l.clone());
        }
    }

    /// Word boundaries of `text` as char offsets from 0 to the text's length, ascending.
    pub fn word_boundaries(&self, text: &str) -> Vec<u32> {
        let mut out = vec![0u32];
        for t in self.jieba.cut(text, true) {
            // A text has fewer than 2^32 chars (model::Text refuses longer ones).
            out.push(u32::try_from(t.end).unwrap_or(u32::MAX));
        }
        out
    }
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
        let b = Segmenter::new().word_boundaries(text);
        assert_eq!(*b.last().unwrap(), 12);
        let (s, e) = snap(&b, 1, 2);
        assert!(s <= 1 && e >= 2 && s < e);
        assert!(word_at(&b, 7).is_some());
    }

    #[test]
    fn two_segmenters_with_different_user_words_cut_differently() {
        let text = "伊犁馆开馆";
        let plain = Segmenter::new();
        let with = Segmenter::with_user_words(&["伊犁馆".to_string()]);
        assert!(with.word_boundaries(text).starts_with(&[0, 3]));
        assert_ne!(plain.word_boundaries(text), with.word_boundaries(text));
        // Removing the word gives the plain cut back.
        let mut again = with.clone();
        again.set_user_words(&[]);
        assert_eq!(again.word_boundaries(text), plain.word_boundaries(text));
    }

    #[test]
    fn tags_are_corrected_and_a_user_word_keeps_its_own_tag() {
        let text = "合肥多云，雷阵雨转晴";
        let tag_of = |seg: &Segmenter, w: &str| {
            seg.tag(text)
                .iter()
                .find(|t| t.word == w)
                .map(|t| t.tag.to_string())
        };
        let plain = Segmenter::new();
        // jieba's dictionary says 合肥 n, 多云 nr, 雷阵雨 nr.
        assert_eq!(plain.jieba().tag("合肥", false)[0].tag, "n");
        assert_eq!(tag_of(&plain, "合肥").as_deref(), Some("ns"));
        assert_eq!(tag_of(&plain, "多云").as_deref(), Some("n"));
        assert_eq!(tag_of(&plain, "雷阵雨").as_deref(), Some("n"));
        assert_eq!(plain.tag_word("石家庄")[0].tag, "ns");
        // A user word already in the dictionary: jieba keeps its tag, the segmenter gives
        // the user's.
        let with = Segmenter::with_user_words(&["合肥 nz".to_string()]);
        assert_eq!(with.jieba().tag("合肥", false)[0].tag, "n");
        assert_eq!(tag_of(&with, "合肥").as_deref(), Some("nz"));
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
