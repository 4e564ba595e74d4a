//! Review mode: the open layer is `curated`, and the annotators' layers are compared beside
//! it. The reviewer walks the disagreements (F8), accepts one annotator's version, rejects
//! them all, or accepts every agreement at once; each decision is one `Batch` edit of the
//! curated layer, so it is undone, saved and exported like any edit. Where only one
//! annotator has a layer for a document (or the project has one annotator), each of their
//! spans and events is an unconfirmed item the reviewer walks and decides the same way.
//! Also the change list: every edit made in this session, with who made it and when.

use std::collections::{BTreeSet, HashMap};

use super::{Selection, Session, SessionError};
use crate::edit::Edit;
use crate::model::{CURATED, CharRange, DocStatus, Layer, Project};
use crate::review::compare::{DiffKind, Item, compare, has_work, unconfirmed};
use crate::review::curate::{self, Decision, Keys};

/// The decisions to take in one document: how many items, and the edits.
type DocDecisions = fn(&Session, usize) -> Result<(usize, Vec<Edit>), SessionError>;

/// The layers under review and their comparison, per document of the project.
#[derive(Debug, Clone)]
pub struct Review {
    annotators: Vec<String>,
    /// Per document index: each annotator's layer, in `annotators` order (empty when they
    /// have none for that document).
    sources: Vec<Vec<Layer>>,
    /// Per document index: agreements and disagreements, in text order.
    items: Vec<Vec<Item>>,
    /// Per document index: every key the items hold (to tell decisions from hand edits).
    keys: Vec<Keys>,
    /// The selected item: document and index.
    cursor: Option<(usize, usize)>,
    /// Which items F8 and the next item after a decision take.
    filter: ReviewFilter,
    /// Per document index: how many items are still to decide (kept up to date with each
    /// edit, undo and redo of the documents it touches, so the project-wide worklist costs
    /// nothing per edit on a large project).
    open: Vec<usize>,
    /// Per document index: the decision on each item, counted with `open` and kept with the
    /// curated layer's revisions it was counted at ([`Layer::revision`],
    /// [`Layer::event_revision`]), so that a decision in a long document reads them instead
    /// of deciding every item again (several times a keypress), and a layer changed some
    /// other way is decided afresh.
    decided: Vec<Decided>,
}

/// A review read from a project's files apart from any session (the window reads it on
/// the thread that opens the project): what [`Session::begin_review`] starts.
pub struct ReviewRead {
    /// The documents it compared, in the project's order.
    doc_ids: Vec<String>,
    review: Review,
    /// The layer files as they were when it read them.
    notes: crate::store::LayerNotes,
}

impl ReviewRead {
    /// The annotators it compares.
    pub fn annotators(&self) -> &[String] {
        &self.review.annotators
    }
}

/// Read what a review of `annotators` (all annotators with layers when empty) compares in
/// `project`, open on the curated layer from the folder `dir`: every layer of every
/// document, compared. `progress` is told of each document read and stops the reading
/// when it says no. Nothing of the session is touched, so this runs on any thread.
pub fn read_review(
    dir: &std::path::Path,
    project: &Project,
    annotators: &[String],
    progress: crate::store::Progress<'_>,
) -> Result<ReviewRead, SessionError> {
    if project.annotator != CURATED {
        return Err(SessionError::ReviewNeedsCurated);
    }
    // The layers compared, noted as they are before they are read: a change to one on
    // disk (a colleague's work, pulled), even while they are read, is found when the
    // window comes back to the front; and so is a layer that appears later.
    let notes = crate::store::note_layers(dir, &project.annotator);
    let layered = crate::store::load_layered(dir, progress)?;
    // By default, the annotators with work in some document (a name whose layers are
    // all empty, say a reviewer who once tagged and undid, is not one).
    let annotators: Vec<String> = if annotators.is_empty() {
        layered
            .annotators()
            .into_iter()
            .filter(|a| {
                layered
                    .docs
                    .iter()
                    .any(|d| d.layer(a).is_some_and(has_work))
            })
            .collect()
    } else {
        annotators.to_vec()
    };
    if annotators.is_empty() {
        return Err(SessionError::NoAnnotators);
    }
    let by_id: HashMap<&str, &crate::model::LayeredDoc> = layered
        .docs
        .iter()
        .map(|d| (d.meta.id.as_str(), d))
        .collect();
    let n = project.documents.len();
    let (mut sources, mut items, mut keys) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for d in &project.documents {
        let found: Vec<Option<&Layer>> = annotators
            .iter()
            .map(|a| by_id.get(d.meta.id.as_str()).and_then(|ld| ld.layer(a)))
            .collect();
        // Only the annotators who have worked on this document are compared (one who
        // never opened it, or left it new or in progress with nothing in it, has not left
        // everything out); with one, each of their spans and events is unconfirmed, for
        // the reviewer to decide.
        let present: Vec<usize> = (0..found.len())
            .filter(|&i| found[i].is_some_and(has_work))
            .collect();
        let layers: Vec<Layer> = found
            .iter()
            .map(|l| l.cloned().unwrap_or_default())
            .collect();
        let its = if present.is_empty() {
            Vec::new()
        } else {
            let refs: Vec<&Layer> = present.iter().map(|&i| &layers[i]).collect();
            let compared = match refs.as_slice() {
                [one] => unconfirmed(one),
                _ => compare(&refs),
            };
            compared
                .into_iter()
                .map(|mut it| {
                    let mut versions = vec![Default::default(); layers.len()];
                    for (v, &i) in it.versions.drain(..).zip(&present) {
                        versions[i] = v;
                    }
                    it.versions = versions;
                    it
                })
                .collect()
        };
        let refs: Vec<&Layer> = layers.iter().collect();
        keys.push(Keys::of(&its, &refs));
        items.push(its);
        sources.push(layers);
    }
    let mut review = Review {
        annotators,
        sources,
        items,
        keys,
        cursor: None,
        filter: ReviewFilter::default(),
        open: Vec::new(),
        decided: Vec::new(),
    };
    // What the curated layer decided already, here rather than in the window's frame (on
    // 10,000 documents some 40 ms).
    review.decide_all(&project.documents);
    Ok(ReviewRead {
        doc_ids: project
            .documents
            .iter()
            .map(|d| d.meta.id.clone())
            .collect(),
        review,
        notes,
    })
}

/// One version's span (or event trigger) of a review item, as the text marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionMark {
    /// The span's chars (the trigger's, for an event).
    pub range: CharRange,
    /// Its label (the event's type).
    pub label: String,
    /// True for an event's trigger.
    pub event: bool,
}

/// The decisions on a document's items, and the curated layer's revisions they hold for.
#[derive(Debug, Clone, Default)]
struct Decided {
    revisions: (u64, u64),
    decisions: Vec<Decision>,
}

impl Review {
    /// The selected item (document, index), in whichever document.
    pub(super) fn cursor(&self) -> Option<(usize, usize)> {
        self.cursor
    }

    /// Select item (document, index) `c`, or none.
    pub(super) fn set_cursor(&mut self, c: Option<(usize, usize)>) {
        self.cursor = c;
    }

    /// The annotators compared, in the order of their keys (Ctrl+1 is the first).
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// The items of document `doc`.
    pub fn items(&self, doc: usize) -> &[Item] {
        self.items.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Whether document `doc` is one annotator's alone: its items are theirs to confirm
    /// ([`DiffKind::Unconfirmed`]), and Ctrl+Shift+A confirms them.
    pub fn is_solo(&self, doc: usize) -> bool {
        self.items(doc)
            .first()
            .is_some_and(|i| i.kind == DiffKind::Unconfirmed)
    }

    /// Annotator `n`'s layer of document `doc`.
    pub fn source(&self, doc: usize, n: usize) -> Option<&Layer> {
        self.sources.get(doc)?.get(n)
    }

    /// The curated `layer`'s decision on each item of document `doc`.
    fn decide_on(&self, doc: usize, layer: &Layer) -> Vec<Decision> {
        let refs = self.source_refs(doc);
        let Some(keys) = self.keys.get(doc) else {
            return Vec::new();
        };
        let events = curate::CuratedEvents::of(layer);
        self.items(doc)
            .iter()
            .map(|it| curate::decision(it, &refs, layer, keys, &events))
            .collect()
    }

    /// Decide every document's items on `docs`' curated layers, and count those still
    /// open: what [`Session::begin_review`] keeps for each document whose layer has not
    /// changed since.
    fn decide_all(&mut self, docs: &[crate::model::Document]) {
        let (decided, open): (Vec<Decided>, Vec<usize>) = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| {
                let decisions = self.decide_on(d, &doc.layer);
                let open = open_in(self.items(d), &decisions).len();
                let revisions = (doc.layer.revision(), doc.layer.event_revision());
                (
                    Decided {
                        revisions,
                        decisions,
                    },
                    open,
                )
            })
            .unzip();
        self.decided = decided;
        self.open = open;
    }

    fn source_refs(&self, doc: usize) -> Vec<&Layer> {
        self.sources
            .get(doc)
            .map(|v| v.iter().collect())
            .unwrap_or_default()
    }

    /// The annotators (indices) who worked on document `doc` and gave `item` the same
    /// version as annotator `n` ([`curate::same_version`]): who a decision for `n`'s version
    /// agrees with.
    pub fn same_version(&self, doc: usize, item: &Item, n: usize) -> Vec<usize> {
        let refs = self.source_refs(doc);
        let present: Vec<usize> = (0..refs.len()).filter(|&k| has_work(refs[k])).collect();
        curate::same_version(item, &refs, &present, n)
    }

    /// The labels (and event types) the annotators gave `item` of document `doc`.
    pub fn labels_of(&self, doc: usize, item: &Item) -> BTreeSet<String> {
        self.version_marks(doc, item)
            .into_iter()
            .map(|m| m.label)
            .collect()
    }

    /// What the versions of `item` of document `doc` show in the text: each span (an
    /// event's trigger) with its label (event type), once each, in the annotators' order.
    /// The text marks an open item with them, so that a reviewer reads the labels where
    /// the annotators put them (北京大学 ORG beside 北京 LOC), not only in the panel.
    pub fn version_marks(&self, doc: usize, item: &Item) -> Vec<VersionMark> {
        let mut out: Vec<VersionMark> = Vec::new();
        for (n, v) in item.versions.iter().enumerate() {
            let Some(layer) = self.source(doc, n) else {
                continue;
            };
            let spans = v
                .spans
                .iter()
                .filter_map(|id| layer.span(*id))
                .map(|s| VersionMark {
                    range: s.range,
                    label: s.label.clone(),
                    event: false,
                });
            let events = v.events.iter().filter_map(|id| {
                let e = layer.event(*id)?;
                Some(VersionMark {
                    range: layer.span(e.trigger)?.range,
                    label: e.event_type.clone(),
                    event: true,
                })
            });
            for m in spans.chain(events) {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Whether item `item` of document `doc` passes the filter.
    pub fn shows(&self, doc: usize, item: &Item) -> bool {
        self.filter.kind.is_none_or(|k| k == item.kind)
            && (self.filter.labels.is_empty() || {
                let given = self.labels_of(doc, item);
                self.filter.labels.iter().all(|l| given.contains(l))
            })
    }

    /// The filter F8 and decisions walk by.
    pub fn filter(&self) -> &ReviewFilter {
        &self.filter
    }

    /// How many items of document `doc` need a decision: its disagreements, or its
    /// unconfirmed items where one annotator alone is compared.
    pub fn disagreements(&self, doc: usize) -> usize {
        self.items(doc)
            .iter()
            .filter(|i| i.is_disagreement())
            .count()
    }
}

/// Which review items F8, the next item after a decision and the review list take: one kind
/// of disagreement, the items where the annotators gave some labels (or event types), or
/// both.
/// A reviewer settles, say, every place where one annotator said LOC and another ORG, one
/// after another, across the project. Finishing a document still needs all its items
/// decided, whatever the filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewFilter {
    /// One kind only.
    pub kind: Option<DiffKind>,
    /// Items where each of these labels or event types was given by some annotator (none:
    /// any item).
    pub labels: Vec<String>,
}

impl ReviewFilter {
    /// Whether it lets every item through.
    pub fn is_all(&self) -> bool {
        self.kind.is_none() && self.labels.is_empty()
    }

    /// The items of one cell of a label confusion (`review::confusion`), one annotator's
    /// label against another's (`None`: no span there): two labels, the items given both
    /// (whatever the boundaries); one label against nothing, the missing items given it;
    /// the same label twice, its boundary disagreements.
    pub fn for_cell(a: Option<&str>, b: Option<&str>) -> Self {
        match (a, b) {
            (Some(a), Some(b)) if a == b => ReviewFilter {
                kind: Some(DiffKind::Boundary),
                labels: vec![a.to_string()],
            },
            (Some(a), Some(b)) => ReviewFilter {
                kind: None,
                labels: vec![a.to_string(), b.to_string()],
            },
            (Some(l), None) | (None, Some(l)) => ReviewFilter {
                kind: Some(DiffKind::Missing),
                labels: vec![l.to_string()],
            },
            (None, None) => ReviewFilter::default(),
        }
    }
}

/// One recorded edit: who changed what, in which layer, when.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// The person (the session's user).
    pub who: String,
    /// Document id.
    pub doc: String,
    /// The layer changed (an annotator's, or `curated`).
    pub layer: String,
    /// `add`, `remove`, `update`, `event`, `status`, `schema`, `undo`, `redo`, `batch`.
    pub action: String,
    /// What changed, as a person reads it: `PER 张三 [3,5)`.
    pub what: String,
}

/// Per document, char ranges (ends included) where an edit changed the curated layer.
type Places = std::collections::BTreeMap<usize, Vec<(u32, u32)>>;

/// Most places an edit may change for its items to be decided again one by one; an edit
/// of more (accepting every agreement of a document) decides the documents afresh.
const FEW_PLACES: usize = 256;

/// Where an edit changed the curated layer, read from its inverse `inv` (the edit that would
/// take it back) and the project `p` after it: per document, the char ranges (ends included)
/// of every span it added, removed or changed, before and after, and of the triggers and
/// arguments of every event it added, removed or changed or whose spans it changed. False
/// when it is not such an edit alone (a label or the schema), or changed more than
/// [`FEW_PLACES`].
fn changed_places(inv: &Edit, p: &Project, out: &mut Places) -> bool {
    use crate::model::{CharRange, Event, SpanId};
    fn add(out: &mut Places, doc: usize, r: CharRange) {
        out.entry(doc).or_default().push((r.start, r.end));
    }
    let layer = |doc: usize| p.documents.get(doc).map(|d| &d.layer);
    // A span's range now, and the triggers of the events that name it now.
    let span_now = |out: &mut Places, doc: usize, id: SpanId| {
        if let Some(l) = layer(doc) {
            if let Some(s) = l.span(id) {
                add(out, doc, s.range);
            }
            for e in l.events_using(id) {
                if let Some(t) = l.event(e).and_then(|e| l.span(e.trigger)) {
                    add(out, doc, t.range);
                }
            }
        }
    };
    let event_spans = |out: &mut Places, doc: usize, e: &Event| {
        if let Some(l) = layer(doc) {
            for id in std::iter::once(e.trigger).chain(e.args.iter().map(|(_, a)| *a)) {
                if let Some(s) = l.span(id) {
                    add(out, doc, s.range);
                }
            }
        }
    };
    let mut stack = vec![inv];
    while let Some(e) = stack.pop() {
        match e {
            Edit::Batch(v) => stack.extend(v.iter()),
            Edit::AddSpan { doc, span } | Edit::UpdateSpan { doc, span } => {
                add(out, *doc, span.range);
                span_now(out, *doc, span.id);
            }
            Edit::RemoveSpan { doc, id } => span_now(out, *doc, *id),
            Edit::AddEvent { doc, event } | Edit::UpdateEvent { doc, event } => {
                event_spans(out, *doc, event);
                if let Some(now) = layer(*doc).and_then(|l| l.event(event.id)) {
                    event_spans(out, *doc, now);
                }
            }
            Edit::RemoveEvent { doc, id } => {
                if let Some(now) = layer(*doc).and_then(|l| l.event(*id)) {
                    event_spans(out, *doc, now);
                }
            }
            Edit::SetStatus { .. } => {}
            _ => return false,
        }
        if out.values().map(Vec::len).sum::<usize>() > FEW_PLACES {
            return false;
        }
    }
    true
}

/// The items still to decide among `items` with their `decisions`: disagreements (and
/// unconfirmed items) nothing decided yet, by index.
fn open_in(items: &[Item], decisions: &[Decision]) -> Vec<usize> {
    items
        .iter()
        .zip(decisions)
        .enumerate()
        .filter(|(_, (it, d))| it.is_disagreement() && **d == Decision::Open)
        .map(|(i, _)| i)
        .collect()
}

pub use crate::store::activity::utc_stamp;

/// Describe an edit as changes (one per step; a long batch as one summary line).
pub fn describe(edit: &Edit, p: &Project) -> Vec<(usize, String, String)> {
    let span_text = |doc: usize, s: &crate::model::Span| -> String {
        let surface = p
            .documents
            .get(doc)
            .and_then(|d| d.text.slice(s.range).ok())
            .unwrap_or("");
        let surface: String = surface.chars().take(20).collect();
        format!(
            "{} {} [{},{})",
            s.label, surface, s.range.start, s.range.end
        )
    };
    match edit {
        Edit::AddSpan { doc, span } => vec![(*doc, "add".into(), span_text(*doc, span))],
        Edit::RemoveSpan { doc, id } => vec![(*doc, "remove".into(), id.to_string())],
        Edit::UpdateSpan { doc, span } => {
            let status = match span.status {
                crate::model::SpanStatus::Accepted => "",
                crate::model::SpanStatus::Pending => " (pending)",
                crate::model::SpanStatus::Rejected => " (rejected)",
            };
            vec![(
                *doc,
                "update".into(),
                format!("{} {}{status}", span.id, span_text(*doc, span)),
            )]
        }
        Edit::AddEvent { doc, event } | Edit::UpdateEvent { doc, event } => vec![(
            *doc,
            "event".into(),
            format!(
                "{} {} ({} arguments)",
                event.id,
                event.event_type,
                event.args.len()
            ),
        )],
        Edit::RemoveEvent { doc, id } => vec![(*doc, "event".into(), format!("{id} removed"))],
        Edit::SetStatus { doc, status } => vec![(*doc, "status".into(), status.as_str().into())],
        Edit::AddLabel { .. }
        | Edit::RemoveLabel { .. }
        | Edit::ForgetLabel { .. }
        | Edit::UpdateLabel { .. }
        | Edit::SetEventTypes { .. }
        | Edit::SetUserWords { .. } => Vec::new(),
        Edit::Batch(edits) if edits.len() <= 8 => {
            edits.iter().flat_map(|e| describe(e, p)).collect()
        }
        Edit::Batch(edits) => {
            // A long batch (a run of suggestions) is one line of counts, nothing formatted
            // per step.
            let mut counts: std::collections::BTreeMap<&'static str, usize> = Default::default();
            let mut doc = None;
            count_actions(edits, &mut counts, &mut doc);
            let Some(doc) = doc else { return Vec::new() };
            let what = counts
                .iter()
                .map(|(a, n)| format!("{a} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            vec![(doc, "batch".into(), what)]
        }
    }
}

/// Statistics of a project folder's layers `lp` and its activity log, and the log lines
/// that did not read (`log/bob.jsonl:7: …`, skipped).
pub fn project_stats(
    lp: &crate::model::LayeredProject,
    dir: &std::path::Path,
) -> (crate::review::stats::ProjectStats, Vec<String>) {
    let (entries, problems) = crate::store::activity::read(dir);
    let log: Vec<crate::review::stats::LogLine> = entries
        .into_iter()
        .map(|e| crate::review::stats::LogLine {
            at: e.at,
            who: e.who,
            action: e.action,
            what: e.what,
        })
        .collect();
    let mut stats = crate::review::stats::stats(lp, &log);
    stats.log_problems = problems.clone();
    (stats, problems)
}

/// The action of each step of `edits` (as `describe` names it), counted, and the first
/// document a step touches.
fn count_actions(
    edits: &[Edit],
    counts: &mut std::collections::BTreeMap<&'static str, usize>,
    doc: &mut Option<usize>,
) {
    for e in edits {
        let (d, action) = match e {
            Edit::AddSpan { doc, .. } => (*doc, "add"),
            Edit::RemoveSpan { doc, .. } => (*doc, "remove"),
            Edit::UpdateSpan { doc, .. } => (*doc, "update"),
            Edit::AddEvent { doc, .. } | Edit::UpdateEvent { doc, .. } => (*doc, "event"),
            Edit::RemoveEvent { doc, .. } => (*doc, "event"),
            Edit::SetStatus { doc, .. } => (*doc, "status"),
            Edit::Batch(inner) => {
                count_actions(inner, counts, doc);
                continue;
            }
            Edit::AddLabel { .. }
            | Edit::RemoveLabel { .. }
            | Edit::ForgetLabel { .. }
            | Edit::UpdateLabel { .. }
            | Edit::SetEventTypes { .. }
            | Edit::SetUserWords { .. } => continue,
        };
        doc.get_or_insert(d);
        *counts.entry(action).or_default() += 1;
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The curated layer ran out of span or event ids (as `Layer::alloc_span_id` refuses).
const NO_IDS: SessionError = SessionError::Edit(crate::edit::EditError::DuplicateId(
    crate::model::SpanId(u32::MAX),
));

impl Session {
    /// Who is working (their name goes into the change list). Edits are recorded only once
    /// it is set.
    pub fn set_who(&mut self, who: impl Into<String>) {
        self.who = Some(who.into());
    }

    /// The person working, if set.
    pub fn who(&self) -> Option<&str> {
        self.who.as_deref()
    }

    /// Every edit recorded in this session, oldest first.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// After a save: append the changes not logged yet to the activity log. A log that
    /// cannot be written does not fail the save (the annotations are safe); its entries are
    /// tried again at the next save.
    pub(super) fn append_log(&mut self) {
        let (Some(who), Some(new)) = (self.who.clone(), self.changes.get(self.logged..)) else {
            return;
        };
        if new.is_empty() || self.store.is_read_only() {
            return;
        }
        let entries: Vec<crate::store::activity::Entry> = new
            .iter()
            .map(|c| crate::store::activity::Entry {
                at: utc_stamp(c.at),
                who: c.who.clone(),
                doc: c.doc.clone(),
                layer: c.layer.clone(),
                action: c.action.clone(),
                what: c.what.clone(),
            })
            .collect();
        if crate::store::activity::append(self.store.dir(), &who, &entries).is_ok() {
            self.logged = self.changes.len();
        }
    }

    /// Record an edit just applied, as `describe` put it, in the change list.
    pub(super) fn record(&mut self, described: Vec<(usize, String, String)>, undo: Option<&str>) {
        let Some(who) = self.who.clone() else { return };
        let at = now_secs();
        for (doc, action, what) in described {
            let Some(d) = self.project.documents.get(doc) else {
                continue;
            };
            let (action, what) = match undo {
                Some(u) => (u.to_string(), format!("{action} {what}")),
                None => (action, what),
            };
            self.changes.push(Change {
                at,
                who: who.clone(),
                doc: d.meta.id.clone(),
                layer: self.project.annotator.clone(),
                action,
                what,
            });
        }
    }

    /// Start reviewing `annotators` (all annotators with layers when empty) against the open
    /// curated layer. Returns how many items still need a decision in the project (those
    /// the curated layer decided already, in an earlier session, are not counted):
    /// disagreements, and in a document only one of them has a layer for, each of that
    /// layer's spans and events (unconfirmed).
    ///
    /// It reads every layer of the project (on 10,000 documents, a second and a half): the
    /// window does that on another thread with [`read_review`] and [`Session::begin_review`].
    pub fn start_review(&mut self, annotators: &[String]) -> Result<usize, SessionError> {
        let read = read_review(self.store.dir(), &self.project, annotators, &mut |_, _| {
            true
        })?;
        self.begin_review(read)
    }

    /// Start the review [`read_review`] read for this project (as [`Session::start_review`]
    /// does, without reading the files). Refused when the documents are not those it read.
    pub fn begin_review(&mut self, read: ReviewRead) -> Result<usize, SessionError> {
        if self.project.annotator != CURATED {
            return Err(SessionError::ReviewNeedsCurated);
        }
        let same = read.doc_ids.len() == self.project.documents.len()
            && read
                .doc_ids
                .iter()
                .zip(&self.project.documents)
                .all(|(id, d)| *id == d.meta.id);
        if !same {
            return Err(SessionError::ReviewOutOfDate);
        }
        self.store.take_layer_notes(read.notes);
        // Decided as the layers were when read: only a document changed since (none, as
        // the window opens a project) is decided again here.
        let stale: Vec<Option<usize>> = self
            .project
            .documents
            .iter()
            .enumerate()
            .filter(|(d, doc)| {
                read.review.decided.get(*d).map(|c| c.revisions)
                    != Some((doc.layer.revision(), doc.layer.event_revision()))
            })
            .map(|(d, _)| Some(d))
            .collect();
        self.review = Some(Box::new(read.review));
        if !stale.is_empty() {
            self.recount_review(&stale, &[], None);
        }
        self.generation += 1;
        Ok(self.review.as_ref().map_or(0, |r| r.open.iter().sum()))
    }

    /// Leave review mode (the curated layer stays open).
    pub fn stop_review(&mut self) {
        self.review = None;
        self.generation += 1;
    }

    /// The review going on, if any.
    pub fn review(&self) -> Option<&Review> {
        self.review.as_deref()
    }

    /// The decision the curated layer holds for each item of the current document.
    pub fn review_decisions(&self) -> Vec<Decision> {
        self.decisions_of(self.doc).into_owned()
    }

    /// [`Session::review_decisions`] decided afresh, not read from what was counted after the
    /// last edit (tests compare the two).
    #[doc(hidden)]
    pub fn review_decisions_afresh(&self) -> Vec<Decision> {
        self.decide(self.doc)
    }

    /// The decision on each review item of document `doc` (empty outside review): as counted
    /// after the last edit of it, while the curated layer is still at the revisions counted.
    fn decisions_of(&self, doc: usize) -> std::borrow::Cow<'_, [Decision]> {
        let (Some(r), Some(d)) = (self.review(), self.project.documents.get(doc)) else {
            return Vec::new().into();
        };
        match r.decided.get(doc) {
            Some(c) if c.revisions == (d.layer.revision(), d.layer.event_revision()) => {
                c.decisions.as_slice().into()
            }
            _ => self.decide(doc).into(),
        }
    }

    /// Decide every review item of document `doc` against the curated layer.
    fn decide(&self, doc: usize) -> Vec<Decision> {
        let (Some(r), Some(d)) = (self.review(), self.project.documents.get(doc)) else {
            return Vec::new();
        };
        r.decide_on(doc, &d.layer)
    }

    /// The items of document `doc` that still need a decision (disagreements, or one
    /// annotator's unconfirmed items, not decided yet), by index.
    fn open_items_of(&self, doc: usize) -> Vec<usize> {
        let decisions = self.decisions_of(doc);
        let Some(r) = self.review() else {
            return Vec::new();
        };
        open_in(r.items(doc), &decisions)
    }

    /// The open items of document `doc` the filter lets through, by index.
    fn open_walk_of(&self, doc: usize) -> Vec<usize> {
        let open = self.open_items_of(doc);
        match self.review() {
            Some(r) if !r.filter.is_all() => {
                let items = r.items(doc);
                open.into_iter()
                    .filter(|&i| r.shows(doc, &items[i]))
                    .collect()
            }
            _ => open,
        }
    }

    /// Set the filter F8 and decisions walk by (and the review list shows).
    pub fn set_review_filter(&mut self, filter: ReviewFilter) {
        if let Some(r) = self.review.as_deref_mut() {
            r.filter = filter;
            self.generation += 1;
        }
    }

    /// Per document, the open items the filter lets through, where there are any (the
    /// worklist itself when the filter lets everything through; otherwise counted now).
    pub fn review_walk_counts(&self) -> Vec<(usize, usize)> {
        if self.review().is_none_or(|r| r.filter.is_all()) {
            return self.review_worklist();
        }
        (0..self.project.documents.len())
            .map(|d| (d, self.open_walk_of(d).len()))
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// The reviewer's worklist: each document with items still to decide, with how many, in
    /// the project's order. Empty outside review.
    pub fn review_worklist(&self) -> Vec<(usize, usize)> {
        self.review().map_or_else(Vec::new, |r| {
            r.open
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(d, &n)| (d, n))
                .collect()
        })
    }

    /// How many items of document `doc` are still to decide, in review (`None` outside).
    pub fn review_open(&self, doc: usize) -> Option<usize> {
        self.review().map(|r| r.open.get(doc).copied().unwrap_or(0))
    }

    /// The curated layer's revisions of the documents `touched` names, taken before an edit
    /// (for [`Session::refresh_after`] after it; empty outside review, or when the edit
    /// touches every document).
    pub(super) fn revisions_before(&self, touched: &[Option<usize>]) -> Vec<(usize, (u64, u64))> {
        if self.review.is_none() || touched.contains(&None) {
            return Vec::new();
        }
        touched
            .iter()
            .flatten()
            .filter_map(|&d| {
                let l = &self.project.documents.get(d)?.layer;
                Some((d, (l.revision(), l.event_revision())))
            })
            .collect()
    }

    /// After an edit or a redo (`inverse_on_undo_stack`), or an undo (its inverse is then on
    /// the redo stack):
    /// [`Session::recount_review`] with the places the inverse that history now holds
    /// changed.
    pub(super) fn refresh_after(
        &mut self,
        touched: &[Option<usize>],
        before: &[(usize, (u64, u64))],
        inverse_on_undo_stack: bool,
    ) {
        if self.review.is_none() {
            return;
        }
        let inverse = if inverse_on_undo_stack {
            self.history.last_undo()
        } else {
            self.history.last_redo()
        };
        let mut places = Places::new();
        let places = inverse
            .filter(|e| changed_places(e, &self.project, &mut places))
            .map(|_| places);
        self.recount_review(touched, before, places);
    }

    /// Count again the open items of the documents an edit touched (`None`: all of them, as
    /// a schema edit or the start of a review asks). With the `places` the edit changed and
    /// the curated layer's revisions `before` it, only the items that meet one of them are
    /// decided again, in a document whose decisions were counted at those revisions;
    /// otherwise every item of each document touched.
    fn recount_review(
        &mut self,
        touched: &[Option<usize>],
        before: &[(usize, (u64, u64))],
        places: Option<Places>,
    ) {
        let n = self.project.documents.len();
        let docs: Vec<usize> = if touched.contains(&None) {
            (0..n).collect()
        } else {
            let mut v: Vec<usize> = touched.iter().flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let counted: Vec<(usize, Decided, usize)> = docs
            .into_iter()
            .filter_map(|d| {
                let layer = &self.project.documents.get(d)?.layer;
                let r = self.review()?;
                let cached = r.decided.get(d).filter(|c| {
                    c.decisions.len() == r.items(d).len()
                        && before.iter().any(|&(b, rev)| b == d && rev == c.revisions)
                });
                let decisions = match (cached, &places) {
                    (Some(c), Some(places)) => {
                        let changed = places.get(&d).map_or(&[][..], Vec::as_slice);
                        self.decide_again(d, &c.decisions, changed)
                    }
                    _ => self.decide(d),
                };
                let open = open_in(r.items(d), &decisions).len();
                let revisions = (layer.revision(), layer.event_revision());
                Some((
                    d,
                    Decided {
                        revisions,
                        decisions,
                    },
                    open,
                ))
            })
            .collect();
        if let Some(r) = self.review.as_deref_mut() {
            r.open.resize(n, 0);
            r.decided.resize_with(n, Decided::default);
            for (d, decided, k) in counted {
                if let (Some(slot), Some(c)) = (r.open.get_mut(d), r.decided.get_mut(d)) {
                    *slot = k;
                    *c = decided;
                }
            }
        }
    }

    /// `decisions` of document `doc` with the items that meet one of the `changed` places
    /// (char ranges, ends included) decided again.
    fn decide_again(
        &self,
        doc: usize,
        decisions: &[Decision],
        changed: &[(u32, u32)],
    ) -> Vec<Decision> {
        let mut out = decisions.to_vec();
        let (Some(r), Some(d)) = (self.review(), self.project.documents.get(doc)) else {
            return out;
        };
        let (refs, Some(keys)) = (r.source_refs(doc), r.keys.get(doc)) else {
            return out;
        };
        // Only where an item meets a change are the curated events read.
        let mut events = None;
        for (it, slot) in r.items(doc).iter().zip(out.iter_mut()) {
            let (a, b) = (it.range.start, it.range.end);
            if changed.iter().any(|&(s, e)| a <= e && s <= b) {
                let events = events.get_or_insert_with(|| curate::CuratedEvents::of(&d.layer));
                *slot = curate::decision(it, &refs, &d.layer, keys, events);
            }
        }
        out
    }

    /// The next (or previous) document after the current one, wrapping, that has items still
    /// to decide; the current one comes last.
    fn next_doc_with_open(&self, forward: bool) -> Option<usize> {
        let n = self.project.documents.len();
        let all = self.review().is_none_or(|r| r.filter.is_all());
        let open = |d: usize| {
            if all {
                self.review().is_some_and(|r| r.open.get(d) > Some(&0))
            } else {
                !self.open_walk_of(d).is_empty()
            }
        };
        (1..=n)
            .map(|k| {
                if forward {
                    (self.doc + k) % n
                } else {
                    (self.doc + n - k % n) % n
                }
            })
            .find(|&d| open(d))
    }

    /// The selected review item of the current document (its index).
    pub fn review_cursor(&self) -> Option<usize> {
        let (doc, i) = self.review()?.cursor?;
        (doc == self.doc).then_some(i)
    }

    /// Select item `i` of the current document: its chars become the selection. Returns
    /// where it starts, to scroll to.
    pub fn select_review_item(&mut self, i: usize) -> Option<u32> {
        let doc = self.doc;
        let r = self.review.as_deref_mut()?;
        let range = r.items.get(doc)?.get(i)?.range;
        r.cursor = Some((doc, i));
        self.selection = Some(Selection {
            anchor: range.start,
            head: range.end,
        });
        self.selected_span = None;
        self.selected_event = None;
        Some(range.start)
    }

    /// F8 / Shift+F8: the next (previous) disagreement of the current document that is not
    /// decided yet, wrapping. Once every one of this document is decided, the first (last)
    /// open item of the next (previous) document that has one, which is opened: the
    /// reviewer walks the whole project with one key. With nothing open anywhere, the next
    /// (previous) disagreement of this document, decided or not. Only the items the filter
    /// ([`ReviewFilter`]) lets through are walked.
    pub fn step_disagreement(&mut self, forward: bool) -> Option<u32> {
        if self.open_walk_of(self.doc).is_empty()
            && let Some(d) = self.next_doc_with_open(forward)
            && d != self.doc
        {
            let open = self.open_walk_of(d);
            let i = if forward { open.first() } else { open.last() }.copied()?;
            self.open_doc(d);
            return self.select_review_item(i);
        }
        let decisions = self.review_decisions();
        let r = self.review()?;
        let items = r.items(self.doc);
        let at = self.review_cursor();
        let all: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].is_disagreement() && r.shows(self.doc, &items[i]))
            .collect();
        let open: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| decisions.get(i) == Some(&Decision::Open))
            .collect();
        let order = if open.is_empty() { all } else { open };
        let pick = match (at, forward) {
            (Some(c), true) => order.iter().find(|&&i| i > c).or(order.first()),
            (Some(c), false) => order.iter().rev().find(|&&i| i < c).or(order.last()),
            (None, true) => order.first(),
            (None, false) => order.last(),
        };
        let i = *pick?;
        self.select_review_item(i)
    }

    /// After a decision on the selected item: select the next item of the current document
    /// still open (after it, wrapping), as the labeller's A and R go to the next suggestion.
    /// With none left open the selection stays on the item just decided. Returns where the
    /// selected item starts, to scroll to.
    fn next_open_item(&mut self) -> Option<u32> {
        let at = self.review_cursor()?;
        let open = self.open_walk_of(self.doc);
        let i = open
            .iter()
            .find(|&&i| i > at)
            .or(open.first())
            .copied()
            .unwrap_or(at);
        self.select_review_item(i)
    }

    /// The review item of the current document the selection covers exactly (the one F8
    /// or the list selected), if the selection is one.
    pub(super) fn selected_review_item(&self) -> Option<usize> {
        let i = self.review_cursor()?;
        let range = self.review()?.items(self.doc).get(i)?.range;
        (self.selection?.range() == range).then_some(i)
    }

    /// After an edit on item `i` of the current document other than a decision key (a
    /// label key on its chars): if that decided it, select the next open item, as a
    /// decision does. Returns where the selection then starts.
    pub(super) fn next_open_item_if_decided(&mut self, i: usize) -> Option<u32> {
        if self.open_items_of(self.doc).contains(&i) {
            return None;
        }
        self.next_open_item()
    }

    /// Apply decision edits as one undo step; a new curated layer also becomes "in review".
    fn apply_decision(&mut self, mut edits: Vec<Edit>) -> Result<(), SessionError> {
        if edits.is_empty() {
            return Ok(());
        }
        if self
            .project
            .documents
            .get(self.doc)
            .is_some_and(|d| d.layer.status == DocStatus::New)
        {
            edits.push(Edit::SetStatus {
                doc: self.doc,
                status: DocStatus::InProgress,
            });
        }
        self.apply(Edit::Batch(edits))
    }

    /// The selected item, the compared layers and the curated layer of the current document.
    fn review_target(&self) -> Result<(&Item, Vec<&Layer>, &Layer), SessionError> {
        let i = self.review_cursor().ok_or(SessionError::NoReviewItem)?;
        let r = self.review().ok_or(SessionError::NoReviewItem)?;
        let item = r.items(self.doc).get(i).ok_or(SessionError::NoReviewItem)?;
        let d = self
            .project
            .documents
            .get(self.doc)
            .ok_or(SessionError::NoReviewItem)?;
        Ok((item, r.source_refs(self.doc), &d.layer))
    }

    /// Ctrl+n: accept annotator `n`'s version (0-based) of the selected item, then select
    /// the next open one.
    pub fn accept_version(&mut self, n: usize) -> Result<(), SessionError> {
        let compared = self.review().map_or(0, |r| r.annotators.len());
        let (item, refs, curated) = self.review_target()?;
        if n >= compared {
            return Err(SessionError::NoSuchVersion(n + 1));
        }
        let edits = curate::accept(item, n, &refs, curated, self.doc).ok_or(NO_IDS)?;
        self.apply_decision(edits)?;
        self.next_open_item();
        Ok(())
    }

    /// Take annotator `n`'s version (0-based) of every item of the current document still
    /// open that the filter shows, as one undo step (where `n` has nothing, the others are
    /// rejected, as Ctrl+n does). Returns how many items were decided.
    pub fn accept_version_for_open(&mut self, n: usize) -> Result<usize, SessionError> {
        let doc = self.doc;
        let open = self.open_walk_of(doc);
        let r = self.review().ok_or(SessionError::NoReviewItem)?;
        if n >= r.annotators.len() || r.source(doc, n).is_none_or(|l| !has_work(l)) {
            return Err(SessionError::NoSuchVersion(n + 1));
        }
        let d = self
            .project
            .documents
            .get(doc)
            .ok_or(SessionError::NoReviewItem)?;
        let items = r.items(doc);
        let choices: Vec<(&Item, usize)> = open.iter().map(|&i| (&items[i], n)).collect();
        let count = choices.len();
        let refs = r.source_refs(doc);
        let edits = curate::accept_many(&choices, &refs, &d.layer, doc).ok_or(NO_IDS)?;
        self.apply_decision(edits)?;
        Ok(count)
    }

    /// Reject every version of the selected item, then select the next open one.
    pub fn reject_review_item(&mut self) -> Result<(), SessionError> {
        let (item, refs, curated) = self.review_target()?;
        let edits = curate::reject(item, &refs, curated, self.doc).ok_or(NO_IDS)?;
        self.apply_decision(edits)?;
        self.next_open_item();
        Ok(())
    }

    /// Accept every agreement of the current document that is not decided yet, and every
    /// unconfirmed item (one annotator's alone), as one undo step. Returns how many.
    pub fn accept_agreements(&mut self) -> Result<usize, SessionError> {
        let (n, edits) = self.agreement_edits(self.doc)?;
        self.apply_decision(edits)?;
        Ok(n)
    }

    /// Accept every agreement not decided yet in every document of the project (what all
    /// the annotators compared there tagged alike), as one undo step, leaving the
    /// disagreements and one annotator's unconfirmed items to the reviewer. A document that
    /// takes any becomes "in review". Returns how many agreements, in how many documents.
    pub fn accept_agreements_everywhere(&mut self) -> Result<(usize, usize), SessionError> {
        self.decide_everywhere(Self::agreement_edits)
    }

    /// The decisions `edits_of` makes in each document one annotator alone did not tag,
    /// applied as one undo step; a document that takes any becomes "in review". Returns how
    /// many items, in how many documents.
    fn decide_everywhere(
        &mut self,
        edits_of: DocDecisions,
    ) -> Result<(usize, usize), SessionError> {
        if self.review().is_none() {
            return Err(SessionError::NoReviewItem);
        }
        let (mut items, mut docs) = (0, 0);
        let mut all = Vec::new();
        for doc in 0..self.project.documents.len() {
            if self.review().is_some_and(|r| r.is_solo(doc)) {
                continue;
            }
            let (n, mut edits) = edits_of(self, doc)?;
            if edits.is_empty() {
                continue;
            }
            if self
                .project
                .documents
                .get(doc)
                .is_some_and(|d| d.layer.status == DocStatus::New)
            {
                edits.push(Edit::SetStatus {
                    doc,
                    status: DocStatus::InProgress,
                });
            }
            all.extend(edits);
            items += n;
            docs += 1;
        }
        if !all.is_empty() {
            self.apply(Edit::Batch(all))?;
        }
        Ok((items, docs))
    }

    /// The annotators (indices) of the strict majority that gave item `i` of document `doc`
    /// the same version, among those who worked on the document; empty without one (and
    /// always with two annotators, where a disagreement is one against one, and on a
    /// document one annotator worked on alone, whose items are theirs to confirm: one
    /// person is no majority).
    pub fn review_majority(&self, doc: usize, i: usize) -> Vec<usize> {
        let Some(r) = self.review().filter(|r| !r.is_solo(doc)) else {
            return Vec::new();
        };
        let Some(it) = r.items(doc).get(i) else {
            return Vec::new();
        };
        let refs = r.source_refs(doc);
        let present: Vec<usize> = (0..refs.len()).filter(|&k| has_work(refs[k])).collect();
        curate::majority_group(it, &refs, &present)
    }

    /// Where a strict majority of the annotators who worked on a document gave an open
    /// disagreement the same version, take it, in every document, as one undo step: two of
    /// three said LOC, one ORG, so LOC; two of three tagged nothing, so the third's span is
    /// rejected. Items without a strict majority stay open (with two annotators, every
    /// disagreement does). A document that takes any becomes "in review". Returns how many
    /// items, in how many documents.
    pub fn accept_majority_everywhere(&mut self) -> Result<(usize, usize), SessionError> {
        self.decide_everywhere(Self::majority_edits)
    }

    /// The edits that take the majority's version of every open item of document `doc` that
    /// has one, and how many items they decide.
    fn majority_edits(&self, doc: usize) -> Result<(usize, Vec<Edit>), SessionError> {
        let r = self.review().ok_or(SessionError::NoReviewItem)?;
        let d = self
            .project
            .documents
            .get(doc)
            .ok_or(SessionError::NoReviewItem)?;
        let its = r.items(doc);
        let choices: Vec<(&Item, usize)> = self
            .open_items_of(doc)
            .into_iter()
            .filter_map(|i| Some((its.get(i)?, *self.review_majority(doc, i).first()?)))
            .collect();
        let edits =
            curate::accept_many(&choices, &r.source_refs(doc), &d.layer, doc).ok_or(NO_IDS)?;
        Ok((choices.len(), edits))
    }

    /// The edits that accept every open agreement and unconfirmed item of document `doc`,
    /// and how many items they take.
    fn agreement_edits(&self, doc: usize) -> Result<(usize, Vec<Edit>), SessionError> {
        let decisions = self.decisions_of(doc);
        let r = self.review().ok_or(SessionError::NoReviewItem)?;
        let d = self
            .project
            .documents
            .get(doc)
            .ok_or(SessionError::NoReviewItem)?;
        let choices: Vec<(&Item, usize)> = r
            .items(doc)
            .iter()
            .zip(decisions.iter())
            .filter(|(it, dec)| {
                matches!(it.kind, DiffKind::Agree | DiffKind::Unconfirmed)
                    && **dec == Decision::Open
            })
            // The first annotator who has it (all who have a layer here do).
            .map(|(it, _)| {
                (
                    it,
                    it.versions.iter().position(|v| !v.is_empty()).unwrap_or(0),
                )
            })
            .collect();
        let n = choices.len();
        let refs = r.source_refs(doc);
        let edits = curate::accept_many(&choices, &refs, &d.layer, doc).ok_or(NO_IDS)?;
        Ok((n, edits))
    }

    /// The items of document `doc` still to decide (disagreements, or one annotator's
    /// unconfirmed items), by index into [`Review::items`], in text order.
    pub fn review_open_items(&self, doc: usize) -> Vec<usize> {
        self.open_items_of(doc)
    }

    /// Where the review of document `doc` stands (`None` outside review).
    pub fn review_tally(&self, doc: usize) -> Option<ReviewTally> {
        let r = self.review()?;
        let items = r.items(doc);
        let decisions = self.decisions_of(doc);
        let mut tally = ReviewTally {
            items: items.len(),
            ..ReviewTally::default()
        };
        let mut by_kind = [0usize; DiffKind::ALL.len()];
        for (it, dec) in items.iter().zip(decisions.iter()) {
            match (dec, it.is_disagreement()) {
                (Decision::Open, true) => {
                    if let Some(k) = DiffKind::ALL.iter().position(|&k| k == it.kind) {
                        by_kind[k] += 1;
                    }
                }
                (Decision::Open, false) => tally.agreements_open += 1,
                _ => tally.decided += 1,
            }
        }
        tally.open_by_kind = DiffKind::ALL
            .iter()
            .zip(by_kind)
            .filter(|&(_, n)| n > 0)
            .map(|(&k, n)| (k, n))
            .collect();
        Some(tally)
    }

    /// Why [`Session::finish_review_doc`] would refuse now, if it would: no review, or
    /// items of the current document still to decide.
    pub fn finish_review_doc_refused(&self) -> Option<SessionError> {
        if self.review().is_none() {
            return Some(SessionError::NoReviewItem);
        }
        let open = self.open_items_of(self.doc).len();
        (open > 0).then_some(SessionError::OpenItemsLeft(open))
    }

    /// The reviewer is done with the current document. Refused while a disagreement of it
    /// is still to decide. Otherwise, as one undo step, the agreements not decided yet are
    /// accepted (nobody objected to them; one the reviewer rejected stays rejected) and the
    /// curated layer is marked reviewed. Then the next document after it (wrapping) that is
    /// not reviewed yet and has something to review is opened, its first open item selected.
    pub fn finish_review_doc(&mut self) -> Result<Finished, SessionError> {
        if let Some(e) = self.finish_review_doc_refused() {
            return Err(e);
        }
        let (agreements, mut edits) = self.agreement_edits(self.doc)?;
        let reviewed = |s: DocStatus| matches!(s, DocStatus::Done | DocStatus::Reviewed);
        if let Some(d) = self.project.documents.get(self.doc)
            && !reviewed(d.layer.status)
        {
            edits.push(Edit::SetStatus {
                doc: self.doc,
                status: DocStatus::Reviewed,
            });
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits))?;
        }
        let n = self.project.documents.len();
        let next = (1..n).map(|k| (self.doc + k) % n).find(|&d| {
            let to_review = self.review().is_some_and(|r| !r.items(d).is_empty());
            to_review
                && self
                    .project
                    .documents
                    .get(d)
                    .is_some_and(|doc| !reviewed(doc.layer.status))
        });
        if let Some(d) = next {
            self.open_doc(d);
            if let Some(&i) = self.open_items_of(d).first() {
                self.select_review_item(i);
            }
        }
        Ok(Finished { agreements, next })
    }

    /// [`Session::finish_review_doc`] for every document at once: each one not reviewed
    /// yet that has something to review and nothing left to decide (all its
    /// disagreements settled, by hand, by majority, or none there) takes its agreements
    /// not decided yet and is marked reviewed, all in one undo step. Documents with items
    /// still open are left as they were and counted; so are those nobody tagged, which a
    /// reviewer has not seen. After 全项目采纳一致项 this is what makes a project's review
    /// exportable without opening each document.
    pub fn finish_review_everywhere(&mut self) -> Result<FinishedEverywhere, SessionError> {
        if self.review().is_none() {
            return Err(SessionError::NoReviewItem);
        }
        let reviewed = |s: DocStatus| matches!(s, DocStatus::Done | DocStatus::Reviewed);
        let mut out = FinishedEverywhere::default();
        let mut all = Vec::new();
        for doc in 0..self.project.documents.len() {
            let to_review = self.review().is_some_and(|r| !r.items(doc).is_empty());
            let done = self
                .project
                .documents
                .get(doc)
                .is_none_or(|d| reviewed(d.layer.status));
            if !to_review || done {
                continue;
            }
            if !self.open_items_of(doc).is_empty() {
                out.left_open += 1;
                continue;
            }
            let (n, edits) = self.agreement_edits(doc)?;
            all.extend(edits);
            all.push(Edit::SetStatus {
                doc,
                status: DocStatus::Reviewed,
            });
            out.agreements += n;
            out.documents += 1;
        }
        if !all.is_empty() {
            self.apply(Edit::Batch(all))?;
        }
        Ok(out)
    }
}

/// What [`Session::finish_review_everywhere`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FinishedEverywhere {
    /// Documents marked reviewed.
    pub documents: usize,
    /// Agreements (or one annotator's items) accepted in them on the way.
    pub agreements: usize,
    /// Documents not reviewed yet that still have items to decide, left as they were.
    pub left_open: usize,
}

/// Where the review of one document stands: what is decided and what is left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewTally {
    /// Items compared: agreements, disagreements and unconfirmed items.
    pub items: usize,
    /// Items the curated layer has decided (accepted in some version, or rejected).
    pub decided: usize,
    /// Agreements nobody has decided yet (Ctrl+Shift+A, or finishing the document, takes
    /// them).
    pub agreements_open: usize,
    /// Disagreements and unconfirmed items still to decide, by kind, in [`DiffKind::ALL`]
    /// order (kinds with none left out).
    pub open_by_kind: Vec<(DiffKind, usize)>,
}

impl ReviewTally {
    /// Disagreements and unconfirmed items still to decide.
    pub fn open(&self) -> usize {
        self.open_by_kind.iter().map(|&(_, n)| n).sum()
    }

    /// The open items by kind, in words: `标签不同 5 · 有人未标 3` (empty when none).
    pub fn open_kinds_text(&self, lang: crate::i18n::Lang) -> String {
        self.open_by_kind
            .iter()
            .map(|&(k, n)| format!("{} {n}", diff_kind_name(lang, k)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// What finishing a document's review did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// Agreements (or one annotator's items) accepted on the way.
    pub agreements: usize,
    /// The document opened next: the next one not reviewed yet with something to review.
    pub next: Option<usize>,
}

/// The words for a kind of review item (the review panel, `biaozhu review`).
pub fn diff_kind_name(
    lang: crate::i18n::Lang,
    k: crate::review::compare::DiffKind,
) -> &'static str {
    use crate::review::compare::DiffKind as K;
    crate::i18n::tr(
        lang,
        match k {
            K::Agree => crate::i18n::Msg::DiffAgree,
            K::Label => crate::i18n::Msg::DiffLabel,
            K::Boundary => crate::i18n::Msg::DiffBoundary,
            K::LabelAndBoundary => crate::i18n::Msg::DiffLabelAndBoundary,
            K::Missing => crate::i18n::Msg::DiffMissing,
            K::EventType => crate::i18n::Msg::DiffEventType,
            K::EventArgs => crate::i18n::Msg::DiffEventArgs,
            K::Unconfirmed => crate::i18n::Msg::Unconfirmed,
        },
    )
}

/// What one layer has at an item, as text: `ORG 北京大学 [3,7)`, or an event with its
/// arguments, in document `doc` (for the text).
pub fn version_text(
    lang: crate::i18n::Lang,
    session: &Session,
    doc: usize,
    layer: &Layer,
    item: &Item,
    n: usize,
) -> String {
    use crate::i18n::{Msg, tr};
    let Some(v) = item.versions.get(n) else {
        return String::new();
    };
    let doc = session.project().documents.get(doc);
    let surface = |r: crate::model::CharRange| -> String {
        doc.and_then(|d| d.text.slice(r).ok())
            .map(|s| s.chars().take(24).collect())
            .unwrap_or_default()
    };
    let mut parts = Vec::new();
    for id in &v.spans {
        if let Some(s) = layer.span(*id) {
            parts.push(format!(
                "{} {} [{},{})",
                s.label,
                surface(s.range),
                s.range.start,
                s.range.end
            ));
        }
    }
    let schema = &session.project().schema;
    for id in &v.events {
        if let Some(e) = layer.event(*id) {
            let trigger = layer
                .span(e.trigger)
                .map(|t| surface(t.range))
                .unwrap_or_default();
            let args: Vec<String> = e
                .args
                .iter()
                .filter_map(|(role, a)| {
                    let role = schema.role_shown(&e.event_type, role, lang);
                    layer
                        .span(*a)
                        .map(|s| format!("{role}={}", surface(s.range)))
                })
                .collect();
            parts.push(format!(
                "{} {}「{trigger}」 {}",
                tr(lang, Msg::EventWord),
                schema.type_shown(&e.event_type, lang),
                args.join(" ")
            ));
        }
    }
    if parts.is_empty() {
        tr(lang, Msg::NothingHere).to_string()
    } else {
        parts.join("; ")
    }
}

/// Where the versions of an event item differ, argument by argument: each argument (role and
/// span) that some versions' events hold and others' do not, as `地点=湖南师范大学附属中学`
/// with the names of the annotators who gave it. `layers` are the compared layers with
/// their annotators' names (`None` for one without work in the document, which gives no
/// version to compare). Empty for a span item, or where the events' arguments agree.
pub fn argument_differences(
    lang: crate::i18n::Lang,
    session: &Session,
    doc: usize,
    layers: &[(Option<&Layer>, &str)],
    item: &Item,
) -> Vec<(String, Vec<String>)> {
    if !item.is_event {
        return Vec::new();
    }
    let text = session.project().documents.get(doc).map(|d| &d.text);
    let schema = &session.project().schema;
    // Per argument (type, role, range), who gave it, in the order first met.
    let mut order: Vec<(String, String, crate::model::CharRange)> = Vec::new();
    let mut who: Vec<Vec<String>> = Vec::new();
    let mut present = 0;
    for (n, v) in item.versions.iter().enumerate() {
        let Some((Some(layer), name)) = layers.get(n) else {
            continue;
        };
        present += 1;
        let mut mine = BTreeSet::new();
        for id in &v.events {
            let Some(e) = layer.event(*id) else {
                continue;
            };
            for (role, a) in &e.args {
                if let Some(span) = layer.span(*a) {
                    mine.insert((e.event_type.clone(), role.clone(), span.range));
                }
            }
        }
        for key in mine {
            let k = match order.iter().position(|o| *o == key) {
                Some(k) => k,
                None => {
                    order.push(key);
                    who.push(Vec::new());
                    order.len() - 1
                }
            };
            who[k].push(name.to_string());
        }
    }
    order
        .into_iter()
        .zip(who)
        .filter(|(_, w)| w.len() < present)
        .map(|((ty, role, range), w)| {
            let surface: String = text
                .and_then(|t| t.slice(range).ok())
                .map(|s| s.chars().take(24).collect())
                .unwrap_or_default();
            (
                format!("{}={surface}", schema.role_shown(&ty, &role, lang)),
                w,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::utc_stamp;

    #[test]
    fn stamps_are_utc_calendar_dates() {
        assert_eq!(utc_stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_stamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_stamp(1_796_060_400), "2026-11-30T17:40:00Z");
    }
}
