//! The command table: every keyboard shortcut of the window in one place, with zh/en names,
//! and a test that no two clash. Label hotkeys come from the schema.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Lang, Msg, tr};
use crate::ui::dialogs::HelpSection;

/// A command the user can give from the keyboard or a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shortcut {
    /// Undo the last edit.
    Undo,
    /// Redo.
    Redo,
    /// Redo (second binding).
    RedoAlt,
    /// Save now.
    Save,
    /// Open another project (the 打开项目… dialog).
    OpenProject,
    /// Delete the selected span.
    Delete,
    /// Clear the selection.
    Escape,
    /// Select the next span.
    NextSpan,
    /// Select the previous span.
    PrevSpan,
    /// Grow the selection one char to the left.
    ExtendLeft,
    /// Grow the selection one char to the right.
    ExtendRight,
    /// Shrink/grow the selection at its start, left.
    ExtendStartLeft,
    /// Shrink/grow the selection at its start, right.
    ExtendStartRight,
    /// Next document.
    NextDoc,
    /// Previous document.
    PrevDoc,
    /// Accept the selected suggestion.
    Accept,
    /// Reject the selected suggestion.
    Reject,
    /// Select the next suggestion.
    NextSuggestion,
    /// Select the next of the sentences the model is least sure of (U).
    NextUnsureSentence,
    /// Select the next event (in the order of the triggers).
    NextEvent,
    /// Select the previous event.
    PrevEvent,
    /// Scroll the text down a page.
    PageDown,
    /// Scroll the text up a page.
    PageUp,
    /// To the start of the document.
    Home,
    /// To the end of the document.
    End,
    /// To the start of the document (Ctrl+Home).
    TextStart,
    /// To the end of the document (Ctrl+End).
    TextEnd,
    /// Go to a position or an article (Ctrl+G).
    GoTo,
    /// Open the find bar (Ctrl+F).
    Find,
    /// The next match of the find bar's query (F3).
    FindNext,
    /// The previous match (Shift+F3).
    FindPrev,
    /// The keyboard help (F1).
    Help,
    /// The keyboard help (`?`, when no text box has focus).
    HelpAlt,
    /// Zoom in (Ctrl+plus).
    ZoomIn,
    /// Zoom in (Ctrl+=, plus without Shift).
    ZoomInAlt,
    /// Zoom out (Ctrl+minus).
    ZoomOut,
    /// Back to 100% (Ctrl+0).
    ZoomReset,
    /// Review: the next disagreement (F8).
    NextDisagreement,
    /// Review: the previous disagreement (Shift+F8).
    PrevDisagreement,
    /// Review: accept the first annotator's version (Ctrl+1).
    AcceptVersion1,
    /// Review: accept the second annotator's version (Ctrl+2).
    AcceptVersion2,
    /// Review: accept the third annotator's version (Ctrl+3).
    AcceptVersion3,
    /// Review: accept the fourth annotator's version (Ctrl+4).
    AcceptVersion4,
    /// Review: reject every version of the selected item (Ctrl+R).
    RejectItem,
    /// Review: accept every agreement of the document (Ctrl+Shift+A).
    AcceptAgreements,
    /// Review: the document is reviewed; on to the next (Ctrl+Shift+D).
    FinishReviewDoc,
    /// Flag the selected span or event as unsure, or clear the flag (Ctrl+U).
    ToggleUnsure,
}

impl Shortcut {
    /// Every command.
    /// Ordered so that a binding with more modifiers is tried before one it contains
    /// (egui matches Ctrl+Z logically, so Ctrl+Shift+Z would also fire it).
    pub const ALL: [Shortcut; 47] = [
        Shortcut::AcceptAgreements,
        Shortcut::FinishReviewDoc,
        Shortcut::Redo,
        Shortcut::Undo,
        Shortcut::RedoAlt,
        Shortcut::Save,
        Shortcut::OpenProject,
        Shortcut::Delete,
        Shortcut::Escape,
        Shortcut::PrevSpan,
        Shortcut::NextSpan,
        Shortcut::ExtendStartLeft,
        Shortcut::ExtendStartRight,
        Shortcut::ExtendLeft,
        Shortcut::ExtendRight,
        Shortcut::NextDoc,
        Shortcut::PrevDoc,
        Shortcut::Accept,
        Shortcut::Reject,
        Shortcut::NextSuggestion,
        Shortcut::NextEvent,
        Shortcut::PrevEvent,
        Shortcut::TextStart,
        Shortcut::TextEnd,
        Shortcut::PageDown,
        Shortcut::PageUp,
        Shortcut::Home,
        Shortcut::End,
        Shortcut::GoTo,
        Shortcut::Find,
        Shortcut::FindPrev,
        Shortcut::FindNext,
        Shortcut::Help,
        Shortcut::HelpAlt,
        Shortcut::ZoomIn,
        Shortcut::ZoomInAlt,
        Shortcut::ZoomOut,
        Shortcut::ZoomReset,
        Shortcut::PrevDisagreement,
        Shortcut::NextDisagreement,
        Shortcut::AcceptVersion1,
        Shortcut::AcceptVersion2,
        Shortcut::AcceptVersion3,
        Shortcut::AcceptVersion4,
        Shortcut::RejectItem,
        Shortcut::ToggleUnsure,
        Shortcut::NextUnsureSentence,
    ];

    /// The key binding.
    pub fn shortcut(self) -> KeyboardShortcut {
        let cmd = Modifiers::COMMAND;
        let shift = Modifiers::SHIFT;
        let none = Modifiers::NONE;
        let (m, k) = match self {
            Shortcut::Undo => (cmd, Key::Z),
            Shortcut::Redo => (cmd | shift, Key::Z),
            Shortcut::RedoAlt => (cmd, Key::Y),
            Shortcut::Save => (cmd, Key::S),
            Shortcut::OpenProject => (cmd, Key::O),
            Shortcut::Delete => (none, Key::Delete),
            Shortcut::Escape => (none, Key::Escape),
            Shortcut::NextSpan => (none, Key::Tab),
            Shortcut::PrevSpan => (shift, Key::Tab),
            Shortcut::ExtendLeft => (shift, Key::ArrowLeft),
            Shortcut::ExtendRight => (shift, Key::ArrowRight),
            Shortcut::ExtendStartLeft => (Modifiers::ALT | shift, Key::ArrowLeft),
            Shortcut::ExtendStartRight => (Modifiers::ALT | shift, Key::ArrowRight),
            Shortcut::NextDoc => (cmd, Key::PageDown),
            Shortcut::PrevDoc => (cmd, Key::PageUp),
            Shortcut::Accept => (none, Key::A),
            Shortcut::Reject => (none, Key::R),
            Shortcut::NextSuggestion => (none, Key::N),
            Shortcut::NextEvent => (none, Key::CloseBracket),
            Shortcut::PrevEvent => (none, Key::OpenBracket),
            Shortcut::PageDown => (none, Key::PageDown),
            Shortcut::PageUp => (none, Key::PageUp),
            Shortcut::Home => (none, Key::Home),
            Shortcut::End => (none, Key::End),
            Shortcut::TextStart => (cmd, Key::Home),
            Shortcut::TextEnd => (cmd, Key::End),
            Shortcut::GoTo => (cmd, Key::G),
            Shortcut::Find => (cmd, Key::F),
            Shortcut::FindNext => (none, Key::F3),
            Shortcut::FindPrev => (shift, Key::F3),
            Shortcut::Help => (none, Key::F1),
            Shortcut::HelpAlt => (none, Key::Questionmark),
            Shortcut::ZoomIn => (cmd, Key::Plus),
            Shortcut::ZoomInAlt => (cmd, Key::Equals),
            Shortcut::ZoomOut => (cmd, Key::Minus),
            Shortcut::ZoomReset => (cmd, Key::Num0),
            Shortcut::NextDisagreement => (none, Key::F8),
            Shortcut::PrevDisagreement => (shift, Key::F8),
            Shortcut::AcceptVersion1 => (cmd, Key::Num1),
            Shortcut::AcceptVersion2 => (cmd, Key::Num2),
            Shortcut::AcceptVersion3 => (cmd, Key::Num3),
            Shortcut::AcceptVersion4 => (cmd, Key::Num4),
            Shortcut::RejectItem => (cmd, Key::R),
            Shortcut::AcceptAgreements => (cmd | shift, Key::A),
            Shortcut::FinishReviewDoc => (cmd | shift, Key::D),
            Shortcut::ToggleUnsure => (cmd, Key::U),
            Shortcut::NextUnsureSentence => (none, Key::U),
        };
        KeyboardShortcut::new(m, k)
    }

    /// For Ctrl+n of review, `n - 1` (the annotator's index).
    pub fn version(self) -> Option<usize> {
        match self {
            Shortcut::AcceptVersion1 => Some(0),
            Shortcut::AcceptVersion2 => Some(1),
            Shortcut::AcceptVersion3 => Some(2),
            Shortcut::AcceptVersion4 => Some(3),
            _ => None,
        }
    }

    /// For a zoom command, its step: `1` in, `-1` out, `0` back to 100%.
    pub fn zoom_step(self) -> Option<i8> {
        match self {
            Shortcut::ZoomIn | Shortcut::ZoomInAlt => Some(1),
            Shortcut::ZoomOut => Some(-1),
            Shortcut::ZoomReset => Some(0),
            _ => None,
        }
    }

    /// What it does, in the UI language.
    pub fn name(self, lang: Lang) -> &'static str {
        let m = match self {
            Shortcut::Undo => Msg::Undo,
            Shortcut::Redo | Shortcut::RedoAlt => Msg::Redo,
            Shortcut::Save => Msg::Save,
            Shortcut::OpenProject => Msg::OpenProject,
            Shortcut::Delete => Msg::DeleteSpan,
            Shortcut::Escape => Msg::ClearSelection,
            Shortcut::NextSpan => Msg::NextSpan,
            Shortcut::PrevSpan => Msg::PrevSpan,
            Shortcut::ExtendLeft => Msg::ExtendLeft,
            Shortcut::ExtendRight => Msg::ExtendRight,
            Shortcut::ExtendStartLeft => Msg::ExtendStartLeft,
            Shortcut::ExtendStartRight => Msg::ExtendStartRight,
            Shortcut::NextDoc => Msg::NextDoc,
            Shortcut::PrevDoc => Msg::PrevDoc,
            Shortcut::Accept => Msg::AcceptSuggestion,
            Shortcut::Reject => Msg::RejectSuggestion,
            Shortcut::NextSuggestion => Msg::NextSuggestion,
            Shortcut::NextEvent => Msg::NextEvent,
            Shortcut::PrevEvent => Msg::PrevEvent,
            Shortcut::PageDown => Msg::PageDown,
            Shortcut::PageUp => Msg::PageUp,
            Shortcut::Home | Shortcut::TextStart => Msg::TextStart,
            Shortcut::End | Shortcut::TextEnd => Msg::TextEnd,
            Shortcut::GoTo => Msg::GoTo,
            Shortcut::Find => Msg::Find,
            Shortcut::FindNext => Msg::FindNext,
            Shortcut::FindPrev => Msg::FindPrev,
            Shortcut::Help | Shortcut::HelpAlt => Msg::KeyboardHelp,
            Shortcut::ZoomIn | Shortcut::ZoomInAlt => Msg::ZoomIn,
            Shortcut::ZoomOut => Msg::ZoomOut,
            Shortcut::ZoomReset => Msg::ZoomReset,
            Shortcut::NextDisagreement => Msg::NextDisagreement,
            Shortcut::PrevDisagreement => Msg::PrevDisagreement,
            Shortcut::AcceptVersion1
            | Shortcut::AcceptVersion2
            | Shortcut::AcceptVersion3
            | Shortcut::AcceptVersion4 => Msg::AcceptVersionN,
            Shortcut::RejectItem => Msg::RejectItem,
            Shortcut::AcceptAgreements => Msg::AcceptAgreements,
            Shortcut::FinishReviewDoc => Msg::FinishReviewDoc,
            Shortcut::ToggleUnsure => Msg::ToggleUnsure,
            Shortcut::NextUnsureSentence => Msg::NextUnsureSentence,
        };
        tr(lang, m)
    }

    /// The key combination as a person reads it: `Ctrl+Shift+Z`, `F3`, `?`.
    pub fn keys(self) -> String {
        let sc = self.shortcut();
        let mut s = egui::ModifierNames::NAMES.format(&sc.modifiers, false);
        if !s.is_empty() {
            s.push('+');
        }
        // `]` rather than `CloseBracket`; arrows keep their names (the font may lack ⏴).
        // egui's symbol for minus is U+2212, not ASCII, which would fall back to `Minus`: the
        // key cap reads `-`.
        let symbol = match sc.logical_key {
            Key::Minus => "-",
            key => key.symbol_or_name(),
        };
        if symbol.len() == 1 && symbol.is_ascii() {
            s.push_str(symbol);
        } else {
            s.push_str(sc.logical_key.name());
        }
        s
    }

    /// Whether it works while a text box has focus: those with Ctrl, and the function keys
    /// (a text box has no use for F1 or F3); not Ctrl+U, which a text box uses to delete
    /// to the line's start.
    pub fn works_while_typing(self) -> bool {
        let sc = self.shortcut();
        let plain = sc.modifiers.is_none() || sc.logical_key == Key::Tab;
        let function_key = matches!(sc.logical_key, Key::F1 | Key::F3);
        (function_key || !plain)
            && !matches!(
                self,
                Shortcut::ExtendLeft | Shortcut::ExtendRight | Shortcut::ToggleUnsure
            )
    }
}

/// The keyboard help (F1): every command of the table with its keys, the find bar's keys,
/// the event and role keys, and the schema's label and event type hotkeys, in `lang`.
/// Generated from the table and the schema, so it cannot drift from what the keys do.
pub fn help(lang: Lang, schema: Option<&crate::model::Schema>) -> Vec<HelpSection> {
    let mut commands: Vec<(String, String)> = Shortcut::ALL
        .iter()
        .map(|s| (s.keys(), s.name(lang).trim_end_matches('…').to_string()))
        .collect();
    commands.push((
        "Enter / Shift+Enter".into(),
        tr(lang, Msg::FindBarKeys).to_string(),
    ));
    commands.push((
        "Shift+A…Z".into(),
        tr(lang, Msg::NewEvent)
            .trim_end_matches(['：', ':'])
            .to_string(),
    ));
    commands.push(("Alt+1…9".into(), tr(lang, Msg::RoleKeyHint).to_string()));
    let mut out = vec![HelpSection {
        title: tr(lang, Msg::HelpCommands).to_string(),
        rows: commands,
    }];
    if let Some(schema) = schema {
        let name = |zh: &str, en: &str| match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        };
        out.push(HelpSection {
            title: tr(lang, Msg::LabelHotkeys).to_string(),
            rows: schema
                .labels
                .iter()
                .filter_map(|l| {
                    Some((
                        l.hotkey?.to_ascii_uppercase().to_string(),
                        format!("{} {}", l.key, name(&l.zh, &l.en)),
                    ))
                })
                .collect(),
        });
        out.push(HelpSection {
            title: tr(lang, Msg::EventTypeHotkeys).to_string(),
            rows: schema
                .events
                .iter()
                .filter_map(|e| {
                    Some((
                        format!("Shift+{}", e.hotkey?.to_ascii_uppercase()),
                        format!("{} {}", e.key, name(&e.zh, &e.en)),
                    ))
                })
                .collect(),
        });
    }
    out
}

/// Role keys: Alt with 1…9 fills that role of the selected event.
pub const ROLE_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Keys that label hotkeys may not use because a command has them without modifiers.
pub fn reserved_plain_keys() -> Vec<Key> {
    Shortcut::ALL
        .iter()
        .map(|s| s.shortcut())
        .filter(|s| s.modifiers.is_none())
        .map(|s| s.logical_key)
        .collect()
}

/// The egui key of a label hotkey char (`1`-`9`, `0`, `A`-`Z`).
pub fn key_for_hotkey(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    /// Every variant has its own number in this exhaustive match (a new variant does not
    /// compile until it gets the next one), and `ALL` must hold every number: a command left
    /// out of `ALL` would have no key and no line in the help.
    #[test]
    fn all_holds_every_shortcut() {
        let number = |s: Shortcut| match s {
            Shortcut::Undo => 0,
            Shortcut::Redo => 1,
            Shortcut::RedoAlt => 2,
            Shortcut::Save => 3,
            Shortcut::Delete => 4,
            Shortcut::Escape => 5,
            Shortcut::NextSpan => 6,
            Shortcut::PrevSpan => 7,
            Shortcut::ExtendLeft => 8,
            Shortcut::ExtendRight => 9,
            Shortcut::ExtendStartLeft => 10,
            Shortcut::ExtendStartRight => 11,
            Shortcut::NextDoc => 12,
            Shortcut::PrevDoc => 13,
            Shortcut::Accept => 14,
            Shortcut::Reject => 15,
            Shortcut::NextSuggestion => 16,
            Shortcut::NextEvent => 17,
            Shortcut::PrevEvent => 18,
            Shortcut::PageDown => 19,
            Shortcut::PageUp => 20,
            Shortcut::Home => 21,
            Shortcut::End => 22,
            Shortcut::TextStart => 23,
            Shortcut::TextEnd => 24,
            Shortcut::GoTo => 25,
            Shortcut::Find => 26,
            Shortcut::FindNext => 27,
            Shortcut::FindPrev => 28,
            Shortcut::Help => 29,
            Shortcut::HelpAlt => 30,
            Shortcut::ZoomIn => 31,
            Shortcut::ZoomInAlt => 32,
            Shortcut::ZoomOut => 33,
            Shortcut::ZoomReset => 34,
            Shortcut::NextDisagreement => 35,
            Shortcut::PrevDisagreement => 36,
            Shortcut::AcceptVersion1 => 37,
            Shortcut::AcceptVersion2 => 38,
            Shortcut::AcceptVersion3 => 39,
            Shortcut::AcceptVersion4 => 40,
            Shortcut::RejectItem => 41,
            Shortcut::AcceptAgreements => 42,
            Shortcut::ToggleUnsure => 43,
            Shortcut::OpenProject => 44,
            Shortcut::FinishReviewDoc => 45,
            Shortcut::NextUnsureSentence => 46,
        };
        let mut seen: Vec<usize> = Shortcut::ALL.iter().map(|&s| number(s)).collect();
        seen.sort_unstable();
        let every: Vec<usize> = (0..47).collect();
        assert_eq!(seen, every);
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for s in Shortcut::ALL {
            let k = s.shortcut();
            if let Some(other) = seen.insert((k.modifiers, k.logical_key), s) {
                panic!("{s:?} and {other:?} share {k:?}");
            }
        }
    }

    #[test]
    fn the_help_lists_every_command_with_its_keys_in_both_languages() {
        let schema = Schema::default_bulletin();
        for lang in [Lang::Zh, Lang::En] {
            let help = help(lang, Some(&schema));
            let rows = &help[0].rows;
            for s in Shortcut::ALL {
                let name = s.name(lang).trim_end_matches('…');
                assert!(
                    rows.iter().any(|(k, n)| *k == s.keys() && n == name),
                    "{s:?} ({}, {name}) is not in the help",
                    s.keys()
                );
            }
            // Every label and event type with a hotkey is there.
            let labels = schema.labels.iter().filter(|l| l.hotkey.is_some()).count();
            assert_eq!(help[1].rows.len(), labels);
            let events = schema.events.iter().filter(|e| e.hotkey.is_some()).count();
            assert_eq!(help[2].rows.len(), events);
        }
        assert_eq!(Shortcut::Redo.keys(), "Ctrl+Shift+Z");
        assert_eq!(Shortcut::FindPrev.keys(), "Shift+F3");
        assert_eq!(Shortcut::NextEvent.keys(), "]");
        assert_eq!(Shortcut::HelpAlt.keys(), "?");
        assert_eq!(Shortcut::ToggleUnsure.keys(), "Ctrl+U");
        assert_eq!(Shortcut::OpenProject.keys(), "Ctrl+O");
        // The 视图 menu's zoom buttons show these as hover texts.
        assert_eq!(Shortcut::ZoomOut.keys(), "Ctrl+-");
        assert_eq!(Shortcut::ZoomReset.keys(), "Ctrl+0");
        assert_eq!(Shortcut::ZoomIn.keys(), "Ctrl++");
        assert!(Shortcut::OpenProject.works_while_typing());
        assert!(!Shortcut::ToggleUnsure.works_while_typing());
        assert_eq!(Shortcut::ExtendLeft.keys(), "Shift+Left");
        let zh = help(Lang::Zh, None);
        assert!(zh[0].rows.contains(&("Ctrl+Z".into(), "撤销".into())));
        let en = help(Lang::En, None);
        assert!(en[0].rows.contains(&("Ctrl+Z".into(), "Undo".into())));
    }

    #[test]
    fn the_schema_reserves_the_command_letters() {
        for k in reserved_plain_keys() {
            let name = k.name();
            // Label hotkeys are letters and digits: `?` cannot be one.
            if name.chars().count() == 1 && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                let c = name.chars().next().unwrap();
                assert!(
                    crate::model::RESERVED_HOTKEYS.contains(&c),
                    "{c} is a command key but labels may take it"
                );
            }
        }
    }

    #[test]
    fn default_label_hotkeys_are_distinct_and_free() {
        let schema = Schema::default_bulletin();
        let reserved = reserved_plain_keys();
        let mut seen = std::collections::HashSet::new();
        for l in &schema.labels {
            let h = l.hotkey.expect("default labels have hotkeys");
            let key = key_for_hotkey(h).expect("hotkey is a key");
            assert!(!reserved.contains(&key), "{} uses a reserved key", l.key);
            assert!(seen.insert(key), "{} shares its hotkey", l.key);
        }
    }
}
