//! DuEE 1.0 event data (JSONL): one document a line,
//! `{"text", "id", "event_list": [{"event_type", "trigger", "trigger_start_index",
//! "arguments": [{"argument_start_index", "role", "argument", "alias"}], "class"}]}`.
//! DuEE stores start indices in code points (Python `str`) and the surface; the end is
//! `start + len(surface)`. Every start is checked against its surface, and a mismatch is a
//! problem naming the line, never a silently dropped annotation.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::registry::{
    Exported, Format, FormatError, Holds, Options, Output, Progress, Read, ReadDoc, Target,
    file_name, read_text_file,
};
use crate::i18n::Said;
use crate::said;
use crate::zh::encoding::Decoded;

use crate::model::{CharRange, Event, EventId, Project, Span, SpanId, SpanKind, SpanStatus, Text};

#[derive(Debug, Serialize, Deserialize)]
struct Doc {
    text: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    event_list: Vec<Ev>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Ev {
    event_type: String,
    trigger: String,
    trigger_start_index: usize,
    #[serde(default)]
    arguments: Vec<Arg>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    class: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Arg {
    argument_start_index: usize,
    role: String,
    argument: String,
    #[serde(default)]
    alias: Vec<String>,
}

/// One document read from DuEE: its id, text, spans and events.
#[derive(Debug, Clone, PartialEq)]
pub struct DueeDoc {
    /// `id`, or `line<n>` when empty.
    pub id: String,
    /// The text.
    pub text: String,
    /// Triggers (kind Trigger) and arguments (kind Argument, label ARG).
    pub spans: Vec<Span>,
    /// Events.
    pub events: Vec<Event>,
    /// The line it is on (from 1).
    pub line: usize,
}

/// What one DuEE line holds: a document (`id` = the document id) or a sentence (`id` =
/// `<document id>_s<n>`, n from 0; offsets relative to the sentence; every sentence is
/// written, those without events with an empty `event_list`, as in DuEE's own files).
pub use super::registry::Unit;

/// DuEE 1.0 event data.
pub static FORMAT: Format = Format {
    name: "duee",
    title: ["DuEE", "DuEE"],
    help: "DuEE 1.0 event data (JSONL): texts with triggers and arguments, a line per document or per sentence (--unit)",
    extensions: &["jsonl", "json", "txt"],
    holds: Holds {
        spans: true,
        values: false,
        events: true,
        relations: false,
        loose_spans: false,
    },
    options: &[],
    target: Target::File,
    import: Some(read_file),
    export: Some(build),
};

fn read_file(file: &Path, _: &Options) -> Result<Read, FormatError> {
    let src = read_text_file(file, None)?.text;
    let (docs, problems) = read_lines(&src).map_err(|(line, message)| FormatError {
        file: file.to_path_buf(),
        line: Some(line),
        message,
        kind: super::registry::ErrorKind::Parse,
    })?;
    let at = file.display().to_string();
    let name = file_name(file);
    Ok(Read {
        docs: docs
            .into_iter()
            .map(|d| ReadDoc {
                source: format!("{name}:{} id {} (DuEE)", d.line, d.id),
                name: d.id,
                text: Decoded {
                    text: d.text,
                    encoding: "UTF-8",
                    bom: false,
                    detected: true,
                },
                original: None,
                spans: d.spans,
                events: d.events,
                label_arguments: true,
                kinds_from_labels: false,
            })
            .collect(),
        problems: problems.into_iter().map(|m| m.at(&at)).collect(),
        ..Read::default()
    })
}

fn build(
    p: &Project,
    _opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let (s, notes) = export_with(p).map_err(FormatError::export)?;
    if !progress(1, 1) {
        return Ok(None);
    }
    let spans = p
        .documents
        .iter()
        .flat_map(|d| &d.layer.events)
        .map(|e| 1 + e.args.len())
        .sum();
    Ok(Some(Exported {
        output: Output::File(s),
        documents: p.documents.len(),
        spans,
        notes,
    }))
}

/// Export every document's events (accepted spans only) as DuEE lines, one per document.
pub fn export(p: &Project) -> Result<String, Said> {
    export_with(p).map(|(s, _)| s)
}

/// Export every document's events (accepted spans only) as DuEE lines, one per `unit`.
/// Returns the lines and warnings: per sentence, an argument outside its trigger's sentence
/// (or a trigger across a sentence end) cannot be written, and each one left out is named.
pub fn export_with(p: &Project) -> Result<(String, Vec<Said>), Said> {
    let mut out = String::new();
    let mut warnings = Vec::new();
    // Spans in no event, summed over the documents for one note: (spans, documents, first).
    let mut outside_all: (usize, usize, Option<&str>) = (0, 0, None);
    for d in &p.documents {
        let doc = &d.meta.id;
        let slice_error = |err| {
            let err = super::mapping::offset_error(&err);
            said!("{doc}：{err}", "{doc}: {err}"; err)
        };
        let accepted = |id: SpanId| {
            d.layer
                .span(id)
                .filter(|s| s.status == SpanStatus::Accepted)
        };
        // Parts of events whose spans are not accepted are not written: say which.
        warnings.extend(crate::model::left_out_of_events(d, false));
        // DuEE holds events only: say how many annotations stay behind.
        let in_events: std::collections::HashSet<SpanId> = d
            .layer
            .events
            .iter()
            .flat_map(|e| std::iter::once(e.trigger).chain(e.args.iter().map(|(_, a)| *a)))
            .collect();
        let outside = d
            .layer
            .accepted()
            .filter(|s| s.kind != SpanKind::Structure && !in_events.contains(&s.id))
            .count();
        if outside > 0 {
            outside_all.0 += outside;
            outside_all.1 += 1;
            outside_all.2.get_or_insert(doc.as_str());
        }
        let whole = CharRange::new(0, d.text.len_chars());
        // Articles and sentences are cut before this (`training::prepare`), so a unit is a
        // whole document here.
        let units: Vec<(String, CharRange)> = vec![(d.meta.id.clone(), whole)];
        let inside = |u: CharRange, r: CharRange| r.start >= u.start && r.end <= u.end;
        // Each event goes to the unit holding its trigger's start.
        let mut placed = vec![false; d.layer.events.len()];
        for (uid, u) in &units {
            let mut event_list = Vec::new();
            for (k, e) in d.layer.events.iter().enumerate() {
                let Some(t) = accepted(e.trigger) else {
                    continue;
                };
                if placed[k] || t.range.start < u.start || t.range.start >= u.end {
                    continue;
                }
                placed[k] = true;
                let (eid, ty) = (e.id, &e.event_type);
                if !inside(*u, t.range) {
                    let range = t.range;
                    warnings.push(said!(
                        "{doc}：事件 {eid}（{ty}）：触发词 {range} 跨过了句子 {uid} 的末尾；该事件未导出",
                        "{doc}: event {eid} ({ty}): the trigger {range} crosses the end of sentence {uid}; event left out"
                    ));
                    continue;
                }
                let rel = |r: CharRange| (r.start - u.start) as usize;
                let surface = |r: CharRange| -> Result<String, Said> {
                    d.text.slice(r).map(str::to_string).map_err(slice_error)
                };
                let mut arguments = Vec::new();
                for (role, a) in &e.args {
                    let Some(sa) = accepted(*a) else {
                        continue;
                    };
                    if !inside(*u, sa.range) {
                        let (sid, range) = (sa.id, sa.range);
                        warnings.push(said!(
                            "{doc}：事件 {eid}（{ty}）：论元 {role} = {sid} {range} 在句子 {uid} 之外；未导出",
                            "{doc}: event {eid} ({ty}): argument {role} = {sid} {range} is outside sentence {uid}; left out"
                        ));
                        continue;
                    }
                    arguments.push(Arg {
                        argument_start_index: rel(sa.range),
                        role: role.clone(),
                        argument: surface(sa.range)?,
                        alias: Vec::new(),
                    });
                }
                event_list.push(Ev {
                    class: e.event_type.split_once('-').map(|(c, _)| c.to_string()),
                    event_type: e.event_type.clone(),
                    trigger: surface(t.range)?,
                    trigger_start_index: rel(t.range),
                    arguments,
                });
            }
            let doc = Doc {
                text: d.text.slice(*u).map_err(slice_error)?.to_string(),
                id: uid.clone(),
                event_list,
            };
            out.push_str(&serde_json::to_string(&doc).map_err(|e| Said::verbatim(e.to_string()))?);
            out.push('\n');
        }
        // Triggers between sentences (in whitespace the splitter trimmed) are named too.
        for (k, e) in d.layer.events.iter().enumerate() {
            if !placed[k] && accepted(e.trigger).is_some() {
                let (eid, ty) = (e.id, &e.event_type);
                warnings.push(said!(
                    "{doc}：事件 {eid}（{ty}）：触发词不在任何句子中；该事件未导出",
                    "{doc}: event {eid} ({ty}): its trigger is in no sentence; event left out"
                ));
            }
        }
    }
    if let (n, k, Some(first)) = outside_all {
        let (spans, documents) = (
            crate::i18n::english_count(n, "span"),
            crate::i18n::english_count(k, "document"),
        );
        warnings.push(said!(
            "{n} 个不是任何事件的触发词或论元的标注未导出（DuEE 只保存事件），在 {k} 篇文档中，第一篇是 {first}",
            "{spans} in no event (as its trigger or an argument) left out, as DuEE holds events only: in {documents}, the first {first}"
        ));
    }
    Ok((out, warnings))
}

/// Read DuEE lines. Problems (a start that does not point at its surface) are returned
/// with the line number; the other annotations of the line are kept.
pub fn import(src: &str) -> Result<(Vec<DueeDoc>, Vec<Said>), Said> {
    read_lines(src).map_err(|(n, m)| said!("第 {n} 行：{m}", "line {n}: {m}"; m))
}

/// [`import`], an error given as its line and what is wrong there.
fn read_lines(src: &str) -> Result<(Vec<DueeDoc>, Vec<Said>), (usize, Said)> {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let d: Doc = serde_json::from_str(line)
            .map_err(|e| (n, super::cluener::json_error(raw, line, &e)))?;
        // The same texts plain text import refuses (`zh::encoding::decode`): none, or NULs.
        if d.text.is_empty() {
            return Err((n, said!("文本为空", "the text is empty")));
        }
        if let Some(i) = d.text.chars().position(|c| c == '\0') {
            return Err((
                n,
                said!(
                    "文本含有 NUL 字符（字偏移 {i}）：不是文本",
                    "the text holds NUL characters (at char {i}): not text"
                ),
            ));
        }
        let text = Text::new(d.text.clone());
        let mut spans: Vec<Span> = Vec::new();
        let mut events = Vec::new();
        let mut next = 1u32;
        let mut span_for = |start: usize, surface: &str, kind: SpanKind, label: &str| {
            if surface.is_empty() {
                return Err(match kind {
                    SpanKind::Trigger => said!(
                        "触发词为空（字偏移 {start}）",
                        "the trigger is empty (at char {start})"
                    ),
                    _ => said!(
                        "论元为空（字偏移 {start}）",
                        "the argument is empty (at char {start})"
                    ),
                });
            }
            // A start from the file may be anything up to usize::MAX: checked, never wrapped
            // or truncated to another place in the text.
            let r = start
                .checked_add(surface.chars().count())
                .and_then(|end| Some(CharRange::new(char_offset(start)?, char_offset(end)?)))
                .ok_or_else(|| {
                    let max = u32::MAX;
                    said!(
                        "字偏移 {start} 处的 {surface:?} 超出了 biaozhu 能容纳的任何文本\
                         （最多 {max} 字）",
                        "{surface:?} at char {start} is past the end of any text \
                         biaozhu can hold ({max} chars at most)"
                    )
                })?;
            match text.slice(r) {
                Ok(t) if t == surface && !r.is_empty() => {}
                Ok(found) => {
                    return Err(said!(
                        "{surface:?} 不在字偏移 {start} 处（那里是 {found:?}）",
                        "{surface:?} is not at char {start} (found {found:?})"
                    ));
                }
                Err(_) => {
                    let found = "past the end";
                    return Err(said!(
                        "{surface:?} 不在字偏移 {start} 处（那里已超出文本末尾）",
                        "{surface:?} is not at char {start} (found {found:?})"
                    ));
                }
            }
            if let Some(s) = spans.iter().find(|s| s.range == r && s.label == label) {
                return Ok(s.id);
            }
            let id = SpanId(next);
            next = next.checked_add(1).ok_or_else(|| {
                said!(
                    "标注数超出 biaozhu 能编号的上限",
                    "more spans than biaozhu can number"
                )
            })?;
            spans.push(Span {
                source: crate::model::Source::Imported,
                ..Span::new(id, r, kind, label)
            });
            Ok(id)
        };
        for (k, e) in d.event_list.iter().enumerate() {
            let trigger = match span_for(
                e.trigger_start_index,
                &e.trigger,
                SpanKind::Trigger,
                &e.event_type,
            ) {
                Ok(id) => id,
                Err(m) => {
                    let k = k + 1;
                    problems.push(said!(
                        "第 {n} 行：{m}（第 {k} 个事件的触发词；跳过该事件）",
                        "line {n}: {m} (trigger of event {k}; event skipped)";
                        m
                    ));
                    continue;
                }
            };
            let mut args = Vec::new();
            for a in &e.arguments {
                match span_for(
                    a.argument_start_index,
                    &a.argument,
                    SpanKind::Argument,
                    "ARG",
                ) {
                    Ok(id) => args.push((a.role.clone(), id)),
                    Err(m) => {
                        let role = &a.role;
                        problems.push(said!(
                            "第 {n} 行：{m}（角色 {role}；跳过该论元）",
                            "line {n}: {m} (role {role}; argument skipped)";
                            m
                        ))
                    }
                }
            }
            let Some(id) = char_offset(k + 1) else {
                let k = k + 1;
                problems.push(said!(
                    "第 {n} 行：事件数超出 biaozhu 能编号的上限；跳过第 {k} 个及之后的事件",
                    "line {n}: more events than biaozhu can number; event {k} and the rest skipped"
                ));
                break;
            };
            events.push(Event {
                unsure: false,
                note: None,
                id: EventId(id),
                event_type: e.event_type.clone(),
                trigger,
                args,
            });
        }
        docs.push(DueeDoc {
            id: if d.id.is_empty() {
                format!("line{n}")
            } else {
                d.id
            },
            text: d.text,
            spans,
            events,
            line: n,
        });
    }
    Ok((docs, problems))
}

/// The error of one line of a JSON Lines file (`raw` as in the file, `parsed` the part of it
/// given to serde): `第 N 行：JSON 有误：message（该行第 B 个字节）` / `line N: message (byte B of the
/// line)`. serde_json's own `at line 1 column C` counts in the one-line string, so for line 2
/// and on it named the wrong line; its column counts bytes of `parsed`, so it is moved past
/// what trimming dropped. serde_json's message is kept as it said it.
pub(crate) fn json_line_said(n: usize, raw: &str, parsed: &str, e: &serde_json::Error) -> Said {
    let m = super::cluener::json_error(raw, parsed, e);
    said!("第 {n} 行：{m}", "line {n}: {m}"; m)
}

/// A char offset (or a number) from a file as the model's `u32`, `None` when it does not fit.
fn char_offset(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"text": "甘肃省总工会10月19日在兰州召开推进会。", "id": "d1", "event_list": [{"event_type": "会议", "trigger": "召开", "trigger_start_index": 15, "arguments": [{"argument_start_index": 0, "role": "主体", "argument": "甘肃省总工会", "alias": []}, {"argument_start_index": 13, "role": "地点", "argument": "兰州", "alias": []}], "class": "会议"}]}"#;

    #[test]
    fn a_json_error_names_its_line_in_the_file_and_nothing_else() {
        // serde_json said `at line 1 column …` of the one-line string, for any line.
        let src = format!("{LINE}\n  {{\"text\": \"x\",\n");
        let e = import(&src).unwrap_err().en;
        assert!(e.starts_with("line 2: ") && !e.contains("line 1"), "{e}");
        assert!(e.ends_with("(byte 15 of the line)"), "{e}");
        let e = crate::format::duee_schema::parse("{\"event_type\": \"a\"}\n{\"event_type\": }")
            .unwrap_err();
        assert!(e.starts_with("line 2: ") && !e.contains("line 1"), "{e}");
    }

    /// The problems of a read, in English.
    fn en(problems: Vec<Said>) -> Vec<String> {
        problems.into_iter().map(|p| p.en).collect()
    }

    #[test]
    fn duee_lines_read_with_char_offsets() {
        let (docs, problems) = import(LINE).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let d = &docs[0];
        assert_eq!(d.id, "d1");
        assert_eq!(d.events[0].args.len(), 2);
        let t = d
            .spans
            .iter()
            .find(|s| s.id == d.events[0].trigger)
            .unwrap();
        assert_eq!(t.range, CharRange::new(15, 17));
        assert_eq!(t.kind, SpanKind::Trigger);
    }

    #[test]
    fn a_wrong_start_is_a_problem_with_the_line_not_a_silent_drop() {
        let bad = LINE.replace(
            "\"argument_start_index\": 13",
            "\"argument_start_index\": 12",
        );
        let (docs, problems) = import(&format!("\n{bad}")).unwrap();
        let problems = en(problems);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("line 2:"), "{problems:?}");
        assert_eq!(docs[0].events[0].args.len(), 1);
    }

    #[test]
    fn starts_too_large_for_any_text_are_problems_not_wrapped_offsets() {
        // usize::MAX: start + len overflows.
        let huge = LINE.replace(
            "\"trigger_start_index\": 15",
            "\"trigger_start_index\": 18446744073709551615",
        );
        let (docs, problems) = import(&huge).unwrap();
        let problems = en(problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("line 1:") && problems[0].contains("18446744073709551615"),
            "{problems:?}"
        );
        assert!(
            docs[0].events.is_empty(),
            "the event of that trigger is skipped"
        );
        // 2^32: `as u32` made it 0, where 甘肃省总工会 really is; now it is a problem.
        let wraps = LINE.replace(
            "\"argument_start_index\": 0",
            "\"argument_start_index\": 4294967296",
        );
        let (docs, problems) = import(&wraps).unwrap();
        let problems = en(problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("4294967296"), "{problems:?}");
        assert_eq!(docs[0].events[0].args.len(), 1, "only 地点 兰州 is kept");
        // An end one past u32::MAX does not fit either.
        assert_eq!(char_offset(u32::MAX as usize), Some(u32::MAX));
        if let Ok(past) = usize::try_from(u64::from(u32::MAX) + 1) {
            assert_eq!(char_offset(past), None);
        }
    }

    #[test]
    fn empty_surfaces_are_said_to_be_empty_and_empty_or_nul_texts_are_refused() {
        let no_trigger = LINE.replace("\"trigger\": \"召开\"", "\"trigger\": \"\"");
        let (docs, problems) = import(&no_trigger).unwrap();
        let problems = en(problems);
        assert_eq!(
            problems,
            vec!["line 1: the trigger is empty (at char 15) (trigger of event 1; event skipped)"]
        );
        assert!(docs[0].events.is_empty());
        let no_arg = LINE.replace("\"argument\": \"兰州\"", "\"argument\": \"\"");
        let (_, problems) = import(&no_arg).unwrap();
        let problems = en(problems);
        assert_eq!(
            problems,
            vec!["line 1: the argument is empty (at char 13) (role 地点; argument skipped)"]
        );
        let empty = format!("{LINE}\n{}", r#"{"text": "", "id": "e"}"#);
        assert_eq!(import(&empty).unwrap_err().en, "line 2: the text is empty");
        let nul = r#"{"text": "甘肃\u0000省", "id": "n"}"#;
        assert_eq!(
            import(nul).unwrap_err().en,
            "line 1: the text holds NUL characters (at char 2): not text"
        );
    }

    #[test]
    fn problems_errors_and_notes_are_worded_in_chinese_too() {
        let bad = LINE.replace(
            "\"argument_start_index\": 13",
            "\"argument_start_index\": 12",
        );
        let (docs, problems) = import(&bad).unwrap();
        assert_eq!(
            problems[0].zh,
            "第 1 行：\"兰州\" 不在字偏移 12 处（那里是 \"在兰\"）（角色 地点；跳过该论元）"
        );
        assert_eq!(
            problems[0].en,
            "line 1: \"兰州\" is not at char 12 (found \"在兰\") (role 地点; argument skipped)"
        );
        let e = import(&format!("{LINE}\n{}", r#"{"text": "", "id": "e"}"#)).unwrap_err();
        assert_eq!(e.zh, "第 2 行：文本为空");
        let e = import("{\"text\": }").unwrap_err();
        assert!(
            e.zh.starts_with("第 1 行：") && e.zh.ends_with("（该行第 10 个字节）"),
            "{e:?}"
        );
        assert!(e.en.starts_with("line 1: ") && e.en.ends_with("(byte 10 of the line)"));

        // A span in no event is named in the export's notes.
        let d = &docs[0];
        let mut spans = d.spans.clone();
        spans.push(Span::new(
            SpanId(100),
            CharRange::new(6, 12),
            SpanKind::Entity,
            "TIME",
        ));
        let doc = crate::model::Document {
            meta: crate::model::DocMeta {
                id: d.id.clone(),
                published: None,
                imported_from: None,
            },
            text: Text::new(d.text.clone()),
            layer: crate::model::Layer::from_parts(
                spans,
                d.events.clone(),
                Default::default(),
                101,
                d.events.len() as u32 + 1,
            ),
        };
        let p = Project {
            name: "t".into(),
            schema: Default::default(),
            settings: Default::default(),
            documents: vec![doc],
            annotator: "a".into(),
            dirty_docs: Default::default(),
            project_dirty: false,
            assignments: Default::default(),
        };
        let (_, notes) = export_with(&p).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(
            notes[0].zh,
            "1 个不是任何事件的触发词或论元的标注未导出（DuEE 只保存事件），在 1 篇文档中，第一篇是 d1"
        );
        assert_eq!(
            notes[0].en,
            "1 span in no event (as its trigger or an argument) left out, as DuEE holds events only: in 1 document, the first d1"
        );
    }
}
