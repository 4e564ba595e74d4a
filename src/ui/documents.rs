//! The document list: each document by its title (its first headline, else the file it was
//! imported from or, for a record of a file of many, the opening of its text; the id and
//! the source on hover) with its span count, its status for the open
//! annotator, its review status and a coloured dot per other annotator (named on hover);
//! documents assigned to the open annotator first, marked ★; filters by status; a progress
//! bar per annotator.

use std::collections::HashMap;

use crate::i18n::{Lang, Msg, tr};
use crate::model::{CURATED, DocStatus, Document};
use crate::review::ReviewStatus;
use crate::session::Session;
use crate::session::overview::{self, DocFilter};
use crate::session::overview::{review_name, status_name};
use crate::ui::intent::Intent;

/// Longest title shown, in chars (a longer one ends in `…`).
const TITLE_MAX: usize = 22;

pub use crate::session::overview::title_of;

/// `s` cut to `max` chars, with `…` if it was longer.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(['…']).collect()
    }
}

/// The document list, with each document's title worked out once (the structure analysis
/// is not cheap enough for every frame).
#[derive(Debug, Default)]
pub struct DocumentList {
    /// Title by document id, with the text length it was worked out for.
    titles: HashMap<String, (u32, String)>,
    computed: usize,
    /// Which documents are shown.
    pub filter: DocFilter,
    /// Sorted by the model's uncertainty (the most uncertain first) rather than assigned
    /// first.
    pub by_uncertainty: bool,
    /// The order shown and the progress bars, with what they were worked out for
    /// (session generation, statuses version, document count, filter).
    cached: Option<(OrderKey, Vec<usize>, Vec<overview::Progress>)>,
}

/// What the list's order was worked out for: session generation, statuses version, document
/// count, filter.
type OrderKey = (u64, u64, usize, DocFilter, bool);

/// The colour of a status dot: grey new, amber in progress, green done, blue reviewed.
fn status_colour(s: DocStatus) -> egui::Color32 {
    match s {
        DocStatus::New => egui::Color32::from_rgb(140, 140, 140),
        DocStatus::InProgress => egui::Color32::from_rgb(230, 160, 40),
        DocStatus::Done => egui::Color32::from_rgb(60, 170, 80),
        DocStatus::Reviewed => egui::Color32::from_rgb(70, 130, 220),
    }
}

impl DocumentList {
    /// How many titles were worked out so far (tests: once per document, not per frame).
    pub fn titles_computed(&self) -> usize {
        self.computed
    }

    /// A document's title, from the cache.
    pub fn title(&mut self, d: &Document) -> &str {
        let len = d.text.len_chars();
        let fresh = self.titles.get(&d.meta.id).is_some_and(|(n, _)| *n == len);
        if !fresh {
            self.computed += 1;
            self.titles
                .insert(d.meta.id.clone(), (len, clip(&title_of(d), TITLE_MAX)));
        }
        self.titles.get(&d.meta.id).map_or("", |(_, t)| t.as_str())
    }

    /// Draw the list.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        list(self, ui, ws, lang, out);
    }
}

/// Draw the list. Only the rows in view are laid out (each row is two lines), so a project
/// of ten thousand documents draws as fast as one of ten.
fn list(
    titles: &mut DocumentList,
    ui: &mut egui::Ui,
    ws: &Session,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
    ui.heading(tr(lang, Msg::Documents));
    let p = ws.project();
    let docs = &p.documents;
    filters(ui, &mut titles.filter, lang);
    if ws.model().is_some() {
        sort_box(ui, &mut titles.by_uncertainty, lang);
    }
    let by_uncertainty = titles.by_uncertainty && ws.model().is_some();
    let key = (
        ws.generation(),
        ws.layer_statuses().version(),
        docs.len(),
        titles.filter,
        by_uncertainty,
    );
    if titles.cached.as_ref().is_none_or(|(k, _, _)| *k != key) {
        let mut order = overview::doc_order(p, ws.layer_statuses(), &titles.filter);
        if by_uncertainty {
            // The most uncertain first; documents the model has not ranked (done ones) last,
            // each group in the list's own order (the sort is stable).
            let u = |i: &usize| {
                docs.get(*i)
                    .and_then(|d| ws.doc_uncertainty(&d.meta.id))
                    .map_or(i64::MIN, |u| (u * 1e9) as i64)
            };
            order.sort_by_key(|i| std::cmp::Reverse(u(i)));
        }
        let progress = overview::progress(p, ws.layer_statuses());
        titles.cached = Some((key, order, progress));
    }
    let (order, progress) = match &titles.cached {
        Some((_, o, pr)) => (o.clone(), pr.clone()),
        None => (Vec::new(), Vec::new()),
    };
    for pr in &progress {
        let frac = if pr.total == 0 {
            0.0
        } else {
            pr.done as f32 / pr.total as f32
        };
        ui.add(
            egui::ProgressBar::new(frac)
                .desired_height(ui.text_style_height(&egui::TextStyle::Small) + 4.0)
                .text(progress_text(pr, lang)),
        )
        .on_hover_text(tr(lang, Msg::ProgressTitle));
    }
    let row =
        2.0 * ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink([false, true])
        .max_height((ui.available_height() * 0.35).max(80.0))
        .show_rows(ui, row, order.len(), |ui, rows| {
            // Two lines a row, never wrapped, so that every row has the height given above.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            for k in rows {
                let Some(&i) = order.get(k) else {
                    continue;
                };
                let Some(d) = docs.get(i) else {
                    continue;
                };
                let (job, hover) = row_text(titles, ui, ws, i, d, lang);
                let row = ui.selectable_label(i == ws.doc(), job).on_hover_ui(|ui| {
                    // The id on a line of its own (it is what a command line takes).
                    for line in hover.lines() {
                        ui.label(line);
                    }
                });
                if row.clicked() {
                    out.push(Intent::OpenDoc(i));
                }
                // A read-only window (the project open elsewhere) cannot take documents out.
                if !ws.store().is_read_only() {
                    row.context_menu(|ui| {
                        if ui.button(tr(lang, Msg::RemoveThisDocument)).clicked() {
                            out.push(Intent::AskRemoveDocument(i));
                            ui.close();
                        }
                    });
                }
            }
        });
    if let Some(d) = ws.project().documents.get(ws.doc()) {
        ui.separator();
        let mut status = d.layer.status;
        egui::ComboBox::new("doc_status", tr(lang, Msg::Status))
            .selected_text(status_name(status, lang))
            .show_ui(ui, |ui| {
                for s in DocStatus::ALL {
                    ui.selectable_value(&mut status, s, status_name(s, lang));
                }
            });
        if status != d.layer.status {
            out.push(Intent::Edit(crate::edit::Edit::SetStatus {
                doc: ws.doc(),
                status,
            }));
        }
    }
}

/// The order box: assigned first, or the model's most uncertain first.
fn sort_box(ui: &mut egui::Ui, by_uncertainty: &mut bool, lang: Lang) {
    let name = |b: bool| {
        tr(
            lang,
            if b {
                Msg::SortUncertain
            } else {
                Msg::SortDefault
            },
        )
    };
    egui::ComboBox::new("doc_sort", tr(lang, Msg::SortDocs))
        .selected_text(name(*by_uncertainty))
        .show_ui(ui, |ui| {
            ui.selectable_value(by_uncertainty, false, name(false));
            ui.selectable_value(by_uncertainty, true, name(true));
        });
}

/// The two filter boxes: my status, review status.
fn filters(ui: &mut egui::Ui, f: &mut DocFilter, lang: Lang) {
    ui.horizontal(|ui| {
        let any = tr(lang, Msg::FilterAny);
        egui::ComboBox::new("doc_filter_mine", tr(lang, Msg::FilterMine))
            .selected_text(f.mine.map_or(any, |s| status_name(s, lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.mine, None, any);
                for s in [DocStatus::New, DocStatus::InProgress, DocStatus::Done] {
                    ui.selectable_value(&mut f.mine, Some(s), status_name(s, lang));
                }
            });
        egui::ComboBox::new("doc_filter_review", tr(lang, Msg::FilterReview))
            .selected_text(f.review.map_or(any, |s| review_name(s, lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.review, None, any);
                for s in ReviewStatus::ALL {
                    ui.selectable_value(&mut f.review, Some(s), review_name(s, lang));
                }
            });
    });
}

/// A row: `★ title` then `spans · my status · review status · chars` (in review, `· 未决 n`
/// when items are still to decide there) and a dot per other
/// annotator coloured by status; the hover names the id, the assignment and each annotator
/// with their status.
fn row_text(
    titles: &mut DocumentList,
    ui: &egui::Ui,
    ws: &Session,
    i: usize,
    d: &Document,
    lang: Lang,
) -> (egui::text::LayoutJob, String) {
    let p = ws.project();
    let statuses = overview::statuses_of(p, ws.layer_statuses(), i);
    let review = ReviewStatus::of_status(statuses.get(CURATED).copied());
    let assigned = p.is_assigned(&p.annotator, &d.meta.id);
    let font = egui::TextStyle::Button.resolve(ui.style());
    let colour = ui.visuals().text_color();
    let fmt = |c: egui::Color32| egui::TextFormat::simple(font.clone(), c);
    let mut job = egui::text::LayoutJob::default();
    let star = if assigned { "★ " } else { "" };
    let uncertainty = ws
        .doc_uncertainty(&d.meta.id)
        .filter(|_| ws.model().is_some())
        .map(|u| format!(" · {} {u:.3}", tr(lang, Msg::Uncertainty)))
        .unwrap_or_default();
    // On the curated layer its own status is the review's (已审阅 twice): said once.
    let statuses_text = if p.annotator == CURATED {
        review_name(review, lang).to_string()
    } else {
        format!(
            "{} · {}",
            status_name(d.layer.status, lang),
            review_name(review, lang)
        )
    };
    job.append(
        &format!(
            "{star}{}\n  {} · {statuses_text} · {}{uncertainty}",
            titles.title(d),
            d.layer.accepted_count(),
            d.text.len_chars()
        ),
        0.0,
        fmt(colour),
    );
    // In review: how many items are still to decide here, in the colour of open ones.
    if let Some(n) = ws.review_open(i).filter(|&n| n > 0) {
        job.append(
            &format!(" · {} {n}", tr(lang, Msg::Undecided)),
            0.0,
            fmt(egui::Color32::from_rgb(0xe0, 0x80, 0x10)),
        );
    }
    let mut hover = d.meta.id.clone();
    // Where it came from (`c40.jsonl line 7 (CLUENER)`), which a record's title, the
    // opening of its text, no longer says.
    if let Some(from) = &d.meta.imported_from {
        hover.push('\n');
        hover.push_str(from);
    }
    if assigned {
        hover.push_str(&format!("\n★ {}", tr(lang, Msg::AssignedToYou)));
    }
    let others: Vec<_> = statuses
        .iter()
        .filter(|(n, _)| n.as_str() != CURATED && **n != p.annotator)
        .collect();
    if !others.is_empty() {
        job.append("  ", 0.0, fmt(colour));
        hover.push_str(&format!("\n{}:", tr(lang, Msg::OtherAnnotators)));
    }
    for (name, s) in others {
        let initial: String = name.chars().take(1).collect::<String>().to_uppercase();
        job.append(&initial, 0.0, fmt(colour));
        job.append("●", 0.0, fmt(status_colour(*s)));
        hover.push_str(&format!("\n  {name}: {}", status_name(*s, lang)));
    }
    hover.push_str(&format!(
        "\n{}: {}",
        tr(lang, Msg::FilterReview),
        review_name(review, lang)
    ));
    (job, hover)
}

/// A progress bar's text: `bob 3/10`, with the documents under way when there are any:
/// `bob 3/10 (+2 进行中)`, `curated 0/1 (+1 审阅中)`.
pub fn progress_text(pr: &crate::session::overview::Progress, lang: Lang) -> String {
    let base = format!("{} {}/{}", pr.annotator, pr.done, pr.total);
    if pr.started == 0 {
        return base;
    }
    let what = if pr.annotator == CURATED {
        Msg::ReviewInReview
    } else {
        Msg::StatusInProgress
    };
    format!("{base} (+{} {})", pr.started, tr(lang, what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Layer, Text};

    fn doc(text: &str, from: Option<&str>) -> Document {
        Document {
            meta: DocMeta {
                id: "000_8a8e23ef3e59d156".into(),
                published: None,
                imported_from: from.map(Into::into),
            },
            text: Text::new(text.to_string()),
            layer: Layer::default(),
        }
    }

    #[test]
    fn a_title_is_the_headline_else_the_file_name_or_for_a_record_the_opening_else_the_id() {
        let page = "全国职工技能大赛开幕\n\n本报北京10月24日电（记者赖志航）10月23日，全国职工技能大赛在京开幕。\n";
        assert_eq!(
            title_of(&doc(page, Some("in/p3.txt (GB18030)"))),
            "全国职工技能大赛开幕"
        );
        let body = "10月23日，全国职工技能大赛在京开幕，来自各地的选手参加比赛。";
        assert_eq!(title_of(&doc(body, Some("in/p3.txt (GB18030)"))), "p3.txt");
        assert_eq!(title_of(&doc(body, Some("in/p3.txt"))), "p3.txt");
        // A record of a file of many, or a document with no source: the text's opening.
        let opening = "10月23日，全国职工技能大赛在京开幕，来自各地的选手参加…";
        assert_eq!(opening.chars().count(), 30);
        for from in [
            Some("c40.jsonl line 7 (CLUENER)"),
            Some("duee.jsonl:12 id 9f2 (DuEE)"),
            Some("train.conll (CoNLL)"),
            Some("tasks.json task 3 (Label Studio)"),
            None,
        ] {
            assert_eq!(title_of(&doc(body, from)), opening, "{from:?}");
        }
        assert_eq!(
            title_of(&doc("  短  句  \n下一行", Some("a.jsonl line 1 (CLUENER)"))),
            "短 句"
        );
        assert_eq!(title_of(&doc("", None)), "000_8a8e23ef3e59d156");
        assert_eq!(
            title_of(&doc(" \n", Some("a.jsonl line 1 (CLUENER)"))),
            "a.jsonl line 1"
        );
        assert_eq!(clip("一二三四", 3), "一二…");
        assert_eq!(clip("一二三", 3), "一二三");
    }
}
