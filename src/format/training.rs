//! Training-set preparation shared by every export, and the flat span records the span
//! formats (doccano, Label Studio, CoNLL, HF, spaCy, CLUENER) are written from and read into.
//!
//! [`prepare`] turns a project into what an export writes: only documents of a status
//! (`--status done`), only some labels (`--labels PER,ORG`), renamed labels
//! (`--map 机构=ORG`), one record per document, article or sentence (`--unit`), and a
//! reproducible split by document (`--split 8:1:1 --seed N`) into `train`/`dev`/`test`. It is a
//! project-to-project step, so every format gets every option; what a step leaves out (a span
//! across a sentence end, an event argument in another article, a label not kept) is counted
//! and named in the notes, never dropped silently.
//!
//! [`flatten`] resolves nested and overlapping spans for the formats that cannot hold them
//! (BIO-type tags), by the policy the user chose, and reports what each document lost.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::registry::{FormatError, Options, ReadDoc, Unit};
use crate::i18n::Said;
use crate::model::{
    CharRange, DocStatus, Document, Event, Layer, Project, Span, SpanKind, SpanStatus, Text,
};
use crate::said;
use crate::zh::encoding::Decoded;

/// How nested or overlapping spans become one flat sequence (BIO-type formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nested {
    /// Keep the outermost span (the earliest start, then the longest).
    Outer,
    /// Keep the innermost spans (the shortest first).
    Inner,
    /// Keep the longest span (then the earliest).
    #[default]
    Longest,
}

impl Nested {
    /// Every policy, in the order offered.
    pub const ALL: [Nested; 3] = [Nested::Outer, Nested::Inner, Nested::Longest];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Nested::Outer => "outer",
            Nested::Inner => "inner",
            Nested::Longest => "longest",
        }
    }
}

/// A reproducible split of the documents into train, dev and test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Relative sizes of train, dev and test (`8:1:1`).
    pub parts: [u32; 3],
    /// The seed of the shuffle: the same seed and documents give the same split.
    pub seed: u64,
    /// Balance the labels over the parts ([`Split::assign_stratified`]) instead of cutting
    /// a shuffle at the sizes.
    pub stratify: bool,
}

/// K-fold cross-validation by document: every document in one of `k` folds (near-equal
/// sizes, or stratified by label like a split); round i tests on fold i and trains on the
/// others, so each document is tested on once and sentences of one document never land on
/// both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folds {
    /// How many folds (2 or more).
    pub k: u32,
    /// The seed of the shuffle: the same seed and documents give the same folds.
    pub seed: u64,
    /// Share every label out over the folds (iterative stratification).
    pub stratify: bool,
    /// Each round also holds out the next fold (wrapping) as its dev part, for early
    /// stopping or tuning: round i tests on fold i, develops on fold i+1 and trains on the
    /// other k−2 (so k is 3 or more). Each document is then tested on once and used as dev
    /// once.
    pub dev: bool,
}

impl Folds {
    /// The fold of each document, given the spans per label of each (`labels[i]`).
    pub fn assign(&self, labels: &[BTreeMap<String, usize>]) -> Vec<usize> {
        let (n, k) = (labels.len(), self.k.max(1) as usize);
        let order = shuffled(self.seed, n);
        if self.stratify {
            return stratified(&vec![1; k], &order, labels);
        }
        let mut fold = vec![0; n];
        for (rank, &doc) in order.iter().enumerate() {
            fold[doc] = rank * k / n.max(1);
        }
        fold
    }
}

/// The names of the three parts of a split, in order.
pub const SPLIT_NAMES: [&str; 3] = ["train", "dev", "test"];

impl Split {
    /// Parse `8:1:1` (three whole numbers, not all zero).
    pub fn parse(s: &str, seed: u64) -> Result<Self, crate::i18n::Said> {
        let nums: Vec<&str> = s.split(':').collect();
        let bad = || {
            crate::said!(
                "{s:?} 不是 8:1:1 这样的划分（训练:开发:测试）",
                "{s:?} is not a split such as 8:1:1 (train:dev:test)"
            )
        };
        if nums.len() != 3 {
            return Err(bad());
        }
        let mut parts = [0u32; 3];
        for (p, n) in parts.iter_mut().zip(&nums) {
            *p = n.trim().parse().map_err(|_| bad())?;
        }
        if parts.iter().all(|p| *p == 0) || parts.iter().any(|p| *p > 1_000_000) {
            return Err(bad());
        }
        Ok(Self {
            parts,
            seed,
            stratify: false,
        })
    }

    /// How many of `n` documents go to each part: train and dev rounded, test the rest.
    pub fn sizes(&self, n: usize) -> [usize; 3] {
        let total: u64 = self.parts.iter().map(|&p| u64::from(p)).sum();
        let share = |p: u32| ((n as u64 * u64::from(p) + total / 2) / total) as usize;
        let train = share(self.parts[0]).min(n);
        let dev = share(self.parts[1]).min(n - train);
        [train, dev, n - train - dev]
    }

    /// The part (0 train, 1 dev, 2 test) of each of `n` documents.
    pub fn assign(&self, n: usize) -> Vec<usize> {
        let order = self.shuffled(n);
        let [train, dev, _] = self.sizes(n);
        let mut part = vec![0; n];
        for (rank, &doc) in order.iter().enumerate() {
            part[doc] = if rank < train {
                0
            } else if rank < train + dev {
                1
            } else {
                2
            };
        }
        part
    }

    /// The part of each document, given the spans per label of each (`labels[i]`), so that
    /// every label is shared out over the parts as the proportions say, as far as whole
    /// documents allow: iterative stratification (Sechidis, Tsoumakas and Vlahavas, 2011)
    /// by document. The label with the fewest documents left goes first; each of its
    /// documents (in the seed's shuffled order) goes to a part that has none of the label
    /// yet (train, then dev, then test), else to the part that still wants the most of it,
    /// then the most documents, then the first. Documents with no span fill the parts that
    /// want the most documents. A label in three documents or more thus reaches every
    /// part; the parts' sizes follow the proportions only roughly.
    pub fn assign_stratified(&self, labels: &[BTreeMap<String, usize>]) -> Vec<usize> {
        stratified(&self.parts, &self.shuffled(labels.len()), labels)
    }

    /// The part of each document where some already have one (`fixed[i]`, from an earlier
    /// export's manifest): those keep it, and the others go, in the seed's shuffled order,
    /// where they bring the parts nearest the proportions over all the documents (with
    /// `stratify`, label by label as [`Split::assign_stratified`] does).
    pub fn assign_around(
        &self,
        labels: &[BTreeMap<String, usize>],
        fixed: &[Option<usize>],
    ) -> Vec<usize> {
        let order = self.shuffled(labels.len());
        if self.stratify {
            stratified_around(&self.parts, &order, labels, fixed)
        } else {
            let none = vec![BTreeMap::new(); labels.len()];
            stratified_around(&self.parts, &order, &none, fixed)
        }
    }

    /// `0..n` in the seed's shuffled order.
    fn shuffled(&self, n: usize) -> Vec<usize> {
        shuffled(self.seed, n)
    }
}

/// Iterative stratification ([`Split::assign_stratified`]) into as many parts as `parts`
/// has proportions, documents taken in `order`.
fn stratified(parts: &[u32], order: &[usize], labels: &[BTreeMap<String, usize>]) -> Vec<usize> {
    stratified_around(parts, order, labels, &vec![None; labels.len()])
}

/// [`stratified`] around documents already placed (`fixed[i]`, an earlier split's part):
/// they keep their part and count towards what each part wants, and the others are placed
/// as before.
fn stratified_around(
    parts: &[u32],
    order: &[usize],
    labels: &[BTreeMap<String, usize>],
    fixed: &[Option<usize>],
) -> Vec<usize> {
    let n_parts = parts.len();
    let n = labels.len();
    let total: f64 = parts.iter().map(|&p| f64::from(p)).sum();
    let share = |p: usize| f64::from(parts[p]) / total;
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    for m in labels {
        for (l, k) in m {
            *all.entry(l.as_str()).or_default() += k;
        }
    }
    // What each part still wants: documents, and spans of each label.
    let mut docs_wanted: Vec<f64> = (0..n_parts).map(|p| share(p) * n as f64).collect();
    let mut wanted: Vec<BTreeMap<&str, f64>> = (0..n_parts)
        .map(|p| {
            all.iter()
                .map(|(l, k)| (*l, share(p) * *k as f64))
                .collect()
        })
        .collect();
    let mut part: Vec<Option<usize>> = vec![None; n];
    // The labels each part has so far.
    let mut has: Vec<std::collections::BTreeSet<&str>> = vec![Default::default(); n_parts];
    let put = |i: usize,
               p: usize,
               part: &mut Vec<Option<usize>>,
               wanted: &mut Vec<BTreeMap<&str, f64>>,
               docs_wanted: &mut Vec<f64>| {
        part[i] = Some(p);
        docs_wanted[p] -= 1.0;
        for (l, k) in &labels[i] {
            if let Some(w) = wanted[p].get_mut(l.as_str()) {
                *w -= *k as f64;
            }
        }
    };
    for (i, f) in fixed.iter().enumerate() {
        if let Some(p) = f.filter(|&p| p < n_parts) {
            put(i, p, &mut part, &mut wanted, &mut docs_wanted);
            for l in labels[i].keys() {
                has[p].insert(l.as_str());
            }
        }
    }
    // Parts that take nothing are never chosen.
    let open: Vec<usize> = (0..n_parts).filter(|&p| parts[p] > 0).collect();
    loop {
        // The label in the fewest documents not yet placed.
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in order {
            if part[i].is_none() {
                for l in labels[i].keys() {
                    *left.entry(l.as_str()).or_default() += 1;
                }
            }
        }
        let Some((&label, _)) = left.iter().min_by_key(|(l, k)| (**k, **l)) else {
            break;
        };
        for &i in order {
            if part[i].is_some() || !labels[i].contains_key(label) {
                continue;
            }
            // A part without the label yet comes first (train, then dev, then test), so
            // that a label in three documents or more reaches every part; then the part
            // that wants the most of it, then the most documents.
            let best = open.iter().copied().max_by(|&x, &y| {
                let key = |p: usize| {
                    let missing = !has[p].contains(label);
                    (
                        missing,
                        wanted[p].get(label).copied().unwrap_or(0.0),
                        docs_wanted[p],
                    )
                };
                let (kx, ky) = (key(x), key(y));
                kx.0.cmp(&ky.0)
                    .then(kx.1.total_cmp(&ky.1))
                    .then(kx.2.total_cmp(&ky.2))
                    // The first part wins a tie.
                    .then(y.cmp(&x))
            });
            if let Some(p) = best {
                put(i, p, &mut part, &mut wanted, &mut docs_wanted);
                for l in labels[i].keys() {
                    has[p].insert(l.as_str());
                }
            }
        }
    }
    for &i in order {
        if part[i].is_none() {
            let best = open
                .iter()
                .copied()
                .max_by(|&x, &y| docs_wanted[x].total_cmp(&docs_wanted[y]).then(y.cmp(&x)));
            if let Some(p) = best {
                put(i, p, &mut part, &mut wanted, &mut docs_wanted);
            }
        }
    }
    part.into_iter().map(|p| p.unwrap_or(0)).collect()
}

/// What keeping an earlier split did: documents kept in their part, new ones placed (and
/// where), and those of the earlier split this export does not hold.
fn split_from_note(
    from: &BTreeMap<String, usize>,
    kept: &[&Document],
    fixed: &[Option<usize>],
    parts: &[usize],
    notes: &mut Vec<Said>,
) {
    let stayed = fixed.iter().filter(|f| f.is_some()).count();
    let mut placed = [0usize; 3];
    for (f, &p) in fixed.iter().zip(parts) {
        if f.is_none() && p < 3 {
            placed[p] += 1;
        }
    }
    let new = placed.iter().sum::<usize>();
    let ids: HashSet<&str> = kept.iter().map(|d| d.meta.id.as_str()).collect();
    let gone = from.keys().filter(|k| !ids.contains(k.as_str())).count();
    let [train, dev, test] = placed;
    notes.push(said!(
        "沿用原有的划分：{stayed} 篇文档留在原来的部分，{new} 篇新文档分入训练 {train}、验证 {dev}、测试 {test}；原划分中有 {gone} 篇不在这次导出中",
        "the earlier split kept: {stayed} documents stay in their part, {new} new ones go to train {train}, dev {dev}, test {test}; {gone} of the earlier split are not in this export"
    ));
}

/// The part of each document in an earlier split or export: `manifest.json` (or a folder
/// holding it), as a split export writes it (`parts`: `train`, `dev`, `test`, each with its
/// `documents`), with the split's proportions, seed and stratification when it names them.
pub fn read_split_manifest(path: &Path) -> Result<(BTreeMap<String, usize>, Option<Split>), Said> {
    let file = if path.is_dir() {
        path.join("manifest.json")
    } else {
        path.to_path_buf()
    };
    let f = file.display().to_string();
    let text = std::fs::read_to_string(&file).map_err(|e| {
        let why = super::registry::io_said(&e);
        let (zh, en) = (&why.zh, &why.en);
        Said {
            zh: format!("{f}：无法读取（{zh}）"),
            en: format!("{f}: cannot be read ({en})"),
        }
    })?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        said!(
            "{f}:{line}:{col}：不是 JSON（{e}）",
            "{f}:{line}:{col}: not JSON ({e})"
        )
    })?;
    let not_a_split = || {
        said!(
            "{f}：不是划分导出的 manifest.json（要有 train、dev、test 三部分及其 documents）",
            "{f}: not the manifest.json of a split export (it needs parts train, dev and test with their documents)"
        )
    };
    let parts = v["parts"].as_array().ok_or_else(not_a_split)?;
    let mut of = BTreeMap::new();
    for part in parts {
        let name = part["name"].as_str().ok_or_else(not_a_split)?;
        let Some(p) = SPLIT_NAMES.iter().position(|n| *n == name) else {
            return Err(not_a_split());
        };
        let docs = part["documents"].as_array().ok_or_else(not_a_split)?;
        for d in docs {
            let id = d.as_str().ok_or_else(not_a_split)?;
            if let Some(before) = of.insert(id.to_string(), p)
                && before != p
            {
                let (a, b) = (SPLIT_NAMES[before], name);
                return Err(said!(
                    "{f}：文档 {id} 同时在 {a} 和 {b} 中",
                    "{f}: document {id} is in both {a} and {b}"
                ));
            }
        }
    }
    if of.is_empty() {
        return Err(not_a_split());
    }
    let split = (|| {
        let s = &v["split"];
        let nums = s["train_dev_test"].as_array()?;
        let mut parts = [0u32; 3];
        for (p, n) in parts.iter_mut().zip(nums) {
            *p = u32::try_from(n.as_u64()?).ok()?;
        }
        Some(Split {
            parts,
            seed: s["seed"].as_u64()?,
            stratify: s["stratify"].as_bool().unwrap_or(false),
        })
    })()
    .filter(nums_ok);
    Ok((of, split))
}

/// A split read from a file has three proportions, not all zero.
fn nums_ok(s: &Split) -> bool {
    s.parts.iter().any(|&p| p > 0) && s.parts.iter().all(|&p| p <= 1_000_000)
}

/// `0..n` in the shuffled order of `seed`.
fn shuffled(seed: u64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // Fisher–Yates with SplitMix64, written out so that a split stays the same across
    // versions of biaozhu and of any random-number crate: a seed is a promise.
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Parse label renames `机构=ORG,地名=LOC` (commas, full-width commas or new lines between).
pub fn parse_map(s: &str) -> Result<Vec<(String, String)>, crate::i18n::Said> {
    let bad = |m: &str| {
        crate::said!(
            "{m:?}：请写成 原名=新名，如 机构=ORG",
            "{m:?}: write it FROM=TO, such as 机构=ORG"
        )
    };
    let mut out = Vec::new();
    for m in s
        .split([',', '，', '\n'])
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        let Some((from, to)) = m.split_once('=') else {
            return Err(bad(m));
        };
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() || to.is_empty() {
            return Err(bad(m));
        }
        out.push((from.to_string(), to.to_string()));
    }
    Ok(out)
}

/// Parse a label list `PER,ORG` (commas or full-width commas); `None` when it is empty.
pub fn parse_labels(s: &str) -> Option<Vec<String>> {
    let v: Vec<String> = s
        .split([',', '，'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    (!v.is_empty()).then_some(v)
}

/// One part of a prepared export: the whole export, or `train`, `dev` or `test`.
#[derive(Debug)]
pub struct Part<'a> {
    /// `train`, `dev` or `test` (`fold0/train` … with folds); `None` without a split.
    pub name: Option<String>,
    /// What to write.
    pub project: Cow<'a, Project>,
    /// The ids of the project's documents whose records are in it (before `--unit` cuts
    /// them), for the manifest of a split: which documents went where.
    pub sources: Vec<String>,
}

/// What a split or k-fold export says of itself in `manifest.json`, beside its parts: the
/// format, the options that decide what went where (seed, proportions, folds, unit,
/// filters), and for each part the documents whose records it holds, with how many records
/// and spans were written. An engineer reproduces the split from it, or checks that no
/// document sits in both train and test.
pub struct Manifest<'a> {
    /// The format's name.
    pub format: &'a str,
    /// The layer exported (an annotator's, or `curated`).
    pub layer: &'a str,
    /// The export's options.
    pub opts: &'a Options,
    /// Each part: name, source document ids, records written, spans written.
    pub parts: Vec<(String, Vec<String>, usize, usize)>,
}

impl Manifest<'_> {
    /// The manifest as pretty JSON.
    pub fn to_json(&self) -> String {
        let o = self.opts;
        let split = o.split.map(|s| {
            serde_json::json!({
                "train_dev_test": s.parts,
                "seed": s.seed,
                "stratify": s.stratify,
            })
        });
        let folds = o.folds.map(|f| {
            serde_json::json!({
                "k": f.k,
                "seed": f.seed,
                "stratify": f.stratify,
                "dev": f.dev,
            })
        });
        let parts: Vec<serde_json::Value> = self
            .parts
            .iter()
            .map(|(name, docs, records, spans)| {
                serde_json::json!({
                    "name": name,
                    "documents": docs,
                    "records": records,
                    "spans": spans,
                })
            })
            .collect();
        let v = serde_json::json!({
            "biaozhu": env!("CARGO_PKG_VERSION"),
            "format": self.format,
            "layer": self.layer,
            "unit": o.unit.name(),
            "split": split,
            "folds": folds,
            "status": o.status.map(|s| s.as_str()),
            "labels": o.labels,
            "map": o.map.iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>(),
            "dedup": o.dedup,
            "skip_unsure": o.skip_unsure,
            "max_chars": o.max_chars,
            "keep_empty": o.keep_empty,
            "include_pending": o.include_pending,
            "parts": parts,
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}

/// The ids of the documents of part `part`, given each document's part.
fn sources_of(docs: &[Cow<'_, Document>], parts_of: &[usize], part: usize) -> Vec<String> {
    docs.iter()
        .zip(parts_of)
        .filter(|&(_, &p)| p == part)
        .map(|(d, _)| d.meta.id.clone())
        .collect()
}

/// Whether the options ask for anything beyond writing the project as it is.
fn transforms(opts: &Options) -> bool {
    opts.status.is_some()
        || opts.labels.is_some()
        || !opts.map.is_empty()
        || opts.unit != Unit::Document
        || opts.split.is_some()
        || opts.dedup
        || opts.max_chars.is_some()
        || opts.skip_unsure
        || opts.folds.is_some()
        || opts.keep_empty.is_some()
}

/// Whether document `d` passes the options' status filter (`--status done` keeps done and
/// reviewed documents; no filter keeps every one).
pub fn kept_by_status(d: &Document, opts: &Options) -> bool {
    opts.status.is_none_or(|s| rank(d.layer.status) >= rank(s))
}

/// How far along a status is, for `--status done` (done or reviewed).
fn rank(s: DocStatus) -> u8 {
    match s {
        DocStatus::New => 0,
        DocStatus::InProgress => 1,
        DocStatus::Done => 2,
        DocStatus::Reviewed => 3,
    }
}

/// Exporting the curated layer: a note on the documents written whose review is not
/// finished (in review, or not begun), whose undecided places read as "no entity here".
fn review_unfinished(p: &Project, docs: &[&Document], notes: &mut Vec<Said>) {
    if p.annotator != crate::model::CURATED {
        return;
    }
    let (mut in_review, mut not_begun) = (0, 0);
    for d in docs {
        match d.layer.status {
            DocStatus::InProgress => in_review += 1,
            DocStatus::New => not_begun += 1,
            DocStatus::Done | DocStatus::Reviewed => {}
        }
    }
    let n = in_review + not_begun;
    if n > 0 {
        notes.push(said!(
            "审定层中有 {n} 篇文档审阅未完（审阅中 {in_review}，未审阅 {not_begun}），照常写出：其中尚未决定的地方都写成没有标注。只导出审阅完毕的：--status done（窗口中：已完成及已审阅）",
            "{n} documents of the curated layer are written with their review not finished ({in_review} in review, {not_begun} not begun): what is not decided yet in them reads as no entity. To export finished reviews only: --status done (in the window: done and reviewed)"
        ));
    }
}

/// The name of a status on the command line.
pub fn status_name(s: DocStatus) -> &'static str {
    s.as_str()
}

/// What a format writes, for the notes on what an export leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Writes {
    /// It writes events (an unsure event then makes its record unsure too, and an argument
    /// cut off from its trigger is lost).
    pub events: bool,
    /// It writes the span kinds `--kinds` chooses and no others (a span format); otherwise
    /// every span.
    pub by_kind: bool,
    /// It writes spans that are in no event (not DuEE, which holds events alone).
    pub loose_spans: bool,
}

impl Writes {
    /// Whether it writes the part of an event that spans of `kind` are (triggers,
    /// arguments): with the events, as every span, or as spans of a kind `opts` chooses.
    fn event_part(self, opts: &Options, kind: SpanKind) -> bool {
        self.events || !self.by_kind || opts.kinds().contains(&kind)
    }
}

/// Apply the options' status filter, label filter and map, unit and split. Returns the parts
/// to write (one without a split) and notes on everything left out, as far as the format
/// `writes` it.
pub fn prepare<'a>(
    p: &'a Project,
    opts: &Options,
    writes: Writes,
) -> Result<(Vec<Part<'a>>, Vec<Said>), FormatError> {
    let events = writes.events;
    let mut notes = Vec::new();
    if !transforms(opts) {
        let docs: Vec<&Document> = p.documents.iter().collect();
        review_unfinished(p, &docs, &mut notes);
        unsure_records(&docs, opts, events, false, &mut notes);
        duplicates(&[docs], None, opts, &mut notes);
        return Ok((
            vec![Part {
                name: None,
                project: Cow::Borrowed(p),
                sources: p.documents.iter().map(|d| d.meta.id.clone()).collect(),
            }],
            notes,
        ));
    }
    for (from, _) in &opts.map {
        if p.schema.label(from).is_none()
            && !p.documents.iter().any(|d| d.layer.count_label(from) > 0)
        {
            notes.push(said!(
                "标签改名 {from}=…（--map）：项目中没有标签 {from}",
                "renaming {from}=… (--map): no label {from} in the project"
            ));
        }
    }
    let named = Named::of(p, opts);
    for l in unknown_labels_in(p, opts, &named) {
        notes.push(said!(
            "要导出的 {l}（--labels）：项目中没有名为 {l} 的标签、事件类型或角色",
            "{l} to keep (--labels): no label, event type or role {l} in the project"
        ));
    }
    let kept: Vec<&Document> = p
        .documents
        .iter()
        .filter(|d| kept_by_status(d, opts))
        .collect();
    review_unfinished(p, &kept, &mut notes);
    if let Some(s) = opts.status {
        let left = p.documents.len() - kept.len();
        if left > 0 {
            let (all, st) = (p.documents.len(), s.as_str());
            notes.push(if p.annotator == crate::model::CURATED && s == DocStatus::Done {
                said!(
                    "审定层 {all} 篇文档中有 {left} 篇审阅未完，未导出（状态低于 {st}；要全部导出：--status new，窗口中选“全部”）",
                    "{left} of the curated layer's {all} documents left out: their review is not finished (status below {st}; to export them all: --status new, in the window \"all\")"
                )
            } else {
                said!(
                    "{all} 篇文档中有 {left} 篇未导出（状态低于 {st}）",
                    "{left} of {all} documents left out (status below {st})"
                )
            });
        }
    }
    let mut schema = p.schema.clone();
    for (from, to) in &opts.map {
        if let Some(i) = schema.label_index(from) {
            if schema.label(to).is_some() {
                schema.labels.remove(i);
            } else {
                schema.labels[i].key = to.clone();
            }
        }
    }
    for t in &mut schema.events {
        for r in &mut t.roles {
            for a in &mut r.accepts {
                if let Some((_, to)) = opts.map.iter().find(|(from, _)| from == a) {
                    *a = to.clone();
                }
            }
            r.accepts.dedup();
        }
    }
    if let Some(keep) = &opts.labels {
        schema.labels.retain(|l| keep.contains(&l.key));
        if named.types {
            schema.events.retain(|t| keep.contains(&t.key));
        }
        if named.roles {
            for t in &mut schema.events {
                t.roles.retain(|r| keep.contains(&r.name));
            }
        }
    }
    let empty = |schema| Project {
        name: p.name.clone(),
        schema,
        settings: p.settings.clone(),
        documents: Vec::new(),
        annotator: p.annotator.clone(),
        dirty_docs: Default::default(),
        project_dirty: false,
        assignments: Default::default(),
    };
    // Relabel first: a stratified split shares out the labels the export writes. Their
    // notes follow the split's.
    let mut dropped = Dropped::default();
    let relabelled: Vec<Cow<'_, Document>> = kept
        .iter()
        .map(|d| relabel(d, opts, &named, writes, &mut dropped))
        .collect();
    let parts_of = match opts.split {
        None => vec![0; kept.len()],
        Some(s) => {
            let a = if let Some(from) = &opts.split_from {
                let labels: Vec<BTreeMap<String, usize>> = relabelled
                    .iter()
                    .map(|d| written_labels(d, opts, writes))
                    .collect();
                let fixed: Vec<Option<usize>> = kept
                    .iter()
                    .map(|d| from.get(&d.meta.id).copied().filter(|&p| p < 3))
                    .collect();
                let a = s.assign_around(&labels, &fixed);
                split_from_note(from, &kept, &fixed, &a, &mut notes);
                a
            } else if s.stratify {
                let labels: Vec<BTreeMap<String, usize>> = relabelled
                    .iter()
                    .map(|d| written_labels(d, opts, writes))
                    .collect();
                s.assign_stratified(&labels)
            } else {
                s.assign(kept.len())
            };
            let mut sizes = [0usize; 3];
            for &p in &a {
                sizes[p] += 1;
            }
            let (n, seed, [train, dev, test]) = (kept.len(), s.seed, sizes);
            let documents = crate::i18n::english_count(n, "document");
            if opts.split_from.is_some() {
                notes.push(said!(
                    "按文档划分 {n} 篇文档（沿用原有的划分，新文档按种子 {seed} 分入）：训练 {train}，验证 {dev}，测试 {test}",
                    "split {documents} by document (the earlier split kept, new ones placed by seed {seed}): train {train}, dev {dev}, test {test}"
                ));
            } else if s.stratify {
                notes.push(said!(
                    "按文档划分 {n} 篇文档，按标签分层（种子 {seed}）：训练 {train}，验证 {dev}，测试 {test}",
                    "split {documents} by document, stratified by label (seed {seed}): train {train}, dev {dev}, test {test}"
                ));
            } else {
                notes.push(said!(
                    "按文档划分 {n} 篇文档（种子 {seed}）：训练 {train}，验证 {dev}，测试 {test}",
                    "split {documents} by document (seed {seed}): train {train}, dev {dev}, test {test}"
                ));
            }
            // A part the proportions give a share that got no document: too few documents
            // (a split never cuts one), which a trainer would only find out from an empty file.
            let empty: Vec<(&str, &str)> = (0..3)
                .filter(|&p| s.parts[p] > 0 && sizes[p] == 0)
                .map(|p| (["训练", "验证", "测试"][p], SPLIT_NAMES[p]))
                .collect();
            if !empty.is_empty() {
                let zh: Vec<&str> = empty.iter().map(|e| e.0).collect();
                let en: Vec<&str> = empty.iter().map(|e| e.1).collect();
                let (zh, en) = (zh.join("、"), en.join(" and "));
                let [a, b, c] = s.parts;
                notes.push(said!(
                    "{zh}集没有文档：按文档划分不会拆开文档，{n} 篇文档分不满 {a}:{b}:{c}。请加入更多文档，或不划分导出",
                    "{en} got no document: a split by document never cuts one, and {documents} cannot fill {a}:{b}:{c}. Add documents, or export without a split"
                ));
            }
            a
        }
    };
    notes.extend(dropped.notes(writes.event_part(opts, SpanKind::Trigger)));
    let Some(folds) = opts.folds else {
        let n_parts = if opts.split.is_some() { 3 } else { 1 };
        let names = opts.split.map(|_| SPLIT_NAMES);
        let projects = assemble(
            &relabelled,
            &parts_of,
            n_parts,
            &|| empty(schema.clone()),
            opts,
            writes,
            names,
            &mut notes,
        )?;
        let parts = projects
            .into_iter()
            .enumerate()
            .map(|(i, project)| Part {
                name: opts.split.map(|_| SPLIT_NAMES[i].to_string()),
                project: Cow::Owned(project),
                sources: sources_of(&relabelled, &parts_of, i),
            })
            .collect();
        return Ok((parts, notes));
    };
    // K-fold cross-validation: round i tests on fold i and trains on the others.
    let labels: Vec<BTreeMap<String, usize>> = relabelled
        .iter()
        .map(|d| written_labels(d, opts, writes))
        .collect();
    let fold_of = folds.assign(&labels);
    let k = folds.k as usize;
    let mut sizes = vec![0usize; k];
    for &f in &fold_of {
        sizes[f] += 1;
    }
    let (n, seed) = (kept.len(), folds.seed);
    let documents = crate::i18n::english_count(n, "document");
    let sizes = sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" · ");
    let (how_zh, how_en) = if folds.stratify {
        ("，按标签分层", ", stratified by label")
    } else {
        ("", "")
    };
    let (rounds_zh, rounds_en) = if folds.dev {
        (
            "第 i 轮以第 i 折测试，第 i+1 折作开发集，其余训练",
            "round i tests on fold i, develops on fold i+1 and trains on the rest",
        )
    } else {
        (
            "第 i 轮以第 i 折测试，其余训练",
            "round i tests on fold i and trains on the rest",
        )
    };
    notes.push(said!(
        "{n} 篇文档按文档分为 {k} 折{how_zh}（种子 {seed}）：{sizes}；{rounds_zh}",
        "{documents} in {k} folds by document{how_en} (seed {seed}): {sizes}; {rounds_en}"
    ));
    if n < k {
        notes.push(said!(
            "只有 {n} 篇文档，少于 {k} 折：有的折没有文档，那一轮没有测试集（按文档划分，一篇文档的句子不会分到两边）",
            "only {documents} for {k} folds: some folds are empty, and their rounds have no test set (the split is by document: one document's sentences never land on both sides)"
        ));
    }
    let mut parts = Vec::new();
    let mut by_round: Vec<Vec<Said>> = Vec::with_capacity(k);
    for round in 0..k {
        let dev_fold = folds.dev.then_some((round + 1) % k);
        let parts_of: Vec<usize> = fold_of
            .iter()
            .map(|&f| {
                if f == round {
                    2
                } else if Some(f) == dev_fold {
                    1
                } else {
                    0
                }
            })
            .collect();
        let mut round_notes = Vec::new();
        let projects = assemble(
            &relabelled,
            &parts_of,
            3,
            &|| empty(schema.clone()),
            opts,
            writes,
            Some(SPLIT_NAMES),
            &mut round_notes,
        )?;
        by_round.push(round_notes);
        let fold = format!("fold{round}");
        for (i, project) in projects.into_iter().enumerate() {
            // A dev part only when asked: train and test otherwise.
            if i == 1 && !folds.dev {
                continue;
            }
            parts.push(Part {
                name: Some(format!("{fold}/{}", SPLIT_NAMES[i])),
                project: Cow::Owned(project),
                sources: sources_of(&relabelled, &parts_of, i),
            });
        }
    }
    // What every round says alike (a span across a sentence end, an argument in another
    // sentence) is said once; the rest is said with its fold.
    let everywhere = |m: &Said| by_round.iter().all(|r| r.contains(m));
    if let Some(first) = by_round.first() {
        notes.extend(first.iter().filter(|m| everywhere(m)).cloned());
    }
    for (round, said) in by_round.iter().enumerate() {
        let fold = format!("fold{round}");
        notes.extend(said.iter().filter(|m| !everywhere(m)).map(|m| m.at(&fold)));
    }
    Ok((parts, notes))
}

/// Cut the documents into records (units, then pieces of at most `max_chars`), put each in
/// its part (`parts_of`, of `n_parts`), and apply what works on records: unsure ones left
/// out, repeats counted or left out, each part summed up when the parts have `names`.
#[allow(clippy::too_many_arguments)]
fn assemble(
    relabelled: &[Cow<'_, Document>],
    parts_of: &[usize],
    n_parts: usize,
    empty: &dyn Fn() -> Project,
    opts: &Options,
    writes: Writes,
    names: Option<[&'static str; 3]>,
    notes: &mut Vec<Said>,
) -> Result<Vec<Project>, FormatError> {
    let events = writes.events;
    let mut projects: Vec<Project> = (0..n_parts).map(|_| empty()).collect();
    let mut cut = Cut::default();
    for (d, &part) in relabelled.iter().zip(parts_of) {
        let mut units = units_of(d, opts.unit);
        if let Some(max) = opts.max_chars {
            units = limit(d, units, max, &mut cut);
        }
        projects[part]
            .documents
            .extend(slice(d, &units, opts, writes, notes)?);
    }
    if let Some(max) = opts.max_chars {
        cut.say(max, opts.unit, notes);
    }
    {
        let records: Vec<&Document> = projects.iter().flat_map(|p| &p.documents).collect();
        let unsure = unsure_records(&records, opts, events, opts.skip_unsure, notes);
        if opts.skip_unsure && !unsure.is_empty() {
            let mut k = 0;
            for project in &mut projects {
                project.documents.retain(|_| {
                    k += 1;
                    !unsure.contains(&(k - 1))
                });
            }
        }
    }
    let records: Vec<Vec<&Document>> = projects
        .iter()
        .map(|p| p.documents.iter().collect())
        .collect();
    let repeated = duplicates(&records, names, opts, notes);
    if opts.dedup {
        for (project, repeated) in projects.iter_mut().zip(repeated) {
            let mut k = 0;
            project.documents.retain(|_| {
                k += 1;
                !repeated.contains(&(k - 1))
            });
        }
    }
    if let Some(share) = opts.keep_empty {
        keep_empty(
            &mut projects[0],
            share,
            opts,
            writes,
            names.is_some(),
            notes,
        );
    }
    if names.is_some() {
        split_summary(&projects, opts, writes, notes);
    }
    Ok(projects)
}

/// Keep `share` of the records of `part` with nothing the format `writes`, drawn by the
/// export's seed (each record's draw depends on the seed and its id alone, so the same
/// export leaves out the same records); said in a note. `of_train`: the part is a split's
/// train, whose dev and test keep theirs.
fn keep_empty(
    part: &mut Project,
    share: f64,
    opts: &Options,
    writes: Writes,
    of_train: bool,
    notes: &mut Vec<Said>,
) {
    let seed = opts
        .split
        .map(|s| s.seed)
        .or(opts.folds.map(|f| f.seed))
        .unwrap_or(0);
    let (mut empty, mut left) = (0usize, 0usize);
    part.documents.retain(|d| {
        if !written_labels(d, opts, writes).is_empty() {
            return true;
        }
        empty += 1;
        let keep = draw(seed, &d.meta.id) < share;
        if !keep {
            left += 1;
        }
        keep
    });
    let records = crate::i18n::english_count(empty, "record");
    // The share as the export dialog gives it, beside the command line's.
    let pct = format!("{} %", (share * 1000.0).round() / 10.0);
    if empty == 0 {
        // Nothing to thin: said, so that the option is not thought to have done something.
        notes.push(if of_train {
            said!(
                "训练集中每条记录都有可写内容，“保留 {pct} 没有可写内容的记录”（--keep-empty {share}）没有去掉任何记录",
                "every one of train's records has something to write: \"Keep {pct} of the records with nothing to write\" (--keep-empty {share}) left none out"
            )
        } else {
            said!(
                "每条记录都有可写内容，“保留 {pct} 没有可写内容的记录”（--keep-empty {share}）没有去掉任何记录",
                "every record has something to write: \"Keep {pct} of the records with nothing to write\" (--keep-empty {share}) left none out"
            )
        });
        return;
    }
    if of_train {
        notes.push(said!(
            "训练集中没有可写内容的 {empty} 条记录有 {left} 条未导出（只保留 {pct}，--keep-empty {share}，种子 {seed}）；开发集和测试集的照常写出",
            "{left} of train's {records} with nothing to write left out (kept {pct}, --keep-empty {share}, seed {seed}); dev and test keep all theirs"
        ));
    } else {
        notes.push(said!(
            "没有可写内容的 {empty} 条记录有 {left} 条未导出（只保留 {pct}，--keep-empty {share}，种子 {seed}）",
            "{left} of the {records} with nothing to write left out (kept {pct}, --keep-empty {share}, seed {seed})"
        ));
    }
}

/// A number in [0, 1) drawn from `seed` and `id` alone (FNV-1a, then SplitMix64's mix):
/// the same on every machine and in every version.
fn draw(seed: u64, id: &str) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(id.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// The records (by index) that hold a span flagged unsure (存疑) of a kind and status the
/// export writes, or, where the format writes events (`events`), an unsure event; said in a
/// note: left out (`skipping`) or written as they are, with the option that leaves them out.
fn unsure_records(
    records: &[&Document],
    opts: &Options,
    events: bool,
    skipping: bool,
    notes: &mut Vec<Said>,
) -> HashSet<usize> {
    let kinds = opts.kinds();
    let mut out = HashSet::new();
    let mut flagged = 0usize;
    for (i, d) in records.iter().enumerate() {
        let spans = d
            .layer
            .spans()
            .iter()
            .filter(|s| s.unsure && written_status(s.status, opts) && kinds.contains(&s.kind))
            .count();
        let evs = if events {
            d.layer.events.iter().filter(|e| e.unsure).count()
        } else {
            0
        };
        if spans + evs > 0 {
            out.insert(i);
            flagged += spans + evs;
        }
    }
    let n = out.len();
    if n == 0 {
        return out;
    }
    let records_en = crate::i18n::english_count(n, "record");
    if skipping {
        notes.push(said!(
            "{n} 条记录含存疑的标注或事件（共 {flagged} 处），未导出（--skip-unsure）",
            "{records_en} holding a span or event flagged unsure ({flagged} in all) left out (--skip-unsure)"
        ));
    } else {
        notes.push(said!(
            "{flagged} 处存疑的标注或事件照常写出（在 {n} 条记录中）；--skip-unsure（窗口中：跳过含存疑标注的记录）不导出这些记录",
            "{flagged} spans or events flagged unsure written as they are (in {records_en}); --skip-unsure (in the window: skip records with unsure tags) leaves those records out"
        ));
    }
    out
}

/// The labels of `d` that a split shares out and its summary counts, as the format `writes`
/// them: spans of a written status and kind, and, where it writes events, each event by its
/// type (its trigger is then not counted again as a span). A DuEE export counts event
/// types alone: it holds no other span, and a test part without 竞赛行为-胜负 matters
/// where one without DATE does not.
fn written_labels(d: &Document, opts: &Options, writes: Writes) -> BTreeMap<String, usize> {
    let kinds = opts.kinds();
    let mut c = BTreeMap::new();
    if writes.by_kind && !writes.events {
        // A span format: what it writes, arguments under their roles with `--roles`.
        for s in doc_spans(d, opts, kinds, &mut KindsLeftOut::default()) {
            *c.entry(s.label).or_default() += 1;
        }
        return c;
    }
    for s in d.layer.spans() {
        let counted = writes.loose_spans
            && kinds.contains(&s.kind)
            && !(writes.events && s.kind == SpanKind::Trigger);
        if counted && written_status(s.status, opts) {
            *c.entry(s.label.clone()).or_default() += 1;
        }
    }
    if writes.events {
        for e in &d.layer.events {
            if d.layer
                .span(e.trigger)
                .is_some_and(|t| written_status(t.status, opts))
            {
                *c.entry(e.event_type.clone()).or_default() += 1;
            }
        }
    }
    c
}

/// Say what each part of a split holds (records, and spans per label as the export writes
/// them), and name a label that train has and dev or test lacks: a model is then never
/// scored on it there.
fn split_summary(parts: &[Project], opts: &Options, writes: Writes, notes: &mut Vec<Said>) {
    let counts: Vec<BTreeMap<String, usize>> = parts
        .iter()
        .map(|p| {
            let mut c: BTreeMap<String, usize> = BTreeMap::new();
            for d in &p.documents {
                for (label, n) in written_labels(d, opts, writes) {
                    *c.entry(label).or_default() += n;
                }
            }
            c
        })
        .collect();
    for (i, (p, c)) in parts.iter().zip(&counts).enumerate() {
        // A round of k-fold cross-validation has no dev part, unless asked for one.
        if opts.folds.is_some_and(|f| !f.dev) && i == 1 {
            continue;
        }
        let name = SPLIT_NAMES[i];
        let n = p.documents.len();
        let labels: Vec<String> = c.iter().map(|(l, k)| format!("{l} {k}")).collect();
        let labels = if labels.is_empty() {
            "—".to_string()
        } else {
            labels.join(" · ")
        };
        let records = crate::i18n::english_count(n, "record");
        notes.push(said!(
            "{name}：{n} 条记录，{labels}",
            "{name}: {records}, {labels}"
        ));
    }
    for (i, c) in counts.iter().enumerate().skip(1) {
        if parts[i].documents.is_empty() {
            continue;
        }
        let missing: Vec<&str> = counts[0]
            .keys()
            .filter(|l| !c.contains_key(*l))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let (name, list) = (SPLIT_NAMES[i], missing.join(", "));
            notes.push(said!(
                "{name} 中没有这些标签的标注（train 中有）：{list}；换一个随机种子（--seed）或调整划分比例",
                "{name} has no span of these labels (train has): {list}; try another seed (--seed) or other proportions"
            ));
        }
    }
}

/// What makes two records the same for `--dedup`: their text without whitespace (a
/// repeated fragment of extracted text may be broken at other places).
fn record_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a record's annotation says, in terms that survive a change of whitespace: each
/// written span's label and text, each event's type and trigger text, sorted.
fn record_says(d: &Document, opts: &Options) -> Vec<(String, String)> {
    let surface = |r: CharRange| record_key(d.text.slice(r).unwrap_or(""));
    let kinds = opts.kinds();
    let mut out: Vec<(String, String)> = d
        .layer
        .spans()
        .iter()
        .filter(|s| written_status(s.status, opts) && kinds.contains(&s.kind))
        .map(|s| (s.label.clone(), surface(s.range)))
        .collect();
    for e in &d.layer.events {
        if let Some(t) = d.layer.span(e.trigger) {
            out.push((format!("event {}", e.event_type), surface(t.range)));
        }
    }
    out.sort();
    out
}

/// Find the records of `parts` (in order: train, dev, test) whose text repeats an earlier
/// record's, whitespace aside, and say in `notes` how many there are, where the first copy
/// is, and which copies are annotated otherwise than the first (an inconsistency to
/// review). Returns, per part, the indices of the repeats (`--dedup` leaves them out).
fn duplicates(
    parts: &[Vec<&Document>],
    names: Option<[&'static str; 3]>,
    opts: &Options,
    notes: &mut Vec<Said>,
) -> Vec<HashSet<usize>> {
    // key → (part, index) of the first record with it.
    let mut first: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut repeats: Vec<HashSet<usize>> = vec![HashSet::new(); parts.len()];
    // (part of the first copy, part of the repeat) → count.
    let mut across: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut conflicts: Vec<(&str, &str)> = Vec::new();
    let mut example: Option<(&str, &str, String)> = None;
    for (pi, docs) in parts.iter().enumerate() {
        for (di, d) in docs.iter().enumerate() {
            let key = record_key(d.text.as_str());
            if key.is_empty() {
                continue;
            }
            match first.entry(key) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((pi, di));
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    let (fp, fd) = *o.get();
                    repeats[pi].insert(di);
                    *across.entry((fp, pi)).or_default() += 1;
                    let earlier = parts[fp][fd];
                    example.get_or_insert_with(|| {
                        let mut shown: String = o.key().chars().take(20).collect();
                        if o.key().chars().nth(20).is_some() {
                            shown.push('…');
                        }
                        (earlier.meta.id.as_str(), d.meta.id.as_str(), shown)
                    });
                    if record_says(earlier, opts) != record_says(d, opts) {
                        conflicts.push((earlier.meta.id.as_str(), d.meta.id.as_str()));
                    }
                }
            }
        }
    }
    let n: usize = across.values().sum();
    if n == 0 {
        return repeats;
    }
    let records = crate::i18n::english_count(n, "record");
    let (zh_what, en_what) = if opts.dedup {
        ("未导出", "left out")
    } else {
        (
            "仍导出（导出对话框的“去掉重复的记录”或 --dedup 可去掉）",
            "written all the same (\"Leave out repeated records\" in the export dialog, or --dedup, leaves them out)",
        )
    };
    let (a, b, shown) = example.unwrap_or_default();
    notes.push(said!(
        "{n} 条记录的文本（不计空白）与前面的记录相同，{zh_what}；第一处：{b} 重复 {a}「{shown}」",
        "{records} whose text (whitespace aside) repeats an earlier one's: {en_what}; the first: {b} repeats {a} 「{shown}」"
    ));
    if let Some(names) = names {
        let leaks: Vec<String> = across
            .iter()
            .filter(|((f, r), _)| f != r)
            .map(|((f, r), k)| format!("{} → {} {k}", names[*f], names[*r]))
            .collect();
        if !leaks.is_empty() {
            let list = leaks.join(", ");
            notes.push(said!(
                "其中跨越划分的重复（先出现的部分 → 重复所在的部分）：{list}",
                "of which across the split (part of the first copy → part of the repeat): {list}"
            ));
        }
    }
    if let Some((a, b)) = conflicts.first() {
        let k = conflicts.len();
        notes.push(said!(
            "{k} 条重复记录的标注与先出现的那条不同（应当复核），第一处：{b} 与 {a}",
            "{k} repeated records are annotated otherwise than their first copy (worth a review), the first: {b} against {a}"
        ));
    }
    repeats
}

/// What `--labels` names besides span labels: event types (then events of other types are
/// left out, their triggers and arguments with them) and roles (then arguments under other
/// roles are left out). A list naming neither filters spans by label alone, as before there
/// were events: an argument goes with its span's label.
struct Named {
    /// The event types and roles of the schema and of the project's events.
    event_names: HashSet<String>,
    /// The list names an event type.
    types: bool,
    /// The list names a role.
    roles: bool,
}

impl Named {
    /// What `opts.labels` names in `p`.
    fn of(p: &Project, opts: &Options) -> Self {
        let mut types: HashSet<String> = p.schema.events.iter().map(|t| t.key.clone()).collect();
        let mut roles: HashSet<String> = p
            .schema
            .events
            .iter()
            .flat_map(|t| t.roles.iter().map(|r| r.name.clone()))
            .collect();
        for d in &p.documents {
            for e in &d.layer.events {
                types.insert(e.event_type.clone());
                roles.extend(e.args.iter().map(|(r, _)| r.clone()));
            }
        }
        let keep = opts.labels.as_deref().unwrap_or_default();
        let (t, r) = (
            keep.iter().any(|l| types.contains(l)),
            keep.iter().any(|l| roles.contains(l)),
        );
        types.extend(roles);
        Self {
            event_names: types,
            types: t,
            roles: r,
        }
    }

    /// Whether `name` is an event type or a role of the project.
    fn is_event_name(&self, name: &str) -> bool {
        self.event_names.contains(name)
    }
}

/// The names of `opts.labels` that are no label of `p` (of its schema or its spans), no event
/// type or role and no `--map` target: most likely a typo, of which the export keeps nothing.
pub fn unknown_labels(p: &Project, opts: &Options) -> Vec<String> {
    if opts.labels.is_none() {
        return Vec::new();
    }
    unknown_labels_in(p, opts, &Named::of(p, opts))
}

fn unknown_labels_in(p: &Project, opts: &Options, named: &Named) -> Vec<String> {
    let Some(keep) = &opts.labels else {
        return Vec::new();
    };
    keep.iter()
        .filter(|l| {
            p.schema.label(l).is_none()
                && !opts.map.iter().any(|(_, to)| to == *l)
                && !named.is_event_name(l)
                && !p.documents.iter().any(|d| d.layer.count_label(l) > 0)
        })
        .cloned()
        .collect()
}

/// What the label filter left out, over all documents, for one note of each kind.
#[derive(Default)]
struct Dropped {
    /// Spans left out per label.
    labels: BTreeMap<String, usize>,
    /// Events of types not in the list.
    events: usize,
    /// Arguments left out with their spans' labels or under roles not in the list.
    args: usize,
    /// The records that lost arguments, and the first of them.
    args_docs: usize,
    first_doc: Option<String>,
    /// Triggers kept only because the list names no event type (their labels are types).
    triggers_unnamed: usize,
}

impl Dropped {
    /// The notes, one of each kind; `triggers`: the export writes triggers.
    fn notes(&self, triggers: bool) -> Vec<Said> {
        let mut out = Vec::new();
        if triggers && self.triggers_unnamed > 0 {
            // 举办 is not in "PER,ORG", yet its triggers stay: said, or the list would seem
            // to have been ignored.
            let n = self.triggers_unnamed;
            let triggers = crate::i18n::english_count(n, "trigger");
            out.push(said!(
                "要导出的标签中（--labels）没有事件类型，所以各类型事件的 {n} 个触发词照常导出；要只导出某些类型，请在其中写上这些类型",
                "the labels kept (--labels) name no event type, so {triggers} of every type are written; name event types there to keep only theirs"
            ));
        }
        if self.events > 0 {
            let n = self.events;
            let events = crate::i18n::english_count(n, "event");
            out.push(said!(
                "不在要导出的标签中（--labels）的事件类型的 {n} 个事件未导出（连同其触发词和论元）",
                "{events} of types not among those kept (--labels) left out, with their triggers and arguments"
            ));
        }
        if let Some(first) = &self.first_doc {
            let (n, docs) = (self.args, self.args_docs);
            let records = crate::i18n::english_count(docs, "document");
            out.push(said!(
                "{docs} 篇文档中的 {n} 个事件论元因其标签或角色不在要导出的标签中（--labels）而未导出，第一篇是 {first}",
                "{n} event arguments in {records} left out, their labels or roles not among those kept (--labels); the first in {first}"
            ));
        }
        if !self.labels.is_empty() {
            let list: Vec<String> = self
                .labels
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            let list = list.join(", ");
            out.push(said!(
                "不在要导出的标签中（--labels）的标注未导出：{list}",
                "spans of labels not kept (--labels) left out: {list}"
            ));
        }
        out
    }
}

/// A copy of `d` with the label map applied and only what `--labels` keeps ([`Named`]):
/// spans of the kept labels, events of the kept types with their arguments under the kept
/// roles. Where the list names an event type or a role, a kept event's arguments stay
/// whatever their spans' labels (a span format then writes them as arguments only, see
/// [`doc_spans`]). Structure spans, which no training set holds as labels, are kept for the
/// formats that write them.
fn relabel<'d>(
    d: &'d Document,
    opts: &Options,
    named: &Named,
    writes: Writes,
    dropped: &mut Dropped,
) -> Cow<'d, Document> {
    if opts.labels.is_none() && opts.map.is_empty() {
        return Cow::Borrowed(d);
    }
    let keep = opts.labels.as_deref();
    let listed = |l: &str| keep.is_none_or(|k| k.iter().any(|x| x == l));
    // The events of the kept types, with their arguments under the kept roles.
    let mut events = d.layer.events.clone();
    let mut args_lost = 0;
    // The spans of the events left out go with them (said in the events' note, not again
    // under their labels), unless a kept event or the list keeps them too.
    let mut with_dropped: HashSet<crate::model::SpanId> = HashSet::new();
    if named.types {
        let before = events.len();
        for e in events.iter().filter(|e| !listed(&e.event_type)) {
            with_dropped.insert(e.trigger);
            with_dropped.extend(e.args.iter().map(|(_, a)| *a));
        }
        events.retain(|e| listed(&e.event_type));
        dropped.events += before - events.len();
    }
    if named.roles {
        for e in &mut events {
            let before = e.args.len();
            e.args.retain(|(r, _)| listed(r));
            args_lost += before - e.args.len();
        }
    }
    let by_event = named.types || named.roles;
    let in_kept_events: HashSet<crate::model::SpanId> = events
        .iter()
        .flat_map(|e| std::iter::once(e.trigger).chain(e.args.iter().map(|(_, a)| *a)))
        .collect();
    let mut gone: HashSet<crate::model::SpanId> = HashSet::new();
    let mut spans = Vec::with_capacity(d.layer.spans().len());
    for s in d.layer.spans() {
        let mut s = s.clone();
        if let Some((_, to)) = opts.map.iter().find(|(from, _)| *from == s.label) {
            s.label = to.clone();
        }
        let keep = s.kind == SpanKind::Structure
            || (s.kind == SpanKind::Trigger
                && (!named.types || listed(&s.label) || in_kept_events.contains(&s.id)))
            || listed(&s.label)
            || by_event && in_kept_events.contains(&s.id);
        if keep {
            if s.kind == SpanKind::Trigger
                && !named.types
                && !listed(&s.label)
                && written_status(s.status, opts)
            {
                dropped.triggers_unnamed += 1;
            }
            spans.push(s);
        } else {
            // Counted when the export would have carried it (of a written status and
            // kind); a trigger goes with its event.
            if written_status(s.status, opts)
                && (!writes.by_kind || opts.kinds().contains(&s.kind))
                && s.kind != SpanKind::Trigger
                && !with_dropped.contains(&s.id)
            {
                *dropped.labels.entry(s.label.clone()).or_default() += 1;
            }
            gone.insert(s.id);
        }
    }
    for e in &mut events {
        let before = e.args.len();
        e.args.retain(|(_, a)| !gone.contains(a));
        args_lost += before - e.args.len();
    }
    // Said where the export writes arguments.
    if args_lost > 0 && writes.event_part(opts, SpanKind::Argument) {
        dropped.args += args_lost;
        dropped.args_docs += 1;
        dropped.first_doc.get_or_insert_with(|| d.meta.id.clone());
    }
    Cow::Owned(Document {
        meta: d.meta.clone(),
        text: d.text.clone(),
        layer: Layer::from_parts(
            spans,
            events,
            d.layer.status,
            d.layer.next_span,
            d.layer.next_event,
        ),
    })
}

/// The units of `d`: the whole text, its articles or its sentences, with their id suffixes.
fn units_of(d: &Document, unit: Unit) -> Vec<(String, CharRange)> {
    match unit {
        Unit::Document => vec![(d.meta.id.clone(), CharRange::new(0, d.text.len_chars()))],
        Unit::Article => crate::zh::structure::analyse(d.text.as_str())
            .articles
            .iter()
            .enumerate()
            .map(|(k, a)| {
                (
                    format!("{}_a{k}", d.meta.id),
                    CharRange::new(a.start, a.end),
                )
            })
            .collect(),
        Unit::Sentence => crate::zh::sentences::split(d.text.as_str())
            .into_iter()
            .enumerate()
            .map(|(k, r)| (format!("{}_s{k}", d.meta.id), r))
            .collect(),
    }
}

/// What [`limit`] did, for the notes.
#[derive(Debug, Default)]
struct Cut {
    /// Units longer than the limit.
    long: usize,
    /// The pieces they became.
    pieces: usize,
    /// Cuts made inside a sentence, after a comma or the like.
    at_comma: usize,
    /// Cuts made inside a sentence anywhere outside a span.
    hard: usize,
    /// Pieces still longer than the limit (a span longer than it), and the first's id.
    over: Vec<String>,
}

impl Cut {
    fn say(&self, max: u32, unit: Unit, notes: &mut Vec<Said>) {
        if self.long == 0 {
            return;
        }
        let (long, pieces, at_comma, hard) = (self.long, self.pieces, self.at_comma, self.hard);
        let unit_name = unit.said();
        let unit_zh = unit_name.get(crate::i18n::Lang::Zh).to_string();
        let units = crate::i18n::english_count(long, unit_name.get(crate::i18n::Lang::En));
        notes.push(said!(
            "{long} 个{unit_zh}超过 {max} 字，在句末切成 {pieces} 条记录（其中 {at_comma} 处切在句内逗号等处，{hard} 处切在句内别处；从不切在标注之内）",
            "{units} longer than {max} chars were cut at sentence ends into {pieces} records ({at_comma} cuts inside a sentence after a comma or the like, {hard} elsewhere inside one; never inside a span)"
        ));
        if let Some(first) = self.over.first() {
            let n = self.over.len();
            notes.push(said!(
                "{n} 条记录仍超过 {max} 字（其中有比它更长的标注），第一条：{first}",
                "{n} records are still longer than {max} chars (a span in them is longer than that), the first: {first}"
            ));
        }
    }
}

/// Chars after which a sentence may be cut when it alone is longer than the limit.
const CLAUSE_ENDS: &[char] = &['，', '；', '、', '：', ',', ';', ':', '\n'];

/// Cut every unit longer than `max` chars into pieces of at most `max`: at the last
/// sentence end that fits (one that parts no event's trigger from its arguments first); where a sentence alone is longer, after the last comma (or
/// semicolon, enumeration comma, colon) that fits, else at the last char that fits. A cut
/// never falls inside a span (of any kind or status but rejected): where a span is longer
/// than `max`, its piece is longer too. Pieces of a cut unit are named `{unit}_c{k}`.
fn limit(
    d: &Document,
    units: Vec<(String, CharRange)>,
    max: u32,
    cut: &mut Cut,
) -> Vec<(String, CharRange)> {
    let max = max.max(1);
    if units.iter().all(|(_, u)| u.len() <= max) {
        return units;
    }
    let chars: Vec<char> = d.text.as_str().chars().collect();
    let ends: Vec<u32> = crate::zh::sentences::split_chars(&chars)
        .iter()
        .map(|r| r.end)
        .collect();
    let mut out = Vec::with_capacity(units.len());
    for (id, u) in units {
        if u.len() <= max {
            out.push((id, u));
            continue;
        }
        cut.long += 1;
        // inside[i]: a cut at u.start + i would fall inside a span.
        let mut inside = vec![false; u.len() as usize + 1];
        for s in d.layer.overlapping(u) {
            if s.status == SpanStatus::Rejected {
                continue;
            }
            for c in s.range.start.max(u.start) + 1..s.range.end.min(u.end) {
                inside[(c - u.start) as usize] = true;
            }
        }
        let ok = |c: u32| !inside[(c - u.start) as usize];
        // in_event[i]: a cut at u.start + i would part an event's trigger from an argument
        // (avoided where a sentence end allows).
        let mut in_event = vec![false; u.len() as usize + 1];
        for e in &d.layer.events {
            let ranges: Vec<CharRange> = std::iter::once(e.trigger)
                .chain(e.args.iter().map(|(_, a)| *a))
                .filter_map(|id| d.layer.span(id).map(|s| s.range))
                .collect();
            let (Some(lo), Some(hi)) = (
                ranges.iter().map(|r| r.start).min(),
                ranges.iter().map(|r| r.end).max(),
            ) else {
                continue;
            };
            for c in lo.max(u.start) + 1..hi.min(u.end) {
                in_event[(c - u.start) as usize] = true;
            }
        }
        let whole = |c: u32| ok(c) && !in_event[(c - u.start) as usize];
        let mut pos = u.start;
        let mut k = 0;
        while pos < u.end {
            let end = if u.end - pos <= max {
                u.end
            } else {
                let top = pos + max;
                let fits = |e: &&u32| **e > pos && **e <= top;
                let sentence = ends
                    .iter()
                    .rev()
                    .find(|e| fits(e) && whole(**e))
                    .or_else(|| ends.iter().rev().find(|e| fits(e) && ok(**e)))
                    .copied();
                let comma = || {
                    (pos + 1..=top)
                        .rev()
                        .find(|&c| ok(c) && CLAUSE_ENDS.contains(&chars[c as usize - 1]))
                };
                let any = || (pos + 1..=top).rev().find(|&c| ok(c));
                if let Some(e) = sentence {
                    e
                } else if let Some(e) = comma() {
                    cut.at_comma += 1;
                    e
                } else if let Some(e) = any() {
                    cut.hard += 1;
                    e
                } else {
                    // A span runs from the piece's start past the limit: the piece takes it.
                    (top + 1..=u.end).find(|&c| ok(c)).unwrap_or(u.end)
                }
            };
            let piece = format!("{id}_c{k}");
            if end - pos > max {
                cut.over.push(piece.clone());
            }
            out.push((piece, CharRange::new(pos, end)));
            cut.pieces += 1;
            k += 1;
            pos = end;
        }
    }
    out
}

/// Cut `d` into one document per unit: spans and events inside a unit move with it (offsets
/// from the unit's start); a span across a unit's end, an event whose trigger is in no unit
/// and an argument outside its trigger's unit are left out and counted in `notes`, as far
/// as the format `writes` them: the spans of the kinds it writes (or of an event, where it
/// writes events), and the events only where it writes them (a CoNLL export of triggers
/// has no argument to lose).
fn slice(
    d: &Document,
    units: &[(String, CharRange)],
    opts: &Options,
    writes: Writes,
    notes: &mut Vec<Said>,
) -> Result<Vec<Document>, FormatError> {
    let (unit, events) = (opts.unit, writes.events);
    if units.len() == 1 && units[0].1 == CharRange::new(0, d.text.len_chars()) {
        return Ok(vec![d.clone()]);
    }
    let inside = |u: CharRange, r: CharRange| r.start >= u.start && r.end <= u.end;
    let mut out = Vec::with_capacity(units.len());
    let mut placed: HashSet<crate::model::SpanId> = HashSet::new();
    let mut events_placed = vec![false; d.layer.events.len()];
    let mut args_lost: Vec<Said> = Vec::new();
    for (id, u) in units {
        let text = d
            .text
            .slice(*u)
            .map_err(|e| FormatError::export(super::mapping::offset_error(&e).at(&d.meta.id)))?
            .to_string();
        let shift = |r: CharRange| CharRange::new(r.start - u.start, r.end - u.start);
        let mut spans = Vec::new();
        for s in d.layer.overlapping(*u) {
            if inside(*u, s.range) && !s.range.is_empty()
                || s.range.is_empty() && u.contains(s.range.start)
            {
                let mut s = s.clone();
                s.range = shift(s.range);
                placed.insert(s.id);
                spans.push(s);
            }
        }
        let ids: HashSet<crate::model::SpanId> = spans.iter().map(|s| s.id).collect();
        let mut events: Vec<Event> = Vec::new();
        for (k, e) in d.layer.events.iter().enumerate() {
            if events_placed[k] || !ids.contains(&e.trigger) {
                continue;
            }
            events_placed[k] = true;
            let mut e = e.clone();
            for (role, a) in &e.args {
                if !ids.contains(a) {
                    let at = d
                        .layer
                        .span(*a)
                        .map(|s| format!("[{}, {})", s.range.start, s.range.end))
                        .unwrap_or_default();
                    let (doc, event, ty) = (&d.meta.id, e.id, &e.event_type);
                    let unit_name = unit.said();
                    args_lost.push(said!(
                        "{doc}：事件 {event}（{ty}）：论元 {role} = {a} {at} 不在其触发词所在的{unit_name} {id} 中；未导出",
                        "{doc}: event {event} ({ty}): argument {role} = {a} {at} is outside {unit_name} {id} of its trigger; left out";
                        unit_name
                    ));
                }
            }
            e.args.retain(|(_, a)| ids.contains(a));
            events.push(e);
        }
        out.push(Document {
            meta: crate::model::DocMeta {
                id: id.clone(),
                published: d.meta.published.clone(),
                imported_from: d.meta.imported_from.clone(),
            },
            text: Text::new(text),
            layer: Layer::from_parts(
                spans,
                events,
                d.layer.status,
                d.layer.next_span,
                d.layer.next_event,
            ),
        });
    }
    let in_events = if events {
        d.layer.named_by_events()
    } else {
        HashSet::new()
    };
    let written =
        |s: &Span| !writes.by_kind || opts.kinds().contains(&s.kind) || in_events.contains(&s.id);
    let across: Vec<&Span> = d
        .layer
        .spans()
        .iter()
        .filter(|s| !placed.contains(&s.id) && s.status != SpanStatus::Rejected && written(s))
        .collect();
    if !across.is_empty() {
        let first = across[0];
        let (doc, n, label) = (&d.meta.id, across.len(), &first.label);
        let (start, end) = (first.range.start, first.range.end);
        let spans = crate::i18n::english_count(n, "span");
        notes.push(said!(
            "{doc}：{n} 个标注不在任何一个单元之内（跨过单元的结尾，或在单元之间），未导出，第一个是 {label} [{start}, {end})",
            "{doc}: left out {spans} in no single unit (across a unit's end, or between units), the first {label} [{start}, {end})"
        ));
    }
    let events_lost = events_placed.iter().filter(|p| !**p).count();
    if events && events_lost > 0 {
        let doc = &d.meta.id;
        notes.push(said!(
            "{doc}：{events_lost} 个事件的触发词不在任何一个单元之内，未导出",
            "{doc}: {events_lost} events whose trigger is in no single unit are left out"
        ));
    }
    if events {
        notes.extend(args_lost);
    }
    Ok(out)
}

/// A labelled span of a flat record: char offsets into the record's text, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlatSpan {
    /// First char.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
    /// The label.
    pub label: String,
}

impl FlatSpan {
    /// A span.
    pub fn new(start: u32, end: u32, label: impl Into<String>) -> Self {
        Self {
            start,
            end,
            label: label.into(),
        }
    }

    fn overlaps(&self, o: &FlatSpan) -> bool {
        self.start < o.end && o.start < self.end
    }
}

/// The kinds a span format writes unless told otherwise: entities and figures (no triggers,
/// arguments or structure).
pub const DEFAULT_KINDS: [SpanKind; 2] = [SpanKind::Entity, SpanKind::Figure];

/// What [`chosen_spans`] left out of an export's records because of their kind, counted
/// for one note over the whole export (a note per record buried the others: exporting the
/// triggers of 400 records with arguments said it 400 times).
#[derive(Debug, Default, Clone)]
pub struct KindsLeftOut {
    /// Spans left out, per kind.
    counts: BTreeMap<SpanKind, usize>,
    /// The records that lost a span.
    records: usize,
    /// The first of them.
    first: Option<String>,
}

impl KindsLeftOut {
    /// Counts a span of `kind` left out of record `id`; `first_of_record` for the record's
    /// first.
    fn add(&mut self, kind: SpanKind, id: &str, first_of_record: bool) {
        *self.counts.entry(kind).or_default() += 1;
        if first_of_record {
            self.records += 1;
            if self.first.is_none() {
                self.first = Some(id.to_string());
            }
        }
    }

    /// The note, if anything was left out: how many spans of each kind, in how many
    /// records, the first of them.
    pub fn note(&self, kinds: &[SpanKind]) -> Option<Said> {
        use crate::i18n::Lang;
        let first = self.first.as_deref()?;
        let list = Said::by(|lang| {
            let (sep, gap) = match lang {
                Lang::Zh => ("，", " 个"),
                Lang::En => (", ", " "),
            };
            let parts: Vec<String> = self
                .counts
                .iter()
                .map(|(k, n)| format!("{n}{gap}{}", kind_name(lang, *k)))
                .collect();
            parts.join(sep)
        });
        let kept = Said::by(|lang| {
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            let names: Vec<&str> = kinds.iter().map(|k| kind_name(lang, *k)).collect();
            names.join(sep)
        });
        let n = self.records;
        let records = Said::by(|lang| match lang {
            Lang::Zh => n.to_string(),
            Lang::En => crate::i18n::english_count(n, "record"),
        });
        let first = Said::by(|_| first.to_string());
        Some(said!(
            "本次导出不写入的种类的标注未导出：{list}，在 {records} 条记录中，第一条是 {first}（写入的种类：{kept}）",
            "spans of kinds this export does not write were left out: {list}, in {records}, the first {first} (it writes {kept})";
            list, records, first, kept
        ))
    }
}

/// A span kind's name in a language, as the export dialog's checkboxes say it (实体, 论元;
/// in English the name `--kinds` takes: entity, argument).
fn kind_name(lang: crate::i18n::Lang, kind: SpanKind) -> &'static str {
    use crate::i18n::Msg;
    crate::i18n::tr(
        lang,
        match kind {
            SpanKind::Entity => Msg::KindEntity,
            SpanKind::Figure => Msg::KindFigure,
            SpanKind::Trigger => Msg::KindTrigger,
            SpanKind::Argument => Msg::KindArgument,
            SpanKind::Structure => Msg::KindStructure,
        },
    )
}

/// Whether an export writes a span of status `s`: accepted ones, and pending ones with
/// `include_pending`.
pub fn written_status(s: SpanStatus, opts: &Options) -> bool {
    match s {
        SpanStatus::Accepted => true,
        SpanStatus::Pending => opts.include_pending,
        SpanStatus::Rejected => false,
    }
}

/// The spans of `d` an export writes, in layer order: of a written status and of `kinds`, or
/// among `also` (an event's spans, whatever their kind). The others of a written status are
/// counted in `left`.
pub fn chosen_spans<'d>(
    d: &'d Document,
    opts: &Options,
    kinds: &[SpanKind],
    also: &HashSet<crate::model::SpanId>,
    left: &mut KindsLeftOut,
) -> Vec<&'d Span> {
    let mut out = Vec::new();
    let mut lost = false;
    for s in d.layer.spans() {
        if !written_status(s.status, opts) {
            continue;
        }
        if kinds.contains(&s.kind) || also.contains(&s.id) {
            out.push(s);
        } else {
            left.add(s.kind, &d.meta.id, !lost);
            lost = true;
        }
    }
    out
}

/// The spans of `d` a span format writes ([`chosen_spans`]) as flat spans, sorted by (start,
/// end, label). With `opts.roles` and arguments among `kinds`, each argument of an event
/// whose trigger is written comes under its role instead (whatever the span's kind: an
/// entity that is a 胜者 too is written as both where entities are written), once per role
/// it fills.
pub fn doc_spans(
    d: &Document,
    opts: &Options,
    kinds: &[SpanKind],
    left: &mut KindsLeftOut,
) -> Vec<FlatSpan> {
    let roles = opts.roles && kinds.contains(&SpanKind::Argument);
    let mut filled: Vec<(crate::model::SpanId, &str)> = Vec::new();
    if roles {
        for e in &d.layer.events {
            let written = |id| {
                d.layer
                    .span(id)
                    .is_some_and(|s| written_status(s.status, opts))
            };
            if written(e.trigger) {
                filled.extend(
                    e.args
                        .iter()
                        .filter(|(_, a)| written(*a))
                        .map(|(r, a)| (*a, r.as_str())),
                );
            }
        }
    }
    let arguments: HashSet<crate::model::SpanId> = filled.iter().map(|(a, _)| *a).collect();
    let mut out: Vec<FlatSpan> = chosen_spans(d, opts, kinds, &arguments, left)
        .into_iter()
        // An argument's own label gives way to its roles; an entity keeps its label where
        // entities are written.
        .filter(|s| {
            !arguments.contains(&s.id) || s.kind != SpanKind::Argument && kinds.contains(&s.kind)
        })
        // An entity or figure `--labels` kept only as an argument of a kept event (the list
        // names its event type or role, not its label) is written as that argument alone.
        .filter(|s| {
            !matches!(s.kind, SpanKind::Entity | SpanKind::Figure)
                || opts.labels.as_ref().is_none_or(|k| k.contains(&s.label))
        })
        .map(|s| FlatSpan::new(s.range.start, s.range.end, s.label.clone()))
        .collect();
    for (a, role) in filled {
        if let Some(s) = d.layer.span(a) {
            out.push(FlatSpan::new(s.range.start, s.range.end, role));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Resolve nested and overlapping spans by `policy` into spans no two of which overlap,
/// sorted by start. Returns (kept, lost).
pub fn flatten(spans: &[FlatSpan], policy: Nested) -> (Vec<FlatSpan>, Vec<FlatSpan>) {
    let mut order: Vec<&FlatSpan> = spans.iter().filter(|s| s.end > s.start).collect();
    let len = |s: &FlatSpan| s.end - s.start;
    match policy {
        Nested::Outer => order.sort_by(|a, b| a.start.cmp(&b.start).then(len(b).cmp(&len(a)))),
        Nested::Inner => order.sort_by(|a, b| len(a).cmp(&len(b)).then(a.start.cmp(&b.start))),
        Nested::Longest => order.sort_by(|a, b| len(b).cmp(&len(a)).then(a.start.cmp(&b.start))),
    }
    let mut kept: Vec<FlatSpan> = Vec::new();
    let mut lost = Vec::new();
    for s in order {
        if kept.iter().any(|k| k.overlaps(s)) {
            lost.push(s.clone());
        } else {
            kept.push(s.clone());
        }
    }
    lost.extend(spans.iter().filter(|s| s.end <= s.start).cloned());
    kept.sort();
    lost.sort();
    (kept, lost)
}

/// What [`flatten`] left out over an export's records, for one note (a note per record
/// buried the others: 130 lines for the roles of 400 DuEE records).
#[derive(Debug, Default, Clone)]
pub struct Flattened {
    /// Spans left out, per label.
    by_label: BTreeMap<String, usize>,
    /// The records that lost a span, in export order.
    records: Vec<String>,
    /// The first span left out.
    first: Option<FlatSpan>,
}

/// How many records a [`Flattened`] note names before it counts the rest.
const NAMED_RECORDS: usize = 5;

impl Flattened {
    /// Counts the spans record `doc` lost.
    pub fn add(&mut self, doc: &str, lost: &[FlatSpan]) {
        let Some(first) = lost.first() else {
            return;
        };
        self.records.push(doc.to_string());
        self.first.get_or_insert_with(|| first.clone());
        for s in lost {
            *self.by_label.entry(s.label.clone()).or_default() += 1;
        }
    }

    /// The note, if anything was left out: how many spans, of which labels, in which
    /// records (the first few named), the first span.
    pub fn note(&self, policy: Nested) -> Option<Said> {
        let first = self.first.as_ref()?;
        let n: usize = self.by_label.values().sum();
        // The labels that lost most first.
        let mut by_count: Vec<(&String, &usize)> = self.by_label.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let labels: Vec<String> = by_count.iter().map(|(l, k)| format!("{l} {k}")).collect();
        let labels = labels.join(", ");
        let (nested, label, start, end) = (policy.name(), &first.label, first.start, first.end);
        let (k, doc) = (self.records.len(), &self.records[0]);
        let named = self.records[..k.min(NAMED_RECORDS)].join(", ");
        let more = k.saturating_sub(NAMED_RECORDS);
        let (records, shown) = if more > 0 {
            (
                crate::i18n::english_count(k, "record"),
                said!("{named} 等", "{named} and {more} more"),
            )
        } else {
            (
                crate::i18n::english_count(k, "record"),
                said!("{named}", "{named}"),
            )
        };
        let (shown_zh, shown_en) = (&shown.zh, &shown.en);
        let spans_en = if n == 1 { "span" } else { "spans" };
        // The export dialog's words for the policy, beside the flag.
        let m = match policy {
            Nested::Outer => crate::i18n::Msg::NestedOuter,
            Nested::Inner => crate::i18n::Msg::NestedInner,
            Nested::Longest => crate::i18n::Msg::NestedLongest,
        };
        let (kept_zh, kept_en) = (
            crate::i18n::tr(crate::i18n::Lang::Zh, m),
            crate::i18n::tr(crate::i18n::Lang::En, m),
        );
        Some(said!(
            "{n} 个嵌套或重叠的标注未导出（{kept_zh}，--nested {nested}），在 {k} 条记录中（{shown_zh}），按标签 {labels}；第一个是 {doc} 的 {label} [{start}, {end})",
            "{n} nested or overlapping {spans_en} left out ({kept_en}, --nested {nested}) in {records} ({shown_en}), by label {labels}; the first {label} [{start}, {end}) in {doc}"
        ))
    }
}

/// A document read from a span format: `text` with `spans` (char offsets, end exclusive),
/// each checked to lie inside the text (an error naming `file` and `line` otherwise). Spans
/// are entities here; the session makes a span whose label the schema calls a figure a
/// figure, and adds labels the schema lacks. `pending` brings them in as suggestions.
#[allow(clippy::too_many_arguments)]
pub fn read_doc(
    file: &Path,
    line: usize,
    name: String,
    source: String,
    text: String,
    from: &Decoded,
    spans: Vec<FlatSpan>,
    pending: bool,
) -> Result<ReadDoc, FormatError> {
    let t = Text::new(text);
    let n = t.len_chars();
    let mut out = Vec::with_capacity(spans.len());
    for (k, s) in spans.into_iter().enumerate() {
        if s.start >= s.end || s.end > n {
            return Err(FormatError {
                line: Some(line),
                ..FormatError::new(
                    file,
                    said!(
                        "标注 {} [{}, {}) 超出文本（共 {n} 字）",
                        "span {} [{}, {}) does not fit the text of {n} chars",
                        s.label,
                        s.start,
                        s.end
                    ),
                )
            });
        }
        if s.label.trim().is_empty() {
            return Err(FormatError {
                line: Some(line),
                ..FormatError::new(
                    file,
                    said!(
                        "标注 [{}, {}) 没有标签",
                        "span [{}, {}) has no label",
                        s.start,
                        s.end
                    ),
                )
            });
        }
        let id = crate::model::SpanId(u32::try_from(k + 1).unwrap_or(u32::MAX));
        let mut sp = Span::new(
            id,
            CharRange::new(s.start, s.end),
            SpanKind::Entity,
            s.label,
        );
        sp.source = crate::model::Source::Imported;
        if pending {
            sp.status = SpanStatus::Pending;
        }
        out.push(sp);
    }
    Ok(ReadDoc {
        name,
        source,
        text: Decoded {
            text: t.as_str().to_string(),
            encoding: from.encoding,
            bom: from.bom,
            detected: from.detected,
        },
        original: None,
        spans: out,
        events: Vec::new(),
        label_arguments: false,
        kinds_from_labels: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_is_reproducible_and_sized() {
        let s = Split::parse("8:1:1", 7).unwrap();
        assert_eq!(s.sizes(10), [8, 1, 1]);
        assert_eq!(s.sizes(0), [0, 0, 0]);
        assert_eq!(s.assign(10), s.assign(10));
        assert_ne!(s.assign(50), Split::parse("8:1:1", 8).unwrap().assign(50));
        let a = s.assign(100);
        assert_eq!(a.iter().filter(|p| **p == 0).count(), 80);
        assert_eq!(a.iter().filter(|p| **p == 2).count(), 10);
        assert!(Split::parse("8:1", 1).is_err());
        assert!(Split::parse("0:0:0", 1).is_err());
        assert!(Split::parse("a:1:1", 1).is_err());
    }

    /// An earlier split kept: its 20 documents stay where they were, and the 10 new ones
    /// bring the parts to the proportions over all 30 (8:1:1 of 30 is 24:3:3), plain or
    /// stratified; a label only new documents hold still reaches dev and test.
    #[test]
    fn a_kept_split_moves_no_document_and_places_the_new_ones() {
        let s = Split::parse("8:1:1", 3).unwrap();
        let before = s.assign(20);
        let mut fixed: Vec<Option<usize>> = before.iter().map(|&p| Some(p)).collect();
        fixed.extend([None; 10]);
        let none = vec![BTreeMap::new(); 30];
        let after = s.assign_around(&none, &fixed);
        assert_eq!(&after[..20], &before[..]);
        let count = |a: &[usize], p| a.iter().filter(|&&x| x == p).count();
        assert_eq!(
            [count(&after, 0), count(&after, 1), count(&after, 2)],
            [24, 3, 3]
        );
        assert_eq!(after, s.assign_around(&none, &fixed), "reproducible");
        // Stratified: the new documents alone hold NEW (one each); three of them go to dev
        // and test too, not all to train.
        let st = Split {
            stratify: true,
            ..s
        };
        let mut labels = none.clone();
        for l in labels.iter_mut().skip(20).take(6) {
            l.insert("NEW".to_string(), 1);
        }
        let after = st.assign_around(&labels, &fixed);
        assert_eq!(&after[..20], &before[..]);
        let with_new: Vec<usize> = (20..26).map(|i| after[i]).collect();
        assert!(
            with_new.contains(&1) && with_new.contains(&2),
            "{with_new:?}"
        );
    }

    #[test]
    fn an_earlier_manifest_reads_as_each_documents_part_or_says_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("manifest.json");
        std::fs::write(
            &m,
            r#"{"parts": [{"name": "train", "documents": ["a", "b"]},
                          {"name": "dev", "documents": ["c"]},
                          {"name": "test", "documents": ["d"]}],
                "split": {"train_dev_test": [8, 1, 1], "seed": 5, "stratify": true}}"#,
        )
        .unwrap();
        // The folder holding it reads the same.
        let (of, split) = read_split_manifest(dir.path()).unwrap();
        assert_eq!(of.get("a"), Some(&0));
        assert_eq!(of.get("c"), Some(&1));
        assert_eq!(of.get("d"), Some(&2));
        assert_eq!(
            split,
            Some(Split {
                parts: [8, 1, 1],
                seed: 5,
                stratify: true
            })
        );
        std::fs::write(&m, r#"{"parts": [{"name": "fold0", "documents": ["a"]}]}"#).unwrap();
        let e = read_split_manifest(&m).unwrap_err();
        assert!(
            e.en.contains("not the manifest.json of a split export"),
            "{}",
            e.en
        );
        std::fs::write(&m, "{\n  \"parts\": [,\n").unwrap();
        let e = read_split_manifest(&m).unwrap_err();
        assert!(e.en.contains("manifest.json:2:"), "{}", e.en);
        std::fs::write(
            &m,
            r#"{"parts": [{"name": "train", "documents": ["a"]}, {"name": "test", "documents": ["a"]}]}"#,
        )
        .unwrap();
        let e = read_split_manifest(&m).unwrap_err();
        assert!(e.zh.contains("文档 a 同时在 train 和 test 中"), "{}", e.zh);
    }

    #[test]
    fn maps_and_label_lists_parse_with_either_comma() {
        assert_eq!(
            parse_map("机构=ORG， 地名 = LOC").unwrap(),
            vec![("机构".into(), "ORG".into()), ("地名".into(), "LOC".into())]
        );
        assert!(parse_map("ORG").is_err() && parse_map("=ORG").is_err());
        assert_eq!(parse_map(" ").unwrap(), vec![]);
        assert_eq!(
            parse_labels("PER，ORG,"),
            Some(vec!["PER".into(), "ORG".into()])
        );
        assert_eq!(parse_labels(" , "), None);
    }

    #[test]
    fn flatten_keeps_by_policy_and_reports_the_rest() {
        // 甘肃省总工会: ORG [0,6) holding LOC [0,3); and a crossing pair.
        let spans = vec![
            FlatSpan::new(0, 6, "ORG"),
            FlatSpan::new(0, 3, "LOC"),
            FlatSpan::new(8, 12, "A"),
            FlatSpan::new(10, 16, "B"),
        ];
        let (k, l) = flatten(&spans, Nested::Outer);
        assert_eq!(
            k,
            vec![FlatSpan::new(0, 6, "ORG"), FlatSpan::new(8, 12, "A")]
        );
        assert_eq!(l.len(), 2);
        let (k, _) = flatten(&spans, Nested::Inner);
        assert_eq!(
            k,
            vec![FlatSpan::new(0, 3, "LOC"), FlatSpan::new(8, 12, "A")]
        );
        let (k, _) = flatten(&spans, Nested::Longest);
        assert_eq!(
            k,
            vec![FlatSpan::new(0, 6, "ORG"), FlatSpan::new(10, 16, "B")]
        );
        let mut f = Flattened::default();
        assert!(f.note(Nested::Outer).is_none());
        f.add("d", &l);
        f.add("e", &[]);
        let note = f.note(Nested::Outer).unwrap().en;
        assert!(
            note.starts_with(
                "2 nested or overlapping spans left out (keep outer, --nested outer) in 1 record (d)"
            ),
            "{note}"
        );
        for k in 0..7 {
            f.add(&format!("r{k}"), &l);
        }
        let note = f.note(Nested::Outer).unwrap();
        assert!(
            note.en
                .contains("in 8 records (d, r0, r1, r2, r3 and 3 more)"),
            "{}",
            note.en
        );
        assert!(
            note.zh.contains("在 8 条记录中（d, r0, r1, r2, r3 等）"),
            "{}",
            note.zh
        );
    }
}
