//! The event panel: create an event from the selection (one button per event type, or its
//! Shift+letter hotkey), list the document's events with their validation problems (a click
//! selects and jumps), and fill the selected event's roles from the selected span or text
//! (the role's button, or Alt+its number), or pick a role first and then click a span.

use crate::app::workspace::Workspace;
use crate::i18n::{Lang, Msg, tr};
use crate::model::validate_document;
use crate::ui::Intent;

/// Draw the panel.
pub fn ui(ui: &mut egui::Ui, ws: &Workspace, lang: Lang, out: &mut Vec<Intent>) {
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
    let problems = validate_document(doc, schema);
    // The list scrolls on its own so that the span list below keeps its room.
    let max = (ui.ctx().content_rect().height() * 0.45).max(160.0);
    egui::ScrollArea::vertical()
        .id_salt("event_list")
        .max_height(max)
        .auto_shrink([false, true])
        .show(ui, |ui| list(ui, ws, lang, &problems, has_target, out));
}

/// The events with their frames; the selected one with its role grid.
fn list(
    ui: &mut egui::Ui,
    ws: &Workspace,
    lang: Lang,
    problems: &[crate::model::Problem],
    has_target: bool,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let Some(doc) = ws.project.documents.get(ws.doc) else {
        return;
    };
    let schema = &ws.project.schema;
    for e in &doc.layer.events {
        let trig = doc
            .layer
            .span(e.trigger)
            .and_then(|s| doc.text.slice(s.range).ok())
            .unwrap_or("?");
        let sel = ws.selected_event == Some(e.id);
        let text = format!("{} {} 「{trig}」 ({})", e.id, e.event_type, e.args.len());
        ui.horizontal(|ui| {
            if ui.selectable_label(sel, text).clicked() {
                out.push(Intent::SelectEvent(e.id));
            }
            if sel
                && ui
                    .small_button("×")
                    .on_hover_text(t(Msg::DeleteEvent))
                    .clicked()
            {
                out.push(Intent::DeleteEvent(e.id));
            }
        });
        // The frame at a glance: role=argument, …
        if !e.args.is_empty() {
            let frame: Vec<String> = e
                .args
                .iter()
                .map(|(r, a)| {
                    let surface = doc
                        .layer
                        .span(*a)
                        .and_then(|s| doc.text.slice(s.range).ok())
                        .unwrap_or("?");
                    format!("{r}={surface}")
                })
                .collect();
            ui.add(
                egui::Label::new(egui::RichText::new(format!("  {}", frame.join("  "))).weak())
                    .wrap(),
            );
        }
        let item = e.id.to_string();
        for p in problems
            .iter()
            .filter(|p| p.item.as_deref() == Some(item.as_str()))
        {
            ui.colored_label(ui.visuals().error_fg_color, format!("  {}", p.message));
        }
        if !sel {
            continue;
        }
        let Some(ty) = schema.event_type(&e.event_type) else {
            continue;
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
                    .on_hover_text(format!(
                        "Alt+{}: {}",
                        n + 1,
                        t(Msg::RoleKeyHint)
                    ));
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
