//! CLUENER 2020 (JSONL, ends inclusive): the real training file imports and exports back
//! unchanged, a text with CRLF, full-width chars, 😀, 👨‍👩‍👧 and 𠮷 round-trips, and bad files
//! are refused whole with the file and the line.

#[path = "support/bin.rs"]
mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use biaozhu::format::{Options, Output, by_name};
use support::{Run, bz};

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    (tmp, dir)
}

fn run(args: &[&OsStr]) -> Run {
    bz(args)
}

fn import(dir: &Path, file: &Path) -> Run {
    run(&[
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("cluener"),
    ])
}

fn export(dir: &Path, out: &Path) -> Run {
    run(&[
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("cluener"),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

fn real_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev/ner/cluener2020_train.jsonl")
}

fn roundtrip_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cluener_roundtrip.jsonl")
}

/// (label, start, end exclusive, surface) of every accepted span of document `id`.
fn spans_of(dir: &Path, id: &str) -> Vec<(String, u32, u32, String)> {
    let p = biaozhu::store::load(dir, "main", &mut |_, _| true).unwrap();
    let d = p.documents.iter().find(|d| d.meta.id == id).unwrap();
    let mut v: Vec<_> = d
        .layer
        .spans()
        .iter()
        .map(|s| {
            (
                s.label.clone(),
                s.range.start,
                s.range.end,
                d.text.slice(s.range).unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Every (type, surface, [start, end]) of a CLUENER line, parsed.
fn parsed(line: &str) -> serde_json::Value {
    serde_json::from_str(line).unwrap()
}

#[test]
fn the_whole_real_file_reads_and_writes_back_byte_for_byte() {
    // The format's own functions on all 10,748 records (the CLI path is below and in
    // tests/run.sh, which imports the whole file into a project).
    let f = by_name("cluener").unwrap();
    let read = f.read(&real_file(), &Options::default()).unwrap();
    assert_eq!(read.docs.len(), 10_748);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let first = &read.docs[0];
    let got: Vec<(u32, u32, &str)> = first
        .spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.as_str()))
        .collect();
    // 浙商银行企业信贷部叶老桂博士…: name 叶老桂 [[9, 11]], company 浙商银行 [[0, 3]].
    assert_eq!(got, vec![(9, 12, "name"), (0, 4, "company")]);
    let documents = read
        .docs
        .into_iter()
        .map(|r| {
            let next = r.spans.len() as u32 + 1;
            biaozhu::model::Document {
                meta: biaozhu::model::DocMeta {
                    id: r.name,
                    published: None,
                    imported_from: None,
                },
                text: biaozhu::model::Text::new(r.text.text),
                layer: biaozhu::model::Layer::from_parts(
                    r.spans,
                    Vec::new(),
                    Default::default(),
                    next,
                    1,
                ),
            }
        })
        .collect();
    let p = biaozhu::model::Project {
        name: "cluener".into(),
        schema: Default::default(),
        settings: Default::default(),
        documents,
        annotator: "main".into(),
        dirty_docs: Default::default(),
        project_dirty: false,
        assignments: Default::default(),
    };
    let e = f
        .build(&p, &Options::default(), &mut |_, _| true)
        .unwrap()
        .unwrap();
    assert!(e.notes.is_empty(), "{:?}", e.notes);
    let Output::File(s) = e.output else {
        panic!("one file")
    };
    assert!(s == std::fs::read_to_string(real_file()).unwrap());
}

#[test]
fn the_first_2000_real_records_go_through_a_project_and_back() {
    let (tmp, dir) = new_project();
    let src = std::fs::read_to_string(real_file()).unwrap();
    let head: String = src.lines().take(2000).map(|l| format!("{l}\n")).collect();
    let f = tmp.path().join("cluener2000.jsonl");
    std::fs::write(&f, &head).unwrap();
    let r = import(&dir, &f);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("label company is not in the schema: added it"),
        "{}",
        r.stderr
    );
    // CLUENER's ten labels, added to the bulletin's (1-9 and O), each get a free hotkey of
    // their own, which the message names: a keyboard user can tag with them at once.
    let schema = biaozhu::store::load(&dir, "main", &mut |_, _| true)
        .unwrap()
        .schema;
    let bulletin = biaozhu::model::Schema::default_bulletin();
    let added: Vec<(String, Option<char>)> = schema
        .labels
        .iter()
        .filter(|l| bulletin.label(&l.key).is_none())
        .map(|l| (l.key.clone(), l.hotkey))
        .collect();
    assert_eq!(added.len(), 10, "{added:?}");
    let keys: String = added.iter().filter_map(|(_, k)| *k).collect();
    assert_eq!(keys, "0QWETYIPSD", "{added:?}");
    let (first, _) = &added[0];
    assert!(
        r.stderr
            .contains(&format!("label {first} is not in the schema: added it ("))
            && r.stderr.contains("spans use it here, hotkey 0)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        spans_of(&dir, "cluener2000_3"),
        vec![
            ("organization".into(), 0, 4, "那不勒斯".into()),
            ("organization".into(), 6, 9, "锡耶纳".into()),
            ("organization".into(), 11, 13, "桑普".into()),
            ("organization".into(), 15, 18, "热那亚".into()),
        ]
    );
    let out = tmp.path().join("out.jsonl");
    let r = export(&dir, &out);
    assert_eq!(r.code, 0, "{r:?}");
    let back = std::fs::read_to_string(&out).unwrap();
    assert_eq!(back.lines().count(), 2000);
    for (a, b) in head.lines().zip(back.lines()) {
        assert_eq!(parsed(a), parsed(b));
    }
    assert!(back == head, "the same bytes, key order included");
}

#[test]
fn crlf_full_width_emoji_and_astral_chars_round_trip() {
    let (tmp, dir) = new_project();
    let fixture = roundtrip_fixture();
    let r = import(&dir, &fixture);
    assert_eq!(r.code, 0, "{r:?}");
    let spans = spans_of(&dir, "cluener_roundtrip_1");
    let has = |l: &str, s: u32, e: u32, t: &str| {
        assert!(
            spans.contains(&(l.into(), s, e, t.into())),
            "{l} [{s}, {e}) {t:?} in {spans:?}"
        )
    };
    has("odd", 21, 24, "\r\n𠮷");
    has("company", 23, 26, "𠮷野家");
    has("brand", 23, 27, "𠮷野家😀");
    has("address", 27, 29, "北京");
    has("brand", 26, 29, "😀北京");
    has("name", 32, 37, "👨\u{200d}👩\u{200d}👧");
    has("address", 37, 39, "上海");
    has("scene", 31, 38, "，👨\u{200d}👩\u{200d}👧上");
    has("company", 42, 48, "ＡＢＣ１２３");
    has("punct", 48, 49, "，");
    has("address", 60, 62, "北京");
    has("government", 60, 62, "北京");
    assert_eq!(spans.len(), 18);
    assert_eq!(
        spans_of(&dir, "cluener_roundtrip_2"),
        vec![("name".into(), 0, 1, "𠮷".into())]
    );
    let out = tmp.path().join("out.jsonl");
    let r = export(&dir, &out);
    assert_eq!(r.code, 0, "{r:?}");
    let first = std::fs::read_to_string(&fixture).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    // And again through a second project: the same spans.
    let (_tmp2, dir2) = new_project();
    let r = import(&dir2, &out);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(spans_of(&dir2, "out_1"), spans);
}

#[test]
fn bad_files_are_refused_whole_with_file_and_line() {
    let (tmp, dir) = new_project();
    let good = std::fs::read_to_string(roundtrip_fixture()).unwrap();
    let first = good.lines().next().unwrap();
    let cases = [
        (
            "broken.jsonl",
            format!("{first}\n{{\"text\": \"北京\", \"label\": {{\n"),
            2,
            "EOF while parsing",
        ),
        (
            "past.jsonl",
            format!(
                "{first}\n\n{}\n",
                r#"{"text": "北京", "label": {"address": {"北京": [[0, 2]]}}}"#
            ),
            3,
            "does not fit the text of 2 chars",
        ),
        (
            "moved.jsonl",
            format!(
                "{}\n",
                r#"{"text": "在北京", "label": {"address": {"北京": [[0, 1]]}}}"#
            ),
            1,
            "address \"北京\" is not at [0, 1]",
        ),
        (
            "not_a_range.jsonl",
            format!(
                "{first}\n{}\n",
                r#"{"text": "北京", "label": {"address": {"北京": [[0, 1, 2]]}}}"#
            ),
            2,
            "a range is [start, end], not [0, 1, 2]",
        ),
        (
            "no_label_name.jsonl",
            format!(
                "{}\n",
                r#"{"text": "北京", "label": {"": {"北京": [[0, 1]]}}}"#
            ),
            1,
            "has no label",
        ),
    ];
    let ron = dir.join("project.ron");
    let before = std::fs::read(&ron).unwrap();
    for (name, content, line, says) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, content).unwrap();
        let r = import(&dir, &f);
        assert_ne!(r.code, 0, "{name}: {r:?}");
        let want = format!("{}:{line}: ", f.display());
        assert!(r.all().contains(&want), "{name}: wants {want}: {r:?}");
        assert!(r.all().contains(says), "{name}: wants {says}: {r:?}");
        assert_eq!(
            std::fs::read(&ron).unwrap(),
            before,
            "{name}: project changed"
        );
        assert!(
            !dir.join("documents").exists()
                || std::fs::read_dir(dir.join("documents")).unwrap().count() == 0,
            "{name}: a document was written"
        );
    }
}

#[test]
fn cluener_is_detected_and_map_renames_for_cluener() {
    let (tmp, dir) = new_project();
    let f = roundtrip_fixture();
    let r = run(&[OsStr::new("import"), dir.as_os_str(), f.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.all().contains("format: cluener"), "{r:?}");
    let out = tmp.path().join("mapped.jsonl");
    let r = run(&[
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("cluener"),
        OsStr::new("--map"),
        OsStr::new("address=LOC,name=PER"),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let back = std::fs::read_to_string(&out).unwrap();
    let v = parsed(back.lines().nth(1).unwrap());
    assert_eq!(v["label"]["PER"]["𠮷"], serde_json::json!([[0, 0]]));
    let v = parsed(back.lines().next().unwrap());
    assert_eq!(
        v["label"]["LOC"]["北京"],
        serde_json::json!([[27, 28], [60, 61]])
    );
    assert!(v["label"].get("address").is_none());
}
