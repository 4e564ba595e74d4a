//! An argument tagger: a CRF that, given an event's trigger and type, tags the spans of the
//! text around it with the roles they fill. DuEE's arguments are phrases more often than
//! names (四川达州某小区, 公司执行董事区绍江, 世界女排联赛中国江门站第二轮), which picking among
//! the rules' spans cannot find; the tagger learns their bounds from the project's accepted
//! arguments. Its arguments come first in
//! [`crate::zh::triggers::TriggerLexicon::suggest_with`]; the rules' picks
//! ([`crate::zh::roles::arguments`]) fill the roles it leaves empty.
//!
//! Each char carries the entity tagger's attributes of its window (chars, words, the rules'
//! spans, with whole time expressions) and where it stands from the trigger: its side, how
//! far (bucketed), how many clause marks lie between, each also with the event type, its
//! word's tag and its char. The labels are role classes per event type: 时间, 地点, then the
//! type's other roles in the order the accepted arguments first showed them, at most
//! [`CLASSES`] in all, so one CRF of few labels serves every type.
//!
//! On four folds over DuEE records 0-399 (learning from three quarters, scoring the fourth,
//! given the gold triggers), role + exact span F1 0.309 with the rules' picks alone, 0.423
//! with the tagger first and the picks after.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::model::{CharRange, Schema};
use crate::zh::segment::Segmenter;
use crate::zh::triggers::Learning;

use super::crf::{self, Instance, TrainParams};
use super::features::{self, AttrMap, FeatureSet, Hints, attribute, string_parts};
use super::model::{EntityModel, num_tags, span_tags, spans_of};

/// The fewest accepted arguments the tagger is trained on.
pub const MIN_ARGUMENTS: usize = 50;

/// How many role classes an event type's roles fall in: 时间, 地点 and five others; a type's
/// roles past the seventh share the last class.
pub const CLASSES: usize = 7;

/// How far (chars) the window around a trigger reaches either way before it is widened to
/// whole sentences.
pub const REACH: usize = 60;

/// The role names of the first two classes.
const TIME: &str = "时间";
const PLACE: &str = "地点";

/// The labels of the CRF, one per class; the prefix names the attributes' version, so that a
/// tagger saved with other attributes is refused ([`ArgumentTagger::from_parts`]).
fn class_labels() -> Vec<String> {
    (0..CLASSES).map(|k| format!("arg1:{k}")).collect()
}

/// The role classes of each event type: 时间, 地点, then its other roles.
pub type RoleClasses = BTreeMap<String, Vec<String>>;

/// A trained argument tagger.
#[derive(Debug, Clone)]
pub struct ArgumentTagger {
    model: EntityModel,
    /// Per event type, its roles by class (index = class).
    roles: RoleClasses,
}

/// One training event: its text's index, trigger, type and arguments (role, range).
type Accepted<'a> = (usize, CharRange, &'a str, Vec<(&'a str, CharRange)>);

impl ArgumentTagger {
    /// Trains on `learning`'s accepted events and their arguments; `None` with fewer than
    /// [`MIN_ARGUMENTS`] arguments, or when training finds nothing to learn or is stopped
    /// (`keep_going` is asked after each iteration).
    pub fn train(
        seg: &Segmenter,
        learning: &Learning,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Option<Self> {
        let args = learning.arguments();
        if args.len() < MIN_ARGUMENTS {
            return None;
        }
        // The events with their arguments, in the order the arguments come.
        let mut events: Vec<Accepted<'_>> = Vec::new();
        let mut roles: RoleClasses = BTreeMap::new();
        for (doc, a) in args {
            let classes = roles
                .entry(a.event_type.clone())
                .or_insert_with(|| vec![TIME.to_string(), PLACE.to_string()]);
            if !classes.contains(&a.role) {
                classes.push(a.role.clone());
            }
            match events
                .iter_mut()
                .find(|e| e.0 == *doc && e.1 == a.trigger && e.2 == a.event_type.as_str())
            {
                Some(e) => e.3.push((a.role.as_str(), a.range)),
                None => events.push((
                    *doc,
                    a.trigger,
                    a.event_type.as_str(),
                    vec![(a.role.as_str(), a.range)],
                )),
            }
        }
        let texts = learning.texts();
        let mut dict = AttrMap::default();
        let mut data = Vec::new();
        let mut windows: HashMap<(usize, usize, usize), Window> = HashMap::new();
        for (doc, trigger, ty, args) in &events {
            let Some((text, _)) = texts.get(*doc) else {
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            let range = window(&chars, *trigger);
            let w = windows
                .entry((*doc, range.start, range.end))
                .or_insert_with(|| Window::read(seg, &chars, range.clone()));
            let Some(attrs) = w.attributes(*trigger, ty) else {
                continue;
            };
            let classes = &roles[*ty];
            let mut labels = vec![0u16; range.len()];
            for (role, r) in args {
                let Some(k) = classes.iter().position(|c| c == role) else {
                    continue;
                };
                let (s, e) = (r.start as usize, r.end as usize);
                if s < range.start || e > range.end || s >= e {
                    continue;
                }
                let (s, e) = (s - range.start, e - range.start);
                if labels[s..e].iter().any(|t| *t != 0) {
                    continue;
                }
                labels[s..e].copy_from_slice(&span_tags(k.min(CLASSES - 1), e - s));
            }
            let items = features::numbered(attrs, &mut dict);
            data.push(Instance { items, labels });
        }
        let crf = crf::train(
            &data,
            dict.len(),
            num_tags(CLASSES),
            TrainParams::default(),
            &mut |_| keep_going(),
        )
        .ok()?;
        let model = EntityModel::new(class_labels(), dict, crf, FeatureSet::Events);
        Some(Self { model, roles })
    }

    /// A tagger from a saved model and its role classes; `None` when the model was trained
    /// with other attributes or labels than these.
    pub fn from_parts(model: EntityModel, roles: RoleClasses) -> Option<Self> {
        (model.labels == class_labels()).then_some(Self { model, roles })
    }

    /// The CRF, to be saved.
    pub fn model(&self) -> &EntityModel {
        &self.model
    }

    /// The role classes of each event type, to be saved beside the model.
    pub fn role_classes(&self) -> &RoleClasses {
        &self.roles
    }

    /// The arguments of the event of type `event_type` whose trigger is `trigger` in the text
    /// of `chars`: (role, range, the CRF's probability of the span), one span per role.
    pub fn arguments(
        &self,
        seg: &Segmenter,
        chars: &[char],
        trigger: CharRange,
        event_type: &str,
    ) -> Vec<(String, CharRange, f64)> {
        self.arguments_in(seg, chars, trigger, event_type, &Windows::default())
    }

    /// [`ArgumentTagger::arguments`], reading each window of the text once for all the
    /// triggers in it (`windows` keeps them for one text).
    pub fn arguments_in(
        &self,
        seg: &Segmenter,
        chars: &[char],
        trigger: CharRange,
        event_type: &str,
        windows: &Windows,
    ) -> Vec<(String, CharRange, f64)> {
        let Some(classes) = self.roles.get(event_type) else {
            return Vec::new();
        };
        let range = window(chars, trigger);
        let w = windows.get(seg, chars, range.clone());
        let Some(attrs) = w.attributes(trigger, event_type) else {
            return Vec::new();
        };
        let (path, lat) = self.model.path_of(&attrs);
        let mut out: Vec<(String, CharRange, f64)> = Vec::new();
        for (s, e, k) in spans_of(&path) {
            // The last class is shared by a type's roles past the seventh: it names the first.
            let Some(role) = classes.get(k) else {
                continue;
            };
            let p = lat.path_probability(s, &span_tags(k, e - s), None);
            let r = CharRange::new((range.start + s) as u32, (range.start + e) as u32);
            match out.iter_mut().find(|(o, ..)| o == role) {
                Some(o) if o.2 < p => *o = (role.clone(), r, p),
                Some(_) => {}
                None => out.push((role.clone(), r, p)),
            }
        }
        out
    }
}

/// The chars around `trigger` the tagger reads: those within [`REACH`] of it, widened to
/// whole sentences.
fn window(chars: &[char], trigger: CharRange) -> Range<usize> {
    let n = chars.len();
    let (ts, te) = (
        (trigger.start as usize).min(n),
        (trigger.end as usize).min(n),
    );
    let lo = ts.saturating_sub(REACH);
    let hi = (te + REACH).min(n);
    let sentences = crate::zh::sentences::split_chars(chars);
    let start = sentences
        .iter()
        .find(|s| (s.start as usize) <= lo && lo < s.end as usize)
        .map_or(lo, |s| s.start as usize)
        .min(ts);
    let end = sentences
        .iter()
        .find(|s| (s.start as usize) < hi && hi <= s.end as usize)
        .map_or(hi, |s| s.end as usize)
        .max(te);
    start..end
}

/// The windows of one text already read ([`ArgumentTagger::arguments_in`]).
#[derive(Default)]
pub struct Windows(std::cell::RefCell<HashMap<(usize, usize), std::rc::Rc<Window>>>);

impl Windows {
    /// The window `range` of `chars`, read now or before.
    fn get(&self, seg: &Segmenter, chars: &[char], range: Range<usize>) -> std::rc::Rc<Window> {
        let key = (range.start, range.end);
        if let Some(w) = self.0.borrow().get(&key) {
            return w.clone();
        }
        let w = std::rc::Rc::new(Window::read(seg, chars, range));
        self.0.borrow_mut().insert(key, w.clone());
        w
    }
}

/// A window's chars with what is known of them before a trigger is placed.
struct Window {
    /// Where it starts in the text.
    at: usize,
    /// Its chars.
    chars: Vec<char>,
    /// The entity tagger's attributes of each char, with the rules' spans and whole time
    /// expressions marked.
    base: Vec<Vec<u64>>,
    /// The jieba tag of each char's word.
    tags: Vec<u32>,
}

impl Window {
    fn read(seg: &Segmenter, chars: &[char], range: Range<usize>) -> Self {
        let own: Vec<char> = chars[range.clone()].to_vec();
        let text: String = own.iter().collect();
        let hints = Hints::of(FeatureSet::Events, seg, &text, &own);
        let mut base = features::sentence(&own, &hints, 0..own.len());
        // The rules' entities and figures, and times as whole expressions (7月25日下午).
        let mut nearby: Vec<(CharRange, String)> =
            crate::zh::suggest::entities_read_by_taggers(seg, &text)
                .into_iter()
                .chain(crate::zh::suggest::figures(&text, None))
                .map(|s| (s.range, s.label))
                .collect();
        nearby.sort();
        nearby.dedup();
        let schema = Schema::default_bulletin();
        for (r, label) in crate::zh::roles::with_time_expressions(seg, &schema, &text, &nearby) {
            let (s, e) = (r.start as usize, (r.end as usize).min(own.len()));
            let label = string_parts(&label);
            for (i, slot) in base.iter_mut().enumerate().take(e).skip(s) {
                let mut parts = vec![place(i, s, e)];
                parts.extend(&label);
                slot.push(attribute(200, &parts));
            }
        }
        let mut tags = vec![0u32; own.len()];
        for w in seg.tag(&text) {
            let id = string_parts(w.tag).iter().fold(0u32, |a, c| a * 131 + c) + 1;
            for t in tags.iter_mut().take(w.end.min(own.len())).skip(w.start) {
                *t = id;
            }
        }
        Self {
            at: range.start,
            chars: own,
            base,
            tags,
        }
    }

    /// Each char's attributes for an event of type `ty` whose trigger is `trigger` (text
    /// offsets); `None` when the trigger is not inside the window.
    fn attributes(&self, trigger: CharRange, ty: &str) -> Option<Vec<Vec<u64>>> {
        let n = self.chars.len();
        let ts = (trigger.start as usize).checked_sub(self.at)?;
        let te = (trigger.end as usize).checked_sub(self.at)?;
        if te > n || ts >= te {
            return None;
        }
        let ty = string_parts(ty);
        let word: Vec<u32> = self.chars[ts..te].iter().map(|c| u32::from(*c)).collect();
        // Clause marks before each char, to count those between a char and the trigger.
        let mut marks = vec![0u32; n + 1];
        for (i, c) in self.chars.iter().enumerate() {
            let mark = matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';' | '：');
            marks[i + 1] = marks[i] + u32::from(mark);
        }
        let with_type = |template: u32, parts: &[u32]| {
            let mut v = ty.clone();
            v.push(u32::MAX);
            v.extend(parts);
            attribute(template, &v)
        };
        Some(
            (0..n)
                .map(|i| {
                    let mut a = self.base[i].clone();
                    let (side, d, between) = if i < ts {
                        (0, ts - i, marks[ts] - marks[i])
                    } else if i >= te {
                        (2, i + 1 - te, marks[i] - marks[te])
                    } else {
                        (1, 0, 0)
                    };
                    let b = bucket(d);
                    let between = between.min(2);
                    let tag = self.tags[i];
                    let c = u32::from(self.chars[i]);
                    a.push(attribute(201, &[side, b]));
                    a.push(attribute(202, &[side, between]));
                    a.push(attribute(203, &[side, between, b]));
                    a.push(attribute(204, &[side, tag]));
                    a.push(with_type(205, &[side, b]));
                    a.push(with_type(206, &[side, between]));
                    a.push(with_type(207, &[side, tag]));
                    a.push(with_type(208, &[side, c]));
                    let mut w = word.clone();
                    w.push(u32::MAX);
                    w.push(side);
                    a.push(attribute(209, &w));
                    a
                })
                .collect(),
        )
    }
}

/// A distance in chars, bucketed: 0 (inside), 1, 2, 3-4, 5-8, 9-16, 17-32, more.
fn bucket(d: usize) -> u32 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

/// Where char `i` sits in a span `s..e`: 1 begins, 2 inside, 3 ends, 4 alone.
fn place(i: usize, s: usize, e: usize) -> u32 {
    if e - s == 1 {
        4
    } else if i == s {
        1
    } else if i + 1 == e {
        3
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zh::roles::LearntArgument;

    /// Made-up signings: "<firm>与<partner>在<city><venue>签约": the place is a phrase (city and
    /// venue), the partner a name after 与.
    fn learning(n: usize) -> Learning {
        let firms = ["华光公司", "东方银行", "远大集团", "新星工厂", "长江电器"];
        let partners = ["红星厂", "蓝天所", "金桥社", "白云店", "青山院", "绿洲馆"];
        let places = ["上海", "广州", "成都", "西安", "南京", "武汉", "天津"];
        let venues = ["会展中心", "国际酒店", "市政大楼"];
        let mut texts = Vec::new();
        let mut args = Vec::new();
        for i in 0..n {
            let (f, p) = (firms[i % 5], partners[i % 6]);
            let (c, v) = (places[i % 7], venues[i % 3]);
            let text = format!("昨日{f}与{p}在{c}{v}签约。");
            let at = |s: &str| {
                let b = text.find(s).expect("in the text");
                text[..b].chars().count() as u32
            };
            let len = |s: &str| s.chars().count() as u32;
            let trigger = CharRange::new(at("签约"), at("签约") + 2);
            let place = format!("{c}{v}");
            for (role, s) in [("签约方", p), ("地点", place.as_str())] {
                args.push((
                    texts.len(),
                    LearntArgument {
                        event_type: "签约".into(),
                        role: role.into(),
                        trigger,
                        range: CharRange::new(at(s), at(s) + len(s)),
                        label: "ARG".into(),
                    },
                ));
            }
            texts.push((text.clone(), vec![(trigger, "签约".to_string())]));
        }
        Learning::from_texts(texts).with_arguments(args)
    }

    /// The attributes' fingerprint for each version (the entity tagger's feature version and
    /// the `arg1` prefix of [`class_labels`]): a hash of every attribute of a fixed text for
    /// two triggers.
    const FINGERPRINTS: [(u32, &str, u64); 1] = [(17, "arg1", 0xd745_6cf6_e361_9711)];

    /// A saved argument tagger is read by its attributes' hashes, which also read the rules'
    /// entities, the figures and the time expressions: a change there without a new version
    /// would misread the tagger silently.
    #[test]
    fn the_attributes_change_only_with_the_version() {
        let seg = Segmenter::new();
        let text = "新华社北京１月５日电　昨日上午，远大集团与红星厂在上海会展中心签约，\
            总额达两亿元。中国选手李雪梅以２比１战胜日本选手，获得女单冠军。";
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str| {
            let b = text.find(w).expect("in the text");
            text[..b].chars().count() as u32
        };
        let mut parts = Vec::new();
        for (w, ty) in [("签约", "签约"), ("战胜", "竞赛行为-胜负")] {
            let trigger = CharRange::new(at(w), at(w) + 2);
            let window = Window::read(&seg, &chars, self::window(&chars, trigger));
            for mut a in window.attributes(trigger, ty).expect("inside") {
                a.sort_unstable();
                parts.push(a.len() as u32);
                parts.extend(a.iter().flat_map(|h| [*h as u32, (h >> 32) as u32]));
            }
        }
        let now = features::attribute(0, &parts);
        let prefix = class_labels()[0]
            .split(':')
            .next()
            .unwrap_or("")
            .to_string();
        let known = FINGERPRINTS
            .iter()
            .find(|(v, p, _)| *v == features::FEATURE_VERSION && *p == prefix)
            .map(|(_, _, f)| *f);
        assert_eq!(
            known,
            Some(now),
            "the argument tagger's attributes are {now:#x}: if they changed, raise the \
             prefix of class_labels (or FEATURE_VERSION) and add the fingerprint"
        );
    }

    #[test]
    fn too_few_arguments_train_none_and_enough_tag_a_phrase_in_an_unseen_sentence() {
        let seg = Segmenter::new();
        assert!(
            ArgumentTagger::train(&seg, &learning(MIN_ARGUMENTS / 2 - 1), &mut || true).is_none()
        );
        let tagger = ArgumentTagger::train(&seg, &learning(40), &mut || true).expect("a tagger");
        // A firm, partner, city and venue never seen together, nor the city at all.
        let text = "今天远大集团与红星厂在杭州会展中心签约。";
        let chars: Vec<char> = text.chars().collect();
        let at = |s: &str| text[..text.find(s).expect("in the text")].chars().count() as u32;
        let trigger = CharRange::new(at("签约"), at("签约") + 2);
        let got = tagger.arguments(&seg, &chars, trigger, "签约");
        let span = |role: &str| {
            got.iter().find(|(r, ..)| r == role).map(|(_, x, _)| {
                chars[x.start as usize..x.end as usize]
                    .iter()
                    .collect::<String>()
            })
        };
        assert_eq!(span("地点").as_deref(), Some("杭州会展中心"), "{got:?}");
        assert_eq!(span("签约方").as_deref(), Some("红星厂"), "{got:?}");
        assert!(got.iter().all(|(.., p)| *p > 0.0 && *p <= 1.0));
        // A type it never learnt has no arguments from it.
        assert!(tagger.arguments(&seg, &chars, trigger, "会议").is_empty());
    }

    #[test]
    fn a_saved_tagger_reads_back_the_same_and_one_of_other_labels_is_refused() {
        let seg = Segmenter::new();
        let tagger = ArgumentTagger::train(&seg, &learning(40), &mut || true).expect("a tagger");
        let bytes = tagger.model().to_bytes();
        let path = std::path::Path::new("arguments.crf");
        let model = EntityModel::from_bytes(path, &bytes).expect("reads");
        let back = ArgumentTagger::from_parts(model.clone(), tagger.role_classes().clone())
            .expect("the same labels");
        let text = "今天东方银行与金桥社在成都国际酒店签约。";
        let chars: Vec<char> = text.chars().collect();
        let trigger = CharRange::new(17, 19);
        assert_eq!(
            back.arguments(&seg, &chars, trigger, "签约"),
            tagger.arguments(&seg, &chars, trigger, "签约")
        );
        let mut other = model;
        other.labels[0] = "arg0:0".into();
        assert!(ArgumentTagger::from_parts(other, tagger.role_classes().clone()).is_none());
    }

    #[test]
    fn the_window_widens_to_whole_sentences_and_holds_the_trigger() {
        let text = "第一句很短。第二句里有触发词签约和别的字。第三句。";
        let chars: Vec<char> = text.chars().collect();
        let trigger = CharRange::new(14, 16);
        let w = window(&chars, trigger);
        assert!(w.start <= 14 && 16 <= w.end);
        assert_eq!((w.start, w.end), (0, chars.len()), "all within reach");
        let long: String = "很长的句子".repeat(40);
        let text = format!("{long}。签约了。{long}。");
        let chars: Vec<char> = text.chars().collect();
        let at = long.chars().count() as u32 + 1;
        let w = window(&chars, CharRange::new(at, at + 2));
        assert_eq!(
            w.start, 0,
            "widened back to the start of the sentence within reach"
        );
        assert_eq!(w.end, chars.len());
    }
}
