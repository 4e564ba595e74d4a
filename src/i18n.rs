//! UI strings in Chinese and English. `tr` is an exhaustive match, so a message without a
//! translation does not compile.

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From a locale string such as `zh_CN.UTF-8` or `en_US`.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// From the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`); Chinese when unset.
    pub fn from_env() -> Self {
        for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(s) = std::env::var(v)
                && !s.is_empty()
                && s != "C"
                && s != "POSIX"
                && s != "C.UTF-8"
            {
                return Self::from_locale(&s);
            }
        }
        Lang::Zh
    }

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// From `zh`/`en`.
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Declares [`Msg`] and [`Msg::ALL`] from one list, so the list cannot miss a message.
macro_rules! messages {
    ($($(#[$attr:meta])* $name:ident,)*) => {
        /// A UI message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$attr])* $name,)*
        }

        impl Msg {
            /// Every message, in declaration order (the translation test walks it).
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];
        }
    };
}

messages! {
    /// Edit event types…
    EditEventTypes,
    /// Event types
    EventTypes,
    /// Roles
    Roles,
    /// Role
    RoleName,
    /// Accepts
    Accepts,
    /// Required
    Required,
    /// Repeats
    Repeats,
    /// Add type
    AddType,
    /// Add role
    AddRole,
    /// Delete type
    DeleteType,
    /// any
    AnyLabel,
    /// Reset
    Reset,
    /// pick…
    PickArgument,
    /// click a span or select text to fill this role (Esc cancels)
    PickArgumentHint,
    /// Delete event
    DeleteEvent,
    /// Delete a span used by events
    DeleteArgSpanTitle,
    /// This span is the trigger or an argument of the events below. Deleting it removes it from the events it is an argument of and deletes the events it triggers; undo (Ctrl+Z) restores everything.
    DeleteArgSpanBody,
    /// Delete anyway
    DeleteAnyway,
    /// select text, then press Shift+
    EventHotkeyHint,
    /// Alt+number fills that role
    RoleKeyHint,
    /// One record per document
    PerDocument,
    /// One record per sentence
    PerSentence,
    /// One record per article.
    PerArticle,
    /// left out of the export
    LeftOut,
    /// Please note
    Caveat,
    /// New type name
    NewTypeName,
    /// New role name
    NewRoleName,
    /// Apply changes
    ApplyChanges,
    /// remove argument
    RemoveArgument,
    /// set argument
    SetArgument,
    /// Events
    Events,
    /// New event:
    NewEvent,
    /// section
    PartSection,
    /// caption
    PartCaption,
    /// byline
    PartByline,
    /// dateline
    PartDateline,
    /// subhead
    PartSubhead,
    /// headline
    PartHeadline,
    /// article
    PartArticle,
    /// Mark the selection as:
    MarkAs,
    /// Drop a fragment repeating an earlier paragraph's end
    RepairFragment,
    /// Drop a sentence repeated in a row
    RepairRepeat,
    /// Join a sentence broken across a blank line
    RepairJoin,
    /// Import without repairs
    ImportAsIs,
    /// Repair the ticked ones and import
    ImportRepaired,
    /// These extraction problems were found. Tick the ones to repair; the original text is kept as .orig.txt.
    RepairBody,
    /// Repairs before import
    RepairTitle,
    /// Structure
    StructureFilter,
    /// Detect structure (store as structure spans)
    DetectStructure,
    /// Articles
    Outline,
    /// New word
    NewWord,
    /// Remove
    Remove,
    /// One word per line in jieba dict format: word \[freq\] \[tag\]. Adding a word re-segments.
    UserDictionaryHelp,
    /// User dictionary…
    UserDictionary,
    /// suggestions added (dashed): A accepts, R rejects, N goes to the next
    SuggestionsAdded,
    /// Pending
    Pending,
    /// Suggesting
    Suggesting,
    /// Accept all of:
    AcceptAllOf,
    /// Reject all
    RejectAll,
    /// Accept all
    AcceptAll,
    /// Suggest for this document
    SuggestDoc,
    /// Train model (from documents marked done)
    TrainModel,
    /// Suggestions menu: train the trigger and argument taggers.
    TrainEventTaggers,
    /// Status bar: the event taggers are training.
    TrainingEventTaggers,
    /// Notice: the event taggers are trained.
    EventTaggersTrained,
    /// Notice: too few accepted events to train the event taggers.
    TooFewEvents,
    /// Training the model
    TrainingModel,
    /// Model trained
    ModelTrained,
    /// No model: suggestions come from the rules
    NoModel,
    /// Held-out scores
    ModelHeldOut,
    /// No held-out score (one document only)
    ModelNoHeldOut,
    /// Nothing to learn from: mark documents with accepted entities as done
    NothingToLearn,
    /// Retrain after this many newly accepted entities (0: never)
    RetrainEvery,
    /// Walk suggestions (N)
    SuggestionOrder,
    /// In text order
    OrderPosition,
    /// Least confident first
    OrderLeastConfident,
    /// Most confident first
    OrderMostConfident,
    /// Order
    SortDocs,
    /// Assigned first
    SortDefault,
    /// Most uncertain for the model first
    SortUncertain,
    /// confidence
    Confidence,
    /// uncertainty
    Uncertainty,
    /// Leave out model suggestions below
    MinConfidence,
    /// Marks an event whose trigger is a pending suggestion in the event list
    SuggestedEvent,
    /// Suggestions
    MenuSuggest,
    /// Next suggestion
    NextSuggestion,
    /// The menu item and key help: to the next sentence the model is least sure of.
    NextUnsureSentence,
    /// Said when U has no sentence to go to.
    NoUnsureSentences,
    /// Next event
    NextEvent,
    /// Plain text (import kind)
    PlainText,
    /// Event list filter: only events with problems
    ProblemsOnly,
    /// Event list filter: all types
    AllTypes,
    /// Event list filter: the type box
    TypeFilter,
    /// An export that writes a folder
    AFolder,
    /// Exporting (job)
    Exporting,
    /// Export cancelled
    ExportCancelled,
    /// The review asked for with the project was cancelled while it was read.
    ReviewCancelled,
    /// The export's thread ended without a result
    ExportStopped,
    /// What a labelled import does
    LabelledImportHint,
    /// The import dialog's lossy-decoding checkbox
    LossyDecode,
    /// What lossy decoding does (the checkbox's hover text)
    LossyDecodeHint,
    /// Event types missing from the schema
    UnknownEventTypes,
    /// Previous event
    PrevEvent,
    /// A label key pressed on an event's trigger
    TriggerKeepsItsKind,
    /// Reject suggestion
    RejectSuggestion,
    /// Accept suggestion
    AcceptSuggestion,
    /// Importing
    Importing,
    /// Status
    Status,
    /// Class
    Class,
    /// Filter
    Filter,
    /// Label
    Label,
    /// Add
    Add,
    /// All labels
    AllLabels,
    /// Apply
    Apply,
    /// Browse…
    Browse,
    /// Cancel
    Cancel,
    /// Clear selection
    ClearSelection,
    /// Close
    Close,
    /// The editor has edits not applied, and is being closed.
    UnappliedEdits,
    /// Under the export's command line, while the project has unsaved changes.
    CommandReadsSavedFiles,
    /// Close the editor, throwing its unapplied edits away.
    DiscardEdits,
    /// Go back to the editor.
    KeepEditing,
    /// Apply the editor's edits, then close it.
    ApplyAndClose,
    /// Export dialog: keep the split of the earlier export in the chosen folder
    KeepEarlierSplit,
    /// Its hover
    KeepEarlierSplitHint,
    /// Colour
    Colour,
    /// Offset
    CursorAt,
    /// Date
    Date,
    /// Delete
    Delete,
    /// Delete label
    DeleteLabel,
    /// Delete label and its spans
    DeleteLabelAndSpans,
    /// Delete span
    DeleteSpan,
    /// Detect
    Detect,
    /// Discard
    Discard,
    /// Document
    Document,
    /// Documents
    Documents,
    /// Edit labels…
    EditLabels,
    /// Encoding
    Encoding,
    /// Entity
    Entity,
    /// Error
    Error,
    /// Export
    Export,
    /// Export corpus…
    ExportCorpus,
    /// Exported
    Exported,
    /// Extend selection left
    ExtendLeft,
    /// Extend selection right
    ExtendRight,
    /// Move selection start left
    ExtendStartLeft,
    /// Move selection start right
    ExtendStartRight,
    /// Font size
    FontSize,
    /// The status bar after `biaozhu FILE.txt` made a project beside the file.
    ProjectMadeFor,
    /// … or opened the one an earlier run made.
    ProjectFoundFor,
    /// Zoom in (the whole window).
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Zoom back to 100%.
    ZoomReset,
    /// The light theme (unchecked: dark).
    LightTheme,
    /// Hotkey
    Hotkey,
    /// Import
    Import,
    /// Files to import (one path per line)
    ImportPaths,
    /// Import files…
    ImportText,
    /// Imported
    Imported,
    /// Key
    Key,
    /// The key cannot be empty
    KeyEmpty,
    /// spans use this label. Deleting the label deletes them too (undoable).
    LabelInUseBody,
    /// Edit
    MenuEdit,
    /// File
    MenuFile,
    /// Labels
    MenuLabels,
    /// View
    MenuView,
    /// English name
    NameEn,
    /// Chinese name
    NameZh,
    /// New label
    NewLabel,
    /// Next document
    NextDoc,
    /// Go to…
    GoTo,
    /// What Go to takes
    GoToHint,
    /// Go to: not a position or an article
    GoToBad,
    /// No system file dialog: type the path
    NoFileDialog,
    /// Scroll down a page
    PageDown,
    /// Scroll up a page
    PageUp,
    /// To the start of the document
    TextStart,
    /// To the end of the document
    TextEnd,
    /// Next span
    NextSpan,
    /// The project has no documents yet: add some with File → Import files…
    NoDocuments,
    /// No span selected. Select text and press a label hotkey to tag it.
    NoSpanSelected,
    /// Note
    Note,
    /// Number
    Number,
    /// OK
    Ok,
    /// Open
    Open,
    /// Open project…
    OpenProject,
    /// 文件 → 新建项目….
    NewProject,
    /// The folder a new project goes in.
    NewProjectFolder,
    /// Create (a new project).
    Create,
    /// 文件 → recent projects.
    RecentProjects,
    /// 文件 → take the current document out of the project (asks first).
    RemoveDocumentMenu,
    /// A document list row's menu: take this document out of the project.
    RemoveThisDocument,
    /// The heading of the dialog that asks before a document is taken out.
    RemoveDocumentTitle,
    /// Its button that removes.
    RemoveDocumentConfirm,
    /// 文件 → put back documents removed earlier.
    RestoreDocumentsMenu,
    /// The heading of the dialog that lists the removals.
    RestoreDocumentsTitle,
    /// Its button beside a removal.
    RestoreRemoval,
    /// The dialog, when nothing was removed.
    NothingRemoved,
    /// Open read-only
    OpenReadOnly,
    /// Title of the dialog for files changed on disk since this window read them.
    ChangedOnDiskTitle,
    /// What that dialog says above the files.
    ChangedOnDiskBody,
    /// Its button that keeps this window's version.
    KeepThisWindowsVersion,
    /// Its button that opens the project again from the files.
    TakeTheFilesOnDisk,
    /// Its button that leaves the choice for later.
    DecideLater,
    /// Title of the dialog for project files changed on disk while the window was away.
    FilesChangedTitle,
    /// What that dialog says above the files.
    FilesChangedBody,
    /// Its button that opens the project again.
    ReopenProject,
    /// Its button that keeps working as it is.
    NotNow,
    /// Said after keeping this window's project file kept documents listed on disk.
    KeptListedReopened,
    /// Opening
    Opening,
    /// Under the opening's progress bar when review mode starts with it
    OpeningForReview,
    /// Previous document
    PrevDoc,
    /// Previous span
    PrevSpan,
    /// The project has these problems (all annotations were kept):
    ProblemsFound,
    /// Project folder (you can type the path)
    ProjectFolder,
    /// Project in use
    ProjectLocked,
    /// approx.
    QualApprox,
    /// at least
    QualAtLeast,
    /// at most
    QualAtMost,
    /// —
    QualNone,
    /// range
    QualRange,
    /// Qualifier
    Qualifier,
    /// Quit
    Quit,
    /// Read-only
    ReadOnly,
    /// Redo
    Redo,
    /// Resolved date
    Resolved,
    /// Save
    Save,
    /// Save failed
    SaveFailed,
    /// Saved
    Saved,
    /// Selected span
    SelectedSpan,
    /// Selected
    SelectionLen,
    /// Shortcuts
    Shortcuts,
    /// Snap selection to words
    SnapToWords,
    /// Spans
    SpanCount,
    /// Spans
    Spans,
    /// Done
    StatusDone,
    /// In progress
    StatusInProgress,
    /// New
    StatusNew,
    /// Reviewed
    StatusReviewed,
    /// Undo
    Undo,
    /// Unit
    Unit,
    /// Unsaved
    Unsaved,
    /// There are unsaved changes. Save them first?
    UnsavedBody,
    /// Unsaved changes
    UnsavedTitle,
    /// Upper bound
    Upper,
    /// Uses
    Uses,
    /// Import every span as a pending suggestion
    ImportAsPending,
    /// Which documents
    ExportDocs,
    /// Every document
    StatusAll,
    /// Done and reviewed documents
    ExportStatusDone,
    /// Reviewed documents only
    ExportStatusReviewed,
    /// Only these labels, event types or roles
    KeepLabels,
    /// Names typed in the labels field that the project has nowhere
    NotInProject,
    /// Rename labels
    MapLabels,
    /// Split into train/dev/test
    SplitSets,
    /// The split's seed
    Seed,
    /// A split writes a folder
    SplitFolderHint,
    /// Nested spans policy
    NestedPolicy,
    /// Keep outer
    NestedOuter,
    /// Keep inner
    NestedInner,
    /// Keep longest
    NestedLongest,
    /// Tagging scheme
    TagScheme,
    /// Column separator
    Separator,
    /// Tab
    SepTab,
    /// Space
    SepSpace,
    /// What a token is
    TokenUnit,
    /// Chars
    TokenChar,
    /// jieba words
    TokenWord,
    /// Span kinds written
    KindsWritten,
    /// Figure
    KindFigure,
    /// Trigger
    KindTrigger,
    /// Argument
    KindArgument,
    /// Entity, as a span kind beside figure, trigger … (lower case in English, as they are)
    KindEntity,
    /// Structure
    KindStructure,
    /// Include pending suggestions
    IncludePendingOpt,
    /// Export option: arguments written under their roles.
    ArgumentRolesOpt,
    /// What that option is for.
    ArgumentRolesHint,
    /// Export option: leave out records that repeat an earlier one.
    DedupRecords,
    /// Export option: k-fold cross-validation
    FoldsOpt,
    /// With folds: each round also holds out the next fold as dev
    FoldDevOpt,
    /// What that does
    FoldDevHint,
    /// With folds and a dev fold, the export's folder
    FoldsDevFolderHint,
    /// A dev fold needs three folds
    FoldDevNeedsThree,
    /// With folds, the export is a folder of rounds
    FoldsFolderHint,
    /// Its unit after the number
    FoldsUnit,
    /// Its hover
    FoldsHint,
    /// Export option: leave out records with unsure tags
    SkipUnsureOpt,
    /// Its hover
    SkipUnsureHint,
    /// … (the schema before this left out)
    PreviewSchemaLeftOut,
    /// The export's options leave no document to preview
    PreviewNoDocuments,
    /// The first documents the export keeps hold nothing the format writes
    PreviewNothingWritten,
    /// Bad rename
    BadMap,
    /// Bad split
    BadSplit,
    /// Bad seed
    BadSeed,
    /// Detected format
    DetectedAs,
    /// Could not detect
    DetectFailed,
    /// Labels added to the schema
    NewLabelsAdded,
    /// Find… (Ctrl+F)
    Find,
    /// The find box
    FindQuery,
    /// Regex toggle
    FindRegex,
    /// Whole project toggle
    FindWholeProject,
    /// N matches
    Matches,
    /// No matches
    NoMatches,
    /// Next match
    FindNext,
    /// Previous match
    FindPrev,
    /// Tag all matches as
    TagAllAs,
    /// Matches tagged
    TaggedMatches,
    /// Skipped: the same span exists
    SkippedExisting,
    /// Bad regex
    BadRegex,
    /// Close the find bar
    CloseFind,
    /// Help menu
    MenuHelp,
    /// Keyboard shortcuts…
    KeyboardHelp,
    /// Label hotkeys
    LabelHotkeys,
    /// Event type hotkeys
    EventTypeHotkeys,
    /// The commands section of the keyboard help
    HelpCommands,
    /// Enter in the find bar
    FindBarKeys,
    /// The review menu
    MenuReview,
    /// Start review mode (curated layer, annotators compared)
    ReviewMode,
    /// Leave review mode
    ReviewEnd,
    /// Review panel title
    ReviewTitle,
    /// Go to the next disagreement
    NextDisagreement,
    /// Go to the previous disagreement
    PrevDisagreement,
    /// Accept annotator n's version (followed by the name)
    AcceptVersion,
    /// The key table's name for Ctrl+n
    AcceptVersionN,
    /// Reject every version of a review item
    RejectItem,
    /// Heading of the arguments an event item's versions differ in
    ArgsDiffer,
    /// Who alone gave an argument: `：仅 {names}`
    OnlyBy,
    /// Accept every agreement of the document
    AcceptAgreements,
    /// The document is reviewed: take its agreements, mark it, open the next
    FinishReviewDoc,
    /// Head of the project-wide review count
    WholeProject,
    /// A confusion cell's button: decide its places in review
    ReviewTheseItems,
    /// Its hover
    ReviewTheseItemsHint,
    /// Review menu: take the majority's version everywhere
    AcceptMajorityEverywhere,
    /// What that does
    AcceptMajorityEverywhereHint,
    /// Notice: majority versions taken
    MajorityTaken,
    /// Beside a version most annotators gave
    MajorityMark,
    /// Review menu: accept the agreements of every document
    AcceptAgreementsEverywhere,
    /// Its hover
    AcceptAgreementsEverywhereHint,
    /// Training in review mode with no document of the curated layer reviewed: how to
    /// finish some
    NothingReviewedYet,
    /// Review menu: finish every document with nothing left to decide
    FinishReviewEverywhere,
    /// What that does
    FinishReviewEverywhereHint,
    /// Notice: documents marked reviewed
    DocsFinished,
    /// Notice: documents still with items to decide
    DocsStillOpen,
    /// Count of agreements taken (a notice)
    AgreementsTaken,
    /// Count of documents (a notice)
    InDocuments,
    /// Head of the buttons that take one annotator's version of every open item
    AcceptAllOpenFrom,
    /// Their hover
    AcceptAllOpenHint,
    /// The review filter's kind box
    FilterKind,
    /// The review filter's label box
    FilterLabel,
    /// The review filter lets everything through
    FilterAll,
    /// Count of open items the review filter lets through
    FilteredOpen,
    /// Count of documents with items still to decide
    DocsWithOpen,
    /// Nothing is left to decide in the whole project
    NothingOpenInProject,
    /// F8 opened another document (followed by its title)
    OpenedNextReviewDoc,
    /// A document was marked reviewed
    MarkedReviewed,
    /// Every document with something to review is reviewed
    AllReviewed,
    /// Show only disagreements in the review list
    OnlyDisagreements,
    /// Count of disagreements
    Disagreements,
    /// Count of undecided items
    Undecided,
    /// Count of agreements
    Agreements,
    /// Item kind: every layer alike
    DiffAgree,
    /// Item kind: same range, another label
    DiffLabel,
    /// Item kind: other boundaries
    DiffBoundary,
    /// Item kind: label and boundary differ
    DiffLabelAndBoundary,
    /// Item kind: some annotators lack it
    DiffMissing,
    /// Item kind: event type differs
    DiffEventType,
    /// Item kind: event arguments differ
    DiffEventArgs,
    /// Item kind and review summary: one annotator's alone, to confirm
    Unconfirmed,
    /// Review: accept every unconfirmed item (Ctrl+Shift+A in such a document)
    AcceptUnconfirmed,
    /// Decision: nothing yet
    DecisionOpen,
    /// Decision: all rejected
    DecisionRejected,
    /// Decision: the reviewer edited by hand
    DecisionEdited,
    /// Decision: a version accepted (followed by the name)
    DecisionAccepted,
    /// A version with nothing in it
    NothingHere,
    /// The change list heading
    ChangeList,
    /// Notice after review starts (followed by the count)
    ReviewStarted,
    /// An event item
    EventWord,
    /// Review menu: open another annotator's layer to correct it in place (a submenu of names)
    CorrectLayer,
    /// Review menu: back to one's own layer
    BackToOwnLayer,
    // --- agreement (issue #12) ---
    /// Menu item: the agreement view
    MenuAgreement,
    /// The agreement view's title
    AgreementTitle,
    /// The pairwise matrix's heading
    AgreementMatrix,
    /// Which pair the details show
    AgreementPair,
    /// Documents both annotators have
    AgreementDocs,
    /// Spans of each side
    AgreementSpans,
    /// Exact span F1
    AgreementExactF1,
    /// Overlapping span F1
    AgreementOverlapF1,
    /// Cohen's kappa over char tags
    AgreementKappa,
    /// Fleiss' kappa over char tags
    AgreementFleiss,
    /// Trigger F1
    AgreementTriggerF1,
    /// Argument F1
    AgreementArgumentF1,
    /// Per-label bars heading
    AgreementPerLabel,
    /// Fewer than two annotators
    AgreementTooFew,
    /// What is compared
    AgreementNote,
    /// The agreement job's status-bar row
    AgreementComputing,
    /// Export option: stratify the split
    StratifyOpt,
    /// What stratifying does
    StratifyHint,
    /// Export option: cut long records
    MaxCharsOpt,
    /// Suffix of the max chars value
    MaxCharsUnit,
    /// What the max chars option does
    MaxCharsHint,
    /// Export option: keep only a share of the records with nothing to write
    KeepEmptyOpt,
    /// What follows the share of that option
    KeepEmptyAfter,
    /// What that option does
    KeepEmptyHint,
    /// Compare the annotators with each other
    AgreementAmong,
    /// Compare each annotator with the curated layer
    AgreementAgainstCurated,
    /// No document's review is finished yet
    AgreementNoCurated,
    /// Against the curated layer: documents whose review is finished (a count follows)
    AgreementReviewedDocs,
    /// ... and those still in review, left out (a count follows)
    AgreementInReviewLeftOut,
    /// Column head: annotator
    AgreementAnnotator,
    /// Precision (against the reference)
    AgreementPrecision,
    /// Recall (against the reference)
    AgreementRecall,
    /// Heading of the label confusion grid
    AgreementConfusion,
    /// Heading of the event type confusion grid
    AgreementTypeConfusion,
    /// How to read the confusion grid
    AgreementConfusionHint,
    /// Same label, other range
    AgreementBoundary,
    /// The pair tags nothing differently
    AgreementNoConfusion,
    /// No annotator to compare with the reference
    AgreementTooFewAgainst,
    /// Menu: the inconsistent tags view.
    MenuConsistency,
    /// Title of the inconsistent tags view.
    ConsistencyTitle,
    /// What the inconsistent tags view lists.
    ConsistencyNote,
    /// Nothing inconsistent.
    ConsistencyNone,
    /// Status line while looking for inconsistent tags.
    ConsistencyComputing,
    /// An occurrence without a tag.
    Untagged,
    /// Button: tag the untagged occurrences with the majority label.
    TagUntaggedAs,
    /// Button: give every place tagged otherwise the majority label
    RelabelOthersAs,
    /// Notice: how many spans were relabelled
    RelabelledSpans,
    // ---- issue #12: the unsure flag and comments on spans and events
    /// The unsure key's command name
    ToggleUnsure,
    /// The unsure checkbox of the selected span or event
    Unsure,
    /// The mark filter's title in the span and event lists
    MarkFilterTitle,
    /// Mark filter: every span or event
    MarkFilterAll,
    /// Mark filter: only unsure ones
    MarkFilterUnsure,
    /// Mark filter: only those with a comment
    MarkFilterCommented,
    /// The mark filter's title in the event list
    EventMarkFilterTitle,
    /// The selected event's comment field
    EventNote,
    /// View menu: the statistics view
    MenuStats,
    /// Statistics window title
    StatsTitle,
    /// Heading: spans per label per annotator
    StatsSpansPerLabel,
    /// Heading: documents per status per annotator
    StatsDocsPerStatus,
    /// Heading: events per type per annotator
    StatsEventsPerType,
    /// Heading: cumulative edits per person per day
    StatsProgress,
    /// Label before the review-status counts
    StatsReview,
    /// Shown when the activity log is empty
    StatsNoLog,
    /// Column heading: the layer (annotator or curated)
    StatsLayer,
    // ---- issue #12: annotators, statuses and assignments in the document list
    /// Annotator… (menu item and the dialog's title)
    AnnotatorMenu,
    /// Your name
    AnnotatorName,
    /// what the annotator dialog explains
    AnnotatorHint,
    /// a name that cannot be a layer
    AnnotatorBad,
    /// review status: unreviewed
    ReviewUnreviewed,
    /// review status: in review
    ReviewInReview,
    /// review status: reviewed
    ReviewReviewed,
    /// filter by my status
    FilterMine,
    /// filter by review status
    FilterReview,
    /// any status
    FilterAny,
    /// marks a document assigned to you
    AssignedToYou,
    /// hover heading of the other annotators' statuses
    OtherAnnotators,
    /// progress per annotator
    ProgressTitle,
    /// View menu: read the other annotators' statuses again
    RereadStatuses,
    /// Export dialog: which layer is exported (followed by its name)
    ExportLayer,
    /// Export dialog: the command that does the same export (followed by it)
    ExportCommandLine,
    /// Export dialog: copy the command line
    CopyCommandLine,
    /// Export dialog: the command line was copied
    CommandLineCopied,
    /// The statistics view: activity-log lines that did not read (followed by their count)
    StatsLogSkipped,
    /// An event-type button without a selection: what to do first
    SelectTextForEvent,
}

/// `n` with an English noun in the number it needs: 1 document, 2 documents, 3 entities.
pub fn english_count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Where U went: the sentence's place in the model's order, least sure first, and the
/// model's mean entropy per char there (`模型最没把握的句子 3/57 · 不确定度 0.42`).
pub fn unsure_sentence(lang: Lang, rank: usize, of: usize, entropy: f64) -> String {
    match lang {
        Lang::Zh => format!("模型最没把握的句子 {rank}/{of} · 不确定度 {entropy:.2}"),
        Lang::En => {
            format!("Sentence the model is least sure of: {rank}/{of} · uncertainty {entropy:.2}")
        }
    }
}

/// The mark of a suggested event whose trigger a model found, with its probability:
/// `（建议 0.60）`, `(suggested 0.60)`.
pub fn suggested_with_confidence(lang: Lang, c: f32) -> String {
    match lang {
        Lang::Zh => format!("（建议 {c:.2}）"),
        Lang::En => format!("(suggested {c:.2})"),
    }
}

/// What the window says on opening a project where the annotator's own layer holds nothing
/// yet and others' layers hold work (a newcomer, or a name remembered from another project,
/// would otherwise see a bare page): whose work is there and how to open it. `None` when the
/// layer holds something, or nobody else's does.
pub fn own_layer_empty(lang: Lang, own: &str, others: &[String]) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "你的标注层（{own}）还是空的；这个项目里有 {} 的标注：文件 → 标注人… 可以换过去，审阅 → 审阅模式可以对照",
            others.join("、")
        ),
        Lang::En => format!(
            "Your layer ({own}) is empty; this project holds the work of {}: File → Annotator… switches to it, Review → Review mode compares",
            others.join(", ")
        ),
    })
}

/// What the dialog that asks before document `id` (`title`, its first line) is taken out of
/// the project says: where its files go (nothing is deleted), how many layers go with it,
/// and how to put it back.
pub fn remove_document_body(lang: Lang, id: &str, title: &str, layers: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "从项目中移除「{title}」（{id}）？\n它的文本和所有人的标注（{layers} 个标注层）将移到项目文件夹的 removed/ 下，不会删除；移除不能撤销，但可以用 biaozhu restore 放回。未保存的修改先保存。"
        ),
        Lang::En => format!(
            "Take “{title}” ({id}) out of the project?\nIts text and everyone's annotations ({layers} layers) move to removed/ in the project folder; nothing is deleted. Removing cannot be undone, but biaozhu restore puts it back. Unsaved changes are saved first."
        ),
    }
}

/// The notice after documents were taken out: how many, where their files went (`folder`,
/// relative to the project) and the command that puts them back (`restore`).
pub fn documents_removed(lang: Lang, n: usize, folder: &str, restore: &str) -> String {
    match lang {
        Lang::Zh => format!("已移除 {n} 篇文档，文件移到 {folder}；放回：{restore}"),
        Lang::En => format!(
            "{n} document{} removed, files moved to {folder}; to put back: {restore}",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// A label an import added, as the import's notice lists it: its key, how many spans use it
/// and the hotkey it was given.
pub fn added_label(lang: Lang, key: &str, spans: usize, hotkey: Option<char>) -> String {
    match (lang, hotkey) {
        (Lang::Zh, Some(k)) => format!("{key}（{spans} 个，快捷键 {k}）"),
        (Lang::Zh, None) => format!("{key}（{spans} 个）"),
        (Lang::En, Some(k)) => format!("{key} ({spans}, hotkey {k})"),
        (Lang::En, None) => format!("{key} ({spans})"),
    }
}

/// The status bar while a save is written a part a frame: the documents left of `total`.
pub fn saving_left(lang: Lang, left: usize, total: usize) -> String {
    let done = total.saturating_sub(left);
    match lang {
        Lang::Zh => format!("正在保存：已写 {done} / {total} 篇文档"),
        Lang::En => format!("Saving: {done} of {total} documents written"),
    }
}

/// How a split cuts the documents, as the export dialog's preview says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitHow {
    /// A shuffle by the seed cut at the sizes: the sizes are exact.
    Plain,
    /// Labels shared out over the parts: the sizes are near those given.
    Stratified,
    /// The earlier export's split kept, new documents placed by the seed.
    Kept,
}

/// Over the export dialog's preview: a split of `n` documents into `sizes` (train, dev,
/// test) by `seed`, done as `how` says; the preview below is unsplit.
pub fn preview_split(lang: Lang, n: usize, sizes: [usize; 3], seed: u64, how: SplitHow) -> String {
    let [a, b, c] = sizes;
    match (lang, how) {
        (Lang::Zh, SplitHow::Plain) => format!(
            "导出时按文档划分 {n} 篇（种子 {seed}）：训练 {a}，验证 {b}，测试 {c}；下面是不划分时的前几条记录"
        ),
        (Lang::Zh, SplitHow::Stratified) => format!(
            "导出时按文档划分 {n} 篇，按标签分层（种子 {seed}）：约训练 {a}，验证 {b}，测试 {c}；下面是不划分时的前几条记录"
        ),
        (Lang::Zh, SplitHow::Kept) => format!(
            "导出时沿用文件夹中原有的划分，新文档按种子 {seed} 分入（共 {n} 篇，约训练 {a}，验证 {b}，测试 {c}）；下面是不划分时的前几条记录"
        ),
        (Lang::En, SplitHow::Plain) => format!(
            "The export splits {} by document (seed {seed}): train {a}, dev {b}, test {c}; below, the first records unsplit",
            english_count(n, "document")
        ),
        (Lang::En, SplitHow::Stratified) => format!(
            "The export splits {} by document, stratified by label (seed {seed}): about train {a}, dev {b}, test {c}; below, the first records unsplit",
            english_count(n, "document")
        ),
        (Lang::En, SplitHow::Kept) => format!(
            "The export keeps the folder's earlier split and places new documents by seed {seed} ({}, about train {a}, dev {b}, test {c}); below, the first records unsplit",
            english_count(n, "document")
        ),
    }
}

/// Over the export dialog's preview: `k` folds of `n` documents; the preview is unsplit.
pub fn preview_folds(lang: Lang, n: usize, k: usize) -> String {
    let each = n / k.max(1);
    match lang {
        Lang::Zh => format!(
            "导出时做 {k} 折交叉验证：{n} 篇文档，每折约 {each} 篇；下面是不分折时的前几条记录"
        ),
        Lang::En => format!(
            "The export makes {k} folds of {}, about {each} each; below, the first records unsplit",
            english_count(n, "document")
        ),
    }
}

/// The heading of the export dialog's preview, built from the first `n` documents the
/// export writes.
pub fn preview_heading(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, 0) => "预览".to_string(),
        (Lang::En, 0) => "Preview".to_string(),
        (Lang::Zh, _) => format!("预览（要导出的前 {n} 篇文档）"),
        (Lang::En, 1) => "Preview (the first document exported)".to_string(),
        (Lang::En, _) => format!("Preview (the first {n} documents exported)"),
    }
}

/// The notice after documents were put back (`ids`).
pub fn documents_restored(lang: Lang, ids: &[String]) -> String {
    match lang {
        Lang::Zh => format!("已放回 {} 篇文档：{}", ids.len(), ids.join("、")),
        Lang::En => format!(
            "{} document{} put back: {}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            ids.join(", ")
        ),
    }
}

/// Where training could learn instead, said when the open layer has nothing to learn from
/// and other layers hold finished documents (`others`: each layer and how many, most first,
/// as `overview::finished_elsewhere` gives them). For the command line (`cli`) the advice is
/// `--annotator` with the first layer; for the window, the menu that switches layers. `None`
/// when no other layer has a finished document.
pub fn finished_elsewhere(lang: Lang, others: &[(String, usize)], cli: bool) -> Option<String> {
    let (first, _) = others.first()?;
    let list: Vec<String> = others
        .iter()
        .map(|(who, n)| match lang {
            Lang::Zh => format!("{who} {n} 篇"),
            Lang::En => format!("{who} {n}"),
        })
        .collect();
    Some(match (lang, cli) {
        (Lang::Zh, true) => format!(
            "其他标注层有已完成的文档：{}；加 --annotator {first} 从其中学习",
            list.join("、")
        ),
        (Lang::En, true) => format!(
            "other layers have documents marked done: {}; pass --annotator {first} to learn from one",
            list.join(", ")
        ),
        (Lang::Zh, false) => format!(
            "其他标注层有已完成的文档：{}（文件 → 标注人… 换过去再训练）",
            list.join("、")
        ),
        (Lang::En, false) => format!(
            "other layers have documents marked done: {} (File → Annotator… switches to one; train there)",
            list.join(", ")
        ),
    })
}

/// A file a removal could not move (`path`, the system's `reason`): the documents are out
/// of the project all the same, and the next open moves it.
pub fn not_moved_yet(lang: Lang, path: &str, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("注意：未能移动 {path}（{reason}）；下次打开项目时再移"),
        Lang::En => {
            format!("note: could not move {path} ({reason}); the next open of the project moves it")
        }
    }
}

/// The message in a language.
pub fn tr(lang: Lang, m: Msg) -> &'static str {
    match lang {
        Lang::Zh => zh(m),
        Lang::En => en(m),
    }
}

fn zh(m: Msg) -> &'static str {
    match m {
        Msg::EditEventTypes => "编辑事件类型…",
        Msg::EventTypes => "事件类型",
        Msg::Roles => "论元角色",
        Msg::RoleName => "角色",
        Msg::Accepts => "接受的标签",
        Msg::Required => "必填",
        Msg::Repeats => "可重复",
        Msg::AddType => "新增类型",
        Msg::AddRole => "新增角色",
        Msg::DeleteType => "删除类型",
        Msg::AnyLabel => "任意",
        Msg::Reset => "还原",
        Msg::PickArgument => "点选…",
        Msg::PickArgumentHint => "点击一个片段或选中文本，填入此角色（Esc 取消）",
        Msg::DeleteEvent => "删除事件",
        Msg::DeleteArgSpanTitle => "删除事件用到的片段",
        Msg::DeleteArgSpanBody => {
            "这个片段是以下事件的触发词或论元。删除后，以它为论元的事件失去该论元，以它为触发词的事件被删除；撤销（Ctrl+Z）可全部恢复。"
        }
        Msg::DeleteAnyway => "仍然删除",
        Msg::EventHotkeyHint => "选中文本后按 Shift+",
        Msg::RoleKeyHint => "用选中的片段或文本填入所选事件的第 n 个角色",
        Msg::ApplyChanges => "应用修改",
        Msg::NewTypeName => "新类型名",
        Msg::Caveat => "请注意",
        Msg::PerDocument => "按文档",
        Msg::PerSentence => "按句",
        Msg::PerArticle => "按文章",
        Msg::LeftOut => "导出说明（略去了什么，各部分有什么）",
        Msg::NewRoleName => "新角色名",
        Msg::RemoveArgument => "移除论元",
        Msg::SetArgument => "设为论元",
        Msg::Events => "事件",
        Msg::NewEvent => "新事件：",
        Msg::PartSection => "小标题",
        Msg::PartCaption => "图片说明",
        Msg::PartByline => "署名",
        Msg::PartDateline => "电头",
        Msg::PartSubhead => "副题",
        Msg::PartHeadline => "标题",
        Msg::PartArticle => "文章",
        Msg::MarkAs => "将选中文字标为：",
        Msg::RepairFragment => "删除重复前文结尾的残片",
        Msg::RepairRepeat => "删除连续重复的句子",
        Msg::RepairJoin => "合并被空行断开的句子",
        Msg::ImportAsIs => "不修复直接导入",
        Msg::ImportRepaired => "修复所选并导入",
        Msg::RepairBody => "发现以下抽取问题。勾选要修复的项；原文会另存为 .orig.txt。",
        Msg::RepairTitle => "导入前修复",
        Msg::StructureFilter => "版面结构",
        Msg::DetectStructure => "识别版面结构（存为结构标注）",
        Msg::Outline => "文章",
        Msg::NewWord => "新词",
        Msg::Remove => "移除",
        Msg::UserDictionaryHelp => "每行一个词，jieba 词典格式：词 [词频] [词性]。加入后重新分词。",
        Msg::UserDictionary => "用户词典…",
        Msg::SuggestionsAdded => "条建议已加入（虚线），按 A 接受、R 拒绝、N 下一条",
        Msg::Pending => "待定建议",
        Msg::Suggesting => "正在生成建议",
        Msg::AcceptAllOf => "全部接受：",
        Msg::RejectAll => "全部拒绝",
        Msg::AcceptAll => "全部接受",
        Msg::SuggestDoc => "为本文档生成建议",
        Msg::TrainModel => "训练模型（用已完成的文档）",
        Msg::TrainEventTaggers => "训练事件标注器（触发词和论元）",
        Msg::TrainingEventTaggers => "正在训练事件标注器",
        Msg::EventTaggersTrained => "事件标注器已训练",
        Msg::TooFewEvents => "已接受的事件不足 50 个：事件建议只来自触发词表",
        Msg::TrainingModel => "正在训练模型",
        Msg::ModelTrained => "模型已训练",
        Msg::NoModel => "尚无模型：建议只来自规则",
        Msg::ModelHeldOut => "留出集评估",
        Msg::ModelNoHeldOut => "无留出评估（只有一个文档）",
        Msg::NothingToLearn => "没有可学习的内容：请把有已接受实体的文档标为“已完成”",
        Msg::RetrainEvery => "每新接受这么多实体后自动重新训练（0：不自动）",
        Msg::SuggestionOrder => "建议顺序（N）",
        Msg::OrderPosition => "按文本顺序",
        Msg::OrderLeastConfident => "最不确定的先",
        Msg::OrderMostConfident => "最确定的先",
        Msg::SortDocs => "排序",
        Msg::SortDefault => "分配给我的在前",
        Msg::SortUncertain => "模型最不确定的在前",
        Msg::Confidence => "置信度",
        Msg::Uncertainty => "不确定度",
        Msg::MinConfidence => "低于此置信度的模型建议不加入",
        Msg::SuggestedEvent => "（建议）",
        Msg::MenuSuggest => "建议",
        Msg::NextSuggestion => "下一条建议",
        Msg::NextUnsureSentence => "模型最没把握的下一句",
        Msg::NoUnsureSentences => {
            "先训练模型，或用模型为本文档生成建议，才能按模型的把握程度逐句查看"
        }
        Msg::NextEvent => "下一个事件",
        Msg::PlainText => "纯文本",
        Msg::ProblemsOnly => "只看有问题的",
        Msg::AllTypes => "全部类型",
        Msg::TypeFilter => "类型",
        Msg::AFolder => "文件夹",
        Msg::Exporting => "正在导出",
        Msg::ExportCancelled => "已取消导出",
        Msg::ReviewCancelled => "已取消审阅：项目以审定层打开",
        Msg::ExportStopped => "导出意外中断，未写入任何内容",
        Msg::LabelledImportHint => {
            "连同标注导入：每段文字成为一篇文档，触发词、论元和事件一并导入；对不上原文的论元会逐行列出。brat 的 .ann 旁边须有同名 .txt。"
        }
        Msg::LossyDecode => "用 U+FFFD 替换无法解码的字节",
        Msg::LossyDecodeHint => {
            "不勾选时，含无法解码字节的文件不会导入，并指出第一个坏字节的位置。勾选后，每处坏字节替换为 U+FFFD（�），并报告替换了几处。"
        }
        Msg::UnknownEventTypes => "方案中没有这些事件类型（可在 标签→编辑事件类型… 中添加）",
        Msg::PrevEvent => "上一个事件",
        Msg::TriggerKeepsItsKind => {
            "选中的标注是事件的触发词，不能改成实体或数值标签。按事件类型键（Shift+字母）可改事件类型；要给同一段文字另加标签，请先选中这段文字。"
        }
        Msg::RejectSuggestion => "拒绝建议",
        Msg::AcceptSuggestion => "接受建议",
        Msg::Importing => "正在导入",
        Msg::Status => "状态",
        Msg::Class => "类别",
        Msg::Filter => "筛选",
        Msg::Label => "标签",
        Msg::Add => "添加",
        Msg::AllLabels => "全部标签",
        Msg::Apply => "应用",
        Msg::Browse => "浏览…",
        Msg::Cancel => "取消",
        Msg::ClearSelection => "取消选择",
        Msg::Close => "关闭",
        Msg::UnappliedEdits => "有修改还没有应用，关闭会丢掉它们。",
        Msg::DiscardEdits => "放弃修改并关闭",
        Msg::CommandReadsSavedFiles => {
            "命令读取已保存的文件，而项目有未保存的修改（Ctrl+S 保存）：现在两者导出的会不同。"
        }
        Msg::KeepEditing => "继续编辑",
        Msg::ApplyAndClose => "应用修改并关闭",
        Msg::KeepEarlierSplit => "沿用此文件夹中原有的划分（manifest.json）",
        Msg::KeepEarlierSplitHint => {
            "原划分中的文档留在原来的部分，只有新文档按比例分入：语料增长后，测试集的文档不会进入训练集（命令行：--split-from）"
        }
        Msg::Colour => "颜色",
        Msg::CursorAt => "位置",
        Msg::Date => "日期",
        Msg::Delete => "删除",
        Msg::DeleteLabel => "删除标签",
        Msg::DeleteLabelAndSpans => "删除标签及其标注",
        Msg::DeleteSpan => "删除标注",
        Msg::Detect => "自动检测",
        Msg::ImportAsPending => "作为待审建议导入（其他模型的输出）",
        Msg::ExportDocs => "文档",
        Msg::StatusAll => "全部",
        Msg::ExportStatusDone => "已完成及已审阅",
        Msg::ExportStatusReviewed => "仅已审阅",
        Msg::KeepLabels => "只导出标签、事件类型或角色（逗号分隔，空为全部）",
        Msg::NotInProject => "项目中没有这些标签、事件类型或角色：",
        Msg::MapLabels => "标签改名（原名=新名，逗号分隔）",
        Msg::SplitSets => "按文档划分 训练:开发:测试（空为不划分）",
        Msg::Seed => "随机种子",
        Msg::SplitFolderHint => "划分时导出到文件夹：train、dev、test",
        Msg::FoldsFolderHint => "K 折时导出到文件夹：fold0/train、fold0/test …",
        Msg::FoldsDevFolderHint => "K 折时导出到文件夹：fold0/train、fold0/dev、fold0/test …",
        Msg::FoldDevOpt => "每轮另取下一折作开发集",
        Msg::FoldDevHint => {
            "第 i 轮以第 i 折测试、第 i+1 折作开发集（早停、调参），其余训练；每篇文档恰好作一次测试、一次开发（至少 3 折；--fold-dev）"
        }
        Msg::FoldDevNeedsThree => "每轮另取开发集时至少要 3 折",
        Msg::NestedPolicy => "嵌套或重叠的标注",
        Msg::NestedOuter => "保留外层",
        Msg::NestedInner => "保留内层",
        Msg::NestedLongest => "保留最长",
        Msg::TagScheme => "标注方案",
        Msg::Separator => "分隔符",
        Msg::SepTab => "制表符",
        Msg::SepSpace => "空格",
        Msg::TokenUnit => "词元",
        Msg::TokenChar => "字",
        Msg::TokenWord => "词（jieba 分词）",
        Msg::KindsWritten => "导出的标注种类",
        Msg::KindFigure => "数字",
        Msg::KindTrigger => "触发词",
        Msg::KindArgument => "论元",
        Msg::KindEntity => "实体",
        Msg::KindStructure => "结构",
        Msg::IncludePendingOpt => "包括待审的建议",
        Msg::ArgumentRolesOpt => "论元写成其角色（胜者、时间）",
        Msg::ArgumentRolesHint => {
            "事件的每个论元以它在该事件中的角色为标签写出（每个事件一次），而不用其标注的标签（ARG）：用来训练论元角色标注器。要勾选“论元”种类"
        }
        Msg::DedupRecords => "去掉重复的记录（文本相同，不计空白；先留训练集里的）",
        Msg::FoldsOpt => "K 折交叉验证",
        Msg::FoldsUnit => " 折",
        Msg::FoldsHint => {
            "按文档分成 K 折，写出 fold0/train … fold{K-1}/test：每篇文档恰好在一轮中作测试（代替上面的划分；种子与“按标签分层”照样起作用；--folds）"
        }
        Msg::SkipUnsureOpt => "跳过含存疑标注的记录",
        Msg::SkipUnsureHint => {
            "含存疑（Ctrl+U）标注的记录不导出，能写事件的格式中含存疑事件的也不导出；不勾选时照样写出，说明中计数（--skip-unsure）"
        }
        Msg::PreviewNoDocuments => "没有要导出的文档：没有一篇是所选的状态，或审定层中还没有审过的",
        Msg::PreviewNothingWritten => "这些文档中没有此格式按所选选项要写出的内容",
        Msg::PreviewSchemaLeftOut => "…（前面是模式，略）",
        Msg::BadMap => "改名须写作 原名=新名，如 机构=ORG",
        Msg::BadSplit => "划分须写作三个整数，如 8:1:1",
        Msg::BadSeed => "种子须为整数",
        Msg::DetectedAs => "检测为",
        Msg::DetectFailed => "无法判断格式，请选择",
        Msg::NewLabelsAdded => "新标签已加入标签体系",
        Msg::Find => "查找…",
        Msg::FindQuery => "查找内容",
        Msg::FindRegex => "正则表达式",
        Msg::FindWholeProject => "整个项目",
        Msg::Matches => "处匹配",
        Msg::NoMatches => "无匹配",
        Msg::FindNext => "下一处匹配",
        Msg::FindPrev => "上一处匹配",
        Msg::TagAllAs => "全部标注为",
        Msg::TaggedMatches => "已标注匹配",
        Msg::SkippedExisting => "跳过（已有相同标注）",
        Msg::BadRegex => "正则表达式有误",
        Msg::CloseFind => "关闭查找",
        Msg::MenuHelp => "帮助",
        Msg::KeyboardHelp => "快捷键…",
        Msg::LabelHotkeys => "标签快捷键",
        Msg::EventTypeHotkeys => "事件类型快捷键",
        Msg::HelpCommands => "命令",
        Msg::FindBarKeys => "查找栏中：下一处 / 上一处",
        Msg::AnnotatorMenu => "标注人…",
        Msg::AnnotatorName => "你的名字",
        Msg::AnnotatorHint => {
            "你的标注存为以此命名的一层（annotations/<文档>/<名字>.ron），与其他标注人分开。"
        }
        Msg::AnnotatorBad => "这个名字不能用：只用字母、数字、汉字、-、_ 和 .，不以 . 开头。",
        Msg::ReviewUnreviewed => "未审阅",
        Msg::ReviewInReview => "审阅中",
        Msg::ReviewReviewed => "已审阅",
        Msg::FilterMine => "我的状态",
        Msg::FilterReview => "审阅状态",
        Msg::FilterAny => "全部",
        Msg::AssignedToYou => "分配给你",
        Msg::OtherAnnotators => "其他标注人",
        Msg::ProgressTitle => "进度",
        Msg::RereadStatuses => "重新读取各标注人的状态",
        Msg::Discard => "不保存",
        Msg::Document => "文档",
        Msg::Documents => "文档",
        Msg::EditLabels => "编辑标签…",
        Msg::Encoding => "编码",
        Msg::Entity => "实体",
        Msg::Error => "错误",
        Msg::Export => "导出",
        Msg::ExportCorpus => "导出语料…",
        Msg::Exported => "已导出",
        Msg::ExtendLeft => "选区向左扩展",
        Msg::ExtendRight => "选区向右扩展",
        Msg::ExtendStartLeft => "选区起点左移",
        Msg::ExtendStartRight => "选区起点右移",
        Msg::FontSize => "字号",
        Msg::ProjectMadeFor => "已为文本新建项目并导入",
        Msg::ProjectFoundFor => "打开此文本已有的项目",
        Msg::ZoomIn => "放大",
        Msg::ZoomOut => "缩小",
        Msg::ZoomReset => "原始大小",
        Msg::LightTheme => "浅色主题",
        Msg::Hotkey => "快捷键",
        Msg::Import => "导入",
        Msg::ImportPaths => "文件路径（每行一个）",
        Msg::ImportText => "导入文件…",
        Msg::Imported => "已导入",
        Msg::Key => "键名",
        Msg::KeyEmpty => "键名不能为空",
        Msg::LabelInUseBody => "处标注使用此标签。删除标签会同时删除这些标注（可撤销）。",
        Msg::MenuEdit => "编辑",
        Msg::MenuFile => "文件",
        Msg::MenuLabels => "标签",
        Msg::MenuView => "视图",
        Msg::NameEn => "英文名",
        Msg::NameZh => "中文名",
        Msg::NewLabel => "新标签",
        Msg::NextDoc => "下一篇文档",
        Msg::GoTo => "跳转…",
        Msg::GoToHint => "字符位置（如 1200）或文章号（如 #3）",
        Msg::GoToBad => "不是本文档中的字符位置或文章号",
        Msg::NoFileDialog => "没有可用的系统文件对话框：请直接在路径框中输入路径",
        Msg::PageDown => "向下翻页",
        Msg::PageUp => "向上翻页",
        Msg::TextStart => "到文档开头",
        Msg::TextEnd => "到文档末尾",
        Msg::NextSpan => "下一个标注",
        Msg::NoDocuments => "项目中还没有文档：用“文件 → 导入文件…”添加。",
        Msg::NoSpanSelected => "未选中标注。选中文字后按标签快捷键即可标注。",
        Msg::Note => "备注",
        Msg::Number => "数值",
        Msg::Ok => "确定",
        Msg::Open => "打开",
        Msg::OpenProject => "打开项目…",
        Msg::NewProject => "新建项目…",
        Msg::NewProjectFolder => "新项目的文件夹（尚不存在或为空）",
        Msg::Create => "新建",
        Msg::RecentProjects => "最近的项目",
        Msg::RemoveDocumentMenu => "移除当前文档…",
        Msg::RemoveThisDocument => "从项目中移除…",
        Msg::RemoveDocumentTitle => "移除文档",
        Msg::RemoveDocumentConfirm => "移除",
        Msg::RestoreDocumentsMenu => "放回移除的文档…",
        Msg::RestoreDocumentsTitle => "放回移除的文档",
        Msg::RestoreRemoval => "放回",
        Msg::NothingRemoved => "这个项目没有移除过文档（removed/ 下没有可放回的）。",
        Msg::OpenReadOnly => "只读打开",
        Msg::ChangedOnDiskTitle => "文件在磁盘上被改过",
        Msg::ChangedOnDiskBody => {
            "本窗口打开或上次保存之后，下面的文件被别的程序改过（git pull、同步盘或手工修改？）。为了不丢掉那些改动，保存没有覆盖它们；本窗口对它们的改动仍未保存（标注文件的这一版已另存进 .backups/），自动保存已暂停。"
        }
        Msg::KeepThisWindowsVersion => "用本窗口的版本覆盖（磁盘上的先备份）",
        Msg::TakeTheFilesOnDisk => "重新打开，取用磁盘上的版本（放弃本窗口对它们的改动）",
        Msg::DecideLater => "稍后再说",
        Msg::FilesChangedTitle => "项目的文件在磁盘上有改动",
        Msg::FilesChangedBody => {
            "本窗口读取之后，下面的文件被别的程序改过或新加（git pull、同步盘或手工修改？）。窗口里显示的还是之前的内容。重新打开项目即可读取它们（未保存的改动先保存；本窗口改过的文件若也在其中，会先问保留哪一版）。"
        }
        Msg::ReopenProject => "重新打开项目",
        Msg::NotNow => "暂不",
        Msg::KeptListedReopened => {
            "已用本窗口的版本覆盖；磁盘上的 project.ron 新加的文档、标签、事件类型、角色和用户词都保留下来（它本身备份在 .backups/ 中），项目已重新打开以显示它们。"
        }
        Msg::Opening => "正在打开",
        Msg::OpeningForReview => "打开后比较各标注人的层（审阅模式）",
        Msg::PrevDoc => "上一篇文档",
        Msg::PrevSpan => "上一个标注",
        Msg::ProblemsFound => "项目中发现以下问题（标注均已保留）：",
        Msg::ProjectFolder => "项目文件夹（可直接输入路径）",
        Msg::ProjectLocked => "项目已被占用",
        Msg::QualApprox => "约",
        Msg::QualAtLeast => "至少（余/多/以上）",
        Msg::QualAtMost => "至多",
        Msg::QualNone => "—",
        Msg::QualRange => "范围",
        Msg::Qualifier => "限定",
        Msg::Quit => "退出",
        Msg::ReadOnly => "只读",
        Msg::Redo => "重做",
        Msg::Resolved => "解析日期",
        Msg::Save => "保存",
        Msg::SaveFailed => "保存失败",
        Msg::Saved => "已保存",
        Msg::SelectedSpan => "当前标注",
        Msg::SelectionLen => "选中",
        Msg::Shortcuts => "快捷键",
        Msg::SnapToWords => "选区吸附到词边界",
        Msg::SpanCount => "标注数",
        Msg::Spans => "标注列表",
        Msg::StatusDone => "已完成",
        Msg::StatusInProgress => "进行中",
        Msg::StatusNew => "未开始",
        Msg::StatusReviewed => "已审阅",
        Msg::Undo => "撤销",
        Msg::Unit => "单位",
        Msg::Unsaved => "未保存",
        Msg::UnsavedBody => "有未保存的修改。关闭前要保存吗？",
        Msg::UnsavedTitle => "未保存的修改",
        Msg::Upper => "上限",
        Msg::Uses => "使用数",
        Msg::MenuReview => "审阅",
        Msg::ReviewMode => "审阅模式（对比各标注人）",
        Msg::ReviewEnd => "结束审阅",
        Msg::ReviewTitle => "审阅",
        Msg::NextDisagreement => "下一处分歧",
        Msg::PrevDisagreement => "上一处分歧",
        Msg::AcceptVersion => "采纳",
        Msg::AcceptVersionN => "采纳第 n 位标注人的版本",
        Msg::RejectItem => "全部拒绝",
        Msg::ArgsDiffer => "论元的不同：",
        Msg::OnlyBy => "仅",
        Msg::AcceptAgreements => "采纳全部一致项",
        Msg::FinishReviewDoc => "本篇审阅完毕，下一篇",
        Msg::WholeProject => "全项目",
        Msg::ReviewTheseItems => "在审阅中逐条处理",
        Msg::ReviewTheseItemsHint => {
            "进入审阅模式（审定层），只看这两个标签之间的分歧，F8 逐条走过全项目"
        }
        Msg::AcceptAgreementsEverywhere => "全项目采纳一致项",
        Msg::AcceptAgreementsEverywhereHint => {
            "每篇文档中各标注人标得一样的标注都写入审定层（一次撤销即可取消）；分歧和只有一人标注的文档留给审阅人"
        }
        Msg::AgreementsTaken => "采纳的一致项",
        Msg::NothingReviewedYet => {
            "审阅模式中模型从审定层学习，其中还没有审阅完毕的文档：本篇审阅完毕（Ctrl+Shift+D），或 审阅 → 全项目：分歧都已决定的文档标为审阅完毕"
        }
        Msg::FinishReviewEverywhere => "全项目：分歧都已决定的文档标为审阅完毕",
        Msg::FinishReviewEverywhereHint => {
            "每篇还没审阅完毕、分歧都已决定的文档：采纳其余一致项并标为审阅完毕，如同逐篇按“本篇审阅完毕”（一次撤销即可取消）；仍有未决项的文档和没有人标注的文档不动"
        }
        Msg::DocsFinished => "标为审阅完毕的文档",
        Msg::DocsStillOpen => "仍有未决项的文档",
        Msg::AcceptMajorityEverywhere => "全项目采纳多数人的版本",
        Msg::AcceptMajorityEverywhereHint => {
            "三位及以上标注人时：某处分歧中过半数标注人给出同一版本（同一标签和边界，或都没有标），就把它写入审定层（都没有标时拒绝少数人的标注）；没有过半数的分歧留给审阅人；一次撤销即可取消"
        }
        Msg::MajorityTaken => "采纳的多数版本",
        Msg::MajorityMark => "（多数）",
        Msg::InDocuments => "文档",
        Msg::AcceptAllOpenFrom => "本篇未决项都采纳：",
        Msg::AcceptAllOpenHint => {
            "本篇中（筛选出的）每个未决项都采纳这位标注人的版本；这位标注人没有标的地方，其他人的版本被拒绝。一次撤销即可全部取消"
        }
        Msg::FilterKind => "只看类型",
        Msg::FilterLabel => "只看标签",
        Msg::FilterAll => "全部",
        Msg::FilteredOpen => "筛选出的未决项",
        Msg::DocsWithOpen => "有未决项的文档",
        Msg::NothingOpenInProject => "全项目的分歧都已决定",
        Msg::OpenedNextReviewDoc => "转到下一篇有未决项的文档",
        Msg::MarkedReviewed => "已标为已审阅",
        Msg::AllReviewed => "要审阅的文档都已审阅",
        Msg::OnlyDisagreements => "只看分歧",
        Msg::Disagreements => "分歧",
        Msg::Undecided => "未决",
        Msg::Agreements => "一致",
        Msg::DiffAgree => "一致",
        Msg::DiffLabel => "标签不同",
        Msg::DiffBoundary => "边界不同",
        Msg::DiffLabelAndBoundary => "标签和边界都不同",
        Msg::DiffMissing => "有人未标",
        Msg::DiffEventType => "事件类型不同",
        Msg::DiffEventArgs => "事件论元不同",
        Msg::Unconfirmed => "待确认",
        Msg::AcceptUnconfirmed => "采纳全部待确认项",
        Msg::DecisionOpen => "未决",
        Msg::DecisionRejected => "已拒绝",
        Msg::DecisionEdited => "已手改",
        Msg::DecisionAccepted => "已采纳",
        Msg::NothingHere => "（无）",
        Msg::ChangeList => "变更记录",
        Msg::ReviewStarted => "审阅模式：待决项共",
        Msg::EventWord => "事件",
        Msg::CorrectLayer => "更正标注人的层",
        Msg::BackToOwnLayer => "回到自己的层",
        Msg::MenuAgreement => "一致性…",
        Msg::AgreementTitle => "标注一致性",
        Msg::AgreementMatrix => "两两一致性：精确 F1 / 字级 κ",
        Msg::AgreementPair => "标注者对",
        Msg::AgreementDocs => "比较的文档",
        Msg::AgreementSpans => "标注数",
        Msg::AgreementExactF1 => "精确 F1",
        Msg::AgreementOverlapF1 => "重叠 F1",
        Msg::AgreementKappa => "字级 Cohen κ",
        Msg::AgreementFleiss => "字级 Fleiss κ",
        Msg::AgreementTriggerF1 => "触发词 F1",
        Msg::AgreementArgumentF1 => "论元 F1",
        Msg::AgreementPerLabel => "各标签精确 F1",
        Msg::AgreementTooFew => "一致性需要至少两位标注者的标注层",
        Msg::AgreementNote => "只比较已接受的实体和数值标注；未保存的修改先保存",
        Msg::AgreementComputing => "正在计算一致性",
        Msg::StratifyOpt => "按标签分层划分",
        Msg::StratifyHint => {
            "按比例把每个标签分到训练、开发、测试集（按文档），让少见的标签也进入开发集和测试集；各集的文档数只大致合乎比例"
        }
        Msg::KeepEmptyOpt => "保留",
        Msg::KeepEmptyAfter => "没有可写内容的记录",
        Msg::KeepEmptyHint => {
            "没有标注、没有事件的记录（触发词导出中的多数句子）只按此比例保留，按随机种子抽取；划分或 K 折时只作用于训练集，开发集和测试集照常保留，评分才可信"
        }
        Msg::MaxCharsOpt => "每条记录最多",
        Msg::MaxCharsUnit => " 字",
        Msg::MaxCharsHint => {
            "模型的输入上限（BERT 为 510 字）：更长的记录在句末切开，不行再在逗号等处，从不切在标注之内"
        }
        Msg::AgreementAmong => "标注人两两之间",
        Msg::AgreementAgainstCurated => "以审定层为准",
        Msg::AgreementNoCurated => {
            "还没有审阅完毕的文档：在审阅模式中审完一篇（本篇审阅完毕）后，审定层才作为对照"
        }
        Msg::AgreementReviewedDocs => "对照审阅完毕的文档",
        Msg::AgreementInReviewLeftOut => "审阅中而不计的文档",
        Msg::AgreementAnnotator => "标注人",
        Msg::AgreementPrecision => "精确率",
        Msg::AgreementRecall => "召回率",
        Msg::AgreementConfusion => "标签混淆",
        Msg::AgreementTypeConfusion => "事件类型混淆（触发词）",
        Msg::AgreementConfusionHint => {
            "行是前者的标签，列是后者的标签，— 表示没有标；“边界”是同一标签、范围不同。点一个数，列出这些地方；点一处即跳过去。"
        }
        Msg::AgreementBoundary => "边界",
        Msg::AgreementNoConfusion => "两者没有标得不同的地方",
        Msg::AgreementTooFewAgainst => "除审定层外没有做过标注的标注人",
        Msg::MenuConsistency => "不一致的标注…",
        Msg::ConsistencyTitle => "不一致的标注",
        Msg::ConsistencyNote => {
            "同一文本在一处标了，在别处标成另一个标签或没有标（作为独立的词；嵌在更长的标注里的不算）。数字是各标签的次数；点一处即跳过去。"
        }
        Msg::ConsistencyNone => "每个标注过的文本处处标得一样。",
        Msg::ConsistencyComputing => "正在查找不一致的标注",
        Msg::Untagged => "未标",
        Msg::TagUntaggedAs => "未标处都标为",
        Msg::RelabelOthersAs => "标成别的标签处都改为",
        Msg::RelabelledSpans => "改了标签的标注",
        // ---- issue #12: the unsure flag and comments
        Msg::ToggleUnsure => "标记/取消存疑",
        Msg::Unsure => "存疑",
        Msg::MarkFilterTitle => "标记",
        Msg::MarkFilterAll => "全部",
        Msg::MarkFilterUnsure => "仅存疑",
        Msg::MarkFilterCommented => "仅有备注",
        Msg::EventMarkFilterTitle => "事件标记",
        Msg::EventNote => "事件备注",
        Msg::MenuStats => "统计…",
        Msg::StatsTitle => "项目统计",
        Msg::StatsSpansPerLabel => "各标注人各标签的标注数",
        Msg::StatsDocsPerStatus => "各标注人的文档状态",
        Msg::StatsEventsPerType => "各标注人各类型的事件数",
        Msg::StatsProgress => "每人每天累计修改数（来自活动记录）",
        Msg::StatsReview => "审阅状态",
        Msg::StatsNoLog => "还没有活动记录：保存时记录每次修改",
        Msg::StatsLayer => "标注层",
        Msg::ExportLayer => "导出的标注层",
        Msg::ExportCommandLine => "同样的导出，在命令行中：",
        Msg::CopyCommandLine => "复制命令",
        Msg::CommandLineCopied => "已复制",
        Msg::StatsLogSkipped => "活动记录中无法读取而跳过的行",
        Msg::SelectTextForEvent => "先选中触发词（拖选文字或点一个标注），再点事件类型",
    }
}

fn en(m: Msg) -> &'static str {
    match m {
        Msg::EditEventTypes => "Edit event types…",
        Msg::EventTypes => "Event types",
        Msg::Roles => "Roles",
        Msg::RoleName => "Role",
        Msg::Accepts => "Accepts",
        Msg::Required => "Required",
        Msg::Repeats => "Repeats",
        Msg::AddType => "Add type",
        Msg::AddRole => "Add role",
        Msg::DeleteType => "Delete type",
        Msg::AnyLabel => "any",
        Msg::Reset => "Reset",
        Msg::PickArgument => "pick…",
        Msg::PickArgumentHint => "click a span or select text to fill this role (Esc cancels)",
        Msg::DeleteEvent => "Delete event",
        Msg::DeleteArgSpanTitle => "Delete a span used by events",
        Msg::DeleteArgSpanBody => {
            "This span is the trigger or an argument of the events below. Deleting it removes it from the events it is an argument of and deletes the events it triggers; undo (Ctrl+Z) restores everything."
        }
        Msg::DeleteAnyway => "Delete anyway",
        Msg::EventHotkeyHint => "select text, then press Shift+",
        Msg::RoleKeyHint => "fill role n of the selected event with the selected span or text",
        Msg::ApplyChanges => "Apply changes",
        Msg::NewTypeName => "New type name",
        Msg::Caveat => "Please note",
        Msg::PerDocument => "per document",
        Msg::PerSentence => "per sentence",
        Msg::PerArticle => "per article",
        Msg::LeftOut => "Notes (what was left out, what each part holds)",
        Msg::NewRoleName => "New role name",
        Msg::RemoveArgument => "remove argument",
        Msg::SetArgument => "set argument",
        Msg::Events => "Events",
        Msg::NewEvent => "New event:",
        Msg::PartSection => "section",
        Msg::PartCaption => "caption",
        Msg::PartByline => "byline",
        Msg::PartDateline => "dateline",
        Msg::PartSubhead => "subhead",
        Msg::PartHeadline => "headline",
        Msg::PartArticle => "article",
        Msg::MarkAs => "Mark the selection as:",
        Msg::RepairFragment => "Drop a fragment repeating an earlier paragraph's end",
        Msg::RepairRepeat => "Drop a sentence repeated in a row",
        Msg::RepairJoin => "Join a sentence broken across a blank line",
        Msg::ImportAsIs => "Import without repairs",
        Msg::ImportRepaired => "Repair the ticked ones and import",
        Msg::RepairBody => {
            "These extraction problems were found. Tick the ones to repair; the original text is kept as .orig.txt."
        }
        Msg::RepairTitle => "Repairs before import",
        Msg::StructureFilter => "Structure",
        Msg::DetectStructure => "Detect structure (store as structure spans)",
        Msg::Outline => "Articles",
        Msg::NewWord => "New word",
        Msg::Remove => "Remove",
        Msg::UserDictionaryHelp => {
            "One word per line in jieba dict format: word [freq] [tag]. Adding a word re-segments."
        }
        Msg::UserDictionary => "User dictionary…",
        Msg::SuggestionsAdded => {
            "suggestions added (dashed): A accepts, R rejects, N goes to the next"
        }
        Msg::Pending => "Pending",
        Msg::Suggesting => "Suggesting",
        Msg::AcceptAllOf => "Accept all of:",
        Msg::RejectAll => "Reject all",
        Msg::AcceptAll => "Accept all",
        Msg::SuggestDoc => "Suggest for this document",
        Msg::TrainModel => "Train model (from documents marked done)",
        Msg::TrainEventTaggers => "Train event taggers (triggers and arguments)",
        Msg::TrainingEventTaggers => "Training the event taggers",
        Msg::EventTaggersTrained => "Event taggers trained",
        Msg::TooFewEvents => {
            "Fewer than 50 accepted events: event suggestions come from the trigger lexicon alone"
        }
        Msg::TrainingModel => "Training the model",
        Msg::ModelTrained => "Model trained",
        Msg::NoModel => "No model: suggestions come from the rules",
        Msg::ModelHeldOut => "Held-out scores",
        Msg::ModelNoHeldOut => "No held-out score (one document only)",
        Msg::NothingToLearn => {
            "Nothing to learn from: mark documents with accepted entities as done"
        }
        Msg::RetrainEvery => "Retrain after this many newly accepted entities (0: never)",
        Msg::SuggestionOrder => "Walk suggestions (N)",
        Msg::OrderPosition => "In text order",
        Msg::OrderLeastConfident => "Least confident first",
        Msg::OrderMostConfident => "Most confident first",
        Msg::SortDocs => "Order",
        Msg::SortDefault => "Assigned first",
        Msg::SortUncertain => "Most uncertain for the model first",
        Msg::Confidence => "confidence",
        Msg::Uncertainty => "uncertainty",
        Msg::MinConfidence => "Leave out model suggestions below",
        Msg::SuggestedEvent => "(suggested)",
        Msg::MenuSuggest => "Suggestions",
        Msg::NextSuggestion => "Next suggestion",
        Msg::NextUnsureSentence => "Next sentence the model is least sure of",
        Msg::NoUnsureSentences => {
            "Train a model, or suggest on this document with one, first: then the sentences it is least sure of can be walked one by one"
        }
        Msg::NextEvent => "Next event",
        Msg::PlainText => "Plain text",
        Msg::ProblemsOnly => "Problems only",
        Msg::AllTypes => "All types",
        Msg::TypeFilter => "Type",
        Msg::AFolder => "a folder",
        Msg::Exporting => "Exporting",
        Msg::ExportCancelled => "Export cancelled",
        Msg::ReviewCancelled => "Review cancelled: the project is open on the curated layer",
        Msg::ExportStopped => "The export stopped unexpectedly; nothing was written",
        Msg::LabelledImportHint => {
            "With their annotations: each text becomes a document with its triggers, arguments and events; an argument that does not match the text is listed with its line. A brat .ann needs its .txt beside it."
        }
        Msg::LossyDecode => "Replace undecodable bytes with U+FFFD",
        Msg::LossyDecodeHint => {
            "Unticked, a file with bytes that do not decode is not imported, and the first bad byte's place is shown. Ticked, each bad sequence becomes U+FFFD (�) and the number replaced is reported."
        }
        Msg::UnknownEventTypes => {
            "event types not in the schema (add them in Labels → Edit event types…)"
        }
        Msg::PrevEvent => "Previous event",
        Msg::TriggerKeepsItsKind => {
            "The selected span is an event trigger and cannot become an entity or figure. An event type key (Shift+letter) changes the event's type; to tag the same text as well, select the text first."
        }
        Msg::RejectSuggestion => "Reject suggestion",
        Msg::AcceptSuggestion => "Accept suggestion",
        Msg::Importing => "Importing",
        Msg::Status => "Status",
        Msg::Class => "Class",
        Msg::Filter => "Filter",
        Msg::Label => "Label",
        Msg::Add => "Add",
        Msg::AllLabels => "All labels",
        Msg::Apply => "Apply",
        Msg::Browse => "Browse…",
        Msg::Cancel => "Cancel",
        Msg::ClearSelection => "Clear selection",
        Msg::Close => "Close",
        Msg::UnappliedEdits => "Some edits are not applied yet; closing throws them away.",
        Msg::DiscardEdits => "Discard and close",
        Msg::CommandReadsSavedFiles => {
            "The command reads the saved files, and the project has unsaved changes (Ctrl+S \
             saves): for now the two would export different things."
        }
        Msg::KeepEditing => "Keep editing",
        Msg::ApplyAndClose => "Apply and close",
        Msg::KeepEarlierSplit => "Keep the split already in this folder (manifest.json)",
        Msg::KeepEarlierSplitHint => {
            "The documents of the earlier split stay in their part and only new ones are placed by the proportions: as the corpus grows, no test document moves into training (command line: --split-from)"
        }
        Msg::Colour => "Colour",
        Msg::CursorAt => "Offset",
        Msg::Date => "Date",
        Msg::Delete => "Delete",
        Msg::DeleteLabel => "Delete label",
        Msg::DeleteLabelAndSpans => "Delete label and its spans",
        Msg::DeleteSpan => "Delete span",
        Msg::Detect => "Detect",
        Msg::ImportAsPending => "Import as pending suggestions (another model's output)",
        Msg::ExportDocs => "Documents",
        Msg::StatusAll => "all",
        Msg::ExportStatusDone => "done and reviewed",
        Msg::ExportStatusReviewed => "reviewed only",
        Msg::KeepLabels => "Only labels, event types or roles (comma-separated, empty: all)",
        Msg::NotInProject => "Not a label, event type or role of this project:",
        Msg::MapLabels => "Rename labels (FROM=TO, comma-separated)",
        Msg::SplitSets => "Split by document train:dev:test (empty: none)",
        Msg::Seed => "Seed",
        Msg::SplitFolderHint => "With a split the export is a folder: train, dev, test",
        Msg::FoldsFolderHint => "With folds the export is a folder: fold0/train, fold0/test …",
        Msg::FoldsDevFolderHint => {
            "With folds the export is a folder: fold0/train, fold0/dev, fold0/test …"
        }
        Msg::FoldDevOpt => "Each round also holds out the next fold as dev",
        Msg::FoldDevHint => {
            "Round i tests on fold i, develops on fold i+1 (early stopping, tuning) and trains on the rest; each document is tested on once and is dev once (3 folds or more; --fold-dev)"
        }
        Msg::FoldDevNeedsThree => "A dev fold in each round needs 3 folds or more",
        Msg::NestedPolicy => "Nested or overlapping spans",
        Msg::NestedOuter => "keep outer",
        Msg::NestedInner => "keep inner",
        Msg::NestedLongest => "keep longest",
        Msg::TagScheme => "Tagging scheme",
        Msg::Separator => "Separator",
        Msg::SepTab => "tab",
        Msg::SepSpace => "space",
        Msg::TokenUnit => "Tokens",
        Msg::TokenChar => "chars",
        Msg::TokenWord => "words (jieba)",
        Msg::KindsWritten => "Span kinds written",
        Msg::KindFigure => "figure",
        Msg::KindTrigger => "trigger",
        Msg::KindArgument => "argument",
        Msg::KindEntity => "entity",
        Msg::KindStructure => "structure",
        Msg::IncludePendingOpt => "Include pending suggestions",
        Msg::ArgumentRolesOpt => "Arguments under their roles (winner, time …)",
        Msg::ArgumentRolesHint => {
            "Each argument of an event is written under its role in that event (once per event) instead of its span's label (ARG): a training set for a role tagger. Needs the argument kind ticked"
        }
        Msg::DedupRecords => {
            "Leave out repeated records (same text, whitespace aside; train's copy kept)"
        }
        Msg::FoldsOpt => "K-fold cross-validation",
        Msg::FoldsUnit => " folds",
        Msg::FoldsHint => {
            "Documents in K folds, written as fold0/train … fold{K-1}/test: each document is tested on in exactly one round (instead of the split above; the seed and stratify apply; --folds)"
        }
        Msg::SkipUnsureOpt => "Skip records with unsure tags",
        Msg::SkipUnsureHint => {
            "Records holding a span flagged unsure (Ctrl+U), or an unsure event where the format writes events, are left out; unticked they are written and counted in the notes (--skip-unsure)"
        }
        Msg::PreviewNoDocuments => {
            "No document to export: none has the chosen status, or none of the curated layer is reviewed yet"
        }
        Msg::PreviewNothingWritten => {
            "Nothing in these documents is written by this format with these options"
        }
        Msg::PreviewSchemaLeftOut => "… (the schema before this left out)",
        Msg::BadMap => "A rename reads FROM=TO, such as Organisation=ORG",
        Msg::BadSplit => "A split is three whole numbers, such as 8:1:1",
        Msg::BadSeed => "The seed must be a whole number",
        Msg::DetectedAs => "Detected:",
        Msg::DetectFailed => "Cannot tell the format: choose one",
        Msg::NewLabelsAdded => "Labels added to the schema",
        Msg::Find => "Find…",
        Msg::FindQuery => "Find what",
        Msg::FindRegex => "Regex",
        Msg::FindWholeProject => "Whole project",
        Msg::Matches => "matches",
        Msg::NoMatches => "No matches",
        Msg::FindNext => "Next match",
        Msg::FindPrev => "Previous match",
        Msg::TagAllAs => "Tag all as",
        Msg::TaggedMatches => "Matches tagged",
        Msg::SkippedExisting => "skipped (the same span exists)",
        Msg::BadRegex => "Not a valid regular expression",
        Msg::CloseFind => "Close find",
        Msg::MenuHelp => "Help",
        Msg::KeyboardHelp => "Keyboard shortcuts…",
        Msg::LabelHotkeys => "Label hotkeys",
        Msg::EventTypeHotkeys => "Event type hotkeys",
        Msg::HelpCommands => "Commands",
        Msg::FindBarKeys => "In the find bar: next / previous match",
        Msg::AnnotatorMenu => "Annotator…",
        Msg::AnnotatorName => "Your name",
        Msg::AnnotatorHint => {
            "Your annotations are kept as your own layer under this name (annotations/<document>/<name>.ron), apart from the other annotators'."
        }
        Msg::AnnotatorBad => {
            "This name cannot be used: letters, digits, Chinese characters, -, _ and . only, not starting with a dot."
        }
        Msg::ReviewUnreviewed => "unreviewed",
        Msg::ReviewInReview => "in review",
        Msg::ReviewReviewed => "reviewed",
        Msg::FilterMine => "My status",
        Msg::FilterReview => "Review status",
        Msg::FilterAny => "All",
        Msg::AssignedToYou => "assigned to you",
        Msg::OtherAnnotators => "Other annotators",
        Msg::ProgressTitle => "Progress",
        Msg::RereadStatuses => "Read annotators' statuses again",
        Msg::Discard => "Discard",
        Msg::Document => "Document",
        Msg::Documents => "Documents",
        Msg::EditLabels => "Edit labels…",
        Msg::Encoding => "Encoding",
        Msg::Entity => "Entity",
        Msg::Error => "Error",
        Msg::Export => "Export",
        Msg::ExportCorpus => "Export corpus…",
        Msg::Exported => "Exported",
        Msg::ExtendLeft => "Extend selection left",
        Msg::ExtendRight => "Extend selection right",
        Msg::ExtendStartLeft => "Move selection start left",
        Msg::ExtendStartRight => "Move selection start right",
        Msg::FontSize => "Font size",
        Msg::ProjectMadeFor => "Made a project and imported the text",
        Msg::ProjectFoundFor => "Opened the project already made for the text",
        Msg::ZoomIn => "Zoom in",
        Msg::ZoomOut => "Zoom out",
        Msg::ZoomReset => "Actual size",
        Msg::LightTheme => "Light theme",
        Msg::Hotkey => "Hotkey",
        Msg::Import => "Import",
        Msg::ImportPaths => "Files (one path per line)",
        Msg::ImportText => "Import files…",
        Msg::Imported => "Imported",
        Msg::Key => "Key",
        Msg::KeyEmpty => "The key cannot be empty",
        Msg::LabelInUseBody => {
            "spans use this label. Deleting the label deletes them too (undoable)."
        }
        Msg::MenuEdit => "Edit",
        Msg::MenuFile => "File",
        Msg::MenuLabels => "Labels",
        Msg::MenuView => "View",
        Msg::NameEn => "English name",
        Msg::NameZh => "Chinese name",
        Msg::NewLabel => "New label",
        Msg::NextDoc => "Next document",
        Msg::GoTo => "Go to…",
        Msg::GoToHint => "A char position (like 1200) or an article number (like #3)",
        Msg::GoToBad => "Not a char position or an article number of this document",
        Msg::NoFileDialog => "No system file dialog is available here: type the path in the box",
        Msg::PageDown => "Page down",
        Msg::PageUp => "Page up",
        Msg::TextStart => "To the start of the document",
        Msg::TextEnd => "To the end of the document",
        Msg::NextSpan => "Next span",
        Msg::NoDocuments => "The project has no documents yet: add some with File → Import files…",
        Msg::NoSpanSelected => "No span selected. Select text and press a label hotkey to tag it.",
        Msg::Note => "Note",
        Msg::Number => "Number",
        Msg::Ok => "OK",
        Msg::Open => "Open",
        Msg::OpenProject => "Open project…",
        Msg::NewProject => "New project…",
        Msg::NewProjectFolder => "Folder of the new project (new or empty)",
        Msg::Create => "Create",
        Msg::RecentProjects => "Recent projects",
        Msg::RemoveDocumentMenu => "Remove this document…",
        Msg::RemoveThisDocument => "Remove from the project…",
        Msg::RemoveDocumentTitle => "Remove document",
        Msg::RemoveDocumentConfirm => "Remove",
        Msg::RestoreDocumentsMenu => "Put back removed documents…",
        Msg::RestoreDocumentsTitle => "Put back removed documents",
        Msg::RestoreRemoval => "Put back",
        Msg::NothingRemoved => {
            "No document of this project was removed (nothing in removed/ to put back)."
        }
        Msg::OpenReadOnly => "Open read-only",
        Msg::ChangedOnDiskTitle => "Files changed on disk",
        Msg::ChangedOnDiskBody => {
            "Something else changed the files below after this window opened or last saved them (a git pull, a sync folder, an edit by hand?). So as not to lose those changes, the save did not overwrite them; this window's changes to them are still unsaved (a copy of this version of a layer file is in .backups/), and autosave is paused."
        }
        Msg::KeepThisWindowsVersion => {
            "Keep this window's version (the files on disk are backed up first)"
        }
        Msg::TakeTheFilesOnDisk => {
            "Open again with the files on disk (drop this window's changes to them)"
        }
        Msg::DecideLater => "Decide later",
        Msg::FilesChangedTitle => "Project files changed on disk",
        Msg::FilesChangedBody => {
            "Something else changed or added the files below after this window read the project (a git pull, a sync folder, an edit by hand?). The window still shows what was there before. Open the project again to read them (unsaved changes are saved first; if a file this window changed is among them, you are asked which version to keep)."
        }
        Msg::ReopenProject => "Open the project again",
        Msg::NotNow => "Not now",
        Msg::KeptListedReopened => {
            "This window's version was kept; what the project.ron on disk added (documents, labels, event types, roles, user words) is kept too (the file itself is backed up in .backups/), and the project was opened again to show them."
        }
        Msg::Opening => "Opening",
        Msg::OpeningForReview => "then comparing the annotators' layers (review mode)",
        Msg::PrevDoc => "Previous document",
        Msg::PrevSpan => "Previous span",
        Msg::ProblemsFound => "The project has these problems (all annotations were kept):",
        Msg::ProjectFolder => "Project folder (you can type the path)",
        Msg::ProjectLocked => "Project in use",
        Msg::QualApprox => "approx.",
        Msg::QualAtLeast => "at least",
        Msg::QualAtMost => "at most",
        Msg::QualNone => "—",
        Msg::QualRange => "range",
        Msg::Qualifier => "Qualifier",
        Msg::Quit => "Quit",
        Msg::ReadOnly => "Read-only",
        Msg::Redo => "Redo",
        Msg::Resolved => "Resolved date",
        Msg::Save => "Save",
        Msg::SaveFailed => "Save failed",
        Msg::Saved => "Saved",
        Msg::SelectedSpan => "Selected span",
        Msg::SelectionLen => "Selected",
        Msg::Shortcuts => "Shortcuts",
        Msg::SnapToWords => "Snap selection to words",
        Msg::SpanCount => "Spans",
        Msg::Spans => "Spans",
        Msg::StatusDone => "Done",
        Msg::StatusInProgress => "In progress",
        Msg::StatusNew => "New",
        Msg::StatusReviewed => "Reviewed",
        Msg::Undo => "Undo",
        Msg::Unit => "Unit",
        Msg::Unsaved => "Unsaved",
        Msg::UnsavedBody => "There are unsaved changes. Save them first?",
        Msg::UnsavedTitle => "Unsaved changes",
        Msg::Upper => "Upper bound",
        Msg::Uses => "Uses",
        Msg::MenuReview => "Review",
        Msg::ReviewMode => "Review mode (compare annotators)",
        Msg::ReviewEnd => "Leave review mode",
        Msg::ReviewTitle => "Review",
        Msg::NextDisagreement => "Next disagreement",
        Msg::PrevDisagreement => "Previous disagreement",
        Msg::AcceptVersion => "Accept",
        Msg::AcceptVersionN => "Accept annotator n's version",
        Msg::RejectItem => "Reject all",
        Msg::ArgsDiffer => "Arguments that differ:",
        Msg::OnlyBy => "only",
        Msg::AcceptAgreements => "Accept all agreements",
        Msg::FinishReviewDoc => "Document reviewed, next",
        Msg::WholeProject => "Whole project",
        Msg::ReviewTheseItems => "Decide these in review",
        Msg::ReviewTheseItemsHint => {
            "Review mode (the curated layer), showing only the disagreements between these two labels; F8 walks them through the project"
        }
        Msg::AcceptAgreementsEverywhere => "Accept agreements in every document",
        Msg::AcceptAgreementsEverywhereHint => {
            "What every annotator tagged alike goes into the curated layer, in every document (one undo takes it back); disagreements and documents one annotator alone tagged are left to the reviewer"
        }
        Msg::AgreementsTaken => "Agreements taken",
        Msg::NothingReviewedYet => {
            "In review mode the model learns from the curated layer, where no document is reviewed yet: Finish document (Ctrl+Shift+D), or Review → Finish every document with nothing left to decide"
        }
        Msg::FinishReviewEverywhere => "Finish every document with nothing left to decide",
        Msg::FinishReviewEverywhereHint => {
            "Every document not reviewed yet whose disagreements are all decided takes its remaining agreements and is marked reviewed, as Finish document does one at a time (one undo takes it back); documents with items still open, and those nobody tagged, are left as they are"
        }
        Msg::DocsFinished => "Documents marked reviewed",
        Msg::DocsStillOpen => "Documents with items still open",
        Msg::AcceptMajorityEverywhere => "Take the majority's version in every document",
        Msg::AcceptMajorityEverywhereHint => {
            "With three annotators or more: where more than half of them gave a disagreement the same version (same label and boundaries, or nothing), it goes into the curated layer (nothing: the minority's spans are rejected); disagreements without a majority are left to the reviewer; one undo takes it back"
        }
        Msg::MajorityTaken => "Majority versions taken",
        Msg::MajorityMark => "(majority)",
        Msg::InDocuments => "documents",
        Msg::AcceptAllOpenFrom => "Every undecided item here from:",
        Msg::AcceptAllOpenHint => {
            "Every undecided item of this document (that the filter shows) takes this annotator's version; where they tagged nothing the others' versions are rejected. One undo takes it all back"
        }
        Msg::FilterKind => "Only kind",
        Msg::FilterLabel => "Only label",
        Msg::FilterAll => "All",
        Msg::FilteredOpen => "undecided items shown",
        Msg::DocsWithOpen => "documents with undecided items",
        Msg::NothingOpenInProject => "Every disagreement in the project is decided",
        Msg::OpenedNextReviewDoc => "On to the next document with undecided items",
        Msg::MarkedReviewed => "Marked reviewed",
        Msg::AllReviewed => "Every document to review is reviewed",
        Msg::OnlyDisagreements => "Only disagreements",
        Msg::Disagreements => "Disagreements",
        Msg::Undecided => "Undecided",
        Msg::Agreements => "Agreements",
        Msg::DiffAgree => "Agree",
        Msg::DiffLabel => "Label differs",
        Msg::DiffBoundary => "Boundary differs",
        Msg::DiffLabelAndBoundary => "Label and boundary differ",
        Msg::DiffMissing => "Missing",
        Msg::DiffEventType => "Event type differs",
        Msg::DiffEventArgs => "Event arguments differ",
        Msg::Unconfirmed => "Unconfirmed",
        Msg::AcceptUnconfirmed => "Accept all unconfirmed",
        Msg::DecisionOpen => "Open",
        Msg::DecisionRejected => "Rejected",
        Msg::DecisionEdited => "Edited",
        Msg::DecisionAccepted => "Accepted",
        Msg::NothingHere => "(nothing)",
        Msg::ChangeList => "Changes",
        Msg::ReviewStarted => "Review mode: items to decide in all",
        Msg::EventWord => "Event",
        Msg::CorrectLayer => "Correct an annotator's layer",
        Msg::BackToOwnLayer => "Back to my own layer",
        Msg::MenuAgreement => "Agreement…",
        Msg::AgreementTitle => "Annotator agreement",
        Msg::AgreementMatrix => "Pairwise: exact span F1 / char kappa",
        Msg::AgreementPair => "Pair",
        Msg::AgreementDocs => "Documents compared",
        Msg::AgreementSpans => "Spans",
        Msg::AgreementExactF1 => "Exact span F1",
        Msg::AgreementOverlapF1 => "Overlap span F1",
        Msg::AgreementKappa => "Char Cohen's kappa",
        Msg::AgreementFleiss => "Char Fleiss' kappa",
        Msg::AgreementTriggerF1 => "Trigger F1",
        Msg::AgreementArgumentF1 => "Argument F1",
        Msg::AgreementPerLabel => "Exact F1 per label",
        Msg::AgreementTooFew => "Agreement needs the layers of at least two annotators",
        Msg::AgreementNote => {
            "Accepted entity and figure spans only; unsaved changes are saved first"
        }
        Msg::AgreementComputing => "Computing agreement",
        Msg::StratifyOpt => "Stratify by label",
        Msg::StratifyHint => {
            "Share every label out over train, dev and test as the proportions say (by document), so that a rare label reaches dev and test too; the parts' sizes follow the proportions only roughly"
        }
        Msg::KeepEmptyOpt => "Keep",
        Msg::KeepEmptyAfter => "of the records with nothing to write",
        Msg::KeepEmptyHint => {
            "Records with no span and no event (most sentences of a trigger export) are kept at this share, drawn by the seed; with a split or folds in train only: dev and test keep theirs, so that their scores hold"
        }
        Msg::MaxCharsOpt => "At most",
        Msg::MaxCharsUnit => " chars a record",
        Msg::MaxCharsHint => {
            "A model's input limit (510 for BERT): a longer record is cut at sentence ends, else after a comma, never inside a span"
        }
        Msg::AgreementAmong => "Annotators with each other",
        Msg::AgreementAgainstCurated => "Against the curated layer",
        Msg::AgreementNoCurated => {
            "No document's review is finished yet: the curated layer is the reference once one is (Finish document, in review mode)"
        }
        Msg::AgreementReviewedDocs => "Compared on documents with their review finished",
        Msg::AgreementInReviewLeftOut => "documents still in review left out",
        Msg::AgreementAnnotator => "Annotator",
        Msg::AgreementPrecision => "Precision",
        Msg::AgreementRecall => "Recall",
        Msg::AgreementConfusion => "Label confusion",
        Msg::AgreementTypeConfusion => "Event type confusion (triggers)",
        Msg::AgreementConfusionHint => {
            r#"Rows are the first one's labels, columns the second one's, — is no span; "boundary" is the same label on another range. Click a number to list those places; click a place to go there."#
        }
        Msg::AgreementBoundary => "boundary",
        Msg::AgreementNoConfusion => "They tag nothing differently",
        Msg::AgreementTooFewAgainst => "No annotator with work besides the curated layer",
        Msg::MenuConsistency => "Inconsistent tags…",
        Msg::ConsistencyTitle => "Inconsistent tags",
        Msg::ConsistencyNote => {
            "The same text tagged in one place, and tagged with another label or left untagged elsewhere (as a word of its own; inside a longer tagged name does not count). The figures count each label; click a place to go there."
        }
        Msg::ConsistencyNone => "Every tagged text is tagged alike wherever it occurs.",
        Msg::ConsistencyComputing => "Looking for inconsistent tags",
        Msg::Untagged => "untagged",
        Msg::TagUntaggedAs => "Tag every untagged one as",
        Msg::RelabelOthersAs => "Relabel every other-labelled one as",
        Msg::RelabelledSpans => "Spans relabelled",
        // ---- issue #12: the unsure flag and comments
        Msg::ToggleUnsure => "Mark or unmark as unsure",
        Msg::Unsure => "Unsure",
        Msg::MarkFilterTitle => "Marks",
        Msg::MarkFilterAll => "All",
        Msg::MarkFilterUnsure => "Unsure only",
        Msg::MarkFilterCommented => "With a note",
        Msg::EventMarkFilterTitle => "Event marks",
        Msg::EventNote => "Event note",
        Msg::MenuStats => "Statistics…",
        Msg::StatsTitle => "Project statistics",
        Msg::StatsSpansPerLabel => "Spans per label and annotator",
        Msg::StatsDocsPerStatus => "Documents by status and annotator",
        Msg::StatsEventsPerType => "Events per type and annotator",
        Msg::StatsProgress => "Edits per person over time (cumulative, from the activity log)",
        Msg::StatsReview => "Review status",
        Msg::StatsNoLog => "No activity logged yet: each save records the edits",
        Msg::StatsLayer => "Layer",
        Msg::ExportLayer => "Layer to export",
        Msg::ExportCommandLine => "The same export from the command line:",
        Msg::CopyCommandLine => "Copy the command",
        Msg::CommandLineCopied => "Copied",
        Msg::StatsLogSkipped => "Activity log lines skipped (unreadable)",
        Msg::SelectTextForEvent => {
            "Select the trigger first (drag over text or click a span), then the event type"
        }
    }
}

/// A message made at run time, in both UI languages: a format's notes and problems, an
/// error naming a file and a place. The window shows [`Said::get`] in the chosen language;
/// the command line and `Display` of the errors that hold one use the English.
///
/// Made with [`said!`](crate::said) (both wordings side by side, so neither can be
/// forgotten) or [`Said::by`] (one closure per language, for messages built from parts).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Said {
    /// The Chinese.
    pub zh: String,
    /// The English.
    pub en: String,
}

impl Said {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The message built by `f` in each language.
    pub fn by(f: impl Fn(Lang) -> String) -> Self {
        Self {
            zh: f(Lang::Zh),
            en: f(Lang::En),
        }
    }

    /// Words that read the same in both languages: a name, a path, the text of the file, or
    /// what a parser or the system said (kept as it said it).
    pub fn verbatim(s: impl Into<String>) -> Self {
        let s = s.into();
        Self {
            zh: s.clone(),
            en: s,
        }
    }

    /// Both wordings with `place` (a file, `file:line`, a document id) and a separator
    /// before them: `place：…` in Chinese, `place: …` in English.
    pub fn at(&self, place: &str) -> Self {
        if place.is_empty() {
            return self.clone();
        }
        Self {
            zh: format!("{place}：{}", self.zh),
            en: format!("{place}: {}", self.en),
        }
    }
}

/// A [`Said`] from a Chinese and an English format string, with the same arguments:
///
/// ```
/// # use biaozhu::said;
/// let n = 3;
/// let m = said!("第 {n} 行有误", "line {n} is wrong");
/// assert_eq!(m.en, "line 3 is wrong");
/// // `Said` parts named after `;` are taken in each message's own language:
/// let why = said!("不是数字", "not a number");
/// let m = said!("第 {n} 行：{why}", "line {n}: {why}"; why);
/// assert_eq!(m.zh, "第 3 行：不是数字");
/// ```
#[macro_export]
macro_rules! said {
    ($zh:literal, $en:literal; $($part:ident),+ $(,)?) => {{
        let zh = {
            $(let $part = $part.get($crate::i18n::Lang::Zh);)+
            format!($zh)
        };
        let en = {
            $(let $part = $part.get($crate::i18n::Lang::En);)+
            format!($en)
        };
        $crate::i18n::Said { zh, en }
    }};
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Said {
            zh: format!($zh $(, $arg)*),
            en: format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_take_the_number_of_their_noun() {
        assert_eq!(english_count(1, "document"), "1 document");
        assert_eq!(english_count(0, "document"), "0 documents");
        assert_eq!(english_count(3, "entity"), "3 entities");
        assert_eq!(english_count(1, "entity"), "1 entity");
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(tr(Lang::Zh, Msg::Saved), "已保存");
        assert_eq!(tr(Lang::En, Msg::Saved), "Saved");
    }

    /// Whether `s` holds a CJK ideograph or CJK punctuation.
    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| {
            let u = c as u32;
            (0x4E00..=0x9FFF).contains(&u)
                || (0x3000..=0x303F).contains(&u)
                || (0xFF00..=0xFFEF).contains(&u)
        })
    }

    /// Messages that read the same in both languages (names, symbols).
    const SAME_IN_BOTH: &[Msg] = &[Msg::QualNone];

    #[test]
    fn every_message_is_translated_both_ways() {
        let mut untranslated = Vec::new();
        for &m in Msg::ALL {
            let (zh, en) = (tr(Lang::Zh, m), tr(Lang::En, m));
            if zh.trim().is_empty() || en.trim().is_empty() {
                untranslated.push(format!("{m:?}: empty"));
            }
            if SAME_IN_BOTH.contains(&m) {
                continue;
            }
            if !has_cjk(zh) {
                untranslated.push(format!("{m:?}: the Chinese reads {zh:?}"));
            }
            if has_cjk(en) {
                untranslated.push(format!("{m:?}: the English reads {en:?}"));
            }
            if zh == en {
                untranslated.push(format!("{m:?}: the same in both: {zh:?}"));
            }
        }
        assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
        assert!(Msg::ALL.len() > 200);
    }
}
