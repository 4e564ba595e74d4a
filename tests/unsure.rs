//! The "unsure" flag and comments on spans and events (issue #12): written in layer files
//! only when set (old files load, unchanged layers save byte for byte), and carried both
//! ways by the native JSON/RON corpus.

use std::path::Path;

use biaozhu::edit::{Edit, apply};
use biaozhu::format::corpus;
use biaozhu::model::SpanStatus;
use biaozhu::store::{self, Store};

fn no_progress() -> impl FnMut(usize, usize) -> bool {
    |_, _| true
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(&name));
        } else {
            std::fs::copy(&p, to.join(&name)).unwrap();
        }
    }
}

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bulletin-sample");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample"),
        &dir,
    );
    (tmp, dir)
}

#[test]
fn an_unchanged_layer_saves_byte_for_byte_and_the_flags_round_trip_through_the_file() {
    let (_tmp, dir) = sample();
    let (mut st, mut p) = Store::open(&dir, "main", &mut no_progress()).unwrap();
    let id = p.documents[0].meta.id.clone();
    let file = store::layer_file(&dir, &id, "main");
    let before = std::fs::read(&file).unwrap();
    assert!(
        !String::from_utf8_lossy(&before).contains("unsure"),
        "the sample has no unsure flags"
    );

    // Saved without a change: the same bytes (no `unsure: false`, no `note: None`).
    p.dirty_docs.insert(0);
    st.save(&mut p).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // Set them: written, and read back.
    let mut s = p.documents[0].layer.spans()[0].clone();
    s.unsure = true;
    s.note = Some("人名还是地名？".into());
    apply(
        &mut p,
        Edit::UpdateSpan {
            doc: 0,
            span: s.clone(),
        },
    )
    .unwrap();
    let mut event = p.documents[0].layer.events[0].clone();
    event.unsure = true;
    event.note = Some("触发词存疑".into());
    apply(
        &mut p,
        Edit::UpdateEvent {
            doc: 0,
            event: event.clone(),
        },
    )
    .unwrap();
    st.save(&mut p).unwrap();
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("unsure: true"), "{written}");
    drop(st);
    let back = store::load(&dir, "main", &mut no_progress()).unwrap();
    let l = &back.documents[0].layer;
    assert_eq!(l.span(s.id), Some(&s));
    assert_eq!(l.events[0], event);
    assert_eq!(l.spans().iter().filter(|s| s.unsure).count(), 1);
}

#[test]
fn the_json_and_ron_corpus_carry_unsure_and_comments_both_ways() {
    let (_tmp, dir) = sample();
    let mut p = store::load(&dir, "main", &mut no_progress()).unwrap();
    let mut s = p.documents[0]
        .layer
        .spans()
        .iter()
        .find(|s| s.status == SpanStatus::Accepted)
        .unwrap()
        .clone();
    s.unsure = true;
    s.note = Some("边界？".into());
    apply(
        &mut p,
        Edit::UpdateSpan {
            doc: 0,
            span: s.clone(),
        },
    )
    .unwrap();
    let mut event = p.documents[0].layer.events[0].clone();
    event.unsure = true;
    event.note = Some("类型存疑".into());
    apply(
        &mut p,
        Edit::UpdateEvent {
            doc: 0,
            event: event.clone(),
        },
    )
    .unwrap();

    let c = corpus::to_corpus(&p, false).unwrap();
    let json = corpus::to_json(&c).unwrap();
    assert!(json.contains("\"unsure\": true"), "{json}");
    for text in [json, corpus::to_ron(&c).unwrap()] {
        let back = corpus::from_json(&text)
            .or_else(|_| corpus::from_ron(&text))
            .unwrap();
        let rp = corpus::to_project(&back).unwrap();
        let l = &rp.documents[0].layer;
        assert_eq!(l.span(s.id), Some(&s));
        assert_eq!(l.events[0], event);
        assert_eq!(l.spans().iter().filter(|s| s.unsure).count(), 1);
    }
}
