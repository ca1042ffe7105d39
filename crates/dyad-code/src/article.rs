//! Coding a whole article: segmentation, analysis, coding, and output records with byte
//! offsets into the article's original (raw) text. The entry point for `dyad code`.

use chrono::NaiveDate;
use dyad_dict::DictDate;
use dyad_nlp::Analyzer;
use dyad_types::{Article, Span};

use crate::coder::{Coded, Coder, Event};
use crate::parsed::ParsedSentence;
use crate::record::{EventRecord, RecordVerb};

/// The article's date for the dictionaries (`None` when it has none).
pub fn article_date(article: &Article) -> Option<DictDate> {
    let d = article.published?.date.to_string();
    DictDate::parse(&d.replace('-', ""))
}

/// Segments, analyses and codes every sentence of `article`; spans point into
/// `article.raw_text`.
pub fn code_article(
    coder: &Coder<'_>,
    article: &Article,
    analyzer: &Analyzer,
) -> Vec<(ParsedSentence, Coded)> {
    let date = article_date(article);
    dyad_text::segment_article(article)
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let analysis = analyzer.analyze(&words);
            let ps = ParsedSentence::from_analysis(s, &analysis, &article.raw_text);
            let c = coder.code(&ps, date);
            (ps, c)
        })
        .collect()
}

/// The output records of a coded article, in sentence and verb order. Each event is
/// dated by the temporal expression governing its verb ("on Thursday", "last year"),
/// resolved against the article's date and the verb's tense; without one it takes the
/// article's date.
pub fn article_records(
    coder: &Coder<'_>,
    article: &Article,
    coded: &[(ParsedSentence, Coded)],
) -> Vec<EventRecord> {
    let version = coder.dictionaries().version();
    coded
        .iter()
        .flat_map(|(s, c)| {
            c.events
                .iter()
                .map(|e| {
                    let mut r = EventRecord::new(e, &article.id, None, &s.text, &version);
                    if let Some(p) = article.published {
                        date_record(&mut r, s, e, p.date);
                    }
                    r
                })
                .collect::<Vec<_>>()
        })
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
