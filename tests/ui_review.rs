//! Review in the window, from the keyboard: enter review mode from the menu, walk the three
//! disagreements with F8, accept one version of each kind with Ctrl+1/Ctrl+2, undo and redo
//! an accept, accept the agreements with Ctrl+Shift+A, save; the curated layer on disk is
//! exactly what was chosen. (Ctrl+R, reject, is in tests/review.rs and the menu.)

use std::path::Path;

use biaozhu::app::BiaozhuApp;
use biaozhu::i18n::Lang;
use biaozhu::model::{CURATED, SpanStatus};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

#[path = "support/three_documents.rs"]
mod three;
#[path = "support/two_annotators.rs"]
mod two;
#[path = "support/window.rs"]
mod window;

fn harness(dir: &Path, lang: Lang) -> Harness<'static, BiaozhuApp> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(20)
        .build_eframe(move |cc| BiaozhuApp::for_test(cc, &dir, lang));
    h.input_mut().max_texture_side = Some(8192);
    h.run_steps(3);
    h
}

/// Step until review mode is on (the curated layer opens on a thread).
fn wait_for_review(h: &mut Harness<'_, BiaozhuApp>) {
    for _ in 0..300 {
        h.run_steps(1);
        if h.state().session().is_some_and(|w| w.review().is_some()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("review mode did not start");
}

/// The window comes back to the front: wait until it has looked for files changed on disk
/// (on another thread) and taken the answer in.
fn back_to_front(h: &mut Harness<'_, BiaozhuApp>) {
    h.input_mut().focused = true;
    h.run_steps(1);
    assert!(
        window::step_until(h, 300, |a| !a.watching_files()),
        "the look for changed files did not end"
    );
    h.run_steps(2);
}

/// 审阅 → 审阅模式 from the menu, then wait until review mode is on.
fn enter_review(h: &mut Harness<'_, BiaozhuApp>) {
    h.get_by_label("审阅").click();
    h.run_steps(2);
    h.get_by_label("审阅模式（对比各标注人）").click();
    wait_for_review(h);
}

/// 文件 → 导出语料…
fn open_export(h: &mut Harness<'_, BiaozhuApp>) {
    h.get_all_by_label("文件").next().expect("the menu").click();
    h.run_steps(2);
    h.get_by_label("导出语料…").click();
    h.run_steps(3);
}

/// Clicks 导出 in the export dialog and steps until the export has finished.
fn export_and_wait(h: &mut Harness<'_, BiaozhuApp>) {
    h.get_by_label("导出").click();
    for _ in 0..200 {
        h.run_steps(1);
        if !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
}

/// Clicks the 审阅 menu (the review panel's title says 审阅 too), then its item `item`.
fn review_menu(h: &mut Harness<'_, BiaozhuApp>, item: &str) {
    h.get_all_by_label("审阅").next().expect("the menu").click();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(2);
}

fn curated(dir: &Path) -> Vec<(u32, u32, String, SpanStatus)> {
    let p = biaozhu::store::load(dir, CURATED, &mut |_, _| true).unwrap();
    p.documents[0]
        .layer
        .spans()
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.clone(), s.status))
        .collect()
}

/// The accepted spans of the first document, as the window holds them.
fn accepted_now(h: &Harness<'_, BiaozhuApp>) -> Vec<(u32, u32, String)> {
    let ws = h.state().session().unwrap();
    ws.project().documents[0]
        .layer
        .accepted()
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect()
}

fn accepted(v: &[(u32, u32, String, SpanStatus)]) -> Vec<(u32, u32, &str)> {
    v.iter()
        .filter(|s| s.3 == SpanStatus::Accepted)
        .map(|s| (s.0, s.1, s.2.as_str()))
        .collect()
}

#[test]
fn a_reviewer_resolves_three_disagreements_from_the_keyboard() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    {
        let ws = h.state().session().unwrap();
        assert_eq!(ws.project().annotator, CURATED);
        assert_eq!(ws.review().unwrap().annotators(), ["alice", "bob"]);
    }
    // The panel lists the disagreements with their kinds.
    h.get_by_label_contains("标签不同");
    h.get_by_label_contains("有人未标");
    h.get_by_label_contains("边界不同");
    // Label: bob's LOC (Ctrl+2).
    h.key_press(Key::F8);
    h.run_steps(1);
    h.get_by_label_contains("采纳 alice");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(1);
    // A decision goes on to the next open item, as A and R do for suggestions.
    // Missing: alice's PER (Ctrl+1).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(1);
    // Boundary: bob's 在上海 (Ctrl+2); undo takes that accept back, redo puts it in again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(1);
    let has = |h: &Harness<'_, BiaozhuApp>, start: u32, status: SpanStatus| {
        let ws = h.state().session().unwrap();
        ws.project().documents[0]
            .layer
            .spans()
            .iter()
            .any(|s| s.range.start == start && s.range.end == 15 && s.status == status)
    };
    assert!(has(&h, 12, SpanStatus::Accepted) && has(&h, 13, SpanStatus::Rejected));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert!(!has(&h, 12, SpanStatus::Accepted) && !has(&h, 13, SpanStatus::Rejected));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(1);
    // Every agreement at once, then undo it: only it goes.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(1);
    assert_eq!(accepted_now(&h).len(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(
        accepted_now(&h),
        vec![
            (3, 7, "LOC".to_string()),
            (10, 12, "PER".to_string()),
            (12, 15, "LOC".to_string())
        ]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let on_disk = curated(&dir);
    assert_eq!(
        accepted(&on_disk),
        vec![
            (0, 2, "PER"),
            (3, 7, "LOC"),
            (10, 12, "PER"),
            (12, 15, "LOC")
        ]
    );
    let rejected: Vec<_> = on_disk
        .iter()
        .filter(|s| s.3 == SpanStatus::Rejected)
        .map(|s| (s.0, s.1, s.2.as_str()))
        .collect();
    assert_eq!(rejected, vec![(3, 7, "ORG"), (13, 15, "LOC")]);
    // The decisions read in the list, and the change list names the reviewer's edits.
    assert_eq!(h.query_all_by_label_contains("已采纳 bob").count(), 2);
    assert_eq!(h.query_all_by_label_contains("已采纳 alice").count(), 1);
    let ws = h.state().session().unwrap();
    assert!(
        ws.changes()
            .iter()
            .any(|c| c.layer == CURATED && c.who == "main")
    );
}

#[test]
fn review_reads_in_english_and_leaves_back_to_the_own_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::En);
    h.get_by_label("Review").click();
    h.run_steps(2);
    h.get_by_label("Review mode (compare annotators)").click();
    wait_for_review(&mut h);
    h.get_by_label_contains("Label differs");
    h.get_by_label("Leave review mode").click();
    for _ in 0..300 {
        h.run_steps(1);
        if h.state()
            .session()
            .is_some_and(|w| w.review().is_none() && w.project().annotator == "main")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let ws = h.state().session().unwrap();
    assert!(ws.review().is_none());
    assert_eq!(ws.project().annotator, "main");
}

/// `biaozhu DIR --review` on a first start asks the reviewer's name; answered, the window
/// stays in review mode under that name (it used to open the reviewer's own, empty layer).
#[test]
fn the_first_start_with_review_asks_the_name_and_stays_in_review() {
    use biaozhu::i18n::{Msg, tr};
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let config = biaozhu::store::config::UserConfig {
        lang: Some("en".into()),
        ..Default::default()
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(20)
        .build_eframe(move |cc| BiaozhuApp::for_test_start(cc, config, dir, None, true));
    h.input_mut().max_texture_side = Some(8192);
    wait_for_review(&mut h);
    assert!(
        matches!(
            h.state().dialog(),
            Some(biaozhu::ui::dialogs::Dialog::Annotator { .. })
        ),
        "a first start asks for a name"
    );
    h.get_by_label(tr(Lang::En, Msg::AnnotatorName)).focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("carol".into()));
    h.run_steps(2);
    h.get_by_label(tr(Lang::En, Msg::Ok)).click();
    // The project opens again, on a thread, for the new name.
    for _ in 0..300 {
        h.run_steps(1);
        if h.state().session().is_some() && !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
    assert_eq!(h.state().config().annotator.as_deref(), Some("carol"));
    let ws = h.state().session().expect("open");
    assert!(ws.review().is_some(), "still in review mode");
    assert_eq!(ws.project().annotator, CURATED);
}

#[test]
fn a_reviewer_corrects_an_annotators_layer_in_place_and_the_change_is_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::En);
    h.get_by_label("Review").click();
    h.run_steps(2);
    h.get_by_label("Correct an annotator's layer").hover();
    h.run_steps(2);
    h.get_by_label("alice").click();
    for _ in 0..300 {
        h.run_steps(1);
        if h.state()
            .session()
            .is_some_and(|w| w.project().annotator == "alice")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().session().unwrap().project().annotator, "alice");
    // 工作 [15,17) tagged ORG by the reviewer ("main" in tests), then saved.
    h.state_mut().select_chars(15..17);
    h.run_steps(1);
    h.key_press(Key::Num2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let alice = biaozhu::store::load(&dir, "alice", &mut |_, _| true).unwrap();
    assert!(
        alice.documents[0]
            .layer
            .spans()
            .iter()
            .any(|s| s.range.start == 15 && s.label == "ORG")
    );
    let ws = h.state().session().unwrap();
    let c = ws.changes().last().expect("recorded");
    assert_eq!((c.who.as_str(), c.layer.as_str()), ("main", "alice"));
    assert_eq!(c.what, "ORG 工作 [15,17)");
    h.get_by_label_contains("Changes (1)");
}

#[test]
fn the_statistics_view_counts_every_annotator_and_the_days_of_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    std::fs::create_dir_all(dir.join("log")).unwrap();
    std::fs::write(
        dir.join("log/alice.jsonl"),
        r#"{"at":"2026-11-29T09:00:00Z","who":"alice","doc":"d","layer":"alice","action":"add","what":"PER"}
not json
"#,
    )
    .unwrap();
    let mut h = harness(&dir, Lang::Zh);
    window::open_statistics(&mut h, "视图", "统计…");
    h.run_steps(2);
    let s = h.state().stats().expect("statistics counted");
    assert_eq!(s.per_annotator["alice"].spans_per_label["PER"], 2);
    assert_eq!(s.per_annotator["bob"].spans_per_label["LOC"], 2);
    assert_eq!(s.progress["2026-11-29"]["alice"].edits, 1);
    h.get_by_label("项目统计");
    // The line that did not read is counted and can be looked at.
    h.get_by_label("活动记录中无法读取而跳过的行 (1)");
    h.get_by_label("各标注人的文档状态");
    h.get_by_label("审阅状态: 未审阅 1 · 审阅中 0 · 已审阅 0");
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.state().stats().is_none());
}

/// The export dialog offers every layer of the project. Opened by main, who has tagged
/// nothing, it warns that main's export would hold the texts alone; alice's layer, chosen
/// in the list, is exported from her saved files (the preview and the command line follow),
/// and the curated layer, chosen, exports finished reviews by default.
#[test]
fn the_export_dialog_exports_another_layer_chosen_in_its_list() {
    use biaozhu::model::DocStatus;
    use biaozhu::ui::dialogs::Dialog;
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    {
        let (st, p) = biaozhu::store::Store::open(&dir, CURATED, &mut |_, _| true).unwrap();
        let mut s = biaozhu::session::Session::new(st, p);
        s.start_review(&[]).unwrap();
        s.accept_agreements().unwrap();
        s.save().unwrap();
    }
    let mut h = harness(&dir, Lang::Zh);
    open_export(&mut h);
    h.get_by_label_contains("打开的标注层 main 还没有任何标注");
    let out = tmp.path().join("alice.conll");
    let Some(Dialog::Export { path, format, .. }) = h.state_mut().dialog_mut() else {
        panic!("the export dialog is open");
    };
    *path = out.display().to_string();
    *format = "conll";
    h.run_steps(2);
    assert_eq!(
        h.get_by_label("导出的标注层").value().as_deref(),
        Some("main（当前打开，已完成 0/1 篇）")
    );
    h.get_by_label("导出的标注层").click();
    h.run_steps(2);
    h.get_by_label("alice（已完成 0/1 篇）").click();
    h.run_steps(3);
    let layer = |h: &Harness<'_, BiaozhuApp>| match h.state().dialog() {
        Some(Dialog::Export { form, .. }) => (form.layer.clone(), form.status),
        _ => panic!("no export dialog"),
    };
    assert_eq!(layer(&h), (Some("alice".to_string()), None));
    assert!(
        h.query_all_by_label_contains("打开的标注层 main 还没有任何标注")
            .next()
            .is_none()
    );
    h.get_by_label("alice 不是打开的标注层：导出其已保存的文件");
    h.get_by_label_contains("--layer alice");
    // The preview is alice's: 张三 is PER there.
    h.get_by_label_contains("张\tB-PER");
    export_and_wait(&mut h);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("张\tB-PER\n三\tI-PER\n"), "{written}");
    // The notice says whose annotations went.
    h.get_by_label_contains("（alice 标注层，1 篇文档，4 个标注）");
    assert!(written.contains("李\tB-PER"), "alice's own 李四: {written}");
    // Opened again, the dialog holds alice; the curated layer, chosen, exports finished
    // reviews unless told otherwise.
    open_export(&mut h);
    assert_eq!(layer(&h), (Some("alice".to_string()), None));
    h.get_by_label("导出的标注层").click();
    h.run_steps(2);
    h.get_by_label("curated（审定层，已审完 0/1 篇）").click();
    h.run_steps(3);
    assert_eq!(
        layer(&h),
        (Some(CURATED.to_string()), Some(DocStatus::Done))
    );
    // Its one document is still in review: with finished reviews only, the export would
    // be empty, and the dialog says so until 全部 is chosen.
    let empty = "curated 还没有已完成或已审阅的文档";
    h.get_by_label_contains(empty);
    h.get_by_label("全部").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains(empty).is_none());
}

#[test]
fn escape_outside_the_find_box_clears_the_selection_and_then_closes_the_bar() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::En);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    assert!(h.query_all_by_label("Find what").next().is_some(), "open");
    // Tab leaves the box (this layer has no span to select); with chars selected, the
    // first Escape clears them and the second closes the bar.
    h.key_press(Key::Tab);
    h.run_steps(2);
    h.state_mut().select_chars(0..2);
    h.run_steps(1);
    assert!(h.state().session().unwrap().selection().is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().session().unwrap().selection().is_none());
    assert!(
        h.query_all_by_label("Find what").next().is_some(),
        "still open"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_all_by_label("Find what").next().is_none(), "closed");
}

/// A project only alice annotated: review mode shows her spans as items to confirm; the
/// reviewer rejects one with Ctrl+R and confirms the rest with Ctrl+Shift+A.
#[test]
fn one_annotators_work_is_confirmed_from_the_keyboard() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    for d in std::fs::read_dir(dir.join("annotations")).unwrap() {
        let bob = d.unwrap().path().join("bob.ron");
        if bob.exists() {
            std::fs::remove_file(bob).unwrap();
        }
    }
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    assert_eq!(
        h.state().session().unwrap().review().unwrap().annotators(),
        ["alice"]
    );
    // Each row says what alice tagged.
    assert_eq!(h.query_all_by_label_contains("待确认 PER").count(), 2);
    h.get_by_label_contains("待确认 ORG 「北京大学」");
    h.get_by_label_contains("待确认 LOC 「上海」");
    h.get_by_label("采纳全部待确认项");
    // 北京大学 ORG (the second item) is wrong: reject it; confirm the rest at once.
    h.key_press(Key::F8);
    h.key_press(Key::F8);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let on_disk = curated(&dir);
    assert_eq!(
        accepted(&on_disk),
        vec![(0, 2, "PER"), (10, 12, "PER"), (13, 15, "LOC")]
    );
    assert!(
        on_disk
            .iter()
            .any(|s| (s.0, s.1, s.2.as_str(), s.3) == (3, 7, "ORG", SpanStatus::Rejected))
    );
}

/// Review mode asked for before anyone has annotated: refused with the reason, and the
/// window goes back to the user's own layer instead of staying on an empty curated one.
#[test]
fn review_before_anyone_annotated_says_why_and_stays_on_the_own_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::text_project(tmp.path(), "张三在北京大学读书。");
    let mut h = harness(&dir, Lang::En);
    h.get_by_label("Review").click();
    h.run_steps(2);
    h.get_by_label("Review mode (compare annotators)").click();
    // Curated opens, review is refused, and the own layer opens again (the curated
    // session lives for one frame).
    for _ in 0..600 {
        h.run_steps(1);
        let on = h.state().session().map(|w| w.project().annotator.clone());
        let refused = matches!(
            h.state().dialog(),
            Some(biaozhu::ui::dialogs::Dialog::Error(_))
        );
        if refused && on.as_deref() == Some("main") && !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
    let ws = h.state().session().unwrap();
    assert_eq!(ws.project().annotator, "main");
    assert!(ws.review().is_none());
    let Some(biaozhu::ui::dialogs::Dialog::Error(m)) = h.state().dialog() else {
        panic!("the refusal is shown: {:?}", h.state().dialog());
    };
    assert!(m.contains("nobody") || m.contains("no annotator"), "{m}");
}

#[test]
fn a_reviewer_walks_the_whole_project_with_f8_and_finishes_each_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    let doc = |h: &Harness<'_, BiaozhuApp>| h.state().session().unwrap().doc();
    assert_eq!(doc(&h), 0);
    h.get_by_label("全项目 · 有未决项的文档 2 · 未决 2");
    // The document list says which documents have something open.
    assert_eq!(
        h.query_all_by_label_contains("未审阅 · 7 · 未决 1").count(),
        1
    );
    assert_eq!(
        h.query_all_by_label_contains("未审阅 · 10 · 未决 1")
            .count(),
        1
    );
    assert_eq!(
        h.query_all_by_label_contains("未审阅 · 6 · 未决").count(),
        0
    );
    // The first document has nothing open: F8 goes on to the second, and says so.
    h.key_press(Key::F8);
    h.run_steps(2);
    assert_eq!(doc(&h), 1);
    h.get_by_label_contains("转到下一篇有未决项的文档");
    // Finishing is refused while its disagreement is open.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(2);
    // The refusal names the kinds left, which F8 walks.
    h.get_by_label_contains("本篇还有 1 项未决（按 F8 转到下一处） · 标签不同 1");
    assert_eq!(doc(&h), 1);
    // bob's ORG, then finish: marked reviewed, and the third document opens.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(2);
    h.get_by_label("全项目 · 有未决项的文档 1 · 未决 1");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(2);
    assert_eq!(doc(&h), 2);
    h.get_by_label_contains("已标为已审阅");
    // alice's 王五; then the button finishes it (its agreement taken on the way) and the
    // first document, not reviewed yet, opens.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    h.get_by_label("全项目的分歧都已决定");
    h.get_by_label("本篇审阅完毕，下一篇").click();
    h.run_steps(2);
    assert_eq!(doc(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run_steps(2);
    h.get_by_label_contains("要审阅的文档都已审阅");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let layered = biaozhu::store::load_layered(&dir, &mut |_, _| true).unwrap();
    let statuses: Vec<_> = layered
        .docs
        .iter()
        .map(|d| biaozhu::review::ReviewStatus::of(d.layer(CURATED)))
        .collect();
    assert_eq!(statuses, vec![biaozhu::review::ReviewStatus::Reviewed; 3]);
    let p = biaozhu::store::load(&dir, CURATED, &mut |_, _| true).unwrap();
    let n: Vec<usize> = p
        .documents
        .iter()
        .map(|d| d.layer.accepted().count())
        .collect();
    assert_eq!(n, vec![1, 1, 2]);
}

#[test]
fn a_reviewer_walks_only_the_items_of_one_label_across_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "只看标签")
        .click();
    h.run_steps(2);
    h.get_by_label("PER").click();
    h.run_steps(2);
    // Only the third document has an open PER item; F8 skips the second's LOC/ORG.
    h.get_by_label("筛选出的未决项 0 · 全项目 1");
    h.key_press(Key::F8);
    h.run_steps(2);
    assert_eq!(h.state().session().unwrap().doc(), 2);
    h.get_by_label("筛选出的未决项 1 · 全项目 1");
    h.get_by_label_contains("有人未标 「王五」");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    h.get_by_label("筛选出的未决项 0 · 全项目 0");
    // Back to all: the second document's label disagreement is still open.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "只看标签")
        .click();
    h.run_steps(2);
    h.get_by_label("全部").click();
    h.run_steps(2);
    h.get_by_label("全项目 · 有未决项的文档 1 · 未决 1");
    h.key_press(Key::F8);
    h.run_steps(2);
    assert_eq!(h.state().session().unwrap().doc(), 1);
}

#[test]
fn one_click_takes_an_annotators_version_of_every_open_item() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    h.get_by_label("本篇未决项都采纳：");
    h.get_by_label("bob").click();
    h.run_steps(2);
    h.get_by_label("已采纳 bob: 3");
    h.get_by_label("全项目的分歧都已决定");
    // The buttons go once nothing is open.
    assert!(h.query_by_label("本篇未决项都采纳：").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(
        accepted(&curated(&dir)),
        vec![(3, 7, "LOC"), (12, 15, "LOC")]
    );
}

#[test]
fn the_review_menu_takes_the_agreements_of_every_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    review_menu(&mut h, "全项目采纳一致项");
    h.get_by_label_contains("采纳的一致项 2 · 文档 2");
    let ws = h.state().session().unwrap();
    let accepted: Vec<usize> = ws
        .project()
        .documents
        .iter()
        .map(|d| d.layer.accepted().count())
        .collect();
    assert_eq!(accepted, vec![1, 0, 1]);
}

/// 审阅 → 全项目：分歧都已决定的文档标为审阅完毕 marks the one document with nothing open
/// reviewed (its agreement taken) and counts the two still open; one Ctrl+Z takes it back.
#[test]
fn the_review_menu_finishes_every_document_with_nothing_left_to_decide() {
    use biaozhu::model::DocStatus;
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    review_menu(&mut h, "全项目：分歧都已决定的文档标为审阅完毕");
    h.get_by_label_contains("标为审阅完毕的文档 1 · 采纳的一致项 1 · 仍有未决项的文档 2");
    let statuses = |h: &Harness<'_, BiaozhuApp>| -> Vec<DocStatus> {
        let ws = h.state().session().unwrap();
        ws.project()
            .documents
            .iter()
            .map(|d| d.layer.status)
            .collect()
    };
    assert_eq!(
        statuses(&h),
        [DocStatus::Reviewed, DocStatus::New, DocStatus::New]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(statuses(&h), [DocStatus::New; 3]);
}

#[test]
fn the_review_menu_takes_the_majority_version_where_three_annotators_have_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::three_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    // F8 selects 北京: alice's and bob's LOC are the majority, carol's ORG is not.
    h.key_press(Key::F8);
    h.run_steps(2);
    assert_eq!(h.get_all_by_label("（多数）").count(), 2);
    // 上海 (LOC, ORG, nothing) has none.
    h.key_press(Key::F8);
    h.run_steps(2);
    h.key_press(Key::F8);
    h.run_steps(2);
    let ws = h.state().session().unwrap();
    assert_eq!(
        ws.selection().map(|s| s.range()),
        Some(biaozhu::model::CharRange::new(12, 14))
    );
    assert_eq!(h.query_all_by_label("（多数）").count(), 0);
    review_menu(&mut h, "全项目采纳多数人的版本");
    // 北京 (LOC by two of three) and 李四 (tagged by one of three) are decided; 上海 stays.
    h.get_by_label_contains("采纳的多数版本 2 · 文档 1");
    let ws = h.state().session().unwrap();
    assert_eq!(ws.review_open(0), Some(1));
    let taken: Vec<(u32, u32, String)> = ws.project().documents[0]
        .layer
        .accepted()
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect();
    assert_eq!(taken, vec![(3, 5, "LOC".to_string())]);
    // Each decided item names everyone whose version it took, not only the first of them:
    // 北京 alice's and bob's LOC; 李四 bob's and carol's nothing, which reads as alice's
    // PER rejected, siding with them (not 已采纳 for a span turned down).
    h.run_steps(2);
    h.get_by_label_contains("已采纳 alice、bob");
    h.get_by_label_contains("已拒绝（同 bob、carol）");
    assert!(h.query_by_label_contains("已采纳 bob、carol").is_none());
}

/// 建议 → 训练模型 with nothing finished in the open layer, while alice finished hers: the
/// notice says to mark documents done and names alice's layer and the menu that opens it
/// (two annotators done and an empty `main` is the usual case of a project under review).
#[test]
fn training_with_nothing_finished_names_the_layers_that_have_finished_documents() {
    use biaozhu::edit::Edit;
    use biaozhu::model::DocStatus;
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let (st, p) = biaozhu::store::Store::open(&dir, "alice", &mut |_, _| true).unwrap();
    let mut s = biaozhu::session::Session::new(st, p);
    s.apply(Edit::SetStatus {
        doc: 0,
        status: DocStatus::Done,
    })
    .unwrap();
    s.save().unwrap();
    // The session holds the project's lock until it goes.
    drop(s);
    let mut h = harness(&dir, Lang::En);
    h.get_by_label("Suggestions").click();
    h.run_steps(2);
    h.get_by_label("Train model (from documents marked done)")
        .click();
    h.run_steps(3);
    h.get_by_label_contains(
        "other layers have documents marked done: alice 1 (File → Annotator… switches to one; train there)",
    );
    assert!(!dir.join("models/entities.crf").exists());
    // In review the model learns from the curated layer: the notice says how documents
    // join it.
    h.get_by_label("Review").click();
    h.run_steps(2);
    h.get_by_label("Review mode (compare annotators)").click();
    wait_for_review(&mut h);
    h.get_by_label("Suggestions").click();
    h.run_steps(2);
    h.get_by_label("Train model (from documents marked done)")
        .click();
    h.run_steps(3);
    h.get_by_label_contains(
        "the curated layer, where no document is reviewed yet: Finish document (Ctrl+Shift+D)",
    );
    h.get_by_label_contains("documents marked done: alice 1");
}

/// The export dialog opened on the curated layer starts on the finished reviews (已完成及已审阅),
/// as `biaozhu export` does: a half-reviewed document would teach that its undecided places
/// hold nothing. 全部 still takes every document.
#[test]
fn the_export_dialog_on_the_curated_layer_starts_on_the_finished_reviews() {
    use biaozhu::model::DocStatus;
    use biaozhu::ui::dialogs::Dialog;
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    // The document list says each review's status once (the curated layer's own status is
    // the same thing): 未审阅, not 未开始 · 未审阅.
    assert!(h.query_by_label_contains("未开始 · 未审阅").is_none());
    assert_eq!(h.query_all_by_label_contains(" · 未审阅 · ").count(), 3);
    open_export(&mut h);
    let status = |h: &Harness<'_, BiaozhuApp>| match h.state().dialog() {
        Some(Dialog::Export { form, .. }) => form.status,
        _ => panic!("no export dialog"),
    };
    assert_eq!(status(&h), Some(DocStatus::Done));
    h.get_by_label("全部").click();
    h.run_steps(2);
    assert_eq!(status(&h), None);
}

/// Exporting the curated layer from the window leaves out the documents nobody has reviewed,
/// as `biaozhu export` does, even with 全部: their empty layer would read as "nothing to tag
/// here". The notes after the export say which. A document with a decision not yet saved is
/// exported.
#[test]
fn the_window_exports_no_curated_document_nobody_reviewed() {
    use biaozhu::ui::dialogs::Dialog;
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    // The first document's agreement (张三 PER) accepted; the others untouched.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(2);
    open_export(&mut h);
    h.get_by_label("全部").click();
    h.run_steps(2);
    let out = tmp.path().join("curated.json");
    let Some(Dialog::Export { path, format, .. }) = h.state_mut().dialog_mut() else {
        panic!("the export dialog is open");
    };
    *path = out.display().to_string();
    *format = "json";
    h.run_steps(2);
    export_and_wait(&mut h);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("张三在读书"), "{written}");
    assert!(
        !written.contains("他在北京工作") && !written.contains("李四和王五"),
        "{written}"
    );
    let Some(Dialog::Info(text)) = h.state().dialog() else {
        panic!("the export's notes are shown");
    };
    assert!(
        text.contains("3 篇文档中有 2 篇还没有审定层（没有人审阅过），未导出"),
        "{text}"
    );
}

/// The export dialog, splitting into a folder that holds an earlier split's manifest.json,
/// offers to keep that split: ticked, the documents it placed stay in their part (two in
/// test, where a fresh 8:1:1 split of three puts one), and the command line says
/// --split-from.
#[test]
fn the_export_dialog_keeps_the_split_already_in_its_folder() {
    use biaozhu::ui::dialogs::Dialog;
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let ids: Vec<String> = {
        let (_st, p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
        p.documents.iter().map(|d| d.meta.id.clone()).collect()
    };
    let out = tmp.path().join("sets");
    std::fs::create_dir_all(&out).unwrap();
    let manifest = serde_json::json!({
        "parts": [
            {"name": "train", "documents": []},
            {"name": "dev", "documents": []},
            {"name": "test", "documents": [ids[0], ids[1]]},
        ]
    });
    std::fs::write(out.join("manifest.json"), manifest.to_string()).unwrap();
    let mut h = harness(&dir, Lang::Zh);
    open_export(&mut h);
    let Some(Dialog::Export { path, form, .. }) = h.state_mut().dialog_mut() else {
        panic!("the export dialog is open");
    };
    *path = out.display().to_string();
    form.split = "8:1:1".into();
    h.run_steps(4);
    let keep = biaozhu::i18n::tr(Lang::Zh, biaozhu::i18n::Msg::KeepEarlierSplit);
    h.get_by_label(keep).click();
    h.run_steps(2);
    h.get_by_label_contains("--split-from");
    export_and_wait(&mut h);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let part_of = |id: &str| -> String {
        m["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d.as_str() == Some(id))
            })
            .and_then(|p| p["name"].as_str())
            .unwrap_or("none")
            .to_string()
    };
    // A fresh 8:1:1 split of three documents puts one in test; kept, two stay there.
    assert_eq!(part_of(&ids[0]), "test", "{m}");
    assert_eq!(part_of(&ids[1]), "test", "{m}");
    assert_eq!(part_of(&ids[2]), "train", "{m}");
}

/// A reviewer takes a document out of the project from the document list's row menu: the
/// dialog names it and how many layers go with it; 取消 keeps it, 移除 moves its files to
/// removed/ and the project opens again without it, still in review; 文件 → 放回移除的文档…
/// puts it back at its place.
#[test]
fn a_document_is_taken_out_from_the_document_list_and_put_back_from_the_file_menu() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = three::three_documents(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    let ids = |h: &Harness<'_, BiaozhuApp>| -> Vec<String> {
        h.state()
            .session()
            .unwrap()
            .project()
            .documents
            .iter()
            .map(|d| d.meta.id.clone())
            .collect()
    };
    let before = ids(&h);
    assert_eq!(before.len(), 3);
    let ask = |h: &mut Harness<'_, BiaozhuApp>| {
        // The second row: 7 chars, one open item.
        h.get_by_label_contains("未审阅 · 7 · 未决 1")
            .click_secondary();
        h.run_steps(2);
        h.get_by_label("从项目中移除…").click();
        // The dialog's window sizes itself over a few frames before its text is there.
        h.run_steps(6);
    };
    ask(&mut h);
    // alice's and bob's: the curated layer has no file yet.
    assert!(
        h.query_by_label_contains("（2 个标注层）").is_some(),
        "the dialog says what goes with it: {:?}",
        h.state().dialog()
    );
    h.get_by_label("取消").click();
    h.run_steps(2);
    assert_eq!(ids(&h), before, "取消 keeps it");
    assert!(!dir.join("removed").exists());

    ask(&mut h);
    h.get_by_label("移除").click();
    wait_for_review(&mut h);
    assert_eq!(ids(&h), [before[0].clone(), before[2].clone()]);
    let folders: Vec<_> = std::fs::read_dir(dir.join("removed"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(folders.len(), 1);
    for who in ["alice", "bob"] {
        assert!(
            folders[0]
                .join(format!("annotations/{}/{who}.ron", before[1]))
                .is_file()
        );
    }
    assert!(
        !dir.join("documents")
            .join(format!("{}.txt", before[1]))
            .exists()
    );

    // 文件 → 放回移除的文档… lists the removal with its document; 放回 puts it back.
    h.get_all_by_label("文件").next().expect("the menu").click();
    h.run_steps(2);
    h.get_by_label("放回移除的文档…").click();
    h.run_steps(6);
    assert!(
        h.query_by_label_contains(&format!("{}  他在北京工作。", before[1]))
            .is_some(),
        "by its id and the opening of its text"
    );
    h.get_by_label("放回").click();
    h.run_steps(2);
    wait_for_review(&mut h);
    assert_eq!(ids(&h), before, "back at its place");
    assert!(!dir.join("removed").exists());
    assert!(
        dir.join("annotations")
            .join(&before[1])
            .join("alice.ron")
            .is_file()
    );
}

/// In review, the text names what each open item's versions give where they stand (ORG/LOC
/// over 北京大学), and the pointer over an item not decided yet shows every annotator's
/// version; a decided item shows the curated layer's span instead.
#[test]
fn the_text_names_the_versions_of_each_open_item_and_the_pointer_shows_whose_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    h.run_steps(2);
    // Written over the open items (张三 is an agreement): the labels each version gives,
    // and — where bob tagged nothing.
    let names = |h: &Harness<'_, BiaozhuApp>| h.state().text_view().review_names.clone();
    let name = |a: u32, n: &str| (a, n.to_string());
    assert_eq!(
        names(&h),
        vec![name(3, "ORG/LOC"), name(10, "PER/—"), name(12, "LOC")]
    );
    // The pointer over 北京大学: who gave which.
    window::hover_char(&mut h, 4, "alice：ORG");
    h.get_by_label_contains("bob：LOC");
    // Over 张三, an agreement the text does not name: both versions, alike.
    window::hover_char(&mut h, 1, "alice：PER");
    h.get_by_label_contains("bob：PER 张三");
    // Decided (bob's LOC), it is marked no more.
    h.key_press(Key::F8);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(2);
    assert_eq!(names(&h), vec![name(10, "PER/—"), name(12, "LOC")]);
}

/// A label key on the item F8 selected decides it and the next open item is selected, as
/// Ctrl+1 does: 3 (LOC, bob's version) on 北京大学, then 2 (ORG, nobody's: the reviewer's
/// own) on 李四. Ctrl+Z puts the selection back on 李四, and Ctrl+1 then decides 李四, not
/// the item after it.
#[test]
fn a_label_key_decides_the_selected_item_and_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    let at = |h: &Harness<'_, BiaozhuApp>| {
        let ws = h.state().session().unwrap();
        ws.selection().map(|s| (s.range().start, s.range().end))
    };
    h.key_press(Key::F8);
    h.run_steps(1);
    assert_eq!(at(&h), Some((3, 7)));
    h.key_press(Key::Num3);
    h.run_steps(1);
    assert_eq!(at(&h), Some((10, 12)), "on to 李四");
    h.key_press(Key::Num2);
    h.run_steps(1);
    assert_eq!(at(&h), Some((12, 15)), "on to 在上海");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    assert_eq!(at(&h), Some((10, 12)), "back on 李四");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(1);
    assert_eq!(
        accepted_now(&h),
        vec![(3, 7, "LOC".to_string()), (10, 12, "PER".to_string())]
    );
    assert_eq!(at(&h), Some((12, 15)));
}

/// A colleague's layer changes on disk while the reviewer's window is in the background (a
/// `git pull`): back in front, the window names the file and offers to open the project
/// again, which compares the new version. Saying not now keeps it from asking again for
/// the same files.
#[test]
fn a_layer_pulled_while_the_window_was_away_is_offered_to_be_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let mut h = harness(&dir, Lang::Zh);
    enter_review(&mut h);
    let kind_at_3 = |h: &Harness<'_, BiaozhuApp>| {
        let ws = h.state().session().unwrap();
        let r = ws.review().unwrap();
        r.items(0)
            .iter()
            .find(|i| i.range.start == 3)
            .map(|i| i.kind)
    };
    assert_eq!(
        kind_at_3(&h),
        Some(biaozhu::review::compare::DiffKind::Label)
    );
    let id = h.state().session().unwrap().project().documents[0]
        .meta
        .id
        .clone();
    let alice = dir.join("annotations").join(&id).join("alice.ron");
    // Away: alice's 北京大学 becomes LOC, as bob has it.
    h.input_mut().focused = false;
    h.run_steps(2);
    let pulled = std::fs::read_to_string(&alice)
        .unwrap()
        .replace("label: \"ORG\"", "label: \"LOC\"");
    std::fs::write(&alice, pulled).unwrap();
    // Back: asked; not now; away and back again: not asked for the same file.
    back_to_front(&mut h);
    h.get_by_label("项目的文件在磁盘上有改动");
    h.get_by_label_contains("alice.ron");
    h.get_by_label("暂不").click();
    h.run_steps(2);
    h.input_mut().focused = false;
    h.run_steps(2);
    back_to_front(&mut h);
    assert!(h.query_by_label("项目的文件在磁盘上有改动").is_none());
    // Asked again once another file changes; this time the project opens again.
    let bob = dir.join("annotations").join(&id).join("bob.ron");
    h.input_mut().focused = false;
    h.run_steps(2);
    let b = std::fs::read_to_string(&bob).unwrap() + "\n";
    std::fs::write(&bob, b).unwrap();
    back_to_front(&mut h);
    h.get_by_label("重新打开项目").click();
    h.run_steps(1);
    wait_for_review(&mut h);
    assert_eq!(
        kind_at_3(&h),
        Some(biaozhu::review::compare::DiffKind::Agree)
    );
}

/// The reviewer works on the curated layer without review (`--annotator curated`) and
/// then turns review on: the curated layer's unsaved work is saved, and the layers are
/// read and compared on the open job's thread (a second and a half on 10,000 documents,
/// no longer in one frame), with the opening's progress bar meanwhile.
#[test]
fn review_turned_on_from_the_curated_layer_is_read_on_a_thread_after_a_save() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = two::two_annotators(tmp.path());
    let config = biaozhu::store::config::UserConfig {
        lang: Some("zh".into()),
        ..Default::default()
    };
    let d2 = dir.clone();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(20)
        .build_eframe(move |cc| {
            BiaozhuApp::for_test_start(cc, config, d2, Some(CURATED.into()), false)
        });
    h.input_mut().max_texture_side = Some(8192);
    assert!(window::step_until(&mut h, 300, |a| a.session().is_some()));
    h.run_steps(2);
    let ws = h.state().session().expect("open");
    assert_eq!(ws.project().annotator, CURATED);
    assert!(ws.review().is_none());
    // The reviewer's own tag on the curated layer, not saved yet.
    let ws = h.state_mut().session_mut().expect("open");
    ws.set_selection(biaozhu::session::Selection { anchor: 0, head: 2 });
    ws.tag("PER").unwrap();
    assert!(ws.project().is_dirty());
    h.get_by_label("审阅").click();
    h.run_steps(2);
    h.get_by_label("审阅模式（对比各标注人）").click();
    wait_for_review(&mut h);
    let ws = h.state().session().expect("open");
    assert_eq!(ws.project().annotator, CURATED);
    assert_eq!(ws.review().map(|r| r.annotators().len()), Some(2));
    assert_eq!(accepted(&curated(&dir)), [(0, 2, "PER")], "saved first");
    assert!(
        h.query_by_label_contains("待决项共").is_some(),
        "the count is shown"
    );
}
