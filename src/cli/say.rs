//! The command line's language: which one it speaks (`--lang`, else the language chosen in
//! the window, else the locale), its messages in that language, and its errors worded in it.
//! Data (JSON, exported files, label keys, surfaces, paths) is printed as it is.

use crate::i18n::{Lang, Said, english_count};

/// The language of this run: `--lang`, else the window's choice in the user's settings,
/// else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Chinese.
pub fn pick_lang(flag: Option<&str>) -> Lang {
    flag.and_then(Lang::from_code)
        .or_else(|| {
            crate::store::config::UserConfig::load()
                .lang
                .as_deref()
                .and_then(Lang::from_code)
        })
        .unwrap_or_else(Lang::from_env)
}

/// The value of `--lang` in raw arguments (`--lang zh` or `--lang=zh`), read before clap
/// parses them so that `--help` can be in that language.
pub fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            return None;
        }
        if a == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// A message of the command line, formatted in `lang`: `say!(lang, "已创建 {p}", "created {p}")`.
/// Both wordings take the same arguments.
macro_rules! say {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Zh => format!($zh $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}
pub(crate) use say;

/// Return an error worded in both languages from the current function:
/// `fail!("{p}：不是项目", "{p}: not a project")`.
macro_rules! fail {
    ($($t:tt)*) => {
        return Err($crate::cli::say::Failed($crate::said!($($t)*)).into())
    };
}
pub(crate) use fail;

/// An error of the command line itself, in both languages (English when displayed; the
/// chosen language through [`error_message`]). Made whole where it happens (never as an
/// anyhow context, whose layer [`error_message`] could not word in Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed(pub Said);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Failed {}

/// One error, worded in `lang` where the error knows both wordings (the command line's own,
/// the store's, the session's, a format's, a model file's, a decoding's); anything else as
/// it says itself.
fn cause_in(e: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    if let Some(f) = e.downcast_ref::<Failed>() {
        return f.0.get(lang).to_string();
    }
    if let Some(s) = e.downcast_ref::<crate::store::StoreError>() {
        return crate::session::store_message(s, lang);
    }
    if let Some(s) = e.downcast_ref::<crate::edit::EditError>() {
        return crate::session::edit_message(s, lang);
    }
    if let Some(s) = e.downcast_ref::<crate::session::SessionError>() {
        return s.message(lang);
    }
    if let Some(f) = e.downcast_ref::<crate::format::FormatError>() {
        return f.message_in(lang);
    }
    if let Some(m) = e.downcast_ref::<crate::learn::ModelError>() {
        return m.said().get(lang).to_string();
    }
    if let Some(d) = e.downcast_ref::<crate::zh::encoding::DecodeError>() {
        return match lang {
            Lang::Zh => d.zh(),
            Lang::En => d.to_string(),
        };
    }
    e.to_string()
}

/// An error with its causes, each said once, in `lang`, for `error: …` on standard error. A
/// cause whose text is already in the message is left out: `StoreError::Io` words its OS
/// error in its own message and also has it as its source, which anyhow's `{:#}` printed
/// twice (`x: No such file or directory (os error 2): No such file or directory (os error 2)`).
pub fn error_message(e: &anyhow::Error, lang: Lang) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let s = cause_in(cause, lang);
        if out.contains(&s) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(match lang {
                Lang::Zh => "：",
                Lang::En => ": ",
            });
        }
        out.push_str(&s);
    }
    out
}

/// `error: ` or `错误：`, before an error on standard error.
pub fn error_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "错误：",
        Lang::En => "error: ",
    }
}

/// `warning: ` or `警告：`.
pub fn warning_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "警告：",
        Lang::En => "warning: ",
    }
}

/// The prefix of a note: what a command did or left out, said so that nothing is lost
/// silently (an export's notes), not a fault.
pub fn note_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "注意：",
        Lang::En => "note: ",
    }
}

/// A count with its noun: `3 篇文档` (the measure word and noun given) or `3 documents`.
pub fn count(lang: Lang, n: usize, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En => english_count(n, en),
    }
}

/// How many columns `s` takes in a terminal: a CJK char (or a full-width one) takes two.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `s` padded with spaces to `cols` terminal columns (left-aligned), so that Chinese column
/// heads line up with the figures under them.
pub fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    format!("{s}{}", " ".repeat(cols.saturating_sub(w)))
}

/// `s` right-aligned in `cols` terminal columns.
pub fn right(s: &str, cols: usize) -> String {
    let w = width(s);
    format!("{}{s}", " ".repeat(cols.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_picks_the_language_before_anything_else() {
        assert_eq!(pick_lang(Some("en")), Lang::En);
        assert_eq!(pick_lang(Some("zh")), Lang::Zh);
        let args = |a: &[&str]| -> Vec<std::ffi::OsString> { a.iter().map(|s| s.into()).collect() };
        assert_eq!(
            lang_flag(&args(&["bz", "check", "d", "--lang", "en"])),
            Some("en".into())
        );
        assert_eq!(
            lang_flag(&args(&["bz", "--lang=zh", "new", "d"])),
            Some("zh".into())
        );
        assert_eq!(
            lang_flag(&args(&["bz", "import", "d", "--", "--lang"])),
            None
        );
        assert_eq!(lang_flag(&args(&["bz", "stats", "d"])), None);
    }

    #[test]
    fn errors_are_worded_in_the_chosen_language_cause_by_cause() {
        let e = anyhow::Error::from(crate::store::StoreError::NotAProject("x".into()));
        assert_eq!(
            error_message(&e, Lang::En),
            "x: not a biaozhu project (no project.ron)"
        );
        assert_eq!(
            error_message(&e, Lang::Zh),
            "x：不是 biaozhu 项目（没有 project.ron）"
        );
        let e = anyhow::Error::from(Failed(crate::said!("打不开", "cannot open")));
        assert_eq!(error_message(&e, Lang::Zh), "打不开");
        // The OS error is the store error's source and is in its message: said once.
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::from(crate::store::StoreError::Io {
            path: "f".into(),
            source: io,
        });
        let zh = error_message(&e, Lang::Zh);
        assert_eq!(zh.matches("gone").count(), 1, "{zh}");
        assert!(zh.starts_with("f："), "{zh}");
    }

    #[test]
    fn counts_and_columns_follow_the_language() {
        assert_eq!(count(Lang::Zh, 3, "篇文档", "document"), "3 篇文档");
        assert_eq!(count(Lang::En, 1, "篇文档", "document"), "1 document");
        assert_eq!(width("文档 ab"), 7);
        assert_eq!(pad("文档", 6), "文档  ");
        assert_eq!(pad("abcdefgh", 4), "abcdefgh");
        assert_eq!(right("文档", 6), "  文档");
    }
}
