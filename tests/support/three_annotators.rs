//! A project of one document three annotators tagged, for the majority-vote tests.

use std::path::Path;

use biaozhu::session::{Selection, Session};
use biaozhu::store::Store;

/// A project of one document three annotators tagged: 张三 alike, 北京 LOC by two and ORG by
/// one, 李四 by alice alone, 上海 LOC by alice, ORG by bob, nothing by carol.
pub fn three_annotators(dir: &Path) -> std::path::PathBuf {
    let pdir = dir.join("p3");
    let (st, p) = Store::create(&pdir, "p3", "main").unwrap();
    let mut s = Session::new(st, p);
    let f = dir.join("t.txt");
    std::fs::write(&f, "张三在北京工作，李四去了上海。").unwrap();
    let report = s.import_files(
        biaozhu::format::by_name("text").unwrap(),
        &[f],
        &biaozhu::format::Options::default(),
        &mut |_, _| true,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    drop(s);
    type Tags<'a> = &'a [(u32, u32, &'a str)];
    let tags: [(&str, Tags); 3] = [
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
    ];
    for (who, spans) in tags {
        let (st, p) = Store::open(&pdir, who, &mut |_, _| true).unwrap();
        let mut s = Session::new(st, p);
        for &(a, b, label) in spans {
            s.set_selection(Selection { anchor: a, head: b });
            s.tag(label).unwrap();
        }
        s.save().unwrap();
    }
    pdir
}
