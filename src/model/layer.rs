//! `Layer`: one annotator's spans and events over one document, kept sorted and indexed.

use super::{CharRange, Span, SpanId};

/// An event id, written `E<n>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(pub u32);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "E{}", self.0)
    }
}

/// An event: a typed trigger span with role → argument span pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable id.
    pub id: EventId,
    /// Event type key.
    pub event_type: String,
    /// The trigger span.
    pub trigger: SpanId,
    /// Role name and argument span, in order.
    pub args: Vec<(String, SpanId)>,
    /// The annotator is not sure of this event (a reviewer can walk these).
    pub unsure: bool,
    /// Free-text comment.
    pub note: Option<String>,
}

/// How far a document's annotation has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum DocStatus {
    /// Nothing done yet.
    #[default]
    New,
    /// Being annotated.
    InProgress,
    /// The annotator says it is finished.
    Done,
    /// A reviewer has checked it.
    Reviewed,
}

impl DocStatus {
    /// All statuses.
    pub const ALL: [DocStatus; 4] = [
        DocStatus::New,
        DocStatus::InProgress,
        DocStatus::Done,
        DocStatus::Reviewed,
    ];

    /// Lower-case name used in exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            DocStatus::New => "new",
            DocStatus::InProgress => "in_progress",
            DocStatus::Done => "done",
            DocStatus::Reviewed => "reviewed",
        }
    }
}

/// Span id → position in the sorted span list. Ids are small and dense in practice (`T1`…
/// `T<next_span>`), so most live in a plain vector that rebuilds without hashing (a rebuild
/// follows every insert, and a batch of suggestions inserts thousands); ids far beyond the
/// span count (a hand-edited file's `T900000000`) go to a map.
#[derive(Debug, Clone, Default)]
struct IdIndex {
    dense: Vec<u32>,
    sparse: std::collections::HashMap<u32, u32>,
}

impl IdIndex {
    const NONE: u32 = u32::MAX;

    /// How large the dense table may grow for `n` spans (ids beyond go to the map).
    fn dense_limit(n: usize) -> usize {
        n.saturating_mul(4) + 1024
    }

    /// Whether a new span id `id` belongs in the dense table but is past its end (the table
    /// must then be rebuilt larger).
    fn outgrown_by(&self, id: SpanId, n: usize) -> bool {
        let i = id.0 as usize;
        i >= self.dense.len() && i < Self::dense_limit(n)
    }

    fn rebuild(&mut self, spans: &[Span]) {
        let limit = Self::dense_limit(spans.len());
        let max = spans.iter().map(|s| s.id.0 as usize + 1).max().unwrap_or(0);
        self.dense.clear();
        // Room for the next ids too, so that tagging (a new id each time) does not rebuild.
        self.dense
            .resize((max + max / 4 + 64).min(limit), Self::NONE);
        self.sparse.clear();
        for (i, s) in spans.iter().enumerate() {
            match self.dense.get_mut(s.id.0 as usize) {
                Some(slot) => *slot = i as u32,
                None => {
                    self.sparse.insert(s.id.0, i as u32);
                }
            }
        }
    }

    /// Record that span `id` is at position `pos`.
    fn set(&mut self, id: SpanId, pos: usize) {
        let pos = u32::try_from(pos).unwrap_or(Self::NONE);
        match self.dense.get_mut(id.0 as usize) {
            Some(slot) => *slot = pos,
            None => {
                self.sparse.insert(id.0, pos);
            }
        }
    }

    /// Forget span `id`.
    fn unset(&mut self, id: SpanId) {
        match self.dense.get_mut(id.0 as usize) {
            Some(slot) => *slot = Self::NONE,
            None => {
                self.sparse.remove(&id.0);
            }
        }
    }

    fn get(&self, id: SpanId) -> Option<usize> {
        match self.dense.get(id.0 as usize) {
            Some(&i) if i != Self::NONE => Some(i as usize),
            Some(_) => None,
            None => self.sparse.get(&id.0).map(|&i| i as usize),
        }
    }
}

/// Span counts kept with the index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    accepted: usize,
    pending: usize,
    rejected: usize,
    structure: usize,
}

impl Counts {
    /// Count `s` in (`add`) or out.
    fn count(&mut self, s: &Span, add: bool) {
        let n = |c: &mut usize| {
            if add {
                *c += 1;
            } else {
                *c = c.saturating_sub(1);
            }
        };
        match s.status {
            super::SpanStatus::Accepted => n(&mut self.accepted),
            super::SpanStatus::Pending => n(&mut self.pending),
            super::SpanStatus::Rejected => n(&mut self.rejected),
        }
        if s.kind == super::SpanKind::Structure {
            n(&mut self.structure);
        }
    }
}

/// One annotator's work on one document.
/// A revision number no layer of this process has had before. Caches key on a layer's
/// revisions (the review's decisions, the outline, the span list), often with no more than a
/// document's index beside them: were revisions counted from 0 in each layer, a layer loaded
/// again, replaced by an import or opened in another project would start at the numbers its
/// predecessor had, and a cache would take it for the layer it saw.
fn fresh_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Debug, Clone, Default)]
pub struct Layer {
    spans: Vec<Span>,
    /// `max_end[i]` = the largest `range.end` among `spans[..=i]`.
    max_end: Vec<u32>,
    /// Where each span id is in `spans`: events look their spans up by id many times a frame.
    by_id: IdIndex,
    /// Events.
    pub events: Vec<Event>,
    /// Annotation status.
    pub status: DocStatus,
    /// Next span number to hand out. `u32::MAX` means none is left (see `alloc_span_id`).
    pub next_span: u32,
    /// Next event number to hand out. `u32::MAX` means none is left (see `alloc_event_id`).
    pub next_event: u32,
    revision: u64,
    /// Bumped by every change that can change what validating the events says: an event
    /// added, removed or changed, a span that an event names added, removed or changed, a
    /// label renamed. Caches of event problems key on it (with the schema).
    event_revision: u64,
    /// How many spans are accepted, pending, rejected, and structure spans (kept with the
    /// index, so that the window's counters cost nothing per frame on a big layer).
    counts: Counts,
}

impl Layer {
    /// An empty layer.
    pub fn new() -> Self {
        Self {
            next_span: 1,
            next_event: 1,
            revision: fresh_revision(),
            event_revision: fresh_revision(),
            ..Default::default()
        }
    }

    /// A layer from parts; spans are sorted, counters raised past every id in use. An id of
    /// `u32::MAX` (a hand-edited file) leaves a counter at `u32::MAX`: the layer loads, and
    /// only handing out a new id is refused.
    pub fn from_parts(
        mut spans: Vec<Span>,
        events: Vec<Event>,
        status: DocStatus,
        next_span: u32,
        next_event: u32,
    ) -> Self {
        spans.sort_by_key(Span::sort_key);
        let max_span = spans.iter().map(|s| s.id.0).max().unwrap_or(0);
        let max_event = events.iter().map(|e| e.id.0).max().unwrap_or(0);
        let mut l = Self {
            spans,
            max_end: Vec::new(),
            counts: Counts::default(),
            event_revision: fresh_revision(),
            by_id: IdIndex::default(),
            events,
            status,
            next_span: next_span.max(max_span.saturating_add(1)),
            next_event: next_event.max(max_event.saturating_add(1)),
            revision: 0,
        };
        l.reindex();
        l
    }

    fn reindex(&mut self) {
        self.max_end.clear();
        let mut m = 0;
        let mut counts = Counts::default();
        for s in &self.spans {
            m = m.max(s.range.end);
            self.max_end.push(m);
            counts.count(s, true);
        }
        self.counts = counts;
        self.by_id.rebuild(&self.spans);
        self.revision = fresh_revision();
    }

    /// All spans, sorted by (start, end, id).
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// How many spans are accepted (O(1)).
    pub fn accepted_count(&self) -> usize {
        self.counts.accepted
    }

    /// How many spans are pending suggestions (O(1)).
    pub fn pending_count(&self) -> usize {
        self.counts.pending
    }

    /// How many spans are rejected suggestions (O(1)).
    pub fn rejected_count(&self) -> usize {
        self.counts.rejected
    }

    /// How many spans are structure spans (O(1)).
    pub fn structure_count(&self) -> usize {
        self.counts.structure
    }

    /// A number that changes with every change (for caches). It is taken from one counter
    /// for the whole process, so no other layer, not even one loaded again from the same
    /// file, ever has it, and a clone keeps it only until either is changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The span with an id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.by_id.get(id).and_then(|i| self.spans.get(i))
    }

    /// Hand out a fresh span id, or `None` when the ids are used up: ids are handed out up to
    /// `u32::MAX - 1`, and a counter at `u32::MAX` stays there (it never wraps round to ids
    /// in use). With the counter there, `Edit::AddSpan` with the counter as id is refused as
    /// `DuplicateId` whenever a span holds `u32::MAX`.
    pub fn alloc_span_id(&mut self) -> Option<SpanId> {
        if self.next_span == u32::MAX {
            return None;
        }
        let id = SpanId(self.next_span);
        self.next_span += 1;
        Some(id)
    }

    /// Hand out a fresh event id, or `None` when the ids are used up (as `alloc_span_id`).
    pub fn alloc_event_id(&mut self) -> Option<EventId> {
        if self.next_event == u32::MAX {
            return None;
        }
        let id = EventId(self.next_event);
        self.next_event += 1;
        Some(id)
    }

    /// Insert a span, keeping the order. The caller checks the id is unused.
    pub(crate) fn insert_span(&mut self, span: Span) {
        self.note_span_change(span.id);
        let key = span.sort_key();
        let at = self.spans.partition_point(|s| s.sort_key() < key);
        self.next_span = self.next_span.max(span.id.0.saturating_add(1));
        // Only what the insertion changes is updated: the running max end from `at` until
        // it no longer changes, and the positions of the spans after it (a full reindex on
        // a layer of 200,000 spans took most of a tagging frame).
        let end = span.range.end;
        self.counts.count(&span, true);
        self.spans.insert(at, span);
        let before = if at == 0 { 0 } else { self.max_end[at - 1] };
        self.max_end.insert(at, before.max(end));
        for m in &mut self.max_end[at + 1..] {
            if *m >= end {
                break;
            }
            *m = end;
        }
        if self.by_id.outgrown_by(self.spans[at].id, self.spans.len()) {
            // A new id past the dense table that still belongs in it: rebuild it larger.
            self.by_id.rebuild(&self.spans);
        } else {
            for i in at..self.spans.len() {
                let id = self.spans[i].id;
                self.by_id.set(id, i);
            }
        }
        self.revision = fresh_revision();
    }

    /// Insert many spans at once (one sort and one reindex). The caller checks the ids are
    /// unused and distinct.
    pub(crate) fn insert_spans(&mut self, spans: Vec<Span>) {
        let named = self.named_by_events();
        if spans.iter().any(|s| named.contains(&s.id)) {
            self.event_revision = fresh_revision();
        }
        for s in &spans {
            self.next_span = self.next_span.max(s.id.0.saturating_add(1));
        }
        self.spans.extend(spans);
        self.spans.sort_by_key(Span::sort_key);
        self.reindex();
    }

    /// Remove the spans with these ids at once (one pass and one reindex); returns them.
    pub(crate) fn remove_spans(&mut self, ids: &std::collections::HashSet<SpanId>) -> Vec<Span> {
        if !self.named_by_events().is_disjoint(ids) {
            self.event_revision = fresh_revision();
        }
        let (gone, kept): (Vec<Span>, Vec<Span>) = std::mem::take(&mut self.spans)
            .into_iter()
            .partition(|s| ids.contains(&s.id));
        self.spans = kept;
        self.reindex();
        gone
    }

    /// Remove a span by id.
    pub(crate) fn remove_span(&mut self, id: SpanId) -> Option<Span> {
        self.note_span_change(id);
        let at = self.by_id.get(id)?;
        let s = self.spans.remove(at);
        self.counts.count(&s, false);
        self.by_id.unset(id);
        for i in at..self.spans.len() {
            let id = self.spans[i].id;
            self.by_id.set(id, i);
        }
        // The running max end from `at`, until it is what it was with the span in.
        self.max_end.remove(at);
        let mut m = if at == 0 { 0 } else { self.max_end[at - 1] };
        for (i, old) in self.max_end[at..].iter_mut().enumerate() {
            m = m.max(self.spans[at + i].range.end);
            if *old == m {
                break;
            }
            *old = m;
        }
        self.revision = fresh_revision();
        Some(s)
    }

    /// Change every span's label `old` to `new`; returns how many changed.
    pub(crate) fn rename_label(&mut self, old: &str, new: &str) -> usize {
        let mut n = 0;
        for s in &mut self.spans {
            if s.label == old {
                s.label = new.to_string();
                n += 1;
            }
        }
        if n > 0 {
            self.revision = fresh_revision();
            self.event_revision = fresh_revision();
        }
        n
    }

    /// Span ids that some event names (as trigger or argument).
    pub fn named_by_events(&self) -> std::collections::HashSet<SpanId> {
        self.events
            .iter()
            .flat_map(|e| std::iter::once(e.trigger).chain(e.args.iter().map(|(_, a)| *a)))
            .collect()
    }

    /// A span is about to change: if an event names it, event problems may change.
    fn note_span_change(&mut self, id: SpanId) {
        if self
            .events
            .iter()
            .any(|e| e.trigger == id || e.args.iter().any(|(_, a)| *a == id))
        {
            self.event_revision = fresh_revision();
        }
    }

    /// Counter of changes that can change what validating the events says (see the field).
    pub fn event_revision(&self) -> u64 {
        self.event_revision
    }

    /// Indices (into `spans()`) of the spans overlapping `r`, found through the index.
    pub fn overlapping(&self, r: CharRange) -> impl Iterator<Item = &Span> {
        // Spans are sorted by start: everything from `lo` (the first whose running max end
        // passes r.start) up to the first span starting at or after r.end.
        let lo = self.max_end.partition_point(|&m| m <= r.start);
        let hi = self
            .spans
            .partition_point(|s| s.range.start < r.end.max(r.start + 1));
        let empty = r.is_empty();
        self.spans[lo.min(hi)..hi].iter().filter(move |s| {
            if empty {
                s.range.contains(r.start)
            } else {
                s.range.overlaps(&r)
            }
        })
    }

    /// The spans containing the char at `pos`, innermost (shortest) first.
    pub fn at(&self, pos: u32) -> Vec<&Span> {
        let mut v: Vec<&Span> = self.overlapping(CharRange::new(pos, pos)).collect();
        v.sort_by_key(|s| (s.range.len(), s.id));
        v
    }

    /// How many spans carry a label.
    pub fn count_label(&self, key: &str) -> usize {
        self.spans.iter().filter(|s| s.label == key).count()
    }

    /// Accepted spans only.
    pub fn accepted(&self) -> impl Iterator<Item = &Span> {
        self.spans
            .iter()
            .filter(|s| s.status == super::SpanStatus::Accepted)
    }

    /// Events that use a span as trigger or argument.
    pub fn events_using(&self, id: SpanId) -> Vec<EventId> {
        self.events
            .iter()
            .filter(|e| e.trigger == id || e.args.iter().any(|(_, a)| *a == id))
            .map(|e| e.id)
            .collect()
    }

    pub(crate) fn touch(&mut self) {
        self.revision = fresh_revision();
        self.event_revision = fresh_revision();
    }

    /// The event with an id.
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Insert an event, keeping id order.
    pub(crate) fn insert_event(&mut self, e: Event) {
        let at = self.events.partition_point(|x| x.id < e.id);
        self.next_event = self.next_event.max(e.id.0.saturating_add(1));
        self.events.insert(at, e);
        self.revision = fresh_revision();
        self.event_revision = fresh_revision();
    }

    /// Remove an event by id.
    pub(crate) fn remove_event(&mut self, id: EventId) -> Option<Event> {
        let at = self.events.iter().position(|e| e.id == id)?;
        self.revision = fresh_revision();
        self.event_revision = fresh_revision();
        Some(self.events.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanKind;

    #[test]
    fn a_layer_built_again_from_the_same_parts_never_has_the_revisions_of_the_first() {
        let a = Layer::from_parts(vec![span(1, 0, 2)], Vec::new(), DocStatus::New, 2, 1);
        let b = Layer::from_parts(vec![span(1, 0, 2)], Vec::new(), DocStatus::New, 2, 1);
        assert_ne!(a.revision(), b.revision());
        assert_ne!(a.event_revision(), b.event_revision());
        assert_ne!(Layer::new().revision(), Layer::new().revision());
        let mut c = a.clone();
        assert_eq!(
            (c.revision(), c.event_revision()),
            (a.revision(), a.event_revision())
        );
        c.remove_span(SpanId(1));
        assert_ne!(c.revision(), a.revision());
        assert!(c.revision() > b.revision());
    }

    #[test]
    fn the_event_revision_moves_only_with_what_event_validation_reads() {
        let e = Event {
            unsure: false,
            note: None,
            id: EventId(1),
            event_type: "会议".into(),
            trigger: SpanId(1),
            args: vec![("主体".into(), SpanId(2))],
        };
        let mut l = Layer::from_parts(
            vec![span(1, 0, 2), span(2, 3, 5)],
            vec![e],
            DocStatus::New,
            1,
            1,
        );
        let r0 = l.event_revision();
        // A span no event names: no change.
        l.insert_span(span(3, 6, 8));
        l.remove_span(SpanId(3));
        assert_eq!(l.event_revision(), r0);
        // An argument changes (removed and put back, as UpdateSpan does): a change.
        let a = l.remove_span(SpanId(2)).unwrap();
        l.insert_span(a);
        assert!(l.event_revision() > r0);
        let r1 = l.event_revision();
        let ev = l.remove_event(EventId(1)).unwrap();
        l.insert_event(ev);
        assert!(l.event_revision() > r1);
    }

    #[test]
    fn spans_are_found_by_id_dense_or_sparse_after_inserts_and_removals() {
        let mut l = Layer::from_parts(
            vec![span(3, 0, 2), span(900_000_000, 1, 4), span(1, 5, 6)],
            Vec::new(),
            DocStatus::New,
            1,
            1,
        );
        for id in [1, 3, 900_000_000] {
            assert_eq!(l.span(SpanId(id)).map(|s| s.id.0), Some(id));
        }
        assert!(l.span(SpanId(2)).is_none());
        assert!(l.span(SpanId(7)).is_none());
        assert!(l.span(SpanId(u32::MAX)).is_none());
        l.insert_span(span(2, 0, 1));
        l.remove_span(SpanId(3));
        assert_eq!(
            l.span(SpanId(2)).map(|s| s.range),
            Some(CharRange::new(0, 1))
        );
        assert!(l.span(SpanId(3)).is_none());
        assert_eq!(
            l.span(SpanId(900_000_000)).map(|s| s.range),
            Some(CharRange::new(1, 4))
        );
    }

    fn span(id: u32, s: u32, e: u32) -> Span {
        Span::new(SpanId(id), CharRange::new(s, e), SpanKind::Entity, "ORG")
    }

    #[test]
    fn overlapping_finds_nested_and_long_spans_through_the_index() {
        let l = Layer::from_parts(
            vec![
                span(1, 0, 100),
                span(2, 5, 8),
                span(3, 10, 12),
                span(4, 50, 60),
            ],
            vec![],
            DocStatus::New,
            1,
            1,
        );
        let ids = |r| l.overlapping(r).map(|s: &Span| s.id.0).collect::<Vec<_>>();
        assert_eq!(ids(CharRange::new(9, 11)), vec![1, 3]);
        assert_eq!(ids(CharRange::new(100, 120)), Vec::<u32>::new());
        assert_eq!(ids(CharRange::new(55, 55)), vec![1, 4]);
        assert_eq!(l.at(6)[0].id, SpanId(2));
        assert_eq!(l.next_span, 5);
    }
}
