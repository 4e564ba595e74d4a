//! The export command line of [`crate::format::command_line`], read back through the
//! command line's own parser: the same options.

use super::*;
use crate::format::command_line::export_args;
use crate::format::training::{Folds, Nested, Split};
use crate::format::{Format, Options, Unit};
use crate::format::{Scheme, Sep, Tokens};
use crate::model::{DocStatus, SpanKind};
use clap::Parser as _;
use std::path::Path;

/// The options `biaozhu ARGS` would export with, as the command line reads them.
fn parsed(args: &[String]) -> Options {
    let cli = Cli::try_parse_from(std::iter::once("biaozhu".into()).chain(args.iter().cloned()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let Some(Command::Export { format, opts, .. }) = cli.command else {
        panic!("not an export: {args:?}");
    };
    export_options(&format, *opts).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Every export's options, written as arguments and read back by the command line,
/// are the same options.
#[test]
fn the_command_line_reads_back_the_options_it_was_written_from() {
    let conll = crate::format::by_name("conll").expect("conll");
    let spans = crate::format::by_name("hf-spans").expect("hf-spans");
    let json = crate::format::by_name("json").expect("json");
    let cases: Vec<(&Format, Options)> = vec![
        (json, Options::default()),
        (
            conll,
            Options {
                unit: Unit::Sentence,
                status: Some(DocStatus::Done),
                labels: Some(vec!["PER".into(), "机构".into()]),
                map: vec![("ORG".into(), "机构".into())],
                split: Some(Split {
                    parts: [8, 1, 1],
                    seed: 7,
                    stratify: true,
                }),
                dedup: true,
                max_chars: Some(510),
                skip_unsure: true,
                keep_empty: Some(0.1),
                nested: Nested::ALL[1],
                scheme: Scheme::ALL[2],
                sep: Sep::ALL[1],
                tokens: Tokens::ALL[1],
                include_pending: false,
                ..Options::default()
            },
        ),
        (
            spans,
            Options {
                unit: Unit::Article,
                folds: Some(Folds {
                    k: 5,
                    seed: 3,
                    stratify: false,
                    dev: true,
                }),
                kinds: Some(vec![SpanKind::Trigger, SpanKind::Argument]),
                roles: true,
                keep_empty: Some(0.35),
                ..Options::default()
            },
        ),
    ];
    let dir = Path::new("/data/项目 one");
    let out = Path::new("/data/out's");
    for (f, opts) in cases {
        let args = export_args(dir, f, out, "main", &opts);
        assert_eq!(parsed(&args), opts, "{args:?}");
    }
}
