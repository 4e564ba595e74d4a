//! What the window says of the project's models beside the train buttons: what the entity
//! model learnt from, when, and its held-out precision, recall and F1 per label; the event
//! taggers' held-out scores for triggers and arguments.

use crate::i18n::{Lang, Msg, tr};
use crate::learn::ModelMeta;
use crate::learn::event_scores::EventScores;

/// The lines describing a model, in `lang`.
pub fn lines(m: &ModelMeta, lang: Lang) -> Vec<String> {
    let mut out = vec![match lang {
        Lang::Zh => format!(
            "模型：{} · {} 个文档 · {} 句 · {} 个实体 · {}",
            m.labels.join("、"),
            m.documents,
            m.sentences,
            m.spans,
            m.trained
        ),
        Lang::En => format!(
            "Model: {} · {} · {} · {} · {}",
            m.labels.join(", "),
            crate::i18n::english_count(m.documents, "document"),
            crate::i18n::english_count(m.sentences, "sentence"),
            crate::i18n::english_count(m.spans, "entity"),
            m.trained
        ),
    }];
    if m.scores.is_empty() {
        out.push(tr(lang, Msg::ModelNoHeldOut).to_string());
        return out;
    }
    let held = match lang {
        Lang::Zh => format!("（{}）", m.held_out_in(lang)),
        Lang::En => format!(" ({})", m.held_out),
    };
    out.push(format!("{}{held}", tr(lang, Msg::ModelHeldOut)));
    for (label, s) in m.scores.iter().map(|(l, s)| (l.as_str(), s)).chain(
        m.overall
            .as_ref()
            .map(|s| (if lang == Lang::Zh { "全部" } else { "all" }, s)),
    ) {
        let [p, r, f1] = s.shown(2);
        out.push(format!("  {label}  P {p}  R {r}  F1 {f1}  ({})", s.support));
    }
    out
}

/// The lines describing the event taggers' held-out scores, in `lang`: how many texts were
/// held out, then triggers (span + type) and arguments (type + trigger + role + span).
pub fn event_lines(s: &EventScores, lang: Lang) -> Vec<String> {
    let (k, n) = (s.held_out, s.texts);
    let mut out = vec![match lang {
        Lang::Zh => format!("事件标注器留出评测（后 10% 的文本：{n} 篇中的 {k} 篇）"),
        Lang::En => format!("Event taggers, held out (the last 10% of texts: {k} of {n})"),
    }];
    let rows = match lang {
        Lang::Zh => [("触发词", s.triggers), ("论元", s.arguments)],
        Lang::En => [("triggers", s.triggers), ("arguments", s.arguments)],
    };
    for (what, sc) in rows {
        let [p, r, f1] = sc.shown(2);
        out.push(format!("  {what}  P {p}  R {r}  F1 {f1}  ({})", sc.support));
    }
    out
}

/// The heading over the triggers' scores per event type: `触发词（按事件类型，12 个）`.
pub fn event_types_heading(s: &EventScores, lang: Lang) -> String {
    let n = s.trigger_types.len();
    match lang {
        Lang::Zh => format!("触发词（按事件类型，{n} 个）"),
        Lang::En => format!(
            "Triggers per event type ({})",
            crate::i18n::english_count(n, "type")
        ),
    }
}

/// The triggers' held-out scores per event type, the types with the most triggers held out
/// first: where the taggers are weak, so that an annotator knows which types to tag more of.
pub fn event_type_lines(s: &EventScores) -> Vec<String> {
    s.types_by_support()
        .into_iter()
        .map(|(t, sc)| {
            let [p, r, f1] = sc.shown(2);
            format!("  {t}  P {p}  R {r}  F1 {f1}  ({})", sc.support)
        })
        .collect()
}

/// The event taggers' held-out F1s for a notice: ` · 触发词 F1 0.84 · 论元 F1 0.37`.
pub fn event_summary(s: &EventScores, lang: Lang) -> String {
    let (t, a) = match lang {
        Lang::Zh => ("触发词", "论元"),
        Lang::En => ("triggers", "arguments"),
    };
    format!(
        " · {t} F1 {:.2} · {a} F1 {:.2}",
        s.triggers.f1, s.arguments.f1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::LabelScore;

    #[test]
    fn the_scores_read_in_both_languages() {
        let mut m = ModelMeta {
            labels: vec!["PER".into(), "ORG".into()],
            documents: 20,
            sentences: 300,
            spans: 410,
            trained: "2026-12-01 04:00".into(),
            held_out: "last 10% of documents: 2 of 20".into(),
            ..ModelMeta::default()
        };
        let s = LabelScore {
            precision: 0.9,
            recall: 0.8,
            f1: 0.847,
            support: 12,
            predicted: None,
        };
        m.scores.insert("PER".into(), s);
        m.overall = Some(s);
        let zh = lines(&m, Lang::Zh);
        assert!(zh[0].starts_with("模型：PER、ORG · 20 个文档"), "{zh:?}");
        assert_eq!(zh[1], "留出集评估（后 10% 的文档：20 个中的 2 个）");
        assert_eq!(zh[2], "  PER  P 0.90  R 0.80  F1 0.85  (12)");
        assert!(zh[3].starts_with("  全部"));
        let en = lines(&m, Lang::En);
        assert_eq!(
            en[0],
            "Model: PER, ORG · 20 documents · 300 sentences · 410 entities · 2026-12-01 04:00"
        );
        assert_eq!(en[1], "Held-out scores (last 10% of documents: 2 of 20)");
        (m.documents, m.sentences, m.spans) = (1, 1, 1);
        assert!(
            lines(&m, Lang::En)[0].contains("· 1 document · 1 sentence · 1 entity ·"),
            "{:?}",
            lines(&m, Lang::En)
        );
        m.scores.clear();
        assert_eq!(
            lines(&m, Lang::En)[1],
            "No held-out score (one document only)"
        );
    }

    #[test]
    fn the_scores_per_event_type_list_the_most_held_out_first() {
        let mut e = EventScores::default();
        e.trigger_types
            .insert("人生-死亡".into(), LabelScore::of_counts(1, 2, 2));
        e.trigger_types
            .insert("竞赛行为-胜负".into(), LabelScore::of_counts(6, 8, 9));
        e.trigger_types
            .insert("人生-婚礼".into(), LabelScore::of_counts(0, 1, 2));
        assert_eq!(
            event_type_lines(&e),
            [
                "  竞赛行为-胜负  P 0.75  R 0.67  F1 0.71  (9)",
                "  人生-婚礼  P 0.00  R 0.00  F1 0.00  (2)",
                "  人生-死亡  P 0.50  R 0.50  F1 0.50  (2)",
            ]
        );
        assert_eq!(
            event_types_heading(&e, Lang::Zh),
            "触发词（按事件类型，3 个）"
        );
        assert_eq!(
            event_types_heading(&e, Lang::En),
            "Triggers per event type (3 types)"
        );
    }

    #[test]
    fn the_event_taggers_scores_read_in_both_languages() {
        let e = EventScores {
            held_out: 40,
            texts: 400,
            tagger: true,
            triggers: LabelScore::of_counts(39, 47, 46),
            arguments: LabelScore::of_counts(37, 95, 105),
            ..EventScores::default()
        };
        assert_eq!(
            event_lines(&e, Lang::Zh),
            [
                "事件标注器留出评测（后 10% 的文本：400 篇中的 40 篇）",
                "  触发词  P 0.83  R 0.85  F1 0.84  (46)",
                "  论元  P 0.39  R 0.35  F1 0.37  (105)",
            ]
        );
        assert_eq!(
            event_lines(&e, Lang::En)[0],
            "Event taggers, held out (the last 10% of texts: 40 of 400)"
        );
        assert_eq!(
            event_summary(&e, Lang::En),
            " · triggers F1 0.84 · arguments F1 0.37"
        );
    }
}
