//! Event-trigger suggestions measured on DuEE 1.0 (`../shared/dev/events/`), span + event
//! type: the lexicon learns from the first 400 records and is scored on the last 100, against
//! the plain lexicon (each trigger word's most frequent type at every occurrence).
//!
//! The trigger tagger ([`TriggerTagger`], a CRF trained on the same records) adds the spans
//! it finds that the lexicon does not know.
//!
//! The least share ([`MIN_SHARE`]) and the tagger's least probability were chosen with
//! `BIAOZHU_DUEE=tune`: learning from records 0-299 and scoring 300-399. The last 100
//! records were only scored, never looked at. `BIAOZHU_DUEE=folds` scores four folds over
//! records 0-399 instead (the share filter P 0.737 R 0.642; with the tagger P 0.716 R 0.699;
//! with session 12's thesaurus of event words P 0.738 R 0.776), a steadier figure to tune on
//! than one split of 100. The thesaurus' words were kept or dropped on the folds only. The
//! folds also print each fold's figures and the recall of every candidate the suggestions
//! choose from, which bounds what any choice among them can reach.
//! `cargo test --test triggers_duee -- --nocapture` prints the figures.

mod common;
use common::prf;
#[path = "support/duee_records.rs"]
mod duee_records;

use std::collections::BTreeSet;

use biaozhu::learn::triggers::{MIN_PROBABILITY, TriggerTagger};
use biaozhu::model::{CharRange, Schema};
use biaozhu::zh::segment::Segmenter;
use biaozhu::zh::triggers::{LIKELY_AS_THE_BEST, Learning, Learnt, MIN_SHARE, TriggerLexicon};

/// A record: its text and its events' (trigger range, type).
type Record = (String, Vec<(CharRange, String)>);

fn records() -> Vec<Record> {
    duee_records::triggers_of(&duee_records::records())
}

/// DuEE's event types, with no entity labels.
fn schema() -> Schema {
    Schema {
        labels: Vec::new(),
        events: duee_records::event_types().expect("the DuEE schema in ../shared/dev"),
    }
}

/// How the trigger tagger joins the lexicon in [`score`].
#[derive(Clone, Copy)]
struct Join<'a> {
    tagger: &'a TriggerTagger,
    /// The least probability of its spans.
    min_probability: f64,
    /// Whether it weighs a type's mentions in a sentence against each other.
    weighed: bool,
}

/// (tp, predicted, gold) of span + type over `test`, learning from `learn`; with `join`, the
/// trigger tagger's spans join the lexicon's. With `BIAOZHU_DUEE_DUMP` and `may_dump` (a
/// tuning part, never records 400-499), the errors are listed.
fn score(
    learn: &[Record],
    test: &[Record],
    min_share: f64,
    join: Option<Join<'_>>,
    may_dump: bool,
) -> (usize, usize, usize) {
    let tagger = join.map(|j| j.tagger);
    let min_probability = join.map_or(MIN_PROBABILITY, |j| j.min_probability);
    let weighed = join.is_some_and(|j| j.weighed);
    let seg = Segmenter::new();
    let schema = schema();
    let docs: Vec<Learnt<'_>> = learn.iter().map(|(t, e)| (t.as_str(), e.clone())).collect();
    let lex = TriggerLexicon::learn(&seg, &schema, &docs);
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    for (text, events) in test {
        let g: BTreeSet<(u32, u32, String)> = events
            .iter()
            .map(|(r, t)| (r.start, r.end, t.clone()))
            .collect();
        let reading = tagger.map(|t| t.reading(&seg, text));
        let mut view = reading
            .as_ref()
            .map(|r| r.view(&seg, min_probability))
            .unwrap_or_default();
        if !weighed {
            view.weigh = None;
        }
        let sugg = lex.suggest_with(&seg, &schema, text, &[], min_share, &view);
        let p: BTreeSet<(u32, u32, String)> = sugg
            .into_iter()
            .map(|s| (s.range.start, s.range.end, s.event_type))
            .collect();
        if may_dump
            && std::env::var("BIAOZHU_DUEE_DUMP").is_ok()
            && min_share == MIN_SHARE
            && tagger.is_some()
            && min_probability == MIN_PROBABILITY
            && weighed
        {
            let chars: Vec<char> = text.chars().collect();
            let sf = |x: &(u32, u32, String)| -> String {
                chars[x.0 as usize..x.1 as usize].iter().collect()
            };
            // Twelve chars either side, the span in brackets.
            let around = |x: &(u32, u32, String)| -> String {
                let (s, e) = (x.0 as usize, x.1 as usize);
                let before: String = chars[s.saturating_sub(12)..s].iter().collect();
                let after: String = chars[e..(e + 12).min(chars.len())].iter().collect();
                format!("{before}[{}]{after}", sf(x))
            };
            // A wrong type at the right place is said as such, once.
            let typed_wrong = |x: &(u32, u32, String), other: &BTreeSet<(u32, u32, String)>| {
                other.iter().any(|y| y.0 == x.0 && y.1 == x.1)
            };
            for x in p.difference(&g) {
                match g.iter().find(|y| y.0 == x.0 && y.1 == x.1) {
                    Some(y) => println!("    TYPE {} {} (gold {})", sf(x), x.2, y.2),
                    None => println!("    FP {} {} | {}", sf(x), x.2, around(x)),
                }
            }
            for x in g.difference(&p) {
                if !typed_wrong(x, &p) {
                    println!("    FN {} {} | {}", sf(x), x.2, around(x));
                }
            }
        }
        tp += p.intersection(&g).count();
        pred += p.len();
        gold += g.len();
    }
    (tp, pred, gold)
}

#[test]
fn trigger_suggestions_on_unseen_duee_records() {
    let all = records();
    assert_eq!(all.len(), 500);
    let tune = std::env::var("BIAOZHU_DUEE").is_ok_and(|v| v == "tune");
    let (learn, test, what) = if tune {
        (
            &all[..300],
            &all[300..400],
            "records 300-399, learnt from 0-299 (tuning)",
        )
    } else {
        (
            &all[..400],
            &all[400..],
            "records 400-499, learnt from 0-399",
        )
    };
    println!("trigger suggestions on DuEE {what}, span + type:");
    let shares: Vec<f64> = if tune {
        vec![0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    } else {
        vec![0.0, MIN_SHARE]
    };
    let mut lexicon = (0.0, 0.0, 0.0);
    for s in shares {
        let (tp, p, g) = score(learn, test, s, None, tune);
        let f = prf(tp, p, g);
        let name = if s == 0.0 {
            "plain lexicon"
        } else {
            "share filter"
        };
        println!(
            "  {name} (least share {s:.1}): P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
            f.0, f.1, f.2
        );
        if s == MIN_SHARE {
            lexicon = f;
        }
    }
    // The trigger tagger trained on the same records, its spans joining the share filter's.
    let seg = Segmenter::new();
    let learning = Learning::from_texts(learn.to_vec());
    let started = std::time::Instant::now();
    let tagger = TriggerTagger::train(&seg, &learning, &mut || true).expect("a trigger tagger");
    let trained = started.elapsed().as_secs_f64();
    let join = |weighed| Join {
        tagger: &tagger,
        min_probability: MIN_PROBABILITY,
        weighed,
    };
    let (tp, p, g) = score(learn, test, MIN_SHARE, Some(join(false)), tune);
    let f = prf(tp, p, g);
    println!(
        "  share filter + trigger tagger (least probability {MIN_PROBABILITY}): P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold; trained in {trained:.1} s)",
        f.0, f.1, f.2
    );
    let (tp, p, g) = score(learn, test, MIN_SHARE, Some(join(true)), tune);
    let ours = prf(tp, p, g);
    println!(
        "  and a type's mentions in a sentence weighed (least share of the likeliest {LIKELY_AS_THE_BEST}): P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        ours.0, ours.1, ours.2
    );
    if tune {
        return;
    }
    assert!(
        lexicon.0 >= LEXICON_FLOOR_P && lexicon.1 >= LEXICON_FLOOR_R,
        "the share filter fell to P {:.3} R {:.3}",
        lexicon.0,
        lexicon.1
    );
    // What the filter reaches on the unseen records, less a little: a regression fails.
    assert!(
        ours.0 >= FLOOR_P,
        "precision {:.3} fell below {FLOOR_P}",
        ours.0
    );
    assert!(
        ours.1 >= FLOOR_R,
        "recall {:.3} fell below {FLOOR_R}",
        ours.1
    );
}

/// Floors below what the share filter alone measured on records 400-499 (P 0.701, R 0.661
/// with session 12's thesaurus of event words; P 0.733, R 0.621 before; the plain lexicon
/// P 0.630, R 0.685).
const LEXICON_FLOOR_P: f64 = 0.68;
const LEXICON_FLOOR_R: f64 = 0.62;
/// Floors for the share filter with the trigger tagger, below what it measured on records
/// 400-499 (P 0.757, R 0.677, F1 0.715 with session 38's weighing of a type's mentions in a
/// sentence; P 0.705, R 0.694, F1 0.699 with session 29's feature set of its own, without the
/// sport flag; P 0.702, R 0.685, F1 0.694 with session 28's feature versions 16 and 17, one
/// trigger fewer; P 0.705, R 0.694, F1 0.699 with session 27's feature version 15; P 0.702,
/// R 0.685, F1 0.694 with its version 14, one trigger more than with session 26's; the same
/// with session 21's rules in the tagger's features;
/// P 0.705, R 0.694, F1 0.699 with session 20's; P 0.702, R 0.685, F1 0.694 with session
/// 18's rules and tags in the tagger's
/// features; P 0.700, R 0.677, F1 0.689 with session 17's corrected POS tags; P 0.705, R 0.694, F1 0.699 with the thesaurus; P 0.734, R 0.645, F1 0.687
/// before). Issue #14's goal, P ≥ 0.75 at R ≥ 0.75, is not reached.
const FLOOR_P: f64 = 0.73;
const FLOOR_R: f64 = 0.66;

/// Tuning only (`BIAOZHU_DUEE=folds`): four folds over records 0-399 (learn from three
/// quarters, score the fourth), summed, for the share filter alone and with the trigger tagger
/// at several least probabilities. Records 400-499 are not read.
#[test]
fn trigger_tuning_by_folds_over_the_first_400_records() {
    if !std::env::var("BIAOZHU_DUEE").is_ok_and(|v| v == "folds") {
        return;
    }
    let all = records();
    let first: Vec<Record> = all[..400].to_vec();
    let seg = Segmenter::new();
    let probs = [0.3, 0.5, 0.7, 0.9];
    let mut lex = (0, 0, 0);
    let mut ceiling = (0, 0, 0);
    // Per least probability: not weighed, then weighed.
    let mut with = vec![(0, 0, 0); 2 * probs.len()];
    for k in 0..4 {
        let test: Vec<Record> = first[k * 100..(k + 1) * 100].to_vec();
        let learn: Vec<Record> = first[..k * 100]
            .iter()
            .chain(&first[(k + 1) * 100..])
            .cloned()
            .collect();
        let add = |a: &mut (usize, usize, usize), b: (usize, usize, usize)| {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        };
        add(&mut lex, score(&learn, &test, MIN_SHARE, None, true));
        let tagger = TriggerTagger::train(&seg, &Learning::from_texts(learn.clone()), &mut || true)
            .expect("a tagger");
        add(&mut ceiling, candidates_found(&seg, &learn, &test, &tagger));
        for (j, p) in probs.iter().enumerate() {
            for (w, weighed) in [false, true].into_iter().enumerate() {
                let join = Join {
                    tagger: &tagger,
                    min_probability: *p,
                    weighed,
                };
                let c = score(&learn, &test, MIN_SHARE, Some(join), true);
                if *p == MIN_PROBABILITY && weighed {
                    let f = prf(c.0, c.1, c.2);
                    println!(
                        "  fold {k} (records {}-{}): P {:.3} R {:.3} F1 {:.3} ({} of {}, {} gold)",
                        k * 100,
                        k * 100 + 99,
                        f.0,
                        f.1,
                        f.2,
                        c.0,
                        c.1,
                        c.2
                    );
                }
                add(&mut with[2 * j + w], c);
            }
        }
    }
    let show = |name: String, c: (usize, usize, usize)| {
        let f = prf(c.0, c.1, c.2);
        println!("  {name}: P {:.3} R {:.3} F1 {:.3}", f.0, f.1, f.2);
    };
    println!("trigger suggestions, 4 folds over DuEE records 0-399:");
    show(format!("share filter {MIN_SHARE}"), lex);
    show(
        format!("every candidate (any share, tagged spans of {CANDIDATE_PROBABILITY} or more)"),
        ceiling,
    );
    for (j, p) in probs.iter().enumerate() {
        show(
            format!("with the tagger, least probability {p}"),
            with[2 * j],
        );
        show(
            format!("  and a type's mentions in a sentence weighed ({LIKELY_AS_THE_BEST})"),
            with[2 * j + 1],
        );
    }
}

/// The least probability of the tagger's spans counted as candidates in [`candidates_found`].
const CANDIDATE_PROBABILITY: f64 = 0.02;

/// (tp, candidates, gold) over `test` for every candidate the suggestions choose from: each
/// occurrence of a lexicon word whatever its share, with its most frequent type, and each span
/// of the tagger's path of [`CANDIDATE_PROBABILITY`] or more that overlaps none, with the type
/// its word gets. Its recall bounds what any choice among them can reach.
fn candidates_found(
    seg: &Segmenter,
    learn: &[Record],
    test: &[Record],
    tagger: &TriggerTagger,
) -> (usize, usize, usize) {
    let schema = schema();
    let docs: Vec<Learnt<'_>> = learn.iter().map(|(t, e)| (t.as_str(), e.clone())).collect();
    let lex = TriggerLexicon::learn(seg, &schema, &docs);
    let (mut tp, mut n, mut gold) = (0, 0, 0);
    for (text, events) in test {
        let chars: Vec<char> = text.chars().collect();
        let mut found: BTreeSet<(u32, u32, String)> = lex
            .suggest_with_share(seg, &schema, text, &[], 0.0)
            .into_iter()
            .map(|s| (s.range.start, s.range.end, s.event_type))
            .collect();
        for (r, _) in tagger.spans_above(seg, text, CANDIDATE_PROBABILITY) {
            if found.iter().any(|o| o.0 < r.end && r.start < o.1) {
                continue;
            }
            let w: String = chars[r.start as usize..r.end as usize].iter().collect();
            if let Some(ty) = lex.type_of(&w) {
                found.insert((r.start, r.end, ty));
            }
        }
        let g: BTreeSet<(u32, u32, String)> = events
            .iter()
            .map(|(r, t)| (r.start, r.end, t.clone()))
            .collect();
        tp += found.intersection(&g).count();
        n += found.len();
        gold += g.len();
    }
    (tp, n, gold)
}
