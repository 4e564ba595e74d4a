//! DuEE 1.0 event schema files (`duee_event_schema.json`): one JSON object a line,
//! `{"event_type": "组织关系-裁员", "role_list": [{"role": "裁员方"}, …], "class": "组织关系"}`.
//! Type and role names are kept exactly; roles accept any span.

use serde::Deserialize;

use crate::model::{EventType, Rgb, Role};

#[derive(Debug, Deserialize)]
struct Line {
    event_type: String,
    #[serde(default)]
    role_list: Vec<RoleDto>,
    #[serde(default)]
    class: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RoleDto {
    role: String,
}

/// A palette for imported types, by position.
const COLORS: [Rgb; 6] = [
    Rgb(0xd3, 0x54, 0x00),
    Rgb(0x8e, 0x44, 0xad),
    Rgb(0x27, 0xae, 0x60),
    Rgb(0x29, 0x80, 0xb9),
    Rgb(0xc0, 0x39, 0x2b),
    Rgb(0x16, 0xa0, 0x85),
];

/// Parse a DuEE schema file. Errors give the line (1-based) and what is wrong.
pub fn parse(src: &str) -> Result<Vec<EventType>, String> {
    let mut out: Vec<EventType> = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line)
            .map_err(|e| super::duee::json_line_error(i + 1, raw, line, &e))?;
        if l.event_type.trim().is_empty() {
            return Err(format!("line {}: empty event_type", i + 1));
        }
        if out.iter().any(|e| e.key == l.event_type) {
            return Err(format!(
                "line {}: event type {:?} twice",
                i + 1,
                l.event_type
            ));
        }
        let mut roles: Vec<Role> = Vec::new();
        for r in l.role_list {
            if roles.iter().any(|x| x.name == r.role) {
                return Err(format!(
                    "line {}: role {:?} twice in {:?}",
                    i + 1,
                    r.role,
                    l.event_type
                ));
            }
            roles.push(Role {
                name: r.role,
                accepts: Vec::new(),
                required: false,
                repeat: true,
            });
        }
        out.push(EventType {
            zh: l.event_type.clone(),
            en: l.class.unwrap_or_default(),
            color: COLORS[out.len() % COLORS.len()],
            hotkey: None,
            key: l.event_type,
            roles,
        });
    }
    Ok(out)
}

/// Merge imported types into existing ones and say what happened to each, one line each.
/// A new type is appended. A type with the same key keeps its roles (and their `accepts`,
/// colour and hotkey: a project's schema is the annotators' work) and gains the roles it
/// lacks; with `replace` the imported type replaces it instead.
pub fn merge(
    existing: &[EventType],
    imported: Vec<EventType>,
    replace: bool,
) -> (Vec<EventType>, Vec<String>) {
    let mut out = existing.to_vec();
    let mut said = Vec::new();
    for t in imported {
        match out.iter_mut().find(|e| e.key == t.key) {
            Some(e) if replace => {
                said.push(format!(
                    "{}: replaced ({} roles → {}: {})",
                    t.key,
                    e.roles.len(),
                    t.roles.len(),
                    role_names(&t.roles)
                ));
                *e = t;
            }
            Some(e) => {
                let new: Vec<_> = t
                    .roles
                    .into_iter()
                    .filter(|r| !e.roles.iter().any(|x| x.name == r.name))
                    .collect();
                if new.is_empty() {
                    said.push(format!(
                        "{}: already in the schema with these roles; kept as it is",
                        e.key
                    ));
                } else {
                    said.push(format!(
                        "{}: already in the schema; kept its {} roles and added {} ({}); --replace to take the file's type instead",
                        e.key,
                        e.roles.len(),
                        new.len(),
                        role_names(&new)
                    ));
                    e.roles.extend(new);
                }
            }
            None => out.push(t),
        }
    }
    (out, said)
}

fn role_names(roles: &[super::super::model::Role]) -> String {
    roles
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duee_schema_lines_keep_names_exactly() {
        let src = "{\"event_type\": \"组织关系-裁员\", \"role_list\": [{\"role\": \"裁员方\"}, {\"role\": \"裁员人数\"}, {\"role\": \"时间\"}], \"id\": \"x\", \"class\": \"组织关系\"}\n\n{\"event_type\": \"财经/交易-出售/收购\", \"role_list\": [{\"role\": \"出售方\"}]}\n";
        let t = parse(src).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].key, "组织关系-裁员");
        assert_eq!(t[0].en, "组织关系");
        assert_eq!(
            t[0].roles
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            vec!["裁员方", "裁员人数", "时间"]
        );
        assert_eq!(t[1].key, "财经/交易-出售/收购");
        let e = parse("{\"event_type\": \"a\"}\n{\"role_list\": []}").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
    }

    #[test]
    fn a_type_of_the_same_name_keeps_its_roles_and_gains_the_new_ones_unless_replaced() {
        let mine = crate::model::Schema::default_bulletin().events;
        let meeting = mine.iter().find(|t| t.key == "会议").unwrap().clone();
        let theirs = parse("{\"event_type\": \"会议\", \"role_list\": [{\"role\": \"主体\"}, {\"role\": \"议题\"}]}\n").unwrap();
        let (merged, said) = merge(&mine, theirs.clone(), false);
        let m = merged.iter().find(|t| t.key == "会议").unwrap();
        assert_eq!(m.roles.len(), meeting.roles.len() + 1);
        assert_eq!(m.roles[..meeting.roles.len()], meeting.roles[..]);
        assert!(said[0].contains("added 1 (议题)"), "{said:?}");
        let (merged, said) = merge(&mine, theirs, true);
        let m = merged.iter().find(|t| t.key == "会议").unwrap();
        assert_eq!(m.roles.len(), 2);
        assert!(
            said[0].contains("replaced (5 roles → 2: 主体, 议题)"),
            "{said:?}"
        );
    }
}
