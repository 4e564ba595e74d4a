//! A project that has learnt from DuEE (issue #14): its schema and records 0-399 imported as
//! accepted events, and the texts of other records written to a file beside it. Shared by
//! `tests/cli.rs` and `tests/learn.rs`; needs `mod bin` (support/bin.rs) beside it.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Imports DuEE's schema and records 0-399 into the project `dir` (made already), and writes
/// the texts of `records`, one per line, to `news.txt` beside it, whose path is returned.
pub fn learnt_from_duee(dir: &Path, records: Range<usize>) -> PathBuf {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev/events");
    let all = std::fs::read_to_string(dev.join("duee1.0_sample_data.500.jsonl"))
        .expect("the DuEE sample in ../shared/dev");
    let lines: Vec<&str> = all.lines().filter(|l| !l.trim().is_empty()).collect();
    let d = dir.as_os_str();
    let schema = dev.join("duee1.0_event_schema.jsonl");
    let r = crate::bin::bz(["schema".as_ref(), "import".as_ref(), d, schema.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let learn = dir.with_file_name("learn.jsonl");
    std::fs::write(&learn, lines[..400].join("\n")).expect("write learn.jsonl");
    let r = crate::bin::bz([
        "import".as_ref(),
        d,
        learn.as_os_str(),
        "--format".as_ref(),
        "duee".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let text: String = lines[records]
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a DuEE record");
            format!("{}\n", v["text"].as_str().expect("its text"))
        })
        .collect();
    let news = dir.with_file_name("news.txt");
    std::fs::write(&news, text).expect("write news.txt");
    news
}
