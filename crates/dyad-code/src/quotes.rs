//! Quote records for `dyad code --quotes`: the article's direct quotations (found by
//! `dyad_article::quotes`) with their speakers, the speaker's actor code from the
//! dictionaries where a dictionary actor is named in the speaker phrase (or, for a pronoun,
//! in the earlier speaker it refers to), and byte offsets into the original article.

use dyad_dict::DictDate;
use dyad_types::{Article, Sentence, Span};
use serde::{Deserialize, Serialize};

use crate::actors::code_on;
use crate::coder::Coder;
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
                let refers_to = s.antecedent.as_ref().map(|a| raw(a.span));
                let named = s
                    .antecedent
                    .as_ref()
                    .map_or(s.text.as_str(), |a| a.text.as_str());
                QuoteSpeaker {
                    span: raw(s.span),
                    kind: format!("{:?}", s.kind).to_lowercase(),
                    refers_to,
                    code: speaker_code(coder, named, date),
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
