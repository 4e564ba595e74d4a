//! Bulletin structure: a page of news split into articles, each with its headline (and
//! subheads), dateline (【本报北京10月24日电】, （新华社北京12月31日电）, 本报讯), byline
//! ((记者赖志航), 本报记者 赖书闻), body paragraphs, photo captions and section labels; and
//! proposed repairs of extraction debris (a line broken across a blank line, a repeated
//! sentence, a stray fragment). Everything is over the unchanged text, in char offsets;
//! nothing changes the text unless `apply_repairs` is called.

use serde::Serialize;

use crate::model::CharRange;

/// What a part of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// The article's title.
    Headline,
    /// A line above the headline.
    Kicker,
    /// A line under the headline.
    Subhead,
    /// 【本报北京10月24日电】.
    Dateline,
    /// (记者赖志航).
    Byline,
    /// A body paragraph.
    Body,
    /// A photo caption.
    Caption,
    /// A section title inside an article.
    SectionLabel,
}

/// One part: kind and char range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// Kind.
    pub kind: PartKind,
    /// First char.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
}

/// One article of the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// First char.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
    /// Headline text.
    pub headline: Option<String>,
    /// Dateline text.
    pub dateline: Option<String>,
    /// Byline text.
    pub byline: Option<String>,
    /// Parts in text order.
    pub parts: Vec<Part>,
}

/// What a repair does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// Join a paragraph broken in mid-sentence across a blank line.
    JoinBrokenLine,
    /// Drop a sentence repeated right after itself.
    DropRepeat,
    /// Drop a short paragraph that repeats the end of an earlier one.
    DropFragment,
}

/// A proposed change: replace `start..end` with `replacement`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    /// Kind.
    pub kind: RepairKind,
    /// First char replaced.
    pub start: u32,
    /// One past the last char replaced.
    pub end: u32,
    /// The new text.
    pub replacement: String,
    /// Why, for the preview.
    pub reason: String,
}

/// A page's structure and proposed repairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Structure {
    /// Articles in order.
    pub articles: Vec<Article>,
    /// Proposed repairs, in order, not overlapping.
    pub repairs: Vec<Repair>,
}

/// A non-empty line.
#[derive(Debug, Clone)]
struct Para {
    start: usize,
    end: usize,
    /// Blank lines before it.
    gap: usize,
    text: String,
}

const HEADLINE_MAX: usize = 48;

fn paras(chars: &[char]) -> Vec<Para> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut blanks = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            let mut s = line_start;
            let mut e = i;
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                out.push(Para {
                    start: s,
                    end: e,
                    gap: blanks,
                    text: chars[s..e].iter().collect(),
                });
                blanks = 0;
            } else if i < chars.len() {
                blanks += 1;
            }
            line_start = i + 1;
        }
    }
    out
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '”', '…', '；', '：', '!', '?', '.', '」', '’',
    ])
}

/// The dateline at the start of a paragraph: its length in chars.
fn dateline_len(t: &str) -> Option<usize> {
    let chars: Vec<char> = t.chars().collect();
    for (open, close) in [('【', '】'), ('（', '）'), ('(', ')')] {
        if chars.first() == Some(&open)
            && let Some(k) = chars.iter().position(|c| *c == close)
        {
            let inner: String = chars[1..k].iter().collect();
            if (inner.starts_with("本报") || inner.starts_with("新华社") || inner.contains("电"))
                && inner.ends_with('电')
                && k < 30
            {
                return Some(k + 1);
            }
        }
    }
    if t.starts_with("本报讯") {
        return Some(3);
    }
    if t.starts_with("据新华社")
        && let Some(k) = chars.iter().take(30).position(|c| *c == '电')
    {
        return Some(k + 1);
    }
    None
}

/// A byline in brackets at `chars[i..]`: its length.
fn bracket_byline(chars: &[char], i: usize) -> Option<usize> {
    let open = *chars.get(i)?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let k = chars[i..].iter().take(40).position(|c| *c == close)?;
    let inner: String = chars[i + 1..i + k].iter().collect();
    (inner.starts_with("记者") || inner.starts_with("通讯员") || inner.starts_with("本报记者"))
        .then_some(k + 1)
}

fn is_byline_line(t: &str) -> bool {
    let n = t.chars().count();
    n <= 30 && (t.starts_with("本报记者") || t.starts_with("记者 ") || t.starts_with("本报通讯员"))
}

fn is_caption(t: &str) -> bool {
    // 10月22日，… : a photo caption opens with a date; or it says who took the photo.
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() && (chars[i].is_ascii_digit() || "月日".contains(chars[i])) {
        i += 1;
    }
    let dated = i >= 4 && chars[i - 1] == '日' && chars.get(i) == Some(&'，');
    dated || t.starts_with("图为") || t.ends_with('摄') || t.contains("（摄") || t.contains("(摄")
}

/// A sentence end a headline does not have: 。！？ (possibly inside a closing quote).
fn ends_like_body(t: &str) -> bool {
    let mut rev = t.chars().rev();
    match rev.next() {
        Some('。' | '！' | '？' | '；' | '…' | '!' | '?') => true,
        Some('”' | '’' | '」') => matches!(rev.next(), Some('。' | '！' | '？' | '…')),
        _ => false,
    }
}

fn short(p: &Para) -> bool {
    p.text.chars().count() <= HEADLINE_MAX
        && !ends_like_body(&p.text)
        && dateline_len(&p.text).is_none()
}

/// Analyse a page.
pub fn analyse(text: &str) -> Structure {
    let chars: Vec<char> = text.chars().collect();
    let ps = paras(&chars);
    // Where articles start: a headline (short line followed by a dateline, a byline line, a
    // subhead and then a dateline, or a caption), or a caption after a wide gap.
    let mut starts = Vec::new();
    for (k, p) in ps.iter().enumerate() {
        let next = ps.get(k + 1);
        let next2 = ps.get(k + 2);
        let opens = |q: Option<&Para>| {
            q.is_some_and(|q| dateline_len(&q.text).is_some() || is_byline_line(&q.text))
        };
        if short(p) && !is_byline_line(&p.text) {
            let head = opens(next)
                || (next.is_some_and(short) && opens(next2))
                || next.is_some_and(|q| is_caption(&q.text))
                || (k == 0 && next.is_some());
            // A subhead under a headline that already opened the article is not a start.
            let under_headline = k > 0 && starts.last() == Some(&(k - 1)) && short(&ps[k - 1]);
            if head && !under_headline {
                starts.push(k);
            }
        } else if is_caption(&p.text) && (p.gap >= 2 || k == 0) {
            starts.push(k);
        }
    }
    if starts.first() != Some(&0) && !ps.is_empty() {
        starts.insert(0, 0);
    }
    let mut articles = Vec::new();
    for (a, &k0) in starts.iter().enumerate() {
        let k1 = starts.get(a + 1).copied().unwrap_or(ps.len());
        let mut art = Article {
            start: ps[k0].start as u32,
            end: ps[k1 - 1].end as u32,
            headline: None,
            dateline: None,
            byline: None,
            parts: Vec::new(),
        };
        let mut seen_body = false;
        for (j, p) in ps[k0..k1].iter().enumerate() {
            let part = |kind, s: usize, e: usize| Part {
                kind,
                start: s as u32,
                end: e as u32,
            };
            if j == 0 && short(p) {
                art.headline = Some(p.text.clone());
                art.parts.push(part(PartKind::Headline, p.start, p.end));
                continue;
            }
            if !seen_body && short(p) && !is_byline_line(&p.text) {
                art.parts.push(part(PartKind::Subhead, p.start, p.end));
                continue;
            }
            if is_byline_line(&p.text) {
                art.byline.get_or_insert_with(|| p.text.clone());
                art.parts.push(part(PartKind::Byline, p.start, p.end));
                continue;
            }
            if is_caption(&p.text) && !seen_body {
                art.parts.push(part(PartKind::Caption, p.start, p.end));
                seen_body = true;
                continue;
            }
            if short(p) && p.text.chars().count() <= 20 {
                art.parts.push(part(PartKind::SectionLabel, p.start, p.end));
                continue;
            }
            let mut s = p.start;
            if !seen_body && let Some(n) = dateline_len(&p.text) {
                art.dateline = Some(chars[s..s + n].iter().collect());
                art.parts.push(part(PartKind::Dateline, s, s + n));
                s += n;
                if let Some(b) = bracket_byline(&chars, s) {
                    art.byline = Some(chars[s + 1..s + b - 1].iter().collect());
                    art.parts.push(part(PartKind::Byline, s, s + b));
                    s += b;
                }
            }
            seen_body = true;
            if s < p.end {
                art.parts.push(part(PartKind::Body, s, p.end));
            }
        }
        articles.push(art);
    }
    Structure {
        repairs: repairs(&chars, &ps),
        articles,
    }
}

fn repairs(chars: &[char], ps: &[Para]) -> Vec<Repair> {
    let mut out = Vec::new();
    // A long line that stops mid-sentence, continued by the next body line.
    for w in ps.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let long = a.text.chars().count() > HEADLINE_MAX;
        let continues = b.text.chars().next().is_some_and(|c| {
            !matches!(c, '“' | '【' | '（' | '(' | '《') && dateline_len(&b.text).is_none()
        }) && !short(b);
        if long && !ends_sentence(&a.text) && continues {
            out.push(Repair {
                kind: RepairKind::JoinBrokenLine,
                start: a.end as u32,
                end: b.start as u32,
                replacement: String::new(),
                reason: format!(
                    "“…{}” continues in the next paragraph: “{}…”",
                    a.text
                        .chars()
                        .rev()
                        .take(6)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect::<String>(),
                    b.text.chars().take(6).collect::<String>()
                ),
            });
        }
    }
    // A sentence repeated right after itself (kept once).
    for p in ps {
        let sents = super::sentences::split(&p.text);
        let text: Vec<char> = p.text.chars().collect();
        let s_text =
            |r: &CharRange| -> String { text[r.start as usize..r.end as usize].iter().collect() };
        let mut k = 1;
        while k < sents.len() {
            let first = s_text(&sents[k - 1]);
            if first.chars().count() >= 6 && s_text(&sents[k]) == first {
                let mut last = k;
                while last + 1 < sents.len() && s_text(&sents[last + 1]) == first {
                    last += 1;
                }
                out.push(Repair {
                    kind: RepairKind::DropRepeat,
                    start: (p.start as u32) + sents[k - 1].end,
                    end: (p.start as u32) + sents[last].end,
                    replacement: String::new(),
                    reason: format!("“{first}” is repeated {} more time(s)", last - k + 1),
                });
                k = last + 1;
            } else {
                k += 1;
            }
        }
    }
    // A short paragraph that repeats the end of an earlier one.
    for (k, p) in ps.iter().enumerate() {
        let n = p.text.chars().count();
        if !(4..=30).contains(&n) || k == 0 {
            continue;
        }
        if ps[..k]
            .iter()
            .any(|q| q.text.chars().count() > n && q.text.ends_with(&p.text))
        {
            // Drop the fragment and the blank lines before it.
            let prev_end = ps[k - 1].end;
            out.push(Repair {
                kind: RepairKind::DropFragment,
                start: prev_end as u32,
                end: p.end as u32,
                replacement: String::new(),
                reason: format!("“{}” repeats the end of an earlier paragraph", p.text),
            });
        }
    }
    out.sort_by_key(|r| r.start);
    // Keep them apart.
    let mut kept: Vec<Repair> = Vec::new();
    for r in out {
        if kept.last().is_none_or(|l| l.end <= r.start) {
            kept.push(r);
        }
    }
    let _ = chars;
    kept
}

/// The structure as labelled ranges for a layer: ARTICLE, HEADLINE, SUBHEAD, DATELINE,
/// BYLINE, CAPTION and SECTION (body paragraphs are not stored).
pub fn structure_spans(st: &Structure) -> Vec<(CharRange, &'static str)> {
    let mut out = Vec::new();
    for a in &st.articles {
        out.push((CharRange::new(a.start, a.end), "ARTICLE"));
        for p in &a.parts {
            let label = match p.kind {
                PartKind::Headline => "HEADLINE",
                PartKind::Kicker | PartKind::Subhead => "SUBHEAD",
                PartKind::Dateline => "DATELINE",
                PartKind::Byline => "BYLINE",
                PartKind::Caption => "CAPTION",
                PartKind::SectionLabel => "SECTION",
                PartKind::Body => continue,
            };
            out.push((CharRange::new(p.start, p.end), label));
        }
    }
    out
}

/// Apply chosen repairs (they must not overlap) to a text, returning the new text.
pub fn apply_repairs(text: &str, repairs: &[Repair]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut rs: Vec<&Repair> = repairs.iter().collect();
    rs.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for r in rs {
        let (s, e) = (r.start as usize, (r.end as usize).min(chars.len()));
        if s < at || s > chars.len() {
            continue;
        }
        out.extend(&chars[at..s]);
        out.push_str(&r.replacement);
        at = e;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}
