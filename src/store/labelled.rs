//! Importing files that bring their annotations along (DuEE 1.0 JSONL, brat standoff): each
//! text becomes a document and its spans and events that document's layer. Reading
//! ([`read_labelled`]) needs no project, so the window does it on a thread; adding
//! ([`add_labelled`]) writes through the open [`Store`]. The command line and the window share
//! both, so they accept and report the same things.

use std::path::{Path, PathBuf};

use crate::edit::Edit;
use crate::model::{Event, Project, Span};
use crate::zh::encoding::Decoded;

use super::{Store, StoreError, read_decoded};

/// Which kind of labelled file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelledFormat {
    /// DuEE 1.0 event data: one JSON object a line (`text`, `id`, `event_list`).
    Duee,
    /// A brat `.ann` file, with its `.txt` beside it.
    Brat,
}

/// One document read from a labelled file, not yet in a project.
#[derive(Debug, Clone)]
pub struct LabelledDoc {
    /// The name the document id is made from (the DuEE `id`, or the `.txt` file's stem).
    pub name: String,
    /// Where it came from, for the document's `imported_from`.
    pub source: String,
    /// The text.
    pub text: Decoded,
    /// Its spans (ids local to this document).
    pub spans: Vec<Span>,
    /// Its events.
    pub events: Vec<Event>,
    /// Its arguments came without labels (DuEE): give each a label its role accepts where
    /// that label is known, not guessed ([`crate::zh::arguments::recognised`]).
    pub label_arguments: bool,
}

/// What a labelled file held.
#[derive(Debug, Clone, Default)]
pub struct LabelledRead {
    /// The documents.
    pub docs: Vec<LabelledDoc>,
    /// What could not be taken, one line each, naming the file and the line:
    /// `FILE: line 3: "…" is not at char 12`. Nothing is dropped without a line here.
    pub problems: Vec<String>,
}

/// One document added by [`add_labelled`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedDoc {
    /// Its id in the project.
    pub id: String,
    /// Its index in the project.
    pub index: usize,
    /// How many spans and events it got.
    pub spans: usize,
    /// How many events.
    pub events: usize,
    /// Event types it uses that the schema does not have (each once).
    pub unknown_types: Vec<String>,
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Read a labelled file. A file that cannot be read or parsed at all is an error naming it
/// (and the line); single annotations that do not fit are listed in `problems`.
pub fn read_labelled(file: &Path, format: LabelledFormat) -> Result<LabelledRead, StoreError> {
    match format {
        LabelledFormat::Duee => read_duee(file),
        LabelledFormat::Brat => read_brat(file),
    }
}

fn read_duee(file: &Path) -> Result<LabelledRead, StoreError> {
    let src = read_decoded(file, None)?.text;
    let (docs, problems) =
        crate::format::duee::import(&src).map_err(|e| StoreError::invalid(file, e))?;
    let name = file_name(file);
    Ok(LabelledRead {
        docs: docs
            .into_iter()
            .map(|d| LabelledDoc {
                source: format!("{name} id {} (DuEE)", d.id),
                name: d.id,
                text: Decoded {
                    text: d.text,
                    encoding: "UTF-8",
                    bom: false,
                    detected: true,
                },
                spans: d.spans,
                events: d.events,
                label_arguments: true,
            })
            .collect(),
        problems: problems
            .into_iter()
            .map(|m| format!("{}: {m}", file.display()))
            .collect(),
    })
}

fn read_brat(ann_path: &Path) -> Result<LabelledRead, StoreError> {
    let txt_path = ann_path.with_extension("txt");
    // An empty .ann is a document without annotations, not an error.
    let empty = std::fs::metadata(ann_path)
        .map_err(|e| StoreError::io(ann_path, e))?
        .len()
        == 0;
    let ann = if empty {
        String::new()
    } else {
        read_decoded(ann_path, None)?.text
    };
    let text = read_decoded(&txt_path, None)?;
    let (doc, problems) =
        crate::format::brat::import_ann(&crate::model::Text::new(text.text.clone()), &ann);
    let name = txt_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "doc".into());
    let source = format!("{} (brat, {})", file_name(&txt_path), text.encoding);
    Ok(LabelledRead {
        docs: vec![LabelledDoc {
            name,
            source,
            text,
            spans: doc.spans,
            events: doc.events,
            label_arguments: false,
        }],
        problems: problems
            .into_iter()
            .map(|m| format!("{}:{m}", ann_path.display()))
            .collect(),
    })
}

/// Give bare `ARG` arguments a label their role accepts, where it is known: 10月19日 as 时间
/// becomes a DATE with its value, 甘肃省总工会 as a 主体 that takes only ORG an ORG. An
/// argument of several roles takes the first role that knows its label. The rest stay `ARG`.
fn label_arguments(schema: &crate::model::Schema, d: &mut LabelledDoc) {
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
            if let Some(a) = crate::zh::arguments::recognised(schema, role, surface, &ctx) {
                span.kind = a.kind;
                span.label = a.label;
                span.value = a.value;
            }
        }
    }
}

/// Add documents read by [`read_labelled`] to the project, each with its spans and events.
/// The text is written at once (as any import); the layers are saved with the project.
/// Annotations that cannot be applied (which the readers' checks should make impossible)
/// stop the import with an error naming the document, which then stays without them.
pub fn add_labelled(
    st: &mut Store,
    p: &mut Project,
    docs: Vec<LabelledDoc>,
) -> Result<Vec<AddedDoc>, StoreError> {
    let mut added = Vec::new();
    for mut d in docs {
        if d.label_arguments {
            label_arguments(&p.schema, &mut d);
        }
        // The id is made from the file name `add_repaired` is given.
        let fake = PathBuf::from(format!("{}.txt", d.name));
        let imported = st.add_repaired(p, &fake, d.text, None)?;
        let index = p.documents.len() - 1;
        if let Some(doc) = p.documents.get_mut(index) {
            doc.meta.imported_from = Some(d.source.clone());
        }
        p.project_dirty = true;
        let mut unknown_types: Vec<String> = Vec::new();
        for e in &d.events {
            if p.schema.event_type(&e.event_type).is_none()
                && !unknown_types.contains(&e.event_type)
            {
                unknown_types.push(e.event_type.clone());
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
        if let Err(e) = crate::edit::apply(p, Edit::Batch(edits)) {
            return Err(StoreError::invalid(
                PathBuf::from(&d.source),
                format!("{}: {e}", imported.id),
            ));
        }
        added.push(AddedDoc {
            id: imported.id,
            index,
            spans,
            events,
            unknown_types,
        });
    }
    Ok(added)
}

/// Write the project as a brat standoff folder: `annotation.conf` and a `<id>.txt` /
/// `<id>.ann` pair per document (accepted spans and events), each file written atomically.
/// `progress(done, total)` is called per document; when it returns false the export stops
/// (the files written so far stay, `annotation.conf` first). Returns the documents written.
pub fn write_brat(
    p: &Project,
    dir: &Path,
    progress: super::Progress<'_>,
) -> Result<usize, StoreError> {
    use crate::format::brat;
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    super::write_atomic(
        &dir.join("annotation.conf"),
        brat::export_conf(p).as_bytes(),
    )?;
    let total = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, total) {
            return Ok(i);
        }
        let ann = brat::export_ann(&d.text, d.layer.spans(), &d.layer.events)
            .map_err(|e| StoreError::invalid(dir.join(format!("{}.ann", d.meta.id)), e))?;
        super::write_atomic(
            &dir.join(format!("{}.txt", d.meta.id)),
            d.text.as_str().as_bytes(),
        )?;
        super::write_atomic(&dir.join(format!("{}.ann", d.meta.id)), ann.as_bytes())?;
    }
    progress(total, total);
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_ann_is_a_document_without_annotations() {
        let tmp = tempfile::tempdir().unwrap();
        let ann = tmp.path().join("a.ann");
        std::fs::write(&ann, "").unwrap();
        std::fs::write(tmp.path().join("a.txt"), "今天开会。").unwrap();
        let read = read_labelled(&ann, LabelledFormat::Brat).unwrap();
        assert_eq!(read.docs.len(), 1);
        assert_eq!(read.docs[0].name, "a");
        assert!(read.docs[0].spans.is_empty() && read.problems.is_empty());
    }

    #[test]
    fn a_missing_txt_and_broken_json_name_their_file() {
        let tmp = tempfile::tempdir().unwrap();
        let ann = tmp.path().join("b.ann");
        std::fs::write(&ann, "T1\tORG 0 2\t今天\n").unwrap();
        let e = read_labelled(&ann, LabelledFormat::Brat).unwrap_err();
        assert!(e.to_string().contains("b.txt"), "{e}");
        let json = tmp.path().join("c.jsonl");
        std::fs::write(&json, "{\"text\": \"今天\", \"id\": \"x\"}\n{broken\n").unwrap();
        let e = read_labelled(&json, LabelledFormat::Duee).unwrap_err();
        let m = e.to_string();
        assert!(m.contains("c.jsonl") && m.contains("line 2"), "{m}");
    }
}
