//! The file shapes of `project.ron` and `annotations/<doc>/<annotator>.ron` (version 1), and
//! their conversion to and from the model. Model types derive no serde, so renaming a model
//! field cannot change a file format.

use serde::{Deserialize, Serialize};

use crate::model::{
    DocMeta, DocStatus, EventType, FigureKind, FigureValue, LabelClass, LabelDef, Layer, Qualifier,
    Rgb, Role, Schema, Settings, Source, Span, SpanKind, SpanStatus, Suggester,
};

/// `format` of `project.ron`.
pub const PROJECT_FORMAT: &str = "biaozhu-project";
/// `format` of a layer file.
pub const LAYER_FORMAT: &str = "biaozhu-layer";
/// The version written.
pub const VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

/// `project.ron`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFile {
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub schema: SchemaDto,
    #[serde(default)]
    pub settings: SettingsDto,
    #[serde(default)]
    pub documents: Vec<DocDto>,
    /// Documents per annotator; written only when there is one, so that a project without
    /// assignments keeps its file byte for byte.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub assignments: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SchemaDto {
    #[serde(default)]
    pub entities: Vec<EntityDto>,
    #[serde(default)]
    pub figures: Vec<FigureLabelDto>,
    #[serde(default)]
    pub events: Vec<EventTypeDto>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EntityDto {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub color: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FigureLabelDto {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub kind: FigureKindDto,
    pub color: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EventTypeDto {
    pub key: String,
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
    #[serde(default = "default_event_color")]
    pub color: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
    #[serde(default)]
    pub roles: Vec<RoleDto>,
}

fn default_event_color() -> String {
    EventType::DEFAULT_COLOR.to_hex()
}

#[derive(Debug, Serialize, Deserialize)]
pub struct RoleDto {
    pub name: String,
    /// English name (written only when there is one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    #[serde(default)]
    pub accepts: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeat: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SettingsDto {
    #[serde(default)]
    pub snap_to_words: bool,
    #[serde(default = "default_autosave")]
    pub autosave_secs: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_words: Vec<String>,
}

fn default_autosave() -> u32 {
    2
}

impl Default for SettingsDto {
    fn default() -> Self {
        Self {
            snap_to_words: false,
            autosave_secs: default_autosave(),
            user_words: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DocDto {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
}

/// A layer file.
#[derive(Debug, Serialize, Deserialize)]
pub struct LayerFile {
    pub format: String,
    pub version: u32,
    pub document: String,
    pub text_chars: u32,
    pub text_sha256: String,
    #[serde(default)]
    pub status: StatusDto,
    #[serde(default = "one")]
    pub next_span: u32,
    #[serde(default = "one")]
    pub next_event: u32,
    #[serde(default)]
    pub spans: Vec<SpanDto>,
    #[serde(default)]
    pub events: Vec<EventDto>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Default, Clone, Copy, Serialize, Deserialize)]
pub enum StatusDto {
    #[default]
    New,
    InProgress,
    Done,
    Reviewed,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub enum SpanKindDto {
    Entity,
    Figure,
    Trigger,
    Argument,
    Structure,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum SourceDto {
    #[default]
    Manual,
    Suggested,
    Imported,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum SpanStatusDto {
    #[default]
    Accepted,
    Pending,
    Rejected,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SpanDto {
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub kind: SpanKindDto,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub source: SourceDto,
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: SpanStatusDto,
    /// A model suggestion's probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// What proposed a suggestion (`Suggester::as_str`); a name this version does not know
    /// reads as none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_by: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub enum FigureKindDto {
    Quantity,
    Money,
    Percent,
    Date,
    Time,
    Duration,
    Ordinal,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub enum QualifierDto {
    Approx,
    AtLeast,
    AtMost,
    Range,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ValueDto {
    pub kind: FigureKindDto,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<QualifierDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EventDto {
    pub id: String,
    pub event_type: String,
    pub trigger: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

// ---- conversions -------------------------------------------------------------------------

impl From<FigureKind> for FigureKindDto {
    fn from(k: FigureKind) -> Self {
        match k {
            FigureKind::Quantity => Self::Quantity,
            FigureKind::Money => Self::Money,
            FigureKind::Percent => Self::Percent,
            FigureKind::Date => Self::Date,
            FigureKind::Time => Self::Time,
            FigureKind::Duration => Self::Duration,
            FigureKind::Ordinal => Self::Ordinal,
        }
    }
}

impl From<FigureKindDto> for FigureKind {
    fn from(k: FigureKindDto) -> Self {
        match k {
            FigureKindDto::Quantity => Self::Quantity,
            FigureKindDto::Money => Self::Money,
            FigureKindDto::Percent => Self::Percent,
            FigureKindDto::Date => Self::Date,
            FigureKindDto::Time => Self::Time,
            FigureKindDto::Duration => Self::Duration,
            FigureKindDto::Ordinal => Self::Ordinal,
        }
    }
}

use crate::format::mapping::{self, hotkey_str as hotkey_to_dto};
use crate::i18n::Said;

fn hotkey_from_dto(h: Option<String>) -> Result<Option<char>, Said> {
    mapping::hotkey(h.as_deref())
}

fn color_from_dto(key: &str, c: &str) -> Result<Rgb, Said> {
    mapping::color(key, c)
}

/// Schema to its file shape (entities first, then figures, each in palette order).
pub fn schema_to_dto(s: &Schema) -> SchemaDto {
    let mut out = SchemaDto::default();
    for l in &s.labels {
        match l.class {
            LabelClass::Entity => out.entities.push(EntityDto {
                key: l.key.clone(),
                zh: l.zh.clone(),
                en: l.en.clone(),
                color: l.color.to_hex(),
                hotkey: hotkey_to_dto(l.hotkey),
            }),
            LabelClass::Figure(kind) => out.figures.push(FigureLabelDto {
                key: l.key.clone(),
                zh: l.zh.clone(),
                en: l.en.clone(),
                kind: kind.into(),
                color: l.color.to_hex(),
                hotkey: hotkey_to_dto(l.hotkey),
            }),
        }
    }
    for e in &s.events {
        out.events.push(EventTypeDto {
            key: e.key.clone(),
            zh: e.zh.clone(),
            en: e.en.clone(),
            color: e.color.to_hex(),
            hotkey: hotkey_to_dto(e.hotkey),
            roles: e
                .roles
                .iter()
                .map(|r| RoleDto {
                    name: r.name.clone(),
                    en: r.en.clone(),
                    accepts: r.accepts.clone(),
                    required: r.required,
                    repeat: r.repeat,
                })
                .collect(),
        });
    }
    out
}

/// Schema from its file shape; errors say which label is wrong.
pub fn schema_from_dto(d: SchemaDto) -> Result<Schema, Said> {
    let mut s = Schema::default();
    for e in d.entities {
        s.labels.push(LabelDef {
            color: color_from_dto(&e.key, &e.color)?,
            hotkey: hotkey_from_dto(e.hotkey)?,
            key: e.key,
            zh: e.zh,
            en: e.en,
            class: LabelClass::Entity,
        });
    }
    for f in d.figures {
        s.labels.push(LabelDef {
            color: color_from_dto(&f.key, &f.color)?,
            hotkey: hotkey_from_dto(f.hotkey)?,
            key: f.key,
            zh: f.zh,
            en: f.en,
            class: LabelClass::Figure(f.kind.into()),
        });
    }
    for e in d.events {
        s.events.push(EventType {
            color: color_from_dto(&e.key, &e.color)?,
            hotkey: hotkey_from_dto(e.hotkey)?,
            key: e.key,
            zh: e.zh,
            en: e.en,
            roles: e
                .roles
                .into_iter()
                .map(|r| Role {
                    name: r.name,
                    en: r.en,
                    accepts: r.accepts,
                    required: r.required,
                    repeat: r.repeat,
                })
                .collect(),
        });
    }
    mapping::check_schema(&s)?;
    Ok(s)
}

/// Settings to file shape.
pub fn settings_to_dto(s: &Settings) -> SettingsDto {
    SettingsDto {
        snap_to_words: s.snap_to_words,
        autosave_secs: s.autosave_secs,
        user_words: s.user_words.clone(),
    }
}

/// Settings from file shape.
pub fn settings_from_dto(s: SettingsDto) -> Settings {
    Settings {
        snap_to_words: s.snap_to_words,
        autosave_secs: s.autosave_secs,
        user_words: s.user_words,
    }
}

/// Document metadata to file shape.
pub fn doc_to_dto(m: &DocMeta) -> DocDto {
    DocDto {
        id: m.id.clone(),
        published: m.published.clone(),
        imported_from: m.imported_from.clone(),
    }
}

/// Document metadata from file shape.
pub fn doc_from_dto(d: DocDto) -> DocMeta {
    DocMeta {
        id: d.id,
        published: d.published,
        imported_from: d.imported_from,
    }
}

fn status_to_dto(s: DocStatus) -> StatusDto {
    match s {
        DocStatus::New => StatusDto::New,
        DocStatus::InProgress => StatusDto::InProgress,
        DocStatus::Done => StatusDto::Done,
        DocStatus::Reviewed => StatusDto::Reviewed,
    }
}

/// A layer file's status alone (the rest of the file is skipped, not kept).
#[derive(Debug, Deserialize)]
pub struct LayerStatusOnly {
    #[serde(default)]
    pub status: StatusDto,
}

/// The model's status of a layer file's.
pub fn status_of_dto(s: StatusDto) -> DocStatus {
    status_from_dto(s)
}

fn status_from_dto(s: StatusDto) -> DocStatus {
    match s {
        StatusDto::New => DocStatus::New,
        StatusDto::InProgress => DocStatus::InProgress,
        StatusDto::Done => DocStatus::Done,
        StatusDto::Reviewed => DocStatus::Reviewed,
    }
}

/// Figure value to file shape.
pub fn value_to_dto(v: &FigureValue) -> ValueDto {
    ValueDto {
        kind: v.kind.into(),
        number: v.number,
        upper: v.upper,
        unit: v.unit.clone(),
        qualifier: v.qualifier.map(|q| match q {
            Qualifier::Approx => QualifierDto::Approx,
            Qualifier::AtLeast => QualifierDto::AtLeast,
            Qualifier::AtMost => QualifierDto::AtMost,
            Qualifier::Range => QualifierDto::Range,
        }),
        date: v.date.clone(),
        resolved: v.resolved.clone(),
    }
}

/// Figure value from file shape.
pub fn value_from_dto(v: ValueDto) -> FigureValue {
    FigureValue {
        kind: v.kind.into(),
        number: v.number,
        upper: v.upper,
        unit: v.unit,
        qualifier: v.qualifier.map(|q| match q {
            QualifierDto::Approx => Qualifier::Approx,
            QualifierDto::AtLeast => Qualifier::AtLeast,
            QualifierDto::AtMost => Qualifier::AtMost,
            QualifierDto::Range => Qualifier::Range,
        }),
        date: v.date,
        resolved: v.resolved,
    }
}

/// A span to file shape.
pub fn span_to_dto(s: &Span) -> SpanDto {
    SpanDto {
        id: s.id.to_string(),
        start: s.range.start,
        end: s.range.end,
        kind: match s.kind {
            SpanKind::Entity => SpanKindDto::Entity,
            SpanKind::Figure => SpanKindDto::Figure,
            SpanKind::Trigger => SpanKindDto::Trigger,
            SpanKind::Argument => SpanKindDto::Argument,
            SpanKind::Structure => SpanKindDto::Structure,
        },
        label: s.label.clone(),
        value: s.value.as_ref().map(value_to_dto),
        note: s.note.clone(),
        unsure: s.unsure,
        source: match s.source {
            Source::Manual => SourceDto::Manual,
            Source::Suggested => SourceDto::Suggested,
            Source::Imported => SourceDto::Imported,
        },
        status: match s.status {
            SpanStatus::Accepted => SpanStatusDto::Accepted,
            SpanStatus::Pending => SpanStatusDto::Pending,
            SpanStatus::Rejected => SpanStatusDto::Rejected,
        },
        confidence: s.confidence,
        suggested_by: s.suggested_by.map(|b| b.as_str().to_string()),
    }
}

/// A layer to file shape.
pub fn layer_to_dto(doc_id: &str, text: &crate::model::Text, l: &Layer) -> LayerFile {
    LayerFile {
        format: LAYER_FORMAT.into(),
        version: VERSION,
        document: doc_id.into(),
        text_chars: text.len_chars(),
        text_sha256: super::sha256_hex(text.as_str().as_bytes()),
        status: status_to_dto(l.status),
        next_span: l.next_span,
        next_event: l.next_event,
        spans: l.spans().iter().map(span_to_dto).collect(),
        events: l
            .events
            .iter()
            .map(|e| EventDto {
                id: e.id.to_string(),
                event_type: e.event_type.clone(),
                trigger: e.trigger.to_string(),
                args: e
                    .args
                    .iter()
                    .map(|(r, a)| (r.clone(), a.to_string()))
                    .collect(),
                unsure: e.unsure,
                note: e.note.clone(),
            })
            .collect(),
    }
}

/// A layer from file shape. Errors name the span or event (the caller adds file and line).
pub fn layer_from_dto(f: LayerFile) -> Result<Layer, (String, Said)> {
    let mut spans = Vec::with_capacity(f.spans.len());
    for s in f.spans {
        let id = mapping::span_id(&s.id).map_err(|m| (s.id.clone(), m))?;
        let range = mapping::span_range(&s.id, s.start, s.end).map_err(|m| (s.id.clone(), m))?;
        spans.push(Span {
            id,
            range,
            kind: match s.kind {
                SpanKindDto::Entity => SpanKind::Entity,
                SpanKindDto::Figure => SpanKind::Figure,
                SpanKindDto::Trigger => SpanKind::Trigger,
                SpanKindDto::Argument => SpanKind::Argument,
                SpanKindDto::Structure => SpanKind::Structure,
            },
            label: s.label,
            value: s.value.map(value_from_dto),
            note: s.note,
            unsure: s.unsure,
            source: match s.source {
                SourceDto::Manual => Source::Manual,
                SourceDto::Suggested => Source::Suggested,
                SourceDto::Imported => Source::Imported,
            },
            status: match s.status {
                SpanStatusDto::Accepted => SpanStatus::Accepted,
                SpanStatusDto::Pending => SpanStatus::Pending,
                SpanStatusDto::Rejected => SpanStatus::Rejected,
            },
            confidence: s
                .confidence
                .filter(|c| c.is_finite())
                .map(|c| c.clamp(0.0, 1.0)),
            suggested_by: s.suggested_by.as_deref().and_then(Suggester::parse),
        });
    }
    let mut events = Vec::with_capacity(f.events.len());
    for e in f.events {
        let id = e.id.clone();
        let mut event =
            mapping::event(&e.id, e.event_type, &e.trigger, e.args).map_err(|m| (id, m))?;
        event.unsure = e.unsure;
        event.note = e.note;
        events.push(event);
    }
    Ok(Layer::from_parts(
        spans,
        events,
        status_from_dto(f.status),
        f.next_span,
        f.next_event,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, SpanId, Text};

    #[test]
    fn what_proposed_a_suggestion_is_written_only_when_known_and_an_unknown_name_reads_as_none() {
        let text = Text::new("海川公司推出紫电V8。".to_string());
        let mut sp = Span::new(SpanId(1), CharRange::new(6, 10), SpanKind::Entity, "PROD");
        sp.status = SpanStatus::Pending;
        sp.source = Source::Suggested;
        sp.confidence = Some(0.75);
        sp.suggested_by = Some(Suggester::Model);
        let org = Span::new(SpanId(2), CharRange::new(0, 4), SpanKind::Entity, "ORG");
        let layer = Layer::from_parts(vec![sp, org], Vec::new(), DocStatus::New, 3, 1);
        let ron = ron::ser::to_string(&layer_to_dto("d", &text, &layer)).unwrap();
        assert_eq!(ron.matches("suggested_by").count(), 1, "{ron}");
        let back = layer_from_dto(ron::from_str(&ron).unwrap()).unwrap();
        assert_eq!(back.spans(), layer.spans());
        // A name a later version writes reads as none, and the span is kept.
        let later = ron.replace("Some(\"model\")", "Some(\"ensemble\")");
        assert_ne!(later, ron);
        let back = layer_from_dto(ron::from_str(&later).unwrap()).unwrap();
        let read = back.span(SpanId(1)).unwrap();
        assert_eq!(read.suggested_by, None);
        assert_eq!(read.confidence, Some(0.75));
    }
}
