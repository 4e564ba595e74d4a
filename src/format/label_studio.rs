//! Label Studio tasks (JSON): what Label Studio imports and exports for a text labelling
//! project, a list of tasks (or one task object):
//!
//! ```json
//! [{"id": 1, "data": {"text": "…"},
//!   "annotations": [{"id": 7, "result": [
//!     {"id": "T1", "from_name": "label", "to_name": "text", "type": "labels",
//!      "value": {"start": 0, "end": 6, "text": "甘肃省总工会", "labels": ["ORG"]}},
//!     {"type": "relation", "from_id": "T4", "to_id": "T1", "direction": "right",
//!      "labels": ["主体"]}]}],
//!   "predictions": [{"result": […], "score": 0.9}]}]
//! ```
//!
//! `start` and `end` count code points, end exclusive (Label Studio's fix for emoji offsets,
//! HumanSignal/label-studio#1559, stores code points; before it an emoji counted 2), and
//! `value.text` must be the text at those offsets: a mismatch refuses the file, naming the
//! task and its line.
//!
//! Import: a task's first annotation (not cancelled) gives accepted spans; the others are
//! named in the problems (each with its id and span count). Every prediction gives pending
//! suggestions (source Imported); a prediction equal to an accepted span is kept once, as
//! accepted. A result item with several labels is a span per label. A relation from a span
//! whose label is an event type (listed in `data.event_types`, or of the default bulletin
//! schema) is an event's role, as in doccano ([`super::doccano`]); other relations and
//! result types (choices, text areas …) are problems, not imported.
//!
//! Export: one task per document, `data` = `{"text", "name"}` (the document id; plus
//! `event_types` when it holds events), accepted spans and the events on them in
//! `annotations[0].result`, pending spans (with `--include-pending`) and the events on them
//! in `predictions[0].result`. Results use `from_name: "label"` and `to_name: "text"`, so
//! they match the labelling config
//! `<View><Labels name="label" toName="text">…</Labels><Text name="text" value="$text"/><Relations>…</Relations></View>`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::doccano::{EVENT_TYPES_KEY, kind_of, written_spans};
use super::registry::{
    ErrorKind, Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read,
    Target, file_name, read_text_file,
};
use super::training::{FlatSpan, KindsLeftOut, read_doc};
use crate::i18n::Said;
use crate::model::{Document, Event, EventId, Project, Schema, SpanId, SpanKind, SpanStatus};
use crate::said;

/// Label Studio tasks.
pub static FORMAT: Format = Format {
    name: "label-studio",
    title: ["Label Studio", "Label Studio"],
    help: "Label Studio tasks (JSON): annotations as accepted spans, predictions as pending suggestions, relations as event roles; char offsets",
    extensions: &["json"],
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

/// The `from_name` of the results written (the config's `<Labels name=…>`).
pub const FROM_NAME: &str = "label";
/// The `to_name` of the results written (the config's `<Text name=…>`).
pub const TO_NAME: &str = "text";

/// The line each element of a top-level JSON array starts on (one line for a lone value).
/// `src` must be valid JSON.
fn element_lines(src: &str) -> Vec<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_str, mut esc, mut expect) = (false, false, false);
    let mut out = Vec::new();
    for c in src.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if c.is_whitespace() || c == '\u{feff}' {
            continue;
        }
        if depth == 0 && c != '[' {
            return vec![line];
        }
        if depth == 1 && expect && c != ']' {
            out.push(line);
            expect = false;
        }
        match c {
            '"' => in_str = true,
            '[' | '{' => {
                if depth == 0 {
                    expect = true;
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    out
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let decoded = read_text_file(file, opts.encoding.as_deref())?;
    let src = decoded
        .text
        .strip_prefix('\u{feff}')
        .unwrap_or(&decoded.text);
    let v: Value = serde_json::from_str(src).map_err(|e| {
        let full = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        // What serde_json said stays as it said it.
        let message = full.strip_suffix(&position).unwrap_or(&full);
        let column = e.column();
        FormatError {
            file: file.to_path_buf(),
            line: Some(e.line()),
            message: said!(
                "不是 JSON：{message}（第 {column} 列）",
                "not JSON: {message} (column {column})"
            ),
            kind: ErrorKind::Parse,
        }
    })?;
    let lines = element_lines(src);
    let tasks: Vec<Value> = match v {
        Value::Array(a) => a,
        Value::Object(_) => vec![v],
        other => {
            let kind = kind_of(&other);
            return Err(FormatError {
                line: Some(1),
                ..FormatError::new(
                    file,
                    said!(
                        "Label Studio 任务应是对象的列表，而不是{kind}",
                        "Label Studio tasks are a list of objects, not {kind}";
                        kind
                    ),
                )
            });
        }
    };
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "label-studio".into());
    let fname = file_name(file);
    let default_types: HashSet<String> = Schema::default_bulletin()
        .events
        .into_iter()
        .map(|e| e.key)
        .collect();
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for (k, task) in tasks.iter().enumerate() {
        let line = lines.get(k).copied().unwrap_or(1);
        let task_no = k + 1;
        let err = |message: Said| FormatError {
            file: file.to_path_buf(),
            line: Some(line),
            message: said!("任务 {task_no}：{message}", "task {task_no}: {message}"; message),
            kind: ErrorKind::Parse,
        };
        let f = file.display();
        let at = said!("{f}:{line}：任务 {task_no}", "{f}:{line}: task {task_no}");
        let Some(data) = task.get("data").and_then(Value::as_object) else {
            return Err(err(said!("没有 \"data\" 对象", "no \"data\" object")));
        };
        let text = match data.get("text") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(err(said!("文本是空的", "the text is empty"))),
            Some(other) => {
                let kind = kind_of(other);
                return Err(err(said!(
                    "data.text 是{kind}，不是字符串",
                    "data.text is {kind}, not a string";
                    kind
                )));
            }
            None => {
                return Err(err(said!(
                    "没有 data.text（Text 标签的 value $text）",
                    "no data.text (the Text tag's value $text)"
                )));
            }
        };
        let name = match (data.get("name"), task.get("id")) {
            (Some(Value::String(s)), _) if !s.trim().is_empty() => s.clone(),
            (_, Some(Value::Number(n))) => n.to_string(),
            (_, Some(Value::String(s))) if !s.trim().is_empty() => s.clone(),
            _ => format!("{stem}_{task_no}"),
        };
        let mut types = default_types.clone();
        if let Some(list) = data.get(EVENT_TYPES_KEY).and_then(Value::as_array) {
            types.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
        }
        let mut reader = TaskReader {
            err: &err,
            at: &at,
            chars: text.chars().collect(),
            spans: Vec::new(),
            pending_from: usize::MAX,
            events: Vec::new(),
            problems: &mut problems,
            types: &types,
        };
        // The first annotation not cancelled; the others are said.
        let anns: &[Value] = match task.get("annotations") {
            Some(Value::Array(a)) => a,
            Some(other) => {
                let kind = kind_of(other);
                return Err(err(said!(
                    "\"annotations\" 是{kind}，不是列表",
                    "\"annotations\" is {kind}, not a list";
                    kind
                )));
            }
            None => &[],
        };
        let mut taken = false;
        for (i, a) in anns.iter().enumerate() {
            let n = i + 1;
            let results = results_of(a)
                .map_err(|m| err(said!("标注结果 {n}：{m}", "annotation {n}: {m}"; m)))?;
            let id = a
                .get("id")
                .map_or_else(|| format!("#{n}"), |v| v.to_string());
            if a.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                reader.problems.push(said!(
                    "{at}：标注结果 {id} 在 Label Studio 中已取消（跳过）；未导入",
                    "{at}: annotation {id} was cancelled (skipped) in Label Studio; not imported";
                    at
                ));
                continue;
            }
            if taken {
                let n = results.len();
                reader.problems.push(said!(
                    "{at}：标注结果 {id}（{n} 条结果）未导入：biaozhu 只取任务的第一份标注结果",
                    "{at}: annotation {id} ({n} results) is not imported: biaozhu takes a task's first annotation";
                    at
                ));
                continue;
            }
            taken = true;
            reader.result(results, &said!("标注结果 {id}", "annotation {id}"))?;
        }
        reader.pending_from = reader.spans.len();
        if let Some(preds) = task.get("predictions") {
            let Some(preds) = preds.as_array() else {
                let kind = kind_of(preds);
                return Err(err(said!(
                    "\"predictions\" 是{kind}，不是列表",
                    "\"predictions\" is {kind}, not a list";
                    kind
                )));
            };
            for (i, p) in preds.iter().enumerate() {
                let n = i + 1;
                let results = results_of(p)
                    .map_err(|m| err(said!("预测 {n}：{m}", "prediction {n}: {m}"; m)))?;
                reader.result(results, &said!("预测 {n}", "prediction {n}"))?;
            }
        }
        let TaskReader {
            spans,
            pending_from,
            events,
            ..
        } = reader;
        let mut doc = read_doc(
            file,
            line,
            name,
            format!("{fname} task {task_no} (Label Studio)"),
            text,
            &decoded,
            spans,
            false,
        )?;
        for (i, s) in doc.spans.iter_mut().enumerate() {
            if i >= pending_from {
                s.status = SpanStatus::Pending;
            }
            if s.label == "ARG" {
                s.kind = SpanKind::Argument;
            }
        }
        for e in &events {
            if let Some(s) = doc.spans.iter_mut().find(|s| s.id == e.trigger) {
                s.kind = SpanKind::Trigger;
            }
        }
        doc.events = events;
        docs.push(doc);
    }
    Ok(Read {
        docs,
        problems,
        ..Read::default()
    })
}

/// The `result` list of an annotation or prediction.
fn results_of(a: &Value) -> Result<&[Value], Said> {
    match a.get("result") {
        Some(Value::Array(r)) => Ok(r),
        Some(other) => {
            let kind = kind_of(other);
            Err(said!(
                "\"result\" 是{kind}，不是列表",
                "\"result\" is {kind}, not a list";
                kind
            ))
        }
        None => Err(said!("没有 \"result\"", "no \"result\"")),
    }
}

/// Reads the results of one task into spans and events.
struct TaskReader<'a, E: Fn(Said) -> FormatError> {
    err: &'a E,
    /// `FILE:LINE: task N`, the start of its problem lines.
    at: &'a Said,
    chars: Vec<char>,
    /// Accepted spans first, then pending ones (from `pending_from`).
    spans: Vec<FlatSpan>,
    pending_from: usize,
    events: Vec<Event>,
    problems: &'a mut Vec<Said>,
    types: &'a HashSet<String>,
}

impl<E: Fn(Said) -> FormatError> TaskReader<'_, E> {
    /// The span numbers (as `read_doc` numbers them) of `s`, adding it if new; a prediction
    /// equal to an accepted span is that span.
    fn add(&mut self, s: FlatSpan) -> u32 {
        let i = match self.spans.iter().position(|x| *x == s) {
            Some(i) => i,
            None => {
                self.spans.push(s);
                self.spans.len() - 1
            }
        };
        u32::try_from(i + 1).unwrap_or(u32::MAX)
    }

    fn result(&mut self, results: &[Value], whose: &Said) -> Result<(), FormatError> {
        // result id → span numbers (one per label)
        let mut by_id: HashMap<String, Vec<u32>> = HashMap::new();
        let mut relations = Vec::new();
        let at = self.at;
        for (j, r) in results.iter().enumerate() {
            let j = j + 1;
            let item = said!("{whose}，结果 {j}", "{whose}, result {j}"; whose);
            match r.get("type").and_then(Value::as_str) {
                Some("labels") => {}
                Some("relation") => {
                    relations.push((item, r));
                    continue;
                }
                other => {
                    let ty = match other {
                        Some(t) => Said::verbatim(t),
                        None => said!("（无）", "(none)"),
                    };
                    self.problems.push(said!(
                        "{at}：{item}：类型为 {ty} 的结果未导入（biaozhu 只读 labels 和 relation）",
                        "{at}: {item}: a result of type {ty} is not imported (biaozhu reads labels and relations)";
                        at, item, ty
                    ));
                    continue;
                }
            }
            let value = r.get("value").ok_or_else(|| {
                (self.err)(said!("{item}：没有 \"value\"", "{item}: no \"value\""; item))
            })?;
            let offset = |key: &str| -> Result<u32, FormatError> {
                value
                    .get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| {
                        (self.err)(match value.get(key) {
                            None => said!(
                                "{item}：没有 value.{key}（应为字偏移）",
                                "{item}: value.{key} is missing, not a char offset";
                                item
                            ),
                            Some(v) => {
                                let kind = kind_of(v);
                                said!(
                                    "{item}：value.{key} 是{kind}，不是字偏移",
                                    "{item}: value.{key} is {kind}, not a char offset";
                                    item, kind
                                )
                            }
                        })
                    })
            };
            let (start, end) = (offset("start")?, offset("end")?);
            if start >= end || end as usize > self.chars.len() {
                let n = self.chars.len();
                return Err((self.err)(said!(
                    "{item}：[{start}, {end}) 超出了 {n} 个字的文本",
                    "{item}: [{start}, {end}) does not fit the text of {n} chars";
                    item
                )));
            }
            let here: String = self.chars[start as usize..end as usize].iter().collect();
            if let Some(said) = value.get("text").and_then(Value::as_str)
                && said != here
            {
                return Err((self.err)(said!(
                    "{item}：value.text 是 {said:?}，但 [{start}, {end}) 处的文本是 {here:?}",
                    "{item}: value.text is {said:?} but the text at [{start}, {end}) is {here:?}";
                    item
                )));
            }
            let labels: Vec<String> = value
                .get("labels")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            if labels.is_empty() {
                return Err((self.err)(said!(
                    "{item}：value.labels 里没有标签",
                    "{item}: value.labels holds no label";
                    item
                )));
            }
            let mut numbers = Vec::new();
            for l in labels {
                numbers.push(self.add(FlatSpan::new(start, end, l)));
            }
            if let Some(id) = r.get("id") {
                by_id.insert(id_key(id), numbers);
            }
        }
        for (item, r) in relations {
            let end = |key: &str| r.get(key).and_then(|v| by_id.get(&id_key(v)));
            let role = r
                .get("labels")
                .and_then(Value::as_array)
                .and_then(|l| l.first())
                .and_then(Value::as_str);
            let (Some(from), Some(to), Some(role)) = (end("from_id"), end("to_id"), role) else {
                self.problems.push(said!(
                    "{at}：{item}：关系没有指明本结果中的两个标注和一个标签，未导入",
                    "{at}: {item}: a relation without two spans of this result and a label is not imported";
                    at, item
                ));
                continue;
            };
            let trigger = from
                .iter()
                .copied()
                .find(|&n| self.types.contains(&self.spans[n as usize - 1].label));
            let (Some(trigger), Some(&arg)) = (trigger, to.first()) else {
                let from_label = from
                    .first()
                    .map(|&n| self.spans[n as usize - 1].label.clone())
                    .unwrap_or_default();
                self.problems.push(said!(
                    "{at}：{item}：从 {from_label} 标注出发的关系 {role} 未导入：biaozhu 保存的是事件（触发词的角色），不是实体之间的关系",
                    "{at}: {item}: relation {role} from a {from_label} span is not imported: biaozhu holds events (a trigger's roles), not relations between entities";
                    at, item
                ));
                continue;
            };
            let event_type = self.spans[trigger as usize - 1].label.clone();
            match self
                .events
                .iter_mut()
                .find(|e| e.trigger == SpanId(trigger))
            {
                Some(e) => e.args.push((role.to_string(), SpanId(arg))),
                None => {
                    let id = EventId(u32::try_from(self.events.len() + 1).unwrap_or(u32::MAX));
                    self.events.push(Event {
                        unsure: false,
                        note: None,
                        id,
                        event_type,
                        trigger: SpanId(trigger),
                        args: vec![(role.to_string(), SpanId(arg))],
                    });
                }
            }
        }
        // A span of an event type that has no relation is an event without arguments.
        for n in by_id.values().flatten().copied() {
            let label = &self.spans[n as usize - 1].label;
            if self.types.contains(label) && !self.events.iter().any(|e| e.trigger == SpanId(n)) {
                let id = EventId(u32::try_from(self.events.len() + 1).unwrap_or(u32::MAX));
                self.events.push(Event {
                    unsure: false,
                    note: None,
                    id,
                    event_type: label.clone(),
                    trigger: SpanId(n),
                    args: Vec::new(),
                });
            }
        }
        Ok(())
    }
}

/// A result id as a map key (ids are strings in Label Studio, numbers in some files).
fn id_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    annotations: Vec<Results<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    predictions: Vec<Results<'a>>,
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    event_types: Vec<&'a str>,
}

#[derive(Serialize)]
struct Results<'a> {
    result: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Labels {
        id: String,
        from_name: &'static str,
        to_name: &'static str,
        #[serde(rename = "type")]
        ty: &'static str,
        value: LabelValue<'a>,
    },
    Relation {
        from_id: String,
        to_id: String,
        #[serde(rename = "type")]
        ty: &'static str,
        direction: &'static str,
        labels: Vec<&'a str>,
    },
}

#[derive(Serialize)]
struct LabelValue<'a> {
    start: u32,
    end: u32,
    text: &'a str,
    labels: Vec<&'a str>,
}

fn build(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let mut out = String::from("[\n");
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut spans = 0;
    let total = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(None);
        }
        let (task, n) = export_doc(d, i + 1, opts, &mut left, &mut notes)?;
        spans += n;
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(
            &serde_json::to_string(&task)
                .map_err(|e| FormatError::export(Said::verbatim(e.to_string())))?,
        );
    }
    out.push_str("\n]\n");
    progress(total, total);
    notes.extend(left.note(opts.kinds()));
    Ok(Some(Exported {
        output: Output::File(out),
        documents: total,
        spans,
        notes,
    }))
}

/// One document's task and how many spans it holds.
fn export_doc<'d>(
    d: &'d Document,
    number: usize,
    opts: &Options,
    left: &mut KindsLeftOut,
    notes: &mut Vec<Said>,
) -> Result<(Task<'d>, usize), FormatError> {
    let id = &d.meta.id;
    let mut chosen = written_spans(d, opts, true, left, notes);
    chosen.sort_by_key(|s| (s.range.start, s.range.end, s.id));
    // Which list a span goes to: annotations (accepted) or predictions (pending).
    let list_of: HashMap<SpanId, bool> = chosen
        .iter()
        .map(|s| (s.id, s.status == SpanStatus::Pending))
        .collect();
    let mut lists: [Vec<Item<'d>>; 2] = [Vec::new(), Vec::new()];
    for s in &chosen {
        let text = d
            .text
            .slice(s.range)
            .map_err(|e| FormatError::export(super::mapping::offset_error(&e).at(id)))?;
        lists[usize::from(s.status == SpanStatus::Pending)].push(Item::Labels {
            id: s.id.to_string(),
            from_name: FROM_NAME,
            to_name: TO_NAME,
            ty: "labels",
            value: LabelValue {
                start: s.range.start,
                end: s.range.end,
                text,
                labels: vec![s.label.as_str()],
            },
        });
    }
    let mut event_types: Vec<&str> = Vec::new();
    let mut triggers: HashSet<SpanId> = HashSet::new();
    for e in &d.layer.events {
        let (Some(&pending), Some(t)) = (list_of.get(&e.trigger), d.layer.span(e.trigger)) else {
            continue;
        };
        let (eid, ty, tid, range, label) = (e.id, &e.event_type, t.id, t.range, &t.label);
        if !triggers.insert(t.id) {
            notes.push(said!(
                "{id}：事件 {eid} 与另一个事件共用触发词 {tid} {range}：导回时会并入那个事件",
                "{id}: event {eid} shares its trigger {tid} {range} with another event: it comes back as part of that one"
            ));
        }
        if t.label != e.event_type {
            notes.push(said!(
                "{id}：事件 {eid} 的类型是 {ty}，但它的触发词 {tid} {range} 的标签是 {label}：导回时是 {label} 事件",
                "{id}: event {eid} is of type {ty} but its trigger {tid} {range} is labelled {label}: it comes back as a {label} event"
            ));
        }
        if !event_types.contains(&t.label.as_str()) {
            event_types.push(t.label.as_str());
        }
        for (role, a) in &e.args {
            match list_of.get(a) {
                Some(&p) if p == pending => lists[usize::from(pending)].push(Item::Relation {
                    from_id: t.id.to_string(),
                    to_id: a.to_string(),
                    ty: "relation",
                    direction: "right",
                    labels: vec![role.as_str()],
                }),
                Some(_) => {
                    let (zh, en) = if pending {
                        ("已接受的", "accepted")
                    } else {
                        ("待审的", "pending")
                    };
                    let status = Said {
                        zh: zh.into(),
                        en: en.into(),
                    };
                    notes.push(said!(
                        "{id}：事件 {eid}（{ty}）：论元 {role} = {a} 是{status}，它的触发词却不是：关系不能连接标注结果和预测；未导出",
                        "{id}: event {eid} ({ty}): argument {role} = {a} is {status} and its trigger is not: a relation cannot join an annotation and a prediction; left out";
                        status
                    ));
                }
                // Not written: left_out_of_events named it.
                None => {}
            }
        }
    }
    for s in &chosen {
        if event_types.contains(&s.label.as_str()) && !triggers.contains(&s.id) {
            let (sid, range, label) = (s.id, s.range, &s.label);
            notes.push(said!(
                "{id}：{sid} {range} 的标签 {label} 在这里是事件类型，但它不是任何事件的触发词：导回时会成为触发词",
                "{id}: {sid} {range} is labelled {label}, an event type here, but is no event's trigger: it comes back as one"
            ));
        }
    }
    event_types.sort_unstable();
    let [accepted, pending] = lists;
    let n = chosen.len();
    Ok((
        Task {
            id: number,
            data: Data {
                text: d.text.as_str(),
                name: &d.meta.id,
                event_types,
            },
            annotations: vec![Results { result: accepted }],
            predictions: if pending.is_empty() {
                Vec::new()
            } else {
                vec![Results { result: pending }]
            },
        },
        n,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_lines_find_each_task() {
        let src = "[\n  {\"a\": \"[,{\\\"\"},\n  {\"b\": [1,\n 2]}\n, 3]";
        assert_eq!(element_lines(src), vec![2, 3, 5]);
        assert_eq!(element_lines("\n {\"data\": {}}"), vec![2]);
        assert_eq!(element_lines("[]"), Vec::<usize>::new());
    }

    #[test]
    fn problems_errors_and_notes_are_worded_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("t.json");
        let task = |text: &str| {
            format!(
                r#"[{{"id": 1, "data": {{"text": "甘肃省总工会"}}, "annotations": [
  {{"id": 7, "result": [{{"id": "a", "type": "labels",
    "value": {{"start": 0, "end": 3, "text": "{text}", "labels": ["LOC"]}}}}]}},
  {{"id": 8, "result": []}}]}}]"#
            )
        };
        std::fs::write(&f, task("甘肃省")).unwrap();
        let r = read_file(&f, &Options::default()).unwrap();
        let at = f.display().to_string();
        let [p] = &r.problems[..] else {
            panic!("{:?}", r.problems)
        };
        assert_eq!(
            p.zh,
            format!(
                "{at}:1：任务 1：标注结果 8（0 条结果）未导入：biaozhu 只取任务的第一份标注结果"
            )
        );
        assert_eq!(
            p.en,
            format!(
                "{at}:1: task 1: annotation 8 (0 results) is not imported: biaozhu takes a \
                 task's first annotation"
            )
        );
        std::fs::write(&f, task("甘肃")).unwrap();
        let e = read_file(&f, &Options::default()).unwrap_err();
        assert_eq!(
            e.message.zh,
            "任务 1：标注结果 7，结果 1：value.text 是 \"甘肃\"，但 [0, 3) 处的文本是 \"甘肃省\""
        );
        assert_eq!(
            e.message.en,
            "task 1: annotation 7, result 1: value.text is \"甘肃\" but the text at [0, 3) is \
             \"甘肃省\""
        );

        // An accepted argument of a pending trigger: no relation can join them.
        use crate::model::{CharRange, DocMeta, DocStatus, Layer, Span, Text};
        let mut p = Project::new("p", "main");
        let mut trigger = Span::new(SpanId(1), CharRange::new(0, 2), SpanKind::Trigger, "开会");
        trigger.status = SpanStatus::Pending;
        let spans = vec![
            trigger,
            Span::new(SpanId(2), CharRange::new(2, 4), SpanKind::Entity, "ORG"),
        ];
        let events = vec![Event {
            id: EventId(1),
            event_type: "开会".into(),
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
        let opts = Options {
            include_pending: true,
            ..Options::default()
        };
        let out = build(&p, &opts, &mut |_, _| true).unwrap().unwrap();
        let [note] = &out.notes[..] else {
            panic!("{:?}", out.notes)
        };
        assert_eq!(
            note.zh,
            "d1：事件 E1（开会）：论元 主体 = T2 是已接受的，它的触发词却不是：关系不能连接标注结果\
             和预测；未导出"
        );
        assert!(
            note.en
                .starts_with("d1: event E1 (开会): argument 主体 = T2 is accepted")
        );
    }
}
