//! Quality of the figure recogniser on the hand-checked sample bulletin: exact span + label,
//! and span + value (number, upper, unit, qualifier, date, resolved date).

mod common;
use common::prf;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use biaozhu::model::SpanKind;
use biaozhu::zh::suggest;

#[test]
fn figures_on_the_sample_reach_the_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).expect("sample");
    let d = &p.documents[0];
    let gold: HashMap<(u32, u32, String), _> = d
        .layer
        .spans()
        .iter()
        .filter(|s| s.kind == SpanKind::Figure)
        .map(|s| {
            (
                (s.range.start, s.range.end, s.label.clone()),
                s.value.clone(),
            )
        })
        .collect();
    let pred = suggest::figures(d.text.as_str(), d.meta.published.as_deref());
    let text: Vec<char> = d.text.as_str().chars().collect();
    let mut span_tp = 0;
    let mut value_tp = 0;
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for k in gold.keys() {
        per.entry(k.2.clone()).or_default().2 += 1;
    }
    for s in &pred {
        let key = (s.range.start, s.range.end, s.label.clone());
        let e = per.entry(s.label.clone()).or_default();
        e.1 += 1;
        let surface: String = text[s.range.start as usize..s.range.end as usize]
            .iter()
            .collect();
        match gold.get(&key) {
            Some(g) => {
                span_tp += 1;
                e.0 += 1;
                if *g == s.value {
                    value_tp += 1;
                } else {
                    println!("  value differs: {surface} gold {g:?} got {:?}", s.value);
                }
            }
            None => println!("  not gold: {} {surface} {}", s.label, s.range),
        }
    }
    for k in gold.keys() {
        if !pred
            .iter()
            .any(|s| (s.range.start, s.range.end, s.label.clone()) == *k)
        {
            let surface: String = text[k.0 as usize..k.1 as usize].iter().collect();
            println!("  missed: {} {surface} {}..{}", k.2, k.0, k.1);
        }
    }
    let (p1, r1, f1) = prf(span_tp, pred.len(), gold.len());
    let (p2, r2, f2) = prf(value_tp, pred.len(), gold.len());
    println!("figures on the sample ({} gold):", gold.len());
    for (l, (tp, np, ng)) in &per {
        let (a, b, c) = prf(*tp, *np, *ng);
        println!("  {l:<9} P {a:.3}  R {b:.3}  F1 {c:.3}");
    }
    println!("  span + label:  P {p1:.3}  R {r1:.3}  F1 {f1:.3}");
    println!("  span + value:  P {p2:.3}  R {r2:.3}  F1 {f2:.3}");
    assert!(f1 >= 0.9, "span F1 {f1:.3} below 0.9");
    assert!(f2 >= 0.85, "value F1 {f2:.3} below 0.85");
}
