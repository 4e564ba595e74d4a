//! The annotation schema: entity and figure labels (with names, colours and hotkeys) and event
//! types with roles.

use super::FigureKind;

/// Letters the window uses as commands (accept, reject, next suggestion, the next sentence
/// the model is least sure of), so no label may take them as its hotkey.
pub const RESERVED_HOTKEYS: [char; 4] = ['A', 'R', 'N', 'U'];

/// The hotkeys a new label is given, the first one no label has: the digits, then the
/// letters row by row as they lie on the keyboard, without [`RESERVED_HOTKEYS`].
const HOTKEY_ORDER: &str = "1234567890QWETYIOPSDFGHJKLZXCVBM";

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parse `#rrggbb`.
    pub fn parse(s: &str) -> Option<Self> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        Some(Rgb(p(0)?, p(2)?, p(4)?))
    }

    /// Format as `#rrggbb`.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2): 0 for black, 1 for white.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Contrast ratio with `other` (WCAG 2): 1 (none) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever reads better on this colour as a fill.
    pub fn ink(self) -> Rgb {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        if self.contrast(black) >= self.contrast(white) {
            black
        } else {
            white
        }
    }

    /// This colour moved towards black (on a light `background`) or white (on a dark one)
    /// just far enough to be read as text on `background` (contrast 4.5, WCAG AA), so a
    /// label's colour can name it without a fill.
    pub fn readable_on(self, background: Rgb) -> Rgb {
        let towards = if background.luminance() > 0.5 {
            0.0
        } else {
            255.0
        };
        let mix = |c: u8, t: f64| (f64::from(c) + (towards - f64::from(c)) * t).round() as u8;
        for step in 0..=20 {
            let t = f64::from(step) / 20.0;
            let c = Rgb(mix(self.0, t), mix(self.1, t), mix(self.2, t));
            if c.contrast(background) >= 4.5 {
                return c;
            }
        }
        Rgb(towards as u8, towards as u8, towards as u8)
    }
}

/// Whether a label tags entities or figures (and which figure kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelClass {
    /// An entity label.
    Entity,
    /// A figure label with its normaliser kind.
    Figure(FigureKind),
}

/// One label of the schema.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelDef {
    /// Key stored in spans (`PER`).
    pub key: String,
    /// Chinese name (人名).
    pub zh: String,
    /// English name (Person).
    pub en: String,
    /// Display colour.
    pub color: Rgb,
    /// Hotkey: one char, `1`-`9` or a letter.
    pub hotkey: Option<char>,
    /// Entity or figure.
    pub class: LabelClass,
}

impl LabelDef {
    /// The span kind spans with this label get.
    pub fn span_kind(&self) -> super::SpanKind {
        match self.class {
            LabelClass::Entity => super::SpanKind::Entity,
            LabelClass::Figure(_) => super::SpanKind::Figure,
        }
    }
}

/// An event role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Role name (主体): the key arguments are stored under.
    pub name: String,
    /// English name shown in the English window (`Subject`); empty when the schema gives
    /// none, and the name is shown.
    pub en: String,
    /// Labels it accepts; empty = any span.
    pub accepts: Vec<String>,
    /// Must be filled.
    pub required: bool,
    /// May be filled more than once.
    pub repeat: bool,
}

impl Role {
    /// The name shown in `lang`: the English name in English where there is one.
    pub fn shown(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.name,
        }
    }
}

/// An event type.
#[derive(Debug, Clone, PartialEq)]
pub struct EventType {
    /// Key (会议).
    pub key: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Display colour.
    pub color: Rgb,
    /// Hotkey.
    pub hotkey: Option<char>,
    /// Roles.
    pub roles: Vec<Role>,
}

impl EventType {
    /// The name shown in `lang`: the English name in English where there is one, else the
    /// key (keys are Chinese, or DuEE's names).
    pub fn shown(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.key,
        }
    }

    /// The colour of an event type whose file gives none (files written before colours).
    pub const DEFAULT_COLOR: Rgb = Rgb(0xd3, 0x54, 0x00);
}

/// The labels and event types of a project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// Entity and figure labels, in palette order.
    pub labels: Vec<LabelDef>,
    /// Event types.
    pub events: Vec<EventType>,
}

impl Schema {
    /// The label with this key.
    pub fn label(&self, key: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.key == key)
    }

    /// Position of the label with this key.
    pub fn label_index(&self, key: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.key == key)
    }

    /// The label bound to a hotkey (case-insensitive for letters).
    pub fn label_for_hotkey(&self, c: char) -> Option<&LabelDef> {
        let c = c.to_ascii_uppercase();
        self.labels
            .iter()
            .find(|l| l.hotkey.map(|h| h.to_ascii_uppercase()) == Some(c))
    }

    /// The first hotkey of the digits and letters that no label has (letters compared
    /// case-insensitively) and no command takes, or `None` when all are taken.
    pub fn free_label_hotkey(&self) -> Option<char> {
        HOTKEY_ORDER
            .chars()
            .find(|c| self.label_for_hotkey(*c).is_none())
    }

    /// A new label `key` of `class` as the schema would take it: named by its key, with a
    /// colour of its own (spread around the hue circle by the label's place) and the first
    /// free hotkey, so that labels an import adds, or the label editor, can be told apart and
    /// tagged from the keyboard at once. The user may change both.
    pub fn new_label(&self, key: &str, class: LabelClass) -> LabelDef {
        LabelDef {
            key: key.to_string(),
            zh: key.to_string(),
            en: key.to_string(),
            color: spread_color(self.labels.len()),
            hotkey: self.free_label_hotkey(),
            class,
        }
    }

    /// The default schema for news bulletins: PER/ORG/LOC and the seven figure kinds.
    pub fn default_bulletin() -> Self {
        let ent = |key: &str, zh: &str, en: &str, color: Rgb, hk: char| LabelDef {
            key: key.into(),
            zh: zh.into(),
            en: en.into(),
            color,
            hotkey: Some(hk),
            class: LabelClass::Entity,
        };
        let fig = |kind: FigureKind, zh: &str, en: &str, color: Rgb, hk: char| LabelDef {
            key: kind.as_str().into(),
            zh: zh.into(),
            en: en.into(),
            color,
            hotkey: Some(hk),
            class: LabelClass::Figure(kind),
        };
        Schema {
            labels: vec![
                ent("PER", "人名", "Person", Rgb(0xe4, 0x57, 0x5a), '1'),
                ent("ORG", "机构", "Organisation", Rgb(0x2e, 0x86, 0xab), '2'),
                ent("LOC", "地名", "Location", Rgb(0x3b, 0xa5, 0x5c), '3'),
                fig(
                    FigureKind::Quantity,
                    "数量",
                    "Quantity",
                    Rgb(0xe0, 0x9f, 0x1f),
                    '4',
                ),
                fig(
                    FigureKind::Money,
                    "金额",
                    "Money",
                    Rgb(0xc0, 0x6c, 0x84),
                    '5',
                ),
                fig(
                    FigureKind::Percent,
                    "百分比",
                    "Percent",
                    Rgb(0x8e, 0x5e, 0xc9),
                    '6',
                ),
                fig(FigureKind::Date, "日期", "Date", Rgb(0x17, 0xa2, 0xb8), '7'),
                fig(FigureKind::Time, "时间", "Time", Rgb(0x6c, 0x8e, 0x3e), '8'),
                fig(
                    FigureKind::Duration,
                    "时长",
                    "Duration",
                    Rgb(0xb5, 0x7a, 0x35),
                    '9',
                ),
                fig(
                    FigureKind::Ordinal,
                    "序数",
                    "Ordinal",
                    Rgb(0x7f, 0x8c, 0x8d),
                    'O',
                ),
            ],
            events: default_events(),
        }
    }
}

/// A colour for the `n`th label or event type, spread around the hue circle (golden angle)
/// at a saturation and lightness that read on both themes.
fn spread_color(n: usize) -> Rgb {
    let h = (n as f32 * 137.508) % 360.0;
    let (s, l) = (0.55f32, 0.5f32);
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let u = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb(u(r), u(g), u(b))
}

/// A new event type `key` beside `types` (the schema's, or the event type editor's drafts):
/// named by its key, with no role yet, a colour of its own and the first letter (pressed
/// with Shift) no other type has, in keyboard order.
pub fn new_event_type<'a>(key: &str, types: impl IntoIterator<Item = &'a EventType>) -> EventType {
    let types: Vec<&EventType> = types.into_iter().collect();
    EventType {
        key: key.to_string(),
        zh: key.to_string(),
        en: key.to_string(),
        color: spread_color(types.len()),
        hotkey: free_event_hotkey(types),
        roles: Vec::new(),
    }
}

/// The first letter (pressed with Shift to tag a trigger), in keyboard order, that none of
/// `types` has; `None` once all 26 are taken.
pub fn free_event_hotkey<'a>(types: impl IntoIterator<Item = &'a EventType>) -> Option<char> {
    let used: Vec<char> = types
        .into_iter()
        .filter_map(|t| t.hotkey.map(|h| h.to_ascii_uppercase()))
        .collect();
    "QWERTYUIOPASDFGHJKLZXCVBNM"
        .chars()
        .find(|c| !used.contains(c))
}

/// The default event types of news bulletins, with their roles.
fn default_events() -> Vec<EventType> {
    let role = |name: &str, accepts: &[&str], required: bool, repeat: bool| Role {
        name: name.into(),
        en: match name {
            "主体" => "Subject",
            "对象" => "Object",
            "时间" => "Time",
            "地点" => "Place",
            "参与者" => "Participant",
            "对方" => "Counterparty",
            "数额" => "Amount",
            _ => "",
        }
        .into(),
        accepts: accepts.iter().map(|s| s.to_string()).collect(),
        required,
        repeat,
    };
    let time = || role("时间", &["DATE", "TIME", "ARG"], false, false);
    let place = || role("地点", &["LOC", "ORG", "ARG"], false, false);
    // Hotkeys are pressed with Shift: the pinyin initial of the type (帮扶: 援 yuan).
    let ev = |key: &str, en: &str, color: Rgb, roles: Vec<Role>| EventType {
        key: key.into(),
        zh: key.into(),
        en: en.into(),
        color,
        hotkey: match key {
            "会议" => Some('H'),
            "发布" => Some('F'),
            "举办" => Some('J'),
            "签约" => Some('Q'),
            "表彰" => Some('B'),
            "上线" => Some('S'),
            "开幕" => Some('K'),
            "帮扶" => Some('Y'),
            _ => None,
        },
        roles,
    };
    vec![
        ev(
            "会议",
            "Meeting",
            Rgb(0xd3, 0x54, 0x00),
            vec![
                role("主体", &["ORG", "PER"], true, true),
                role("对象", &[], false, false),
                time(),
                place(),
                role("参与者", &["PER", "ORG", "QUANTITY"], false, true),
            ],
        ),
        ev(
            "发布",
            "Issue or launch",
            Rgb(0xc0, 0x39, 0x2b),
            vec![
                role("主体", &["ORG", "PER"], true, true),
                role("对象", &[], true, true),
                time(),
            ],
        ),
        ev(
            "举办",
            "Hold an activity",
            Rgb(0x8e, 0x44, 0xad),
            vec![
                // News often leaves the organiser out (…大赛在…举行).
                role("主体", &["ORG"], false, true),
                role("对象", &[], true, false),
                time(),
                place(),
                role("参与者", &["PER", "ORG", "QUANTITY"], false, true),
            ],
        ),
        ev(
            "签约",
            "Sign an agreement",
            Rgb(0x27, 0xae, 0x60),
            vec![
                role("主体", &["ORG", "PER"], true, false),
                role("对方", &["ORG", "PER"], true, true),
                role("对象", &[], false, false),
                role("数额", &["MONEY", "QUANTITY"], false, false),
                time(),
            ],
        ),
        ev(
            "表彰",
            "Award",
            Rgb(0xf3, 0x9c, 0x12),
            vec![
                role("主体", &["ORG"], false, false),
                role("对象", &["PER", "ORG"], true, true),
                time(),
            ],
        ),
        ev(
            "上线",
            "Launch a service",
            Rgb(0x16, 0xa0, 0x85),
            vec![
                role("主体", &["ORG"], false, true),
                role("对象", &[], true, false),
                time(),
            ],
        ),
        ev(
            "开幕",
            "Opening",
            Rgb(0x29, 0x80, 0xb9),
            vec![role("对象", &[], true, false), time(), place()],
        ),
        ev(
            "帮扶",
            "Aid",
            Rgb(0x7f, 0x8c, 0x8d),
            vec![
                role("主体", &["ORG", "PER"], true, true),
                role("对象", &["ORG", "LOC", "PER", "ARG"], true, true),
                role("数额", &["MONEY", "QUANTITY"], false, true),
                time(),
            ],
        ),
    ]
}

impl Schema {
    /// The event type with this key.
    pub fn event_type(&self, key: &str) -> Option<&EventType> {
        self.events.iter().find(|e| e.key == key)
    }

    /// How role `role` of event type `ty` is shown in `lang` (the name itself when the
    /// schema has no such type or role, or no English name for it).
    pub fn role_shown<'a>(&'a self, ty: &str, role: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.event_type(ty)
            .and_then(|t| t.roles.iter().find(|r| r.name == role))
            .map_or(role, |r| r.shown(lang))
    }

    /// How event type `ty` is shown in `lang`: its English name in English, else its key.
    pub fn type_shown<'a>(&'a self, ty: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.event_type(ty).map_or(ty, |t| t.shown(lang))
    }

    /// Whether some event role accepts a label key.
    pub fn accepted_by_a_role(&self, key: &str) -> bool {
        self.events
            .iter()
            .flat_map(|e| &e.roles)
            .any(|r| r.accepts.iter().any(|a| a == key))
    }

    /// Change the label key `old` to `new` in every role's `accepts`, in place (the order
    /// is kept); returns how many entries changed.
    pub(crate) fn rename_in_roles(&mut self, old: &str, new: &str) -> usize {
        let mut n = 0;
        for a in self
            .events
            .iter_mut()
            .flat_map(|e| &mut e.roles)
            .flat_map(|r| &mut r.accepts)
        {
            if a == old {
                *a = new.to_string();
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// egui's panel fills: light and dark themes.
    const LIGHT: Rgb = Rgb(248, 248, 248);
    const DARK: Rgb = Rgb(27, 27, 27);

    #[test]
    fn every_default_colour_reads_as_a_fill_and_as_text_in_both_themes() {
        let s = Schema::default_bulletin();
        let colours = s
            .labels
            .iter()
            .map(|l| l.color)
            .chain(s.events.iter().map(|e| e.color));
        for c in colours {
            assert!(
                c.contrast(c.ink()) >= 4.5,
                "{} with {:?}",
                c.to_hex(),
                c.ink()
            );
            for bg in [LIGHT, DARK] {
                let t = c.readable_on(bg);
                assert!(t.contrast(bg) >= 4.5, "{} on {}", t.to_hex(), bg.to_hex());
            }
        }
        // So do the colours new labels and event types take (the label editor's, an
        // import's), as many as a large schema asks for.
        for c in (0..200).map(spread_color) {
            assert!(c.contrast(c.ink()) >= 4.5, "{}", c.to_hex());
            for bg in [LIGHT, DARK] {
                let t = c.readable_on(bg);
                assert!(t.contrast(bg) >= 4.5, "{} on {}", t.to_hex(), bg.to_hex());
            }
        }
        // White on the award orange, as the buttons were drawn, does not read.
        let orange = Rgb::parse("#f39c12").unwrap();
        assert!(orange.contrast(Rgb(255, 255, 255)) < 3.0);
        assert_eq!(orange.ink(), Rgb(0, 0, 0));
    }

    #[test]
    fn a_colour_already_readable_is_kept() {
        let navy = Rgb(0x1f, 0x2f, 0x6f);
        assert_eq!(navy.readable_on(LIGHT), navy);
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    /// New labels take the free hotkeys in order (0 after the bulletin's 1-9, then the
    /// letters without O, which ORDINAL has, and without the command letters), each a
    /// colour of its own; when every key is taken, none.
    #[test]
    fn a_new_label_takes_the_first_free_hotkey_and_a_colour_of_its_own() {
        let mut s = Schema::default_bulletin();
        let mut keys = Vec::new();
        for i in 0..30 {
            let l = s.new_label(&format!("L{i}"), LabelClass::Entity);
            assert!(
                s.labels.iter().all(|o| o.color != l.color),
                "{} has {:?} as another label",
                l.key,
                l.color
            );
            keys.extend(l.hotkey);
            s.labels.push(l);
        }
        let got: String = keys.iter().collect();
        assert_eq!(got, "0QWETYIPSDFGHJKLZXCVBM");
        assert!(keys.iter().all(|k| !RESERVED_HOTKEYS.contains(k)));
        assert_eq!(s.free_label_hotkey(), None);
        assert_eq!(s.labels.last().and_then(|l| l.hotkey), None);
        // A lower-case letter another label has is taken too.
        let mut s = Schema::default();
        s.labels
            .push(Schema::default().new_label("X", LabelClass::Entity));
        s.labels[0].hotkey = Some('q');
        assert_eq!(s.free_label_hotkey(), Some('1'));
        s.labels[0].hotkey = Some('1');
        let t = s.new_label("Y", LabelClass::Entity);
        assert_eq!(t.hotkey, Some('2'));
    }

    /// A new event type takes the first letter no other type has, with a colour of its own.
    #[test]
    fn a_new_event_type_takes_a_free_letter() {
        let s = Schema::default_bulletin();
        let t = new_event_type("罢工", &s.events);
        let k = t.hotkey.expect("a letter is free");
        assert!(s.events.iter().all(|e| e.hotkey != Some(k)));
        assert!(s.events.iter().all(|e| e.color != t.color));
        assert!(t.roles.is_empty());
        assert_eq!(new_event_type("a", []).hotkey, Some('Q'));
    }
}
