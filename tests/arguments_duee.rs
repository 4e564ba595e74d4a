//! Argument suggestions measured on DuEE 1.0 (`../shared/dev/events/`): the roles of DuEE's
//! schema accept any span, so a suggested event's arguments come from what each role's name
//! reads as (`zh::roles`: 时间 a date, 地点 a place, 死者 a person…) among the rules' entity
//! and figure suggestions in the trigger's sentence. Scored as role + exact span:
//! - given each gold trigger and type (what the arguments add to a right trigger);
//! - end to end, over the events the trigger suggestions (the lexicon learnt from records
//!   0-399, without the trigger tagger) propose: (type, role, span).
//!
//! What the learnt records' arguments show of each role (`zh::roles::RoleEvidence`: the labels
//! they bore, their side of the trigger) joins the names once a role has three arguments.
//! The argument tagger (`learn::arguments`, a CRF given the trigger, learnt from the same
//! records) is scored too: its spans first, then the rules' picks for the roles it left empty.
//! The role names were read on records 0-399 (`BIAOZHU_ARGS=tune` scores four folds over them
//! and 300-399 learnt from 0-299 and, with
//! `BIAOZHU_ARGS_DUMP=1`, counts per role what was found and missed, `BIAOZHU_ARGS_ROLE=时间`
//! lists one role's wrong and missed spans with the candidates over them); records 400-499 are
//! only scored. `cargo test --test arguments_duee -- --nocapture` prints the figures.

mod common;
use common::prf;
#[path = "support/duee_records.rs"]
mod duee_records;
use duee_records::{Record, arguments_of, learning, records, schema};

use std::collections::{BTreeMap, BTreeSet};

use biaozhu::learn::arguments::ArgumentTagger;
use biaozhu::learn::triggers::{MIN_PROBABILITY, TriggerTagger};
use biaozhu::model::{CharRange, Schema};
use biaozhu::zh::roles::RoleEvidence;
use biaozhu::zh::segment::Segmenter;
use biaozhu::zh::triggers::MIN_SHARE;

/// The argument tagger learnt from `recs`' events.
fn argument_tagger(seg: &Segmenter, recs: &[Record]) -> ArgumentTagger {
    ArgumentTagger::train(seg, &learning(recs), &mut || true).expect("an argument tagger")
}

/// The rules' entity and figure suggestions of a text, as (range, label).
fn nearby(seg: &Segmenter, text: &str) -> Vec<(CharRange, String)> {
    let mut n: Vec<(CharRange, String)> = biaozhu::zh::suggest::entities(seg, text)
        .into_iter()
        .chain(biaozhu::zh::suggest::figures(text, None))
        .map(|s| (s.range, s.label))
        .collect();
    n.sort();
    n.dedup();
    n
}

/// What `recs`' arguments show of each role.
fn evidence(seg: &Segmenter, schema: &Schema, recs: &[Record]) -> RoleEvidence {
    let texts: Vec<&str> = recs.iter().map(|(t, _)| t.as_str()).collect();
    RoleEvidence::learn(seg, schema, &texts, &arguments_of(recs))
}

/// The sentence of `text` holding `r` (the whole text if none does).
fn sentence_of(text: &str, r: CharRange) -> CharRange {
    biaozhu::zh::sentences::split(text)
        .into_iter()
        .find(|s| s.start <= r.start && r.end <= s.end)
        .unwrap_or(CharRange::new(0, u32::MAX))
}

/// The char-overlap F1 of two ranges (DuEE's own measure of an argument: a suggested span
/// that holds the head of a longer gold phrase counts in part).
fn overlap_f1(a: CharRange, b: CharRange) -> f64 {
    let common = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        f64::from(common) / f64::from(a.end - a.start),
        f64::from(common) / f64::from(b.end - b.start),
    );
    2.0 * p * r / (p + r)
}

/// What [`given_triggers`] counts.
struct Given {
    /// (tp, predicted, gold) of role + exact span.
    exact: (usize, usize, usize),
    /// The sum over suggested arguments of the best char-overlap F1 with a gold argument of
    /// the same role and event.
    soft: f64,
    /// Per role, (tp, predicted, gold) of role + exact span.
    per_role: BTreeMap<String, (usize, usize, usize)>,
}

impl Given {
    /// P, R and F1 by char overlap: the overlap summed over the suggested and the gold counts.
    fn by_overlap(&self) -> (f64, f64, f64) {
        let (_, p, g) = self.exact;
        let (sp, sr) = (self.soft / p.max(1) as f64, self.soft / g.max(1) as f64);
        let sf = if sp + sr > 0.0 {
            2.0 * sp * sr / (sp + sr)
        } else {
            0.0
        };
        (sp, sr, sf)
    }
}

/// Arguments scored given the gold triggers and types, with what `evidence` learnt, and the
/// argument tagger's spans first when there is one (as the suggestions take them).
fn given_triggers(
    seg: &Segmenter,
    schema: &Schema,
    recs: &[Record],
    evidence: &RoleEvidence,
) -> Given {
    given_triggers_with(seg, schema, recs, evidence, None)
}

/// [`given_triggers`], with an argument tagger.
fn given_triggers_with(
    seg: &Segmenter,
    schema: &Schema,
    recs: &[Record],
    evidence: &RoleEvidence,
    tagger: Option<&ArgumentTagger>,
) -> Given {
    let mut all = (0, 0, 0);
    let mut soft = 0.0;
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (text, events) in recs {
        let chars: Vec<char> = text.chars().collect();
        let near = biaozhu::zh::roles::with_time_expressions(seg, schema, text, &nearby(seg, text));
        for (trigger, ty, gold) in events {
            let picked = biaozhu::zh::roles::arguments(
                schema,
                ty,
                *trigger,
                sentence_of(text, *trigger),
                &chars,
                &near,
                evidence,
            );
            let mut got = match tagger {
                Some(t) => biaozhu::zh::roles::tagged_arguments(
                    schema,
                    ty,
                    t.arguments(seg, &chars, *trigger, ty),
                    &near,
                ),
                None => Vec::new(),
            };
            for (role, x, label) in picked {
                if !got
                    .iter()
                    .any(|(o, y, _)| *o == role || (y.start < x.end && x.start < y.end))
                {
                    got.push((role, x, label));
                }
            }
            let p: BTreeSet<(String, CharRange)> =
                got.into_iter().map(|(role, r, _)| (role, r)).collect();
            let g: BTreeSet<(String, CharRange)> = gold.iter().cloned().collect();
            if let Ok(want) = std::env::var("BIAOZHU_ARGS_ROLE")
                && std::env::var("BIAOZHU_ARGS").is_ok_and(|v| v == "tune")
            {
                let sf = |r: &CharRange| -> String {
                    chars[r.start as usize..(r.end as usize).min(chars.len())]
                        .iter()
                        .collect()
                };
                let gs: Vec<String> = g.iter().filter(|x| x.0 == want).map(|x| sf(&x.1)).collect();
                for x in p.iter().filter(|x| x.0 == want && !g.contains(x)) {
                    println!(
                        "      WRONG {} (gold {:?}) trigger {}",
                        sf(&x.1),
                        gs,
                        sf(trigger)
                    );
                }
                for x in g.iter().filter(|x| x.0 == want && !p.contains(x)) {
                    let cands: Vec<String> = near
                        .iter()
                        .filter(|(a, _)| a.start < x.1.end && x.1.start < a.end)
                        .map(|(a, l)| format!("{}:{l}", sf(a)))
                        .collect();
                    println!("      MISSED {} cands {:?}", sf(&x.1), cands);
                }
            }
            all.0 += p.intersection(&g).count();
            all.1 += p.len();
            all.2 += g.len();
            for (role, r) in &p {
                soft += g
                    .iter()
                    .filter(|(gr, _)| gr == role)
                    .map(|(_, x)| overlap_f1(*r, *x))
                    .fold(0.0, f64::max);
            }
            for (role, _) in &p {
                per.entry(role.clone()).or_default().1 += 1;
            }
            for (role, r) in &g {
                let e = per.entry(role.clone()).or_default();
                e.2 += 1;
                if p.contains(&(role.clone(), *r)) {
                    e.0 += 1;
                }
            }
        }
    }
    Given {
        exact: all,
        soft,
        per_role: per,
    }
}

/// (tp, predicted, gold) of (type, role, span) over the events the lexicon learnt from
/// `learn` (its triggers and arguments) suggests on `test`; with `tagger`, joined by the
/// trigger tagger and its argument tagger, as a project's suggestions are.
fn end_to_end(
    seg: &Segmenter,
    schema: &Schema,
    learn: &[Record],
    test: &[Record],
    tagger: Option<&TriggerTagger>,
) -> (usize, usize, usize) {
    let lex = learning(learn).learn(seg, schema);
    let mut c = (0, 0, 0);
    for (text, events) in test {
        let near = nearby(seg, text);
        let reading = tagger.map(|t| t.reading(seg, text));
        let view = reading
            .as_ref()
            .map(|r| r.view(seg, MIN_PROBABILITY))
            .unwrap_or_default();
        let sugg = lex.suggest_with(seg, schema, text, &near, MIN_SHARE, &view);
        let p: BTreeSet<(String, String, CharRange)> = sugg
            .into_iter()
            .flat_map(|t| {
                let ty = t.event_type.clone();
                t.args
                    .into_iter()
                    .map(move |(role, r, _)| (ty.clone(), role, r))
            })
            .collect();
        let g: BTreeSet<(String, String, CharRange)> = events
            .iter()
            .flat_map(|(_, ty, args)| {
                args.iter()
                    .map(move |(role, r)| (ty.clone(), role.clone(), *r))
            })
            .collect();
        c.0 += p.intersection(&g).count();
        c.1 += p.len();
        c.2 += g.len();
    }
    c
}

#[test]
fn argument_suggestions_on_duee_records() {
    let all = records();
    assert_eq!(all.len(), 500);
    let tune = std::env::var("BIAOZHU_ARGS").is_ok_and(|v| v == "tune");
    let (learn, test, what) = if tune {
        (
            &all[..300],
            &all[300..400],
            "records 300-399, learnt from 0-299 (the role names were read on 0-399)",
        )
    } else {
        (
            &all[..400],
            &all[400..],
            "records 400-499 (never read), learnt from 0-399",
        )
    };
    let seg = Segmenter::new();
    let schema = schema();
    if tune {
        // Four folds over records 0-399: learn from three quarters, score the fourth.
        let (mut a, mut b, mut c) = ((0, 0, 0), (0, 0, 0), (0, 0, 0));
        for k in 0..4 {
            let part = &all[k * 100..(k + 1) * 100];
            let rest: Vec<Record> = all[..k * 100]
                .iter()
                .chain(&all[(k + 1) * 100..400])
                .cloned()
                .collect();
            let x = given_triggers(&seg, &schema, part, &RoleEvidence::default()).exact;
            let ev = evidence(&seg, &schema, &rest);
            let y = given_triggers(&seg, &schema, part, &ev).exact;
            let t = argument_tagger(&seg, &rest);
            let z = given_triggers_with(&seg, &schema, part, &ev, Some(&t)).exact;
            a = (a.0 + x.0, a.1 + x.1, a.2 + x.2);
            b = (b.0 + y.0, b.1 + y.1, b.2 + y.2);
            c = (c.0 + z.0, c.1 + z.1, c.2 + z.2);
        }
        let (fa, fb, fc) = (prf(a.0, a.1, a.2), prf(b.0, b.1, b.2), prf(c.0, c.1, c.2));
        println!(
            "four folds over records 0-399, given the gold triggers: by name P {:.3} R {:.3} F1 {:.3}, with evidence P {:.3} R {:.3} F1 {:.3}, with the argument tagger P {:.3} R {:.3} F1 {:.3}",
            fa.0, fa.1, fa.2, fb.0, fb.1, fb.2, fc.0, fc.1, fc.2
        );
    }
    println!("argument suggestions on DuEE {what}, role + exact span:");
    let by_name = given_triggers(&seg, &schema, test, &RoleEvidence::default());
    let (tp, p, g) = by_name.exact;
    let f = prf(tp, p, g);
    println!(
        "  given the gold triggers, by the roles' names alone: P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        f.0, f.1, f.2
    );
    let scored = given_triggers(&seg, &schema, test, &evidence(&seg, &schema, learn));
    let (tp, p, g) = scored.exact;
    let given = prf(tp, p, g);
    println!(
        "  given the gold triggers, with what the learnt events show of each role: P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        given.0, given.1, given.2
    );
    let (sp, sr, sf) = scored.by_overlap();
    println!(
        "    scored by char overlap, as DuEE scores arguments: P {sp:.3} R {sr:.3} F1 {sf:.3}"
    );
    if tune && std::env::var("BIAOZHU_ARGS_DUMP").is_ok() {
        for (role, (tp, p, g)) in &scored.per_role {
            if *g >= 5 || *p >= 5 {
                println!("    {role}: {tp} right of {p} suggested, {g} gold");
            }
        }
    }
    let (tp, p, g) = end_to_end(&seg, &schema, learn, test, None);
    let e2e = prf(tp, p, g);
    println!(
        "  end to end, with the lexicon's triggers (type + role + span): P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        e2e.0, e2e.1, e2e.2
    );
    // The argument tagger, learnt from the same records.
    let started = std::time::Instant::now();
    let arg_tagger = argument_tagger(&seg, learn);
    let trained = started.elapsed().as_secs_f64();
    let with = given_triggers_with(
        &seg,
        &schema,
        test,
        &evidence(&seg, &schema, learn),
        Some(&arg_tagger),
    );
    let (tp, p, g) = with.exact;
    let tagged = prf(tp, p, g);
    println!(
        "  given the gold triggers, the argument tagger first (trained in {trained:.1} s), then the rules' picks: P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        tagged.0, tagged.1, tagged.2
    );
    let (sp, sr, sf) = with.by_overlap();
    println!("    scored by char overlap: P {sp:.3} R {sr:.3} F1 {sf:.3}");
    let triggers = TriggerTagger::train(&seg, &learning(learn), &mut || true).expect("a tagger");
    assert!(triggers.has_arguments());
    let (tp, p, g) = end_to_end(&seg, &schema, learn, test, Some(&triggers));
    let e2e_tagged = prf(tp, p, g);
    println!(
        "  end to end, the lexicon with the trigger and argument taggers: P {:.3} R {:.3} F1 {:.3} ({tp} of {p}, {g} gold)",
        e2e_tagged.0, e2e_tagged.1, e2e_tagged.2
    );
    if tune {
        return;
    }
    // Records 400-499, scored once (session 40): given the gold triggers P 0.297 R 0.220
    // F1 0.253 (by the names alone 0.251; by char overlap F1 0.337), end to end P 0.265
    // R 0.178 F1 0.213. Before, no argument was suggested for DuEE's roles at all. Less a
    // margin: a regression fails.
    assert!(
        given.2 >= 0.22,
        "given the triggers, F1 {:.3} below 0.22",
        given.2
    );
    assert!(e2e.2 >= 0.18, "end to end, F1 {:.3} below 0.18", e2e.2);
    // With the argument tagger (session 41): given the gold triggers P 0.420 R 0.388 F1 0.403
    // (by char overlap 0.507), end to end with both taggers P 0.386 R 0.324 F1 0.352; with a
    // count of people taking only people, P 0.425 R 0.388 F1 0.406 and P 0.392 R 0.324
    // F1 0.355 (the rules alone 0.255, end to end 0.216).
    assert!(
        tagged.2 >= 0.36,
        "with the argument tagger, F1 {:.3} below 0.36",
        tagged.2
    );
    assert!(
        e2e_tagged.2 >= 0.31,
        "end to end with the taggers, F1 {:.3} below 0.31",
        e2e_tagged.2
    );
}
