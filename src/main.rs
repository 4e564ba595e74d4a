//! The `biaozhu` binary: command line, or the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = biaozhu::cli::Cli::parse_localized();
    let lang = cli.language();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            use biaozhu::cli::say;
            eprintln!(
                "{}{}",
                say::error_prefix(lang),
                say::error_message(&e, lang)
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: biaozhu::cli::Cli) -> anyhow::Result<ExitCode> {
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
            Err(biaozhu::cli::say::Failed(biaozhu::said!(
                "这个 biaozhu 构建时没有窗口（gui 功能）；请使用子命令，见 --help",
                "this biaozhu was built without the window (feature `gui`); use a subcommand, see --help"
            ))
            .into())
        }
    }
}
