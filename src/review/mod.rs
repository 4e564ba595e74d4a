//! Review and agreement over several annotators' layers of one project: where they differ
//! (`compare`), how far they agree in figures (`agree`), which labels they confuse
//! (`confusion`), how far each document has got per
//! annotator and in review (`status`). No files and no GUI here: the layers come from
//! `store::load_layered` or an open session.

pub mod agree;
pub mod compare;
pub mod confusion;
pub mod consistency;
pub mod curate;
pub mod stats;
pub mod status;

pub use status::ReviewStatus;
