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
use crate::ui::text_view::TextView;
use crate::ui::{
    Intent, documents::DocumentList, outline::Outline, palette, span_list::SpanList, status_bar,
};
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

/// Open the window. `project` none: the last project, else the sample. `made_for`: the
/// project was made (or found) for a text file, which the status bar says.
pub fn run_native(
    project: Option<PathBuf>,
    annotator: Option<String>,
    made_for: Option<crate::cli::MadeFor>,
    review: bool,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("biaozhu 标注")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "biaozhu",
        options,
        Box::new(move |cc| {
            let mut app = BiaozhuApp::new(cc, project, annotator, review);
            if let Some(m) = &made_for {
                app.note_made_for(m);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Whose layer the window opens: `--annotator` wins, then the name in the preferences (if it
/// can be a layer), else `main`; the flag is true when the window should ask for a name (the
/// first start: neither was given).
pub fn pick_annotator(given: Option<String>, saved: Option<&str>) -> (String, bool) {
    if let Some(g) = given {
        return (g, false);
    }
    match saved {
        Some(s) if crate::store::check_annotator(s).is_ok() => (s.to_string(), false),
        _ => (crate::store::DEFAULT_ANNOTATOR.to_string(), true),
    }
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
    train_job: Option<jobs::TrainJob>,
    /// The event taggers' training, while it runs.
    event_train_job: Option<jobs::EventTrainJob>,
    /// How the project's saved event taggers scored on held-out texts (read from
    /// `models/triggers.ron` on opening, and set when they are trained).
    event_scores: Option<crate::learn::event_scores::EventScores>,
    /// Retrain the model after this many newly accepted entities (0: only when asked).
    retrain_every: usize,
    /// The session generation the retrain count was last checked at (counting the accepted
    /// entities walks every span: not every frame).
    retrain_checked: u64,
    /// The egui context, for jobs started by an intent (they repaint when done).
    ctx: egui::Context,
    /// Added to the clock (tests move time forward without waiting).
    clock_offset: Duration,
    dialog: Option<Dialog>,
    text_view: TextView,
    span_list: SpanList,
    event_panel: crate::ui::event_panel::EventPanel,
    outline: Outline,
    find_bar: crate::ui::find_bar::FindBar,
    doc_list: DocumentList,
    allow_close: bool,
    font_size: f32,
    snap_override: Option<bool>,
    notice: Option<(String, Instant)>,
    /// A notice for when the project being opened is open.
    pending_notice: Option<String>,
    /// The files changed on disk that the user was last asked about (the dialog is not
    /// shown again for the same files until a save the user asked for meets them again).
    disk_asked: Option<Vec<PathBuf>>,
    /// What the unsaved-changes prompt's save was for (closing the window, opening another
    /// project) when it met files changed on disk: done once the user has chosen which
    /// version to keep; 稍后再说 (or any other way out of that question) gives it up.
    after_disk_choice: Option<After>,
    /// A save of more layers than one frame writes, going on a part a frame: one the user
    /// asked for (Ctrl+S, or 保存 in the unsaved-changes question), then what it was for,
    /// or the autosave's.
    saving: Option<SaveRun>,
    /// Whether the window had the focus at the last frame (coming back to the front, it
    /// looks for project files changed on disk meanwhile).
    was_focused: bool,
    /// The files changed on disk the user last said not now to.
    changes_noticed: Vec<PathBuf>,
    /// Looking for files changed on disk, on another thread (it reads the file system:
    /// a quarter of a second on 10,000 documents in review), since the window came back
    /// to the front.
    watching: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    /// Whether the remembered zoom and theme were applied (in the first frame, after eframe
    /// or a test harness has set up the context).
    looks_applied: bool,
    /// The review panel (shown in review mode).
    review_panel: crate::ui::review_panel::ReviewPanel,
    /// The layer the next open takes, when not the annotator's own (`curated` for review).
    open_layer: Option<String>,
    /// Start review once the project being opened is open.
    review_on_open: bool,
    /// The filter review takes once it has started (a confusion cell sent to review).
    review_filter_on_start: Option<crate::session::review::ReviewFilter>,
    /// The agreement view, when open: the figures computed when it was opened and the pair
    /// shown in detail.
    agreement: Option<crate::ui::agreement::Shown>,
    /// The agreement figures being computed.
    agree_job: Option<jobs::AgreeJob>,
    /// The statistics view, when open.
    stats: Option<crate::review::stats::ProjectStats>,
    /// Counting for the statistics view, on a thread.
    stats_job: Option<jobs::StatsJob>,
    /// The inconsistent tags view, when open: what was found, and in which layer.
    consistency: Option<(Vec<crate::ui::consistency_view::Found>, String)>,
    /// The inconsistent tags being looked for (and in which layer).
    consistency_job: Option<(jobs::ConsistencyJob, String)>,
}

impl BiaozhuApp {
    /// Create the app and start opening `project` (or the last / sample project) as
    /// `annotator` (`--annotator`), else the name in the preferences; with neither, the
    /// window asks for a name first (see [`pick_annotator`]). With `review`, the project's
    /// curated layer opens in review mode.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        project: Option<PathBuf>,
        annotator: Option<String>,
        review: bool,
    ) -> Self {
        Self::starting(cc, UserConfig::load(), true, project, annotator, review)
    }

    /// For tests: as [`Self::new`] on `project`, from the user settings `config` (as if read
    /// from the config file; changed in memory only).
    pub fn for_test_start(
        cc: &eframe::CreationContext<'_>,
        config: UserConfig,
        project: PathBuf,
        annotator: Option<String>,
        review: bool,
    ) -> Self {
        Self::starting(cc, config, false, Some(project), annotator, review)
    }

    fn starting(
        cc: &eframe::CreationContext<'_>,
        config: UserConfig,
        save_config: bool,
        project: Option<PathBuf>,
        annotator: Option<String>,
        review: bool,
    ) -> Self {
        cc.egui_ctx.set_fonts(fonts::definitions());
        let lang = config
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(Lang::from_env);
        let (annotator, ask) = pick_annotator(annotator, config.annotator.as_deref());
        let mut app = Self::bare(&cc.egui_ctx, lang, config, save_config, annotator);
        if ask {
            app.dialog = Some(Dialog::Annotator {
                name: crate::store::config::os_user_name(),
                error: None,
            });
        }
        let target = project
            .or_else(|| {
                app.config
                    .last_project
                    .clone()
                    .filter(|p| crate::store::is_project(p))
            })
            .unwrap_or_else(sample_project);
        if review {
            app.open_layer = Some(crate::model::CURATED.into());
            app.review_on_open = true;
        }
        let layer = app
            .open_layer
            .clone()
            .unwrap_or_else(|| app.annotator.clone());
        let review = app.review_on_open;
        app.job = Some(OpenJob::start(
            target,
            layer,
            false,
            review,
            cc.egui_ctx.clone(),
        ));
        app
    }

    fn bare(
        ctx: &egui::Context,
        lang: Lang,
        config: UserConfig,
        save_config: bool,
        annotator: String,
    ) -> Self {
        // Zoom keys are the command table's, so that the factor is remembered.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let retrain_every = config.retrain_every.unwrap_or(0);
        Self {
            looks_applied: false,
            ctx: ctx.clone(),
            clock_offset: Duration::ZERO,
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
            train_job: None,
            event_train_job: None,
            event_scores: None,
            retrain_every,
            retrain_checked: 0,
            dialog: None,
            text_view: TextView::default(),
            span_list: SpanList::default(),
            event_panel: Default::default(),
            outline: Outline::default(),
            find_bar: Default::default(),
            doc_list: DocumentList::default(),
            allow_close: false,
            font_size: 18.0,
            snap_override: None,
            notice: None,
            pending_notice: None,
            disk_asked: None,
            after_disk_choice: None,
            saving: None,
            was_focused: true,
            changes_noticed: Vec::new(),
            watching: None,
            review_panel: Default::default(),
            open_layer: None,
            review_on_open: false,
            review_filter_on_start: None,
            agreement: None,
            agree_job: None,
            stats: None,
            stats_job: None,
            consistency: None,
            consistency_job: None,
        }
    }

    /// For tests: open `dir` synchronously, language `lang`, no user config read or written.
    pub fn for_test(cc: &eframe::CreationContext<'_>, dir: &Path, lang: Lang) -> Self {
        Self::for_test_with(cc, dir, lang, UserConfig::default())
    }

    /// For tests: as [`Self::for_test`], starting from the user settings `config` (as if read
    /// from the config file), which are changed in memory only.
    pub fn for_test_with(
        cc: &eframe::CreationContext<'_>,
        dir: &Path,
        lang: Lang,
        config: UserConfig,
    ) -> Self {
        cc.egui_ctx.set_fonts(fonts::definitions());
        let mut app = Self::bare(
            &cc.egui_ctx,
            lang,
            config,
            false,
            crate::store::DEFAULT_ANNOTATOR.into(),
        );
        let job = OpenJob::start(
            dir.to_path_buf(),
            app.annotator.clone(),
            false,
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

    /// The agreement figures the agreement view shows, when it is open.
    pub fn agreement(&self) -> Option<&crate::review::agree::Agreement> {
        self.agreement.as_ref().map(|s| &s.figures)
    }

    /// What the agreement view shows and has chosen, when it is open.
    pub fn agreement_shown(&self) -> Option<&crate::ui::agreement::Shown> {
        self.agreement.as_ref()
    }

    /// Open the agreement view: save unsaved work (the figures are read from the files of
    /// every annotator), then load every layer of the project folder and compute the figures
    /// on a thread; the view opens when they are ready.
    fn open_agreement(&mut self, against: Option<String>) {
        let Some(dir) = self.saved_dir() else { return };
        if let Some(old) = self.agree_job.take() {
            old.cancel();
        }
        self.agree_job = Some(jobs::AgreeJob::agreement(dir, against, self.ctx.clone()));
    }

    /// Save unsaved work (what follows reads the project's files) and give the folder.
    fn saved_dir(&mut self) -> Option<PathBuf> {
        let ws = self.ws.as_mut()?;
        if ws.project().is_dirty() && !ws.store().is_read_only() {
            let _ = ws.save();
        }
        Some(ws.store().dir().to_path_buf())
    }

    /// Count for the statistics view on a thread (after saving: it reads the files).
    fn open_stats(&mut self) {
        let Some(dir) = self.saved_dir() else { return };
        if let Some(old) = self.stats_job.take() {
            old.cancel();
        }
        self.stats_job = Some(jobs::StatsJob::stats(dir, self.ctx.clone()));
    }

    /// Look for the open layer's inconsistent tags on a thread (after saving: it reads the
    /// files); the view opens, or is refreshed, when they are found.
    fn open_consistency(&mut self) {
        let Some(ws) = &self.ws else { return };
        let layer = ws.project().annotator.clone();
        let words = ws.project().settings.user_words.clone();
        let Some(dir) = self.saved_dir() else { return };
        if let Some((old, _)) = self.consistency_job.take() {
            old.cancel();
        }
        let job = jobs::ConsistencyJob::consistency(dir, layer.clone(), words, self.ctx.clone());
        self.consistency_job = Some((job, layer));
    }

    /// The inconsistent tags shown, if the view is open.
    pub fn consistency(&self) -> Option<&[crate::ui::consistency_view::Found]> {
        self.consistency.as_ref().map(|(f, _)| f.as_slice())
    }

    /// The statistics shown, if the view is open.
    pub fn stats(&self) -> Option<&crate::review::stats::ProjectStats> {
        self.stats.as_ref()
    }

    /// The agreement job finished: open the view, or say why not (a cancel says nothing).
    fn finish_agreement(
        &mut self,
        r: Result<crate::review::agree::Agreement, crate::store::StoreError>,
        cancelled: bool,
    ) {
        match r {
            Ok(a) => self.agreement = Some(crate::ui::agreement::Shown::new(a)),
            Err(_) if cancelled => {}
            Err(e) => {
                self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)));
            }
        }
    }

    /// Select chars of the current document (tests, scripting).
    pub fn select_chars(&mut self, r: std::ops::Range<u32>) {
        if let Some(ws) = &mut self.ws {
            ws.clear_selection();
        }
        self.run_intent(Intent::SelectChars(Selection {
            anchor: r.start,
            head: r.end,
        }));
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
        let Some(input) = ws.suggest_input(ws.doc()) else {
            return 0;
        };
        let job = SuggestJob::start(input, ctx.clone());
        let doc = job.doc;
        let sugg = job.wait();
        ws.add_suggestions(doc, &sugg).unwrap_or(0)
    }

    /// Move the app's clock forward (tests: autosave without waiting).
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock_offset += by;
    }

    fn now(&self) -> Instant {
        Instant::now() + self.clock_offset
    }

    /// The text view's state (benchmarks).
    pub fn text_view(&self) -> &TextView {
        &self.text_view
    }

    /// The document list's state (tests).
    pub fn document_list(&self) -> &DocumentList {
        &self.doc_list
    }

    /// The document list's state, to change its filter (tests).
    pub fn document_list_mut(&mut self) -> &mut DocumentList {
        &mut self.doc_list
    }

    /// Ask for the annotator's name (File → Annotator…), prefilled with the current one.
    pub fn ask_annotator(&mut self) {
        self.dialog = Some(Dialog::Annotator {
            name: self.annotator.clone(),
            error: None,
        });
    }

    /// The user settings as they would be saved.
    pub fn config(&self) -> &UserConfig {
        &self.config
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

    /// Whether the window is looking for project files changed on disk (since it came back
    /// to the front), on another thread.
    pub fn watching_files(&self) -> bool {
        self.watching.is_some()
    }

    /// Whether background work (opening, import, export, suggestions) is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
            || self.import_job.is_some()
            || self.export_job.is_some()
            || self.suggest_job.is_some()
            || self.train_job.is_some()
            || self.event_train_job.is_some()
            || self.agree_job.is_some()
            || self.stats_job.is_some()
            || self.consistency_job.is_some()
            || self.saving.is_some()
    }

    fn t(&self, m: Msg) -> &'static str {
        tr(self.lang, m)
    }

    fn set_lang(&mut self, lang: Lang) {
        // A notice was written in the language it was given in: it goes rather than stay,
        // for the seconds it has left, in the language just left.
        if lang != self.lang {
            self.notice = None;
        }
        self.lang = lang;
        self.config.lang = Some(lang.code().into());
        self.store_config();
    }

    fn zoom(&mut self, step: i8) {
        let z = crate::store::config::zoom_step(self.ctx.zoom_factor(), step);
        self.ctx.set_zoom_factor(z);
        self.config.zoom = Some(z);
        self.store_config();
    }

    fn set_light(&mut self, light: bool) {
        self.ctx.set_theme(if light {
            egui::Theme::Light
        } else {
            egui::Theme::Dark
        });
        self.config.light = Some(light);
        self.store_config();
    }

    /// Files dropped onto the window open the import dialog with their paths (added to the
    /// paths of an import dialog already open); the dialog detects their format. Ignored
    /// with no project open or another dialog open.
    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() || self.ws.is_none() {
            return;
        }
        let lines: Vec<String> = dropped.iter().map(|p| p.display().to_string()).collect();
        match &mut self.dialog {
            None => {
                self.dialog = Some(Dialog::Import {
                    paths: lines.join("\n"),
                    encoding: None,
                    lossy: false,
                    format: crate::ui::dialogs::AUTO,
                    pending: false,
                    detected: None,
                });
            }
            Some(Dialog::Import { paths, .. }) => {
                for l in lines {
                    if !paths.lines().any(|p| p.trim() == l) {
                        if !paths.is_empty() && !paths.ends_with('\n') {
                            paths.push('\n');
                        }
                        paths.push_str(&l);
                    }
                }
            }
            Some(_) => {}
        }
    }

    /// Say in the status bar (once the project is open) that `biaozhu FILE.txt` made a
    /// project beside the file, or opened the one an earlier run made.
    pub fn note_made_for(&mut self, m: &crate::cli::MadeFor) {
        let what = if m.created {
            Msg::ProjectMadeFor
        } else {
            Msg::ProjectFoundFor
        };
        let note = format!("{} {}: {}", self.t(what), m.file.display(), m.dir.display());
        if self.ws.is_some() {
            self.notice = Some((note, Instant::now()));
        } else {
            self.pending_notice = Some(note);
        }
    }

    /// Apply the remembered zoom and theme.
    fn apply_looks(&self, ctx: &egui::Context) {
        if let Some(z) = self.config.zoom.filter(|z| z.is_finite()) {
            let range = crate::store::config::ZOOM_RANGE;
            ctx.set_zoom_factor(z.clamp(*range.start(), *range.end()));
        }
        if let Some(light) = self.config.light {
            ctx.set_theme(if light {
                egui::Theme::Light
            } else {
                egui::Theme::Dark
            });
        }
    }

    /// Work as `name` from now on: remembered in the preferences, and the open project
    /// reopens on that annotator's layer (unsaved work is asked about first). A name that
    /// cannot be a layer keeps the dialog open with the reason.
    fn set_annotator(&mut self, ctx: &egui::Context, name: String) {
        if crate::store::check_annotator(&name).is_err() {
            self.dialog = Some(Dialog::Annotator {
                name,
                error: Some(self.t(Msg::AnnotatorBad).to_string()),
            });
            return;
        }
        self.dialog = None;
        // The question of the first start (no name in the settings) answered: a window
        // opened for review (`--review`) stays in review, under the reviewer's name.
        let first = self.config.annotator.is_none();
        self.config.annotator = Some(name.clone());
        self.store_config();
        if self.annotator == name {
            return;
        }
        self.annotator = name;
        if first && self.open_layer.as_deref() == Some(crate::model::CURATED) {
            self.review_on_open = true;
        } else {
            // Their own layer opens (not the curated one or another's being corrected).
            self.open_layer = None;
            self.review_on_open = false;
        }
        if let Some(dir) = self.ws.as_ref().map(|w| w.store().dir().to_path_buf()) {
            self.request_open(ctx, dir);
        }
    }

    fn store_config(&mut self) {
        if self.save_config
            && let Err(e) = self.config.save()
        {
            self.notice = Some((crate::session::store_message(&e, self.lang), Instant::now()));
        }
    }

    fn finish_open(&mut self, r: Result<jobs::Opened, crate::store::StoreError>) {
        match r {
            Ok((store, project, seg, statuses, review)) => {
                let dir = store.dir().to_path_buf();
                let problems: Vec<String> = project
                    .documents
                    .iter()
                    .flat_map(|d| crate::model::validate_document(d, &project.schema))
                    .map(|p| p.said().get(self.lang).to_string())
                    .collect();
                let own_empty = project.annotator != crate::model::CURATED
                    && project
                        .documents
                        .iter()
                        .all(|d| d.layer.spans().is_empty() && d.layer.events.is_empty());
                if own_empty && self.pending_notice.is_none() {
                    let others: Vec<String> = crate::store::layer_names(&dir)
                        .into_iter()
                        .filter(|n| n != &project.annotator && n != crate::model::CURATED)
                        .collect();
                    self.pending_notice =
                        crate::i18n::own_layer_empty(self.lang, &project.annotator, &others);
                }
                let mut ws = Session::with_parts(store, project, seg, statuses);
                ws.set_who(self.annotator.clone());
                // Review refused because nobody has annotated yet: back to the user's own
                // layer rather than left on an empty curated one.
                let mut back_to_own = false;
                if std::mem::take(&mut self.review_on_open) {
                    // Read with the project, on its thread; asked for after the job began
                    // (the first start's name question), read here.
                    let started = match review {
                        jobs::ReviewOnOpen::Read(read) => {
                            Some(read.and_then(|r| ws.begin_review(r)))
                        }
                        jobs::ReviewOnOpen::NotAsked => Some(ws.start_review(&[])),
                        jobs::ReviewOnOpen::Cancelled => {
                            self.pending_notice =
                                Some(tr(self.lang, Msg::ReviewCancelled).to_string());
                            None
                        }
                    };
                    match started {
                        None => {}
                        Some(Ok(n)) => {
                            // After what the reopening was for (a removal's notice), if any.
                            let started = format!("{} {n}", tr(self.lang, Msg::ReviewStarted));
                            self.pending_notice = Some(match self.pending_notice.take() {
                                Some(before) => format!("{before}\n{started}"),
                                None => started,
                            });
                        }
                        Some(Err(e)) => {
                            back_to_own = matches!(e, crate::session::SessionError::NoAnnotators)
                                && self.annotator != crate::model::CURATED
                                && !ws.project().is_dirty();
                            self.dialog = Some(Dialog::Error(e.message(self.lang)));
                        }
                    }
                }
                self.drop_session_jobs();
                self.ws = Some(ws);
                self.text_view = TextView::default();
                self.apply_review_filter_on_start();
                self.span_list = SpanList::default();
                self.find_bar.forget_results();
                // Its places are of the layer it was looked for in.
                self.consistency = None;
                self.event_scores =
                    crate::learn::triggers::TaggerFrom::read(&dir).and_then(|f| f.held_out);
                self.config
                    .opened(std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone()));
                if let Some(n) = self.pending_notice.take() {
                    self.notice = Some((n, Instant::now()));
                }
                self.store_config();
                if !problems.is_empty() {
                    self.dialog = Some(Dialog::Error(format!(
                        "{}\n{}",
                        self.t(Msg::ProblemsFound),
                        problems.join("\n")
                    )));
                }
                if back_to_own {
                    self.open_layer = None;
                    let ctx = self.ctx.clone();
                    self.start_open(&ctx, dir, false);
                }
            }
            Err(e @ crate::store::StoreError::Locked { .. }) => {
                let dir = match &e {
                    crate::store::StoreError::Locked { path, .. } => {
                        path.parent().map(Path::to_path_buf).unwrap_or_default()
                    }
                    _ => PathBuf::new(),
                };
                let message = crate::session::store_message(&e, self.lang);
                self.dialog = Some(Dialog::Locked { dir, message });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)))
            }
        }
    }

    fn request_open(&mut self, ctx: &egui::Context, dir: PathBuf) {
        // A path that is no project is refused before anything is closed.
        if !crate::store::is_project(&dir) {
            let e = crate::store::StoreError::NotAProject(dir);
            self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)));
            return;
        }
        if self.ws.as_ref().is_some_and(|w| w.project().is_dirty()) {
            self.dialog = Some(Dialog::Unsaved(After::Open(dir)));
            return;
        }
        self.start_open(ctx, dir, false);
    }

    fn start_open(&mut self, ctx: &egui::Context, dir: PathBuf, read_only: bool) {
        // What the project open now had changed on disk is no longer asked about.
        self.watching = None;
        // The current project stays open until the new one has opened (a failure keeps it),
        // except when it is the same folder: then its lock must be released first.
        let same = self.ws.as_ref().is_some_and(|w| {
            let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            canon(w.store().dir()) == canon(&dir)
        });
        if same {
            self.ws = None;
        }
        let layer = self
            .open_layer
            .clone()
            .unwrap_or_else(|| self.annotator.clone());
        self.job = Some(OpenJob::start(
            dir,
            layer,
            read_only,
            self.review_on_open,
            ctx.clone(),
        ));
    }

    /// Whether the window is closing: the user saved, discarded or had nothing unsaved
    /// (the close goes on without asking again).
    pub fn closing(&self) -> bool {
        self.allow_close
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

    /// Enter review mode: the project's curated layer is opened (after saving the layer
    /// open now, even when it is the curated one) and the annotators' layers are compared
    /// beside it, both on the open job's thread, with its progress and cancel. Leave it:
    /// back to the annotator's own layer.
    fn toggle_review(&mut self) {
        let Some(ws) = &mut self.ws else { return };
        if ws.review().is_some() && self.annotator == crate::model::CURATED {
            ws.stop_review();
            return;
        }
        // Another layer of the same project opens: this one is saved first.
        if ws.project().is_dirty()
            && let Err(e) = ws.save()
        {
            self.dialog = Some(Dialog::Error(e.message(self.lang)));
            return;
        }
        let dir = ws.store().dir().to_path_buf();
        let entering = ws.review().is_none();
        self.open_layer = entering.then(|| crate::model::CURATED.to_string());
        self.review_on_open = entering;
        let ctx = self.ctx.clone();
        self.start_open(&ctx, dir, false);
    }

    /// Once review is on, the filter it was asked to start with, and its first item.
    fn apply_review_filter_on_start(&mut self) {
        let Some(ws) = self.ws.as_mut().filter(|w| w.review().is_some()) else {
            return;
        };
        let Some(f) = self.review_filter_on_start.take() else {
            return;
        };
        ws.set_review_filter(f);
        if let Some(at) = ws.step_disagreement(true) {
            self.text_view.scroll_to = Some(at);
        }
    }

    /// Open another layer of the open project (an annotator's, to correct it; `None`: the
    /// user's own), after saving this one. The user stays who they are: the change list
    /// names them.
    fn open_other_layer(&mut self, layer: Option<String>) {
        let Some(ws) = &mut self.ws else { return };
        if ws.project().is_dirty()
            && let Err(e) = ws.save()
        {
            self.dialog = Some(Dialog::Error(e.message(self.lang)));
            return;
        }
        let dir = ws.store().dir().to_path_buf();
        self.open_layer = layer;
        self.review_on_open = false;
        let ctx = self.ctx.clone();
        self.start_open(&ctx, dir, false);
    }

    /// Shows the 打开项目… dialog, its path box holding the open project's folder.
    fn show_open_project(&mut self) {
        let path = self
            .ws
            .as_ref()
            .map(|w| w.store().dir().display().to_string())
            .unwrap_or_default();
        self.dialog = Some(Dialog::OpenProject { path });
    }

    /// The one dispatcher: every intent (from a panel, the text view, the menu, a dialog or
    /// the keyboard) is applied here through the session. A refusal is shown in the UI's
    /// language; undo and redo failures too.
    fn run_intent(&mut self, i: Intent) {
        let lang = self.lang;
        if let Intent::Zoom(step) = i {
            self.zoom(step);
            return;
        }
        if let Intent::ToggleReview = i {
            self.toggle_review();
            return;
        }
        if let Intent::OpenLayer(layer) = i {
            self.open_other_layer(layer);
            return;
        }
        match i {
            Intent::AskRemoveDocument(d) => return self.ask_remove_document(d),
            Intent::ShowOpenProject => return self.show_open_project(),
            Intent::OpenAgreement => return self.open_agreement(None),
            Intent::AgreementAgainst(r) => return self.open_agreement(r),
            Intent::AgreementCell(c) => {
                if let Some(s) = &mut self.agreement {
                    s.cell = c;
                }
                return;
            }
            // A confusion cell's places, to decide in review one after another: review
            // starts if it is not on (opening the curated layer), with the cell as its filter.
            Intent::ReviewCell(f) => {
                self.agreement = None;
                self.review_filter_on_start = Some(f);
                if self.ws.as_ref().is_some_and(|w| w.review().is_none()) {
                    self.toggle_review();
                }
                self.apply_review_filter_on_start();
                return;
            }
            Intent::OpenStats => return self.open_stats(),
            Intent::OpenConsistency => return self.open_consistency(),
            Intent::CloseConsistency => {
                self.consistency = None;
                return;
            }
            Intent::CloseStats => {
                self.stats = None;
                return;
            }
            Intent::CloseAgreement => {
                self.agreement = None;
                return;
            }
            Intent::AgreementPair(n) => {
                if let Some(s) = &mut self.agreement {
                    s.pair = n;
                    s.cell = None;
                }
                return;
            }
            _ => {}
        }
        if let Intent::TrainModel = i {
            self.start_training(crate::learn::Take::Done);
            return;
        }
        if let Intent::TrainEventTaggers = i {
            self.start_event_training();
            return;
        }
        if let Intent::SetRetrainEvery(n) = i {
            self.retrain_every = n;
            self.config.retrain_every = (n > 0).then_some(n);
            self.store_config();
            return;
        }
        if let Intent::Suggest = i {
            if let Some(ws) = &self.ws
                && self.suggest_job.is_none()
            {
                self.suggest_job = ws
                    .suggest_input(ws.doc())
                    .map(|input| SuggestJob::start(input, self.ctx.clone()));
            }
            return;
        }
        let Some(ws) = self.ws.as_mut() else {
            return;
        };
        // Where to scroll the text afterwards, if anywhere.
        let mut scroll = None;
        // A save the user asked for met files changed on disk: ask about them again.
        let mut ask_disk = false;
        // A save the user asked for, of more than a frame's part.
        let mut save_run = false;
        let res: Result<(), crate::session::SessionError> = match i {
            Intent::Edit(e) => ws.apply(e),
            // A label key that decided a review item goes on to the next: scroll to it.
            Intent::Tag(key) => {
                let item = ws.review_cursor();
                ws.tag_key(&key).map(|_| {
                    if ws.review_cursor() != item {
                        scroll = ws.selection().map(|s| s.range().start);
                    }
                })
            }
            Intent::OpenDoc(d) => {
                ws.open_doc(d);
                Ok(())
            }
            Intent::JumpToSpan(id) => {
                scroll = ws.select_span(id);
                Ok(())
            }
            Intent::SelectSpan(id) => {
                ws.select_span(id);
                Ok(())
            }
            Intent::SelectChars(sel) => {
                ws.set_selection(sel);
                Ok(())
            }
            Intent::ClearSelection => {
                ws.clear_selection();
                Ok(())
            }
            Intent::Escape => {
                // With nothing of the session's left to clear, Escape closes the find bar
                // (in its box it already did).
                let idle = ws.armed_role().is_none()
                    && ws.selection().is_none()
                    && ws.selected_span().is_none();
                if idle && self.find_bar.open {
                    self.find_bar.close();
                } else {
                    ws.escape();
                }
                Ok(())
            }
            Intent::Extend(how) => {
                ws.extend_selection(how);
                Ok(())
            }
            Intent::StepSpan(forward) => {
                ws.step_span(forward);
                scroll = ws.selected_span().and_then(|id| ws.select_span(id));
                Ok(())
            }
            Intent::StepDoc(forward) => {
                ws.step_doc(forward);
                Ok(())
            }
            Intent::StepEvent(forward) => {
                scroll = ws.step_event(forward);
                Ok(())
            }
            Intent::SetSuggestionOrder(o) => {
                ws.set_suggestion_order(o);
                Ok(())
            }
            Intent::NextSuggestion => {
                scroll = ws.next_pending().and_then(|id| ws.select_span(id));
                Ok(())
            }
            Intent::NextUnsureSentence => {
                let said = match ws.next_unsure_sentence() {
                    Some(u) => {
                        scroll = Some(u.range.start);
                        crate::i18n::unsure_sentence(lang, u.rank, u.of, u.entropy)
                    }
                    None => tr(lang, Msg::NoUnsureSentences).to_string(),
                };
                self.notice = Some((said, Instant::now()));
                Ok(())
            }
            Intent::Decide(accept) => ws.decide_selected(accept).map(|()| {
                scroll = ws.selected_span().and_then(|id| ws.select_span(id));
            }),
            Intent::DecideAll(accept, label) => ws.decide_all(accept, label.as_deref()).map(|_| ()),
            Intent::DetectStructure => ws.detect_structure().map(|_| ()),
            Intent::Undo => ws.undo().map(|_| ()),
            Intent::Redo => ws.redo().map(|_| ()),
            // Thousands of layers (a project-wide review decision) are written a part a
            // frame, with their progress in the status bar: the window goes on.
            Intent::Save if ws.project().dirty_docs.len() > SAVE_LAYERS_PER_FRAME => {
                save_run = true;
                Ok(())
            }
            // Files changed on disk: their own dialog asks, not an error.
            Intent::Save => match ws.save() {
                Err(_) if !ws.store().changed_on_disk().is_empty() => {
                    ask_disk = true;
                    Ok(())
                }
                r => r.map(|_| ()),
            },
            Intent::DeleteSelected => match (ws.selected_span(), ws.delete_selected()) {
                (Some(id), Ok(events)) if !events.is_empty() => {
                    self.dialog = Some(Dialog::ConfirmDeleteSpan { id, events });
                    Ok(())
                }
                (_, r) => r.map(|_| ()),
            },
            Intent::DeleteSpanDetaching(id) => ws.delete_detaching(id),
            Intent::DeleteLabelWithSpans(key) => {
                let e = crate::edit::delete_label_with_spans(ws.project(), &key);
                ws.apply(e)
            }
            Intent::ScrollTo(c) => {
                scroll = Some(c);
                Ok(())
            }
            Intent::RereadStatuses => {
                ws.reread_statuses();
                Ok(())
            }
            Intent::OpenGoTo => {
                self.dialog = Some(Dialog::GoTo {
                    input: String::new(),
                    error: None,
                });
                Ok(())
            }
            Intent::ScrollPages(n) => {
                self.text_view.scroll_pages = Some(n);
                Ok(())
            }
            Intent::ScrollToEdge(end) => {
                self.text_view.scroll_edge = Some(end);
                Ok(())
            }
            Intent::CreateEvent(key) => ws.create_event(&key).map(|_| ()),
            Intent::RetypeEvent(id, key) => ws.retype_event(id, &key),
            Intent::ToggleUnsure => ws.toggle_unsure().map(|_| ()),
            Intent::SetUnsure(target, unsure) => ws.set_unsure(target, unsure),
            Intent::SetNote(target, note) => ws.set_note(target, &note),
            Intent::SetEventFilter(f) => {
                ws.set_event_filter(f);
                Ok(())
            }
            Intent::SelectEvent(id) => {
                scroll = ws.select_event(id);
                Ok(())
            }
            Intent::SetArgument(role) => ws.fill_role(&role),
            Intent::RemoveArgument(k) => ws.remove_argument(k),
            Intent::RoleKey(n) => ws.role_key(n),
            Intent::ArmRole(role) => {
                ws.toggle_armed_role(role);
                Ok(())
            }
            Intent::FillArmedRole => ws.fill_armed_role().map(|_| ()),
            Intent::DeleteEvent(id) => ws.delete_event(id),
            Intent::EditEventTypes => {
                self.dialog = Some(Dialog::Schema(crate::ui::schema_editor::SchemaEditor::new(
                    ws.project(),
                )));
                Ok(())
            }
            Intent::OpenFind => {
                self.find_bar.show();
                Ok(())
            }
            Intent::FindStep(forward) => {
                // F3 with nothing to find opens the bar instead.
                if self.find_bar.query.is_empty() {
                    self.find_bar.show();
                } else if let Some(m) = self.find_bar.step(ws, forward) {
                    scroll = ws.select_match(m);
                }
                Ok(())
            }
            Intent::SelectMatch(m) => {
                scroll = ws.select_match(m);
                Ok(())
            }
            Intent::TagMatches(matches, key) => ws.tag_matches(&matches, &key).map(|r| {
                let mut msg = format!("{}: {}", tr(lang, Msg::TaggedMatches), r.added);
                if r.skipped > 0 {
                    msg.push_str(&format!(
                        "; {}: {}",
                        tr(lang, Msg::SkippedExisting),
                        r.skipped
                    ));
                }
                self.notice = Some((msg, Instant::now()));
            }),
            Intent::RelabelSpans(spans, key) => ws.relabel_spans(&spans, &key).map(|n| {
                let msg = format!("{}: {n}", tr(lang, Msg::RelabelledSpans));
                self.notice = Some((msg, Instant::now()));
            }),
            Intent::OpenHelp => {
                let help = commands::help(lang, Some(&ws.project().schema));
                self.dialog = Some(Dialog::Help(help));
                Ok(())
            }
            Intent::SetReviewFilter(f) => {
                ws.set_review_filter(f);
                Ok(())
            }
            Intent::StepDisagreement(forward) => {
                let before = ws.doc();
                scroll = ws.step_disagreement(forward);
                // Another document opened: say which; nothing open anywhere: say so.
                let msg = if ws.doc() != before {
                    ws.project().documents.get(ws.doc()).map(|d| {
                        format!(
                            "{}：{}",
                            tr(lang, Msg::OpenedNextReviewDoc),
                            crate::ui::documents::title_of(d)
                        )
                    })
                } else if ws.review().is_some() && ws.review_worklist().is_empty() {
                    Some(tr(lang, Msg::NothingOpenInProject).to_string())
                } else {
                    None
                };
                if let Some(msg) = msg {
                    self.notice = Some((msg, Instant::now()));
                }
                Ok(())
            }
            Intent::SelectReviewItem(n) => {
                scroll = ws.select_review_item(n);
                Ok(())
            }
            // The next open item is selected after a decision: scroll to it.
            Intent::AcceptVersion(n) => ws.accept_version(n).map(|()| {
                scroll = ws.selection().map(|s| s.range().start);
            }),
            Intent::RejectReviewItem => ws.reject_review_item().map(|()| {
                scroll = ws.selection().map(|s| s.range().start);
            }),
            Intent::AcceptVersionForOpen(n) => ws.accept_version_for_open(n).map(|k| {
                let who = ws
                    .review()
                    .and_then(|r| r.annotators().get(n).cloned())
                    .unwrap_or_default();
                self.notice = Some((
                    format!("{} {who}: {k}", tr(lang, Msg::DecisionAccepted)),
                    Instant::now(),
                ));
            }),
            // Items still open: said in the status bar (not a dialog to dismiss), and the
            // next of them selected.
            Intent::FinishReviewDoc if let Some(e) = ws.finish_review_doc_refused() => {
                // Which kinds are left, so the reviewer knows what F8 will walk.
                let kinds = ws
                    .review_tally(ws.doc())
                    .map(|t| t.open_kinds_text(lang))
                    .unwrap_or_default();
                let mut msg = e.message(lang);
                if !kinds.is_empty() {
                    msg += &format!(" · {kinds}");
                }
                self.notice = Some((msg, Instant::now()));
                scroll = ws.step_disagreement(true);
                Ok(())
            }
            Intent::FinishReviewDoc => ws.finish_review_doc().map(|f| {
                let mut msg = tr(lang, Msg::MarkedReviewed).to_string();
                if f.agreements > 0 {
                    msg += &format!(" · {} {}", tr(lang, Msg::DecisionAccepted), f.agreements);
                }
                match f.next.and_then(|d| ws.project().documents.get(d)) {
                    Some(d) => msg += &format!(" → {}", crate::ui::documents::title_of(d)),
                    None => msg += &format!(" · {}", tr(lang, Msg::AllReviewed)),
                }
                scroll = ws.selection().map(|s| s.range().start);
                self.notice = Some((msg, Instant::now()));
            }),
            Intent::AcceptAgreementsEverywhere => {
                ws.accept_agreements_everywhere().map(|(n, d)| {
                    self.notice = Some((
                        format!(
                            "{} {n} · {} {d}",
                            tr(lang, Msg::AgreementsTaken),
                            tr(lang, Msg::InDocuments)
                        ),
                        Instant::now(),
                    ));
                })
            }
            Intent::AcceptMajorityEverywhere => ws.accept_majority_everywhere().map(|(n, d)| {
                self.notice = Some((
                    format!(
                        "{} {n} · {} {d}",
                        tr(lang, Msg::MajorityTaken),
                        tr(lang, Msg::InDocuments)
                    ),
                    Instant::now(),
                ));
            }),
            Intent::FinishReviewEverywhere => ws.finish_review_everywhere().map(|f| {
                let mut msg = format!(
                    "{} {} · {} {}",
                    tr(lang, Msg::DocsFinished),
                    f.documents,
                    tr(lang, Msg::AgreementsTaken),
                    f.agreements
                );
                if f.left_open > 0 {
                    msg += &format!(" · {} {}", tr(lang, Msg::DocsStillOpen), f.left_open);
                }
                self.notice = Some((msg, Instant::now()));
            }),
            Intent::AcceptAgreements => ws.accept_agreements().map(|n| {
                self.notice = Some((
                    format!("{} {n}", tr(lang, Msg::DecisionAccepted)),
                    Instant::now(),
                ));
            }),
            Intent::Suggest
            | Intent::TrainModel
            | Intent::TrainEventTaggers
            | Intent::SetRetrainEvery(_)
            | Intent::Zoom(_)
            | Intent::ToggleReview
            | Intent::OpenLayer(_)
            | Intent::OpenAgreement
            | Intent::OpenStats
            | Intent::CloseStats
            | Intent::OpenConsistency
            | Intent::CloseConsistency
            | Intent::CloseAgreement
            | Intent::ShowOpenProject
            | Intent::AskRemoveDocument(_)
            | Intent::AgreementPair(_)
            | Intent::AgreementAgainst(_)
            | Intent::AgreementCell(_)
            | Intent::ReviewCell(_) => Ok(()),
        };
        if let Some(c) = scroll {
            self.text_view.scroll_to = Some(c);
        }
        if let Err(e) = res {
            self.dialog = Some(Dialog::Error(format!(
                "{}: {}",
                tr(lang, Msg::Error),
                e.message(lang)
            )));
        }
        if ask_disk {
            self.disk_asked = None;
        }
        if save_run {
            self.start_save_run(None);
        }
    }

    /// Save everything dirty a part a frame ([`SAVE_LAYERS_PER_FRAME`] layers), then do
    /// `then`; a save already going on takes `then` if it had nothing to do after.
    fn start_save_run(&mut self, then: Option<After>) {
        self.start_save(then, true);
    }

    /// Start a save a part a frame, or join the one going on: `asked` by the user (whose
    /// failure is shown in a dialog) or the autosave's (shown in the status bar only).
    fn start_save(&mut self, then: Option<After>, asked: bool) {
        let total = self.ws.as_ref().map_or(0, |w| w.project().dirty_docs.len());
        match &mut self.saving {
            Some(run) => {
                run.then = run.then.take().or(then);
                run.asked |= asked;
            }
            None => self.saving = Some(SaveRun { total, then, asked }),
        }
    }

    /// A frame's part of the save going on: when everything is written, what it was for;
    /// on a failure, the question about files changed on disk or the error.
    fn save_a_part(&mut self, ctx: &egui::Context) {
        let Some(ws) = self.ws.as_mut() else {
            self.saving = None;
            return;
        };
        if self.saving.is_none() {
            return;
        }
        let r = ws.save_at_most(SAVE_LAYERS_PER_FRAME);
        let changed = !ws.store().changed_on_disk().is_empty();
        let dirty = ws.project().is_dirty();
        match r {
            Ok(_) if dirty => ctx.request_repaint(),
            Ok(_) => {
                if let Some(a) = self.saving.take().and_then(|run| run.then) {
                    self.after(ctx, a);
                }
            }
            // Files changed on disk: their own dialog asks, and what the save was for
            // follows the answer.
            Err(_) if changed => {
                self.disk_asked = None;
                self.after_disk_choice = self.saving.take().and_then(|run| run.then);
            }
            // The autosave's failure: the status bar says it (as for a frame's autosave).
            Err(_) if self.saving.as_ref().is_some_and(|run| !run.asked) => self.saving = None,
            Err(e) => {
                self.saving = None;
                self.save_failed(&e);
            }
        }
    }

    /// Show that a save the user asked for failed, and why.
    fn save_failed(&mut self, e: &crate::session::SessionError) {
        self.dialog = Some(Dialog::Error(format!(
            "{}: {}",
            self.t(Msg::SaveFailed),
            e.message(self.lang)
        )));
    }

    /// The save going on, if any: how many layers are left of how many.
    pub fn save_progress(&self) -> Option<(usize, usize)> {
        let run = self.saving.as_ref()?;
        let left = self.ws.as_ref().map_or(0, |w| w.project().dirty_docs.len());
        Some((left, run.total.max(left)))
    }

    /// The files the last save left alone because they changed on disk, if any.
    fn changed_on_disk(&self) -> Option<&[PathBuf]> {
        let ws = self.ws.as_ref()?;
        let files = ws.store().changed_on_disk();
        (!files.is_empty()).then_some(files)
    }

    /// Coming back to the front (after a `git pull` in a terminal, say), with no dialog
    /// open and nothing running: if files the project read changed on disk meanwhile, offer
    /// to open it again, once for the same files.
    ///
    /// The looking runs on another thread; its answer is taken in a later frame, and
    /// dropped if a dialog opened or work began meanwhile.
    fn notice_files_changed(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        let back = focused && !self.was_focused;
        self.was_focused = focused;
        if back
            && self.watching.is_none()
            && self.dialog.is_none()
            && !self.busy()
            && let Some(ws) = self.ws.as_ref().filter(|w| !w.store().is_read_only())
        {
            let watch = ws.store().watch();
            let (tx, rx) = std::sync::mpsc::channel();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("biaozhu-watch".into())
                .spawn(move || {
                    let _ = tx.send(watch.changed());
                    ctx.request_repaint();
                });
            self.watching = spawned.ok().map(|_| rx);
        }
        let Some(rx) = &self.watching else {
            return;
        };
        let files = match rx.try_recv() {
            Ok(files) => files,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Vec::new(),
        };
        self.watching = None;
        if self.dialog.is_some() || self.busy() {
            return;
        }
        // The window may have saved while it looked: its own writes are no change.
        let Some(ws) = self.ws.as_ref() else {
            return;
        };
        let files = ws.store().still_changed(files);
        if files.is_empty() || files == self.changes_noticed {
            return;
        }
        self.dialog = Some(Dialog::FilesChanged {
            files: self.in_project(&files),
        });
        self.changes_noticed = files;
    }

    /// With no dialog open, ask about files a save left alone because they changed on disk,
    /// once for the same files.
    fn ask_about_changed_files(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let Some(files) = self.changed_on_disk() else {
            return;
        };
        if self.disk_asked.as_deref() == Some(files) {
            return;
        }
        let files = files.to_vec();
        self.dialog = Some(Dialog::ChangedOnDisk {
            files: self.in_project(&files),
        });
        self.disk_asked = Some(files);
    }

    /// `files` as a dialog names them: relative to the open project's folder.
    fn in_project(&self, files: &[PathBuf]) -> Vec<String> {
        let dir = self.ws.as_ref().map(|w| w.store().dir());
        files
            .iter()
            .map(|f| {
                dir.and_then(|d| f.strip_prefix(d).ok())
                    .unwrap_or(f)
                    .display()
                    .to_string()
            })
            .collect()
    }

    /// Keyboard: commands from the table, event and role keys, and label hotkeys (not while
    /// a text field has focus), each pushed as an intent.
    fn keyboard(&mut self, ctx: &egui::Context, out: &mut Vec<Intent>) {
        // Zoom works everywhere: over a dialog, while typing, with no project open.
        ctx.input_mut(|i| {
            for s in Shortcut::ALL {
                if let Some(step) = s.zoom_step()
                    && i.consume_shortcut(&s.shortcut())
                {
                    out.push(Intent::Zoom(step));
                }
            }
        });
        if self.dialog.is_some() {
            return;
        }
        // Only a text field takes the keys; a focused button or menu does not (egui's own
        // Tab navigation would otherwise move focus into the menu bar and keep it there).
        let typing = ctx.text_edit_focused();
        // Escape in the find bar's box closes the bar (rather than clearing the selection).
        if self.find_bar.had_focus()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.find_bar.close();
        }
        let Some(ws) = self.ws.as_ref() else {
            return;
        };
        if !typing {
            // Event hotkeys (Shift+letter) and role keys (Alt+1…9) before anything that a
            // plain letter or digit would also match.
            let event_keys: Vec<(egui::Key, String)> = ws
                .project()
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
        // U came after label hotkeys could be U: in a schema from before, the label keeps it
        // (the menu still offers the command).
        let label_takes_u = ws
            .project()
            .schema
            .labels
            .iter()
            .any(|l| l.hotkey.is_some_and(|h| h.eq_ignore_ascii_case(&'U')));
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for s in Shortcut::ALL {
                if typing && !s.works_while_typing() {
                    continue;
                }
                if label_takes_u && s == Shortcut::NextUnsureSentence {
                    continue;
                }
                if i.consume_shortcut(&s.shortcut()) {
                    fired.push(s);
                }
            }
        });
        if fired
            .iter()
            .any(|s| matches!(s, Shortcut::NextSpan | Shortcut::PrevSpan))
        {
            // Tab walks the spans: the focus egui moved with it goes back to the text.
            ctx.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        }
        out.extend(fired.into_iter().map(|s| {
            use crate::session::Extend;
            match s {
                Shortcut::Undo => Intent::Undo,
                Shortcut::Redo | Shortcut::RedoAlt => Intent::Redo,
                Shortcut::Save => Intent::Save,
                Shortcut::OpenProject => Intent::ShowOpenProject,
                Shortcut::Delete => Intent::DeleteSelected,
                Shortcut::Escape => Intent::Escape,
                Shortcut::NextSpan => Intent::StepSpan(true),
                Shortcut::PrevSpan => Intent::StepSpan(false),
                Shortcut::ExtendLeft => Intent::Extend(Extend::Left),
                Shortcut::ExtendRight => Intent::Extend(Extend::Right),
                Shortcut::ExtendStartLeft => Intent::Extend(Extend::StartLeft),
                Shortcut::ExtendStartRight => Intent::Extend(Extend::StartRight),
                Shortcut::NextDoc => Intent::StepDoc(true),
                Shortcut::PrevDoc => Intent::StepDoc(false),
                Shortcut::Accept => Intent::Decide(true),
                Shortcut::Reject => Intent::Decide(false),
                Shortcut::NextEvent => Intent::StepEvent(true),
                Shortcut::PrevEvent => Intent::StepEvent(false),
                Shortcut::NextSuggestion => Intent::NextSuggestion,
                Shortcut::NextUnsureSentence => Intent::NextUnsureSentence,
                Shortcut::PageDown => Intent::ScrollPages(1),
                Shortcut::PageUp => Intent::ScrollPages(-1),
                Shortcut::Home | Shortcut::TextStart => Intent::ScrollToEdge(false),
                Shortcut::End | Shortcut::TextEnd => Intent::ScrollToEdge(true),
                Shortcut::GoTo => Intent::OpenGoTo,
                Shortcut::Find => Intent::OpenFind,
                Shortcut::FindNext => Intent::FindStep(true),
                Shortcut::FindPrev => Intent::FindStep(false),
                Shortcut::Help | Shortcut::HelpAlt => Intent::OpenHelp,
                Shortcut::NextDisagreement => Intent::StepDisagreement(true),
                Shortcut::PrevDisagreement => Intent::StepDisagreement(false),
                Shortcut::AcceptVersion1
                | Shortcut::AcceptVersion2
                | Shortcut::AcceptVersion3
                | Shortcut::AcceptVersion4 => Intent::AcceptVersion(s.version().unwrap_or(0)),
                Shortcut::RejectItem => Intent::RejectReviewItem,
                Shortcut::AcceptAgreements => Intent::AcceptAgreements,
                Shortcut::FinishReviewDoc => Intent::FinishReviewDoc,
                Shortcut::ToggleUnsure => Intent::ToggleUnsure,
                // Taken above, before anything else.
                Shortcut::ZoomIn
                | Shortcut::ZoomInAlt
                | Shortcut::ZoomOut
                | Shortcut::ZoomReset => Intent::Zoom(s.zoom_step().unwrap_or(0)),
            }
        }));
        if typing {
            return;
        }
        // Label hotkeys: plain keys only.
        let hotkeys: Vec<(egui::Key, String)> = ws
            .project()
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

    fn menu(&mut self, ui: &mut egui::Ui, out: &mut Vec<Intent>) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t(Msg::MenuFile), |ui| {
                if ui
                    .button(format!(
                        "{}  {}",
                        self.t(Msg::OpenProject),
                        Shortcut::OpenProject.keys()
                    ))
                    .clicked()
                {
                    self.show_open_project();
                }
                if ui.button(self.t(Msg::NewProject)).clicked() {
                    self.dialog = Some(Dialog::NewProject {
                        path: String::new(),
                    });
                }
                let recent: Vec<PathBuf> = self
                    .config
                    .recent
                    .iter()
                    .filter(|p| crate::store::is_project(p))
                    .cloned()
                    .collect();
                ui.add_enabled_ui(!recent.is_empty(), |ui| {
                    ui.menu_button(self.t(Msg::RecentProjects), |ui| {
                        for p in recent {
                            let name = p
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_else(|| p.display().to_string());
                            if ui
                                .button(name)
                                .on_hover_text(p.display().to_string())
                                .clicked()
                            {
                                self.request_open(&ctx, p);
                            }
                        }
                    });
                });
                if ui.button(self.t(Msg::AnnotatorMenu)).clicked() {
                    self.ask_annotator();
                }
                let has = self.ws.is_some();
                if ui
                    .add_enabled(has, egui::Button::new(self.t(Msg::ImportText)))
                    .clicked()
                {
                    self.dialog = Some(Dialog::Import {
                        paths: String::new(),
                        encoding: None,
                        lossy: false,
                        format: crate::ui::dialogs::AUTO,
                        pending: false,
                        detected: None,
                    });
                }
                let editable = self.ws.as_ref().is_some_and(|w| {
                    !w.store().is_read_only() && !w.project().documents.is_empty()
                });
                if ui
                    .add_enabled(editable, egui::Button::new(self.t(Msg::RemoveDocumentMenu)))
                    .clicked()
                    && let Some(w) = &self.ws
                {
                    out.push(Intent::AskRemoveDocument(w.doc()));
                }
                let writable = self.ws.as_ref().is_some_and(|w| !w.store().is_read_only());
                if ui
                    .add_enabled(
                        writable,
                        egui::Button::new(self.t(Msg::RestoreDocumentsMenu)),
                    )
                    .clicked()
                    && let Some(w) = &self.ws
                {
                    self.dialog = Some(Dialog::RestoreDocuments(w.removals()));
                }
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(format!(
                            "{}  {}",
                            self.t(Msg::Save),
                            Shortcut::Save.keys()
                        )),
                    )
                    .clicked()
                {
                    out.push(Intent::Save);
                }
                if ui
                    .add_enabled(has, egui::Button::new(self.t(Msg::ExportCorpus)))
                    .clicked()
                {
                    // Absolute, in the project's `exports/` (which its .gitignore leaves
                    // out), whatever path the project was opened by.
                    let path = self
                        .ws
                        .as_ref()
                        .map(|w| {
                            let dir = w.store().dir();
                            std::fs::canonicalize(dir)
                                .unwrap_or_else(|_| dir.to_path_buf())
                                .join(crate::store::EXPORTS_DIR)
                                .join("corpus.json")
                                .display()
                                .to_string()
                        })
                        .unwrap_or_default();
                    let on_curated = self
                        .ws
                        .as_ref()
                        .is_some_and(|w| w.project().annotator == crate::model::CURATED);
                    let layers = self.ws.as_ref().map_or_else(Vec::new, |w| {
                        crate::session::overview::layer_choices(w.project(), w.layer_statuses())
                    });
                    let open_empty = self.ws.as_ref().is_some_and(|w| {
                        w.project()
                            .documents
                            .iter()
                            .all(|d| d.layer.spans().is_empty() && d.layer.events.is_empty())
                    });
                    let dir = self.ws.as_ref().map(|w| w.store().dir().to_path_buf());
                    // The export chosen last on this project, in this session or an earlier
                    // one (an export is often redone with one option changed; a format no
                    // longer known gives JSON).
                    let (path, format, mut form) = dir
                        .as_ref()
                        .and_then(|d| self.config.export_of(d))
                        .map(|e| {
                            (
                                e.path.clone(),
                                crate::format::by_name(&e.format)
                                    .filter(|f| f.export.is_some())
                                    .map_or(crate::format::corpus::JSON.name, |f| f.name),
                                crate::ui::export_form::ExportForm::from_choices(&e.choices),
                            )
                        })
                        .unwrap_or_else(|| {
                            // The curated layer exports finished reviews unless told
                            // otherwise, as `biaozhu export` does.
                            let mut form = crate::ui::export_form::ExportForm::default();
                            if on_curated {
                                form.status = Some(crate::model::DocStatus::Done);
                            }
                            (path, crate::format::corpus::JSON.name, form)
                        });
                    // A layer remembered that this project no longer has, or that is now
                    // the open one, gives the open layer.
                    if form
                        .layer
                        .as_ref()
                        .is_none_or(|l| !layers.iter().any(|c| &c.name == l && !c.open))
                    {
                        form.layer = None;
                    }
                    form.layers = layers;
                    form.open_empty = open_empty;
                    form.project_dir = dir.map(|d| std::fs::canonicalize(&d).unwrap_or(d));
                    self.dialog = Some(Dialog::Export {
                        path,
                        format,
                        form: Box::new(form),
                    });
                }
                ui.separator();
                if ui.button(self.t(Msg::Quit)).clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(self.t(Msg::MenuEdit), |ui| {
                if let Some(ws) = &self.ws {
                    if ui
                        .add_enabled(
                            ws.history().can_undo(),
                            egui::Button::new(format!(
                                "{}  {}",
                                tr(self.lang, Msg::Undo),
                                Shortcut::Undo.keys()
                            )),
                        )
                        .clicked()
                    {
                        out.push(Intent::Undo);
                    }
                    if ui
                        .add_enabled(
                            ws.history().can_redo(),
                            egui::Button::new(format!(
                                "{}  {} / {}",
                                tr(self.lang, Msg::Redo),
                                Shortcut::Redo.keys(),
                                Shortcut::RedoAlt.keys()
                            )),
                        )
                        .clicked()
                    {
                        out.push(Intent::Redo);
                    }
                    ui.separator();
                    if ui
                        .button(format!(
                            "{}  {}",
                            tr(self.lang, Msg::Find),
                            Shortcut::Find.keys()
                        ))
                        .clicked()
                    {
                        out.push(Intent::OpenFind);
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
                    self.dialog = Some(Dialog::Labels(dialogs::LabelEditor::new(ws.project())));
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
                        crate::ui::schema_editor::SchemaEditor::new(ws.project()),
                    ));
                }
            });
            ui.menu_button(self.t(Msg::MenuSuggest), |ui| {
                self.suggest_menu(ui, out);
            });
            ui.menu_button(self.t(Msg::MenuReview), |ui| {
                self.review_menu(ui, out);
            });
            ui.menu_button(self.t(Msg::MenuView), |ui| {
                if ui
                    .add_enabled(
                        self.ws.is_some(),
                        egui::Button::new(self.t(Msg::RereadStatuses)),
                    )
                    .clicked()
                {
                    out.push(Intent::RereadStatuses);
                }
                let mut snap = self.snap();
                if ui.checkbox(&mut snap, self.t(Msg::SnapToWords)).changed() {
                    self.snap_override = Some(snap);
                }
                let label = self.t(Msg::FontSize);
                ui.add(egui::Slider::new(&mut self.font_size, 12.0..=32.0).text(label));
                ui.horizontal(|ui| {
                    for (m, step, shortcut) in [
                        (Msg::ZoomOut, -1, Shortcut::ZoomOut),
                        (Msg::ZoomReset, 0, Shortcut::ZoomReset),
                        (Msg::ZoomIn, 1, Shortcut::ZoomIn),
                    ] {
                        if ui
                            .button(self.t(m))
                            .on_hover_text(shortcut.keys())
                            .clicked()
                        {
                            out.push(Intent::Zoom(step));
                        }
                    }
                    ui.weak(format!("{:.0}%", ctx.zoom_factor() * 100.0));
                });
                let mut light = ctx.theme() == egui::Theme::Light;
                if ui.checkbox(&mut light, self.t(Msg::LightTheme)).changed() {
                    self.set_light(light);
                }
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
                if ui
                    .add_enabled(
                        self.ws.is_some(),
                        egui::Button::new(self.t(Msg::MenuAgreement)),
                    )
                    .clicked()
                {
                    out.push(Intent::OpenAgreement);
                }
                if ui
                    .add_enabled(self.ws.is_some(), egui::Button::new(self.t(Msg::MenuStats)))
                    .clicked()
                {
                    out.push(Intent::OpenStats);
                }
            });
            ui.menu_button(self.t(Msg::MenuHelp), |ui| {
                if ui
                    .button(format!(
                        "{}  {}",
                        self.t(Msg::KeyboardHelp),
                        Shortcut::Help.keys()
                    ))
                    .clicked()
                {
                    let schema = self.ws.as_ref().map(|w| &w.project().schema);
                    self.dialog = Some(Dialog::Help(commands::help(self.lang, schema)));
                }
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

    fn review_menu(&self, ui: &mut egui::Ui, out: &mut Vec<Intent>) {
        let lang = self.lang;
        let Some(ws) = &self.ws else {
            return;
        };
        let on = ws.review().is_some();
        let toggle = if on { Msg::ReviewEnd } else { Msg::ReviewMode };
        if ui.button(tr(lang, toggle)).clicked() {
            out.push(Intent::ToggleReview);
        }
        // A reviewer corrects an annotator's work in place: that layer opens, and every
        // edit is recorded under the reviewer's name in the change list.
        let open_layer = ws.project().annotator.clone();
        ui.menu_button(tr(lang, Msg::CorrectLayer), |ui| {
            // From the statuses read at open and save (no folder walk while the menu is drawn).
            for name in ws.layer_statuses().annotators() {
                if name == self.annotator {
                    continue;
                }
                if ui
                    .selectable_label(open_layer == name, name.as_str())
                    .clicked()
                {
                    out.push(Intent::OpenLayer(Some(name)));
                }
            }
        });
        if open_layer != self.annotator && ui.button(tr(lang, Msg::BackToOwnLayer)).clicked() {
            out.push(Intent::OpenLayer(None));
        }
        if ui
            .add_enabled(
                self.consistency_job.is_none(),
                egui::Button::new(tr(lang, Msg::MenuConsistency)),
            )
            .clicked()
        {
            out.push(Intent::OpenConsistency);
        }
        ui.separator();
        let accept_all = ws.review().map_or(Msg::AcceptAgreements, |r| {
            crate::ui::review_panel::accept_all_words(r, ws.doc())
        });
        for (m, intent, keys) in [
            (
                Msg::NextDisagreement,
                Intent::StepDisagreement(true),
                Shortcut::NextDisagreement,
            ),
            (
                Msg::PrevDisagreement,
                Intent::StepDisagreement(false),
                Shortcut::PrevDisagreement,
            ),
            (
                accept_all,
                Intent::AcceptAgreements,
                Shortcut::AcceptAgreements,
            ),
            (
                Msg::FinishReviewDoc,
                Intent::FinishReviewDoc,
                Shortcut::FinishReviewDoc,
            ),
            (
                Msg::RejectItem,
                Intent::RejectReviewItem,
                Shortcut::RejectItem,
            ),
        ] {
            if ui
                .add_enabled(
                    on,
                    egui::Button::new(tr(lang, m)).shortcut_text(keys.keys()),
                )
                .clicked()
            {
                out.push(intent);
            }
        }
        if ui
            .add_enabled(
                on,
                egui::Button::new(tr(lang, Msg::AcceptAgreementsEverywhere)),
            )
            .on_hover_text(tr(lang, Msg::AcceptAgreementsEverywhereHint))
            .clicked()
        {
            out.push(Intent::AcceptAgreementsEverywhere);
        }
        if ui
            .add_enabled(
                on,
                egui::Button::new(tr(lang, Msg::AcceptMajorityEverywhere)),
            )
            .on_hover_text(tr(lang, Msg::AcceptMajorityEverywhereHint))
            .clicked()
        {
            out.push(Intent::AcceptMajorityEverywhere);
        }
        if ui
            .add_enabled(on, egui::Button::new(tr(lang, Msg::FinishReviewEverywhere)))
            .on_hover_text(tr(lang, Msg::FinishReviewEverywhereHint))
            .clicked()
        {
            out.push(Intent::FinishReviewEverywhere);
        }
    }

    /// The model part of the suggestion menu: train (with the held-out scores beside it),
    /// retraining after N accepted entities, training the event taggers (with theirs, for a
    /// schema with event types), and the order N walks suggestions in.
    fn model_menu(&self, ui: &mut egui::Ui, ws: &Session, out: &mut Vec<Intent>) {
        let lang = self.lang;
        if ui
            .add_enabled(
                self.train_job.is_none(),
                egui::Button::new(tr(lang, Msg::TrainModel)),
            )
            .clicked()
        {
            out.push(Intent::TrainModel);
        }
        match ws.model() {
            Some(m) => {
                for line in crate::ui::model_scores::lines(&m.meta, lang) {
                    ui.weak(line);
                }
            }
            None => {
                ui.weak(tr(lang, Msg::NoModel));
                if let Some(p) = ws.model_problem() {
                    ui.colored_label(ui.visuals().warn_fg_color, p.said().get(lang));
                }
            }
        }
        ui.horizontal(|ui| {
            let mut n = self.retrain_every;
            ui.label(tr(lang, Msg::RetrainEvery));
            if ui
                .add(egui::DragValue::new(&mut n).range(0..=10_000))
                .changed()
            {
                out.push(Intent::SetRetrainEvery(n));
            }
        });
        if !ws.project().schema.events.is_empty() {
            if ui
                .add_enabled(
                    self.event_train_job.is_none(),
                    egui::Button::new(tr(lang, Msg::TrainEventTaggers)),
                )
                .clicked()
            {
                out.push(Intent::TrainEventTaggers);
            }
            if let Some(s) = &self.event_scores {
                for line in crate::ui::model_scores::event_lines(s, lang) {
                    ui.weak(line);
                }
                // Per event type in a submenu: a project has dozens of types.
                if !s.trigger_types.is_empty() {
                    let heading = crate::ui::model_scores::event_types_heading(s, lang);
                    ui.menu_button(heading, |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(320.0)
                            .show(ui, |ui| {
                                for line in crate::ui::model_scores::event_type_lines(s) {
                                    ui.weak(line);
                                }
                            });
                    });
                }
            }
        }
        ui.label(tr(lang, Msg::SuggestionOrder));
        let cur = ws.suggestion_order();
        for (o, m) in crate::session::learn::SuggestionOrder::ALL
            .into_iter()
            .zip([
                Msg::OrderPosition,
                Msg::OrderLeastConfident,
                Msg::OrderMostConfident,
            ])
        {
            if ui.radio(cur == o, tr(lang, m)).clicked() && cur != o {
                out.push(Intent::SetSuggestionOrder(o));
            }
        }
    }

    /// Starts training the model, unless a training runs; says so when there is nothing to
    /// learn from.
    /// Trains in the background on the documents `take` picks: those marked done when asked
    /// from the menu, and also the annotated sentences of the others when retraining after N
    /// newly accepted entities.
    fn start_training(&mut self, take: crate::learn::Take) {
        let Some(ws) = &self.ws else {
            return;
        };
        if self.train_job.is_some() {
            return;
        }
        let input = ws.train_input(take, None);
        if input.spans() == 0 {
            // A project of events alone trains its event taggers, as `biaozhu train` does.
            if take == crate::learn::Take::Done && !ws.project().schema.events.is_empty() {
                let learning = ws.event_learning();
                if learning.events() >= crate::learn::triggers::MIN_EVENTS {
                    self.start_event_training_on(learning);
                    return;
                }
            }
            self.notice = Some((nothing_to_learn(ws, self.lang), Instant::now()));
            // Do not try again every frame.
            self.retrain_every = 0;
            return;
        }
        self.train_job = Some(jobs::TrainJob::start(input, self.ctx.clone()));
    }

    /// Starts training the event taggers on the open layer's accepted events, unless it runs
    /// already; says so when there are too few events.
    fn start_event_training(&mut self) {
        let Some(ws) = &self.ws else {
            return;
        };
        if self.event_train_job.is_some() {
            return;
        }
        let learning = ws.event_learning();
        self.start_event_training_on(learning);
    }

    /// [`Self::start_event_training`] on `learning`, the open layer's accepted events read
    /// already (reading them walks every document).
    fn start_event_training_on(&mut self, learning: crate::zh::triggers::Learning) {
        let Some(ws) = &self.ws else {
            return;
        };
        if self.event_train_job.is_some() {
            return;
        }
        if learning.events() < crate::learn::triggers::MIN_EVENTS {
            self.notice = Some((tr(self.lang, Msg::TooFewEvents).to_string(), Instant::now()));
            return;
        }
        self.event_train_job = Some(jobs::EventTrainJob::start(
            ws.segmenter().clone(),
            ws.project().schema.clone(),
            learning,
            ws.store().dir().to_path_buf(),
            !ws.store().is_read_only(),
            self.ctx.clone(),
        ));
    }

    /// The event taggers' training ended: their scores beside the button, and a notice.
    fn finish_event_training(&mut self, end: jobs::EventTrained) {
        match end {
            jobs::EventTrained::Done(scores) => {
                // The next suggestion run reads the taggers just saved.
                if let Some(ws) = &mut self.ws {
                    ws.forget_trigger_tagger();
                }
                let mut n = tr(self.lang, Msg::EventTaggersTrained).to_string();
                if let Some(s) = &scores {
                    n.push_str(&crate::ui::model_scores::event_summary(s, self.lang));
                }
                self.notice = Some((n, Instant::now()));
                self.event_scores = scores;
            }
            jobs::EventTrained::NotSaved(e) => {
                self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)));
            }
            jobs::EventTrained::Nothing => {}
        }
    }

    fn finish_training(
        &mut self,
        r: Result<crate::session::learn::Trained, crate::learn::TrainError>,
    ) {
        let Some(ws) = &mut self.ws else {
            return;
        };
        match r {
            Ok(t) => {
                let overall = t.model.meta.overall;
                match ws.install_model(t) {
                    Ok(()) => {
                        let mut n = tr(self.lang, Msg::ModelTrained).to_string();
                        if let Some(o) = overall {
                            n.push_str(&format!(" · F1 {:.2}", o.f1));
                        }
                        self.notice = Some((n, Instant::now()));
                    }
                    Err(e) => self.dialog = Some(Dialog::Error(e.message(self.lang))),
                }
            }
            Err(crate::learn::TrainError::Cancelled) => {}
            Err(crate::learn::TrainError::NoSpans) => {
                self.notice = Some((nothing_to_learn(ws, self.lang), Instant::now()));
            }
        }
    }

    fn suggest_menu(&self, ui: &mut egui::Ui, out: &mut Vec<Intent>) {
        let lang = self.lang;
        let Some(ws) = &self.ws else {
            return;
        };
        let running = self.suggest_job.is_some();
        if ui
            .add_enabled(!running, egui::Button::new(tr(lang, Msg::SuggestDoc)))
            .clicked()
        {
            out.push(Intent::Suggest);
        }
        if ui.button(tr(lang, Msg::DetectStructure)).clicked() {
            out.push(Intent::DetectStructure);
        }
        ui.separator();
        self.model_menu(ui, ws, out);
        ui.separator();
        let n = ws.pending().len();
        ui.label(format!("{}: {n}", tr(lang, Msg::Pending)));
        if ui
            .add_enabled(
                n > 0,
                egui::Button::new(format!("{}  N", tr(lang, Msg::NextSuggestion))),
            )
            .clicked()
        {
            out.push(Intent::NextSuggestion);
        }
        let unsure = ws.unsure_sentences().len();
        if ui
            .add_enabled(
                unsure > 0,
                egui::Button::new(format!("{}  U", tr(lang, Msg::NextUnsureSentence))),
            )
            .on_disabled_hover_text(tr(lang, Msg::NoUnsureSentences))
            .clicked()
        {
            out.push(Intent::NextUnsureSentence);
        }
        if ui
            .add_enabled(n > 0, egui::Button::new(tr(lang, Msg::AcceptAll)))
            .clicked()
        {
            out.push(Intent::DecideAll(true, None));
        }
        if ui
            .add_enabled(n > 0, egui::Button::new(tr(lang, Msg::RejectAll)))
            .clicked()
        {
            out.push(Intent::DecideAll(false, None));
        }
        let mut labels: Vec<String> = ws.pending().iter().map(|s| s.label.clone()).collect();
        labels.sort();
        labels.dedup();
        for l in labels {
            if ui
                .button(format!("{} {l}", tr(lang, Msg::AcceptAllOf)))
                .clicked()
            {
                out.push(Intent::DecideAll(true, Some(l)));
            }
        }
    }

    fn snap(&self) -> bool {
        self.snap_override.unwrap_or_else(|| {
            self.ws
                .as_ref()
                .is_some_and(|w| w.project().settings.snap_to_words)
        })
    }

    fn handle_outcome(&mut self, ctx: &egui::Context, o: Outcome) {
        if matches!(o, Outcome::Close | Outcome::Export(..))
            && let Some(Dialog::Export { path, format, form }) = &self.dialog
            && let Some(w) = &self.ws
        {
            // Remembered for this project, in the settings, so after a restart too.
            let remembered = crate::store::config::RememberedExport {
                project: crate::store::config::project_key(w.store().dir()),
                path: path.clone(),
                format: format.to_string(),
                choices: form.choices(),
            };
            // Written only when it changed.
            if self.config.export_of(&remembered.project) != Some(&remembered) {
                self.config.remember_export(remembered);
                self.store_config();
            }
        }
        match o {
            Outcome::Open => {}
            Outcome::Close => {
                self.dialog = None;
                self.after_disk_choice = None;
            }
            Outcome::SaveThen(a)
                if self
                    .ws
                    .as_ref()
                    .is_some_and(|w| w.project().dirty_docs.len() > SAVE_LAYERS_PER_FRAME) =>
            {
                self.dialog = None;
                self.start_save_run(Some(a));
            }
            Outcome::SaveThen(a) => {
                self.dialog = None;
                let saved = self
                    .ws
                    .as_mut()
                    .map(|w| w.save())
                    .unwrap_or(Ok(Default::default()));
                match saved {
                    Ok(_) => self.after(ctx, a),
                    // Files changed on disk: their own dialog asks (below, next frame), and
                    // what the save was for follows the answer.
                    Err(_) if self.changed_on_disk().is_some() => {
                        self.disk_asked = None;
                        self.after_disk_choice = Some(a);
                    }
                    Err(e) => self.save_failed(&e),
                }
            }
            Outcome::DiscardThen(a) => {
                self.dialog = None;
                if let Some(ws) = &mut self.ws {
                    ws.discard_changes();
                }
                self.after(ctx, a);
            }
            Outcome::OpenProject(dir) => {
                self.dialog = None;
                self.request_open(ctx, dir);
            }
            Outcome::NewProject(dir) => {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "project".into());
                // Made (and its lock let go), then opened like any project: unsaved work in
                // the one open now is asked about first.
                match crate::store::Store::create(&dir, &name, &self.annotator) {
                    Ok(_) => {
                        self.dialog = None;
                        self.request_open(ctx, dir);
                    }
                    Err(e) => {
                        self.dialog =
                            Some(Dialog::Error(crate::session::store_message(&e, self.lang)))
                    }
                }
            }
            Outcome::OpenReadOnly(dir) => {
                self.dialog = None;
                self.start_open(ctx, dir, true);
            }
            Outcome::OverwriteChanged => {
                self.dialog = None;
                let Some(ws) = self.ws.as_mut() else {
                    return;
                };
                match ws.overwrite_changed_on_disk() {
                    Err(e) => {
                        self.after_disk_choice = None;
                        self.save_failed(&e)
                    }
                    // Everything saved: the close (or the other project) the save was for.
                    Ok(_) if self.after_disk_choice.is_some() => {
                        if let Some(a) = self.after_disk_choice.take() {
                            self.after(ctx, a);
                        }
                    }
                    // Documents a pull listed were kept in project.ron: show them.
                    Ok(_) if ws.store().needs_reopen() => {
                        let reviewing = ws.review().is_some();
                        let dir = ws.store().dir().to_path_buf();
                        let notice = self.t(Msg::KeptListedReopened).to_string();
                        self.reopen(ctx, dir, reviewing, Some(notice));
                    }
                    Ok(_) => {}
                }
            }
            Outcome::SaveAndReopen => {
                self.dialog = None;
                let lang = self.lang;
                let Some(ws) = self.ws.as_mut() else {
                    return;
                };
                let failed = if ws.project().is_dirty() {
                    ws.save()
                        .err()
                        .map(|e| (e.message(lang), !ws.store().changed_on_disk().is_empty()))
                } else {
                    None
                };
                let reviewing = ws.review().is_some();
                let dir = ws.store().dir().to_path_buf();
                match failed {
                    // A file with unsaved changes here changed on disk too: its own dialog asks.
                    Some((_, true)) => self.disk_asked = None,
                    Some((m, false)) => {
                        self.dialog =
                            Some(Dialog::Error(format!("{}: {m}", self.t(Msg::SaveFailed))))
                    }
                    None => self.reopen(ctx, dir, reviewing, None),
                }
            }
            Outcome::ReopenFromDisk => {
                self.dialog = None;
                if let Some(ws) = self.ws.as_mut() {
                    // The save wrote what it could already: only the changed files' edits go.
                    ws.discard_changes();
                    let reviewing = ws.review().is_some();
                    let dir = ws.store().dir().to_path_buf();
                    match self.after_disk_choice.take() {
                        // Closing (or opening another project): nothing left to show.
                        Some(a) => self.after(ctx, a),
                        None => self.reopen(ctx, dir, reviewing, None),
                    }
                }
            }
            Outcome::Import(files, format, opts) => {
                self.dialog = None;
                self.import(ctx, files, format, opts);
            }
            Outcome::ImportRepaired(items) => {
                self.dialog = None;
                self.import_repaired(items);
            }
            Outcome::Export(path, format, opts, layer) => {
                self.dialog = None;
                self.export(ctx, path, format, opts, layer);
            }
            Outcome::Edit(e) => self.run_intent(Intent::Edit(e)),
            Outcome::EditThenClose(e) => {
                self.run_intent(Intent::Edit(e));
                // A refused edit shows its error in the dialog's place; else the editor goes.
                if !matches!(self.dialog, Some(Dialog::Error(_))) {
                    self.dialog = None;
                }
            }
            Outcome::GoTo(input) => self.go_to(&input),
            Outcome::SetAnnotator(name) => self.set_annotator(ctx, name),
            Outcome::DeleteSpanDetaching(id) => {
                self.dialog = None;
                self.run_intent(Intent::DeleteSpanDetaching(id));
            }
            Outcome::AskDeleteLabel(key, count) => {
                self.dialog = Some(Dialog::ConfirmDeleteLabel { key, count });
            }
            Outcome::DeleteLabelWithSpans(key) => {
                self.dialog = None;
                self.run_intent(Intent::DeleteLabelWithSpans(key));
            }
            Outcome::RemoveDocument(id) => {
                self.dialog = None;
                self.remove_document(ctx, id);
            }
            Outcome::RestoreRemoval(folder) => {
                self.dialog = None;
                self.restore_removal(ctx, &folder);
            }
        }
    }

    /// Cancel the jobs whose result goes into the open session, and drop their results:
    /// when another session takes its place (another project, or the same one opened again
    /// after a removal or on another layer), suggestions would land on whatever document
    /// now has that place, a model or an import in the wrong project, a consistency
    /// result's places on other documents. (An export writes its own file; the agreement
    /// and statistics views read the folder they were asked for.)
    fn drop_session_jobs(&mut self) {
        if let Some(j) = self.suggest_job.take() {
            j.cancel();
        }
        if let Some(j) = self.train_job.take() {
            j.cancel();
        }
        if let Some(j) = self.event_train_job.take() {
            j.cancel();
        }
        if let Some(j) = self.import_job.take() {
            j.cancel();
        }
        if let Some((j, _)) = self.consistency_job.take() {
            j.cancel();
        }
        // The agreement and statistics views count the project left (or its documents
        // before a removal): they close, and reopened they count this one.
        if let Some(j) = self.agree_job.take() {
            j.cancel();
        }
        if let Some(j) = self.stats_job.take() {
            j.cancel();
        }
        self.agreement = None;
        self.stats = None;
    }

    /// Ask before taking document `d` out of the project: the dialog names it, says how
    /// many layers go with it and where its files go.
    fn ask_remove_document(&mut self, d: usize) {
        let Some(ws) = &self.ws else {
            return;
        };
        let Some(doc) = ws.project().documents.get(d) else {
            return;
        };
        let id = doc.meta.id.clone();
        let title: String = doc
            .text
            .as_str()
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .chars()
            .take(30)
            .collect();
        // The layers on disk, and the open one when it has unsaved edits here (saved first).
        let mut layers = crate::store::doc_layer_names(ws.store().dir(), &id);
        if ws.project().dirty_docs.contains(&d) {
            layers.insert(ws.project().annotator.clone());
        }
        let layers = layers.len();
        let body = crate::i18n::remove_document_body(self.lang, &id, &title, layers);
        self.dialog = Some(Dialog::ConfirmRemoveDocument { id, body });
    }

    /// Open the project in `dir` again after something changed its files under the session
    /// (a removal, a restore, a choice about files changed on disk): in review if
    /// `reviewing`, on the same layer, with `notice` in the status bar once it is open. What
    /// was noticed or asked about changed files before is forgotten: the project is read anew.
    fn reopen(
        &mut self,
        ctx: &egui::Context,
        dir: PathBuf,
        reviewing: bool,
        notice: Option<String>,
    ) {
        if notice.is_some() {
            self.pending_notice = notice;
        }
        self.review_on_open = reviewing;
        self.changes_noticed.clear();
        self.disk_asked = None;
        self.start_open(ctx, dir, false);
    }

    /// Take document `id` out of the project (the user confirmed): the session saves and
    /// removes it, and the project opens again, in review if it was, on the same layer. A
    /// failure leaves everything as it was, with the error shown.
    fn remove_document(&mut self, ctx: &egui::Context, id: String) {
        let Some(ws) = self.ws.take() else {
            return;
        };
        let reviewing = ws.review().is_some();
        match ws.remove_documents(std::slice::from_ref(&id)) {
            Ok((dir, r)) => {
                let folder = r
                    .folder
                    .strip_prefix(&dir)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| r.folder.clone());
                let restore = crate::format::command_line::shell_line(&[
                    "biaozhu".to_string(),
                    "restore".to_string(),
                    dir.display().to_string(),
                    folder.display().to_string(),
                ]);
                let mut notice = crate::i18n::documents_removed(
                    self.lang,
                    r.ids.len(),
                    &folder.display().to_string(),
                    &restore,
                );
                for (path, why) in &r.unmoved {
                    notice.push('\n');
                    notice.push_str(&crate::i18n::not_moved_yet(
                        self.lang,
                        &path.display().to_string(),
                        why,
                    ));
                }
                self.reopen(ctx, dir, reviewing, Some(notice));
            }
            Err((ws, e)) => {
                self.dialog = Some(Dialog::Error(e.message(self.lang)));
                self.ws = Some(ws);
            }
        }
    }

    /// Put back the documents of a removal (the user chose it): the session saves and moves
    /// them back, and the project opens again, in review if it was, on the same layer.
    fn restore_removal(&mut self, ctx: &egui::Context, folder: &Path) {
        let Some(ws) = self.ws.take() else {
            return;
        };
        let reviewing = ws.review().is_some();
        match ws.restore_documents(folder) {
            Ok((dir, ids)) => {
                let notice = crate::i18n::documents_restored(self.lang, &ids);
                self.reopen(ctx, dir, reviewing, Some(notice));
            }
            Err((ws, e)) => {
                self.dialog = Some(Dialog::Error(e.message(self.lang)));
                self.ws = Some(ws);
            }
        }
    }

    /// Ctrl+G: put the caret at char `N`, or at the start of article `#N` (as the outline
    /// numbers them), and scroll there; anything else keeps the dialog open with a word.
    fn go_to(&mut self, input: &str) {
        let Some(ws) = self.ws.as_mut() else {
            return;
        };
        let Some(doc) = ws.project().documents.get(ws.doc()) else {
            return;
        };
        let len = doc.text.len_chars();
        let article = input
            .strip_prefix('#')
            .or_else(|| input.strip_prefix('＃'))
            .and_then(|n| n.trim().parse::<usize>().ok());
        let target = match article {
            Some(n) => self
                .outline
                .items(ws.doc(), doc)
                .get(n.wrapping_sub(1))
                .map(|it| it.range.start),
            None => input.parse::<u32>().ok().filter(|c| *c <= len),
        };
        match target {
            Some(c) => {
                ws.clear_selection();
                ws.set_selection(Selection { anchor: c, head: c });
                self.text_view.scroll_to = Some(c);
                self.dialog = None;
            }
            None => {
                self.dialog = Some(Dialog::GoTo {
                    input: input.to_string(),
                    error: Some(format!("{input}: {}", self.t(Msg::GoToBad))),
                });
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
            let e = match self.lang {
                Lang::Zh => e.zh(),
                Lang::En => e.to_string(),
            };
            self.dialog = Some(Dialog::Error(format!("{}: {e}", self.t(Msg::Encoding))));
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
                    notes.extend(r.problems.iter().map(|m| m.get(self.lang).to_string()));
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
                Err(e) => errors.push(crate::session::store_message(&e.into(), self.lang)),
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
        // Chinese takes the full-width colon.
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let Some(ws) = &mut self.ws else {
            return;
        };
        let before = ws.project().documents.len();
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
                    if !a.new_labels.is_empty() {
                        let list: Vec<String> = a
                            .new_labels
                            .iter()
                            .map(|l| crate::i18n::added_label(lang, &l.key, l.spans, l.hotkey))
                            .collect();
                        notes.push(format!(
                            "{}{colon}{}{colon}{}",
                            a.id,
                            tr(lang, Msg::NewLabelsAdded),
                            list.join(", ")
                        ));
                    }
                    if !a.unknown_types.is_empty() {
                        notes.push(format!(
                            "{}{colon}{}{colon}{}",
                            a.id,
                            tr(lang, Msg::UnknownEventTypes),
                            a.unknown_types.join(", ")
                        ));
                    }
                }
            }
            Err(e) => errors.push(crate::session::store_message(&e, lang)),
        }
        if ws.project().documents.len() > before {
            ws.open_doc(before);
            if let Err(e) = ws.save() {
                errors.push(e.message(lang));
            }
        }
        let head = format!("{}{colon}{}", tr(lang, Msg::Imported), done.join(", "));
        if !errors.is_empty() {
            // Nothing went in: no empty "imported:" line above the errors.
            let mut msg = if done.is_empty() {
                Vec::new()
            } else {
                vec![head]
            };
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

    /// Start exporting on a thread: the open layer (a copy of the project goes with it), or
    /// `layer`, another one, read there from its saved files.
    fn export(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: &str,
        opts: crate::format::Options,
        layer: Option<String>,
    ) {
        let (Some(ws), Some(f)) = (&self.ws, crate::format::by_name(format)) else {
            return;
        };
        if let Some(old) = self.export_job.take() {
            old.cancel();
        }
        let dir = ws.store().dir().to_path_buf();
        let from = match layer.filter(|l| *l != ws.project().annotator) {
            Some(l) => jobs::Exported::Saved(l),
            None => jobs::Exported::Open(Box::new(ws.project().clone())),
        };
        self.export_job = Some(jobs::ExportJob::start(
            from,
            dir,
            path,
            f,
            opts,
            ctx.clone(),
        ));
    }

    /// An export ended: say where it went, what the format could not hold, or what failed.
    fn finish_export(
        &mut self,
        path: &Path,
        unit: crate::format::registry::Unit,
        layer: &str,
        r: Result<jobs::ExportEnd, Option<crate::store::StoreError>>,
    ) {
        let written = |documents, spans| {
            let w = unit.written(self.lang, documents, spans);
            match self.lang {
                crate::i18n::Lang::Zh => format!("（{layer} 标注层，{w}）"),
                crate::i18n::Lang::En => format!(" (layer {layer}, {w})"),
            }
        };
        match r {
            Ok(jobs::ExportEnd::Written {
                notes,
                documents,
                spans,
            }) if notes.is_empty() => {
                self.notice = Some((
                    format!(
                        "{} {}{}",
                        self.t(Msg::Exported),
                        path.display(),
                        written(documents, spans)
                    ),
                    Instant::now(),
                ))
            }
            // What could not be written is shown, not only counted.
            Ok(jobs::ExportEnd::Written {
                notes,
                documents,
                spans,
            }) => {
                self.dialog = Some(Dialog::Info(format!(
                    "{} {}{}\n{}:\n{}",
                    self.t(Msg::Exported),
                    path.display(),
                    written(documents, spans),
                    self.t(Msg::LeftOut),
                    notes
                        .iter()
                        .map(|n| n.get(self.lang))
                        .collect::<Vec<_>>()
                        .join("\n")
                )))
            }
            Ok(jobs::ExportEnd::Cancelled) => {
                self.notice = Some((self.t(Msg::ExportCancelled).to_string(), Instant::now()))
            }
            Err(Some(e)) => {
                self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)))
            }
            Err(None) => self.dialog = Some(Dialog::Error(self.t(Msg::ExportStopped).into())),
        }
    }
}

impl eframe::App for BiaozhuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.looks_applied {
            self.looks_applied = true;
            self.apply_looks(&ctx);
        }
        // A finished open job.
        if let Some(job) = &self.job
            && let Some(r) = job.poll()
        {
            self.job = None;
            self.finish_open(r);
        }
        if let Some(job) = &self.stats_job
            && let Some(r) = job.poll()
        {
            let cancelled = job.cancelled();
            self.stats_job = None;
            match r {
                Ok(st) => self.stats = Some(st),
                Err(_) if cancelled => {}
                Err(e) => {
                    self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)))
                }
            }
        }
        if let Some((job, layer)) = &self.consistency_job
            && let Some(r) = job.poll()
        {
            let (cancelled, layer) = (job.cancelled(), layer.clone());
            self.consistency_job = None;
            match r {
                Ok(found) => self.consistency = Some((found, layer)),
                Err(_) if cancelled => {}
                Err(e) => {
                    self.dialog = Some(Dialog::Error(crate::session::store_message(&e, self.lang)))
                }
            }
        }
        if let Some(job) = &self.agree_job
            && let Some(r) = job.poll()
        {
            let cancelled = job.cancelled();
            self.agree_job = None;
            self.finish_agreement(r, cancelled);
        }
        if let Some(job) = &self.export_job
            && let Some(r) = job.poll()
        {
            let (path, unit, layer) = (job.path.clone(), job.unit, job.layer.clone());
            self.export_job = None;
            self.finish_export(&path, unit, &layer, r);
        }
        if let Some(job) = &self.import_job
            && let Some(done) = job.poll()
        {
            self.import_job = None;
            self.finish_import(done);
        }
        if let Some(job) = &self.train_job
            && let Some(r) = job.poll()
        {
            self.train_job = None;
            self.finish_training(r);
        }
        if let Some(job) = &self.event_train_job
            && let Some(r) = job.poll()
        {
            self.event_train_job = None;
            self.finish_event_training(r);
        }
        // Retraining after N newly accepted entities, when the user asked for it.
        if self.retrain_every > 0
            && self.train_job.is_none()
            && let Some(ws) = &self.ws
            && ws.generation() != self.retrain_checked
        {
            self.retrain_checked = ws.generation();
            if let Some(m) = ws.model()
                && ws.accepted_entities() >= m.meta.accepted_at_training + self.retrain_every
            {
                // The count includes spans accepted in documents not yet marked done: learn
                // from their sentences too, or the new model would be the old one.
                self.start_training(crate::learn::Take::Annotated);
            }
        }
        if let Some(job) = &self.suggest_job
            && let Some(sugg) = job.poll()
        {
            let doc = job.doc;
            self.suggest_job = None;
            if let Some(ws) = &mut self.ws {
                match ws.add_suggestions(doc, &sugg) {
                    Ok(n) => {
                        let mut said = format!("{n} {}", tr(self.lang, Msg::SuggestionsAdded));
                        // The saved trigger tagger did not read or save: say so beside the
                        // count (the suggestions are complete all the same).
                        if let Some(p) = &sugg.problem {
                            said = format!("{said} · {}", p.get(self.lang));
                        }
                        self.notice = Some((said, Instant::now()));
                    }
                    Err(e) => self.dialog = Some(Dialog::Error(e.message(self.lang))),
                }
            }
        }
        // Closing with unsaved changes asks; so does closing over an editor whose edits are
        // not applied (its own question first: asked again, the window closes as usual).
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            let project = self.ws.as_ref().map(|w| w.project());
            if let Some(d) = self
                .dialog
                .as_mut()
                .filter(|d| d.unapplied(project) && !d.confirming_close())
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                d.set_confirming_close(true);
            } else if self.saving.as_ref().is_some_and(|run| run.asked) {
                // Saving already, as the user asked (a part a frame): the window closes
                // once it is written. (An autosave's run stops for the question below.)
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.start_save_run(Some(After::Quit));
            } else if project.is_some_and(|p| p.is_dirty()) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(After::Quit));
            }
        }
        self.take_dropped_files(&ctx);
        let mut intents = Vec::new();
        self.keyboard(&ctx, &mut intents);

        let menu_bottom = egui::Panel::top("menu")
            .show(ui, |ui| self.menu(ui, &mut intents))
            .response
            .rect
            .bottom();
        // The views that float over the panels (agreement, statistics, consistency) stay
        // below the menu bar: the statistics window opened over it hid 文件 … 帮助.
        let views = {
            let mut r = ctx.content_rect();
            r.min.y = menu_bottom;
            r
        };
        if let Some(ws) = &self.ws {
            egui::Panel::top("palette").show(ui, |ui| {
                palette::ui(ui, &ws.project().schema, self.lang, &mut intents)
            });
            if self.find_bar.open {
                egui::Panel::top("find")
                    .show(ui, |ui| self.find_bar.ui(ui, ws, self.lang, &mut intents));
            }
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
                if let Some(job) = &self.train_job {
                    job_row(ui, self.lang, Msg::TrainingModel, job);
                }
                if let Some(job) = &self.event_train_job {
                    job_row(ui, self.lang, Msg::TrainingEventTaggers, job);
                }
                if let Some(job) = &self.agree_job {
                    job_row(ui, self.lang, Msg::AgreementComputing, job);
                }
                if let Some(job) = &self.stats_job {
                    job_row(ui, self.lang, Msg::StatsTitle, job);
                }
                if let Some((job, _)) = &self.consistency_job {
                    job_row(ui, self.lang, Msg::ConsistencyComputing, job);
                }
                if let Some(job) = &self.import_job {
                    job_row(ui, self.lang, Msg::Importing, job);
                }
                if let Some((left, total)) = self.save_progress() {
                    ui.horizontal(|ui| {
                        ui.label(crate::i18n::saving_left(self.lang, left, total));
                        let done = total.saturating_sub(left) as f32 / total.max(1) as f32;
                        ui.add(egui::ProgressBar::new(done).desired_width(200.0));
                    });
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
                    self.doc_list.ui(ui, ws, self.lang, &mut intents);
                    ui.separator();
                    self.outline.ui(ui, ws, self.lang, &mut intents);
                });
            // In review mode the review panel takes the right side (the text keeps its
            // width); the span and event panels come back when review ends.
            if ws.review().is_some() {
                egui::Panel::right("review")
                    .default_size(420.0)
                    .show(ui, |ui| {
                        self.review_panel.ui(ui, ws, self.lang, &mut intents);
                        ui.separator();
                        crate::ui::review_panel::change_list(ui, ws, self.lang);
                    });
            } else {
                egui::Panel::right("spans")
                    .default_size(340.0)
                    .show(ui, |ui| {
                        let n = ws
                            .project()
                            .documents
                            .get(ws.doc())
                            .map_or(0, |d| d.layer.events.len());
                        egui::CollapsingHeader::new(format!(
                            "{} ({n})",
                            tr(self.lang, Msg::Events)
                        ))
                        .default_open(true)
                        .show(ui, |ui| {
                            self.event_panel.ui(ui, ws, self.lang, &mut intents);
                        });
                        ui.separator();
                        if ws.review().is_none() && !ws.changes().is_empty() {
                            crate::ui::review_panel::change_list(ui, ws, self.lang);
                            ui.separator();
                        }
                        self.span_list.ui(ui, ws, self.lang, &mut intents)
                    });
            }
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if let Some(job) = &self.job {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.label(format!(
                        "{} {}",
                        tr(self.lang, Msg::Opening),
                        job.dir.display()
                    ));
                    if job.review {
                        ui.label(tr(self.lang, Msg::OpeningForReview));
                    }
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
                if ws.project().documents.is_empty() {
                    ui.label(tr(self.lang, Msg::NoDocuments));
                } else {
                    let snap = self.snap();
                    self.text_view.highlights = self.find_bar.matches_in(ws, ws.doc());
                    if let Some(m) = self.review_panel.changed_marks(ws) {
                        self.text_view.set_review_marks(m);
                    }
                    self.text_view
                        .ui(ui, ws, snap, self.lang, self.font_size, &mut intents);
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

        if let Some(shown) = &self.agreement {
            crate::ui::agreement::show(&ctx, views, shown, self.lang, &mut intents);
        }
        if let Some(st) = &self.stats {
            crate::ui::stats_view::show(&ctx, views, st, self.lang, &mut intents);
        }
        if let Some((found, layer)) = &self.consistency {
            crate::ui::consistency_view::show(&ctx, views, found, layer, self.lang, &mut intents);
        }
        let kind = self.dialog.as_ref().map(std::mem::discriminant);
        let fresh = kind != self.last_dialog;
        self.last_dialog = kind;
        if let Some(mut d) = self.dialog.take() {
            let o = dialogs::show(
                &ctx,
                &mut d,
                self.ws.as_ref().map(|w| w.project()),
                self.lang,
                fresh,
            );
            self.dialog = Some(d);
            self.handle_outcome(&ctx, o);
        }
        for i in intents {
            self.run_intent(i);
        }
        // A role waiting for a span takes it once a span is clicked or a drag is finished.
        if !ctx.input(|i| i.pointer.any_down()) {
            self.run_intent(Intent::FillArmedRole);
        }
        // Autosave a few seconds after the last edit, but never while a dialog that decides
        // the fate of unsaved work is open: 不保存 must leave the files as they were.
        let now = self.now();
        let deciding = matches!(self.dialog, Some(Dialog::Unsaved(_)));
        if self.saving.is_some() {
            if !deciding {
                self.save_a_part(&ctx);
            }
        } else if let Some(ws) = &mut self.ws
            && ws.project().is_dirty()
            && !deciding
        {
            let secs = ws.project().settings.autosave_secs.max(1);
            if !ws.autosave_due(now, secs) {
                ctx.request_repaint_after(Duration::from_millis(500));
            } else if ws.project().dirty_docs.len() > AUTOSAVE_LAYERS_PER_FRAME {
                // A hundred layers a frame: thousands left dirty by a project-wide review
                // decision are written over the next frames (the window goes on), with
                // their progress in the status bar.
                self.start_save(None, false);
                self.save_a_part(&ctx);
            } else {
                let _ = ws.save_at_most(AUTOSAVE_LAYERS_PER_FRAME);
                // The status bar of this frame still said unsaved: draw it again now.
                ctx.request_repaint();
            }
        }
        self.ask_about_changed_files();
        self.notice_files_changed(&ctx);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The user chose to discard, or nothing is dirty; a last save is harmless either way.
        if let Some(ws) = &mut self.ws
            && ws.project().is_dirty()
            && !self.allow_close
        {
            let _ = ws.save();
        }
    }
}

/// The most layers the autosave writes in one frame (about 40 ms on this machine's disk).
const AUTOSAVE_LAYERS_PER_FRAME: usize = 100;

/// The most layers a save the user asked for writes in one frame: more are written a part
/// a frame, with their progress in the status bar.
const SAVE_LAYERS_PER_FRAME: usize = AUTOSAVE_LAYERS_PER_FRAME;

/// A save the user asked for, going on a part a frame.
struct SaveRun {
    /// How many layers were dirty when it began.
    total: usize,
    /// What it is for, once everything is written.
    then: Option<After>,
    /// Whether the user asked for it (else it is the autosave's): a failure then shows.
    asked: bool,
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

/// The notice when training has nothing to learn from: mark documents done (in review:
/// finish them), and where other layers hold finished documents, whose and how many (two
/// annotators done with every document while the open layer has none is the usual case).
fn nothing_to_learn(ws: &Session, lang: Lang) -> String {
    // In review the layer is the curated one, which documents join as they are finished.
    let mut n = if ws.review().is_some() {
        tr(lang, Msg::NothingReviewedYet)
    } else {
        tr(lang, Msg::NothingToLearn)
    }
    .to_string();
    let elsewhere = crate::session::overview::finished_elsewhere(ws.project(), ws.layer_statuses());
    if let Some(hint) = crate::i18n::finished_elsewhere(lang, &elsewhere, false) {
        n.push_str(if lang == Lang::Zh { "；" } else { "; " });
        n.push_str(&hint);
    }
    n
}
