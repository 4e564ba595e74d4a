//! What a session operation can refuse, and the message a person reads in the language of
//! the UI. Errors keep their structure (the edit's, the store's, the format's) up to the
//! window, which shows [`SessionError::message`] in the chosen language.

use crate::edit::EditError;
use crate::i18n::Lang;
use crate::store::StoreError;

/// Why a session operation did nothing.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The edit was refused (the project is unchanged).
    #[error(transparent)]
    Edit(#[from] EditError),
    /// Reading or writing the project folder, or a file, failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No label with this key.
    #[error("no label {0}")]
    NoLabel(String),
    /// No event type with this key.
    #[error("no event type {0}")]
    NoEventType(String),
    /// A label key on an event's trigger (its type keys retype it instead).
    #[error("a trigger keeps its kind: use an event type key to change the event's type")]
    TriggerKeepsItsKind,
    /// Undo or redo could not restore the project (the history is left as it was).
    #[error("undo/redo failed: {0}")]
    History(EditError),
    /// Review needs the curated layer open (review writes its decisions there).
    #[error("review writes to the curated layer: open the project on layer `curated`")]
    ReviewNeedsCurated,
    /// The review read was of other documents than the project has now.
    #[error("the project's documents changed while the review was read: start the review again")]
    ReviewOutOfDate,
    /// Review needs at least one annotator's layer.
    #[error("review needs an annotator's layer, and no annotator has one")]
    NoAnnotators,
    /// No review is going on, or no disagreement is selected.
    #[error("no review item is selected: F8 goes to the next disagreement")]
    NoReviewItem,
    /// An annotator number beyond those compared.
    #[error("there is no annotator {0} in this review")]
    NoSuchVersion(usize),
    /// A document cannot be marked reviewed while items of it are still to decide.
    #[error("{0} items of this document are still to decide (F8 goes to the next)")]
    OpenItemsLeft(usize),
}

impl SessionError {
    /// The message in `lang`: the frame is translated; names, paths and what a parser said
    /// are kept as they are.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            SessionError::Edit(e) => edit_message(e, lang),
            SessionError::History(e) if zh => format!("撤销/重做失败：{}", edit_message(e, lang)),
            SessionError::History(e) => format!("undo/redo failed: {}", edit_message(e, lang)),
            SessionError::Store(e) => store_message(e, lang),
            SessionError::NoLabel(k) if zh => format!("没有标签 {k}"),
            SessionError::NoEventType(k) if zh => format!("没有事件类型 {k}"),
            SessionError::ReviewNeedsCurated if zh => {
                "审阅的结果写在审定层：请以 curated 层打开项目".to_string()
            }
            SessionError::NoAnnotators if zh => {
                "审阅需要标注人的标注层，但还没有人标注".to_string()
            }
            SessionError::ReviewOutOfDate if zh => {
                "读取审阅期间项目的文档有了变化：请重新开始审阅".to_string()
            }
            SessionError::NoReviewItem if zh => {
                "没有选中的审阅项：按 F8 转到下一处分歧".to_string()
            }
            SessionError::NoSuchVersion(n) if zh => format!("本次审阅没有第 {n} 位标注人"),
            SessionError::OpenItemsLeft(n) if zh => {
                format!("本篇还有 {n} 项未决（按 F8 转到下一处）")
            }
            SessionError::TriggerKeepsItsKind => {
                crate::i18n::tr(lang, crate::i18n::Msg::TriggerKeepsItsKind).to_string()
            }
            other => other.to_string(),
        }
    }
}

/// An edit error in `lang`.
pub fn edit_message(e: &EditError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        EditError::NoDocument(d) => format!("没有第 {d} 篇文档"),
        EditError::NoSpan(id) => format!("没有标注 {id}"),
        EditError::DuplicateId(id) => format!("标注编号 {id} 已被使用"),
        EditError::BadRange { start, end, len } => {
            format!("范围 {start}..{end} 超出文本（共 {len} 字）")
        }
        EditError::BadEvent(id) => format!("事件 {id}：不存在，或编号已被使用"),
        EditError::SpanInUse(id) => format!("标注 {id} 被事件使用"),
        EditError::NoLabel(k) => format!("没有标签 {k:?}"),
        EditError::DuplicateLabel(k) => format!("标签 {k:?} 已存在"),
        EditError::DuplicateHotkey(c, k) => format!("快捷键 {c:?} 已被标签 {k:?} 使用"),
        EditError::LabelInUse { key, count } => format!("标签 {key:?} 被 {count} 个标注使用"),
        EditError::RollbackFailed { error, rollback } => format!(
            "{}；撤回这批修改的前几步也失败了（{}），项目可能只改了一部分",
            edit_message(error, lang),
            edit_message(rollback, lang)
        ),
    }
}

/// A validation problem in `lang` (an event's problem is worded from its [`EventIssue`]).
///
/// [`EventIssue`]: crate::model::EventIssue
pub fn problem_message(p: &crate::model::Problem, lang: Lang) -> String {
    p.message.get(lang).to_string()
}

/// Why the schema editor's changes were refused, in `lang`.
pub fn schema_message(e: &crate::edit::SchemaError, lang: Lang) -> String {
    use crate::edit::SchemaError as S;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        S::EmptyKey => "有一个事件类型没有名称".to_string(),
        S::DuplicateKey(k) => format!("有两个事件类型都叫 {k}"),
        S::EmptyRole(t) => format!("{t}：有一个角色没有名称"),
        S::DuplicateRole(t, r) => format!("{t}：有两个角色都叫 {r}"),
        S::BadHotkey(t, c) => format!("{t}：快捷键必须是字母 A-Z（与 Shift 同按），不能是 {c}"),
        S::DuplicateHotkey(c, a, b) => format!("{a} 和 {b} 都用 Shift+{c}"),
        S::UnknownLabel(t, r, l) => format!("{t}：角色 {r} 接受的 {l} 不是标签"),
        S::TypeInUse(t, n) => format!("{t} 是 {n} 个事件的类型；请先删除这些事件"),
        S::RoleInUse(t, r, n) => format!("{t}：角色 {r} 在 {n} 个事件中已填写；请先移除这些论元"),
    }
}

/// A store (or format) error in `lang`: the file and place stay, the frame is translated.
pub fn store_message(e: &StoreError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::Io { path, source } => format!("{}：读写失败：{source}", path.display()),
        StoreError::Parse {
            path,
            line,
            col,
            message,
        } => format!("{}:{line}:{col}：无法解析：{}", path.display(), message.zh),
        StoreError::Invalid { path, message } => {
            format!("{}：内容有误：{}", path.display(), message.zh)
        }
        StoreError::Decode { path, source } => {
            format!("{}：无法解码：{}", path.display(), source.zh())
        }
        StoreError::NotAProject(p) => {
            format!("{}：不是 biaozhu 项目（没有 project.ron）", p.display())
        }
        StoreError::Locked { path, pid, host } => {
            let who = match (pid, host.as_str()) {
                (0, "") => "未知进程".to_string(),
                (0, h) => format!("{h} 上的未知进程"),
                (p, "") => format!("未知主机上的进程 {p}"),
                (p, h) => format!("{h} 上的进程 {p}"),
            };
            format!(
                "{}：项目已在另一个窗口或命令中打开（{who}）；请先关闭它，或以只读方式打开（进程结束后系统会自动释放锁，无需手动清除）",
                path.display()
            )
        }
        StoreError::Exists(p) => format!("{}：已存在", p.display()),
        StoreError::BadAnnotator(n) => format!(
            "标注者名称 {n:?} 不可用：只能用字母、数字、- _ 和 .（不能开头），不能含 ..，最多 64 个字符"
        ),
        StoreError::ReadOnly(p) => format!("{}：以只读方式打开，未写入任何内容", p.display()),
        StoreError::ChangedOnDisk(paths) => format!(
            "{}：本窗口读取或保存之后，文件在磁盘上被改过（git pull、同步盘或手工修改？），没有覆盖它。本窗口的改动仍未保存：可以用本窗口的版本覆盖，或重新打开项目以取用磁盘上的文件",
            crate::store::changed_list(paths)
        ),
        StoreError::Format(f) => f.message_in(lang),
    }
}

/// A problem with the project's saved trigger tagger, in both languages, naming the file.
pub fn tagger_problem_said(p: &crate::learn::triggers::TaggerProblem) -> crate::i18n::Said {
    use crate::learn::triggers::TaggerProblem;
    match p {
        TaggerProblem::Read(e) => {
            let why = e.cause();
            crate::i18n::Said {
                zh: format!("保存的触发词标注器无法读取，已重新训练：{}", why.zh),
                en: format!(
                    "the saved trigger tagger could not be read, so it was trained again: {}",
                    why.en
                ),
            }
        }
        TaggerProblem::Save(e) => crate::i18n::Said {
            zh: format!(
                "触发词标注器未能保存（下次会重新训练）：{}",
                store_message(e, Lang::Zh)
            ),
            en: format!(
                "the trigger tagger could not be saved (it will be trained again next time): {}",
                store_message(e, Lang::En)
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_and_store_errors_read_in_chinese_with_their_place_kept() {
        let e = SessionError::Edit(EditError::DuplicateLabel("ORG".into()));
        assert_eq!(e.message(Lang::Zh), "标签 \"ORG\" 已存在");
        assert_eq!(e.message(Lang::En), "label \"ORG\" already exists");
        let f = crate::format::FormatError {
            file: "a.jsonl".into(),
            line: Some(3),
            message: crate::said!("应为一个值", "expected value"),
            kind: crate::format::ErrorKind::Parse,
        };
        let e = SessionError::Store(StoreError::Format(f));
        assert_eq!(e.message(Lang::Zh), "a.jsonl:3：格式错误：应为一个值");
        assert_eq!(e.message(Lang::En), "a.jsonl:3: expected value");
        let s = crate::edit::SchemaError::TypeInUse("会议".into(), 2);
        assert_eq!(
            schema_message(&s, Lang::Zh),
            "会议 是 2 个事件的类型；请先删除这些事件"
        );
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    /// One of every error a person can read. The `match`es have no wildcard, so a new
    /// variant does not compile until it is listed here (and so translated).
    fn every_error() -> Vec<SessionError> {
        use crate::model::{EventId, SpanId};
        let edits = vec![
            EditError::NoDocument(3),
            EditError::NoSpan(SpanId(1)),
            EditError::DuplicateId(SpanId(1)),
            EditError::BadRange {
                start: 1,
                end: 9,
                len: 4,
            },
            EditError::BadEvent(EventId(2)),
            EditError::SpanInUse(SpanId(1)),
            EditError::NoLabel("X".into()),
            EditError::DuplicateLabel("X".into()),
            EditError::DuplicateHotkey('1', "X".into()),
            EditError::RollbackFailed {
                error: Box::new(EditError::NoSpan(SpanId(1))),
                rollback: Box::new(EditError::NoSpan(SpanId(2))),
            },
            EditError::LabelInUse {
                key: "X".into(),
                count: 2,
            },
        ];
        for e in &edits {
            match e {
                EditError::NoDocument(_)
                | EditError::NoSpan(_)
                | EditError::DuplicateId(_)
                | EditError::BadRange { .. }
                | EditError::BadEvent(_)
                | EditError::SpanInUse(_)
                | EditError::NoLabel(_)
                | EditError::DuplicateLabel(_)
                | EditError::DuplicateHotkey(..)
                | EditError::RollbackFailed { .. }
                | EditError::LabelInUse { .. } => {}
            }
        }
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "not found");
        let stores = vec![
            StoreError::Io {
                path: "a".into(),
                source: io(),
            },
            StoreError::Parse {
                path: "a".into(),
                line: 1,
                col: 2,
                message: crate::said!("有误", "bad"),
            },
            StoreError::Invalid {
                path: "a".into(),
                message: crate::said!("有误", "bad"),
            },
            StoreError::Decode {
                path: "a".into(),
                source: crate::zh::encoding::DecodeError::Empty,
            },
            StoreError::NotAProject("a".into()),
            StoreError::Locked {
                path: "a".into(),
                pid: 7,
                host: "h".into(),
            },
            StoreError::Exists("a".into()),
            StoreError::Format(crate::format::FormatError::new(
                "a",
                crate::said!("有误", "bad"),
            )),
            StoreError::BadAnnotator("..".into()),
            StoreError::ReadOnly("a".into()),
            StoreError::ChangedOnDisk(vec!["a".into(), "b".into()]),
        ];
        for e in &stores {
            match e {
                StoreError::Io { .. }
                | StoreError::Parse { .. }
                | StoreError::Invalid { .. }
                | StoreError::Decode { .. }
                | StoreError::NotAProject(_)
                | StoreError::Locked { .. }
                | StoreError::Exists(_)
                | StoreError::Format(_)
                | StoreError::BadAnnotator(_)
                | StoreError::ReadOnly(_)
                | StoreError::ChangedOnDisk(_) => {}
            }
        }
        let mut out: Vec<SessionError> = edits.into_iter().map(SessionError::Edit).collect();
        out.extend(stores.into_iter().map(SessionError::Store));
        out.extend([
            SessionError::NoLabel("X".into()),
            SessionError::NoEventType("X".into()),
            SessionError::TriggerKeepsItsKind,
            SessionError::History(EditError::NoSpan(crate::model::SpanId(1))),
            SessionError::ReviewNeedsCurated,
            SessionError::ReviewOutOfDate,
            SessionError::NoAnnotators,
            SessionError::NoReviewItem,
            SessionError::NoSuchVersion(3),
            SessionError::OpenItemsLeft(2),
        ]);
        for e in &out {
            match e {
                SessionError::Edit(_)
                | SessionError::Store(_)
                | SessionError::NoLabel(_)
                | SessionError::NoEventType(_)
                | SessionError::TriggerKeepsItsKind
                | SessionError::History(_)
                | SessionError::ReviewNeedsCurated
                | SessionError::ReviewOutOfDate
                | SessionError::NoAnnotators
                | SessionError::NoReviewItem
                | SessionError::NoSuchVersion(_)
                | SessionError::OpenItemsLeft(_) => {}
            }
        }
        out
    }

    #[test]
    fn every_event_problem_reads_in_both_languages() {
        use crate::model::EventIssue as I;
        let issues = [
            I::NoTrigger("T1".into()),
            I::NoArgument("r".into(), "T2".into()),
            I::UnknownType("x".into()),
            I::WrongTrigger("T1".into(), "entity".into(), "ORG".into(), "x".into()),
            I::UnknownRole("r".into(), "x".into()),
            I::NotAccepted("T2".into(), "r".into(), "ORG".into(), "PER".into()),
            I::NotAcceptedYet(None, "T1".into(), true),
            I::MissingRole("r".into()),
            I::RepeatedRole("r".into(), 2),
        ];
        for i in issues {
            match &i {
                I::NoTrigger(_)
                | I::NoArgument(..)
                | I::UnknownType(_)
                | I::WrongTrigger(..)
                | I::UnknownRole(..)
                | I::NotAccepted(..)
                | I::NotAcceptedYet(..)
                | I::MissingRole(_)
                | I::RepeatedRole(..) => {}
            }
            assert!(has_cjk(&i.zh()), "{i:?}");
        }
    }

    #[test]
    fn every_error_reads_in_both_languages() {
        let mut wrong = Vec::new();
        for e in every_error() {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            if !has_cjk(&zh) {
                wrong.push(format!("{e:?}: the Chinese reads {zh:?}"));
            }
            if has_cjk(&en) {
                wrong.push(format!("{e:?}: the English reads {en:?}"));
            }
        }
        use crate::edit::SchemaError as S;
        for s in [
            S::EmptyKey,
            S::DuplicateKey("a".into()),
            S::EmptyRole("a".into()),
            S::DuplicateRole("a".into(), "b".into()),
            S::BadHotkey("a".into(), '1'),
            S::DuplicateHotkey('A', "a".into(), "b".into()),
            S::UnknownLabel("a".into(), "b".into(), "c".into()),
            S::TypeInUse("a".into(), 2),
            S::RoleInUse("a".into(), "b".into(), 2),
        ] {
            if !has_cjk(&schema_message(&s, Lang::Zh)) || has_cjk(&schema_message(&s, Lang::En)) {
                wrong.push(format!("{s:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
