//! The user's settings outside any project: UI language and the last project opened. Kept in
//! `$BIAOZHU_CONFIG_DIR`, else `$XDG_CONFIG_HOME/biaozhu`, else `~/.config/biaozhu`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// User settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserConfig {
    /// `zh` or `en`; none = from the system locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The project opened last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_project: Option<PathBuf>,
    /// Whose layer to open (default `main`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
}

/// The config folder.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("BIAOZHU_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(d).join("biaozhu"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config").join("biaozhu"))
}

impl UserConfig {
    /// Load from the config folder; a missing or broken file gives the defaults (it only
    /// holds preferences).
    pub fn load() -> Self {
        config_dir()
            .map(|d| Self::load_from(&d))
            .unwrap_or_default()
    }

    /// Load from `dir/config.ron`.
    pub fn load_from(dir: &std::path::Path) -> Self {
        std::fs::read_to_string(dir.join("config.ron"))
            .ok()
            .and_then(|s| ron::de::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Save atomically in the config folder.
    pub fn save(&self) -> Result<(), super::StoreError> {
        match config_dir() {
            Some(dir) => self.save_to(&dir),
            None => Ok(()),
        }
    }

    /// Save atomically to `dir/config.ron`.
    pub fn save_to(&self, dir: &std::path::Path) -> Result<(), super::StoreError> {
        let s = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| super::StoreError::invalid(dir, e.to_string()))?;
        super::write_atomic(&dir.join("config.ron"), s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_and_last_project_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(UserConfig::load_from(dir.path()), UserConfig::default());
        let c = UserConfig {
            lang: Some("en".into()),
            last_project: Some(PathBuf::from("/data/项目")),
            annotator: None,
        };
        c.save_to(&dir.path().join("biaozhu")).unwrap();
        assert_eq!(UserConfig::load_from(&dir.path().join("biaozhu")), c);
        std::fs::write(dir.path().join("biaozhu/config.ron"), "(lang: ").unwrap();
        assert_eq!(
            UserConfig::load_from(&dir.path().join("biaozhu")),
            UserConfig::default(),
            "a broken preferences file falls back to the defaults"
        );
    }
}
