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
        let permille = (done * 1000).checked_div(total).unwrap_or(1000) as u32;
        self.progress.store(permille, Ordering::Relaxed);
        ctx.request_repaint();
    }

    /// A `store::Progress` callback: sets the progress, and says whether to go on.
    fn callback<'a>(&'a self, ctx: &'a egui::Context) -> impl FnMut(usize, usize) -> bool + 'a {
        move |done, total| {
            self.set(done, total, ctx);
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
controlled!(OpenJob, ImportJob, ExportJob);

/// A running open job.
pub struct OpenJob {
    /// The folder being opened.
    pub dir: PathBuf,
    control: Control,
    rx: mpsc::Receiver<Result<(Store, Project), StoreError>>,
}

impl OpenJob {
    /// Start opening `dir` on a thread; `read_only` skips the lock.
    pub fn start(dir: PathBuf, annotator: String, read_only: bool, ctx: egui::Context) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let (c2, d2) = (control.clone(), dir.clone());
        let spawned = std::thread::Builder::new()
            .name("biaozhu-open".into())
            .spawn(move || {
                let mut cb = c2.callback(&ctx);
                let r = if read_only {
                    Store::open_read_only(&d2, &annotator, &mut cb)
                } else {
                    Store::open(&d2, &annotator, &mut cb)
                };
                // Build the segmenter with the project's words here, not on the UI thread.
                if let Ok((_, p)) = &r {
                    crate::zh::segment::set_user_words(&p.settings.user_words);
                }
                let _ = tx.send(r);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(Err(StoreError::io(&dir, e)));
            return Self {
                dir,
                control,
                rx: rx2,
            };
        }
        Self { dir, control, rx }
    }

    /// The result, once finished.
    pub fn poll(&self) -> Option<Result<(Store, Project), StoreError>> {
        self.rx.try_recv().ok()
    }

    /// Wait for the result (tests).
    pub fn wait(self) -> Result<(Store, Project), StoreError> {
        self.rx
            .recv()
            .unwrap_or_else(|_| Err(StoreError::invalid(&self.dir, "the open job stopped")))
    }
}

/// One file read and decoded by an import job.
pub type DecodedFile = (PathBuf, Result<crate::zh::encoding::Decoded, StoreError>);

/// One labelled file (DuEE, brat) read and parsed by an import job.
pub type LabelledFile = (
    PathBuf,
    Result<crate::store::labelled::LabelledRead, StoreError>,
);

/// What an import job read.
pub enum ImportDone {
    /// Plain texts, decoded.
    Texts(Vec<DecodedFile>),
    /// Labelled files, parsed.
    Labelled(Vec<LabelledFile>),
}

/// A running import: files are read and decoded (and labelled ones parsed) on a thread; the
/// app then adds them to the project (writing them is quick and must go through the open
/// `Store`).
pub struct ImportJob {
    control: Control,
    rx: mpsc::Receiver<ImportDone>,
}

impl ImportJob {
    /// Start decoding `files` (with a forced encoding or detection), or parsing them as
    /// `labelled` files.
    pub fn start(
        files: Vec<PathBuf>,
        forced: Option<&'static encoding_rs::Encoding>,
        labelled: Option<crate::store::labelled::LabelledFormat>,
        ctx: egui::Context,
    ) -> Self {
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let c2 = control.clone();
        let work = move || {
            let mut texts = Vec::new();
            let mut parsed = Vec::new();
            let total = files.len().max(1);
            for (i, f) in files.into_iter().enumerate() {
                if c2.cancelled() {
                    break;
                }
                match labelled {
                    None => {
                        let r = crate::store::read_decoded(&f, forced);
                        texts.push((f, r));
                    }
                    Some(format) => {
                        let r = crate::store::labelled::read_labelled(&f, format);
                        parsed.push((f, r));
                    }
                }
                c2.set(i + 1, total, &ctx);
            }
            let _ = tx.send(match labelled {
                None => ImportDone::Texts(texts),
                Some(_) => ImportDone::Labelled(parsed),
            });
            ctx.request_repaint();
        };
        let _ = std::thread::Builder::new()
            .name("biaozhu-import".into())
            .spawn(work);
        Self { control, rx }
    }

    /// What was read, once finished (nothing if the thread could not start).
    pub fn poll(&self) -> Option<ImportDone> {
        match self.rx.try_recv() {
            Ok(v) => Some(v),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(ImportDone::Texts(Vec::new())),
        }
    }
}

/// A running suggestion job for one document: the text, layer and known strings are copied
/// to a thread, which returns the suggestions that are new for that layer.
pub struct SuggestJob {
    /// The document the suggestions are for.
    pub doc: usize,
    /// The layer revision they were computed against.
    pub revision: u64,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Vec<crate::zh::suggest::Suggestion>>,
}

impl SuggestJob {
    /// Start computing suggestions for document `doc` of `p`.
    pub fn start(p: &Project, doc: usize, ctx: egui::Context) -> Option<Self> {
        let d = p.documents.get(doc)?;
        let text = d.text.as_str().to_string();
        let layer = d.layer.clone();
        let published = d.meta.published.clone();
        let revision = layer.revision();
        let known = crate::zh::suggest::known_strings(&p.documents);
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let c2 = cancel.clone();
        let _ = std::thread::Builder::new()
            .name("biaozhu-suggest".into())
            .spawn(move || {
                let s =
                    crate::zh::suggest::for_document(&text, published.as_deref(), &layer, &known);
                if !c2.load(Ordering::Relaxed) {
                    let _ = tx.send(s);
                }
                ctx.request_repaint();
            });
        Some(Self {
            doc,
            revision,
            cancel,
            rx,
        })
    }

    /// Ask the job to stop; its result is dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The suggestions once finished; `Some(empty)` if the job died or was cancelled.
    pub fn poll(&self) -> Option<Vec<crate::zh::suggest::Suggestion>> {
        match self.rx.try_recv() {
            Ok(v) => Some(v),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Vec::new()),
        }
    }

    /// Wait for the result (tests).
    pub fn wait(self) -> Vec<crate::zh::suggest::Suggestion> {
        self.rx.recv().unwrap_or_default()
    }
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEnd {
    /// Written; what the format could not hold, one line each.
    Written(Vec<String>),
    /// Cancelled: nothing written (brat: the documents before the cancel were).
    Cancelled,
}

/// A running export: a copy of the project goes to a thread that builds and writes the file
/// (or, for brat, the folder), so a large corpus never freezes the window.
pub struct ExportJob {
    /// Where it writes.
    pub path: PathBuf,
    control: Control,
    rx: mpsc::Receiver<Result<ExportEnd, String>>,
}

impl ExportJob {
    /// Start exporting `p` as `kind` to `path`.
    pub fn start(
        p: Project,
        path: PathBuf,
        kind: crate::ui::dialogs::ExportKind,
        ctx: egui::Context,
    ) -> Self {
        use crate::format::{corpus, duee};
        use crate::ui::dialogs::ExportKind;
        let control = Control::default();
        let (tx, rx) = mpsc::channel();
        let (c2, out) = (control.clone(), path.clone());
        let work = move || {
            let r = if kind == ExportKind::Brat {
                let mut cb = c2.callback(&ctx);
                crate::store::labelled::write_brat(&p, &out, &mut cb)
                    .map_err(|e| e.to_string())
                    .map(|_| {
                        if c2.cancelled() {
                            ExportEnd::Cancelled
                        } else {
                            ExportEnd::Written(Vec::new())
                        }
                    })
            } else {
                let built = match kind {
                    ExportKind::Json => corpus::to_corpus(&p, false)
                        .and_then(|c| corpus::to_json(&c))
                        .map(|s| (s, Vec::new())),
                    ExportKind::Ron => corpus::to_corpus(&p, false)
                        .and_then(|c| corpus::to_ron(&c))
                        .map(|s| (s, Vec::new())),
                    ExportKind::DueeDocument => duee::export_with(&p, duee::Unit::Document),
                    ExportKind::DueeSentence => duee::export_with(&p, duee::Unit::Sentence),
                    ExportKind::Brat => Err("brat writes a folder (handled above)".into()),
                };
                c2.set(7, 10, &ctx);
                built.and_then(|(s, warnings)| {
                    // A cancel before the write leaves the old file as it was.
                    if c2.cancelled() {
                        return Ok(ExportEnd::Cancelled);
                    }
                    crate::store::write_atomic(&out, s.as_bytes())
                        .map(|()| ExportEnd::Written(warnings))
                        .map_err(|e| e.to_string())
                })
            };
            c2.set(1, 1, &ctx);
            let _ = tx.send(r);
        };
        // A thread that cannot start drops its sender: `poll` then reports the export stopped.
        let _ = std::thread::Builder::new()
            .name("biaozhu-export".into())
            .spawn(work);
        Self { path, control, rx }
    }

    /// The result, once finished.
    pub fn poll(&self) -> Option<Result<ExportEnd, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err("the export stopped".into())),
        }
    }
}
