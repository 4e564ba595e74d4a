//! Plain text: each file one document, encoding detected (BOM, UTF-8, UTF-16, GB18030/GBK,
//! Big5) or forced. A bad byte sequence refuses the file unless lossy decoding was asked for
//! (`--lossy`, or the import dialog's checkbox); then each becomes U+FFFD and the count is a
//! problem line.

use std::path::Path;

use super::registry::{
    Format, FormatError, Holds, OptionKind, Options, Read, ReadDoc, Target, file_name,
    read_text_file_with,
};

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
        problems.push(format!(
            "{}: line {line}: lossy decoding: {n} invalid byte {seqs} replaced by U+FFFD (the first \
             at byte offset {offset})",
            file.display()
        ));
    }
    // A forced encoding that reads as garbage where detection reads text is said, with both.
    if !text.detected
        && let Ok(bytes) = std::fs::read(file)
        && let Some((bad, n, enc, other)) = crate::zh::encoding::forced_looks_wrong(&bytes, &text)
    {
        problems.push(format!(
            "{}: line 1: the forced encoding {} gives {bad} replacement, control or private-use \
             characters in {n}; detected, it reads as {enc} with {other}: check --encoding",
            file.display(),
            text.encoding
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
        problems: problems.into_iter().map(crate::i18n::Said::from).collect(),
        ..Read::default()
    })
}
