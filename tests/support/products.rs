//! A project for the model tests, shared by `tests/learn.rs` and `tests/ui.rs`: a made-up
//! label PROD (产品) that no rule knows, tagged in twelve documents marked done, and one more
//! document, not done, with a product name that no training document has.

use std::path::Path;

use biaozhu::edit::Edit;
use biaozhu::model::{CharRange, DocStatus, LabelClass, LabelDef, Rgb, Span, SpanId, SpanKind};
use biaozhu::session::Session;

/// The product names the training documents use.
const PRODUCTS: [&str; 12] = [
    "天枢三号",
    "星河X9",
    "云帆Pro",
    "飞鸾七型",
    "玉衡二代",
    "北辰S5",
    "青鸟M3",
    "赤霄Max",
    "白泽Lite",
    "朱雀十号",
    "玄鸟A1",
    "归墟Air",
];
/// Products only mentioned once, in passing.
const OTHERS: [&str; 12] = [
    "银杏T2",
    "金乌五号",
    "长庚Go",
    "太微Z7",
    "紫微八型",
    "天璇K1",
    "开阳Neo",
    "摇光三代",
    "昆仑V2",
    "岱宗Plus",
    "沧溟六号",
    "扶摇R9",
];
const COMPANIES: [&str; 4] = ["华光公司", "远航集团", "东岳科技", "青禾公司"];

/// The document no model learnt from: its product, 紫电V8, is in no training document.
pub const UNSEEN: &str = "海川公司今天发布了新款紫电V8，售价3999元。用户说紫电V8的续航很好。";
/// Where 紫电V8 first is in [`UNSEEN`] (chars).
pub const UNSEEN_PRODUCT: CharRange = CharRange { start: 11, end: 15 };

/// The text of training document `i` and the char ranges of its products.
fn training_text(i: usize) -> (String, Vec<CharRange>) {
    let p = PRODUCTS[i];
    let q = OTHERS[i];
    let c = COMPANIES[i % COMPANIES.len()];
    let parts = [
        format!("{c}今天发布了新款"),
        p.to_string(),
        format!("，售价{}元。用户说", 1000 + 100 * i),
        p.to_string(),
        "的续航很好。另据报道，".to_string(),
        q.to_string(),
        "将于下月上市。".to_string(),
    ];
    let mut text = String::new();
    let mut ranges = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let start = text.chars().count() as u32;
        text.push_str(part);
        if k % 2 == 1 {
            ranges.push(CharRange::new(start, text.chars().count() as u32));
        }
    }
    (text, ranges)
}

/// A session on a new project `dir/p`: the PROD label, twelve done documents with their
/// products accepted, and [`UNSEEN`] (the last document) untouched.
pub fn products_session(dir: &Path) -> Session {
    let (st, p) = biaozhu::store::Store::create(&dir.join("p"), "p", "main").unwrap();
    let mut s = Session::new(st, p);
    let n_labels = s.project().schema.labels.len();
    s.apply(Edit::AddLabel {
        index: n_labels,
        label: LabelDef {
            key: "PROD".into(),
            zh: "产品".into(),
            en: "Product".into(),
            color: Rgb(200, 120, 40),
            hotkey: None,
            class: LabelClass::Entity,
        },
    })
    .unwrap();
    let mut files = Vec::new();
    let mut all_ranges = Vec::new();
    for i in 0..PRODUCTS.len() {
        let (text, ranges) = training_text(i);
        let f = dir.join(format!("t{i:02}.txt"));
        std::fs::write(&f, &text).unwrap();
        files.push(f);
        all_ranges.push(ranges);
    }
    let f = dir.join("z_unseen.txt");
    std::fs::write(&f, UNSEEN).unwrap();
    files.push(f);
    let text_format = biaozhu::format::by_name("text").unwrap();
    let report = s.import_files(
        text_format,
        &files,
        &biaozhu::format::Options::default(),
        &mut |_, _| true,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut edits = Vec::new();
    for (i, ranges) in all_ranges.iter().enumerate() {
        let (text, _) = training_text(i);
        let doc = doc_of(&s, &text);
        for (k, r) in ranges.iter().enumerate() {
            edits.push(Edit::AddSpan {
                doc,
                span: Span::new(SpanId(1 + k as u32), *r, SpanKind::Entity, "PROD"),
            });
        }
        edits.push(Edit::SetStatus {
            doc,
            status: DocStatus::Done,
        });
    }
    s.apply(Edit::Batch(edits)).unwrap();
    s
}

/// The index of the document whose text is `text`.
pub fn doc_of(s: &Session, text: &str) -> usize {
    s.project()
        .documents
        .iter()
        .position(|d| d.text.as_str() == text)
        .unwrap()
}
