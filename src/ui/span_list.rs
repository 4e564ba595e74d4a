//! The span panel: an editor for the selected span (label, note, figure value, delete) and the
//! list of the document's spans, filterable by label; clicking a row jumps to the span.

use crate::edit::Edit;
use crate::i18n::{Lang, Msg, tr};
use crate::model::{FigureValue, LabelClass, Qualifier, Span, SpanId, SpanKind, SpanStatus};
use crate::session::{MarkFilter, MarkTarget, Session};

/// Filter value that lists the structure spans (articles, headlines, datelines …).
const STRUCTURE: &str = "__structure__";
use crate::ui::intent::Intent;
use crate::ui::text_view::span_color;

/// Text fields of the span being edited.
#[derive(Debug, Default, Clone, PartialEq)]
struct Form {
    id: Option<(usize, SpanId)>,
    note: String,
    number: String,
    upper: String,
    unit: String,
    qualifier: Option<Qualifier>,
    date: String,
    resolved: String,
}

impl Form {
    fn from_span(doc: usize, s: &Span) -> Self {
        let v = s.value.as_ref();
        let num = |x: Option<f64>| x.map(|n| n.to_string()).unwrap_or_default();
        Self {
            id: Some((doc, s.id)),
            note: s.note.clone().unwrap_or_default(),
            number: num(v.and_then(|v| v.number)),
            upper: num(v.and_then(|v| v.upper)),
            unit: v.and_then(|v| v.unit.clone()).unwrap_or_default(),
            qualifier: v.and_then(|v| v.qualifier),
            date: v.and_then(|v| v.date.clone()).unwrap_or_default(),
            resolved: v.and_then(|v| v.resolved.clone()).unwrap_or_default(),
        }
    }

    /// The span with the form's values, or an error naming the bad field.
    fn apply_to(&self, s: &Span, class: Option<LabelClass>) -> Result<Span, String> {
        let mut out = s.clone();
        out.note = Some(self.note.trim().to_string()).filter(|n| !n.is_empty());
        if let Some(LabelClass::Figure(kind)) = class {
            let parse = |t: &str| -> Result<Option<f64>, String> {
                let t = t.trim();
                if t.is_empty() {
                    Ok(None)
                } else {
                    t.parse::<f64>()
                        .map(Some)
                        .map_err(|_| format!("{t:?} is not a number"))
                }
            };
            let opt = |t: &str| Some(t.trim().to_string()).filter(|x| !x.is_empty());
            let v = FigureValue {
                kind,
                number: parse(&self.number)?,
                upper: parse(&self.upper)?,
                unit: opt(&self.unit),
                qualifier: self.qualifier,
                date: opt(&self.date),
                resolved: opt(&self.resolved),
            };
            out.value = if v == FigureValue::empty(kind) {
                None
            } else {
                Some(v)
            };
        }
        Ok(out)
    }
}

/// UI state of the span panel.
#[derive(Debug, Default)]
pub struct SpanList {
    filter: Option<String>,
    /// All spans, only unsure ones, or only those with a comment.
    marks: MarkFilter,
    form: Form,
    /// The form as the stored span gave it: when the span changes (an undo), the form follows.
    form_base: Form,
    form_error: Option<String>,
    /// Indices of the listed spans, by (document, layer revision, filter): filtering every
    /// span each frame is too slow on a layer of 200,000.
    rows: Option<(RowsKey, Vec<usize>)>,
}

/// What the cached rows were made for: document, layer revision, label and mark filters.
type RowsKey = (usize, u64, Option<String>, MarkFilter);

/// The mark filter's box: `id` keeps the span and event lists' boxes apart.
fn mark_filter_box(ui: &mut egui::Ui, id: &str, f: &mut MarkFilter, lang: Lang) {
    egui::ComboBox::new(id, tr(lang, Msg::MarkFilterTitle))
        .selected_text(f.name(lang))
        .show_ui(ui, |ui| {
            for m in MarkFilter::ALL {
                ui.selectable_value(f, m, m.name(lang));
            }
        });
}

fn qualifier_name(q: Option<Qualifier>, lang: Lang) -> &'static str {
    tr(
        lang,
        match q {
            None => Msg::QualNone,
            Some(Qualifier::Approx) => Msg::QualApprox,
            Some(Qualifier::AtLeast) => Msg::QualAtLeast,
            Some(Qualifier::AtMost) => Msg::QualAtMost,
            Some(Qualifier::Range) => Msg::QualRange,
        },
    )
}

impl SpanList {
    /// Draw the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        let t = |m| tr(lang, m);
        let Some(doc) = ws.project().documents.get(ws.doc()) else {
            return;
        };
        let schema = &ws.project().schema;
        // ---- editor of the selected span
        let selected = ws.selected_span().and_then(|id| doc.layer.span(id));
        ui.heading(t(Msg::SelectedSpan));
        match selected {
            None => {
                ui.weak(t(Msg::NoSpanSelected));
                self.form = Form::default();
            }
            Some(s) => {
                let base = Form::from_span(ws.doc(), s);
                if self.form.id != Some((ws.doc(), s.id)) || self.form_base != base {
                    self.form = base.clone();
                    self.form_base = base;
                    self.form_error = None;
                }
                let surface = one_line(doc.text.slice(s.range).unwrap_or(""));
                ui.horizontal(|ui| {
                    ui.label(format!("{}  「{surface}」  {}", s.id, s.range));
                    let mut unsure = s.unsure;
                    if ui
                        .checkbox(&mut unsure, t(Msg::Unsure))
                        .on_hover_text(format!("Ctrl+U: {}", t(Msg::ToggleUnsure)))
                        .changed()
                    {
                        out.push(Intent::SetUnsure(MarkTarget::Span(s.id), unsure));
                    }
                });
                let event = (s.kind == crate::model::SpanKind::Trigger)
                    .then(|| ws.event_with_trigger(s.id))
                    .flatten();
                let pick = |l: &str, zh: &str, en: &str| {
                    let name = match lang {
                        Lang::Zh => zh,
                        Lang::En => en,
                    };
                    (l.to_string(), format!("{l} {name}"))
                };
                if let Some(eid) = event {
                    // A trigger's label is its event's type: offer the event types.
                    let items = schema.events.iter().map(|e| pick(&e.key, &e.zh, &e.en));
                    if let Some(key) = label_box(ui, t(Msg::Label), &s.label, items) {
                        out.push(Intent::RetypeEvent(eid, key));
                    }
                } else {
                    let items = schema.labels.iter().map(|l| pick(&l.key, &l.zh, &l.en));
                    if let Some(key) = label_box(ui, t(Msg::Label), &s.label, items) {
                        out.push(Intent::Tag(key));
                    }
                }
                let class = schema.label(&s.label).map(|l| l.class);
                let mut submit = false;
                egui::Grid::new("span_form").num_columns(2).show(ui, |ui| {
                    let label = ui.label(t(Msg::Note));
                    submit |= ui
                        .add(
                            egui::TextEdit::singleline(&mut self.form.note)
                                .id_salt("span_note")
                                .desired_width(140.0),
                        )
                        .labelled_by(label.id)
                        .lost_focus();
                    ui.end_row();
                    if let Some(LabelClass::Figure(_)) = class {
                        ui.label(t(Msg::Number));
                        submit |= field(ui, &mut self.form.number, "span_number");
                        ui.end_row();
                        ui.label(t(Msg::Upper));
                        submit |= field(ui, &mut self.form.upper, "span_upper");
                        ui.end_row();
                        ui.label(t(Msg::Unit));
                        submit |= field(ui, &mut self.form.unit, "span_unit");
                        ui.end_row();
                        ui.label("");
                        egui::ComboBox::new("span_qual", t(Msg::Qualifier))
                            .selected_text(qualifier_name(self.form.qualifier, lang))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(
                                    &mut self.form.qualifier,
                                    None,
                                    qualifier_name(None, lang),
                                );
                                for q in Qualifier::ALL {
                                    ui.selectable_value(
                                        &mut self.form.qualifier,
                                        Some(q),
                                        qualifier_name(Some(q), lang),
                                    );
                                }
                            });
                        ui.end_row();
                        ui.label(t(Msg::Date));
                        submit |= field(ui, &mut self.form.date, "span_date");
                        ui.end_row();
                        ui.label(t(Msg::Resolved));
                        submit |= field(ui, &mut self.form.resolved, "span_resolved");
                        ui.end_row();
                    }
                });
                ui.horizontal(|ui| {
                    let changed = self.form != Form::from_span(ws.doc(), s);
                    if ui
                        .add_enabled(changed, egui::Button::new(t(Msg::Apply)))
                        .clicked()
                    {
                        submit = true;
                    }
                    if ui.button(t(Msg::DeleteSpan)).clicked() {
                        out.push(Intent::DeleteSelected);
                    }
                });
                if submit {
                    match self.form.apply_to(s, class) {
                        Ok(new) if new != *s => {
                            self.form_error = None;
                            out.push(Intent::Edit(Edit::UpdateSpan {
                                doc: ws.doc(),
                                span: new,
                            }));
                        }
                        Ok(_) => {}
                        Err(e) => self.form_error = Some(e),
                    }
                }
                if let Some(e) = &self.form_error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            }
        }
        ui.separator();
        // ---- list
        ui.horizontal(|ui| {
            ui.heading(t(Msg::Spans));
            let all = t(Msg::AllLabels).to_string();
            egui::ComboBox::new("span_filter", t(Msg::Filter))
                .selected_text(match self.filter.as_deref() {
                    None => all.clone(),
                    Some(STRUCTURE) => t(Msg::StructureFilter).to_string(),
                    Some(f) => f.to_string(),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter, None, all);
                    ui.selectable_value(
                        &mut self.filter,
                        Some(STRUCTURE.to_string()),
                        t(Msg::StructureFilter),
                    );
                    for l in &schema.labels {
                        let n = doc.layer.count_label(&l.key);
                        ui.selectable_value(
                            &mut self.filter,
                            Some(l.key.clone()),
                            format!("{} ({n})", l.key),
                        );
                    }
                });
        });
        mark_filter_box(ui, "span_marks", &mut self.marks, lang);
        // Every span listed (no filter, nothing rejected, no structure span): the rows are
        // the layer itself, nothing to filter on a big layer after each edit.
        let everything = self.filter.is_none()
            && self.marks == MarkFilter::All
            && doc.layer.rejected_count() == 0
            && doc.layer.structure_count() == 0;
        let key = (
            ws.doc(),
            doc.layer.revision(),
            self.filter.clone(),
            self.marks,
        );
        if !everything && self.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            let filter = self.filter.as_deref();
            let marks = self.marks;
            let idx = doc
                .layer
                .spans()
                .iter()
                .enumerate()
                .filter(|(_, s)| s.status != SpanStatus::Rejected)
                .filter(|(_, s)| match filter {
                    None => s.kind != SpanKind::Structure,
                    Some(STRUCTURE) => s.kind == SpanKind::Structure,
                    Some(f) => s.label == f,
                })
                .filter(|(_, s)| marks.shows_span(s))
                .map(|(i, _)| i)
                .collect();
            self.rows = Some((key, idx));
        }
        let all_spans = doc.layer.spans();
        let rows: &[usize] = self.rows.as_ref().map_or(&[], |(_, idx)| idx.as_slice());
        let n_rows = if everything {
            all_spans.len()
        } else {
            rows.len()
        };
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("span_rows")
            .auto_shrink([false, false])
            .show_rows(ui, row_h, n_rows, |ui, range| {
                let shown: Vec<&Span> = if everything {
                    all_spans
                        .get(range)
                        .map(|s| s.iter().collect())
                        .unwrap_or_default()
                } else {
                    rows.get(range)
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|&i| all_spans.get(i))
                        .collect()
                };
                for s in shown {
                    let c = span_color(schema, s);
                    let surface = doc.text.slice(s.range).unwrap_or("");
                    let short = one_line(&surface.chars().take(24).collect::<String>());
                    ui.horizontal(|ui| {
                        ui.colored_label(egui::Color32::from_rgb(c.0, c.1, c.2), "■");
                        // A trigger's label is its event type's key: in English, its name.
                        let label = match (s.kind, lang) {
                            (SpanKind::Trigger, Lang::En) => schema
                                .event_type(&s.label)
                                .map(|e| e.en.as_str())
                                .filter(|n| !n.is_empty())
                                .unwrap_or(&s.label),
                            _ => &s.label,
                        };
                        let mut text = format!(
                            "{}{} {} {}",
                            crate::session::mark_prefix(s.unsure, s.note.as_deref()),
                            label,
                            short,
                            s.range
                        );
                        if s.status == SpanStatus::Pending {
                            text.push_str("  ");
                            text.push_str(&pending_mark(lang, s.suggested_by, s.confidence));
                        }
                        let sel = ws.selected_span() == Some(s.id);
                        let mut r = ui.selectable_label(sel, text);
                        if let Some(n) = &s.note {
                            r = r.on_hover_text(n);
                        }
                        if r.clicked() {
                            out.push(Intent::JumpToSpan(s.id));
                        }
                    });
                }
            });
    }
}

/// A single-line field; true when it loses focus (Enter or click elsewhere), which commits.
fn field(ui: &mut egui::Ui, value: &mut String, id: &str) -> bool {
    ui.add(
        egui::TextEdit::singleline(value)
            .id_salt(id)
            .desired_width(140.0),
    )
    .lost_focus()
}

/// The selected span's label box: `items` are (key, shown text); the key chosen, if it changed.
fn label_box(
    ui: &mut egui::Ui,
    title: &str,
    current: &str,
    items: impl Iterator<Item = (String, String)>,
) -> Option<String> {
    let mut label = current.to_string();
    let items: Vec<(String, String)> = items.collect();
    // The current label as the list names it (`发布 Issue or launch`), else its key.
    let shown = items
        .iter()
        .find(|(k, _)| k == current)
        .map_or(current, |(_, t)| t.as_str());
    egui::ComboBox::new("span_label", title)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (key, text) in items {
                ui.selectable_value(&mut label, key, text);
            }
        });
    (label != current).then_some(label)
}

/// What proposed a suggestion, as the window names it beside the suggestion.
pub(crate) fn suggester_name(lang: Lang, by: crate::model::Suggester) -> &'static str {
    use crate::model::Suggester;
    match (lang, by) {
        (Lang::Zh, Suggester::Pos) => "词性",
        (Lang::Zh, Suggester::Rule) => "规则",
        (Lang::Zh, Suggester::Figure) => "数值识别",
        (Lang::Zh, Suggester::Propagation) => "同文复现",
        (Lang::Zh, Suggester::Model) => "模型",
        (Lang::Zh, Suggester::Lexicon) => "触发词表",
        (Lang::En, Suggester::Pos) => "POS tags",
        (Lang::En, Suggester::Rule) => "rule",
        (Lang::En, Suggester::Figure) => "figures",
        (Lang::En, Suggester::Propagation) => "propagation",
        (Lang::En, Suggester::Model) => "model",
        (Lang::En, Suggester::Lexicon) => "trigger lexicon",
    }
}

/// A pending suggestion's mark in the span list and the text view's hover: what proposed it
/// and the model's confidence, where known (`（待定建议 · 模型 0.62）`, `（待定建议 · 规则）`).
pub(crate) fn pending_mark(
    lang: Lang,
    by: Option<crate::model::Suggester>,
    confidence: Option<f32>,
) -> String {
    suggestion_mark(lang, tr(lang, Msg::Pending), by, confidence)
}

/// `head`, then what proposed a suggestion and its confidence where known, in brackets of
/// `lang` (`（待定建议 · 模型 0.62）`, `(suggested · trigger lexicon)`): the one shape the span
/// list, the hover and the event list give a suggestion's origin.
pub(crate) fn suggestion_mark(
    lang: Lang,
    head: &str,
    by: Option<crate::model::Suggester>,
    confidence: Option<f32>,
) -> String {
    let mut parts = vec![head.to_string()];
    match (by, confidence) {
        (Some(b), Some(c)) => parts.push(format!("{} {c:.2}", suggester_name(lang, b))),
        (Some(b), None) => parts.push(suggester_name(lang, b).to_string()),
        (None, Some(c)) => parts.push(format!("{} {c:.2}", tr(lang, Msg::Confidence))),
        (None, None) => {}
    }
    match lang {
        Lang::Zh => format!("（{}）", parts.join(" · ")),
        Lang::En => format!("({})", parts.join(" · ")),
    }
}
/// A span's chars on one line: a line break it holds (a span may run over one) is shown
/// as a space (the outline shows a headline's so too), so that its row in the list stays one
/// row high. (↵ is not in the bundled font: egui refuses to draw a missing glyph.)
pub fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn each_line_break_shows_as_one_space() {
        assert_eq!(one_line("\n\n甘肃"), "  甘肃");
        assert_eq!(one_line("兰州\r\n召开"), "兰州 召开");
        assert_eq!(one_line("甘肃省总工会"), "甘肃省总工会");
    }
}
