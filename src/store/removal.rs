//! Taking documents out of a project, and putting them back. Nothing is deleted: a removed
//! document's text, its text as decoded, every annotator's layer (the curated one too) and
//! their backups move into `removed/<UTC time>/`, beside a `removed.ron` that records where
//! each document stood in `project.ron` and whom it was assigned to, so that
//! [`Store::restore_documents`] (`biaozhu restore DIR removed/<time>`) puts it back as it was.
//!
//! Order, for a crash at any point: `removed.ron` and the journal `.biaozhu-remove` are
//! written first, then `project.ron` without the documents (atomically), then the files
//! move. Cut off before `project.ron`, the next open finds every document still listed and
//! drops the empty record; cut off after it, the next open moves what was left.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    StoreError, dto, orig_file, pretty_project, project_file, read_project_file, sync_dir,
    text_file, to_ron, write_atomic,
};
use crate::model::Project;
use crate::said;

/// The folder of removed documents, in the project folder.
pub const REMOVED_DIR: &str = "removed";

/// The removal journal: the name of the `removed/` folder of a removal that has not moved
/// every file yet.
pub const REMOVAL_JOURNAL: &str = ".biaozhu-remove";

/// The record of one removal, in its folder.
pub const REMOVED_RECORD: &str = "removed.ron";

const RECORD_FORMAT: &str = "biaozhu-removed";

/// `removed.ron`.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    format: String,
    version: u32,
    documents: Vec<RemovedDoc>,
}

/// One removed document.
#[derive(Debug, Serialize, Deserialize)]
struct RemovedDoc {
    /// Its place in `project.ron`'s list when it was removed.
    position: usize,
    /// Its entry in `project.ron`.
    document: dto::DocDto,
    /// The annotators it was assigned to, each with its place in their list.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    assigned: BTreeMap<String, usize>,
}

/// What a removal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The folder the documents' files went to (`removed/<time>` in the project).
    pub folder: PathBuf,
    /// The documents removed, in project order.
    pub ids: Vec<String>,
    /// How many layer files (annotators' and curated) went with them.
    pub layers: usize,
    /// Files that would not move, with the system's reason: the documents are removed all
    /// the same, and the next open for writing moves them (the journal stays).
    pub unmoved: Vec<(PathBuf, String)>,
}

/// A removal that can be put back: its folder and the documents it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// `removed/<time>` in the project folder.
    pub folder: PathBuf,
    /// The folder's name (the UTC time of the removal).
    pub name: String,
    /// Each document: its id, the opening of its text (its first line, at most 30 chars),
    /// and the file it was imported from, if known.
    pub documents: Vec<RemovedDocument>,
}

/// A document a removal holds, as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedDocument {
    /// Its id.
    pub id: String,
    /// Its text's first non-empty line, at most 30 chars.
    pub opening: String,
    /// The file it was imported from, if known.
    pub imported_from: Option<String>,
}

/// The first non-empty line of a text file, at most `n` chars ("" if it does not read).
fn opening(path: &Path, n: usize) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .chars()
        .take(n)
        .collect()
}

/// The removals of the project in `dir` that can be put back, the latest first (a folder
/// whose `removed.ron` does not read is left out).
pub fn removals(dir: &Path) -> Vec<Removed> {
    let Ok(rd) = std::fs::read_dir(dir.join(REMOVED_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<Removed> = rd
        .flatten()
        .filter_map(|e| {
            let folder = e.path();
            let record = read_record(&folder).ok()?;
            Some(Removed {
                name: e.file_name().to_string_lossy().into_owned(),
                documents: record
                    .documents
                    .into_iter()
                    .map(|d| RemovedDocument {
                        opening: opening(&text_file(&folder, &d.document.id), 30),
                        id: d.document.id,
                        imported_from: d.document.imported_from,
                    })
                    .collect(),
                folder,
            })
        })
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    out
}

/// The files and folders of document `id` that move with it, relative to the project folder.
fn parts(dir: &Path, id: &str) -> [PathBuf; 4] {
    let rel = |p: PathBuf| p.strip_prefix(dir).map(Path::to_path_buf).unwrap_or(p);
    [
        rel(text_file(dir, id)),
        rel(orig_file(dir, id)),
        PathBuf::from("annotations").join(id),
        PathBuf::from(".backups").join(id),
    ]
}

/// Move `from` to `to` (a file or a folder) if `from` exists; `to`'s folder is made.
fn move_part(from: &Path, to: &Path) -> Result<(), StoreError> {
    if std::fs::symlink_metadata(from).is_err() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    std::fs::rename(from, to).map_err(|e| StoreError::io(from, e))?;
    if let Some(parent) = to.parent() {
        sync_dir(parent);
    }
    Ok(())
}

/// Layer files (`*.ron`, backups aside) in a document's annotation folder.
fn count_layers(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, |rd| {
        rd.flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".ron"))
            .count()
    })
}

/// A folder under `removed/` no removal has used, named by the UTC time.
fn fresh_folder(dir: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = super::activity::utc_stamp(secs).replace(':', "");
    let root = dir.join(REMOVED_DIR);
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .map(|name| root.join(name))
        .find(|p| !p.exists())
        .unwrap_or_else(|| root.join(base))
}

fn read_record(folder: &Path) -> Result<Record, StoreError> {
    let path = folder.join(REMOVED_RECORD);
    let src = super::read_text_file(&path)?;
    let r: Record = ron::de::from_str(&src).map_err(|e| StoreError::ron(&path, e))?;
    super::check_header(&path, &r.format, RECORD_FORMAT, r.version)?;
    if let Some(d) = r
        .documents
        .iter()
        .find(|d| !super::valid_doc_id(&d.document.id))
    {
        return Err(StoreError::invalid(
            &path,
            said!(
                "文档编号 {:?} 不能用作文件名",
                "document id {:?} cannot be a file name",
                d.document.id
            ),
        ));
    }
    Ok(r)
}

/// `project.ron` as it is on disk.
fn read_file(dir: &Path) -> Result<dto::ProjectFile, StoreError> {
    let path = project_file(dir);
    let src = super::read_text_file(&path)?;
    ron::de::from_str(&src).map_err(|e| StoreError::ron(&path, e))
}

fn write_file(dir: &Path, f: &dto::ProjectFile) -> Result<(), StoreError> {
    let path = project_file(dir);
    to_ron(f, pretty_project(), &path).and_then(|s| write_atomic(&path, s.as_bytes()))
}

/// Finish a removal that was cut off (see the module's notes). Only with the lock held.
pub(super) fn finish_removal(dir: &Path) -> Result<(), StoreError> {
    let journal = dir.join(REMOVAL_JOURNAL);
    let Ok(name) = std::fs::read_to_string(&journal) else {
        return Ok(());
    };
    let name = name.trim();
    let folder = dir.join(REMOVED_DIR).join(name);
    if !name.is_empty()
        && !name.contains(['/', '\\'])
        && name != ".."
        && let Ok(record) = read_record(&folder)
    {
        let (_, metas) = read_project_file(dir, super::DEFAULT_ANNOTATOR)?;
        let listed = |id: &str| metas.iter().any(|m| m.id == id);
        if record.documents.iter().all(|d| listed(&d.document.id)) {
            // `project.ron` was never written: nothing was removed.
            let _ = std::fs::remove_file(folder.join(REMOVED_RECORD));
            let _ = std::fs::remove_dir(&folder);
            let _ = std::fs::remove_dir(dir.join(REMOVED_DIR));
        } else {
            let mut all_moved = true;
            for d in &record.documents {
                if listed(&d.document.id) {
                    continue;
                }
                for part in parts(dir, &d.document.id) {
                    all_moved &= move_part(&dir.join(&part), &folder.join(&part)).is_ok();
                }
            }
            // A file that still will not move keeps the journal for the next open; the
            // project opens all the same (the documents are no longer listed).
            if !all_moved {
                return Ok(());
            }
        }
    }
    std::fs::remove_file(&journal).map_err(|e| StoreError::io(&journal, e))
}

impl super::Store {
    /// Take the documents `ids` out of the project: everything unsaved is saved first (a
    /// removed document's edits go with it), then its files move to a new folder under
    /// `removed/` (see the module's notes) and `p` loses them. An id the project does not
    /// list is refused before anything changes.
    pub fn remove_documents(
        &mut self,
        p: &mut Project,
        ids: &[String],
    ) -> Result<Removal, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(self.dir().to_path_buf()));
        }
        let dir = self.dir().to_path_buf();
        if let Some(id) = ids.iter().find(|id| p.doc_index(id).is_none()) {
            return Err(StoreError::invalid(
                project_file(&dir),
                said!(
                    "项目中没有文档 {id:?}",
                    "the project has no document {id:?}"
                ),
            ));
        }
        self.save(p)?;
        let gone = |id: &str| ids.iter().any(|x| x == id);
        let documents: Vec<RemovedDoc> = p
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| gone(&d.meta.id))
            .map(|(position, d)| RemovedDoc {
                position,
                document: dto::doc_to_dto(&d.meta),
                assigned: p
                    .assignments
                    .iter()
                    .filter_map(|(who, docs)| {
                        let at = docs.iter().position(|x| x == &d.meta.id)?;
                        Some((who.clone(), at))
                    })
                    .collect(),
            })
            .collect();
        let removed: Vec<String> = documents.iter().map(|d| d.document.id.clone()).collect();
        let folder = fresh_folder(&dir);
        let record = Record {
            format: RECORD_FORMAT.into(),
            version: dto::VERSION,
            documents,
        };
        let record_path = folder.join(REMOVED_RECORD);
        to_ron(&record, pretty_project(), &record_path)
            .and_then(|s| write_atomic(&record_path, s.as_bytes()))?;
        let journal = dir.join(REMOVAL_JOURNAL);
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(e) = write_atomic(&journal, name.as_bytes()) {
            let _ = std::fs::remove_file(&record_path);
            let _ = std::fs::remove_dir(&folder);
            return Err(e);
        }
        let mut file = read_file(&dir)?;
        file.documents.retain(|d| !gone(&d.id));
        for docs in file.assignments.values_mut() {
            docs.retain(|d| !gone(d));
        }
        file.assignments.retain(|_, docs| !docs.is_empty());
        if let Err(e) = write_file(&dir, &file) {
            let _ = std::fs::remove_file(&journal);
            let _ = std::fs::remove_file(&record_path);
            let _ = std::fs::remove_dir(&folder);
            return Err(e);
        }
        self.seen.note_with_text(&project_file(&dir));
        // Listed no more: from here on the removal stands, and a file that would not move
        // is moved at the next open (the journal stays).
        p.documents.retain(|d| !gone(&d.meta.id));
        for docs in p.assignments.values_mut() {
            docs.retain(|d| !gone(d));
        }
        p.assignments.retain(|_, docs| !docs.is_empty());
        p.dirty_docs.clear();
        let mut layers = 0;
        let mut unmoved = Vec::new();
        for id in &removed {
            for part in parts(&dir, id) {
                if let Err(e) = move_part(&dir.join(&part), &folder.join(&part)) {
                    unmoved.push(match e {
                        StoreError::Io { path, source } => (path, source.to_string()),
                        e => (dir.join(&part), e.to_string()),
                    });
                }
            }
            layers += count_layers(&folder.join("annotations").join(id));
        }
        if unmoved.is_empty() {
            let _ = std::fs::remove_file(&journal);
        }
        Ok(Removal {
            folder,
            ids: removed,
            layers,
            unmoved,
        })
    }

    /// Put back the documents a removal moved to `folder` (`removed/<time>`), each at the
    /// place it had in `project.ron` and assigned as it was; returns their ids. A document
    /// the project lists again, or a file of one that something else took the place of since,
    /// is refused before anything moves. The project must be loaded again afterwards.
    pub fn restore_documents(&mut self, folder: &Path) -> Result<Vec<String>, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(self.dir().to_path_buf()));
        }
        let dir = self.dir().to_path_buf();
        // Only a removal of this project: another's would carry its ids and places here.
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if folder.parent().map(canon) != Some(canon(&dir.join(REMOVED_DIR))) {
            return Err(StoreError::invalid(
                folder,
                said!(
                    "不是这个项目的 removed/ 下的文件夹，未放回任何文档",
                    "not a folder of this project's removed/; nothing was put back"
                ),
            ));
        }
        let record = read_record(folder)?;
        let mut file = read_file(&dir)?;
        let record_path = folder.join(REMOVED_RECORD);
        for d in &record.documents {
            let id = &d.document.id;
            if file.documents.iter().any(|x| &x.id == id) {
                return Err(StoreError::invalid(
                    &record_path,
                    said!(
                        "文档 {id:?} 已在项目中，未放回任何文档",
                        "document {id:?} is in the project already; nothing was put back"
                    ),
                ));
            }
            for part in parts(&dir, id) {
                let (from, to) = (folder.join(&part), dir.join(&part));
                if std::fs::symlink_metadata(&from).is_ok()
                    && std::fs::symlink_metadata(&to).is_ok()
                {
                    return Err(StoreError::Exists(to));
                }
            }
        }
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        let undo = |moved: &[(PathBuf, PathBuf)]| {
            for (from, to) in moved.iter().rev() {
                let _ = std::fs::rename(to, from);
            }
        };
        for d in &record.documents {
            for part in parts(&dir, &d.document.id) {
                let (from, to) = (folder.join(&part), dir.join(&part));
                if std::fs::symlink_metadata(&from).is_err() {
                    continue;
                }
                if let Err(e) = move_part(&from, &to) {
                    undo(&moved);
                    return Err(e);
                }
                moved.push((from, to));
            }
        }
        let mut ids = Vec::new();
        let mut back: Vec<&RemovedDoc> = record.documents.iter().collect();
        back.sort_by_key(|d| d.position);
        for d in back {
            let at = d.position.min(file.documents.len());
            file.documents.insert(
                at,
                dto::DocDto {
                    id: d.document.id.clone(),
                    published: d.document.published.clone(),
                    imported_from: d.document.imported_from.clone(),
                },
            );
            ids.push(d.document.id.clone());
        }
        // Each annotator's list as it was: its entries put back in the order they stood.
        let mut assigned: Vec<(&String, usize, &String)> = record
            .documents
            .iter()
            .flat_map(|d| {
                d.assigned
                    .iter()
                    .map(|(who, at)| (who, *at, &d.document.id))
            })
            .collect();
        assigned.sort_by_key(|(_, at, _)| *at);
        for (who, at, id) in assigned {
            let docs = file.assignments.entry(who.clone()).or_default();
            if !docs.contains(id) {
                docs.insert(at.min(docs.len()), id.clone());
            }
        }
        if let Err(e) = write_file(&dir, &file) {
            undo(&moved);
            return Err(e);
        }
        self.seen.note_with_text(&project_file(&dir));
        let _ = std::fs::remove_file(&record_path);
        for sub in ["documents", "annotations", ".backups", ""] {
            let _ = std::fs::remove_dir(folder.join(sub));
        }
        // `removed/` itself, when this was the only removal in it.
        if let Some(parent) = folder.parent()
            && parent.file_name().is_some_and(|n| n == REMOVED_DIR)
        {
            let _ = std::fs::remove_dir(parent);
        }
        Ok(ids)
    }
}
