//! Plain text: each file one document, encoding detected (BOM, UTF-8, UTF-16, GB18030/GBK)
//! or forced.

use std::path::Path;

use super::registry::{
    Format, FormatError, Holds, OptionKind, Options, Read, ReadDoc, Target, file_name,
    read_text_file,
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
    options: &[OptionKind::Encoding],
    target: Target::File,
    import: Some(import),
    export: None,
};

fn import(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let text = read_text_file(file, opts.encoding.as_deref())?;
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doc".into());
    let source = format!(
        "{} ({}{})",
        file_name(file),
        text.encoding,
        if text.bom { ", BOM" } else { "" }
    );
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
        problems: Vec::new(),
    })
}
