//! The text view: the document as blocks (paragraphs, long ones cut at ~1,000 chars), laid out
//! and drawn only when visible, each block's galley cached. Spans are painted as translucent
//! fills plus one underline per nesting level (pending suggestions dashed), so overlapping and
//! nested spans stay distinguishable; the galley itself never depends on spans, so tagging
//! does not re-lay out text.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Align, Color32, FontId, Galley, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};

use crate::i18n::Lang;
use crate::model::{
    CharRange, Document, Event, EventId, Rgb, Schema, Span, SpanId, SpanKind, SpanStatus, Text,
};
use crate::session::review::VersionMark;
use crate::session::{Selection, Session};
use crate::ui::intent::Intent;

/// Longest block laid out as one galley, in chars.
const MAX_BLOCK: u32 = 1000;
/// Space below each block.
const BLOCK_GAP: f32 = 4.0;
/// Space above the first block: room for the role names of a selected event.
const TOP_MARGIN: f32 = 14.0;

struct BlockLayout {
    galley: Arc<Galley>,
    /// Char offset (within the block) at which each row starts.
    row_starts: Vec<u32>,
}

/// UI state of the text view.
pub struct TextView {
    /// (document index, [`crate::model::Text::id`]) the blocks belong to.
    key: Option<(usize, u64)>,
    blocks: Vec<CharRange>,
    heights: Vec<f32>,
    tops: Vec<f32>,
    tops_dirty: bool,
    cache: HashMap<usize, BlockLayout>,
    words: HashMap<usize, Vec<u32>>,
    /// The segmenter the word boundaries came from (the session's; a new one, after the user
    /// dictionary changed, empties the word cache).
    seg: Option<std::sync::Arc<crate::zh::segment::Segmenter>>,
    /// Word boundaries of every block, computed on a thread after a document opens.
    segmenting: Option<std::sync::mpsc::Receiver<HashMap<usize, Vec<u32>>>>,
    width: f32,
    font_size: f32,
    /// How full egui's font atlas was when the cached layouts were made: it only shrinks when
    /// egui clears the atlas (full, or new text options such as a zoom), and then every
    /// cached galley points at glyphs that are no longer there.
    atlas_fill: f32,
    /// egui's text options when the cached layouts were made: a change (the light theme's
    /// colour transfer, a zoom) re-renders the atlas, and the cached galleys with it.
    text_options: Option<egui::epaint::text::TextOptions>,
    drag_anchor: Option<u32>,
    /// A char to bring into view on the next frame.
    pub scroll_to: Option<u32>,
    /// A scroll by pages (negative: up) for the next frame.
    pub scroll_pages: Option<i32>,
    /// Scroll to the start (false) or the end (true) on the next frame.
    pub scroll_edge: Option<bool>,
    /// The scroll offset and height of the view in the last frame.
    last_view: (f32, f32),
    /// Galleys laid out in the last frame (for benchmarks).
    pub laid_out_last_frame: usize,
    /// First block drawn in the last frame, and how many blocks there are (for benchmarks).
    pub first_visible: (usize, usize),
    /// Events whose trigger or argument the pointer was over in the last frame.
    pub hovered_events: Vec<EventId>,
    /// Screen position of the text's origin in the last frame.
    last_origin: Option<Pos2>,
    /// The ↑/↓ labels of event ends out of view drawn in the last frame, with the char each
    /// leads to when clicked.
    pub edge_labels: Vec<(Rect, u32)>,
    /// The find bar's matches in this document, in text order: outlined lightly.
    pub highlights: Vec<CharRange>,
    /// Review items of this document, sorted by start: open disagreements are boxed in
    /// orange, with each version's label above and its span dashed under in the label's
    /// colour; open agreements faintly in green, decided items in grey.
    review_marks: Vec<crate::ui::intent::ReviewBox>,
    /// Per open review item in view so far: its versions' marks and the names written over
    /// it laid out as `review_drawn_for` says, kept until the marks change (a decision
    /// frame would otherwise read and lay out every item in view again).
    review_drawn: HashMap<usize, (Vec<VersionMark>, Option<Arc<Galley>>)>,
    /// The font size and language `review_drawn`'s names were laid out in (an event type
    /// is named in the window's language).
    review_drawn_for: (f32, Lang),
    /// The names written over open review items in the last frame: each item's first char
    /// and what was written (`ORG/LOC`), for tests.
    pub review_names: Vec<(u32, String)>,
}

impl Default for TextView {
    fn default() -> Self {
        Self {
            key: None,
            blocks: Vec::new(),
            heights: Vec::new(),
            tops: Vec::new(),
            tops_dirty: true,
            cache: HashMap::new(),
            words: HashMap::new(),
            seg: None,
            segmenting: None,
            width: 0.0,
            font_size: 18.0,
            atlas_fill: 0.0,
            text_options: None,
            drag_anchor: None,
            scroll_to: None,
            scroll_pages: None,
            scroll_edge: None,
            last_view: (0.0, 0.0),
            laid_out_last_frame: 0,
            first_visible: (0, 0),
            hovered_events: Vec::new(),
            last_origin: None,
            edge_labels: Vec::new(),
            highlights: Vec::new(),
            review_marks: Vec::new(),
            review_drawn: HashMap::new(),
            review_drawn_for: (0.0, Lang::Zh),
            review_names: Vec::new(),
        }
    }
}

/// Cut a text into display blocks: paragraphs, long ones split after 。！？；, else at
/// MAX_BLOCK chars.
pub fn blocks_of(text: &Text) -> Vec<CharRange> {
    let mut out = Vec::new();
    let s = text.as_str();
    for p in text.paragraphs() {
        if p.len() <= MAX_BLOCK {
            out.push(p);
            continue;
        }
        let Ok(body) = text.slice(p) else {
            out.push(p);
            continue;
        };
        let mut start = p.start;
        let mut last_stop = None;
        for (i, c) in body.chars().enumerate() {
            let pos = p.start + i as u32 + 1;
            if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
                last_stop = Some(pos);
            }
            if pos - start >= MAX_BLOCK {
                let cut = last_stop
                    .filter(|&c| c > start + MAX_BLOCK / 2)
                    .unwrap_or(pos);
                out.push(CharRange::new(start, cut));
                start = cut;
                last_stop = None;
            }
        }
        if start < p.end || out.last().is_none_or(|l: &CharRange| l.end < p.end) {
            out.push(CharRange::new(start, p.end));
        }
    }
    let _ = s;
    out
}

/// The colour of the text selection: magenta, far from every default label and event
/// colour (a unit test checks the distance).
pub const SELECTION_COLOR: Rgb = Rgb(0xff, 0x00, 0xff);

/// The opacity of a pending suggestion: `full` for one without a confidence (rules), and
/// for a model suggestion from a quarter of `full` (confidence 0) to `full` (confidence 1),
/// so the suggestions the model is unsure of are the faint ones.
fn pending_alpha(s: &Span, full: u8) -> u8 {
    match s.confidence {
        None => full,
        Some(c) => {
            let c = c.clamp(0.0, 1.0);
            (f32::from(full) * (0.25 + 0.75 * c)).round() as u8
        }
    }
}

fn color(c: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, alpha)
}

/// The colour of a review version's label (its event type's, for a trigger).
fn mark_color(schema: &Schema, m: &VersionMark) -> Color32 {
    let c = if m.event {
        schema.event_type(&m.label).map(|t| t.color)
    } else {
        schema.label(&m.label).map(|l| l.color)
    };
    c.map_or(Color32::GRAY, |c| color(c, 255))
}

/// The names an open review item's versions give, each in its colour, joined by `/`, with
/// `—` for an annotator who tagged nothing there: what the text writes above the item.
/// None when the versions give nothing to name.
fn version_names(
    schema: &Schema,
    lang: Lang,
    versions: &[VersionMark],
    someone_has_nothing: bool,
    size: f32,
) -> Option<egui::text::LayoutJob> {
    let mut names: Vec<(String, Color32)> = Vec::new();
    for v in versions {
        let name = if v.event {
            schema.type_shown(&v.label, lang).to_string()
        } else {
            v.label.clone()
        };
        if !names.iter().any(|(n, _)| *n == name) {
            names.push((name, mark_color(schema, v)));
        }
    }
    if names.is_empty() {
        return None;
    }
    if someone_has_nothing {
        names.push(("—".to_string(), Color32::GRAY));
    }
    let font = FontId::proportional(size);
    let mut job = egui::text::LayoutJob::default();
    for (k, (name, c)) in names.into_iter().enumerate() {
        if k > 0 {
            job.append(
                "/",
                0.0,
                egui::TextFormat::simple(font.clone(), Color32::GRAY),
            );
        }
        job.append(&name, 0.0, egui::TextFormat::simple(font.clone(), c));
    }
    Some(job)
}

fn event_color(schema: &Schema, e: &Event) -> Color32 {
    schema
        .event_type(&e.event_type)
        .map(|t| color(t.color, 255))
        .unwrap_or(Color32::GRAY)
}

/// A curved arrow from the top of box `from` (a trigger) to the top of box `to` (an
/// argument), bowing upwards so it stays clear of the line's text, but not above `ceiling`
/// (the view's top edge: an arc from the top line would otherwise be cut there).
fn arc(from: Rect, to: Rect, c: Color32, ceiling: f32) -> Shape {
    let p0 = from.center_top();
    let p3 = to.center_top();
    let lift = (10.0 + (p3.x - p0.x).abs() * 0.15).min(36.0);
    let highest = p0.y.min(p3.y);
    let top = (highest - lift).max(ceiling.min(highest - 2.0));
    let p1 = pos2(p0.x + (p3.x - p0.x) * 0.25, top);
    let p2 = pos2(p3.x - (p3.x - p0.x) * 0.25, top);
    let stroke = Stroke::new(1.5, c);
    let curve = egui::epaint::CubicBezierShape::from_points_stroke(
        [p0, p1, p2, p3],
        false,
        Color32::TRANSPARENT,
        stroke,
    );
    // An arrowhead at the argument end, along the curve's last tangent.
    let dir = (p3 - p2).normalized();
    let side = vec2(-dir.y, dir.x) * 3.5;
    let head = vec![p3, p3 - dir * 7.0 + side, p3 - dir * 7.0 - side];
    Shape::Vec(vec![
        Shape::CubicBezier(curve),
        Shape::convex_polygon(head, c, Stroke::NONE),
    ])
}

/// At most `n` chars of `s`, with … when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Colour of a span's label (grey when the label is unknown).
pub fn span_color(schema: &Schema, span: &Span) -> Rgb {
    schema
        .label(&span.label)
        .map(|l| l.color)
        .or_else(|| {
            schema
                .events
                .iter()
                .find(|e| e.key == span.label)
                .map(|e| e.color)
        })
        .unwrap_or(Rgb(0x99, 0x99, 0x99))
}

/// Nesting levels: overlapping spans get different levels (greedy interval colouring in
/// start order, longer first), so each gets its own underline.
fn levels(spans: &[&Span]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].range.start, std::cmp::Reverse(spans[i].range.end)));
    let mut ends: Vec<u32> = Vec::new();
    let mut out = vec![0; spans.len()];
    for i in order {
        let s = spans[i].range;
        let lvl = ends
            .iter()
            .position(|&e| e <= s.start)
            .unwrap_or(ends.len());
        if lvl == ends.len() {
            ends.push(s.end);
        } else {
            ends[lvl] = s.end;
        }
        out[i] = lvl;
    }
    out
}

impl TextView {
    fn sync(
        &mut self,
        doc_index: usize,
        doc: &Document,
        seg: &std::sync::Arc<crate::zh::segment::Segmenter>,
        width: f32,
        font_size: f32,
    ) {
        if !self
            .seg
            .as_ref()
            .is_some_and(|s| std::sync::Arc::ptr_eq(s, seg))
        {
            self.seg = Some(seg.clone());
            self.clear_words();
        }
        let key = (doc_index, doc.text.id());
        if self.key != Some(key) {
            self.key = Some(key);
            self.blocks = blocks_of(&doc.text);
            self.cache.clear();
            self.words.clear();
            self.width = 0.0;
            self.segment_in_background(&doc.text);
        }
        if let Some(rx) = &self.segmenting
            && let Ok(all) = rx.try_recv()
        {
            // Blocks segmented on demand meanwhile keep their (identical) boundaries.
            for (b, w) in all {
                self.words.entry(b).or_insert(w);
            }
            self.segmenting = None;
        }
        if (self.width - width).abs() > 0.5 || self.font_size != font_size {
            self.width = width;
            self.font_size = font_size;
            self.cache.clear();
            let per_row = (width / font_size).max(1.0);
            let row_h = font_size * 1.75;
            self.heights = self
                .blocks
                .iter()
                .map(|b| ((b.len() as f32 / per_row).ceil().max(1.0)) * row_h + BLOCK_GAP)
                .collect();
            self.tops_dirty = true;
        }
        if self.tops_dirty {
            self.tops.clear();
            let mut y = 0.0;
            for h in &self.heights {
                self.tops.push(y);
                y += h;
            }
            self.tops.push(y);
            self.tops_dirty = false;
        }
    }

    fn block_text(text: &Text, b: CharRange) -> String {
        // One glyph per char: a CR (of CRLF) or a tab becomes a space, so offsets stay exact.
        text.slice(b)
            .unwrap_or("")
            .chars()
            .map(|c| if c == '\r' || c == '\t' { ' ' } else { c })
            .collect()
    }

    fn layout(&mut self, ui: &egui::Ui, text: &Text, i: usize) -> &BlockLayout {
        if !self.cache.contains_key(&i) {
            let b = self.blocks[i];
            let format = egui::TextFormat {
                font_id: FontId::proportional(self.font_size),
                // Coloured when painted, so a theme change needs no new layout.
                color: Color32::PLACEHOLDER,
                line_height: Some(self.font_size * 1.75),
                valign: Align::Center,
                ..Default::default()
            };
            let body = Self::block_text(text, b);
            // Rows are cut by the Chinese rules (no “ or 《 at a row's end, no ，。： at its
            // start): each char is measured on one unwrapped row, and the rows are laid out
            // with a newline between them (a newline has no glyph, so glyphs stay chars).
            let flat = ui
                .painter()
                .layout_job(egui::text::LayoutJob::single_section(
                    body.clone(),
                    format.clone(),
                ));
            let widths: Vec<f32> = flat
                .rows
                .iter()
                .flat_map(|r| r.glyphs.iter().map(|g| g.advance_width))
                .collect();
            let chars: Vec<char> = body.chars().collect();
            let job = if widths.len() == chars.len() {
                let cuts = crate::zh::linebreak::row_starts(&chars, &widths, self.width);
                let mut rows = String::with_capacity(body.len() + cuts.len());
                let mut next = cuts.iter().copied().peekable();
                for (k, c) in chars.iter().enumerate() {
                    if next.next_if_eq(&k).is_some() {
                        rows.push('\n');
                    }
                    rows.push(*c);
                }
                egui::text::LayoutJob::single_section(rows, format)
            } else {
                let mut job = egui::text::LayoutJob::single_section(body, format);
                job.wrap.max_width = self.width;
                job
            };
            let galley = ui.painter().layout_job(job);
            let mut row_starts = Vec::with_capacity(galley.rows.len());
            let mut n = 0u32;
            for r in &galley.rows {
                row_starts.push(n);
                n += r.glyphs.len() as u32;
            }
            let h = galley.size().y + BLOCK_GAP;
            if (self.heights[i] - h).abs() > 0.5 {
                self.heights[i] = h;
                self.tops_dirty = true;
            }
            self.laid_out_last_frame += 1;
            self.cache.insert(i, BlockLayout { galley, row_starts });
        }
        &self.cache[&i]
    }

    /// Block holding char `pos`.
    fn block_of(&self, pos: u32) -> usize {
        self.blocks
            .partition_point(|b| b.end < pos)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// Rectangles (relative to the block origin) covering chars `r` of block `b`.
    fn rects(lay: &BlockLayout, block: CharRange, r: CharRange) -> Vec<Rect> {
        let mut out = Vec::new();
        if r.end <= block.start || r.start >= block.end {
            return out;
        }
        let s = r.start.max(block.start) - block.start;
        let e = r.end.min(block.end) - block.start;
        if s >= e {
            return out;
        }
        for (ri, row) in lay.galley.rows.iter().enumerate() {
            let rs = lay.row_starts[ri];
            let re = rs + row.glyphs.len() as u32;
            let a = s.max(rs);
            let z = e.min(re);
            if a >= z {
                continue;
            }
            let g0 = &row.glyphs[(a - rs) as usize];
            let g1 = &row.glyphs[(z - rs - 1) as usize];
            let rect = row.rect();
            out.push(Rect::from_min_max(
                pos2(rect.min.x + g0.pos.x, rect.min.y),
                pos2(rect.min.x + g1.max_x(), rect.max.y),
            ));
        }
        out
    }

    /// The caret position (a char offset in the block) nearest to a point: on the row at its
    /// height (the first or last above or below them), before the first glyph whose middle
    /// is right of it. Counted in glyphs, since the rows are separated by newlines the
    /// galley's own cursor would count.
    fn caret_in(lay: &BlockLayout, local: Vec2) -> u32 {
        let rows = &lay.galley.rows;
        let ri = rows
            .iter()
            .position(|r| local.y < r.rect().max.y)
            .unwrap_or(rows.len().saturating_sub(1));
        let Some(row) = rows.get(ri) else {
            return 0;
        };
        let x0 = row.rect().min.x;
        let before = row
            .glyphs
            .iter()
            .take_while(|g| x0 + g.pos.x + g.advance_width / 2.0 < local.x)
            .count();
        lay.row_starts.get(ri).copied().unwrap_or(0) + before as u32
    }

    /// The char under a point in block `i`, if the point is over a glyph.
    fn char_under(lay: &BlockLayout, local: Vec2) -> Option<u32> {
        for (ri, row) in lay.galley.rows.iter().enumerate() {
            let rect = row.rect();
            if local.y < rect.min.y || local.y >= rect.max.y {
                continue;
            }
            for (gi, g) in row.glyphs.iter().enumerate() {
                let x0 = rect.min.x + g.pos.x;
                if local.x >= x0 && local.x < x0 + g.advance_width {
                    return Some(lay.row_starts[ri] + gi as u32);
                }
            }
        }
        None
    }

    /// Show the view; what the user asked for goes to `actions`.
    #[allow(clippy::too_many_lines)]
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ws: &Session,
        snap: bool,
        lang: Lang,
        font_size: f32,
        actions: &mut Vec<Intent>,
    ) {
        let Some(doc) = ws.project().documents.get(ws.doc()) else {
            return;
        };
        let width = (ui.available_width() - 24.0).max(100.0);
        // Layouts made before egui cleared its font atlas draw the wrong glyphs: drop them.
        let (fill, options) = ui
            .ctx()
            .fonts(|f| (f.font_atlas_fill_ratio(), *f.options()));
        if fill < self.atlas_fill || self.text_options.as_ref() != Some(&options) {
            self.cache.clear();
        }
        self.atlas_fill = fill;
        self.text_options = Some(options);
        self.sync(ws.doc(), doc, ws.segmenter(), width, font_size);
        self.laid_out_last_frame = 0;
        let text_color = ui.visuals().strong_text_color();
        let schema = &ws.project().schema;

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("text_view", ws.doc()))
            .auto_shrink([false, false]);
        if let Some(c) = self.scroll_to.take() {
            let b = self.block_of(c);
            let y = self.tops.get(b).copied().unwrap_or(0.0);
            area = area.vertical_scroll_offset((y - 120.0).max(0.0));
        }
        let total_h = *self.tops.last().unwrap_or(&0.0) + 2.0 * TOP_MARGIN;
        let (offset, view_h) = self.last_view;
        let max_offset = (total_h - view_h).max(0.0);
        if let Some(n) = self.scroll_pages.take() {
            // A page is the view's height less a line, so a line stays in view.
            let page = (view_h - font_size * 1.75).max(font_size);
            let target = (offset + n as f32 * page).clamp(0.0, max_offset);
            area = area.vertical_scroll_offset(target);
        }
        if let Some(end) = self.scroll_edge.take() {
            area = area.vertical_scroll_offset(if end { max_offset } else { 0.0 });
        }
        area.show_viewport(ui, |ui, viewport| {
            self.last_view = (viewport.min.y, viewport.height());
            let total = *self.tops.last().unwrap_or(&0.0);
            let origin = ui.max_rect().min + vec2(8.0, TOP_MARGIN);
            self.last_origin = Some(origin);
            let (content, _) = ui
                .allocate_exact_size(vec2(width + 16.0, total + 2.0 * TOP_MARGIN), Sense::hover());
            let _ = content;
            let first = self
                .tops
                .partition_point(|&t| t <= viewport.min.y)
                .saturating_sub(1);
            self.first_visible = (first, self.blocks.len());
            let mut visible = Vec::new();
            let mut i = first;
            while i < self.blocks.len() && self.tops[i] < viewport.max.y {
                visible.push(i);
                i += 1;
            }
            for &i in &visible {
                self.layout(ui, &doc.text, i);
            }
            // Heights may have changed: recompute positions for this frame's drawing.
            if self.tops_dirty {
                let mut y = 0.0;
                self.tops.clear();
                for h in &self.heights {
                    self.tops.push(y);
                    y += h;
                }
                self.tops.push(y);
                self.tops_dirty = false;
            }
            let vis_rect = Rect::from_min_size(
                origin + viewport.min.to_vec2() - vec2(8.0, TOP_MARGIN),
                viewport.size(),
            );
            let resp = ui.interact(
                vis_rect,
                ui.scope_id().with("text_hit"),
                Sense::click_and_drag(),
            );
            let painter = ui.painter_at(vis_rect);
            let sel = ws.selection().map(|s| s.range());
            // A colour no default label uses (egui's teal was DATE's and ORG's), with an
            // outline so that a selection over a span fill still shows where it ends.
            let sel_fill = color(SELECTION_COLOR, 60);
            let sel_stroke = Stroke::new(1.5, color(SELECTION_COLOR, 230));
            let mut hover_spans: Vec<&Span> = Vec::new();
            let pointer = resp.hover_pos();
            // Events to show: the selected one, and those whose trigger or argument was under
            // the pointer in the last frame.
            let mut shown: Vec<&Event> = Vec::new();
            for id in ws.selected_event().iter().chain(&self.hovered_events) {
                if let Some(e) = doc.layer.event(*id)
                    && !shown.iter().any(|x| x.id == e.id)
                {
                    shown.push(e);
                }
            }
            let mut anchors: HashMap<SpanId, Rect> = HashMap::new();
            // Where the open review items' names were written this frame.
            let mut review_names: Vec<Rect> = Vec::new();
            self.review_names.clear();
            if self.review_drawn_for != (self.font_size, lang) {
                self.review_drawn.clear();
                self.review_drawn_for = (self.font_size, lang);
            }
            // The char under the pointer.
            let mut hover_char: Option<u32> = None;

            for &i in &visible {
                let b = self.blocks[i];
                let top = origin + vec2(0.0, self.tops[i]);
                let lay = &self.cache[&i];
                let spans: Vec<&Span> = doc
                    .layer
                    .overlapping(b)
                    .filter(|s| s.status != SpanStatus::Rejected && s.kind != SpanKind::Structure)
                    .collect();
                let lv = levels(&spans);
                // Fills.
                for s in &spans {
                    let alpha = if s.status == SpanStatus::Pending {
                        pending_alpha(s, 30)
                    } else {
                        70
                    };
                    for r in Self::rects(lay, b, s.range) {
                        painter.rect_filled(
                            r.translate(top.to_vec2()),
                            2.0,
                            color(span_color(schema, s), alpha),
                        );
                    }
                }
                // Find matches: a light outline (the text keeps its span colours).
                let from = self.highlights.partition_point(|m| m.end <= b.start);
                for m in self.highlights[from..]
                    .iter()
                    .take_while(|m| m.start < b.end)
                {
                    for r in Self::rects(lay, b, *m) {
                        painter.rect_stroke(
                            r.translate(top.to_vec2()).expand(1.0),
                            2.0,
                            Stroke::new(1.5, Color32::from_rgb(0xf0, 0xa0, 0x20)),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                // Review items: a box around each, coloured by how it stands; an open one
                // with what its versions give (below), drawn over the selection so that
                // the selected item's names still read.
                let mut over_selection: Vec<Shape> = Vec::new();
                let upto = self.review_marks.partition_point(|m| m.range.start < b.end);
                for m in self.review_marks[..upto]
                    .iter()
                    .filter(|m| m.range.end > b.start)
                {
                    use crate::ui::intent::ReviewMark as Mark;
                    let (width, c) = match m.mark {
                        Mark::Open => (2.0, Color32::from_rgb(0xf0, 0x80, 0x10)),
                        Mark::Agreement => (1.0, Color32::from_rgb(0x40, 0xa0, 0x60)),
                        Mark::Decided => (1.0, Color32::from_gray(0x80)),
                    };
                    let rects = Self::rects(lay, b, m.range);
                    for r in &rects {
                        painter.rect_stroke(
                            r.translate(top.to_vec2()).expand(2.0),
                            3.0,
                            Stroke::new(width, c),
                            egui::StrokeKind::Outside,
                        );
                    }
                    // What an open item's versions give, read from the review for the
                    // items in view only (a long document holds thousands), and the names
                    // written over it, laid out once.
                    if m.mark != Mark::Open {
                        continue;
                    }
                    let (versions, names) = self.review_drawn.entry(m.item).or_insert_with(|| {
                        let versions = ws
                            .review()
                            .and_then(|r| {
                                let it = r.items(ws.doc()).get(m.item)?;
                                Some(r.version_marks(ws.doc(), it))
                            })
                            .unwrap_or_default();
                        let names = version_names(
                            schema,
                            lang,
                            &versions,
                            m.someone_has_nothing,
                            self.font_size * 0.5,
                        )
                        .map(|job| painter.layout_job(job));
                        (versions, names)
                    });
                    // Each version's span dashed under its chars in its label's colour,
                    // one row of dashes per version, so other boundaries show.
                    for (k, v) in versions.iter().enumerate() {
                        let vc = mark_color(schema, v);
                        for r in Self::rects(lay, b, v.range) {
                            let r = r.translate(top.to_vec2());
                            let y = r.max.y - 2.0 - 3.0 * k as f32;
                            over_selection.extend(Shape::dashed_line(
                                &[pos2(r.min.x, y), pos2(r.max.x, y)],
                                Stroke::new(2.0, vc),
                                4.0,
                                3.0,
                            ));
                        }
                    }
                    // The labels the versions give, as brat names a span: 「ORG」,
                    // 「LOC/ORG」, 「LOC/—」 where someone tagged nothing. Written small in
                    // the line's leading above the item's first chars (a row is 1.75 times
                    // the font high, the glyphs at its foot), moved right past a name
                    // already written there.
                    if m.range.start >= b.start
                        && let Some(first) = rects.first()
                        && let Some(galley) = names
                    {
                        self.review_names
                            .push((m.range.start, galley.job.text.clone()));
                        let galley = galley.clone();
                        let size = galley.size();
                        let r = first.translate(top.to_vec2());
                        let mut at = r.left_top() + vec2(1.0, 0.0);
                        while let Some(d) = review_names
                            .iter()
                            .find(|d: &&Rect| d.intersects(Rect::from_min_size(at, size)))
                        {
                            at.x = d.max.x + 3.0;
                        }
                        review_names.push(Rect::from_min_size(at, size));
                        over_selection.push(Shape::galley(at, galley, c));
                    }
                }
                if let Some(sel) = sel.filter(|r| !r.is_empty()) {
                    for r in Self::rects(lay, b, sel) {
                        let r = r.translate(top.to_vec2());
                        painter.rect_filled(r, 0.0, sel_fill);
                        painter.rect_stroke(r, 0.0, sel_stroke, egui::StrokeKind::Inside);
                    }
                }
                painter.extend(over_selection);
                painter.galley(top, lay.galley.clone(), text_color);
                // Underlines, one per nesting level; dashed for pending suggestions.
                for (s, &l) in spans.iter().zip(&lv) {
                    let c = if s.status == SpanStatus::Pending {
                        color(span_color(schema, s), pending_alpha(s, 255))
                    } else {
                        color(span_color(schema, s), 255)
                    };
                    for r in Self::rects(lay, b, s.range) {
                        let r = r.translate(top.to_vec2());
                        let y = r.max.y - 2.0 - 3.0 * l as f32;
                        let stroke = Stroke::new(2.0, c);
                        if s.status == SpanStatus::Pending {
                            painter.extend(Shape::dashed_line(
                                &[pos2(r.min.x, y), pos2(r.max.x, y)],
                                stroke,
                                4.0,
                                3.0,
                            ));
                        } else {
                            painter.hline(r.min.x..=r.max.x, y, stroke);
                        }
                        if ws.selected_span() == Some(s.id) {
                            painter.rect_stroke(
                                r.expand(1.0),
                                2.0,
                                Stroke::new(2.0, ui.visuals().strong_text_color()),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                    // Unsure: a small "?" over the span's end; a comment: a corner mark.
                    // Painted over the laid-out text, so nothing is laid out again.
                    if (s.unsure || s.note.is_some())
                        && s.range.end <= b.end
                        && let Some(r) = Self::rects(lay, b, s.range).last()
                    {
                        let corner = r.translate(top.to_vec2()).right_top();
                        if s.note.is_some() {
                            painter.add(Shape::convex_polygon(
                                vec![corner, corner + vec2(0.0, 5.0), corner + vec2(-5.0, 0.0)],
                                c,
                                Stroke::NONE,
                            ));
                        }
                        if s.unsure {
                            painter.text(
                                corner + vec2(1.0, 3.0),
                                egui::Align2::LEFT_BOTTOM,
                                "?",
                                FontId::proportional(self.font_size * 0.6),
                                c,
                            );
                        }
                    }
                }
                // The shown events (selected, or under the pointer): trigger and arguments
                // boxed, with role names; where each box is, for the arcs.
                let mut names_drawn: Vec<Rect> = Vec::new();
                for e in &shown {
                    let c = event_color(schema, e);
                    // One mark per span, with every role it fills (时间/地点).
                    // Named as the window's language names them (the schema's English names).
                    let mut marks: Vec<(String, SpanId)> = vec![(
                        schema.type_shown(&e.event_type, lang).to_string(),
                        e.trigger,
                    )];
                    for (r, a) in &e.args {
                        let r = schema.role_shown(&e.event_type, r, lang);
                        match marks.iter_mut().find(|(_, id)| id == a) {
                            Some((name, _)) => {
                                name.push('/');
                                name.push_str(r);
                            }
                            None => marks.push((r.to_string(), *a)),
                        }
                    }
                    for (name, id) in marks {
                        let Some(sp) = doc.layer.span(id) else {
                            continue;
                        };
                        let rects = Self::rects(lay, b, sp.range);
                        for (k, r) in rects.iter().enumerate() {
                            let r = r.translate(top.to_vec2()).expand(2.0);
                            anchors.entry(id).or_insert(r);
                            painter.rect_stroke(
                                r,
                                3.0,
                                Stroke::new(2.0, c),
                                egui::StrokeKind::Outside,
                            );
                            if k == 0 {
                                // Above the box; lifted a row while it would cover a name
                                // already written (a short trigger beside its argument).
                                let galley = painter.layout_no_wrap(
                                    name.clone(),
                                    FontId::proportional(self.font_size * 0.6),
                                    c,
                                );
                                let size = galley.size();
                                let mut at = r.left_top() + vec2(0.0, -1.0 - size.y);
                                for _ in 0..3 {
                                    let rect = Rect::from_min_size(at, size).expand(1.0);
                                    if !names_drawn.iter().any(|d| d.intersects(rect)) {
                                        break;
                                    }
                                    at.y -= size.y;
                                }
                                names_drawn.push(Rect::from_min_size(at, size));
                                painter.galley(at, galley, c);
                            }
                        }
                    }
                }
                if let Some(p) = pointer {
                    let local = p - top;
                    if local.y >= 0.0
                        && local.y < lay.galley.size().y
                        && let Some(c) = Self::char_under(lay, local)
                    {
                        hover_char = Some(b.start + c);
                        hover_spans = doc
                            .layer
                            .at(b.start + c)
                            .into_iter()
                            .filter(|s| {
                                s.status != SpanStatus::Rejected && s.kind != SpanKind::Structure
                            })
                            .collect();
                    }
                }
            }

            // Arcs from each shown trigger to its arguments where both are in view; an end out
            // of view gets a dashed line to the edge it lies beyond, labelled ↑/↓ with its role
            // and text.
            let small = FontId::proportional(self.font_size * 0.6);
            let (mut above, mut below) = (0.0f32, 0.0f32);
            // The part of the view really shown (the scroll area clips a little more).
            let edges = vis_rect.intersect(ui.clip_rect());
            let label_bg = ui.visuals().extreme_bg_color.gamma_multiply(0.9);
            // Edge labels and the char each leads to: a click on one scrolls there.
            let mut edge_links: Vec<(Rect, u32)> = Vec::new();
            for e in &shown {
                let c = event_color(schema, e).gamma_multiply(0.8);
                let Some(trig) = doc.layer.span(e.trigger) else {
                    continue;
                };
                let t = anchors.get(&e.trigger).copied();
                for (role, a) in &e.args {
                    let Some(arg) = doc.layer.span(*a) else {
                        continue;
                    };
                    let surface = |sp: &Span| clip(doc.text.slice(sp.range).unwrap_or(""), 16);
                    let (from, up, name, target) = match (t, anchors.get(a).copied()) {
                        (Some(t), Some(r)) => {
                            painter.add(arc(t, r, c, edges.top() + 2.0));
                            continue;
                        }
                        // The argument is out of view.
                        (Some(t), None) => (
                            t,
                            arg.range.start < trig.range.start,
                            format!(
                                "{} {}",
                                schema.role_shown(&e.event_type, role, lang),
                                surface(arg)
                            ),
                            arg.range.start,
                        ),
                        // The trigger is out of view.
                        (None, Some(r)) => (
                            r,
                            trig.range.start < arg.range.start,
                            format!(
                                "{}「{}」",
                                schema.type_shown(&e.event_type, lang),
                                surface(trig)
                            ),
                            trig.range.start,
                        ),
                        (None, None) => continue,
                    };
                    let step = self.font_size * 0.75;
                    let (edge_y, text) = if up {
                        above += 1.0;
                        (
                            edges.top() + 2.0 + (above - 1.0) * step,
                            format!("↑ {name}"),
                        )
                    } else {
                        below += 1.0;
                        (
                            edges.bottom() - 2.0 - (below - 1.0) * step,
                            format!("↓ {name}"),
                        )
                    };
                    let x = from.center().x;
                    let start = if up {
                        from.center_top()
                    } else {
                        from.center_bottom()
                    };
                    painter.extend(Shape::dashed_line(
                        &[start, pos2(x, edge_y)],
                        Stroke::new(1.5, c),
                        4.0,
                        3.0,
                    ));
                    // Text on the side of the line with more room.
                    let left = x > vis_rect.center().x;
                    let align = match (left, up) {
                        (false, true) => egui::Align2::LEFT_TOP,
                        (false, false) => egui::Align2::LEFT_BOTTOM,
                        (true, true) => egui::Align2::RIGHT_TOP,
                        (true, false) => egui::Align2::RIGHT_BOTTOM,
                    };
                    let tx = if left { x - 4.0 } else { x + 4.0 };
                    let galley =
                        painter.layout_no_wrap(text, small.clone(), c.gamma_multiply(1.25));
                    let rect = align
                        .anchor_size(pos2(tx, edge_y), galley.size())
                        .expand(1.0);
                    painter.rect_filled(rect, 2.0, label_bg);
                    edge_links.push((rect, target));
                    painter.galley(rect.min + vec2(1.0, 1.0), galley, c);
                }
            }
            if pointer.is_some_and(|p| edge_links.iter().any(|(r, _)| r.contains(p))) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            self.edge_labels.clone_from(&edge_links);
            // Remember which events the pointer is over, for the next frame.
            let hovered: Vec<EventId> = hover_spans
                .iter()
                .flat_map(|s| {
                    doc.layer
                        .events
                        .iter()
                        .filter(|e| e.trigger == s.id || e.args.iter().any(|(_, a)| *a == s.id))
                        .map(|e| e.id)
                })
                .collect();
            if hovered != self.hovered_events {
                self.hovered_events = hovered;
                ui.ctx().request_repaint();
            }

            // Pointer → char (caret position between chars) for drags.
            let caret_at = |this: &Self, p: Pos2| -> Option<u32> {
                let y = p.y - origin.y;
                let i = this.tops.partition_point(|&t| t <= y).saturating_sub(1);
                let i = i.min(this.blocks.len().checked_sub(1)?);
                let lay = this.cache.get(&i)?;
                let local = p - (origin + vec2(0.0, this.tops[i]));
                let c = Self::caret_in(lay, local);
                Some(this.blocks[i].start + c.min(this.blocks[i].len()))
            };
            let char_at = |this: &Self, p: Pos2| -> Option<u32> {
                let y = p.y - origin.y;
                let i = this.tops.partition_point(|&t| t <= y).saturating_sub(1);
                let lay = this.cache.get(&i)?;
                let local = p - (origin + vec2(0.0, this.tops[i]));
                Self::char_under(lay, local).map(|c| this.blocks[i].start + c)
            };

            if resp.drag_started()
                && let Some(p) = ui.input(|i| i.pointer.press_origin())
            {
                self.drag_anchor = caret_at(self, p);
            }
            if resp.dragged()
                && let (Some(a), Some(p)) = (self.drag_anchor, resp.interact_pointer_pos())
                && let Some(h) = caret_at(self, p)
            {
                actions.push(Intent::SelectChars(Selection { anchor: a, head: h }));
                // Keep the drag visible near the edges.
                if p.y > vis_rect.max.y - 20.0 || p.y < vis_rect.min.y + 20.0 {
                    ui.scroll_to_rect(Rect::from_center_size(p, vec2(1.0, 40.0)), None);
                }
            }
            if resp.drag_stopped() {
                if let (Some(a), Some(p)) = (self.drag_anchor, resp.interact_pointer_pos())
                    && let Some(h) = caret_at(self, p)
                {
                    let alt = ui.input(|i| i.modifiers.alt);
                    let sel = if snap && !alt {
                        self.snap(doc, a, h)
                    } else {
                        Selection { anchor: a, head: h }
                    };
                    actions.push(Intent::SelectChars(sel));
                }
                self.drag_anchor = None;
            }
            if resp.double_clicked() {
                if let Some(c) = resp.interact_pointer_pos().and_then(|p| char_at(self, p))
                    && let Some((s, e)) = self.word_at(doc, c)
                {
                    actions.push(Intent::SelectChars(Selection { anchor: s, head: e }));
                }
            } else if resp.clicked()
                && let Some(p) = resp.interact_pointer_pos()
                && let Some((_, target)) = edge_links.iter().find(|(r, _)| r.contains(p))
            {
                // A click on an edge label brings the end it names into view.
                self.scroll_to = Some(*target);
                ui.ctx().request_repaint();
            } else if resp.clicked() {
                let c = resp.interact_pointer_pos().and_then(|p| char_at(self, p));
                let at = c.map(|c| {
                    doc.layer
                        .at(c)
                        .into_iter()
                        .filter(|s| {
                            s.status != SpanStatus::Rejected && s.kind != SpanKind::Structure
                        })
                        .collect::<Vec<&Span>>()
                });
                match at {
                    Some(v) if !v.is_empty() => {
                        // Clicking again on a selected span cycles to the next enclosing one.
                        let pick = match v.iter().position(|s| Some(s.id) == ws.selected_span()) {
                            Some(k) => v[(k + 1) % v.len()].id,
                            None => v[0].id,
                        };
                        actions.push(Intent::SelectSpan(pick));
                    }
                    _ => {
                        let caret = resp.interact_pointer_pos().and_then(|p| caret_at(self, p));
                        actions.push(Intent::ClearSelection);
                        if let Some(c) = caret {
                            actions.push(Intent::SelectChars(Selection { anchor: c, head: c }));
                        }
                    }
                }
            }
            // The review items not yet decided under the pointer (a disagreement, or an
            // agreement the green box does not name): each annotator's version.
            let hover_items: Vec<usize> = hover_char
                .map(|c| {
                    self.review_marks
                        .iter()
                        .filter(|m| {
                            m.mark != crate::ui::intent::ReviewMark::Decided && m.range.contains(c)
                        })
                        .map(|m| m.item)
                        .collect()
                })
                .unwrap_or_default();
            if (!hover_spans.is_empty() || !hover_items.is_empty()) && self.drag_anchor.is_none() {
                let text = &doc.text;
                resp.on_hover_ui_at_pointer(|ui| {
                    if let Some(r) = ws.review() {
                        let d = ws.doc();
                        for it in hover_items.iter().filter_map(|&i| r.items(d).get(i)) {
                            ui.strong(crate::session::review::diff_kind_name(lang, it.kind));
                            for (n, who) in r.annotators().iter().enumerate() {
                                if let Some(layer) = r.source(d, n) {
                                    let v = crate::session::review::version_text(
                                        lang, ws, d, layer, it, n,
                                    );
                                    let colon = match lang {
                                        Lang::Zh => "：",
                                        Lang::En => ": ",
                                    };
                                    ui.label(format!("{who}{colon}{v}"));
                                }
                            }
                        }
                    }
                    for s in &hover_spans {
                        let name = schema
                            .label(&s.label)
                            .map(|l| match lang {
                                Lang::Zh => l.zh.as_str(),
                                Lang::En => l.en.as_str(),
                            })
                            .unwrap_or("");
                        let surface = text.slice(s.range).unwrap_or("");
                        let mut line =
                            format!("{} {} {name}  「{surface}」 {}", s.id, s.label, s.range);
                        if let Some(v) = &s.value {
                            if let Some(n) = v.number {
                                line.push_str(&format!("  = {n}"));
                            }
                            if let Some(u) = &v.unit {
                                line.push_str(&format!(" {u}"));
                            }
                            if let Some(d) = v.resolved.as_ref().or(v.date.as_ref()) {
                                line.push_str(&format!("  {d}"));
                            }
                        }
                        if s.status == SpanStatus::Pending {
                            line.push(' ');
                            line.push_str(&super::span_list::pending_mark(
                                lang,
                                s.suggested_by,
                                s.confidence,
                            ));
                        }
                        ui.colored_label(color(span_color(schema, s), 255), line);
                    }
                });
            }
        });
    }

    /// The review items of the document shown, sorted by start (none outside review).
    pub fn set_review_marks(&mut self, marks: Vec<crate::ui::intent::ReviewBox>) {
        self.review_marks = marks;
        self.review_drawn.clear();
    }

    /// The review items of the document shown, as last set.
    pub fn review_marks(&self) -> &[crate::ui::intent::ReviewBox] {
        &self.review_marks
    }

    /// Where char `c` was drawn in the last frame (screen coordinates), if it was laid out.
    pub fn char_rect(&self, c: u32) -> Option<Rect> {
        let origin = self.last_origin?;
        let b = self.block_of(c);
        let lay = self.cache.get(&b)?;
        let r = *Self::rects(lay, self.blocks[b], CharRange::new(c, c + 1)).first()?;
        Some(r.translate(origin.to_vec2() + vec2(0.0, self.tops[b])))
    }

    /// The rows of the blocks laid out so far, as char ranges of the document, in order, each
    /// with whether it is the last row of its block (tests check where rows are cut).
    pub fn rows(&self) -> Vec<(CharRange, bool)> {
        let mut laid: Vec<usize> = self.cache.keys().copied().collect();
        laid.sort_unstable();
        let mut out = Vec::new();
        for i in laid {
            let (Some(lay), Some(b)) = (self.cache.get(&i), self.blocks.get(i)) else {
                continue;
            };
            let n = lay.galley.rows.len();
            for (ri, row) in lay.galley.rows.iter().enumerate() {
                let start = b.start + lay.row_starts[ri];
                let end = start + row.glyphs.len() as u32;
                out.push((CharRange::new(start, end), ri + 1 == n));
            }
        }
        out
    }

    /// Forget cached word boundaries (after the user dictionary changed) and segment the
    /// document again in the background.
    pub fn clear_words(&mut self) {
        self.words.clear();
        self.segmenting = None;
        self.key = None;
    }

    /// Segment every block of a text on a named thread; the result fills the word cache.
    fn segment_in_background(&mut self, text: &Text) {
        let (tx, rx) = std::sync::mpsc::channel();
        let blocks = self.blocks.clone();
        let text = text.clone();
        let Some(seg) = self.seg.clone() else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("biaozhu-segment".into())
            .spawn(move || {
                let mut all = HashMap::with_capacity(blocks.len());
                for (i, b) in blocks.iter().enumerate() {
                    let s = text.slice(*b).unwrap_or("");
                    let w = seg
                        .word_boundaries(s)
                        .into_iter()
                        .map(|x| x + b.start)
                        .collect();
                    all.insert(i, w);
                }
                let _ = tx.send(all);
            });
        self.segmenting = spawned.ok().map(|_| rx);
    }

    fn word_bounds(&mut self, doc: &Document, b: usize) -> &Vec<u32> {
        let seg = &self.seg;
        self.words.entry(b).or_insert_with(|| {
            let block = self.blocks[b];
            let s = doc.text.slice(block).unwrap_or("");
            seg.as_ref()
                .map(|seg| seg.word_boundaries(s))
                .unwrap_or_else(|| vec![0, block.len()])
                .into_iter()
                .map(|x| x + block.start)
                .collect()
        })
    }

    fn word_at(&mut self, doc: &Document, c: u32) -> Option<(u32, u32)> {
        let b = self.block_of(c);
        crate::zh::segment::word_at(self.word_bounds(doc, b), c)
    }

    fn snap(&mut self, doc: &Document, a: u32, h: u32) -> Selection {
        let r = CharRange::new(a, h);
        if r.is_empty() {
            return Selection { anchor: a, head: h };
        }
        let b0 = self.block_of(r.start);
        let b1 = self.block_of(r.end.saturating_sub(1));
        let s = crate::zh::segment::snap(self.word_bounds(doc, b0), r.start, r.start + 1).0;
        let e = crate::zh::segment::snap(self.word_bounds(doc, b1), r.end - 1, r.end).1;
        if a <= h {
            Selection { anchor: s, head: e }
        } else {
            Selection { anchor: e, head: s }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The highest point of an arc's curve (its control points bound it).
    fn arc_top(s: &Shape) -> f32 {
        let Shape::Vec(parts) = s else {
            panic!("an arc is a curve and a head");
        };
        let Some(Shape::CubicBezier(c)) = parts.first() else {
            panic!("the curve first");
        };
        c.points.iter().map(|p| p.y).fold(f32::INFINITY, f32::min)
    }

    #[test]
    fn an_arc_from_the_top_line_stays_inside_the_view() {
        let boxed = |x: f32, y: f32| Rect::from_min_size(pos2(x, y), vec2(30.0, 20.0));
        // Trigger and argument on the top line, 6 points below the view's top edge at 100.
        let a = arc(boxed(10.0, 106.0), boxed(300.0, 106.0), Color32::RED, 102.0);
        assert!(arc_top(&a) >= 102.0, "{}", arc_top(&a));
        assert!(arc_top(&a) < 106.0, "still bows upwards");
        // Further down it bows as high as it likes.
        let b = arc(boxed(10.0, 400.0), boxed(300.0, 400.0), Color32::RED, 102.0);
        assert!(arc_top(&b) < 380.0);
    }

    #[test]
    fn the_selection_colour_is_far_from_every_default_label_and_event_colour() {
        let schema = Schema::default_bulletin();
        let dist = |a: Rgb, b: Rgb| {
            let d = |x: u8, y: u8| (f32::from(x) - f32::from(y)).powi(2);
            (d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)).sqrt()
        };
        let colours = schema
            .labels
            .iter()
            .map(|l| (l.key.as_str(), l.color))
            .chain(schema.events.iter().map(|e| (e.key.as_str(), e.color)));
        for (key, c) in colours {
            assert!(
                dist(SELECTION_COLOR, c) > 120.0,
                "the selection looks like {key} ({})",
                c.to_hex()
            );
        }
    }

    #[test]
    fn long_paragraphs_are_cut_into_blocks_that_cover_the_text() {
        let s = "甲。".repeat(1500) + "\n乙";
        let t = Text::new(s);
        let b = blocks_of(&t);
        assert!(b.len() >= 4);
        assert_eq!(b[0].start, 0);
        for w in b.windows(2) {
            assert!(w[1].start == w[0].end || w[1].start == w[0].end + 1);
        }
        assert_eq!(b.last().unwrap().end, t.len_chars());
        assert!(b.iter().all(|x| x.len() <= MAX_BLOCK));
    }

    #[test]
    fn overlapping_spans_get_different_levels() {
        use crate::model::{SpanId, SpanKind};
        let a = Span::new(SpanId(1), CharRange::new(0, 10), SpanKind::Entity, "ORG");
        let b = Span::new(SpanId(2), CharRange::new(0, 3), SpanKind::Entity, "LOC");
        let c = Span::new(SpanId(3), CharRange::new(12, 14), SpanKind::Entity, "LOC");
        let l = levels(&[&a, &b, &c]);
        assert_ne!(l[0], l[1]);
        assert_eq!(l[2], 0);
    }
}
