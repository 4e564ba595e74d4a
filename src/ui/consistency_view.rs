//! The inconsistent tags view (审阅 → 不一致的标注… / Review → Inconsistent tags…): each
//! text the open layer tags one way in one place and otherwise, or not at all, in another
//! (`review::consistency`), with its label counts and every deviating place in context. A
//! click on a place goes there (a tagged one selects its span, so that a label key relabels
//! it); a button tags every untagged place with the majority label, and another gives the
//! places tagged otherwise the majority label, each as one undo step. It only draws what the app computed and holds.

use crate::i18n::{Lang, Msg, tr};
use crate::model::Document;
use crate::review::consistency::{Variation, context};
use crate::session::find::FindMatch;
use crate::ui::intent::Intent;

/// Chars shown on each side of a place.
const CONTEXT: u32 = 10;

/// A variation with the context of each of its deviations (worked out where the texts are,
/// on the job's thread).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The variation.
    pub variation: Variation,
    /// The context of each deviation, in the same order.
    pub contexts: Vec<String>,
}

impl Found {
    /// `v` with the contexts of its deviations in `docs`.
    pub fn new(v: Variation, docs: &[Document]) -> Self {
        let contexts = v
            .deviations
            .iter()
            .map(|d| {
                docs.get(d.doc)
                    .map(|doc| context(doc, d.range, CONTEXT))
                    .unwrap_or_default()
            })
            .collect();
        Self {
            variation: v,
            contexts,
        }
    }

    /// The tagged places whose label is not the majority's: (document, span).
    pub fn minority(&self) -> Vec<(usize, crate::model::SpanId)> {
        let majority = self.variation.majority();
        self.variation
            .deviations
            .iter()
            .filter(|d| d.label.as_deref().is_some_and(|l| l != majority))
            .filter_map(|d| d.span.map(|id| (d.doc, id)))
            .collect()
    }

    /// The untagged places, as matches to tag.
    pub fn untagged(&self) -> Vec<FindMatch> {
        self.variation
            .deviations
            .iter()
            .filter(|d| d.label.is_none())
            .map(|d| FindMatch {
                doc: d.doc,
                range: d.range,
            })
            .collect()
    }
}

/// The head of a text's row: `京津冀  LOC 3 · 未标 5`.
pub fn head(f: &Found, lang: Lang) -> String {
    let v = &f.variation;
    let mut parts: Vec<String> = v.labels.iter().map(|(l, n)| format!("{l} {n}")).collect();
    if v.untagged > 0 {
        parts.push(format!("{} {}", tr(lang, Msg::Untagged), v.untagged));
    }
    format!("{}  {}", v.text, parts.join(" · "))
}

/// Draw the view of `found` (for layer `layer`), kept inside `area` (below the menus).
pub fn show(
    ctx: &egui::Context,
    area: egui::Rect,
    found: &[Found],
    layer: &str,
    lang: Lang,
    out: &mut Vec<Intent>,
) {
    let t = |m| tr(lang, m);
    let mut open = true;
    egui::Window::new(t(Msg::ConsistencyTitle))
        .id(egui::Id::unique("biaozhu_consistency"))
        .constrain_to(area)
        .open(&mut open)
        .default_size([560.0, 520.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                if ui.button(t(Msg::Close)).clicked() {
                    out.push(Intent::CloseConsistency);
                }
                ui.label(format!("{}: {layer}", t(Msg::StatsLayer)));
            });
            ui.weak(t(Msg::ConsistencyNote));
            if found.is_empty() {
                ui.label(t(Msg::ConsistencyNone));
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("biaozhu_consistency_list")
                .show(ui, |ui| {
                    for (i, f) in found.iter().enumerate() {
                        egui::CollapsingHeader::new(head(f, lang))
                            .id_salt(("consistency", i))
                            .default_open(i < 3)
                            .show(ui, |ui| rows(ui, f, lang, out));
                    }
                });
        });
    if !open {
        out.push(Intent::CloseConsistency);
    }
}

/// A text's places and its tag button.
fn rows(ui: &mut egui::Ui, f: &Found, lang: Lang, out: &mut Vec<Intent>) {
    let v = &f.variation;
    if v.untagged > 0 {
        let label = format!(
            "{} {} ({})",
            tr(lang, Msg::TagUntaggedAs),
            v.majority(),
            v.untagged
        );
        if ui.button(label).clicked() {
            out.push(Intent::TagMatches(f.untagged(), v.majority().to_string()));
            // What the view shows is stale now: look again (after the save it starts with).
            out.push(Intent::OpenConsistency);
        }
    }
    let minority = f.minority();
    if !minority.is_empty() {
        let label = format!(
            "{} {} ({})",
            tr(lang, Msg::RelabelOthersAs),
            v.majority(),
            minority.len()
        );
        if ui.button(label).clicked() {
            out.push(Intent::RelabelSpans(minority, v.majority().to_string()));
            out.push(Intent::OpenConsistency);
        }
    }
    for (d, c) in v.deviations.iter().zip(&f.contexts) {
        let what = d
            .label
            .clone()
            .unwrap_or_else(|| tr(lang, Msg::Untagged).to_string());
        let text = format!(
            "{} [{}, {}) {what}  {c}",
            d.doc_id, d.range.start, d.range.end
        );
        if ui.selectable_label(false, text).clicked() {
            match d.span {
                // A tagged place selects its span, so that a label key relabels it.
                Some(id) => {
                    out.push(Intent::OpenDoc(d.doc));
                    out.push(Intent::JumpToSpan(id));
                }
                None => out.push(Intent::SelectMatch(FindMatch {
                    doc: d.doc,
                    range: d.range,
                })),
            }
        }
    }
}
