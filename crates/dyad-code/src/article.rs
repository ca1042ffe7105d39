//! Coding a whole article: segmentation, analysis, coding, and output records with byte
//! offsets into the article's original (raw) text. The entry point for `dyad code`.

use dyad_dict::DictDate;
use dyad_nlp::Analyzer;
use dyad_types::Article;

use crate::coder::{Coded, Coder};
use crate::parsed::ParsedSentence;
use crate::record::EventRecord;

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

/// The output records of a coded article, in sentence and verb order.
pub fn article_records(
    coder: &Coder<'_>,
    article: &Article,
    coded: &[(ParsedSentence, Coded)],
) -> Vec<EventRecord> {
    let date = article.published.map(|p| p.date.to_string());
    let version = coder.dictionaries().version();
    coded
        .iter()
        .flat_map(|(s, c)| {
            c.events
                .iter()
                .map(|e| EventRecord::new(e, &article.id, date.clone(), &s.text, &version))
                .collect::<Vec<_>>()
        })
        .collect()
}
