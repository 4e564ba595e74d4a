//! Errors of the project folder, each naming the file and, where known, the line and column.

use std::path::PathBuf;

use crate::i18n::Said;
use crate::zh::encoding::DecodeError;

/// Anything that can go wrong reading or writing a project folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on a file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file that does not parse.
    #[error("{}:{line}:{col}: {}", path.display(), message.en)]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said (as it said it), or what is wrong, in both languages.
        message: Said,
    },
    /// A file that parses but says something impossible.
    #[error("{}: {}", path.display(), message.en)]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, in both languages.
        message: Said,
    },
    /// A text file that cannot be decoded.
    #[error("{}: {source}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DecodeError,
    },
    /// The folder has no `project.ron`.
    #[error("{}: not a biaozhu project (no project.ron)", .0.display())]
    NotAProject(PathBuf),
    /// Another live window (or command) holds the lock.
    #[error("{}: the project is open in another window or command ({}); close it first, or open it read-only (a lock whose process has ended is released by the system; nothing to clear by hand)", path.display(), holder(*pid, host))]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Its holder's pid, as its lock file says; 0 when the file could not be read.
        pid: u32,
        /// The holder's host, as its lock file says; empty when the file could not be read.
        host: String,
    },
    /// Something already exists where a new thing was to be made.
    #[error("{}: already exists", .0.display())]
    Exists(PathBuf),
    /// An interchange file that cannot be read or written as its format says.
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    /// An annotator (layer) name that cannot name a file.
    #[error(
        "annotator name {0:?} is not allowed: use letters, digits, - _ and . (not first), no '..', at most 64 characters"
    )]
    BadAnnotator(String),
    /// Files a save left alone: something else changed them since the project was opened or
    /// last saved here (a `git pull`, a sync folder, an edit by hand).
    #[error("{}: changed on disk since this window read or saved it (a git pull, a sync, an edit by hand?); not overwritten. This window's changes are kept unsaved: keep them over the file, or open the project again to take the file as it is", list(.0))]
    ChangedOnDisk(Vec<PathBuf>),
    /// The project was opened read-only.
    #[error("{}: opened read-only; nothing was written", .0.display())]
    ReadOnly(PathBuf),
}

/// Paths, one after another, for a message.
pub fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who holds a lock, for `StoreError::Locked`'s message.
fn holder(pid: u32, host: &str) -> String {
    match (pid, host) {
        (0, "") => "held by an unknown process".into(),
        (0, h) => format!("an unknown pid on {h}"),
        (p, "") => format!("pid {p} on an unknown host"),
        (p, h) => format!("pid {p} on {h}"),
    }
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid(path: impl Into<PathBuf>, message: Said) -> Self {
        StoreError::Invalid {
            path: path.into(),
            message,
        }
    }

    /// From a RON error, with its position.
    pub(crate) fn ron(path: impl Into<PathBuf>, e: ron::error::SpannedError) -> Self {
        StoreError::Parse {
            path: path.into(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: Said::verbatim(e.code.to_string()),
        }
    }
}
