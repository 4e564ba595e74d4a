//! Edits: every change to annotations or the schema is an `Edit`; `apply` performs it and
//! returns its inverse, which `History` keeps for undo/redo.

mod event_types;
mod history;

mod bulk;

pub use event_types::{EventTypeDraft, SchemaError, drafts_of, replace_event_types};
pub use history::History;

use crate::model::{DocStatus, LabelDef, Project, Span, SpanId};

/// One change to a project's annotations or schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add a span to a document's layer.
    AddSpan {
        /// Document index.
        doc: usize,
        /// The span (its id must be unused).
        span: Span,
    },
    /// Remove a span (it must not be used by an event).
    RemoveSpan {
        /// Document index.
        doc: usize,
        /// Which span.
        id: SpanId,
    },
    /// Replace a span by one with the same id (label, range, value, note …).
    UpdateSpan {
        /// Document index.
        doc: usize,
        /// The new span.
        span: Span,
    },
    /// Add an event (its trigger and arguments must exist).
    AddEvent {
        /// Document index.
        doc: usize,
        /// The event (its id must be unused).
        event: crate::model::Event,
    },
    /// Remove an event.
    RemoveEvent {
        /// Document index.
        doc: usize,
        /// Which event.
        id: crate::model::EventId,
    },
    /// Replace an event by one with the same id (type, trigger, arguments).
    UpdateEvent {
        /// Document index.
        doc: usize,
        /// The new event.
        event: crate::model::Event,
    },
    /// Set a document's status.
    SetStatus {
        /// Document index.
        doc: usize,
        /// New status.
        status: DocStatus,
    },
    /// Insert a label into the schema.
    AddLabel {
        /// Position in the palette.
        index: usize,
        /// The label.
        label: LabelDef,
    },
    /// Remove a label that no span uses.
    RemoveLabel {
        /// Key of the label.
        key: String,
    },
    /// Remove a label even though spans use it; they keep its key, as an unknown label. This
    /// is the inverse of adding a label for spans that had its key already (an imported
    /// file's unknown label, say), which `RemoveLabel` would refuse to undo.
    ForgetLabel {
        /// Key of the label.
        key: String,
    },
    /// Replace the label at a position; a new key renames it in every span of the project
    /// and in every event role's `accepts`. The new key must not be used by another label,
    /// a span or a role.
    UpdateLabel {
        /// Position in the palette.
        index: usize,
        /// The new definition.
        label: LabelDef,
    },
    /// Replace the schema's event types.
    SetEventTypes {
        /// The new list.
        events: Vec<crate::model::EventType>,
    },
    /// Replace the project's user dictionary (jieba dict lines).
    SetUserWords {
        /// The new list.
        words: Vec<String>,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. A failed edit changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No document at that index.
    #[error("no document {0}")]
    NoDocument(usize),
    /// No span with that id.
    #[error("no span {0}")]
    NoSpan(SpanId),
    /// The id is taken.
    #[error("span id {0} is already used")]
    DuplicateId(SpanId),
    /// The range does not fit the text or is empty.
    #[error("range {start}..{end} does not fit the text ({len} chars)")]
    BadRange {
        /// Start.
        start: u32,
        /// End.
        end: u32,
        /// Text length.
        len: u32,
    },
    /// No event with that id, or the id is taken.
    #[error("event {0}: no such event, or its id is taken")]
    BadEvent(crate::model::EventId),
    /// The span is an event's trigger or argument.
    #[error("span {0} is used by an event")]
    SpanInUse(SpanId),
    /// The label key is unknown.
    #[error("no label {0:?}")]
    NoLabel(String),
    /// The label key already exists (as a label, or as the label of spans or a key that
    /// event roles accept).
    #[error("label {0:?} already exists")]
    DuplicateLabel(String),
    /// Another label already has this hotkey.
    #[error("hotkey {0:?} is already used by label {1:?}")]
    DuplicateHotkey(char, String),
    /// A step of a batch failed (`error`), and so did undoing the steps before it
    /// (`rollback`, the first undo step that failed): the project may be partly changed.
    #[error(
        "{error}; undoing the batch's earlier steps failed too ({rollback}), so the project may be partly changed"
    )]
    RollbackFailed {
        /// Why the batch failed.
        error: Box<EditError>,
        /// Why undoing its earlier steps failed.
        rollback: Box<EditError>,
    },
    /// The label is used by spans.
    #[error("label {key:?} is used by {count} spans")]
    LabelInUse {
        /// Key.
        key: String,
        /// How many spans use it.
        count: usize,
    },
}

impl Edit {
    /// The documents this edit touches (`None` = the schema, i.e. `project.ron`).
    pub fn touched(&self, out: &mut Vec<Option<usize>>) {
        match self {
            Edit::AddSpan { doc, .. }
            | Edit::RemoveSpan { doc, .. }
            | Edit::UpdateSpan { doc, .. }
            | Edit::SetStatus { doc, .. }
            | Edit::AddEvent { doc, .. }
            | Edit::RemoveEvent { doc, .. }
            | Edit::UpdateEvent { doc, .. } => out.push(Some(*doc)),
            Edit::AddLabel { .. } | Edit::RemoveLabel { .. } | Edit::ForgetLabel { .. } => {
                out.push(None)
            }
            Edit::UpdateLabel { .. } | Edit::SetUserWords { .. } | Edit::SetEventTypes { .. } => {
                out.push(None)
            }
            Edit::Batch(v) => v.iter().for_each(|e| e.touched(out)),
        }
    }
}

/// Apply an edit and return its inverse. On error the project is unchanged (dirty flags
/// included), except after `EditError::RollbackFailed`.
pub fn apply(p: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::Batch(edits) => {
            if let Some(inverse) = bulk::apply(p, &edits) {
                return Ok(inverse);
            }
            let dirty = (p.dirty_docs.clone(), p.project_dirty);
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match apply(p, e) {
                    Ok(inv) => inverses.push(inv),
                    Err(err) => return Err(fail_batch(p, err, inverses, dirty)),
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
        Edit::AddSpan { doc, span } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            let len = d.text.len_chars();
            if span.range.end > len || span.range.is_empty() {
                return Err(EditError::BadRange {
                    start: span.range.start,
                    end: span.range.end,
                    len,
                });
            }
            if d.layer.span(span.id).is_some() {
                return Err(EditError::DuplicateId(span.id));
            }
            let id = span.id;
            d.layer.insert_span(span);
            p.dirty_docs.insert(doc);
            Ok(Edit::RemoveSpan { doc, id })
        }
        Edit::RemoveSpan { doc, id } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            if !d.layer.events_using(id).is_empty() {
                return Err(EditError::SpanInUse(id));
            }
            let span = d.layer.remove_span(id).ok_or(EditError::NoSpan(id))?;
            p.dirty_docs.insert(doc);
            Ok(Edit::AddSpan { doc, span })
        }
        Edit::UpdateSpan { doc, span } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            let len = d.text.len_chars();
            if span.range.end > len || span.range.is_empty() {
                return Err(EditError::BadRange {
                    start: span.range.start,
                    end: span.range.end,
                    len,
                });
            }
            let old = d
                .layer
                .remove_span(span.id)
                .ok_or(EditError::NoSpan(span.id))?;
            d.layer.insert_span(span);
            p.dirty_docs.insert(doc);
            Ok(Edit::UpdateSpan { doc, span: old })
        }
        Edit::AddEvent { doc, event } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            check_event_spans(&d.layer, &event)?;
            if d.layer.event(event.id).is_some() {
                return Err(EditError::BadEvent(event.id));
            }
            let id = event.id;
            d.layer.insert_event(event);
            p.dirty_docs.insert(doc);
            Ok(Edit::RemoveEvent { doc, id })
        }
        Edit::RemoveEvent { doc, id } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            let event = d.layer.remove_event(id).ok_or(EditError::BadEvent(id))?;
            p.dirty_docs.insert(doc);
            Ok(Edit::AddEvent { doc, event })
        }
        Edit::UpdateEvent { doc, event } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            check_event_spans(&d.layer, &event)?;
            let old = d
                .layer
                .remove_event(event.id)
                .ok_or(EditError::BadEvent(event.id))?;
            d.layer.insert_event(event);
            p.dirty_docs.insert(doc);
            Ok(Edit::UpdateEvent { doc, event: old })
        }
        Edit::SetStatus { doc, status } => {
            let d = p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))?;
            let old = std::mem::replace(&mut d.layer.status, status);
            d.layer.touch();
            p.dirty_docs.insert(doc);
            Ok(Edit::SetStatus { doc, status: old })
        }
        Edit::AddLabel { index, label } => {
            if p.schema.label(&label.key).is_some() {
                return Err(EditError::DuplicateLabel(label.key));
            }
            check_hotkey(p, &label, None)?;
            let key = label.key.clone();
            let index = index.min(p.schema.labels.len());
            p.schema.labels.insert(index, label);
            p.project_dirty = true;
            // Spans that had the key before the label existed keep it when the label goes.
            if p.label_use_count(&key) > 0 {
                Ok(Edit::ForgetLabel { key })
            } else {
                Ok(Edit::RemoveLabel { key })
            }
        }
        Edit::ForgetLabel { key } => {
            let index = p
                .schema
                .label_index(&key)
                .ok_or_else(|| EditError::NoLabel(key.clone()))?;
            let label = p.schema.labels.remove(index);
            p.project_dirty = true;
            Ok(Edit::AddLabel { index, label })
        }
        Edit::RemoveLabel { key } => {
            let index = p
                .schema
                .label_index(&key)
                .ok_or_else(|| EditError::NoLabel(key.clone()))?;
            let count = p.label_use_count(&key);
            if count > 0 {
                return Err(EditError::LabelInUse { key, count });
            }
            let label = p.schema.labels.remove(index);
            p.project_dirty = true;
            Ok(Edit::AddLabel { index, label })
        }
        Edit::SetEventTypes { events } => {
            let old = std::mem::replace(&mut p.schema.events, events);
            p.project_dirty = true;
            Ok(Edit::SetEventTypes { events: old })
        }
        Edit::SetUserWords { words } => {
            let old = std::mem::replace(&mut p.settings.user_words, words);
            p.project_dirty = true;
            Ok(Edit::SetUserWords { words: old })
        }
        Edit::UpdateLabel { index, label } => {
            let old = p
                .schema
                .labels
                .get(index)
                .cloned()
                .ok_or_else(|| EditError::NoLabel(label.key.clone()))?;
            check_hotkey(p, &label, Some(index))?;
            if old.key != label.key {
                // The new key must be unused by labels, spans and roles alike: renaming onto
                // a key in use would merge two keys, and undo could not tell them apart.
                if p.schema.label(&label.key).is_some()
                    || p.label_use_count(&label.key) > 0
                    || p.schema.accepted_by_a_role(&label.key)
                {
                    return Err(EditError::DuplicateLabel(label.key));
                }
                for (i, d) in p.documents.iter_mut().enumerate() {
                    if d.layer.rename_label(&old.key, &label.key) > 0 {
                        p.dirty_docs.insert(i);
                    }
                }
                // Roles that accepted the label accept it under its new name, so events
                // using it stay valid. The inverse (the same edit with the old key) renames
                // back exactly, since the new key was nowhere before.
                p.schema.rename_in_roles(&old.key, &label.key);
            }
            p.schema.labels[index] = label;
            p.project_dirty = true;
            Ok(Edit::UpdateLabel { index, label: old })
        }
    }
}

/// A batch step failed with `err`: undo the steps done so far (`inverses`, in the order
/// they were done) so the failed batch changes nothing, dirty flags included (`dirty`, as
/// they were before the batch). Every inverse is tried even if one fails; a failed undo
/// step turns the error into `RollbackFailed`, since the project is then not as it was.
fn fail_batch(
    p: &mut Project,
    err: EditError,
    inverses: Vec<Edit>,
    dirty: (std::collections::BTreeSet<usize>, bool),
) -> EditError {
    let mut rollback_err = None;
    for inv in inverses.into_iter().rev() {
        if let Err(e) = apply(p, inv) {
            rollback_err.get_or_insert(e);
        }
    }
    match rollback_err {
        None => {
            (p.dirty_docs, p.project_dirty) = dirty;
            err
        }
        // The project may differ from what was saved: the dirty flags set stay set.
        Some(rollback) => EditError::RollbackFailed {
            error: Box::new(err),
            rollback: Box::new(rollback),
        },
    }
}

/// An event's trigger and arguments must be spans of the layer.
fn check_event_spans(
    layer: &crate::model::Layer,
    e: &crate::model::Event,
) -> Result<(), EditError> {
    if layer.span(e.trigger).is_none() {
        return Err(EditError::NoSpan(e.trigger));
    }
    for (_, a) in &e.args {
        if layer.span(*a).is_none() {
            return Err(EditError::NoSpan(*a));
        }
    }
    Ok(())
}

/// The edit that deletes a span used by events: each event that has it as an argument loses
/// that argument, an event triggered by it is removed, then the span goes; one undo step
/// restores everything.
pub fn delete_span_detaching(p: &Project, doc: usize, id: SpanId) -> Edit {
    let mut edits = Vec::new();
    if let Some(d) = p.documents.get(doc) {
        for e in &d.layer.events {
            if e.trigger == id {
                edits.push(Edit::RemoveEvent { doc, id: e.id });
            } else if e.args.iter().any(|(_, a)| *a == id) {
                let mut e2 = e.clone();
                e2.args.retain(|(_, a)| *a != id);
                edits.push(Edit::UpdateEvent { doc, event: e2 });
            }
        }
    }
    edits.push(Edit::RemoveSpan { doc, id });
    Edit::Batch(edits)
}

/// A label's hotkey must not be another label's (letters compare case-insensitively).
fn check_hotkey(p: &Project, label: &LabelDef, index: Option<usize>) -> Result<(), EditError> {
    let Some(h) = label.hotkey else {
        return Ok(());
    };
    if crate::model::RESERVED_HOTKEYS.contains(&h.to_ascii_uppercase()) {
        return Err(EditError::DuplicateHotkey(h, "(a command)".into()));
    }
    let clash = p.schema.labels.iter().enumerate().find(|(i, l)| {
        Some(*i) != index
            && l.hotkey.map(|c| c.to_ascii_uppercase()) == Some(h.to_ascii_uppercase())
    });
    match clash {
        Some((_, l)) => Err(EditError::DuplicateHotkey(h, l.key.clone())),
        None => Ok(()),
    }
}

/// The edit that deletes a label and, first, every span that uses it, as one undo step.
/// Spans used by events are detached from nothing here: such spans make the batch fail.
pub fn delete_label_with_spans(p: &Project, key: &str) -> Edit {
    let mut edits = Vec::new();
    for (doc, d) in p.documents.iter().enumerate() {
        for s in d.layer.spans().iter().filter(|s| s.label == key) {
            edits.push(Edit::RemoveSpan { doc, id: s.id });
        }
    }
    edits.push(Edit::RemoveLabel { key: key.into() });
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, DocMeta, Document, Layer, SpanKind, Text};

    fn project() -> Project {
        let mut p = Project::new("t", "a");
        p.documents.push(Document {
            meta: DocMeta {
                id: "d".into(),
                ..Default::default()
            },
            text: Text::new("甘肃省总工会在兰州召开推进会。"),
            layer: Layer::new(),
        });
        p
    }

    #[test]
    fn a_failed_rollback_step_is_reported_and_the_other_steps_still_undo() {
        let mut p = project();
        let span = Span::new(SpanId(1), CharRange::new(0, 6), SpanKind::Entity, "ORG");
        let inverse = apply(&mut p, Edit::AddSpan { doc: 0, span }).unwrap();
        // Undo steps in the order done: the real inverse, then one that cannot apply.
        let bogus = Edit::RemoveSpan {
            doc: 0,
            id: SpanId(99),
        };
        let before_flags = (Default::default(), false);
        let err = fail_batch(
            &mut p,
            EditError::NoDocument(7),
            vec![inverse, bogus],
            before_flags,
        );
        assert_eq!(
            err,
            EditError::RollbackFailed {
                error: Box::new(EditError::NoDocument(7)),
                rollback: Box::new(EditError::NoSpan(SpanId(99))),
            }
        );
        assert!(err.to_string().contains("failed too"), "{err}");
        assert!(
            p.documents[0].layer.spans().is_empty(),
            "T1 was still removed"
        );
        assert!(p.dirty_docs.contains(&0), "partly changed: stays dirty");
    }

    #[test]
    fn a_batch_whose_later_step_fails_leaves_the_project_and_its_flags_as_before() {
        let mut p = project();
        let before_spans = p.documents[0].layer.spans().to_vec();
        let span = Span::new(SpanId(1), CharRange::new(0, 6), SpanKind::Entity, "ORG");
        let batch = Edit::Batch(vec![
            Edit::AddSpan { doc: 0, span },
            Edit::SetStatus {
                doc: 0,
                status: crate::model::DocStatus::Done,
            },
            Edit::SetUserWords {
                words: vec!["推进会".into()],
            },
            Edit::RemoveSpan {
                doc: 0,
                id: SpanId(2),
            },
        ]);
        assert_eq!(apply(&mut p, batch), Err(EditError::NoSpan(SpanId(2))));
        assert_eq!(p.documents[0].layer.spans(), &before_spans[..]);
        assert_eq!(p.documents[0].layer.status, crate::model::DocStatus::New);
        assert!(p.settings.user_words.is_empty());
        assert!(!p.is_dirty(), "a failed batch marks nothing to save");
    }
}
