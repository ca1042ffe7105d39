//! Coding a whole article: segmentation, analysis, coding with the actors that
//! coreference links across sentences, and output records — one per event, with every
//! sentence that reports it — with byte offsets into the article's original (raw) text.
//! The entry point for `dyad code`.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::NaiveDate;
use dyad_article::coref::{self, CorefMention, CorefSentence, CorefWord, Link};
use dyad_dict::DictDate;
use dyad_nlp::Analyzer;
use dyad_types::{Article, CleanKind, Span};

use crate::coder::{Coded, Coder, ContextActor, Event};
use crate::parsed::ParsedSentence;
use crate::record::{EventRecord, RecordVerb};

/// The article's date for the dictionaries (`None` when it has none).
pub fn article_date(article: &Article) -> Option<DictDate> {
    let d = article.published?.date.to_string();
    DictDate::parse(&d.replace('-', ""))
}

/// Segments, analyses and codes every sentence of `article`; spans point into
/// `article.raw_text`.
///
/// Sentences are coded once, the article's coreference is resolved over their actor
/// mentions ([`dyad_article::coref`]), and the sentences holding a resolved pronoun,
/// description or short name are coded again with those actors
/// ([`Coder::code_with_context`]): "He asked the US …" gets the code of the prime
/// minister named in the sentence before, with the rule `coref:pronoun <- sentence 0
/// "Adel Abdul-Mahdi"` among the event's rules.
///
/// Paragraphs the cleaner dropped as near-duplicates of a kept one (a reworded lead) are
/// coded too, after the article's own sentences (their sentence indices continue after
/// the last one): their events only count as further mentions of the kept paragraphs'
/// events ([`article_records`]).
///
/// Sentences that provably can give no event and change nothing in the coreference
/// (see [`crate::prefilter`]) are not tagged and parsed: they stand in the result with
/// their words unanalysed (lemma the lower-cased form, no tags, every head 0) and an empty
/// [`Coded`]. [`code_article_with`] can analyse every sentence instead; the records and
/// quotes are the same either way.
pub fn code_article(
    coder: &Coder<'_>,
    article: &Article,
    analyzer: &Analyzer,
) -> Vec<(ParsedSentence, Coded)> {
    code_article_with(coder, article, analyzer, true).0
}

/// [`code_article`], with the prefilter on or off (`prefilter: false` tags and parses
/// every sentence); also returns how many sentences were left unanalysed.
pub fn code_article_with(
    coder: &Coder<'_>,
    article: &Article,
    analyzer: &Analyzer,
    prefilter: bool,
) -> (Vec<(ParsedSentence, Coded)>, usize) {
    let date = article_date(article);
    let sentences = dyad_text::segment_article(article);
    let analyze = |s: &dyad_types::Sentence, original: &str| {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
        ParsedSentence::from_analysis_owned(s, analyzer.analyze(&words), original)
    };
    let last_paragraph = sentences.last().map_or(0, |s| s.paragraph);
    let duplicates = dyad_text::segment_duplicates(article, sentences.len());
    // (sentence, paragraph for coreference)
    let all: Vec<(&dyad_types::Sentence, usize)> = sentences
        .iter()
        .map(|s| (s, s.paragraph))
        .chain(
            duplicates
                .iter()
                .map(|s| (s, last_paragraph + 1 + s.paragraph)),
        )
        .collect();
    let parses: Vec<Option<ParsedSentence>> = if prefilter {
        let refs: Vec<&dyad_types::Sentence> = all.iter().map(|(s, _)| *s).collect();
        crate::prefilter::article_plan(coder, &refs, |s| analyze(s, &article.raw_text))
    } else {
        all.iter()
            .map(|(s, _)| Some(analyze(s, &article.raw_text)))
            .collect()
    };
    let plan: Vec<bool> = parses.iter().map(Option::is_some).collect();
    let skipped = plan.iter().filter(|&&a| !a).count();
    let paragraphs: Vec<usize> = all.iter().map(|(_, p)| *p).collect();
    let mut coded: Vec<(ParsedSentence, Coded)> = all
        .iter()
        .zip(parses)
        .map(|(&(s, _), parse)| match parse {
            Some(ps) => {
                let c = coder.code(&ps, date);
                (ps, c)
            }
            None => (
                ParsedSentence::from_analysis(s, &[], &article.raw_text),
                Coded::default(),
            ),
        })
        .collect();
    // Coreference reads the sentences in the order they stand in the raw text.
    let mut order: Vec<usize> = (0..coded.len()).collect();
    order.sort_by_key(|&i| (coded[i].0.span.start, i));
    let in_order: Vec<(&ParsedSentence, &Coded, usize)> = order
        .iter()
        .map(|&i| (&coded[i].0, &coded[i].1, paragraphs[i]))
        .collect();
    let links = coref::resolve(&coref_input(&in_order));
    drop(in_order);
    let mut context: Vec<Vec<ContextActor>> = vec![Vec::new(); coded.len()];
    for l in &links {
        let Some(&i) = order.get(l.anaphor.sentence) else {
            continue;
        };
        if l.kind == coref::AnaphorKind::Possessive
            && !possessive_actor(&coded[i].0, l.anaphor.start)
        {
            continue;
        }
        context[i].push(ContextActor {
            start: l.anaphor.start,
            end: l.anaphor.end,
            code: l.code.clone(),
            // Sentence numbers in the rule are the article's, not the reading order's.
            rule: l.rule.replacen(
                &format!("<- sentence {} ", l.antecedent.sentence),
                &format!(
                    "<- sentence {} ",
                    order.get(l.antecedent.sentence).copied().unwrap_or(0)
                ),
                1,
            ),
        });
    }
    for (((ps, c), ctx), (&analysed, &(s, _))) in
        coded.iter_mut().zip(&context).zip(plan.iter().zip(&all))
    {
        if !ctx.is_empty() {
            // The prefilter leaves no sentence coreference gives an actor; should the
            // resolver ever link into one, it is analysed here rather than coded unparsed.
            if !analysed {
                *ps = analyze(s, &article.raw_text);
            }
            *c = coder.code_with_context(ps, date, ctx);
        }
    }
    (coded, skipped)
}

/// Nouns that, owned by an actor, act for it: "his office said", "its troops attacked".
/// Other possessions ("his request", "their homes") are no actors.
const ACTING_FOR: &[&str] = &[
    "office",
    "government",
    "administration",
    "cabinet",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "department",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "envoy",
    "envoys",
    "ambassador",
    "forces",
    "troops",
    "army",
    "military",
    "navy",
    "police",
    "officials",
    "representative",
    "representatives",
    "delegation",
    "delegates",
    "campaign",
    "party",
    "lawyer",
    "lawyers",
    "embassy",
    "militia",
    "militias",
    "fighters",
    "soldiers",
    "negotiators",
    "diplomats",
];

/// True when the possessive determiner at word `w` owns a noun that acts for its owner.
fn possessive_actor(s: &ParsedSentence, w: usize) -> bool {
    let Some(word) = s.words.get(w) else {
        return false;
    };
    // The possessed noun: the determiner's head, else the next noun.
    let head = word
        .head
        .checked_sub(1)
        .and_then(|h| s.words.get(h))
        .filter(|h| h.upos == "NOUN" || h.upos == "PROPN")
        .or_else(|| s.words.get(w + 1));
    head.is_some_and(|h| {
        ACTING_FOR.contains(&h.form.to_lowercase().as_str())
            || ACTING_FOR.contains(&h.lemma.to_lowercase().as_str())
    })
}

/// (dropped paragraph, the kept paragraph it repeats) as raw spans; the kept one is
/// empty when the cleaner's note cannot be read.
fn duplicate_pairs(article: &Article) -> Vec<(Span, Span)> {
    article
        .actions
        .iter()
        .filter(|a| a.kind == CleanKind::DuplicateParagraph)
        .filter(|a| a.raw.start < a.raw.end && a.raw.end <= article.raw_text.len())
        .map(|a| {
            let kept =
                dyad_clean::parse_duplicate_note(&a.note).map_or(Span::new(0, 0), |(_, k)| k);
            (a.raw, kept)
        })
        .collect()
}

/// The coreference links of a coded article, as [`code_article`] resolves them, with
/// sentence indices as positions in `coded` (taken in the given order); `paragraphs`
/// gives each sentence's paragraph (empty: all in one).
pub fn article_coref(coded: &[(ParsedSentence, Coded)], paragraphs: &[usize]) -> Vec<Link> {
    let items: Vec<(&ParsedSentence, &Coded, usize)> = coded
        .iter()
        .enumerate()
        .map(|(i, (ps, c))| (ps, c, paragraphs.get(i).copied().unwrap_or(0)))
        .collect();
    coref::resolve(&coref_input(&items))
}

/// The coreference links of coded sentences given in reading order with their
/// paragraphs.
pub(crate) fn coref_links(items: &[(&ParsedSentence, &Coded, usize)]) -> Vec<Link> {
    coref::resolve(&coref_input(items))
}

/// The resolver's view of a sentence's words.
pub(crate) fn coref_words(ps: &ParsedSentence) -> Vec<CorefWord> {
    ps.words
        .iter()
        .enumerate()
        .map(|(k, w)| CorefWord {
            form: w.form.clone(),
            lemma: w.lemma.clone(),
            upos: w.upos.clone(),
            xpos: w.xpos.clone(),
            head: w.head,
            deprel: w.deprel.clone(),
            space_after: ps
                .words
                .get(k + 1)
                .is_some_and(|x| x.span.start > w.span.end),
        })
        .collect()
}

/// The resolver's view of coded sentences: their words and the dictionary actor
/// mentions (mentions the coreference itself added are left out).
fn coref_input(items: &[(&ParsedSentence, &Coded, usize)]) -> Vec<CorefSentence> {
    items
        .iter()
        .map(|&(ps, c, paragraph)| {
            let n = ps.words.len();
            let words = coref_words(ps);
            let mentions = c
                .actors
                .iter()
                .filter(|a| !a.rules.first().is_some_and(|r| r.starts_with("coref:")))
                .filter_map(|a| {
                    let start = ps.words.iter().position(|w| w.span.start >= a.span.start)?;
                    let end = ps.words.iter().rposition(|w| w.span.end <= a.span.end)? + 1;
                    let (start, end) = if start < end {
                        (start, end)
                    } else {
                        (a.head, a.head + 1)
                    };
                    (end <= n).then(|| CorefMention {
                        start,
                        end,
                        code: a.code.clone(),
                        kind: coref::classify_mention(&words, start, end, &a.code),
                    })
                })
                .collect();
            CorefSentence {
                paragraph,
                words,
                mentions,
            }
        })
        .collect()
}

/// The output records of a coded article, one per event, in the order of first report.
///
/// Each event is dated by the temporal expression governing its verb ("on Thursday",
/// "last year"), resolved against the article's date and the verb's tense; without one
/// it takes the article's date, with two refinements that follow how news is written:
/// - a report without an expression takes the date that expressions give other reports
///   of the same source, target and code (see [`merge_mentions`]);
/// - a report without an expression whose source acted in the previous sentence in a
///   report dated by the text takes that date: a story narrates one occasion over
///   consecutive sentences ("… phoned the envoy on Thursday … In the call, he
///   asked for aid …").
///
/// Reports of the same event are then merged into one record ([`merge_mentions`]).
/// Events of a paragraph the cleaner dropped as a near-duplicate only add mentions to an
/// event of the kept text; alone they are not written.
pub fn article_records(
    coder: &Coder<'_>,
    article: &Article,
    coded: &[(ParsedSentence, Coded)],
) -> Vec<EventRecord> {
    let version = coder.dictionaries().version();
    let pairs = duplicate_pairs(article);
    let dropped_spans: Vec<Span> = pairs.iter().map(|(d, _)| *d).collect();
    let mut records: Vec<EventRecord> = Vec::new();
    let mut dropped: Vec<bool> = Vec::new();
    for (s, c) in coded {
        let is_dropped = dropped_spans
            .iter()
            .any(|d| d.start <= s.span.start && s.span.end <= d.end);
        for e in &c.events {
            let mut r = EventRecord::new(e, &article.id, None, &s.text, &version);
            if let Some(p) = article.published {
                date_record(&mut r, s, e, p.date);
            }
            r.mentions = vec![r.own_mention()];
            records.push(r);
            dropped.push(is_dropped);
        }
    }
    let mut textual: Vec<bool> = records
        .iter()
        .map(|r| r.date_expression.is_some())
        .collect();
    pair_repeats(&mut records, &mut textual, &dropped, &pairs);
    adopt_dates(&mut records, &mut textual);
    carry_dates(&mut records, &mut textual, &dropped);
    adopt_dates(&mut records, &mut textual);
    group(records, &dropped)
}

/// One event per article: records with the same source code, target code, event code
/// and date are one event reported several times, and become one record whose
/// `mentions` list every report (sentence, verb, source and target spans) and whose
/// `mention_count` counts them. The first report keeps the top-level fields.
///
/// News repeats its lead event later with the day it happened ("… met the envoy …" then
/// "… met the envoy in Geneva on Thursday …"): a report dated only by the article's
/// date takes the date of the reports of the same source, target and code that have a
/// temporal expression, when they all give one and the same date. The merged record then
/// carries that date, its precision and expression.
pub fn merge_mentions(mut records: Vec<EventRecord>) -> Vec<EventRecord> {
    let mut textual: Vec<bool> = records
        .iter()
        .map(|r| r.date_expression.is_some())
        .collect();
    adopt_dates(&mut records, &mut textual);
    let dropped = vec![false; records.len()];
    group(records, &dropped)
}

type Key = (String, String, String);

fn key(r: &EventRecord) -> Key {
    (
        r.source.code.clone(),
        r.target
            .as_ref()
            .map(|t| t.code.clone())
            .unwrap_or_default(),
        r.code.clone(),
    )
}

/// Reports not dated by the text take the one date the text gives reports of the same
/// (source, target, code), if there is exactly one.
fn adopt_dates(records: &mut [EventRecord], textual: &mut [bool]) {
    // (Maps are only looked up, never iterated: the output order is the input's.)
    let mut dated: HashMap<Key, Option<(String, Option<String>)>> = HashMap::new();
    for (r, _) in records.iter().zip(textual.iter()).filter(|(_, &t)| t) {
        let d = r.date.clone().map(|d| (d, r.date_precision.clone()));
        match dated.entry(key(r)) {
            Entry::Occupied(mut e) => {
                if e.get().as_ref().map(|s| &s.0) != d.as_ref().map(|d| &d.0) {
                    e.insert(None);
                }
            }
            Entry::Vacant(e) => {
                e.insert(d);
            }
        }
    }
    for (r, t) in records.iter_mut().zip(textual.iter_mut()) {
        if *t || r.date.is_none() {
            continue;
        }
        if let Some(Some((d, p))) = dated.get(&key(r)) {
            r.date = Some(d.clone());
            r.date_precision.clone_from(p);
            *t = true;
        }
    }
}

/// How specific a CAMEO code is: four digits beat three, and a three-digit code not
/// ending in 0 beats the "not specified below" code of its root (041 beats 040, 010).
fn specificity(code: &str) -> (usize, bool) {
    (code.len(), !code.ends_with('0'))
}

/// An event of a dropped paragraph and an event of the kept paragraph it repeats, with
/// the same source, target and verb, are one report told twice (the cleaner judged the
/// paragraphs one): the two take the more specific code of the two ("spoke to the
/// envoy by phone" 041 over "spoke to the envoy" 010) and the date the text gives either.
fn pair_repeats(
    records: &mut [EventRecord],
    textual: &mut [bool],
    dropped: &[bool],
    pairs: &[(Span, Span)],
) {
    let inside = |s: Span, pos: usize| s.start <= pos && pos < s.end;
    for d in 0..records.len() {
        if !dropped[d] {
            continue;
        }
        let pos = records[d].verb.start;
        let Some(&(_, kept)) = pairs.iter().find(|(dp, _)| inside(*dp, pos)) else {
            continue;
        };
        let same = |k: &EventRecord, d: &EventRecord| {
            k.source.code == d.source.code
                && k.target.as_ref().map(|t| &t.code) == d.target.as_ref().map(|t| &t.code)
                && k.verb.text.to_lowercase() == d.verb.text.to_lowercase()
        };
        let Some(k) = (0..records.len()).find(|&k| {
            !dropped[k] && inside(kept, records[k].verb.start) && same(&records[k], &records[d])
        }) else {
            continue;
        };
        // The more specific code for both.
        let (from, to) = if specificity(&records[d].code) > specificity(&records[k].code) {
            (d, k)
        } else {
            (k, d)
        };
        if records[from].code != records[to].code {
            let src = records[from].clone();
            let r = &mut records[to];
            r.code = src.code;
            r.root = src.root;
            r.goldstein = src.goldstein;
            r.quad_class = src.quad_class;
            r.plover = src.plover;
            r.rules = src.rules;
        }
        // The date the text gives one of them.
        let dated = [k, d]
            .into_iter()
            .find(|&i| textual[i] && records[i].date.is_some());
        if let Some(i) = dated {
            let (date, precision) = (records[i].date.clone(), records[i].date_precision.clone());
            for j in [k, d] {
                if !textual[j] {
                    records[j].date.clone_from(&date);
                    records[j].date_precision.clone_from(&precision);
                    textual[j] = true;
                }
            }
        }
    }
}

/// A report not dated by the text takes the date of a report dated by the text in the
/// previous sentence with the same source (one step: dates carried here are not carried
/// further).
fn carry_dates(records: &mut [EventRecord], textual: &mut [bool], dropped: &[bool]) {
    // The first report dated by the text per (sentence, source code).
    let mut first: HashMap<(usize, &str), usize> = HashMap::new();
    for (j, q) in records.iter().enumerate() {
        if textual[j] && !dropped[j] && q.date.is_some() {
            first
                .entry((q.sentence_id, q.source.code.as_str()))
                .or_insert(j);
        }
    }
    let mut carried: Vec<(usize, String, Option<String>)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if textual[i] || dropped[i] || r.date.is_none() || r.sentence_id == 0 {
            continue;
        }
        let prev = first.get(&(r.sentence_id - 1, r.source.code.as_str()));
        if let Some(q) = prev.and_then(|&j| records.get(j)) {
            if let Some(d) = &q.date {
                carried.push((i, d.clone(), q.date_precision.clone()));
            }
        }
    }
    for (i, d, p) in carried {
        records[i].date = Some(d);
        records[i].date_precision = p;
        textual[i] = true;
    }
}

/// Merges records of the same (source, target, code, date) in order of first report;
/// a merged record whose first report is in a dropped paragraph is left out.
fn group(records: Vec<EventRecord>, dropped: &[bool]) -> Vec<EventRecord> {
    let mut out: Vec<(EventRecord, bool)> = Vec::new();
    let mut at: HashMap<(Key, Option<String>), usize> = HashMap::new();
    for (mut r, &d) in records.into_iter().zip(dropped) {
        let k = key(&r);
        match at
            .get(&(k.clone(), r.date.clone()))
            .and_then(|&i| out.get_mut(i))
        {
            Some((o, _)) => {
                if o.date_expression.is_none() && r.date_expression.is_some() {
                    o.date_expression.clone_from(&r.date_expression);
                    o.date_precision.clone_from(&r.date_precision);
                }
                o.mentions.extend(r.mentions);
                o.mention_count = o.mentions.len();
            }
            None => {
                r.mention_count = r.mentions.len();
                at.insert((k, r.date.clone()), out.len());
                out.push((r, d));
            }
        }
    }
    out.into_iter()
        .filter(|(_, d)| !d)
        .map(|(r, _)| r)
        .collect()
}

/// Fills the record's date from the expression governing the event's verb.
fn date_record(r: &mut EventRecord, s: &ParsedSentence, e: &Event, article_date: NaiveDate) {
    use dyad_article::dates::{event_date, tense_from_words};
    let words: Vec<(&str, &str)> = s
        .words
        .iter()
        .map(|w| (w.form.as_str(), w.xpos.as_str()))
        .collect();
    let tense = tense_from_words(&words, e.verb.word);
    let base = s.span.start;
    let verb = Span::new(
        e.verb.span.start.saturating_sub(base),
        e.verb.span.end.saturating_sub(base),
    );
    let d = event_date(&s.text, Some(verb), article_date, tense);
    r.date = Some(d.date.to_string());
    r.date_precision = Some(d.precision.name().to_string());
    r.date_expression = match (d.span, d.expression) {
        (Some(span), Some(text)) if !d.from_article => Some(RecordVerb {
            text,
            start: base + span.start,
            end: base + span.end,
        }),
        _ => None,
    };
}
