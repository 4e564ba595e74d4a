//! Find: plain text or a regular expression in one document or the whole project, as char
//! ranges (never byte offsets: the regex's byte matches go through the document's `Text`).
//! Matches never overlap (each search goes on after the previous match) and are never
//! empty (a pattern such as `a*` that also matches nothing yields only its non-empty
//! matches). No egui here: the window's find bar and tests use it alike.

use crate::i18n::{Lang, Msg, tr};
use crate::model::{CharRange, Project, Text};

/// How many matches a search returns at most; more are counted as "more than this".
pub const DEFAULT_CAP: usize = 10_000;

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindQuery {
    /// The text typed.
    pub pattern: String,
    /// `pattern` is a regular expression (else plain text, its metacharacters taken
    /// literally).
    pub regex: bool,
}

/// Where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindScope {
    /// One document (by index).
    Doc(usize),
    /// Every document of the project.
    Project,
}

/// One match: the document's index and the chars matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindMatch {
    /// Document index.
    pub doc: usize,
    /// The matched chars.
    pub range: CharRange,
}

/// The matches of a search, in document and text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The matches (at most the cap).
    pub matches: Vec<FindMatch>,
    /// There were more than the cap.
    pub truncated: bool,
}

/// Why a search could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// The regular expression does not parse (what the regex parser said).
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

impl FindError {
    /// The message in `lang` (the parser's own words are kept as they are).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FindError::BadRegex(why) => format!("{}: {why}", tr(lang, Msg::BadRegex)),
        }
    }
}

/// The regex for `q`: plain text is escaped, so `.` or `(` match themselves.
pub fn compile(q: &FindQuery) -> Result<regex::Regex, FindError> {
    let pattern = if q.regex {
        q.pattern.clone()
    } else {
        regex::escape(&q.pattern)
    };
    regex::Regex::new(&pattern).map_err(|e| FindError::BadRegex(e.to_string()))
}

/// The non-empty, non-overlapping matches of `re` in `text`, as char ranges, at most `cap`
/// (the bool: whether there were more).
pub fn find_in_text(text: &Text, re: &regex::Regex, cap: usize) -> (Vec<CharRange>, bool) {
    let mut out = Vec::new();
    for m in re.find_iter(text.as_str()) {
        if m.is_empty() {
            continue;
        }
        if out.len() == cap {
            return (out, true);
        }
        // The regex matches whole UTF-8 chars, so both ends are char boundaries.
        if let (Ok(start), Ok(end)) = (text.char_at_byte(m.start()), text.char_at_byte(m.end())) {
            out.push(CharRange::new(start, end));
        }
    }
    (out, false)
}

/// Search `p` for `q` in `scope`, at most `cap` matches. An empty pattern finds nothing.
pub fn find(p: &Project, q: &FindQuery, scope: FindScope, cap: usize) -> Result<Found, FindError> {
    if q.pattern.is_empty() {
        return Ok(Found::default());
    }
    let re = compile(q)?;
    let docs = match scope {
        FindScope::Doc(d) => d..(d + 1).min(p.documents.len()),
        FindScope::Project => 0..p.documents.len(),
    };
    let mut found = Found::default();
    for doc in docs {
        let left = cap - found.matches.len();
        let (ranges, more) = find_in_text(&p.documents[doc].text, &re, left);
        found
            .matches
            .extend(ranges.into_iter().map(|range| FindMatch { doc, range }));
        if more {
            found.truncated = true;
            break;
        }
    }
    Ok(found)
}

/// The match that F3 (`forward`) or Shift+F3 goes to from `at` (document, char): the first
/// one after it, or the last one before it, wrapping around. With `inclusive`, a match
/// that starts at `at` counts as after it (the caret before a match finds that match).
pub fn step(
    matches: &[FindMatch],
    at: (usize, u32),
    inclusive: bool,
    forward: bool,
) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let key = |m: &FindMatch| (m.doc, m.range.start);
    if forward {
        let i = matches.partition_point(|m| if inclusive { key(m) < at } else { key(m) <= at });
        Some(if i < matches.len() { i } else { 0 })
    } else {
        let i = matches.partition_point(|m| key(m) < at);
        Some(if i > 0 { i - 1 } else { matches.len() - 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Document, Layer, Project};

    fn project(texts: &[&str]) -> Project {
        let mut p = Project::new("p", "main");
        for (i, t) in texts.iter().enumerate() {
            p.documents.push(Document {
                meta: DocMeta {
                    id: format!("d{i}"),
                    ..Default::default()
                },
                text: Text::new(*t),
                layer: Layer::new(),
            });
        }
        p
    }

    fn q(pattern: &str, regex: bool) -> FindQuery {
        FindQuery {
            pattern: pattern.into(),
            regex,
        }
    }

    fn ranges(p: &Project, query: &FindQuery, scope: FindScope) -> Vec<(usize, u32, u32)> {
        find(p, query, scope, DEFAULT_CAP)
            .unwrap()
            .matches
            .iter()
            .map(|m| (m.doc, m.range.start, m.range.end))
            .collect()
    }

    #[test]
    fn matches_are_char_ranges_in_cjk_emoji_and_crlf_text() {
        // 😀 is 4 bytes and one char, each Han char 3 bytes, CRLF two chars.
        let p = project(&["😀北京\r\n在北京，😀北京。"]);
        let got = ranges(&p, &q("北京", false), FindScope::Doc(0));
        assert_eq!(got, vec![(0, 1, 3), (0, 6, 8), (0, 10, 12)]);
        for (_, s, e) in got {
            let t = &p.documents[0].text;
            assert_eq!(t.slice(CharRange::new(s, e)).unwrap(), "北京");
        }
        // A regex across the line break: CR and LF count one char each.
        let got = ranges(&p, &q(r"京\r\n在", true), FindScope::Doc(0));
        assert_eq!(got, vec![(0, 2, 6)]);
        let got = ranges(&p, &q("😀", false), FindScope::Doc(0));
        assert_eq!(got, vec![(0, 0, 1), (0, 9, 10)]);
    }

    #[test]
    fn plain_text_escapes_regex_metacharacters() {
        let p = project(&["价格 1.5 元（约 105 元）。a+b"]);
        assert_eq!(ranges(&p, &q("1.5", false), FindScope::Doc(0)).len(), 1);
        // As a regex, `.` is any char: 1.5 and 105.
        assert_eq!(ranges(&p, &q("1.5", true), FindScope::Doc(0)).len(), 2);
        assert_eq!(ranges(&p, &q("a+b", false), FindScope::Doc(0)).len(), 1);
        assert_eq!(ranges(&p, &q("（", false), FindScope::Doc(0)).len(), 1);
        assert_eq!(ranges(&p, &q("(", false), FindScope::Doc(0)).len(), 0);
        assert_eq!(
            ranges(&p, &q(r"\d+", true), FindScope::Doc(0)),
            vec![(0, 3, 4), (0, 5, 6), (0, 11, 14)]
        );
    }

    #[test]
    fn matches_do_not_overlap_and_are_never_empty() {
        let p = project(&["哈哈哈哈哈"]);
        // Five chars hold two non-overlapping 哈哈, not four overlapping ones.
        assert_eq!(
            ranges(&p, &q("哈哈", false), FindScope::Doc(0)),
            vec![(0, 0, 2), (0, 2, 4)]
        );
        let p = project(&["ab北"]);
        assert_eq!(
            ranges(&p, &q("北*", true), FindScope::Doc(0)),
            vec![(0, 2, 3)]
        );
        assert!(ranges(&p, &q("", false), FindScope::Doc(0)).is_empty());
    }

    #[test]
    fn the_whole_project_is_searched_in_document_order() {
        let p = project(&["上海", "北京和上海", "无"]);
        assert_eq!(
            ranges(&p, &q("上海", false), FindScope::Project),
            vec![(0, 0, 2), (1, 3, 5)]
        );
        assert_eq!(
            ranges(&p, &q("上海", false), FindScope::Doc(1)),
            vec![(1, 3, 5)]
        );
        assert!(ranges(&p, &q("上海", false), FindScope::Doc(9)).is_empty());
    }

    #[test]
    fn the_cap_stops_the_search_and_says_so() {
        let p = project(&["aaaa", "aaaa"]);
        let f = find(&p, &q("a", false), FindScope::Project, 3).unwrap();
        assert_eq!((f.matches.len(), f.truncated), (3, true));
        let f = find(&p, &q("a", false), FindScope::Project, 8).unwrap();
        assert_eq!((f.matches.len(), f.truncated), (8, false));
    }

    #[test]
    fn a_bad_regex_is_an_error_in_both_languages() {
        let p = project(&["x"]);
        let e = find(&p, &q("(北京", true), FindScope::Project, 10).unwrap_err();
        assert!(
            e.message(Lang::Zh).starts_with("正则表达式有误"),
            "{}",
            e.message(Lang::Zh)
        );
        assert!(
            e.message(Lang::En)
                .starts_with("Not a valid regular expression"),
            "{}",
            e.message(Lang::En)
        );
        // The same text as plain text is fine.
        assert!(find(&p, &q("(北京", false), FindScope::Project, 10).is_ok());
    }

    #[test]
    fn step_goes_to_the_next_or_previous_match_and_wraps() {
        let m = |doc, s| FindMatch {
            doc,
            range: CharRange::new(s, s + 1),
        };
        let all = [m(0, 2), m(0, 8), m(1, 0)];
        assert_eq!(step(&all, (0, 0), true, true), Some(0));
        assert_eq!(step(&all, (0, 2), true, true), Some(0));
        assert_eq!(step(&all, (0, 2), false, true), Some(1));
        assert_eq!(step(&all, (0, 8), false, true), Some(2));
        assert_eq!(step(&all, (1, 0), false, true), Some(0), "wraps");
        assert_eq!(step(&all, (1, 0), false, false), Some(1));
        assert_eq!(step(&all, (0, 2), false, false), Some(2), "wraps back");
        assert_eq!(step(&[], (0, 0), true, true), None);
    }
}
