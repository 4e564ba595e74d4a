//! The activity log: `log/<who>.jsonl` in the project folder, one file per person (only that
//! person appends to it, so two people sharing the project through git never conflict), one
//! JSON object per line: who changed which layer of which document, what, and when. The
//! session appends what was edited at each save; statistics read it for progress over time.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::StoreError;

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// When, as `2026-11-30T17:40:00Z` (UTC).
    pub at: String,
    /// The person.
    pub who: String,
    /// Document id.
    pub doc: String,
    /// The layer changed (an annotator's, or `curated`).
    pub layer: String,
    /// `add`, `remove`, `update`, `event`, `status`, `batch`, `undo`, `redo`.
    pub action: String,
    /// What changed, as a person reads it.
    pub what: String,
}

/// `2026-11-30T17:40:00Z` for seconds since the epoch (UTC; days to civil date after
/// Howard Hinnant's algorithm).
pub fn utc_stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The folder of the logs.
pub fn log_dir(dir: &Path) -> PathBuf {
    dir.join("log")
}

/// `who`'s log file.
pub fn log_file(dir: &Path, who: &str) -> PathBuf {
    log_dir(dir).join(format!("{who}.jsonl"))
}

/// Append `entries` to `who`'s log (created if missing) and fsync it. A line is written
/// whole or, if the machine stops mid-write, left broken at the end, where `read` skips it;
/// the next append starts on a new line, so the broken part costs no later entry.
pub fn append(dir: &Path, who: &str, entries: &[Entry]) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    super::check_annotator(who)?;
    let folder = log_dir(dir);
    std::fs::create_dir_all(&folder).map_err(|e| StoreError::io(&folder, e))?;
    let path = log_file(dir, who);
    let mut buf = String::new();
    for e in entries {
        let line = serde_json::to_string(e).map_err(|err| {
            StoreError::invalid(
                &path,
                crate::said!("无法写出一条记录：{err}", "cannot write an entry: {err}"),
            )
        })?;
        buf.push_str(&line);
        buf.push('\n');
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(&path)
        .map_err(|e| StoreError::io(&path, e))?;
    // A last line cut off (no newline, the machine stopped mid-write) would swallow the first
    // new entry into one broken line: end it first, so only the broken part is skipped.
    if ends_cut_off(&mut f).map_err(|e| StoreError::io(&path, e))? {
        buf.insert(0, '\n');
    }
    f.write_all(buf.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| StoreError::io(&path, e))
}

/// True when the file is not empty and its last byte is not a newline.
fn ends_cut_off(f: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    if f.metadata()?.len() == 0 {
        return Ok(false);
    }
    let mut last = [0u8; 1];
    f.seek(SeekFrom::End(-1))?;
    f.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Every entry of every log in the project, oldest first (by time, then file), and one
/// problem per line that does not read (`log/bob.jsonl:7: …`), which is skipped.
pub fn read(dir: &Path) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let Ok(files) = std::fs::read_dir(log_dir(dir)) else {
        return (entries, problems);
    };
    let mut paths: Vec<PathBuf> = files
        .flatten()
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    for path in paths {
        let text = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Entry>(line) {
                Ok(e) => entries.push(e),
                Err(e) => problems.push(format!("{}:{}: {e}", path.display(), i + 1)),
            }
        }
    }
    entries.sort_by(|a, b| a.at.cmp(&b.at));
    (entries, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: &str, who: &str) -> Entry {
        Entry {
            at: at.into(),
            who: who.into(),
            doc: "d1".into(),
            layer: "alice".into(),
            action: "add".into(),
            what: "PER 张三 [0,2)".into(),
        }
    }

    #[test]
    fn appended_entries_read_back_in_time_order_and_a_broken_line_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        append(tmp.path(), "bob", &[entry("2026-11-30T10:00:00Z", "bob")]).unwrap();
        append(
            tmp.path(),
            "alice",
            &[entry("2026-11-29T09:00:00Z", "alice")],
        )
        .unwrap();
        append(tmp.path(), "bob", &[entry("2026-11-30T11:00:00Z", "bob")]).unwrap();
        let bob = log_file(tmp.path(), "bob");
        let mut text = std::fs::read_to_string(&bob).unwrap();
        assert_eq!(text.lines().count(), 2);
        text.push_str("{\"at\": \"2026-11-30T12:00\", \"who\"\n");
        std::fs::write(&bob, text).unwrap();
        let (entries, problems) = read(tmp.path());
        let whos: Vec<_> = entries
            .iter()
            .map(|e| (e.who.as_str(), &e.at[..10]))
            .collect();
        assert_eq!(
            whos,
            vec![
                ("alice", "2026-11-29"),
                ("bob", "2026-11-30"),
                ("bob", "2026-11-30")
            ]
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("bob.jsonl:3:"), "{problems:?}");
    }

    #[test]
    fn an_append_after_a_cut_off_last_line_starts_a_new_line_and_loses_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let alice = log_file(tmp.path(), "alice");
        std::fs::create_dir_all(log_dir(tmp.path())).unwrap();
        // What a machine that stopped mid-write leaves: half a line, no newline.
        std::fs::write(&alice, "{\"at\":\"2026-11-29T09:00:00Z\",\"who\"").unwrap();
        let e = entry("2026-11-30T10:00:00Z", "alice");
        append(tmp.path(), "alice", std::slice::from_ref(&e)).unwrap();
        let (entries, problems) = read(tmp.path());
        assert_eq!(
            entries,
            vec![e],
            "the new entry is not glued to the broken line"
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("alice.jsonl:1:"), "{problems:?}");
    }

    #[test]
    fn a_bad_name_is_refused_and_nothing_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(append(tmp.path(), "../x", &[entry("t", "x")]).is_err());
        assert!(!log_dir(tmp.path()).exists());
    }
}
