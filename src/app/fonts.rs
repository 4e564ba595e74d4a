//! The bundled CJK font (a GBK + 通用规范汉字表 subset of Noto Sans SC, see `fonts/README.md`),
//! compiled in and put first in both font families, so Chinese renders on any machine.

use std::sync::Arc;

static NOTO_SC: &[u8] = include_bytes!("../../fonts/NotoSansSC-biaozhu.otf");

/// Font definitions: egui's defaults with Noto Sans SC first in every family.
pub fn definitions() -> egui::FontDefinitions {
    let mut defs = egui::FontDefinitions::default();
    defs.font_data.insert(
        "noto-sc".into(),
        Arc::new(egui::FontData::from_static(NOTO_SC)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .insert(0, "noto-sc".into());
    }
    defs
}
