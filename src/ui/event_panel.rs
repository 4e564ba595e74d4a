//! The event panel: create an event from the selection (one button per event type, or its
//! Shift+letter hotkey), list the document's events with their validation problems (a click
//! selects and jumps), and fill the selected event's roles from the selected span or text
//! (the role's button, or Alt+its number), or pick a role first and then click a span.

//!
//! Events are listed in the order of their triggers in the text (as `]` / `[` walk them).
//! Long documents can hold thousands of events: the list draws only the rows in view (one
//! line each), and the validation and order behind it are computed once per change, not per
//! frame.

use std::collections::HashMap;

use crate::i18n::{Lang, Msg, tr};
use crate::model::{Document, Event, validate_events};
use crate::session::{MarkFilter, MarkTarget, Session};
use crate::ui::intent::Intent;

/// Validation messages per event id (`E3`).
type ProblemsByEvent = HashMap<String, Vec<crate::model::Problem>>;

/// What the list shows, derived from the document once per change.
struct Derived {
    /// Problems per event.
    problems: ProblemsByEvent,
    /// Indices into the document's events, in the order of their triggers.
    order: Vec<usize>,
}

/// What the derived list was made from: the session (the high half of its generation),
/// the document, the layer's event revision, and the schema.
type DerivedKey = (u64, usize, u64, crate::model::Schema);

/// UI state of the event panel.
#[derive(Default)]
pub struct EventPanel {
    /// The derived list: validated again only when something validation reads changed (not
    /// on every edit: tagging an entity on a document of 20,000 events stays quick).
    derived: Option<(DerivedKey, Derived)>,
    /// The selected event's comment as typed, until the field loses focus.
    note: NoteField,
}

/// The comment field of the selected event: which event it holds the text of, and the text.
#[derive(Default)]
struct NoteField {
    event: Option<(usize, crate::model::EventId)>,
    /// The comment stored when the text was taken (an undo changes it: the field follows).
    stored: Option<String>,
    text: String,
}

impl EventPanel {
    /// Draw the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        let Some(doc) = ws.project().documents.get(ws.doc()) else {
            return;
        };
        let schema = &ws.project().schema;
        let fresh = self.derived.as_ref().is_some_and(|((s, d, r, sc), _)| {
            *s == ws.generation() >> 32
                && *d == ws.doc()
                && *r == doc.layer.event_revision()
                && sc == schema
        });
        if !fresh {
            let key = (
                ws.generation() >> 32,
                ws.doc(),
                doc.layer.event_revision(),
                schema.clone(),
            );
            self.derived = Some((key, derive(doc, schema)));
        }
        if let Some((_, d)) = &self.derived {
            panel(ui, ws, lang, d, &mut self.note, out);
        }
    }
}

fn derive(doc: &Document, schema: &crate::model::Schema) -> Derived {
    let mut problems = ProblemsByEvent::new();
    for p in validate_events(doc, schema) {
        if let Some(item) = p.item.as_ref().filter(|i| i.starts_with('E')) {
            problems.entry(item.clone()).or_default().push(p);
        }
    }
    let events = &doc.layer.events;
    let start = |i: usize| {
        doc.layer
            .span(events[i].trigger)
            .map_or(u32::MAX, |s| s.range.start)
    };
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (start(i), events[i].id));
    Derived { problems, order }
}

/// The buttons that create an event of each type from the selection (and the `…` that edits
/// the types).
fn type_buttons(
    ui: &mut egui::Ui,
    schema: &crate::model::Schema,
    lang: Lang,
    has_selection: bool,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    ui.horizontal_wrapped(|ui| {
        ui.label(t(Msg::NewEvent));
        let panel = ui.visuals().panel_fill;
        let panel = crate::model::Rgb(panel.r(), panel.g(), panel.b());
        for e in &schema.events {
            let (text, fill, stroke) = type_button_colours(e.color, has_selection, panel);
            let rgb = |c: crate::model::Rgb| egui::Color32::from_rgb(c.0, c.1, c.2);
            let b = egui::Button::new(egui::RichText::new(e.shown(lang)).color(rgb(text)))
                .fill(fill.map(rgb).unwrap_or(egui::Color32::TRANSPARENT))
                .stroke(egui::Stroke::new(1.5, rgb(stroke)));
            // Without a selection the button only shows the type (egui's faded disabled look
            // left white text on a pale fill in the light theme): drawn unfilled, in full
            // contrast, and it does not click.
            let b = if has_selection {
                b
            } else {
                b.sense(egui::Sense::hover())
            };
            let mut r = ui.add(b);
            if !has_selection {
                r = r.on_hover_text(t(Msg::SelectTextForEvent));
            }
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
}

/// With more event types than this, the type buttons are folded under a header.
const FOLD_TYPES_ABOVE: usize = 12;

fn panel(
    ui: &mut egui::Ui,
    ws: &Session,
    lang: Lang,
    derived: &Derived,
    note: &mut NoteField,
    out: &mut Vec<Intent>,
) {
    let problems = &derived.problems;
    let t = |m| tr(lang, m);
    let Some(doc) = ws.project().documents.get(ws.doc()) else {
        return;
    };
    let schema = &ws.project().schema;
    let has_selection =
        ws.selection().is_some_and(|s| s.anchor != s.head) || ws.selected_span().is_some();
    let has_target = ws.has_argument_target();
    // A large schema (DuEE has 65 types) folds its type buttons away, or they would push the
    // event list below the window; a few types stay in view.
    if schema.events.len() > FOLD_TYPES_ABOVE {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            t(Msg::NewEvent).trim_end_matches(['：', ':']),
            schema.events.len()
        ))
        .id_salt("new_event_types")
        .default_open(false)
        .show(ui, |ui| type_buttons(ui, schema, lang, has_selection, out));
    } else {
        type_buttons(ui, schema, lang, has_selection, out);
    }
    // The selected event: its frame, problems and role grid.
    if let Some(e) = ws.selected_event().and_then(|id| doc.layer.event(id)) {
        ui.group(|ui| {
            selected(ui, ws, doc, e, lang, problems, has_target, out);
            marks(ui, ws.doc(), e, lang, note, out);
        });
    } else {
        *note = NoteField::default();
    }
    let events = &doc.layer.events;
    if events.is_empty() {
        return;
    }
    // Filters: problems only, one type (kept in the session: `]` / `[` follow them).
    let mut filter = ws.event_filter().clone();
    ui.horizontal(|ui| {
        ui.checkbox(
            &mut filter.only_problems,
            format!("⚠ {} ({})", t(Msg::ProblemsOnly), problems.len()),
        );
        let all = t(Msg::AllTypes).to_string();
        egui::ComboBox::new("event_type_filter", t(Msg::TypeFilter))
            .selected_text(filter.event_type.clone().unwrap_or_else(|| all.clone()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.event_type, None, all);
                for ty in &schema.events {
                    let n = events.iter().filter(|e| e.event_type == ty.key).count();
                    ui.selectable_value(
                        &mut filter.event_type,
                        Some(ty.key.clone()),
                        format!("{} ({n})", ty.shown(lang)),
                    );
                }
            });
    });
    ui.horizontal(|ui| {
        egui::ComboBox::new("event_marks", t(Msg::EventMarkFilterTitle))
            .selected_text(filter.marks.name(lang))
            .show_ui(ui, |ui| {
                for m in MarkFilter::ALL {
                    ui.selectable_value(&mut filter.marks, m, m.name(lang));
                }
            });
    });
    let shown: Vec<&Event> = derived
        .order
        .iter()
        .filter_map(|&i| events.get(i))
        .filter(|e| {
            // Look problems up only when the filter needs them (no allocation per frame).
            filter.shows(
                e,
                filter.only_problems && problems.contains_key(&e.id.to_string()),
            )
        })
        .collect();
    if filter != *ws.event_filter() {
        out.push(Intent::SetEventFilter(filter));
    }
    // Every event shown, a line each; only the rows in view are drawn.
    let max = (ui.ctx().content_rect().height() * 0.35).max(120.0);
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("event_list")
        .max_height(max)
        .auto_shrink([false, true])
        .show_rows(ui, row, shown.len(), |ui, rows| {
            for &e in &shown[rows] {
                let sel = ws.selected_event() == Some(e.id);
                ui.horizontal(|ui| {
                    if let Some(p) = problems.get(&e.id.to_string()) {
                        let words: Vec<String> = p
                            .iter()
                            .map(|p| crate::session::problem_message(p, lang))
                            .collect();
                        ui.colored_label(ui.visuals().error_fg_color, "⚠")
                            .on_hover_text(words.join("\n"));
                    }
                    let text = format!(
                        "{}{}  {}",
                        crate::session::mark_prefix(e.unsure, e.note.as_deref()),
                        title(doc, schema, e, lang),
                        frame(doc, schema, e, lang)
                    );
                    let r = ui
                        .add(egui::Button::selectable(sel, text).truncate())
                        .on_hover_text(whole(doc, schema, e, lang));
                    if r.clicked() {
                        out.push(Intent::SelectEvent(e.id));
                    }
                });
            }
        });
}

/// `E1 会议 「召开」 (3)`, the type named as the buttons name it in `lang`; `（建议）` after
/// it while its trigger is a pending suggestion, with what proposed it and the trigger
/// tagger's probability when it found it (`（建议 · 触发词表）`, `（建议 · 模型 0.60）`).
fn title(doc: &Document, schema: &crate::model::Schema, e: &Event, lang: Lang) -> String {
    let trigger = doc.layer.span(e.trigger);
    let trig = super::span_list::one_line(
        trigger
            .and_then(|s| doc.text.slice(s.range).ok())
            .unwrap_or("?"),
    );
    let ty = schema
        .event_type(&e.event_type)
        .map_or(e.event_type.as_str(), |t| t.shown(lang));
    let pending = trigger.filter(|t| t.status == crate::model::SpanStatus::Pending);
    // A trigger the trigger tagger found carries its probability.
    let mark = match pending.map(|t| (t.suggested_by, t.confidence)) {
        Some((Some(by), c)) => {
            let head = match lang {
                Lang::Zh => "建议",
                Lang::En => "suggested",
            };
            format!(
                " {}",
                super::span_list::suggestion_mark(lang, head, Some(by), c)
            )
        }
        Some((None, Some(c))) => format!(" {}", crate::i18n::suggested_with_confidence(lang, c)),
        Some((None, None)) => format!(" {}", tr(lang, Msg::SuggestedEvent)),
        None => String::new(),
    };
    format!("{} {ty} 「{trig}」 ({}){mark}", e.id, e.args.len())
}

/// What a row of the event list cuts short, in full for its hover: the title, each argument
/// on a line of its own, uncut, and the note.
fn whole(doc: &Document, schema: &crate::model::Schema, e: &Event, lang: Lang) -> String {
    let mut lines = vec![title(doc, schema, e, lang)];
    lines.extend(e.args.iter().zip(arguments(doc, schema, e, lang)).map(
        |((_, a), (r, surface))| {
            let by = argument_mark(doc, *a, lang).map_or(String::new(), |m| format!(" {m}"));
            let surface = super::span_list::one_line(surface);
            format!("  {r} = {surface}{by}")
        },
    ));
    if let Some(n) = &e.note {
        lines.push(n.clone());
    }
    lines.join("\n")
}

/// What proposed an argument whose span is still a pending suggestion, and the model's
/// probability when the argument tagger found it (`（建议 · 模型 0.39）`, `(suggested · rule)`);
/// `None` for an accepted span. The trigger's mark in the title says only who proposed the
/// trigger: the arguments of one event may come from the tagger and from the rules.
fn argument_mark(doc: &Document, a: crate::model::SpanId, lang: Lang) -> Option<String> {
    let s = doc
        .layer
        .span(a)
        .filter(|s| s.status == crate::model::SpanStatus::Pending)?;
    let head = match lang {
        Lang::Zh => "建议",
        Lang::En => "suggested",
    };
    Some(super::span_list::suggestion_mark(
        lang,
        head,
        s.suggested_by,
        s.confidence,
    ))
}

/// `主体=甘肃省总工会  对象=…` (`Subject=…` in English where the role has its English name).
fn frame(doc: &Document, schema: &crate::model::Schema, e: &Event, lang: Lang) -> String {
    arguments(doc, schema, e, lang)
        .map(|(r, surface)| format!("{r}={}", short(surface, 12)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// Each argument of `e` as the event list names it: the role as shown in `lang`, and the
/// text of its span (`?` for a span the layer no longer has).
fn arguments<'a>(
    doc: &'a Document,
    schema: &'a crate::model::Schema,
    e: &'a Event,
    lang: Lang,
) -> impl Iterator<Item = (&'a str, &'a str)> {
    e.args.iter().map(move |(r, a)| {
        let surface = doc
            .layer
            .span(*a)
            .and_then(|s| doc.text.slice(s.range).ok())
            .unwrap_or("?");
        (schema.role_shown(&e.event_type, r, lang), surface)
    })
}

/// The colours of an event type's button: (text, fill, outline). With a selection: the
/// type's colour as the fill and black or white text, whichever reads on it. Without one
/// (the button cannot act): no fill, the type's colour as the outline, and the text in the
/// type's colour darkened or lightened until it reads on the `panel`.
pub fn type_button_colours(
    color: crate::model::Rgb,
    enabled: bool,
    panel: crate::model::Rgb,
) -> (
    crate::model::Rgb,
    Option<crate::model::Rgb>,
    crate::model::Rgb,
) {
    if enabled {
        (color.ink(), Some(color), color)
    } else {
        (color.readable_on(panel), None, color)
    }
}

/// The selected event: title with a delete button, frame, problems, and the role grid.
#[allow(clippy::too_many_arguments)]
fn selected(
    ui: &mut egui::Ui,
    ws: &Session,
    doc: &Document,
    e: &Event,
    lang: Lang,
    problems: &ProblemsByEvent,
    has_target: bool,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let schema = &ws.project().schema;
    ui.horizontal(|ui| {
        ui.strong(title(doc, schema, e, lang));
        if ui
            .small_button("×")
            .on_hover_text(t(Msg::DeleteEvent))
            .clicked()
        {
            out.push(Intent::DeleteEvent(e.id));
        }
    });
    for p in problems.get(&e.id.to_string()).into_iter().flatten() {
        let words = crate::session::problem_message(p, lang);
        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {words}"));
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
                    r.shown(lang),
                    if r.required { " *" } else { "" }
                ))
                .on_hover_text({
                    // What the role takes, so the annotator knows before filling it.
                    let accepts = if r.accepts.is_empty() {
                        t(Msg::AnyLabel).to_string()
                    } else {
                        r.accepts.join(", ")
                    };
                    let mut flags = Vec::new();
                    if r.required {
                        flags.push(t(Msg::Required));
                    }
                    if r.repeat {
                        flags.push(t(Msg::Repeats));
                    }
                    format!(
                        "Alt+{}: {}\n{}: {accepts}{}",
                        n + 1,
                        t(Msg::RoleKeyHint),
                        t(Msg::Accepts),
                        if flags.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", flags.join(", "))
                        }
                    )
                });
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
                        let mark = argument_mark(doc, *a, lang);
                        ui.horizontal(|ui| {
                            ui.label(format!("{a} {}", short(surface, 14)))
                                .on_hover_text(match &mark {
                                    Some(m) => format!("{surface} {m}"),
                                    None => surface.to_string(),
                                });
                            if let Some(m) = &mark {
                                ui.weak(m);
                            }
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
                        .on_hover_text(format!("{} {}", t(Msg::SetArgument), r.shown(lang)))
                        .clicked()
                    {
                        out.push(Intent::SetArgument(r.name.clone()));
                    }
                } else {
                    let armed = ws.armed_role() == Some(r.name.as_str());
                    let b = egui::Button::selectable(armed, t(Msg::PickArgument));
                    if ui
                        .add(b)
                        .on_hover_text(format!("{}: {}", r.shown(lang), t(Msg::PickArgumentHint)))
                        .clicked()
                    {
                        out.push(Intent::ArmRole(r.name.clone()));
                    }
                }
                ui.end_row();
            }
        });
    if let Some(r) = &ws.armed_role() {
        let r = schema.role_shown(&e.event_type, r, lang);
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{r}: {}", t(Msg::PickArgumentHint)),
        );
    }
}

/// The selected event's unsure box and comment field (committed when it loses focus).
fn marks(
    ui: &mut egui::Ui,
    doc: usize,
    e: &Event,
    lang: Lang,
    note: &mut NoteField,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    if note.event != Some((doc, e.id)) || note.stored != e.note {
        *note = NoteField {
            event: Some((doc, e.id)),
            stored: e.note.clone(),
            text: e.note.clone().unwrap_or_default(),
        };
    }
    ui.horizontal(|ui| {
        let mut unsure = e.unsure;
        if ui
            .checkbox(&mut unsure, t(Msg::Unsure))
            .on_hover_text(format!("Ctrl+U: {}", t(Msg::ToggleUnsure)))
            .changed()
        {
            out.push(Intent::SetUnsure(MarkTarget::Event(e.id), unsure));
        }
        let label = ui.label(t(Msg::EventNote));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut note.text)
                    .id_salt("event_note")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
        if r.lost_focus() && crate::session::clean_note(&note.text) != e.note {
            out.push(Intent::SetNote(MarkTarget::Event(e.id), note.text.clone()));
        }
    });
}

/// At most `n` chars of `s` on one line (a line break shown as a space), with … when cut.
fn short(s: &str, n: usize) -> String {
    let s = super::span_list::one_line(s);
    if s.chars().count() <= n {
        s
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In both themes an event type's button reads: the text on its fill when it can act,
    /// the text on the panel when it cannot (egui's fade gave white on pale orange).
    #[test]
    fn event_type_buttons_read_in_both_themes() {
        let rgb = |c: egui::Color32| crate::model::Rgb(c.r(), c.g(), c.b());
        let schema = crate::model::Schema::default_bulletin();
        // And the types added later (the editor's, an import's), each with its own colour.
        let mut added: Vec<crate::model::EventType> = schema.events.clone();
        for i in 0..60 {
            let t = crate::model::new_event_type(&format!("t{i}"), &added);
            added.push(t);
        }
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let panel = rgb(visuals.panel_fill);
            for e in &added {
                let (text, fill, _) = type_button_colours(e.color, true, panel);
                let fill = fill.expect("an enabled button is filled");
                assert!(text.contrast(fill) >= 4.5, "{} on {}", e.key, fill.to_hex());
                let (text, fill, stroke) = type_button_colours(e.color, false, panel);
                assert!(fill.is_none() && stroke == e.color);
                assert!(
                    text.contrast(panel) >= 4.5,
                    "{}: {} on {}",
                    e.key,
                    text.to_hex(),
                    panel.to_hex()
                );
            }
        }
    }
    use crate::model::{
        CharRange, DocMeta, DocStatus, EventId, Layer, Schema, Span, SpanId, SpanKind, Text,
    };

    /// A document of `text` whose layer holds `spans` and `events` (ids next after them).
    fn doc_of(text: &str, spans: Vec<Span>, events: Vec<Event>) -> Document {
        let next_span = spans.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
        let next_event = events.iter().map(|e| e.id.0).max().unwrap_or(0) + 1;
        Document {
            meta: DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new(text),
            layer: Layer::from_parts(spans, events, DocStatus::InProgress, next_span, next_event),
        }
    }

    #[test]
    fn events_are_listed_in_text_order_with_their_problems() {
        let text = "甘肃省总工会召开推进会，发布行动方案。";
        let trig =
            |id, s, e, t: &str| Span::new(SpanId(id), CharRange::new(s, e), SpanKind::Trigger, t);
        // E1 (发布, made first) comes after E2 (会议) in the text.
        let e1 = Event {
            unsure: false,
            note: None,
            id: EventId(1),
            event_type: "发布".into(),
            trigger: SpanId(1),
            args: Vec::new(),
        };
        let e2 = Event {
            unsure: false,
            note: None,
            id: EventId(2),
            event_type: "会议".into(),
            trigger: SpanId(2),
            args: Vec::new(),
        };
        let doc = doc_of(
            text,
            vec![trig(1, 12, 14, "发布"), trig(2, 6, 8, "会议")],
            vec![e1, e2],
        );
        let d = derive(&doc, &Schema::default_bulletin());
        assert_eq!(d.order, vec![1, 0]);
        // Both lack their required 主体 / 对象: each has its problem listed.
        assert!(d.problems.contains_key("E1") && d.problems.contains_key("E2"));
        // A pending trigger is marked suggested, with the tagger's probability if it has one.
        let schema = Schema::default_bulletin();
        let mut doc = doc;
        let mut pending = trig(1, 12, 14, "发布");
        pending.status = crate::model::SpanStatus::Pending;
        let mut tagged = trig(2, 6, 8, "会议");
        tagged.status = crate::model::SpanStatus::Pending;
        tagged.confidence = Some(0.625);
        doc.layer = Layer::from_parts(
            vec![pending, tagged],
            doc.layer.events.clone(),
            DocStatus::InProgress,
            3,
            3,
        );
        let e = |i: usize| doc.layer.events[i].clone();
        assert!(title(&doc, &schema, &e(0), Lang::Zh).ends_with("（建议）"));
        assert!(
            title(&doc, &schema, &e(1), Lang::Zh).ends_with("（建议 0.62）"),
            "{}",
            title(&doc, &schema, &e(1), Lang::Zh)
        );
        assert!(title(&doc, &schema, &e(1), Lang::En).ends_with("(suggested 0.62)"));
        // With what proposed it: the lexicon, or the tagger with its probability.
        let mut spans = doc.layer.spans().to_vec();
        for sp in &mut spans {
            sp.suggested_by = Some(if sp.confidence.is_some() {
                crate::model::Suggester::Model
            } else {
                crate::model::Suggester::Lexicon
            });
        }
        let events = doc.layer.events.clone();
        doc.layer = Layer::from_parts(spans, events, DocStatus::InProgress, 3, 3);
        let e = |i: usize| doc.layer.events[i].clone();
        let marks: Vec<String> = [(0, Lang::Zh), (1, Lang::Zh), (0, Lang::En), (1, Lang::En)]
            .into_iter()
            .map(|(i, l)| title(&doc, &schema, &e(i), l))
            .collect();
        assert!(marks[0].ends_with("（建议 · 触发词表）"), "{marks:?}");
        assert!(marks[1].ends_with("（建议 · 模型 0.62）"), "{marks:?}");
        assert!(
            marks[2].ends_with("(suggested · trigger lexicon)"),
            "{marks:?}"
        );
        assert!(marks[3].ends_with("(suggested · model 0.62)"), "{marks:?}");
    }

    /// A row of the event list cuts its arguments short; its hover gives each in full, a
    /// line each, and the note.
    #[test]
    fn an_event_rows_hover_gives_every_argument_in_full() {
        let text = "中华全国总工会甘肃省委员会机关工会召开推进会。";
        let trigger = Span::new(SpanId(1), CharRange::new(17, 19), SpanKind::Trigger, "会议");
        let org = Span::new(SpanId(2), CharRange::new(0, 17), SpanKind::Entity, "ORG");
        let e = Event {
            unsure: false,
            note: Some("主办方待核".into()),
            id: EventId(1),
            event_type: "会议".into(),
            trigger: SpanId(1),
            args: vec![("主体".into(), SpanId(2))],
        };
        let doc = doc_of(text, vec![trigger, org], vec![e.clone()]);
        let schema = Schema::default_bulletin();
        // The row cuts the name at twelve chars; the hover does not.
        assert!(frame(&doc, &schema, &e, Lang::Zh).contains('…'));
        let hover = whole(&doc, &schema, &e, Lang::Zh);
        let lines: Vec<&str> = hover.lines().collect();
        assert_eq!(lines.len(), 3, "{hover}");
        assert_eq!(lines[0], title(&doc, &schema, &e, Lang::Zh));
        assert!(
            lines[1].ends_with("= 中华全国总工会甘肃省委员会机关工会"),
            "{hover}"
        );
        assert!(lines[0].contains("「召开」"), "{hover}");
        assert_eq!(lines[2], "主办方待核");
    }

    /// A suggested event's arguments may come from the argument tagger and from the rules:
    /// the hover says which, with the tagger's probability, for each pending argument.
    #[test]
    fn an_event_rows_hover_says_who_proposed_each_pending_argument() {
        use crate::model::{SpanStatus, Suggester};
        let text = "6月7日上午上海市崇明区发生车祸。";
        let pending = |mut s: Span, by: Suggester, c: Option<f32>| {
            s.status = SpanStatus::Pending;
            s.suggested_by = Some(by);
            s.confidence = c;
            s
        };
        let trigger = pending(
            Span::new(SpanId(1), CharRange::new(15, 17), SpanKind::Trigger, "车祸"),
            Suggester::Lexicon,
            None,
        );
        let time = pending(
            Span::new(SpanId(2), CharRange::new(0, 6), SpanKind::Entity, "DATE"),
            Suggester::Rule,
            None,
        );
        let place = pending(
            Span::new(SpanId(3), CharRange::new(6, 12), SpanKind::Entity, "ARG"),
            Suggester::Model,
            Some(0.39),
        );
        let who = Span::new(SpanId(4), CharRange::new(6, 9), SpanKind::Entity, "LOC");
        let e = Event {
            unsure: false,
            note: None,
            id: EventId(1),
            event_type: "车祸".into(),
            trigger: SpanId(1),
            args: vec![
                ("时间".into(), SpanId(2)),
                ("地点".into(), SpanId(3)),
                ("地点".into(), SpanId(4)),
            ],
        };
        let doc = doc_of(text, vec![trigger, time, place, who], vec![e.clone()]);
        let schema = Schema::default_bulletin();
        let zh = whole(&doc, &schema, &e, Lang::Zh);
        let lines: Vec<&str> = zh.lines().collect();
        assert!(lines[0].ends_with("（建议 · 触发词表）"), "{zh}");
        assert!(lines[1].ends_with("= 6月7日上午 （建议 · 规则）"), "{zh}");
        assert!(
            lines[2].ends_with("= 上海市崇明区 （建议 · 模型 0.39）"),
            "{zh}"
        );
        assert!(
            lines[3].ends_with("= 上海市"),
            "an accepted argument has no mark: {zh}"
        );
        let en = whole(&doc, &schema, &e, Lang::En);
        assert!(en.contains("上海市崇明区 (suggested · model 0.39)"), "{en}");
        assert!(en.contains("6月7日上午 (suggested · rule)"), "{en}");
    }
}
