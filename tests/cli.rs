//! The command line, run as a process: exit 0 ok, 1 problems found, 2 error.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use biaozhu::store::sha256_hex;

#[path = "support/bin.rs"]
mod bin;
use bin::{Run, bz};
#[path = "support/duee.rs"]
mod duee;

/// A temp folder holding a new project `proj`.
fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("proj");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    (tmp, dir)
}

fn import(dir: &Path, files: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("import"), dir.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn export(dir: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("export"), dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn txt_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("documents"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

const NEWS: &str =
    "【本报北京10月24日电】𠮷野家😀在北京开店。\r\n全国总工会今天召开推进会，86个县区参加。\r\n";

/// A project with `news.txt` (NEWS) imported, and its layer `layer` written by hand.
fn project_with_layer(layer: &str, spans: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("news.txt");
    std::fs::write(&f, NEWS).unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    write_layer(&dir, "news", layer, NEWS, spans);
    (tmp, dir)
}

/// Write `annotations/<doc>/<layer>.ron` for `text`, with `spans` (RON list items).
fn write_layer(dir: &Path, doc: &str, layer: &str, text: &str, spans: &str) -> PathBuf {
    let path = dir
        .join("annotations")
        .join(doc)
        .join(format!("{layer}.ron"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let ron = format!(
        "(\n    format: \"biaozhu-layer\",\n    version: 1,\n    document: \"{doc}\",\n    \
         text_chars: {},\n    text_sha256: \"{}\",\n    status: InProgress,\n    \
         spans: [\n{spans}    ],\n)\n",
        text.chars().count(),
        sha256_hex(text.as_bytes()),
    );
    std::fs::write(&path, ron).unwrap();
    path
}

/// Offsets in NEWS (code points): 北京 #2 at 18..20 (after 😀 at 16), 𠮷野家 13..16,
/// 全国总工会 25..30 (after the CRLF at 23..25), 86个 38..41.
const SPANS: &str = "        (id: \"T1\", start: 13, end: 16, kind: Entity, label: \"ORG\"),
        (id: \"T2\", start: 18, end: 20, kind: Entity, label: \"LOC\"),
        (id: \"T3\", start: 22, end: 27, kind: Argument, label: \"ARG\", note: Some(\"跨行\")),
        (id: \"T4\", start: 25, end: 30, kind: Entity, label: \"ORG\"),
        (id: \"T5\", start: 38, end: 41, kind: Figure, label: \"QUANTITY\", value: Some((kind: Quantity, number: Some(86.0), unit: Some(\"个\")))),
        (id: \"T6\", start: 3, end: 5, kind: Entity, label: \"LOC\", source: Suggested, status: Pending),
        (id: \"T7\", start: 0, end: 1, kind: Entity, label: \"PER\", source: Suggested, status: Rejected),
";

// ---- new ---------------------------------------------------------------------------------

#[test]
fn new_creates_project_ron_and_a_second_new_fails_naming_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("工人日报");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("created"), "{r:?}");
    let src = read(&dir.join("project.ron"));
    assert!(src.contains("format: \"biaozhu-project\""), "{src}");
    assert!(src.contains("version: 1"));
    assert!(
        src.contains("name: \"工人日报\""),
        "the folder name by default"
    );
    assert!(src.contains("key: \"PER\""));
    assert!(src.contains("key: \"ORDINAL\""));
    assert!(
        !dir.join(".biaozhu.lock").exists(),
        "the lock goes when the command ends"
    );

    let again = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(again.code, 2, "{again:?}");
    let ppath = dir.join("project.ron").display().to_string();
    assert!(again.stderr.contains(&ppath), "{again:?}");
    assert!(again.stderr.contains("already exists"), "{again:?}");
    assert_eq!(read(&dir.join("project.ron")), src, "untouched");
}

#[test]
fn new_takes_a_display_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let r = bz([
        OsStr::new("new"),
        dir.as_os_str(),
        OsStr::new("--name"),
        OsStr::new("工人日报 2023-10-25"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(read(&dir.join("project.ron")).contains("name: \"工人日报 2023-10-25\""));
}

// ---- import ------------------------------------------------------------------------------

#[test]
fn import_detects_utf8_and_keeps_crlf_and_astral_chars() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("北京 新闻.txt");
    std::fs::write(&f, NEWS).unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let n = NEWS.chars().count();
    assert!(
        r.stdout.contains(&format!("({n} chars, UTF-8, detected)")),
        "{r:?}"
    );
    // The id comes from the file name, made safe.
    assert_eq!(txt_files(&dir), vec!["北京-新闻.txt"]);
    assert_eq!(
        std::fs::read(dir.join("documents/北京-新闻.txt")).unwrap(),
        NEWS.as_bytes()
    );
    let src = read(&dir.join("project.ron"));
    assert!(src.contains("id: \"北京-新闻\""), "{src}");
    assert!(
        src.contains("imported_from: Some(\"北京 新闻.txt (UTF-8)\")"),
        "{src}"
    );
    // Importing it again gives a second document, not a clash.
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(txt_files(&dir), vec!["北京-新闻-2.txt", "北京-新闻.txt"]);
}

#[test]
fn import_gbk_forced_and_detected_give_the_same_text() {
    let (_tmp, dir) = new_project();
    let gbk = fixture("gbk_crlf.txt");
    let detected = import(&dir, &[&gbk], &[]);
    assert_eq!(detected.code, 0, "{detected:?}");
    assert!(
        detected.stdout.contains("gb18030, detected"),
        "{detected:?}"
    );
    let forced = import(&dir, &[&gbk], &["--encoding", "gbk"]);
    assert_eq!(forced.code, 0, "{forced:?}");
    assert!(forced.stdout.contains("160 chars, gb18030)"), "{forced:?}");
    let a = std::fs::read(dir.join("documents/gbk_crlf.txt")).unwrap();
    let b = std::fs::read(dir.join("documents/gbk_crlf-2.txt")).unwrap();
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(text.starts_with("【本报北京10月24日电】（记者黄洪涛）"));
    assert_eq!(text.matches("\r\n").count(), 4, "CRLF kept");
    assert!(read(&dir.join("project.ron")).contains("gbk_crlf.txt (gb18030)"));
}

#[test]
fn import_utf16le_with_bom_drops_the_bom() {
    let (_tmp, dir) = new_project();
    let r = import(&dir, &[&fixture("utf16le_bom.txt")], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("(64 chars, UTF-16LE, detected)"), "{r:?}");
    let text = read(&dir.join("documents/utf16le_bom.txt"));
    assert!(
        text.starts_with("【本报上海10月25日电】"),
        "no BOM: {text:?}"
    );
    assert!(text.contains("𠮷野家😀在上海开店。\r\n"));
    assert!(read(&dir.join("project.ron")).contains("utf16le_bom.txt (UTF-16LE, BOM)"));
    // The BE twin decodes to the same text.
    let r = import(&dir, &[&fixture("utf16be_bom.txt")], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(read(&dir.join("documents/utf16be_bom.txt")), text);
}

#[test]
fn import_detects_utf16_without_bom_even_for_mostly_chinese_text() {
    let (tmp, dir) = new_project();
    let text = "甘肃省总工会出台实施方案，力争全省工会规范化建设达标。\r\n𠮷野家😀在北京开店。";
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let f = tmp.path().join(name);
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
        std::fs::write(&f, bytes).unwrap();
        let r = import(&dir, &[&f], &[]);
        assert_eq!(r.code, 0, "{r:?}");
        let enc = if le { "UTF-16LE" } else { "UTF-16BE" };
        assert!(r.stdout.contains(&format!("{enc}, detected")), "{r:?}");
        let id = name.trim_end_matches(".txt");
        assert_eq!(read(&dir.join(format!("documents/{id}.txt"))), text);
    }
}

/// Nothing half-imported: the same project.ron, no new text files, no lock left.
fn assert_unchanged(dir: &Path, project_before: &str) {
    assert_eq!(read(&dir.join("project.ron")), project_before);
    assert_eq!(txt_files(dir), Vec::<String>::new());
    assert!(!dir.join(".biaozhu.lock").exists());
}

#[test]
fn import_of_a_folder_fails_naming_it() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    let folder = tmp.path().join("稿件");
    std::fs::create_dir(&folder).unwrap();
    let r = import(&dir, &[&folder], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains(&folder.display().to_string()), "{r:?}");
    assert!(r.stderr.contains("folder"), "{r:?}");
    assert_unchanged(&dir, &before);
}

#[test]
fn import_of_an_empty_file_fails() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    let f = tmp.path().join("empty.txt");
    std::fs::write(&f, b"").unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains(&f.display().to_string()), "{r:?}");
    assert!(r.stderr.contains("empty"), "{r:?}");
    assert_unchanged(&dir, &before);
    // A BOM alone is empty too.
    std::fs::write(&f, b"\xEF\xBB\xBF").unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("empty"), "{r:?}");
    assert_unchanged(&dir, &before);
}

#[test]
fn import_of_undecodable_bytes_names_the_byte_offset() {
    let (_tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    // GBK bytes are not UTF-8: 【 is A1 BE in GBK; the first bad byte is at offset 0.
    let r = import(&dir, &[&fixture("gbk_crlf.txt")], &["--encoding", "utf-8"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("gbk_crlf.txt"), "{r:?}");
    assert!(r.stderr.contains("at byte offset 0 (line 1"), "{r:?}");
    assert!(r.stderr.contains("UTF-8"), "{r:?}");
    assert_unchanged(&dir, &before);

    // A bad byte after valid text: 你好 is 6 bytes, then 0xFF.
    let f = _tmp.path().join("bad.txt");
    let mut b = "你好".as_bytes().to_vec();
    b.push(0xFF);
    b.extend_from_slice("世界".as_bytes());
    std::fs::write(&f, &b).unwrap();
    let r = import(&dir, &[&f], &["--encoding", "utf-8"]);
    assert_eq!(r.code, 1, "{r:?}");
    // The offset is said as an offset, the byte's value apart (it used to read
    // `byte 6 (0x6)`, as if 0x6 were the byte).
    assert!(
        r.stderr
            .contains("at byte offset 6 (line 1, byte value 0xFF)"),
        "{r:?}"
    );
    assert!(!r.stderr.contains("0x6"), "{r:?}");
    assert_unchanged(&dir, &before);
}

#[test]
fn almost_utf8_is_refused_naming_the_bad_byte_unless_lossy() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    // UTF-8 with one bad byte on line 2 (it went in as windows-1252 mojibake, exit 0).
    let f = tmp.path().join("damaged.txt");
    let mut b = "第一行。\n你好世界".as_bytes().to_vec();
    let at = b.len();
    b.push(0xFF);
    b.extend_from_slice("你好。\n".as_bytes());
    std::fs::write(&f, &b).unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("damaged.txt"), "{r:?}");
    assert!(
        r.stderr
            .contains(&format!("byte offset {at} (line 2, byte value 0xFF)")),
        "{r:?}"
    );
    assert!(r.stderr.contains("--lossy"), "{r:?}");
    assert_unchanged(&dir, &before);
    // A truncated last character (it went in as Shift_JIS or windows-1252).
    let cut = tmp.path().join("cut.txt");
    std::fs::write(&cut, &"你好世界你好".as_bytes()[..17]).unwrap();
    let r = import(&dir, &[&cut], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("last character is cut off at byte offset 15"),
        "{r:?}"
    );
    assert_unchanged(&dir, &before);

    // --lossy: in, with U+FFFD, and how many were replaced is said (exit 1: a problem).
    let r = import(&dir, &[&f, &cut], &["--lossy"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout.contains("imported damaged (14 chars, UTF-8"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains(&format!(
            "damaged.txt: line 2: lossy decoding: 1 invalid byte sequence replaced by U+FFFD \
             (the first at byte offset {at})"
        )),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("cut.txt: line 1: lossy decoding"),
        "{r:?}"
    );
    assert_eq!(
        read(&dir.join("documents/damaged.txt")),
        "第一行。\n你好世界\u{FFFD}你好。\n"
    );
    assert_eq!(read(&dir.join("documents/cut.txt")), "你好世界你\u{FFFD}");
    assert!(read(&dir.join("project.ron")).contains("damaged.txt (UTF-8, 1 replaced by U+FFFD)"));
    // A file with nothing to replace goes in as before, exit 0.
    let r = import(&dir, &[&fixture("gbk_crlf.txt")], &["--lossy"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("gb18030, detected"), "{r:?}");
    // Only plain text takes it.
    let r = import(&dir, &[&f], &["--lossy", "--format", "duee"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("--lossy is not an option of duee (it is for text"),
        "{r:?}"
    );
}

#[test]
fn a_detected_legacy_encoding_that_is_not_chinese_needs_encoding() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    // 0xFF garbage went in as windows-1256.
    let f = tmp.path().join("ff.txt");
    std::fs::write(&f, [0xFFu8; 300]).unwrap();
    let r = import(&dir, &[&f], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("ff.txt: the bytes look like "), "{r:?}");
    assert!(r.stderr.contains("--encoding "), "{r:?}");
    let r = import(&dir, &[&f], &["--lossy"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_unchanged(&dir, &before);
    // Named, it goes in.
    let latin = tmp.path().join("latin.txt");
    std::fs::write(&latin, b"Le caf\xe9 est tr\xe8s bon \xe0 Paris.\n").unwrap();
    let r = import(&dir, &[&latin], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("look like windows-1252") && r.stderr.contains("--encoding windows-1252"),
        "{r:?}"
    );
    assert_unchanged(&dir, &before);
    let r = import(&dir, &[&latin], &["--encoding", "windows-1252"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        read(&dir.join("documents/latin.txt")),
        "Le café est très bon à Paris.\n"
    );
}

#[test]
fn os_errors_are_printed_once() {
    let (tmp, dir) = new_project();
    let r = import(&dir, &[&fixture("emoji_jiyejia.txt")], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let once = |r: &Run| {
        assert_ne!(r.code, 0, "{r:?}");
        let all = r.all();
        assert!(all.matches("(os error").count() <= 1, "{r:?}");
        assert!(!all.contains("): "), "{r:?}");
    };
    // Under a plain file, so no folder can be made there, even as root.
    let file = tmp.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("sub/x.json");
    let r = export(
        &dir,
        &["--format", "json", "--out", &out.display().to_string()],
    );
    once(&r);
    assert!(r.stderr.contains("(os error"), "{r:?}");
    let out = file.join("sub");
    once(&export(
        &dir,
        &["--format", "brat", "--out", &out.display().to_string()],
    ));
    let nope = tmp.path().join("nope.txt");
    once(&import(&dir, &[&nope], &[]));
    let nope = tmp.path().join("nope.jsonl");
    once(&import(&dir, &[&nope], &["--format", "duee"]));
    once(&check(&tmp.path().join("nope")));
}

#[test]
fn duee_refuses_empty_and_nul_texts_and_says_a_trigger_is_empty() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    let good = r#"{"text":"海南电网出台方案。","id":"a1","event_list":[]}"#;
    let f = tmp.path().join("d.jsonl");
    // An empty text, as plain text import refuses an empty file.
    std::fs::write(&f, format!("{good}\n{}\n", r#"{"text":"","id":"a2"}"#)).unwrap();
    let r = import(&dir, &[&f], &["--format", "duee"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("d.jsonl:2: the text is empty"), "{r:?}");
    assert_unchanged(&dir, &before);
    // A NUL character, as plain text import refuses one.
    std::fs::write(
        &f,
        format!("{good}\n\n{}\n", r#"{"text":"海南\u0000电网","id":"a3"}"#),
    )
    .unwrap();
    let r = import(&dir, &[&f], &["--format", "duee"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("d.jsonl:3: the text holds NUL characters (at char 2)"),
        "{r:?}"
    );
    assert_unchanged(&dir, &before);
    // An empty trigger is said to be empty, with its line (it read
    // `"" is not at char 0 (found "")`).
    std::fs::write(
        &f,
        format!(
            "{good}\n{}\n",
            r#"{"text":"海南电网出台方案。","id":"a4","event_list":[{"event_type":"发布","trigger":"","trigger_start_index":0,"arguments":[]}]}"#
        ),
    )
    .unwrap();
    let r = import(&dir, &[&f], &["--format", "duee"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("d.jsonl: line 2: the trigger is empty (at char 0)"),
        "{r:?}"
    );
    assert!(!r.stderr.contains("is not at char"), "{r:?}");
}

#[test]
fn import_goes_on_after_a_bad_file_and_exits_1() {
    let (tmp, dir) = new_project();
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let r = import(&dir, &[&empty, &fixture("emoji_jiyejia.txt")], &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("imported emoji_jiyejia"), "{r:?}");
    assert_eq!(txt_files(&dir), vec!["emoji_jiyejia.txt"]);
    let src = read(&dir.join("project.ron"));
    assert!(src.contains("id: \"emoji_jiyejia\""));
    assert!(!src.contains("empty"));
}

#[test]
fn import_errors_exit_2() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("a.txt");
    std::fs::write(&f, "你好").unwrap();
    let r = import(&dir, &[&f], &["--encoding", "klingon"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("klingon"), "{r:?}");
    let not_a_project = tmp.path().join("nothing");
    let r = import(&not_a_project, &[&f], &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("not a biaozhu project"), "{r:?}");
    assert!(r.stderr.contains(&not_a_project.display().to_string()));
}

// ---- export ------------------------------------------------------------------------------

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

/// Every span's text is `text[start:end]` in code points.
fn check_slices(v: &serde_json::Value) -> usize {
    let mut n = 0;
    for d in v["documents"].as_array().unwrap() {
        let chars: Vec<char> = d["text"].as_str().unwrap().chars().collect();
        for s in d["spans"].as_array().unwrap() {
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            let got: String = chars[a as usize..b as usize].iter().collect();
            assert_eq!(got, s["text"].as_str().unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn export_json_to_stdout_has_accepted_spans_with_their_text() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = export(&dir, &["--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    assert_eq!(v["format"], "biaozhu-corpus");
    assert_eq!(v["version"], 1);
    assert_eq!(v["name"], "proj");
    assert_eq!(v["schema"]["entities"][0]["key"], "PER");
    assert_eq!(v["schema"]["figures"][0]["kind"], "QUANTITY");
    let d = &v["documents"][0];
    assert_eq!(d["id"], "news");
    assert_eq!(d["layer"], "main");
    assert_eq!(d["status"], "in_progress");
    assert_eq!(d["text"], NEWS);
    let ids: Vec<&str> = d["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["T1", "T2", "T3", "T4", "T5"],
        "accepted only, sorted"
    );
    assert_eq!(check_slices(&v), 5);
    let s = &d["spans"];
    assert_eq!(s[0]["text"], "𠮷野家");
    assert_eq!(s[1]["text"], "北京");
    assert_eq!(s[2]["text"], "。\r\n全国", "CRLF counts 2");
    assert_eq!(s[2]["note"], "跨行");
    assert_eq!(s[2]["kind"], "argument");
    assert_eq!(s[4]["kind"], "figure");
    assert_eq!(s[4]["value"]["kind"], "QUANTITY");
    assert_eq!(s[4]["value"]["number"], 86.0);
    assert_eq!(s[4]["value"]["unit"], "个");
    assert_eq!(s[0]["source"], "manual");
    assert_eq!(s[0]["status"], "accepted");
    // It reads back with the library.
    let c = biaozhu::format::corpus::from_json(&r.stdout).unwrap();
    let p = biaozhu::format::corpus::to_project(&c).unwrap();
    assert_eq!(p.documents[0].layer.spans().len(), 5);
}

#[test]
fn export_include_pending_adds_pending_but_never_rejected() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = export(&dir, &["--format", "json", "--include-pending"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    let spans = v["documents"][0]["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 6);
    let t6 = spans.iter().find(|s| s["id"] == "T6").unwrap();
    assert_eq!(t6["status"], "pending");
    assert_eq!(t6["source"], "suggested");
    assert_eq!(t6["text"], "北京");
    assert!(spans.iter().all(|s| s["id"] != "T7"));
}

#[test]
fn export_out_writes_the_file_and_reports_on_stderr() {
    let (tmp, dir) = project_with_layer("main", SPANS);
    let out = tmp.path().join("out").join("corpus.json");
    let r = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "", "nothing on stdout");
    assert!(r.stderr.contains("(1 document, 5 spans)"), "{r:?}");
    let v = json(&read(&out));
    assert_eq!(check_slices(&v), 5);
    // -o is the same, and overwrites.
    let r = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--include-pending"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(check_slices(&json(&read(&out))), 6);
}

#[test]
fn export_ron_reads_back_as_the_same_corpus() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let args = |f: &'static str| {
        [
            OsStr::new("export"),
            dir.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(f),
        ]
    };
    let ron = bz(args("ron"));
    assert_eq!(ron.code, 0, "{ron:?}");
    assert!(ron.stdout.contains("format: \"biaozhu-corpus\""));
    assert!(
        ron.stdout.contains(
            "(id: \"T2\", start: 18, end: 20, text: \"北京\", kind: \"entity\", label: \"LOC\""
        ),
        "a span per line: {}",
        ron.stdout
    );
    let from_ron = biaozhu::format::corpus::from_ron(&ron.stdout).unwrap();
    let from_json = biaozhu::format::corpus::from_json(&bz(args("json")).stdout).unwrap();
    assert_eq!(from_ron, from_json);
}

#[test]
fn export_picks_curated_else_the_only_layer_else_asks() {
    let (_tmp, dir) = project_with_layer("alice", SPANS);
    let export = |extra: &[&str]| {
        let mut a: Vec<&OsStr> = vec![
            OsStr::new("export"),
            dir.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ];
        a.extend(extra.iter().map(OsStr::new));
        bz(a)
    };
    // The only layer.
    let r = export(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(json(&r.stdout)["documents"][0]["layer"], "alice");

    // Two layers: it fails, listing them.
    write_layer(
        &dir,
        "news",
        "bob",
        NEWS,
        "        (id: \"T1\", start: 25, end: 30, kind: Entity, label: \"ORG\"),\n",
    );
    let r = export(&[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("alice, bob"), "{r:?}");
    assert!(r.stderr.contains("--layer"), "{r:?}");
    let r = export(&["--layer", "bob"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    assert_eq!(v["documents"][0]["layer"], "bob");
    assert_eq!(v["documents"][0]["spans"][0]["text"], "全国总工会");

    // A layer that does not exist is an error, not an empty export.
    let r = export(&["--layer", "bobb"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no layer \"bobb\""), "{r:?}");
    assert!(r.stderr.contains("alice, bob"), "{r:?}");

    // curated wins, once its review is finished: in review, the document is left out.
    let curated = write_layer(
        &dir,
        "news",
        "curated",
        NEWS,
        "        (id: \"T9\", start: 18, end: 20, kind: Entity, label: \"LOC\"),\n",
    );
    let r = export(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(json(&r.stdout)["documents"], serde_json::json!([]));
    assert!(r.stderr.contains("review is not finished"), "{r:?}");
    let finished = std::fs::read_to_string(&curated)
        .unwrap()
        .replace("status: InProgress", "status: Reviewed");
    std::fs::write(&curated, finished).unwrap();
    let r = export(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    assert_eq!(v["documents"][0]["layer"], "curated");
    assert_eq!(v["documents"][0]["spans"][0]["id"], "T9");
}

// ---- stats -------------------------------------------------------------------------------

#[test]
fn stats_counts_spans_per_label_as_text_and_json() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = bz([OsStr::new("stats"), dir.as_os_str(), OsStr::new("--json")]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    assert_eq!(v["documents"], 1);
    assert_eq!(v["chars"], NEWS.chars().count());
    assert_eq!(v["spans"], 5);
    assert_eq!(v["pending"], 1);
    assert_eq!(v["spans_per_label"]["ORG"], 2);
    assert_eq!(
        v["spans_per_label"]["LOC"], 1,
        "the pending LOC is not counted"
    );
    assert_eq!(v["spans_per_label"]["ARG"], 1);
    assert_eq!(v["spans_per_label"]["QUANTITY"], 1);
    assert!(v["spans_per_label"].get("PER").is_none(), "rejected");
    assert_eq!(v["events"], 0);
    assert_eq!(v["documents_per_status"]["in_progress"], 1);

    let r = bz([OsStr::new("stats"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.contains(&"project    proj"), "{r:?}");
    assert!(lines.contains(&"layer      main"), "{r:?}");
    assert!(lines.contains(&"documents  1"), "{r:?}");
    assert!(lines.contains(&"spans      5"), "{r:?}");
    assert!(lines.contains(&"pending    1"), "{r:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["ORG", "2"]),
        "{r:?}"
    );
}

// ---- check -------------------------------------------------------------------------------

fn check(dir: &Path) -> Run {
    bz([OsStr::new("check"), dir.as_os_str()])
}

#[test]
fn check_passes_a_good_project() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = check(&dir);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("ok: 1 document,"), "{r:?}");
    // A project without any annotations is fine too.
    let (_tmp2, empty) = new_project();
    assert_eq!(check(&empty).code, 0);
}

#[test]
fn check_reports_broken_ron_with_path_line_and_column() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let layer = dir.join("annotations/news/main.ron");
    // Drop the comma after `kind: Entity` on the line of T2: RON stops at `label`.
    let src = read(&layer);
    let (n, line) = src
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"T2\""))
        .unwrap();
    let broken_line = line.replacen("kind: Entity,", "kind: Entity", 1);
    let col = broken_line.find("label").unwrap() + 1;
    std::fs::write(&layer, src.replacen(line, &broken_line, 1)).unwrap();
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    let want = format!("{}:{}:", layer.display(), n + 1);
    assert!(r.all().contains(&want), "want {want} in {r:?}");
    assert!(
        r.all()
            .contains(&format!("{}:{}:{col}:", layer.display(), n + 1)),
        "{r:?}"
    );
    // export and stats refuse it with the same place, exit 2.
    let e = export(&dir, &["--format", "json"]);
    assert_eq!(e.code, 2, "{e:?}");
    assert!(e.stderr.contains(&want), "{e:?}");
}

#[test]
fn check_reports_broken_project_ron_with_its_place() {
    let (_tmp, dir) = new_project();
    let p = dir.join("project.ron");
    std::fs::write(&p, read(&p).replacen("version: 1,", "version: 1", 1)).unwrap();
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    // RON notices the missing comma at the next field, `name` on line 4, column 5.
    assert!(r.all().contains(&format!("{}:4:5: ", p.display())), "{r:?}");
}

#[test]
fn check_reports_offsets_past_the_end_naming_the_span() {
    let n = NEWS.chars().count();
    let spans = format!(
        "        (id: \"T4\", start: 40, end: {}, kind: Entity, label: \"ORG\"),\n",
        n + 3
    );
    let (_tmp, dir) = project_with_layer("main", &spans);
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    let out = r.all();
    assert!(out.contains("main.ron:"), "{r:?}");
    assert!(out.contains("T4"), "{r:?}");
    assert!(out.contains(&format!("{}", n + 3)), "{r:?}");
    assert!(out.contains(&format!("{n} chars")), "{r:?}");
}

#[test]
fn check_reports_an_unknown_label_naming_it() {
    let spans = "        (id: \"T1\", start: 13, end: 16, kind: Entity, label: \"COMPANY\"),\n\
                 (id: \"T2\", start: 18, end: 20, kind: Entity, label: \"LOC\"),\n";
    let (_tmp, dir) = project_with_layer("alice", spans);
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    let out = r.all();
    assert!(out.contains("\"COMPANY\""), "{r:?}");
    assert!(out.contains("T1"), "{r:?}");
    assert!(out.contains("alice.ron"), "{r:?}");
    // As a word: the temporary folder's random name may hold "T2".
    assert!(
        !out.split(|c: char| !c.is_alphanumeric()).any(|w| w == "T2"),
        "only the bad span: {r:?}"
    );
}

#[test]
fn check_reports_a_changed_text_naming_both_files() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let text = dir.join("documents/news.txt");
    // Same length in chars, one char different: only the checksum can tell.
    std::fs::write(&text, NEWS.replacen("北京", "南京", 1)).unwrap();
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    let out = r.all();
    let layer = dir.join("annotations/news/main.ron");
    assert!(out.contains(&layer.display().to_string()), "{r:?}");
    assert!(out.contains(&text.display().to_string()), "{r:?}");
    assert!(out.contains("sha256"), "{r:?}");
}

#[test]
fn check_reports_a_layer_of_an_unlisted_document() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    write_layer(&dir, "ghost", "main", "幽灵", "");
    let r = check(&dir);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.all().contains("\"ghost\" is not listed"), "{r:?}");
}

// ---- opening -----------------------------------------------------------------------------

#[test]
fn opening_a_path_that_does_not_exist_exits_2() {
    let r = bz(["/nonexistent"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("/nonexistent"), "{r:?}");
}

#[test]
fn opening_a_folder_that_is_not_a_project_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let r = bz([tmp.path()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("not a biaozhu project"), "{r:?}");
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(bz(["export"]).code, 2);
    assert_eq!(bz(["frobnicate", "x", "y"]).code, 2);
    let r = bz(["--help"]);
    assert_eq!(r.code, 0);
    for cmd in ["new", "import", "export", "stats", "check"] {
        assert!(r.stdout.contains(cmd), "{cmd} in --help");
    }
}

#[test]
fn check_of_a_folder_that_is_not_a_project_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let r = check(tmp.path());
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("not a biaozhu project"), "{r:?}");
}

// ---- the documentation and the Python consumer ---------------------------------------------

/// The ```ron blocks of docs/formats.md whose text contains `needle`.
fn doc_block(needle: &str) -> String {
    let md = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md"));
    md.split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains(needle))
        .unwrap_or_else(|| panic!("no ```ron block with {needle} in docs/formats.md"))
        .to_string()
}

#[test]
fn the_project_and_layer_examples_in_docs_formats_md_pass_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-project");
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    std::fs::create_dir_all(dir.join("annotations/nanjing-1024")).unwrap();
    std::fs::write(dir.join("project.ron"), doc_block("\"biaozhu-project\"")).unwrap();
    std::fs::write(
        dir.join("documents/nanjing-1024.txt"),
        "【本报南京10月24日电】(记者黄洪涛)今天，江苏工会APP“伊犁馆”农副产品展销平台正式上线。",
    )
    .unwrap();
    std::fs::write(
        dir.join("annotations/nanjing-1024/alice.ron"),
        doc_block("\"biaozhu-layer\""),
    )
    .unwrap();
    let r = check(&dir);
    assert_eq!(r.code, 0, "{r:?}");
    let r = export(&dir, &["--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = json(&r.stdout);
    assert_eq!(check_slices(&v), 8, "T9 is pending");
    assert_eq!(v["documents"][0]["published"], "2023-10-25");
    assert_eq!(v["documents"][0]["events"][0]["type"], "上线");
}

fn python3() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

#[test]
fn the_python_consumer_accepts_an_export_and_rejects_a_tampered_one() {
    let Some(py) = python3() else {
        eprintln!("python3 not found; skipped");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers/check_corpus.py");
    let (tmp, dir) = project_with_layer("main", SPANS);
    let out = tmp.path().join("corpus.json");
    let r = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--include-pending"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let run = |f: &Path| Command::new(py).arg(&script).arg(f).output().unwrap();
    let ok = run(&out);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert_eq!(ok.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("6 passed, 0 failed"), "{stdout}");

    // Shift 北京 by one char (a UTF-16 count would do this after 😀) and invent a label.
    let bad = tmp.path().join("bad.json");
    let mut v = json(&read(&out));
    for s in v["documents"][0]["spans"].as_array_mut().unwrap() {
        if s["id"] == "T2" {
            s["start"] = 19.into();
        }
        if s["id"] == "T1" {
            s["label"] = "COMPANY".into();
        }
    }
    std::fs::write(&bad, serde_json::to_string(&v).unwrap()).unwrap();
    let r = run(&bad);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(r.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("4 passed, 2 failed"), "{stdout}");
    assert!(stdout.contains("COMPANY"), "{stdout}");
    assert!(stdout.contains("text[19:20]"), "{stdout}");
}

#[test]
fn suggest_file_json_prints_char_offsets_labels_and_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("news.txt");
    let text = "【本报北京10月24日电】(记者赖志航)今天，北京市总工会召开大会。";
    std::fs::write(&f, text).unwrap();
    let r = bz([OsStr::new("suggest"), f.as_os_str(), OsStr::new("--json")]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("a JSON array");
    let arr = v.as_array().expect("array");
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for s in arr {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let surface: String = chars[a..b].iter().collect();
        assert_eq!(surface, s["text"].as_str().unwrap(), "offsets are chars");
        for key in ["label", "source"] {
            assert!(s[key].is_string(), "{key} in {s}");
        }
        for key in ["value", "unit", "qualifier"] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
        found.push((surface, s["label"].as_str().unwrap().to_string()));
    }
    for want in [("北京", "LOC"), ("赖志航", "PER"), ("北京市总工会", "ORG")] {
        assert!(
            found.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {found:?}"
        );
    }
}

#[test]
fn suggest_dir_adds_pending_spans_once() {
    let (_tmp, dir) = new_project();
    let tmp2 = tempfile::tempdir().unwrap();
    let f = tmp2.path().join("news.txt");
    std::fs::write(&f, "甘肃省总工会主席胡焯表示，北京市总工会将支持。").unwrap();
    assert_eq!(import(&dir, &[&f], &[]).code, 0);
    let r = bz([OsStr::new("suggest"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let layer = read(&dir.join("annotations/news/main.ron"));
    assert!(layer.contains("status: Pending"), "{layer}");
    assert!(layer.contains("source: Suggested"), "{layer}");
    let n = layer.matches("status: Pending").count();
    assert!(n >= 3, "{layer}");
    // A second run adds nothing: the suggestions are already there.
    let r = bz([OsStr::new("suggest"), dir.as_os_str()]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("news: 0 suggestions"), "{r:?}");
    assert_eq!(
        read(&dir.join("annotations/news/main.ron"))
            .matches("status: Pending")
            .count(),
        n
    );
    // Pending spans are not exported unless asked for.
    let r = export(&dir, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["documents"][0]["spans"].as_array().unwrap().len(), 0);
}

#[test]
fn structure_json_lists_the_articles_and_repairs_of_the_sample() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("projects/bulletin-sample/documents/000_8a8e23ef3e59d156.txt");
    let r = bz([OsStr::new("structure"), f.as_os_str(), OsStr::new("--json")]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 8);
    assert_eq!(arts[2]["dateline"], "【本报北京10月24日电】");
    assert_eq!(arts[2]["byline"], "记者赖志航");
    let text = read(&f);
    let chars: Vec<char> = text.chars().collect();
    let d = arts[2]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "dateline")
        .unwrap();
    let (s, e) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "【本报北京10月24日电】"
    );
    assert_eq!(v["repairs"].as_array().unwrap().len(), 4);
}

#[test]
fn schema_import_reads_a_duee_schema_and_show_prints_it() {
    let (_tmp, dir) = new_project();
    let r = bz([
        OsStr::new("schema"),
        OsStr::new("show"),
        dir.as_os_str(),
        OsStr::new("--json"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let before = v["events"].as_array().unwrap().len();
    assert!(before >= 6, "the default bulletin schema has event types");
    let f = fixture("duee_event_schema.json");
    let r = bz([
        OsStr::new("schema"),
        OsStr::new("import"),
        dir.as_os_str(),
        f.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = bz([
        OsStr::new("schema"),
        OsStr::new("show"),
        dir.as_os_str(),
        OsStr::new("--json"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let events = v["events"].as_array().unwrap();
    // Two new types, names kept exactly; 会议 keeps its own roles (it had both of the
    // file's), and says so.
    assert_eq!(events.len(), before + 2);
    let t = events
        .iter()
        .find(|e| e["key"] == "财经/交易-出售/收购")
        .unwrap();
    let roles: Vec<&str> = t["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        vec!["时间", "出售方", "交易物", "出售价格", "收购方"]
    );
    let m = events.iter().find(|e| e["key"] == "会议").unwrap();
    assert_eq!(m["roles"].as_array().unwrap().len(), 5);
    // The new types are tagged with Shift and a letter of their own, as the editor's are.
    let mut keys: Vec<&str> = events.iter().filter_map(|e| e["hotkey"].as_str()).collect();
    assert_eq!(keys.len(), events.len(), "every type has a key: {events:?}");
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), events.len(), "no two share one: {events:?}");
    let text = bz([OsStr::new("schema"), OsStr::new("show"), dir.as_os_str()]);
    assert!(text.stdout.contains("组织关系-裁员"), "{text:?}");
    assert_eq!(bz([OsStr::new("check"), dir.as_os_str()]).code, 0);
}

#[test]
fn a_broken_duee_schema_names_the_file_and_line_and_changes_nothing() {
    let (tmp, dir) = new_project();
    let before = read(&dir.join("project.ron"));
    let f = tmp.path().join("bad_schema.json");
    std::fs::write(
        &f,
        "{\"event_type\": \"a\", \"role_list\": []}\n{\"event_type\": ",
    )
    .unwrap();
    let r = bz([
        OsStr::new("schema"),
        OsStr::new("import"),
        dir.as_os_str(),
        f.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad_schema.json: line 2"), "{r:?}");
    assert_eq!(read(&dir.join("project.ron")), before);
}

#[test]
fn duee_import_then_export_gives_the_same_events_with_char_offsets() {
    let (_tmp, dir) = new_project();
    let schema = fixture("duee_event_schema.json");
    assert_eq!(
        bz([
            OsStr::new("schema"),
            OsStr::new("import"),
            dir.as_os_str(),
            schema.as_os_str(),
            OsStr::new("--replace")
        ])
        .code,
        0
    );
    let data = fixture("duee_sample.jsonl");
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        data.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
    ]);
    // The imported DuEE schema replaced 会议 (--replace) with one that has only 主体 and 时间:
    // the import names the two roles the data uses that the type lacks, with file and line,
    // and exits 1 (issue #13 item 10); so does check.
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(
            "duee_sample.jsonl:1 id d1 (DuEE): 2 arguments with roles their event type lacks: 会议.地点 (1), 会议.对象 (1)"
        ),
        "{r:?}"
    );
    let c = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(c.code, 1, "{c:?}");
    assert!(
        c.stdout.contains("role \"地点\" is not a role of \"会议\""),
        "{c:?}"
    );
    assert!(!c.stdout.contains("组织关系-裁员\" is not"), "{c:?}");
    let r = export(&dir, &["--format", "duee"]);
    assert_eq!(r.code, 0, "{r:?}");
    let norm = |s: &str| -> Vec<serde_json::Value> {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                // Compare events as sets of (type, trigger, start, sorted arguments).
                for e in v["event_list"].as_array_mut().unwrap() {
                    e.as_object_mut().unwrap().remove("class");
                    let args = e["arguments"].as_array_mut().unwrap();
                    args.sort_by_key(|a| a["argument_start_index"].as_u64());
                }
                v
            })
            .collect()
    };
    assert_eq!(norm(&r.stdout), norm(&read(&data)));
    let stats = bz([OsStr::new("stats"), dir.as_os_str(), OsStr::new("--json")]);
    let v: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(v["events"], 2);
    assert_eq!(v["arguments_per_role"]["会议.主体"], 1);
}

#[test]
fn brat_events_import_from_a_real_brat_file_and_round_trip() {
    let (tmp, dir) = new_project();
    let ann = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/interop/brat-news/000-introduction.ann");
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        ann.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("brat"),
    ]);
    // R, A, # and N lines are reported (exit 1), the spans and the event go in.
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("a relation"), "{r:?}");
    assert!(r.stdout.contains(" spans, 1 event)"), "{r:?}");
    let out = tmp.path().join("brat-out");
    let e = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("brat"),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(e.code, 0, "{e:?}");
    let written = read(&out.join("000-introduction.ann"));
    let e_line = written
        .lines()
        .find(|l| l.starts_with("E1\t"))
        .expect("an E line");
    // Same roles as the original E1 (arguments renumbered by position).
    for role in [
        "Transfer-money:T",
        "Giver-Arg:T",
        "Money-Arg:T",
        "Beneficiary-Arg:T",
        "Recipient-Arg:T",
    ] {
        assert!(e_line.contains(role), "{e_line}");
    }
    assert!(out.join("annotation.conf").exists());
    // Reading the export back gives the same spans and event.
    let (_t2, dir2) = new_project();
    let r2 = bz([
        OsStr::new("import"),
        dir2.as_os_str(),
        out.join("000-introduction.ann").as_os_str(),
        OsStr::new("--format"),
        OsStr::new("brat"),
    ]);
    assert_eq!(r2.code, 0, "{r2:?}");
    // Same spans and event, compared by offsets (ids are renumbered by position).
    let summary = |d: &Path| {
        let p = biaozhu::store::load(d, "main", &mut |_, _| true).unwrap();
        let l = &p.documents[0].layer;
        let range = |id| l.span(id).unwrap().range;
        let mut spans: Vec<_> = l
            .spans()
            .iter()
            .map(|s| (s.range, s.kind, s.label.clone()))
            .collect();
        spans.sort_by_key(|x| (x.0, x.2.clone()));
        let events: Vec<_> = l
            .events
            .iter()
            .map(|e| {
                let args: Vec<_> = e.args.iter().map(|(r, a)| (r.clone(), range(*a))).collect();
                (e.event_type.clone(), range(e.trigger), args)
            })
            .collect();
        (spans, events)
    };
    assert_eq!(summary(&dir), summary(&dir2));
}

/// A DuEE line with two sentences: 会议 (召开) in the first, 发布 (出台) in the second with
/// one argument (主体 甘肃省总工会) back in the first sentence.
const TWO_SENTENCES: &str = r#"{"text": "甘肃省总工会10月19日在兰州召开推进会。会议由胡焯主持，他宣布方案出台。", "id": "d1", "event_list": [{"event_type": "会议", "trigger": "召开", "trigger_start_index": 15, "arguments": [{"argument_start_index": 0, "role": "主体", "argument": "甘肃省总工会", "alias": []}, {"argument_start_index": 13, "role": "地点", "argument": "兰州", "alias": []}]}, {"event_type": "发布", "trigger": "出台", "trigger_start_index": 34, "arguments": [{"argument_start_index": 0, "role": "主体", "argument": "甘肃省总工会", "alias": []}, {"argument_start_index": 32, "role": "对象", "argument": "方案", "alias": []}]}]}"#;

/// `text[start:start+len(s)] == s` in chars, as Python checks it.
fn at_chars(text: &str, start: u64, s: &str) -> bool {
    text.chars()
        .skip(start as usize)
        .take(s.chars().count())
        .collect::<String>()
        == s
}

#[test]
fn duee_exports_per_sentence_with_relative_offsets_and_names_what_it_leaves_out() {
    let (tmp, dir) = new_project();
    let src = tmp.path().join("two.jsonl");
    std::fs::write(&src, format!("{TWO_SENTENCES}\n")).unwrap();
    let r = import(&dir, &[&src], &["--format", "duee"]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = export(&dir, &["--format", "duee", "--unit", "sentence"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(lines[0]["text"], "甘肃省总工会10月19日在兰州召开推进会。");
    assert_eq!(lines[1]["text"], "会议由胡焯主持，他宣布方案出台。");
    assert!(lines[0]["id"].as_str().unwrap().ends_with("_s0"));
    assert!(lines[1]["id"].as_str().unwrap().ends_with("_s1"));
    // Every start points at its surface within the sentence.
    for l in &lines {
        let text = l["text"].as_str().unwrap();
        for e in l["event_list"].as_array().unwrap() {
            let start = e["trigger_start_index"].as_u64().unwrap();
            assert!(at_chars(text, start, e["trigger"].as_str().unwrap()), "{e}");
            for a in e["arguments"].as_array().unwrap() {
                let start = a["argument_start_index"].as_u64().unwrap();
                assert!(
                    at_chars(text, start, a["argument"].as_str().unwrap()),
                    "{a}"
                );
            }
        }
    }
    let second = &lines[1]["event_list"][0];
    assert_eq!(second["event_type"], "发布");
    assert_eq!(second["trigger_start_index"], 13);
    assert_eq!(second["arguments"].as_array().unwrap().len(), 1);
    assert_eq!(second["arguments"][0]["role"], "对象");
    assert_eq!(
        lines[0]["event_list"][0]["arguments"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The argument in the other sentence is named on stderr, not silently dropped.
    assert!(
        r.stderr.contains("主体") && r.stderr.contains("outside sentence"),
        "{}",
        r.stderr
    );
    // Written to a file, the records are counted as what they are: sentences.
    let out = tmp.path().join("written.jsonl");
    let out = out.to_str().unwrap();
    let w = export(
        &dir,
        &["--format", "duee", "--unit", "sentence", "--out", out],
    );
    assert_eq!(w.code, 0, "{w:?}");
    assert!(w.stderr.contains("(2 sentences, "), "{}", w.stderr);
    let d = export(
        &dir,
        &["--format", "duee", "--unit", "sentence", "--dry-run"],
    );
    assert!(
        d.stderr.contains("would write 2 sentences, "),
        "{}",
        d.stderr
    );

    // The per-sentence file imports as one document a sentence; exported per document it
    // gives the same records back.
    let (_tmp2, dir2) = new_project();
    let sent = tmp.path().join("sentences.jsonl");
    std::fs::write(&sent, &r.stdout).unwrap();
    let r2 = import(&dir2, &[&sent], &["--format", "duee"]);
    assert_eq!(r2.code, 0, "{r2:?}");
    let back = export(&dir2, &["--format", "duee"]);
    assert_eq!(back.code, 0, "{back:?}");
    let parse = |s: &str| -> Vec<serde_json::Value> {
        s.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    assert_eq!(parse(&back.stdout), parse(&r.stdout));
}

#[test]
fn duee_document_import_then_export_gives_the_same_records() {
    let (tmp, dir) = new_project();
    let src = tmp.path().join("two.jsonl");
    std::fs::write(&src, format!("{TWO_SENTENCES}\n")).unwrap();
    assert_eq!(import(&dir, &[&src], &["--format", "duee"]).code, 0);
    let r = export(&dir, &["--format", "duee"]);
    assert_eq!(r.code, 0, "{r:?}");
    let got: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let mut want: serde_json::Value = serde_json::from_str(TWO_SENTENCES).unwrap();
    // The id is the project's document id; everything else is as written.
    want["id"] = got["id"].clone();
    assert_eq!(got, want);
}

#[test]
fn stats_of_the_sample_count_events_per_type_and_arguments_per_role() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let r = bz([OsStr::new("stats"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("events     10\n"), "{}", r.stdout);
    // 举办 has three events, and 参与者 three arguments under it.
    let events = r.stdout.split("events     10\n").nth(1).unwrap_or("");
    let after = events
        .split("  举办       3\n")
        .nth(1)
        .expect("举办 listed");
    assert!(after.contains("    参与者   3\n"), "{}", r.stdout);
    let r = bz([OsStr::new("stats"), dir.as_os_str(), OsStr::new("--json")]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["events_per_type"]["发布"], 4);
    assert_eq!(v["arguments_per_role"]["发布.主体"], 5);
}

/// Stats line their counts up however wide the names: DuEE's types run to 17 columns
/// (灾害/意外-坍/垮塌), past the 10 a short label takes.
#[test]
fn stats_line_up_the_counts_of_long_event_types() {
    let (tmp, dir) = new_project();
    let src = tmp.path().join("long.jsonl");
    let long = TWO_SENTENCES.replace("\"会议\"", "\"灾害/意外-坍/垮塌\"");
    std::fs::write(&src, format!("{long}\n")).unwrap();
    assert_eq!(
        import(&dir, &[&src], &["--format", "duee", "--extend-schema"]).code,
        0
    );
    let r = bz([OsStr::new("stats"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    // Terminal columns: a CJK char takes two.
    let cols = |s: &str| -> usize { s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() };
    let count_at = |section: &str| -> Vec<usize> {
        r.stdout
            .split(section)
            .nth(1)
            .unwrap_or("")
            .lines()
            .take_while(|l| l.starts_with("  "))
            .filter(|l| !l.starts_with("    "))
            .map(|l| cols(l.trim_end().rsplit_once(' ').unwrap().0))
            .collect()
    };
    let (spans, events) = (count_at("spans      5\n"), count_at("events     2\n"));
    assert_eq!((spans.len(), events.len()), (4, 2), "{}", r.stdout);
    assert!(spans.iter().all(|c| *c == spans[0]), "{}", r.stdout);
    assert!(events.iter().all(|c| *c == events[0]), "{}", r.stdout);
}

#[test]
fn formats_and_their_help_come_from_the_registry_and_options_they_do_not_take_are_refused() {
    let help = bz(["export", "--help"]);
    assert_eq!(help.code, 0, "{help:?}");
    for f in biaozhu::format::exporters() {
        assert!(
            help.stdout.contains(&format!("- {}:", f.name)),
            "{}",
            help.stdout
        );
    }
    let help = bz(["import", "--help"]);
    for f in biaozhu::format::importers() {
        assert!(
            help.stdout.contains(&format!("- {}:", f.name)),
            "{}",
            help.stdout
        );
    }
    let (_tmp, dir) = project_with_layer("main", SPANS);
    // An option a format does not take is refused with the formats that take it, never
    // ignored without a word.
    let r = export(&dir, &["--format", "json", "--nested", "outer"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("--nested is not an option of json (it is for"),
        "{r:?}"
    );
    let r = export(&dir, &["--format", "duee", "--include-pending"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--include-pending"), "{r:?}");
    // --roles writes arguments: without them among the kinds it would change nothing.
    let r = export(&dir, &["--format", "conll", "--roles"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("list argument in --kinds (--kinds trigger,argument)"),
        "{r:?}"
    );
    let r = export(&dir, &["--format", "duee", "--roles"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--roles is not an option of duee"),
        "{r:?}"
    );
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--kinds",
            "trigger,argument",
            "--roles",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let r = bz(["export", dir.to_str().unwrap(), "--format", "nope"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn a_corpus_exported_and_imported_through_the_cli_keeps_every_span() {
    let (tmp, dir) = project_with_layer("main", SPANS);
    let out = tmp.path().join("c.json");
    let r = export(&dir, &["--format", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    let dir2 = tmp.path().join("p2");
    assert_eq!(bz(["new", dir2.to_str().unwrap()]).code, 0);
    let r = import(&dir2, &[&out], &["--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let a = json(&read(&out));
    let b = json(&export(&dir2, &["--format", "json"]).stdout);
    assert_eq!(a["documents"][0]["text"], b["documents"][0]["text"]);
    assert_eq!(a["documents"][0]["spans"], b["documents"][0]["spans"]);
}

#[test]
fn brat_import_skips_only_an_empty_or_backwards_span_and_names_its_line() {
    let (tmp, dir) = new_project();
    let ann = tmp.path().join("x.ann");
    std::fs::write(
        tmp.path().join("x.txt"),
        "甘肃省总工会10月19日在兰州召开推进会。",
    )
    .unwrap();
    std::fs::write(
        &ann,
        "T1\tORG 0 6\t甘肃省总工会\nT2\tORG 3 3\t\nT3\tLOC 15 13\t兰州\nT4\tLOC 13 15\t兰州\n",
    )
    .unwrap();
    let r = import(&dir, &[&ann], &["--format", "brat"]);
    // Before, T2 made the document lose every span, with no line named.
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("x.ann:line 2: "), "{r:?}");
    assert!(r.stderr.contains("x.ann:line 3: "), "{r:?}");
    assert!(
        !r.stderr.contains("line 1:") && !r.stderr.contains("line 4:"),
        "{r:?}"
    );
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).unwrap();
    let ranges: Vec<_> = p.documents[0]
        .layer
        .spans()
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect();
    assert_eq!(
        ranges,
        [(0, 6, "ORG".to_string()), (13, 15, "LOC".to_string())]
    );
}

/// Copy a folder (a project) recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// A corpus export's spans (range, text, label, kind, value, note; sorted) and events (type,
/// trigger range, role → argument range), per document: what must survive a round trip
/// whatever the ids.
fn corpus_content(corpus: &serde_json::Value) -> Vec<serde_json::Value> {
    let docs = corpus["documents"].as_array().expect("documents");
    docs.iter()
        .map(|d| {
            let spans = d["spans"].as_array().expect("spans");
            let range = |id: &serde_json::Value| {
                let s = spans.iter().find(|s| s["id"] == *id).expect("a span");
                serde_json::json!([s["start"], s["end"]])
            };
            let mut ss: Vec<serde_json::Value> = spans
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "start": s["start"], "end": s["end"], "text": s["text"],
                        "label": s["label"], "kind": s["kind"], "value": s["value"],
                        "note": s["note"],
                    })
                })
                .collect();
            ss.sort_by_key(|s| s.to_string());
            let mut es: Vec<serde_json::Value> = d["events"]
                .as_array()
                .expect("events")
                .iter()
                .map(|e| {
                    let args: Vec<serde_json::Value> = e["args"]
                        .as_array()
                        .expect("args")
                        .iter()
                        .map(|a| serde_json::json!([a["role"], range(&a["span"])]))
                        .collect();
                    serde_json::json!({
                        "type": e["type"], "trigger": range(&e["trigger"]), "args": args,
                    })
                })
                .collect();
            es.sort_by_key(|e| e.to_string());
            serde_json::json!({"text": d["text"], "spans": ss, "events": es})
        })
        .collect()
}

#[test]
fn the_sample_through_brat_keeps_figure_values_notes_kinds_and_events() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sample");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample"),
        &dir,
    );
    // Notes the sample lacks: with a tab, a newline, a backslash, spaces, and one that starts
    // like a written value.
    let layer = std::fs::read_dir(dir.join("annotations"))
        .unwrap()
        .flatten()
        .next()
        .expect("a document's layers")
        .path()
        .join("main.ron");
    let mut ron = read(&layer);
    for (span, note) in [
        (
            r#"(id: "T1", start: 2, end: 6, kind: Entity, label: "ORG""#,
            r#"全称 待核\t(简称)\n第二行 C:\\dir"#,
        ),
        (
            r#"(id: "T2", start: 24, end: 27, kind: Figure, label: "QUANTITY", value: Some((kind: Quantity, number: Some(49.0), unit: Some("项")))"#,
            "biaozhu-value kind=MONEY",
        ),
    ] {
        assert!(ron.contains(span), "{span}");
        ron = ron.replacen(span, &format!("{span}, note: Some(\"{note}\")"), 1);
    }
    std::fs::write(&layer, ron).unwrap();
    assert_eq!(check(&dir).code, 0, "the sample with notes is valid");

    let out = tmp.path().join("brat");
    let r = export(&dir, &["--format", "brat", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    let dir2 = tmp.path().join("back");
    assert_eq!(bz(["new", dir2.to_str().unwrap()]).code, 0);
    let anns: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    assert!(!anns.is_empty());
    let files: Vec<&Path> = anns.iter().map(|p| p.as_path()).collect();
    let r = import(&dir2, &files, &["--format", "brat"]);
    assert_eq!(r.code, 0, "nothing reported: {r:?}");
    let c = check(&dir2);
    assert_eq!(c.code, 0, "{c:?}");

    let a = json(&export(&dir, &["--format", "json"]).stdout);
    let b = json(&export(&dir2, &["--format", "json"]).stdout);
    let (a, b) = (corpus_content(&a), corpus_content(&b));
    assert!(
        a.iter()
            .any(|d| d.to_string().contains("\"qualifier\":\"range\"")),
        "the sample has values to compare"
    );
    assert_eq!(a, b);
}

#[test]
fn brat_spans_whose_label_the_schema_calls_a_figure_come_back_as_figures() {
    let (tmp, dir) = new_project();
    let ann = tmp.path().join("y.ann");
    std::fs::write(
        tmp.path().join("y.txt"),
        "甘肃省总工会10月19日在兰州召开推进会。",
    )
    .unwrap();
    // DATE without a written value: the project schema says it is a figure.
    std::fs::write(&ann, "T1\tORG 0 6\t甘肃省总工会\nT2\tDATE 6 12\t10月19日\n").unwrap();
    let r = import(&dir, &[&ann], &["--format", "brat"]);
    assert_eq!(r.code, 0, "{r:?}");
    let c = check(&dir);
    assert_eq!(c.code, 0, "{c:?}");
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).unwrap();
    let kinds: Vec<_> = p.documents[0]
        .layer
        .spans()
        .iter()
        .map(|s| (s.label.clone(), s.kind))
        .collect();
    use biaozhu::model::SpanKind;
    assert_eq!(
        kinds,
        [
            ("ORG".to_string(), SpanKind::Entity),
            ("DATE".to_string(), SpanKind::Figure)
        ]
    );
}

#[test]
fn a_duee_export_says_how_many_spans_it_cannot_hold() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let r = bz([
        OsStr::new("export"),
        sample.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    // The sample's entities and figures outside its 10 events are named as left out.
    assert!(
        r.stderr
            .contains("122 spans in no event (as its trigger or an argument) left out, as DuEE holds events only: in 1 document"),
        "{r:?}"
    );
}

#[test]
fn consistency_lists_the_sample_layers_texts_tagged_one_way_here_and_not_there() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let r = bz([OsStr::new("consistency"), sample.as_os_str()]);
    assert_eq!(r.code, 1, "inconsistencies found: {r:?}");
    // 江苏工会 is tagged ORG five times and left untagged once; 京津冀, untagged only inside
    // quoted contest names (“轨道上的京津冀”) as the guidelines say, is not listed.
    assert!(r.stdout.contains("江苏工会  ORG 5 · untagged 1"), "{r:?}");
    assert!(
        r.stdout.contains(
            "[2734, 2738) untagged  …、更多领域深入合作。〖江苏工会〗服务网实名认证注册会…"
        ),
        "{r:?}"
    );
    assert!(!r.stdout.contains("京津冀"), "{r:?}");
    assert!(r.stderr.contains("texts tagged inconsistently"), "{r:?}");
    let r = bz([
        OsStr::new("consistency"),
        sample.as_os_str(),
        OsStr::new("--json"),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    let first = &v[0];
    assert_eq!(first["text"], "312项");
    assert_eq!(first["kind"], "figure");
    assert_eq!(first["untagged"], 1);
    // Untagged as often as tagged: the tagged place is listed too, in text order.
    assert_eq!(first["deviations"][0]["start"], 3843);
    assert_eq!(first["deviations"][0]["label"], "QUANTITY");
    assert_eq!(first["deviations"][1]["start"], 4102);
    assert_eq!(first["deviations"][1]["label"], serde_json::Value::Null);
    // Every deviation lands on its text.
    let text = read(&sample.join("documents/000_8a8e23ef3e59d156.txt"));
    let chars: Vec<char> = text.chars().collect();
    for x in v.as_array().unwrap() {
        for d in x["deviations"].as_array().unwrap() {
            let (a, b) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let got: String = chars[a..b].iter().collect();
            assert_eq!(got, x["text"].as_str().unwrap());
        }
    }
    // 北京 tagged at [18, 20) and only suggested (pending) at [3, 5): untagged there.
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = bz([OsStr::new("consistency"), dir.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout
            .contains("北京  LOC 1 · untagged 1\n  news [3, 5) untagged"),
        "{r:?}"
    );
    assert!(
        r.stderr
            .contains("1 text tagged inconsistently, 2 places to look at"),
        "{r:?}"
    );
    // A layer tagged alike everywhere: exit 0.
    let one: String = SPANS.lines().filter(|l| l.contains("\"T1\"")).collect();
    let (_tmp, dir) = project_with_layer("main", &one);
    let r = bz([OsStr::new("consistency"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("tagged alike"), "{r:?}");
}

// ---- training-set options and detection ---------------------------------------------------

#[test]
fn dedup_leaves_out_the_sample_bulletins_repeated_sentences() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let run = |extra: &[&str]| {
        let mut a: Vec<&OsStr> = vec![OsStr::new("export"), sample.as_os_str()];
        a.extend(
            ["--format", "hf-spans", "--unit", "sentence"]
                .iter()
                .chain(extra)
                .map(OsStr::new),
        );
        bz(a)
    };
    let records = |out: &str| out.lines().filter(|l| !l.trim().is_empty()).count();
    let r = run(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(records(&r.stdout), 84);
    assert!(
        r.stderr.contains(
            "3 records whose text (whitespace aside) repeats an earlier one's: written all the same (\"Leave out repeated records\" in the export dialog, or --dedup, leaves them out)"
        ),
        "{r:?}"
    );
    let r = run(&["--dedup"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(records(&r.stdout), 81);
    assert!(
        r.stderr.contains("repeats an earlier one's: left out"),
        "{r:?}"
    );
    let texts: std::collections::BTreeSet<String> = r
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(texts.len(), 81);
}

#[test]
fn split_writes_train_dev_test_files_into_a_folder_and_asks_for_one() {
    let (tmp, dir) = project_with_layer("main", SPANS);
    let r = export(&dir, &["--format", "json", "--split", "8:1:1"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--out DIR"), "{r:?}");
    let out = tmp.path().join("sets");
    let o = out.to_str().unwrap();
    let r = export(
        &dir,
        &[
            "--format", "json", "--split", "1:0:0", "--seed", "3", "--out", o,
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("train 1, dev 0, test 0"), "{r:?}");
    for part in ["train", "dev", "test"] {
        let v: serde_json::Value =
            serde_json::from_str(&read(&out.join(format!("{part}.json")))).unwrap();
        let n = v["documents"].as_array().unwrap().len();
        assert_eq!(n, usize::from(part == "train"), "{part}");
    }
    let r = export(&dir, &["--format", "json", "--split", "8:1"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("8:1:1"), "{r:?}");
    let r = export(&dir, &["--format", "json", "--map", "ORG"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("FROM=TO"), "{r:?}");
}

#[test]
fn labels_and_map_on_the_command_line_rename_and_keep() {
    let (_tmp, dir) = project_with_layer("main", SPANS);
    let r = export(
        &dir,
        &["--format", "json", "--map", "ORG=机构", "--labels", "机构"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let labels: Vec<&str> = v["documents"][0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["机构", "机构"], "{v}");
    assert!(r.stderr.contains("ARG 1, LOC 1, QUANTITY 1"), "{r:?}");
    // An empty list (an empty variable in a script) is refused, not an export of nothing;
    // empty entries beside names are ignored.
    for empty in ["", " , ,"] {
        let r = export(&dir, &["--format", "json", "--labels", empty]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(
            r.stderr
                .contains("--labels names no label, event type or role"),
            "{r:?}"
        );
    }
    let r = export(&dir, &["--format", "json", "--labels", "LOC,,"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("no label"), "{r:?}");
    // --keep-empty takes a share.
    let r = export(&dir, &["--format", "json", "--keep-empty", "1.5"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("a share from 0 to 1 is wanted"), "{r:?}");
    let r = export(
        &dir,
        &[
            "--format",
            "json",
            "--unit",
            "sentence",
            "--keep-empty",
            "0",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("every record has something to write: \"Keep 0 % of the records with nothing to write\" (--keep-empty 0) left none out"),
        "{r:?}"
    );
}

#[test]
fn import_without_format_says_what_it_detected_and_pending_brings_suggestions() {
    let (tmp, dir) = new_project();
    let src = tmp.path().join("two.jsonl");
    std::fs::write(&src, format!("{TWO_SENTENCES}\n")).unwrap();
    let r = import(&dir, &[&src], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("format: duee (DuEE records"), "{r:?}");
    let txt = tmp.path().join("a.txt");
    std::fs::write(&txt, "今天开会。").unwrap();
    let r = import(&dir, &[&txt], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("format: text"), "{r:?}");
    // Two files of different formats are not guessed together.
    let r = import(&dir, &[&txt, &src], &[]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("separately"), "{r:?}");
    // --pending: every span a suggestion to review; the accepted export has none of them.
    let (_tmp2, dir2) = new_project();
    let r = import(&dir2, &[&src], &["--format", "duee", "--pending"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value =
        serde_json::from_str(&export(&dir2, &["--format", "json"]).stdout).unwrap();
    assert_eq!(
        v["documents"][0]["spans"].as_array().unwrap().len(),
        0,
        "{v}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&export(&dir2, &["--format", "json", "--include-pending"]).stdout)
            .unwrap();
    let spans = v["documents"][0]["spans"].as_array().unwrap();
    assert!(!spans.is_empty());
    assert!(spans.iter().all(|s| s["status"] == "pending"), "{v}");
}

#[test]
fn a_label_the_schema_lacks_is_added_on_import_with_a_line_never_dropped() {
    let (tmp, dir) = new_project();
    let txt = tmp.path().join("gpe.txt");
    let ann = tmp.path().join("gpe.ann");
    std::fs::write(&txt, "中国和法国签约。").unwrap();
    std::fs::write(
        &ann,
        "T1\tGPE 0 2\t中国\nT2\tGPE 3 5\t法国\nT3\tORG 0 2\t中国\n",
    )
    .unwrap();
    let r = import(&dir, &[&ann], &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("format: brat"), "{r:?}");
    assert!(
        r.stderr
            .contains("label GPE is not in the schema: added it (2 spans use it here, hotkey 0)"),
        "{r:?}"
    );
    assert!(read(&dir.join("project.ron")).contains("key: \"GPE\""));
    let v: serde_json::Value =
        serde_json::from_str(&export(&dir, &["--format", "json"]).stdout).unwrap();
    let labels: Vec<&str> = v["documents"][0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["GPE", "ORG", "GPE"]);
}

/// Issue #13 item 9: the sample's 5-role 会议 became DuEE's 2-role 会议 without a word.
#[test]
fn schema_import_keeps_a_type_of_the_same_name_and_says_so_unless_replace() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("meeting_schema.json");
    std::fs::write(
        &f,
        "{\"event_type\": \"会议\", \"role_list\": [{\"role\": \"主体\"}, {\"role\": \"议题\"}]}\n",
    )
    .unwrap();
    let schema_import = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("schema"),
            OsStr::new("import"),
            dir.as_os_str(),
            f.as_os_str(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        bz(args)
    };
    let roles = || -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(
            &bz([
                OsStr::new("schema"),
                OsStr::new("show"),
                dir.as_os_str(),
                OsStr::new("--json"),
            ])
            .stdout,
        )
        .unwrap();
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == "会议")
            .unwrap()["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect()
    };
    let r = schema_import(&[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("会议: already in the schema; kept its 5 roles and added 1 (议题)"),
        "{r:?}"
    );
    assert_eq!(roles(), ["主体", "对象", "时间", "地点", "参与者", "议题"]);
    let r = schema_import(&["--replace"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("会议: replaced (6 roles → 2"), "{r:?}");
    assert_eq!(roles(), ["主体", "议题"]);
}

/// Issue #13 item 11: a forced encoding that reads a file as garbage said nothing.
#[test]
fn a_forced_encoding_that_reads_garbage_is_said_with_the_detected_one() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("utf8.txt");
    std::fs::write(
        &f,
        "【本报北京10月24日电】今天，北京市总工会召开大会，86个县区参加。\n",
    )
    .unwrap();
    let r = import(&dir, &[&f], &["--encoding", "utf-16le"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("the forced encoding UTF-16LE gives"),
        "{r:?}"
    );
    assert!(r.stderr.contains("reads as UTF-8 with 0"), "{r:?}");
    // Forced right, nothing is said.
    let (_tmp2, dir2) = new_project();
    let r = import(&dir2, &[&f], &["--encoding", "utf-8"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("forced encoding"), "{r:?}");
}

/// Issue #13 item 12: --annotator was accepted where it does nothing.
#[test]
fn annotator_is_an_option_only_where_it_acts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let r = bz([
        OsStr::new("new"),
        dir.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("wang"),
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--annotator"), "{r:?}");
    let f = tmp.path().join("a.txt");
    std::fs::write(&f, "今天开会。").unwrap();
    let r = bz([
        OsStr::new("structure"),
        f.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("wang"),
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    // Where it acts it is taken: import writes that annotator's layer.
    assert_eq!(bz([OsStr::new("new"), dir.as_os_str()]).code, 0);
    let ann = tmp.path().join("a.ann");
    std::fs::write(&ann, "T1\tORG 0 2\t今天\n").unwrap();
    let r = import(&dir, &[&ann], &["--annotator", "wang"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        std::fs::read_dir(dir.join("annotations"))
            .unwrap()
            .any(|d| d.unwrap().path().join("wang.ron").exists())
    );
}

/// Issue #13 item 10: `--extend-schema` takes another data set's events whole.
#[test]
fn extend_schema_adds_the_roles_and_types_a_duee_file_uses() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("d.jsonl");
    std::fs::write(
        &f,
        "{\"text\": \"公司宣布裁员300人。\", \"id\": \"x\", \"event_list\": [{\"event_type\": \"组织关系-裁员\", \"trigger\": \"裁员\", \"trigger_start_index\": 4, \"arguments\": [{\"argument_start_index\": 0, \"role\": \"裁员方\", \"argument\": \"公司\", \"alias\": []}]}, {\"event_type\": \"发布\", \"trigger\": \"宣布\", \"trigger_start_index\": 2, \"arguments\": [{\"argument_start_index\": 4, \"role\": \"内容\", \"argument\": \"裁员300人\", \"alias\": []}]}]}\n",
    )
    .unwrap();
    let r = import(&dir, &[&f], &["--format", "duee", "--extend-schema"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr
            .contains("--extend-schema: added the event type 组织关系-裁员 the roles 裁员方"),
        "{r:?}"
    );
    assert!(
        r.stderr
            .contains("--extend-schema: added to 发布 the roles 内容"),
        "{r:?}"
    );
    // The type added has a Shift key no other type has.
    let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).unwrap();
    let added = p.schema.event_type("组织关系-裁员").unwrap();
    let key = added.hotkey.expect("a key");
    assert_eq!(
        p.schema
            .events
            .iter()
            .filter(|t| t.hotkey == Some(key))
            .count(),
        1
    );
    // check no longer finds roles or types the schema lacks (发布's own required roles are
    // still missing in this record, and said).
    let c = bz([OsStr::new("check"), dir.as_os_str()]);
    assert!(!c.stdout.contains("is not a role"), "{c:?}");
    assert!(!c.stdout.contains("裁员\" is not"), "{c:?}");
    assert!(
        c.stdout.contains("required role Subject (主体) is missing"),
        "{c:?}"
    );
    // --extend-schema is for formats with events only.
    let r = import(&dir, &[&f], &["--format", "cluener", "--extend-schema"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn check_lists_unsure_and_commented_spans_and_events_as_information_not_problems() {
    use biaozhu::edit::{Edit, apply};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sample");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample"),
        &dir,
    );
    let clean = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert!(!clean.stdout.contains("info:"), "{}", clean.stdout);
    {
        let (mut st, mut p) = biaozhu::store::Store::open(&dir, "main", &mut |_, _| true).unwrap();
        let mut s = p.documents[0].layer.spans()[0].clone();
        s.unsure = true;
        apply(&mut p, Edit::UpdateSpan { doc: 0, span: s }).unwrap();
        let mut s = p.documents[0].layer.spans()[1].clone();
        s.note = Some("边界待定".into());
        apply(&mut p, Edit::UpdateSpan { doc: 0, span: s }).unwrap();
        let mut e = p.documents[0].layer.events[0].clone();
        e.unsure = true;
        e.note = Some("类型存疑".into());
        apply(&mut p, Edit::UpdateEvent { doc: 0, event: e }).unwrap();
        st.save(&mut p).unwrap();
    }
    let r = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "information is not a problem: {r:?}");
    let info: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains(": info: "))
        .collect();
    assert_eq!(info.len(), 3, "{}", r.stdout);
    assert!(info[0].contains("main.ron: info: T") && info[0].ends_with(" unsure"));
    let first = {
        let p = biaozhu::store::load(&dir, "main", &mut |_, _| true).unwrap();
        let d = &p.documents[0];
        let s = &d.layer.spans()[0];
        format!(
            "{} {} 「{}」 {}",
            s.id,
            s.label,
            d.text.slice(s.range).unwrap(),
            s.range
        )
    };
    assert!(info[0].contains(&first), "{} lacks {first}", info[0]);
    assert!(info[1].ends_with("note \"边界待定\""), "{}", info[1]);
    assert!(
        info[2].contains(": info: E") && info[2].ends_with("unsure, note \"类型存疑\""),
        "{}",
        info[2]
    );
    assert!(r.stdout.contains("ok: "), "{}", r.stdout);
    // ---- --annotator -------------------------------------------------------------------------
}

#[test]
fn annotator_chooses_the_layer_of_export_stats_check_and_schema() {
    let (_tmp, dir) = project_with_layer("alice", SPANS);
    write_layer(
        &dir,
        "news",
        "bob",
        NEWS,
        "        (id: \"T1\", start: 25, end: 30, kind: Entity, label: \"ORG\"),\n",
    );
    let d = dir.to_str().unwrap();
    // export and stats: --annotator is --layer.
    let r = bz(["export", d, "--format", "json", "--annotator", "bob"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(json(&r.stdout)["documents"][0]["layer"], "bob");
    let r = bz(["stats", d, "--json", "--annotator", "bob"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(json(&r.stdout)["spans"], 1, "{r:?}");
    // check: one annotator's layers, else every layer; a layer that is not there is an error.
    let r = bz(["check", d, "--annotator", "bob"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("layers bob\n"), "{r:?}");
    let r = bz(["check", d]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("layers alice, bob"), "{r:?}");
    let r = bz(["check", d, "--annotator", "carol"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no layer \"carol\""), "{r:?}");
    // A bad layer found only under its annotator.
    write_layer(
        &dir,
        "news",
        "bob",
        NEWS,
        "        (id: \"T1\", start: 25, end: 30, kind: Entity, label: \"NOPE\"),\n",
    );
    assert_eq!(bz(["check", d, "--annotator", "alice"]).code, 0);
    assert_eq!(bz(["check", d, "--annotator", "bob"]).code, 1);
    // schema: loads with the annotator's layer; a bad name is refused.
    let r = bz(["schema", "show", d, "--annotator", "alice"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("labels"), "{r:?}");
    let r = bz(["schema", "show", d, "--annotator", "../x"]);
    assert_eq!(r.code, 2, "{r:?}");
}

// ---- assign ------------------------------------------------------------------------------

#[test]
fn assign_writes_assignments_and_a_project_without_them_stays_byte_identical() {
    let (tmp, dir) = new_project();
    let f = tmp.path().join("news.txt");
    std::fs::write(&f, NEWS).unwrap();
    let g = tmp.path().join("other.txt");
    std::fs::write(&g, "第二篇。\n").unwrap();
    assert_eq!(import(&dir, &[&f, &g], &[]).code, 0);
    let before = std::fs::read(dir.join("project.ron")).unwrap();
    let d = dir.to_str().unwrap();
    let r = bz(["assign", d, "--annotator", "alice", "news"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("alice: 1 documents\n  news"), "{r:?}");
    let ron = std::fs::read_to_string(dir.join("project.ron")).unwrap();
    assert!(ron.contains("assignments"), "{ron}");
    assert!(ron.contains("\"alice\""), "{ron}");
    let r = bz(["assign", d, "--annotator", "bob", "--all"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("bob: 2 documents"), "{r:?}");
    // A document that is not there is an error, and nothing changes.
    let r = bz(["assign", d, "--annotator", "alice", "nope"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no document \"nope\""), "{r:?}");
    // Read back by the library.
    let (_st, p) = biaozhu::store::Store::open(&dir, "alice", &mut |_, _| true).unwrap();
    assert_eq!(p.assigned("alice"), ["news".to_string()]);
    assert_eq!(p.assigned("bob").len(), 2);
    drop(_st);
    // Cleared again: the file is what it was, byte for byte.
    assert_eq!(bz(["assign", d, "--annotator", "alice", "--clear"]).code, 0);
    assert_eq!(bz(["assign", d, "--annotator", "bob", "--clear"]).code, 0);
    assert_eq!(std::fs::read(dir.join("project.ron")).unwrap(), before);
    assert_eq!(bz(["check", d]).code, 0);
}

/// Issue #14: `suggest FILE --json --project DIR` adds event triggers (kind `trigger`, label
/// the event type) learnt from DIR's schema and accepted events, with arguments from nearby
/// suggestions the roles accept; without `--project` there are none.
#[test]
fn suggest_with_a_project_lists_trigger_suggestions() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("news.txt");
    std::fs::write(&file, "甘肃省总工会10月19日在兰州对口支援培训班。").unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    let r = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--project"),
        sample.as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let triggers: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "trigger")
        .collect();
    // 对口支援 is 帮扶's trigger in the sample's accepted events.
    let t = triggers
        .iter()
        .find(|t| t["text"] == "对口支援")
        .unwrap_or_else(|| panic!("{triggers:?}"));
    assert_eq!(t["label"], "帮扶");
    assert_eq!(
        (t["start"].as_u64(), t["end"].as_u64()),
        (Some(15), Some(19))
    );
    let args = t["args"].as_array().unwrap();
    assert!(
        args.iter().any(|a| a["role"] == "主体"
            && a["text"] == "甘肃省总工会"
            && a["label"] == "ORG"
            && a["source"] == "rule"),
        "{args:?}"
    );
    assert!(v.as_array().unwrap().iter().any(|s| s["kind"] == "entity"));
    let r = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
    ]);
    assert!(!r.stdout.contains("\"trigger\""), "{r:?}");
}

/// `train` on a project of events alone (DuEE records 0-399, no entity span): the entity
/// model has nothing to learn, but the trigger and argument taggers are trained, scored on
/// the last tenth of the texts (printed, and kept in `models/triggers.ron`) and saved, so that
/// `suggest --project` reads them rather than training them again.
#[test]
fn train_on_a_project_of_events_scores_and_saves_the_event_taggers() {
    let (_tmp, dir) = new_project();
    let d = dir.as_os_str();
    let file = duee::learnt_from_duee(&dir, 400..410);
    let r = bz([
        OsStr::new("train"),
        d,
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("no accepted entity span"), "{r:?}");
    assert!(
        r.stderr
            .contains("learning events from 400 texts with 456 accepted events"),
        "{r:?}"
    );
    assert!(
        r.stdout
            .contains("events held out: the last 10% of texts, 40 of 400"),
        "{r:?}"
    );
    let figure = |what: &str| -> (f64, f64) {
        let line = r
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("a line for {what}: {r:?}"));
        let num = |key: &str| -> f64 {
            let at = line.find(key).expect("the figure") + key.len();
            line[at..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        (num("P "), num("R "))
    };
    // Records 360-399 learnt from 0-359: the lexicon and tagger find most triggers, and the
    // argument tagger some arguments (measured: P 0.830 R 0.848; P 0.389 R 0.352).
    let (p, rc) = figure("triggers");
    assert!(p > 0.6 && rc > 0.6, "{r:?}");
    let (p, rc) = figure("arguments");
    assert!(p > 0.2 && rc > 0.2, "{r:?}");
    // Per event type, the most held out first, fifteen at most.
    let typed = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("    ") && l.contains(" gold)") && l.contains('-'))
        .count();
    assert!((5..=15).contains(&typed), "{r:?}");
    assert!(
        r.stdout.contains("more types (see models/triggers.ron)"),
        "{r:?}"
    );
    let meta = std::fs::read_to_string(dir.join("models/triggers.ron")).unwrap();
    assert!(
        meta.contains("held_out: Some(") && meta.contains("texts: 400"),
        "{meta}"
    );
    assert!(meta.contains("trigger_types: {"), "{meta}");
    assert!(dir.join("models/arguments.crf").is_file());
    // Suggesting reads the saved taggers: nothing is trained or written again.
    let saved = dir.join("models/triggers.crf");
    let written = std::fs::metadata(&saved).and_then(|m| m.modified()).ok();
    let s = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--project"),
        d,
    ]);
    assert_eq!(s.code, 0, "{s:?}");
    assert!(s.stdout.contains("\"source\": \"model\""), "{s:?}");
    assert_eq!(
        std::fs::metadata(&saved).and_then(|m| m.modified()).ok(),
        written
    );
    // `--only entities` leaves the event taggers alone: nothing to learn here.
    let entities = bz([
        OsStr::new("train"),
        d,
        OsStr::new("--only"),
        OsStr::new("entities"),
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(entities.code, 1, "{entities:?}");
    assert!(!entities.stderr.contains("learning events"), "{entities:?}");
    assert_eq!(
        std::fs::metadata(&saved).and_then(|m| m.modified()).ok(),
        written
    );
    // In Chinese too, the event taggers alone.
    let zh = bz([
        OsStr::new("train"),
        d,
        OsStr::new("--only"),
        OsStr::new("events"),
        OsStr::new("--lang"),
        OsStr::new("zh"),
    ]);
    assert_eq!(zh.code, 0, "{zh:?}");
    assert!(
        zh.stdout
            .contains("事件留出评测：后 10% 的文本（400 篇中的 40 篇）"),
        "{zh:?}"
    );
    assert!(zh.stdout.contains("触发词"), "{zh:?}");
    assert!(!zh.stderr.contains("实体标注"), "{zh:?}");
}

/// `train` on a project with neither accepted entities nor events says so and fails.
#[test]
fn train_with_nothing_to_learn_fails_saying_why() {
    let (_tmp, dir) = new_project();
    let r = bz([
        OsStr::new("train"),
        dir.as_os_str(),
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("no accepted entity span"), "{r:?}");
    assert!(!r.stderr.contains("other layers"), "{r:?}");
    assert!(!dir.join("models/triggers.crf").exists());
    // Two annotators finished every document and `main` has none: the message names their
    // layers and the option that learns from one, and that option does.
    let file = dir.join("two.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"浙商银行企业信贷部叶老桂博士则从另一个角度进行了解读。\", \"label\": {\"name\": {\"叶老桂\": [[9, 11]]}}}\n\
         {\"text\": \"叶老桂认为，对目前国内商业银行而言，王小明的看法也值得一听。\", \"label\": {\"name\": {\"叶老桂\": [[0, 2]], \"王小明\": [[18, 20]]}}}\n",
    )
    .unwrap();
    let imported = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("cluener"),
    ]);
    assert_eq!(imported.code, 0, "{imported:?}");
    for layer in std::fs::read_dir(dir.join("annotations")).unwrap() {
        let doc = layer.unwrap().path();
        let main = std::fs::read_to_string(doc.join("main.ron")).unwrap();
        assert!(main.contains("status: New"), "{main}");
        for who in ["alice", "bob"] {
            std::fs::write(
                doc.join(format!("{who}.ron")),
                main.replace("status: New", "status: Done"),
            )
            .unwrap();
        }
    }
    let r = bz([
        OsStr::new("train"),
        dir.as_os_str(),
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(
            "other layers have documents marked done: alice 2, bob 2; pass --annotator alice to learn from one"
        ),
        "{r:?}"
    );
    let r = bz([
        OsStr::new("train"),
        dir.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("alice"),
        OsStr::new("--lang"),
        OsStr::new("en"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("trained on 2 documents"), "{r:?}");
}

/// Issue #14: from enough accepted events on (DuEE records 0-399 imported), `suggest
/// --project` also lists the trigger tagger's triggers, words the lexicon does not know,
/// with `source` `model` and their probability; the lexicon's have `source` `lexicon` and no
/// confidence.
#[test]
fn suggest_with_a_project_of_many_events_adds_the_trigger_taggers_words() {
    let (_tmp, dir) = new_project();
    let d = dir.as_os_str();
    // The texts of records 400-499, one file.
    let file = duee::learnt_from_duee(&dir, 400..500);
    let r = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--project"),
        d,
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let triggers: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "trigger")
        .collect();
    let model: Vec<_> = triggers.iter().filter(|t| t["source"] == "model").collect();
    assert!(!model.is_empty(), "{triggers:?}");
    for t in &model {
        let c = t["confidence"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&c), "{t}");
        assert!(
            t["label"].as_str().unwrap().contains('-'),
            "a DuEE type: {t}"
        );
    }
    let lexicon = triggers.iter().filter(|t| t["source"] == "lexicon");
    assert!(lexicon.clone().count() > model.len(), "{triggers:?}");
    assert!(lexicon.clone().all(|t| t["confidence"].is_null()));
    // The arguments: the argument tagger's (trained with the trigger tagger on the accepted
    // events' arguments) say so with their probability; the rules' picks say `rule`.
    let args: Vec<&serde_json::Value> = triggers
        .iter()
        .flat_map(|t| t["args"].as_array().into_iter().flatten())
        .collect();
    let tagged: Vec<_> = args.iter().filter(|a| a["source"] == "model").collect();
    assert!(!tagged.is_empty(), "{args:?}");
    for a in &tagged {
        let c = a["confidence"].as_f64().unwrap();
        assert!(c > 0.0 && c <= 1.0, "{a}");
        assert!(!a["text"].as_str().unwrap().is_empty());
    }
    assert!(
        args.iter()
            .filter(|a| a["source"] == "rule")
            .all(|a| a["confidence"].is_null()),
        "{args:?}"
    );
    assert!(dir.join("models/arguments.crf").is_file());
    // The tagger is kept in the project's models/ folder: the next run reads it rather than
    // training it again (the file is not rewritten) and suggests the same.
    let saved = dir.join("models/triggers.crf");
    let written = std::fs::metadata(&saved)
        .and_then(|m| m.modified())
        .expect("the tagger saved");
    let again = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--project"),
        d,
    ]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(again.stdout, r.stdout);
    assert_eq!(
        std::fs::metadata(&saved).and_then(|m| m.modified()).ok(),
        Some(written)
    );
    // A damaged tagger file is named on standard error and replaced by a new one.
    std::fs::write(&saved, b"damaged").unwrap();
    let third = bz([
        OsStr::new("suggest"),
        file.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--project"),
        d,
    ]);
    assert_eq!(third.code, 0, "{third:?}");
    assert!(third.stderr.contains("triggers.crf"), "{third:?}");
    // In the words the window and `suggest DIR` use (one wording, in session::error).
    assert!(third.stderr.contains("trained again"), "{third:?}");
    assert_eq!(third.stdout, r.stdout);
    assert!(std::fs::read(&saved).unwrap().len() > 100);
    // Pre-annotating the project says so too, once, and still adds the suggestions.
    std::fs::write(&saved, b"damaged").unwrap();
    let all = bz([OsStr::new("suggest"), d]);
    assert_eq!(all.code, 0, "{all:?}");
    assert_eq!(
        all.stderr.matches("triggers.crf").count(),
        1,
        "{}",
        all.stderr
    );
    assert!(all.stderr.contains("trained again"), "{}", all.stderr);
    assert!(std::fs::read(&saved).unwrap().len() > 100);
}

#[test]
fn export_folds_writes_a_train_and_test_per_round_and_stratify_needs_a_split_or_folds() {
    let (tmp, dir) = new_project();
    let files: Vec<PathBuf> = (0..4)
        .map(|i| {
            let f = tmp.path().join(format!("n{i}.txt"));
            // A blank line: CoNLL cannot keep it, which is said of each document.
            std::fs::write(&f, format!("第{i}条：张三在北京工作。\n\n他来了。")).unwrap();
            f
        })
        .collect();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    assert_eq!(import(&dir, &refs, &[]).code, 0);
    let out = tmp.path().join("cv");
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--folds",
            "2",
            "--seed",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    for fold in ["fold0", "fold1"] {
        for part in ["train.conll", "test.conll"] {
            assert!(out.join(fold).join(part).is_file(), "{fold}/{part}: {r:?}");
        }
        assert!(!out.join(fold).join("dev.conll").exists());
    }
    assert!(
        r.stderr
            .contains("4 documents in 2 folds by document (seed 3): 2 · 2"),
        "{r:?}"
    );
    // The last line counts each document once, not once a part.
    assert!(
        r.stderr.contains("(2 folds of 4 documents, 0 spans: "),
        "{r:?}"
    );
    // Every document's text is tested on once: the two test files hold all four.
    let tested: usize = ["fold0", "fold1"]
        .iter()
        .map(|f| {
            read(&out.join(f).join("test.conll"))
                .matches("第\t")
                .count()
        })
        .sum();
    assert_eq!(tested, 4);
    let r = export(
        &dir,
        &["--format", "conll", "--folds", "2", "--split", "8:1:1"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    let r = export(&dir, &["--format", "conll", "--stratify"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--stratify needs --split or --folds"),
        "{r:?}"
    );
    // A dev fold per round: three folds or more, and only with --folds.
    let r = export(&dir, &["--format", "conll", "--folds", "2", "--fold-dev"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("--fold-dev needs 3 folds or more"),
        "{r:?}"
    );
    let r = export(&dir, &["--format", "conll", "--fold-dev"]);
    assert_eq!(r.code, 2, "{r:?}");
    let out = tmp.path().join("cv3");
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--folds",
            "4",
            "--fold-dev",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    for fold in ["fold0", "fold1", "fold2", "fold3"] {
        let n = |part: &str| read(&out.join(fold).join(part)).matches("第\t").count();
        assert_eq!(
            (n("train.conll"), n("dev.conll"), n("test.conll")),
            (2, 1, 1),
            "{fold}: {r:?}"
        );
    }
    assert!(r.stderr.contains("develops on fold i+1"), "{r:?}");
    // What is said of a document is said once, naming the four parts it went to (one in
    // each round), not once per round.
    let said: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("the text reads back changed"))
        .collect();
    assert_eq!(said.len(), 4, "{r:?}");
    for l in said {
        assert_eq!(l.matches("fold").count(), 4, "{l}");
        assert!(
            l.contains("test") && l.contains("dev") && l.contains("train"),
            "{l}"
        );
    }
}

#[test]
fn export_dry_run_says_where_each_document_would_go_and_writes_nothing() {
    let (tmp, dir) = new_project();
    let files: Vec<PathBuf> = (0..6)
        .map(|i| {
            let f = tmp.path().join(format!("n{i}.txt"));
            std::fs::write(&f, format!("第{i}条：张三在北京工作。")).unwrap();
            f
        })
        .collect();
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    assert_eq!(import(&dir, &refs, &[]).code, 0);
    let out = tmp.path().join("sets");
    let args = [
        "--format",
        "conll",
        "--split",
        "1:1:1",
        "--seed",
        "2",
        "--out",
        out.to_str().unwrap(),
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let r = export(&dir, &dry);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!out.exists(), "a dry run writes nothing");
    assert!(r.stderr.contains("nothing was written"), "{r:?}");
    let m: serde_json::Value = serde_json::from_str(&r.stdout).expect("the manifest");
    let docs = |m: &serde_json::Value| -> Vec<Vec<String>> {
        m["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    };
    assert_eq!(docs(&m).iter().map(Vec::len).sum::<usize>(), 6);
    // The real export puts the same documents in the same parts, and says so beside them.
    let r = export(&dir, &args);
    assert_eq!(r.code, 0, "{r:?}");
    let written: serde_json::Value =
        serde_json::from_str(&read(&out.join("manifest.json"))).unwrap();
    assert_eq!(docs(&written), docs(&m));
}

/// A corpus that grows: the second export keeps the first one's split (`--split-from` its
/// folder), so no document changes part, and the new ones are placed; the proportions and
/// seed come from the manifest. A file that is no split manifest is refused, named.
#[test]
fn export_split_from_keeps_every_document_where_an_earlier_split_put_it() {
    let (tmp, dir) = new_project();
    let write = |range: std::ops::Range<usize>| -> Vec<PathBuf> {
        range
            .map(|i| {
                let f = tmp.path().join(format!("n{i}.txt"));
                std::fs::write(&f, format!("第{i}条：张三在北京工作。")).unwrap();
                f
            })
            .collect()
    };
    let parts_of = |out: &Path| -> std::collections::BTreeMap<String, String> {
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap())
                .unwrap();
        let mut of = std::collections::BTreeMap::new();
        for p in m["parts"].as_array().unwrap() {
            for d in p["documents"].as_array().unwrap() {
                of.insert(
                    d.as_str().unwrap().to_string(),
                    p["name"].as_str().unwrap().to_string(),
                );
            }
        }
        of
    };
    let first = write(0..10);
    let refs: Vec<&Path> = first.iter().map(PathBuf::as_path).collect();
    assert_eq!(import(&dir, &refs, &[]).code, 0);
    let v1 = tmp.path().join("v1");
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--split",
            "6:2:2",
            "--seed",
            "9",
            "--out",
            v1.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let before = parts_of(&v1);
    assert_eq!(before.len(), 10);
    let more = write(10..20);
    let refs: Vec<&Path> = more.iter().map(PathBuf::as_path).collect();
    assert_eq!(import(&dir, &refs, &[]).code, 0);
    let v2 = tmp.path().join("v2");
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--split-from",
            v1.to_str().unwrap(),
            "--out",
            v2.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let after = parts_of(&v2);
    assert_eq!(after.len(), 20);
    for (doc, part) in &before {
        assert_eq!(after.get(doc), Some(part), "{doc} moved");
    }
    // 6:2:2 of 20 is 12:4:4 in all.
    let count = |p: &str| after.values().filter(|x| x.as_str() == p).count();
    assert_eq!([count("train"), count("dev"), count("test")], [12, 4, 4]);
    assert!(
        r.stderr
            .contains("the earlier split kept: 10 documents stay in their part, 10 new ones go to"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "split 20 documents by document (the earlier split kept, new ones placed by seed 9): train 12, dev 4, test 4"
        ),
        "{}",
        r.stderr
    );
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(v2.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["split"]["seed"], 9);
    assert_eq!(m["split"]["train_dev_test"], serde_json::json!([6, 2, 2]));
    // Not a split manifest: refused, named.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"documents": []}"#).unwrap();
    let r = export(
        &dir,
        &[
            "--format",
            "conll",
            "--split-from",
            bad.to_str().unwrap(),
            "--out",
            "x",
            "--lang",
            "en",
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("bad.json: not the manifest.json of a split export"),
        "{}",
        r.stderr
    );
}
