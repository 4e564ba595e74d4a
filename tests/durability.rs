//! Nothing lost: imports that fail or are killed part-way, two writers at once, orphan texts,
//! backups of similar annotator names, exports aimed at the project's own files, annotator
//! names that would leave the project folder. Each runs the real binary.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run printed and how it ended.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn bz<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_biaozhu"))
        .args(args)
        .env("BIAOZHU_CONFIG_DIR", config.path())
        .output()
        .expect("run biaozhu");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn new_project(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    dir
}

/// The document ids `project.ron` lists, in order (the project must load).
fn listed(dir: &Path) -> Vec<String> {
    biaozhu::store::load(dir, "main", &mut |_, _| true)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", dir.display()))
        .documents
        .iter()
        .map(|d| d.meta.id.clone())
        .collect()
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

/// SIGKILL an import at a seeded random moment, again and again: after each kill the
/// project loads, `check` is clean, everything listed before is still listed with its
/// events, and the next open for editing removes what the killed import left unlisted.
#[test]
fn imports_killed_at_random_moments_never_leave_a_broken_or_smaller_project() {
    let trials: usize = std::env::var("BIAOZHU_KILL_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = new_project(tmp.path(), "p0");
    let files = duee_files(tmp.path(), 30);
    let config = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_b1a0_2026);
    let mut killed_mid_import = 0;
    let started = Instant::now();
    let mut total_listed = 0;
    for trial in 0..trials {
        // A fresh project now and then keeps each trial's checks quick.
        if listed(&dir).len() >= 90 {
            total_listed += listed(&dir).len();
            dir = new_project(tmp.path(), &format!("p{trial}"));
        }
        let before = listed(&dir);
        let mut child = Command::new(env!("CARGO_BIN_EXE_biaozhu"))
            .arg("import")
            .arg(&dir)
            .args(&files)
            .args(["--format", "duee"])
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
            killed_mid_import += 1;
        }
        let check = bz([OsStr::new("check"), dir.as_os_str()]);
        assert_eq!(check.code, 0, "trial {trial}: {check:?}");
        let after = listed(&dir);
        assert!(
            before.iter().all(|id| after.contains(id)),
            "trial {trial}: lost {before:?} -> {after:?}"
        );
        for id in &after {
            let layer = dir.join("annotations").join(id).join("main.ron");
            let l = std::fs::read_to_string(&layer)
                .unwrap_or_else(|e| panic!("trial {trial}: {id} has no layer: {e}"));
            assert!(l.contains("会议"), "trial {trial}: {id} lost its event");
        }
        // Opening for editing (here: suggest) cleans up an import that was cut off.
        let r = bz([OsStr::new("suggest"), dir.as_os_str()]);
        assert_eq!(r.code, 0, "trial {trial}: {r:?}");
        assert!(!dir.join(biaozhu::store::IMPORT_JOURNAL).exists());
        let texts = std::fs::read_dir(dir.join("documents")).map_or(0, |d| d.count());
        assert_eq!(
            texts,
            listed(&dir).len(),
            "trial {trial}: unlisted texts left"
        );
    }
    eprintln!(
        "kill test: {trials} trials, {killed_mid_import} killed before the import finished, {} documents listed in all, {:.1} s",
        total_listed + listed(&dir).len(),
        started.elapsed().as_secs_f64()
    );
    assert!(killed_mid_import > 0, "no trial killed an import part-way");
    assert!(
        killed_mid_import < trials,
        "no import ever finished: the kill delays are too short"
    );
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
    eprintln!("race test: {trials} trials, {refused} imports refused, {both} with both in");
}
