//! Coding the peers' validation suites (read by `dyad-eval`) and scoring the result: the
//! reusable part of `dyad eval` and of the `suite` example. Pure: the caller loads the
//! suite and its dictionaries ([`suite_dictionary_paths`] says which files).

use std::path::PathBuf;

use dyad_dict::{DictDate, DictKind, Dictionaries};
use dyad_eval::{GoldEvent, GoldRecord, Prediction, Report, Suite};
use dyad_nlp::Analyzer;

use crate::coder::{Coded, Coder, CoderOptions};
use crate::parsed::ParsedSentence;

/// The dictionary files a suite names, with the kind to load each as (`None`: tell the
/// verbs style from the content).
pub fn suite_dictionary_paths(suite: &Suite) -> Vec<(PathBuf, Option<DictKind>)> {
    suite
        .dictionaries
        .iter()
        .map(|d| {
            let kind = match d.kind {
                "actors" => Some(DictKind::Actors),
                "agents" => Some(DictKind::Agents),
                "discards" => Some(DictKind::Discards),
                "issues" => Some(DictKind::Issues),
                "options" => Some(DictKind::TabariOptions),
                "ontology" => Some(DictKind::Ontology),
                _ => None,
            };
            (d.path.clone(), kind)
        })
        .collect()
}

/// The parsed sentences of a record: the suite's own parse when `given_parse` and the
/// record has one, else our segmentation and analysis of its text. `None` when neither
/// is possible (no analyzer).
pub fn record_sentences(
    record: &GoldRecord,
    analyzer: Option<&Analyzer>,
    given_parse: bool,
) -> Option<Vec<ParsedSentence>> {
    if given_parse {
        if let Some(p) = &record.parse {
            return Some(vec![ParsedSentence::from_conllu(p, 0)]);
        }
    }
    let a = analyzer?;
    Some(analyze_text(&record.text, a))
}

/// Segments, tokenizes and analyses `text` with our own models.
pub fn analyze_text(text: &str, analyzer: &Analyzer) -> Vec<ParsedSentence> {
    dyad_text::segment(text)
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let analysis = analyzer.analyze(&words);
            ParsedSentence::from_analysis(s, &analysis, text)
        })
        .collect()
}

/// Codes one record: its sentences and what each gave.
pub fn code_record(
    coder: &Coder<'_>,
    record: &GoldRecord,
    analyzer: Option<&Analyzer>,
    given_parse: bool,
) -> Option<Vec<(ParsedSentence, Coded)>> {
    let date = DictDate::parse(&record.date);
    let sents = record_sentences(record, analyzer, given_parse)?;
    Some(
        sents
            .into_iter()
            .map(|s| {
                let c = coder.code(&s, date);
                (s, c)
            })
            .collect(),
    )
}

/// The predictions for every record of a suite.
pub fn predict(
    suite: &Suite,
    dicts: &Dictionaries,
    opts: &CoderOptions,
    analyzer: Option<&Analyzer>,
    given_parse: bool,
) -> Vec<Prediction> {
    let base = Coder::new(dicts, opts.clone());
    suite
        .records
        .iter()
        .map(|r| {
            let mut p = Prediction {
                record_id: r.id.clone(),
                events: Vec::new(),
                diagnostics: Vec::new(),
            };
            let ropts = record_options(opts, &r.options);
            let own;
            let coder = if ropts == *opts {
                &base
            } else {
                own = Coder::new(dicts, ropts);
                &own
            };
            match code_record(coder, r, analyzer, given_parse) {
                Some(sents) => {
                    for (_, c) in sents {
                        for e in &c.events {
                            let tgt = e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("---");
                            p.events.push(GoldEvent::new(&e.source.code, tgt, &e.code));
                        }
                        p.diagnostics.extend(c.diagnostics);
                    }
                }
                None => p
                    .diagnostics
                    .push("no parse: the record has none and no analyzer was given".into()),
            }
            p
        })
        .collect()
}

/// The options of one record: the suite's, changed by the TABARI `OPTION:` commands in
/// force for it (`DEFAULT: SOURCE [C] … TARGET [C]`, `DEFAULT: OFF`, `SET: CODE ALL`,
/// `SET: CODE BY SENTENCE`, `SET: CODE BY CLAUSE`). Other commands are ignored.
pub fn record_options(base: &CoderOptions, commands: &[String]) -> CoderOptions {
    let mut o = base.clone();
    for c in commands {
        let u = c.to_ascii_uppercase();
        if let Some(rest) = u.split("DEFAULT:").nth(1) {
            let bracket_after = |key: &str| -> Option<String> {
                let at = rest.find(key)? + key.len();
                let tail = &rest[at..];
                let open = tail.find('[')?;
                let close = tail[open..].find(']')? + open;
                // Only the brackets right after the key belong to it.
                tail[..open]
                    .trim()
                    .is_empty()
                    .then(|| tail[open + 1..close].trim().to_string())
            };
            if rest.trim_start().starts_with("OFF") {
                o.default_source = None;
                o.default_target = None;
            } else {
                o.default_source = bracket_after("SOURCE");
                o.default_target = bracket_after("TARGET");
            }
        }
        if u.contains("CODE ALL") {
            o.one_verb_per_sentence = false;
            o.first_verb_only = false;
        } else if u.contains("CODE BY SENTENCE") {
            o.one_verb_per_sentence = true;
            o.first_verb_only = true;
        } else if u.contains("CODE BY CLAUSE") {
            o.one_verb_per_sentence = base.one_verb_per_sentence;
            o.first_verb_only = false;
        }
    }
    o
}

/// The coder options that follow a suite's conventions.
pub fn suite_options(suite: &Suite) -> CoderOptions {
    CoderOptions {
        split_slash_codes: suite.kind != dyad_eval::SuiteKind::Up,
        agentless_passive_as_active: suite.kind == dyad_eval::SuiteKind::Petrarch,
        complex_stops_sentence: suite.kind == dyad_eval::SuiteKind::Tabari,
        hash_discards: suite.kind == dyad_eval::SuiteKind::Tabari,
        one_verb_per_sentence: matches!(
            suite.kind,
            dyad_eval::SuiteKind::Tabari | dyad_eval::SuiteKind::Petrarch
        ),
        ..CoderOptions::default()
    }
}

/// Codes every record of `suite` with `dicts` (from our parse of the raw text, or the
/// suite's own parse with `given_parse`) and scores the result.
pub fn run_suite(
    suite: &Suite,
    dicts: &Dictionaries,
    analyzer: Option<&Analyzer>,
    given_parse: bool,
) -> Report {
    let preds = predict(suite, dicts, &suite_options(suite), analyzer, given_parse);
    dyad_eval::score(suite, &preds)
}
