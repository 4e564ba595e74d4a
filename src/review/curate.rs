//! The curated layer: what a reviewer decided for each item of a comparison, and the edits
//! that carry out a decision.
//!
//! A decision is written in the curated layer itself, as ordinary spans and events, so undo,
//! autosave and exports need nothing new: accepting a layer's version puts its spans in as
//! accepted and the other versions' spans in as rejected (hidden, as rejected suggestions
//! are); rejecting an item puts every version's spans in as rejected. Nothing is removed,
//! so a span an event uses is never in the way. An item's decision is read back from the
//! curated layer, so it is right after undo, after a restart, or after the reviewer tagged
//! by hand (then it is `Edited`).

use std::collections::{BTreeMap, BTreeSet};

use super::compare::{EventKey, Item, SpanKey, compared_span, event_key, span_key};
use crate::edit::Edit;
use crate::model::{Event, Layer, Span, SpanId, SpanKind, SpanStatus};

/// What the curated layer says about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Nothing decided yet.
    Open,
    /// The version of layer `n` (0-based, in the order compared) is in the curated layer.
    Accepted(usize),
    /// Every version was rejected.
    Rejected,
    /// The curated layer has something else here (the reviewer tagged it by hand).
    Edited,
}

/// Every span key and event key that some item's versions hold, to tell a reviewer's own
/// edits from decisions.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    spans: BTreeSet<SpanKey>,
    events: BTreeSet<EventKey>,
}

impl Keys {
    /// The keys of all items over `sources`.
    pub fn of(items: &[Item], sources: &[&Layer]) -> Self {
        let mut k = Keys::default();
        for it in items {
            let (s, e) = version_keys(it, sources);
            k.spans.extend(s.into_iter().flatten());
            k.events.extend(e.into_iter().flatten());
        }
        k
    }
}

/// Per version, the span keys and event keys it holds.
type VersionKeys = (Vec<BTreeSet<SpanKey>>, Vec<BTreeSet<EventKey>>);

fn version_keys(item: &Item, sources: &[&Layer]) -> VersionKeys {
    let mut spans = Vec::new();
    let mut events = Vec::new();
    for (v, layer) in item.versions.iter().zip(sources) {
        spans.push(
            v.spans
                .iter()
                .filter_map(|id| layer.span(*id))
                .map(span_key)
                .collect(),
        );
        events.push(
            v.events
                .iter()
                .filter_map(|id| layer.event(*id))
                .filter_map(|e| event_key(layer, e))
                .collect(),
        );
    }
    (spans, events)
}

/// The annotators (indices of `sources`, in order) of the strict majority of those in
/// `present` (who worked on the document) that gave `item` the same version; empty without
/// one (two of four, or three annotators who each said something else). Nothing here is a
/// version too (most said there is no span), which accepting then turns into rejecting the
/// others'.
pub fn majority_group(item: &Item, sources: &[&Layer], present: &[usize]) -> Vec<usize> {
    let (vspans, vevents) = version_keys(item, sources);
    let key = |i: usize| (vspans.get(i), vevents.get(i));
    let keys: Vec<(usize, _)> = present.iter().map(|&i| (i, key(i))).collect();
    let Some((_, k)) = keys
        .iter()
        .find(|(_, k)| 2 * keys.iter().filter(|(_, o)| o == k).count() > present.len())
    else {
        return Vec::new();
    };
    keys.iter()
        .filter(|(_, o)| o == k)
        .map(|&(i, _)| i)
        .collect()
}

/// The annotators (indices of `sources`, in order) among `present` who gave `item` the
/// same version as annotator `n` (`n` with them, when present): who a decision for `n`'s
/// version agrees with.
pub fn same_version(item: &Item, sources: &[&Layer], present: &[usize], n: usize) -> Vec<usize> {
    let (vspans, vevents) = version_keys(item, sources);
    let key = |i: usize| (vspans.get(i), vevents.get(i));
    present
        .iter()
        .copied()
        .filter(|&i| key(i) == key(n))
        .collect()
}

/// The curated layer's events as compared ([`EventKey`]), by their trigger's start: the
/// events at an item are found without reading every event (a long document's review
/// decides thousands of items).
#[derive(Debug, Default)]
pub struct CuratedEvents {
    by_start: BTreeMap<u32, Vec<EventKey>>,
    /// The longest trigger, in chars: how far before an item a trigger that reaches into it
    /// may start.
    longest: u32,
}

impl CuratedEvents {
    /// The events of `curated`.
    pub fn of(curated: &Layer) -> Self {
        let mut out = Self::default();
        for k in curated.events.iter().filter_map(|e| event_key(curated, e)) {
            out.longest = out.longest.max(k.1.1.saturating_sub(k.1.0));
            out.by_start.entry(k.1.0).or_default().push(k);
        }
        out
    }

    /// The events whose trigger overlaps `r` or starts where it starts.
    fn at(&self, r: crate::model::CharRange) -> impl Iterator<Item = &EventKey> {
        self.by_start
            .range(r.start.saturating_sub(self.longest)..=r.end)
            .flat_map(|(_, v)| v)
            .filter(move |k| r.overlaps(&range(k.1)) || k.1.0 == r.start)
    }
}

/// The decision the curated layer holds for `item`; `events` are the curated layer's
/// ([`CuratedEvents::of`]).
pub fn decision(
    item: &Item,
    sources: &[&Layer],
    curated: &Layer,
    keys: &Keys,
    events: &CuratedEvents,
) -> Decision {
    let (vspans, vevents) = version_keys(item, sources);
    if item.is_event {
        let here: BTreeSet<EventKey> = events.at(item.range).cloned().collect();
        let mine: BTreeSet<EventKey> = here
            .iter()
            .filter(|k| vevents.iter().any(|v| v.contains(*k)))
            .cloned()
            .collect();
        if let Some(n) = vevents.iter().position(|v| !v.is_empty() && *v == mine) {
            return Decision::Accepted(n);
        }
        if here.iter().any(|k| !keys.events.contains(k)) || !mine.is_empty() {
            return Decision::Edited;
        }
        // A rejected event leaves its triggers in as rejected spans.
        let rejected_trigger = curated.overlapping(item.range).any(|s| {
            s.status == SpanStatus::Rejected
                && s.kind == SpanKind::Trigger
                && vevents
                    .iter()
                    .flatten()
                    .any(|k| k.1 == (s.range.start, s.range.end))
        });
        return if rejected_trigger {
            Decision::Rejected
        } else {
            Decision::Open
        };
    }
    let all: BTreeSet<&SpanKey> = vspans.iter().flatten().collect();
    let mut accepted = BTreeSet::new();
    let mut rejected = false;
    let mut other = false;
    for s in curated.overlapping(item.range) {
        if !matches!(s.kind, SpanKind::Entity | SpanKind::Figure) {
            continue;
        }
        let k = span_key(s);
        match s.status {
            SpanStatus::Accepted if all.contains(&k) => {
                accepted.insert(k);
            }
            SpanStatus::Accepted if !keys.spans.contains(&k) => other = true,
            SpanStatus::Rejected if all.contains(&k) => rejected = true,
            _ => {}
        }
    }
    if let Some(n) = vspans.iter().position(|v| !v.is_empty() && *v == accepted) {
        return Decision::Accepted(n);
    }
    if !accepted.is_empty() || other {
        return Decision::Edited;
    }
    if rejected {
        // Choosing a layer that has nothing here rejects the others: that is its version.
        return match vspans.iter().position(BTreeSet::is_empty) {
            Some(n) => Decision::Accepted(n),
            None => Decision::Rejected,
        };
    }
    Decision::Open
}

fn range(r: (u32, u32)) -> crate::model::CharRange {
    crate::model::CharRange::new(r.0, r.1)
}

/// Allocates span and event ids in the curated layer for one batch.
struct Ids {
    span: u32,
    event: u32,
}

/// The curated spans by key, and what a batch has added or changed so far.
struct Plan<'a> {
    curated: &'a Layer,
    doc: usize,
    ids: Ids,
    edits: Vec<Edit>,
    /// Key → where the batch put it.
    placed: BTreeMap<SpanKey, Placed>,
}

/// Where a batch put a span key in the curated layer.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// The curated span id holding it.
    id: SpanId,
    /// Its status after the batch.
    status: SpanStatus,
    /// The batch's edit that adds or updates it, if one does.
    edit: Option<usize>,
}

impl<'a> Plan<'a> {
    fn new(curated: &'a Layer, doc: usize) -> Self {
        Plan {
            curated,
            doc,
            ids: Ids {
                span: curated.next_span,
                event: curated.next_event,
            },
            edits: Vec::new(),
            placed: BTreeMap::new(),
        }
    }

    /// Make the curated layer hold a copy of `src` with `status`; return its id there. A
    /// key the batch already placed keeps its id, and becomes accepted if any put accepts
    /// it (an agreement's versions: the others' put as rejected, then the one taken as
    /// accepted), by changing the batch's own edit rather than adding one.
    fn put(&mut self, src: &Span, status: SpanStatus) -> Option<SpanId> {
        let key = span_key(src);
        if let Some(p) = self.placed.get(&key).copied() {
            if p.status != status && status == SpanStatus::Accepted {
                let edit = self.set_status(p, status);
                self.placed.insert(key, Placed { status, edit, ..p });
            }
            return Some(p.id);
        }
        let existing = self
            .curated
            .overlapping(src.range)
            .find(|s| span_key(s) == key && s.kind == src.kind);
        let (id, edit) = match existing {
            Some(s) => {
                let mut edit = None;
                if s.status != status {
                    let mut n = s.clone();
                    n.status = status;
                    edit = Some(self.edits.len());
                    self.edits.push(Edit::UpdateSpan {
                        doc: self.doc,
                        span: n,
                    });
                }
                (s.id, edit)
            }
            None => {
                if self.ids.span == u32::MAX {
                    return None;
                }
                let id = SpanId(self.ids.span);
                self.ids.span += 1;
                let mut n = src.clone();
                n.id = id;
                n.status = status;
                let edit = Some(self.edits.len());
                self.edits.push(Edit::AddSpan {
                    doc: self.doc,
                    span: n,
                });
                (id, edit)
            }
        };
        self.placed.insert(key, Placed { id, status, edit });
        Some(id)
    }

    /// Give the span placed at `p` status `status`: in the batch's edit that adds or
    /// updates it, or in a new update of the layer's span. Returns the edit that now holds
    /// it.
    fn set_status(&mut self, p: Placed, status: SpanStatus) -> Option<usize> {
        if let Some(i) = p.edit
            && let Some(Edit::AddSpan { span, .. } | Edit::UpdateSpan { span, .. }) =
                self.edits.get_mut(i)
        {
            span.status = status;
            return Some(i);
        }
        let mut s = self.curated.span(p.id)?.clone();
        s.status = status;
        self.edits.push(Edit::UpdateSpan {
            doc: self.doc,
            span: s,
        });
        Some(self.edits.len() - 1)
    }
}

/// The edits that make the curated layer (document `doc`) hold version `n` of `item`: its
/// spans accepted and the other versions' rejected, or its event (the events of the other
/// versions removed). Empty when it already does. `None` when the layer ran out of ids.
pub fn accept(
    item: &Item,
    n: usize,
    sources: &[&Layer],
    curated: &Layer,
    doc: usize,
) -> Option<Vec<Edit>> {
    accept_many(&[(item, n)], sources, curated, doc)
}

/// `accept` for several items at once, as one list of edits (ids are handed out once, so
/// the edits go in one batch): accepting every agreement, say.
pub fn accept_many(
    choices: &[(&Item, usize)],
    sources: &[&Layer],
    curated: &Layer,
    doc: usize,
) -> Option<Vec<Edit>> {
    let mut plan = Plan::new(curated, doc);
    for (item, n) in choices {
        accept_into(&mut plan, item, *n, sources)?;
    }
    Some(plan.edits)
}

fn accept_into(plan: &mut Plan<'_>, item: &Item, n: usize, sources: &[&Layer]) -> Option<()> {
    let curated = plan.curated;
    let doc = plan.doc;
    // Taking the version of a layer that has nothing here rejects the others.
    if item.versions.get(n).is_some_and(|v| v.is_empty()) {
        return reject_into(plan, item, sources);
    }
    if item.is_event {
        let (_, vevents) = version_keys(item, sources);
        let all: BTreeSet<&EventKey> = vevents.iter().flatten().collect();
        let wanted = vevents.get(n).cloned().unwrap_or_default();
        // Remove curated events of other versions; keep those already right.
        let mut have = BTreeSet::new();
        for e in &curated.events {
            if let Some(k) = event_key(curated, e)
                && all.contains(&k)
            {
                if wanted.contains(&k) && !have.contains(&k) {
                    have.insert(k);
                } else {
                    plan.edits.push(Edit::RemoveEvent { doc, id: e.id });
                    // Its trigger, unless the accepted version has the same one, is no
                    // longer a trigger of the curated layer.
                    if !wanted.iter().any(|w| w.0 == k.0 && w.1 == k.1)
                        && let Some(t) = curated.span(e.trigger)
                    {
                        let t = t.clone();
                        plan.put(&t, SpanStatus::Rejected)?;
                    }
                }
            }
        }
        let (Some(v), Some(src)) = (item.versions.get(n), sources.get(n)) else {
            return Some(());
        };
        for eid in &v.events {
            let Some(e) = src.event(*eid) else { continue };
            if event_key(src, e).is_some_and(|k| have.contains(&k)) {
                continue;
            }
            let trigger = plan.put(src.span(e.trigger)?, SpanStatus::Accepted)?;
            let mut args = Vec::new();
            for (role, aid) in &e.args {
                if let Some(s) = src.span(*aid) {
                    args.push((role.clone(), plan.put(s, SpanStatus::Accepted)?));
                }
            }
            if plan.ids.event == u32::MAX {
                return None;
            }
            let id = crate::model::EventId(plan.ids.event);
            plan.ids.event += 1;
            plan.edits.push(Edit::AddEvent {
                doc,
                event: Event {
                    id,
                    event_type: e.event_type.clone(),
                    trigger,
                    args,
                    unsure: e.unsure,
                    note: e.note.clone(),
                },
            });
        }
        return Some(());
    }
    for (i, (v, src)) in item.versions.iter().zip(sources).enumerate() {
        if i == n {
            continue;
        }
        for id in &v.spans {
            if let Some(s) = src.span(*id) {
                plan.put(s, SpanStatus::Rejected)?;
            }
        }
    }
    if let (Some(v), Some(src)) = (item.versions.get(n), sources.get(n)) {
        for id in &v.spans {
            if let Some(s) = src.span(*id) {
                plan.put(s, SpanStatus::Accepted)?;
            }
        }
    }
    Some(())
}

/// The edits that reject every version of `item` in the curated layer: spans go in (or are
/// set) as rejected; events are removed and their triggers kept as rejected spans.
pub fn reject(item: &Item, sources: &[&Layer], curated: &Layer, doc: usize) -> Option<Vec<Edit>> {
    let mut plan = Plan::new(curated, doc);
    reject_into(&mut plan, item, sources)?;
    Some(plan.edits)
}

fn reject_into(plan: &mut Plan<'_>, item: &Item, sources: &[&Layer]) -> Option<()> {
    let curated = plan.curated;
    let doc = plan.doc;
    if item.is_event {
        let (_, vevents) = version_keys(item, sources);
        let all: BTreeSet<&EventKey> = vevents.iter().flatten().collect();
        let mut removed = BTreeSet::new();
        for e in &curated.events {
            if event_key(curated, e).is_some_and(|k| all.contains(&k)) {
                plan.edits.push(Edit::RemoveEvent { doc, id: e.id });
                removed.insert(e.id);
            }
        }
        for (v, src) in item.versions.iter().zip(sources) {
            for eid in &v.events {
                if let Some(t) = src.event(*eid).and_then(|e| src.span(e.trigger)) {
                    // A trigger another curated event still uses stays accepted.
                    let used = curated.overlapping(t.range).any(|c| {
                        span_key(c) == span_key(t)
                            && curated
                                .events_using(c.id)
                                .iter()
                                .any(|e| !removed.contains(e))
                    });
                    if !used {
                        plan.put(t, SpanStatus::Rejected)?;
                    }
                }
            }
        }
        return Some(());
    }
    for (v, src) in item.versions.iter().zip(sources) {
        for id in &v.spans {
            if let Some(s) = src.span(*id)
                && compared_span(s)
            {
                plan.put(s, SpanStatus::Rejected)?;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`decision`] with the curated layer's events read from it.
    fn decided(item: &Item, src: &[&Layer], curated: &Layer, keys: &Keys) -> Decision {
        decision(item, src, curated, keys, &CuratedEvents::of(curated))
    }
    use crate::edit::apply;
    use crate::model::{CharRange, DocMeta, DocStatus, Document, EventId, Project, SpanKind, Text};
    use crate::review::compare::{DiffKind, compare};

    fn span(id: u32, start: u32, end: u32, label: &str) -> Span {
        Span::new(
            SpanId(id),
            CharRange::new(start, end),
            SpanKind::Entity,
            label,
        )
    }

    fn layer(spans: Vec<Span>) -> Layer {
        Layer::from_parts(spans, Vec::new(), DocStatus::Done, 100, 1)
    }

    fn curated_project() -> Project {
        let mut p = Project::new("t", "curated");
        p.documents.push(Document {
            meta: DocMeta {
                id: "d".into(),
                ..DocMeta::default()
            },
            text: Text::new("张三在北京大学读书，李四在上海工作了三年。"),
            layer: Layer::new(),
        });
        p
    }

    fn run(p: &mut Project, edits: Option<Vec<Edit>>) -> Edit {
        apply(p, Edit::Batch(edits.expect("ids"))).expect("applies")
    }

    #[test]
    fn a_version_names_everyone_present_who_gave_it() {
        let a = layer(vec![span(1, 0, 2, "PER"), span(2, 3, 5, "LOC")]);
        let b = layer(vec![span(3, 0, 2, "PER"), span(4, 3, 5, "LOC")]);
        let c = layer(vec![span(5, 0, 2, "PER"), span(6, 3, 5, "ORG")]);
        let src = [&a, &b, &c];
        let items = compare(&src);
        let it = items
            .iter()
            .find(|i| i.range == CharRange::new(3, 5))
            .expect("the disagreement on 3..5");
        assert_eq!(same_version(it, &src, &[0, 1, 2], 0), vec![0, 1]);
        assert_eq!(same_version(it, &src, &[0, 1, 2], 1), vec![0, 1]);
        assert_eq!(same_version(it, &src, &[0, 1, 2], 2), vec![2]);
        // Who did not work on the document agrees with nobody.
        assert_eq!(same_version(it, &src, &[0, 2], 0), vec![0]);
    }

    /// Accepting agreements in one batch adds each span once, accepted (the versions put as
    /// rejected first are turned to accepted in the batch's own edit, not by another), and
    /// a span the curated layer already has rejected is updated once.
    #[test]
    fn accepting_agreements_adds_each_span_once_accepted() {
        let a = layer(vec![span(1, 0, 2, "PER"), span(2, 3, 7, "ORG")]);
        let b = layer(vec![span(5, 0, 2, "PER"), span(6, 3, 7, "ORG")]);
        let src = [&a, &b];
        let items = compare(&src);
        let mut p = curated_project();
        run(
            &mut p,
            Some(vec![Edit::AddSpan {
                doc: 0,
                span: Span {
                    status: SpanStatus::Rejected,
                    ..span(9, 3, 7, "ORG")
                },
            }]),
        );
        let choices: Vec<(&Item, usize)> = items.iter().map(|i| (i, 0)).collect();
        let edits = accept_many(&choices, &src, &p.documents[0].layer, 0).expect("ids");
        let kinds: Vec<(&str, u32, SpanStatus)> = edits
            .iter()
            .map(|e| match e {
                Edit::AddSpan { span, .. } => ("add", span.range.start, span.status),
                Edit::UpdateSpan { span, .. } => ("update", span.range.start, span.status),
                _ => ("other", 0, SpanStatus::Pending),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("add", 0, SpanStatus::Accepted),
                ("update", 3, SpanStatus::Accepted)
            ]
        );
        run(&mut p, Some(edits));
        let l = &p.documents[0].layer;
        assert_eq!(l.accepted().count(), 2);
        assert_eq!(l.spans().len(), 2);
    }

    #[test]
    fn accepting_a_version_puts_it_in_and_the_others_as_rejected_and_undo_takes_it_back() {
        let a = layer(vec![
            span(1, 0, 2, "PER"),
            span(2, 3, 7, "ORG"),
            span(3, 10, 12, "PER"),
        ]);
        let b = layer(vec![span(5, 0, 2, "PER"), span(6, 3, 5, "LOC")]);
        let src = [&a, &b];
        let items = compare(&src);
        let kinds: Vec<_> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DiffKind::Agree,
                DiffKind::LabelAndBoundary,
                DiffKind::Missing
            ]
        );
        let mut p = curated_project();
        let keys = Keys::of(&items, &src);
        let dec = |p: &Project, i: usize| decided(&items[i], &src, &p.documents[0].layer, &keys);
        assert_eq!(dec(&p, 1), Decision::Open);
        // Accept b's LOC [3,5) for the disagreement.
        let inverse = {
            let e = accept(&items[1], 1, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        let l = &p.documents[0].layer;
        let got: Vec<_> = l
            .spans()
            .iter()
            .map(|s| (s.range.start, s.range.end, s.label.as_str(), s.status))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, 5, "LOC", SpanStatus::Accepted),
                (3, 7, "ORG", SpanStatus::Rejected)
            ]
        );
        assert_eq!(dec(&p, 1), Decision::Accepted(1));
        assert_eq!(dec(&p, 0), Decision::Open);
        // Accepting the other version flips the statuses, adding nothing.
        {
            let e = accept(&items[1], 0, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        assert_eq!(p.documents[0].layer.spans().len(), 2);
        assert_eq!(dec(&p, 1), Decision::Accepted(0));
        // Choosing b (who has nothing) for the missing PER rejects alice's.
        {
            let e = accept(&items[2], 1, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        assert_eq!(dec(&p, 2), Decision::Accepted(1));
        assert_eq!(p.documents[0].layer.accepted().count(), 1);
        // Undo of the first accept (applied on a fresh project) empties the layer.
        let mut q = curated_project();
        let inv = {
            let e = accept(&items[1], 1, &src, &q.documents[0].layer, 0);
            run(&mut q, e)
        };
        apply(&mut q, inv).expect("undo");
        assert!(q.documents[0].layer.spans().is_empty());
        let _ = inverse;
    }

    #[test]
    fn rejecting_and_hand_edits_are_read_back_as_decisions() {
        let a = layer(vec![span(1, 0, 2, "PER")]);
        let b = layer(vec![span(1, 0, 3, "PER")]);
        let src = [&a, &b];
        let items = compare(&src);
        assert_eq!(items[0].kind, DiffKind::Boundary);
        let keys = Keys::of(&items, &src);
        let mut p = curated_project();
        {
            let e = reject(&items[0], &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        assert_eq!(
            decided(&items[0], &src, &p.documents[0].layer, &keys),
            Decision::Rejected
        );
        assert_eq!(p.documents[0].layer.accepted().count(), 0);
        // A reviewer's own span over it is an edit.
        let mut q = curated_project();
        run(
            &mut q,
            Some(vec![Edit::AddSpan {
                doc: 0,
                span: span(1, 0, 4, "PER"),
            }]),
        );
        assert_eq!(
            decided(&items[0], &src, &q.documents[0].layer, &keys),
            Decision::Edited
        );
    }

    fn event_layer(ty: &str, role: &str) -> Layer {
        let mut t = span(2, 3, 5, ty);
        t.kind = SpanKind::Trigger;
        let e = Event {
            id: EventId(1),
            event_type: ty.into(),
            trigger: SpanId(2),
            args: vec![(role.into(), SpanId(1))],
            unsure: false,
            note: None,
        };
        Layer::from_parts(
            vec![span(1, 0, 2, "PER"), t],
            vec![e],
            DocStatus::Done,
            100,
            2,
        )
    }

    #[test]
    fn taking_the_empty_version_of_a_missing_event_rejects_it() {
        let a = event_layer("会议", "主体");
        let b = layer(vec![span(1, 0, 2, "PER")]);
        let src = [&a, &b];
        let items = compare(&src);
        let ev = items.iter().position(|i| i.is_event).expect("event item");
        assert_eq!(items[ev].kind, DiffKind::Missing);
        let keys = Keys::of(&items, &src);
        let mut p = curated_project();
        {
            let e = accept(&items[ev], 1, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        let l = &p.documents[0].layer;
        assert!(l.events.is_empty());
        assert_eq!(decided(&items[ev], &src, l, &keys), Decision::Rejected);
    }

    #[test]
    fn accepting_an_event_copies_it_with_its_spans_and_another_replaces_it() {
        let a = event_layer("会议", "主体");
        let b = event_layer("发布", "主体");
        let src = [&a, &b];
        let items = compare(&src);
        let ev = items.iter().position(|i| i.is_event).expect("event item");
        assert_eq!(items[ev].kind, DiffKind::EventType);
        let keys = Keys::of(&items, &src);
        let mut p = curated_project();
        {
            let e = accept(&items[ev], 0, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        let l = &p.documents[0].layer;
        assert_eq!(l.events.len(), 1);
        assert_eq!(l.events[0].event_type, "会议");
        assert_eq!(decided(&items[ev], &src, l, &keys), Decision::Accepted(0));
        {
            let e = accept(&items[ev], 1, &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        let l = &p.documents[0].layer;
        assert_eq!(l.events.len(), 1);
        assert_eq!(l.events[0].event_type, "发布");
        assert_eq!(decided(&items[ev], &src, l, &keys), Decision::Accepted(1));
        // The old trigger (会议) is no longer accepted.
        let accepted_triggers: Vec<_> = l
            .accepted()
            .filter(|s| s.kind == SpanKind::Trigger)
            .map(|s| s.label.as_str())
            .collect();
        assert_eq!(accepted_triggers, vec!["发布"]);
        {
            let e = reject(&items[ev], &src, &p.documents[0].layer, 0);
            run(&mut p, e)
        };
        let l = &p.documents[0].layer;
        assert!(l.events.is_empty());
        assert_eq!(decided(&items[ev], &src, l, &keys), Decision::Rejected);
    }
}
