//! Every layer of a project at once: what review, agreement and statistics compare.

use std::collections::{BTreeMap, BTreeSet};

use super::{DocMeta, Layer, Schema, Text};

/// The name of the curated layer, the outcome of review (`annotations/<doc>/curated.ron`).
pub const CURATED: &str = "curated";

/// One document with the layer of every annotator who has one (and `curated`).
#[derive(Debug, Clone)]
pub struct LayeredDoc {
    /// Metadata.
    pub meta: DocMeta,
    /// The text.
    pub text: Text,
    /// Layer name (annotator or `curated`) → layer.
    pub layers: BTreeMap<String, Layer>,
}

impl LayeredDoc {
    /// The layer of `name`, if the document has one.
    pub fn layer(&self, name: &str) -> Option<&Layer> {
        self.layers.get(name)
    }
}

/// A project with every layer of every document, read-only (for review, agreement, stats).
#[derive(Debug, Clone)]
pub struct LayeredProject {
    /// Display name.
    pub name: String,
    /// Labels and event types.
    pub schema: Schema,
    /// Documents in project order.
    pub docs: Vec<LayeredDoc>,
}

impl LayeredProject {
    /// The annotators with a layer in any document (not `curated`), sorted.
    pub fn annotators(&self) -> BTreeSet<String> {
        self.docs
            .iter()
            .flat_map(|d| d.layers.keys())
            .filter(|n| n.as_str() != CURATED)
            .cloned()
            .collect()
    }
}
