//! Where annotators' layers of one document agree and where they differ.
//!
//! Spans (entities and figures, accepted only) are compared by (start, end, label); events by
//! their type, trigger range and arguments (role and range). What every layer has alike is an
//! agreement; the rest is grouped by overlap into disagreements and classified as a user reads
//! them: same range with another label, same label with other boundaries, both, or missing
//! from some layers; for events, another type, other trigger boundaries or other arguments.
//! Triggers and bare argument spans are compared through their events, not as spans.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    CharRange, DocStatus, Event, EventId, Layer, Span, SpanId, SpanKind, SpanStatus,
};

/// What kind of agreement or disagreement an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiffKind {
    /// Every layer has the same span (or event).
    Agree,
    /// Same range, another label.
    Label,
    /// Same label, other boundaries (spans), or other trigger boundaries (events).
    Boundary,
    /// Label and boundaries both differ.
    LabelAndBoundary,
    /// Some layers have nothing here.
    Missing,
    /// Events with the same trigger and another type.
    EventType,
    /// Events of the same type and trigger whose arguments or roles differ.
    EventArgs,
    /// Only one annotator's layer is compared in this document (the only one who annotated
    /// it, or the project has one annotator): a span or event nobody else checked, for the
    /// reviewer to confirm.
    Unconfirmed,
}

impl DiffKind {
    /// Every kind.
    pub const ALL: [DiffKind; 8] = [
        DiffKind::Agree,
        DiffKind::Label,
        DiffKind::Boundary,
        DiffKind::LabelAndBoundary,
        DiffKind::Missing,
        DiffKind::EventType,
        DiffKind::EventArgs,
        DiffKind::Unconfirmed,
    ];

    /// Lower-case name for JSON and tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            DiffKind::Agree => "agree",
            DiffKind::Label => "label",
            DiffKind::Boundary => "boundary",
            DiffKind::LabelAndBoundary => "label_and_boundary",
            DiffKind::Missing => "missing",
            DiffKind::EventType => "event_type",
            DiffKind::EventArgs => "event_args",
            DiffKind::Unconfirmed => "unconfirmed",
        }
    }
}

/// What one layer has at an item: span ids (a span item) or event ids (an event item). Empty
/// when the layer has nothing there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Version {
    /// Spans of this layer in the item (span items).
    pub spans: Vec<SpanId>,
    /// Events of this layer in the item (event items).
    pub events: Vec<EventId>,
}

impl Version {
    /// True when the layer has nothing at the item.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.events.is_empty()
    }
}

/// One agreement or disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: DiffKind,
    /// True for an event item (versions hold events), false for spans.
    pub is_event: bool,
    /// The chars it covers: the union of its spans' (or triggers') ranges.
    pub range: CharRange,
    /// One version per compared layer, in the order the layers were given.
    pub versions: Vec<Version>,
}

impl Item {
    /// True for anything that needs the reviewer's decision: anything but an agreement
    /// (an unconfirmed item included).
    pub fn is_disagreement(&self) -> bool {
        self.kind != DiffKind::Agree
    }
}

/// A span as compared: its range and label.
pub type SpanKey = (u32, u32, String);

/// The key of a span.
pub fn span_key(s: &Span) -> SpanKey {
    (s.range.start, s.range.end, s.label.clone())
}

/// An event as compared: type, trigger range, and (role, argument range) pairs sorted.
pub type EventKey = (String, (u32, u32), Vec<(String, (u32, u32))>);

/// The key of an event of `layer` (`None` when its trigger is missing from the layer).
pub fn event_key(layer: &Layer, e: &Event) -> Option<EventKey> {
    let t = layer.span(e.trigger)?;
    let mut args: Vec<(String, (u32, u32))> = e
        .args
        .iter()
        .filter_map(|(role, id)| {
            layer
                .span(*id)
                .map(|s| (role.clone(), (s.range.start, s.range.end)))
        })
        .collect();
    args.sort();
    Some((e.event_type.clone(), (t.range.start, t.range.end), args))
}

/// Whether a span takes part in span comparison: an accepted entity or figure.
pub fn compared_span(s: &Span) -> bool {
    s.status == SpanStatus::Accepted && matches!(s.kind, SpanKind::Entity | SpanKind::Figure)
}

/// Whether a layer holds an annotator's work to review: a compared span, an event, or a
/// status of done or reviewed (a layer marked done with nothing in it says the document
/// has nothing to tag). A layer left new or in progress with nothing in it (a name that
/// opened the document, or tagged and undid) is not compared: its "nothing" is not a
/// judgement, and compared it would turn every other annotator's span into a disagreement.
pub fn has_work(layer: &Layer) -> bool {
    matches!(layer.status, DocStatus::Done | DocStatus::Reviewed)
        || !layer.events.is_empty()
        || layer.spans().iter().any(compared_span)
}

/// Compare layers of one document: every agreement and disagreement, sorted by position
/// (span items before event items at the same start).
pub fn compare(layers: &[&Layer]) -> Vec<Item> {
    let mut items = compare_spans(layers);
    items.extend(compare_events(layers));
    items.sort_by_key(|i| (i.range.start, i.is_event, i.range.end));
    items
}

/// The items of one layer compared with no other: each of its spans and events, as
/// [`DiffKind::Unconfirmed`] (what a reviewer confirms when one person annotated a document).
pub fn unconfirmed(layer: &Layer) -> Vec<Item> {
    let mut items = compare(&[layer]);
    for it in &mut items {
        it.kind = DiffKind::Unconfirmed;
    }
    items
}

/// One thing of one layer that takes part: which layer, its range, its key and its id.
struct Part<K, Id> {
    layer: usize,
    range: CharRange,
    key: K,
    id: Id,
}

fn compare_spans(layers: &[&Layer]) -> Vec<Item> {
    let entries = layers.iter().enumerate().flat_map(|(li, l)| {
        l.spans()
            .iter()
            .filter(|s| compared_span(s))
            .map(move |s| (li, span_key(s), s.id))
    });
    compare_keyed(
        layers.len(),
        entries,
        false,
        |k| CharRange::new(k.0, k.1),
        |v, id| v.spans.push(id),
        |parts| {
            let ranges: BTreeSet<(u32, u32)> = parts.iter().map(|p| (p.key.0, p.key.1)).collect();
            let labels: BTreeSet<&str> = parts.iter().map(|p| p.key.2.as_str()).collect();
            if ranges.len() == 1 {
                DiffKind::Label
            } else if labels.len() == 1 {
                DiffKind::Boundary
            } else {
                DiffKind::LabelAndBoundary
            }
        },
    )
}

fn compare_events(layers: &[&Layer]) -> Vec<Item> {
    let entries = layers.iter().enumerate().flat_map(|(li, l)| {
        l.events
            .iter()
            .filter_map(move |e| event_key(l, e).map(|k| (li, k, e.id)))
    });
    compare_keyed(
        layers.len(),
        entries,
        true,
        |k| CharRange::new(k.1.0, k.1.1),
        |v, id| v.events.push(id),
        |parts| {
            let types: BTreeSet<&str> = parts.iter().map(|p| p.key.0.as_str()).collect();
            let triggers: BTreeSet<(u32, u32)> = parts.iter().map(|p| p.key.1).collect();
            if types.len() > 1 {
                DiffKind::EventType
            } else if triggers.len() > 1 {
                DiffKind::Boundary
            } else {
                DiffKind::EventArgs
            }
        },
    )
}

/// What spans and events share: things every layer has with the same key are agreements;
/// the rest are grouped by overlap, and a group is `Missing` when some layer has nothing in
/// it, else what `classify` says.
fn compare_keyed<K: Ord + Clone, Id: Copy>(
    n: usize,
    entries: impl Iterator<Item = (usize, K, Id)>,
    is_event: bool,
    range_of: fn(&K) -> CharRange,
    put: fn(&mut Version, Id),
    classify: fn(&[Part<K, Id>]) -> DiffKind,
) -> Vec<Item> {
    // Key → per layer, the things with that key.
    let mut by_key: BTreeMap<K, Vec<Vec<Id>>> = BTreeMap::new();
    for (li, key, id) in entries {
        by_key.entry(key).or_insert_with(|| vec![Vec::new(); n])[li].push(id);
    }
    let mut items = Vec::new();
    let mut rest = Vec::new();
    for (key, per_layer) in by_key {
        let range = range_of(&key);
        if per_layer.iter().all(|v| !v.is_empty()) {
            let mut versions = vec![Version::default(); n];
            for (v, ids) in versions.iter_mut().zip(per_layer) {
                for id in ids {
                    put(v, id);
                }
            }
            items.push(Item {
                kind: DiffKind::Agree,
                is_event,
                range,
                versions,
            });
        } else {
            for (li, ids) in per_layer.into_iter().enumerate() {
                for id in ids {
                    rest.push(Part {
                        layer: li,
                        range,
                        key: key.clone(),
                        id,
                    });
                }
            }
        }
    }
    for cluster in clusters(rest) {
        let mut versions = vec![Version::default(); n];
        for p in &cluster {
            put(&mut versions[p.layer], p.id);
        }
        let kind = if versions.iter().any(Version::is_empty) {
            DiffKind::Missing
        } else {
            classify(&cluster)
        };
        items.push(Item {
            kind,
            is_event,
            range: union(&cluster),
            versions,
        });
    }
    items
}

/// Group parts whose ranges overlap (transitively) into clusters, in order of position.
fn clusters<K, Id>(mut parts: Vec<Part<K, Id>>) -> Vec<Vec<Part<K, Id>>> {
    parts.sort_by_key(|p| (p.range.start, p.range.end, p.layer));
    let mut out: Vec<Vec<Part<K, Id>>> = Vec::new();
    let mut end = 0u32;
    for p in parts {
        match out.last_mut() {
            // An empty range overlaps nothing; it still joins a cluster it sits inside.
            Some(c) if p.range.start < end => {
                end = end.max(p.range.end);
                c.push(p);
            }
            _ => {
                end = p.range.end;
                out.push(vec![p]);
            }
        }
    }
    out
}

fn union<K, Id>(parts: &[Part<K, Id>]) -> CharRange {
    let start = parts.iter().map(|p| p.range.start).min().unwrap_or(0);
    let end = parts.iter().map(|p| p.range.end).max().unwrap_or(start);
    CharRange::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocStatus;

    pub(crate) fn span(id: u32, start: u32, end: u32, label: &str) -> Span {
        let kind = if label == "DATE" {
            SpanKind::Figure
        } else {
            SpanKind::Entity
        };
        Span::new(SpanId(id), CharRange::new(start, end), kind, label)
    }

    fn layer(spans: Vec<Span>) -> Layer {
        Layer::from_parts(spans, Vec::new(), DocStatus::Done, 100, 1)
    }

    #[test]
    fn agreements_and_the_three_kinds_of_span_disagreement() {
        // Both: PER [0,2). Label: [4,6) ORG vs LOC. Boundary: LOC [10,13) vs [10,14).
        // Missing: only alice has DATE [20,25).
        let a = layer(vec![
            span(1, 0, 2, "PER"),
            span(2, 4, 6, "ORG"),
            span(3, 10, 13, "LOC"),
            span(4, 20, 25, "DATE"),
        ]);
        let b = layer(vec![
            span(7, 0, 2, "PER"),
            span(8, 4, 6, "LOC"),
            span(9, 10, 14, "LOC"),
        ]);
        let items = compare(&[&a, &b]);
        let kinds: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.range.start, i.range.end))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (DiffKind::Agree, 0, 2),
                (DiffKind::Label, 4, 6),
                (DiffKind::Boundary, 10, 14),
                (DiffKind::Missing, 20, 25),
            ]
        );
        assert_eq!(items[1].versions[0].spans, vec![SpanId(2)]);
        assert_eq!(items[1].versions[1].spans, vec![SpanId(8)]);
        assert!(items[3].versions[1].is_empty());
    }

    #[test]
    fn a_nested_span_one_side_lacks_does_not_spoil_the_inner_agreement() {
        let a = layer(vec![span(1, 0, 6, "ORG"), span(2, 0, 2, "LOC")]);
        let b = layer(vec![span(1, 0, 2, "LOC")]);
        let items = compare(&[&a, &b]);
        let kinds: Vec<_> = items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, vec![DiffKind::Agree, DiffKind::Missing]);
        assert_eq!(items[1].range, CharRange::new(0, 6));
    }

    #[test]
    fn three_layers_two_alike_is_missing_from_the_third() {
        let a = layer(vec![span(1, 3, 5, "PER")]);
        let b = layer(vec![span(1, 3, 5, "PER")]);
        let c = layer(vec![]);
        let items = compare(&[&a, &b, &c]);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].kind, DiffKind::Missing);
        assert!(items[0].versions[2].is_empty());
        assert_eq!(items[0].versions[1].spans, vec![SpanId(1)]);
    }

    #[test]
    fn pending_rejected_and_structure_spans_are_not_compared() {
        let mut p = span(1, 0, 2, "PER");
        p.status = SpanStatus::Pending;
        let mut s = span(2, 0, 9, "HEADLINE");
        s.kind = SpanKind::Structure;
        let a = layer(vec![p, s]);
        let b = layer(vec![]);
        assert!(compare(&[&a, &b]).is_empty());
    }

    fn with_event(mut spans: Vec<Span>, ty: &str, trigger: u32, args: &[(&str, u32)]) -> Layer {
        for s in &mut spans {
            if s.id.0 == trigger {
                s.kind = SpanKind::Trigger;
            }
        }
        let e = Event {
            id: EventId(1),
            event_type: ty.into(),
            trigger: SpanId(trigger),
            args: args
                .iter()
                .map(|(r, i)| ((*r).into(), SpanId(*i)))
                .collect(),
            unsure: false,
            note: None,
        };
        Layer::from_parts(spans, vec![e], DocStatus::Done, 100, 2)
    }

    #[test]
    fn events_differ_by_type_by_arguments_or_are_missing() {
        let base = || vec![span(1, 0, 2, "PER"), span(2, 3, 5, "会议")];
        let a = with_event(base(), "会议", 2, &[("主体", 1)]);
        let same = with_event(base(), "会议", 2, &[("主体", 1)]);
        let other_type = with_event(base(), "发布", 2, &[("主体", 1)]);
        let other_role = with_event(base(), "会议", 2, &[("对象", 1)]);
        let none = layer(base());
        let kinds = |b: &Layer| -> Vec<DiffKind> {
            compare(&[&a, b])
                .into_iter()
                .filter(|i| i.is_event)
                .map(|i| i.kind)
                .collect()
        };
        assert_eq!(kinds(&same), vec![DiffKind::Agree]);
        assert_eq!(kinds(&other_type), vec![DiffKind::EventType]);
        assert_eq!(kinds(&other_role), vec![DiffKind::EventArgs]);
        assert_eq!(kinds(&none), vec![DiffKind::Missing]);
    }
}
