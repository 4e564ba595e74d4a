//! DuEE 1.0 event schema files (`duee_event_schema.json`): one JSON object a line,
//! `{"event_type": "组织关系-裁员", "role_list": [{"role": "裁员方"}, …], "class": "组织关系"}`.
//! Type and role names are kept exactly; roles accept any span.

use serde::Deserialize;

use crate::i18n::{Lang, Said};
use crate::model::{EventType, Rgb, Role};
use crate::said;

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

/// Parse a DuEE schema file. Errors give the line (1-based) and what is wrong, in English
/// (the command line's words; [`parse_said`] gives both languages).
pub fn parse(src: &str) -> Result<Vec<EventType>, String> {
    parse_said(src).map_err(|e| e.en)
}

/// Parse a DuEE schema file. Errors give the line (`第 N 行：…` / `line N: …`) and what is
/// wrong.
pub fn parse_said(src: &str) -> Result<Vec<EventType>, Said> {
    let mut out: Vec<EventType> = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let l: Line = serde_json::from_str(line)
            .map_err(|e| super::duee::json_line_said(n, raw, line, &e))?;
        let ty = &l.event_type;
        if ty.trim().is_empty() {
            return Err(said!(
                "第 {n} 行：event_type 为空",
                "line {n}: empty event_type"
            ));
        }
        if out.iter().any(|e| e.key == *ty) {
            return Err(said!(
                "第 {n} 行：事件类型 {ty:?} 出现了两次",
                "line {n}: event type {ty:?} twice"
            ));
        }
        let mut roles: Vec<Role> = Vec::new();
        for r in l.role_list {
            if roles.iter().any(|x| x.name == r.role) {
                let role = &r.role;
                return Err(said!(
                    "第 {n} 行：{ty:?} 中角色 {role:?} 出现了两次",
                    "line {n}: role {role:?} twice in {ty:?}"
                ));
            }
            roles.push(Role {
                name: r.role,
                en: String::new(),
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

/// [`merge_said`], saying what happened in English (the command line's words).
pub fn merge(
    existing: &[EventType],
    imported: Vec<EventType>,
    replace: bool,
) -> (Vec<EventType>, Vec<String>) {
    let (out, said) = merge_said(existing, imported, replace);
    (out, said.into_iter().map(|s| s.en).collect())
}

/// Merge imported types into existing ones and say what happened to each, one line each.
/// A new type is appended. A type with the same key keeps its roles (and their `accepts`,
/// colour and hotkey: a project's schema is the annotators' work) and gains the roles it
/// lacks; with `replace` the imported type replaces it instead.
pub fn merge_said(
    existing: &[EventType],
    imported: Vec<EventType>,
    replace: bool,
) -> (Vec<EventType>, Vec<Said>) {
    let mut out = existing.to_vec();
    let mut said = Vec::new();
    for t in imported {
        match out.iter_mut().find(|e| e.key == t.key) {
            Some(e) if replace => {
                let (key, old, new, names) =
                    (&t.key, e.roles.len(), t.roles.len(), role_names(&t.roles));
                said.push(said!(
                    "{key}：已替换（{old} 个角色 → {new} 个：{names}）",
                    "{key}: replaced ({old} roles → {new}: {names})";
                    names
                ));
                // The annotators' key for it stays, where the file gives none.
                let hotkey = e.hotkey;
                *e = t;
                e.hotkey = e.hotkey.or(hotkey);
            }
            Some(e) => {
                let new: Vec<_> = t
                    .roles
                    .into_iter()
                    .filter(|r| !e.roles.iter().any(|x| x.name == r.name))
                    .collect();
                let key = &e.key;
                if new.is_empty() {
                    said.push(said!(
                        "{key}：方案中已有该类型及这些角色；保持不变",
                        "{key}: already in the schema with these roles; kept as it is"
                    ));
                } else {
                    let (kept, added, names) = (e.roles.len(), new.len(), role_names(&new));
                    said.push(said!(
                        "{key}：方案中已有该类型；保留它的 {kept} 个角色，新增 {added} 个（{names}）；\
                         要改用文件中的类型，请加 --replace",
                        "{key}: already in the schema; kept its {kept} roles and added {added} \
                         ({names}); --replace to take the file's type instead";
                        names
                    ));
                    e.roles.extend(new);
                }
            }
            // A type of its own, with a Shift key of its own while letters are free (the
            // first 26 types a schema lacks, in the file's order).
            None => {
                let mut t = t;
                if t.hotkey.is_none() {
                    t.hotkey = crate::model::free_event_hotkey(&out);
                }
                out.push(t)
            }
        }
    }
    (out, said)
}

/// The roles' names, `、` between them in Chinese and `, ` in English.
fn role_names(roles: &[Role]) -> Said {
    Said::by(|lang| {
        let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
        names.join(match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        })
    })
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
        assert!(meeting.hotkey.is_some());
        assert_eq!(m.hotkey, meeting.hotkey, "the annotators' key stays");
        assert!(
            said[0].contains("replaced (5 roles → 2: 主体, 议题)"),
            "{said:?}"
        );
    }

    #[test]
    fn errors_and_merge_lines_are_worded_in_chinese_too() {
        let e = parse_said("{\"event_type\": \"会议\"}\n{\"event_type\": \"会议\"}").unwrap_err();
        assert_eq!(e.zh, "第 2 行：事件类型 \"会议\" 出现了两次");
        assert_eq!(e.en, "line 2: event type \"会议\" twice");
        let e = parse_said("{\"event_type\": \"a\"}\n{\"event_type\": }").unwrap_err();
        assert!(
            e.zh.starts_with("第 2 行：") && e.zh.ends_with("字节）"),
            "{e:?}"
        );
        let mine = crate::model::Schema::default_bulletin().events;
        let theirs = parse_said(
            "{\"event_type\": \"会议\", \"role_list\": [{\"role\": \"主体\"}, {\"role\": \"议题\"}]}\n",
        )
        .unwrap();
        let (_, said) = merge_said(&mine, theirs.clone(), true);
        assert_eq!(said[0].zh, "会议：已替换（5 个角色 → 2 个：主体、议题）");
        let (_, said) = merge_said(&mine, theirs, false);
        assert_eq!(
            said[0].zh,
            "会议：方案中已有该类型；保留它的 5 个角色，新增 1 个（议题）；要改用文件中的类型，请加 --replace"
        );
    }
}
