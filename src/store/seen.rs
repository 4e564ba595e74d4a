//! What the store last read or wrote of each file it may overwrite (`project.ron`, the open
//! layer's files), so that a save never overwrites a file something else changed since: a
//! `git pull` with the window open, a sync folder, an edit by hand. Such a file is left as it
//! is, the save names it ([`super::StoreError::ChangedOnDisk`]) and the project stays dirty;
//! the user then keeps this window's version ([`super::Store::overwrite_changed`]) or opens
//! the project again from the files.
//!
//! A file is known by its length and modification time (or that it did not exist), taken
//! when the project was opened and after each write of the store's own. A file the store
//! never looked at is written as before. A file noted within [`RACY`] of its modification
//! time (every file right after the store wrote it) is known by its content too, as git
//! does for its "racily clean" entries: a second write within the file system's timestamp
//! granularity may keep the time and the length, and only the content tells; and a file
//! touched, or written again the same, is then no change.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How near the time a file is noted its modification time must be for the note to take
/// its content too (some file systems keep times to a second or two).
const RACY: Duration = Duration::from_secs(3);

/// A file as the store last saw it: its length and modification time, or `None` when there
/// was no file.
pub(super) type Stamp = Option<(u64, SystemTime)>;

/// The stamp of `path` now.
pub(super) fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
}

/// A hash of `path`'s content, `None` when it does not read.
fn content(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|b| hash(&b))
}

/// A hash of `bytes`.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A file as noted: its stamp, and its content's hash when the note was racy.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Note {
    stamp: Stamp,
    content: Option<u64>,
}

impl Note {
    /// `path` as it is now.
    fn of(path: &Path) -> Note {
        let stamp = stamp(path);
        let racy = stamp.is_some_and(|(_, m)| {
            SystemTime::now()
                .duration_since(m)
                .map_or(true, |d| d < RACY)
        });
        Note {
            stamp,
            content: if racy { content(path) } else { None },
        }
    }

    /// Whether `path` is not as noted: created, removed, of another length, or (noted with
    /// its content) of other content, else of another modification time.
    fn differs(&self, path: &Path) -> bool {
        match (self.stamp, stamp(path)) {
            (None, None) => false,
            (Some((was, at)), Some((len, now))) => {
                was != len
                    || match self.content {
                        Some(c) => content(path) != Some(c),
                        None => at != now,
                    }
            }
            _ => true,
        }
    }
}

/// Each file's stamp as the store last read or wrote it.
#[derive(Debug, Default)]
pub(super) struct Seen {
    files: HashMap<PathBuf, Note>,
    /// The text of the files noted with [`Seen::note_with_text`] (`project.ron`) as the
    /// store last read or wrote it: the base of a three-way merge with the file on disk
    /// and this window's version, when the user keeps theirs over a changed one.
    texts: HashMap<PathBuf, String>,
}

impl Seen {
    /// Note `path` as it is now (after reading or writing it).
    pub(super) fn note(&mut self, path: &Path) {
        self.files.insert(path.to_path_buf(), Note::of(path));
    }

    /// Note `path` as the store just wrote it, with `bytes` (known by its content without
    /// reading it again: a write is always racy).
    pub(super) fn note_written(&mut self, path: &Path, bytes: &[u8]) {
        let stamp = stamp(path);
        let content = stamp.map(|_| hash(bytes));
        self.files
            .insert(path.to_path_buf(), Note { stamp, content });
    }

    /// Note `path` as it is now, with its text (after reading or writing it).
    pub(super) fn note_with_text(&mut self, path: &Path) {
        self.note(path);
        match std::fs::read_to_string(path) {
            Ok(t) => self.texts.insert(path.to_path_buf(), t),
            Err(_) => self.texts.remove(path),
        };
    }

    /// The text of `path` when it was last noted with [`Seen::note_with_text`] (a later
    /// [`Seen::note`] keeps it: the user took the file's change in without reading it).
    pub(super) fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    /// Whether `path` changed since the store last read or wrote it (never, for a file it
    /// did not look at).
    pub(super) fn changed(&self, path: &Path) -> bool {
        self.files.get(path).is_some_and(|n| n.differs(path))
    }

    /// Whether `path` was noted at all.
    pub(super) fn knows(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// Take the notes of `noted` (made apart from the store, on another thread) in place
    /// of any this holds of the same files.
    pub(super) fn take(&mut self, noted: Noted) {
        self.files.extend(noted.0);
    }

    /// Every file noted, as noted: what [`Noted::all_changed`] compares, apart from the
    /// store (on another thread).
    pub(super) fn snapshot(&self) -> Noted {
        Noted(self.files.clone())
    }
}

/// The files [`Seen`] noted, as noted, taken apart from it.
#[derive(Debug, Clone, Default)]
pub(super) struct Noted(HashMap<PathBuf, Note>);

impl Noted {
    /// Every file noted that changed since, sorted.
    pub(super) fn all_changed(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|(p, n)| n.differs(p))
            .map(|(p, _)| p.clone())
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_created_or_removed_since_it_was_noted_is_changed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.ron");
        let b = tmp.path().join("b.ron");
        std::fs::write(&a, "one").expect("write");
        let mut seen = Seen::default();
        seen.note(&a);
        seen.note(&b);
        assert!(!seen.changed(&a) && !seen.changed(&b));
        assert!(!seen.changed(&tmp.path().join("never-noted.ron")));
        std::fs::write(&a, "three").expect("write");
        std::fs::write(&b, "new").expect("write");
        assert!(seen.changed(&a), "longer");
        assert!(seen.changed(&b), "created");
        assert_eq!(seen.snapshot().all_changed(), [a.clone(), b.clone()]);
        seen.note(&a);
        assert!(!seen.changed(&a), "noted again");
        std::fs::remove_file(&a).expect("remove");
        assert!(seen.changed(&a), "removed");
    }

    /// Set `path`'s modification time.
    fn set_time(path: &Path, t: SystemTime) {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(t))
            .expect("set the time");
    }

    /// A file noted right after it was written is known by its content: written again
    /// within the same tick (same length, same time) it is changed; touched, it is not.
    #[test]
    fn a_file_noted_as_just_written_is_known_by_its_content() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.ron");
        std::fs::write(&a, "one").expect("write");
        let mut seen = Seen::default();
        seen.note(&a);
        let at = std::fs::metadata(&a)
            .and_then(|m| m.modified())
            .expect("a time");
        // Touched: a later time, the same content.
        set_time(&a, at + Duration::from_secs(5));
        assert!(!seen.changed(&a), "touched only");
        assert!(seen.snapshot().all_changed().is_empty());
        // Rewritten within the tick: the same length and time, other content.
        std::fs::write(&a, "two").expect("write");
        set_time(&a, at);
        assert!(seen.changed(&a), "same length and time, other content");
        assert_eq!(seen.snapshot().all_changed(), [a]);
    }

    /// A file noted long after it was last written is known by its stamp alone (it is not
    /// read again at every check): a later time counts as a change.
    #[test]
    fn a_file_noted_long_after_its_last_write_is_known_by_its_stamp() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.ron");
        std::fs::write(&a, "one").expect("write");
        let old = SystemTime::now() - Duration::from_secs(3600);
        set_time(&a, old);
        let mut seen = Seen::default();
        seen.note(&a);
        assert_eq!(seen.files[&a].content, None);
        assert!(!seen.changed(&a));
        set_time(&a, old + Duration::from_secs(1));
        assert!(seen.changed(&a));
    }
}
