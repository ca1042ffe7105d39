//! The date case table (`testdata/dates/cases.tsv`, format in its README): every row is
//! resolved with `event_date`, and all failures are reported together with a pass count.

use std::path::PathBuf;

use chrono::NaiveDate;
use dyad_article::dates::{event_date, Precision, Tense};
use dyad_types::Span;

/// The first occurrence of `verb` in `text` that starts a word (it may be glued to what
/// follows, as in "saidFriday").
fn find_verb(text: &str, verb: &str) -> Option<Span> {
    text.match_indices(verb)
        .find(|&(p, _)| {
            text[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(p, _)| Span::new(p, p + verb.len()))
}

fn check(line: &str) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 7 {
        return Err(format!("{} columns, want 7", cols.len()));
    }
    let [text, article, tense, expected, precision, span, verb] = [
        cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6],
    ];
    let article = NaiveDate::parse_from_str(article, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let expected = NaiveDate::parse_from_str(expected, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let tense = Tense::parse(tense).ok_or("bad tense")?;
    let precision = Precision::parse(precision).ok_or("bad precision")?;
    let verb_span = match verb {
        "-" => None,
        v => Some(find_verb(text, v).ok_or_else(|| format!("verb {v:?} not in text"))?),
    };
    let got = event_date(text, verb_span, article, tense);
    let got_span = got.expression.as_deref().unwrap_or("-");
    let mut errs = Vec::new();
    if got.date != expected {
        errs.push(format!("date {} want {expected}", got.date));
    }
    if got.precision != precision {
        errs.push(format!("precision {:?} want {precision:?}", got.precision));
    }
    if got_span != span {
        errs.push(format!("span {got_span:?} want {span:?}"));
    }
    if got.from_article != (span == "-") {
        errs.push(format!("from_article {}", got.from_article));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("; "))
    }
}

#[test]
#[allow(clippy::print_stderr, reason = "the table reports its pass count")]
fn date_case_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/dates/cases.tsv");
    let data = std::fs::read_to_string(&path).expect("testdata/dates/cases.tsv");
    let mut total = 0;
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        total += 1;
        if let Err(e) = check(line) {
            failures.push(format!("line {}: {line}\n    {e}", n + 1));
        }
    }
    eprintln!("dates table: {}/{total} pass", total - failures.len());
    assert!(
        total >= 300,
        "the table should hold at least 300 cases, has {total}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} date cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
