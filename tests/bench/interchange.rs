//! Import and export speed of every registered format on a generated 1 MB corpus (100
//! documents of about 10 KB of Chinese news text, a labelled span every 25 chars or so):
//! MB of text per second, the median of 5 runs each. Building the export (in memory) and
//! reading the written files back are timed; writing to disk is not.
//!
//! `cargo bench --bench interchange` prints the figures. Under `cargo test` (no `--bench`
//! argument) it does a 20 KB smoke run so that the code path stays tested; timings are
//! never asserted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use biaozhu::format::{FORMATS, Format, Options, Output};
use biaozhu::model::{
    CharRange, DocMeta, DocStatus, Document, Layer, Project, Span, SpanId, SpanKind, Text,
};

const SENTENCES: [&str; 6] = [
    "【本报北京10月24日电】今天，由北京市总工会牵头，联合天津市总工会共同组织的职工技能竞赛决赛在北京开幕。",
    "甘肃省总工会出台实施方案，力争全省86个县区工会规范化工作上台阶。",
    "来自63所学校的近800名教师代表参加，活动由中国教科文卫体工会主办。",
    "烟台市总工会党组书记陈海涛介绍，全市累计培育高技能人才突破35万人。",
    "鼓励企业足额提取职工教育经费，力争每年新孵化“种子工匠”2000名，投入资金两亿元。",
    "在湖南师范大学附属中学设立主会场，决赛将于10月26日落下帷幕。\r\n",
];

/// Spans tagged in every sentence: (surface, label).
const TAGS: [(&str, &str); 8] = [
    ("北京市总工会", "ORG"),
    ("甘肃省总工会", "ORG"),
    ("86个", "QUANTITY"),
    ("陈海涛", "PER"),
    ("35万人", "QUANTITY"),
    ("两亿元", "MONEY"),
    ("湖南师范大学附属中学", "ORG"),
    ("10月26日", "DATE"),
];

fn document(i: usize, bytes: usize) -> Document {
    let mut text = String::new();
    let mut k = i;
    while text.len() < bytes {
        text.push_str(SENTENCES[k % SENTENCES.len()]);
        k += 1;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    for (surface, label) in TAGS {
        let n: Vec<char> = surface.chars().collect();
        for at in 0..chars.len().saturating_sub(n.len()) {
            if chars[at..].starts_with(&n) {
                let kind = if matches!(label, "QUANTITY" | "MONEY" | "DATE") {
                    SpanKind::Figure
                } else {
                    SpanKind::Entity
                };
                let id = SpanId(spans.len() as u32 + 1);
                let r = CharRange::new(at as u32, (at + n.len()) as u32);
                spans.push(Span::new(id, r, kind, label));
            }
        }
    }
    Document {
        meta: DocMeta {
            id: format!("d{i:04}"),
            published: None,
            imported_from: None,
        },
        text: Text::new(text),
        layer: Layer::from_parts(spans, Vec::new(), DocStatus::Done, 1, 1),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Write an export's output under `dir`; the files the format reads back.
fn write(f: &Format, dir: &Path, out: &Output) -> Vec<PathBuf> {
    let mut files = Vec::new();
    match out {
        Output::File(s) => {
            let path = dir.join(format!("out.{}", f.extensions[0]));
            std::fs::write(&path, s).expect("write");
            files.push(path);
        }
        Output::Folder(fs) => {
            for (name, s) in fs {
                let path = dir.join(name);
                if let Some(p) = path.parent() {
                    std::fs::create_dir_all(p).expect("folder");
                }
                std::fs::write(&path, s).expect("write");
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if f.extensions.first() == Some(&ext) {
                    files.push(path);
                }
            }
        }
    }
    files
}

fn run(docs: usize, bytes: usize, runs: usize, what: &str) {
    let mut p = Project::new("bench", "main");
    p.documents = (0..docs).map(|i| document(i, bytes)).collect();
    let text_bytes: usize = p.documents.iter().map(|d| d.text.as_str().len()).sum();
    let spans: usize = p.documents.iter().map(|d| d.layer.spans().len()).sum();
    let mb = text_bytes as f64 / 1e6;
    println!("interchange, {what}: {docs} documents, {mb:.2} MB of text, {spans} spans");
    println!(
        "  {:<14} {:>12} {:>12} {:>10}",
        "format", "export MB/s", "import MB/s", "file MB"
    );
    let opts = Options::default();
    for f in FORMATS {
        let Some(_) = f.export else { continue };
        let mut export_times = Vec::new();
        let mut built = None;
        for _ in 0..runs {
            let t = Instant::now();
            let b = f
                .build(&p, &opts, &mut |_, _| true)
                .expect("builds")
                .expect("not cancelled");
            export_times.push(t.elapsed());
            built = Some(b);
        }
        let Some(built) = built else { continue };
        let tmp = tempfile::tempdir().expect("tempdir");
        let files = write(f, tmp.path(), &built.output);
        let file_mb = files
            .iter()
            .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
            .sum::<u64>() as f64
            / 1e6;
        let import = if f.import.is_some() && !files.is_empty() {
            let mut times = Vec::new();
            for _ in 0..runs {
                let t = Instant::now();
                for file in &files {
                    f.read(file, &opts).expect("reads back");
                }
                times.push(t.elapsed());
            }
            format!("{:.1}", mb / median(times).as_secs_f64())
        } else {
            "-".into()
        };
        println!(
            "  {:<14} {:>12.1} {:>12} {:>10.2}",
            f.name,
            mb / median(export_times).as_secs_f64(),
            import,
            file_mb
        );
    }
}

fn main() {
    if std::env::args().any(|a| a == "--bench") {
        run(100, 10_000, 5, "1 MB");
    } else {
        run(2, 10_000, 1, "smoke");
    }
}
