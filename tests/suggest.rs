//! Quality of entity suggestions, measured on the hand-checked sample bulletin: exact span and
//! label against the gold layer. Precision comes first.

mod common;
use common::prf;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use biaozhu::model::SpanKind;
use biaozhu::zh::suggest;

#[test]
fn entity_suggestions_on_the_sample_are_precise() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).expect("sample");
    let d = &p.documents[0];
    let gold: HashSet<(u32, u32, String)> = d
        .layer
        .spans()
        .iter()
        .filter(|s| s.kind == SpanKind::Entity)
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect();
    let pred: HashSet<(u32, u32, String)> =
        suggest::entities(&biaozhu::zh::segment::Segmenter::new(), d.text.as_str())
            .into_iter()
            .map(|s| (s.range.start, s.range.end, s.label))
            .collect();
    let mut per_label: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for g in &gold {
        per_label.entry(g.2.clone()).or_default().2 += 1;
    }
    for s in &pred {
        let e = per_label.entry(s.2.clone()).or_default();
        e.1 += 1;
        if gold.contains(s) {
            e.0 += 1;
        }
    }
    let tp = pred.intersection(&gold).count();
    let (pr, rc, f) = prf(tp, pred.len(), gold.len());
    println!("entity suggestions on the sample (exact span + label):");
    for (l, (tp, np, ng)) in &per_label {
        let (a, b, c) = prf(*tp, *np, *ng);
        println!("  {l:<4} P {a:.3}  R {b:.3}  F1 {c:.3}  ({tp} of {np} suggested, {ng} gold)");
    }
    println!("  all  P {pr:.3}  R {rc:.3}  F1 {f:.3}");
    let text: Vec<char> = d.text.as_str().chars().collect();
    let mut wrong: Vec<_> = pred.difference(&gold).collect();
    wrong.sort();
    for (s, e, l) in wrong {
        let t: String = text[*s as usize..*e as usize].iter().collect();
        println!("  not gold: {l} {t} {s}..{e}");
    }
    assert!(pr >= 0.8, "precision {pr:.3} fell below 0.8");
    assert!(rc >= 0.4, "recall {rc:.3} fell below 0.4");
}

#[test]
fn propagation_and_filtering_never_duplicate_or_revive_rejected_spans() {
    use biaozhu::model::{CharRange, DocStatus, Layer, Span, SpanId, SpanStatus};
    let text = "江苏工会服务网与江苏工会APP，江苏工会";
    let mut known = BTreeMap::new();
    known.insert(
        "江苏工会".to_string(),
        ("ORG".to_string(), SpanKind::Entity),
    );
    let sugg = suggest::propagate(text, &known);
    assert_eq!(sugg.len(), 3);
    let mut accepted = Span::new(SpanId(1), CharRange::new(0, 4), SpanKind::Entity, "ORG");
    accepted.status = SpanStatus::Accepted;
    let mut rejected = Span::new(SpanId(2), CharRange::new(8, 12), SpanKind::Entity, "ORG");
    rejected.status = SpanStatus::Rejected;
    let layer = Layer::from_parts(vec![accepted, rejected], vec![], DocStatus::New, 3, 1);
    let new = suggest::filter_new(&layer, sugg);
    assert_eq!(
        new.iter().map(|s| s.range).collect::<Vec<_>>(),
        vec![CharRange::new(16, 20)]
    );
}
