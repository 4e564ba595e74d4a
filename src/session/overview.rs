//! The document list's view of every annotator: each document's status in every layer
//! (read from the layer files' heads, not loaded), its review status, the current annotator's
//! assigned documents first, filters by status and progress per annotator.

use std::collections::{BTreeMap, HashMap};

use crate::model::{CURATED, DocStatus, Project};
use crate::review::ReviewStatus;

/// Each document's layer statuses by annotator (curated included), by document id, as the
/// files said when last read. The open annotator's own status is taken from the project.
#[derive(Debug, Clone, Default)]
pub struct LayerStatuses {
    by_doc: HashMap<String, BTreeMap<String, DocStatus>>,
    version: u64,
}

impl LayerStatuses {
    /// Read every document's layer statuses from the project folder `dir`.
    pub fn read(dir: &std::path::Path, p: &Project) -> Self {
        let by_doc = p
            .documents
            .iter()
            .map(|d| {
                (
                    d.meta.id.clone(),
                    crate::store::doc_layer_statuses(dir, &d.meta.id),
                )
            })
            .collect();
        Self { by_doc, version: 0 }
    }

    /// The same statuses counted as `version` (read again, they must not look unchanged).
    pub(crate) fn with_version(mut self, version: u64) -> Self {
        self.version = version;
        self
    }

    /// Counts the changes since read (a list caches its order by it).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Read one document's layer statuses again (after it was saved).
    pub fn refresh(&mut self, dir: &std::path::Path, doc: &str) {
        self.by_doc
            .insert(doc.to_string(), crate::store::doc_layer_statuses(dir, doc));
    }

    /// Set one layer's status by hand (tests, and layers known without reading).
    pub fn set(&mut self, doc: &str, layer: &str, status: DocStatus) {
        self.version += 1;
        self.by_doc
            .entry(doc.to_string())
            .or_default()
            .insert(layer.to_string(), status);
    }

    /// The statuses of document `doc` by layer.
    pub fn of(&self, doc: &str) -> Option<&BTreeMap<String, DocStatus>> {
        self.by_doc.get(doc)
    }

    /// The annotators with a layer in some document (not curated), by name.
    pub fn annotators(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_doc
            .values()
            .flat_map(|m| m.keys())
            .filter(|n| n.as_str() != CURATED)
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Which documents the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocFilter {
    /// Only documents whose own status (the open annotator's) is this; `Done` takes
    /// reviewed ones too.
    pub mine: Option<DocStatus>,
    /// Only documents with this review status.
    pub review: Option<ReviewStatus>,
}

impl DocFilter {
    /// Whether a document with these statuses passes.
    pub fn passes(&self, mine: DocStatus, review: ReviewStatus) -> bool {
        let mine_ok = match self.mine {
            None => true,
            Some(DocStatus::Done) => matches!(mine, DocStatus::Done | DocStatus::Reviewed),
            Some(s) => mine == s,
        };
        mine_ok && self.review.is_none_or(|r| r == review)
    }
}

/// One annotator's progress: documents done (or reviewed) out of all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The annotator.
    pub annotator: String,
    /// Documents whose layer is done or reviewed.
    pub done: usize,
    /// Documents whose layer is in progress (for the curated layer: in review).
    pub started: usize,
    /// Documents in the project.
    pub total: usize,
}

/// Whether a status counts as finished.
fn finished(s: DocStatus) -> bool {
    matches!(s, DocStatus::Done | DocStatus::Reviewed)
}

/// The statuses of document `i` by layer: the files' with the open annotator's own from the
/// project (it may be unsaved).
pub fn statuses_of(p: &Project, st: &LayerStatuses, i: usize) -> BTreeMap<String, DocStatus> {
    let Some(d) = p.documents.get(i) else {
        return BTreeMap::new();
    };
    let mut m = st.of(&d.meta.id).cloned().unwrap_or_default();
    if m.contains_key(&p.annotator) || d.layer.status != DocStatus::New {
        m.insert(p.annotator.clone(), d.layer.status);
    }
    m
}

/// The status of document `i` in layer `layer`, as [`statuses_of`] gives it, without
/// building the map (the document list asks this of every document after each edit).
pub fn status_in(p: &Project, st: &LayerStatuses, i: usize, layer: &str) -> Option<DocStatus> {
    let d = p.documents.get(i)?;
    let file = st.of(&d.meta.id).and_then(|m| m.get(layer)).copied();
    if layer == p.annotator && (file.is_some() || d.layer.status != DocStatus::New) {
        return Some(d.layer.status);
    }
    file
}

/// A layer an export can take, as the export dialog offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerChoice {
    /// The layer's name (an annotator, or `curated`).
    pub name: String,
    /// Whether it is the open layer (exported as it stands, unsaved edits included).
    pub open: bool,
    /// Documents it has a file for (or, the open layer, a status other than new).
    pub documents: usize,
    /// Of those, documents marked done or reviewed (what `--status done` exports).
    pub done: usize,
    /// Of those, documents marked reviewed (what `--status reviewed` exports).
    pub reviewed: usize,
}

impl LayerChoice {
    /// Documents finished: done or reviewed; for the curated layer, reviewed.
    pub fn finished(&self) -> usize {
        if self.name == CURATED {
            self.reviewed
        } else {
            self.done
        }
    }

    /// Documents of this layer an export keeps with only documents at `status` or beyond.
    pub fn passing(&self, status: Option<DocStatus>) -> usize {
        match status {
            None | Some(DocStatus::New | DocStatus::InProgress) => self.documents,
            Some(DocStatus::Done) => self.done,
            Some(DocStatus::Reviewed) => self.reviewed,
        }
    }
}

/// Every layer of `p`'s documents, the open one first, then by name: what the export
/// dialog offers, with how far each has got (from `st` and, for the open layer, `p`).
pub fn layer_choices(p: &Project, st: &LayerStatuses) -> Vec<LayerChoice> {
    let mut by_name: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for i in 0..p.documents.len() {
        for (name, status) in statuses_of(p, st, i) {
            let e = by_name.entry(name).or_default();
            e.0 += 1;
            e.1 += usize::from(matches!(status, DocStatus::Done | DocStatus::Reviewed));
            e.2 += usize::from(status == DocStatus::Reviewed);
        }
    }
    let open = by_name.remove(&p.annotator).unwrap_or_default();
    std::iter::once((p.annotator.clone(), open))
        .chain(by_name)
        .map(|(name, (documents, done, reviewed))| LayerChoice {
            open: name == p.annotator,
            name,
            documents,
            done,
            reviewed,
        })
        .collect()
}

/// The review status of document `i` (its curated layer's status).
pub fn review_of(p: &Project, st: &LayerStatuses, i: usize) -> ReviewStatus {
    ReviewStatus::of_status(status_in(p, st, i, CURATED))
}

/// The documents the list shows, in order: those assigned to the open annotator first (in
/// project order), then the rest, each kept only if it passes `filter`.
pub fn doc_order(p: &Project, st: &LayerStatuses, filter: &DocFilter) -> Vec<usize> {
    let (mut assigned, mut rest) = (Vec::new(), Vec::new());
    for (i, d) in p.documents.iter().enumerate() {
        if !filter.passes(d.layer.status, review_of(p, st, i)) {
            continue;
        }
        if p.is_assigned(&p.annotator, &d.meta.id) {
            assigned.push(i);
        } else {
            rest.push(i);
        }
    }
    assigned.extend(rest);
    assigned
}

/// The layers other than the open one that hold documents marked done (or reviewed), with
/// how many, most first, then by name; the curated layer among them. Where training could
/// learn when the open layer has nothing finished: two annotators done with every document
/// and nothing yet in `main` is the usual case.
pub fn finished_elsewhere(p: &Project, st: &LayerStatuses) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in &p.documents {
        for (who, s) in st.of(&d.meta.id).into_iter().flatten() {
            if *who != p.annotator && finished(*s) {
                *counts.entry(who.clone()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Progress of every annotator (the open one first, then by name; not curated).
pub fn progress(p: &Project, st: &LayerStatuses) -> Vec<Progress> {
    let mut names = st.annotators();
    names.retain(|n| *n != p.annotator);
    names.insert(0, p.annotator.clone());
    let total = p.documents.len();
    names
        .into_iter()
        .map(|a| {
            let (mut done, mut started) = (0, 0);
            for i in 0..total {
                match status_in(p, st, i, &a) {
                    Some(s) if finished(s) => done += 1,
                    Some(DocStatus::InProgress) => started += 1,
                    _ => {}
                }
            }
            Progress {
                annotator: a,
                done,
                started,
                total,
            }
        })
        .collect()
}

/// The notes that end the `imported_from` of a document read from a file of many records
/// (a line of a JSONL file, a task, a CoNLL document): the file's name is shared by all of
/// them and names none.
const RECORD_SOURCES: [&str; 9] = [
    "(CLUENER)",
    "(spaCy)",
    "(doccano)",
    "(HF)",
    "(HF spans)",
    "(Label Studio)",
    "(DuEE)",
    "(biaozhu corpus)",
    "(CoNLL)",
];

/// The longest opening of a text a title shows, in chars (a longer one ends in `…`).
const OPENING_MAX: usize = 30;

/// A document's title: the headline of its first article; else, for a document of its own
/// file, that file's name (without the encoding note); else, for a record of a file of
/// many (CLUENER, DuEE, CoNLL …) or a document with no source, the opening of its text,
/// which tells the records apart where `c40.jsonl line 7` does not; else its id.
pub fn title_of(d: &crate::model::Document) -> String {
    let headline = crate::zh::structure::analyse(d.text.as_str())
        .articles
        .into_iter()
        .find_map(|a| a.headline)
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty());
    let from = d.meta.imported_from.as_deref();
    let file = || {
        let from = from?;
        // `p3.txt (GB18030)`: the file name alone.
        let path = from.rsplit_once(" (").map_or(from, |(p, _)| p);
        let name = std::path::Path::new(path).file_name()?.to_string_lossy();
        (!name.is_empty()).then(|| name.into_owned())
    };
    let opening = || {
        let line = d.text.as_str().lines().find(|l| !l.trim().is_empty())?;
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(if line.chars().count() > OPENING_MAX {
            line.chars().take(OPENING_MAX - 1).chain(['…']).collect()
        } else {
            line
        })
    };
    let record = from.is_none_or(|f| RECORD_SOURCES.iter().any(|r| f.ends_with(r)));
    headline
        .or_else(|| {
            if record {
                opening().or_else(file)
            } else {
                file().or_else(opening)
            }
        })
        .unwrap_or_else(|| d.meta.id.clone())
}

/// The name of a document status (the document list, statistics, `biaozhu review`).
pub fn status_name(s: crate::model::DocStatus, lang: crate::i18n::Lang) -> &'static str {
    use crate::model::DocStatus as D;
    crate::i18n::tr(
        lang,
        match s {
            D::New => crate::i18n::Msg::StatusNew,
            D::InProgress => crate::i18n::Msg::StatusInProgress,
            D::Done => crate::i18n::Msg::StatusDone,
            D::Reviewed => crate::i18n::Msg::StatusReviewed,
        },
    )
}

/// The name of a review status (the document list, statistics, `biaozhu review`).
pub fn review_name(s: crate::review::ReviewStatus, lang: crate::i18n::Lang) -> &'static str {
    use crate::i18n::Msg;
    use crate::review::ReviewStatus as R;
    crate::i18n::tr(
        lang,
        match s {
            R::Unreviewed => Msg::ReviewUnreviewed,
            R::InReview => Msg::ReviewInReview,
            R::Reviewed => Msg::ReviewReviewed,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Document, Layer, Text};

    fn project() -> Project {
        let mut p = Project::new("p", "alice");
        for id in ["a", "b", "c", "d"] {
            p.documents.push(Document {
                meta: DocMeta {
                    id: id.into(),
                    published: None,
                    imported_from: None,
                },
                text: Text::new("甲乙丙".to_string()),
                layer: Layer::default(),
            });
        }
        p
    }

    #[test]
    fn the_layers_finished_elsewhere_are_counted_most_first_without_the_open_one() {
        let mut p = project();
        p.documents[0].layer.status = DocStatus::Done;
        let mut st = LayerStatuses::default();
        // The open layer's own files do not count, nor documents not finished.
        st.set("a", "alice", DocStatus::Done);
        for (doc, who, status) in [
            ("a", "bob", DocStatus::Done),
            ("a", "carol", DocStatus::Done),
            ("b", "carol", DocStatus::Done),
            ("c", "carol", DocStatus::InProgress),
            ("c", CURATED, DocStatus::Reviewed),
            ("d", "bob", DocStatus::New),
        ] {
            st.set(doc, who, status);
        }
        assert_eq!(
            finished_elsewhere(&p, &st),
            [
                ("carol".to_string(), 2),
                ("bob".to_string(), 1),
                (CURATED.to_string(), 1),
            ]
        );
        let hint =
            |lang, cli| crate::i18n::finished_elsewhere(lang, &finished_elsewhere(&p, &st), cli);
        assert_eq!(
            hint(crate::i18n::Lang::En, true).as_deref(),
            Some(
                "other layers have documents marked done: carol 2, bob 1, curated 1; pass --annotator carol to learn from one"
            )
        );
        assert!(
            hint(crate::i18n::Lang::Zh, false)
                .is_some_and(|h| h.contains("carol 2 篇、bob 1 篇") && h.contains("文件 → 标注人…")),
        );
        assert_eq!(
            crate::i18n::finished_elsewhere(crate::i18n::Lang::Zh, &[], true),
            None
        );
    }

    #[test]
    fn assigned_documents_come_first_and_filters_keep_what_they_name() {
        let mut p = project();
        p.documents[1].layer.status = DocStatus::Done;
        p.documents[2].layer.status = DocStatus::InProgress;
        let mut st = LayerStatuses::default();
        st.set("b", "bob", DocStatus::Done);
        st.set("c", CURATED, DocStatus::InProgress);
        st.set("d", CURATED, DocStatus::Reviewed);
        let all = DocFilter::default();
        assert_eq!(doc_order(&p, &st, &all), vec![0, 1, 2, 3]);
        p.assign("alice", &["d".to_string(), "c".to_string()]);
        p.assign("bob", &["a".to_string()]);
        assert_eq!(doc_order(&p, &st, &all), vec![2, 3, 0, 1]);
        let done = DocFilter {
            mine: Some(DocStatus::Done),
            review: None,
        };
        assert_eq!(doc_order(&p, &st, &done), vec![1]);
        let in_review = DocFilter {
            mine: None,
            review: Some(ReviewStatus::InReview),
        };
        assert_eq!(doc_order(&p, &st, &in_review), vec![2]);
        assert_eq!(review_of(&p, &st, 3), ReviewStatus::Reviewed);
        assert_eq!(review_of(&p, &st, 0), ReviewStatus::Unreviewed);
        // The curated layer open (review mode): reviewed 1, in review 1.
        let mut cur = p.clone();
        cur.annotator = CURATED.into();
        // Open, its statuses are the project's (the files' are those of the last save).
        for (d, s) in cur.documents.iter_mut().zip([
            DocStatus::New,
            DocStatus::New,
            DocStatus::InProgress,
            DocStatus::Reviewed,
        ]) {
            d.layer.status = s;
        }
        let c = &progress(&cur, &st)[0];
        assert_eq!((c.annotator.as_str(), c.done, c.started), (CURATED, 1, 1));
        // Progress: the open annotator first, from the project; others from the files.
        assert_eq!(
            progress(&p, &st),
            vec![
                Progress {
                    annotator: "alice".into(),
                    done: 1,
                    started: 1,
                    total: 4
                },
                Progress {
                    annotator: "bob".into(),
                    done: 1,
                    started: 0,
                    total: 4
                },
            ]
        );
        // One layer's status is the map's, without the map.
        for proj in [&p, &cur] {
            for i in 0..proj.documents.len() + 1 {
                for name in ["alice", "bob", CURATED, "nobody"] {
                    assert_eq!(
                        status_in(proj, &st, i, name),
                        statuses_of(proj, &st, i).get(name).copied(),
                        "document {i}, layer {name}, open {}",
                        proj.annotator
                    );
                }
            }
        }
        let s = statuses_of(&p, &st, 1);
        assert_eq!(s.get("alice"), Some(&DocStatus::Done));
        assert_eq!(s.get("bob"), Some(&DocStatus::Done));
    }

    #[test]
    fn the_export_offers_every_layer_the_open_one_first_with_how_far_each_has_got() {
        let mut p = project();
        p.documents[0].layer.status = DocStatus::InProgress;
        let mut st = LayerStatuses::default();
        for (doc, who, status) in [
            ("a", "bob", DocStatus::Done),
            ("b", "bob", DocStatus::Reviewed),
            ("c", "bob", DocStatus::New),
            ("a", CURATED, DocStatus::Reviewed),
            ("b", CURATED, DocStatus::Done),
            ("a", "aaron", DocStatus::InProgress),
        ] {
            st.set(doc, who, status);
        }
        let c = |name: &str, open, documents, done, reviewed| LayerChoice {
            name: name.into(),
            open,
            documents,
            done,
            reviewed,
        };
        let all = layer_choices(&p, &st);
        assert_eq!(
            all,
            [
                c("alice", true, 1, 0, 0),
                c("aaron", false, 1, 0, 0),
                c("bob", false, 3, 2, 1),
                c(CURATED, false, 2, 2, 1),
            ]
        );
        // A curated layer marked done is a review not finished.
        let finished: Vec<usize> = all.iter().map(LayerChoice::finished).collect();
        assert_eq!(finished, [0, 0, 2, 1]);
        let bob = &all[2];
        assert_eq!(
            [None, Some(DocStatus::Done), Some(DocStatus::Reviewed)].map(|s| bob.passing(s)),
            [3, 2, 1]
        );
        // An open layer nobody has touched is still offered, with nothing in it.
        let fresh = Project {
            annotator: "zhang".into(),
            ..project()
        };
        assert_eq!(layer_choices(&fresh, &st)[0], c("zhang", true, 0, 0, 0));
    }
}
