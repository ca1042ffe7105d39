//! Quote records for `dyad code --quotes`: the article's direct quotations (found by
//! `dyad_article::quotes`) with their speakers, the speaker's actor code from the
//! dictionaries where a dictionary actor is named in the speaker phrase (or, for a pronoun,
//! in the earlier speaker it refers to), and byte offsets into the original article.

use dyad_dict::DictDate;
use dyad_types::{Article, Sentence, Span};
use serde::{Deserialize, Serialize};

use crate::actors::code_on;
use crate::coder::{Coded, Coder};
use crate::parsed::ParsedSentence;
use crate::record::SCHEMA_VERSION;

/// A span of the original article with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSpan {
    /// The text as written.
    pub text: String,
    /// First byte in the original article.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The speaker of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSpeaker {
    /// The speaker phrase and where it is.
    #[serde(flatten)]
    pub span: QuoteSpan,
    /// `name`, `pronoun` or `description`.
    pub kind: String,
    /// For a pronoun, the earlier speaker it refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<QuoteSpan>,
    /// Actor code, when the dictionaries name the speaker.
    pub code: Option<String>,
}

/// One quote record (`"record": "quote"`), a JSON line of `dyad code --quotes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Layout version (shared with event records).
    pub schema_version: u32,
    /// Always `quote`, to tell these lines from events.
    pub record: String,
    /// The article's id.
    pub article_id: String,
    /// 0-based indices of the sentences the quote overlaps.
    pub sentence_ids: Vec<usize>,
    /// The quoted words (pieces joined by a space) and the span from the first to the last.
    pub quote: QuoteSpan,
    /// False when the quote is never closed and runs to the end of its paragraph.
    pub closed: bool,
    /// Who said it, when found.
    pub speaker: Option<QuoteSpeaker>,
    /// The attribution verb ("said", "added", "according to").
    pub verb: Option<QuoteSpan>,
}

impl QuoteRecord {
    /// The record as one JSON line (no trailing newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The quote records of an article, given its sentences (from `dyad_text::segment_article`).
pub fn article_quotes(
    coder: &Coder<'_>,
    article: &Article,
    sentences: &[Sentence],
) -> Vec<QuoteRecord> {
    article_quotes_coded(coder, article, sentences, &[])
}

/// The quote records of an article, with the article's coreference (from `coded`, as
/// [`crate::code_article`] returns it) naming speakers the dictionaries do not: a speaker
/// phrase holding a resolved pronoun or short name ("a statement from his office") takes
/// the code of the actor it refers to, and `refers_to` names that actor's mention.
pub fn article_quotes_coded(
    coder: &Coder<'_>,
    article: &Article,
    sentences: &[Sentence],
    coded: &[(ParsedSentence, Coded)],
) -> Vec<QuoteRecord> {
    let links = coref_spans(article, sentences, coded);
    let date = crate::article::article_date(article);
    let raw = |span: Span| {
        let r = article.offsets.span_to_raw(span);
        QuoteSpan {
            text: span.slice(&article.text).to_string(),
            start: r.start,
            end: r.end,
        }
    };
    dyad_article::quotes::find_quotes(&article.text, sentences)
        .into_iter()
        .map(|q| {
            let speaker = q.speaker.as_ref().map(|s| {
                let mut refers_to = s.antecedent.as_ref().map(|a| raw(a.span));
                let named = s
                    .antecedent
                    .as_ref()
                    .map_or(s.text.as_str(), |a| a.text.as_str());
                let mut code = speaker_code(coder, named, date);
                let span = raw(s.span);
                if code.is_none() {
                    // A resolved anaphor inside the speaker phrase (or its antecedent).
                    let within = refers_to.as_ref().unwrap_or(&span);
                    if let Some((_, ante, c)) = links
                        .iter()
                        .find(|(a, _, _)| within.start <= a.start && a.end <= within.end)
                    {
                        code = Some(c.clone());
                        refers_to = refers_to.or_else(|| Some(ante.clone()));
                    }
                }
                QuoteSpeaker {
                    span,
                    kind: format!("{:?}", s.kind).to_lowercase(),
                    refers_to,
                    code,
                }
            });
            let mut quote = raw(q.text);
            quote.text = q.quoted(&article.text);
            QuoteRecord {
                schema_version: SCHEMA_VERSION,
                record: "quote".to_string(),
                article_id: article.id.clone(),
                sentence_ids: q.sentences.clone(),
                quote,
                closed: q.closed,
                speaker,
                verb: q.verb.map(raw),
            }
        })
        .collect()
}

/// The article's coreference links as raw spans: (anaphor, antecedent with its text,
/// code). Sentences are read in raw-text order, as [`crate::code_article`] reads them.
fn coref_spans(
    article: &Article,
    sentences: &[Sentence],
    coded: &[(ParsedSentence, Coded)],
) -> Vec<(Span, QuoteSpan, String)> {
    if coded.is_empty() {
        return Vec::new();
    }
    let last = sentences.last().map_or(0, |s| s.paragraph);
    let mut order: Vec<usize> = (0..coded.len()).collect();
    order.sort_by_key(|&i| (coded[i].0.span.start, i));
    let in_order: Vec<&ParsedSentence> = order.iter().map(|&i| &coded[i].0).collect();
    // A sentence of the cleaned text has its paragraph; one of a dropped paragraph
    // counts as a paragraph of its own.
    let para_of: std::collections::HashMap<(usize, usize), usize> = sentences
        .iter()
        .map(|s| ((s.raw.start, s.raw.end), s.paragraph))
        .collect();
    let paragraphs: Vec<usize> = in_order
        .iter()
        .enumerate()
        .map(|(k, ps)| {
            para_of
                .get(&(ps.span.start, ps.span.end))
                .copied()
                .unwrap_or(last + 1 + k)
        })
        .collect();
    let span_of = |sentence: usize, start: usize, end: usize| -> Option<Span> {
        let ps = in_order.get(sentence)?;
        let a = ps.words.get(start)?.span.start;
        let b = ps.words.get(end.checked_sub(1)?)?.span.end;
        Some(Span::new(a, b))
    };
    let items: Vec<(&ParsedSentence, &Coded, usize)> = order
        .iter()
        .zip(&paragraphs)
        .map(|(&i, &p)| (&coded[i].0, &coded[i].1, p))
        .collect();
    crate::article::coref_links(&items)
        .into_iter()
        .filter(|l| !l.code.starts_with("---"))
        .filter_map(|l| {
            let a = span_of(l.anaphor.sentence, l.anaphor.start, l.anaphor.end)?;
            let b = span_of(l.antecedent.sentence, l.antecedent.start, l.antecedent.end)?;
            let text = article.raw_text.get(b.start..b.end)?.to_string();
            Some((
                a,
                QuoteSpan {
                    text,
                    start: b.start,
                    end: b.end,
                },
                l.code,
            ))
        })
        .collect()
}

/// The code of the last dictionary actor named in a speaker phrase ("Department of State
/// spokeswoman Morgan Ortagus": the person, when the dictionaries know her, else the
/// department).
fn speaker_code(coder: &Coder<'_>, phrase: &str, date: Option<DictDate>) -> Option<String> {
    let dicts = coder.dictionaries();
    let tokens: Vec<String> = dyad_text::tokenize(phrase)
        .into_iter()
        .map(|t| t.text)
        .collect();
    dicts
        .match_actors(&tokens)
        .iter()
        .rev()
        .find_map(|m| {
            let id = *m.values.first()?;
            let entry = dicts.actors.get(id as usize)?;
            code_on(entry, date).map(|c| c.code.clone())
        })
        .filter(|c| c != "---")
}
