//! A document's review status, read from its curated layer.

use crate::model::{DocStatus, Layer};

/// How far review of a document has got. It is the curated layer's own status: no curated
/// layer (or a new one) is unreviewed, one being worked on is in review, one marked done or
/// reviewed is reviewed. Nothing else is stored, so it cannot disagree with the layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewStatus {
    /// Nobody has reviewed it.
    Unreviewed,
    /// A reviewer has started.
    InReview,
    /// A reviewer has finished.
    Reviewed,
}

impl ReviewStatus {
    /// Every status, in order.
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Unreviewed,
        ReviewStatus::InReview,
        ReviewStatus::Reviewed,
    ];

    /// The review status of a document whose curated layer is `curated`.
    pub fn of(curated: Option<&Layer>) -> Self {
        Self::of_status(curated.map(|l| l.status))
    }

    /// The review status from the curated layer's status alone (none: no curated layer), for
    /// a list that read the statuses without loading the layers.
    pub fn of_status(curated: Option<DocStatus>) -> Self {
        match curated {
            None | Some(DocStatus::New) => ReviewStatus::Unreviewed,
            Some(DocStatus::InProgress) => ReviewStatus::InReview,
            Some(DocStatus::Done | DocStatus::Reviewed) => ReviewStatus::Reviewed,
        }
    }

    /// Lower-case name for JSON and the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::InReview => "in_review",
            ReviewStatus::Reviewed => "reviewed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curated_layers_status_is_the_review_status() {
        assert_eq!(ReviewStatus::of(None), ReviewStatus::Unreviewed);
        let mut l = Layer::new();
        assert_eq!(ReviewStatus::of(Some(&l)), ReviewStatus::Unreviewed);
        l.status = DocStatus::InProgress;
        assert_eq!(ReviewStatus::of(Some(&l)), ReviewStatus::InReview);
        l.status = DocStatus::Done;
        assert_eq!(ReviewStatus::of(Some(&l)), ReviewStatus::Reviewed);
    }
}
