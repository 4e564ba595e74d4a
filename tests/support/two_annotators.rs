//! A project with one document that alice and bob tagged differently: one agreement and
//! three disagreements (label, missing, boundary). Shared by the review tests.

use std::path::Path;

use biaozhu::format::{self, Options};
use biaozhu::session::{Selection, Session};
use biaozhu::store::Store;

const TEXT: &str = "张三在北京大学读书，李四在上海工作了三年。";

/// A project with one document; alice and bob tag it with three disagreements (label,
/// boundary, missing) and one agreement.
/// Make it under `dir`; returns the project folder.
pub fn two_annotators(dir: &Path) -> std::path::PathBuf {
    let pdir = text_project(dir, TEXT);
    // 张三 [0,2) PER both; 北京大学 [3,7) ORG vs LOC (label); 上海 [13,15) LOC vs 在上海
    // [12,15) LOC (boundary); 李四 [10,12) PER only alice (missing).
    let tags: [(&str, Tags); 2] = [
        (
            "alice",
            &[
                (0, 2, "PER"),
                (3, 7, "ORG"),
                (13, 15, "LOC"),
                (10, 12, "PER"),
            ],
        ),
        ("bob", &[(0, 2, "PER"), (3, 7, "LOC"), (12, 15, "LOC")]),
    ];
    tag_layers(&pdir, &tags);
    pdir
}

/// What each annotator tags in the first document: (annotator, [(start, end, label)]).
pub type Tags<'a> = &'a [(u32, u32, &'a str)];

/// Each annotator's layer of the first document of `pdir`, tagged and saved.
pub fn tag_layers(pdir: &Path, tags: &[(&str, Tags)]) {
    for &(who, spans) in tags {
        let (st, p) = Store::open(pdir, who, &mut |_, _| true).unwrap();
        let mut s = Session::new(st, p);
        for &(a, b, label) in spans {
            s.set_selection(Selection { anchor: a, head: b });
            s.tag(label).unwrap();
        }
        s.save().unwrap();
    }
}

/// A project of one document three annotators tagged, for the majority-vote tests: 张三
/// alike, 北京 LOC by two and ORG by one, 李四 by alice alone, 上海 LOC by alice, ORG by
/// bob, nothing by carol.
#[allow(dead_code)] // Not every test binary that includes this file uses it.
pub fn three_annotators(dir: &Path) -> std::path::PathBuf {
    let pdir = text_project(dir, "张三在北京工作，李四去了上海。");
    tag_layers(
        &pdir,
        &[
            (
                "alice",
                &[
                    (0, 2, "PER"),
                    (3, 5, "LOC"),
                    (8, 10, "PER"),
                    (12, 14, "LOC"),
                ],
            ),
            ("bob", &[(0, 2, "PER"), (3, 5, "LOC"), (12, 14, "ORG")]),
            ("carol", &[(0, 2, "PER"), (3, 5, "ORG")]),
        ],
    );
    pdir
}

/// A project `dir/p` with one document of `text` imported and nobody's annotation yet.
/// Returns the project folder.
pub fn text_project(dir: &Path, text: &str) -> std::path::PathBuf {
    let pdir = dir.join("p");
    let (st, p) = Store::create(&pdir, "p", "main").unwrap();
    let mut s = Session::new(st, p);
    let file = dir.join("news.txt");
    std::fs::write(&file, text).unwrap();
    let report = s.import_files(
        format::by_name("text").unwrap(),
        &[file],
        &Options::default(),
        &mut |_, _| true,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    pdir
}
