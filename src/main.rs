//! The `biaozhu` binary: command line, or the window.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", biaozhu::cli::error_message(&e));
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = biaozhu::cli::Cli::parse();
    match biaozhu::cli::run(cli)? {
        biaozhu::cli::Action::Exit(code) => Ok(code),
        #[cfg(feature = "gui")]
        biaozhu::cli::Action::Gui {
            project,
            annotator,
            made_for,
            review,
        } => {
            biaozhu::app::run_native(project, annotator, made_for, review)?;
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(not(feature = "gui"))]
        biaozhu::cli::Action::Gui { .. } => {
            anyhow::bail!(
                "this biaozhu was built without the window (feature `gui`); use a subcommand, see --help"
            )
        }
    }
}
