//! `Project`: schema, settings and documents, with dirty tracking for saving.

use std::collections::BTreeSet;

use super::{Document, Schema};

/// Project settings stored in `project.ron`.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Selections snap to word boundaries.
    pub snap_to_words: bool,
    /// Seconds of quiet after an edit before autosave.
    pub autosave_secs: u32,
    /// Extra words for segmentation.
    pub user_words: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            snap_to_words: false,
            autosave_secs: 2,
            user_words: Vec::new(),
        }
    }
}

/// A loaded project: what `project.ron` says plus every document with one annotator's layer.
#[derive(Debug, Clone)]
pub struct Project {
    /// Display name.
    pub name: String,
    /// Labels and event types.
    pub schema: Schema,
    /// Settings.
    pub settings: Settings,
    /// Documents in project order.
    pub documents: Vec<Document>,
    /// Whose layer is open.
    pub annotator: String,
    /// Documents whose layer changed since the last save.
    pub dirty_docs: BTreeSet<usize>,
    /// `project.ron` changed since the last save.
    pub project_dirty: bool,
}

impl Project {
    /// An empty project with the default bulletin schema.
    pub fn new(name: impl Into<String>, annotator: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            schema: Schema::default_bulletin(),
            settings: Settings::default(),
            documents: Vec::new(),
            annotator: annotator.into(),
            dirty_docs: BTreeSet::new(),
            project_dirty: false,
        }
    }

    /// True when something is unsaved.
    pub fn is_dirty(&self) -> bool {
        self.project_dirty || !self.dirty_docs.is_empty()
    }

    /// Index of the document with an id.
    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.meta.id == id)
    }

    /// How many spans, over all documents, use a label.
    pub fn label_use_count(&self, key: &str) -> usize {
        self.documents
            .iter()
            .map(|d| d.layer.count_label(key))
            .sum()
    }
}
