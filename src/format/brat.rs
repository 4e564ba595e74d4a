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
//! Other attributes, and an event's attributes and notes, are kept in the span's note (the
//! trigger's, for an event) as marker lines ([`NoteMarker`]) that export writes back as the
//! same `A` and `#` lines. A discontinuous `T` becomes one span per fragment, with a problem
//! line. An `annotation.conf` beside the `.ann` files is read as the schema ([`parse_conf`]).
//! Lines biaozhu does not model (`R` relations, `*` equivalences, notes on relations, `N`
//! references, events as arguments) are reported, never dropped silently.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::registry::{
    Exported, Format, FormatError, Holds, Options, Output, Progress, Read, ReadDoc, Target,
    file_name, read_text_file,
};

use crate::i18n::Said;
use crate::model::{
    Event, EventId, EventType, FigureKind, FigureValue, Project, Qualifier, Span, SpanId, SpanKind,
    SpanStatus, Text,
};
use crate::said;

/// The first word of an `AnnotatorNotes` text that holds a figure value, not a note.
pub const VALUE_NOTE: &str = "biaozhu-value";

/// The brat attribute a figure's qualifier is written as (`A1\tQualifier T3 approx`).
pub const QUALIFIER_ATTRIBUTE: &str = "Qualifier";

/// brat standoff.
pub static FORMAT: Format = Format {
    name: "brat",
    title: ["brat", "brat"],
    help: "brat standoff: .ann files with their .txt (and annotation.conf) beside them; exports a folder (--out DIR) of .txt/.ann pairs and annotation.conf; figure values and notes as AnnotatorNotes, qualifiers as attributes, other attributes kept in notes",
    extensions: &["ann"],
    holds: Holds {
        spans: true,
        values: true,
        events: true,
        relations: false,
        loose_spans: true,
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
    let at = ann_path.display().to_string();
    let mut problems: Vec<Said> = problems
        .into_iter()
        .map(|m| said!("{at}：{m}", "{at}:{m}"; m))
        .collect();
    // The schema beside the files: its labels and event types go to the project's schema
    // (the session adds those it lacks).
    let conf_path = ann_path.with_file_name("annotation.conf");
    let conf = if conf_path.is_file() {
        let src = read_text_file(&conf_path, None)?;
        let (conf, p) = parse_conf(&src.text);
        let at = conf_path.display().to_string();
        problems.extend(p.into_iter().map(|m| said!("{at}：{m}", "{at}:{m}"; m)));
        conf
    } else {
        Conf::default()
    };
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
        problems,
        labels: conf.labels,
        event_types: conf.events,
    })
}

/// `annotation.conf` and a `<id>.txt` / `<id>.ann` pair per document (accepted spans and
/// events).
fn build(
    p: &Project,
    _: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let mut files = Vec::new();
    let mut used = AttributeUse::default();
    let total = p.documents.len();
    let mut spans = 0;
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(None);
        }
        let ann = export_ann_using(&d.text, d.layer.spans(), &d.layer.events, &mut used)
            .map_err(|e| FormatError::new(format!("{}.ann", d.meta.id), e))?;
        spans += ann.lines().filter(|l| l.starts_with('T')).count();
        files.push((format!("{}.txt", d.meta.id), d.text.as_str().to_string()));
        files.push((format!("{}.ann", d.meta.id), ann));
    }
    // The schema, declaring the attributes the files use.
    files.insert(
        0,
        ("annotation.conf".to_string(), export_conf_using(p, &used)),
    );
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
/// (a `#` line, and the `A` and `#` lines its [`NoteMarker`] lines stand for).
pub fn export_ann(text: &Text, spans: &[Span], events: &[Event]) -> Result<String, Said> {
    export_ann_using(text, spans, events, &mut AttributeUse::default())
}

/// The attributes an export wrote, for `annotation.conf` to declare them: by name, whether
/// on text spans and on events, and the values (none: binary).
#[derive(Debug, Default)]
struct AttributeUse(BTreeMap<String, (bool, bool, BTreeSet<String>)>);

impl AttributeUse {
    fn add(&mut self, name: &str, on_event: bool, value: Option<&str>) {
        let u = self.0.entry(name.to_string()).or_default();
        if on_event {
            u.1 = true;
        } else {
            u.0 = true;
        }
        if let Some(v) = value {
            u.2.insert(v.to_string());
        }
    }
}

/// [`export_ann`], noting the attributes written in `used`.
fn export_ann_using(
    text: &Text,
    spans: &[Span],
    events: &[Event],
    used: &mut AttributeUse,
) -> Result<String, Said> {
    let mut out = String::new();
    // Values, qualifiers and notes, written after the T and E lines.
    let mut tail = String::new();
    let (mut notes, mut attributes) = (0usize, 0usize);
    let written: Vec<&Span> = spans
        .iter()
        .filter(|s| s.status == SpanStatus::Accepted && s.kind != SpanKind::Structure)
        .collect();
    let tid: HashMap<SpanId, usize> = written
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i + 1))
        .collect();
    // The brat number of the first written event on each trigger: it takes the event
    // attributes and notes kept in the trigger's note.
    let mut first_event: HashMap<SpanId, usize> = HashMap::new();
    for (k, e) in events.iter().enumerate() {
        if tid.contains_key(&e.trigger) {
            first_event.entry(e.trigger).or_insert(k + 1);
        }
    }
    for (i, s) in written.iter().enumerate() {
        let n = i + 1;
        let surface = text
            .slice(s.range)
            .map_err(|e| super::mapping::offset_error(&e))?;
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
                used.add(QUALIFIER_ATTRIBUTE, false, Some(q.as_str()));
                tail.push_str(&format!(
                    "A{attributes}\t{QUALIFIER_ATTRIBUTE} T{n} {}\n",
                    q.as_str()
                ));
            }
        }
        let Some(note) = &s.note else {
            continue;
        };
        let (mut head, mut marks) = split_note(note);
        // Marker lines are written as lines of their own only where reading them back
        // gives the same note: an event's need that event, and a qualifier on a span with a
        // value would be read as the value's. Otherwise the whole note is the note's text.
        let fits = marks.iter().all(|m| match m {
            NoteMarker::Attribute(name, _) => *name != QUALIFIER_ATTRIBUTE || s.value.is_none(),
            NoteMarker::EventAttribute(..) | NoteMarker::EventNote(_) => {
                first_event.contains_key(&s.id)
            }
        });
        if !fits {
            head = Some(note.as_str());
            marks.clear();
        }
        if let Some(h) = head {
            notes += 1;
            tail.push_str(&format!(
                "#{notes}\tAnnotatorNotes T{n}\t{}\n",
                escape_note(h)
            ));
        }
        let event = first_event.get(&s.id).copied().unwrap_or_default();
        for m in marks {
            let (name, target, value) = match m {
                NoteMarker::EventNote(t) => {
                    notes += 1;
                    tail.push_str(&format!("#{notes}\tAnnotatorNotes E{event}\t{t}\n"));
                    continue;
                }
                NoteMarker::Attribute(name, value) => (name, format!("T{n}"), value),
                NoteMarker::EventAttribute(name, value) => (name, format!("E{event}"), value),
            };
            attributes += 1;
            used.add(name, target.starts_with('E'), value);
            let value = value.map(|v| format!(" {v}")).unwrap_or_default();
            tail.push_str(&format!("A{attributes}\t{name} {target}{value}\n"));
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

/// The first word of a note line that stands for a brat attribute of the span.
pub const ATTRIBUTE_MARKER: &str = "brat-attribute";
/// The first word of a note line that stands for an attribute of the event the span triggers.
pub const EVENT_ATTRIBUTE_MARKER: &str = "brat-event-attribute";
/// The first word of a note line that stands for the `AnnotatorNotes` of the event the span
/// triggers.
pub const EVENT_NOTE_MARKER: &str = "brat-event-note";

/// A line of a span's note standing for a brat annotation biaozhu has no field for (an
/// attribute other than a figure's qualifier, an event's attribute or note). Import appends
/// these lines to the note, after its text; export writes the note's last lines that are
/// markers back as the `A` and `#` lines they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteMarker<'a> {
    /// `brat-attribute Name` or `brat-attribute Name Value`: an attribute of the span.
    Attribute(&'a str, Option<&'a str>),
    /// `brat-event-attribute Name [Value]`: an attribute of the (first) event the span
    /// triggers.
    EventAttribute(&'a str, Option<&'a str>),
    /// `brat-event-note TEXT`: that event's `AnnotatorNotes`, as the `.ann` writes it.
    EventNote(&'a str),
}

impl<'a> NoteMarker<'a> {
    /// Read one note line; `None` for a line that is not a marker.
    pub fn parse(line: &'a str) -> Option<Self> {
        let attribute = |rest: &'a str| -> Option<(&'a str, Option<&'a str>)> {
            let mut parts = rest.split(' ');
            let name = parts.next().filter(|x| is_token(x))?;
            let value = parts.next();
            if value.is_some_and(|v| !is_token(v)) || parts.next().is_some() {
                return None;
            }
            Some((name, value))
        };
        let (word, rest) = line.split_once(' ')?;
        match word {
            ATTRIBUTE_MARKER => attribute(rest).map(|(n, v)| NoteMarker::Attribute(n, v)),
            EVENT_ATTRIBUTE_MARKER => {
                attribute(rest).map(|(n, v)| NoteMarker::EventAttribute(n, v))
            }
            EVENT_NOTE_MARKER if !rest.contains('\r') => Some(NoteMarker::EventNote(rest)),
            _ => None,
        }
    }

    /// The note line.
    pub fn line(&self) -> String {
        let attribute = |word: &str, name: &str, value: Option<&str>| match value {
            Some(v) => format!("{word} {name} {v}"),
            None => format!("{word} {name}"),
        };
        match *self {
            NoteMarker::Attribute(n, v) => attribute(ATTRIBUTE_MARKER, n, v),
            NoteMarker::EventAttribute(n, v) => attribute(EVENT_ATTRIBUTE_MARKER, n, v),
            NoteMarker::EventNote(t) => format!("{EVENT_NOTE_MARKER} {t}"),
        }
    }
}

/// A brat attribute's name, target or value: not empty, no white space.
fn is_token(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(char::is_whitespace)
}

/// A note as its text (`None` when it is all markers) and its last lines that are
/// [`NoteMarker`]s.
pub fn split_note(note: &str) -> (Option<&str>, Vec<NoteMarker<'_>>) {
    let lines: Vec<&str> = note.split('\n').collect();
    let marks: Vec<NoteMarker> = lines
        .iter()
        .rev()
        .map_while(|l| NoteMarker::parse(l))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let k = marks.len();
    if k == 0 {
        return (Some(note), marks);
    }
    if k == lines.len() {
        return (None, marks);
    }
    // The text is the lines before the markers, without the line end before them.
    let head_len = lines[..lines.len() - k]
        .iter()
        .map(|l| l.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    (Some(note.get(..head_len).unwrap_or(note)), marks)
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
pub fn parse_value_note(s: &str) -> Result<FigureValue, Said> {
    let rest = s
        .strip_prefix(VALUE_NOTE)
        .ok_or_else(|| said!("不以 {VALUE_NOTE} 开头", "does not start with {VALUE_NOTE}"))?;
    let mut kind = None;
    let mut v = FigureValue::empty(FigureKind::Quantity);
    let mut seen = Vec::new();
    for item in rest.split(' ').filter(|x| !x.is_empty()) {
        let (k, raw) = item
            .split_once('=')
            .ok_or_else(|| said!("{item:?} 不是 key=value 形式", "{item:?} is not key=value"))?;
        if seen.contains(&k) {
            return Err(said!("{k} 出现了两次", "{k} is given twice"));
        }
        seen.push(k);
        let x = unescape_value(raw)?;
        let number = |x: &str| match x.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(f),
            _ => Err(said!("{k}={x:?} 不是数字", "{k}={x:?} is not a number")),
        };
        match k {
            "kind" => {
                kind =
                    Some(FigureKind::parse(&x).ok_or_else(|| {
                        said!("未知的数字种类 {x:?}", "unknown figure kind {x:?}")
                    })?)
            }
            "number" => v.number = Some(number(&x)?),
            "upper" => v.upper = Some(number(&x)?),
            "unit" => v.unit = Some(x),
            "date" => v.date = Some(x),
            "resolved" => v.resolved = Some(x),
            _ => return Err(said!("未知的键 {k:?}", "unknown key {k:?}")),
        }
    }
    v.kind = kind.ok_or_else(|| said!("缺少 kind=", "no kind="))?;
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
pub fn unescape_value(s: &str) -> Result<String, Said> {
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
                let c = other.map(String::from).unwrap_or_default();
                return Err(said!(
                    "{s:?}：\\{c} 不是转义（\\\\ \\s \\t \\n \\r）",
                    "{s:?}: \\{c} is not an escape (\\\\ \\s \\t \\n \\r)"
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

/// `annotation.conf` for a project's schema: its labels (and any other label a span uses),
/// its event types with their roles, and the qualifier attribute.
pub fn export_conf(p: &Project) -> String {
    export_conf_using(p, &AttributeUse::default())
}

/// [`export_conf`], declaring also the attributes the `.ann` files use.
fn export_conf_using(p: &Project, used: &AttributeUse) -> String {
    let mut s = String::from("[entities]\n");
    let mut labels: Vec<&str> = p.schema.labels.iter().map(|l| l.key.as_str()).collect();
    let mut types: Vec<&str> = Vec::new();
    for sp in p
        .documents
        .iter()
        .flat_map(|d| d.layer.spans())
        .filter(|s| s.status == SpanStatus::Accepted)
    {
        match sp.kind {
            SpanKind::Entity | SpanKind::Figure if !labels.contains(&sp.label.as_str()) => {
                labels.push(&sp.label)
            }
            SpanKind::Trigger
                if p.schema.event_type(&sp.label).is_none()
                    && !types.contains(&sp.label.as_str()) =>
            {
                types.push(&sp.label)
            }
            _ => {}
        }
    }
    for l in labels {
        s.push_str(&format!("{l}\n"));
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
    // Event types the schema lacks but triggers use, without roles.
    for t in types {
        s.push_str(&format!("{t}\n"));
    }
    // brat attributes take declared values only: the qualifier is one; numbers, units and
    // dates are written in AnnotatorNotes lines instead.
    let mut qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
    if let Some((_, _, vs)) = used.0.get(QUALIFIER_ATTRIBUTE) {
        qualifiers.extend(
            vs.iter()
                .map(String::as_str)
                .filter(|v| Qualifier::parse(v).is_none()),
        );
    }
    s.push_str(&format!(
        "\n[attributes]\n{QUALIFIER_ATTRIBUTE}\tArg:<ENTITY>, Value:{}\n",
        qualifiers.join("|")
    ));
    for (name, (entity, event, values)) in &used.0 {
        if name == QUALIFIER_ATTRIBUTE {
            continue;
        }
        let arg = match (entity, event) {
            (true, true) => "<ENTITY>|<EVENT>",
            (false, true) => "<EVENT>",
            _ => "<ENTITY>",
        };
        s.push_str(&format!("{name}\tArg:{arg}"));
        if !values.is_empty() {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            s.push_str(&format!(", Value:{}", values.join("|")));
        }
        s.push('\n');
    }
    s
}

/// What an `annotation.conf` declares, as biaozhu takes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conf {
    /// Entity types (labels) in order, each once; abstract ones (`!Life`) and `ARG`
    /// (biaozhu's bare argument, not a label) left out.
    pub labels: Vec<String>,
    /// Event types with their roles (`Role:A|B` required once, `Role?` optional, `Role*`
    /// any number, `Role+` at least one, `Role{2}`/`Role{0-3}` counted; `<ENTITY>` any
    /// span, macros `<POG>=A|B` expanded).
    pub events: Vec<EventType>,
    /// Attributes: name, what they attach to (`<ENTITY>`, `<EVENT>` …) and their values
    /// (empty: binary).
    pub attributes: Vec<(String, String, Vec<String>)>,
}

/// Read an `annotation.conf`. What biaozhu cannot take (a role that accepts events, a type
/// that is not declared) is a problem line (`line N: …`); relations are declarations
/// without a home and are skipped (the `R` lines that use them are reported on import).
pub fn parse_conf(src: &str) -> (Conf, Vec<Said>) {
    let mut conf = Conf::default();
    let mut problems = Vec::new();
    // (line, section, text) of every line that declares something.
    let mut decls: Vec<(usize, String, &str)> = Vec::new();
    let mut macros: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut section = String::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        if line.starts_with('<')
            && let Some((name, list)) = line.split_once('=')
        {
            macros.insert(name.trim(), list.split('|').map(str::trim).collect());
            continue;
        }
        decls.push((i + 1, section.clone(), line));
    }
    let first_word = |l: &str| l.split_whitespace().next().unwrap_or_default().to_string();
    let event_names: Vec<String> = decls
        .iter()
        .filter(|(_, s, _)| s == "events")
        .map(|(_, _, l)| first_word(l).trim_start_matches('!').to_string())
        .collect();
    for (n, section, line) in &decls {
        let (n, line) = (*n, *line);
        match section.as_str() {
            "entities" => {
                let key = first_word(line);
                if key.starts_with('!') || key == "ARG" || conf.labels.contains(&key) {
                    continue;
                }
                conf.labels.push(key);
            }
            "events" => {
                let key = first_word(line);
                if key.starts_with('!') {
                    continue;
                }
                if conf.events.iter().any(|e| e.key == key) {
                    problems.push(said!(
                        "第 {n} 行：事件类型 {key} 声明了两次",
                        "line {n}: event type {key} is declared twice"
                    ));
                    continue;
                }
                let rest = line.get(key.len()..).unwrap_or_default();
                let mut roles: Vec<crate::model::Role> = Vec::new();
                for spec in rest.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match conf_role(spec, &macros, &conf.labels, &event_names) {
                        Ok((role, dropped)) => {
                            if !dropped.is_empty() {
                                let name = &role.name;
                                let list = Said::by(|lang| {
                                    let parts: Vec<&str> =
                                        dropped.iter().map(|d| d.get(lang)).collect();
                                    match lang {
                                        crate::i18n::Lang::Zh => parts.join("、"),
                                        crate::i18n::Lang::En => parts.join(", "),
                                    }
                                });
                                let what = if role.accepts.is_empty() {
                                    said!("该角色未导入", "the role is left out")
                                } else {
                                    said!("这些类型未导入", "left out of it")
                                };
                                problems.push(said!(
                                    "第 {n} 行：{key}：角色 {name} 接受 {list}，biaozhu 的角色不能接受\
                                     （角色只接受某一标签的文本标注）；{what}",
                                    "line {n}: {key}: role {name} accepts {list}, which biaozhu's \
                                     roles cannot take (they take text spans of a label); {what}";
                                    list, what
                                ));
                                if role.accepts.is_empty() {
                                    continue;
                                }
                            }
                            if roles.iter().any(|r| r.name == role.name) {
                                let name = &role.name;
                                problems.push(said!(
                                    "第 {n} 行：{key}：角色 {name} 声明了两次",
                                    "line {n}: {key}: role {name} is declared twice"
                                ));
                                continue;
                            }
                            roles.push(role);
                        }
                        Err(e) => problems.push(said!(
                            "第 {n} 行：{key}：{e}；未导入",
                            "line {n}: {key}: {e}; left out";
                            e
                        )),
                    }
                }
                conf.events.push(EventType {
                    zh: key.clone(),
                    en: key.clone(),
                    key,
                    color: EventType::DEFAULT_COLOR,
                    hotkey: None,
                    roles,
                });
            }
            "attributes" => {
                let name = first_word(line);
                let rest = line.get(name.len()..).unwrap_or_default();
                let (mut arg, mut values) = (String::new(), Vec::new());
                for item in rest.split(',').map(str::trim) {
                    match item.split_once(':') {
                        Some(("Arg", a)) => arg = a.trim().to_string(),
                        Some(("Value", v)) => {
                            values = v.split('|').map(|x| x.trim().to_string()).collect()
                        }
                        _ => {}
                    }
                }
                conf.attributes.push((name, arg, values));
            }
            _ => {}
        }
    }
    (conf, problems)
}

/// One role of an `[events]` line (`Org-Arg+:Organization|<POG>`): the role, with the
/// types it names that are not labels (`<EVENT>`, event types, undeclared names).
fn conf_role(
    spec: &str,
    macros: &HashMap<&str, Vec<&str>>,
    labels: &[String],
    event_names: &[String],
) -> Result<(crate::model::Role, Vec<Said>), Said> {
    let (name, targets) = spec.split_once(':').ok_or_else(|| {
        said!(
            "无法读取角色 {spec:?}（应为 Role:Type）",
            "cannot read the role {spec:?} (Role:Type)"
        )
    })?;
    let name = name.trim();
    let (name, required, repeat) = if let Some(r) = name.strip_suffix('?') {
        (r, false, false)
    } else if let Some(r) = name.strip_suffix('*') {
        (r, false, true)
    } else if let Some(r) = name.strip_suffix('+') {
        (r, true, true)
    } else if let Some((r, count)) = name.strip_suffix('}').and_then(|x| x.rsplit_once('{')) {
        // {2} exactly two, {0-3} up to three, {1-} one or more.
        let (lo, hi) = count.split_once('-').unwrap_or((count, count));
        let unread = || said!("无法读取 {{{count}}}", "cannot read {{{count}}}");
        let lo: u32 = lo.trim().parse().map_err(|_| unread())?;
        let hi: Option<u32> = match hi.trim() {
            "" => None,
            h => Some(h.parse().map_err(|_| unread())?),
        };
        (r, lo >= 1, hi.is_none_or(|h| h > 1))
    } else {
        (name, true, false)
    };
    if name.is_empty() {
        return Err(said!(
            "{spec:?} 中有一个没有名称的角色",
            "a role without a name in {spec:?}"
        ));
    }
    let mut accepts: Vec<String> = Vec::new();
    let mut dropped = Vec::new();
    let mut any = false;
    let mut types: Vec<&str> = Vec::new();
    for t in targets.split('|').map(str::trim) {
        match macros.get(t) {
            Some(list) => types.extend(list),
            None => types.push(t),
        }
    }
    for t in types {
        if t == "<ENTITY>" {
            any = true;
        } else if t == "ARG" || labels.iter().any(|l| l == t) {
            if !accepts.iter().any(|a| a == t) {
                accepts.push(t.to_string());
            }
        } else if t == "<EVENT>" || event_names.iter().any(|e| e == t) {
            dropped.push(said!("{t}（事件）", "{t} (events)"));
        } else {
            dropped.push(said!("{t}（未声明）", "{t} (not declared)"));
        }
    }
    if any {
        accepts.clear();
        dropped.clear();
    }
    let role = crate::model::Role {
        name: name.to_string(),
        en: String::new(),
        accepts,
        required,
        repeat,
    };
    // A role whose every type was dropped is reported with an empty `accepts`, which the
    // caller reads as "left out" (an empty list would mean any span).
    Ok((role, if any { Vec::new() } else { dropped }))
}
/// Read a `.ann` file against its text. Returns the document and the problems (with line
/// numbers) for everything that was not imported as it stands. `AnnotatorNotes` on spans
/// become their notes, or their figure values ([`VALUE_NOTE`]; such a span is a figure), and
/// [`QUALIFIER_ATTRIBUTE`] attributes the values' qualifiers. Other attributes, and the
/// attributes and notes of an event, are kept in a span's note as marker lines
/// ([`NoteMarker`]) that export writes back as the same lines. A discontinuous `T` becomes
/// one span per fragment, with a problem line.
pub fn import_ann(text: &Text, ann: &str) -> (BratDoc, Vec<Said>) {
    let mut problems = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut by_tid: HashMap<String, SpanId> = HashMap::new();
    let mut event_lines = Vec::new();
    // (line, id, body, text) of `#` lines and (line, id, body) of `A`/`M` lines, read once
    // the spans and events are known.
    let mut note_lines: Vec<(usize, &str, &str, &str)> = Vec::new();
    let mut attribute_lines: Vec<(usize, &str, &str)> = Vec::new();
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
                let surface = cols.next().unwrap_or_default();
                let ranges = match text_ranges(text, id, offsets, surface) {
                    Ok(r) => r,
                    Err(m) => {
                        problems.push(said!(
                            "第 {n} 行：{m}；未导入",
                            "line {n}: {m}; not imported";
                            m
                        ));
                        continue;
                    }
                };
                let kind = if label == "ARG" {
                    SpanKind::Argument
                } else {
                    SpanKind::Entity
                };
                let mut first = None;
                for r in &ranges {
                    let Some(sid) = next_number(spans.len()).map(SpanId) else {
                        problems.push(said!(
                            "第 {n} 行：{id}：标注数超出 biaozhu 能编号的上限；未导入",
                            "line {n}: {id}: more spans than biaozhu can number; not imported"
                        ));
                        break;
                    };
                    spans.push(Span {
                        source: crate::model::Source::Imported,
                        ..Span::new(sid, *r, kind, label)
                    });
                    first.get_or_insert(sid);
                }
                if let Some(sid) = first {
                    by_tid.insert(id.to_string(), sid);
                }
                if ranges.len() > 1 {
                    let parts: Vec<String> = ranges
                        .iter()
                        .map(|r| {
                            let t = text.slice(*r).unwrap_or_default();
                            format!("{}-{} {t:?}", r.start, r.end)
                        })
                        .collect();
                    let (k, parts_zh, parts_en) =
                        (ranges.len(), parts.join("，"), parts.join(", "));
                    problems.push(said!(
                        "第 {n} 行：{id} 不连续（{offsets}）：导入为 {k} 个分开的 {label} 标注\
                         （{parts_zh}）；其备注、属性和事件角色归第一个",
                        "line {n}: {id} is discontinuous ({offsets}): imported as {k} separate \
                         {label} spans ({parts_en}); its notes, attributes and event roles go to \
                         the first"
                    ));
                }
            }
            Some('E') => event_lines.push((n, id.to_string(), body.to_string())),
            Some('#') => note_lines.push((n, id, body, cols.next().unwrap_or_default())),
            Some('A') | Some('M') => attribute_lines.push((n, id, body)),
            _ => {
                let what = match id.chars().next() {
                    Some('R') => said!("关系", "a relation"),
                    Some('*') => said!("等价", "an equivalence"),
                    Some('N') => said!("规范化", "a normalisation"),
                    _ => said!("未知", "unknown"),
                };
                problems.push(said!(
                    "第 {n} 行：{id}（{what}）未导入：biaozhu 只保存标注、事件、备注和属性",
                    "line {n}: {id} ({what}) is not imported: biaozhu keeps spans, events, notes \
                     and attributes only";
                    what
                ))
            }
        }
    }
    let mut events = Vec::new();
    // brat event id -> (its trigger, whether it is the first event on that trigger: only
    // that one keeps attributes and notes, in the trigger's note).
    let mut by_eid: HashMap<String, (SpanId, bool)> = HashMap::new();
    for (n, id, body) in event_lines {
        let mut items = body.split(' ').filter(|x| !x.is_empty());
        let Some((ty, trig)) = items.next().and_then(|x| x.split_once(':')) else {
            problems.push(said!(
                "第 {n} 行：{id}：缺少 Type:Trigger",
                "line {n}: {id}: no Type:Trigger"
            ));
            continue;
        };
        let Some(&trigger) = by_tid.get(trig) else {
            problems.push(said!(
                "第 {n} 行：{id}：触发词 {trig} 不是已导入的文本标注；该事件未导入",
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
                None => problems.push(said!(
                    "第 {n} 行：{id}：角色 {role} 的论元 {arg} 不是已导入的文本标注；\
                     事件导入时不含该论元",
                    "line {n}: {id}: argument {arg} of role {role} is not an imported text span; \
                     the event is imported without it"
                )),
            }
        }
        let Some(eid) = next_number(events.len()).map(EventId) else {
            problems.push(said!(
                "第 {n} 行：{id}：事件数超出 biaozhu 能编号的上限；未导入",
                "line {n}: {id}: more events than biaozhu can number; not imported"
            ));
            continue;
        };
        let first = !events.iter().any(|e: &Event| e.trigger == trigger);
        by_eid.insert(id.clone(), (trigger, first));
        events.push(Event {
            unsure: false,
            note: None,
            id: eid,
            event_type: ty.to_string(),
            trigger,
            args,
        });
    }
    // Values first: a qualifier needs its span's value.
    for &(n, id, body, note) in &note_lines {
        if !is_value_note(note) {
            continue;
        }
        let (kind, target) = note_target(body);
        if kind != "AnnotatorNotes" {
            continue;
        }
        let Some(span) = span_of(&mut spans, &by_tid, target) else {
            continue;
        };
        if span.value.is_some() {
            problems.push(said!(
                "第 {n} 行：{id}：{target} 已有数值；这一个未导入",
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
            Err(e) => problems.push(said!(
                "第 {n} 行：{id}：{target} 的数值：{e}；未导入",
                "line {n}: {id}: the value of {target}: {e}; not imported";
                e
            )),
        }
    }
    // Then notes and attributes in the order of the file, so marker lines keep their order.
    // Per span: the texts of its notes and its marker lines.
    let mut texts: HashMap<SpanId, Vec<String>> = HashMap::new();
    let mut markers: HashMap<SpanId, Vec<String>> = HashMap::new();
    enum Line<'a> {
        Note(usize, &'a str, &'a str, &'a str),
        Attribute(usize, &'a str, &'a str),
    }
    let mut lines: Vec<Line> = note_lines
        .iter()
        .map(|&(n, id, body, note)| Line::Note(n, id, body, note))
        .chain(
            attribute_lines
                .iter()
                .map(|&(n, id, body)| Line::Attribute(n, id, body)),
        )
        .collect();
    lines.sort_by_key(|l| match l {
        Line::Note(n, ..) | Line::Attribute(n, ..) => *n,
    });
    for l in lines {
        match l {
            Line::Note(n, id, body, note) => {
                let (kind, target) = note_target(body);
                if kind != "AnnotatorNotes" {
                    problems.push(said!(
                        "第 {n} 行：{id}（类型为 {kind:?} 的备注）未导入：biaozhu 只读取 \
                         AnnotatorNotes",
                        "line {n}: {id} (a note of type {kind:?}) is not imported: biaozhu reads \
                         AnnotatorNotes"
                    ));
                    continue;
                }
                if let Some(sid) = by_tid.get(target) {
                    if !is_value_note(note) {
                        texts.entry(*sid).or_default().push(unescape_note(note));
                    }
                    continue;
                }
                match by_eid.get(target) {
                    Some(&(trigger, true)) if !note.contains('\r') => {
                        markers
                            .entry(trigger)
                            .or_default()
                            .push(NoteMarker::EventNote(note).line());
                    }
                    Some(_) => problems.push(said!(
                        "第 {n} 行：{id}（{target} 的备注）未导入：{target} 与它之前的事件\
                         共用触发词（事件的备注保存在其触发词上）",
                        "line {n}: {id} (a note on {target}) is not imported: {target} shares its \
                         trigger with an event before it (an event's note is kept on its trigger)"
                    )),
                    None => problems.push(said!(
                        "第 {n} 行：{id}（备注）未导入：{target} 不是已导入的文本标注或事件\
                         （biaozhu 只保存标注和事件上的备注）",
                        "line {n}: {id} (a note) is not imported: {target} is not an imported \
                         text span or event (biaozhu keeps notes on spans and events only)"
                    )),
                }
            }
            Line::Attribute(n, id, body) => {
                let parts: Vec<&str> = body.split(' ').collect();
                let (name, target, value) = match parts[..] {
                    [name, target] => (name, target, None),
                    [name, target, value] => (name, target, Some(value)),
                    _ => ("", "", None),
                };
                if !is_token(name) || !is_token(target) || value.is_some_and(|v| !is_token(v)) {
                    problems.push(said!(
                        "第 {n} 行：{id}：无法读取属性 {body:?}\
                         （应为 Name Target 或 Name Target Value）；未导入",
                        "line {n}: {id}: cannot read the attribute {body:?} \
                         (Name Target or Name Target Value); not imported"
                    ));
                    continue;
                }
                if let Some(&sid) = by_tid.get(target) {
                    if name == QUALIFIER_ATTRIBUTE
                        && let Some(span) = span_of(&mut spans, &by_tid, target)
                        && let Some(v) = span.value.as_mut()
                    {
                        let parsed = value.map(|q| (q, Qualifier::parse(q)));
                        match (parsed, v.qualifier) {
                            (Some((_, Some(q))), None) => {
                                v.qualifier = Some(q);
                                continue;
                            }
                            (None, _) => problems.push(said!(
                                "第 {n} 行：{id}：{QUALIFIER_ATTRIBUTE} 没有值；\
                                 保存在 {target} 的备注中",
                                "line {n}: {id}: {QUALIFIER_ATTRIBUTE} without a value; \
                                 kept in {target}'s note"
                            )),
                            (Some((q, None)), _) => problems.push(said!(
                                "第 {n} 行：{id}：未知的限定 {q:?}；保存在 {target} 的备注中",
                                "line {n}: {id}: unknown qualifier {q:?}; kept in {target}'s note"
                            )),
                            (Some((_, Some(_))), Some(_)) => problems.push(said!(
                                "第 {n} 行：{id}：{target} 已有限定；这一个保存在它的备注中",
                                "line {n}: {id}: {target} has a qualifier already; \
                                 this one is kept in its note"
                            )),
                        }
                    }
                    markers
                        .entry(sid)
                        .or_default()
                        .push(NoteMarker::Attribute(name, value).line());
                    continue;
                }
                match by_eid.get(target) {
                    Some(&(trigger, true)) => markers
                        .entry(trigger)
                        .or_default()
                        .push(NoteMarker::EventAttribute(name, value).line()),
                    Some(_) => problems.push(said!(
                        "第 {n} 行：{id}（{target} 的属性）未导入：{target} 与它之前的事件\
                         共用触发词（事件的属性保存在其触发词上）",
                        "line {n}: {id} (an attribute of {target}) is not imported: {target} \
                         shares its trigger with an event before it (an event's attributes are \
                         kept on its trigger)"
                    )),
                    None => problems.push(said!(
                        "第 {n} 行：{id}（属性）未导入：{target} 不是已导入的文本标注或事件",
                        "line {n}: {id} (an attribute) is not imported: {target} is not an \
                         imported text span or event"
                    )),
                }
            }
        }
    }
    for s in &mut spans {
        let text = texts.remove(&s.id).map(|t| t.join("\n"));
        let marks = markers.remove(&s.id).map(|m| m.join("\n"));
        s.note = match (text, marks) {
            (Some(t), Some(m)) => Some(format!("{t}\n{m}")),
            (t, m) => t.or(m),
        };
    }
    (BratDoc { spans, events }, problems)
}

/// The char ranges of a `T` line's offsets (`0 2` or, discontinuous, `0 2;5 8`), checked
/// against the text and the surface brat wrote (fragments joined with a space, a line end
/// as a space; an empty surface is not checked).
fn text_ranges(
    text: &Text,
    id: &str,
    offsets: &str,
    surface: &str,
) -> Result<Vec<crate::model::CharRange>, Said> {
    let mut ranges = Vec::new();
    let mut found = Vec::new();
    for fragment in offsets.split(';') {
        // Every offset must be a number that fits a char offset: one that does not
        // (4294967296 and up) is named, never skipped or wrapped.
        let nums: Result<Vec<u32>, &str> = fragment
            .split(' ')
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<u32>().map_err(|_| x))
            .collect();
        let nums = nums.map_err(|x| {
            let max = u32::MAX;
            said!(
                "{id}：偏移 {x:?} 不是字偏移（0 到 {max}）",
                "{id}: offset {x:?} is not a char offset (0 to {max})"
            )
        })?;
        let [s, e] = nums[..] else {
            return Err(said!(
                "{id}：无法读取偏移 {offsets:?}",
                "{id}: cannot read offsets {offsets:?}"
            ));
        };
        // An empty range (`3 3`) or one given backwards (`15 13`) is that line's problem:
        // never swapped, never left for the layer to refuse (which would cost the document
        // every span, without a line).
        if s >= e {
            return Err(said!(
                "标注 {id} 的起点 {s} 不在终点 {e} 之前",
                "span {id} has start {s} not before end {e}"
            ));
        }
        let r = crate::model::CharRange::new(s, e);
        let t = text.slice(r).map_err(|e| {
            let e = super::mapping::offset_error(&e);
            said!("{id}：{e}", "{id}: {e}"; e)
        })?;
        found.push(t.replace(['\n', '\r'], " "));
        ranges.push(r);
    }
    let found = found.join(" ");
    if !surface.is_empty() && found != surface {
        return Err(said!(
            "{id} 写的是 {surface:?}，但 {offsets} 处的文本是 {found:?}",
            "{id} says {surface:?} but the text at {offsets} is {found:?}"
        ));
    }
    Ok(ranges)
}

/// The type and target of a `#` line's middle column (`AnnotatorNotes T1`).
fn note_target(body: &str) -> (&str, &str) {
    let mut parts = body.split(' ');
    (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    )
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

    /// A read's document (or schema) with its problems in English.
    fn en<T>((t, problems): (T, Vec<Said>)) -> (T, Vec<String>) {
        (t, problems.into_iter().map(|p| p.en).collect())
    }

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
        let ann = "T1\tOrganization 0 8\tCitibank\nR1\tOrigin Arg1:T1 Arg2:T1\t\n#1\tAnnotatorNotes T1\tnote\nT2\tMoney 0 4;4 8\tCiti bank\nT3\tMoney 9 14\twrong\n";
        let (doc, problems) = en(import_ann(&text, ann));
        // T1, and T2 as two spans.
        let ranges: Vec<_> = doc
            .spans
            .iter()
            .map(|s| (s.label.as_str(), s.range.start, s.range.end))
            .collect();
        assert_eq!(
            ranges,
            [("Organization", 0, 8), ("Money", 0, 4), ("Money", 4, 8)]
        );
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
        let (doc, problems) = en(import_ann(&text, ann));
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
        let (doc, problems) = en(import_ann(&text, ann));
        let line = |n: usize, what: &str| {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("line {n}: ")) && p.contains(what)),
                "line {n} ({what}): {problems:?}"
            )
        };
        line(2, "\"abc\" is not a number");
        line(5, "unknown key \"colour\"");
        line(6, "\\x is not an escape");
        line(12, "unknown qualifier \"sometimes\"");
        line(14, "has a qualifier already");
        assert_eq!(problems.len(), 5, "{problems:?}");
        // The note on event E1 is kept on its trigger T3.
        assert_eq!(
            doc.spans[2].note.as_deref(),
            Some("brat-event-note on the event")
        );
        // T1's value was refused: its qualifier has no home and stays in its note, as do
        // T4's unknown and second qualifiers.
        assert_eq!(
            doc.spans[0].note.as_deref(),
            Some("brat-attribute Qualifier approx")
        );
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
        assert_eq!(
            date.note.as_deref(),
            Some(
                "first\nsecond\nbrat-attribute Qualifier sometimes\n\
                 brat-attribute Qualifier at_most"
            )
        );
    }

    #[test]
    fn offsets_and_numbers_too_large_for_u32_are_problems_not_wrapped() {
        let text = Text::new("Citibank moved money.");
        let ann =
            "T1\tORG 0 4294967296\tCitibank\nT2\tORG 0 x 8\tCitibank\nT3\tORG 0 8\tCitibank\n";
        let (doc, problems) = en(import_ann(&text, ann));
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

    #[test]
    fn attributes_and_event_notes_round_trip_as_the_same_lines() {
        let text = Text::new("Somebody twitted that YouTube and Google merge.");
        let ann = "T1\tPerson 0 8\tSomebody\nT2\tReport 9 16\ttwitted\n\
                   T3\tOrganization 22 29\tYouTube\nT4\tOrganization 34 40\tGoogle\n\
                   T5\tMerge-org 41 46\tmerge\n\
                   E1\tReport:T2 Reporter-Arg:T1\nE2\tMerge-org:T5 Org-Arg:T3 Org-Arg2:T4\n\
                   A1\tIndividual T1\nA2\tMention T1 Name\nA3\tConfidence E2 Low\nA4\tNegation E1\n\
                   #1\tAnnotatorNotes T1\tWho?\n#2\tAnnotatorNotes E2\tone event or two?\n\
                   M5\tConfidence E1 High\n";
        let (doc, problems) = import_ann(&text, ann);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            doc.spans[0].note.as_deref(),
            Some("Who?\nbrat-attribute Individual\nbrat-attribute Mention Name")
        );
        assert_eq!(
            doc.spans[1].note.as_deref(),
            Some("brat-event-attribute Negation\nbrat-event-attribute Confidence High")
        );
        assert_eq!(
            doc.spans[4].note.as_deref(),
            Some("brat-event-attribute Confidence Low\nbrat-event-note one event or two?")
        );
        let again = export_ann(&text, &doc.spans, &doc.events).unwrap();
        // The same lines, numbered anew (ids of T and E lines are kept here).
        let mut lines: Vec<String> = again
            .lines()
            .filter(|l| l.starts_with(['A', '#']))
            .map(|l| l.split_once('\t').unwrap().1.to_string())
            .collect();
        lines.sort();
        let mut want = vec![
            "Individual T1",
            "Mention T1 Name",
            "Confidence E2 Low",
            "Negation E1",
            "Confidence E1 High",
            "AnnotatorNotes T1\tWho?",
            "AnnotatorNotes E2\tone event or two?",
        ];
        want.sort();
        assert_eq!(lines, want, "{again}");
        let (doc2, p2) = import_ann(&text, &again);
        assert!(p2.is_empty(), "{p2:?}");
        assert_eq!(doc2, doc);
        // The conf declares what the files use.
        let mut used = AttributeUse::default();
        export_ann_using(&text, &doc.spans, &doc.events, &mut used).unwrap();
        let conf = export_conf_using(&Project::new("p", "me"), &used);
        for l in [
            "Confidence\tArg:<EVENT>, Value:High|Low\n",
            "Individual\tArg:<ENTITY>\n",
            "Mention\tArg:<ENTITY>, Value:Name\n",
            "Negation\tArg:<EVENT>\n",
        ] {
            assert!(conf.contains(l), "{l}: {conf}");
        }
    }

    #[test]
    fn any_note_comes_back_exactly() {
        let text = Text::new("甘肃省总工会召开推进会，投入两亿元。");
        let notes = [
            "",
            "plain",
            "brat-attribute Negation",
            "text\nbrat-attribute Mention Name",
            "text\n\nbrat-attribute Mention Name\nbrat-event-attribute Confidence High",
            "brat-attribute X\nmiddle\nbrat-attribute Y",
            "brat-event-note why?\nbrat-event-attribute Negation",
            "brat-attribute Qualifier approx",
            "brat-attribute Qualifier sometimes",
            "brat-attribute two  spaces",
            "brat-attribute tab\tvalue",
            "brat-attribute cr\r",
            "brat-event-note with\ttab",
            "biaozhu-value kind=MONEY\nbrat-attribute A",
            "\\brat-attribute A",
            "a\r\nb\\n\nbrat-attribute A 😀",
        ];
        for note in notes {
            for (kind, with_event, with_value) in [
                (SpanKind::Entity, false, false),
                (SpanKind::Trigger, true, false),
                (SpanKind::Figure, false, true),
            ] {
                let mut s = Span {
                    note: Some(note.to_string()),
                    source: crate::model::Source::Imported,
                    ..Span::new(SpanId(1), CharRange::new(6, 8), kind, "会议")
                };
                if with_value {
                    s.label = "MONEY".into();
                    s.range = CharRange::new(14, 17);
                    s.value = Some(FigureValue {
                        number: Some(2e8),
                        ..FigureValue::empty(FigureKind::Money)
                    });
                }
                let org = Span {
                    source: crate::model::Source::Imported,
                    ..Span::new(SpanId(2), CharRange::new(0, 6), SpanKind::Entity, "ORG")
                };
                let events = if with_event {
                    vec![Event {
                        unsure: false,
                        note: None,
                        id: EventId(1),
                        event_type: "会议".into(),
                        trigger: SpanId(1),
                        args: vec![("主体".into(), SpanId(2))],
                    }]
                } else {
                    Vec::new()
                };
                let mut spans = vec![s, org];
                spans.sort_by_key(Span::sort_key);
                let ann = export_ann(&text, &spans, &events).unwrap();
                let (doc, problems) = import_ann(&text, &ann);
                assert!(
                    problems.is_empty(),
                    "{note:?} {kind:?}: {problems:?}\n{ann}"
                );
                let back = doc
                    .spans
                    .iter()
                    .find(|s| s.range == spans.iter().find(|x| x.note.is_some()).unwrap().range)
                    .unwrap();
                assert_eq!(back.note.as_deref(), Some(note), "{kind:?}\n{ann}");
            }
        }
    }

    #[test]
    fn discontinuous_spans_become_one_span_per_fragment_with_a_line() {
        let text = Text::new("甘肃省和兰州市举办\r\n活动😀𠮷");
        let ann = "T1\tLOC 0 2;4 6\t甘肃 兰州\nT2\tLOC 0 2;4 6\t甘肃兰州\n\
                   T3\tEVT 7 9;11 12\t举办 活\nT4\tX 14 15\t𠮷\n\
                   E1\t举办:T3 地点:T1\nA1\tMention T1 Name\n";
        let (doc, problems) = en(import_ann(&text, ann));
        let got: Vec<_> = doc
            .spans
            .iter()
            .map(|s| {
                (
                    s.label.as_str(),
                    s.range.start,
                    s.range.end,
                    text.slice(s.range).unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("LOC", 0, 2, "甘肃"),
                ("LOC", 4, 6, "兰州"),
                ("举办", 7, 9, "举办"),
                ("EVT", 11, 12, "活"),
                ("X", 14, 15, "𠮷"),
            ]
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 1: T1 is discontinuous (0 2;4 6)"));
        assert!(problems[0].contains("2 separate LOC spans (0-2 \"甘肃\", 4-6 \"兰州\")"));
        assert!(
            problems[1].starts_with("line 2: T2 says \"甘肃兰州\"")
                && problems[1].contains("\"甘肃 兰州\"")
        );
        assert!(problems[2].starts_with("line 3: T3 is discontinuous"));
        // The event and the attribute go to the first fragment.
        assert_eq!(doc.events[0].trigger, SpanId(3));
        assert_eq!(doc.events[0].args, [("地点".to_string(), SpanId(1))]);
        assert_eq!(
            doc.spans[0].note.as_deref(),
            Some("brat-attribute Mention Name")
        );
    }

    #[test]
    fn annotation_conf_reads_labels_events_roles_and_attributes() {
        let src = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/fixtures/interop/brat-news/annotation.conf"),
        )
        .unwrap();
        let (conf, problems) = en(parse_conf(&src));
        assert_eq!(conf.labels, ["Person", "Organization", "GPE", "Money"]);
        let keys: Vec<&str> = conf.events.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "Be-born",
                "Marry",
                "Divorce",
                "Die",
                "Transfer-ownership",
                "Transfer-money",
                "Start-org",
                "Merge-org",
                "End-org",
                "Report"
            ]
        );
        let role = |ty: &str, name: &str| {
            let r = conf
                .events
                .iter()
                .find(|e| e.key == ty)
                .unwrap()
                .roles
                .iter()
                .find(|r| r.name == name)
                .cloned();
            r.map(|r| (r.accepts, r.required, r.repeat))
        };
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            role("Be-born", "Person-Arg"),
            Some((v(&["Person"]), true, false))
        );
        assert_eq!(
            role("Be-born", "Place-Arg"),
            Some((v(&["GPE"]), false, false))
        );
        assert_eq!(
            role("Marry", "Person-Arg"),
            Some((v(&["Person"]), true, true))
        );
        assert_eq!(
            role("Die", "Agent-Arg"),
            Some((v(&["Person", "Organization", "GPE"]), false, false))
        );
        assert_eq!(
            role("Merge-org", "Org-Arg"),
            Some((v(&["Organization"]), true, true))
        );
        // Report's Event-Arg takes events: left out, with a line.
        assert_eq!(role("Report", "Event-Arg"), None);
        assert!(role("Report", "Reporter-Arg").is_some());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("line 66: Report: role Event-Arg accepts <EVENT>"));
        assert_eq!(
            conf.attributes,
            [
                ("Individual".into(), "<ENTITY>".into(), vec![]),
                (
                    "Mention".into(),
                    "<ENTITY>".into(),
                    v(&["Name", "Nominal", "Other"])
                ),
                ("Negation".into(), "<EVENT>".into(), vec![]),
                (
                    "Confidence".into(),
                    "<EVENT>".into(),
                    v(&["High", "Neutral", "Low"])
                ),
            ]
        );
        // What export writes reads back the same: labels, event types and roles.
        let mut p = Project::new("p", "me");
        p.schema.events[0].roles[1].accepts = vec!["ARG".into()];
        let (back, problems) = parse_conf(&export_conf(&p));
        assert!(problems.is_empty(), "{problems:?}");
        let keys: Vec<&str> = p.schema.labels.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(back.labels, keys);
        // annotation.conf has no English role names.
        let strip = |ts: &[EventType]| -> Vec<(String, Vec<crate::model::Role>)> {
            ts.iter()
                .map(|t| {
                    let mut roles = t.roles.clone();
                    roles.iter_mut().for_each(|r| r.en.clear());
                    (t.key.clone(), roles)
                })
                .collect()
        };
        assert_eq!(strip(&back.events), strip(&p.schema.events));
        assert_eq!(back.attributes[0].0, QUALIFIER_ATTRIBUTE);
    }

    #[test]
    fn conf_role_counts_and_garbage_never_panic() {
        let src = "[entities]\nA\n  B\n!C\nARG\nA\n[events]\n\
                   Ev\tx{2}:A, y{0-3}:B, z{1-}:A|B, w{0-1}:A, v:<ENTITY>|A, u{q}:A, :A, t, s:ARG\n\
                   Ev\tx:A\n<M>=\n{\n[attributes]\nAt\n[\n]\n";
        let (conf, problems) = en(parse_conf(src));
        assert_eq!(conf.labels, ["A", "B"]);
        let roles: Vec<_> = conf.events[0]
            .roles
            .iter()
            .map(|r| (r.name.as_str(), r.accepts.len(), r.required, r.repeat))
            .collect();
        assert_eq!(
            roles,
            [
                ("x", 1, true, true),
                ("y", 1, false, true),
                ("z", 2, true, true),
                ("w", 1, false, false),
                ("v", 0, true, false),
                ("s", 1, true, false),
            ]
        );
        // u{q}, the nameless role, t without a type, the second Ev.
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems.iter().all(|p| p.starts_with("line ")),
            "{problems:?}"
        );
        for junk in [
            "[events]\n{}:\n",
            "[events]\nX {-}:A\n",
            "[events]\nX a{9999999999}:B\n",
            "\u{feff}[",
            "[attributes]\nX Arg:, Value:\n",
        ] {
            let _ = parse_conf(junk);
        }
    }

    /// The ASCII words of `s` outside quotes that are not in `allowed` (ids such as `T3`
    /// and single letters are not words).
    fn english_words(s: &str, allowed: &[&str]) -> Vec<String> {
        let mut outside = String::new();
        let mut quoted = false;
        for c in s.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                outside.push(c);
            }
        }
        outside
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && !allowed.contains(w))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn problems_and_errors_are_worded_in_chinese_too() {
        let text = Text::new("甘肃省总工会10月19日在兰州召开推进会。");
        let ann = "T1\tORG 0 6\t甘肃省总工会\n\
                   R1\tOrigin Arg1:T1 Arg2:T1\n\
                   T2\tLOC 0 2;3 5\t甘肃 总工\n\
                   T3\tLOC 15 13\t兰州\n\
                   T4\tLOC 13 15\twrong\n\
                   E1\t会议:T9 主体:T1\n\
                   T5\t会议 15 17\t召开\n\
                   E2\t会议:T5 主体:T9\n\
                   #1\tOtherNote T1\tx\n\
                   #2\tAnnotatorNotes T9\tx\n\
                   A1\tBad\n\
                   A2\tNeg T9\n\
                   #3\tAnnotatorNotes T1\tbiaozhu-value kind=NOPE\n\
                   E3\tfoo\n\
                   T6\tX 0 abc\t\n";
        let (_, problems) = import_ann(&text, ann);
        assert_eq!(problems.len(), 13, "{problems:?}");
        let allowed = [
            "biaozhu",
            "AnnotatorNotes",
            "Type",
            "Trigger",
            "Name",
            "Target",
            "Value",
            "LOC",
            "kind",
        ];
        for p in &problems {
            let n =
                p.en.strip_prefix("line ")
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap();
            assert!(p.zh.starts_with(&format!("第 {n} 行：")), "{p:?}");
            assert!(english_words(&p.zh, &allowed).is_empty(), "{p:?}");
            assert_ne!(p.zh, p.en);
        }
        assert_eq!(
            problems[0].zh,
            "第 2 行：R1（关系）未导入：biaozhu 只保存标注、事件、备注和属性"
        );
        assert_eq!(
            problems[1].zh,
            "第 3 行：T2 不连续（0 2;3 5）：导入为 2 个分开的 LOC 标注（0-2 \"甘肃\"，3-5 \"总工\"）；\
             其备注、属性和事件角色归第一个"
        );
        assert_eq!(
            problems[2].zh,
            "第 4 行：标注 T3 的起点 15 不在终点 13 之前；未导入"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.zh == "第 13 行：#3：T1 的数值：未知的数字种类 \"NOPE\"；未导入")
        );

        let conf = "[entities]\nORG\n[events]\n会议\t主体:ORG|<EVENT>, 地点:Nope\n\
                    会议\t主体:ORG\n开会\tx{q}:ORG\n";
        let (_, problems) = parse_conf(conf);
        assert_eq!(problems.len(), 4, "{problems:?}");
        for p in &problems {
            assert!(p.zh.starts_with("第 "), "{p:?}");
            assert!(
                english_words(&p.zh, &["biaozhu", "ORG", "EVENT", "Nope"]).is_empty(),
                "{p:?}"
            );
        }
        assert_eq!(
            problems[1].zh,
            "第 4 行：会议：角色 地点 接受 Nope（未声明），biaozhu 的角色不能接受\
             （角色只接受某一标签的文本标注）；该角色未导入"
        );
        assert_eq!(problems[3].zh, "第 6 行：开会：无法读取 {q}；未导入");

        let short = Text::new("甘肃");
        let span = Span::new(SpanId(1), CharRange::new(0, 5), SpanKind::Entity, "LOC");
        let e = export_ann(&short, &[span], &[]).unwrap_err();
        assert_eq!(e.zh, "字偏移 5 超出了文本末尾（共 2 个字）");
        assert_eq!(e.en, "char offset 5 is past the end of the text (2 chars)");
    }
}
