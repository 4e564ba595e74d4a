//! UI strings in Chinese and English. `tr` is an exhaustive match, so a message without a
//! translation does not compile.

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From a locale string such as `zh_CN.UTF-8` or `en_US`.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// From the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`); Chinese when unset.
    pub fn from_env() -> Self {
        for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(s) = std::env::var(v)
                && !s.is_empty()
                && s != "C"
                && s != "POSIX"
                && s != "C.UTF-8"
            {
                return Self::from_locale(&s);
            }
        }
        Lang::Zh
    }

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// From `zh`/`en`.
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}
