//! CoNLL-style token tagging, as the Chinese NER data sets ship it: one token a line,
//! `TOKEN<TAB>TAG`, a blank line between sentences, `-DOCSTART-` lines between documents.
//!
//! **Import.** Each `-DOCSTART-` block is one document (without any, the whole file is one),
//! named after the file's stem (`msra`, or `msra_1`, `msra_2` … with `-DOCSTART-`). A
//! sentence's tokens are joined into the text (chars: with nothing between them; words, with
//! `--tokens word`: with one space between two tokens whose touching chars are both Latin
//! letters or digits, else nothing), and sentences are joined with `\n`. Tags are read in the
//! `--scheme` given (BIO by default); a tag another scheme uses (`M-PER` in BIO) or no scheme
//! knows (`Q-PER`) refuses the file, naming the line. Tolerated as the real data sets write
//! them: extra columns (the first is the token, the last the tag), a segmentation digit glued
//! to a char (Weibo NER's `现0`), label suffixes (`B-PER.NAM` is label `PER.NAM`), `B_PER`,
//! and with the tab separator, lines separated by spaces (said once). Sloppy sequences (an
//! `I-X` after `O` or after another label, an `E-X` or `M-X` without its `B-X`, a `B-X`
//! never ended by `E-X` in BIOES and BMES) are repaired and each repair is a problem line
//! naming the file and line. A whitespace token: with the tab separator, the token is
//! everything before the first tab, so `␠<TAB>O` is a space and a line of just `<TAB>O` (an
//! empty token) is a space too.
//!
//! **Export.** The spans of `--kinds` (`training::doc_spans`), overlaps resolved by
//! `--nested` (each document that lost spans gets a note). Sentences end at every line end
//! and, inside a line, where `zh::sentences::split` ends one, unless a span crosses that end
//! (the sentence is kept whole). A document that came from a token format (CoNLL, HF) is
//! written one line a sentence, as it came, so that an imported data set is written back
//! as it was. A line end cannot be inside a CoNLL sentence: a span across one is left out
//! with a note. Whitespace: a space-like char (space, U+3000, no-break space …) inside a
//! sentence is its own token with the tab separator (` <TAB>O`); with `--sep space` it cannot
//! be written and is left out; CR and other control whitespace (tab, form feed …) are never
//! written; empty lines leave no empty sentence. When the text would read back otherwise
//! than it is, a note per document says how many chars are lost, so the spans' labels and
//! surfaces round-trip and the offsets do too for any text without such chars.

use std::collections::BTreeSet;
use std::path::Path;

use super::registry::{
    Exported, Format, FormatError, Holds, OptionKind, Options, Output, Progress, Read, Scheme, Sep,
    Target, Tokens, file_name, read_text_file_with,
};
use super::training::{self, FlatSpan, KindsLeftOut};
use crate::i18n::Said;
use crate::model::{Document, Project};
use crate::said;
use crate::zh::segment::Segmenter;

/// CoNLL-style token tags.
pub static FORMAT: Format = Format {
    name: "conll",
    title: ["CoNLL 序列标注", "CoNLL tags"],
    help: "CoNLL-style token tags (a char or word and its BIO/IOB1/BIOES/BMES tag a line, a blank line between sentences, -DOCSTART- between documents)",
    extensions: &["conll", "bio", "bmes", "bioes", "iob", "txt", "tsv"],
    holds: Holds {
        spans: true,
        values: false,
        events: false,
        relations: false,
        loose_spans: true,
    },
    options: &[
        OptionKind::Encoding,
        OptionKind::Lossy,
        OptionKind::Scheme,
        OptionKind::Sep,
        OptionKind::Tokens,
        OptionKind::Nested,
        OptionKind::Kinds,
        OptionKind::Roles,
        OptionKind::IncludePending,
    ],
    target: Target::File,
    import: Some(read_file),
    export: Some(build),
};

/// What `imported_from` ends with for a document read from a token format: such a document
/// is written back one line a sentence.
pub(crate) const FROM_CONLL: &str = "(CoNLL)";

/// What `imported_from` ends with for a document read from HF token records.
pub(crate) const FROM_HF: &str = "(HF)";

// ---- tags ----------------------------------------------------------------------------------

/// The tag of each token of one sentence: `marks[i]` is the span (an index, and its label)
/// token `i` is in. Tokens never straddle a span's boundary.
pub(crate) fn encode(scheme: Scheme, marks: &[Option<(usize, &str)>]) -> Vec<String> {
    let mut out = Vec::with_capacity(marks.len());
    for (i, m) in marks.iter().enumerate() {
        let Some((id, label)) = *m else {
            out.push("O".to_string());
            continue;
        };
        let prev = i.checked_sub(1).and_then(|p| marks[p]);
        let next = marks.get(i + 1).copied().flatten();
        let first = prev.is_none_or(|(p, _)| p != id);
        let last = next.is_none_or(|(n, _)| n != id);
        let p = match scheme {
            Scheme::Bio => {
                if first {
                    "B"
                } else {
                    "I"
                }
            }
            Scheme::Iob1 => {
                if first && prev.is_some_and(|(_, l)| l == label) {
                    "B"
                } else {
                    "I"
                }
            }
            Scheme::Bioes | Scheme::Bmes => match (first, last) {
                (true, true) => "S",
                (true, false) => "B",
                (false, true) => "E",
                (false, false) if scheme == Scheme::Bmes => "M",
                (false, false) => "I",
            },
        };
        out.push(format!("{p}-{label}"));
    }
    out
}

/// The tag names of `labels` in `scheme`, `O` first (the ids of an HF export).
pub(crate) fn tag_names(scheme: Scheme, labels: &[String]) -> Vec<String> {
    let prefixes: &[&str] = match scheme {
        Scheme::Bio | Scheme::Iob1 => &["B", "I"],
        Scheme::Bioes => &["B", "I", "E", "S"],
        Scheme::Bmes => &["B", "M", "E", "S"],
    };
    let mut out = vec!["O".to_string()];
    for l in labels {
        for p in prefixes {
            out.push(format!("{p}-{l}"));
        }
    }
    out
}

/// A tag split into its position letter (`O B I M E S`) and label (empty for `O`): `B-PER`,
/// `B_PER`, `I-PER.NAM`. `None` for anything else.
pub(crate) fn parse_tag(t: &str) -> Option<(char, &str)> {
    if t == "O" {
        return Some(('O', ""));
    }
    let mut cs = t.char_indices();
    let (_, p) = cs.next()?;
    let (_, dash) = cs.next()?;
    let (at, _) = cs.next()?;
    if !matches!(p, 'B' | 'I' | 'M' | 'E' | 'S') || !matches!(dash, '-' | '_') {
        return None;
    }
    let label = t.get(at..)?;
    (!label.trim().is_empty()).then_some((p, label))
}

/// The position letters `scheme` uses.
fn letters(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Bio | Scheme::Iob1 => "OBI",
        Scheme::Bioes => "OBIES",
        Scheme::Bmes => "OBMES",
    }
}

/// Why `tag` cannot be read in `scheme`, if it cannot.
pub(crate) fn tag_error(tag: &str, scheme: Scheme) -> Option<Said> {
    match parse_tag(tag) {
        None => Some(said!(
            "未知的标记 {tag:?}（标记是 O，或 B-、I-、M-、E-、S- 之一加标签）",
            "unknown tag {tag:?} (a tag is O, or B-, I-, M-, E- or S- and a label)"
        )),
        Some((p, _)) if !letters(scheme).contains(p) => {
            let fits: Vec<&str> = Scheme::ALL
                .iter()
                .filter(|s| letters(**s).contains(p))
                .map(|s| s.name())
                .collect();
            let name = scheme.name().to_uppercase();
            let (zh, en) = (fits.join(" 或 --scheme "), fits.join(" or --scheme "));
            Some(said!(
                "标记 {tag:?} 不属于 {name} 体系（请用 --scheme {zh}）",
                "tag {tag:?} is not in the {name} scheme (say --scheme {en})"
            ))
        }
        Some(_) => None,
    }
}

/// The spans of one sentence from its tags (already checked with [`tag_error`]), as token
/// ranges `[start, end)` and labels. Each repair of a sloppy sequence is a line in
/// `problems`, placed by `at(token index)` (`file: line 3` / `file：第 3 行`).
pub(crate) fn decode(
    scheme: Scheme,
    tags: &[(char, &str)],
    at: &dyn Fn(usize) -> Said,
    problems: &mut Vec<Said>,
) -> Vec<(usize, usize, String)> {
    let strict_end = matches!(scheme, Scheme::Bioes | Scheme::Bmes);
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let close = |open: &mut Option<(usize, &str)>,
                 end: usize,
                 out: &mut Vec<(usize, usize, String)>,
                 problems: &mut Vec<Said>| {
        if let Some((s, l)) = open.take() {
            if strict_end {
                let here = at(s);
                let ends = if end < tags.len() {
                    let next = at(end);
                    said!("在 {next} 之前结束", "{next}"; next)
                } else {
                    said!("到句末结束", "the sentence end")
                };
                problems.push(said!(
                    "{here}：此处开始的 {l} 标注没有以 E-{l} 或 S-{l} 结束，{ends}",
                    "{here}: the {l} span begun here is not ended by E-{l} or S-{l}; it ends before {ends}";
                    here, ends
                ));
            }
            out.push((s, end, l.to_string()));
        }
    };
    for (i, &(p, l)) in tags.iter().enumerate() {
        match p {
            'B' => {
                close(&mut open, i, &mut out, problems);
                open = Some((i, l));
            }
            'I' | 'M' => match open {
                Some((_, ol)) if ol == l => {}
                other => {
                    if scheme != Scheme::Iob1 {
                        let after = match other {
                            None if i == 0 => said!("句首", "at the start of the sentence"),
                            None => said!("O 之后", "after O"),
                            Some((_, ol)) => said!("{ol} 标注之内", "inside a {ol} span"),
                        };
                        let here = at(i);
                        problems.push(said!(
                            "{here}：{after}的 {p}-{l} 开始一个新的 {l} 标注（已修正）",
                            "{here}: {p}-{l} {after} begins a new {l} span (repaired)";
                            here, after
                        ));
                    }
                    // A span of another label ends here; in IOB1 that is the scheme's way.
                    if let Some((s, ol)) = open.take() {
                        out.push((s, i, ol.to_string()));
                    }
                    open = Some((i, l));
                }
            },
            'E' => match open.take() {
                Some((s, ol)) if ol == l => out.push((s, i + 1, l.to_string())),
                other => {
                    let here = at(i);
                    problems.push(said!(
                        "{here}：E-{l} 前没有 B-{l}，读作只含一个词元的 {l} 标注（已修正）",
                        "{here}: E-{l} without its B-{l}: read as a one-token {l} span (repaired)";
                        here
                    ));
                    open = other;
                    close(&mut open, i, &mut out, problems);
                    out.push((i, i + 1, l.to_string()));
                }
            },
            'S' => {
                close(&mut open, i, &mut out, problems);
                out.push((i, i + 1, l.to_string()));
            }
            _ => close(&mut open, i, &mut out, problems),
        }
    }
    close(&mut open, tags.len(), &mut out, problems);
    out
}

// ---- joining and splitting tokens ----------------------------------------------------------

/// CJK ideographs, kana, hangul, CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// A Latin (or other non-CJK) letter or digit: two word tokens meeting at such chars are
/// joined with a space.
fn spaced(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Whether two word tokens `a`, `b` are joined with a space in the text: `a` ends with a
/// Latin letter or digit or with a mark a space follows (`, . ; : ! ? ) ] } ” ’ %`), and `b`
/// begins with a Latin letter or digit or an opening mark (`( [ { “ ‘`). CJK tokens are
/// joined with nothing.
pub(crate) fn space_between(a: &str, b: &str) -> bool {
    let ends = |c: char| spaced(c) || ",.;:!?)]}”’%".contains(c);
    let begins = |c: char| spaced(c) || "([{“‘".contains(c);
    a.chars().next_back().is_some_and(ends) && b.chars().next().is_some_and(begins)
}

/// Join tokens into text: chars with nothing between them, words with a space where
/// [`space_between`] says so. Returns the text and each token's start (in chars).
pub(crate) fn join(tokens: &[&str], tokens_are: Tokens) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(tokens.len());
    let mut n = 0u32;
    for (i, t) in tokens.iter().enumerate() {
        if tokens_are == Tokens::Word && i > 0 && space_between(tokens[i - 1], t) {
            text.push(' ');
            n += 1;
        }
        starts.push(n);
        text.push_str(t);
        n += t.chars().count() as u32;
    }
    (text, starts)
}

/// How an export writes tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A CoNLL file with this separator: sentences, no line ends or control chars in tokens.
    Conll(Sep),
    /// HF records: the whole document one sequence, every char a token or part of one.
    Hf,
}

/// One written sentence: tokens and their tags.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Their tags.
    pub tags: Vec<String>,
}

/// What was left out of a document's text, for the note.
#[derive(Debug, Default)]
struct Lost {
    cr: usize,
    control: usize,
    spaces: usize,
    empty_lines: usize,
    across_lines: Vec<FlatSpan>,
    words_split: usize,
}

/// A document cut into tagged sentences by `mode`, with the number of spans written. Notes
/// name what the document lost.
pub(crate) fn tokenise(
    d: &Document,
    opts: &Options,
    seg: Option<&Segmenter>,
    mode: Mode,
    left: &mut KindsLeftOut,
    flattened: &mut training::Flattened,
    notes: &mut Vec<Said>,
) -> (Vec<Sentence>, usize) {
    let id = &d.meta.id;
    let spans = training::doc_spans(d, opts, opts.kinds(), left);
    let (mut kept, lost) = training::flatten(&spans, opts.nested);
    flattened.add(id, &lost);
    let chars: Vec<char> = d.text.as_str().chars().collect();
    let mut why = Lost::default();
    // Sentences: char ranges of the text.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    match mode {
        Mode::Hf => pieces.push((0, chars.len())),
        Mode::Conll(_) => {
            let newline_in = |s: &FlatSpan| chars[s.start as usize..s.end as usize].contains(&'\n');
            let (across, inside): (Vec<FlatSpan>, Vec<FlatSpan>) =
                kept.into_iter().partition(newline_in);
            kept = inside;
            why.across_lines = across;
            let as_lines = d
                .meta
                .imported_from
                .as_deref()
                .is_some_and(|s| s.ends_with(FROM_CONLL) || s.ends_with(FROM_HF));
            let mut ls = 0usize;
            while ls <= chars.len() {
                let le = chars[ls..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(chars.len(), |p| ls + p);
                let content_end = if le > ls && chars[le - 1] == '\r' {
                    le - 1
                } else {
                    le
                };
                if content_end == ls {
                    if le < chars.len() || ls > 0 && ls == chars.len() {
                        why.empty_lines += 1;
                    }
                } else if as_lines {
                    pieces.push((ls, le));
                } else {
                    let ranges = crate::zh::sentences::split_chars(&chars[ls..le]);
                    let mut from = ls;
                    for r in ranges.iter().take(ranges.len().saturating_sub(1)) {
                        let cut = ls + r.end as usize;
                        let cut32 = cut as u32;
                        if kept.iter().any(|s| s.start < cut32 && cut32 < s.end) {
                            continue;
                        }
                        pieces.push((from, cut));
                        from = cut;
                    }
                    pieces.push((from, le));
                }
                if le >= chars.len() {
                    break;
                }
                ls = le + 1;
            }
        }
    }
    // Span boundaries cut words; marks say which span a char is in.
    let mut span_of: Vec<Option<usize>> = vec![None; chars.len()];
    let mut bounds: BTreeSet<usize> = BTreeSet::new();
    for (k, s) in kept.iter().enumerate() {
        for m in &mut span_of[s.start as usize..s.end as usize] {
            *m = Some(k);
        }
        bounds.insert(s.start as usize);
        bounds.insert(s.end as usize);
    }
    let mut sentences = Vec::with_capacity(pieces.len());
    let mut added_spaces = 0usize;
    let mut written = vec![false; kept.len()];
    for (a, b) in pieces {
        // Token ranges: chars, or jieba words cut at span boundaries; whitespace chars alone.
        let ranges: Vec<(usize, usize)> = match seg {
            Some(seg) if opts.tokens == Tokens::Word => {
                let piece: String = chars[a..b].iter().collect();
                let words: BTreeSet<usize> = seg
                    .word_boundaries(&piece)
                    .into_iter()
                    .map(|x| a + x as usize)
                    .collect();
                for &x in bounds.range(a + 1..b) {
                    if !words.contains(&x) {
                        why.words_split += 1;
                    }
                }
                let mut cuts = words;
                cuts.extend(bounds.range(a..=b));
                for (i, c) in chars[a..b].iter().enumerate() {
                    if c.is_whitespace() {
                        cuts.insert(a + i);
                        cuts.insert(a + i + 1);
                    }
                }
                cuts.insert(a);
                cuts.insert(b);
                cuts.iter()
                    .zip(cuts.iter().skip(1))
                    .map(|(&x, &y)| (x, y))
                    .filter(|(x, y)| x < y && *x >= a && *y <= b)
                    .collect()
            }
            _ => (a..b).map(|x| (x, x + 1)).collect(),
        };
        let text_of = |(x, y): (usize, usize)| -> String { chars[x..y].iter().collect() };
        let mut toks: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (k, &(x, y)) in ranges.iter().enumerate() {
            let c = chars[x];
            if y - x == 1 && c.is_whitespace() {
                let control = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
                if let Mode::Conll(sep) = mode {
                    if c == '\r' {
                        why.cr += 1;
                        continue;
                    }
                    if control {
                        why.control += 1;
                        continue;
                    }
                    // One space between two words the import spaces again is implied.
                    let restored = opts.tokens == Tokens::Word
                        && c == ' '
                        && k > 0
                        && k + 1 < ranges.len()
                        && space_between(&text_of(ranges[k - 1]), &text_of(ranges[k + 1]));
                    if restored {
                        continue;
                    }
                    if sep == Sep::Space {
                        why.spaces += 1;
                        continue;
                    }
                } else if opts.tokens == Tokens::Word
                    && c == ' '
                    && k > 0
                    && k + 1 < ranges.len()
                    && space_between(&text_of(ranges[k - 1]), &text_of(ranges[k + 1]))
                {
                    continue;
                }
            } else if opts.tokens == Tokens::Word
                && let Some(&(px, py)) = toks.last()
                && py == x
                && space_between(&text_of((px, py)), &text_of((x, y)))
            {
                added_spaces += 1;
            }
            toks.push((x, y));
        }
        if toks.is_empty() {
            continue;
        }
        let marks: Vec<Option<(usize, &str)>> = toks
            .iter()
            .map(|&(x, _)| span_of[x].map(|k| (k, kept[k].label.as_str())))
            .collect();
        for (k, _) in marks.iter().flatten() {
            written[*k] = true;
        }
        let tags = encode(opts.scheme, &marks);
        sentences.push(Sentence {
            tokens: toks.iter().map(|&r| text_of(r)).collect(),
            tags,
        });
    }
    if let Some(first) = why.across_lines.first() {
        let (n, label, start, end) = (why.across_lines.len(), &first.label, first.start, first.end);
        let spans = crate::i18n::english_count(n, "span");
        notes.push(said!(
            "{id}：{n} 个跨行的标注未导出（句子中不能有换行），第一个是 {label} [{start}, {end})",
            "{id}: left out {spans} across a line end (a sentence cannot hold a line end), the first {label} [{start}, {end})"
        ));
    }
    let unwritten: Vec<&FlatSpan> = kept
        .iter()
        .zip(&written)
        .filter(|(_, w)| !**w)
        .map(|(s, _)| s)
        .collect();
    if let Some(first) = unwritten.first() {
        let (n, label, start, end) = (unwritten.len(), &first.label, first.start, first.end);
        let spans = crate::i18n::english_count(n, "span");
        notes.push(said!(
            "{id}：{n} 个标注只含不写出的字（空白），未导出，第一个是 {label} [{start}, {end})",
            "{id}: left out {spans} holding only chars that are not written (whitespace), the first {label} [{start}, {end})"
        ));
    }
    if why.words_split > 0 {
        let n = why.words_split;
        notes.push(said!(
            "{id}：{n} 个 jieba 词在标注边界处被切开（有标注在词中开始或结束）",
            "{id}: {n} jieba words were split at span boundaries (a span begins or ends inside them)"
        ));
    }
    let mut gone: Vec<Said> = Vec::new();
    for (n, what) in [
        (why.cr, said!("个 CRLF 换行中的 CR", "CR of CRLF line ends")),
        (
            why.control,
            said!("个制表符或其他控制空白", "tabs or other control whitespace"),
        ),
        (
            why.spaces,
            said!(
                "个空格（--sep space 时没有空格词元）",
                "spaces (no space token with --sep space)"
            ),
        ),
        (
            why.empty_lines,
            said!("个空行或末尾的换行", "empty lines or a final line end"),
        ),
    ] {
        if n > 0 {
            gone.push(said!("{n} {what}", "{n} {what}"; what));
        }
    }
    if added_spaces > 0 {
        gone.push(said!(
            "在写出时没有空格的拉丁词之间加了 {added_spaces} 个空格",
            "{added_spaces} spaces added between Latin words written without one"
        ));
    }
    if !gone.is_empty() {
        let zh: Vec<&str> = gone.iter().map(|g| g.zh.as_str()).collect();
        let en: Vec<&str> = gone.iter().map(|g| g.en.as_str()).collect();
        let (zh, en) = (zh.join("，"), en.join(", "));
        notes.push(said!(
            "{id}：读回的文本会有变化，标注的偏移也随之改变：{zh}",
            "{id}: the text reads back changed, the spans' offsets with it: {en}"
        ));
    }
    (sentences, written.iter().filter(|w| **w).count())
}

// ---- export --------------------------------------------------------------------------------

fn build(
    p: &Project,
    opts: &Options,
    progress: Progress<'_>,
) -> Result<Option<Exported>, FormatError> {
    let seg =
        (opts.tokens == Tokens::Word).then(|| Segmenter::with_user_words(&p.settings.user_words));
    let sep = match opts.sep {
        Sep::Tab => "\t",
        Sep::Space => " ",
    };
    let multi = p.documents.len() > 1;
    let mut out = String::new();
    let mut notes = Vec::new();
    let mut left = KindsLeftOut::default();
    let mut flattened = training::Flattened::default();
    let mut spans = 0;
    let n = p.documents.len();
    for (i, d) in p.documents.iter().enumerate() {
        if !progress(i, n) {
            return Ok(None);
        }
        let (sentences, k) = tokenise(
            d,
            opts,
            seg.as_ref(),
            Mode::Conll(opts.sep),
            &mut left,
            &mut flattened,
            &mut notes,
        );
        spans += k;
        if multi {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&format!("-DOCSTART-{sep}O\n\n"));
        } else if i > 0 {
            out.push('\n');
        }
        if sentences.is_empty() {
            let id = &d.meta.id;
            notes.push(said!(
                "{id}：没有可写的词元（文本为空）；该文档读不回来",
                "{id}: no token to write (an empty text); the document does not read back"
            ));
        }
        for (j, s) in sentences.iter().enumerate() {
            if j > 0 {
                out.push('\n');
            }
            for (t, g) in s.tokens.iter().zip(&s.tags) {
                out.push_str(t);
                out.push_str(sep);
                out.push_str(g);
                out.push('\n');
            }
        }
    }
    progress(n, n);
    notes.extend(flattened.note(opts.nested));
    notes.extend(left.note(opts.kinds()));
    Ok(Some(Exported {
        output: Output::File(out),
        documents: n,
        spans,
        notes,
    }))
}

// ---- import --------------------------------------------------------------------------------

/// One token line read.
struct Line<'a> {
    token: String,
    tag: &'a str,
    n: usize,
}

fn read_file(file: &Path, opts: &Options) -> Result<Read, FormatError> {
    let (decoded, _) = read_text_file_with(file, opts.encoding.as_deref(), opts.lossy)?;
    let src = decoded.text.trim_start_matches('\u{feff}');
    let fname = file.display().to_string();
    let err = |n: usize, m: Said| FormatError {
        line: Some(n),
        ..FormatError::new(file, m)
    };
    let mut problems = Vec::new();
    // Documents of sentences of token lines.
    let mut docs: Vec<Vec<Vec<Line>>> = vec![Vec::new()];
    let mut sentence: Vec<Line> = Vec::new();
    let mut spaced_lines = (0usize, 0usize);
    let mut digits = (0usize, 0usize);
    let mut untagged = (0usize, 0usize);
    let mut docstart = false;
    for (i, raw) in src.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !sentence.is_empty()
                && let Some(d) = docs.last_mut()
            {
                d.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            if !sentence.is_empty()
                && let Some(d) = docs.last_mut()
            {
                d.push(std::mem::take(&mut sentence));
            }
            docstart = true;
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let (token, tag) = match opts.sep {
            Sep::Tab if line.contains('\t') => {
                let mut fields = line.split('\t');
                let token = fields.next().unwrap_or_default();
                let tag = fields.next_back().unwrap_or_default().trim();
                (if token.is_empty() { " " } else { token }, tag)
            }
            _ => {
                let fields: Vec<&str> = line.split_whitespace().collect();
                if fields.len() < 2 {
                    let sep = match opts.sep {
                        Sep::Tab => said!("制表符", "tab"),
                        Sep::Space => said!("空格", "space"),
                    };
                    return Err(err(
                        n,
                        said!(
                            "{line:?} 没有标记（应为词元、{sep}，再加标记）",
                            "{line:?} has no tag (a token, a {sep}, then its tag)";
                            sep
                        ),
                    ));
                }
                if opts.sep == Sep::Tab {
                    spaced_lines.0 += 1;
                    if spaced_lines.1 == 0 {
                        spaced_lines.1 = n;
                    }
                }
                (fields[0], fields[fields.len() - 1])
            }
        };
        // MSRA has a few `0<TAB>` lines: a token without a tag is outside any span (said).
        let tag = if tag.is_empty() {
            untagged.0 += 1;
            if untagged.1 == 0 {
                untagged.1 = n;
            }
            "O"
        } else {
            tag
        };
        if let Some(m) = tag_error(tag, opts.scheme) {
            return Err(err(n, m));
        }
        // Weibo NER: a segmentation digit after the char (`现0`).
        let mut token = token.to_string();
        let mut cs = token.chars();
        if let Some(c) = cs.next()
            && is_cjk(c)
            && !cs.as_str().is_empty()
            && cs.as_str().chars().all(|d| d.is_ascii_digit())
        {
            token = c.to_string();
            digits.0 += 1;
            if digits.1 == 0 {
                digits.1 = n;
            }
        }
        sentence.push(Line { token, tag, n });
    }
    if !sentence.is_empty()
        && let Some(d) = docs.last_mut()
    {
        d.push(sentence);
    }
    if spaced_lines.0 > 0 {
        let (k, l) = spaced_lines;
        problems.push(said!(
            "第 {l} 行：{k} 行没有制表符，按空格分隔读取（取第一个词元和最后一个标记；要整个文件都这样读，请用 --sep space）",
            "line {l}: {k} lines have no tab: read with spaces as the separator (the first token and the last tag; say --sep space to read the whole file so)"
        ).at(&fname));
    }
    if untagged.0 > 0 {
        let (k, l) = untagged;
        problems.push(
            said!(
                "第 {l} 行：{k} 个词元的标记为空，读作 O",
                "line {l}: {k} tokens have an empty tag: read as O"
            )
            .at(&fname),
        );
    }
    if digits.0 > 0 {
        let (k, l) = digits;
        problems.push(said!(
            "第 {l} 行：{k} 个词元是一个字加一个分词数字（Weibo NER 的写法），数字未导入文本",
            "line {l}: {k} tokens are a char and a segmentation digit (Weibo NER style): the digits are left out of the text"
        ).at(&fname));
    }
    docs.retain(|d| !d.is_empty());
    if docs.is_empty() {
        return Err(FormatError::new(
            file,
            said!(
                "没有词元行（TOKEN<TAB>TAG）",
                "holds no token line (TOKEN<TAB>TAG)"
            ),
        ));
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "conll".into());
    let source = format!("{} {FROM_CONLL}", file_name(file));
    let mut out = Vec::with_capacity(docs.len());
    for (k, doc) in docs.iter().enumerate() {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut offset = 0u32;
        for (j, s) in doc.iter().enumerate() {
            if j > 0 {
                text.push('\n');
                offset += 1;
            }
            let toks: Vec<&str> = s.iter().map(|l| l.token.as_str()).collect();
            let (t, starts) = join(&toks, opts.tokens);
            let tags: Vec<(char, &str)> = s
                .iter()
                .map(|l| parse_tag(l.tag).unwrap_or(('O', "")))
                .collect();
            let at = |i: usize| {
                let n = s.get(i).map_or(0, |l| l.n);
                said!("第 {n} 行", "line {n}").at(&fname)
            };
            for (a, b, label) in decode(opts.scheme, &tags, &at, &mut problems) {
                let start = offset + starts[a];
                let end = offset + starts[b - 1] + toks[b - 1].chars().count() as u32;
                spans.push(FlatSpan::new(start, end, label));
            }
            offset += t.chars().count() as u32;
            text.push_str(&t);
        }
        let name = if docstart {
            format!("{stem}_{}", k + 1)
        } else {
            stem.clone()
        };
        let line = doc.first().and_then(|s| s.first()).map_or(1, |l| l.n);
        out.push(training::read_doc(
            file,
            line,
            name,
            source.clone(),
            text,
            &decoded,
            spans,
            false,
        )?);
    }
    Ok(Read {
        docs: out,
        problems,
        ..Read::default()
    })
}

/// Read a CoNLL string (tests and other token formats).
#[cfg(test)]
fn read_str(src: &str, opts: &Options) -> Result<Read, FormatError> {
    let io = |e: std::io::Error| FormatError::new("tmp", Said::verbatim(e.to_string()));
    let dir = tempfile::tempdir().map_err(io)?;
    let f = dir.path().join("t.conll");
    std::fs::write(&f, src).map_err(io)?;
    read_file(&f, opts)
}

/// The spans of a read document, as (start, end, label).
#[cfg(test)]
fn spans_of(d: &super::registry::ReadDoc) -> Vec<(u32, u32, String)> {
    d.spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o() -> Options {
        Options::default()
    }

    #[test]
    fn bio_reads_into_text_and_spans() {
        let r = read_str(
            "甘\tB-ORG\n肃\tI-ORG\n在\tO\n\n兰\tB-LOC\n州\tI-LOC\n",
            &o(),
        )
        .unwrap();
        assert_eq!(r.docs.len(), 1);
        assert_eq!(r.docs[0].text.text, "甘肃在\n兰州");
        assert_eq!(
            spans_of(&r.docs[0]),
            vec![(0, 2, "ORG".into()), (4, 6, "LOC".into())]
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn schemes_encode_and_decode_the_same_spans() {
        // A, A adjacent of the same label, a single, and another label.
        let marks = [
            Some((0, "A")),
            Some((0, "A")),
            Some((0, "A")),
            Some((1, "A")),
            None,
            Some((2, "B")),
        ];
        let want = vec![
            (0usize, 3usize, "A".to_string()),
            (3, 4, "A".into()),
            (5, 6, "B".into()),
        ];
        for scheme in Scheme::ALL {
            let tags = encode(scheme, &marks);
            let parsed: Vec<(char, &str)> = tags.iter().map(|t| parse_tag(t).unwrap()).collect();
            let mut problems = Vec::new();
            let got = decode(
                scheme,
                &parsed,
                &|i| Said::verbatim(format!("t{i}")),
                &mut problems,
            );
            assert_eq!(got, want, "{scheme:?} {tags:?}");
            assert!(problems.is_empty(), "{scheme:?} {problems:?}");
            assert!(tags.iter().all(|t| tag_error(t, scheme).is_none()));
        }
        assert_eq!(
            encode(Scheme::Bmes, &marks),
            vec!["B-A", "M-A", "E-A", "S-A", "O", "S-B"]
        );
        assert_eq!(
            encode(Scheme::Iob1, &marks),
            vec!["I-A", "I-A", "I-A", "B-A", "O", "I-B"]
        );
    }

    #[test]
    fn sloppy_sequences_are_repaired_and_reported() {
        let src = "a\tO\nb\tI-PER\nc\tI-ORG\nd\tO\n";
        let r = read_str(src, &o()).unwrap();
        assert_eq!(
            spans_of(&r.docs[0]),
            vec![(1, 2, "PER".into()), (2, 3, "ORG".into())]
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems[0].en.contains("t.conll: line 2: I-PER after O"));
        assert!(r.problems[1].en.contains("line 3: I-ORG inside a PER span"));
        let bmes = Options {
            scheme: Scheme::Bmes,
            ..o()
        };
        let r = read_str("a\tM-X\nb\tE-X\nc\tE-Y\nd\tB-Z\ne\tO\n", &bmes).unwrap();
        assert_eq!(
            spans_of(&r.docs[0]),
            vec![(0, 2, "X".into()), (2, 3, "Y".into()), (3, 4, "Z".into())]
        );
        assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    }

    #[test]
    fn unknown_and_scheme_invalid_tags_name_the_line() {
        let e = read_str("a\tO\nb\tQ-PER\n", &o()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().contains("unknown tag \"Q-PER\""), "{e}");
        let e = read_str("a\tO\n\nb\tM-PER\n", &o()).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().contains("--scheme bmes"), "{e}");
        let e = read_str("a\tO\nb\n", &o()).unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn real_data_quirks_are_tolerated() {
        // Weibo: digit after the char, .NAM suffix; extra columns; underscores; spaces.
        let src = "现0\tO\n张0\tB-PER.NAM\n三1\tI-PER.NAM\n\nx\tNN\tB_LOC\ny\tNN\tI_LOC\n\n在 O\n";
        let r = read_str(src, &o()).unwrap();
        assert_eq!(r.docs[0].text.text, "现张三\nxy\n在");
        assert_eq!(
            spans_of(&r.docs[0]),
            vec![(1, 3, "PER.NAM".into()), (4, 6, "LOC".into())]
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        // A whitespace token: `␠<TAB>O` and `<TAB>O`.
        let r = read_str("a\tB-X\n \tI-X\nb\tI-X\n\tO\nc\tO\n", &o()).unwrap();
        assert_eq!(r.docs[0].text.text, "a b c");
        assert_eq!(spans_of(&r.docs[0]), vec![(0, 3, "X".into())]);
    }

    #[test]
    fn problems_notes_and_errors_are_worded_in_chinese() {
        let r = read_str("a\tO\nb\tI-PER\n", &o()).unwrap();
        let zh = &r.problems[0].zh;
        assert!(
            zh.ends_with("t.conll：第 2 行：O 之后的 I-PER 开始一个新的 PER 标注（已修正）"),
            "{zh}"
        );
        let bmes = Options {
            scheme: Scheme::Bmes,
            ..o()
        };
        let r = read_str("a\tB-X\nb\tO\n", &bmes).unwrap();
        let zh = &r.problems[0].zh;
        assert!(
            zh.contains("t.conll：第 1 行：此处开始的 X 标注没有以 E-X 或 S-X 结束，在 ")
                && zh.ends_with("t.conll：第 2 行 之前结束"),
            "{zh}"
        );
        let e = read_str("a\tO\nb\tQ-PER\n", &o()).unwrap_err();
        assert_eq!(
            e.message.zh,
            "未知的标记 \"Q-PER\"（标记是 O，或 B-、I-、M-、E-、S- 之一加标签）"
        );
        let e = read_str("a\tM-PER\n", &o()).unwrap_err();
        assert_eq!(
            e.message.zh,
            "标记 \"M-PER\" 不属于 BIO 体系（请用 --scheme bmes）"
        );
        let doc = |id: &str, text: &str| Document {
            meta: crate::model::DocMeta {
                id: id.into(),
                published: None,
                imported_from: None,
            },
            text: crate::model::Text::new(text.to_string()),
            layer: Default::default(),
        };
        let p = Project {
            name: "t".into(),
            schema: Default::default(),
            settings: Default::default(),
            documents: vec![doc("d", "甲\r\n乙"), doc("e", "")],
            annotator: "a".into(),
            dirty_docs: Default::default(),
            project_dirty: false,
            assignments: Default::default(),
        };
        let e = build(&p, &o(), &mut |_, _| true).unwrap().unwrap();
        let zh: Vec<&str> = e.notes.iter().map(|n| n.zh.as_str()).collect();
        assert_eq!(
            zh,
            vec![
                "d：读回的文本会有变化，标注的偏移也随之改变：1 个 CRLF 换行中的 CR",
                "e：没有可写的词元（文本为空）；该文档读不回来",
            ]
        );
    }

    #[test]
    fn docstart_blocks_are_documents() {
        let src = "-DOCSTART- -X- O O\n\na\tB-X\n\n-DOCSTART-\tO\n\nb\tO\nc\tB-Y\n";
        let r = read_str(src, &o()).unwrap();
        assert_eq!(r.docs.len(), 2);
        assert_eq!(r.docs[0].name, "t_1");
        assert_eq!(r.docs[1].text.text, "bc");
        assert_eq!(spans_of(&r.docs[1]), vec![(1, 2, "Y".into())]);
    }

    #[test]
    fn words_join_with_spaces_between_latin_tokens() {
        let (t, starts) = join(
            &[
                "Sebastian",
                "Thrun",
                ",",
                "在",
                "Google",
                "2007",
                "年",
                "self",
                "-",
                "driving",
                ",",
                "“",
                "I",
            ],
            Tokens::Word,
        );
        assert_eq!(t, "Sebastian Thrun,在Google 2007年self-driving, “I");
        assert_eq!(starts[..7], [0, 10, 15, 16, 17, 24, 28]);
    }
}
