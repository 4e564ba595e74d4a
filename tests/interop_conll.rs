//! CoNLL token tags against real files: MSRA NER (BIO, tab) back byte for byte with every
//! span right, spaCy's word-per-line IOB, and round trips of a text with CRLF, full-width
//! chars, 😀, 👨‍👩‍👧 and 𠮷 in every scheme; bad files refused with file and line.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

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

fn export(dir: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("export"), dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// (start, end, label, surface) of every span of every document, from an hf-spans export.
fn spans(dir: &Path) -> Vec<(String, u32, u32, String, String)> {
    let r = export(dir, &["--format", "hf-spans"]);
    assert_eq!(r.code, 0, "{r:?}");
    let mut out = Vec::new();
    for l in r.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        for s in v["spans"].as_array().unwrap() {
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            out.push((
                v["id"].as_str().unwrap().to_string(),
                a as u32,
                b as u32,
                s["label"].as_str().unwrap().to_string(),
                text[a as usize..b as usize].iter().collect(),
            ));
        }
    }
    out
}

#[test]
fn msra_comes_back_byte_for_byte_with_every_span_right() {
    let src_path = shared("dev/ner/msra_train_bio.first20000.txt");
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "msra");
    let r = import(&dir, &src_path, &["--format", "conll"]);
    assert_eq!(r.code, 1, "problems were found: {r:?}");
    // MSRA has 45 `0<TAB>` lines: read as O, and said.
    assert!(
        r.all().contains("45 tokens have an empty tag: read as O"),
        "{r:?}"
    );
    let out = tmp.path().join("msra.conll");
    let r = export(&dir, &["--format", "conll", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    let src = std::fs::read_to_string(&src_path).unwrap();
    let want: String = src
        .lines()
        .map(|l| match l.strip_suffix('\t') {
            Some(tok) => format!("{tok}\tO\n"),
            None => format!("{l}\n"),
        })
        .collect();
    let got = std::fs::read_to_string(&out).unwrap();
    assert!(got == want, "the export differs from MSRA");
    // Every span, by an independent reading of the tags: sentences joined with \n.
    let mut expect = Vec::new();
    let (mut pos, mut open): (u32, Option<(u32, String)>) = (0, None);
    let mut first = true;
    for l in src.lines() {
        if l.is_empty() {
            if let Some((s, lab)) = open.take() {
                expect.push((s, pos, lab));
            }
            pos += 1; // the \n between sentences
            first = true;
            continue;
        }
        first = false;
        let (_, tag) = l.split_once('\t').unwrap();
        let close = !tag.starts_with("I-");
        if close && let Some((s, lab)) = open.take() {
            expect.push((s, pos, lab));
        }
        if let Some(lab) = tag.strip_prefix("B-") {
            open = Some((pos, lab.to_string()));
        }
        pos += 1;
    }
    assert!(!first);
    if let Some((s, lab)) = open.take() {
        expect.push((s, pos, lab));
    }
    let got: Vec<(u32, u32, String)> = spans(&dir)
        .into_iter()
        .map(|(_, a, b, l, _)| (a, b, l))
        .collect();
    assert_eq!(got.len(), 32666);
    assert_eq!(got, expect);
}

#[test]
fn spacy_iob_reads_word_tokens_with_their_spans() {
    let f = shared("fixtures/interop/spacy/spacy_ner-token-per-line.iob");
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let r = import(&dir, &f, &["--format", "conll", "--tokens", "word"]);
    assert_eq!(r.code, 0, "{r:?}");
    let got = spans(&dir);
    let find = |surface: &str| {
        got.iter()
            .find(|s| s.4 == surface)
            .map(|s| (s.1, s.2, s.3.as_str()))
    };
    assert_eq!(find("Sebastian Thrun"), Some((5, 20, "PERSON")));
    assert_eq!(find("Google"), Some((61, 67, "ORG")));
    assert_eq!(find("2007"), Some((71, 75, "DATE")));
    assert_eq!(got.len(), 7, "{got:?}");
    // And the text reads as English: `self-driving`, `2007, few`.
    let r = export(&dir, &["--format", "hf-spans"]);
    assert!(
        r.stdout
            .contains("When Sebastian Thrun started working on self-driving cars at Google in 2007, few people"),
        "{}",
        r.stdout
    );
}

/// A text with CRLF, full-width chars, 😀, a ZWJ family and 𠮷, spans right after and around
/// each, one across a sentence end inside a line, and the hf-spans lines to import it.
const TEXT: &str = "【本报电】𠮷野家😀北京开店。开会了。\r\n全角ＡＢＣ１２３，👨‍👩‍👧一家在上海。\r\n";

fn corpus(tmp: &Path) -> (PathBuf, Vec<(String, String)>) {
    let chars: Vec<char> = TEXT.chars().collect();
    let at = |surface: &str| -> (usize, usize) {
        let s: Vec<char> = surface.chars().collect();
        let i = chars
            .windows(s.len())
            .position(|w| w == s.as_slice())
            .unwrap();
        (i, i + s.len())
    };
    let want = [
        ("𠮷野家", "ORG"),
        ("北京", "LOC"),
        ("开店。开会", "EVENTLIKE"),
        ("ＡＢＣ１２３", "ORG"),
        ("👨‍👩‍👧", "PER"),
        ("一家", "PER"),
        ("上海", "LOC"),
    ];
    let spans: Vec<serde_json::Value> = want
        .iter()
        .map(|(s, l)| {
            let (a, b) = at(s);
            serde_json::json!({"start": a, "end": b, "label": l})
        })
        .collect();
    let line = serde_json::json!({"id": "news", "text": TEXT, "spans": spans});
    let f = tmp.join("news.jsonl");
    std::fs::write(&f, format!("{line}\n")).unwrap();
    (
        f,
        want.iter()
            .map(|(s, l)| (l.to_string(), s.to_string()))
            .collect(),
    )
}

#[test]
fn round_trips_keep_every_span_in_every_scheme_and_for_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (f, want) = corpus(tmp.path());
    let dir = new_project(tmp.path(), "src");
    let r = import(&dir, &f, &["--format", "hf-spans"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lf: Vec<char> = TEXT.replace('\r', "").chars().collect();
    let lf_trimmed = lf.len() - 1; // the final line end reads back as nothing
    for scheme in ["bio", "iob1", "bioes", "bmes"] {
        for (tokens, sep) in [("char", "tab"), ("word", "tab"), ("char", "space")] {
            let case = format!("{scheme} {tokens} {sep}");
            let out = tmp.path().join(format!("{scheme}-{tokens}-{sep}.conll"));
            let mut args = vec!["--format", "conll", "--scheme", scheme, "--tokens", tokens];
            args.extend(["--sep", sep, "--out", out.to_str().unwrap()]);
            let r = export(&dir, &args);
            assert_eq!(r.code, 0, "{case}: {r:?}");
            // The CR of each CRLF and the final line end cannot be written: said.
            assert!(r.stderr.contains("2 CR of CRLF line ends"), "{case}: {r:?}");
            let back = new_project(tmp.path(), &format!("back-{scheme}-{tokens}-{sep}"));
            let mut args = vec!["--format", "conll", "--scheme", scheme, "--tokens", tokens];
            args.extend(["--sep", sep]);
            let r = import(&back, &out, &args);
            assert_eq!(r.code, 0, "{case}: {r:?}");
            let got = spans(&back);
            let pairs: Vec<(String, String)> =
                got.iter().map(|s| (s.3.clone(), s.4.clone())).collect();
            assert_eq!(pairs, want, "{case}");
            // Offsets: those of the text without its CRs.
            for s in &got {
                let surface: String = lf[s.1 as usize..s.2 as usize].iter().collect();
                assert_eq!(surface, s.4, "{case}");
                assert!((s.2 as usize) <= lf_trimmed);
            }
        }
    }
}

#[test]
fn overlaps_and_spans_across_lines_are_noted_not_dropped_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("o.jsonl");
    std::fs::write(
        &f,
        r#"{"id": "o", "text": "甘肃省总工会在\n兰州", "spans": [{"start": 0, "end": 6, "label": "ORG"}, {"start": 0, "end": 3, "label": "LOC"}, {"start": 6, "end": 9, "label": "X"}]}
"#,
    )
    .unwrap();
    let dir = new_project(tmp.path(), "p");
    assert_eq!(import(&dir, &f, &["--format", "hf-spans"]).code, 0);
    let r = export(&dir, &["--format", "conll"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("1 nested or overlapping span left out (keep longest, --nested longest) in 1 record (o), by label LOC 1; the first LOC [0, 3) in o"),
        "{r:?}"
    );
    assert!(r.stdout.starts_with("甘\tB-ORG\n"), "{}", r.stdout);
    // A span of only a space, with no space token (--sep space): left out, and said.
    let f = tmp.path().join("w.jsonl");
    std::fs::write(
        &f,
        r#"{"id": "w", "text": "北京 上海", "spans": [{"start": 2, "end": 3, "label": "GAP"}]}
"#,
    )
    .unwrap();
    let p2 = new_project(tmp.path(), "p2");
    assert_eq!(import(&p2, &f, &["--format", "hf-spans"]).code, 0);
    let r = export(&p2, &["--format", "conll", "--sep", "space"]);
    assert!(
        r.stderr
            .contains("w: left out 1 span holding only chars that are not written")
            && r.stdout == "北 O\n京 O\n上 O\n海 O\n",
        "{r:?}"
    );
    let r = export(&dir, &["--format", "conll", "--nested", "inner"]);
    assert!(r.stdout.starts_with("甘\tB-LOC\n"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("across a line end (a sentence cannot hold a line end)"),
        "{r:?}"
    );
}

#[test]
fn bad_files_name_file_and_line_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let before = std::fs::read_to_string(dir.join("project.ron")).unwrap();
    for (name, src, line, what) in [
        (
            "unknown.conll",
            "甘\tB-ORG\n肃\tI-ORG\n\n兰\tQ-LOC\n",
            4,
            "unknown tag \"Q-LOC\"",
        ),
        (
            "bmes.conll",
            "甘\tB-ORG\n肃\tM-ORG\n会\tE-ORG\n",
            2,
            "--scheme bmes",
        ),
        ("notag.conll", "甘\tO\n肃\n", 2, "has no tag"),
    ] {
        let f = tmp.path().join(name);
        std::fs::write(&f, src).unwrap();
        let r = import(&dir, &f, &["--format", "conll"]);
        assert_ne!(r.code, 0, "{r:?}");
        let at = format!("{}:{line}:", f.display());
        assert!(
            r.stderr.contains(&at) && r.stderr.contains(what),
            "{name}: {r:?}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("project.ron")).unwrap(),
            before
        );
        let docs = std::fs::read_dir(dir.join("documents"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(docs, 0, "{name}");
    }
}

#[test]
fn sloppy_tags_are_repaired_with_a_line_each() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let f = tmp.path().join("weibo.bmes");
    // Weibo NER: digits glued to chars, .NAM labels; an M- without B-.
    std::fs::write(&f, "我0\tO\n张0\tM-PER.NAM\n三1\tE-PER.NAM\n说0\tO\n").unwrap();
    let r = import(&dir, &f, &["--format", "conll", "--scheme", "bmes"]);
    assert_eq!(r.code, 1, "problems were found: {r:?}");
    assert!(
        r.all()
            .contains(&format!("{}: line 2: M-PER.NAM after O", f.display())),
        "{r:?}"
    );
    let got = spans(&dir);
    assert_eq!(got[0].3, "PER.NAM");
    assert_eq!(got[0].4, "张三");
}

#[test]
fn a_span_inside_a_jieba_word_splits_the_word_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("w.jsonl");
    // 工会 is one jieba word; the span 会在 begins inside it.
    std::fs::write(
        &f,
        r#"{"id": "w", "text": "甘肃省总工会在兰州召开推进会。", "spans": [{"start": 5, "end": 7, "label": "X"}]}
"#,
    )
    .unwrap();
    let dir = new_project(tmp.path(), "p");
    assert_eq!(import(&dir, &f, &["--format", "hf-spans"]).code, 0);
    let out = tmp.path().join("w.conll");
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--tokens",
            "word",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("jieba words were split at span boundaries"),
        "{r:?}"
    );
    let src = std::fs::read_to_string(&out).unwrap();
    assert!(src.contains("会\tB-X\n"), "{src}");
    assert!(src.contains("兰州\tO\n"), "words are words: {src}");
    let back = new_project(tmp.path(), "back");
    let r = import(&back, &out, &["--format", "conll", "--tokens", "word"]);
    assert_eq!(r.code, 0, "{r:?}");
    let got = spans(&back);
    assert_eq!((got[0].1, got[0].2, got[0].4.as_str()), (5, 7, "会在"));
}
