//! Export and interchange formats. Each file holds one format with its own DTOs; offsets in
//! other conventions are converted here and nowhere else.

pub mod brat;
pub mod corpus;
pub mod duee;
pub mod duee_schema;
