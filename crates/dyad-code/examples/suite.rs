//! Runs the coder on a peer validation suite and prints the score:
//! `cargo run --release -p dyad-code --example suite -- --suite up|petrarch|tabari PATH
//! [--given-parse] [--list] [--explain ID] [--models DIR]` (`--models`: load the
//! tagger, lemmatizer and parser from DIR instead of the embedded ones).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;

use dyad_code::suite::{
    code_record, predict, suite_dictionary_paths, suite_options, suite_record_options,
};
use dyad_code::{explain, Coder};
use dyad_dict::{load_paths, LoadOptions};
use dyad_eval::{read_suite, score, SuiteKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kind = None;
    let mut path = None;
    let (mut given, mut list) = (false, false);
    let mut explain_ids: Vec<String> = Vec::new();
    let mut models: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--suite" => {
                i += 1;
                kind = args.get(i).and_then(|s| SuiteKind::from_name(s));
            }
            "--given-parse" => given = true,
            "--list" => list = true,
            "--models" => {
                i += 1;
                models = args.get(i).map(PathBuf::from);
            }
            "--explain" => {
                i += 1;
                explain_ids.extend(args.get(i).cloned());
            }
            p => path = Some(PathBuf::from(p)),
        }
        i += 1;
    }
    let (Some(kind), Some(path)) = (kind, path) else {
        eprintln!(
            "usage: suite --suite up|petrarch|tabari PATH [--given-parse] [--list] [--explain ID] [--models DIR]"
        );
        return ExitCode::from(2);
    };
    let suite = match read_suite(kind, &path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let files = suite_dictionary_paths(&suite);
    let opts = LoadOptions {
        kinds: files
            .iter()
            .filter_map(|(p, k)| k.map(|k| (p.clone(), k)))
            .collect(),
        ..LoadOptions::default()
    };
    let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    let (dicts, _diags) = match load_paths(&paths, &opts) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let analyzer = if given && kind == SuiteKind::Up {
        None
    } else {
        let loaded = match &models {
            Some(dir) => dyad_nlp::Analyzer::load(dir),
            None => dyad_nlp::Analyzer::embedded(),
        };
        match loaded {
            Ok(a) => Some(a),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    let t = std::time::Instant::now();
    let copts = suite_options(&suite);
    if !explain_ids.is_empty() {
        for r in suite.records.iter().filter(|r| explain_ids.contains(&r.id)) {
            let coder = Coder::new(&dicts, suite_record_options(&suite, &copts, r));
            println!(
                "=== {} expected: {:?}",
                r.id,
                r.expected.iter().map(|e| e.to_string()).collect::<Vec<_>>()
            );
            for (s, c) in code_record(&coder, r, analyzer.as_ref(), given).unwrap_or_default() {
                println!("{}", explain(&s, &c));
            }
        }
        return ExitCode::SUCCESS;
    }
    let preds = predict(&suite, &dicts, &copts, analyzer.as_ref(), given);
    let report = score(&suite, &preds);
    eprintln!(
        "coded {} records in {:.2?}",
        suite.records.len(),
        t.elapsed()
    );
    print!("{}", report.render(list));
    ExitCode::SUCCESS
}
