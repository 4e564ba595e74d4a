//! Import and export through the format registry, shared by the window and the command line:
//! reading a file ([`read`], on any thread), adding what was read to the open project
//! ([`Session::add_read`]) and writing an export atomically into a file or a folder
//! ([`export`], on any thread). One function each, so both front ends accept, refuse and
//! report the same things.

use std::path::{Path, PathBuf};

use crate::edit::Edit;
use crate::format::{Format, FormatError, Options, Output, Read, ReadDoc};
use crate::model::{Project, Schema};
use crate::store::StoreError;

use super::Session;

/// One document added by [`Session::add_read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedDoc {
    /// Its id in the project.
    pub id: String,
    /// Its index in the project.
    pub index: usize,
    /// Its length in chars.
    pub chars: u32,
    /// The encoding its text was read in.
    pub encoding: &'static str,
    /// Whether the encoding was detected (not forced).
    pub detected: bool,
    /// How many spans it got.
    pub spans: usize,
    /// How many events.
    pub events: usize,
    /// Where it came from (the file, and the line for record formats).
    pub source: String,
    /// Event types it uses that the schema does not have (each once).
    pub unknown_types: Vec<String>,
    /// Roles its events use that their (known) types do not have: (type, role, how many
    /// arguments).
    pub unknown_roles: Vec<(String, String, usize)>,
    /// Labels its spans use that the schema did not have, added to it.
    pub new_labels: Vec<AddedLabel>,
}

/// A label an import added to the schema because its spans use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedLabel {
    /// The label's key.
    pub key: String,
    /// How many of the file's spans use it.
    pub spans: usize,
    /// The hotkey it was given (the first free one), if any was left.
    pub hotkey: Option<char>,
}

/// What an import of several files did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Documents that went in.
    pub added: Vec<AddedDoc>,
    /// Annotations that did not fit, one line each with file and line (their documents
    /// went in without them).
    pub problems: Vec<crate::i18n::Said>,
    /// Files (or documents) that did not go in, with why.
    pub errors: Vec<StoreError>,
    /// What `--extend-schema` added to the schema, one line per event type.
    pub schema_extended: Vec<String>,
    /// Labels a schema file beside the input declared that the schema lacked, added to it.
    pub declared_labels: Vec<String>,
    /// Event types such a schema file declared that the schema lacked, added to it.
    pub declared_event_types: Vec<String>,
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEnd {
    /// Written.
    Written {
        /// Documents written.
        documents: usize,
        /// Spans written.
        spans: usize,
        /// What the format could not hold, one line each.
        notes: Vec<crate::i18n::Said>,
    },
    /// Cancelled: nothing written (a folder: the files before the cancel were).
    Cancelled,
}

/// Read `file` as `format` (no project needed, so it can run on a thread). With
/// `opts.pending` every span but structure comes in as a pending suggestion.
pub fn read(format: &Format, file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let mut r = format.read(file, opts)?;
    if opts.pending {
        make_pending(&mut r.docs);
    }
    Ok(r)
}

/// Refuse an export onto `dest` when it is among the project's own files (`project.ron`,
/// `documents/`, `annotations/` …, the folder itself).
fn refuse_managed(project_dir: &Path, dest: &Path) -> Result<(), StoreError> {
    if !crate::store::is_managed_path(project_dir, dest) {
        return Ok(());
    }
    Err(StoreError::Invalid {
        path: dest.to_path_buf(),
        message: crate::said!(
            "是项目自己的文件（在 {} 中）；请导出到别处",
            "is one of the project's own files (in {}); export somewhere else",
            project_dir.display()
        ),
    })
}

/// Export `p` (from the project folder `project_dir`) as `format` to `dest` (a file, or a
/// folder for folder formats), each file replaced atomically. A destination among the
/// project's own files (`project.ron`, `documents/`, `annotations/`, the folder itself …) is
/// refused before anything is built. `progress(done, total)` returning false cancels: a file
/// is then not written at all, and the old one stays.
pub fn export(
    p: &Project,
    project_dir: &Path,
    format: &Format,
    opts: &Options,
    dest: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ExportEnd, StoreError> {
    refuse_managed(project_dir, dest)?;
    if crate::store::is_in_exports(project_dir, dest) {
        // A `.gitignore` from before the window exported into `exports/` gains it. The
        // export does not depend on it: a failure here (a read-only `.gitignore`) leaves
        // the training set to be written all the same, and `git status` shows it.
        let _ = crate::store::ignore_exports(project_dir);
    }
    let Some(built) = format.build(p, opts, progress)? else {
        return Ok(ExportEnd::Cancelled);
    };
    match built.output {
        Output::File(mut s) => {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            // A cancel before the write leaves the old file as it was.
            if !progress(9, 10) {
                return Ok(ExportEnd::Cancelled);
            }
            // `write_atomic` makes a folder the path names that is not there yet (the
            // window's default `exports/corpus.json`).
            crate::store::write_atomic(dest, s.as_bytes())?;
        }
        Output::Folder(files) => {
            std::fs::create_dir_all(dest).map_err(|e| StoreError::Io {
                path: dest.to_path_buf(),
                source: e,
            })?;
            // Each file is replaced atomically (a temporary file and a rename), so a reader
            // never sees half of one, but without an fsync of the file and the folder per file
            // (a disk flush each, 2,000 for 1,000 brat documents): an export is derived data,
            // so a crash costs at worst running it again. The folder is synced once at the end.
            let total = files.len();
            let mut folders = std::collections::BTreeSet::new();
            for (i, (name, contents)) in files.into_iter().enumerate() {
                if !progress(i, total) {
                    sync_folders(&folders);
                    return Ok(ExportEnd::Cancelled);
                }
                let path = dest.join(name);
                // A split writes `train/`, `dev/`, `test/` inside the folder.
                if let Some(dir) = path.parent()
                    && !folders.contains(dir)
                    && let Err(e) = std::fs::create_dir_all(dir)
                {
                    sync_folders(&folders);
                    return Err(StoreError::Io {
                        path: dir.to_path_buf(),
                        source: e,
                    });
                }
                let written = crate::store::replace_unsynced(&path, contents.as_bytes());
                if let Some(dir) = path.parent() {
                    folders.insert(dir.to_path_buf());
                }
                if let Err(e) = written {
                    sync_folders(&folders);
                    return Err(e);
                }
            }
            sync_folders(&folders);
        }
    }
    progress(1, 1);
    Ok(ExportEnd::Written {
        documents: built.documents,
        spans: built.spans,
        notes: built.notes,
    })
}

/// Whether document `i` of `p` is exported from `project_dir`: on another layer than the
/// curated one always; on the curated layer when someone has reviewed it (its curated file
/// exists, or the open layer has an unsaved edit of it).
pub fn exported(p: &Project, i: usize, project_dir: &Path) -> bool {
    p.annotator != crate::model::CURATED
        || p.dirty_docs.contains(&i)
        || p.documents.get(i).is_some_and(|d| {
            crate::store::layer_file(project_dir, &d.meta.id, &p.annotator).exists()
        })
}

/// Exporting the curated layer: leave out of `p` the documents nobody has reviewed yet
/// ([`exported`]), whose empty layer would read as "nothing to tag here", and return their
/// ids. Another layer: nothing left out. The command line and the window both export
/// through this, so both leave out the same.
pub fn leave_out_unreviewed(p: &mut Project, project_dir: &Path) -> Vec<String> {
    if p.annotator != crate::model::CURATED {
        return Vec::new();
    }
    let keep: Vec<bool> = (0..p.documents.len())
        .map(|i| exported(p, i, project_dir))
        .collect();
    let mut out = Vec::new();
    let mut kept = Vec::with_capacity(p.documents.len());
    let mut dirty = std::collections::BTreeSet::new();
    for (i, d) in std::mem::take(&mut p.documents).into_iter().enumerate() {
        if keep[i] {
            if p.dirty_docs.contains(&i) {
                dirty.insert(kept.len());
            }
            kept.push(d);
        } else {
            out.push(d.meta.id);
        }
    }
    p.documents = kept;
    p.dirty_docs = dirty;
    out
}

/// The note on what [`leave_out_unreviewed`] left out of `of` documents: how many, which
/// (the first ten), and what takes them.
pub fn unreviewed_note(ids: &[String], of: usize) -> crate::i18n::Said {
    const SHOWN: usize = 10;
    let n = ids.len();
    let mut list = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if n > SHOWN {
        list.push_str(", …");
    }
    crate::said!(
        "{of} 篇文档中有 {n} 篇还没有审定层（没有人审阅过），未导出：{list}（请先审阅，或导出某位标注人的标注层）",
        "{n} of {of} documents have no curated layer yet (nobody has reviewed them) and are left out: {list} (review them, or export an annotator's layer)"
    )
}

/// What the window exports: the open layer `p` as it stands, through [`export`], with the
/// curated layer's documents nobody has reviewed left out ([`leave_out_unreviewed`]) and a
/// note saying which, first among the notes.
pub fn export_open_layer(
    mut p: Project,
    project_dir: &Path,
    format: &Format,
    opts: &Options,
    dest: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ExportEnd, StoreError> {
    let of = p.documents.len();
    let left = leave_out_unreviewed(&mut p, project_dir);
    let mut end = export(&p, project_dir, format, opts, dest, progress)?;
    if let ExportEnd::Written { notes, .. } = &mut end
        && !left.is_empty()
    {
        notes.insert(0, unreviewed_note(&left, of));
    }
    Ok(end)
}

/// What the window exports when another layer than the open one is chosen: `layer` as saved
/// in `project_dir` (every document, read without locking), through [`export_open_layer`],
/// so the curated layer's unreviewed documents are left out and said as for the open one.
/// `progress` runs over the loading, then over the export.
pub fn export_saved_layer(
    project_dir: &Path,
    layer: &str,
    format: &Format,
    opts: &Options,
    dest: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ExportEnd, StoreError> {
    // A refused destination is said before the layer is read.
    refuse_managed(project_dir, dest)?;
    let mut cancelled = false;
    let loaded = crate::store::load(project_dir, layer, &mut |done, total| {
        let go = progress(done, total);
        cancelled |= !go;
        go
    });
    let p = match loaded {
        Ok(p) => p,
        Err(_) if cancelled => return Ok(ExportEnd::Cancelled),
        Err(e) => return Err(e),
    };
    export_open_layer(p, project_dir, format, opts, dest, progress)
}

/// The first `n` documents of `layer` that an export of it writes (see [`exported`]) and
/// that `keep` keeps (the export's status filter), the layer read from its saved files in
/// `project_dir` and the texts taken from `p` (the open project): what the export dialog
/// previews for a layer that is not open. A document with no file for that layer has an
/// empty layer (the curated layer leaves it out).
pub fn saved_layer_sample(
    p: &Project,
    project_dir: &Path,
    layer: &str,
    n: usize,
    keep: impl Fn(&crate::model::Document) -> bool,
) -> Result<Project, StoreError> {
    crate::store::check_annotator(layer)?;
    let mut out = Project::new(p.name.clone(), layer);
    out.schema = p.schema.clone();
    out.settings = p.settings.clone();
    for d in &p.documents {
        if out.documents.len() == n {
            break;
        }
        let file = crate::store::layer_file(project_dir, &d.meta.id, layer);
        if layer == crate::model::CURATED && !file.exists() {
            continue;
        }
        let l = crate::store::load_layer(project_dir, &d.meta.id, layer, &d.text)?;
        let doc = crate::model::Document {
            meta: d.meta.clone(),
            text: d.text.clone(),
            layer: l,
        };
        if keep(&doc) {
            out.documents.push(doc);
        }
    }
    Ok(out)
}

/// Make the files renamed into `folders` durable: one sync per folder instead of one per file.
fn sync_folders(folders: &std::collections::BTreeSet<PathBuf>) {
    for f in folders {
        crate::store::sync_dir(f);
    }
}

impl Session {
    /// Read `files` as `format` and add their documents. Each file goes in whole or not at
    /// all; the documents' files are written first and `project.ron` once at the end, so an
    /// import that fails or is killed leaves the project as it was before the files that
    /// did not finish. `progress(done, total)` returning false stops before the next file.
    pub fn import_files(
        &mut self,
        format: &Format,
        files: &[PathBuf],
        opts: &Options,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> ImportReport {
        let mut report = ImportReport::default();
        let mut seen = std::collections::HashSet::new();
        let first = self.project.documents.len();
        for (i, f) in files.iter().enumerate() {
            if !progress(i, files.len()) {
                break;
            }
            match read(format, f, opts) {
                Ok(r) => {
                    if opts.extend_schema {
                        match self.extend_schema_for(&r.docs) {
                            Ok(lines) => report.schema_extended.extend(lines),
                            Err(e) => {
                                report.errors.push(e);
                                continue;
                            }
                        }
                    }
                    match self.add_declared(&r.labels, &r.event_types) {
                        Ok((labels, types)) => {
                            report.declared_labels.extend(labels);
                            report.declared_event_types.extend(types);
                        }
                        Err(e) => {
                            report.errors.push(e);
                            continue;
                        }
                    }
                    match self.stage(r.docs) {
                        Ok(added) => {
                            // A schema file read beside each file says its problems once.
                            for p in r.problems {
                                if seen.insert(p.clone()) {
                                    report.problems.push(p);
                                }
                            }
                            report.added.extend(added);
                        }
                        Err(e) => report.errors.push(e),
                    }
                }
                Err(e) => report.errors.push(e.into()),
            }
        }
        if let Err(e) = self.list_staged(first) {
            report.added.clear();
            report.errors.push(e);
        }
        progress(files.len(), files.len());
        report
    }

    /// Add documents read from files, each with its spans and events, all or none: their
    /// texts and layers are written, then `project.ron` lists them in one write.
    pub fn add_read(&mut self, docs: Vec<ReadDoc>) -> Result<Vec<AddedDoc>, StoreError> {
        let first = self.project.documents.len();
        let added = self.stage(docs)?;
        self.list_staged(first)?;
        Ok(added)
    }

    /// Write the texts and layers of new documents and add them to the project in memory,
    /// not yet listed in `project.ron`. All or none: on a failure the ones written here are
    /// removed again.
    fn stage(&mut self, docs: Vec<ReadDoc>) -> Result<Vec<AddedDoc>, StoreError> {
        let first = self.project.documents.len();
        let mut added = Vec::new();
        for d in docs {
            match self.stage_one(d) {
                Ok(a) => added.push(a),
                Err(e) => {
                    self.unstage_from(first);
                    return Err(e);
                }
            }
        }
        Ok(added)
    }

    fn stage_one(&mut self, mut d: ReadDoc) -> Result<AddedDoc, StoreError> {
        if d.label_arguments {
            label_arguments(&self.project.schema, &self.seg, &mut d);
        }
        if d.kinds_from_labels {
            // A format without span kinds (brat) gives every labelled span `Entity`: a label
            // the schema calls a figure makes it a figure span.
            for s in &mut d.spans {
                if s.kind == crate::model::SpanKind::Entity
                    && let Some(l) = self.project.schema.label(&s.label)
                {
                    s.kind = l.span_kind();
                }
            }
        }
        let new_labels = self.add_missing_labels(&d.spans)?;
        let (encoding, detected) = (d.text.encoding, d.text.detected);
        let id = self.store.stage_text(
            &self.project,
            &Default::default(),
            &d.name,
            &d.text.text,
            d.original.as_deref(),
        )?;
        let index = self.project.documents.len();
        self.project.documents.push(crate::model::Document {
            meta: crate::model::DocMeta {
                id: id.clone(),
                published: None,
                imported_from: Some(d.source.clone()),
            },
            text: crate::model::Text::new(d.text.text),
            layer: crate::model::Layer::new(),
        });
        let mut unknown_types: Vec<String> = Vec::new();
        let mut unknown_roles: Vec<(String, String, usize)> = Vec::new();
        for e in &d.events {
            match self.project.schema.event_type(&e.event_type) {
                None => {
                    if !unknown_types.contains(&e.event_type) {
                        unknown_types.push(e.event_type.clone());
                    }
                }
                Some(t) => {
                    for (role, _) in &e.args {
                        if t.roles.iter().any(|r| &r.name == role) {
                            continue;
                        }
                        match unknown_roles
                            .iter_mut()
                            .find(|(ty, r, _)| *ty == e.event_type && r == role)
                        {
                            Some(u) => u.2 += 1,
                            None => unknown_roles.push((e.event_type.clone(), role.clone(), 1)),
                        }
                    }
                }
            }
        }
        let (spans, events) = (d.spans.len(), d.events.len());
        let mut edits: Vec<Edit> = d
            .spans
            .into_iter()
            .map(|span| Edit::AddSpan { doc: index, span })
            .collect();
        edits.extend(
            d.events
                .into_iter()
                .map(|event| Edit::AddEvent { doc: index, event }),
        );
        // Not an undo step: an import is not undone by Ctrl+Z (its files are on disk).
        if !edits.is_empty()
            && let Err(e) = crate::edit::apply(&mut self.project, Edit::Batch(edits))
        {
            return Err(StoreError::Invalid {
                path: PathBuf::from(&d.source),
                message: edit_said(&e).at(&id),
            });
        }
        // The layer is on disk before the document is listed.
        let doc = &self.project.documents[index];
        if !doc.layer.spans().is_empty() || !doc.layer.events.is_empty() {
            self.store.write_layer(doc, &self.project.annotator)?;
        }
        self.project.dirty_docs.remove(&index);
        Ok(AddedDoc {
            chars: doc.text.len_chars(),
            id,
            index,
            encoding,
            detected,
            spans,
            events,
            source: d.source.clone(),
            unknown_types,
            unknown_roles,
            new_labels,
        })
    }

    /// Add to the schema the event types and roles `docs` use that it lacks (a role with
    /// no label restriction, optional, repeatable; a type with the roles seen), so that
    /// `--extend-schema` takes another data set's events whole. Returns one line per type.
    pub fn extend_schema_for(&mut self, docs: &[ReadDoc]) -> Result<Vec<String>, StoreError> {
        use crate::model::Role;
        let mut events = self.project.schema.events.clone();
        let mut said: Vec<(String, Vec<String>, bool)> = Vec::new();
        for e in docs.iter().flat_map(|d| &d.events) {
            let at = match events.iter().position(|t| t.key == e.event_type) {
                Some(i) => i,
                None => {
                    // A colour of its own and a free Shift key, as one added in the editor.
                    let t = crate::model::new_event_type(&e.event_type, &events);
                    events.push(t);
                    said.push((e.event_type.clone(), Vec::new(), true));
                    events.len() - 1
                }
            };
            for (role, _) in &e.args {
                let t = &mut events[at];
                if t.roles.iter().any(|r| &r.name == role) {
                    continue;
                }
                t.roles.push(Role {
                    name: role.clone(),
                    en: String::new(),
                    accepts: Vec::new(),
                    required: false,
                    repeat: true,
                });
                match said.iter_mut().find(|(k, _, _)| *k == t.key) {
                    Some(s) => s.1.push(role.clone()),
                    None => said.push((t.key.clone(), vec![role.clone()], false)),
                }
            }
        }
        if said.is_empty() {
            return Ok(Vec::new());
        }
        crate::edit::apply(&mut self.project, Edit::SetEventTypes { events }).map_err(|e| {
            StoreError::Invalid {
                path: PathBuf::from("project.ron"),
                message: edit_said(&e),
            }
        })?;
        Ok(said
            .into_iter()
            .map(|(k, roles, new)| {
                let what = if new {
                    "added the event type"
                } else {
                    "added to"
                };
                format!("{what} {k} the roles {}", roles.join(", "))
            })
            .collect())
    }

    /// Add to the schema the labels and event types a schema file beside the input declared
    /// (brat's `annotation.conf`) that it lacks: labels as entity labels, event types with
    /// the roles' accepted labels it knows (`ARG` too). Returns the keys added.
    fn add_declared(
        &mut self,
        labels: &[String],
        types: &[crate::model::EventType],
    ) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let invalid = |key: &str, e: crate::edit::EditError| StoreError::Invalid {
            path: PathBuf::from(key),
            message: edit_said(&e),
        };
        let mut added = Vec::new();
        for key in labels {
            if key.is_empty() || self.project.schema.label(key).is_some() {
                continue;
            }
            let n = self.project.schema.labels.len();
            let label = self
                .project
                .schema
                .new_label(key, crate::model::LabelClass::Entity);
            crate::edit::apply(&mut self.project, Edit::AddLabel { index: n, label })
                .map_err(|e| invalid(key, e))?;
            added.push(key.clone());
        }
        let mut events = self.project.schema.events.clone();
        let mut added_types = Vec::new();
        for t in types {
            if events.iter().any(|e| e.key == t.key) {
                continue;
            }
            // Named and with roles as declared; a colour of its own and a free Shift key,
            // as a type added in the editor.
            let fresh = crate::model::new_event_type(&t.key, &events);
            let mut t = t.clone();
            if t.hotkey.is_none() {
                (t.hotkey, t.color) = (fresh.hotkey, fresh.color);
            }
            let schema = &self.project.schema;
            for r in &mut t.roles {
                r.accepts
                    .retain(|a| a == "ARG" || schema.label(a).is_some());
            }
            added_types.push(t.key.clone());
            events.push(t);
        }
        if !added_types.is_empty() {
            crate::edit::apply(&mut self.project, Edit::SetEventTypes { events })
                .map_err(|e| invalid(&added_types.join(", "), e))?;
        }
        Ok((added, added_types))
    }

    /// Add to the schema every entity or figure label `spans` use that it lacks (an entity
    /// label with a colour of its own), so no imported span is dropped or left unknown.
    /// Returns each added label with how many of `spans` use it.
    fn add_missing_labels(
        &mut self,
        spans: &[crate::model::Span],
    ) -> Result<Vec<AddedLabel>, StoreError> {
        use crate::model::SpanKind;
        let mut added: Vec<AddedLabel> = Vec::new();
        for s in spans {
            if !matches!(s.kind, SpanKind::Entity | SpanKind::Figure) {
                continue;
            }
            if let Some(a) = added.iter_mut().find(|a| a.key == s.label) {
                a.spans += 1;
                continue;
            }
            if self.project.schema.label(&s.label).is_some() {
                continue;
            }
            let n = self.project.schema.labels.len();
            let label = self
                .project
                .schema
                .new_label(&s.label, crate::model::LabelClass::Entity);
            let hotkey = label.hotkey;
            crate::edit::apply(&mut self.project, Edit::AddLabel { index: n, label }).map_err(
                |e| StoreError::Invalid {
                    path: PathBuf::from(&s.label),
                    message: edit_said(&e),
                },
            )?;
            added.push(AddedLabel {
                key: s.label.clone(),
                spans: 1,
                hotkey,
            });
        }
        Ok(added)
    }

    /// List the documents staged from index `first` on in `project.ron`, in one atomic
    /// write. If that fails, they are removed from the project and the disk again.
    fn list_staged(&mut self, first: usize) -> Result<(), StoreError> {
        if self.project.documents.len() == first {
            return Ok(());
        }
        let was_dirty = self.project.project_dirty;
        self.project.project_dirty = true;
        if let Err(e) = self.store.save_project_file(&mut self.project) {
            self.unstage_from(first);
            self.project.project_dirty = was_dirty;
            return Err(e);
        }
        // Other unsaved changes to the project file went out with it.
        self.after_change();
        Ok(())
    }

    /// Remove the documents from index `first` on, from the project and from the disk.
    fn unstage_from(&mut self, first: usize) {
        for d in self.project.documents.drain(first..) {
            self.store.unstage(&d.meta.id);
        }
        self.project.dirty_docs.retain(|i| *i < first);
    }
}

/// Every span but structure becomes a pending suggestion (`--pending`: another model's output,
/// to review).
fn make_pending(docs: &mut [ReadDoc]) {
    for d in docs {
        for s in &mut d.spans {
            if s.kind != crate::model::SpanKind::Structure {
                s.status = crate::model::SpanStatus::Pending;
            }
        }
    }
}

/// Give bare `ARG` arguments a label their role accepts, where it is known: 10月19日 as 时间
/// becomes a DATE with its value, 甘肃省总工会 as a 主体 that takes only ORG an ORG. An
/// argument of several roles takes the first role that knows its label. The rest stay `ARG`.
fn label_arguments(schema: &Schema, seg: &crate::zh::segment::Segmenter, d: &mut ReadDoc) {
    use crate::model::SpanKind;
    use crate::zh::figures::{FigureContext, page_year};
    let text = crate::model::Text::new(d.text.text.clone());
    let ctx = FigureContext {
        year: page_year(text.as_str(), None),
        published: None,
    };
    for e in &d.events {
        let Some(t) = schema.event_type(&e.event_type) else {
            continue;
        };
        for (role, id) in &e.args {
            let Some(role) = t.roles.iter().find(|r| &r.name == role) else {
                continue;
            };
            let Some(span) = d
                .spans
                .iter_mut()
                .find(|s| s.id == *id && s.kind == SpanKind::Argument && s.label == "ARG")
            else {
                continue;
            };
            let Ok(surface) = text.slice(span.range) else {
                continue;
            };
            if let Some(a) = crate::zh::arguments::recognised(schema, role, surface, &ctx, seg) {
                span.kind = a.kind;
                span.label = a.label;
                span.value = a.value;
            }
        }
    }
}

/// An edit's error in both languages.
fn edit_said(e: &crate::edit::EditError) -> crate::i18n::Said {
    crate::i18n::Said {
        zh: super::edit_message(e, crate::i18n::Lang::Zh),
        en: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::by_name;

    fn fmt(name: &str) -> &'static Format {
        by_name(name).expect("registered")
    }

    #[test]
    fn an_empty_ann_is_a_document_without_annotations() {
        let tmp = tempfile::tempdir().unwrap();
        let ann = tmp.path().join("a.ann");
        std::fs::write(&ann, "").unwrap();
        std::fs::write(tmp.path().join("a.txt"), "今天开会。").unwrap();
        let read = read(fmt("brat"), &ann, &Options::default()).unwrap();
        assert_eq!(read.docs.len(), 1);
        assert_eq!(read.docs[0].name, "a");
        assert!(read.docs[0].spans.is_empty() && read.problems.is_empty());
    }

    #[test]
    fn a_missing_txt_and_broken_json_name_their_file_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let ann = tmp.path().join("b.ann");
        std::fs::write(&ann, "T1\tORG 0 2\t今天\n").unwrap();
        let e = read(fmt("brat"), &ann, &Options::default()).unwrap_err();
        assert!(e.to_string().contains("b.txt"), "{e}");
        let json = tmp.path().join("c.jsonl");
        std::fs::write(&json, "{\"text\": \"今天\", \"id\": \"x\"}\n{broken\n").unwrap();
        let e = read(fmt("duee"), &json, &Options::default()).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.to_string().contains("c.jsonl:2"), "{e}");
    }
}
