//! Modal dialogs: unsaved changes (save / discard / cancel), open project, import, export,
//! the label editor, errors, and a locked project. Paths can always be typed, since a file
//! dialog (rfd) may be unavailable.

use std::path::PathBuf;

use crate::format::{Format, OptionKind, Options, Target};
use crate::i18n::{Lang, Msg, tr};
use crate::model::{FigureKind, LabelClass, LabelDef, Project, Rgb};
use crate::ui::intent::{After, Leave, Outcome, PreviewItem};

/// The open dialog, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// Unsaved changes before `After`.
    Unsaved(After),
    /// Type or browse a project folder.
    OpenProject {
        /// Typed path.
        path: String,
    },
    /// Type or browse the folder of a new project.
    NewProject {
        /// Typed path.
        path: String,
    },
    /// Import files in one of the registry's formats (plain text, or files that bring
    /// their annotations).
    Import {
        /// Paths, one per line.
        paths: String,
        /// Forced encoding, or detect (formats that take one).
        encoding: Option<String>,
        /// Replace bad byte sequences with U+FFFD (formats that take it).
        lossy: bool,
        /// The format's name in the registry, or [`AUTO`] to detect it from the files.
        format: &'static str,
        /// Bring every span in as a pending suggestion.
        pending: bool,
        /// The format detected for `paths` (the paths it was detected for, and the format
        /// and why, or why not).
        detected: Option<Detection>,
    },
    /// Export the corpus in one of the registry's formats.
    Export {
        /// Output file (or folder).
        path: String,
        /// The format's name in the registry.
        format: &'static str,
        /// The training-set options and the preview (boxed: the largest dialog by far).
        form: Box<super::export_form::ExportForm>,
    },
    /// Edit labels.
    Labels(LabelEditor),
    /// Proposed repairs before import, shown as a diff.
    ImportPreview {
        /// The files.
        items: Vec<PreviewItem>,
    },
    /// Edit the user dictionary.
    UserWords {
        /// The word being typed.
        new_word: String,
    },
    /// A document is about to be taken out of the project.
    ConfirmRemoveDocument {
        /// Its id.
        id: String,
        /// What the dialog says of it (`i18n::remove_document_body`).
        body: String,
    },
    /// The removals that can be put back, the latest first.
    RestoreDocuments(Vec<crate::session::Removed>),
    /// A label in use is about to be deleted with its spans.
    ConfirmDeleteLabel {
        /// Key.
        key: String,
        /// Spans using it.
        count: usize,
    },
    /// Edit event types and roles.
    Schema(crate::ui::schema_editor::SchemaEditor),
    /// A span used by events is about to be deleted.
    ConfirmDeleteSpan {
        /// The span.
        id: crate::model::SpanId,
        /// One line per event that uses it.
        events: Vec<String>,
    },
    /// Go to a char position or an article (Ctrl+G).
    GoTo {
        /// What was typed: `1200` (a char) or `#3` (an article).
        input: String,
        /// Why the last input was refused.
        error: Option<String>,
    },
    /// The keyboard help (F1): sections of (keys, what they do).
    Help(Vec<HelpSection>),
    /// Whose layer to open: the annotator's name (asked at the first start, and from the
    /// File menu).
    Annotator {
        /// The name typed.
        name: String,
        /// Why the last name was refused.
        error: Option<String>,
    },
    /// Something to know that went right, with a caveat.
    Info(String),
    /// Something went wrong.
    Error(String),
    /// A save left files alone that something else changed on disk: keep this window's
    /// version, or open the project again from the files.
    ChangedOnDisk {
        /// The files, relative to the project folder.
        files: Vec<String>,
    },
    /// Files of the project changed on disk while the window was away (found when it
    /// comes back to the front): open the project again to read them.
    FilesChanged {
        /// The files, relative to the project folder.
        files: Vec<String>,
    },
    /// The project is open elsewhere; offer read-only.
    Locked {
        /// The project.
        dir: PathBuf,
        /// The message.
        message: String,
    },
}

impl Dialog {
    /// Whether the dialog holds what the user typed or chose (a path, a form, edited
    /// labels or event types): a click beside it, on the backdrop, does not close it, as
    /// that would throw the work away; Escape and its own buttons do.
    pub fn holds_work(&self) -> bool {
        matches!(
            self,
            Dialog::OpenProject { .. }
                | Dialog::NewProject { .. }
                | Dialog::Import { .. }
                | Dialog::Export { .. }
                | Dialog::Labels(_)
                | Dialog::ImportPreview { .. }
                | Dialog::UserWords { .. }
                | Dialog::Schema(_)
                | Dialog::GoTo { .. }
                | Dialog::Annotator { .. }
        )
    }

    /// Whether the dialog is an editor holding edits the project does not have yet (the
    /// label editor's rows, the event-type editor's drafts): closing it asks first.
    pub fn unapplied(&self, p: Option<&Project>) -> bool {
        match (self, p) {
            (Dialog::Labels(ed), Some(p)) => ed.unapplied(p),
            (Dialog::Schema(ed), Some(_)) => ed.unapplied(),
            _ => false,
        }
    }

    /// Whether the editor is asking to confirm that its unapplied edits go.
    pub fn confirming_close(&self) -> bool {
        match self {
            Dialog::Labels(ed) => ed.closing,
            Dialog::Schema(ed) => ed.closing(),
            _ => false,
        }
    }

    /// Ask (or stop asking) whether the editor's unapplied edits may go.
    pub fn set_confirming_close(&mut self, on: bool) {
        match self {
            Dialog::Labels(ed) => ed.closing = on,
            Dialog::Schema(ed) => ed.set_closing(on),
            _ => {}
        }
    }
}

/// A part of the keyboard help: a title and rows of (keys, what they do).
#[derive(Debug, Clone, PartialEq)]
pub struct HelpSection {
    /// The heading.
    pub title: String,
    /// Keys and what they do, in the UI's language.
    pub rows: Vec<(String, String)>,
}

/// State of the label editor: one editable row per label plus a new-label row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelEditor {
    rows: Vec<LabelDef>,
    new_key: String,
    new_figure: Option<FigureKind>,
    error: Option<String>,
    /// Closing was asked while edits were not applied: the editor asks to confirm.
    closing: bool,
}

impl LabelEditor {
    /// Start editing a project's labels.
    pub fn new(p: &Project) -> Self {
        Self {
            rows: p.schema.labels.clone(),
            ..Default::default()
        }
    }

    /// Whether something typed here is not in the project yet: a row changed and not
    /// applied, or a new label's key typed and not added.
    pub fn unapplied(&self, p: &Project) -> bool {
        self.rows != p.schema.labels || !self.new_key.trim().is_empty()
    }
}

const ENCODINGS: [&str; 6] = ["UTF-8", "GB18030", "GBK", "UTF-16LE", "UTF-16BE", "Big5"];

/// Whether there is surely no system file dialog: on Linux and the BSDs, rfd asks the
/// desktop portal over the session bus or runs zenity, so with neither there is none.
fn no_system_file_dialog() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return false;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let zenity = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("zenity").exists()));
    !bus && !zenity
}

/// A 浏览… button that runs the system's file dialog with `pick`. Where there is none (no
/// desktop portal, no zenity), the dialog says so and puts the typing cursor in `path_box`,
/// instead of doing nothing: known before asking when neither is there, else guessed from
/// rfd returning with nothing at once (a person who cancels takes longer).
fn browse<T>(
    ui: &mut egui::Ui,
    lang: Lang,
    path_box: &egui::Response,
    pick: impl FnOnce() -> Option<T>,
) -> Option<T> {
    let id = egui::Id::unique("biaozhu_no_file_dialog");
    let mut got = None;
    if ui.button(tr(lang, Msg::Browse)).clicked() {
        if no_system_file_dialog() {
            ui.data_mut(|d| d.insert_temp(id, true));
            path_box.request_focus();
            return None;
        }
        let t = std::time::Instant::now();
        got = pick();
        if got.is_none() && t.elapsed() < std::time::Duration::from_millis(400) {
            ui.data_mut(|d| d.insert_temp(id, true));
            path_box.request_focus();
        }
    }
    got
}

/// Below the path row: the word that no system file dialog is available, once 浏览… found
/// none.
fn no_file_dialog_hint(ui: &mut egui::Ui, lang: Lang) {
    let id = egui::Id::unique("biaozhu_no_file_dialog");
    if ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false) {
        ui.colored_label(ui.visuals().warn_fg_color, tr(lang, Msg::NoFileDialog));
    }
}

/// A dialog's title from the menu item that opens it, without the item's "…" (which says
/// that a dialog follows: 导出语料… opens 导出语料).
fn title(item: &str) -> &str {
    item.trim_end_matches('…')
}

/// Show the dialog; returns the outcome.
#[allow(clippy::too_many_lines)]
pub fn show(
    ctx: &egui::Context,
    d: &mut Dialog,
    p: Option<&Project>,
    lang: Lang,
    fresh: bool,
) -> Outcome {
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    let id = egui::Id::unique(("biaozhu_dialog", std::mem::discriminant(d)));
    // A dialog whose height changes as it is used (the export's preview, a list of labels
    // or event types) hangs from the top: centred, it would move its widgets under the
    // pointer each time it grew or shrank.
    let area = match d {
        Dialog::Export { .. }
        | Dialog::Labels(_)
        | Dialog::ImportPreview { .. }
        | Dialog::Schema(_) => {
            egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
        }
        _ => egui::Modal::default_area(id),
    };
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        // The label editor's grid is wide; a modal narrower than its content would treat
        // clicks on the overflow as clicks on the backdrop.
        ui.set_min_width(match d {
            Dialog::Labels(_) | Dialog::ImportPreview { .. } | Dialog::Schema(_) => 760.0,
            _ => 420.0,
        });
        match d {
            Dialog::Unsaved(after) => {
                ui.heading(t(Msg::UnsavedTitle));
                ui.label(t(Msg::UnsavedBody));
                ui.horizontal(|ui| {
                    if ui.button(t(Msg::Save)).clicked() {
                        out = Outcome::SaveThen(after.clone());
                    }
                    if ui.button(t(Msg::Discard)).clicked() {
                        out = Outcome::DiscardThen(after.clone());
                    }
                    if ui.button(t(Msg::Cancel)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::OpenProject { path } => {
                ui.heading(title(t(Msg::OpenProject)));
                let l = ui.label(t(Msg::ProjectFolder));
                let form = LineForm {
                    label: l.id,
                    salt: "open_path",
                    fresh,
                    error: None,
                    ok: t(Msg::Open),
                    cancel: t(Msg::Cancel),
                    folder: Some(lang),
                };
                match form.show(ui, path) {
                    Some(Ok(v)) => out = Outcome::OpenProject(PathBuf::from(v)),
                    Some(Err(())) => out = Outcome::Close,
                    None => {}
                }
            }
            Dialog::NewProject { path } => {
                ui.heading(title(t(Msg::NewProject)));
                let l = ui.label(t(Msg::NewProjectFolder));
                let form = LineForm {
                    label: l.id,
                    salt: "new_project_path",
                    fresh,
                    error: None,
                    ok: t(Msg::Create),
                    cancel: t(Msg::Cancel),
                    folder: Some(lang),
                };
                match form.show(ui, path) {
                    Some(Ok(v)) => out = Outcome::NewProject(PathBuf::from(v)),
                    Some(Err(())) => out = Outcome::Close,
                    None => {}
                }
            }
            Dialog::Import {
                paths,
                encoding,
                lossy,
                format,
                pending,
                detected,
            } => {
                out = import_dialog(
                    ui,
                    ImportFields {
                        paths,
                        encoding,
                        lossy,
                        format,
                        pending,
                        detected,
                    },
                    lang,
                    fresh,
                );
            }
            Dialog::Export { path, format, form } => {
                out = export_dialog(ui, path, format, form, p, lang);
            }
            Dialog::Labels(ed) => {
                out = label_editor(ui, ed, p, lang);
            }
            Dialog::ImportPreview { items } => {
                out = import_preview(ui, items, lang);
            }
            Dialog::UserWords { new_word } => {
                out = user_words(ui, new_word, p, lang, fresh);
            }
            Dialog::ConfirmRemoveDocument { id, body } => {
                ui.heading(t(Msg::RemoveDocumentTitle));
                ui.add(egui::Label::new(body.as_str()).wrap());
                ui.horizontal(|ui| {
                    if ui.button(t(Msg::RemoveDocumentConfirm)).clicked() {
                        out = Outcome::RemoveDocument(id.clone());
                    }
                    if ui.button(t(Msg::Cancel)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::RestoreDocuments(removals) => {
                ui.heading(t(Msg::RestoreDocumentsTitle));
                if removals.is_empty() {
                    ui.label(t(Msg::NothingRemoved));
                }
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for r in removals.iter() {
                            ui.horizontal(|ui| {
                                if ui.button(t(Msg::RestoreRemoval)).clicked() {
                                    out = Outcome::RestoreRemoval(r.folder.clone());
                                }
                                ui.label(egui::RichText::new(&r.name).monospace());
                            });
                            for d in &r.documents {
                                let from = d
                                    .imported_from
                                    .as_deref()
                                    .map(|f| format!("  ({f})"))
                                    .unwrap_or_default();
                                ui.label(format!("    {}  {}{from}", d.id, d.opening));
                            }
                        }
                    });
                if ui.button(t(Msg::Cancel)).clicked() {
                    out = Outcome::Close;
                }
            }
            Dialog::ConfirmDeleteLabel { key, count } => {
                ui.heading(t(Msg::DeleteLabel));
                ui.label(format!("{key}: {count} {}", t(Msg::LabelInUseBody)));
                ui.horizontal(|ui| {
                    if ui.button(t(Msg::DeleteLabelAndSpans)).clicked() {
                        out = Outcome::DeleteLabelWithSpans(key.clone());
                    }
                    if ui.button(t(Msg::Cancel)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::Schema(ed) => {
                out = crate::ui::schema_editor::ui(ui, ed, p, lang);
            }
            Dialog::ConfirmDeleteSpan { id, events } => {
                ui.heading(t(Msg::DeleteArgSpanTitle));
                ui.add(egui::Label::new(t(Msg::DeleteArgSpanBody)).wrap());
                for e in events.iter() {
                    ui.label(format!("• {e}"));
                }
                ui.horizontal(|ui| {
                    if ui.button(t(Msg::DeleteAnyway)).clicked() {
                        out = Outcome::DeleteSpanDetaching(*id);
                    }
                    if ui.button(t(Msg::Cancel)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::GoTo { input, error } => {
                let l = ui.heading(title(t(Msg::GoTo)));
                ui.label(t(Msg::GoToHint));
                let form = LineForm {
                    label: l.id,
                    salt: "goto",
                    fresh,
                    error: error.as_deref(),
                    ok: t(Msg::GoTo),
                    cancel: t(Msg::Cancel),
                    folder: None,
                };
                match form.show(ui, input) {
                    Some(Ok(v)) => out = Outcome::GoTo(v),
                    Some(Err(())) => out = Outcome::Close,
                    None => {}
                }
            }
            Dialog::Annotator { name, error } => {
                ui.heading(title(t(Msg::AnnotatorMenu)));
                ui.label(t(Msg::AnnotatorHint));
                let l = ui.label(t(Msg::AnnotatorName));
                let form = LineForm {
                    label: l.id,
                    salt: "annotator",
                    fresh,
                    error: error.as_deref(),
                    ok: t(Msg::Ok),
                    cancel: t(Msg::Cancel),
                    folder: None,
                };
                match form.show(ui, name) {
                    Some(Ok(v)) => out = Outcome::SetAnnotator(v),
                    Some(Err(())) => out = Outcome::Close,
                    None => {}
                }
            }
            Dialog::Help(sections) => {
                ui.heading(t(Msg::Shortcuts));
                egui::ScrollArea::vertical()
                    .max_height(520.0)
                    .show(ui, |ui| {
                        for (i, s) in sections.iter().enumerate() {
                            if s.rows.is_empty() {
                                continue;
                            }
                            ui.strong(s.title.as_str());
                            egui::Grid::new(("biaozhu_help", i))
                                .num_columns(2)
                                .striped(true)
                                .show(ui, |ui| {
                                    for (keys, what) in &s.rows {
                                        ui.monospace(keys.as_str());
                                        ui.label(what.as_str());
                                        ui.end_row();
                                    }
                                });
                            ui.add_space(6.0);
                        }
                    });
                if ui.button(t(Msg::Close)).clicked() {
                    out = Outcome::Close;
                }
            }
            Dialog::Info(m) => {
                ui.heading(t(Msg::Caveat));
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| ui.add(egui::Label::new(m.as_str()).wrap()));
                if ui.button(t(Msg::Ok)).clicked() {
                    out = Outcome::Close;
                }
            }
            Dialog::Error(m) => {
                ui.heading(t(Msg::Error));
                ui.add(egui::Label::new(m.as_str()).wrap());
                if ui.button(t(Msg::Ok)).clicked() {
                    out = Outcome::Close;
                }
            }
            Dialog::ChangedOnDisk { files } => {
                ui.heading(t(Msg::ChangedOnDiskTitle));
                ui.add(egui::Label::new(t(Msg::ChangedOnDiskBody)).wrap());
                for f in files.iter() {
                    ui.monospace(f.as_str());
                }
                ui.horizontal_wrapped(|ui| {
                    if ui.button(t(Msg::KeepThisWindowsVersion)).clicked() {
                        out = Outcome::OverwriteChanged;
                    }
                    if ui.button(t(Msg::TakeTheFilesOnDisk)).clicked() {
                        out = Outcome::ReopenFromDisk;
                    }
                    if ui.button(t(Msg::DecideLater)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::FilesChanged { files } => {
                ui.heading(t(Msg::FilesChangedTitle));
                ui.add(egui::Label::new(t(Msg::FilesChangedBody)).wrap());
                for f in files.iter().take(12) {
                    ui.monospace(f.as_str());
                }
                if files.len() > 12 {
                    ui.monospace(format!("… +{}", files.len() - 12));
                }
                ui.horizontal_wrapped(|ui| {
                    if ui.button(t(Msg::ReopenProject)).clicked() {
                        out = Outcome::SaveAndReopen;
                    }
                    if ui.button(t(Msg::NotNow)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
            Dialog::Locked { dir, message } => {
                ui.heading(t(Msg::ProjectLocked));
                ui.add(egui::Label::new(message.as_str()).wrap());
                ui.horizontal(|ui| {
                    if ui.button(t(Msg::OpenReadOnly)).clicked() {
                        out = Outcome::OpenReadOnly(dir.clone());
                    }
                    if ui.button(t(Msg::Cancel)).clicked() {
                        out = Outcome::Close;
                    }
                });
            }
        }
    });
    // `ModalResponse::should_close` with the backdrop's click left out for a dialog that
    // holds work: a stray click beside the export form or the label editor lost it all.
    let backdrop = modal.backdrop_response.clicked() && !d.holds_work();
    let escape = modal.is_top_modal
        && !modal.any_popup_open
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    let close = backdrop || modal.response.should_close() || escape;
    if close && out == Outcome::Open && !matches!(d, Dialog::Unsaved(_)) {
        out = Outcome::Close;
    }
    guard_unapplied(d, p, out, escape)
}

/// An editor with edits not applied asks before it closes (Escape or 关闭 used to throw
/// them away): the first close shows the question, its 放弃修改 closes; Escape while it is
/// asked goes back to editing.
fn guard_unapplied(d: &mut Dialog, p: Option<&Project>, out: Outcome, escape: bool) -> Outcome {
    if out != Outcome::Close || !d.unapplied(p) {
        return out;
    }
    if !d.confirming_close() {
        d.set_confirming_close(true);
        Outcome::Open
    } else if escape {
        d.set_confirming_close(false);
        Outcome::Open
    } else {
        out
    }
}

/// `…before[removed→replacement]after…` with the removed text struck through in red.
fn diff_line(ui: &mut egui::Ui, text: &str, r: &crate::zh::structure::Repair) {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (r.start as usize, (r.end as usize).min(chars.len()));
    let show = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|c| if *c == '\n' { '¶' } else { *c })
            .collect()
    };
    let before = show(s.saturating_sub(16), s);
    let removed = show(s, e);
    let after = show(e, (e + 16).min(chars.len()));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        ui.label(format!("…{before}"));
        ui.label(
            egui::RichText::new(removed)
                .strikethrough()
                .color(ui.visuals().error_fg_color),
        );
        if !r.replacement.is_empty() {
            ui.label(
                egui::RichText::new(&r.replacement)
                    .color(egui::Color32::from_rgb(0x3b, 0xa5, 0x5c)),
            );
        }
        ui.label(format!("{after}…"));
    });
}

/// The registry's format called `name` (the first of `list` if the name is unknown).
fn format_or_first(
    name: &str,
    mut list: impl Iterator<Item = &'static Format>,
) -> Option<&'static Format> {
    crate::format::by_name(name).or_else(|| list.next())
}

/// A format's choice in a dialog: its title and what it reads or writes (`.ann`, a folder).
fn format_choice(f: &Format, lang: Lang, export: bool) -> String {
    let what = if export && f.target == Target::Folder {
        tr(lang, Msg::AFolder).to_string()
    } else if export {
        f.extension().map(|e| format!(".{e}")).unwrap_or_default()
    } else {
        f.extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match lang {
        Lang::Zh => format!("{}（{what}）", f.title(lang)),
        Lang::En => format!("{} ({what})", f.title(lang)),
    }
}

/// A format detected for the import dialog's paths: the paths, and the format's name and
/// why, or why none.
pub type Detection = (String, Result<(&'static str, String), String>);

/// The import dialog's format choice meaning "detect it from the files".
pub const AUTO: &str = "";

/// The import dialog's fields.
struct ImportFields<'a> {
    paths: &'a mut String,
    encoding: &'a mut Option<String>,
    lossy: &'a mut bool,
    format: &'a mut &'static str,
    pending: &'a mut bool,
    detected: &'a mut Option<Detection>,
}

/// The import dialog, generated from the registry's formats that read, with "detect" first:
/// the format detected from the files' content is shown before anything is imported.
fn import_dialog(ui: &mut egui::Ui, d: ImportFields<'_>, lang: Lang, fresh: bool) -> Outcome {
    let ImportFields {
        paths,
        encoding,
        lossy,
        format,
        pending,
        detected,
    } = d;
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    ui.heading(title(t(Msg::ImportText)));
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(format, AUTO, t(Msg::Detect));
        for f in crate::format::importers() {
            ui.radio_value(format, f.name, format_choice(f, lang, false));
        }
    });
    let files: Vec<PathBuf> = paths
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    let auto = *format == AUTO;
    if auto && !files.is_empty() && detected.as_ref().map(|(p, _)| p) != Some(paths) {
        let found = crate::format::detect::detect(&files)
            .map(|(f, why)| (f.name, why.get(lang).to_string()))
            .map_err(|e| e.get(lang).to_string());
        *detected = Some((paths.clone(), found));
    }
    let chosen: Option<&'static Format> = if auto {
        match detected.as_ref().filter(|_| !files.is_empty()) {
            // The format's title in the UI's language (why it was chosen is said by the CLI).
            Some((_, Ok((name, _)))) => {
                let f = crate::format::by_name(name);
                if let Some(f) = f {
                    ui.label(format!("{} {}", t(Msg::DetectedAs), f.title(lang)));
                }
                f
            }
            Some((_, Err(e))) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{}: {e}", t(Msg::DetectFailed)),
                );
                None
            }
            // The line is there before anything is typed, so the dialog does not move
            // under the pointer when the format is found.
            None => {
                ui.label(format!("{} —", t(Msg::DetectedAs)));
                None
            }
        }
    } else {
        format_or_first(format, crate::format::importers())
    };
    if chosen.is_some_and(|f| f.holds.spans || f.holds.events) {
        ui.weak(t(Msg::LabelledImportHint));
    }
    let l = ui.label(t(Msg::ImportPaths));
    let r = ui
        .add(
            egui::TextEdit::multiline(paths)
                .id_salt("import_paths")
                .desired_rows(3)
                .desired_width(400.0),
        )
        .labelled_by(l.id);
    if fresh {
        r.request_focus();
    }
    let takes = |o| chosen.is_some_and(|f| f.takes(o));
    ui.horizontal(|ui| {
        if let Some(fs) = browse(ui, lang, &r, || {
            let dialog = rfd::FileDialog::new();
            match chosen.filter(|_| !auto) {
                Some(f) => dialog.add_filter(f.title(lang), f.extensions),
                None => dialog,
            }
            .pick_files()
        }) {
            *paths = fs
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
        }
        if takes(OptionKind::Encoding) {
            egui::ComboBox::new("import_enc", t(Msg::Encoding))
                .selected_text(encoding.clone().unwrap_or_else(|| t(Msg::Detect).into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(encoding, None, t(Msg::Detect));
                    for e in ENCODINGS {
                        ui.selectable_value(encoding, Some(e.to_string()), e);
                    }
                });
        }
    });
    no_file_dialog_hint(ui, lang);
    if takes(OptionKind::Lossy) {
        ui.checkbox(lossy, t(Msg::LossyDecode))
            .on_hover_text(t(Msg::LossyDecodeHint));
    }
    if chosen.is_some_and(|f| f.holds.spans) {
        ui.checkbox(pending, t(Msg::ImportAsPending));
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !files.is_empty() && chosen.is_some(),
                egui::Button::new(t(Msg::Import)),
            )
            .clicked()
            && let Some(f) = chosen
        {
            let opts = Options {
                encoding: encoding.clone().filter(|_| f.takes(OptionKind::Encoding)),
                lossy: *lossy && f.takes(OptionKind::Lossy),
                pending: *pending && f.holds.spans,
                ..Options::default()
            };
            out = Outcome::Import(files.clone(), f.name, opts);
        }
        if ui.button(t(Msg::Cancel)).clicked() {
            out = Outcome::Close;
        }
    });
    out
}

/// The export dialog, generated from the registry's formats that write.
fn export_dialog(
    ui: &mut egui::Ui,
    path: &mut String,
    format: &mut &'static str,
    form: &mut super::export_form::ExportForm,
    p: Option<&Project>,
    lang: Lang,
) -> Outcome {
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    let l = ui.heading(title(t(Msg::ExportCorpus)));
    let before = format_or_first(format, crate::format::exporters());
    // What goes below the options (the preview, the path, the buttons and the command
    // line) stays on the screen: the options scroll in what is left. The part under the
    // preview is measured each frame; a token format's options on a laptop's screen pushed
    // the export button off it.
    let below_id = egui::Id::unique("biaozhu_export_below");
    let below = ui.data(|d| d.get_temp::<f32>(below_id)).unwrap_or(220.0);
    let room = ui.ctx().content_rect().bottom() - 24.0 - ui.cursor().top() - below;
    let preview_h = (room * 0.3).clamp(48.0, 160.0);
    let options_h = (room - preview_h - 2.0 * ui.spacing().interact_size.y).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("export_options")
        .max_height(options_h)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for f in crate::format::exporters() {
                    ui.radio_value(format, f.name, format_choice(f, lang, true));
                }
            });
            if let Some(f) = format_or_first(format, crate::format::exporters()) {
                super::export_form::show(ui, form, f, p, lang);
            }
        });
    let Some(f) = format_or_first(format, crate::format::exporters()) else {
        return Outcome::Close;
    };
    let keeps_split = form.keep_split && form.earlier_manifest(path).is_some();
    super::export_form::show_preview(ui, form, f, p, keeps_split, lang, preview_h);
    let below_top = ui.cursor().top();
    // The file name follows the format (a folder has no extension).
    if let Some(before) = before.filter(|b| b.name != f.name) {
        let stem = match before.extension() {
            None => Some(path.as_str()),
            Some(e) => path.strip_suffix(&format!(".{e}")),
        };
        if let Some(stem) = stem {
            *path = match f.extension() {
                None => stem.to_string(),
                Some(e) => format!("{stem}.{e}"),
            };
        }
    }
    ui.horizontal(|ui| {
        let r = ui
            .add(
                egui::TextEdit::singleline(path)
                    .id_salt("export_path")
                    .desired_width(320.0),
            )
            .labelled_by(l.id);
        let folder = f.target == Target::Folder || !form.split.trim().is_empty();
        if let Some(p) = browse(ui, lang, &r, || {
            if folder {
                rfd::FileDialog::new().pick_folder()
            } else {
                rfd::FileDialog::new().save_file()
            }
        }) {
            *path = p.display().to_string();
        }
    });
    no_file_dialog_hint(ui, lang);
    if let Some(p) = p {
        super::export_form::layer_choice(ui, form, p, lang);
    }
    // An earlier split export in that folder: keep its split (test stays test).
    let earlier = form.earlier_manifest(path);
    if earlier.is_some() {
        ui.checkbox(&mut form.keep_split, t(Msg::KeepEarlierSplit))
            .on_hover_text(t(Msg::KeepEarlierSplitHint));
        if let Some(e) = &form.split_error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
    ui.horizontal(|ui| {
        let opts = form.options(f);
        if ui
            .add_enabled(
                opts.is_ok() && !path.trim().is_empty(),
                egui::Button::new(t(Msg::Export)),
            )
            .clicked()
            && let Ok(mut opts) = opts
        {
            form.split_error = None;
            let layer = form.layer.clone();
            match earlier.filter(|_| form.keep_split) {
                None => out = Outcome::Export(PathBuf::from(path.trim()), f.name, opts, layer),
                Some(m) => match crate::format::training::read_split_manifest(&m) {
                    Ok((of, _)) => {
                        opts.split_from = Some(of);
                        out = Outcome::Export(PathBuf::from(path.trim()), f.name, opts, layer);
                    }
                    Err(e) => form.split_error = Some(e.get(lang).to_string()),
                },
            }
        }
        if ui.button(t(Msg::Cancel)).clicked() {
            out = Outcome::Close;
        }
    });
    if let Some(p) = p {
        super::export_form::command_line(ui, form, f, path, p, lang);
    }
    let height = ui.cursor().top() - below_top;
    ui.data_mut(|d| d.insert_temp(below_id, height));
    out
}

fn import_preview(ui: &mut egui::Ui, items: &mut [PreviewItem], lang: Lang) -> Outcome {
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    ui.heading(t(Msg::RepairTitle));
    ui.label(t(Msg::RepairBody));
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for it in items.iter_mut() {
                ui.strong(it.path.display().to_string());
                for (k, r) in it.repairs.iter().enumerate() {
                    let kind = t(match r.kind {
                        crate::zh::structure::RepairKind::JoinBrokenLine => Msg::RepairJoin,
                        crate::zh::structure::RepairKind::DropRepeat => Msg::RepairRepeat,
                        crate::zh::structure::RepairKind::DropFragment => Msg::RepairFragment,
                    });
                    let label = match lang {
                        Lang::Zh => kind.to_string(),
                        Lang::En => format!("{kind}: {}", r.reason),
                    };
                    ui.checkbox(&mut it.chosen[k], label);
                    diff_line(ui, &it.doc.text.text, r);
                }
                ui.separator();
            }
        });
    ui.horizontal(|ui| {
        if ui.button(t(Msg::ImportRepaired)).clicked() {
            out = Outcome::ImportRepaired(items.to_vec());
        }
        if ui.button(t(Msg::ImportAsIs)).clicked() {
            let mut v = items.to_vec();
            v.iter_mut()
                .for_each(|i| i.chosen.iter_mut().for_each(|c| *c = false));
            out = Outcome::ImportRepaired(v);
        }
        if ui.button(t(Msg::Cancel)).clicked() {
            out = Outcome::Close;
        }
    });
    out
}

fn user_words(
    ui: &mut egui::Ui,
    new_word: &mut String,
    p: Option<&Project>,
    lang: Lang,
    fresh: bool,
) -> Outcome {
    let t = |m| tr(lang, m);
    let Some(p) = p else {
        return Outcome::Close;
    };
    let mut out = Outcome::Open;
    ui.heading(title(t(Msg::UserDictionary)));
    ui.label(t(Msg::UserDictionaryHelp));
    let words = &p.settings.user_words;
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            for (i, w) in words.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(w);
                    if ui.button(t(Msg::Remove)).clicked() {
                        let mut v = words.clone();
                        v.remove(i);
                        out = Outcome::Edit(crate::edit::Edit::SetUserWords { words: v });
                    }
                });
            }
        });
    ui.horizontal(|ui| {
        let l = ui.label(t(Msg::NewWord));
        let r = ui
            .add(egui::TextEdit::singleline(new_word).id_salt("new_user_word"))
            .labelled_by(l.id);
        if fresh {
            r.request_focus();
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let line = new_word.trim().to_string();
        if (ui.button(t(Msg::Add)).clicked() || enter)
            && crate::zh::segment::parse_dict_line(&line).is_some()
            && !words.contains(&line)
        {
            let mut v = words.clone();
            v.push(line);
            new_word.clear();
            out = Outcome::Edit(crate::edit::Edit::SetUserWords { words: v });
        }
    });
    if ui.button(t(Msg::Close)).clicked() {
        out = Outcome::Close;
    }
    out
}

fn label_editor(
    ui: &mut egui::Ui,
    ed: &mut LabelEditor,
    p: Option<&Project>,
    lang: Lang,
) -> Outcome {
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    let Some(p) = p else {
        return Outcome::Close;
    };
    // Rows follow the schema (after undo/redo or an applied change).
    if ed.rows.len() != p.schema.labels.len() {
        ed.rows = p.schema.labels.clone();
    }
    ui.heading(title(t(Msg::EditLabels)));
    // Each text column is as wide as its longest entry (a grid cell would otherwise clip a
    // field to the grid's minimum column width: "QUA", "Pers", PER for PERCENT).
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width_of = |texts: &mut dyn Iterator<Item = &str>| {
        let widest = ui.fonts_mut(|f| {
            texts
                .map(|s| {
                    f.layout_no_wrap(s.to_string(), font.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
                .fold(0.0_f32, f32::max)
        });
        // The field's margins and room for the caret and a few more chars.
        (widest + 2.0 * ui.spacing().button_padding.x + 24.0).max(60.0)
    };
    let key_w = width_of(&mut ed.rows.iter().map(|r| r.key.as_str()));
    let zh_w = width_of(&mut ed.rows.iter().map(|r| r.zh.as_str()));
    let en_w = width_of(&mut ed.rows.iter().map(|r| r.en.as_str()));
    let field_h = ui.spacing().interact_size.y;
    egui::Grid::new("labels_grid")
        .num_columns(7)
        .striped(true)
        .show(ui, |ui| {
            for h in [
                Msg::Key,
                Msg::NameZh,
                Msg::NameEn,
                Msg::Colour,
                Msg::Hotkey,
                Msg::Uses,
            ] {
                ui.strong(t(h));
            }
            ui.end_row();
            for (i, row) in ed.rows.iter_mut().enumerate() {
                ui.add_sized(
                    [key_w, field_h],
                    egui::TextEdit::singleline(&mut row.key).id_salt(("lk", i)),
                );
                ui.add_sized(
                    [zh_w, field_h],
                    egui::TextEdit::singleline(&mut row.zh).id_salt(("lz", i)),
                );
                ui.add_sized(
                    [en_w, field_h],
                    egui::TextEdit::singleline(&mut row.en).id_salt(("le", i)),
                );
                let mut c = [row.color.0, row.color.1, row.color.2];
                ui.color_edit_button_srgb(&mut c);
                row.color = Rgb(c[0], c[1], c[2]);
                let mut hk = row.hotkey.map(|c| c.to_string()).unwrap_or_default();
                ui.add(
                    egui::TextEdit::singleline(&mut hk)
                        .id_salt(("lh", i))
                        .desired_width(24.0),
                );
                row.hotkey = hk.chars().next();
                let orig = &p.schema.labels[i];
                let uses = p.label_use_count(&orig.key);
                ui.label(uses.to_string());
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(*row != *orig, egui::Button::new(t(Msg::Apply)))
                        .clicked()
                    {
                        if row.key.trim().is_empty() {
                            ed.error = Some(t(Msg::KeyEmpty).into());
                        } else {
                            out = Outcome::Edit(crate::edit::Edit::UpdateLabel {
                                index: i,
                                label: row.clone(),
                            });
                        }
                    }
                    if ui.button(t(Msg::Delete)).clicked() {
                        out = if uses > 0 {
                            Outcome::AskDeleteLabel(orig.key.clone(), uses)
                        } else {
                            Outcome::Edit(crate::edit::Edit::RemoveLabel {
                                key: orig.key.clone(),
                            })
                        };
                    }
                });
                ui.end_row();
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let l = ui.label(t(Msg::NewLabel));
        ui.add(
            egui::TextEdit::singleline(&mut ed.new_key)
                .id_salt("new_label_key")
                .desired_width(90.0),
        )
        .labelled_by(l.id);
        egui::ComboBox::new("new_label_class", t(Msg::Class))
            .selected_text(ed.new_figure.map(|k| k.as_str()).unwrap_or(t(Msg::Entity)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut ed.new_figure, None, t(Msg::Entity));
                for k in FigureKind::ALL {
                    ui.selectable_value(&mut ed.new_figure, Some(k), k.as_str());
                }
            });
        if ui.button(t(Msg::Add)).clicked() {
            let key = ed.new_key.trim().to_string();
            if key.is_empty() {
                ed.error = Some(t(Msg::KeyEmpty).into());
            } else {
                let class = match ed.new_figure {
                    None => LabelClass::Entity,
                    Some(k) => LabelClass::Figure(k),
                };
                // Entities go after the last entity so the file order matches the palette.
                let index = match class {
                    LabelClass::Entity => p
                        .schema
                        .labels
                        .iter()
                        .rposition(|l| l.class == LabelClass::Entity)
                        .map_or(0, |i| i + 1),
                    LabelClass::Figure(_) => p.schema.labels.len(),
                };
                out = Outcome::Edit(crate::edit::Edit::AddLabel {
                    index,
                    label: p.schema.new_label(&key, class),
                });
                ed.new_key.clear();
                ed.rows.clear();
            }
        }
    });
    if let Some(e) = &ed.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    // Every changed row at once, in one undo step.
    let changed: Vec<usize> = (0..ed.rows.len())
        .filter(|&i| ed.rows[i] != p.schema.labels[i])
        .collect();
    let mut apply = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!changed.is_empty(), egui::Button::new(t(Msg::ApplyChanges)))
            .clicked()
        {
            apply = true;
        }
        if ui.button(t(Msg::Close)).clicked() {
            out = Outcome::Close;
        }
    });
    if !ed.unapplied(p) {
        ed.closing = false;
    }
    let leave = crate::ui::intent::confirm_discard(ui, &mut ed.closing, !changed.is_empty(), lang);
    match leave {
        Leave::Discard => out = Outcome::Close,
        Leave::Apply => apply = true,
        Leave::Stay => {}
    }
    if apply {
        if changed.iter().any(|&i| ed.rows[i].key.trim().is_empty()) {
            ed.error = Some(t(Msg::KeyEmpty).into());
            ed.closing = false;
        } else {
            ed.error = None;
            let mut edits: Vec<crate::edit::Edit> = changed
                .iter()
                .map(|&i| crate::edit::Edit::UpdateLabel {
                    index: i,
                    label: ed.rows[i].clone(),
                })
                .collect();
            let edit = if edits.len() == 1 {
                edits.remove(0)
            } else {
                crate::edit::Edit::Batch(edits)
            };
            out = if leave == Leave::Apply {
                Outcome::EditThenClose(edit)
            } else {
                Outcome::Edit(edit)
            };
        }
    }
    out
}

/// A one-line form: a text box labelled by `label` (focused when the dialog is fresh), an
/// error line, and OK / Cancel buttons; Enter submits. A folder form (`folder`: the UI's
/// language) has a wider box with 浏览… beside it, and the note where no native dialog is.
struct LineForm<'a> {
    label: egui::Id,
    salt: &'a str,
    fresh: bool,
    error: Option<&'a str>,
    ok: &'a str,
    cancel: &'a str,
    folder: Option<Lang>,
}

impl LineForm<'_> {
    /// `Some(Ok(text))` (trimmed, not empty) when submitted, `Some(Err(()))` on cancel.
    fn show(self, ui: &mut egui::Ui, text: &mut String) -> Option<Result<String, ()>> {
        let width = if self.folder.is_some() { 320.0 } else { 200.0 };
        let mut enter = false;
        ui.horizontal(|ui| {
            let r = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .id_salt(self.salt)
                        .desired_width(width),
                )
                .labelled_by(self.label);
            if self.fresh {
                r.request_focus();
            }
            enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(lang) = self.folder
                && let Some(f) = browse(ui, lang, &r, || rfd::FileDialog::new().pick_folder())
            {
                *text = f.display().to_string();
            }
        });
        if let Some(lang) = self.folder {
            no_file_dialog_hint(ui, lang);
        }
        if let Some(e) = self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let mut out = None;
        ui.horizontal(|ui| {
            if (ui.button(self.ok).clicked() || enter) && !text.trim().is_empty() {
                out = Some(Ok(text.trim().to_string()));
            }
            if ui.button(self.cancel).clicked() {
                out = Some(Err(()));
            }
        });
        out
    }
}
