//! Event-trigger suggestions: a lexicon per event type, seeded from the schema's type names
//! and grown from a project's accepted events, filtered by context so that a word that is a
//! trigger in one sentence is not proposed everywhere.
//!
//! The context filter is learnt with the lexicon: for each trigger word, how many of its
//! occurrences (at word boundaries) in the learning texts were triggers. A word is proposed
//! only where that share is high enough ([`MIN_SHARE`]), so 宣布 (a trigger in a few of its
//! sentences) stays quiet while 裁员 (a trigger nearly everywhere) is proposed. A trigger comes
//! with arguments where the type's roles accept a label that a nearby entity or figure
//! suggestion has.

use std::collections::{BTreeMap, HashMap};

use crate::model::{CharRange, DocStatus, Layer, Schema, SpanStatus};

use super::segment::Segmenter;

/// The least share of a word's occurrences that were triggers for it to be proposed.
pub const MIN_SHARE: f64 = 0.5;

/// The least probability a trigger tagger's span needs to be proposed when its word is one
/// the share filter turned down (爆炸 seen as a trigger in a few of its many occurrences).
/// Chosen on four folds over DuEE records 0-399 (P 0.716 to 0.728 at the same recall).
pub const SURE_OVER_SHARE: f64 = 0.9;

/// In one sentence, a mention of an event type that the trigger tagger finds less likely than
/// this share of the type's likeliest mention there is not proposed: a sentence mostly reports
/// a type once, and names it again in passing (收到辞职报告，…辞职生效, of which only the
/// second is the event in DuEE; 412 of the 433 types an event of records 0-399 has hold one).
/// Chosen on four folds over DuEE records 0-399, against keeping every mention (P 0.746 R 0.774
/// F1 0.759), the first (P 0.784 R 0.727) and only the likeliest (P 0.789 R 0.732): P 0.770
/// R 0.758 F1 0.764.
pub const LIKELY_AS_THE_BEST: f64 = 0.5;

/// What a trigger tagger says of the text suggestions are made for (nothing, without a tagger).
#[derive(Default)]
pub struct TaggerView<'a> {
    /// The spans it found, with their probability.
    pub spans: Vec<(CharRange, f64)>,
    /// Its probability of each given range of the text being one trigger, in its context.
    pub weigh: Option<&'a dyn Weigh>,
    /// The arguments its argument tagger finds for a trigger, when it has one.
    pub arguments: Option<&'a dyn Arguments>,
}

/// An argument tagger's arguments for a trigger of the text: (role, range, probability).
pub trait Arguments {
    /// The arguments of the event of type `event_type` whose trigger is `trigger`.
    fn arguments(
        &self,
        seg: &Segmenter,
        trigger: CharRange,
        event_type: &str,
    ) -> Vec<(String, CharRange, f64)>;
}

/// A trigger tagger's probability of each given range being one trigger.
pub trait Weigh {
    /// The probability of each of `ranges`.
    fn weigh(&self, ranges: &[CharRange]) -> Vec<f64>;
}

impl<F: Fn(&[CharRange]) -> Vec<f64>> Weigh for F {
    fn weigh(&self, ranges: &[CharRange]) -> Vec<f64> {
        self(ranges)
    }
}

impl<'a> TaggerView<'a> {
    /// Only the spans a tagger found, none weighed.
    pub fn spans(spans: Vec<(CharRange, f64)>) -> Self {
        Self {
            spans,
            weigh: None,
            arguments: None,
        }
    }
}

/// What the lexicon knows of one word.
#[derive(Debug, Clone, Default)]
struct WordStats {
    /// Times it was the trigger of each event type.
    by_type: BTreeMap<String, usize>,
    /// Times it occurred at word boundaries in the learning texts (triggers or not).
    seen: usize,
}

impl WordStats {
    fn tagged(&self) -> usize {
        self.by_type.values().sum()
    }

    /// The type it was most often the trigger of (the first by name on a tie).
    fn best_type(&self) -> Option<&str> {
        self.by_type
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, _)| t.as_str())
    }
}

/// A suggested trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerSuggestion {
    /// Where (chars, end exclusive).
    pub range: CharRange,
    /// The event type.
    pub event_type: String,
    /// The share of the word's occurrences that were triggers (0 to 1); 0 for a word the
    /// lexicon does not know, found by a trigger tagger.
    pub share: f64,
    /// The trigger tagger's probability of the span, when the tagger found it and the
    /// lexicon did not (`None` for the lexicon's own suggestions).
    pub confidence: Option<f64>,
    /// Suggested arguments: (role, range, label) from nearby suggestions the role accepts.
    pub args: Vec<(String, CharRange, String)>,
    /// Of `args`, the ranges an argument tagger found, with its probability of each (the
    /// others are the rules' picks).
    pub tagged: Vec<(CharRange, f64)>,
}

/// Trigger words per event type, with how often each is a trigger where it occurs.
#[derive(Debug, Clone, Default)]
pub struct TriggerLexicon {
    words: HashMap<String, WordStats>,
    /// Per char: how often it stood in a trigger of each event type (for typing a word the
    /// lexicon does not know: 倒塌 takes the type of 坍/垮塌, 获胜 that of 战胜).
    chars: HashMap<char, BTreeMap<String, usize>>,
    /// What the accepted events show of each role: the labels its arguments bear and their
    /// side of the trigger.
    roles: super::roles::RoleEvidence,
}

/// A learning text: the text and its accepted events' (trigger range, event type).
pub type Learnt<'a> = (&'a str, Vec<(CharRange, String)>);

/// What a project's accepted events teach the lexicon, copied out of its layers so that it can
/// go to another thread: each text with its accepted events' (trigger range, event type). The
/// command line (`suggest --project`, every annotator's layer) and the window's Suggest (the
/// open layer) both learn through it.
#[derive(Debug, Clone, Default)]
pub struct Learning {
    texts: Vec<(String, Vec<(CharRange, String)>)>,
    /// The accepted events' arguments, each with the index of its text in `texts`.
    arguments: Vec<(usize, super::roles::LearntArgument)>,
}

impl Learning {
    /// The learning texts of `docs` (text, layer): each annotated text, with the events of
    /// the layer whose trigger is an accepted span. A text is annotated when its layer has
    /// such an event or is marked done or reviewed: there, a word that is not a trigger was
    /// judged not to be one, which is what the share counts. Texts nobody has annotated for
    /// events yet (the one being suggested on, a fresh import) are left out, or they would
    /// lower every word's share as the project grows.
    pub fn from_layers<'a>(docs: impl IntoIterator<Item = (&'a str, &'a Layer)>) -> Self {
        let mut texts = Vec::new();
        let mut arguments = Vec::new();
        for (text, layer) in docs {
            let accepted: Vec<(&crate::model::Event, CharRange)> = layer
                .events
                .iter()
                .filter_map(|e| {
                    let t = layer.span(e.trigger)?;
                    (t.status == SpanStatus::Accepted).then_some((e, t.range))
                })
                .collect();
            let done = matches!(layer.status, DocStatus::Done | DocStatus::Reviewed);
            if !done && accepted.is_empty() {
                continue;
            }
            for (e, trigger) in &accepted {
                for (role, id) in &e.args {
                    if let Some(a) = layer.span(*id)
                        && a.status == SpanStatus::Accepted
                    {
                        arguments.push((
                            texts.len(),
                            super::roles::LearntArgument {
                                event_type: e.event_type.clone(),
                                role: role.clone(),
                                trigger: *trigger,
                                range: a.range,
                                label: a.label.clone(),
                            },
                        ));
                    }
                }
            }
            let events = accepted
                .iter()
                .map(|(e, r)| (*r, e.event_type.clone()))
                .collect();
            texts.push((text.to_string(), events));
        }
        Self { texts, arguments }
    }

    /// The same texts with their accepted events' arguments, each with the index of its text
    /// (as [`Learning::from_layers`] reads them from the layers).
    pub fn with_arguments(mut self, arguments: Vec<(usize, super::roles::LearntArgument)>) -> Self {
        self.arguments = arguments;
        self
    }

    /// Learning texts given directly: each text with its accepted events' (trigger range,
    /// event type).
    pub fn from_texts(texts: Vec<(String, Vec<(CharRange, String)>)>) -> Self {
        Self {
            texts,
            arguments: Vec::new(),
        }
    }

    /// The texts `range` of these (indices into [`Learning::texts`]) with their events and
    /// arguments, the arguments' text indices counted from the first of them: a part to learn
    /// from, or to hold out.
    pub fn part(&self, range: std::ops::Range<usize>) -> Self {
        let range = range.start.min(self.texts.len())..range.end.min(self.texts.len());
        Self {
            texts: self.texts[range.clone()].to_vec(),
            arguments: self
                .arguments
                .iter()
                .filter(|(i, _)| range.contains(i))
                .map(|(i, a)| (i - range.start, a.clone()))
                .collect(),
        }
    }

    /// The accepted events' arguments, each with the index of its text in [`Learning::texts`].
    pub fn arguments(&self) -> &[(usize, super::roles::LearntArgument)] {
        &self.arguments
    }

    /// The learning texts with their accepted events' (trigger range, event type).
    pub fn texts(&self) -> &[(String, Vec<(CharRange, String)>)] {
        &self.texts
    }

    /// A hash of the texts and their events: equal for equal learning (to reuse what was
    /// learnt from it).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (t, e) in &self.texts {
            t.hash(&mut h);
            for (r, ty) in e {
                (r.start, r.end, ty).hash(&mut h);
            }
        }
        for (doc, a) in &self.arguments {
            (doc, &a.event_type, &a.role, a.trigger.start, a.trigger.end).hash(&mut h);
            (a.range.start, a.range.end, &a.label).hash(&mut h);
        }
        h.finish()
    }

    /// How many accepted events it holds.
    pub fn events(&self) -> usize {
        self.texts.iter().map(|(_, e)| e.len()).sum()
    }

    /// The lexicon these texts teach ([`TriggerLexicon::learn`]), with what their events'
    /// arguments show of each role ([`super::roles::RoleEvidence`]).
    pub fn learn(&self, seg: &Segmenter, schema: &Schema) -> TriggerLexicon {
        let docs: Vec<Learnt<'_>> = self
            .texts
            .iter()
            .map(|(t, e)| (t.as_str(), e.clone()))
            .collect();
        let texts: Vec<&str> = self.texts.iter().map(|(t, _)| t.as_str()).collect();
        let mut lex = TriggerLexicon::learn(seg, schema, &docs);
        lex.roles = super::roles::RoleEvidence::learn(seg, schema, &texts, &self.arguments);
        lex
    }
}

impl TriggerLexicon {
    /// Learn from `docs` (texts with their accepted events' triggers), seeded with the
    /// schema's event type keys and Chinese names as triggers of their own type (会议, 签约;
    /// 裁员 for DuEE's 组织关系-裁员).
    pub fn learn(seg: &Segmenter, schema: &Schema, docs: &[Learnt<'_>]) -> Self {
        let mut words: HashMap<String, WordStats> = HashMap::new();
        for t in &schema.events {
            // The name, and in a DuEE name (组织关系-裁员) the part after the class, each
            // alternative of it (出售/收购), and the thesaurus' words for each.
            let tail = t.key.rsplit('-').next().unwrap_or_default();
            let mut names: Vec<&str> = [t.key.as_str(), t.zh.as_str()]
                .into_iter()
                .chain(std::iter::once(tail).chain(tail.split('/')))
                .collect();
            // A tail without alternatives is its only one, a key without a class its tail.
            names.sort_unstable();
            names.dedup();
            let seeds = names.iter().flat_map(|n| {
                std::iter::once(*n).chain(super::event_words::reporting(n.trim()).iter().copied())
            });
            for w in seeds {
                let w = w.trim();
                if w.chars().count() >= 2 && w.chars().all(|c| c.is_alphanumeric()) {
                    let s = words.entry(w.to_string()).or_default();
                    let n = s.by_type.entry(t.key.clone()).or_default();
                    if *n == 0 {
                        *n = 1;
                        s.seen += 1;
                    }
                }
            }
        }
        for (text, events) in docs {
            let chars: Vec<char> = text.chars().collect();
            for (r, ty) in events {
                let (s, e) = (r.start as usize, r.end as usize);
                if s >= e || e > chars.len() {
                    continue;
                }
                let w: String = chars[s..e].iter().collect();
                *words
                    .entry(w)
                    .or_default()
                    .by_type
                    .entry(ty.clone())
                    .or_default() += 1;
            }
        }
        // How often each word occurs at all, in the same texts.
        for (text, _) in docs {
            for (w, _) in occurrences(seg, text, &words) {
                if let Some(s) = words.get_mut(&w) {
                    s.seen += 1;
                }
            }
        }
        let mut chars: HashMap<char, BTreeMap<String, usize>> = HashMap::new();
        for (w, st) in &words {
            for c in w.chars().filter(|c| c.is_alphabetic()) {
                let per = chars.entry(c).or_default();
                for (ty, n) in &st.by_type {
                    *per.entry(ty.clone()).or_default() += n;
                }
            }
        }
        Self {
            words,
            chars,
            roles: super::roles::RoleEvidence::default(),
        }
    }

    /// The event type of `word`: its most frequent type if the lexicon knows it, else the
    /// type its chars vote for (each char's share of trigger occurrences per type, summed),
    /// or `None` when no char of it was ever in a trigger.
    pub fn type_of(&self, word: &str) -> Option<String> {
        if let Some(t) = self.words.get(word).and_then(WordStats::best_type) {
            return Some(t.to_string());
        }
        let mut votes: BTreeMap<&str, f64> = BTreeMap::new();
        for c in word.chars() {
            let Some(per) = self.chars.get(&c) else {
                continue;
            };
            let total: usize = per.values().sum();
            for (ty, n) in per {
                *votes.entry(ty.as_str()).or_default() += *n as f64 / total.max(1) as f64;
            }
        }
        votes
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(t, _)| t.to_string())
    }

    /// How many trigger words it knows.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it knows no trigger word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Triggers in `text`: each known word at word boundaries whose share of trigger
    /// occurrences is at least [`MIN_SHARE`], with its most frequent type. `nearby` are the
    /// text's entity and figure suggestions (range, label): a role of the type that accepts a
    /// label gets the nearest such span in the same sentence.
    pub fn suggest(
        &self,
        seg: &Segmenter,
        schema: &Schema,
        text: &str,
        nearby: &[(CharRange, String)],
    ) -> Vec<TriggerSuggestion> {
        self.suggest_with_share(seg, schema, text, nearby, MIN_SHARE)
    }

    /// [`TriggerLexicon::suggest`] with another least share (0 proposes every occurrence:
    /// the plain lexicon the context filter is measured against).
    pub fn suggest_with_share(
        &self,
        seg: &Segmenter,
        schema: &Schema,
        text: &str,
        nearby: &[(CharRange, String)],
        min_share: f64,
    ) -> Vec<TriggerSuggestion> {
        self.suggest_with(seg, schema, text, nearby, min_share, &TaggerView::default())
    }

    /// [`TriggerLexicon::suggest_with_share`], joined by what a trigger tagger says of
    /// `text` ([`TaggerView`]): each span it found that overlaps no lexicon suggestion is
    /// proposed too, with the type [`TriggerLexicon::type_of`] gives its word; and a type's
    /// mentions in one sentence are weighed against each other ([`LIKELY_AS_THE_BEST`]).
    pub fn suggest_with(
        &self,
        seg: &Segmenter,
        schema: &Schema,
        text: &str,
        nearby: &[(CharRange, String)],
        min_share: f64,
        tagger: &TaggerView<'_>,
    ) -> Vec<TriggerSuggestion> {
        let tagged = &tagger.spans;
        let sentences = super::sentences::split(text);
        let chars: Vec<char> = text.chars().collect();
        // Each candidate: the word, its range, type, share and tagger probability.
        let mut found: Vec<Candidate> = Vec::new();
        for (w, r) in occurrences(seg, text, &self.words) {
            let Some(s) = self.words.get(&w) else {
                continue;
            };
            let tagged = s.tagged();
            let share = tagged as f64 / s.seen.max(tagged).max(1) as f64;
            if share < min_share {
                continue;
            }
            let Some(ty) = s.best_type() else {
                continue;
            };
            found.push((w, r, ty.to_string(), share, None));
        }
        let lexicon_found = found.len();
        for &(r, p) in tagged {
            let (s, e) = (r.start as usize, (r.end as usize).min(chars.len()));
            let overlaps = found[..lexicon_found]
                .iter()
                .any(|(_, o, ..)| o.start < r.end && r.start < o.end);
            if s >= e || overlaps {
                continue;
            }
            let w: String = chars[s..e].iter().collect();
            // A word the share filter turned down stays down: the tagger does not bring back
            // a word the project's texts show is rarely a trigger, unless it is very sure.
            let low_share = self.words.get(&w).is_some_and(|st| {
                let t = st.tagged();
                (t as f64 / st.seen.max(t).max(1) as f64) < min_share
            });
            if low_share && p < SURE_OVER_SHARE {
                continue;
            }
            if let Some(ty) = self.type_of(&w) {
                found.push((w, r, ty, 0.0, Some(p)));
            }
        }
        // A season's tally (4胜2平5负, 9胜1负) counts games; it reports no match of its own.
        let tallies = tallies(&chars);
        found.retain(|(_, r, ..)| !tallies.iter().any(|t| t.start < r.end && r.start < t.end));
        if let Some(weigh) = tagger.weigh {
            found = likeliest_mentions(found, &sentences, weigh);
        }
        // Each suggestion with the word that made it.
        let mut out: Vec<(String, TriggerSuggestion)> = Vec::new();
        if found.is_empty() {
            return Vec::new();
        }
        // Times as whole expressions, for the roles that take a time (one more jieba pass
        // over the text, so only when there is an event to fill).
        let nearby = &super::roles::with_time_expressions(seg, schema, text, nearby);
        for (w, r, ty, share, confidence) in found {
            let ty = ty.as_str();
            let sentence = sentences
                .iter()
                .copied()
                .find(|x| x.start <= r.start && r.end <= x.end)
                .unwrap_or(CharRange::new(0, u32::MAX));
            // The spans that start in the sentence (`nearby` is sorted by range).
            let lo = nearby.partition_point(|(a, _)| a.start < sentence.start);
            let hi = nearby
                .partition_point(|(a, _)| a.start < sentence.end)
                .max(lo);
            let picked = super::roles::arguments(
                schema,
                ty,
                r,
                sentence,
                &chars,
                &nearby[lo..hi],
                &self.roles,
            );
            // The argument tagger's spans first, then the rules' picks for the roles it left
            // empty, over chars it did not take.
            let found = tagger
                .arguments
                .map(|a| a.arguments(seg, r, ty))
                .unwrap_or_default();
            let probability: Vec<(CharRange, f64)> =
                found.iter().map(|(_, x, p)| (*x, *p)).collect();
            let mut args = super::roles::tagged_arguments(schema, ty, found, nearby);
            let tagged: Vec<(CharRange, f64)> = probability
                .into_iter()
                .filter(|(x, _)| args.iter().any(|(_, y, _)| y == x))
                .collect();
            for (role, x, label) in picked {
                let taken = args
                    .iter()
                    .any(|(o, y, _)| *o == role || (y.start < x.end && x.start < y.end));
                if !taken {
                    args.push((role, x, label));
                }
            }
            let event_type = ty.to_string();
            out.push((
                w,
                TriggerSuggestion {
                    range: r,
                    event_type,
                    share,
                    confidence,
                    args,
                    tagged,
                },
            ));
        }
        if out.is_empty() {
            return Vec::new();
        }
        out.sort_by_key(|(_, t)| (t.range.start, t.range.end));
        // The headline's copy of a trigger the article's body reports again is not an event
        // of its own (docs/guidelines.md: one event per happening, in the body).
        let heads: Vec<(u32, u32, u32)> = super::structure::analyse(text)
            .articles
            .iter()
            .flat_map(|a| {
                a.parts
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.kind,
                            super::structure::PartKind::Headline
                                | super::structure::PartKind::Kicker
                                | super::structure::PartKind::Subhead
                        )
                    })
                    .map(move |p| (p.start, p.end, a.end))
            })
            .collect();
        let copy = |w: &str, t: &TriggerSuggestion| {
            heads.iter().any(|&(hs, he, article_end)| {
                hs <= t.range.start
                    && t.range.end <= he
                    && out.iter().any(|(ow, o)| {
                        o.event_type == t.event_type
                            && o.range.start >= he
                            && o.range.end <= article_end
                            && ow == w
                    })
            })
        };
        let copies: Vec<bool> = out.iter().map(|(w, t)| copy(w, t)).collect();
        out.into_iter()
            .zip(copies)
            .filter(|(_, copy)| !copy)
            .map(|((_, t), _)| t)
            .collect()
    }
}

/// A candidate trigger: its word, range, type, share and the tagger's probability.
type Candidate = (String, CharRange, String, f64, Option<f64>);

/// `found` without the mentions of a type in a sentence that `weigh` (the tagger's probability
/// of ranges) finds less than [`LIKELY_AS_THE_BEST`] as likely as the type's likeliest there.
/// Only the sentences where a type has two mentions or more are weighed.
fn likeliest_mentions(
    found: Vec<Candidate>,
    sentences: &[CharRange],
    weigh: &dyn Weigh,
) -> Vec<Candidate> {
    let sentence_of = |r: &CharRange| {
        sentences
            .iter()
            .position(|x| x.start <= r.start && r.end <= x.end)
    };
    let keys: Vec<(Option<usize>, &str)> = found
        .iter()
        .map(|(_, r, ty, ..)| (sentence_of(r), ty.as_str()))
        .collect();
    let shared: Vec<usize> = (0..found.len())
        .filter(|&i| keys.iter().filter(|k| **k == keys[i]).count() > 1)
        .collect();
    if shared.is_empty() {
        return found;
    }
    let ranges: Vec<CharRange> = shared.iter().map(|&i| found[i].1).collect();
    let probs = weigh.weigh(&ranges);
    let prob = |i: usize| {
        shared
            .iter()
            .position(|&j| j == i)
            .and_then(|k| probs.get(k).copied())
    };
    let keep: Vec<bool> = (0..found.len())
        .map(|i| {
            let Some(p) = prob(i) else {
                return true;
            };
            let best = shared
                .iter()
                .filter(|&&j| keys[j] == keys[i])
                .filter_map(|&j| prob(j))
                .fold(0.0, f64::max);
            p >= best * LIKELY_AS_THE_BEST
        })
        .collect();
    found
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// The known words of `words` in `text` where a word starts and ends at jieba word
/// boundaries, longest first and not overlapping: (word, range).
fn occurrences(
    seg: &Segmenter,
    text: &str,
    words: &HashMap<String, WordStats>,
) -> Vec<(String, CharRange)> {
    let bounds = seg.word_boundaries(text);
    let chars: Vec<char> = text.chars().collect();
    let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(0);
    let is_bound = |p: usize| bounds.binary_search(&(p as u32)).is_ok();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let mut found = None;
        if is_bound(k) {
            for n in (1..=longest.min(chars.len() - k)).rev() {
                if !is_bound(k + n) {
                    continue;
                }
                let w: String = chars[k..k + n].iter().collect();
                if words.contains_key(&w) {
                    found = Some((w, n));
                    break;
                }
            }
        }
        match found {
            Some((w, n)) => {
                out.push((w, CharRange::new(k as u32, (k + n) as u32)));
                k += n;
            }
            None => k += 1,
        }
    }
    out
}

/// The results a tally gives per game: won, drawn, lost.
const TALLY_RESULTS: &str = "胜平负败";

/// Tallies of games in `chars`: two or more counts each followed by a result
/// ([`TALLY_RESULTS`]), one after the other (4胜2平5负, ９胜１负, 三胜一负).
fn tallies(chars: &[char]) -> Vec<CharRange> {
    use crate::zh::numerals::{digit_value, unit_power};
    let is_count = |c: char| digit_value(c).is_some() || unit_power(c).is_some();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let mut parts = 0;
        let mut k = i;
        loop {
            let mut e = k;
            while e < chars.len() && is_count(chars[e]) {
                e += 1;
            }
            if e == k || e >= chars.len() || !TALLY_RESULTS.contains(chars[e]) {
                break;
            }
            parts += 1;
            k = e + 1;
        }
        if parts >= 2 {
            out.push(CharRange::new(start as u32, k as u32));
            i = k;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_of_games_are_found_and_a_single_result_is_not_one() {
        let at = |t: &str| {
            let chars: Vec<char> = t.chars().collect();
            tallies(&chars)
                .into_iter()
                .map(|r| {
                    chars[r.start as usize..r.end as usize]
                        .iter()
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(at("他们以4胜2平5负排名第九"), vec!["4胜2平5负"]);
        assert_eq!(at("以９胜１负的战绩出线"), vec!["９胜１负"]);
        assert_eq!(at("三胜一负"), vec!["三胜一负"]);
        assert_eq!(at("战绩十二胜〇负"), vec!["十二胜〇负"]);
        assert!(at("以3比1胜出").is_empty());
        assert!(at("主队2负于客队").is_empty());
    }

    fn r(s: u32, e: u32) -> CharRange {
        CharRange::new(s, e)
    }

    #[test]
    fn a_word_that_is_a_trigger_where_it_occurs_is_proposed_and_one_that_is_not_stays_quiet() {
        let seg = Segmenter::new();
        let schema = Schema::default();
        let docs: Vec<Learnt<'_>> = vec![
            ("公司宣布裁员三百人。", vec![(r(4, 6), "裁员".to_string())]),
            ("工厂裁员了。", vec![(r(2, 4), "裁员".to_string())]),
            ("他宣布了结果。", vec![]),
            ("公司宣布上市。", vec![(r(4, 6), "上市".to_string())]),
            ("政府宣布放假。", vec![]),
        ];
        let lex = TriggerLexicon::learn(&seg, &schema, &docs);
        let got = lex.suggest(&seg, &schema, "银行宣布裁员。", &[]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].range, r(4, 6));
        assert_eq!(got[0].event_type, "裁员");
        assert!((got[0].share - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_tagged_span_the_lexicon_lacks_joins_with_the_type_its_chars_vote_for() {
        let seg = Segmenter::new();
        let schema = Schema::default();
        let docs: Vec<Learnt<'_>> = vec![
            ("主队战胜了客队。", vec![(r(2, 4), "胜负".to_string())]),
            ("他们击败了对手。", vec![(r(2, 4), "胜负".to_string())]),
            ("大楼垮塌了。", vec![(r(2, 4), "垮塌".to_string())]),
        ];
        let lex = TriggerLexicon::learn(&seg, &schema, &docs);
        assert_eq!(lex.type_of("战胜").as_deref(), Some("胜负"));
        // 获 is in no trigger, 胜 only in 战胜; 倒 in none, 塌 in 垮塌.
        assert_eq!(lex.type_of("获胜").as_deref(), Some("胜负"));
        assert_eq!(lex.type_of("倒塌").as_deref(), Some("垮塌"));
        assert_eq!(lex.type_of("宣布"), None);
        let text = "主队战胜客队，随后获胜，看台倒塌，他宣布退役。";
        // The tagger's spans: 获胜 and 倒塌 (new), 战胜 (the lexicon's own), 宣布 (no type).
        let tagged = [
            (r(9, 11), 0.8),
            (r(14, 16), 0.6),
            (r(2, 4), 0.9),
            (r(18, 20), 0.7),
        ];
        let got = lex.suggest_with(
            &seg,
            &schema,
            text,
            &[],
            MIN_SHARE,
            &TaggerView::spans(tagged.to_vec()),
        );
        let seen: Vec<(u32, &str, Option<f64>)> = got
            .iter()
            .map(|t| (t.range.start, t.event_type.as_str(), t.confidence))
            .collect();
        assert_eq!(
            seen,
            [
                (2, "胜负", None),
                (9, "胜负", Some(0.8)),
                (14, "垮塌", Some(0.6))
            ]
        );
    }

    #[test]
    fn a_type_named_again_in_a_sentence_is_proposed_where_the_tagger_finds_it_likelier() {
        let seg = Segmenter::new();
        let schema = Schema::default();
        let docs: Vec<Learnt<'_>> = vec![
            ("他已辞职。", vec![(r(3, 5), "离职".to_string())]),
            ("她辞职了。", vec![(r(1, 3), "离职".to_string())]),
        ];
        let lex = TriggerLexicon::learn(&seg, &schema, &docs);
        // Two mentions of 辞职 in the first sentence, one in the second.
        let text = "公司收到他的辞职申请，辞职即日生效。她也辞职了。";
        let starts = |weights: &[f64]| {
            let weights = weights.to_vec();
            let asked = std::cell::RefCell::new(Vec::new());
            let weigh = |rs: &[CharRange]| {
                asked.borrow_mut().extend_from_slice(rs);
                rs.iter()
                    .map(|x| weights[x.start as usize / 10])
                    .collect::<Vec<f64>>()
            };
            let view = TaggerView {
                spans: Vec::new(),
                weigh: Some(&weigh),
                arguments: None,
            };
            let got: Vec<u32> = lex
                .suggest_with(&seg, &schema, text, &[], MIN_SHARE, &view)
                .iter()
                .map(|t| t.range.start)
                .collect();
            // Only the sentence where the type is named twice is weighed.
            assert_eq!(asked.into_inner(), [r(6, 8), r(11, 13)]);
            got
        };
        let all = lex.suggest(&seg, &schema, text, &[]);
        assert_eq!(all.len(), 3, "{all:?}");
        // Weights by tens of chars: 辞职申请 at 6, 辞职即日生效 at 11.
        assert_eq!(
            starts(&[0.1, 0.8, 0.9]),
            [11, 20],
            "the application is not the event"
        );
        assert_eq!(starts(&[0.9, 0.1, 0.9]), [6, 20]);
        assert_eq!(
            starts(&[0.5, 0.8, 0.9]),
            [6, 11, 20],
            "at least half as likely as the likeliest stays"
        );
    }

    #[test]
    fn the_tagger_does_not_bring_back_a_word_the_share_filter_turned_down() {
        let seg = Segmenter::new();
        let schema = Schema::default();
        // 爆炸 was a trigger in one of its three occurrences: its share is under MIN_SHARE.
        let docs: Vec<Learnt<'_>> = vec![
            ("工厂昨天爆炸了。", vec![(r(4, 6), "爆炸".to_string())]),
            ("知识爆炸，人人学习。", vec![]),
            ("信息爆炸的时代。", vec![]),
        ];
        let lex = TriggerLexicon::learn(&seg, &schema, &docs);
        let text = "仓库昨天爆炸了。";
        assert!(lex.suggest(&seg, &schema, text, &[]).is_empty());
        let unsure = lex.suggest_with(
            &seg,
            &schema,
            text,
            &[],
            MIN_SHARE,
            &TaggerView::spans(vec![(r(4, 6), 0.6)]),
        );
        assert!(unsure.is_empty(), "{unsure:?}");
        let sure = lex.suggest_with(
            &seg,
            &schema,
            text,
            &[],
            MIN_SHARE,
            &TaggerView::spans(vec![(r(4, 6), 0.95)]),
        );
        assert_eq!(sure.len(), 1, "{sure:?}");
        assert_eq!(sure[0].event_type, "爆炸");
    }

    #[test]
    fn the_schema_seeds_the_lexicon_and_roles_take_nearby_spans_they_accept() {
        let seg = Segmenter::new();
        let schema = Schema::default_bulletin();
        let lex = TriggerLexicon::learn(&seg, &schema, &[]);
        assert!(!lex.is_empty());
        let text = "甘肃省总工会10月19日举办培训班。";
        let nearby = vec![(r(0, 6), "ORG".to_string()), (r(6, 12), "DATE".to_string())];
        let got = lex.suggest(&seg, &schema, text, &nearby);
        let t = got
            .iter()
            .find(|t| t.event_type == "举办")
            .expect("举办 proposed");
        assert_eq!(t.range, r(12, 14));
        assert!(
            t.args
                .contains(&("主体".to_string(), r(0, 6), "ORG".to_string()))
        );
        assert!(
            t.args
                .contains(&("时间".to_string(), r(6, 12), "DATE".to_string()))
        );
    }

    /// An argument tagger's spans come first, labelled as the rules' span over the same
    /// chars or as a bare ARG; the rules' picks fill the roles it left empty, on chars it did
    /// not take; a span for a role the type lacks, or one the role cannot take, is left out.
    #[test]
    fn the_argument_tagger_s_spans_come_first_and_the_rules_fill_the_rest() {
        let seg = Segmenter::new();
        let schema = Schema::default_bulletin();
        let lex = TriggerLexicon::learn(&seg, &schema, &[]);
        let text = "甘肃省总工会10月19日在兰州市体育中心举办培训班。";
        let nearby = vec![
            (r(0, 6), "ORG".to_string()),
            (r(6, 12), "DATE".to_string()),
            (r(13, 16), "LOC".to_string()),
        ];
        let tagged = |_: CharRange, ty: &str| -> Vec<(String, CharRange, f64)> {
            assert_eq!(ty, "举办");
            vec![
                // A phrase no rule gives: a bare ARG.
                ("地点".into(), r(13, 20), 0.8),
                // The rules' span over the same chars: its label.
                ("主体".into(), r(0, 6), 0.9),
                ("没有的角色".into(), r(22, 25), 0.9),
            ]
        };
        struct Fake<F>(F);
        impl<F: Fn(CharRange, &str) -> Vec<(String, CharRange, f64)>> Arguments for Fake<F> {
            fn arguments(
                &self,
                _: &Segmenter,
                trigger: CharRange,
                event_type: &str,
            ) -> Vec<(String, CharRange, f64)> {
                (self.0)(trigger, event_type)
            }
        }
        let fake = Fake(tagged);
        let view = TaggerView {
            spans: Vec::new(),
            weigh: None,
            arguments: Some(&fake),
        };
        let got = lex.suggest_with(&seg, &schema, text, &nearby, MIN_SHARE, &view);
        let t = got
            .iter()
            .find(|t| t.event_type == "举办")
            .expect("举办 proposed");
        let mut args = t.args.clone();
        args.sort();
        assert_eq!(
            args,
            vec![
                ("主体".to_string(), r(0, 6), "ORG".to_string()),
                ("地点".to_string(), r(13, 20), "ARG".to_string()),
                ("时间".to_string(), r(6, 12), "DATE".to_string()),
            ],
            "the rules' 兰州市 lies inside the tagger's place, and 时间 is theirs"
        );
        // What the tagger found, with its probability, for the window and the command line.
        assert_eq!(t.tagged, vec![(r(13, 20), 0.8), (r(0, 6), 0.9)]);
    }

    #[test]
    fn the_thesaurus_seeds_words_reporting_a_types_event_until_the_texts_say_otherwise() {
        let seg = Segmenter::new();
        let mut schema = Schema::default_bulletin();
        let mut death = schema.events[0].clone();
        death.key = "人生-死亡".into();
        death.zh = "死亡".into();
        death.roles.clear();
        schema.events = vec![death];
        let text = "老人昨天在家中去世。";
        let lex = TriggerLexicon::learn(&seg, &schema, &[]);
        let got = lex.suggest(&seg, &schema, text, &[]);
        assert_eq!(
            got.iter()
                .map(|t| (t.range, t.event_type.as_str()))
                .collect::<Vec<_>>(),
            [(r(7, 9), "人生-死亡")]
        );
        // Texts where 去世 is said and no event was accepted on it turn the word down.
        let quiet: Vec<Learnt<'_>> = (0..4).map(|_| ("他说老人去世了。", Vec::new())).collect();
        let lex = TriggerLexicon::learn(&seg, &schema, &quiet);
        assert!(lex.suggest(&seg, &schema, text, &[]).is_empty());
    }

    #[test]
    fn a_headline_copy_of_a_trigger_the_body_reports_is_not_proposed() {
        let seg = Segmenter::new();
        let schema = Schema::default_bulletin();
        let lex = TriggerLexicon::learn(&seg, &schema, &[]);
        let text =
            "市总工会举办职工技能大赛\n\n10月25日，市总工会在市体育中心举办第三届职工技能大赛。\n";
        let got = lex.suggest(&seg, &schema, text, &[]);
        let at: Vec<u32> = got
            .iter()
            .filter(|t| t.event_type == "举办")
            .map(|t| t.range.start)
            .collect();
        assert_eq!(at, [31], "{got:?}");
    }

    #[test]
    fn the_subject_of_a_with_b_is_a() {
        let seg = Segmenter::new();
        let schema = Schema::default_bulletin();
        let lex = TriggerLexicon::learn(&seg, &schema, &[]);
        let text = "市总工会与海南电网签约。";
        let nearby = vec![(r(0, 4), "ORG".to_string()), (r(5, 9), "ORG".to_string())];
        let got = lex.suggest(&seg, &schema, text, &nearby);
        let t = got
            .iter()
            .find(|t| t.event_type == "签约")
            .expect("签约 proposed");
        assert_eq!(t.args[0], ("主体".to_string(), r(0, 4), "ORG".to_string()));
        assert_eq!(t.args[1].1, r(5, 9));
    }

    #[test]
    fn learning_takes_the_accepted_arguments_of_accepted_events() {
        use crate::model::{Event, EventId, Span, SpanId, SpanKind};
        let mut layer = Layer::new();
        layer.insert_span(Span::new(SpanId(1), r(2, 4), SpanKind::Trigger, "签约"));
        layer.insert_span(Span::new(SpanId(2), r(0, 2), SpanKind::Entity, "ORG"));
        let mut pending = Span::new(SpanId(3), r(5, 7), SpanKind::Entity, "DATE");
        pending.status = SpanStatus::Pending;
        layer.insert_span(pending);
        layer.insert_event(Event {
            id: EventId(1),
            event_type: "签约".into(),
            trigger: SpanId(1),
            args: vec![("主体".into(), SpanId(2)), ("时间".into(), SpanId(3))],
            unsure: false,
            note: None,
        });
        let l = Learning::from_layers([
            ("华为签约，今天。", &Layer::new()),
            ("双方签约，今天。", &layer),
        ]);
        assert_eq!(
            l.arguments,
            vec![(
                0,
                super::super::roles::LearntArgument {
                    event_type: "签约".into(),
                    role: "主体".into(),
                    trigger: r(2, 4),
                    range: r(0, 2),
                    label: "ORG".into(),
                }
            )],
            "the accepted argument of the annotated text (the first text, unannotated, is left out)"
        );
    }

    #[test]
    fn learning_takes_the_events_whose_trigger_is_accepted_and_the_annotated_texts() {
        use crate::model::{Event, EventId, Span, SpanId, SpanKind};
        let event = |id, trigger| Event {
            id: EventId(id),
            event_type: "签约".into(),
            trigger: SpanId(trigger),
            args: Vec::new(),
            unsure: false,
            note: None,
        };
        let mut pending = Span::new(SpanId(2), r(0, 2), SpanKind::Trigger, "签约");
        pending.status = SpanStatus::Pending;
        let accepted = Span::new(SpanId(1), r(2, 4), SpanKind::Trigger, "签约");
        let mut layer = Layer::new();
        layer.insert_span(accepted);
        layer.insert_span(pending);
        layer.insert_event(event(1, 1));
        layer.insert_event(event(2, 2));
        let fresh = Layer::new();
        let mut done = Layer::new();
        done.status = DocStatus::Done;
        let (seg, schema) = (Segmenter::new(), Schema::default_bulletin());
        let share = |l: &Learning| {
            l.learn(&seg, &schema)
                .suggest_with_share(&seg, &schema, "今天签约。", &[], 0.0)
                .iter()
                .find(|t| t.event_type == "签约")
                .map(|t| t.share)
        };
        let alone = Learning::from_layers([("双方签约。", &layer)]);
        // The pending trigger's event does not teach.
        assert_eq!(alone.events(), 1);
        // A text nobody has annotated changes nothing; one marked done without events
        // counts 签约's occurrences that were not triggers.
        let with_fresh = Learning::from_layers([
            ("双方签约。", &layer),
            ("他们签约了。", &fresh),
            ("我们签约了。", &fresh),
        ]);
        let with_done = Learning::from_layers([
            ("双方签约。", &layer),
            ("他们签约了。", &done),
            ("我们签约了。", &done),
        ]);
        let (a, f, d) = (share(&alone), share(&with_fresh), share(&with_done));
        assert!(a.is_some() && f == a, "{a:?} {f:?}");
        assert!(d.is_some_and(|d| a.is_some_and(|a| d < a)), "{d:?} {a:?}");
    }
}
