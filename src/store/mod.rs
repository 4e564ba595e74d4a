//! The project folder: `project.ron`, `documents/<id>.txt`, `annotations/<id>/<annotator>.ron`,
//! `.backups/` and `.biaozhu.lock`. Only this module writes in a project, always atomically.

mod atomic;
pub mod config;
mod dto;
mod error;
mod lock;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use atomic::write_atomic;
pub use error::StoreError;
pub use lock::{LOCK_FILE, ProjectLock};

use crate::model::{DocMeta, Document, Layer, Project, Text};
use crate::zh::encoding::{self, Decoded};

/// The default annotator (layer) name.
pub const DEFAULT_ANNOTATOR: &str = "main";
/// How many backups of a layer are kept.
const BACKUPS_KEPT: usize = 10;

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Path of `project.ron`.
pub fn project_file(dir: &Path) -> PathBuf {
    dir.join("project.ron")
}

/// Path of a document's text.
pub fn text_file(dir: &Path, doc: &str) -> PathBuf {
    dir.join("documents").join(format!("{doc}.txt"))
}

/// Path of a layer.
pub fn layer_file(dir: &Path, doc: &str, annotator: &str) -> PathBuf {
    dir.join("annotations")
        .join(doc)
        .join(format!("{annotator}.ron"))
}

/// True when `dir` holds a `project.ron`.
pub fn is_project(dir: &Path) -> bool {
    project_file(dir).is_file()
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ".to_string())
}

fn pretty_project() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_string())
}

fn to_ron<T: serde::Serialize>(
    v: &T,
    cfg: ron::ser::PrettyConfig,
    path: &Path,
) -> Result<String, StoreError> {
    let mut s = ron::ser::to_string_pretty(v, cfg)
        .map_err(|e| StoreError::invalid(path, format!("cannot write RON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Serialise `project.ron`.
fn project_to_string(p: &Project, path: &Path) -> Result<String, StoreError> {
    let f = dto::ProjectFile {
        format: dto::PROJECT_FORMAT.into(),
        version: dto::VERSION,
        name: p.name.clone(),
        schema: dto::schema_to_dto(&p.schema),
        settings: dto::settings_to_dto(&p.settings),
        documents: p
            .documents
            .iter()
            .map(|d| dto::doc_to_dto(&d.meta))
            .collect(),
    };
    to_ron(&f, pretty_project(), path)
}

/// Serialise one layer file.
pub fn layer_to_string(doc: &Document) -> Result<String, StoreError> {
    let f = dto::layer_to_dto(&doc.meta.id, &doc.text, &doc.layer);
    to_ron(&f, pretty(), Path::new(&doc.meta.id))
}

fn read_text_file(path: &Path) -> Result<String, StoreError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        StoreError::invalid(
            path,
            format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

fn check_header(path: &Path, format: &str, want: &str, version: u32) -> Result<(), StoreError> {
    if format != want {
        return Err(StoreError::invalid(
            path,
            format!("format is {format:?}, expected {want:?}"),
        ));
    }
    if version > dto::VERSION {
        return Err(StoreError::invalid(
            path,
            format!(
                "version {version} is newer than this biaozhu understands ({}); update biaozhu",
                dto::VERSION
            ),
        ));
    }
    Ok(())
}

/// 1-based line of the first line of `src` containing `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// Read `project.ron` alone (schema, settings, document list).
fn read_project_file(dir: &Path, annotator: &str) -> Result<(Project, Vec<DocMeta>), StoreError> {
    let path = project_file(dir);
    if !path.is_file() {
        return Err(StoreError::NotAProject(dir.to_path_buf()));
    }
    let src = read_text_file(&path)?;
    let f: dto::ProjectFile = ron::de::from_str(&src).map_err(|e| StoreError::ron(&path, e))?;
    check_header(&path, &f.format, dto::PROJECT_FORMAT, f.version)?;
    let schema = dto::schema_from_dto(f.schema).map_err(|m| StoreError::invalid(&path, m))?;
    let mut p = Project::new(f.name, annotator);
    p.schema = schema;
    p.settings = dto::settings_from_dto(f.settings);
    let mut metas = Vec::new();
    let mut ids = HashSet::new();
    for d in f.documents {
        if !ids.insert(d.id.clone()) {
            let line = line_of(&src, &format!("id: {:?}", d.id));
            return Err(StoreError::Parse {
                path,
                line,
                col: 1,
                message: format!("document {:?} is listed twice", d.id),
            });
        }
        if !valid_doc_id(&d.id) {
            return Err(StoreError::invalid(
                &path,
                format!("document id {:?} cannot be a file name", d.id),
            ));
        }
        metas.push(dto::doc_from_dto(d));
    }
    Ok((p, metas))
}

/// Load one layer file against its text. A missing file is an empty layer.
pub fn load_layer(
    dir: &Path,
    doc: &str,
    annotator: &str,
    text: &Text,
) -> Result<Layer, StoreError> {
    let path = layer_file(dir, doc, annotator);
    if !path.exists() {
        return Ok(Layer::new());
    }
    let src = read_text_file(&path)?;
    let f: dto::LayerFile = ron::de::from_str(&src).map_err(|e| StoreError::ron(&path, e))?;
    check_header(&path, &f.format, dto::LAYER_FORMAT, f.version)?;
    let tpath = text_file(dir, doc);
    if f.document != doc {
        return Err(StoreError::invalid(
            &path,
            format!("says it belongs to document {:?}, not {doc:?}", f.document),
        ));
    }
    let sha = sha256_hex(text.as_str().as_bytes());
    if f.text_chars != text.len_chars() || f.text_sha256 != sha {
        return Err(StoreError::invalid(
            &path,
            format!(
                "was made for a text of {} chars (sha256 {}), but {} has {} chars (sha256 {}); \
                 the text changed after annotation, so offsets cannot be trusted",
                f.text_chars,
                f.text_sha256,
                tpath.display(),
                text.len_chars(),
                sha
            ),
        ));
    }
    let len = text.len_chars();
    for s in &f.spans {
        if s.end > len {
            return Err(StoreError::Parse {
                line: line_of(&src, &format!("id: {:?}", s.id)),
                col: 1,
                path,
                message: format!(
                    "span {} ends at char {} but the text has {len} chars",
                    s.id, s.end
                ),
            });
        }
    }
    let mut seen = HashSet::new();
    for s in &f.spans {
        if !seen.insert(s.id.clone()) {
            return Err(StoreError::Parse {
                line: line_of(&src, &format!("id: {:?}", s.id)),
                col: 1,
                path,
                message: format!("span id {} is used twice", s.id),
            });
        }
    }
    dto::layer_from_dto(f).map_err(|(id, m)| StoreError::Parse {
        line: line_of(&src, &format!("id: {id:?}")),
        col: 1,
        path: path.clone(),
        message: m,
    })
}

/// Progress callback: (done, total). Return false to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

/// Load a whole project (every document with `annotator`'s layer) without locking it.
pub fn load(dir: &Path, annotator: &str, progress: Progress<'_>) -> Result<Project, StoreError> {
    let (mut p, metas) = read_project_file(dir, annotator)?;
    let total = metas.len();
    for (i, meta) in metas.into_iter().enumerate() {
        if !progress(i, total) {
            return Err(StoreError::invalid(dir, "opening was cancelled"));
        }
        let tpath = text_file(dir, &meta.id);
        let text = Text::new(read_text_file(&tpath)?);
        let layer = load_layer(dir, &meta.id, annotator, &text)?;
        p.documents.push(Document { meta, text, layer });
    }
    progress(total, total);
    Ok(p)
}

/// Names of the layers present in a project (annotators, plus `curated`).
pub fn layer_names(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Ok(docs) = std::fs::read_dir(dir.join("annotations")) else {
        return out;
    };
    for d in docs.flatten() {
        let Ok(files) = std::fs::read_dir(d.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "ron")
                && let Some(stem) = p.file_stem()
            {
                out.insert(stem.to_string_lossy().into_owned());
            }
        }
    }
    out
}

/// An open project folder: its path, its lock, and which layers were backed up this sitting.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    lock: Option<ProjectLock>,
    backed_up: HashSet<String>,
}

/// What a save wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written.
    pub written: Vec<PathBuf>,
}

impl Store {
    /// Open a project folder for editing: take the lock, then load it.
    pub fn open(
        dir: &Path,
        annotator: &str,
        progress: Progress<'_>,
    ) -> Result<(Store, Project), StoreError> {
        if !is_project(dir) {
            return Err(StoreError::NotAProject(dir.to_path_buf()));
        }
        let lock = ProjectLock::acquire(dir)?;
        let p = load(dir, annotator, progress)?;
        Ok((
            Store {
                dir: dir.to_path_buf(),
                lock: Some(lock),
                backed_up: HashSet::new(),
            },
            p,
        ))
    }

    /// Open without taking the lock: nothing can be saved.
    pub fn open_read_only(
        dir: &Path,
        annotator: &str,
        progress: Progress<'_>,
    ) -> Result<(Store, Project), StoreError> {
        let p = load(dir, annotator, progress)?;
        Ok((
            Store {
                dir: dir.to_path_buf(),
                lock: None,
                backed_up: HashSet::new(),
            },
            p,
        ))
    }

    /// Create a new, empty project folder and open it.
    pub fn create(dir: &Path, name: &str, annotator: &str) -> Result<(Store, Project), StoreError> {
        if is_project(dir) {
            return Err(StoreError::Exists(project_file(dir)));
        }
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let lock = ProjectLock::acquire(dir)?;
        let mut p = Project::new(name, annotator);
        let mut store = Store {
            dir: dir.to_path_buf(),
            lock: Some(lock),
            backed_up: HashSet::new(),
        };
        p.project_dirty = true;
        store.save(&mut p)?;
        Ok((store, p))
    }

    /// The project folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when opened read-only (another window holds the lock).
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Write everything dirty, atomically. A file that fails keeps its old content and stays
    /// dirty; the first error is returned after trying the rest.
    pub fn save(&mut self, p: &mut Project) -> Result<SaveReport, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let mut report = SaveReport::default();
        let mut first_err = None;
        let dirty: Vec<usize> = p.dirty_docs.iter().copied().collect();
        for i in dirty {
            let Some(doc) = p.documents.get(i) else {
                p.dirty_docs.remove(&i);
                continue;
            };
            let path = layer_file(&self.dir, &doc.meta.id, &p.annotator);
            let res = self
                .backup(&doc.meta.id, &p.annotator, &path)
                .and_then(|_| layer_to_string(doc))
                .and_then(|s| write_atomic(&path, s.as_bytes()));
            match res {
                Ok(()) => {
                    p.dirty_docs.remove(&i);
                    report.written.push(path);
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if p.project_dirty {
            let path = project_file(&self.dir);
            match project_to_string(p, &path).and_then(|s| write_atomic(&path, s.as_bytes())) {
                Ok(()) => {
                    p.project_dirty = false;
                    report.written.push(path);
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// Before a layer's first save in this sitting, copy it to `.backups/` (keep the last 10).
    fn backup(&mut self, doc: &str, annotator: &str, path: &Path) -> Result<(), StoreError> {
        let key = format!("{doc}/{annotator}");
        if self.backed_up.contains(&key) || !path.exists() {
            self.backed_up.insert(key);
            return Ok(());
        }
        let dir = self.dir.join(".backups").join(doc);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
        write_atomic(&dir.join(format!("{annotator}.{stamp}.ron")), &bytes)?;
        let prefix = format!("{annotator}.");
        let mut olds: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| StoreError::io(&dir, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
            })
            .collect();
        olds.sort();
        while olds.len() > BACKUPS_KEPT {
            let _ = std::fs::remove_file(olds.remove(0));
        }
        self.backed_up.insert(key);
        Ok(())
    }

    /// Import text files as new documents. Each is decoded (detected, or `forced`), written
    /// to `documents/`, and listed in `project.ron`, which is saved. A file that fails is
    /// reported and leaves nothing behind; the others still go in.
    pub fn import_files(
        &mut self,
        p: &mut Project,
        files: &[PathBuf],
        forced: Option<&'static encoding_rs::Encoding>,
        progress: Progress<'_>,
    ) -> ImportReport {
        let mut report = ImportReport::default();
        for (i, f) in files.iter().enumerate() {
            if !progress(i, files.len()) {
                break;
            }
            match self.import_one(p, f, forced) {
                Ok(done) => report.imported.push(done),
                Err(e) => report.problems.push(e),
            }
        }
        progress(files.len(), files.len());
        report
    }

    fn import_one(
        &mut self,
        p: &mut Project,
        file: &Path,
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Imported, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let decoded = read_decoded(file, forced)?;
        self.add_decoded(p, file, decoded)
    }

    /// Add a decoded text as a new document: write `documents/<id>.txt`, list it in
    /// `project.ron` and save that. On failure nothing is left behind.
    pub fn add_decoded(
        &mut self,
        p: &mut Project,
        file: &Path,
        decoded: Decoded,
    ) -> Result<Imported, StoreError> {
        self.add_repaired(p, file, decoded, None)
    }

    /// Like `add_decoded`, for a text that was repaired before import: the text as decoded
    /// (`original`) is kept beside the document as `documents/<id>.orig.txt`.
    pub fn add_repaired(
        &mut self,
        p: &mut Project,
        file: &Path,
        decoded: Decoded,
        original: Option<&str>,
    ) -> Result<Imported, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "doc".into());
        let id = unique_id(p, &sanitize_id(&stem));
        let tpath = text_file(&self.dir, &id);
        let opath = self.dir.join("documents").join(format!("{id}.orig.txt"));
        if let Some(orig) = original.filter(|o| *o != decoded.text) {
            write_atomic(&opath, orig.as_bytes())?;
        }
        if let Err(e) = write_atomic(&tpath, decoded.text.as_bytes()) {
            let _ = std::fs::remove_file(&opath);
            return Err(e);
        }
        let file_name = file
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = DocMeta {
            id: id.clone(),
            published: None,
            imported_from: Some(format!(
                "{file_name} ({}{})",
                decoded.encoding,
                if decoded.bom { ", BOM" } else { "" }
            )),
        };
        p.documents.push(Document {
            meta,
            text: Text::new(decoded.text),
            layer: Layer::new(),
        });
        let was_dirty = p.project_dirty;
        p.project_dirty = true;
        let ppath = project_file(&self.dir);
        let saved = project_to_string(p, &ppath).and_then(|s| write_atomic(&ppath, s.as_bytes()));
        if let Err(e) = saved {
            // Leave nothing half-imported.
            p.documents.pop();
            p.project_dirty = was_dirty;
            let _ = std::fs::remove_file(&tpath);
            let _ = std::fs::remove_file(&opath);
            return Err(e);
        }
        p.project_dirty = false;
        Ok(Imported {
            id,
            encoding: decoded.encoding,
            detected: decoded.detected,
            chars: p.documents.last().map(|d| d.text.len_chars()).unwrap_or(0),
        })
    }
}

/// Read and decode a text file for import (no project needed, so it can run on a thread).
pub fn read_decoded(
    file: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Decoded, StoreError> {
    if file.is_dir() {
        return Err(StoreError::invalid(
            file,
            "is a folder; give text files (or open it as a project)",
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| StoreError::io(file, e))?;
    encoding::decode(&bytes, forced).map_err(|source| StoreError::Decode {
        path: file.to_path_buf(),
        source,
    })
}

/// One imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The new document's id.
    pub id: String,
    /// Encoding used.
    pub encoding: &'static str,
    /// Whether it was detected.
    pub detected: bool,
    /// Length in chars.
    pub chars: u32,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files that went in.
    pub imported: Vec<Imported>,
    /// Files that did not, with why.
    pub problems: Vec<StoreError>,
}

/// Whether a string can be a document id (a file name on every OS).
pub fn valid_doc_id(id: &str) -> bool {
    !id.is_empty()
        && id != "."
        && id != ".."
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| !c.is_control() && !"/\\:*?\"<>|".contains(c))
}

fn sanitize_id(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "doc".into() } else { s }
}

fn unique_id(p: &Project, base: &str) -> String {
    if p.doc_index(base).is_none() {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| p.doc_index(id).is_none())
        .unwrap_or_else(|| base.to_string())
}
