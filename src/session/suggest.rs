//! Suggestions for one document, computed from a snapshot that can go to another thread (the
//! window's suggestion job) or run in place (the command line): both then add the result
//! through [`Session::add_suggestions`], the one place a suggestion batch is built.
//!
//! Besides entities and figures, the snapshot carries what the project's accepted events teach
//! ([`Learning`]): the run learns a trigger lexicon from it (and, from 50 accepted events on, a
//! trigger tagger that finds words the lexicon has not seen, kept by the session and trained
//! again after a tenth more accepted events) and proposes event triggers, each with the
//! arguments its roles accept among the nearby spans. `add_suggestions` adds a trigger as a
//! pending `Trigger` span with a pending event of its type.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::edit::Edit;
use crate::model::{CharRange, Event, Layer, Schema, Span, SpanId, SpanKind, SpanStatus};
use crate::zh::segment::Segmenter;
use crate::zh::suggest::Suggestion;
use crate::zh::suggest::pending_span;
use crate::zh::triggers::{Learning, TriggerSuggestion};

use super::{Session, SessionError};

/// What suggesting for one document needs, copied out of the project.
#[derive(Debug, Clone)]
pub struct SuggestInput {
    /// The document the suggestions are for.
    pub doc: usize,
    /// The layer revision they are computed against.
    pub revision: u64,
    text: String,
    published: Option<String>,
    layer: Layer,
    known: BTreeMap<String, (String, SpanKind)>,
    seg: Arc<Segmenter>,
    schema: Schema,
    learning: Learning,
    /// The project's model and the gazetteer it suggests with.
    model: Option<(
        Arc<crate::learn::EntityModel>,
        Arc<crate::learn::features::Gazetteer>,
    )>,
    min_confidence: f32,
    /// The session's trigger tagger, trained from `learning` when it has enough events.
    trigger_tagger: crate::learn::triggers::TaggerCache,
}

/// What a suggestion run found for one document.
#[derive(Debug, Clone, Default)]
pub struct Suggested {
    /// Entities and figures the layer does not hold yet.
    pub spans: Vec<Suggestion>,
    /// Event triggers where the layer has no span of the same range, with their arguments.
    pub triggers: Vec<TriggerSuggestion>,
    /// The model's uncertainty about the document (mean entropy per char), if it has a model.
    pub uncertainty: Option<f64>,
    /// Each sentence the model read, with its mean entropy per char (none without a model).
    pub sentences: Vec<(CharRange, f64)>,
    /// What went wrong with the project's saved trigger tagger on the way (read or save), in
    /// both languages; the suggestions are complete all the same.
    pub problem: Option<crate::i18n::Said>,
}

impl Suggested {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.triggers.is_empty()
    }
}

impl SuggestInput {
    /// Everything biaozhu would suggest for the document that its layer does not hold yet:
    /// propagated strings, entities (rules and POS tags from the project's segmenter),
    /// figures, and event triggers from the lexicon the project's accepted events teach
    /// (their arguments taken from the layer's spans and the new suggestions).
    pub fn run(&self) -> Suggested {
        self.run_until(&|| true)
    }

    /// [`SuggestInput::run`], stopping the trigger tagger's training (the one long part) when
    /// `keep_going` says so; the window's job drops the result then.
    pub fn run_until(&self, keep_going: &dyn Fn() -> bool) -> Suggested {
        let mut uncertainty = None;
        let mut sentences = Vec::new();
        let mut problem = None;
        let (from_model, model_labels) = match &self.model {
            Some((m, gaz)) => {
                let tagged = m.tag(&self.seg, &self.text, gaz);
                uncertainty = Some(tagged.uncertainty);
                sentences = tagged.sentences.clone();
                (
                    crate::learn::model::suggestions(tagged, self.min_confidence),
                    m.labels.clone(),
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        let spans = crate::zh::suggest::for_document_with(
            &self.seg,
            &self.text,
            self.published.as_deref(),
            &self.layer,
            &self.known,
            from_model,
            &model_labels,
        );
        let triggers = if self.schema.events.is_empty() {
            Vec::new()
        } else {
            let lex = self.learning.learn(&self.seg, &self.schema);
            let nearby: Vec<(CharRange, String)> = self
                .layer
                .spans()
                .iter()
                .filter(|s| {
                    s.status != SpanStatus::Rejected
                        && matches!(s.kind, SpanKind::Entity | SpanKind::Figure)
                })
                .map(|s| (s.range, s.label.clone()))
                .chain(spans.iter().map(|s| (s.range, s.label.clone())))
                .collect();
            let (tagger, trouble) = self
                .trigger_tagger
                .get(&self.seg, &self.learning, &mut || keep_going());
            problem = trouble.as_ref().map(super::error::tagger_problem_said);
            let reading = tagger.as_ref().map(|t| t.reading(&self.seg, &self.text));
            let view = reading
                .as_ref()
                .map(|r| r.view(&self.seg, crate::learn::triggers::MIN_PROBABILITY))
                .unwrap_or_default();
            let mut t = lex.suggest_with(
                &self.seg,
                &self.schema,
                &self.text,
                &nearby,
                crate::zh::triggers::MIN_SHARE,
                &view,
            );
            t.retain(|t| is_new_trigger(&self.layer, t.range));
            t
        };
        Suggested {
            spans,
            triggers,
            uncertainty,
            sentences,
            problem,
        }
    }
}

/// Whether a trigger may be proposed at `range`: the layer has no span there (accepted,
/// pending or rejected, so a rejected trigger never comes back).
fn is_new_trigger(layer: &Layer, range: CharRange) -> bool {
    !layer.overlapping(range).any(|s| s.range == range)
}

/// A span the layer already has at `range` that an argument of label `label` can reuse: not
/// rejected, an entity, figure or argument, the same label first. `Err(())` if the layer has
/// only a rejected one there (the argument is then left out: a rejected suggestion never
/// comes back).
fn reusable(layer: &Layer, range: CharRange, label: &str) -> Result<Option<SpanId>, ()> {
    let at: Vec<&Span> = layer
        .overlapping(range)
        .filter(|s| {
            s.range == range
                && matches!(
                    s.kind,
                    SpanKind::Entity | SpanKind::Figure | SpanKind::Argument
                )
        })
        .collect();
    let live = |s: &&&Span| s.status != SpanStatus::Rejected;
    if let Some(s) = at.iter().filter(live).find(|s| s.label == label) {
        return Ok(Some(s.id));
    }
    if let Some(s) = at.iter().find(live) {
        return Ok(Some(s.id));
    }
    if at.is_empty() { Ok(None) } else { Err(()) }
}

impl Session {
    /// A snapshot for suggesting on document `doc` (none if there is no such document).
    pub fn suggest_input(&self, doc: usize) -> Option<SuggestInput> {
        let d = self.project.documents.get(doc)?;
        let docs = &self.project.documents;
        Some(SuggestInput {
            doc,
            revision: d.layer.revision(),
            text: d.text.as_str().to_string(),
            published: d.meta.published.clone(),
            layer: d.layer.clone(),
            known: crate::zh::suggest::known_strings(docs),
            seg: self.seg.clone(),
            schema: self.project.schema.clone(),
            learning: if self.project.schema.events.is_empty() {
                Learning::default()
            } else {
                Learning::from_layers(docs.iter().map(|d| (d.text.as_str(), &d.layer)))
            },
            model: self.models.model.as_ref().map(|m| {
                (
                    m.clone(),
                    Arc::new(crate::learn::training::project_gazetteer(&self.project)),
                )
            }),
            min_confidence: self.min_confidence,
            trigger_tagger: self.trigger_tagger.clone(),
        })
    }

    /// Suggest on document `doc` now and add the suggestions as pending spans (and pending
    /// events), one undo step. Returns how many spans were added.
    pub fn suggest_document(&mut self, doc: usize) -> Result<usize, SessionError> {
        self.suggest_document_saying(doc).map(|(n, _)| n)
    }

    /// [`Session::suggest_document`], with what went wrong with the project's saved trigger
    /// tagger on the way ([`Suggested::problem`]), for the command line to say.
    pub fn suggest_document_saying(
        &mut self,
        doc: usize,
    ) -> Result<(usize, Option<crate::i18n::Said>), SessionError> {
        let Some(input) = self.suggest_input(doc) else {
            return Ok((0, None));
        };
        let sugg = input.run();
        let n = self.add_suggestions(doc, &sugg)?;
        Ok((n, sugg.problem))
    }

    /// Add suggestions to document `doc` as pending spans, in one undo step: entities and
    /// figures, and each trigger as a pending `Trigger` span labelled with its event type
    /// with an event of that type whose arguments are the suggested ones (a span the layer
    /// already has at the argument's range, or a new pending span of its label). Nothing is
    /// added where the layer already has a span of the same range, so a rejected suggestion
    /// never comes back. The model's uncertainty about the document and its sentences are
    /// kept, for the document list's order and [`Session::next_unsure_sentence`]. Returns
    /// how many spans were added.
    pub fn add_suggestions(&mut self, doc: usize, sugg: &Suggested) -> Result<usize, SessionError> {
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(0);
        };
        // What the model made of the document: how unsure it is there, and where.
        if let Some(u) = sugg.uncertainty {
            let id = d.meta.id.clone();
            self.set_doc_uncertainty(&id, u);
            self.set_unsure_sentences(&id, sugg.sentences.clone());
        }
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(0);
        };
        let layer = &d.layer;
        // Re-filter: the layer may have changed while the job ran.
        let entities = crate::zh::suggest::filter_new(layer, sugg.spans.clone());
        let mut spans = crate::zh::suggest::to_spans(&entities, layer.next_span);
        let mut next = layer
            .next_span
            .saturating_add(u32::try_from(spans.len()).unwrap_or(u32::MAX));
        let mut next_event = layer.next_event;
        let mut events = Vec::new();
        let mut taken: Vec<CharRange> = Vec::new();
        for t in &sugg.triggers {
            if !is_new_trigger(layer, t.range) || taken.contains(&t.range) {
                continue;
            }
            // No id left: leave the rest out rather than wrap.
            if next == u32::MAX || next_event == u32::MAX {
                break;
            }
            // The trigger tagger's spans are the model's; the lexicon's, its own. An argument
            // the event brings is the same suggester's, unless the argument tagger found it.
            let by = if t.confidence.is_some() {
                crate::model::Suggester::Model
            } else {
                crate::model::Suggester::Lexicon
            };
            let mut args = Vec::new();
            let mut new_args = Vec::new();
            for (role, range, label) in &t.args {
                let id = match reusable(layer, *range, label) {
                    Err(()) => continue,
                    Ok(Some(id)) => id,
                    Ok(None) => match spans
                        .iter()
                        .chain(&new_args)
                        .find(|s| s.range == *range && s.kind != SpanKind::Trigger)
                    {
                        Some(s) => s.id,
                        None => {
                            if next == u32::MAX {
                                continue;
                            }
                            let kind = self
                                .project
                                .schema
                                .label(label)
                                .map_or(SpanKind::Argument, |l| l.span_kind());
                            let mut sp = pending_span(next, *range, kind, label.clone());
                            // One the argument tagger found is the model's, with its
                            // probability; the rules' picks are the trigger's suggester's.
                            match t.tagged.iter().find(|(r, _)| r == range) {
                                Some((_, p)) => {
                                    sp.suggested_by = Some(crate::model::Suggester::Model);
                                    sp.confidence = Some(*p as f32);
                                }
                                None => sp.suggested_by = Some(by),
                            }
                            next += 1;
                            let id = sp.id;
                            new_args.push(sp);
                            id
                        }
                    },
                };
                args.push((role.clone(), id));
            }
            if next == u32::MAX {
                break;
            }
            let mut trigger = pending_span(next, t.range, SpanKind::Trigger, t.event_type.clone());
            // The trigger tagger's probability, shown like the entity model's.
            trigger.confidence = t.confidence.map(|c| c as f32);
            trigger.suggested_by = Some(by);
            next += 1;
            events.push(Event {
                id: crate::model::EventId(next_event),
                event_type: t.event_type.clone(),
                trigger: trigger.id,
                args,
                unsure: false,
                note: None,
            });
            next_event += 1;
            taken.push(t.range);
            spans.extend(new_args);
            spans.push(trigger);
        }
        let n = spans.len();
        if n == 0 {
            return Ok(0);
        }
        let add: Vec<Edit> = spans
            .into_iter()
            .map(|span| Edit::AddSpan { doc, span })
            .collect();
        // The spans in a batch of their own, which goes in with one merge however many.
        let edit = if events.is_empty() {
            Edit::Batch(add)
        } else {
            let mut all = vec![Edit::Batch(add)];
            all.extend(
                events
                    .into_iter()
                    .map(|event| Edit::AddEvent { doc, event }),
            );
            Edit::Batch(all)
        };
        self.apply(edit)?;
        Ok(n)
    }
}
