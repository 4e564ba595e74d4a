//! Which format a file is, from its name and content, where that is unambiguous: `import`
//! without `--format` and the window's import dialog say what they detected.

use std::path::{Path, PathBuf};

use super::registry::{Format, by_name};
use crate::i18n::Said;
use crate::said;

/// A detected format and why, in both languages.
type Detected = Result<(&'static Format, Said), Said>;

/// How much of a file is looked at to tell its format (a JSON array is parsed whole).
const HEAD: usize = 256 * 1024;

/// The format of every file in `files` (they must agree), and why.
pub fn detect(files: &[PathBuf]) -> Detected {
    let mut found: Option<(&'static Format, Said, &Path)> = None;
    for f in files {
        if !f.is_file() {
            // A folder or a missing file: reading it says what is wrong, in its place.
            continue;
        }
        let (fmt, why) = detect_one(f)?;
        match &found {
            None => found = Some((fmt, why, f)),
            Some((g, _, first)) if g.name != fmt.name => {
                let (a, b) = (first.display(), f.display());
                let (ga, fb) = (g.name, fmt.name);
                return Err(said!(
                    "{a} 看起来是 {ga}，{b} 却像 {fb}：请分开导入，或用 --format 指定格式",
                    "{a} looks like {ga} and {b} like {fb}: import them separately or say --format"
                ));
            }
            Some(_) => {}
        }
    }
    match found {
        Some((f, why, _)) => Ok((f, why)),
        None => by_name("text")
            .map(|f| (f, said!("没有可查看的文件", "no file to look into")))
            .ok_or_else(|| said!("没有 text 格式", "no format text")),
    }
}

/// The format of one file, and why.
pub fn detect_one(file: &Path) -> Detected {
    let named = |name: &str, why: Said| -> Detected {
        match by_name(name) {
            Some(f) => Ok((f, why)),
            None => {
                let f = file.display();
                Err(said!(
                    "{f}：看起来是 {name}，该格式不能导入",
                    "{f}: looks like {name}, which cannot be imported"
                ))
            }
        }
    };
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "ann" {
        return named("brat", said!("brat 的 .ann 文件", "a brat .ann file"));
    }
    if ext == "ron" {
        return named("ron", said!(".ron 文件", "a .ron file"));
    }
    let bytes = read_head(file)?;
    let decoded = crate::zh::encoding::decode_with(&bytes, None, true)
        .map(|(d, _)| d.text)
        .unwrap_or_default();
    let text = decoded.trim_start_matches('\u{feff}');
    let first = text.trim_start().chars().next();
    if matches!(first, Some('{') | Some('[')) {
        return json_kind(file, text, &named);
    }
    if matches!(
        ext.as_str(),
        "conll" | "bio" | "bmes" | "bioes" | "iob" | "iob2" | "tsv"
    ) || looks_like_tags(text)
    {
        return named(
            "conll",
            said!("每行一个词元及其标记", "one token and its tag a line"),
        );
    }
    named("text", said!("纯文本", "plain text"))
}

fn read_head(file: &Path) -> Result<Vec<u8>, Said> {
    use std::io::Read;
    let f = file.display();
    if file.is_dir() {
        return Err(said!(
            "{f}：是文件夹；请选择文件（或把它作为项目打开）",
            "{f}: is a folder; give files (or open it as a project)"
        ));
    }
    let mut buf = Vec::new();
    std::fs::File::open(file)
        .and_then(|h| h.take(HEAD as u64).read_to_end(&mut buf))
        .map_err(|e| io_error(file, &e))?;
    Ok(buf)
}

/// A file that could not be read: the system's words kept, the frame translated.
fn io_error(file: &Path, e: &std::io::Error) -> Said {
    let f = file.display();
    said!("{f}：无法读取：{e}", "{f}: {e}")
}

/// A JSON error at its line: serde_json's words kept, the frame translated.
fn json_error(file: &Path, e: &serde_json::Error) -> Said {
    let (f, line) = (file.display(), e.line());
    said!("{f}:{line}：不是有效的 JSON：{e}", "{f}:{line}: {e}")
}

/// Whether most non-blank lines of `text` are a token, a separator and a tag such as `O`,
/// `B-PER`, `M-ORG.NAM`.
fn looks_like_tags(text: &str) -> bool {
    let mut lines = 0;
    let mut tagged = 0;
    // The last line of the head may be cut.
    for l in text.lines().take(200) {
        let l = l.trim_end();
        if l.is_empty() || l.starts_with("-DOCSTART-") {
            continue;
        }
        lines += 1;
        if let Some(tag) = l.split_whitespace().last()
            && l.split_whitespace().count() >= 2
            && is_tag(tag)
        {
            tagged += 1;
        }
    }
    lines >= 2 && tagged * 10 >= lines * 9
}

fn is_tag(t: &str) -> bool {
    t == "O"
        || t.len() > 2
            && matches!(
                t.get(..2),
                Some("B-" | "I-" | "E-" | "S-" | "M-" | "B_" | "I_" | "E_" | "S_" | "M_")
            )
}

fn json_kind(file: &Path, text: &str, named: &dyn Fn(&str, Said) -> Detected) -> Detected {
    let first_value = if text.trim_start().starts_with('[') {
        // A JSON array: Label Studio's export (or a list of records).
        let full = std::fs::read(file).map_err(|e| io_error(file, &e))?;
        let v: serde_json::Value =
            serde_json::from_slice(&full).map_err(|e| json_error(file, &e))?;
        v.as_array().and_then(|a| a.first().cloned())
    } else {
        let mut de = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
        match de.next() {
            Some(Ok(v)) => Some(v),
            Some(Err(e)) if e.is_eof() => None,
            Some(Err(e)) => return Err(json_error(file, &e)),
            None => None,
        }
    };
    let Some(v) = first_value else {
        let f = file.display();
        return Err(said!(
            "{f}：没有可用来判断格式的记录：请用 --format 指定",
            "{f}: holds no record to tell its format by: say --format"
        ));
    };
    let has = |k: &str| v.get(k).is_some();
    if has("schema") && has("documents") {
        return named(
            "json",
            said!(
                "biaozhu 语料（模式和文档）",
                "a biaozhu corpus (schema and documents)"
            ),
        );
    }
    if has("data") && (has("annotations") || has("predictions"))
        || has("data") && text.trim_start().starts_with('[')
    {
        return named(
            "label-studio",
            said!(
                "Label Studio 任务（data、annotations）",
                "Label Studio tasks (data, annotations)"
            ),
        );
    }
    if has("event_list") {
        return named(
            "duee",
            said!("DuEE 记录（event_list）", "DuEE records (event_list)"),
        );
    }
    if has("tokens") && has("ner_tags") {
        return named(
            "hf",
            said!(
                "词元分类记录（tokens、ner_tags）",
                "token classification records (tokens, ner_tags)"
            ),
        );
    }
    if has("tokens") && has("spans") {
        return named(
            "spacy",
            said!(
                "spaCy/Prodigy 记录（text、tokens、spans）",
                "spaCy/Prodigy records (text, tokens, spans)"
            ),
        );
    }
    let prodigy_span = v
        .get("spans")
        .and_then(|s| s.as_array())
        .and_then(|s| s.first())
        .is_some_and(|s| s.get("token_start").is_some());
    if has("spans") && has("text") && (prodigy_span || has("_input_hash") || has("answer")) {
        return named(
            "spacy",
            said!(
                "spaCy/Prodigy 记录（text，spans 带 token_start）",
                "spaCy/Prodigy records (text, spans with token_start)"
            ),
        );
    }
    if has("spans") && has("text") {
        return named(
            "hf",
            said!("片段记录（text、spans）", "span records (text, spans)"),
        );
    }
    if v.get("label").is_some_and(|l| l.is_object()) {
        return named(
            "cluener",
            said!(
                "CLUENER 记录（label: {{type: {{surface: …}}}}）",
                "CLUENER records (label: {{type: {{surface: …}}}})"
            ),
        );
    }
    if has("text")
        && (v.get("label").is_some_and(|l| l.is_array())
            || v.get("labels").is_some_and(|l| l.is_array())
            || has("entities")
            || has("annotations"))
    {
        return named(
            "doccano",
            said!(
                "doccano 记录（text，label 或 entities）",
                "doccano records (text, label or entities)"
            ),
        );
    }
    let f = file.display();
    Err(said!(
        "{f}：无法从第一条记录判断格式：请用 --format 指定",
        "{f}: cannot tell the format from its first record: say --format"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_told_from_prose() {
        assert!(looks_like_tags("甘\tB-ORG\n肃\tI-ORG\n\n今 O\n"));
        assert!(looks_like_tags("现0 O\n在0 O\n"));
        assert!(!looks_like_tags("今天开会。\n明天下雨 O了\n"));
        assert!(is_tag("M-PER.NAM") && !is_tag("OK") && !is_tag("了了"));
    }

    #[test]
    fn prodigy_records_without_tokens_are_spacy() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.jsonl");
        let line = r#"{"text": "在北京", "spans": [{"start": 1, "end": 3, "token_start": 1, "token_end": 2, "label": "LOC"}]}"#;
        std::fs::write(&f, line).unwrap();
        assert_eq!(detect_one(&f).unwrap().0.name, "spacy");
        std::fs::write(&f, r#"{"text": "在北京", "spans": [], "answer": "accept"}"#).unwrap();
        assert_eq!(detect_one(&f).unwrap().0.name, "spacy");
        let with_tokens = r#"{"text": "在", "tokens": [], "spans": []}"#;
        std::fs::write(&f, with_tokens).unwrap();
        assert_eq!(detect_one(&f).unwrap().0.name, "spacy");
    }
}
