//! Developer runner for dyad-nlp before the CLI wires it in: train the models, evaluate
//! them (CoNLL 2018 metrics, raw text and gold tokens), list errors, and benchmark speed.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example nlp -- train-all ../shared/ud models
//! cargo run --release -p dyad-nlp --example nlp -- eval ../shared/ud/en_ewt-ud-test.conllu
//! cargo run --release -p dyad-nlp --example nlp -- bench ../shared/ud/en_ewt-ud-test.conllu
//! ACCURATE=1 cargo run --release -p dyad-nlp --example nlp -- eval ../shared/ud/en_ewt-ud-test.conllu
//! REPEAT=4 cargo run --release -p dyad-nlp --example nlp -- stages ../shared/ud/en_ewt-ud-test.conllu
//! cargo run --release -p dyad-nlp --example nlp -- conllu ../shared/ud/en_ewt-ud-test.conllu > out.conllu
//! REPEAT=5 SEARCHES="2,25,0.5;2,25,1" cargo run --release -p dyad-nlp --example nlp -- tune-search models ../shared/ud/en_ewt-ud-dev.conllu ../shared/ud/en_gum-cc-by-dev.conllu
//! REPEAT=7 cargo run --release -p dyad-nlp --example nlp -- race ../shared/ud/en_ewt-ud-test.conllu models OTHER_MODELS
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_nlp::{evaluate, train, Analyzer};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The models of `dir` or the built-in ones; `ACCURATE=1` parses with the accurate
/// setting's selective beam.
fn analyzer(models: Option<&String>) -> Result<Analyzer, Box<dyn std::error::Error>> {
    let accurate = std::env::var("ACCURATE").is_ok_and(|v| v == "1");
    let a = match (models, accurate) {
        (Some(dir), false) => Analyzer::load(Path::new(dir))?,
        (Some(dir), true) => Analyzer::load_accurate(Path::new(dir))?,
        (None, false) => Analyzer::embedded()?,
        (None, true) => Analyzer::embedded_accurate()?,
    };
    // PRUNE=tagger,parser,supertagger: the models cut to that many weights each.
    Ok(match std::env::var("PRUNE") {
        Ok(p) => pruned(&a, &p),
        Err(_) => a,
    })
}

/// `a` with its models cut to the weights that `spec` ("tagger,parser,supertagger") gives;
/// a model left out of `spec` keeps all its weights.
fn pruned(a: &Analyzer, spec: &str) -> Analyzer {
    let k: Vec<usize> = spec
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    let at = |i: usize| k.get(i).copied().unwrap_or(usize::MAX);
    a.pruned(at(0), at(1), at(2))
}

/// How many times to repeat a timed run: `REPEAT=n`, else `default` (at least 1).
fn repeat(default: usize) -> usize {
    std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
        .max(1)
}

const USAGE: &str =
    "commands: train tagger|lemmatizer|parser UD_DIR OUT_DIR | train-all UD_DIR OUT_DIR | \
                     eval GOLD [MODEL_DIR] | errors GOLD [MODEL_DIR] | bench GOLD [MODEL_DIR] | \
                     stages GOLD [MODEL_DIR] (REPEAT=n) | conllu GOLD [MODEL_DIR] | \
                     tune-search MODEL_DIR GOLD… (SEARCHES=\"width,temperature,margin;…\", \
                     REPEAT=n: the fastest of n turns) | \
                     ablate MODEL_DIR GOLD… | \
                     race GOLD MODEL_DIR[:k,k…]… (REPEAT=n: the fastest of n turns; :k,… \
                     leaves those templates out at parse time); \
                     SEED=n trains with another seed (the shipped models: the default); \
                     the parser is trained as shipped, with word classes from WordNet's \
                     dictionary files in WORDNET=DIR (default /usr/share/wordnet: Debian's \
                     wordnet-base); PLAIN=1 trains it without supertagger, coarse tags and \
                     word classes, and then WORDNET=DIR, COARSE=1, SUPERTAGS=1 add each; \
                     SKIP=\"k,…\" leaves more templates out";

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("");
    match cmd {
        "train" | "train-all" => train_cmd(cmd, &args),
        "eval" => eval_cmd(&args),
        "errors" => errors_cmd(&args),
        "bench" => bench_cmd(&args),
        "stages" => stages_cmd(&args),
        "conllu" => conllu_cmd(&args),
        "tune-search" => tune_search_cmd(&args),
        "ablate" => ablate_cmd(&args),
        "race" => race_cmd(&args),
        _ => Err(USAGE.into()),
    }
}

fn train_cmd(cmd: &str, args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let what = if cmd == "train-all" {
        "all"
    } else {
        args.get(1).map(String::as_str).unwrap_or("")
    };
    let off = if cmd == "train-all" { 1 } else { 2 };
    let ud = PathBuf::from(args.get(off).ok_or(USAGE)?);
    let out = PathBuf::from(args.get(off + 1).ok_or(USAGE)?);
    let (tr, dv) = train::ud_files(&ud);
    let seed = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(train::SEED);
    let steps: &[&str] = match what {
        "all" => &["tagger", "lemmatizer", "parser"],
        "tagger" => &["tagger"],
        "lemmatizer" => &["lemmatizer"],
        "parser" => &["parser"],
        _ => return Err(USAGE.into()),
    };
    for step in steps {
        let r = match *step {
            "tagger" => train::train_tagger(&tr, &dv, &out, seed)?,
            "lemmatizer" => train::train_lemmatizer(&tr, &dv, &out, seed)?,
            _ => {
                // The shipped recipe, or with PLAIN=1 the plain one and its parts one by
                // one: WORDNET=DIR, COARSE=1, SUPERTAGS=1; SKIP="k,…" leaves more
                // templates out.
                let on = |v: &str| std::env::var(v).is_ok_and(|v| v == "1");
                let wordnet = std::env::var("WORDNET")
                    .ok()
                    .map(PathBuf::from)
                    .or_else(|| (!on("PLAIN")).then(|| PathBuf::from(train::WORDNET_DIR)));
                let skip: Vec<u32> = std::env::var("SKIP")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|k| k.trim().parse().ok())
                    .collect();
                let options = train::ParserOptions {
                    wordnet: wordnet.as_deref(),
                    coarse_tags: !on("PLAIN") || on("COARSE"),
                    supertags: !on("PLAIN") || on("SUPERTAGS"),
                    skip: &skip,
                };
                train::train_parser(&tr, &dv, options, &out, seed)?
            }
        };
        for l in &r.lines {
            println!("{l}");
        }
        println!(
            "{step}: dev {:.2}, {} bytes, {:.1}s",
            r.dev_score, r.bytes, r.seconds
        );
    }
    Ok(())
}

fn eval_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let gold_path = args.get(1).ok_or(USAGE)?;
    let t0 = Instant::now();
    let a = analyzer(args.get(2))?;
    let load = t0.elapsed();
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(gold_path)?);
    println!(
        "{gold_path} (models loaded in {:.0} ms)",
        load.as_secs_f64() * 1000.0
    );
    for (name, scores) in [
        ("raw text", evaluate::conll18_raw_text(&a, &gold)),
        ("gold tokens", evaluate::conll18_gold_tokens(&a, &gold)),
    ] {
        let s = scores?;
        let p = |x: dyad_conllu::eval::Score| 100.0 * x.f1();
        println!(
            "{name:>12}: Tokens {:.2} Sentences {:.2} Words {:.2} UPOS {:.2} XPOS {:.2} \
             UFeats {:.2} Lemmas {:.2} UAS {:.2} LAS {:.2}",
            p(s.tokens),
            p(s.sentences),
            p(s.words),
            p(s.upos),
            p(s.xpos),
            p(s.ufeats),
            p(s.lemmas),
            p(s.uas),
            p(s.las)
        );
    }
    Ok(())
}

fn errors_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // Lemma and tag confusions on gold tokens, most frequent first (for tuning on dev).
    let path = args.get(1).ok_or(USAGE)?;
    let a = analyzer(args.get(2))?;
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for s in &gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (g, w) in s.words.iter().zip(a.analyze(&words)) {
            if g.lemma != w.lemma {
                *counts
                    .entry(format!(
                        "LEMMA {} {}: gold {} got {} ({})",
                        g.form, g.xpos, g.lemma, w.lemma, w.xpos
                    ))
                    .or_default() += 1;
            }
            if g.upos != w.upos {
                *counts
                    .entry(format!("UPOS gold {} got {}", g.upos, w.upos))
                    .or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (k, n) in v.iter().take(
        std::env::var("TOP")
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(60),
    ) {
        println!("{n}\t{k}");
    }
    Ok(())
}

fn bench_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let path = args.get(1).ok_or(USAGE)?;
    let c0 = dyad_nlp::cpu_seconds();
    let t0 = Instant::now();
    let a = analyzer(args.get(2))?;
    let load = t0.elapsed();
    let load_cpu = dyad_nlp::cpu_seconds().zip(c0).map(|(b, a)| b - a);
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
    let sents: Vec<Vec<String>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let _ = dyad_nlp::bench(&a, &sents[..sents.len().min(200)]); // warm-up
    let mut all = Vec::new();
    for _ in 0..3 {
        all.extend_from_slice(&sents);
    }
    let b = dyad_nlp::bench(&a, &all);
    println!(
        "load {:.0} ms wall, {:.0} ms CPU",
        load.as_secs_f64() * 1000.0,
        load_cpu.unwrap_or(f64::NAN) * 1000.0
    );
    println!(
        "{} tokens (tag + lemmatize + parse, one thread): {:.3} s wall = {:.0} tokens/s; \
         {:.3} CPU s = {:.0} tokens per CPU second",
        b.tokens,
        b.seconds,
        b.tokens_per_sec,
        b.cpu_seconds.unwrap_or(f64::NAN),
        b.tokens as f64 / b.cpu_seconds.unwrap_or(f64::NAN)
    );
    println!(
        "peak RSS {} KiB",
        b.peak_rss_kib.map_or("?".into(), |k| k.to_string())
    );
    Ok(())
}

fn stages_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // Where the time goes: tagging alone, tagging + parsing, the full analysis (CPU s).
    let path = args.get(1).ok_or(USAGE)?;
    let a = analyzer(args.get(2))?;
    println!("tagger: {}", a.tagger().model().stats());
    println!("parser: {}", a.parser().model().stats());
    if let Some(st) = a.parser().supertagger() {
        println!("supertagger: {}", st.model().stats());
    }
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let reps = repeat(3);
    let ntok: usize = sents.iter().map(Vec::len).sum::<usize>() * reps;
    let time = |f: &dyn Fn(&[&str]) -> usize| {
        let c0 = dyad_nlp::cpu_seconds().unwrap_or(0.0);
        let mut n = 0;
        for _ in 0..reps {
            for s in &sents {
                n += f(s);
            }
        }
        std::hint::black_box(n);
        dyad_nlp::cpu_seconds().unwrap_or(0.0) - c0
    };
    let tag = time(&|s| a.tagger().tag(s).len());
    let parse = time(&|s| a.parser().parse(&a.tagger().tag_nodes(s).1).len());
    if let Some(st) = a.parser().supertagger() {
        let t = time(&|s| st.tag(&a.tagger().tag_nodes(s).1).len());
        println!("tag+supertag {t:.3}");
    }
    let all = time(&|s| a.analyze(s).len());
    println!(
        "{ntok} tokens, CPU s: tag {tag:.3}, tag+parse {parse:.3}, analyze {all:.3} \
         ({:.0} tokens/CPU s)",
        ntok as f64 / all
    );
    Ok(())
}

fn conllu_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // The analysis of the gold words of every sentence as CoNLL-U on stdout: a speed change
    // to the models' inference must leave this output the same byte for byte.
    let path = args.get(1).ok_or(USAGE)?;
    let a = analyzer(args.get(2))?;
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
    let mut out = String::new();
    for s in &gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let sent = dyad_conllu::Sentence {
            comments: s.comments.clone(),
            sent_id: s.sent_id.clone(),
            text: s.text.clone(),
            words: a
                .analyze(&words)
                .into_iter()
                .enumerate()
                .map(|(i, w)| dyad_conllu::Word {
                    id: i + 1,
                    form: w.form,
                    lemma: w.lemma,
                    upos: w.upos,
                    xpos: w.xpos,
                    feats: w.feats,
                    head: Some(w.head),
                    deprel: w.deprel,
                    deps: "_".into(),
                    misc: "_".into(),
                })
                .collect(),
            ..Default::default()
        };
        dyad_conllu::write_sentence(&sent, &mut out);
    }
    print!("{out}");
    Ok(())
}

/// Gold-token sentences of `paths` as parser input (the analyzer's tagger's tags) and
/// their gold (head, relation) per word.
type DevSet = Vec<(Vec<dyad_nlp::parser::Node>, Vec<(usize, String)>)>;

fn dev_set(a: &Analyzer, paths: &[String]) -> Result<DevSet, Box<dyn std::error::Error>> {
    let mut data = Vec::new();
    for path in paths {
        let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
        for s in &gold {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let (_, nodes) = a.tagger().tag_nodes(&words);
            let want: Vec<(usize, String)> = s
                .words
                .iter()
                .map(|w| (w.head.unwrap_or(0), w.deprel.clone()))
                .collect();
            data.push((nodes, want));
        }
    }
    Ok(data)
}

/// Unlabelled and labelled attachment (%, full relations) of `p` on `data`, and the
/// parser's CPU seconds.
fn attachment(p: &dyad_nlp::parser::Parser, data: &DevSet) -> (f64, f64, f64) {
    let ntok: usize = data.iter().map(|d| d.1.len()).sum();
    let c0 = dyad_nlp::cpu_seconds().unwrap_or(0.0);
    let (mut u, mut l) = (0usize, 0usize);
    for (nodes, want) in data {
        for ((h, lab), (gh, gl)) in p.parse(nodes).iter().zip(want) {
            if h == gh {
                u += 1;
                l += usize::from(p.label(*lab) == gl.as_str());
            }
        }
    }
    let secs = dyad_nlp::cpu_seconds().unwrap_or(0.0) - c0;
    let pct = |x: usize| 100.0 * x as f64 / ntok.max(1) as f64;
    (pct(u), pct(l), secs)
}

fn tune_search_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // The parser of MODEL_DIR with other searches (width 1: greedy; more: a selective
    // beam), on gold tokens with the shipped tagger's tags: LAS against parsing time, to
    // choose `parser::ACCURATE_SEARCH` on the dev files.
    use dyad_nlp::parser::{Search, Selective};
    let a = analyzer(Some(args.get(1).ok_or(USAGE)?))?;
    let data = dev_set(&a, args.get(2..).unwrap_or_default())?;
    let ntok: usize = data.iter().map(|d| d.1.len()).sum();
    let grid = std::env::var("SEARCHES")
        .unwrap_or_else(|_| "1,0,0;4,25,1.5;4,25,2;4,25,2.5;6,25,3".into());
    println!("{ntok} words; parser only, tags given; search: UAS LAS, tokens per CPU s");
    let mut searches = Vec::new();
    for spec in grid.split(';') {
        let v: Vec<f32> = spec
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        let [width, temperature, margin] = v[..] else {
            return Err(format!("bad search {spec:?}: want width,temperature,margin").into());
        };
        searches.push(match width as usize {
            0 | 1 => Search::Greedy,
            width => Search::Selective(Selective {
                width,
                temperature,
                margin,
            }),
        });
    }
    // REPEAT=n: each search parses the files n times, the searches taking turns, and its
    // time is the fastest of its passes. On a shared machine one pass can run 10 % or more
    // slower than the next, which hides a difference of cost between two searches.
    let mut results = vec![(0.0, 0.0, f64::MAX); searches.len()];
    for _ in 0..repeat(1) {
        for (search, r) in searches.iter().zip(&mut results) {
            let (uas, las, secs) = attachment(&a.parser().with_search(*search), &data);
            *r = (uas, las, r.2.min(secs));
        }
    }
    for (search, (uas, las, secs)) in searches.iter().zip(results) {
        println!(
            "{search:?}: UAS {uas:.2} LAS {las:.2}, {:.0} tokens/CPU s",
            ntok as f64 / secs
        );
    }
    Ok(())
}

fn ablate_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // What each feature template adds: the greedy parser of MODEL_DIR on gold tokens with
    // one more template left out at parse time, against the model as it is. How
    // `train::PARSER_SKIPPED_TEMPLATES` is chosen (on the dev files).
    // SKIP="k,k,…": leave these out as well first (to try a set of templates together).
    let a = analyzer(Some(args.get(1).ok_or(USAGE)?))?;
    let data = dev_set(&a, args.get(2..).unwrap_or_default())?;
    let more = std::env::var("SKIP").unwrap_or_default();
    let base = a.parser().skipped()
        | dyad_nlp::parser::skip_mask(more.split(',').filter_map(|k| k.trim().parse().ok()));
    let p = a.parser().with_skipped(base);
    let (_, las0, _) = attachment(&p, &data);
    println!("all templates: LAS {las0:.2}; left out already: {base:#x}");
    for k in 0..dyad_nlp::parser::template_count().min(128) {
        let bit = 1u128 << k;
        if base & bit != 0 {
            continue;
        }
        let (_, las, _) = attachment(&p.with_skipped(base | bit), &data);
        println!("template {k}: LAS {las:.2} ({:+.2})", las - las0);
    }
    Ok(())
}

fn race_cmd(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    // race GOLD DIR[:k,k…]…: the full analysis (from tokens) and the parser alone (tags
    // given) of each model directory, taking turns REPEAT times; the fastest pass of each.
    // Turns in one process compare models more fairly than runs one after the other on a
    // shared machine. ":k,k…" leaves those templates out of that directory's parser at
    // parse time. LAS here counts full relations (with subtypes).
    let path = args.get(1).ok_or(USAGE)?;
    let (gold, _) = dyad_conllu::parse(&std::fs::read_to_string(path)?);
    let sents: Vec<Vec<String>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let mut runs = Vec::new();
    for spec in args.get(2..).unwrap_or_default() {
        let (spec_dir, prune) = spec.split_once('@').unwrap_or((spec.as_str(), ""));
        let (dir, skips) = spec_dir.split_once(':').unwrap_or((spec_dir, ""));
        let mut a = analyzer(Some(&dir.to_string()))?;
        if !prune.is_empty() {
            // DIR@t,p,s: the models cut to t, p, s weights (tagger, parser, supertagger).
            a = pruned(&a, prune);
        }
        let extra: Vec<u32> = skips
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        if !extra.is_empty() {
            let p = a.parser();
            let q = p.with_skipped(p.skipped() | dyad_nlp::parser::skip_mask(extra));
            a = a.with_parser(q);
        }
        let data = dev_set(&a, std::slice::from_ref(path))?;
        runs.push((spec.clone(), a, data, f64::MAX, f64::MAX, 0.0));
    }
    for _ in 0..repeat(3) {
        for (_, a, data, full, parse, las) in &mut runs {
            let b = dyad_nlp::bench(a, &sents);
            *full = full.min(b.cpu_seconds.unwrap_or(f64::MAX));
            let (_, l, secs) = attachment(a.parser(), data);
            *parse = parse.min(secs);
            *las = l;
        }
    }
    let ntok: usize = sents.iter().map(Vec::len).sum();
    for (spec, _, _, full, parse, las) in &runs {
        println!(
            "{spec}: LAS {las:.2}; full {:.0} tokens/CPU s ({:.3} s); parser only {:.0} ({:.3} s)",
            ntok as f64 / full,
            full,
            ntok as f64 / parse,
            parse
        );
    }
    Ok(())
}
