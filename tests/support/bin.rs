//! Running the real `biaozhu` binary from a test (shared by tests/cli.rs and
//! tests/durability.rs).

use std::ffi::OsStr;
use std::process::Command;

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Both streams, for messages whose stream does not matter.
    #[allow(dead_code)]
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Run `biaozhu ARGS…` with a user config of its own (nothing of the machine's is read or
/// written), in English (the locale says so; `--lang zh` in ARGS says otherwise).
#[allow(dead_code)] // Each test binary uses one of the two.
pub fn bz<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let config = tempfile::tempdir().expect("tempdir");
    bz_in(config.path(), "en_US.UTF-8", args)
}

/// Run `biaozhu ARGS…` with the user config in `config` and the locale `locale` (`LC_ALL`).
#[allow(dead_code)] // Each test binary uses one of the two.
pub fn bz_in<I, S>(config: &std::path::Path, locale: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_biaozhu"))
        .args(args)
        .env("BIAOZHU_CONFIG_DIR", config)
        .env("LC_ALL", locale)
        .output()
        .expect("run biaozhu");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}
