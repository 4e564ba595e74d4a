//! spaCy / Prodigy span records (JSONL): one record a line,
//! `{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
//! "token_start", "token_end", "label"}]}`, as Prodigy's `ner_manual` writes them.
//!
//! Char offsets (code points, a Python `str` index), `end` exclusive; `token_end` is the index
//! of the span's last token, **inclusive**. The tokens are those of `spacy.blank("zh")`, whose
//! default segmenter cuts every char that is not whitespace into a token of its own; a run of
//! whitespace is one token, except one plain space right after a char, which is that token's
//! `ws` ([`tokenize`] does exactly what spaCy 3 does, Python's `str.isspace` included). So
//! `Doc.char_span(start, end, label)` finds every exported span: a span whose ends are not
//! token boundaries (it starts or ends on whitespace spaCy does not cut there) is trimmed of
//! that whitespace and noted, and one that is only whitespace is noted and left out.
//!
//! Spans may overlap here; spaCy's `doc.ents` cannot hold overlaps but `doc.spans[key]` can:
//! `assets/tools/to_docbin.py` makes a `.spacy` DocBin with every span in `doc.spans["sc"]`
//! and the non-overlapping ones in `doc.ents`.
//!
//! Import takes `text` and `spans`; `tokens` are optional. When a record has tokens, each is
//! checked against the text and each span's `token_start`/`token_end` against its
//! `start`/`end` (a mismatch refuses the file, naming the line). A Prodigy record whose
//! `answer` is `reject` or `ignore` is skipped with a problem line. `meta.id` names the
//! document (the export writes it).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::registry::{
    Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read, Target,
    file_name, read_text_file,
};
use super::training::{FlatSpan, KindsLeftOut, doc_spans, read_doc};
use crate::i18n::Said;
use crate::model::{Document, Project};
use crate::said;

/// spaCy / Prodigy span records.
pub static FORMAT: Format = Format {
    name: "spacy",
    title: ["spaCy / Prodigy", "spaCy / Prodigy"],
    help: "spaCy/Prodigy span records (JSONL): {text, tokens, spans[{start, end, token_start, token_end, label}]}, chars as spacy.blank(\"zh\") tokenises; assets/tools/to_docbin.py makes a .spacy DocBin",
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

/// One token as Prodigy writes it: char offsets, end exclusive, and whether a space follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's text (`text[start..end]`).
    pub text: String,
    /// First char.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
    /// Its index.
    pub id: u32,
    /// Whether one space follows it (not part of any token).
    pub ws: bool,
}

/// Whether Python's `str.isspace` holds for `c` (what spaCy's Chinese tokenizer splits on):
/// Unicode White_Space plus the information separators U+001C..U+001F.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The tokens `spacy.blank("zh")` (segmenter `char`) makes of `text`: every char that is not
/// whitespace alone; each run of whitespace one token, less one plain space right after a
/// char, which becomes that token's `ws` (spaCy's `util.get_words_and_spaces`).
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out: Vec<Token> = Vec::with_capacity(n);
    let mut pos = 0usize;
    let push = |out: &mut Vec<Token>, s: usize, e: usize| {
        let id = out.len() as u32;
        out.push(Token {
            text: chars[s..e].iter().collect(),
            start: s as u32,
            end: e as u32,
            id,
            ws: false,
        });
    };
    for i in 0..n {
        if i < pos || py_isspace(chars[i]) {
            continue;
        }
        if i > pos {
            push(&mut out, pos, i);
        }
        push(&mut out, i, i + 1);
        pos = i + 1;
        if chars.get(pos) == Some(&' ') {
            if let Some(t) = out.last_mut() {
                t.ws = true;
            }
            pos += 1;
        }
    }
    if pos < n {
        push(&mut out, pos, n);
    }
    out
}

#[derive(Debug, Deserialize)]
struct InSpan {
    start: u64,
    end: u64,
    #[serde(default)]
    token_start: Option<u64>,
    #[serde(default)]
    token_end: Option<u64>,
    label: String,
}

#[derive(Debug, Deserialize)]
struct InToken {
    #[serde(default)]
    text: Option<String>,
    start: u64,
    end: u64,
}

#[derive(Debug, Deserialize)]
struct InRecord {
    text: String,
    #[serde(default)]
    tokens: Option<Vec<InToken>>,
    #[serde(default)]
    spans: Option<Vec<InSpan>>,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    meta: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct OutSpan {
    start: u32,
    end: u32,
    token_start: u32,
    token_end: u32,
    label: String,
}

#[derive(Debug, Serialize)]
struct Meta<'a> {
    id: &'a str,
}

#[derive(Debug, Serialize)]
struct OutRecord<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    spans: Vec<OutSpan>,
    meta: Meta<'a>,
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let src = read_text_file(file, opts.encoding.as_deref())?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spacy".into());
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
        let r: InRecord = serde_json::from_str(line)
            .map_err(|e| at(n, super::cluener::json_error(raw, line, &e)))?;
        if let Some(a) = r
            .answer
            .as_deref()
            .filter(|a| *a == "reject" || *a == "ignore")
        {
            out.problems.push(
                said!(
                    "第 {n} 行：Prodigy 的答案是 {a:?}，跳过该记录",
                    "line {n}: Prodigy answer {a:?}: record skipped"
                )
                .at(&file.display().to_string()),
            );
            continue;
        }
        if r.text.is_empty() {
            return Err(at(n, said!("文本为空", "the text is empty")));
        }
        let chars: Vec<char> = r.text.chars().collect();
        let len = chars.len() as u64;
        let slice = |s: u64, e: u64| -> Option<String> {
            (s <= e && e <= len).then(|| chars[s as usize..e as usize].iter().collect())
        };
        if let Some(tokens) = &r.tokens {
            for (k, t) in tokens.iter().enumerate() {
                match slice(t.start, t.end) {
                    None => {
                        let (s, e) = (t.start, t.end);
                        return Err(at(
                            n,
                            said!(
                                "词元 {k} [{s}, {e}) 超出文本（共 {len} 字）",
                                "token {k} [{s}, {e}) does not fit the text of {len} chars"
                            ),
                        ));
                    }
                    Some(found) => {
                        if let Some(want) = t.text.as_ref().filter(|w| **w != found) {
                            let (s, e) = (t.start, t.end);
                            return Err(at(
                                n,
                                said!(
                                    "词元 {k} {want:?} 不在 [{s}, {e})（那里是 {found:?}）",
                                    "token {k} {want:?} is not at [{s}, {e}) (found {found:?})"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        let mut spans = Vec::new();
        for (k, s) in r.spans.iter().flatten().enumerate() {
            let fits = s.start < s.end && s.end <= len;
            if !fits {
                let (label, start, end) = (&s.label, s.start, s.end);
                return Err(at(
                    n,
                    said!(
                        "标注 {k} {label} [{start}, {end}) 超出文本（共 {len} 字）",
                        "span {k} {label} [{start}, {end}) does not fit the text of {len} chars"
                    ),
                ));
            }
            if let Some(tokens) = &r.tokens {
                check_tokens(k, s, tokens).map_err(|m| at(n, m))?;
            }
            // Both fit in the text, whose length biaozhu keeps in a u32.
            spans.push(FlatSpan::new(s.start as u32, s.end as u32, s.label.clone()));
        }
        let id = r
            .meta
            .as_ref()
            .and_then(|m| m.get("id"))
            .and_then(|v| match v {
                serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
                serde_json::Value::Number(x) => Some(x.to_string()),
                _ => None,
            });
        out.docs.push(read_doc(
            file,
            n,
            id.unwrap_or_else(|| format!("{stem}_{n}")),
            format!("{name} line {n} (spaCy)"),
            r.text,
            &src,
            spans,
            false,
        )?);
    }
    Ok(out)
}

/// A span's `token_start` and `token_end` (inclusive) against its char offsets.
fn check_tokens(k: usize, s: &InSpan, tokens: &[InToken]) -> Result<(), Said> {
    let get = |i: u64| usize::try_from(i).ok().and_then(|i| tokens.get(i));
    let (label, n) = (&s.label, tokens.len());
    if let Some(ts) = s.token_start {
        match get(ts) {
            Some(t) if t.start == s.start => {}
            Some(t) => {
                let (start, at) = (s.start, t.start);
                return Err(said!(
                    "标注 {k} {label} 起于字偏移 {start}，但它的 token_start {ts} 起于字偏移 {at}",
                    "span {k} {label} starts at char {start} but its token_start {ts} starts at char {at}"
                ));
            }
            None => {
                return Err(said!(
                    "标注 {k} {label}：token_start {ts} 超出了 {n} 个词元",
                    "span {k} {label}: token_start {ts} is past the {n} tokens"
                ));
            }
        }
    }
    if let Some(te) = s.token_end {
        match get(te) {
            Some(t) if t.end == s.end => {}
            Some(t) => {
                let (end, at) = (s.end, t.end);
                return Err(said!(
                    "标注 {k} {label} 止于字偏移 {end}，但它的 token_end {te}（包含在内）止于字偏移 {at}",
                    "span {k} {label} ends at char {end} but its token_end {te} (inclusive) ends at char {at}"
                ));
            }
            None => {
                return Err(said!(
                    "标注 {k} {label}：token_end {te} 超出了 {n} 个词元",
                    "span {k} {label}: token_end {te} is past the {n} tokens"
                ));
            }
        }
    }
    Ok(())
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
    let mut overlapping: BTreeMap<String, usize> = BTreeMap::new();
    let total = p.documents.len();
    for (k, d) in p.documents.iter().enumerate() {
        if k % 256 == 0 && !progress(k, total) {
            return Ok(None);
        }
        let (line, written, overlaps) = record(d, opts, &mut left, &mut notes)?;
        out.push_str(&line);
        out.push('\n');
        spans += written;
        if overlaps > 0 {
            overlapping.insert(d.meta.id.clone(), overlaps);
        }
    }
    if !progress(total, total) {
        return Ok(None);
    }
    notes.extend(left.note(opts.kinds()));
    if let Some((first, _)) = overlapping.iter().next() {
        let n = overlapping.len();
        let docs = crate::i18n::english_count(n, "document");
        notes.push(said!(
            "{n} 篇文档（第一篇是 {first}）有重叠的标注：都已导出，但 spaCy 的 doc.ents 存不下重叠；assets/tools/to_docbin.py 把所有标注放进 doc.spans[\"sc\"]，不重叠的放进 doc.ents",
            "{docs} (the first {first}) with overlapping spans: all are written, but spaCy's doc.ents cannot hold overlaps; assets/tools/to_docbin.py puts every span in doc.spans[\"sc\"] and the non-overlapping ones in doc.ents"
        ));
    }
    let events: usize = p.documents.iter().map(|d| d.layer.events.len()).sum();
    if events > 0 {
        let events_en = crate::i18n::english_count(events, "event");
        notes.push(said!(
            "{events} 个事件未导出（spaCy 的标注记录只存带标签的标注）",
            "{events_en} left out (spaCy span records hold labelled spans only)"
        ));
    }
    Ok(Some(Exported {
        output: Output::File(out),
        documents: total,
        spans,
        notes,
    }))
}

/// `d`'s record as one JSON line, the spans written, and how many spans overlap another.
fn record(
    d: &Document,
    opts: &Options,
    left: &mut KindsLeftOut,
    notes: &mut Vec<Said>,
) -> Result<(String, usize, usize), FormatError> {
    let id = &d.meta.id;
    let text = d.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    // Char offset → index of the token starting (ending) there.
    let n = chars.len();
    let mut starting = vec![None; n + 1];
    let mut ending = vec![None; n + 1];
    for t in &tokens {
        starting[t.start as usize] = Some(t.id);
        ending[t.end as usize] = Some(t.id);
    }
    let mut out: Vec<OutSpan> = Vec::new();
    for s in doc_spans(d, opts, opts.kinds(), left) {
        let (mut a, mut b) = (s.start as usize, (s.end as usize).min(n));
        let (label, start, end) = (&s.label, s.start, s.end);
        if a >= b {
            notes.push(said!(
                "{id}：标注 {label} [{start}, {end}) 为空，spaCy 存不下，未导出",
                "{id}: span {label} [{start}, {end}) is empty: spaCy cannot hold it; left out"
            ));
            continue;
        }
        if starting[a].is_none() || ending[b].is_none() {
            while a < b && py_isspace(chars[a]) {
                a += 1;
            }
            while b > a && py_isspace(chars[b - 1]) {
                b -= 1;
            }
            if a == b {
                notes.push(said!(
                    "{id}：标注 {label} [{start}, {end}) 只有空白，spaCy 的词元不在那里切分，未导出",
                    "{id}: span {label} [{start}, {end}) is only whitespace, which spaCy's tokens do not cut there; left out"
                ));
                continue;
            }
            notes.push(said!(
                "{id}：标注 {label} [{start}, {end}) 的开头或结尾是 spaCy 不在那里切分的空白；去掉空白后按 [{a}, {b}) 导出",
                "{id}: span {label} [{start}, {end}) starts or ends on whitespace spaCy does not cut there; written trimmed to [{a}, {b})"
            ));
        }
        let (Some(ts), Some(te)) = (starting[a], ending[b]) else {
            // Cannot happen: a char that is not whitespace is a token of its own.
            notes.push(said!(
                "{id}：标注 {label} [{a}, {b}) 不落在 spaCy 的词元上，未导出",
                "{id}: span {label} [{a}, {b}) does not fall on spaCy's tokens; left out"
            ));
            continue;
        };
        if out
            .iter()
            .any(|o| o.start as usize == a && o.end as usize == b && o.label == s.label)
        {
            continue;
        }
        out.push(OutSpan {
            start: a as u32,
            end: b as u32,
            token_start: ts,
            token_end: te,
            label: s.label,
        });
    }
    out.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
    let overlaps = out
        .iter()
        .enumerate()
        .filter(|(i, x)| {
            out.iter()
                .enumerate()
                .any(|(j, y)| *i != j && x.start < y.end && y.start < x.end)
        })
        .count();
    let written = out.len();
    let rec = OutRecord {
        text,
        tokens,
        spans: out,
        meta: Meta { id },
    };
    let line = serde_json::to_string(&rec)
        .map_err(|e| FormatError::export(Said::verbatim(e.to_string())))?;
    Ok((line, written, overlaps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ts: &[Token]) -> Vec<(&str, bool)> {
        ts.iter().map(|t| (t.text.as_str(), t.ws)).collect()
    }

    #[test]
    fn tokens_are_spacy_zh_chars() {
        // spacy.blank("zh")("𠮷野家😀 abc 12  x\r\n👨‍👩‍👧ＡＢＣ") in spaCy 3.8.
        let t = tokenize("𠮷野家😀 abc 12  x\r\n👨\u{200d}👩\u{200d}👧ＡＢＣ");
        assert_eq!(
            texts(&t),
            vec![
                ("𠮷", false),
                ("野", false),
                ("家", false),
                ("😀", true),
                ("a", false),
                ("b", false),
                ("c", true),
                ("1", false),
                ("2", true),
                (" ", false),
                ("x", false),
                ("\r\n", false),
                ("👨", false),
                ("\u{200d}", false),
                ("👩", false),
                ("\u{200d}", false),
                ("👧", false),
                ("Ａ", false),
                ("Ｂ", false),
                ("Ｃ", false),
            ]
        );
        assert_eq!((t[4].start, t[4].end, t[4].id), (5, 6, 4));
        assert_eq!((t[11].start, t[11].end), (14, 16));
        // Leading and trailing whitespace, and U+001F that Python calls a space.
        let t = tokenize("  甲\u{1f}乙 ");
        assert_eq!(
            texts(&t),
            vec![
                ("  ", false),
                ("甲", false),
                ("\u{1f}", false),
                ("乙", true)
            ]
        );
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn token_indices_are_checked_and_end_inclusive() {
        let tokens: Vec<InToken> = tokenize("在北京")
            .into_iter()
            .map(|t| InToken {
                text: Some(t.text),
                start: u64::from(t.start),
                end: u64::from(t.end),
            })
            .collect();
        let span = |ts, te| InSpan {
            start: 1,
            end: 3,
            token_start: Some(ts),
            token_end: Some(te),
            label: "LOC".into(),
        };
        assert!(check_tokens(0, &span(1, 2), &tokens).is_ok());
        let e = check_tokens(0, &span(1, 3), &tokens).unwrap_err();
        assert!(
            e.en.contains("token_end 3 is past the 3 tokens"),
            "{}",
            e.en
        );
        assert_eq!(e.zh, "标注 0 LOC：token_end 3 超出了 3 个词元");
        let e = check_tokens(0, &span(1, 1), &tokens).unwrap_err();
        assert!(e.en.contains("(inclusive) ends at char 2"), "{}", e.en);
        let e = check_tokens(0, &span(0, 2), &tokens).unwrap_err();
        assert!(e.en.contains("token_start 0 starts at char 0"), "{}", e.en);
    }

    #[test]
    fn problems_notes_and_errors_are_worded_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s.jsonl");
        std::fs::write(
            &f,
            "{\"text\": \"北京\", \"answer\": \"reject\"}\n{\"text\": \"北京\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"LOC\"}]}\n",
        )
        .unwrap();
        let e = read_file(&f, &Options::default()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.message.zh, "标注 0 LOC [0, 3) 超出文本（共 2 字）");
        std::fs::write(&f, "{\"text\": \"北京\", \"answer\": \"ignore\"}\n").unwrap();
        let r = read_file(&f, &Options::default()).unwrap();
        let zh = &r.problems[0].zh;
        assert!(
            zh.ends_with("s.jsonl：第 1 行：Prodigy 的答案是 \"ignore\"，跳过该记录"),
            "{zh}"
        );
        use crate::model::{CharRange, Layer, Span, SpanId, SpanKind, Text};
        let d = Document {
            meta: crate::model::DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new("北京 ".to_string()),
            layer: Layer::from_parts(
                vec![Span::new(
                    SpanId(1),
                    CharRange::new(1, 3),
                    SpanKind::Entity,
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
        let e = build(&p, &Options::default(), &mut |_, _| true)
            .unwrap()
            .unwrap();
        let zh: Vec<&str> = e.notes.iter().map(|n| n.zh.as_str()).collect();
        assert_eq!(
            zh,
            vec![
                "d：标注 LOC [1, 3) 的开头或结尾是 spaCy 不在那里切分的空白；去掉空白后按 [1, 2) 导出"
            ]
        );
    }
}
