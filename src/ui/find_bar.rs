//! The find bar (Ctrl+F): a query box, regex and whole-project toggles, the match count,
//! previous / next (Enter / Shift+Enter in the box, F3 / Shift+F3 anywhere), and "tag all
//! matches as LABEL". It keeps only UI state (what is typed, the toggles, the last search)
//! and returns intents; the search itself is `Session::find`.

use crate::i18n::{Lang, Msg, tr};
use crate::session::Session;
use crate::session::find::{DEFAULT_CAP, FindError, FindMatch, FindQuery, Found, step};
use crate::ui::intent::Intent;

/// What the last search was run for: when any of it changes, the search runs again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SearchKey {
    query: FindQuery,
    whole_project: bool,
    doc: usize,
    docs: usize,
}

/// The find bar's state.
#[derive(Debug, Default)]
pub struct FindBar {
    /// Shown.
    pub open: bool,
    /// The text typed.
    pub query: String,
    /// The query is a regular expression.
    pub regex: bool,
    /// Search every document, not only the open one.
    pub whole_project: bool,
    /// The label "tag all" uses (the schema's first label until one is picked).
    pub label: Option<String>,
    /// Put the typing cursor in the query box on the next frame.
    focus: bool,
    /// The query box had the typing cursor at the end of the last frame.
    had_focus: bool,
    last: Option<(SearchKey, Result<Found, FindError>)>,
}

impl FindBar {
    /// Show the bar with the typing cursor in the query box (Ctrl+F).
    pub fn show(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Hide the bar (Escape).
    pub fn close(&mut self) {
        self.open = false;
        self.had_focus = false;
    }

    /// Whether the typing cursor was in the query box (egui lets go of it when Escape is
    /// pressed, before the bar is drawn: the app asks this to close the bar instead).
    pub fn had_focus(&self) -> bool {
        self.open && self.had_focus
    }

    /// Drop the last search (another project was opened).
    pub fn forget_results(&mut self) {
        self.last = None;
    }

    /// The matches for what is typed now (searched again only when the query, a toggle,
    /// the open document or the number of documents changed).
    pub fn found(&mut self, ws: &Session) -> &Result<Found, FindError> {
        let key = SearchKey {
            query: FindQuery {
                pattern: self.query.clone(),
                regex: self.regex,
            },
            whole_project: self.whole_project,
            doc: if self.whole_project { 0 } else { ws.doc() },
            docs: ws.project().documents.len(),
        };
        if self.last.as_ref().is_some_and(|(k, _)| *k != key) {
            self.last = None;
        }
        let (_, r) = self.last.get_or_insert_with(|| {
            let r = ws.find(&key.query, key.whole_project, DEFAULT_CAP);
            (key, r)
        });
        r
    }

    /// The matches in document `doc`, in text order (for the text view to outline); none
    /// while the bar is closed.
    pub fn matches_in(&mut self, ws: &Session, doc: usize) -> Vec<crate::model::CharRange> {
        if !self.open {
            return Vec::new();
        }
        match self.found(ws) {
            Ok(f) => f
                .matches
                .iter()
                .filter(|m| m.doc == doc)
                .map(|m| m.range)
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The match that the next (`forward`) or previous step goes to from the selection.
    pub fn step(&mut self, ws: &Session, forward: bool) -> Option<FindMatch> {
        let (at, inclusive) = ws.find_cursor();
        let found = self.found(ws).as_ref().ok()?;
        step(&found.matches, at, inclusive, forward).map(|i| found.matches[i])
    }

    /// Draw the bar (when open) and push what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Session, lang: Lang, out: &mut Vec<Intent>) {
        let t = |m| tr(lang, m);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t(Msg::FindQuery));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id_salt("biaozhu_find_query")
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
            if std::mem::take(&mut self.focus) {
                r.request_focus();
            }
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(egui::Key::Escape),
                )
            });
            let mut step_to = None;
            if r.lost_focus() && enter {
                step_to = Some(!shift);
                // Enter ends a one-line box's input: the cursor stays for the next Enter.
                r.request_focus();
            }
            if (r.lost_focus() || r.has_focus()) && escape {
                self.close();
            }
            self.had_focus = r.has_focus() || step_to.is_some();
            ui.checkbox(&mut self.regex, t(Msg::FindRegex));
            ui.checkbox(&mut self.whole_project, t(Msg::FindWholeProject));
            let (count, current, error) = match self.found(ws) {
                Ok(f) => {
                    let sel = ws.selection().map(|s| s.range());
                    let cur = f
                        .matches
                        .iter()
                        .position(|m| m.doc == ws.doc() && Some(m.range) == sel);
                    (Some((f.matches.len(), f.truncated)), cur, None::<String>)
                }
                Err(e) => (None, None, Some(e.message(lang))),
            };
            match (count, &error) {
                (Some((0, _)), _) if !self.query.is_empty() => {
                    ui.label(t(Msg::NoMatches));
                }
                (Some((n, more)), _) if n > 0 => {
                    let plus = if more { "+" } else { "" };
                    let text = match current {
                        Some(i) => format!("{}/{n}{plus} {}", i + 1, t(Msg::Matches)),
                        None => format!("{n}{plus} {}", t(Msg::Matches)),
                    };
                    ui.label(text);
                }
                (_, Some(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                }
                _ => {}
            }
            let any = count.is_some_and(|(n, _)| n > 0);
            if ui
                .add_enabled(any, egui::Button::new("↑"))
                .on_hover_text(format!("{}  Shift+F3", t(Msg::FindPrev)))
                .clicked()
            {
                step_to = Some(false);
            }
            if ui
                .add_enabled(any, egui::Button::new("↓"))
                .on_hover_text(format!("{}  F3", t(Msg::FindNext)))
                .clicked()
            {
                step_to = Some(true);
            }
            if let Some(forward) = step_to
                && let Some(m) = self.step(ws, forward)
            {
                out.push(Intent::SelectMatch(m));
            }
            ui.separator();
            let labels = &ws.project().schema.labels;
            if self
                .label
                .as_ref()
                .is_none_or(|k| !labels.iter().any(|l| l.key == *k))
            {
                self.label = labels.first().map(|l| l.key.clone());
            }
            let current = self.label.clone().unwrap_or_default();
            let l = ui.label(t(Msg::Label));
            egui::ComboBox::from_id_salt("biaozhu_find_label")
                .selected_text(current.as_str())
                .show_ui(ui, |ui| {
                    for l in labels {
                        let name = match lang {
                            Lang::Zh => &l.zh,
                            Lang::En => &l.en,
                        };
                        ui.selectable_value(
                            &mut self.label,
                            Some(l.key.clone()),
                            format!("{} {name}", l.key),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            if ui
                .add_enabled(
                    any && self.label.is_some(),
                    egui::Button::new(format!("{} {current}", t(Msg::TagAllAs))),
                )
                .clicked()
                && let Some(key) = self.label.clone()
                && let Ok(f) = self.found(ws)
            {
                out.push(Intent::TagMatches(f.matches.clone(), key));
            }
            if ui.button("×").on_hover_text(t(Msg::CloseFind)).clicked() {
                self.close();
            }
        });
    }
}
