//! Issue #7 on the project's seed article, read by path from `../shared` (never
//! committed): ingested and cleaned as `dyad code` does, coded with the repository's own
//! `dictionaries/` folder (`DYAD_SEED_DICT=DIR` points a development run elsewhere).
//! Skips with a note when the article is absent.
//!
//! Checked, because they hold whatever the verb dictionaries say: the pronoun "he" of
//! the second sentence is coded as the Iraqi prime minister, the quotes are attributed
//! to Abdul-Mahdi's office, to Trump and to Ortagus, the photo caption yields nothing.
//! Reported (and checked only when the dictionaries code the sentences at all): the
//! lead's event and the request are dated 2020-01-09 and each written once with at
//! least two mentions; the parliament's resolution is dated 2020-01-05.

use std::path::PathBuf;

use dyad_code::{
    article_quotes_coded, article_records, code_article, Coder, CoderOptions, EventRecord,
};
use dyad_types::{Article, CleanKind, Origin};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> Option<Article> {
    let path = root().join("../shared/examples/seed-article.txt");
    let bytes = std::fs::read(&path).ok()?;
    let origin = Origin {
        path: path.display().to_string(),
        ..Origin::default()
    };
    let opts = dyad_ingest::IngestOptions::default();
    let mut article = dyad_ingest::parse_bytes(&bytes, origin, &opts)
        .into_iter()
        .find_map(|r| match r {
            dyad_ingest::Record::Article(a) => Some(*a),
            dyad_ingest::Record::Skipped(_) => None,
        })?;
    dyad_clean::clean(&mut article, &dyad_clean::CleanOptions::default());
    Some(article)
}

/// The record reporting an event in the sentence that contains `words`.
fn reported_in<'r>(recs: &'r [EventRecord], words: &str) -> Option<&'r EventRecord> {
    recs.iter()
        .find(|r| r.mentions.iter().any(|m| m.sentence.contains(words)))
}

#[test]
#[allow(
    clippy::print_stderr,
    reason = "the test reports what holds and what is missing"
)]
fn seed_article_issue_7() {
    let Some(article) = seed() else {
        eprintln!("note: ../shared/examples/seed-article.txt absent; seed test skipped");
        return;
    };
    let Ok(analyzer) = dyad_nlp::Analyzer::shared() else {
        eprintln!("note: embedded models unavailable; seed test skipped");
        return;
    };
    let dict = std::env::var_os("DYAD_SEED_DICT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dictionaries"));
    let (dicts, _) = dyad_dict::load_paths(&[dict], &dyad_dict::LoadOptions::default())
        .expect("the dictionaries load");
    let coder = Coder::new(&dicts, CoderOptions::default());
    let coded = code_article(&coder, &article, analyzer);
    let recs = article_records(&coder, &article, &coded);
    let sentences = dyad_text::segment_article(&article);
    let quotes = article_quotes_coded(&coder, &article, &sentences, &coded);
    let mut failures: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();

    // "he asked the US": the pronoun carries the prime minister's code.
    let he = coded
        .iter()
        .find(|(s, _)| s.text.contains("he asked the US"))
        .and_then(|(_, c)| c.actors.iter().find(|a| a.text == "he"));
    match he {
        Some(a)
            if a.code.starts_with("IRQ") && a.rules.iter().any(|r| r.contains("Abdul-Mahdi")) => {}
        other => failures.push(format!(
            "`he asked the US` is not the Iraqi prime minister: {other:?}"
        )),
    }

    // Quotes and their speakers.
    let speaker = |opening: &str| {
        quotes
            .iter()
            .find(|q| q.quote.text.starts_with(opening))
            .and_then(|q| q.speaker.clone())
    };
    match speaker("send delegates") {
        Some(s)
            if s.code.as_deref().is_some_and(|c| c.starts_with("IRQ"))
                && s.refers_to
                    .as_ref()
                    .is_some_and(|r| r.text.contains("Abdul-Mahdi")) => {}
        other => failures.push(format!(
            "the delegates quote is not Abdul-Mahdi's office's: {other:?}"
        )),
    }
    match speaker("looking to blow up") {
        Some(s) if s.span.text.contains("Trump") => {}
        other => failures.push(format!("the embassy quote is not Trump's: {other:?}")),
    }
    match speaker("America is a force") {
        Some(s) if s.span.text.contains("Ortagus") => {}
        other => failures.push(format!("the America quote is not Ortagus's: {other:?}")),
    }

    // The caption yields nothing.
    for a in article
        .actions
        .iter()
        .filter(|a| a.kind == CleanKind::Caption)
    {
        for r in &recs {
            for m in &r.mentions {
                if a.raw.start <= m.verb.start && m.verb.end <= a.raw.end {
                    failures.push(format!("an event from the caption: {}", r.to_json()));
                }
            }
        }
    }

    // Events: what the verb dictionaries make reachable.
    let checks = [
        (
            "the lead (told Pompeo)",
            "Mike Pompeo that",
            "2020-01-09",
            2,
        ),
        (
            "the request (asked the US)",
            "he asked the US",
            "2020-01-09",
            2,
        ),
        (
            "the parliament's resolution",
            "passed a resolution Sunday",
            "2020-01-05",
            1,
        ),
    ];
    for (name, words, date, min) in checks {
        match reported_in(&recs, words) {
            None => missing.push(format!("{name}: no event coded")),
            Some(r) => {
                let ok = r.date.as_deref() == Some(date)
                    && r.mention_count >= min
                    && r.source.code.starts_with("IRQ");
                let line = format!(
                    "{name}: {} -> {} {} on {:?}, {} mention(s) in sentences {:?}",
                    r.source.code,
                    r.target.as_ref().map_or("-", |t| t.code.as_str()),
                    r.code,
                    r.date,
                    r.mention_count,
                    r.mentions.iter().map(|m| m.sentence_id).collect::<Vec<_>>()
                );
                if ok {
                    eprintln!("holds: {line}");
                } else {
                    failures.push(format!(
                        "want {date}, >= {min} mention(s), an IRQ source; got {line}"
                    ));
                }
                // One event per article: no second record of the same event.
                let twins = recs
                    .iter()
                    .filter(|o| {
                        o.source.code == r.source.code
                            && o.target.as_ref().map(|t| &t.code)
                                == r.target.as_ref().map(|t| &t.code)
                            && o.code == r.code
                            && o.date == r.date
                    })
                    .count();
                if twins != 1 {
                    failures.push(format!("{name}: written {twins} times"));
                }
            }
        }
    }
    for m in &missing {
        eprintln!("missing (dictionaries): {m}");
    }
    assert!(
        failures.is_empty(),
        "seed article:\n{}",
        failures.join("\n")
    );
}
