//! The command line (clap): `new`, `import`, `export`, `stats`, `check`, or a path to open in
//! the window. Exit codes: 0 ok, 1 problems found, 2 error. Messages are in the language of
//! [`say::pick_lang`]; data (JSON, exports) is printed as it is.

#[cfg(test)]
mod command_line_tests;
pub mod help_zh;
pub mod say;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::format::corpus;
use crate::i18n::{Lang, Said};
use crate::model::{CURATED, Project, validate_document};
use crate::store::{self, DEFAULT_ANNOTATOR, Store};
use crate::zh::encoding;

use say::{count, error_prefix, fail, note_prefix, pad, right, say, warning_prefix};

/// `println!` that ends the program quietly when the reader has gone (`biaozhu … | head`),
/// instead of panicking on the broken pipe.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let mut o = std::io::stdout().lock();
        if let Err(e) = writeln!(o, $($t)*)
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            std::process::exit(0);
        }
    }};
}

mod review;

/// biaozhu (标注): annotate Chinese text with entities, figures and events.
#[derive(Debug, Parser)]
#[command(name = "biaozhu", version)]
pub struct Cli {
    /// A project folder to open, or a text file to import into a new project beside it.
    /// Without it the window opens the last project (the sample project the first time).
    pub path: Option<PathBuf>,
    /// Whose layer the window opens (default: main).
    #[arg(long)]
    pub annotator: Option<String>,
    /// Open the window in review mode: the project's curated layer, with every annotator's
    /// layer compared beside it.
    #[arg(long)]
    pub review: bool,
    /// The language of messages: zh (中文) or en (default: the one chosen in the window,
    /// else the locale's, else zh).
    #[arg(long, global = true, value_parser = names(["zh", "en"]))]
    pub lang: Option<String>,
    /// What to do (no command: open the window).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--format` of `import`: the registry's formats that read.
fn import_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::format::importers()
            .map(|f| clap::builder::PossibleValue::new(f.name).help(format_help(f))),
    )
}

/// `--format` of `export`: the registry's formats that write.
fn export_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::format::exporters()
            .map(|f| clap::builder::PossibleValue::new(f.name).help(format_help(f))),
    )
}

/// `--unit`: the registry's units.
fn units() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::format::Unit::ALL.map(|u| u.name()))
}

/// Possible values from a list of names.
fn names(list: impl IntoIterator<Item = &'static str>) -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(list)
}

/// The token formats' options, on `import` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct TokenArgs {
    /// Tagging scheme of token formats (conll, hf).
    #[arg(long, value_parser = names(crate::format::Scheme::ALL.map(|s| s.name())))]
    scheme: Option<String>,
    /// Column separator of token formats (conll): tab or space.
    #[arg(long, value_parser = names(crate::format::Sep::ALL.map(|s| s.name())))]
    sep: Option<String>,
    /// What a token is in token formats (conll, hf): a char, or a jieba word.
    #[arg(long, value_parser = names(crate::format::Tokens::ALL.map(|s| s.name())))]
    tokens: Option<String>,
}

impl TokenArgs {
    /// Check them against `f` and put them into `opts`.
    fn apply(
        &self,
        f: &crate::format::Format,
        opts: &mut crate::format::Options,
    ) -> anyhow::Result<()> {
        use crate::format::{OptionKind, Scheme, Sep, Tokens};
        check_option(f, self.scheme.is_some(), OptionKind::Scheme, "--scheme")?;
        check_option(f, self.sep.is_some(), OptionKind::Sep, "--sep")?;
        check_option(f, self.tokens.is_some(), OptionKind::Tokens, "--tokens")?;
        if let Some(v) = &self.scheme {
            opts.scheme = Scheme::ALL
                .into_iter()
                .find(|s| s.name() == v)
                .unwrap_or_default();
        }
        if let Some(v) = &self.sep {
            opts.sep = Sep::ALL
                .into_iter()
                .find(|s| s.name() == v)
                .unwrap_or_default();
        }
        if let Some(v) = &self.tokens {
            opts.tokens = Tokens::ALL
                .into_iter()
                .find(|s| s.name() == v)
                .unwrap_or_default();
        }
        Ok(())
    }
}

/// A format's line in `--help`: what it is and what it holds.
fn format_help(f: &crate::format::Format) -> String {
    let holds = f.holds_list();
    if holds.is_empty() {
        f.help.to_string()
    } else {
        format!("{} [holds {holds}]", f.help)
    }
}

/// The registered format `name` (clap has checked it is one).
fn format_named(name: &str) -> anyhow::Result<&'static crate::format::Format> {
    match crate::format::by_name(name) {
        Some(f) => Ok(f),
        None => fail!("没有格式 {name:?}", "no format {name:?}"),
    }
}

/// An option given to a format that does not take it is an error that names the formats
/// that do, never silently ignored.
fn check_option(
    f: &crate::format::Format,
    given: bool,
    option: crate::format::OptionKind,
    flag: &str,
) -> anyhow::Result<()> {
    if given && !f.takes(option) {
        let takers: Vec<&str> = crate::format::FORMATS
            .iter()
            .filter(|g| g.takes(option))
            .map(|g| g.name)
            .collect();
        let (name, takers) = (f.name, takers.join(", "));
        fail!(
            "{flag} 不是 {name} 的选项（它用于 {takers}）",
            "{flag} is not an option of {name} (it is for {takers})"
        );
    }
    Ok(())
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project with the default bulletin schema.
    New {
        /// The new project folder.
        dir: PathBuf,
        /// Display name (default: the folder name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import files as documents: plain text (UTF-8, UTF-16, GB18030/GBK …; detected), or
    /// files that bring their annotations (see --format).
    Import {
        /// The project folder.
        dir: PathBuf,
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Force an encoding (utf-8, gbk, gb18030, utf-16le, utf-16be, big5 …) of plain text.
        #[arg(long)]
        encoding: Option<String>,
        /// Replace bad byte sequences of plain text with U+FFFD instead of refusing the file;
        /// how many were replaced is reported (and the exit code is 1).
        #[arg(long)]
        lossy: bool,
        /// What the files are (default: detected from the content where that is
        /// unambiguous, and said; plain text otherwise).
        #[arg(long, value_parser = import_formats())]
        format: Option<String>,
        /// Bring every span in as a pending suggestion to review (another model's output).
        #[arg(long)]
        pending: bool,
        /// Whose layer the imported annotations go to (default: main).
        #[arg(long)]
        annotator: Option<String>,
        /// Add the event types and roles the files use that the schema lacks (else each
        /// is named and the exit code is 1).
        #[arg(long)]
        extend_schema: bool,
        /// Token format options.
        #[command(flatten)]
        token: TokenArgs,
    },
    /// Export the labelled corpus (accepted spans and events) in one of the formats.
    Export {
        /// The project folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_parser = export_formats())]
        format: String,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Which layer (default: curated, else the only one); `--annotator` is the same.
        #[arg(long, alias = "annotator")]
        layer: Option<String>,
        /// What to export and how: the training-set options.
        #[command(flatten)]
        opts: Box<ExportArgs>,
        /// Build the export and say what it would hold (the notes, and for a split or folds
        /// the manifest of which documents go where) without writing anything: to try seeds
        /// or proportions until every label reaches dev and test.
        #[arg(long)]
        dry_run: bool,
    },
    /// Count documents, chars and spans per label.
    Stats {
        /// The project folder.
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Which layer (default: as for export); `--annotator` is the same.
        #[arg(long, alias = "annotator")]
        layer: Option<String>,
    },
    /// Texts one layer tags inconsistently: a string tagged with two labels, or tagged in one
    /// place and left untagged (as a word of its own) in another. Exit 1 when any is found.
    Consistency {
        /// The project folder.
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Which layer (default: as for export); `--annotator` is the same.
        #[arg(long, alias = "annotator")]
        layer: Option<String>,
    },
    /// Agreement between annotators' layers: span F1 (exact, overlapping), Cohen's kappa over
    /// char tags per pair, Fleiss' kappa for three or more, trigger and argument F1, per label,
    /// and which labels each pair confuses; with --against curated, each annotator's
    /// precision and recall against the reviewed layer.
    Agree {
        /// The project folder.
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Which annotators, comma-separated (default: every annotator with a layer).
        #[arg(long, value_delimiter = ',')]
        annotators: Option<Vec<String>>,
        /// Which entity/figure labels, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        labels: Option<Vec<String>>,
        /// Compare each annotator with this layer alone (`curated`: the reviewed layer),
        /// giving each annotator's precision and recall against it.
        #[arg(long, alias = "reference")]
        against: Option<String>,
    },
    /// Suggest entities and figures. For a text file, print them; for a project folder, add
    /// them to every document as pending suggestions (accept or reject them in the window).
    Suggest {
        /// A text file or a project folder.
        path: PathBuf,
        /// Print JSON: for a text file, the suggestions; for a project folder, per document
        /// how many were added and, with a model, its uncertainty and the ten sentences it is
        /// least sure of.
        #[arg(long)]
        json: bool,
        /// Force the text file's encoding.
        #[arg(long)]
        encoding: Option<String>,
        /// Whose layer gets the suggestions (a project folder; default: main).
        #[arg(long)]
        annotator: Option<String>,
        /// For a text file: also suggest event triggers, with the schema of this project and
        /// a trigger lexicon learnt from its accepted events, and entities from the project's
        /// trained model (`biaozhu train`) if it has one.
        #[arg(long)]
        project: Option<PathBuf>,
        /// Leave out model suggestions whose probability is below this (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f32,
    },
    /// Train the project's entity model on its accepted spans: documents marked done (a
    /// sentence with no span counts as having none), scored on the last 10% of them, then
    /// trained on all. Writes `models/entities.crf` and `models/entities.ron`; suggestions
    /// (here and in the window) use it from then on. With 50 accepted events or more, the
    /// trigger and argument taggers too, scored the same way (`models/triggers.crf`,
    /// `arguments.crf`, `triggers.ron`). The models are derived data: delete the `models`
    /// folder to go back to the rules alone.
    Train {
        /// The project folder.
        dir: PathBuf,
        /// Which entity labels to learn, comma-separated (default: every label with spans).
        #[arg(long, value_delimiter = ',')]
        labels: Option<Vec<String>>,
        /// Whose layers to learn from (default: main; `curated` learns from the review's
        /// outcome).
        #[arg(long)]
        annotator: Option<String>,
        /// Also learn from the sentences with an accepted span in documents not marked done.
        #[arg(long)]
        include_unfinished: bool,
        /// At most this many L-BFGS iterations per training.
        #[arg(long, default_value_t = 120)]
        iterations: usize,
        /// Train only the entity model, or only the event taggers (default: both).
        #[arg(long, value_parser = ["entities", "events"])]
        only: Option<String>,
    },
    /// Print a bulletin's structure: articles with headline, dateline, byline and parts (char
    /// offsets), and the repairs biaozhu would propose.
    Structure {
        /// A text file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Force the file's encoding.
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Show or import the project's schema (labels and event types).
    Schema {
        /// What to do.
        #[command(subcommand)]
        action: SchemaAction,
    },
    /// Assign documents to an annotator (the window lists them first, marked, for that
    /// annotator), or take them back with --clear; with no documents, print the assignment.
    Assign {
        /// The project folder.
        dir: PathBuf,
        /// Whose assignment.
        #[arg(long)]
        annotator: String,
        /// Document ids (as `biaozhu stats` and the window's hover show them).
        docs: Vec<String>,
        /// Every document of the project.
        #[arg(long, conflicts_with = "docs")]
        all: bool,
        /// Take the documents given (or, with none, all) out of the assignment.
        #[arg(long, conflicts_with = "all")]
        clear: bool,
    },
    /// Take documents out of the project. Nothing is deleted: each one's text and every
    /// annotator's layer move to removed/<time>/ in the project folder, and `biaozhu restore`
    /// puts them back.
    Remove {
        /// The project folder.
        dir: PathBuf,
        /// Document ids (as `biaozhu stats` and the window's hover show them).
        #[arg(required = true)]
        docs: Vec<String>,
    },
    /// Put back the documents a removal moved to FOLDER (removed/<time> in the project), each
    /// at its place in the list and assigned as it was.
    Restore {
        /// The project folder.
        dir: PathBuf,
        /// The removal's folder (removed/<time>, in the project folder or as a path).
        folder: PathBuf,
    },
    /// Where the review of a project stands: per document, the items the curated layer has
    /// decided, the agreements not taken yet and the disagreements still open, by kind; with
    /// --accept-agreements, first take every agreement (what all the annotators compared
    /// tagged alike) into the curated layer and save it, leaving the reviewer only the
    /// disagreements.
    Review {
        /// The project folder.
        dir: PathBuf,
        /// Which annotators to compare, comma-separated (default: every annotator with work
        /// in the project).
        #[arg(long, value_delimiter = ',')]
        annotators: Option<Vec<String>>,
        /// Take every open agreement into the curated layer (one a reviewer rejected stays
        /// rejected) and save it.
        #[arg(long)]
        accept_agreements: bool,
        /// Then, with three annotators or more, take the version more than half of them gave
        /// an open disagreement (nothing: the others' spans are rejected) and save it.
        #[arg(long)]
        accept_majority: bool,
        /// Then mark reviewed every document whose disagreements are all decided, taking
        /// its remaining agreements (as the window's 本篇审阅完毕, for every document at
        /// once), and save it; documents with items still open are left and counted.
        #[arg(long)]
        finish: bool,
        /// List each item still open under its document, with every annotator's version
        /// (in JSON: `open_items`, with offsets and text).
        #[arg(long)]
        items: bool,
        /// With --items: only the items of this kind (label, boundary, label_and_boundary,
        /// missing, event_type, event_args, unconfirmed), as the window's review filter.
        #[arg(long, requires = "items")]
        kind: Option<String>,
        /// With --items: only the items where some annotator gave each of these labels or
        /// event types, comma-separated, as the window's review filter.
        #[arg(long = "label", value_delimiter = ',', requires = "items")]
        labels: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate a project: every file parses, offsets fit, labels exist. Also lists, as
    /// `info:` lines that are not problems, the spans and events flagged unsure or with a note.
    Check {
        /// The project folder.
        dir: PathBuf,
        /// Check only this annotator's layers (default: every layer).
        #[arg(long)]
        annotator: Option<String>,
    },
}

/// `biaozhu schema …`.
#[derive(Debug, Subcommand)]
pub enum SchemaAction {
    /// Print the labels and event types with their roles.
    Show {
        /// The project folder.
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Whose layer to load with the schema (default: main).
        #[arg(long)]
        annotator: Option<String>,
    },
    /// Import event types from a DuEE 1.0 schema file (one JSON object a line). A type the
    /// project already has keeps its roles and gains the file's other roles (each said);
    /// --replace takes the file's type instead.
    Import {
        /// The project folder.
        dir: PathBuf,
        /// The DuEE schema file.
        file: PathBuf,
        /// Replace event types of the same name by the file's.
        #[arg(long)]
        replace: bool,
        /// Whose layer to open while the schema is saved (default: main).
        #[arg(long)]
        annotator: Option<String>,
    },
}

/// What `main` should do after the command line is handled.
#[derive(Debug)]
pub enum Action {
    /// Open the window on this project folder (none: last or sample).
    Gui {
        /// Project folder.
        project: Option<PathBuf>,
        /// Annotator given with `--annotator` (none: the preferences', else asked).
        annotator: Option<String>,
        /// The text file the project was made for (`biaozhu FILE.txt`), and whether it was
        /// made now (else it existed): the window says so.
        made_for: Option<MadeFor>,
        /// Start in review mode (`--review`).
        review: bool,
    },
    /// Done; exit with this code.
    Exit(ExitCode),
}

/// The annotator given, or `main`.
fn or_default(annotator: Option<String>) -> String {
    annotator.unwrap_or_else(|| DEFAULT_ANNOTATOR.to_string())
}

/// The project `biaozhu FILE.txt` opened for a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeFor {
    /// The text file.
    pub file: PathBuf,
    /// The project folder beside it.
    pub dir: PathBuf,
    /// Made now with the file imported (else an earlier run had made it).
    pub created: bool,
}

impl Cli {
    /// The language of this run's messages (see [`say::pick_lang`]).
    pub fn language(&self) -> Lang {
        say::pick_lang(self.lang.as_deref())
    }

    /// The process's arguments, parsed with `--help` in the language they (or the settings,
    /// or the locale) choose. Help, version and clap's errors end the process, as
    /// [`Parser::parse`].
    pub fn parse_localized() -> Self {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let lang = say::pick_lang(say::lang_flag(&args).as_deref());
        let m = help_zh::localized(Self::command(), lang).get_matches_from(args);
        Self::from_arg_matches(&m).unwrap_or_else(|e| e.exit())
    }
}

/// Run the command line. Errors are printed by `main` (with [`say::error_message`] in
/// [`Cli::language`]); they exit 2.
pub fn run(cli: Cli) -> anyhow::Result<Action> {
    let lang = cli.language();
    // The window's options mean nothing to a subcommand: said, never silently ignored
    // (`--lang` is everyone's). clap's own conflict check would refuse `--lang` too.
    if cli.command.is_some() {
        let given: Vec<&str> = [
            (cli.path.is_some(), "PATH"),
            (cli.annotator.is_some(), "--annotator"),
            (cli.review, "--review"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if !given.is_empty() {
            let given = given.join(", ");
            fail!(
                "{given} 用于打开窗口，不能放在子命令前：子命令自己的选项写在它后面（如 `biaozhu import 目录 文件 --annotator 名字`）",
                "{given} open the window and cannot come before a subcommand: a subcommand's options go after it (`biaozhu import DIR FILE --annotator NAME`)"
            );
        }
    }
    let Some(cmd) = cli.command else {
        if let Some(a) = &cli.annotator {
            store::check_annotator(a)?;
        }
        let (project, made_for) = match cli.path {
            None => (None, None),
            Some(p) => {
                let who = or_default(cli.annotator.clone());
                let (dir, made_for) = resolve_open_target(&p, &who)?;
                (Some(dir), made_for)
            }
        };
        return Ok(Action::Gui {
            project,
            annotator: cli.annotator,
            made_for,
            review: cli.review,
        });
    };
    let code = match cmd {
        Command::New { dir, name } => cmd_new(&dir, name, DEFAULT_ANNOTATOR, lang)?,
        Command::Import {
            dir,
            files,
            encoding,
            lossy,
            format,
            pending,
            annotator,
            extend_schema,
            token,
        } => cmd_import(
            &dir,
            &files,
            ImportArgs {
                encoding,
                lossy,
                format,
                pending,
                extend_schema,
                token,
            },
            &or_default(annotator),
            lang,
        )?,
        Command::Export {
            dir,
            format,
            out,
            layer,
            opts,
            dry_run,
        } => {
            let opts = export_options(&format, *opts)?;
            if dry_run {
                cmd_export_dry_run(&dir, &format, layer, &opts, lang)?
            } else {
                cmd_export(&dir, &format, out.as_deref(), layer, opts, lang)?
            }
        }
        Command::Stats { dir, json, layer } => cmd_stats(&dir, json, layer, lang)?,
        Command::Consistency { dir, json, layer } => cmd_consistency(&dir, json, layer, lang)?,
        Command::Agree {
            dir,
            json,
            annotators,
            labels,
            against,
        } => cmd_agree(&dir, json, annotators, labels, against, lang)?,
        Command::Check { dir, annotator } => cmd_check(&dir, annotator, lang)?,
        Command::Review {
            dir,
            annotators,
            accept_agreements,
            accept_majority,
            finish,
            items,
            kind,
            labels,
            json,
        } => review::cmd_review(
            &dir,
            review::ReviewArgs {
                annotators,
                accept_agreements,
                accept_majority,
                finish,
                items,
                kind,
                labels,
                json,
            },
            lang,
        )?,

        Command::Assign {
            dir,
            annotator,
            docs,
            all,
            clear,
        } => cmd_assign(&dir, &annotator, docs, all, clear, lang)?,
        Command::Remove { dir, docs } => cmd_remove(&dir, &docs, lang)?,
        Command::Restore { dir, folder } => cmd_restore(&dir, &folder, lang)?,
        Command::Schema { action } => cmd_schema(action, lang)?,
        Command::Structure {
            file,
            json,
            encoding,
        } => cmd_structure(&file, json, encoding.as_deref(), lang)?,
        Command::Suggest {
            path,
            json,
            encoding,
            annotator,
            project,
            min_confidence,
        } => cmd_suggest(
            &path,
            json,
            encoding.as_deref(),
            &or_default(annotator),
            project.as_deref(),
            min_confidence,
            lang,
        )?,
        Command::Train {
            dir,
            labels,
            annotator,
            include_unfinished,
            iterations,
            only,
        } => cmd_train(
            &dir,
            labels,
            &or_default(annotator),
            include_unfinished,
            iterations,
            only.as_deref(),
            lang,
        )?,
    };
    Ok(Action::Exit(code))
}

/// An error with its causes, each said once, in English (see [`say::error_message`] for
/// the chosen language).
pub fn error_message(e: &anyhow::Error) -> String {
    say::error_message(e, Lang::En)
}

fn no_progress() -> impl FnMut(usize, usize) -> bool {
    |_, _| true
}

/// A project folder to open for `biaozhu PATH`: the folder itself, or for a text file a new
/// project `<stem>.biaozhu` beside it with the file imported (reused if it exists), said in
/// the [`MadeFor`].
pub fn resolve_open_target(
    path: &Path,
    annotator: &str,
) -> anyhow::Result<(PathBuf, Option<MadeFor>)> {
    if path.is_dir() {
        if store::is_project(path) {
            return Ok((path.to_path_buf(), None));
        }
        let p = path.display();
        fail!(
            "{p}：不是 biaozhu 项目（没有 project.ron）；可用 `biaozhu new {p}` 新建",
            "{p}: not a biaozhu project (no project.ron); create one with `biaozhu new {p}`"
        );
    }
    if !path.exists() {
        let p = path.display();
        fail!("{p}：没有这个文件或文件夹", "{p}: no such file or folder");
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    let dir = path
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("{stem}.biaozhu"));
    let made_for = |created| MadeFor {
        file: path.to_path_buf(),
        dir: dir.clone(),
        created,
    };
    if store::is_project(&dir) {
        return Ok((dir.clone(), Some(made_for(false))));
    }
    let (st, p) = Store::create(&dir, &stem, annotator)?;
    let mut session = crate::session::Session::new(st, p);
    let report = session.import_files(
        &crate::format::text::FORMAT,
        &[path.to_path_buf()],
        &crate::format::Options::default(),
        &mut no_progress(),
    );
    if let Some(e) = report.errors.into_iter().next() {
        drop(session);
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e.into());
    }
    session.save()?;
    Ok((dir.clone(), Some(made_for(true))))
}

fn cmd_new(
    dir: &Path,
    name: Option<String>,
    annotator: &str,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let name = name.unwrap_or_else(|| {
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".into())
    });
    Store::create(dir, &name, annotator)?;
    let d = dir.display();
    outln!("{}", say!(lang, "已创建 {d}", "created {d}"));
    Ok(ExitCode::SUCCESS)
}

/// Import files through the registry and the session: each text with its spans and
/// events. A line that does not fit is printed with its file and line, and the exit code is
/// 1; so is a file that does not go in.
fn cmd_import(
    dir: &Path,
    files: &[PathBuf],
    args: ImportArgs,
    annotator: &str,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::format::{OptionKind, Options};
    let f = match &args.format {
        Some(name) => format_named(name)?,
        None => {
            let (f, why) = crate::format::detect::detect(files).map_err(say::Failed)?;
            let (name, why) = (f.name, why.get(lang));
            eprintln!(
                "{}",
                say!(
                    lang,
                    "格式：{name}（{why}；可用 --format 指定）",
                    "format: {name} ({why}; say --format to choose)"
                )
            );
            f
        }
    };
    let encoding = args.encoding;
    check_option(f, encoding.is_some(), OptionKind::Encoding, "--encoding")?;
    check_option(f, args.lossy, OptionKind::Lossy, "--lossy")?;
    if let Some(e) = &encoding {
        // A misspelt encoding is an error before anything is read.
        encoding::encoding_for_name(e)?;
    }
    let name = f.name;
    if args.pending && !f.holds.spans {
        fail!(
            "--pending：{name} 文件不含标注",
            "--pending: {name} files hold no spans"
        );
    }
    if args.extend_schema && !f.holds.events {
        fail!(
            "--extend-schema：{name} 文件不含事件",
            "--extend-schema: {name} files hold no events"
        );
    }
    let mut opts = Options {
        encoding,
        lossy: args.lossy,
        pending: args.pending,
        extend_schema: args.extend_schema,
        ..Options::default()
    };
    args.token.apply(f, &mut opts)?;
    let (st, p) = Store::open(dir, annotator, &mut no_progress())?;
    warn_unlisted(dir, &p, lang);
    let mut session = crate::session::Session::new(st, p);
    let report = session.import_files(f, files, &opts, &mut no_progress());
    for l in &report.declared_labels {
        eprintln!(
            "{}",
            say!(
                lang,
                "标签 {l} 在文件旁声明，但不在模式中：已添加",
                "label {l} is declared beside the files but not in the schema: added it"
            )
        );
    }
    for t in &report.declared_event_types {
        eprintln!(
            "{}",
            say!(
                lang,
                "事件类型 {t} 在文件旁声明，但不在模式中：已添加",
                "event type {t} is declared beside the files but not in the schema: added it"
            )
        );
    }
    for l in &report.schema_extended {
        eprintln!(
            "--extend-schema{}{l}",
            if lang == Lang::Zh { "：" } else { ": " }
        );
    }
    let mut schema_gaps = false;
    for a in &report.added {
        let id = &a.id;
        if f.holds.events {
            let (spans, events) = (
                count(lang, a.spans, "个标注", "span"),
                count(lang, a.events, "个事件", "event"),
            );
            outln!(
                "{}",
                say!(
                    lang,
                    "已导入 {id}（{spans}，{events}）",
                    "imported {id} ({spans}, {events})"
                )
            );
        } else if f.holds.spans {
            let spans = count(lang, a.spans, "个标注", "span");
            outln!(
                "{}",
                say!(lang, "已导入 {id}（{spans}）", "imported {id} ({spans})")
            );
        } else {
            let (chars, enc) = (a.chars, &a.encoding);
            let detected = match (a.detected, lang) {
                (false, _) => "",
                (true, Lang::Zh) => "，自动识别",
                (true, Lang::En) => ", detected",
            };
            outln!(
                "{}",
                say!(
                    lang,
                    "已导入 {id}（{chars} 字，{enc}{detected}）",
                    "imported {id} ({chars} chars, {enc}{detected})"
                )
            );
        }
        for added in &a.new_labels {
            let (l, n) = (&added.key, added.spans);
            let key = match (added.hotkey, lang) {
                (Some(k), Lang::Zh) => format!("，快捷键 {k}"),
                (Some(k), Lang::En) => format!(", hotkey {k}"),
                (None, _) => String::new(),
            };
            eprintln!(
                "{}",
                say!(
                    lang,
                    "{id}：标签 {l} 不在模式中：已添加（此处有 {n} 个标注用它{key}）",
                    "{id}: label {l} is not in the schema: added it ({n} spans use it here{key})"
                )
            );
        }
        if !a.unknown_types.is_empty() {
            schema_gaps = true;
            let (src, types) = (&a.source, a.unknown_types.join(", "));
            eprintln!(
                "{}",
                say!(
                    lang,
                    "{src}：模式中没有这些事件类型：{types}（可用 `biaozhu schema import` 导入 DuEE 模式，或加 --extend-schema 添加）",
                    "{src}: event types not in the schema: {types} (import the DuEE schema with `biaozhu schema import`, or add them with --extend-schema)"
                )
            );
        }
        if !a.unknown_roles.is_empty() {
            schema_gaps = true;
            let n: usize = a.unknown_roles.iter().map(|(_, _, n)| n).sum();
            let list: Vec<String> = a
                .unknown_roles
                .iter()
                .map(|(t, r, n)| format!("{t}.{r} ({n})"))
                .collect();
            let (src, list) = (&a.source, list.join(", "));
            eprintln!(
                "{}",
                say!(
                    lang,
                    "{src}：{n} 个论元的角色不在其事件类型中：{list}（可加 --extend-schema 添加这些角色）",
                    "{src}: {n} arguments with roles their event type lacks: {list} (add the roles with --extend-schema)"
                )
            );
        }
    }
    for m in &report.problems {
        eprintln!("{}", m.get(lang));
    }
    for e in &report.errors {
        eprintln!(
            "{}{}",
            error_prefix(lang),
            crate::session::store_message(e, lang)
        );
    }
    session.save()?;
    Ok(
        if report.problems.is_empty() && report.errors.is_empty() && !schema_gaps {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

/// Pick the layer to export: given, else `curated`, else the only one, else `main` if none.
fn pick_layer(dir: &Path, layer: Option<String>) -> anyhow::Result<String> {
    let names = store::layer_names(dir);
    if let Some(l) = layer {
        // A misspelt name would export every text with no spans, silently.
        if !names.is_empty() && !names.contains(&l) {
            return Err(no_layer(dir, &l, names));
        }
        return Ok(l);
    }
    if names.contains("curated") {
        return Ok("curated".into());
    }
    match names.len() {
        0 => Ok(DEFAULT_ANNOTATOR.into()),
        1 => Ok(names.into_iter().next().unwrap_or_default()),
        _ => {
            let (d, list) = (
                dir.display(),
                names.into_iter().collect::<Vec<_>>().join(", "),
            );
            fail!(
                "{d}：有多个标注层（{list}）；请用 --layer 选一个",
                "{d}: several layers ({list}); choose one with --layer"
            )
        }
    }
}

/// The error for a layer `l` the project does not have, naming those it has.
fn no_layer(dir: &Path, l: &str, names: std::collections::BTreeSet<String>) -> anyhow::Error {
    let (d, list) = (
        dir.display(),
        names.into_iter().collect::<Vec<_>>().join(", "),
    );
    say::Failed(crate::said!(
        "{d}：没有标注层 {l:?}；现有的是 {list}",
        "{d}: no layer {l:?}; the layers are {list}"
    ))
    .into()
}

fn load_for_reading(dir: &Path, layer: Option<String>, lang: Lang) -> anyhow::Result<Project> {
    let layer = pick_layer(dir, layer)?;
    let mut p = store::load(dir, &layer, &mut no_progress())?;
    warn_unlisted(dir, &p, lang);
    // A document nobody has reviewed has no curated layer: it is left out (an empty layer
    // would read as "nothing to tag here"), and said, as the window does.
    let of = p.documents.len();
    let unreviewed = crate::session::exchange::leave_out_unreviewed(&mut p, dir);
    if !unreviewed.is_empty() {
        // The first ten (a project of 10,000 printed hundreds of ids on one line);
        // `biaozhu review DIR` lists every document with where its review stands.
        const SHOWN: usize = 10;
        let n = unreviewed.len();
        let mut list = unreviewed[..n.min(SHOWN)].join(", ");
        if n > SHOWN {
            list.push_str(", …");
        }
        let d = dir.display();
        eprintln!(
            "{}",
            say!(
                lang,
                "注意：{of} 篇文档中有 {n} 篇还没有审定层，已略去：{list}\
                 （请先审阅，或用 --layer 名称 导出某位标注人的标注层；biaozhu review {d} 列出每篇）",
                "note: {n} of {of} documents have no curated layer yet and are left out: {list} \
                 (review them, or give --layer NAME for an annotator's layer; biaozhu review {d} \
                 lists each)"
            )
        );
    }
    Ok(p)
}

/// Say on standard error which document files `project.ron` does not list (they are not in
/// what this command reads), as `check` does.
fn warn_unlisted(dir: &Path, p: &Project, lang: Lang) {
    for id in store::unlisted_documents(dir, p) {
        let file = store::text_file(dir, &id);
        let (f, d) = (file.display(), dir.display());
        eprintln!(
            "{}{}",
            warning_prefix(lang),
            say!(
                lang,
                "{f}：不在 project.ron 的文档列表中，因此略去（见 `biaozhu check {d}`）",
                "{f}: not listed in project.ron, so left out (see `biaozhu check {d}`)"
            )
        );
    }
}

/// `import`'s options.
struct ImportArgs {
    encoding: Option<String>,
    lossy: bool,
    format: Option<String>,
    pending: bool,
    extend_schema: bool,
    token: TokenArgs,
}

/// `export`'s training-set options (flattened into the command, and read back by the
/// export's command-line tests).
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Also export pending suggestions (formats that can say a span is pending).
    #[arg(long)]
    pub include_pending: bool,
    /// One record per document (default), per article or per sentence.
    #[arg(long, value_parser = units())]
    pub unit: Option<String>,
    /// Only documents this far along: `done` takes done and reviewed ones.
    #[arg(long, value_parser = names(crate::model::DocStatus::ALL.map(|s| s.as_str())))]
    pub status: Option<String>,
    /// Only spans of these labels (after --map), comma-separated: `PER,ORG`; event types
    /// keep only events of those types, roles only arguments under those roles.
    #[arg(long, value_delimiter = ',')]
    pub labels: Option<Vec<String>>,
    /// Rename a label, `FROM=TO` (`机构=ORG`); repeat or separate with commas.
    #[arg(long, value_delimiter = ',')]
    pub map: Vec<String>,
    /// Split by document into train/dev/test, `8:1:1`; --out is then a folder.
    #[arg(long)]
    pub split: Option<String>,
    /// Keep the split of an earlier split export, its manifest.json (or the folder holding
    /// it): the documents it names stay in their part and only new ones are placed, so a
    /// test document never moves into training; the proportions, seed and stratification
    /// come from it unless --split is given.
    #[arg(long, value_name = "MANIFEST", conflicts_with = "folds")]
    pub split_from: Option<PathBuf>,
    /// K-fold cross-validation by document: fold0/train … fold{K-1}/test, each document
    /// tested on once; --out is then a folder.
    #[arg(long, conflicts_with = "split", value_parser = clap::value_parser!(u32).range(2..=50))]
    pub folds: Option<u32>,
    /// With --folds: each round also holds out the next fold as its dev part (round i
    /// tests on fold i, develops on fold i+1, trains on the rest; K is then 3 or more).
    #[arg(long, requires = "folds")]
    pub fold_dev: bool,
    /// The seed of --split or --folds (the same seed gives the same split).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// With --split or --folds: share every label out over the parts as the proportions
    /// say (iterative stratification by document), so that a rare label reaches dev and
    /// test too.
    #[arg(long)]
    pub stratify: bool,
    /// Leave out a record whose text (whitespace aside) repeats an earlier one's, train's
    /// before dev's before test's (without it, repeats are counted and written).
    #[arg(long)]
    pub dedup: bool,
    /// The most chars a record may have (a model's input limit: 510 for BERT); a longer
    /// one is cut at sentence ends, else after a comma, never inside a span.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_chars: Option<u32>,
    /// Leave out the records that hold a span (or, where the format writes events, an
    /// event) flagged unsure (without it they are written and counted).
    #[arg(long)]
    pub skip_unsure: bool,
    /// Keep only this share (0 to 1) of the records with nothing to write (no span, no
    /// event: most sentences of a trigger export), drawn by --seed; with --split or
    /// --folds in train only, dev and test keeping theirs.
    #[arg(long, value_name = "SHARE")]
    pub keep_empty: Option<f64>,
    /// Token formats: which of nested or overlapping spans to keep (the others are
    /// counted, in one note).
    #[arg(long, value_parser = names(crate::format::training::Nested::ALL.map(|s| s.name())))]
    pub nested: Option<String>,
    /// Span formats: which span kinds to write, comma-separated (default entity,figure).
    #[arg(long, value_delimiter = ',', value_parser = names(crate::model::SpanKind::ALL.map(|s| s.as_str())))]
    pub kinds: Option<Vec<String>>,
    /// Span formats, with `argument` in --kinds: each argument of an event is written
    /// under its role (胜者, 时间), once per event, instead of its span's label (ARG): a
    /// training set for a role tagger.
    #[arg(long)]
    pub roles: bool,
    /// Token format options.
    #[command(flatten)]
    pub token: TokenArgs,
}

/// What is wrong with an option's value, after the option: `--map "ORG"：…`.
fn option_said(flag: &str, e: &Said) -> Said {
    crate::said!("{flag} {e}", "{flag} {e}"; e)
}

/// Check `export`'s options against the format and build its [`crate::format::Options`].
fn export_options(format: &str, a: ExportArgs) -> anyhow::Result<crate::format::Options> {
    use crate::format::training::{Nested, Split};
    use crate::format::{OptionKind, Options, Unit};
    let f = format_named(format)?;
    check_option(
        f,
        a.include_pending,
        OptionKind::IncludePending,
        "--include-pending",
    )?;
    check_option(f, a.nested.is_some(), OptionKind::Nested, "--nested")?;
    check_option(f, a.kinds.is_some(), OptionKind::Kinds, "--kinds")?;
    check_option(f, a.roles, OptionKind::Roles, "--roles")?;
    if a.roles
        && !a
            .kinds
            .as_ref()
            .is_some_and(|ks| ks.iter().any(|k| k == "argument"))
    {
        return Err(say::Failed(crate::said!(
            "--roles 写出论元的角色：要在 --kinds 中列出 argument（如 --kinds trigger,argument）",
            "--roles writes the arguments' roles: list argument in --kinds (--kinds trigger,argument)"
        ))
        .into());
    }
    if a.stratify && a.split.is_none() && a.folds.is_none() && a.split_from.is_none() {
        return Err(say::Failed(crate::said!(
            "--stratify 要与 --split 或 --folds 同用",
            "--stratify needs --split or --folds"
        ))
        .into());
    }
    if a.fold_dev && a.folds.is_some_and(|k| k < 3) {
        return Err(say::Failed(crate::said!(
            "--fold-dev 至少要 3 折（--folds 3）：每轮一折测试、一折开发，其余训练",
            "--fold-dev needs 3 folds or more (--folds 3): each round tests on one fold, develops on another and trains on the rest"
        ))
        .into());
    }
    let mut map = Vec::new();
    for m in &a.map {
        map.extend(
            crate::format::training::parse_map(m)
                .map_err(|e| say::Failed(option_said("--map", &e)))?,
        );
    }
    // `--labels ""` (an empty variable in a script) would keep nothing and write empty
    // records: refused, as a list of only commas is.
    let labels: Option<Vec<String>> = a.labels.map(|l| {
        l.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    if let Some(x) = a.keep_empty.filter(|x| !(0.0..=1.0).contains(x)) {
        return Err(say::Failed(crate::said!(
            "--keep-empty {x}：应为 0 到 1 之间的比例，如 0.2",
            "--keep-empty {x}: a share from 0 to 1 is wanted, as 0.2"
        ))
        .into());
    }
    if labels.as_ref().is_some_and(Vec::is_empty) {
        return Err(say::Failed(crate::said!(
            "--labels 没有写出任何标签、事件类型或角色",
            "--labels names no label, event type or role"
        ))
        .into());
    }
    let given_split = a
        .split
        .as_ref()
        .map(|s| Split::parse(s, a.seed))
        .transpose()
        .map_err(|e| say::Failed(option_said("--split", &e)))?
        .map(|s| Split {
            stratify: a.stratify,
            ..s
        });
    let earlier = a
        .split_from
        .as_ref()
        .map(|path| crate::format::training::read_split_manifest(path))
        .transpose()
        .map_err(|e| say::Failed(option_said("--split-from", &e)))?;
    let mut opts = Options {
        include_pending: a.include_pending,
        unit: Unit::ALL
            .into_iter()
            .find(|u| Some(u.name()) == a.unit.as_deref())
            .unwrap_or_default(),
        status: crate::model::DocStatus::ALL
            .into_iter()
            .find(|s| Some(s.as_str()) == a.status.as_deref()),
        labels,
        map,
        split: match (given_split, &earlier) {
            (Some(s), _) => Some(s),
            (None, Some((_, Some(s)))) => Some(*s),
            (None, Some((_, None))) => fail!(
                "--split-from：该文件没有写划分比例：请加 --split 8:1:1",
                "--split-from: the file names no proportions: add --split 8:1:1"
            ),
            (None, None) => None,
        },
        split_from: earlier.map(|(of, _)| of),
        folds: a.folds.map(|k| crate::format::training::Folds {
            k,
            seed: a.seed,
            stratify: a.stratify,
            dev: a.fold_dev,
        }),
        dedup: a.dedup,
        max_chars: a.max_chars,
        skip_unsure: a.skip_unsure,
        keep_empty: a.keep_empty,
        nested: Nested::ALL
            .into_iter()
            .find(|n| Some(n.name()) == a.nested.as_deref())
            .unwrap_or_default(),
        kinds: a.kinds.map(|ks| {
            ks.iter()
                .filter_map(|k| {
                    crate::model::SpanKind::ALL
                        .into_iter()
                        .find(|x| x.as_str() == k)
                })
                .collect()
        }),
        roles: a.roles,
        ..Options::default()
    };
    a.token.apply(f, &mut opts)?;
    Ok(opts)
}

fn cmd_export(
    dir: &Path,
    format: &str,
    out: Option<&Path>,
    layer: Option<String>,
    opts: crate::format::Options,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::format::{Output, Target};
    let f = format_named(format)?;
    let p = load_for_reading(dir, layer, lang)?;
    let opts = finished_reviews_by_default(&p, opts);
    let end = match out {
        Some(path) => {
            crate::session::exchange::export(&p, dir, f, &opts, path, &mut no_progress())?
        }
        None if f.target_with(&opts) == Target::Folder => {
            if opts.split.is_some() {
                fail!(
                    "--split 会写出 train、dev 和 test 三个文件：请用 --out 目录 指定一个文件夹",
                    "--split writes train, dev and test files: give a folder with --out DIR"
                )
            }
            let name = f.name;
            fail!(
                "{name} 导出写的是一个文件夹：请用 --out 目录 指定",
                "{name} export writes a folder: give it with --out DIR"
            )
        }
        None => {
            // Standard output: the same build, printed instead of written.
            let Some(built) = f.build(&p, &opts, &mut no_progress())? else {
                return Ok(ExitCode::SUCCESS);
            };
            if let Output::File(mut s) = built.output {
                if !s.ends_with('\n') {
                    s.push('\n');
                }
                std::io::stdout().write_all(s.as_bytes()).map_err(|e| {
                    say::Failed(crate::said!(
                        "写入标准输出失败：{e}",
                        "writing to standard output: {e}"
                    ))
                })?;
            }
            crate::session::exchange::ExportEnd::Written {
                documents: built.documents,
                spans: built.spans,
                notes: built.notes,
            }
        }
    };
    if let crate::session::exchange::ExportEnd::Written {
        documents,
        spans,
        notes,
    } = end
    {
        for n in notes {
            eprintln!("{}{}", note_prefix(lang), n.get(lang));
        }
        if let Some(path) = out {
            let p = path.display();
            let what = opts.unit.written(lang, documents, spans);
            let line = match opts.folds {
                Some(f) => {
                    let k = f.k;
                    say!(
                        lang,
                        "已写出 {p}（{k} 折：{what}，每条记录在一折中作测试、在其余各折中作训练或开发）",
                        "wrote {p} ({k} folds of {what}: each record is the test of one fold and trains or develops in the others)"
                    )
                }
                None => say!(lang, "已写出 {p}（{what}）", "wrote {p} ({what})"),
            };
            eprintln!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The curated layer exported with no `--status`: only documents whose review is finished
/// (done or reviewed); the export's note says how many were left out, and how to take them.
/// A training set from a half-reviewed document would teach that its undecided places hold
/// nothing.
fn finished_reviews_by_default(
    p: &Project,
    mut opts: crate::format::Options,
) -> crate::format::Options {
    if p.annotator == CURATED && opts.status.is_none() {
        opts.status = Some(crate::model::DocStatus::Done);
    }
    opts
}

/// `export --dry-run`: build the export as it would be written, then print its notes (on
/// standard error, as a real export does) and, on standard output, the manifest of a split
/// or folds, else the files it would write; nothing is written.
fn cmd_export_dry_run(
    dir: &Path,
    format: &str,
    layer: Option<String>,
    opts: &crate::format::Options,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::format::Output;
    let f = format_named(format)?;
    let p = load_for_reading(dir, layer, lang)?;
    let opts = &finished_reviews_by_default(&p, opts.clone());
    let Some(built) = f.build(&p, opts, &mut no_progress())? else {
        return Ok(ExitCode::SUCCESS);
    };
    for n in &built.notes {
        eprintln!("{}{}", note_prefix(lang), n.get(lang));
    }
    match &built.output {
        Output::Folder(files) => match files.iter().find(|(n, _)| n == "manifest.json") {
            Some((_, m)) => outln!("{}", m.trim_end()),
            None => {
                for (name, body) in files {
                    outln!("{name}\t{}", body.len());
                }
            }
        },
        Output::File(body) => {
            let bytes = body.len();
            outln!(
                "{}",
                say!(lang, "一个文件，{bytes} 字节", "one file, {bytes} bytes")
            );
        }
    }
    let what = opts.unit.written(lang, built.documents, built.spans);
    eprintln!(
        "{}",
        say!(
            lang,
            "试运行：会写出 {what}；什么也没有写",
            "dry run: would write {what}; nothing was written"
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `agree`: the figures of `review::agree` between the chosen annotators, as a pairwise table
/// and per-label lines, or JSON. Fewer than two annotators is a problem (exit 1).
fn cmd_agree(
    dir: &Path,
    json: bool,
    annotators: Option<Vec<String>>,
    labels: Option<Vec<String>>,
    against: Option<String>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::review::agree::{self, AgreeOptions, show};
    let lp = store::load_layered(dir, &mut no_progress())?;
    let known = lp.annotators();
    if let Some(r) = &against
        && !lp.docs.iter().any(|d| d.layer(r).is_some())
    {
        let d = dir.display();
        eprintln!(
            "{}",
            say!(
                lang,
                "{r} 在 {d} 中没有标注层，无从对照",
                "{r} has no layer in {d} to compare with"
            )
        );
        return Ok(ExitCode::from(1));
    }
    if let Some(names) = &annotators {
        for n in names {
            if !known.contains(n) {
                let d = dir.display();
                eprintln!(
                    "{}{}",
                    warning_prefix(lang),
                    say!(lang, "{n} 在 {d} 中没有标注层", "{n} has no layer in {d}")
                );
            }
        }
    }
    let a = agree::agreement(
        &lp,
        &AgreeOptions {
            annotators,
            labels,
            against,
        },
    );
    if let Some(r) = &a.against
        && a.annotators.is_empty()
    {
        let d = dir.display();
        eprintln!(
            "{}",
            say!(
                lang,
                "{d} 中除 {r} 外没有做过标注的标注人，无从对照",
                "{d} has no annotator with work besides {r} to compare with it"
            )
        );
        return Ok(ExitCode::from(1));
    }
    if a.against.as_deref() == Some(CURATED) && a.curated_documents == 0 {
        let (d, m) = (dir.display(), a.curated_in_review);
        eprintln!(
            "{}",
            say!(
                lang,
                "{d} 中还没有审阅完毕的文档（审阅中 {m} 篇）：审定层要在一篇审阅完毕（本篇审阅完毕，或 biaozhu review --finish）后才作为对照",
                "{d} has no document whose review is finished ({m} in review): the curated layer is the reference once a document's review is finished (Finish document, or biaozhu review --finish)"
            )
        );
        return Ok(ExitCode::from(1));
    }
    if a.against.is_none() && a.annotators.len() < 2 {
        let (d, n, list) = (dir.display(), a.annotators.len(), a.annotators.join(", "));
        eprintln!(
            "{}",
            say!(
                lang,
                "一致性需要两位标注人；{d} 只有 {n} 位：{list}",
                "agreement needs two annotators; {d} has {n}: {list}"
            )
        );
        return Ok(ExitCode::from(1));
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&a)?);
        return Ok(ExitCode::SUCCESS);
    }
    let zh = lang == Lang::Zh;
    outln!(
        "{}{}",
        pad(if zh { "项目" } else { "project" }, 11),
        lp.name
    );
    outln!(
        "{}{}",
        pad(if zh { "标注人" } else { "annotators" }, 11),
        a.annotators.join(", ")
    );
    if let Some(r) = &a.against {
        print_against(&a, r, lang);
        return Ok(ExitCode::SUCCESS);
    }
    let heads: [&str; 10] = if zh {
        [
            "甲",
            "乙",
            "文档",
            "甲标注",
            "乙标注",
            "精确",
            "重叠",
            "kappa",
            "触发词",
            "论元",
        ]
    } else {
        [
            "a", "b", "docs", "spans", "spans", "exact", "overlap", "kappa", "trigger", "argument",
        ]
    };
    let cols = [12, 12, 5, 6, 6, 8, 8, 8, 8, 8];
    let head: Vec<String> = heads
        .iter()
        .zip(cols)
        .enumerate()
        .map(|(i, (h, c))| if i < 2 { pad(h, c) } else { right(h, c) })
        .collect();
    outln!("{}", head.join(" "));
    for p in &a.pairs {
        outln!(
            "{:<12} {:<12} {:>5} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8}",
            p.a,
            p.b,
            p.documents,
            p.spans_a,
            p.spans_b,
            show(p.span_f1_exact),
            show(p.span_f1_overlap),
            show(p.cohen_kappa_char),
            show(p.trigger_f1),
            show(p.argument_f1)
        );
    }
    if a.annotators.len() >= 3 {
        outln!(
            "fleiss kappa {} ({})",
            show(a.fleiss_kappa_char),
            count(lang, a.fleiss_documents, "篇文档", "document")
        );
    }
    for p in &a.pairs {
        let (pa, pb) = (&p.a, &p.b);
        outln!(
            "{}",
            say!(lang, "各标签 {pa} / {pb}", "per label {pa} / {pb}")
        );
        for l in &p.per_label {
            outln!(
                "  {:<12} f1 {:>6}  tp {:>4}  fp {:>4}  fn {:>4}",
                l.label,
                show(l.f1),
                l.counts.tp,
                l.counts.fp,
                l.counts.fn_
            );
        }
        print_confusions(p, lang);
    }
    Ok(ExitCode::SUCCESS)
}

/// `agree --against R`: each annotator's precision and recall with `r` as the truth, then
/// per label, and which labels each one confuses.
fn print_against(a: &crate::review::agree::Agreement, r: &str, lang: Lang) {
    use crate::review::agree::show;
    let zh = lang == Lang::Zh;
    outln!("{}{r}", pad(if zh { "对照" } else { "against" }, 11));
    if r == CURATED {
        let (n, m) = (a.curated_documents, a.curated_in_review);
        let line = if m > 0 {
            say!(
                lang,
                "审阅完毕的文档 {n} 篇（审阅中的 {m} 篇不计）",
                "documents with their review finished: {n} ({m} still in review left out)"
            )
        } else {
            say!(
                lang,
                "审阅完毕的文档 {n} 篇",
                "documents with their review finished: {n}"
            )
        };
        outln!("{}{line}", pad("", 11));
    }
    let heads: [&str; 10] = if zh {
        [
            "标注人",
            "文档",
            "对照",
            "标注",
            "精确率",
            "召回率",
            "F1",
            "重叠F1",
            "kappa",
            "触发词",
        ]
    } else {
        [
            "annotator",
            "docs",
            "ref",
            "spans",
            "precision",
            "recall",
            "f1",
            "overlap",
            "kappa",
            "trigger",
        ]
    };
    let cols = [12, 5, 6, 6, 9, 8, 8, 8, 8, 8];
    let head: Vec<String> = heads
        .iter()
        .zip(cols)
        .enumerate()
        .map(|(i, (h, c))| if i < 1 { pad(h, c) } else { right(h, c) })
        .collect();
    outln!("{}", head.join(" "));
    for p in &a.pairs {
        outln!(
            "{:<12} {:>5} {:>6} {:>6} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8}",
            p.b,
            p.documents,
            p.spans_a,
            p.spans_b,
            show(p.exact.precision()),
            show(p.exact.recall()),
            show(p.span_f1_exact),
            show(p.span_f1_overlap),
            show(p.cohen_kappa_char),
            show(p.trigger_f1)
        );
    }
    for p in &a.pairs {
        let b = &p.b;
        outln!(
            "{}",
            say!(
                lang,
                "各标签 {b}（对照 {r}）",
                "per label {b} (against {r})"
            )
        );
        for l in &p.per_label {
            outln!(
                "  {:<12} p {:>6}  r {:>6}  f1 {:>6}  tp {:>4}  fp {:>4}  fn {:>4}",
                l.label,
                show(l.counts.precision()),
                show(l.counts.recall()),
                show(l.f1),
                l.counts.tp,
                l.counts.fp,
                l.counts.fn_
            );
        }
        print_confusions(p, lang);
    }
}

/// The label pairs on which `p.a` and `p.b` part, the commonest first: another label, a
/// span on one side only, the same label on other boundaries; then the same for the event
/// types of their triggers, when they have any.
fn print_confusions(p: &crate::review::agree::PairAgreement, lang: Lang) {
    let (pa, pb) = (&p.a, &p.b);
    if p.confusion.disagreements().is_empty() {
        outln!(
            "{}",
            say!(
                lang,
                "  {pa} 与 {pb} 没有标得不同的地方",
                "  {pa} and {pb} tag nothing differently"
            )
        );
    } else {
        outln!(
            "{}",
            say!(
                lang,
                "标签混淆 {pa} → {pb}（{pa} 的标签 → {pb} 的标签）",
                "confusions {pa} → {pb} ({pa}'s label → {pb}'s label)"
            )
        );
        print_cells(&p.confusion, pa, pb, false, lang);
    }
    if !p.trigger_confusion.disagreements().is_empty() {
        outln!(
            "{}",
            say!(
                lang,
                "事件类型混淆 {pa} → {pb}（触发词上 {pa} 的事件类型 → {pb} 的）",
                "event type confusions {pa} → {pb} ({pa}'s event type of a trigger → {pb}'s)"
            )
        );
        print_cells(&p.trigger_confusion, pa, pb, true, lang);
    }
}

/// The disagreements of `c` a line each, with up to [`EXAMPLES`] places under each.
fn print_cells(
    c: &crate::review::confusion::Confusion,
    pa: &str,
    pb: &str,
    events: bool,
    lang: Lang,
) {
    use crate::review::confusion::Confusion;
    for c in c.disagreements() {
        let x = c.a.as_deref().unwrap_or(Confusion::NONE);
        let y = c.b.as_deref().unwrap_or(Confusion::NONE);
        let other = if events {
            say!(lang, "类型不同", "another type")
        } else {
            say!(lang, "标签不同", "another label")
        };
        let (n, why) = match (&c.a, &c.b) {
            (None, _) => (
                c.total(),
                say!(lang, "只有 {pb} 标了", "only {pb} tagged it"),
            ),
            (_, None) => (
                c.total(),
                say!(lang, "只有 {pa} 标了", "only {pa} tagged it"),
            ),
            _ if c.same_label() => (c.other_range, say!(lang, "边界不同", "other boundaries")),
            _ if c.other_range > 0 => {
                let o = c.other_range;
                (
                    c.total(),
                    say!(
                        lang,
                        "{other}（其中 {o} 处边界也不同）",
                        "{other} ({o} with other boundaries too)"
                    ),
                )
            }
            _ => (c.total(), other),
        };
        outln!("  {} → {} {n:>5}  {why}", pad(x, 10), pad(y, 10));
        for place in c.places.iter().take(EXAMPLES) {
            let (s, e) = place.range();
            outln!("      {} [{s}, {e})  {}", place.doc_id, place.context);
        }
        if c.places.len() > EXAMPLES {
            let more = c.places.len() - EXAMPLES;
            outln!(
                "{}",
                say!(lang, "      …另有 {more} 处", "      …and {more} more")
            );
        }
    }
}

/// Places shown under each confusion in `agree`'s text (JSON has them all).
const EXAMPLES: usize = 3;

/// Counts for `stats`.
#[derive(Debug, serde::Serialize)]
struct Stats {
    documents: usize,
    chars: u64,
    spans: usize,
    spans_per_label: BTreeMap<String, usize>,
    pending: usize,
    events: usize,
    events_per_type: BTreeMap<String, usize>,
    arguments_per_role: BTreeMap<String, usize>,
    documents_per_status: BTreeMap<String, usize>,
    /// Every layer (annotators and curated): spans per label, events per type, documents
    /// per status.
    per_annotator: BTreeMap<String, crate::review::stats::LayerStats>,
    /// Documents per review status.
    review: BTreeMap<String, usize>,
    /// Day → person → edits and documents done, from the activity log.
    progress: BTreeMap<String, BTreeMap<String, crate::review::stats::DayWork>>,
}

fn cmd_consistency(
    dir: &Path,
    json: bool,
    layer: Option<String>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let p = load_for_reading(dir, layer, lang)?;
    let seg = crate::zh::segment::Segmenter::with_user_words(&p.settings.user_words);
    let found = crate::review::consistency::variations(&p.documents, &seg, &mut |_, _| true)
        .unwrap_or_default();
    if json {
        let v: Vec<serde_json::Value> = found
            .iter()
            .map(|x| {
                serde_json::json!({
                    "text": x.text,
                    "kind": x.kind.as_str(),
                    "labels": x.labels.iter().map(|(l, n)| serde_json::json!({"label": l, "count": n})).collect::<Vec<_>>(),
                    "untagged": x.untagged,
                    "deviations": x.deviations.iter().map(|d| serde_json::json!({
                        "doc": d.doc_id,
                        "start": d.range.start,
                        "end": d.range.end,
                        "label": d.label,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let layer = &p.annotator;
        if found.is_empty() {
            outln!(
                "{}",
                say!(
                    lang,
                    "标注层 {layer} 中，每个标注过的文本处处标得一样",
                    "layer {layer}: every tagged text is tagged alike wherever it occurs"
                )
            );
        }
        for x in &found {
            let labels: Vec<String> = x.labels.iter().map(|(l, n)| format!("{l} {n}")).collect();
            let mut line = format!("{}  {}", x.text, labels.join(" · "));
            if x.untagged > 0 {
                let n = x.untagged;
                line.push_str(&say!(lang, " · 未标 {n}", " · untagged {n}"));
            }
            outln!("{line}");
            for d in &x.deviations {
                let (doc, a, b) = (&d.doc_id, d.range.start, d.range.end);
                let what = match &d.label {
                    Some(l) => l.clone(),
                    None => say!(lang, "未标", "untagged"),
                };
                let ctx = p
                    .documents
                    .get(d.doc)
                    .map(|doc| crate::review::consistency::context(doc, d.range, 10))
                    .unwrap_or_default();
                outln!("  {doc} [{a}, {b}) {what}  {ctx}");
            }
        }
        if !found.is_empty() {
            let n = found.len();
            let k: usize = found.iter().map(|x| x.deviations.len()).sum();
            let (texts, places) = (
                crate::i18n::english_count(n, "text"),
                crate::i18n::english_count(k, "place"),
            );
            eprintln!(
                "{}",
                say!(
                    lang,
                    "标注层 {layer}：{n} 个文本标得不一致，共 {k} 处待看",
                    "layer {layer}: {texts} tagged inconsistently, {places} to look at"
                )
            );
        }
    }
    Ok(if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn cmd_stats(
    dir: &Path,
    json: bool,
    layer: Option<String>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let p = load_for_reading(dir, layer, lang)?;
    let mut st = Stats {
        documents: p.documents.len(),
        chars: 0,
        spans: 0,
        spans_per_label: BTreeMap::new(),
        pending: 0,
        events: 0,
        events_per_type: BTreeMap::new(),
        arguments_per_role: BTreeMap::new(),
        documents_per_status: BTreeMap::new(),
        per_annotator: BTreeMap::new(),
        review: BTreeMap::new(),
        progress: BTreeMap::new(),
    };
    let all = project_stats(dir, lang)?;
    st.per_annotator = all.per_annotator;
    st.review = all.review;
    st.progress = all.progress;
    for d in &p.documents {
        st.chars += u64::from(d.text.len_chars());
        *st.documents_per_status
            .entry(d.layer.status.as_str().into())
            .or_default() += 1;
        for s in d.layer.spans() {
            match s.status {
                crate::model::SpanStatus::Accepted => {
                    st.spans += 1;
                    *st.spans_per_label.entry(s.label.clone()).or_default() += 1;
                }
                crate::model::SpanStatus::Pending => st.pending += 1,
                crate::model::SpanStatus::Rejected => {}
            }
        }
        for e in &d.layer.events {
            st.events += 1;
            *st.events_per_type.entry(e.event_type.clone()).or_default() += 1;
            for (role, _) in &e.args {
                *st.arguments_per_role
                    .entry(format!("{}.{role}", e.event_type))
                    .or_default() += 1;
            }
        }
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&st)?);
    } else {
        // A line's head, in the language, padded so the figures line up.
        let head = |zh: &str, en: &str| pad(if lang == Lang::Zh { zh } else { en }, 11);
        outln!("{}{}", head("项目", "project"), p.name);
        outln!("{}{}", head("标注层", "layer"), p.annotator);
        outln!("{}{}", head("文档", "documents"), st.documents);
        outln!("{}{}", head("字数", "chars"), st.chars);
        outln!("{}{}", head("标注", "spans"), st.spans);
        // Each list's names padded to its widest (DuEE's 灾害/意外-坍/垮塌 is 17 columns), so
        // that the counts line up.
        let cols = |names: &mut dyn Iterator<Item = &String>| {
            names.map(|x| say::width(x)).max().unwrap_or(0).max(10)
        };
        let label_cols = cols(&mut st.spans_per_label.keys());
        for (l, n) in &st.spans_per_label {
            outln!("  {} {n}", pad(l, label_cols));
        }
        if st.pending > 0 {
            outln!("{}{}", head("待定", "pending"), st.pending);
        }
        outln!("{}{}", head("事件", "events"), st.events);
        let type_cols = cols(&mut st.events_per_type.keys());
        for (t, n) in &st.events_per_type {
            outln!("  {} {n}", pad(t, type_cols));
            // Its arguments per role, under the type.
            let prefix = format!("{t}.");
            let role_cols = st
                .arguments_per_role
                .keys()
                .filter_map(|r| r.strip_prefix(&prefix))
                .map(say::width)
                .max()
                .unwrap_or(0)
                .max(8);
            for (r, k) in &st.arguments_per_role {
                if let Some(role) = r.strip_prefix(&prefix) {
                    outln!("    {} {k}", pad(role, role_cols));
                }
            }
        }
        if st.per_annotator.len() > 1 {
            // Column heads over the rows below (2 + 10, then 8, 6, 7 and 5 wide).
            let h: [&str; 5] = if lang == Lang::Zh {
                ["标注层", "文档", "标注", "事件", "完成"]
            } else {
                ["layers", "documents", "spans", "events", "done"]
            };
            outln!(
                "{}{}{}{}{}",
                pad(h[0], 12),
                right(h[1], 9),
                right(h[2], 7),
                right(h[3], 8),
                right(h[4], 6)
            );
            for (name, a) in &st.per_annotator {
                let spans: usize = a.spans_per_label.values().sum();
                let events: usize = a.events_per_type.values().sum();
                let done = a.documents_per_status.get("done").copied().unwrap_or(0)
                    + a.documents_per_status.get("reviewed").copied().unwrap_or(0);
                outln!(
                    "  {} {:>8} {spans:>6} {events:>7} {done:>5}",
                    pad(name, 10),
                    a.documents
                );
            }
            let r = |k: &str| st.review.get(k).copied().unwrap_or(0);
            let (un, inr, done) = (r("unreviewed"), r("in_review"), r("reviewed"));
            outln!(
                "{}{}",
                head("审阅", "review"),
                say!(
                    lang,
                    "{un} 篇未审，{inr} 篇审阅中，{done} 篇已审",
                    "{un} unreviewed, {inr} in review, {done} reviewed"
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Statistics over every layer and the activity log (its unreadable lines are warned about).
fn project_stats(dir: &Path, lang: Lang) -> anyhow::Result<crate::review::stats::ProjectStats> {
    let layered = store::load_layered(dir, &mut no_progress())?;
    let (stats, problems) = crate::session::review::project_stats(&layered, dir);
    for p in problems {
        eprintln!(
            "{}{}",
            warning_prefix(lang),
            say!(lang, "{p}：已跳过", "{p}: skipped")
        );
    }
    Ok(stats)
}

fn cmd_remove(dir: &Path, docs: &[String], lang: Lang) -> anyhow::Result<ExitCode> {
    let (mut st, mut p) = Store::open(dir, store::DEFAULT_ANNOTATOR, &mut no_progress())?;
    let unknown: Vec<String> = docs
        .iter()
        .filter(|d| p.doc_index(d).is_none())
        .map(|d| format!("{d:?}"))
        .collect();
    if !unknown.is_empty() {
        let (d, list) = (dir.display(), unknown.join(", "));
        fail!(
            "{d}：没有文档 {list}，未移除任何文档",
            "{d}: no document {list}; nothing was removed"
        );
    }
    let r = st.remove_documents(&mut p, docs)?;
    let shown = r
        .folder
        .strip_prefix(dir)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| r.folder.clone());
    let (n, layers, folder, left) = (
        count(lang, r.ids.len(), "篇文档", "document"),
        count(lang, r.layers, "个标注层", "layer"),
        shown.display(),
        count(lang, p.documents.len(), "篇", "document"),
    );
    outln!(
        "{}",
        say!(
            lang,
            "已移除 {n}（连同 {layers}），文件移到 {folder}；项目还有 {left}",
            "removed {n} (with {layers}), their files moved to {folder}; the project has {left} left"
        )
    );
    for (path, why) in &r.unmoved {
        eprintln!(
            "{}",
            crate::i18n::not_moved_yet(lang, &path.display().to_string(), why)
        );
    }
    let (d, f) = (dir.display(), shown.display());
    outln!(
        "{}",
        say!(
            lang,
            "放回：biaozhu restore {d} {f}",
            "to put them back: biaozhu restore {d} {f}"
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_restore(dir: &Path, folder: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let (mut st, _) = Store::open(dir, store::DEFAULT_ANNOTATOR, &mut no_progress())?;
    // A folder as `removed/<time>` is read in the project, else as given.
    let inside = dir.join(folder);
    let folder = if folder.is_relative() && inside.is_dir() {
        inside
    } else {
        folder.to_path_buf()
    };
    let ids = st.restore_documents(&folder)?;
    let (n, list) = (count(lang, ids.len(), "篇文档", "document"), ids.join(", "));
    outln!(
        "{}",
        say!(lang, "已放回 {n}：{list}", "put back {n}: {list}")
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_assign(
    dir: &Path,
    annotator: &str,
    docs: Vec<String>,
    all: bool,
    clear: bool,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    store::check_annotator(annotator)?;
    let (mut st, mut p) = Store::open(dir, annotator, &mut no_progress())?;
    let unknown: Vec<&str> = docs
        .iter()
        .filter(|d| p.doc_index(d).is_none())
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let (d, list) = (
            dir.display(),
            unknown
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        fail!("{d}：没有文档 {list}", "{d}: no document {list}");
    }
    if clear {
        let n = p.unassign(annotator, (!docs.is_empty()).then_some(docs.as_slice()));
        let n = count(lang, n, "篇文档", "document");
        outln!(
            "{}",
            say!(
                lang,
                "{annotator}：已取回 {n}",
                "{annotator}: {n} taken out"
            )
        );
    } else if all || !docs.is_empty() {
        let ids: Vec<String> = if all {
            p.documents.iter().map(|d| d.meta.id.clone()).collect()
        } else {
            docs
        };
        let n = count(lang, p.assign(annotator, &ids), "篇文档", "document");
        outln!(
            "{}",
            say!(lang, "{annotator}：已分配 {n}", "{annotator}: {n} assigned")
        );
    }
    if p.is_dirty() {
        st.save(&mut p)?;
    }
    let list = p.assigned(annotator);
    let n = list.len();
    outln!(
        "{}",
        say!(
            lang,
            "{annotator}：{n} 篇文档",
            "{annotator}: {n} documents"
        )
    );
    for d in list {
        outln!("  {d}");
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_check(dir: &Path, annotator: Option<String>, lang: Lang) -> anyhow::Result<ExitCode> {
    // No project at all is an error (exit 2), not a problem found in one (exit 1).
    if !store::is_project(dir) {
        return Err(store::StoreError::NotAProject(dir.to_path_buf()).into());
    }
    let mut problems = 0usize;
    let mut layers = store::layer_names(dir);
    if let Some(a) = annotator {
        store::check_annotator(&a)?;
        if !layers.contains(&a) && !layers.is_empty() {
            return Err(no_layer(dir, &a, layers));
        }
        layers = std::iter::once(a).collect();
    }
    if layers.is_empty() {
        layers.insert(DEFAULT_ANNOTATOR.into());
    }
    let mut checked_docs = 0;
    let mut orphans_reported = false;
    // Listed after the verdict, so `ok:` stays the first line of a clean project.
    let mut info = Vec::new();
    let pending = store::interrupted_import(dir);
    if !pending.is_empty() {
        let n = pending.len();
        eprintln!(
            "{}",
            say!(
                lang,
                "注意：有一次导入被中断（{n} 篇文档未列入项目）；以编辑方式打开项目时会删除它的文件",
                "note: an import was cut off ({n} documents not listed); opening the project for editing removes its files"
            )
        );
    }
    for layer in &layers {
        match store::load(dir, layer, &mut no_progress()) {
            Err(e) => {
                outln!("{}", crate::session::store_message(&e, lang));
                problems += 1;
            }
            Ok(p) => {
                checked_docs = p.documents.len();
                for d in &p.documents {
                    for pr in validate_document(d, &p.schema) {
                        let file = store::layer_file(dir, &d.meta.id, layer);
                        let (f, zh) = (file.display(), pr.said().zh);
                        outln!("{}", say!(lang, "{f}：{zh}", "{f}: {pr}"));
                        problems += 1;
                    }
                    // What the annotator was unsure of or commented on: for a reviewer,
                    // not problems (the exit code does not change).
                    let marked = marked_lines(d, lang);
                    if !marked.is_empty() {
                        let file = store::layer_file(dir, &d.meta.id, layer)
                            .display()
                            .to_string();
                        for m in marked {
                            info.push(say!(lang, "{file}：提示：{m}", "{file}: info: {m}"));
                        }
                    }
                }
                // Texts of documents the project does not list (an import's files written
                // by hand, or whose listing was lost); an import cut off is cleaned up by
                // the next open for editing and only mentioned.
                let orphans = if orphans_reported {
                    Vec::new()
                } else {
                    store::unlisted_documents(dir, &p)
                };
                orphans_reported = true;
                for id in orphans {
                    outln!("{}", unlisted(&store::text_file(dir, &id), &id, lang));
                    problems += 1;
                }
                // Layer files of documents the project does not list.
                if let Ok(rd) = std::fs::read_dir(dir.join("annotations")) {
                    for e in rd.flatten() {
                        let id = e.file_name().to_string_lossy().into_owned();
                        if p.doc_index(&id).is_none()
                            && !pending.contains(&id)
                            && !store::text_file(dir, &id).exists()
                            && e.path().join(format!("{layer}.ron")).exists()
                        {
                            let file = e.path().join(format!("{layer}.ron"));
                            outln!("{}", unlisted(&file, &id, lang));
                            problems += 1;
                        }
                    }
                }
            }
        }
    }
    if problems == 0 {
        let (docs, list) = (
            count(lang, checked_docs, "篇文档", "document"),
            layers.into_iter().collect::<Vec<_>>().join(", "),
        );
        outln!(
            "{}",
            say!(
                lang,
                "ok：{docs}，标注层 {list}",
                "ok: {docs}, layers {list}"
            )
        );
        for l in &info {
            outln!("{l}");
        }
        Ok(ExitCode::SUCCESS)
    } else {
        for l in &info {
            outln!("{l}");
        }
        eprintln!(
            "{}",
            say!(lang, "{problems} 个问题", "{problems} problem(s)")
        );
        Ok(ExitCode::from(1))
    }
}

/// `check`'s line for a file of a document `id` that project.ron does not list.
fn unlisted(file: &Path, id: &str, lang: Lang) -> String {
    let f = file.display();
    say!(
        lang,
        "{f}：文档 {id:?} 不在 project.ron 的列表中",
        "{f}: document {id:?} is not listed in project.ron"
    )
}

/// The spans and events of a document flagged unsure or with a comment, one line each:
/// `T3 LOC 「兰州」 12..14 unsure`, `E1 会议 「召开」 unsure, note "主体待定"` (in Chinese
/// `存疑`, `备注`).
fn marked_lines(d: &crate::model::Document, lang: Lang) -> Vec<String> {
    let what = |unsure: bool, note: &Option<String>| {
        let mut parts = Vec::new();
        if unsure {
            parts.push(say!(lang, "存疑", "unsure"));
        }
        if let Some(n) = note {
            parts.push(say!(lang, "备注 {n:?}", "note {n:?}"));
        }
        parts.join(if lang == Lang::Zh { "，" } else { ", " })
    };
    // On one line: line breaks and tabs in a surface are written escaped.
    let surface = |id| {
        d.layer
            .span(id)
            .and_then(|s| d.text.slice(s.range).ok())
            .unwrap_or("?")
            .replace('\r', "\\r")
            .replace('\n', "\\n")
            .replace('\t', "\\t")
    };
    let mut out = Vec::new();
    for s in d.layer.spans() {
        if s.unsure || s.note.is_some() {
            out.push(format!(
                "{} {} 「{}」 {} {}",
                s.id,
                s.label,
                surface(s.id),
                s.range,
                what(s.unsure, &s.note)
            ));
        }
    }
    for e in &d.layer.events {
        if e.unsure || e.note.is_some() {
            out.push(format!(
                "{} {} 「{}」 {}",
                e.id,
                e.event_type,
                surface(e.trigger),
                what(e.unsure, &e.note)
            ));
        }
    }
    out
}

/// One suggestion as `biaozhu suggest FILE --json` prints it.
#[derive(Debug, serde::Serialize)]
struct SuggestionOut {
    start: u32,
    end: u32,
    text: String,
    /// `entity`, `figure` or `trigger`.
    kind: &'static str,
    /// The label, or a trigger's event type.
    label: String,
    /// A trigger's suggested arguments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    args: Vec<ArgOut>,
    value: Option<f64>,
    upper: Option<f64>,
    unit: Option<String>,
    qualifier: Option<&'static str>,
    date: Option<String>,
    resolved: Option<String>,
    source: &'static str,
    /// A model suggestion's probability.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

/// A trigger suggestion's argument as `biaozhu suggest FILE --json --project DIR` prints it.
#[derive(Debug, serde::Serialize)]
struct ArgOut {
    role: String,
    start: u32,
    end: u32,
    text: String,
    label: String,
    /// `model` when the argument tagger found it, `rule` when the rules picked it.
    source: &'static str,
    /// The argument tagger's probability of the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

fn cmd_suggest(
    path: &Path,
    json: bool,
    enc: Option<&str>,
    annotator: &str,
    project: Option<&Path>,
    min_confidence: f32,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::zh::suggest;
    if path.is_dir() {
        let (st, p) = Store::open(path, annotator, &mut no_progress())?;
        warn_unlisted(path, &p, lang);
        let mut session = crate::session::Session::new(st, p);
        session.set_min_confidence(min_confidence);
        if let Some(e) = session.model_problem() {
            eprintln!("{}", e.said().get(lang));
        }
        let mut total = 0;
        let mut docs_json = Vec::new();
        for doc in 0..session.project().documents.len() {
            let (n, problem) = session.suggest_document_saying(doc)?;
            if let Some(p) = problem {
                eprintln!("{}", p.get(lang));
            }
            let d = &session.project().documents[doc];
            let id = &d.meta.id;
            let uncertainty = session.doc_uncertainty(id);
            if json {
                // The sentences to read first: where the model is least sure.
                let least_sure: Vec<serde_json::Value> = session
                    .unsure_sentences_of(id)
                    .iter()
                    .take(10)
                    .map(|(r, h)| {
                        serde_json::json!({
                            "start": r.start,
                            "end": r.end,
                            "uncertainty": h,
                            "text": d.text.slice(*r).unwrap_or_default(),
                        })
                    })
                    .collect();
                docs_json.push(serde_json::json!({
                    "id": id,
                    "added": n,
                    "uncertainty": uncertainty,
                    "least_sure": least_sure,
                }));
            } else {
                let unsure = uncertainty.map_or(String::new(), |u| {
                    say!(lang, " · 不确定度 {u:.3}", " · uncertainty {u:.3}")
                });
                outln!(
                    "{}",
                    say!(
                        lang,
                        "{id}：{n} 条建议{unsure}",
                        "{id}: {n} suggestions{unsure}"
                    )
                );
            }
            total += n;
        }
        if json {
            outln!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({ "documents": docs_json }))?
            );
        }
        session.save()?;
        eprintln!(
            "{}",
            say!(
                lang,
                "已添加 {total} 条建议（待定标注）；请在窗口中接受或拒绝",
                "{total} suggestions added as pending spans; accept or reject them in the window"
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let forced = enc.map(encoding::encoding_for_name).transpose()?;
    let decoded = store::read_decoded(path, forced)?;
    let text = crate::model::Text::new(decoded.text);
    // The project's model, when it has one: its suggestions are merged with the rules'.
    let mut from_model = Vec::new();
    let mut model_labels = Vec::new();
    if let Some(dir) = project {
        match crate::learn::EntityModel::load(dir) {
            Ok(Some(m)) => {
                let p = store::load(dir, annotator, &mut no_progress())?;
                let seg = crate::zh::segment::Segmenter::with_user_words(&p.settings.user_words);
                let gaz = crate::learn::training::project_gazetteer(&p);
                let tagged = m.tag(&seg, text.as_str(), &gaz);
                from_model = crate::learn::model::suggestions(tagged, min_confidence);
                model_labels = m.labels.clone();
            }
            Ok(None) => {}
            Err(e) => eprintln!("{}", e.said().get(lang)),
        }
    }
    let sugg = suggest::for_document_with(
        &crate::zh::segment::Segmenter::new(),
        text.as_str(),
        None,
        &crate::model::Layer::new(),
        &std::collections::BTreeMap::new(),
        from_model,
        &model_labels,
    );
    let mut out: Vec<SuggestionOut> = sugg
        .iter()
        .map(|s| {
            let v = s.value.as_ref();
            SuggestionOut {
                start: s.range.start,
                end: s.range.end,
                text: text.slice(s.range).unwrap_or_default().to_string(),
                kind: s.kind.as_str(),
                label: s.label.clone(),
                args: Vec::new(),
                value: v.and_then(|v| v.number),
                upper: v.and_then(|v| v.upper),
                unit: v.and_then(|v| v.unit.clone()),
                qualifier: v.and_then(|v| v.qualifier).map(|q| q.as_str()),
                date: v.and_then(|v| v.date.clone()),
                resolved: v.and_then(|v| v.resolved.clone()),
                source: s.origin.as_str(),
                confidence: s.confidence,
            }
        })
        .collect();
    if let Some(dir) = project {
        let seg = crate::zh::segment::Segmenter::new();
        let p = store::load_layered(dir, &mut no_progress())?;
        let schema = &p.schema;
        // Every annotator's accepted events teach the lexicon.
        let learning = crate::zh::triggers::Learning::from_layers(
            p.docs
                .iter()
                .flat_map(|d| d.layers.values().map(move |l| (d.text.as_str(), l))),
        );
        let lex = learning.learn(&seg, schema);
        // From enough accepted events on, a trigger tagger finds words the lexicon lacks. It
        // is kept in the project's models/ folder, so the next run does not train it again
        // unless the accepted events or their arguments have changed by a tenth.
        let tagger = if schema.events.is_empty() {
            None
        } else {
            let (tagger, problem) = crate::learn::triggers::TriggerTagger::load_or_train(
                &seg,
                dir,
                &learning,
                true,
                &mut || true,
            );
            if let Some(problem) = problem {
                eprintln!(
                    "{}",
                    crate::session::tagger_problem_said(&problem).get(lang)
                );
            }
            tagger
        };
        let reading = tagger.as_ref().map(|t| t.reading(&seg, text.as_str()));
        let least = crate::learn::triggers::MIN_PROBABILITY.max(f64::from(min_confidence));
        let view = reading
            .as_ref()
            .map(|r| r.view(&seg, least))
            .unwrap_or_default();
        let nearby: Vec<_> = sugg.iter().map(|s| (s.range, s.label.clone())).collect();
        let surface = |r| text.slice(r).unwrap_or_default().to_string();
        for t in lex.suggest_with(
            &seg,
            schema,
            text.as_str(),
            &nearby,
            crate::zh::triggers::MIN_SHARE,
            &view,
        ) {
            out.push(SuggestionOut {
                start: t.range.start,
                end: t.range.end,
                text: surface(t.range),
                kind: "trigger",
                label: t.event_type,
                args: t
                    .args
                    .into_iter()
                    .map(|(role, r, label)| {
                        let tagged = t.tagged.iter().find(|(x, _)| *x == r).map(|(_, p)| *p);
                        ArgOut {
                            role,
                            start: r.start,
                            end: r.end,
                            text: surface(r),
                            label,
                            source: if tagged.is_some() { "model" } else { "rule" },
                            confidence: tagged.map(|p| p as f32),
                        }
                    })
                    .collect(),
                value: None,
                upper: None,
                unit: None,
                qualifier: None,
                date: None,
                resolved: None,
                source: if t.confidence.is_some() {
                    "model"
                } else {
                    "lexicon"
                },
                confidence: t.confidence.map(|c| c as f32),
            });
        }
        out.sort_by_key(|s| (s.start, s.end));
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for s in &out {
            let mut line = format!("{:>6} {:>6}  {:<9} {}", s.start, s.end, s.label, s.text);
            if let Some(v) = s.value {
                line.push_str(&format!("  = {v}"));
            }
            if let Some(u) = &s.unit {
                line.push_str(&format!(" {u}"));
            }
            if let Some(d) = s.resolved.as_ref().or(s.date.as_ref()) {
                line.push_str(&format!("  {d}"));
            }
            match s.confidence {
                Some(c) => outln!("{line}  [{} {c:.2}]", s.source),
                None => outln!("{line}  [{}]", s.source),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_train(
    dir: &Path,
    labels: Option<Vec<String>>,
    annotator: &str,
    include_unfinished: bool,
    iterations: usize,
    only: Option<&str>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    use crate::learn::{Stage, Take, TrainError};
    let (st, p) = Store::open(dir, annotator, &mut no_progress())?;
    warn_unlisted(dir, &p, lang);
    let mut session = crate::session::Session::new(st, p);
    if only == Some("events") {
        return Ok(match train_events(dir, &session, lang)? {
            true => ExitCode::SUCCESS,
            false => ExitCode::from(1),
        });
    }
    let events = only.is_none();
    let take = if include_unfinished {
        Take::Annotated
    } else {
        Take::Done
    };
    let mut input = session.train_input(take, labels);
    input.set_iterations(iterations);
    let (docs, spans) = (
        count(lang, input.documents(), "篇文档", "document"),
        count(
            lang,
            input.spans(),
            "个已接受的实体标注",
            "accepted entity span",
        ),
    );
    eprintln!(
        "{}",
        say!(
            lang,
            "学习材料：{docs}，{spans}",
            "learning from {docs} with {spans}"
        )
    );
    let mut last = None;
    let zh = lang == Lang::Zh;
    let result = input.run(&mut |pr| {
        let what = match (pr.stage, zh) {
            (Stage::Features, true) => "读取文档",
            (Stage::Features, false) => "reading documents",
            (Stage::HeldOut, true) => "用 90% 的文档训练",
            (Stage::HeldOut, false) => "training on 90% of the documents",
            (Stage::Final, true) => "用全部文档训练",
            (Stage::Final, false) => "training on every document",
            (Stage::Ranking, true) => "按不确定度排序文档",
            (Stage::Ranking, false) => "ranking documents by uncertainty",
        };
        let step = pr.total.div_ceil(10).max(1);
        if last != Some(pr.stage) || pr.done % step == 0 {
            let (done, total) = (pr.done, pr.total);
            eprintln!(
                "  {}",
                say!(
                    lang,
                    "{what}：{done} / {total}",
                    "{what}: {done} of {total}"
                )
            );
            last = Some(pr.stage);
        }
        true
    });
    let trained = match result {
        Ok(t) => t,
        Err(TrainError::NoSpans) => {
            eprintln!(
                "{}",
                say!(
                    lang,
                    "没有可供学习的已接受实体标注：请把文档标为完成（或加 --include-unfinished）",
                    "no accepted entity span to learn from: mark documents done (or pass --include-unfinished)"
                )
            );
            let elsewhere = crate::session::overview::finished_elsewhere(
                session.project(),
                session.layer_statuses(),
            );
            if let Some(hint) = crate::i18n::finished_elsewhere(lang, &elsewhere, true) {
                eprintln!("{hint}");
            }
            // A project of events alone still trains its event taggers.
            return Ok(match events && train_events(dir, &session, lang)? {
                true => ExitCode::SUCCESS,
                false => ExitCode::from(1),
            });
        }
        Err(TrainError::Cancelled) => return Ok(ExitCode::from(1)),
    };
    let meta = trained.model.meta.clone();
    session.install_model(trained)?;
    let (docs, sentences, spans, secs) = (
        count(lang, meta.documents, "篇文档", "document"),
        count(lang, meta.sentences, "个句子", "sentence"),
        count(lang, meta.spans, "个标注", "span"),
        meta.seconds,
    );
    outln!(
        "{}",
        say!(
            lang,
            "已在 {docs}、{sentences}、{spans} 上训练，用时 {secs:.1} 秒",
            "trained on {docs}, {sentences}, {spans} in {secs:.1} s"
        )
    );
    let held = meta.held_out_in(lang);
    outln!("{}", say!(lang, "留出评测：{held}", "held out: {held}"));
    // One line a label, then all of them together.
    let all = if zh { "全部" } else { "all" };
    let cols = meta
        .scores
        .keys()
        .map(|l| say::width(l))
        .chain([say::width(all)])
        .max()
        .unwrap_or(0)
        .max(10);
    for (l, s) in meta
        .scores
        .iter()
        .map(|(l, s)| (l.as_str(), s))
        .chain(meta.overall.as_ref().map(|s| (all, s)))
    {
        let ([p, r, f1], n) = (s.shown(3), s.support);
        outln!(
            "  {} {}",
            pad(l, cols),
            say!(
                lang,
                "P {p} R {r} F1 {f1}（标准答案 {n} 个）",
                "P {p} R {r} F1 {f1} ({n} gold)"
            )
        );
    }
    let (model, meta_file) = (
        dir.join(crate::learn::model::MODEL_FILE),
        dir.join(crate::learn::model::META_FILE),
    );
    let (model, meta_file) = (model.display(), meta_file.display());
    outln!(
        "{}",
        say!(
            lang,
            "已写出 {model} 和 {meta_file}",
            "wrote {model} and {meta_file}"
        )
    );
    if events {
        train_events(dir, &session, lang)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `train`'s event part, for a schema with event types: the trigger lexicon and taggers learnt
/// from 90% of the texts with accepted events (of the open layer, as the window learns),
/// scored on the rest ([`crate::learn::event_scores`]) and printed, then the taggers trained
/// on every text and saved in `models/` with those scores, so that `suggest` and the window
/// read them rather than train them. Whether event taggers were trained.
fn train_events(dir: &Path, session: &crate::session::Session, lang: Lang) -> anyhow::Result<bool> {
    use crate::learn::triggers::MIN_EVENTS;
    let project = session.project();
    if project.schema.events.is_empty() {
        return Ok(false);
    }
    let learning = session.event_learning();
    let events = learning.events();
    let (texts, evs, args) = (
        count(lang, learning.texts().len(), "篇文本", "text"),
        count(lang, events, "个已接受的事件", "accepted event"),
        count(lang, learning.arguments().len(), "个论元", "argument"),
    );
    if events < MIN_EVENTS {
        eprintln!(
            "{}",
            say!(
                lang,
                "事件：{evs}，触发词标注器至少要 {MIN_EVENTS} 个；事件建议只来自触发词表",
                "events: {evs}; the trigger tagger needs {MIN_EVENTS}, so event suggestions come from the trigger lexicon alone"
            )
        );
        return Ok(false);
    }
    eprintln!(
        "{}",
        say!(
            lang,
            "事件学习材料：{texts}，{evs}，{args}",
            "learning events from {texts} with {evs} and {args}"
        )
    );
    let seg = crate::zh::segment::Segmenter::new();
    let started = std::time::Instant::now();
    eprintln!(
        "  {}",
        say!(
            lang,
            "用 90% 的文本训练事件标注器并评测，再用全部文本训练",
            "training the event taggers on 90% of the texts, scoring the rest, then on every text"
        )
    );
    let Some((tagger, scores)) =
        crate::learn::event_scores::train_scored(&seg, &project.schema, &learning, &mut || true)
    else {
        return Ok(false);
    };
    let secs = started.elapsed().as_secs_f64();
    let with_arguments = if tagger.has_arguments() {
        say!(lang, "触发词和论元标注器", "trigger and argument taggers")
    } else {
        say!(
            lang,
            "触发词标注器（论元不足 50 个，没有论元标注器）",
            "trigger tagger (no argument tagger: fewer than 50 arguments)"
        )
    };
    outln!(
        "{}",
        say!(
            lang,
            "已训练{with_arguments}，用时 {secs:.1} 秒",
            "trained the {with_arguments} in {secs:.1} s"
        )
    );
    match &scores {
        Some(s) => {
            let (k, n) = (s.held_out, s.texts);
            outln!(
                "{}",
                say!(
                    lang,
                    "事件留出评测：后 10% 的文本（{n} 篇中的 {k} 篇）",
                    "events held out: the last 10% of texts, {k} of {n}"
                )
            );
            let rows = [
                (
                    say!(lang, "触发词", "triggers"),
                    s.triggers,
                    say!(lang, "位置 + 类型", "span + type"),
                ),
                (
                    say!(lang, "论元", "arguments"),
                    s.arguments,
                    say!(
                        lang,
                        "类型 + 触发词 + 角色 + 位置",
                        "type + trigger + role + span"
                    ),
                ),
            ];
            for (what, sc, how) in rows {
                let ([p, r, f1], g) = (sc.shown(3), sc.support);
                outln!(
                    "  {} {}",
                    pad(&what, 10),
                    say!(
                        lang,
                        "P {p} R {r} F1 {f1}（{how}，标准答案 {g} 个）",
                        "P {p} R {r} F1 {f1} ({how}, {g} gold)"
                    )
                );
            }
            // Triggers per event type, the most held out first.
            let types = s.types_by_support();
            const SHOWN: usize = 15;
            for (t, sc) in types.iter().take(SHOWN) {
                let ([p, r, f1], g) = (sc.shown(3), sc.support);
                outln!(
                    "    {} {}",
                    pad(t, 22),
                    say!(
                        lang,
                        "P {p} R {r} F1 {f1}（标准答案 {g} 个）",
                        "P {p} R {r} F1 {f1} ({g} gold)"
                    )
                );
            }
            if types.len() > SHOWN {
                let more = types.len() - SHOWN;
                outln!(
                    "    {}",
                    say!(
                        lang,
                        "……还有 {more} 个类型（见 models/triggers.ron）",
                        "… {more} more types (see models/triggers.ron)"
                    )
                );
            }
        }
        None => outln!(
            "{}",
            say!(
                lang,
                "事件留出评测：无（少于 {} 篇文本）",
                "events held out: none (fewer than {} texts)",
                crate::learn::event_scores::MIN_TEXTS
            )
        ),
    }
    tagger.save_scored(dir, &learning, scores)?;
    let files = [
        crate::learn::triggers::TAGGER_FILE,
        crate::learn::triggers::ARGUMENTS_FILE,
        crate::learn::triggers::TAGGER_META_FILE,
    ]
    .iter()
    .map(|f| dir.join(f))
    .filter(|p| p.is_file())
    .map(|p| p.display().to_string())
    .collect::<Vec<_>>()
    .join(", ");
    outln!("{}", say!(lang, "已写出 {files}", "wrote {files}"));
    Ok(true)
}

fn cmd_structure(
    file: &Path,
    json: bool,
    enc: Option<&str>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let forced = enc.map(encoding::encoding_for_name).transpose()?;
    let text = store::read_decoded(file, forced)?.text;
    let st = crate::zh::structure::analyse(&text);
    if json {
        outln!("{}", serde_json::to_string_pretty(&st)?);
        return Ok(ExitCode::SUCCESS);
    }
    let t = crate::model::Text::new(text);
    let zh = lang == Lang::Zh;
    for (i, a) in st.articles.iter().enumerate() {
        outln!(
            "{:>3}. {}..{}  {}",
            i + 1,
            a.start,
            a.end,
            a.headline.as_deref().unwrap_or(if zh {
                "（无标题）"
            } else {
                "(no headline)"
            })
        );
        if let Some(d) = &a.dateline {
            outln!("       {}{d}", pad(if zh { "电头" } else { "dateline" }, 9));
        }
        if let Some(b) = &a.byline {
            outln!("       {}{b}", pad(if zh { "署名" } else { "byline" }, 9));
        }
    }
    for r in &st.repairs {
        let old = t
            .slice(crate::model::CharRange::new(r.start, r.end))
            .unwrap_or_default()
            .replace('\n', "⏎");
        let (start, end, new) = (r.start, r.end, &r.replacement);
        // The reason is worded in English only: in Chinese the kind of repair says it, as in
        // the window's import preview.
        let kind = crate::i18n::tr(
            lang,
            match r.kind {
                crate::zh::structure::RepairKind::JoinBrokenLine => crate::i18n::Msg::RepairJoin,
                crate::zh::structure::RepairKind::DropRepeat => crate::i18n::Msg::RepairRepeat,
                crate::zh::structure::RepairKind::DropFragment => crate::i18n::Msg::RepairFragment,
            },
        );
        let (k, reason) = (format!("{:?}", r.kind), &r.reason);
        outln!(
            "{}",
            say!(
                lang,
                "修复 {start}..{end} «{old}» → «{new}»：{kind}",
                "repair {k} {start}..{end} «{old}» → «{new}»: {reason}"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_schema(action: SchemaAction, lang: Lang) -> anyhow::Result<ExitCode> {
    let zh = lang == Lang::Zh;
    match action {
        SchemaAction::Show {
            dir,
            json,
            annotator,
        } => {
            let annotator = or_default(annotator);
            store::check_annotator(&annotator)?;
            let p = store::load(&dir, &annotator, &mut no_progress())?;
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&corpus::schema_of(&p.schema))?
                );
                return Ok(ExitCode::SUCCESS);
            }
            outln!("{}", if zh { "标签" } else { "labels" });
            for l in &p.schema.labels {
                let kind = match (l.class, zh) {
                    (crate::model::LabelClass::Entity, true) => "（实体）".to_string(),
                    (crate::model::LabelClass::Entity, false) => "(entity)".to_string(),
                    (crate::model::LabelClass::Figure(k), true) => {
                        format!("（数字 {}）", k.as_str())
                    }
                    (crate::model::LabelClass::Figure(k), false) => {
                        format!("(figure {})", k.as_str())
                    }
                };
                let hk = l.hotkey.map(|h| h.to_string()).unwrap_or_default();
                outln!(
                    "  {} {:<2} {} / {}  {kind}",
                    pad(&l.key, 10),
                    hk,
                    l.zh,
                    l.en
                );
            }
            outln!("{}", if zh { "事件类型" } else { "event types" });
            for e in &p.schema.events {
                let hk = e.hotkey.map(|h| format!("  Shift+{h}")).unwrap_or_default();
                outln!("  {}  {}{hk}", e.key, e.shown(lang));
                for r in &e.roles {
                    let accepts = if r.accepts.is_empty() {
                        say!(lang, "任意", "any")
                    } else {
                        r.accepts.join(" ")
                    };
                    let mut flags = Vec::new();
                    if r.required {
                        flags.push(if zh { "必填" } else { "required" });
                    }
                    if r.repeat {
                        flags.push(if zh { "可重复" } else { "repeats" });
                    }
                    let flags = flags.join(if zh { "，" } else { ", " });
                    outln!(
                        "    {} {}",
                        pad(&r.name, 8),
                        say!(
                            lang,
                            "接受 {accepts}  {flags}",
                            "accepts {accepts}  {flags}"
                        )
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SchemaAction::Import {
            dir,
            file,
            replace,
            annotator,
        } => {
            let annotator = or_default(annotator);
            let src = crate::format::registry::read_text_file(&file, None)?.text;
            let types = crate::format::duee_schema::parse_said(&src)
                .map_err(|e| say::Failed(e.at(&file.display().to_string())))?;
            let (mut st, mut p) = Store::open(&dir, &annotator, &mut no_progress())?;
            let n = types.len();
            let (merged, said) =
                crate::format::duee_schema::merge_said(&p.schema.events, types, replace);
            for line in said {
                outln!("{}", line.get(lang));
            }
            crate::edit::apply(&mut p, crate::edit::Edit::SetEventTypes { events: merged })?;
            st.save(&mut p)?;
            let now = p.schema.events.len();
            outln!(
                "{}",
                say!(
                    lang,
                    "已导入 {n} 个事件类型；模式现有 {now} 个",
                    "imported {n} event types; the schema has {now} now"
                )
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
