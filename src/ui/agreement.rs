//! The agreement view (视图 → 一致性 / View → Agreement): a pairwise matrix of exact span F1
//! and char Cohen's kappa, the chosen pair's figures, and its exact F1 per label as bars.
//! It only draws a `review::agree` result the app computed and holds; closing it or choosing
//! a pair is an intent.

use crate::i18n::{Lang, Msg, tr};
use crate::review::agree::{Agreement, show as fig};
use crate::ui::intent::Intent;

/// The text of a matrix cell: exact span F1 / char Cohen's kappa ("—" when undefined).
pub fn cell(a: &Agreement, x: &str, y: &str) -> String {
    match a.pair(x, y) {
        Some(p) => format!("{} / {}", fig(p.span_f1_exact), fig(p.cohen_kappa_char)),
        None => "·".to_string(),
    }
}

/// Draw the agreement window for `a`, with pair number `pair` in detail.
pub fn show(ctx: &egui::Context, a: &Agreement, pair: usize, lang: Lang, out: &mut Vec<Intent>) {
    let t = |m| tr(lang, m);
    let mut open = true;
    egui::Window::new(t(Msg::AgreementTitle))
        .id(egui::Id::unique("biaozhu_agreement"))
        .open(&mut open)
        .default_size([640.0, 520.0])
        .resizable(true)
        .show(ctx, |ui| {
            if ui.button(t(Msg::Close)).clicked() {
                out.push(Intent::CloseAgreement);
            }
            ui.weak(t(Msg::AgreementNote));
            if a.annotators.len() < 2 {
                ui.label(t(Msg::AgreementTooFew));
                return;
            }
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
            let name = |p: &crate::review::agree::PairAgreement| format!("{} / {}", p.a, p.b);
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
        });
    if !open {
        out.push(Intent::CloseAgreement);
    }
}
