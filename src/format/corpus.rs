//! The biaozhu corpus: one JSON or RON file with the schema and every document's text, spans
//! (with their surface text) and events. Offsets are Unicode code points, end exclusive, so a
//! Python reader gets `text[start:end] == span["text"]`. The shape is documented in
//! `docs/formats.md`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::registry::{
    Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read, ReadDoc,
    Target, file_name, read_text_file,
};

use crate::i18n::Said;
use crate::model::{
    CharRange, DocMeta, Document, EventType, FigureKind, FigureValue, LabelClass, LabelDef, Layer,
    Project, Role, Schema, Span, SpanStatus, Text,
};
use crate::said;

const CORPUS_HOLDS: Holds = Holds {
    spans: true,
    values: true,
    events: true,
    relations: false,
    loose_spans: true,
};

/// The corpus as one JSON file.
pub static JSON: Format = Format {
    name: "json",
    title: ["JSON 语料", "JSON corpus"],
    help: "the biaozhu corpus as one JSON file: schema, texts, spans with values, events",
    extensions: &["json"],
    holds: CORPUS_HOLDS,
    options: &[OptionKind::IncludePending],
    target: Target::File,
    import: Some(read_json),
    export: Some(build_json),
};

/// The corpus as one RON file.
pub static RON: Format = Format {
    name: "ron",
    title: ["RON 语料", "RON corpus"],
    help: "the biaozhu corpus as one RON file (the same content as json)",
    extensions: &["ron"],
    holds: CORPUS_HOLDS,
    options: &[OptionKind::IncludePending],
    target: Target::File,
    import: Some(read_ron),
    export: Some(build_ron),
};

fn build_json(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    build_with(p, opts, progress, to_json)
}

fn build_ron(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    build_with(p, opts, progress, to_ron)
}

fn build_with(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
    write: fn(&Corpus) -> Result<String, String>,
) -> Result<Option<Exported>, FormatError> {
    let c = to_corpus(p, opts.include_pending).map_err(FormatError::export)?;
    if !progress(1, 2) {
        return Ok(None);
    }
    // What the serialiser said, as it said it.
    let s = write(&c).map_err(|m| FormatError::export(Said::verbatim(m)))?;
    Ok(Some(Exported {
        output: Output::File(s),
        documents: c.documents.len(),
        spans: c.documents.iter().map(|d| d.spans.len()).sum(),
        notes: p
            .documents
            .iter()
            .flat_map(|d| crate::model::left_out_of_events(d, opts.include_pending))
            .collect(),
    }))
}

fn read_json(file: &Path, _: &Options) -> Result<Read, FormatError> {
    read_with(file, from_json)
}

fn read_ron(file: &Path, _: &Options) -> Result<Read, FormatError> {
    read_with(file, from_ron)
}

/// Read a corpus file: each document with its spans (statuses and values kept) and events.
fn read_with(file: &Path, parse: fn(&str) -> Result<Corpus, String>) -> Result<Read, FormatError> {
    let src = read_text_file(file, None)?;
    let placed = |m: String| {
        // The parsers say `line:col: message`.
        let line = m.split(':').next().and_then(|l| l.parse().ok());
        FormatError {
            file: file.to_path_buf(),
            line,
            // What the parser said, as it said it, after a Chinese frame.
            message: crate::said!("无法解析：{m}", "{m}"),
            kind: super::registry::ErrorKind::Parse,
        }
    };
    let c = parse(&src.text).map_err(placed)?;
    let p = to_project(&c).map_err(|m| FormatError {
        line: line_of_record(&src.text, &m.en),
        ..FormatError::new(file, m)
    })?;
    let name = file_name(file);
    Ok(Read {
        docs: p
            .documents
            .into_iter()
            .map(|d| ReadDoc {
                source: format!("{name} id {} (biaozhu corpus)", d.meta.id),
                name: d.meta.id.clone(),
                text: crate::zh::encoding::Decoded {
                    text: d.text.as_str().to_string(),
                    encoding: src.encoding,
                    bom: src.bom,
                    detected: src.detected,
                },
                original: None,
                spans: d.layer.spans().to_vec(),
                events: d.layer.events.clone(),
                label_arguments: false,
                kinds_from_labels: false,
            })
            .collect(),
        problems: Vec::new(),
        ..Read::default()
    })
}

/// `format` of a corpus file.
pub const CORPUS_FORMAT: &str = "biaozhu-corpus";

/// A whole corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Always `biaozhu-corpus`.
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// Project name.
    pub name: String,
    /// The schema.
    pub schema: CorpusSchema,
    /// Documents in project order.
    pub documents: Vec<CorpusDoc>,
}

/// The schema as exported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CorpusSchema {
    /// Entity labels.
    pub entities: Vec<CorpusLabel>,
    /// Figure labels.
    pub figures: Vec<CorpusLabel>,
    /// Event types with roles.
    #[serde(default)]
    pub events: Vec<CorpusEventType>,
}

/// A label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusLabel {
    /// Key used in spans.
    pub key: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// `#rrggbb`.
    pub color: String,
    /// Hotkey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
    /// Figure kind (figures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// An event type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusEventType {
    /// Key.
    pub key: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub zh: String,
    /// English name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Hotkey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
    /// Roles.
    pub roles: Vec<CorpusRole>,
}

/// An event role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusRole {
    /// Name.
    pub name: String,
    /// English name (written only when there is one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// Accepted labels (empty = any).
    pub accepts: Vec<String>,
    /// Required.
    pub required: bool,
    /// May be filled more than once.
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeat: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusDoc {
    /// Document id.
    pub id: String,
    /// Which layer (annotator) it came from.
    pub layer: String,
    /// `new`, `in_progress`, `done` or `reviewed`.
    pub status: String,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The text, exactly as stored.
    pub text: String,
    /// Spans sorted by (start, end, id).
    pub spans: Vec<CorpusSpan>,
    /// Events.
    #[serde(default)]
    pub events: Vec<CorpusEvent>,
}

/// A span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusSpan {
    /// `T<n>`.
    pub id: String,
    /// First char (code points).
    pub start: u32,
    /// One past the last char.
    pub end: u32,
    /// `text[start:end]`.
    pub text: String,
    /// entity, figure, trigger, argument, structure.
    pub kind: String,
    /// Label key.
    pub label: String,
    /// Normalised value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<CorpusValue>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The annotator was not sure of the span.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// manual, suggested, imported.
    pub source: String,
    /// accepted or pending.
    pub status: String,
}

/// A figure value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusValue {
    /// Figure kind (`QUANTITY` …).
    pub kind: String,
    /// Number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    /// Upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// Unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// approx, at_least, at_most, range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// ISO partial date as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Resolved ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusEvent {
    /// `E<n>`.
    pub id: String,
    /// Event type key.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Trigger span id.
    pub trigger: String,
    /// Role → span id.
    pub args: Vec<CorpusArg>,
    /// The annotator was not sure of the event.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// Free-text comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One argument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusArg {
    /// Role name.
    pub role: String,
    /// Span id.
    pub span: String,
}

use super::mapping::{self, source_str, status_str};

/// Build the corpus of a project. Only accepted spans go out unless `include_pending`.
/// Spans whose offsets do not fit their text are an error (they cannot be exported honestly).
pub fn to_corpus(p: &Project, include_pending: bool) -> Result<Corpus, Said> {
    let schema = schema_of(&p.schema);
    let mut documents = Vec::with_capacity(p.documents.len());
    to_corpus_docs(p, include_pending, &mut documents)?;
    Ok(Corpus {
        format: CORPUS_FORMAT.into(),
        version: 1,
        name: p.name.clone(),
        schema,
        documents,
    })
}

/// The schema as the corpus (and `biaozhu schema show --json`) writes it.
pub fn schema_of(s: &Schema) -> CorpusSchema {
    let mut schema = CorpusSchema::default();
    for l in &s.labels {
        let mut c = CorpusLabel {
            key: l.key.clone(),
            zh: l.zh.clone(),
            en: l.en.clone(),
            color: l.color.to_hex(),
            hotkey: l.hotkey.map(|h| h.to_string()),
            kind: None,
        };
        match l.class {
            LabelClass::Entity => schema.entities.push(c),
            LabelClass::Figure(k) => {
                c.kind = Some(k.as_str().into());
                schema.figures.push(c)
            }
        }
    }
    for e in &s.events {
        schema.events.push(CorpusEventType {
            key: e.key.clone(),
            zh: e.zh.clone(),
            en: e.en.clone(),
            color: Some(e.color.to_hex()),
            hotkey: e.hotkey.map(|h| h.to_string()),
            roles: e
                .roles
                .iter()
                .map(|r| CorpusRole {
                    name: r.name.clone(),
                    en: r.en.clone(),
                    accepts: r.accepts.clone(),
                    required: r.required,
                    repeat: r.repeat,
                })
                .collect(),
        });
    }
    schema
}

fn to_corpus_docs(
    p: &Project,
    include_pending: bool,
    documents: &mut Vec<CorpusDoc>,
) -> Result<(), Said> {
    for d in &p.documents {
        let mut spans = Vec::new();
        for s in d.layer.spans() {
            let keep = match s.status {
                SpanStatus::Accepted => true,
                SpanStatus::Pending => include_pending,
                SpanStatus::Rejected => false,
            };
            if !keep {
                continue;
            }
            let text = d.text.slice(s.range).map_err(|e| {
                let (doc, id, e) = (&d.meta.id, s.id, mapping::offset_error(&e));
                said!("{doc}：{id}：{e}", "{doc}: {id}: {e}"; e)
            })?;
            spans.push(CorpusSpan {
                id: s.id.to_string(),
                start: s.range.start,
                end: s.range.end,
                text: text.to_string(),
                kind: s.kind.as_str().into(),
                label: s.label.clone(),
                value: s.value.as_ref().map(|v| CorpusValue {
                    kind: v.kind.as_str().into(),
                    number: v.number,
                    upper: v.upper,
                    unit: v.unit.clone(),
                    qualifier: v.qualifier.map(|q| q.as_str().into()),
                    date: v.date.clone(),
                    resolved: v.resolved.clone(),
                }),
                note: s.note.clone(),
                unsure: s.unsure,
                source: source_str(s.source).into(),
                status: status_str(s.status).into(),
            });
        }
        // Events refer only to exported spans: an event whose trigger is not exported is
        // left out, and so is an argument whose span is not (as in the DuEE export).
        let ids: std::collections::HashSet<&str> = spans.iter().map(|s| s.id.as_str()).collect();
        let exported = |id: crate::model::SpanId| ids.contains(id.to_string().as_str());
        let events = d
            .layer
            .events
            .iter()
            .filter(|e| exported(e.trigger))
            .map(|e| CorpusEvent {
                id: e.id.to_string(),
                event_type: e.event_type.clone(),
                trigger: e.trigger.to_string(),
                args: e
                    .args
                    .iter()
                    .filter(|(_, a)| exported(*a))
                    .map(|(r, a)| CorpusArg {
                        role: r.clone(),
                        span: a.to_string(),
                    })
                    .collect(),
                unsure: e.unsure,
                note: e.note.clone(),
            })
            .collect();
        documents.push(CorpusDoc {
            id: d.meta.id.clone(),
            layer: p.annotator.clone(),
            status: d.layer.status.as_str().into(),
            published: d.meta.published.clone(),
            text: d.text.as_str().to_string(),
            spans,
            events,
        });
    }
    Ok(())
}

/// Corpus as pretty JSON.
pub fn to_json(c: &Corpus) -> Result<String, String> {
    serde_json::to_string_pretty(c).map_err(|e| e.to_string())
}

/// Corpus as RON (a span per line).
pub fn to_ron(c: &Corpus) -> Result<String, String> {
    ron::ser::to_string_pretty(
        c,
        ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .indentor("  ".to_string()),
    )
    .map_err(|e| e.to_string())
}

/// Read a corpus from JSON; errors give line and column.
pub fn from_json(s: &str) -> Result<Corpus, String> {
    serde_json::from_str(s).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))
}

/// Read a corpus from RON; errors give line and column.
pub fn from_ron(s: &str) -> Result<Corpus, String> {
    ron::de::from_str(s)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
}

/// The line a [`to_project`] refusal is about. Its (English) message starts with the document's id and
/// the span's or event's (`DOC: T3: …`, `DOC: event E2: …`): the first line quoting the
/// record's id (as a value, `"id": "T3"` or `id: "T3"`) after the first line quoting the
/// document's, else that document line; `None` for a message about no document (the schema).
fn line_of_record(src: &str, message: &str) -> Option<usize> {
    let mut parts = message.splitn(3, ": ");
    let doc = parts.next()?;
    let record = parts.next()?;
    let record = record.strip_prefix("event ").unwrap_or(record);
    let quoted = |s: &str| serde_json::to_string(s).ok();
    let (doc, record) = (quoted(doc)?, quoted(record)?);
    let mut lines = src.lines().enumerate();
    let (doc_line, _) = lines.find(|(_, l)| l.contains(&doc))?;
    let value = format!(": {record}");
    let at = lines
        .find(|(_, l)| l.contains(&value))
        .map_or(doc_line, |(i, _)| i);
    Some(at + 1)
}

/// Turn a corpus back into a project (for round trips and corpus import). Every span's `text`
/// must equal its slice of the document text.
pub fn to_project(c: &Corpus) -> Result<Project, Said> {
    if c.format != CORPUS_FORMAT {
        let f = &c.format;
        return Err(said!(
            "format 为 {f:?}，应为 {CORPUS_FORMAT:?}",
            "format is {f:?}, expected {CORPUS_FORMAT:?}"
        ));
    }
    let mut schema = Schema::default();
    for (list, figure) in [(&c.schema.entities, false), (&c.schema.figures, true)] {
        for l in list {
            let class =
                if figure {
                    let k = l.kind.as_deref().unwrap_or(&l.key);
                    LabelClass::Figure(FigureKind::parse(k).ok_or_else(|| {
                        said!("未知的数字类型 {k:?}", "unknown figure kind {k:?}")
                    })?)
                } else {
                    LabelClass::Entity
                };
            schema.labels.push(LabelDef {
                key: l.key.clone(),
                zh: l.zh.clone(),
                en: l.en.clone(),
                color: mapping::color(&l.key, &l.color)?,
                hotkey: mapping::hotkey(l.hotkey.as_deref())?,
                class,
            });
        }
    }
    for e in &c.schema.events {
        schema.events.push(EventType {
            key: e.key.clone(),
            zh: e.zh.clone(),
            en: e.en.clone(),
            color: match e.color.as_deref() {
                Some(c) => mapping::color(&e.key, c)?,
                // Written by every biaozhu corpus; older files had none.
                None => EventType::DEFAULT_COLOR,
            },
            hotkey: mapping::hotkey(e.hotkey.as_deref())?,
            roles: e
                .roles
                .iter()
                .map(|r| Role {
                    name: r.name.clone(),
                    en: r.en.clone(),
                    accepts: r.accepts.clone(),
                    required: r.required,
                    repeat: r.repeat,
                })
                .collect(),
        });
    }
    let annotator = c
        .documents
        .first()
        .map(|d| d.layer.clone())
        .unwrap_or_else(|| "main".into());
    mapping::check_schema(&schema)?;
    let mut p = Project::new(c.name.clone(), annotator);
    p.schema = schema;
    for d in &c.documents {
        let text = Text::new(d.text.clone());
        let mut spans = Vec::new();
        for s in &d.spans {
            let range = CharRange::new(s.start, s.end);
            let (doc, id) = (&d.id, &s.id);
            let at = |m: Said| said!("{doc}：{id}：{m}", "{doc}: {id}: {m}"; m);
            let got = text
                .slice(range)
                .map_err(|e| at(mapping::offset_error(&e)))?;
            if got != s.text {
                let said = &s.text;
                return Err(said!(
                    "{doc}：{id}：文字 {said:?} 与 {range} 处的 {got:?} 不符",
                    "{doc}: {id}: text {said:?} does not match {got:?} at {range}"
                ));
            }
            let id = mapping::span_id(&s.id).map_err(at)?;
            let kind = mapping::kind(&s.kind).map_err(at)?;
            let value = match &s.value {
                None => None,
                Some(v) => Some(FigureValue {
                    kind: FigureKind::parse(&v.kind)
                        .ok_or_else(|| at(said!("未知的数值类型", "unknown value kind")))?,
                    number: v.number,
                    upper: v.upper,
                    unit: v.unit.clone(),
                    qualifier: mapping::qualifier(v.qualifier.as_deref()).map_err(at)?,
                    date: v.date.clone(),
                    resolved: v.resolved.clone(),
                }),
            };
            spans.push(Span {
                id,
                range,
                kind,
                label: s.label.clone(),
                value,
                note: s.note.clone(),
                unsure: s.unsure,
                source: mapping::source(&s.source).map_err(at)?,
                status: mapping::status(&s.status).map_err(at)?,
                confidence: None,
                suggested_by: None,
            });
        }
        let mut events = Vec::new();
        for e in &d.events {
            let args = e.args.iter().map(|a| (a.role.clone(), a.span.clone()));
            let mut event = mapping::event(&e.id, e.event_type.clone(), &e.trigger, args)
                .map_err(|m| m.at(&d.id))?;
            event.unsure = e.unsure;
            event.note = e.note.clone();
            events.push(event);
        }
        let status = mapping::doc_status(&d.status).map_err(|m| m.at(&d.id))?;
        p.documents.push(Document {
            meta: DocMeta {
                id: d.id.clone(),
                published: d.published.clone(),
                imported_from: None,
            },
            text,
            layer: Layer::from_parts(spans, events, status, 1, 1),
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roles' English names go out in the corpus and come back (written only when set).
    #[test]
    fn role_english_names_round_trip() {
        let mut p = Project::new("t", "main");
        p.schema.events[0].roles[1].en.clear();
        let json = to_json(&to_corpus(&p, false).unwrap()).unwrap();
        assert!(json.contains("\"en\": \"Subject\""));
        let back = to_project(&from_json(&json).unwrap()).unwrap();
        assert_eq!(back.schema.events, p.schema.events);
        assert!(back.schema.events[0].roles[1].en.is_empty());
    }

    #[test]
    fn a_refused_record_is_found_on_its_line() {
        let src = "{\n  \"documents\": [\n    {\n      \"id\": \"d1\",\n      \"spans\": [\n        {\"id\": \"T1\"},\n        {\"id\": \"T2\", \"end\": 9}\n      ],\n      \"events\": [{\"id\": \"E1\", \"trigger\": \"T2\"}]\n    }\n  ]\n}\n";
        assert_eq!(
            line_of_record(src, "d1: T2: char offset 9 is past the end"),
            Some(7)
        );
        assert_eq!(
            line_of_record(src, "d1: event E1: its id is not a valid id"),
            Some(9)
        );
        // A document-level problem: the document's line.
        assert_eq!(
            line_of_record(src, "d1: unknown document status \"x\""),
            Some(4)
        );
        // The schema, or a document the file does not hold: no line.
        assert_eq!(line_of_record(src, "unknown figure kind \"X\""), None);
        assert_eq!(line_of_record(src, "d2: T1: nope"), None);
    }

    #[test]
    fn a_refused_corpus_is_said_in_both_languages_on_its_line() {
        let src = r#"{"format": "biaozhu-corpus", "version": 1, "name": "p",
  "schema": {"entities": [], "figures": [], "events": []},
  "documents": [
    {"id": "d1", "layer": "main", "status": "done", "text": "甘肃省总工会",
     "spans": [
       {"id": "T1", "start": 0, "end": 3, "text": "甘肃省", "kind": "entity",
        "label": "LOC", "source": "manual", "status": "accepted"},
       {"id": "T2", "start": 3, "end": 6, "text": "总工", "kind": "entity",
        "label": "ORG", "source": "manual", "status": "accepted"}],
     "events": []}]}"#;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.json");
        std::fs::write(&f, src).unwrap();
        let e = read_json(&f, &Options::default()).unwrap_err();
        assert_eq!(e.line, Some(8));
        assert_eq!(
            e.message.zh,
            "d1：T2：文字 \"总工\" 与 3..6 处的 \"总工会\" 不符"
        );
        assert_eq!(
            e.message.en,
            "d1: T2: text \"总工\" does not match \"总工会\" at 3..6"
        );
        let bad = src.replace(
            "\"kind\": \"entity\",\n        \"label\": \"LOC\"",
            "\"kind\": \"thing\",\n        \"label\": \"LOC\"",
        );
        let e = to_project(&from_json(&bad).unwrap()).unwrap_err();
        assert_eq!(e.zh, "d1：T1：未知的标注种类 \"thing\"");
    }
}
