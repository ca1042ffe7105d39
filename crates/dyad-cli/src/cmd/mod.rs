//! Subcommand dispatch: one module per command family.

mod code;
mod debug;
mod dict;
mod eval;
mod parse;

use std::process::ExitCode;

use crate::args::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Debug(cmd) => debug::run(cmd),
        Command::Dict(cmd) => dict::run(cmd),
        Command::Code(args) => code::run(&args),
        Command::Explain(args) => code::explain(&args),
        Command::Eval(args) => eval::run(args),
        Command::Parse(args) => parse::run(&args),
        Command::Train(args) => parse::train(&args),
        Command::Bench(cmd) => parse::bench(cmd),
    }
}
