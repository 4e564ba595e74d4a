//! The figure recogniser and normaliser: counts, money, percentages, dates, times, durations
//! and ordinals in Chinese news, each with a value, unit and qualifier. The rules follow
//! `docs/guidelines.md`: a span is an optional marker (近 约 超过 最高 …), the number, its unit
//! or measure word, and an optional 余/多/以上; leading verbs and trailing nouns stay out
//! (突破35万人 → 35万人, 86个县区 → 86个). Numbers in names, titles (《…》), short quoted
//! slogans (“十四五”), 一 as an article (一批, 一项) and compounds (两地, 一等奖) are not figures.

use super::numerals::{Decimal, digit_value, is_numeral_char, scan};
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

/// Measure words and units of counts, longest first.
const MEASURES: [&str; 58] = [
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
];

/// Currency units, longest first, with the multiplier they carry.
const CURRENCIES: [(&str, u32, &str); 8] = [
    ("万亿元", 12, "元"),
    ("亿元", 8, "元"),
    ("万元", 4, "元"),
    ("千元", 3, "元"),
    ("元", 0, "元"),
    ("亿美元", 8, "美元"),
    ("万美元", 4, "美元"),
    ("美元", 0, "美元"),
];

/// Duration units, longest first, with the unit recorded.
const DURATIONS: [(&str, &str); 9] = [
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

/// Markers before a number and the qualifier they give.
const MARKERS: [(&str, Qualifier); 10] = [
    ("将近", Qualifier::Approx),
    ("大约", Qualifier::Approx),
    ("不超过", Qualifier::AtMost),
    ("超过", Qualifier::AtLeast),
    ("最高", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("近", Qualifier::Approx),
    ("约", Qualifier::Approx),
    ("逾", Qualifier::AtLeast),
    ("超", Qualifier::AtLeast),
];

/// After a measure word, chars that make a compound rather than a count (一等奖, 两地).
const COMPOUND_AFTER: &str = "等线地级段式岗带方面手";

fn starts(chars: &[char], i: usize, s: &str) -> bool {
    let n = s.chars().count();
    i + n <= chars.len() && chars[i..i + n].iter().copied().eq(s.chars())
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
    if let Some(pub_date) = ctx.published.as_deref()
        && let (Some(y), Some(pm), Some(pd)) = (
            pub_date.get(0..4).and_then(|s| s.parse::<i32>().ok()),
            pub_date.get(5..7).and_then(|s| s.parse::<u32>().ok()),
            pub_date.get(8..10).and_then(|s| s.parse::<u32>().ok()),
        )
    {
        let p = day_number(y, pm, pd);
        return [y - 1, y, y + 1]
            .into_iter()
            .min_by_key(|cand| (day_number(*cand, m, d) - p).abs());
    }
    ctx.year
}

struct Found {
    end: usize,
    value: FigureValue,
}

fn value(kind: FigureKind) -> FigureValue {
    FigureValue::empty(kind)
}

/// Try every figure pattern at `i` (the number starts at `n0`, after any marker).
fn at(chars: &[char], i: usize, ctx: &FigureContext) -> Option<(usize, Found)> {
    // Ordinals: 第 + numeral (+ measure word).
    if chars[i] == '第' {
        let (e, n) = scan(chars, i + 1)?;
        let mut v = value(FigureKind::Ordinal);
        v.number = Some(decimal_f64(n));
        let mut end = e;
        if let Some(m) = MEASURES.iter().find(|m| starts(chars, e, m)) {
            v.unit = Some((*m).to_string());
            end = e + len(m);
        }
        return Some((i, Found { end, value: v }));
    }
    // 百分之X.
    if starts(chars, i, "百分之") {
        let (e, n) = scan(chars, i + 3)?;
        let mut v = value(FigureKind::Percent);
        v.number = Some(decimal_f64(n));
        v.unit = Some("%".into());
        return Some((i, Found { end: e, value: v }));
    }
    // A marker, then the number.
    let (marker, n0) = MARKERS
        .iter()
        .find(|(m, _)| starts(chars, i, m))
        .map(|(m, q)| (Some(*q), i + len(m)))
        .unwrap_or((None, i));
    if n0 >= chars.len()
        || !is_numeral_char(chars[n0])
        || matches!(chars[n0], '.' | '．' | ',' | '，')
    {
        return None;
    }
    // Vague amounts (数万, 几十) are not figures.
    if n0 > 0 && matches!(chars[n0 - 1], '数' | '几' | '若') {
        return None;
    }
    let (mut e, mut num) = scan(chars, n0)?;
    let mut q = marker;
    let mut upper: Option<Decimal> = None;
    // 三四天: two adjacent Chinese digits make a range.
    if e - n0 == 2
        && is_chinese_digit(chars[n0])
        && is_chinese_digit(chars[n0 + 1])
        && let (Some(a), Some(b)) = (digit_value(chars[n0]), digit_value(chars[n0 + 1]))
        && b == a + 1
    {
        num = Decimal::int(i128::from(a));
        upper = Some(Decimal::int(i128::from(b)));
        q = Some(Qualifier::Range);
    }
    // 5~10个, 3至5年.
    if e < chars.len()
        && matches!(chars[e], '~' | '～' | '至' | '到' | '-' | '—' | '－')
        && let Some((e2, n2)) = scan(chars, e + 1)
    {
        upper = Some(n2);
        q = Some(Qualifier::Range);
        e = e2;
    }
    // 余 / 多 right after the number (900余人, 20多个), possibly before 万/亿 (120多万).
    let mut after_q = None;
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
    let num_f = decimal_f64(num);
    let lone_yi = e - n0 == 1 && chars[n0] == '一';
    let digits4 = e - n0 == 4
        && chars[n0..e]
            .iter()
            .all(|c| !is_chinese_digit(*c) && digit_value(*c).is_some());

    // Percentage points.
    if starts(chars, e, "个百分点") {
        let mut v = value(FigureKind::Percent);
        v.number = Some(num_f);
        v.unit = Some("个百分点".into());
        v.qualifier = q.or(after_q);
        return Some((
            i,
            Found {
                end: e + 4,
                value: v,
            },
        ));
    }
    // Percentages.
    if e < chars.len() && matches!(chars[e], '%' | '％') {
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
    if e < chars.len()
        && chars[e] == '成'
        && e - n0 == 1
        && is_chinese_digit(chars[n0])
        && !(e + 1 < chars.len()
            && matches!(
                chars[e + 1],
                '为' | '立' | '员' | '果' | '功' | '绩' | '本' | '长'
            ))
    {
        let mut v = value(FigureKind::Percent);
        v.number = Some(num_f * 10.0);
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
    // Dates: [YYYY年][M月[D日]].
    if e < chars.len() && chars[e] == '年' && digits4 && q.is_none() && after_q.is_none() {
        let y = num_f as i32;
        let mut end = e + 1;
        let mut date = format!("{y:04}");
        if let Some((e2, m)) = scan(chars, end)
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
                }
            }
        }
        let mut v = value(FigureKind::Date);
        v.resolved = Some(date.clone());
        v.date = Some(date);
        return Some((i, Found { end, value: v }));
    }
    if e < chars.len() && chars[e] == '月' && q.is_none() && upper.is_none() && after_q.is_none() {
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
                    v.date = Some(format!("--{m:02}"));
                    v.resolved = ctx
                        .year
                        .or_else(|| resolve_year(ctx, m, 15))
                        .map(|y| format!("{y:04}-{m:02}"));
                }
            }
            return Some((i, Found { end, value: v }));
        }
    }
    // Times of day: [上午]9时[30分], 零时.
    if e < chars.len() && matches!(chars[e], '时' | '点') && num_f <= 24.0 && upper.is_none() {
        let daypart = ["上午", "下午", "晚上", "早上", "凌晨", "中午", "傍晚"]
            .iter()
            .find(|p| i >= 2 && starts(chars, i - 2, p));
        // 点 needs a day part or minutes to be a time (一点 is "a little").
        let minutes = scan(chars, e + 1).filter(|(e2, _)| *e2 < chars.len() && chars[*e2] == '分');
        if chars[e] == '时' || daypart.is_some() || minutes.is_some() {
            let start = daypart.map_or(i, |_| i - 2);
            let mut v = value(FigureKind::Time);
            let mut h = num_f;
            if let Some(p) = daypart
                && matches!(*p, "下午" | "晚上" | "傍晚")
                && h < 12.0
            {
                h += 12.0;
            }
            v.number = Some(h);
            v.unit = Some("时".into());
            let mut end = e + 1;
            if let Some((e2, m)) = minutes {
                v.number = Some(h + decimal_f64(m) / 60.0);
                end = e2 + 1;
            }
            if lone_yi && daypart.is_none() {
                return None;
            }
            return Some((start, Found { end, value: v }));
        }
    }
    // Money.
    if let Some((u, pow, unit)) = CURRENCIES.iter().find(|(u, _, _)| starts(chars, e, u)) {
        let mut v = value(FigureKind::Money);
        v.number = num.times_pow10(*pow).map(decimal_f64);
        v.upper = upper.and_then(|u| u.times_pow10(*pow)).map(decimal_f64);
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
    // Durations (small numbers of years, and days, months, hours…).
    if let Some((u, unit)) = DURATIONS.iter().find(|(u, _)| starts(chars, e, u)) {
        let years = *unit == "年";
        if !(years && (digits4 || num_f >= 100.0)) {
            let end = e + len(u);
            // 近两年来: 近 means "recent", not "about".
            let recent =
                end < chars.len() && chars[end] == '来' && marker == Some(Qualifier::Approx);
            let start = if recent { n0 } else { i };
            let mut v = value(FigureKind::Duration);
            v.number = Some(num_f);
            v.upper = upper.map(decimal_f64);
            v.unit = Some((*unit).into());
            v.qualifier = if recent { None } else { q.or(after_q) };
            if *u == "个多月" {
                v.qualifier = Some(Qualifier::AtLeast);
            }
            return Some((start, Found { end, value: v }));
        }
    }
    // Counts: number + measure word (+ 余/多/以上).
    if let Some(m) = MEASURES.iter().find(|m| starts(chars, e, m)) {
        let mut end = e + len(m);
        // Compounds are written with Chinese numerals (一线, 两地, 四级); 3个线上分会场 is a count.
        let chinese = chars[n0..e].iter().any(|c| is_chinese_digit(*c));
        if lone_yi || (chinese && end < chars.len() && COMPOUND_AFTER.contains(chars[end])) {
            return None;
        }
        let mut unit = (*m).to_string();
        let mut aq = after_q;
        if unit == "余人" {
            unit = "人".into();
            aq = Some(Qualifier::AtLeast);
        }
        if end < chars.len() && matches!(chars[end], '余' | '多') && aq.is_none() {
            aq = Some(Qualifier::AtLeast);
            end += 1;
        } else if starts(chars, end, "以上") {
            aq = Some(Qualifier::AtLeast);
            end += 2;
        }
        let mut v = value(FigureKind::Quantity);
        v.number = Some(num_f);
        v.upper = upper.map(decimal_f64);
        v.unit = Some(unit);
        v.qualifier = q.or(aq);
        return Some((i, Found { end, value: v }));
    }
    None
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
pub fn recognise(text: &str, ctx: &FigureContext) -> Vec<FigureMatch> {
    let chars: Vec<char> = text.chars().collect();
    let protect = Inside::new(chars.len(), protected(&chars));
    let inside = |s: usize, e: usize| protect.covers(s, e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // A number that continues a longer token (G20, 2号线's neighbours) is skipped by
        // requiring the char before not to be a Latin letter or digit.
        let prev_ok = i == 0
            || !(chars[i - 1].is_ascii_alphanumeric()
                || is_numeral_char(chars[i - 1]) && chars[i - 1] != '，' && chars[i - 1] != ',');
        if prev_ok
            && let Some((start, f)) = at(&chars, i, ctx)
            && f.end > start
            && !inside(start, f.end)
            && !(f.end < chars.len() && chars[f.end].is_ascii_alphabetic())
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
    out
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

    #[test]
    fn the_issue_examples() {
        let q =
            |s: &str, k, n: f64, u: &str, ql| (s.to_string(), k, Some(n), Some(u.to_string()), ql);
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
            "共吸引数万职工参与",
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
