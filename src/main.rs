//! The `plan` binary: parses the command line and hands over to one subcommand.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let code = match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Preview(args) => cmd::build::preview(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Export(args) => cmd::export::run(args),
    };
    ExitCode::from(code)
}
