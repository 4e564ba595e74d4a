//! biaozhu (标注): a library for annotating Chinese text with entities, figures and events.
//!
//! The domain (`model`), edits with undo (`edit`), the project folder (`store`), interchange
//! formats (`format`), Chinese text handling (`zh`), UI strings (`i18n`) and the annotation
//! session that the window and the command line share (`session`) have no GUI code; the
//! window (`app`, `ui`) is behind the `gui` feature.

pub mod cli;
pub mod edit;
pub mod format;
pub mod i18n;
pub mod learn;
pub mod model;
pub mod review;
pub mod session;
pub mod store;
pub mod zh;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod ui;
