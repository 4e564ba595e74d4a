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

#[cfg(test)]
mod tests {
    /// Every char of `s` (but whitespace) that the bundled font setup cannot draw.
    fn missing(s: &str) -> Vec<char> {
        let ctx = egui::Context::default();
        ctx.set_fonts(super::definitions());
        let input = || egui::RawInput {
            max_texture_side: Some(8192),
            ..Default::default()
        };
        ctx.run_ui(input(), |_| {}).textures_delta.clear();
        let font = egui::FontId::proportional(18.0);
        let mut out: Vec<char> = ctx.fonts_mut(|f| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .filter(|c| !f.has_glyph(&font, *c))
                .collect()
        });
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_bundled_font_draws_the_sample_bulletin() {
        let sample =
            include_str!("../../projects/bulletin-sample/documents/000_8a8e23ef3e59d156.txt");
        assert_eq!(missing(sample), Vec::<char>::new());
    }

    #[test]
    fn the_bundled_font_draws_all_8105_standard_characters_and_fullwidth_forms() {
        let list = include_str!("../../fonts/charset/tgscc-8105.txt");
        assert_eq!(list.lines().filter(|l| !l.trim().is_empty()).count(), 8105);
        assert_eq!(missing(list), Vec::<char>::new());
        let extra = "０１２３４５６７８９％，。、；：？！“”‘’《》【】〖〗（）—…·𠮷";
        assert_eq!(missing(extra), Vec::<char>::new());
        // The check can fail: a private-use character has no glyph.
        assert_eq!(missing("\u{E000}"), vec!['\u{E000}']);
    }
}

#[cfg(test)]
mod layout_tests {
    /// The text view relies on one glyph per char (its offsets are char indices).
    #[test]
    fn every_char_gets_one_glyph() {
        let ctx = egui::Context::default();
        ctx.set_fonts(super::definitions());
        let mut out = None;
        let input = || egui::RawInput {
            max_texture_side: Some(8192),
            ..Default::default()
        };
        ctx.run_ui(input(), |_| {}).textures_delta.clear();
        let mut o = ctx.run_ui(input(), |ui| {
            let s = "【本报甘肃专电】近日，甘肃省总工会出台《关于》(以下简称《方案》)，5~10个 𠮷😀";
            let job = egui::text::LayoutJob::simple(
                s.to_string(),
                egui::FontId::proportional(18.0),
                egui::Color32::WHITE,
                200.0,
            );
            let g = ui.painter().layout_job(job);
            let n: usize = g.rows.iter().map(|r| r.glyphs.len()).sum();
            let xs: Vec<String> = g.rows[0]
                .glyphs
                .iter()
                .map(|gl| format!("{}@{:.0}", gl.chr, gl.pos.x))
                .collect();
            out = Some((n, s.chars().count(), xs));
        });
        o.textures_delta.clear();
        let (n, c, xs) = out.unwrap();
        eprintln!("{xs:?}");
        assert_eq!(n, c);
    }
}
