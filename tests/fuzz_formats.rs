//! Fuzzing every registered importer through the registry, so a format added later is
//! fuzzed without a line more: arbitrary bytes, and its own export of a hard corpus (CRLF,
//! full-width, 😀, 👨‍👩‍👧, 𠮷, nested spans) mutated (bytes flipped, inserted, deleted, the file
//! cut, digits changed). Whatever comes in, reading must not panic, an error must name the
//! file, what is read must put every span inside its text, and every error and problem line
//! must read in Chinese for the Chinese window (not the English copied over).
//!
//! `BIAOZHU_FUZZ_CASES` cases per format and kind (256 by default).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use biaozhu::format::{FORMATS, Format, Options, Output};
use biaozhu::i18n::Said;
use biaozhu::model::{
    CharRange, DocMeta, DocStatus, Document, Layer, Project, Span, SpanId, SpanKind, Text,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const TEXT: &str = "【本报北京10月24日电】𠮷野家😀在北京开店。\r\n全国总工会今天召开推进会，86个县区参加。ＡＢＣ公司\r\n👨‍👩‍👧一家在上海。\n";

fn cases() -> u32 {
    std::env::var("BIAOZHU_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn project() -> Project {
    let chars: Vec<char> = TEXT.chars().collect();
    let find = |s: &str| {
        let n: Vec<char> = s.chars().collect();
        let at = (0..chars.len())
            .find(|&k| chars[k..].starts_with(&n))
            .expect("in the text");
        CharRange::new(at as u32, (at + n.len()) as u32)
    };
    let spans = [
        ("北京", "LOC"),
        ("𠮷野家", "ORG"),
        ("全国总工会", "ORG"),
        ("全国", "LOC"),
        ("86个", "QUANTITY"),
        ("ＡＢＣ公司", "ORG"),
        ("上海", "LOC"),
    ]
    .iter()
    .enumerate()
    .map(|(k, (s, l))| Span::new(SpanId(k as u32 + 1), find(s), SpanKind::Entity, *l))
    .collect();
    let mut p = Project::new("fuzz", "main");
    p.documents.push(Document {
        meta: DocMeta {
            id: "d".into(),
            published: None,
            imported_from: None,
        },
        text: Text::new(TEXT),
        layer: Layer::from_parts(spans, Vec::new(), DocStatus::Done, 1, 1),
    });
    p
}

/// The format's own export: the files it reads back, as (relative name, bytes), and the
/// companions written beside them (brat's .txt).
fn seeds(f: &Format) -> Vec<(String, Vec<u8>)> {
    let Some(Ok(Some(built))) = f
        .export
        .map(|_| f.build(&project(), &Options::default(), &mut |_, _| true))
    else {
        return Vec::new();
    };
    match built.output {
        Output::File(s) => vec![(format!("seed.{}", f.extensions[0]), s.into_bytes())],
        Output::Folder(fs) => fs.into_iter().map(|(n, s)| (n, s.into_bytes())).collect(),
    }
}

/// Read `bytes` as `f` from `dir/name` (with `companions` written beside it first): no panic,
/// an error names the file, spans lie inside their text.
fn check(
    f: &Format,
    dir: &Path,
    name: &str,
    bytes: &[u8],
    companions: &[(String, Vec<u8>)],
) -> Result<(), String> {
    for (n, b) in companions {
        let p = dir.join(n);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&p, b).map_err(|e| e.to_string())?;
    }
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    let got = catch_unwind(AssertUnwindSafe(|| f.read(&path, &Options::default())));
    match got {
        Err(_) => Err(format!("{}: panicked on {name}", f.name)),
        Ok(Err(e)) => {
            if e.to_string().is_empty() {
                return Err(format!("{}: an empty error", f.name));
            }
            untranslated(&e.message).map_or(Ok(()), |m| Err(format!("{}: {m}", f.name)))
        }
        Ok(Ok(r)) => {
            if let Some(m) = r.problems.iter().find_map(untranslated) {
                return Err(format!("{}: {m}", f.name));
            }
            for d in r.docs {
                let t = Text::new(d.text.text.clone());
                for s in d.spans {
                    if s.range.end > t.len_chars() || s.range.start > s.range.end {
                        return Err(format!(
                            "{}: span {:?} outside its text of {}",
                            f.name,
                            s.range,
                            t.len_chars()
                        ));
                    }
                }
            }
            Ok(())
        }
    }
}

/// Whether `s` holds a CJK ideograph or CJK punctuation.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        let u = c as u32;
        (0x4E00..=0x9FFF).contains(&u)
            || (0x3000..=0x303F).contains(&u)
            || (0xFF00..=0xFFEF).contains(&u)
    })
}

/// What is wrong with a message's Chinese, if anything: none at all, or the English copied
/// into it (`Said::verbatim` of words a person reads).
fn untranslated(s: &Said) -> Option<String> {
    if !has_cjk(&s.zh) {
        return Some(format!("no Chinese in {:?}", s.zh));
    }
    if s.zh == s.en && s.en.chars().filter(|c| c.is_ascii_alphabetic()).count() > 8 {
        return Some(format!("the Chinese is the English: {:?}", s.zh));
    }
    None
}

fn importers() -> Vec<&'static Format> {
    FORMATS
        .iter()
        .copied()
        .filter(|f| f.import.is_some())
        .collect()
}

#[test]
fn arbitrary_bytes_never_panic_any_importer() {
    let n = cases();
    for f in importers() {
        let mut runner = TestRunner::new(Config {
            cases: n,
            failure_persistence: None,
            ..Config::default()
        });
        let tmp = tempfile::tempdir().expect("tempdir");
        let name = format!("x.{}", f.extensions[0]);
        // brat reads a .txt beside the .ann.
        let companions = vec![("x.txt".to_string(), TEXT.as_bytes().to_vec())];
        let r = runner.run(&proptest::collection::vec(any::<u8>(), 0..400), |bytes| {
            check(f, tmp.path(), &name, &bytes, &companions).map_err(TestCaseError::fail)
        });
        assert!(r.is_ok(), "{}: {r:?}", f.name);
    }
    eprintln!(
        "fuzzed {} importers with {n} arbitrary files each",
        importers().len()
    );
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Cut(usize),
    Digit(usize, u8),
}

fn mutate(b: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut b = b.to_vec();
    for m in muts {
        if b.is_empty() {
            break;
        }
        let at = |i: usize, len: usize| i % len.max(1);
        match *m {
            Mutation::Flip(i, x) => {
                let i = at(i, b.len());
                b[i] ^= x | 1;
            }
            Mutation::Insert(i, x) => {
                let i = at(i, b.len() + 1);
                b.insert(i, x);
            }
            Mutation::Delete(i) => {
                let i = at(i, b.len());
                b.remove(i);
            }
            Mutation::Cut(i) => {
                let i = at(i, b.len());
                b.truncate(i);
            }
            Mutation::Digit(i, d) => {
                // Change a digit: offsets and counts are where parsers go wrong.
                let digits: Vec<usize> = (0..b.len()).filter(|&k| b[k].is_ascii_digit()).collect();
                if !digits.is_empty() {
                    let k = digits[i % digits.len()];
                    b[k] = b'0' + d % 10;
                }
            }
        }
    }
    b
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, x)| Mutation::Insert(i, x)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), any::<u8>()).prop_map(|(i, d)| Mutation::Digit(i, d)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, d)| Mutation::Digit(i, d)),
    ]
}

#[test]
fn mutated_exports_never_panic_any_importer() {
    let n = cases();
    let mut fuzzed = Vec::new();
    for f in importers() {
        let files = seeds(f);
        let ext = f.extensions[0];
        let Some((name, seed)) = files
            .iter()
            .find(|(n, _)| n.ends_with(&format!(".{ext}")))
            .cloned()
        else {
            continue;
        };
        let companions: Vec<(String, Vec<u8>)> =
            files.iter().filter(|(n, _)| *n != name).cloned().collect();
        let tmp = tempfile::tempdir().expect("tempdir");
        // The unchanged export reads.
        check(f, tmp.path(), &name, &seed, &companions).unwrap_or_else(|e| panic!("{e}"));
        let mut runner = TestRunner::new(Config {
            cases: n,
            failure_persistence: None,
            ..Config::default()
        });
        let r = runner.run(&proptest::collection::vec(mutation(), 1..6), |muts| {
            let bytes = mutate(&seed, &muts);
            check(f, tmp.path(), &name, &bytes, &companions).map_err(TestCaseError::fail)
        });
        assert!(r.is_ok(), "{}: {r:?}", f.name);
        fuzzed.push(f.name);
    }
    eprintln!(
        "fuzzed the mutated exports of {} with {n} cases each",
        fuzzed.join(", ")
    );
    assert!(fuzzed.len() >= 8, "{fuzzed:?}");
}
