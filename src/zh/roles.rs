//! Which nearby spans fill a suggested event's roles. A role takes the labels it accepts; a
//! role that accepts any span (DuEE's schema names its roles and nothing more) takes the
//! labels its name reads as: 时间 a date or a time, 地点 a place, 人数 and 年龄 a quantity,
//! 金额 money, 死者 or 离职者 a person, 发布方 a person or a body. Each role takes the
//! nearest such span in the trigger's sentence that no earlier role took; the first role (the
//! subject) prefers a span before the trigger that is not the partner after 与 (A与B签约).
//!
//! A time is the whole expression ([`with_time_expressions`]): the dates and times of day the
//! figure recogniser reads and the words jieba tags as time words (今天, 近日, 下午, 凌晨)
//! that touch, joined (7月25日下午, 9月4日19时25分, 今日凌晨), with the 北京时间 or 当地时间
//! before them, as DuEE and most annotators mark a time.

use std::collections::{BTreeMap, HashMap};

use crate::model::{CharRange, FigureKind, LabelClass, Role, Schema};

/// An accepted event's argument, as learning reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LearntArgument {
    /// The event's type.
    pub event_type: String,
    /// The role it fills.
    pub role: String,
    /// The event's trigger.
    pub trigger: CharRange,
    /// The argument's chars.
    pub range: CharRange,
    /// Its span's label (`ARG` for a bare argument).
    pub label: String,
}

/// What a project's accepted events show of each role of each event type: the labels its
/// arguments bear (or, for a bare `ARG` span, the label the rules read its last name or figure
/// as: 李卓耀 of 中国香港选手李卓耀), and on which side of the trigger they stand.
#[derive(Debug, Clone, Default)]
pub struct RoleEvidence {
    roles: HashMap<(String, String), RoleStats>,
}

/// One role's evidence.
#[derive(Debug, Clone, Default)]
struct RoleStats {
    labels: BTreeMap<String, usize>,
    before: usize,
    after: usize,
    seen: usize,
}

/// A role's evidence counts once it has this many arguments.
pub const MIN_EVIDENCE: usize = 3;
/// A label counts for a role when at least this share of its arguments bear it.
pub const LABEL_SHARE: f64 = 0.15;
/// A role keeps to one side of the trigger when at least this share of its arguments did.
pub const SIDE_SHARE: f64 = 0.8;

impl RoleEvidence {
    /// Learns from `args` in `texts` (each argument with the index of its text).
    pub fn learn(
        seg: &crate::zh::segment::Segmenter,
        schema: &Schema,
        texts: &[&str],
        args: &[(usize, LearntArgument)],
    ) -> Self {
        let mut roles: HashMap<(String, String), RoleStats> = HashMap::new();
        // Each text's chars, once (a long document has many arguments).
        let mut chars: HashMap<usize, Vec<char>> = HashMap::new();
        for (doc, a) in args {
            let Some(text) = texts.get(*doc) else {
                continue;
            };
            let text = chars.entry(*doc).or_insert_with(|| text.chars().collect());
            let st = roles
                .entry((a.event_type.clone(), a.role.clone()))
                .or_default();
            st.seen += 1;
            if a.range.end <= a.trigger.start {
                st.before += 1;
            } else if a.range.start >= a.trigger.end {
                st.after += 1;
            }
            if let Some(l) = label_of(seg, schema, text, a) {
                *st.labels.entry(l).or_default() += 1;
            }
        }
        RoleEvidence { roles }
    }

    /// How many roles it has evidence of.
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }

    /// The labels the arguments of `role` of `event_type` bore, when it has seen enough.
    fn labels(&self, event_type: &str, role: &str) -> Option<Vec<String>> {
        let st = self
            .roles
            .get(&(event_type.to_string(), role.to_string()))?;
        if st.seen < MIN_EVIDENCE {
            return None;
        }
        let least = (st.seen as f64 * LABEL_SHARE).max(1.0);
        Some(
            st.labels
                .iter()
                .filter(|(_, n)| **n as f64 >= least)
                .map(|(l, _)| l.clone())
                .collect(),
        )
    }

    /// The side of the trigger (`Some(true)` before) the arguments of `role` of `event_type`
    /// keep to, when they do.
    fn side(&self, event_type: &str, role: &str) -> Option<bool> {
        let st = self
            .roles
            .get(&(event_type.to_string(), role.to_string()))?;
        if st.seen < MIN_EVIDENCE {
            return None;
        }
        let n = st.seen as f64;
        if st.before as f64 >= SIDE_SHARE * n {
            Some(true)
        } else if st.after as f64 >= SIDE_SHARE * n {
            Some(false)
        } else {
            None
        }
    }
}

/// The label an accepted argument bears: its span's, when that is a label of the schema's
/// other than `ARG`; else a figure the recogniser reads over all of it, else the rules' last
/// entity inside it, ending where it ends (the head of a noun phrase: 李卓耀 of
/// 中国香港选手李卓耀).
fn label_of(
    seg: &crate::zh::segment::Segmenter,
    schema: &Schema,
    text: &[char],
    a: &LearntArgument,
) -> Option<String> {
    if a.label != "ARG" && schema.label(&a.label).is_some() {
        return Some(a.label.clone());
    }
    let (s, e) = (a.range.start as usize, a.range.end as usize);
    let surface: String = text.get(s..e.min(text.len()))?.iter().collect();
    let len = surface.chars().count() as u32;
    let ctx = crate::zh::figures::FigureContext::default();
    if let Some(m) = crate::zh::figures::recognise(&surface, &ctx)
        .into_iter()
        .find(|m| m.range.start == 0 && m.range.end == len)
        && let Some(l) = schema
            .labels
            .iter()
            .find(|l| l.class == LabelClass::Figure(m.value.kind))
    {
        return Some(l.key.clone());
    }
    crate::zh::suggest::entities(seg, &surface)
        .into_iter()
        .filter(|s| s.range.end == len && schema.label(&s.label).is_some())
        .min_by_key(|s| s.range.start)
        .map(|s| s.label)
}

/// What a role's name says it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// Figures of these kinds.
    Figures(&'static [FigureKind]),
    /// Entities: people, bodies, places (as the schema's labels name them).
    Entities {
        people: bool,
        bodies: bool,
        places: bool,
    },
}

/// Name endings and what a role so named takes, the first match winning (罚款对象 is a
/// party, not an amount: 对象 is matched before 罚款).
const BY_NAME: &[(&str, Takes)] = &[
    (
        "时间",
        Takes::Figures(&[FigureKind::Date, FigureKind::Time]),
    ),
    ("日期", Takes::Figures(&[FigureKind::Date])),
    ("时长", Takes::Figures(&[FigureKind::Duration])),
    ("刑期", Takes::Figures(&[FigureKind::Duration])),
    ("人数", Takes::Figures(&[FigureKind::Quantity])),
    ("数量", Takes::Figures(&[FigureKind::Quantity])),
    ("年龄", Takes::Figures(&[FigureKind::Quantity])),
    ("震级", Takes::Figures(&[FigureKind::Quantity])),
    ("深度", Takes::Figures(&[FigureKind::Quantity])),
    ("金额", Takes::Figures(&[FigureKind::Money])),
    ("价格", Takes::Figures(&[FigureKind::Money])),
    ("幅度", Takes::Figures(&[FigureKind::Percent])),
    ("比例", Takes::Figures(&[FigureKind::Percent])),
    ("地点", place()),
    ("地区", place()),
    ("国家", place()),
    ("对象", party()),
    ("双方", person()),
    ("组织", body()),
    ("机构", body()),
    ("公司", body()),
    ("方", party()),
    ("者", party()),
    ("人", person()),
];

const fn place() -> Takes {
    Takes::Entities {
        people: false,
        bodies: false,
        places: true,
    }
}

const fn person() -> Takes {
    Takes::Entities {
        people: true,
        bodies: false,
        places: false,
    }
}

const fn body() -> Takes {
    Takes::Entities {
        people: false,
        bodies: true,
        places: false,
    }
}

const fn party() -> Takes {
    Takes::Entities {
        people: true,
        bodies: true,
        places: false,
    }
}

/// Keys and names of the schema's entity labels for people, bodies and places.
const PEOPLE: &[&str] = &["PER", "PERSON", "人名", "人物", "人"];
const BODIES: &[&str] = &[
    "ORG",
    "ORGANIZATION",
    "ORGANISATION",
    "机构",
    "组织",
    "机构名",
];
const PLACES: &[&str] = &["LOC", "GPE", "LOCATION", "地名", "地点"];

/// The labels `role` takes: those it accepts, or, when it accepts any span, those its name
/// reads as among the schema's labels (none when the name says nothing).
pub fn labels_for(schema: &Schema, role: &Role) -> Vec<String> {
    if !role.accepts.is_empty() {
        return role.accepts.clone();
    }
    labels_by_name(schema, role)
}

/// The labels `role`'s name reads as among the schema's labels.
fn labels_by_name(schema: &Schema, role: &Role) -> Vec<String> {
    let Some((_, takes)) = BY_NAME.iter().find(|(end, _)| role.name.ends_with(end)) else {
        return Vec::new();
    };
    let named = |l: &crate::model::LabelDef, names: &[&str]| {
        names
            .iter()
            .any(|n| l.key.eq_ignore_ascii_case(n) || l.zh == *n)
    };
    schema
        .labels
        .iter()
        .filter(|l| match (*takes, l.class) {
            (Takes::Figures(kinds), LabelClass::Figure(k)) => kinds.contains(&k),
            (
                Takes::Entities {
                    people,
                    bodies,
                    places,
                },
                LabelClass::Entity,
            ) => {
                (people && named(l, PEOPLE))
                    || (bodies && named(l, BODIES))
                    || (places && named(l, PLACES))
            }
            _ => false,
        })
        .map(|l| l.key.clone())
        .collect()
}

/// The chars a time word is made of: jieba tags some verbs and nouns `t` too (去世, 生日,
/// 前往, 赛季), which hold others.
const TIME_CHARS: &str = "今昨明前后近日天年月周星期晚早午晨凌夜上下中本去当时次首同末初底此目刻间夏春秋冬季一二三四五六七八九十两半";

/// Whether a jieba word is a time word: tagged `t`, two chars or more, all of them
/// [`TIME_CHARS`] (今天, 近日, 下午, 当地 no, 去世 no).
fn is_time_word(word: &str, tag: &str) -> bool {
    tag == "t" && word.chars().count() >= 2 && word.chars().all(|c| TIME_CHARS.contains(c))
}

/// `nearby` (range, label) with the time expressions of `text` joined: each run of dates and
/// times of day among them (labels of the schema's date and time figure kinds) and of words
/// jieba tags as time words (`t`) that touch or stand one 的 apart becomes one span, with the
/// words 北京时间 or 当地时间 (a place or 当地, then 时间) just before it ([`is_time_word`]
/// says which of jieba's `t` words count); the date label if the
/// run holds a date or a time word only, else the time label. The pieces inside a run are
/// left out. Unchanged when the schema has no date label. Sorted by range either way.
pub fn with_time_expressions(
    seg: &crate::zh::segment::Segmenter,
    schema: &Schema,
    text: &str,
    nearby: &[(CharRange, String)],
) -> Vec<(CharRange, String)> {
    let key_of = |kind: FigureKind| {
        schema
            .labels
            .iter()
            .find(|l| l.class == LabelClass::Figure(kind))
            .map(|l| l.key.clone())
    };
    let sorted = || {
        let mut v = nearby.to_vec();
        v.sort();
        v
    };
    let Some(date) = key_of(FigureKind::Date) else {
        return sorted();
    };
    let time = key_of(FigureKind::Time);
    let chars: Vec<char> = text.chars().collect();
    let words = seg.tag(text);
    // Pieces: (range, is a date or a time word).
    let mut pieces: Vec<(CharRange, bool)> = nearby
        .iter()
        .filter(|(_, l)| *l == date || time.as_ref() == Some(l))
        .map(|(r, l)| (*r, *l == date))
        .collect();
    pieces.extend(
        words
            .iter()
            .filter(|w| is_time_word(w.word, w.tag))
            .map(|w| (CharRange::new(w.start as u32, w.end as u32), true)),
    );
    if pieces.is_empty() {
        return sorted();
    }
    pieces.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut runs: Vec<(CharRange, bool)> = Vec::new();
    for (r, is_date) in pieces {
        if let Some((run, d)) = runs.last_mut() {
            let gap_de = r.start == run.end + 1 && chars.get(run.end as usize) == Some(&'的');
            if r.start <= run.end || gap_de {
                run.end = run.end.max(r.end);
                *d |= is_date;
                continue;
            }
        }
        runs.push((r, is_date));
    }
    // 北京时间 / 当地时间 just before a run (the words are in text order: a binary search).
    for (run, _) in &mut runs {
        let k = words.partition_point(|w| (w.end as u32) < run.start);
        if k >= 1
            && k < words.len()
            && words[k].end as u32 == run.start
            && words[k].word == "时间"
            && (words[k - 1].tag == "ns" || words[k - 1].word == "当地")
        {
            run.start = words[k - 1].start as u32;
        }
    }
    // The runs are in text order and apart: the one that may hold `r` is the last that
    // starts at or before it.
    let inside = |r: &CharRange| {
        let k = runs.partition_point(|(x, _)| x.start <= r.start);
        k > 0 && {
            let x = runs[k - 1].0;
            r.end <= x.end && x != *r
        }
    };
    let mut out: Vec<(CharRange, String)> = nearby
        .iter()
        .filter(|(r, l)| !((*l == date || time.as_ref() == Some(l)) && inside(r)))
        .cloned()
        .collect();
    let had: std::collections::HashSet<(CharRange, String)> = out.iter().cloned().collect();
    for (run, is_date) in runs {
        let label = if is_date {
            Some(date.clone())
        } else {
            time.clone()
        };
        if let Some(label) = label
            && !had.contains(&(run, label.clone()))
        {
            out.push((run, label));
        }
    }
    out.sort();
    out
}

/// The arguments of an event of type `event_type` whose trigger is `trigger`, from `nearby`
/// spans (range, label) inside `sentence`: (role, range, label), one span per role at most,
/// a span for one role at most. `chars` are the text's chars. A role that accepts any span
/// takes what its name reads as and, once `evidence` has seen enough of its arguments, the
/// labels they bore too, on the side of the trigger they kept to if they kept to one (on four
/// folds over DuEE records 0-399, given the gold triggers, F1 0.299 by the names alone, 0.309
/// so; the learnt labels instead of the name's 0.288, the side alone 0.304).
pub fn arguments(
    schema: &Schema,
    event_type: &str,
    trigger: CharRange,
    sentence: CharRange,
    chars: &[char],
    nearby: &[(CharRange, String)],
    evidence: &RoleEvidence,
) -> Vec<(String, CharRange, String)> {
    let Some(t) = schema.event_type(event_type) else {
        return Vec::new();
    };
    // A与B签约: B, after 与 (和 同 跟), is the other party; the subject is A.
    let after_with = |a: &CharRange| {
        (a.start as usize)
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_some_and(|c| matches!(c, '与' | '和' | '同' | '跟'))
    };
    let mut args: Vec<(String, CharRange, String)> = Vec::new();
    let roles = t
        .roles
        .iter()
        .map(|role| {
            if !role.accepts.is_empty() {
                return (role, role.accepts.clone(), None);
            }
            // What the name reads as, with the labels the role's arguments bore.
            let mut labels = labels_by_name(schema, role);
            for l in evidence.labels(event_type, &role.name).unwrap_or_default() {
                if !labels.contains(&l) {
                    labels.push(l);
                }
            }
            let side = evidence.side(event_type, &role.name);
            (role, labels, side)
        })
        .filter(|(_, labels, _)| !labels.is_empty());
    for (k, (role, labels, side)) in roles.enumerate() {
        let subject = k == 0;
        // A count of people (死亡人数, 受伤人数) is one of people: 3人, 两名, not 十多辆.
        let of_people = role.name.ends_with("人数");
        let counts_people = |a: &CharRange| {
            !of_people
                || (a.end as usize)
                    .checked_sub(1)
                    .and_then(|i| chars.get(i))
                    .is_some_and(|c| matches!(c, '人' | '名' | '位' | '口'))
        };
        let near = nearby
            .iter()
            .filter(|(a, l)| {
                let before = a.end <= trigger.start;
                counts_people(a)
                    && labels.contains(l)
                    && sentence.start <= a.start
                    && a.end <= sentence.end
                    && (before || a.start >= trigger.end)
                    && side.is_none_or(|b| b == before)
                    && !args.iter().any(|(_, b, _)| b == a)
            })
            .min_by_key(|(a, _)| {
                let partner = subject && a.end <= trigger.start && after_with(a);
                (
                    partner,
                    a.start
                        .abs_diff(trigger.start)
                        .min(a.end.abs_diff(trigger.end)),
                )
            });
        if let Some((a, l)) = near {
            args.push((role.name.clone(), *a, l.clone()));
        }
    }
    args
}

/// An argument tagger's spans for an event of type `event_type` as arguments (role, range,
/// label): each of a role the type has, labelled as the rules' span of the same chars in
/// `nearby` (sorted by range) when the role takes that label, else as a bare `ARG` when the role takes any span
/// or `ARG`; a span the role cannot take is left out.
pub fn tagged_arguments(
    schema: &Schema,
    event_type: &str,
    tagged: Vec<(String, CharRange, f64)>,
    nearby: &[(CharRange, String)],
) -> Vec<(String, CharRange, String)> {
    let Some(t) = schema.event_type(event_type) else {
        return Vec::new();
    };
    let mut out: Vec<(String, CharRange, String)> = Vec::new();
    for (name, range, _) in tagged {
        let Some(role) = t.roles.iter().find(|r| r.name == name) else {
            continue;
        };
        let any = role.accepts.is_empty();
        // `nearby` is sorted by range: the spans over exactly these chars are together.
        let first = nearby.partition_point(|(r, _)| *r < range);
        let same = nearby[first..]
            .iter()
            .take_while(|(r, _)| *r == range)
            .find(|(_, l)| any || role.accepts.contains(l))
            .map(|(_, l)| l.clone());
        let label = match same {
            Some(l) => l,
            None if any || role.accepts.iter().any(|l| l == "ARG") => "ARG".to_string(),
            None => continue,
        };
        if out
            .iter()
            .any(|(o, r, _)| *o == name || (r.start < range.end && range.start < r.end))
        {
            continue;
        }
        out.push((name, range, label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventType, Rgb};

    fn role(name: &str) -> Role {
        Role {
            name: name.into(),
            en: String::new(),
            accepts: Vec::new(),
            required: false,
            repeat: false,
        }
    }

    /// A count of people takes a quantity of people (3人, 两名), not one of things.
    #[test]
    fn a_count_of_people_takes_only_a_quantity_of_people() {
        let mut schema = Schema::default_bulletin();
        schema.events = vec![EventType {
            key: "灾害/意外-车祸".into(),
            zh: "灾害/意外-车祸".into(),
            en: String::new(),
            color: Rgb(0, 0, 0),
            hotkey: None,
            roles: vec![role("死亡人数")],
        }];
        let r = |s: u32, e: u32| CharRange::new(s, e);
        let pick = |text: &str, nearby: Vec<(CharRange, String)>| {
            let chars: Vec<char> = text.chars().collect();
            let at = text.find("车祸").map(|b| text[..b].chars().count() as u32);
            let at = at.expect("a trigger");
            arguments(
                &schema,
                "灾害/意外-车祸",
                r(at, at + 2),
                r(0, chars.len() as u32),
                &chars,
                &nearby,
                &RoleEvidence::default(),
            )
        };
        let things = pick(
            "发生车祸，十多辆车追尾。",
            vec![(r(5, 8), "QUANTITY".into())],
        );
        assert!(things.is_empty(), "{things:?}");
        let people = pick(
            "发生车祸，十多辆车追尾，3人死亡。",
            vec![(r(5, 8), "QUANTITY".into()), (r(12, 14), "QUANTITY".into())],
        );
        assert_eq!(
            people,
            vec![("死亡人数".to_string(), r(12, 14), "QUANTITY".to_string())]
        );
    }

    /// A role that accepts anything takes what its name says, among the schema's labels.
    #[test]
    fn an_untyped_role_takes_the_labels_its_name_reads_as() {
        let schema = Schema::default_bulletin();
        let of = |name: &str| labels_for(&schema, &role(name));
        assert_eq!(of("时间"), vec!["DATE", "TIME"]);
        assert_eq!(of("死者年龄"), vec!["QUANTITY"]);
        assert_eq!(of("地点"), vec!["LOC"]);
        assert_eq!(of("离职者"), vec!["PER", "ORG"]);
        assert_eq!(of("罚款对象"), vec!["PER", "ORG"]);
        assert_eq!(of("罚款金额"), vec!["MONEY"]);
        assert_eq!(of("结婚双方"), vec!["PER"]);
        assert!(
            of("发布产品").is_empty(),
            "a product is no label of this schema"
        );
        // Typed roles keep their own labels.
        let typed = Role {
            accepts: vec!["ORG".into()],
            ..role("时间")
        };
        assert_eq!(labels_for(&schema, &typed), vec!["ORG"]);
        // A schema without such labels: nothing.
        let bare = Schema {
            labels: Vec::new(),
            events: Vec::new(),
        };
        assert!(labels_for(&bare, &role("时间")).is_empty());
    }

    /// What the accepted events show: a role keeps to the side of the trigger its arguments
    /// kept to, and takes the labels they bore even where its name says nothing.
    #[test]
    fn learnt_arguments_teach_a_role_its_side_and_labels() {
        let seg = crate::zh::segment::Segmenter::new();
        let mut schema = Schema::default_bulletin();
        schema.events = vec![EventType {
            key: "竞赛行为-胜负".into(),
            zh: "竞赛行为-胜负".into(),
            en: String::new(),
            color: Rgb(0, 0, 0),
            hotkey: None,
            roles: vec![role("胜者"), role("败者"), role("冠军")],
        }];
        let r = |s: u32, e: u32| CharRange::new(s, e);
        let text = "甲队战胜乙队，张三夺冠。";
        let arg = |role: &str, range: CharRange, label: &str| LearntArgument {
            event_type: "竞赛行为-胜负".into(),
            role: role.into(),
            trigger: r(2, 4),
            range,
            label: label.into(),
        };
        let args: Vec<(usize, LearntArgument)> = (0..3)
            .flat_map(|i| {
                [
                    (i, arg("胜者", r(0, 2), "ORG")),
                    (i, arg("败者", r(4, 6), "ORG")),
                    (i, arg("冠军", r(7, 9), "PER")),
                ]
            })
            .collect();
        let evidence = RoleEvidence::learn(&seg, &schema, &[text; 3], &args);
        assert_eq!(evidence.len(), 3);
        let text = "昨天丙队在北京战胜丁队，李四夺冠。";
        let chars: Vec<char> = text.chars().collect();
        let nearby = vec![
            (r(2, 4), "ORG".to_string()),
            (r(5, 7), "LOC".to_string()),
            (r(9, 11), "ORG".to_string()),
            (r(12, 14), "PER".to_string()),
        ];
        let args_of = |ev: &RoleEvidence| {
            arguments(
                &schema,
                "竞赛行为-胜负",
                r(7, 9),
                r(0, 17),
                &chars,
                &nearby,
                ev,
            )
        };
        // Without it, the nearest party wins whatever its side, and 冠军 says nothing.
        let none = RoleEvidence::default();
        assert_eq!(
            args_of(&none),
            vec![
                ("胜者".to_string(), r(9, 11), "ORG".to_string()),
                ("败者".to_string(), r(2, 4), "ORG".to_string()),
            ]
        );
        assert_eq!(
            args_of(&evidence),
            vec![
                ("胜者".to_string(), r(2, 4), "ORG".to_string()),
                ("败者".to_string(), r(9, 11), "ORG".to_string()),
                ("冠军".to_string(), r(12, 14), "PER".to_string()),
            ]
        );
        // Two arguments are not enough to go by.
        let few = RoleEvidence::learn(&seg, &schema, &[text; 2], &args[..6]);
        assert_eq!(args_of(&few), args_of(&none));
    }

    /// Dates, times of day and time words that touch are one time; 北京时间 goes with it.
    #[test]
    fn a_time_is_the_whole_expression() {
        let seg = crate::zh::segment::Segmenter::new();
        let schema = Schema::default_bulletin();
        let text = "北京时间9月4日19时25分，他在家中去世。今日凌晨又有消息。";
        let r = |s: u32, e: u32| CharRange::new(s, e);
        let nearby = vec![
            (r(4, 8), "DATE".to_string()),
            (r(8, 14), "TIME".to_string()),
            (r(16, 17), "PER".to_string()),
        ];
        let got = with_time_expressions(&seg, &schema, text, &nearby);
        assert_eq!(
            got,
            vec![
                (r(0, 14), "DATE".to_string()),
                (r(16, 17), "PER".to_string()),
                (r(22, 26), "DATE".to_string()),
            ]
        );
        // Without a date label in the schema, nothing changes.
        let bare = Schema {
            labels: Vec::new(),
            events: Vec::new(),
        };
        assert_eq!(with_time_expressions(&seg, &bare, text, &nearby), nearby);
    }

    /// Each role takes the nearest span it takes in the trigger's sentence, one role a span.
    #[test]
    fn each_role_takes_the_nearest_span_of_its_labels_in_the_sentence() {
        let mut schema = Schema::default_bulletin();
        schema.events = vec![EventType {
            key: "人生-死亡".into(),
            zh: "人生-死亡".into(),
            en: String::new(),
            color: Rgb(0, 0, 0),
            hotkey: None,
            roles: vec![role("死者"), role("时间"), role("死者年龄"), role("死因")],
        }];
        let text = "昨日，著名演员张三在北京去世，享年88岁。李四出席。";
        let chars: Vec<char> = text.chars().collect();
        let r = |s: u32, e: u32| CharRange::new(s, e);
        let nearby = vec![
            (r(0, 2), "DATE".to_string()),
            (r(7, 9), "PER".to_string()),
            (r(10, 12), "LOC".to_string()),
            (r(17, 20), "QUANTITY".to_string()),
            (r(21, 23), "PER".to_string()),
        ];
        let none = RoleEvidence::default();
        let got = arguments(
            &schema,
            "人生-死亡",
            r(12, 14),
            r(0, 21),
            &chars,
            &nearby,
            &none,
        );
        assert_eq!(
            got,
            vec![
                ("死者".to_string(), r(7, 9), "PER".to_string()),
                ("时间".to_string(), r(0, 2), "DATE".to_string()),
                ("死者年龄".to_string(), r(17, 20), "QUANTITY".to_string()),
            ]
        );
    }
}
