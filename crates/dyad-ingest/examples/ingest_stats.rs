//! Measures ingestion and cleaning: reads the inputs given on the command line (files,
//! directories, globs), ingests and cleans every article `--repeat N` times, and prints
//! counts, skip reasons and throughput. Run in release mode:
//!
//! ```text
//! cargo run --release -p dyad-ingest --example ingest_stats -- --repeat 200 testdata/ingest
//! ```

#![allow(clippy::print_stdout, reason = "a measuring tool prints its numbers")]

use std::collections::BTreeMap;
use std::time::Instant;

use dyad_clean::{clean, CleanOptions};
use dyad_ingest::{expand_inputs, parse_bytes, IngestOptions, Record};
use dyad_types::Origin;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut inputs = Vec::new();
    for src in expand_inputs(&args).into_iter().flatten() {
        if let Ok(bytes) = std::fs::read(&src.path) {
            inputs.push((src.path.display().to_string(), bytes));
        }
    }
    let in_bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum::<usize>() * repeat;
    let opts = IngestOptions::default();
    let t0 = Instant::now();
    let mut articles = Vec::new();
    let mut skips: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..repeat {
        for (path, bytes) in &inputs {
            let origin = Origin {
                path: path.clone(),
                ..Origin::default()
            };
            for r in parse_bytes(bytes, origin, &opts) {
                match r {
                    Record::Article(a) => articles.push(*a),
                    Record::Skipped(s) => {
                        *skips.entry(s.reason.kind().to_string()).or_default() += 1;
                    }
                }
            }
        }
    }
    let ingest = t0.elapsed();
    let raw_bytes: usize = articles.iter().map(|a| a.raw_text.len()).sum();
    let t1 = Instant::now();
    let copts = CleanOptions::default();
    let mut actions = 0;
    for a in &mut articles {
        clean(a, &copts);
        actions += a.actions.len();
    }
    let cleaning = t1.elapsed();
    let mb = |b: usize, s: f64| b as f64 / 1e6 / s.max(1e-9);
    println!(
        "inputs: {} files x {repeat}, {in_bytes} bytes",
        inputs.len()
    );
    println!(
        "articles: {}, skipped: {}",
        articles.len(),
        skips.values().sum::<usize>()
    );
    for (reason, n) in &skips {
        println!("  skipped {n:>6}  {reason}");
    }
    println!(
        "ingest: {:.3} s, {:.1} MB/s of input, {:.0} articles/s",
        ingest.as_secs_f64(),
        mb(in_bytes, ingest.as_secs_f64()),
        articles.len() as f64 / ingest.as_secs_f64().max(1e-9)
    );
    println!(
        "clean:  {:.3} s, {:.1} MB/s of article text, {:.0} articles/s, {actions} actions",
        cleaning.as_secs_f64(),
        mb(raw_bytes, cleaning.as_secs_f64()),
        articles.len() as f64 / cleaning.as_secs_f64().max(1e-9)
    );
}
