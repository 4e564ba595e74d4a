//! The one mapping between model values and their written form, shared by the project files
//! (`store::dto`) and the corpus (`format::corpus`): colours, hotkeys, ids, span kinds,
//! sources, statuses, qualifiers, ranges, events and the schema's uniqueness. Bad input is
//! refused the same way everywhere, with a message naming what is wrong, never replaced by
//! a default or dropped.

use crate::model::{
    CharRange, DocStatus, Event, EventId, Qualifier, Rgb, Schema, Source, SpanId, SpanKind,
    SpanStatus,
};

/// `#rrggbb` of label or event type `owner`.
pub fn color(owner: &str, s: &str) -> Result<Rgb, String> {
    Rgb::parse(s).ok_or_else(|| format!("label {owner}: colour {s:?} is not #rrggbb"))
}

/// A hotkey as written: one character.
pub fn hotkey_str(h: Option<char>) -> Option<String> {
    h.map(|c| c.to_string())
}

/// A hotkey from its written form: exactly one character.
pub fn hotkey(s: Option<&str>) -> Result<Option<char>, String> {
    match s {
        None => Ok(None),
        Some(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Some(c)),
                _ => Err(format!("hotkey {s:?} must be one character")),
            }
        }
    }
}

/// A span id `T<n>`.
pub fn span_id(s: &str) -> Result<SpanId, String> {
    SpanId::parse(s).ok_or_else(|| format!("span id {s:?} is not T<n>"))
}

/// An event id `E<n>`.
pub fn event_id(s: &str) -> Result<EventId, String> {
    s.strip_prefix('E')
        .and_then(|n| n.parse().ok())
        .map(EventId)
        .ok_or_else(|| format!("event id {s:?} is not E<n>"))
}

/// A span's range: start before end (the text's length is checked against the text).
pub fn span_range(id: &str, start: u32, end: u32) -> Result<CharRange, String> {
    if start >= end {
        return Err(format!("span {id} has start {start} not before end {end}"));
    }
    Ok(CharRange::new(start, end))
}

/// An event from its written parts (ids as `E<n>` and `T<n>`), sure and without a comment
/// (the caller sets `unsure` and `note` when its format carries them).
pub fn event(
    id: &str,
    event_type: String,
    trigger: &str,
    args: impl IntoIterator<Item = (String, String)>,
) -> Result<Event, String> {
    let bad = |what: &str| format!("event {id}: {what} is not a valid id");
    let eid = event_id(id).map_err(|_| bad("its id"))?;
    let trigger = SpanId::parse(trigger).ok_or_else(|| bad("trigger"))?;
    let mut out = Vec::new();
    for (role, a) in args {
        out.push((role, SpanId::parse(&a).ok_or_else(|| bad("an argument"))?));
    }
    Ok(Event {
        id: eid,
        event_type,
        trigger,
        args: out,
        unsure: false,
        note: None,
    })
}

/// A span kind's written name.
pub fn kind_str(k: SpanKind) -> &'static str {
    k.as_str()
}

/// A span kind from its written name.
pub fn kind(s: &str) -> Result<SpanKind, String> {
    [
        SpanKind::Entity,
        SpanKind::Figure,
        SpanKind::Trigger,
        SpanKind::Argument,
        SpanKind::Structure,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| format!("unknown span kind {s:?}"))
}

/// Where a span came from, as written.
pub fn source_str(s: Source) -> &'static str {
    match s {
        Source::Manual => "manual",
        Source::Suggested => "suggested",
        Source::Imported => "imported",
    }
}

/// Where a span came from, from its written name.
pub fn source(s: &str) -> Result<Source, String> {
    [Source::Manual, Source::Suggested, Source::Imported]
        .into_iter()
        .find(|x| source_str(*x) == s)
        .ok_or_else(|| format!("unknown span source {s:?}"))
}

/// A span's review status, as written.
pub fn status_str(s: SpanStatus) -> &'static str {
    match s {
        SpanStatus::Accepted => "accepted",
        SpanStatus::Pending => "pending",
        SpanStatus::Rejected => "rejected",
    }
}

/// A span's review status from its written name.
pub fn status(s: &str) -> Result<SpanStatus, String> {
    [
        SpanStatus::Accepted,
        SpanStatus::Pending,
        SpanStatus::Rejected,
    ]
    .into_iter()
    .find(|x| status_str(*x) == s)
    .ok_or_else(|| format!("unknown span status {s:?}"))
}

/// A document's status from its written name.
pub fn doc_status(s: &str) -> Result<DocStatus, String> {
    DocStatus::ALL
        .into_iter()
        .find(|x| x.as_str() == s)
        .ok_or_else(|| format!("unknown document status {s:?}"))
}

/// A figure qualifier from its written name (none when absent).
pub fn qualifier(s: Option<&str>) -> Result<Option<Qualifier>, String> {
    s.map(|q| Qualifier::parse(q).ok_or_else(|| format!("unknown qualifier {q:?}")))
        .transpose()
}

/// A schema read from a file: each label key once.
pub fn check_schema(s: &Schema) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for l in &s.labels {
        if !seen.insert(l.key.as_str()) {
            return Err(format!("label {} is defined twice", l.key));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_refused_by_name_never_defaulted() {
        assert!(color("ORG", "grey").unwrap_err().contains("ORG"));
        assert_eq!(color("ORG", "#0a0B0c"), Ok(Rgb(10, 11, 12)));
        assert!(hotkey(Some("ab")).is_err());
        assert_eq!(hotkey(Some("中")), Ok(Some('中')));
        assert!(qualifier(Some("about")).is_err());
        assert_eq!(qualifier(None), Ok(None));
        assert!(source("typed").is_err());
        assert!(status("maybe").is_err());
        assert!(kind("thing").is_err());
        assert!(span_range("T1", 3, 3).is_err());
        assert!(event_id("X1").is_err());
        assert!(event("E1", "会议".into(), "T1", [("主体".into(), "Q2".into())]).is_err());
        for k in [SpanKind::Entity, SpanKind::Trigger, SpanKind::Structure] {
            assert_eq!(kind(kind_str(k)), Ok(k));
        }
        for s in [Source::Manual, Source::Suggested, Source::Imported] {
            assert_eq!(source(source_str(s)), Ok(s));
        }
    }
}
