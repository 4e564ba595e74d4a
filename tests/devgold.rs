//! The development gold of `tests/data/dev-gold/`: pages of real news from `../shared/dev/news/`
//! (People's Daily of 1 Jan 2001 and MSR news of the 1990s) with every figure (span, kind and
//! value) and the articles (start, kicker, headline, subhead, dateline, byline, captions),
//! annotated by hand after `docs/guidelines.md`. The gold holds offsets and values only; the
//! text is read from `../shared/dev/` at run time and must hash to the gold's `sha256`.
//!
//! Each page is in the `tune` or the `test` split. The recognisers were changed looking at the
//! tune pages only (`BIAOZHU_DEVGOLD=tune` prints their errors); the test pages are reported
//! as totals, and their errors are never printed. `cargo test --test devgold -- --nocapture`
//! prints the figures for both.

mod common;
use common::prf;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use biaozhu::zh::structure::{PartKind, analyse};
use biaozhu::zh::suggest;
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct Page {
    page: String,
    source: String,
    lines: [usize; 2],
    sha256: String,
    chars: usize,
    published: Option<String>,
    split: String,
    #[allow(dead_code)]
    layout: String,
    figures: Vec<Figure>,
    articles: Vec<Article>,
}

#[derive(Deserialize, Clone)]
struct Figure {
    start: u32,
    end: u32,
    text: String,
    label: String,
    number: Option<f64>,
    upper: Option<f64>,
    unit: Option<String>,
    qualifier: Option<String>,
    date: Option<String>,
    resolved: Option<String>,
}

#[derive(Deserialize)]
struct Article {
    start: u32,
    parts: Vec<Part>,
}

#[derive(Deserialize)]
struct Part {
    kind: String,
    start: u32,
    end: u32,
    text: String,
}

const LABELS: [&str; 7] = [
    "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "DURATION", "ORDINAL",
];
const QUALIFIERS: [&str; 4] = ["approx", "at_least", "at_most", "range"];
const PART_KINDS: [&str; 7] = [
    "kicker", "headline", "subhead", "dateline", "byline", "caption", "section",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn dev() -> PathBuf {
    root().join("../shared/dev")
}

fn pages() -> Vec<Page> {
    let dir = root().join("tests/data/dev-gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/dev-gold")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let s = std::fs::read_to_string(f).expect("gold file");
            serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

/// The page's text: its lines of the source file joined by `\n`, with a final `\n`.
fn text_of(p: &Page) -> String {
    let src = std::fs::read_to_string(dev().join(&p.source))
        .unwrap_or_else(|e| panic!("{}: {}: {e}", p.page, p.source));
    let lines: Vec<&str> = src.split('\n').collect();
    let mut t = lines[p.lines[0] - 1..p.lines[1]].join("\n");
    t.push('\n');
    t
}

fn slice(chars: &[char], s: u32, e: u32) -> String {
    chars[s as usize..e as usize].iter().collect()
}

/// The checker: the text is the one annotated, every offset lands on the stated text, figures
/// do not overlap, labels, qualifiers and part kinds are known, dates sit on DATE figures, a
/// range has an upper end, articles start at line starts in order and own their parts.
#[test]
fn the_dev_gold_is_consistent_with_its_texts() {
    let pages = pages();
    let mut figures = 0;
    let mut articles = 0;
    let mut by_split: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &pages {
        let t = text_of(p);
        let hash = format!("{:x}", Sha256::digest(t.as_bytes()));
        assert_eq!(
            hash, p.sha256,
            "{}: the text is not the one annotated",
            p.page
        );
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(chars.len(), p.chars, "{}", p.page);
        assert!(p.split == "tune" || p.split == "test", "{}", p.page);
        *by_split.entry(p.split.as_str()).or_default() += 1;
        let mut last_end = 0;
        for f in &p.figures {
            let w = format!("{} figure {}..{} {}", p.page, f.start, f.end, f.text);
            assert!(
                f.start < f.end && f.end as usize <= chars.len(),
                "{w}: range"
            );
            assert_eq!(slice(&chars, f.start, f.end), f.text, "{w}: text");
            assert!(f.start >= last_end, "{w}: overlaps the figure before");
            last_end = f.end;
            assert!(LABELS.contains(&f.label.as_str()), "{w}: label");
            if let Some(q) = &f.qualifier {
                assert!(QUALIFIERS.contains(&q.as_str()), "{w}: qualifier {q}");
                assert_eq!(q == "range", f.upper.is_some(), "{w}: range needs upper");
            }
            assert!(
                f.label == "DATE" || f.date.is_none() && f.resolved.is_none(),
                "{w}: a date on a {}",
                f.label
            );
            assert!(
                f.label == "DATE" || f.number.is_some(),
                "{w}: a {} without a number",
                f.label
            );
        }
        let mut prev: Option<u32> = None;
        for a in &p.articles {
            assert!(
                a.start == 0 || chars[a.start as usize - 1] == '\n',
                "{}: article at {} is not at a line start",
                p.page,
                a.start
            );
            assert!(
                prev.is_none_or(|s| s < a.start),
                "{}: articles out of order",
                p.page
            );
            prev = Some(a.start);
            for part in &a.parts {
                let w = format!("{} {} {}..{}", p.page, part.kind, part.start, part.end);
                assert!(PART_KINDS.contains(&part.kind.as_str()), "{w}: kind");
                assert!(part.start >= a.start, "{w}: before its article");
                assert_eq!(slice(&chars, part.start, part.end), part.text, "{w}: text");
            }
        }
        figures += p.figures.len();
        articles += p.articles.len();
    }
    println!(
        "dev gold: {} pages ({:?}), {figures} figures, {articles} articles",
        pages.len(),
        by_split
    );
    assert!(pages.len() >= 12, "at least 12 pages");
    assert!(figures >= 400, "at least 400 figures, {figures}");
    assert!(by_split.get("test").copied().unwrap_or(0) >= 6);
}

/// Span + label and span + value counts, and the resolved dates.
#[derive(Default)]
struct FigureScore {
    gold: usize,
    pred: usize,
    span: usize,
    value: usize,
    per: BTreeMap<String, (usize, usize, usize)>,
    dates: usize,
    dates_resolved: usize,
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        _ => false,
    }
}

fn score_figures(p: &Page, show: bool, sc: &mut FigureScore) {
    let t = text_of(p);
    let chars: Vec<char> = t.chars().collect();
    let gold: HashMap<(u32, u32, &str), &Figure> = p
        .figures
        .iter()
        .map(|f| ((f.start, f.end, f.label.as_str()), f))
        .collect();
    let pred = suggest::figures(&t, p.published.as_deref());
    sc.gold += gold.len();
    sc.pred += pred.len();
    for f in &p.figures {
        sc.per.entry(f.label.clone()).or_default().2 += 1;
    }
    for s in &pred {
        sc.per.entry(s.label.clone()).or_default().1 += 1;
        let surface = slice(&chars, s.range.start, s.range.end);
        let Some(g) = gold.get(&(s.range.start, s.range.end, s.label.as_str())) else {
            if show {
                println!(
                    "  {} not gold: {} {surface} «{}»",
                    p.page,
                    s.label,
                    slice(
                        &chars,
                        s.range.start.saturating_sub(6),
                        (s.range.end + 4).min(chars.len() as u32)
                    )
                    .replace('\n', "⏎")
                );
            }
            continue;
        };
        sc.span += 1;
        sc.per.entry(s.label.clone()).or_default().0 += 1;
        let Some(v) = &s.value else { continue };
        let same = close(v.number, g.number)
            && close(v.upper, g.upper)
            && v.unit == g.unit
            && v.qualifier.map(|q| q.as_str()) == g.qualifier.as_deref()
            && v.date == g.date;
        if same {
            sc.value += 1;
        } else if show {
            println!(
                "  {} value: {surface} gold {:?} {:?} {:?} {:?} {:?} got {:?} {:?} {:?} {:?} {:?}",
                p.page,
                g.number,
                g.upper,
                g.unit,
                g.qualifier,
                g.date,
                v.number,
                v.upper,
                v.unit,
                v.qualifier.map(|q| q.as_str()),
                v.date
            );
        }
        if g.resolved.is_some() {
            sc.dates += 1;
            if v.resolved == g.resolved {
                sc.dates_resolved += 1;
            } else if show {
                println!(
                    "  {} resolved: {surface} gold {:?} got {:?}",
                    p.page, g.resolved, v.resolved
                );
            }
        }
    }
    if show {
        for f in &p.figures {
            if !pred.iter().any(|s| {
                (s.range.start, s.range.end, s.label.as_str()) == (f.start, f.end, &f.label)
            }) {
                println!("  {} missed: {} {}", p.page, f.label, f.text);
            }
        }
    }
}

fn print_figures(name: &str, sc: &FigureScore) -> f64 {
    let (p1, r1, f1) = prf(sc.span, sc.pred, sc.gold);
    let (p2, r2, f2) = prf(sc.value, sc.pred, sc.gold);
    println!("figures, {name} ({} gold):", sc.gold);
    for (l, (tp, np, ng)) in &sc.per {
        let (a, b, c) = prf(*tp, *np, *ng);
        println!("  {l:<9} P {a:.3}  R {b:.3}  F1 {c:.3}  ({ng} gold)");
    }
    println!("  span + label:  P {p1:.3}  R {r1:.3}  F1 {f1:.3}");
    println!("  span + value:  P {p2:.3}  R {r2:.3}  F1 {f2:.3}");
    println!("  resolved dates: {} of {}", sc.dates_resolved, sc.dates);
    f2
}

/// Article starts, and the head parts (kicker, headline, subhead) by exact range.
#[derive(Default)]
struct StructureScore {
    gold: usize,
    pred: usize,
    starts: usize,
    heads: BTreeMap<&'static str, (usize, usize, usize)>,
}

/// The first 30 chars of the line starting at `start`, to show an article start.
fn line_at(chars: &[char], start: u32) -> String {
    chars[start as usize..]
        .iter()
        .take_while(|c| **c != '\n')
        .take(30)
        .collect()
}

fn score_structure(p: &Page, show: bool, sc: &mut StructureScore) {
    let t = text_of(p);
    let chars: Vec<char> = t.chars().collect();
    let st = analyse(&t);
    sc.gold += p.articles.len();
    sc.pred += st.articles.len();
    for a in &st.articles {
        if p.articles.iter().any(|g| g.start == a.start) {
            sc.starts += 1;
        } else if show {
            println!(
                "  {} not a start: {} {}",
                p.page,
                a.start,
                line_at(&chars, a.start)
            );
        }
    }
    if show {
        for g in &p.articles {
            if !st.articles.iter().any(|a| a.start == g.start) {
                println!(
                    "  {} missed start: {} {}",
                    p.page,
                    g.start,
                    line_at(&chars, g.start)
                );
            }
        }
    }
    for (name, kind) in [
        ("kicker", PartKind::Kicker),
        ("headline", PartKind::Headline),
        ("subhead", PartKind::Subhead),
    ] {
        let gold: Vec<(u32, u32)> = p
            .articles
            .iter()
            .flat_map(|a| a.parts.iter())
            .filter(|x| x.kind == name)
            // A part is compared without the spaces around it.
            .map(|x| {
                let lead = x.text.chars().take_while(|c| c.is_whitespace()).count() as u32;
                let trail = x
                    .text
                    .chars()
                    .rev()
                    .take_while(|c| c.is_whitespace())
                    .count() as u32;
                (x.start + lead, x.end - trail)
            })
            .collect();
        let pred: Vec<(u32, u32)> = st
            .articles
            .iter()
            .flat_map(|a| a.parts.iter())
            .filter(|x| x.kind == kind)
            .map(|x| (x.start, x.end))
            .collect();
        let tp = pred.iter().filter(|r| gold.contains(r)).count();
        let e = sc.heads.entry(name).or_default();
        e.0 += tp;
        e.1 += pred.len();
        e.2 += gold.len();
        if show {
            for r in pred.iter().filter(|r| !gold.contains(r)) {
                println!("  {} not a {name}: {}", p.page, slice(&chars, r.0, r.1));
            }
            for r in gold.iter().filter(|r| !pred.contains(r)) {
                println!("  {} missed {name}: {}", p.page, slice(&chars, r.0, r.1));
            }
        }
    }
}

fn print_structure(name: &str, sc: &StructureScore) -> (f64, f64) {
    let (p, r, f) = prf(sc.starts, sc.pred, sc.gold);
    println!("structure, {name} ({} articles):", sc.gold);
    println!("  article starts: P {p:.3}  R {r:.3}  F1 {f:.3}");
    for (k, (tp, np, ng)) in &sc.heads {
        let (a, b, c) = prf(*tp, *np, *ng);
        println!("  {k:<9} P {a:.3}  R {b:.3}  F1 {c:.3}  ({ng} gold)");
    }
    (p, r)
}

#[test]
fn figures_and_structure_on_the_dev_gold() {
    let tune = std::env::var("BIAOZHU_DEVGOLD").is_ok_and(|v| v == "tune");
    let pages = pages();
    let mut figs: BTreeMap<&str, FigureScore> = BTreeMap::new();
    let mut st: BTreeMap<&str, StructureScore> = BTreeMap::new();
    for p in &pages {
        // In tune mode only the tune pages are scored, with their errors; otherwise both
        // splits are scored and only totals are printed.
        if tune && p.split != "tune" {
            continue;
        }
        let show = tune;
        let split = if p.split == "tune" { "tune" } else { "test" };
        score_figures(p, show, figs.entry(split).or_default());
        score_structure(p, show, st.entry(split).or_default());
    }
    let mut value_f1 = BTreeMap::new();
    let mut starts = BTreeMap::new();
    for (split, sc) in &figs {
        value_f1.insert(*split, print_figures(split, sc));
    }
    for (split, sc) in &st {
        starts.insert(*split, print_structure(split, sc));
    }
    if tune {
        return;
    }
    let f = value_f1.get("test").copied().unwrap_or(0.0);
    assert!(
        f >= FIGURE_VALUE_F1_FLOOR,
        "figure value F1 on the test pages {f:.3}"
    );
    let (p, r) = starts.get("test").copied().unwrap_or((0.0, 0.0));
    assert!(
        p >= START_P_FLOOR && r >= START_R_FLOOR,
        "article starts on the test pages P {p:.3} R {r:.3}"
    );
}

/// What the recognisers reach on the test pages, measured after the tuning (span + value
/// F1 0.959 in session 12, 0.952 in session 11, from 0.946; article starts P 0.877 R 0.985,
/// P 0.928 R 0.985 with session 19's section headings):
/// a regression below fails. Issue #14's figure goal (F1 ≥ 0.95) is reached; every article
/// start found is not.
const FIGURE_VALUE_F1_FLOOR: f64 = 0.95;
const START_P_FLOOR: f64 = 0.91;
const START_R_FLOOR: f64 = 0.96;
