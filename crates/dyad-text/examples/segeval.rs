//! Development tool for dyad-text: scores segmentation on UD CoNLL-U files and more.
//!
//! `cargo run --release -p dyad-text --example segeval -- MODE ARGS`, where MODE is
//! - (none) `FILE.conllu…`: CoNLL 2018 scores of `segment` on each gold file;
//! - `--bench FILE…`: tokens/s on the files (CoNLL-U files give their rebuilt text);
//! - `--dump FILE…`: the sentences found, one per line (multiword parts joined by `|`);
//! - `--draft FILE`: one input per line → draft cases in the `testdata/text` format;
//! - `--system GOLD.conllu`: segmenter output as CoNLL-U (flat trees), for other scorers;
//! - `--score GOLD SYSTEM`: the CoNLL 2018 table for two CoNLL-U files.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.first().is_some_and(|a| a == "--bench");
    let dump = args.first().is_some_and(|a| a == "--dump");
    let draft = args.first().is_some_and(|a| a == "--draft");
    let files = if bench || dump || draft {
        &args[1..]
    } else {
        &args[..]
    };
    // `--score GOLD SYSTEM`: the CoNLL 2018 table for two CoNLL-U files.
    if args.first().is_some_and(|a| a == "--score") && args.len() == 3 {
        let read = |p: &str| std::fs::read_to_string(p).map(|t| dyad_conllu::parse(&t).0);
        return match (read(&args[1]), read(&args[2])) {
            (Ok(g), Ok(s)) => match dyad_conllu::eval::evaluate(&g, &s) {
                Ok(scores) => {
                    println!("{scores}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            },
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    // `--system GOLD`: segment the rebuilt text and write CoNLL-U (flat trees) to stdout.
    if args.first().is_some_and(|a| a == "--system") && args.len() == 2 {
        let Ok(text) = std::fs::read_to_string(&args[1]) else {
            return ExitCode::FAILURE;
        };
        let (gold, _) = dyad_conllu::parse(&text);
        let mut out = String::new();
        for d in dyad_text::rebuild_documents(&gold) {
            for mut s in dyad_text::sentences_to_conllu(&d, &dyad_text::segment(&d)) {
                for w in &mut s.words {
                    w.head = Some(usize::from(w.id > 1));
                    w.deprel = if w.id > 1 { "dep" } else { "root" }.into();
                }
                s.comments.clear();
                dyad_conllu::write_sentence(&s, &mut out);
            }
        }
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    let mut status = ExitCode::SUCCESS;
    let mut texts = Vec::new();
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        if bench {
            // A CoNLL-U file is benchmarked on its rebuilt raw text.
            if f.ends_with(".conllu") {
                let (gold, _) = dyad_conllu::parse(&text);
                texts.extend(dyad_text::rebuild_documents(&gold));
            } else {
                texts.push(text);
            }
            continue;
        }
        if draft {
            // One input per line (`\n` for a newline) → draft cases in testdata format.
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let input = line.replace("\\n", "\n");
                println!("in: {line}");
                for s in dyad_text::segment(&input) {
                    println!("s: {}", words_with_mwt(&s));
                }
                println!();
            }
            continue;
        }
        if dump && !f.ends_with(".conllu") {
            for s in dyad_text::segment(&text) {
                println!("[{}] {}", s.paragraph, words_with_mwt(&s));
            }
            continue;
        }
        if dump {
            let (gold, _) = dyad_conllu::parse(&text);
            for d in dyad_text::rebuild_documents(&gold) {
                for s in dyad_text::segment(&d) {
                    println!("{}", words_with_mwt(&s));
                }
                println!();
            }
            continue;
        }
        match dyad_text::eval_segmentation(&text) {
            Ok(r) => println!("{f} ({} documents)\n{}", r.documents, r.scores),
            Err(e) => {
                eprintln!("{f}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    if bench {
        let r = dyad_text::benchmark(&texts, 5);
        println!("{r}");
    }
    status
}

/// Words of a sentence with multiword-token parts joined by `|`.
fn words_with_mwt(s: &dyad_types::Sentence) -> String {
    let mut out = String::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if i > 0 {
            let inside = s.multiword.iter().any(|m| m.first < i && i <= m.last);
            out.push_str(if inside { "|" } else { " " });
        }
        out.push_str(&t.text);
    }
    out
}
