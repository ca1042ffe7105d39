//! Load benchmark: times loading the given dictionary files (release build) and prints
//! the load time and per-file counts. Peak memory: run under `/usr/bin/time -v`.
//!
//! `cargo run --release -p dyad-dict --example load_bench -- FILES...`
#![allow(clippy::print_stdout, clippy::print_stderr)] // an example program reports on stdout

use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: load_bench FILE_OR_DIR...");
        std::process::exit(2);
    }
    match dyad_dict::bench_load(&paths) {
        Ok((t, stats)) => {
            println!("{stats}");
            println!("load time: {:.1} ms", t.as_secs_f64() * 1000.0);
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
