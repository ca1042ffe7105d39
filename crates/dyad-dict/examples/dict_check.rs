//! What `dyad dict check` prints, for use before the CLI is wired: loads the given files
//! and folders, runs the lint pass, prints every diagnostic and the per-file table.
//!
//! `cargo run -p dyad-dict --example dict_check -- [--strict] [--as-of YYYYMMDD] FILES...`
#![allow(clippy::print_stdout, clippy::print_stderr)] // an example program reports on stdout

use std::path::PathBuf;

fn main() {
    let mut opts = dyad_dict::LoadOptions::default();
    let mut copts = dyad_dict::CheckOptions::default();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--strict" => opts.strict = true,
            "--as-of" => copts.as_of = args.next().and_then(|d| dyad_dict::DictDate::parse(&d)),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let (dicts, mut diags) = match dyad_dict::load_paths(&paths, &opts) {
        Ok(x) => x,
        Err(e) => {
            if let dyad_dict::LoadError::Strict { diagnostics } = &e {
                for d in diagnostics {
                    println!("{d}");
                }
            }
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    diags.extend(dyad_dict::check_with(&dicts, &copts));
    for d in &diags {
        println!("{d}");
    }
    println!("{}", dicts.stats(&diags));
}
