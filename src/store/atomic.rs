//! Atomic file writes: a temporary file beside the target, fsync, rename, fsync the folder.
//! A failed write leaves the old file as it was. [`replace_unsynced`] does the same without
//! the two syncs, for a batch of derived files made durable at once.

use std::io::Write;
use std::path::Path;

use super::StoreError;

/// Write `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, bytes, true)
}

/// Write `bytes` to `path` through a temporary file beside it and a rename, like
/// [`write_atomic`] but without syncing the file or its folder: a reader sees the old file
/// or the new one, never half of one, and a failed write leaves the old file, but the new
/// one may not be on disk yet when this returns. For many files written in one go whose loss
/// in a crash costs nothing but running the job again (an export folder), followed by one
/// [`sync_dir`] at the end; project files use [`write_atomic`].
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, bytes, false)
}

/// Make the entries of folder `dir` (files renamed into it) durable. Not every platform can
/// open a folder; that is ignored.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".biaozhu-").suffix(".tmp");
    // tempfile creates 0600 files; project files and exports are ordinary files, so ask for
    // 0666 and let the umask decide, as `File::create` would (an existing file keeps its mode).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o666);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    if sync {
        tmp.as_file()
            .sync_all()
            .map_err(|e| StoreError::io(path, e))?;
    }
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    if sync {
        // Make the rename itself durable.
        sync_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.ron");
        write_atomic(&f, b"old").unwrap();
        // A folder where the file should go makes the rename fail.
        let blocked = dir.path().join("b.ron");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), "x").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&f).unwrap(), b"old");
        write_atomic(&f, b"new").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"new");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn an_unsynced_replace_is_still_whole_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.ann");
        replace_unsynced(&f, b"old").unwrap();
        let blocked = dir.path().join("b.ann");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), "x").unwrap();
        assert!(replace_unsynced(&blocked, b"new").is_err());
        replace_unsynced(&f, b"new").unwrap();
        sync_dir(dir.path());
        assert_eq!(std::fs::read(&f).unwrap(), b"new");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    }
}
