//! Plain text: each file one document, encoding detected (BOM, UTF-8, UTF-16, GB18030/GBK,
//! Big5) or forced. A bad byte sequence refuses the file unless lossy decoding was asked for
//! (`--lossy`, or the import dialog's checkbox); then each becomes U+FFFD and the count is a
//! problem line.

use std::path::Path;

use super::registry::{
    Format, FormatError, Holds, OptionKind, Options, Read, ReadDoc, Target, file_name,
    read_text_file_with,
};
use crate::said;

/// Plain text files.
pub static FORMAT: Format = Format {
    name: "text",
    title: ["纯文本", "Plain text"],
    help: "plain text files, one document each (UTF-8, UTF-16, GB18030/GBK …; detected or --encoding)",
    extensions: &["txt"],
    holds: Holds {
        spans: false,
        values: false,
        events: false,
        relations: false,
        loose_spans: false,
    },
    options: &[OptionKind::Encoding, OptionKind::Lossy],
    target: Target::File,
    import: Some(import),
    export: None,
};

/// Where a plain-text document came from, for its `imported_from`: `news.txt (GB18030, BOM)`,
/// with `extra` (such as what lossy decoding replaced) before the closing parenthesis.
pub fn source_of(file: &Path, text: &crate::zh::encoding::Decoded, extra: &str) -> String {
    format!(
        "{} ({}{}{extra})",
        file_name(file),
        text.encoding,
        if text.bom { ", BOM" } else { "" }
    )
}

/// Read one file as a document. With `opts.lossy`, bad byte sequences become U+FFFD; how many
/// is a problem line (and part of the document's `imported_from`), so it is never silent.
fn import(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let (text, replaced) = read_text_file_with(file, opts.encoding.as_deref(), opts.lossy)?;
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doc".into());
    let mut problems = Vec::new();
    let mut lossy = String::new();
    if let Some((offset, line)) = replaced.first {
        let n = replaced.count;
        let seqs = if n == 1 { "sequence" } else { "sequences" };
        lossy = format!(", {n} replaced by U+FFFD");
        let f = file.display();
        problems.push(said!(
            "{f}：第 {line} 行：有损解码：{n} 处无效字节序列已替换为 U+FFFD（第一处在字节偏移 \
             {offset}）",
            "{f}: line {line}: lossy decoding: {n} invalid byte {seqs} replaced by U+FFFD (the \
             first at byte offset {offset})"
        ));
    }
    // A forced encoding that reads as garbage where detection reads text is said, with both.
    if !text.detected
        && let Ok(bytes) = std::fs::read(file)
        && let Some((bad, n, enc, other)) = crate::zh::encoding::forced_looks_wrong(&bytes, &text)
    {
        let (f, forced) = (file.display(), text.encoding);
        problems.push(said!(
            "{f}：第 1 行：按指定的编码 {forced} 解出的 {n} 个字中有 {bad} 个替换字符、控制字符或\
             私用区字符；自动检测则读作 {enc}，只有 {other} 个：请检查 --encoding",
            "{f}: line 1: the forced encoding {forced} gives {bad} replacement, control or \
             private-use characters in {n}; detected, it reads as {enc} with {other}: check \
             --encoding"
        ));
    }
    let source = source_of(file, &text, &lossy);
    Ok(Read {
        docs: vec![ReadDoc {
            name,
            source,
            text,
            original: None,
            spans: Vec::new(),
            events: Vec::new(),
            label_arguments: false,
            kinds_from_labels: false,
        }],
        problems,
        ..Read::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lossy_decoding_is_a_problem_line_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("坏.txt");
        let mut bytes = "甘肃省总工会召开推进会\n".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend("部署全年工作".as_bytes());
        std::fs::write(&f, bytes).unwrap();
        let opts = Options {
            lossy: true,
            ..Options::default()
        };
        let r = import(&f, &opts).unwrap();
        let [p] = &r.problems[..] else {
            panic!("{:?}", r.problems)
        };
        let at = f.display().to_string();
        assert_eq!(
            p.zh,
            format!(
                "{at}：第 2 行：有损解码：1 处无效字节序列已替换为 U+FFFD（第一处在字节偏移 34）"
            )
        );
        assert_eq!(
            p.en,
            format!(
                "{at}: line 2: lossy decoding: 1 invalid byte sequence replaced by U+FFFD (the \
                 first at byte offset 34)"
            )
        );
    }
}
