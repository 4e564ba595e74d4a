//! The export dialog's training-set options (the same as `biaozhu export`'s): unit, status,
//! labels, label map, split and seed, and leaving out repeated records for every format, and
//! the token formats' scheme, separator, tokens and nested policy, each shown only for a format that takes it; and a
//! preview of the first records the export would write, rebuilt when an option changes.

use crate::format::training::{Nested, Split, parse_labels, parse_map};
use crate::format::{Format, OptionKind, Options, Output, Scheme, Sep, Tokens, Unit};
use crate::i18n::{Lang, Msg, tr};
use crate::model::{DocStatus, Document, Project, SpanKind};
use std::path::{Path, PathBuf};

/// What the user chose, as typed (parsed by [`ExportForm::options`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportForm {
    /// One record per document, article or sentence.
    pub unit: Unit,
    /// Only documents this far along.
    pub status: Option<DocStatus>,
    /// Labels to keep, comma-separated (empty: all).
    pub labels: String,
    /// Renames, `FROM=TO` comma-separated.
    pub map: String,
    /// `8:1:1`, or empty for no split.
    pub split: String,
    /// The split's seed.
    pub seed: String,
    /// Balance the labels over the split's parts.
    pub stratify: bool,
    /// K-fold cross-validation instead of a split.
    pub folds: bool,
    /// How many folds, when `folds` is on.
    pub folds_value: u32,
    /// With folds: each round also holds out the next fold as its dev part.
    pub fold_dev: bool,
    /// Nested spans policy (token formats).
    pub nested: Nested,
    /// Tagging scheme (token formats).
    pub scheme: Scheme,
    /// Separator (token formats).
    pub sep: Sep,
    /// Chars or words (token formats).
    pub tokens: Tokens,
    /// Span kinds to write (span formats); empty, until one is chosen, means the default.
    pub kinds: Vec<SpanKind>,
    /// A kind was ticked or unticked: `kinds` is the user's, even empty (unticking entity
    /// and figure before ticking argument snapped back to the default).
    pub kinds_chosen: bool,
    /// Write pending suggestions too (formats that can).
    pub include_pending: bool,
    /// Write arguments under their roles (span formats, with the argument kind).
    pub roles: bool,
    /// Leave out a record whose text repeats an earlier one's.
    pub dedup: bool,
    /// Leave out the records holding a span or event flagged unsure.
    pub skip_unsure: bool,
    /// Cut records longer than `max_chars_value` chars.
    pub max_chars: bool,
    /// The most chars a record may have, when `max_chars` is on.
    pub max_chars_value: u32,
    /// Keep only a share of the records with nothing to write.
    pub keep_empty: bool,
    /// That share, in percent, when `keep_empty` is on.
    pub keep_empty_percent: u32,
    /// Keep the split of the earlier export in the chosen folder (its `manifest.json`):
    /// the documents it placed stay, only new ones are placed.
    pub keep_split: bool,
    /// Why that earlier split could not be read, shown under its checkbox.
    pub split_error: Option<String>,
    /// The layer to export when it is not the open one (read from its saved files); `None`
    /// exports the open layer as it stands.
    pub layer: Option<String>,
    /// The layers the project has, the open one first, with how far each has got (filled
    /// when the dialog opens).
    pub layers: Vec<crate::session::overview::LayerChoice>,
    /// The open layer holds no span and no event (filled when the dialog opens): exporting
    /// it would write the texts alone.
    pub open_empty: bool,
    /// The project's folder, for the command line that does the same export.
    pub project_dir: Option<PathBuf>,
    /// The command line was copied (the button says so until the form changes).
    copied: Option<String>,
    /// The preview and the form and format it was built for, with how the export cuts
    /// the documents when it splits them.
    preview: Option<(ExportFormKey, Preview, Option<String>)>,
    /// The names typed in `labels` that the project has nowhere, for the labels and map
    /// they were found from.
    unknown: Option<((String, String), Vec<String>)>,
}

/// What a preview was built from.
type ExportFormKey = (String, String);

/// A remembered choice's value, by the names the choices are saved under.
type Choices = std::collections::BTreeMap<String, String>;

impl ExportForm {
    /// The choices by name, as plain strings, to be remembered after the window closes
    /// (read back by [`Self::from_choices`]).
    pub fn choices(&self) -> Choices {
        let yes = |b: bool| b.to_string();
        let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
        [
            ("unit", self.unit.name().to_string()),
            ("status", self.status.map_or("", |s| s.as_str()).to_string()),
            ("labels", self.labels.clone()),
            ("map", self.map.clone()),
            ("split", self.split.clone()),
            ("seed", self.seed.clone()),
            ("stratify", yes(self.stratify)),
            ("folds", yes(self.folds)),
            ("folds_value", self.folds_value.to_string()),
            ("fold_dev", yes(self.fold_dev)),
            ("nested", self.nested.name().to_string()),
            ("scheme", self.scheme.name().to_string()),
            ("sep", self.sep.name().to_string()),
            ("tokens", self.tokens.name().to_string()),
            ("kinds", kinds.join(",")),
            ("kinds_chosen", yes(self.kinds_chosen)),
            ("include_pending", yes(self.include_pending)),
            ("roles", yes(self.roles)),
            ("dedup", yes(self.dedup)),
            ("skip_unsure", yes(self.skip_unsure)),
            ("max_chars", yes(self.max_chars)),
            ("max_chars_value", self.max_chars_value.to_string()),
            ("keep_empty", yes(self.keep_empty)),
            ("keep_empty_percent", self.keep_empty_percent.to_string()),
            ("keep_split", yes(self.keep_split)),
            ("layer", self.layer.clone().unwrap_or_default()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// The form of remembered [`Self::choices`]; a choice missing or not understood (a
    /// file from another version) keeps its default.
    pub fn from_choices(c: &Choices) -> Self {
        let get = |k: &str| c.get(k).map(String::as_str);
        let yes = |k: &str| get(k) == Some("true");
        let text = |k: &str| get(k).unwrap_or_default().to_string();
        let number = |k: &str| get(k).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
        fn named<T: Copy + Default>(
            all: &[T],
            name: impl Fn(T) -> &'static str,
            v: Option<&str>,
        ) -> T {
            all.iter()
                .copied()
                .find(|x| Some(name(*x)) == v)
                .unwrap_or_default()
        }
        Self {
            unit: named(&Unit::ALL, Unit::name, get("unit")),
            status: DocStatus::ALL
                .into_iter()
                .find(|s| Some(s.as_str()) == get("status")),
            labels: text("labels"),
            map: text("map"),
            split: text("split"),
            seed: text("seed"),
            stratify: yes("stratify"),
            folds: yes("folds"),
            folds_value: number("folds_value"),
            fold_dev: yes("fold_dev"),
            nested: named(&Nested::ALL, Nested::name, get("nested")),
            scheme: named(&Scheme::ALL, Scheme::name, get("scheme")),
            sep: named(&Sep::ALL, Sep::name, get("sep")),
            tokens: named(&Tokens::ALL, Tokens::name, get("tokens")),
            kinds: get("kinds")
                .unwrap_or_default()
                .split(',')
                .filter_map(|k| SpanKind::ALL.into_iter().find(|x| x.as_str() == k))
                .collect(),
            kinds_chosen: yes("kinds_chosen"),
            include_pending: yes("include_pending"),
            roles: yes("roles"),
            dedup: yes("dedup"),
            skip_unsure: yes("skip_unsure"),
            max_chars: yes("max_chars"),
            max_chars_value: number("max_chars_value"),
            keep_empty: yes("keep_empty"),
            keep_empty_percent: number("keep_empty_percent"),
            keep_split: yes("keep_split"),
            layer: Some(text("layer")).filter(|l| !l.is_empty()),
            ..Self::default()
        }
    }

    /// The manifest of an earlier split export in the folder `out`, when this export splits
    /// too (not folds): what "keep the earlier split" reads.
    pub fn earlier_manifest(&self, out: &str) -> Option<PathBuf> {
        if self.folds || self.split.trim().is_empty() || out.trim().is_empty() {
            return None;
        }
        Some(Path::new(out.trim()).join("manifest.json")).filter(|m| m.is_file())
    }

    /// The options for format `f`, or the message of the first field that does not parse.
    pub fn options(&self, f: &Format) -> Result<Options, Msg> {
        let seed = || -> Result<u64, Msg> {
            if self.seed.trim().is_empty() {
                Ok(0)
            } else {
                self.seed.trim().parse().map_err(|_| Msg::BadSeed)
            }
        };
        // Folds take the place of a split.
        let folds = if self.folds {
            let k = self.folds_value.max(2);
            if self.fold_dev && k < 3 {
                return Err(Msg::FoldDevNeedsThree);
            }
            Some(crate::format::training::Folds {
                k,
                seed: seed()?,
                stratify: self.stratify,
                dev: self.fold_dev,
            })
        } else {
            None
        };
        let split = if self.folds || self.split.trim().is_empty() {
            None
        } else {
            Some(Split {
                stratify: self.stratify,
                ..Split::parse(self.split.trim(), seed()?).map_err(|_| Msg::BadSplit)?
            })
        };
        let takes = |o| f.takes(o);
        Ok(Options {
            unit: self.unit,
            status: self.status,
            labels: parse_labels(&self.labels),
            map: parse_map(&self.map).map_err(|_| Msg::BadMap)?,
            split,
            nested: if takes(OptionKind::Nested) {
                self.nested
            } else {
                Nested::default()
            },
            scheme: if takes(OptionKind::Scheme) {
                self.scheme
            } else {
                Scheme::default()
            },
            sep: if takes(OptionKind::Sep) {
                self.sep
            } else {
                Sep::default()
            },
            tokens: if takes(OptionKind::Tokens) {
                self.tokens
            } else {
                Tokens::default()
            },
            kinds: (takes(OptionKind::Kinds) && (self.kinds_chosen || !self.kinds.is_empty()))
                .then(|| self.kinds.clone()),
            include_pending: takes(OptionKind::IncludePending) && self.include_pending,
            roles: takes(OptionKind::Roles)
                && self.roles
                && self.kinds.contains(&SpanKind::Argument),
            folds,
            dedup: self.dedup,
            skip_unsure: self.skip_unsure,
            max_chars: self.max_chars.then_some(self.max_chars_value.max(1)),
            keep_empty: self
                .keep_empty
                .then_some(f64::from(self.keep_empty_percent.min(100)) / 100.0),
            ..Options::default()
        })
    }

    /// What the preview depends on: the format, the options and the language (an error in
    /// the preview is worded in it).
    fn key(&self, f: &Format, lang: Lang) -> ExportFormKey {
        let mut k = self.clone();
        k.preview = None;
        k.unknown = None;
        (f.name.to_string(), format!("{k:?} {}", lang.code()))
    }
}

/// Show the options for format `f` (the preview is [`show_preview`]).
pub fn show(ui: &mut egui::Ui, form: &mut ExportForm, f: &Format, p: Option<&Project>, lang: Lang) {
    let t = |m| tr(lang, m);
    ui.horizontal(|ui| {
        for (u, m) in
            Unit::ALL
                .into_iter()
                .zip([Msg::PerDocument, Msg::PerArticle, Msg::PerSentence])
        {
            ui.radio_value(&mut form.unit, u, t(m));
        }
    });
    egui::Grid::new("export_options")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label(t(Msg::ExportDocs));
            ui.horizontal(|ui| {
                ui.radio_value(&mut form.status, None, t(Msg::StatusAll));
                ui.radio_value(
                    &mut form.status,
                    Some(DocStatus::Done),
                    t(Msg::ExportStatusDone),
                );
                ui.radio_value(
                    &mut form.status,
                    Some(DocStatus::Reviewed),
                    t(Msg::ExportStatusReviewed),
                );
            });
            ui.end_row();
            let l = ui.label(t(Msg::KeepLabels));
            ui.add(
                egui::TextEdit::singleline(&mut form.labels)
                    .id_salt("export_labels")
                    .hint_text("PER,ORG")
                    .desired_width(240.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            // A name the project has nowhere (a typo, or a label of another project): said
            // as it is typed, before an export that would keep nothing of it.
            if let Some(p) = p {
                let typed = (form.labels.clone(), form.map.clone());
                if form.unknown.as_ref().map(|(k, _)| k) != Some(&typed) {
                    let opts = Options {
                        labels: parse_labels(&form.labels),
                        map: parse_map(&form.map).unwrap_or_default(),
                        ..Options::default()
                    };
                    let unknown = crate::format::training::unknown_labels(p, &opts);
                    form.unknown = Some((typed, unknown));
                }
                if let Some((_, unknown)) = form.unknown.as_ref().filter(|(_, u)| !u.is_empty()) {
                    ui.label("");
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} {}", t(Msg::NotInProject), unknown.join(", ")),
                    );
                    ui.end_row();
                }
            }
            let l = ui.label(t(Msg::MapLabels));
            ui.add(
                egui::TextEdit::singleline(&mut form.map)
                    .id_salt("export_map")
                    .hint_text("机构=ORG")
                    .desired_width(240.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t(Msg::SplitSets));
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.split)
                        .id_salt("export_split")
                        .hint_text("8:1:1")
                        .desired_width(80.0),
                )
                .labelled_by(l.id);
                let s = ui.label(t(Msg::Seed));
                ui.add(
                    egui::TextEdit::singleline(&mut form.seed)
                        .id_salt("export_seed")
                        .hint_text("0")
                        .desired_width(60.0),
                )
                .labelled_by(s.id);
            });
            ui.end_row();
            if f.takes(OptionKind::Nested) {
                ui.label(t(Msg::NestedPolicy));
                ui.horizontal(|ui| {
                    for (n, m) in Nested::ALL.into_iter().zip([
                        Msg::NestedOuter,
                        Msg::NestedInner,
                        Msg::NestedLongest,
                    ]) {
                        ui.radio_value(&mut form.nested, n, t(m));
                    }
                });
                ui.end_row();
            }
            if f.takes(OptionKind::Scheme) {
                ui.label(t(Msg::TagScheme));
                ui.horizontal(|ui| {
                    for s in Scheme::ALL {
                        ui.radio_value(&mut form.scheme, s, s.name().to_uppercase());
                    }
                });
                ui.end_row();
            }
            if f.takes(OptionKind::Sep) {
                ui.label(t(Msg::Separator));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut form.sep, Sep::Tab, t(Msg::SepTab));
                    ui.radio_value(&mut form.sep, Sep::Space, t(Msg::SepSpace));
                });
                ui.end_row();
            }
            if f.takes(OptionKind::Tokens) {
                ui.label(t(Msg::TokenUnit));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut form.tokens, Tokens::Char, t(Msg::TokenChar));
                    ui.radio_value(&mut form.tokens, Tokens::Word, t(Msg::TokenWord));
                });
                ui.end_row();
            }
            if f.takes(OptionKind::Kinds) {
                ui.label(t(Msg::KindsWritten));
                ui.horizontal(|ui| {
                    if form.kinds.is_empty() && !form.kinds_chosen {
                        form.kinds = crate::format::training::DEFAULT_KINDS.to_vec();
                    }
                    for (k, m) in SpanKind::ALL.into_iter().zip([
                        Msg::KindEntity,
                        Msg::KindFigure,
                        Msg::KindTrigger,
                        Msg::KindArgument,
                        Msg::KindStructure,
                    ]) {
                        let mut on = form.kinds.contains(&k);
                        if ui.checkbox(&mut on, t(m)).changed() {
                            form.kinds_chosen = true;
                            if on {
                                form.kinds.push(k);
                            } else {
                                form.kinds.retain(|x| *x != k);
                            }
                        }
                    }
                });
                ui.end_row();
            }
        });
    if f.takes(OptionKind::Roles) {
        let arguments = form.kinds.contains(&SpanKind::Argument);
        ui.add_enabled(
            arguments,
            egui::Checkbox::new(&mut form.roles, t(Msg::ArgumentRolesOpt)),
        )
        .on_hover_text(t(Msg::ArgumentRolesHint))
        .on_disabled_hover_text(t(Msg::ArgumentRolesHint));
    }
    if f.takes(OptionKind::IncludePending) {
        ui.checkbox(&mut form.include_pending, t(Msg::IncludePendingOpt));
    }
    ui.checkbox(&mut form.dedup, t(Msg::DedupRecords));
    ui.checkbox(&mut form.skip_unsure, t(Msg::SkipUnsureOpt))
        .on_hover_text(t(Msg::SkipUnsureHint));
    if form.max_chars_value == 0 {
        // BERT's input limit, less its two special tokens.
        form.max_chars_value = 510;
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut form.max_chars, t(Msg::MaxCharsOpt));
        ui.add_enabled(
            form.max_chars,
            egui::DragValue::new(&mut form.max_chars_value)
                .range(1..=100_000)
                .suffix(t(Msg::MaxCharsUnit)),
        );
    })
    .response
    .on_hover_text(t(Msg::MaxCharsHint));
    if !form.keep_empty && form.keep_empty_percent == 0 {
        // A tenth: the negatives a trigger or entity tagger still learns "no span" from.
        form.keep_empty_percent = 10;
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut form.keep_empty, t(Msg::KeepEmptyOpt));
        ui.add_enabled(
            form.keep_empty,
            egui::DragValue::new(&mut form.keep_empty_percent)
                .range(0..=100)
                .suffix(" %"),
        );
        ui.label(t(Msg::KeepEmptyAfter));
    })
    .response
    .on_hover_text(t(Msg::KeepEmptyHint));
    if form.folds_value < 2 {
        form.folds_value = 5;
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut form.folds, t(Msg::FoldsOpt));
        ui.add_enabled(
            form.folds,
            egui::DragValue::new(&mut form.folds_value)
                .range(2..=50)
                .suffix(t(Msg::FoldsUnit)),
        );
    })
    .response
    .on_hover_text(t(Msg::FoldsHint));
    if form.folds {
        ui.checkbox(&mut form.fold_dev, t(Msg::FoldDevOpt))
            .on_hover_text(t(Msg::FoldDevHint));
    }
    if !form.split.trim().is_empty() || form.folds {
        ui.checkbox(&mut form.stratify, t(Msg::StratifyOpt))
            .on_hover_text(t(Msg::StratifyHint));
        ui.weak(t(match (form.folds, form.fold_dev) {
            (true, true) => Msg::FoldsDevFolderHint,
            (true, false) => Msg::FoldsFolderHint,
            _ => Msg::SplitFolderHint,
        }));
    }
}

/// The preview of the first records `p` gives with the form's options, in a box at most
/// `height` points high (it scrolls).
pub fn show_preview(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    f: &Format,
    p: Option<&Project>,
    keeps_split: bool,
    lang: Lang,
    height: f32,
) {
    let t = |m| tr(lang, m);
    let Some(p) = p else {
        return;
    };
    let mut key = form.key(f, lang);
    key.1.push_str(if keeps_split { " kept" } else { "" });
    if form.preview.as_ref().map(|(k, _, _)| k) != Some(&key) {
        let dir = form.project_dir.as_deref();
        // A split or folds cut the whole export, not its first documents: the preview shows
        // the first records unsplit, under a line that says how the export cuts them.
        let opts = form.options(f).map(|o| {
            let cut = split_line(&o, form, p, dir, keeps_split, lang);
            let unsplit = Options {
                split: None,
                split_from: None,
                folds: None,
                ..o
            };
            (unsplit, cut)
        });
        let (built, cut) = match (opts, form.layer.as_deref().zip(dir)) {
            (Err(m), _) => (
                Preview {
                    docs: 0,
                    text: t(m).to_string(),
                },
                None,
            ),
            (Ok((opts, cut)), None) => (preview(f, p, dir, &opts, lang), cut),
            // Another layer: its first documents, read from its saved files.
            (Ok((opts, cut)), Some((layer, dir))) => {
                (preview_saved_layer(f, p, dir, layer, &opts, lang), cut)
            }
        };
        form.preview = Some((key, built, cut));
    }
    if let Some((_, built, cut)) = &form.preview {
        if let Some(cut) = cut {
            ui.label(cut);
        }
        ui.label(crate::i18n::preview_heading(lang, built.docs));
        egui::ScrollArea::vertical()
            .id_salt("export_preview")
            .max_height(height)
            .min_scrolled_height(height)
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(egui::RichText::new(&built.text).monospace().small()).wrap(),
                );
            });
    }
}

/// How an export with `opts` cuts the documents it writes, when it splits them or makes
/// folds: the parts' sizes, from how many documents it writes (those of the open layer that
/// pass its filters, counted here; another layer's, from its statuses), and whether it
/// keeps the split of an earlier export in its folder (`keeps_split`).
fn split_line(
    opts: &Options,
    form: &ExportForm,
    p: &Project,
    dir: Option<&Path>,
    keeps_split: bool,
    lang: Lang,
) -> Option<String> {
    if opts.split.is_none() && opts.folds.is_none() {
        return None;
    }
    let n = match &form.layer {
        None => p
            .documents
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                dir.is_none_or(|dir| crate::session::exchange::exported(p, *i, dir))
                    && crate::format::training::kept_by_status(d, opts)
            })
            .count(),
        Some(l) => form
            .layers
            .iter()
            .find(|c| &c.name == l)
            .map_or(0, |c| c.passing(opts.status)),
    };
    Some(match (opts.folds, opts.split) {
        (Some(f), _) => crate::i18n::preview_folds(lang, n, f.k as usize),
        (None, Some(s)) => {
            let how = if keeps_split {
                crate::i18n::SplitHow::Kept
            } else if s.stratify {
                crate::i18n::SplitHow::Stratified
            } else {
                crate::i18n::SplitHow::Plain
            };
            crate::i18n::preview_split(lang, n, s.sizes(n), s.seed, how)
        }
        (None, None) => return None,
    })
}

/// The layer to export: a list of the project's layers, the open one first, each with how
/// many of the project's documents it has finished. The open layer is exported as it stands;
/// another is read from its saved files. Choosing the curated layer exports finished reviews
/// unless another status is chosen after. Under the list: that the open layer holds nothing
/// (an export of it would be texts alone), or that another layer is read from its files.
pub fn layer_choice(ui: &mut egui::Ui, form: &mut ExportForm, p: &Project, lang: Lang) {
    let t = |m| tr(lang, m);
    let of = p.documents.len();
    let chosen = form.layer.clone().unwrap_or_else(|| p.annotator.clone());
    let name_of = |c: &crate::session::overview::LayerChoice| {
        export_layer_choice(lang, &c.name, c.open, c.finished(), of)
    };
    let shown = form
        .layers
        .iter()
        .find(|c| c.name == chosen)
        .map_or_else(|| chosen.clone(), name_of);
    let mut picked = None;
    ui.horizontal(|ui| {
        let l = ui.label(t(Msg::ExportLayer));
        egui::ComboBox::from_id_salt("export_layer")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for c in &form.layers {
                    if ui.selectable_label(c.name == chosen, name_of(c)).clicked() {
                        picked = Some(c.clone());
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    if let Some(c) = picked.filter(|c| c.name != chosen) {
        form.layer = (!c.open).then(|| c.name.clone());
        if c.name == crate::model::CURATED && form.status.is_none() {
            form.status = Some(DocStatus::Done);
        }
    }
    // No document of the layer passes the status chosen: the export would be empty.
    if let Some(c) = form.layers.iter().find(|c| c.name == chosen)
        && (form.status.is_some() || c.name == crate::model::CURATED)
        && c.passing(form.status) == 0
        && of > 0
    {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            no_document_passes(lang, &c.name, form.status),
        );
    }
    match &form.layer {
        None if form.open_empty => {
            let others = form.layers.iter().any(|c| !c.open && c.documents > 0);
            ui.colored_label(
                ui.visuals().warn_fg_color,
                open_layer_empty(lang, &p.annotator, others),
            );
        }
        None => {}
        Some(l) => {
            ui.weak(layer_read_from_files(lang, l));
        }
    }
}

/// A layer as the export dialog lists it: its name, whether it is the open one, and how
/// many of the project's `of` documents it has finished (the curated layer: reviewed).
fn export_layer_choice(lang: Lang, name: &str, open: bool, finished: usize, of: usize) -> String {
    let curated = name == crate::model::CURATED;
    match (lang, open, curated) {
        (Lang::Zh, true, true) => format!("{name}（审定层，当前打开，已审完 {finished}/{of} 篇）"),
        (Lang::Zh, true, false) => format!("{name}（当前打开，已完成 {finished}/{of} 篇）"),
        (Lang::Zh, false, true) => format!("{name}（审定层，已审完 {finished}/{of} 篇）"),
        (Lang::Zh, false, false) => format!("{name}（已完成 {finished}/{of} 篇）"),
        (Lang::En, true, true) => {
            format!("{name} (curated, open, {finished} of {of} reviewed)")
        }
        (Lang::En, true, false) => format!("{name} (open, {finished} of {of} done)"),
        (Lang::En, false, true) => format!("{name} (curated, {finished} of {of} reviewed)"),
        (Lang::En, false, false) => format!("{name} ({finished} of {of} done)"),
    }
}

/// The export dialog's warning that the open layer `name` holds no span and no event, with
/// `others` when another layer has files to choose instead.
fn open_layer_empty(lang: Lang, name: &str, others: bool) -> String {
    match (lang, others) {
        (Lang::Zh, true) => format!(
            "打开的标注层 {name} 还没有任何标注，导出的只有文本；要导出其他人的标注，请在上面选择那一层"
        ),
        (Lang::Zh, false) => format!("打开的标注层 {name} 还没有任何标注，导出的只有文本"),
        (Lang::En, true) => format!(
            "the open layer {name} holds no annotation yet, so the export would hold the texts alone; choose another layer above to export its annotations"
        ),
        (Lang::En, false) => format!(
            "the open layer {name} holds no annotation yet, so the export would hold the texts alone"
        ),
    }
}

/// The export dialog's warning that no document of the layer `name` has the status
/// `status` asks for (none: the curated layer, with no document reviewed at all), so the
/// export would hold no document.
fn no_document_passes(lang: Lang, name: &str, status: Option<DocStatus>) -> String {
    match (lang, status) {
        (Lang::Zh, Some(DocStatus::Reviewed)) => format!(
            "{name} 还没有已审阅的文档：按上面“文档”的选择，导出将是空的（选“全部”导出每篇文档）"
        ),
        (Lang::Zh, Some(_)) => format!(
            "{name} 还没有已完成或已审阅的文档：按上面“文档”的选择，导出将是空的（选“全部”导出每篇文档）"
        ),
        (Lang::Zh, None) => format!("{name} 还没有任何文档的审阅：导出将是空的"),
        (Lang::En, Some(DocStatus::Reviewed)) => format!(
            "{name} has no reviewed document yet: with the Documents chosen above the export would be empty (\"all\" exports every document)"
        ),
        (Lang::En, Some(_)) => format!(
            "{name} has no document done or reviewed yet: with the Documents chosen above the export would be empty (\"all\" exports every document)"
        ),
        (Lang::En, None) => {
            format!("{name} has no document reviewed at all yet: the export would be empty")
        }
    }
}

/// The export dialog's note that the layer `name`, not open, is read from its saved files.
fn layer_read_from_files(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{name} 不是打开的标注层：导出其已保存的文件"),
        Lang::En => format!("{name} is not the open layer: its saved files are exported"),
    }
}

/// Below the export button: the command line that does the same export (`biaozhu export
/// DIR --format … --out … --layer …` with the options chosen), selectable, with a button
/// that copies it, so that an export chosen here can be redone by a script. Nothing while
/// an option does not parse or no path is given.
pub fn command_line(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    f: &Format,
    out: &str,
    p: &Project,
    lang: Lang,
) {
    let (Some(dir), Ok(opts)) = (form.project_dir.as_deref(), form.options(f)) else {
        return;
    };
    if out.trim().is_empty() {
        return;
    }
    let mut args = crate::format::command_line::export_args(
        dir,
        f,
        Path::new(out.trim()),
        form.layer.as_deref().unwrap_or(&p.annotator),
        &opts,
    );
    if form.keep_split
        && let Some(m) = form.earlier_manifest(out)
    {
        args.extend(["--split-from".to_string(), m.display().to_string()]);
    }
    let line = crate::format::command_line::shell_line(&args);
    ui.horizontal(|ui| {
        ui.weak(tr(lang, Msg::ExportCommandLine));
        let copied = form.copied.as_deref() == Some(line.as_str());
        let button = tr(
            lang,
            if copied {
                Msg::CommandLineCopied
            } else {
                Msg::CopyCommandLine
            },
        );
        if ui.small_button(button).clicked() {
            ui.ctx().copy_text(line.clone());
            form.copied = Some(line.clone());
        }
    });
    ui.add(
        egui::Label::new(egui::RichText::new(&line).monospace().small())
            .wrap()
            .selectable(true),
    );
    // The window exports the open layer as it stands; the command, the saved files.
    if p.is_dirty() && form.layer.is_none() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr(lang, Msg::CommandReadsSavedFiles),
        );
    }
}

/// Files of an export folder that hold no records: the preview shows another.
const SIDE_FILES: [&str; 6] = [
    "README.md",
    "labels.json",
    "annotation.conf",
    "visual.conf",
    "manifest.json",
    "schema.json",
];

/// How many documents a preview is built from, and the most documents and chars it reads
/// when they hold nothing the format writes (a trigger export whose first documents have
/// no event): it is built in the window's frame, when an option changes.
const PREVIEW_DOCS: usize = 3;
const PREVIEW_MOST_DOCS: usize = 48;
const PREVIEW_MOST_CHARS: u64 = 300_000;

/// What the export dialog previews: the first lines of the records, and how many of the
/// documents the export writes they were built from (0: it writes none).
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The documents the preview was built from.
    pub docs: usize,
    /// The first lines written, or why there are none.
    pub text: String,
}

/// The first lines of what exporting the first documents the export writes of `p` gives
/// (of its first file of records, for a folder; from its documents, for a corpus that opens
/// with the schema): three documents, more (up to 48, or 300,000 chars) while they hold
/// nothing the format writes. The documents are those the options' status keeps and, with the project's
/// folder `dir`, those of the curated layer someone has reviewed, as the export leaves the
/// others out. An error is shown in `lang`.
pub fn preview(f: &Format, p: &Project, dir: Option<&Path>, opts: &Options, lang: Lang) -> Preview {
    let kept = |i: &usize| {
        dir.is_none_or(|d| crate::session::exchange::exported(p, *i, d))
            && crate::format::training::kept_by_status(&p.documents[*i], opts)
    };
    preview_growing(f, p, opts, lang, |n| {
        Ok((0..p.documents.len())
            .filter(kept)
            .take(n)
            .map(|i| p.documents[i].clone())
            .collect())
    })
}

/// [`preview`] of `layer`, which is not open: its documents read from their saved files in
/// `dir` (only as many as the preview needs), the texts taken from `p`.
pub fn preview_saved_layer(
    f: &Format,
    p: &Project,
    dir: &Path,
    layer: &str,
    opts: &Options,
    lang: Lang,
) -> Preview {
    let keep = |d: &Document| crate::format::training::kept_by_status(d, opts);
    preview_growing(f, p, opts, lang, |n| {
        crate::session::exchange::saved_layer_sample(p, dir, layer, n, keep)
            .map(|s| s.documents)
            .map_err(|e| crate::session::store_message(&e, lang))
    })
}

/// The preview from the first `n` documents `docs(n)` gives, `n` growing from three while
/// they hold nothing written and more are to be had.
fn preview_growing(
    f: &Format,
    p: &Project,
    opts: &Options,
    lang: Lang,
    mut docs: impl FnMut(usize) -> Result<Vec<Document>, String>,
) -> Preview {
    let mut n = PREVIEW_DOCS;
    loop {
        let documents = match docs(n) {
            Ok(d) => d,
            Err(text) => return Preview { docs: 0, text },
        };
        let got = documents.len();
        let chars: u64 = documents
            .iter()
            .map(|d| u64::from(d.text.len_chars()))
            .sum();
        if got == 0 {
            let text = tr(lang, Msg::PreviewNoDocuments).to_string();
            return Preview { docs: 0, text };
        }
        let text = match first_lines(f, p, documents, opts, lang) {
            Ok(Some(text)) => text,
            Ok(None) if got == n && n < PREVIEW_MOST_DOCS && chars < PREVIEW_MOST_CHARS => {
                n = (n * 4).min(PREVIEW_MOST_DOCS);
                continue;
            }
            Ok(None) => tr(lang, Msg::PreviewNothingWritten).to_string(),
            Err(text) => text,
        };
        return Preview { docs: got, text };
    }
}

/// The first lines exporting `documents` (with `p`'s schema) writes, `None` when it writes
/// no record; an error worded in `lang`.
fn first_lines(
    f: &Format,
    p: &Project,
    documents: Vec<Document>,
    opts: &Options,
    lang: Lang,
) -> Result<Option<String>, String> {
    const LINES: usize = 24;
    const LINE_CHARS: usize = 160;
    let small = Project {
        name: p.name.clone(),
        schema: p.schema.clone(),
        settings: p.settings.clone(),
        documents,
        annotator: p.annotator.clone(),
        dirty_docs: Default::default(),
        project_dirty: false,
        assignments: Default::default(),
    };
    let built = match f.build(&small, opts, &mut |_, _| true) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(e) => return Err(e.message_in(lang)),
    };
    let (head, body) = match built.output {
        Output::File(s) => (String::new(), s),
        // A file of records, not the folder's README, schema or labels; brat's annotations
        // rather than the text beside them, unless they are empty.
        Output::Folder(files) => match files.into_iter().min_by_key(|(name, body)| {
            if SIDE_FILES.contains(&name.as_str()) {
                3
            } else if body.trim().is_empty() {
                2
            } else if name.ends_with(".txt") {
                1
            } else {
                0
            }
        }) {
            Some((name, s)) if !SIDE_FILES.contains(&name.as_str()) => (format!("{name}:\n"), s),
            _ => return Ok(None),
        },
    };
    if body.trim().is_empty() {
        return Ok(None);
    }
    let mut out = head;
    // A corpus file opens with the schema: the preview starts at its documents.
    let lines: Vec<&str> = body.lines().collect();
    let documents = match f.name {
        "json" => "\"documents\":",
        "ron" => "documents:",
        _ => "",
    };
    let from = lines
        .iter()
        .position(|l| !documents.is_empty() && l.trim_start().starts_with(documents))
        .unwrap_or(0);
    if from > 0 {
        out.push_str(tr(lang, Msg::PreviewSchemaLeftOut));
        out.push('\n');
    }
    for line in lines[from..].iter().take(LINES) {
        let mut l: String = line.chars().take(LINE_CHARS).collect();
        if line.chars().count() > LINE_CHARS {
            l.push('…');
        }
        out.push_str(&l);
        out.push('\n');
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every choice of the form reads back from its remembered strings, and strings from
    /// another version (a choice unknown, a value not understood) keep the defaults.
    #[test]
    fn the_choices_read_back_as_the_same_form() {
        let form = ExportForm {
            unit: Unit::Sentence,
            status: Some(DocStatus::Done),
            labels: "PER,机构".into(),
            map: "机构=ORG".into(),
            split: "8:1:1".into(),
            seed: "7".into(),
            stratify: true,
            folds: true,
            folds_value: 5,
            fold_dev: true,
            nested: Nested::ALL[2],
            scheme: Scheme::ALL[2],
            sep: Sep::ALL[1],
            tokens: Tokens::ALL[1],
            kinds: vec![SpanKind::Trigger, SpanKind::Argument],
            kinds_chosen: true,
            include_pending: true,
            roles: true,
            dedup: true,
            skip_unsure: true,
            max_chars: true,
            max_chars_value: 510,
            keep_empty: true,
            keep_empty_percent: 35,
            keep_split: true,
            layer: Some("bob".into()),
            ..ExportForm::default()
        };
        assert_eq!(ExportForm::from_choices(&form.choices()), form);
        assert_eq!(
            ExportForm::from_choices(&ExportForm::default().choices()),
            ExportForm::default()
        );
        let odd: Choices = [("unit", "chapter"), ("dedup", "yes"), ("colour", "red")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(ExportForm::from_choices(&odd), ExportForm::default());
    }

    /// The preview is built again when the language changes (its errors are worded in it).
    #[test]
    fn the_preview_key_holds_the_language() {
        let form = ExportForm::default();
        let f = crate::format::by_name("json").unwrap();
        assert_ne!(form.key(f, Lang::Zh), form.key(f, Lang::En));
        assert_eq!(form.key(f, Lang::Zh), form.key(f, Lang::Zh));
    }

    #[test]
    fn the_form_parses_into_options_and_names_a_bad_field() {
        let f = crate::format::by_name("json").expect("json");
        let mut form = ExportForm {
            labels: "PER，ORG".into(),
            map: "机构=ORG".into(),
            split: "8:1:1".into(),
            seed: "7".into(),
            ..ExportForm::default()
        };
        let o = form.options(f).expect("parses");
        assert_eq!(o.labels, Some(vec!["PER".to_string(), "ORG".to_string()]));
        assert_eq!(o.map, vec![("机构".to_string(), "ORG".to_string())]);
        assert_eq!(o.split.map(|s| s.seed), Some(7));
        form.seed = "x".into();
        assert_eq!(form.options(f), Err(Msg::BadSeed));
        form.seed.clear();
        form.split = "8:1".into();
        assert_eq!(form.options(f), Err(Msg::BadSplit));
        form.split.clear();
        form.map = "ORG".into();
        assert_eq!(form.options(f), Err(Msg::BadMap));
    }

    #[test]
    fn the_preview_shows_the_first_records_only() {
        let mut p = five_documents("");
        let f = crate::format::by_name("duee").expect("duee");
        let text = preview(f, &p, None, &Options::default(), Lang::En).text;
        assert!(text.starts_with("{\"text\":\"第0篇。\""), "{text}");
        assert_eq!(text.lines().count(), 3, "the first three documents: {text}");
        // The corpus formats open with the schema; the preview starts at the documents.
        for (name, first) in [("json", "\"documents\": ["), ("ron", "documents: [")] {
            let f = crate::format::by_name(name).expect(name);
            let text = preview(f, &p, None, &Options::default(), Lang::En).text;
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines[0], "… (the schema before this left out)", "{text}");
            assert_eq!(lines[1].trim(), first, "{text}");
            assert!(text.contains("第0篇。"), "{name}: {text}");
        }
        // A folder shows a file of records, not its README or labels.
        let f = crate::format::by_name("hf").expect("hf");
        let text = preview(f, &p, None, &Options::default(), Lang::En).text;
        assert!(text.starts_with("data.jsonl:\n"), "{text}");
        // brat: the text while no document has a span, then the annotations.
        let f = crate::format::by_name("brat").expect("brat");
        let text = preview(f, &p, None, &Options::default(), Lang::En).text;
        assert!(text.starts_with("d0.txt:\n第0篇。"), "{text}");
        let span = crate::model::Span::new(
            crate::model::SpanId(1),
            crate::model::CharRange::new(0, 2),
            crate::model::SpanKind::Entity,
            "LOC",
        );
        p.documents[1].layer = crate::model::Layer::from_parts(
            vec![span],
            Vec::new(),
            crate::model::DocStatus::default(),
            2,
            1,
        );
        let text = preview(f, &p, None, &Options::default(), Lang::En).text;
        assert!(text.starts_with("d1.ann:\nT"), "{text}");
        // The curated layer: the documents nobody reviewed (no curated file, no unsaved
        // edit) are skipped, as the export leaves them out.
        let tmp = tempfile::tempdir().expect("a temporary folder");
        p.annotator = crate::model::CURATED.into();
        let file = tmp.path().join("annotations/d3/curated.ron");
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("made");
        std::fs::write(&file, "").expect("written");
        p.dirty_docs.insert(4);
        let f = crate::format::by_name("duee").expect("duee");
        let built = preview(f, &p, Some(tmp.path()), &Options::default(), Lang::En);
        let text = &built.text;
        assert!(text.starts_with("{\"text\":\"第3篇。\""), "{text}");
        assert!(text.contains("第4篇") && !text.contains("第0篇"), "{text}");
        assert_eq!(text.lines().count(), 2, "{text}");
        assert_eq!(built.docs, 2);
    }

    /// A project of five untagged documents `d0`…`d4`, each `第{i}篇{tail}。`.
    fn five_documents(tail: &str) -> Project {
        let mut p = Project::new("t", "main");
        for i in 0..5 {
            p.documents.push(crate::model::Document {
                meta: crate::model::DocMeta {
                    id: format!("d{i}"),
                    published: None,
                    imported_from: None,
                },
                text: crate::model::Text::new(format!("第{i}篇{tail}。")),
                layer: crate::model::Layer::new(),
            });
        }
        p
    }

    /// The preview shows what the export writes: with `--status done`, the first documents
    /// marked done, not the first three of the project (which it would leave out).
    #[test]
    fn the_preview_starts_at_the_documents_the_status_keeps() {
        let mut p = five_documents("写甘肃");
        p.documents[3].layer.status = DocStatus::Done;
        p.documents[4].layer.status = DocStatus::Reviewed;
        let f = crate::format::by_name("duee").expect("duee");
        let opts = Options {
            status: Some(DocStatus::Done),
            ..Options::default()
        };
        let built = preview(f, &p, None, &opts, Lang::En);
        assert_eq!(built.docs, 2, "{built:?}");
        assert!(built.text.starts_with("{\"text\":\"第3篇"), "{built:?}");
        assert!(built.text.contains("第4篇") && !built.text.contains("第0篇"));
        assert_eq!(
            crate::i18n::preview_heading(Lang::Zh, built.docs),
            "预览（要导出的前 2 篇文档）"
        );
        // None done: the preview says so rather than showing an empty box.
        p.documents[3].layer.status = DocStatus::New;
        p.documents[4].layer.status = DocStatus::InProgress;
        let built = preview(f, &p, None, &opts, Lang::Zh);
        assert_eq!(built.docs, 0);
        assert_eq!(built.text, tr(Lang::Zh, Msg::PreviewNoDocuments));
    }

    /// When the first three documents hold nothing the format writes (records with nothing
    /// to write left out), the preview reads on until it finds some, rather than show an
    /// empty box for an export that is not empty.
    #[test]
    fn the_preview_reads_on_past_documents_that_write_nothing() {
        let mut p = five_documents("写甘肃");
        let span = crate::model::Span::new(
            crate::model::SpanId(1),
            crate::model::CharRange::new(4, 6),
            crate::model::SpanKind::Entity,
            "LOC",
        );
        p.documents[4].layer =
            crate::model::Layer::from_parts(vec![span], Vec::new(), DocStatus::default(), 2, 1);
        let f = crate::format::by_name("hf-spans").expect("hf-spans");
        let opts = Options {
            keep_empty: Some(0.0),
            ..Options::default()
        };
        let built = preview(f, &p, None, &opts, Lang::En);
        assert_eq!(built.docs, 5, "{built:?}");
        assert!(
            built.text.contains("第4篇写甘肃") && built.text.contains("LOC"),
            "{built:?}"
        );
        assert_eq!(built.text.lines().count(), 1, "{built:?}");
        // Nothing anywhere: said, not an empty box.
        p.documents[4].layer = crate::model::Layer::new();
        let built = preview(f, &p, None, &opts, Lang::En);
        assert_eq!(built.docs, 5);
        assert_eq!(built.text, tr(Lang::En, Msg::PreviewNothingWritten));
    }
}
