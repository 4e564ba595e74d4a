//! The one mapping between model values and their written form, shared by the project files
//! (`store::dto`) and the corpus (`format::corpus`): colours, hotkeys, ids, span kinds,
//! sources, statuses, qualifiers, ranges, events and the schema's uniqueness. Bad input is
//! refused the same way everywhere, with a message naming what is wrong, never replaced by
//! a default or dropped.

use crate::i18n::Said;
use crate::model::{
    CharRange, DocStatus, Event, EventId, OffsetError, Qualifier, Rgb, Schema, Source, SpanId,
    SpanKind, SpanStatus,
};
use crate::said;

/// `#rrggbb` of label or event type `owner`.
pub fn color(owner: &str, s: &str) -> Result<Rgb, Said> {
    Rgb::parse(s).ok_or_else(|| {
        said!(
            "标签 {owner}：颜色 {s:?} 不是 #rrggbb",
            "label {owner}: colour {s:?} is not #rrggbb"
        )
    })
}

/// A hotkey as written: one character.
pub fn hotkey_str(h: Option<char>) -> Option<String> {
    h.map(|c| c.to_string())
}

/// A hotkey from its written form: exactly one character.
pub fn hotkey(s: Option<&str>) -> Result<Option<char>, Said> {
    match s {
        None => Ok(None),
        Some(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Some(c)),
                _ => Err(said!(
                    "快捷键 {s:?} 必须是一个字符",
                    "hotkey {s:?} must be one character"
                )),
            }
        }
    }
}

/// A span id `T<n>`.
pub fn span_id(s: &str) -> Result<SpanId, Said> {
    SpanId::parse(s).ok_or_else(|| said!("标注编号 {s:?} 不是 T<n>", "span id {s:?} is not T<n>"))
}

/// An event id `E<n>`.
pub fn event_id(s: &str) -> Result<EventId, Said> {
    s.strip_prefix('E')
        .and_then(|n| n.parse().ok())
        .map(EventId)
        .ok_or_else(|| said!("事件编号 {s:?} 不是 E<n>", "event id {s:?} is not E<n>"))
}

/// A span's range: start before end (the text's length is checked against the text).
pub fn span_range(id: &str, start: u32, end: u32) -> Result<CharRange, Said> {
    if start >= end {
        return Err(said!(
            "标注 {id} 的起点 {start} 不在终点 {end} 之前",
            "span {id} has start {start} not before end {end}"
        ));
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
) -> Result<Event, Said> {
    let bad = |what: Said| said!("事件 {id}：{what}不是有效的编号", "event {id}: {what} is not a valid id"; what);
    let eid = event_id(id).map_err(|_| bad(said!("它的编号", "its id")))?;
    let trigger = SpanId::parse(trigger).ok_or_else(|| bad(said!("触发词", "trigger")))?;
    let mut out = Vec::new();
    for (role, a) in args {
        out.push((
            role,
            SpanId::parse(&a).ok_or_else(|| bad(said!("一个论元", "an argument")))?,
        ));
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
pub fn kind(s: &str) -> Result<SpanKind, Said> {
    [
        SpanKind::Entity,
        SpanKind::Figure,
        SpanKind::Trigger,
        SpanKind::Argument,
        SpanKind::Structure,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| said!("未知的标注种类 {s:?}", "unknown span kind {s:?}"))
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
pub fn source(s: &str) -> Result<Source, Said> {
    [Source::Manual, Source::Suggested, Source::Imported]
        .into_iter()
        .find(|x| source_str(*x) == s)
        .ok_or_else(|| said!("未知的标注来源 {s:?}", "unknown span source {s:?}"))
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
pub fn status(s: &str) -> Result<SpanStatus, Said> {
    [
        SpanStatus::Accepted,
        SpanStatus::Pending,
        SpanStatus::Rejected,
    ]
    .into_iter()
    .find(|x| status_str(*x) == s)
    .ok_or_else(|| said!("未知的标注状态 {s:?}", "unknown span status {s:?}"))
}

/// A document's status from its written name.
pub fn doc_status(s: &str) -> Result<DocStatus, Said> {
    DocStatus::ALL
        .into_iter()
        .find(|x| x.as_str() == s)
        .ok_or_else(|| said!("未知的文档状态 {s:?}", "unknown document status {s:?}"))
}

/// A figure qualifier from its written name (none when absent).
pub fn qualifier(s: Option<&str>) -> Result<Option<Qualifier>, Said> {
    s.map(|q| {
        Qualifier::parse(q).ok_or_else(|| said!("未知的数值限定 {q:?}", "unknown qualifier {q:?}"))
    })
    .transpose()
}

/// Why an offset does not fit a text, in both languages (the English is the error's own).
pub fn offset_error(e: &OffsetError) -> Said {
    let zh = match e {
        OffsetError::CharOutOfRange { offset, len } => {
            format!("字偏移 {offset} 超出了文本末尾（共 {len} 个字）")
        }
        OffsetError::NotCharBoundary(b) => format!("字节偏移 {b} 不在字的边界上"),
    };
    Said {
        zh,
        en: e.to_string(),
    }
}

/// A schema read from a file: each label key once.
pub fn check_schema(s: &Schema) -> Result<(), Said> {
    let mut seen = std::collections::HashSet::new();
    for l in &s.labels {
        if !seen.insert(l.key.as_str()) {
            let key = &l.key;
            return Err(said!(
                "标签 {key} 定义了两次",
                "label {key} is defined twice"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_refused_by_name_never_defaulted() {
        assert!(color("ORG", "grey").unwrap_err().en.contains("ORG"));
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

    #[test]
    fn refusals_are_worded_in_both_languages() {
        let e = color("ORG", "grey").unwrap_err();
        assert_eq!(e.zh, "标签 ORG：颜色 \"grey\" 不是 #rrggbb");
        assert_eq!(e.en, "label ORG: colour \"grey\" is not #rrggbb");
        let e = event("E1", "会议".into(), "T1", [("主体".into(), "Q2".into())]).unwrap_err();
        assert_eq!(e.zh, "事件 E1：一个论元不是有效的编号");
        assert_eq!(e.en, "event E1: an argument is not a valid id");
        assert_eq!(
            span_range("T1", 3, 3).unwrap_err().zh,
            "标注 T1 的起点 3 不在终点 3 之前"
        );
        assert_eq!(
            qualifier(Some("about")).unwrap_err().zh,
            "未知的数值限定 \"about\""
        );
    }
}
