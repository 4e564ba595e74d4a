//! A trigger tagger: the entity tagger's CRF and features, trained on a project's accepted
//! event triggers as one label, so that it finds trigger words the lexicon has never seen
//! (获胜 where only 战胜 and 击败 were accepted, 倒塌 where 垮塌 was). Its spans join the
//! lexicon's in [`crate::zh::triggers::TriggerLexicon::suggest_with`], which gives each the
//! type its chars vote for; the lexicon keeps the spans it finds itself.
//!
//! It is trained in the background with the suggestions, from the same accepted events
//! ([`Learning`]), and only once there are [`MIN_EVENTS`] of them: on fewer, it learns little
//! the lexicon does not know.

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::model::CharRange;
use crate::zh::segment::Segmenter;
use crate::zh::triggers::{Arguments, Learning, TaggerView, Weigh};

use super::arguments::{ArgumentTagger, RoleClasses};
use super::features::Gazetteer;
use super::model::{EntityModel, ModelError};
use super::training::{self, TrainDoc, TrainOptions};

/// The fewest accepted events the tagger is trained on.
pub const MIN_EVENTS: usize = 50;

/// The least probability of a tagged span for it to be proposed (chosen on DuEE records
/// 300-399, learning from 0-299).
pub const MIN_PROBABILITY: f64 = 0.5;

/// The tagger learns from every sentence with an accepted trigger and at most this many
/// without one for each of those: in a big project's long documents most sentences hold no
/// trigger, and learning from all of them made the first suggestion wait a minute for a
/// few hundred documents.
pub const EMPTY_PER_TRIGGER_SENTENCE: usize = 2;

/// The most sentences the tagger learns from (spread evenly over the project): about 20 s of
/// training on the 2-core machine we measure on, however big the project grows; the lexicon
/// still learns from every accepted event.
pub const MAX_TRIGGER_SENTENCES: usize = 8_000;

/// The label the tagger's one class of spans has.
const TRIGGER: &str = "TRIGGER";

/// A CRF that tags trigger spans (untyped), with the gazetteer of accepted trigger words it
/// tags with.
#[derive(Debug, Clone)]
pub struct TriggerTagger {
    model: EntityModel,
    gazetteer: Gazetteer,
    /// The argument tagger trained on the same events' arguments, once there are
    /// [`super::arguments::MIN_ARGUMENTS`] of them.
    arguments: Option<ArgumentTagger>,
}

/// Where a project keeps the argument tagger trained with its trigger tagger (the role
/// classes it tags are in [`TAGGER_META_FILE`]).
pub const ARGUMENTS_FILE: &str = "models/arguments.crf";

/// Where a project keeps its trigger tagger (derived data, like the entity model, and in the
/// same git-ignored folder): the CRF, in the entity model's file format.
pub const TAGGER_FILE: &str = "models/triggers.crf";

/// What the saved tagger was trained from ([`TaggerFrom`]), in RON.
pub const TAGGER_META_FILE: &str = "models/triggers.ron";

/// The accepted events a saved tagger was trained from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TaggerFrom {
    /// [`digest`] of the learning texts and their events.
    pub digest: String,
    /// How many accepted events that was.
    pub events: usize,
    /// How many accepted arguments those events held (0 in a file from before it was kept:
    /// such a tagger is trained again once the events hold 10 arguments).
    #[serde(default)]
    pub argument_count: usize,
    /// The role classes of the argument tagger saved with it ([`ARGUMENTS_FILE`]); `None`
    /// when there is none.
    #[serde(default)]
    pub arguments: Option<RoleClasses>,
    /// How the event suggestions scored on held-out texts when `biaozhu train` trained this
    /// tagger ([`super::event_scores`]); `None` for a tagger trained while suggesting.
    #[serde(default)]
    pub held_out: Option<super::event_scores::EventScores>,
}

impl TaggerFrom {
    /// What project `dir`'s saved trigger tagger says of itself, if it has one that reads.
    pub fn read(dir: &Path) -> Option<Self> {
        let meta = std::fs::read_to_string(dir.join(TAGGER_META_FILE)).ok()?;
        ron::from_str(&meta).ok()
    }
}

/// What went wrong with a project's saved trigger tagger. Neither stops the suggestions: a
/// tagger that did not read is trained again, one that did not save is trained again next time.
/// `session::tagger_problem_said` says it, in both languages, for the window and the CLI.
#[derive(Debug)]
pub enum TaggerProblem {
    /// The saved tagger could not be read (it is trained again and replaced).
    Read(ModelError),
    /// The tagger just trained could not be saved.
    Save(crate::store::StoreError),
}

/// A SHA-256 of learning texts and their events, stable across runs and versions (the
/// standard hasher is not promised to be), for a tagger saved to disk.
pub fn digest(learning: &Learning) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (text, events) in learning.texts() {
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
        h.update((events.len() as u64).to_le_bytes());
        for (r, ty) in events {
            h.update(r.start.to_le_bytes());
            h.update(r.end.to_le_bytes());
            h.update((ty.len() as u64).to_le_bytes());
            h.update(ty.as_bytes());
        }
    }
    for (doc, a) in learning.arguments() {
        h.update((*doc as u64).to_le_bytes());
        for part in [&a.event_type, &a.role] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        for v in [a.trigger.start, a.trigger.end, a.range.start, a.range.end] {
            h.update(v.to_le_bytes());
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The learning texts as training documents with one label, [`TRIGGER`].
fn trigger_docs(learning: &Learning) -> Vec<TrainDoc> {
    learning
        .texts()
        .iter()
        .map(|(text, events)| TrainDoc {
            text: text.clone(),
            spans: events.iter().map(|(r, _)| (*r, TRIGGER.into())).collect(),
            whole: true,
        })
        .collect()
}

impl TriggerTagger {
    /// Trains on `learning`'s texts and accepted triggers; `None` with fewer than
    /// [`MIN_EVENTS`] events, or when training finds nothing to learn. `keep_going` is asked
    /// after each iteration and stops training by returning `false`.
    pub fn train(
        seg: &Segmenter,
        learning: &Learning,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Option<Self> {
        if learning.events() < MIN_EVENTS {
            return None;
        }
        let docs = trigger_docs(learning);
        let opts = TrainOptions {
            held_out: false,
            empty_per_spanned: Some(EMPTY_PER_TRIGGER_SENTENCE),
            max_sentences: Some(MAX_TRIGGER_SENTENCES),
            features: super::features::FeatureSet::Events,
            ..TrainOptions::default()
        };
        let model = training::train(seg, &docs, &opts, &mut |_| keep_going()).ok()?;
        let gazetteer = training::gazetteer_of(&docs, 0..docs.len());
        let arguments = ArgumentTagger::train(seg, learning, keep_going);
        if !keep_going() {
            return None;
        }
        Some(Self {
            model,
            gazetteer,
            arguments,
        })
    }

    /// The tagger project `dir` saved, if it was trained from `learning`'s events or from
    /// nearly as many ([`retrain_after`], as the session's cache allows); `Err` says why a
    /// saved tagger could not be read (then it is trained again and the file replaced).
    pub fn load_for(dir: &Path, learning: &Learning) -> Result<Option<Self>, ModelError> {
        let Some(from) = TaggerFrom::read(dir) else {
            return Ok(None);
        };
        let close = close_enough((from.events, from.argument_count), learning);
        if from.digest != digest(learning) && !close {
            return Ok(None);
        }
        // A tagger saved without an argument tagger (by an older version, or before there were
        // enough arguments) is trained again once the events have enough arguments.
        if from.arguments.is_none() && learning.arguments().len() >= super::arguments::MIN_ARGUMENTS
        {
            return Ok(None);
        }
        let Some(model) = EntityModel::read(&dir.join(TAGGER_FILE))? else {
            return Ok(None);
        };
        let docs = trigger_docs(learning);
        let gazetteer = training::gazetteer_of(&docs, 0..docs.len());
        // The argument tagger saved with it, if it reads and was trained with these
        // attributes; without it the rules pick the arguments.
        let arguments = match from.arguments {
            Some(roles) => EntityModel::read(&dir.join(ARGUMENTS_FILE))?
                .and_then(|m| ArgumentTagger::from_parts(m, roles)),
            None => None,
        };
        Ok(Some(Self {
            model,
            gazetteer,
            arguments,
        }))
    }

    /// Writes the tagger into project `dir`, atomically: the description of what it was
    /// trained from is removed first and written last, so that a write that fails half-way
    /// leaves no description of a CRF it does not match (the tagger is then trained again).
    pub fn save(&self, dir: &Path, learning: &Learning) -> Result<(), crate::store::StoreError> {
        self.save_scored(dir, learning, None)
    }

    /// [`TriggerTagger::save`], with how the event suggestions scored on held-out texts.
    pub fn save_scored(
        &self,
        dir: &Path,
        learning: &Learning,
        held_out: Option<super::event_scores::EventScores>,
    ) -> Result<(), crate::store::StoreError> {
        let from = TaggerFrom {
            digest: digest(learning),
            events: learning.events(),
            argument_count: learning.arguments().len(),
            arguments: self.arguments.as_ref().map(|a| a.role_classes().clone()),
            held_out,
        };
        let meta = ron::ser::to_string_pretty(&from, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let meta_path = dir.join(TAGGER_META_FILE);
        match std::fs::remove_file(&meta_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(crate::store::StoreError::io(meta_path, e));
            }
            _ => {}
        }
        crate::store::write_atomic(&dir.join(TAGGER_FILE), &self.model.to_bytes())?;
        if let Some(a) = &self.arguments {
            crate::store::write_atomic(&dir.join(ARGUMENTS_FILE), &a.model().to_bytes())?;
        }
        crate::store::write_atomic(&meta_path, meta.as_bytes())
    }

    /// The tagger for `learning` in project `dir`: the saved one ([`TriggerTagger::load_for`]),
    /// or one trained now, and saved for the next run when `save` (not for a project opened
    /// read-only). The second value says what went wrong on the way (a saved tagger that did
    /// not read, a save that failed), for the user: the tagger is still given when it could be
    /// trained. `keep_going` can stop the training (then there is no tagger).
    pub fn load_or_train(
        seg: &Segmenter,
        dir: &Path,
        learning: &Learning,
        save: bool,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> (Option<Self>, Option<TaggerProblem>) {
        if learning.events() < MIN_EVENTS {
            return (None, None);
        }
        let mut problem = None;
        match Self::load_for(dir, learning) {
            Ok(Some(t)) => return (Some(t), None),
            Ok(None) => {}
            Err(e) => problem = Some(TaggerProblem::Read(e)),
        }
        let t = Self::train(seg, learning, keep_going);
        if save
            && let Some(t) = &t
            && let Err(e) = t.save(dir, learning)
        {
            problem = Some(TaggerProblem::Save(e));
        }
        (t, problem)
    }

    /// The trigger spans in `text` with their probability, those of at least
    /// [`MIN_PROBABILITY`].
    pub fn spans(&self, seg: &Segmenter, text: &str) -> Vec<(CharRange, f64)> {
        self.spans_above(seg, text, MIN_PROBABILITY)
    }

    /// The tagger's probability that each of `ranges` in `text` is exactly one trigger, in
    /// its context: what [`crate::zh::triggers::TriggerLexicon::suggest_with`] weighs a
    /// known word's occurrence by.
    pub fn probabilities(&self, seg: &Segmenter, text: &str, ranges: &[CharRange]) -> Vec<f64> {
        self.reading(seg, text).probabilities(ranges)
    }

    /// The trigger spans in `text` with a probability of at least `min`.
    pub fn spans_above(&self, seg: &Segmenter, text: &str, min: f64) -> Vec<(CharRange, f64)> {
        self.reading(seg, text).spans_above(seg, min)
    }

    /// `text` read once, for its spans and for weighing others in it.
    pub fn reading(&self, seg: &Segmenter, text: &str) -> TriggerReading<'_> {
        TriggerReading(
            self.model.reading(seg, text, &self.gazetteer),
            self.arguments.as_ref().map(|a| {
                (
                    a,
                    text.chars().collect::<Vec<char>>(),
                    super::arguments::Windows::default(),
                )
            }),
        )
    }

    /// Whether it has an argument tagger (trained once the events had
    /// [`super::arguments::MIN_ARGUMENTS`] arguments).
    pub fn has_arguments(&self) -> bool {
        self.arguments.is_some()
    }
}

/// A text as a trigger tagger has read it ([`TriggerTagger::reading`]), with the argument
/// tagger and the text's chars when there is one.
pub struct TriggerReading<'m>(
    super::model::Reading<'m>,
    Option<(&'m ArgumentTagger, Vec<char>, super::arguments::Windows)>,
);

impl TriggerReading<'_> {
    /// The trigger spans with a probability of at least `min`.
    pub fn spans_above(&self, seg: &Segmenter, min: f64) -> Vec<(CharRange, f64)> {
        self.0
            .tag(seg)
            .spans
            .into_iter()
            .filter(|f| f.confidence >= min)
            .map(|f| (f.range, f.confidence))
            .collect()
    }

    /// The tagger's probability that each of `ranges` is exactly one trigger
    /// ([`TriggerTagger::probabilities`]).
    pub fn probabilities(&self, ranges: &[CharRange]) -> Vec<f64> {
        self.0.probabilities(TRIGGER, ranges)
    }

    /// What the lexicon's suggestions take from the tagger: its spans of at least `min`
    /// (the window and the command line ask [`MIN_PROBABILITY`], or more), and its weighing.
    pub fn view(&self, seg: &Segmenter, min: f64) -> TaggerView<'_> {
        TaggerView {
            spans: self.spans_above(seg, min),
            weigh: Some(self),
            arguments: self.1.is_some().then_some(self as &dyn Arguments),
        }
    }
}

impl Arguments for TriggerReading<'_> {
    fn arguments(
        &self,
        seg: &Segmenter,
        trigger: CharRange,
        event_type: &str,
    ) -> Vec<(String, CharRange, f64)> {
        match &self.1 {
            Some((tagger, chars, windows)) => {
                tagger.arguments_in(seg, chars, trigger, event_type, windows)
            }
            None => Vec::new(),
        }
    }
}

impl Weigh for TriggerReading<'_> {
    fn weigh(&self, ranges: &[CharRange]) -> Vec<f64> {
        self.probabilities(ranges)
    }
}

/// The last tagger trained, shared by the suggestion runs of a session. It is trained again
/// only when the accepted events or their arguments have changed by [`retrain_after`] since
/// (or on other events of the same number): accepting a trigger and suggesting on the next document does not
/// retrain a tagger of thousands of events each time; the lexicon, learnt afresh on every run,
/// knows the newest words meanwhile.
#[derive(Debug, Clone, Default)]
pub struct TaggerCache {
    cached: Arc<Mutex<Option<Cached>>>,
    /// The project folder whose saved tagger a miss reads first, and whether a tagger trained
    /// on a miss is saved there (not in a window that opened the project read-only).
    project: Option<(std::path::PathBuf, bool)>,
}

/// What the cache holds.
#[derive(Debug, Clone)]
struct Cached {
    /// The [`Learning::fingerprint`] it was trained from.
    key: u64,
    /// How many accepted events and arguments that was.
    trained_on: (usize, usize),
    /// The tagger (`None`: training found nothing to learn).
    tagger: Option<Arc<TriggerTagger>>,
}

/// How many accepted events more (or fewer) than a tagger was trained on make it train again:
/// a tenth of them, and at least 10.
pub fn retrain_after(trained_on: usize) -> usize {
    (trained_on / 10).max(10)
}

/// Whether a tagger trained on `trained_on` (accepted events, their arguments) still serves
/// `learning`: neither count has moved by [`retrain_after`] of it. Arguments count on their own,
/// so arguments accepted on events already there teach the argument tagger too.
fn close_enough(trained_on: (usize, usize), learning: &Learning) -> bool {
    let (events, arguments) = trained_on;
    learning.events().abs_diff(events) < retrain_after(events)
        && learning.arguments().len().abs_diff(arguments) < retrain_after(arguments)
}

impl TaggerCache {
    /// A cache that also reads the tagger project `dir` saved ([`TriggerTagger::load_for`])
    /// before training one, and saves one it trains there when `writable`.
    pub fn for_project(dir: &Path, writable: bool) -> Self {
        Self {
            cached: Arc::default(),
            project: Some((dir.to_path_buf(), writable)),
        }
    }

    /// The tagger for `learning`: the cached one if it was trained from the same events or
    /// from nearly as many ([`retrain_after`]), else the project's saved one on the same
    /// terms ([`TaggerCache::for_project`]), else a new one (kept for next time, and saved).
    /// `keep_going` can stop the training (then there is no tagger this time, and nothing is
    /// kept). A saved tagger that does not read is trained again and replaced; that, or a save
    /// that failed, is the second value, for the user.
    pub fn get(
        &self,
        seg: &Segmenter,
        learning: &Learning,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> (Option<Arc<TriggerTagger>>, Option<TaggerProblem>) {
        let events = learning.events();
        if events < MIN_EVENTS {
            return (None, None);
        }
        let key = learning.fingerprint();
        if let Ok(c) = self.cached.lock()
            && let Some(c) = c.as_ref()
        {
            let close = c.tagger.is_some() && c.key != key && close_enough(c.trained_on, learning);
            if c.key == key || close {
                return (c.tagger.clone(), None);
            }
        }
        // Read or trained outside the lock: another run waiting for it would only train it
        // again.
        let (t, problem) = match &self.project {
            Some((dir, writable)) => {
                TriggerTagger::load_or_train(seg, dir, learning, *writable, keep_going)
            }
            None => (TriggerTagger::train(seg, learning, keep_going), None),
        };
        let t = t.map(Arc::new);
        if t.is_none() && !keep_going() {
            return (None, problem);
        }
        if let Ok(mut c) = self.cached.lock() {
            *c = Some(Cached {
                key,
                trained_on: (events, learning.arguments().len()),
                tagger: t.clone(),
            });
        }
        (t, problem)
    }
}

#[cfg(test)]
mod tests {
    use super::super::arguments::MIN_ARGUMENTS;
    use super::*;

    /// Made-up sentences: 裁员 and 裁撤 are triggers after 宣布/决定; 宣布 and 决定 alone are
    /// not.
    fn learning(n: usize) -> Learning {
        let firms = ["华光公司", "东方银行", "远大集团", "新星工厂", "长江电器"];
        let counts = ["三百", "五十", "两千", "八十", "一百"];
        let mut texts = Vec::new();
        for i in 0..n {
            let (f, c) = (firms[i % 5], counts[(i / 5) % 5]);
            let (text, word) = if i % 2 == 0 {
                (format!("{f}宣布裁员{c}人。"), "裁员")
            } else {
                (format!("{f}决定裁撤{c}个部门。"), "裁撤")
            };
            let start = text
                .find(word)
                .map(|b| text[..b].chars().count())
                .unwrap_or(0) as u32;
            texts.push((
                format!("{text}{f}宣布了新的计划。"),
                vec![(CharRange::new(start, start + 2), "裁员".to_string())],
            ));
        }
        Learning::from_texts(texts)
    }

    /// `learning(MIN_EVENTS)` with `k` accepted arguments of its 裁员 events: each text's firm
    /// as 公司, then (past one a text) its count as 裁员人数.
    fn with_arguments(k: usize) -> Learning {
        let l = learning(MIN_EVENTS);
        let mut args = Vec::new();
        for i in 0..k {
            let doc = i % MIN_EVENTS;
            let (text, events) = &l.texts()[doc];
            let trigger = events[0].0;
            let (role, range) = if i < MIN_EVENTS {
                ("公司", CharRange::new(0, 4))
            } else {
                let count = text
                    .chars()
                    .position(|c| "三五两八一".contains(c))
                    .unwrap_or(0);
                ("裁员人数", CharRange::new(count as u32, count as u32 + 2))
            };
            args.push((
                doc,
                crate::zh::roles::LearntArgument {
                    event_type: "裁员".into(),
                    role: role.into(),
                    trigger,
                    range,
                    label: "ARG".into(),
                },
            ));
        }
        l.with_arguments(args)
    }

    #[test]
    fn arguments_accepted_on_the_same_events_train_the_taggers_again_past_a_tenth() {
        let seg = Segmenter::new();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let cache = TaggerCache::for_project(dir.path(), true);
        let go = &mut || true;
        let first = with_arguments(MIN_ARGUMENTS);
        let a = cache.get(&seg, &first, go).0.expect("trained");
        assert!(
            a.arguments.is_some(),
            "50 arguments train an argument tagger"
        );
        let meta = std::fs::read_to_string(dir.path().join(TAGGER_META_FILE)).expect("meta");
        assert!(meta.contains("argument_count: 50"), "{meta}");
        // A few more arguments on the same events: the same tagger, cached and saved.
        let few = with_arguments(MIN_ARGUMENTS + 4);
        assert_eq!(few.events(), first.events());
        assert!(Arc::ptr_eq(&a, &cache.get(&seg, &few, go).0.expect("kept")));
        assert!(matches!(
            TriggerTagger::load_for(dir.path(), &few),
            Ok(Some(_))
        ));
        // A tenth more (at least 10), with not one event more: trained again, and the saved one
        // no longer serves.
        let more = with_arguments(MIN_ARGUMENTS + retrain_after(MIN_ARGUMENTS));
        assert_eq!(more.events(), first.events());
        assert!(matches!(
            TriggerTagger::load_for(dir.path(), &more),
            Ok(None)
        ));
        let b = cache.get(&seg, &more, go).0.expect("trained again");
        assert!(!Arc::ptr_eq(&a, &b));
        // The same events and arguments in the cache: the same tagger, never trained again.
        let again = cache
            .get(&seg, &more, &mut || panic!("not trained again"))
            .0;
        assert!(again.is_some_and(|t| Arc::ptr_eq(&t, &b)));
    }

    #[test]
    fn too_few_events_train_no_tagger_and_enough_find_a_word_never_accepted() {
        let seg = Segmenter::new();
        assert!(TriggerTagger::train(&seg, &learning(MIN_EVENTS - 1), &mut || true).is_none());
        let tagger = TriggerTagger::train(&seg, &learning(MIN_EVENTS), &mut || true)
            .expect("a tagger from enough events");
        let spans = tagger.spans(&seg, "北方银行宣布裁减两百人。");
        assert!(
            spans
                .iter()
                .any(|(r, p)| *r == CharRange::new(6, 8) && *p >= 0.5),
            "裁减 found: {spans:?}"
        );
        assert!(
            spans.iter().all(|(r, _)| r.start >= 6),
            "宣布 and the firm are not triggers: {spans:?}"
        );
        // Its probability of spans something else proposes, in context.
        let text = "北方银行宣布裁减两百人。北方银行宣布了新的计划。";
        let p = tagger.probabilities(
            &seg,
            text,
            &[
                CharRange::new(6, 8),
                CharRange::new(4, 6),
                CharRange::new(10, 14),
            ],
        );
        assert!(p[0] >= 0.5 && p[1] < 0.1, "裁减 likely, 宣布 not: {p:?}");
        assert_eq!(p[2], 0.0, "across two sentences: {p:?}");
        // Cancelled training gives no tagger.
        assert!(TriggerTagger::train(&seg, &learning(MIN_EVENTS), &mut || false).is_none());
    }

    #[test]
    fn the_cache_trains_again_only_after_enough_new_events_and_keeps_no_cancelled_run() {
        let seg = Segmenter::new();
        let cache = TaggerCache::default();
        let go = &mut || true;
        assert!(cache.get(&seg, &learning(3), go).0.is_none());
        // A cancelled training keeps nothing: the next run trains.
        assert!(
            cache
                .get(&seg, &learning(MIN_EVENTS), &mut || false)
                .0
                .is_none()
        );
        let a = cache
            .get(&seg, &learning(MIN_EVENTS), go)
            .0
            .expect("trained");
        let b = cache
            .get(&seg, &learning(MIN_EVENTS), go)
            .0
            .expect("cached");
        assert!(Arc::ptr_eq(&a, &b));
        // A few more events: the same tagger; a tenth more (at least 10): trained again.
        let near = cache
            .get(&seg, &learning(MIN_EVENTS + 1), go)
            .0
            .expect("kept");
        assert!(Arc::ptr_eq(&a, &near));
        let c = cache
            .get(&seg, &learning(MIN_EVENTS + retrain_after(MIN_EVENTS)), go)
            .0
            .expect("trained again");
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn a_project_s_cache_reads_the_saved_tagger_and_saves_one_only_when_writable() {
        let seg = Segmenter::new();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let l = learning(MIN_EVENTS);
        // Read-only: trained, not saved.
        let ro = TaggerCache::for_project(dir.path(), false);
        assert!(ro.get(&seg, &l, &mut || true).0.is_some());
        assert!(!dir.path().join(TAGGER_FILE).exists());
        // Writable: trained and saved; the next session's cache reads it, never training.
        let rw = TaggerCache::for_project(dir.path(), true);
        let a = rw.get(&seg, &l, &mut || true).0.expect("trained");
        assert!(dir.path().join(TAGGER_FILE).is_file());
        let next = TaggerCache::for_project(dir.path(), true);
        let b = next
            .get(&seg, &l, &mut || panic!("read, not trained"))
            .0
            .expect("read");
        let text = "远大集团宣布裁汰三百人。";
        assert_eq!(a.spans(&seg, text), b.spans(&seg, text));
    }

    /// [`learning`] with each event's firm as its 裁员方 argument.
    fn learning_with_arguments(n: usize) -> Learning {
        let plain = learning(n);
        let args = plain
            .texts()
            .iter()
            .enumerate()
            .map(|(i, (_, events))| {
                let (trigger, ty) = events[0].clone();
                (
                    i,
                    crate::zh::roles::LearntArgument {
                        event_type: ty,
                        role: "裁员方".into(),
                        trigger,
                        range: CharRange::new(0, 4),
                        label: "ORG".into(),
                    },
                )
            })
            .collect();
        plain.with_arguments(args)
    }

    #[test]
    fn the_argument_tagger_is_trained_saved_and_read_with_the_trigger_tagger() {
        let seg = Segmenter::new();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let l = learning_with_arguments(MIN_EVENTS);
        let (t, problem) = TriggerTagger::load_or_train(&seg, dir.path(), &l, true, &mut || true);
        assert!(problem.is_none());
        let t = t.expect("trained");
        assert!(t.has_arguments());
        assert!(dir.path().join(ARGUMENTS_FILE).is_file());
        let text = "新星工厂决定裁撤五十个部门。";
        let args = |t: &TriggerTagger| {
            let r = t.reading(&seg, text);
            let v = r.view(&seg, MIN_PROBABILITY);
            v.arguments
                .map(|a| a.arguments(&seg, CharRange::new(6, 8), "裁员"))
                .unwrap_or_default()
        };
        let found = args(&t);
        assert_eq!(
            found
                .iter()
                .map(|(r, x, _)| (r.as_str(), *x))
                .collect::<Vec<_>>(),
            vec![("裁员方", CharRange::new(0, 4))]
        );
        let back = TriggerTagger::load_for(dir.path(), &l)
            .expect("reads")
            .expect("saved");
        assert!(back.has_arguments());
        assert_eq!(args(&back), found);
        // Without its file, the trigger tagger still reads, and the rules pick the arguments.
        std::fs::remove_file(dir.path().join(ARGUMENTS_FILE)).expect("removed");
        let bare = TriggerTagger::load_for(dir.path(), &l)
            .expect("reads")
            .expect("saved");
        assert!(!bare.has_arguments());
        assert!(args(&bare).is_empty());
        // Events without arguments train no argument tagger; saved so, it is not read for
        // learning whose events have enough arguments (one saved by an older version neither):
        // trained again, with one.
        let other = tempfile::tempdir().expect("a temporary folder");
        let plain = learning(MIN_EVENTS);
        let (t, _) = TriggerTagger::load_or_train(&seg, other.path(), &plain, true, &mut || true);
        assert!(!t.expect("trained").has_arguments());
        assert!(
            TriggerTagger::load_for(other.path(), &plain)
                .expect("reads")
                .is_some()
        );
        assert!(
            TriggerTagger::load_for(other.path(), &l)
                .expect("reads")
                .is_none()
        );
        let (t, _) = TriggerTagger::load_or_train(&seg, other.path(), &l, true, &mut || true);
        assert!(t.expect("trained").has_arguments());
    }

    #[test]
    fn a_save_that_fails_is_said_and_leaves_no_description_of_another_tagger() {
        let seg = Segmenter::new();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let l = learning(MIN_EVENTS);
        // Read-only: trained, nothing written, nothing to say.
        let (t, problem) = TriggerTagger::load_or_train(&seg, dir.path(), &l, false, &mut || true);
        assert!(t.is_some() && problem.is_none(), "{problem:?}");
        assert!(!dir.path().join(TAGGER_FILE).exists());
        // Saved once; then the CRF's place is taken by a folder, so the next save fails.
        let (t, _) = TriggerTagger::load_or_train(&seg, dir.path(), &l, true, &mut || true);
        let t = t.expect("trained");
        assert!(dir.path().join(TAGGER_META_FILE).is_file());
        std::fs::remove_file(dir.path().join(TAGGER_FILE)).expect("remove");
        std::fs::create_dir_all(dir.path().join(TAGGER_FILE).join("x")).expect("a folder");
        let err = t
            .save(dir.path(), &l)
            .expect_err("cannot write over a folder");
        assert!(err.to_string().contains("triggers"), "{err}");
        // The old description went first: nothing claims to describe a CRF.
        assert!(!dir.path().join(TAGGER_META_FILE).exists());
        assert!(matches!(TriggerTagger::load_for(dir.path(), &l), Ok(None)));
        // The cache of a writable project says so, and still gives the tagger.
        let cache = TaggerCache::for_project(dir.path(), true);
        let (t, problem) = cache.get(&seg, &l, &mut || true);
        assert!(t.is_some());
        assert!(
            matches!(problem, Some(TaggerProblem::Save(_))),
            "{problem:?}"
        );
    }

    #[test]
    fn a_saved_tagger_is_read_back_for_the_same_events_and_a_broken_one_is_trained_again() {
        let seg = Segmenter::new();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let l = learning(MIN_EVENTS);
        let text = "远大集团宣布裁汰三百人。";
        // Nothing saved: trained and saved.
        let (t, problem) = TriggerTagger::load_or_train(&seg, dir.path(), &l, true, &mut || true);
        let t = t.expect("trained");
        assert!(problem.is_none(), "{problem:?}");
        assert!(dir.path().join(TAGGER_FILE).is_file());
        let meta = std::fs::read_to_string(dir.path().join(TAGGER_META_FILE)).expect("meta");
        assert!(meta.contains(&digest(&l)), "{meta}");
        // Read back, not trained: it tags as the one saved (training is never asked).
        let back = TriggerTagger::load_for(dir.path(), &l)
            .expect("readable")
            .expect("saved for these events");
        assert_eq!(back.spans(&seg, text), t.spans(&seg, text));
        assert!(!t.spans(&seg, text).is_empty(), "the tagger finds 裁汰");
        let (again, _) = TriggerTagger::load_or_train(&seg, dir.path(), &l, true, &mut || {
            panic!("a saved tagger for the same events is not trained again")
        });
        assert_eq!(again.expect("read").spans(&seg, text), t.spans(&seg, text));
        // Other events, by a tenth or more: not this tagger.
        let more = learning(MIN_EVENTS + retrain_after(MIN_EVENTS));
        assert!(matches!(
            TriggerTagger::load_for(dir.path(), &more),
            Ok(None)
        ));
        // A damaged file is named, then replaced by a tagger trained again.
        std::fs::write(dir.path().join(TAGGER_FILE), b"not a model").expect("write");
        let err = TriggerTagger::load_for(dir.path(), &l).expect_err("damaged");
        assert!(err.to_string().contains("triggers.crf"), "{err}");
        let (t2, problem) = TriggerTagger::load_or_train(&seg, dir.path(), &l, true, &mut || true);
        assert!(t2.is_some());
        assert!(
            matches!(&problem, Some(TaggerProblem::Read(_))),
            "{problem:?}"
        );
        assert!(problem.is_some_and(|p| {
            crate::session::tagger_problem_said(&p)
                .en
                .contains("triggers.crf")
        }));
        assert!(
            TriggerTagger::load_for(dir.path(), &l)
                .expect("readable")
                .is_some()
        );
        // Too few events: no tagger, nothing read or written.
        let few = tempfile::tempdir().expect("a temporary folder");
        let (none, problem) =
            TriggerTagger::load_or_train(&seg, few.path(), &learning(3), true, &mut || true);
        assert!(none.is_none() && problem.is_none());
        assert!(!few.path().join(TAGGER_FILE).exists());
    }
}
