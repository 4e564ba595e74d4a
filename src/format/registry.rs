//! The format registry: every interchange format is one [`Format`] value, declared in its own
//! module, with its name, file extensions, what it holds, its options, and `import`/`export`
//! functions over the model. The command line (`--format`, `export --help`) and the window's
//! import and export dialogs are generated from [`FORMATS`], so adding a format is adding one
//! module and one line here.
//!
//! Formats read input files and build output in memory; they never write. Writing (atomic,
//! into a file or a folder) is the session's (`session::exchange`).

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Said};
use crate::model::{Event, Project, Span};
use crate::said;
use crate::zh::encoding::{DecodeError, Decoded, Replaced};

/// Every format biaozhu reads or writes, in the order the dialogs list them.
pub static FORMATS: &[&Format] = &[
    &super::text::FORMAT,
    &super::corpus::JSON,
    &super::corpus::RON,
    &super::duee::FORMAT,
    &super::brat::FORMAT,
    &super::doccano::FORMAT,
    &super::label_studio::FORMAT,
    &super::spacy::FORMAT,
    &super::cluener::FORMAT,
    &super::conll::FORMAT,
    &super::hf::FORMAT,
    &super::hf::SPANS,
];

/// The format called `name`.
pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().copied().find(|f| f.name == name)
}

/// The formats that can be imported.
pub fn importers() -> impl Iterator<Item = &'static Format> {
    FORMATS.iter().copied().filter(|f| f.import.is_some())
}

/// The formats that can be exported.
pub fn exporters() -> impl Iterator<Item = &'static Format> {
    FORMATS.iter().copied().filter(|f| f.export.is_some())
}

/// What a format can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Holds {
    /// Labelled spans (entities, figures, triggers, arguments).
    pub spans: bool,
    /// Figures' normalised values.
    pub values: bool,
    /// Events (trigger, type, roles).
    pub events: bool,
    /// Relations between spans.
    pub relations: bool,
    /// Spans that are in no event (entities, figures): every span format and the corpus,
    /// not DuEE, which holds events alone.
    pub loose_spans: bool,
}

/// An option a format takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// The text encoding of input files (detected unless forced).
    Encoding,
    /// Whether pending suggestions are written too.
    IncludePending,
    /// Whether bad byte sequences in input files become U+FFFD (counted and reported)
    /// instead of refusing the file.
    Lossy,
    /// The tagging scheme of token formats (BIO, IOB1, BIOES, BMES).
    Scheme,
    /// The column separator of token formats (tab or space).
    Sep,
    /// Whether a token is a char or a jieba word.
    Tokens,
    /// How nested or overlapping spans become flat tags.
    Nested,
    /// Which span kinds are written (entities, figures, triggers …).
    Kinds,
    /// Whether an event's arguments are written under their roles (胜者, 时间) rather than
    /// their spans' labels (`ARG`, `PER`).
    Roles,
}

/// What one record of a format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// A document.
    #[default]
    Document,
    /// An article of a bulletin (from the structure analysis; offsets relative to it).
    Article,
    /// A sentence (offsets relative to it).
    Sentence,
}

impl Unit {
    /// Every unit, in the order offered.
    pub const ALL: [Unit; 3] = [Unit::Document, Unit::Article, Unit::Sentence];

    /// What an export wrote: its records, named by this unit (文档, 文章, 句子), and its
    /// spans (`59 个句子，140 个标注`, `59 sentences, 140 spans`).
    pub fn written(self, lang: crate::i18n::Lang, records: usize, spans: usize) -> String {
        let (zh, en) = match self {
            Unit::Document => ("篇文档", "document"),
            Unit::Article => ("篇文章", "article"),
            Unit::Sentence => ("个句子", "sentence"),
        };
        match lang {
            crate::i18n::Lang::Zh => format!("{records} {zh}，{spans} 个标注"),
            crate::i18n::Lang::En => format!(
                "{}, {}",
                crate::i18n::english_count(records, en),
                crate::i18n::english_count(spans, "span")
            ),
        }
    }

    /// What one is called in a message.
    pub fn said(self) -> Said {
        match self {
            Unit::Document => crate::said!("文档", "document"),
            Unit::Article => crate::said!("文章", "article"),
            Unit::Sentence => crate::said!("句子", "sentence"),
        }
    }

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Article => "article",
            Unit::Sentence => "sentence",
        }
    }
}

/// A tagging scheme of the token formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// `B-X` begins, `I-X` continues, `O` outside (IOB2).
    #[default]
    Bio,
    /// `I-X` everywhere, `B-X` only to begin a span right after one of the same type.
    Iob1,
    /// BIO plus `E-X` ending and `S-X` single-token spans.
    Bioes,
    /// `B-X`, `M-X` middle, `E-X` end, `S-X` single (the Chinese data sets' BMES).
    Bmes,
}

impl Scheme {
    /// Every scheme, in the order offered.
    pub const ALL: [Scheme; 4] = [Scheme::Bio, Scheme::Iob1, Scheme::Bioes, Scheme::Bmes];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Bio => "bio",
            Scheme::Iob1 => "iob1",
            Scheme::Bioes => "bioes",
            Scheme::Bmes => "bmes",
        }
    }
}

/// The column separator of the token formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sep {
    /// A tab.
    #[default]
    Tab,
    /// A space (on import: any run of spaces or tabs).
    Space,
}

impl Sep {
    /// Every separator, in the order offered.
    pub const ALL: [Sep; 2] = [Sep::Tab, Sep::Space];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Sep::Tab => "tab",
            Sep::Space => "space",
        }
    }
}

/// What one token of a token format is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tokens {
    /// One char (how the Chinese NER data sets ship).
    #[default]
    Char,
    /// One jieba word.
    Word,
}

impl Tokens {
    /// Every kind of token, in the order offered.
    pub const ALL: [Tokens; 2] = [Tokens::Char, Tokens::Word];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Tokens::Char => "char",
            Tokens::Word => "word",
        }
    }
}

/// Where an export goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One file.
    File,
    /// A folder of files.
    Folder,
}

/// The options of one import or export; each format reads those it declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// A forced input encoding (`utf-8`, `gbk` …), else detected.
    pub encoding: Option<String>,
    /// One record per document or per sentence.
    pub unit: Unit,
    /// Write pending suggestions too.
    pub include_pending: bool,
    /// Decode input with U+FFFD for bad byte sequences instead of refusing the file.
    pub lossy: bool,
    /// Import: every span comes in as a pending suggestion (another model's output).
    pub pending: bool,
    /// Import: event types and roles the schema lacks are added to it (else each is said
    /// and the import counts as having problems).
    pub extend_schema: bool,
    /// Export: only documents at least this far (`done` takes done and reviewed).
    pub status: Option<crate::model::DocStatus>,
    /// Export: only spans of these labels (after `map`).
    pub labels: Option<Vec<String>>,
    /// Export: rename labels, `(from, to)`.
    pub map: Vec<(String, String)>,
    /// Export: a reproducible split by document into train, dev and test.
    pub split: Option<super::training::Split>,
    /// Export with a split: the part (0 train, 1 dev, 2 test) each document had in an
    /// earlier export ([`super::training::read_split_manifest`]). Those documents keep it,
    /// and only the others are placed, so that a corpus that grows never moves a test
    /// document into training.
    pub split_from: Option<std::collections::BTreeMap<String, usize>>,
    /// Export: k-fold cross-validation by document, `fold0/train` … `fold{k-1}/test`
    /// (instead of a split).
    pub folds: Option<super::training::Folds>,
    /// Export: leave out a record whose text (whitespace aside) repeats an earlier one's,
    /// train's before dev's before test's, so that no test sentence is also a training one.
    pub dedup: bool,
    /// Export: the most chars a record may have (a model's input limit, 510 for BERT):
    /// a longer one is cut into pieces at sentence ends, else at a comma, never inside a
    /// span (see `training::limit`).
    pub max_chars: Option<u32>,
    /// Export: leave out the records that hold a span flagged unsure (存疑) the export would
    /// write, or an unsure event where the format writes events; without it they are
    /// written and counted in a note.
    pub skip_unsure: bool,
    /// Export: keep only this share (0 to 1) of the records with nothing the format writes
    /// (no span, no event: a sentence without a trigger), drawn by the seed of the split or
    /// folds; with a split or folds, in train only (dev and test keep the text as it is, so
    /// that their scores hold). `None` keeps them all.
    pub keep_empty: Option<f64>,
    /// Token formats: how nested or overlapping spans become flat tags.
    pub nested: super::training::Nested,
    /// Span formats: which kinds to write (`None`: entities and figures).
    pub kinds: Option<Vec<crate::model::SpanKind>>,
    /// Span formats, with arguments among the kinds: each argument of an event is written
    /// under its role (胜者, 时间), once per event it serves, instead of its span's label;
    /// a training set for a role tagger as DuEE's baselines use.
    pub roles: bool,
    /// Token formats: the tagging scheme.
    pub scheme: Scheme,
    /// Token formats: the column separator.
    pub sep: Sep,
    /// Token formats: chars or jieba words.
    pub tokens: Tokens,
}

impl Options {
    /// The span kinds a span format writes.
    pub fn kinds(&self) -> &[crate::model::SpanKind] {
        self.kinds
            .as_deref()
            .unwrap_or(&super::training::DEFAULT_KINDS)
    }
}

/// What kind of failure a [`FormatError`] is (the UI words it by this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorKind {
    /// The file could not be read or decoded.
    Read,
    /// The file does not hold what its format says.
    #[default]
    Parse,
    /// The project cannot be written in this format.
    Export,
}

/// A format's error, naming the file and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct FormatError {
    /// The file read or written.
    pub file: PathBuf,
    /// The line (from 1), where known.
    pub line: Option<usize>,
    /// What is wrong, in both languages.
    pub message: Said,
    /// Reading, parsing or exporting.
    pub kind: ErrorKind,
}

impl FormatError {
    fn render(&self) -> String {
        let mut out = self.file.display().to_string();
        if let Some(l) = self.line {
            out.push_str(&format!(":{l}"));
        }
        if out.is_empty() {
            self.message.en.clone()
        } else {
            format!("{out}: {}", self.message.en)
        }
    }

    /// The message in `lang`, after the file and line: `a.jsonl:3：格式错误：…`. The kind
    /// is named in Chinese (the English names the place only, as the command line does).
    pub fn message_in(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.render();
        }
        let place = match self.line {
            Some(l) => format!("{}:{l}", self.file.display()),
            None => self.file.display().to_string(),
        };
        let what = match self.kind {
            ErrorKind::Read => "无法读取",
            ErrorKind::Parse => "格式错误",
            ErrorKind::Export => "无法导出",
        };
        if place.is_empty() {
            format!("{what}：{}", self.message.zh)
        } else {
            format!("{place}：{what}：{}", self.message.zh)
        }
    }

    /// An error about a document being exported (no file yet).
    pub fn export(message: impl Into<Said>) -> Self {
        Self {
            kind: ErrorKind::Export,
            ..Self::new(PathBuf::new(), message)
        }
    }

    /// `file` could not be read or decoded.
    pub fn read(file: impl Into<PathBuf>, message: impl Into<Said>) -> Self {
        Self {
            kind: ErrorKind::Read,
            ..Self::new(file, message)
        }
    }

    /// An error about `file` as a whole: it does not hold what its format says.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<Said>) -> Self {
        Self {
            file: file.into(),
            line: None,
            message: message.into(),
            kind: ErrorKind::Parse,
        }
    }
}

/// One document read from a file, not yet in a project.
#[derive(Debug, Clone)]
pub struct ReadDoc {
    /// The name the document id is made from (a record's `id`, or the file's stem).
    pub name: String,
    /// Where it came from, for the document's `imported_from`.
    pub source: String,
    /// The text.
    pub text: Decoded,
    /// The text as decoded, when repairs changed it before import (kept beside the
    /// document as `documents/<id>.orig.txt`).
    pub original: Option<String>,
    /// Its spans (ids local to this document).
    pub spans: Vec<Span>,
    /// Its events.
    pub events: Vec<Event>,
    /// Its arguments came without labels (DuEE): give each a label its role accepts where
    /// that label is known, not guessed ([`crate::zh::arguments::recognised`]).
    pub label_arguments: bool,
    /// Its format has no span kinds (brat): an entity span whose label the project's schema
    /// calls a figure becomes a figure span.
    pub kinds_from_labels: bool,
}

/// What one imported file held.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// The documents.
    pub docs: Vec<ReadDoc>,
    /// What could not be taken, one line each, naming the file and the line:
    /// `FILE: line 3: "…" is not at char 12`. Nothing is dropped without a line here.
    pub problems: Vec<Said>,
    /// Labels a schema file beside the input declares (brat's `annotation.conf`): the
    /// session adds those the project's schema lacks, as entity labels.
    pub labels: Vec<String>,
    /// Event types that schema file declares: the session adds those whose key the
    /// project's schema lacks (a type it has keeps its roles).
    pub event_types: Vec<crate::model::EventType>,
}

/// What an export built, before it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The contents of one file.
    File(String),
    /// Files of a folder: (name, contents), in writing order.
    Folder(Vec<(String, String)>),
}

/// An export built in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// What to write.
    pub output: Output,
    /// Documents written (with folds, each once: every document is in the test part of
    /// one round, and in other parts of the other rounds).
    pub documents: usize,
    /// Spans written (with folds, each once, as documents are).
    pub spans: usize,
    /// What the format could not hold, one line each (never dropped without a line here).
    pub notes: Vec<Said>,
}

/// `progress(done, total)`; false asks to stop.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

/// Read one file into documents.
pub type ImportFn = fn(&Path, &Options) -> Result<Read, FormatError>;

/// Build a project's export; `None` when `progress` asked to stop.
pub type ExportFn = fn(&Project, &Options, Progress<'_>) -> Result<Option<Exported>, FormatError>;

/// One interchange format.
#[derive(Debug)]
pub struct Format {
    /// Its name on the command line (`--format NAME`).
    pub name: &'static str,
    /// Its title in the window, Chinese and English.
    pub title: [&'static str; 2],
    /// One line for `--help`.
    pub help: &'static str,
    /// File extensions it reads and writes (the first is written), without the dot.
    pub extensions: &'static [&'static str],
    /// What it holds.
    pub holds: Holds,
    /// Options it reads.
    pub options: &'static [OptionKind],
    /// Where an export goes.
    pub target: Target,
    /// Reads a file, if the format can be imported.
    pub import: Option<ImportFn>,
    /// Builds an export, if the format can be exported.
    pub export: Option<ExportFn>,
}

impl Format {
    /// Its title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.title[0],
            Lang::En => self.title[1],
        }
    }

    /// Whether it takes option `o`.
    pub fn takes(&self, o: OptionKind) -> bool {
        self.options.contains(&o)
    }

    /// The extension an export is written with (none for a folder).
    pub fn extension(&self) -> Option<&'static str> {
        match self.target {
            Target::Folder => None,
            Target::File => self.extensions.first().copied(),
        }
    }

    /// What it holds, for `--help` and the dialogs: `spans, values, events`.
    pub fn holds_list(&self) -> String {
        self.holds_list_in(Lang::En)
    }

    /// What it holds, in `lang`: `标注、数字值、事件` or `spans, figure values, events`.
    pub fn holds_list_in(&self, lang: Lang) -> String {
        let h = self.holds;
        let zh = lang == Lang::Zh;
        [
            (h.spans, "标注", "spans"),
            (h.values, "数字值", "figure values"),
            (h.events, "事件", "events"),
            (h.relations, "关系", "relations"),
        ]
        .iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, z, e)| if zh { *z } else { *e })
        .collect::<Vec<_>>()
        .join(if zh { "、" } else { ", " })
    }

    /// Read `file` (an error if the format cannot be imported).
    pub fn read(&self, file: &Path, opts: &Options) -> Result<Read, FormatError> {
        match self.import {
            Some(f) => f(file, opts),
            None => {
                let name = self.name;
                Err(FormatError::new(
                    file,
                    said!("{name} 格式不能导入", "{name} cannot be imported"),
                ))
            }
        }
    }

    /// Where an export with `opts` goes: a split writes a folder (`train`, `dev`, `test`).
    pub fn target_with(&self, opts: &Options) -> Target {
        if opts.split.is_some() || opts.folds.is_some() {
            Target::Folder
        } else {
            self.target
        }
    }

    /// Build the export of `p` (an error if the format cannot be exported); `None` when
    /// `progress` asked to stop. The options' status, labels, map, unit and split are applied
    /// first ([`super::training::prepare`]); with a split each part is built on its own and
    /// written as `train.EXT` … (a file format) or `train/` … (a folder format).
    pub fn build(
        &self,
        p: &Project,
        opts: &Options,
        progress: Progress<'_>,
    ) -> Result<Option<Exported>, FormatError> {
        let Some(f) = self.export else {
            let name = self.name;
            return Err(FormatError::export(said!(
                "{name} 格式不能导出",
                "{name} cannot be exported"
            )));
        };
        let writes = super::training::Writes {
            events: self.holds.events,
            by_kind: self.options.contains(&OptionKind::Kinds),
            loose_spans: self.holds.loose_spans,
        };
        let (parts, mut notes) = super::training::prepare(p, opts, writes)?;
        let n = parts.len();
        let mut files = Vec::new();
        let (mut documents, mut spans) = (0, 0);
        let mut single = None;
        let mut manifest = Vec::new();
        let mut format_notes: Vec<(crate::i18n::Said, Vec<String>)> = Vec::new();
        let mut seen: std::collections::HashMap<crate::i18n::Said, usize> =
            std::collections::HashMap::new();
        for (i, part) in parts.into_iter().enumerate() {
            let mut scaled =
                |done: usize, total: usize| progress(i * total.max(1) + done, n * total.max(1));
            let Some(built) = f(&part.project, opts, &mut scaled)? else {
                return Ok(None);
            };
            // With folds a document is in a part of every round: it counts once, in the
            // round whose test part holds it.
            let counted =
                opts.folds.is_none() || part.name.as_deref().is_some_and(|n| n.ends_with("/test"));
            if counted {
                documents += built.documents;
                spans += built.spans;
            }
            if let Some(name) = &part.name {
                manifest.push((name.clone(), part.sources, built.documents, built.spans));
            }
            // A note several parts say alike (a document's, which goes to a part of every
            // round of folds) is said once, naming the parts; a note of one part only is
            // said with that part, as before.
            for m in built.notes {
                let place = part.name.clone().unwrap_or_default();
                match seen.get(&m) {
                    Some(&k) => format_notes[k].1.push(place),
                    None => {
                        seen.insert(m.clone(), format_notes.len());
                        format_notes.push((m, vec![place]));
                    }
                }
            }
            match (part.name, built.output) {
                (None, output) => single = Some(output),
                (Some(name), Output::File(s)) => {
                    let ext = self.extensions.first().copied().unwrap_or("txt");
                    files.push((format!("{name}.{ext}"), s));
                }
                (Some(name), Output::Folder(fs)) => {
                    files.extend(fs.into_iter().map(|(f, s)| (format!("{name}/{f}"), s)));
                }
            }
        }
        // A split or k-fold export says which documents went where.
        if !manifest.is_empty() {
            let m = super::training::Manifest {
                format: self.name,
                layer: &p.annotator,
                opts,
                parts: manifest,
            };
            files.push(("manifest.json".to_string(), m.to_json()));
        }
        notes.extend(
            format_notes
                .into_iter()
                .map(|(m, places)| match places.as_slice() {
                    [one] => m.at(one),
                    _ => {
                        let list = places.join(" · ");
                        crate::said!("{m}（{list}）", "{m} ({list})"; m)
                    }
                }),
        );
        Ok(Some(Exported {
            output: single.unwrap_or(Output::Folder(files)),
            documents,
            spans,
            notes,
        }))
    }
}

/// Read and decode a text file (encoding detected, or forced by name); a bad byte sequence
/// refuses it.
pub fn read_text_file(file: &Path, encoding: Option<&str>) -> Result<Decoded, FormatError> {
    read_text_file_with(file, encoding, false).map(|(d, _)| d)
}

/// Read and decode a text file (encoding detected, or forced by name). With `lossy`, bad byte
/// sequences become U+FFFD and are counted in the returned [`Replaced`].
pub fn read_text_file_with(
    file: &Path,
    encoding: Option<&str>,
    lossy: bool,
) -> Result<(Decoded, Replaced), FormatError> {
    if file.is_dir() {
        return Err(FormatError::read(
            file,
            said!(
                "是文件夹；请给出文件（或把它作为项目打开）",
                "is a folder; give files (or open it as a project)"
            ),
        ));
    }
    let forced = encoding
        .map(crate::zh::encoding::encoding_for_name)
        .transpose()
        .map_err(|e| FormatError::read(file, decode_said(&e)))?;
    let bytes = std::fs::read(file).map_err(|e| FormatError::read(file, io_said(&e)))?;
    crate::zh::encoding::decode_with(&bytes, forced, lossy)
        .map_err(|e| FormatError::read(file, decode_said(&e)))
}

/// Why a file could not be read, as the system said it; the commonest reasons in Chinese.
pub(crate) fn io_said(e: &std::io::Error) -> Said {
    let en = e.to_string();
    let zh = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_string(),
        _ => en.clone(),
    };
    Said { zh, en }
}

/// Why a file could not be decoded, in both languages (the English is the error's own).
fn decode_said(e: &DecodeError) -> Said {
    Said {
        zh: e.zh(),
        en: e.to_string(),
    }
}

/// The file's name, for a document's `imported_from`.
pub fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_names_its_records_by_their_unit() {
        use crate::i18n::Lang;
        assert_eq!(
            Unit::Sentence.written(Lang::Zh, 59, 140),
            "59 个句子，140 个标注"
        );
        assert_eq!(Unit::Document.written(Lang::En, 1, 1), "1 document, 1 span");
        assert_eq!(Unit::Article.written(Lang::En, 8, 0), "8 articles, 0 spans");
    }

    #[test]
    fn names_are_unique_and_every_format_does_something() {
        let mut names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
        for f in FORMATS {
            assert!(f.import.is_some() || f.export.is_some(), "{}", f.name);
            assert!(!f.extensions.is_empty(), "{}", f.name);
            assert_eq!(by_name(f.name).map(|g| g.name), Some(f.name));
        }
        assert!(by_name("nope").is_none());
    }

    #[test]
    fn an_error_names_file_and_line() {
        let e = FormatError {
            file: "a.jsonl".into(),
            line: Some(3),
            message: Said::verbatim("broken"),
            kind: ErrorKind::Parse,
        };
        assert_eq!(e.to_string(), "a.jsonl:3: broken");
        assert_eq!(
            FormatError::new("b", Said::verbatim("x")).to_string(),
            "b: x"
        );
        assert_eq!(FormatError::export(Said::verbatim("x")).to_string(), "x");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_said_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text_file(dir.path(), None).unwrap_err();
        assert_eq!(e.message.zh, "是文件夹；请给出文件（或把它作为项目打开）");
        assert_eq!(
            e.message.en,
            "is a folder; give files (or open it as a project)"
        );
        let f = dir.path().join("a.txt");
        std::fs::write(
            &f,
            b"\xe7\x94\x98\xe8\x82\x83\xe7\x9c\x81\xe6\x80\xbb\xe5\xb7\xa5\xe4",
        )
        .unwrap();
        let e = read_text_file(&f, None).unwrap_err();
        assert!(
            e.message
                .zh
                .starts_with("文件是 UTF-8，但最后一个字在字节偏移 15（第 1 行）处被截断；"),
            "{:?}",
            e.message
        );
        assert!(
            e.message
                .en
                .starts_with("the file is UTF-8 but its last character is cut off"),
            "{:?}",
            e.message
        );
        let e = read_text_file(&f, Some("klingon")).unwrap_err();
        assert!(
            e.message.zh.starts_with("未知的编码 \"klingon\"（"),
            "{:?}",
            e.message
        );
        let e = read_text_file(&dir.path().join("none.txt"), None).unwrap_err();
        assert_eq!(e.message.zh, "文件不存在");
        let e = by_name("text")
            .unwrap()
            .build(
                &Project::new("p", "main"),
                &Options::default(),
                &mut |_, _| true,
            )
            .unwrap_err();
        assert_eq!(e.message.zh, "text 格式不能导出");
        assert_eq!(e.message.en, "text cannot be exported");
    }
}
