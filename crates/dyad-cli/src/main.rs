//! The `dyad` binary: parses arguments, runs one subcommand, turns errors into one clear
//! line on stderr and a non-zero exit status.

mod args;
mod cmd;
mod input;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc (its 2.x line) instead of the system allocator: the analysis makes a few short
/// strings and vectors per word, and with glibc's allocator their allocation and release
/// took about 6 % of `bench parse`; with mimalloc the whole analysis is about 7 % faster and
/// the coder about 12 % (alternating runs, `models/README.md`). Built with `no_thp`: left
/// to advise its own memory as huge pages, mimalloc had the kernel zero 2 MiB pages for the
/// loader's scratch vectors, and the models loaded in 420–610 ms instead of 240–370 ms on a
/// busy machine (the models' own tables still ask for huge pages, `dyad_nlp`'s `huge.rs`).
/// The 3.x line was slower to load the models for the same reason.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
