//! The label palette: one button per label with its hotkey, key and name.

use crate::i18n::Lang;
use crate::model::{LabelDef, Schema};
use crate::ui::intent::Intent;

/// The text on a label's palette button, e.g. `2 ORG 机构`.
pub fn button_text(l: &LabelDef, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => &l.zh,
        Lang::En => &l.en,
    };
    match l.hotkey {
        Some(h) => format!("{h} {} {name}", l.key),
        None => format!("{} {name}", l.key),
    }
}

/// Draw the palette.
pub fn ui(ui: &mut egui::Ui, schema: &Schema, lang: Lang, out: &mut Vec<Intent>) {
    ui.horizontal_wrapped(|ui| {
        for l in &schema.labels {
            let c = egui::Color32::from_rgb(l.color.0, l.color.1, l.color.2);
            // Black or white, whichever reads on the label's colour.
            let ink = l.color.ink();
            let text = egui::RichText::new(button_text(l, lang))
                .color(egui::Color32::from_rgb(ink.0, ink.1, ink.2));
            let b = egui::Button::new(text).fill(c);
            if ui.add(b).clicked() {
                out.push(Intent::Tag(l.key.clone()));
            }
        }
    });
}
