//! `Project`: schema, settings and documents, with dirty tracking for saving.

use std::collections::{BTreeMap, BTreeSet};

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
    /// Which documents (ids, in the order assigned) each annotator is to do; optional in
    /// `project.ron`.
    pub assignments: BTreeMap<String, Vec<String>>,
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
            assignments: BTreeMap::new(),
        }
    }

    /// The documents assigned to `annotator` (ids), none if no assignment.
    pub fn assigned(&self, annotator: &str) -> &[String] {
        self.assignments.get(annotator).map_or(&[], Vec::as_slice)
    }

    /// Whether document `id` is assigned to `annotator`.
    pub fn is_assigned(&self, annotator: &str, id: &str) -> bool {
        self.assigned(annotator).iter().any(|d| d == id)
    }

    /// Assign documents (ids) to `annotator`, each once, after those assigned already;
    /// returns how many were new. `project.ron` becomes dirty when something changed.
    pub fn assign(&mut self, annotator: &str, ids: &[String]) -> usize {
        let list = self.assignments.entry(annotator.to_string()).or_default();
        let mut added = 0;
        for id in ids {
            if !list.contains(id) {
                list.push(id.clone());
                added += 1;
            }
        }
        if list.is_empty() {
            self.assignments.remove(annotator);
        }
        if added > 0 {
            self.project_dirty = true;
        }
        added
    }

    /// Take documents (ids; none = all) from `annotator`'s assignment; returns how many were
    /// taken. An empty assignment is dropped (and not written).
    pub fn unassign(&mut self, annotator: &str, ids: Option<&[String]>) -> usize {
        let Some(list) = self.assignments.get_mut(annotator) else {
            return 0;
        };
        let before = list.len();
        match ids {
            Some(ids) => list.retain(|d| !ids.contains(d)),
            None => list.clear(),
        }
        let taken = before - list.len();
        if list.is_empty() {
            self.assignments.remove(annotator);
        }
        if taken > 0 {
            self.project_dirty = true;
        }
        taken
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
