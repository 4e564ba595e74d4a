//! A project of three documents two annotators tagged, for the review tests that walk the
//! whole project.

use std::path::Path;

use biaozhu::format::{self, Options};
use biaozhu::session::{Selection, Session};
use biaozhu::store::Store;

/// Writes `texts` to `d0.txt`, `d1.txt`… in `dir` and imports them into `s` as plain text,
/// a document each, in that order.
pub fn import_texts(s: &mut Session, dir: &Path, texts: &[&str]) {
    let files: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let f = dir.join(format!("d{i}.txt"));
            std::fs::write(&f, t).unwrap();
            f
        })
        .collect();
    let report = s.import_files(
        format::by_name("text").unwrap(),
        &files,
        &Options::default(),
        &mut |_, _| true,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

/// A project of three documents that alice and bob tagged: the first alike, the second
/// with a label disagreement, the third with a name only alice tagged.
pub fn three_documents(dir: &Path) -> std::path::PathBuf {
    let pdir = dir.join("p");
    let (st, p) = Store::create(&pdir, "p", "main").unwrap();
    let mut s = Session::new(st, p);
    import_texts(
        &mut s,
        dir,
        &["张三在读书。", "他在北京工作。", "李四和王五去了上海。"],
    );
    drop(s);
    type Tags<'a> = &'a [(usize, u32, u32, &'a str)];
    let tags: [(&str, Tags); 2] = [
        (
            "alice",
            &[
                (0, 0, 2, "PER"),
                (1, 2, 4, "LOC"),
                (2, 0, 2, "PER"),
                (2, 3, 5, "PER"),
            ],
        ),
        (
            "bob",
            &[(0, 0, 2, "PER"), (1, 2, 4, "ORG"), (2, 0, 2, "PER")],
        ),
    ];
    for (who, spans) in tags {
        let (st, p) = Store::open(&pdir, who, &mut |_, _| true).unwrap();
        let mut s = Session::new(st, p);
        for &(doc, a, b, label) in spans {
            s.open_doc(doc);
            s.set_selection(Selection { anchor: a, head: b });
            s.tag(label).unwrap();
        }
        s.save().unwrap();
    }
    pdir
}
