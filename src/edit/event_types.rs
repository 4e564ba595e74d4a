//! Editing the event schema as a whole (the schema editor's "apply"): the new list of event
//! types is checked, and events and trigger spans follow renamed types and roles, all in one
//! undo step. A type or role that events still use cannot be removed.

use std::collections::{HashMap, HashSet};

use crate::model::{EventType, Project, SpanKind};

use super::Edit;

/// One event type as the editor holds it, with the key and role names it had in the schema
/// (`None` for a type or role added in the editor).
#[derive(Debug, Clone, PartialEq)]
pub struct EventTypeDraft {
    /// The key the type had before editing.
    pub was: Option<String>,
    /// The edited type.
    pub ty: EventType,
    /// For each role of `ty`, the name it had before editing.
    pub roles_were: Vec<Option<String>>,
}

impl EventTypeDraft {
    /// A draft of an existing type, unchanged.
    pub fn of(ty: &EventType) -> Self {
        Self {
            was: Some(ty.key.clone()),
            ty: ty.clone(),
            roles_were: ty.roles.iter().map(|r| Some(r.name.clone())).collect(),
        }
    }
}

/// Drafts of every event type of a project's schema, in order.
pub fn drafts_of(p: &Project) -> Vec<EventTypeDraft> {
    p.schema.events.iter().map(EventTypeDraft::of).collect()
}

/// Why a new event schema was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// A type without a key.
    #[error("an event type has no name")]
    EmptyKey,
    /// Two types with one key.
    #[error("two event types are called {0}")]
    DuplicateKey(String),
    /// A role without a name.
    #[error("{0}: a role has no name")]
    EmptyRole(String),
    /// Two roles of a type with one name.
    #[error("{0}: two roles are called {1}")]
    DuplicateRole(String, String),
    /// A hotkey that is not a letter.
    #[error("{0}: the hotkey must be a letter A-Z (pressed with Shift), not {1}")]
    BadHotkey(String, char),
    /// Two types with one hotkey.
    #[error("{1} and {2} both use Shift+{0}")]
    DuplicateHotkey(char, String, String),
    /// A role accepts a label the schema does not have.
    #[error("{0}: role {1} accepts {2}, which is not a label")]
    UnknownLabel(String, String, String),
    /// A removed type still has events.
    #[error("{0} is the type of {1} events; delete them first")]
    TypeInUse(String, usize),
    /// A removed role still has arguments.
    #[error("{0}: role {1} is filled in {2} events; remove those arguments first")]
    RoleInUse(String, String, usize),
}

/// The edit that replaces the event types with `drafts`: the schema change, then every event
/// of a renamed type or role rewritten, and every trigger span of a renamed type relabelled.
/// Nothing is applied here; the caller applies the edit (one undo step).
pub fn replace_event_types(p: &Project, drafts: &[EventTypeDraft]) -> Result<Edit, SchemaError> {
    check(p, drafts)?;
    // Old key -> (new key, old role -> new role).
    let mut renames: HashMap<&str, (&str, HashMap<&str, &str>)> = HashMap::new();
    for d in drafts {
        let Some(was) = d.was.as_deref() else {
            continue;
        };
        let roles = d
            .roles_were
            .iter()
            .zip(&d.ty.roles)
            .filter_map(|(w, r)| Some((w.as_deref()?, r.name.as_str())))
            .filter(|(w, n)| w != n)
            .collect::<HashMap<_, _>>();
        if was != d.ty.key || !roles.is_empty() {
            renames.insert(was, (d.ty.key.as_str(), roles));
        }
    }
    let mut edits = vec![Edit::SetEventTypes {
        events: drafts.iter().map(|d| d.ty.clone()).collect(),
    }];
    for (doc, d) in p.documents.iter().enumerate() {
        for e in &d.layer.events {
            let Some((key, roles)) = renames.get(e.event_type.as_str()) else {
                continue;
            };
            let mut e2 = e.clone();
            e2.event_type = key.to_string();
            for (role, _) in &mut e2.args {
                if let Some(n) = roles.get(role.as_str()) {
                    *role = n.to_string();
                }
            }
            if e2 != *e {
                edits.push(Edit::UpdateEvent { doc, event: e2 });
            }
        }
        for s in d.layer.spans() {
            if s.kind != SpanKind::Trigger {
                continue;
            }
            if let Some((key, _)) = renames.get(s.label.as_str())
                && *key != s.label
            {
                let mut s2 = s.clone();
                s2.label = key.to_string();
                edits.push(Edit::UpdateSpan { doc, span: s2 });
            }
        }
    }
    Ok(Edit::Batch(edits))
}

fn check(p: &Project, drafts: &[EventTypeDraft]) -> Result<(), SchemaError> {
    let mut keys = HashSet::new();
    let mut hotkeys: HashMap<char, &str> = HashMap::new();
    for d in drafts {
        let key = d.ty.key.trim();
        if key.is_empty() {
            return Err(SchemaError::EmptyKey);
        }
        if !keys.insert(key) {
            return Err(SchemaError::DuplicateKey(key.into()));
        }
        if let Some(h) = d.ty.hotkey {
            if !h.is_ascii_alphabetic() {
                return Err(SchemaError::BadHotkey(key.into(), h));
            }
            let up = h.to_ascii_uppercase();
            if let Some(other) = hotkeys.insert(up, key) {
                return Err(SchemaError::DuplicateHotkey(up, other.into(), key.into()));
            }
        }
        let mut names = HashSet::new();
        for r in &d.ty.roles {
            let name = r.name.trim();
            if name.is_empty() {
                return Err(SchemaError::EmptyRole(key.into()));
            }
            if !names.insert(name) {
                return Err(SchemaError::DuplicateRole(key.into(), name.into()));
            }
            if let Some(l) = r
                .accepts
                .iter()
                .find(|l| *l != "ARG" && p.schema.label(l).is_none())
            {
                return Err(SchemaError::UnknownLabel(
                    key.into(),
                    name.into(),
                    l.clone(),
                ));
            }
        }
    }
    // What is removed must be unused.
    for old in &p.schema.events {
        let draft = drafts.iter().find(|d| d.was.as_deref() == Some(&old.key));
        let events = p
            .documents
            .iter()
            .flat_map(|d| &d.layer.events)
            .filter(|e| e.event_type == old.key);
        let Some(draft) = draft else {
            let n = events.count();
            if n > 0 {
                return Err(SchemaError::TypeInUse(old.key.clone(), n));
            }
            continue;
        };
        for r in &old.roles {
            if draft
                .roles_were
                .iter()
                .any(|w| w.as_deref() == Some(&r.name))
            {
                continue;
            }
            let n = events
                .clone()
                .filter(|e| e.args.iter().any(|(role, _)| *role == r.name))
                .count();
            if n > 0 {
                return Err(SchemaError::RoleInUse(old.key.clone(), r.name.clone(), n));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, Event, EventId, Span, SpanId};

    fn project() -> Project {
        let mut p = Project::new("p", "main");
        p.documents.push(crate::model::Document {
            meta: crate::model::DocMeta {
                id: "d".into(),
                ..Default::default()
            },
            text: crate::model::Text::new("甘肃省总工会召开推进会。"),
            layer: crate::model::Layer::new(),
        });
        let d = &mut p.documents[0];
        d.layer.insert_span(Span::new(
            SpanId(1),
            CharRange::new(0, 6),
            SpanKind::Entity,
            "ORG",
        ));
        d.layer.insert_span(Span::new(
            SpanId(2),
            CharRange::new(6, 8),
            SpanKind::Trigger,
            "会议",
        ));
        d.layer.insert_event(Event {
            unsure: false,
            note: None,
            id: EventId(1),
            event_type: "会议".into(),
            trigger: SpanId(2),
            args: vec![("主体".into(), SpanId(1))],
        });
        p
    }

    #[test]
    fn renaming_a_type_and_a_role_carries_events_and_triggers_along() {
        let mut p = project();
        let mut drafts = drafts_of(&p);
        drafts[0].ty.key = "召开会议".into();
        drafts[0].ty.roles[0].name = "召集方".into();
        let edit = replace_event_types(&p, &drafts).unwrap();
        let inverse = crate::edit::apply(&mut p, edit).unwrap();
        let d = &p.documents[0];
        assert_eq!(d.layer.events[0].event_type, "召开会议");
        assert_eq!(d.layer.events[0].args[0].0, "召集方");
        assert_eq!(d.layer.span(SpanId(2)).unwrap().label, "召开会议");
        assert!(crate::model::validate_document(d, &p.schema).is_empty());
        crate::edit::apply(&mut p, inverse).unwrap();
        assert_eq!(p.documents[0].layer.events[0].event_type, "会议");
        assert_eq!(p.documents[0].layer.span(SpanId(2)).unwrap().label, "会议");
        assert_eq!(p.schema.events[0].roles[0].name, "主体");
    }

    #[test]
    fn a_type_or_role_in_use_cannot_be_removed() {
        let p = project();
        let mut drafts = drafts_of(&p);
        drafts.remove(0);
        assert_eq!(
            replace_event_types(&p, &drafts),
            Err(SchemaError::TypeInUse("会议".into(), 1))
        );
        let mut drafts = drafts_of(&p);
        drafts[0].ty.roles.remove(0);
        drafts[0].roles_were.remove(0);
        assert_eq!(
            replace_event_types(&p, &drafts),
            Err(SchemaError::RoleInUse("会议".into(), "主体".into(), 1))
        );
        // An unused role goes.
        let mut drafts = drafts_of(&p);
        drafts[0].ty.roles.remove(1);
        drafts[0].roles_were.remove(1);
        assert!(replace_event_types(&p, &drafts).is_ok());
    }

    #[test]
    fn bad_drafts_are_refused_with_a_reason() {
        let p = project();
        let mut d = drafts_of(&p);
        d[1].ty.key = "会议".into();
        assert_eq!(
            replace_event_types(&p, &d),
            Err(SchemaError::DuplicateKey("会议".into()))
        );
        let mut d = drafts_of(&p);
        d[0].ty.key = "  ".into();
        assert_eq!(replace_event_types(&p, &d), Err(SchemaError::EmptyKey));
        let mut d = drafts_of(&p);
        d[0].ty.roles[1].name = "主体".into();
        assert_eq!(
            replace_event_types(&p, &d),
            Err(SchemaError::DuplicateRole("会议".into(), "主体".into()))
        );
        let mut d = drafts_of(&p);
        d[0].ty.hotkey = Some('h');
        d[1].ty.hotkey = Some('H');
        assert!(matches!(
            replace_event_types(&p, &d),
            Err(SchemaError::DuplicateHotkey('H', _, _))
        ));
        let mut d = drafts_of(&p);
        d[0].ty.hotkey = Some('1');
        assert!(matches!(
            replace_event_types(&p, &d),
            Err(SchemaError::BadHotkey(_, '1'))
        ));
        let mut d = drafts_of(&p);
        d[0].ty.roles[0].accepts.push("NOPE".into());
        assert!(matches!(
            replace_event_types(&p, &d),
            Err(SchemaError::UnknownLabel(_, _, _))
        ));
    }
}
