//! Fuzzing every parser that reads a file (issue #10, "Keep it closed"): `project.ron`, a layer
//! file, corpus JSON and RON, DuEE JSONL, the DuEE schema, brat `.ann` + `.txt`, and plain-text
//! decoding. Each gets arbitrary bytes and mutated valid files (bytes flipped, inserted or
//! deleted, the file cut, lines duplicated or removed, digits and whole numbers in offsets
//! changed). Whatever comes in, the parser must not panic, and must either load (exactly what
//! the original held, when the file is unchanged) or fail with an error that names the file
//! and, for a parse error, the line.
//!
//! Each property runs `BIAOZHU_FUZZ_CASES` cases (256 by default, so `cargo test` stays fast;
//! raise it for a longer hunt) and prints how many it ran. A case that fails is written to
//! `tests/data/fuzz-regressions/<parser>-<hash>.<ext>`; commit it with the fix, and
//! `every_regression_file_is_read_without_panic` feeds it to its parser on every run.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use biaozhu::format::{self, ErrorKind, FormatError, Options, Read};
use biaozhu::model::{DocMeta, DocStatus, Event, EventType, Project, Schema, Settings, Span};
use biaozhu::store::{self, StoreError};
use biaozhu::zh::encoding;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

// ---- seeds: the valid files every mutation starts from -----------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_dir() -> PathBuf {
    root().join("projects/bulletin-sample")
}

fn regressions_dir() -> PathBuf {
    root().join("tests/data/fuzz-regressions")
}

/// Everything a load may produce, for exact comparisons.
#[derive(Debug, Clone, PartialEq)]
struct DocSnap {
    name: String,
    text: String,
    spans: Vec<Span>,
    events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq)]
struct ProjectSnap {
    name: String,
    schema: Schema,
    settings: Settings,
    metas: Vec<DocMeta>,
    statuses: Vec<DocStatus>,
    docs: Vec<DocSnap>,
}

fn project_snap(p: &Project) -> ProjectSnap {
    ProjectSnap {
        name: p.name.clone(),
        schema: p.schema.clone(),
        settings: p.settings.clone(),
        metas: p.documents.iter().map(|d| d.meta.clone()).collect(),
        statuses: p.documents.iter().map(|d| d.layer.status).collect(),
        docs: p
            .documents
            .iter()
            .map(|d| DocSnap {
                name: d.meta.id.clone(),
                text: d.text.as_str().to_string(),
                spans: d.layer.spans().to_vec(),
                events: d.layer.events.clone(),
            })
            .collect(),
    }
}

fn read_snap(r: &Read) -> Vec<DocSnap> {
    r.docs
        .iter()
        .map(|d| DocSnap {
            name: d.name.clone(),
            text: d.text.text.clone(),
            spans: d.spans.clone(),
            events: d.events.clone(),
        })
        .collect()
}

struct Seeds {
    doc_id: String,
    project_ron: Vec<u8>,
    layer_ron: Vec<u8>,
    doc_text: Vec<u8>,
    project: ProjectSnap,
    json: Vec<u8>,
    json_read: Vec<DocSnap>,
    ron: Vec<u8>,
    ron_read: Vec<DocSnap>,
    duee: Vec<u8>,
    duee_read: Vec<DocSnap>,
    schema: Vec<u8>,
    schema_types: Vec<EventType>,
    brat_ann: Vec<u8>,
    brat_txt: Vec<u8>,
    brat_read: Vec<DocSnap>,
    /// Plain-text files and the text each holds (decoded here without biaozhu).
    texts: Vec<(Vec<u8>, String)>,
}

fn read_file(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn reference_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).unwrap();
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units).map(Result::unwrap).collect()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match String::from_utf8(bytes.to_vec()) {
        Ok(s) => s,
        Err(_) => {
            let (s, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            assert!(!bad);
            s.into_owned()
        }
    }
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(make_seeds)
}

fn make_seeds() -> Seeds {
    let sample = sample_dir();
    let p = store::load(&sample, "main", &mut |_, _| true).expect("the sample loads");
    let doc_id = p.documents[0].meta.id.clone();
    assert_eq!(p.documents.len(), 1, "the seeds assume one document");
    let tmp = tempfile::tempdir().unwrap();
    let export = |name: &str, dest: &Path| {
        let f = format::by_name(name).unwrap();
        biaozhu::session::exchange::export(
            &p,
            &sample,
            f,
            &Options::default(),
            dest,
            &mut |_, _| true,
        )
        .unwrap_or_else(|e| panic!("export {name}: {e}"));
    };
    let read = |name: &str, file: &Path| {
        format::by_name(name)
            .unwrap()
            .read(file, &Options::default())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let json = tmp.path().join("corpus.json");
    export("json", &json);
    let ron = tmp.path().join("corpus.ron");
    export("ron", &ron);
    let brat = tmp.path().join("brat");
    export("brat", &brat);
    let ann = brat.join(format!("{doc_id}.ann"));
    let duee = root().join("tests/fixtures/duee_sample.jsonl");
    let schema = root().join("tests/fixtures/duee_event_schema.json");
    let schema_bytes = read_file(&schema);
    let schema_types =
        format::duee_schema::parse(std::str::from_utf8(&schema_bytes).unwrap()).unwrap();
    let json_read = read_snap(&read("json", &json));
    let ron_read = read_snap(&read("ron", &ron));
    let brat_read = read_snap(&read("brat", &ann));
    let duee_read = read_snap(&read("duee", &duee));
    // The reads are the sample, not something that merely parses.
    let accepted: Vec<&Span> = p.documents[0]
        .layer
        .spans()
        .iter()
        .filter(|s| s.status == biaozhu::model::SpanStatus::Accepted)
        .collect();
    for r in [&json_read, &ron_read, &brat_read] {
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, p.documents[0].text.as_str());
        assert_eq!(r[0].spans.len(), accepted.len());
        assert_eq!(r[0].events.len(), p.documents[0].layer.events.len());
    }
    assert_eq!(json_read, ron_read);
    assert!(!duee_read.is_empty() && duee_read.iter().all(|d| !d.events.is_empty()));
    assert!(!schema_types.is_empty());
    let mut texts = Vec::new();
    for f in [
        "emoji_jiyejia.txt",
        "gbk_crlf.txt",
        "utf16be_bom.txt",
        "utf16le_bom.txt",
        "utf8_bom.txt",
    ] {
        let b = read_file(&root().join("tests/fixtures").join(f));
        let t = reference_text(&b);
        texts.push((b, t));
    }
    let doc_text = read_file(&store::text_file(&sample, &doc_id));
    texts.push((doc_text.clone(), p.documents[0].text.as_str().to_string()));
    Seeds {
        project_ron: read_file(&store::project_file(&sample)),
        layer_ron: read_file(&store::layer_file(&sample, &doc_id, "main")),
        doc_text,
        project: project_snap(&p),
        doc_id,
        json: read_file(&json),
        json_read,
        ron: read_file(&ron),
        ron_read,
        duee: read_file(&duee),
        duee_read,
        schema: schema_bytes,
        schema_types,
        brat_ann: read_file(&ann),
        brat_txt: read_file(&brat.join(format!("{}.txt", p.documents[0].meta.id))),
        brat_read,
        texts,
    }
}

// ---- mutations ----------------------------------------------------------------------------

/// Whole numbers put in place of one in the file: the edges of the offset types.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e309",
    "-0",
    "",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Flip one bit of a byte.
    Flip(Index, u8),
    /// Insert a byte.
    Insert(Index, u8),
    /// Delete up to n bytes.
    Delete(Index, usize),
    /// Cut the file.
    Cut(Index),
    /// Repeat a line.
    DuplicateLine(Index),
    /// Remove a line.
    DeleteLine(Index),
    /// Change one digit.
    Digit(Index, u8),
    /// Replace one whole number.
    Number(Index, usize),
}

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"\"',:;()[]{}\n\r\t\\ 0123456789-.eETA#".to_vec()),
        prop::sample::select(vec![0x00, 0xE4, 0xBA, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0x80]),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<Index>(), interesting_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), 1usize..16).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<Index>().prop_map(Mutation::Cut),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::DeleteLine),
        (any::<Index>(), 0u8..10).prop_map(|(i, d)| Mutation::Digit(i, d)),
        (any::<Index>(), 0..NUMBERS.len()).prop_map(|(i, n)| Mutation::Number(i, n)),
    ]
}

/// Up to four mutations; none (the file unchanged) about one case in five.
fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 0..5)
}

/// Byte ranges of the lines (without their `\n`).
fn lines(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

/// Byte ranges of the runs of ASCII digits.
fn numbers(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn mutate(seed: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in ms {
        match *m {
            Mutation::Flip(ref i, bit) if !b.is_empty() => {
                let at = i.index(b.len());
                b[at] ^= 1 << bit;
            }
            Mutation::Insert(ref i, byte) => {
                let at = i.index(b.len() + 1);
                b.insert(at, byte);
            }
            Mutation::Delete(ref i, n) if !b.is_empty() => {
                let at = i.index(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            Mutation::Cut(ref i) if !b.is_empty() => {
                let at = i.index(b.len());
                b.truncate(at);
            }
            Mutation::DuplicateLine(ref i) => {
                let ls = lines(&b);
                if !ls.is_empty() {
                    let (s, e) = ls[i.index(ls.len())];
                    let mut line = b[s..e].to_vec();
                    line.push(b'\n');
                    b.splice(s..s, line);
                }
            }
            Mutation::DeleteLine(ref i) => {
                let ls = lines(&b);
                if !ls.is_empty() {
                    let (s, e) = ls[i.index(ls.len())];
                    b.drain(s..(e + 1).min(b.len()));
                }
            }
            Mutation::Digit(ref i, d) => {
                let ds: Vec<usize> = (0..b.len()).filter(|&k| b[k].is_ascii_digit()).collect();
                if !ds.is_empty() {
                    b[ds[i.index(ds.len())]] = b'0' + d;
                }
            }
            Mutation::Number(ref i, n) => {
                let ns = numbers(&b);
                if !ns.is_empty() {
                    let (s, e) = ns[i.index(ns.len())];
                    b.splice(s..e, NUMBERS[n].bytes());
                }
            }
            _ => {}
        }
    }
    b
}

/// Arbitrary bytes, or arbitrary bytes after a valid file's first part (so that parsers get
/// past the first token now and then).
fn garbage(prefix: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 0..64)).prop_map(move |(i, tail)| {
            let mut b = prefix[..i.index(prefix.len() + 1)].to_vec();
            b.extend(tail);
            b
        }),
    ]
}

// ---- running a property -------------------------------------------------------------------

/// A line on stderr that the test harness does not capture (it captures `eprintln!` of
/// passing tests), so CI logs show how many cases each parser ran.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn cases() -> u32 {
    std::env::var("BIAOZHU_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256)
}

/// Run `check` on `cases()` files from `strategy`. A failing input (shrunk) is written to
/// the regression corpus as `<parser>-<hash>.<ext>`.
fn fuzz(parser: &str, ext: &str, strategy: impl Strategy<Value = Vec<u8>>, check: impl Fn(&[u8])) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let ran = std::cell::Cell::new(0usize);
    let result = runner.run(&strategy, |v| {
        ran.set(ran.get() + 1);
        check(&v);
        Ok::<(), TestCaseError>(())
    });
    say(&format!(
        "fuzz {parser} (.{ext}): {} cases ({} asked) in {:.1?}",
        ran.get(),
        cases(),
        started.elapsed()
    ));
    if let Err(e) = result {
        let (why, bytes) = match e {
            TestError::Fail(why, v) => (why.to_string(), v),
            TestError::Abort(why) => panic!("fuzz {parser}: aborted: {why}"),
        };
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        let dir = regressions_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{parser}-{:016x}.{ext}", h.finish()));
        std::fs::write(&file, &bytes).unwrap();
        let shown: String = String::from_utf8_lossy(&bytes).chars().take(400).collect();
        panic!(
            "fuzz {parser}: {why}\ninput (lossy, cut): {shown:?}\nwritten to {} (commit it \
             with the fix)",
            file.display()
        );
    }
}

// ---- what a located error is --------------------------------------------------------------

/// Number of lines of `b`, as an error may count them (a last line without `\n` counts, and
/// a position just past the end is on the line after the last `\n`).
fn line_count(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count() + 1
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// The numbers an error's text gives as `line N`.
fn line_mentions(text: &str) -> Vec<usize> {
    text.match_indices("line ")
        .filter_map(|(i, m)| {
            let digits: String = text[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// A format error names the file it is about (its `.file`, and its text), one of `files`,
/// and a line within it when it gives one, the same line wherever its text says `line N`. A
/// parse error gives a line when `syntax_error` (the file does not parse at all); a read
/// error says the line of the first byte that does not decode.
fn assert_format_error(e: &FormatError, files: &[(&Path, &[u8])], syntax_error: bool) {
    let text = e.to_string();
    let Some((_, bytes)) = files.iter().find(|(f, _)| e.file == *f) else {
        panic!(
            "error names {:?}, not one of the files read: {text}",
            e.file
        );
    };
    assert!(text.contains(&name_of(&e.file)), "no file name in {text}");
    let mentioned = line_mentions(&e.message.en);
    if let Some(l) = e.line {
        assert!(
            (1..=line_count(bytes)).contains(&l),
            "line {l} is not in the file: {text}"
        );
        assert!(
            mentioned.iter().all(|&m| m == l),
            "the error says two different lines: {text}"
        );
    }
    for m in mentioned {
        assert!((1..=line_count(bytes)).contains(&m), "{text}");
    }
    match e.kind {
        ErrorKind::Read => {
            if let Err(
                encoding::DecodeError::Malformed { line, .. }
                | encoding::DecodeError::DamagedUtf8 { line, .. },
            ) = encoding::decode(bytes, None)
            {
                assert!(text.contains(&format!("line {line}")), "{text}");
            }
        }
        ErrorKind::Parse => {
            if syntax_error {
                assert!(e.line.is_some(), "a syntax error without a line: {text}");
            }
        }
        ErrorKind::Export => panic!("an export error from a read: {text}"),
    }
}

/// A file that parses but holds a record the model refuses (`DOC: T3: …`, `DOC: event E2:
/// …`): the error's line is the record's (or its document's) when the file holds that
/// document.
fn assert_record_line(e: &FormatError, text: &str) {
    let mut parts = e.message.en.splitn(3, ": ");
    let quoted = |s: &str| serde_json::to_string(s).unwrap();
    let doc = quoted(parts.next().unwrap_or_default());
    let record = parts
        .next()
        .map(|r| quoted(r.strip_prefix("event ").unwrap_or(r)));
    if !text.contains(&doc) {
        return;
    }
    let Some(l) = e.line else {
        panic!("a refused record without a line: {e}");
    };
    let line = text.lines().nth(l - 1).unwrap_or_default();
    assert!(
        line.contains(&doc) || record.is_some_and(|r| line.contains(&r)),
        "line {l} ({line:?}) is not the record's: {e}"
    );
}

/// Problem lines of a read that went through name the file.
fn assert_problems_named(r: &Read, file: &Path) {
    let f = file.display().to_string();
    for p in &r.problems {
        for m in [&p.zh, &p.en] {
            assert!(m.starts_with(&f), "problem does not name {f}: {m}");
        }
    }
}

/// A store error names a file of the project, `blamed` for parse and validity errors, and a
/// line within it when it gives one.
fn assert_store_error(e: &StoreError, dir: &Path, blamed: &Path, bytes: &[u8]) {
    let text = e.to_string();
    match e {
        StoreError::Parse {
            path, line, col, ..
        } => {
            assert_eq!(path, blamed, "{text}");
            assert!(
                (1..=line_count(bytes)).contains(line) && *col >= 1,
                "line {line} col {col} is not in the file: {text}"
            );
        }
        StoreError::Invalid { path, .. } => assert_eq!(path, blamed, "{text}"),
        // A document id changed to another valid one: its text is missing, named.
        StoreError::Io { path, .. } | StoreError::Decode { path, .. } => {
            assert!(path.starts_with(dir), "{text}")
        }
        other => panic!("unexpected error: {other}"),
    }
    assert!(text.contains(&name_of(blamed)) || matches!(e, StoreError::Io { .. }));
}

// ---- the checks, one per parser (shared by the properties and the regression corpus) -------

fn write_project(dir: &Path, project_ron: &[u8], layer_ron: &[u8]) {
    let s = seeds();
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    std::fs::create_dir_all(dir.join("annotations").join(&s.doc_id)).unwrap();
    std::fs::write(store::project_file(dir), project_ron).unwrap();
    std::fs::write(store::text_file(dir, &s.doc_id), &s.doc_text).unwrap();
    std::fs::write(store::layer_file(dir, &s.doc_id, "main"), layer_ron).unwrap();
}

/// The sample project with `project.ron` and its layer file as given.
fn check_project(project_ron: &[u8], layer_ron: &[u8], blamed_layer: bool) {
    let s = seeds();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_project(dir, project_ron, layer_ron);
    let (blamed, bytes) = if blamed_layer {
        (store::layer_file(dir, &s.doc_id, "main"), layer_ron)
    } else {
        (store::project_file(dir), project_ron)
    };
    match store::load(dir, "main", &mut |_, _| true) {
        Ok(p) => {
            if project_ron == s.project_ron && layer_ron == s.layer_ron {
                assert_eq!(project_snap(&p), s.project);
            }
        }
        Err(e) => assert_store_error(&e, dir, &blamed, bytes),
    }
}

/// A file read through the registry as `format`, named `name`; `syntax_error` tells whether
/// a text is one the format's parser refuses outright (its error must give a line).
fn check_format(
    format: &str,
    name: &str,
    bytes: &[u8],
    seed: &[u8],
    expected: &[DocSnap],
    syntax_error: fn(&str) -> bool,
) -> Option<Read> {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    match format::by_name(format)
        .unwrap()
        .read(&file, &Options::default())
    {
        Ok(r) => {
            assert_problems_named(&r, &file);
            if bytes == seed {
                assert_eq!(read_snap(&r), expected);
                assert!(r.problems.is_empty(), "{:?}", r.problems);
            }
            Some(r)
        }
        Err(e) => {
            let text = encoding::decode(bytes, None).map(|d| d.text);
            let syntax = text.as_ref().is_ok_and(|t| syntax_error(t));
            assert_format_error(&e, &[(&file, bytes)], syntax);
            if let (Ok(text), false, ErrorKind::Parse) = (&text, syntax, e.kind) {
                assert_record_line(&e, text);
            }
            None
        }
    }
}

fn check_json(bytes: &[u8]) {
    let s = seeds();
    check_format("json", "corpus.json", bytes, &s.json, &s.json_read, |t| {
        format::corpus::from_json(t).is_err()
    });
}

fn check_ron(bytes: &[u8]) {
    let s = seeds();
    check_format("ron", "corpus.ron", bytes, &s.ron, &s.ron_read, |t| {
        format::corpus::from_ron(t).is_err()
    });
}

fn check_duee(bytes: &[u8]) {
    let s = seeds();
    // Every refusal of a DuEE file is about one of its lines.
    check_format("duee", "duee.jsonl", bytes, &s.duee, &s.duee_read, |_| true);
}

/// The DuEE schema as `biaozhu schema import` reads it: UTF-8 text, then `parse`, whose
/// errors say `line N: …`.
fn check_schema(bytes: &[u8]) {
    let s = seeds();
    let Ok(src) = std::str::from_utf8(bytes) else {
        // The command refuses it before parsing; the parser must still not panic.
        let _ = format::duee_schema::parse(&String::from_utf8_lossy(bytes));
        return;
    };
    match format::duee_schema::parse(src) {
        Ok(types) => {
            if bytes == s.schema {
                assert_eq!(types, s.schema_types);
            }
        }
        Err(e) => {
            let line: usize = e
                .strip_prefix("line ")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line in {e:?}"));
            assert!((1..=line_count(bytes)).contains(&line), "{e}");
            assert!(
                line_mentions(&e).iter().all(|&m| m == line),
                "the error says two different lines: {e}"
            );
        }
    }
}

/// A brat pair: `ann` and `txt` side by side.
fn check_brat(ann: &[u8], txt: &[u8]) {
    let s = seeds();
    let tmp = tempfile::tempdir().unwrap();
    let ann_path = tmp.path().join(format!("{}.ann", s.doc_id));
    let txt_path = tmp.path().join(format!("{}.txt", s.doc_id));
    std::fs::write(&ann_path, ann).unwrap();
    std::fs::write(&txt_path, txt).unwrap();
    match format::by_name("brat")
        .unwrap()
        .read(&ann_path, &Options::default())
    {
        Ok(r) => {
            assert_problems_named(&r, &ann_path);
            if ann == s.brat_ann && txt == s.brat_txt {
                assert_eq!(read_snap(&r), s.brat_read);
                assert!(r.problems.is_empty(), "{:?}", r.problems);
            }
        }
        Err(e) => assert_format_error(&e, &[(&ann_path, ann), (&txt_path, txt)], false),
    }
}

/// Plain-text decoding: detected, forced, lossy, and through the registry's text format.
fn check_text(bytes: &[u8]) {
    let s = seeds();
    let expected = s.texts.iter().find(|(b, _)| b == bytes).map(|(_, t)| t);
    match encoding::decode(bytes, None) {
        Ok(d) => {
            if let Some(t) = expected {
                assert_eq!(&d.text, t);
            }
        }
        Err(e) => {
            assert!(expected.is_none(), "a fixture does not decode: {e}");
            assert_decode_error(&e, bytes);
        }
    }
    for name in ["utf-8", "gbk", "utf-16le", "utf-16be", "big5"] {
        let enc = encoding::encoding_for_name(name).unwrap();
        if let Err(e) = encoding::decode(bytes, Some(enc)) {
            assert_decode_error(&e, bytes);
        }
    }
    if let Ok((d, replaced)) = encoding::decode_with(bytes, None, true) {
        assert!(d.text.matches('\u{FFFD}').count() >= replaced.count);
        if let Some((offset, line)) = replaced.first {
            assert!(offset < bytes.len() && (1..=line_count(bytes)).contains(&line));
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("doc.txt");
    std::fs::write(&file, bytes).unwrap();
    match format::by_name("text")
        .unwrap()
        .read(&file, &Options::default())
    {
        Ok(r) => {
            assert_eq!(r.docs.len(), 1);
            if let Some(t) = expected {
                assert_eq!(&r.docs[0].text.text, t);
            }
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::Read, "{e}");
            assert_format_error(&e, &[(&file, bytes)], false);
        }
    }
    // Lossy: what was replaced is a problem naming the file and a line in it.
    let lossy = Options {
        lossy: true,
        ..Options::default()
    };
    match format::by_name("text").unwrap().read(&file, &lossy) {
        Ok(r) => {
            assert_problems_named(&r, &file);
            for p in r.problems.iter().map(|p| &p.en) {
                let lines = line_mentions(p);
                assert!(!lines.is_empty(), "{p}");
                for l in lines {
                    assert!((1..=line_count(bytes)).contains(&l), "{p}");
                }
            }
        }
        Err(e) => {
            // Only refusals that are not about bad bytes (NULs, an unexpected encoding).
            assert_eq!(e.kind, ErrorKind::Read, "{e}");
            assert_eq!(e.file, file);
            assert!(e.to_string().contains("doc.txt"), "{e}");
        }
    }
}

/// A decoding error that points into the file points at a byte and a line in it.
fn assert_decode_error(e: &encoding::DecodeError, bytes: &[u8]) {
    use encoding::DecodeError as D;
    match *e {
        D::Malformed { offset, line, .. } | D::DamagedUtf8 { offset, line, .. } => {
            assert!(offset <= bytes.len(), "{e}");
            assert!((1..=line_count(bytes)).contains(&line), "{e}");
            assert!(
                line_mentions(&e.to_string()).iter().all(|&m| m == line),
                "the error says two different lines: {e}"
            );
        }
        D::Empty | D::Binary(_) | D::UnexpectedEncoding(_) => {}
        D::UnknownEncoding(_) => panic!("{e}"),
    }
}

// ---- the properties -----------------------------------------------------------------------

#[test]
fn project_ron_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "project",
        "ron",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().project_ron, &ms)),
            garbage(&s.project_ron),
        ],
        |b| check_project(b, &seeds().layer_ron, false),
    );
}

#[test]
fn layer_ron_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "layer",
        "ron",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().layer_ron, &ms)),
            garbage(&s.layer_ron),
        ],
        |b| check_project(&seeds().project_ron, b, true),
    );
}

#[test]
fn corpus_json_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "json",
        "json",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().json, &ms)),
            garbage(&s.json),
        ],
        check_json,
    );
}

#[test]
fn corpus_ron_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "ron",
        "ron",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().ron, &ms)),
            garbage(&s.ron),
        ],
        check_ron,
    );
}

#[test]
fn duee_jsonl_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "duee",
        "jsonl",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().duee, &ms)),
            garbage(&s.duee),
        ],
        check_duee,
    );
}

#[test]
fn duee_schema_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "duee_schema",
        "json",
        prop_oneof![
            mutations().prop_map(|ms| mutate(&seeds().schema, &ms)),
            garbage(&s.schema),
        ],
        check_schema,
    );
}

#[test]
fn brat_ann_never_panics_and_errors_are_located() {
    let s = seeds();
    fuzz(
        "brat",
        "ann",
        prop_oneof![
            3 => mutations().prop_map(|ms| mutate(&seeds().brat_ann, &ms)),
            1 => garbage(&s.brat_ann),
        ],
        |b| check_brat(b, &seeds().brat_txt),
    );
}

#[test]
fn brat_txt_never_panics_and_errors_are_located() {
    // The .ann's offsets against a changed text.
    let s = seeds();
    fuzz(
        "brat",
        "txt",
        prop_oneof![
            3 => mutations().prop_map(|ms| mutate(&seeds().brat_txt, &ms)),
            1 => garbage(&s.brat_txt),
        ],
        |b| check_brat(&seeds().brat_ann, b),
    );
}

#[test]
fn plain_text_decoding_never_panics_and_errors_are_located() {
    let n = seeds().texts.len();
    fuzz(
        "text",
        "txt",
        prop_oneof![
            3 => (0..n, mutations()).prop_map(|(i, ms)| mutate(&seeds().texts[i].0, &ms)),
            1 => prop::collection::vec(any::<u8>(), 0..512),
        ],
        check_text,
    );
}

// ---- the regression corpus ----------------------------------------------------------------

/// Every file in `tests/data/fuzz-regressions/` goes to the parser its name starts with (the
/// part before the first `-`): no panic, and a located error or a load.
#[test]
fn every_regression_file_is_read_without_panic() {
    let dir = regressions_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut run = 0;
    for f in files {
        let name = name_of(&f);
        if name == "README.md" {
            continue;
        }
        let bytes = read_file(&f);
        let parser = name.split('-').next().unwrap_or_default().to_string();
        let ext = f.extension().map(|e| e.to_string_lossy().into_owned());
        let s = seeds();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            match (parser.as_str(), ext.as_deref()) {
                ("project", _) => check_project(&bytes, &s.layer_ron, false),
                ("layer", _) => check_project(&s.project_ron, &bytes, true),
                ("json", _) => check_json(&bytes),
                ("ron", _) => check_ron(&bytes),
                ("duee", _) => check_duee(&bytes),
                ("duee_schema", _) => check_schema(&bytes),
                ("brat", Some("txt")) => check_brat(&s.brat_ann, &bytes),
                ("brat", _) => check_brat(&bytes, &s.brat_txt),
                ("text", _) => check_text(&bytes),
                (other, _) => panic!("no parser called {other:?}"),
            }
        }));
        if let Err(e) = outcome {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{}: {why}", f.display());
        }
        run += 1;
    }
    say(&format!("fuzz regressions: {run} files"));
}

/// A valid activity log of two entries, the seed of the log property.
const ACTIVITY_SEED: &[u8] = r#"{"at":"2026-11-30T10:00:00Z","who":"alice","doc":"d1","layer":"alice","action":"add","what":"PER 张三 [0,2)"}
{"at":"2026-11-30T10:05:00Z","who":"alice","doc":"d1","layer":"alice","action":"status","what":"done"}
"#
.as_bytes();

/// The activity log reader (`log/<who>.jsonl`): any bytes read without a panic; every line
/// that is not an entry is named with the file and its line, and the rest are read.
fn check_activity(bytes: &[u8]) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("log")).unwrap();
    std::fs::write(tmp.path().join("log/alice.jsonl"), bytes).unwrap();
    let r = catch_unwind(AssertUnwindSafe(|| store::activity::read(tmp.path())));
    let (entries, problems) = r.unwrap_or_else(|_| panic!("activity::read panicked"));
    let text = String::from_utf8_lossy(bytes);
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(entries.len() + problems.len(), lines, "{problems:?}");
    for p in &problems {
        assert!(p.contains("alice.jsonl:"), "not located: {p}");
    }
}

#[test]
fn activity_log_never_panics_and_bad_lines_are_located() {
    fuzz(
        "activity",
        "jsonl",
        prop_oneof![
            mutations().prop_map(|ms| mutate(ACTIVITY_SEED, &ms)),
            garbage(ACTIVITY_SEED),
        ],
        check_activity,
    );
}
