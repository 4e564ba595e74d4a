//! Taking documents out of a project and putting them back (`biaozhu remove`, `biaozhu
//! restore`): nothing is deleted, the round trip gives the project back byte for byte, and a
//! removal cut off at either step is finished or forgotten at the next open.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

#[path = "support/bin.rs"]
mod bin;
use bin::bz;
#[path = "support/listed.rs"]
mod listed;
use listed::listed;

use biaozhu::store::Store;
use biaozhu::store::removal::{REMOVAL_JOURNAL, REMOVED_DIR};

fn run(args: &[&OsStr]) -> bin::Run {
    let r = bz(args);
    assert_eq!(r.code, 0, "{args:?}: {r:?}");
    r
}

/// A project of three documents (`一`, `二`, `三`), each with main's and alice's layers
/// (alice's holding suggestions), the first two assigned to alice.
fn project(root: &Path) -> PathBuf {
    let dir = root.join("p");
    run(&[OsStr::new("new"), dir.as_os_str()]);
    let texts = [
        (
            "一",
            "新华社北京1月2日电 国务院总理朱镕基今天在中南海会见了日本客人。",
        ),
        (
            "二",
            "上海市政府昨天宣布，浦东新区将新建三座大桥，投资两亿元。",
        ),
        (
            "三",
            "广州市天河区的居民在10月24日参加了植树活动，共种下5000棵树。",
        ),
    ];
    for (name, text) in texts {
        let f = root.join(format!("{name}.txt"));
        std::fs::write(&f, text).unwrap();
        run(&[OsStr::new("import"), dir.as_os_str(), f.as_os_str()]);
    }
    for who in ["main", "alice"] {
        run(&[
            OsStr::new("suggest"),
            dir.as_os_str(),
            OsStr::new("--annotator"),
            OsStr::new(who),
        ]);
    }
    run(&[
        OsStr::new("assign"),
        dir.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("alice"),
        OsStr::new("一"),
        OsStr::new("二"),
    ]);
    dir
}

/// Every file under `dir` (but the lock and the activity log) with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, at: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(at).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let name = rel.to_string_lossy().into_owned();
            if name.starts_with(".biaozhu") || name.starts_with("log") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn removal_folder(dir: &Path) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join(REMOVED_DIR))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

#[test]
fn a_removed_document_leaves_the_project_whole_and_restore_gives_it_back_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let before = files(&dir);
    assert!(
        before
            .iter()
            .any(|(p, _)| p.ends_with("annotations/一/alice.ron"))
    );
    let r = run(&[
        OsStr::new("remove"),
        dir.as_os_str(),
        OsStr::new("一"),
        OsStr::new("三"),
    ]);
    assert!(
        r.stdout.contains("removed 2 documents (with 4 layers)"),
        "{r:?}"
    );
    assert!(r.stdout.contains("biaozhu restore"), "{r:?}");
    assert_eq!(listed(&dir), ["二"]);
    let assigned = run(&[
        OsStr::new("assign"),
        dir.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("alice"),
    ]);
    assert!(
        assigned.stdout.contains("alice: 1 document"),
        "{assigned:?}"
    );
    // Nothing deleted: the texts and both layers of each sit in the removal's folder.
    let folder = removal_folder(&dir);
    for id in ["一", "三"] {
        assert!(folder.join(format!("documents/{id}.txt")).is_file());
        for who in ["main", "alice"] {
            assert!(folder.join(format!("annotations/{id}/{who}.ron")).is_file());
        }
        assert!(!dir.join(format!("documents/{id}.txt")).exists());
        assert!(!dir.join("annotations").join(id).exists());
    }
    let check = bz([OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(check.code, 0, "{check:?}");
    // An export may not write over it.
    let export = bz([
        OsStr::new("export"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--out"),
        folder.join("removed.ron").as_os_str(),
    ]);
    assert_eq!(export.code, 2, "{export:?}");

    let rel = folder.strip_prefix(&dir).unwrap();
    let r = run(&[OsStr::new("restore"), dir.as_os_str(), rel.as_os_str()]);
    assert!(r.stdout.contains("put back 2 documents: 一, 三"), "{r:?}");
    assert_eq!(listed(&dir), ["一", "二", "三"]);
    let after = files(&dir);
    let names = |f: &[(PathBuf, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before), "no removed/ left");
    assert!(after == before, "every file as it was");
}

#[test]
fn an_unknown_id_removes_nothing_and_a_restore_onto_a_taken_place_moves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let before = files(&dir);
    let r = bz([
        OsStr::new("remove"),
        dir.as_os_str(),
        OsStr::new("二"),
        OsStr::new("四"),
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("no document \"四\"; nothing was removed"),
        "{r:?}"
    );
    assert_eq!(files(&dir), before);

    run(&[OsStr::new("remove"), dir.as_os_str(), OsStr::new("二")]);
    // A new text imported under the same name takes the id back.
    let f = tmp.path().join("二.txt");
    run(&[OsStr::new("import"), dir.as_os_str(), f.as_os_str()]);
    assert_eq!(listed(&dir), ["一", "三", "二"]);
    let folder = removal_folder(&dir);
    let kept = files(&folder);
    // A removal's folder from elsewhere (another project's, a copy) is refused.
    let elsewhere = tmp.path().join("copy");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(folder.join("removed.ron"), elsewhere.join("removed.ron")).unwrap();
    let r = bz([
        OsStr::new("restore"),
        dir.as_os_str(),
        elsewhere.as_os_str(),
    ]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("not a folder of this project's removed/"),
        "{r:?}"
    );
    let r = bz([OsStr::new("restore"), dir.as_os_str(), folder.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("in the project already"), "{r:?}");
    assert_eq!(files(&folder), kept, "nothing moved");
    assert_eq!(listed(&dir), ["一", "三", "二"]);
}

#[test]
fn a_removal_cut_off_after_project_ron_is_finished_at_the_next_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    run(&[OsStr::new("remove"), dir.as_os_str(), OsStr::new("三")]);
    let folder = removal_folder(&dir);
    // As if cut off after project.ron was written: the files still in place, the journal
    // naming the folder.
    std::fs::rename(
        folder.join("documents/三.txt"),
        dir.join("documents/三.txt"),
    )
    .unwrap();
    std::fs::rename(folder.join("annotations/三"), dir.join("annotations/三")).unwrap();
    std::fs::write(
        dir.join(REMOVAL_JOURNAL),
        folder.file_name().unwrap().to_string_lossy().as_bytes(),
    )
    .unwrap();
    let (_st, p) = Store::open(&dir, "main", &mut |_, _| true).unwrap();
    assert_eq!(p.documents.len(), 2);
    assert!(!dir.join(REMOVAL_JOURNAL).exists());
    assert!(!dir.join("documents/三.txt").exists());
    assert!(folder.join("documents/三.txt").is_file());
    assert!(folder.join("annotations/三/alice.ron").is_file());
}

#[test]
fn a_removal_cut_off_before_project_ron_leaves_every_document_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let before = files(&dir);
    // As if cut off after the record and the journal, before project.ron.
    let folder = dir.join(REMOVED_DIR).join("2026-12-07T100000Z");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("removed.ron"),
        r#"(format: "biaozhu-removed", version: 1, documents: [(position: 1, document: (id: "二"))])"#,
    )
    .unwrap();
    std::fs::write(dir.join(REMOVAL_JOURNAL), "2026-12-07T100000Z").unwrap();
    let (_st, p) = Store::open(&dir, "main", &mut |_, _| true).unwrap();
    assert_eq!(p.documents.len(), 3);
    assert!(!dir.join(REMOVAL_JOURNAL).exists());
    assert!(
        !folder.exists(),
        "the record of a removal that never happened"
    );
    assert_eq!(files(&dir), before);
}
