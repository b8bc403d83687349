//! The `peerprep` binary: parses the command line, runs one command, and
//! turns its outcome into the exit code (0 success, 1 problems in the course,
//! 2 usage or environment).

use std::process::ExitCode;

use clap::Parser;
use peerprep::cli::Cli;
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
    let outcome = cmd::run(&cli);
    ExitCode::from(outcome.code())
}
