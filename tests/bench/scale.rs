//! Benchmark of the operations that grow with a project or a document: importing 1,000 text
//! files of 3 KB through `Session::import_files`, exporting a 1,000-document project as brat
//! (a folder of 2,000 files) and as JSON (one file), three times each, and suggesting on one document of 1, 5
//! and 10 MB (the sample bulletin repeated), which should grow about linearly, and the first
//! suggestion in a project of done documents with accepted events (which trains the trigger
//! tagger) and the next.
//!
//! `cargo bench --bench scale` prints the figures. Under `cargo test` (no `--bench` argument)
//! it does a small smoke run so that the code path stays tested; timings are never asserted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use biaozhu::edit::Edit;
use biaozhu::format::{Options, by_name};
use biaozhu::model::{CharRange, Layer, Span, SpanId, SpanKind};
use biaozhu::session::Session;
use biaozhu::session::exchange::{ExportEnd, export};
use biaozhu::store::{DEFAULT_ANNOTATOR, Store};
use biaozhu::zh::segment::Segmenter;
use biaozhu::zh::suggest;

/// The sample bulletin (about 12 KB), the material every generated text is cut from.
fn sample() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample/documents");
    let file = std::fs::read_dir(&dir)
        .expect("sample documents")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a sample .txt");
    std::fs::read_to_string(file).expect("read sample")
}

/// About `bytes` UTF-8 bytes of the sample's paragraphs, starting at paragraph `from` and
/// wrapping round, whole paragraphs only.
fn text_of(paras: &[&str], from: usize, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut i = from;
    while s.len() < bytes {
        s.push_str(paras[i % paras.len()]);
        s.push('\n');
        i += 1;
    }
    s
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// Import `n` files of about `bytes` each into a new project; returns the session and the
/// import time.
fn import(dir: &Path, paras: &[&str], n: usize, bytes: usize) -> (Session, f64) {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("src folder");
    let files: Vec<PathBuf> = (0..n)
        .map(|i| {
            let f = src.join(format!("doc{i:04}.txt"));
            std::fs::write(&f, text_of(paras, i, bytes)).expect("write source");
            f
        })
        .collect();
    let (st, p) = Store::create(&dir.join("proj"), "scale", DEFAULT_ANNOTATOR).expect("create");
    let mut session = Session::new(st, p);
    let t = Instant::now();
    let rep = session.import_files(
        by_name("text").expect("text format"),
        &files,
        &Options::default(),
        &mut |_, _| true,
    );
    let took = secs(t);
    assert!(rep.errors.is_empty(), "{:?}", rep.errors);
    assert_eq!(rep.added.len(), n);
    (session, took)
}

/// Give every document ten accepted spans, so that the exports carry annotations.
fn annotate(session: &mut Session) {
    let labels = ["PER", "ORG", "LOC"];
    for doc in 0..session.project().documents.len() {
        let len = session.project().documents[doc].text.len_chars();
        let step = (len / 10).max(3);
        let edits: Vec<Edit> = (0..10u32)
            .filter(|k| k * step + 2 < len)
            .map(|k| Edit::AddSpan {
                doc,
                span: Span::new(
                    SpanId(k + 1),
                    CharRange::new(k * step, k * step + 2),
                    SpanKind::Entity,
                    labels[k as usize % labels.len()],
                ),
            })
            .collect();
        session.apply(Edit::Batch(edits)).expect("add spans");
    }
}

/// The times of `runs` exports into the same place (the first writes new files, the others
/// replace them).
fn export_runs(session: &Session, format: &str, dest: &Path, runs: usize) -> String {
    let times: Vec<String> = (0..runs)
        .map(|_| format!("{:.2}", export_as(session, format, dest)))
        .collect();
    format!("{} s", times.join(" / "))
}

fn export_as(session: &Session, format: &str, dest: &Path) -> f64 {
    let t = Instant::now();
    let end = export(
        session.project(),
        session.store().dir(),
        by_name(format).expect("format"),
        &Options::default(),
        dest,
        &mut |_, _| true,
    )
    .expect("export");
    let took = secs(t);
    assert!(
        matches!(end, ExportEnd::Written { documents, .. } if documents == session.project().documents.len()),
        "{end:?}"
    );
    took
}

/// Suggestions for one document as `biaozhu suggest FILE` computes them; returns the time
/// and how many there were.
fn suggest_on(seg: &Segmenter, text: &str) -> (f64, usize) {
    let t = Instant::now();
    let s = suggest::for_document(seg, text, None, &Layer::new(), &BTreeMap::new());
    (secs(t), s.len())
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (files, sizes_mb): (usize, &[f64]) = if full {
        (1000, &[1.0, 5.0, 10.0])
    } else {
        (20, &[0.01, 0.02])
    };
    let sample = sample();
    let paras: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).collect();
    let tmp = tempfile::tempdir().expect("tempdir");

    let (mut session, import_s) = import(tmp.path(), &paras, files, 3000);
    println!(
        "import: {files} files of 3 KB through Session::import_files: {:.2} s",
        import_s
    );
    annotate(&mut session);
    // Disk times on a shared machine vary from run to run: three runs each.
    let runs = if full { 3 } else { 1 };
    let brat = export_runs(&session, "brat", &tmp.path().join("out-brat"), runs);
    let json = export_runs(&session, "json", &tmp.path().join("out.json"), runs);
    println!(
        "export: {files} documents as brat ({} files): {brat}",
        2 * files
    );
    println!("export: {files} documents as json (one file): {json}");

    let seg = Segmenter::new();
    // Warm jieba's dictionary up outside the timings.
    let _ = suggest_on(&seg, paras[0]);
    let mut first: Option<(f64, f64)> = None;
    for mb in sizes_mb {
        let text = text_of(&paras, 0, (mb * 1_000_000.0) as usize);
        let (s, n) = suggest_on(&seg, &text);
        let (mb0, s0) = *first.get_or_insert((*mb, s));
        println!(
            "suggest: one document of {mb} MB ({} chars): {s:.2} s, {n} suggestions \
             ({:.1}x the time for {:.1}x the size)",
            text.chars().count(),
            s / s0,
            mb / mb0
        );
    }
    let copies = if full { 1000 } else { 6 };
    let (first, next, events) = suggest_with_events(tmp.path(), copies);
    println!(
        "suggest in a project of {copies} done copies of the sample document ({events} accepted \
         events): first {first:.2} s (the trigger tagger trained), next {next:.2} s"
    );
    println!("({})", if full { "full" } else { "smoke" });
}

/// A project of `copies` copies of the sample document, each marked done with the sample's
/// events accepted: the times of the first suggestion run (which trains the trigger tagger)
/// and of the next, and how many accepted events there are.
fn suggest_with_events(dir: &Path, copies: usize) -> (f64, f64, usize) {
    let sample_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let (_lock, sample) =
        Store::open_read_only(&sample_dir, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("sample");
    let src = sample.documents.first().expect("a sample document").clone();
    let proj = dir.join("events");
    let (mut st, mut p) = Store::create(&proj, "events", DEFAULT_ANNOTATOR).expect("create");
    p.schema = sample.schema.clone();
    let mut events = 0;
    for d in 0..copies {
        let mut doc = src.clone();
        doc.meta.id = format!("copy{d:04}");
        let f = biaozhu::store::text_file(&proj, &doc.meta.id);
        std::fs::create_dir_all(f.parent().expect("parent")).expect("documents");
        std::fs::write(f, doc.text.as_str()).expect("text");
        let spans: Vec<Span> = doc
            .layer
            .spans()
            .iter()
            .cloned()
            .map(|mut s| {
                s.status = biaozhu::model::SpanStatus::Accepted;
                s
            })
            .collect();
        events += doc.layer.events.len();
        doc.layer = Layer::from_parts(
            spans,
            doc.layer.events.clone(),
            biaozhu::model::DocStatus::Done,
            doc.layer.next_span,
            doc.layer.next_event,
        );
        p.documents.push(doc);
        p.dirty_docs.insert(d);
    }
    p.project_dirty = true;
    st.save(&mut p).expect("save");
    drop((st, p));
    let (st, p) = Store::open(&proj, DEFAULT_ANNOTATOR, &mut |_, _| true).expect("open");
    let session = Session::new(st, p);
    let t = Instant::now();
    let first = session.suggest_input(0).expect("a document").run();
    let first_s = secs(t);
    let t = Instant::now();
    let _ = session
        .suggest_input(1.min(copies - 1))
        .expect("a document")
        .run();
    let next_s = secs(t);
    assert!(first.problem.is_none(), "{:?}", first.problem);
    (first_s, next_s, events)
}
