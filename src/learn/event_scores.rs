//! How well a project's event suggestions do on its own accepted events, measured as the
//! entity model's are: the trigger lexicon, the trigger tagger and the argument tagger learnt
//! from the first 90% of the annotated texts, and the suggestions they make on the last 10%
//! (each as a fresh text, with the rules' entities and figures for the arguments) scored
//! against the events accepted there. `biaozhu train` prints the figures and keeps them in
//! `models/triggers.ron`, beside the taggers it then trains on every text.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{CharRange, Schema};
use crate::zh::segment::Segmenter;
use crate::zh::triggers::{Learning, MIN_SHARE};

use super::model::LabelScore;
use super::triggers::{MIN_EVENTS, MIN_PROBABILITY, TriggerTagger};

/// The fewest annotated texts a held-out measure is taken on: a tenth of them is held out,
/// and a tenth of fewer texts says little.
pub const MIN_TEXTS: usize = 10;

/// The event suggestions' scores on the held-out texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventScores {
    /// The texts held out (the last of the annotated texts).
    pub held_out: usize,
    /// The annotated texts in all.
    pub texts: usize,
    /// Whether a trigger tagger was trained on the texts learnt from (they need
    /// [`MIN_EVENTS`] events); without it the lexicon alone suggested.
    pub tagger: bool,
    /// Triggers: exact span and event type (`support`: the accepted triggers held out).
    pub triggers: LabelScore,
    /// Arguments: event type, trigger, role and exact span, of every suggested event
    /// (`support`: the accepted arguments held out).
    pub arguments: LabelScore,
    /// Triggers per event type, for the types held out or suggested there.
    #[serde(default)]
    pub trigger_types: BTreeMap<String, LabelScore>,
}

impl EventScores {
    /// The triggers' scores per event type, the types with the most accepted triggers held
    /// out first (then by name): the order `train` prints them in and the window lists them.
    pub fn types_by_support(&self) -> Vec<(&str, LabelScore)> {
        let mut types: Vec<(&str, LabelScore)> = self
            .trigger_types
            .iter()
            .map(|(t, s)| (t.as_str(), *s))
            .collect();
        types.sort_by_key(|(t, s)| (std::cmp::Reverse(s.support), *t));
        types
    }
}

/// An event's trigger or argument as scored: (event type, trigger, role, argument); the
/// trigger alone has no role and its own range as the argument.
type Item = (String, CharRange, String, CharRange);

/// Learns from all but the last tenth of `learning`'s texts and scores the suggestions on
/// that tenth; `None` with fewer than [`MIN_TEXTS`] texts, or when `keep_going` stops the
/// training.
pub fn held_out(
    seg: &Segmenter,
    schema: &Schema,
    learning: &Learning,
    keep_going: &mut dyn FnMut() -> bool,
) -> Option<EventScores> {
    let n = learning.texts().len();
    if n < MIN_TEXTS {
        return None;
    }
    let k = n.div_ceil(10);
    let (learn, test) = (learning.part(0..n - k), learning.part(n - k..n));
    let lexicon = learn.learn(seg, schema);
    let tagger = if learn.events() >= MIN_EVENTS {
        TriggerTagger::train(seg, &learn, keep_going)
    } else {
        None
    };
    if !keep_going() {
        return None;
    }
    let (mut triggers, mut arguments) = (BTreeMap::new(), BTreeMap::new());
    for (i, (text, events)) in test.texts().iter().enumerate() {
        let nearby: Vec<(CharRange, String)> =
            crate::zh::suggest::entities_read_by_taggers(seg, text)
                .into_iter()
                .chain(crate::zh::suggest::figures(text, None))
                .map(|s| (s.range, s.label))
                .collect();
        let reading = tagger.as_ref().map(|t| t.reading(seg, text));
        let view = reading
            .as_ref()
            .map(|r| r.view(seg, MIN_PROBABILITY))
            .unwrap_or_default();
        let suggested = lexicon.suggest_with(seg, schema, text, &nearby, MIN_SHARE, &view);
        let trigger_of = |ty: &str, r: CharRange| (ty.to_string(), r, String::new(), r);
        let pred_t: BTreeSet<Item> = suggested
            .iter()
            .map(|t| trigger_of(&t.event_type, t.range))
            .collect();
        let gold_t: BTreeSet<Item> = events.iter().map(|(r, ty)| trigger_of(ty, *r)).collect();
        add(&mut triggers, &pred_t, &gold_t);
        let pred_a: BTreeSet<Item> = suggested
            .iter()
            .flat_map(|t| {
                t.args
                    .iter()
                    .map(|(role, r, _)| (t.event_type.clone(), t.range, role.clone(), *r))
            })
            .collect();
        let gold_a: BTreeSet<Item> = test
            .arguments()
            .iter()
            .filter(|(doc, _)| *doc == i)
            .map(|(_, a)| (a.event_type.clone(), a.trigger, a.role.clone(), a.range))
            .collect();
        add(&mut arguments, &pred_a, &gold_a);
    }
    let score = |(tp, pred, gold): (usize, usize, usize)| LabelScore::of_counts(tp, pred, gold);
    let total = |per: &Counts| {
        score(
            per.values()
                .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2)),
        )
    };
    Some(EventScores {
        held_out: k,
        texts: n,
        tagger: tagger.is_some(),
        triggers: total(&triggers),
        arguments: total(&arguments),
        trigger_types: triggers
            .iter()
            .map(|(t, c)| (t.clone(), score(*c)))
            .collect(),
    })
}

/// What [`train_scored`] gives: the taggers trained on every text, with how the event
/// suggestions scored on held-out texts (`None` with fewer than [`MIN_TEXTS`] texts).
pub type Scored = (TriggerTagger, Option<EventScores>);

/// `biaozhu train`'s and the window's event training: [`held_out`] first, then the trigger
/// (and argument) tagger on every text. `None` with fewer than [`MIN_EVENTS`] events, when
/// training finds nothing to learn, or when `keep_going` stops it (then nothing is kept).
pub fn train_scored(
    seg: &Segmenter,
    schema: &Schema,
    learning: &Learning,
    keep_going: &mut dyn FnMut() -> bool,
) -> Option<Scored> {
    if learning.events() < MIN_EVENTS {
        return None;
    }
    let scores = held_out(seg, schema, learning, keep_going);
    if !keep_going() {
        return None;
    }
    let tagger = TriggerTagger::train(seg, learning, keep_going)?;
    Some((tagger, scores))
}

/// Per event type: (true positives, predicted, gold).
type Counts = BTreeMap<String, (usize, usize, usize)>;

/// Adds a text's items to `per`, by their event type.
fn add(per: &mut Counts, pred: &BTreeSet<Item>, gold: &BTreeSet<Item>) {
    for p in pred {
        let c = per.entry(p.0.clone()).or_default();
        c.1 += 1;
        c.0 += usize::from(gold.contains(p));
    }
    for g in gold {
        per.entry(g.0.clone()).or_default().2 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zh::roles::LearntArgument;

    /// Made-up news: "<firm>宣布裁员<count>人" (an event 裁员 with the firm as 主体) and, in one
    /// text of three, "<firm>宣布了新的计划" (no event).
    fn learning(n: usize) -> Learning {
        let firms = ["华光公司", "东方银行", "远大集团", "新星工厂", "长江电器"];
        let counts = ["三百", "五十", "两千", "八十", "一百"];
        let mut texts = Vec::new();
        let mut args = Vec::new();
        for i in 0..n {
            let (f, c) = (firms[i % 5], counts[(i / 5) % 5]);
            if i % 3 == 2 {
                texts.push((format!("{f}宣布了新的计划。"), Vec::new()));
                continue;
            }
            let text = format!("{f}宣布裁员{c}人。");
            let trigger = CharRange::new(6, 8);
            args.push((
                texts.len(),
                LearntArgument {
                    event_type: "组织关系-裁员".into(),
                    role: "裁员方".into(),
                    trigger,
                    range: CharRange::new(0, 4),
                    label: "ORG".into(),
                },
            ));
            texts.push((text, vec![(trigger, "组织关系-裁员".to_string())]));
        }
        Learning::from_texts(texts).with_arguments(args)
    }

    fn schema() -> Schema {
        let src = r#"{"event_type": "组织关系-裁员", "role_list": [{"role": "时间"}, {"role": "裁员方"}, {"role": "裁员人数"}], "class": "组织关系"}"#;
        Schema {
            events: crate::format::duee_schema::parse(src).expect("a DuEE schema line"),
            ..Schema::default_bulletin()
        }
    }

    #[test]
    fn the_last_tenth_is_scored_with_what_the_rest_taught() {
        let seg = Segmenter::new();
        let l = learning(90);
        let s = held_out(&seg, &schema(), &l, &mut || true).expect("90 texts are enough");
        assert_eq!((s.held_out, s.texts), (9, 90));
        assert!(s.tagger, "54 events train the tagger");
        // Texts 81-89: six with 裁员, three without; every 裁员 is found, nothing else.
        assert_eq!(s.triggers.support, 6);
        assert_eq!((s.triggers.precision, s.triggers.recall), (1.0, 1.0));
        assert_eq!(s.arguments.support, 6);
        assert!(s.arguments.recall > 0.0, "{s:?}");
        let types: Vec<&String> = s.trigger_types.keys().collect();
        assert_eq!(types, ["组织关系-裁员"]);
        assert_eq!(s.trigger_types["组织关系-裁员"], s.triggers);
    }

    #[test]
    fn few_texts_give_no_measure_and_few_events_the_lexicon_alone() {
        let seg = Segmenter::new();
        assert!(held_out(&seg, &schema(), &learning(MIN_TEXTS - 1), &mut || true).is_none());
        let s = held_out(&seg, &schema(), &learning(30), &mut || true).expect("30 texts");
        assert!(!s.tagger, "18 events train no tagger");
        assert_eq!(s.triggers.support, 2);
        assert!(s.triggers.recall > 0.0, "the lexicon knows 裁员: {s:?}");
        // Stopped: no measure.
        assert!(held_out(&seg, &schema(), &learning(90), &mut || false).is_none());
    }

    #[test]
    fn a_part_keeps_its_texts_arguments_counted_from_its_first_text() {
        let l = learning(9);
        let p = l.part(3..6);
        assert_eq!(p.texts(), &l.texts()[3..6]);
        assert!(p.arguments().iter().all(|(i, _)| *i < 3));
        assert_eq!(
            p.arguments().len(),
            2,
            "texts 3 and 4 have an event, 5 has none"
        );
        assert_eq!(l.part(8..20).texts().len(), 1);
    }
}
