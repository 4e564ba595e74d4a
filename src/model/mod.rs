//! The domain model: text with char offsets, spans, schema, layers, documents and projects.
//! No file formats and no GUI here; see `store` and `format` for files.

mod document;
mod layer;
mod layered;
mod project;
mod schema;
mod span;
mod text;
mod validate;

pub use document::{DocMeta, Document};
pub use layer::{DocStatus, Event, EventId, Layer};
pub use layered::{CURATED, LayeredDoc, LayeredProject};
pub use project::{Project, Settings};
pub use schema::{
    EventType, LabelClass, LabelDef, RESERVED_HOTKEYS, Rgb, Role, Schema, free_event_hotkey,
    new_event_type,
};
pub use span::{
    FigureKind, FigureValue, Qualifier, Source, Span, SpanId, SpanKind, SpanStatus, Suggester,
};
pub use text::{CharRange, OffsetError, Text};
pub use validate::{EventIssue, Problem, left_out_of_events, validate_document, validate_events};
