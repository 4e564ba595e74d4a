//! The status bar: cursor offset in chars, selection length, span count, save state.

use crate::i18n::{Lang, Msg, tr};
use crate::session::{SaveState, Session};

/// Draw the status bar.
pub fn ui(ui: &mut egui::Ui, ws: &Session, lang: Lang) {
    ui.horizontal(|ui| {
        let t = |m| tr(lang, m);
        if let Some(d) = ws.project().documents.get(ws.doc()) {
            ui.label(format!("{} {}", t(Msg::Document), d.meta.id));
            ui.separator();
            let (cur, len) = match ws.selection() {
                Some(s) => (s.head, s.range().len()),
                None => match ws.selected_span().and_then(|id| d.layer.span(id)) {
                    Some(sp) => (sp.range.start, sp.range.len()),
                    None => (0, 0),
                },
            };
            ui.label(format!("{} {cur}", t(Msg::CursorAt)));
            ui.separator();
            ui.label(format!("{} {len}", t(Msg::SelectionLen)));
            ui.separator();
            ui.label(format!(
                "{} {}",
                t(Msg::SpanCount),
                d.layer.accepted_count()
            ));
            ui.separator();
            let pending = d.layer.pending_count();
            if pending > 0 {
                ui.label(format!("{} {pending}", t(Msg::Pending)));
                ui.separator();
            }
        }
        if ws.store().is_read_only() {
            ui.colored_label(ui.visuals().warn_fg_color, t(Msg::ReadOnly));
            ui.separator();
        }
        match ws.save_state() {
            SaveState::Saved => {
                ui.label(t(Msg::Saved));
            }
            SaveState::Unsaved => {
                ui.label(t(Msg::Unsaved));
            }
            SaveState::Failed([zh, en]) => {
                let e = if lang == Lang::Zh { zh } else { en };
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{}: {e}", t(Msg::SaveFailed)),
                );
            }
        }
    });
}
