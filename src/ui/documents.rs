//! The document list: each document with its span count and status.

use crate::i18n::{Lang, Msg, tr};
use crate::model::DocStatus;
use crate::session::Session;
use crate::ui::intent::Intent;

/// Name of a document status.
pub fn status_name(s: DocStatus, lang: Lang) -> &'static str {
    tr(
        lang,
        match s {
            DocStatus::New => Msg::StatusNew,
            DocStatus::InProgress => Msg::StatusInProgress,
            DocStatus::Done => Msg::StatusDone,
            DocStatus::Reviewed => Msg::StatusReviewed,
        },
    )
}

/// Draw the list. Only the rows in view are laid out (each row is two lines), so a project
/// of ten thousand documents draws as fast as one of ten.
pub fn ui(ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
    ui.heading(tr(lang, Msg::Documents));
    let docs = &ws.project().documents;
    let row =
        2.0 * ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink([false, true])
        .max_height((ui.available_height() * 0.35).max(80.0))
        .show_rows(ui, row, docs.len(), |ui, rows| {
            // Two lines a row, never wrapped, so that every row has the height given above.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            for i in rows {
                let Some(d) = docs.get(i) else {
                    continue;
                };
                let n = d.layer.accepted_count();
                let label = format!(
                    "{}\n  {n} · {} · {}",
                    d.meta.id,
                    status_name(d.layer.status, lang),
                    d.text.len_chars()
                );
                if ui.selectable_label(i == ws.doc(), label).clicked() {
                    out.push(Intent::OpenDoc(i));
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
