//! Training an entity tagger on a project's accepted spans: which sentences count, the
//! held-out measurement (the last 10 % of the documents), and the final model on everything.

use std::collections::{BTreeMap, BTreeSet};

use super::crf::{self, Instance, Iteration, TrainParams, TrainStop};
use super::features::{self, AttrMap, Gazetteer, Hints};
use super::model::{EntityModel, LabelScore};
use super::score::Counts;
use crate::model::{CharRange, DocStatus, Project, SpanKind};
use crate::zh::segment::Segmenter;

/// One document to learn from: its text, its accepted entity spans, and whether every
/// sentence counts (a document marked done: a sentence with no span is all O) or only the
/// sentences that hold a span.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Accepted entity spans: char range and label.
    pub spans: Vec<(CharRange, String)>,
    /// Whether sentences without a span count as having none.
    pub whole: bool,
}

/// Which documents of a project to learn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Documents marked done or reviewed (all their sentences).
    Done,
    /// Those, and the sentences that hold an accepted span in the other documents.
    Annotated,
}

/// The documents of `p` (one annotator's layers) to learn from.
pub fn project_docs(p: &Project, take: Take) -> Vec<TrainDoc> {
    let mut out = Vec::new();
    for d in &p.documents {
        let whole = matches!(d.layer.status, DocStatus::Done | DocStatus::Reviewed);
        if !whole && take == Take::Done {
            continue;
        }
        let spans: Vec<(CharRange, String)> = d
            .layer
            .accepted()
            .filter(|s| s.kind == SpanKind::Entity)
            .map(|s| (s.range, s.label.clone()))
            .collect();
        if !whole && spans.is_empty() {
            continue;
        }
        out.push(TrainDoc {
            text: d.text.as_str().to_string(),
            spans,
            whole,
        });
    }
    out
}

/// Training settings.
#[derive(Debug, Clone, Default)]
pub struct TrainOptions {
    /// Learn only these labels (all entity labels with spans when `None`).
    pub labels: Option<Vec<String>>,
    /// The CRF's settings.
    pub params: TrainParams,
    /// Measure on the last 10 % of the documents first (needs at least two documents).
    pub held_out: bool,
    /// Which attributes (the plain set is the baseline of the learning curve).
    pub features: super::features::FeatureSet,
    /// Learn from at most this many sentences without a span for each sentence with one,
    /// spread evenly over the documents (`None`: all of them, as the entity model must; the
    /// trigger tagger, whose triggers are a few words in long texts, trains in a fraction of
    /// the time on a big project).
    pub empty_per_spanned: Option<usize>,
    /// Learn from at most this many sentences in all, spread evenly, those with a span and
    /// those without keeping their proportion (`None`: all; the trigger tagger, trained
    /// without being asked, bounds its training time on a very big project this way).
    pub max_sentences: Option<usize>,
}

/// What training is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// Reading the documents (segmentation, rules, features): `done` of `total` documents.
    Features,
    /// Training on all but the held-out documents: `done` of `total` iterations.
    HeldOut,
    /// Training the model on every document: `done` of `total` iterations.
    Final,
    /// Tagging the documents with the new model to rank them by its uncertainty: `done` of
    /// `total` documents (the session does this after training).
    Ranking,
}

/// A progress report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// What is being done.
    pub stage: Stage,
    /// How far.
    pub done: usize,
    /// Out of.
    pub total: usize,
}

/// Why there is no model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainError {
    /// Stopped by the user; nothing was written.
    Cancelled,
    /// No accepted entity span in the documents that count.
    NoSpans,
}

/// A document cut into sentences, with the word and rule attributes computed once.
struct Prepared {
    chars: Vec<char>,
    hints: Hints,
    /// Sentences that count, with each char's tag.
    sentences: Vec<(std::ops::Range<usize>, Vec<u16>)>,
    /// Gold spans per sentence (start, end, label) in document offsets.
    gold: Vec<BTreeSet<(usize, usize, String)>>,
}

/// A document's chars and its sentences: (start, end, whether a span starts in it).
type Sentences = (Vec<char>, Vec<(usize, usize, bool)>);

/// The documents with only the sentences `opts` lets training learn from
/// ([`TrainOptions::empty_per_spanned`], [`TrainOptions::max_sentences`]): each kind (with a
/// span, without) thinned to every n-th in document order, so that all parts of the texts
/// stay represented. A document that keeps every sentence is given as it is; one that
/// loses some is the kept sentences one after the other, its spans moved with them (a span
/// across two sentences goes with them). `None` when nothing is left out. Done before
/// reading the texts, so that the sentences left out cost nothing.
fn thinned(docs: &[TrainDoc], opts: &TrainOptions) -> Option<Vec<TrainDoc>> {
    if opts.empty_per_spanned.is_none() && opts.max_sentences.is_none() {
        return None;
    }
    // Each document's sentences (as training splits them) and whether a span starts in each.
    let split: Vec<Sentences> = docs
        .iter()
        .map(|d| {
            let chars: Vec<char> = d.text.chars().collect();
            let sentences = crate::zh::sentences::split_chars(&chars)
                .into_iter()
                .map(|r| (r.start as usize, (r.end as usize).min(chars.len())))
                .filter(|&(a, b)| a < b && !chars[a..b].iter().all(|c| c.is_whitespace()))
                .map(|(a, b)| {
                    let spanned = d
                        .spans
                        .iter()
                        .any(|(r, _)| (a..b).contains(&(r.start as usize)));
                    (a, b, spanned)
                })
                .collect();
            (chars, sentences)
        })
        .collect();
    let kinds: Vec<bool> = split
        .iter()
        .flat_map(|(_, ss)| ss.iter().map(|s| s.2))
        .collect();
    let spanned = kinds.iter().filter(|k| **k).count();
    let empty = kinds.len() - spanned;
    let mut keep_empty = empty;
    if let Some(k) = opts.empty_per_spanned {
        keep_empty = keep_empty.min(spanned.saturating_mul(k));
    }
    let mut keep_spanned = spanned;
    if let Some(max) = opts.max_sentences
        && keep_spanned + keep_empty > max
    {
        let all = keep_spanned + keep_empty;
        keep_spanned = (spanned.saturating_mul(max) / all).max(1).min(spanned);
        keep_empty = max.saturating_sub(keep_spanned).min(keep_empty);
    }
    if keep_spanned == spanned && keep_empty == empty {
        return None;
    }
    // The i-th sentence of a kind is kept when it is the first to reach a new multiple of
    // their number over how many are kept.
    let (mut i_spanned, mut i_empty) = (0usize, 0usize);
    let mut take = |is_spanned: bool| {
        let (i, n, keep) = if is_spanned {
            (&mut i_spanned, spanned, keep_spanned)
        } else {
            (&mut i_empty, empty, keep_empty)
        };
        let kept = (*i * keep / n) != ((*i + 1) * keep / n);
        *i += 1;
        kept
    };
    let mut out = Vec::with_capacity(docs.len());
    for (d, (chars, sentences)) in docs.iter().zip(&split) {
        let kept: Vec<(usize, usize)> = sentences
            .iter()
            .filter(|s| take(s.2))
            .map(|s| (s.0, s.1))
            .collect();
        if kept.len() == sentences.len() {
            out.push(d.clone());
            continue;
        }
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut at = 0u32;
        for (a, b) in kept {
            text.extend(&chars[a..b]);
            for (r, l) in &d.spans {
                let (rs, re) = (r.start as usize, r.end as usize);
                if (a..b).contains(&rs) {
                    let end = re.min(b);
                    spans.push((
                        CharRange::new(at + (rs - a) as u32, at + (end - a) as u32),
                        l.clone(),
                    ));
                }
            }
            at += (b - a) as u32;
        }
        out.push(TrainDoc {
            text,
            spans,
            whole: d.whole,
        });
    }
    Some(out)
}

/// The tag of each char (BIOES, see [`super::model::tag_of`]).
/// Overlapping spans keep the first (longest at a start).
fn tags(n: usize, spans: &[(CharRange, String)], labels: &[String]) -> Vec<u16> {
    let mut t = vec![0u16; n];
    let mut sorted: Vec<&(CharRange, String)> = spans.iter().collect();
    sorted.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut free_from = 0usize;
    for (r, l) in sorted {
        let Some(k) = labels.iter().position(|x| x == l) else {
            continue;
        };
        let (s, e) = (r.start as usize, (r.end as usize).min(n));
        if s < free_from || s >= e {
            continue;
        }
        t[s..e].copy_from_slice(&super::model::span_tags(k, e - s));
        free_from = e;
    }
    t
}

fn prepare(
    seg: &Segmenter,
    doc: &TrainDoc,
    labels: &[String],
    set: super::features::FeatureSet,
) -> Prepared {
    let chars: Vec<char> = doc.text.chars().collect();
    let hints = Hints::of(set, seg, &doc.text, &chars);
    let all = tags(chars.len(), &doc.spans, labels);
    let mut sentences = Vec::new();
    let mut gold = Vec::new();
    for r in crate::zh::sentences::split_chars(&chars) {
        let range = r.start as usize..(r.end as usize).min(chars.len());
        if range.is_empty() || chars[range.clone()].iter().all(|c| c.is_whitespace()) {
            continue;
        }
        let t = all[range.clone()].to_vec();
        if !doc.whole && t.iter().all(|x| *x == 0) {
            continue;
        }
        let g = super::model::spans_of(&t)
            .into_iter()
            .map(|(s, e, k)| (range.start + s, range.start + e, labels[k].clone()))
            .collect();
        sentences.push((range, t));
        gold.push(g);
    }
    Prepared {
        chars,
        hints,
        sentences,
        gold,
    }
}

/// The gazetteer of some documents' accepted spans (`ids` are their indices in `docs`).
pub fn gazetteer_of(docs: &[TrainDoc], ids: impl IntoIterator<Item = usize>) -> Gazetteer {
    let mut g = Gazetteer::new();
    for i in ids {
        let d = &docs[i];
        let chars: Vec<char> = d.text.chars().collect();
        let mut seen = BTreeSet::new();
        for (r, l) in &d.spans {
            let (s, e) = (r.start as usize, (r.end as usize).min(chars.len()));
            if s >= e {
                continue;
            }
            let surface: String = chars[s..e].iter().collect();
            if seen.insert((surface.clone(), l.clone())) {
                g.add(&surface, l, i);
            }
        }
    }
    g
}

/// The labels to learn: those asked for, else every label with an accepted span, sorted.
fn labels_of(docs: &[TrainDoc], asked: Option<&[String]>) -> Vec<String> {
    match asked {
        Some(l) => l.to_vec(),
        None => docs
            .iter()
            .flat_map(|d| d.spans.iter().map(|(_, l)| l.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}

/// Trains on the prepared documents `ids`, with a gazetteer of those documents (each
/// document's own entries left out).
fn fit(
    docs: &[TrainDoc],
    prepared: &mut [Prepared],
    ids: &[usize],
    labels: &[String],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Iteration) -> bool,
) -> Result<EntityModel, TrainStop> {
    let gaz = gazetteer_of(docs, ids.iter().copied());
    let mut dict = AttrMap::default();
    let mut data = Vec::new();
    for &i in ids {
        let p = &mut prepared[i];
        p.hints.set_gazetteer(&gaz, &p.chars, Some(i));
        for (range, t) in &p.sentences {
            let attrs = features::sentence(&p.chars, &p.hints, range.clone());
            let items = features::numbered(attrs, &mut dict);
            data.push(Instance {
                items,
                labels: t.clone(),
            });
        }
    }
    let l = super::model::num_tags(labels.len());
    let crf = crf::train(&data, dict.len(), l, opts.params, progress)?;
    Ok(EntityModel::new(labels.to_vec(), dict, crf, opts.features))
}

/// Tags the prepared documents `ids` with `model` and a gazetteer of `known` documents;
/// returns the counts per label.
fn evaluate(
    seg: &Segmenter,
    model: &EntityModel,
    docs: &[TrainDoc],
    prepared: &mut [Prepared],
    ids: &[usize],
    known: &[usize],
) -> Counts {
    let gaz = gazetteer_of(docs, known.iter().copied());
    let mut counts = Counts::default();
    for &i in ids {
        let p = &mut prepared[i];
        p.hints.set_gazetteer(&gaz, &p.chars, None);
        let mut found = Vec::new();
        for (range, _) in &p.sentences {
            let attrs = features::sentence(&p.chars, &p.hints, range.clone());
            found.extend(model.tag_items(&attrs, range.start).0);
        }
        let (found, _, _) = super::model::settle(&p.chars, &p.hints, found, &model.labels, &|w| {
            super::model::common_word(seg, w)
        });
        // Only the sentences that count are scored (a spread span elsewhere is not).
        let counted =
            |s: usize, e: usize| p.sentences.iter().any(|(r, _)| r.start <= s && e <= r.end);
        let pred: BTreeSet<(usize, usize, String)> = found
            .into_iter()
            .map(|f| (f.range.start as usize, f.range.end as usize, f.label))
            .filter(|(s, e, _)| counted(*s, *e))
            .collect();
        let gold: BTreeSet<(usize, usize, String)> = p.gold.iter().flatten().cloned().collect();
        counts.add(&pred, &gold);
    }
    counts
}

/// Trains an entity model on `docs`. With `held_out`, the last 10 % of the documents (at
/// least one) are held out first, the model trained on the rest is scored on them, and the
/// final model is trained on every document; its description carries those scores.
pub fn train(
    seg: &Segmenter,
    docs: &[TrainDoc],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<EntityModel, TrainError> {
    let started = std::time::Instant::now();
    let labels = labels_of(docs, opts.labels.as_deref());
    if labels.is_empty() {
        return Err(TrainError::NoSpans);
    }
    let fewer = thinned(docs, opts);
    let docs = fewer.as_deref().unwrap_or(docs);
    let mut prepared = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        if !progress(Progress {
            stage: Stage::Features,
            done: i,
            total: docs.len(),
        }) {
            return Err(TrainError::Cancelled);
        }
        prepared.push(prepare(seg, d, &labels, opts.features));
    }
    let spans: usize = prepared
        .iter()
        .map(|p| p.gold.iter().map(BTreeSet::len).sum::<usize>())
        .sum();
    if spans == 0 {
        return Err(TrainError::NoSpans);
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let stop = |e: TrainStop| match e {
        TrainStop::Cancelled => TrainError::Cancelled,
        TrainStop::NoData => TrainError::NoSpans,
    };
    let mut scores = BTreeMap::new();
    let mut overall = None;
    let held_out_text;
    if opts.held_out && docs.len() >= 2 {
        let k = docs.len().div_ceil(10).max(1);
        let (train_ids, test_ids) = all.split_at(docs.len() - k);
        let m = fit(docs, &mut prepared, train_ids, &labels, opts, &mut |it| {
            progress(Progress {
                stage: Stage::HeldOut,
                done: it.done,
                total: it.max,
            })
        });
        match m {
            Ok(m) => {
                let c = evaluate(seg, &m, docs, &mut prepared, test_ids, train_ids);
                for l in &labels {
                    scores.insert(l.clone(), c.score(Some(l)));
                }
                overall = Some(c.score(None));
            }
            Err(TrainStop::Cancelled) => return Err(TrainError::Cancelled),
            Err(TrainStop::NoData) => {}
        }
        held_out_text = format!("last 10% of documents: {k} of {}", docs.len());
    } else {
        held_out_text = if opts.held_out {
            "none: one document only".to_string()
        } else {
            "none".to_string()
        };
    }
    let mut model = fit(docs, &mut prepared, &all, &labels, opts, &mut |it| {
        progress(Progress {
            stage: Stage::Final,
            done: it.done,
            total: it.max,
        })
    })
    .map_err(stop)?;
    model.meta.documents = docs.len();
    model.meta.sentences = prepared.iter().map(|p| p.sentences.len()).sum();
    model.meta.spans = spans;
    model.meta.held_out = held_out_text;
    model.meta.scores = scores;
    model.meta.overall = overall;
    model.meta.seconds = started.elapsed().as_secs_f64();
    model.meta.trained = now_utc();
    Ok(model)
}

/// The gazetteer a project's model suggests with: every accepted entity string of every
/// document.
pub fn project_gazetteer(p: &Project) -> Gazetteer {
    let mut g = Gazetteer::new();
    for (i, d) in p.documents.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for s in d.layer.accepted().filter(|s| s.kind == SpanKind::Entity) {
            if let Ok(t) = d.text.slice(s.range)
                && seen.insert((t, s.label.as_str()))
            {
                g.add(t, &s.label, i);
            }
        }
    }
    g
}

/// Scores of a model on documents it did not learn from, with a gazetteer of `known`.
pub fn score_on(
    seg: &Segmenter,
    model: &EntityModel,
    test: &[TrainDoc],
    known: &Gazetteer,
) -> (BTreeMap<String, LabelScore>, LabelScore) {
    score_with(seg, model, test, |d| {
        model
            .tag(seg, &d.text, known)
            .spans
            .into_iter()
            .map(|f| (f.range.start as usize, f.range.end as usize, f.label))
            .collect()
    })
}

/// [`score_on`] for what the annotator is offered: the model's spans with the rules' entity
/// suggestions where it found nothing, as `suggest` merges them
/// ([`crate::zh::suggest::for_document_with`]; figures left out).
pub fn score_offered_on(
    seg: &Segmenter,
    model: &EntityModel,
    test: &[TrainDoc],
    known: &Gazetteer,
) -> (BTreeMap<String, LabelScore>, LabelScore) {
    score_with(seg, model, test, |d| {
        let tagged = model.tag(seg, &d.text, known);
        crate::zh::suggest::for_document_with(
            seg,
            &d.text,
            None,
            &crate::model::Layer::new(),
            &BTreeMap::new(),
            super::model::suggestions(tagged, 0.0),
            &model.labels,
        )
        .into_iter()
        .filter(|s| s.kind == crate::model::SpanKind::Entity)
        .map(|s| (s.range.start as usize, s.range.end as usize, s.label))
        .collect()
    })
}

/// Scores per label and overall of the spans `predict` gives each test document against its
/// gold spans (as the model's labels cut them).
fn score_with(
    seg: &Segmenter,
    model: &EntityModel,
    test: &[TrainDoc],
    predict: impl Fn(&TrainDoc) -> BTreeSet<(usize, usize, String)>,
) -> (BTreeMap<String, LabelScore>, LabelScore) {
    let mut counts = Counts::default();
    for d in test {
        let p = prepare(seg, d, &model.labels, model.features);
        let gold: BTreeSet<(usize, usize, String)> = p.gold.into_iter().flatten().collect();
        counts.add(&predict(d), &gold);
    }
    let per = model
        .labels
        .iter()
        .map(|l| (l.clone(), counts.score(Some(l))))
        .collect();
    (per, counts.score(None))
}

/// The current time in UTC as `YYYY-MM-DD HH:MM`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_keep_the_first_and_unknown_labels_are_left_out() {
        let labels = vec!["A".to_string(), "B".to_string()];
        let spans = vec![
            (CharRange::new(0, 3), "A".to_string()),
            (CharRange::new(1, 2), "B".to_string()),
            (CharRange::new(4, 6), "B".to_string()),
            (CharRange::new(6, 7), "C".to_string()),
        ];
        assert_eq!(tags(8, &spans, &labels), vec![1, 2, 3, 0, 5, 7, 0, 0]);
    }

    #[test]
    fn sentences_are_thinned_evenly_with_their_spans_moved_along() {
        // Two documents of ten sentences (6 chars each); sentences 0 and 5 hold a span.
        let doc = |tag: &str| {
            let text: String = (0..10).map(|i| format!("{tag}第{i}句话。")).collect();
            let spans = [0u32, 5]
                .iter()
                .map(|i| (CharRange::new(i * 6 + 1, i * 6 + 3), "A".to_string()))
                .collect();
            TrainDoc {
                text,
                spans,
                whole: true,
            }
        };
        let docs = [doc("甲"), doc("乙")];
        let sentences = |d: &TrainDoc| d.text.matches('。').count();
        let opts = |per: Option<usize>, max: Option<usize>| TrainOptions {
            empty_per_spanned: per,
            max_sentences: max,
            ..TrainOptions::default()
        };
        // Nothing asked, or enough allowed: the documents as they are.
        assert!(thinned(&docs, &opts(None, None)).is_none());
        assert!(thinned(&docs, &opts(Some(4), Some(20))).is_none());
        // Two empty sentences per spanned one: 16 empty, 4 spanned, 8 empty kept, half from
        // each document; every span kept, on the same words.
        let two = thinned(&docs, &opts(Some(2), None)).expect("thinned");
        assert_eq!(two.iter().map(sentences).collect::<Vec<_>>(), vec![6, 6]);
        for (d, tag) in two.iter().zip(["甲", "乙"]) {
            assert_eq!(d.spans.len(), 2);
            for (r, l) in &d.spans {
                let words: String = d
                    .text
                    .chars()
                    .skip(r.start as usize)
                    .take(r.len() as usize)
                    .collect();
                assert!(words == "第0" || words == "第5", "{words} in {}", d.text);
                assert_eq!(l, "A");
            }
            assert!(d.text.starts_with(&format!("{tag}第0句话。")), "{}", d.text);
        }
        // At most 6 in all: 2 with a span (their third of the 12 left), 4 without.
        let six = thinned(&docs, &opts(Some(2), Some(6))).expect("thinned");
        let spans: usize = six.iter().map(|d| d.spans.len()).sum();
        let all: usize = six.iter().map(sentences).sum();
        assert_eq!((spans, all), (2, 6), "{six:?}");
    }

    #[test]
    fn the_date_is_a_plausible_utc_time() {
        let d = now_utc();
        assert_eq!(d.len(), 16, "{d}");
        assert!(d.starts_with("20"), "{d}");
    }
}
