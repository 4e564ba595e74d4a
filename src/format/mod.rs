//! Interchange formats. Each format is one module declaring a [`Format`] (its name, file
//! extensions, what it holds, its options, `import`/`export` over the model) and is listed
//! once in [`FORMATS`]; the command line and the window's dialogs are generated from that
//! list. Offsets in other conventions are converted here and nowhere else. Formats read
//! input files and build output in memory; writing is the session's.

pub mod brat;
pub mod cluener;
pub mod command_line;
pub mod conll;
pub mod corpus;
pub mod detect;
pub mod doccano;
pub mod duee;
pub mod duee_schema;
pub mod hf;
pub mod label_studio;
pub mod mapping;
pub mod registry;
pub mod spacy;
pub mod text;
pub mod training;

pub use registry::{
    ErrorKind, Exported, FORMATS, Format, FormatError, Holds, OptionKind, Options, Output, Read,
    ReadDoc, Scheme, Sep, Target, Tokens, Unit, by_name, exporters, importers,
};
