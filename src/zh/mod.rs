//! Chinese text handling: decoding files (`encoding`) and word segmentation (`segment`).

pub mod encoding;
pub mod segment;
