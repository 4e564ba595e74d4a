//! Bulletin structure: a page of news split into articles, each with its headline (and
//! kicker/subheads), dateline (【本报北京10月24日电】, （新华社北京12月31日电）, 本报讯,
//! 据新华社…电), byline ((记者赖志航), （记者 …）, 本报记者 赖书闻), body paragraphs, photo
//! captions and section labels; and proposed repairs of extraction debris (a line broken
//! across a blank line, a repeated sentence or paragraph, a stray fragment).
//!
//! Everything is over the unchanged text, in char (code point) offsets, end exclusive; nothing
//! changes the text unless [`apply_repairs`] is called.
//!
//! # How a page is read
//!
//! The text is cut into paragraphs (non-blank lines, trimmed of whitespace, counting the blank
//! lines before each). A *head line* is at most [`HEADLINE_MAX`] chars, does not end like a
//! sentence (。！？… or a comma-like mark; a short line ending in ？ or ！ still counts), and is
//! not a dateline, byline or caption. An article starts at a block of one to three head lines
//! (`k`) when
//! - it is the first paragraph of the page, or
//! - the next paragraph opens an article: a dateline, a byline, a caption, or
//! - the block has two or three lines (a headline with a subhead), or follows two or more blank
//!   lines, and a body paragraph comes next.
//!
//! A dateline, or a caption beginning with a date (10月22日，…), after two or more blank lines
//! also starts an article, without a headline. In a block of one line it is the headline; of
//! two, headline and subhead, or kicker and headline when the first line reads as a kicker (it
//! opens with 就/关于…, ends with 要求/指出…, or is a short phrase longer than the second); of
//! three, kicker, headline and subhead (headline and two subheads when the second opens with a
//! dash). After the body has begun, a head line of at most [`LABEL_MAX`] chars is a section
//! label, unless it is the article's last line.
//!
//! Bylines are also told by where they stand: a name, names run together, a body, or a title
//! and a name between a head line and the body; an issuer over a date under a notice; a
//! reprint's source (———…《…》) or an author's note (（作者为…）) closing an item, after which
//! a head line starts the next article.

use serde::Serialize;

use crate::model::CharRange;

/// What a part of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// The article's title.
    Headline,
    /// A line above the headline (引题): the first of three head lines, or of two when it
    /// reads as one (see the module's notes).
    Kicker,
    /// A line under the headline (副题).
    Subhead,
    /// 【本报北京10月24日电】, （新华社北京12月31日电）, 本报讯, 据新华社北京12月31日电.
    Dateline,
    /// (记者赖志航) after a dateline, or a `本报记者 赖书闻` line.
    Byline,
    /// A body paragraph (or its rest after a dateline and byline).
    Body,
    /// A photo caption: 10月22日，… opening an item, or a paragraph with 图为 / …摄.
    Caption,
    /// A section title inside an article (分类培训为职工赋能).
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
    /// First char (of its first paragraph).
    pub start: u32,
    /// One past the last char of its last paragraph.
    pub end: u32,
    /// Headline text, if the article has one (a standalone caption has none).
    pub headline: Option<String>,
    /// Dateline text as written, brackets included: `【本报北京10月24日电】`.
    pub dateline: Option<String>,
    /// Byline: the inside of a bracketed byline (`记者赖志航`) or a whole byline line
    /// (`本报记者 赖书闻`).
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
    /// Drop a sentence (or paragraph) repeated right after itself, keeping one.
    DropRepeat,
    /// Drop a short paragraph that repeats a piece of an earlier one.
    DropFragment,
}

/// A proposed change: replace chars `start..end` with `replacement`.
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
    /// Proposed repairs, in text order, not overlapping.
    pub repairs: Vec<Repair>,
}

/// Longest head line (headline, kicker, subhead), in chars.
pub const HEADLINE_MAX: usize = 48;
/// Longest section label, in chars.
pub const LABEL_MAX: usize = 24;
/// Longest caption, in chars.
const CAPTION_MAX: usize = 250;

/// A non-blank line, trimmed.
#[derive(Debug, Clone)]
struct Para {
    start: usize,
    end: usize,
    /// Blank lines before it.
    gap: usize,
    chars: Vec<char>,
    /// A name alone under a headline (`李治亭`): its author, which only the layout shows.
    author: bool,
}

impl Para {
    fn text(&self) -> String {
        self.chars.iter().collect()
    }
    fn len(&self) -> usize {
        self.chars.len()
    }
    fn first(&self) -> char {
        self.chars[0]
    }
    fn last(&self) -> char {
        self.chars[self.chars.len() - 1]
    }
}

fn starts_with(c: &[char], s: &str) -> bool {
    s.chars().enumerate().all(|(i, x)| c.get(i) == Some(&x))
}

fn paras(chars: &[char]) -> Vec<Para> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut blanks = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            let (mut s, mut e) = (line_start, i);
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
                    chars: chars[s..e].to_vec(),
                    author: false,
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

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Marks that end a sentence.
fn is_final(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';' | '.' | '．'
    )
}

/// Closing quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '〕' | ']' | '"'
    )
}

/// Marks that open something: a paragraph starting with one begins afresh.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '（'
            | '('
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '['
            | '"'
            | '■'
            | '●'
            | '◆'
            | '▲'
            | '—'
    )
}

/// Chars that cannot begin a sentence, so a paragraph starting with one continues the last.
fn is_continuation(c: char) -> bool {
    matches!(
        c,
        '的' | '地'
            | '得'
            | '了'
            | '着'
            | '过'
            | '们'
            | '和'
            | '与'
            | '及'
            | '或'
            | '并'
            | '而'
            | '之'
            | '等'
            | '、'
            | '，'
            | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '”'
            | '）'
            | '》'
            | ','
    )
}

/// The paragraph reads as a finished sentence: 。！？… possibly inside closing quotes.
fn ends_like_body(c: &[char]) -> bool {
    let mut rev = c.iter().rev().skip_while(|c| is_closer(**c));
    rev.next().is_some_and(|c| is_final(*c))
}

/// The paragraph stops before a sentence or clause is done.
fn ends_mid_sentence(c: &[char]) -> bool {
    c.last()
        .is_some_and(|l| !is_final(*l) && !is_closer(*l) && !matches!(l, '：' | ':' | '—'))
}

/// Length of the dateline at the start of a paragraph.
fn dateline_len(c: &[char]) -> Option<usize> {
    const SOURCES: [&str; 12] = [
        "本报",
        "新华社",
        "中新社",
        "中新网",
        "人民网",
        "央视",
        "央广",
        "光明网",
        "据",
        "记者",
        "特约",
        "通讯员",
    ];
    let no_punct = |s: &[char]| {
        s.iter().all(|c| {
            is_ideograph(*c) || is_digit(*c) || c.is_whitespace() || c.is_ascii_alphabetic()
        })
    };
    let close = match c.first()? {
        '【' => Some('】'),
        '（' => Some('）'),
        '(' => Some(')'),
        '〔' => Some('〕'),
        '[' => Some(']'),
        _ => None,
    };
    if let Some(close) = close {
        let k = c.iter().take(32).position(|x| *x == close)?;
        let inner = &c[1..k];
        let known = SOURCES.iter().any(|s| starts_with(inner, s));
        let dated = inner.contains(&'月') && inner.contains(&'日');
        let ends = inner.last() == Some(&'电') || (known && inner.last() == Some(&'讯'));
        let pattern = known || dated || inner.ends_with(&['专', '电']);
        return (ends && pattern && no_punct(inner)).then_some(k + 1);
    }
    if starts_with(c, "本报讯") {
        return Some(3);
    }
    const BARE: [&str; 10] = [
        "据新华社",
        "新华社",
        "据中新社",
        "中新社",
        "中新网",
        "本报",
        "人民网",
        "央视网",
        "央广网",
        "光明网",
    ];
    if BARE.iter().any(|s| starts_with(c, s)) {
        let k = c.iter().take(28).position(|x| matches!(x, '电' | '讯'))?;
        // A date just before (本报北京1月2日讯记者王比学报道：, 新华社北京1月2日电2000年是…)
        // ends the dateline whatever follows; otherwise a space, bracket or comma must.
        let dated = k >= 1 && c[k - 1] == '日' && c[..k].contains(&'月');
        let after_ok = dated
            || c.get(k + 1).is_none_or(|n| {
                n.is_whitespace() || is_opener(*n) || matches!(n, '，' | ',' | '：' | ':')
            });
        let word_ok = c[k] == '电' || dated;
        return (no_punct(&c[..k]) && after_ok && word_ok).then_some(k + 1);
    }
    None
}

/// Does a byline's inside (without brackets) look like one?
fn byline_words(inner: &[char]) -> bool {
    const PREFIXES: [&str; 22] = [
        "记者",
        "作者为",
        "作者系",
        "作者是",
        "本报评论员",
        "本刊评论员",
        "特约评论员",
        "新华社评论员",
        "人民日报评论员",
        "本报记者",
        "通讯员",
        "本报通讯员",
        "特约记者",
        "本报特约记者",
        "见习记者",
        "实习记者",
        "实习生",
        "特约通讯员",
        "新华社记者",
        "中新社记者",
        "文/",
        "文／",
    ];
    // 本报驻委内瑞拉记者管彦忠, 新华社驻东京记者…: a correspondent abroad.
    let correspondent = ["本报驻", "新华社驻", "本报特派"]
        .iter()
        .any(|p| starts_with(inner, p))
        && inner.windows(2).any(|w| w == ['记', '者']);
    (PREFIXES.iter().any(|p| starts_with(inner, p)) || correspondent)
        && inner.iter().all(|c| {
            is_ideograph(*c) || c.is_whitespace() || matches!(c, '·' | '•' | '、' | '/' | '／')
        })
}

/// A bracketed byline at `c[i..]`: its length.
fn bracket_byline(c: &[char], i: usize) -> Option<usize> {
    let close = match c.get(i)? {
        '(' => ')',
        '（' => '）',
        '【' => '】',
        _ => return None,
    };
    let k = c[i..].iter().take(48).position(|x| *x == close)?;
    byline_words(&c[i + 1..i + k]).then_some(k + 1)
}

/// A line that is only a byline: `本报记者 赖书闻`, `（记者 张三）`, or reporters' names alone
/// in brackets closing an item: `（张明赵天华）`.
fn is_byline_line(p: &Para) -> bool {
    p.len() <= 40
        && (p.author
            || is_source_credit(&p.chars)
            || byline_words(&p.chars)
            || bracket_byline(&p.chars, 0).is_some_and(|n| n == p.len())
            || bracketed_names(&p.chars)
            || is_signer_line(&p.chars))
}

/// `马旭光吕俊峰`: two or three names run together, each a surname and one or two more
/// ideographs.
fn is_names_line(c: &[char]) -> bool {
    fn split(c: &[char], left: usize) -> bool {
        if c.is_empty() {
            return true;
        }
        left > 0
            && super::suggest::SURNAMES.contains(c[0])
            && (2..=3).any(|n| c.len() >= n && split(&c[n..], left - 1))
    }
    (4..=9).contains(&c.len()) && c.iter().all(|x| is_ideograph(*x)) && split(c, 3)
}

/// `———河南人大《人大建设》`: the source of a reprinted item, closing it (a dash and a
/// publication's name in 《》).
fn is_source_credit(c: &[char]) -> bool {
    let dashes = c
        .iter()
        .take_while(|x| matches!(x, '—' | '－' | '-'))
        .count();
    dashes > 0 && c.len() <= 30 && c.last() == Some(&'》') && c[dashes..].contains(&'《')
}

/// `李治亭`, `欧阳海燕`, `黄 晴`: a surname and one to three more ideographs, alone on a line.
fn is_name_line(c: &[char]) -> bool {
    let name: Vec<char> = c.iter().copied().filter(|x| !x.is_whitespace()).collect();
    let double = super::suggest::DOUBLE_SURNAMES
        .iter()
        .any(|s| starts_with(&name, s));
    (2..=4).contains(&name.len())
        && name.iter().all(|x| is_ideograph(*x))
        && (super::suggest::SURNAMES.contains(name[0]) || double && name.len() >= 3)
}

/// `１９９７年１月８日`, `2001年1月1日`: a date alone on a line (under a notice's signature).
fn is_date_line(c: &[char]) -> bool {
    let mut parts = 0;
    let mut digits = 0;
    for x in c {
        if is_digit(*x) || "○〇零一二三四五六七八九十".contains(*x) {
            digits += 1;
        } else if matches!(x, '年' | '月' | '日') && digits > 0 {
            parts += 1;
            digits = 0;
        } else {
            return false;
        }
    }
    parts == 3 && digits == 0
}

/// Words that end the name of a body writing as an author (中银集团港澳管理处, 国家统计局,
/// 中国社会科学院课题组), besides the organisation suffixes of the entity rules.
const AUTHOR_BODIES: [&str; 9] = [
    "管理处",
    "研究所",
    "研究院",
    "研究中心",
    "办公室",
    "委员会",
    "课题组",
    "调查组",
    "编辑部",
];

/// A body's name alone on a line: four to sixteen ideographs ending in an organisation word.
fn is_author_body(c: &[char]) -> bool {
    let t: String = c.iter().collect();
    (4..=16).contains(&c.len())
        && c.iter().all(|x| is_ideograph(*x))
        && (AUTHOR_BODIES.iter().any(|w| t.ends_with(w))
            || super::suggest::ORG_SUFFIXES
                .iter()
                .any(|w| w.chars().count() >= 2 && t.ends_with(w)))
}

/// Words of a law's or a regulation's note under its title: adopted, issued, amended.
const LEGAL_VERBS: [&str; 7] = ["通过", "发布", "公布", "修正", "修订", "施行", "批准"];

/// The note under a law's title: `（2000年12月28日第九届全国人民代表大会常务委员会第十九次
/// 会议通过）`, or a line of it broken off (`根据…决定》修正）`).
fn is_legal_note(p: &Para) -> bool {
    let t = p.text();
    (t.starts_with('（') || t.starts_with('(') || t.starts_with("根据"))
        && (t.starts_with('（') || t.starts_with('(') || t.ends_with('）') || t.ends_with(')'))
        && LEGAL_VERBS.iter().any(|w| t.contains(w))
        && p.len() <= CAPTION_MAX
}

/// Titles before an author's name under an essay's headline (…有限公司总裁王贵祥).
const AUTHOR_TITLES: [&str; 18] = [
    "总裁",
    "董事长",
    "总经理",
    "经理",
    "厂长",
    "书记",
    "市长",
    "省长",
    "县长",
    "院长",
    "校长",
    "局长",
    "主任",
    "教授",
    "研究员",
    "部长",
    "主席",
    "总理",
];

/// `中国航空集团有限公司总裁王贵祥`: a title and a name of two or three chars ending a line of
/// at most 40 chars with no sentence punctuation.
fn is_titled_name(c: &[char]) -> bool {
    c.len() <= 40
        && !c.iter().any(|x| matches!(x, '，' | '。' | '：' | '；'))
        && ends_in_title_and_name(c, &AUTHOR_TITLES, 1)
}

/// Does `c` end in one of `titles` and a name of two or three ideographs, with at least
/// `before` chars before the title?
fn ends_in_title_and_name(c: &[char], titles: &[&str], before: usize) -> bool {
    titles.iter().any(|t| {
        let t: Vec<char> = t.chars().collect();
        (2..=3).any(|name| {
            c.len() >= before + t.len() + name
                && c[c.len() - name - t.len()..c.len() - name] == t[..]
                && c[c.len() - name..].iter().all(|x| is_ideograph(*x))
        })
    })
}

/// Titles that sign an order or a law: 中华人民共和国主席江泽民, 总理李鹏.
const SIGNER_TITLES: [&str; 4] = ["主席", "总理", "委员长", "部长"];

/// `总理李鹏`, `中华人民共和国主席江泽民`: a signer's line under an order, a title and a
/// name of two or three chars ending a short line.
fn is_signer_line(c: &[char]) -> bool {
    c.len() <= 16 && ends_in_title_and_name(c, &SIGNER_TITLES, 0)
}

/// `（张明赵天华）`: two to ten ideographs (and spaces) in brackets, none of the words of a
/// dateline, a photo note or a page reference.
fn bracketed_names(c: &[char]) -> bool {
    let n = c.len();
    (4..=12).contains(&n)
        && matches!((c[0], c[n - 1]), ('（', '）') | ('(', ')'))
        && c[1..n - 1]
            .iter()
            .all(|x| is_ideograph(*x) || x.is_whitespace() || *x == '·')
        && !c[1..n - 1]
            .iter()
            .any(|x| matches!(x, '电' | '讯' | '图' | '版' | '摄' | '完' | '待' | '续'))
        // （一九九七年十月十二日）: the date of a speech, no names.
        && !is_date_line(&c[1..n - 1])
}

/// A caption by its words: 图为…, …摄, (张三 摄), 供图.
fn is_photo_caption(p: &Para) -> bool {
    let t = p.text();
    let tail = t.trim_end_matches(['）', ')', '。']);
    p.len() <= CAPTION_MAX
        && (t.starts_with("图为")
            || (t.starts_with("（附图片") || t.starts_with("(附图片")) && p.len() <= 12
            || t.contains("。图为")
            || t.contains("（图为")
            || tail.ends_with('摄')
            || tail.ends_with("摄影")
            || tail.ends_with("供图")
            || tail.ends_with("绘")
            || tail.ends_with("制图")
            || tail.ends_with("资料图片"))
}

/// A short item opening with a date and a comma: 10月22日，… (2023年10月22日，…).
fn is_dated_caption(p: &Para) -> bool {
    let c = &p.chars;
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < c.len() && is_digit(c[*i]) {
            *i += 1;
        }
        *i - s
    };
    let n = digits(&mut i);
    if n == 4 && c.get(i) == Some(&'年') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else if n == 0 || n > 2 {
        return false;
    }
    if c.get(i) != Some(&'月') {
        return false;
    }
    i += 1;
    if digits(&mut i) == 0 || c.get(i) != Some(&'日') {
        return false;
    }
    p.len() <= CAPTION_MAX && matches!(c.get(i + 1), Some('，' | ',' | ' ' | '\u{3000}'))
}

fn is_caption(p: &Para) -> bool {
    is_photo_caption(p) || is_dated_caption(p)
}

/// Could be a headline, kicker, subhead or section label.
fn is_head(p: &Para) -> bool {
    let c = &p.chars;
    let question = matches!(p.last(), '？' | '！' | '?' | '!')
        && p.len() <= 30
        && !c[..c.len() - 1].iter().any(|x| is_final(*x));
    p.len() <= HEADLINE_MAX
        && (question || (!ends_like_body(c) && ends_mid_sentence_allowed(p.last())))
        && !c.contains(&'。')
        && !bracketed_only(c)
        && !c
            .iter()
            .all(|x| is_digit(*x) || matches!(x, '年' | '月' | '日' | ' '))
        && !label_and_number(c)
        && !is_table_row(p)
        && dateline_len(c).is_none()
        && !is_byline_line(p)
        && !is_caption(p)
}

/// 湖南韶山小雨转阴4℃／8℃: a row of a weather table (a temperature in it).
fn is_table_row(p: &Para) -> bool {
    p.chars.contains(&'℃')
}

/// 中华人民共和国主席令 over 第四十三号: the heading of an order inside the article that
/// publishes it, not an article's headline.
fn is_order_heading(p: &Para) -> bool {
    p.len() <= 16 && p.last() == '令'
}

/// A head line may end in anything but a comma-like mark or an opening bracket.
fn ends_mid_sentence_allowed(l: char) -> bool {
    !matches!(l, '，' | ',' | '、' | '：' | ':' | '；' | ';') && !is_opener(l)
}

/// A line that is one bracketed note: `（A、D版）`, `（图片）`.
fn bracketed_only(c: &[char]) -> bool {
    let n = c.len();
    n >= 2
        && matches!((c[0], c[n - 1]), ('（', '）') | ('(', ')'))
        && !c[1..n - 1]
            .iter()
            .any(|x| matches!(x, '（' | '）' | '(' | ')'))
}

/// `举报电话：６６０２０００１`: a label and a number, a line of body, not a heading.
fn label_and_number(c: &[char]) -> bool {
    c.iter()
        .position(|x| matches!(x, '：' | ':'))
        .is_some_and(|k| {
            let rest = &c[k + 1..];
            !rest.is_empty()
                && rest
                    .iter()
                    .all(|x| is_digit(*x) || matches!(x, '-' | '－' | ' ' | '、' | '，'))
        })
}

/// A head line that reads as a heading inside an article rather than a headline: it ends in
/// a colon or a question, or starts like a numbered heading (一、 （一） 第一章 ① 1. ——).
fn section_like(p: &Para) -> bool {
    let c = &p.chars;
    let numbered = |i: usize| {
        let k = c[i..]
            .iter()
            .take_while(|x| super::numerals::digit_value(**x).is_some() || **x == '十')
            .count();
        k > 0
            && k <= 3
            && i + k < c.len()
            && matches!(
                c[i + k],
                '、' | '.' | '．' | '）' | ')' | '章' | '节' | '部'
            )
    };
    let t = p.text();
    matches!(p.last(), '：' | ':' | '？' | '?' | '！' | '!')
        || opens_section(&t)
        || numbered(0)
        || (matches!(c[0], '（' | '(' | '第') && numbered(1))
        || matches!(c[0], '①'..='⑳' | '—' | '－' | '■' | '●' | '◆' | '▲')
}

/// Words that open an editor's, a background or a forecast section inside an article
/// (编者点评, 编后, 天气趋势分析 under a weather forecast's headline).
const SECTION_WORDS: [&str; 10] = [
    "编者按",
    "编者点评",
    "编者的话",
    "编后",
    "点评",
    "短评",
    "开栏的话",
    "相关链接",
    "背景资料",
    "天气趋势",
];

/// Does a line open an editor's, a background or a forecast section (编者点评, 编者按：…,
/// 天气趋势分析)?
fn opens_section(t: &str) -> bool {
    SECTION_WORDS.iter().any(|w| t.starts_with(w))
}

/// Words a kicker (引题) opens with: it sets the scene of the headline under it (就转发…的报告
/// over 中共中央、国务院发出通知).
const KICKER_OPENS: [&str; 6] = ["就", "关于", "围绕", "随着", "为了", "面对"];

/// Words a kicker ends with: it announces what the headline under it says (…发出通知要求 over
/// 把…落到实处).
const KICKER_ENDS: [&str; 6] = ["要求", "指出", "强调", "号召", "提出", "表示"];

/// The first of two head lines is a kicker rather than the headline when it opens with a
/// scene-setting preposition or ends with a verb that announces the line under it.
fn is_kicker_line(p: &Para) -> bool {
    let t = p.text();
    let t = t.trim_end();
    KICKER_OPENS.iter().any(|w| t.starts_with(w)) || KICKER_ENDS.iter().any(|w| t.ends_with(w))
}

/// Two head lines where the first is much the longer (half as long again): a kicker over a
/// short headline (不按规定报建施工不具资质管理政出多门, 18 chars, over 单位装修工程问题多, 9), for
/// a subhead is longer than the headline it explains. Of a headline a little longer than its
/// subhead, neither is a kicker. A kicker is a short phrase: a first line of more than
/// [`KICKER_MAX`] chars or with a space in it (a two-part headline: 甘肃省总出台实施方案…
/// 49项“必答题”推动…) is the headline, and so is one ending in a bracketed note
/// (明天气象预报（1月3日20时—1月4日20时）).
fn longer_over_shorter(first: &Para, second: &Para) -> bool {
    2 * first.len() >= 3 * second.len()
        && first.len() <= KICKER_MAX
        && !first.chars.iter().any(|c| c.is_whitespace())
        && !matches!(first.last(), '）' | ')')
}

/// Longest kicker told by length alone, in chars.
const KICKER_MAX: usize = 24;

/// Does a line open with a dash (——, －－－), the mark of a subhead?
fn starts_with_dash(p: &Para) -> bool {
    matches!(p.first(), '—' | '－' | '-')
}

/// A lead-in that breaks off in a dash for the headline under it to finish (村民要求罢免…
/// 究竟是——— over 谁之过): a kicker however long it runs, never body text. A subhead may end
/// in a dash too (…贡献率高达５２.３％---), but body text follows it, not a head line.
fn leads_into_headline(p: &Para) -> bool {
    let dashes = p
        .chars
        .iter()
        .rev()
        .take_while(|c| matches!(c, '—' | '－' | '-'))
        .count();
    dashes >= 2 && dashes < p.len() && p.len() <= LEAD_IN_MAX && !starts_with_dash(p)
}

/// Longest lead-in taken for a kicker ([`leads_into_headline`]), in chars: a paragraph of
/// a few sentences.
const LEAD_IN_MAX: usize = 200;

/// A headline that ends in a bare photo note, `……（图片）`: a photo item of its own.
fn is_photo_headline(p: &Para) -> bool {
    let t = p.text();
    t.chars().count() > 4 && (t.ends_with("（图片）") || t.ends_with("(图片)"))
}

/// Does paragraph `q` open an article when it follows a head block?
fn opens_article(q: &Para) -> bool {
    names_a_source(q) || is_caption(q)
}

/// Does paragraph `q` open with a dateline or a byline, or is it a byline line?
fn names_a_source(q: &Para) -> bool {
    dateline_len(&q.chars).is_some() || is_byline_line(q) || bracket_byline(&q.chars, 0).is_some()
}

/// Analyse a page: its articles and the repairs it may need.
pub fn analyse(text: &str) -> Structure {
    let chars: Vec<char> = text.chars().collect();
    let mut ps = paras(&chars);
    let mut head: Vec<bool> = ps.iter().map(is_head).collect();
    // A lead-in ending in a dash over a lone head line is that headline's kicker.
    for k in 0..ps.len().saturating_sub(2) {
        if !head[k] && leads_into_headline(&ps[k]) && head[k + 1] && !head[k + 2] {
            head[k] = true;
        }
    }
    // 中华人民共和国财政部 over １９９７年１月８日, under a notice: who issued it, a byline.
    for k in 1..ps.len().saturating_sub(1) {
        if head[k] && !head[k - 1] && is_date_line(&ps[k + 1].chars) {
            head[k] = false;
            ps[k].author = true;
        }
    }
    // A name alone between a head line and the body is the author's byline (清史研究中几个
    // 争议问题 over 李治亭, 香港金融业在国企改革中大有可为 over 中银集团港澳管理处), not a
    // subhead.
    for k in 1..ps.len().saturating_sub(1) {
        let names = k >= 2 && head[k - 2] && is_names_line(&ps[k].chars);
        if (head[k - 1] || names)
            && head[k]
            && !head[k + 1]
            && (is_name_line(&ps[k].chars)
                || is_author_body(&ps[k].chars)
                || names
                || is_titled_name(&ps[k].chars))
        {
            head[k] = false;
            ps[k].author = true;
        }
    }
    // 预祝大会圆满成功！ right under a body paragraph and over a head line closes the article
    // above; it is not the first line of the next one's head block.
    // So does a question (李洪志究竟还有几个“最后”？) asked there.
    for k in 1..ps.len().saturating_sub(1) {
        if head[k]
            && !head[k - 1]
            && ps[k].gap == 0
            && matches!(ps[k].last(), '！' | '!' | '？' | '?')
            && head[k + 1]
        {
            head[k] = false;
        }
    }
    // A page with no blank lines between paragraphs (text extracted a paragraph a line) gives
    // no spacing to go by: there a single head line over a body paragraph is a headline unless
    // it reads as a heading inside an article.
    let dense = ps.len() > 2 && ps.iter().all(|p| p.gap == 0);
    // (first paragraph, head lines) of each article.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < ps.len() {
        if head[k] && (k == 0 || !head[k - 1] || ps[k].gap >= 2 || is_photo_headline(&ps[k - 1])) {
            let mut m = k;
            while m < ps.len() && head[m] && m - k < 3 {
                m += 1;
                // A photo item's headline (如此“法人”（图片）) is a whole head block.
                if is_photo_headline(&ps[m - 1]) {
                    break;
                }
            }
            let lines = m - k;
            let next = ps.get(m);
            let body_next = next.is_some_and(|q| !head[m] && !opens_article(q));
            // On a dense page a heading inside an article never starts one; nor does the
            // heading of a table (全国部分旅游景区气象预报) or of an order.
            // After a byline closing the article above (（作者为…专家）, （张明赵天华）), a
            // head line starts the next one, even one that reads like a section heading.
            let closed = k >= 2 && !head[k - 2] && is_byline_line(&ps[k - 1]);
            let heading = dense && section_like(&ps[k]) && !closed
                || next.is_some_and(is_table_row)
                || is_order_heading(&ps[k]);
            let starts_here = k == 0
                || next.is_some_and(opens_article) && !heading
                || (body_next && !heading && (lines >= 2 || ps[k].gap >= 2))
                || (body_next && dense && lines == 1 && !heading);
            // A photo item's headline starts one, even over another head line.
            let photo = lines == 1 && is_photo_headline(&ps[k]);
            if starts_here || photo {
                starts.push((k, lines));
                // The paragraph after the block belongs to it, whatever it is, but for the
                // next item's headline after a photo item's.
                k = if photo && head.get(m).copied().unwrap_or(false) {
                    m
                } else {
                    m + 1
                };
                continue;
            }
        } else if !head[k]
            && k > 0
            && ps[k].gap >= 2
            && (dateline_len(&ps[k].chars).is_some() || is_dated_caption(&ps[k]))
        {
            starts.push((k, 0));
        }
        k += 1;
    }
    if starts.first().is_none_or(|s| s.0 != 0) && !ps.is_empty() {
        starts.insert(0, (0, 0));
    }
    let starts = without_cross_heads(&ps, &head, starts);
    let articles = starts
        .iter()
        .enumerate()
        .map(|(a, &(k0, lines))| {
            let k1 = starts.get(a + 1).map_or(ps.len(), |s| s.0);
            article(&chars, &ps[k0..k1], lines)
        })
        .collect();
    Structure {
        repairs: repairs(&ps),
        articles,
    }
}

/// Longest head line taken for a heading inside an article, in chars: news headlines run
/// longer than the section headings of an essay (一份检察建议改变了一个行业, 13).
const CROSS_HEAD_MAX: usize = 14;

/// Longest head line taken for a labelled heading inside an article, a short label and a
/// colon before what the section tells (二当原告：县政府认定古银杏树为集体所有, 19), in chars.
const LABELLED_HEAD_MAX: usize = 24;

/// Longest label before a labelled heading's colon, in chars (法院终审裁定, 6).
const HEAD_LABEL_MAX: usize = 8;

/// The longest a head line `p` may be to be taken for a heading inside an article:
/// [`LABELLED_HEAD_MAX`] for a labelled one (一当被告：法院中止审理), else [`CROSS_HEAD_MAX`].
fn cross_head_max(p: &Para) -> usize {
    let colon = p.chars.iter().position(|c| *c == '：');
    if colon.is_some_and(|i| (1..=HEAD_LABEL_MAX).contains(&i) && i + 1 < p.len()) {
        LABELLED_HEAD_MAX
    } else {
        CROSS_HEAD_MAX
    }
}

/// Least length of a section under such a heading, in chars from the heading's end to the
/// section's last paragraph's end.
const CROSS_SECTION_MIN: usize = 250;

/// The same in a feature that opened with its reporters' byline.
const FEATURE_SECTION_MIN: usize = 120;

/// Drops the starts that are headings inside the article before them (百年前的世界,
/// 百年前的中国, 历史的启示 in one essay): a run of two or more starts, each a single short
/// head line (no digit, bracket or dash; a second head line under it, such as the question a
/// section opens with, may follow, but not a dash-led subtitle, which makes the head line an
/// item's headline) over at least two paragraphs and 250 chars of plain
/// body (no dateline, byline or photo caption of their own), right under body. In a feature
/// that opened with its reporters' byline, 120 chars will do, and the run may end with a
/// section closed by the feature's dateline. One such head line alone is more often a short
/// item without a dateline than a section, but under a report whose kicker leads into its
/// headline ([`leads_into_headline`]) it is the report's first section. A labelled heading
/// may be longer than a plain one ([`cross_head_max`]).
fn without_cross_heads(
    ps: &[Para],
    head: &[bool],
    starts: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    // `closing`: the section may end with the article's closing dateline or byline
    // (（本报三峡工地１１月８日电）), which only the last section of the article has; `min`:
    // its least length.
    let section = |i: usize, closing: bool, min: usize| -> bool {
        let (k, lines) = starts[i];
        let next = starts.get(i + 1).map_or(ps.len(), |s| s.0);
        let last = if closing && next > k + 2 && ps[next - 1].chars.first() == Some(&'（') {
            next - 1
        } else {
            next
        };
        (lines == 1 || (lines == 2 && !starts_with_dash(&ps[k + 1])))
            && ps[k].len() <= cross_head_max(&ps[k])
            && k > 0
            && !head[k - 1]
            && (!is_byline_line(&ps[k - 1])
                || opening_byline(ps, starts[i - 1]) == Some(k - 1))
            && !ps[k]
                .chars
                .iter()
                .any(|c| is_digit(*c) || matches!(c, '（' | '(' | '—' | '－' | '-'))
            && last > k + 2
            && ps[last - 1].end - ps[k].end >= min
            // A paragraph opening with a date (1996年3月21日，伽师县发生…) is no caption
            // here: a caption stands under a headline, not two paragraphs long.
            && ps[k + 1..last]
                .iter()
                .all(|q| !names_a_source(q) && !is_photo_caption(q))
    };
    let mut drop = vec![false; starts.len()];
    let mut i = 1;
    while i < starts.len() {
        // An article that opened with its reporters' byline (只待合龙 over 本报记者…) is a
        // feature: its sections may be shorter (a sentence a line), and its last one may end
        // with its closing dateline. A series of short items, each without a dateline, has
        // no byline at the top.
        let (k0, lines0) = starts[i - 1];
        let bylined = opening_byline(ps, (k0, lines0)).is_some();
        let min = if bylined {
            FEATURE_SECTION_MIN
        } else {
            CROSS_SECTION_MIN
        };
        // A report whose kicker leads into its headline (村民要求罢免…究竟是——— over 谁之过)
        // is a long one: a single heading right under it is its first section's, not an item.
        let led = lines0 == 2 && leads_into_headline(&ps[k0]);
        if !section(i, false, min) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < starts.len() && section(j, false, min) {
            j += 1;
        }
        if bylined && j < starts.len() && section(j, true, min) {
            j += 1;
        }
        if j - i >= 2 || (led && j > i) {
            for d in &mut drop[i..j] {
                *d = true;
            }
        }
        i = j;
    }
    starts
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(s, _)| s)
        .collect()
}

/// The byline line right under the head lines of the article that starts at `(k0, lines)`,
/// past any photo note (金钥匙打开东宝大门… over （附图片１张） over 本报记者黄振中): a
/// feature's opening byline. A head line right under it is the feature's first section
/// heading, where one under a byline that closes an article's body starts the next item.
fn opening_byline(ps: &[Para], (k0, lines): (usize, usize)) -> Option<usize> {
    let k = (k0 + lines..ps.len()).find(|&k| !bracketed_only(&ps[k].chars))?;
    is_byline_line(&ps[k]).then_some(k)
}

fn part(kind: PartKind, s: usize, e: usize) -> Part {
    Part {
        kind,
        start: s as u32,
        end: e as u32,
    }
}

/// One article: `ps` are its paragraphs, the first `lines` of them its head block.
fn article(chars: &[char], ps: &[Para], lines: usize) -> Article {
    let mut art = Article {
        start: ps[0].start as u32,
        end: ps[ps.len() - 1].end as u32,
        headline: None,
        dateline: None,
        byline: None,
        parts: Vec::new(),
    };
    let kinds: &[PartKind] = match lines {
        1 => &[PartKind::Headline],
        2 if is_kicker_line(&ps[0])
            || leads_into_headline(&ps[0])
            || longer_over_shorter(&ps[0], &ps[1]) && !section_like(&ps[1]) =>
        {
            &[PartKind::Kicker, PartKind::Headline]
        }
        2 if opens_section(&ps[1].text()) => &[PartKind::Headline, PartKind::SectionLabel],
        2 => &[PartKind::Headline, PartKind::Subhead],
        // 发展人口科学研究… over －－－在…大会开幕式上的讲话 over （一九九七年十月十二日）: a line
        // opening with a dash adds to the line above it, it is no headline.
        3 if starts_with_dash(&ps[1]) => {
            &[PartKind::Headline, PartKind::Subhead, PartKind::Subhead]
        }
        3 => &[PartKind::Kicker, PartKind::Headline, PartKind::Subhead],
        _ => &[],
    };
    for (p, kind) in ps.iter().zip(kinds) {
        if *kind == PartKind::Headline {
            art.headline = Some(p.text());
        }
        art.parts.push(part(*kind, p.start, p.end));
    }
    let mut seen_body = false;
    let mut noted = false;
    for (j, p) in ps.iter().enumerate().skip(lines) {
        let first = j == lines;
        if is_byline_line(p) {
            let inner = match bracket_byline(&p.chars, 0) {
                Some(n) => p.chars[1..n - 1].iter().collect(),
                None => p.text(),
            };
            art.byline.get_or_insert(inner);
            art.parts.push(part(PartKind::Byline, p.start, p.end));
            continue;
        }
        if is_photo_caption(p) || (first && is_dated_caption(p)) {
            art.parts.push(part(PartKind::Caption, p.start, p.end));
            seen_body = true;
            continue;
        }
        let dated = bracketed_only(&p.chars) && is_date_line(&p.chars[1..p.len() - 1]);
        if !seen_body && (is_legal_note(p) || dated) {
            art.parts.push(part(PartKind::Subhead, p.start, p.end));
            // The head lines after a law's note are its table of contents and chapters.
            noted = true;
            continue;
        }
        if is_head(p) {
            if !seen_body && !noted && !opens_section(&p.text()) {
                art.parts.push(part(PartKind::Subhead, p.start, p.end));
                continue;
            }
            // A section label heads something: the article's last line is body.
            if p.len() <= LABEL_MAX && j + 1 < ps.len() {
                art.parts.push(part(PartKind::SectionLabel, p.start, p.end));
                continue;
            }
        }
        let mut s = p.start;
        if !seen_body {
            if let Some(n) = dateline_len(&p.chars) {
                art.dateline
                    .get_or_insert_with(|| chars[s..s + n].iter().collect());
                art.parts.push(part(PartKind::Dateline, s, s + n));
                s += n;
                while s < p.end && chars[s].is_whitespace() {
                    s += 1;
                }
            }
            if let Some(b) = bracket_byline(chars, s) {
                art.byline
                    .get_or_insert_with(|| chars[s + 1..s + b - 1].iter().collect());
                art.parts.push(part(PartKind::Byline, s, s + b));
                s += b;
            }
            // 据新华社北京12月31日电，… : the comma belongs to neither part.
            while s < p.end && (chars[s].is_whitespace() || matches!(chars[s], '，' | ',' | '：'))
            {
                s += 1;
            }
        }
        seen_body = true;
        if s < p.end {
            art.parts.push(part(PartKind::Body, s, p.end));
        }
    }
    art
}

fn head_tail(c: &[char], n: usize, tail: bool) -> String {
    if tail {
        c[c.len().saturating_sub(n)..].iter().collect()
    } else {
        c[..n.min(c.len())].iter().collect()
    }
}

/// A short paragraph that repeats a piece of an earlier one, starting mid-sentence there
/// (`元，获得专利312项。` after `…投资3029万元，获得专利312项。`).
fn is_fragment(ps: &[Para], k: usize) -> bool {
    let p = &ps[k];
    if k == 0 || !(4..=40).contains(&p.len()) || is_head(p) || opens_article(p) {
        return false;
    }
    if !p
        .chars
        .iter()
        .any(|c| is_final(*c) || matches!(c, '，' | '、' | ','))
    {
        return false;
    }
    ps[..k].iter().any(|q| {
        q.len() > p.len()
            && q.chars.windows(p.len()).enumerate().any(|(i, w)| {
                w == p.chars.as_slice()
                    && i > 0
                    && !is_final(q.chars[i - 1])
                    && !is_closer(q.chars[i - 1])
            })
    })
}

/// Would `b` continue the sentence that `a` leaves open?
fn continues(a: &Para, b: &Para) -> bool {
    if !ends_mid_sentence(&a.chars) || is_head(b) || opens_article(b) || is_opener(b.first()) {
        return false;
    }
    // A list item begins afresh: 一、 1. (2)
    let c = &b.chars;
    let numeral = |x: char| is_digit(x) || "一二三四五六七八九十".contains(x);
    if numeral(c[0])
        && c.get(1)
            .is_some_and(|x| matches!(x, '、' | '.' | '．' | '）' | ')'))
    {
        return false;
    }
    let a_body = a.len() > HEADLINE_MAX
        || a.chars[..a.len() - 1].iter().any(|x| is_final(*x))
        || (a.chars.contains(&'，') && !is_head(a));
    let a_plain = !is_byline_line(a) && !is_caption(a) && dateline_len(&a.chars) != Some(a.len());
    a_plain && (a_body || (is_continuation(b.first()) && a.chars.contains(&'，')))
}

fn join_repair(a: &Para, b: &Para, end: usize) -> Repair {
    let ascii = a.last().is_ascii_alphanumeric() && b.first().is_ascii_alphanumeric();
    Repair {
        kind: RepairKind::JoinBrokenLine,
        start: a.end as u32,
        end: end as u32,
        replacement: if ascii { " ".into() } else { String::new() },
        reason: format!(
            "“…{}” stops mid-sentence and “{}…” continues it",
            head_tail(&a.chars, 8, true),
            head_tail(&b.chars, 8, false)
        ),
    }
}

fn repairs(ps: &[Para]) -> Vec<Repair> {
    let mut out = Vec::new();
    let fragment: Vec<bool> = (0..ps.len()).map(|k| is_fragment(ps, k)).collect();
    // Stray fragments: drop each run of them with the line breaks before it. If the paragraph
    // before the run is broken mid-sentence and the one after continues it, join them too.
    let mut k = 0;
    while k < ps.len() {
        if !fragment[k] {
            k += 1;
            continue;
        }
        let mut m = k;
        while m < ps.len() && fragment[m] {
            m += 1;
        }
        let a = &ps[k - 1];
        let dropped: Vec<String> = ps[k..m].iter().map(|p| p.text()).collect();
        let reason = format!(
            "“{}” repeats a piece of an earlier paragraph",
            dropped.join("”, “")
        );
        match ps.get(m) {
            Some(b) if continues(a, b) => {
                let mut r = join_repair(a, b, b.start);
                r.kind = RepairKind::DropFragment;
                r.reason = format!("{reason}; then {}", r.reason);
                out.push(r);
            }
            _ => out.push(Repair {
                kind: RepairKind::DropFragment,
                start: a.end as u32,
                end: ps[m - 1].end as u32,
                replacement: String::new(),
                reason,
            }),
        }
        k = m;
    }
    // Lines broken mid-sentence.
    for k in 1..ps.len() {
        if !fragment[k] && !fragment[k - 1] && continues(&ps[k - 1], &ps[k]) {
            out.push(join_repair(&ps[k - 1], &ps[k], ps[k].start));
        }
    }
    // Paragraphs repeated right after themselves: keep the first.
    let mut k = 1;
    while k < ps.len() {
        if ps[k].chars == ps[k - 1].chars && ps[k].len() >= 6 && !is_head(&ps[k]) {
            let mut last = k;
            while last + 1 < ps.len() && ps[last + 1].chars == ps[k].chars {
                last += 1;
            }
            out.push(Repair {
                kind: RepairKind::DropRepeat,
                start: ps[k - 1].end as u32,
                end: ps[last].end as u32,
                replacement: String::new(),
                reason: format!(
                    "the paragraph “{}…” is repeated {} more time(s)",
                    head_tail(&ps[k].chars, 12, false),
                    last - k + 1
                ),
            });
            k = last + 1;
        } else {
            k += 1;
        }
    }
    // Sentences repeated right after themselves inside a paragraph: keep the first.
    for p in ps {
        let sents = super::sentences::split_chars(&p.chars);
        let s = |r: &CharRange| &p.chars[r.start as usize..r.end as usize];
        let mut k = 1;
        while k < sents.len() {
            let first = s(&sents[k - 1]);
            let words = first.iter().filter(|c| is_ideograph(**c)).count();
            if words >= 4 && s(&sents[k]) == first {
                let mut last = k;
                while last + 1 < sents.len() && s(&sents[last + 1]) == first {
                    last += 1;
                }
                out.push(Repair {
                    kind: RepairKind::DropRepeat,
                    start: (p.start as u32) + sents[k - 1].end,
                    end: (p.start as u32) + sents[last].end,
                    replacement: String::new(),
                    reason: format!(
                        "“{}” is repeated {} more time(s)",
                        first.iter().collect::<String>(),
                        last - k + 1
                    ),
                });
                k = last + 1;
            } else {
                k += 1;
            }
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    let mut kept: Vec<Repair> = Vec::new();
    for r in out {
        if kept.last().is_none_or(|l| l.end <= r.start) {
            kept.push(r);
        }
    }
    kept
}

/// The structure as labelled ranges for a layer: ARTICLE, HEADLINE, SUBHEAD (kickers too),
/// DATELINE, BYLINE, CAPTION and SECTION (body paragraphs are not stored).
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

/// Apply chosen repairs (non-overlapping) to a text, returning the new text.
///
/// Offsets are chars of `text`. Repairs may come in any order; one that overlaps an earlier
/// one (by start) or starts past the end of the text is skipped; an end past the text is
/// clamped.
pub fn apply_repairs(text: &str, repairs: &[Repair]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut rs: Vec<&Repair> = repairs.iter().collect();
    rs.sort_by_key(|r| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for r in rs {
        let s = r.start as usize;
        let e = (r.end as usize).min(chars.len());
        if s < at || s > chars.len() || e < s {
            continue;
        }
        out.extend(&chars[at..s]);
        out.push_str(&r.replacement);
        at = e;
    }
    out.extend(&chars[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headlines of a page's articles, in order.
    fn headlines(st: &Structure) -> Vec<&str> {
        st.articles
            .iter()
            .filter_map(|a| a.headline.as_deref())
            .collect()
    }

    fn slice(t: &str, s: u32, e: u32) -> String {
        t.chars().skip(s as usize).take((e - s) as usize).collect()
    }

    /// A feature with a byline, an unheaded first section and one section under each of
    /// `heads` (two paragraphs, 266 chars), then the item `after`.
    fn feature_then(heads: &[&str], after: &str) -> String {
        let para = "老街两旁的店铺重新开张，游客络绎不绝。".repeat(7);
        let section = format!("{para}\n\n{para}\n");
        let mut t = format!("旧城改造见闻\n\n本报记者王明\n\n{section}");
        for h in heads {
            t.push_str(&format!("\n\n{h}\n\n{section}"));
        }
        t.push_str(&format!("\n\n{after}"));
        t
    }

    #[test]
    fn section_headings_of_an_essay_stay_in_it_and_a_short_item_after_it_starts_one() {
        let t = feature_then(
            &["百年老街", "新区新貌"],
            "河边公园完成改造\n\n本报北京1月2日讯记者王比学报道：公园改造工程历时半年。\n",
        );
        let st = analyse(&t);
        assert_eq!(
            headlines(&st),
            ["旧城改造见闻", "河边公园完成改造"],
            "{st:?}"
        );
        let labels: Vec<String> = kinds(&t, &st.articles[0])
            .into_iter()
            .filter(|(k, _)| *k == PartKind::SectionLabel)
            .map(|(_, s)| s)
            .collect();
        assert_eq!(labels, ["百年老街", "新区新貌"]);
        // 本报北京1月2日讯 with the reporter right after it is the item's dateline.
        assert_eq!(st.articles[1].dateline.as_deref(), Some("本报北京1月2日讯"));
    }

    #[test]
    fn a_bylined_feature_written_a_sentence_a_line_keeps_its_short_sections() {
        // Sections of three sentences (about 130 chars, under the 250 a plain run needs),
        // the last closed by the feature's dateline.
        let sentence =
            "工地上灯火通明，几百名建设者正在做最后的准备，大家都说明天一定能够顺利完成任务。\n";
        let section = |head: &str| format!("{head}\n{}", sentence.repeat(3));
        let t = format!(
            "大坝合龙前夜\n本报记者王明李华\n{}{}{}{}（本报三峡工地１１月８日电）\n\
             新桥通车\n本报讯　新桥今天通车。\n",
            sentence.repeat(2),
            section("指挥部的灯光"),
            section("今夜无人入睡"),
            section("岛上不眠人"),
        );
        let st = analyse(&t);
        assert_eq!(headlines(&st), ["大坝合龙前夜", "新桥通车"], "{st:?}");
        // Without the byline at the top, the same lines are short items of their own.
        let t = t.replacen("本报记者王明李华\n", "", 1);
        assert_eq!(analyse(&t).articles.len(), 5);
    }

    #[test]
    fn a_section_heading_with_a_lead_question_under_it_stays_in_the_essay() {
        // The middle heading has a question under it (如何…？), which reads as a head line
        // of its own: the run of sections is not broken by it.
        let t = feature_then(
            &["百年老街", "新区新貌\n\n如何让老街留住游客？", "走向开放"],
            "河边公园完成改造\n\n本报讯　公园改造工程历时半年，昨天向市民开放。\n",
        );
        let st = analyse(&t);
        assert_eq!(
            headlines(&st),
            ["旧城改造见闻", "河边公园完成改造"],
            "{st:?}"
        );
        // A dash-led subtitle under a head line makes it an item's headline and subhead, as
        // before; it breaks the run, and a short head line alone on either side of it starts
        // an item of its own.
        let t = feature_then(
            &["百年老街", "新区新貌\n\n———记一条老街的新生", "走向开放"],
            "河边公园完成改造\n\n本报讯　公园改造工程历时半年，昨天向市民开放。\n",
        );
        let st = analyse(&t);
        assert_eq!(
            headlines(&st),
            [
                "旧城改造见闻",
                "百年老街",
                "新区新貌",
                "走向开放",
                "河边公园完成改造"
            ],
            "{st:?}"
        );
    }

    #[test]
    fn one_short_head_line_over_plain_body_still_starts_an_item() {
        let t = feature_then(
            &["百年老街"],
            "河边公园完成改造\n\n本报讯　公园改造工程历时半年，昨天向市民开放。\n",
        );
        let st = analyse(&t);
        assert_eq!(
            headlines(&st),
            ["旧城改造见闻", "百年老街", "河边公园完成改造"],
            "{st:?}"
        );
    }

    #[test]
    fn a_page_without_blank_lines_starts_an_article_at_each_single_headline() {
        let t = "小城新开一家图书馆\n记者走进这家图书馆，看到许多读者在安静地阅读。\n馆长说，今年还要增加藏书。\n\
                 河边公园完成改造\n公园改造工程历时半年，昨天向市民开放。\n怎样管好公园？\n\
                 管理处表示，将增加巡查人员。\n（张明赵天华）\n（A、D版）\n举报电话：１２３４５６７８\n";
        let st = analyse(t);
        let heads = headlines(&st);
        assert_eq!(heads, ["小城新开一家图书馆", "河边公园完成改造"], "{st:?}");
        let second = &st.articles[1];
        let kinds: Vec<PartKind> = second.parts.iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&PartKind::Byline), "{kinds:?}");
        assert_eq!(second.byline.as_deref(), Some("（张明赵天华）"));
    }

    #[test]
    fn a_head_line_that_sets_the_scene_or_announces_the_next_is_a_kicker() {
        let t = "市政府发出通知要求\n把节水工作落到实处\n本报讯　市政府近日发出通知。\n\
                 就修订《城市绿化条例》\n市人大常委会征求意见\n本报讯　市人大常委会近日征求意见。\n\
                 市图书馆新馆开放\n——藏书超过百万册\n本报讯　新馆今天开放。\n";
        let st = analyse(t);
        let heads: Vec<Vec<(PartKind, String)>> = st
            .articles
            .iter()
            .map(|a| {
                kinds(t, a)
                    .into_iter()
                    .filter(|(k, _)| {
                        matches!(k, PartKind::Kicker | PartKind::Headline | PartKind::Subhead)
                    })
                    .collect()
            })
            .collect();
        let k = |kind, s: &str| (kind, s.to_string());
        assert_eq!(
            heads,
            [
                vec![
                    k(PartKind::Kicker, "市政府发出通知要求"),
                    k(PartKind::Headline, "把节水工作落到实处")
                ],
                vec![
                    k(PartKind::Kicker, "就修订《城市绿化条例》"),
                    k(PartKind::Headline, "市人大常委会征求意见")
                ],
                vec![
                    k(PartKind::Headline, "市图书馆新馆开放"),
                    k(PartKind::Subhead, "——藏书超过百万册")
                ],
            ],
            "{st:?}"
        );
    }

    #[test]
    fn tables_orders_signers_closing_cheers_and_map_credits_start_no_article() {
        // Made-up dense page: a weather table under its heading, an order with its number
        // and signer inside the article that publishes it, an editorial closing with a cheer,
        // a map with its credit.
        let t = "春节天气晴好\n气象台预计，节日期间以晴为主。\n\
                 全国部分旅游景区气象预报\n湖南韶山滴水洞小雨转阴4℃／8℃\n山东泰山晴－13℃／－5℃\n\
                 全国人大常委会修改兵役法\n全国人大常委会今天通过修改兵役法的决定。\n\
                 中华人民共和国主席令\n第四十三号\n现予公布，自公布之日起施行。\n\
                 中华人民共和国主席江泽民\n2000年12月28日\n\
                 大会开幕的社论说，合作是世界的潮流。\n预祝大会圆满成功！\n\
                 铁路全线铺通\n本报记者王明\n铁路今天全线铺通。\n铁路示意图（李华绘）\n\
                 工厂改制见成效\n工厂改制两年，效益明显提高。\n";
        let st = analyse(t);
        let heads = headlines(&st);
        assert_eq!(
            heads,
            [
                "春节天气晴好",
                "全国人大常委会修改兵役法",
                "铁路全线铺通",
                "工厂改制见成效"
            ],
            "{st:?}"
        );
        let law = &st.articles[1];
        assert_eq!(
            law.byline.as_deref(),
            Some("中华人民共和国主席江泽民"),
            "{law:?}"
        );
        let rail = &st.articles[2];
        let caption = rail.parts.iter().find(|p| p.kind == PartKind::Caption);
        assert_eq!(
            caption.map(|p| slice(t, p.start, p.end)).as_deref(),
            Some("铁路示意图（李华绘）")
        );
    }

    #[test]
    fn each_photo_items_headline_starts_an_item_even_right_after_another() {
        let t = "小城新开一家图书馆\n记者走进这家图书馆，看到许多读者在安静地阅读。\n\
                 雪后的校园（图片）\n清晨的阳光（图片）\n图为学生们在操场上晨练。\n（王明摄）\n\
                 河边公园完成改造\n公园改造工程历时半年，昨天向市民开放。\n";
        let st = analyse(t);
        let heads = headlines(&st);
        assert_eq!(
            heads,
            [
                "小城新开一家图书馆",
                "雪后的校园（图片）",
                "清晨的阳光（图片）",
                "河边公园完成改造"
            ],
            "{st:?}"
        );
        let photo = &st.articles[2];
        let captions = photo
            .parts
            .iter()
            .filter(|p| p.kind == PartKind::Caption)
            .count();
        assert_eq!(captions, 2, "{:?}", photo.parts);
    }

    #[test]
    fn a_heading_right_under_a_features_byline_and_photo_note_is_its_first_section() {
        // 金钥匙打开东宝大门 over （附图片１张） over 本报记者黄振中 over 乖乖宝和小金刚: the
        // byline opens the feature, so the head line under it is no new item.
        let para = "东宝空调的名字琅琅上口，令人回味无穷。".repeat(5);
        let section = format!("{para}\n{para}\n");
        let t = format!(
            "金钥匙打开东宝大门－－记东宝电器集团公司总经理\n（附图片１张）\n本报记者黄振中\n\
             乖乖宝和小金刚\n{section}以人为本\n{section}科研无处不在\n{section}"
        );
        let st = analyse(&t);
        assert_eq!(st.articles.len(), 1, "{:?}", st.articles);
        // Under a byline that closes an item's body, a head line starts the next item.
        let t = format!(
            "东宝新品上市\n{para}\n（本报记者黄振中）\n乖乖宝和小金刚\n{section}以人为本\n{section}"
        );
        let st = analyse(&t);
        assert_eq!(headlines(&st)[1], "乖乖宝和小金刚", "{st:?}");
    }

    #[test]
    fn labelled_section_headings_stay_in_their_report_even_when_long() {
        // 二当原告：县政府认定古银杏树为集体所有 is 19 chars, longer than a plain heading.
        let para = "老汉为这棵银杏树跑了三年，从镇上跑到县里，又从县里跑到市里。".repeat(5);
        let t = format!(
            "村民与镇长的银杏之争\n本报讯　一棵百年银杏树引出一场官司。\n{para}\n\
             一当被告：镇政府起诉老汉侵占集体财产\n{para}\n{para}\n\
             二当原告：县政府认定古银杏树为集体所有\n{para}\n{para}\n\
             法院终审裁定：准许撤诉\n{para}\n{para}\n"
        );
        let st = analyse(&t);
        assert_eq!(st.articles.len(), 1, "{:?}", st.articles);
    }

    #[test]
    fn a_lead_in_ending_in_a_dash_is_the_kicker_of_the_headline_that_finishes_it() {
        let lead = "居民要求公开账目，街道却让被告发的人自查；一方说账目无误，一方说漏洞百出。\
                    一桩拖了半年的纠纷，究竟是———";
        let body = "记者日前专门到小区进行了调查，走访了二十多户居民和街道的工作人员。".repeat(4);
        let t = format!(
            "老街改造工程完工\n本报讯　工程昨天完工，居民陆续迁入新居。\n\
             {lead}\n谁之过\n去年六月，本报刊登了居民的来信。{body}\n\
             贸然宣布账目无误\n{body}\n{body}\n"
        );
        let st = analyse(&t);
        assert_eq!(st.articles.len(), 2, "{:?}", st.articles);
        let got = kinds(&t, &st.articles[1]);
        assert_eq!(got[0], (PartKind::Kicker, lead.to_string()), "{got:?}");
        assert_eq!(
            got[1],
            (PartKind::Headline, "谁之过".to_string()),
            "{got:?}"
        );
        // A line ending in a dash over body text is no kicker: it stays in the article.
        let t = format!("老街改造工程完工\n{lead}\n{body}\n");
        let st = analyse(&t);
        assert_eq!(st.articles.len(), 1, "{:?}", st.articles);
    }

    #[test]
    fn a_headline_a_little_longer_than_its_subhead_is_no_kicker() {
        // 12 chars over 10: a headline and its subhead. 18 over 9 is a kicker over a short
        // headline.
        for (first, second, want) in [
            (
                "城南老街改造工程全面完工",
                "三千户居民告别棚户区",
                PartKind::Headline,
            ),
            (
                "不按规定施工不具资质管理政出多门",
                "装修工程问题多",
                PartKind::Kicker,
            ),
        ] {
            let t = format!("{first}\n{second}\n本报讯　工程昨天完工，居民陆续迁入新居。\n");
            let st = analyse(&t);
            let got = kinds(&t, &st.articles[0]);
            assert_eq!(got[0], (want, first.to_string()), "{got:?}");
        }
    }

    #[test]
    fn a_longer_first_line_is_a_kicker_and_names_laws_notes_are_told_apart() {
        let t = "老街改造拆违建补短板治污染\n城南旧貌换新颜\n本报讯　老街改造完工。\n\
                 明天气象预报（1月3日20时—1月4日20时）\n天气趋势分析\n据气象台消息，明天降温。\n\
                 清史研究的几个问题\n王明远\n清朝离我们这个时代最近。\n\
                 金融业在改革中大有可为\n某某银行国际金融研究所\n改革给金融业带来机会。\n\
                 面向新世纪的水利政策\n本报评论员\n水利政策今天公布。\n\
                 某省森林保护条例\n（1998年9月20日某省人民代表大会常务委员会第七次会议通过）\n\
                 第一章总则\n第一条　为了保护森林，制定本条例。\n";
        let st = analyse(t);
        let k = |kind, s: &str| (kind, s.to_string());
        let parts: Vec<Vec<(PartKind, String)>> = st
            .articles
            .iter()
            .map(|a| {
                kinds(t, a)
                    .into_iter()
                    .filter(|(k, _)| *k != PartKind::Body)
                    .collect()
            })
            .collect();
        assert_eq!(
            parts,
            [
                vec![
                    k(PartKind::Kicker, "老街改造拆违建补短板治污染"),
                    k(PartKind::Headline, "城南旧貌换新颜"),
                    k(PartKind::Dateline, "本报讯"),
                ],
                vec![
                    k(PartKind::Headline, "明天气象预报（1月3日20时—1月4日20时）"),
                    k(PartKind::SectionLabel, "天气趋势分析"),
                ],
                vec![
                    k(PartKind::Headline, "清史研究的几个问题"),
                    k(PartKind::Byline, "王明远"),
                ],
                vec![
                    k(PartKind::Headline, "金融业在改革中大有可为"),
                    k(PartKind::Byline, "某某银行国际金融研究所"),
                ],
                vec![
                    k(PartKind::Headline, "面向新世纪的水利政策"),
                    k(PartKind::Byline, "本报评论员"),
                ],
                vec![
                    k(PartKind::Headline, "某省森林保护条例"),
                    k(
                        PartKind::Subhead,
                        "（1998年9月20日某省人民代表大会常务委员会第七次会议通过）"
                    ),
                    k(PartKind::SectionLabel, "第一章总则"),
                ],
            ],
            "{st:?}"
        );
    }

    #[test]
    fn a_dash_line_under_the_first_head_line_is_a_subhead_not_the_headline() {
        let t = "发展科学研究，促进全面进步\n———在某某大会开幕式上的讲话\n（一九九七年十月十二日）\n\
                 女士们，先生们：大会今天开幕了。\n";
        let st = analyse(t);
        assert_eq!(headlines(&st), ["发展科学研究，促进全面进步"], "{st:?}");
        let kinds: Vec<PartKind> = st.articles[0].parts.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds[..3],
            [PartKind::Headline, PartKind::Subhead, PartKind::Subhead]
        );
    }

    #[test]
    fn closing_bylines_questions_signatures_and_editors_notes() {
        // A dense page: a signed essay, a commentary headed by a question, a notice signed
        // by a ministry over its date, a news item with an editor's note.
        let t = "我的新年愿望\n希望新的一年里稻谷丰收。\n（作者为农业科学院研究员）\n\
                 还有多少“借口”？\n有人总在找借口。\n他们究竟还有多少借口？\n\
                 某市为市民办十件实事\n本报讯　市政府今天公布了十件实事。\n\
                 某部公告\n现将有关事项公告如下。\n特此公告。\n某某部\n１９９７年１月８日\n\
                 某省经济稳步增长\n编者点评\n这条新闻说明经济在增长。\n\
                 代表要常回选区\n代表应当常回选区听取意见。\n———某省人大《人大工作》\n\
                 视察要做到“三不可”\n视察要做到三个不可。\n\
                 科技带动产业\n三年来，全市产值增长九倍，科技进步贡献率高达一半以上，产业结构明显优化，\
                 这是全市上下依靠科技的结果\n马旭光吕俊峰\n科技令人振奋。\n\
                 大企业要有竞争力\n某某集团有限公司董事长王大明\n企业要提高竞争力。\n";
        let st = analyse(t);
        assert_eq!(
            headlines(&st),
            [
                "我的新年愿望",
                "还有多少“借口”？",
                "某市为市民办十件实事",
                "某部公告",
                "某省经济稳步增长",
                "代表要常回选区",
                "视察要做到“三不可”",
                "科技带动产业",
                "大企业要有竞争力"
            ],
            "{st:?}"
        );
        let all: Vec<(PartKind, String)> = st.articles.iter().flat_map(|a| kinds(t, a)).collect();
        let k = |kind, s: &str| (kind, s.to_string());
        for part in [
            k(PartKind::Byline, "（作者为农业科学院研究员）"),
            k(PartKind::Body, "他们究竟还有多少借口？"),
            k(PartKind::Byline, "某某部"),
            k(PartKind::SectionLabel, "编者点评"),
            k(PartKind::Byline, "———某省人大《人大工作》"),
            k(PartKind::Byline, "马旭光吕俊峰"),
            k(PartKind::Byline, "某某集团有限公司董事长王大明"),
        ] {
            assert!(all.contains(&part), "{part:?} in {all:?}");
        }
    }

    fn kinds(t: &str, a: &Article) -> Vec<(PartKind, String)> {
        a.parts
            .iter()
            .map(|p| (p.kind, slice(t, p.start, p.end)))
            .collect()
    }

    #[test]
    fn datelines_of_every_kind_cover_just_the_dateline() {
        for (para, want) in [
            ("【本报北京10月24日电】今天", "【本报北京10月24日电】"),
            ("【本报甘肃专电】近日", "【本报甘肃专电】"),
            ("（新华社北京12月31日电）记者", "（新华社北京12月31日电）"),
            ("本报讯（记者 张三）近日", "本报讯"),
            ("据新华社东京10月24日电，日本", "据新华社东京10月24日电"),
            ("新华社北京12月31日电（记者 王某）", "新华社北京12月31日电"),
            ("本报北京10月24日电  记者", "本报北京10月24日电"),
        ] {
            let c: Vec<char> = para.chars().collect();
            let n = dateline_len(&c).unwrap_or_else(|| panic!("{para}"));
            assert_eq!(c[..n].iter().collect::<String>(), want);
        }
        for para in [
            "本报记者 赖书闻",
            "本报电话热线：12351",
            "（以下简称《方案》）",
            "据悉，此次竞赛",
        ] {
            let c: Vec<char> = para.chars().collect();
            assert_eq!(dateline_len(&c), None, "{para}");
        }
    }

    #[test]
    fn an_article_with_kicker_headline_subhead_dateline_and_byline() {
        let t = "共建共享\n\n全国职工技能大赛开幕\n\n——来自现场的报道\n\n本报讯（记者 张三 通讯员 李四）近日，大赛开幕。\n\n比赛共设10个项目。\n\n图为比赛现场。王五 摄\n";
        let st = analyse(t);
        assert_eq!(st.articles.len(), 1);
        let a = &st.articles[0];
        assert_eq!(a.headline.as_deref(), Some("全国职工技能大赛开幕"));
        assert_eq!(a.dateline.as_deref(), Some("本报讯"));
        assert_eq!(a.byline.as_deref(), Some("记者 张三 通讯员 李四"));
        assert_eq!(
            kinds(t, a),
            vec![
                (PartKind::Kicker, "共建共享".into()),
                (PartKind::Headline, "全国职工技能大赛开幕".into()),
                (PartKind::Subhead, "——来自现场的报道".into()),
                (PartKind::Dateline, "本报讯".into()),
                (PartKind::Byline, "（记者 张三 通讯员 李四）".into()),
                (PartKind::Body, "近日，大赛开幕。".into()),
                (PartKind::Body, "比赛共设10个项目。".into()),
                (PartKind::Caption, "图为比赛现场。王五 摄".into()),
            ]
        );
    }

    #[test]
    fn section_labels_do_not_start_articles_but_headlines_after_a_wide_gap_do() {
        let t = "第一篇标题\n\n【本报北京电】正文一。\n\n小标题\n\n正文二。\n\n\n第二篇标题\n\n正文三没有电头。\n";
        let st = analyse(t);
        let heads: Vec<_> = st.articles.iter().map(|a| a.headline.clone()).collect();
        assert_eq!(
            heads,
            vec![
                Some("第一篇标题".to_string()),
                Some("第二篇标题".to_string())
            ]
        );
        assert!(kinds(t, &st.articles[0]).contains(&(PartKind::SectionLabel, "小标题".into())));
        assert_eq!(st.articles[0].dateline.as_deref(), Some("【本报北京电】"));
    }

    #[test]
    fn offsets_are_chars_even_with_astral_chars_and_crlf() {
        let t = "𠮷野家😀开店\r\n\r\n【本报北京10月24日电】(记者赖志航)今天开业。\r\n";
        let st = analyse(t);
        let a = &st.articles[0];
        assert_eq!(a.headline.as_deref(), Some("𠮷野家😀开店"));
        let d = a
            .parts
            .iter()
            .find(|p| p.kind == PartKind::Dateline)
            .unwrap();
        assert_eq!((d.start, d.end), (10, 23));
        assert_eq!(slice(t, d.start, d.end), "【本报北京10月24日电】");
        assert_eq!(a.byline.as_deref(), Some("记者赖志航"));
    }

    #[test]
    fn broken_lines_repeats_and_fragments_are_proposed_not_applied() {
        let t = "标题\n\n【本报讯】这是一个很长的段落，它在句子中间被截断了，因为排版的缘故而断开到下一\n\n段落中继续。好消息来了。好消息来了。好消息来了。\n\n共投资3029万元，获得专利312项。\n\n元，获得专利312项。\n";
        let st = analyse(t);
        let ks: Vec<RepairKind> = st.repairs.iter().map(|r| r.kind).collect();
        assert_eq!(
            ks,
            vec![
                RepairKind::JoinBrokenLine,
                RepairKind::DropRepeat,
                RepairKind::DropFragment
            ]
        );
        let fixed = apply_repairs(t, &st.repairs);
        assert!(fixed.contains("断开到下一段落中继续。好消息来了。\n\n共投资"));
        assert!(fixed.ends_with("获得专利312项。\n"));
        assert!(!fixed.contains("\n\n元，"));
        assert!(analyse(&fixed).repairs.is_empty());
        // Only the chosen ones apply.
        let one = apply_repairs(t, &st.repairs[1..2]);
        assert_eq!(one.matches("好消息来了。").count(), 1);
        assert!(one.contains("下一\n\n段落"));
    }

    #[test]
    fn a_repeated_paragraph_keeps_one_copy() {
        let t = "标题\n\n【本报讯】第一段正文在这里。\n\n重复的段落内容在此。\n\n重复的段落内容在此。\n\n重复的段落内容在此。\n\n结尾。";
        let st = analyse(t);
        assert_eq!(st.repairs.len(), 1);
        assert_eq!(st.repairs[0].kind, RepairKind::DropRepeat);
        let fixed = apply_repairs(t, &st.repairs);
        assert_eq!(fixed.matches("重复的段落内容在此。").count(), 1);
        assert!(fixed.ends_with("重复的段落内容在此。\n\n结尾。"));
    }

    #[test]
    fn ascii_words_broken_across_lines_are_joined_with_a_space() {
        let t = "标题\n\n【本报讯】The delegation from the International Labour Organization visited the\n\nfactory on Monday.\n";
        let st = analyse(t);
        assert_eq!(st.repairs.len(), 1);
        assert_eq!(st.repairs[0].replacement, " ");
        assert!(apply_repairs(t, &st.repairs).contains("visited the factory"));
    }

    #[test]
    fn empty_and_blank_texts_have_no_articles() {
        assert!(analyse("").articles.is_empty());
        assert!(analyse("\n\n  \n").articles.is_empty());
        assert_eq!(apply_repairs("abc", &[]), "abc");
    }
}
