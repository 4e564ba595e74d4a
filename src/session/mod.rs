//! `Session`: an open project with its store, history, current document, selection and
//! segmenter. Every user-level operation (tag, delete, suggest, accept/reject, events,
//! structure, import, save) is a method here, used by the window and the command line alike.
//! Every change goes through `apply`, so it is undoable, marks the project dirty and is saved
//! by autosave. No egui here: the window drives it and tests call it directly.

mod error;
pub mod exchange;
pub mod find;
pub mod learn;
mod marks;
pub mod overview;
pub mod review;
pub mod suggest;

pub use crate::store::removal::{Removal, Removed};
pub use error::{
    SessionError, edit_message, problem_message, schema_message, store_message, tagger_problem_said,
};
pub use marks::{MarkFilter, MarkTarget, clean_note, mark_prefix};

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::edit::{Edit, History};
use crate::model::{CharRange, LabelClass, Project, Span, SpanId, SpanStatus};
use crate::store::{SaveReport, Store, StoreError};

/// A char selection: where the drag or Shift+arrows started and where it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Fixed end.
    pub anchor: u32,
    /// Moving end.
    pub head: u32,
}

impl Selection {
    /// The selected chars.
    pub fn range(&self) -> CharRange {
        CharRange::new(self.anchor, self.head)
    }
}

/// The result of the last save, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing unsaved.
    Saved,
    /// Unsaved changes.
    Unsaved,
    /// The last save failed: why, in Chinese and English.
    Failed([String; 2]),
}

/// An open project. Its fields are private: the window and the command line read them
/// through accessors and change them only through the methods below, so the selection
/// rules live here once.
#[derive(Debug)]
pub struct Session {
    /// This project's segmenter (jieba with the project's user words), shared with the
    /// threads that segment for it.
    seg: Arc<crate::zh::segment::Segmenter>,
    store: Store,
    project: Project,
    history: History,
    doc: usize,
    selection: Option<Selection>,
    selected_span: Option<SpanId>,
    selected_event: Option<crate::model::EventId>,
    armed_role: Option<String>,
    event_filter: EventFilter,
    /// Bumped by every change (edit, undo, redo), for caches of derived data. Each session
    /// starts from its own range, so a cache cannot mistake another project for this one.
    generation: u64,
    last_edit: Option<Instant>,
    /// The last save's failure, in Chinese and English.
    save_error: Option<[String; 2]>,
    /// Where the user was before each undo step (undo goes back there) …
    undo_focus: Vec<Focus>,
    /// Every layer's status per document, read at open and after each save.
    statuses: overview::LayerStatuses,
    /// … and before each undo (redo comes back there).
    redo_focus: Vec<Focus>,
    /// The person working; edits are recorded in `changes` once it is set.
    who: Option<String>,
    /// Every edit of this session: who, what, when (the change list).
    changes: Vec<review::Change>,
    /// How many of `changes` are in the activity log (`log/<who>.jsonl`) already.
    logged: usize,
    /// Review mode: the annotators' layers compared beside the curated one.
    review: Option<Box<review::Review>>,
    /// The project's entity model, if it has one.
    models: learn::ModelState,
    /// Model suggestions below this probability are left out.
    min_confidence: f32,
    /// The order N walks pending suggestions in.
    suggestion_order: learn::SuggestionOrder,
    /// The trigger tagger last trained from the accepted events, shared with suggestion runs.
    trigger_tagger: crate::learn::triggers::TaggerCache,
}

/// What the user was looking at: the document, the char selection, the selected span and
/// event. Undo and redo restore it with the edit, so the change is in view and selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Focus {
    doc: usize,
    selection: Option<Selection>,
    selected_span: Option<SpanId>,
    selected_event: Option<crate::model::EventId>,
    /// The review item selected (document, index), so that after an undo the item a
    /// decision key decides is the one the selection shows again.
    review_item: Option<(usize, usize)>,
}

/// How Shift+arrows change the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extend {
    /// The moving end one char left.
    Left,
    /// The moving end one char right.
    Right,
    /// The start one char left.
    StartLeft,
    /// The start one char right.
    StartRight,
}

/// Which events the event list shows and `]` / `[` walk: a reviewer's worklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Only events with problems.
    pub only_problems: bool,
    /// Only events of this type.
    pub event_type: Option<String>,
    /// Only unsure events, or only events with a comment.
    pub marks: MarkFilter,
}

impl EventFilter {
    /// Whether event `e` passes, given whether it has problems.
    pub fn shows(&self, e: &crate::model::Event, has_problems: bool) -> bool {
        (!self.only_problems || has_problems)
            && self.event_type.as_ref().is_none_or(|t| *t == e.event_type)
            && self.marks.shows_event(e)
    }
}

/// `old` with label `label`, as a label key on a selected span makes it: the label's kind,
/// accepted (a pending suggestion that the user labels is accepted), the figure value kept
/// only where the new label is a figure of the same kind.
fn relabelled(old: &Span, label: &crate::model::LabelDef) -> Span {
    let mut span = old.clone();
    span.label = label.key.clone();
    span.kind = label.span_kind();
    span.status = SpanStatus::Accepted;
    span.value = match (label.class, &old.value) {
        (LabelClass::Figure(k), Some(v)) if v.kind == k => old.value.clone(),
        _ => None,
    };
    span
}

/// A new span of `label` over `range` of document `d`; a figure gets the normaliser's value
/// (editable in the span panel).
fn new_span(
    d: &crate::model::Document,
    id: SpanId,
    range: CharRange,
    label: &crate::model::LabelDef,
    key: &str,
) -> Span {
    let mut span = Span::new(id, range, label.span_kind(), key);
    if let LabelClass::Figure(kind) = label.class
        && let Ok(surface) = d.text.slice(range)
    {
        let ctx = crate::zh::figures::FigureContext {
            year: crate::zh::figures::page_year(d.text.as_str(), d.meta.published.as_deref()),
            published: d.meta.published.clone(),
        };
        span.value = crate::zh::figures::normalise(surface, kind, &ctx);
    }
    span
}

/// What "tag all matches" did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagAllReport {
    /// Spans added (one undo step).
    pub added: usize,
    /// Matches left alone because the same span (range and label) was there already.
    pub skipped: usize,
}

impl Session {
    /// Search the current document (or, `whole_project`, every document) for `q`, at most
    /// `cap` matches.
    pub fn find(
        &self,
        q: &find::FindQuery,
        whole_project: bool,
        cap: usize,
    ) -> Result<find::Found, find::FindError> {
        let scope = if whole_project {
            find::FindScope::Project
        } else {
            find::FindScope::Doc(self.doc)
        };
        find::find(&self.project, q, scope, cap)
    }

    /// Where the next find step starts: the selection's (or the selected span's, or the
    /// caret's) start in the current document, and whether a match starting there counts as
    /// the next one (only for a caret: a selected match is passed over).
    pub fn find_cursor(&self) -> ((usize, u32), bool) {
        if let Some(sel) = self.selection {
            let r = sel.range();
            return ((self.doc, r.start), r.is_empty());
        }
        if let Some(s) = self.selected_span.and_then(|id| self.current_span(id)) {
            return ((self.doc, s.range.start), false);
        }
        ((self.doc, 0), true)
    }

    /// Select a match (opening its document) as a char selection. Returns where it starts,
    /// to scroll to.
    pub fn select_match(&mut self, m: find::FindMatch) -> Option<u32> {
        let d = self.project.documents.get(m.doc)?;
        if m.range.end > d.text.len_chars() {
            return None;
        }
        if m.doc != self.doc {
            self.open_doc(m.doc);
        }
        self.selected_span = None;
        self.selection = Some(Selection {
            anchor: m.range.start,
            head: m.range.end,
        });
        Some(m.range.start)
    }

    /// Give every span of `spans` (document, id) label `key` in ONE undo step (one `Batch`
    /// of `UpdateSpan`s), as a label key on each would. A span that is gone or has the label
    /// already is left alone. Returns how many changed.
    pub fn relabel_spans(
        &mut self,
        spans: &[(usize, SpanId)],
        key: &str,
    ) -> Result<usize, SessionError> {
        let Some(label) = self.project.schema.label(key).cloned() else {
            return Err(SessionError::NoLabel(key.to_string()));
        };
        let mut edits = Vec::new();
        for &(doc, id) in spans {
            let Some(old) = self
                .project
                .documents
                .get(doc)
                .and_then(|d| d.layer.span(id))
            else {
                continue;
            };
            let span = relabelled(old, &label);
            if span != *old {
                edits.push(Edit::UpdateSpan { doc, span });
            }
        }
        let n = edits.len();
        if n > 0 {
            self.apply(Edit::Batch(edits))?;
        }
        Ok(n)
    }

    /// Tag every match with label `key` in ONE undo step (one `Batch` of `AddSpan`s). A
    /// match where the same span (range and label, not rejected) exists is skipped and
    /// counted.
    pub fn tag_matches(
        &mut self,
        matches: &[find::FindMatch],
        key: &str,
    ) -> Result<TagAllReport, SessionError> {
        let Some(label) = self.project.schema.label(key).cloned() else {
            return Err(SessionError::NoLabel(key.to_string()));
        };
        let mut report = TagAllReport::default();
        let mut edits = Vec::new();
        let mut next: std::collections::HashMap<usize, u32> = Default::default();
        for m in matches {
            let Some(d) = self.project.documents.get(m.doc) else {
                continue;
            };
            if m.range.is_empty() || m.range.end > d.text.len_chars() {
                continue;
            }
            let exists = d
                .layer
                .overlapping(m.range)
                .any(|s| s.range == m.range && s.label == key && s.status != SpanStatus::Rejected);
            if exists {
                report.skipped += 1;
                continue;
            }
            let n = next.entry(m.doc).or_insert(d.layer.next_span);
            let span = new_span(d, SpanId(*n), m.range, &label, key);
            *n += 1;
            edits.push(Edit::AddSpan { doc: m.doc, span });
        }
        report.added = edits.len();
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits))?;
        }
        Ok(report)
    }
}

/// A fresh range of generations for a new session (2^32 changes each).
fn next_generation_base() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed) << 32
}

impl Session {
    /// Wrap a loaded project; its segmenter is built from the project's user words.
    pub fn new(store: Store, project: Project) -> Self {
        let seg = crate::zh::segment::Segmenter::with_user_words(&project.settings.user_words);
        Self::with_segmenter(store, project, seg)
    }

    /// Wrap a loaded project whose segmenter was already built (on a loading thread, say).
    /// A segmenter built for other user words is brought up to date.
    pub fn with_segmenter(
        store: Store,
        project: Project,
        seg: crate::zh::segment::Segmenter,
    ) -> Self {
        let statuses = overview::LayerStatuses::read(store.dir(), &project);
        Self::with_parts(store, project, seg, statuses)
    }

    /// Wrap a loaded project whose segmenter and layer statuses were worked out already (on
    /// the open job's thread: reading every layer's status of a large project takes a while).
    pub fn with_parts(
        store: Store,
        project: Project,
        mut seg: crate::zh::segment::Segmenter,
        statuses: overview::LayerStatuses,
    ) -> Self {
        seg.set_user_words(&project.settings.user_words);
        let mut models = learn::ModelState::load(store.dir());
        models.check_sentences(&project);
        Self {
            models,
            min_confidence: 0.0,
            suggestion_order: learn::SuggestionOrder::default(),
            trigger_tagger: crate::learn::triggers::TaggerCache::for_project(
                store.dir(),
                !store.is_read_only(),
            ),
            statuses,
            seg: Arc::new(seg),
            store,
            project,
            history: History::new(),
            doc: 0,
            selection: None,
            selected_span: None,
            selected_event: None,
            armed_role: None,
            event_filter: EventFilter::default(),
            generation: next_generation_base(),
            last_edit: None,
            save_error: None,
            undo_focus: Vec::new(),
            redo_focus: Vec::new(),
            who: None,
            changes: Vec::new(),
            logged: 0,
            review: None,
        }
    }

    fn focus(&self) -> Focus {
        Focus {
            doc: self.doc,
            selection: self.selection,
            selected_span: self.selected_span,
            selected_event: self.selected_event,
            review_item: self.review.as_deref().and_then(review::Review::cursor),
        }
    }

    fn restore(&mut self, f: Focus) {
        if f.doc < self.project.documents.len() {
            self.doc = f.doc;
        }
        self.selection = f.selection;
        self.selected_span = f.selected_span;
        self.selected_event = f.selected_event;
        self.armed_role = None;
        if let Some(r) = self.review.as_deref_mut() {
            r.set_cursor(f.review_item);
        }
    }

    /// Apply an edit as an undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), SessionError> {
        if self.store.is_read_only() {
            return Err(StoreError::ReadOnly(self.store.dir().to_path_buf()).into());
        }
        let before = self.focus();
        // Described before it applies (the text, which names what changed, never changes).
        let described = self
            .who
            .is_some()
            .then(|| review::describe(&edit, &self.project));
        let mut touched = Vec::new();
        edit.touched(&mut touched);
        let revisions = self.revisions_before(&touched);
        self.history.apply(&mut self.project, edit)?;
        self.refresh_after(&touched, &revisions, true);
        if let Some(d) = described {
            self.record(d, None);
        }
        self.undo_focus.push(before);
        self.redo_focus.clear();
        self.after_change();
        Ok(())
    }

    /// This project's segmenter (jieba with its user words).
    pub fn segmenter(&self) -> &Arc<crate::zh::segment::Segmenter> {
        &self.seg
    }

    /// The project folder.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Every layer's status per document as last read (at open, and for each document
    /// saved since): the document list's view of the other annotators.
    pub fn layer_statuses(&self) -> &overview::LayerStatuses {
        &self.statuses
    }

    /// Read every layer's status again (after a `git pull`, say).
    pub fn reread_statuses(&mut self) {
        let version = self.statuses.version() + 1;
        self.statuses =
            overview::LayerStatuses::read(self.store.dir(), &self.project).with_version(version);
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Undo/redo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The current document's index.
    pub fn doc(&self) -> usize {
        self.doc
    }

    /// The char selection in the current document.
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// The selected span of the current document.
    pub fn selected_span(&self) -> Option<SpanId> {
        self.selected_span
    }

    /// The selected event of the current document (its arguments are shown in the text).
    pub fn selected_event(&self) -> Option<crate::model::EventId> {
        self.selected_event
    }

    /// A role of the selected event waiting for the next span clicked or text selected.
    pub fn armed_role(&self) -> Option<&str> {
        self.armed_role.as_deref()
    }

    /// Which events the event list shows (and `]` / `[` walk).
    pub fn event_filter(&self) -> &EventFilter {
        &self.event_filter
    }

    /// Bumped by every change, for caches of derived data.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Set the char selection (a drag or a click in the text). A non-empty selection
    /// replaces the selected span; a click (empty) keeps it.
    pub fn set_selection(&mut self, sel: Selection) {
        self.selection = Some(sel);
        if sel.anchor != sel.head {
            self.selected_span = None;
        }
    }

    /// Select span `id` (clears the char selection). Returns where it starts, to scroll to.
    pub fn select_span(&mut self, id: SpanId) -> Option<u32> {
        self.selected_span = Some(id);
        self.selection = None;
        self.current_span(id).map(|s| s.range.start)
    }

    /// Clear the char selection and the selected span.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.selected_span = None;
    }

    /// Esc: disarm a waiting role, else clear the char selection, else the selected span.
    pub fn escape(&mut self) {
        if self.armed_role.is_some() {
            self.armed_role = None;
        } else if self.selection.is_some() {
            self.selection = None;
        } else {
            self.selected_span = None;
        }
    }

    /// Shift+arrows: grow or shrink the selection by a char (from the selected span, else
    /// from the start of the text).
    pub fn extend_selection(&mut self, how: Extend) {
        let len = self
            .project
            .documents
            .get(self.doc)
            .map_or(0, |d| d.text.len_chars());
        let sel = self.selection.unwrap_or_else(|| {
            self.selected_span
                .and_then(|id| self.current_span(id))
                .map(|sp| Selection {
                    anchor: sp.range.start,
                    head: sp.range.end,
                })
                .unwrap_or(Selection { anchor: 0, head: 0 })
        });
        let (a, h) = (sel.anchor.min(sel.head), sel.anchor.max(sel.head));
        let sel = match how {
            Extend::Left => Selection {
                anchor: sel.anchor,
                head: sel.head.saturating_sub(1),
            },
            Extend::Right => Selection {
                anchor: sel.anchor,
                head: (sel.head + 1).min(len),
            },
            Extend::StartLeft => Selection {
                anchor: h,
                head: a.saturating_sub(1),
            },
            Extend::StartRight => Selection {
                anchor: h,
                head: (a + 1).min(h),
            },
        };
        self.selection = Some(sel);
        self.selected_span = None;
    }

    /// The next (or previous) document, if there is one.
    pub fn step_doc(&mut self, forward: bool) {
        let n = self.project.documents.len();
        if forward && self.doc + 1 < n {
            self.open_doc(self.doc + 1);
        } else if !forward && self.doc > 0 {
            self.open_doc(self.doc - 1);
        }
    }

    /// Select event `id` and its trigger. Returns where the trigger starts, to scroll to.
    pub fn select_event(&mut self, id: crate::model::EventId) -> Option<u32> {
        self.selected_event = Some(id);
        let t = self
            .project
            .documents
            .get(self.doc)
            .and_then(|d| d.layer.event(id))
            .map(|e| e.trigger)?;
        self.select_span(t)
    }

    /// Deselect the event (its boxes and arcs go from the text).
    pub fn clear_event(&mut self) {
        self.selected_event = None;
        self.armed_role = None;
    }

    /// Show (and walk) only the events that `f` lets through.
    pub fn set_event_filter(&mut self, f: EventFilter) {
        self.event_filter = f;
    }

    /// Arm `role` (the next span clicked or text selected fills it); the same role again
    /// disarms it.
    pub fn toggle_armed_role(&mut self, role: String) {
        self.armed_role = (self.armed_role.as_ref() != Some(&role)).then_some(role);
    }

    /// Alt+n: fill role `n` (from 0) of the selected event from the selection, or, with
    /// nothing selected, arm it.
    pub fn role_key(&mut self, n: usize) -> Result<(), SessionError> {
        match self.role_name(n) {
            Some(role) if self.has_argument_target() => self.fill_role(&role),
            Some(role) => {
                self.armed_role = Some(role);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Fill `role` of the selected event from the selection now (disarming any role).
    pub fn fill_role(&mut self, role: &str) -> Result<(), SessionError> {
        self.armed_role = None;
        self.set_argument(role)
    }

    /// An armed role takes the selection once there is one (a clicked span or a finished
    /// drag). Returns whether it did.
    pub fn fill_armed_role(&mut self) -> Result<bool, SessionError> {
        if !self.has_argument_target() {
            return Ok(false);
        }
        match self.armed_role.take() {
            Some(role) => self.set_argument(&role).map(|()| true),
            None => Ok(false),
        }
    }

    /// Tag the selection with label `key`, as a label hotkey does: refused on an event's
    /// trigger (its type keys retype it instead). In review, a key that decides the review
    /// item the selection is (F8 selected it) goes on to the next open item, as Ctrl+1 and
    /// Ctrl+R do: the reviewer who gives an item a label of their own does not have to
    /// press F8 after it.
    pub fn tag_key(&mut self, key: &str) -> Result<Option<SpanId>, SessionError> {
        let on_trigger = self.selection.is_none_or(|s| s.range().is_empty())
            && self
                .selected_span
                .and_then(|id| self.current_span(id))
                .is_some_and(|s| s.kind == crate::model::SpanKind::Trigger);
        if on_trigger {
            return Err(SessionError::TriggerKeepsItsKind);
        }
        let item = self.selected_review_item();
        let id = self.tag(key)?;
        if let Some(i) = item {
            self.next_open_item_if_decided(i);
        }
        Ok(id)
    }

    fn after_change(&mut self) {
        // The user dictionary is part of the project: an edit (or its undo) that changes it
        // changes how this project's text is cut.
        if self.seg.user_words() != self.project.settings.user_words.as_slice() {
            let mut seg = (*self.seg).clone();
            seg.set_user_words(&self.project.settings.user_words);
            self.seg = Arc::new(seg);
        }
        self.generation += 1;
        self.last_edit = Some(Instant::now());
        if let Some(id) = self.selected_span
            && self.current_span(id).is_none()
        {
            self.selected_span = None;
        }
        if let Some(id) = self.selected_event
            && self
                .project
                .documents
                .get(self.doc)
                .and_then(|d| d.layer.event(id))
                .is_none()
        {
            self.selected_event = None;
            self.armed_role = None;
        }
    }

    /// Undo; false when there was nothing. The selection goes back to what it was before
    /// the edit.
    pub fn undo(&mut self) -> Result<bool, SessionError> {
        let mut touched = Vec::new();
        if let Some(e) = self.history.last_undo() {
            e.touched(&mut touched);
        }
        let revisions = self.revisions_before(&touched);
        let r = self
            .history
            .undo(&mut self.project)
            .map_err(SessionError::History)?;
        if r && self.who.is_some()
            && let Some(d) = self
                .history
                .last_redo()
                .map(|e| review::describe(e, &self.project))
        {
            self.record(d, Some("undo"));
        }
        if r {
            self.refresh_after(&touched, &revisions, false);
            let now = self.focus();
            if let Some(f) = self.undo_focus.pop() {
                self.redo_focus.push(now);
                self.restore(f);
            }
            self.after_change();
        }
        Ok(r)
    }

    /// Redo; false when there was nothing. The selection comes back to what it was before
    /// the undo.
    pub fn redo(&mut self) -> Result<bool, SessionError> {
        let again = self
            .who
            .is_some()
            .then(|| {
                self.history
                    .last_redo()
                    .map(|e| review::describe(e, &self.project))
            })
            .flatten();
        let mut touched = Vec::new();
        if let Some(e) = self.history.last_redo() {
            e.touched(&mut touched);
        }
        let revisions = self.revisions_before(&touched);
        let r = self
            .history
            .redo(&mut self.project)
            .map_err(SessionError::History)?;
        if r && let Some(d) = again {
            self.record(d, Some("redo"));
        }
        if r {
            self.refresh_after(&touched, &revisions, true);
            let now = self.focus();
            if let Some(f) = self.redo_focus.pop() {
                self.undo_focus.push(now);
                self.restore(f);
            }
            self.after_change();
        }
        Ok(r)
    }

    /// A span of the current document.
    pub fn current_span(&self, id: SpanId) -> Option<&Span> {
        self.project.documents.get(self.doc)?.layer.span(id)
    }

    /// Switch document; clears the selection.
    pub fn open_doc(&mut self, doc: usize) {
        if doc < self.project.documents.len() {
            self.doc = doc;
            self.selection = None;
            self.selected_span = None;
            self.selected_event = None;
            self.armed_role = None;
        }
    }

    /// Tag the selection with a label, or relabel the selected span. Returns the new or
    /// changed span's id. An identical span (same range and label) is not added twice.
    pub fn tag(&mut self, key: &str) -> Result<Option<SpanId>, SessionError> {
        let Some(label) = self.project.schema.label(key).cloned() else {
            return Err(SessionError::NoLabel(key.to_string()));
        };
        let doc = self.doc;
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(None);
        };
        let range = self.selection.map(|s| s.range()).filter(|r| !r.is_empty());
        if let Some(range) = range {
            if let Some(same) = d
                .layer
                .overlapping(range)
                .find(|s| s.range == range && s.label == key && s.status != SpanStatus::Rejected)
            {
                let id = same.id;
                self.selection = None;
                self.selected_span = Some(id);
                return Ok(Some(id));
            }
            let id = crate::model::SpanId(d.layer.next_span);
            let span = new_span(d, id, range, &label, key);
            self.apply(Edit::AddSpan { doc, span })?;
            self.selection = None;
            self.selected_span = Some(id);
            return Ok(Some(id));
        }
        if let Some(id) = self.selected_span
            && let Some(old) = d.layer.span(id)
        {
            let span = relabelled(old, &label);
            if span != *old {
                self.apply(Edit::UpdateSpan { doc, span })?;
            }
            return Ok(Some(id));
        }
        Ok(None)
    }

    /// Delete the selected span. A span that events use is not deleted: the events are
    /// returned (one line each) so the caller can ask, then call [`Self::delete_detaching`].
    pub fn delete_selected(&mut self) -> Result<Vec<String>, SessionError> {
        let Some(id) = self.selected_span else {
            return Ok(Vec::new());
        };
        let using = self.events_using_described(id);
        if !using.is_empty() {
            return Ok(using);
        }
        self.apply(Edit::RemoveSpan { doc: self.doc, id })?;
        self.selected_span = None;
        Ok(Vec::new())
    }

    /// The events of the current document that use span `id`, described for a person:
    /// `E1 会议 「召开」: 主体`.
    pub fn events_using_described(&self, id: SpanId) -> Vec<String> {
        let Some(d) = self.project.documents.get(self.doc) else {
            return Vec::new();
        };
        d.layer
            .events
            .iter()
            .filter_map(|e| {
                let trig = d
                    .layer
                    .span(e.trigger)
                    .and_then(|s| d.text.slice(s.range).ok())
                    .unwrap_or("?");
                let roles: Vec<&str> = e
                    .args
                    .iter()
                    .filter(|(_, a)| *a == id)
                    .map(|(r, _)| r.as_str())
                    .collect();
                if e.trigger == id {
                    Some(format!("{} {} 「{trig}」: trigger", e.id, e.event_type))
                } else if !roles.is_empty() {
                    Some(format!(
                        "{} {} 「{trig}」: {}",
                        e.id,
                        e.event_type,
                        roles.join(", ")
                    ))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Delete span `id`, removing it from the events that use it (events it triggers go),
    /// as one undo step.
    pub fn delete_detaching(&mut self, id: SpanId) -> Result<(), SessionError> {
        let e = crate::edit::delete_span_detaching(&self.project, self.doc, id);
        self.apply(e)?;
        if self.selected_span == Some(id) {
            self.selected_span = None;
        }
        Ok(())
    }

    /// Delete event `id` and its trigger span (its arguments stay), as one undo step.
    pub fn delete_event(&mut self, id: crate::model::EventId) -> Result<(), SessionError> {
        let doc = self.doc;
        let Some(e) = self
            .project
            .documents
            .get(doc)
            .and_then(|d| d.layer.event(id))
            .cloned()
        else {
            return Ok(());
        };
        let mut edits = vec![Edit::RemoveEvent { doc, id }];
        // The trigger goes too unless another event shares it.
        let shared = self.project.documents[doc]
            .layer
            .events_using(e.trigger)
            .into_iter()
            .any(|x| x != id);
        if !shared {
            edits.push(Edit::RemoveSpan { doc, id: e.trigger });
        }
        self.apply(Edit::Batch(edits))?;
        Ok(())
    }

    /// Role `n` (from 0) of the selected event's type.
    pub fn role_name(&self, n: usize) -> Option<String> {
        let e = self
            .project
            .documents
            .get(self.doc)?
            .layer
            .event(self.selected_event?)?;
        let ty = self.project.schema.event_type(&e.event_type)?;
        ty.roles.get(n).map(|r| r.name.clone())
    }

    /// Whether there is something to fill a role with: selected text or a selected span
    /// other than the selected event's trigger.
    pub fn has_argument_target(&self) -> bool {
        if self.selection.is_some_and(|s| s.anchor != s.head) {
            return true;
        }
        let trigger = self
            .selected_event
            .and_then(|id| self.project.documents.get(self.doc)?.layer.event(id))
            .map(|e| e.trigger);
        self.selected_span.is_some() && self.selected_span != trigger
    }

    /// Save everything dirty now.
    pub fn save(&mut self) -> Result<SaveReport, SessionError> {
        self.save_at_most(usize::MAX)
    }

    /// Save the project file and at most `most` of the dirty documents' layers now (see
    /// [`Store::save_at_most`]); the rest stay dirty, and the autosave, due again at once,
    /// writes them in the next frames.
    pub fn save_at_most(&mut self, most: usize) -> Result<SaveReport, SessionError> {
        let saved: Vec<String> = self
            .project
            .dirty_docs
            .iter()
            .take(most)
            .filter_map(|&i| Some(self.project.documents.get(i)?.meta.id.clone()))
            .collect();
        match self.store.save_at_most(&mut self.project, most) {
            Ok(r) => {
                for id in &saved {
                    self.statuses.refresh(self.store.dir(), id);
                }
                self.save_error = None;
                self.last_edit = None;
                self.append_log();
                self.save_ranking();
                Ok(r)
            }
            Err(e) => {
                self.save_error = Some([
                    store_message(&e, crate::i18n::Lang::Zh),
                    store_message(&e, crate::i18n::Lang::En),
                ]);
                Err(e.into())
            }
        }
    }

    /// The user keeps this window's version of the files the last save left alone because
    /// something else changed them on disk (see [`Store::overwrite_changed`]): save again,
    /// over them.
    pub fn overwrite_changed_on_disk(&mut self) -> Result<SaveReport, SessionError> {
        self.store.overwrite_changed();
        self.save()
    }

    /// Take documents `ids` out of the project (see [`Store::remove_documents`]): everything
    /// unsaved is saved first, with the activity log. On success the session is spent (its
    /// documents, history, review and caches count by the documents' places, which moved)
    /// and the project folder is returned with what was done, for the project to be opened
    /// again; on an error nothing was removed and the session comes back as it was.
    #[allow(clippy::result_large_err)]
    pub fn remove_documents(
        mut self,
        ids: &[String],
    ) -> Result<(std::path::PathBuf, Removal), (Session, SessionError)> {
        if let Err(e) = self.save() {
            return Err((self, e));
        }
        match self.store.remove_documents(&mut self.project, ids) {
            Ok(r) => Ok((self.store.dir().to_path_buf(), r)),
            Err(e) => Err((self, e.into())),
        }
    }

    /// The removals of this project that can be put back, the latest first.
    pub fn removals(&self) -> Vec<Removed> {
        crate::store::removal::removals(self.store.dir())
    }

    /// Put back the documents a removal moved to `folder` (see
    /// [`Store::restore_documents`]): everything unsaved is saved first. On success the
    /// session is spent and the project folder is returned with the ids put back, for the
    /// project to be opened again; on an error nothing moved and the session comes back.
    #[allow(clippy::result_large_err)]
    pub fn restore_documents(
        mut self,
        folder: &std::path::Path,
    ) -> Result<(std::path::PathBuf, Vec<String>), (Session, SessionError)> {
        if let Err(e) = self.save() {
            return Err((self, e));
        }
        match self.store.restore_documents(folder) {
            Ok(ids) => Ok((self.store.dir().to_path_buf(), ids)),
            Err(e) => Err((self, e.into())),
        }
    }

    /// Forget the unsaved changes (the user chose to discard them), so that nothing saves
    /// them on the way out: the files stay as they were at the last save.
    pub fn discard_changes(&mut self) {
        self.project.dirty_docs.clear();
        self.project.project_dirty = false;
        self.last_edit = None;
    }

    /// Whether autosave should run now (`secs` after the last edit).
    pub fn autosave_due(&self, now: Instant, secs: u32) -> bool {
        self.project.is_dirty()
            && !self.store.is_read_only()
            && self.save_error.is_none()
            && self
                .last_edit
                .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(u64::from(secs)))
    }

    /// Saved / unsaved / failed.
    pub fn save_state(&self) -> SaveState {
        match (&self.save_error, self.project.is_dirty()) {
            (Some(e), true) => SaveState::Failed(e.clone()),
            (_, true) => SaveState::Unsaved,
            _ => SaveState::Saved,
        }
    }

    /// Spans of the current document in order, for Tab / Shift+Tab.
    pub fn step_span(&mut self, forward: bool) {
        let Some(d) = self.project.documents.get(self.doc) else {
            return;
        };
        let spans: Vec<&Span> = d
            .layer
            .spans()
            .iter()
            .filter(|s| s.status != SpanStatus::Rejected)
            .collect();
        if spans.is_empty() {
            return;
        }
        let cur = self
            .selected_span
            .and_then(|id| spans.iter().position(|s| s.id == id));
        let next = match (cur, forward) {
            (None, true) => 0,
            (None, false) => spans.len() - 1,
            (Some(i), true) => (i + 1) % spans.len(),
            (Some(i), false) => (i + spans.len() - 1) % spans.len(),
        };
        self.selected_span = Some(spans[next].id);
        self.selection = None;
    }

    /// Pending suggestions of the current document.
    pub fn pending(&self) -> Vec<&Span> {
        self.project
            .documents
            .get(self.doc)
            .map(|d| {
                d.layer
                    .spans()
                    .iter()
                    .filter(|s| s.status == SpanStatus::Pending)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Select the next pending suggestion after the selected span (wrapping), in the
    /// session's [`learn::SuggestionOrder`] (text order, or by the model's confidence); in
    /// text order with chars selected and no span, the first from the selection's start.
    pub fn next_pending(&mut self) -> Option<SpanId> {
        let order = self.suggestion_order;
        let mut pending = self.pending();
        if pending.is_empty() {
            return None;
        }
        pending.sort_by_key(|s| order.key(s));
        let cur = self
            .selected_span
            .and_then(|id| self.current_span(id))
            .map(|s| order.key(s));
        // With no span selected, text order goes on from the selected chars (the sentence
        // the model is least sure of, a find match): the first suggestion from there.
        let from = match (cur, order, self.selection) {
            (None, learn::SuggestionOrder::Position, Some(sel)) => Some(sel.range().start),
            _ => None,
        };
        let next = pending
            .iter()
            .find(|s| match from {
                Some(at) => s.range.start >= at,
                None => cur.is_none_or(|c| order.key(s) > c),
            })
            .or(pending.first())
            .map(|s| s.id);
        self.selected_span = next;
        self.selection = None;
        next
    }

    /// Accept (or reject) the selected pending suggestion, then move to the next one.
    pub fn decide_selected(&mut self, accept: bool) -> Result<(), SessionError> {
        let Some(id) = self.selected_span else {
            return Ok(());
        };
        let Some(s) = self.current_span(id).cloned() else {
            return Ok(());
        };
        if s.status != SpanStatus::Pending {
            return Ok(());
        }
        self.apply(Edit::Batch(self.decision_edits(&[s.id], accept)))?;
        if self.next_pending().is_none() {
            self.selected_span = None;
        }
        Ok(())
    }

    /// Accept or reject every pending suggestion of the current document (optionally of one
    /// label) in one undo step. Returns how many.
    pub fn decide_all(&mut self, accept: bool, label: Option<&str>) -> Result<usize, SessionError> {
        let ids: Vec<SpanId> = self
            .pending()
            .into_iter()
            .filter(|s| label.is_none_or(|l| s.label == l))
            .map(|s| s.id)
            .collect();
        let n = ids.len();
        if n > 0 {
            self.apply(Edit::Batch(self.decision_edits(&ids, accept)))?;
        }
        Ok(n)
    }

    /// The edits that accept (or reject) the pending spans `ids` of the current document.
    /// Accepting a suggested trigger accepts its events' pending arguments with it (the event
    /// was suggested whole); rejecting a trigger removes the events it triggers, and
    /// rejecting an argument takes it out of the events that use it, so no event is left
    /// with a rejected trigger or argument.
    fn decision_edits(&self, ids: &[SpanId], accept: bool) -> Vec<Edit> {
        let doc = self.doc;
        let Some(d) = self.project.documents.get(doc) else {
            return Vec::new();
        };
        let layer = &d.layer;
        let status = if accept {
            SpanStatus::Accepted
        } else {
            SpanStatus::Rejected
        };
        let mut decided: Vec<SpanId> = Vec::new();
        let mut spans: Vec<SpanId> = ids.to_vec();
        let mut event_edits = Vec::new();
        for &id in ids {
            let triggered = layer.events.iter().filter(|e| e.trigger == id);
            if accept {
                for e in triggered {
                    for (_, a) in &e.args {
                        if layer
                            .span(*a)
                            .is_some_and(|s| s.status == SpanStatus::Pending)
                        {
                            spans.push(*a);
                        }
                    }
                }
            } else {
                let removed: Vec<_> = triggered.map(|e| e.id).collect();
                event_edits.extend(removed.iter().map(|&id| Edit::RemoveEvent { doc, id }));
                // Events that keep their trigger lose the rejected argument.
                for e in layer.events.iter().filter(|e| {
                    !removed.contains(&e.id)
                        && !ids.contains(&e.trigger)
                        && e.args.iter().any(|(_, a)| *a == id)
                }) {
                    if event_edits
                        .iter()
                        .any(|x| matches!(x, Edit::UpdateEvent { event, .. } if event.id == e.id))
                    {
                        continue;
                    }
                    let mut new = e.clone();
                    new.args.retain(|(_, a)| !ids.contains(a));
                    event_edits.push(Edit::UpdateEvent { doc, event: new });
                }
            }
        }
        // Events go first, so a rejected span is never left in one, even for a moment.
        let mut edits = event_edits;
        for id in spans {
            if decided.contains(&id) {
                continue;
            }
            decided.push(id);
            if let Some(s) = layer.span(id) {
                let mut new = s.clone();
                new.status = status;
                edits.push(Edit::UpdateSpan { doc, span: new });
            }
        }
        edits
    }

    /// Store the current document's structure (articles, headlines, datelines, bylines,
    /// captions, section labels) as `Structure` spans, replacing earlier detected ones, in
    /// one undo step. Returns how many spans it has now.
    pub fn detect_structure(&mut self) -> Result<usize, SessionError> {
        let doc = self.doc;
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(0);
        };
        let st = crate::zh::structure::analyse(d.text.as_str());
        let mut edits: Vec<Edit> = d
            .layer
            .spans()
            .iter()
            .filter(|s| {
                s.kind == crate::model::SpanKind::Structure
                    && s.source == crate::model::Source::Suggested
            })
            .map(|s| Edit::RemoveSpan { doc, id: s.id })
            .collect();
        let mut next = d.layer.next_span;
        let spans = crate::zh::structure::structure_spans(&st);
        let n = spans.len();
        for (range, label) in spans {
            if range.is_empty() {
                continue;
            }
            let mut sp = Span::new(
                SpanId(next),
                range,
                crate::model::SpanKind::Structure,
                label,
            );
            sp.source = crate::model::Source::Suggested;
            edits.push(Edit::AddSpan { doc, span: sp });
            // No id left (ids near u32::MAX in a file): the batch is then refused as a
            // duplicate id, never wrapped.
            next = next.saturating_add(1);
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits))?;
        }
        Ok(n)
    }

    /// Make the selection (or the selected span's range) the trigger of a new event of type
    /// `key`: a trigger span and an event without arguments, in one undo step.
    pub fn create_event(
        &mut self,
        key: &str,
    ) -> Result<Option<crate::model::EventId>, SessionError> {
        let doc = self.doc;
        if self.project.schema.event_type(key).is_none() {
            return Err(SessionError::NoEventType(key.to_string()));
        }
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(None);
        };
        // No text selected and an event's trigger selected: the key changes that event's type.
        if self.selection.is_none_or(|s| s.range().is_empty())
            && let Some(eid) = self.selected_span.and_then(|t| self.event_with_trigger(t))
        {
            self.retype_event(eid, key)?;
            return Ok(Some(eid));
        }
        let range = self
            .selection
            .map(|s| s.range())
            .filter(|r| !r.is_empty())
            .or_else(|| {
                self.selected_span
                    .and_then(|id| d.layer.span(id))
                    .map(|s| s.range)
            });
        let Some(range) = range else {
            return Ok(None);
        };
        let sid = SpanId(d.layer.next_span);
        let eid = crate::model::EventId(d.layer.next_event);
        let trigger = Span::new(sid, range, crate::model::SpanKind::Trigger, key);
        let event = crate::model::Event {
            unsure: false,
            note: None,
            id: eid,
            event_type: key.to_string(),
            trigger: sid,
            args: Vec::new(),
        };
        self.apply(Edit::Batch(vec![
            Edit::AddSpan { doc, span: trigger },
            Edit::AddEvent { doc, event },
        ]))?;
        self.selection = None;
        self.selected_span = Some(sid);
        self.selected_event = Some(eid);
        Ok(Some(eid))
    }

    /// The event of the current document whose trigger is span `id` (the selected one if
    /// several share it).
    pub fn event_with_trigger(&self, id: SpanId) -> Option<crate::model::EventId> {
        let d = self.project.documents.get(self.doc)?;
        let mut with = d.layer.events.iter().filter(|e| e.trigger == id);
        let first = with.next()?.id;
        Some(
            self.selected_event
                .filter(|s| *s == first || with.any(|e| e.id == *s))
                .unwrap_or(first),
        )
    }

    /// Give event `id` type `key`: the event and its trigger's label change in one undo step;
    /// its arguments stay (a role the new type lacks is then shown as a problem, not dropped).
    pub fn retype_event(
        &mut self,
        id: crate::model::EventId,
        key: &str,
    ) -> Result<(), SessionError> {
        let doc = self.doc;
        if self.project.schema.event_type(key).is_none() {
            return Err(SessionError::NoEventType(key.to_string()));
        }
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(());
        };
        let Some(event) = d.layer.event(id).cloned() else {
            return Ok(());
        };
        self.selected_event = Some(id);
        self.selected_span = Some(event.trigger);
        let mut edits = Vec::new();
        if let Some(t) = d.layer.span(event.trigger)
            && t.label != key
        {
            let mut t = t.clone();
            t.label = key.to_string();
            edits.push(Edit::UpdateSpan { doc, span: t });
        }
        if event.event_type != key {
            let mut e = event;
            e.event_type = key.to_string();
            edits.push(Edit::UpdateEvent { doc, event: e });
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits))?;
        }
        Ok(())
    }

    /// Events of the current document in the order of their triggers, for `]` / `[`: selects
    /// the next (or previous) one after the selected event that the event list's filter
    /// shows, wrapping around, and returns where its trigger starts.
    pub fn step_event(&mut self, forward: bool) -> Option<u32> {
        let d = self.project.documents.get(self.doc)?;
        let with_problems: std::collections::HashSet<String> = if self.event_filter.only_problems {
            crate::model::validate_events(d, &self.project.schema)
                .into_iter()
                .filter_map(|p| p.item)
                .collect()
        } else {
            Default::default()
        };
        let key = |e: &crate::model::Event| Some((d.layer.span(e.trigger)?.range.start, e.id));
        let current = self
            .selected_event
            .and_then(|id| d.layer.event(id))
            .and_then(key);
        let mut order: Vec<(u32, crate::model::EventId, SpanId)> = d
            .layer
            .events
            .iter()
            .filter(|e| {
                self.event_filter
                    .shows(e, with_problems.contains(&e.id.to_string()))
            })
            .filter_map(|e| key(e).map(|(s, id)| (s, id, e.trigger)))
            .collect();
        if order.is_empty() {
            return None;
        }
        order.sort();
        // The first after (or last before) the selected event, by position; else wrap.
        let pick = match (current, forward) {
            (Some(c), true) => order.iter().find(|o| (o.0, o.1) > c),
            (Some(c), false) => order.iter().rev().find(|o| (o.0, o.1) < c),
            (None, _) => None,
        };
        let &(start, id, trigger) = match (pick, forward) {
            (Some(o), _) => o,
            (None, true) => order.first()?,
            (None, false) => order.last()?,
        };
        self.selected_event = Some(id);
        self.selected_span = Some(trigger);
        self.selection = None;
        self.armed_role = None;
        Some(start)
    }

    /// Fill `role` of the selected event with the selected span, or with a new ARG span
    /// over the selected text.
    pub fn set_argument(&mut self, role: &str) -> Result<(), SessionError> {
        let doc = self.doc;
        let Some(eid) = self.selected_event else {
            return Ok(());
        };
        let Some(d) = self.project.documents.get(doc) else {
            return Ok(());
        };
        let Some(event) = d.layer.event(eid).cloned() else {
            return Ok(());
        };
        let mut edits = Vec::new();
        let arg = match (
            self.selection.map(|s| s.range()).filter(|r| !r.is_empty()),
            self.selected_span,
        ) {
            (Some(range), _) => {
                // An existing span with exactly this range is reused.
                match d
                    .layer
                    .overlapping(range)
                    .find(|s| s.range == range && s.kind != crate::model::SpanKind::Structure)
                {
                    Some(s) => s.id,
                    None => {
                        // The new span gets a label the role accepts (a date becomes a
                        // DATE with its value), else ARG.
                        let id = SpanId(d.layer.next_span);
                        let surface =
                            d.text
                                .slice(range)
                                .map_err(|_| crate::edit::EditError::BadRange {
                                    start: range.start,
                                    end: range.end,
                                    len: d.text.len_chars(),
                                })?;
                        let ctx = crate::zh::figures::FigureContext {
                            year: crate::zh::figures::page_year(
                                d.text.as_str(),
                                d.meta.published.as_deref(),
                            ),
                            published: d.meta.published.clone(),
                        };
                        let fallback = crate::model::Role {
                            name: role.to_string(),
                            en: String::new(),
                            accepts: Vec::new(),
                            required: false,
                            repeat: true,
                        };
                        let r = self
                            .project
                            .schema
                            .event_type(&event.event_type)
                            .and_then(|t| t.roles.iter().find(|r| r.name == role))
                            .unwrap_or(&fallback);
                        let a = crate::zh::arguments::argument_span(
                            &self.project.schema,
                            r,
                            surface,
                            &ctx,
                            &self.seg,
                        );
                        let mut span = Span::new(id, range, a.kind, &a.label);
                        span.value = a.value;
                        edits.push(Edit::AddSpan { doc, span });
                        id
                    }
                }
            }
            (None, Some(id)) if id != event.trigger => id,
            _ => return Ok(()),
        };
        let mut new = event;
        let repeat = self
            .project
            .schema
            .event_type(&new.event_type)
            .and_then(|t| t.roles.iter().find(|r| r.name == role))
            .is_none_or(|r| r.repeat);
        if !repeat {
            new.args.retain(|(r, _)| r != role);
        }
        if !new.args.iter().any(|(r, a)| r == role && *a == arg) {
            new.args.push((role.to_string(), arg));
        }
        let trigger = new.trigger;
        // A pending suggestion that fills a role is now the annotator's choice: accepted in
        // the same step (a pending argument would be left out of every export).
        if let Some(sp) = d.layer.span(arg)
            && sp.status != SpanStatus::Accepted
        {
            let mut sp = sp.clone();
            sp.status = SpanStatus::Accepted;
            edits.push(Edit::UpdateSpan { doc, span: sp });
        }
        edits.push(Edit::UpdateEvent { doc, event: new });
        self.apply(Edit::Batch(edits))?;
        // Back to the event's trigger, so that the next role key waits for a new argument
        // instead of taking this one again.
        self.selection = None;
        self.selected_span = Some(trigger);
        Ok(())
    }

    /// Remove argument `index` of the selected event.
    pub fn remove_argument(&mut self, index: usize) -> Result<(), SessionError> {
        let doc = self.doc;
        let Some(e) = self
            .selected_event
            .and_then(|id| self.project.documents.get(doc)?.layer.event(id).cloned())
        else {
            return Ok(());
        };
        let mut new = e;
        if index < new.args.len() {
            new.args.remove(index);
            self.apply(Edit::UpdateEvent { doc, event: new })?;
        }
        Ok(())
    }
}
