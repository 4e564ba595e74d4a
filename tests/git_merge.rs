//! Annotators who share a project through git: one layer file per annotator, so two people
//! tagging the same document in two clones merge without conflicts, and nothing biaozhu
//! writes for itself (lock, backups, import journal) is committed.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use biaozhu::edit::{Edit, apply};
use biaozhu::model::{CharRange, DocStatus, Span, SpanKind};
use biaozhu::store::{self, Store};

#[path = "support/bin.rs"]
mod bin;
use bin::bz;

const TEXT: &str = "甘肃省总工会在兰州召开会议，张三出席。\n";

/// True when a `git` runs here; else the test says why it passes without running.
fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipped: no git on this machine");
    }
    ok
}

/// Run git in `dir` as a test user; return (exit ok, stdout + stderr).
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "pull.rebase=false",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let (ok, text) = git(dir, args);
    assert!(ok, "git {args:?} in {}: {text}", dir.display());
    text
}

/// Char range of `needle` in [`TEXT`].
fn range(needle: &str) -> CharRange {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count() as u32;
    CharRange::new(start, start + needle.chars().count() as u32)
}

/// As `who`, tag `needle` with `label` in the first document and mark it done, in two
/// sittings (so the second save makes a backup too); return the files `git add -A` stages.
fn annotate(dir: &Path, who: &str, needle: &str, label: &str, kind: SpanKind) -> String {
    {
        let (mut st, mut p) = Store::open(dir, who, &mut |_, _| true).expect("open");
        let id = p.documents[0].layer.alloc_span_id().expect("ids left");
        apply(
            &mut p,
            Edit::AddSpan {
                doc: 0,
                span: Span::new(id, range(needle), kind, label),
            },
        )
        .expect("tag");
        st.save(&mut p).expect("save");
    }
    let (mut st, mut p) = Store::open(dir, who, &mut |_, _| true).expect("reopen");
    apply(
        &mut p,
        Edit::SetStatus {
            doc: 0,
            status: DocStatus::Done,
        },
    )
    .expect("status");
    st.save(&mut p).expect("save");
    // Still open (the lock is held) while git looks at the folder.
    git_ok(dir, &["add", "-A"]);
    let staged = git_ok(dir, &["diff", "--cached", "--name-only"]);
    git_ok(
        dir,
        &["commit", "-q", "-m", &format!("{who} tags {needle}")],
    );
    drop(st);
    staged
}

#[test]
fn a_new_project_keeps_what_biaozhu_writes_for_itself_out_of_git() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let (st, _p) = Store::create(&dir, "p", "main").unwrap();
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).expect(".gitignore written");
    for line in [
        ".biaozhu.lock",
        ".backups/",
        ".biaozhu-import",
        ".biaozhu-remove",
        ".biaozhu-*.tmp",
        "models/",
        "exports/",
    ] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }
    drop(st);
    // A .gitignore of the user's own is not replaced.
    let dir2 = tmp.path().join("q");
    std::fs::create_dir_all(&dir2).unwrap();
    std::fs::write(dir2.join(".gitignore"), "mine\n").unwrap();
    let (_st, _p) = Store::create(&dir2, "q", "main").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir2.join(".gitignore")).unwrap(),
        "mine\n"
    );
    // The sample project has the same one.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample");
    assert_eq!(
        std::fs::read_to_string(sample.join(".gitignore")).expect("sample .gitignore"),
        store::GITIGNORE
    );
}

#[test]
fn two_annotators_in_two_clones_merge_without_conflicts() {
    if !have_git() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    let r = bz([OsStr::new("new"), origin.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let file = tmp.path().join("a.txt");
    std::fs::write(&file, TEXT).unwrap();
    let r = bz([OsStr::new("import"), origin.as_os_str(), file.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    git_ok(&origin, &["init", "-q"]);
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-q", "-m", "project"]);

    let c1 = tmp.path().join("c1");
    let c2 = tmp.path().join("c2");
    for c in [&c1, &c2] {
        git_ok(
            tmp.path(),
            &[
                "clone",
                "-q",
                &origin.display().to_string(),
                &c.display().to_string(),
            ],
        );
    }
    let staged1 = annotate(&c1, "alice", "甘肃省总工会", "ORG", SpanKind::Entity);
    let staged2 = annotate(&c2, "bob", "兰州", "LOC", SpanKind::Entity);
    for staged in [&staged1, &staged2] {
        assert!(!staged.contains(".biaozhu"), "{staged}");
        assert!(!staged.contains(".backups"), "{staged}");
        assert!(!staged.contains("project.ron"), "{staged}");
    }
    assert!(c1.join(".backups").exists(), "the second sitting backed up");

    let (ok, text) = git(&c1, &["pull", "-q", &c2.display().to_string(), "HEAD"]);
    assert!(ok, "pull merges: {text}");
    assert!(!text.contains("CONFLICT"), "{text}");
    let status = git_ok(&c1, &["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "clean after the merge: {status}");
    for e in walkdir(&c1) {
        let s = std::fs::read_to_string(&e).unwrap_or_default();
        assert!(
            !s.contains("<<<<<<<"),
            "conflict markers in {}",
            e.display()
        );
    }

    let lp = store::load_layered(&c1, &mut |_, _| true).expect("load merged");
    assert_eq!(
        lp.annotators().into_iter().collect::<Vec<_>>(),
        vec!["alice".to_string(), "bob".to_string()]
    );
    let d = &lp.docs[0];
    for (who, needle, label) in [("alice", "甘肃省总工会", "ORG"), ("bob", "兰州", "LOC")] {
        let layer = &d.layers[who];
        assert_eq!(layer.status, DocStatus::Done, "{who}");
        let spans: Vec<_> = layer
            .spans()
            .iter()
            .map(|s| (s.range, s.label.clone()))
            .collect();
        assert_eq!(spans, vec![(range(needle), label.to_string())], "{who}");
    }
}

/// Every file under `dir` outside `.git`.
fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.file_name() == Some(OsStr::new(".git")) {
                continue;
            }
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
