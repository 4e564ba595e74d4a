//! Checks that a document's layer fits its text and the schema.

use std::collections::HashSet;

use super::{Document, LabelClass, Schema, SpanKind};
use crate::i18n::{Lang, Said};
use crate::said;

/// What an export that writes only accepted spans (pending ones too with
/// `include_pending`) leaves out of the document's events, one line each, so that nothing
/// goes missing without a word: a whole event whose trigger is not written, or an argument.
/// An event whose trigger is a pending suggestion is a suggestion itself: left out without a
/// word, as pending spans are.
pub fn left_out_of_events(doc: &Document, include_pending: bool) -> Vec<Said> {
    use super::SpanStatus;
    let written = |id| {
        doc.layer.span(id).is_some_and(|s| {
            s.status == SpanStatus::Accepted || (include_pending && s.status == SpanStatus::Pending)
        })
    };
    let status = |id| match doc.layer.span(id).map(|s| s.status) {
        Some(SpanStatus::Pending) => said!("待审的建议", "a pending suggestion"),
        Some(SpanStatus::Rejected) => said!("已拒绝的建议", "a rejected suggestion"),
        Some(SpanStatus::Accepted) => said!("已接受", "accepted"),
        None => said!("不存在", "missing"),
    };
    let mut out = Vec::new();
    let id = &doc.meta.id;
    for e in &doc.layer.events {
        let (event, ty, trigger) = (e.id, &e.event_type, e.trigger);
        // An event over a pending trigger is a suggestion, left out as pending spans are.
        if doc
            .layer
            .span(trigger)
            .is_some_and(|t| t.status == SpanStatus::Pending)
            && !include_pending
        {
            continue;
        }
        if !written(trigger) {
            let st = status(trigger);
            out.push(said!(
                "{id}：事件 {event}（{ty}）：触发词 {trigger} 是{st}；该事件未导出",
                "{id}: event {event} ({ty}): its trigger {trigger} is {st}; event left out";
                st
            ));
            continue;
        }
        for (role, a) in &e.args {
            if !written(*a) {
                let st = status(*a);
                out.push(said!(
                    "{id}：事件 {event}（{ty}）：论元 {role} = {a} 是{st}；未导出",
                    "{id}: event {event} ({ty}): argument {role} = {a} is {st}; left out";
                    st
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
    /// What is wrong, in both languages (`check` prints the English).
    pub message: Said,
    /// What is wrong with an event, as data, for a message in the UI's language.
    pub issue: Option<EventIssue>,
}

/// What can be wrong with an event (the window words each in its language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventIssue {
    /// Its trigger span does not exist.
    NoTrigger(String),
    /// An argument span does not exist: (role, span id).
    NoArgument(String, String),
    /// Its type is not in the schema.
    UnknownType(String),
    /// Its trigger is not a trigger of its type: (trigger id, kind, label, type).
    WrongTrigger(String, String, String, String),
    /// A role its type does not have: (role, type).
    UnknownRole(String, String),
    /// An argument of a label the role does not accept: (span id, role, label, accepted).
    NotAccepted(String, String, String, String),
    /// A trigger (role `None`) or an argument that is a pending or rejected suggestion:
    /// (role, span id, pending).
    NotAcceptedYet(Option<String>, String, bool),
    /// A required role is empty.
    MissingRole(String),
    /// A role that does not repeat is filled `n` times.
    RepeatedRole(String, usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(i) => write!(f, "{}: {}: {}", self.doc, i, self.message.en),
            None => write!(f, "{}: {}", self.doc, self.message.en),
        }
    }
}

impl Problem {
    /// The whole line in both languages: document, item and what is wrong.
    pub fn said(&self) -> Said {
        let place = match &self.item {
            Some(i) => format!("{}:{i}", self.doc),
            None => self.doc.clone(),
        };
        self.message.at(&place)
    }
}

impl EventIssue {
    /// The problem in Chinese (the English is the problem's own message).
    pub fn zh(&self) -> String {
        use EventIssue as I;
        match self {
            I::NoTrigger(t) => format!("触发词 {t} 不存在"),
            I::NoArgument(role, a) => format!("角色 {role} 的论元 {a} 不存在"),
            I::UnknownType(t) => format!("事件类型 {t} 不在标签体系中"),
            I::WrongTrigger(t, kind, label, ty) => {
                format!("触发词 {t} 是 {kind} {label}，不是 {ty} 的触发词")
            }
            I::UnknownRole(role, ty) => format!("{ty} 没有角色 {role}"),
            I::NotAccepted(a, role, label, accepts) => {
                format!("角色 {role} 的论元 {a} 是 {label}，该角色只接受 {accepts}")
            }
            I::NotAcceptedYet(role, id, pending) => {
                let what = match role {
                    None => format!("触发词 {id}"),
                    Some(r) => format!("角色 {r} 的论元 {id}"),
                };
                let state = if *pending { "待审" } else { "已拒绝" };
                format!("{what} 是{state}的建议：请接受它，否则导出时会略去")
            }
            I::MissingRole(r) => format!("必填角色 {r} 未填"),
            I::RepeatedRole(r, n) => format!("角色 {r} 填了 {n} 次（只能填一次）"),
        }
    }
}

/// `p(item, message)` adds a problem of `doc` to `out`.
fn reporter<'a>(
    doc: &'a Document,
    out: &'a mut Vec<Problem>,
) -> impl FnMut(Option<String>, Said) + 'a {
    move |item, message| {
        out.push(Problem {
            doc: doc.meta.id.clone(),
            item,
            message,
            issue: None,
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
            p(item.clone(), said!("标注编号重复", "duplicate span id"));
        }
        if s.range.end > len {
            p(
                item.clone(),
                said!(
                    "偏移 {} 超出文本的结尾（共 {len} 字）",
                    "offsets {} are past the end of the text ({len} chars)",
                    s.range
                ),
            );
        } else if s.range.is_empty() {
            p(
                item.clone(),
                said!("{} 处的标注是空的", "empty span at {}", s.range),
            );
        }
        match s.kind {
            SpanKind::Entity | SpanKind::Figure => match schema.label(&s.label) {
                None => p(
                    item.clone(),
                    said!(
                        "标签 {:?} 不在标签体系中",
                        "label {:?} is not in the schema",
                        s.label
                    ),
                ),
                Some(l) => {
                    if l.span_kind() != s.kind {
                        p(
                            item.clone(),
                            said!(
                                "标签 {:?} 是 {} 标签，但标注是 {}",
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
                            said!(
                                "数值种类 {} 与标签 {} 不符",
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
                        said!(
                            "事件类型 {:?} 不在标签体系中",
                            "event type {:?} is not in the schema",
                            s.label
                        ),
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
/// trigger's kind and label, accepted argument labels, required and repeated roles. Events
/// whose trigger is a pending suggestion are not judged until it is accepted.
pub fn validate_events(doc: &Document, schema: &Schema) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut p = |item: Option<String>, message: String, issue: EventIssue| {
        out.push(Problem {
            doc: doc.meta.id.clone(),
            item,
            message: Said {
                zh: issue.zh(),
                en: message,
            },
            issue: Some(issue),
        })
    };
    for e in &doc.layer.events {
        // An event whose trigger is a pending suggestion is a suggestion itself (Suggest
        // proposes a trigger with its event): like a pending span, it is judged once it is
        // accepted, and rejecting its trigger removes it.
        if doc
            .layer
            .span(e.trigger)
            .is_some_and(|t| t.status == super::SpanStatus::Pending)
        {
            continue;
        }
        let item = Some(e.id.to_string());
        if doc.layer.span(e.trigger).is_none() {
            p(
                item.clone(),
                format!("trigger {} does not exist", e.trigger),
                EventIssue::NoTrigger(e.trigger.to_string()),
            );
        }
        for (role, a) in &e.args {
            if doc.layer.span(*a).is_none() {
                p(
                    item.clone(),
                    format!("argument {a} of role {role} does not exist"),
                    EventIssue::NoArgument(role.clone(), a.to_string()),
                );
            }
        }
        let Some(ty) = schema.events.iter().find(|t| t.key == e.event_type) else {
            p(
                item.clone(),
                format!("event type {:?} is not in the schema", e.event_type),
                EventIssue::UnknownType(e.event_type.clone()),
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
                EventIssue::WrongTrigger(
                    e.trigger.to_string(),
                    t.kind.as_str().to_string(),
                    t.label.clone(),
                    e.event_type.clone(),
                ),
            );
        }
        // A role in English: its English name, with the name its arguments are stored under.
        let en = |role: &str| match ty.roles.iter().find(|r| r.name == role) {
            Some(r) if r.shown(Lang::En) != r.name => format!("{} ({role})", r.shown(Lang::En)),
            _ => role.to_string(),
        };
        for (role, a) in &e.args {
            let Some(r) = ty.roles.iter().find(|r| &r.name == role) else {
                p(
                    item.clone(),
                    format!("role {role:?} is not a role of {:?}", e.event_type),
                    EventIssue::UnknownRole(role.clone(), e.event_type.clone()),
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
                        "argument {a} of role {} is {:?}, which the role does not accept ({})",
                        en(role),
                        span.label,
                        r.accepts.join(" ")
                    ),
                    EventIssue::NotAccepted(
                        a.to_string(),
                        role.clone(),
                        span.label.clone(),
                        r.accepts.join(" "),
                    ),
                );
            }
        }
        // A trigger or argument that is not accepted is left out of every export.
        for (role, id) in std::iter::once((None, e.trigger))
            .chain(e.args.iter().map(|(role, a)| (Some(role.clone()), *a)))
        {
            let what = match &role {
                None => "trigger".to_string(),
                Some(r) => format!("argument {}", en(r)),
            };
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
                    EventIssue::NotAcceptedYet(
                        role.clone(),
                        id.to_string(),
                        sp.status == super::SpanStatus::Pending,
                    ),
                );
            }
        }
        for r in &ty.roles {
            let n = e.args.iter().filter(|(role, _)| *role == r.name).count();
            if r.required && n == 0 {
                p(
                    item.clone(),
                    format!("required role {} is missing", en(&r.name)),
                    EventIssue::MissingRole(r.name.clone()),
                );
            }
            if !r.repeat && n > 1 {
                p(
                    item.clone(),
                    format!("role {} is filled {n} times", en(&r.name)),
                    EventIssue::RepeatedRole(r.name.clone(), n),
                );
            }
        }
    }
    out
}
