//! Chinese text handling: decoding files (`encoding`), word segmentation (`segment`, with
//! `lexicon`: the POS tags jieba's dictionary gets wrong),
//! numerals and figures (`numerals`, `figures`), sentences (`sentences`), bulletin structure
//! (`structure`) suggestions (`suggest`, `triggers`: event triggers from a learnt lexicon
//! seeded with `event_words`, a thesaurus of event words), the span a selection becomes
//! when it fills an event role (`arguments`), which nearby spans fill a suggested event's
//! roles (`roles`) and where a line may end (`linebreak`).

pub mod arguments;
pub mod encoding;
pub mod event_words;
pub mod figures;
pub mod lexicon;
pub mod linebreak;
pub mod numerals;
pub mod roles;
pub mod segment;
pub mod sentences;
pub mod structure;
pub mod suggest;
pub mod triggers;
