//! A project for the trigger-suggestion tests, shared by `tests/session.rs` and `tests/ui.rs`:
//! one document has an accepted 签约 event (trigger 签约, 主体 the ORG 华为公司), the other has
//! 签约 in a sentence with 华为公司 again and nothing tagged yet.

use std::path::Path;

use biaozhu::edit::Edit;
use biaozhu::model::{CharRange, Event, EventId, Span, SpanId, SpanKind};
use biaozhu::session::Session;

/// The document with the accepted event.
pub const SIGNED: &str = "华为公司今天在北京签约。";
/// The document with nothing tagged.
pub const UNSIGNED: &str = "华为公司与中兴昨日签约。";

/// A session on a new project `dir/p` whose documents are `texts` (SIGNED and UNSIGNED, in
/// the order given), imported as `a.txt` and `b.txt`, with SIGNED's event in place.
pub fn signing_session(dir: &Path, texts: [&str; 2]) -> Session {
    let (st, p) = biaozhu::store::Store::create(&dir.join("p"), "p", "main").unwrap();
    let mut s = Session::new(st, p);
    let mut files = Vec::new();
    for (name, text) in ["a.txt", "b.txt"].into_iter().zip(texts) {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        files.push(f);
    }
    let text_format = biaozhu::format::by_name("text").unwrap();
    let options = biaozhu::format::Options::default();
    let report = s.import_files(text_format, &files, &options, &mut |_, _| true);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(s.project().documents.len(), 2);
    let doc = doc_of(&s, SIGNED);
    add_signing(&mut s, doc);
    s
}

/// Tags document `doc` as SIGNED is tagged: 华为公司 (chars 0-4) an accepted ORG, 签约 (9-11)
/// the accepted trigger of a 签约 event whose 主体 it is (the texts of the tests that use it
/// have them there).
pub fn add_signing(s: &mut Session, doc: usize) {
    s.apply(Edit::Batch(vec![
        Edit::AddSpan {
            doc,
            span: Span::new(SpanId(1), CharRange::new(0, 4), SpanKind::Entity, "ORG"),
        },
        Edit::AddSpan {
            doc,
            span: Span::new(SpanId(2), CharRange::new(9, 11), SpanKind::Trigger, "签约"),
        },
        Edit::AddEvent {
            doc,
            event: Event {
                id: EventId(1),
                event_type: "签约".into(),
                trigger: SpanId(2),
                args: vec![("主体".into(), SpanId(1))],
                unsure: false,
                note: None,
            },
        },
    ]))
    .unwrap();
}

/// The index of the document whose text is `text`.
pub fn doc_of(s: &Session, text: &str) -> usize {
    s.project()
        .documents
        .iter()
        .position(|d| d.text.as_str() == text)
        .unwrap()
}
