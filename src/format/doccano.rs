//! doccano sequence labelling (JSON Lines), in the shapes doccano reads and writes:
//!
//! - `{"text", "label": [[start, end, "LABEL"], …]}`: a sequence-labelling project's export
//!   and import (old versions wrote `labels`); what biaozhu writes without events;
//! - `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
//!   [{"id", "from_id", "to_id", "type"}]}`: a project with relation labelling; what biaozhu
//!   writes when the export holds events (below);
//! - `{"id", "text", "annotations": [{"label", "start_offset", "end_offset", "user"}]}`: the
//!   frontend's download, whose `label` may be doccano's numeric label id (kept as the label
//!   `"2"`, with a problem line saying so).
//!
//! A record may span several lines (a pretty-printed object) and blank lines are skipped; a
//! record's line is the line its `{` is on. `id` names the document; other keys (`meta`,
//! `Comments`, `user`) are ignored.
//!
//! # Offsets: UTF-16 code units
//!
//! doccano's offsets are JavaScript string indices taken in the browser, so they count UTF-16
//! code units: 😀 (U+1F600) and 𠮷 (U+20BB7) count 2, 👨‍👩‍👧 (three emoji joined by two
//! ZWJ) counts 8. Checked against doccano's own record: pull request doccano#99 (2019)
//! explains that its offsets are UTF-16 units because of JavaScript's `length`; #108 moved
//! the old (0.x) frontend to code points, but the current frontend is back to JavaScript
//! indices, reported in doccano#2290 (2023, open: `text = "👨🏻‍🚒 firemen …"` gives
//! `firetrucks` at 22..32 in doccano, 19..29 in Python). doccano's `SequenceLabelingProject`
//! has a `grapheme_mode` flag ("Count grapheme clusters as one character", off by default)
//! under which offsets count grapheme clusters instead: such a project's files are not read
//! right here (their offsets differ only after an emoji sequence or combining mark; a span
//! that then lands inside a surrogate pair is refused, not moved). The exporter
//! (`backend/data_export/models.py`) writes `start_offset`/`end_offset` as stored, so what
//! doccano exports is what its frontend computed.
//!
//! Offsets are converted here and nowhere else ([`Utf16Index`]): on import each is mapped to
//! a char offset, and one that falls inside a surrogate pair (no char starts there) or past
//! the end refuses the file with its line, never rounded to a neighbour.
//!
//! # Events
//!
//! An export holding events is written in the relation shape for every record (doccano reads
//! one shape per project): a trigger is an entity labelled with its event type, each argument
//! an entity, and each role a relation `trigger → argument` whose `type` is the role. The
//! record also lists the labels that are event types in `"event_types"` (doccano keeps an
//! unknown key as the example's metadata and writes it back on export). On import, an entity
//! whose label is listed there, or is an event type of the default bulletin schema, is a
//! trigger: an event of that type whose arguments are the targets of its relations (the
//! roles are the relation types); an entity labelled `ARG` is a bare argument. Relations
//! from any other entity are relations between entities, which biaozhu does not hold: each
//! is a problem line, the entities themselves are imported.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::registry::{
    ErrorKind, Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read,
    Target, file_name, read_text_file,
};
use super::training::{FlatSpan, KindsLeftOut, read_doc};
use crate::i18n::Said;
use crate::model::{
    Document, Event, EventId, Project, Schema, SpanId, SpanKind, left_out_of_events,
};
use crate::said;

/// doccano sequence labelling, JSON Lines with UTF-16 offsets.
pub static FORMAT: Format = Format {
    name: "doccano",
    title: ["doccano", "doccano"],
    help: "doccano sequence labelling (JSONL): {text, label: [[start, end, LABEL]]}, offsets in UTF-16 units; events as entities + relations (trigger → argument, type = role)",
    extensions: &["jsonl", "json"],
    holds: Holds {
        spans: true,
        values: false,
        events: true,
        relations: false,
        loose_spans: true,
    },
    options: &[
        OptionKind::Encoding,
        OptionKind::IncludePending,
        OptionKind::Kinds,
    ],
    target: Target::File,
    import: Some(read_file),
    export: Some(build),
};

/// The record key listing which entity labels are event types (written with events).
pub const EVENT_TYPES_KEY: &str = "event_types";

/// The label of an argument span that is no entity or figure.
const ARG: &str = "ARG";

/// The UTF-16 offsets of a text's char boundaries: converts doccano's (JavaScript's) offsets
/// to char offsets and back.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// `starts[i]` is the UTF-16 offset of char `i`; the last entry is the text's length.
    starts: Vec<u64>,
}

/// Why a UTF-16 offset has no char offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16Miss {
    /// Past the end of a text of this many units.
    Past(u64),
    /// Inside the surrogate pair of char `char` (this char index).
    Inside {
        /// The char whose pair it splits.
        ch: char,
        /// Its char index.
        at: u32,
    },
}

impl Utf16Index {
    /// The index of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut at = 0u64;
        for c in text.chars() {
            starts.push(at);
            at += c.len_utf16() as u64;
        }
        starts.push(at);
        Self { starts }
    }

    /// The text's length in UTF-16 units.
    pub fn len_units(&self) -> u64 {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The char offset of UTF-16 offset `unit` (the text's end maps to its char count).
    pub fn to_char(&self, unit: u64, text: &str) -> Result<u32, Utf16Miss> {
        match self.starts.binary_search(&unit) {
            Ok(i) => u32::try_from(i).map_err(|_| Utf16Miss::Past(self.len_units())),
            Err(i) if i >= self.starts.len() => Err(Utf16Miss::Past(self.len_units())),
            Err(i) => {
                // Inside the char before the insertion point.
                let at = i.saturating_sub(1);
                let ch = text.chars().nth(at).unwrap_or('\u{fffd}');
                Err(Utf16Miss::Inside {
                    ch,
                    at: u32::try_from(at).unwrap_or(u32::MAX),
                })
            }
        }
    }

    /// The UTF-16 offset of char offset `ch` (`None` past the end).
    pub fn to_units(&self, ch: u32) -> Option<u64> {
        self.starts.get(ch as usize).copied()
    }
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let decoded = read_text_file(file, opts.encoding.as_deref())?;
    let records = json_records(file, &decoded.text)?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doccano".into());
    let fname = file_name(file);
    let default_types: HashSet<String> = Schema::default_bulletin()
        .events
        .into_iter()
        .map(|e| e.key)
        .collect();
    let mut problems = Vec::new();
    let mut docs = Vec::new();
    let mut numeric_labels: BTreeSet<String> = BTreeSet::new();
    for (k, (line, v)) in records.into_iter().enumerate() {
        let err = |message: Said| FormatError {
            file: file.to_path_buf(),
            line: Some(line),
            message,
            kind: ErrorKind::Parse,
        };
        let Value::Object(rec) = v else {
            let kind = kind_of(&v);
            return Err(err(said!(
                "doccano 记录应是含 \"text\" 的 JSON 对象，而不是{kind}",
                "a doccano record is a JSON object with \"text\", not {kind}";
                kind
            )));
        };
        let text = match rec.get("text") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                let kind = kind_of(other);
                return Err(err(said!(
                    "\"text\" 是{kind}，不是字符串",
                    "\"text\" is {kind}, not a string";
                    kind
                )));
            }
            None => {
                return Err(err(said!(
                    "记录没有 \"text\"",
                    "the record has no \"text\""
                )));
            }
        };
        if text.is_empty() {
            return Err(err(said!("文本是空的", "the text is empty")));
        }
        let name = match rec.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{stem}_{}", k + 1),
        };
        let index = Utf16Index::new(&text);
        let mut rd = Record {
            file,
            line,
            text: &text,
            index: &index,
            spans: Vec::new(),
            seen: HashMap::new(),
            problems: &mut problems,
            numeric_labels: &mut numeric_labels,
        };
        // entity id (as written) → index into spans
        let mut ids: HashMap<String, usize> = HashMap::new();
        let shape;
        if let Some(ents) = rec.get("entities") {
            shape = "relations";
            for e in array(ents, "entities").map_err(err)? {
                let i = rd.item(e)?;
                if let Some(id) = e.get("id") {
                    ids.insert(id.to_string(), i);
                }
            }
        } else if let Some(anns) = rec.get("annotations") {
            shape = "annotations";
            for a in array(anns, "annotations").map_err(err)? {
                rd.item(a)?;
            }
        } else if let Some(l) = rec.get("label").or_else(|| rec.get("labels")) {
            shape = "label";
            for a in array(l, "label").map_err(err)? {
                rd.item(a)?;
            }
        } else {
            shape = "label";
        }
        let spans = std::mem::take(&mut rd.spans);
        // Which labels are event types: the record's list, and the default schema's.
        let mut types: HashSet<String> = default_types.clone();
        if let Some(list) = rec.get(EVENT_TYPES_KEY).and_then(Value::as_array) {
            types.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
        }
        let triggers: Vec<usize> = (0..spans.len())
            .filter(|&i| types.contains(&spans[i].label))
            .collect();
        let mut args: Vec<Vec<(String, SpanId)>> = vec![Vec::new(); triggers.len()];
        if shape == "relations"
            && let Some(rels) = rec.get("relations")
        {
            for (r_no, r) in array(rels, "relations").map_err(err)?.iter().enumerate() {
                let end = |key: &str| r.get(key).and_then(|id| ids.get(&id.to_string()).copied());
                let ty = r.get("type").and_then(|t| match t {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                });
                let f = file.display();
                let (Some(from), Some(to), Some(ty)) = (end("from_id"), end("to_id"), ty) else {
                    let n = r_no + 1;
                    problems.push(said!(
                        "{f}:{line}：关系 {n}（{r}）没有指明本记录的两个实体和一个类型；未导入",
                        "{f}:{line}: relation {n} ({r}) does not name two entities of the record and a type; not imported"
                    ));
                    continue;
                };
                match triggers.iter().position(|&t| t == from) {
                    Some(t) => args[t].push((ty, SpanId(span_number(to)))),
                    None => {
                        let (l1, s1) = (&spans[from].label, surface(&text, &spans[from]));
                        let (l2, s2) = (&spans[to].label, surface(&text, &spans[to]));
                        problems.push(said!(
                            "{f}:{line}：从 {l1} {s1:?} 到 {l2} {s2:?} 的关系 {ty} 未导入：biaozhu 保存的是事件（触发词的角色），不是实体之间的关系",
                            "{f}:{line}: relation {ty} from {l1} {s1:?} to {l2} {s2:?} is not imported: biaozhu holds events (a trigger's roles), not relations between entities"
                        ));
                    }
                }
            }
        } else if rec.get("relations").is_some() {
            let f = file.display();
            problems.push(said!(
                "{f}:{line}：有 \"relations\" 而没有 \"entities\"，未导入",
                "{f}:{line}: \"relations\" without \"entities\" is not imported"
            ));
        }
        let mut doc = read_doc(
            file,
            line,
            name,
            format!("{fname} line {line} (doccano)"),
            text.clone(),
            &decoded,
            spans,
            false,
        )?;
        let mut events = Vec::new();
        for (n, (&t, args)) in triggers.iter().zip(args).enumerate() {
            let id = SpanId(span_number(t));
            let Some(s) = doc.spans.iter_mut().find(|s| s.id == id) else {
                continue;
            };
            s.kind = SpanKind::Trigger;
            events.push(Event {
                unsure: false,
                note: None,
                id: EventId(u32::try_from(n + 1).unwrap_or(u32::MAX)),
                event_type: s.label.clone(),
                trigger: id,
                args,
            });
        }
        for s in &mut doc.spans {
            if s.label == ARG && s.kind == SpanKind::Entity {
                s.kind = SpanKind::Argument;
            }
        }
        doc.events = events;
        docs.push(doc);
    }
    let f = file.display();
    for l in numeric_labels {
        problems.push(said!(
            "{f}：标签 {l} 是 doccano 的标签编号，不是标签名（前端下载的文件写的是编号）；它的标注以标签 \"{l}\" 导入：请在标签体系中改名",
            "{f}: label {l} is a doccano label id, not a label name (the frontend's download writes ids); its spans are imported with the label \"{l}\": rename it in the schema"
        ));
    }
    Ok(Read {
        docs,
        problems,
        ..Read::default()
    })
}

/// A span's number in the [`read_doc`] it is given to (its index + 1).
fn span_number(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// The text of a span, for messages (empty where it does not fit; `read_doc` says so).
fn surface(text: &str, s: &FlatSpan) -> String {
    text.chars()
        .skip(s.start as usize)
        .take(s.end.saturating_sub(s.start) as usize)
        .collect()
}

/// The spans of one record as they are read.
struct Record<'a> {
    file: &'a Path,
    line: usize,
    text: &'a str,
    index: &'a Utf16Index,
    spans: Vec<FlatSpan>,
    /// (start, end, label) → index into `spans`, for duplicates.
    seen: HashMap<FlatSpan, usize>,
    problems: &'a mut Vec<Said>,
    numeric_labels: &'a mut BTreeSet<String>,
}

impl Record<'_> {
    fn err(&self, message: Said) -> FormatError {
        FormatError {
            file: self.file.to_path_buf(),
            line: Some(self.line),
            message,
            kind: ErrorKind::Parse,
        }
    }

    /// Read one span, `[start, end, label]` or `{start_offset, end_offset, label}`; returns
    /// its index in `spans` (a duplicate gives the first one's, with a problem line).
    fn item(&mut self, v: &Value) -> Result<usize, FormatError> {
        let (s, e, l) = match v {
            Value::Array(a) if a.len() == 3 => (&a[0], &a[1], &a[2]),
            Value::Object(o) => {
                match (o.get("start_offset"), o.get("end_offset"), o.get("label")) {
                    (Some(s), Some(e), Some(l)) => (s, e, l),
                    _ => {
                        return Err(self.err(said!(
                            "标注需要 start_offset、end_offset 和 label：{v}",
                            "a span needs start_offset, end_offset and label: {v}"
                        )));
                    }
                }
            }
            _ => {
                return Err(self.err(said!(
                    "标注应写作 [start, end, \"LABEL\"] 或 {{start_offset, end_offset, label}}，而不是 {v}",
                    "a span is [start, end, \"LABEL\"] or {{start_offset, end_offset, label}}, not {v}"
                )));
            }
        };
        let label = match l {
            Value::String(x) => x.clone(),
            Value::Number(n) => {
                self.numeric_labels.insert(n.to_string());
                n.to_string()
            }
            other => {
                let kind = kind_of(other);
                return Err(self.err(said!(
                    "标注的标签是{kind}：{v}",
                    "a span's label is {kind}: {v}";
                    kind
                )));
            }
        };
        let start = self.offset(s, &label, v)?;
        let end = self.offset(e, &label, v)?;
        let span = FlatSpan::new(start, end, label);
        if let Some(&i) = self.seen.get(&span) {
            let (f, line, label) = (self.file.display(), self.line, &span.label);
            self.problems.push(said!(
                "{f}:{line}：标注 {label} {v} 出现了两次；只导入一次",
                "{f}:{line}: span {label} {v} is there twice; imported once"
            ));
            return Ok(i);
        }
        let i = self.spans.len();
        self.seen.insert(span.clone(), i);
        self.spans.push(span);
        Ok(i)
    }

    /// A UTF-16 offset from the file as a char offset.
    fn offset(&self, v: &Value, label: &str, item: &Value) -> Result<u32, FormatError> {
        let Some(u) = v.as_u64() else {
            return Err(self.err(said!(
                "标注 {label} {item}：偏移 {v} 不是从 0 起的整数",
                "span {label} {item}: offset {v} is not a whole number from 0"
            )));
        };
        self.index.to_char(u, self.text).map_err(|m| match m {
            Utf16Miss::Past(n) => self.err(said!(
                "标注 {label} {item}：偏移 {u} 超出了文本末尾（共 {n} 个 UTF-16 单元；doccano 按 UTF-16 单元计数）",
                "span {label} {item}: offset {u} is past the end of the text ({n} UTF-16 units; doccano counts UTF-16 units)"
            )),
            Utf16Miss::Inside { ch, at } => {
                let code = u32::from(ch);
                self.err(said!(
                    "标注 {label} {item}：偏移 {u} 落在 {ch:?}（U+{code:04X}，字偏移 {at}）的中间，这个字占两个 UTF-16 单元：那里没有字的起点",
                    "span {label} {item}: offset {u} is inside {ch:?} (U+{code:04X}, char {at}), which takes two UTF-16 units: no char starts there"
                ))
            }
        })
    }
}

fn array<'v>(v: &'v Value, key: &str) -> Result<&'v Vec<Value>, Said> {
    v.as_array().ok_or_else(|| {
        let kind = kind_of(v);
        said!(
            "\"{key}\" 是{kind}，不是列表",
            "\"{key}\" is {kind}, not a list";
            kind
        )
    })
}

/// What a JSON value is, for messages: `a number` / `数字`.
pub(crate) fn kind_of(v: &Value) -> Said {
    let (zh, en) = match v {
        Value::Null => ("空值（null）", "null"),
        Value::Bool(_) => ("布尔值（true 或 false）", "true or false"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("列表", "a list"),
        Value::Object(_) => ("对象", "an object"),
    };
    Said {
        zh: zh.into(),
        en: en.into(),
    }
}

/// The JSON values of `src` (JSON Lines, pretty-printed objects one after another, or one
/// array of them), each with the line it starts on. Broken JSON is an error naming its line.
pub(crate) fn json_records(file: &Path, src: &str) -> Result<Vec<(usize, Value)>, FormatError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::new();
    let mut de = serde_json::Deserializer::from_str(src).into_iter::<Value>();
    let (mut counted, mut line) = (0usize, 1usize);
    loop {
        let before = de.byte_offset();
        let next = de.next();
        if next.is_none() {
            break;
        }
        // The line the value (or the broken one) starts on.
        let rest = src.get(before..).unwrap_or("");
        let start = before + (rest.len() - rest.trim_start().len());
        line += src
            .get(counted..start)
            .unwrap_or("")
            .bytes()
            .filter(|b| *b == b'\n')
            .count();
        counted = start;
        match next {
            None => break,
            Some(Ok(v)) => match v {
                Value::Array(items) => out.extend(items.into_iter().map(|x| (line, x))),
                v => out.push((line, v)),
            },
            Some(Err(e)) => {
                let full = e.to_string();
                let position = format!(" at line {} column {}", e.line(), e.column());
                let message = full.strip_suffix(&position).unwrap_or(&full);
                // A record cut short is named by the line it starts on, not the file's end.
                // What serde_json said stays as it said it.
                let (at, message) = if e.is_eof() {
                    (
                        line,
                        said!(
                            "不是 JSON：从这里开始的记录没有结束（{message}）",
                            "not JSON: the record starting here is not finished ({message})"
                        ),
                    )
                } else {
                    let column = e.column();
                    (
                        e.line(),
                        said!(
                            "不是 JSON：{message}（第 {column} 列）",
                            "not JSON: {message} (column {column})"
                        ),
                    )
                };
                return Err(FormatError {
                    file: file.to_path_buf(),
                    line: Some(at),
                    message,
                    kind: ErrorKind::Parse,
                });
            }
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct LabelRecord<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(u64, u64, &'a str)>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: u32,
    start_offset: u64,
    end_offset: u64,
    label: &'a str,
}

#[derive(Serialize)]
struct Relation<'a> {
    id: usize,
    from_id: u32,
    to_id: u32,
    #[serde(rename = "type")]
    ty: &'a str,
}

#[derive(Serialize)]
struct RelationRecord<'a> {
    id: &'a str,
    text: &'a str,
    entities: Vec<Entity<'a>>,
    relations: Vec<Relation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    event_types: Vec<&'a str>,
}

/// Whether `d` has an event an export writes (its trigger is written).
fn has_events(d: &Document, opts: &Options) -> bool {
    d.layer.events.iter().any(|e| {
        d.layer
            .span(e.trigger)
            .is_some_and(|t| super::training::written_status(t.status, opts))
    })
}

fn build(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let with_events = p.documents.iter().any(|d| has_events(d, opts));
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut spans = 0;
    let total = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(None);
        }
        let (line, n) = export_doc(d, opts, with_events, &mut left, &mut notes)?;
        spans += n;
        out.push_str(&line);
        out.push('\n');
    }
    progress(total, total);
    notes.extend(left.note(opts.kinds()));
    Ok(Some(Exported {
        output: Output::File(out),
        documents: total,
        spans,
        notes,
    }))
}

/// The spans of `d` a span format writes: accepted ones (and pending ones with
/// `include_pending`) of the chosen kinds, and with `events` every span of an event whatever
/// its kind. Notes name the kinds left out and the parts of events not written.
pub(crate) fn written_spans<'d>(
    d: &'d Document,
    opts: &Options,
    events: bool,
    left: &mut KindsLeftOut,
    notes: &mut Vec<Said>,
) -> Vec<&'d crate::model::Span> {
    let kinds = opts.kinds();
    let mut in_events: HashSet<SpanId> = HashSet::new();
    if events {
        for e in &d.layer.events {
            in_events.insert(e.trigger);
            in_events.extend(e.args.iter().map(|(_, a)| *a));
        }
    }
    notes.extend(left_out_of_events(d, opts.include_pending));
    super::training::chosen_spans(d, opts, kinds, &in_events, left)
}

/// One document's record and how many spans it holds.
fn export_doc(
    d: &Document,
    opts: &Options,
    with_events: bool,
    left: &mut KindsLeftOut,
    notes: &mut Vec<Said>,
) -> Result<(String, usize), FormatError> {
    let index = Utf16Index::new(d.text.as_str());
    let id = &d.meta.id;
    let units = |ch: u32| {
        index.to_units(ch).ok_or_else(|| {
            FormatError::export(said!(
                "{id}：字偏移 {ch} 超出了文本末尾",
                "{id}: char offset {ch} is past the end of the text"
            ))
        })
    };
    let mut chosen = written_spans(d, opts, with_events, left, notes);
    if !with_events {
        let mut label: Vec<(u64, u64, &str)> = Vec::with_capacity(chosen.len());
        for s in &chosen {
            label.push((units(s.range.start)?, units(s.range.end)?, s.label.as_str()));
        }
        label.sort_unstable();
        label.dedup();
        let n = label.len();
        let rec = LabelRecord {
            id: &d.meta.id,
            text: d.text.as_str(),
            label,
        };
        let s = serde_json::to_string(&rec)
            .map_err(|e| FormatError::export(Said::verbatim(e.to_string())))?;
        return Ok((s, n));
    }
    chosen.sort_by_key(|s| (s.range.start, s.range.end, s.id));
    let written: HashSet<SpanId> = chosen.iter().map(|s| s.id).collect();
    let mut entities = Vec::with_capacity(chosen.len());
    for s in &chosen {
        entities.push(Entity {
            id: s.id.0,
            start_offset: units(s.range.start)?,
            end_offset: units(s.range.end)?,
            label: s.label.as_str(),
        });
    }
    let mut relations = Vec::new();
    let mut event_types: Vec<&str> = Vec::new();
    let mut trigger_of: HashMap<SpanId, &Event> = HashMap::new();
    for e in &d.layer.events {
        let Some(t) = d.layer.span(e.trigger).filter(|t| written.contains(&t.id)) else {
            continue;
        };
        let (eid, ty, tid, range, label) = (e.id, &e.event_type, t.id, t.range, &t.label);
        if let Some(first) = trigger_of.get(&t.id) {
            let first = first.id;
            notes.push(said!(
                "{id}：事件 {first} 和 {eid} 共用触发词 {tid} {range}：doccano 里它只是一个实体，所以导回时是一个 {label} 事件",
                "{id}: events {first} and {eid} share the trigger {tid} {range}: doccano has one entity for it, so they come back as one event {label}"
            ));
        } else {
            trigger_of.insert(t.id, e);
        }
        if t.label != e.event_type {
            notes.push(said!(
                "{id}：事件 {eid} 的类型是 {ty}，但它的触发词 {tid} {range} 的标签是 {label}：doccano 保存的是标签，所以导回时是 {label} 事件",
                "{id}: event {eid} is of type {ty} but its trigger {tid} {range} is labelled {label}: doccano holds the label, so it comes back as a {label} event"
            ));
        }
        if !event_types.contains(&t.label.as_str()) {
            event_types.push(t.label.as_str());
        }
        for (role, a) in &e.args {
            if written.contains(a) {
                relations.push(Relation {
                    id: relations.len() + 1,
                    from_id: t.id.0,
                    to_id: a.0,
                    ty: role.as_str(),
                });
            }
        }
    }
    // An entity whose label is an event type comes back as a trigger: say so for any that
    // is not one here.
    for s in &chosen {
        if event_types.contains(&s.label.as_str()) && !trigger_of.contains_key(&s.id) {
            let (sid, range, label) = (s.id, s.range, &s.label);
            notes.push(said!(
                "{id}：{sid} {range} 的标签 {label} 在这里是事件类型，但它不是任何事件的触发词：导回时会成为触发词",
                "{id}: {sid} {range} is labelled {label}, an event type here, but is no event's trigger: it comes back as one"
            ));
        }
    }
    event_types.sort_unstable();
    let n = entities.len();
    let rec = RelationRecord {
        id: &d.meta.id,
        text: d.text.as_str(),
        entities,
        relations,
        event_types,
    };
    let s = serde_json::to_string(&rec)
        .map_err(|e| FormatError::export(Said::verbatim(e.to_string())))?;
    Ok((s, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_map_to_chars_and_back() {
        // DESIGN.md §3: 𠮷野家😀在北京开店, 北京 is chars 5..7, UTF-16 7..9.
        let t = "𠮷野家😀在北京开店";
        let ix = Utf16Index::new(t);
        assert_eq!(ix.to_char(7, t), Ok(5));
        assert_eq!(ix.to_char(9, t), Ok(7));
        assert_eq!(ix.to_units(5), Some(7));
        assert_eq!(ix.len_units(), 11);
        assert_eq!(ix.to_char(11, t), Ok(9));
        assert_eq!(ix.to_char(1, t), Err(Utf16Miss::Inside { ch: '𠮷', at: 0 }));
        assert_eq!(ix.to_char(5, t), Err(Utf16Miss::Inside { ch: '😀', at: 3 }));
        assert_eq!(ix.to_char(12, t), Err(Utf16Miss::Past(11)));
        let family = "👨\u{200d}👩\u{200d}👧家";
        let ix = Utf16Index::new(family);
        assert_eq!(ix.len_units(), 9);
        assert_eq!(ix.to_char(8, family), Ok(5));
    }

    #[test]
    fn records_may_span_lines_and_errors_name_the_line() {
        let src = "\n{\"text\": \"a\",\n \"label\": []}\n{\"text\": \"b\"}\n";
        let r = json_records(Path::new("f.jsonl"), src).unwrap();
        assert_eq!(r.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![2, 4]);
        let e =
            json_records(Path::new("f.jsonl"), "{\"text\": \"a\"}\n{\"text\": }\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("f.jsonl:2: not JSON"), "{e}");
    }

    #[test]
    fn relations_from_event_type_entities_are_events_and_others_are_problems() {
        let rec = r#"{"text": "甘肃省总工会召开推进会", "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 6, "label": "ORG"},
            {"id": 2, "start_offset": 6, "end_offset": 8, "label": "开会"},
            {"id": 3, "start_offset": 8, "end_offset": 11, "label": "ARG"},
            {"id": 4, "start_offset": 0, "end_offset": 2, "label": "庆祝"}],
          "relations": [{"from_id": 2, "to_id": 1, "type": "主体"},
            {"from_id": 2, "to_id": 3, "type": "对象"},
            {"from_id": 1, "to_id": 3, "type": "rel"}],
          "event_types": ["开会", "庆祝"]}"#;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("ev.jsonl");
        std::fs::write(&f, rec).unwrap();
        let r = read_file(&f, &Options::default()).unwrap();
        let d = &r.docs[0];
        assert_eq!(d.events.len(), 2);
        let e = &d.events[0];
        assert_eq!(e.event_type, "开会");
        assert_eq!(
            e.args,
            vec![
                ("主体".to_string(), SpanId(1)),
                ("对象".to_string(), SpanId(3))
            ]
        );
        assert_eq!(d.events[1].event_type, "庆祝");
        assert!(d.events[1].args.is_empty());
        let kind = |n: u32| d.spans.iter().find(|s| s.id == SpanId(n)).unwrap().kind;
        assert_eq!(kind(2), SpanKind::Trigger);
        assert_eq!(kind(3), SpanKind::Argument);
        assert_eq!(kind(1), SpanKind::Entity);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(
            r.problems[0].en.contains(":1: relation rel from ORG"),
            "{:?}",
            r.problems
        );
        let at = f.display().to_string();
        assert_eq!(
            r.problems[0].zh,
            format!(
                "{at}:1：从 ORG \"甘肃省总工会\" 到 ARG \"推进会\" 的关系 rel 未导入：biaozhu 保存的是\
                 事件（触发词的角色），不是实体之间的关系"
            )
        );
    }

    #[test]
    fn errors_and_notes_are_worded_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("e.jsonl");
        std::fs::write(
            &f,
            "{\"text\": \"甘肃\", \"label\": []}\n{\"text\": \"𠮷野家\", \"label\": [[1, 3, \"ORG\"]]}\n",
        )
        .unwrap();
        let e = read_file(&f, &Options::default()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(
            e.message.zh,
            "标注 ORG [1,3,\"ORG\"]：偏移 1 落在 '𠮷'（U+20BB7，字偏移 0）的中间，这个字占两个 \
             UTF-16 单元：那里没有字的起点"
        );
        assert!(
            e.message
                .en
                .starts_with("span ORG [1,3,\"ORG\"]: offset 1 is inside '𠮷'")
        );
        std::fs::write(&f, "{\"text\": \"甘肃\", \"label\": 3}").unwrap();
        let e = read_file(&f, &Options::default()).unwrap_err();
        assert_eq!(e.message.zh, "\"label\" 是数字，不是列表");
        assert_eq!(e.message.en, "\"label\" is a number, not a list");

        // An event whose trigger is labelled otherwise than its type.
        use crate::model::{CharRange, DocMeta, DocStatus, Layer, Span, Text};
        let mut p = Project::new("p", "main");
        let spans = vec![
            Span::new(SpanId(1), CharRange::new(0, 2), SpanKind::Trigger, "开会"),
            Span::new(SpanId(2), CharRange::new(2, 4), SpanKind::Entity, "ORG"),
        ];
        let events = vec![Event {
            id: EventId(1),
            event_type: "庆祝".into(),
            trigger: SpanId(1),
            args: vec![("主体".into(), SpanId(2))],
            unsure: false,
            note: None,
        }];
        p.documents.push(Document {
            meta: DocMeta {
                id: "d1".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new("召开工会".to_string()),
            layer: Layer::from_parts(spans, events, DocStatus::Done, 3, 2),
        });
        let out = build(&p, &Options::default(), &mut |_, _| true)
            .unwrap()
            .unwrap();
        let note = out
            .notes
            .iter()
            .find(|n| n.en.contains("is of type 庆祝"))
            .unwrap_or_else(|| panic!("{:?}", out.notes));
        assert_eq!(
            note.zh,
            "d1：事件 E1 的类型是 庆祝，但它的触发词 T1 0..2 的标签是 开会：doccano 保存的是标签，\
             所以导回时是 开会 事件"
        );
    }
}
