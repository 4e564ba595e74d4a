//! Checks that a document's layer fits its text and the schema.

use std::collections::HashSet;

use super::{Document, LabelClass, Schema, SpanKind};

/// What an export that writes only accepted spans (pending ones too with
/// `include_pending`) leaves out of the document's events, one line each, so that nothing
/// goes missing without a word: a whole event whose trigger is not written, or an argument.
pub fn left_out_of_events(doc: &Document, include_pending: bool) -> Vec<String> {
    use super::SpanStatus;
    let written = |id| {
        doc.layer.span(id).is_some_and(|s| {
            s.status == SpanStatus::Accepted || (include_pending && s.status == SpanStatus::Pending)
        })
    };
    let status = |id| match doc.layer.span(id).map(|s| s.status) {
        Some(SpanStatus::Pending) => "a pending suggestion",
        Some(SpanStatus::Rejected) => "a rejected suggestion",
        Some(SpanStatus::Accepted) => "accepted",
        None => "missing",
    };
    let mut out = Vec::new();
    for e in &doc.layer.events {
        if !written(e.trigger) {
            out.push(format!(
                "{}: event {} ({}): its trigger {} is {}; event left out",
                doc.meta.id,
                e.id,
                e.event_type,
                e.trigger,
                status(e.trigger)
            ));
            continue;
        }
        for (role, a) in &e.args {
            if !written(*a) {
                out.push(format!(
                    "{}: event {} ({}): argument {role} = {a} is {}; left out",
                    doc.meta.id,
                    e.id,
                    e.event_type,
                    status(*a)
                ));
            }
        }
    }
    out
}

/// One problem found by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Document id.
    pub doc: String,
    /// Span or event id, if the problem is about one.
    pub item: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(i) => write!(f, "{}: {}: {}", self.doc, i, self.message),
            None => write!(f, "{}: {}", self.doc, self.message),
        }
    }
}

/// `p(item, message)` adds a problem of `doc` to `out`.
fn reporter<'a>(
    doc: &'a Document,
    out: &'a mut Vec<Problem>,
) -> impl FnMut(Option<String>, String) + 'a {
    move |item, message| {
        out.push(Problem {
            doc: doc.meta.id.clone(),
            item,
            message,
        })
    }
}

/// Validate one document against a schema: offsets in range and non-empty, unique ids, known
/// labels of the right kind, figure values of the label's kind, events pointing at spans.
pub fn validate_document(doc: &Document, schema: &Schema) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut p = reporter(doc, &mut out);
    let len = doc.text.len_chars();
    let mut ids = HashSet::new();
    for s in doc.layer.spans() {
        let item = Some(s.id.to_string());
        if !ids.insert(s.id) {
            p(item.clone(), "duplicate span id".into());
        }
        if s.range.end > len {
            p(
                item.clone(),
                format!(
                    "offsets {} are past the end of the text ({len} chars)",
                    s.range
                ),
            );
        } else if s.range.is_empty() {
            p(item.clone(), format!("empty span at {}", s.range));
        }
        match s.kind {
            SpanKind::Entity | SpanKind::Figure => match schema.label(&s.label) {
                None => p(
                    item.clone(),
                    format!("label {:?} is not in the schema", s.label),
                ),
                Some(l) => {
                    if l.span_kind() != s.kind {
                        p(
                            item.clone(),
                            format!(
                                "label {:?} is a {} label but the span is a {}",
                                s.label,
                                l.span_kind().as_str(),
                                s.kind.as_str()
                            ),
                        );
                    }
                    if let (LabelClass::Figure(k), Some(v)) = (l.class, &s.value)
                        && v.kind != k
                    {
                        p(
                            item.clone(),
                            format!(
                                "value kind {} does not match label {}",
                                v.kind.as_str(),
                                s.label
                            ),
                        );
                    }
                }
            },
            SpanKind::Trigger => {
                if !schema.events.iter().any(|e| e.key == s.label) {
                    p(
                        item.clone(),
                        format!("event type {:?} is not in the schema", s.label),
                    );
                }
            }
            SpanKind::Argument | SpanKind::Structure => {}
        }
    }
    drop(p);
    out.extend(validate_events(doc, schema));
    out
}

/// The event part of [`validate_document`]: spans that exist, known types and roles, the
/// trigger's kind and label, accepted argument labels, required and repeated roles.
pub fn validate_events(doc: &Document, schema: &Schema) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut p = reporter(doc, &mut out);
    for e in &doc.layer.events {
        let item = Some(e.id.to_string());
        if doc.layer.span(e.trigger).is_none() {
            p(
                item.clone(),
                format!("trigger {} does not exist", e.trigger),
            );
        }
        for (role, a) in &e.args {
            if doc.layer.span(*a).is_none() {
                p(
                    item.clone(),
                    format!("argument {a} of role {role} does not exist"),
                );
            }
        }
        let Some(ty) = schema.events.iter().find(|t| t.key == e.event_type) else {
            p(
                item.clone(),
                format!("event type {:?} is not in the schema", e.event_type),
            );
            continue;
        };
        if let Some(t) = doc.layer.span(e.trigger)
            && (t.kind != SpanKind::Trigger || t.label != e.event_type)
        {
            p(
                item.clone(),
                format!(
                    "trigger {} is a {} {:?}, not a trigger of {:?}",
                    e.trigger,
                    t.kind.as_str(),
                    t.label,
                    e.event_type
                ),
            );
        }
        for (role, a) in &e.args {
            let Some(r) = ty.roles.iter().find(|r| &r.name == role) else {
                p(
                    item.clone(),
                    format!("role {role:?} is not a role of {:?}", e.event_type),
                );
                continue;
            };
            if let Some(span) = doc.layer.span(*a)
                && !r.accepts.is_empty()
                && !r.accepts.contains(&span.label)
            {
                p(
                    item.clone(),
                    format!(
                        "argument {a} of role {role} is {:?}, which the role does not accept ({})",
                        span.label,
                        r.accepts.join(" ")
                    ),
                );
            }
        }
        // A trigger or argument that is not accepted is left out of every export.
        for (what, id) in std::iter::once(("trigger".to_string(), e.trigger)).chain(
            e.args
                .iter()
                .map(|(role, a)| (format!("argument {role}"), *a)),
        ) {
            if let Some(sp) = doc.layer.span(id)
                && sp.status != super::SpanStatus::Accepted
            {
                p(
                    item.clone(),
                    format!(
                        "{what} {id} is a {} suggestion: accept it, or exports leave it out",
                        match sp.status {
                            super::SpanStatus::Pending => "pending",
                            _ => "rejected",
                        }
                    ),
                );
            }
        }
        for r in &ty.roles {
            let n = e.args.iter().filter(|(role, _)| *role == r.name).count();
            if r.required && n == 0 {
                p(item.clone(), format!("required role {} is missing", r.name));
            }
            if !r.repeat && n > 1 {
                p(item.clone(), format!("role {} is filled {n} times", r.name));
            }
        }
    }
    drop(p);
    out
}
