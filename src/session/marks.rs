//! The "unsure" flag and comments on spans and events (issue #12): what the annotator was
//! not sure of, and why, for a reviewer to walk. Setting either is an `UpdateSpan` /
//! `UpdateEvent` edit, so it is undone like any other.

use crate::edit::Edit;
use crate::i18n::{Lang, Msg, tr};
use crate::model::{Event, EventId, Span, SpanId};

use super::{Session, SessionError};

/// What the unsure key and the comment field act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkTarget {
    /// A span of the current document.
    Span(SpanId),
    /// An event of the current document.
    Event(EventId),
}

/// Which spans or events a list shows by their marks: all, only the unsure ones, only those
/// with a comment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkFilter {
    /// Every one.
    #[default]
    All,
    /// Only those flagged unsure.
    Unsure,
    /// Only those with a comment.
    Commented,
}

impl MarkFilter {
    /// Every filter, in the order the lists offer them.
    pub const ALL: [MarkFilter; 3] = [MarkFilter::All, MarkFilter::Unsure, MarkFilter::Commented];

    /// Its name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                MarkFilter::All => Msg::MarkFilterAll,
                MarkFilter::Unsure => Msg::MarkFilterUnsure,
                MarkFilter::Commented => Msg::MarkFilterCommented,
            },
        )
    }

    fn passes(self, unsure: bool, note: &Option<String>) -> bool {
        match self {
            MarkFilter::All => true,
            MarkFilter::Unsure => unsure,
            MarkFilter::Commented => note.is_some(),
        }
    }

    /// Whether span `s` passes.
    pub fn shows_span(self, s: &Span) -> bool {
        self.passes(s.unsure, &s.note)
    }

    /// Whether event `e` passes.
    pub fn shows_event(self, e: &Event) -> bool {
        self.passes(e.unsure, &e.note)
    }
}

/// The marks a list row shows before its text: `?` unsure, `※` with a comment.
pub fn mark_prefix(unsure: bool, note: Option<&str>) -> &'static str {
    match (unsure, note.is_some()) {
        (true, true) => "?※ ",
        (true, false) => "? ",
        (false, true) => "※ ",
        (false, false) => "",
    }
}

/// A comment as stored: trimmed, and none when nothing is left.
pub fn clean_note(note: &str) -> Option<String> {
    Some(note.trim().to_string()).filter(|n| !n.is_empty())
}

impl Session {
    /// What the unsure key acts on: the selected event when it is selected by itself or with
    /// its own trigger (as selecting an event selects its trigger), else the selected span,
    /// else nothing.
    pub fn mark_target(&self) -> Option<MarkTarget> {
        let d = self.project.documents.get(self.doc)?;
        let event = self.selected_event.and_then(|id| d.layer.event(id));
        match (event, self.selected_span) {
            (Some(e), None) => Some(MarkTarget::Event(e.id)),
            (Some(e), Some(s)) if s == e.trigger => Some(MarkTarget::Event(e.id)),
            (_, Some(s)) if d.layer.span(s).is_some() => Some(MarkTarget::Span(s)),
            _ => None,
        }
    }

    /// Whether `target` is flagged unsure and its comment (None when it does not exist).
    pub fn marks_of(&self, target: MarkTarget) -> Option<(bool, Option<&str>)> {
        let d = self.project.documents.get(self.doc)?;
        match target {
            MarkTarget::Span(id) => d.layer.span(id).map(|s| (s.unsure, s.note.as_deref())),
            MarkTarget::Event(id) => d.layer.event(id).map(|e| (e.unsure, e.note.as_deref())),
        }
    }

    /// Flip the unsure flag of the selected span or event (`mark_target`), one undo step.
    /// Returns the new flag, or None when nothing is selected.
    pub fn toggle_unsure(&mut self) -> Result<Option<bool>, SessionError> {
        let Some(target) = self.mark_target() else {
            return Ok(None);
        };
        let Some((unsure, _)) = self.marks_of(target) else {
            return Ok(None);
        };
        self.set_unsure(target, !unsure)?;
        Ok(Some(!unsure))
    }

    /// Set the unsure flag of a span or event of the current document (nothing when it is
    /// already so).
    pub fn set_unsure(&mut self, target: MarkTarget, unsure: bool) -> Result<(), SessionError> {
        self.update_marks(target, |u, _| *u = unsure)
    }

    /// Set the comment of a span or event of the current document: trimmed, an empty one
    /// removes it (nothing when it is unchanged).
    pub fn set_note(&mut self, target: MarkTarget, note: &str) -> Result<(), SessionError> {
        let note = clean_note(note);
        self.update_marks(target, move |_, n| *n = note)
    }

    fn update_marks(
        &mut self,
        target: MarkTarget,
        change: impl FnOnce(&mut bool, &mut Option<String>),
    ) -> Result<(), SessionError> {
        let doc = self.doc;
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(());
        };
        let edit = match target {
            MarkTarget::Span(id) => {
                let Some(old) = d.layer.span(id) else {
                    return Err(crate::edit::EditError::NoSpan(id).into());
                };
                let mut s = old.clone();
                change(&mut s.unsure, &mut s.note);
                if s == *old {
                    return Ok(());
                }
                Edit::UpdateSpan { doc, span: s }
            }
            MarkTarget::Event(id) => {
                let Some(old) = d.layer.event(id) else {
                    return Err(crate::edit::EditError::BadEvent(id).into());
                };
                let mut e = old.clone();
                change(&mut e.unsure, &mut e.note);
                if e == *old {
                    return Ok(());
                }
                Edit::UpdateEvent { doc, event: e }
            }
        };
        self.apply(edit)
    }
}
