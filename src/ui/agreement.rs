//! The agreement view (视图 → 一致性 / View → Agreement): annotators with each other (a
//! pairwise matrix of exact span F1 and char Cohen's kappa) or each against the curated layer
//! (precision, recall, F1, kappa), the chosen pair's figures, its exact F1 per label as bars,
//! and which labels it confuses as a grid whose cells list their places.
//! It only draws a `review::agree` result the app computed and holds; closing it, choosing
//! the comparison, a pair, a cell or a place are intents.

use crate::i18n::{Lang, Msg, tr};
use crate::model::CURATED;
use crate::review::agree::{Agreement, PairAgreement, show as fig};
use crate::review::confusion::{Confusion, ConfusionCell};
use crate::session::find::FindMatch;
use crate::session::review::ReviewFilter;
use crate::ui::intent::{Grid, Intent};

/// What the view shows: the figures, the chosen pair and the chosen confusion cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The figures.
    pub figures: Agreement,
    /// The pair in detail (an index into `figures.pairs`).
    pub pair: usize,
    /// The confusion cell whose places are listed: its grid, and an index into that
    /// grid's cells.
    pub cell: Option<(Grid, usize)>,
}

impl Shown {
    /// `figures` with its first pair chosen.
    pub fn new(figures: Agreement) -> Self {
        Self {
            figures,
            pair: 0,
            cell: None,
        }
    }
}

/// The text of a matrix cell: exact span F1 / char Cohen's kappa ("—" when undefined).
pub fn cell(a: &Agreement, x: &str, y: &str) -> String {
    match a.pair(x, y) {
        Some(p) => format!("{} / {}", fig(p.span_f1_exact), fig(p.cohen_kappa_char)),
        None => "·".to_string(),
    }
}

/// Draw the agreement window for what `shown` holds, kept inside `area` (below the menus).
pub fn show(
    ctx: &egui::Context,
    area: egui::Rect,
    shown: &Shown,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let a = &shown.figures;
    let mut open = true;
    egui::Window::new(t(Msg::AgreementTitle))
        .id(egui::Id::unique("biaozhu_agreement"))
        .constrain_to(area)
        .open(&mut open)
        .default_size([680.0, 700.0])
        .resizable(true)
        .show(ctx, |ui| {
            if ui.button(t(Msg::Close)).clicked() {
                out.push(Intent::CloseAgreement);
            }
            ui.weak(t(Msg::AgreementNote));
            ui.horizontal(|ui| {
                let among = a.against.is_none();
                if ui.selectable_label(among, t(Msg::AgreementAmong)).clicked() && !among {
                    out.push(Intent::AgreementAgainst(None));
                }
                let can = a.curated_documents > 0;
                let r = ui
                    .add_enabled(
                        can,
                        egui::Button::selectable(!among, t(Msg::AgreementAgainstCurated)),
                    )
                    .on_disabled_hover_text(t(Msg::AgreementNoCurated));
                if r.clicked() && among {
                    out.push(Intent::AgreementAgainst(Some(CURATED.to_string())));
                }
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| body(ui, shown, lang, out));
        });
    if !open {
        out.push(Intent::CloseAgreement);
    }
}

/// Everything under the comparison switch.
fn body(ui: &mut egui::Ui, shown: &Shown, lang: Lang, out: &mut Vec<Intent>) {
    let t = |m| tr(lang, m);
    let a = &shown.figures;
    let pair = shown.pair;
    if a.against.is_none() && a.annotators.len() < 2 {
        ui.label(t(Msg::AgreementTooFew));
        return;
    }
    if a.against.is_some() && a.annotators.is_empty() {
        ui.label(t(Msg::AgreementTooFewAgainst));
        return;
    }
    if a.against.is_some() {
        if a.against.as_deref() == Some(CURATED) {
            let mut line = format!("{} {}", t(Msg::AgreementReviewedDocs), a.curated_documents);
            if a.curated_in_review > 0 {
                line += &format!(
                    " · {} {}",
                    t(Msg::AgreementInReviewLeftOut),
                    a.curated_in_review
                );
            }
            ui.weak(line);
        }
        against_table(ui, a, lang);
    } else {
        ui.heading(t(Msg::AgreementMatrix));
        egui::Grid::new("biaozhu_agreement_matrix")
            .striped(true)
            .show(ui, |ui| {
                ui.label("");
                for y in &a.annotators {
                    ui.strong(y);
                }
                ui.end_row();
                for x in &a.annotators {
                    ui.strong(x);
                    for y in &a.annotators {
                        ui.label(cell(a, x, y));
                    }
                    ui.end_row();
                }
            });
    }
    if a.annotators.len() >= 3 {
        ui.label(format!(
            "{}: {}",
            t(Msg::AgreementFleiss),
            fig(a.fleiss_kappa_char)
        ));
    }
    ui.separator();
    let Some(p) = a.pairs.get(pair).or(a.pairs.first()) else {
        return;
    };
    let name = |p: &PairAgreement| format!("{} / {}", p.a, p.b);
    egui::ComboBox::from_label(t(Msg::AgreementPair))
        .selected_text(name(p))
        .show_ui(ui, |ui| {
            for (i, q) in a.pairs.iter().enumerate() {
                if ui.selectable_label(i == pair, name(q)).clicked() && i != pair {
                    out.push(Intent::AgreementPair(i));
                }
            }
        });
    egui::Grid::new("biaozhu_agreement_pair").show(ui, |ui| {
        let rows = [
            (Msg::AgreementDocs, p.documents.to_string()),
            (
                Msg::AgreementSpans,
                format!("{} / {}", p.spans_a, p.spans_b),
            ),
            (Msg::AgreementExactF1, fig(p.span_f1_exact)),
            (Msg::AgreementOverlapF1, fig(p.span_f1_overlap)),
            (Msg::AgreementKappa, fig(p.cohen_kappa_char)),
            (Msg::AgreementTriggerF1, fig(p.trigger_f1)),
            (Msg::AgreementArgumentF1, fig(p.argument_f1)),
        ];
        for (m, v) in rows {
            ui.label(t(m));
            ui.label(v);
            ui.end_row();
        }
    });
    ui.separator();
    confusion(ui, p, Grid::Labels, shown.cell, lang, out);
    if !p.trigger_confusion.disagreements().is_empty() {
        ui.separator();
        confusion(ui, p, Grid::EventTypes, shown.cell, lang, out);
    }
    ui.separator();
    ui.strong(t(Msg::AgreementPerLabel));
    let labels: Vec<String> = p.per_label.iter().map(|l| l.label.clone()).collect();
    let bars: Vec<egui_plot::Bar> = p
        .per_label
        .iter()
        .enumerate()
        .map(|(i, l)| {
            egui_plot::Bar::new(i as f64, l.f1.unwrap_or(0.0))
                .name(format!(
                    "{}: {} (tp {} fp {} fn {})",
                    l.label,
                    fig(l.f1),
                    l.counts.tp,
                    l.counts.fp,
                    l.counts.fn_
                ))
                .width(0.6)
        })
        .collect();
    let chart = egui_plot::BarChart::new(t(Msg::AgreementExactF1), bars);
    egui_plot::Plot::new(("biaozhu_agreement_bars", pair))
        .height(200.0)
        .include_y(0.0)
        .include_y(1.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |pu| pu.bar_chart(chart));
}

/// Each annotator against the reference: precision, recall, F1 and kappa.
fn against_table(ui: &mut egui::Ui, a: &Agreement, lang: Lang) {
    let t = |m| tr(lang, m);
    egui::Grid::new("biaozhu_agreement_against")
        .striped(true)
        .show(ui, |ui| {
            for m in [
                Msg::AgreementAnnotator,
                Msg::AgreementDocs,
                Msg::AgreementPrecision,
                Msg::AgreementRecall,
                Msg::AgreementExactF1,
                Msg::AgreementKappa,
            ] {
                ui.strong(t(m));
            }
            ui.end_row();
            for p in &a.pairs {
                ui.strong(&p.b);
                ui.label(p.documents.to_string());
                ui.label(fig(p.exact.precision()));
                ui.label(fig(p.exact.recall()));
                ui.label(fig(p.span_f1_exact));
                ui.label(fig(p.cohen_kappa_char));
                ui.end_row();
            }
        });
}

/// The text of a confusion cell: its count, and for the same label the spans on another
/// range apart; empty when nothing falls in it.
pub fn confusion_text(c: &ConfusionCell, lang: Lang) -> String {
    if c.same_label() && c.other_range > 0 {
        let b = tr(lang, Msg::AgreementBoundary);
        if c.same_range > 0 {
            format!("{} · {b} {}", c.same_range, c.other_range)
        } else {
            format!("{b} {}", c.other_range)
        }
    } else {
        c.total().to_string()
    }
}

/// A confusion of pair `p` as a grid (rows: `p.a`'s labels or event types, columns:
/// `p.b`'s, the last of each "nothing"), and the places of the chosen cell.
fn confusion(
    ui: &mut egui::Ui,
    p: &PairAgreement,
    grid: Grid,
    chosen: Option<(Grid, usize)>,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let (c, title) = match grid {
        Grid::Labels => (&p.confusion, Msg::AgreementConfusion),
        Grid::EventTypes => (&p.trigger_confusion, Msg::AgreementTypeConfusion),
    };
    let chosen = chosen.and_then(|(g, i)| (g == grid).then_some(i));
    ui.strong(format!("{}: {} → {}", t(title), p.a, p.b));
    if c.disagreements().is_empty() {
        ui.label(t(Msg::AgreementNoConfusion));
        return;
    }
    ui.weak(t(Msg::AgreementConfusionHint));
    let axis: Vec<Option<&str>> = c
        .labels
        .iter()
        .map(|l| Some(l.as_str()))
        .chain([None])
        .collect();
    let head = |l: Option<&str>| l.unwrap_or(Confusion::NONE).to_string();
    egui::Grid::new((
        "biaozhu_agreement_confusion",
        &p.a,
        &p.b,
        grid == Grid::Labels,
    ))
    .striped(true)
    .show(ui, |ui| {
        ui.label(format!("{} \\ {}", p.a, p.b));
        for &y in &axis {
            ui.strong(head(y));
        }
        ui.end_row();
        for &x in &axis {
            ui.strong(head(x));
            for &y in &axis {
                let i = c
                    .cells
                    .iter()
                    .position(|k| k.a.as_deref() == x && k.b.as_deref() == y);
                match i.map(|i| (i, &c.cells[i])) {
                    None => {
                        ui.weak("·");
                    }
                    Some((_, k)) if k.agrees() => {
                        ui.label(k.total().to_string());
                    }
                    Some((i, k)) => {
                        let on = chosen == Some(i);
                        let text = egui::RichText::new(confusion_text(k, lang))
                            .color(ui.visuals().warn_fg_color);
                        if ui.selectable_label(on, text).clicked() {
                            out.push(Intent::AgreementCell((!on).then_some((grid, i))));
                        }
                    }
                }
            }
            ui.end_row();
        }
    });
    let Some(k) = chosen.and_then(|i| c.cells.get(i)) else {
        return;
    };
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "{} → {}",
            head(k.a.as_deref()),
            head(k.b.as_deref())
        ));
        // The same places as review items, decided one after another (F8 walks them).
        if ui
            .button(t(Msg::ReviewTheseItems))
            .on_hover_text(t(Msg::ReviewTheseItemsHint))
            .clicked()
        {
            out.push(Intent::ReviewCell(ReviewFilter::for_cell(
                k.a.as_deref(),
                k.b.as_deref(),
            )));
        }
    });
    let span = |r: Option<(u32, u32)>| {
        r.map_or(Confusion::NONE.to_string(), |(s, e)| format!("[{s}, {e})"))
    };
    // A cell may hold thousands of places: only the rows in sight are laid out.
    let row = ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    egui::ScrollArea::vertical()
        .id_salt(("biaozhu_agreement_places", grid == Grid::Labels))
        .max_height(240.0)
        .auto_shrink([false, true])
        .show_rows(ui, row, k.places.len(), |ui, rows| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            for place in &k.places[rows] {
                let text = format!(
                    "{}  {} {} / {} {}  {}",
                    place.doc_id,
                    p.a,
                    span(place.a),
                    p.b,
                    span(place.b),
                    place.context
                );
                if ui.selectable_label(false, text).clicked() {
                    let (s, e) = place.range();
                    out.push(Intent::SelectMatch(FindMatch {
                        doc: place.doc,
                        range: crate::model::CharRange::new(s, e),
                    }));
                }
            }
        });
}
