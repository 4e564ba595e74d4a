//! Background jobs: opening a project runs on a named thread with progress and cancel, so a
//! large corpus never freezes the window.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc;

use crate::model::Project;
use crate::store::{Store, StoreError};

/// Progress and cancel, shared between a job's thread and the window.
#[derive(Clone, Default)]
pub struct Control {
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
}

impl Control {
    /// Progress from 0.0 to 1.0.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Ask the job to stop (each job says where it can).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the window asked the job to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Set the progress to `done` of `total` and repaint the window.
    fn set(&self, done: usize, total: usize, ctx: &egui::Context) {
        self.set_part(done, total, (0, 1), ctx);
    }

    /// Set the progress to `done` of `total` in part `part.0` of `part.1` equal parts of
    /// the job, and repaint the window.
    fn set_part(&self, done: usize, total: usize, part: (usize, usize), ctx: &egui::Context) {
        let within = (done * 1000).checked_div(total).unwrap_or(1000).min(1000);
        let parts = part.1.max(1);
        let permille = ((part.0 * 1000 + within) / parts) as u32;
        self.progress.store(permille, Ordering::Relaxed);
        ctx.request_repaint();
    }

    /// A `store::Progress` callback: sets the progress, and says whether to go on.
    fn callback<'a>(&'a self, ctx: &'a egui::Context) -> impl FnMut(usize, usize) -> bool + 'a {
        self.part_callback((0, 1), ctx)
    }

    /// A `store::Progress` callback for part `part.0` of `part.1` of the job.
    fn part_callback<'a>(
        &'a self,
        part: (usize, usize),
        ctx: &'a egui::Context,
    ) -> impl FnMut(usize, usize) -> bool + 'a {
        move |done, total| {
            self.set_part(done, total, part, ctx);
            !self.cancelled()
        }
    }
}

/// Jobs show their progress and take a cancel through their [`Control`].
macro_rules! controlled {
    ($($job:ty),*) => {$(
        impl std::ops::Deref for $job {
            type Target = Control;
            fn deref(&self) -> &Control {
                &self.control
            }
        }
    )*};
}
controlled!(OpenJob, ImportJob, ExportJob, TrainJob, EventTrainJob);

/// What an open job returns: the store and project, the project's segmenter, every
/// layer's status and the review asked for (all worked out on the job's thread, not the
/// UI's).
pub type Opened = (
    Store,
    Project,
    crate::zh::segment::Segmenter,
    crate::session::overview::LayerStatuses,
    ReviewOnOpen,
);

/// The review an open job was asked to read with the project (every layer of every
/// document, compared: on 10,000 documents a second and a half, too long for a frame).
pub enum ReviewOnOpen {
    /// None was asked for.
    NotAsked,
    /// Read, or why not.
    Read(Box<Result<crate::session::review::ReviewRead, crate::session::SessionError>>),
    /// The user cancelled it (the project opened).
    Cancelled,
}

/// A running open job.
pub struct OpenJob {
    /// The folder being opened.
    pub dir: PathBuf,
    /// Whether the review is read too.
    pub review: bool,
    control: Control,
    rx: mpsc::Receiver<Result<Opened, StoreError>>,
}

impl OpenJob {
    /// Start opening `dir` on a thread; `read_only` skips the lock; with `review`, the
    /// review of the layer opened (the curated one) is read too, as the job's second half.
    pub fn start(
        dir: PathBuf,
        annotator: String,
        read_only: bool,
        review: bool,
        ctx: egui::Context,
    ) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let (c2, d2) = (control.clone(), dir.clone());
        let spawned = std::thread::Builder::new()
            .name("biaozhu-open".into())
            .spawn(move || {
                let parts = if review { 2 } else { 1 };
                let mut cb = c2.part_callback((0, parts), &ctx);
                let r = if read_only {
                    Store::open_read_only(&d2, &annotator, &mut cb)
                } else {
                    Store::open(&d2, &annotator, &mut cb)
                };
                // Build the segmenter with the project's words here, not on the UI thread.
                let r = r.map(|(st, p)| {
                    let seg =
                        crate::zh::segment::Segmenter::with_user_words(&p.settings.user_words);
                    let statuses = crate::session::overview::LayerStatuses::read(&d2, &p);
                    let review = if review {
                        let mut cb = c2.part_callback((1, 2), &ctx);
                        let read = crate::session::review::read_review(&d2, &p, &[], &mut cb);
                        if c2.cancelled() {
                            ReviewOnOpen::Cancelled
                        } else {
                            ReviewOnOpen::Read(Box::new(read))
                        }
                    } else {
                        ReviewOnOpen::NotAsked
                    };
                    (st, p, seg, statuses, review)
                });
                let _ = tx.send(r);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(Err(StoreError::io(&dir, e)));
            return Self {
                dir,
                review,
                control,
                rx: rx2,
            };
        }
        Self {
            dir,
            review,
            control,
            rx,
        }
    }

    /// The result, once finished.
    pub fn poll(&self) -> Option<Result<Opened, StoreError>> {
        self.rx.try_recv().ok()
    }

    /// Wait for the result (tests).
    pub fn wait(self) -> Result<Opened, StoreError> {
        self.rx.recv().unwrap_or_else(|_| {
            Err(StoreError::invalid(
                &self.dir,
                crate::said!("打开项目的任务意外停止", "the open job stopped"),
            ))
        })
    }
}

/// One file read by an import job, in its format.
pub type ReadFile = (
    PathBuf,
    Result<crate::format::Read, crate::format::FormatError>,
);

/// A running import: files are read (decoded, and parsed when they bring annotations) on a
/// thread through the format registry; the app then adds them through the session (writing
/// them is quick and must go through the open `Store`).
pub struct ImportJob {
    control: Control,
    rx: mpsc::Receiver<Vec<ReadFile>>,
}

impl ImportJob {
    /// Start reading `files` as `format` with `opts`.
    pub fn start(
        files: Vec<PathBuf>,
        format: &'static crate::format::Format,
        opts: crate::format::Options,
        ctx: egui::Context,
    ) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let c2 = control.clone();
        let work = move || {
            let mut read = Vec::new();
            let total = files.len().max(1);
            for (i, f) in files.into_iter().enumerate() {
                if c2.cancelled() {
                    break;
                }
                let r = crate::session::exchange::read(format, &f, &opts);
                read.push((f, r));
                c2.set(i + 1, total, &ctx);
            }
            let _ = tx.send(read);
            ctx.request_repaint();
        };
        let _ = std::thread::Builder::new()
            .name("biaozhu-import".into())
            .spawn(work);
        Self { control, rx }
    }

    /// What was read, once finished (nothing if the thread could not start).
    pub fn poll(&self) -> Option<Vec<ReadFile>> {
        match self.rx.try_recv() {
            Ok(v) => Some(v),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Vec::new()),
        }
    }
}

/// A running suggestion job for one document: a snapshot of it (text, layer, known strings,
/// the project's segmenter) goes to a thread, which returns the suggestions that are new for
/// that layer.
pub struct SuggestJob {
    /// The document the suggestions are for.
    pub doc: usize,
    /// The layer revision they were computed against.
    pub revision: u64,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<crate::session::suggest::Suggested>,
}

impl SuggestJob {
    /// Start computing suggestions from `input`.
    pub fn start(input: crate::session::suggest::SuggestInput, ctx: egui::Context) -> Self {
        let (doc, revision) = (input.doc, input.revision);
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let c2 = cancel.clone();
        let _ = std::thread::Builder::new()
            .name("biaozhu-suggest".into())
            .spawn(move || {
                let s = input.run_until(&|| !c2.load(Ordering::Relaxed));
                if !c2.load(Ordering::Relaxed) {
                    let _ = tx.send(s);
                }
                ctx.request_repaint();
            });
        Self {
            doc,
            revision,
            cancel,
            rx,
        }
    }

    /// Ask the job to stop; its result is dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The suggestions once finished; `Some(empty)` if the job died or was cancelled.
    pub fn poll(&self) -> Option<crate::session::suggest::Suggested> {
        match self.rx.try_recv() {
            Ok(v) => Some(v),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Default::default()),
        }
    }

    /// Wait for the result (tests).
    pub fn wait(self) -> crate::session::suggest::Suggested {
        self.rx.recv().unwrap_or_default()
    }
}

/// A running training of the project's entity model: a snapshot of the accepted spans goes
/// to a thread that trains (held-out run, then the final model) and ranks the documents,
/// with progress and cancel. The window installs the result (the store writes it); a
/// cancelled job returns nothing and nothing is written.
pub struct TrainJob {
    control: Control,
    stage: Arc<AtomicU32>,
    rx: mpsc::Receiver<Result<crate::session::learn::Trained, crate::learn::TrainError>>,
}

impl TrainJob {
    /// Start training from `input`.
    pub fn start(input: crate::session::learn::TrainInput, ctx: egui::Context) -> Self {
        use crate::learn::Stage;
        let control = Control::default();
        let stage = Arc::new(AtomicU32::new(0));
        let (tx, rx) = mpsc::channel();
        let (c2, s2) = (control.clone(), stage.clone());
        let _ = std::thread::Builder::new()
            .name("biaozhu-train".into())
            .spawn(move || {
                let r = input.run(&mut |p| {
                    // Reading 0-10 %, held-out run 10-50 %, final model 50-90 %, ranking
                    // 90-100 %.
                    let (from, width, code) = match p.stage {
                        Stage::Features => (0, 100, 0),
                        Stage::HeldOut => (100, 400, 1),
                        Stage::Final => (500, 400, 2),
                        Stage::Ranking => (900, 100, 3),
                    };
                    s2.store(code, Ordering::Relaxed);
                    let part = (p.done * width).checked_div(p.total).unwrap_or(0);
                    c2.set(from + part.min(width), 1000, &ctx);
                    !c2.cancelled()
                });
                let _ = tx.send(r);
                ctx.request_repaint();
            });
        Self { control, stage, rx }
    }

    /// What it is doing: 0 reading, 1 held-out run, 2 final model, 3 ranking documents.
    pub fn stage(&self) -> u32 {
        self.stage.load(Ordering::Relaxed)
    }

    /// The result, once finished (`Err(Cancelled)` also if the thread died).
    pub fn poll(&self) -> Option<Result<crate::session::learn::Trained, crate::learn::TrainError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(crate::learn::TrainError::Cancelled)),
        }
    }

    /// Wait for the result (tests).
    pub fn wait(self) -> Result<crate::session::learn::Trained, crate::learn::TrainError> {
        self.rx
            .recv()
            .unwrap_or(Err(crate::learn::TrainError::Cancelled))
    }
}

/// A running training of the project's event taggers ([`crate::learn::event_scores`]): the
/// open layer's accepted events go to a thread that scores the event suggestions on the last
/// tenth of the texts, trains the trigger and argument taggers on every text and saves them
/// in the project's `models/` (when `save`), with progress (counted in training iterations)
/// and cancel. A cancelled job saves nothing.
pub struct EventTrainJob {
    control: Control,
    rx: mpsc::Receiver<EventTrained>,
}

/// How an [`EventTrainJob`] ended.
#[derive(Debug)]
pub enum EventTrained {
    /// Trained (and saved, when asked), with the held-out scores when there were enough texts.
    Done(Option<crate::learn::event_scores::EventScores>),
    /// Trained, but the save failed.
    NotSaved(crate::store::StoreError),
    /// Too few events, nothing to learn, or cancelled.
    Nothing,
}

impl EventTrainJob {
    /// Start training from `learning` with `schema`'s event types, saving into `dir` when
    /// `save`.
    pub fn start(
        seg: Arc<crate::zh::segment::Segmenter>,
        schema: crate::model::Schema,
        learning: crate::zh::triggers::Learning,
        dir: PathBuf,
        save: bool,
        ctx: egui::Context,
    ) -> Self {
        // The progress bar counts the trainings' calls to go on: two rounds (held out, then
        // every text), each reading the texts (about a call a text) and training two CRFs (a
        // call an iteration, at most `max_iterations` each). 400 DuEE records made 1,244.
        let iterations = crate::learn::crf::TrainParams::default().max_iterations;
        let most = 2 * (learning.texts().len() + 2 * iterations);
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let c2 = control.clone();
        let _ = std::thread::Builder::new()
            .name("biaozhu-train-events".into())
            .spawn(move || {
                let mut steps = 0usize;
                let r =
                    crate::learn::event_scores::train_scored(&seg, &schema, &learning, &mut || {
                        steps += 1;
                        c2.set(steps.min(most - 1), most, &ctx);
                        !c2.cancelled()
                    });
                let end = match r {
                    Some(_) if c2.cancelled() => EventTrained::Nothing,
                    Some((tagger, scores)) if save => {
                        match tagger.save_scored(&dir, &learning, scores.clone()) {
                            Ok(()) => EventTrained::Done(scores),
                            Err(e) => EventTrained::NotSaved(e),
                        }
                    }
                    Some((_, scores)) => EventTrained::Done(scores),
                    None => EventTrained::Nothing,
                };
                let _ = tx.send(end);
                ctx.request_repaint();
            });
        Self { control, rx }
    }

    /// The result, once finished (`Nothing` also if the thread died).
    pub fn poll(&self) -> Option<EventTrained> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(EventTrained::Nothing),
        }
    }
}

pub use crate::session::exchange::ExportEnd;

/// A running export: a copy of the project goes to a thread that builds and writes the file
/// (or the folder) through the registry, so a large corpus never freezes the window.
pub struct ExportJob {
    /// Where it writes.
    pub path: PathBuf,
    /// What a record is (a document, an article, a sentence), to say what was written.
    pub unit: crate::format::registry::Unit,
    /// The layer exported, to say whose annotations were written.
    pub layer: String,
    control: Control,
    rx: mpsc::Receiver<Result<ExportEnd, StoreError>>,
}

/// The layer an export writes.
pub enum Exported {
    /// The open layer as it stands (a copy of the project).
    Open(Box<Project>),
    /// Another layer, by name, read from its saved files on the export's thread.
    Saved(String),
}

impl ExportJob {
    /// Start exporting `from` (in `project_dir`) as `format` with `opts` to `path`.
    pub fn start(
        from: Exported,
        project_dir: PathBuf,
        path: PathBuf,
        format: &'static crate::format::Format,
        opts: crate::format::Options,
        ctx: egui::Context,
    ) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let (c2, out) = (control.clone(), path.clone());
        let unit = opts.unit;
        let layer = match &from {
            Exported::Open(p) => p.annotator.clone(),
            Exported::Saved(l) => l.clone(),
        };
        let work = move || {
            let mut cb = c2.callback(&ctx);
            let r = match from {
                Exported::Open(p) => crate::session::exchange::export_open_layer(
                    *p,
                    &project_dir,
                    format,
                    &opts,
                    &out,
                    &mut cb,
                ),
                Exported::Saved(layer) => crate::session::exchange::export_saved_layer(
                    &project_dir,
                    &layer,
                    format,
                    &opts,
                    &out,
                    &mut cb,
                ),
            };
            c2.set(1, 1, &ctx);
            let _ = tx.send(r);
        };
        // A thread that cannot start drops its sender: `poll` then reports the export stopped.
        let _ = std::thread::Builder::new()
            .name("biaozhu-export".into())
            .spawn(work);
        Self {
            path,
            unit,
            layer,
            control,
            rx,
        }
    }

    /// The result, once finished (`Err(None)`: the thread ended without one).
    pub fn poll(&self) -> Option<Result<ExportEnd, Option<StoreError>>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r.map_err(Some)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(None)),
        }
    }
}

/// A running computation over every layer of the project folder (agreement, statistics):
/// the layers are loaded read-only and `f` runs on them on a thread, with progress per
/// document and cancel.
pub struct LayeredJob<T> {
    control: Control,
    rx: mpsc::Receiver<Result<T, StoreError>>,
}

impl<T> std::ops::Deref for LayeredJob<T> {
    type Target = Control;
    fn deref(&self) -> &Control {
        &self.control
    }
}

/// The agreement figures between every annotator.
pub type AgreeJob = LayeredJob<crate::review::agree::Agreement>;

/// The project statistics (every layer and the activity log).
pub type StatsJob = LayeredJob<crate::review::stats::ProjectStats>;

impl AgreeJob {
    /// Start loading `dir`'s layers and computing the figures between every annotator, or
    /// of each against the layer `against`.
    pub fn agreement(dir: PathBuf, against: Option<String>, ctx: egui::Context) -> Self {
        Self::start(dir, ctx, move |lp, _| {
            let opts = crate::review::agree::AgreeOptions {
                against,
                ..Default::default()
            };
            crate::review::agree::agreement(&lp, &opts)
        })
    }
}

impl StatsJob {
    /// Start loading `dir`'s layers and log and counting.
    pub fn stats(dir: PathBuf, ctx: egui::Context) -> Self {
        Self::start(dir, ctx, |lp, dir| {
            crate::session::review::project_stats(&lp, dir).0
        })
    }
}

/// The texts the open layer tags inconsistently, each deviation with its context.
pub type ConsistencyJob = LayeredJob<Vec<crate::ui::consistency_view::Found>>;

impl ConsistencyJob {
    /// Start loading `dir`'s layers and looking for the texts layer `layer` tags
    /// inconsistently (jieba with the project's words `user_words` decides word boundaries).
    pub fn consistency(
        dir: PathBuf,
        layer: String,
        user_words: Vec<String>,
        ctx: egui::Context,
    ) -> Self {
        Self::start(dir, ctx, move |lp, _| {
            let docs: Vec<crate::model::Document> = lp
                .docs
                .into_iter()
                .map(|d| crate::model::Document {
                    layer: d.layer(&layer).cloned().unwrap_or_default(),
                    meta: d.meta,
                    text: d.text,
                })
                .collect();
            let seg = crate::zh::segment::Segmenter::with_user_words(&user_words);
            crate::review::consistency::variations(&docs, &seg, &mut |_, _| true)
                .unwrap_or_default()
                .into_iter()
                .map(|v| crate::ui::consistency_view::Found::new(v, &docs))
                .collect()
        })
    }
}

impl<T: Send + 'static> LayeredJob<T> {
    /// Start loading `dir`'s layers and running `f` on them.
    pub fn start(
        dir: PathBuf,
        ctx: egui::Context,
        f: impl FnOnce(crate::model::LayeredProject, &std::path::Path) -> T + Send + 'static,
    ) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let c2 = control.clone();
        let spawned = std::thread::Builder::new()
            .name("biaozhu-layers".into())
            .spawn(move || {
                let r =
                    crate::store::load_layered(&dir, &mut c2.callback(&ctx)).map(|lp| f(lp, &dir));
                let _ = tx.send(r);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(Err(StoreError::io(std::path::Path::new("."), e)));
            return Self { control, rx: rx2 };
        }
        Self { control, rx }
    }

    /// The result (or why it could not be computed), once finished.
    pub fn poll(&self) -> Option<Result<T, StoreError>> {
        self.rx.try_recv().ok()
    }
}
