//! Exact-span precision, recall and F1 per label.

use std::collections::{BTreeMap, BTreeSet};

use super::model::LabelScore;

/// Per label: true positives, predicted spans, gold spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    per: BTreeMap<String, (usize, usize, usize)>,
}

impl Counts {
    /// Adds one sentence's (or document's) predicted and gold spans (start, end, label).
    pub fn add(
        &mut self,
        pred: &BTreeSet<(usize, usize, String)>,
        gold: &BTreeSet<(usize, usize, String)>,
    ) {
        for p in pred {
            let c = self.per.entry(p.2.clone()).or_default();
            c.1 += 1;
            if gold.contains(p) {
                c.0 += 1;
            }
        }
        for g in gold {
            self.per.entry(g.2.clone()).or_default().2 += 1;
        }
    }

    /// The score of one label, or of all together (micro-averaged) with `None`.
    pub fn score(&self, label: Option<&str>) -> LabelScore {
        let (tp, pred, gold) = self
            .per
            .iter()
            .filter(|(l, _)| label.is_none_or(|x| x == l.as_str()))
            .fold((0, 0, 0), |a, (_, c)| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        LabelScore::of_counts(tp, pred, gold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only() {
        let mut c = Counts::default();
        let g: BTreeSet<_> = [(0, 2, "PER".to_string()), (3, 5, "LOC".to_string())].into();
        let p: BTreeSet<_> = [(0, 2, "PER".to_string()), (3, 4, "LOC".to_string())].into();
        c.add(&p, &g);
        assert_eq!(c.score(Some("PER")).f1, 1.0);
        assert_eq!(c.score(Some("LOC")).f1, 0.0);
        assert_eq!(c.score(None).precision, 0.5);
        assert_eq!(c.score(None).support, 2);
    }
}
