//! Library tests: edits with undo/redo, and the round trip
//! file → import → edits → save → load → corpus JSON → project, over texts with GBK, CRLF,
//! UTF-16 and characters beyond the BMP (😀 U+1F600, 𠮷 U+20BB7).

use std::path::{Path, PathBuf};

use biaozhu::edit::{Edit, EditError, History, apply, delete_label_with_spans};
use biaozhu::format::corpus;
use biaozhu::model::{
    CharRange, DocMeta, DocStatus, Document, Event, EventId, EventType, FigureKind, FigureValue,
    LabelClass, LabelDef, Layer, Project, Qualifier, Rgb, Role, Schema, Source, Span, SpanId,
    SpanKind, SpanStatus, Text,
};
use biaozhu::store::{self, Store};
use proptest::prelude::*;

// ---- helpers -----------------------------------------------------------------------------

fn no_progress() -> impl FnMut(usize, usize) -> bool {
    |_, _| true
}

/// Char range of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> CharRange {
    let (b, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {text:?}"));
    let start = text[..b].chars().count() as u32;
    CharRange::new(start, start + needle.chars().count() as u32)
}

/// Everything an edit may change, for exact comparisons.
#[derive(Debug, Clone, PartialEq)]
struct Snap {
    schema: Schema,
    settings: biaozhu::model::Settings,
    docs: Vec<DocSnap>,
}

#[derive(Debug, Clone, PartialEq)]
struct DocSnap {
    meta: DocMeta,
    text: String,
    spans: Vec<Span>,
    events: Vec<Event>,
    status: DocStatus,
}

fn snap(p: &Project) -> Snap {
    Snap {
        schema: p.schema.clone(),
        settings: p.settings.clone(),
        docs: p
            .documents
            .iter()
            .map(|d| DocSnap {
                meta: d.meta.clone(),
                text: d.text.as_str().to_string(),
                spans: d.layer.spans().to_vec(),
                events: d.layer.events.clone(),
                status: d.layer.status,
            })
            .collect(),
    }
}

fn doc(id: &str, text: &str, layer: Layer) -> Document {
    Document {
        meta: DocMeta {
            id: id.into(),
            published: Some("2023-10-25".into()),
            imported_from: None,
        },
        text: Text::new(text),
        layer,
    }
}

const S1: &str = "甘肃省总工会10月19日在兰州召开推进会。";
const S2: &str = "【本报北京10月24日电】𠮷野家😀在北京开店，全国总工会在北京召开推进会。";

/// Two documents, an event type 会议, and no spans.
fn project() -> Project {
    let mut p = Project::new("测试", "alice");
    p.schema.events.push(EventType {
        key: "会议".into(),
        zh: "会议".into(),
        en: "Meeting".into(),
        color: Rgb(0xd3, 0x54, 0x00),
        hotkey: None,
        roles: vec![Role {
            name: "主体".into(),
            en: "Subject".into(),
            accepts: vec![],
            required: true,
            repeat: false,
        }],
    });
    p.documents.push(doc("d1", S1, Layer::new()));
    p.documents.push(doc("d2", S2, Layer::new()));
    p
}

fn new_span(p: &mut Project, d: usize, r: CharRange, kind: SpanKind, label: &str) -> Span {
    let id = p.documents[d]
        .layer
        .alloc_span_id()
        .expect("the test layers have ids left");
    Span::new(id, r, kind, label)
}

fn add(h: &mut History, p: &mut Project, d: usize, r: CharRange, label: &str) -> SpanId {
    let kind = p
        .schema
        .label(label)
        .map(LabelDef::span_kind)
        .unwrap_or(SpanKind::Argument);
    let s = new_span(p, d, r, kind, label);
    let id = s.id;
    h.apply(p, Edit::AddSpan { doc: d, span: s }).unwrap();
    id
}

fn labels(p: &Project, d: usize) -> Vec<(u32, u32, String)> {
    p.documents[d]
        .layer
        .spans()
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect()
}

// ---- edits -------------------------------------------------------------------------------

#[test]
fn add_update_remove_are_undone_and_redone_exactly() {
    let mut p = project();
    let mut h = History::new();
    let s0 = snap(&p);
    assert!(!h.can_undo() && !h.can_redo());

    let id = add(&mut h, &mut p, 0, CharRange::new(0, 6), "ORG");
    assert!(p.dirty_docs.contains(&0));
    let s1 = snap(&p);
    assert_eq!(labels(&p, 0), vec![(0, 6, "ORG".into())]);

    let mut changed = p.documents[0].layer.span(id).unwrap().clone();
    changed.range = CharRange::new(0, 3);
    changed.label = "LOC".into();
    changed.note = Some("甘肃省".into());
    h.apply(
        &mut p,
        Edit::UpdateSpan {
            doc: 0,
            span: changed,
        },
    )
    .unwrap();
    let s2 = snap(&p);
    assert_eq!(labels(&p, 0), vec![(0, 3, "LOC".into())]);

    h.apply(&mut p, Edit::RemoveSpan { doc: 0, id }).unwrap();
    let s3 = snap(&p);
    assert!(p.documents[0].layer.spans().is_empty());

    assert!(h.undo(&mut p).unwrap());
    assert_eq!(snap(&p), s2);
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(snap(&p), s1);
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(snap(&p), s0);
    assert!(!h.undo(&mut p).unwrap(), "nothing left to undo");

    assert!(h.redo(&mut p).unwrap());
    assert_eq!(snap(&p), s1);
    assert!(h.redo(&mut p).unwrap());
    assert_eq!(snap(&p), s2);
    assert!(h.redo(&mut p).unwrap());
    assert_eq!(snap(&p), s3);
    assert!(!h.redo(&mut p).unwrap(), "nothing left to redo");
}

#[test]
fn a_new_edit_clears_redo_and_ids_are_never_reused() {
    let mut p = project();
    let mut h = History::new();
    let t1 = add(&mut h, &mut p, 1, find(S2, "北京", 0), "LOC");
    h.undo(&mut p).unwrap();
    assert!(h.can_redo());
    let t2 = add(&mut h, &mut p, 1, find(S2, "北京", 1), "LOC");
    assert!(!h.can_redo());
    assert_ne!(t1, t2);
    assert_eq!(labels(&p, 1), vec![(18, 20, "LOC".into())]);
}

#[test]
fn set_status_is_undoable() {
    let mut p = project();
    let mut h = History::new();
    h.apply(
        &mut p,
        Edit::SetStatus {
            doc: 1,
            status: DocStatus::Done,
        },
    )
    .unwrap();
    assert_eq!(p.documents[1].layer.status, DocStatus::Done);
    h.undo(&mut p).unwrap();
    assert_eq!(p.documents[1].layer.status, DocStatus::New);
}

#[test]
fn invalid_edits_fail_and_change_nothing() {
    let mut p = project();
    let mut h = History::new();
    let id = add(&mut h, &mut p, 0, CharRange::new(0, 6), "ORG");
    let before = snap(&p);
    let len = S1.chars().count() as u32;

    let past_end = new_span(
        &mut p,
        0,
        CharRange::new(15, len + 1),
        SpanKind::Entity,
        "LOC",
    );
    assert_eq!(
        h.apply(
            &mut p,
            Edit::AddSpan {
                doc: 0,
                span: past_end
            }
        ),
        Err(EditError::BadRange {
            start: 15,
            end: len + 1,
            len
        })
    );
    let empty = new_span(&mut p, 0, CharRange::new(4, 4), SpanKind::Entity, "LOC");
    assert!(matches!(
        h.apply(
            &mut p,
            Edit::AddSpan {
                doc: 0,
                span: empty
            }
        ),
        Err(EditError::BadRange { .. })
    ));
    let dup = Span::new(id, CharRange::new(13, 15), SpanKind::Entity, "LOC");
    assert_eq!(
        h.apply(
            &mut p,
            Edit::AddSpan {
                doc: 0,
                span: dup.clone()
            }
        ),
        Err(EditError::DuplicateId(id))
    );
    assert_eq!(
        h.apply(&mut p, Edit::AddSpan { doc: 7, span: dup }),
        Err(EditError::NoDocument(7))
    );
    assert_eq!(
        h.apply(
            &mut p,
            Edit::RemoveSpan {
                doc: 0,
                id: SpanId(99)
            }
        ),
        Err(EditError::NoSpan(SpanId(99)))
    );
    let ghost = Span::new(SpanId(99), CharRange::new(0, 1), SpanKind::Entity, "LOC");
    assert_eq!(
        h.apply(
            &mut p,
            Edit::UpdateSpan {
                doc: 0,
                span: ghost
            }
        ),
        Err(EditError::NoSpan(SpanId(99)))
    );
    let mut too_long = p.documents[0].layer.span(id).unwrap().clone();
    too_long.range = CharRange::new(0, 500);
    assert!(matches!(
        h.apply(
            &mut p,
            Edit::UpdateSpan {
                doc: 0,
                span: too_long
            }
        ),
        Err(EditError::BadRange { .. })
    ));
    assert_eq!(snap(&p), before);
    // Only the successful add is on the undo stack.
    h.undo(&mut p).unwrap();
    assert!(!h.can_undo());
}

fn ent(key: &str, hk: Option<char>) -> LabelDef {
    LabelDef {
        key: key.into(),
        zh: "测试".into(),
        en: "Test".into(),
        color: Rgb(1, 2, 3),
        hotkey: hk,
        class: LabelClass::Entity,
    }
}

#[test]
fn renaming_a_label_renames_its_spans_in_every_document() {
    let mut p = project();
    let mut h = History::new();
    add(&mut h, &mut p, 0, find(S1, "甘肃省总工会", 0), "ORG");
    add(&mut h, &mut p, 0, find(S1, "兰州", 0), "LOC");
    add(&mut h, &mut p, 1, find(S2, "𠮷野家", 0), "ORG");
    add(&mut h, &mut p, 1, find(S2, "全国总工会", 0), "ORG");
    p.dirty_docs.clear();
    p.project_dirty = false;
    let before = snap(&p);

    let index = p.schema.label_index("ORG").unwrap();
    let mut renamed = p.schema.labels[index].clone();
    renamed.key = "ORGANIZATION".into();
    renamed.zh = "组织机构".into();
    h.apply(
        &mut p,
        Edit::UpdateLabel {
            index,
            label: renamed,
        },
    )
    .unwrap();

    assert_eq!(p.schema.labels[index].key, "ORGANIZATION");
    assert!(p.schema.label("ORG").is_none());
    assert_eq!(p.label_use_count("ORG"), 0);
    assert_eq!(p.label_use_count("ORGANIZATION"), 3);
    assert_eq!(p.label_use_count("LOC"), 1);
    assert_eq!(p.documents[0].layer.spans()[0].label, "ORGANIZATION");
    assert!(p.project_dirty);
    assert_eq!(p.dirty_docs.iter().copied().collect::<Vec<_>>(), vec![0, 1]);

    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);

    // A key that exists already is refused.
    let mut clash = p.schema.labels[index].clone();
    clash.key = "LOC".into();
    assert_eq!(
        apply(
            &mut p,
            Edit::UpdateLabel {
                index,
                label: clash
            }
        ),
        Err(EditError::DuplicateLabel("LOC".into()))
    );
    assert_eq!(snap(&p), before);
}

/// A role's `accepts` follows a renamed label, so no event gets a problem from the rename,
/// and undo restores every role exactly.
#[test]
fn renaming_a_label_renames_it_in_event_roles_and_undo_restores_them() {
    let mut p = project_with_event();
    // 主体 accepts ORG (and PER), and T1 甘肃省总工会 (ORG) fills it.
    p.schema.events[0].roles[0].accepts = vec!["PER".into(), "ORG".into()];
    let problems = |p: &Project| biaozhu::model::validate_events(&p.documents[0], &p.schema);
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    let before = snap(&p);

    let mut h = History::new();
    let index = p.schema.label_index("ORG").unwrap();
    let mut renamed = p.schema.labels[index].clone();
    renamed.key = "ORGANIZATION".into();
    h.apply(
        &mut p,
        Edit::UpdateLabel {
            index,
            label: renamed,
        },
    )
    .unwrap();
    assert_eq!(
        p.documents[0].layer.span(SpanId(1)).unwrap().label,
        "ORGANIZATION"
    );
    assert_eq!(
        p.schema.events[0].roles[0].accepts,
        vec!["PER".to_string(), "ORGANIZATION".to_string()]
    );
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    // The default schema's roles (地点 accepts LOC ORG ARG …) follow too.
    assert!(
        p.schema
            .events
            .iter()
            .flat_map(|e| &e.roles)
            .all(|r| !r.accepts.iter().any(|a| a == "ORG"))
    );

    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
    h.redo(&mut p).unwrap();
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);

    // A key that spans or roles already use (ARG: argument spans, and 地点 accepts it) is
    // refused: merging two keys could not be undone exactly.
    let mut clash = p.schema.labels[index].clone();
    clash.key = "ARG".into();
    assert_eq!(
        apply(
            &mut p,
            Edit::UpdateLabel {
                index,
                label: clash
            }
        ),
        Err(EditError::DuplicateLabel("ARG".into()))
    );
    assert_eq!(snap(&p), before);
}

/// Spans can carry a key no label has (an imported file's label): adding that label, then
/// undoing, must work although the label is then "in use".
#[test]
fn adding_a_label_that_spans_already_use_is_undone_and_redone() {
    let mut p = project();
    let mut h = History::new();
    add(
        &mut h,
        &mut p,
        0,
        find(S1, "甘肃省总工会", 0),
        "Organization",
    );
    assert!(p.schema.label("Organization").is_none());
    let before = snap(&p);
    h.apply(
        &mut p,
        Edit::AddLabel {
            index: 0,
            label: ent("Organization", None),
        },
    )
    .unwrap();
    let added = snap(&p);
    assert_eq!(
        apply(
            &mut p,
            Edit::RemoveLabel {
                key: "Organization".into()
            }
        ),
        Err(EditError::LabelInUse {
            key: "Organization".into(),
            count: 1
        }),
        "removing it by hand is still refused"
    );
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(snap(&p), before);
    assert_eq!(p.documents[0].layer.spans()[0].label, "Organization");
    assert!(h.redo(&mut p).unwrap());
    assert_eq!(snap(&p), added);
}

#[test]
fn adding_and_removing_labels_is_undoable() {
    let mut p = project();
    let mut h = History::new();
    let before = snap(&p);
    h.apply(
        &mut p,
        Edit::AddLabel {
            index: 1,
            label: ent("GPE", Some('G')),
        },
    )
    .unwrap();
    assert_eq!(p.schema.labels[1].key, "GPE");
    assert_eq!(
        apply(
            &mut p,
            Edit::AddLabel {
                index: 0,
                label: ent("GPE", None)
            }
        ),
        Err(EditError::DuplicateLabel("GPE".into()))
    );
    h.apply(&mut p, Edit::RemoveLabel { key: "GPE".into() })
        .unwrap();
    assert!(p.schema.label("GPE").is_none());
    assert_eq!(
        apply(&mut p, Edit::RemoveLabel { key: "GPE".into() }),
        Err(EditError::NoLabel("GPE".into()))
    );
    h.undo(&mut p).unwrap();
    assert_eq!(p.schema.label_index("GPE"), Some(1), "back at its place");
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
}

#[test]
fn deleting_a_label_in_use_fails_but_delete_label_with_spans_is_one_undo_step() {
    let mut p = project();
    let mut h = History::new();
    add(&mut h, &mut p, 0, find(S1, "兰州", 0), "LOC");
    add(&mut h, &mut p, 1, find(S2, "北京", 0), "LOC");
    add(&mut h, &mut p, 1, find(S2, "北京", 1), "LOC");
    add(&mut h, &mut p, 1, find(S2, "𠮷野家", 0), "ORG");
    let before = snap(&p);
    let loc_index = p.schema.label_index("LOC").unwrap();

    assert_eq!(
        h.apply(&mut p, Edit::RemoveLabel { key: "LOC".into() }),
        Err(EditError::LabelInUse {
            key: "LOC".into(),
            count: 3
        })
    );
    assert_eq!(snap(&p), before);

    let batch = delete_label_with_spans(&p, "LOC");
    assert!(matches!(&batch, Edit::Batch(v) if v.len() == 4));
    h.apply(&mut p, batch).unwrap();
    assert!(p.schema.label("LOC").is_none());
    assert_eq!(p.label_use_count("LOC"), 0);
    assert!(labels(&p, 0).is_empty());
    assert_eq!(labels(&p, 1), vec![(13, 16, "ORG".into())]);
    let after = snap(&p);

    // One undo brings back the label (at its old place) and all three spans.
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
    assert_eq!(p.schema.label_index("LOC"), Some(loc_index));
    h.redo(&mut p).unwrap();
    assert_eq!(snap(&p), after);
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
}

/// d1 with an event 会议: trigger 召开 (T2) and 主体 甘肃省总工会 (T1).
fn project_with_event() -> Project {
    let mut p = project();
    let t1 = Span::new(
        SpanId(1),
        find(S1, "甘肃省总工会", 0),
        SpanKind::Entity,
        "ORG",
    );
    let t2 = Span::new(SpanId(2), find(S1, "召开", 0), SpanKind::Trigger, "会议");
    let t3 = Span::new(SpanId(3), find(S1, "兰州", 0), SpanKind::Entity, "LOC");
    let e1 = Event {
        unsure: false,
        note: None,
        id: EventId(1),
        event_type: "会议".into(),
        trigger: SpanId(2),
        args: vec![("主体".into(), SpanId(1))],
    };
    p.documents[0].layer =
        Layer::from_parts(vec![t3, t2, t1], vec![e1], DocStatus::InProgress, 1, 1);
    p
}

#[test]
fn spans_used_by_events_cannot_be_removed_and_the_whole_batch_fails() {
    let mut p = project_with_event();
    let layer = &p.documents[0].layer;
    assert_eq!(layer.next_span, 4, "counters pass every id in use");
    assert_eq!(layer.next_event, 2);
    assert_eq!(
        layer.spans().iter().map(|s| s.id.0).collect::<Vec<_>>(),
        vec![1, 3, 2],
        "sorted by (start, end, id)"
    );
    let before = snap(&p);
    let mut h = History::new();
    assert_eq!(
        h.apply(
            &mut p,
            Edit::RemoveSpan {
                doc: 0,
                id: SpanId(2)
            }
        ),
        Err(EditError::SpanInUse(SpanId(2)))
    );
    assert_eq!(
        h.apply(
            &mut p,
            Edit::RemoveSpan {
                doc: 0,
                id: SpanId(1)
            }
        ),
        Err(EditError::SpanInUse(SpanId(1)))
    );
    // ORG: T1 is an argument. The batch removes nothing and keeps the label.
    let batch = delete_label_with_spans(&p, "ORG");
    assert_eq!(h.apply(&mut p, batch), Err(EditError::SpanInUse(SpanId(1))));
    assert_eq!(snap(&p), before);
    assert!(!h.can_undo());
    // LOC is free to go.
    let batch = delete_label_with_spans(&p, "LOC");
    h.apply(&mut p, batch).unwrap();
    assert!(p.schema.label("LOC").is_none());
}

/// Ids from a file can be as large as `u32::MAX`: such a layer loads, and a new id is refused
/// rather than wrapped round to an id in use (or panicking in a debug build).
#[test]
fn a_layer_whose_ids_reach_u32_max_loads_and_refuses_new_ids_without_wrapping() {
    let mut p = project();
    let last = Span::new(
        SpanId(u32::MAX),
        find(S1, "兰州", 0),
        SpanKind::Entity,
        "LOC",
    );
    let trigger = Span::new(SpanId(1), find(S1, "召开", 0), SpanKind::Trigger, "会议");
    let event = Event {
        unsure: false,
        note: None,
        id: EventId(u32::MAX),
        event_type: "会议".into(),
        trigger: SpanId(1),
        args: vec![],
    };
    p.documents[0].layer =
        Layer::from_parts(vec![last, trigger], vec![event], DocStatus::New, 1, 1);
    let layer = &mut p.documents[0].layer;
    assert_eq!((layer.next_span, layer.next_event), (u32::MAX, u32::MAX));
    assert_eq!(layer.alloc_span_id(), None);
    assert_eq!(layer.alloc_event_id(), None);
    assert_eq!(
        (layer.next_span, layer.next_event),
        (u32::MAX, u32::MAX),
        "the counters stay, never wrap"
    );

    // Adding with the counter as the new id (as the window does) is refused; nothing changes.
    let before = snap(&p);
    let span = Span::new(
        SpanId(p.documents[0].layer.next_span),
        find(S1, "甘肃省总工会", 0),
        SpanKind::Entity,
        "ORG",
    );
    assert_eq!(
        apply(&mut p, Edit::AddSpan { doc: 0, span }),
        Err(EditError::DuplicateId(SpanId(u32::MAX)))
    );
    let event = Event {
        unsure: false,
        note: None,
        id: EventId(p.documents[0].layer.next_event),
        event_type: "会议".into(),
        trigger: SpanId(1),
        args: vec![],
    };
    assert_eq!(
        apply(&mut p, Edit::AddEvent { doc: 0, event }),
        Err(EditError::BadEvent(EventId(u32::MAX)))
    );
    assert_eq!(snap(&p), before);

    // Removing the last span and undoing it puts it back, the counter still at the top.
    let mut h = History::new();
    h.apply(
        &mut p,
        Edit::RemoveSpan {
            doc: 0,
            id: SpanId(u32::MAX),
        },
    )
    .unwrap();
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
    assert_eq!(p.documents[0].layer.next_span, u32::MAX);

    // The last id to hand out is u32::MAX - 1.
    let near = Span::new(
        SpanId(u32::MAX - 2),
        CharRange::new(0, 1),
        SpanKind::Entity,
        "ORG",
    );
    let mut l = Layer::from_parts(vec![near], vec![], DocStatus::New, 1, 1);
    assert_eq!(l.alloc_span_id(), Some(SpanId(u32::MAX - 1)));
    assert_eq!(l.alloc_span_id(), None);

    // The same layer written to a file loads again, without panicking.
    let tmp = tempfile::tempdir().unwrap();
    let path = store::layer_file(tmp.path(), "d1", "alice");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, store::layer_to_string(&p.documents[0]).unwrap()).unwrap();
    let loaded = store::load_layer(tmp.path(), "d1", "alice", &p.documents[0].text).unwrap();
    assert_eq!(loaded.spans(), p.documents[0].layer.spans());
    assert_eq!((loaded.next_span, loaded.next_event), (u32::MAX, u32::MAX));
}

#[test]
fn a_failed_batch_changes_nothing() {
    let mut p = project_with_event();
    let mut h = History::new();
    let before = snap(&p);
    let settings_before = p.settings.clone();
    assert!(!p.is_dirty());
    let a = new_span(&mut p, 1, find(S2, "北京", 1), SpanKind::Entity, "LOC");
    let mut moved = p.documents[0].layer.span(SpanId(3)).unwrap().clone();
    moved.label = "ORG".into();
    moved.kind = SpanKind::Entity;
    let dup = Span::new(SpanId(1), CharRange::new(0, 1), SpanKind::Entity, "PER");
    let batch = Edit::Batch(vec![
        Edit::AddSpan { doc: 1, span: a },
        Edit::UpdateSpan {
            doc: 0,
            span: moved,
        },
        Edit::SetStatus {
            doc: 1,
            status: DocStatus::Reviewed,
        },
        Edit::AddLabel {
            index: 0,
            label: ent("GPE", None),
        },
        Edit::Batch(vec![Edit::RemoveLabel { key: "TIME".into() }]),
        Edit::AddSpan { doc: 0, span: dup },
    ]);
    assert_eq!(
        h.apply(&mut p, batch),
        Err(EditError::DuplicateId(SpanId(1)))
    );
    assert_eq!(snap(&p), before);
    assert_eq!(p.settings, settings_before);
    assert!(!p.is_dirty(), "nothing to save after a failed batch");
    assert!(!h.can_undo());
}

#[test]
fn nested_batches_undo_in_reverse_order() {
    let mut p = project();
    let mut h = History::new();
    let before = snap(&p);
    let a = new_span(&mut p, 0, CharRange::new(0, 6), SpanKind::Entity, "ORG");
    let id = a.id;
    let mut b = a.clone();
    b.label = "PER".into();
    h.apply(
        &mut p,
        Edit::Batch(vec![
            Edit::AddLabel {
                index: 0,
                label: ent("GPE", None),
            },
            Edit::Batch(vec![
                Edit::AddSpan { doc: 0, span: a },
                Edit::UpdateSpan { doc: 0, span: b },
            ]),
            Edit::RemoveSpan { doc: 0, id },
            Edit::RemoveLabel { key: "GPE".into() },
        ]),
    )
    .unwrap();
    assert_eq!(snap(&p), before);
    h.undo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
    h.redo(&mut p).unwrap();
    assert_eq!(snap(&p), before);
}

fn check_index(l: &Layer, len: u32) {
    let spans = l.spans();
    assert!(spans.windows(2).all(|w| w[0].sort_key() < w[1].sort_key()));
    // Every span is found by its id, and the counters agree with a count.
    for s in spans {
        assert_eq!(l.span(s.id), Some(s), "by id {}", s.id);
    }
    let count = |st: SpanStatus| spans.iter().filter(|s| s.status == st).count();
    assert_eq!(l.accepted_count(), count(SpanStatus::Accepted));
    assert_eq!(l.pending_count(), count(SpanStatus::Pending));
    assert_eq!(l.rejected_count(), count(SpanStatus::Rejected));
    assert_eq!(
        l.structure_count(),
        spans
            .iter()
            .filter(|s| s.kind == SpanKind::Structure)
            .count()
    );
    for pos in 0..len {
        let mut by_index: Vec<SpanId> = l.at(pos).iter().map(|s| s.id).collect();
        let mut brute: Vec<SpanId> = spans
            .iter()
            .filter(|s| s.range.contains(pos))
            .map(|s| s.id)
            .collect();
        by_index.sort();
        brute.sort();
        assert_eq!(by_index, brute, "spans at {pos}");
    }
}

// ---- property: random edit sequences -----------------------------------------------------

/// One step of a random edit sequence, before it meets a project: numbers pick documents,
/// spans, events, labels and roles by position (modulo what there is, sometimes one past it,
/// so some edits are invalid), and `concretise` turns it into an `Edit`.
#[derive(Debug, Clone)]
enum Op {
    AddSpan {
        doc: usize,
        start: u32,
        len: u32,
        label: usize,
        status: usize,
    },
    RemoveSpan {
        doc: usize,
        pick: usize,
    },
    UpdateSpan {
        doc: usize,
        pick: usize,
        start: u32,
        len: u32,
        label: usize,
        status: usize,
        note: bool,
    },
    /// A trigger span and an event on it, as the window makes one.
    CreateEvent {
        doc: usize,
        start: u32,
        len: u32,
        ty: usize,
    },
    AddEvent {
        doc: usize,
        ty: usize,
        trigger: usize,
        args: Vec<(usize, usize)>,
    },
    RemoveEvent {
        doc: usize,
        pick: usize,
    },
    UpdateEvent {
        doc: usize,
        pick: usize,
        ty: usize,
        args: Vec<(usize, usize)>,
    },
    SetStatus {
        doc: usize,
        status: usize,
    },
    AddLabel {
        index: usize,
        key: usize,
        hotkey: usize,
    },
    RemoveLabel {
        key: usize,
    },
    ForgetLabel {
        key: usize,
    },
    UpdateLabel {
        index: usize,
        key: Option<usize>,
        hotkey: usize,
        zh: bool,
    },
    SetEventTypes {
        how: usize,
        pick: usize,
        label: usize,
    },
    SetUserWords {
        words: Vec<usize>,
    },
    Batch(Vec<Op>),
}

/// Keys for new labels and event types: some new, some taken (ORG, ARG, 会议).
const KEYS: [&str; 6] = ["GPE", "ORG", "ARG", "EVENT", "会议", "PRODUCT"];
/// Hotkeys: none, free ones, taken ones ('1') and reserved ones ('A').
const HOTKEYS: [Option<char>; 5] = [None, Some('G'), Some('1'), Some('A'), Some('Z')];
const WORDS: [&str; 4] = ["推进会", "总工会", "𠮷野家", "兰州"];

fn op_leaf() -> impl Strategy<Value = Op> {
    let doc = 0..3usize;
    let n = || 0..64usize;
    let pos = || 0..48u32;
    prop_oneof![
        3 => (doc.clone(), pos(), 0..6u32, n(), 0..3usize).prop_map(|(doc, start, len, label, status)| {
            Op::AddSpan { doc, start, len, label, status }
        }),
        2 => (doc.clone(), n()).prop_map(|(doc, pick)| Op::RemoveSpan { doc, pick }),
        2 => (doc.clone(), n(), pos(), 0..6u32, n(), 0..3usize, any::<bool>()).prop_map(
            |(doc, pick, start, len, label, status, note)| Op::UpdateSpan {
                doc, pick, start, len, label, status, note,
            }
        ),
        2 => (doc.clone(), pos(), 1..4u32, n()).prop_map(|(doc, start, len, ty)| {
            Op::CreateEvent { doc, start, len, ty }
        }),
        1 => (doc.clone(), n(), n(), prop::collection::vec((n(), n()), 0..3)).prop_map(
            |(doc, ty, trigger, args)| Op::AddEvent { doc, ty, trigger, args }
        ),
        1 => (doc.clone(), n()).prop_map(|(doc, pick)| Op::RemoveEvent { doc, pick }),
        2 => (doc.clone(), n(), n(), prop::collection::vec((n(), n()), 0..4)).prop_map(
            |(doc, pick, ty, args)| Op::UpdateEvent { doc, pick, ty, args }
        ),
        1 => (doc.clone(), 0..4usize).prop_map(|(doc, status)| Op::SetStatus { doc, status }),
        1 => (n(), n(), n()).prop_map(|(index, key, hotkey)| Op::AddLabel { index, key, hotkey }),
        1 => n().prop_map(|key| Op::RemoveLabel { key }),
        1 => n().prop_map(|key| Op::ForgetLabel { key }),
        2 => (n(), prop::option::of(n()), n(), any::<bool>()).prop_map(
            |(index, key, hotkey, zh)| Op::UpdateLabel { index, key, hotkey, zh }
        ),
        1 => (0..5usize, n(), n()).prop_map(|(how, pick, label)| Op::SetEventTypes {
            how, pick, label,
        }),
        1 => prop::collection::vec(n(), 0..3).prop_map(|words| Op::SetUserWords { words }),
    ]
}

/// Steps, some of them batches (of steps and smaller batches).
fn op() -> impl Strategy<Value = Op> {
    let leaf = op_leaf().boxed();
    let inner = prop_oneof![
        4 => leaf.clone(),
        1 => prop::collection::vec(leaf.clone(), 0..3).prop_map(Op::Batch),
    ];
    prop_oneof![
        8 => leaf,
        1 => prop::collection::vec(inner, 0..4).prop_map(Op::Batch),
    ]
}

/// Turn a step into an edit against the project as it is now. New span and event ids come
/// from the layer's counters, as in the window.
fn concretise(p: &mut Project, op: &Op) -> Edit {
    // Documents are picked from 0..3: document 2 does not exist.
    let len_of = |p: &Project, doc: usize| p.documents.get(doc).map_or(10, |d| d.text.len_chars());
    let range = |p: &Project, doc: usize, start: u32, len: u32| {
        let n = len_of(p, doc);
        // Mostly inside the text; sometimes past its end or empty.
        let s = start % (n + 2);
        CharRange::new(s, s + len)
    };
    let span_id = |p: &Project, doc: usize, pick: usize| {
        let spans = p.documents.get(doc).map(|d| d.layer.spans()).unwrap_or(&[]);
        spans
            .get(pick % (spans.len() + 1))
            .map_or(SpanId(9999), |s| s.id)
    };
    let event = |p: &Project, doc: usize, pick: usize| {
        let events = p
            .documents
            .get(doc)
            .map(|d| &d.layer.events[..])
            .unwrap_or(&[]);
        events.get(pick % (events.len() + 1)).cloned()
    };
    let label_pick = |p: &Project, label: usize| {
        let l = &p.schema.labels[label % p.schema.labels.len()];
        (l.key.clone(), l.span_kind())
    };
    let ty_pick = |p: &Project, ty: usize| {
        p.schema
            .events
            .get(ty % (p.schema.events.len() + 1))
            .map_or("未知".to_string(), |t| t.key.clone())
    };
    let roles = |p: &Project, ty: &str, args: &[(usize, usize)], doc: usize| {
        let names: Vec<String> = p
            .schema
            .event_type(ty)
            .map(|t| t.roles.iter().map(|r| r.name.clone()).collect())
            .unwrap_or_default();
        args.iter()
            .map(|&(role, pick)| {
                let name = names
                    .get(role % (names.len() + 1))
                    .cloned()
                    .unwrap_or_else(|| "其他".into());
                (name, span_id(p, doc, pick))
            })
            .collect::<Vec<_>>()
    };
    let fresh_span = |p: &mut Project, doc: usize| {
        p.documents
            .get_mut(doc)
            .map_or(SpanId(9998), |d| d.layer.alloc_span_id().unwrap())
    };
    match op {
        &Op::AddSpan {
            doc,
            start,
            len,
            label,
            status,
        } => {
            let (label, kind) = label_pick(p, label);
            let mut span = Span::new(fresh_span(p, doc), range(p, doc, start, len), kind, label);
            span.status = [
                SpanStatus::Accepted,
                SpanStatus::Pending,
                SpanStatus::Rejected,
            ][status];
            Edit::AddSpan { doc, span }
        }
        &Op::RemoveSpan { doc, pick } => Edit::RemoveSpan {
            doc,
            id: span_id(p, doc, pick),
        },
        &Op::UpdateSpan {
            doc,
            pick,
            start,
            len,
            label,
            status,
            note,
        } => {
            let id = span_id(p, doc, pick);
            let old = p.documents.get(doc).and_then(|d| d.layer.span(id)).cloned();
            let mut span =
                old.unwrap_or_else(|| Span::new(id, CharRange::new(0, 1), SpanKind::Entity, "PER"));
            if len > 0 {
                span.range = range(p, doc, start, len);
            }
            if label % 3 == 0 {
                let (label, kind) = label_pick(p, label / 3);
                span.label = label;
                span.kind = kind;
            }
            span.status = [
                SpanStatus::Accepted,
                SpanStatus::Pending,
                SpanStatus::Rejected,
            ][status];
            span.note = note.then(|| "注：待核".to_string());
            Edit::UpdateSpan { doc, span }
        }
        &Op::CreateEvent {
            doc,
            start,
            len,
            ty,
        } => {
            let key = ty_pick(p, ty);
            let sid = fresh_span(p, doc);
            let eid = p
                .documents
                .get_mut(doc)
                .map_or(EventId(9999), |d| d.layer.alloc_event_id().unwrap());
            Edit::Batch(vec![
                Edit::AddSpan {
                    doc,
                    span: Span::new(sid, range(p, doc, start, len), SpanKind::Trigger, &key),
                },
                Edit::AddEvent {
                    doc,
                    event: Event {
                        unsure: false,
                        note: None,
                        id: eid,
                        event_type: key,
                        trigger: sid,
                        args: vec![],
                    },
                },
            ])
        }
        Op::AddEvent {
            doc,
            ty,
            trigger,
            args,
        } => {
            let doc = *doc;
            let key = ty_pick(p, *ty);
            let trigger = span_id(p, doc, *trigger);
            let args = roles(p, &key, args, doc);
            // An id in use now and then (the first event's).
            let id = match (args.len(), event(p, doc, 0)) {
                (2, Some(e)) => e.id,
                _ => p
                    .documents
                    .get_mut(doc)
                    .map_or(EventId(9999), |d| d.layer.alloc_event_id().unwrap()),
            };
            Edit::AddEvent {
                doc,
                event: Event {
                    unsure: false,
                    note: None,
                    id,
                    event_type: key,
                    trigger,
                    args,
                },
            }
        }
        &Op::RemoveEvent { doc, pick } => Edit::RemoveEvent {
            doc,
            id: event(p, doc, pick).map_or(EventId(9999), |e| e.id),
        },
        Op::UpdateEvent {
            doc,
            pick,
            ty,
            args,
        } => {
            let doc = *doc;
            let mut e = event(p, doc, *pick).unwrap_or(Event {
                unsure: false,
                note: None,
                id: EventId(9999),
                event_type: "会议".into(),
                trigger: SpanId(1),
                args: vec![],
            });
            if ty % 2 == 0 {
                e.event_type = ty_pick(p, ty / 2);
            }
            e.args = roles(p, &e.event_type.clone(), args, doc);
            Edit::UpdateEvent { doc, event: e }
        }
        &Op::SetStatus { doc, status } => Edit::SetStatus {
            doc,
            status: DocStatus::ALL[status],
        },
        &Op::AddLabel { index, key, hotkey } => Edit::AddLabel {
            index: index % (p.schema.labels.len() + 2),
            label: ent(KEYS[key % KEYS.len()], HOTKEYS[hotkey % HOTKEYS.len()]),
        },
        &Op::RemoveLabel { key } | &Op::ForgetLabel { key } => {
            let n = p.schema.labels.len();
            let key = match p.schema.labels.get(key % (n + KEYS.len())) {
                Some(l) => l.key.clone(),
                None => KEYS[key % KEYS.len()].to_string(),
            };
            match op {
                Op::RemoveLabel { .. } => Edit::RemoveLabel { key },
                _ => Edit::ForgetLabel { key },
            }
        }
        &Op::UpdateLabel {
            index,
            key,
            hotkey,
            zh,
        } => {
            let index = index % (p.schema.labels.len() + 1);
            let mut label = p
                .schema
                .labels
                .get(index)
                .cloned()
                .unwrap_or_else(|| ent("GONE", None));
            if let Some(k) = key {
                label.key = if k % 2 == 0 {
                    KEYS[k / 2 % KEYS.len()].to_string()
                } else {
                    format!("{}_{}", label.key, k % 3)
                };
            }
            if hotkey % 2 == 0 {
                label.hotkey = HOTKEYS[hotkey / 2 % HOTKEYS.len()];
            }
            if zh {
                label.zh = format!("{}·改", label.zh);
            }
            Edit::UpdateLabel { index, label }
        }
        &Op::SetEventTypes { how, pick, label } => {
            let mut events = p.schema.events.clone();
            let n = events.len();
            match how {
                // Drop a type (events of that type then report a problem, as the schema
                // editor would refuse: the edit itself allows it).
                0 if n > 0 => {
                    events.remove(pick % n);
                }
                // A new type.
                1 => events.push(EventType {
                    key: format!("类型{pick}"),
                    zh: "新类型".into(),
                    en: "New".into(),
                    color: Rgb(9, 9, 9),
                    hotkey: None,
                    roles: vec![Role {
                        name: "主体".into(),
                        en: String::new(),
                        accepts: vec![label_pick(p, label).0],
                        required: pick % 2 == 0,
                        repeat: label % 2 == 0,
                    }],
                }),
                // A role renamed.
                2 if n > 0 => {
                    if let Some(r) = events[pick % n].roles.first_mut() {
                        r.name = format!("{}{}", r.name, pick % 3);
                    }
                }
                // What a role accepts.
                3 if n > 0 => {
                    if let Some(r) = events[pick % n].roles.last_mut() {
                        r.accepts = vec![label_pick(p, label).0, "ARG".into()];
                    }
                }
                _ => events.reverse(),
            }
            Edit::SetEventTypes { events }
        }
        Op::SetUserWords { words } => Edit::SetUserWords {
            words: words
                .iter()
                .map(|&w| format!("{} {} n", WORDS[w % WORDS.len()], w % 7 + 1))
                .collect(),
        },
        Op::Batch(ops) => Edit::Batch(ops.iter().map(|o| concretise(p, o)).collect()),
    }
}

/// A project in a store folder: S1 and S2 as documents, d1 with 甘肃省总工会 (ORG) as the
/// 主体 of a 会议 event triggered by 召开, and 兰州 (LOC); saved, so it loads as it is.
fn stored_project() -> (tempfile::TempDir, Store, Project) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("prop");
    let (mut st, mut p) = Store::create(&dir, "性质", "alice").unwrap();
    for (name, text) in [("d1.txt", S1), ("d2.txt", S2)] {
        let decoded = biaozhu::zh::encoding::Decoded {
            text: text.into(),
            encoding: "UTF-8",
            bom: false,
            detected: true,
        };
        st.add_decoded(&mut p, Path::new(name), decoded).unwrap();
    }
    let t1 = new_span(
        &mut p,
        0,
        find(S1, "甘肃省总工会", 0),
        SpanKind::Entity,
        "ORG",
    );
    let t2 = new_span(&mut p, 0, find(S1, "召开", 0), SpanKind::Trigger, "会议");
    let t3 = new_span(&mut p, 0, find(S1, "兰州", 0), SpanKind::Entity, "LOC");
    let event = Event {
        unsure: false,
        note: None,
        id: p.documents[0].layer.alloc_event_id().unwrap(),
        event_type: "会议".into(),
        trigger: t2.id,
        args: vec![("主体".into(), t1.id)],
    };
    let setup = Edit::Batch(vec![
        Edit::AddSpan { doc: 0, span: t1 },
        Edit::AddSpan { doc: 0, span: t2 },
        Edit::AddSpan { doc: 0, span: t3 },
        Edit::AddEvent { doc: 0, event },
    ]);
    apply(&mut p, setup).unwrap();
    st.save(&mut p).unwrap();
    (tmp, st, p)
}

/// Everything of a project, the dirty flags and id counters included: what a failed edit
/// must leave exactly as it was.
fn whole(p: &Project) -> (Snap, Vec<usize>, bool, Vec<(u32, u32)>) {
    (
        snap(p),
        p.dirty_docs.iter().copied().collect(),
        p.project_dirty,
        p.documents
            .iter()
            .map(|d| (d.layer.next_span, d.layer.next_event))
            .collect(),
    )
}

/// A snapshot as `project.ron` keeps it: the file lists entity labels, then figure labels
/// (each in palette order), so an entity label placed among figures comes back after them.
fn as_stored(mut s: Snap) -> Snap {
    s.schema
        .labels
        .sort_by_key(|l| matches!(l.class, LabelClass::Figure(_)));
    s
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("BIAOZHU_PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    /// Random sequences of every kind of edit (batches and events too), applied through
    /// `History`: a failed edit changes nothing; undoing everything gives the start exactly,
    /// redoing everything the end exactly; and the end saves and loads back exactly.
    #[test]
    fn random_edit_sequences_undo_redo_and_save_exactly(ops in prop::collection::vec(op(), 0..30)) {
        let (_tmp, mut st, mut p) = stored_project();
        let mut h = History::new();
        let mut states = vec![snap(&p)];
        for op in &ops {
            let edit = concretise(&mut p, op);
            let before = whole(&p);
            match h.apply(&mut p, edit.clone()) {
                Ok(()) => states.push(snap(&p)),
                Err(e) => prop_assert_eq!(whole(&p), before, "{:?} failed ({}) but changed the project", edit, e),
            }
            for d in &p.documents {
                check_index(&d.layer, d.text.len_chars());
                for s in d.layer.spans() {
                    prop_assert!(s.id.0 < d.layer.next_span, "counter past every span id");
                }
            }
        }
        let end = snap(&p);
        for want in states.iter().rev().skip(1) {
            prop_assert!(h.undo(&mut p).unwrap());
            prop_assert_eq!(&snap(&p), want);
        }
        prop_assert!(!h.can_undo());
        for want in states.iter().skip(1) {
            prop_assert!(h.redo(&mut p).unwrap());
            prop_assert_eq!(&snap(&p), want);
        }
        prop_assert!(!h.can_redo());
        prop_assert_eq!(&snap(&p), &end);

        st.save(&mut p).unwrap();
        prop_assert!(!p.is_dirty());
        let loaded = store::load(st.dir(), "alice", &mut no_progress()).unwrap();
        prop_assert_eq!(snap(&loaded), as_stored(end));
    }
}

// ---- round trip through files ------------------------------------------------------------

const GBK_CRLF: &str = "【本报北京10月24日电】（记者黄洪涛）今天，中华全国总工会在北京召开推进会，部署职工服务阵地建设工作。\r\n\
甘肃省总工会10月19日在兰州召开推进会，力争全省86个县区工会规范化建设达标率达到100%。\r\n\
\r\n\
据介绍，江苏工会APP“伊犁馆”农副产品展销平台正式上线，首批上架商品49项，累计销售额突破3029万元。\r\n";

const EMOJI: &str = "【本报东京10月24日电】𠮷野家😀在北京开店，首日接待顾客近两万人次。\n\
𠮷野家中国区负责人表示，2024年将在华新开门店50家😀。\n";

const UTF16: &str = "【本报上海10月25日电】（记者赖志航）𠮷野家😀在上海开店。\r\n\
上海市总工会近日发布通知，全市职工疗休养人数同比增长１７％。\r\n";

const UTF8_BOM: &str = "工人日报 2023-10-25\n\
【本报南京10月24日电】（记者黄洪涛）今天，江苏工会APP“伊犁馆”农副产品展销平台正式上线。\n\
𠮷野家😀在南京开店，首批投入资金两亿元。\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "GBK cannot hold {text:?}");
    bytes.into_owned()
}

/// One test file: its name, bytes (as generated here), expected text and decoder, and spans
/// to tag: (needle, occurrence, label, kind).
struct Case {
    file: &'static str,
    bytes: Vec<u8>,
    text: &'static str,
    encoding: &'static str,
    spans: Vec<(&'static str, usize, &'static str, SpanKind)>,
}

fn cases() -> Vec<Case> {
    use SpanKind::{Argument, Entity, Figure, Structure};
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(UTF8_BOM.as_bytes());
    vec![
        Case {
            file: "gbk_crlf.txt",
            bytes: gbk(GBK_CRLF),
            text: GBK_CRLF,
            encoding: "gb18030",
            spans: vec![
                ("【本报北京10月24日电】", 0, "DATELINE", Structure),
                ("北京", 0, "LOC", Entity),
                ("10月24日", 0, "DATE", Figure),
                ("黄洪涛", 0, "PER", Entity),
                ("中华全国总工会", 0, "ORG", Entity),
                ("86个", 0, "QUANTITY", Figure),
                ("100%", 0, "PERCENT", Figure),
                // Across two CRLFs and the blank line.
                (
                    "规范化建设达标率达到100%。\r\n\r\n据介绍",
                    0,
                    "ARG",
                    Argument,
                ),
                ("。\r\n", 1, "ARG", Argument),
                ("3029万元", 0, "MONEY", Figure),
                ("万元。\r\n", 0, "ARG", Argument),
            ],
        },
        Case {
            file: "emoji_jiyejia.txt",
            bytes: EMOJI.as_bytes().to_vec(),
            text: EMOJI,
            encoding: "UTF-8",
            spans: vec![
                ("𠮷野家", 0, "ORG", Entity),
                // Right after 𠮷 and right after 😀.
                ("野家", 1, "ARG", Argument),
                ("在北京开店", 0, "ARG", Argument),
                ("北京", 0, "LOC", Entity),
                ("😀", 0, "ARG", Argument),
                ("近两万人次", 0, "QUANTITY", Figure),
                ("2024年", 0, "DATE", Figure),
                ("50家", 0, "QUANTITY", Figure),
                ("😀。\n", 0, "ARG", Argument),
            ],
        },
        Case {
            file: "utf16le_bom.txt",
            bytes: utf16(UTF16, true),
            text: UTF16,
            encoding: "UTF-16LE",
            spans: vec![
                ("赖志航", 0, "PER", Entity),
                ("𠮷野家", 0, "ORG", Entity),
                ("在上海开店", 0, "ARG", Argument),
                ("开店。\r\n上海市总工会", 0, "ARG", Argument),
                ("上海市总工会", 0, "ORG", Entity),
                ("１７％", 0, "PERCENT", Figure),
            ],
        },
        Case {
            file: "utf16be_bom.txt",
            bytes: utf16(UTF16, false),
            text: UTF16,
            encoding: "UTF-16BE",
            spans: vec![
                ("野家", 0, "ARG", Argument),
                ("上海", 1, "LOC", Entity),
                ("\r\n", 1, "ARG", Argument),
            ],
        },
        Case {
            file: "utf8_bom.txt",
            bytes: bom8,
            text: UTF8_BOM,
            encoding: "UTF-8",
            spans: vec![
                ("工人日报", 0, "ORG", Entity),
                ("2023-10-25", 0, "DATE", Figure),
                ("江苏工会", 0, "ORG", Entity),
                ("在南京开店", 0, "ARG", Argument),
                ("两亿元", 0, "MONEY", Figure),
            ],
        },
    ]
}

#[test]
fn committed_fixtures_are_the_generated_bytes() {
    for c in cases() {
        let on_disk = std::fs::read(fixture(c.file)).unwrap();
        assert_eq!(
            on_disk, c.bytes,
            "{} differs from what the test generates",
            c.file
        );
    }
}

#[test]
fn offsets_are_code_points_after_astral_chars_and_crlf() {
    // Hand-counted, independent of `find`.
    assert_eq!(find(EMOJI, "北京", 0), CharRange::new(18, 20));
    assert_eq!(find(EMOJI, "在北京开店", 0), CharRange::new(17, 22));
    assert_eq!(find(EMOJI, "野家", 0), CharRange::new(14, 16));
    assert_eq!(find(UTF16, "１７％", 0), CharRange::new(58, 61));
    assert_eq!(find(GBK_CRLF, "\r\n", 0), CharRange::new(52, 54));
    assert_eq!(find(GBK_CRLF, "3029万元", 0), CharRange::new(151, 157));
    let t = Text::new(EMOJI);
    assert_eq!(t.char_at(16), Some('😀'));
    assert_eq!(t.char_at(13), Some('𠮷'));
    assert_eq!(t.slice(CharRange::new(17, 22)).unwrap(), "在北京开店");
    // DESIGN §3: 𠮷野家😀在北京开店, 北京 = 5..7 chars = 17..23 bytes.
    let t = Text::new("𠮷野家😀在北京开店");
    assert_eq!(t.byte_range(CharRange::new(5, 7)).unwrap(), 17..23);
}

fn value_for(label: &str) -> Option<FigureValue> {
    let kind = FigureKind::parse(label)?;
    let mut v = FigureValue::empty(kind);
    match kind {
        FigureKind::Date => {
            v.date = Some("--10-24".into());
            v.resolved = Some("2023-10-24".into());
        }
        FigureKind::Money => {
            v.number = Some(30_290_000.0);
            v.unit = Some("元".into());
        }
        FigureKind::Quantity => {
            v.number = Some(20000.0);
            v.unit = Some("人次".into());
            v.qualifier = Some(Qualifier::Approx);
        }
        FigureKind::Percent => {
            v.number = Some(17.0);
            v.upper = Some(100.5);
            v.unit = Some("%".into());
            v.qualifier = Some(Qualifier::Range);
        }
        _ => {}
    }
    Some(v)
}

/// Tag `c.spans` in document `d` through `History`, plus a pending suggestion, a rejected one,
/// an update and a removal; returns the expected exported spans (accepted only).
fn tag(p: &mut Project, h: &mut History, d: usize, c: &Case) {
    let text = p.documents[d].text.as_str().to_string();
    for (i, (needle, nth, label, kind)) in c.spans.iter().enumerate() {
        let r = find(&text, needle, *nth);
        let mut s = new_span(p, d, r, *kind, label);
        s.value = value_for(label);
        if i % 3 == 1 {
            s.note = Some(format!("注：{needle}"));
        }
        if i % 4 == 2 {
            s.source = Source::Suggested;
        }
        h.apply(p, Edit::AddSpan { doc: d, span: s }).unwrap();
    }
    // A pending suggestion and a rejected one: kept in the layer, not exported by default.
    let mut pending = new_span(p, d, CharRange::new(0, 2), SpanKind::Entity, "PER");
    pending.status = SpanStatus::Pending;
    pending.source = Source::Suggested;
    h.apply(
        p,
        Edit::AddSpan {
            doc: d,
            span: pending,
        },
    )
    .unwrap();
    let mut rejected = new_span(p, d, CharRange::new(1, 3), SpanKind::Entity, "LOC");
    rejected.status = SpanStatus::Rejected;
    rejected.source = Source::Suggested;
    h.apply(
        p,
        Edit::AddSpan {
            doc: d,
            span: rejected,
        },
    )
    .unwrap();
    // Retag the first span, and add and remove one.
    let mut first = p.documents[d].layer.spans()[0].clone();
    first.note = Some("改过".into());
    h.apply(
        p,
        Edit::UpdateSpan {
            doc: d,
            span: first,
        },
    )
    .unwrap();
    let gone = new_span(p, d, CharRange::new(2, 4), SpanKind::Entity, "ORG");
    let gone_id = gone.id;
    h.apply(p, Edit::AddSpan { doc: d, span: gone }).unwrap();
    h.apply(
        p,
        Edit::RemoveSpan {
            doc: d,
            id: gone_id,
        },
    )
    .unwrap();
    h.apply(
        p,
        Edit::SetStatus {
            doc: d,
            status: DocStatus::Done,
        },
    )
    .unwrap();
}

fn assert_slices_match(json: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["format"], "biaozhu-corpus");
    assert_eq!(v["version"], 1);
    let mut n = 0;
    for d in v["documents"].as_array().unwrap() {
        let chars: Vec<char> = d["text"].as_str().unwrap().chars().collect();
        for s in d["spans"].as_array().unwrap() {
            let start = s["start"].as_u64().unwrap() as usize;
            let end = s["end"].as_u64().unwrap() as usize;
            let got: String = chars[start..end].iter().collect();
            assert_eq!(got, s["text"].as_str().unwrap(), "{} {}", d["id"], s["id"]);
            n += 1;
        }
    }
    n
}

#[test]
fn import_tag_save_load_export_and_read_back_keep_every_offset() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let (mut st, mut p) = Store::create(&dir, "往返", "alice").unwrap();
    let cases = cases();
    let files: Vec<PathBuf> = cases.iter().map(|c| fixture(c.file)).collect();
    let report = st.import_files(&mut p, &files, None, &mut no_progress());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.imported.len(), cases.len());

    let mut h = History::new();
    for (d, c) in cases.iter().enumerate() {
        let imp = &report.imported[d];
        assert_eq!(imp.encoding, c.encoding, "{}", c.file);
        assert!(imp.detected);
        assert_eq!(imp.chars, c.text.chars().count() as u32);
        assert_eq!(
            p.documents[d].text.as_str(),
            c.text,
            "{} decodes exactly",
            c.file
        );
        // The stored text is UTF-8 without BOM, byte for byte the decoded text.
        let stored = std::fs::read(store::text_file(&dir, &p.documents[d].meta.id)).unwrap();
        assert_eq!(stored, c.text.as_bytes());
        tag(&mut p, &mut h, d, c);
    }
    // Spans really are where the needles are.
    for (d, c) in cases.iter().enumerate() {
        let t = &p.documents[d].text;
        for (needle, nth, label, _) in &c.spans {
            let r = find(c.text, needle, *nth);
            let s = t.slice(r).unwrap();
            assert_eq!(s, *needle);
            assert!(
                p.documents[d]
                    .layer
                    .spans()
                    .iter()
                    .any(|s| s.range == r && s.label == *label),
                "{}: {needle:?}",
                c.file
            );
        }
    }
    assert!(p.is_dirty());
    st.save(&mut p).unwrap();
    assert!(!p.is_dirty());
    let expected = snap(&p);
    drop(st);

    // Load back: the same documents, texts, spans, events and statuses.
    let loaded = store::load(&dir, "alice", &mut no_progress()).unwrap();
    assert_eq!(snap(&loaded), expected);
    for (a, b) in loaded.documents.iter().zip(&p.documents) {
        assert_eq!(a.layer.next_span, b.layer.next_span, "ids are never reused");
    }

    // Export and read back.
    let c = corpus::to_corpus(&loaded, false).unwrap();
    let json = corpus::to_json(&c).unwrap();
    let exported = assert_slices_match(&json);
    let back = corpus::from_json(&json).unwrap();
    assert_eq!(back, c);
    let rp = corpus::to_project(&back).unwrap();
    assert_eq!(rp.name, "往返");
    assert_eq!(rp.annotator, "alice");
    assert_eq!(rp.schema, loaded.schema);
    assert_eq!(rp.documents.len(), loaded.documents.len());
    let mut accepted = 0;
    for (a, b) in rp.documents.iter().zip(&loaded.documents) {
        assert_eq!(a.meta.id, b.meta.id);
        assert_eq!(a.meta.published, b.meta.published);
        assert_eq!(a.text.as_str(), b.text.as_str());
        assert_eq!(a.layer.status, b.layer.status);
        let want: Vec<Span> = b.layer.accepted().cloned().collect();
        assert!(want.len() < b.layer.spans().len(), "some were not accepted");
        assert_eq!(a.layer.spans(), want.as_slice(), "{}", a.meta.id);
        assert_eq!(a.layer.events, b.layer.events);
        accepted += want.len();
    }
    assert_eq!(exported, accepted);

    // --include-pending adds the pending ones, never the rejected.
    let with_pending = corpus::to_corpus(&loaded, true).unwrap();
    for (cd, d) in with_pending.documents.iter().zip(&loaded.documents) {
        let want = d
            .layer
            .spans()
            .iter()
            .filter(|s| s.status != SpanStatus::Rejected)
            .count();
        assert_eq!(cd.spans.len(), want);
        assert!(cd.spans.iter().any(|s| s.status == "pending"));
        assert!(cd.spans.iter().all(|s| s.status != "rejected"));
    }
    assert_slices_match(&corpus::to_json(&with_pending).unwrap());

    // The RON corpus reads back to the same corpus.
    let ron = corpus::to_ron(&c).unwrap();
    assert_eq!(corpus::from_ron(&ron).unwrap(), c);
}

#[test]
fn a_gbk_file_and_its_utf8_twin_give_the_same_text_and_offsets() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let twin = tmp.path().join("gbk_crlf_utf8.txt");
    std::fs::write(&twin, GBK_CRLF.as_bytes()).unwrap();
    let (mut st, mut p) = Store::create(&dir, "双胞胎", "main").unwrap();
    let r = st.import_files(
        &mut p,
        &[fixture("gbk_crlf.txt"), twin],
        None,
        &mut no_progress(),
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        (r.imported[0].encoding, r.imported[1].encoding),
        ("gb18030", "UTF-8")
    );
    // Forcing GBK gives the same text again.
    let forced = biaozhu::zh::encoding::encoding_for_name("gbk").unwrap();
    let r2 = st.import_files(
        &mut p,
        &[fixture("gbk_crlf.txt")],
        Some(forced),
        &mut no_progress(),
    );
    assert!(r2.problems.is_empty());
    assert_eq!(r2.imported[0].id, "gbk_crlf-2");
    assert!(!r2.imported[0].detected);
    assert_eq!(p.documents[0].text.as_str(), p.documents[1].text.as_str());
    assert_eq!(p.documents[0].text.as_str(), p.documents[2].text.as_str());
    assert_eq!(p.documents[0].text.len_chars(), 160);

    let case = cases().into_iter().next().unwrap();
    let mut h = History::new();
    for d in 0..3 {
        tag(&mut p, &mut h, d, &case);
    }
    st.save(&mut p).unwrap();
    drop(st);
    let loaded = store::load(&dir, "main", &mut no_progress()).unwrap();
    let c = corpus::to_corpus(&loaded, true).unwrap();
    let key = |d: &corpus::CorpusDoc| {
        (
            d.text.clone(),
            d.spans
                .iter()
                .map(|s| (s.start, s.end, s.text.clone(), s.label.clone()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(key(&c.documents[0]), key(&c.documents[1]));
    assert_eq!(key(&c.documents[0]), key(&c.documents[2]));
    // Offsets counted by hand: 黄洪涛 16..19; the span over the blank line 86..108.
    let spans = &c.documents[0].spans;
    assert!(
        spans
            .iter()
            .any(|s| (s.start, s.end, s.text.as_str()) == (16, 19, "黄洪涛"))
    );
    assert!(
        spans
            .iter()
            .any(|s| (s.start, s.end) == (86, 108) && s.text.ends_with("。\r\n\r\n据介绍"))
    );
}

#[test]
fn a_layer_saved_for_one_text_does_not_load_on_another() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let (mut st, mut p) = Store::create(&dir, "改", "main").unwrap();
    let r = st.import_files(
        &mut p,
        &[fixture("emoji_jiyejia.txt")],
        None,
        &mut no_progress(),
    );
    assert!(r.problems.is_empty());
    let mut h = History::new();
    add(&mut h, &mut p, 0, find(EMOJI, "北京", 0), "LOC");
    st.save(&mut p).unwrap();
    drop(st);
    let tfile = store::text_file(&dir, "emoji_jiyejia");
    std::fs::write(&tfile, EMOJI.replace("😀", "")).unwrap();
    let err = store::load(&dir, "main", &mut no_progress())
        .unwrap_err()
        .to_string();
    let lfile = store::layer_file(&dir, "emoji_jiyejia", "main");
    assert!(err.contains(&lfile.display().to_string()), "{err}");
    assert!(err.contains(&tfile.display().to_string()), "{err}");
}

#[test]
fn a_saved_layer_has_one_span_per_line_and_a_matching_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let (mut st, mut p) = Store::create(&dir, "格式", "main").unwrap();
    let r = st.import_files(
        &mut p,
        &[fixture("utf16le_bom.txt")],
        None,
        &mut no_progress(),
    );
    assert!(r.problems.is_empty());
    let mut h = History::new();
    add(&mut h, &mut p, 0, find(UTF16, "𠮷野家", 0), "ORG");
    add(&mut h, &mut p, 0, find(UTF16, "赖志航", 0), "PER");
    st.save(&mut p).unwrap();
    let src = std::fs::read_to_string(store::layer_file(&dir, "utf16le_bom", "main")).unwrap();
    assert!(src.contains("format: \"biaozhu-layer\""));
    assert!(src.contains("version: 1"));
    assert!(src.contains("text_chars: 64"));
    let sha = store::sha256_hex(UTF16.as_bytes());
    assert!(src.contains(&format!("text_sha256: \"{sha}\"")));
    // Sorted by start: 赖志航 (T2) before 𠮷野家 (T1).
    let t2 = src
        .lines()
        .position(|l| l.contains("(id: \"T2\", start: 16, end: 19, kind: Entity, label: \"PER\")"));
    let t1 = src
        .lines()
        .position(|l| l.contains("(id: \"T1\", start: 20, end: 23, kind: Entity, label: \"ORG\")"));
    assert!(t2.is_some() && t1.is_some() && t2 < t1, "{src}");
}

#[test]
fn events_and_event_types_survive_the_corpus() {
    let mut p = project_with_event();
    p.schema.events[0].hotkey = Some('H');
    p.schema.events[0].roles.push(Role {
        name: "地点".into(),
        en: "Place".into(),
        accepts: vec!["LOC".into()],
        required: false,
        repeat: true,
    });
    let c = corpus::to_corpus(&p, false).unwrap();
    let json = corpus::to_json(&c).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = &v["documents"][0]["events"][0];
    assert_eq!(e["type"], "会议");
    assert_eq!(e["trigger"], "T2");
    assert_eq!(e["args"][0]["role"], "主体");
    assert_eq!(e["args"][0]["span"], "T1");
    let rp = corpus::to_project(&corpus::from_json(&json).unwrap()).unwrap();
    assert_eq!(rp.schema, p.schema);
    assert_eq!(rp.documents[0].layer.events, p.documents[0].layer.events);
    assert_eq!(rp.documents[0].layer.spans(), p.documents[0].layer.spans());
    assert_eq!(rp.documents[0].layer.status, DocStatus::InProgress);
    assert_eq!(rp.documents[0].layer.next_event, 2);
}

#[test]
fn the_sample_project_is_written_back_byte_for_byte() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let p = biaozhu::store::load(&src, "main", &mut |_, _| true).expect("the sample loads");
    let layer =
        std::fs::read_to_string(src.join("annotations/000_8a8e23ef3e59d156/main.ron")).unwrap();
    assert_eq!(
        biaozhu::store::layer_to_string(&p.documents[0]).unwrap(),
        layer
    );
    assert!(p.documents[0].layer.spans().len() >= 100);
    // The hand-checked list in tests/data agrees with the layer.
    let tsv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sample_spans.tsv"),
    )
    .unwrap();
    let text = &p.documents[0].text;
    let mut n = 0;
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (s, e): (u32, u32) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let r = biaozhu::model::CharRange::new(s, e);
        assert_eq!(text.slice(r).unwrap(), f[3], "{line}");
        assert!(
            p.documents[0]
                .layer
                .spans()
                .iter()
                .any(|sp| sp.range == r && sp.label == f[2]),
            "{line}"
        );
        n += 1;
    }
    assert_eq!(n, p.documents[0].layer.spans().len());
}

#[test]
fn a_label_cannot_take_another_labels_hotkey() {
    let mut p = biaozhu::model::Project::new("p", "main");
    let mut org = p.schema.label("ORG").unwrap().clone();
    org.hotkey = Some('1'); // PER's
    let i = p.schema.label_index("ORG").unwrap();
    let e = biaozhu::edit::apply(
        &mut p,
        biaozhu::edit::Edit::UpdateLabel {
            index: i,
            label: org,
        },
    );
    assert!(matches!(e, Err(biaozhu::edit::EditError::DuplicateHotkey('1', ref k)) if k == "PER"));
    let mut new = p.schema.label("PER").unwrap().clone();
    new.key = "EVENT_NAME".into();
    new.hotkey = Some('o'); // ORDINAL has 'O'
    let e = biaozhu::edit::apply(
        &mut p,
        biaozhu::edit::Edit::AddLabel {
            index: 3,
            label: new,
        },
    );
    assert!(matches!(
        e,
        Err(biaozhu::edit::EditError::DuplicateHotkey('o', _))
    ));
    assert_eq!(p.schema, biaozhu::model::Schema::default_bulletin());
}

#[test]
fn a_user_word_changes_segmentation_and_removing_it_restores_it() {
    use biaozhu::zh::segment::Segmenter;
    let text = "推进县级工会加强年专项工作";
    let mut seg = Segmenter::new();
    let before = seg.word_boundaries(text);
    assert!(!before.windows(2).any(|w| w == [2, 9]), "{before:?}");
    seg.set_user_words(&["县级工会加强年 nz".to_string()]);
    let with = seg.word_boundaries(text);
    // 县级工会加强年 is chars 2..9: one word now.
    assert!(with.windows(2).any(|w| w == [2, 9]), "{with:?}");
    // Another segmenter in the same process is not affected.
    assert_eq!(Segmenter::new().word_boundaries(text), before);
    seg.set_user_words(&[]);
    assert_eq!(seg.word_boundaries(text), before);
}

#[test]
fn two_sessions_with_different_user_dictionaries_segment_differently() {
    use biaozhu::edit::Edit;
    use biaozhu::session::Session;
    use biaozhu::store::Store;
    let text = "推进县级工会加强年专项工作";
    let tmp = tempfile::tempdir().unwrap();
    let mut sessions = Vec::new();
    for (name, words) in [("a", vec![]), ("b", vec!["县级工会加强年 nz".to_string()])] {
        let (st, p) = Store::create(&tmp.path().join(name), name, "main").unwrap();
        let mut s = Session::new(st, p);
        if !words.is_empty() {
            s.apply(Edit::SetUserWords { words }).unwrap();
        }
        sessions.push(s);
    }
    let a = sessions[0].segmenter().word_boundaries(text);
    let b = sessions[1].segmenter().word_boundaries(text);
    assert!(!a.windows(2).any(|w| w == [2, 9]), "{a:?}");
    assert!(b.windows(2).any(|w| w == [2, 9]), "{b:?}");
    // Undoing the dictionary edit gives session b the plain cut back.
    sessions[1].undo().unwrap();
    assert_eq!(sessions[1].segmenter().word_boundaries(text), a);
}

mod events {
    use biaozhu::edit::{Edit, History, apply, delete_span_detaching};
    use biaozhu::model::{
        CharRange, DocMeta, Document, Event, EventId, Layer, Project, Span, SpanId, SpanKind, Text,
        validate_document,
    };

    /// 甘肃省总工会10月19日在兰州召开推进会。 with ORG, DATE, LOC, trigger 召开 and ARG 推进会.
    fn project() -> Project {
        let mut p = Project::new("p", "main");
        let text = Text::new("甘肃省总工会10月19日在兰州召开推进会。");
        let span =
            |id, s, e, kind, label: &str| Span::new(SpanId(id), CharRange::new(s, e), kind, label);
        let layer = Layer::from_parts(
            vec![
                span(1, 0, 6, SpanKind::Entity, "ORG"),
                span(2, 6, 12, SpanKind::Figure, "DATE"),
                span(3, 13, 15, SpanKind::Entity, "LOC"),
                span(4, 15, 17, SpanKind::Trigger, "会议"),
                span(5, 17, 20, SpanKind::Argument, "ARG"),
            ],
            vec![],
            Default::default(),
            6,
            1,
        );
        p.documents.push(Document {
            meta: DocMeta {
                id: "d".into(),
                ..Default::default()
            },
            text,
            layer,
        });
        p
    }

    fn meeting() -> Event {
        Event {
            unsure: false,
            note: None,
            id: EventId(1),
            event_type: "会议".into(),
            trigger: SpanId(4),
            args: vec![
                ("主体".into(), SpanId(1)),
                ("时间".into(), SpanId(2)),
                ("地点".into(), SpanId(3)),
                ("对象".into(), SpanId(5)),
            ],
        }
    }

    #[test]
    fn a_well_formed_event_validates_and_undo_removes_it() {
        let mut p = project();
        let mut h = History::new();
        h.apply(
            &mut p,
            Edit::AddEvent {
                doc: 0,
                event: meeting(),
            },
        )
        .unwrap();
        assert_eq!(validate_document(&p.documents[0], &p.schema), vec![]);
        assert!(h.undo(&mut p).unwrap());
        assert!(p.documents[0].layer.events.is_empty());
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(p.documents[0].layer.events, vec![meeting()]);
    }

    #[test]
    fn validation_names_missing_roles_and_refused_labels() {
        let mut p = project();
        let mut e = meeting();
        e.args = vec![("时间".into(), SpanId(3)), ("天气".into(), SpanId(5))];
        apply(&mut p, Edit::AddEvent { doc: 0, event: e }).unwrap();
        let msgs: Vec<String> = validate_document(&p.documents[0], &p.schema)
            .into_iter()
            .map(|x| x.message.en)
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("required role Subject (主体) is missing")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("does not accept")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("\"天气\" is not a role")),
            "{msgs:?}"
        );
    }

    #[test]
    fn deleting_an_argument_detaches_it_and_one_undo_restores_the_event_intact() {
        let mut p = project();
        let mut h = History::new();
        h.apply(
            &mut p,
            Edit::AddEvent {
                doc: 0,
                event: meeting(),
            },
        )
        .unwrap();
        // A plain removal is refused: the span is in use.
        assert!(
            apply(
                &mut p,
                Edit::RemoveSpan {
                    doc: 0,
                    id: SpanId(3)
                }
            )
            .is_err()
        );
        let e = delete_span_detaching(&p, 0, SpanId(3));
        h.apply(&mut p, e).unwrap();
        assert!(p.documents[0].layer.span(SpanId(3)).is_none());
        assert_eq!(p.documents[0].layer.events[0].args.len(), 3);
        h.undo(&mut p).unwrap();
        assert_eq!(p.documents[0].layer.events, vec![meeting()]);
        assert!(p.documents[0].layer.span(SpanId(3)).is_some());
        // Deleting the trigger removes the event.
        let e = delete_span_detaching(&p, 0, SpanId(4));
        h.apply(&mut p, e).unwrap();
        assert!(p.documents[0].layer.events.is_empty());
        h.undo(&mut p).unwrap();
        assert_eq!(p.documents[0].layer.events, vec![meeting()]);
    }

    #[test]
    fn an_event_needs_existing_spans() {
        let mut p = project();
        let mut e = meeting();
        e.args.push(("参与者".into(), SpanId(99)));
        assert!(apply(&mut p, Edit::AddEvent { doc: 0, event: e }).is_err());
        assert!(p.documents[0].layer.events.is_empty());
    }
}

#[test]
fn the_corpus_export_leaves_out_events_and_arguments_over_spans_it_does_not_export() {
    let mut p = project_with_event();
    // A second event whose trigger is a pending suggestion, and a pending argument.
    let mut trig = Span::new(SpanId(4), find(S1, "召开", 0), SpanKind::Trigger, "会议");
    trig.status = SpanStatus::Pending;
    let mut loc = Span::new(SpanId(5), find(S1, "兰州", 0), SpanKind::Argument, "ARG");
    loc.status = SpanStatus::Pending;
    let d = &mut p.documents[0];
    let mut spans = d.layer.spans().to_vec();
    spans.extend([trig, loc]);
    let mut events = d.layer.events.clone();
    events[0].args.push(("地点".into(), SpanId(5)));
    events.push(Event {
        unsure: false,
        note: None,
        id: EventId(2),
        event_type: "会议".into(),
        trigger: SpanId(4),
        args: vec![("主体".into(), SpanId(1))],
    });
    d.layer = Layer::from_parts(spans, events, DocStatus::InProgress, 1, 1);

    let c = corpus::to_corpus(&p, false).unwrap();
    let doc = &c.documents[0];
    assert_eq!(
        doc.events.len(),
        1,
        "the event over a pending trigger is left out"
    );
    assert_eq!(
        doc.events[0].args.len(),
        1,
        "the pending argument is left out"
    );
    for e in &doc.events {
        for id in std::iter::once(&e.trigger).chain(e.args.iter().map(|a| &a.span)) {
            assert!(doc.spans.iter().any(|s| &s.id == id), "{id} is exported");
        }
    }
    // With the pending spans exported, their events are too.
    let c = corpus::to_corpus(&p, true).unwrap();
    assert_eq!(c.documents[0].events.len(), 2);
    assert_eq!(c.documents[0].events[0].args.len(), 2);
}

/// Many spans for document 1 of [`project`]: every char pair, in a shuffled order.
fn many_spans(n: u32) -> Vec<Span> {
    let len = Text::new(S2).len_chars();
    (0..n)
        .map(|k| {
            let start = (k * 7) % (len - 2);
            Span::new(
                SpanId(100 + k),
                CharRange::new(start, start + 1 + k % 2),
                SpanKind::Entity,
                "ORG",
            )
        })
        .collect()
}

#[test]
fn a_big_batch_of_spans_gives_what_one_by_one_gives_and_fails_the_same() {
    let spans = many_spans(200);
    let batch = Edit::Batch(
        spans
            .iter()
            .map(|s| Edit::AddSpan {
                doc: 1,
                span: s.clone(),
            })
            .collect(),
    );
    // In bulk (one edit) and one by one.
    let mut a = project();
    let inv_a = apply(&mut a, batch.clone()).unwrap();
    let mut b = project();
    let mut inv_b = Vec::new();
    for s in &spans {
        inv_b.push(
            apply(
                &mut b,
                Edit::AddSpan {
                    doc: 1,
                    span: s.clone(),
                },
            )
            .unwrap(),
        );
    }
    inv_b.reverse();
    assert_eq!(snap(&a), snap(&b));
    assert_eq!(inv_a, Edit::Batch(inv_b));
    assert_eq!(
        a.documents[1].layer.next_span,
        b.documents[1].layer.next_span
    );
    check_index(&a.documents[1].layer, Text::new(S2).len_chars());
    // Undone in bulk too: the project as it was, and redo gives the same spans back.
    let redo = apply(&mut a, inv_a).unwrap();
    assert_eq!(snap(&a), snap(&project()));
    apply(&mut a, redo).unwrap();
    assert_eq!(snap(&a), snap(&b));
    // A batch with one duplicate id fails as one by one would, and changes nothing.
    let mut c = project();
    let mut bad = spans.clone();
    bad[150].id = bad[3].id;
    let before = snap(&c);
    let e = apply(
        &mut c,
        Edit::Batch(
            bad.into_iter()
                .map(|span| Edit::AddSpan { doc: 1, span })
                .collect(),
        ),
    )
    .unwrap_err();
    assert_eq!(e, EditError::DuplicateId(spans[3].id));
    assert_eq!(snap(&c), before);
}

/// A save of many documents at once (a review's project-wide decision leaves thousands
/// dirty) writes them on several threads, or a part of them at a time as the autosave does:
/// every layer lands whole, and one that cannot be written (a folder where its file should
/// go) stays dirty with its error while the others are written and clean.
#[test]
fn a_save_of_many_documents_writes_every_layer_and_keeps_the_one_that_fails_dirty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("多篇");
    let (mut st, mut p) = Store::create(&dir, "多篇", "alice").unwrap();
    for k in 0..200 {
        let decoded = biaozhu::zh::encoding::Decoded {
            text: format!("第{k}篇：甘肃省总工会在兰州召开会议。"),
            encoding: "UTF-8",
            bom: false,
            detected: true,
        };
        st.add_decoded(&mut p, Path::new(&format!("d{k}.txt")), decoded)
            .unwrap();
    }
    let mut h = History::new();
    for d in 0..200 {
        let r = find(p.documents[d].text.as_str(), "兰州", 0);
        add(&mut h, &mut p, d, r, "LOC");
    }
    // The autosave's way: at most 120 layers a call, the first by place; the rest stay
    // dirty for the next.
    st.save_at_most(&mut p, 120).unwrap();
    assert_eq!(p.dirty_docs.len(), 80);
    assert_eq!(p.dirty_docs.first(), Some(&120));
    let file = |d: usize| store::layer_file(&dir, &p.documents[d].meta.id, "alice");
    assert!(std::fs::read_to_string(file(119)).unwrap().contains("LOC"));
    assert!(std::fs::read_to_string(file(120)).map_or(true, |t| !t.contains("LOC")));
    // Document 150's layer file is blocked by a folder.
    let blocked = store::layer_file(&dir, &p.documents[150].meta.id, "alice");
    std::fs::create_dir_all(&blocked).unwrap();
    let err = st.save(&mut p).expect_err("document 150 cannot be written");
    assert!(
        err.to_string().contains(&p.documents[150].meta.id),
        "the error names the file: {err}"
    );
    assert_eq!(p.dirty_docs.iter().copied().collect::<Vec<_>>(), [150]);
    std::fs::remove_dir(&blocked).unwrap();
    st.save(&mut p).unwrap();
    assert!(!p.is_dirty());
    let back = store::load(&dir, "alice", &mut no_progress()).unwrap();
    for d in 0..200 {
        assert_eq!(labels(&back, d), labels(&p, d), "document {d}");
        assert_eq!(labels(&back, d).len(), 1);
    }
}
