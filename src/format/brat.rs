//! brat standoff: `<doc>.txt` + `<doc>.ann` (`T` text-bound lines, `E` event lines with
//! `Type:Trigger Role:Arg …`, a role that repeats written `Role2`, `Role3`…) and
//! `annotation.conf`. brat offsets count code points, end exclusive, like biaozhu's.
//!
//! A figure's value and a span's note go in `#` `AnnotatorNotes` lines, since brat
//! attributes take only declared values (no free numbers or dates): the value as
//! `biaozhu-value kind=QUANTITY number=49 unit=项` ([`VALUE_NOTE`], values escaped by
//! [`escape_value`]), the note as its text ([`escape_note`]). The qualifier, which has a
//! closed set of values, is also an attribute (`A1\tQualifier T3 at_least`), declared in
//! `annotation.conf`. A span with a value comes back as a figure.
//!
//! Lines biaozhu does not model (`R` relations, other `A` attributes, notes on events or
//! relations, `N` references, discontinuous spans, events as arguments) are reported, never
//! dropped silently.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::mapping;
use super::registry::{
    Exported, Format, FormatError, Holds, Options, Output, Progress, Read, ReadDoc, Target,
    file_name, read_text_file,
};

use crate::model::{
    Event, EventId, FigureKind, FigureValue, Project, Qualifier, Span, SpanId, SpanKind,
    SpanStatus, Text,
};

/// The first word of an `AnnotatorNotes` text that holds a figure value, not a note.
pub const VALUE_NOTE: &str = "biaozhu-value";

/// The brat attribute a figure's qualifier is written as (`A1\tQualifier T3 approx`).
pub const QUALIFIER_ATTRIBUTE: &str = "Qualifier";

/// brat standoff.
pub static FORMAT: Format = Format {
    name: "brat",
    title: ["brat", "brat"],
    help: "brat standoff: .ann files with their .txt beside them; exports a folder (--out DIR) of .txt/.ann pairs and annotation.conf; figure values and notes as AnnotatorNotes, qualifiers as attributes",
    extensions: &["ann"],
    holds: Holds {
        spans: true,
        values: true,
        events: true,
        relations: false,
    },
    options: &[],
    target: Target::Folder,
    import: Some(read_file),
    export: Some(build),
};

/// Read a `.ann` file and the `.txt` beside it. An empty `.ann` is a document without
/// annotations; a missing `.txt` is an error naming it.
fn read_file(ann_path: &Path, _: &Options) -> Result<Read, FormatError> {
    let txt_path = ann_path.with_extension("txt");
    let ann = read_text_file(ann_path, None).or_else(|e| {
        // An empty .ann (which no decoder needs) is a document without annotations.
        match std::fs::metadata(ann_path) {
            Ok(m) if m.len() == 0 => Ok(String::new()),
            _ => Err(e),
        }
        .map(|s| crate::zh::encoding::Decoded {
            text: s,
            encoding: "UTF-8",
            bom: false,
            detected: true,
        })
    })?;
    let text = read_text_file(&txt_path, None)?;
    let (doc, problems) = import_ann(&Text::new(text.text.clone()), &ann.text);
    let name = txt_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doc".into());
    let source = format!("{} (brat, {})", file_name(&txt_path), text.encoding);
    Ok(Read {
        docs: vec![ReadDoc {
            name,
            source,
            text,
            original: None,
            spans: doc.spans,
            events: doc.events,
            label_arguments: false,
            kinds_from_labels: true,
        }],
        problems: problems
            .into_iter()
            .map(|m| format!("{}:{m}", ann_path.display()))
            .collect(),
    })
}

/// `annotation.conf` and a `<id>.txt` / `<id>.ann` pair per document (accepted spans and
/// events).
fn build(
    p: &Project,
    _: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let mut files = vec![("annotation.conf".to_string(), export_conf(p))];
    let total = p.documents.len();
    let mut spans = 0;
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(None);
        }
        let ann = export_ann(&d.text, d.layer.spans(), &d.layer.events)
            .map_err(|e| FormatError::new(format!("{}.ann", d.meta.id), e))?;
        spans += ann.lines().filter(|l| l.starts_with('T')).count();
        files.push((format!("{}.txt", d.meta.id), d.text.as_str().to_string()));
        files.push((format!("{}.ann", d.meta.id), ann));
    }
    progress(total, total);
    Ok(Some(Exported {
        output: Output::Folder(files),
        documents: total,
        spans,
        notes: p
            .documents
            .iter()
            .flat_map(|d| crate::model::left_out_of_events(d, false))
            .collect(),
    }))
}

/// A document read from brat.
#[derive(Debug, Clone, PartialEq)]
pub struct BratDoc {
    /// Spans (T lines); triggers of E lines get kind `Trigger`.
    pub spans: Vec<Span>,
    /// Events (E lines).
    pub events: Vec<Event>,
}

/// Write one document's accepted spans and events as a `.ann` file: `T` and `E` lines, then
/// each span's value (a `#` line [`VALUE_NOTE`] and, for a qualifier, an `A` line) and note
/// (a `#` line).
pub fn export_ann(text: &Text, spans: &[Span], events: &[Event]) -> Result<String, String> {
    let mut out = String::new();
    // Values, qualifiers and notes, written after the T and E lines.
    let mut tail = String::new();
    let (mut notes, mut attributes) = (0usize, 0usize);
    let mut tid: HashMap<SpanId, usize> = HashMap::new();
    for s in spans
        .iter()
        .filter(|s| s.status == SpanStatus::Accepted && s.kind != SpanKind::Structure)
    {
        let n = tid.len() + 1;
        tid.insert(s.id, n);
        let surface = text.slice(s.range).map_err(|e| e.to_string())?;
        // brat keeps one line per annotation: a newline inside a span is written as a space.
        let surface = surface.replace(['\n', '\r'], " ");
        out.push_str(&format!(
            "T{n}\t{} {} {}\t{surface}\n",
            s.label, s.range.start, s.range.end
        ));
        if let Some(v) = &s.value {
            notes += 1;
            tail.push_str(&format!(
                "#{notes}\tAnnotatorNotes T{n}\t{}\n",
                value_note(v)
            ));
            if let Some(q) = v.qualifier {
                attributes += 1;
                tail.push_str(&format!(
                    "A{attributes}\t{QUALIFIER_ATTRIBUTE} T{n} {}\n",
                    q.as_str()
                ));
            }
        }
        if let Some(note) = &s.note {
            notes += 1;
            tail.push_str(&format!(
                "#{notes}\tAnnotatorNotes T{n}\t{}\n",
                escape_note(note)
            ));
        }
    }
    for (k, e) in events.iter().enumerate() {
        let Some(t) = tid.get(&e.trigger) else {
            continue;
        };
        let mut line = format!("E{}\t{}:T{t}", k + 1, e.event_type);
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (role, a) in &e.args {
            let Some(ta) = tid.get(a) else {
                continue;
            };
            let c = seen.entry(role.as_str()).or_insert(0);
            *c += 1;
            let name = if *c == 1 {
                role.clone()
            } else {
                format!("{role}{c}")
            };
            line.push_str(&format!(" {name}:T{ta}"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&tail);
    Ok(out)
}

/// A figure value as the text of its `AnnotatorNotes` line:
/// `biaozhu-value kind=QUANTITY number=5 upper=10 unit=个` (fields present only when set, in
/// this order: kind number upper unit date resolved; the qualifier is an attribute).
pub fn value_note(v: &FigureValue) -> String {
    let mut out = format!("{VALUE_NOTE} kind={}", v.kind.as_str());
    let fields = [
        ("number", v.number.map(|x| x.to_string())),
        ("upper", v.upper.map(|x| x.to_string())),
        ("unit", v.unit.clone()),
        ("date", v.date.clone()),
        ("resolved", v.resolved.clone()),
    ];
    for (k, x) in fields {
        if let Some(x) = x {
            out.push_str(&format!(" {k}={}", escape_value(&x)));
        }
    }
    out
}

/// Read the text of a [`VALUE_NOTE`] line back (qualifier none: it is an attribute).
pub fn parse_value_note(s: &str) -> Result<FigureValue, String> {
    let rest = s
        .strip_prefix(VALUE_NOTE)
        .ok_or_else(|| format!("does not start with {VALUE_NOTE}"))?;
    let mut kind = None;
    let mut v = FigureValue::empty(FigureKind::Quantity);
    let mut seen = Vec::new();
    for item in rest.split(' ').filter(|x| !x.is_empty()) {
        let (k, raw) = item
            .split_once('=')
            .ok_or_else(|| format!("{item:?} is not key=value"))?;
        if seen.contains(&k) {
            return Err(format!("{k} is given twice"));
        }
        seen.push(k);
        let x = unescape_value(raw)?;
        let number = |x: &str| match x.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(f),
            _ => Err(format!("{k}={x:?} is not a number")),
        };
        match k {
            "kind" => {
                kind = Some(
                    FigureKind::parse(&x).ok_or_else(|| format!("unknown figure kind {x:?}"))?,
                )
            }
            "number" => v.number = Some(number(&x)?),
            "upper" => v.upper = Some(number(&x)?),
            "unit" => v.unit = Some(x),
            "date" => v.date = Some(x),
            "resolved" => v.resolved = Some(x),
            _ => return Err(format!("unknown key {k:?}")),
        }
    }
    v.kind = kind.ok_or("no kind=")?;
    Ok(v)
}

/// Whether an `AnnotatorNotes` text is a figure value: [`VALUE_NOTE`] alone or followed by
/// a space.
fn is_value_note(s: &str) -> bool {
    s.strip_prefix(VALUE_NOTE)
        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

/// A value in `key=value` form: `\` `\s` (space) `\t` `\n` `\r` escaped, so it has no space
/// and stays on its line.
pub fn escape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ' ' => out.push_str("\\s"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Undo [`escape_value`]; any other backslash is an error.
pub fn unescape_value(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut cs = s.chars();
    while let Some(c) = cs.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match cs.next() {
            Some('\\') => '\\',
            Some('s') => ' ',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            other => {
                return Err(format!(
                    "{s:?}: \\{} is not an escape (\\\\ \\s \\t \\n \\r)",
                    other.map(String::from).unwrap_or_default()
                ));
            }
        });
    }
    Ok(out)
}

/// A note as an `AnnotatorNotes` text: `\` `\t` `\n` `\r` escaped (brat keeps an annotation on
/// one line); a note that itself starts like a value ([`VALUE_NOTE`]) gets a `\` before it.
pub fn escape_note(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    if is_value_note(&out) {
        out.insert(0, '\\');
    }
    out
}

/// Undo [`escape_note`]. A backslash before anything else is kept as written (notes typed in
/// brat may hold them).
pub fn unescape_note(s: &str) -> String {
    let s = match s.strip_prefix('\\') {
        Some(rest) if is_value_note(rest) => rest,
        _ => s,
    };
    let mut out = String::with_capacity(s.len());
    let mut cs = s.chars().peekable();
    while let Some(c) = cs.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match cs.peek() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            _ => {
                out.push('\\');
                continue;
            }
        }
        cs.next();
    }
    out
}

/// `annotation.conf` for a project's schema.
pub fn export_conf(p: &Project) -> String {
    let mut s = String::from("[entities]\n");
    for l in &p.schema.labels {
        s.push_str(&format!("{}\n", l.key));
    }
    s.push_str("ARG\n\n[relations]\n\n[events]\n");
    for e in &p.schema.events {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| {
                let targets = if r.accepts.is_empty() {
                    "<ENTITY>".to_string()
                } else {
                    r.accepts.join("|")
                };
                let card = match (r.required, r.repeat) {
                    (true, true) => "+",
                    (true, false) => "",
                    (false, true) => "*",
                    (false, false) => "?",
                };
                format!("{}{card}:{targets}", r.name)
            })
            .collect();
        s.push_str(&format!("{}\t{}\n", e.key, roles.join(", ")));
    }
    // brat attributes take declared values only: the qualifier is one; numbers, units and
    // dates are written in AnnotatorNotes lines instead.
    let qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
    s.push_str(&format!(
        "\n[attributes]\n{QUALIFIER_ATTRIBUTE}\tArg:<ENTITY>, Value:{}\n",
        qualifiers.join("|")
    ));
    s
}

/// Read a `.ann` file against its text. Returns the document and the problems (with line
/// numbers) for everything that was not imported. `AnnotatorNotes` on spans become their
/// notes, or their figure values ([`VALUE_NOTE`]; such a span is a figure), and
/// [`QUALIFIER_ATTRIBUTE`] attributes the values' qualifiers.
pub fn import_ann(text: &Text, ann: &str) -> (BratDoc, Vec<String>) {
    let mut problems = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut by_tid: HashMap<String, SpanId> = HashMap::new();
    let mut event_lines = Vec::new();
    // (line, id, body, text) of `#` lines and (line, id, body) of `A` lines, read once the
    // spans are known.
    let mut note_lines = Vec::new();
    let mut attribute_lines = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let body = cols.next().unwrap_or_default();
        match id.chars().next() {
            Some('T') => {
                let mut parts = body.splitn(2, ' ');
                let label = parts.next().unwrap_or_default();
                let offsets = parts.next().unwrap_or_default();
                if offsets.contains(';') {
                    problems.push(format!(
                        "line {n}: {id} is discontinuous ({offsets}); not imported"
                    ));
                    continue;
                }
                // Every offset must be a number that fits a char offset: one that does not
                // (4294967296 and up) is named, never skipped or wrapped.
                let nums: Result<Vec<u32>, &str> = offsets
                    .split(' ')
                    .filter(|x| !x.is_empty())
                    .map(|x| x.parse::<u32>().map_err(|_| x))
                    .collect();
                let nums = match nums {
                    Ok(v) => v,
                    Err(x) => {
                        problems.push(format!(
                            "line {n}: {id}: offset {x:?} is not a char offset \
                             (0 to {}); not imported",
                            u32::MAX
                        ));
                        continue;
                    }
                };
                let [s, e] = nums[..] else {
                    problems.push(format!("line {n}: {id}: cannot read offsets {offsets:?}"));
                    continue;
                };
                // An empty range (`3 3`) or one given backwards (`15 13`) is that line's
                // problem: never swapped, never left for the layer to refuse (which would
                // cost the document every span, without a line).
                let r = match mapping::span_range(id, s, e) {
                    Ok(r) => r,
                    Err(m) => {
                        problems.push(format!("line {n}: {m}; not imported"));
                        continue;
                    }
                };
                let surface = cols.next().unwrap_or_default();
                match text.slice(r) {
                    Ok(t) if t.replace(['\n', '\r'], " ") == surface || surface.is_empty() => {}
                    Ok(t) => {
                        problems.push(format!(
                            "line {n}: {id} says {surface:?} but the text at {r} is {t:?}; not imported"
                        ));
                        continue;
                    }
                    Err(e) => {
                        problems.push(format!("line {n}: {id}: {e}; not imported"));
                        continue;
                    }
                }
                let Some(sid) = next_number(spans.len()).map(SpanId) else {
                    problems.push(format!(
                        "line {n}: {id}: more spans than biaozhu can number; not imported"
                    ));
                    continue;
                };
                let kind = if label == "ARG" {
                    SpanKind::Argument
                } else {
                    SpanKind::Entity
                };
                spans.push(Span {
                    source: crate::model::Source::Imported,
                    ..Span::new(sid, r, kind, label)
                });
                by_tid.insert(id.to_string(), sid);
            }
            Some('E') => event_lines.push((n, id.to_string(), body.to_string())),
            Some('#') => note_lines.push((n, id, body, cols.next().unwrap_or_default())),
            Some('A') => attribute_lines.push((n, id, body)),
            _ => problems.push(format!(
                "line {n}: {id} ({}) is not imported: biaozhu keeps spans and events only",
                match id.chars().next() {
                    Some('R') => "a relation",
                    Some('M') => "an attribute",
                    Some('#') => "a note",
                    Some('N') => "a normalisation",
                    _ => "unknown",
                }
            )),
        }
    }
    let mut events = Vec::new();
    for (n, id, body) in event_lines {
        let mut items = body.split(' ').filter(|x| !x.is_empty());
        let Some((ty, trig)) = items.next().and_then(|x| x.split_once(':')) else {
            problems.push(format!("line {n}: {id}: no Type:Trigger"));
            continue;
        };
        let Some(&trigger) = by_tid.get(trig) else {
            problems.push(format!(
                "line {n}: {id}: trigger {trig} is not an imported text span; \
                 the event is not imported"
            ));
            continue;
        };
        // The trigger span is a trigger of this type.
        if let Some(s) = spans.iter_mut().find(|s| s.id == trigger) {
            s.kind = SpanKind::Trigger;
            s.label = ty.to_string();
        }
        let pairs: Vec<(&str, &str)> = items.filter_map(|x| x.split_once(':')).collect();
        let mut args = Vec::new();
        for (role, arg) in &pairs {
            // Theme2 is a second Theme when Theme is also there.
            let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let role = if base != *role && pairs.iter().any(|(r, _)| *r == base) {
                base
            } else {
                role
            };
            match by_tid.get(*arg) {
                Some(&a) => args.push((role.to_string(), a)),
                None => problems.push(format!(
                    "line {n}: {id}: argument {arg} of role {role} is not an imported text span; \
                     the event is imported without it"
                )),
            }
        }
        let Some(eid) = next_number(events.len()).map(EventId) else {
            problems.push(format!(
                "line {n}: {id}: more events than biaozhu can number; not imported"
            ));
            continue;
        };
        events.push(Event {
            id: eid,
            event_type: ty.to_string(),
            trigger,
            args,
        });
    }
    // Notes first: a qualifier needs its span's value.
    for (n, id, body, note) in note_lines {
        let mut parts = body.split(' ');
        let (kind, target) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        if kind != "AnnotatorNotes" {
            problems.push(format!(
                "line {n}: {id} (a note of type {kind:?}) is not imported: biaozhu reads AnnotatorNotes"
            ));
            continue;
        }
        let Some(span) = span_of(&mut spans, &by_tid, target) else {
            problems.push(format!(
                "line {n}: {id} (a note) is not imported: {target} is not an imported text span \
                 (biaozhu keeps notes on spans only)"
            ));
            continue;
        };
        if is_value_note(note) {
            if span.value.is_some() {
                problems.push(format!(
                    "line {n}: {id}: {target} has a value already; this one is not imported"
                ));
                continue;
            }
            match parse_value_note(note) {
                Ok(v) => {
                    span.value = Some(v);
                    if span.kind == SpanKind::Entity {
                        span.kind = SpanKind::Figure;
                    }
                }
                Err(e) => problems.push(format!(
                    "line {n}: {id}: the value of {target}: {e}; not imported"
                )),
            }
        } else {
            let note = unescape_note(note);
            // brat files may hold several notes for one span: they are kept, one a line.
            span.note = Some(match span.note.take() {
                Some(before) => format!("{before}\n{note}"),
                None => note,
            });
        }
    }
    for (n, id, body) in attribute_lines {
        let mut parts = body.split(' ').filter(|x| !x.is_empty());
        let (name, target, value) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next(),
        );
        if name != QUALIFIER_ATTRIBUTE || parts.next().is_some() {
            problems.push(format!(
                "line {n}: {id} (an attribute) is not imported: biaozhu keeps spans, events, \
                 figure values and notes only"
            ));
            continue;
        }
        let q = match mapping::qualifier(value) {
            Ok(Some(q)) => q,
            Ok(None) => {
                problems.push(format!(
                    "line {n}: {id}: {QUALIFIER_ATTRIBUTE} without a value; not imported"
                ));
                continue;
            }
            Err(e) => {
                problems.push(format!("line {n}: {id}: {e}; not imported"));
                continue;
            }
        };
        let value = span_of(&mut spans, &by_tid, target).and_then(|s| s.value.as_mut());
        match value {
            Some(v) if v.qualifier.is_none() => v.qualifier = Some(q),
            Some(_) => problems.push(format!(
                "line {n}: {id}: {target} has a qualifier already; this one is not imported"
            )),
            None => problems.push(format!(
                "line {n}: {id}: {target} is not an imported span with a figure value \
                 ({VALUE_NOTE} note); its qualifier is not imported"
            )),
        }
    }
    (BratDoc { spans, events }, problems)
}

/// The span brat id `tid` (`T3`) was imported as.
fn span_of<'a>(
    spans: &'a mut [Span],
    by_tid: &HashMap<String, SpanId>,
    tid: &str,
) -> Option<&'a mut Span> {
    let id = *by_tid.get(tid)?;
    // Ids are given in order from 1, so the index is the id less one.
    let i = usize::try_from(id.0).ok()?.checked_sub(1)?;
    spans.get_mut(i).filter(|s| s.id == id)
}

/// The number after `count` (ids count from 1), `None` when it does not fit a `u32`.
fn next_number(count: usize) -> Option<u32> {
    count.checked_add(1).and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharRange;

    #[test]
    fn e_lines_with_repeated_roles_round_trip() {
        let text = Text::new("甘肃省总工会和北京市总工会10月19日在兰州召开推进会。");
        let ann = "T1\tORG 0 6\t甘肃省总工会\nT2\tORG 7 13\t北京市总工会\nT3\t会议 22 24\t召开\nT4\tLOC 20 22\t兰州\nE1\t会议:T3 主体:T1 主体2:T2 地点:T4\n";
        let (doc, problems) = import_ann(&text, ann);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.events[0].args.len(), 3);
        assert_eq!(doc.events[0].args[1].0, "主体");
        let trig = doc
            .spans
            .iter()
            .find(|s| s.id == doc.events[0].trigger)
            .unwrap();
        assert_eq!(trig.kind, SpanKind::Trigger);
        let again = export_ann(&text, &doc.spans, &doc.events).unwrap();
        assert!(
            again.contains("E1\t会议:T3 主体:T1 主体2:T2 地点:T4"),
            "{again}"
        );
        let (doc2, p2) = import_ann(&text, &again);
        assert!(p2.is_empty());
        assert_eq!(doc2, doc);
    }

    #[test]
    fn lines_biaozhu_does_not_model_are_reported() {
        let text = Text::new("Citibank moved money.");
        let ann = "T1\tOrganization 0 8\tCitibank\nR1\tOrigin Arg1:T1 Arg2:T1\t\n#1\tAnnotatorNotes T1\tnote\nT2\tMoney 0 3;4 8\tCiti bank\nT3\tMoney 9 14\twrong\n";
        let (doc, problems) = import_ann(&text, ann);
        assert_eq!(doc.spans.len(), 1);
        // The note on T1 is read as its note.
        assert_eq!(doc.spans[0].note.as_deref(), Some("note"));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("line 2:") && p.contains("relation"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("line 4:") && p.contains("discontinuous"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("line 5:") && p.contains("wrong"))
        );
    }

    #[test]
    fn empty_and_backwards_ranges_are_their_lines_problems_and_events_on_them_say_so() {
        let text = Text::new("甘肃省总工会10月19日在兰州召开推进会。");
        let ann = "T1\tORG 0 6\t甘肃省总工会\nT2\tORG 3 3\t\nT3\tLOC 15 13\t兰州\n\
                   T4\t会议 15 17\t召开\nE1\t会议:T4 主体:T1 地点:T3\nT5\t会议 3 3\t\n\
                   E2\t会议:T5 主体:T1\n";
        let (doc, problems) = import_ann(&text, ann);
        // Only the valid spans, each with its own range: nothing swapped.
        let ranges: Vec<_> = doc
            .spans
            .iter()
            .map(|s| (s.range.start, s.range.end))
            .collect();
        assert_eq!(ranges, [(0, 6), (15, 17)], "{problems:?}");
        assert_eq!(problems.len(), 5, "{problems:?}");
        let line = |n: usize, what: &str| {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("line {n}: ")) && p.contains(what)),
                "line {n} ({what}): {problems:?}"
            )
        };
        line(2, "start 3 not before end 3");
        line(3, "start 15 not before end 13");
        // E1 keeps its trigger and 主体; its 地点 (T3) is left out with a line.
        line(5, "argument T3 of role 地点");
        line(6, "start 3 not before end 3");
        // E2's trigger was not imported: the event is not either, with a line.
        line(7, "trigger T5");
        assert_eq!(doc.events.len(), 1);
        assert_eq!(doc.events[0].args.len(), 1);
        assert_eq!(doc.events[0].args[0].0, "主体");
    }

    #[test]
    fn figure_values_qualifiers_and_notes_round_trip_through_the_ann() {
        let text = Text::new("甘肃省总工会10月19日宣布，约35万人参加，投入两亿元，占三成。");
        let figure = |id: u32, start: u32, end: u32, label: &str, v: FigureValue| Span {
            value: Some(v),
            source: crate::model::Source::Imported,
            ..Span::new(
                SpanId(id),
                CharRange::new(start, end),
                SpanKind::Figure,
                label,
            )
        };
        let spans = vec![
            Span {
                note: Some("全称\t(简称)\n第二行 C:\\dir \\q\r".into()),
                source: crate::model::Source::Imported,
                ..Span::new(SpanId(1), CharRange::new(0, 6), SpanKind::Entity, "ORG")
            },
            figure(
                2,
                6,
                12,
                "DATE",
                FigureValue {
                    date: Some("--10-19".into()),
                    resolved: Some("2023-10-19".into()),
                    ..FigureValue::empty(FigureKind::Date)
                },
            ),
            Span {
                note: Some("biaozhu-value kind=MONEY".into()),
                ..figure(
                    3,
                    15,
                    20,
                    "QUANTITY",
                    FigureValue {
                        number: Some(350000.0),
                        unit: Some("万 人\\s".into()),
                        qualifier: Some(Qualifier::Approx),
                        ..FigureValue::empty(FigureKind::Quantity)
                    },
                )
            },
            figure(
                4,
                25,
                28,
                "MONEY",
                FigureValue {
                    number: Some(0.1 + 0.2),
                    upper: Some(2.3e8),
                    unit: Some("元".into()),
                    qualifier: Some(Qualifier::Range),
                    ..FigureValue::empty(FigureKind::Money)
                },
            ),
            figure(
                5,
                30,
                32,
                "PERCENT",
                FigureValue::empty(FigureKind::Percent),
            ),
        ];
        let ann = export_ann(&text, &spans, &[]).unwrap();
        // One line per annotation, values without spaces, the qualifier an attribute.
        assert_eq!(ann.lines().count(), 5 + 4 + 2 + 2, "{ann}");
        assert!(
            ann.contains("\tbiaozhu-value kind=QUANTITY number=350000 unit=万\\s人\\\\s\n"),
            "{ann}"
        );
        assert!(ann.contains("\tQualifier T3 approx\n"), "{ann}");
        assert!(ann.contains("\t\\biaozhu-value kind=MONEY\n"), "{ann}");
        let (doc, problems) = import_ann(&text, &ann);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.spans, spans);
        let conf = export_conf(&Project::new("p", "me"));
        assert!(
            conf.contains(
                "\n[attributes]\nQualifier\tArg:<ENTITY>, Value:approx|at_least|at_most|range\n"
            ),
            "{conf}"
        );
    }

    #[test]
    fn values_notes_and_attributes_that_do_not_fit_are_their_lines_problems() {
        let text = Text::new("甘肃省总工会10月19日在兰州召开推进会。");
        let ann = "T1\tQUANTITY 0 2\t甘肃\n\
                   #1\tAnnotatorNotes T1\tbiaozhu-value kind=QUANTITY number=abc\n\
                   A1\tQualifier T1 approx\n\
                   T2\tQUANTITY 2 4\t省总\n\
                   #2\tAnnotatorNotes T2\tbiaozhu-value kind=QUANTITY colour=red\n\
                   #3\tAnnotatorNotes T2\tbiaozhu-value kind=QUANTITY unit=a\\x\n\
                   T3\t会议 15 17\t召开\nE1\t会议:T3\n\
                   #4\tAnnotatorNotes E1\ton the event\n\
                   T4\tDATE 6 12\t10月19日\n\
                   #5\tAnnotatorNotes T4\tbiaozhu-value kind=DATE date=--10-19\n\
                   A2\tQualifier T4 sometimes\nA3\tQualifier T4 approx\nA4\tQualifier T4 at_most\n\
                   #6\tAnnotatorNotes T4\tfirst\n#7\tAnnotatorNotes T4\tsecond\n";
        let (doc, problems) = import_ann(&text, ann);
        let line = |n: usize, what: &str| {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("line {n}: ")) && p.contains(what)),
                "line {n} ({what}): {problems:?}"
            )
        };
        line(2, "\"abc\" is not a number");
        line(3, "its qualifier is not imported");
        line(5, "unknown key \"colour\"");
        line(6, "\\x is not an escape");
        line(9, "E1 is not an imported text span");
        line(12, "unknown qualifier \"sometimes\"");
        line(14, "has a qualifier already");
        assert_eq!(problems.len(), 7, "{problems:?}");
        // Spans whose value was refused stay, without a value, as entities.
        assert!(
            doc.spans[..2]
                .iter()
                .all(|s| s.value.is_none() && s.kind == SpanKind::Entity)
        );
        let date = &doc.spans[3];
        assert_eq!(date.kind, SpanKind::Figure);
        let v = date.value.as_ref().unwrap();
        assert_eq!(
            (v.kind, v.date.as_deref()),
            (FigureKind::Date, Some("--10-19"))
        );
        assert_eq!(v.qualifier, Some(Qualifier::Approx));
        assert_eq!(date.note.as_deref(), Some("first\nsecond"));
    }

    #[test]
    fn offsets_and_numbers_too_large_for_u32_are_problems_not_wrapped() {
        let text = Text::new("Citibank moved money.");
        let ann =
            "T1\tORG 0 4294967296\tCitibank\nT2\tORG 0 x 8\tCitibank\nT3\tORG 0 8\tCitibank\n";
        let (doc, problems) = import_ann(&text, ann);
        assert_eq!(doc.spans.len(), 1, "only T3");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("line 1:") && problems[0].contains("\"4294967296\" is not"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("line 2:") && problems[1].contains("\"x\""),
            "{problems:?}"
        );
        assert_eq!(next_number(0), Some(1));
        assert_eq!(next_number(u32::MAX as usize - 1), Some(u32::MAX));
        assert_eq!(next_number(u32::MAX as usize), None);
        assert_eq!(next_number(usize::MAX), None);
    }
}
