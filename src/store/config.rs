//! The user's settings outside any project: UI language, the last project opened, zoom and
//! theme. Kept in `$BIAOZHU_CONFIG_DIR`, else `$XDG_CONFIG_HOME/biaozhu`, else
//! `~/.config/biaozhu`.

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
    /// The window's zoom factor (1.0 = 100%); none = 100%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoom: Option<f32>,
    /// The light theme; none or false = dark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<bool>,
    /// Retrain the project's model after this many newly accepted entities; none or 0 =
    /// only when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrain_every: Option<usize>,
    /// Projects opened lately, the last first (at most [`RECENT_MAX`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recent: Vec<PathBuf>,
    /// The export chosen last in the window for each project, the last first (at most
    /// [`EXPORTS_MAX`]): the export dialog opens with it again after a restart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exports: Vec<RememberedExport>,
}

/// An export chosen in the window, remembered for its project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedExport {
    /// The project's folder.
    pub project: PathBuf,
    /// Where it was written.
    pub path: String,
    /// The format's name (`conll`).
    pub format: String,
    /// The dialog's choices by name (`unit` → `sentence`, `dedup` → `true`): plain strings,
    /// so that a choice added or renamed later leaves the others readable.
    #[serde(default)]
    pub choices: std::collections::BTreeMap<String, String>,
}

/// How many projects' exports are remembered.
pub const EXPORTS_MAX: usize = 16;

/// How many recent projects are kept.
pub const RECENT_MAX: usize = 8;

/// The zoom factors the window allows.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The zoom factor after one step (`+1` in, `-1` out, `0` back to 100%), in steps of 10%
/// within [`ZOOM_RANGE`].
pub fn zoom_step(zoom: f32, step: i8) -> f32 {
    if step == 0 {
        return 1.0;
    }
    let z = (zoom * 10.0).round() / 10.0 + 0.1 * f32::from(step.signum());
    ((z * 10.0).round() / 10.0).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
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

/// The name the annotator dialog proposes: the OS user (`$USER`, else `$USERNAME`) if it can
/// be a layer name, else `main`.
pub fn os_user_name() -> String {
    user_name_from(std::env::var("USER").ok(), std::env::var("USERNAME").ok())
}

/// [`os_user_name`] from the two variables' values.
pub fn user_name_from(user: Option<String>, username: Option<String>) -> String {
    [user, username]
        .into_iter()
        .flatten()
        .map(|n| n.trim().to_string())
        .find(|n| super::check_annotator(n).is_ok())
        .unwrap_or_else(|| super::DEFAULT_ANNOTATOR.to_string())
}

/// A project folder as the settings remember it: the absolute path with links resolved, so
/// that `biaozhu p`, `biaozhu ./p` and a link to it are one project; the path as given when
/// it cannot be resolved (a folder gone since).
pub fn project_key(dir: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

impl UserConfig {
    /// Note `dir` as the project opened last: first in [`Self::recent`], once, and as
    /// [`Self::last_project`].
    pub fn opened(&mut self, dir: PathBuf) {
        self.recent.retain(|p| *p != dir);
        self.recent.insert(0, dir.clone());
        self.recent.truncate(RECENT_MAX);
        self.last_project = Some(dir);
    }

    /// Remember `e` as its project's export, first in [`Self::exports`], once per project
    /// (its folder as [`project_key`] gives it).
    pub fn remember_export(&mut self, mut e: RememberedExport) {
        e.project = project_key(&e.project);
        self.exports.retain(|x| x.project != e.project);
        self.exports.insert(0, e);
        self.exports.truncate(EXPORTS_MAX);
    }

    /// The export remembered for the project in `dir`, however the folder is named (a
    /// relative path, a symbolic link).
    pub fn export_of(&self, dir: &std::path::Path) -> Option<&RememberedExport> {
        let key = project_key(dir);
        self.exports.iter().find(|e| e.project == key)
    }

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
        let s = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).map_err(|e| {
            super::StoreError::invalid(
                dir,
                crate::said!("无法写出设置：{e}", "cannot write the settings: {e}"),
            )
        })?;
        super::write_atomic(&dir.join("config.ron"), s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proposed_name_is_user_else_username_else_main() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(user_name_from(s("alice"), s("bob")), "alice");
        assert_eq!(user_name_from(None, s("bob")), "bob");
        assert_eq!(user_name_from(s("a/b"), s("bob")), "bob");
        assert_eq!(user_name_from(None, None), "main");
        assert_eq!(user_name_from(s(""), None), "main");
    }

    /// A project reached through a link or by another spelling of its path finds the export
    /// remembered under its real folder.
    #[cfg(unix)]
    #[test]
    fn an_export_is_found_through_a_link_to_the_project() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("p");
        std::fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut c = UserConfig::default();
        c.remember_export(RememberedExport {
            project: link.join("."),
            path: "out.json".into(),
            format: "json".into(),
            choices: Default::default(),
        });
        assert_eq!(c.exports[0].project, std::fs::canonicalize(&real).unwrap());
        assert!(c.export_of(&real).is_some());
        assert!(c.export_of(&link).is_some());
        assert!(c.export_of(&tmp.path().join("other")).is_none());
    }

    /// A project's export is remembered once, the last first, for at most sixteen
    /// projects, and reads back from the file.
    #[test]
    fn exports_are_remembered_per_project_and_read_back() {
        let e = |p: &str, f: &str| RememberedExport {
            project: PathBuf::from(p),
            path: format!("{p}/out"),
            format: f.into(),
            choices: [("unit".to_string(), "sentence".to_string())].into(),
        };
        let mut c = UserConfig::default();
        c.remember_export(e("/a", "json"));
        c.remember_export(e("/b", "conll"));
        c.remember_export(e("/a", "hf-spans"));
        assert_eq!(c.exports.len(), 2);
        assert_eq!(c.exports[0].format, "hf-spans");
        assert_eq!(
            c.export_of(std::path::Path::new("/b"))
                .map(|x| x.format.as_str()),
            Some("conll")
        );
        for i in 0..20 {
            c.remember_export(e(&format!("/p{i}"), "json"));
        }
        assert_eq!(c.exports.len(), EXPORTS_MAX);
        assert_eq!(c.exports[0].project, PathBuf::from("/p19"));
        let tmp = tempfile::tempdir().unwrap();
        c.save_to(tmp.path()).unwrap();
        assert_eq!(UserConfig::load_from(tmp.path()), c);
        // A file written before exports were remembered reads as before.
        std::fs::write(tmp.path().join("config.ron"), "(lang: Some(\"zh\"))").unwrap();
        let old = UserConfig::load_from(tmp.path());
        assert_eq!(old.lang.as_deref(), Some("zh"));
        assert!(old.exports.is_empty());
    }

    #[test]
    fn recent_projects_are_the_last_opened_first_each_once_and_at_most_eight() {
        let mut c = UserConfig::default();
        for i in 0..10 {
            c.opened(PathBuf::from(format!("/p/{i}")));
        }
        c.opened(PathBuf::from("/p/5"));
        assert_eq!(c.recent.len(), RECENT_MAX);
        assert_eq!(c.recent[0], PathBuf::from("/p/5"));
        assert_eq!(c.recent[1], PathBuf::from("/p/9"));
        assert_eq!(
            c.recent
                .iter()
                .filter(|p| p.as_path() == std::path::Path::new("/p/5"))
                .count(),
            1
        );
        assert_eq!(c.last_project, Some(PathBuf::from("/p/5")));
    }

    #[test]
    fn zoom_steps_by_a_tenth_within_its_range() {
        assert_eq!(zoom_step(1.0, 1), 1.1);
        assert_eq!(zoom_step(1.1, -1), 1.0);
        assert_eq!(zoom_step(1.7, 0), 1.0);
        assert_eq!(zoom_step(3.0, 1), 3.0);
        assert_eq!(zoom_step(0.5, -1), 0.5);
        // A factor off the grid (a hand-edited file) comes back onto it.
        assert_eq!(zoom_step(1.04, 1), 1.1);
    }

    #[test]
    fn the_language_last_project_zoom_and_theme_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(UserConfig::load_from(dir.path()), UserConfig::default());
        let c = UserConfig {
            lang: Some("en".into()),
            last_project: Some(PathBuf::from("/data/项目")),
            annotator: None,
            zoom: Some(1.3),
            light: Some(true),
            retrain_every: Some(50),
            recent: vec![PathBuf::from("/data/项目"), PathBuf::from("/data/旧")],
            exports: Vec::new(),
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
