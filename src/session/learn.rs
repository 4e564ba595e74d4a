//! The project's entity model in a session: read at open (a missing model is no model; a
//! damaged or outdated one is reported and the rules suggest alone), trained from a snapshot
//! that runs on any thread ([`TrainInput`]), then installed: written by the store
//! (`models/entities.crf`, `models/entities.ron`, `models/uncertainty.ron`,
//! `models/sentences.ron`) and used by the next suggestions. After training, every document
//! not yet done is tagged once to rank the documents by the model's uncertainty (mean entropy
//! per char), which the document list can sort by, and each document's sentences, which U
//! walks from the least sure. A suggestion run with the model ranks its document again.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::learn::features::Gazetteer;
use crate::learn::model::{META_FILE, MODEL_FILE};
use crate::learn::training::{self, Progress, Stage, Take, TrainDoc, TrainError, TrainOptions};
use crate::learn::{EntityModel, ModelError};
use crate::model::{CharRange, DocStatus, SpanKind};
use crate::zh::segment::Segmenter;

use super::{Session, SessionError};

/// Each document's uncertainty under the model, by document id, under the project folder.
pub const UNCERTAINTY_FILE: &str = "models/uncertainty.ron";

/// Each document's sentences with the model's uncertainty there, by document id, under the
/// project folder ([`RankedSentences`]).
pub const SENTENCES_FILE: &str = "models/sentences.ron";

/// A document's sentences as the model read them, as `models/sentences.ron` keeps them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RankedSentences {
    /// The document's length in chars when it was read: a document whose text has another
    /// length since (replaced outside the tool) has no ranking.
    pub chars: u32,
    /// Each sentence (start, end in chars) with the mean entropy per char of the model's
    /// labels there, the least sure first.
    pub sentences: Vec<(u32, u32, f64)>,
}

impl RankedSentences {
    /// From sentences (range, mean entropy per char) of a document of `chars` chars.
    fn new(chars: u32, sentences: &[(CharRange, f64)]) -> Self {
        RankedSentences {
            chars,
            sentences: sentences
                .iter()
                .map(|(r, h)| (r.start, r.end, *h))
                .collect(),
        }
    }

    /// As ranges, or `None` for a document of another length or a range beyond its end.
    fn ranges(&self, chars: u32) -> Option<Vec<(CharRange, f64)>> {
        if self.chars != chars {
            return None;
        }
        self.sentences
            .iter()
            .map(|&(s, e, h)| {
                (s < e && e <= chars && h.is_finite()).then(|| (CharRange::new(s, e), h))
            })
            .collect()
    }
}

/// The least sure first, in text order on a tie.
fn least_sure_first(sentences: &mut [(CharRange, f64)]) {
    sentences.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
}

/// The order N (and A/R, which move on) walk a document's pending suggestions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SuggestionOrder {
    /// Text order.
    #[default]
    Position,
    /// The model's least confident first (suggestions without a confidence last).
    LeastConfident,
    /// The model's most confident first (suggestions without a confidence last).
    MostConfident,
}

impl SuggestionOrder {
    /// The three orders, as the menu lists them.
    pub const ALL: [SuggestionOrder; 3] = [
        SuggestionOrder::Position,
        SuggestionOrder::LeastConfident,
        SuggestionOrder::MostConfident,
    ];

    /// The sort key of a pending span in this order.
    pub fn key(self, s: &crate::model::Span) -> (u8, i64, (u32, u32, crate::model::SpanId)) {
        // Confidence as an integer key (f32 has no total order here); none sorts last.
        let c = s.confidence.map(|c| (f64::from(c) * 1e6) as i64);
        match (self, c) {
            (SuggestionOrder::Position, _) => (0, 0, s.sort_key()),
            (_, None) => (1, 0, s.sort_key()),
            (SuggestionOrder::LeastConfident, Some(c)) => (0, c, s.sort_key()),
            (SuggestionOrder::MostConfident, Some(c)) => (0, -c, s.sort_key()),
        }
    }
}

/// The model a session suggests with, and what is known of it.
#[derive(Debug, Clone, Default)]
pub struct ModelState {
    /// The model, if the project has a readable one.
    pub model: Option<Arc<EntityModel>>,
    /// Why the project's model file could not be used (the rules suggest alone).
    pub problem: Option<ModelError>,
    /// Mean entropy per char of each document (by id) when the model was trained.
    pub uncertainty: BTreeMap<String, f64>,
    /// Each document's sentences (by id) with the model's mean entropy per char there, the
    /// least sure first: from training, or from the last suggestion run on it with this
    /// model. Saved in [`SENTENCES_FILE`].
    pub sentences: BTreeMap<String, Vec<(CharRange, f64)>>,
    /// The same as read from [`SENTENCES_FILE`], until checked against the documents.
    read_sentences: BTreeMap<String, RankedSentences>,
    /// Whether a suggestion run changed a ranking since it was written (the next save
    /// writes it: once, not once a document when a folder is suggested on).
    ranking_changed: bool,
    /// Per document (by id), the index in `sentences` U went to last.
    pub walked: BTreeMap<String, usize>,
}

/// A sentence the model is unsure of, as [`Session::next_unsure_sentence`] goes to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnsureSentence {
    /// Its chars.
    pub range: CharRange,
    /// The model's mean entropy (nats) per char there.
    pub entropy: f64,
    /// Its place among the document's sentences, from 1, the least sure.
    pub rank: usize,
    /// How many sentences the document has.
    pub of: usize,
}

impl ModelState {
    /// Reads the model of the project in `dir`. Never fails: a problem is kept in `problem`.
    pub fn load(dir: &std::path::Path) -> Self {
        let mut s = Self::default();
        match EntityModel::load(dir) {
            Ok(m) => s.model = m.map(Arc::new),
            Err(e) => s.problem = Some(e),
        }
        if s.model.is_some()
            && let Ok(text) = std::fs::read_to_string(dir.join(UNCERTAINTY_FILE))
            && let Ok(u) = ron::from_str::<BTreeMap<String, f64>>(&text)
        {
            s.uncertainty = u;
        }
        // Derived data: a file that cannot be read is no ranking (the next training or
        // suggestion run makes it again).
        if s.model.is_some()
            && let Ok(text) = std::fs::read_to_string(dir.join(SENTENCES_FILE))
            && let Ok(r) = ron::from_str::<BTreeMap<String, RankedSentences>>(&text)
        {
            s.read_sentences = r;
        }
        s
    }

    /// Keeps the sentence rankings read from the file that still fit their documents (the
    /// same length; every range inside), and drops the rest.
    pub fn check_sentences(&mut self, project: &crate::model::Project) {
        let read = std::mem::take(&mut self.read_sentences);
        for d in &project.documents {
            if let Some(r) = read.get(&d.meta.id)
                && let Some(mut list) = r.ranges(d.text.len_chars())
            {
                least_sure_first(&mut list);
                self.sentences.insert(d.meta.id.clone(), list);
            }
        }
    }

    /// The rankings as [`SENTENCES_FILE`] holds them.
    fn sentences_ron(&self, project: &crate::model::Project) -> String {
        let file: BTreeMap<&str, RankedSentences> = project
            .documents
            .iter()
            .filter_map(|d| {
                let list = self.sentences.get(&d.meta.id)?;
                Some((
                    d.meta.id.as_str(),
                    RankedSentences::new(d.text.len_chars(), list),
                ))
            })
            .collect();
        ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).unwrap_or_default()
    }
}

/// A trained model and the documents' uncertainty under it.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model.
    pub model: EntityModel,
    /// Mean entropy per char by document id.
    pub uncertainty: BTreeMap<String, f64>,
    /// Each ranked document's sentences with the mean entropy per char there, by id.
    pub sentences: BTreeMap<String, Vec<(CharRange, f64)>>,
}

/// What training needs, copied out of the project: runs on any thread.
#[derive(Debug, Clone)]
pub struct TrainInput {
    docs: Vec<TrainDoc>,
    seg: Arc<Segmenter>,
    opts: TrainOptions,
    accepted: usize,
    /// Every document (id, text) to rank afterwards.
    rank: Vec<(String, String)>,
    gazetteer: Arc<Gazetteer>,
    annotator: String,
}

impl TrainInput {
    /// How many documents it learns from.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Accepted entity spans in the documents it learns from.
    pub fn spans(&self) -> usize {
        self.docs.iter().map(|d| d.spans.len()).sum()
    }

    /// Sets the iteration limit of each training.
    pub fn set_iterations(&mut self, n: usize) {
        self.opts.params.max_iterations = n.max(1);
    }

    /// Trains, then ranks every document. `progress` stops it by returning `false`; then
    /// nothing is returned and nothing has been written.
    pub fn run(&self, progress: &mut dyn FnMut(Progress) -> bool) -> Result<Trained, TrainError> {
        let mut model = training::train(&self.seg, &self.docs, &self.opts, progress)?;
        model.meta.accepted_at_training = self.accepted;
        model.meta.annotator = Some(self.annotator.clone());
        let mut uncertainty = BTreeMap::new();
        let mut sentences = BTreeMap::new();
        for (i, (id, text)) in self.rank.iter().enumerate() {
            if !progress(Progress {
                stage: Stage::Ranking,
                done: i,
                total: self.rank.len(),
            }) {
                return Err(TrainError::Cancelled);
            }
            let t = model.tag(&self.seg, text, &self.gazetteer);
            uncertainty.insert(id.clone(), t.uncertainty);
            sentences.insert(id.clone(), t.sentences);
        }
        Ok(Trained {
            model,
            uncertainty,
            sentences,
        })
    }
}

impl Session {
    /// What the open layer's accepted events teach (every text with an accepted event, or
    /// marked done): what the window's suggestions learn the trigger lexicon and taggers
    /// from, and what `train` trains the event taggers on.
    pub fn event_learning(&self) -> crate::zh::triggers::Learning {
        crate::zh::triggers::Learning::from_layers(
            self.project
                .documents
                .iter()
                .map(|d| (d.text.as_str(), &d.layer)),
        )
    }

    /// Forget the trigger tagger the suggestion runs share, so that the next one reads the
    /// project's saved tagger (just trained and saved by `train` or the window's event
    /// training) rather than keep the one it had, which may have learnt from nearly as many
    /// events.
    pub fn forget_trigger_tagger(&mut self) {
        self.trigger_tagger = crate::learn::triggers::TaggerCache::for_project(
            self.store.dir(),
            !self.store.is_read_only(),
        );
    }

    /// A snapshot for training on the open annotator's layers: documents marked done or
    /// reviewed (`Take::Done`), or also the annotated sentences of the others.
    pub fn train_input(&self, take: Take, labels: Option<Vec<String>>) -> TrainInput {
        let p = &self.project;
        TrainInput {
            docs: training::project_docs(p, take),
            seg: self.seg.clone(),
            opts: TrainOptions {
                labels,
                held_out: true,
                ..TrainOptions::default()
            },
            accepted: self.accepted_entities(),
            rank: p
                .documents
                .iter()
                .filter(|d| !matches!(d.layer.status, DocStatus::Done | DocStatus::Reviewed))
                .map(|d| (d.meta.id.clone(), d.text.as_str().to_string()))
                .collect(),
            gazetteer: Arc::new(training::project_gazetteer(p)),
            annotator: p.annotator.clone(),
        }
    }

    /// Writes a trained model into the project's `models/` folder and suggests with it from
    /// now on. A failed write keeps the model that was there.
    pub fn install_model(&mut self, t: Trained) -> Result<(), SessionError> {
        let bytes = t.model.to_bytes();
        let meta = t.model.meta_ron();
        let unc = ron::ser::to_string_pretty(&t.uncertainty, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let mut sentences = t.sentences;
        for list in sentences.values_mut() {
            least_sure_first(list);
        }
        let models = ModelState {
            model: Some(Arc::new(t.model)),
            problem: None,
            uncertainty: t.uncertainty,
            sentences,
            walked: BTreeMap::new(),
            read_sentences: BTreeMap::new(),
            ranking_changed: false,
        };
        let ranked = models.sentences_ron(&self.project);
        self.store.write_derived(&[
            (MODEL_FILE, &bytes),
            (META_FILE, meta.as_bytes()),
            (UNCERTAINTY_FILE, unc.as_bytes()),
            (SENTENCES_FILE, ranked.as_bytes()),
        ])?;
        self.models = models;
        self.generation += 1;
        Ok(())
    }

    /// Writes the documents' uncertainty and their sentences' ranking if a suggestion run
    /// changed them. They are derived data: a failed write (a read-only project) is no
    /// loss, the next run makes them again.
    pub(crate) fn save_ranking(&mut self) {
        if self.models.model.is_none() || !std::mem::take(&mut self.models.ranking_changed) {
            return;
        }
        let unc =
            ron::ser::to_string_pretty(&self.models.uncertainty, ron::ser::PrettyConfig::default())
                .unwrap_or_default();
        let ranked = self.models.sentences_ron(&self.project);
        let _ = self.store.write_derived(&[
            (UNCERTAINTY_FILE, unc.as_bytes()),
            (SENTENCES_FILE, ranked.as_bytes()),
        ]);
    }

    /// The project's model, if it has a readable one.
    pub fn model(&self) -> Option<&Arc<EntityModel>> {
        self.models.model.as_ref()
    }

    /// Why the project's model could not be read (the rules suggest alone).
    pub fn model_problem(&self) -> Option<&ModelError> {
        self.models.problem.as_ref()
    }

    /// Document `id`'s uncertainty under the model (mean entropy per char), if ranked.
    pub fn doc_uncertainty(&self, id: &str) -> Option<f64> {
        self.models.uncertainty.get(id).copied()
    }

    /// Updates a document's uncertainty (after suggesting on it with the model).
    pub fn set_doc_uncertainty(&mut self, id: &str, u: f64) {
        self.models.uncertainty.insert(id.to_string(), u);
    }

    /// Keeps what the model made of document `id`'s sentences (range, mean entropy per char),
    /// for [`Session::next_unsure_sentence`]: the least sure first, in text order on a tie.
    pub fn set_unsure_sentences(&mut self, id: &str, mut sentences: Vec<(CharRange, f64)>) {
        least_sure_first(&mut sentences);
        self.models.sentences.insert(id.to_string(), sentences);
        self.models.ranking_changed = true;
        self.models.walked.remove(id);
    }

    /// The current document's sentences, the model's least sure first (none before the
    /// model has read it: at training, unless it was done, or in a suggestion run).
    pub fn unsure_sentences(&self) -> &[(CharRange, f64)] {
        self.project
            .documents
            .get(self.doc)
            .map_or(&[], |d| self.unsure_sentences_of(&d.meta.id))
    }

    /// Document `id`'s sentences, the model's least sure first ([`Session::unsure_sentences`]).
    pub fn unsure_sentences_of(&self, id: &str) -> &[(CharRange, f64)] {
        self.models.sentences.get(id).map_or(&[], Vec::as_slice)
    }

    /// Selects the next sentence of the current document in the model's order, the least
    /// sure first: the one after the selected sentence if one of them is selected, else after
    /// the one U went to last (accepting suggestions in it moves the selection on), else the
    /// first; after the last, the first again. Returns it, or `None` when the model has not
    /// read the document.
    pub fn next_unsure_sentence(&mut self) -> Option<UnsureSentence> {
        let list = self.unsure_sentences();
        if list.is_empty() {
            return None;
        }
        let id = self.project.documents.get(self.doc)?.meta.id.clone();
        let here = self.selection.map(|s| s.range());
        let k = here
            .and_then(|r| list.iter().position(|(s, _)| *s == r))
            .or_else(|| self.models.walked.get(&id).copied())
            .map_or(0, |k| (k + 1) % list.len());
        let (range, entropy) = list[k];
        let of = list.len();
        self.models.walked.insert(id, k);
        self.set_selection(super::Selection {
            anchor: range.start,
            head: range.end,
        });
        self.selected_span = None;
        Some(UnsureSentence {
            range,
            entropy,
            rank: k + 1,
            of,
        })
    }

    /// Accepted entity spans in the open layers: the window retrains after N more.
    pub fn accepted_entities(&self) -> usize {
        self.project
            .documents
            .iter()
            .map(|d| {
                d.layer
                    .accepted()
                    .filter(|s| s.kind == SpanKind::Entity)
                    .count()
            })
            .sum()
    }

    /// Model suggestions below this probability are left out (0 keeps them all).
    pub fn min_confidence(&self) -> f32 {
        self.min_confidence
    }

    /// The order pending suggestions are walked in.
    pub fn suggestion_order(&self) -> SuggestionOrder {
        self.suggestion_order
    }

    /// Sets the order pending suggestions are walked in.
    pub fn set_suggestion_order(&mut self, o: SuggestionOrder) {
        self.suggestion_order = o;
    }

    /// Sets the least probability a model suggestion needs.
    pub fn set_min_confidence(&mut self, c: f32) {
        self.min_confidence = if c.is_finite() {
            c.clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
}
