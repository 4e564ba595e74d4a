//! doccano JSONL through the command line: the real files doccano's repository ships, a
//! round trip over a text whose UTF-16 offsets differ from its char offsets, the sample
//! project's events, and bad files refused whole with their line.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "support/bin.rs"]
mod support;
use support::{Run, bz};

fn new_project(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    dir
}

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("import"), dir.as_os_str(), file.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn export(dir: &Path, out: &Path, format: &str, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/interop/doccano")
        .join(name)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The project as biaozhu's JSON corpus.
fn corpus(dir: &Path) -> Value {
    let out = dir.with_extension("corpus.json");
    let r = export(dir, &out, "json", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&read(&out)).unwrap()
}

/// (text, [(start, end, kind, label, surface)]) of every document, spans sorted.
type Spans = Vec<(u64, u64, String, String, String)>;

fn docs(c: &Value) -> Vec<(String, Spans)> {
    c["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = d["text"].as_str().unwrap().to_string();
            let chars: Vec<char> = text.chars().collect();
            let mut spans: Spans = d["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
                    (
                        a,
                        b,
                        s["kind"].as_str().unwrap().to_string(),
                        s["label"].as_str().unwrap().to_string(),
                        chars[a as usize..b as usize].iter().collect(),
                    )
                })
                .collect();
            spans.sort();
            (text, spans)
        })
        .collect()
}

/// Every event as (type, trigger range, [(role, argument range)]), sorted.
type Events = Vec<(String, (u64, u64), Vec<(String, (u64, u64))>)>;

fn events(d: &Value) -> Events {
    let range = |id: &Value| {
        let s = d["spans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == *id)
            .unwrap();
        (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap())
    };
    let mut out: Events = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut args: Vec<(String, (u64, u64))> = e["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["role"].as_str().unwrap().to_string(), range(&a["span"])))
                .collect();
            args.sort();
            (
                e["type"].as_str().unwrap().to_string(),
                range(&e["trigger"]),
                args,
            )
        })
        .collect();
    out.sort();
    out
}

fn span(
    a: u64,
    b: u64,
    kind: &str,
    label: &str,
    surface: &str,
) -> (u64, u64, String, String, String) {
    (a, b, kind.into(), label.into(), surface.into())
}

#[test]
fn doccanos_own_files_import_with_their_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");

    let r = import(
        &dir,
        &fixture("data_export_sequence_labeling_example.jsonl"),
        &[],
    );
    assert_ne!(r.code, 2, "{r:?}");
    let d = docs(&corpus(&dir));
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].0, "EU rejects German call to boycott British lamb.");
    assert_eq!(
        d[0].1,
        vec![
            span(0, 2, "entity", "ORG", "EU"),
            span(11, 17, "entity", "MISC", "German")
        ]
    );
    assert_eq!(d[2].1, vec![span(10, 15, "entity", "PERSON", "Obama")]);

    // The same span twice: imported once, with a line.
    let f = fixture("api_tests_sequence_labeling_example_overlapping.jsonl");
    let r = import(&dir, &f, &[]);
    assert!(r.all().contains("there twice; imported once"), "{r:?}");
    assert!(r.all().contains(&format!("{}:1:", f.display())), "{r:?}");
    let d = docs(&corpus(&dir));
    assert_eq!(d[3].1, vec![span(0, 1, "entity", "LOC", "e")]);

    // Nested spans of the API tests stay nested.
    let r = import(
        &dir,
        &fixture("api_tests_sequence_labeling_example.jsonl"),
        &[],
    );
    assert_ne!(r.code, 2, "{r:?}");
    let d = docs(&corpus(&dir));
    assert_eq!(
        d[4].1,
        vec![
            span(0, 1, "entity", "LOC", "e"),
            span(0, 2, "entity", "ORG", "ex")
        ]
    );

    // A pretty-printed record after a blank line, with relations between entities.
    let f = fixture("data_import_relation_extraction_example.jsonl");
    let r = import(&dir, &f, &[]);
    assert!(
        r.all().contains(&format!(
            "{}:2: relation foundedAt from ORG \"Google\"",
            f.display()
        )),
        "{r:?}"
    );
    let c = corpus(&dir);
    let d = docs(&c);
    assert_eq!(
        d[7].1,
        vec![
            span(0, 6, "entity", "ORG", "Google"),
            span(22, 39, "figure", "DATE", "September 4, 1998"),
            span(44, 54, "entity", "PERSON", "Larry Page"),
            span(59, 70, "entity", "PERSON", "Sergey Brin"),
        ]
    );
    assert!(events(&c["documents"][7]).is_empty());

    // The frontend's download: numeric label ids kept as labels, and said.
    let r = import(
        &dir,
        &fixture("frontend_download_sequence_labeling_example.jsonl"),
        &[],
    );
    assert!(r.all().contains("label 2 is a doccano label id"), "{r:?}");
    let d = docs(&corpus(&dir));
    assert_eq!(d[8].1, vec![span(0, 2, "entity", "2", "EU")]);
    assert_eq!(d[9].1, vec![span(0, 15, "entity", "1", "Peter Blackburn")]);
}

/// CRLF, full-width chars, 😀 (2 units), 𠮷 (2 units), 👨‍👩‍👧 (5 chars, 8 units).
const TEXT: &str = "甲ＡＢＣ１２３，😀乙𠮷丙👨\u{200d}👩\u{200d}👧丁\r\n第二行😀😀北京";

/// (start, end) in chars and in UTF-16 units of the `nth` occurrence of `needle`.
fn find(needle: &str) -> ((u64, u64), (u64, u64)) {
    let b = TEXT.find(needle).unwrap();
    let chars = |s: &str| s.chars().count() as u64;
    let units = |s: &str| s.encode_utf16().count() as u64;
    let pre = &TEXT[..b];
    (
        (chars(pre), chars(pre) + chars(needle)),
        (units(pre), units(pre) + units(needle)),
    )
}

const MARKS: [(&str, &str); 9] = [
    ("ＡＢＣ", "FW"),
    ("１２３，", "NUM"),
    ("😀", "EMOJI"),
    ("乙", "AFTER_EMOJI"),
    ("𠮷", "EXT_B"),
    ("丙", "AFTER_EXT_B"),
    ("👨\u{200d}👩\u{200d}👧", "FAMILY"),
    ("丁\r\n第", "ACROSS_CRLF"),
    ("北京", "LOC"),
];

#[test]
fn utf16_offsets_round_trip_over_emoji_ext_b_and_crlf() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("emoji.jsonl");
    let label: Vec<Value> = MARKS
        .iter()
        .map(|(n, l)| {
            let (_, (a, b)) = find(n);
            serde_json::json!([a, b, l])
        })
        .collect();
    let rec = serde_json::json!({"id": "emoji", "text": TEXT, "label": label});
    std::fs::write(&src, format!("{rec}\n")).unwrap();

    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &src, &["--format", "doccano"]);
    assert_ne!(r.code, 2, "{r:?}");
    let first = docs(&corpus(&dir));
    assert_eq!(first[0].0, TEXT, "the text as it was, CRLF kept");
    let mut want: Spans = MARKS
        .iter()
        .map(|(n, l)| {
            let ((a, b), _) = find(n);
            span(a, b, "entity", l, n)
        })
        .collect();
    want.sort();
    assert_eq!(first[0].1, want, "each span on its chars");

    // Export: UTF-16 offsets again, the same as written.
    let out = tmp.path().join("out.jsonl");
    let r = export(&dir, &out, "doccano", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let back: Value = serde_json::from_str(read(&out).lines().next().unwrap()).unwrap();
    assert_eq!(back["text"], TEXT);
    let mut got: Vec<(u64, u64, String)> = back["label"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x[0].as_u64().unwrap(),
                x[1].as_u64().unwrap(),
                x[2].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let mut expected: Vec<(u64, u64, String)> = MARKS
        .iter()
        .map(|(n, l)| {
            let (_, (a, b)) = find(n);
            (a, b, l.to_string())
        })
        .collect();
    expected.sort();
    assert_eq!(got, expected);

    // And in again: the same spans.
    let dir2 = new_project(tmp.path(), "q");
    let r = import(&dir2, &out, &[]);
    assert_ne!(r.code, 2, "{r:?}");
    assert_eq!(docs(&corpus(&dir2)), first);
}

#[test]
fn the_sample_projects_events_round_trip_as_entities_and_relations() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let out = tmp.path().join("sample.jsonl");
    let r = export(&sample, &out, "doccano", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let rec: Value = serde_json::from_str(read(&out).lines().next().unwrap()).unwrap();
    assert!(rec.get("label").is_none(), "events: the relation shape");
    let rels = rec["relations"].as_array().unwrap();
    assert!(rels.iter().any(|r| r["type"] == "主体"), "{rels:?}");

    let orig = corpus_of(&sample, tmp.path());
    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &out, &[]);
    assert_ne!(r.code, 2, "{r:?}");
    let back = corpus(&dir);
    assert_eq!(
        docs(&back)[0].1,
        docs(&orig)[0].1,
        "spans, kinds and labels"
    );
    let (a, b) = (events(&orig["documents"][0]), events(&back["documents"][0]));
    assert_eq!(a.len(), 10);
    assert_eq!(a, b, "events, triggers and roles");
}

/// The corpus of a project that is not to be touched (exported outside it).
fn corpus_of(dir: &Path, tmp: &Path) -> Value {
    let out = tmp.join("orig.corpus.json");
    let r = export(dir, &out, "json", &[]);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&read(&out)).unwrap()
}

#[test]
fn bad_files_are_refused_whole_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let before = read(&dir.join("project.ron"));
    let good = r#"{"text": "甘肃省总工会", "label": [[0, 6, "ORG"]]}"#;
    let cases: [(&str, String, &str); 5] = [
        (
            "broken.jsonl",
            format!("{good}\n{good}\n{{\"text\": \"x\", \"label\": [[0, 1, \"A\"]\n"),
            ":3: not JSON",
        ),
        (
            "past.jsonl",
            format!(
                "{good}\n{}\n",
                r#"{"text": "北京", "label": [[0, 3, "LOC"]]}"#
            ),
            ":2: span LOC [0,3,\"LOC\"]: offset 3 is past the end of the text (2 UTF-16 units",
        ),
        (
            "surrogate.jsonl",
            format!("\n{}\n", r#"{"text": "😀北京", "label": [[1, 4, "LOC"]]}"#),
            ":2: span LOC [1,4,\"LOC\"]: offset 1 is inside '😀'",
        ),
        (
            "notext.jsonl",
            format!("{good}\n{}\n", r#"{"label": []}"#),
            ":2: the record has no \"text\"",
        ),
        (
            "backwards.jsonl",
            format!("{}\n", r#"{"text": "北京", "label": [[2, 0, "LOC"]]}"#),
            ":1: span LOC [2, 0) does not fit",
        ),
    ];
    for (name, body, says) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, body).unwrap();
        let r = import(&dir, &f, &["--format", "doccano"]);
        assert_ne!(r.code, 0, "{name}: {r:?}");
        let want = format!("{}{says}", f.display());
        assert!(r.stderr.contains(&want), "{name}: want {want:?} in {r:?}");
        assert_eq!(
            read(&dir.join("project.ron")),
            before,
            "{name}: project unchanged"
        );
        assert!(
            std::fs::read_dir(dir.join("documents"))
                .map(|d| d.count() == 0)
                .unwrap_or(true),
            "{name}: no document written"
        );
    }
}
