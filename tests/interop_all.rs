//! Every registered format that both writes and reads spans round-trips a corpus with CRLF
//! line ends, full-width characters, 😀, 👨‍👩‍👧 and 𠮷: export → import gives every span back, on
//! the right text, with its label. A format added to the registry is checked here without a
//! line more; a format that cannot be (DuEE holds events only) is named with why.

use std::collections::BTreeMap;
use std::path::Path;

use biaozhu::format::{FORMATS, Format, Options, Output};
use biaozhu::model::{
    CharRange, DocMeta, DocStatus, Document, Layer, Project, Span, SpanId, SpanKind, Text,
};

/// The hard text, and the spans on it (label, surface), none overlapping.
const TEXT: &str = "【本报北京10月24日电】𠮷野家😀在北京开店。\r\n全国总工会今天召开推进会，86个县区参加。ＡＢＣ公司１２３人到场。\r\n👨‍👩‍👧一家在上海，😀😀王五说：“好！”\r\n";
const SPANS: &[(&str, &str, usize)] = &[
    // (label, surface, which occurrence)
    ("LOC", "北京", 0),
    ("DATE", "10月24日", 0),
    ("ORG", "𠮷野家", 0),
    ("LOC", "北京", 1),
    ("ORG", "全国总工会", 0),
    ("QUANTITY", "86个", 0),
    ("ORG", "ＡＢＣ公司", 0),
    ("QUANTITY", "１２３人", 0),
    ("LOC", "上海", 0),
    ("PER", "王五", 0),
];

/// Formats that write and read, but whose round trip is not of spans, and why.
const NOT_SPANS: &[(&str, &str)] = &[(
    "duee",
    "DuEE holds events only (its round trip is in tests/cli.rs)",
)];

fn find(text: &[char], s: &str, nth: usize) -> CharRange {
    let n: Vec<char> = s.chars().collect();
    let at = (0..text.len())
        .filter(|&k| text[k..].starts_with(&n))
        .nth(nth)
        .expect("in the text");
    CharRange::new(at as u32, (at + n.len()) as u32)
}

fn project() -> Project {
    let chars: Vec<char> = TEXT.chars().collect();
    let spans = SPANS
        .iter()
        .enumerate()
        .map(|(k, (label, s, nth))| {
            let kind = if matches!(*label, "DATE" | "QUANTITY") {
                SpanKind::Figure
            } else {
                SpanKind::Entity
            };
            Span::new(SpanId(k as u32 + 1), find(&chars, s, *nth), kind, *label)
        })
        .collect();
    let mut p = Project::new("interop", "main");
    p.documents.push(Document {
        meta: DocMeta {
            id: "hard".into(),
            published: None,
            imported_from: None,
        },
        text: Text::new(TEXT),
        layer: Layer::from_parts(spans, Vec::new(), DocStatus::Done, 1, 1),
    });
    p
}

/// (label, surface) → count, of what was read back.
fn read_back(f: &Format, dir: &Path, out: Output) -> BTreeMap<(String, String), usize> {
    let mut files = Vec::new();
    match out {
        Output::File(s) => {
            let path = dir.join(format!("out.{}", f.extensions[0]));
            std::fs::write(&path, s).unwrap();
            files.push(path);
        }
        Output::Folder(fs) => {
            for (name, s) in fs {
                let path = dir.join(&name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, s).unwrap();
                // The files the format reads back (brat's .ann, not its .txt or .conf).
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if f.extensions.first() == Some(&ext) {
                    files.push(path);
                }
            }
        }
    }
    assert!(!files.is_empty(), "{}: nothing to read back", f.name);
    let mut got = BTreeMap::new();
    for file in files {
        let r = f
            .read(&file, &Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", f.name));
        for d in r.docs {
            let t = Text::new(d.text.text.clone());
            for s in d.spans {
                let surface = t.slice(s.range).expect("on the text").to_string();
                *got.entry((s.label, surface)).or_default() += 1;
            }
        }
    }
    got
}

#[test]
fn every_format_puts_every_span_back_on_its_text() {
    let p = project();
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (label, s, _) in SPANS {
        *want.entry(((*label).into(), (*s).into())).or_default() += 1;
    }
    let mut checked = Vec::new();
    for f in FORMATS {
        if f.import.is_none() || f.export.is_none() || !f.holds.spans {
            continue;
        }
        if NOT_SPANS.iter().any(|(n, _)| *n == f.name) {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let built = f
            .build(&p, &Options::default(), &mut |_, _| true)
            .unwrap_or_else(|e| panic!("{}: {e}", f.name))
            .expect("not cancelled");
        assert_eq!(built.spans, SPANS.len(), "{}: spans written", f.name);
        let got = read_back(f, tmp.path(), built.output);
        assert_eq!(got, want, "{}: what came back", f.name);
        checked.push(f.name);
    }
    eprintln!("round-tripped: {}", checked.join(", "));
    assert!(checked.len() >= 3, "{checked:?}");
}
