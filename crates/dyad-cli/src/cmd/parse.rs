//! `dyad parse`, `dyad train` and `dyad bench`: the tagger, lemmatizer and parser from the
//! command line — CoNLL-U out, CoNLL 2018 scores against gold files, training, speed.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use dyad_nlp::{train, Analyzer};

use crate::args::{
    BenchCommand, BenchParseArgs, ModelArgs, ParseArgs, Paths, TrainArgs, TrainWhat,
};
use crate::input::{eprint_line, for_each_article};

/// The analyzer: from `--models DIR`, or built into the binary; with `--accurate`, its
/// parser searches with a selective beam.
pub fn analyzer(m: &ModelArgs) -> anyhow::Result<Analyzer> {
    let a = match (&m.models, m.accurate) {
        (Some(dir), false) => {
            Analyzer::load(dir).with_context(|| format!("loading models from {}", dir.display()))?
        }
        (Some(dir), true) => Analyzer::load_accurate(dir)
            .with_context(|| format!("loading models from {}", dir.display()))?,
        (None, false) => Analyzer::embedded().context("loading the built-in models")?,
        (None, true) => {
            Analyzer::embedded_accurate().context("loading the built-in accurate models")?
        }
    };
    Ok(a)
}

pub fn read_gold(path: &Path) -> anyhow::Result<Vec<dyad_conllu::Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let (sents, errors) = dyad_conllu::parse(&text);
    if let Some(first) = errors.first() {
        eprint_line(&format!(
            "dyad: {}: {} malformed line(s) skipped (first: {first})",
            path.display(),
            errors.len()
        ));
    }
    Ok(sents)
}

/// Runs `dyad parse`.
pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let analyzer = analyzer(&args.models)?;
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !args.eval.is_empty() {
        writeln!(out, "models loaded in {load_ms:.0} ms")?;
        for path in &args.eval {
            let gold = read_gold(path)?;
            let t = Instant::now();
            let scores = if args.gold_tokens {
                dyad_nlp::evaluate::conll18_gold_tokens(&analyzer, &gold)
            } else {
                dyad_nlp::evaluate::conll18_raw_text(&analyzer, &gold)
            }
            .map_err(|e| anyhow::anyhow!("scoring {}: {e}", path.display()))?;
            let mode = if args.gold_tokens {
                "gold tokens"
            } else {
                "raw text"
            };
            writeln!(
                out,
                "== {} ({mode}, {:.1} s)",
                path.display(),
                t.elapsed().as_secs_f64()
            )?;
            writeln!(out, "{scores}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for_each_article(&args.input, |article| {
        for s in dyad_text::segment_article(article) {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let analysis = analyzer.analyze(&words);
            let id = format!("{}-{}", article.id, s.index + 1);
            let mut conllu = dyad_nlp::to_conllu(&s, &article.text, &analysis, &id);
            if s.index == 0 {
                conllu
                    .comments
                    .insert(0, format!("newdoc id = {}", article.id));
            }
            text.clear();
            dyad_conllu::write_sentence(&conllu, &mut text);
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad train`.
pub fn train(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let ud = &args.ud;
    let train_files = vec![
        ud.join("en_ewt-ud-train.conllu"),
        ud.join("en_gum-cc-by-train.conllu"),
    ];
    let dev_files = vec![
        ud.join("en_ewt-ud-dev.conllu"),
        ud.join("en_gum-cc-by-dev.conllu"),
    ];
    for f in train_files.iter().chain(&dev_files) {
        anyhow::ensure!(
            f.exists(),
            "{} not found (give the UD folder with --ud)",
            f.display()
        );
    }
    let parser = matches!(args.what, TrainWhat::Parser | TrainWhat::All);
    anyhow::ensure!(
        !parser || args.plain || args.wordnet.join("index.noun").exists(),
        "no WordNet dictionary files in {} (the shipped parser's word classes come from \
         them): install them (apt-get install wordnet-base) or give their folder with \
         --wordnet DIR; --plain trains a parser without word classes",
        args.wordnet.display()
    );
    let seed = args.seed.unwrap_or(train::SEED);
    let steps: &[TrainWhat] = match args.what {
        TrainWhat::All => &[TrainWhat::Tagger, TrainWhat::Lemmatizer, TrainWhat::Parser],
        ref one => std::slice::from_ref(one),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for step in steps {
        let report = match step {
            TrainWhat::Tagger => train::train_tagger(&train_files, &dev_files, &args.out, seed),
            TrainWhat::Lemmatizer => {
                train::train_lemmatizer(&train_files, &dev_files, &args.out, seed)
            }
            TrainWhat::Parser => train::train_parser(
                &train_files,
                &dev_files,
                if args.plain {
                    train::ParserOptions::default()
                } else {
                    train::ParserOptions::shipped(&args.wordnet)
                },
                &args.out,
                seed,
            ),
            TrainWhat::All => unreachable!("expanded above"),
        }
        .map_err(|e| anyhow::anyhow!("training the {step:?}: {e}"))?;
        for line in &report.lines {
            writeln!(out, "{line}")?;
        }
        writeln!(
            out,
            "{step:?}: best dev {:.2}, {} bytes, {:.0} s",
            report.dev_score, report.bytes, report.seconds
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Timed passes of `dyad bench parse`; the median is reported.
const BENCH_PASSES: usize = 5;

/// Runs `dyad bench …`.
pub fn bench(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cmd {
        BenchCommand::Parse(BenchParseArgs { files, models }) => {
            let t = Instant::now();
            let analyzer = analyzer(&models)?;
            let load_ms = t.elapsed().as_secs_f64() * 1000.0;
            let sentences = gold_words(&files)?;
            // A warm-up (caches, page faults of the model tables), then timed passes over
            // the files three times each, so that a test file of a quarter of a second
            // still gives a steady figure. This machine is shared and one pass can run
            // 10 % slower than the next, so the median pass is the figure, and every pass
            // is printed.
            let _ = dyad_nlp::bench(&analyzer, &sentences[..sentences.len().min(200)]);
            let three = [&sentences[..], &sentences, &sentences].concat();
            let mut passes: Vec<dyad_nlp::Bench> = (0..BENCH_PASSES)
                .map(|_| dyad_nlp::bench(&analyzer, &three))
                .collect();
            let time = |b: &dyad_nlp::Bench| b.cpu_seconds.unwrap_or(b.seconds);
            passes.sort_by(|a, b| time(a).total_cmp(&time(b)));
            let per_cpu_s = |b: &dyad_nlp::Bench| {
                b.cpu_seconds
                    .map(|c| format!("{:.0}", b.tokens as f64 / c.max(1e-9)))
            };
            let b = &passes[passes.len() / 2];
            writeln!(out, "models loaded in {load_ms:.0} ms")?;
            writeln!(
                out,
                "tag + lemmatize + parse (median of {} passes): {} tokens in {:.2} s = {:.0} tokens/s wall{}",
                passes.len(),
                b.tokens,
                b.seconds,
                b.tokens_per_sec,
                per_cpu_s(b)
                    .map(|r| format!(", {r} tokens per CPU second"))
                    .unwrap_or_default()
            )?;
            let all: Vec<String> = passes.iter().filter_map(per_cpu_s).collect();
            writeln!(out, "tokens per CPU second, every pass: {}", all.join(" "))?;
            // The process's high-water mark, which only grows: the largest is the latest.
            if let Some(kib) = passes.iter().filter_map(|b| b.peak_rss_kib).max() {
                writeln!(out, "peak memory (VmHWM): {:.1} MB", kib as f64 / 1024.0)?;
            }
        }
        BenchCommand::Code(args) => crate::cmd::code::bench(&args, &mut out)?,
        BenchCommand::Segment(Paths { files }) => {
            let mut texts = Vec::new();
            for f in &files {
                texts.extend(dyad_text::rebuild_documents(&read_gold(f)?));
            }
            let r = dyad_text::benchmark(&texts, 5);
            writeln!(out, "{r}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn gold_words(files: &[PathBuf]) -> anyhow::Result<Vec<Vec<String>>> {
    let mut sentences = Vec::new();
    for f in files {
        for s in read_gold(f)? {
            sentences.push(s.words.into_iter().map(|w| w.form).collect());
        }
    }
    Ok(sentences)
}
