//! `Document`: one text of a project, its metadata and the open layer.

use super::{Layer, Text};

/// Metadata of a document, as listed in `project.ron`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocMeta {
    /// Stable id; also the file stem under `documents/` and `annotations/`.
    pub id: String,
    /// Publication date (ISO), used to resolve years of dates.
    pub published: Option<String>,
    /// Where the text came from and how it was decoded, e.g. `p3.txt (GB18030)`.
    pub imported_from: Option<String>,
}

/// A document with its text and the current annotator's layer.
#[derive(Debug, Clone)]
pub struct Document {
    /// Metadata.
    pub meta: DocMeta,
    /// The text, never changed once annotated.
    pub text: Text,
    /// The open layer.
    pub layer: Layer,
}
