//! What the store last read or wrote of each file it may overwrite (`project.ron`, the open
//! layer's files), so that a save never overwrites a file something else changed since: a
//! `git pull` with the window open, a sync folder, an edit by hand. Such a file is left as it
//! is, the save names it ([`super::StoreError::ChangedOnDisk`]) and the project stays dirty;
//! the user then keeps this window's version ([`super::Store::overwrite_changed`]) or opens
//! the project again from the files.
//!
//! A file is known by its length and modification time (or that it did not exist), taken
//! when the project was opened and after each write of the store's own. A file the store
//! never looked at is written as before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file as the store last saw it: its length and modification time, or `None` when there
/// was no file.
pub(super) type Stamp = Option<(u64, SystemTime)>;

/// The stamp of `path` now.
pub(super) fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
}

/// Each file's stamp as the store last read or wrote it.
#[derive(Debug, Default)]
pub(super) struct Seen {
    files: HashMap<PathBuf, Stamp>,
    /// The text of the files noted with [`Seen::note_with_text`] (`project.ron`) as the
    /// store last read or wrote it: the base of a three-way merge with the file on disk
    /// and this window's version, when the user keeps theirs over a changed one.
    texts: HashMap<PathBuf, String>,
}

impl Seen {
    /// Note `path` as it is now (after reading or writing it).
    pub(super) fn note(&mut self, path: &Path) {
        self.files.insert(path.to_path_buf(), stamp(path));
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
        self.files.get(path).is_some_and(|s| *s != stamp(path))
    }

    /// Every file noted that changed since, sorted.
    pub(super) fn all_changed(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|(p, s)| **s != stamp(p))
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
        assert_eq!(seen.all_changed(), [a.clone(), b.clone()]);
        seen.note(&a);
        assert!(!seen.changed(&a), "noted again");
        std::fs::remove_file(&a).expect("remove");
        assert!(seen.changed(&a), "removed");
    }
}
