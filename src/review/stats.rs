//! Project statistics over every layer: spans per label and events per type per annotator,
//! documents by status per annotator and by review status, and progress over time from the
//! activity log (edits per person per day, documents marked done per person per day).

use std::collections::BTreeMap;

use crate::model::{CURATED, LayeredProject, SpanStatus};

use super::ReviewStatus;

/// One logged change, as statistics need it (the store's log entry, without the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// `2026-11-30T17:40:00Z`.
    pub at: String,
    /// The person.
    pub who: String,
    /// What kind of change (`status` with `what` = `done` marks a document done).
    pub action: String,
    /// What changed.
    pub what: String,
}

/// One layer name's figures (an annotator, or `curated`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct LayerStats {
    /// Documents that have this layer.
    pub documents: usize,
    /// Accepted entity and figure spans per label (triggers and arguments are counted
    /// through `events_per_type`).
    pub spans_per_label: BTreeMap<String, usize>,
    /// Pending suggestions.
    pub pending: usize,
    /// Events per type.
    pub events_per_type: BTreeMap<String, usize>,
    /// Documents per status (`new`, `in_progress`, `done`, `reviewed`).
    pub documents_per_status: BTreeMap<String, usize>,
}

/// One day's work of one person.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DayWork {
    /// Logged changes.
    pub edits: usize,
    /// Documents marked done (or reviewed).
    pub documents_done: usize,
}

/// Statistics of a project.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ProjectStats {
    /// Documents in the project.
    pub documents: usize,
    /// Per layer name (annotators and `curated`).
    pub per_annotator: BTreeMap<String, LayerStats>,
    /// Documents per review status (`unreviewed`, `in_review`, `reviewed`).
    pub review: BTreeMap<String, usize>,
    /// Day (`2026-11-30`) → person → work.
    pub progress: BTreeMap<String, BTreeMap<String, DayWork>>,
    /// Lines of the activity log that did not read (`log/bob.jsonl:7: …`), skipped; filled
    /// by whoever read the log.
    #[serde(skip)]
    pub log_problems: Vec<String>,
}

/// Compute the statistics of `p` with its activity `log`.
pub fn stats(p: &LayeredProject, log: &[LogLine]) -> ProjectStats {
    let mut out = ProjectStats {
        documents: p.docs.len(),
        ..ProjectStats::default()
    };
    for s in ReviewStatus::ALL {
        out.review.insert(s.as_str().into(), 0);
    }
    for d in &p.docs {
        *out.review
            .entry(ReviewStatus::of(d.layer(CURATED)).as_str().into())
            .or_default() += 1;
        for (name, layer) in &d.layers {
            let st = out.per_annotator.entry(name.clone()).or_default();
            st.documents += 1;
            *st.documents_per_status
                .entry(layer.status.as_str().into())
                .or_default() += 1;
            for s in layer.spans() {
                match s.status {
                    SpanStatus::Accepted
                        if matches!(
                            s.kind,
                            crate::model::SpanKind::Entity | crate::model::SpanKind::Figure
                        ) =>
                    {
                        *st.spans_per_label.entry(s.label.clone()).or_default() += 1;
                    }
                    SpanStatus::Pending => st.pending += 1,
                    _ => {}
                }
            }
            for e in &layer.events {
                *st.events_per_type.entry(e.event_type.clone()).or_default() += 1;
            }
        }
    }
    for l in log {
        let day = l.at.get(..10).unwrap_or(&l.at).to_string();
        let w = out
            .progress
            .entry(day)
            .or_default()
            .entry(l.who.clone())
            .or_default();
        w.edits += 1;
        if l.action == "status" && (l.what == "done" || l.what == "reviewed") {
            w.documents_done += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CharRange, DocMeta, DocStatus, Layer, LayeredDoc, Schema, Span, SpanId, SpanKind, Text,
    };

    fn doc(id: &str, layers: Vec<(&str, Layer)>) -> LayeredDoc {
        LayeredDoc {
            meta: DocMeta {
                id: id.into(),
                ..DocMeta::default()
            },
            text: Text::new("张三在北京。"),
            layers: layers
                .into_iter()
                .map(|(n, l)| (n.to_string(), l))
                .collect(),
        }
    }

    fn layer(status: DocStatus, labels: &[&str]) -> Layer {
        let spans = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Span::new(
                    SpanId(i as u32 + 1),
                    CharRange::new(i as u32, i as u32 + 1),
                    SpanKind::Entity,
                    *l,
                )
            })
            .collect();
        Layer::from_parts(spans, Vec::new(), status, 50, 1)
    }

    #[test]
    fn counts_per_annotator_review_status_and_days() {
        let p = LayeredProject {
            name: "t".into(),
            schema: Schema::default_bulletin(),
            docs: vec![
                doc(
                    "a",
                    vec![
                        ("alice", layer(DocStatus::Done, &["PER", "LOC"])),
                        ("bob", layer(DocStatus::InProgress, &["PER"])),
                        (CURATED, layer(DocStatus::Done, &["PER"])),
                    ],
                ),
                doc("b", vec![("alice", layer(DocStatus::Done, &["ORG"]))]),
            ],
        };
        let log = [
            ("2026-11-29T09:00:00Z", "alice", "add", "PER"),
            ("2026-11-29T09:05:00Z", "alice", "status", "done"),
            ("2026-11-30T10:00:00Z", "alice", "add", "ORG"),
            ("2026-11-30T11:00:00Z", "bob", "add", "PER"),
        ]
        .map(|(at, who, action, what)| LogLine {
            at: at.into(),
            who: who.into(),
            action: action.into(),
            what: what.into(),
        });
        let s = stats(&p, &log);
        assert_eq!(s.documents, 2);
        let alice = &s.per_annotator["alice"];
        assert_eq!(alice.documents, 2);
        assert_eq!(alice.spans_per_label["PER"], 1);
        assert_eq!(alice.spans_per_label["ORG"], 1);
        assert_eq!(alice.documents_per_status["done"], 2);
        assert_eq!(
            s.per_annotator["bob"].documents_per_status["in_progress"],
            1
        );
        assert_eq!(s.review["reviewed"], 1);
        assert_eq!(s.review["unreviewed"], 1);
        assert_eq!(s.review["in_review"], 0);
        assert_eq!(s.progress["2026-11-29"]["alice"].edits, 2);
        assert_eq!(s.progress["2026-11-29"]["alice"].documents_done, 1);
        assert_eq!(s.progress["2026-11-30"]["bob"].edits, 1);
    }
}
