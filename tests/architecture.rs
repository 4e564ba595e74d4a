//! The module map of ARCHITECTURE.md, checked: each module uses only the modules its row
//! names (so arrows point one way and there is no cycle), and `ui/` never reaches `app/`.

use std::collections::BTreeSet;
use std::path::Path;

/// What each top-level module may use (`crate::X` paths), as ARCHITECTURE.md says.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &["i18n"]),
    ("i18n", &[]),
    ("edit", &["model"]),
    ("zh", &["model"]),
    ("review", &["model", "edit", "zh"]),
    ("format", &["model", "zh", "i18n"]),
    ("store", &["model", "edit", "format", "zh", "i18n"]),
    (
        "session",
        &["model", "edit", "store", "format", "zh", "i18n", "review"],
    ),
    (
        "cli",
        &[
            "model", "edit", "store", "format", "zh", "i18n", "review", "session",
        ],
    ),
    (
        "ui",
        &["model", "edit", "format", "zh", "i18n", "review", "session"],
    ),
];

const MODULES: &[&str] = &[
    "model", "i18n", "edit", "zh", "review", "format", "store", "session", "cli", "ui", "app",
];

fn sources(path: &Path, out: &mut Vec<(String, String)>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap().flatten() {
            sources(&e.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push((
            path.display().to_string(),
            std::fs::read_to_string(path).unwrap(),
        ));
    }
}

/// The top-level modules a source text names as `crate::X`.
fn uses(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in src.match_indices("crate::") {
        let rest = &src[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if MODULES.contains(&name.as_str()) {
            out.insert(name);
        }
    }
    out
}

#[test]
fn every_module_uses_only_what_the_module_map_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, allowed) in ALLOWED {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            sources(&dir, &mut files);
        } else {
            sources(&src.join(format!("{module}.rs")), &mut files);
        }
        assert!(!files.is_empty(), "no sources for {module}");
        for (file, text) in files {
            for used in uses(&text) {
                if used != *module && !allowed.contains(&used.as_str()) {
                    wrong.push(format!("{file} uses crate::{used}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_panels_share_only_the_intent_module() {
    // Panels hand back intents; besides `intent`, only the dialogs show the schema editor
    // and the span list borrows the text view's label colour (so nothing imports the
    // dialogs, and the dialogs and the schema editor no longer import each other).
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    sources(&ui, &mut files);
    let allowed = [
        "crate::ui::intent",
        "crate::ui::schema_editor",
        "crate::ui::text_view::span_color",
        // The dialogs show the export form (as they do the schema editor), and the other
        // lists write a span's text and its suggestion marks as the span list does.
        "crate::ui::export_form",
        "crate::ui::span_list::one_line",
        "crate::ui::span_list::suggestion_mark",
        "crate::ui::span_list::pending_mark",
    ];
    // A panel may name another as `super::NAME` too: read as `crate::ui::NAME`.
    let panels: Vec<String> = files
        .iter()
        .filter_map(|(f, _)| Path::new(f).file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| s != "mod")
        .collect();
    for (file, text) in files {
        let mut text = text.clone();
        for p in &panels {
            text = text.replace(&format!("super::{p}::"), &format!("crate::ui::{p}::"));
        }
        for (i, _) in text.match_indices("crate::ui::") {
            let rest = &text[i..];
            assert!(
                allowed.iter().any(|a| rest.starts_with(a)),
                "{file}: {}",
                rest.lines().next().unwrap_or_default()
            );
        }
    }
}
