//! Benchmark on a generated 1 MB Chinese document with 20,000 spans, a tenth of them in 2,000
//! events: project open time, frame time (median and p95) while scrolling, while scrolling
//! with an event selected (boxes and arcs) and while tagging, save time and peak memory.
//!
//! `cargo bench --bench big_document` prints the figures. Under `cargo test` (no `--bench`
//! argument) it does a 10 KB smoke run so that the code path stays tested; timings are never
//! asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use biaozhu::app::BiaozhuApp;
use biaozhu::i18n::Lang;
use biaozhu::model::{CharRange, Span, SpanKind};
use biaozhu::store::{DEFAULT_ANNOTATOR, Store};
use egui_kittest::Harness;

const SENTENCES: [&str; 8] = [
    "【本报北京10月24日电】今天，由北京市总工会牵头，联合天津市总工会、河北省总工会共同组织的职工职业技能竞赛决赛在北京开幕。",
    "甘肃省总工会出台实施方案，力争全省86个县区工会规范化工作上台阶，推出5~10个省级模范县级工会。",
    "来自63所学校的近800名教师代表和400余名师范生代表参加，活动由中国教科文卫体工会主办。",
    "烟台市总工会党组书记、常务副主席陈海涛介绍，全市累计培育高技能人才突破35万人。",
    "据了解，此次竞赛活动是“京津冀协同发展劳动和技能竞赛”中的一项，旨在提升职工技能素质。",
    "鼓励企业足额提取和使用职工教育经费，力争每年新孵化“种子工匠”2000名，投入资金两亿元。",
    "在湖南师范大学附属中学设立主会场，在山西和顺、山西壶关以及衡阳设立3个线上分会场。",
    "初赛由京津冀三地总工会组织实施，共吸引数万职工参与，决赛将于10月26日落下帷幕。",
];

/// Scroll the text down a mouse wheel step per frame, `frames` times; each frame's time.
fn scroll_down(h: &mut Harness<'_, BiaozhuApp>, frames: usize) -> Vec<Duration> {
    h.hover_at(egui::pos2(600.0, 400.0));
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Unknown,
        });
        let t = Instant::now();
        h.step();
        times.push(t.elapsed());
    }
    times
}

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let med = ms(v[v.len() / 2]);
    let p95 = ms(v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)]);
    (med, p95)
}

/// Write a project with one document of about `bytes` UTF-8 bytes and `spans` spans; every
/// tenth span is the trigger of a 会议 event with an ORG as 主体 and a DATE as 时间.
fn make_project(dir: &Path, bytes: usize, spans: usize) -> (u32, usize, usize) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
        if i % 4 == 0 {
            text.push('\n');
        }
    }
    let src = dir.join("big.txt");
    std::fs::write(&src, &text).expect("write text");
    let proj = dir.join("big");
    let (mut st, mut p) = Store::create(&proj, "big", DEFAULT_ANNOTATOR).expect("create");
    let rep = st.import_files(&mut p, &[src], None, &mut |_, _| true);
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
    let len = p.documents[0].text.len_chars();
    let step = (len as usize / spans.max(1)).max(3) as u32;
    let labels = ["PER", "ORG", "LOC", "QUANTITY", "DATE"];
    let mut made = Vec::with_capacity(spans);
    for k in 0..spans as u32 {
        let start = k * step;
        if start + 2 >= len {
            break;
        }
        let trigger = k % 10 == 1;
        let label = if trigger {
            "会议"
        } else {
            labels[k as usize % labels.len()]
        };
        let kind = if trigger {
            SpanKind::Trigger
        } else if k % 5 >= 3 {
            SpanKind::Figure
        } else {
            SpanKind::Entity
        };
        // Every tenth span nests a second one inside it.
        let end = (start + if k % 10 == 0 { step.min(8) } else { 2 }).min(len);
        made.push(Span::new(
            biaozhu::model::SpanId(k + 1),
            CharRange::new(start, end),
            kind,
            label,
        ));
    }
    let n = made.len();
    let mut evs = Vec::new();
    // Span index k (k % 10 == 1, id k + 1) is a trigger; index k + 5 (an ORG) is its 主体 and
    // index k + 3 (a DATE) its 时间, so that every event is valid.
    let mut events = 0;
    for k in (1..(n as u32).saturating_sub(6)).step_by(10) {
        events += 1;
        evs.push(biaozhu::model::Event {
            unsure: false,
            note: None,
            id: biaozhu::model::EventId(events),
            event_type: "会议".into(),
            trigger: biaozhu::model::SpanId(k + 1),
            args: vec![
                ("主体".into(), biaozhu::model::SpanId(k + 6)),
                ("时间".into(), biaozhu::model::SpanId(k + 4)),
            ],
        });
    }
    // Built in one go (as a load does), not edit by edit: the benchmark measures the window
    // and the store, not how long 200,000 separate insertions take.
    p.documents[0].layer =
        biaozhu::model::Layer::from_parts(made, evs, biaozhu::model::DocStatus::New, 1, 1);
    p.dirty_docs.insert(0);
    st.save(&mut p).expect("save");
    (len, n, events as usize)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    // BIAOZHU_BENCH_PART=1mb|10mb|many runs one part (for a profiler); review, the review
    // part of 1mb alone.
    let part = std::env::var("BIAOZHU_BENCH_PART").unwrap_or_default();
    let run = |name: &str| part.is_empty() || part == name;
    if full {
        if run("1mb") {
            one_document(1_000_000, 20_000, 120, true, "1 MB");
        }
        if part == "review" {
            let tmp = tempfile::tempdir().expect("tempdir");
            make_project(tmp.path(), 1_000_000, 20_000);
            review_of_two(&tmp.path().join("big"), 120);
        }
        if run("10mb") {
            one_document(10_000_000, 200_000, 120, false, "10 MB, ten times");
        }
        if run("many") {
            many_documents(10_000, 3_000, "10,000 documents");
        }
    } else {
        one_document(10_000, 200, 10, true, "smoke");
        many_documents(20, 3_000, "smoke");
    }
}

/// A project of `docs` documents of about `bytes` each, a few spans each, written straight
/// to disk (the generation is not what is measured): open, the window's first frames and
/// scrolling the document list, and a JSON export.
fn many_documents(docs: usize, bytes: usize, what: &str) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let proj = tmp.path().join("many");
    let (mut st, mut p) = Store::create(&proj, "many", DEFAULT_ANNOTATOR).expect("create");
    std::fs::create_dir_all(proj.join("documents")).expect("documents");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
    }
    let t_chars = biaozhu::model::Text::new(text.clone()).len_chars();
    for d in 0..docs {
        let id = format!("d{d:05}");
        std::fs::write(biaozhu::store::text_file(&proj, &id), &text).expect("text");
        let spans: Vec<Span> = (0..5u32)
            .map(|k| k * 40)
            .filter(|start| start + 4 < t_chars)
            .enumerate()
            .map(|(k, start)| {
                Span::new(
                    biaozhu::model::SpanId(k as u32 + 1),
                    CharRange::new(start, start + 4),
                    SpanKind::Entity,
                    "ORG",
                )
            })
            .collect();
        let layer = biaozhu::model::Layer::from_parts(
            spans,
            Vec::new(),
            biaozhu::model::DocStatus::New,
            1,
            1,
        );
        let doc = biaozhu::model::Document {
            meta: biaozhu::model::DocMeta {
                id: id.clone(),
                published: None,
                imported_from: None,
            },
            text: biaozhu::model::Text::new(text.clone()),
            layer,
        };
        let l = biaozhu::store::layer_to_string(&doc).expect("layer");
        let f = biaozhu::store::layer_file(&proj, &id, DEFAULT_ANNOTATOR);
        std::fs::create_dir_all(f.parent().expect("parent")).expect("annotations");
        // Two annotators' layers beside it, for the review's watch below.
        // Bob gives every third document's first body another label: a disagreement.
        let bobs = if d % 3 == 0 {
            l.replacen("label: \"ORG\"", "label: \"LOC\"", 1)
        } else {
            l.clone()
        };
        for (who, layer) in [("alice", &l), ("bob", &bobs)] {
            std::fs::write(biaozhu::store::layer_file(&proj, &id, who), layer).expect("layer");
        }
        std::fs::write(f, l).expect("layer");
        p.documents.push(doc);
    }
    p.project_dirty = true;
    st.save(&mut p).expect("save");
    drop((st, p));
    let gen_time = t.elapsed();

    let t = Instant::now();
    let (store, project) =
        Store::open_read_only(&proj, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("open");
    let open_time = t.elapsed();
    let t = Instant::now();
    let out = tmp.path().join("corpus.json");
    let json = biaozhu::format::by_name("json").expect("json");
    biaozhu::session::exchange::export(
        &project,
        store.dir(),
        json,
        &biaozhu::format::Options::default(),
        &out,
        &mut |_, _| true,
    )
    .expect("export");
    let export_time = t.elapsed();
    drop((store, project));

    // What a review watches when the window comes back to the front: every layer file but
    // the open one's, for a change or a new one (a colleague's pulled work).
    let (mut store, _) =
        Store::open_read_only(&proj, "curated", &mut |_, _| true).expect("open curated");
    let t = Instant::now();
    store.note_layers_present("curated");
    let note_time = t.elapsed();
    let mut watch = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let changed = store.changed_since_read();
        watch.push(t.elapsed());
        assert!(changed.is_empty(), "{changed:?}");
    }
    let (wm, _) = stats(watch);
    drop(store);

    // Review mode on the curated layer: the time until the comparison of every document is
    // in, then F8 and Ctrl+1 through the disagreements (each decided, the next document
    // that has one opened: a document a frame or two).
    let t = Instant::now();
    let (mut h, review_frame) = review_window(&proj);
    let review_start = t.elapsed();
    let mut walk = Vec::new();
    for _ in 0..30 {
        h.key_press(egui::Key::F8);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
        let t = Instant::now();
        h.step();
        walk.push(t.elapsed());
    }
    let at = h.state().session().map_or(0, |w| w.doc());
    let (fm, fp) = stats(walk);
    // 审阅 → 全项目采纳一致项, then 全项目：分歧都已决定的文档标为审阅完毕, then the save: what
    // the menu runs in the frame.
    let ws = h.state_mut().session_mut().expect("session");
    let t = Instant::now();
    let (agreed, agreed_docs) = ws.accept_agreements_everywhere().expect("agreements");
    let agree_time = t.elapsed();
    let t = Instant::now();
    let finished = ws.finish_review_everywhere().expect("finish");
    let finish_time = t.elapsed();
    let dirty = ws.project().dirty_docs.len();
    // The autosave then writes them, a part a frame, once its delay has passed.
    let secs = ws.project().settings.autosave_secs.max(1);
    std::thread::sleep(Duration::from_millis(u64::from(secs) * 1000 + 100));
    let t = Instant::now();
    let mut saving = Vec::new();
    while h.state().session().is_some_and(|w| w.project().is_dirty()) && saving.len() < 10_000 {
        let f = Instant::now();
        h.step();
        saving.push(f.elapsed());
    }
    let save_time = t.elapsed();
    let save_frames = saving.len();
    let save_max = saving.iter().max().copied().unwrap_or_default();
    let (save_median, _) = stats(saving);
    // Ctrl+S, once the finish is undone (its documents dirty again): a part a frame too.
    let ws = h.state_mut().session_mut().expect("session");
    ws.undo().expect("undo");
    let undone = ws.project().dirty_docs.len();
    for pressed in [true, false] {
        h.event(egui::Event::Key {
            key: egui::Key::S,
            pressed,
            modifiers: egui::Modifiers::COMMAND,
            repeat: false,
            physical_key: None,
        });
    }
    let t = Instant::now();
    let mut ctrl_s = Vec::new();
    while h.state().session().is_some_and(|w| w.project().is_dirty()) && ctrl_s.len() < 10_000 {
        let f = Instant::now();
        h.step();
        ctrl_s.push(f.elapsed());
    }
    let ctrl_s_time = t.elapsed();
    let ctrl_s_frames = ctrl_s.len();
    let ctrl_s_max = ctrl_s.iter().max().copied().unwrap_or_default();
    drop(h);

    let t = Instant::now();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(|cc| BiaozhuApp::for_test(cc, &proj, Lang::Zh));
    h.input_mut().max_texture_side = Some(8192);
    h.run_steps(3);
    let first_frames = t.elapsed();
    // Scroll the document list.
    h.hover_at(egui::pos2(100.0, 200.0));
    let mut scroll = Vec::new();
    for _ in 0..60 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Unknown,
        });
        let t = Instant::now();
        h.step();
        scroll.push(t.elapsed());
    }
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    let (sm, sp) = stats(scroll);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("biaozhu big_document: {what}");
    println!(
        "  project: {docs} documents of {bytes} bytes, 5 spans each (generated in {:.0} ms)",
        ms(gen_time)
    );
    println!("  open project (load + index):  {:.1} ms", ms(open_time));
    println!("  window first 3 frames:        {:.1} ms", ms(first_frames));
    println!("  frame scrolling the list:     median {sm:.2} ms, p95 {sp:.2} ms (60 frames)");
    println!("  export as JSON:               {:.1} ms", ms(export_time));
    println!(
        "  review watch, {} layer files: noted in {:.1} ms, checked in {wm:.1} ms (median of 5, on a thread)",
        docs * 3,
        ms(note_time)
    );
    println!(
        "  review mode (alice and bob, every third document differs): {:.0} ms to open and compare, longest frame meanwhile {:.1} ms",
        ms(review_start),
        ms(review_frame)
    );
    println!(
        "  frame deciding with F8, Ctrl+1 into the next document: median {fm:.2} ms, p95 {fp:.2} ms (30 frames, then at document {at})"
    );
    println!(
        "  take every agreement in the project: {:.0} ms ({agreed} in {agreed_docs} documents); finish every document with nothing open: {:.0} ms ({finished:?})",
        ms(agree_time),
        ms(finish_time),
    );
    println!(
        "  autosave of the {dirty} layers: {:.0} ms over {save_frames} frames (median {save_median:.1} ms, longest {:.1} ms)",
        ms(save_time),
        ms(save_max)
    );
    println!(
        "  Ctrl+S of the {undone} layers the finish's undo left dirty: {:.0} ms over {ctrl_s_frames} frames (longest {:.1} ms)",
        ms(ctrl_s_time),
        ms(ctrl_s_max)
    );
    if let Some(kb) = peak_rss_kb() {
        println!(
            "  peak memory so far (VmHWM):   {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}

/// One document of about `bytes` with `spans` spans (a tenth of them in events): open, the
/// window's frames while scrolling, with an event selected and while tagging, save, and
/// (with `throughput`) the Chinese processing rates on its text.
fn one_document(bytes: usize, spans: usize, frames: usize, throughput: bool, what: &str) {
    let full = what != "smoke";
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let (chars, n, events) = make_project(tmp.path(), bytes, spans);
    let gen_time = t.elapsed();
    let proj = tmp.path().join("big");

    let t = Instant::now();
    let (store, project) =
        Store::open_read_only(&proj, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("open");
    let open_time = t.elapsed();
    drop((store, project));

    let t = Instant::now();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(|cc| BiaozhuApp::for_test(cc, &proj, Lang::Zh));
    h.input_mut().max_texture_side = Some(8192);
    h.run_steps(3);
    let first_frames = t.elapsed();

    // Scrolling: a mouse wheel step per frame over the text.
    let scroll = scroll_down(&mut h, frames);

    let (first, blocks) = h.state().text_view().first_visible;

    // Scrolling back with an event selected: its boxes, role names and arcs are drawn when
    // in view, and the event panel shows its role grid.
    let shown = h
        .state()
        .session()
        .and_then(|w| w.project().documents[0].layer.events.get(events / 2))
        .map(|e| e.id);
    if let Some(id) = shown {
        h.state_mut().select_event(id);
    }
    h.run_steps(2);
    let mut scroll_event = Vec::new();
    for k in 0..frames {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, if k % 2 == 0 { 120.0 } else { -120.0 }),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Unknown,
        });
        let t = Instant::now();
        h.step();
        scroll_event.push(t.elapsed());
    }

    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    // Tagging: select a range and press a hotkey, one span per frame.
    let mut tag = Vec::new();
    for k in 0..frames as u32 {
        let start = 1 + k * 7 % (chars - 10);
        h.state_mut().select_chars(start..start + 3);
        h.key_press(egui::Key::Num3);
        let t = Instant::now();
        h.step();
        tag.push(t.elapsed());
    }
    let spans_now = h
        .state()
        .session()
        .map(|w| w.project().documents[0].layer.spans().len())
        .unwrap_or(0);

    let t = Instant::now();
    let saved = h.state_mut().session_mut().map(|w| w.save());
    let save_time = t.elapsed();
    assert!(matches!(saved, Some(Ok(_))), "save failed: {saved:?}");

    let (sm, sp) = stats(scroll);
    let (em, ep) = stats(scroll_event);
    let (tm, tp) = stats(tag);
    let _ = full;
    println!("biaozhu big_document: {what}");
    println!(
        "  document: {} bytes, {chars} chars, {n} spans, {events} events (generated in {:.0} ms)",
        bytes,
        gen_time.as_secs_f64() * 1000.0
    );
    println!(
        "  open project (load + index):  {:.1} ms",
        open_time.as_secs_f64() * 1000.0
    );
    println!(
        "  window first 3 frames:        {:.1} ms",
        first_frames.as_secs_f64() * 1000.0
    );
    println!(
        "  frame while scrolling:        median {sm:.2} ms, p95 {sp:.2} ms ({frames} frames, \
         reached block {first} of {blocks})"
    );
    println!(
        "  frame with an event selected: median {em:.2} ms, p95 {ep:.2} ms ({frames} frames, \
         event panel listing {events} events)"
    );
    println!("  frame while tagging:          median {tm:.2} ms, p95 {tp:.2} ms ({frames} frames)");
    println!(
        "  save ({spans_now} spans):          {:.1} ms",
        save_time.as_secs_f64() * 1000.0
    );
    drop(h);
    review_of_two(&proj, frames);
    if !throughput {
        if let Some(kb) = peak_rss_kb() {
            println!(
                "  peak memory so far (VmHWM):   {:.1} MB",
                kb as f64 / 1024.0
            );
        }
        return;
    }
    if let Some(kb) = peak_rss_kb() {
        println!(
            "  peak memory, window (VmHWM):  {:.1} MB",
            kb as f64 / 1024.0
        );
    }
    // Chinese processing throughput on the same text.
    let loaded = biaozhu::store::load(&proj, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("load");
    let text = loaded.documents[0].text.as_str().to_string();
    let mb = text.len() as f64 / 1_000_000.0;
    let rate = |f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let n = f();
        (mb / t.elapsed().as_secs_f64(), n)
    };
    // Warm up the segmenter and the tagger (a one-time cost of ~0.1 s).
    let segmenter = biaozhu::zh::segment::Segmenter::new();
    let _ = segmenter.word_boundaries("预热");
    let _ = biaozhu::zh::suggest::entities(&segmenter, "北京市总工会主席表示");
    let (seg, words) = rate(&mut || segmenter.word_boundaries(&text).len());
    let (ent, ents) = rate(&mut || biaozhu::zh::suggest::entities(&segmenter, &text).len());
    let (fig, figs) = rate(&mut || biaozhu::zh::suggest::figures(&text, Some("2023-10-25")).len());
    let (all, alls) = rate(&mut || {
        biaozhu::zh::suggest::for_document(
            &segmenter,
            &text,
            Some("2023-10-25"),
            &biaozhu::model::Layer::new(),
            &Default::default(),
        )
        .len()
    });
    // Event triggers with their arguments, from the lexicon the bulletin schema seeds, the
    // rules' spans as the arguments' candidates.
    let schema = biaozhu::model::Schema::default_bulletin();
    let lexicon = biaozhu::zh::triggers::TriggerLexicon::learn(&segmenter, &schema, &[]);
    let near: Vec<(biaozhu::model::CharRange, String)> =
        biaozhu::zh::suggest::entities(&segmenter, &text)
            .into_iter()
            .chain(biaozhu::zh::suggest::figures(&text, None))
            .map(|s| (s.range, s.label))
            .collect();
    let mut args = 0;
    let (trg, trgs) = rate(&mut || {
        let t = lexicon.suggest_with_share(
            &segmenter,
            &schema,
            &text,
            &near,
            biaozhu::zh::triggers::MIN_SHARE,
        );
        args = t.iter().map(|x| x.args.len()).sum();
        t.len()
    });
    let (stc, arts) = rate(&mut || biaozhu::zh::structure::analyse(&text).articles.len());
    let t = Instant::now();
    let found =
        biaozhu::review::consistency::variations(&loaded.documents, &segmenter, &mut |_, _| true)
            .map_or(0, |v| v.len());
    let consistency_ms = t.elapsed().as_secs_f64() * 1000.0;
    let tagged = loaded.documents[0].layer.accepted_count();
    let (agree_ms, confused) = agreement_of_two(&loaded.documents[0]);
    println!("  segmentation (jieba cut):     {seg:.1} MB/s ({words} words)");
    println!(
        "  inconsistent tags:            {consistency_ms:.0} ms ({tagged} spans, {found} texts found)"
    );
    println!(
        "  agreement of two layers:      {agree_ms:.0} ms (every figure and the label confusion, {confused} places apart)"
    );
    println!("  figure recognition:           {fig:.1} MB/s ({figs} figures)");
    println!("  all suggestions:              {all:.1} MB/s ({alls} suggestions)");
    println!("  structure analysis:           {stc:.1} MB/s ({arts} articles)");
    println!("  entity suggestions:           {ent:.1} MB/s ({ents} suggestions)");
    println!("  trigger suggestions:          {trg:.1} MB/s ({trgs} events, {args} arguments)");
    if let Some(kb) = peak_rss_kb() {
        println!(
            "  peak memory (VmHWM):          {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}

/// The layer `alice` and `bob` give the review: the main layer's spans (no events), and bob's
/// with every seventh entity relabelled and every eleventh span a char shorter.
fn two_versions(d: &biaozhu::model::Document) -> (Vec<Span>, Vec<Span>) {
    let alice: Vec<Span> = d.layer.spans().to_vec();
    let mut bob = alice.clone();
    for (k, s) in bob.iter_mut().enumerate() {
        if k % 7 == 0 && s.kind == SpanKind::Entity {
            s.label = if s.label == "ORG" { "LOC" } else { "ORG" }.to_string();
        }
        if k % 11 == 0 && s.range.len() >= 2 {
            s.range = CharRange::new(s.range.start, s.range.end - 1);
        }
    }
    (alice, bob)
}

/// The window on project `proj` in review mode as carol (`--review`), once the comparison
/// is shown (at most 30 s), and the longest frame until then (the opening and the
/// comparison run on a thread: the frames only draw the progress bar, then take them in).
fn review_window(proj: &Path) -> (Harness<'static, BiaozhuApp>, Duration) {
    let dir = proj.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            BiaozhuApp::for_test_start(
                cc,
                Default::default(),
                dir.clone(),
                Some("carol".into()),
                true,
            )
        });
    h.input_mut().max_texture_side = Some(8192);
    let mut on = false;
    let mut longest = Duration::ZERO;
    for _ in 0..6000 {
        let t = Instant::now();
        h.step();
        longest = longest.max(t.elapsed());
        if h.state().session().is_some_and(|w| w.review().is_some()) {
            on = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(on, "review mode did not start: {:?}", h.state().dialog());
    h.run_steps(2);
    (h, longest)
}

/// Review mode on the big document: alice's and bob's layers ([`two_versions`]) written
/// beside it, the window opened on the curated layer in review mode (`--review`): the time
/// until the comparison is shown, frames while scrolling, frames while deciding (F8 then
/// Ctrl+1, one item a frame), accepting every agreement at once (Ctrl+Shift+A), and the save.
fn review_of_two(proj: &Path, frames: usize) {
    use biaozhu::model::{DocStatus, Layer};
    let loaded = biaozhu::store::load(proj, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("load");
    let d = &loaded.documents[0];
    let (alice, bob) = two_versions(d);
    for (who, spans) in [("alice", alice), ("bob", bob)] {
        let (mut st, mut p) = Store::open(proj, who, &mut |_, _| true).expect("open");
        let next = spans.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
        p.documents[0].layer =
            Layer::from_parts(spans, d.layer.events.clone(), DocStatus::Done, next, 1);
        p.dirty_docs.insert(0);
        st.save(&mut p).expect("save");
    }
    drop(loaded);
    let t = Instant::now();
    let (mut h, start_frame) = review_window(proj);
    let start = t.elapsed();
    let open = |h: &Harness<'_, BiaozhuApp>| {
        h.state()
            .session()
            .and_then(|w| w.review_open(0))
            .unwrap_or(0)
    };
    let open_before = open(&h);
    let scroll = scroll_down(&mut h, frames);
    let mut decide = Vec::new();
    for _ in 0..frames {
        h.key_press(egui::Key::F8);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
        let t = Instant::now();
        h.step();
        decide.push(t.elapsed());
    }
    let decided = open_before - open(&h);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::A,
    );
    let t = Instant::now();
    h.step();
    let agreements = t.elapsed();
    let curated = h
        .state()
        .session()
        .map_or(0, |w| w.project().documents[0].layer.spans().len());
    let t = Instant::now();
    let saved = h.state_mut().session_mut().map(|w| w.save());
    let save_time = t.elapsed();
    assert!(matches!(saved, Some(Ok(_))), "save failed: {saved:?}");
    let (sm, sp) = stats(scroll);
    let (dm, dp) = stats(decide);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  review mode, two annotators:  {:.0} ms to open and compare ({open_before} items open), longest frame meanwhile {:.1} ms",
        ms(start),
        ms(start_frame)
    );
    println!(
        "  frame while scrolling, review: median {sm:.2} ms, p95 {sp:.2} ms ({frames} frames)"
    );
    println!(
        "  frame while deciding (F8, Ctrl+1): median {dm:.2} ms, p95 {dp:.2} ms ({decided} decided)"
    );
    println!(
        "  accept every agreement:       {:.0} ms (the curated layer then {curated} spans)",
        ms(agreements)
    );
    println!("  save the curated layer:       {:.1} ms", ms(save_time));
}

/// `biaozhu agree`'s work on one document with two layers: `d`'s own, and a copy with every
/// seventh entity relabelled and every eleventh span a char shorter. Returns the time and
/// how many places the confusion lists.
fn agreement_of_two(d: &biaozhu::model::Document) -> (f64, usize) {
    use biaozhu::model::{DocStatus, Layer, LayeredDoc, LayeredProject, Schema};
    let (own, spans) = two_versions(d);
    let layer = |spans: Vec<Span>| {
        Layer::from_parts(
            spans,
            Vec::new(),
            DocStatus::Done,
            d.layer.next_span,
            d.layer.next_event,
        )
    };
    let project = LayeredProject {
        name: "bench".into(),
        schema: Schema::default_bulletin(),
        docs: vec![LayeredDoc {
            meta: d.meta.clone(),
            text: d.text.clone(),
            layers: [
                ("alice".to_string(), layer(own)),
                ("bob".to_string(), layer(spans)),
            ]
            .into_iter()
            .collect(),
        }],
    };
    let t = Instant::now();
    let a = biaozhu::review::agree::agreement(&project, &Default::default());
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let places = a
        .pairs
        .iter()
        .flat_map(|p| &p.confusion.cells)
        .map(|c| c.places.len())
        .sum();
    (ms, places)
}
