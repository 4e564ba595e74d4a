//! The statistics view (视图 → 统计… / View → Statistics…): spans per label and events per
//! type for each annotator, documents by status and review status, and edits per person over
//! time from the activity log, drawn with egui_plot. It only draws a `review::stats` result
//! the app computed and holds; closing it is an intent.

use std::collections::{BTreeMap, BTreeSet};

use crate::i18n::{Lang, Msg, tr};
use crate::review::stats::{LayerStats, ProjectStats};
use crate::session::overview::status_name;
use crate::ui::intent::Intent;

/// Grouped bars: for each key (x) one bar per layer, side by side.
fn grouped_bars(
    ui: &mut egui::Ui,
    id: &str,
    per_layer: &BTreeMap<String, LayerStats>,
    counts_of: fn(&LayerStats) -> &BTreeMap<String, usize>,
) {
    let keys: Vec<String> = per_layer
        .values()
        .flat_map(|m| counts_of(m).keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let n = per_layer.len().max(1) as f64;
    let width = 0.8 / n;
    let charts: Vec<egui_plot::BarChart> = per_layer
        .iter()
        .enumerate()
        .map(|(li, (layer, stats))| {
            let counts = counts_of(stats);
            let bars = keys
                .iter()
                .enumerate()
                .map(|(ki, k)| {
                    let x = ki as f64 - 0.4 + width * (li as f64 + 0.5);
                    let v = counts.get(k).copied().unwrap_or(0);
                    egui_plot::Bar::new(x, v as f64)
                        .width(width * 0.9)
                        .name(format!("{layer} {k}: {v}"))
                })
                .collect();
            egui_plot::BarChart::new(layer.as_str(), bars)
        })
        .collect();
    // Room above the highest bar for the legend, which sits in the top left corner.
    let highest = per_layer
        .values()
        .flat_map(|m| counts_of(m).values().copied())
        .max()
        .unwrap_or(0) as f64;
    show_fixed_plot(ui, id, keys, |pu| {
        pu.set_plot_bounds_y(0.0..=(highest * 1.6).max(1.0));
        for c in charts {
            pu.bar_chart(c);
        }
    });
}

/// Show a [`fixed_plot`] at least as wide as its labels need side by side (egui_plot leaves
/// out the names that would overlap: of fourteen CLUENER labels it named address and movie
/// alone), scrolling sideways when the window is narrower.
fn show_fixed_plot(
    ui: &mut egui::Ui,
    id: &str,
    labels: Vec<String>,
    add: impl FnOnce(&mut egui_plot::PlotUi<'_>),
) {
    let wide = labels_width(&labels);
    egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
        let width = wide.max(ui.available_width());
        fixed_plot(id, labels).width(width).show(ui, add);
    });
}

/// The width `labels` need along an axis, each in a slot as wide as the widest (a Han
/// char about 14 points, another char 8) with a gap, plus the y axis.
fn labels_width(labels: &[String]) -> f32 {
    let widest = labels
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 8.0 } else { 14.0 })
                .sum::<f32>()
        })
        .fold(0.0, f32::max);
    (widest + 16.0) * labels.len() as f32 + 40.0
}

/// A plot that stays put (no zoom, drag or scroll), with a legend and `labels` along x at
/// whole numbers.
fn fixed_plot(id: &str, labels: Vec<String>) -> egui_plot::Plot<'static> {
    egui_plot::Plot::new(id)
        .height(180.0)
        .include_y(0.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        // At the left, where the plot opens: it may be wider than the window and scroll.
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
        // A mark at every whole number, so every bar and day gets its name.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .x_axis_formatter(move |mark, _| label_at(&labels, mark.value))
}

/// The name of the bar or day at whole-number x `value` (nothing between them).
fn label_at(labels: &[String], value: f64) -> String {
    let i = value.round();
    if (value - i).abs() < 1e-6 && i >= 0.0 {
        labels.get(i as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// Draw the statistics window for `s`, kept inside `area` (below the menus).
pub fn show(
    ctx: &egui::Context,
    area: egui::Rect,
    s: &ProjectStats,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let mut open = true;
    egui::Window::new(t(Msg::StatsTitle))
        .id(egui::Id::unique("biaozhu_stats"))
        .constrain_to(area)
        .open(&mut open)
        .default_size([680.0, 640.0])
        .resizable(true)
        .show(ctx, |ui| {
            if ui.button(t(Msg::Close)).clicked() {
                out.push(Intent::CloseStats);
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.strong(t(Msg::StatsSpansPerLabel));
                grouped_bars(ui, "biaozhu_stats_spans", &s.per_annotator, |a| {
                    &a.spans_per_label
                });
                ui.separator();
                ui.strong(t(Msg::StatsDocsPerStatus));
                let statuses = crate::model::DocStatus::ALL;
                egui::Grid::new("biaozhu_stats_status")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label(t(Msg::StatsLayer));
                        for st in statuses {
                            ui.label(status_name(st, lang));
                        }
                        ui.end_row();
                        for (name, a) in &s.per_annotator {
                            ui.strong(name);
                            for st in statuses {
                                ui.label(
                                    a.documents_per_status
                                        .get(st.as_str())
                                        .copied()
                                        .unwrap_or(0)
                                        .to_string(),
                                );
                            }
                            ui.end_row();
                        }
                    });
                let review: Vec<String> = crate::review::ReviewStatus::ALL
                    .iter()
                    .map(|st| {
                        let name = crate::session::overview::review_name(*st, lang);
                        format!("{name} {}", s.review.get(st.as_str()).copied().unwrap_or(0))
                    })
                    .collect();
                ui.label(format!("{}: {}", t(Msg::StatsReview), review.join(" · ")));
                ui.separator();
                ui.strong(t(Msg::StatsEventsPerType));
                grouped_bars(ui, "biaozhu_stats_events", &s.per_annotator, |a| {
                    &a.events_per_type
                });
                ui.separator();
                ui.strong(t(Msg::StatsProgress));
                if s.progress.is_empty() {
                    ui.weak(t(Msg::StatsNoLog));
                } else {
                    progress_plot(ui, s);
                }
                if !s.log_problems.is_empty() {
                    egui::CollapsingHeader::new(format!(
                        "{} ({})",
                        t(Msg::StatsLogSkipped),
                        s.log_problems.len()
                    ))
                    .id_salt("biaozhu_stats_log_problems")
                    .show(ui, |ui| {
                        for p in &s.log_problems {
                            ui.label(p);
                        }
                    });
                }
            });
        });
    if !open {
        out.push(Intent::CloseStats);
    }
}

/// One line per person: cumulative edits by day (x: days since the first logged day).
fn progress_plot(ui: &mut egui::Ui, s: &ProjectStats) {
    let days: Vec<String> = s.progress.keys().cloned().collect();
    let people: BTreeSet<String> = s
        .progress
        .values()
        .flat_map(|m| m.keys().cloned())
        .collect();
    let lines: Vec<egui_plot::Line> = people
        .iter()
        .map(|who| {
            let mut total = 0usize;
            let points: Vec<[f64; 2]> = days
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    total += s.progress[d].get(who).map_or(0, |w| w.edits);
                    [i as f64, total as f64]
                })
                .collect();
            egui_plot::Line::new(who.as_str(), points)
        })
        .collect();
    show_fixed_plot(ui, "biaozhu_stats_progress", days, |pu| {
        for l in lines {
            pu.line(l);
        }
    });
}
