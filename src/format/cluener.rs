//! CLUENER 2020 named entities (JSONL): one record a line,
//! `{"text": "…", "label": {"type": {"surface": [[start, end], …]}}}`.
//!
//! Offsets are chars (code points, a Python `str` index), and the **end is inclusive**:
//! `text[start..=end] == surface`, so `[[9, 11]]` is biaozhu's `[9, 12)`. That conversion
//! happens here and nowhere else. Import checks every range against its surface (a mismatch
//! refuses the file, naming the line); export writes the same shape, in the same JSON style
//! as the CLUENER files (`", "` and `": "`, Chinese unescaped), with types and surfaces in the
//! order their spans were made (an imported file's own order), so a CLUENER file imported and
//! exported again comes out the same, byte for byte.
//!
//! CLUENER types are lowercase English words (`name`, `company`, `address`, `organization`,
//! `government`, `position`, `book`, `game`, `movie`, `scene`); they come in as labels as
//! they are and the import adds them to the schema. To write biaozhu's labels under CLUENER's
//! names (or read CLUENER's and rename them later), the export's `--map` renames:
//!
//! | biaozhu | CLUENER |
//! |---|---|
//! | `PER` | `name` |
//! | `ORG` | `organization` (a firm: `company`; a state body: `government`) |
//! | `LOC` | `address` (a sight: `scene`) |
//!
//! `biaozhu export P --format cluener --map PER=name,ORG=organization,LOC=address`.
//!
//! What CLUENER cannot hold: figures' values, events, relations, and empty spans (each left
//! out with a note). It keys spans by their surface, so two spans of one type over the same
//! text become one entry with two ranges, and the same range under two types is an entry
//! under each type. A span whose text is only whitespace is written, with a note (a reader
//! that strips surfaces will not find it).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use super::registry::{
    Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read, Target,
    file_name, read_text_file,
};
use super::training::{FlatSpan, KindsLeftOut, read_doc};
use crate::i18n::Said;
use crate::model::{CharRange, Document, Project};
use crate::said;

/// CLUENER 2020 named entities.
pub static FORMAT: Format = Format {
    name: "cluener",
    title: ["CLUENER", "CLUENER"],
    help: "CLUENER 2020 NER (JSONL): {text, label: {type: {surface: [[start, end]]}}}, char offsets, ends inclusive",
    extensions: &["jsonl", "json"],
    holds: Holds {
        spans: true,
        values: false,
        events: false,
        relations: false,
        loose_spans: true,
    },
    options: &[
        OptionKind::Encoding,
        OptionKind::IncludePending,
        OptionKind::Kinds,
        OptionKind::Roles,
    ],
    target: Target::File,
    import: Some(read_file),
    export: Some(build),
};

/// A JSON object read with its keys in the file's order (serde_json's map sorts them).
#[derive(Debug, Default)]
struct Ordered<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
        }
        d.deserialize_any(V_(std::marker::PhantomData))
    }
}

/// One CLUENER record: `label` may be missing (CLUENER's test set) or null.
#[derive(Debug, Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    label: Ordered<Ordered<Vec<Vec<u64>>>>,
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let src = read_text_file(file, opts.encoding.as_deref())?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cluener".into());
    let name = file_name(file);
    let at = |n: usize, message: Said| FormatError {
        line: Some(n),
        ..FormatError::new(file, message)
    };
    let mut out = Read::default();
    for (i, raw) in src.text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line).map_err(|e| at(n, json_error(raw, line, &e)))?;
        if r.text.is_empty() {
            return Err(at(n, said!("文本为空", "the text is empty")));
        }
        let chars: Vec<char> = r.text.chars().collect();
        let mut spans = Vec::new();
        let mut seen: HashSet<(u32, u32, &str)> = HashSet::new();
        for (ty, surfaces) in &r.label.0 {
            for (surface, ranges) in &surfaces.0 {
                for range in ranges {
                    let &[s, e] = range.as_slice() else {
                        let list: Vec<String> = range.iter().map(u64::to_string).collect();
                        let list = list.join(", ");
                        return Err(at(
                            n,
                            said!(
                                "{ty} {surface:?}：范围应为 [start, end]，而不是 [{list}]",
                                "{ty} {surface:?}: a range is [start, end], not [{list}]"
                            ),
                        ));
                    };
                    let found = usize::try_from(s)
                        .ok()
                        .zip(usize::try_from(e).ok())
                        .filter(|(s, e)| s <= e && *e < chars.len())
                        .map(|(s, e)| chars[s..=e].iter().collect::<String>());
                    match found {
                        Some(f) if f == *surface => {}
                        Some(f) => {
                            return Err(at(
                                n,
                                said!(
                                    "{ty} {surface:?} 不在 [{s}, {e}]（偏移 {s} 到 {e} 的字是 {f:?}；终点包含在内）",
                                    "{ty} {surface:?} is not at [{s}, {e}] (chars {s} to {e} are {f:?}; ends are inclusive)"
                                ),
                            ));
                        }
                        None => {
                            let len = chars.len();
                            return Err(at(
                                n,
                                said!(
                                    "{ty} {surface:?} 的 [{s}, {e}] 超出文本（共 {len} 字；终点包含在内）",
                                    "{ty} {surface:?} at [{s}, {e}] does not fit the text of {len} chars (ends are inclusive)"
                                ),
                            ));
                        }
                    }
                    // Both fit in the text, whose length biaozhu keeps in a u32.
                    let (start, end) = (
                        u32::try_from(s).unwrap_or(u32::MAX),
                        u32::try_from(e + 1).unwrap_or(u32::MAX),
                    );
                    if !seen.insert((start, end, ty.as_str())) {
                        out.problems.push(
                            said!(
                                "第 {n} 行：{ty} [{s}, {e}] 出现了两次，只取一次",
                                "line {n}: {ty} [{s}, {e}] is given twice; taken once"
                            )
                            .at(&file.display().to_string()),
                        );
                        continue;
                    }
                    spans.push(FlatSpan::new(start, end, ty.clone()));
                }
            }
        }
        out.docs.push(read_doc(
            file,
            n,
            format!("{stem}_{n}"),
            format!("{name} line {n} (CLUENER)"),
            r.text,
            &src,
            spans,
            false,
        )?);
    }
    Ok(out)
}

fn build(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut spans = 0;
    let total = p.documents.len();
    for (k, d) in p.documents.iter().enumerate() {
        if k % 256 == 0 && !progress(k, total) {
            return Ok(None);
        }
        spans += record(d, opts, &mut left, &mut notes, &mut out)?;
    }
    if !progress(total, total) {
        return Ok(None);
    }
    notes.extend(left.note(opts.kinds()));
    let events: usize = p.documents.iter().map(|d| d.layer.events.len()).sum();
    if events > 0 {
        let events_en = crate::i18n::english_count(events, "event");
        notes.push(said!(
            "{events} 个事件未导出（CLUENER 只存带标签的标注）",
            "{events_en} left out (CLUENER holds labelled spans only)"
        ));
    }
    Ok(Some(Exported {
        output: Output::File(out),
        documents: total,
        spans,
        notes,
    }))
}

/// A JSON string as Python's `json.dumps(…, ensure_ascii=False)` writes it (serde_json
/// escapes the same characters the same way).
fn string(s: &str) -> Result<String, FormatError> {
    serde_json::to_string(s).map_err(|e| FormatError::export(Said::verbatim(e.to_string())))
}

/// Why a JSON line did not parse: what serde_json said (kept as it said it), placed by the
/// byte of the line, not by serde_json's `line 1 column …` of the one line it was given.
/// `raw` is the line as in the file, `parsed` the part of it that was parsed. The caller
/// names the line (a [`FormatError`]'s `line`).
pub(super) fn json_error(raw: &str, parsed: &str, e: &serde_json::Error) -> Said {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&position) {
        Some(message) => {
            let dropped = parsed.as_ptr() as usize - raw.as_ptr() as usize;
            let byte = e.column() + dropped;
            said!(
                "JSON 有误：{message}（该行第 {byte} 个字节）",
                "{message} (byte {byte} of the line)"
            )
        }
        None => said!("JSON 有误：{full}", "{full}"),
    }
}

/// A type's surfaces, each with its ranges (end inclusive), in first-appearance order.
type Surfaces = Vec<(String, Vec<(u32, u32)>)>;

/// Append `d`'s record to `out`; returns the number of spans written.
fn record(
    d: &Document,
    opts: &Options,
    left: &mut KindsLeftOut,
    notes: &mut Vec<Said>,
    out: &mut String,
) -> Result<usize, FormatError> {
    let id = &d.meta.id;
    let mut chosen = super::training::chosen_spans(
        d,
        opts,
        opts.kinds(),
        &std::collections::HashSet::new(),
        left,
    );
    // The order the spans were made in: an imported file's own order.
    chosen.sort_by_key(|s| s.id);
    // type → surface → ranges (end inclusive), each in first-appearance order.
    let mut types: Vec<(&str, Surfaces)> = Vec::new();
    let mut written = 0;
    for s in chosen {
        let r: CharRange = s.range;
        let label = &s.label;
        if r.is_empty() {
            notes.push(said!(
                "{id}：标注 {label} {r} 为空，CLUENER 存不下，未导出",
                "{id}: span {label} {r} is empty: CLUENER cannot hold it; left out"
            ));
            continue;
        }
        let surface = d
            .text
            .slice(r)
            .map_err(|e| FormatError::export(super::mapping::offset_error(&e).at(id)))?
            .to_string();
        if surface.trim().is_empty() {
            notes.push(said!(
                "{id}：标注 {label} {r} 只有空白（{surface:?}）；已导出，但 CLUENER 以文本为键",
                "{id}: span {label} {r} is only whitespace ({surface:?}); written, but CLUENER keys spans by their text"
            ));
        }
        let range = (r.start, r.end - 1);
        let ty = match types.iter_mut().position(|(t, _)| *t == s.label) {
            Some(i) => &mut types[i].1,
            None => {
                types.push((s.label.as_str(), Vec::new()));
                let last = types.len() - 1;
                &mut types[last].1
            }
        };
        match ty.iter_mut().find(|(t, _)| *t == surface) {
            Some((_, ranges)) if ranges.contains(&range) => continue,
            Some((_, ranges)) => ranges.push(range),
            None => ty.push((surface, vec![range])),
        }
        written += 1;
    }
    let _ = write!(
        out,
        "{{\"text\": {}, \"label\": {{",
        string(d.text.as_str())?
    );
    for (i, (ty, surfaces)) in types.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{}: {{", string(ty)?);
        for (j, (surface, ranges)) in surfaces.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let list: Vec<String> = ranges.iter().map(|(s, e)| format!("[{s}, {e}]")).collect();
            let _ = write!(out, "{}: [{}]", string(surface)?, list.join(", "));
        }
        out.push('}');
    }
    out.push_str("}}\n");
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Layer, Span, SpanId, SpanKind, Text};

    const LINE: &str = r#"{"text": "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。叶老桂认为，对目前国内商业银行而言，", "label": {"name": {"叶老桂": [[9, 11], [32, 34]]}, "company": {"浙商银行": [[0, 3]]}}}"#;

    fn read_str(src: &str) -> Result<Read, FormatError> {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.jsonl");
        std::fs::write(&f, src).unwrap();
        read_file(&f, &Options::default())
    }

    fn project(docs: Vec<Document>) -> Project {
        Project {
            name: "t".into(),
            schema: Default::default(),
            settings: Default::default(),
            documents: docs,
            annotator: "a".into(),
            dirty_docs: Default::default(),
            project_dirty: false,
            assignments: Default::default(),
        }
    }

    fn doc_of(r: &crate::format::ReadDoc) -> Document {
        Document {
            meta: crate::model::DocMeta {
                id: r.name.clone(),
                published: None,
                imported_from: None,
            },
            text: Text::new(r.text.text.clone()),
            layer: Layer::from_parts(
                r.spans.clone(),
                Vec::new(),
                Default::default(),
                r.spans.len() as u32 + 1,
                Default::default(),
            ),
        }
    }

    fn export(p: &Project, opts: &Options) -> Exported {
        build(p, opts, &mut |_, _| true).unwrap().unwrap()
    }

    fn text_of(e: &Exported) -> &str {
        match &e.output {
            Output::File(s) => s,
            Output::Folder(_) => panic!("a file"),
        }
    }

    #[test]
    fn ends_are_inclusive_and_the_file_order_comes_back() {
        let r = read_str(LINE).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let d = &r.docs[0];
        let got: Vec<(u32, u32, &str)> = d
            .spans
            .iter()
            .map(|s| (s.range.start, s.range.end, s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(9, 12, "name"), (32, 35, "name"), (0, 4, "company")]
        );
        let e = export(&project(vec![doc_of(d)]), &Options::default());
        assert_eq!(text_of(&e), format!("{LINE}\n"));
        assert_eq!(e.spans, 3);
    }

    #[test]
    fn a_wrong_range_names_the_line() {
        let bad = LINE.replace("[[0, 3]]", "[[0, 4]]");
        let e = read_str(&format!("{LINE}\n\n{bad}\n")).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.en.contains("\"浙商银行\" is not at [0, 4]"),
            "{e}"
        );
        let past = LINE.replace("[[0, 3]]", "[[60, 63]]");
        let e = read_str(&past).unwrap_err();
        assert!(e.message.en.contains("does not fit the text"), "{e}");
        let neg = LINE.replace("[[0, 3]]", "[[-1, 3]]");
        assert_eq!(read_str(&neg).unwrap_err().line, Some(1));
        let e = read_str(&format!("{LINE}\n{{\"text\": ")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(!e.message.en.starts_with("line"), "{e}");
    }

    #[test]
    fn a_missing_label_is_no_spans_and_a_twice_given_range_is_a_problem() {
        let r = read_str("{\"text\": \"北京\"}\n{\"text\": \"北京\", \"label\": null}").unwrap();
        assert_eq!(r.docs.len(), 2);
        assert!(r.docs.iter().all(|d| d.spans.is_empty()));
        let twice = r#"{"text": "北京", "label": {"address": {"北京": [[0, 1], [0, 1]]}}}"#;
        let r = read_str(twice).unwrap();
        assert_eq!(r.docs[0].spans.len(), 1);
        assert_eq!(r.problems.len(), 1);
        assert!(
            r.problems[0]
                .en
                .contains("line 1: address [0, 1] is given twice")
        );
    }

    #[test]
    fn problems_notes_and_errors_are_worded_in_chinese() {
        let twice = r#"{"text": "北京", "label": {"address": {"北京": [[0, 1], [0, 1]]}}}"#;
        let r = read_str(twice).unwrap();
        let zh = &r.problems[0].zh;
        assert!(
            zh.ends_with("c.jsonl：第 1 行：address [0, 1] 出现了两次，只取一次"),
            "{zh}"
        );
        let bad = LINE.replace("[[0, 3]]", "[[0, 4]]");
        let e = read_str(&bad).unwrap_err();
        assert_eq!(
            e.message.zh,
            "company \"浙商银行\" 不在 [0, 4]（偏移 0 到 4 的字是 \"浙商银行企\"；终点包含在内）"
        );
        let e = read_str("{\"text\": \"\"}").unwrap_err();
        assert_eq!(e.message.zh, "文本为空");
        let e = read_str("{\"text\": ").unwrap_err();
        assert!(e.message.zh.starts_with("JSON 有误："), "{}", e.message.zh);
        assert!(e.message.zh.ends_with("个字节）"), "{}", e.message.zh);
        let d = Document {
            meta: crate::model::DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new("北京".to_string()),
            layer: Layer::from_parts(
                vec![Span::new(
                    SpanId(1),
                    CharRange::new(1, 1),
                    SpanKind::Entity,
                    "address",
                )],
                Vec::new(),
                Default::default(),
                2,
                Default::default(),
            ),
        };
        let e = export(&project(vec![d]), &Options::default());
        assert_eq!(
            e.notes[0].zh,
            "d：标注 address 1..1 为空，CLUENER 存不下，未导出"
        );
    }

    #[test]
    fn one_surface_twice_is_one_entry_and_one_range_under_two_types_is_two() {
        let text = "北京和北京\u{3000}";
        let mk =
            |id, s, e, l: &str| Span::new(SpanId(id), CharRange::new(s, e), SpanKind::Entity, l);
        let d = Document {
            meta: crate::model::DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new(text.to_string()),
            layer: Layer::from_parts(
                vec![
                    mk(1, 0, 2, "address"),
                    mk(2, 3, 5, "address"),
                    mk(3, 0, 2, "government"),
                    mk(4, 5, 6, "address"),
                    mk(5, 1, 1, "address"),
                ],
                Vec::new(),
                Default::default(),
                6,
                Default::default(),
            ),
        };
        let e = export(&project(vec![d]), &Options::default());
        assert_eq!(
            text_of(&e),
            "{\"text\": \"北京和北京\u{3000}\", \"label\": {\"address\": {\"北京\": [[0, 1], [3, 4]], \"\u{3000}\": [[5, 5]]}, \"government\": {\"北京\": [[0, 1]]}}}\n"
        );
        assert_eq!(e.spans, 4);
        assert_eq!(e.notes.len(), 2, "{:?}", e.notes);
        assert!(e.notes.iter().any(|n| n.en.contains("only whitespace")));
        assert!(e.notes.iter().any(|n| n.en.contains("empty")));
    }
}
