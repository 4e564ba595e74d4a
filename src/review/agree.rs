//! Agreement figures between annotators' layers: span F1 (exact and overlapping), Cohen's
//! kappa and Fleiss' kappa over char tags, trigger and argument F1, per-label counts.
//!
//! What is compared:
//! - Only documents where both annotators of a pair have worked (for Fleiss: all of them):
//!   a layer with a compared span or an event, or marked done or reviewed
//!   ([`has_work`]). A layer left new or in progress with nothing in it is no judgement,
//!   and a name with no such layer anywhere is not an annotator by default.
//! - Span figures and char tags use the **accepted** spans of kind **entity** or **figure**
//!   only (pending and rejected suggestions, triggers, arguments and structure spans are not
//!   counted), restricted to the chosen labels when labels are given.
//! - Trigger and argument figures use the layer's events (every event, whatever the labels
//!   option says): a trigger is (trigger range, event type), an argument is
//!   (argument range, role, event type of its event).
//! - Figures are micro figures: counts summed over all compared documents, then divided.
//! - Against a reference layer ([`AgreeOptions::against`], the curated layer as a rule) the
//!   pairs are (reference, annotator): precision and recall are then the annotator's, with
//!   the reference as the truth. The curated layer is the truth only where its review is
//!   finished (marked reviewed or done): a document still in review holds the reviewer's
//!   first decisions and not yet the rest, and would count every item not decided yet
//!   against the annotators ([`Agreement::curated_in_review`] says how many were left out).
//! - Each pair also says which labels it confuses ([`crate::review::confusion`]).
//!
//! F1 is symmetric: with `a` as reference, tp = matched pairs, fp = `b`'s spans left
//! unmatched, fn = `a`'s spans left unmatched, F1 = 2·tp / (2·tp + fp + fn). With no spans
//! on either side it is `None` (JSON `null`, shown "—"), never NaN.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{CURATED, DocStatus, Layer, LayeredDoc, LayeredProject, SpanKind};
use crate::review::compare::has_work;
use crate::review::confusion::{Confusion, Tally};

/// Which annotators and labels to compare.
#[derive(Debug, Clone, Default)]
pub struct AgreeOptions {
    /// The annotators to compare (in this order); `None` means every annotator of the
    /// project (not `curated`).
    pub annotators: Option<Vec<String>>,
    /// The entity/figure labels to count; `None` means every label.
    pub labels: Option<Vec<String>>,
    /// A reference layer (`curated`, or an annotator's name): each annotator is compared
    /// with it alone, as the first of the pair, and no annotator with another.
    pub against: Option<String>,
}

/// Matches and misses of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items both sides have (matched one to one).
    pub tp: usize,
    /// Items only the second annotator has.
    pub fp: usize,
    /// Items only the first annotator has.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// 2·tp / (2·tp + fp + fn); `None` when there is nothing on either side.
    pub fn f1(&self) -> Option<f64> {
        let d = 2 * self.tp + self.fp + self.fn_;
        (d > 0).then(|| (2 * self.tp) as f64 / d as f64)
    }

    /// tp / (tp + fp): the share of the second side's items the first has too.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// tp / (tp + fn): the share of the first side's items the second has too.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Exact span agreement on one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelAgreement {
    /// The label key.
    pub label: String,
    /// Exact span F1 on this label (`None` when neither side has such a span).
    pub f1: Option<f64>,
    /// Its counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Every figure between two annotators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAgreement {
    /// First annotator (the reference for fp/fn).
    pub a: String,
    /// Second annotator.
    pub b: String,
    /// Documents where both have a layer.
    pub documents: usize,
    /// Chars of those documents (the items of the kappa).
    pub chars: usize,
    /// Compared spans of `a`.
    pub spans_a: usize,
    /// Compared spans of `b`.
    pub spans_b: usize,
    /// F1 with a match = same start, end and label.
    pub span_f1_exact: Option<f64>,
    /// F1 with a match = overlapping ranges and the same label (one-to-one greedy matching).
    pub span_f1_overlap: Option<f64>,
    /// Cohen's kappa over the char tags (see [`char_tags`], [`cohen_kappa`]). With no span
    /// on either side every char is `O` on both: p_o = p_e = 1, kappa 1. `None` only when
    /// the compared documents have no chars.
    pub cohen_kappa_char: Option<f64>,
    /// F1 over (trigger range, event type).
    pub trigger_f1: Option<f64>,
    /// F1 over (argument range, role, event type).
    pub argument_f1: Option<f64>,
    /// Exact span counts summed over labels.
    pub exact: Counts,
    /// Trigger counts.
    pub triggers: Counts,
    /// Argument counts.
    pub arguments: Counts,
    /// Exact figures per label (every label either side used, sorted).
    pub per_label: Vec<LabelAgreement>,
    /// Which labels `a` and `b` give the same spans ([`crate::review::confusion`]).
    pub confusion: Confusion,
    /// Which event types `a` and `b` give the same triggers (lined up as spans are).
    pub trigger_confusion: Confusion,
}

/// The agreement of a project: every pair, and Fleiss' kappa over all chosen annotators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// The annotators compared (against a reference, the reference is not among them).
    pub annotators: Vec<String>,
    /// The reference layer every annotator was compared with, if one was chosen.
    pub against: Option<String>,
    /// One entry per pair (i < j in `annotators` order).
    pub pairs: Vec<PairAgreement>,
    /// Fleiss' kappa over the char tags of documents where every chosen annotator has a
    /// layer; `None` with fewer than three annotators or no such chars.
    pub fleiss_kappa_char: Option<f64>,
    /// Documents counted in Fleiss' kappa.
    pub fleiss_documents: usize,
    /// Documents whose review is finished (the curated layer marked reviewed or done): the
    /// ones compared against it (0: nothing to compare against yet).
    pub curated_documents: usize,
    /// Documents whose curated layer holds work but whose review is not finished: left out of
    /// the comparison with it.
    pub curated_in_review: usize,
}

impl Agreement {
    /// The pair of `a` and `b`, in either order.
    pub fn pair(&self, a: &str, b: &str) -> Option<&PairAgreement> {
        self.pairs
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
    }
}

/// A figure for people: three decimals, or "—" when it cannot be computed.
pub fn show(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{x:.3}"),
        None => "—".to_string(),
    }
}

/// The tag a char gets when no compared span covers it.
pub const OUTSIDE: &str = "O";

fn wanted(labels: Option<&BTreeSet<&str>>, label: &str) -> bool {
    labels.is_none_or(|l| l.contains(label))
}

/// The compared spans of a layer: accepted, entity or figure, a chosen label.
/// Returned as (start, end, label), sorted.
fn compared<'a>(layer: &'a Layer, labels: Option<&BTreeSet<&str>>) -> Vec<(u32, u32, &'a str)> {
    let mut v: Vec<_> = layer
        .accepted()
        .filter(|s| matches!(s.kind, SpanKind::Entity | SpanKind::Figure))
        .filter(|s| wanted(labels, &s.label))
        .map(|s| (s.range.start, s.range.end, s.label.as_str()))
        .collect();
    v.sort();
    v
}

/// Multiset matching of equal items: tp = Σ min(count in a, count in b).
fn exact_counts<T: Ord + Clone>(a: &[T], b: &[T]) -> Counts {
    let mut ca: BTreeMap<&T, usize> = BTreeMap::new();
    for x in a {
        *ca.entry(x).or_default() += 1;
    }
    let mut tp = 0;
    for x in b {
        if let Some(n) = ca.get_mut(x)
            && *n > 0
        {
            *n -= 1;
            tp += 1;
        }
    }
    Counts {
        tp,
        fp: b.len() - tp,
        fn_: a.len() - tp,
    }
}

/// Overlap matching, one to one and greedy: `a`'s spans in (start, end, label) order each
/// take the first not yet matched span of `b` (same order) with the same label whose range
/// overlaps (shares at least one char). A span is never counted twice.
fn overlap_counts(a: &[(u32, u32, &str)], b: &[(u32, u32, &str)]) -> Counts {
    let mut used = vec![false; b.len()];
    let mut tp = 0;
    // `b` is sorted by start (see `compared`): with the running max of its ends, the spans
    // that can overlap [s, e) run from the first whose running max end passes s to the
    // last that starts before e, so a document of 20,000 spans is not 20,000² pairs.
    let mut max_end = Vec::with_capacity(b.len());
    let mut m = 0;
    for &(_, be, _) in b {
        m = m.max(be);
        max_end.push(m);
    }
    for &(s, e, l) in a {
        let hi = b.partition_point(|&(bs, _, _)| bs < e);
        let lo = max_end.partition_point(|&m| m <= s).min(hi);
        let hit = b[lo..hi]
            .iter()
            .enumerate()
            .map(|(k, x)| (lo + k, x))
            .find(|&(i, &(bs, be, bl))| !used[i] && bl == l && bs < e && s < be);
        if let Some((i, _)) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    Counts {
        tp,
        fp: b.len() - tp,
        fn_: a.len() - tp,
    }
}

/// The tag of every char of a document of `len` chars: the label of the compared span that
/// covers it and starts first (of several starting there, the longest: the outermost), or
/// [`OUTSIDE`].
pub fn char_tags<'a>(len: u32, spans: &[(u32, u32, &'a str)]) -> Vec<&'a str> {
    let mut tags: Vec<Option<&str>> = vec![None; len as usize];
    let mut order: Vec<_> = spans.to_vec();
    // Start ascending, end descending: the first span to reach a char is the outermost.
    order.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(y.2)));
    for (s, e, l) in order {
        for t in tags.iter_mut().take(e.min(len) as usize).skip(s as usize) {
            if t.is_none() {
                *t = Some(l);
            }
        }
    }
    tags.into_iter().map(|t| t.unwrap_or(OUTSIDE)).collect()
}

/// Kappa from observed and expected agreement. When p_e = 1 every rater gave every item the
/// same single tag, so p_o = 1 too: kappa is defined as 1 then. A p_e of 1 with p_o below 1
/// cannot happen with exact counts; should rounding produce it, the figure is `None`.
fn kappa(p_o: f64, p_e: f64) -> Option<f64> {
    if p_e >= 1.0 {
        return (p_o >= 1.0).then_some(1.0);
    }
    Some((p_o - p_e) / (1.0 - p_e))
}

/// Cohen's kappa of two tag sequences of equal length: p_o = share of items with the same
/// tag, p_e = Σ over tags of (share of `a` with the tag)·(share of `b` with it).
/// `None` when there are no items.
pub fn cohen_kappa(a: &[&str], b: &[&str]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let mut ma: BTreeMap<&str, usize> = BTreeMap::new();
    let mut mb: BTreeMap<&str, usize> = BTreeMap::new();
    let mut agree = 0usize;
    for (x, y) in a.iter().zip(b) {
        *ma.entry(x).or_default() += 1;
        *mb.entry(y).or_default() += 1;
        if x == y {
            agree += 1;
        }
    }
    let nf = n as f64;
    let p_o = agree as f64 / nf;
    let p_e: f64 = ma
        .iter()
        .map(|(k, ca)| (*ca as f64 / nf) * (mb.get(k).copied().unwrap_or(0) as f64 / nf))
        .sum();
    kappa(p_o, p_e)
}

/// Fleiss' kappa: `items[i]` holds the m tags the m raters gave item i (m ≥ 2, the same for
/// every item). P_i = (Σ_j n_ij² − m) / (m(m−1)), P̄ = mean P_i, p_j = share of all tags
/// that are j, P_e = Σ p_j², kappa = (P̄ − P_e) / (1 − P_e) (1 when P_e = 1, as for
/// Cohen). `None` with no items or fewer than two raters.
pub fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
    let m = items.first()?.len();
    if m < 2 {
        return None;
    }
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sum_p = 0.0;
    for item in items {
        let mut c: BTreeMap<&str, usize> = BTreeMap::new();
        for t in item {
            *c.entry(t).or_default() += 1;
            *totals.entry(t).or_default() += 1;
        }
        let sq: usize = c.values().map(|n| n * n).sum();
        sum_p += (sq - m) as f64 / (m * (m - 1)) as f64;
    }
    let n = items.len() as f64;
    let p_bar = sum_p / n;
    let all = n * m as f64;
    let p_e: f64 = totals.values().map(|&t| (t as f64 / all).powi(2)).sum();
    kappa(p_bar, p_e)
}

type Trig = (u32, u32, String);
type Arg = (u32, u32, String, String);

fn triggers(layer: &Layer) -> Vec<Trig> {
    layer
        .events
        .iter()
        .filter_map(|e| {
            let t = layer.span(e.trigger)?;
            Some((t.range.start, t.range.end, e.event_type.clone()))
        })
        .collect()
}

/// Triggers as (start, end, event type) spans, for the confusion tally.
fn as_spans(v: &[Trig]) -> Vec<(u32, u32, &str)> {
    v.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect()
}

fn arguments(layer: &Layer) -> Vec<Arg> {
    layer
        .events
        .iter()
        .flat_map(|e| {
            e.args.iter().filter_map(|(role, id)| {
                let s = layer.span(*id)?;
                Some((
                    s.range.start,
                    s.range.end,
                    role.clone(),
                    e.event_type.clone(),
                ))
            })
        })
        .collect()
}

fn pair(docs: &[LayeredDoc], a: &str, b: &str, labels: Option<&BTreeSet<&str>>) -> PairAgreement {
    let mut out = PairAgreement {
        a: a.to_string(),
        b: b.to_string(),
        documents: 0,
        chars: 0,
        spans_a: 0,
        spans_b: 0,
        span_f1_exact: None,
        span_f1_overlap: None,
        cohen_kappa_char: None,
        trigger_f1: None,
        argument_f1: None,
        exact: Counts::default(),
        triggers: Counts::default(),
        arguments: Counts::default(),
        per_label: Vec::new(),
        confusion: Confusion::default(),
        trigger_confusion: Confusion::default(),
    };
    let mut confusion = Tally::default();
    let mut trigger_confusion = Tally::default();
    let mut overlap = Counts::default();
    let mut per_label: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut tags_a, mut tags_b) = (Vec::new(), Vec::new());
    for (n, d) in docs.iter().enumerate() {
        // Only documents both have worked on (a layer left new or in progress with nothing
        // in it holds no judgement to agree or disagree with).
        let (Some(la), Some(lb)) = (worked(d, a), worked(d, b)) else {
            continue;
        };
        out.documents += 1;
        let (sa, sb) = (compared(la, labels), compared(lb, labels));
        out.spans_a += sa.len();
        out.spans_b += sb.len();
        out.exact.add(exact_counts(&sa, &sb));
        overlap.add(overlap_counts(&sa, &sb));
        confusion.add((n, &d.meta.id, &d.text), &sa, &sb);
        let names: BTreeSet<&str> = sa.iter().chain(&sb).map(|s| s.2).collect();
        for l in names {
            let fa: Vec<_> = sa.iter().filter(|s| s.2 == l).collect();
            let fb: Vec<_> = sb.iter().filter(|s| s.2 == l).collect();
            per_label
                .entry(l.to_string())
                .or_default()
                .add(exact_counts(&fa, &fb));
        }
        let len = d.text.len_chars();
        tags_a.extend(char_tags(len, &sa));
        tags_b.extend(char_tags(len, &sb));
        let (mut ta, mut tb) = (triggers(la), triggers(lb));
        out.triggers.add(exact_counts(&ta, &tb));
        ta.sort();
        tb.sort();
        trigger_confusion.add((n, &d.meta.id, &d.text), &as_spans(&ta), &as_spans(&tb));
        out.arguments
            .add(exact_counts(&arguments(la), &arguments(lb)));
    }
    out.chars = tags_a.len();
    out.confusion = confusion.finish();
    out.trigger_confusion = trigger_confusion.finish();
    out.span_f1_exact = out.exact.f1();
    out.span_f1_overlap = overlap.f1();
    out.cohen_kappa_char = cohen_kappa(&tags_a, &tags_b);
    out.trigger_f1 = out.triggers.f1();
    out.argument_f1 = out.arguments.f1();
    out.per_label = per_label
        .into_iter()
        .map(|(label, counts)| LabelAgreement {
            label,
            f1: counts.f1(),
            counts,
        })
        .collect();
    out
}

/// `name`'s layer of `d` if it holds work to compare ([`has_work`]); for the curated layer,
/// only once its review is finished ([`review_finished`]).
fn worked<'a>(d: &'a LayeredDoc, name: &str) -> Option<&'a Layer> {
    if name == CURATED {
        return d.layer(name).filter(|l| review_finished(l));
    }
    d.layer(name).filter(|l| has_work(l))
}

/// A curated layer whose review is finished: marked reviewed, or done.
fn review_finished(l: &Layer) -> bool {
    matches!(l.status, DocStatus::Done | DocStatus::Reviewed)
}

/// Every agreement figure of `project` between the chosen annotators (`curated`, a name
/// given a second time and the reference are left out of them). With a reference
/// ([`AgreeOptions::against`]) the pairs are (reference, annotator), one per annotator;
/// Fleiss' kappa stays the annotators' own.
pub fn agreement(project: &LayeredProject, opts: &AgreeOptions) -> Agreement {
    let against = opts.against.as_deref();
    let annotators: Vec<String> = match &opts.annotators {
        Some(v) => {
            let mut seen = BTreeSet::new();
            v.iter()
                .filter(|n| n.as_str() != CURATED && seen.insert(n.as_str()))
                .cloned()
                .collect()
        }
        None => project
            .annotators()
            .into_iter()
            .filter(|a| project.docs.iter().any(|d| worked(d, a).is_some()))
            .collect(),
    };
    let annotators: Vec<String> = annotators
        .into_iter()
        .filter(|a| Some(a.as_str()) != against)
        .collect();
    let labels: Option<BTreeSet<&str>> = opts
        .labels
        .as_ref()
        .map(|v| v.iter().map(String::as_str).collect());
    let labels = labels.as_ref();
    let mut pairs = Vec::new();
    if let Some(r) = against {
        for b in &annotators {
            pairs.push(pair(&project.docs, r, b, labels));
        }
    } else {
        for (i, a) in annotators.iter().enumerate() {
            for b in &annotators[i + 1..] {
                pairs.push(pair(&project.docs, a, b, labels));
            }
        }
    }
    let mut fleiss_documents = 0;
    let mut fleiss_kappa_char = None;
    if annotators.len() >= 3 {
        let mut items: Vec<Vec<&str>> = Vec::new();
        for d in &project.docs {
            let layers: Option<Vec<&Layer>> = annotators.iter().map(|n| worked(d, n)).collect();
            let Some(layers) = layers else { continue };
            fleiss_documents += 1;
            let len = d.text.len_chars();
            let tags: Vec<Vec<&str>> = layers
                .iter()
                .map(|l| char_tags(len, &compared(l, labels)))
                .collect();
            for c in 0..len as usize {
                items.push(tags.iter().map(|t| t[c]).collect());
            }
        }
        fleiss_kappa_char = fleiss_kappa(&items);
    }
    Agreement {
        annotators,
        against: opts.against.clone(),
        pairs,
        fleiss_kappa_char,
        fleiss_documents,
        curated_documents: project
            .docs
            .iter()
            .filter(|d| worked(d, CURATED).is_some())
            .count(),
        curated_in_review: project
            .docs
            .iter()
            .filter(|d| {
                d.layer(CURATED)
                    .is_some_and(|l| has_work(l) && !review_finished(l))
            })
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CharRange, DocMeta, DocStatus, Event, EventId, Schema, Span, SpanId, SpanStatus, Text,
    };

    const ENT: SpanKind = SpanKind::Entity;

    fn layer(spans: &[(u32, u32, &str, SpanKind)]) -> Layer {
        let spans = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e, l, k))| Span::new(SpanId(i as u32 + 1), CharRange::new(s, e), k, l))
            .collect();
        // Done: an empty layer here says "nothing to tag" (one left in progress would not
        // be compared at all).
        Layer::from_parts(spans, Vec::new(), DocStatus::Done, 1, 1)
    }

    fn doc(id: &str, text: &str, layers: Vec<(&str, Layer)>) -> LayeredDoc {
        LayeredDoc {
            meta: DocMeta {
                id: id.into(),
                published: None,
                imported_from: None,
            },
            text: Text::new(text),
            layers: layers
                .into_iter()
                .map(|(n, l)| (n.to_string(), l))
                .collect(),
        }
    }

    fn project(docs: Vec<LayeredDoc>) -> LayeredProject {
        LayeredProject {
            name: "t".into(),
            schema: Schema::default_bulletin(),
            docs,
        }
    }

    fn close(x: Option<f64>, want: f64) {
        let x = x.expect("a figure");
        assert!((x - want).abs() < 1e-12, "{x} != {want}");
    }

    const TEN: &str = "一二三四五六七八九十";

    #[test]
    fn exact_overlap_kappa_and_per_label_by_hand() {
        // alice: PER[0,2) ORG[4,7); bob: PER[0,2) ORG[4,6) LOC[8,9); 10 chars.
        let p = project(vec![doc(
            "d",
            TEN,
            vec![
                ("alice", layer(&[(0, 2, "PER", ENT), (4, 7, "ORG", ENT)])),
                (
                    "bob",
                    layer(&[(0, 2, "PER", ENT), (4, 6, "ORG", ENT), (8, 9, "LOC", ENT)]),
                ),
            ],
        )]);
        let a = agreement(&p, &AgreeOptions::default());
        assert_eq!(a.annotators, vec!["alice", "bob"]);
        let x = a.pair("alice", "bob").expect("pair");
        assert_eq!((x.documents, x.chars, x.spans_a, x.spans_b), (1, 10, 2, 3));
        // Exact: only PER matches. tp 1, fp 3-1 = 2, fn 2-1 = 1: F1 = 2/(2+2+1) = 0.4.
        assert_eq!(
            x.exact,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        close(x.span_f1_exact, 0.4);
        // Overlap: PER-PER, ORG[4,7)-ORG[4,6). tp 2, fp 1, fn 0: F1 = 4/5.
        close(x.span_f1_overlap, 0.8);
        // Tags  alice: P P O O G G G O O O
        //       bob:   P P O O G G O O L O
        // p_o = 8/10. Marginals alice PER 2, ORG 3, O 5; bob PER 2, ORG 2, LOC 1, O 5.
        // p_e = (2·2 + 3·2 + 0·1 + 5·5)/100 = 35/100. kappa = (0.8-0.35)/0.65 = 9/13.
        close(x.cohen_kappa_char, 9.0 / 13.0);
        // Per label: PER 1/0/0 → 1; ORG 0/1/1 → 0; LOC 0/1/0 → 0.
        let pl: Vec<_> = x
            .per_label
            .iter()
            .map(|l| {
                (
                    l.label.as_str(),
                    l.counts.tp,
                    l.counts.fp,
                    l.counts.fn_,
                    l.f1,
                )
            })
            .collect();
        assert_eq!(
            pl,
            vec![
                ("LOC", 0, 1, 0, Some(0.0)),
                ("ORG", 0, 1, 1, Some(0.0)),
                ("PER", 1, 0, 0, Some(1.0)),
            ]
        );
        // No events: trigger and argument F1 cannot be computed.
        assert_eq!((x.trigger_f1, x.argument_f1), (None, None));
        // Only PER: both have PER[0,2): F1 1; tags P P O…O on both sides: kappa 1.
        let only = agreement(
            &p,
            &AgreeOptions {
                labels: Some(vec!["PER".into()]),
                ..Default::default()
            },
        );
        let x = &only.pairs[0];
        close(x.span_f1_exact, 1.0);
        close(x.cohen_kappa_char, 1.0);
        assert_eq!(x.per_label.len(), 1);
    }

    #[test]
    fn long_stretches_of_o_make_kappa_high_where_exact_f1_is_zero() {
        // 100 chars; alice PER[0,4), bob PER[0,3).
        let text = "字".repeat(100);
        let p = project(vec![doc(
            "d",
            &text,
            vec![
                ("alice", layer(&[(0, 4, "PER", ENT)])),
                ("bob", layer(&[(0, 3, "PER", ENT)])),
            ],
        )]);
        let x = agreement(&p, &AgreeOptions::default()).pairs[0].clone();
        // Exact: tp 0, fp 1, fn 1 → 0. Overlap: tp 1 → 1.
        close(x.span_f1_exact, 0.0);
        close(x.span_f1_overlap, 1.0);
        // p_o = 99/100; p_e = (4·3 + 96·97)/10000 = 9324/10000;
        // kappa = (0.99 - 0.9324)/(1 - 0.9324) = 0.0576/0.0676 = 144/169 ≈ 0.852.
        close(x.cohen_kappa_char, 144.0 / 169.0);
    }

    #[test]
    fn an_empty_layer_gives_defined_figures_not_nan() {
        // alice PER[0,2) on 4 chars, bob nothing: F1 = 0/(0+0+1) = 0.
        // Tags alice P P O O, bob O O O O: p_o = 2/4, p_e = (2·0 + 2·4)/16 = 1/2, kappa 0.
        let p = project(vec![doc(
            "d",
            "一二三四",
            vec![("alice", layer(&[(0, 2, "PER", ENT)])), ("bob", layer(&[]))],
        )]);
        let x = agreement(&p, &AgreeOptions::default()).pairs[0].clone();
        close(x.span_f1_exact, 0.0);
        close(x.cohen_kappa_char, 0.0);
        // Both empty: no span either side → F1 None (JSON null); every char O on both sides:
        // p_o = 1, p_e = 1 → kappa defined as 1.
        let p = project(vec![doc(
            "d",
            "一二三四",
            vec![("alice", layer(&[])), ("bob", layer(&[]))],
        )]);
        let a = agreement(&p, &AgreeOptions::default());
        let x = &a.pairs[0];
        assert_eq!((x.span_f1_exact, x.span_f1_overlap), (None, None));
        close(x.cohen_kappa_char, 1.0);
        let json = serde_json::to_string(&a).expect("json");
        assert!(json.contains("\"span_f1_exact\":null"), "{json}");
        assert!(!json.contains("NaN"));
        assert_eq!(show(x.span_f1_exact), "—");
        // No chars at all (an empty document): kappa cannot be computed.
        let p = project(vec![doc(
            "d",
            "",
            vec![("alice", layer(&[])), ("bob", layer(&[]))],
        )]);
        assert_eq!(
            agreement(&p, &AgreeOptions::default()).pairs[0].cohen_kappa_char,
            None
        );
    }

    #[test]
    fn a_layer_left_in_progress_with_nothing_in_it_is_not_compared() {
        let idle = Layer::from_parts(Vec::new(), Vec::new(), DocStatus::InProgress, 1, 1);
        let p = project(vec![doc(
            "d",
            "一二三四",
            vec![
                ("alice", layer(&[(0, 2, "PER", ENT)])),
                ("bob", layer(&[(0, 2, "PER", ENT)])),
                ("dave", idle),
            ],
        )]);
        let a = agreement(&p, &AgreeOptions::default());
        assert_eq!(a.annotators, ["alice".to_string(), "bob".to_string()]);
        assert_eq!(a.pairs.len(), 1);
        close(a.pairs[0].span_f1_exact, 1.0);
        // Named, dave has no document to compare: his pairs count none.
        let named = agreement(
            &p,
            &AgreeOptions {
                annotators: Some(vec!["alice".into(), "dave".into()]),
                ..Default::default()
            },
        );
        assert_eq!(named.pairs[0].documents, 0);
        assert_eq!(named.pairs[0].span_f1_exact, None);
    }

    #[test]
    fn fleiss_kappa_of_three_annotators_by_hand() {
        // 4 chars; alice PER[0,2), bob PER[0,2), carol PER[0,1).
        // char0 P P P, char1 P P O, char2 O O O, char3 O O O; m = 3.
        // P_i = (Σn² - 3)/6: 1, (4+1-3)/6 = 1/3, 1, 1 → P̄ = (10/3)/4 = 5/6.
        // p_PER = 5/12, p_O = 7/12 → P_e = (25+49)/144 = 37/72.
        // kappa = (60/72 - 37/72)/(35/72) = 23/35.
        let p = project(vec![
            doc(
                "d",
                "一二三四",
                vec![
                    ("alice", layer(&[(0, 2, "PER", ENT)])),
                    ("bob", layer(&[(0, 2, "PER", ENT)])),
                    ("carol", layer(&[(0, 1, "PER", ENT)])),
                ],
            ),
            // Carol has no layer here: Fleiss leaves the document out, the alice-bob pair not.
            doc(
                "e",
                "一二",
                vec![("alice", layer(&[])), ("bob", layer(&[(0, 1, "ORG", ENT)]))],
            ),
        ]);
        let a = agreement(&p, &AgreeOptions::default());
        close(a.fleiss_kappa_char, 23.0 / 35.0);
        assert_eq!(a.fleiss_documents, 1);
        assert_eq!(a.pairs.len(), 3);
        assert_eq!(a.pair("alice", "bob").map(|x| x.documents), Some(2));
        assert_eq!(a.pair("bob", "carol").map(|x| x.documents), Some(1));
        // Two annotators only: no Fleiss figure.
        let two = agreement(
            &p,
            &AgreeOptions {
                annotators: Some(vec!["alice".into(), "bob".into()]),
                ..Default::default()
            },
        );
        assert_eq!(two.fleiss_kappa_char, None);
        // A name given twice, and curated, are compared once / not at all.
        let twice = agreement(
            &p,
            &AgreeOptions {
                annotators: Some(vec![
                    "bob".into(),
                    "bob".into(),
                    CURATED.into(),
                    "alice".into(),
                ]),
                ..Default::default()
            },
        );
        assert_eq!(twice.annotators, vec!["bob", "alice"]);
        assert_eq!(twice.pairs.len(), 1);
    }

    #[test]
    fn against_the_curated_layer_each_annotator_gets_precision_recall_and_confusion() {
        // curated: PER[0,2) LOC[4,6) ORG[7,10); alice: the same; bob: PER[0,2) ORG[4,6),
        // nothing at 7. An annotator with no work (carol, in progress, empty) is left out.
        let curated = layer(&[(0, 2, "PER", ENT), (4, 6, "LOC", ENT), (7, 10, "ORG", ENT)]);
        let empty = Layer::from_parts(Vec::new(), Vec::new(), DocStatus::InProgress, 1, 1);
        let p = project(vec![doc(
            "d",
            TEN,
            vec![
                (CURATED, curated.clone()),
                ("alice", curated),
                ("bob", layer(&[(0, 2, "PER", ENT), (4, 6, "ORG", ENT)])),
                ("carol", empty),
            ],
        )]);
        let a = agreement(
            &p,
            &AgreeOptions {
                against: Some(CURATED.into()),
                ..Default::default()
            },
        );
        assert_eq!(a.against.as_deref(), Some(CURATED));
        assert_eq!(a.curated_documents, 1);
        assert_eq!(a.annotators, vec!["alice", "bob"]);
        assert_eq!(
            a.pairs.len(),
            2,
            "one pair per annotator, none between them"
        );
        let alice = a.pair(CURATED, "alice").expect("curated / alice");
        assert_eq!((alice.a.as_str(), alice.b.as_str()), (CURATED, "alice"));
        close(alice.exact.precision(), 1.0);
        close(alice.exact.recall(), 1.0);
        assert!(alice.confusion.disagreements().is_empty());
        let bob = a.pair(CURATED, "bob").expect("curated / bob");
        // bob: tp 1 (PER), fp 1 (ORG at 4), fn 2 (LOC at 4, ORG at 7): P 1/2, R 1/3.
        close(bob.exact.precision(), 0.5);
        close(bob.exact.recall(), 1.0 / 3.0);
        let c = &bob.confusion;
        assert_eq!(c.count(Some("LOC"), Some("ORG")), 1, "LOC read as ORG");
        assert_eq!(c.count(Some("ORG"), None), 1, "ORG missed");
        assert_eq!(c.count(Some("PER"), Some("PER")), 1);
        assert_eq!(c.disagreements().len(), 2);
        // The reference is never among the annotators, even when named.
        let named = agreement(
            &p,
            &AgreeOptions {
                annotators: Some(vec!["alice".into(), "bob".into()]),
                against: Some("alice".into()),
                ..Default::default()
            },
        );
        assert_eq!(named.annotators, vec!["bob"]);
        assert_eq!(named.pairs.len(), 1);
        assert_eq!(named.fleiss_kappa_char, None);
    }

    #[test]
    fn against_the_curated_layer_only_documents_whose_review_is_finished_count() {
        // d1 reviewed: PER[0,2). d2 still in review: the reviewer took one LOC of alice's
        // three spans and has not decided the other two, which must not count as alice's
        // false positives.
        let mut reviewed = layer(&[(0, 2, "PER", ENT)]);
        reviewed.status = DocStatus::Reviewed;
        let mut in_review = layer(&[(4, 6, "LOC", ENT)]);
        in_review.status = DocStatus::InProgress;
        let alice2 = layer(&[(0, 2, "PER", ENT), (4, 6, "LOC", ENT), (7, 10, "ORG", ENT)]);
        let p = project(vec![
            doc(
                "d1",
                TEN,
                vec![(CURATED, reviewed), ("alice", layer(&[(0, 2, "PER", ENT)]))],
            ),
            doc("d2", TEN, vec![(CURATED, in_review), ("alice", alice2)]),
        ]);
        let a = agreement(
            &p,
            &AgreeOptions {
                against: Some(CURATED.into()),
                ..Default::default()
            },
        );
        assert_eq!((a.curated_documents, a.curated_in_review), (1, 1));
        let alice = a.pair(CURATED, "alice").expect("curated / alice");
        assert_eq!(alice.documents, 1);
        close(alice.exact.precision(), 1.0);
        close(alice.exact.recall(), 1.0);
        // Another annotator as the reference is taken wherever it holds work.
        let mut bob = layer(&[(0, 2, "PER", ENT)]);
        bob.status = DocStatus::InProgress;
        let mut p = p;
        p.docs[1].layers.insert("bob".into(), bob);
        let b = agreement(
            &p,
            &AgreeOptions {
                against: Some("bob".into()),
                ..Default::default()
            },
        );
        assert_eq!(b.pair("bob", "alice").expect("bob / alice").documents, 1);
    }

    #[test]
    fn the_swept_overlap_matching_is_the_pairwise_one() {
        // The matching before the sweep: every pair, b in order.
        fn naive(a: &[(u32, u32, &str)], b: &[(u32, u32, &str)]) -> Counts {
            let mut used = vec![false; b.len()];
            let mut tp = 0;
            for &(s, e, l) in a {
                let hit = b
                    .iter()
                    .enumerate()
                    .find(|&(i, &(bs, be, bl))| !used[i] && bl == l && bs < e && s < be);
                if let Some((i, _)) = hit {
                    used[i] = true;
                    tp += 1;
                }
            }
            Counts {
                tp,
                fp: b.len() - tp,
                fn_: a.len() - tp,
            }
        }
        use crate::review::confusion::random_spans;
        for seed in 0..200 {
            let a = random_spans(seed, 40);
            let b = random_spans(seed + 1000, 35);
            assert_eq!(overlap_counts(&a, &b), naive(&a, &b), "seed {seed}");
        }
    }

    #[test]
    fn overlap_matching_is_one_to_one() {
        // alice PER[0,4); bob PER[0,2) PER[2,4): one match only. tp 1, fp 1, fn 0 → 2/3.
        let p = project(vec![doc(
            "d",
            "一二三四",
            vec![
                ("alice", layer(&[(0, 4, "PER", ENT)])),
                ("bob", layer(&[(0, 2, "PER", ENT), (2, 4, "PER", ENT)])),
            ],
        )]);
        close(
            agreement(&p, &AgreeOptions::default()).pairs[0].span_f1_overlap,
            2.0 / 3.0,
        );
    }

    #[test]
    fn the_outermost_first_starting_span_tags_a_char() {
        let tags = char_tags(5, &[(0, 2, "LOC"), (0, 4, "ORG"), (1, 2, "PER")]);
        assert_eq!(tags, vec!["ORG", "ORG", "ORG", "ORG", "O"]);
        let tags = char_tags(4, &[(1, 2, "LOC"), (0, 3, "PER")]);
        assert_eq!(tags, vec!["PER", "PER", "PER", "O"]);
    }

    #[test]
    fn pending_triggers_and_structure_are_not_span_figures_but_events_count() {
        // alice: trigger [0,2) Meeting with Person [3,5); bob: same trigger, Person [3,6).
        // Triggers: tp 1 → 1. Arguments: tp 0, fp 1, fn 1 → 0.
        let mk = |arg_end: u32, pending: bool| {
            let mut spans = vec![
                Span::new(SpanId(1), CharRange::new(0, 2), SpanKind::Trigger, "TRG"),
                Span::new(
                    SpanId(2),
                    CharRange::new(3, arg_end),
                    SpanKind::Argument,
                    "ARG",
                ),
                Span::new(SpanId(3), CharRange::new(6, 8), ENT, "PER"),
            ];
            if pending {
                spans[2].status = SpanStatus::Pending;
            }
            let ev = Event {
                id: EventId(1),
                event_type: "Meeting".into(),
                trigger: SpanId(1),
                args: vec![("Person".into(), SpanId(2))],
                unsure: false,
                note: None,
            };
            Layer::from_parts(spans, vec![ev], DocStatus::Done, 1, 1)
        };
        let p = project(vec![doc(
            "d",
            TEN,
            vec![("alice", mk(5, false)), ("bob", mk(6, true))],
        )]);
        let x = agreement(&p, &AgreeOptions::default()).pairs[0].clone();
        close(x.trigger_f1, 1.0);
        close(x.argument_f1, 0.0);
        // Span figures see alice's accepted PER only (bob's is pending): tp 0, fn 1 → 0.
        assert_eq!((x.spans_a, x.spans_b), (1, 0));
        close(x.span_f1_exact, 0.0);
        // The same trigger and type on both sides: nothing confused.
        assert!(x.trigger_confusion.disagreements().is_empty());
        assert_eq!(
            x.trigger_confusion.count(Some("Meeting"), Some("Meeting")),
            1
        );
    }

    #[test]
    fn event_types_given_to_the_same_trigger_are_a_confusion_of_their_own() {
        // alice: 会见 [0,2) Meeting; bob: the same trigger typed Visit, and a second event
        // (trigger [5,7) Attack) alice has not.
        let mk = |ty: &str, second: bool| {
            let mut spans = vec![Span::new(
                SpanId(1),
                CharRange::new(0, 2),
                SpanKind::Trigger,
                "TRG",
            )];
            let mut events = vec![Event {
                id: EventId(1),
                event_type: ty.into(),
                trigger: SpanId(1),
                args: Vec::new(),
                unsure: false,
                note: None,
            }];
            if second {
                spans.push(Span::new(
                    SpanId(2),
                    CharRange::new(5, 7),
                    SpanKind::Trigger,
                    "TRG",
                ));
                events.push(Event {
                    id: EventId(2),
                    event_type: "Attack".into(),
                    trigger: SpanId(2),
                    args: Vec::new(),
                    unsure: false,
                    note: None,
                });
            }
            Layer::from_parts(spans, events, DocStatus::Done, 3, 3)
        };
        let p = project(vec![doc(
            "d",
            TEN,
            vec![("alice", mk("Meeting", false)), ("bob", mk("Visit", true))],
        )]);
        let x = agreement(&p, &AgreeOptions::default()).pairs[0].clone();
        let c = &x.trigger_confusion;
        assert_eq!(c.labels, vec!["Attack", "Meeting", "Visit"]);
        assert_eq!(c.count(Some("Meeting"), Some("Visit")), 1);
        assert_eq!(c.count(None, Some("Attack")), 1);
        assert_eq!(c.disagreements().len(), 2);
        // Span confusion is about entity and figure spans only.
        assert!(x.confusion.cells.is_empty());
    }
}
