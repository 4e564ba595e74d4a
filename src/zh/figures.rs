//! The figure recogniser and normaliser: counts, money, percentages, dates, times, durations
//! and ordinals in Chinese news, each with a value, unit and qualifier. The rules follow
//! `docs/guidelines.md`: a span is an optional marker (近 约 超过 最高 …), the number, its unit
//! or measure word, and an optional 余/多/以上; leading verbs and trailing nouns stay out
//! (突破35万人 → 35万人, 86个县区 → 86个). Numbers in names, titles (《…》), short quoted
//! slogans (“十四五”), 一 as an article (一批, 一项) and compounds (两地, 一等奖) are not figures.

use super::numerals::{Decimal, digit_value, is_arabic, is_numeral_char, scan};
use crate::model::{CharRange, FigureKind, FigureValue, Qualifier};

/// Context that resolves dates.
#[derive(Debug, Clone, Default)]
pub struct FigureContext {
    /// The page's year (from its dateline), if known.
    pub year: Option<i32>,
    /// The page's publication date (ISO), if known.
    pub published: Option<String>,
}

/// One recognised figure.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureMatch {
    /// Char range in the text.
    pub range: CharRange,
    /// Kind, number, unit, qualifier, date.
    pub value: FigureValue,
}

/// Measure words and units of counts. The longest that matches is taken, so 平方公里 wins over
/// 公里 and 大类 over 大.
const MEASURES: &[&str] = &[
    "人次",
    "场次",
    "大类",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "公顷",
    "千克",
    "公斤",
    "立方米",
    "架次",
    "批次",
    "余人",
    "摄氏度",
    "℃",
    "千瓦时",
    "千瓦",
    "千伏",
    "台套",
    "队",
    "局",
    "盘",
    "延长米",
    "个",
    "名",
    "人",
    "项",
    "所",
    "家",
    "场",
    "届",
    "对",
    "套",
    "次",
    "件",
    "位",
    "条",
    "户",
    "座",
    "台",
    "辆",
    "吨",
    "米",
    "亩",
    "种",
    "类",
    "批",
    "期",
    "篇",
    "本",
    "张",
    "支",
    "只",
    "株",
    "头",
    "间",
    "栋",
    "层",
    "起",
    "款",
    "部",
    "艘",
    "门",
    "棵",
    "份",
    "岁",
    "倍",
    "例",
    "轮",
    "处",
    "担",
    "斤",
    "克",
    "升",
    "片",
    "颗",
    "根",
    "块",
    "枚",
    "粒",
    "架",
    "列",
    "盒",
    "箱",
    "包",
    "袋",
    "瓶",
    "册",
    "卷",
    "首",
    "幅",
    "封",
    "页",
    "章",
    "匹",
    "道",
    "节",
    "步",
    "票",
    "笔",
    "宗",
    "番",
    "回合",
    "毫克",
    "微克",
    "毫升",
    "厘米",
    "毫米",
    "代",
    "缕",
    "句",
    "羽",
    "栏",
    "路",
    "县市",
    "市县",
    "省区",
    "县",
    "市",
    "旬",
];

/// Words that read as a numeral and a measure word but are words of their own: 四处 (all
/// around), 零部件 (parts), 三番五次 (again and again), 一年一度 (every year), 一天天 (day by
/// day), 说一千道一万 (whatever one says), 一元复始 (the new year begins), 二万五千里 (the Long
/// March). No figure starts inside them.
const WORDS_NOT_FIGURES: [&str; 27] = [
    "四处",
    "年复一年",
    "二次创业",
    "五花八门",
    "最后一年",
    "关键一年",
    "重要一年",
    "有一天",
    "一年一个",
    "十年九旱",
    "两条腿",
    "一成不变",
    "四位一体",
    "四个现代化",
    "两个根本转变",
    "一年到头",
    "四项基本原则",
    "五项原则",
    "两个根本性",
    "零部件",
    "零件",
    "三番五次",
    "一年一度",
    "一天天",
    "一千道一万",
    "一元复始",
    "二万五千里",
];

/// Chars after a bare 百年 or 千年 (no digit, no marker) that leave it a length of time
/// (百年来, 千年之后); any other Han char makes it an attribute of the noun it starts
/// (百年银杏, 千年古刹), not a figure.
const BARE_YEARS_STAY_BEFORE: &str = "来间前后里中的之内外以了多余";

/// Measure words after which a bare 百, 千, 万 or 亿 (no digit) is a count: 千对, 百名, 万吨,
/// 万亩, 百亿斤. Before others it makes a compound or an idiom (千人冬泳, 千家万户, 千篇一律).
const BARE_POWER_COUNTS: [&str; 9] = ["对", "名", "吨", "亩", "斤", "公斤", "千克", "公里", "千瓦"];

/// Units an ordinal may take besides the measure words: 第一年, 第一天, 第二版.
const ORDINAL_UNITS: [&str; 9] = ["年", "天", "日", "周", "个月", "小时", "季度", "版", "炮"];

/// Words after 第 + number that make a name, not an ordinal: 第三产业, 第三世界, 第一线.
const NOT_ORDINAL_BEFORE: [&str; 8] = ["产业", "世界", "线", "手", "时间", "把手", "方", "政委"];

/// Words that end the name of an institution: 第N before one of them (no measure word
/// between) numbers the institution and is part of its name.
const INSTITUTIONS: [&str; 17] = [
    "医院",
    "营业部",
    "研究院",
    "野战军",
    "军分区",
    "工业部",
    "中学",
    "小学",
    "学校",
    "专科",
    "大学",
    "厂",
    "研究所",
    "炮兵",
    "人民",
    "监狱",
    "分局",
];

/// Measure words that count few things (counties, cities): a number of 万 before them is
/// part of another word (20余万市民).
const FEW_THINGS: [&str; 5] = ["县市", "市县", "省区", "县", "市"];

/// Measure words that count only after Arabic digits: after Chinese numerals they make
/// compounds (四级联动, 两国关系, 三段式) or names (十八大, the 18th party congress).
const ARABIC_ONLY_MEASURES: &[&str] = &[
    "级", "段", "国家", "国", "省", "村", "校", "区", "大", "度", "口", "站",
];

/// Measure words that are temperatures (a minus sign or 零下 before them is kept).
const TEMPERATURES: [&str; 2] = ["摄氏度", "℃"];

/// Currencies, with the unit recorded (a number's 万 and 亿 are read with the number).
const CURRENCIES: &[(&str, &str)] = &[
    ("元", "元"),
    ("美元", "美元"),
    ("美金", "美元"),
    ("欧元", "欧元"),
    ("日元", "日元"),
    ("港元", "港元"),
    ("港币", "港元"),
    ("英镑", "英镑"),
    ("马克", "马克"),
    ("法郎", "法郎"),
    ("卢布", "卢布"),
    ("里拉", "里拉"),
    ("新元", "新元"),
    ("澳元", "澳元"),
    ("加元", "加元"),
    ("韩元", "韩元"),
    ("台币", "台币"),
    ("里亚尔", "里亚尔"),
    ("埃镑", "埃镑"),
    ("第纳尔", "第纳尔"),
    ("迪拉姆", "迪拉姆"),
    ("卢比", "卢比"),
    ("比索", "比索"),
    ("兰特", "兰特"),
    ("林吉特", "林吉特"),
    ("泰铢", "泰铢"),
    ("先令", "先令"),
    ("盾", "盾"),
];

/// Duration units, with the unit recorded.
const DURATIONS: &[(&str, &str)] = &[
    ("个春秋", "年"),
    ("个年头", "年"),
    ("个多世纪", "世纪"),
    ("个世纪", "世纪"),
    ("个多小时", "小时"),
    ("个小时", "小时"),
    ("个钟头", "小时"),
    ("个星期", "周"),
    ("星期", "周"),
    ("个多月", "月"),
    ("个月", "月"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("周年", "周年"),
    ("天", "天"),
    ("周", "周"),
    ("秒", "秒"),
    ("年", "年"),
];

/// Markers before a number and the qualifier they give, longest first.
const MARKERS: &[(&str, Qualifier)] = &[
    ("最多不得超过", Qualifier::AtMost),
    ("不得超过", Qualifier::AtMost),
    ("不超过", Qualifier::AtMost),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不高于", Qualifier::AtMost),
    ("将近", Qualifier::Approx),
    ("大约", Qualifier::Approx),
    ("超过", Qualifier::AtLeast),
    ("超出", Qualifier::AtLeast),
    ("最高", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("至少", Qualifier::AtLeast),
    ("不满", Qualifier::AtMost),
    ("不下", Qualifier::AtLeast),
    ("未满", Qualifier::AtMost),
    ("不到", Qualifier::AtMost),
    ("不足", Qualifier::AtMost),
    ("近", Qualifier::Approx),
    ("约", Qualifier::Approx),
    ("逾", Qualifier::AtLeast),
    ("超", Qualifier::AtLeast),
    ("大于", Qualifier::AtLeast),
    ("高于", Qualifier::AtLeast),
    ("小于", Qualifier::AtMost),
    ("低于", Qualifier::AtMost),
];

/// Words after a count, a sum, a percentage or a duration and the qualifier they give.
const AFTER_QUALIFIERS: [(&str, Qualifier); 6] = [
    ("以内", Qualifier::AtMost),
    ("许", Qualifier::Approx),
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("左右", Qualifier::Approx),
    ("出头", Qualifier::AtLeast),
];

/// Vague amounts: the char before a run of 十百千万亿 and the smallest power it may take
/// (数十, 几百, 上百, 成千; not 上十). They read as the run's value, at least.
const VAGUE: [(char, u32); 4] = [('数', 1), ('几', 1), ('上', 2), ('成', 2)];

/// Chars before 成 that make it the end of a verb (建成, 变成, 组成), not 成 of 成百上千.
const VERBS_BEFORE_CHENG: &str = "建变形完组构达造制做改合促换分译写养练集";

/// Parts of the day before a time, and the hours they add to a time before 12.
const DAYPARTS: &[(&str, f64)] = &[
    ("上午", 0.0),
    ("下午", 12.0),
    ("晚上", 12.0),
    ("早上", 0.0),
    ("凌晨", 0.0),
    ("中午", 0.0),
    ("傍晚", 12.0),
    ("清晨", 0.0),
    ("早晨", 0.0),
    ("夜间", 12.0),
    ("深夜", 12.0),
    ("晚", 12.0),
];

/// Words before 一 + a time unit that make it "a (particular) year/day", not a length:
/// 新的一年, 这一天, 每一年.
const ONE_AS_ARTICLE_BEFORE: &str = "的这那每同某哪上下新比月";

/// Words after a duration that make a 近 before it mean "recent": 近两年来, 近10年里.
const RECENT_AFTER: &str = "来里中间";

/// Reign eras of the Ming and Qing and the Republic, with their first year: 万历十一年 is
/// 1583. Era years are DATEs.
const ERAS: &[(&str, i32)] = &[
    ("洪武", 1368),
    ("永乐", 1403),
    ("宣德", 1426),
    ("正统", 1436),
    ("景泰", 1450),
    ("天顺", 1457),
    ("成化", 1465),
    ("弘治", 1488),
    ("正德", 1506),
    ("嘉靖", 1522),
    ("隆庆", 1567),
    ("万历", 1573),
    ("泰昌", 1620),
    ("天启", 1621),
    ("崇祯", 1628),
    ("天命", 1616),
    ("天聪", 1627),
    ("崇德", 1636),
    ("顺治", 1644),
    ("康熙", 1662),
    ("雍正", 1723),
    ("乾隆", 1736),
    ("嘉庆", 1796),
    ("道光", 1821),
    ("咸丰", 1851),
    ("同治", 1862),
    ("光绪", 1875),
    ("宣统", 1909),
    ("民国", 1912),
];

/// Words a bare sum of 万 or 亿 (no currency) is money after: 地税收入超300亿. Looked for in
/// the few chars before the number.
const MONEY_CONTEXT: &[&str] = &[
    "收入",
    "投资",
    "资金",
    "贷款",
    "利润",
    "营业额",
    "销售额",
    "产值",
    "税收",
    "财政",
    "存款",
    "外汇",
    "储备",
    "资产",
    "金额",
    "经费",
    "拨款",
    "融资",
    "授信",
    "额度",
    "成交额",
    "税",
];

/// After a measure word, chars that make a compound rather than a count (一等奖, 两地).
const COMPOUND_AFTER: &str = "等线地级段式岗带方面手数";

/// Whether `s` is written at `i` (compared char by char, stopping at the first that differs:
/// the recogniser asks this of many words at every char).
fn starts(chars: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(k, c)| chars.get(k) == Some(&c))
}

/// Words before a number of years that make it a length of time, not a year: 每隔3000年,
/// 历时1200年, 长达1500年.
const LENGTH_BEFORE: [&str; 3] = ["隔", "历时", "长达"];

/// Whether a word of [`LENGTH_BEFORE`] ends right before `i`.
fn length_before(chars: &[char], i: usize) -> bool {
    LENGTH_BEFORE
        .iter()
        .any(|w| i >= len(w) && starts(chars, i - len(w), w))
}

fn is_cjk_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Char ranges inside 《…》 and short “…” (at most 12 chars).
fn protected(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (open, close, max) in [('《', '》', usize::MAX), ('“', '”', 12), ('"', '"', 12)] {
        // Where the next `close` is from each position on: one pass, so that openers
        // without a closer do not each scan the rest of the text.
        let next = next_positions(chars, close);
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == open
                && let Some(&Some(j)) = next.get(i + 1)
            {
                let n = j - (i + 1);
                if n <= max {
                    out.push((i + 1, i + 1 + n));
                }
                i += n + 1;
            }
            i += 1;
        }
    }
    out
}

/// For each position `i` of `chars` (and `chars.len()`), the first position at or after `i`
/// that holds `c`.
pub(crate) fn next_positions(chars: &[char], c: char) -> Vec<Option<usize>> {
    let mut next = vec![None; chars.len() + 1];
    for i in (0..chars.len()).rev() {
        next[i] = if chars[i] == c { Some(i) } else { next[i + 1] };
    }
    next
}

/// Whether a range lies inside one of `ranges`, answered in O(1) per query after one pass:
/// `reach[p]` is the furthest end of a range starting at or before `p`, and `r` lies inside
/// some range exactly when `reach[r.start] >= r.end`.
pub(crate) struct Inside(Vec<usize>);

impl Inside {
    pub(crate) fn new(len: usize, ranges: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut reach = vec![0usize; len + 1];
        for (s, e) in ranges {
            if s <= len {
                reach[s] = reach[s].max(e);
            }
        }
        for p in 1..reach.len() {
            reach[p] = reach[p].max(reach[p - 1]);
        }
        Self(reach)
    }

    /// Whether `start..end` lies inside one of the ranges.
    pub(crate) fn covers(&self, start: usize, end: usize) -> bool {
        self.0.get(start).is_some_and(|reach| *reach >= end)
    }
}

fn decimal_f64(d: Decimal) -> f64 {
    d.to_f64()
}

fn is_chinese_digit(c: char) -> bool {
    digit_value(c).is_some() && !c.is_ascii_digit() && !('０'..='９').contains(&c)
}

/// 十点五, 零点七: 点 at `chars[e]` as the decimal point after a whole number `num` written in
/// Chinese, with Chinese digits after it: the end of the digits and the value.
fn chinese_point(chars: &[char], e: usize, num: Decimal) -> Option<(usize, Decimal)> {
    if chars.get(e) != Some(&'点') {
        return None;
    }
    let k = chars[e + 1..]
        .iter()
        .take_while(|c| is_chinese_digit(**c))
        .count();
    let whole = num.to_f64();
    if k == 0 || whole.fract() != 0.0 || whole < 0.0 {
        return None;
    }
    let frac: String = chars[e + 1..e + 1 + k]
        .iter()
        .filter_map(|c| digit_value(*c).and_then(|d| char::from_digit(d, 10)))
        .collect();
    let d = super::numerals::parse_decimal(&format!("{}.{frac}", whole as i128))?;
    Some((e + 1 + k, d))
}

/// The year a page gives: a 4-digit year in a dateline (【本报北京2023年10月24日电】), else the
/// year of `published`.
pub fn page_year(text: &str, published: Option<&str>) -> Option<i32> {
    for (open, close) in [('【', '】'), ('（', '）'), ('(', ')')] {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else {
                break;
            };
            let inner = &after[..b];
            if inner.ends_with("电") && inner.contains('年') {
                let y: String = inner
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if y.len() == 4 {
                    return y.parse().ok();
                }
            }
            rest = &after[b..];
        }
    }
    published
        .and_then(|p| p.get(0..4))
        .and_then(|y| y.parse().ok())
}

/// Days since 0000-03-01 for comparing dates (proleptic Gregorian).
fn day_number(y: i32, m: u32, d: u32) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = i64::from(y).div_euclid(400);
    let yoe = i64::from(y) - era * 400;
    let doy = (153 * i64::from(m) + 2) / 5 + i64::from(d) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
}

/// The year for a month and day: the page's year if it has one, else the year nearest the
/// publication date (12月31日 on a 2001-01-01 page is 2000-12-31).
fn resolve_year(ctx: &FigureContext, m: u32, d: u32) -> Option<i32> {
    if let Some((y, pm, pd)) = published_date(ctx) {
        let p = day_number(y, pm, pd);
        return [y - 1, y, y + 1]
            .into_iter()
            .min_by_key(|cand| (day_number(*cand, m, d) - p).abs());
    }
    ctx.year
}

/// The publication date (year, month, day), if the context has a full one.
fn published_date(ctx: &FigureContext) -> Option<(i32, u32, u32)> {
    let p = ctx.published.as_deref()?;
    Some((
        p.get(0..4)?.parse().ok()?,
        p.get(5..7)?.parse().ok()?,
        p.get(8..10)?.parse().ok()?,
    ))
}

struct Found {
    end: usize,
    value: FigureValue,
}

fn value(kind: FigureKind) -> FigureValue {
    FigureValue::empty(kind)
}

/// The longest of `words` that is written at `i`.
fn longest<'a>(
    chars: &[char],
    i: usize,
    words: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    words
        .into_iter()
        .filter(|w| starts(chars, i, w))
        .max_by_key(|w| len(w))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// The month (and year) for a day written alone (31日): the date with that day nearest the
/// publication date (31日 on a 2001-01-01 page is 2000-12-31).
fn resolve_day(ctx: &FigureContext, d: u32) -> Option<(i32, u32)> {
    let (y, m, pd) = published_date(ctx)?;
    let here = day_number(y, m, pd);
    let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    [(py, pm), (y, m), (ny, nm)]
        .into_iter()
        .filter(|(y, m)| d <= days_in_month(*y, *m))
        .min_by_key(|(y, m)| (day_number(*y, *m, d) - here).abs())
}

/// A number read where a figure may start: its marker or vague word, the digits, and what
/// follows them directly (a range, 余/多, 几).
struct Number {
    /// Where the digits start (after a marker, a sign or a vague word).
    n0: usize,
    /// One past the number.
    end: usize,
    num: Decimal,
    upper: Option<Decimal>,
    /// From a marker before the number, or a range.
    q: Option<Qualifier>,
    /// From 余 / 多 after it, or a vague word before it.
    after_q: Option<Qualifier>,
    /// A marker before it (近 also means "recent").
    marker: Option<Qualifier>,
    /// A minus sign or 零下 before it.
    negative: bool,
    /// Written with Chinese numerals.
    chinese: bool,
    /// 数万, 上百: a vague amount.
    vague: bool,
}

fn read_number(chars: &[char], i: usize) -> Option<Number> {
    let mut negative = false;
    let marker = MARKERS.iter().find(|(m, _)| starts(chars, i, m));
    let mut n0 = marker.map_or(i, |(m, _)| i + len(m));
    if marker.is_none() {
        if starts(chars, i, "零下") {
            negative = true;
            n0 = i + 2;
        } else if matches!(chars[i], '－' | '-')
            && chars.get(i + 1).is_some_and(|c| is_arabic(*c))
            && (i == 0 || !is_numeral_char(chars[i - 1]) && !chars[i - 1].is_ascii_alphanumeric())
        {
            negative = true;
            n0 = i + 1;
        } else if let Some((_, min_power)) = VAGUE.iter().find(|(c, _)| chars[i] == *c) {
            // 建成百名: 成 ends a verb (建成, 变成, 组成) and is no vague word.
            if chars[i] == '成' && i > 0 && VERBS_BEFORE_CHENG.contains(chars[i - 1]) {
                return None;
            }
            let run = chars[i + 1..]
                .iter()
                .take_while(|c| super::numerals::unit_power(**c).is_some())
                .count();
            if run > 0 && super::numerals::unit_power(chars[i + 1]).is_some_and(|p| p >= *min_power)
            {
                let s: String = chars[i + 1..i + 1 + run].iter().collect();
                let num = super::numerals::parse_decimal(&s)?;
                return Some(Number {
                    n0: i + 1,
                    end: i + 1 + run,
                    num,
                    upper: None,
                    q: None,
                    after_q: Some(Qualifier::AtLeast),
                    marker: None,
                    negative: false,
                    chinese: true,
                    vague: true,
                });
            }
            return None;
        }
    }
    if n0 >= chars.len()
        || !is_numeral_char(chars[n0])
        || matches!(chars[n0], '.' | '．' | ',' | '，')
    {
        return None;
    }
    // 队伍, 大陆: a banker's numeral alone is a char of a word.
    if matches!(chars[n0], '伍' | '陆' | '陸')
        && !chars.get(n0 + 1).is_some_and(|c| is_numeral_char(*c))
    {
        return None;
    }
    // The rest of a vague amount (the 万 of 数万, the 百 of 上百) is not a figure of its own.
    if n0 == i
        && n0 > 0
        && (matches!(chars[n0 - 1], '数' | '几' | '若') && !is_arabic(chars[n0])
            || matches!(chars[n0 - 1], '上' | '成')
                && super::numerals::unit_power(chars[n0]).is_some_and(|p| p >= 2)
                && !(chars[n0 - 1] == '成'
                    && n0 >= 2
                    && VERBS_BEFORE_CHENG.contains(chars[n0 - 2])))
    {
        return None;
    }
    let mut q = marker.map(|(_, q)| *q);
    let mut upper: Option<Decimal> = None;
    let (mut e, mut num);
    // 二三十, 五六十: two adjacent digits before 十/百/千/万 make a range.
    if n0 + 2 < chars.len()
        && is_chinese_digit(chars[n0])
        && is_chinese_digit(chars[n0 + 1])
        && let (Some(a), Some(b), Some(p)) = (
            digit_value(chars[n0]),
            digit_value(chars[n0 + 1]),
            super::numerals::unit_power(chars[n0 + 2]),
        )
        && b == a + 1
        && a > 0
    {
        num = Decimal::int(i128::from(a)).times_pow10(p)?;
        upper = Some(Decimal::int(i128::from(b)).times_pow10(p)?);
        q = Some(Qualifier::Range);
        e = n0 + 3;
    } else {
        (e, num) = scan(chars, n0)?;
        // 三四天: two adjacent Chinese digits make a range (and 三五, "three to five").
        if e - n0 == 2
            && is_chinese_digit(chars[n0])
            && is_chinese_digit(chars[n0 + 1])
            && let (Some(a), Some(b)) = (digit_value(chars[n0]), digit_value(chars[n0 + 1]))
            && (b == a + 1 || (a, b) == (3, 5))
        {
            num = Decimal::int(i128::from(a));
            upper = Some(Decimal::int(i128::from(b)));
            q = Some(Qualifier::Range);
        } else if e - n0 == 2
            && chars[n0] == '三'
            && chars[n0 + 1] == '两'
            && chars.get(e).is_some_and(|c| "个人天年次句步".contains(*c))
        {
            // 三两个: two or three.
            num = Decimal::int(2);
            upper = Some(Decimal::int(3));
            q = Some(Qualifier::Range);
        }
        // 5~10个, 3至5年.
        if e < chars.len()
            && matches!(chars[e], '~' | '～' | '至' | '到' | '-' | '—' | '－')
            && let Some((e2, n2)) = scan(chars, e + 1)
        {
            // ２０００-３０００万吨: the 万 or 亿 written once at the end counts for both ends.
            let power = super::numerals::unit_power(chars[e2 - 1]).filter(|p| *p >= 4);
            let lower_has_power = chars[n0..e]
                .iter()
                .any(|c| super::numerals::unit_power(*c).is_some_and(|p| p >= 4));
            if let Some(p) = power
                && !lower_has_power
                && let Some(scaled) = num.times_pow10(p)
                && scaled.to_f64() <= n2.to_f64()
            {
                num = scaled;
            }
            upper = Some(n2);
            q = Some(Qualifier::Range);
            e = e2;
        }
    }
    // 四点七米, 一点五倍: 点 as a decimal point between Chinese numerals, before a measure
    // word (not a time: 三点五十分, 九点半).
    if upper.is_none()
        && chars[n0..e].iter().all(|c| !is_arabic(*c))
        && let Some((e2, d)) = chinese_point(chars, e, num)
        && (longest(chars, e2, MEASURES.iter().copied()).is_some()
            || starts(chars, e2, "倍")
            || starts(chars, e2, "个百分点"))
    {
        num = d;
        e = e2;
    }
    // 十三点二九亿: 点 as a decimal point between Chinese numerals, before 万 or 亿.
    if e < chars.len() && chars[e] == '点' && upper.is_none() {
        let k = chars[e + 1..]
            .iter()
            .take_while(|c| is_chinese_digit(**c))
            .count();
        if k > 0
            && let Some(p) = chars
                .get(e + 1 + k)
                .and_then(|c| super::numerals::unit_power(*c))
                .filter(|p| *p >= 4)
        {
            let frac: String = chars[e + 1..e + 1 + k]
                .iter()
                .filter_map(|c| digit_value(*c).and_then(|d| char::from_digit(d, 10)))
                .collect();
            let whole = num.to_f64();
            if whole.fract() == 0.0
                && let Some(d) =
                    super::numerals::parse_decimal(&format!("{}.{frac}", whole as i128))
            {
                num = d.times_pow10(p)?;
                e += k + 2;
            }
        }
    }
    let mut after_q = None;
    // 十几个, 二十几人: a multiple of ten before 几 is a range of the next nine.
    let whole = num.scale == 0 || num.mantissa % 10i128.pow(num.scale) == 0;
    if e < chars.len() && chars[e] == '几' && upper.is_none() && whole && num.to_f64() >= 10.0 {
        let n = num.to_f64() as i128;
        if n % 10 == 0 {
            num = Decimal::int(n + 1);
            upper = Some(Decimal::int(n + 9));
            q = Some(Qualifier::Range);
            e += 1;
        }
    }
    // 余 / 多 right after the number (900余人, 20多个), possibly before 万/亿 (120多万).
    if e < chars.len() && matches!(chars[e], '余' | '多') {
        after_q = Some(Qualifier::AtLeast);
        e += 1;
        if e < chars.len()
            && let Some(p) = super::numerals::unit_power(chars[e]).filter(|p| *p >= 4)
        {
            num = num.times_pow10(p)?;
            e += 1;
        }
    }
    // 十来岁, ２００来亩, 一百来斤: 来 after a round number, before its unit, means "about".
    if after_q.is_none()
        && upper.is_none()
        && chars.get(e) == Some(&'来')
        && whole
        && num.to_f64() >= 10.0
        && (num.to_f64() as i128) % 10 == 0
        && unit_follows(chars, e + 1)
    {
        after_q = Some(Qualifier::Approx);
        e += 1;
    }
    // 十, 百 and 两 are Chinese too: no Arabic digit at all.
    let chinese = chars[n0..e].iter().any(|c| is_chinese_digit(*c))
        || !chars[n0..e].iter().any(|c| is_arabic(*c));
    Some(Number {
        n0,
        end: e,
        num,
        upper,
        q,
        after_q,
        marker: marker.map(|(_, q)| *q),
        negative,
        chinese,
        vague: false,
    })
}

/// Whether a measure word, a length of time or a currency starts at `k`.
fn unit_follows(chars: &[char], k: usize) -> bool {
    longest(chars, k, MEASURES.iter().copied()).is_some()
        || longest(chars, k, DURATIONS.iter().map(|(u, _)| *u)).is_some()
        || longest(chars, k, CURRENCIES.iter().map(|(u, _)| *u)).is_some()
}

/// An era year: 万历十一年, 顺治元年.
fn era_year(chars: &[char], i: usize) -> Option<Found> {
    let (era, first) = ERAS.iter().find(|(e, _)| starts(chars, i, e))?;
    let n0 = i + len(era);
    let (e, n) = if chars.get(n0) == Some(&'元') {
        (n0 + 1, 1)
    } else {
        let (e, d) = scan(chars, n0)?;
        (e, decimal_f64(d) as i32)
    };
    if chars.get(e) != Some(&'年') || !(1..=70).contains(&n) {
        return None;
    }
    let mut v = value(FigureKind::Date);
    let y = format!("{:04}", first + n - 1);
    v.date = Some(y.clone());
    v.resolved = Some(y);
    Some(Found {
        end: e + 1,
        value: v,
    })
}

/// A fraction as a percentage: 三分之一 (33.33 %), １／４ (25 %).
fn fraction(chars: &[char], i: usize) -> Option<Found> {
    let (e, a) = scan(chars, i)?;
    // (end, numerator, denominator): 三分之一 names the denominator first, １／４ last.
    let (end, num, den) = if starts(chars, e, "分之") {
        let (e2, b) = scan(chars, e + 2)?;
        (e2, b, a)
    } else if matches!(chars.get(e), Some('／' | '/'))
        && chars[i..e].iter().all(|c| is_arabic(*c))
        && chars.get(e + 1).is_some_and(|c| is_arabic(*c))
    {
        let (e2, b) = scan(chars, e + 1)?;
        if chars
            .get(e2)
            .is_some_and(|c| is_arabic(*c) || matches!(c, '／' | '/'))
        {
            return None;
        }
        (e2, a, b)
    } else {
        return None;
    };
    let den = decimal_f64(den);
    if den == 0.0 {
        return None;
    }
    let v = decimal_f64(num) / den * 100.0;
    let mut f = value(FigureKind::Percent);
    f.number = Some(round_percent(v));
    f.unit = Some("%".into());
    Some(Found { end, value: f })
}

/// A percentage to two decimals, or to four significant digits below 1 % (百万分之八 is
/// 0.0008 %, not 0).
fn round_percent(v: f64) -> f64 {
    if v.abs() >= 1.0 || v == 0.0 {
        return (v * 100.0).round() / 100.0;
    }
    let scale = 10f64.powi(3 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// A year in brackets after a date written another way: 辛丑年（１６０１）.
fn bracketed_year(chars: &[char], i: usize) -> Option<Found> {
    if i == 0 || !matches!(chars[i - 1], '（' | '(') || i + 4 >= chars.len() {
        return None;
    }
    if !chars[i..i + 4].iter().all(|c| is_arabic(*c)) || !matches!(chars[i + 4], '）' | ')') {
        return None;
    }
    let (_, y) = scan(chars, i)?;
    let y = decimal_f64(y) as i32;
    if !(1000..=2100).contains(&y) {
        return None;
    }
    let mut v = value(FigureKind::Date);
    v.date = Some(format!("{y:04}"));
    v.resolved = v.date.clone();
    Some(Found {
        end: i + 4,
        value: v,
    })
}

/// Ordinals: 第 + numeral (+ measure word). Not 第242和338号 (numbers of resolutions), 第一，
/// (a list in prose), nor 第三产业 (a name).
fn ordinal(chars: &[char], i: usize) -> Option<(usize, Found)> {
    // 第（一）项: the numeral of a list item in brackets (or with its closing one lost).
    let bracket = matches!(chars.get(i + 1), Some('（' | '('));
    let (mut e, n) = scan(chars, i + 1 + usize::from(bracket))?;
    if bracket && matches!(chars.get(e), Some('）' | ')')) {
        e += 1;
    }
    if chars.get(e).is_some_and(|c| {
        matches!(
            c,
            '号' | '，' | '、' | ',' | '和' | '至' | '－' | '-' | '是'
        )
    }) {
        return None;
    }
    if NOT_ORDINAL_BEFORE.iter().any(|w| starts(chars, e, w)) {
        return None;
    }
    if INSTITUTIONS.iter().any(|w| starts(chars, e, w)) {
        return None;
    }
    let mut v = value(FigureKind::Ordinal);
    v.number = Some(decimal_f64(n));
    let mut end = e;
    if let Some(m) = longest(chars, e, MEASURES.iter().chain(&ORDINAL_UNITS).copied()) {
        v.unit = Some(m.to_string());
        end = e + len(m);
    } else {
        // 第六人民医院, 第三制药厂, 第二炮兵: the number of an institution, part of its name.
        let clause: String = chars[e..]
            .iter()
            .take(8)
            .take_while(|c| is_cjk_char(**c))
            .collect();
        if INSTITUTIONS.iter().any(|w| clause.contains(w)) {
            return None;
        }
    }
    Some((i, Found { end, value: v }))
}

/// How far from where a figure starts its first numeral can be.
const NUMERAL_WITHIN: usize = 12;

/// Try every figure pattern at `i`.
fn at(chars: &[char], i: usize, ctx: &FigureContext) -> Option<(usize, Found)> {
    // Every figure holds a numeral (or 半, or the 元 of 元年) within its first chars: the
    // longest marker (最多不得超过) and a part of the day (凌晨) come before it. Most chars
    // of a text are far from one, and are passed over at once.
    let near = &chars[i..(i + NUMERAL_WITHIN).min(chars.len())];
    if !near
        .iter()
        .any(|c| is_numeral_char(*c) || matches!(c, '半' | '元' | '俩' | '双'))
    {
        return None;
    }
    let found = figure_at(chars, i, ctx)?;
    // Checked only once a figure is found: the recogniser asks at every char.
    if WORDS_NOT_FIGURES
        .iter()
        .any(|w| (0..len(w)).any(|k| k <= i && starts(chars, i - k, w)))
    {
        return None;
    }
    Some(found)
}

/// The figure starting at `i`, before the words that only look like figures are left out.
fn figure_at(chars: &[char], i: usize, ctx: &FigureContext) -> Option<(usize, Found)> {
    if let Some(f) = era_year(chars, i) {
        return Some((i, f));
    }
    // １.１９８７年向单位发行…: the number of a list item at the start of a line, then a year.
    if (1..=2).any(|k| after_list_number(chars, i + k + 1)) {
        return None;
    }
    if chars[i] == '第' {
        return ordinal(chars, i);
    }
    // 百分之X, 百分之十三点八六.
    if starts(chars, i, "百分之") {
        let (mut e, mut n) = scan(chars, i + 3)?;
        if chars[i + 3..e].iter().all(|c| !is_arabic(*c))
            && let Some((e2, d)) = chinese_point(chars, e, n)
        {
            (e, n) = (e2, d);
        }
        let mut v = value(FigureKind::Percent);
        v.number = Some(decimal_f64(n));
        v.unit = Some("%".into());
        return Some((i, Found { end: e, value: v }));
    }
    if let Some(f) = bracketed_year(chars, i) {
        return Some((i, f));
    }
    // 一半: half, 50 % (not 一半儿, 另一半), with a marker before it (超过一半, 超过半数).
    let half_marker = MARKERS.iter().find(|(m, _)| {
        starts(chars, i, m)
            && (starts(chars, i + len(m), "一半") || starts(chars, i + len(m), "半数"))
    });
    let h = half_marker.map_or(i, |(m, _)| i + len(m));
    if (starts(chars, h, "一半") || half_marker.is_some())
        && chars.get(h + 2) != Some(&'儿')
        && (half_marker.is_some() || i == 0 || !matches!(chars[i - 1], '另' | '多' | '大' | '小'))
    {
        let mut v = value(FigureKind::Percent);
        v.number = Some(50.0);
        v.unit = Some("%".into());
        v.qualifier = half_marker.map(|(_, q)| *q);
        let f = Found {
            end: h + 2,
            value: v,
        };
        let n = Number {
            n0: h,
            end: h + 2,
            num: Decimal::int(50),
            upper: None,
            q: None,
            after_q: None,
            marker: None,
            negative: false,
            chinese: true,
            vague: false,
        };
        return Some((i, extend(chars, f, &n)));
    }
    // 半个世纪, 半个多月, (不满)半年: half a length of time (not 上半年, the first half of a
    // year).
    let half_marker = MARKERS
        .iter()
        .find(|(m, _)| starts(chars, i, m) && chars.get(i + len(m)) == Some(&'半'));
    let h = half_marker.map_or(i, |(m, _)| i + len(m));
    if chars[h] == '半'
        && let Some(u) = longest(chars, h + 1, DURATIONS.iter().map(|(u, _)| *u))
        && (u.starts_with('个')
            || u == "年"
                && (h == 0 || !"上下前后大多一".contains(chars[h - 1]))
                && chars
                    .get(h + 2)
                    .is_none_or(|c| !matches!(c, '度' | '级' | '期')))
        && let Some((_, unit)) = DURATIONS.iter().find(|(d, _)| *d == u)
    {
        let mut v = value(FigureKind::Duration);
        v.number = Some(0.5);
        v.unit = Some((*unit).into());
        if u.starts_with("个多") {
            v.qualifier = Some(Qualifier::AtLeast);
        }
        if let Some((_, q)) = half_marker {
            v.qualifier = Some(*q);
        }
        let mut end = h + 1 + len(u);
        // 半年多: more than half a year.
        if u == "年" && chars.get(end) == Some(&'多') && v.qualifier.is_none() {
            v.qualifier = Some(Qualifier::AtLeast);
            end += 1;
        }
        return Some((i, Found { end, value: v }));
    }
    // A fraction, with a marker before it: 大于十分之九.
    let frac_marker = MARKERS.iter().find(|(m, _)| starts(chars, i, m));
    if let Some(mut f) = fraction(chars, frac_marker.map_or(i, |(m, _)| i + len(m))) {
        f.value.qualifier = frac_marker.map(|(_, q)| *q);
        // １／４以上: at least a quarter.
        if let Some((w, q)) = AFTER_QUALIFIERS
            .iter()
            .find(|(w, _)| starts(chars, f.end, w))
            && f.value.qualifier.is_none()
        {
            f.value.qualifier = Some(*q);
            f.end += len(w);
        }
        // 五分之一至二分之一: a range of fractions.
        if f.value.qualifier.is_none()
            && matches!(chars.get(f.end), Some('至' | '到' | '~' | '～' | '—'))
            && let Some(g) = fraction(chars, f.end + 1)
            && g.value.number > f.value.number
        {
            f.value.upper = g.value.number;
            f.value.qualifier = Some(Qualifier::Range);
            f.end = g.end;
        }
        return Some((i, f));
    }
    let n = read_number(chars, i)?;
    let (start, mut found) = after_number(chars, i, &n, ctx)?;
    // 1994年前后, 21日左右: about that date.
    if found.value.kind == FigureKind::Date
        && found.value.qualifier.is_none()
        && let Some(w) = ["前后", "左右"]
            .into_iter()
            .find(|w| starts(chars, found.end, w))
    {
        found.value.qualifier = Some(Qualifier::Approx);
        found.end += len(w);
    }
    Some((start, extend(chars, found, &n)))
}

/// A figure whose unit is written again after a range (５年至７年, ２０个至３０个) takes the
/// range; a qualifier written after it (以上, 左右) joins it.
fn extend(chars: &[char], mut f: Found, n: &Number) -> Found {
    use FigureKind::*;
    if !matches!(f.value.kind, Quantity | Money | Percent | Duration | Time) {
        return f;
    }
    let unit: Vec<char> = chars[n.end..f.end].to_vec();
    if f.value.upper.is_none()
        && !unit.is_empty()
        && f.end < chars.len()
        && matches!(chars[f.end], '至' | '到' | '~' | '～' | '—' | '－' | '-')
        && let Some((e2, n2)) = scan(chars, f.end + 1)
        && chars.get(e2..e2 + unit.len()) == Some(&unit[..])
        && unit != ['成']
    {
        f.value.upper = Some(decimal_f64(n2));
        f.value.qualifier = Some(Qualifier::Range);
        f.end = e2 + unit.len();
    }
    // ８０米到４０米: a range is stored low to high, whichever end is written first.
    if let (Some(a), Some(b)) = (f.value.number, f.value.upper)
        && b < a
    {
        f.value.number = Some(b);
        f.value.upper = Some(a);
    }
    if let Some((w, q)) = AFTER_QUALIFIERS
        .iter()
        .find(|(w, _)| starts(chars, f.end, w))
        && f.value.qualifier.is_none_or(|old| old == *q)
    {
        f.value.qualifier = Some(*q);
        f.end += len(w);
    } else if f.value.qualifier.is_none()
        && starts(chars, f.end, "上下")
        && chars.get(f.end + 2).is_none_or(|c| !is_cjk_char(*c))
    {
        // 每桶25美元上下: about (上下 before 班, 车 … is another word).
        f.value.qualifier = Some(Qualifier::Approx);
        f.end += 2;
    } else if f.value.kind == Percent
        && f.value.qualifier.is_none()
        && chars.get(f.end) == Some(&'多')
    {
        // 12％多: a little over.
        f.value.qualifier = Some(Qualifier::AtLeast);
        f.end += 1;
    }
    f
}

/// What follows a number decides its kind: a percent sign, a date's 年/月/日, a time, a
/// currency, a duration or a measure word; or a bare count of 万 or 亿.
fn after_number(
    chars: &[char],
    i: usize,
    n: &Number,
    ctx: &FigureContext,
) -> Option<(usize, Found)> {
    let (n0, e, num, upper, q, after_q) = (n.n0, n.end, n.num, n.upper, n.q, n.after_q);
    let num_f = decimal_f64(num);
    let lone_yi = e - n0 == 1 && chars[n0] == '一';
    let digits4 = e - n0 == 4 && chars[n0..e].iter().all(|c| digit_value(*c).is_some());
    let plain = q.is_none() && upper.is_none() && after_q.is_none() && !n.negative;
    let at_end = |k: usize| k >= chars.len();

    if n.negative
        && !TEMPERATURES
            .iter()
            .any(|t| longest(chars, e, MEASURES.iter().copied()) == Some(*t))
    {
        return None;
    }
    // Percentage and per-mille points, and per-mille.
    if let Some(u) = ["个百分点", "个千分点", "‰"]
        .into_iter()
        .find(|u| starts(chars, e, u))
    {
        let mut v = value(FigureKind::Percent);
        v.number = Some(num_f);
        v.upper = upper.map(decimal_f64);
        v.unit = Some(u.into());
        v.qualifier = q.or(after_q);
        return Some((
            i,
            Found {
                end: e + len(u),
                value: v,
            },
        ));
    }
    // Percentages.
    if !at_end(e) && matches!(chars[e], '%' | '％') {
        let mut v = value(FigureKind::Percent);
        v.number = Some(num_f);
        v.upper = upper.map(decimal_f64);
        v.unit = Some("%".into());
        v.qualifier = q.or(after_q);
        return Some((
            i,
            Found {
                end: e + 1,
                value: v,
            },
        ));
    }
    // 三成, 二三成.
    if !at_end(e)
        && chars[e] == '成'
        && (e - n0 == 1 || upper.is_some() && e - n0 == 2)
        && is_chinese_digit(chars[n0])
        && !(e + 1 < chars.len()
            && matches!(
                chars[e + 1],
                '为' | '立' | '员' | '果' | '功' | '绩' | '本' | '长'
            ))
    {
        let mut v = value(FigureKind::Percent);
        v.number = Some(num_f * 10.0);
        v.upper = upper.map(|u| decimal_f64(u) * 10.0);
        v.unit = Some("%".into());
        v.qualifier = q;
        return Some((
            i,
            Found {
                end: e + 1,
                value: v,
            },
        ));
    }
    // Two centuries: 十四至十六世纪, 十九、二十世纪 (one span, a range).
    let century_pair = match upper {
        Some(u) if q == Some(Qualifier::Range) && after_q.is_none() && n.marker.is_none() => {
            Some((e, decimal_f64(u)))
        }
        None if plain && chars.get(e) == Some(&'、') => scan(chars, e + 1)
            .filter(|(e2, _)| starts(chars, *e2, "世纪"))
            .map(|(e2, u)| (e2, decimal_f64(u))),
        _ => None,
    };
    if let Some((e2, u)) = century_pair
        && starts(chars, e2, "世纪")
        && num_f.fract() == 0.0
        && u.fract() == 0.0
        && num_f >= 1.0
        && num_f < u
        && u <= 30.0
    {
        let mut v = value(FigureKind::Date);
        v.number = Some(num_f);
        v.upper = Some(u);
        v.unit = Some("世纪".into());
        v.qualifier = Some(Qualifier::Range);
        v.date = Some(format!("{:02}XX/{:02}XX", num_f as i32 - 1, u as i32 - 1));
        return Some((
            i,
            Found {
                end: e2 + 2,
                value: v,
            },
        ));
    }
    // Centuries: 21世纪, and a decade in it: 20世纪60年代.
    if starts(chars, e, "世纪") && plain && num_f.fract() == 0.0 && (1.0..=30.0).contains(&num_f)
    {
        let c = num_f as i32;
        let mut v = value(FigureKind::Date);
        let mut end = e + 2;
        v.number = Some(num_f);
        v.unit = Some("世纪".into());
        v.date = Some(format!("{:02}XX", c - 1));
        if let Some((e2, d)) = scan(chars, end)
            && starts(chars, e2, "年代")
            && let Some(date) = decade(c - 1, decimal_f64(d))
        {
            v.number = Some(decimal_f64(d));
            v.unit = Some("年代".into());
            v.date = Some(date);
            end = e2 + 2;
        }
        return Some((i, Found { end, value: v }));
    }
    // Decades: 90年代, 五六十年代 (of the 1900s).
    if starts(chars, e, "年代") && q.is_none_or(|q| q == Qualifier::Range) && after_q.is_none() {
        let date = decade(19, num_f)?;
        let mut v = value(FigureKind::Date);
        v.number = Some(num_f);
        v.unit = Some("年代".into());
        v.date = Some(date);
        if let Some(u) = upper {
            v.upper = Some(decimal_f64(u));
            v.qualifier = Some(Qualifier::Range);
            v.date = Some(format!(
                "{}/{}",
                v.date.as_deref()?,
                decade(19, decimal_f64(u))?
            ));
        }
        return Some((
            i,
            Found {
                end: e + 2,
                value: v,
            },
        ));
    }
    // A range of years: 1776—1781年, 2003至2005年 (年 written once, for both).
    if let Some(u) = upper
        && q == Some(Qualifier::Range)
        && after_q.is_none()
        && n.marker.is_none()
        && chars.get(e) == Some(&'年')
        && chars[n0..n0 + 4].iter().all(|c| digit_value(*c).is_some())
        && e >= n0 + 9
        && chars[e - 4..e].iter().all(|c| digit_value(*c).is_some())
        && !starts(chars, e + 1, "代")
    {
        let (a, b) = (num_f, decimal_f64(u));
        if a.fract() == 0.0 && b.fract() == 0.0 && (1000.0..b).contains(&a) && b <= 2100.0 {
            let mut v = value(FigureKind::Date);
            let date = format!("{:04}/{:04}", a as i32, b as i32);
            v.resolved = Some(date.clone());
            v.date = Some(date);
            return Some((
                i,
                Found {
                    end: e + 1,
                    value: v,
                },
            ));
        }
    }
    // Dates: [YYYY年][M月[D日]], 2000年度, 2月份.
    if !at_end(e) && chars[e] == '年' && digits4 && plain && !length_before(chars, i) {
        let y = num_f as i32;
        let mut end = e + 1;
        let mut date = format!("{y:04}");
        // 2000年1—11月, 2000年1至10月: a range of months of that year, 月 written once.
        let months = scan(chars, end)
            .filter(|(e2, _)| matches!(chars.get(*e2), Some('—' | '－' | '-' | '至' | '到' | '～')))
            .and_then(|(e2, m)| {
                let (e3, m2) = scan(chars, e2 + 1)?;
                let (a, b) = (decimal_f64(m), decimal_f64(m2));
                (chars.get(e3) == Some(&'月')
                    && a.fract() == 0.0
                    && b.fract() == 0.0
                    && a >= 1.0
                    && a < b
                    && b <= 12.0)
                    .then_some((e3 + 1, a as u32, b as u32))
            });
        if starts(chars, end, "度") {
            end += 1;
        } else if let Some((e3, a, b)) = months {
            end = e3;
            if starts(chars, end, "份") {
                end += 1;
            }
            date = format!("{y:04}-{a:02}/{y:04}-{b:02}");
        } else if let Some((e2, m)) = scan(chars, end)
            && e2 < chars.len()
            && chars[e2] == '月'
        {
            let m = decimal_f64(m) as u32;
            if (1..=12).contains(&m) {
                end = e2 + 1;
                date = format!("{y:04}-{m:02}");
                if let Some((e3, d)) = scan(chars, end)
                    && e3 < chars.len()
                    && matches!(chars[e3], '日' | '号')
                {
                    let d = decimal_f64(d) as u32;
                    if (1..=31).contains(&d) {
                        end = e3 + 1;
                        date = format!("{date}-{d:02}");
                    }
                } else if starts(chars, end, "份") {
                    end += 1;
                }
            }
        }
        let mut v = value(FigureKind::Date);
        v.resolved = Some(date.clone());
        v.date = Some(date);
        return Some((i, Found { end, value: v }));
    }
    // A range of months: 七八月份, 1至11月, 9、10月.
    let month_pair = match upper {
        Some(u) if q == Some(Qualifier::Range) && after_q.is_none() && n.marker.is_none() => {
            Some((e, decimal_f64(u)))
        }
        None if plain && chars.get(e) == Some(&'、') => scan(chars, e + 1)
            .filter(|(e2, _)| chars.get(*e2) == Some(&'月'))
            .map(|(e2, u)| (e2, decimal_f64(u))),
        _ => None,
    };
    if let Some((e2, u)) = month_pair
        && chars.get(e2) == Some(&'月')
        && num_f.fract() == 0.0
        && u.fract() == 0.0
        && num_f >= 1.0
        && num_f < u
        && u <= 12.0
    {
        let (a, b) = (num_f as u32, u as u32);
        let mut end = e2 + 1;
        if starts(chars, end, "份") {
            end += 1;
        }
        let mut v = value(FigureKind::Date);
        v.date = Some(format!("--{a:02}/--{b:02}"));
        // Both ends in the year of the last month: 1至11月 written on 1 January is last year's.
        if let Some(y) = resolve_year(ctx, b, 15).or(ctx.year) {
            v.resolved = Some(format!("{y:04}-{a:02}/{y:04}-{b:02}"));
        }
        return Some((i, Found { end, value: v }));
    }
    if !at_end(e) && chars[e] == '月' && plain {
        let m = num_f as u32;
        if (1..=12).contains(&m) && num_f.fract() == 0.0 {
            let mut v = value(FigureKind::Date);
            let mut end = e + 1;
            let mut day = None;
            if let Some((e3, d)) = scan(chars, end)
                && e3 < chars.len()
                && matches!(chars[e3], '日' | '号')
            {
                let d = decimal_f64(d) as u32;
                if (1..=31).contains(&d) {
                    end = e3 + 1;
                    day = Some(d);
                }
            }
            match day {
                Some(d) => {
                    v.date = Some(format!("--{m:02}-{d:02}"));
                    v.resolved = resolve_year(ctx, m, d).map(|y| format!("{y:04}-{m:02}-{d:02}"));
                }
                None => {
                    if starts(chars, end, "份") {
                        end += 1;
                    }
                    v.date = Some(format!("--{m:02}"));
                    v.resolved = resolve_year(ctx, m, 15)
                        .or(ctx.year)
                        .map(|y| format!("{y:04}-{m:02}"));
                }
            }
            return Some((i, Found { end, value: v }));
        }
    }
    // N日内, N日以内 (within N days, in laws and notices): a length of time.
    if !at_end(e)
        && chars[e] == '日'
        && plain
        && (chars.get(e + 1) == Some(&'内')
            || starts(chars, e + 1, "以内")
            || starts(chars, e + 1, "之内"))
    {
        let mut v = value(FigureKind::Duration);
        v.number = Some(num_f);
        v.unit = Some("日".into());
        return Some((
            i,
            Found {
                end: e + 1,
                value: v,
            },
        ));
    }
    // A day alone: 31日 (not 100日元).
    if !at_end(e)
        && chars[e] == '日'
        && plain
        && !lone_yi
        && num_f.fract() == 0.0
        && (1.0..=31.0).contains(&num_f)
        && !chars.get(e + 1).is_some_and(|c| matches!(c, '元' | '圆'))
    {
        let d = num_f as u32;
        let mut v = value(FigureKind::Date);
        v.date = Some(format!("---{d:02}"));
        v.resolved = resolve_day(ctx, d).map(|(y, m)| format!("{y:04}-{m:02}-{d:02}"));
        return Some((
            i,
            Found {
                end: e + 1,
                value: v,
            },
        ));
    }
    // Times of day: [上午]9时[30分|半], 零时.
    if !at_end(e)
        && matches!(chars[e], '时' | '点')
        && num_f <= 24.0
        && upper.is_none_or(|u| decimal_f64(u) <= 24.0)
    {
        let daypart = DAYPARTS
            .iter()
            .filter(|(p, _)| i >= len(p) && starts(chars, i - len(p), p))
            .max_by_key(|(p, _)| len(p));
        // 点 needs a day part or minutes to be a time (一点 is "a little").
        let minutes = scan(chars, e + 1).filter(|(e2, _)| *e2 < chars.len() && chars[*e2] == '分');
        let half = chars.get(e + 1) == Some(&'半');
        // 10点钟: o'clock.
        let oclock = chars[e] == '点' && chars.get(e + 1) == Some(&'钟');
        if chars[e] == '时' || daypart.is_some() || minutes.is_some() || half || oclock {
            if lone_yi && (daypart.is_none() || chars[e] == '点' && minutes.is_none() && !half) {
                return None;
            }
            let start = daypart.map_or(i, |(p, _)| i - len(p));
            let mut v = value(FigureKind::Time);
            let mut h = num_f;
            if let Some((_, add)) = daypart
                && h < 12.0
            {
                h += add;
            }
            v.number = Some(h);
            v.unit = Some("时".into());
            v.qualifier = q;
            if let Some(u) = upper {
                let u = decimal_f64(u);
                v.upper = Some(if u < 12.0 { u + (h - num_f) } else { u });
            }
            let mut end = e + 1;
            if let Some((e2, m)) = minutes {
                v.number = Some(h + decimal_f64(m) / 60.0);
                end = e2 + 1;
            } else if half {
                v.number = Some(h + 0.5);
                end += 1;
            } else if oclock {
                end += 1;
            }
            // 上午10时多: a little after.
            if v.qualifier.is_none() && minutes.is_none() && chars.get(end) == Some(&'多') {
                v.qualifier = Some(Qualifier::AtLeast);
                end += 1;
                // 凌晨1点多钟.
                if chars[e] == '点' && chars.get(end) == Some(&'钟') {
                    end += 1;
                }
            }
            return Some((start, Found { end, value: v }));
        }
    }
    // Money.
    if let Some(u) = longest(chars, e, CURRENCIES.iter().map(|(u, _)| *u))
        && let Some((_, unit)) = CURRENCIES.iter().find(|(c, _)| *c == u)
    {
        let mut v = value(FigureKind::Money);
        v.number = Some(num_f);
        v.upper = upper.map(decimal_f64);
        v.unit = Some((*unit).into());
        v.qualifier = q.or(after_q);
        return Some((
            i,
            Found {
                end: e + len(u),
                value: v,
            },
        ));
    }
    // Durations (days, months, hours, and years under 1000).
    if let Some(u) = longest(chars, e, DURATIONS.iter().map(|(u, _)| *u))
        && let Some((_, unit)) = DURATIONS.iter().find(|(d, _)| *d == u)
    {
        let years = *unit == "年";
        // 一年比一年好: year after year.
        // 有一年，…: "one year" as in "once", at the start of a clause.
        let once =
            i >= 1 && chars[i - 1] == '有' && (i == 1 || "\n。，；！？：".contains(chars[i - 2]));
        let article = lone_yi
            && (i > 0 && ONE_AS_ARTICLE_BEFORE.contains(chars[i - 1])
                || starts(chars, e + len(u), "比一")
                || once);
        // 百年银杏, 千年古刹: a bare hundred or thousand years before a noun is an attribute.
        let attribute = years
            && !n.vague
            && n.marker.is_none()
            && chars[n0..e].iter().all(|c| matches!(c, '百' | '千' | '万'))
            && chars
                .get(e + len(u))
                .is_some_and(|c| is_cjk_char(*c) && !BARE_YEARS_STAY_BEFORE.contains(*c));
        if attribute {
            return None;
        }
        // 二年级, 12年级: a school grade, not a length.
        if years && chars.get(e + len(u)) == Some(&'级') {
            return None;
        }
        // 3000余年, 每隔3000年, 历时1200年: a span of years, however many.
        let span_of_years = years && (after_q.is_some() || length_before(chars, i));
        // A year is written digit by digit (1998年, 一九九八年); 一千年 is a length.
        let as_year =
            digits4 || num_f >= 1000.0 && !chars[n0..e].iter().any(|c| is_chinese_digit(*c));
        if !(article || years && as_year && !span_of_years) {
            let end = e + len(u);
            // 近两年来: 近 means "recent", not "about".
            let recent = end < chars.len()
                && RECENT_AFTER.contains(chars[end])
                && n.marker == Some(Qualifier::Approx);
            let start = if recent { n0 } else { i };
            let mut v = value(FigureKind::Duration);
            v.number = Some(num_f);
            v.upper = upper.map(decimal_f64);
            v.unit = Some((*unit).into());
            // 近十几年来, 近十多年来: the range or the 多 stays, only the 近 goes.
            v.qualifier = if recent {
                match q {
                    Some(Qualifier::Approx) | None => after_q,
                    other => other,
                }
            } else {
                q.or(after_q)
            };
            let mut end = end;
            // 1小时25分46秒: one length, in hours.
            if matches!(u, "小时" | "个小时")
                && upper.is_none()
                && let Some((e2, m)) = scan(chars, end)
                && chars.get(e2) == Some(&'分')
            {
                let mut hours = num_f + decimal_f64(m) / 60.0;
                end = e2 + 1;
                if chars.get(end) == Some(&'钟') {
                    end += 1;
                }
                if let Some((e3, sec)) = scan(chars, end)
                    && chars.get(e3) == Some(&'秒')
                {
                    hours += decimal_f64(sec) / 3600.0;
                    end = e3 + 1;
                }
                v.number = Some((hours * 1e8).round() / 1e8);
            }
            // 三年零两个月, 两年又六个月, 一年零三天: one length, in years.
            if u == "年"
                && upper.is_none()
                && matches!(chars.get(end), Some('零' | '又'))
                && let Some((e2, m)) = scan(chars, end + 1)
                && let Some((mu, per_year)) = [
                    ("个月", 12.0),
                    ("个多月", 12.0),
                    ("月", 12.0),
                    ("天", 365.0),
                ]
                .into_iter()
                .find(|(w, _)| starts(chars, e2, w))
            {
                let years = num_f + decimal_f64(m) / per_year;
                v.number = Some((years * 1e8).round() / 1e8);
                end = e2 + len(mu);
                if mu == "个多月" {
                    v.qualifier = Some(Qualifier::AtLeast);
                }
            }
            // 两天两夜, 三天三夜: one length, in days.
            if u == "天" {
                let written = &chars[n0..e];
                let k = end + written.len();
                if chars.get(end..k) == Some(written) && chars.get(k) == Some(&'夜') {
                    end = k + 1;
                }
            }
            if matches!(u, "个多月" | "个多小时" | "个多世纪") {
                v.qualifier = Some(Qualifier::AtLeast);
            } else if v.qualifier.is_none()
                && chars.get(end).is_some_and(|c| matches!(c, '多' | '余'))
            {
                // 一年多, 七年多.
                v.qualifier = Some(Qualifier::AtLeast);
                end += 1;
            }
            return Some((start, Found { end, value: v }));
        }
        if article {
            return None;
        }
    }
    // 7个亿, 几个亿: the spoken form of a sum of 亿 (or 万), which is money, in yuan.
    // (１０５个亿元以上的县 counts counties: 个 then 亿元.)
    if let Some(power) = [("个亿", 1e8), ("个万", 1e4)]
        .iter()
        .find(|(w, _)| starts(chars, e, w))
        .map(|(_, p)| *p)
        && chars.get(e + 2) != Some(&'元')
        && !n.negative
    {
        let mut v = value(FigureKind::Money);
        v.number = Some(num_f * power);
        v.upper = upper.map(|u| decimal_f64(u) * power);
        v.unit = Some("元".into());
        v.qualifier = q.or(after_q);
        return Some((
            i,
            Found {
                end: e + 2,
                value: v,
            },
        ));
    }
    // Counts: number + measure word (+ 余/多/以上).
    // Counting words such as 市 and 国 count few things: not 20余万市民.
    let arabic_only: &[&str] = if n.chinese || num_f >= 10_000.0 {
        &[]
    } else {
        ARABIC_ONLY_MEASURES
    };
    let measure = longest(chars, e, MEASURES.iter().chain(arabic_only).copied())
        // 七度以上: a degree with a bound after it is a measurement, in Chinese numerals too.
        .or_else(|| {
            (starts(chars, e, "度")
                && (starts(chars, e + 1, "以上") || starts(chars, e + 1, "以下")))
            .then_some("度")
        })
        // 20余万市民: a count of cities or counties is small.
        .filter(|m| !(FEW_THINGS.contains(m) && num_f >= 10_000.0))
        // 7500万人口: 人口 (population) is a word, and the number a bare count.
        .filter(|m| !(*m == "人" && chars.get(e + 1) == Some(&'口')));
    if let Some(m) = measure {
        let mut end = e + len(m);
        // 千人冬泳, 百米长卷: 百 or 千 alone, without a digit or a marker, makes a compound;
        // before a few measure words it counts (千对友城, 百名专家, 万吨, 万亩, 百亿斤).
        if !n.vague
            && n.marker.is_none()
            && chars[n0..e]
                .iter()
                .all(|c| matches!(c, '百' | '千' | '万' | '亿'))
            && !BARE_POWER_COUNTS.contains(&m)
            // 亿次, 百亿次, 万亿次 (a computer's speed): a bare number of 亿 counts.
            && chars[e - 1] != '亿'
        {
            return None;
        }
        // Compounds are written with Chinese numerals (一线, 两地, 四级); 3个线上分会场 is a count.
        // 十五届五中全会 is a name; 四起 (arising everywhere) an idiom.
        // 八届人大四次会议: the numbers of a congress and of its session name them.
        let congress = ["人大", "全国人大", "政协", "全国政协"]
            .iter()
            .any(|w| starts(chars, end, w))
            || chars[..n0].ends_with(&['人', '大']) && m == "次" && starts(chars, end, "会议");
        let name = m == "届" && chars.get(end).is_some_and(|c| is_numeral_char(*c))
            || n.chinese && congress;
        let idiom = e - n0 == 1
            && is_chinese_digit(chars[n0])
            && m == "起"
            && chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        // 三层楼房: how many storeys one building has, an attribute, not a count.
        let storeys = n.chinese && m == "层" && chars.get(end) == Some(&'楼');
        // 9000国际 (ISO 9000), 3国内: 国 starting another word.
        // 第六人民医院: 人民 after a number is a word of a name.
        let other_word = m == "国"
            && chars
                .get(end)
                .is_some_and(|c| "内外际有营民产道".contains(*c))
            || m == "人" && chars.get(end) == Some(&'民')
            // 四支队 (the fourth detachment) is a unit's name; 两支队伍 counts teams.
            || m == "支" && chars.get(end) == Some(&'队') && chars.get(end + 1) != Some(&'伍')
            // ９７代表１９９７年: 代表 (stands for) is a word; ２.５对２.５ a score.
            || m == "代" && chars.get(end) == Some(&'表')
            || m == "对" && chars.get(end).is_some_and(|c| is_numeral_char(*c))
            // 电子部六所: a ministry's numbered institute; 铁二局 a railway bureau.
            || m == "所" && n0 > 0 && chars[n0 - 1] == '部'
            || m == "局" && n.chinese && n0 > 0 && "铁路部".contains(chars[n0 - 1]);
        // 番 counts doublings only after 翻 (翻了一番多, 翻两番); 一番话 is "a few words".
        let doubling = i >= 1 && (chars[i - 1] == '翻' || i >= 2 && starts(chars, i - 2, "翻了"));
        if m == "番" && !doubling {
            return None;
        }
        // 二期工程, 记帐式（四期）国债: the name of a phase or a bond series, no count.
        let phase = m == "期"
            && n.chinese
            && (chars.get(end).is_some_and(|c| matches!(c, '工' | '项'))
                || n0 > 0
                    && matches!(chars[n0 - 1], '（' | '(')
                    && matches!(chars.get(end), Some('）' | ')')));
        if (lone_yi && m != "倍" && m != "番")
            || phase
            || (n.chinese && m != "个" && end < chars.len() && COMPOUND_AFTER.contains(chars[end]))
            || name
            || idiom
            || storeys
            || other_word
        {
            return None;
        }
        let mut unit = m.to_string();
        let mut aq = after_q;
        let mut count = num_f;
        // 年过八旬: 旬 is ten years of age.
        if unit == "旬" {
            unit = "岁".into();
            count *= 10.0;
        }
        if unit == "余人" {
            unit = "人".into();
            aq = Some(Qualifier::AtLeast);
        }
        // 103个多了7个: 多了 compares (more by), it is no "more than".
        if end < chars.len()
            && matches!(chars[end], '余' | '多')
            && aq.is_none()
            && !(chars[end] == '多' && chars.get(end + 1) == Some(&'了'))
        {
            aq = Some(Qualifier::AtLeast);
            end += 1;
        } else if starts(chars, end, "以上") {
            aq = Some(Qualifier::AtLeast);
            end += 2;
        }
        let mut v = value(FigureKind::Quantity);
        let sign = if n.negative { -1.0 } else { 1.0 };
        v.number = Some(sign * count);
        v.upper = upper.map(|u| sign * decimal_f64(u));
        v.unit = Some(unit);
        // 约2000多个: "more than" says more than "about".
        v.qualifier = match (q, aq) {
            (Some(Qualifier::Approx), Some(Qualifier::AtLeast)) => aq,
            _ => q.or(aq),
        };
        return Some((i, Found { end, value: v }));
    }
    // A bare count of 万 or 亿 (10亿印度人, 数万职工, 6000多无家可归者): money after a word
    // about money (收入超300亿).
    let has_digit = n.vague || chars[n0..e].iter().any(|c| digit_value(*c).is_some());
    let big = chars[n0..e].iter().any(|c| matches!(c, '万' | '亿'))
        || after_q.is_some() && num_f >= 1000.0 && !n.vague;
    let continues = chars
        .get(e)
        .is_some_and(|c| digit_value(*c).is_some() || super::numerals::unit_power(*c).is_some());
    if big && has_digit && !n.negative && !continues {
        let before: String = chars[i.saturating_sub(8)..i].iter().collect();
        let money = MONEY_CONTEXT.iter().any(|w| before.contains(w));
        let mut v = value(if money {
            FigureKind::Money
        } else {
            FigureKind::Quantity
        });
        v.number = Some(num_f);
        v.upper = upper.map(decimal_f64);
        v.unit = money.then(|| "元".to_string());
        v.qualifier = q.or(after_q);
        return Some((i, Found { end: e, value: v }));
    }
    None
}

/// The ISO date of a decade: `decade(19, 90.0)` is `199X`.
fn decade(century: i32, n: f64) -> Option<String> {
    if n.fract() != 0.0 || !(0.0..=90.0).contains(&n) || (n as i32) % 10 != 0 {
        return None;
    }
    Some(format!("{century:02}{}X", n as i32 / 10))
}

/// The value of a figure the user tagged: the recogniser's reading of the whole surface, if
/// it reads it as a figure of `kind`.
pub fn normalise(surface: &str, kind: FigureKind, ctx: &FigureContext) -> Option<FigureValue> {
    let n = surface.chars().count() as u32;
    recognise(surface, ctx)
        .into_iter()
        .find(|m| m.range == CharRange::new(0, n) && m.value.kind == kind)
        .map(|m| m.value)
}

/// Find every figure in `text` (char offsets into `text`).
/// Is `chars[i..]` a year (４ digits and 年) right after the number of a list item that opens a
/// line (`１.１９８７年…`, `12．2001年…`)?
fn after_list_number(chars: &[char], i: usize) -> bool {
    chars
        .get(i..i + 4)
        .is_some_and(|y| y.iter().all(|c| is_arabic(*c)))
        && chars.get(i + 4) == Some(&'年')
        && i >= 2
        && matches!(chars[i - 1], '.' | '．')
        && (1..=2).any(|k| {
            i > k
                && chars[i - 1 - k..i - 1].iter().all(|c| is_arabic(*c))
                && (i - 1 - k == 0 || chars[i - 2 - k] == '\n')
        })
}

pub fn recognise(text: &str, ctx: &FigureContext) -> Vec<FigureMatch> {
    let chars: Vec<char> = text.chars().collect();
    let protect = Inside::new(chars.len(), protected(&chars));
    let inside = |s: usize, e: usize| protect.covers(s, e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // A number that continues a longer token (G20, 2号线's neighbours) is skipped by
        // requiring the char before not to be a Latin letter or digit.
        // 第 never continues a token: 1.第二十七条 is an ordinal after a list number.
        let prev_ok = i == 0
            || chars[i] == '第'
            || after_list_number(&chars, i)
            || !(chars[i - 1].is_ascii_alphanumeric()
                || is_numeral_char(chars[i - 1]) && chars[i - 1] != '，' && chars[i - 1] != ',');
        if prev_ok
            && let Some((start, f)) = at(&chars, i, ctx)
            && f.end > start
            && !inside(start, f.end)
            && !(f.end < chars.len()
                && chars[f.end].is_ascii_alphabetic()
                && is_numeral_char(chars[f.end - 1]))
        {
            out.push(FigureMatch {
                range: CharRange::new(start as u32, f.end as u32),
                value: f.value,
            });
            i = f.end;
            continue;
        }
        i += 1;
    }
    relative_years(&chars, ctx, &mut out);
    out
}

/// Words before a date without a year that name its year: the year last written before it.
const SAME_YEAR_BEFORE: [&str; 5] = ["同年", "当年", "是年", "该年", "这一年"];

/// Words before a date without a year that name its year from the page's: the year before,
/// the same, the year after.
const PAGE_YEAR_BEFORE: [(&str, i32); 3] = [("去年", -1), ("今年", 0), ("明年", 1)];

/// Words before a date without a year that name its year from the year last written: the
/// year after it (1900年8月…翌年9月), the year before.
const NEXT_YEAR_BEFORE: [(&str, i32); 4] =
    [("翌年", 1), ("次年", 1), ("第二年", 1), ("前一年", -1)];

/// Words in a sentence that speak of what is to come (计划, 届时): its dates without a year
/// are the next ones after the page's date (从4月份起 after 从财长公布的计划看 on a page of
/// 2001-01-01 is 2001-04).
const FUTURE_WORDS: [&str; 5] = ["计划", "届时", "预计", "即将", "拟于"];

/// 将 (will) speaks of what is to come in its own clause only (商业银行将从9月起, 7月将在北京).
const FUTURE_IN_CLAUSE: &str = "将";

/// The year of a month (and day) `rest` (`07`, `07-01`) written at `s` when its sentence
/// speaks of what is to come: the first such date on or after the page's date.
fn future_year(chars: &[char], s: usize, ctx: &FigureContext, rest: &str) -> Option<i32> {
    let stop = |c: &char| matches!(c, '。' | '！' | '？' | '\n');
    let from = chars[..s].iter().rposition(stop).map_or(0, |k| k + 1);
    let to = chars[s..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |k| s + k);
    let sentence: String = chars[from..to].iter().collect();
    let clause_stop = |c: &char| stop(c) || matches!(c, '，' | '；' | '：' | ',');
    let cf = chars[..s]
        .iter()
        .rposition(clause_stop)
        .map_or(0, |k| k + 1);
    let ct = chars[s..]
        .iter()
        .position(clause_stop)
        .map_or(chars.len(), |k| s + k);
    let clause: String = chars[cf..ct].iter().collect();
    if !FUTURE_WORDS.iter().any(|w| sentence.contains(w)) && !clause.contains(FUTURE_IN_CLAUSE) {
        return None;
    }
    let (y, pm, pd) = published_date(ctx)?;
    let month: u32 = rest.get(0..2)?.parse().ok()?;
    let day: u32 = rest
        .get(3..5)
        .and_then(|d| d.parse().ok())
        .unwrap_or(days_in_month(y, month));
    Some(if (month, day) >= (pm, pd) { y } else { y + 1 })
}

/// A date without a year resolves to the year a word right before it names (同年8月21日 is
/// in the year last written before it, 去年6月26日 in the page's year less one, 翌年9月 in the
/// year after the last written), else to a year written earlier in its sentence, else to the
/// next such date when its sentence speaks of what is to come ([`future_year`]), else to a
/// year written earlier in its paragraph, instead of the year nearest the page's date. A
/// dateline's date (罗马1月1日电) keeps the page's.
fn relative_years(chars: &[char], ctx: &FigureContext, out: &mut [FigureMatch]) {
    let page_year = published_date(ctx).map(|(y, _, _)| y).or(ctx.year);
    let mut last_year: Option<i32> = None;
    let mut year_end = 0usize;
    // The year and month of the date that ended right before (a char for 至 or —), for the
    // end day of a range: 1998年2月3日至5日.
    let mut range_from: Option<(usize, String)> = None;
    for m in out.iter_mut() {
        let v = &mut m.value;
        if v.kind != FigureKind::Date {
            continue;
        }
        let Some(date) = v.date.clone() else {
            continue;
        };
        let s = m.range.start as usize;
        if let Some(day) = date.strip_prefix("---")
            && let Some((end, ym)) = &range_from
            && *end + 1 == s
            && matches!(chars[*end], '至' | '到' | '—' | '－' | '-' | '~' | '～')
        {
            v.resolved = Some(format!("{ym}-{day}"));
            continue;
        }
        range_from = v
            .resolved
            .as_deref()
            .and_then(|r| r.get(0..7))
            .filter(|ym| ym.as_bytes().get(4) == Some(&b'-'))
            .map(|ym| (m.range.end as usize, ym.to_string()));
        if let Some(y) = date.get(0..4).and_then(|y| y.parse::<i32>().ok()) {
            last_year = Some(y);
            year_end = m.range.end as usize;
            continue;
        }
        // --MM or --MM-DD (a day alone, ---DD, keeps its month too).
        let Some(rest) = date.strip_prefix("--").filter(|r| !r.starts_with('-')) else {
            continue;
        };
        let before = |w: &str| s >= len(w) && starts(chars, s - len(w), w);
        // A year written earlier in the same paragraph: 1931年1月，…；4月; 2000年上半年，…。
        // 这台舞剧于5月13日首演.
        let since_year = chars.get(year_end..s).filter(|_| last_year.is_some());
        let same_paragraph = since_year.is_some_and(|t| !t.contains(&'\n'));
        let same_sentence =
            since_year.is_some_and(|t| !t.iter().any(|c| matches!(c, '。' | '！' | '？' | '\n')));
        // A dateline's date (北京12月31日电) is the day of the report: the page's own.
        let dateline = matches!(chars.get(m.range.end as usize), Some('电' | '讯'));
        let year = if dateline {
            None
        } else if SAME_YEAR_BEFORE.iter().any(|w| before(w)) {
            last_year
        } else if let Some((_, d)) = NEXT_YEAR_BEFORE.iter().find(|(w, _)| before(w)) {
            last_year.map(|y| y + d)
        } else if let Some((_, d)) = PAGE_YEAR_BEFORE.iter().find(|(w, _)| before(w)) {
            page_year.map(|y| y + d)
        } else if same_sentence {
            last_year
        } else if let Some(y) = future_year(chars, s, ctx, rest) {
            Some(y)
        } else if same_paragraph {
            last_year
        } else {
            None
        };
        if let Some(y) = year {
            // The dates after it in the paragraph are in that year too (去年6月…8月).
            last_year = Some(y);
            year_end = m.range.end as usize;
            // --07/--08 (a range of months) takes the year on both ends.
            v.resolved = Some(
                rest.split("/--")
                    .map(|part| format!("{y:04}-{part}"))
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> FigureContext {
        FigureContext {
            year: None,
            published: Some("2023-10-25".into()),
        }
    }

    /// (surface, kind, number, unit, qualifier) of a figure.
    type Fig = (
        String,
        FigureKind,
        Option<f64>,
        Option<String>,
        Option<Qualifier>,
    );

    /// Every figure of a text.
    fn figs(text: &str) -> Vec<Fig> {
        let chars: Vec<char> = text.chars().collect();
        recognise(text, &ctx())
            .into_iter()
            .map(|m| {
                (
                    chars[m.range.start as usize..m.range.end as usize]
                        .iter()
                        .collect(),
                    m.value.kind,
                    m.value.number,
                    m.value.unit,
                    m.value.qualifier,
                )
            })
            .collect()
    }

    fn one(text: &str) -> Fig {
        let v = figs(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    use FigureKind::*;
    use Qualifier::*;

    /// A figure with a number and a unit.
    fn q(s: &str, kind: FigureKind, n: f64, unit: &str, ql: Option<Qualifier>) -> Fig {
        (s.into(), kind, Some(n), Some(unit.into()), ql)
    }

    #[test]
    fn lai_after_a_round_number_is_about_and_years_and_months_are_one_length() {
        // 来 between a round number and its unit means "about".
        assert_eq!(
            one("村里有２００来亩耕地"),
            q("２００来亩", Quantity, 200.0, "亩", Some(Approx))
        );
        assert_eq!(
            one("他十来岁就进了工厂"),
            q("十来岁", Quantity, 10.0, "岁", Some(Approx))
        );
        assert_eq!(
            one("每亩收入１００来元"),
            q("１００来元", Money, 100.0, "元", Some(Approx))
        );
        assert_eq!(
            one("干了二十来年"),
            q("二十来年", Duration, 20.0, "年", Some(Approx))
        );
        // Not after a number that is not round, nor when no unit follows (来 is a verb).
        assert!(figs("三来个").iter().all(|f| !f.0.contains('来')));
        assert!(figs("他们二十来了。").is_empty());
        assert_eq!(one("近两年来，").0, "两年");
        assert_eq!(one("一直延续到凌晨1点多钟。").0, "凌晨1点多钟");
        // 三年零两个月: one length, in years.
        assert_eq!(
            one("度过了三年零两个月。"),
            q("三年零两个月", Duration, 3.16666667, "年", None)
        );
        assert_eq!(
            one("过了两年又六个月"),
            q("两年又六个月", Duration, 2.5, "年", None)
        );
        assert_eq!(
            one("在狱中度过了一年零三天。"),
            q("一年零三天", Duration, 1.00821918, "年", None)
        );
    }

    #[test]
    fn counts_lengths_and_times_of_laws_memoirs_and_reports() {
        // Measure words: generations, counties and cities after a list, lines, strands.
        assert_eq!(
            one("三代以内旁系血亲"),
            q("三代以内", Quantity, 3.0, "代", Some(AtMost))
        );
        assert_eq!(
            one("灌云、灌南二县遭灾"),
            q("二县", Quantity, 2.0, "县", None)
        );
        assert_eq!(
            one("云南三省区和"),
            q("三省区", Quantity, 3.0, "省区", None)
        );
        assert_eq!(
            one("崇仁等１１县市，"),
            q("１１县市", Quantity, 11.0, "县市", None)
        );
        assert_eq!(one("20余万市民").0, "20余万");
        assert_eq!(one("迎接新世纪的第一缕阳光").0, "第一缕");
        assert_eq!(one("年过八旬的老人"), q("八旬", Quantity, 80.0, "岁", None));
        assert_eq!(
            one("通过七度以上地震区"),
            q("七度以上", Quantity, 7.0, "度", Some(AtLeast))
        );
        assert_eq!(one("分为三个等次").0, "三个");
        // 四起 (arising everywhere) is an idiom; 十起 and 二十起 count cases.
        assert!(figs("谣言四起。").is_empty());
        assert_eq!(one("共发生二十起。").0, "二十起");
        assert_eq!(one("共发生十起。").0, "十起");
        // A bare 百 or 千 counts before a few measure words only.
        assert_eq!(one("缔结了千对友城关系").0, "千对");
        assert_eq!(
            one("二炮建成百名导弹专家"),
            q("百名", Quantity, 100.0, "名", None)
        );
        assert!(figs("千人冬泳表演，千家万户").is_empty());
        // Ordinals of laws: after a list number, with the numeral in brackets.
        assert_eq!(one("1.第二十七条：").0, "第二十七条");
        assert_eq!(one("第（一）项修改为").0, "第（一）项");
        // The number of an institution is part of its name.
        assert!(figs("上海市第六人民医院、第三制药厂和第二炮兵").is_empty());
        // Lengths: a century, half of one, years in Chinese numerals, days and nights.
        assert_eq!(one("一个世纪以来").0, "一个世纪");
        assert_eq!(
            one("半个多世纪的历史"),
            q("半个多世纪", Duration, 0.5, "世纪", Some(AtLeast))
        );
        assert_eq!(
            one("一千年的烽火"),
            q("一千年", Duration, 1000.0, "年", None)
        );
        assert_eq!(one("两天两夜，"), q("两天两夜", Duration, 2.0, "天", None));
        assert_eq!(one("几十个年头了").0, "几十个年头");
        assert!(figs("一年一度的音乐会，日子一天天好起来，说一千道一万，一元复始").is_empty());
        // Times: o'clock, a little after, a range.
        assert_eq!(
            one("到１０点钟左右才回"),
            q("１０点钟左右", Time, 10.0, "时", Some(Approx))
        );
        assert_eq!(
            one("上午１０时多，"),
            q("上午１０时多", Time, 10.0, "时", Some(AtLeast))
        );
        let t = recognise("僵持到下午两三点钟，", &ctx());
        assert_eq!(
            (t[0].value.number, t[0].value.upper),
            (Some(14.0), Some(15.0))
        );
        // Fractions keep small values and take a marker.
        assert_eq!(one("百万分之八").2, Some(0.0008));
        assert_eq!(one("损失大于十分之九").0, "大于十分之九");
        // A range with 万 written once: both ends in 万.
        let r = recognise("２０００-３０００万吨", &ctx());
        assert_eq!(
            (r[0].value.number, r[0].value.upper),
            (Some(2e7), Some(3e7))
        );
        // Not figures: a road number, a banker's numeral inside a word.
        assert!(figs("206国道穿村而过，干部队伍年轻化").is_empty());
    }

    #[test]
    fn words_idioms_and_attributes_that_look_like_counts_are_not_figures() {
        for text in [
            "他四处奔走。",
            "汽车零部件厂。",
            "三番五次上门。",
            "有一年，他去了北京。",
            "一家百年老店。",
            "千年古刹。",
            "他说了一番话。",
        ] {
            assert_eq!(figs(text), [], "{text}");
        }
        // The same numbers where they count.
        assert_eq!(
            one("他已有一年没回家。"),
            q("一年", Duration, 1.0, "年", None)
        );
        assert_eq!(
            one("百年来的变化。"),
            q("百年", Duration, 100.0, "年", None)
        );
        assert_eq!(
            one("产值翻了一番多。"),
            q("一番多", Quantity, 1.0, "番", Some(AtLeast))
        );
        assert_eq!(one("产值翻两番。"), q("两番", Quantity, 2.0, "番", None));
        assert_eq!(one("投资了3个亿。"), q("3个亿", Money, 3e8, "元", None));
        assert_eq!(
            one("自收到决定之日起15日内申请复议。"),
            q("15日", Duration, 15.0, "日", None)
        );
        assert_eq!(one("一家6口人。"), q("6口", Quantity, 6.0, "口", None));
        assert_eq!(figs("买了一幢三层楼房。"), []);
        assert_eq!(one("两栋楼房。"), q("两栋", Quantity, 2.0, "栋", None));
        // Currencies, markers and qualifiers of other papers.
        assert_eq!(
            one("财政收入2480亿里亚尔。"),
            q("2480亿里亚尔", Money, 2.48e11, "里亚尔", None)
        );
        assert_eq!(
            one("油价超出27美元。"),
            q("超出27美元", Money, 27.0, "美元", Some(AtLeast))
        );
        assert_eq!(
            one("每桶25美元上下，"),
            q("25美元上下", Money, 25.0, "美元", Some(Approx))
        );
        assert_eq!(figs("他上下班。"), []);
        let (surface, _, _, _, qualifier) = one("以14美元至16美元为基础。");
        assert_eq!(
            (surface.as_str(), qualifier),
            ("14美元至16美元", Some(Range))
        );
        assert_eq!(
            one("约2000多个。"),
            q("约2000多个", Quantity, 2000.0, "个", Some(AtLeast))
        );
        assert_eq!(
            one("服用15毫克。"),
            q("15毫克", Quantity, 15.0, "毫克", None)
        );
        assert_eq!(
            one("从第三回合起。"),
            q("第三回合", Ordinal, 3.0, "回合", None)
        );
        // Lengths of time.
        assert_eq!(
            one("周期为3000余年。"),
            q("3000余年", Duration, 3000.0, "年", Some(AtLeast))
        );
        assert_eq!(
            one("每隔3000年来一次。"),
            q("3000年", Duration, 3000.0, "年", None)
        );
        assert_eq!(
            one("以1小时25分46秒获胜。"),
            q("1小时25分46秒", Duration, 1.42944444, "小时", None)
        );
        assert_eq!(one("超过一半。").0, "超过一半");
        assert_eq!(
            one("一半以上。"),
            q("一半以上", Percent, 50.0, "%", Some(AtLeast))
        );
        assert_eq!(figs("他的另一半。"), []);
        let (surface, kind, _, _, qualifier) = one("本月21日前后到达。");
        assert_eq!(
            (surface.as_str(), kind, qualifier),
            ("21日前后", Date, Some(Approx))
        );
        let (surface, kind, number, _, qualifier) = one("三五人一组。");
        assert_eq!(
            (surface.as_str(), kind, number),
            ("三五人", Quantity, Some(3.0))
        );
        assert_eq!(qualifier, Some(Range));
        let (surface, kind, _, _, qualifier) = one("1994年前后，他来了。");
        assert_eq!(
            (surface.as_str(), kind, qualifier),
            ("1994年前后", Date, Some(Approx))
        );
    }

    #[test]
    fn a_date_without_a_year_takes_the_year_a_word_before_it_names() {
        let resolved = |text: &str| -> Vec<Option<String>> {
            recognise(text, &ctx())
                .into_iter()
                .map(|m| m.value.resolved)
                .collect()
        };
        // The page is of 2023-10-25. 12月 in the sentence that wrote 1998 is 1998's; in the
        // next sentence, 12月 alone is 2023-12, the nearest.
        assert_eq!(
            resolved("1998年3月立案，同年5月开庭，12月结案。12月又开会。\n12月另案。"),
            [
                Some("1998-03".to_string()),
                Some("1998-05".to_string()),
                Some("1998-12".to_string()),
                Some("1998-12".to_string()),
                Some("2023-12".to_string())
            ]
        );
        // A range of months takes the year of its end (1 January: last year's).
        assert_eq!(
            recognise("去年1至11月，共立案。", &ctx())[0]
                .value
                .date
                .as_deref(),
            Some("--01/--11")
        );
        assert_eq!(
            resolved("去年1至11月，共立案；七八月份最多。"),
            [
                Some("2022-01/2022-11".to_string()),
                Some("2022-07/2022-08".to_string())
            ]
        );
        assert_eq!(
            resolved("1998年2月3日至5日。"),
            [
                Some("1998-02-03".to_string()),
                Some("1998-02-05".to_string())
            ]
        );
        assert_eq!(
            resolved("去年6月26日，今年1月，明年3月。"),
            [
                Some("2022-06-26".to_string()),
                Some("2023-01".to_string()),
                Some("2024-03".to_string())
            ]
        );
        // The year after the year last written; a year earlier in the paragraph.
        assert_eq!(
            resolved("1900年8月，联军攻陷北京。翌年9月，签订条约。"),
            [Some("1900-08".to_string()), Some("1901-09".to_string())]
        );
        assert_eq!(
            resolved("2000年上半年，我创作了音乐。这台舞剧于5月13日首演。"),
            [Some("2000".to_string()), Some("2000-05-13".to_string())]
        );
        // A dateline's date is the page's, whatever year the paragraph wrote before.
        assert_eq!(
            resolved("1999年冬季很冷。（本报罗马10月24日电）"),
            [Some("1999".to_string()), Some("2023-10-24".to_string())]
        );
        // What is to come: the next such date after the page's date (2023-10-25), though the
        // nearest is in the past.
        assert_eq!(
            resolved("商业银行将从5月起提供硬币。"),
            [Some("2024-05".to_string())]
        );
        assert_eq!(
            resolved("从公布的计划看，5月份起用新币；商场6月起跟进。"),
            [Some("2024-05".to_string()), Some("2024-06".to_string())]
        );
        assert_eq!(resolved("5月，他开了会。"), [Some("2023-05".to_string())]);
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(
            one("突破35万人。"),
            q("35万人", Quantity, 350_000.0, "人", None)
        );
        assert_eq!(
            one("价值两亿元"),
            q("两亿元", Money, 200_000_000.0, "元", None)
        );
        assert_eq!(
            one("投资3029万元，"),
            q("3029万元", Money, 30_290_000.0, "元", None)
        );
        assert_eq!(one("持证率达100%。"), q("100%", Percent, 100.0, "%", None));
        assert_eq!(
            one("第十九届大会"),
            q("第十九届", Ordinal, 19.0, "届", None)
        );
        assert_eq!(
            one("营收55.6亿元"),
            q("55.6亿元", Money, 5_560_000_000.0, "元", None)
        );
        assert_eq!(
            one("900余人参加"),
            q("900余人", Quantity, 900.0, "人", Some(AtLeast))
        );
        assert_eq!(
            one("近万名职工"),
            q("近万名", Quantity, 10_000.0, "名", Some(Approx))
        );
        assert_eq!(
            one("会员超过1100万人"),
            q("超过1100万人", Quantity, 11_000_000.0, "人", Some(AtLeast))
        );
        assert_eq!(
            one("持续3至5年"),
            (
                "3至5年".into(),
                Duration,
                Some(3.0),
                Some("年".into()),
                Some(Range)
            )
        );
        assert_eq!(
            one("用了三四天"),
            (
                "三四天".into(),
                Duration,
                Some(3.0),
                Some("天".into()),
                Some(Range)
            )
        );
        assert_eq!(one("百分之五的"), q("百分之五", Percent, 5.0, "%", None));
        assert_eq!(one("占三成"), q("三成", Percent, 30.0, "%", None));
        assert_eq!(one("增长１７％"), q("１７％", Percent, 17.0, "%", None));
    }

    #[test]
    fn dates_resolve_their_year() {
        let m = recognise(
            "12月31日电",
            &FigureContext {
                year: None,
                published: Some("2001-01-01".into()),
            },
        );
        assert_eq!(m[0].value.date.as_deref(), Some("--12-31"));
        assert_eq!(m[0].value.resolved.as_deref(), Some("2000-12-31"));
        let m = recognise("于2020年7月27日成立", &ctx());
        assert_eq!(m[0].value.date.as_deref(), Some("2020-07-27"));
        let m = recognise("【本报北京10月24日电】", &ctx());
        assert_eq!(m[0].value.resolved.as_deref(), Some("2023-10-24"));
        assert_eq!(m[0].range, CharRange::new(5, 11));
        assert_eq!(one("2023年全国").1, Date);
        assert_eq!(one("通过3年不懈努力").1, Duration);
        assert_eq!(page_year("【本报北京2021年3月1日电】", None), Some(2021));
        assert_eq!(page_year("无电头", Some("2023-10-25")), Some(2023));
    }

    #[test]
    fn ranges_markers_and_times() {
        assert_eq!(one("推出5~10个在全国").0, "5~10个");
        assert_eq!(one("推出5~10个在全国").4, Some(Range));
        assert_eq!(one("来自全球20多个国家").4, Some(AtLeast));
        assert_eq!(one("约15000名选手").4, Some(Approx));
        assert_eq!(one("最高10万元的经费").4, Some(AtMost));
        assert_eq!(one("上午9时开幕").0, "上午9时");
        assert_eq!(one("下午3点30分").2, Some(15.5));
        assert_eq!(one("零时起").1, Time);
        assert_eq!(one("近两年来，").0, "两年");
        assert_eq!(one("86个县区").0, "86个");
        assert_eq!(one("2751人次").3.as_deref(), Some("人次"));
        assert_eq!(one("1万对").2, Some(10_000.0));
        assert_eq!(figs("5大类11个项目")[0].0, "5大类");
    }

    #[test]
    fn figures_of_other_papers_and_years() {
        let pku = FigureContext {
            year: Some(2001),
            published: Some("2001-01-01".into()),
        };
        let read = |t: &str| -> Vec<(String, FigureValue)> {
            let chars: Vec<char> = t.chars().collect();
            recognise(t, &pku)
                .into_iter()
                .map(|m| {
                    let s = chars[m.range.start as usize..m.range.end as usize]
                        .iter()
                        .collect();
                    (s, m.value)
                })
                .collect()
        };
        let one = |t: &str| {
            let v = read(t);
            assert_eq!(v.len(), 1, "{t}: {v:?}");
            v.into_iter().next().unwrap_or_else(|| unreachable!())
        };
        // Years written digit by digit, with ○ or full-width zeros.
        assert_eq!(one("二○○一年，").1.date.as_deref(), Some("2001"));
        assert_eq!(one("二０００年，是").1.date.as_deref(), Some("2000"));
        assert_eq!(one("一九九七年春").1.date.as_deref(), Some("1997"));
        // Decades and centuries.
        assert_eq!(one("９０年代以来").1.date.as_deref(), Some("199X"));
        let (s, v) = one("到20世纪60年代，");
        assert_eq!(
            (s.as_str(), v.date.as_deref()),
            ("20世纪60年代", Some("196X"))
        );
        assert_eq!(one("迈入21世纪").1.date.as_deref(), Some("20XX"));
        let (s, v) = one("五六十年代的");
        assert_eq!((s.as_str(), v.upper), ("五六十年代", Some(60.0)));
        // Vague amounts and ranges.
        let (s, v) = one("数千人参加");
        assert_eq!(
            (s.as_str(), v.number, v.qualifier),
            ("数千人", Some(1000.0), Some(AtLeast))
        );
        let (s, v) = one("上百万元");
        assert_eq!(
            (s.as_str(), v.number, v.kind),
            ("上百万元", Some(1_000_000.0), Money)
        );
        let (s, v) = one("十几个国家");
        assert_eq!(
            (s.as_str(), v.number, v.upper),
            ("十几个", Some(11.0), Some(19.0))
        );
        assert_eq!(one("二三十人").1.upper, Some(30.0));
        let (s, v) = one("５年至７年");
        assert_eq!(
            (s.as_str(), v.upper, v.qualifier),
            ("５年至７年", Some(7.0), Some(Range))
        );
        // Qualifiers after the figure and markers before it.
        assert_eq!(one("占３０％以上").0, "３０％以上");
        assert_eq!(one("５０％左右").1.qualifier, Some(Approx));
        assert_eq!(one("出生率为１５‰").1.unit.as_deref(), Some("‰"));
        assert_eq!(one("30岁出头").1.qualifier, Some(AtLeast));
        assert_eq!(one("至少25人死亡").1.qualifier, Some(AtLeast));
        // Temperatures keep their sign.
        assert_eq!(one("零下20多摄氏度").1.number, Some(-20.0));
        assert_eq!(one("晴－9℃／").1.number, Some(-9.0));
        // A day alone, resolved to the nearest month.
        let (s, v) = one("31日晚");
        assert_eq!(
            (s.as_str(), v.resolved.as_deref()),
            ("31日", Some("2000-12-31"))
        );
        assert_eq!(one("100日元").1.kind, Money);
        // Times with a part of the day and a half hour.
        assert_eq!(one("晚上8时半").1.number, Some(20.5));
        // Era years, other currencies, bare counts of 万 and 亿.
        assert_eq!(one("万历十一年").1.date.as_deref(), Some("1583"));
        assert_eq!(one("200万里拉").1.unit.as_deref(), Some("里拉"));
        let (s, v) = one("10亿印度人");
        assert_eq!((s.as_str(), v.kind, v.unit), ("10亿", Quantity, None));
        assert_eq!(one("财政收入超244亿").1.kind, Money);
        // 一年 as "a (particular) year" is not a length; 近 before 来/里 means recent.
        assert!(read("新的一年里").is_empty());
        assert!(read("关系一年比一年亲密").is_empty());
        assert_eq!(one("在近10年里").0, "10年");
        // Numbers of resolutions and prose lists are not ordinals.
        assert!(read("第242和338号决议").is_empty());
        assert!(read("第一，要坚持").is_empty());
        assert_eq!(one("第一轮投票").1.unit.as_deref(), Some("轮"));
        assert_eq!(one("占三分之一").1.number, Some(33.33));
        assert_eq!(one("约占１／４").1.number, Some(25.0));
        assert_eq!(one("不到3个小时").1.unit.as_deref(), Some("小时"));
        assert!(read("千人冬泳表演").is_empty());
        assert!(read("希望早一点解决").is_empty());
        assert!(read("读12年级的学生").is_empty());
        assert_eq!(one("上网5个多小时").1.qualifier, Some(AtLeast));
        assert_eq!(one("只12％多一点").0, "12％多");
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for t in [
            "《2023年人才培养实施方案》",
            "到“十四五”末",
            "中国工会十八大精神",
            "打造一批县级工会",
            "一项重要活动",
            "一等奖第一名",
            "两地工会",
            "四级联动",
            "G20峰会",
            "职工之一",
            "“1+1>2”的合力",
        ] {
            let f = figs(t);
            assert!(f.iter().all(|x| x.1 == Ordinal), "{t}: {f:?}");
        }
        assert_eq!(figs("一等奖第一名").len(), 1, "only 第一名");
    }

    #[test]
    fn decimals_kilowatts_ranges_of_years_and_centuries_and_list_numbers() {
        // 点 as a decimal point in Chinese numerals, before a measure word or in 百分之.
        assert_eq!(
            one("年利率百分之十二点六零"),
            q("百分之十二点六零", Percent, 12.6, "%", None)
        );
        assert_eq!(one("推进零点七米").2, Some(0.7));
        assert_eq!(figs("下午三点五十分到达").len(), 1, "a time, not 3.5");
        // The 千 of 千瓦 and 千伏 belongs to the unit.
        assert_eq!(
            one("装机60万千瓦"),
            q("60万千瓦", Quantity, 600_000.0, "千瓦", None)
        );
        assert_eq!(one("220千伏线路").0, "220千伏");
        // A bare number of 亿 counts; 人口 is no measure word; 多了 compares.
        assert_eq!(one("每秒百亿次").2, Some(1e10));
        assert_eq!(one("有3000万人口").0, "3000万");
        assert_eq!(figs("比去年的89个多了5个")[0].0, "89个");
        // 二期工程 and （三期） name a phase; 三两个 is two or three; a range runs low to high.
        assert!(figs("建设二期工程").is_empty());
        assert!(figs("记帐式（三期）国债").is_empty());
        let few = one("来了三两个人");
        assert_eq!((few.2, few.4), (Some(2.0), Some(Range)));
        let ctx = FigureContext::default();
        let r = recognise("水位从９０米到５０米", &ctx);
        assert_eq!(
            (r[0].value.number, r[0].value.upper),
            (Some(50.0), Some(90.0))
        );
        // Half a year, with a marker; not 上半年.
        assert_eq!(
            one("不满半年的存款"),
            q("不满半年", Duration, 0.5, "年", Some(AtMost))
        );
        assert!(figs("上半年").is_empty());
        // One DATE for a range of years or of centuries, a PERCENT range of fractions.
        let dates = |t: &str| -> Vec<(String, Option<String>)> {
            let c: Vec<char> = t.chars().collect();
            recognise(t, &ctx)
                .into_iter()
                .map(|m| {
                    let s = c[m.range.start as usize..m.range.end as usize].iter();
                    (s.collect(), m.value.date)
                })
                .collect()
        };
        assert_eq!(
            dates("1840—1842年的战争"),
            [("1840—1842年".to_string(), Some("1840/1842".to_string()))]
        );
        assert_eq!(
            dates("十五至十七世纪，十八、十九世纪"),
            [
                ("十五至十七世纪".to_string(), Some("14XX/16XX".to_string())),
                ("十八、十九世纪".to_string(), Some("17XX/18XX".to_string()))
            ]
        );
        let f = recognise("差额为三分之一至二分之一", &ctx);
        assert_eq!((f.len(), f[0].value.upper), (1, Some(50.0)));
        // A range of months of a written year is one DATE.
        assert_eq!(
            dates("1999年3—9月，产量增长"),
            [(
                "1999年3—9月".to_string(),
                Some("1999-03/1999-09".to_string())
            )]
        );
        // Names of units, set phrases: no figure.
        for t in ["武警四支队", "第三研究院", "坚持四项基本原则", "一年到头"]
        {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
        assert_eq!(one("两支队伍").0, "两支");
        assert_eq!(one("打响第一炮").0, "第一炮");
        for t in [
            "八届人大四次会议",
            "十年九旱",
            "总有一天",
            "最后一年",
            "四个现代化",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
        let q4 = one("１／４以上的村");
        assert_eq!((q4.0.as_str(), q4.4), ("１／４以上", Some(AtLeast)));
        assert_eq!(one("超过半数").2, Some(50.0));
        // Games and their numbers; a number that stands for something, a score, an institute.
        assert_eq!(one("连下两局").0, "两局");
        assert_eq!(one("第二局结束时").0, "第二局");
        assert_eq!(one("半年多时间").4, Some(AtLeast));
        assert_eq!(one("不下百笔").4, Some(AtLeast));
        assert_eq!(one("９７代表１９９７年").0, "１９９７年");
        for t in ["比分２.５对２.５", "电子部六所", "铁二局"] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
        assert_eq!(one("近十几年来").4, Some(Range));
        // A list item's number before a year is not part of it.
        assert_eq!(
            dates("如下：\n２.１９９５年发行的国债"),
            [("１９９５年".to_string(), Some("1995".to_string()))]
        );
    }

    #[test]
    fn full_width_and_mixed_numerals() {
        assert_eq!(one("１２３名").2, Some(123.0));
        assert_eq!(one("1.2万人").2, Some(12_000.0));
        assert_eq!(one("3千余名").2, Some(3000.0));
        assert_eq!(one("3千余名").4, Some(AtLeast));
        assert_eq!(one("两届全国").2, Some(2.0));
        assert_eq!(one("6个月").3.as_deref(), Some("月"));
        assert_eq!(one("签订300套供货协议").0, "300套");
    }
}
