//! The window: `BiaozhuApp` (eframe) lays out the panels, turns what they return and the
//! keyboard into edits and commands, runs them after drawing, autosaves, and asks before
//! closing with unsaved changes.

pub mod commands;
pub mod fonts;
pub mod jobs;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::i18n::{Lang, Msg, tr};
use crate::session::{Selection, Session};
use crate::store::config::UserConfig;
use crate::ui::dialogs::{self, Dialog};
use crate::ui::intent::{After, Outcome, PreviewItem};
use crate::ui::text_view::{TextAction, TextView};
use crate::ui::{Intent, documents, outline::Outline, palette, span_list::SpanList, status_bar};
use commands::Shortcut;
use jobs::{ImportJob, OpenJob, SuggestJob};

/// The sample project opened the first time.
pub fn sample_project() -> PathBuf {
    let rel = PathBuf::from("projects/bulletin-sample");
    if crate::store::is_project(&rel) {
        return rel;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/bulletin-sample")
}

/// Open the window. `project` none: the last project, else the sample.
pub fn run_native(project: Option<PathBuf>, annotator: String) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("biaozhu 标注")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "biaozhu",
        options,
        Box::new(move |cc| Ok(Box::new(BiaozhuApp::new(cc, project, annotator)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The application.
pub struct BiaozhuApp {
    lang: Lang,
    config: UserConfig,
    save_config: bool,
    annotator: String,
    ws: Option<Session>,
    job: Option<OpenJob>,
    /// Kind of the dialog shown last frame, to focus a new dialog's first field once.
    last_dialog: Option<std::mem::Discriminant<Dialog>>,
    import_job: Option<ImportJob>,
    export_job: Option<jobs::ExportJob>,
    suggest_job: Option<SuggestJob>,
    /// The user words the segmenter has.
    dialog: Option<Dialog>,
    text_view: TextView,
    span_list: SpanList,
    event_panel: crate::ui::event_panel::EventPanel,
    outline: Outline,
    allow_close: bool,
    font_size: f32,
    snap_override: Option<bool>,
    notice: Option<(String, Instant)>,
}

impl BiaozhuApp {
    /// Create the app and start opening `project` (or the last / sample project).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        project: Option<PathBuf>,
        annotator: String,
    ) -> Self {
        cc.egui_ctx.set_fonts(fonts::definitions());
        let config = UserConfig::load();
        let lang = config
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(Lang::from_env);
        let mut app = Self::bare(lang, config, true, annotator);
        let target = project
            .or_else(|| {
                app.config
                    .last_project
                    .clone()
                    .filter(|p| crate::store::is_project(p))
            })
            .unwrap_or_else(sample_project);
        app.job = Some(OpenJob::start(
            target,
            app.annotator.clone(),
            false,
            cc.egui_ctx.clone(),
        ));
        app
    }

    fn bare(lang: Lang, config: UserConfig, save_config: bool, annotator: String) -> Self {
        Self {
            lang,
            config,
            save_config,
            annotator,
            ws: None,
            job: None,
            last_dialog: None,
            import_job: None,
            export_job: None,
            suggest_job: None,
            dialog: None,
            text_view: TextView::default(),
            span_list: SpanList::default(),
            event_panel: Default::default(),
            outline: Outline::default(),
            allow_close: false,
            font_size: 18.0,
            snap_override: None,
            notice: None,
        }
    }

    /// For tests: open `dir` synchronously, language `lang`, no user config read or written.
    pub fn for_test(cc: &eframe::CreationContext<'_>, dir: &Path, lang: Lang) -> Self {
        cc.egui_ctx.set_fonts(fonts::definitions());
        let mut app = Self::bare(
            lang,
            UserConfig::default(),
            false,
            crate::store::DEFAULT_ANNOTATOR.into(),
        );
        let job = OpenJob::start(
            dir.to_path_buf(),
            app.annotator.clone(),
            false,
            cc.egui_ctx.clone(),
        );
        app.finish_open(job.wait());
        app
    }

    /// The open session.
    pub fn session(&self) -> Option<&Session> {
        self.ws.as_ref()
    }

    /// The open session, mutably (tests).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.ws.as_mut()
    }

    /// Select chars of the current document (tests, scripting).
    pub fn select_chars(&mut self, r: std::ops::Range<u32>) {
        if let Some(ws) = &mut self.ws {
            ws.selection = Some(Selection {
                anchor: r.start,
                head: r.end,
            });
            ws.selected_span = None;
        }
    }

    /// Select an event and scroll to its trigger, as a click in the event panel does
    /// (tests, benchmarks).
    pub fn select_event(&mut self, id: crate::model::EventId) {
        self.run_intent(Intent::SelectEvent(id));
    }

    /// Compute suggestions for the current document now and add them (tests, scripting);
    /// the window does the same on a background thread.
    pub fn suggest_now(&mut self, ctx: &egui::Context) -> usize {
        let Some(ws) = &mut self.ws else {
            return 0;
        };
        let Some(input) = ws.suggest_input(ws.doc) else {
            return 0;
        };
        let job = SuggestJob::start(input, ctx.clone());
        let doc = job.doc;
        let sugg = job.wait();
        ws.add_suggestions(doc, &sugg).unwrap_or(0)
    }

    /// The text view's state (benchmarks).
    pub fn text_view(&self) -> &TextView {
        &self.text_view
    }

    /// Current UI language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The dialog shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The open dialog, to change (tests fill fields that a file dialog would).
    pub fn dialog_mut(&mut self) -> Option<&mut Dialog> {
        self.dialog.as_mut()
    }

    /// Whether background work (opening, import, export, suggestions) is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
            || self.import_job.is_some()
            || self.export_job.is_some()
            || self.suggest_job.is_some()
    }

    fn t(&self, m: Msg) -> &'static str {
        tr(self.lang, m)
    }

    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.config.lang = Some(lang.code().into());
        self.store_config();
    }

    fn store_config(&mut self) {
        if self.save_config
            && let Err(e) = self.config.save()
        {
            self.notice = Some((e.to_string(), Instant::now()));
        }
    }

    fn finish_open(&mut self, r: Result<jobs::Opened, crate::store::StoreError>) {
        match r {
            Ok((store, project, seg)) => {
                let dir = store.dir().to_path_buf();
                let problems: Vec<String> = project
                    .documents
                    .iter()
                    .flat_map(|d| crate::model::validate_document(d, &project.schema))
                    .map(|p| p.to_string())
                    .collect();
                self.ws = Some(Session::with_segmenter(store, project, seg));
                self.text_view = TextView::default();
                self.span_list = SpanList::default();
                self.config.last_project = std::fs::canonicalize(&dir).ok().or(Some(dir));
                self.store_config();
                if !problems.is_empty() {
                    self.dialog = Some(Dialog::Error(format!(
                        "{}\n{}",
                        self.t(Msg::ProblemsFound),
                        problems.join("\n")
                    )));
                }
            }
            Err(crate::store::StoreError::Locked { path, pid, host }) => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let message = crate::store::StoreError::Locked { path, pid, host }.to_string();
                self.dialog = Some(Dialog::Locked { dir, message });
            }
            Err(e) => self.dialog = Some(Dialog::Error(e.to_string())),
        }
    }

    fn request_open(&mut self, ctx: &egui::Context, dir: PathBuf) {
        if self.ws.as_ref().is_some_and(|w| w.project.is_dirty()) {
            self.dialog = Some(Dialog::Unsaved(After::Open(dir)));
            return;
        }
        self.start_open(ctx, dir, false);
    }

    fn start_open(&mut self, ctx: &egui::Context, dir: PathBuf, read_only: bool) {
        // Release the current project (and its lock) first, unless it is the same folder.
        self.ws = None;
        self.job = Some(OpenJob::start(
            dir,
            self.annotator.clone(),
            read_only,
            ctx.clone(),
        ));
    }

    fn after(&mut self, ctx: &egui::Context, a: After) {
        match a {
            After::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            After::Open(dir) => self.start_open(ctx, dir, false),
        }
    }

    fn run_intent(&mut self, i: Intent) {
        let lang = self.lang;
        let Some(ws) = self.ws.as_mut() else {
            return;
        };
        let res = match i {
            Intent::Edit(e) => ws.apply(e),
            Intent::Tag(key) => {
                let on_trigger = ws.selection.is_none_or(|s| s.range().is_empty())
                    && ws
                        .selected_span
                        .and_then(|id| ws.current_span(id))
                        .is_some_and(|s| s.kind == crate::model::SpanKind::Trigger);
                if on_trigger {
                    Err(tr(lang, Msg::TriggerKeepsItsKind).to_string())
                } else {
                    ws.tag(&key).map(|_| ())
                }
            }
            Intent::OpenDoc(d) => {
                ws.open_doc(d);
                Ok(())
            }
            Intent::JumpToSpan(id) => {
                if let Some(s) = ws.current_span(id) {
                    self.text_view.scroll_to = Some(s.range.start);
                }
                ws.selected_span = Some(id);
                ws.selection = None;
                Ok(())
            }
            Intent::DeleteSelected => match (ws.selected_span, ws.delete_selected()) {
                (Some(id), Ok(events)) if !events.is_empty() => {
                    self.dialog = Some(Dialog::ConfirmDeleteSpan { id, events });
                    Ok(())
                }
                (_, r) => r.map(|_| ()),
            },
            Intent::ScrollTo(c) => {
                self.text_view.scroll_to = Some(c);
                Ok(())
            }
            Intent::CreateEvent(key) => ws.create_event(&key).map(|_| ()),
            Intent::RetypeEvent(id, key) => ws.retype_event(id, &key),
            Intent::SetEventFilter(f) => {
                ws.event_filter = f;
                Ok(())
            }
            Intent::SelectEvent(id) => {
                ws.selected_event = Some(id);
                if let Some(t) = ws
                    .project
                    .documents
                    .get(ws.doc)
                    .and_then(|d| d.layer.event(id))
                    .map(|e| e.trigger)
                {
                    ws.selected_span = Some(t);
                    ws.selection = None;
                    if let Some(s) = ws.current_span(t) {
                        self.text_view.scroll_to = Some(s.range.start);
                    }
                }
                Ok(())
            }
            Intent::SetArgument(role) => {
                ws.armed_role = None;
                ws.set_argument(&role)
            }
            Intent::RemoveArgument(k) => ws.remove_argument(k),
            Intent::RoleKey(n) => match ws.role_name(n) {
                Some(role) if ws.has_argument_target() => {
                    ws.armed_role = None;
                    ws.set_argument(&role)
                }
                Some(role) => {
                    ws.armed_role = Some(role);
                    Ok(())
                }
                None => Ok(()),
            },
            Intent::ArmRole(role) => {
                ws.armed_role = (ws.armed_role.as_ref() != Some(&role)).then_some(role);
                Ok(())
            }
            Intent::DeleteEvent(id) => ws.delete_event(id),
            Intent::EditEventTypes => {
                self.dialog = Some(Dialog::Schema(crate::ui::schema_editor::SchemaEditor::new(
                    &ws.project,
                )));
                Ok(())
            }
        };
        if let Err(e) = res {
            self.dialog = Some(Dialog::Error(format!("{}: {e}", tr(lang, Msg::Error))));
        }
    }

    /// Keyboard: commands from the table and label hotkeys (not while a text field has focus).
    fn keyboard(&mut self, ctx: &egui::Context, out: &mut Vec<Intent>) {
        if self.dialog.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let Some(ws) = self.ws.as_mut() else {
            return;
        };
        if !typing {
            // Event hotkeys (Shift+letter) and role keys (Alt+1…9) before anything that a
            // plain letter or digit would also match.
            let event_keys: Vec<(egui::Key, String)> = ws
                .project
                .schema
                .events
                .iter()
                .filter_map(|e| Some((commands::key_for_hotkey(e.hotkey?)?, e.key.clone())))
                .collect();
            ctx.input_mut(|i| {
                for (k, key) in event_keys {
                    if i.consume_key(egui::Modifiers::SHIFT, k) {
                        out.push(Intent::CreateEvent(key));
                    }
                }
                for (n, k) in commands::ROLE_KEYS.iter().enumerate() {
                    if i.consume_key(egui::Modifiers::ALT, *k) {
                        out.push(Intent::RoleKey(n));
                    }
                }
            });
        }
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for s in Shortcut::ALL {
                let sc = s.shortcut();
                let plain = sc.modifiers.is_none() || sc.logical_key == egui::Key::Tab;
                if typing && (plain || matches!(s, Shortcut::ExtendLeft | Shortcut::ExtendRight)) {
                    continue;
                }
                if i.consume_shortcut(&sc) {
                    fired.push(s);
                }
            }
        });
        for s in fired {
            match s {
                Shortcut::Undo => {
                    let _ = ws.undo();
                }
                Shortcut::Redo | Shortcut::RedoAlt => {
                    let _ = ws.redo();
                }
                Shortcut::Save => {
                    let _ = ws.save();
                }
                Shortcut::Delete => out.push(Intent::DeleteSelected),
                Shortcut::Escape => {
                    if ws.armed_role.is_some() {
                        ws.armed_role = None;
                    } else if ws.selection.is_some() {
                        ws.selection = None;
                    } else {
                        ws.selected_span = None;
                    }
                }
                Shortcut::NextSpan | Shortcut::PrevSpan => {
                    ws.step_span(s == Shortcut::NextSpan);
                    if let Some(sp) = ws.selected_span.and_then(|id| ws.current_span(id)) {
                        self.text_view.scroll_to = Some(sp.range.start);
                    }
                }
                Shortcut::ExtendLeft
                | Shortcut::ExtendRight
                | Shortcut::ExtendStartLeft
                | Shortcut::ExtendStartRight => {
                    let len = ws
                        .project
                        .documents
                        .get(ws.doc)
                        .map_or(0, |d| d.text.len_chars());
                    let mut sel = ws.selection.unwrap_or_else(|| {
                        // Start from the selected span, else from the start of the text.
                        ws.selected_span
                            .and_then(|id| ws.current_span(id))
                            .map(|sp| Selection {
                                anchor: sp.range.start,
                                head: sp.range.end,
                            })
                            .unwrap_or(Selection { anchor: 0, head: 0 })
                    });
                    let (a, h) = (sel.anchor.min(sel.head), sel.anchor.max(sel.head));
                    sel = match s {
                        Shortcut::ExtendLeft => Selection {
                            anchor: sel.anchor,
                            head: sel.head.saturating_sub(1),
                        },
                        Shortcut::ExtendRight => Selection {
                            anchor: sel.anchor,
                            head: (sel.head + 1).min(len),
                        },
                        Shortcut::ExtendStartLeft => Selection {
                            anchor: h,
                            head: a.saturating_sub(1),
                        },
                        _ => Selection {
                            anchor: h,
                            head: (a + 1).min(h),
                        },
                    };
                    ws.selection = Some(sel);
                    ws.selected_span = None;
                }
                Shortcut::NextDoc => {
                    let n = ws.project.documents.len();
                    if ws.doc + 1 < n {
                        let d = ws.doc + 1;
                        ws.open_doc(d);
                    }
                }
                Shortcut::Accept | Shortcut::Reject => {
                    if let Err(e) = ws.decide_selected(s == Shortcut::Accept) {
                        self.dialog = Some(Dialog::Error(e));
                    }
                    if let Some(sp) = ws.selected_span.and_then(|id| ws.current_span(id)) {
                        self.text_view.scroll_to = Some(sp.range.start);
                    }
                }
                Shortcut::NextEvent | Shortcut::PrevEvent => {
                    if let Some(start) = ws.step_event(s == Shortcut::NextEvent) {
                        self.text_view.scroll_to = Some(start);
                    }
                }
                Shortcut::NextSuggestion => {
                    if let Some(sp) = ws.next_pending().and_then(|id| ws.current_span(id)) {
                        self.text_view.scroll_to = Some(sp.range.start);
                    }
                }
                Shortcut::PrevDoc => {
                    if ws.doc > 0 {
                        let d = ws.doc - 1;
                        ws.open_doc(d);
                    }
                }
            }
        }
        if typing {
            return;
        }
        // Label hotkeys: plain keys only.
        let hotkeys: Vec<(egui::Key, String)> = ws
            .project
            .schema
            .labels
            .iter()
            .filter_map(|l| Some((commands::key_for_hotkey(l.hotkey?)?, l.key.clone())))
            .collect();
        ctx.input_mut(|i| {
            for (k, label) in hotkeys {
                if i.consume_key(egui::Modifiers::NONE, k) {
                    out.push(Intent::Tag(label));
                }
            }
        });
    }

    fn menu(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t(Msg::MenuFile), |ui| {
                if ui.button(self.t(Msg::OpenProject)).clicked() {
                    let path = self
                        .ws
                        .as_ref()
                        .map(|w| w.store.dir().display().to_string())
                        .unwrap_or_default();
                    self.dialog = Some(Dialog::OpenProject { path });
                }
                let has = self.ws.is_some();
                if ui
                    .add_enabled(has, egui::Button::new(self.t(Msg::ImportText)))
                    .clicked()
                {
                    self.dialog = Some(Dialog::Import {
                        paths: String::new(),
                        encoding: None,
                        format: crate::format::text::FORMAT.name,
                    });
                }
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(format!("{}  Ctrl+S", self.t(Msg::Save))),
                    )
                    .clicked()
                    && let Some(ws) = &mut self.ws
                {
                    let _ = ws.save();
                }
                if ui
                    .add_enabled(has, egui::Button::new(self.t(Msg::ExportCorpus)))
                    .clicked()
                {
                    let path = self
                        .ws
                        .as_ref()
                        .map(|w| w.store.dir().join("corpus.json").display().to_string())
                        .unwrap_or_default();
                    self.dialog = Some(Dialog::Export {
                        path,
                        format: crate::format::corpus::JSON.name,
                        unit: Default::default(),
                    });
                }
                ui.separator();
                if ui.button(self.t(Msg::Quit)).clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(self.t(Msg::MenuEdit), |ui| {
                if let Some(ws) = &mut self.ws {
                    if ui
                        .add_enabled(
                            ws.history.can_undo(),
                            egui::Button::new(format!("{}  Ctrl+Z", tr(self.lang, Msg::Undo))),
                        )
                        .clicked()
                    {
                        let _ = ws.undo();
                    }
                    if ui
                        .add_enabled(
                            ws.history.can_redo(),
                            egui::Button::new(format!(
                                "{}  Ctrl+Shift+Z / Ctrl+Y",
                                tr(self.lang, Msg::Redo)
                            )),
                        )
                        .clicked()
                    {
                        let _ = ws.redo();
                    }
                }
            });
            ui.menu_button(self.t(Msg::MenuLabels), |ui| {
                if ui
                    .add_enabled(
                        self.ws.is_some(),
                        egui::Button::new(self.t(Msg::EditLabels)),
                    )
                    .clicked()
                    && let Some(ws) = &self.ws
                {
                    self.dialog = Some(Dialog::Labels(dialogs::LabelEditor::new(&ws.project)));
                }
                if ui
                    .add_enabled(
                        self.ws.is_some(),
                        egui::Button::new(self.t(Msg::EditEventTypes)),
                    )
                    .clicked()
                    && let Some(ws) = &self.ws
                {
                    self.dialog = Some(Dialog::Schema(
                        crate::ui::schema_editor::SchemaEditor::new(&ws.project),
                    ));
                }
            });
            ui.menu_button(self.t(Msg::MenuSuggest), |ui| {
                self.suggest_menu(ui);
            });
            ui.menu_button(self.t(Msg::MenuView), |ui| {
                let mut snap = self.snap();
                if ui.checkbox(&mut snap, self.t(Msg::SnapToWords)).changed() {
                    self.snap_override = Some(snap);
                }
                let label = self.t(Msg::FontSize);
                ui.add(egui::Slider::new(&mut self.font_size, 12.0..=32.0).text(label));
                if ui
                    .add_enabled(
                        self.ws.is_some(),
                        egui::Button::new(self.t(Msg::UserDictionary)),
                    )
                    .clicked()
                {
                    self.dialog = Some(Dialog::UserWords {
                        new_word: String::new(),
                    });
                }
                ui.separator();
                ui.label(self.t(Msg::Shortcuts));
                for s in Shortcut::ALL {
                    ui.weak(format!(
                        "{}: {}",
                        s.shortcut().format(&egui::ModifierNames::NAMES, false),
                        s.name(self.lang)
                    ));
                }
                ui.weak(format!(
                    "Shift+A…Z: {}",
                    self.t(Msg::NewEvent).trim_end_matches(['：', ':'])
                ));
                ui.weak(format!("Alt+1…9: {}", self.t(Msg::RoleKeyHint)));
            });
            ui.separator();
            let mut lang = self.lang;
            ui.selectable_value(&mut lang, Lang::Zh, "中文");
            ui.selectable_value(&mut lang, Lang::En, "English");
            if lang != self.lang {
                self.set_lang(lang);
            }
        });
    }

    fn suggest_menu(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let Some(ws) = &mut self.ws else {
            return;
        };
        let running = self.suggest_job.is_some();
        if ui
            .add_enabled(!running, egui::Button::new(tr(lang, Msg::SuggestDoc)))
            .clicked()
        {
            self.suggest_job = ws
                .suggest_input(ws.doc)
                .map(|input| SuggestJob::start(input, ui.ctx().clone()));
        }
        if ui.button(tr(lang, Msg::DetectStructure)).clicked()
            && let Err(e) = ws.detect_structure()
        {
            self.dialog = Some(Dialog::Error(e));
        }
        ui.separator();
        let n = ws.pending().len();
        ui.label(format!("{}: {n}", tr(lang, Msg::Pending)));
        let mut res = Ok(0);
        if ui
            .add_enabled(
                n > 0,
                egui::Button::new(format!("{}  N", tr(lang, Msg::NextSuggestion))),
            )
            .clicked()
            && let Some(sp) = ws.next_pending().and_then(|id| ws.current_span(id))
        {
            self.text_view.scroll_to = Some(sp.range.start);
        }
        if ui
            .add_enabled(n > 0, egui::Button::new(tr(lang, Msg::AcceptAll)))
            .clicked()
        {
            res = ws.decide_all(true, None);
        }
        if ui
            .add_enabled(n > 0, egui::Button::new(tr(lang, Msg::RejectAll)))
            .clicked()
        {
            res = ws.decide_all(false, None);
        }
        let mut labels: Vec<String> = ws.pending().iter().map(|s| s.label.clone()).collect();
        labels.sort();
        labels.dedup();
        for l in labels {
            if ui
                .button(format!("{} {l}", tr(lang, Msg::AcceptAllOf)))
                .clicked()
            {
                res = ws.decide_all(true, Some(&l));
            }
        }
        if let Err(e) = res {
            self.dialog = Some(Dialog::Error(e));
        }
    }

    fn snap(&self) -> bool {
        self.snap_override.unwrap_or_else(|| {
            self.ws
                .as_ref()
                .is_some_and(|w| w.project.settings.snap_to_words)
        })
    }

    fn handle_outcome(&mut self, ctx: &egui::Context, o: Outcome) {
        match o {
            Outcome::Open => {}
            Outcome::Close => self.dialog = None,
            Outcome::SaveThen(a) => {
                self.dialog = None;
                let saved = self
                    .ws
                    .as_mut()
                    .map(|w| w.save())
                    .unwrap_or(Ok(Default::default()));
                match saved {
                    Ok(_) => self.after(ctx, a),
                    Err(e) => {
                        self.dialog =
                            Some(Dialog::Error(format!("{}: {e}", self.t(Msg::SaveFailed))))
                    }
                }
            }
            Outcome::DiscardThen(a) => {
                self.dialog = None;
                if let Some(ws) = &mut self.ws {
                    // Forget the changes so that nothing saves them on the way out.
                    ws.project.dirty_docs.clear();
                    ws.project.project_dirty = false;
                }
                self.after(ctx, a);
            }
            Outcome::OpenProject(dir) => {
                self.dialog = None;
                self.request_open(ctx, dir);
            }
            Outcome::OpenReadOnly(dir) => {
                self.dialog = None;
                self.start_open(ctx, dir, true);
            }
            Outcome::Import(files, format, opts) => {
                self.dialog = None;
                self.import(ctx, files, format, opts);
            }
            Outcome::ImportRepaired(items) => {
                self.dialog = None;
                self.import_repaired(items);
            }
            Outcome::Export(path, format, opts) => {
                self.dialog = None;
                self.export(ctx, path, format, opts);
            }
            Outcome::Edit(e) => {
                if let Some(ws) = &mut self.ws
                    && let Err(err) = ws.apply(e)
                {
                    self.dialog = Some(Dialog::Error(err));
                }
            }
            Outcome::DeleteSpanDetaching(id) => {
                self.dialog = None;
                if let Some(ws) = &mut self.ws
                    && let Err(err) = ws.delete_detaching(id)
                {
                    self.dialog = Some(Dialog::Error(err));
                }
            }
            Outcome::AskDeleteLabel(key, count) => {
                self.dialog = Some(Dialog::ConfirmDeleteLabel { key, count });
            }
            Outcome::DeleteLabelWithSpans(key) => {
                self.dialog = None;
                if let Some(ws) = &mut self.ws {
                    let e = crate::edit::delete_label_with_spans(&ws.project, &key);
                    if let Err(err) = ws.apply(e) {
                        self.dialog = Some(Dialog::Error(err));
                    }
                }
            }
        }
    }

    /// Start reading files on a thread, through the format registry.
    fn import(
        &mut self,
        ctx: &egui::Context,
        files: Vec<PathBuf>,
        format: &str,
        opts: crate::format::Options,
    ) {
        let Some(f) = crate::format::by_name(format) else {
            return;
        };
        if let Some(e) = opts.encoding.as_deref()
            && let Err(e) = crate::zh::encoding::encoding_for_name(e)
        {
            self.dialog = Some(Dialog::Error(e.to_string()));
            return;
        }
        self.import_job = Some(ImportJob::start(files, f, opts, ctx.clone()));
    }

    /// An import job read its files: texts without annotations that show extraction debris
    /// go to the repair preview first (a repair changes the text, which annotations could
    /// not follow); the rest, and the failures, are added and reported at once.
    fn finish_import(&mut self, read: Vec<jobs::ReadFile>) {
        let mut direct = Vec::new();
        let mut notes = Vec::new();
        let mut errors = Vec::new();
        let mut preview = Vec::new();
        for (path, r) in read {
            match r {
                Ok(r) => {
                    notes.extend(r.problems);
                    for doc in r.docs {
                        let plain = doc.spans.is_empty() && doc.events.is_empty();
                        let repairs = if plain {
                            crate::zh::structure::analyse(&doc.text.text).repairs
                        } else {
                            Vec::new()
                        };
                        if repairs.is_empty() {
                            direct.push(doc);
                        } else {
                            preview.push(PreviewItem {
                                path: path.clone(),
                                chosen: vec![true; repairs.len()],
                                doc,
                                repairs,
                            });
                        }
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !direct.is_empty() || !errors.is_empty() || !notes.is_empty() {
            self.add_read(direct, notes, errors);
        }
        if !preview.is_empty() && self.dialog.is_none() {
            self.dialog = Some(Dialog::ImportPreview { items: preview });
        }
    }

    /// Add texts with their chosen repairs (the text as decoded is kept beside it).
    fn import_repaired(&mut self, items: Vec<PreviewItem>) {
        let docs = items
            .into_iter()
            .map(|it| {
                let chosen: Vec<crate::zh::structure::Repair> = it
                    .repairs
                    .iter()
                    .zip(&it.chosen)
                    .filter(|(_, c)| **c)
                    .map(|(r, _)| r.clone())
                    .collect();
                let mut doc = it.doc;
                if !chosen.is_empty() {
                    let original = doc.text.text.clone();
                    doc.text.text = crate::zh::structure::apply_repairs(&original, &chosen);
                    doc.original = Some(original);
                }
                doc
            })
            .collect();
        self.add_read(docs, Vec::new(), Vec::new());
    }

    /// Add documents read from files through the session, save, open the first new one, and
    /// say what went in, what did not fit (file and line) and which event types are unknown.
    fn add_read(
        &mut self,
        docs: Vec<crate::format::ReadDoc>,
        mut notes: Vec<String>,
        mut errors: Vec<String>,
    ) {
        let lang = self.lang;
        let Some(ws) = &mut self.ws else {
            return;
        };
        let before = ws.project.documents.len();
        let mut done = Vec::new();
        match ws.add_read(docs) {
            Ok(added) => {
                for a in added {
                    done.push(match (lang, a.spans + a.events > 0) {
                        (Lang::Zh, true) => {
                            format!("{}（{} 个标注，{} 个事件）", a.id, a.spans, a.events)
                        }
                        (Lang::En, true) => {
                            format!("{} ({} spans, {} events)", a.id, a.spans, a.events)
                        }
                        (Lang::Zh, false) => format!(
                            "{}（{} 字，{}{}）",
                            a.id,
                            a.chars,
                            a.encoding,
                            if a.detected { "，自动识别" } else { "" }
                        ),
                        (Lang::En, false) => format!(
                            "{} ({} chars, {}{})",
                            a.id,
                            a.chars,
                            a.encoding,
                            if a.detected { ", detected" } else { "" }
                        ),
                    });
                    if !a.unknown_types.is_empty() {
                        notes.push(format!(
                            "{}: {}: {}",
                            a.id,
                            tr(lang, Msg::UnknownEventTypes),
                            a.unknown_types.join(", ")
                        ));
                    }
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
        if ws.project.documents.len() > before {
            ws.open_doc(before);
            if let Err(e) = ws.save() {
                errors.push(e);
            }
        }
        let head = format!("{}: {}", tr(lang, Msg::Imported), done.join(", "));
        if !errors.is_empty() {
            let mut msg = vec![head];
            msg.extend(errors);
            msg.extend(notes);
            self.dialog = Some(Dialog::Error(msg.join("\n")));
        } else if !notes.is_empty() {
            let mut msg = vec![head];
            msg.extend(notes);
            self.dialog = Some(Dialog::Info(msg.join("\n")));
        } else {
            self.notice = Some((head, Instant::now()));
        }
    }

    /// Start exporting on a thread (a copy of the project goes with it).
    fn export(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: &str,
        opts: crate::format::Options,
    ) {
        let (Some(ws), Some(f)) = (&self.ws, crate::format::by_name(format)) else {
            return;
        };
        if let Some(old) = self.export_job.take() {
            old.cancel();
        }
        self.export_job = Some(jobs::ExportJob::start(
            ws.project.clone(),
            path,
            f,
            opts,
            ctx.clone(),
        ));
    }

    /// An export ended: say where it went, what the format could not hold, or what failed.
    fn finish_export(&mut self, path: &Path, r: Result<jobs::ExportEnd, String>) {
        match r {
            Ok(jobs::ExportEnd::Written { notes, .. }) if notes.is_empty() => {
                self.notice = Some((
                    format!("{} {}", self.t(Msg::Exported), path.display()),
                    Instant::now(),
                ))
            }
            // What could not be written is shown, not only counted.
            Ok(jobs::ExportEnd::Written { notes, .. }) => {
                self.dialog = Some(Dialog::Info(format!(
                    "{} {}\n{}:\n{}",
                    self.t(Msg::Exported),
                    path.display(),
                    self.t(Msg::LeftOut),
                    notes.join("\n")
                )))
            }
            Ok(jobs::ExportEnd::Cancelled) => {
                self.notice = Some((self.t(Msg::ExportCancelled).to_string(), Instant::now()))
            }
            Err(e) => self.dialog = Some(Dialog::Error(e)),
        }
    }

    fn apply_text_actions(&mut self, actions: Vec<TextAction>) {
        let Some(ws) = &mut self.ws else {
            return;
        };
        for a in actions {
            match a {
                TextAction::SelectSpan(id) => {
                    ws.selected_span = Some(id);
                    ws.selection = None;
                }
                TextAction::Select(s) => {
                    ws.selection = Some(s);
                    if s.anchor != s.head {
                        ws.selected_span = None;
                    }
                }
                TextAction::ClearAll => {
                    ws.selection = None;
                    ws.selected_span = None;
                }
            }
        }
    }

    /// A role waiting for a span: fill it once a span is clicked or a selection is finished.
    fn fill_armed_role(&mut self, pointer_down: bool) {
        let Some(ws) = &mut self.ws else {
            return;
        };
        if pointer_down || !ws.has_argument_target() {
            return;
        }
        if let Some(role) = ws.armed_role.take()
            && let Err(e) = ws.set_argument(&role)
        {
            self.dialog = Some(Dialog::Error(e));
        }
    }
}

impl eframe::App for BiaozhuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // A finished open job.
        if let Some(job) = &self.job
            && let Some(r) = job.poll()
        {
            self.job = None;
            self.finish_open(r);
        }
        if let Some(job) = &self.export_job
            && let Some(r) = job.poll()
        {
            let path = job.path.clone();
            self.export_job = None;
            self.finish_export(&path, r);
        }
        if let Some(job) = &self.import_job
            && let Some(done) = job.poll()
        {
            self.import_job = None;
            self.finish_import(done);
        }
        if let Some(job) = &self.suggest_job
            && let Some(sugg) = job.poll()
        {
            let doc = job.doc;
            self.suggest_job = None;
            if let Some(ws) = &mut self.ws {
                match ws.add_suggestions(doc, &sugg) {
                    Ok(n) => {
                        self.notice = Some((
                            format!("{n} {}", tr(self.lang, Msg::SuggestionsAdded)),
                            Instant::now(),
                        ))
                    }
                    Err(e) => self.dialog = Some(Dialog::Error(e)),
                }
            }
        }
        // Closing with unsaved changes asks.
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.ws.as_ref().is_some_and(|w| w.project.is_dirty())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved(After::Quit));
        }
        let mut intents = Vec::new();
        self.keyboard(&ctx, &mut intents);

        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        if let Some(ws) = &self.ws {
            egui::Panel::top("palette").show(ui, |ui| {
                palette::ui(ui, &ws.project.schema, self.lang, &mut intents)
            });
            egui::Panel::bottom("status").show(ui, |ui| {
                status_bar::ui(ui, ws, self.lang);
                if let Some(job) = &self.suggest_job {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(tr(self.lang, Msg::Suggesting));
                        if ui.button(tr(self.lang, Msg::Cancel)).clicked() {
                            job.cancel();
                        }
                    });
                }
                if let Some(job) = &self.export_job {
                    job_row(ui, self.lang, Msg::Exporting, job);
                }
                if let Some(job) = &self.import_job {
                    job_row(ui, self.lang, Msg::Importing, job);
                }
                if let Some((n, at)) = &self.notice
                    && at.elapsed() < Duration::from_secs(8)
                {
                    ui.weak(n);
                }
            });
            egui::Panel::left("docs")
                .default_size(240.0)
                .show(ui, |ui| {
                    documents::ui(ui, ws, self.lang, &mut intents);
                    ui.separator();
                    self.outline.ui(ui, ws, self.lang, &mut intents);
                });
            egui::Panel::right("spans")
                .default_size(340.0)
                .show(ui, |ui| {
                    let n = ws
                        .project
                        .documents
                        .get(ws.doc)
                        .map_or(0, |d| d.layer.events.len());
                    egui::CollapsingHeader::new(format!("{} ({n})", tr(self.lang, Msg::Events)))
                        .default_open(true)
                        .show(ui, |ui| {
                            self.event_panel.ui(ui, ws, self.lang, &mut intents);
                        });
                    ui.separator();
                    self.span_list.ui(ui, ws, self.lang, &mut intents)
                });
        }
        let mut text_actions = Vec::new();
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if let Some(job) = &self.job {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.label(format!(
                        "{} {}",
                        tr(self.lang, Msg::Opening),
                        job.dir.display()
                    ));
                    ui.add(
                        egui::ProgressBar::new(job.progress())
                            .show_percentage()
                            .desired_width(300.0),
                    );
                    if ui.button(tr(self.lang, Msg::Cancel)).clicked() {
                        job.cancel();
                    }
                });
            } else if let Some(ws) = &self.ws {
                if ws.project.documents.is_empty() {
                    ui.label(tr(self.lang, Msg::NoDocuments));
                } else {
                    text_actions =
                        self.text_view
                            .ui(ui, ws, self.snap(), self.lang, self.font_size);
                }
            } else {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading("biaozhu 标注");
                    if ui.button(tr(self.lang, Msg::OpenProject)).clicked() {
                        self.dialog = Some(Dialog::OpenProject {
                            path: sample_project().display().to_string(),
                        });
                    }
                });
            }
        });
        self.apply_text_actions(text_actions);

        let kind = self.dialog.as_ref().map(std::mem::discriminant);
        let fresh = kind != self.last_dialog;
        self.last_dialog = kind;
        if let Some(mut d) = self.dialog.take() {
            let o = dialogs::show(
                &ctx,
                &mut d,
                self.ws.as_ref().map(|w| &w.project),
                self.lang,
                fresh,
            );
            self.dialog = Some(d);
            self.handle_outcome(&ctx, o);
        }
        for i in intents {
            self.run_intent(i);
        }
        let pointer_down = ctx.input(|i| i.pointer.any_down());
        self.fill_armed_role(pointer_down);
        // Autosave a few seconds after the last edit.
        if let Some(ws) = &mut self.ws
            && ws.project.is_dirty()
        {
            let secs = ws.project.settings.autosave_secs.max(1);
            if ws.autosave_due(Instant::now(), secs) {
                let _ = ws.save();
            } else {
                ctx.request_repaint_after(Duration::from_millis(500));
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The user chose to discard, or nothing is dirty; a last save is harmless either way.
        if let Some(ws) = &mut self.ws
            && ws.project.is_dirty()
            && !self.allow_close
        {
            let _ = ws.save();
        }
    }
}

/// A status-bar row for a background job: what it does, its progress, and a cancel button.
fn job_row(ui: &mut egui::Ui, lang: Lang, what: Msg, job: &jobs::Control) {
    ui.horizontal(|ui| {
        ui.label(tr(lang, what));
        ui.add(egui::ProgressBar::new(job.progress()).desired_width(200.0));
        if ui.button(tr(lang, Msg::Cancel)).clicked() {
            job.cancel();
        }
    });
}
