//! What the panels and dialogs hand back to the app: an [`Intent`] (from a panel or the
//! keyboard) or a dialog's [`Outcome`]. Every change the user asks for arrives as one of
//! these, and one dispatcher in the app applies it through the session.

use std::path::PathBuf;

use crate::i18n::{Lang, Msg, tr};

/// A file read for import, waiting for the user's choice of repairs.
#[derive(Debug, Clone)]
pub struct PreviewItem {
    /// The file.
    pub path: PathBuf,
    /// The document read from it (a text without annotations).
    pub doc: crate::format::ReadDoc,
    /// Proposed repairs.
    pub repairs: Vec<crate::zh::structure::Repair>,
    /// Which ones to apply.
    pub chosen: Vec<bool>,
}

impl PartialEq for PreviewItem {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
            && self.doc.text == other.doc.text
            && self.repairs == other.repairs
            && self.chosen == other.chosen
    }
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    /// Close the window.
    Quit,
    /// Open another project.
    Open(PathBuf),
}

/// What the user chose in a dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Keep the dialog open.
    Open,
    /// Dismiss it.
    Close,
    /// Unsaved: save, then go on.
    SaveThen(After),
    /// Unsaved: discard, then go on.
    DiscardThen(After),
    /// Open a project.
    OpenProject(PathBuf),
    /// Create a project in this folder and open it.
    NewProject(PathBuf),
    /// Open a project read-only.
    OpenReadOnly(PathBuf),
    /// Files changed on disk: overwrite them with this window's version.
    OverwriteChanged,
    /// Files changed on disk: open the project again from its files.
    ReopenFromDisk,
    /// Files changed on disk while nothing of them was unsaved: save, then open the project
    /// again.
    SaveAndReopen,
    /// Import files (paths, the registry's format name, its options).
    Import(Vec<PathBuf>, &'static str, crate::format::Options),
    /// Import decoded files with the chosen repairs.
    ImportRepaired(Vec<PreviewItem>),
    /// Export (where, the registry's format name, its options, and the layer when it is not
    /// the open one).
    Export(
        PathBuf,
        &'static str,
        crate::format::Options,
        Option<String>,
    ),
    /// Apply an edit (labels, user words).
    Edit(crate::edit::Edit),
    /// Apply an edit, then close the editor (unless it failed and an error is shown).
    EditThenClose(crate::edit::Edit),
    /// Go to a char position (`1200`) or an article (`#3`).
    GoTo(String),
    /// Ask before deleting a label in use.
    AskDeleteLabel(String, usize),
    /// Delete a label and its spans.
    DeleteLabelWithSpans(String),
    /// Delete a span, detaching it from the events that use it.
    DeleteSpanDetaching(crate::model::SpanId),
    /// Work as this annotator (saved in the preferences; the project reopens on that layer).
    SetAnnotator(String),
    /// Take the document with this id out of the project (the user confirmed).
    RemoveDocument(String),
    /// Put back the documents of this removal (`removed/<time>`).
    RestoreRemoval(std::path::PathBuf),
}

/// Something a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Show the 打开项目… dialog (Ctrl+O).
    ShowOpenProject,
    /// Zoom the whole window: +1 in, -1 out, 0 back to 100%.
    Zoom(i8),
    /// Enter review mode (the curated layer, annotators compared), or leave it.
    ToggleReview,
    /// Open another layer of the project (an annotator's, to correct in place), or the
    /// user's own (`None`).
    OpenLayer(Option<String>),
    /// F8 / Shift+F8: the next or previous disagreement.
    StepDisagreement(bool),
    /// Select a review item of the current document by index.
    SelectReviewItem(usize),
    /// Ctrl+n: accept annotator n's version (0-based) of the selected review item.
    AcceptVersion(usize),
    /// Reject every version of the selected review item.
    RejectReviewItem,
    /// Take annotator n's version (0-based) of every open item the filter shows here.
    AcceptVersionForOpen(usize),
    /// Accept every agreement of the current document.
    AcceptAgreements,
    /// Accept every agreement of every document.
    AcceptAgreementsEverywhere,
    /// Take the majority's version of every open disagreement that has one, everywhere.
    AcceptMajorityEverywhere,
    /// Finish the review of every document with nothing left to decide.
    FinishReviewEverywhere,
    /// Walk (and list) only the review items of one kind or label.
    SetReviewFilter(crate::session::review::ReviewFilter),
    /// Start review (if it is not on) with this filter: a confusion cell's places.
    ReviewCell(crate::session::review::ReviewFilter),
    /// The current document is reviewed: take its open agreements, mark it, open the next.
    FinishReviewDoc,
    /// Apply an edit.
    Edit(crate::edit::Edit),
    /// Tag the selection (or relabel the selected span) with a label key.
    Tag(String),
    /// Open a document by index.
    OpenDoc(usize),
    /// Ask before taking the document at this index out of the project.
    AskRemoveDocument(usize),
    /// Select a span and scroll to it.
    JumpToSpan(crate::model::SpanId),
    /// Select a span (a click in the text).
    SelectSpan(crate::model::SpanId),
    /// Set the char selection (a drag or a click in the text).
    SelectChars(crate::session::Selection),
    /// Clear the char selection and the selected span.
    ClearSelection,
    /// Esc: disarm a waiting role, else clear the selection, else the selected span.
    Escape,
    /// Shift+arrows.
    Extend(crate::session::Extend),
    /// Tab / Shift+Tab: the next or previous span.
    StepSpan(bool),
    /// The next or previous document.
    StepDoc(bool),
    /// `]` / `[`: the next or previous event the event list shows.
    StepEvent(bool),
    /// N: the next pending suggestion.
    NextSuggestion,
    /// Select the next of the sentences the model is least sure of, and say which.
    NextUnsureSentence,
    /// A / R: accept or reject the selected suggestion, then go to the next.
    Decide(bool),
    /// Accept or reject every pending suggestion (of one label).
    DecideAll(bool, Option<String>),
    /// Suggest for the current document (on a thread).
    Suggest,
    /// Train the project's entity model (on a thread).
    TrainModel,
    /// Train the project's trigger and argument taggers (on a thread).
    TrainEventTaggers,
    /// Retrain the model after this many newly accepted entities (0: only when asked).
    SetRetrainEvery(usize),
    /// Walk pending suggestions in this order.
    SetSuggestionOrder(crate::session::learn::SuggestionOrder),
    /// Store the current document's structure as spans.
    DetectStructure,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Save now.
    Save,
    /// Delete a span, detaching it from the events that use it (after asking).
    DeleteSpanDetaching(crate::model::SpanId),
    /// Delete a label and its spans (after asking).
    DeleteLabelWithSpans(String),
    /// A waiting role takes the clicked span or finished selection.
    FillArmedRole,
    /// Delete the selected span.
    DeleteSelected,
    /// Scroll the text to a char.
    ScrollTo(u32),
    /// Open the Go to dialog (Ctrl+G).
    OpenGoTo,
    /// Read every annotator's layer statuses again (after a `git pull`, say).
    RereadStatuses,
    /// Scroll the text by pages (negative: up).
    ScrollPages(i32),
    /// Scroll the text to its start (false) or end (true).
    ScrollToEdge(bool),
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
    SetEventFilter(crate::session::EventFilter),
    /// Show the find bar with the cursor in its query box (Ctrl+F).
    OpenFind,
    /// F3 / Shift+F3: the next or previous match of the find bar's query.
    FindStep(bool),
    /// Select a match (opening its document) and scroll to it.
    SelectMatch(crate::session::find::FindMatch),
    /// Tag every match with a label, as one undo step.
    TagMatches(Vec<crate::session::find::FindMatch>, String),
    /// Give spans (document, id) a label, as one undo step.
    RelabelSpans(Vec<(usize, crate::model::SpanId)>, String),
    /// Show the keyboard help (F1).
    OpenHelp,
    /// Open the agreement view: compute the figures from the project folder's layers.
    OpenAgreement,
    /// Close the agreement view.
    CloseAgreement,
    /// Open (or refresh) the inconsistent tags view: look for them in the open layer's saved
    /// files, on a thread.
    OpenConsistency,
    /// Close the inconsistent tags view.
    CloseConsistency,
    /// Open the statistics view: count from the project folder's layers and log.
    OpenStats,
    /// Close the statistics view.
    CloseStats,
    /// Show this pair (an index into the agreement's pairs) in detail.
    AgreementPair(usize),
    /// Compare the annotators with each other (`None`) or each with a reference layer.
    AgreementAgainst(Option<String>),
    /// List the places of a confusion cell of the chosen pair (`None`: list none).
    AgreementCell(Option<(Grid, usize)>),
    /// Ctrl+U: flag the selected span or event as unsure, or clear the flag.
    ToggleUnsure,
    /// Set the unsure flag of a span or event.
    SetUnsure(crate::session::MarkTarget, bool),
    /// Set the comment of a span or event (an empty one removes it).
    SetNote(crate::session::MarkTarget, String),
}

/// A review item as the text view draws it: boxed by how it stands and, while open,
/// marked with what its versions give (read from the review for the items in view).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewBox {
    /// The chars it covers (its versions' union).
    pub range: crate::model::CharRange,
    /// How it stands.
    pub mark: ReviewMark,
    /// Its index among the document's review items.
    pub item: usize,
    /// Some annotator who worked on the document has nothing there.
    pub someone_has_nothing: bool,
}

/// How a review item stands, for the text view's boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMark {
    /// A disagreement nobody has decided.
    Open,
    /// An agreement not yet in the curated layer.
    Agreement,
    /// Decided.
    Decided,
}

/// Which confusion grid of the agreement view: of entity and figure labels, or of the event
/// types of triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grid {
    /// Entity and figure labels.
    Labels,
    /// Event types of triggers.
    EventTypes,
}

/// What the question of [`confirm_discard`] chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Nothing (yet), or 继续编辑: the editor stays.
    Stay,
    /// 放弃修改并关闭.
    Discard,
    /// 应用修改并关闭: apply what the editor's Apply button would, then close.
    Apply,
}

/// The question an editor asks when it is closed with edits not applied: 应用修改并关闭 (when
/// `can_apply`: the edits are ones its Apply button takes), 放弃修改并关闭, or 继续编辑, which
/// takes the question away.
pub fn confirm_discard(
    ui: &mut egui::Ui,
    closing: &mut bool,
    can_apply: bool,
    lang: Lang,
) -> Leave {
    let mut out = Leave::Stay;
    if !*closing {
        return out;
    }
    ui.separator();
    ui.colored_label(ui.visuals().warn_fg_color, tr(lang, Msg::UnappliedEdits));
    ui.horizontal(|ui| {
        if can_apply && ui.button(tr(lang, Msg::ApplyAndClose)).clicked() {
            out = Leave::Apply;
        }
        if ui.button(tr(lang, Msg::DiscardEdits)).clicked() {
            out = Leave::Discard;
        }
        if ui.button(tr(lang, Msg::KeepEditing)).clicked() {
            *closing = false;
        }
    });
    out
}
