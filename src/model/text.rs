//! `Text`: a document's text with a char index. This is the only place that converts between
//! Unicode code point offsets (what files and the model use) and UTF-8 byte offsets (what `&str`
//! slicing needs).

use std::ops::Range;

/// How many chars lie between two byte samples.
const SAMPLE_EVERY: u32 = 64;

/// A half-open range of Unicode code points, `start..end`, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CharRange {
    /// First char of the range.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
}

impl CharRange {
    /// A range from `start` to `end` (end exclusive); the ends are swapped if given backwards.
    pub fn new(start: u32, end: u32) -> Self {
        if start <= end {
            Self { start, end }
        } else {
            Self {
                start: end,
                end: start,
            }
        }
    }

    /// Number of chars in the range.
    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    /// True when the range holds no char.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `pos` lies inside the range.
    pub fn contains(&self, pos: u32) -> bool {
        self.start <= pos && pos < self.end
    }

    /// True when the two ranges share at least one char.
    pub fn overlaps(&self, other: &CharRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn covers(&self, other: &CharRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl std::fmt::Display for CharRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// An offset that does not fit the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    /// A char offset past the end of the text.
    #[error("char offset {offset} is past the end of the text ({len} chars)")]
    CharOutOfRange {
        /// The offending offset.
        offset: u32,
        /// The text length in chars.
        len: u32,
    },
    /// A byte offset that is past the end or inside a UTF-8 sequence.
    #[error("byte offset {0} is not on a char boundary")]
    NotCharBoundary(usize),
}

/// A document's text, immutable once created, with an index from chars to bytes.
#[derive(Debug, Clone, Default)]
pub struct Text {
    s: String,
    /// Byte offset of char `i * SAMPLE_EVERY`.
    samples: Vec<usize>,
    len_chars: u32,
    /// Which text this is (see [`Text::id`]).
    id: u64,
}

/// The last id given to a text.
static LAST_TEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Text {
    /// Index `s`. Texts longer than `u32::MAX` chars are not supported (4 G chars).
    pub fn new(s: impl Into<String>) -> Self {
        let s = s.into();
        let mut samples = Vec::with_capacity(s.len() / (SAMPLE_EVERY as usize) + 1);
        let mut n: u32 = 0;
        for (b, _) in s.char_indices() {
            if n.is_multiple_of(SAMPLE_EVERY) {
                samples.push(b);
            }
            n += 1;
        }
        Self {
            s,
            samples,
            len_chars: n,
            id: LAST_TEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
        }
    }

    /// Which text this is, for caches of what is derived from it (layouts, the outline): a
    /// number given when it was made, kept by its clones (which hold the same chars), never
    /// given to another text made in this run. The address of its chars was used before, and
    /// another document's text of the same length can come to lie at a freed address.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// Length in Unicode code points.
    pub fn len_chars(&self) -> u32 {
        self.len_chars
    }

    /// True when the text is empty.
    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// Byte offset of char `pos` (`pos == len_chars` gives the byte length).
    pub fn byte_of(&self, pos: u32) -> Result<usize, OffsetError> {
        if pos > self.len_chars {
            return Err(OffsetError::CharOutOfRange {
                offset: pos,
                len: self.len_chars,
            });
        }
        if pos == self.len_chars {
            return Ok(self.s.len());
        }
        let sample = (pos / SAMPLE_EVERY) as usize;
        let mut byte = self.samples[sample];
        let rest = pos % SAMPLE_EVERY;
        let tail = &self.s[byte..];
        for (i, (b, _)) in tail.char_indices().enumerate() {
            if i as u32 == rest {
                byte += b;
                return Ok(byte);
            }
        }
        Ok(self.s.len())
    }

    /// Byte range of a char range.
    pub fn byte_range(&self, r: CharRange) -> Result<Range<usize>, OffsetError> {
        Ok(self.byte_of(r.start)?..self.byte_of(r.end)?)
    }

    /// The text of a char range.
    pub fn slice(&self, r: CharRange) -> Result<&str, OffsetError> {
        let b = self.byte_range(r)?;
        Ok(&self.s[b])
    }

    /// Char offset of a byte offset, which must lie on a char boundary.
    pub fn char_at_byte(&self, byte: usize) -> Result<u32, OffsetError> {
        if byte > self.s.len() || !self.s.is_char_boundary(byte) {
            return Err(OffsetError::NotCharBoundary(byte));
        }
        let sample = match self.samples.binary_search(&byte) {
            Ok(i) => return Ok(i as u32 * SAMPLE_EVERY),
            Err(i) => i.saturating_sub(1),
        };
        let start = self.samples.get(sample).copied().unwrap_or(0);
        let extra = self.s[start..byte].chars().count() as u32;
        Ok(sample as u32 * SAMPLE_EVERY + extra)
    }

    /// The char at `pos`, if any.
    pub fn char_at(&self, pos: u32) -> Option<char> {
        let b = self.byte_of(pos).ok()?;
        self.s[b..].chars().next()
    }

    /// The paragraphs: maximal runs of chars without `\n`, as char ranges. A `\r` before the
    /// `\n` stays in its paragraph's range (so CRLF texts keep exact offsets). An empty line
    /// gives an empty range; a text ending in `\n` ends with an empty paragraph.
    pub fn paragraphs(&self) -> Vec<CharRange> {
        let mut out = Vec::new();
        let mut start = 0u32;
        let mut pos = 0u32;
        for c in self.s.chars() {
            if c == '\n' {
                out.push(CharRange::new(start, pos));
                start = pos + 1;
            }
            pos += 1;
        }
        out.push(CharRange::new(start, pos));
        out
    }
}

#[cfg(test)]
mod tests {

    /// Two texts with the same chars are two texts; a clone is the same one.
    #[test]
    fn each_text_has_its_own_id_and_a_clone_keeps_it() {
        let a = Text::new("甘肃省总工会");
        let b = Text::new("甘肃省总工会");
        assert_ne!(a.id(), b.id());
        assert_eq!(a.clone().id(), a.id());
        let freed = a.id();
        drop(a);
        assert_ne!(Text::new("兰州市总工会").id(), freed);
    }

    use super::*;

    #[test]
    fn offsets_count_code_points_not_bytes_or_utf16_units() {
        let t = Text::new("𠮷野家😀在北京开店");
        let r = CharRange::new(5, 7);
        assert_eq!(t.slice(r).unwrap(), "北京");
        assert_eq!(t.byte_range(r).unwrap(), 17..23);
        assert_eq!(t.char_at_byte(17).unwrap(), 5);
        assert!(t.char_at_byte(1).is_err());
        assert!(t.slice(CharRange::new(5, 11)).is_err());
    }

    #[test]
    fn byte_of_agrees_with_char_indices_across_samples() {
        let s: String = (0..500)
            .map(|i| match i % 4 {
                0 => 'a',
                1 => '中',
                2 => '😀',
                _ => '\n',
            })
            .collect();
        let t = Text::new(s.clone());
        let mut expected: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        expected.push(s.len());
        for (i, b) in expected.iter().enumerate() {
            assert_eq!(t.byte_of(i as u32).unwrap(), *b);
            assert_eq!(t.char_at_byte(*b).unwrap(), i as u32);
        }
    }

    #[test]
    fn paragraphs_split_at_newlines_and_keep_cr() {
        let t = Text::new("甲乙\r\n\r\n丙");
        assert_eq!(
            t.paragraphs(),
            vec![
                CharRange::new(0, 3),
                CharRange::new(4, 5),
                CharRange::new(6, 7)
            ]
        );
    }
}
