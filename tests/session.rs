//! The annotation session without a window: what the window and the command line share.

use std::path::Path;

use biaozhu::format::{self, Options};
use biaozhu::i18n::Lang;
use biaozhu::session::{Selection, Session, SessionError};
use biaozhu::store::Store;

/// A new project in `dir` with one document holding `text`, opened as a session.
fn session_with(dir: &Path, text: &str) -> Session {
    let (st, p) = Store::create(&dir.join("p"), "p", "main").unwrap();
    let mut s = Session::new(st, p);
    let file = dir.join("news.txt");
    std::fs::write(&file, text).unwrap();
    let text_format = format::by_name("text").unwrap();
    let report = s.import_files(text_format, &[file], &Options::default(), &mut |_, _| true);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.added.len(), 1);
    s
}

#[test]
fn undo_and_redo_restore_the_selection_with_the_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let sel = Selection { anchor: 0, head: 6 };
    s.set_selection(sel);
    let id = s.tag("ORG").unwrap().expect("a span");
    assert_eq!(s.selected_span(), Some(id));
    assert_eq!(s.selection(), None);
    // Undo: the text selection that was tagged comes back.
    assert!(s.undo().unwrap());
    assert_eq!(s.selection(), Some(sel));
    assert_eq!(s.selected_span(), None);
    assert!(s.project().documents[0].layer.spans().is_empty());
    // Redo: the span is back and selected again, as it was when undone.
    assert!(s.redo().unwrap());
    assert_eq!(s.selected_span(), Some(id));
    assert_eq!(s.project().documents[0].layer.spans().len(), 1);
    // An undo in another document takes the view back to that document.
    s.set_selection(Selection { anchor: 6, head: 8 });
    s.tag("ORG").unwrap();
    s.open_doc(0);
    s.clear_selection();
    assert!(s.undo().unwrap());
    assert_eq!(s.selection(), Some(Selection { anchor: 6, head: 8 }));
}

#[test]
fn a_refusal_reads_in_the_ui_language() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    s.set_selection(Selection { anchor: 0, head: 6 });
    let e = s.tag("NOPE").unwrap_err();
    assert!(matches!(e, SessionError::NoLabel(_)));
    assert_eq!(e.message(Lang::Zh), "没有标签 NOPE");
    assert_eq!(e.message(Lang::En), "no label NOPE");
    // A refused edit (a label that exists) is an EditError, translated too.
    let dup = biaozhu::model::LabelDef {
        key: "ORG".into(),
        zh: "机构".into(),
        en: "Org".into(),
        color: biaozhu::model::Rgb(1, 2, 3),
        hotkey: None,
        class: biaozhu::model::LabelClass::Entity,
    };
    let e = s
        .apply(biaozhu::edit::Edit::AddLabel {
            label: dup,
            index: 0,
        })
        .unwrap_err();
    assert_eq!(e.message(Lang::Zh), "标签 \"ORG\" 已存在");
}

/// A corpus written by biaozhu, with `edit` applied to its JSON text.
fn corpus_json(edit: impl Fn(&mut serde_json::Value)) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "会员近1100万人，价值近两亿元。");
    s.set_selection(Selection { anchor: 2, head: 9 });
    s.tag("QUANTITY").unwrap();
    let c = format::corpus::to_corpus(s.project(), false).unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&format::corpus::to_json(&c).unwrap()).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn a_corpus_with_a_bad_colour_or_qualifier_is_refused_not_defaulted() {
    // As written, it reads back.
    let good = corpus_json(|_| {});
    let back = format::corpus::to_project(&format::corpus::from_json(&good).unwrap()).unwrap();
    let q = back.documents[0].layer.spans()[0].value.as_ref().unwrap();
    assert_eq!(q.qualifier, Some(biaozhu::model::Qualifier::Approx));
    // A colour that is not #rrggbb: before, it became grey without a word.
    let bad = corpus_json(|v| v["schema"]["entities"][0]["color"] = "grey".into());
    let e = format::corpus::to_project(&format::corpus::from_json(&bad).unwrap()).unwrap_err();
    assert!(e.en.contains("colour \"grey\""), "{e:?}");
    // A qualifier biaozhu does not know: before, it was dropped.
    let bad = corpus_json(|v| {
        v["documents"][0]["spans"][0]["value"]["qualifier"] = "about".into();
    });
    let e = format::corpus::to_project(&format::corpus::from_json(&bad).unwrap()).unwrap_err();
    assert!(
        e.en.contains("qualifier \"about\"") && e.en.contains("T1"),
        "{e:?}"
    );
    // The same through the registry: the error names the file.
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("corpus.json");
    std::fs::write(&f, bad).unwrap();
    let e = format::by_name("json")
        .unwrap()
        .read(&f, &Options::default())
        .unwrap_err();
    assert_eq!(e.file, f);
}

#[test]
fn a_corpus_imported_through_the_registry_keeps_spans_values_and_events() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&sample, "main", &mut |_, _| true).unwrap();
    let out = tmp.path().join("corpus.json");
    let json = format::by_name("json").unwrap();
    let end = biaozhu::session::exchange::export(
        &p,
        &sample,
        json,
        &Options::default(),
        &out,
        &mut |_, _| true,
    )
    .unwrap();
    assert!(matches!(
        end,
        biaozhu::session::exchange::ExportEnd::Written { .. }
    ));
    let (st, q) = Store::create(&tmp.path().join("q"), "q", "main").unwrap();
    let mut s = Session::new(st, q);
    let report = s.import_files(json, &[out], &Options::default(), &mut |_, _| true);
    assert!(report.errors.is_empty() && report.problems.is_empty());
    let (a, b) = (&p.documents[0], &s.project().documents[0]);
    assert_eq!(a.text.as_str(), b.text.as_str());
    let accepted = |d: &biaozhu::model::Document| {
        d.layer
            .spans()
            .iter()
            .filter(|x| x.status == biaozhu::model::SpanStatus::Accepted)
            .map(|x| (x.range, x.label.clone(), x.value.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(accepted(a), accepted(b));
    assert_eq!(a.layer.events.len(), b.layer.events.len());
}

#[test]
fn a_pending_span_that_fills_a_role_is_accepted_and_nothing_of_an_event_is_dropped_silently() {
    use biaozhu::edit::Edit;
    use biaozhu::model::{CharRange, Span, SpanId, SpanKind, SpanStatus};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会10月19日在兰州召开推进会。");
    let mut pending = Span::new(SpanId(50), CharRange::new(0, 6), SpanKind::Entity, "ORG");
    pending.status = SpanStatus::Pending;
    s.apply(Edit::AddSpan {
        doc: 0,
        span: pending.clone(),
    })
    .unwrap();
    s.set_selection(Selection {
        anchor: 15,
        head: 17,
    });
    let e = s.create_event("会议").unwrap().expect("an event");
    s.select_span(SpanId(50));
    s.fill_role("主体").unwrap();
    let d = &s.project().documents[0];
    assert_eq!(
        d.layer.span(SpanId(50)).unwrap().status,
        SpanStatus::Accepted
    );
    assert!(
        d.layer
            .event(e)
            .unwrap()
            .args
            .contains(&("主体".into(), SpanId(50)))
    );
    // One undo takes both back: the argument and the acceptance.
    s.undo().unwrap();
    let d = &s.project().documents[0];
    assert_eq!(
        d.layer.span(SpanId(50)).unwrap().status,
        SpanStatus::Pending
    );
    assert!(d.layer.event(e).unwrap().args.is_empty());
    // An argument that is still pending (as a file can hold it) is a problem for check, and
    // every export names it as left out.
    s.redo().unwrap();
    s.apply(Edit::UpdateSpan {
        doc: 0,
        span: pending,
    })
    .unwrap();
    let d = &s.project().documents[0];
    let problems = biaozhu::model::validate_events(d, &s.project().schema);
    assert!(
        problems.iter().any(|p| p
            .message
            .en
            .contains("argument Subject (主体) T50 is a pending suggestion")),
        "{problems:?}"
    );
    for name in ["json", "ron", "duee", "brat"] {
        let f = format::by_name(name).unwrap();
        let built = f
            .build(s.project(), &Options::default(), &mut |_, _| true)
            .unwrap()
            .unwrap();
        assert!(
            built.notes.iter().any(|n| n
                .en
                .contains("argument 主体 = T50 is a pending suggestion; left out")),
            "{name}: {:?}",
            built.notes
        );
    }
}

#[test]
fn tag_all_matches_is_one_undo_step_across_documents_and_skips_existing_spans() {
    use biaozhu::session::find::{DEFAULT_CAP, FindQuery};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "北京市在北京。\r\n😀北京！");
    let second = tmp.path().join("second.txt");
    std::fs::write(&second, "上海和北京").unwrap();
    let text_format = format::by_name("text").unwrap();
    let r = s.import_files(text_format, &[second], &Options::default(), &mut |_, _| {
        true
    });
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    s.open_doc(0);
    let q = FindQuery {
        pattern: "北京".into(),
        regex: false,
    };
    let here = s.find(&q, false, DEFAULT_CAP).unwrap();
    assert_eq!(here.matches.len(), 3);
    let all = s.find(&q, true, DEFAULT_CAP).unwrap();
    assert_eq!(all.matches.len(), 4);
    // One of them is tagged already: it is skipped, not doubled.
    s.set_selection(Selection { anchor: 4, head: 6 });
    s.tag("LOC").unwrap();
    let rep = s.tag_matches(&all.matches, "LOC").unwrap();
    assert_eq!((rep.added, rep.skipped), (3, 1));
    let locs = |s: &Session, d: usize| {
        s.project().documents[d]
            .layer
            .spans()
            .iter()
            .filter(|sp| sp.label == "LOC")
            .map(|sp| (sp.range.start, sp.range.end))
            .collect::<Vec<_>>()
    };
    // Char offsets: the emoji is one char, CRLF two.
    assert_eq!(locs(&s, 0), vec![(0, 2), (4, 6), (10, 12)]);
    assert_eq!(locs(&s, 1), vec![(3, 5)]);
    assert!(s.project().is_dirty());
    // One undo removes the whole batch (the hand-tagged span stays).
    assert!(s.undo().unwrap());
    assert_eq!(locs(&s, 0), vec![(4, 6)]);
    assert!(locs(&s, 1).is_empty());
    assert!(s.redo().unwrap());
    assert_eq!(locs(&s, 1), vec![(3, 5)]);
    // A second run adds nothing.
    let rep = s.tag_matches(&all.matches, "LOC").unwrap();
    assert_eq!((rep.added, rep.skipped), (0, 4));
    assert!(matches!(
        s.tag_matches(&all.matches, "NOPE"),
        Err(SessionError::NoLabel(_))
    ));
}

#[test]
fn selecting_a_match_opens_its_document_and_selects_its_chars() {
    use biaozhu::session::find::{FindMatch, step};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let m = FindMatch {
        doc: 0,
        range: biaozhu::model::CharRange::new(3, 6),
    };
    assert_eq!(s.select_match(m), Some(3));
    assert_eq!(s.selection(), Some(Selection { anchor: 3, head: 6 }));
    // From a selected match, the next step passes it over.
    let (at, inclusive) = s.find_cursor();
    assert_eq!((at, inclusive), ((0, 3), false));
    assert_eq!(
        step(&[m], at, inclusive, true),
        Some(0),
        "one match wraps to itself"
    );
    let out = FindMatch {
        doc: 0,
        range: biaozhu::model::CharRange::new(3, 600),
    };
    assert_eq!(s.select_match(out), None, "out of range is refused");
}

#[test]
fn the_unsure_flag_and_comments_are_edits_that_undo_restores() {
    use biaozhu::session::{MarkFilter, MarkTarget};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会召开会议。");
    // Nothing selected: nothing to flag.
    assert_eq!(s.toggle_unsure().unwrap(), None);
    s.set_selection(Selection { anchor: 0, head: 6 });
    let org = s.tag("ORG").unwrap().expect("a span");
    let span = |s: &Session| s.current_span(org).unwrap().clone();
    assert_eq!(s.mark_target(), Some(MarkTarget::Span(org)));
    assert_eq!(s.toggle_unsure().unwrap(), Some(true));
    assert!(span(&s).unsure);
    assert!(MarkFilter::Unsure.shows_span(&span(&s)));
    assert!(!MarkFilter::Commented.shows_span(&span(&s)));
    s.set_note(MarkTarget::Span(org), "  是机构还是地名？ ")
        .unwrap();
    assert_eq!(span(&s).note.as_deref(), Some("是机构还是地名？"));
    assert!(MarkFilter::Commented.shows_span(&span(&s)));
    // The same comment again is no edit (the next undo takes the comment away).
    s.set_note(MarkTarget::Span(org), "是机构还是地名？")
        .unwrap();
    // Undo takes the comment away, then the flag.
    assert!(s.undo().unwrap());
    assert_eq!(span(&s).note, None);
    assert!(span(&s).unsure);
    assert!(s.undo().unwrap());
    assert!(!span(&s).unsure);
    assert!(s.redo().unwrap());
    assert!(span(&s).unsure);

    // An event (selected with its trigger): the key flags the event, not its trigger.
    s.set_selection(Selection { anchor: 6, head: 8 });
    let e = s.create_event("会议").unwrap().expect("an event");
    assert_eq!(s.mark_target(), Some(MarkTarget::Event(e)));
    assert_eq!(s.toggle_unsure().unwrap(), Some(true));
    let event = |s: &Session| s.project().documents[0].layer.event(e).unwrap().clone();
    assert!(event(&s).unsure);
    s.set_note(MarkTarget::Event(e), "是会议吗").unwrap();
    assert_eq!(event(&s).note.as_deref(), Some("是会议吗"));
    // An empty comment removes it.
    s.set_note(MarkTarget::Event(e), "  ").unwrap();
    assert_eq!(event(&s).note, None);
    assert!(s.undo().unwrap());
    assert_eq!(event(&s).note.as_deref(), Some("是会议吗"));
    assert!(s.undo().unwrap());
    assert!(s.undo().unwrap());
    assert!(!event(&s).unsure);
    // The event list's filter follows the flag.
    let mut f = s.event_filter().clone();
    f.marks = MarkFilter::Unsure;
    assert!(!f.shows(&event(&s), false));
    assert_eq!(s.toggle_unsure().unwrap(), Some(true));
    assert!(f.shows(&event(&s), false));
}

#[test]
fn other_layers_statuses_are_read_at_open_and_refreshed_by_a_save() {
    use biaozhu::edit::Edit;
    use biaozhu::model::DocStatus;
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let dir = s.store().dir().to_path_buf();
    let id = s.project().documents[0].meta.id.clone();
    s.apply(Edit::SetStatus {
        doc: 0,
        status: DocStatus::Done,
    })
    .unwrap();
    s.save().unwrap();
    let main = std::fs::read_to_string(biaozhu::store::layer_file(&dir, &id, "main")).unwrap();
    // bob's file written by hand with the status last (the head scan finds no status line
    // before the spans and parses the file for it).
    let bob = main
        .lines()
        .filter(|l| !l.trim_start().starts_with("status:"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\n)", "\n    status: Done,\n)");
    std::fs::write(biaozhu::store::layer_file(&dir, &id, "bob"), &bob).unwrap();
    assert_eq!(
        biaozhu::store::layer_status(&dir, &id, "bob"),
        Some(DocStatus::Done),
        "{bob}"
    );
    // Not read yet by this session; a save of the document reads it again.
    assert_eq!(s.layer_statuses().of(&id).and_then(|m| m.get("bob")), None);
    s.apply(Edit::SetStatus {
        doc: 0,
        status: DocStatus::InProgress,
    })
    .unwrap();
    s.save().unwrap();
    let m = s.layer_statuses().of(&id).unwrap();
    assert_eq!(m.get("bob"), Some(&DocStatus::Done));
    assert_eq!(m.get("main"), Some(&DocStatus::InProgress));
    // A new session reads every layer at open.
    drop(s);
    let (st, p) = Store::open(&dir, "main", &mut |_, _| true).unwrap();
    let s = Session::new(st, p);
    assert_eq!(
        s.layer_statuses().of(&id).and_then(|m| m.get("bob")),
        Some(&DocStatus::Done)
    );
}

/// Issue #13 item 7: a project the store refuses (a newer version, a layer whose text
/// changed) is explained in Chinese in the Chinese window, the file named, no English left.
#[test]
fn a_refused_project_is_explained_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let (mut st, mut p) = Store::create(&dir, "p", "main").unwrap();
    let file = tmp.path().join("a.txt");
    std::fs::write(&file, "甘肃省总工会召开推进会。").unwrap();
    st.import_files(&mut p, &[file], None, &mut |_, _| true);
    drop(st);
    let project = dir.join("project.ron");
    let src = std::fs::read_to_string(&project).unwrap();
    std::fs::write(&project, src.replacen("version: 1", "version: 99", 1)).unwrap();
    let e = SessionError::Store(Store::open(&dir, "main", &mut |_, _| true).unwrap_err());
    let zh = e.message(Lang::Zh);
    assert!(zh.contains("project.ron") && zh.contains("版本 99"), "{zh}");
    assert!(!zh.contains("newer"), "{zh}");
    assert!(e.message(Lang::En).contains("version 99 is newer"));
}

#[path = "support/signing.rs"]
mod signing;
#[path = "support/three_documents.rs"]
#[allow(dead_code)]
mod three;

/// The signing project with SIGNED first, and the index of UNSIGNED, opened.
fn signing_project(dir: &Path) -> (Session, usize) {
    let mut s = signing::signing_session(dir, [signing::SIGNED, signing::UNSIGNED]);
    let doc = signing::doc_of(&s, signing::UNSIGNED);
    s.open_doc(doc);
    (s, doc)
}

#[test]
fn suggesting_proposes_a_trigger_with_its_event_accepting_keeps_it_and_a_rejection_stays() {
    use biaozhu::model::{CharRange, SpanKind, SpanStatus};
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, doc) = signing_project(tmp.path());
    let n = s.suggest_document(doc).unwrap();
    assert!(n >= 2, "{n}");
    let layer = &s.project().documents[doc].layer;
    let trigger = layer
        .spans()
        .iter()
        .find(|t| t.kind == SpanKind::Trigger)
        .expect("a suggested trigger")
        .clone();
    assert_eq!(
        (trigger.range, trigger.label.as_str(), trigger.status),
        (CharRange::new(9, 11), "签约", SpanStatus::Pending)
    );
    assert_eq!(layer.events.len(), 1);
    let event = layer.events[0].clone();
    assert_eq!(
        (event.event_type.as_str(), event.trigger),
        ("签约", trigger.id)
    );
    let (role, arg) = event.args.first().expect("an argument").clone();
    assert_eq!(role, "主体");
    let a = layer.span(arg).unwrap();
    assert_eq!(
        (a.range, a.label.as_str(), a.status),
        (CharRange::new(0, 4), "ORG", SpanStatus::Pending)
    );
    // A suggested event is not judged before it is accepted (`check` stays clean after
    // `suggest DIR`); once accepted, its missing required role 对方 is a problem.
    let schema = &s.project().schema;
    let problems = |d: &biaozhu::model::Document| biaozhu::model::validate_document(d, schema);
    assert_eq!(problems(&s.project().documents[doc]), vec![]);
    let d = &s.project().documents[doc];
    assert!(biaozhu::model::left_out_of_events(d, false).is_empty());
    // Accepting the trigger keeps the event and accepts its suggested argument with it.
    s.select_span(trigger.id);
    s.decide_selected(true).unwrap();
    let d = &s.project().documents[doc];
    let schema = &s.project().schema;
    let found = biaozhu::model::validate_document(d, schema);
    assert!(
        found
            .iter()
            .any(|p| p.message.en == "required role Counterparty (对方) is missing"),
        "{found:?}"
    );
    assert_eq!(d.layer.events, vec![event.clone()]);
    assert_eq!(
        d.layer.span(trigger.id).unwrap().status,
        SpanStatus::Accepted
    );
    assert_eq!(d.layer.span(arg).unwrap().status, SpanStatus::Accepted);
    assert!(biaozhu::model::left_out_of_events(d, false).is_empty());
    // One undo step takes the decision back.
    assert!(s.undo().unwrap());
    let d = &s.project().documents[doc];
    assert_eq!(
        d.layer.span(trigger.id).unwrap().status,
        SpanStatus::Pending
    );
    assert_eq!(d.layer.span(arg).unwrap().status, SpanStatus::Pending);
    // Rejecting it removes its event in the same step: nothing is left for exports or
    // validation to stumble on.
    s.select_span(trigger.id);
    s.decide_selected(false).unwrap();
    let d = &s.project().documents[doc];
    assert!(d.layer.events.is_empty());
    assert_eq!(
        d.layer.span(trigger.id).unwrap().status,
        SpanStatus::Rejected
    );
    assert!(biaozhu::model::left_out_of_events(d, false).is_empty());
    let schema = &s.project().schema;
    assert!(
        biaozhu::model::validate_document(d, schema).is_empty(),
        "{:?}",
        biaozhu::model::validate_document(d, schema)
    );
    // The rejected trigger never comes back.
    s.suggest_document(doc).unwrap();
    let d = &s.project().documents[doc];
    assert!(d.layer.events.is_empty());
    assert_eq!(
        d.layer
            .spans()
            .iter()
            .filter(|t| t.kind == SpanKind::Trigger)
            .count(),
        1
    );
    // Undo brings the event back with its pending trigger.
    while s.project().documents[doc].layer.events.is_empty() {
        assert!(s.undo().unwrap());
    }
    let d = &s.project().documents[doc];
    assert_eq!(d.layer.events, vec![event]);
    assert_eq!(
        d.layer.span(trigger.id).unwrap().status,
        SpanStatus::Pending
    );
}

#[test]
fn suggestions_without_a_lexicon_word_add_no_event_and_all_in_one_undo_step() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = signing::signing_session(tmp.path(), [signing::SIGNED, signing::UNSIGNED]);
    let doc = signing::doc_of(&s, signing::UNSIGNED);
    let before = s.project().documents[doc].layer.spans().len();
    s.suggest_document(doc).unwrap();
    assert_eq!(s.project().documents[doc].layer.events.len(), 1);
    assert!(s.undo().unwrap());
    let d = &s.project().documents[doc];
    assert!(d.layer.events.is_empty());
    assert_eq!(d.layer.spans().len(), before);
}

#[test]
fn rejecting_a_suggested_argument_takes_it_out_of_its_event() {
    use biaozhu::model::SpanStatus;
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, doc) = signing_project(tmp.path());
    s.suggest_document(doc).unwrap();
    let event = s.project().documents[doc].layer.events[0].clone();
    let (_, arg) = event.args[0].clone();
    s.select_span(arg);
    s.decide_selected(false).unwrap();
    let d = &s.project().documents[doc];
    assert_eq!(d.layer.span(arg).unwrap().status, SpanStatus::Rejected);
    let e = &d.layer.events[0];
    assert_eq!(e.trigger, event.trigger);
    // The other arguments stay: 时间 is 昨日, a time word.
    let rest: Vec<_> = event.args[1..].to_vec();
    assert_eq!(e.args, rest, "{e:?}");
    assert!(
        rest.iter().any(|(role, id)| role == "时间"
            && d.layer
                .span(*id)
                .is_some_and(|sp| sp.range == biaozhu::model::CharRange::new(7, 9))),
        "{rest:?}"
    );
    assert!(s.undo().unwrap());
    assert_eq!(s.project().documents[doc].layer.events[0], event);
}

#[test]
fn documents_nobody_has_annotated_do_not_quieten_the_trigger_lexicon() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = signing::signing_session(tmp.path(), [signing::SIGNED, signing::UNSIGNED]);
    // Two more fresh documents where 签约 occurs: not annotated, they say nothing of how often
    // it is a trigger.
    let f = tmp.path().join("c.txt");
    std::fs::write(&f, "他们签约了，我们也签约了，大家都签约了。").unwrap();
    let text_format = format::by_name("text").unwrap();
    let report = s.import_files(text_format, &[f], &Options::default(), &mut |_, _| true);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let doc = signing::doc_of(&s, signing::UNSIGNED);
    s.suggest_document(doc).unwrap();
    assert_eq!(s.project().documents[doc].layer.events.len(), 1);
}

#[test]
fn rejecting_all_suggestions_removes_the_suggested_events_in_the_same_step() {
    use biaozhu::model::SpanStatus;
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, doc) = signing_project(tmp.path());
    s.suggest_document(doc).unwrap();
    let event = s.project().documents[doc].layer.events[0].clone();
    let n = s.decide_all(false, None).unwrap();
    assert!(n >= 2, "{n}");
    let d = &s.project().documents[doc];
    assert!(d.layer.events.is_empty());
    assert!(
        d.layer
            .spans()
            .iter()
            .all(|sp| sp.status == SpanStatus::Rejected)
    );
    assert!(s.undo().unwrap());
    assert_eq!(s.project().documents[doc].layer.events, vec![event]);
}

/// A role that accepts any span (as DuEE's do) and whose name says nothing of what fills it
/// learns from the accepted events: after three arguments of ORGs before the trigger, a
/// suggested event takes the ORG before its trigger.
#[test]
fn an_untyped_role_learns_its_label_and_side_from_the_accepted_events() {
    use biaozhu::edit::Edit;
    use biaozhu::model::CharRange;
    let tmp = tempfile::tempdir().unwrap();
    let (st, p) = Store::create(&tmp.path().join("p"), "p", "main").unwrap();
    let mut s = Session::new(st, p);
    let texts = [
        "华为公司今天在北京签约。",
        "华为公司昨天在上海签约。",
        "华为公司上午在深圳签约。",
        signing::UNSIGNED,
    ];
    three::import_texts(&mut s, tmp.path(), &texts);
    // 签约's roles accept any span; 主体 says nothing of what fills it.
    let mut events = s.project().schema.events.clone();
    let signing_type = events.iter_mut().find(|e| e.key == "签约").unwrap();
    for role in &mut signing_type.roles {
        role.accepts.clear();
    }
    s.apply(Edit::SetEventTypes { events }).unwrap();
    let annotate = |s: &mut Session, text: &str| {
        let doc = signing::doc_of(s, text);
        signing::add_signing(s, doc);
    };
    let target = signing::doc_of(&s, signing::UNSIGNED);
    let subject = |s: &Session| {
        let layer = &s.project().documents[target].layer;
        let e = layer.events.first().expect("a suggested event");
        e.args
            .iter()
            .find(|(role, _)| role == "主体")
            .and_then(|(_, id)| layer.span(*id))
            .map(|sp| (sp.range, sp.label.clone()))
    };
    // Two accepted events are not enough to go by: 主体 stays empty.
    annotate(&mut s, texts[0]);
    annotate(&mut s, texts[1]);
    s.suggest_document(target).unwrap();
    assert_eq!(subject(&s), None);
    assert!(s.undo().unwrap());
    // A third: 主体 takes the ORG before the trigger.
    annotate(&mut s, texts[2]);
    s.suggest_document(target).unwrap();
    assert_eq!(subject(&s), Some((CharRange::new(0, 4), "ORG".to_string())));
}

/// The window exports a layer that is not open from its saved files: main's tags when zhang
/// (with nothing tagged) has the project open, the curated layer without the documents
/// nobody reviewed, and its preview takes the same documents.
#[test]
fn a_layer_that_is_not_open_is_exported_and_previewed_from_its_saved_files() {
    use biaozhu::session::exchange::{ExportEnd, export_saved_layer, saved_layer_sample};
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let dir = s.store().dir().to_path_buf();
    s.set_selection(Selection { anchor: 0, head: 6 });
    s.tag("ORG").unwrap().expect("a span");
    s.save().unwrap();
    drop(s);
    // zhang opens the project: an empty layer in memory.
    let (st, p) = Store::open(&dir, "zhang", &mut |_, _| true).unwrap();
    let s = Session::new(st, p);
    assert!(s.project().documents[0].layer.spans().is_empty());
    let conll = format::by_name("conll").unwrap();
    let out = tmp.path().join("main.conll");
    let end = export_saved_layer(
        &dir,
        "main",
        conll,
        &Options::default(),
        &out,
        &mut |_, _| true,
    )
    .unwrap();
    assert!(
        matches!(
            end,
            ExportEnd::Written {
                documents: 1,
                spans: 1,
                ..
            }
        ),
        "{end:?}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("甘\tB-ORG\n肃\tI-ORG\n"), "{written}");
    let sample = saved_layer_sample(s.project(), &dir, "main", 3, |_| true).unwrap();
    assert_eq!(sample.annotator, "main");
    assert_eq!(sample.documents[0].layer.spans().len(), 1);
    // The export's status filter, read from the saved layer: the document is not done.
    let done = |d: &biaozhu::model::Document| d.layer.status == biaozhu::model::DocStatus::Done;
    let sample = saved_layer_sample(s.project(), &dir, "main", 3, done).unwrap();
    assert!(sample.documents.is_empty());
    // Nobody has reviewed the document: the curated layer holds nothing to export.
    let sample = saved_layer_sample(s.project(), &dir, "curated", 3, |_| true).unwrap();
    assert!(sample.documents.is_empty());
    let end = export_saved_layer(
        &dir,
        "curated",
        conll,
        &Options::default(),
        &out,
        &mut |_, _| true,
    )
    .unwrap();
    let ExportEnd::Written {
        documents, notes, ..
    } = end
    else {
        panic!("{end:?}")
    };
    assert_eq!(documents, 0);
    assert!(
        notes[0].get(Lang::En).contains("no curated layer yet"),
        "{notes:?}"
    );
    // A destination among the project's files is refused before anything is read.
    let e = export_saved_layer(
        &dir,
        "main",
        conll,
        &Options::default(),
        &dir.join("project.ron"),
        &mut |_, _| true,
    )
    .unwrap_err();
    assert!(e.to_string().contains("project.ron"), "{e}");
    // A cancel while the layer is read writes nothing.
    let other = tmp.path().join("other.conll");
    let end = export_saved_layer(
        &dir,
        "main",
        conll,
        &Options::default(),
        &other,
        &mut |_, _| false,
    )
    .unwrap();
    assert_eq!(end, ExportEnd::Cancelled);
    assert!(!other.exists());
}

/// A one-file export into a folder that is not there yet makes the folder (as a folder
/// export does): the window's default path, `exports/corpus.json`, counts on it.
#[test]
fn a_file_export_makes_the_folders_its_path_names() {
    use biaozhu::session::exchange::{ExportEnd, export};
    let tmp = tempfile::tempdir().unwrap();
    let s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let dir = s.store().dir().to_path_buf();
    let out = tmp.path().join("sets/zh/corpus.conll");
    let conll = format::by_name("conll").unwrap();
    let end = export(
        s.project(),
        &dir,
        conll,
        &Options::default(),
        &out,
        &mut |_, _| true,
    )
    .unwrap();
    assert!(
        matches!(end, ExportEnd::Written { documents: 1, .. }),
        "{end:?}"
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("甘\tO\n")
    );
}

/// A project made before the window exported into `exports/` has a `.gitignore` without it:
/// the first export there adds it (once), so the training set does not show in `git status`
/// as work to commit. A `.gitignore` the user wrote, and an export elsewhere, leave the file
/// as it was.
#[test]
fn an_export_into_exports_adds_it_to_a_gitignore_biaozhu_wrote_before() {
    use biaozhu::session::exchange::export;
    let tmp = tempfile::tempdir().unwrap();
    let s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let dir = s.store().dir().to_path_buf();
    let ignore = dir.join(".gitignore");
    // As session 52 wrote it: biaozhu's lines up to models/.
    let old = biaozhu::store::GITIGNORE
        .split("# training sets")
        .next()
        .unwrap()
        .to_string();
    std::fs::write(&ignore, &old).unwrap();
    let json = format::by_name("json").unwrap();
    let go = |dest: &Path| {
        export(
            s.project(),
            &dir,
            json,
            &Options::default(),
            dest,
            &mut |_, _| true,
        )
        .unwrap();
    };
    go(&tmp.path().join("elsewhere.json"));
    assert_eq!(std::fs::read_to_string(&ignore).unwrap(), old);
    go(&dir.join("exports/corpus.json"));
    let now = std::fs::read_to_string(&ignore).unwrap();
    assert_eq!(now, biaozhu::store::GITIGNORE);
    go(&dir.join("exports/again.json"));
    assert_eq!(std::fs::read_to_string(&ignore).unwrap(), now, "added once");
    // The user's own file is theirs.
    std::fs::write(&ignore, "*.bak\n").unwrap();
    go(&dir.join("exports/corpus.json"));
    assert_eq!(std::fs::read_to_string(&ignore).unwrap(), "*.bak\n");
}

/// A file something else changed since the session read or saved it (a `git pull` with the
/// window open) is not overwritten: the save names it, writes the rest, and keeps this
/// session's edit unsaved (a copy of it in `.backups/`, should the window not live until the
/// user chooses). Keeping this version overwrites it after backing the other up; the
/// session's own saves never count as a change.
#[test]
fn a_file_changed_on_disk_is_not_overwritten_until_the_user_keeps_this_version() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let pdir = tmp.path().join("p");
    let id = s.project().documents[0].meta.id.clone();
    let layer = pdir.join("annotations").join(&id).join("main.ron");
    let project = pdir.join("project.ron");
    // Saves of the session's own, one after another, meet nothing.
    for (a, b) in [(0, 2), (2, 4)] {
        s.set_selection(Selection { anchor: a, head: b });
        s.tag("LOC").unwrap();
        s.save().unwrap();
    }
    // The layer changes on disk (another clone's version, pulled), then the session edits
    // the document and the project (a user word) and saves.
    let theirs = std::fs::read_to_string(&layer)
        .unwrap()
        .replace("LOC", "ORG")
        + "\n";
    std::fs::write(&layer, &theirs).unwrap();
    s.set_selection(Selection { anchor: 0, head: 6 });
    s.tag("ORG").unwrap();
    s.apply(biaozhu::edit::Edit::SetUserWords {
        words: vec!["实施方案".into()],
    })
    .unwrap();
    let e = s.save().unwrap_err();
    assert!(
        matches!(
            &e,
            SessionError::Store(biaozhu::store::StoreError::ChangedOnDisk(f)) if f == std::slice::from_ref(&layer)
        ),
        "{e:?}"
    );
    assert!(
        e.message(Lang::Zh).contains("磁盘上被改过"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e.message(Lang::En).contains("changed on disk"));
    assert_eq!(
        std::fs::read_to_string(&layer).unwrap(),
        theirs,
        "left alone"
    );
    assert!(
        std::fs::read_to_string(&project)
            .unwrap()
            .contains("实施方案"),
        "the project file, unchanged on disk, was written"
    );
    assert!(s.project().is_dirty(), "the edit is kept, unsaved");
    assert_eq!(s.store().changed_on_disk(), std::slice::from_ref(&layer));
    // Saving again asks again; keeping this version overwrites, with a backup of theirs.
    assert!(s.save().is_err());
    s.overwrite_changed_on_disk().unwrap();
    assert!(!s.project().is_dirty());
    assert!(s.store().changed_on_disk().is_empty());
    let on_disk = biaozhu::store::load(&pdir, "main", &mut |_, _| true).unwrap();
    let spans: Vec<(u32, u32, &str)> = on_disk.documents[0]
        .layer
        .spans()
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.as_str()))
        .collect();
    assert_eq!(spans, [(0, 2, "LOC"), (0, 6, "ORG"), (2, 4, "LOC")]);
    let backups: Vec<String> = std::fs::read_dir(pdir.join(".backups").join(&id))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(backups.contains(&theirs), "theirs is backed up");
    let ours = std::fs::read_to_string(&layer).unwrap();
    assert!(
        backups.contains(&ours),
        "this version was set aside while the choice waited"
    );
    // project.ron changed on disk (a colleague's new document listed) is left alone too.
    let listed = std::fs::read_to_string(&project).unwrap() + "\n";
    std::fs::write(&project, &listed).unwrap();
    s.apply(biaozhu::edit::Edit::SetUserWords { words: vec![] })
        .unwrap();
    assert!(s.save().is_err());
    assert_eq!(std::fs::read_to_string(&project).unwrap(), listed);
    assert_eq!(s.store().changed_on_disk(), [project]);
}

/// Keeping this window's `project.ron` over one a `git pull` changed keeps listing the
/// documents the pulled file lists and this window lacks (their files are there), with this
/// window's own changes (a user word) in; the store says the project should be opened again.
#[test]
fn keeping_this_project_file_keeps_the_documents_a_pull_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let pdir = tmp.path().join("p");
    let id = s.project().documents[0].meta.id.clone();
    let project = pdir.join("project.ron");
    // The pull: a colleague's document, its text and its listing.
    std::fs::copy(
        pdir.join("documents").join(format!("{id}.txt")),
        pdir.join("documents").join("colleague.txt"),
    )
    .unwrap();
    let pulled = std::fs::read_to_string(&project).unwrap().replacen(
        "documents: [",
        "documents: [\n        (id: \"colleague\"),",
        1,
    );
    std::fs::write(&project, pulled).unwrap();
    s.apply(biaozhu::edit::Edit::SetUserWords {
        words: vec!["实施方案".into()],
    })
    .unwrap();
    assert!(s.save().is_err());
    assert!(!s.store().needs_reopen());
    s.overwrite_changed_on_disk().unwrap();
    assert!(s.store().needs_reopen());
    let p = biaozhu::store::load(&pdir, "main", &mut |_, _| true).unwrap();
    let ids: Vec<&str> = p.documents.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, [id.as_str(), "colleague"]);
    assert_eq!(p.settings.user_words, ["实施方案"]);
}

/// Keeping this window's `project.ron` over one a `git pull` changed keeps what the pull
/// added and this window lacks (a label, a user word; a hotkey this window uses is dropped)
/// and backs the pulled file up, while what this window removed since it read the file (a
/// label) stays removed: a three-way merge against the file as the window last read it.
#[test]
fn keeping_this_project_file_keeps_the_labels_and_words_a_pull_added() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session_with(tmp.path(), "甘肃省总工会出台实施方案。");
    let pdir = tmp.path().join("p");
    let project = pdir.join("project.ron");
    let read = std::fs::read_to_string(&project).unwrap();
    assert!(read.contains("key: \"PER\"") && read.contains("key: \"ORDINAL\""));
    // The pull: a colleague's label (with this window's hotkey 1) and user word.
    let pulled = read.replacen(
        "entities: [",
        "entities: [\n            (key: \"PRODUCT\", zh: \"产品\", en: \"Product\", color: \"#123456\", hotkey: Some(\"1\")),",
        1,
    );
    let pulled = if pulled.contains("user_words") {
        pulled.replacen("user_words: [", "user_words: [\n            \"推进会\",", 1)
    } else {
        pulled.replacen(
            "autosave_secs: 2,",
            "autosave_secs: 2,\n        user_words: [\"推进会\"],",
            1,
        )
    };
    assert!(pulled.contains("推进会"), "{pulled}");
    std::fs::write(&project, &pulled).unwrap();
    // Meanwhile this window removed a label and added a word of its own.
    s.apply(biaozhu::edit::Edit::RemoveLabel {
        key: "ORDINAL".into(),
    })
    .unwrap();
    s.apply(biaozhu::edit::Edit::SetUserWords {
        words: vec!["实施方案".into()],
    })
    .unwrap();
    assert!(s.save().is_err());
    s.overwrite_changed_on_disk().unwrap();
    assert!(s.store().needs_reopen());
    let p = biaozhu::store::load(&pdir, "main", &mut |_, _| true).unwrap();
    let product = p.schema.label("PRODUCT").expect("the pulled label is kept");
    assert_eq!(product.hotkey, None, "1 is PER's here");
    assert_eq!(p.schema.label("PER").and_then(|l| l.hotkey), Some('1'));
    assert!(
        p.schema.label("ORDINAL").is_none(),
        "removed here, stays removed"
    );
    let mut words = p.settings.user_words.clone();
    words.sort();
    assert_eq!(words, ["实施方案", "推进会"]);
    // The pulled file itself is in .backups/.
    let backups: Vec<String> = std::fs::read_dir(pdir.join(".backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("project.") && n.ends_with(".ron"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = std::fs::read_to_string(pdir.join(".backups").join(&backups[0])).unwrap();
    assert_eq!(backup, pulled);
}
