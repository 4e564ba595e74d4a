//! Hugging Face token classification data, and span records.
//!
//! **`hf`** exports a folder: `data.jsonl`, one record per document
//! `{"id", "tokens": [chars or jieba words], "ner_tags": [ids]}`; `labels.json`, the tag names
//! (`O` first, index = id); and `README.md`, a dataset card listing the names as the
//! `ClassLabel` of `ner_tags`. `datasets.load_dataset("json", data_files=".../data.jsonl")`
//! reads it, and `ClassLabel(names=json.load(open("labels.json")))` names the ids. Tags follow
//! `--scheme`, spans `--kinds`, overlaps are resolved by `--nested` (each document that lost
//! spans has a note), and tokens are `--tokens` (chars, or jieba words cut at span
//! boundaries) as in the CoNLL export. A record is a whole document, so whitespace and line
//! ends are tokens too (except one space between two Latin words, which the import puts back):
//! the text and the spans read back exactly (`--unit sentence` gives a record per sentence).
//!
//! Import reads `.jsonl` records of either form, told apart per record: tokens with
//! `ner_tags` (numbers named by `labels.json` beside the file, else by the `README.md` card's
//! `names`; or the tag names themselves), in `--scheme`, joined as the CoNLL import joins
//! tokens; or `{"text", "spans": [{"start", "end", "label"}]}` (char offsets, end exclusive).
//!
//! **`hf-spans`** writes the span form, `{"id", "text", "spans": [...]}` a line, overlaps and
//! all (nothing flattened), and reads what `hf` reads.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::conll::{self, FROM_HF, Mode, Sentence};
use super::registry::{
    Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read, Target,
    Tokens, file_name, read_text_file,
};
use super::training::{self, FlatSpan, KindsLeftOut};
use crate::i18n::Said;
use crate::model::Project;
use crate::said;
use crate::zh::segment::Segmenter;

/// Hugging Face token classification (a folder).
pub static FORMAT: Format = Format {
    name: "hf",
    title: ["Hugging Face 序列标注", "Hugging Face token classification"],
    help: "Hugging Face token classification: data.jsonl {id, tokens, ner_tags}, labels.json and a dataset card (a folder); imports token or span records",
    extensions: &["jsonl"],
    holds: Holds {
        spans: true,
        values: false,
        events: false,
        relations: false,
        loose_spans: true,
    },
    options: &[
        OptionKind::Scheme,
        OptionKind::Tokens,
        OptionKind::Nested,
        OptionKind::Kinds,
        OptionKind::Roles,
        OptionKind::IncludePending,
    ],
    target: Target::Folder,
    import: Some(read_file),
    export: Some(build),
};

/// Span records `{id, text, spans}` (overlaps kept).
pub static SPANS: Format = Format {
    name: "hf-spans",
    title: ["Hugging Face 片段", "Hugging Face spans"],
    help: "span records for Hugging Face datasets: {id, text, spans: [{start, end, label}]} a line, char offsets, end exclusive, overlaps kept",
    extensions: &["jsonl"],
    holds: Holds {
        spans: true,
        values: false,
        events: false,
        relations: false,
        loose_spans: true,
    },
    options: &[
        OptionKind::Kinds,
        OptionKind::Roles,
        OptionKind::IncludePending,
    ],
    target: Target::File,
    import: Some(read_file),
    export: Some(build_spans),
};

#[derive(Serialize)]
struct TokenRecord<'a> {
    id: &'a str,
    tokens: &'a [String],
    ner_tags: Vec<usize>,
}

#[derive(Serialize)]
struct SpanRecord<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<SpanOut<'a>>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: u32,
    end: u32,
    label: &'a str,
}

fn json<T: Serialize>(v: &T) -> Result<String, FormatError> {
    serde_json::to_string(v).map_err(|e| FormatError::export(Said::verbatim(e.to_string())))
}

/// The labels of the project's schema of the kinds written, in the schema's order.
fn schema_labels(p: &Project, opts: &Options) -> Vec<String> {
    use crate::model::SpanKind;
    let kinds = opts.kinds();
    let mut out: Vec<String> = p
        .schema
        .labels
        .iter()
        .filter(|l| kinds.contains(&l.span_kind()))
        .map(|l| l.key.clone())
        .collect();
    // Triggers carry their event type, arguments ARG or (`--roles`) their role: from the
    // schema too, so that every part of a split numbers them alike (a part without 人生-婚礼
    // moved every later label's id).
    if kinds.contains(&SpanKind::Trigger) {
        out.extend(p.schema.events.iter().map(|e| e.key.clone()));
    }
    if kinds.contains(&SpanKind::Argument) {
        out.push("ARG".to_string());
        if opts.roles {
            out.extend(
                p.schema
                    .events
                    .iter()
                    .flat_map(|e| e.roles.iter().map(|r| r.name.clone())),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|l| seen.insert(l.clone()));
    out
}

fn build(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let seg =
        (opts.tokens == Tokens::Word).then(|| Segmenter::with_user_words(&p.settings.user_words));
    let mut labels = schema_labels(p, opts);
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut flattened = training::Flattened::default();
    let mut spans = 0;
    let n = p.documents.len();
    let mut docs: Vec<(&str, Sentence)> = Vec::with_capacity(n);
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, n) {
            return Ok(None);
        }
        let (sentences, k) = conll::tokenise(
            d,
            opts,
            seg.as_ref(),
            Mode::Hf,
            &mut left,
            &mut flattened,
            &mut notes,
        );
        spans += k;
        docs.push((&d.meta.id, sentences.into_iter().next().unwrap_or_default()));
    }
    notes.extend(flattened.note(opts.nested));
    notes.extend(left.note(opts.kinds()));
    // A label the schema lacks gets ids after the schema's (said: a split's parts may differ).
    let mut extra: Vec<String> = docs
        .iter()
        .flat_map(|(_, s)| &s.tags)
        .filter_map(|t| conll::parse_tag(t).map(|(_, l)| l))
        .filter(|l| !l.is_empty() && !labels.iter().any(|k| k == l))
        .map(str::to_string)
        .collect();
    extra.sort();
    extra.dedup();
    if !extra.is_empty() {
        let (zh, en) = (extra.join("、"), extra.join(", "));
        notes.push(said!(
            "项目标注方案中没有的标签取 labels.json 中最后的编号：{zh}",
            "labels not in the project's schema get the last ids in labels.json: {en}"
        ));
        labels.extend(extra);
    }
    let names = conll::tag_names(opts.scheme, &labels);
    let ids: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut data = String::new();
    for (id, s) in &docs {
        let mut ner_tags = Vec::with_capacity(s.tags.len());
        for t in &s.tags {
            let k = ids.get(t.as_str()).ok_or_else(|| {
                FormatError::export(said!("{id}：标记 {t} 没有编号", "{id}: tag {t} has no id"))
            })?;
            ner_tags.push(*k);
        }
        data.push_str(&json(&TokenRecord {
            id,
            tokens: &s.tokens,
            ner_tags,
        })?);
        data.push('\n');
    }
    let labels_json = serde_json::to_string_pretty(&names)
        .map_err(|e| FormatError::export(Said::verbatim(e.to_string())))?
        + "\n";
    let card = card(&p.name, opts, &names, n);
    progress(n, n);
    Ok(Some(Exported {
        output: Output::Folder(vec![
            ("data.jsonl".into(), data),
            ("labels.json".into(), labels_json),
            ("README.md".into(), card),
        ]),
        documents: n,
        spans,
        notes,
    }))
}

/// A name quoted for YAML (single quotes, a quote doubled).
fn yaml_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The dataset card: the features with `ner_tags` as a `ClassLabel` of `names`.
fn card(project: &str, opts: &Options, names: &[String], docs: usize) -> String {
    let mut s = String::from(
        "---\ndataset_info:\n  features:\n  - name: id\n    dtype: string\n  - name: tokens\n    \
         sequence: string\n  - name: ner_tags\n    sequence:\n      class_label:\n        names:\n",
    );
    for (i, n) in names.iter().enumerate() {
        s.push_str(&format!("          '{i}': {}\n", yaml_quote(n)));
    }
    s.push_str("---\n\n");
    s.push_str(&format!(
        "# {}: token classification\n\nExported by biaozhu: {docs} records (one per document), \
         tokens are {}, tags in the {} scheme. `ner_tags` are ids into `labels.json`:\n\n\
         | id | tag |\n|---|---|\n",
        project,
        match opts.tokens {
            Tokens::Char => "chars",
            Tokens::Word => "jieba words",
        },
        opts.scheme.name().to_uppercase()
    ));
    for (i, n) in names.iter().enumerate() {
        s.push_str(&format!("| {i} | {} |\n", n.replace('|', "\\|")));
    }
    s.push_str(
        "\n```python\nimport json\nfrom datasets import ClassLabel, Sequence, load_dataset\n\
         ds = load_dataset(\"json\", data_files=\"data.jsonl\")[\"train\"]\n\
         ds = ds.cast_column(\"ner_tags\", Sequence(ClassLabel(names=json.load(open(\"labels.json\")))))\n```\n",
    );
    s
}

fn build_spans(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut spans = 0;
    let n = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, n) {
            return Ok(None);
        }
        let ss = training::doc_spans(d, opts, opts.kinds(), &mut left);
        spans += ss.len();
        out.push_str(&json(&SpanRecord {
            id: &d.meta.id,
            text: d.text.as_str(),
            spans: ss
                .iter()
                .map(|s| SpanOut {
                    start: s.start,
                    end: s.end,
                    label: &s.label,
                })
                .collect(),
        })?);
        out.push('\n');
    }
    progress(n, n);
    notes.extend(left.note(opts.kinds()));
    Ok(Some(Exported {
        output: Output::File(out),
        documents: n,
        spans,
        notes,
    }))
}

// ---- import --------------------------------------------------------------------------------

/// The tag names of numeric `ner_tags`: `labels.json` beside the file (a list of names), else
/// the `names` of the `README.md` card beside it.
fn names_beside(file: &Path) -> Result<Option<Vec<String>>, FormatError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let labels = dir.join("labels.json");
    if labels.is_file() {
        let src = read_text_file(&labels, None)?.text;
        let v: Vec<String> =
            serde_json::from_str(src.trim_start_matches('\u{feff}')).map_err(|e| FormatError {
                line: Some(e.line()),
                ..FormatError::new(
                    &labels,
                    said!("不是标记名的列表：{e}", "not a list of tag names: {e}"),
                )
            })?;
        return Ok(Some(v));
    }
    let readme = dir.join("README.md");
    if readme.is_file() {
        let src = read_text_file(&readme, None)?.text;
        let mut names: Vec<(usize, String)> = Vec::new();
        let mut inside = false;
        for l in src.lines() {
            let t = l.trim();
            if t == "names:" {
                inside = true;
                continue;
            }
            if !inside {
                continue;
            }
            let Some((k, v)) = t.split_once(':') else {
                break;
            };
            let k = k.trim().trim_matches(|c| c == '\'' || c == '"');
            let Ok(k) = k.parse::<usize>() else {
                break;
            };
            let v = v.trim();
            let v = if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
                v[1..v.len() - 1].replace("''", "'")
            } else {
                v.trim_matches('"').to_string()
            };
            names.push((k, v));
        }
        if !names.is_empty() {
            names.sort();
            if names.iter().enumerate().all(|(i, (k, _))| i == *k) {
                return Ok(Some(names.into_iter().map(|(_, v)| v).collect()));
            }
            return Err(FormatError::new(
                &readme,
                said!(
                    "数据集卡片中的 names 没有按 0, 1, 2 … 编号",
                    "the card's names are not numbered 0, 1, 2 …"
                ),
            ));
        }
    }
    Ok(None)
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let decoded = read_text_file(file, opts.encoding.as_deref())?;
    let fname = file.display().to_string();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hf".into());
    let err = |n: usize, m: Said| FormatError {
        line: Some(n),
        ..FormatError::new(file, m)
    };
    let mut names: Option<Option<Vec<String>>> = None;
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in decoded.text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| err(n, super::cluener::json_error(raw, line, &e)))?;
        let Some(obj) = v.as_object() else {
            return Err(err(
                n,
                said!("记录应是一个 JSON 对象", "a record is a JSON object"),
            ));
        };
        let name = match obj.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(k)) => k.to_string(),
            _ => format!("{stem}_{n}"),
        };
        if let Some(tokens) = obj.get("tokens") {
            let tokens: Vec<&str> = tokens
                .as_array()
                .and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<&str>>>())
                .ok_or_else(|| {
                    err(
                        n,
                        said!("tokens 不是字符串列表", "tokens is not a list of strings"),
                    )
                })?;
            let tags = obj
                .get("ner_tags")
                .and_then(Value::as_array)
                .ok_or_else(|| {
                    err(
                        n,
                        said!(
                            "有 tokens 却没有 ner_tags 列表",
                            "tokens without a ner_tags list"
                        ),
                    )
                })?;
            if tags.len() != tokens.len() {
                let (a, b) = (tokens.len(), tags.len());
                return Err(err(
                    n,
                    said!(
                        "{a} 个词元，却有 {b} 个 ner_tags",
                        "{a} tokens but {b} ner_tags"
                    ),
                ));
            }
            let mut tag_names: Vec<String> = Vec::with_capacity(tags.len());
            for (k, t) in tags.iter().enumerate() {
                let name = match t {
                    Value::String(s) => s.clone(),
                    Value::Number(x) => {
                        if names.is_none() {
                            names = Some(names_beside(file)?);
                        }
                        let Some(list) = names.as_ref().and_then(|l| l.as_ref()) else {
                            return Err(err(
                                n,
                                said!(
                                    "ner_tags 是数字，但文件旁没有给出标记名的 labels.json 或 README.md",
                                    "ner_tags are numbers but no labels.json or README.md beside the file names them"
                                ),
                            ));
                        };
                        x.as_u64()
                            .and_then(|x| usize::try_from(x).ok())
                            .and_then(|x| list.get(x))
                            .cloned()
                            .ok_or_else(|| {
                                let len = list.len();
                                err(
                                    n,
                                    said!(
                                        "ner_tags[{k}] = {x} 不是 {len} 个标记名中的编号",
                                        "ner_tags[{k}] = {x} is not an id of the {len} tag names"
                                    ),
                                )
                            })?
                    }
                    _ => {
                        return Err(err(
                            n,
                            said!(
                                "ner_tags[{k}] 既不是数字也不是标记",
                                "ner_tags[{k}] is not a number or a tag"
                            ),
                        ));
                    }
                };
                if let Some(m) = conll::tag_error(&name, opts.scheme) {
                    return Err(err(n, said!("ner_tags[{k}]：{m}", "ner_tags[{k}]: {m}"; m)));
                }
                tag_names.push(name);
            }
            let parsed: Vec<(char, &str)> = tag_names
                .iter()
                .map(|t| conll::parse_tag(t).unwrap_or(('O', "")))
                .collect();
            let at = |k: usize| said!("第 {n} 行：词元 {k}", "line {n}: token {k}").at(&fname);
            let (text, starts) = conll::join(&tokens, opts.tokens);
            let spans = conll::decode(opts.scheme, &parsed, &at, &mut problems)
                .into_iter()
                .map(|(a, b, l)| {
                    FlatSpan::new(
                        starts[a],
                        starts[b - 1] + tokens[b - 1].chars().count() as u32,
                        l,
                    )
                })
                .collect();
            if text.is_empty() {
                return Err(err(
                    n,
                    said!("这些词元拼成的文本为空", "the tokens make an empty text"),
                ));
            }
            docs.push(training::read_doc(
                file,
                n,
                name,
                format!("{} line {n} {FROM_HF}", file_name(file)),
                text,
                &decoded,
                spans,
                false,
            )?);
        } else if let (Some(text), Some(spans)) = (obj.get("text"), obj.get("spans")) {
            let text = text
                .as_str()
                .ok_or_else(|| err(n, said!("text 不是字符串", "text is not a string")))?;
            if text.is_empty() {
                return Err(err(n, said!("文本为空", "the text is empty")));
            }
            let spans = spans
                .as_array()
                .ok_or_else(|| err(n, said!("spans 不是列表", "spans is not a list")))?;
            let mut out = Vec::with_capacity(spans.len());
            for (k, s) in spans.iter().enumerate() {
                let num = |f: &str| {
                    s.get(f)
                        .and_then(Value::as_u64)
                        .and_then(|x| u32::try_from(x).ok())
                        .ok_or_else(|| {
                            err(
                                n,
                                said!(
                                    "spans[{k}].{f} 不是字偏移（应为整数）",
                                    "spans[{k}].{f} is not a char offset (a whole number)"
                                ),
                            )
                        })
                };
                let label = s.get("label").and_then(Value::as_str).ok_or_else(|| {
                    err(
                        n,
                        said!("spans[{k}] 没有标签（label）", "spans[{k}] has no label"),
                    )
                })?;
                out.push(FlatSpan::new(num("start")?, num("end")?, label));
            }
            docs.push(training::read_doc(
                file,
                n,
                name,
                format!("{} line {n} (HF spans)", file_name(file)),
                text.to_string(),
                &decoded,
                out,
                false,
            )?);
        } else {
            return Err(err(
                n,
                said!(
                    "记录需要 tokens 和 ner_tags，或 text 和 spans",
                    "a record needs tokens and ner_tags, or text and spans"
                ),
            ));
        }
    }
    if docs.is_empty() {
        return Err(FormatError::new(
            file,
            said!("没有任何记录", "holds no record"),
        ));
    }
    Ok(Read {
        docs,
        problems,
        ..Read::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_in(dir: &Path, name: &str, src: &str, opts: &Options) -> Result<Read, FormatError> {
        let f = dir.join(name);
        std::fs::write(&f, src).unwrap();
        read_file(&f, opts)
    }

    #[test]
    fn token_records_with_names_or_ids_and_span_records_read() {
        let dir = tempfile::tempdir().unwrap();
        let o = Options::default();
        let r = read_in(
            dir.path(),
            "a.jsonl",
            "{\"id\": \"d1\", \"tokens\": [\"甘\", \"肃\", \"在\"], \"ner_tags\": [\"B-LOC\", \"I-LOC\", \"O\"]}\n\
             {\"text\": \"北京开会\", \"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"LOC\"}]}\n",
            &o,
        )
        .unwrap();
        assert_eq!(r.docs.len(), 2);
        assert_eq!(r.docs[0].name, "d1");
        assert_eq!(r.docs[0].text.text, "甘肃在");
        assert_eq!(r.docs[0].spans[0].range, crate::model::CharRange::new(0, 2));
        assert_eq!(r.docs[1].name, "a_2");
        assert_eq!(r.docs[1].spans[0].label, "LOC");
        // Ids without names are refused; with labels.json they are named.
        let ids = "{\"tokens\": [\"a\", \"b\"], \"ner_tags\": [1, 2]}\n";
        let e = read_in(dir.path(), "b.jsonl", ids, &o).unwrap_err();
        assert_eq!(e.line, Some(1));
        std::fs::write(dir.path().join("labels.json"), "[\"O\", \"B-X\", \"I-X\"]").unwrap();
        let r = read_in(dir.path(), "b.jsonl", ids, &o).unwrap();
        assert_eq!(r.docs[0].spans[0].range, crate::model::CharRange::new(0, 2));
        let e = read_in(
            dir.path(),
            "c.jsonl",
            "\n{\"tokens\": [\"a\"], \"ner_tags\": [7]}\n",
            &o,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn problems_notes_and_errors_are_worded_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let o = Options::default();
        let r = read_in(
            dir.path(),
            "a.jsonl",
            "{\"tokens\": [\"甘\", \"肃\"], \"ner_tags\": [\"O\", \"I-LOC\"]}\n",
            &o,
        )
        .unwrap();
        let zh = &r.problems[0].zh;
        assert!(
            zh.ends_with(
                "a.jsonl：第 1 行：词元 1：O 之后的 I-LOC 开始一个新的 LOC 标注（已修正）"
            ),
            "{zh}"
        );
        let e = read_in(
            dir.path(),
            "b.jsonl",
            "{\"tokens\": [\"甘\", \"肃\"], \"ner_tags\": [\"O\"]}\n",
            &o,
        )
        .unwrap_err();
        assert_eq!(e.message.zh, "2 个词元，却有 1 个 ner_tags");
        let e = read_in(
            dir.path(),
            "c.jsonl",
            "{\"tokens\": [\"甘\"], \"ner_tags\": [\"Q-LOC\"]}\n",
            &o,
        )
        .unwrap_err();
        assert!(
            e.message.zh.starts_with("ner_tags[0]：未知的标记"),
            "{}",
            e.message.zh
        );
        let d = crate::model::Document {
            meta: crate::model::DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: crate::model::Text::new("甘肃".to_string()),
            layer: crate::model::Layer::from_parts(
                vec![crate::model::Span::new(
                    crate::model::SpanId(1),
                    crate::model::CharRange::new(0, 2),
                    crate::model::SpanKind::Entity,
                    "LOC",
                )],
                Vec::new(),
                Default::default(),
                2,
                Default::default(),
            ),
        };
        let p = Project {
            name: "t".into(),
            schema: Default::default(),
            settings: Default::default(),
            documents: vec![d],
            annotator: "a".into(),
            dirty_docs: Default::default(),
            project_dirty: false,
            assignments: Default::default(),
        };
        let e = build(&p, &o, &mut |_, _| true).unwrap().unwrap();
        let zh: Vec<&str> = e.notes.iter().map(|n| n.zh.as_str()).collect();
        assert_eq!(
            zh,
            vec!["项目标注方案中没有的标签取 labels.json 中最后的编号：LOC"]
        );
    }

    #[test]
    fn card_names_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let names = vec!["O".to_string(), "B-it's".into(), "I-it's".into()];
        std::fs::write(
            dir.path().join("README.md"),
            card("p", &Options::default(), &names, 1),
        )
        .unwrap();
        let f = dir.path().join("data.jsonl");
        assert_eq!(names_beside(&f).unwrap(), Some(names));
    }
}
