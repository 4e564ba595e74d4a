//! A trained entity tagger: its labels, the attributes it knows, the CRF, and what was
//! measured when it was trained. It is written as two files in the project's `models/`
//! folder: `entities.crf` (binary, checked by a SHA-256 at its end) and `entities.ron` (what
//! a person reads: labels, feature version, training size, date, held-out scores).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::crf::Crf;
use super::features::{self, AttrMap, FEATURE_VERSION, FeatureSet, Gazetteer, Hints};
use crate::i18n::Said;
use crate::model::CharRange;
use crate::said;
use crate::zh::segment::Segmenter;

/// The model file's first bytes.
const MAGIC: &[u8; 8] = b"BZCRF\0\0\x01";
/// The binary layout's version (not the features').
pub const FILE_VERSION: u32 = 1;
/// The model's binary file, under the project folder.
pub const MODEL_FILE: &str = "models/entities.crf";
/// The model's description, under the project folder.
pub const META_FILE: &str = "models/entities.ron";

/// Precision, recall and F1 of one label on held-out data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct LabelScore {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Gold spans of the label in the held-out part.
    pub support: usize,
    /// Spans of the label proposed in the held-out part (`None` in a file written before it
    /// was kept).
    #[serde(default)]
    pub predicted: Option<usize>,
}

impl LabelScore {
    /// Precision, recall and F1 with `digits` decimals, each `—` where it has no
    /// denominator: precision where nothing was proposed, recall and F1 where the held-out
    /// part holds none of the label. A 0 there would read as a model that is always wrong,
    /// when it was not measured (a label no held-out document has).
    pub fn shown(&self, digits: usize) -> [String; 3] {
        let dash = || "—".to_string();
        let val = |x: f64| format!("{x:.digits$}");
        let unmeasured = self.support == 0;
        let nothing_proposed = match self.predicted {
            Some(n) => n == 0,
            // An older file: with no gold, a precision of 0 cannot be told from none.
            None => unmeasured && self.precision == 0.0,
        };
        [
            if nothing_proposed {
                dash()
            } else {
                val(self.precision)
            },
            if unmeasured { dash() } else { val(self.recall) },
            if unmeasured { dash() } else { val(self.f1) },
        ]
    }

    /// The score of `tp` right of `pred` predicted, against `gold` (0 where a ratio has no
    /// denominator; [`Self::shown`] says `—` there).
    pub fn of_counts(tp: usize, pred: usize, gold: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(tp, pred), ratio(tp, gold));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
            support: gold,
            predicted: Some(pred),
        }
    }
}

/// What `models/entities.ron` says of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ModelMeta {
    /// The entity labels it tags.
    pub labels: Vec<String>,
    /// [`FEATURE_VERSION`] when it was trained.
    pub feature_version: u32,
    /// Documents and sentences it was trained on, and the spans in them.
    pub documents: usize,
    /// Sentences trained on.
    pub sentences: usize,
    /// Spans trained on.
    pub spans: usize,
    /// Whose annotation it learnt from (`None`: the open annotator's).
    pub annotator: Option<String>,
    /// When it was trained (UTC, `YYYY-MM-DD HH:MM`).
    pub trained: String,
    /// Seconds training took (held-out run and final model together).
    pub seconds: f64,
    /// How the held-out scores were measured (`last 10% of documents: 2 of 20`), or why
    /// there are none.
    pub held_out: String,
    /// Per label, on the held-out part (empty when there was none).
    pub scores: BTreeMap<String, LabelScore>,
    /// All labels together (micro-averaged).
    pub overall: Option<LabelScore>,
    /// Accepted spans in the project when it was trained (the window retrains after N more).
    #[serde(default)]
    pub accepted_at_training: usize,
}

impl ModelMeta {
    /// [`ModelMeta::held_out`] in `lang` (the file keeps the English, as training wrote it):
    /// `后 10% 的文档：20 个中的 2 个`.
    pub fn held_out_in(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.held_out.clone();
        }
        let h = self.held_out.as_str();
        if let Some((k, n)) = h
            .strip_prefix("last 10% of documents: ")
            .and_then(|r| r.split_once(" of "))
        {
            return format!("后 10% 的文档：{n} 个中的 {k} 个");
        }
        match h {
            "none: one document only" => "无：只有一篇文档".to_string(),
            "none" => "无".to_string(),
            other => other.to_string(),
        }
    }
}

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// The file is not a biaozhu model, or it is cut off or changed (checksum).
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: Said,
    },
    /// A model written by another version of biaozhu's features or file layout.
    Version {
        /// The file.
        path: PathBuf,
        /// What the file says (`file 2, features 1`).
        found: String,
        /// What this biaozhu reads.
        expected: String,
    },
    /// Reading failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        what: String,
    },
}

impl ModelError {
    /// What is wrong with the file, naming it, in both languages, without what follows from
    /// it (the trigger tagger, trained again on the spot, says its own consequence).
    pub fn cause(&self) -> Said {
        match self {
            ModelError::Corrupt { path, what } => {
                said!("模型文件已损坏：{what}", "the model file is damaged: {what}"; what)
                    .at(&path.display().to_string())
            }
            ModelError::Version {
                path,
                found,
                expected,
            } => said!(
                "模型文件的版本（{found}）与本程序（{expected}）不符",
                "the model file's version ({found}) is not the one this biaozhu reads ({expected})"
            )
            .at(&path.display().to_string()),
            ModelError::Io { path, what } => said!(
                "无法读取模型文件：{what}",
                "cannot read the model file: {what}"
            )
            .at(&path.display().to_string()),
        }
    }

    /// The message in both languages, naming the file: [`ModelError::cause`] and that the
    /// rules suggest alone until the entity model is trained again.
    pub fn said(&self) -> Said {
        let (zh, en) = match self {
            ModelError::Corrupt { .. } => (
                "；将只用规则建议（可用“训练模型”重新训练）",
                "; suggestions will come from the rules only (train the model again to replace it)",
            ),
            ModelError::Version { .. } => (
                "；将只用规则建议，请重新训练",
                "; suggestions will come from the rules only: train the model again",
            ),
            ModelError::Io { .. } => (
                "；将只用规则建议",
                "; suggestions will come from the rules only",
            ),
        };
        let c = self.cause();
        Said {
            zh: format!("{}{zh}", c.zh),
            en: format!("{}{en}", c.en),
        }
    }
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().en)
    }
}

impl std::error::Error for ModelError {}

/// One span the model proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Where.
    pub range: CharRange,
    /// The entity label.
    pub label: String,
    /// The CRF's probability of exactly this span with this label.
    pub confidence: f64,
}

/// What the model makes of a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagged {
    /// The spans of its best path, each with its probability.
    pub spans: Vec<Found>,
    /// The mean entropy (nats) of the label of each char: how unsure the model is.
    pub uncertainty: f64,
    /// The indices in `spans` of those the rules gave where the model's path had nothing
    /// ([`Hints::sure`]): suggested as the rules', not the model's.
    pub from_rules: Vec<usize>,
    /// The indices in `spans` of those spread from a name the model tagged elsewhere in the
    /// text: suggested as propagation, with the model's probability where they stand.
    pub spread: Vec<usize>,
    /// Each sentence it read, in text order, with the mean entropy (nats) of the label of
    /// its chars: where the model is least sure, which the annotator is pointed to.
    pub sentences: Vec<(CharRange, f64)>,
}

/// A trained entity tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityModel {
    /// The entity labels (tags: see `tag_of`).
    pub labels: Vec<String>,
    /// Attribute hash → attribute id of the CRF.
    attrs: AttrMap,
    /// The CRF.
    crf: Crf,
    /// What was measured and recorded at training.
    pub meta: ModelMeta,
    /// The attributes it was trained with.
    pub features: FeatureSet,
}

impl EntityModel {
    /// A model from its parts (training builds it).
    pub(crate) fn new(
        labels: Vec<String>,
        attrs: AttrMap,
        mut crf: Crf,
        features: FeatureSet,
    ) -> Self {
        // Weights are stored as f32: round them now so that a saved and read model tags
        // exactly as the one in memory.
        for w in crf.weights.iter_mut().chain(crf.transitions.iter_mut()) {
            *w = f64::from(*w as f32);
        }
        Self {
            meta: ModelMeta {
                labels: labels.clone(),
                feature_version: FEATURE_VERSION,
                ..ModelMeta::default()
            },
            labels,
            attrs,
            crf,
            features,
        }
    }

    /// Number of attributes with a weight.
    pub fn num_attributes(&self) -> usize {
        self.attrs.len()
    }

    /// Tags a whole text, sentence by sentence.
    pub fn tag(&self, seg: &Segmenter, text: &str, gazetteer: &Gazetteer) -> Tagged {
        self.reading(seg, text, gazetteer).tag(seg)
    }

    /// The probability, for each of `ranges` (chars of `text`), that it is exactly one span of
    /// `label` ([`Reading::probabilities`]).
    pub fn probabilities(
        &self,
        seg: &Segmenter,
        text: &str,
        gazetteer: &Gazetteer,
        label: &str,
        ranges: &[CharRange],
    ) -> Vec<f64> {
        self.reading(seg, text, gazetteer)
            .probabilities(label, ranges)
    }

    /// Reads `text` (its words, the rules' hints, the gazetteer's matches, its sentences) once,
    /// for tagging it and weighing spans in it without reading it again.
    pub fn reading(&self, seg: &Segmenter, text: &str, gazetteer: &Gazetteer) -> Reading<'_> {
        let chars: Vec<char> = text.chars().collect();
        let mut hints = Hints::of(self.features, seg, text, &chars);
        hints.set_gazetteer(gazetteer, &chars, None);
        let sentences = crate::zh::sentences::split_chars(&chars)
            .into_iter()
            .map(|r| r.start as usize..(r.end as usize).min(chars.len()))
            .collect();
        Reading {
            model: self,
            chars,
            hints,
            sentences,
        }
    }

    /// The probability that chars `start..start + len` of a sentence (its attributes) are
    /// exactly one span of label `k`.
    fn probability(&self, attrs: &[Vec<u64>], start: usize, len: usize, k: usize) -> f64 {
        let lat = self.crf.lattice(&self.items(attrs));
        lat.path_probability(start, &span_tags(k, len), None)
    }

    /// The Viterbi path of a sequence of attributes (hashes) and its lattice, for a model
    /// whose attributes are built elsewhere ([`super::arguments`]).
    pub(crate) fn path_of(&self, attrs: &[Vec<u64>]) -> (Vec<u16>, crate::learn::crf::Lattice) {
        let lat = self.crf.lattice(&self.items(attrs));
        (lat.viterbi(), lat)
    }

    fn items(&self, attrs: &[Vec<u64>]) -> Vec<Vec<u32>> {
        attrs
            .iter()
            .map(|a| {
                a.iter()
                    .filter_map(|h| self.attrs.get(h).copied())
                    .collect()
            })
            .collect()
    }

    /// Tags one sentence's attributes; returns its spans (offset by `at`) and its summed
    /// entropy.
    pub(crate) fn tag_items(&self, attrs: &[Vec<u64>], at: usize) -> (Vec<Found>, f64) {
        let lat = self.crf.lattice(&self.items(attrs));
        let path = lat.viterbi();
        let entropy: f64 = (0..lat.len()).map(|t| lat.entropy(t)).sum();
        let mut found = Vec::new();
        for (s, e, k) in spans_of(&path) {
            let p = span_tags(k, e - s);
            let confidence = lat.path_probability(s, &p, None);
            found.push(Found {
                range: CharRange::new((at + s) as u32, (at + e) as u32),
                label: self.labels[k].clone(),
                confidence,
            });
        }
        for (t, k, confidence) in off_path(&path, self.labels.len(), |t, y| lat.marginal(t, y)) {
            found.push(Found {
                range: CharRange::new((at + t) as u32, (at + t + 1) as u32),
                label: self.labels[k].clone(),
                confidence,
            });
        }
        found.sort_by_key(|f| f.range.start);
        (found, entropy)
    }

    /// The binary model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        put_u32(&mut b, FILE_VERSION);
        put_u32(&mut b, FEATURE_VERSION);
        put_u32(&mut b, self.features.code());
        put_u32(&mut b, self.labels.len() as u32);
        for l in &self.labels {
            put_u32(&mut b, l.len() as u32);
            b.extend_from_slice(l.as_bytes());
        }
        let l = self.crf.num_labels;
        for w in &self.crf.transitions {
            b.extend_from_slice(&(*w as f32).to_le_bytes());
        }
        // Attributes in id order, each with its non-zero state features.
        let mut by_id: Vec<(u32, u64)> = self.attrs.iter().map(|(h, id)| (*id, *h)).collect();
        by_id.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        for (id, h) in by_id {
            let a = id as usize;
            if a + 1 >= self.crf.offsets.len() {
                continue;
            }
            let feats: Vec<(u16, f32)> = (self.crf.offsets[a] as usize
                ..self.crf.offsets[a + 1] as usize)
                .filter(|f| self.crf.weights[*f] != 0.0)
                .map(|f| (self.crf.feature_labels[f], self.crf.weights[f] as f32))
                .collect();
            if !feats.is_empty() {
                rows.push((h, feats));
            }
        }
        put_u32(&mut b, rows.len() as u32);
        for (h, feats) in rows {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&(feats.len() as u16).to_le_bytes());
            for (lab, w) in feats {
                b.extend_from_slice(&lab.to_le_bytes());
                b.extend_from_slice(&w.to_le_bytes());
            }
        }
        let _ = l;
        let sum = Sha256::digest(&b);
        b.extend_from_slice(&sum);
        b
    }

    /// Reads the model file at `path`: `Ok(None)` when there is none.
    pub fn read(path: &Path) -> Result<Option<Self>, ModelError> {
        match std::fs::read(path) {
            Ok(b) => Self::from_bytes(path, &b).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ModelError::Io {
                path: path.to_path_buf(),
                what: e.to_string(),
            }),
        }
    }

    /// Reads a model file's bytes (`path` names it in errors).
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, ModelError> {
        let corrupt = |what: Said| ModelError::Corrupt {
            path: path.to_path_buf(),
            what,
        };
        if bytes.len() < MAGIC.len() + 32 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(corrupt(said!(
                "不是 biaozhu 模型文件",
                "not a biaozhu model file"
            )));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 32);
        let mut r = Reader {
            b: body,
            at: MAGIC.len(),
        };
        let cut = || said!("文件不完整", "the file is cut off");
        let file_version = r.u32().ok_or_else(|| corrupt(cut()))?;
        let feature_version = r.u32().ok_or_else(|| corrupt(cut()))?;
        if file_version != FILE_VERSION || feature_version != FEATURE_VERSION {
            return Err(ModelError::Version {
                path: path.to_path_buf(),
                found: format!("file {file_version}, features {feature_version}"),
                expected: format!("file {FILE_VERSION}, features {FEATURE_VERSION}"),
            });
        }
        if Sha256::digest(body).as_slice() != sum {
            return Err(corrupt(said!(
                "校验和不符（文件被截断或改动过）",
                "its checksum does not match (the file was cut off or changed)"
            )));
        }
        let features = FeatureSet::from_code(r.u32().ok_or_else(|| corrupt(cut()))?)
            .ok_or_else(|| corrupt(said!("未知的特征集", "an unknown feature set")))?;
        let n_labels = r.u32().ok_or_else(|| corrupt(cut()))? as usize;
        if n_labels == 0 || n_labels > 1000 {
            return Err(corrupt(said!("标签数不对", "a wrong number of labels")));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let n = r.u32().ok_or_else(|| corrupt(cut()))? as usize;
            let s = r.take(n).ok_or_else(|| corrupt(cut()))?;
            let s = std::str::from_utf8(s)
                .map_err(|_| corrupt(said!("标签不是 UTF-8", "a label is not UTF-8")))?;
            labels.push(s.to_string());
        }
        let l = num_tags(n_labels);
        // Capacities are bounded by what the file can hold, so a forged count cannot ask for
        // more memory than the file's size warrants.
        let room = body.len();
        let mut transitions = Vec::with_capacity((l * l).min(room / 4));
        for _ in 0..l * l {
            transitions.push(f64::from(r.f32().ok_or_else(|| corrupt(cut()))?));
        }
        let rows = r.u32().ok_or_else(|| corrupt(cut()))? as usize;
        let rows_cap = rows.min(room / 10);
        let mut attrs = AttrMap::with_capacity_and_hasher(rows_cap, Default::default());
        let mut offsets = Vec::with_capacity(rows_cap + 1);
        let mut feature_labels = Vec::new();
        let mut weights = Vec::new();
        offsets.push(0u32);
        for id in 0..rows {
            let h = r.u64().ok_or_else(|| corrupt(cut()))?;
            let n = r.u16().ok_or_else(|| corrupt(cut()))?;
            for _ in 0..n {
                let lab = r.u16().ok_or_else(|| corrupt(cut()))?;
                if lab as usize >= l {
                    return Err(corrupt(said!(
                        "特征指向不存在的标签",
                        "a feature names a label that does not exist"
                    )));
                }
                feature_labels.push(lab);
                weights.push(f64::from(r.f32().ok_or_else(|| corrupt(cut()))?));
            }
            offsets.push(feature_labels.len() as u32);
            attrs.insert(h, id as u32);
        }
        if r.at != body.len() {
            return Err(corrupt(said!(
                "文件末尾有多余内容",
                "there is more in the file than the model"
            )));
        }
        let crf = Crf {
            num_labels: l,
            offsets,
            feature_labels,
            weights,
            transitions,
        };
        Ok(Self {
            meta: ModelMeta {
                labels: labels.clone(),
                feature_version,
                ..ModelMeta::default()
            },
            labels,
            attrs,
            crf,
            features,
        })
    }

    /// `models/entities.ron`'s text.
    pub fn meta_ron(&self) -> String {
        ron::ser::to_string_pretty(&self.meta, ron::ser::PrettyConfig::default())
            .unwrap_or_default()
    }

    /// Reads a project's model, if it has one: `Ok(None)` when there is no model file. The
    /// description is read when it parses; a missing or broken description only loses the
    /// scores, never the model.
    pub fn load(project_dir: &Path) -> Result<Option<Self>, ModelError> {
        let Some(mut m) = Self::read(&project_dir.join(MODEL_FILE))? else {
            return Ok(None);
        };
        if let Ok(text) = std::fs::read_to_string(project_dir.join(META_FILE))
            && let Ok(meta) = ron::from_str::<ModelMeta>(&text)
            && meta.labels == m.labels
        {
            m.meta = meta;
        }
        Ok(Some(m))
    }
}

/// A text as a model has read it ([`EntityModel::reading`]): tag it, or weigh spans in it.
pub struct Reading<'m> {
    model: &'m EntityModel,
    chars: Vec<char>,
    hints: Hints,
    /// Its sentences, in chars.
    sentences: Vec<std::ops::Range<usize>>,
}

impl Reading<'_> {
    /// Tags the whole text, sentence by sentence ([`EntityModel::tag`]).
    pub fn tag(&self, seg: &Segmenter) -> Tagged {
        let (model, chars, hints) = (self.model, &self.chars, &self.hints);
        let mut out = Tagged::default();
        let mut entropy = 0.0;
        let mut counted = 0usize;
        let mut sentences = Vec::new();
        for range in &self.sentences {
            if range.is_empty() || chars[range.clone()].iter().all(|c| c.is_whitespace()) {
                continue;
            }
            let attrs = features::sentence(chars, hints, range.clone());
            let (found, h) = model.tag_items(&attrs, range.start);
            out.spans.extend(found);
            out.sentences.push((
                CharRange::new(range.start as u32, range.end as u32),
                h / range.len() as f64,
            ));
            entropy += h;
            counted += range.len();
            sentences.push(range.clone());
        }
        let (spans, added, from_rules) = settle(chars, hints, out.spans, &model.labels, &|w| {
            common_word(seg, w)
        });
        out.spans = spans;
        out.spread = added
            .iter()
            .copied()
            .filter(|i| from_rules.binary_search(i).is_err())
            .collect();
        out.from_rules = from_rules;
        // A spread span's confidence is the CRF's probability of it where it was added (low:
        // the model did not choose it there), so that it is reviewed first.
        for i in added {
            let r = out.spans[i].range;
            let Some(range) = sentences
                .iter()
                .find(|s| s.start <= r.start as usize && r.end as usize <= s.end)
            else {
                continue;
            };
            let attrs = features::sentence(chars, hints, range.clone());
            if let Some(k) = model.labels.iter().position(|l| *l == out.spans[i].label) {
                out.spans[i].confidence =
                    model.probability(&attrs, r.start as usize - range.start, r.len() as usize, k);
            }
        }
        out.uncertainty = if counted == 0 {
            0.0
        } else {
            entropy / counted as f64
        };
        out
    }

    /// The probability, for each of `ranges` (chars of the text), that it is exactly one span
    /// of `label` (0 for a range across sentences, out of the text, or a label the model does
    /// not tag): how sure the model is of a span something else proposed, in its context.
    pub fn probabilities(&self, label: &str, ranges: &[CharRange]) -> Vec<f64> {
        let model = self.model;
        let Some(k) = model.labels.iter().position(|l| l == label) else {
            return vec![0.0; ranges.len()];
        };
        // Each sentence's lattice, built once for all the ranges in it.
        let mut lattices: BTreeMap<usize, super::crf::Lattice> = BTreeMap::new();
        ranges
            .iter()
            .map(|r| {
                let (s, e) = (r.start as usize, r.end as usize);
                let Some(i) = self
                    .sentences
                    .iter()
                    .position(|x| x.start <= s && e <= x.end && s < e)
                else {
                    return 0.0;
                };
                let range = self.sentences[i].clone();
                let lat = lattices.entry(i).or_insert_with(|| {
                    let attrs = features::sentence(&self.chars, &self.hints, range.clone());
                    model.crf.lattice(&model.items(&attrs))
                });
                lat.path_probability(s - range.start, &span_tags(k, e - s), None)
            })
            .collect()
    }
}

/// A model's spans as suggestions (origin `Model`, with their probability), leaving out those
/// below `min_confidence`; those the rules gave ([`Tagged::from_rules`]) as the rules'
/// (origin `Rule`, no probability, never cut); those spread from a name tagged elsewhere
/// ([`Tagged::spread`]) as propagation (origin `Propagation`, with the probability where
/// they stand, cut as the model's are).
pub fn suggestions(t: Tagged, min_confidence: f32) -> Vec<crate::zh::suggest::Suggestion> {
    use crate::zh::suggest::Origin;
    let from_rules: std::collections::HashSet<usize> = t.from_rules.into_iter().collect();
    let spread: std::collections::HashSet<usize> = t.spread.into_iter().collect();
    t.spans
        .into_iter()
        .enumerate()
        .filter_map(|(i, f)| {
            // The rules' spans are the rules' suggestions, with no probability of their own
            // to cut by.
            let rule = from_rules.contains(&i);
            if !rule && (f.confidence as f32) < min_confidence {
                return None;
            }
            Some(crate::zh::suggest::Suggestion {
                range: f.range,
                label: f.label,
                kind: crate::model::SpanKind::Entity,
                value: None,
                origin: if rule {
                    Origin::Rule
                } else if spread.contains(&i) {
                    Origin::Propagation
                } else {
                    Origin::Model
                },
                confidence: (!rule).then_some(f.confidence as f32),
            })
        })
        .collect()
}

/// Below this probability, a span of the CRF's path that the rules give otherwise
/// ([`Hints::rules_differ`]) is dropped.
const UNSURE: f64 = 0.5;

/// The least probability at which a one-char span off the CRF's best path is still taken
/// ([`EntityModel::tag_items`]): on both tuning parts of MSRA, 0.3 added recall at no cost
/// in precision, 0.2 cost some.
const ONE_CHAR_LEAST: f64 = 0.3;

/// The spans of a text as the tagger gives them: without those of the CRF's `spans` it is
/// unsure of and the rules give otherwise ([`UNSURE`]), [`spread`] over the text (but not
/// where the rules give those chars otherwise), then without those that sit inside a fixed
/// expression or an idiom ([`Hints::inside_fixed`]), with the organisations the path's places
/// open ([`opened_organisations`]),
/// then with the rules' surest spans ([`Hints::sure`]) of the model's `labels` where no span
/// is. Returns them in order with the indices of the added ones (spread or from the rules),
/// as [`spread`] does, and those of the ones from the rules.
pub(crate) fn settle(
    chars: &[char],
    hints: &Hints,
    spans: Vec<Found>,
    labels: &[String],
    common: &dyn Fn(&str) -> bool,
) -> (Vec<Found>, Vec<usize>, Vec<usize>) {
    // A span the CRF gives less than even odds, where the rules see the chars otherwise, is
    // more often wrong than right (on both tuning parts of MSRA).
    let spans = spans
        .into_iter()
        .filter(|f| {
            f.confidence >= UNSURE
                || !hints.rules_differ(f.range.start as usize, f.range.end as usize, &f.label)
        })
        .collect();
    let (spread, added) = spread(chars, spans, common);
    let added: std::collections::HashSet<usize> = added.into_iter().collect();
    // Each span with how it came: the path, spread, or the rules.
    let mut all: Vec<(Found, Came)> = spread
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !hints.inside_fixed(f.range.start as usize, f.range.end as usize))
        .map(|(i, f)| {
            let came = if added.contains(&i) {
                Came::Spread
            } else {
                Came::Path
            };
            (f, came)
        })
        // Spreading a name is a guess about another place in the text: where the rules see
        // those chars otherwise (a place to jieba where the model once saw a person), it is
        // not made.
        .filter(|(f, came)| {
            *came != Came::Spread
                || !hints.rules_differ(f.range.start as usize, f.range.end as usize, &f.label)
        })
        .collect();
    if labels.iter().any(|l| l == ORG) {
        opened_organisations(hints, &mut all);
    }
    // Which chars a span holds (the path's spans and the spread ones do not overlap).
    let mut taken = vec![false; chars.len()];
    let mark = |taken: &mut [bool], f: &Found, on: bool| {
        let (s, e) = (
            f.range.start as usize,
            (f.range.end as usize).min(chars.len()),
        );
        for t in taken.iter_mut().take(e).skip(s) {
            *t = on;
        }
    };
    for (f, _) in &all {
        mark(&mut taken, f, true);
    }
    for sure in hints.sure() {
        let r = &sure.range;
        if !labels.contains(&sure.label) || r.end > chars.len() {
            continue;
        }
        if sure.known && taken[r.clone()].iter().any(|t| *t) {
            // A name the lexicon knows is one entity: the spans inside it give way.
            all.retain(|(f, _)| {
                let (s, e) = (f.range.start as usize, f.range.end as usize);
                let inside = r.start <= s && e <= r.end && (s, e) != (r.start, r.end);
                if inside {
                    mark(&mut taken, f, false);
                }
                !inside
            });
        }
        if !taken[r.clone()].iter().any(|t| *t) {
            let f = Found {
                range: CharRange::new(r.start as u32, r.end as u32),
                label: sure.label.clone(),
                confidence: 0.0,
            };
            mark(&mut taken, &f, true);
            all.push((f, Came::Rules));
        }
    }
    all.sort_by_key(|(f, _)| (f.range.start, f.range.end));
    let which = |want: &dyn Fn(Came) -> bool| -> Vec<usize> {
        all.iter()
            .enumerate()
            .filter(|(_, (_, c))| want(*c))
            .map(|(i, _)| i)
            .collect()
    };
    let out_added = which(&|c| c != Came::Path);
    let from_rules = which(&|c| c == Came::Rules);
    (
        all.into_iter().map(|(f, _)| f).collect(),
        out_added,
        from_rules,
    )
}

/// The label of organisations, which [`opened_organisations`] gives.
const ORG: &str = "ORG";

/// A place of the path that opens a longer span the rules read as an organisation, and that
/// no other span overlaps (北京市 of 北京市人才服务中心, 欧洲 of 欧洲货币局), gives way to that
/// organisation, which then counts as the rules' ([`Came::Rules`]). On MSRA sentences
/// 5,001-10,000 P 0.850 R 0.771 became P 0.852 R 0.773; on 10,001-15,000 nothing moved at
/// three decimals. Taking the rules' organisation over spans of any label, or over a place
/// inside it rather than at its start, or over several spans, cost on 10,001-15,000.
fn opened_organisations(hints: &Hints, all: &mut [(Found, Came)]) {
    for i in 0..all.len() {
        let (f, came) = &all[i];
        if f.label != "LOC" || *came != Came::Path {
            continue;
        }
        let (s, e) = (f.range.start as usize, f.range.end as usize);
        // The rules' spans are in text order: look only at those starting where the place does.
        let rules = hints.rule_spans();
        let Some((r, _)) = rules[rules.partition_point(|(r, _)| r.start < s)..]
            .iter()
            .take_while(|(r, _)| r.start == s)
            .find(|(r, l)| l == ORG && r.end > e)
        else {
            continue;
        };
        let alone = all.iter().enumerate().all(|(j, (g, _))| {
            j == i || g.range.end as usize <= r.start || g.range.start as usize >= r.end
        });
        if alone {
            all[i] = (
                Found {
                    range: CharRange::new(r.start as u32, r.end as u32),
                    label: ORG.to_string(),
                    confidence: 0.0,
                },
                Came::Rules,
            );
        }
    }
}

/// Whether `word` is a word of jieba's dictionary that names no person (和平, 今天): a
/// given name that is one is not looked for alone ([`spread`]).
pub(crate) fn common_word(seg: &Segmenter, word: &str) -> bool {
    match seg.tag_word(word).as_slice() {
        [one] => seg.jieba().has_word(word) && !one.tag.starts_with("nr"),
        _ => false,
    }
}

/// How a span of [`settle`] came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Came {
    /// The CRF's path.
    Path,
    /// Spread from a name the path has elsewhere ([`spread`]).
    Spread,
    /// The rules: their surest kinds ([`Hints::sure`]), or an organisation a place of the
    /// path opens ([`opened_organisations`]).
    Rules,
}

/// A name the model tags somewhere in a text is the same name elsewhere in it: each string it
/// tagged with one label only (probability at least a half, two chars or more) is added where
/// it occurs untagged and overlaps no span; so is a person's [`short_form`] unless `common`
/// says it is an everyday word. Returns the spans in order and the indices of the added ones
/// (their confidence is still the one of the string where it was tagged).
pub(crate) fn spread(
    chars: &[char],
    mut spans: Vec<Found>,
    common: &dyn Fn(&str) -> bool,
) -> (Vec<Found>, Vec<usize>) {
    use std::collections::BTreeMap;
    // Each name with its label and confidence, and for a short form the char it may not
    // follow (the rest of the full name).
    type Name = Option<(String, f64, Option<char>)>;
    let mut names: BTreeMap<Vec<char>, Name> = BTreeMap::new();
    for f in &spans {
        let (s, e) = (f.range.start as usize, f.range.end as usize);
        if e - s < 2 || f.confidence < 0.5 || e > chars.len() {
            continue;
        }
        let key = chars[s..e].to_vec();
        match names.get_mut(&key) {
            None => {
                names.insert(key, Some((f.label.clone(), f.confidence, None)));
            }
            Some(Some((l, c, _))) if *l == f.label => *c = c.max(f.confidence),
            Some(slot) => *slot = None,
        }
    }
    // A person named in full is often named again by the given name alone (杨俊平 … 俊平)
    // or, for a foreign name, by its last part (迈克尔·琼斯 … 琼斯): those are looked for
    // too, unless the text tags them as something else or they are a common word (和平 of
    // 王和平). Not inside the full name, though: that is the full name's to spread.
    let short: Vec<(Vec<char>, Name)> = names
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|(l, c, _)| (k, l, *c)))
        .filter(|(_, l, _)| l.as_str() == "PER")
        .filter_map(|(k, l, c)| {
            let (s, before) = short_form(k)?;
            let word: String = s.iter().collect();
            (!common(&word)).then(|| (s, Some((l.clone(), c, Some(before)))))
        })
        .collect();
    for (key, v) in short {
        names.entry(key).or_insert(v);
    }
    // No name to look for: no index of the text's chars either.
    if names.values().all(Option::is_none) {
        return (spans, Vec::new());
    }
    let mut taken = vec![false; chars.len()];
    for f in &spans {
        for t in &mut taken[f.range.start as usize..(f.range.end as usize).min(chars.len())] {
            *t = true;
        }
    }
    // Where each char is written, so that a name is compared only where its first char is
    // (a long text has thousands of names to look for).
    let mut at: std::collections::HashMap<char, Vec<usize>> = std::collections::HashMap::new();
    for (i, c) in chars.iter().enumerate() {
        at.entry(*c).or_default().push(i);
    }
    let mut added = Vec::new();
    for (name, v) in &names {
        let Some((label, c, not_after)) = v else {
            continue;
        };
        let n = name.len();
        let Some(starts) = name.first().and_then(|c| at.get(c)) else {
            continue;
        };
        // The next char a match may start at (one found skips its own chars).
        let mut free = 0;
        for &i in starts {
            if i < free
                || i + n > chars.len()
                || not_after.is_some_and(|b| i > 0 && chars[i - 1] == b)
            {
                continue;
            }
            if chars[i..i + n] == name[..] && !taken[i..i + n].iter().any(|t| *t) {
                for t in &mut taken[i..i + n] {
                    *t = true;
                }
                added.push(Found {
                    range: CharRange::new(i as u32, (i + n) as u32),
                    label: label.clone(),
                    confidence: *c,
                });
                free = i + n;
            }
        }
    }
    if added.is_empty() {
        return (spans, Vec::new());
    }
    let n = spans.len();
    spans.extend(added);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].range.start, spans[i].range.end));
    let mut out = Vec::with_capacity(spans.len());
    let mut new = Vec::new();
    let mut slots: Vec<Option<Found>> = spans.into_iter().map(Some).collect();
    for i in order {
        if i >= n {
            new.push(out.len());
        }
        if let Some(f) = slots[i].take() {
            out.push(f);
        }
    }
    (out, new)
}

/// The short form a person is named by after the full name: the given name of a Chinese
/// name of three chars with a one-char surname (俊平 of 杨俊平), the last part of a
/// foreign name written with a middle dot (琼斯 of 迈克尔·琼斯). Two chars at least.
/// With it, the char that stands before it in the full name.
fn short_form(name: &[char]) -> Option<(Vec<char>, char)> {
    let dots = |c: &char| matches!(c, '·' | '•' | '・' | '．');
    if let Some(d) = name.iter().rposition(dots) {
        let last = &name[d + 1..];
        return (last.len() >= 2).then(|| (last.to_vec(), name[d]));
    }
    let cjk = |c: &char| crate::zh::suggest::is_cjk(*c);
    match name {
        [s, a, b] if crate::zh::suggest::SURNAMES.contains(*s) && cjk(a) && cjk(b) => {
            Some((vec![*a, *b], *s))
        }
        _ => None,
    }
}

/// The one-char names the CRF's best `path` passes over though it gives them good odds (墨
/// of 帮助墨三十六家 in a text on 墨西哥): at each char the path leaves O, the label whose
/// one-char span (`marginal` of its S tag) is likeliest, when that is [`ONE_CHAR_LEAST`] or
/// more. The path weighs a char against the whole sentence and leaves many such out, while
/// the one-char names it keeps are nearly all right. As (char, label index, probability).
fn off_path(
    path: &[u16],
    labels: usize,
    marginal: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    for (t, &y) in path.iter().enumerate() {
        if y != 0 {
            continue;
        }
        let best = (0..labels)
            .map(|k| (k, marginal(t, tag_of(k, Part::S) as usize)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, p)) = best.filter(|(_, p)| *p >= ONE_CHAR_LEAST) {
            out.push((t, k, p));
        }
    }
    out
}

/// Tags are BIOES: 0 is O; label `k` has B, I, E and S (a one-char span).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// First char of a longer span.
    B = 0,
    /// Inside.
    I = 1,
    /// Last char.
    E = 2,
    /// A one-char span.
    S = 3,
}

/// The tag of `part` of label `k`.
pub(crate) fn tag_of(k: usize, part: Part) -> u16 {
    (1 + 4 * k + part as usize) as u16
}

/// How many tags `n` labels need.
pub(crate) fn num_tags(n: usize) -> usize {
    1 + 4 * n
}

/// The tags of a span of label `k` and `len` chars.
pub(crate) fn span_tags(k: usize, len: usize) -> Vec<u16> {
    if len <= 1 {
        return vec![tag_of(k, Part::S)];
    }
    let mut v = vec![tag_of(k, Part::I); len];
    v[0] = tag_of(k, Part::B);
    v[len - 1] = tag_of(k, Part::E);
    v
}

/// The spans of a tag path: (start, end, label index). Read leniently: an I or E that does
/// not continue a span of its label starts one, and a span ends at E, S, O or another label.
pub(crate) fn spans_of(path: &[u16]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (t, &y) in path.iter().enumerate() {
        if y == 0 {
            if let Some((s, k)) = open.take() {
                out.push((s, t, k));
            }
            continue;
        }
        let k = (y as usize - 1) / 4;
        let part = (y as usize - 1) % 4;
        let continues = matches!(open, Some((_, ok)) if ok == k) && (part == 1 || part == 2);
        if !continues {
            if let Some((s, ok)) = open.take() {
                out.push((s, t, ok));
            }
            open = Some((t, k));
        }
        if (part == 2 || part == 3)
            && let Some((s, ok)) = open.take()
        {
            out.push((s, t + 1, ok));
        }
    }
    if let Some((s, k)) = open {
        out.push((s, path.len(), k));
    }
    out
}

fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2)?.try_into().ok().map(u16::from_le_bytes)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4)?.try_into().ok().map(f32::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small model of one label.
    fn tiny() -> EntityModel {
        let crf = Crf {
            num_labels: 5,
            offsets: vec![0, 2, 3],
            feature_labels: vec![1, 4, 0],
            weights: vec![0.5, -0.25, 1.0],
            transitions: (0..25).map(|i| i as f64 / 10.0).collect(),
        };
        EntityModel::new(
            vec!["A".into()],
            [(11u64, 0u32), (22, 1)].into_iter().collect(),
            crf,
            FeatureSet::Full,
        )
    }

    #[test]
    fn a_score_without_a_denominator_is_shown_as_a_dash_not_a_zero() {
        let shown = |tp, pred, gold| LabelScore::of_counts(tp, pred, gold).shown(2);
        assert_eq!(shown(3, 4, 6), ["0.75", "0.50", "0.60"]);
        // A label the held-out part does not hold: recall and F1 were not measured.
        assert_eq!(shown(0, 0, 0), ["—", "—", "—"]);
        // Proposed where nothing was to find: precision 0 is measured.
        assert_eq!(shown(0, 2, 0), ["0.00", "—", "—"]);
        // Nothing proposed: no precision, but recall 0 is measured.
        assert_eq!(shown(0, 0, 5), ["—", "0.00", "0.00"]);
        // A file from before `predicted` was kept: no gold and 0 cannot be told from none.
        let old: LabelScore =
            ron::from_str("(precision: 0.0, recall: 0.0, f1: 0.0, support: 0)").unwrap();
        assert_eq!(old.predicted, None);
        assert_eq!(old.shown(3), ["—", "—", "—"]);
        let old: LabelScore =
            ron::from_str("(precision: 0.0, recall: 0.0, f1: 0.0, support: 4)").unwrap();
        assert_eq!(old.shown(1), ["0.0", "0.0", "0.0"]);
    }

    #[test]
    fn a_forged_model_file_is_refused_without_a_panic() {
        let good = tiny().to_bytes();
        let path = Path::new("models/entities.crf");
        assert_eq!(
            EntityModel::from_bytes(path, &good).unwrap().to_bytes(),
            good
        );
        // Every byte of the body changed, with a checksum that matches: parsing may refuse
        // the file but never panics or allocates without bound.
        let body = good.len() - 32;
        for at in MAGIC.len()..body {
            for v in [0u8, 0xff, 0x7f, 1] {
                let mut b = good[..body].to_vec();
                b[at] = v;
                let sum = Sha256::digest(&b);
                b.extend_from_slice(&sum);
                let _ = EntityModel::from_bytes(path, &b);
            }
        }
        // Cut anywhere: refused.
        for n in 0..good.len() {
            assert!(EntityModel::from_bytes(path, &good[..n]).is_err(), "{n}");
        }
    }

    #[test]
    fn a_tagged_name_is_spread_to_its_other_untagged_occurrences() {
        let chars: Vec<char> = "张三说张三和李四，李四见王五。王五".chars().collect();
        let f = |s: u32, e: u32, l: &str, c: f64| Found {
            range: CharRange::new(s, e),
            label: l.into(),
            confidence: c,
        };
        let spans = vec![
            f(0, 2, "PER", 0.9),
            // 李四 once as PER, once as ORG: ambiguous, not spread.
            f(6, 8, "PER", 0.9),
            f(9, 11, "ORG", 0.8),
            // 王五 below a half: not spread.
            f(12, 14, "PER", 0.4),
        ];
        let (out, added) = spread(&chars, spans, &|_| false);
        let ranges: Vec<(u32, u32, &str)> = out
            .iter()
            .map(|f| (f.range.start, f.range.end, f.label.as_str()))
            .collect();
        assert_eq!(
            ranges,
            vec![
                (0, 2, "PER"),
                (3, 5, "PER"),
                (6, 8, "PER"),
                (9, 11, "ORG"),
                (12, 14, "PER")
            ]
        );
        assert_eq!(added, vec![1]);
    }

    #[test]
    fn a_person_named_in_full_is_found_again_by_the_short_name() {
        let f = |s: u32, e: u32, l: &str, c: f64| Found {
            range: CharRange::new(s, e),
            label: l.into(),
            confidence: c,
        };
        let ranges = |out: &[Found]| -> Vec<(u32, u32, String)> {
            out.iter()
                .map(|f| (f.range.start, f.range.end, f.label.clone()))
                .collect()
        };
        let seg = crate::zh::segment::Segmenter::new();
        let common = |w: &str| common_word(&seg, w);
        // The given name alone; inside the full name, the full name is spread, not the
        // given name (俊平 sorts before 杨俊平 and is looked for first).
        let chars: Vec<char> = "杨俊平来了。杨俊平走了。俊平笑了。".chars().collect();
        let (out, added) = spread(&chars, vec![f(0, 3, "PER", 0.9)], &common);
        assert_eq!(
            ranges(&out),
            vec![
                (0, 3, "PER".into()),
                (6, 9, "PER".into()),
                (12, 14, "PER".into())
            ]
        );
        assert_eq!(added, vec![1, 2]);
        // A foreign name's last part.
        let chars: Vec<char> = "迈克尔·琼斯说，琼斯会来。".chars().collect();
        let (out, _) = spread(&chars, vec![f(0, 6, "PER", 0.9)], &common);
        assert_eq!(ranges(&out)[1], (8, 10, "PER".into()));
        // A given name that is a common word is not looked for; nor one of a name the
        // model is unsure of, nor one of a name that is no person.
        let chars: Vec<char> = "王和平说，和平可贵。".chars().collect();
        let (out, _) = spread(&chars, vec![f(0, 3, "PER", 0.9)], &common);
        assert_eq!(out.len(), 1);
        let chars: Vec<char> = "杨俊平来了。俊平笑了。".chars().collect();
        let (out, _) = spread(&chars, vec![f(0, 3, "PER", 0.4)], &common);
        assert_eq!(out.len(), 1);
        let (out, _) = spread(&chars, vec![f(0, 3, "ORG", 0.9)], &common);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_name_is_not_spread_where_the_rules_see_the_chars_otherwise() {
        let seg = crate::zh::segment::Segmenter::new();
        let f = |s: u32, e: u32, l: &str| Found {
            range: CharRange::new(s, e),
            label: l.into(),
            confidence: 0.9,
        };
        let labels = vec!["LOC".to_string(), "PER".to_string()];
        let settled = |text: &str, spans: Vec<Found>| -> Vec<(u32, u32, String)> {
            let chars: Vec<char> = text.chars().collect();
            let hints = Hints::of(FeatureSet::Full, &seg, text, &chars);
            let (out, _, _) = settle(&chars, &hints, spans, &labels, &|_| false);
            out.iter()
                .map(|f| (f.range.start, f.range.end, f.label.clone()))
                .collect()
        };
        // The rules take 上海 for a place: the model's person there is not spread.
        let text = "上海发展很快。上海的人口增长了。";
        let chars: Vec<char> = text.chars().collect();
        let hints = Hints::of(FeatureSet::Full, &seg, text, &chars);
        assert!(hints.rules_differ(7, 9, "PER"));
        let out = settled(text, vec![f(0, 2, "PER")]);
        assert!(out.contains(&(0, 2, "PER".into())), "{out:?}");
        assert!(!out.contains(&(7, 9, "PER".into())), "{out:?}");
        // A name the rules say nothing against is spread.
        let out = settled("鲁美新来了。鲁美新走了。", vec![f(0, 3, "PER")]);
        assert!(out.contains(&(6, 9, "PER".into())), "{out:?}");
    }

    #[test]
    fn a_place_that_opens_an_organisation_of_the_rules_gives_way_to_it() {
        let seg = crate::zh::segment::Segmenter::new();
        let text = "昨天，北京市人才服务中心举办了招聘会。";
        let chars: Vec<char> = text.chars().collect();
        let hints = Hints::of(FeatureSet::Full, &seg, text, &chars);
        assert!(
            hints
                .rule_spans()
                .iter()
                .any(|(r, l)| *r == (3..12) && l == "ORG"),
            "the rules read 北京市人才服务中心 as an organisation"
        );
        let f = |s: u32, e: u32, l: &str| Found {
            range: CharRange::new(s, e),
            label: l.into(),
            confidence: 0.9,
        };
        let settled = |spans: Vec<Found>, labels: &[&str]| {
            let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
            let (out, _, from_rules) = settle(&chars, &hints, spans, &labels, &|_| false);
            let got: Vec<(u32, u32, String)> = out
                .iter()
                .map(|f| (f.range.start, f.range.end, f.label.clone()))
                .collect();
            (got, from_rules)
        };
        let (got, from_rules) = settled(vec![f(3, 6, "LOC")], &["LOC", "ORG", "PER"]);
        assert_eq!(got, [(3, 12, "ORG".to_string())]);
        assert_eq!(from_rules, [0], "the organisation is the rules'");
        // Another span inside the organisation: the place stays.
        let (got, _) = settled(vec![f(3, 6, "LOC"), f(6, 8, "PER")], &["LOC", "ORG", "PER"]);
        assert!(got.contains(&(3, 6, "LOC".to_string())), "{got:?}");
        // A model that tags no organisations keeps its place.
        let (got, _) = settled(vec![f(3, 6, "LOC")], &["LOC", "PER"]);
        assert_eq!(got, [(3, 6, "LOC".to_string())]);
    }

    #[test]
    fn a_likely_one_char_name_off_the_path_is_taken() {
        // Two labels; the path has a span of label 1 at char 1 (tags: 0 O, then B I E S
        // of each label), O elsewhere.
        let path = [0, tag_of(1, Part::S), 0, 0];
        let marginal = |t: usize, y: usize| match (t, y) {
            // Char 0: label 0's S at 0.35, label 1's at 0.31: label 0.
            (0, y) if y == tag_of(0, Part::S) as usize => 0.35,
            (0, y) if y == tag_of(1, Part::S) as usize => 0.31,
            // Char 1 is on the path already.
            (1, _) => 0.9,
            // Char 2 below the least probability; char 3 just at it.
            (2, y) if y == tag_of(1, Part::S) as usize => 0.29,
            (3, y) if y == tag_of(1, Part::S) as usize => ONE_CHAR_LEAST,
            _ => 0.0,
        };
        assert_eq!(
            off_path(&path, 2, marginal),
            vec![(0, 0, 0.35), (3, 1, ONE_CHAR_LEAST)]
        );
    }

    #[test]
    fn unsure_spans_the_rules_see_otherwise_give_way_to_the_rules_surest() {
        let seg = crate::zh::segment::Segmenter::new();
        let text = "克林顿访华期间，北约和欧盟都表示关注。";
        let chars: Vec<char> = text.chars().collect();
        let hints = Hints::of(FeatureSet::Full, &seg, text, &chars);
        let f = |s: u32, e: u32, l: &str, c: f64| Found {
            range: CharRange::new(s, e),
            label: l.into(),
            confidence: c,
        };
        let labels: Vec<String> = ["LOC", "ORG", "PER"].map(String::from).to_vec();
        let spans = vec![
            // No rule says anything of 克林顿: kept.
            f(0, 3, "PER", 0.9),
            // The rules give 北约 as ORG too: kept, however unsure.
            f(8, 10, "ORG", 0.3),
            // The rules give 欧盟 as ORG: an unsure LOC gives way; a sure one would not.
            f(11, 13, "LOC", 0.4),
        ];
        let (out, added, from_rules) = settle(&chars, &hints, spans.clone(), &labels, &|_| false);
        let got: Vec<(u32, u32, &str)> = out
            .iter()
            .map(|f| (f.range.start, f.range.end, f.label.as_str()))
            .collect();
        // 华 of 访华 (a place by the news rules) and 欧盟 (a body the lexicon knows, jieba
        // `nt`) are added where the CRF found nothing.
        assert_eq!(
            got,
            vec![
                (0, 3, "PER"),
                (4, 5, "LOC"),
                (8, 10, "ORG"),
                (11, 13, "ORG")
            ]
        );
        assert_eq!(added, vec![1, 3]);
        assert_eq!(from_rules, vec![1, 3]);
        // As suggestions they are the rules', with no probability, and no cut drops them;
        // the path's own spans are the model's and are cut.
        let sugg = suggestions(
            Tagged {
                spans: out.clone(),
                uncertainty: 0.0,
                from_rules,
                spread: Vec::new(),
                sentences: Vec::new(),
            },
            0.5,
        );
        let got: Vec<(u32, &str, crate::zh::suggest::Origin, Option<f32>)> = sugg
            .iter()
            .map(|s| (s.range.start, s.label.as_str(), s.origin, s.confidence))
            .collect();
        use crate::zh::suggest::Origin;
        assert_eq!(
            got,
            vec![
                (0, "PER", Origin::Model, Some(0.9)),
                (4, "LOC", Origin::Rule, None),
                (11, "ORG", Origin::Rule, None),
            ]
        );
        // A name spread from where the model tagged it is propagation, with the model's
        // probability where it stands, and is cut by it.
        let spread_too = |min: f32| {
            let t = Tagged {
                spans: vec![f(0, 3, "PER", 0.9), f(4, 7, "PER", 0.2)],
                uncertainty: 0.0,
                from_rules: Vec::new(),
                spread: vec![1],
                sentences: Vec::new(),
            };
            suggestions(t, min)
                .iter()
                .map(|s| (s.range.start, s.origin, s.confidence))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spread_too(0.1),
            vec![
                (0, Origin::Model, Some(0.9)),
                (4, Origin::Propagation, Some(0.2))
            ]
        );
        assert_eq!(spread_too(0.5), vec![(0, Origin::Model, Some(0.9))]);
        let mut sure_loc = spans;
        sure_loc[2].confidence = 0.8;
        let (out, added, _) = settle(&chars, &hints, sure_loc, &labels, &|_| false);
        assert_eq!(out[3].label, "LOC");
        assert_eq!(added, vec![1]);
        // A body and a person the lexicon knows by name are added too, in the place of a
        // span inside them.
        let text = "邓小平会见了世贸组织的代表。";
        let chars: Vec<char> = text.chars().collect();
        let known = Hints::of(FeatureSet::Full, &seg, text, &chars);
        let (out, _, _) = settle(&chars, &known, vec![f(6, 8, "ORG", 0.9)], &labels, &|_| {
            false
        });
        let got: Vec<(u32, u32, &str)> = out
            .iter()
            .map(|f| (f.range.start, f.range.end, f.label.as_str()))
            .collect();
        assert_eq!(got, vec![(0, 3, "PER"), (6, 10, "ORG")]);
        // A model without the label adds none of the rules' spans of it.
        let (out, added, _) = settle(&chars, &hints, vec![], &["PER".to_string()], &|_| false);
        assert!(out.is_empty() && added.is_empty());
        // The trigger tagger's features hold no rule spans: nothing is added nor dropped.
        let events = Hints::of(FeatureSet::Events, &seg, text, &chars);
        let (out, _, _) = settle(
            &chars,
            &events,
            vec![f(11, 13, "LOC", 0.4)],
            &labels,
            &|_| false,
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn tag_paths_become_spans() {
        let (b0, i0, e0, s0) = (1, 2, 3, 4);
        let (b1, i1, e1) = (5, 6, 7);
        // O B-0 I-0 E-0 S-0 O I-1 E-1 B-0 B-0 E-1
        assert_eq!(
            spans_of(&[0, b0, i0, e0, s0, 0, i1, e1, b0, b0, e1]),
            vec![
                (1, 4, 0),
                (4, 5, 0),
                (6, 8, 1),
                (8, 9, 0),
                (9, 10, 0),
                (10, 11, 1)
            ]
        );
        assert_eq!(spans_of(&[b1, i1]), vec![(0, 2, 1)]);
        for len in 1..5 {
            assert_eq!(spans_of(&span_tags(2, len)), vec![(0, len, 2)]);
        }
    }
}
