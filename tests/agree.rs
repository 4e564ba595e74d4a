//! `biaozhu agree`: agreement figures between annotators, run as a process on a project
//! whose layers were written through the library.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use biaozhu::model::{CharRange, DocStatus, Layer, Span, SpanId, SpanKind};
use biaozhu::store::Store;

#[path = "support/bin.rs"]
mod support;
use support::{Run, bz};

/// Ten chars: 张 三 在 北 京 见 了 李 四 。
const TEXT: &str = "张三在北京见了李四。";

/// A new project `proj` with TEXT imported into alice's layer (empty).
fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("proj");
    let r = bz([OsStr::new("new"), dir.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let txt = tmp.path().join("a.txt");
    std::fs::write(&txt, TEXT).expect("write text");
    let r = bz([
        OsStr::new("import"),
        dir.as_os_str(),
        txt.as_os_str(),
        OsStr::new("--annotator"),
        OsStr::new("alice"),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    (tmp, dir)
}

/// Write `who`'s layer of the first document: entity spans (start, end, label).
fn write_layer(dir: &Path, who: &str, spans: &[(u32, u32, &str)]) {
    write_layer_as(dir, who, spans, DocStatus::Done);
}

/// `who`'s layer of the one document: these entity spans, with this status.
fn write_layer_as(dir: &Path, who: &str, spans: &[(u32, u32, &str)], status: DocStatus) {
    let (mut st, mut p) = Store::open(dir, who, &mut |_, _| true).expect("open");
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e, l))| {
            Span::new(
                SpanId(i as u32 + 1),
                CharRange::new(s, e),
                SpanKind::Entity,
                l,
            )
        })
        .collect();
    p.documents[0].layer = Layer::from_parts(spans, Vec::new(), status, 1, 1);
    p.dirty_docs.insert(0);
    st.save(&mut p).expect("save");
}

fn agree(dir: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("agree"), dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    bz(args)
}

fn json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--json"];
    args.extend_from_slice(extra);
    let r = agree(dir, &args);
    assert_eq!(r.code, 0, "{r:?}");
    serde_json::from_str(&r.stdout).expect("json")
}

fn num(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(v: &serde_json::Value, want: f64) {
    assert!((num(v) - want).abs() < 1e-12, "{v} != {want}");
}

/// The fixture of the unit tests in `review::agree`: alice PER[0,2) ORG[4,7),
/// bob PER[0,2) ORG[4,6) LOC[8,9), carol PER[0,2).
fn three() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = project();
    write_layer(&dir, "alice", &[(0, 2, "PER"), (4, 7, "ORG")]);
    write_layer(&dir, "bob", &[(0, 2, "PER"), (4, 6, "ORG"), (8, 9, "LOC")]);
    write_layer(&dir, "carol", &[(0, 2, "PER")]);
    (tmp, dir)
}

#[test]
fn two_annotators_figures_in_json() {
    let (_tmp, dir) = three();
    let v = json(&dir, &["--annotators", "alice,bob"]);
    assert_eq!(v["annotators"], serde_json::json!(["alice", "bob"]));
    let p = &v["pairs"][0];
    assert_eq!(
        (p["a"].as_str(), p["b"].as_str()),
        (Some("alice"), Some("bob"))
    );
    assert_eq!(p["documents"], 1);
    assert_eq!(
        (p["spans_a"].as_u64(), p["spans_b"].as_u64()),
        (Some(2), Some(3))
    );
    // Exact: tp 1, fp 2, fn 1 → 2/5. Overlap: tp 2, fp 1 → 4/5.
    close(&p["span_f1_exact"], 0.4);
    close(&p["span_f1_overlap"], 0.8);
    // p_o = 8/10, p_e = (2·2 + 3·2 + 5·5)/100 = 0.35 → kappa = 0.45/0.65 = 9/13.
    close(&p["cohen_kappa_char"], 9.0 / 13.0);
    // No events on either side: null, not NaN.
    assert!(
        p["trigger_f1"].is_null() && p["argument_f1"].is_null(),
        "{p}"
    );
    assert!(v["fleiss_kappa_char"].is_null());
    let per: Vec<(String, f64, u64, u64, u64)> = p["per_label"]
        .as_array()
        .expect("per_label")
        .iter()
        .map(|l| {
            (
                l["label"].as_str().unwrap_or_default().to_string(),
                num(&l["f1"]),
                l["tp"].as_u64().unwrap_or(99),
                l["fp"].as_u64().unwrap_or(99),
                l["fn"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        per,
        vec![
            ("LOC".into(), 0.0, 0, 1, 0),
            ("ORG".into(), 0.0, 0, 1, 1),
            ("PER".into(), 1.0, 1, 0, 0),
        ]
    );
    // Only PER: both agree fully.
    let v = json(&dir, &["--annotators", "alice,bob", "--labels", "PER"]);
    close(&v["pairs"][0]["span_f1_exact"], 1.0);
    close(&v["pairs"][0]["cohen_kappa_char"], 1.0);
}

#[test]
fn three_annotators_have_a_fleiss_kappa_and_a_text_table() {
    let (_tmp, dir) = three();
    let v = json(&dir, &[]);
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(3));
    // Tags alice P P O O G G G O O O, bob P P O O G G O O L O, carol P P O O O O O O O O.
    // P_i = 1 on six chars, 1/3 on chars 4, 5, 6, 8 → P̄ = (6 + 4/3)/10 = 11/15.
    // Totals of 30: P 6, G 5, L 1, O 18 → P_e = (36 + 25 + 1 + 324)/900 = 386/900.
    // kappa = (660 - 386)/(900 - 386) = 274/514 = 137/257.
    close(&v["fleiss_kappa_char"], 137.0 / 257.0);
    assert_eq!(v["fleiss_documents"], 1);
    let r = agree(&dir, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("alice"), "{}", r.stdout);
    assert!(r.stdout.contains("0.692"), "{}", r.stdout); // 9/13
    assert!(r.stdout.contains("fleiss kappa 0.533"), "{}", r.stdout);
    assert!(
        r.stdout.contains("—"),
        "no events: trigger F1 is —: {}",
        r.stdout
    );
    assert!(r.stdout.contains("per label alice / bob"), "{}", r.stdout);
}

#[test]
fn one_annotator_is_a_problem() {
    let (_tmp, dir) = project();
    write_layer(&dir, "alice", &[(0, 2, "PER")]);
    let r = agree(&dir, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("two annotators"), "{r:?}");
}

#[test]
fn against_the_curated_layer_each_annotator_gets_precision_recall_and_confusions() {
    // curated (the reviewed truth): 张三 PER, 北京 LOC, 李四 PER.
    // alice: 张三 PER, 北京 ORG (another label), nothing at 李四 (missed).
    // bob: the same as curated but 北京见 LOC (other boundaries).
    let (_tmp, dir) = project();
    write_layer(
        &dir,
        "curated",
        &[(0, 2, "PER"), (3, 5, "LOC"), (7, 9, "PER")],
    );
    write_layer(&dir, "alice", &[(0, 2, "PER"), (3, 5, "ORG")]);
    write_layer(&dir, "bob", &[(0, 2, "PER"), (3, 6, "LOC"), (7, 9, "PER")]);
    let v = json(&dir, &["--against", "curated"]);
    assert_eq!(v["against"], "curated");
    assert_eq!(v["annotators"], serde_json::json!(["alice", "bob"]));
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(2));
    let alice = &v["pairs"][0];
    assert_eq!(
        (alice["a"].as_str(), alice["b"].as_str()),
        (Some("curated"), Some("alice"))
    );
    // alice: tp 1, fp 1, fn 2.
    assert_eq!(
        alice["exact"],
        serde_json::json!({"tp": 1, "fp": 1, "fn": 2})
    );
    let cells = alice["confusion"]["cells"].as_array().expect("cells");
    let find = |a: Option<&str>, b: Option<&str>| {
        cells
            .iter()
            .find(|c| c["a"].as_str() == a && c["b"].as_str() == b)
            .map(|c| (c["same_range"].as_u64(), c["other_range"].as_u64()))
    };
    assert_eq!(find(Some("LOC"), Some("ORG")), Some((Some(1), Some(0))));
    assert_eq!(find(Some("PER"), None), Some((Some(1), Some(0))));
    assert_eq!(find(Some("PER"), Some("PER")), Some((Some(1), Some(0))));
    // The text: each annotator's precision and recall, and what they confuse.
    let r = agree(&dir, &["--against", "curated"]);
    assert_eq!(r.code, 0, "{r:?}");
    let row = |who: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(who))
            .unwrap_or_else(|| panic!("no row for {who}: {}", r.stdout))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // annotator docs ref spans precision recall f1 …: alice P 1/2, R 1/3, F1 2/5.
    assert_eq!(
        row("alice")[4..7],
        ["0.500", "0.333", "0.400"],
        "{}",
        r.stdout
    );
    // bob: P 2/3, R 2/3.
    assert_eq!(
        row("bob")[4..7],
        ["0.667", "0.667", "0.667"],
        "{}",
        r.stdout
    );
    let said = |s: &str| assert!(r.stdout.contains(s), "no {s:?} in\n{}", r.stdout);
    said("confusions curated → alice");
    said("another label");
    said("only curated tagged it");
    said("other boundaries");
    // In Chinese.
    let r = agree(&dir, &["--against", "curated", "--lang", "zh"]);
    assert_eq!(r.code, 0, "{r:?}");
    for s in [
        "精确率",
        "召回率",
        "标签混淆 curated → alice",
        "标签不同",
        "只有 curated 标了",
        "边界不同",
    ] {
        assert!(r.stdout.contains(s), "no {s:?} in\n{}", r.stdout);
    }
    // A reference with no layer is a problem, said as such.
    let r = agree(&dir, &["--against", "dora"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("dora has no layer"), "{r:?}");
}

#[test]
fn against_the_curated_layer_waits_until_a_review_is_finished() {
    // The reviewer has taken 张三 and not yet decided 北京 or 李四: alice is not to be
    // scored as if her 北京 and 李四 were wrong.
    let (_tmp, dir) = project();
    write_layer_as(&dir, "curated", &[(0, 2, "PER")], DocStatus::InProgress);
    write_layer(
        &dir,
        "alice",
        &[(0, 2, "PER"), (3, 5, "LOC"), (7, 9, "PER")],
    );
    let r = agree(&dir, &["--against", "curated"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr
            .contains("no document whose review is finished (1 in review)"),
        "{r:?}"
    );
    let r = agree(&dir, &["--against", "curated", "--lang", "zh"]);
    assert!(
        r.stderr.contains("还没有审阅完毕的文档（审阅中 1 篇）"),
        "{r:?}"
    );
    // Once finished, it is the truth: alice P 1/3, R 1.
    write_layer_as(&dir, "curated", &[(0, 2, "PER")], DocStatus::Reviewed);
    let v = json(&dir, &["--against", "curated"]);
    assert_eq!(
        (&v["curated_documents"], &v["curated_in_review"]),
        (&serde_json::json!(1), &serde_json::json!(0))
    );
    assert_eq!(
        v["pairs"][0]["exact"],
        serde_json::json!({"tp": 1, "fp": 2, "fn": 0})
    );
    let r = agree(&dir, &["--against", "curated"]);
    assert!(
        r.stdout.contains("documents with their review finished: 1"),
        "{}",
        r.stdout
    );
}
