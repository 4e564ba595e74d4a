//! Spans: labelled char ranges, and the normalised values figures carry.

use super::CharRange;

/// A span's id, written `T<n>` in files. Ids are never reused within a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanId(pub u32);

impl std::fmt::Display for SpanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "T{}", self.0)
    }
}

impl SpanId {
    /// Parse `T<n>`.
    pub fn parse(s: &str) -> Option<Self> {
        s.strip_prefix('T')?.parse().ok().map(SpanId)
    }
}

/// What a span marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpanKind {
    /// A named entity (PER, ORG, LOC …).
    Entity,
    /// A figure (count, money, percentage, date …) with an optional normalised value.
    Figure,
    /// An event trigger.
    Trigger,
    /// An event argument that is not an entity or figure.
    Argument,
    /// Bulletin structure (headline, dateline …).
    Structure,
}

impl SpanKind {
    /// Every kind.
    pub const ALL: [SpanKind; 5] = [
        SpanKind::Entity,
        SpanKind::Figure,
        SpanKind::Trigger,
        SpanKind::Argument,
        SpanKind::Structure,
    ];

    /// Lower-case name used in exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpanKind::Entity => "entity",
            SpanKind::Figure => "figure",
            SpanKind::Trigger => "trigger",
            SpanKind::Argument => "argument",
            SpanKind::Structure => "structure",
        }
    }
}

/// Where a span came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Source {
    /// Tagged by a person.
    #[default]
    Manual,
    /// Proposed by biaozhu.
    Suggested,
    /// Read from another tool's file.
    Imported,
}

/// What proposed a suggested span: shown beside it, so that a reviewer knows whether a
/// rule, the project's model or another occurrence put it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suggester {
    /// jieba's part-of-speech tags.
    Pos,
    /// A rule for the forms news uses.
    Rule,
    /// The figure recogniser.
    Figure,
    /// Another occurrence of a string tagged in the text.
    Propagation,
    /// The project's trained model (entities, or the trigger tagger).
    Model,
    /// The trigger lexicon learnt from accepted events.
    Lexicon,
}

impl Suggester {
    /// Every suggester.
    pub const ALL: [Suggester; 6] = [
        Suggester::Pos,
        Suggester::Rule,
        Suggester::Figure,
        Suggester::Propagation,
        Suggester::Model,
        Suggester::Lexicon,
    ];

    /// Its name in files and in `suggest --json`'s `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            Suggester::Pos => "jieba_pos",
            Suggester::Rule => "rule",
            Suggester::Figure => "figure",
            Suggester::Propagation => "propagation",
            Suggester::Model => "model",
            Suggester::Lexicon => "lexicon",
        }
    }

    /// The suggester a name stands for (`None` for a name this version does not know).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// Whether a span is part of the annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SpanStatus {
    /// Part of the annotation.
    #[default]
    Accepted,
    /// A suggestion waiting for a decision.
    Pending,
    /// A rejected suggestion, kept so it is not proposed again.
    Rejected,
}

/// The seven figure kinds; each picks a normaliser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FigureKind {
    /// Counts: 35万人, 49项.
    Quantity,
    /// Money in 元: 两亿元.
    Money,
    /// Percentages: 100%, 三成.
    Percent,
    /// Dates: 10月24日, 2023年.
    Date,
    /// Times of day: 上午9时.
    Time,
    /// Durations: 3年.
    Duration,
    /// Ordinals: 第十九届.
    Ordinal,
}

impl FigureKind {
    /// All kinds, in schema order.
    pub const ALL: [FigureKind; 7] = [
        FigureKind::Quantity,
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Date,
        FigureKind::Time,
        FigureKind::Duration,
        FigureKind::Ordinal,
    ];

    /// Upper-case name used as a label key and in exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            FigureKind::Quantity => "QUANTITY",
            FigureKind::Money => "MONEY",
            FigureKind::Percent => "PERCENT",
            FigureKind::Date => "DATE",
            FigureKind::Time => "TIME",
            FigureKind::Duration => "DURATION",
            FigureKind::Ordinal => "ORDINAL",
        }
    }

    /// Parse the upper-case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a figure's number relates to the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// 近, 约, 快: about.
    Approx,
    /// 余, 多, 以上, 超过: at least.
    AtLeast,
    /// 最高, 不超过: at most.
    AtMost,
    /// 5~10: from `number` to `upper`.
    Range,
}

impl Qualifier {
    /// All qualifiers.
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Approx,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::Range,
    ];

    /// Name used in files and exports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
        }
    }

    /// Parse the export name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == s)
    }
}

/// A figure's normalised value, editable by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureValue {
    /// Which normaliser made it.
    pub kind: FigureKind,
    /// The number (for MONEY in 元).
    pub number: Option<f64>,
    /// Upper end of a range.
    pub upper: Option<f64>,
    /// Unit or measure word (人, 元, %, 届 …).
    pub unit: Option<String>,
    /// Approx / at least / at most / range.
    pub qualifier: Option<Qualifier>,
    /// A date as written, ISO partial: `2023`, `--10-24`, `2023-10-24`.
    pub date: Option<String>,
    /// The full date after taking the year from context.
    pub resolved: Option<String>,
}

impl FigureValue {
    /// An empty value of a kind.
    pub fn empty(kind: FigureKind) -> Self {
        Self {
            kind,
            number: None,
            upper: None,
            unit: None,
            qualifier: None,
            date: None,
            resolved: None,
        }
    }
}

/// A labelled char range in one layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Stable id within the layer.
    pub id: SpanId,
    /// Char offsets, end exclusive.
    pub range: CharRange,
    /// Entity, figure, trigger, argument or structure.
    pub kind: SpanKind,
    /// Label key from the schema (`PER`, `MONEY` …).
    pub label: String,
    /// Normalised value (figures).
    pub value: Option<FigureValue>,
    /// Free-text note: the annotator's or reviewer's comment.
    pub note: Option<String>,
    /// The annotator is not sure of this span (a reviewer can walk these).
    pub unsure: bool,
    /// Where the span came from.
    pub source: Source,
    /// Accepted, pending suggestion or rejected suggestion.
    pub status: SpanStatus,
    /// For a suggestion from the project's model: the model's probability of this span with
    /// this label (0 to 1). Written only when set.
    pub confidence: Option<f32>,
    /// For a suggestion: what proposed it. Written only when set.
    pub suggested_by: Option<Suggester>,
}

impl Span {
    /// A manual, accepted span.
    pub fn new(id: SpanId, range: CharRange, kind: SpanKind, label: impl Into<String>) -> Self {
        Self {
            id,
            range,
            kind,
            label: label.into(),
            value: None,
            note: None,
            unsure: false,
            source: Source::Manual,
            status: SpanStatus::Accepted,
            confidence: None,
            suggested_by: None,
        }
    }

    /// Sort key: (start, end, id).
    pub fn sort_key(&self) -> (u32, u32, SpanId) {
        (self.range.start, self.range.end, self.id)
    }
}
