//! The project folder: `project.ron`, `documents/<id>.txt`, `annotations/<id>/<annotator>.ron`,
//! `.backups/`, `removed/` and `.biaozhu.lock`. Only this module writes in a project, always
//! atomically.

pub mod activity;
mod atomic;
pub mod config;
mod dto;
mod error;
mod lock;
pub mod removal;
mod seen;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use atomic::{replace_unsynced, sync_dir, write_atomic};
pub use error::{StoreError, list as changed_list};
pub use lock::{LOCK_FILE, ProjectLock};

use crate::model::{DocMeta, Document, Layer, LayeredDoc, LayeredProject, Project, Text};
use crate::said;
use crate::zh::encoding::{self, Decoded};

/// The default annotator (layer) name.
pub const DEFAULT_ANNOTATOR: &str = "main";
/// How many backups of a layer are kept.
const BACKUPS_KEPT: usize = 10;

/// The folder in a project where the window's export dialog writes by default (derived
/// training sets, which the project's `.gitignore` leaves out of git).
pub const EXPORTS_DIR: &str = "exports";

/// The `.gitignore` a new project gets: what biaozhu writes for itself on open and save (the
/// lock, backups, the import and removal journals, cut-off temporaries) and what it derives
/// (the model, the window's exports) stays out of git, so annotators who share a project
/// through git commit only `project.ron`, texts and layers.
pub const GITIGNORE: &str = "# written by biaozhu: local files that git should not share\n\
.biaozhu.lock\n\
.biaozhu-import\n\
.biaozhu-remove\n\
.biaozhu-*.tmp\n\
.backups/\n\
# the trained model: derived from the layers, retrain it with `biaozhu train`\n\
models/\n\
# training sets the window exports by default: derived, export them again\n\
exports/\n";

/// The lines of [`GITIGNORE`] that leave `exports/` out, which a `.gitignore` written before
/// the window exported there lacks ([`ignore_exports`] adds them).
const EXPORTS_IGNORE: &str =
    "# training sets the window exports by default: derived, export them again\nexports/\n";

/// Whether `path` lies in the project's [`EXPORTS_DIR`] (`dir/exports/…`).
pub fn is_in_exports(dir: &Path, path: &Path) -> bool {
    resolve_path(path).starts_with(resolve_path(dir).join(EXPORTS_DIR))
}

/// Add `exports/` to a project's `.gitignore` that biaozhu wrote before the window exported
/// there (it then starts with biaozhu's line and has no `exports` line), so that a training
/// set exported by default does not show in `git status` as work to commit. A `.gitignore`
/// the user wrote is left alone. True when the lines were added.
pub fn ignore_exports(dir: &Path) -> Result<bool, StoreError> {
    let ignore = dir.join(".gitignore");
    let Ok(mut text) = std::fs::read_to_string(&ignore) else {
        return Ok(false);
    };
    let has = text
        .lines()
        .any(|l| matches!(l.trim(), "exports" | "exports/" | "/exports" | "/exports/"));
    if !text.starts_with("# written by biaozhu") || has {
        return Ok(false);
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(EXPORTS_IGNORE);
    write_atomic(&ignore, text.as_bytes())?;
    Ok(true)
}

/// `p` made absolute, its links resolved; for a file not written yet, its folder resolved
/// and its name kept.
fn resolve_path(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    if let Ok(c) = std::fs::canonicalize(&abs) {
        return c;
    }
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => resolve_path(parent).join(name),
        _ => abs,
    }
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The status of one layer file without loading it: the file's head is scanned for the
/// top-level `status:` line that biaozhu writes before the spans; a file written otherwise is
/// parsed for its status alone. None: no such file, or it does not parse (opening it says why).
pub fn layer_status(dir: &Path, doc: &str, annotator: &str) -> Option<crate::model::DocStatus> {
    use std::io::Read as _;
    let path = layer_file(dir, doc, annotator);
    let mut f = std::fs::File::open(&path).ok()?;
    let mut head = Vec::with_capacity(2048);
    (&mut f).take(2048).read_to_end(&mut head).ok()?;
    for line in String::from_utf8_lossy(&head).lines() {
        let t = line.trim();
        if t.starts_with("spans:") || t.starts_with("events:") {
            break;
        }
        if let Some(v) = t.strip_prefix("status:") {
            match v.trim().trim_end_matches(',').trim() {
                "New" => return Some(crate::model::DocStatus::New),
                "InProgress" => return Some(crate::model::DocStatus::InProgress),
                "Done" => return Some(crate::model::DocStatus::Done),
                "Reviewed" => return Some(crate::model::DocStatus::Reviewed),
                _ => break,
            }
        }
    }
    let src = std::fs::read_to_string(&path).ok()?;
    ron::de::from_str::<dto::LayerStatusOnly>(&src)
        .ok()
        .map(|s| dto::status_of_dto(s.status))
}

/// Every layer of a document with its status ([`layer_status`]; a layer that does not parse
/// is left out), curated included.
pub fn doc_layer_statuses(
    dir: &Path,
    doc: &str,
) -> std::collections::BTreeMap<String, crate::model::DocStatus> {
    doc_layer_names(dir, doc)
        .into_iter()
        .filter_map(|name| layer_status(dir, doc, &name).map(|s| (name, s)))
        .collect()
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
    let mut s = ron::ser::to_string_pretty(v, cfg).map_err(|e| {
        StoreError::invalid(path, said!("无法写出 RON：{e}", "cannot write RON: {e}"))
    })?;
    s.push('\n');
    Ok(s)
}

/// Serialise `project.ron`.
fn project_to_string(p: &Project, path: &Path) -> Result<String, StoreError> {
    to_ron(&project_dto(p), pretty_project(), path)
}

/// `project.ron` from `p`, keeping what the file at `path` (`disk`, its text) added since
/// the store last read or wrote it (`base`, that text): what keeping this window's version
/// of a project file changed on disk writes, so that a `git pull` loses nothing and what
/// this window removed stays removed. Kept are the documents it newly lists (after `p`'s,
/// with their assignments), its new labels and event types (a hotkey `p` uses dropped), the
/// new roles of an event type `p` has, and its new user words, each unless `p` has it.
/// Returns the text and how many things were kept so. A file that does not read adds
/// nothing; with no base, everything of the file's that `p` lacks counts as new.
fn project_to_string_merged(
    p: &Project,
    path: &Path,
    disk: Option<&str>,
    base: Option<&str>,
) -> Result<(String, usize), StoreError> {
    let mut f = project_dto(p);
    let disk: Option<dto::ProjectFile> = disk.and_then(|src| ron::de::from_str(src).ok());
    let base: Option<dto::ProjectFile> = base.and_then(|src| ron::de::from_str(src).ok());
    let mut kept = 0;
    if let Some(disk) = disk {
        let mut old = Known::default();
        if let Some(b) = &base {
            old.read(b);
        }
        let ours: HashSet<String> = f.documents.iter().map(|d| d.id.clone()).collect();
        for d in disk.documents {
            if ours.contains(&d.id) || old.docs.contains(&d.id) || !valid_doc_id(&d.id) {
                continue;
            }
            for (who, docs) in &disk.assignments {
                if docs.contains(&d.id) {
                    f.assignments
                        .entry(who.clone())
                        .or_default()
                        .push(d.id.clone());
                }
            }
            f.documents.push(d);
            kept += 1;
        }
        kept += keep_schema(&mut f.schema, disk.schema, &old);
        for w in disk.settings.user_words {
            if !f.settings.user_words.contains(&w) && !old.words.contains(&w) {
                f.settings.user_words.push(w);
                kept += 1;
            }
        }
    }
    Ok((to_ron(&f, pretty_project(), path)?, kept))
}

/// What a project file held when the store last read or wrote it: the base of
/// [`project_to_string_merged`]'s merge.
#[derive(Default)]
struct Known {
    docs: HashSet<String>,
    /// Labels and event types by key.
    keys: HashSet<String>,
    /// An event type's roles, as `type/role`.
    roles: HashSet<String>,
    words: HashSet<String>,
}

impl Known {
    fn read(&mut self, f: &dto::ProjectFile) {
        self.docs.extend(f.documents.iter().map(|d| d.id.clone()));
        let s = &f.schema;
        self.keys.extend(s.entities.iter().map(|l| l.key.clone()));
        self.keys.extend(s.figures.iter().map(|l| l.key.clone()));
        for t in &s.events {
            self.keys.insert(t.key.clone());
            self.roles
                .extend(t.roles.iter().map(|r| format!("{}/{}", t.key, r.name)));
        }
        self.words.extend(f.settings.user_words.iter().cloned());
    }
}

/// Add to `ours` what `disk` (a project file's schema changed on disk) added since `old`:
/// labels and event types of new names (without a hotkey `ours` already uses), and new
/// roles of an event type `ours` has. Returns how many were added.
fn keep_schema(ours: &mut dto::SchemaDto, disk: dto::SchemaDto, old: &Known) -> usize {
    let mut added = 0;
    let mut keys: HashSet<String> = ours
        .entities
        .iter()
        .map(|l| l.key.clone())
        .chain(ours.figures.iter().map(|l| l.key.clone()))
        .collect();
    let mut hotkeys: HashSet<String> = ours
        .entities
        .iter()
        .filter_map(|l| l.hotkey.clone())
        .chain(ours.figures.iter().filter_map(|l| l.hotkey.clone()))
        .chain(ours.events.iter().filter_map(|t| t.hotkey.clone()))
        .collect();
    let mut free = |h: &mut Option<String>| {
        if let Some(k) = h.take()
            && hotkeys.insert(k.clone())
        {
            *h = Some(k);
        }
    };
    for mut l in disk.entities {
        if !old.keys.contains(&l.key) && keys.insert(l.key.clone()) {
            free(&mut l.hotkey);
            ours.entities.push(l);
            added += 1;
        }
    }
    for mut l in disk.figures {
        if !old.keys.contains(&l.key) && keys.insert(l.key.clone()) {
            free(&mut l.hotkey);
            ours.figures.push(l);
            added += 1;
        }
    }
    for mut t in disk.events {
        match ours.events.iter_mut().find(|o| o.key == t.key) {
            Some(o) => {
                for r in t.roles {
                    let known = old.roles.contains(&format!("{}/{}", t.key, r.name));
                    if !known && !o.roles.iter().any(|x| x.name == r.name) {
                        o.roles.push(r);
                        added += 1;
                    }
                }
            }
            None if !old.keys.contains(&t.key) => {
                free(&mut t.hotkey);
                ours.events.push(t);
                added += 1;
            }
            None => {}
        }
    }
    added
}

/// The file shape of `p`'s `project.ron`.
fn project_dto(p: &Project) -> dto::ProjectFile {
    dto::ProjectFile {
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
        assignments: p.assignments.clone(),
    }
}

/// Serialise one layer file.
pub fn layer_to_string(doc: &Document) -> Result<String, StoreError> {
    let f = dto::layer_to_dto(&doc.meta.id, &doc.text, &doc.layer);
    to_ron(&f, pretty(), Path::new(&doc.meta.id))
}

fn read_text_file(path: &Path) -> Result<String, StoreError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        StoreError::invalid(
            path,
            said!("第 {at} 字节处不是 UTF-8", "not UTF-8 at byte {at}"),
        )
    })
}

fn check_header(path: &Path, format: &str, want: &str, version: u32) -> Result<(), StoreError> {
    if format != want {
        return Err(StoreError::invalid(
            path,
            said!(
                "格式是 {format:?}，应为 {want:?}",
                "format is {format:?}, expected {want:?}"
            ),
        ));
    }
    if version > dto::VERSION {
        return Err(StoreError::invalid(
            path,
            said!(
                "版本 {version} 比这个 biaozhu 能读的（{}）更新；请更新 biaozhu",
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
    for name in f.assignments.keys() {
        check_annotator(name).map_err(|_| {
            StoreError::invalid(
                &path,
                said!(
                    "assignments：标注人名称 {name:?} 不可用",
                    "assignments: bad annotator name {name:?}"
                ),
            )
        })?;
    }
    p.assignments = f.assignments;
    let mut metas = Vec::new();
    let mut ids = HashSet::new();
    for d in f.documents {
        if !ids.insert(d.id.clone()) {
            let line = line_of(&src, &format!("id: {:?}", d.id));
            return Err(StoreError::Parse {
                path,
                line,
                col: 1,
                message: said!(
                    "文档 {:?} 列出了两次",
                    "document {:?} is listed twice",
                    d.id
                ),
            });
        }
        if !valid_doc_id(&d.id) {
            return Err(StoreError::invalid(
                &path,
                said!(
                    "文档编号 {:?} 不能用作文件名",
                    "document id {:?} cannot be a file name",
                    d.id
                ),
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
            said!(
                "写明属于文档 {:?}，而不是 {doc:?}",
                "says it belongs to document {:?}, not {doc:?}",
                f.document
            ),
        ));
    }
    let sha = sha256_hex(text.as_str().as_bytes());
    if f.text_chars != text.len_chars() || f.text_sha256 != sha {
        return Err(StoreError::invalid(
            &path,
            said!(
                "是为 {} 字的文本（sha256 {}）做的标注，但 {} 有 {} 字（sha256 {}）；\
                 文本在标注之后改过，偏移不再可信",
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
                message: said!(
                    "标注 {} 止于第 {} 字，但文本只有 {len} 字",
                    "span {} ends at char {} but the text has {len} chars",
                    s.id,
                    s.end
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
                message: said!("标注编号 {} 用了两次", "span id {} is used twice", s.id),
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
    check_annotator(annotator)?;
    let (mut p, metas) = read_project_file(dir, annotator)?;
    let total = metas.len();
    for (i, meta) in metas.into_iter().enumerate() {
        if !progress(i, total) {
            return Err(StoreError::invalid(
                dir,
                said!("已取消打开", "opening was cancelled"),
            ));
        }
        let tpath = text_file(dir, &meta.id);
        let text = Text::new(read_text_file(&tpath)?);
        let layer = load_layer(dir, &meta.id, annotator, &text)?;
        p.documents.push(Document { meta, text, layer });
    }
    progress(total, total);
    Ok(p)
}

/// The layer names (annotators, and `curated`) that have a file for document `doc`, sorted.
pub fn doc_layer_names(dir: &Path, doc: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Ok(files) = std::fs::read_dir(dir.join("annotations").join(doc)) else {
        return out;
    };
    for f in files.flatten() {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "ron")
            && let Some(stem) = p.file_stem()
        {
            let stem = stem.to_string_lossy();
            if check_annotator(&stem).is_ok() {
                out.insert(stem.into_owned());
            }
        }
    }
    out
}

/// Every layer file in `dir`'s `annotations/` (each document's `NAME.ron`, NAME a valid
/// annotator name).
fn all_layer_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
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
                && p.file_stem()
                    .is_some_and(|s| check_annotator(&s.to_string_lossy()).is_ok())
            {
                out.push(p);
            }
        }
    }
    out
}

/// Load a project with every layer of every document (read-only, no lock): what review,
/// agreement and statistics compare. A layer that does not load stops it, as `load` does.
pub fn load_layered(dir: &Path, progress: Progress<'_>) -> Result<LayeredProject, StoreError> {
    let (p, metas) = read_project_file(dir, DEFAULT_ANNOTATOR)?;
    let total = metas.len();
    let mut docs = Vec::with_capacity(total);
    for (i, meta) in metas.into_iter().enumerate() {
        if !progress(i, total) {
            return Err(StoreError::invalid(
                dir,
                said!("已取消打开", "opening was cancelled"),
            ));
        }
        let text = Text::new(read_text_file(&text_file(dir, &meta.id))?);
        let mut layers = std::collections::BTreeMap::new();
        for name in doc_layer_names(dir, &meta.id) {
            let layer = load_layer(dir, &meta.id, &name, &text)?;
            layers.insert(name, layer);
        }
        docs.push(LayeredDoc { meta, text, layers });
    }
    progress(total, total);
    Ok(LayeredProject {
        name: p.name,
        schema: p.schema,
        docs,
    })
}

/// Names of the layers present in a project (annotators, plus `curated`).
pub fn layer_names(dir: &Path) -> BTreeSet<String> {
    all_layer_files(dir)
        .iter()
        .filter_map(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect()
}

/// The fewest layers a writing thread takes (a save of no more is written on the calling
/// thread), and the most threads: a synced write mostly waits on the disk, which takes
/// several at once, so even the autosave's part of a frame is spread over them.
const LAYERS_PER_WRITER: usize = 16;
const WRITERS: usize = 8;

/// Serialise and write atomically `documents[i]`'s layer to `path` for each `(i, path)` of
/// `jobs`, the text written or the error of each, in order. Many are written on several
/// threads.
fn write_layers(
    documents: &[Document],
    jobs: &[(usize, PathBuf)],
) -> Vec<Result<String, StoreError>> {
    let one = |(i, path): &(usize, PathBuf)| {
        let doc = documents
            .get(*i)
            .ok_or_else(|| StoreError::invalid(path, said!("没有这篇文档", "no such document")))?;
        let s = layer_to_string(doc)?;
        write_atomic(path, s.as_bytes()).map(|()| s)
    };
    if jobs.len() <= LAYERS_PER_WRITER {
        return jobs.iter().map(one).collect();
    }
    let per = jobs.len().div_ceil(WRITERS).max(LAYERS_PER_WRITER);
    std::thread::scope(|scope| {
        // A thread the system refuses leaves its part to this one, written after the others.
        let handles: Vec<_> = jobs
            .chunks(per)
            .map(|chunk| {
                std::thread::Builder::new()
                    .name("biaozhu-save".into())
                    .spawn_scoped(scope, move || chunk.iter().map(one).collect::<Vec<_>>())
                    .ok()
            })
            .collect();
        handles
            .into_iter()
            .zip(jobs.chunks(per))
            .flat_map(|(h, chunk)| {
                let Some(h) = h else {
                    return chunk.iter().map(one).collect();
                };
                h.join().unwrap_or_else(|_| {
                    chunk
                        .iter()
                        .map(|(_, path)| {
                            Err(StoreError::invalid(
                                path,
                                said!(
                                    "写入时出错（线程中止）",
                                    "the write failed (its thread stopped)"
                                ),
                            ))
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// The document and annotator whose layer file in project `dir` `path` is.
fn layer_of(dir: &Path, path: &Path) -> Option<(String, String)> {
    let rel = path.strip_prefix(dir.join("annotations")).ok()?;
    let mut parts = rel.iter();
    let doc = parts.next()?.to_string_lossy().into_owned();
    let file = parts.next()?.to_string_lossy().into_owned();
    Some((doc, file.strip_suffix(".ron")?.to_string()))
}

/// Layer files of a project as [`note_layers`] noted them, apart from any store: what
/// [`Store::take_layer_notes`] takes.
#[derive(Debug)]
pub struct LayerNotes {
    noted: seen::Noted,
    open: String,
    present: BTreeSet<PathBuf>,
}

/// Note, as they are now, every layer file of the project in `dir` but `open`'s (the
/// layer open in the window, which it reads and writes itself): the files a review is
/// about to read. Noted before they are read, a change made while they are read is found
/// afterwards, never missed; and a layer file that is not there now (an annotator's first
/// work in a document, pulled later) is found when it appears. It reads the file system's
/// metadata only (and the content of files written in the last seconds), on any thread.
pub fn note_layers(dir: &Path, open: &str) -> LayerNotes {
    let present: BTreeSet<PathBuf> = all_layer_files(dir)
        .into_iter()
        .filter(|f| layer_of(dir, f).is_none_or(|(_, a)| a != open))
        .collect();
    let mut seen = seen::Seen::default();
    for f in &present {
        seen.note(f);
    }
    LayerNotes {
        noted: seen.snapshot(),
        open: open.to_string(),
        present,
    }
}

/// The files a store read or wrote as it noted them, and in review the layer files there
/// were when it began: [`Watch::changed`] compares them with the disk, apart from the store.
#[derive(Debug, Clone)]
pub struct Watch {
    dir: PathBuf,
    noted: seen::Noted,
    layers_present: Option<(String, BTreeSet<PathBuf>)>,
}

impl Watch {
    /// The files noted that something else changed since (a `git pull` with the window
    /// open), and in review the layer files that appeared since it began, sorted.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut v = self.noted.all_changed();
        if let Some((open, known)) = &self.layers_present {
            let already: BTreeSet<PathBuf> = v.iter().cloned().collect();
            for f in all_layer_files(&self.dir) {
                let own = layer_of(&self.dir, &f).is_some_and(|(_, a)| &a == open);
                if !own && !known.contains(&f) && !already.contains(&f) {
                    v.push(f);
                }
            }
            v.sort();
        }
        v
    }
}

/// An open project folder: its path, its lock, and which layers were backed up this sitting.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    lock: Option<ProjectLock>,
    backed_up: HashSet<String>,
    /// Documents whose files are written but not yet listed in `project.ron` (an import in
    /// progress), also named in the import journal.
    staged: Vec<String>,
    /// The files a save may overwrite, as the store last read or wrote them.
    seen: seen::Seen,
    /// The files the last save left alone because something else changed them.
    changed: Vec<PathBuf>,
    /// The user keeps this window's `project.ron` over one changed on disk: the next save
    /// merges in what that one added (see [`project_to_string_merged`]).
    merge_with_disk: bool,
    /// A save listed documents this window does not hold: open the project again.
    needs_reopen: bool,
    /// In review: the layer files there were when it began (but the open layer's, whose
    /// annotator is named), so that one appearing later (a colleague's first work, pulled)
    /// counts as changed since read.
    layers_present: Option<(String, BTreeSet<PathBuf>)>,
}

/// The import journal: ids of documents an import has written but not yet listed. If the
/// import is cut off (a crash, a kill), the next open for editing removes them, so the
/// project is as it was before the import.
pub const IMPORT_JOURNAL: &str = ".biaozhu-import";

/// Ids named in the import journal of `dir` (an import that did not finish).
pub fn interrupted_import(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(IMPORT_JOURNAL))
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| valid_doc_id(l))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Remove temporary files that a write cut off by a crash left in `folder` (each write
/// goes to `.biaozhu-*.tmp` first and is renamed; one never renamed is garbage). Only with
/// the lock held, so that no other writer's temporary file can be there.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(rd) = std::fs::read_dir(folder) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".biaozhu-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Undo an import that was cut off: remove the files of journal ids that `project.ron` does
/// not list, then the journal; and the temporary files of writes cut off in the project's
/// flat folders. Only with the lock held.
fn recover_import(dir: &Path) -> Result<(), StoreError> {
    remove_stale_temporaries(dir);
    remove_stale_temporaries(&dir.join("documents"));
    let journal = dir.join(IMPORT_JOURNAL);
    if !journal.exists() {
        return Ok(());
    }
    let (p, metas) = read_project_file(dir, DEFAULT_ANNOTATOR)?;
    drop(p);
    let listed: HashSet<String> = metas.into_iter().map(|m| m.id).collect();
    for id in interrupted_import(dir) {
        remove_stale_temporaries(&dir.join("annotations").join(&id));
        if !listed.contains(&id) {
            let _ = std::fs::remove_file(text_file(dir, &id));
            let _ = std::fs::remove_file(orig_file(dir, &id));
            let _ = std::fs::remove_dir_all(dir.join("annotations").join(&id));
        }
    }
    std::fs::remove_file(&journal).map_err(|e| StoreError::io(&journal, e))
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
        check_annotator(annotator)?;
        let lock = ProjectLock::acquire(dir)?;
        recover_import(dir)?;
        removal::finish_removal(dir)?;
        let p = load(dir, annotator, progress)?;
        let mut seen = seen::Seen::default();
        seen.note_with_text(&project_file(dir));
        for d in &p.documents {
            seen.note(&layer_file(dir, &d.meta.id, annotator));
        }
        Ok((
            Store {
                dir: dir.to_path_buf(),
                lock: Some(lock),
                backed_up: HashSet::new(),
                staged: Vec::new(),
                seen,
                changed: Vec::new(),
                merge_with_disk: false,
                needs_reopen: false,
                layers_present: None,
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
                staged: Vec::new(),
                seen: Default::default(),
                changed: Vec::new(),
                merge_with_disk: false,
                needs_reopen: false,
                layers_present: None,
            },
            p,
        ))
    }

    /// Create a new, empty project folder and open it.
    pub fn create(dir: &Path, name: &str, annotator: &str) -> Result<(Store, Project), StoreError> {
        check_annotator(annotator)?;
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
            staged: Vec::new(),
            seen: Default::default(),
            changed: Vec::new(),
            merge_with_disk: false,
            needs_reopen: false,
            layers_present: None,
        };
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes())?;
        }
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

    /// Writes derived files (a trained model) under the project folder, each atomically, in
    /// the order given, creating their folders. `rel` paths are relative to the project.
    pub fn write_derived(&self, files: &[(&str, &[u8])]) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        for (rel, bytes) in files {
            let path = self.dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            write_atomic(&path, bytes)?;
        }
        Ok(())
    }

    /// Write everything dirty, atomically. A file that fails keeps its old content and stays
    /// dirty; the first error is returned after trying the rest.
    pub fn save(&mut self, p: &mut Project) -> Result<SaveReport, StoreError> {
        self.save_at_most(p, usize::MAX)
    }

    /// [`Store::save`], writing at most `most` of the dirty layers (the first by place; the
    /// project file whenever it is dirty): the rest stay dirty for the next call. The
    /// window's autosave writes 100 a frame, so that saving the thousands of layers a
    /// review's project-wide decision leaves dirty does not stop the window.
    pub fn save_at_most(&mut self, p: &mut Project, most: usize) -> Result<SaveReport, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let mut report = SaveReport::default();
        let mut first_err = None;
        self.changed.clear();
        let dirty: Vec<usize> = p.dirty_docs.iter().copied().take(most).collect();
        // First, in order: what may be written (not a file changed on disk since), each
        // layer's first save of the sitting backed up.
        let mut to_write: Vec<(usize, PathBuf)> = Vec::with_capacity(dirty.len());
        for i in dirty {
            let Some(doc) = p.documents.get(i) else {
                p.dirty_docs.remove(&i);
                continue;
            };
            let path = layer_file(&self.dir, &doc.meta.id, &p.annotator);
            if self.seen.changed(&path) {
                // This window's version waits in memory for the user's choice: a copy in
                // `.backups/` keeps it if the window does not live that long.
                let _ = layer_to_string(doc)
                    .and_then(|s| self.write_backup(&doc.meta.id, &p.annotator, s.as_bytes()));
                self.changed.push(path);
                continue;
            }
            match self.backup(&doc.meta.id, &p.annotator, &path) {
                Ok(()) => to_write.push((i, path)),
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        // Then the writes, each atomic and synced: many at once on several threads (a
        // review's project-wide decision leaves thousands of layers dirty, and each sync
        // waits on the disk).
        let written = write_layers(&p.documents, &to_write);
        for ((i, path), res) in to_write.into_iter().zip(written) {
            match res {
                Ok(s) => {
                    p.dirty_docs.remove(&i);
                    self.seen.note_written(&path, s.as_bytes());
                    report.written.push(path);
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if p.project_dirty {
            let path = project_file(&self.dir);
            if self.seen.changed(&path) {
                self.changed.push(path);
            } else {
                let text = if self.merge_with_disk {
                    // The file on disk, before this window's version replaces it: what it
                    // held beyond this window's is kept in, and the whole of it backed up.
                    let disk = std::fs::read_to_string(&path).ok();
                    if let Some(d) = &disk {
                        let _ = self.write_backup("", "project", d.as_bytes());
                    }
                    let base = self.seen.text(&path);
                    project_to_string_merged(p, &path, disk.as_deref(), base)
                } else {
                    project_to_string(p, &path).map(|s| (s, 0))
                };
                match text.and_then(|(s, kept)| write_atomic(&path, s.as_bytes()).map(|()| kept)) {
                    Ok(kept) => {
                        p.project_dirty = false;
                        self.merge_with_disk = false;
                        self.needs_reopen |= kept > 0;
                        self.seen.note_with_text(&path);
                        report.written.push(path);
                        self.listed(p);
                    }
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
        }
        if first_err.is_none() && !self.changed.is_empty() {
            first_err = Some(StoreError::ChangedOnDisk(self.changed.clone()));
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// The files the last save left alone because something else changed them since this
    /// store read or wrote them (see [`seen`]); empty when it wrote everything.
    pub fn changed_on_disk(&self) -> &[PathBuf] {
        &self.changed
    }

    /// Note annotator `annotator`'s layer of document `doc` as read now (the review reads
    /// the others' layers), so that a change to it on disk is found too
    /// ([`Store::changed_since_read`]). A save never writes it.
    pub fn note_layer_read(&mut self, doc: &str, annotator: &str) {
        self.seen.note(&layer_file(&self.dir, doc, annotator));
    }

    /// Note every layer file of the project but `open`'s (the open layer, read already) as
    /// read now: a review compares what is there, and from now on a change to any of them,
    /// or a layer file that appears (another annotator's first work, pulled), is found
    /// ([`Store::changed_since_read`]).
    pub fn note_layers_present(&mut self, open: &str) {
        let notes = note_layers(&self.dir, open);
        self.take_layer_notes(notes);
    }

    /// Take the notes [`note_layers`] made of this project's layer files (on another
    /// thread, before a review read them): from now on a change to any of them, or a layer
    /// file that appears, is found ([`Store::changed_since_read`]).
    pub fn take_layer_notes(&mut self, notes: LayerNotes) {
        self.seen.take(notes.noted);
        self.layers_present = Some((notes.open, notes.present));
    }

    /// The files this store read or wrote that something else has changed since (a `git
    /// pull` with the window open), and in review the layer files that appeared since it
    /// began: the window offers to open the project again.
    ///
    /// It reads the file system (on 10,000 documents of three layers, a quarter of a
    /// second): the window runs it on another thread, from [`Store::watch`].
    pub fn changed_since_read(&self) -> Vec<PathBuf> {
        self.watch().changed()
    }

    /// Of `files`, what [`Watch::changed`] found, those that are still changed now: the
    /// store may have written some since the watch was taken (an autosave while it looked),
    /// and its own write is no change.
    pub fn still_changed(&self, mut files: Vec<PathBuf>) -> Vec<PathBuf> {
        files.retain(|f| !self.seen.knows(f) || self.seen.changed(f));
        files
    }

    /// What [`Store::changed_since_read`] compares, taken from the store so that the
    /// comparison can run on another thread while the window goes on.
    pub fn watch(&self) -> Watch {
        Watch {
            dir: self.dir.clone(),
            noted: self.seen.snapshot(),
            layers_present: self.layers_present.clone(),
        }
    }

    /// The user chose to keep this window's version of the files the last save left alone:
    /// the next save overwrites them (each layer is backed up first, as before a layer's
    /// first save; `project.ron` keeps listing the documents the file on disk lists and
    /// this window lacks, see [`Store::needs_reopen`]).
    pub fn overwrite_changed(&mut self) {
        for path in std::mem::take(&mut self.changed) {
            if path == project_file(&self.dir) {
                self.merge_with_disk = true;
            }
            if let Some((doc, annotator)) = self.layer_of(&path) {
                self.backed_up.remove(&format!("{doc}/{annotator}"));
            }
            self.seen.note(&path);
        }
    }

    /// Whether a save listed documents in `project.ron` that this store's project does not
    /// hold (keeping this window's version of a project file that a `git pull` changed
    /// keeps the documents the pull listed): the project should be opened again.
    pub fn needs_reopen(&self) -> bool {
        self.needs_reopen
    }

    /// The document and annotator whose layer file `path` is.
    fn layer_of(&self, path: &Path) -> Option<(String, String)> {
        layer_of(&self.dir, path)
    }

    /// Before a layer's first save in this sitting, copy it to `.backups/` (keep the last 10).
    fn backup(&mut self, doc: &str, annotator: &str, path: &Path) -> Result<(), StoreError> {
        let key = format!("{doc}/{annotator}");
        if self.backed_up.contains(&key) || !path.exists() {
            self.backed_up.insert(key);
            return Ok(());
        }
        let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
        self.write_backup(doc, annotator, &bytes)?;
        self.backed_up.insert(key);
        Ok(())
    }

    /// Write `bytes` as a backup of `annotator`'s layer of `doc` in `.backups/` (keep the
    /// last 10).
    fn write_backup(&self, doc: &str, annotator: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let dir = self.dir.join(".backups").join(doc);
        let mut stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        // Two in one millisecond (this window's version, then the file's) both stay.
        while dir.join(format!("{annotator}.{stamp}.ron")).exists() {
            stamp += 1;
        }
        write_atomic(&dir.join(format!("{annotator}.{stamp}.ron")), bytes)?;
        let mut olds: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| StoreError::io(&dir, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| is_backup_of(&n.to_string_lossy(), annotator))
            })
            .collect();
        olds.sort();
        while olds.len() > BACKUPS_KEPT {
            let _ = std::fs::remove_file(olds.remove(0));
        }
        Ok(())
    }

    /// Write a new document's text (and, when repairs changed it, the text as decoded) under
    /// a fresh id made from `stem` that neither the project, `reserved`, nor any file on disk
    /// uses. Nothing is listed in `project.ron`: an import writes every new document's files
    /// first and lists them last ([`Store::save_project_file`]), so a crash in between leaves
    /// the project as it was (and unlisted files that are never overwritten).
    pub fn stage_text(
        &mut self,
        p: &Project,
        reserved: &HashSet<String>,
        stem: &str,
        text: &str,
        original: Option<&str>,
    ) -> Result<String, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let id = unique_id(p, &self.dir, reserved, &sanitize_id(stem));
        // Journal first: if the import is cut off from here on, the next open removes what
        // it wrote. (Appended without fsync: a kill keeps it; only a power cut could lose
        // it, leaving an unlisted text that `check` reports and nothing overwrites.)
        let journal = self.dir.join(IMPORT_JOURNAL);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal)
            .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{id}\n").as_bytes()))
            .map_err(|e| StoreError::io(&journal, e))?;
        self.staged.push(id.clone());
        if let Some(orig) = original.filter(|o| *o != text) {
            write_atomic(&orig_file(&self.dir, &id), orig.as_bytes())?;
        }
        if let Err(e) = write_atomic(&text_file(&self.dir, &id), text.as_bytes()) {
            self.unstage(&id);
            return Err(e);
        }
        Ok(id)
    }

    /// Write a document's layer now (a new document's, before it is listed).
    pub fn write_layer(&mut self, doc: &Document, annotator: &str) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let path = layer_file(&self.dir, &doc.meta.id, annotator);
        let s = layer_to_string(doc)?;
        write_atomic(&path, s.as_bytes())?;
        self.seen.note_written(&path, s.as_bytes());
        Ok(())
    }

    /// Remove the files of a document that was staged but will not be listed.
    pub fn unstage(&mut self, id: &str) {
        let _ = std::fs::remove_file(text_file(&self.dir, id));
        let _ = std::fs::remove_file(orig_file(&self.dir, id));
        let _ = std::fs::remove_dir_all(self.dir.join("annotations").join(id));
        self.staged.retain(|s| s != id);
        if self.staged.is_empty() {
            let _ = std::fs::remove_file(self.dir.join(IMPORT_JOURNAL));
        }
    }

    /// `project.ron` was written from `p`: staged documents it lists are no longer pending.
    fn listed(&mut self, p: &Project) {
        self.staged.retain(|id| p.doc_index(id).is_none());
        if self.staged.is_empty() {
            let _ = std::fs::remove_file(self.dir.join(IMPORT_JOURNAL));
        }
    }

    /// Write `project.ron` now (listing every document of `p`), atomically.
    pub fn save_project_file(&mut self, p: &mut Project) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let path = project_file(&self.dir);
        if self.seen.changed(&path) {
            self.changed = vec![path.clone()];
            return Err(StoreError::ChangedOnDisk(vec![path]));
        }
        project_to_string(p, &path).and_then(|s| write_atomic(&path, s.as_bytes()))?;
        self.seen.note_with_text(&path);
        p.project_dirty = false;
        self.listed(p);
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
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "doc".into());
        // The one way a document comes in: its text written (staged) first, then listed.
        let id = self.stage_text(p, &HashSet::new(), &stem, &decoded.text, original)?;
        let meta = DocMeta {
            id: id.clone(),
            published: None,
            imported_from: Some(crate::format::text::source_of(file, &decoded, "")),
        };
        p.documents.push(Document {
            meta,
            text: Text::new(decoded.text),
            layer: Layer::new(),
        });
        let was_dirty = p.project_dirty;
        p.project_dirty = true;
        if let Err(e) = self.save_project_file(p) {
            // Leave nothing half-imported.
            p.documents.pop();
            p.project_dirty = was_dirty;
            self.unstage(&id);
            return Err(e);
        }
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
            said!(
                "是文件夹；请选择文本文件（或把它作为项目打开）",
                "is a folder; give text files (or open it as a project)"
            ),
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
    // A file name has room for 255 bytes: keep ids well short of that (and of the
    // `.orig.txt` added to them).
    let s: String = s.trim_matches('-').chars().take(80).collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "doc".into() } else { s }
}

/// An id for a new document: not listed in the project, not reserved, and with no file of
/// its own on disk (an orphan text left by a crash, or files a person put there, are never
/// overwritten).
fn unique_id(p: &Project, dir: &Path, reserved: &HashSet<String>, base: &str) -> String {
    let free = |id: &str| {
        p.doc_index(id).is_none()
            && !reserved.contains(id)
            && !text_file(dir, id).exists()
            && !orig_file(dir, id).exists()
            && !dir.join("annotations").join(id).exists()
    };
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or_else(|| base.to_string())
}

/// Path of a document's text as decoded, kept when repairs changed it at import.
pub fn orig_file(dir: &Path, doc: &str) -> PathBuf {
    dir.join("documents").join(format!("{doc}.orig.txt"))
}

/// Longest annotator name (it names a file).
const ANNOTATOR_MAX: usize = 64;

/// Check an annotator (layer) name: it names `annotations/<doc>/<name>.ron`, so it must stay
/// a plain file name: letters, digits, `-`, `_` and `.`, not starting with `.`, no `..`, at
/// most 64 characters.
pub fn check_annotator(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.chars().count() <= ANNOTATOR_MAX
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::BadAnnotator(name.to_string()))
    }
}

/// Whether `file` is a backup of annotator `annotator`'s layer: `<annotator>.<millis>.ron`
/// exactly (so `main.old.<millis>.ron` is not one of `main`'s).
fn is_backup_of(file: &str, annotator: &str) -> bool {
    file.strip_prefix(annotator)
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(".ron"))
        .is_some_and(|stamp| !stamp.is_empty() && stamp.chars().all(|c| c.is_ascii_digit()))
}

/// Document texts in `documents/` that `project.ron` does not list (an import that was cut
/// off, or a hand-edited `project.ron`), by id.
/// Ids an interrupted import wrote (see [`interrupted_import`]) are not counted: the next
/// open for editing removes them.
pub fn unlisted_documents(dir: &Path, p: &Project) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir.join("documents")) else {
        return Vec::new();
    };
    let pending: HashSet<String> = interrupted_import(dir).into_iter().collect();
    let mut out: Vec<String> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".txt")?;
            (!id.ends_with(".orig") && p.doc_index(id).is_none() && !pending.contains(id))
                .then(|| id.to_string())
        })
        .collect();
    out.sort();
    out
}

/// Whether writing to `path` would overwrite a file the project manages (`project.ron`, the
/// lock, anything under `documents/`, `annotations/`, `.backups/` or `removed/`), or the project folder
/// itself. Paths are compared after resolving `.`/`..` and symbolic links where they exist.
pub fn is_managed_path(dir: &Path, path: &Path) -> bool {
    let (dir, path) = (resolve_path(dir), resolve_path(path));
    if path == dir {
        return true;
    }
    let Ok(rest) = path.strip_prefix(&dir) else {
        return false;
    };
    let first = rest
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(
        first.as_str(),
        "project.ron"
            | "documents"
            | "annotations"
            | ".backups"
            | LOCK_FILE
            | IMPORT_JOURNAL
            | removal::REMOVED_DIR
            | removal::REMOVAL_JOURNAL
    )
}
