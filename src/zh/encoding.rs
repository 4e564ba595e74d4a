//! Detect and decode text files: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or BOM-less
//! detected by its NUL pattern or content) and, through `chardetng`, GB18030/GBK/GB2312 and
//! Big5. GBK and GB2312 are decoded as GB18030, their superset.
//!
//! Detection refuses rather than guesses: bytes that are UTF-8 but for a few bad sequences (or
//! a cut-off last character) are a damaged UTF-8 file, reported with the first bad byte's
//! offset and line, not read as some legacy encoding; and a guess of any other legacy encoding
//! (windows-1252, Shift_JIS …) is refused unless the user names that encoding. Lossy decoding
//! ([`decode_with`]) replaces bad sequences with U+FFFD and counts them.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// The decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (BOM dropped, line ends untouched).
    pub text: String,
    /// Encoding name, e.g. `UTF-8`, `GB18030`, `UTF-16LE`.
    pub encoding: &'static str,
    /// Whether a byte order mark was present.
    pub bom: bool,
    /// Whether the encoding was detected (false when given by the user).
    pub detected: bool,
}

/// Why a file could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
    /// An encoding name that is not known.
    #[error("unknown encoding {0:?} (try UTF-8, GB18030, GBK, UTF-16LE, UTF-16BE, Big5)")]
    UnknownEncoding(String),
    /// A byte sequence that is not valid in the encoding.
    #[error(
        "not valid {encoding} at byte offset {offset} (line {line}, byte value 0x{byte:02X}); \
         pick another encoding"
    )]
    Malformed {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// Its line (from 1).
        line: usize,
        /// The value of the first bad byte.
        byte: u8,
        /// The encoding tried.
        encoding: &'static str,
    },
    /// Valid UTF-8 but for a few bad byte sequences or a cut-off last character: a damaged
    /// UTF-8 file, which no other encoding would read correctly either.
    #[error("{}", damaged_message(*.offset, *.line, *.byte, *.invalid, *.truncated))]
    DamagedUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// Its line (from 1).
        line: usize,
        /// The value of the first bad byte.
        byte: u8,
        /// How many bad sequences there are.
        invalid: usize,
        /// Whether the last one is a character cut off at the end of the file.
        truncated: bool,
    },
    /// The bytes look like an encoding that is neither Unicode nor Chinese; a guess like that
    /// is usually wrong (mojibake), so it is taken only when named explicitly.
    #[error(
        "the bytes look like {0}, not UTF-8, UTF-16, GB18030/GBK or Big5; if the file really \
         is {0}, name it explicitly (--encoding {0})"
    )]
    UnexpectedEncoding(&'static str),
    /// NUL characters: not a text file.
    #[error("the file holds NUL characters (at char {0}): not a text file")]
    Binary(usize),
}

impl DecodeError {
    /// The message in Chinese (`Display` is the English).
    pub fn zh(&self) -> String {
        let fix = "请修复文件，或用 --lossy 导入，把坏字节替换为 U+FFFD";
        match self {
            DecodeError::Empty => "文件是空的".to_string(),
            DecodeError::UnknownEncoding(name) => {
                format!("未知的编码 {name:?}（可用 UTF-8、GB18030、GBK、UTF-16LE、UTF-16BE、Big5）")
            }
            DecodeError::Malformed {
                offset,
                line,
                byte,
                encoding,
            } => format!(
                "不是有效的 {encoding}：字节偏移 {offset}（第 {line} 行，字节值 0x{byte:02X}）；\
                 请换一种编码"
            ),
            DecodeError::DamagedUtf8 {
                offset,
                line,
                invalid: 1,
                truncated: true,
                ..
            } => {
                format!(
                    "文件是 UTF-8，但最后一个字在字节偏移 {offset}（第 {line} 行）处被截断；{fix}"
                )
            }
            DecodeError::DamagedUtf8 {
                offset,
                line,
                byte,
                invalid,
                ..
            } => format!(
                "文件是 UTF-8，但有 {invalid} 处无效字节序列，第一处在字节偏移 {offset}（第 {line} \
                 行，字节值 0x{byte:02X}）；{fix}"
            ),
            DecodeError::UnexpectedEncoding(enc) => format!(
                "这些字节看起来是 {enc}，不是 UTF-8、UTF-16、GB18030/GBK 或 Big5；如果文件确实是 \
                 {enc}，请明确指定（--encoding {enc}）"
            ),
            DecodeError::Binary(at) => {
                format!("文件含有 NUL 字符（在字偏移 {at} 处）：不是文本文件")
            }
        }
    }
}

/// The message of [`DecodeError::DamagedUtf8`].
fn damaged_message(
    offset: usize,
    line: usize,
    byte: u8,
    invalid: usize,
    truncated: bool,
) -> String {
    let fix = "repair the file, or import it with --lossy to replace the bad bytes with U+FFFD";
    if truncated && invalid == 1 {
        format!(
            "the file is UTF-8 but its last character is cut off at byte offset {offset} \
             (line {line}); {fix}"
        )
    } else {
        let seqs = if invalid == 1 {
            "sequence"
        } else {
            "sequences"
        };
        format!(
            "the file is UTF-8 except for {invalid} invalid byte {seqs}, the first at byte \
             offset {offset} (line {line}, byte value 0x{byte:02X}); {fix}"
        )
    }
}

/// What a lossy decode replaced with U+FFFD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Replaced {
    /// How many bad byte sequences were replaced (one U+FFFD each).
    pub count: usize,
    /// Byte offset in the file and line (from 1) of the first one.
    pub first: Option<(usize, usize)>,
}

/// Look up an encoding by a user-given name (`gbk`, `gb2312`, `utf-16le` …).
pub fn encoding_for_name(name: &str) -> Result<&'static Encoding, DecodeError> {
    let enc = Encoding::for_label(name.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(name.to_string()))?;
    Ok(widen(enc))
}

/// How many chars of `text` are unlikely in real text and typical of a wrong decoding:
/// U+FFFD, control characters other than tab, line ends and form feed, private-use chars,
/// Yi syllables (UTF-8 Chinese read as UTF-16 lands there) and unpaired halves.
pub fn suspicious_chars(text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            let u = c as u32;
            c == '\u{FFFD}'
                || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                || (0xE000..=0xF8FF).contains(&u)
                || (0xA000..=0xA4CF).contains(&u)
        })
        .count()
}

/// When `forced` decoding of `bytes` looks like a wrong guess that detection would not have
/// made: (the forced decoding's suspicious chars, its chars, the detected encoding's name
/// and suspicious chars). `None` when the forced encoding reads as well as the detected one.
pub fn forced_looks_wrong(
    bytes: &[u8],
    forced: &Decoded,
) -> Option<(usize, usize, &'static str, usize)> {
    let bad = suspicious_chars(&forced.text);
    let n = forced.text.chars().count().max(1);
    // A few odd chars happen; a wrong encoding gives many.
    if bad < 3 || bad * 100 < n {
        return None;
    }
    let (detected, _) = decode_with(bytes, None, true).ok()?;
    let other = suspicious_chars(&detected.text);
    let m = detected.text.chars().count().max(1);
    (other * n * 4 <= bad * m).then_some((bad, n, detected.encoding, other))
}

/// GBK/GB2312 files are decoded as GB18030, which includes them.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK { GB18030 } else { enc }
}

/// Decode a file's bytes, detecting the encoding unless `forced` names one. A bad byte
/// sequence refuses the file.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    decode_with(bytes, forced, false).map(|(d, _)| d)
}

/// Decode a file's bytes, detecting the encoding unless `forced` names one. With `lossy`,
/// each bad byte sequence becomes U+FFFD (counted in the returned [`Replaced`]) instead of
/// refusing the file; an encoding biaozhu does not take unasked is refused either way.
pub fn decode_with(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    lossy: bool,
) -> Result<(Decoded, Replaced), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (enc, bom_len, detected) = match forced {
        Some(enc) => {
            let bom = match Encoding::for_bom(bytes) {
                Some((b, len)) if b == widen(enc) => len,
                _ => 0,
            };
            (widen(enc), bom, false)
        }
        None => match detect(bytes)? {
            Detected::Found(enc, bom) => (enc, bom, true),
            Detected::DamagedUtf8(d) if !lossy => {
                return Err(DecodeError::DamagedUtf8 {
                    offset: d.first,
                    line: line_at(bytes, d.first),
                    byte: bytes.get(d.first).copied().unwrap_or_default(),
                    invalid: d.invalid,
                    truncated: d.truncated,
                });
            }
            Detected::DamagedUtf8(_) => (UTF_8, 0, true),
        },
    };
    let body = &bytes[bom_len..];
    let (text, replaced) =
        decode_body(enc, body, lossy).map_err(|(offset, line)| DecodeError::Malformed {
            offset: offset + bom_len,
            line,
            byte: body.get(offset).copied().unwrap_or_default(),
            encoding: enc.name(),
        })?;
    if let Some(i) = text.chars().position(|c| c == '\0') {
        return Err(DecodeError::Binary(i));
    }
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    let replaced = Replaced {
        first: replaced.first.map(|(o, l)| (o + bom_len, l)),
        ..replaced
    };
    let decoded = Decoded {
        text,
        encoding: enc.name(),
        bom: bom_len > 0,
        detected,
    };
    Ok((decoded, replaced))
}

/// What detection found.
enum Detected {
    /// An encoding and the length of its BOM.
    Found(&'static Encoding, usize),
    /// UTF-8 but for a few bad sequences.
    DamagedUtf8(Utf8Damage),
}

/// Guess the encoding. Refuses a guess that is neither Unicode nor Chinese: chardetng names
/// some legacy encoding for any bytes at all, and for a Chinese annotation tool such a guess
/// is almost always mojibake.
fn detect(bytes: &[u8]) -> Result<Detected, DecodeError> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Ok(Detected::Found(enc, len));
    }
    // Before UTF-8: ASCII in UTF-16 is valid UTF-8 full of NULs.
    if let Some(enc) = utf16_by_nuls(bytes) {
        return Ok(Detected::Found(enc, 0));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(Detected::Found(UTF_8, 0));
    }
    if let Some(enc) = utf16_by_content(bytes) {
        return Ok(Detected::Found(enc, 0));
    }
    if let Some(d) = utf8_damage(bytes) {
        return Ok(Detected::DamagedUtf8(d));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = widen(det.guess(None, false));
    if guess == GB18030 || guess == BIG5 {
        Ok(Detected::Found(guess, 0))
    } else {
        Err(DecodeError::UnexpectedEncoding(guess.name()))
    }
}

/// The bad sequences of bytes that are almost UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Utf8Damage {
    /// Byte offset of the first bad byte.
    first: usize,
    /// How many bad sequences.
    invalid: usize,
    /// Whether the last is a character cut off at the end.
    truncated: bool,
}

/// `Some` when `bytes` are not valid UTF-8 but clearly meant to be: the only fault is a
/// character cut off at the end, or bad sequences are few (at most one for every four valid
/// non-ASCII characters). Text in a legacy encoding read as UTF-8 is the other way round: its
/// non-ASCII bytes hardly ever form valid UTF-8 sequences.
fn utf8_damage(bytes: &[u8]) -> Option<Utf8Damage> {
    let (mut offset, mut non_ascii, mut invalid) = (0usize, 0usize, 0usize);
    let (mut first, mut truncated) = (None, false);
    for chunk in bytes.utf8_chunks() {
        non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        invalid += 1;
        first.get_or_insert(offset);
        offset += bad.len();
        // An incomplete sequence at the very end: a lead byte and fewer continuations than
        // it announces (`error_len` is `None` only then).
        truncated = offset == bytes.len()
            && std::str::from_utf8(bad).is_err_and(|e| e.error_len().is_none());
    }
    let first = first?;
    let only_cut_off = invalid == 1 && truncated;
    (only_cut_off || (non_ascii > 0 && non_ascii >= invalid.saturating_mul(4))).then_some(
        Utf8Damage {
            first,
            invalid,
            truncated,
        },
    )
}

/// The line (from 1) of byte `offset` in ASCII-compatible `bytes`.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + bytes
        .get(..offset)
        .unwrap_or(bytes)
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// BOM-less UTF-16 shows as many NUL bytes on one side for ASCII-heavy text (for Chinese it
/// does not: see `utf16_by_content`). Conservative: needs an even length.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nuls = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nuls * 3 > pairs && even_nuls * 10 < pairs {
        return Some(UTF_16LE);
    }
    if even_nuls * 3 > pairs && odd_nuls * 10 < pairs {
        return Some(UTF_16BE);
    }
    None
}

/// BOM-less UTF-16 of mostly Chinese text has few NULs, and chardetng takes it for a legacy
/// single-byte encoding (silent mojibake). Accept a byte order when the units decode without
/// surrogate errors, at least 95% of the chars are ones Chinese text is made of (CJK, CJK and
/// full-width punctuation, printable ASCII, emoji) and Chinese punctuation occurs: legacy
/// double-byte encodings read as UTF-16 give Hangul, private-use or surrogate units instead, and
/// Shift_JIS read as UTF-16BE gives CJK ideographs but no CJK punctuation.
fn utf16_by_content(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let score = |le: bool| -> Option<usize> {
        let units = bytes.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let (mut total, mut plausible, mut punct) = (0usize, 0usize, 0usize);
        for c in char::decode_utf16(units) {
            let c = c.ok()?;
            total += 1;
            let is_punct = matches!(c, '\u{3001}'..='\u{3011}' | '\u{FF01}'..='\u{FF1F}' | '\u{201C}' | '\u{201D}');
            punct += usize::from(is_punct);
            plausible += usize::from(
                is_punct
                    || matches!(c, '\t' | '\n' | '\r' | ' '..='~'
                        | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}'
                        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
                        | '\u{FF00}'..='\u{FFEF}' | '\u{1F300}'..='\u{1FAFF}'
                        | '\u{20000}'..='\u{3134F}'),
            );
        }
        (punct > 0 && plausible * 100 >= total * 95).then_some(plausible)
    };
    match (score(true), score(false)) {
        (Some(le), Some(be)) if be > le => Some(UTF_16BE),
        (Some(_), _) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
        (None, None) => None,
    }
}

/// Decode `bytes` in `enc`. Without `lossy`, the first bad sequence fails with its byte offset
/// and line (from 1); with it, each bad sequence becomes one U+FFFD (as encoding_rs's own
/// replacement does) and is counted.
fn decode_body(
    enc: &'static Encoding,
    bytes: &[u8],
    lossy: bool,
) -> Result<(String, Replaced), (usize, usize)> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3) + 16);
    let mut out = String::with_capacity(cap);
    let mut replaced = Replaced::default();
    let mut read_total = 0;
    loop {
        let (res, read) =
            dec.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match res {
            DecoderResult::InputEmpty => return Ok((out, replaced)),
            DecoderResult::Malformed(bad, after) => {
                let offset = read_total.saturating_sub(bad as usize + after as usize);
                if replaced.first.is_none() {
                    // Lines counted in what was decoded: right for UTF-16 too.
                    let line = 1 + out.matches('\n').count();
                    if !lossy {
                        return Err((offset, line));
                    }
                    replaced.first = Some((offset, line));
                }
                replaced.count += 1;
                out.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every decode error reads in Chinese: no English word in it but encoding names and
    /// the `--lossy` / `--encoding` options.
    #[test]
    fn every_decode_error_reads_in_chinese() {
        let all = [
            DecodeError::Empty,
            DecodeError::UnknownEncoding("latin-9".into()),
            DecodeError::Malformed {
                offset: 3,
                line: 1,
                byte: 0xff,
                encoding: "GBK",
            },
            DecodeError::DamagedUtf8 {
                offset: 3,
                line: 1,
                byte: 0xff,
                invalid: 1,
                truncated: true,
            },
            DecodeError::DamagedUtf8 {
                offset: 3,
                line: 1,
                byte: 0xff,
                invalid: 2,
                truncated: false,
            },
            DecodeError::UnexpectedEncoding("windows-1252"),
            DecodeError::Binary(4),
        ];
        for e in &all {
            match e {
                DecodeError::Empty
                | DecodeError::UnknownEncoding(_)
                | DecodeError::Malformed { .. }
                | DecodeError::DamagedUtf8 { .. }
                | DecodeError::UnexpectedEncoding(_)
                | DecodeError::Binary(_) => {}
            }
            let zh = e.zh();
            let allowed = [
                "UTF", "GB", "GBK", "LE", "BE", "Big", "FFFD", "NUL", "lossy", "encoding", "latin",
                "windows", "xFF", "U",
            ];
            let english: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty() && !allowed.contains(w))
                .collect();
            assert!(english.is_empty(), "{zh}: {english:?}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert_ne!(zh, e.to_string());
        }
    }

    use super::*;

    const S: &str =
        "【本报北京10月24日电】甘肃省总工会出台实施方案，力争全省86个县区工会规范化。\r\n第二行";

    #[test]
    fn gbk_and_utf8_twins_decode_to_the_same_text() {
        let (gbk, _, bad) = GBK.encode(S);
        assert!(!bad);
        let d = decode(&gbk, None).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, S);
        assert_eq!(decode(S.as_bytes(), None).unwrap().text, S);
    }

    #[test]
    fn boms_are_dropped_and_reported() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(S.as_bytes());
        let d = decode(&b, None).unwrap();
        assert!(d.bom);
        assert_eq!(d.text, S);
        let mut le = vec![0xFF, 0xFE];
        for u in S.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", S));
        let mut be = vec![0xFE, 0xFF];
        for u in "𠮷野家😀".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, "𠮷野家😀");
    }

    #[test]
    fn bomless_utf16_of_ascii_is_found_by_its_nuls() {
        let mut le = Vec::new();
        for u in "plain text, 2023".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().encoding, "UTF-16LE");
    }

    #[test]
    fn bomless_utf16_of_chinese_is_found_by_its_content() {
        let cjk = "甘肃省总工会出台实施方案，力争全省工会规范化建设达标。𠮷野家😀";
        for text in [S, cjk] {
            let mut le = Vec::new();
            let mut be = Vec::new();
            for u in text.encode_utf16() {
                le.extend_from_slice(&u.to_le_bytes());
                be.extend_from_slice(&u.to_be_bytes());
            }
            let d = decode(&le, None).unwrap();
            assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", text));
            let d = decode(&be, None).unwrap();
            assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", text));
        }
        // GBK (even length) is not taken for UTF-16.
        let (gbk, _, _) = GBK.encode(cjk.trim_end_matches(['𠮷', '野', '家', '😀']));
        assert_eq!(gbk.len() % 2, 0);
        assert_eq!(decode(&gbk, None).unwrap().encoding, "gb18030");
    }

    #[test]
    fn a_bad_byte_is_reported_with_its_offset() {
        let mut b = "你好".as_bytes().to_vec();
        b.push(0xFF);
        let e = decode(&b, Some(UTF_8)).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Malformed {
                offset: 6,
                line: 1,
                byte: 0xFF,
                encoding: "UTF-8"
            }
        );
        // The offset is not written as if it were the byte's value.
        let m = e.to_string();
        assert!(
            m.contains("at byte offset 6 (line 1, byte value 0xFF)"),
            "{m}"
        );
        assert!(!m.contains("0x6"), "{m}");
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            encoding_for_name("klingon"),
            Err(DecodeError::UnknownEncoding(_))
        ));
        assert_eq!(encoding_for_name("gb2312").unwrap().name(), "gb18030");
    }

    #[test]
    fn almost_utf8_is_refused_with_the_place_of_the_bad_bytes_not_read_as_legacy() {
        // One bad byte on line 2: before, this went in as windows-1252 mojibake.
        let mut b = "第一行。\n你好世界".as_bytes().to_vec();
        let at = b.len();
        b.push(0xFF);
        b.extend_from_slice("你好。\n".as_bytes());
        let e = decode(&b, None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::DamagedUtf8 {
                offset: at,
                line: 2,
                byte: 0xFF,
                invalid: 1,
                truncated: false
            }
        );
        let m = e.to_string();
        assert!(
            m.contains(&format!("byte offset {at} (line 2, byte value 0xFF)")),
            "{m}"
        );
        assert!(m.contains("--lossy"), "{m}");
        // Lossy: one U+FFFD, counted, with the place of the first.
        let (d, r) = decode_with(&b, None, true).unwrap();
        assert_eq!(d.text, "第一行。\n你好世界\u{FFFD}你好。\n");
        assert_eq!((d.encoding, d.detected), ("UTF-8", true));
        assert_eq!(
            r,
            Replaced {
                count: 1,
                first: Some((at, 2))
            }
        );
        // A file without damage replaces nothing.
        let (_, r) = decode_with(S.as_bytes(), None, true).unwrap();
        assert_eq!(r, Replaced::default());

        // A last character cut off (你 is E4 BD A0): before, Shift_JIS or windows-1252.
        let mut cut = "你好世界你".as_bytes().to_vec();
        cut.extend_from_slice(&"你".as_bytes()[..2]);
        let e = decode(&cut, None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::DamagedUtf8 {
                offset: 15,
                line: 1,
                byte: 0xE4,
                invalid: 1,
                truncated: true
            }
        );
        assert!(e.to_string().contains("cut off at byte offset 15"), "{e}");
        let (d, r) = decode_with(&cut, None, true).unwrap();
        assert_eq!((d.text.as_str(), r.count), ("你好世界你\u{FFFD}", 1));
    }

    #[test]
    fn a_legacy_guess_that_is_not_chinese_is_refused_unless_named() {
        // 0xFF garbage: before, windows-1256.
        let ff = vec![0xFF; 300];
        let e = decode(&ff, None).unwrap_err();
        assert!(matches!(e, DecodeError::UnexpectedEncoding(_)), "{e:?}");
        assert!(
            decode_with(&ff, None, true).is_err(),
            "--lossy does not take it"
        );
        let DecodeError::UnexpectedEncoding(name) = e else {
            return;
        };
        assert!(e.to_string().contains(&format!("--encoding {name}")), "{e}");
        let named = encoding_for_name(name).unwrap();
        assert_eq!(decode(&ff, Some(named)).unwrap().text.chars().count(), 300);
        // Latin-1 text and Shift_JIS: refused when guessed, read when named.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Le café est très bon à Paris.");
        assert!(matches!(
            decode(&latin, None),
            Err(DecodeError::UnexpectedEncoding(_))
        ));
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("日本語のテキストです。ひらがなとカタカナ。");
        assert!(matches!(
            decode(&sjis, None),
            Err(DecodeError::UnexpectedEncoding(_))
        ));
        let named = encoding_for_name("shift_jis").unwrap();
        assert_eq!(
            decode(&sjis, Some(named)).unwrap().text,
            "日本語のテキストです。ひらがなとカタカナ。"
        );
        // Chinese legacy encodings are still detected: GBK (above) and Big5.
        let (big5, _, _) = BIG5.encode("甘肅省總工會出台實施方案，力爭全省工會規範化建設達標。");
        assert_eq!(decode(&big5, None).unwrap().encoding, "Big5");
    }

    #[test]
    fn lossy_decoding_counts_every_replacement_in_any_encoding() {
        // GBK with two bad bytes (0xFF is never a GBK byte): refused with the first's place.
        let mut gbk = GBK.encode(S).0.into_owned();
        gbk.insert(4, 0xFF);
        gbk.push(0xFF);
        let e = decode(&gbk, Some(GB18030)).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Malformed {
                    offset: 4,
                    line: 1,
                    byte: 0xFF,
                    ..
                }
            ),
            "{e:?}"
        );
        let (d, r) = decode_with(&gbk, Some(GB18030), true).unwrap();
        assert_eq!(r.count, 2);
        assert_eq!(r.first, Some((4, 1)));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        // UTF-16 with a BOM: the offset counts the BOM, the line the decoded text.
        let mut le = vec![0xFF, 0xFE];
        for u in "一\n二".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        le.extend_from_slice(&0xD800u16.to_le_bytes()); // a lone surrogate
        le.extend_from_slice(&u16::from(b'x').to_le_bytes());
        let e = decode(&le, None).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Malformed {
                    offset: 8,
                    line: 2,
                    ..
                }
            ),
            "{e:?}"
        );
        let (d, r) = decode_with(&le, None, true).unwrap();
        assert_eq!((d.text.as_str(), r.count), ("一\n二\u{FFFD}x", 1));
    }
}
