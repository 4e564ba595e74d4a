//! What the tagger sees of each char: the char and its neighbours (±2) with bigrams, char
//! classes, the jieba word it sits in (B/M/E/S and POS tag, the word itself, its neighbours'
//! tags, a user-dictionary word), a one-char place's neighbours, the rules' cue words (a
//! title before, a speech verb after, an organisation suffix, a title or form of address
//! after), schema hits (the figure recogniser's spans, by kind), the rules' entity
//! suggestions and the project's gazetteer.
//!
//! Each attribute is a 64-bit FNV-1a hash of a template number and its parts, so extracting
//! them allocates no strings and the model file stores hashes, not text. Change
//! [`FEATURE_VERSION`] whenever an attribute changes: a model trained with other features is
//! refused rather than silently misread. A unit test holds each version's fingerprint (the
//! attributes of a fixed text) and fails when they change while the version stays.

use std::collections::{HashMap, HashSet};

use crate::zh::segment::Segmenter;
use crate::zh::suggest::{
    ADDRESS_AFTER, OFFICE_AFTER, ORG_SUFFIXES, PERSON_AFTER, PERSON_BEFORE, TITLE_AFTER,
};

/// The version of the attributes below. A model file records the version it was trained with.
/// 4: session 18 corrected the tags of some 250 more common words jieba tags `ns`.
/// 5: session 20's rules, which the attributes read, tag a place's government as the place
/// (美国政府: 美国 LOC, no longer an ORG) and take a body's units into its name, and the
/// lexicon retags common words jieba tags `nt` (音乐会, 人民法院) as nouns.
/// 6: session 21's rules take rare words jieba tags `ns` (沙山, 天南地北) for no place and
/// rare two-char `nr` words with an uncommon surname (甘甜, 农忙) for no name.
/// 7: and end a body at a works, restaurant or credit co-operative (机械厂, 酒家, 信用社),
/// with a firm's name jieba tags nr before it (金田 机械厂).
/// 8: session 22's rules know more titles (总统, 教练, 选手…), tag the surname of 徐先生 or
/// 李大妈, take loan names jieba tags nr (克林顿) after a title, and know the planets and
/// some regions abroad as places, stadiums, airports, parks and squares as venues, and a
/// ministry after a one-char country as one body (美司法部); a word before a title or a form
/// of address (克林顿 总统, 徐 先生, 孔 经理) is a cue of its own; a region's 地区 is left out.
/// 9: and take a minister's ministry (美国 财政部长: 美国财政部) and an international body
/// opened by 国际 (国际羊毛局) as bodies.
/// 10: session 25's rules know 50 more surnames (傅, 萧, 阎, 尉, 洪…), which the surname
/// attribute and the rules' person names read; more titles before a name (参谋长, 政委,
/// 校长…) and after it (上将, 将军), which the cue bits read; a leader named by surname and
/// office (江主席, 李 总理) as the surname; China's ministries, commissions, mass bodies and
/// large state firms by their short names (教育部, 民盟, 鞍钢) and 中国人民解放军 as bodies;
/// famous names that are frequent words to jieba (孙权, 鲁迅, 马克思) as people; a foreign
/// leader right after the office (秘书长 安南, 总统 库马拉通加) as a person, whatever jieba
/// tags the name; one of the 100 most common surnames before an adjective or date word
/// (江 宏伟) as a name.
/// 11: session 26's rules no longer spread a surname alone (江 of 江主席) to the other
/// places its char stands in the text (大江, 江边).
/// 12: and jieba's tags of verbs of amount (高达 nr, 多达 nrt) and dateline ends (日讯 nz,
/// 日电 j) are corrected, so they are no names and open no organisation.
/// 13: and 江水, 江堤, 江畔 (jieba: ns) are common words.
/// 14: session 27 gives a char that can stand alone for a place (中, 美, 俄…) its neighbours
/// as attributes shared by all such chars.
/// 15: and the one-char places take in 墨 菲 荷 葡 希 瑞 芬 挪 匈 捷 缅 柬 (中墨两国).
/// 16: session 28 flags the chars of a sentence about sport, with their word's tag (a
/// country is a team there: 中国选手).
/// 17: and the rules take 阿 尼 马 土 乌 罗 for places beside another in a pair (中阿两国)
/// and, once the text names the country in full, alone (尼日利亚 … 在尼注册).
pub const FEATURE_VERSION: u32 = 17;

/// Stand-ins for the chars before the start and after the end of a sentence.
const BOS: u32 = 0x11_0000;
const EOS: u32 = 0x11_0001;

/// A stable hash of an attribute built outside this module: `template` (200 and up, so as
/// not to meet one of this module's) and its parts.
pub(crate) fn attribute(template: u32, parts: &[u32]) -> u64 {
    hash(template, parts)
}

/// Each item's attributes (hashes) as attribute ids of `dict`, numbering the new ones in the
/// order they come (training builds its attribute table so).
pub(crate) fn numbered(attrs: Vec<Vec<u64>>, dict: &mut AttrMap) -> Vec<Vec<u32>> {
    attrs
        .into_iter()
        .map(|a| {
            a.into_iter()
                .map(|h| {
                    let n = dict.len() as u32;
                    *dict.entry(h).or_insert(n)
                })
                .collect()
        })
        .collect()
}

/// A string as attribute parts.
pub(crate) fn string_parts(s: &str) -> Vec<u32> {
    str_parts(s)
}

/// A stable 64-bit FNV-1a hash of a template number and parts.
fn hash(template: u32, parts: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |v: u32| {
        for b in v.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(template);
    eat(parts.len() as u32);
    for &p in parts {
        eat(p);
    }
    h
}

/// A hasher for keys that are already hashes (of `hash`): one multiply spreads their bits,
/// where the standard SipHash would cost more than the lookup itself (the tagger looks up
/// some thirty attributes for every char).
#[derive(Debug, Default, Clone, Copy)]
pub struct PrehashedKey(u64);

impl std::hash::Hasher for PrehashedKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map from attribute hashes (of `hash`) to attribute ids.
pub type AttrMap = HashMap<u64, u32, std::hash::BuildHasherDefault<PrehashedKey>>;

/// A string as parts for [`hash`].
fn str_parts(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

/// The class of a char: Han, digit (ASCII or full-width), Latin letter, punctuation, other.
fn class(c: char) -> u32 {
    match c {
        '0'..='9' | '０'..='９' => 1,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => 2,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '〇' | '○' => 3,
        c if c.is_whitespace() => 4,
        c if c.is_alphanumeric() => 5,
        _ => 6,
    }
}

/// Where a char sits in a unit (word, rule match, gazetteer match).
const B: u32 = 1;
const M: u32 = 2;
const E: u32 = 3;
const S: u32 = 4;

fn position(i: usize, start: usize, end: usize) -> u32 {
    if end - start == 1 {
        S
    } else if i == start {
        B
    } else if i + 1 == end {
        E
    } else {
        M
    }
}

/// Strings the project accepted as entities, with the label they were given and the
/// documents they were given it in, so a document's own spans can be left out of its
/// features when training (otherwise the model learns to trust the gazetteer completely).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// string → (label → (documents that have it, the first such document)).
    entries: HashMap<String, HashMap<String, (u32, usize)>>,
    max_len: usize,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that document `doc` has `surface` accepted as `label` (once per document is
    /// enough; repeats within a document are ignored by the caller or counted once here).
    pub fn add(&mut self, surface: &str, label: &str, doc: usize) {
        let n = surface.chars().count();
        if !(2..=16).contains(&n) {
            return;
        }
        self.max_len = self.max_len.max(n);
        let e = self
            .entries
            .entry(surface.to_string())
            .or_default()
            .entry(label.to_string())
            .or_insert((0, doc));
        if e.0 == 0 || e.1 != doc {
            e.0 += 1;
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no string.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The label `s` is known by, seen from document `own` (whose own entries do not count).
    fn label_of(&self, s: &str, own: Option<usize>) -> Option<&str> {
        let labels = self.entries.get(s)?;
        labels
            .iter()
            .filter(|(_, (n, first))| *n >= 2 || Some(*first) != own)
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0)))
            .map(|(l, _)| l.as_str())
    }

    /// Longest matches, left to right, without overlaps: (start, end, label).
    fn matches(&self, chars: &[char], own: Option<usize>) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        if self.entries.is_empty() {
            return out;
        }
        let mut i = 0;
        let mut buf = String::new();
        while i < chars.len() {
            let mut found = None;
            let top = self.max_len.min(chars.len() - i);
            for len in (2..=top).rev() {
                buf.clear();
                buf.extend(&chars[i..i + len]);
                if let Some(l) = self.label_of(&buf, own) {
                    found = Some((len, l.to_string()));
                    break;
                }
            }
            match found {
                Some((len, l)) => {
                    out.push((i, i + len, l));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// What is known of each char of a whole text before it is cut into sentences.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Per char: hashed attributes from the jieba word and the rules.
    words: Vec<Vec<u64>>,
    /// Per char: hashed attributes from the gazetteer.
    gazetteer: Vec<Vec<u64>>,
    /// The char ranges of the words of three chars or more that jieba's dictionary gives as
    /// a fixed expression (`l`) or an idiom (`i`): 发展中国家, 重于泰山. No name sits inside
    /// one, though the chars of a name may (中国 of 发展中国家). In text order.
    fixed: Vec<std::ops::Range<usize>>,
    /// The rules' spans of the kinds they are surest of, for names only: places from the
    /// news rules (中 and 美 of 中美关系, 华 of 访华); bodies of two chars that are one word
    /// jieba (or the lexicon) tags `nt` (欧盟), and bodies the lexicon knows by name
    /// (世贸组织); people the lexicon knows by name (邓小平). The tagger adds them where
    /// its own path found nothing ([`crate::learn::model::settle`]): on the two tuning parts
    /// of MSRA most were right, more than the CRF's own spans are.
    sure: Vec<Sure>,
    /// All the rules' entity spans, for names only, in text order.
    rules: Vec<(std::ops::Range<usize>, String)>,
    /// The length of the longest of `rules`.
    longest_rule: usize,
}

/// A span of the rules' surest kinds ([`Hints::sure`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sure {
    /// Its chars.
    pub range: std::ops::Range<usize>,
    /// Its label.
    pub label: String,
    /// Whether it is a name the lexicon knows (世贸组织, 邓小平): one entity, so a span
    /// inside it (欧洲 of 欧洲央行) is no entity of its own.
    pub known: bool,
}

/// Which attributes a model uses: chars and classes only (`Plain`, a plain character CRF,
/// the baseline the learning curve compares with), with words, rules and gazetteer (`Full`,
/// the entity tagger), or all of those but what is for names (`Events`, the trigger tagger):
/// the sentence-about-sport flag tells a team from its country, and a name never sits
/// inside a fixed expression, but a trigger may (both cost the trigger tagger on four folds
/// over DuEE records 0-399).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeatureSet {
    /// Chars ±2, bigrams, char classes.
    Plain,
    /// Everything.
    #[default]
    Full,
    /// Everything but what is for names only.
    Events,
}

impl FeatureSet {
    /// Its number in the model file.
    pub fn code(self) -> u32 {
        match self {
            FeatureSet::Plain => 0,
            FeatureSet::Full => 1,
            FeatureSet::Events => 2,
        }
    }

    /// From its number in the model file.
    pub fn from_code(c: u32) -> Option<Self> {
        match c {
            0 => Some(FeatureSet::Plain),
            1 => Some(FeatureSet::Full),
            2 => Some(FeatureSet::Events),
            _ => None,
        }
    }
}

impl Hints {
    /// The word and rule attributes of every char of `text` (`chars` are its chars); none
    /// for the plain feature set.
    pub fn of(set: FeatureSet, seg: &Segmenter, text: &str, chars: &[char]) -> Self {
        match set {
            FeatureSet::Plain => Self {
                words: vec![Vec::new(); chars.len()],
                gazetteer: vec![Vec::new(); chars.len()],
                fixed: Vec::new(),
                sure: Vec::new(),
                rules: Vec::new(),
                longest_rule: 0,
            },
            FeatureSet::Full => Self::words_and_rules(seg, text, chars),
            FeatureSet::Events => Self::words_and_rules_with(seg, text, chars, false),
        }
    }

    /// The word and rule attributes of every char of `text` (`chars` are its chars).
    pub fn words_and_rules(seg: &Segmenter, text: &str, chars: &[char]) -> Self {
        Self::words_and_rules_with(seg, text, chars, true)
    }

    /// [`Hints::words_and_rules`], for names (`names`: with the sport flag and the fixed
    /// expressions no name sits inside) or for triggers (without: a trigger may sit inside
    /// an idiom).
    fn words_and_rules_with(seg: &Segmenter, text: &str, chars: &[char], names: bool) -> Self {
        let n = chars.len();
        let mut extra: Vec<Vec<u64>> = vec![Vec::with_capacity(12); n];
        let user: HashSet<String> = seg
            .user_words()
            .iter()
            .filter_map(|l| crate::zh::segment::parse_dict_line(l).map(|(w, _, _)| w))
            .collect();
        let words = seg.tag(text);
        let tags: Vec<u32> = words.iter().map(|w| tag_id(w.tag)).collect();
        // The rules' cue lists, asked once a word: a title ends it, it is a speech verb, an
        // organisation suffix ends it.
        let titled: Vec<bool> = words
            .iter()
            .map(|w| PERSON_BEFORE.iter().any(|t| w.word.ends_with(t)))
            .collect();
        let speech: Vec<bool> = words
            .iter()
            .map(|w| PERSON_AFTER.contains(&w.word))
            .collect();
        let addressed: Vec<bool> = words
            .iter()
            .map(|w| {
                TITLE_AFTER.contains(&w.word)
                    || ADDRESS_AFTER.contains(&w.word)
                    || OFFICE_AFTER.contains(&w.word)
            })
            .collect();
        let org_end: Vec<bool> = words
            .iter()
            .map(|w| ORG_SUFFIXES.iter().any(|t| w.word.ends_with(t)))
            .collect();
        for (k, w) in words.iter().enumerate() {
            let (s, e) = (w.start.min(n), w.end.min(n));
            if s >= e {
                continue;
            }
            let prev = if k > 0 { tags[k - 1] } else { 0 };
            let next = tags.get(k + 1).copied().unwrap_or(0);
            let len = (e - s).min(6) as u32;
            let wh = str_parts(w.word);
            let is_user = user.contains(w.word);
            let abbreviations = e - s >= 2
                && chars[s..e]
                    .iter()
                    .all(|c| crate::zh::suggest::ONE_CHAR_PLACES.contains(*c));
            // The rules' cue lists: a title before, a speech verb after, an organisation
            // suffix after or ending the word.
            let before = |v: &[bool]| k.checked_sub(1).is_some_and(|j| v[j]);
            let after = |v: &[bool]| v.get(k + 1).copied().unwrap_or(false);
            let cues = [
                before(&titled),
                after(&speech),
                after(&org_end),
                org_end[k],
                after(&addressed),
            ];
            let cue = cues
                .iter()
                .enumerate()
                .fold(0u32, |acc, (b, on)| acc | (u32::from(*on) << b));
            for (i, slot) in extra.iter_mut().enumerate().take(e).skip(s) {
                let p = position(i, s, e);
                slot.push(hash(20, &[p, tags[k]]));
                slot.push(hash(21, &[p]));
                slot.push(hash(22, &[tags[k]]));
                slot.push(hash(23, &[prev, tags[k]]));
                slot.push(hash(24, &[tags[k], next]));
                slot.push(hash(25, &[p, len]));
                let mut word = vec![p];
                word.extend(&wh);
                slot.push(hash(26, &word));
                if is_user {
                    slot.push(hash(27, &[p]));
                }
                if abbreviations {
                    slot.push(hash(32, &[]));
                }
                if cue != 0 {
                    slot.push(hash(36, &[p, cue]));
                }
            }
        }
        // Dictionary words on any path, not only the one jieba chose: the longest that
        // starts and the longest that ends at each char.
        let mut starts = vec![0u32; n];
        let mut ends = vec![0u32; n];
        let mut dict_tags: HashMap<&str, u32> = HashMap::new();
        for w in seg.jieba().cut_all(text) {
            let (s, e) = (w.start.min(n), w.end.min(n));
            if e > s + 1 {
                let len = (e - s).min(6) as u32;
                starts[s] = starts[s].max(len);
                ends[e - 1] = ends[e - 1].max(len);
                // The word's own tag in the dictionary, when it names something.
                let tag = *dict_tags.entry(w.word).or_insert_with(|| {
                    let t = seg.tag_word(w.word);
                    match t.as_slice() {
                        [one] if matches!(one.tag, "nr" | "ns" | "nt" | "nz" | "nrt" | "nrfg") => {
                            tag_id(one.tag)
                        }
                        _ => 0,
                    }
                });
                if tag != 0 {
                    for (i, slot) in extra.iter_mut().enumerate().take(e).skip(s) {
                        slot.push(hash(33, &[position(i, s, e), tag]));
                    }
                }
            }
        }
        // Surname and transliteration chars, looked up in sets (the lists are long strings).
        let surnames: HashSet<char> = crate::zh::suggest::SURNAMES.chars().collect();
        let transliterating: HashSet<char> = crate::zh::suggest::TRANSLIT.chars().collect();
        let in_translit: Vec<bool> = chars.iter().map(|c| transliterating.contains(c)).collect();
        for (i, slot) in extra.iter_mut().enumerate() {
            slot.push(hash(28, &[starts[i], ends[i]]));
            let surname = surnames.contains(&chars[i]);
            let translit = |j: usize| in_translit.get(j).copied().unwrap_or(false);
            let t = [
                i.checked_sub(1).is_some_and(translit),
                translit(i),
                translit(i + 1),
            ];
            slot.push(hash(
                29,
                &[
                    u32::from(surname),
                    u32::from(t[0]),
                    u32::from(t[1]),
                    u32::from(t[2]),
                ],
            ));
        }
        // A char that can stand alone for a place (中 of 中方, 俄 of 俄美两国), with its
        // neighbours in the text: the contexts are pooled over all such chars, so what the
        // training text shows of 中 and 美 carries over to 俄 and 澳, which it hardly holds.
        let places: Vec<bool> = chars
            .iter()
            .map(|c| crate::zh::suggest::ONE_CHAR_PLACES.contains(*c))
            .collect();
        let is_place = |j: Option<usize>| j.and_then(|j| places.get(j)).is_some_and(|p| *p);
        for (i, slot) in extra.iter_mut().enumerate() {
            if !is_place(Some(i)) {
                continue;
            }
            let prev = i.checked_sub(1).map_or(BOS, |j| u32::from(chars[j]));
            let next = chars.get(i + 1).map_or(EOS, |c| u32::from(*c));
            slot.push(hash(42, &[prev]));
            slot.push(hash(43, &[next]));
            slot.push(hash(
                44,
                &[
                    u32::from(is_place(i.checked_sub(1))),
                    u32::from(is_place(Some(i + 1))),
                ],
            ));
        }
        // A sentence about sport: there a country is often a team (中国选手, 中国李雪梅), which
        // MSRA and many schemas tag as an organisation. The flag goes with the jieba tag of
        // each char's word, so 中国 (ns) in such a sentence is told from one elsewhere.
        let mut sport = vec![false; n];
        let mut start = 0;
        for i in 0..=n {
            if i == n || matches!(chars[i], '。' | '！' | '？' | '\n' | '；') {
                let s: String = chars[start..i].iter().collect();
                if names
                    && crate::zh::lexicon::SPORT_WORDS
                        .iter()
                        .any(|w| s.contains(w))
                {
                    for x in &mut sport[start..i] {
                        *x = true;
                    }
                }
                start = i + 1;
            }
        }
        for (k, w) in words.iter().enumerate() {
            let (s, e) = (w.start.min(n), w.end.min(n));
            for (i, slot) in extra.iter_mut().enumerate().take(e).skip(s) {
                if sport[i] {
                    slot.push(hash(50, &[position(i, s, e), tags[k]]));
                }
            }
        }
        let mut sure = Vec::new();
        let mut rules = Vec::new();
        for s in crate::zh::suggest::entities_read_by_taggers(seg, text) {
            let (a, b) = (s.range.start as usize, (s.range.end as usize).min(n));
            mark_span(&mut extra, a, b, &str_parts(&s.label), 30, Some(31));
            // jieba's words come in text order: the one starting at `a`, if any.
            let one_nt_word = || {
                b == a + 2
                    && words
                        .get(words.partition_point(|w| w.start < a))
                        .is_some_and(|w| w.start == a && w.end == b && w.tag == "nt")
            };
            if names && a < b {
                rules.push((a..b, s.label.clone()));
            }
            if !names || a >= b {
                continue;
            }
            let w: String = chars[a..b].iter().collect();
            let rule = s.origin == crate::zh::suggest::Origin::Rule;
            let known = match s.label.as_str() {
                "ORG" => rule && crate::zh::lexicon::is_known_organisation(&w),
                "PER" => crate::zh::lexicon::is_famous_person(&w),
                _ => false,
            };
            let surest = match s.label.as_str() {
                "LOC" => rule,
                "ORG" => rule && one_nt_word(),
                _ => false,
            };
            if known || surest {
                sure.push(Sure {
                    range: a..b,
                    label: s.label,
                    known,
                });
            }
        }
        // Schema hits: the figure recogniser's spans with their kind (a date or an amount is
        // not a name, and a name often stands right before or after one).
        for f in crate::zh::suggest::figures(text, None) {
            let (a, b) = (f.range.start as usize, (f.range.end as usize).min(n));
            let label = str_parts(&f.label);
            mark_span(&mut extra, a, b, &label, 37, None);
            if let Some(slot) = a.checked_sub(1).and_then(|i| extra.get_mut(i)) {
                slot.push(hash(38, &label));
            }
            if let Some(slot) = extra.get_mut(b) {
                slot.push(hash(39, &label));
            }
        }
        let fixed = words
            .iter()
            .filter(|w| names && matches!(w.tag, "l" | "i") && w.end.min(n) >= w.start + 3)
            .map(|w| w.start..w.end.min(n))
            .collect();
        Self {
            words: extra,
            gazetteer: vec![Vec::new(); n],
            fixed,
            sure,
            longest_rule: rules.iter().map(|(r, _)| r.len()).max().unwrap_or(0),
            rules: {
                // In text order, for `rules_differ`.
                rules.sort_by_key(|(r, _)| (r.start, r.end));
                rules
            },
        }
    }

    /// Whether chars `start..end` lie inside a fixed expression or an idiom without being
    /// all of it (中国 of 发展中国家): no name can.
    pub fn inside_fixed(&self, start: usize, end: usize) -> bool {
        // jieba's words do not overlap and come in order: only the last that starts at or
        // before `start` can hold the span.
        let i = self.fixed.partition_point(|w| w.start <= start);
        i.checked_sub(1)
            .map(|i| &self.fixed[i])
            .is_some_and(|w| end <= w.end && (w.start, w.end) != (start, end))
    }

    /// The rules' spans (their suggestions for the text's entities), by start, then end.
    pub fn rule_spans(&self) -> &[(std::ops::Range<usize>, String)] {
        &self.rules
    }

    /// The rules' surest spans (see the field), in text order.
    pub fn sure(&self) -> &[Sure] {
        &self.sure
    }

    /// Whether the rules give chars `start..end` otherwise than as one span labelled
    /// `label`: a span of theirs overlaps it and is not the same.
    pub fn rules_differ(&self, start: usize, end: usize, label: &str) -> bool {
        // In text order: from the first that may reach `start` (none is longer than the
        // longest) to the last that starts before `end`.
        let first = self
            .rules
            .partition_point(|(r, _)| r.start + self.longest_rule <= start);
        let mut over = self.rules[first..]
            .iter()
            .take_while(|(r, _)| r.start < end)
            .filter(|(r, _)| start < r.end)
            .peekable();
        over.peek().is_some() && !over.any(|(r, l)| (r.start, r.end) == (start, end) && l == label)
    }

    /// Sets the gazetteer attributes: matches of `gazetteer` in `chars`, leaving out the
    /// entries of document `own` when training.
    pub fn set_gazetteer(&mut self, gazetteer: &Gazetteer, chars: &[char], own: Option<usize>) {
        if self.words.iter().all(Vec::is_empty) {
            // The plain feature set: no gazetteer either.
            return;
        }
        for g in &mut self.gazetteer {
            g.clear();
        }
        self.gazetteer.resize(chars.len(), Vec::new());
        for (a, b, label) in gazetteer.matches(chars, own) {
            // When training, half the matches (chosen by a hash, so training is repeatable)
            // are hidden: otherwise the model learns that a known string is an entity and
            // nothing about the context, and proposes nothing it has not seen.
            if let Some(doc) = own
                && hash(99, &[doc as u32, a as u32]).is_multiple_of(2)
            {
                continue;
            }
            mark_span(&mut self.gazetteer, a, b, &str_parts(&label), 40, Some(41));
        }
    }
}

/// Marks chars `a..b` of `slots` as inside a span labelled `label`: the char's place in the
/// span with the label (template `placed`), and the label alone (template `alone`, if any).
fn mark_span(
    slots: &mut [Vec<u64>],
    a: usize,
    b: usize,
    label: &[u32],
    placed: u32,
    alone: Option<u32>,
) {
    for (i, slot) in slots.iter_mut().enumerate().take(b).skip(a) {
        let mut parts = vec![position(i, a, b)];
        parts.extend(label);
        slot.push(hash(placed, &parts));
        if let Some(t) = alone {
            slot.push(hash(t, label));
        }
    }
}

/// A small stable number for a jieba POS tag (its first two chars).
fn tag_id(tag: &str) -> u32 {
    let mut v = 0u32;
    for c in tag.chars().take(3) {
        v = v * 128 + (u32::from(c) & 0x7f);
    }
    v + 1
}

/// The attributes of each char of `chars[range]`, as hashes.
pub fn sentence(chars: &[char], hints: &Hints, range: std::ops::Range<usize>) -> Vec<Vec<u64>> {
    let at = |i: isize| -> u32 {
        if i < range.start as isize {
            BOS
        } else if i >= range.end as isize {
            EOS
        } else {
            u32::from(chars[i as usize])
        }
    };
    let cls = |i: isize| -> u32 {
        if i < range.start as isize || i >= range.end as isize {
            0
        } else {
            class(chars[i as usize])
        }
    };
    let mut out = Vec::with_capacity(range.len());
    for i in range.clone() {
        let i = i as isize;
        let mut a = Vec::with_capacity(32);
        a.push(hash(0, &[]));
        for d in -2..=2isize {
            a.push(hash((3 + d) as u32, &[at(i + d)]));
        }
        for d in -2..=1isize {
            a.push(hash((10 + d) as u32, &[at(i + d), at(i + d + 1)]));
        }
        a.push(hash(13, &[at(i - 1), at(i + 1)]));
        a.push(hash(14, &[cls(i)]));
        a.push(hash(15, &[cls(i - 1), cls(i), cls(i + 1)]));
        if let Some(h) = hints.words.get(i as usize) {
            a.extend(h);
        }
        if let Some(h) = hints.gazetteer.get(i as usize) {
            a.extend(h);
        }
        out.push(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes' fingerprint for each feature version: a hash of every attribute of
    /// [`FINGERPRINT_TEXT`] under each feature set, with a gazetteer.
    const FINGERPRINTS: [(u32, u64); 1] = [(17, 0x123c_0d0c_0fc1_165f)];

    /// Sentences that go through the paths the attributes read: names with titles and
    /// speech verbs, loan names, bodies and their suffixes, one-char places in pairs,
    /// sport, figures in full-width and Chinese digits, a fixed expression, clubs by
    /// nickname, a name jieba glues to a preposition.
    const FINGERPRINT_TEXT: &str = "新华社北京１月５日电　国务院总理李鹏今天在人民大会堂会见了美国国务卿奥尔布赖特。\
        中美两国外长表示，双方将加强合作。江主席说，发展中国家的经济增长了百分之八。\
        中国选手李雪梅以２比１战胜日本队，获得女单冠军。雄鹿队以108比102战胜火箭队，阿杜对球队贡献很大。\
        北京市人才服务中心和中国银行上海分行今年招聘三千人。尼日利亚政府……在尼注册的公司有二○○一家。";

    /// The fingerprint of every attribute of [`FINGERPRINT_TEXT`].
    fn fingerprint() -> u64 {
        let seg = Segmenter::new();
        let chars: Vec<char> = FINGERPRINT_TEXT.chars().collect();
        let mut g = Gazetteer::new();
        g.add("人民大会堂", "LOC", 0);
        g.add("李雪梅", "PER", 1);
        let mut parts = Vec::new();
        for set in [FeatureSet::Plain, FeatureSet::Full, FeatureSet::Events] {
            let mut hints = Hints::of(set, &seg, FINGERPRINT_TEXT, &chars);
            for own in [None, Some(0)] {
                hints.set_gazetteer(&g, &chars, own);
                for mut char_attrs in sentence(&chars, &hints, 0..chars.len()) {
                    // Their order is the extraction's, not the model's.
                    char_attrs.sort_unstable();
                    parts.push(char_attrs.len() as u32);
                    for a in char_attrs {
                        parts.extend([a as u32, (a >> 32) as u32]);
                    }
                }
            }
        }
        hash(0, &parts)
    }

    /// A saved model is read by the attributes' hashes: if they change while
    /// [`FEATURE_VERSION`] stays, a model trained before is loaded and silently misread
    /// (rules the attributes read, jieba's tags, the templates all count).
    #[test]
    fn the_attributes_change_only_with_the_feature_version() {
        let now = fingerprint();
        let known = FINGERPRINTS
            .iter()
            .find(|(v, _)| *v == FEATURE_VERSION)
            .map(|(_, f)| *f);
        assert_eq!(
            known,
            Some(now),
            "the attributes of feature version {FEATURE_VERSION} are {now:#x}: if they changed, \
             raise FEATURE_VERSION and add its fingerprint to FINGERPRINTS"
        );
    }

    #[test]
    fn a_document_does_not_see_its_own_gazetteer_entries() {
        let mut g = Gazetteer::new();
        g.add("华为公司", "ORG", 0);
        g.add("张三", "PER", 0);
        g.add("张三", "PER", 1);
        let chars: Vec<char> = "张三在华为公司".chars().collect();
        let own = g.matches(&chars, Some(0));
        assert_eq!(own, vec![(0, 2, "PER".to_string())]);
        let other = g.matches(&chars, Some(2));
        assert_eq!(other.len(), 2);
        assert_eq!(other[1], (3, 7, "ORG".to_string()));
    }

    #[test]
    fn a_one_char_place_shares_its_context_with_the_others() {
        let seg = Segmenter::new();
        let attrs = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            let h = Hints::words_and_rules(&seg, text, &chars);
            h.words[0].iter().copied().collect::<HashSet<u64>>()
        };
        // 俄 (Russia) and 中 before 方 share the place's context; 红 (no place) has none of it.
        let (russia, china, red) = (attrs("俄方表示"), attrs("中方表示"), attrs("红方表示"));
        let next = hash(43, &[u32::from('方')]);
        assert!(russia.contains(&next) && china.contains(&next));
        assert!(!red.contains(&next));
        assert!(russia.contains(&hash(44, &[0, 0])));
        assert!(attrs("俄美两国").contains(&hash(44, &[0, 1])));
    }

    #[test]
    fn no_name_sits_inside_a_fixed_expression_but_a_trigger_may() {
        let seg = Segmenter::new();
        let text = "发展中国家的经济增长。";
        let chars: Vec<char> = text.chars().collect();
        let names = Hints::of(FeatureSet::Full, &seg, text, &chars);
        // 中国 of 发展中国家 (jieba: l) is no place; the whole expression is not ruled out,
        // nor is a span that runs past it.
        assert!(names.inside_fixed(2, 4));
        assert!(!names.inside_fixed(0, 5));
        assert!(!names.inside_fixed(3, 7));
        assert!(!names.inside_fixed(6, 8));
        let triggers = Hints::of(FeatureSet::Events, &seg, text, &chars);
        assert!(!triggers.inside_fixed(2, 4));
    }

    #[test]
    fn a_sentence_about_sport_is_flagged_and_the_next_one_is_not() {
        let seg = Segmenter::new();
        let text = "中国选手李雪梅夺冠。中国经济增长。";
        let chars: Vec<char> = text.chars().collect();
        let h = Hints::words_and_rules(&seg, text, &chars);
        let flagged = |i: usize| {
            let tags: Vec<u32> = seg.tag(text).iter().map(|w| tag_id(w.tag)).collect();
            (0..7)
                .flat_map(|p| tags.iter().map(move |t| hash(50, &[p, *t])))
                .any(|a| h.words[i].contains(&a))
        };
        // 中 of the first sentence (选手, 夺冠) carries the flag; 中 of the second does not.
        assert!(flagged(0));
        assert!(!flagged(10));
        // The trigger tagger's feature set has everything else, and no flag.
        let events = Hints::of(FeatureSet::Events, &seg, text, &chars);
        let flag_free = |i: usize| {
            h.words[i]
                .iter()
                .filter(|a| !events.words[i].contains(a))
                .count()
        };
        assert!(flag_free(0) > 0, "the flag is left out");
        assert!(events.words[0].iter().all(|a| h.words[0].contains(a)));
        assert_eq!(events.words[10], h.words[10]);
        assert_eq!(
            FeatureSet::from_code(FeatureSet::Events.code()),
            Some(FeatureSet::Events)
        );
    }

    #[test]
    fn attributes_depend_on_the_neighbours_and_not_on_the_text_outside_the_sentence() {
        let seg = Segmenter::new();
        let text = "甲乙。张三来了。";
        let chars: Vec<char> = text.chars().collect();
        let h = Hints::words_and_rules(&seg, text, &chars);
        let s = sentence(&chars, &h, 3..8);
        assert_eq!(s.len(), 5);
        // The first char of a sentence sees the sentence start, not the previous sentence.
        let alone = "张三来了。";
        let ac: Vec<char> = alone.chars().collect();
        let ah = Hints::words_and_rules(&seg, alone, &ac);
        let a = sentence(&ac, &ah, 0..5);
        assert_eq!(s[0][..12], a[0][..12]);
        assert_ne!(s[0][..12], s[1][..12]);
    }
}
