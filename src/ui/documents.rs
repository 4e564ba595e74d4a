//! The document list: each document by its title (its first headline, else the file it was
//! imported from, else its id; the id on hover) with its span count and status.

use std::collections::HashMap;

use crate::i18n::{Lang, Msg, tr};
use crate::model::{DocStatus, Document};
use crate::session::Session;
use crate::ui::intent::Intent;

/// Longest title shown, in chars (a longer one ends in `…`).
const TITLE_MAX: usize = 22;

/// A document's title: the headline of its first article, else the name of the file it was
/// imported from (without the encoding note), else its id.
pub fn title_of(d: &Document) -> String {
    let headline = crate::zh::structure::analyse(d.text.as_str())
        .articles
        .into_iter()
        .find_map(|a| a.headline)
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty());
    let file = || {
        let from = d.meta.imported_from.as_deref()?;
        // `p3.txt (GB18030)`: the file name alone.
        let path = from.rsplit_once(" (").map_or(from, |(p, _)| p);
        let name = std::path::Path::new(path).file_name()?.to_string_lossy();
        (!name.is_empty()).then(|| name.into_owned())
    };
    headline.or_else(file).unwrap_or_else(|| d.meta.id.clone())
}

/// `s` cut to `max` chars, with `…` if it was longer.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(['…']).collect()
    }
}

/// The document list, with each document's title worked out once (the structure analysis
/// is not cheap enough for every frame).
#[derive(Debug, Default)]
pub struct DocumentList {
    /// Title by document id, with the text length it was worked out for.
    titles: HashMap<String, (u32, String)>,
    computed: usize,
}

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

impl DocumentList {
    /// How many titles were worked out so far (tests: once per document, not per frame).
    pub fn titles_computed(&self) -> usize {
        self.computed
    }

    /// A document's title, from the cache.
    pub fn title(&mut self, d: &Document) -> &str {
        let len = d.text.len_chars();
        let fresh = self.titles.get(&d.meta.id).is_some_and(|(n, _)| *n == len);
        if !fresh {
            self.computed += 1;
            self.titles
                .insert(d.meta.id.clone(), (len, clip(&title_of(d), TITLE_MAX)));
        }
        self.titles.get(&d.meta.id).map_or("", |(_, t)| t.as_str())
    }

    /// Draw the list.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        list(self, ui, ws, lang, out);
    }
}

/// Draw the list. Only the rows in view are laid out (each row is two lines), so a project
/// of ten thousand documents draws as fast as one of ten.
fn list(
    titles: &mut DocumentList,
    ui: &mut egui::Ui,
    ws: &Session,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
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
                    titles.title(d),
                    status_name(d.layer.status, lang),
                    d.text.len_chars()
                );
                if ui
                    .selectable_label(i == ws.doc(), label)
                    .on_hover_text(&d.meta.id)
                    .clicked()
                {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Layer, Text};

    fn doc(text: &str, from: Option<&str>) -> Document {
        Document {
            meta: DocMeta {
                id: "000_8a8e23ef3e59d156".into(),
                published: None,
                imported_from: from.map(Into::into),
            },
            text: Text::new(text.to_string()),
            layer: Layer::default(),
        }
    }

    #[test]
    fn a_title_is_the_first_headline_else_the_file_name_else_the_id() {
        let page = "全国职工技能大赛开幕\n\n本报北京10月24日电（记者赖志航）10月23日，全国职工技能大赛在京开幕。\n";
        assert_eq!(
            title_of(&doc(page, Some("in/p3.txt (GB18030)"))),
            "全国职工技能大赛开幕"
        );
        let body = "10月23日，全国职工技能大赛在京开幕，来自各地的选手参加比赛。";
        assert_eq!(title_of(&doc(body, Some("in/p3.txt (GB18030)"))), "p3.txt");
        assert_eq!(title_of(&doc(body, None)), "000_8a8e23ef3e59d156");
        assert_eq!(clip("一二三四", 3), "一二…");
        assert_eq!(clip("一二三", 3), "一二三");
    }
}
