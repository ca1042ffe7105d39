//! Dates and quotes on the project's seed article, read by path from `../shared` (never
//! committed). Skips with a note when the shared folder is absent.

use std::path::PathBuf;

use chrono::NaiveDate;
use dyad_article::dates::{event_date, Precision, Tense};
use dyad_article::quotes::{find_quotes, Quote};
use dyad_clean::{clean, CleanOptions};
use dyad_types::{Article, Span};

fn seed() -> Option<Article> {
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/seed-article.txt");
    let raw = std::fs::read_to_string(p).ok()?;
    let mut a = Article::new("seed", raw);
    clean(&mut a, &CleanOptions::default());
    Some(a)
}

fn speaker_of<'q>(quotes: &'q [Quote], text: &str, opening: &str) -> Option<&'q Quote> {
    quotes.iter().find(|q| q.quoted(text).starts_with(opening))
}

#[test]
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
fn seed_quotes_have_their_speakers() {
    let Some(a) = seed() else {
        eprintln!("note: ../shared/examples/seed-article.txt absent; seed test skipped");
        return;
    };
    let text = &a.text;
    let sents = dyad_text::segment(text);
    let quotes = find_quotes(text, &sents);
    if std::env::var_os("DYAD_SHOW").is_some() {
        for q in &quotes {
            eprintln!(
                "{:?} <- {:?} ({:?}) sents {:?}",
                q.quoted(text),
                q.speaker.as_ref().map(|s| (&s.text, s.kind)),
                q.speaker
                    .as_ref()
                    .and_then(|s| s.antecedent.as_ref())
                    .map(|a| &a.text),
                q.sentences
            );
        }
    }
    let expect = [
        ("send delegates to Iraq", "a statement from"),
        (
            "The Iraqi government must work",
            "the non-binding resolution",
        ),
        ("This strike was aimed", "the Department of Defence"),
        ("looking to blow up our embassy.", "President Donald Trump"),
        (
            "America is a force for good",
            "Department of State spokeswoman Morgan Ortagus",
        ),
        (
            "At this time, any delegation",
            "Department of State spokeswoman Morgan Ortagus",
        ),
    ];
    for (opening, speaker) in expect {
        let q = speaker_of(&quotes, text, opening).unwrap_or_else(|| panic!("no quote {opening}"));
        let sp = q.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        assert!(sp.starts_with(speaker), "{opening}: got speaker {sp:?}");
    }
    let q = speaker_of(&quotes, text, "There does,").expect("the closing quote");
    let sp = q.speaker.as_ref().expect("a speaker");
    assert_eq!(sp.text, "she");
    let ante = sp.antecedent.as_ref().expect("she resolved");
    assert!(ante.text.ends_with("Morgan Ortagus"), "{}", ante.text);
    assert!(q.quoted(text).ends_with("stable Iraq."));
    assert!(q.sentences.len() >= 2);
    // Apostrophes (Iraq‘s, parliament’s) start no quote.
    assert!(quotes.iter().all(|q| !q.quoted(text).starts_with("s ")));
}

#[test]
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
fn seed_event_dates() {
    let Some(a) = seed() else {
        eprintln!("note: ../shared/examples/seed-article.txt absent; seed test skipped");
        return;
    };
    let day = NaiveDate::from_ymd_opt(2020, 1, 11).expect("a date");
    // The raw text: the cleaner drops the reworded repeat of the lead, which holds the
    // "Thursday night" sentence.
    let text = &a.raw_text;
    let sents = dyad_text::segment(text);
    let date_of = |needle: &str, verb: &str| {
        let s = sents
            .iter()
            .map(|s| s.text(text))
            .find(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("no sentence with {needle}"));
        let p = s.find(verb).expect("verb in sentence");
        event_date(s, Some(Span::new(p, p + verb.len())), day, Tense::Past)
    };
    let e = date_of("in a call Thursday night", "told");
    assert_eq!(e.date.to_string(), "2020-01-09");
    let e = date_of("passed a resolution Sunday", "passed");
    assert_eq!(e.date.to_string(), "2020-01-05");
    let e = date_of("resigned last year", "resigned");
    assert_eq!(
        (e.date.to_string(), e.precision),
        ("2019-01-01".into(), Precision::Year)
    );
    let e = date_of("President Donald Trump said Thursday", "said");
    assert_eq!(e.date.to_string(), "2020-01-09");
    let e = date_of("Morgan Ortagus", "said");
    assert_eq!(e.date.to_string(), "2020-01-10");
    let e = date_of("The future of the roughly", "remains");
    assert!(e.from_article);
}
