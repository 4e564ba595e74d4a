//! The event panel: create an event from the selection (one button per event type, or its
//! Shift+letter hotkey), list the document's events with their validation problems (a click
//! selects and jumps), and fill the selected event's roles from the selected span or text
//! (the role's button, or Alt+its number), or pick a role first and then click a span.

//!
//! Long documents can hold thousands of events: the list draws only the rows in view (one
//! line each), and the validation behind it is computed once per change, not per frame.

use std::collections::HashMap;

use crate::app::workspace::Workspace;
use crate::i18n::{Lang, Msg, tr};
use crate::model::{Document, Event, validate_events};
use crate::ui::Intent;

/// Validation messages per event id (`E3`).
type ProblemsByEvent = HashMap<String, Vec<String>>;

/// UI state of the event panel.
#[derive(Default)]
pub struct EventPanel {
    /// Problems per event, for (document, workspace generation).
    problems: Option<((usize, u64), ProblemsByEvent)>,
}

impl EventPanel {
    /// Draw the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, lang: Lang, out: &mut Vec<Intent>) {
        let Some(doc) = ws.project.documents.get(ws.doc) else {
            return;
        };
        let key = (ws.doc, ws.generation);
        if self.problems.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut by_event = ProblemsByEvent::new();
            for p in validate_events(doc, &ws.project.schema) {
                if let Some(item) = p.item.filter(|i| i.starts_with('E')) {
                    by_event.entry(item).or_default().push(p.message);
                }
            }
            self.problems = Some((key, by_event));
        }
        let problems = self.problems.as_ref().map(|(_, p)| p);
        let empty = HashMap::new();
        panel(ui, ws, lang, problems.unwrap_or(&empty), out);
    }
}

fn panel(
    ui: &mut egui::Ui,
    ws: &Workspace,
    lang: Lang,
    problems: &ProblemsByEvent,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let Some(doc) = ws.project.documents.get(ws.doc) else {
        return;
    };
    let schema = &ws.project.schema;
    let has_selection =
        ws.selection.is_some_and(|s| s.anchor != s.head) || ws.selected_span.is_some();
    let has_target = ws.has_argument_target();
    ui.horizontal_wrapped(|ui| {
        ui.label(t(Msg::NewEvent));
        for e in &schema.events {
            let c = egui::Color32::from_rgb(e.color.0, e.color.1, e.color.2);
            let b =
                egui::Button::new(egui::RichText::new(&e.key).color(egui::Color32::WHITE)).fill(c);
            let mut r = ui.add_enabled(has_selection, b);
            if let Some(h) = e.hotkey {
                r = r.on_hover_text(format!("{}{h}", t(Msg::EventHotkeyHint)));
            }
            if r.clicked() {
                out.push(Intent::CreateEvent(e.key.clone()));
            }
        }
        if ui
            .small_button("…")
            .on_hover_text(t(Msg::EditEventTypes))
            .clicked()
        {
            out.push(Intent::EditEventTypes);
        }
    });
    // The selected event: its frame, problems and role grid.
    if let Some(e) = ws.selected_event.and_then(|id| doc.layer.event(id)) {
        ui.group(|ui| selected(ui, ws, doc, e, lang, problems, has_target, out));
    }
    // Every event, a line each; only the rows in view are drawn.
    let max = (ui.ctx().content_rect().height() * 0.35).max(120.0);
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let events = &doc.layer.events;
    egui::ScrollArea::vertical()
        .id_salt("event_list")
        .max_height(max)
        .auto_shrink([false, true])
        .show_rows(ui, row, events.len(), |ui, rows| {
            for e in &events[rows] {
                let sel = ws.selected_event == Some(e.id);
                ui.horizontal(|ui| {
                    if let Some(p) = problems.get(&e.id.to_string()) {
                        ui.colored_label(ui.visuals().error_fg_color, "⚠")
                            .on_hover_text(p.join("\n"));
                    }
                    let text = format!("{}  {}", title(doc, e), frame(doc, e));
                    let r = ui.add(egui::Button::selectable(sel, text).truncate());
                    if r.clicked() {
                        out.push(Intent::SelectEvent(e.id));
                    }
                });
            }
        });
}

/// `E1 发布 「出台」 (3)`.
fn title(doc: &Document, e: &Event) -> String {
    let trig = doc
        .layer
        .span(e.trigger)
        .and_then(|s| doc.text.slice(s.range).ok())
        .unwrap_or("?");
    format!("{} {} 「{trig}」 ({})", e.id, e.event_type, e.args.len())
}

/// `主体=甘肃省总工会  对象=…`.
fn frame(doc: &Document, e: &Event) -> String {
    e.args
        .iter()
        .map(|(r, a)| {
            let surface = doc
                .layer
                .span(*a)
                .and_then(|s| doc.text.slice(s.range).ok())
                .unwrap_or("?");
            format!("{r}={}", short(surface, 12))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// The selected event: title with a delete button, frame, problems, and the role grid.
#[allow(clippy::too_many_arguments)]
fn selected(
    ui: &mut egui::Ui,
    ws: &Workspace,
    doc: &Document,
    e: &Event,
    lang: Lang,
    problems: &ProblemsByEvent,
    has_target: bool,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let schema = &ws.project.schema;
    ui.horizontal(|ui| {
        ui.strong(title(doc, e));
        if ui
            .small_button("×")
            .on_hover_text(t(Msg::DeleteEvent))
            .clicked()
        {
            out.push(Intent::DeleteEvent(e.id));
        }
    });
    for p in problems.get(&e.id.to_string()).into_iter().flatten() {
        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
    }
    let Some(ty) = schema.event_type(&e.event_type) else {
        return;
    };
    egui::Grid::new(("roles", e.id.0))
        .num_columns(3)
        .show(ui, |ui| {
            for (n, r) in ty.roles.iter().enumerate() {
                ui.label(format!(
                    "{} {}{}",
                    n + 1,
                    r.name,
                    if r.required { " *" } else { "" }
                ))
                .on_hover_text(format!("Alt+{}: {}", n + 1, t(Msg::RoleKeyHint)));
                ui.vertical(|ui| {
                    for (k, (role, a)) in e.args.iter().enumerate() {
                        if role != &r.name {
                            continue;
                        }
                        let surface = doc
                            .layer
                            .span(*a)
                            .and_then(|s| doc.text.slice(s.range).ok())
                            .unwrap_or("?");
                        ui.horizontal(|ui| {
                            ui.label(format!("{a} {}", short(surface, 14)))
                                .on_hover_text(surface);
                            if ui
                                .small_button("×")
                                .on_hover_text(t(Msg::RemoveArgument))
                                .clicked()
                            {
                                out.push(Intent::RemoveArgument(k));
                            }
                        });
                    }
                });
                if has_target {
                    let b = egui::Button::new(format!("← {}", t(Msg::SetArgument)));
                    if ui
                        .add(b)
                        .on_hover_text(format!("{} {}", t(Msg::SetArgument), r.name))
                        .clicked()
                    {
                        out.push(Intent::SetArgument(r.name.clone()));
                    }
                } else {
                    let armed = ws.armed_role.as_deref() == Some(r.name.as_str());
                    let b = egui::Button::selectable(armed, t(Msg::PickArgument));
                    if ui
                        .add(b)
                        .on_hover_text(format!("{}: {}", r.name, t(Msg::PickArgumentHint)))
                        .clicked()
                    {
                        out.push(Intent::ArmRole(r.name.clone()));
                    }
                }
                ui.end_row();
            }
        });
    if let Some(r) = &ws.armed_role {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{r}: {}", t(Msg::PickArgumentHint)),
        );
    }
}

/// At most `n` chars of `s`, with … when cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}
