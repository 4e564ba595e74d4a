//! Inconsistent tags within one layer: the same string tagged with one label in some places,
//! another label elsewhere, or left untagged elsewhere (the "variation" a reviewer looks for
//! before a corpus is used for training; Dickinson and Meurers' variation n-grams, at the
//! level of tagged strings).
//!
//! What is compared:
//! - the layer's accepted spans of kind entity or figure whose text has two chars or more;
//! - every other occurrence of such a text in the layer's documents that starts and ends at a
//!   boundary of the document cut by jieba (张三 in 张三丰 is not an occurrence) and overlaps
//!   no accepted span of the same kind (北京 inside 北京大学 tagged ORG is nested, and one
//!   across a span's end is a boundary question: neither is untagged);
//! - an occurrence inside 《…》 or a short “…” (up to 20 chars) is not counted as untagged:
//!   the guidelines leave names in titles, slogans and event names untagged;
//! - an occurrence tagged with the same text and kind but another label counts for that label.
//!
//! A text is reported when its occurrences are not all tagged with one label. The majority
//! label is the one given most often (ties: the first by name); the deviations are the
//! occurrences tagged otherwise or untagged, and the majority's own places too where the
//! text is left untagged at least as often (then the tags may be the odd ones out). No GUI,
//! no files.

use std::collections::{BTreeMap, HashMap};

use crate::model::{CharRange, Document, SpanId, SpanKind, SpanStatus, Text};
use crate::zh::segment::Segmenter;

/// One occurrence of a text that deviates from its majority label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// Index of the document in the project.
    pub doc: usize,
    /// The document's id.
    pub doc_id: String,
    /// The occurrence, in chars.
    pub range: CharRange,
    /// The label it has, or `None` where it is untagged.
    pub label: Option<String>,
    /// The span that tags it (`None` where it is untagged).
    pub span: Option<SpanId>,
}

/// A text whose occurrences are tagged inconsistently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variation {
    /// The text.
    pub text: String,
    /// The kind its spans have (entity or figure).
    pub kind: SpanKind,
    /// Each label given to it and how often, the majority first.
    pub labels: Vec<(String, usize)>,
    /// How many occurrences are untagged.
    pub untagged: usize,
    /// The occurrences tagged otherwise than with the majority label, or untagged, in
    /// document and text order; where the text is left untagged at least as often as it is
    /// given the majority label, the places with that label too.
    pub deviations: Vec<Deviation>,
}

impl Variation {
    /// The label given most often.
    pub fn majority(&self) -> &str {
        self.labels.first().map_or("", |(l, _)| l.as_str())
    }

    /// How many occurrences there are in all.
    pub fn occurrences(&self) -> usize {
        self.labels.iter().map(|(_, n)| n).sum::<usize>() + self.untagged
    }
}

/// The inconsistently tagged texts of `docs` (one layer each), the most deviations first.
/// `seg` decides word boundaries; `cancel` is asked between documents (true: go on).
pub fn variations(
    docs: &[Document],
    seg: &Segmenter,
    cancel: &mut dyn FnMut(usize, usize) -> bool,
) -> Option<Vec<Variation>> {
    // (text, kind) → label → occurrences.
    type Tagged = BTreeMap<String, Vec<(usize, CharRange, Option<SpanId>)>>;
    let mut tagged: BTreeMap<(String, SpanKind), Tagged> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for s in d.layer.accepted() {
            if !matches!(s.kind, SpanKind::Entity | SpanKind::Figure) || s.range.len() < 2 {
                continue;
            }
            let Ok(t) = d.text.slice(s.range) else {
                continue;
            };
            tagged
                .entry((t.to_string(), s.kind))
                .or_default()
                .entry(s.label.clone())
                .or_default()
                .push((di, s.range, Some(s.id)));
        }
    }
    if tagged.is_empty() {
        return Some(Vec::new());
    }
    let keys: Vec<(String, SpanKind)> = tagged.keys().cloned().collect();
    // One needle per text; a text tagged both as an entity and as a figure is one needle
    // for two keys.
    let mut needles: Vec<Vec<char>> = Vec::new();
    let mut keys_of: Vec<Vec<usize>> = Vec::new();
    for (ki, (text, _)) in keys.iter().enumerate() {
        let n: Vec<char> = text.chars().collect();
        // Keys are sorted by text, so the same text is the previous needle.
        match keys_of.last_mut() {
            Some(last) if needles.last() == Some(&n) => last.push(ki),
            _ => {
                needles.push(n);
                keys_of.push(vec![ki]);
            }
        }
    }
    let mut untagged: HashMap<usize, Vec<(usize, CharRange)>> = HashMap::new();
    for (di, d) in docs.iter().enumerate() {
        if !cancel(di, docs.len()) {
            return None;
        }
        let chars: Vec<char> = d.text.as_str().chars().collect();
        // The document's word boundaries, cut once when the first occurrence asks.
        let mut bounds: Option<Vec<u32>> = None;
        for (k, start) in crate::zh::suggest::occurrences(&chars, &needles) {
            let r = CharRange::new(start, start + needles[k].len() as u32);
            let mut word = None;
            for &ki in &keys_of[k] {
                let kind = keys[ki].1;
                // Inside or across an accepted span of the same kind: tagged (here or as
                // part of a longer name), or a boundary question, not an untagged one.
                let covered = d
                    .layer
                    .overlapping(r)
                    .any(|s| s.kind == kind && s.status == SpanStatus::Accepted);
                if covered
                    || quoted(&chars, r)
                    || !*word.get_or_insert_with(|| {
                        let b = bounds.get_or_insert_with(|| seg.word_boundaries(d.text.as_str()));
                        b.binary_search(&r.start).is_ok() && b.binary_search(&r.end).is_ok()
                    })
                {
                    continue;
                }
                untagged.entry(ki).or_default().push((di, r));
            }
        }
    }
    let mut out = Vec::new();
    for (ki, ((text, kind), by_label)) in tagged.into_iter().enumerate() {
        let mut labels: Vec<(String, usize)> =
            by_label.iter().map(|(l, v)| (l.clone(), v.len())).collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let none = untagged.remove(&ki).unwrap_or_default();
        if labels.len() < 2 && none.is_empty() {
            continue;
        }
        let majority = labels[0].0.clone();
        // Left untagged at least as often as given its commonest label, the tagged places
        // may be the odd ones out (国家图书馆 LOC once, untagged six times): they are listed
        // too, for the reviewer to reach.
        let untagged_rule = none.len() >= labels[0].1;
        let mut deviations: Vec<Deviation> = by_label
            .into_iter()
            .filter(|(l, _)| *l != majority || untagged_rule)
            .flat_map(|(l, v)| {
                v.into_iter()
                    .map(move |(d, r, id)| (d, r, Some(l.clone()), id))
            })
            .chain(none.iter().map(|&(d, r)| (d, r, None, None)))
            .map(|(doc, range, label, span)| Deviation {
                doc,
                doc_id: docs[doc].meta.id.clone(),
                range,
                label,
                span,
            })
            .collect();
        deviations.sort_by_key(|d| (d.doc, d.range.start));
        out.push(Variation {
            text,
            kind,
            labels,
            untagged: none.len(),
            deviations,
        });
    }
    out.sort_by(|a, b| {
        b.deviations
            .len()
            .cmp(&a.deviations.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    Some(out)
}

/// Marks that enclose text the guidelines leave untagged (docs/guidelines.md: names inside
/// 《…》 titles, and inside short quoted slogans and campaign or event names), with the
/// longest enclosed text each is taken to mark so.
const ENCLOSURES: [(char, char, usize); 2] = [('《', '》', 60), ('“', '”', 20)];

/// Whether `r` lies inside a title or a short quotation (see [`ENCLOSURES`]) on its line.
fn quoted(chars: &[char], r: CharRange) -> bool {
    let (start, end) = (r.start as usize, r.end as usize);
    ENCLOSURES.iter().any(|&(open, close, longest)| {
        let before = chars[..start]
            .iter()
            .rev()
            .take(longest)
            .position(|&c| c == open || c == close || c == '\n');
        let Some(b) = before.filter(|&b| chars[start - 1 - b] == open) else {
            return false;
        };
        let after = chars[end..]
            .iter()
            .take(longest)
            .position(|&c| c == open || c == close || c == '\n');
        after.is_some_and(|a| chars[end + a] == close && b + (end - start) + a <= longest)
    })
}

/// `r` in `d` with up to `n` chars on each side, on one line: `…的“轨道上的〖京津冀〗”职工…`.
/// The place is marked 〖…〗, which news text hardly uses (unlike the 【】 of datelines).
pub fn context(d: &Document, r: CharRange, n: u32) -> String {
    text_context(&d.text, r, n)
}

/// [`context`] in a text.
pub fn text_context(text: &Text, r: CharRange, n: u32) -> String {
    let len = text.len_chars();
    let from = r.start.saturating_sub(n);
    let to = (r.end + n).min(len);
    let part = |a: u32, b: u32| {
        text.slice(CharRange::new(a, b.max(a)))
            .unwrap_or("")
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect::<String>()
    };
    format!(
        "{}{}〖{}〗{}{}",
        if from > 0 { "…" } else { "" },
        part(from, r.start),
        part(r.start, r.end),
        part(r.end, to),
        if to < len { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, DocStatus, Layer, Span, SpanId, Text};

    /// A document of `text` with `tags`: (surface, which occurrence from 0, label).
    fn doc(id: &str, text: &str, tags: &[(&str, usize, &str)]) -> Document {
        let chars: Vec<char> = text.chars().collect();
        let spans = tags
            .iter()
            .enumerate()
            .map(|(k, &(surface, nth, label))| {
                let n: Vec<char> = surface.chars().collect();
                let at = (0..chars.len())
                    .filter(|&i| chars[i..].starts_with(&n))
                    .nth(nth)
                    .expect("in the text");
                let r = CharRange::new(at as u32, (at + n.len()) as u32);
                Span::new(SpanId(k as u32 + 1), r, SpanKind::Entity, label)
            })
            .collect();
        Document {
            meta: DocMeta {
                id: id.into(),
                published: None,
                imported_from: None,
            },
            text: Text::new(text),
            layer: Layer::from_parts(spans, Vec::new(), DocStatus::Done, 100, 1),
        }
    }

    #[test]
    fn a_text_tagged_two_ways_or_left_untagged_is_found_and_nested_or_part_words_are_not() {
        let docs = vec![
            doc(
                "a",
                "张三在北京工作。北京大学的张三丰去了北京。深圳很美。《深圳日报》和“美丽深圳”。",
                &[
                    ("张三", 0, "PER"),
                    ("北京", 0, "LOC"),
                    ("北京大学", 0, "ORG"),
                    ("深圳", 0, "LOC"),
                ],
            ),
            doc(
                "b",
                "华为在深圳，华为很大。我们说华为。",
                &[
                    ("华为", 0, "ORG"),
                    ("华为", 1, "ORG"),
                    ("华为", 2, "LOC"),
                    ("深圳", 0, "LOC"),
                ],
            ),
        ];
        let seg = Segmenter::new();
        let v = variations(&docs, &seg, &mut |_, _| true).expect("not cancelled");
        let texts: Vec<&str> = v.iter().map(|x| x.text.as_str()).collect();
        // 张三 in 张三丰 is part of a word, 北京 in 北京大学 is inside an ORG, 深圳 and 北京大学
        // are tagged alike everywhere.
        assert_eq!(texts, ["北京", "华为"]);
        let beijing = &v[0];
        assert_eq!(beijing.labels, [("LOC".to_string(), 1)]);
        assert_eq!(beijing.untagged, 1);
        assert_eq!(beijing.occurrences(), 2);
        // Untagged as often as tagged: both places are listed.
        assert_eq!(
            beijing.deviations,
            [
                Deviation {
                    doc: 0,
                    doc_id: "a".into(),
                    range: CharRange::new(3, 5),
                    label: Some("LOC".into()),
                    span: Some(SpanId(2)),
                },
                Deviation {
                    doc: 0,
                    doc_id: "a".into(),
                    range: CharRange::new(18, 20),
                    label: None,
                    span: None,
                }
            ]
        );
        let huawei = &v[1];
        assert_eq!(huawei.majority(), "ORG");
        assert_eq!(
            huawei.labels,
            [("ORG".to_string(), 2), ("LOC".to_string(), 1)]
        );
        assert_eq!(huawei.untagged, 0);
        assert_eq!(huawei.deviations.len(), 1);
        assert_eq!(huawei.deviations[0].label.as_deref(), Some("LOC"));
        assert_eq!(huawei.deviations[0].range, CharRange::new(14, 16));
        assert_eq!(
            context(&docs[0], CharRange::new(18, 20), 3),
            "…丰去了〖北京〗。深圳…"
        );
        assert_eq!(context(&docs[0], CharRange::new(0, 2), 2), "〖张三〗在北…");
        // Inside a title or a short quotation: left untagged on purpose.
        let c = |t: &str| t.chars().collect::<Vec<char>>();
        assert!(quoted(&c("读《深圳日报》"), CharRange::new(2, 4)));
        assert!(quoted(&c("“美丽深圳”"), CharRange::new(3, 5)));
        assert!(!quoted(&c("“美丽”深圳“好”"), CharRange::new(4, 6)));
        assert!(!quoted(
            &c("他说：“我在深圳工作了很多很多很多很多很多很多年。”"),
            CharRange::new(6, 8)
        ));
        assert!(!quoted(&c("《书\n深圳》"), CharRange::new(3, 5)));
        // Cancelled: nothing.
        assert!(variations(&docs, &seg, &mut |_, _| false).is_none());
        // A consistent layer has nothing to report.
        let one = vec![doc(
            "c",
            "北京和北京。",
            &[("北京", 0, "LOC"), ("北京", 1, "LOC")],
        )];
        assert!(variations(&one, &seg, &mut |_, _| true).unwrap().is_empty());
    }
}
