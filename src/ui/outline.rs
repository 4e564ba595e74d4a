//! The article outline of the current document: each article by headline with its span
//! count; a click scrolls there. It uses the document's ARTICLE/HEADLINE structure spans
//! when it has them, else the structure biaozhu detects (cached per document).

use crate::i18n::{Lang, Msg, tr};
use crate::model::{CharRange, Document, SpanKind, SpanStatus};
use crate::session::Session;
use crate::ui::intent::Intent;

/// One article in the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The article's chars.
    pub range: CharRange,
    /// Headline, or the article's first chars.
    pub title: String,
}

/// UI state of the outline.
#[derive(Debug, Default)]
pub struct Outline {
    /// Articles detected in the text, by (document index, [`crate::model::Text::id`]).
    detected: Option<((usize, u64), Vec<Item>)>,
    /// Items from structure spans, by (document, layer revision).
    stored: Option<((usize, u64), Vec<Item>)>,
    /// Each item's count of accepted entities and figures, by (document, layer revision),
    /// and when it was counted: counting scans a whole article's spans, too much for every
    /// edit on a big layer, so after an edit the counts follow within a quarter second.
    counts: Option<((usize, u64), Vec<usize>, std::time::Instant)>,
}

/// How often the outline's counts are brought up to date while edits come in.
const COUNTS_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

fn first_chars(doc: &Document, r: CharRange, n: u32) -> String {
    let r = CharRange::new(r.start, r.end.min(r.start + n));
    super::span_list::one_line(doc.text.slice(r).unwrap_or(""))
}

/// The outline from the document's structure spans, if it has any.
pub fn from_spans(doc: &Document) -> Vec<Item> {
    let structure: Vec<_> = doc
        .layer
        .spans()
        .iter()
        .filter(|s| s.kind == SpanKind::Structure)
        .collect();
    structure
        .iter()
        .filter(|s| s.label == "ARTICLE")
        .map(|a| {
            let head = structure
                .iter()
                .find(|h| h.label == "HEADLINE" && a.range.covers(&h.range));
            Item {
                range: a.range,
                title: match head {
                    Some(h) => doc.text.slice(h.range).unwrap_or("").to_string(),
                    None => first_chars(doc, a.range, 24),
                },
            }
        })
        .collect()
}

impl Outline {
    /// The outline items for a document.
    pub fn items(&mut self, doc_index: usize, doc: &Document) -> Vec<Item> {
        // Scanning the spans is not free on a big layer: only when the layer changed.
        let rev = (doc_index, doc.layer.revision());
        if self.stored.as_ref().is_none_or(|(k, _)| *k != rev) {
            // No structure span at all (the layer counts them): nothing to scan.
            let items = if doc.layer.structure_count() == 0 {
                Vec::new()
            } else {
                from_spans(doc)
            };
            self.stored = Some((rev, items));
        }
        if let Some((_, stored)) = &self.stored
            && !stored.is_empty()
        {
            return stored.clone();
        }
        let key = (doc_index, doc.text.id());
        if self.detected.as_ref().is_none_or(|(k, _)| *k != key) {
            let st = crate::zh::structure::analyse(doc.text.as_str());
            let items = st
                .articles
                .iter()
                .map(|a| {
                    let range = CharRange::new(a.start, a.end);
                    Item {
                        range,
                        title: a
                            .headline
                            .clone()
                            .unwrap_or_else(|| first_chars(doc, range, 24)),
                    }
                })
                .collect();
            self.detected = Some((key, items));
        }
        self.detected
            .as_ref()
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Draw the outline.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        let Some(doc) = ws.project().documents.get(ws.doc()) else {
            return;
        };
        ui.heading(tr(lang, Msg::Outline));
        // Mark the selection as a structure part by hand.
        if let Some(sel) = ws.selection().map(|s| s.range()).filter(|r| !r.is_empty()) {
            ui.label(tr(lang, Msg::MarkAs));
            ui.horizontal_wrapped(|ui| {
                for (label, msg) in [
                    ("ARTICLE", Msg::PartArticle),
                    ("HEADLINE", Msg::PartHeadline),
                    ("SUBHEAD", Msg::PartSubhead),
                    ("DATELINE", Msg::PartDateline),
                    ("BYLINE", Msg::PartByline),
                    ("CAPTION", Msg::PartCaption),
                    ("SECTION", Msg::PartSection),
                ] {
                    if ui.small_button(tr(lang, msg)).clicked() {
                        let span = crate::model::Span::new(
                            crate::model::SpanId(doc.layer.next_span),
                            sel,
                            SpanKind::Structure,
                            label,
                        );
                        out.push(Intent::Edit(crate::edit::Edit::AddSpan {
                            doc: ws.doc(),
                            span,
                        }));
                    }
                }
            });
        }
        let items = self.items(ws.doc(), doc);
        let key = (ws.doc(), doc.layer.revision());
        let stale = match &self.counts {
            None => true,
            Some((k, c, _)) if k.0 != key.0 || c.len() != items.len() => true,
            Some((k, _, at)) if *k != key => {
                let due = at.elapsed() >= COUNTS_EVERY;
                if !due {
                    ui.ctx().request_repaint_after(COUNTS_EVERY);
                }
                due
            }
            Some(_) => false,
        };
        if stale {
            let counts = items
                .iter()
                .map(|it| {
                    doc.layer
                        .overlapping(it.range)
                        .filter(|s| {
                            s.status == SpanStatus::Accepted
                                && matches!(s.kind, SpanKind::Entity | SpanKind::Figure)
                                && it.range.covers(&s.range)
                        })
                        .count()
                })
                .collect();
            self.counts = Some((key, counts, std::time::Instant::now()));
        }
        let counts = self
            .counts
            .as_ref()
            .map(|(_, c, _)| c.as_slice())
            .unwrap_or(&[]);
        egui::ScrollArea::vertical()
            .id_salt("outline")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, it) in items.iter().enumerate() {
                    let n = counts.get(i).copied().unwrap_or(0);
                    let title: String = it.title.chars().take(28).collect();
                    let text = format!("{}. {title}  ({n})", i + 1);
                    if ui
                        .selectable_label(false, text)
                        .on_hover_text(&it.title)
                        .clicked()
                    {
                        out.push(Intent::ScrollTo(it.range.start));
                    }
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, DocStatus, Layer, Span, SpanId, Text};

    /// A document of `text` with one ARTICLE over it and a HEADLINE over its first `head`
    /// chars, its layer built as a loaded file's is.
    fn doc(text: &str, head: u32) -> Document {
        let all = CharRange::new(0, text.chars().count() as u32);
        let spans = vec![
            Span::new(SpanId(1), all, SpanKind::Structure, "ARTICLE"),
            Span::new(
                SpanId(2),
                CharRange::new(0, head),
                SpanKind::Structure,
                "HEADLINE",
            ),
        ];
        Document {
            meta: DocMeta {
                id: "d".into(),
                published: None,
                imported_from: None,
            },
            text: Text::new(text),
            layer: Layer::from_parts(spans, Vec::new(), DocStatus::New, 3, 1),
        }
    }

    #[test]
    fn the_first_document_of_another_project_gets_its_own_outline() {
        // Both layers are loaded afresh, the first document of their projects: only their
        // revisions can tell the outline's cache that the second is not the first.
        let mut outline = Outline::default();
        let a = doc("春运开始\n铁路加开列车。", 4);
        let b = doc("北京下雪\n气温降到零下。", 4);
        assert_eq!(outline.items(0, &a)[0].title, "春运开始");
        assert_eq!(outline.items(0, &b)[0].title, "北京下雪");
    }
}
