//! Which labels two annotators confuse: their spans lined up one to one, and for every pair
//! of labels (or a label and nothing) how often the first said one and the second the other.
//!
//! Exact F1 says how much two layers differ; this says how. A reviewer reads it to see that
//! bob tags as ORG what alice tags as LOC (a guideline question), or that carol misses
//! figures (a training question), and against the curated layer it says what the review
//! changed in each annotator's work.
//!
//! Lining up, per document, on the compared spans (start, end, label):
//! 1. the same range: a span of `b` with the same range, the same label first;
//! 2. then overlapping ranges: each span of `a` left (in order) takes the unmatched span of
//!    `b` that shares the most chars with it (the same label first, then the first);
//! 3. a span left on either side is set against nothing ([`Confusion::NONE`]).
//!
//! A pair lined up by overlap is counted apart ([`ConfusionCell::other_range`]), so that
//! "same label, other boundaries" is not taken for agreement.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{CharRange, Text};
use crate::review::consistency::text_context;

/// Chars of context on each side of a place.
const CONTEXT: u32 = 10;

/// The spans of one label pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfusionCell {
    /// The first annotator's label; `None`: no span there.
    pub a: Option<String>,
    /// The second annotator's label; `None`: no span there.
    pub b: Option<String>,
    /// Spans lined up with the same range.
    pub same_range: usize,
    /// Spans lined up by overlap (other boundaries).
    pub other_range: usize,
    /// Where the two part, in document order: every place of a cell of disagreement (none
    /// for the same label on the same range).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<ConfusionPlace>,
}

/// One place where two annotators part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfusionPlace {
    /// The document's index in the project.
    pub doc: usize,
    /// The document's id.
    pub doc_id: String,
    /// The first annotator's span (start, end), if any.
    pub a: Option<(u32, u32)>,
    /// The second annotator's span (start, end), if any.
    pub b: Option<(u32, u32)>,
    /// The place with ten chars on each side, on one line: `…在〖北京〗见了…`.
    pub context: String,
}

impl ConfusionPlace {
    /// The chars either side tagged: from the first start to the last end.
    pub fn range(&self) -> (u32, u32) {
        match (self.a, self.b) {
            (Some(x), Some(y)) => (x.0.min(y.0), x.1.max(y.1)),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => (0, 0),
        }
    }
}

impl ConfusionCell {
    /// Every span of the cell.
    pub fn total(&self) -> usize {
        self.same_range + self.other_range
    }

    /// Both sides gave the same label (with the same range or not).
    pub fn same_label(&self) -> bool {
        self.a.is_some() && self.a == self.b
    }

    /// The same label on the same range: the cell of full agreement.
    pub fn agrees(&self) -> bool {
        self.same_label() && self.other_range == 0
    }
}

/// The label pairs of two annotators over the compared documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Every label either side used, sorted.
    pub labels: Vec<String>,
    /// The pairs that occur, sorted by (a, b) with "nothing" last.
    pub cells: Vec<ConfusionCell>,
}

type Key = (Option<String>, Option<String>);

/// Counts label pairs document by document; [`Tally::finish`] gives the [`Confusion`].
#[derive(Debug, Default)]
pub struct Tally {
    cells: BTreeMap<Key, (usize, usize, Vec<ConfusionPlace>)>,
}

impl Confusion {
    /// How "nothing" is shown in a row or column.
    pub const NONE: &'static str = "—";

    /// The cell of labels `a` and `b` (`None`: nothing), if any span falls in it.
    pub fn cell(&self, a: Option<&str>, b: Option<&str>) -> Option<&ConfusionCell> {
        self.cells
            .iter()
            .find(|c| c.a.as_deref() == a && c.b.as_deref() == b)
    }

    /// The spans in the cell of `a` and `b` (0 when none).
    pub fn count(&self, a: Option<&str>, b: Option<&str>) -> usize {
        self.cell(a, b).map_or(0, ConfusionCell::total)
    }

    /// The cells where the two disagree (another label, nothing on one side, or the same
    /// label on other boundaries), the commonest first.
    pub fn disagreements(&self) -> Vec<&ConfusionCell> {
        let mut v: Vec<&ConfusionCell> = self
            .cells
            .iter()
            .filter(|c| !c.same_label() || c.other_range > 0)
            .collect();
        v.sort_by_key(|c| {
            let n = if c.same_label() {
                c.other_range
            } else {
                c.total()
            };
            std::cmp::Reverse(n)
        });
        v
    }
}

fn overlap(a: (u32, u32), b: (u32, u32)) -> u32 {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

impl Tally {
    /// Line up the compared spans of `a` and `b`, each (start, end, label), in document
    /// number `doc` (id `doc_id`, text `text`).
    pub fn add(
        &mut self,
        (doc, doc_id, text): (usize, &str, &Text),
        a: &[(u32, u32, &str)],
        b: &[(u32, u32, &str)],
    ) {
        let mut a_used = vec![false; a.len()];
        let mut b_used = vec![false; b.len()];
        let mut put = |x: Option<(u32, u32, &str)>, y: Option<(u32, u32, &str)>, same: bool| {
            let key = (x.map(|s| s.2.to_string()), y.map(|s| s.2.to_string()));
            let agree = same && key.0.is_some() && key.0 == key.1;
            let e = self.cells.entry(key).or_default();
            if same {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            if !agree {
                let mut p = ConfusionPlace {
                    doc,
                    doc_id: doc_id.to_string(),
                    a: x.map(|s| (s.0, s.1)),
                    b: y.map(|s| (s.0, s.1)),
                    context: String::new(),
                };
                let (s, e2) = p.range();
                p.context = text_context(text, CharRange::new(s, e2), CONTEXT);
                e.2.push(p);
            }
        };
        // 1. The same range, the same label first (two passes), through b's spans by range.
        let mut by_range: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
        for (j, &(bs, be, _)) in b.iter().enumerate() {
            by_range.entry((bs, be)).or_default().push(j);
        }
        for same_label in [true, false] {
            for (i, &(s, e, l)) in a.iter().enumerate() {
                if a_used[i] {
                    continue;
                }
                let Some(js) = by_range.get(&(s, e)) else {
                    continue;
                };
                let hit = js
                    .iter()
                    .copied()
                    .find(|&j| !b_used[j] && (!same_label || b[j].2 == l));
                if let Some(j) = hit {
                    a_used[i] = true;
                    b_used[j] = true;
                    put(Some(a[i]), Some(b[j]), true);
                }
            }
        }
        // 2. Overlapping ranges: the most shared chars, the same label first. b's spans by
        // start with the running max of their ends: those that can overlap [s, e) run from
        // the first whose running max end passes s to the last that starts before e.
        let mut order: Vec<usize> = (0..b.len()).collect();
        order.sort_by_key(|&j| (b[j].0, b[j].1));
        let mut max_end = Vec::with_capacity(order.len());
        let mut m = 0;
        for &j in &order {
            m = m.max(b[j].1);
            max_end.push(m);
        }
        for (i, &(s, e, l)) in a.iter().enumerate() {
            if a_used[i] {
                continue;
            }
            let hi = order.partition_point(|&j| b[j].0 < e);
            let lo = max_end.partition_point(|&m| m <= s).min(hi);
            let best = order[lo..hi]
                .iter()
                .copied()
                .filter(|&j| !b_used[j] && overlap((s, e), (b[j].0, b[j].1)) > 0)
                .max_by_key(|&j| {
                    (
                        overlap((s, e), (b[j].0, b[j].1)),
                        b[j].2 == l,
                        std::cmp::Reverse(j),
                    )
                });
            if let Some(j) = best {
                a_used[i] = true;
                b_used[j] = true;
                put(Some(a[i]), Some(b[j]), false);
            }
        }
        // 3. Nothing on the other side.
        for (i, &x) in a.iter().enumerate() {
            if !a_used[i] {
                put(Some(x), None, true);
            }
        }
        for (j, &y) in b.iter().enumerate() {
            if !b_used[j] {
                put(None, Some(y), true);
            }
        }
    }

    /// The confusion of every document added.
    pub fn finish(self) -> Confusion {
        let mut labels: Vec<String> = self
            .cells
            .keys()
            .flat_map(|(x, y)| [x.clone(), y.clone()])
            .flatten()
            .collect();
        labels.sort();
        labels.dedup();
        let mut cells: Vec<ConfusionCell> = self
            .cells
            .into_iter()
            .map(
                |((a, b), (same_range, other_range, places))| ConfusionCell {
                    a,
                    b,
                    same_range,
                    other_range,
                    places,
                },
            )
            .collect();
        // "Nothing" after every label: None sorts first, so order on (is none, label).
        let key = |c: &ConfusionCell| (c.a.is_none(), c.a.clone(), c.b.is_none(), c.b.clone());
        cells.sort_by_key(key);
        Confusion { labels, cells }
    }
}

/// Pseudo-random sorted spans for tests (an LCG, so a test is the same every run): starts
/// below 300, mostly short, a tenth up to 40 chars, three labels.
#[cfg(test)]
pub(crate) fn random_spans(seed: u64, n: usize) -> Vec<(u32, u32, &'static str)> {
    let mut x = seed;
    let mut next = |m: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % m
    };
    let mut v: Vec<_> = (0..n)
        .map(|_| {
            let s = next(300) as u32;
            let long = next(10) == 0;
            let len = 1 + next(if long { 40 } else { 4 }) as u32;
            (s, s + len, ["PER", "LOC", "ORG"][next(3) as usize])
        })
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(a: &[(u32, u32, &str)], b: &[(u32, u32, &str)]) -> Confusion {
        let mut t = Tally::default();
        let text = Text::new("一二三四五六七八九十一二三四五六七八九十");
        t.add((0, "d", &text), a, b);
        t.finish()
    }

    #[test]
    fn spans_line_up_by_range_then_by_overlap_then_against_nothing() {
        // a: LOC[0,2) PER[3,5) ORG[6,10) LOC[12,14)   b: ORG[0,2) PER[3,5) ORG[6,9) FIG[15,16)
        let c = of(
            &[
                (0, 2, "LOC"),
                (3, 5, "PER"),
                (6, 10, "ORG"),
                (12, 14, "LOC"),
            ],
            &[(0, 2, "ORG"), (3, 5, "PER"), (6, 9, "ORG"), (15, 16, "FIG")],
        );
        assert_eq!(c.labels, vec!["FIG", "LOC", "ORG", "PER"]);
        let got: Vec<_> = c
            .cells
            .iter()
            .map(|x| (x.a.as_deref(), x.b.as_deref(), x.same_range, x.other_range))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("LOC"), Some("ORG"), 1, 0),
                (Some("LOC"), None, 1, 0),
                (Some("ORG"), Some("ORG"), 0, 1),
                (Some("PER"), Some("PER"), 1, 0),
                (None, Some("FIG"), 1, 0),
            ]
        );
        assert_eq!(c.count(Some("LOC"), Some("ORG")), 1);
        assert_eq!(c.count(Some("ORG"), Some("LOC")), 0);
        // Each disagreement keeps its place; full agreement keeps none.
        let place = |x: Option<&str>, y: Option<&str>| {
            c.cell(x, y).map(|cell| {
                cell.places
                    .iter()
                    .map(|p| (p.doc_id.as_str(), p.a, p.b, p.range()))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            place(Some("ORG"), Some("ORG")),
            Some(vec![("d", Some((6, 10)), Some((6, 9)), (6, 10))])
        );
        assert_eq!(
            place(None, Some("FIG")),
            Some(vec![("d", None, Some((15, 16)), (15, 16))])
        );
        assert_eq!(place(Some("PER"), Some("PER")), Some(vec![]));
        let cell = c.cell(None, Some("FIG")).expect("FIG");
        assert_eq!(
            cell.places[0].context,
            "…六七八九十一二三四五〖六〗七八九十"
        );
        assert!(c.cell(Some("PER"), Some("PER")).is_some_and(|x| x.agrees()));
        // Every cell but PER/PER is a disagreement, the boundary one included.
        assert_eq!(c.disagreements().len(), 4);
    }

    #[test]
    fn the_same_range_prefers_the_same_label_and_overlap_the_most_shared_chars() {
        // Two spans on one range in a (nested labels), one in b with the second label.
        let c = of(&[(0, 4, "LOC"), (0, 4, "ORG")], &[(0, 4, "ORG")]);
        assert_eq!(c.count(Some("ORG"), Some("ORG")), 1);
        assert_eq!(c.count(Some("LOC"), None), 1);
        assert_eq!(c.count(Some("LOC"), Some("ORG")), 0);
        // a ORG[0,6) overlaps b LOC[0,1) (1 char) and b ORG[2,6) (4 chars): the larger.
        let c = of(&[(0, 6, "ORG")], &[(0, 1, "LOC"), (2, 6, "ORG")]);
        let cell = c.cell(Some("ORG"), Some("ORG")).expect("ORG/ORG");
        assert_eq!((cell.same_range, cell.other_range), (0, 1));
        assert_eq!(c.count(None, Some("LOC")), 1);
        // Lined up one to one: b's one span is not taken twice.
        let c = of(&[(0, 2, "PER"), (1, 3, "PER")], &[(0, 3, "PER")]);
        assert_eq!(c.count(Some("PER"), Some("PER")), 1);
        assert_eq!(c.count(Some("PER"), None), 1);
    }

    /// (a's label, b's label, same range) of every lined-up pair, "-" for nothing, sorted.
    type Pairs = Vec<(String, String, bool)>;

    /// The lining up before the index and the sweep: every pair.
    fn naive(a: &[(u32, u32, &str)], b: &[(u32, u32, &str)]) -> Pairs {
        let mut out = Vec::new();
        let (mut au, mut bu) = (vec![false; a.len()], vec![false; b.len()]);
        for same_label in [true, false] {
            for (i, &(s, e, l)) in a.iter().enumerate() {
                if au[i] {
                    continue;
                }
                if let Some(j) = (0..b.len())
                    .find(|&j| !bu[j] && b[j].0 == s && b[j].1 == e && (!same_label || b[j].2 == l))
                {
                    au[i] = true;
                    bu[j] = true;
                    out.push((l.to_string(), b[j].2.to_string(), true));
                }
            }
        }
        for (i, &(s, e, l)) in a.iter().enumerate() {
            if au[i] {
                continue;
            }
            let best = (0..b.len())
                .filter(|&j| !bu[j] && overlap((s, e), (b[j].0, b[j].1)) > 0)
                .max_by_key(|&j| {
                    (
                        overlap((s, e), (b[j].0, b[j].1)),
                        b[j].2 == l,
                        std::cmp::Reverse(j),
                    )
                });
            if let Some(j) = best {
                au[i] = true;
                bu[j] = true;
                out.push((l.to_string(), b[j].2.to_string(), false));
            }
        }
        for (i, x) in a.iter().enumerate() {
            if !au[i] {
                out.push((x.2.to_string(), "-".into(), true));
            }
        }
        for (j, y) in b.iter().enumerate() {
            if !bu[j] {
                out.push(("-".into(), y.2.to_string(), true));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn the_indexed_lining_up_is_the_pairwise_one() {
        let text = Text::new("字".repeat(400));
        for round in 0..200 {
            let (a, b) = (random_spans(round, 40), random_spans(round + 1000, 35));
            let mut t = Tally::default();
            t.add((0, "d", &text), &a, &b);
            let mut got: Pairs = Vec::new();
            for c in t.finish().cells {
                let x = c.a.clone().unwrap_or_else(|| "-".into());
                let y = c.b.clone().unwrap_or_else(|| "-".into());
                for _ in 0..c.same_range {
                    got.push((x.clone(), y.clone(), true));
                }
                for _ in 0..c.other_range {
                    got.push((x.clone(), y.clone(), false));
                }
            }
            got.sort();
            assert_eq!(got, naive(&a, &b), "round {round}");
        }
    }

    #[test]
    fn nothing_on_either_side_gives_an_empty_confusion() {
        let c = of(&[], &[]);
        assert!(c.labels.is_empty() && c.cells.is_empty());
        assert!(c.disagreements().is_empty());
    }
}
