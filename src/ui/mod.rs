//! The window's panels. Each keeps UI state only, reads the workspace and returns what the
//! user asked for; the app turns that into edits and commands after drawing.

pub mod dialogs;
pub mod documents;
pub mod event_panel;
pub mod outline;
pub mod palette;
pub mod schema_editor;
pub mod span_list;
pub mod status_bar;
pub mod text_view;

/// Something a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Apply an edit.
    Edit(crate::edit::Edit),
    /// Tag the selection (or relabel the selected span) with a label key.
    Tag(String),
    /// Open a document by index.
    OpenDoc(usize),
    /// Select a span and scroll to it.
    JumpToSpan(crate::model::SpanId),
    /// Delete the selected span.
    DeleteSelected,
    /// Scroll the text to a char.
    ScrollTo(u32),
    /// Make the selection the trigger of a new event of this type.
    CreateEvent(String),
    /// Select an event.
    SelectEvent(crate::model::EventId),
    /// Fill a role of the selected event with the selected span or text.
    SetArgument(String),
    /// Remove an argument of the selected event.
    RemoveArgument(usize),
    /// Fill role `n` (from 0) of the selected event from the selection, or wait for one.
    RoleKey(usize),
    /// Fill this role with the next span clicked or text selected.
    ArmRole(String),
    /// Delete the selected event and its trigger span.
    DeleteEvent(crate::model::EventId),
    /// Open the event schema editor.
    EditEventTypes,
    /// Change an event's type (its trigger's label follows).
    RetypeEvent(crate::model::EventId, String),
    /// Change which events the event list shows and `]` / `[` walk.
    SetEventFilter(crate::app::workspace::EventFilter),
}
