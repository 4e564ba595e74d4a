//! Numerals: Arabic (ASCII and full-width) and Chinese (〇零一二两三四五六七八九十百千万亿, and
//! the financial forms 壹贰叁…), mixed forms (1.2万, 3029万, 55.6亿, 3千), computed exactly in
//! decimal (an i128 mantissa and a scale) and turned into `f64` once at the end: in `f64`,
//! `2.3 * 1e8` is 229999999.99999997.

/// An exact decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits.
    pub mantissa: i128,
    /// How many of them are after the point.
    pub scale: u32,
}

impl Decimal {
    /// A whole number.
    pub fn int(n: i128) -> Self {
        Self {
            mantissa: n,
            scale: 0,
        }
    }

    /// Multiply by `10^k`, exactly.
    pub fn times_pow10(self, k: u32) -> Option<Self> {
        if self.scale >= k {
            Some(Self {
                mantissa: self.mantissa,
                scale: self.scale - k,
            })
        } else {
            let m = self
                .mantissa
                .checked_mul(10i128.checked_pow(k - self.scale)?)?;
            Some(Self::int(m))
        }
    }

    /// Add two decimals.
    pub fn checked_add(self, o: Self) -> Option<Self> {
        let s = self.scale.max(o.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(s - self.scale)?)?;
        let b = o.mantissa.checked_mul(10i128.checked_pow(s - o.scale)?)?;
        Some(Self {
            mantissa: a.checked_add(b)?,
            scale: s,
        })
    }

    /// The value as `f64` (one rounding).
    pub fn to_f64(self) -> f64 {
        // Format and parse: exact up to f64's own rounding of the decimal string.
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let s = if self.scale == 0 {
            digits
        } else {
            let scale = self.scale as usize;
            let padded = format!("{digits:0>width$}", width = scale + 1);
            let (a, b) = padded.split_at(padded.len() - scale);
            format!("{a}.{b}")
        };
        let v: f64 = s.parse().unwrap_or(f64::NAN);
        if neg { -v } else { v }
    }
}

/// The value of a Chinese or Arabic digit char.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '○' | '零' => Some(0),
        '一' | '壹' | '幺' => Some(1),
        '二' | '两' | '贰' | '貳' => Some(2),
        '三' | '叁' | '參' => Some(3),
        '四' | '肆' => Some(4),
        '五' | '伍' => Some(5),
        '六' | '陆' | '陸' => Some(6),
        '七' | '柒' => Some(7),
        '八' | '捌' => Some(8),
        '九' | '玖' => Some(9),
        _ => None,
    }
}

/// Power of ten of a Chinese unit char (十 1, 百 2, 千 3, 万 4, 亿 8).
pub fn unit_power(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        '万' | '萬' => Some(4),
        '亿' | '億' => Some(8),
        _ => None,
    }
}

pub(crate) fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Chars that may appear in a numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || unit_power(c).is_some() || matches!(c, '.' | '．' | ',' | '，')
}

/// Parse Arabic digits with an optional decimal point and thousands commas.
fn parse_arabic(s: &[char]) -> Option<Decimal> {
    let mut mantissa: i128 = 0;
    let mut scale = 0u32;
    let mut seen_point = false;
    let mut any = false;
    for (i, &c) in s.iter().enumerate() {
        if let Some(d) = is_arabic(c).then(|| digit_value(c)).flatten() {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(d))?;
            if seen_point {
                scale += 1;
            }
            any = true;
        } else if matches!(c, '.' | '．') && !seen_point && i > 0 && i + 1 < s.len() {
            seen_point = true;
        } else if c == ',' && i > 0 && !seen_point {
            // 1,100: a thousands separator must be followed by exactly three digits.
            let rest = s[i + 1..].iter().take_while(|c| is_arabic(**c)).count();
            if rest < 3 || (i + 4 < s.len() && is_arabic(s[i + 4])) {
                return None;
            }
        } else {
            return None;
        }
    }
    any.then_some(Decimal { mantissa, scale })
}

/// Parse a Chinese numeral (十九, 一百零五, 两亿, 三千五百万); an Arabic number may stand for
/// a digit group (3029万, 1.2万, 55.6亿).
fn parse_chinese(s: &[char]) -> Option<Decimal> {
    // Digits without any unit read digit by digit: 二〇二三 is 2023.
    // Digit by digit (二○○一, 一九九七, and 二０００ with full-width zeros).
    if s.len() >= 2
        && s.iter().all(|c| digit_value(*c).is_some())
        && s.iter().any(|c| !is_arabic(*c))
    {
        let mut m: i128 = 0;
        for c in s {
            m = m.checked_mul(10)? + i128::from(digit_value(*c)?);
        }
        return Some(Decimal::int(m));
    }
    let mut result = Decimal::int(0);
    let mut section = Decimal::int(0);
    let mut number: Option<Decimal> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if is_arabic(c) {
            let n = s[i..]
                .iter()
                .take_while(|c| is_arabic(**c) || matches!(c, '.' | '．' | ','))
                .count();
            number = Some(parse_arabic(&s[i..i + n])?);
            i += n;
            continue;
        }
        if let Some(d) = digit_value(c) {
            // 零 between units is a placeholder (一百零五); otherwise the digit is the number.
            if d != 0 || number.is_none() {
                number = Some(Decimal::int(i128::from(d)));
            }
        } else if let Some(p) = unit_power(c) {
            match p {
                1..=3 => {
                    let n = number.unwrap_or(Decimal::int(1));
                    section = section.checked_add(n.times_pow10(p)?)?;
                }
                4 => {
                    let n = section.checked_add(number.unwrap_or(Decimal::int(0)))?;
                    let n = if n.mantissa == 0 { Decimal::int(1) } else { n };
                    result = result.checked_add(n.times_pow10(4)?)?;
                    section = Decimal::int(0);
                }
                _ => {
                    let n = result
                        .checked_add(section)?
                        .checked_add(number.unwrap_or(Decimal::int(0)))?;
                    let n = if n.mantissa == 0 { Decimal::int(1) } else { n };
                    result = n.times_pow10(8)?;
                    section = Decimal::int(0);
                }
            }
            number = None;
        } else {
            return None;
        }
        i += 1;
    }
    result
        .checked_add(section)?
        .checked_add(number.unwrap_or(Decimal::int(0)))
}

/// Parse a numeral string exactly: `35万` → 350000, `两亿` → 200000000, `55.6亿` →
/// 5560000000, `１７` → 17, `十九` → 19, `1,100` → 1100.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.chars().filter(|c| *c != '，').collect();
    if chars.is_empty() {
        return None;
    }
    if chars
        .iter()
        .all(|c| is_arabic(*c) || matches!(c, '.' | '．' | ','))
    {
        return parse_arabic(&chars);
    }
    parse_chinese(&chars)
}

/// Parse a numeral string to `f64` (see `parse_decimal`).
pub fn parse_number(s: &str) -> Option<f64> {
    parse_decimal(s).map(Decimal::to_f64)
}

/// The longest numeral starting at `chars[i]`: its end (exclusive) and value.
pub fn scan(chars: &[char], i: usize) -> Option<(usize, Decimal)> {
    let mut end = i;
    while end < chars.len() && is_numeral_char(chars[end]) {
        end += 1;
    }
    // Trailing separators belong to the sentence, not the number.
    while end > i && matches!(chars[end - 1], '.' | '．' | ',' | '，') {
        end -= 1;
    }
    // 60万千瓦, 220千伏, 3千米: a 千 after 万, 亿 or an Arabic digit, before 瓦 伏 米 克 …, is
    // the unit's prefix (kilo-), not a thousand.
    if end >= i + 2
        && chars[end - 1] == '千'
        && let Some(&next) = chars.get(end)
    {
        let prev = chars[end - 2];
        let big = is_arabic(prev) || unit_power(prev).is_some_and(|p| p >= 4);
        if matches!(next, '瓦' | '伏' | '卡' | '帕' | '赫') || big && matches!(next, '米' | '克')
        {
            end -= 1;
        }
    }
    // Try the longest prefix that parses.
    while end > i {
        let s: String = chars[i..end].iter().collect();
        if let Some(v) = parse_decimal(&s) {
            return Some((end, v));
        }
        end -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> f64 {
        parse_number(s).unwrap_or_else(|| panic!("{s} does not parse"))
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(n("十九"), 19.0);
        assert_eq!(n("十"), 10.0);
        assert_eq!(n("一百零五"), 105.0);
        assert_eq!(n("两亿"), 200_000_000.0);
        assert_eq!(n("三千五百万"), 35_000_000.0);
        assert_eq!(n("一亿两千万"), 120_000_000.0);
        assert_eq!(n("两千"), 2000.0);
        assert_eq!(n("万"), 10_000.0);
        assert_eq!(n("二〇二三"), 2023.0);
        assert_eq!(n("二○○一"), 2001.0);
        assert_eq!(n("二０００"), 2000.0);
        assert_eq!(n("叁佰"), 300.0);
        assert!(parse_number("第").is_none());
    }

    #[test]
    fn arabic_and_mixed_numerals() {
        assert_eq!(n("35万"), 350_000.0);
        assert_eq!(n("3029万"), 30_290_000.0);
        assert_eq!(n("55.6亿"), 5_560_000_000.0);
        assert_eq!(n("2.3亿"), 230_000_000.0);
        assert_eq!(n("1.2万"), 12_000.0);
        assert_eq!(n("3千"), 3000.0);
        assert_eq!(n("１７"), 17.0);
        assert_eq!(n("１．５"), 1.5);
        assert_eq!(n("1,100"), 1100.0);
        assert_eq!(n("0.5"), 0.5);
        assert!(parse_number("1,10").is_none());
        assert!(parse_number("abc").is_none());
    }

    #[test]
    fn scan_finds_the_longest_numeral() {
        let c: Vec<char> = "约1100万人，".chars().collect();
        let (end, v) = scan(&c, 1).unwrap();
        assert_eq!(end, 6);
        assert_eq!(v.to_f64(), 11_000_000.0);
        let c: Vec<char> = "3.5。".chars().collect();
        assert_eq!(scan(&c, 0).unwrap().0, 3);
        // The 千 of 千瓦 and 千伏 is the unit's.
        for (t, end, v) in [
            ("60万千瓦", 3, 600_000.0),
            ("220千伏", 3, 220.0),
            ("三千米", 2, 3000.0),
        ] {
            let c: Vec<char> = t.chars().collect();
            let (e, n) = scan(&c, 0).unwrap();
            assert_eq!((e, n.to_f64()), (end, v), "{t}");
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::parse_number;

    #[test]
    fn a_table_of_numerals() {
        let cases: &[(&str, f64)] = &[
            ("0", 0.0),
            ("7", 7.0),
            ("49", 49.0),
            ("2023", 2023.0),
            ("15000", 15000.0),
            ("０", 0.0),
            ("２０２３", 2023.0),
            ("１２．５", 12.5),
            ("3.25", 3.25),
            ("10,000", 10000.0),
            ("1,234,567", 1_234_567.0),
            ("零", 0.0),
            ("一", 1.0),
            ("两", 2.0),
            ("十一", 11.0),
            ("二十", 20.0),
            ("二十一", 21.0),
            ("一百", 100.0),
            ("一百一十", 110.0),
            ("三百零六", 306.0),
            ("一千零一", 1001.0),
            ("两千零二十三", 2023.0),
            ("九千九百九十九", 9999.0),
            ("一万", 10_000.0),
            ("十万", 100_000.0),
            ("一百万", 1_000_000.0),
            ("三千万", 30_000_000.0),
            ("一亿", 100_000_000.0),
            ("十亿", 1_000_000_000.0),
            ("一万亿", 1_000_000_000_000.0),
            ("五万零五", 50_005.0),
            ("4.1亿", 410_000_000.0),
            ("0.5万", 5000.0),
            ("58.3万", 583_000.0),
            ("１．２万", 12_000.0),
            ("2千", 2000.0),
            ("3百", 300.0),
            ("壹仟贰佰", 1200.0),
            ("〇", 0.0),
            ("一〇五", 105.0),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), Some(*want), "{s}");
        }
        for bad in ["", "abc", "1.2.3", ".5", "5.", "万x", "1,2"] {
            assert!(parse_number(bad).is_none(), "{bad}");
        }
    }
}
