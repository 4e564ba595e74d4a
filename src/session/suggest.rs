//! Suggestions for one document, computed from a snapshot that can go to another thread (the
//! window's suggestion job) or run in place (the command line): both then add the result
//! through [`Session::add_suggestions`], the one place a suggestion batch is built.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{Layer, SpanKind};
use crate::zh::segment::Segmenter;
use crate::zh::suggest::Suggestion;

use super::Session;

/// What suggesting for one document needs, copied out of the project.
#[derive(Debug, Clone)]
pub struct SuggestInput {
    /// The document the suggestions are for.
    pub doc: usize,
    /// The layer revision they are computed against.
    pub revision: u64,
    text: String,
    published: Option<String>,
    layer: Layer,
    known: BTreeMap<String, (String, SpanKind)>,
    seg: Arc<Segmenter>,
}

impl SuggestInput {
    /// Everything biaozhu would suggest for the document that its layer does not hold yet:
    /// propagated strings, entities (rules and POS tags from the project's segmenter) and
    /// figures.
    pub fn run(&self) -> Vec<Suggestion> {
        crate::zh::suggest::for_document(
            &self.seg,
            &self.text,
            self.published.as_deref(),
            &self.layer,
            &self.known,
        )
    }
}

impl Session {
    /// A snapshot for suggesting on document `doc` (none if there is no such document).
    pub fn suggest_input(&self, doc: usize) -> Option<SuggestInput> {
        let d = self.project.documents.get(doc)?;
        Some(SuggestInput {
            doc,
            revision: d.layer.revision(),
            text: d.text.as_str().to_string(),
            published: d.meta.published.clone(),
            layer: d.layer.clone(),
            known: crate::zh::suggest::known_strings(&self.project.documents),
            seg: self.seg.clone(),
        })
    }

    /// Suggest on document `doc` now and add the suggestions as pending spans, one undo
    /// step. Returns how many were added.
    pub fn suggest_document(&mut self, doc: usize) -> Result<usize, super::SessionError> {
        let Some(input) = self.suggest_input(doc) else {
            return Ok(0);
        };
        let sugg = input.run();
        self.add_suggestions(doc, &sugg)
    }
}
