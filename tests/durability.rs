//! Nothing lost: imports that fail or are killed part-way, two writers at once, orphan texts,
//! backups of similar annotator names, exports aimed at the project's own files, annotator
//! names that would leave the project folder. Each runs the real binary.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/bin.rs"]
mod bin;
use bin::bz;
#[path = "support/listed.rs"]
mod listed;
use listed::listed;

fn new_project(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    dir
}

const DUEE: &str = r#"{"text": "甘肃省总工会10月19日在兰州召开推进会。", "id": "d1", "event_list": [{"event_type": "会议", "trigger": "召开", "trigger_start_index": 15, "arguments": [{"argument_start_index": 0, "role": "主体", "argument": "甘肃省总工会", "alias": []}, {"argument_start_index": 13, "role": "地点", "argument": "兰州", "alias": []}], "class": "会议"}]}"#;

#[test]
fn a_file_that_fails_part_way_leaves_the_others_whole_and_nothing_half() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let good = tmp.path().join("good.jsonl");
    std::fs::write(&good, format!("{DUEE}\n")).unwrap();
    let bad = tmp.path().join("truncated.jsonl");
    let second = DUEE.replace("\"d1\"", "\"d2\"");
    let cut: String = DUEE.chars().take(60).collect();
    std::fs::write(&bad, format!("{second}\n{cut}")).unwrap();
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        good.as_os_str(),
        bad.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("truncated.jsonl"), "{r:?}");
    // d1 went in with its event; nothing of the truncated file did (not even its good
    // first line), and no unlisted text is left behind.
    assert_eq!(listed(&dir), ["d1"]);
    let layer = std::fs::read_to_string(dir.join("annotations/d1/main.ron")).unwrap();
    assert!(layer.contains("会议"), "{layer}");
    let texts: Vec<_> = std::fs::read_dir(dir.join("documents")).unwrap().collect();
    assert_eq!(texts.len(), 1);
    let check = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(check.code, 0, "{check:?}");
}

#[test]
fn an_orphan_text_is_never_overwritten_and_check_reports_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let orphan = dir.join("documents/d1.txt");
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    std::fs::write(&orphan, "孤儿文本，不在 project.ron 里。").unwrap();
    let file = tmp.path().join("d.jsonl");
    std::fs::write(&file, format!("{DUEE}\n")).unwrap();
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("d1.txt: not listed"), "{r:?}");
    assert_eq!(
        std::fs::read_to_string(&orphan).unwrap(),
        "孤儿文本，不在 project.ron 里。"
    );
    assert_eq!(listed(&dir), ["d1-2"]);
    let check = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check.stdout.contains("document \"d1\" is not listed"),
        "{check:?}"
    );
    // Every command that reads the project says so too.
    let stats = bz([OsStr::new("stats"), dir.as_os_str()]);
    assert!(stats.stderr.contains("d1.txt: not listed"), "{stats:?}");
}

#[test]
fn backups_of_main_do_not_prune_the_backups_of_main_old() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let file = tmp.path().join("d.jsonl");
    std::fs::write(&file, format!("{DUEE}\n")).unwrap();
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let backups = dir.join(".backups/d1");
    std::fs::create_dir_all(&backups).unwrap();
    for n in 0..10 {
        std::fs::write(backups.join(format!("main.old.{}.ron", 1000 + n)), "x").unwrap();
    }
    // Two sittings that save main's layer: each backs it up first.
    for _ in 0..2 {
        let r = bz([OsStr::new("suggest"), dir.as_os_str()]);
        assert_eq!(r.code, 0, "{r:?}");
    }
    let names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.starts_with("main.old.")).count(),
        10,
        "{names:?}"
    );
    assert!(
        names.iter().filter(|n| !n.starts_with("main.old.")).count() >= 1,
        "{names:?}"
    );
}

#[test]
fn an_export_onto_the_projects_own_files_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let before = std::fs::read(dir.join("project.ron")).unwrap();
    for (format, out) in [
        ("ron", dir.join("project.ron")),
        ("json", dir.join("documents/x.json")),
        ("json", dir.join("annotations/../project.ron")),
        ("brat", dir.clone()),
        ("json", dir.join(".biaozhu.lock")),
    ] {
        let r = bz([
            OsStr::new("export"),
            dir.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        assert_eq!(r.code, 2, "{format} {}: {r:?}", out.display());
        assert!(r.stderr.contains("project's own files"), "{r:?}");
    }
    assert_eq!(std::fs::read(dir.join("project.ron")).unwrap(), before);
    // Beside them is fine.
    let r = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--out"),
        dir.join("corpus.json").as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn an_annotator_name_cannot_leave_the_project_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_project(tmp.path(), "p");
    let file = tmp.path().join("d.jsonl");
    std::fs::write(&file, format!("{DUEE}\n")).unwrap();
    for name in ["../../x", "", ".hidden", "a/b", "a\\b", &"x".repeat(65)] {
        let r = bz([
            OsStr::new("import"),
            dir.as_os_str(),
            file.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("duee"),
            OsStr::new("--annotator"),
            OsStr::new(name),
        ]);
        assert_eq!(r.code, 2, "{name:?}: {r:?}");
        assert!(r.stderr.contains("annotator name"), "{r:?}");
    }
    assert!(listed(&dir).is_empty());
    assert!(!tmp.path().join("x.ron").exists());
    // A name with a dot inside is fine.
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        file.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("duee"),
        OsStr::new("--annotator"),
        OsStr::new("wang.li"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(dir.join("annotations/d1/wang.li.ron").exists());
}

/// A line for the CI log: written to the process's standard error directly, so that the test
/// harness does not keep it back when the test passes.
fn report(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A tiny deterministic generator for the kill delays (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// Files for a kill trial: `n` DuEE files of one document each.
fn duee_files(root: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let f = root.join(format!("f{i}.jsonl"));
            let line = DUEE.replace("\"d1\"", &format!("\"k{i}\""));
            std::fs::write(&f, format!("{line}\n")).unwrap();
            f
        })
        .collect()
}

/// What a kill trial runs in a child process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Killed {
    /// `import` of plain text files.
    Text,
    /// `import --format duee`.
    Duee,
    /// `import --format brat`.
    Brat,
    /// `suggest DIR`: suggestions added and saved from a session.
    Suggest,
}

/// Files for a kill trial of `kind` (30 documents).
fn kill_files(root: &Path, kind: Killed) -> Vec<PathBuf> {
    let n = 30;
    match kind {
        Killed::Duee | Killed::Suggest => duee_files(root, n),
        Killed::Text => (0..n)
            .map(|i| {
                let f = root.join(format!("t{i}.txt"));
                std::fs::write(
                    &f,
                    format!("第{i}篇。甘肃省总工会10月19日在兰州召开推进会。"),
                )
                .unwrap();
                f
            })
            .collect(),
        Killed::Brat => (0..n)
            .map(|i| {
                let txt = root.join(format!("b{i}.txt"));
                std::fs::write(&txt, "甘肃省总工会10月19日在兰州召开推进会。").unwrap();
                let ann = root.join(format!("b{i}.ann"));
                std::fs::write(
                    &ann,
                    "T1\tORG 0 6\t甘肃省总工会\nT2\t会议 15 17\t召开\nE1\t会议:T2 主体:T1\n",
                )
                .unwrap();
                ann
            })
            .collect(),
    }
}

/// What must survive a kill: each listed document's accepted spans, by id.
fn accepted(dir: &Path) -> Vec<(String, usize)> {
    biaozhu::store::load(dir, "main", &mut |_, _| true)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", dir.display()))
        .documents
        .iter()
        .map(|d| (d.meta.id.clone(), d.layer.accepted_count()))
        .collect()
}

/// SIGKILL a command at seeded random moments, again and again: after each kill the project
/// loads, `check` is clean, every document listed before is still listed with at least the
/// accepted spans it had (an import's documents come with their annotations), and the next
/// open for editing removes what a killed import left unlisted.
fn kill_trials(kind: Killed, seed: u64) {
    let trials: usize = std::env::var("BIAOZHU_KILL_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let tmp = tempfile::tempdir().unwrap();
    let files = kill_files(tmp.path(), kind);
    let fresh = |name: &str| {
        let dir = new_project(tmp.path(), name);
        if kind == Killed::Suggest {
            // Something to suggest on: the DuEE documents, imported whole first.
            let r = bz([OsStr::new("import"), dir.as_os_str()]
                .into_iter()
                .chain(files.iter().map(|f| f.as_os_str()))
                .chain([OsStr::new("--format"), OsStr::new("duee")]));
            assert_eq!(r.code, 0, "{r:?}");
        }
        dir
    };
    let mut dir = fresh("p0");
    let config = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed);
    let mut killed_mid_run = 0;
    let started = Instant::now();
    for trial in 0..trials {
        // A fresh project now and then keeps each trial's checks quick.
        if listed(&dir).len() >= 90 || (kind == Killed::Suggest && trial % 5 == 0 && trial > 0) {
            dir = fresh(&format!("p{trial}"));
        }
        let before = accepted(&dir);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_biaozhu"));
        match kind {
            Killed::Suggest => cmd.arg("suggest").arg(&dir),
            _ => cmd.arg("import").arg(&dir).args(&files),
        };
        match kind {
            Killed::Duee => cmd.args(["--format", "duee"]),
            Killed::Brat => cmd.args(["--format", "brat"]),
            _ => &mut cmd,
        };
        let mut child = cmd
            .env("BIAOZHU_CONFIG_DIR", config.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(900)));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished {
            killed_mid_run += 1;
        }
        let check = bz([OsStr::new("check"), dir.as_os_str()]);
        assert_eq!(check.code, 0, "{kind:?} trial {trial}: {check:?}");
        let after = accepted(&dir);
        for (id, n) in &before {
            let now = after.iter().find(|(a, _)| a == id).map(|(_, n)| *n);
            assert!(
                now.is_some_and(|m| m >= *n),
                "{kind:?} trial {trial}: {id} had {n} accepted spans, now {now:?}"
            );
        }
        if kind != Killed::Text {
            // An imported document comes with its spans, never without.
            for (id, n) in &after {
                assert!(*n > 0, "{kind:?} trial {trial}: {id} has no spans");
            }
        }
        // Opening for editing (stats reads only; suggest opens) cleans up a cut-off import.
        let r = bz([OsStr::new("suggest"), dir.as_os_str()]);
        assert_eq!(r.code, 0, "{kind:?} trial {trial}: {r:?}");
        assert!(!dir.join(biaozhu::store::IMPORT_JOURNAL).exists());
        let texts = std::fs::read_dir(dir.join("documents")).map_or(0, |d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".txt"))
                .count()
        });
        assert_eq!(
            texts,
            listed(&dir).len(),
            "{kind:?} trial {trial}: unlisted texts left"
        );
    }
    report(&format!(
        "kill test ({kind:?}): {trials} trials, {killed_mid_run} killed before the command finished, {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    assert!(
        killed_mid_run > 0,
        "{kind:?}: no trial killed a run part-way"
    );
    assert!(
        killed_mid_run < trials,
        "{kind:?}: no run ever finished: the kill delays are too short"
    );
}

#[test]
fn plain_imports_killed_at_random_moments_lose_nothing() {
    kill_trials(Killed::Text, 0x5eed_0001);
}

#[test]
fn duee_imports_killed_at_random_moments_lose_nothing() {
    kill_trials(Killed::Duee, 0x5eed_b1a0_2026);
}

#[test]
fn brat_imports_killed_at_random_moments_lose_nothing() {
    kill_trials(Killed::Brat, 0x5eed_0003);
}

#[test]
fn suggest_runs_killed_at_random_moments_lose_nothing() {
    kill_trials(Killed::Suggest, 0x5eed_0004);
}

/// Two imports into one project at once: one is refused (the project is locked) or both
/// go in; never a lost document.
#[test]
fn two_imports_at_once_never_lose_a_document() {
    let trials: usize = std::env::var("BIAOZHU_RACE_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let tmp = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.jsonl"), tmp.path().join("b.jsonl"));
    std::fs::write(&a, format!("{}\n", DUEE.replace("\"d1\"", "\"ra\""))).unwrap();
    std::fs::write(&b, format!("{}\n", DUEE.replace("\"d1\"", "\"rb\""))).unwrap();
    let (mut refused, mut both) = (0, 0);
    for trial in 0..trials {
        let dir = new_project(tmp.path(), &format!("p{trial}"));
        let spawn = |f: &Path| {
            Command::new(env!("CARGO_BIN_EXE_biaozhu"))
                .arg("import")
                .arg(&dir)
                .arg(f)
                .args(["--format", "duee"])
                .env("BIAOZHU_CONFIG_DIR", config.path())
                .env("LC_ALL", "en_US.UTF-8")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (ca, cb) = (spawn(&a), spawn(&b));
        let (oa, ob) = (
            ca.wait_with_output().unwrap(),
            cb.wait_with_output().unwrap(),
        );
        let ids = listed(&dir);
        for (o, id) in [(&oa, "ra"), (&ob, "rb")] {
            if o.status.success() {
                assert!(
                    ids.contains(&id.to_string()),
                    "trial {trial}: {id} lost: {ids:?}"
                );
            } else {
                let e = String::from_utf8_lossy(&o.stderr);
                assert!(e.contains("open in another window"), "trial {trial}: {e}");
                refused += 1;
            }
        }
        if oa.status.success() && ob.status.success() {
            both += 1;
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    report(&format!(
        "race test: {trials} trials, {refused} imports refused, {both} with both in"
    ));
}
