//! The documents a project folder lists (shared by tests/durability.rs and tests/removal.rs).

use std::path::Path;

/// The document ids `project.ron` lists, in order (the project must load).
pub fn listed(dir: &Path) -> Vec<String> {
    biaozhu::store::load(dir, "main", &mut |_, _| true)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", dir.display()))
        .documents
        .iter()
        .map(|d| d.meta.id.clone())
        .collect()
}
