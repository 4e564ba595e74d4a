//! `.biaozhu.lock`: stops two windows (or a window and a command) editing one project.
//!
//! The lock is an OS file lock (`File::try_lock`, exclusive) on `.biaozhu.lock`, held for as
//! long as the `ProjectLock` lives. The OS releases it when the holder's process ends, however
//! it ends, so a crashed window's lock is free at once: no pid guessing. The file's content
//! (`pid=`, `host=`, `time=` lines) is written after the lock is taken and only tells a refused
//! second writer who holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Name of the lock file in a project folder.
pub const LOCK_FILE: &str = ".biaozhu.lock";

/// How often `acquire` opens the file again when the one it locked was released and removed
/// by its holder in the meantime (see `Drop`).
const ATTEMPTS: usize = 8;

/// A held lock: the open, locked `.biaozhu.lock`. Dropping it removes the file (on Unix) and
/// releases the lock.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    file: File,
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into())
}

/// Parse a lock file's `pid=`/`host=` lines; `None` when either is missing or unreadable.
fn read_holder(text: &str) -> Option<(u32, String)> {
    let mut pid = None;
    let mut host = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid=") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host=") {
            host = Some(v.trim().to_string()).filter(|h| !h.is_empty());
        }
    }
    Some((pid?, host?))
}

/// Whether `file` is still the file at `path` (the same inode on the same device).
#[cfg(unix)]
fn is_file_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Off Unix the file is never removed while locked (see `Drop`), so it stays the one at `path`.
#[cfg(not(unix))]
fn is_file_at(_file: &File, _path: &Path) -> bool {
    true
}

impl ProjectLock {
    /// Take the lock of the project in `dir`. When another process (or another `ProjectLock`
    /// in this one) holds it, fails with `StoreError::Locked` naming the holder as its lock
    /// file says (pid 0 and an empty host when the file cannot be read, e.g. the holder has
    /// not written it yet).
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(LOCK_FILE);
        for _ in 0..ATTEMPTS {
            // Never truncated on open: the content is the holder's until we hold the lock.
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| StoreError::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                // Held, but by a holder that is removing the file as it releases it: retry.
                Err(TryLockError::WouldBlock) if !is_file_at(&file, &path) => continue,
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    // Unreadable (e.g. Windows locks are mandatory) means "unknown holder".
                    let _ = file.read_to_string(&mut text);
                    let (pid, host) = read_holder(&text).unwrap_or((0, String::new()));
                    return Err(StoreError::Locked { path, pid, host });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
            // The previous holder removes the file while still holding its lock, then
            // unlocks. If we opened the file before that removal, we now hold a lock on a
            // file that no longer has the name, which excludes nobody: open it again.
            if !is_file_at(&file, &path) {
                continue;
            }
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let body = format!("pid={}\nhost={}\ntime={now}\n", std::process::id(), host());
            file.set_len(0)
                .and_then(|_| file.rewind())
                .and_then(|_| file.write_all(body.as_bytes()))
                .and_then(|_| file.flush())
                .map_err(|e| StoreError::io(&path, e))?;
            return Ok(Self { path, file });
        }
        Err(StoreError::invalid(
            path,
            crate::said!(
                "无法加锁：锁文件一再被替换",
                "could not take the lock: the lock file was replaced again and again"
            ),
        ))
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, then release it. That is safe: only a
        // holder removes the file, so the name is ours to remove; anyone who opened the file
        // before the removal locks it only after our release, then finds the name gone or
        // naming a new file (`is_file_at`) and opens again; anyone who opens after the
        // removal creates a new file. So at most one process holds a lock on the file that
        // has the name. (Removing after the release could remove a file that a new holder
        // has just created and locked, letting a third process lock a second file.)
        // On Windows an open file cannot be replaced by name while it is being removed, so the
        // file is left there: it is only a lock file, and its lock is what counts.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(dir.path()).unwrap();
        // flock-style locks belong to an open file description: a second open conflicts,
        // within one process too.
        match ProjectLock::acquire(dir.path()) {
            Err(StoreError::Locked { path, pid, host: h }) => {
                assert_eq!(path, dir.path().join(LOCK_FILE));
                assert_eq!(pid, std::process::id());
                assert_eq!(h, host());
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        // The refusal left the holder's content alone.
        let text = std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert_eq!(
            read_holder(&text),
            Some((std::process::id(), host())),
            "{text}"
        );
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists(), "removed on release");
        // Released: the next one gets it at once.
        let again = ProjectLock::acquire(dir.path()).unwrap();
        assert!(dir.path().join(LOCK_FILE).exists());
        drop(again);
    }

    #[test]
    fn a_lock_file_nobody_holds_is_taken_over_whatever_it_says() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        // What a crashed window leaves (pid 1 is alive, on this host), then garbage, then
        // an empty file: none of them is locked, so each is taken over at once.
        for content in [
            format!("pid=1\nhost={}\n", host()),
            "\u{0}garbage\n".into(),
            String::new(),
        ] {
            std::fs::write(&path, content).unwrap();
            let lock = ProjectLock::acquire(dir.path()).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                read_holder(&text),
                Some((std::process::id(), host())),
                "{text}"
            );
            drop(lock);
        }
    }

    #[test]
    fn a_holder_that_has_not_written_yet_is_reported_as_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let holder = File::create(&path).unwrap();
        holder.try_lock().unwrap();
        match ProjectLock::acquire(dir.path()) {
            Err(e @ StoreError::Locked { pid: 0, .. }) => {
                let StoreError::Locked { host, .. } = &e else {
                    unreachable!()
                };
                assert!(host.is_empty());
                assert!(e.to_string().contains("unknown"), "{e}");
            }
            other => panic!("expected Locked by an unknown holder, got {other:?}"),
        }
        holder.unlock().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_file_removed_by_its_last_holder_does_not_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let first = ProjectLock::acquire(dir.path()).unwrap();
        // A process that opened the file before the holder released (and removed) it …
        let late = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        drop(first);
        // … can lock it, but it is no longer the lock file.
        late.try_lock().unwrap();
        assert!(!is_file_at(&late, &path));
        let second = ProjectLock::acquire(dir.path()).unwrap();
        assert!(is_file_at(&second.file, &path));
        drop(second);
    }

    /// In a child run of this test binary (see the next test): hold the lock of the folder in
    /// `BIAOZHU_LOCK_CHILD_DIR`, say so, and wait to be killed. A no-op in a normal run.
    #[test]
    fn lock_child_holds_until_killed() {
        let Some(dir) = std::env::var_os("BIAOZHU_LOCK_CHILD_DIR") else {
            return;
        };
        let _lock = ProjectLock::acquire(Path::new(&dir)).unwrap();
        println!("BIAOZHU_LOCK_CHILD_LOCKED");
        std::io::stdout().flush().unwrap();
        let mut line = String::new();
        // Blocks until the parent kills this process (or closes stdin).
        let _ = std::io::stdin().read_line(&mut line);
    }

    #[test]
    fn a_lock_held_by_another_process_is_refused_and_free_once_it_is_killed() {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "store::lock::tests::lock_child_holds_until_killed",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("BIAOZHU_LOCK_CHILD_DIR", dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let locked = std::io::BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            // libtest writes the test's name on the same line first.
            .any(|l| l.ends_with("BIAOZHU_LOCK_CHILD_LOCKED"));
        assert!(locked, "the child took the lock");
        match ProjectLock::acquire(dir.path()) {
            Err(StoreError::Locked { pid, .. }) => assert_eq!(pid, child.id()),
            other => panic!("expected Locked by the child, got {other:?}"),
        }
        // A crash: the child never runs its Drop, and the OS frees its lock at once.
        child.kill().unwrap();
        child.wait().unwrap();
        let lock = ProjectLock::acquire(dir.path()).unwrap();
        drop(lock);
    }
}
