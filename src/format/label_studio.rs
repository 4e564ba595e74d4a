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
use super::training::{FlatSpan, read_doc};
use crate::model::{Document, Event, EventId, Project, Schema, SpanId, SpanKind, SpanStatus};

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
        FormatError {
            file: file.to_path_buf(),
            line: Some(e.line()),
            message: format!(
                "not JSON: {} (column {})",
                full.strip_suffix(&position).unwrap_or(&full),
                e.column()
            )
            .into(),
            kind: ErrorKind::Parse,
        }
    })?;
    let lines = element_lines(src);
    let tasks: Vec<Value> = match v {
        Value::Array(a) => a,
        Value::Object(_) => vec![v],
        other => {
            return Err(FormatError {
                line: Some(1),
                ..FormatError::new(
                    file,
                    format!(
                        "Label Studio tasks are a list of objects, not {}",
                        kind_of(&other)
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
        let err = |message: String| FormatError {
            file: file.to_path_buf(),
            line: Some(line),
            message: format!("task {task_no}: {message}").into(),
            kind: ErrorKind::Parse,
        };
        let at = format!("{}:{line}: task {task_no}", file.display());
        let Some(data) = task.get("data").and_then(Value::as_object) else {
            return Err(err("no \"data\" object".into()));
        };
        let text = match data.get("text") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(err("the text is empty".into())),
            Some(other) => {
                return Err(err(format!(
                    "data.text is {}, not a string",
                    kind_of(other)
                )));
            }
            None => return Err(err("no data.text (the Text tag's value $text)".into())),
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
                return Err(err(format!(
                    "\"annotations\" is {}, not a list",
                    kind_of(other)
                )));
            }
            None => &[],
        };
        let mut taken = false;
        for (i, a) in anns.iter().enumerate() {
            let results = results_of(a).map_err(|m| err(format!("annotation {}: {m}", i + 1)))?;
            let id = a
                .get("id")
                .map_or_else(|| format!("#{}", i + 1), |v| v.to_string());
            if a.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                reader.problems.push(format!(
                    "{at}: annotation {id} was cancelled (skipped) in Label Studio; not imported"
                ));
                continue;
            }
            if taken {
                reader.problems.push(format!(
                    "{at}: annotation {id} ({} results) is not imported: biaozhu takes a task's first annotation",
                    results.len()
                ));
                continue;
            }
            taken = true;
            reader.result(results, &format!("annotation {id}"))?;
        }
        reader.pending_from = reader.spans.len();
        if let Some(preds) = task.get("predictions") {
            let Some(preds) = preds.as_array() else {
                return Err(err(format!(
                    "\"predictions\" is {}, not a list",
                    kind_of(preds)
                )));
            };
            for (i, p) in preds.iter().enumerate() {
                let results =
                    results_of(p).map_err(|m| err(format!("prediction {}: {m}", i + 1)))?;
                reader.result(results, &format!("prediction {}", i + 1))?;
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
        problems: problems.into_iter().map(crate::i18n::Said::from).collect(),
        ..Read::default()
    })
}

/// The `result` list of an annotation or prediction.
fn results_of(a: &Value) -> Result<&[Value], String> {
    match a.get("result") {
        Some(Value::Array(r)) => Ok(r),
        Some(other) => Err(format!("\"result\" is {}, not a list", kind_of(other))),
        None => Err("no \"result\"".into()),
    }
}

/// Reads the results of one task into spans and events.
struct TaskReader<'a, E: Fn(String) -> FormatError> {
    err: &'a E,
    at: &'a str,
    chars: Vec<char>,
    /// Accepted spans first, then pending ones (from `pending_from`).
    spans: Vec<FlatSpan>,
    pending_from: usize,
    events: Vec<Event>,
    problems: &'a mut Vec<String>,
    types: &'a HashSet<String>,
}

impl<E: Fn(String) -> FormatError> TaskReader<'_, E> {
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

    fn result(&mut self, results: &[Value], whose: &str) -> Result<(), FormatError> {
        // result id → span numbers (one per label)
        let mut by_id: HashMap<String, Vec<u32>> = HashMap::new();
        let mut relations = Vec::new();
        for (j, r) in results.iter().enumerate() {
            let item = format!("{whose}, result {}", j + 1);
            match r.get("type").and_then(Value::as_str) {
                Some("labels") => {}
                Some("relation") => {
                    relations.push((item, r));
                    continue;
                }
                other => {
                    self.problems.push(format!(
                        "{}: {item}: a result of type {} is not imported (biaozhu reads labels and relations)",
                        self.at,
                        other.unwrap_or("(none)")
                    ));
                    continue;
                }
            }
            let value = r
                .get("value")
                .ok_or_else(|| (self.err)(format!("{item}: no \"value\"")))?;
            let offset = |key: &str| -> Result<u32, FormatError> {
                value
                    .get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| {
                        (self.err)(format!(
                            "{item}: value.{key} is {}, not a char offset",
                            value.get(key).map_or("missing", kind_of)
                        ))
                    })
            };
            let (start, end) = (offset("start")?, offset("end")?);
            if start >= end || end as usize > self.chars.len() {
                return Err((self.err)(format!(
                    "{item}: [{start}, {end}) does not fit the text of {} chars",
                    self.chars.len()
                )));
            }
            let here: String = self.chars[start as usize..end as usize].iter().collect();
            if let Some(said) = value.get("text").and_then(Value::as_str)
                && said != here
            {
                return Err((self.err)(format!(
                    "{item}: value.text is {said:?} but the text at [{start}, {end}) is {here:?}"
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
                return Err((self.err)(format!("{item}: value.labels holds no label")));
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
                self.problems.push(format!(
                    "{}: {item}: a relation without two spans of this result and a label is not imported",
                    self.at
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
                self.problems.push(format!(
                    "{}: {item}: relation {role} from a {from_label} span is not imported: biaozhu holds events (a trigger's roles), not relations between entities",
                    self.at
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
    let mut spans = 0;
    let total = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(None);
        }
        let (task, n) = export_doc(d, i + 1, opts, &mut notes)?;
        spans += n;
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(
            &serde_json::to_string(&task).map_err(|e| FormatError::export(e.to_string()))?,
        );
    }
    out.push_str("\n]\n");
    progress(total, total);
    Ok(Some(Exported {
        output: Output::File(out),
        documents: total,
        spans,
        notes: notes.into_iter().map(crate::i18n::Said::from).collect(),
    }))
}

/// One document's task and how many spans it holds.
fn export_doc<'d>(
    d: &'d Document,
    number: usize,
    opts: &Options,
    notes: &mut Vec<String>,
) -> Result<(Task<'d>, usize), FormatError> {
    let mut chosen = written_spans(d, opts, true, notes);
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
            .map_err(|e| FormatError::export(format!("{}: {e}", d.meta.id)))?;
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
        if !triggers.insert(t.id) {
            notes.push(format!(
                "{}: event {} shares its trigger {} {} with another event: it comes back as part of that one",
                d.meta.id, e.id, t.id, t.range
            ));
        }
        if t.label != e.event_type {
            notes.push(format!(
                "{}: event {} is of type {} but its trigger {} {} is labelled {}: it comes back as a {} event",
                d.meta.id, e.id, e.event_type, t.id, t.range, t.label, t.label
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
                Some(_) => notes.push(format!(
                    "{}: event {} ({}): argument {role} = {a} is {} and its trigger is not: a relation cannot join an annotation and a prediction; left out",
                    d.meta.id,
                    e.id,
                    e.event_type,
                    if pending { "accepted" } else { "pending" }
                )),
                // Not written: left_out_of_events named it.
                None => {}
            }
        }
    }
    for s in &chosen {
        if event_types.contains(&s.label.as_str()) && !triggers.contains(&s.id) {
            notes.push(format!(
                "{}: {} {} is labelled {}, an event type here, but is no event's trigger: it comes back as one",
                d.meta.id, s.id, s.range, s.label
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
}
