//! The review panel: the annotators compared, the current document's agreements and
//! disagreements with each annotator's version and the curated layer's decision, buttons
//! (and their keys) to accept a version, reject, or accept every agreement; and the change
//! list. It reads the session and returns intents.

use crate::i18n::{Lang, Msg, tr};
use crate::review::compare::{DiffKind, Item};
use crate::review::curate::Decision;
use crate::session::Session;
use crate::session::review::{Review, ReviewFilter, argument_differences, version_text};
use crate::ui::intent::{Intent, ReviewBox, ReviewMark as Mark};

/// Review items as the text draws them, sorted by start.
type Marks = Vec<ReviewBox>;

/// Documents with open items and how many, in project order.
type Counts = Vec<(usize, usize)>;

/// UI state of the review panel.
#[derive(Debug)]
pub struct ReviewPanel {
    /// Show only disagreements in the list.
    pub only_disagreements: bool,
    /// Decisions of the current document, cached by session generation and document.
    cache: Option<(u64, usize, Vec<Decision>)>,
    /// The session generation and document the text view's marks were last made for.
    marks_for: Option<(u64, usize)>,
    /// The selected item the list last scrolled to.
    scrolled_to: Option<(usize, usize)>,
    /// The project's worklist (documents with items still open, and how many), cached by
    /// session generation; and the same for the items the filter lets through.
    worklist: Option<(u64, Counts, Counts)>,
}

impl Default for ReviewPanel {
    fn default() -> Self {
        Self {
            only_disagreements: true,
            cache: None,
            marks_for: None,
            scrolled_to: None,
            worklist: None,
        }
    }
}

/// The words for a kind of item.
pub use crate::session::review::diff_kind_name as kind_name;

/// What Ctrl+Shift+A does in document `doc`, in words: confirm the unconfirmed items where
/// one annotator alone is compared, else accept the agreements.
pub fn accept_all_words(r: &Review, doc: usize) -> Msg {
    if r.is_solo(doc) {
        Msg::AcceptUnconfirmed
    } else {
        Msg::AcceptAgreements
    }
}

/// The label (or event type) of an item only one annotator has, from their layer.
fn solo_label(r: &Review, doc: usize, it: &Item) -> Option<String> {
    let n = it.versions.iter().position(|v| !v.is_empty())?;
    let layer = r.source(doc, n)?;
    let v = &it.versions[n];
    if let Some(id) = v.spans.first() {
        return layer.span(*id).map(|s| s.label.clone());
    }
    v.events
        .first()
        .and_then(|id| layer.event(*id))
        .map(|e| e.event_type.clone())
}

/// A decision as a person reads it. An accepted version names everyone who gave it
/// (`agreeing`, indices of `annotators`; the version's own annotator when empty): 已采纳
/// alice、carol, not only the first of them. A version that holds nothing (`nothing`: the
/// reviewer rejected what only the others tagged) reads as a rejection siding with them:
/// 已拒绝（同 bob）, not 已采纳 bob for a span the reviewer just turned down.
pub fn decision_text(
    lang: Lang,
    d: Decision,
    annotators: &[String],
    agreeing: &[usize],
    nothing: bool,
) -> String {
    match d {
        Decision::Open => tr(lang, Msg::DecisionOpen).to_string(),
        Decision::Rejected => tr(lang, Msg::DecisionRejected).to_string(),
        Decision::Edited => tr(lang, Msg::DecisionEdited).to_string(),
        Decision::Accepted(n) => {
            let name = |i: usize| annotators.get(i).map_or("?", String::as_str);
            let who: Vec<&str> = if agreeing.is_empty() {
                vec![name(n)]
            } else {
                agreeing.iter().map(|&i| name(i)).collect()
            };
            let sep = match lang {
                Lang::Zh => "、",
                Lang::En => ", ",
            };
            let who = who.join(sep);
            match (nothing, lang) {
                (true, Lang::Zh) => format!("{}（同 {who}）", tr(lang, Msg::DecisionRejected)),
                (true, Lang::En) => format!("{} (as {who})", tr(lang, Msg::DecisionRejected)),
                (false, _) => format!("{} {who}", tr(lang, Msg::DecisionAccepted)),
            }
        }
    }
}

impl ReviewPanel {
    /// The decisions for the current document (cached per change).
    pub fn decisions(&mut self, session: &Session) -> &[Decision] {
        let key = (session.generation(), session.doc());
        if self.cache.as_ref().map(|c| (c.0, c.1)) != Some(key) {
            self.cache = Some((key.0, key.1, session.review_decisions()));
        }
        self.cache.as_ref().map_or(&[], |c| c.2.as_slice())
    }

    /// The documents of the project with items still to decide, and how many (cached per
    /// change).
    pub fn worklist(&mut self, session: &Session) -> &[(usize, usize)] {
        self.refresh_worklist(session);
        self.worklist.as_ref().map_or(&[], |w| w.1.as_slice())
    }

    /// [`ReviewPanel::worklist`] for the items the review filter lets through.
    pub fn filtered_worklist(&mut self, session: &Session) -> &[(usize, usize)] {
        self.refresh_worklist(session);
        self.worklist.as_ref().map_or(&[], |w| w.2.as_slice())
    }

    fn refresh_worklist(&mut self, session: &Session) {
        let g = session.generation();
        if self.worklist.as_ref().map(|w| w.0) != Some(g) {
            self.worklist = Some((g, session.review_worklist(), session.review_walk_counts()));
        }
    }

    /// Marks for the text view, when they changed since last asked (an edit, another
    /// document, review started or ended): each item's range with how it stands (open
    /// disagreements stand out; decided items are quiet; open agreements are faint).
    pub fn changed_marks(&mut self, session: &Session) -> Option<Marks> {
        let key = (session.generation(), session.doc());
        if self.marks_for == Some(key) {
            return None;
        }
        self.marks_for = Some(key);
        let Some(r) = session.review() else {
            return Some(Vec::new());
        };
        let decisions = self.decisions(session).to_vec();
        let mut out: Marks = r
            .items(key.1)
            .iter()
            .zip(decisions)
            .enumerate()
            .map(|(i, (it, d))| {
                let mark = match (it.is_disagreement(), d) {
                    (true, Decision::Open) => Mark::Open,
                    (false, Decision::Open) => Mark::Agreement,
                    _ => Mark::Decided,
                };
                ReviewBox {
                    range: it.range,
                    mark,
                    item: i,
                    someone_has_nothing: it.kind == DiffKind::Missing,
                }
            })
            .collect();
        out.sort_by_key(|m| (m.range.start, m.range.end));
        Some(out)
    }

    /// The filter's two boxes: one kind of item, one label or event type.
    fn filter_boxes(
        &self,
        ui: &mut egui::Ui,
        session: &Session,
        lang: Lang,
        out: &mut Vec<Intent>,
    ) {
        let Some(r) = session.review() else {
            return;
        };
        let now = r.filter().clone();
        let mut kind = now.kind;
        // The labels as one value: none, one label, or a confusion cell's two (kept as an
        // entry of their own, so the box can show and keep them).
        let mut labels = now.labels.clone();
        let all = tr(lang, Msg::FilterAll);
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::new("review_filter_kind", tr(lang, Msg::FilterKind))
                .selected_text(kind.map_or(all, |k| kind_name(lang, k)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut kind, None, all);
                    for k in DiffKind::ALL.into_iter().filter(|&k| k != DiffKind::Agree) {
                        ui.selectable_value(&mut kind, Some(k), kind_name(lang, k));
                    }
                });
            let schema = &session.project().schema;
            let shown = if now.labels.is_empty() {
                all.to_string()
            } else {
                now.labels.join("+")
            };
            egui::ComboBox::new("review_filter_label", tr(lang, Msg::FilterLabel))
                .selected_text(shown.clone())
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut labels, Vec::new(), all);
                    if now.labels.len() > 1 {
                        ui.selectable_value(&mut labels, now.labels.clone(), shown);
                    }
                    let keys = schema
                        .labels
                        .iter()
                        .map(|l| l.key.as_str())
                        .chain(schema.events.iter().map(|e| e.key.as_str()));
                    for key in keys {
                        ui.selectable_value(&mut labels, vec![key.to_string()], key);
                    }
                });
        });
        if kind != now.kind || labels != now.labels {
            out.push(Intent::SetReviewFilter(ReviewFilter { kind, labels }));
        }
    }

    /// Draw the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, lang: Lang, out: &mut Vec<Intent>) {
        let Some(r) = session.review() else {
            return;
        };
        let doc = session.doc();
        let annotators = r.annotators().to_vec();
        let decisions = self.decisions(session).to_vec();
        let items = r.items(doc);
        let open_dis = items
            .iter()
            .zip(&decisions)
            .filter(|(i, d)| i.is_disagreement() && **d == Decision::Open)
            .count();
        let dis = items.iter().filter(|i| i.is_disagreement()).count();
        // A document only one annotator has a layer for: each item is theirs to confirm.
        let solo = r.is_solo(doc);
        ui.horizontal_wrapped(|ui| {
            ui.strong(tr(lang, Msg::ReviewTitle));
            ui.label(annotators.join(" ↔ "));
        });
        if solo {
            ui.label(format!(
                "{} {dis} · {} {open_dis}",
                tr(lang, Msg::Unconfirmed),
                tr(lang, Msg::Undecided),
            ));
        } else {
            ui.label(format!(
                "{} {dis} · {} {open_dis} · {} {}",
                tr(lang, Msg::Disagreements),
                tr(lang, Msg::Undecided),
                tr(lang, Msg::Agreements),
                items.len() - dis
            ));
        }
        // The whole project: how many documents still have something to decide (F8 goes on
        // to the next of them once this one has nothing open).
        let worklist = self.worklist(session);
        let open_docs = worklist.len();
        let open_items: usize = worklist.iter().map(|w| w.1).sum();
        if open_docs == 0 {
            ui.label(tr(lang, Msg::NothingOpenInProject));
        } else {
            ui.label(format!(
                "{} · {} {open_docs} · {} {open_items}",
                tr(lang, Msg::WholeProject),
                tr(lang, Msg::DocsWithOpen),
                tr(lang, Msg::Undecided),
            ));
        }
        self.filter_boxes(ui, session, lang, out);
        if !r.filter().is_all() {
            let filtered = self.filtered_worklist(session);
            let here = filtered.iter().find(|w| w.0 == doc).map_or(0, |w| w.1);
            let total: usize = filtered.iter().map(|w| w.1).sum();
            ui.label(format!(
                "{} {here} · {} {total}",
                tr(lang, Msg::FilteredOpen),
                tr(lang, Msg::WholeProject),
            ));
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr(lang, accept_all_words(r, doc)))
                .on_hover_text("Ctrl+Shift+A")
                .clicked()
            {
                out.push(Intent::AcceptAgreements);
            }
            // Finishing is for a document with nothing open (the session refuses otherwise).
            if ui
                .add_enabled(
                    open_dis == 0,
                    egui::Button::new(tr(lang, Msg::FinishReviewDoc)),
                )
                .on_hover_text("Ctrl+Shift+D")
                .on_disabled_hover_text(format!("{} {open_dis}", tr(lang, Msg::Undecided)))
                .clicked()
            {
                out.push(Intent::FinishReviewDoc);
            }
            if ui.button(tr(lang, Msg::ReviewEnd)).clicked() {
                out.push(Intent::ToggleReview);
            }
        });
        // One annotator's version of everything still open here (what the filter shows).
        if open_dis > 0 && !solo {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, Msg::AcceptAllOpenFrom));
                for (n, name) in annotators.iter().enumerate() {
                    if r.source(doc, n)
                        .is_none_or(|l| !crate::review::compare::has_work(l))
                    {
                        continue;
                    }
                    if ui
                        .button(name)
                        .on_hover_text(tr(lang, Msg::AcceptAllOpenHint))
                        .clicked()
                    {
                        out.push(Intent::AcceptVersionForOpen(n));
                    }
                }
            });
        }
        ui.checkbox(
            &mut self.only_disagreements,
            tr(lang, Msg::OnlyDisagreements),
        );
        ui.separator();
        let cursor = session.review_cursor();
        // The selected item's versions, with a button (and key) for each.
        if let Some(it) = cursor.and_then(|i| items.get(i)) {
            // With three annotators or more, the versions most of them gave are marked.
            let majority = cursor
                .filter(|_| it.is_disagreement())
                .map(|i| session.review_majority(doc, i))
                .unwrap_or_default();
            for (n, name) in annotators.iter().enumerate() {
                let Some(layer) = r.source(doc, n) else {
                    continue;
                };
                ui.horizontal_wrapped(|ui| {
                    let b = ui
                        .button(format!("{} {name}", tr(lang, Msg::AcceptVersion)))
                        .on_hover_text(format!("Ctrl+{}", n + 1));
                    if b.clicked() {
                        out.push(Intent::AcceptVersion(n));
                    }
                    ui.label(version_text(lang, session, session.doc(), layer, it, n));
                    if majority.contains(&n) {
                        ui.weak(tr(lang, Msg::MajorityMark));
                    }
                });
            }
            // An event item: the arguments its versions differ in, and who gave each (the
            // versions above read alike but for one 地点 of five).
            let layers: Vec<(Option<&crate::model::Layer>, &str)> = annotators
                .iter()
                .enumerate()
                .map(|(n, name)| {
                    let layer = r
                        .source(doc, n)
                        .filter(|l| crate::review::compare::has_work(l));
                    (layer, name.as_str())
                })
                .collect();
            let differ = argument_differences(lang, session, session.doc(), &layers, it);
            if !differ.is_empty() {
                ui.label(tr(lang, Msg::ArgsDiffer));
                let sep = match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                };
                for (arg, who) in differ {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("  {arg} — {} {}", tr(lang, Msg::OnlyBy), who.join(sep)),
                    );
                }
            }
            if ui
                .button(tr(lang, Msg::RejectItem))
                .on_hover_text("Ctrl+R")
                .clicked()
            {
                out.push(Intent::RejectReviewItem);
            }
            ui.separator();
        }
        let shown: Vec<usize> = (0..items.len())
            .filter(|&i| !self.only_disagreements || items[i].is_disagreement())
            .filter(|&i| r.shows(doc, &items[i]))
            .collect();
        let text = session.project().documents.get(doc).map(|d| &d.text);
        // Only the rows in view are drawn (a long document has thousands of items); the list
        // scrolls to the selected item when the selection changes, and is left alone after.
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("review-items")
            .auto_shrink([false, false])
            .max_height(ui.available_height() * 0.7);
        let now = cursor.map(|c| (doc, c));
        if now != self.scrolled_to {
            self.scrolled_to = now;
            if let Some(pos) = cursor.and_then(|c| shown.iter().position(|&i| i == c)) {
                area = area.vertical_scroll_offset((pos as f32 - 3.0).max(0.0) * row_h);
            }
        }
        area.show_rows(ui, row_h, shown.len(), |ui, rows| {
            for &i in &shown[rows] {
                let it = &items[i];
                let d = decisions.get(i).copied().unwrap_or(Decision::Open);
                let agreeing = |d: Decision| match d {
                    Decision::Accepted(n) => r.same_version(doc, it, n),
                    _ => Vec::new(),
                };
                let nothing = |d: Decision| match d {
                    Decision::Accepted(n) => it.versions.get(n).is_some_and(|v| v.is_empty()),
                    _ => false,
                };
                let surface: String = text
                    .and_then(|t| t.slice(it.range).ok())
                    .map(|s| super::span_list::one_line(&s.chars().take(16).collect::<String>()))
                    .unwrap_or_default();
                // One annotator's item says what they tagged (the label or event type):
                // with nothing to compare it with, that is what the reviewer confirms.
                let kind = kind_name(lang, it.kind);
                let tagged = if it.kind == DiffKind::Unconfirmed {
                    format!(" {}", solo_label(r, doc, it).unwrap_or_default())
                } else {
                    String::new()
                };
                let head = format!(
                    "{}{kind}{tagged} 「{surface}」 — {}",
                    if it.is_event {
                        format!("{} · ", tr(lang, Msg::EventWord))
                    } else {
                        String::new()
                    },
                    decision_text(lang, d, &annotators, &agreeing(d), nothing(d))
                );
                let open = it.is_disagreement() && d == Decision::Open;
                let rich = if open {
                    egui::RichText::new(head).color(egui::Color32::from_rgb(0xe0, 0x80, 0x10))
                } else {
                    egui::RichText::new(head)
                };
                if ui.selectable_label(cursor == Some(i), rich).clicked() {
                    out.push(Intent::SelectReviewItem(i));
                }
            }
        });
    }
}

/// The change list: the current document's recorded edits, newest first.
pub fn change_list(ui: &mut egui::Ui, session: &Session, lang: Lang) {
    let Some(doc) = session.project().documents.get(session.doc()) else {
        return;
    };
    let changes: Vec<_> = session
        .changes()
        .iter()
        .rev()
        .filter(|c| c.doc == doc.meta.id)
        .collect();
    egui::CollapsingHeader::new(format!("{} ({})", tr(lang, Msg::ChangeList), changes.len()))
        .id_salt("change-list")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("changes")
                .max_height(200.0)
                .show(ui, |ui| {
                    for c in changes.iter().take(500) {
                        let stamp = crate::session::review::utc_stamp(c.at);
                        let time = stamp.get(11..19).unwrap_or(&stamp);
                        ui.label(format!(
                            "{time} {} → {}: {} {}",
                            c.who, c.layer, c.action, c.what
                        ));
                    }
                });
        });
}
