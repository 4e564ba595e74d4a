//! Review without a window: two annotators' layers compared, decisions written to the
//! curated layer on disk, undo, and the change list.

use std::path::Path;

use biaozhu::model::{CURATED, SpanStatus};
use biaozhu::review::compare::DiffKind;
use biaozhu::review::curate::Decision;
use biaozhu::session::{Selection, Session, SessionError};
use biaozhu::store::{self, Store};

#[path = "support/two_annotators.rs"]
mod two;
use two::two_annotators;
#[path = "support/three_documents.rs"]
mod three;
use three::three_documents;

fn curated_session(pdir: &Path) -> Session {
    let (st, p) = Store::open(pdir, CURATED, &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    s.set_who("carol");
    s
}

/// carol's review of `pdir` with its first disagreement decided (the first annotator's
/// version) and saved: the first document has a curated layer.
fn one_decision_saved(pdir: &Path) -> Session {
    let mut s = curated_session(pdir);
    s.start_review(&[]).unwrap();
    s.step_disagreement(true);
    s.accept_version(0).unwrap();
    s.save().unwrap();
    s
}

fn curated_on_disk(pdir: &Path) -> Vec<(u32, u32, String, SpanStatus)> {
    let p = store::load(pdir, CURATED, &mut |_, _| true).unwrap();
    p.documents[0]
        .layer
        .spans()
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.clone(), s.status))
        .collect()
}

#[test]
fn review_needs_the_curated_layer_and_an_annotator() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let (st, p) = Store::open(&pdir, "alice", &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    assert!(matches!(
        s.start_review(&[]),
        Err(SessionError::ReviewNeedsCurated)
    ));
    drop(s);
    let mut s = curated_session(&pdir);
    assert!(matches!(
        s.start_review(&["carol".into()]).map(|_| ()),
        Ok(())
    ));
    assert!(matches!(
        s.accept_version(0),
        Err(SessionError::NoReviewItem)
    ));
    // A project nobody has annotated yet has nothing to review.
    let tmp = tempfile::tempdir().unwrap();
    let (st, p) = Store::create(&tmp.path().join("p"), "p", CURATED).unwrap();
    let mut s = Session::new(st, p);
    let e = s.start_review(&[]).unwrap_err();
    assert!(matches!(e, SessionError::NoAnnotators));
    assert!(
        e.message(biaozhu::i18n::Lang::Zh).contains("还没有人标注"),
        "{}",
        e.message(biaozhu::i18n::Lang::Zh)
    );
}

#[test]
fn one_annotators_work_is_reviewed_item_by_item_or_confirmed_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    // Only alice is reviewed: each of her four spans is unconfirmed, an item to decide.
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&["alice".into()]).unwrap(), 4);
    let r = s.review().unwrap();
    assert!(
        r.items(0)
            .iter()
            .all(|i| i.kind == DiffKind::Unconfirmed && i.is_disagreement())
    );
    let starts: Vec<u32> = r.items(0).iter().map(|i| i.range.start).collect();
    assert_eq!(starts, vec![0, 3, 10, 13]);
    // F8 walks them in text order; the reviewer takes 张三, rejects 北京大学 ORG and tags it
    // LOC by hand.
    assert_eq!(s.step_disagreement(true), Some(0));
    s.accept_version(0).unwrap();
    assert_eq!(
        s.selection().map(|x| x.range().start),
        Some(3),
        "the next one"
    );
    s.reject_review_item().unwrap();
    assert_eq!(s.selection().map(|x| x.range().start), Some(10));
    s.set_selection(Selection { anchor: 3, head: 7 });
    s.tag("LOC").unwrap();
    // Ctrl+Shift+A confirms the two left open, in one undo step.
    assert_eq!(s.accept_agreements().unwrap(), 2);
    assert_eq!(s.accept_agreements().unwrap(), 0, "already in");
    assert!(
        s.review_decisions().iter().all(|d| *d != Decision::Open),
        "{:?}",
        s.review_decisions()
    );
    assert!(s.undo().unwrap());
    assert_eq!(
        s.review_decisions()
            .iter()
            .filter(|d| **d == Decision::Open)
            .count(),
        2
    );
    assert!(s.redo().unwrap());
    s.save().unwrap();
    let accepted: Vec<_> = curated_on_disk(&pdir)
        .into_iter()
        .filter(|s| s.3 == SpanStatus::Accepted)
        .map(|s| (s.0, s.1, s.2))
        .collect();
    assert_eq!(
        accepted,
        vec![
            (0, 2, "PER".to_string()),
            (3, 7, "LOC".to_string()),
            (10, 12, "PER".to_string()),
            (13, 15, "LOC".to_string())
        ]
    );
}

#[test]
fn a_reviewer_decides_each_kind_of_disagreement_and_the_curated_file_is_exactly_that() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 3);
    let r = s.review().unwrap();
    assert_eq!(r.annotators(), ["alice".to_string(), "bob".to_string()]);
    let kinds: Vec<DiffKind> = r.items(0).iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![
            DiffKind::Agree,
            DiffKind::Label,
            DiffKind::Missing,
            DiffKind::Boundary
        ]
    );
    // F8 walks the disagreements in text order and wraps.
    assert_eq!(s.step_disagreement(true), Some(3));
    assert_eq!(s.selection(), Some(Selection { anchor: 3, head: 7 }));
    let at = |s: &Session| s.selection().map(|x| x.range().start);
    // Label: take bob's LOC; a decision selects the next open item.
    s.accept_version(1).unwrap();
    assert_eq!(at(&s), Some(10));
    // Missing: take alice's PER.
    s.accept_version(0).unwrap();
    assert_eq!(at(&s), Some(12));
    // Boundary: reject both. None is left open: the selection stays.
    s.reject_review_item().unwrap();
    assert_eq!(at(&s), Some(12));
    assert_eq!(s.step_disagreement(true), Some(3), "wraps to the first");
    assert_eq!(s.accept_agreements().unwrap(), 1);
    assert_eq!(s.accept_agreements().unwrap(), 0, "already in");
    assert_eq!(
        s.review_decisions(),
        vec![
            Decision::Accepted(0),
            Decision::Accepted(1),
            Decision::Accepted(0),
            Decision::Rejected
        ]
    );
    // Undo takes back the last decision (the agreements), and only it.
    assert!(s.undo().unwrap());
    assert_eq!(s.review_decisions()[0], Decision::Open);
    assert!(s.redo().unwrap());
    s.save().unwrap();
    let spans = curated_on_disk(&pdir);
    let accepted: Vec<_> = spans
        .iter()
        .filter(|s| s.3 == SpanStatus::Accepted)
        .map(|s| (s.0, s.1, s.2.as_str()))
        .collect();
    assert_eq!(
        accepted,
        vec![(0, 2, "PER"), (3, 7, "LOC"), (10, 12, "PER")]
    );
    let rejected: Vec<_> = spans
        .iter()
        .filter(|s| s.3 == SpanStatus::Rejected)
        .map(|s| (s.0, s.1, s.2.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![(3, 7, "ORG"), (12, 15, "LOC"), (13, 15, "LOC")]
    );
    // The annotators' own layers are untouched.
    let alice = store::load(&pdir, "alice", &mut |_, _| true).unwrap();
    assert_eq!(alice.documents[0].layer.spans().len(), 4);
    // The curated layer is "in review" now.
    let layered = store::load_layered(&pdir, &mut |_, _| true).unwrap();
    assert_eq!(
        biaozhu::review::ReviewStatus::of(layered.docs[0].layer(CURATED)),
        biaozhu::review::ReviewStatus::InReview
    );
    // Decisions are read back from the file after a restart.
    drop(s);
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    assert_eq!(s.review_decisions()[3], Decision::Rejected);
}

#[test]
fn every_edit_is_in_the_change_list_with_who_and_which_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    // A reviewer corrects alice's layer in place.
    let (st, p) = Store::open(&pdir, "alice", &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    s.set_who("carol");
    s.set_selection(Selection {
        anchor: 13,
        head: 15,
    });
    s.tag("GPE").unwrap_or_default();
    s.set_selection(Selection {
        anchor: 15,
        head: 17,
    });
    s.tag("ORG").unwrap();
    s.undo().unwrap();
    let ch = s.changes();
    let last: Vec<_> = ch
        .iter()
        .map(|c| {
            (
                c.who.as_str(),
                c.layer.as_str(),
                c.action.as_str(),
                c.what.as_str(),
            )
        })
        .collect();
    assert!(
        last.contains(&("carol", "alice", "add", "ORG 工作 [15,17)")),
        "{last:?}"
    );
    assert_eq!(last.last().map(|c| c.2), Some("undo"));
    assert!(ch.iter().all(|c| c.doc == s.project().documents[0].meta.id));
    // Saving appends them to the reviewer's activity log, once.
    s.save().unwrap();
    s.save().unwrap();
    let (entries, problems) = store::activity::read(&pdir);
    assert!(problems.is_empty(), "{problems:?}");
    let carol: Vec<_> = entries.iter().filter(|e| e.who == "carol").collect();
    assert_eq!(carol.len(), 2, "{carol:?}");
    assert_eq!(carol[0].layer, "alice");
    assert_eq!(carol[0].what, "ORG 工作 [15,17)");
    assert_eq!(carol[1].action, "undo");
    assert!(pdir.join("log/carol.jsonl").is_file());
}

#[path = "support/bin.rs"]
mod support;

#[test]
fn exports_take_the_curated_layer_and_leave_out_documents_not_reviewed() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let second = tmp.path().join("second.txt");
    std::fs::write(&second, "王五在广州。").unwrap();
    let r = support::bz([
        "import".as_ref(),
        pdir.as_os_str(),
        second.as_os_str(),
        "--annotator".as_ref(),
        "alice".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let mut s = one_decision_saved(&pdir);
    let export = |extra: &[&str]| {
        let mut args = vec!["export".as_ref(), pdir.as_os_str()];
        args.extend(["--format", "json", "--lang", "en"].map(std::ffi::OsStr::new));
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        let r = support::bz(args);
        assert_eq!(r.code, 0, "{}", r.all());
        r
    };
    // Still in review: left out by default, said with the option that takes it.
    let r = export(&[]);
    assert!(
        r.stderr
            .contains("1 of 2 documents have no curated layer yet"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "note: 1 of the curated layer's 1 documents left out: their review is not finished"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("北京大学"), "{}", r.stdout);
    // --status new takes it, with a note on what its undecided places mean.
    let r = export(&["--status", "new"]);
    assert!(r.stdout.contains("北京大学"), "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "1 documents of the curated layer are written with their review not finished (1 in review, 0 not begun)"
        ),
        "{}",
        r.stderr
    );
    // Finished (alice's version of what was still open taken), it is exported by default.
    s.accept_version_for_open(0).unwrap();
    s.finish_review_doc().unwrap();
    s.save().unwrap();
    drop(s);
    let r = export(&[]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let text = r.stdout.clone();
    assert!(text.contains("北京大学") && !text.contains("王五"), "{v}");
    assert!(!r.stderr.contains("review is not finished"), "{}", r.stderr);
    // --layer picks an annotator's layer instead: both documents.
    let r = support::bz([
        "export".as_ref(),
        pdir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--layer".as_ref(),
        "alice".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("王五"));
}

#[test]
fn stats_json_has_every_annotator_the_review_status_and_progress_from_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    std::fs::create_dir_all(pdir.join("log")).unwrap();
    std::fs::write(
        pdir.join("log/alice.jsonl"),
        concat!(
            r#"{"at":"2026-11-29T09:00:00Z","who":"alice","doc":"d","layer":"alice","action":"add","what":"PER 张三 [0,2)"}"#,
            "\n",
            r#"{"at":"2026-11-29T09:10:00Z","who":"alice","doc":"d","layer":"alice","action":"status","what":"done"}"#,
            "\nnot json\n",
        ),
    )
    .unwrap();
    let r = support::bz([
        "stats".as_ref(),
        pdir.as_os_str(),
        "--layer".as_ref(),
        "alice".as_ref(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stderr.contains("alice.jsonl:3:"), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["per_annotator"]["alice"]["spans_per_label"]["PER"], 2);
    assert_eq!(v["per_annotator"]["bob"]["spans_per_label"]["LOC"], 2);
    assert_eq!(v["per_annotator"]["bob"]["documents"], 1);
    assert_eq!(v["review"]["unreviewed"], 1);
    assert_eq!(v["progress"]["2026-11-29"]["alice"]["edits"], 2);
    assert_eq!(v["progress"]["2026-11-29"]["alice"]["documents_done"], 1);
    // The fields it had before stay.
    assert_eq!(v["spans"], 4);
}

#[test]
fn f8_skips_what_is_decided_while_something_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    // Decide the missing PER [10,12) (item 2) first, by picking it in the list.
    assert_eq!(s.select_review_item(2), Some(10));
    s.accept_version(0).unwrap();
    s.clear_selection();
    // From the first disagreement, F8 goes past the decided one to the boundary one.
    assert_eq!(s.select_review_item(1), Some(3));
    assert_eq!(s.step_disagreement(true), Some(12));
    assert_eq!(s.step_disagreement(false), Some(3));
}

#[test]
fn review_on_the_command_line_asks_the_window_for_review_mode() {
    use clap::Parser as _;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let cli = biaozhu::cli::Cli::try_parse_from([
        "biaozhu".as_ref(),
        pdir.as_os_str(),
        "--review".as_ref(),
    ])
    .unwrap();
    match biaozhu::cli::run(cli).unwrap() {
        biaozhu::cli::Action::Gui {
            review, project, ..
        } => {
            assert!(review);
            assert_eq!(project, Some(pdir));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_annotator_without_a_layer_for_a_document_is_not_compared_on_it_and_one_alone_is_confirmed() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    // carol has a layer for no document: alice and bob are still compared, the same three
    // disagreements, and carol's version is empty everywhere.
    let (st, p) = Store::open(&pdir, CURATED, &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    let three = ["alice".to_string(), "bob".into(), "carol".into()];
    assert_eq!(s.start_review(&three).unwrap(), 3);
    let r = s.review().unwrap();
    assert!(
        r.items(0)
            .iter()
            .all(|i| i.versions.len() == 3 && i.versions[2].is_empty())
    );
    // With carol first, the agreements are still taken from who has them.
    drop(s);
    let (st, p) = Store::open(&pdir, CURATED, &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    s.start_review(&["carol".to_string(), "alice".into(), "bob".into()])
        .unwrap();
    assert_eq!(s.accept_agreements().unwrap(), 1);
    let accepted: Vec<_> = s.project().documents[0]
        .layer
        .accepted()
        .map(|x| (x.range.start, x.range.end, x.label.clone()))
        .collect();
    assert_eq!(accepted, vec![(0, 2, "PER".to_string())]);
    // Only alice has a layer among those reviewed: her four spans are unconfirmed, each in
    // her version, carol's empty.
    drop(s);
    let (st, p) = Store::open(&pdir, CURATED, &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    assert_eq!(
        s.start_review(&["carol".to_string(), "alice".into()])
            .unwrap(),
        4
    );
    let items = s.review().unwrap().items(0);
    assert!(items.iter().all(|i| i.kind == DiffKind::Unconfirmed
        && i.versions[0].is_empty()
        && i.versions[1].spans.len() == 1));
}

/// `name` opens the project, tags 张三 and takes it back (or marks the document done with
/// nothing tagged), and saves: the layer file exists and holds no span.
fn empty_layer(pdir: &Path, name: &str, done: bool) {
    let (st, p) = Store::open(pdir, name, &mut |_, _| true).unwrap();
    let mut s = Session::new(st, p);
    if done {
        s.apply(biaozhu::edit::Edit::SetStatus {
            doc: 0,
            status: biaozhu::model::DocStatus::Done,
        })
        .unwrap();
    } else {
        s.set_selection(Selection { anchor: 0, head: 2 });
        s.tag("PER").unwrap();
        assert!(s.undo().unwrap());
    }
    s.save().unwrap();
    assert!(
        pdir.join("annotations")
            .join(&s.project().documents[0].meta.id)
            .join(format!("{name}.ron"))
            .exists()
    );
}

#[test]
fn an_empty_layer_left_in_progress_is_not_an_annotator_but_one_marked_done_is() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    // dave (the reviewer, under his own name before review mode) tagged and undid.
    empty_layer(&pdir, "dave", false);
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 3);
    let r = s.review().unwrap();
    assert_eq!(r.annotators(), ["alice".to_string(), "bob".to_string()]);
    let kinds: Vec<DiffKind> = r.items(0).iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![
            DiffKind::Agree,
            DiffKind::Label,
            DiffKind::Missing,
            DiffKind::Boundary
        ]
    );
    drop(s);
    // Named on purpose, dave is compared where he has worked: nowhere, so the document is
    // compared as before.
    let mut s = curated_session(&pdir);
    assert_eq!(
        s.start_review(&["alice".into(), "bob".into(), "dave".into()])
            .unwrap(),
        3
    );
    drop(s);
    // With alice alone and dave's empty layer: alice's four spans are hers to confirm, not
    // four things dave "left out".
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&["alice".into(), "dave".into()]).unwrap(), 4);
    assert!(s.review().unwrap().is_solo(0));
    // One person is no majority: none of her versions is marked as one (the panel said
    // 多数 beside every item to confirm).
    assert!((0..4).all(|i| s.review_majority(0, i).is_empty()));
    drop(s);
    // erin marked the document done with nothing in it: she says there is nothing to tag,
    // and every span of alice's and bob's disagrees with that.
    empty_layer(&pdir, "erin", true);
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 4);
    let r = s.review().unwrap();
    assert_eq!(
        r.annotators(),
        ["alice".to_string(), "bob".to_string(), "erin".to_string()]
    );
    assert!(r.items(0).iter().all(|i| i.is_disagreement()));
    drop(s);
    // A project whose only layers are empty has nobody's work to review.
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two::text_project(tmp.path(), "张三在北京。");
    empty_layer(&pdir, "dave", false);
    let mut s = curated_session(&pdir);
    assert!(matches!(
        s.start_review(&[]),
        Err(SessionError::NoAnnotators)
    ));
}

#[test]
fn f8_goes_on_to_the_next_document_with_something_open_and_finishing_marks_it_reviewed() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 2);
    assert_eq!(s.review_worklist(), vec![(1, 1), (2, 1)]);
    assert_eq!(s.doc(), 0);
    // The first document has nothing open: F8 opens the second at its disagreement.
    assert_eq!(s.step_disagreement(true), Some(2));
    assert_eq!(s.doc(), 1);
    assert_eq!(s.selection(), Some(Selection { anchor: 2, head: 4 }));
    // Shift+F8 with this one still open stays in it.
    assert_eq!(s.step_disagreement(false), Some(2));
    assert_eq!(s.doc(), 1);
    // Finishing is refused while a disagreement is open, and names how many.
    let e = s.finish_review_doc().unwrap_err();
    assert!(matches!(e, SessionError::OpenItemsLeft(1)), "{e:?}");
    assert!(e.message(biaozhu::i18n::Lang::Zh).contains("还有 1 项未决"));
    s.accept_version(1).unwrap();
    assert_eq!(s.review_worklist(), vec![(2, 1)]);
    // Backwards from here, past the first document (nothing open), round to the third.
    assert_eq!(s.step_disagreement(false), Some(3));
    assert_eq!(s.doc(), 2);
    // Forwards from the third, back to the second? No: the second is all decided now.
    s.accept_version(0).unwrap();
    assert!(s.review_worklist().is_empty());
    // Nothing open anywhere: F8 stays in this document, on its decided disagreement.
    assert_eq!(s.step_disagreement(true), Some(3));
    assert_eq!(s.doc(), 2);
    // Finishing the third takes its agreement (张三… 李四 both tagged) and marks it reviewed,
    // then opens the next one not reviewed: the first (wrapping).
    let f = s.finish_review_doc().unwrap();
    assert_eq!(f.agreements, 1);
    assert_eq!(f.next, Some(0));
    assert_eq!(s.doc(), 0);
    assert_eq!(
        s.project().documents[2].layer.status,
        biaozhu::model::DocStatus::Reviewed
    );
    // One undo step takes back both the agreement and the status; undo goes back to the
    // document it changes.
    assert!(s.undo().unwrap());
    assert_eq!(s.doc(), 2);
    assert_eq!(s.review_decisions()[0], Decision::Open);
    assert_ne!(
        s.project().documents[2].layer.status,
        biaozhu::model::DocStatus::Reviewed
    );
    assert!(s.review_worklist().is_empty(), "agreements are not counted");
    // The next undo reopens the third document's disagreement, and the count follows.
    s.open_doc(0);
    assert!(s.undo().unwrap());
    assert_eq!(s.review_worklist(), vec![(2, 1)]);
    assert!(s.redo().unwrap());
    assert!(s.review_worklist().is_empty());
    assert!(s.redo().unwrap());
    s.open_doc(0);
    // Finish the first and the second: after the last, nothing is left to open.
    s.open_doc(0);
    assert_eq!(s.finish_review_doc().unwrap().next, Some(1));
    let f = s.finish_review_doc().unwrap();
    assert_eq!((f.agreements, f.next), (0, None));
    s.save().unwrap();
    let layered = store::load_layered(&pdir, &mut |_, _| true).unwrap();
    for d in &layered.docs {
        assert_eq!(
            biaozhu::review::ReviewStatus::of(d.layer(CURATED)),
            biaozhu::review::ReviewStatus::Reviewed
        );
    }
    // The curated layer holds what was decided and agreed.
    let p = store::load(&pdir, CURATED, &mut |_, _| true).unwrap();
    let accepted: Vec<Vec<(u32, u32, String)>> = p
        .documents
        .iter()
        .map(|d| {
            d.layer
                .spans()
                .iter()
                .filter(|s| s.status == SpanStatus::Accepted)
                .map(|s| (s.range.start, s.range.end, s.label.clone()))
                .collect()
        })
        .collect();
    assert_eq!(
        accepted,
        vec![
            vec![(0, 2, "PER".to_string())],
            vec![(2, 4, "ORG".to_string())],
            vec![(0, 2, "PER".to_string()), (3, 5, "PER".to_string())],
        ]
    );
}

#[test]
fn a_filter_by_label_or_kind_walks_only_those_items_across_the_project() {
    use biaozhu::session::review::ReviewFilter;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    // PER only: the second document (LOC vs ORG) is skipped, F8 goes to the third.
    s.set_review_filter(ReviewFilter {
        kind: None,
        labels: vec!["PER".into()],
    });
    assert_eq!(s.review_walk_counts(), vec![(2, 1)]);
    assert_eq!(
        s.review_worklist(),
        vec![(1, 1), (2, 1)],
        "the worklist is all"
    );
    assert_eq!(s.step_disagreement(true), Some(3));
    assert_eq!(s.doc(), 2);
    // Decided: nothing PER is open anywhere; F8 stays on it.
    s.accept_version(0).unwrap();
    assert!(s.review_walk_counts().is_empty());
    assert_eq!(s.step_disagreement(true), Some(3));
    assert_eq!(s.doc(), 2);
    // A kind: label disagreements; from here F8 goes back round to the second document.
    s.set_review_filter(ReviewFilter {
        kind: Some(DiffKind::Label),
        labels: Vec::new(),
    });
    assert_eq!(s.review_walk_counts(), vec![(1, 1)]);
    assert_eq!(s.step_disagreement(true), Some(2));
    assert_eq!(s.doc(), 1);
    // Both at once: ORG and a missing item, which no document has.
    s.set_review_filter(ReviewFilter {
        kind: Some(DiffKind::Missing),
        labels: vec!["ORG".into()],
    });
    assert!(s.review_walk_counts().is_empty());
    // The labels an item was given, both annotators'.
    let r = s.review().unwrap();
    let item = &r.items(1)[0];
    let labels: Vec<String> = r.labels_of(1, item).into_iter().collect();
    assert_eq!(labels, vec!["LOC".to_string(), "ORG".to_string()]);
    assert!(!r.shows(1, item));
    // A confusion cell as a filter: LOC against ORG lets exactly that item through.
    s.set_review_filter(ReviewFilter::for_cell(Some("LOC"), Some("ORG")));
    assert_eq!(s.review_walk_counts(), vec![(1, 1)]);
    s.set_review_filter(ReviewFilter::for_cell(Some("ORG"), Some("PER")));
    assert!(s.review_walk_counts().is_empty());
    // PER against nothing: the name only alice tagged (decided above, so none is open).
    s.set_review_filter(ReviewFilter::for_cell(Some("PER"), None));
    assert_eq!(s.review().unwrap().filter().kind, Some(DiffKind::Missing));
    assert!(s.review_walk_counts().is_empty());
    // Nothing of it here or open anywhere: F8 does nothing.
    assert_eq!(s.step_disagreement(true), None);
    assert_eq!(s.doc(), 1);
    // Finishing still asks for every item of the document, whatever the filter.
    s.set_review_filter(ReviewFilter::default());
    assert!(matches!(
        s.finish_review_doc(),
        Err(SessionError::OpenItemsLeft(1))
    ));
}

#[test]
fn one_annotators_version_of_every_open_item_is_taken_in_one_step() {
    use biaozhu::session::review::ReviewFilter;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    assert!(matches!(
        s.accept_version_for_open(2),
        Err(SessionError::NoSuchVersion(3))
    ));
    // With the filter on label disagreements, only 北京大学 takes alice's ORG.
    s.set_review_filter(ReviewFilter {
        kind: Some(DiffKind::Label),
        labels: Vec::new(),
    });
    assert_eq!(s.accept_version_for_open(0).unwrap(), 1);
    assert_eq!(s.review_worklist(), vec![(0, 2)]);
    // Without it, bob's version of the two left: 李四 (bob has nothing: alice's rejected)
    // and 在上海.
    s.set_review_filter(ReviewFilter::default());
    assert_eq!(s.accept_version_for_open(1).unwrap(), 2);
    assert!(s.review_worklist().is_empty());
    assert_eq!(
        s.review_decisions(),
        vec![
            Decision::Open,
            Decision::Accepted(0),
            Decision::Accepted(1),
            Decision::Accepted(1)
        ]
    );
    // One undo takes the two back, and only them.
    assert!(s.undo().unwrap());
    assert_eq!(s.review_worklist(), vec![(0, 2)]);
    assert_eq!(s.review_decisions()[1], Decision::Accepted(0));
}

#[test]
fn the_agreements_of_every_document_are_taken_in_one_step() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    let mut s = curated_session(&pdir);
    assert!(matches!(
        s.accept_agreements_everywhere(),
        Err(SessionError::NoReviewItem)
    ));
    s.start_review(&[]).unwrap();
    // 张三 in the first document and 李四 in the third; the second has only its
    // disagreement.
    assert_eq!(s.accept_agreements_everywhere().unwrap(), (2, 2));
    assert_eq!(
        s.accept_agreements_everywhere().unwrap(),
        (0, 0),
        "already in"
    );
    let accepted = |s: &Session| -> Vec<usize> {
        s.project()
            .documents
            .iter()
            .map(|d| d.layer.accepted().count())
            .collect()
    };
    assert_eq!(accepted(&s), vec![1, 0, 1]);
    let status = |s: &Session, d: usize| s.project().documents[d].layer.status;
    assert_eq!(status(&s, 0), biaozhu::model::DocStatus::InProgress);
    assert_eq!(status(&s, 1), biaozhu::model::DocStatus::New);
    // The disagreements are all still open.
    assert_eq!(s.review_worklist(), vec![(1, 1), (2, 1)]);
    // One undo takes back all of it.
    assert!(s.undo().unwrap());
    assert_eq!(accepted(&s), vec![0, 0, 0]);
    assert_eq!(status(&s, 2), biaozhu::model::DocStatus::New);
}

#[test]
fn the_review_command_reports_each_document_and_takes_the_agreements_into_the_curated_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    // A reviewer rejected the agreement of the first document in the window: it must stay
    // rejected when the command takes the agreements.
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    s.select_review_item(0);
    s.reject_review_item().unwrap();
    s.save().unwrap();
    drop(s);
    let json = |args: &[&str]| {
        let mut all = vec!["review".as_ref(), pdir.as_os_str()];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        all.push("--json".as_ref());
        let r = support::bz(all);
        assert_eq!(r.code, 0, "{}", r.all());
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()
    };
    let before = json(&[]);
    assert_eq!(before["annotators"], serde_json::json!(["alice", "bob"]));
    assert!(before["accepted"].is_null());
    let docs = before["documents"].as_array().unwrap();
    // 张三 rejected; 北京 LOC against ORG open; 李四 agreed, 王五 alice's alone.
    assert_eq!(docs[0]["decided"], 1);
    assert_eq!(docs[0]["agreements_open"], 0);
    assert_eq!(docs[1]["open_by_kind"], serde_json::json!({"label": 1}));
    assert_eq!(docs[2]["agreements_open"], 1);
    assert_eq!(docs[2]["open_by_kind"], serde_json::json!({"missing": 1}));
    assert_eq!(before["total"]["open"], 2);
    assert_eq!(before["total"]["documents_open"], 2);
    // Reading did not write the curated layer of documents nobody decided in.
    assert!(
        !pdir
            .join("annotations")
            .join(docs[2]["id"].as_str().unwrap())
            .join("curated.ron")
            .exists()
    );

    let after = json(&["--accept-agreements"]);
    assert_eq!(
        after["accepted"],
        serde_json::json!({"items": 1, "documents": 1})
    );
    assert_eq!(after["total"]["agreements_open"], 0);
    assert_eq!(
        after["total"]["open"], 2,
        "disagreements stay for the reviewer"
    );
    let p = store::load(&pdir, CURATED, &mut |_, _| true).unwrap();
    let accepted = |d: usize| -> Vec<(u32, u32, String)> {
        p.documents[d]
            .layer
            .spans()
            .iter()
            .filter(|s| s.status == SpanStatus::Accepted)
            .map(|s| (s.range.start, s.range.end, s.label.clone()))
            .collect()
    };
    assert!(accepted(0).is_empty(), "the rejected agreement stays out");
    assert!(accepted(1).is_empty());
    assert_eq!(accepted(2), vec![(0, 2, "PER".to_string())]);
    assert_eq!(
        p.documents[2].layer.status,
        biaozhu::model::DocStatus::InProgress
    );

    // --items lists what is open, with every annotator's version.
    let listed = json(&["--items"]);
    let docs = listed["documents"].as_array().unwrap();
    assert_eq!(docs[0]["open_items"], serde_json::json!([]));
    assert_eq!(
        docs[1]["open_items"],
        serde_json::json!([{
            "start": 2, "end": 4, "text": "北京", "kind": "label", "event": false,
            "versions": {
                "alice": [{"label": "LOC", "start": 2, "end": 4, "text": "北京"}],
                "bob": [{"label": "ORG", "start": 2, "end": 4, "text": "北京"}],
            },
        }])
    );
    assert_eq!(docs[2]["open_items"][0]["text"], "王五");
    assert_eq!(
        docs[2]["open_items"][0]["versions"]["bob"],
        serde_json::json!([])
    );
    let r = support::bz(["review".as_ref(), pdir.as_os_str(), "--items".as_ref()]);
    assert!(
        r.stdout.contains(
            "    [2,4) 北京 · Label differs\n      alice: LOC 北京 [2,4)\n      bob: ORG 北京 [2,4)"
        ),
        "{}",
        r.stdout
    );

    // --kind and --label list only the open items the window's filter would walk; the
    // counts above them stay whole.
    let label_only = json(&["--items", "--kind", "label"]);
    let docs = label_only["documents"].as_array().unwrap();
    assert_eq!(docs[1]["open_items"][0]["text"], "北京");
    assert_eq!(docs[2]["open_items"], serde_json::json!([]));
    assert_eq!(docs[2]["open_by_kind"], serde_json::json!({"missing": 1}));
    assert_eq!(
        label_only["filter"],
        serde_json::json!({"kind": "label", "labels": [], "open_items_listed": 1})
    );
    let per = json(&["--items", "--label", "PER"]);
    let docs = per["documents"].as_array().unwrap();
    assert_eq!(docs[1]["open_items"], serde_json::json!([]));
    assert_eq!(docs[2]["open_items"][0]["text"], "王五");
    let r = support::bz([
        "review".as_ref(),
        pdir.as_os_str(),
        "--items".as_ref(),
        "--label".as_ref(),
        "LOC,ORG".as_ref(),
    ]);
    assert!(r.stdout.contains("[2,4) 北京"), "{}", r.stdout);
    assert!(!r.stdout.contains("王五"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("listed 1 open item, filtered by --label LOC,ORG"),
        "{}",
        r.stdout
    );
    // A kind or label that does not exist is named, with those that do; a filter without
    // --items is refused.
    for (args, said) in [
        (
            ["--items", "--kind", "labels"],
            "no kind of open item \"labels\"; the kinds are label, boundary",
        ),
        (
            ["--items", "--label", "PERSON"],
            "no label or event type \"PERSON\" in the schema; it has ",
        ),
    ] {
        let mut all: Vec<&std::ffi::OsStr> = vec!["review".as_ref(), pdir.as_os_str()];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        let r = support::bz(all);
        assert_eq!(r.code, 2, "{}", r.all());
        assert!(r.stderr.contains(said), "{}", r.stderr);
    }
    let r = support::bz([
        "review".as_ref(),
        pdir.as_os_str(),
        "--kind".as_ref(),
        "label".as_ref(),
    ]);
    assert_ne!(r.code, 0, "{}", r.all());
    assert!(r.stderr.contains("--items"), "{}", r.stderr);

    // The text report, in Chinese, names the kinds; an unknown annotator is an error that
    // names the ones there are.
    let r = support::bz(["--lang", "zh", "review", pdir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("审阅"), "{}", r.stdout);
    assert!(r.stdout.contains("未决 1（标签不同 1）"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("合计：有未决项的文档 2 / 3 · 未决 2 · 一致未采纳 0"),
        "{}",
        r.stdout
    );
    let r = support::bz([
        "review".as_ref(),
        pdir.as_os_str(),
        "--annotators".as_ref(),
        "alice,zed".as_ref(),
    ]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr
            .contains("no layer of annotator \"zed\"; the annotators are alice, bob"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_majority_version_is_taken_where_most_annotators_agree_and_the_rest_stays_open() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two::three_annotators(tmp.path());
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 3);
    let (items, docs) = s.accept_majority_everywhere().unwrap();
    assert_eq!(
        (items, docs),
        (2, 1),
        "北京 (two of three) and 李四 (two said nothing)"
    );
    let accepted = |s: &Session| -> Vec<(u32, u32, String)> {
        s.project().documents[0]
            .layer
            .spans()
            .iter()
            .filter(|x| x.status == SpanStatus::Accepted)
            .map(|x| (x.range.start, x.range.end, x.label.clone()))
            .collect()
    };
    assert_eq!(accepted(&s), vec![(3, 5, "LOC".to_string())]);
    let t = s.review_tally(0).unwrap();
    assert_eq!(t.open(), 1, "上海: LOC, ORG, nothing: no majority");
    assert_eq!(
        t.agreements_open, 1,
        "张三 is an agreement, left to Ctrl+Shift+A"
    );
    // 李四 takes the version of bob, one of the two who tagged nothing there: alice's span
    // is rejected.
    assert_eq!(
        s.review_decisions(),
        [
            Decision::Open,
            Decision::Accepted(0),
            Decision::Accepted(1),
            Decision::Open
        ]
    );
    let li = s.project().documents[0]
        .layer
        .spans()
        .iter()
        .find(|x| x.range.start == 8)
        .map(|x| x.status);
    assert_eq!(li, Some(SpanStatus::Rejected));
    // One undo step takes it all back.
    assert!(s.undo().unwrap());
    assert!(accepted(&s).is_empty());
    assert_eq!(s.review_tally(0).unwrap().open(), 3);
    // The same from the command line.
    drop(s);
    let r = support::bz([
        "review".as_ref(),
        pdir.as_os_str(),
        "--accept-majority".as_ref(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["majority"],
        serde_json::json!({"items": 2, "documents": 1})
    );
    assert_eq!(v["total"]["open"], 1);
    let p = store::load(&pdir, CURATED, &mut |_, _| true).unwrap();
    assert!(
        p.documents[0]
            .layer
            .spans()
            .iter()
            .any(|x| x.range.start == 3 && x.label == "LOC" && x.status == SpanStatus::Accepted)
    );
    // With two annotators a disagreement has no majority.
    let two = tempfile::tempdir().unwrap();
    let pdir = three_documents(two.path());
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    assert_eq!(s.accept_majority_everywhere().unwrap(), (0, 0));
}

/// An event item whose versions differ in one argument names that argument and who gave it
/// (the versions themselves read alike but for it); arguments both gave are not named.
#[test]
fn an_event_items_differing_arguments_are_named_with_who_gave_them() {
    use biaozhu::model::{CharRange, Event, EventId, Layer, Span, SpanId, SpanKind};
    use biaozhu::session::review::argument_differences;
    let tmp = tempfile::tempdir().unwrap();
    // 张三在北京大学读书，李四在上海工作了三年。 工作 (17-19) a 就业 event: both give 李四
    // (10-12) as its 雇员; bob alone gives 上海 (13-15) as its 地点.
    let pdir = two::text_project(tmp.path(), "张三在北京大学读书，李四在上海工作了三年。");
    for (who, with_place) in [("alice", false), ("bob", true)] {
        let (mut st, mut p) = Store::open(&pdir, who, &mut |_, _| true).unwrap();
        let mut spans = vec![
            Span::new(SpanId(1), CharRange::new(17, 19), SpanKind::Trigger, "就业"),
            Span::new(SpanId(2), CharRange::new(10, 12), SpanKind::Entity, "PER"),
        ];
        let mut args = vec![("雇员".to_string(), SpanId(2))];
        if with_place {
            spans.push(Span::new(
                SpanId(3),
                CharRange::new(13, 15),
                SpanKind::Entity,
                "LOC",
            ));
            args.push(("地点".to_string(), SpanId(3)));
        }
        let event = Event {
            id: EventId(1),
            event_type: "就业".into(),
            trigger: SpanId(1),
            args,
            unsure: false,
            note: None,
        };
        let d = &mut p.documents[0];
        d.layer = Layer::from_parts(spans, vec![event], d.layer.status, 4, 2);
        st.write_layer(d, who).unwrap();
    }
    let mut s = curated_session(&pdir);
    s.start_review(&["alice".into(), "bob".into()]).unwrap();
    let r = s.review().unwrap();
    let item = r
        .items(0)
        .iter()
        .find(|i| i.is_event)
        .expect("an event item")
        .clone();
    assert_eq!(item.kind, DiffKind::EventArgs);
    let layers: Vec<(Option<&Layer>, &str)> =
        vec![(r.source(0, 0), "alice"), (r.source(0, 1), "bob")];
    let differ = argument_differences(biaozhu::i18n::Lang::Zh, &s, 0, &layers, &item);
    assert_eq!(differ, [("地点=上海".to_string(), vec!["bob".to_string()])]);
    // The text marks the item with its trigger and type, once for both versions.
    assert_eq!(
        r.version_marks(0, &item),
        [biaozhu::session::review::VersionMark {
            range: CharRange::new(17, 19),
            label: "就业".into(),
            event: true,
        }]
    );
    // A span item has none.
    let span_item = r.items(0).iter().find(|i| !i.is_event).unwrap();
    assert!(argument_differences(biaozhu::i18n::Lang::Zh, &s, 0, &layers, span_item).is_empty());
}

/// 审阅 → 全项目：无未决项的文档标为审阅完毕: every document with nothing left to decide takes
/// its agreements and is marked reviewed, in one undo step; those with open items are left
/// and counted, and stay so until they are decided; the statuses reach the files.
#[test]
fn every_document_with_nothing_left_open_is_finished_in_one_step() {
    use biaozhu::model::DocStatus;
    use biaozhu::session::review::FinishedEverywhere;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    let mut s = curated_session(&pdir);
    assert!(matches!(
        s.finish_review_everywhere(),
        Err(SessionError::NoReviewItem)
    ));
    s.start_review(&[]).unwrap();
    let status = |s: &Session, d: usize| s.project().documents[d].layer.status;
    // The first is alike (张三); the second has a label disagreement, the third a name
    // only alice tagged.
    assert_eq!(
        s.finish_review_everywhere().unwrap(),
        FinishedEverywhere {
            documents: 1,
            agreements: 1,
            left_open: 2,
        }
    );
    assert_eq!(status(&s, 0), DocStatus::Reviewed);
    assert_eq!(s.project().documents[0].layer.accepted().count(), 1);
    assert_eq!(status(&s, 1), DocStatus::New);
    // Nothing more until something is decided; a reviewed document is not counted again.
    assert_eq!(
        s.finish_review_everywhere().unwrap(),
        FinishedEverywhere {
            documents: 0,
            agreements: 0,
            left_open: 2,
        }
    );
    // The second document's disagreement decided (alice's LOC): it finishes, its
    // agreement-less layer marked reviewed; the third is still open.
    s.open_doc(1);
    s.step_disagreement(true).expect("an open item");
    s.accept_version(0).unwrap();
    assert_eq!(
        s.finish_review_everywhere().unwrap(),
        FinishedEverywhere {
            documents: 1,
            agreements: 0,
            left_open: 1,
        }
    );
    assert_eq!(status(&s, 1), DocStatus::Reviewed);
    // One undo takes back the last run only.
    assert!(s.undo().unwrap());
    assert_eq!(status(&s, 1), DocStatus::InProgress);
    assert_eq!(status(&s, 0), DocStatus::Reviewed);
    assert!(s.redo().unwrap());
    s.save().unwrap();
    drop(s);
    let p = store::load(&pdir, CURATED, &mut |_, _| true).unwrap();
    let on_disk: Vec<DocStatus> = p.documents.iter().map(|d| d.layer.status).collect();
    assert_eq!(
        on_disk,
        [DocStatus::Reviewed, DocStatus::Reviewed, DocStatus::New]
    );
    // Review started again counts what is still to decide (王五), not what was decided
    // before (the window says 待决项共 1, not 2).
    let mut s = curated_session(&pdir);
    assert_eq!(s.start_review(&[]).unwrap(), 1);
}

/// `biaozhu review DIR --finish` marks reviewed the documents with nothing left to decide
/// (the first: its agreement taken) and counts those still open, in JSON and in words; the
/// curated layer on disk says so.
#[test]
fn the_review_command_finishes_the_documents_with_nothing_left_to_decide() {
    use biaozhu::model::DocStatus;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = three_documents(tmp.path());
    let run = |args: &[&str]| {
        let mut all = vec!["review".as_ref(), pdir.as_os_str()];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        let r = support::bz(all);
        assert_eq!(r.code, 0, "{}", r.all());
        r
    };
    let before: serde_json::Value = serde_json::from_str(&run(&["--json"]).stdout).unwrap();
    assert!(before["finished"].is_null());
    let after: serde_json::Value =
        serde_json::from_str(&run(&["--finish", "--json"]).stdout).unwrap();
    assert_eq!(
        after["finished"],
        serde_json::json!({"documents": 1, "agreements": 1, "documents_still_open": 2})
    );
    assert_eq!(after["documents"][0]["status"], "reviewed");
    // Each document's review status beside its curated layer's status.
    let review: Vec<&str> = after["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["review_status"].as_str())
        .collect();
    assert_eq!(review, ["reviewed", "unreviewed", "unreviewed"]);
    let p = store::load(&pdir, CURATED, &mut |_, _| true).unwrap();
    let on_disk: Vec<DocStatus> = p.documents.iter().map(|d| d.layer.status).collect();
    assert_eq!(
        on_disk,
        [DocStatus::Reviewed, DocStatus::New, DocStatus::New]
    );
    assert_eq!(p.documents[0].layer.accepted().count(), 1);
    // Again, in words: nothing more to finish.
    let r = run(&["--finish", "--lang", "en"]);
    assert!(
        r.stdout.contains(
            "marked 0 documents reviewed (taking 0 agreements) in the curated layer, saved; still with open items: 2 documents"
        ),
        "{}",
        r.all()
    );
    // The listing names where each review stands in review's own words (未审阅, not the
    // status of a layer that was never opened, 未开始).
    let r = run(&["--lang", "zh"]);
    let line = |id: &str| {
        r.stdout
            .lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_else(|| panic!("no {id} in {}", r.stdout))
            .to_string()
    };
    assert!(line("d2").contains("未审阅"), "{}", r.stdout);
}

/// Review mode decides again, after an edit, only the items where it changed the curated
/// layer. Through 400 steps of every kind (decisions, hand tags and deletions, events taken
/// apart, an argument's span made a char shorter or longer, undo, redo, a document's
/// agreements at once) on a document with spans
/// and events the two annotators gave differently, the decisions and the open count always
/// equal those decided afresh.
#[test]
fn the_decisions_counted_after_each_edit_equal_those_decided_afresh() {
    use biaozhu::model::{CharRange, Event, EventId, Layer, Span, SpanId, SpanKind};
    let tmp = tempfile::tempdir().unwrap();
    let sentence = "张三在北京大学读书，李四在上海工作了三年。";
    let text: String = sentence.repeat(30);
    let pdir = two::text_project(tmp.path(), &text);
    let n = sentence.chars().count() as u32;
    // A small deterministic generator, so that a failure replays.
    let mut seed = 7u64;
    let mut next = move |m: u32| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % u64::from(m)) as u32
    };
    for who in ["alice", "bob"] {
        let (mut st, mut p) = Store::open(&pdir, who, &mut |_, _| true).unwrap();
        let (mut spans, mut events) = (Vec::new(), Vec::new());
        let mut id = 1;
        for k in 0..30u32 {
            let at = k * n;
            let per = if next(3) == 0 { "ORG" } else { "PER" };
            spans.push(Span::new(
                SpanId(id),
                CharRange::new(at, at + 2),
                SpanKind::Entity,
                per,
            ));
            let end = if next(2) == 0 { 7 } else { 6 };
            spans.push(Span::new(
                SpanId(id + 1),
                CharRange::new(at + 3, at + end),
                SpanKind::Entity,
                "ORG",
            ));
            spans.push(Span::new(
                SpanId(id + 2),
                CharRange::new(at + 17, at + 19),
                SpanKind::Trigger,
                "就业",
            ));
            spans.push(Span::new(
                SpanId(id + 3),
                CharRange::new(at + 10, at + 12),
                SpanKind::Entity,
                "PER",
            ));
            let mut args = vec![("雇员".to_string(), SpanId(id + 3))];
            if next(2) == 0 {
                spans.push(Span::new(
                    SpanId(id + 4),
                    CharRange::new(at + 13, at + 15),
                    SpanKind::Entity,
                    "LOC",
                ));
                args.push(("地点".to_string(), SpanId(id + 4)));
            }
            events.push(Event {
                id: EventId(k + 1),
                event_type: "就业".into(),
                trigger: SpanId(id + 2),
                args,
                unsure: false,
                note: None,
            });
            id += 5;
        }
        let d = &mut p.documents[0];
        d.layer = Layer::from_parts(spans, events, d.layer.status, id, 31);
        st.write_layer(d, who).unwrap();
    }
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    let check = |s: &Session, step: usize, what: &str| {
        let afresh = s.review_decisions_afresh();
        assert_eq!(s.review_decisions(), afresh, "step {step}: {what}");
        let open = s.review_open_items(0).len();
        assert_eq!(s.review_open(0), Some(open), "step {step}: {what}");
    };
    check(&s, 0, "start");
    for step in 1..=400 {
        let what = match next(11) {
            0 | 1 => {
                s.step_disagreement(true);
                let _ = s.accept_version(next(2) as usize);
                "accept a version"
            }
            2 => {
                s.step_disagreement(next(2) == 0);
                let _ = s.reject_review_item();
                "reject"
            }
            3 => {
                let _ = s.undo();
                "undo"
            }
            4 => {
                let _ = s.redo();
                "redo"
            }
            5 => {
                let a = next(30 * n - 3);
                s.set_selection(Selection {
                    anchor: a,
                    head: a + 1 + next(3),
                });
                let _ = s.tag(["PER", "LOC", "ORG"][next(3) as usize]);
                "tag by hand"
            }
            6 => {
                let a = next(30 * n - 3);
                s.set_selection(Selection {
                    anchor: a,
                    head: a + 2,
                });
                let _ = s.delete_selected();
                "delete by hand"
            }
            7 => {
                let ids: Vec<EventId> = s.project().documents[0]
                    .layer
                    .events
                    .iter()
                    .map(|e| e.id)
                    .collect();
                if !ids.is_empty() {
                    let _ = s.delete_event(ids[next(ids.len() as u32) as usize]);
                }
                "delete an event"
            }
            8 => {
                let _ = s.accept_agreements();
                "the document's agreements"
            }
            9 => {
                // An argument's span a char shorter or longer: its event's key changes, at
                // the trigger's item, away from the span.
                let layer = &s.project().documents[0].layer;
                let args: Vec<SpanId> = layer
                    .events
                    .iter()
                    .flat_map(|e| e.args.iter().map(|(_, a)| *a))
                    .collect();
                if !args.is_empty() {
                    let id = args[next(args.len() as u32) as usize];
                    if let Some(mut span) = layer.span(id).cloned() {
                        span.range = if span.range.len() > 1 {
                            CharRange::new(span.range.start, span.range.end - 1)
                        } else {
                            CharRange::new(span.range.start, span.range.end + 1)
                        };
                        let _ = s.apply(biaozhu::edit::Edit::UpdateSpan { doc: 0, span });
                    }
                }
                "an argument's range"
            }
            _ => {
                s.step_disagreement(true);
                let _ = s.accept_version_for_open(next(2) as usize);
                "one annotator's version of every open item"
            }
        };
        check(&s, step, what);
    }
}

/// What the text marks each open item with: every version's span with its label, once each,
/// in the annotators' order (北京大学 ORG of alice, LOC of bob), so the labels are read where
/// they stand; an event item gives its trigger and type.
#[test]
fn each_versions_span_and_label_is_what_the_text_marks_an_item_with() {
    use biaozhu::model::CharRange;
    use biaozhu::session::review::VersionMark;
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    let r = s.review().unwrap();
    let mark = |a: u32, b: u32, label: &str| VersionMark {
        range: CharRange::new(a, b),
        label: label.to_string(),
        event: false,
    };
    let marks: Vec<(DiffKind, Vec<VersionMark>)> = r
        .items(0)
        .iter()
        .map(|it| (it.kind, r.version_marks(0, it)))
        .collect();
    assert_eq!(
        marks,
        vec![
            // 张三: both gave the same span, named once.
            (DiffKind::Agree, vec![mark(0, 2, "PER")]),
            (DiffKind::Label, vec![mark(3, 7, "ORG"), mark(3, 7, "LOC")]),
            (DiffKind::Missing, vec![mark(10, 12, "PER")]),
            (
                DiffKind::Boundary,
                vec![mark(13, 15, "LOC"), mark(12, 15, "LOC")]
            ),
        ]
    );
}

/// A label key on the item F8 selected decides it (a version's label, or one of the
/// reviewer's own) and goes on to the next open item, as Ctrl+1 does; on chars that are not
/// the selected item it tags them and stays. Undo takes the span out and the item is open
/// again.
#[test]
fn a_label_key_on_the_selected_item_decides_it_and_goes_on_to_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = reviewing_two(tmp.path());
    // 北京大学 [3,7): alice ORG, bob LOC. LOC is bob's version.
    assert_eq!(s.step_disagreement(true), Some(3));
    s.tag_key("LOC").unwrap();
    assert_eq!(s.review_decisions()[1], Decision::Accepted(1));
    assert_eq!(starts_at(&s), Some(10), "on to 李四, the next open item");
    // 李四 [10,12): alice alone, PER. ORG is nobody's version: the reviewer's own.
    s.tag_key("ORG").unwrap();
    assert_eq!(s.review_decisions()[2], Decision::Edited);
    assert_eq!(starts_at(&s), Some(12), "on to 在上海 / 上海");
    // Undo: 李四 is open again, and the selection is back on it.
    assert!(s.undo().unwrap());
    assert_eq!(s.review_decisions()[2], Decision::Open);
    assert_eq!(starts_at(&s), Some(10));
    // A selection that is not the item (李 alone) is tagged and the cursor stays.
    s.set_selection(Selection {
        anchor: 10,
        head: 11,
    });
    s.tag_key("PER").unwrap();
    assert_eq!(s.review_cursor(), Some(2));
    assert_eq!(
        starts_at(&s),
        None,
        "the new span is selected, not another item"
    );
    assert!(s.selected_span().is_some());
}

/// Undo after a decision puts the selection back on the item it decided, and the item a
/// decision key then decides is that one, not the next one the decision had moved on to.
/// Redo moves on again.
#[test]
fn after_undo_a_decision_key_decides_the_item_the_selection_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = reviewing_two(tmp.path());
    assert_eq!(s.step_disagreement(true), Some(3));
    s.accept_version(0).unwrap();
    assert_eq!((starts_at(&s), s.review_cursor()), (Some(10), Some(2)));
    assert!(s.undo().unwrap());
    assert_eq!((starts_at(&s), s.review_cursor()), (Some(3), Some(1)));
    // bob's LOC this time, on 北京大学 (item 1): 李四 (item 2) stays open.
    s.accept_version(1).unwrap();
    let d = s.review_decisions();
    assert_eq!((d[1], d[2]), (Decision::Accepted(1), Decision::Open));
    assert_eq!((starts_at(&s), s.review_cursor()), (Some(10), Some(2)));
    assert!(s.undo().unwrap());
    assert!(s.redo().unwrap());
    assert_eq!((starts_at(&s), s.review_cursor()), (Some(10), Some(2)));
}

/// alice's and bob's project ([`two_annotators`]) in review, as carol.
fn reviewing_two(dir: &Path) -> Session {
    let mut s = curated_session(&two_annotators(dir));
    s.start_review(&[]).unwrap();
    s
}

/// Where the selection starts.
fn starts_at(s: &Session) -> Option<u32> {
    s.selection().map(|x| x.range().start)
}

/// In review, a layer file that appears after the review began (another annotator's first
/// work, pulled) counts as changed since read, as a change to a compared layer does; the
/// reviewer's own saves of the curated layer do not.
#[test]
fn in_review_a_layer_pulled_for_a_new_annotator_counts_as_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = reviewing_two(tmp.path());
    let pdir = s.store().dir().to_path_buf();
    assert_eq!(s.review().map(|r| r.annotators().len()), Some(2));
    assert!(s.store().changed_since_read().is_empty());
    // The reviewer's own work, saved: the curated file is new, and it is theirs.
    s.set_selection(Selection { anchor: 0, head: 2 });
    s.tag("PER").unwrap();
    s.save().unwrap();
    assert!(s.store().changed_since_read().is_empty());
    // The pull: dave's layer of the document.
    let id = s.project().documents[0].meta.id.clone();
    let folder = pdir.join("annotations").join(&id);
    let dave = folder.join("dave.ron");
    std::fs::copy(folder.join("alice.ron"), &dave).unwrap();
    assert_eq!(s.store().changed_since_read(), [dave]);
    // A review begun now compares him, and knows his file.
    drop(s);
    let mut s = curated_session(&pdir);
    s.start_review(&[]).unwrap();
    assert_eq!(s.review().map(|r| r.annotators().len()), Some(3));
    assert!(s.store().changed_since_read().is_empty());
}

/// The window looks for changed files on a thread, from a watch taken when it came back to
/// the front. If it saves while the thread looks (an autosave), the stale watch finds the
/// window's own write: `still_changed` drops it, and keeps what someone else changed.
#[test]
fn a_save_while_the_watch_looks_is_not_taken_for_someone_elses_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = reviewing_two(tmp.path());
    let pdir = s.store().dir().to_path_buf();
    let id = s.project().documents[0].meta.id.clone();
    let folder = pdir.join("annotations").join(&id);
    // A first save, so the curated file is there when the watch is taken.
    s.set_selection(Selection { anchor: 0, head: 2 });
    s.tag("PER").unwrap();
    s.save().unwrap();
    let watch = s.store().watch();
    // Meanwhile: the window saves again (a longer file), and a pull changes bob's layer.
    s.set_selection(Selection { anchor: 3, head: 7 });
    s.tag("ORG").unwrap();
    s.save().unwrap();
    let bob = folder.join("bob.ron");
    let pulled = std::fs::read_to_string(&bob).unwrap() + "\n";
    std::fs::write(&bob, pulled).unwrap();
    let curated = folder.join("curated.ron");
    let found = watch.changed();
    assert_eq!(found, [bob.clone(), curated], "the stale watch sees both");
    assert_eq!(s.store().still_changed(found), [bob]);
}

/// The window reads a review on its opening thread ([`read_review`]) and starts it in the
/// frame ([`Session::begin_review`]): the same review as `start_review`. The layers are
/// noted before they are read, so a colleague's change that lands after the reading (or
/// during it) is found; a review read of other documents than the session has is refused.
///
/// [`read_review`]: biaozhu::session::review::read_review
#[test]
fn a_review_read_on_another_thread_starts_as_one_read_in_place_and_misses_no_change() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let mut in_place = curated_session(&pdir);
    let open_in_place = in_place.start_review(&[]).unwrap();
    let decisions_in_place = in_place.review_decisions();
    drop(in_place);

    let mut s = curated_session(&pdir);
    let (dir, project) = (pdir.clone(), s.project().clone());
    let read = std::thread::spawn(move || {
        biaozhu::session::review::read_review(&dir, &project, &[], &mut |_, _| true)
    })
    .join()
    .unwrap()
    .unwrap();
    assert_eq!(read.annotators(), ["alice", "bob"]);
    // bob's layer changes after it was read, before the review starts.
    let id = s.project().documents[0].meta.id.clone();
    let bob = pdir.join("annotations").join(&id).join("bob.ron");
    let text = std::fs::read_to_string(&bob).unwrap();
    std::fs::write(&bob, format!("{text}\n")).unwrap();
    assert_eq!(s.begin_review(read).unwrap(), open_in_place);
    assert_eq!(s.review_decisions(), decisions_in_place);
    assert_eq!(s.store().changed_since_read(), [bob]);

    // The decisions come with the reading; a curated layer changed after it (北京大学
    // tagged ORG, alice's version) is decided again as the review starts.
    drop(s);
    let mut s = curated_session(&pdir);
    let (dir, project) = (pdir.clone(), s.project().clone());
    let read =
        biaozhu::session::review::read_review(&dir, &project, &[], &mut |_, _| true).unwrap();
    s.set_selection(Selection { anchor: 3, head: 7 });
    s.tag("ORG").unwrap();
    assert_eq!(s.begin_review(read).unwrap(), open_in_place - 1);
    assert_eq!(s.review_decisions(), s.review_decisions_afresh());
    assert_ne!(s.review_decisions(), decisions_in_place);

    // Read for a project of other documents (one was added since): refused, no review.
    let tmp = tempfile::tempdir().unwrap();
    let mut s = curated_session(&three_documents(tmp.path()));
    let mut other = s.project().clone();
    other.documents.pop();
    let dir = s.store().dir().to_path_buf();
    let read = biaozhu::session::review::read_review(&dir, &other, &[], &mut |_, _| true);
    match read.map(|r| s.begin_review(r)) {
        Ok(Err(SessionError::ReviewOutOfDate)) => {}
        Ok(Err(e)) => panic!("{e}"),
        Ok(Ok(n)) => panic!("started with {n} open"),
        Err(e) => panic!("not read: {e}"),
    }
    assert!(s.review().is_none());
    // Cancelled while reading: an error, nothing started.
    let read = biaozhu::session::review::read_review(&dir, s.project(), &[], &mut |_, _| false);
    assert!(read.is_err());
    assert!(s.review().is_none());
}

/// An export of the curated layer with many documents nobody reviewed names the first ten
/// of them and where the rest are listed, not every id on one line (10,000 documents left
/// hundreds of ids on the screen).
#[test]
fn an_export_names_the_first_ten_documents_nobody_reviewed() {
    let tmp = tempfile::tempdir().unwrap();
    let pdir = two_annotators(tmp.path());
    let files: Vec<std::path::PathBuf> = (0..12)
        .map(|k| {
            let f = tmp.path().join(format!("more{k:02}.txt"));
            std::fs::write(&f, format!("第{k}篇：王五在广州。")).unwrap();
            f
        })
        .collect();
    let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref(), pdir.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["--annotator", "alice"].map(std::ffi::OsStr::new));
    let r = support::bz(args);
    assert_eq!(r.code, 0, "{}", r.all());
    // The first document reviewed, the twelve others not.
    drop(one_decision_saved(&pdir));
    let r = support::bz([
        "export".as_ref(),
        pdir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--layer".as_ref(),
        "curated".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("no curated layer yet"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(line.contains("12 of 13 documents"), "{line}");
    let list = line
        .split_once("left out: ")
        .and_then(|(_, rest)| rest.split_once(" ("))
        .map(|(list, _)| list)
        .unwrap_or_else(|| panic!("{line}"));
    let ids: Vec<&str> = list.split(", ").collect();
    assert_eq!(ids.len(), 11, "ten and …: {list}");
    assert_eq!(ids[10], "…");
    assert!(
        line.contains(&format!("biaozhu review {} lists each", pdir.display())),
        "{line}"
    );
}
