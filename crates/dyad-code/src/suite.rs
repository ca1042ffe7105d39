//! Coding the peers' validation suites (read by `dyad-eval`) and scoring the result: the
//! reusable part of `dyad eval` and of the `suite` example. Pure: the caller loads the
//! suite and its dictionaries ([`suite_dictionary_paths`] says which files).

use std::path::PathBuf;

use dyad_dict::{CompileOptions, DictDate, DictKind, Dictionaries};
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
    // TABARI's FORWARD: the story (record ID less its last `-` part) and first actor of
    // the record before.
    let mut prev: Option<(String, Option<String>)> = None;
    suite
        .records
        .iter()
        .map(|r| {
            let mut p = Prediction {
                record_id: r.id.clone(),
                events: Vec::new(),
                diagnostics: Vec::new(),
            };
            let mut ropts = suite_record_options(suite, opts, r);
            let story = r.id.rsplit_once('-').map(|(a, _)| a).unwrap_or("");
            if forwarding(&r.options) {
                ropts.forward_actor = prev
                    .as_ref()
                    .filter(|(s, _)| s == story)
                    .and_then(|(_, c)| c.clone());
            }
            // Counted before any clause is dropped.
            let words = r.text.split_whitespace().count();
            // TABARI drops short comma-delimited clauses before coding.
            let trimmed;
            let r = match comma_limits(suite, &r.options) {
                Some(lim) if !given_parse => {
                    let text = drop_comma_clauses(&r.text, &lim);
                    if text == r.text {
                        r
                    } else {
                        let mut c = r.clone();
                        c.text = text;
                        trimmed = c;
                        &trimmed
                    }
                }
                _ => r,
            };
            let own;
            let coder = if ropts == *opts {
                &base
            } else {
                own = Coder::new(dicts, ropts);
                &own
            };
            let coded = code_record(coder, r, analyzer, given_parse);
            let date = DictDate::parse(&r.date);
            let first = coded.as_ref().and_then(|sents| {
                sents
                    .iter()
                    .find_map(|(s, _)| crate::actors::first_actor_code(dicts, s, date))
            });
            prev = Some((story.to_string(), first));
            match coded {
                Some(sents) => {
                    for (_, c) in sents {
                        for e in &c.events {
                            let tgt = e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("---");
                            p.events.push(GoldEvent::new(&e.source.code, tgt, &e.code));
                        }
                        p.diagnostics.extend(c.diagnostics);
                    }
                    // TABARI leaves a record shorter than `MINIMUM WORDS` uncoded.
                    if suite.kind == dyad_eval::SuiteKind::Tabari
                        && words < minimum_words(&r.options)
                    {
                        p.events.clear();
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

/// TABARI's `SET: MINIMUM WORDS = N` in force (the suite's stated default: 8): a record
/// with fewer words (by white space) is not coded.
pub fn minimum_words(commands: &[String]) -> usize {
    commands
        .iter()
        .rev()
        .find_map(|c| {
            let u = c.to_ascii_uppercase();
            let rest = u.split("MINIMUM WORDS").nth(1)?;
            rest.trim_start_matches(|c: char| c == '=' || c.is_whitespace())
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(8)
}

/// Whether TABARI's pronoun forwarding (`FORWARD: …`) is on by the commands in force:
/// the last `FORWARD:` command holds, and `… OFF` turns it off.
pub fn forwarding(commands: &[String]) -> bool {
    commands
        .iter()
        .rev()
        .map(|c| c.to_ascii_uppercase())
        .find_map(|u| {
            let rest = u.split("FORWARD:").nth(1)?;
            Some(!rest.split_whitespace().any(|w| w == "OFF"))
        })
        .unwrap_or(false)
}

/// The options of one record: the suite's, changed by the TABARI `OPTION:` commands in
/// force for it (`DEFAULT: SOURCE [C] [PRIOR] … TARGET [C] [AFTER]`, `DEFAULT: OFF`, `SET: CODE ALL`,
/// `SET: CODE BY SENTENCE`, `SET: CODE BY CLAUSE`, `SET: CONVERT AGENT = TRUE|FALSE`).
/// Other commands are ignored.
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
                o.default_source_not_prior = false;
                o.default_target_not_after = false;
            } else {
                o.default_source = bracket_after("SOURCE");
                o.default_target = bracket_after("TARGET");
                // `PRIOR` and `AFTER` qualify the stand-ins (see [`CoderOptions`]).
                let words: Vec<&str> = rest.split_whitespace().collect();
                o.default_source_not_prior =
                    o.default_source.is_some() && !words.contains(&"PRIOR");
                o.default_target_not_after =
                    o.default_target.is_some() && !words.contains(&"AFTER");
            }
        }
        if let Some(rest) = u.split("CONVERT AGENT").nth(1) {
            let value = rest.trim_start_matches(|c: char| c == '=' || c.is_whitespace());
            o.convert_agents = value.starts_with("TRUE");
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

/// The coder options for one record of `suite`: `base` changed by the TABARI commands
/// ([`record_options`]) and PETRARCH-2 `<Config>` settings ([`apply_require_dyad`]) in
/// force for it.
pub fn suite_record_options(suite: &Suite, base: &CoderOptions, r: &GoldRecord) -> CoderOptions {
    let mut o = record_options(base, &r.options);
    if suite.kind == dyad_eval::SuiteKind::Petrarch {
        for setting in &r.options {
            apply_require_dyad(&mut o, &setting.to_ascii_uppercase());
            apply_new_actor_length(&mut o, &setting.to_ascii_uppercase());
        }
    }
    o
}

/// PETRARCH-2's `<Config option="require_dyad" value="false">` (seen as the upper-cased
/// setting `REQUIRE_DYAD=FALSE`): an event need not have both a source and a target, so
/// a statement with no addressee is coded with a null target and an agent with no
/// country ("a senior official said") keeps its `---` country. `true` (the default)
/// requires a target and leaves agents with no country as the suite's options have them.
/// Applied to a record's fresh options, with the one value in force.
pub fn apply_require_dyad(o: &mut CoderOptions, setting: &str) {
    let Some(value) = setting.trim().strip_prefix("REQUIRE_DYAD=") else {
        return;
    };
    let open = value.trim() == "FALSE";
    o.allow_no_target = open;
    o.keep_unknown_country |= open;
}

/// PETRARCH-2's `<Config option="new_actor_length" value="4">` (seen as the upper-cased
/// setting `NEW_ACTOR_LENGTH=4`): a participant phrase with no actor of up to that many
/// words is coded as an actor of its own; `0` turns it off. A value that is not a
/// number leaves the option as it was.
pub fn apply_new_actor_length(o: &mut CoderOptions, setting: &str) {
    let Some(value) = setting.trim().strip_prefix("NEW_ACTOR_LENGTH=") else {
        return;
    };
    if let Ok(n) = value.trim().parse::<usize>() {
        o.new_actor_length = n;
    }
}

/// The coder options that follow a suite's conventions.
pub fn suite_options(suite: &Suite) -> CoderOptions {
    CoderOptions {
        split_slash_codes: suite.kind != dyad_eval::SuiteKind::Up,
        agentless_passive_as_active: suite.kind == dyad_eval::SuiteKind::Petrarch,
        complex_stops_sentence: suite.kind == dyad_eval::SuiteKind::Tabari,
        noun_endings: suite.kind == dyad_eval::SuiteKind::Tabari,
        adjacent_agents: suite.kind == dyad_eval::SuiteKind::Tabari,
        post_verb_compound: suite.kind == dyad_eval::SuiteKind::Tabari,
        linear_participants: matches!(
            suite.kind,
            dyad_eval::SuiteKind::Tabari | dyad_eval::SuiteKind::Petrarch
        ),
        hash_discards: suite.kind == dyad_eval::SuiteKind::Tabari,
        // PETRARCH-2 codes an agent with no country as `---` + its sector ("Clerics
        // and lawmakers believe …": ---REL, ---LEG).
        keep_unknown_country: suite.kind == dyad_eval::SuiteKind::Petrarch,
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
    // PETRARCH-2 and UniversalPetrarch match complete words only: a name not closed by
    // `_` is no TABARI stem for them ("THE_KU" must not match "The Kuwait").
    let recompiled;
    let dicts = if suite_stems(suite) {
        dicts
    } else {
        let mut d = dicts.clone();
        d.compile_with(CompileOptions { stems: false });
        recompiled = d;
        &recompiled
    };
    let preds = predict(suite, dicts, &suite_options(suite), analyzer, given_parse);
    dyad_eval::score(suite, &preds)
}

/// Whether the suite's coder reads names not closed by `_` as TABARI stems: TABARI does;
/// PETRARCH-2 and UniversalPetrarch match complete words only.
pub fn suite_stems(suite: &Suite) -> bool {
    suite.kind == dyad_eval::SuiteKind::Tabari
}

/// TABARI's limits on comma-delimited clauses, in words: a clause between two commas
/// with `min..=max` words, the terminal clause (after the last comma) with
/// `emin..=emax` and the initial one (before the first) with `bmin..=bmax` are dropped
/// before coding ("Arnor …, almost five years after Calenardhon crowds burned down its
/// embassy, a senior official said" keeps "Arnor …").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    /// Internal clause: fewest words.
    pub min: usize,
    /// Internal clause: most words.
    pub max: usize,
    /// Terminal clause: fewest words.
    pub emin: usize,
    /// Terminal clause: most words.
    pub emax: usize,
    /// Initial clause: fewest words.
    pub bmin: usize,
    /// Initial clause: most words (0: never).
    pub bmax: usize,
}

impl Default for CommaLimits {
    /// The TABARI validation suite's own statement of its defaults ("returning to the
    /// state prior to the change": `MIN = 2 MAX = 10 EMIN = 2 EMAX = 10`, initial
    /// clauses never).
    fn default() -> Self {
        CommaLimits {
            min: 2,
            max: 10,
            emin: 2,
            emax: 10,
            bmin: 255,
            bmax: 0,
        }
    }
}

/// The comma limits in force for a record of `suite`: TABARI suites only, the defaults
/// changed by the `COMMA:` option commands in force (`COMMA: OFF` turns it off; a key
/// not given keeps its value).
pub fn comma_limits(suite: &Suite, commands: &[String]) -> Option<CommaLimits> {
    if suite.kind != dyad_eval::SuiteKind::Tabari {
        return None;
    }
    comma_commands(commands)
}

/// The comma limits after the `COMMA:` commands among `commands`, from the defaults.
fn comma_commands(commands: &[String]) -> Option<CommaLimits> {
    let mut lim = Some(CommaLimits::default());
    for c in commands {
        let u = c.to_ascii_uppercase();
        let Some(rest) = u.split("COMMA:").nth(1) else {
            continue;
        };
        if rest.trim_start().starts_with("OFF") {
            lim = None;
            continue;
        }
        let mut l = lim.unwrap_or_default();
        // `KEY = N` pairs, in any order.
        let toks: Vec<&str> = rest
            .split(|ch: char| ch.is_whitespace() || ch == '=' || ch == '}')
            .filter(|t| !t.is_empty())
            .collect();
        for w in toks.windows(2) {
            let Ok(n) = w[1].parse::<usize>() else {
                continue;
            };
            match w[0] {
                "MIN" => l.min = n,
                "MAX" => l.max = n,
                "EMIN" => l.emin = n,
                "EMAX" => l.emax = n,
                "BMIN" => l.bmin = n,
                "BMAX" => l.bmax = n,
                _ => {}
            }
        }
        lim = Some(l);
    }
    lim
}

/// `text` without the comma-delimited clauses `lim` drops: internal clauses first, then
/// the initial and terminal clauses of what is left ("A, in remarks on Monday, urged B"
/// has no terminal clause once the internal one is gone). A clause comma is a comma
/// followed by white space (not the one in "50,000"); a clause's words are counted by
/// white space; a list item is no clause ("Mordor, the Shire, Fornost and Bree"); the
/// sentence's final stop stays.
pub fn drop_comma_clauses(text: &str, lim: &CommaLimits) -> String {
    let body = text.trim_end();
    let (body, stop) = match body.strip_suffix(['.', '!', '?']) {
        Some(b) => (b, &body[b.len()..]),
        None => (body, ""),
    };
    let within = |n: usize, lo: usize, hi: usize| lo <= n && n <= hi;
    let conj = |w: &str| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
                .as_str(),
            "and" | "or" | "nor"
        )
    };
    // Internal clauses, each with both its commas.
    let commas = clause_commas(body);
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for (k, w) in commas.windows(2).enumerate() {
        let next_end = commas.get(k + 2).copied().unwrap_or(body.len());
        let listed = body[w[0] + 1..w[1]].split_whitespace().take(3).any(conj)
            || body[w[1] + 1..next_end]
                .split_whitespace()
                .take(3)
                .any(conj);
        let n = body[w[0] + 1..w[1]].split_whitespace().count();
        if !listed && within(n, lim.min, lim.max) {
            drop.push((w[0], w[1] + 1));
        }
    }
    let inner = cut(body, &drop);
    // Then the initial clause with the comma after it, the terminal one with the comma
    // before it.
    let commas = clause_commas(&inner);
    let mut drop: Vec<(usize, usize)> = Vec::new();
    if let (Some(&first), Some(&last)) = (commas.first(), commas.last()) {
        if within(
            inner[..first].split_whitespace().count(),
            lim.bmin,
            lim.bmax,
        ) {
            drop.push((0, first + 1));
        }
        // TABARI drops a short terminal clause even when it ends a list (its suite
        // expects "…, especially to Nepal, Arnor and Dagolath, Mordor and Elrond who
        // are working in Eriador" to lose the last clause).
        let tail = &inner[last + 1..];
        if within(tail.split_whitespace().count(), lim.emin, lim.emax) {
            drop.push((last, inner.len()));
        }
    }
    let mut out = cut(&inner, &drop);
    if out.is_empty() {
        return text.to_string();
    }
    out.push_str(stop);
    if out == text.split_whitespace().collect::<Vec<_>>().join(" ") {
        return text.to_string();
    }
    out
}

/// Byte offsets of the commas of `s` that are followed by white space.
fn clause_commas(s: &str) -> Vec<usize> {
    s.char_indices()
        .filter(|&(i, ch)| ch == ',' && s[i + 1..].starts_with(char::is_whitespace))
        .map(|(i, _)| i)
        .collect()
}

/// `s` without the byte ranges `drop` (sorted by start; overlaps merge), white space
/// normalised.
fn cut(s: &str, drop: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for &(a, b) in drop {
        if a >= at {
            out.push_str(&s[at..a]);
            out.push(' ');
        }
        at = at.max(b).min(s.len());
    }
    out.push_str(&s[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_clauses_dropped_by_tabari_limits() {
        let lim = CommaLimits::default();
        let cases = [
            (
                "Arnor's foreign minister, in remarks published on Monday, urged Eriador to respond.",
                "Arnor's foreign minister urged Eriador to respond.",
            ),
            (
                "Arnor will restore ties with Gxndor, almost five years after Calenardhon crowds burned down its embassy,  a senior official said on Saturday.",
                // The internal clause goes first; the commas left frame no terminal one.
                "Arnor will restore ties with Gxndor a senior official said on Saturday.",
            ),
            (
                "Arnor will restore ties with Gondor, a senior official said on Saturday.",
                "Arnor will restore ties with Gondor.",
            ),
            // A list item is kept.
            (
                "Mordor, the Shire, Fornost and Bree welcomed ties after a rift, the agency said.",
                "Mordor, the Shire, Fornost and Bree welcomed ties after a rift.",
            ),
            // A comma in a number is no clause comma.
            ("Arnor sent 50,000 tonnes.", "Arnor sent 50,000 tonnes."),
        ];
        for (text, want) in cases {
            assert_eq!(drop_comma_clauses(text, &lim), want, "{text}");
        }
    }

    fn cmds(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn require_dyad_config_was_ignored() {
        // PETRARCH-2's `<Config option="require_dyad" value="false">` turns on null
        // targets and countryless agents; `true` (any case) turns them off again.
        let mut o = CoderOptions::default();
        apply_require_dyad(&mut o, "REQUIRE_DYAD=FALSE");
        assert!(o.allow_no_target && o.keep_unknown_country);
        apply_require_dyad(&mut o, "COMMA_EMAX=0");
        assert!(o.allow_no_target, "another setting changes nothing");
        let mut o = CoderOptions::default();
        apply_require_dyad(&mut o, "REQUIRE_DYAD=TRUE");
        assert!(!o.allow_no_target && !o.keep_unknown_country);
        // PETRARCH-2 keeps countryless agents ("---REL") whatever require_dyad says.
        let mut o = CoderOptions {
            keep_unknown_country: true,
            ..CoderOptions::default()
        };
        apply_require_dyad(&mut o, "REQUIRE_DYAD=TRUE");
        assert!(!o.allow_no_target && o.keep_unknown_country);
    }

    #[test]
    fn new_actor_length_config_was_ignored() {
        // PETRARCH-2's `<Config option="new_actor_length" value="4">`; `0` turns it off,
        // a value that is no number changes nothing.
        let mut o = CoderOptions::default();
        apply_new_actor_length(&mut o, "NEW_ACTOR_LENGTH=4");
        assert_eq!(o.new_actor_length, 4);
        apply_new_actor_length(&mut o, "NEW_ACTOR_LENGTH=FOUR");
        assert_eq!(o.new_actor_length, 4);
        apply_new_actor_length(&mut o, "REQUIRE_DYAD=FALSE");
        assert_eq!(o.new_actor_length, 4);
        apply_new_actor_length(&mut o, "NEW_ACTOR_LENGTH=0");
        assert_eq!(o.new_actor_length, 0);
    }

    #[test]
    fn comma_commands_change_and_cancel_the_limits() {
        assert_eq!(comma_commands(&[]), Some(CommaLimits::default()));
        let l = comma_commands(&cmds(&[
            "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8}",
        ]));
        assert_eq!(
            l,
            Some(CommaLimits {
                min: 4,
                max: 6,
                emin: 3,
                emax: 6,
                bmin: 3,
                bmax: 8
            })
        );
        assert_eq!(
            comma_commands(&cmds(&["COMMA: MIN = 4", "COMMA: OFF"])),
            None
        );
    }

    #[test]
    fn forward_command_turns_forwarding_on_and_off() {
        assert!(!forwarding(&[]));
        assert!(forwarding(&cmds(&["FORWARD: ^^*****NNN*SSS"])));
        assert!(!forwarding(&cmds(&[
            "FORWARD: ^^*****NNN*SSS",
            "FORWARD: ^^*****NNN*SSS OFF"
        ])));
    }

    #[test]
    fn minimum_words_default_and_set() {
        assert_eq!(minimum_words(&[]), 8);
        assert_eq!(
            minimum_words(&cmds(&["SET: MINIMUM WORDS = 4", "SET: CODE ALL"])),
            4
        );
        assert_eq!(minimum_words(&cmds(&["SET: MINIMUM WORDS = 20  */"])), 20);
    }

    #[test]
    fn convert_agent_command_sets_the_option() {
        let base = CoderOptions::default();
        let o = record_options(&base, &cmds(&["SET: CONVERT AGENT = TRUE"]));
        assert!(o.convert_agents);
        let o = record_options(
            &base,
            &cmds(&["SET: CONVERT AGENT = TRUE", "SET: CONVERT AGENT = FALSE"]),
        );
        assert!(!o.convert_agents);
    }
}
