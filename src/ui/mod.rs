//! The window's panels. Each keeps UI state only, reads the session and returns what the
//! user asked for (an [`Intent`], or a dialog's [`Outcome`]); the app applies it through the
//! session after drawing. No panel writes session fields, and nothing here imports `app`.

pub mod agreement;
pub mod consistency_view;
pub mod dialogs;
pub mod documents;
pub mod event_panel;
pub mod export_form;
pub mod find_bar;
pub mod intent;
pub mod model_scores;
pub mod outline;
pub mod palette;
pub mod review_panel;
pub mod schema_editor;
pub mod span_list;
pub mod stats_view;
pub mod status_bar;
pub mod text_view;

pub use intent::{After, Intent, Outcome, PreviewItem};
