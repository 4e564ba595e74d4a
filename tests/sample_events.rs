//! The hand-annotated events of the sample bulletin (`tests/data/sample_events.tsv`): the
//! layer holds exactly those, every article has at least one, and none has a problem.

use std::path::Path;

use biaozhu::model::validate_document;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> biaozhu::model::Project {
    biaozhu::store::load(
        &root().join("projects/bulletin-sample"),
        "main",
        &mut |_, _| true,
    )
    .expect("the sample loads")
}

/// `E1 发布 出台@82 主体=甘肃省总工会@76 …` as written in the layer.
fn describe(d: &biaozhu::model::Document, e: &biaozhu::model::Event) -> String {
    let at = |id| {
        let s = d.layer.span(id).expect("event spans exist");
        format!(
            "{}@{}",
            d.text.slice(s.range).expect("in range"),
            s.range.start
        )
    };
    let args: Vec<String> = e
        .args
        .iter()
        .map(|(r, a)| format!("{r}={}", at(*a)))
        .collect();
    format!(
        "{}\t{}\t{}\t{}",
        e.id,
        e.event_type,
        at(e.trigger),
        args.join(" ")
    )
}

#[test]
fn the_sample_events_are_the_hand_checked_ones() {
    let p = sample();
    let d = &p.documents[0];
    let gold = std::fs::read_to_string(root().join("tests/data/sample_events.tsv")).unwrap();
    let gold: Vec<&str> = gold.lines().skip(1).collect();
    let got: Vec<String> = d.layer.events.iter().map(|e| describe(d, e)).collect();
    assert_eq!(got, gold);
    // Triggers are Trigger spans labelled with their event type.
    for e in &d.layer.events {
        let t = d.layer.span(e.trigger).unwrap();
        assert_eq!(t.kind, biaozhu::model::SpanKind::Trigger);
        assert_eq!(t.label, e.event_type);
    }
    let problems = validate_document(d, &p.schema);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn every_article_of_the_sample_has_an_event() {
    let p = sample();
    let d = &p.documents[0];
    let st = biaozhu::zh::structure::analyse(d.text.as_str());
    assert_eq!(st.articles.len(), 8);
    for a in &st.articles {
        let n = d
            .layer
            .events
            .iter()
            .filter_map(|e| d.layer.span(e.trigger))
            .filter(|t| t.range.start >= a.start && t.range.end <= a.end)
            .count();
        assert!(n >= 1, "no event in the article {:?}", a.headline);
    }
}
