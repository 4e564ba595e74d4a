//! Detect and decode text files: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or BOM-less
//! detected by its NUL pattern) and, through `chardetng`, GB18030/GBK/GB2312, Big5 and others.
//! GBK and GB2312 are decoded as GB18030, their superset.

use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

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
    #[error("byte {offset} (0x{offset:x}) is not valid {encoding}; pick another encoding")]
    Malformed {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// The encoding tried.
        encoding: &'static str,
    },
    /// NUL characters: not a text file.
    #[error("the file holds NUL characters (at char {0}): not a text file")]
    Binary(usize),
}

/// Look up an encoding by a user-given name (`gbk`, `gb2312`, `utf-16le` …).
pub fn encoding_for_name(name: &str) -> Result<&'static Encoding, DecodeError> {
    let enc = Encoding::for_label(name.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(name.to_string()))?;
    Ok(widen(enc))
}

/// GBK/GB2312 files are decoded as GB18030, which includes them.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK { GB18030 } else { enc }
}

/// Decode a file's bytes, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
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
        None => {
            let (enc, bom) = detect(bytes);
            (enc, bom, true)
        }
    };
    let body = &bytes[bom_len..];
    let text = decode_strict(enc, body).map_err(|offset| DecodeError::Malformed {
        offset: offset + bom_len,
        encoding: enc.name(),
    })?;
    if let Some(i) = text.chars().position(|c| c == '\0') {
        return Err(DecodeError::Binary(i));
    }
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        bom: bom_len > 0,
        detected,
    })
}

/// Guess the encoding; returns it and the length of its BOM.
fn detect(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (enc, len);
    }
    // Before UTF-8: ASCII in UTF-16 is valid UTF-8 full of NULs.
    if let Some(enc) = utf16_by_nuls(bytes) {
        return (enc, 0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, 0);
    }
    if let Some(enc) = utf16_by_content(bytes) {
        return (enc, 0);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, false);
    (widen(guess), 0)
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

/// Decode without replacement; on failure, the byte offset of the first bad sequence.
fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3) + 16);
    let mut out = String::with_capacity(cap);
    let mut read_total = 0;
    loop {
        let (res, read) =
            dec.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match res {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(bad as usize + after as usize));
            }
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
        }
    }
}

#[cfg(test)]
mod tests {
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
                encoding: "UTF-8"
            }
        );
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            encoding_for_name("klingon"),
            Err(DecodeError::UnknownEncoding(_))
        ));
        assert_eq!(encoding_for_name("gb2312").unwrap().name(), "gb18030");
    }
}
