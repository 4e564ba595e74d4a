//! spaCy / Prodigy span records (JSONL, `token_end` inclusive): records that spaCy itself
//! tokenised import with the right spans and export with the same tokens, a text with CRLF,
//! full-width chars, 😀, 👨‍👩‍👧 and 𠮷 round-trips, spans on whitespace are trimmed with a
//! note, and bad files are refused whole with the file and the line.

#[path = "support/bin.rs"]
mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use support::{Run, bz};

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    (tmp, dir)
}

fn import(dir: &Path, file: &Path, format: &str) -> Run {
    bz([
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
    ])
}

fn export(dir: &Path, out: &Path) -> Run {
    bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("spacy"),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// (label, start, end exclusive, surface) of every span of document `id`, sorted.
fn spans_of(dir: &Path, id: &str) -> Vec<(String, u32, u32, String)> {
    let p = biaozhu::store::load(dir, "main", &mut |_, _| true).unwrap();
    let d = p
        .documents
        .iter()
        .find(|d| d.meta.id == id)
        .unwrap_or_else(|| panic!("no document {id}"));
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

fn lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every span's token_start and token_end (inclusive) fall on its start and end.
fn tokens_agree(rec: &serde_json::Value) {
    let toks = rec["tokens"].as_array().unwrap();
    for s in rec["spans"].as_array().unwrap() {
        let ts = s["token_start"].as_u64().unwrap() as usize;
        let te = s["token_end"].as_u64().unwrap() as usize;
        assert_eq!(toks[ts]["start"], s["start"], "{s}");
        assert_eq!(toks[te]["end"], s["end"], "{s}");
    }
}

#[test]
fn records_spacy_tokenised_import_and_export_with_spacys_own_tokens() {
    let (tmp, dir) = new_project();
    let f = fixture("spacy_prodigy_zh.jsonl");
    let r = import(&dir, &f, "spacy");
    // The rejected Prodigy answer is skipped, and said so with its line (exit 1: problems).
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.all()
            .contains("spacy_prodigy_zh.jsonl: line 3: Prodigy answer \"reject\": record skipped"),
        "{r:?}"
    );
    assert_eq!(
        spans_of(&dir, "news1"),
        vec![
            ("DATE".into(), 6, 12, "10月19日".into()),
            ("LOC".into(), 13, 15, "兰州".into()),
            ("ORG".into(), 0, 6, "甘肃省总工会".into()),
        ]
    );
    assert_eq!(
        spans_of(&dir, "news2"),
        vec![
            ("LOC".into(), 6, 11, "Tokyo".into()),
            ("ORG".into(), 0, 3, "𠮷野家".into()),
            ("PER".into(), 17, 22, "👨\u{200d}👩\u{200d}👧".into()),
        ]
    );
    let out = tmp.path().join("out.jsonl");
    let r = export(&dir, &out);
    assert_eq!(r.code, 0, "{r:?}");
    let theirs = lines(&f);
    let ours = lines(&out);
    assert_eq!(ours.len(), 2);
    for (a, b) in theirs.iter().zip(&ours) {
        assert_eq!(a["text"], b["text"]);
        // The same tokens spaCy made, field by field.
        assert_eq!(a["tokens"], b["tokens"], "{}", a["text"]);
        let mut sa = a["spans"].as_array().unwrap().clone();
        let mut sb = b["spans"].as_array().unwrap().clone();
        sa.sort_by_key(|s| s["start"].as_u64());
        sb.sort_by_key(|s| s["start"].as_u64());
        assert_eq!(sa, sb);
        tokens_agree(b);
    }
    assert_eq!(ours[1]["meta"]["id"], "news2");
}

#[test]
fn crlf_full_width_emoji_and_astral_chars_round_trip() {
    let (tmp, dir) = new_project();
    let r = import(&dir, &fixture("cluener_roundtrip.jsonl"), "cluener");
    assert_eq!(r.code, 0, "{r:?}");
    let before = spans_of(&dir, "cluener_roundtrip_1");
    assert_eq!(before.len(), 18);
    let out = tmp.path().join("rt.jsonl");
    let r = export(&dir, &out);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.all().contains("trimmed"), "{r:?}");
    assert!(
        r.all().contains("with overlapping spans: all are written"),
        "{r:?}"
    );
    let recs = lines(&out);
    for rec in &recs {
        tokens_agree(rec);
    }
    // 北京 right after 😀: "\r\n" is token 21 (chars 21 and 22), 𠮷 野 家 😀 are 22..=25.
    let first = &recs[0];
    let bj = first["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == 27 && s["label"] == "address")
        .unwrap();
    assert_eq!(
        (bj["token_start"].as_u64(), bj["token_end"].as_u64()),
        (Some(26), Some(27))
    );
    assert_eq!(first["tokens"][21]["text"], "\r\n");
    let (_tmp2, dir2) = new_project();
    let r = import(&dir2, &out, "spacy");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(spans_of(&dir2, "cluener_roundtrip_1"), before);
    assert_eq!(
        spans_of(&dir2, "cluener_roundtrip_2"),
        vec![("name".into(), 0, 1, "𠮷".into())]
    );
}

#[test]
fn spans_on_whitespace_spacy_does_not_cut_are_trimmed_or_left_out_with_a_note() {
    let (tmp, dir) = new_project();
    // 甲0 ␠1 乙2 丙3 ␠4 ␠5 丁6: the spaces at 1 and 4 are 甲's and 丙's `ws`, no token.
    let f = tmp.path().join("ws.jsonl");
    std::fs::write(
        &f,
        r#"{"text": "甲 乙丙  丁", "label": {"a": {" 乙": [[1, 2]]}, "b": {" ": [[1, 1]]}, "c": {"  丁": [[4, 6]]}, "d": {" 丁": [[5, 6]]}}}"#,
    )
    .unwrap();
    let r = import(&dir, &f, "cluener");
    assert_eq!(r.code, 0, "{r:?}");
    let out = tmp.path().join("ws_out.jsonl");
    let r = export(&dir, &out);
    assert_eq!(r.code, 0, "{r:?}");
    let all = r.all();
    assert!(
        all.contains("ws_1: span a [1, 3) starts or ends on whitespace spaCy does not cut there; written trimmed to [2, 3)"),
        "{all}"
    );
    assert!(
        all.contains("ws_1: span b [1, 2) is only whitespace"),
        "{all}"
    );
    assert!(all.contains("span c [4, 7)"), "{all}");
    let rec = &lines(&out)[0];
    tokens_agree(rec);
    let got: Vec<(u64, u64, &str)> = rec["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap(),
            )
        })
        .collect();
    // d starts on the whitespace token " " (5) and is kept as it is.
    assert_eq!(got, vec![(2, 3, "a"), (5, 7, "d"), (6, 7, "c")]);
}

#[test]
fn bad_files_are_refused_whole_with_file_and_line() {
    let (tmp, dir) = new_project();
    let good = std::fs::read_to_string(fixture("spacy_prodigy_zh.jsonl")).unwrap();
    let first = good.lines().next().unwrap();
    let cases = [
        (
            "broken.jsonl",
            format!("{first}\n{{\"text\": \"北京\", \"spans\": [\n"),
            2,
            "EOF while parsing".to_string(),
        ),
        (
            "past.jsonl",
            format!(
                "{first}\n\n{}\n",
                r#"{"text": "北京", "spans": [{"start": 0, "end": 3, "label": "LOC"}]}"#
            ),
            3,
            "span 0 LOC [0, 3) does not fit the text of 2 chars".to_string(),
        ),
        (
            "token_end.jsonl",
            format!(
                "{}\n",
                first.replace("\"token_end\": 14", "\"token_end\": 15")
            ),
            1,
            "ends at char 15 but its token_end 15 (inclusive) ends at char 16".to_string(),
        ),
        (
            "token_text.jsonl",
            format!(
                "{first}\n{}\n",
                first.replace(
                    "{\"text\": \"甘\", \"start\": 0",
                    "{\"text\": \"甲\", \"start\": 0"
                )
            ),
            2,
            "token 0 \"甲\" is not at [0, 1) (found \"甘\")".to_string(),
        ),
        (
            "no_label.jsonl",
            format!(
                "{}\n",
                r#"{"text": "北京", "spans": [{"start": 0, "end": 2}]}"#
            ),
            1,
            "missing field `label`".to_string(),
        ),
    ];
    let ron = dir.join("project.ron");
    let before = std::fs::read(&ron).unwrap();
    for (name, content, line, says) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, content).unwrap();
        let r = import(&dir, &f, "spacy");
        assert_ne!(r.code, 0, "{name}: {r:?}");
        let want = format!("{}:{line}: ", f.display());
        assert!(r.all().contains(&want), "{name}: wants {want}: {r:?}");
        assert!(r.all().contains(&says), "{name}: wants {says}: {r:?}");
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
fn spacy_records_are_detected() {
    let (_tmp, dir) = new_project();
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        fixture("spacy_prodigy_zh.jsonl").as_os_str(),
    ]);
    assert_eq!(r.code, 1, "one record skipped: {r:?}");
    assert!(r.all().contains("format: spacy"), "{r:?}");
}
