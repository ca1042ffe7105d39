//! The `dyad` binary: parses arguments, runs one subcommand, turns errors into one clear
//! line on stderr and a non-zero exit status.

mod args;
mod cmd;
mod input;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`dyad … | head`) is a normal way for output to end.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            #[allow(
                clippy::print_stderr,
                reason = "the binary's one place for fatal errors"
            )]
            {
                eprintln!("dyad: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
