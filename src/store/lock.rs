//! `.biaozhu.lock`: stops two windows editing one project; a lock left by a crashed process
//! (same host, pid no longer running) is taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreError;

/// Name of the lock file in a project folder.
pub const LOCK_FILE: &str = ".biaozhu.lock";

/// A held lock; dropping it removes the file.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
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

fn pid_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Parse a lock file's `pid=`/`host=` lines.
fn read_holder(text: &str) -> Option<(u32, String)> {
    let mut pid = None;
    let mut host = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid=") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host=") {
            host = Some(v.trim().to_string());
        }
    }
    Some((pid?, host?))
}

impl ProjectLock {
    /// Take the lock of the project in `dir`.
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(LOCK_FILE);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    let body = format!("pid={}\nhost={}\ntime={now}\n", std::process::id(), host());
                    f.write_all(body.as_bytes())
                        .map_err(|e| StoreError::io(&path, e))?;
                    return Ok(Self { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    match read_holder(&text) {
                        Some((pid, h))
                            if h == host() && pid != std::process::id() && pid_alive(pid) =>
                        {
                            return Err(StoreError::Locked { path, pid, host: h });
                        }
                        Some((pid, h)) if h != host() => {
                            return Err(StoreError::Locked { path, pid, host: h });
                        }
                        // Stale (crashed holder), our own, or unreadable: take it over.
                        _ => {
                            std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
                        }
                    }
                }
                Err(e) => return Err(StoreError::io(&path, e)),
            }
        }
        Err(StoreError::invalid(path, "could not take the lock"))
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_lock_refuses_and_a_stale_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // A live holder: pid 1 (init) on this host.
        std::fs::write(
            dir.path().join(LOCK_FILE),
            format!("pid=1\nhost={}\n", host()),
        )
        .unwrap();
        assert!(matches!(
            ProjectLock::acquire(dir.path()),
            Err(StoreError::Locked { pid: 1, .. })
        ));
        // A crashed holder: a pid that does not run.
        std::fs::write(
            dir.path().join(LOCK_FILE),
            format!("pid=4000000000\nhost={}\n", host()),
        )
        .unwrap();
        let lock = ProjectLock::acquire(dir.path()).unwrap();
        assert!(dir.path().join(LOCK_FILE).exists());
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}
