//! The commands: each runs the pipeline (`crate::pipeline`) as far as it
//! needs, and returns an [`Outcome`] that `main` turns into an exit code.

pub(crate) mod build;
pub(crate) mod certificates;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod package;
pub(crate) mod pdf;
pub(crate) mod report;
pub(crate) mod serve;
pub(crate) mod theme;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: problems in the user's files.
    Problems,
    /// Exit 2: usage, I/O or environment.
    Environment,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Problems => 1,
            Outcome::Environment => 2,
        }
    }
}

/// Runs the command `cli` asks for.
pub fn run(cli: &crate::cli::Cli) -> Outcome {
    use crate::cli::Command;
    match &cli.command {
        Command::Build(args) => build::run(args, cli.quiet),
        Command::Check(args) => check::run(args, cli.quiet),
        Command::Report(args) => report::run(args, cli.quiet),
        Command::Certificates(args) => certificates::run(args, cli.quiet),
        Command::Pdf(args) => pdf::run(args, cli.quiet),
        Command::Init(args) => init::run(args, cli.quiet),
        Command::Serve(args) => serve::run(args, cli.quiet),
        Command::Theme(args) => theme::run(args, cli.quiet),
        Command::Package(args) => package::run(args, cli.quiet),
    }
}

/// Whether the diagnostics stop the run.
pub(crate) fn fails(diagnostics: &crate::diagnostic::Diagnostics, deny_warnings: bool) -> bool {
    diagnostics.has_errors() || (deny_warnings && diagnostics.warning_count() > 0)
}
