//! The span a bare text selection becomes when it fills an event role: a figure with its
//! value when the figure recogniser reads the whole selection as a kind the role accepts
//! (10月22日 for 时间 is a DATE), an entity when the role accepts one entity label or the
//! suggester reads the selection as an accepted one, else `ARG` where the role takes it,
//! else the role's first label.

use crate::model::{FigureValue, LabelClass, Role, Schema, SpanKind};
use crate::zh::figures::{FigureContext, recognise};

/// Kind, label and (for a figure) value of the new span.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgumentSpan {
    /// Entity, Figure or Argument.
    pub kind: SpanKind,
    /// Label key.
    pub label: String,
    /// A figure's normalised value.
    pub value: Option<FigureValue>,
}

/// Choose the span for `surface` filling `role`.
pub fn argument_span(
    schema: &Schema,
    role: &Role,
    surface: &str,
    ctx: &FigureContext,
    seg: &crate::zh::segment::Segmenter,
) -> ArgumentSpan {
    if let Some(a) = recognised(schema, role, surface, ctx, seg) {
        return a;
    }
    let takes_arg = role.accepts.is_empty() || role.accepts.iter().any(|a| a == "ARG");
    if takes_arg {
        return ArgumentSpan {
            kind: SpanKind::Argument,
            label: "ARG".into(),
            value: None,
        };
    }
    // Only labels the selection is not recognised as: the first one, to be corrected.
    let first = role.accepts[0].clone();
    let kind = schema
        .label(&first)
        .map_or(SpanKind::Argument, |l| l.span_kind());
    ArgumentSpan {
        kind,
        label: first,
        value: None,
    }
}

/// The span for `surface` filling `role` when it is known, not guessed: a figure of an
/// accepted kind read over the whole text, an accepted entity the suggester reads over the
/// whole text, or the one entity label a role that does not take `ARG` accepts. `None`
/// otherwise (importers then keep `ARG`, so that a check shows what is left to label).
pub fn recognised(
    schema: &Schema,
    role: &Role,
    surface: &str,
    ctx: &FigureContext,
    seg: &crate::zh::segment::Segmenter,
) -> Option<ArgumentSpan> {
    let accepts = |key: &str| role.accepts.is_empty() || role.accepts.iter().any(|a| a == key);
    let len = surface.chars().count() as u32;
    // The whole selection is one figure of an accepted kind.
    if let Some(m) = recognise(surface, ctx)
        .into_iter()
        .find(|m| m.range.start == 0 && m.range.end == len)
        && let Some(l) = schema
            .labels
            .iter()
            .find(|l| l.class == LabelClass::Figure(m.value.kind) && accepts(&l.key))
    {
        return Some(ArgumentSpan {
            kind: SpanKind::Figure,
            label: l.key.clone(),
            value: Some(m.value),
        });
    }
    let entity = |key: &str| {
        schema
            .label(key)
            .is_some_and(|l| l.class == LabelClass::Entity)
    };
    // The suggester reads the whole selection as an accepted entity.
    if let Some(s) = crate::zh::suggest::entities(seg, surface)
        .into_iter()
        .find(|s| s.range.start == 0 && s.range.end == len)
        && entity(&s.label)
        && !role.accepts.is_empty()
        && accepts(&s.label)
    {
        return Some(ArgumentSpan {
            kind: SpanKind::Entity,
            label: s.label,
            value: None,
        });
    }
    // A role that accepts exactly one figure label: that label, with the value the
    // normaliser reads (none if it reads nothing; a person fills it in).
    if let [only] = role.accepts.as_slice()
        && let Some(l) = schema.label(only)
        && let LabelClass::Figure(kind) = l.class
    {
        return Some(ArgumentSpan {
            kind: SpanKind::Figure,
            label: l.key.clone(),
            value: crate::zh::figures::normalise(surface, kind, ctx),
        });
    }
    let entities: Vec<&String> = role.accepts.iter().filter(|a| entity(a)).collect();
    let takes_arg = role.accepts.is_empty() || role.accepts.iter().any(|a| a == "ARG");
    if entities.len() == 1 && !takes_arg {
        return Some(ArgumentSpan {
            kind: SpanKind::Entity,
            label: entities[0].clone(),
            value: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(accepts: &[&str]) -> Role {
        Role {
            name: "r".into(),
            en: String::new(),
            accepts: accepts.iter().map(|s| s.to_string()).collect(),
            required: false,
            repeat: false,
        }
    }

    fn ctx() -> FigureContext {
        FigureContext {
            year: Some(2023),
            published: Some("2023-10-25".into()),
        }
    }

    #[test]
    fn a_date_selection_for_a_time_role_becomes_a_date_with_its_value() {
        let s = Schema::default_bulletin();
        let a = argument_span(
            &s,
            &role(&["DATE", "TIME", "ARG"]),
            "10月22日",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!(a.kind, SpanKind::Figure);
        assert_eq!(a.label, "DATE");
        assert_eq!(
            a.value.and_then(|v| v.resolved).as_deref(),
            Some("2023-10-22")
        );
        // 今天 is no figure: an ARG span.
        let a = argument_span(
            &s,
            &role(&["DATE", "TIME", "ARG"]),
            "今天",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!((a.kind, a.label.as_str()), (SpanKind::Argument, "ARG"));
    }

    #[test]
    fn counts_and_entities_get_an_accepted_label() {
        let s = Schema::default_bulletin();
        let a = argument_span(
            &s,
            &role(&["PER", "ORG", "QUANTITY"]),
            "约15000名",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!((a.kind, a.label.as_str()), (SpanKind::Figure, "QUANTITY"));
        let a = argument_span(
            &s,
            &role(&["ORG"]),
            "市政府",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!((a.kind, a.label.as_str()), (SpanKind::Entity, "ORG"));
        let a = argument_span(
            &s,
            &role(&["ORG", "PER"]),
            "甘肃省总工会",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!((a.kind, a.label.as_str()), (SpanKind::Entity, "ORG"));
        // A role that takes anything: a title stays ARG.
        let a = argument_span(
            &s,
            &role(&[]),
            "《公司人才综合奖励方案》",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        );
        assert_eq!((a.kind, a.label.as_str()), (SpanKind::Argument, "ARG"));
    }

    #[test]
    fn a_role_that_accepts_one_figure_label_gives_it() {
        let schema = Schema::default_bulletin();
        let seg = crate::zh::segment::Segmenter::new();
        let r = recognised(&schema, &role(&["MONEY"]), "两亿元", &ctx(), &seg).unwrap();
        assert_eq!((r.kind, r.label.as_str()), (SpanKind::Figure, "MONEY"));
        assert!(r.value.is_some());
        // Not read as money: still MONEY (the role takes nothing else), without a value.
        let r = recognised(&schema, &role(&["MONEY"]), "巨款", &ctx(), &seg).unwrap();
        assert_eq!((r.label.as_str(), r.value), ("MONEY", None));
        // Two labels: not guessed.
        assert_eq!(
            recognised(&schema, &role(&["MONEY", "QUANTITY"]), "巨款", &ctx(), &seg),
            None
        );
    }

    #[test]
    fn recognised_knows_figures_and_single_entity_roles_and_guesses_nothing_else() {
        let schema = Schema::default_bulletin();
        let r = recognised(
            &schema,
            &role(&["DATE"]),
            "10月22日",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        )
        .unwrap();
        assert_eq!(r.label, "DATE");
        let r = recognised(
            &schema,
            &role(&["ORG"]),
            "推进会",
            &ctx(),
            &crate::zh::segment::Segmenter::new(),
        )
        .unwrap();
        assert_eq!((r.kind, r.label.as_str()), (SpanKind::Entity, "ORG"));
        // A role that takes ARG or anything: an unrecognised text is left to the person.
        assert_eq!(
            recognised(
                &schema,
                &role(&[]),
                "推进会",
                &ctx(),
                &crate::zh::segment::Segmenter::new()
            ),
            None
        );
        assert_eq!(
            recognised(
                &schema,
                &role(&["ORG", "ARG"]),
                "推进会",
                &ctx(),
                &crate::zh::segment::Segmenter::new()
            ),
            None
        );
        // argument_span still answers for a selection.
        assert_eq!(
            argument_span(
                &schema,
                &role(&[]),
                "推进会",
                &ctx(),
                &crate::zh::segment::Segmenter::new()
            )
            .label,
            "ARG"
        );
    }
}
