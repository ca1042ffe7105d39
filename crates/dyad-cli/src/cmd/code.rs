//! `dyad code`, `dyad explain` and `dyad eval --suite`: the event coder from the command
//! line. Dictionaries are loaded here (I/O); coding itself is `dyad-code`'s pure work.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use dyad_code::{Coder, CoderOptions, EventRecord, ParsedSentence};
use dyad_dict::{DictDate, DictKind, Dictionaries, LoadOptions};

use crate::args::{BenchCodeArgs, CodeArgs, EvalArgs, ExplainArgs};
use crate::cmd::parse::analyzer;
use crate::input::{eprint_line, for_each_article};

/// Loads dictionaries (dyad's built-in defaults when `paths` is empty); load problems are
/// summarised on stderr (`dyad dict check` lists them).
pub fn load_dicts(
    paths: &[PathBuf],
    kinds: Vec<(PathBuf, DictKind)>,
) -> anyhow::Result<Dictionaries> {
    let (dicts, diags) = if paths.is_empty() {
        dyad_dict::defaults::load()
    } else {
        let opts = LoadOptions {
            kinds,
            ..LoadOptions::default()
        };
        dyad_dict::load_paths(paths, &opts).context("loading dictionaries")?
    };
    let errors = diags
        .iter()
        .filter(|d| d.severity == dyad_dict::Severity::Error)
        .count();
    if errors > 0 {
        eprint_line(&format!(
            "dyad: {errors} malformed dictionary line(s) skipped; `dyad dict check` lists them"
        ));
    }
    if dicts.verbs.is_empty() {
        if paths.is_empty() {
            bail!("this build has no default verb dictionary: give dictionaries with --dict");
        }
        bail!("no verb dictionary among the --dict files: nothing could be coded");
    }
    Ok(dicts)
}

/// A `YYYY-MM-DD` (or `YYYYMMDD`) flag value as a dictionary date.
pub fn parse_date(d: &str) -> anyhow::Result<DictDate> {
    DictDate::parse(&d.replace('-', ""))
        .with_context(|| format!("{d:?} is not a date (YYYY-MM-DD)"))
}

/// The bench's texts as cleaned plain-text articles, as `dyad code` would read them.
fn bench_articles(texts: &[String]) -> Vec<dyad_types::Article> {
    let opts = dyad_ingest::IngestOptions {
        format: Some(dyad_ingest::InputFormat::Text),
        ..dyad_ingest::IngestOptions::default()
    };
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let origin = dyad_types::Origin {
            path: format!("bench-{i}"),
            line: 0,
            record: 0,
        };
        for r in dyad_ingest::parse_bytes(text.as_bytes(), origin, &opts) {
            if let dyad_ingest::Record::Article(mut a) = r {
                dyad_clean::clean(&mut a, &dyad_clean::CleanOptions::default());
                out.push(*a);
            }
        }
    }
    out
}

/// Runs `dyad code`.
pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let dicts = load_dicts(&args.dicts.dict, Vec::new())?;
    let coder = Coder::new(&dicts, CoderOptions::default());
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let tsv = args.format == "tsv";
    if tsv {
        writeln!(out, "{}", dyad_code::TSV_HEADER)?;
    }
    let mut write =
        |r: &EventRecord, out: &mut BufWriter<std::io::StdoutLock<'_>>| -> std::io::Result<()> {
            if tsv {
                writeln!(out, "{}", r.to_tsv())
            } else {
                writeln!(out, "{}", r.to_json())
            }
        };
    if args.conllu {
        return code_conllu(args, &coder, &mut out, &mut write);
    }
    let analyzer = analyzer(&args.models)?;
    let (mut events, mut sentences, mut unanalysed) = (0usize, 0usize, 0usize);
    let summary = for_each_article(&args.input, |article| {
        let (coded, skipped) =
            dyad_code::code_article_with(&coder, article, &analyzer, !args.no_prefilter);
        unanalysed += skipped;
        sentences += coded.len();
        for r in dyad_code::article_records(&coder, article, &coded) {
            write(&r, &mut out)?;
            events += 1;
        }
        if args.quotes && !tsv {
            let sentences = dyad_text::segment_article(article);
            for q in dyad_code::article_quotes_coded(&coder, article, &sentences, &coded) {
                writeln!(out, "{}", q.to_json())?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    let prefilter = if args.no_prefilter {
        String::new()
    } else {
        format!(" ({unanalysed} of {sentences} sentences needed no parse)")
    };
    eprint_line(&format!(
        "{events} events from {} articles{prefilter}",
        summary.ok
    ));
    Ok(ExitCode::SUCCESS)
}

/// `dyad code --conllu`: code given parses as they are.
fn code_conllu(
    args: &CodeArgs,
    coder: &Coder<'_>,
    out: &mut BufWriter<std::io::StdoutLock<'_>>,
    write: &mut dyn FnMut(
        &EventRecord,
        &mut BufWriter<std::io::StdoutLock<'_>>,
    ) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let date = args.input.date.as_deref().map(parse_date).transpose()?;
    let date_text = args.input.date.clone();
    let version = coder.dictionaries().version();
    let mut events = 0usize;
    for path in &args.input.inputs {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
        let (sents, errors) = dyad_conllu::parse(&text);
        for e in &errors {
            eprint_line(&format!("dyad: {path}:{}: {}", e.line, e.message));
        }
        for (i, s) in sents.iter().enumerate() {
            let ps = ParsedSentence::from_conllu(s, i);
            let coded = coder.code(&ps, date);
            let id = s
                .sent_id
                .clone()
                .unwrap_or_else(|| format!("{path}#{}", i + 1));
            for e in &coded.events {
                write(
                    &EventRecord::new(e, &id, date_text.clone(), &ps.text, &version),
                    out,
                )?;
                events += 1;
            }
        }
    }
    out.flush()?;
    eprint_line(&format!("{events} events"));
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad explain`.
pub fn explain(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let dicts = load_dicts(&args.dicts.dict, Vec::new())?;
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let coder = Coder::new(&dicts, CoderOptions::default());
    let analyzer = analyzer(&args.models)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for ps in dyad_code::suite::analyze_text(&args.sentence, &analyzer) {
        let coded = coder.code(&ps, date);
        writeln!(out, "{}", dyad_code::explain(&ps, &coded))?;
    }
    writeln!(out, "dictionaries: {}", dicts.version())?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad eval --suite KIND PATH`.
pub fn eval_suite(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let (Some(kind), Some(path)) = (&args.suite, &args.path) else {
        bail!("give --suite KIND PATH, or a subcommand (see `dyad eval --help`)");
    };
    let kind = dyad_eval::SuiteKind::from_name(kind)
        .with_context(|| format!("unknown suite kind {kind}"))?;
    let suite =
        dyad_eval::read_suite(kind, path).with_context(|| format!("reading {}", path.display()))?;
    for w in &suite.warnings {
        eprint_line(&format!("dyad: {}: {w}", path.display()));
    }
    let dicts = if args.dict.is_empty() {
        let files = dyad_code::suite::suite_dictionary_paths(&suite);
        let kinds = files
            .iter()
            .filter_map(|(p, k)| k.map(|k| (p.clone(), k)))
            .collect();
        let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
        // A gold suite without a `dictionaries` header is coded with the defaults.
        load_dicts(&paths, kinds)?
    } else {
        load_dicts(&args.dict, Vec::new())?
    };
    let analyzer = analyzer(&args.models)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let t = std::time::Instant::now();
    let report = dyad_code::suite::run_suite(&suite, &dicts, Some(&analyzer), false);
    let secs = t.elapsed().as_secs_f64();
    if args.given_parse {
        let given = dyad_code::suite::run_suite(&suite, &dicts, Some(&analyzer), true);
        writeln!(out, "== with the suite's own parses")?;
        let g = given.render(false);
        let last = g.lines().last().unwrap_or_default();
        writeln!(out, "{last}")?;
        writeln!(
            out,
            "{}",
            dyad_eval::attribute_errors(&report, &given).render()
        )?;
        writeln!(out, "== from raw text, dyad's own parse")?;
    }
    eprint_line(&format!(
        "coded {} records in {secs:.2} s",
        suite.records.len()
    ));
    let text = report.render(args.list);
    write!(out, "{text}")?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad bench code`: raw text → events on one core, timed, with peak memory.
pub fn bench(args: &BenchCodeArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let t = std::time::Instant::now();
    let dicts = load_dicts(&args.dicts.dict, Vec::new())?;
    let dict_secs = t.elapsed().as_secs_f64();
    let coder = Coder::new(&dicts, CoderOptions::default());
    let t = std::time::Instant::now();
    let analyzer = analyzer(&crate::args::ModelArgs::default())?;
    let model_secs = t.elapsed().as_secs_f64();
    let mut texts = Vec::new();
    for f in &args.files {
        if f.extension().is_some_and(|e| e == "conllu") {
            texts.extend(dyad_text::rebuild_documents(&crate::cmd::parse::read_gold(
                f,
            )?));
        } else {
            texts.push(
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
            );
        }
    }
    let (mut sentences, mut tokens, mut events) = (0usize, 0usize, 0usize);
    let mut skipped = 0usize;
    let mut unparsed = 0usize;
    let articles: Vec<dyad_types::Article> = if args.articles {
        bench_articles(&texts)
    } else {
        Vec::new()
    };
    let c0 = dyad_nlp::cpu_seconds();
    let t = std::time::Instant::now();
    for _ in 0..args.rounds.max(1) {
        if args.articles {
            for a in &articles {
                let (coded, unanalysed) =
                    dyad_code::code_article_with(&coder, a, &analyzer, !args.no_prefilter);
                skipped += unanalysed;
                sentences += coded.len();
                tokens += coded.iter().map(|(s, _)| s.words.len()).sum::<usize>();
                events += dyad_code::article_records(&coder, a, &coded).len();
            }
            continue;
        }
        // Sentence by sentence, without article context.
        for text in &texts {
            for s in dyad_text::segment(text) {
                sentences += 1;
                tokens += s.tokens.len();
                // A sentence that provably gives no event is not tagged and parsed.
                if !args.no_prefilter && !coder.may_code(&s) {
                    skipped += 1;
                    continue;
                }
                let ps = if args.no_prefilter {
                    let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
                    ParsedSentence::from_analysis_owned(&s, analyzer.analyze(&words), text)
                } else {
                    // Tagged first; parsed only if a dictionary verb is there.
                    match dyad_code::prefilter::analyse_for_coding(&coder, &analyzer, &s, text) {
                        Some(ps) => ps,
                        None => {
                            unparsed += 1;
                            continue;
                        }
                    }
                };
                events += coder.code(&ps, None).events.len();
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (c0, dyad_nlp::cpu_seconds()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    writeln!(
        out,
        "dictionaries loaded in {:.0} ms, models in {:.0} ms",
        dict_secs * 1e3,
        model_secs * 1e3
    )?;
    let unit = if args.articles {
        format!("{} articles -> event records", articles.len())
    } else {
        "raw text -> events".to_string()
    };
    writeln!(
        out,
        "{unit}: {sentences} sentences ({tokens} tokens, {events} events) in {secs:.2} s = {:.0} sentences/s wall{}",
        sentences as f64 / secs.max(1e-9),
        cpu.map(|c| format!(", {:.0} sentences per CPU second", sentences as f64 / c.max(1e-9))).unwrap_or_default()
    )?;
    writeln!(
        out,
        "prefilter: {}",
        if args.no_prefilter {
            "off".to_string()
        } else {
            // Alone, a sentence needs two actors (a source and a target); in an article,
            // an actor or agent, or an anaphor that coreference could resolve.
            let why = if args.articles {
                "no actor or agent in them, and nothing that coreference could resolve"
            } else {
                "too few actors in them to give an event"
            };
            format!(
                "{skipped} of {sentences} sentences ({:.1} %) left unanalysed: {why}",
                100.0 * skipped as f64 / sentences.max(1) as f64
            )
        }
    )?;
    if !args.no_prefilter && !args.articles {
        writeln!(
            out,
            "verb prefilter: {unparsed} of {} analysed sentences ({:.1} %) tagged, not parsed: no dictionary verb by lemma or form",
            sentences - skipped,
            100.0 * unparsed as f64 / (sentences - skipped).max(1) as f64
        )?;
    }
    if let Some(kib) = dyad_nlp::peak_rss_kib() {
        writeln!(out, "peak memory (VmHWM): {:.1} MB", kib as f64 / 1024.0)?;
    }
    Ok(())
}
