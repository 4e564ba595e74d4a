//! The event schema editor: event types on the left, the selected type's names, colour,
//! hotkey and roles on the right. Changes are drafts until "Apply", which checks them and
//! applies one edit (renamed types and roles carry their events along; undo restores all).

use crate::edit::{EventTypeDraft, drafts_of, replace_event_types};
use crate::i18n::{Lang, Msg, tr};
use crate::model::{EventType, Project, Rgb, Role};
use crate::ui::intent::{Leave, Outcome};

/// State of the editor.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaEditor {
    drafts: Vec<EventTypeDraft>,
    /// The schema the drafts were made from; when the project's changes (apply, undo), the
    /// drafts are made again.
    base: Vec<EventType>,
    selected: usize,
    new_type: String,
    new_role: String,
    error: Option<String>,
    /// Closing was asked while drafts were not applied: the editor asks to confirm.
    closing: bool,
}

impl SchemaEditor {
    /// Start editing a project's event types.
    pub fn new(p: &Project) -> Self {
        Self {
            drafts: drafts_of(p),
            base: p.schema.events.clone(),
            ..Default::default()
        }
    }

    /// Whether something typed here is not in the project yet: a draft that differs from
    /// the schema, or a new type's or role's name typed and not added.
    pub fn unapplied(&self) -> bool {
        self.changed() || !self.new_type.trim().is_empty() || !self.new_role.trim().is_empty()
    }

    /// Whether the editor asks to confirm that its unapplied drafts go.
    pub fn closing(&self) -> bool {
        self.closing
    }

    /// Ask (or stop asking) to confirm that the unapplied drafts go.
    pub fn set_closing(&mut self, on: bool) {
        self.closing = on;
    }

    /// Whether any draft differs from the schema.
    fn changed(&self) -> bool {
        self.drafts.len() != self.base.len()
            || self
                .drafts
                .iter()
                .zip(&self.base)
                .any(|(d, b)| d.ty != *b || d.was.as_deref() != Some(b.key.as_str()))
    }
}

fn swatch(ui: &mut egui::Ui, c: Rgb) {
    let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter()
        .rect_filled(r, 2.0, egui::Color32::from_rgb(c.0, c.1, c.2));
}

/// Draw the editor.
pub fn ui(ui: &mut egui::Ui, ed: &mut SchemaEditor, p: Option<&Project>, lang: Lang) -> Outcome {
    let t = |m| tr(lang, m);
    let mut out = Outcome::Open;
    let Some(p) = p else {
        return Outcome::Close;
    };
    if p.schema.events != ed.base {
        *ed = SchemaEditor {
            selected: ed.selected,
            ..SchemaEditor::new(p)
        };
    }
    ui.heading(t(Msg::EventTypes));
    ui.horizontal_top(|ui| {
        // The types.
        ui.vertical(|ui| {
            ui.set_width(170.0);
            egui::ScrollArea::vertical()
                .id_salt("schema_types")
                .max_height(360.0)
                .show(ui, |ui| {
                    for (i, d) in ed.drafts.iter().enumerate() {
                        ui.horizontal(|ui| {
                            swatch(ui, d.ty.color);
                            let hk =
                                d.ty.hotkey
                                    .map(|h| format!("  Shift+{h}"))
                                    .unwrap_or_default();
                            let uses = d.was.as_deref().map_or(0, |k| {
                                p.documents
                                    .iter()
                                    .flat_map(|doc| &doc.layer.events)
                                    .filter(|e| e.event_type == k)
                                    .count()
                            });
                            let uses = if uses > 0 {
                                format!("  ({uses})")
                            } else {
                                String::new()
                            };
                            let text = format!("{}{hk}{uses}", d.ty.key);
                            if ui.selectable_label(ed.selected == i, text).clicked() {
                                ed.selected = i;
                            }
                        });
                    }
                });
            ui.separator();
            let l = ui.label(t(Msg::NewTypeName));
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut ed.new_type)
                        .id_salt("new_event_type")
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
                if ui.button(t(Msg::AddType)).clicked() {
                    let key = ed.new_type.trim().to_string();
                    if key.is_empty() {
                        ed.error = Some(t(Msg::KeyEmpty).into());
                    } else {
                        ed.drafts.push(EventTypeDraft {
                            was: None,
                            ty: crate::model::new_event_type(&key, ed.drafts.iter().map(|d| &d.ty)),
                            roles_were: Vec::new(),
                        });
                        ed.selected = ed.drafts.len() - 1;
                        ed.new_type.clear();
                        ed.error = None;
                    }
                }
            });
        });
        // (A separator here would take the modal's whole height and grow it every frame.)
        ui.add_space(16.0);
        // The selected type.
        ui.vertical(|ui| {
            let labels: Vec<String> = p
                .schema
                .labels
                .iter()
                .map(|l| l.key.clone())
                .chain(std::iter::once("ARG".to_string()))
                .collect();
            let Some(d) = ed.drafts.get_mut(ed.selected) else {
                return;
            };
            let mut delete_type = false;
            egui::Grid::new("event_type_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label(t(Msg::Key));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.ty.key)
                            .id_salt("et_key")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t(Msg::NameZh));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.ty.zh)
                            .id_salt("et_zh")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(t(Msg::NameEn));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.ty.en)
                            .id_salt("et_en")
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    ui.label(t(Msg::Colour));
                    let mut c = [d.ty.color.0, d.ty.color.1, d.ty.color.2];
                    ui.color_edit_button_srgb(&mut c);
                    d.ty.color = Rgb(c[0], c[1], c[2]);
                    ui.end_row();
                    let l = ui.label(format!("{} (Shift+)", t(Msg::Hotkey)));
                    let mut hk = d.ty.hotkey.map(|c| c.to_string()).unwrap_or_default();
                    ui.add(
                        egui::TextEdit::singleline(&mut hk)
                            .id_salt("et_hotkey")
                            .desired_width(24.0),
                    )
                    .labelled_by(l.id);
                    d.ty.hotkey = hk.trim().chars().next().map(|c| c.to_ascii_uppercase());
                    ui.end_row();
                });
            if ui.button(t(Msg::DeleteType)).clicked() {
                delete_type = true;
            }
            ui.separator();
            ui.strong(t(Msg::Roles));
            let mut remove_role = None;
            egui::Grid::new("event_roles")
                .num_columns(8)
                .striped(true)
                .show(ui, |ui| {
                    ui.label("");
                    for h in [
                        Msg::RoleName,
                        Msg::NameEn,
                        Msg::Accepts,
                        Msg::Required,
                        Msg::Repeats,
                    ] {
                        ui.strong(t(h));
                    }
                    ui.end_row();
                    for (k, r) in d.ty.roles.iter_mut().enumerate() {
                        let n = ui.label(format!("Alt+{}", k + 1));
                        ui.add_sized(
                            [96.0, 20.0],
                            egui::TextEdit::singleline(&mut r.name).id_salt(("role_name", k)),
                        )
                        .labelled_by(n.id);
                        // The name the English window shows (the role's name when empty).
                        ui.add_sized(
                            [96.0, 20.0],
                            egui::TextEdit::singleline(&mut r.en)
                                .id_salt(("role_en", k))
                                .hint_text(r.name.as_str()),
                        )
                        .on_hover_text(t(Msg::NameEn));
                        let summary = if r.accepts.is_empty() {
                            t(Msg::AnyLabel).to_string()
                        } else {
                            r.accepts.join(" ")
                        };
                        ui.menu_button(summary, |ui| {
                            for l in &labels {
                                let mut on = r.accepts.contains(l);
                                if ui.checkbox(&mut on, l.as_str()).changed() {
                                    if on {
                                        r.accepts.push(l.clone());
                                    } else {
                                        r.accepts.retain(|x| x != l);
                                    }
                                }
                            }
                        });
                        ui.checkbox(&mut r.required, "")
                            .on_hover_text(t(Msg::Required));
                        ui.checkbox(&mut r.repeat, "")
                            .on_hover_text(t(Msg::Repeats));
                        if ui.small_button("×").on_hover_text(t(Msg::Delete)).clicked() {
                            remove_role = Some(k);
                        }
                        ui.end_row();
                    }
                });
            if let Some(k) = remove_role {
                d.ty.roles.remove(k);
                d.roles_were.remove(k);
            }
            ui.horizontal(|ui| {
                let l = ui.label(t(Msg::NewRoleName));
                ui.add(
                    egui::TextEdit::singleline(&mut ed.new_role)
                        .id_salt("new_role")
                        .desired_width(90.0),
                )
                .labelled_by(l.id);
                if ui.button(t(Msg::AddRole)).clicked() && !ed.new_role.trim().is_empty() {
                    d.ty.roles.push(Role {
                        name: ed.new_role.trim().to_string(),
                        en: String::new(),
                        accepts: Vec::new(),
                        required: false,
                        repeat: false,
                    });
                    d.roles_were.push(None);
                    ed.new_role.clear();
                }
            });
            if delete_type {
                ed.drafts.remove(ed.selected);
                ed.selected = ed.selected.min(ed.drafts.len().saturating_sub(1));
            }
        });
    });
    ui.separator();
    if let Some(e) = &ed.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let mut apply = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(ed.changed(), egui::Button::new(t(Msg::ApplyChanges)))
            .clicked()
        {
            apply = true;
        }
        if ui
            .add_enabled(ed.changed(), egui::Button::new(t(Msg::Reset)))
            .clicked()
        {
            *ed = SchemaEditor {
                selected: ed.selected,
                ..SchemaEditor::new(p)
            };
        }
        if ui.button(t(Msg::Close)).clicked() {
            out = Outcome::Close;
        }
    });
    if !ed.unapplied() {
        ed.closing = false;
    }
    let can_apply = ed.changed();
    let leave = crate::ui::intent::confirm_discard(ui, &mut ed.closing, can_apply, lang);
    match leave {
        Leave::Discard => out = Outcome::Close,
        Leave::Apply => apply = true,
        Leave::Stay => {}
    }
    if apply {
        match replace_event_types(p, &ed.drafts) {
            Ok(e) => {
                ed.error = None;
                out = if leave == Leave::Apply {
                    Outcome::EditThenClose(e)
                } else {
                    Outcome::Edit(e)
                };
            }
            Err(e) => {
                ed.error = Some(crate::session::schema_message(&e, lang));
                ed.closing = false;
            }
        }
    }
    out
}
