//! Suggestions that learn from the annotator: a linear-chain CRF over chars, trained on the
//! project's accepted entity spans in seconds, offline, that proposes the rest with a
//! confidence and says how unsure it is of each document.
//!
//! - [`crf`]: the CRF itself (training by L-BFGS/OWL-QN on every core, Viterbi, marginals,
//!   span probabilities); it knows nothing of text.
//! - [`features`]: what the tagger sees of each char (chars ±2, bigrams, classes, the jieba
//!   word and POS tag, the rules' suggestions, the project's gazetteer).
//! - [`training`]: which documents and sentences count, the held-out measurement, training.
//! - [`model`]: the trained tagger, its files (`models/entities.crf` and `.ron`) and tagging.
//! - [`score`]: exact-span P/R/F1 per label.
//! - [`triggers`]: the same CRF trained on a project's accepted event triggers, whose spans
//!   join the trigger lexicon's suggestions.
//! - [`arguments`]: the same CRF trained on the accepted events' arguments, given their
//!   trigger: the spans around a suggested trigger that fill its roles.
//! - [`event_scores`]: the event suggestions learnt from 90% of the annotated texts, scored on
//!   the rest (`biaozhu train`).
//!
//! The model is derived data: the project's files stay the source of truth, and a project
//! without a model suggests exactly as before.

pub mod arguments;
pub mod crf;
pub mod event_scores;
pub mod features;
pub mod model;
pub mod score;
pub mod training;
pub mod triggers;

pub use model::{EntityModel, Found, LabelScore, ModelError, ModelMeta, Tagged};
pub use training::{Progress, Stage, Take, TrainDoc, TrainError, TrainOptions};
