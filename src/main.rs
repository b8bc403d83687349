//! The `peerprep` binary: parses the command line, runs one command, and
//! turns its outcome into the exit code (0 success, 1 problems in the course,
//! 2 usage or environment).

use std::process::ExitCode;

use clap::Parser;
use peerprep::cli::{Cli, Command};
use peerprep::cmd;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match &cli.command {
        Command::Build(args) => cmd::build::run(args, cli.quiet),
        Command::Check(args) => cmd::check::run(args, cli.quiet),
        Command::Report(args) => cmd::report::run(args, cli.quiet),
        Command::Certificates(args) => cmd::certificates::run(args, cli.quiet),
        Command::Pdf(args) => cmd::pdf::run(args, cli.quiet),
        Command::Init(args) => cmd::init::run(args, cli.quiet),
        Command::Serve(args) => cmd::serve::run(args, cli.quiet),
    };
    ExitCode::from(outcome.code())
}
