//! The label palette: one button per label with its hotkey, key and name.

use crate::i18n::Lang;
use crate::model::{LabelDef, Schema};
use crate::ui::intent::Intent;

/// The text on a label's palette button, e.g. `2 ORG 机构`; the key alone where the name
/// says nothing more (labels brought in by an import are named by their keys: `company`,
/// not `company company`).
pub fn button_text(l: &LabelDef, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => &l.zh,
        Lang::En => &l.en,
    };
    let mut text = match l.hotkey {
        Some(h) => format!("{h} {}", l.key),
        None => l.key.clone(),
    };
    if !name.trim().is_empty() && name.trim() != l.key {
        text.push(' ');
        text.push_str(name);
    }
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_button_names_a_label_once_when_its_name_is_its_key() {
        let schema = Schema::default_bulletin();
        let org = schema.label("ORG").expect("ORG");
        assert_eq!(button_text(org, Lang::Zh), "2 ORG 机构");
        assert_eq!(button_text(org, Lang::En), "2 ORG Organisation");
        let mut imported = org.clone();
        (imported.key, imported.zh, imported.en, imported.hotkey) =
            ("company".into(), "company".into(), "公司".into(), None);
        assert_eq!(button_text(&imported, Lang::Zh), "company");
        assert_eq!(button_text(&imported, Lang::En), "company 公司");
        imported.zh = " ".into();
        imported.hotkey = Some('q');
        assert_eq!(button_text(&imported, Lang::Zh), "q company");
    }
}
