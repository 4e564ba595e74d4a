//! brat standoff: `<doc>.txt` + `<doc>.ann` (`T` text-bound lines, `E` event lines with
//! `Type:Trigger Role:Arg …`, a role that repeats written `Role2`, `Role3`…) and
//! `annotation.conf`. brat offsets count code points, end exclusive, like biaozhu's.
//! Lines biaozhu does not model (`R` relations, `A` attributes, `#` notes, `N` references,
//! discontinuous spans, events as arguments) are reported, never dropped silently.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::mapping;
use super::registry::{
    Exported, Format, FormatError, Holds, Options, Output, Progress, Read, ReadDoc, Target,
    file_name, read_text_file,
};

use crate::model::{Event, EventId, Project, Span, SpanId, SpanKind, SpanStatus, Text};

/// brat standoff.
pub static FORMAT: Format = Format {
    name: "brat",
    title: ["brat", "brat"],
    help: "brat standoff: .ann files with their .txt beside them; exports a folder (--out DIR) of .txt/.ann pairs and annotation.conf",
    extensions: &["ann"],
    holds: Holds {
        spans: true,
        values: false,
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
        notes: Vec::new(),
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

/// Write one document's accepted spans and events as a `.ann` file.
pub fn export_ann(text: &Text, spans: &[Span], events: &[Event]) -> Result<String, String> {
    let mut out = String::new();
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
    Ok(out)
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
    s.push_str("\n[attributes]\n");
    s
}

/// Read a `.ann` file against its text. Returns the document and the problems (with line
/// numbers) for everything that was not imported.
pub fn import_ann(text: &Text, ann: &str) -> (BratDoc, Vec<String>) {
    let mut problems = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut by_tid: HashMap<String, SpanId> = HashMap::new();
    let mut event_lines = Vec::new();
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
            _ => problems.push(format!(
                "line {n}: {id} ({}) is not imported: biaozhu keeps spans and events only",
                match id.chars().next() {
                    Some('R') => "a relation",
                    Some('A' | 'M') => "an attribute",
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
    (BratDoc { spans, events }, problems)
}

/// The number after `count` (ids count from 1), `None` when it does not fit a `u32`.
fn next_number(count: usize) -> Option<u32> {
    count.checked_add(1).and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(problems.len(), 4, "{problems:?}");
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
