//! The quote case table (`testdata/quotes/cases.txt`, format in its README): every case's
//! text is segmented with `dyad_text::segment` and searched with `find_quotes`; all
//! failures are reported together with a pass count.

mod common;

use std::path::PathBuf;

use dyad_article::quotes::find_quotes;

struct Case {
    line: usize,
    name: String,
    text: String,
    expected: Vec<(String, String)>,
}

fn parse(data: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for b in common::blocks(data) {
        let mut expected = Vec::new();
        for (n, a) in &b.answers {
            if let Some(q) = a.strip_prefix("Q ") {
                let (quote, speaker) = q
                    .split_once(" => ")
                    .ok_or_else(|| format!("line {n}: no ` => `"))?;
                expected.push((quote.to_string(), speaker.to_string()));
            } else if a.trim() != "none" {
                return Err(format!("line {n}: unexpected {a:?}"));
            }
        }
        cases.push(Case {
            line: b.line,
            name: b.name,
            text: b.text,
            expected,
        });
    }
    Ok(cases)
}

fn check(c: &Case) -> Result<(), String> {
    let sents = dyad_text::segment(&c.text);
    let quotes = find_quotes(&c.text, &sents);
    let got: Vec<(String, String)> = quotes
        .iter()
        .map(|q| {
            let sp = match &q.speaker {
                None => "-".to_string(),
                Some(s) => match &s.antecedent {
                    Some(a) => format!("{} -> {}", s.text, a.text),
                    None => s.text.clone(),
                },
            };
            (q.quoted(&c.text), sp)
        })
        .collect();
    if got == c.expected {
        Ok(())
    } else {
        let show = |v: &[(String, String)]| {
            v.iter()
                .map(|(q, s)| format!("\n      Q {q} => {s}"))
                .collect::<String>()
        };
        Err(format!(
            "want:{}\n    got:{}",
            show(&c.expected),
            show(&got)
        ))
    }
}

#[test]
#[allow(clippy::print_stderr, reason = "the table reports its pass count")]
fn quote_case_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/quotes/cases.txt");
    let data = std::fs::read_to_string(&path).expect("testdata/quotes/cases.txt");
    let cases = parse(&data).expect("a well-formed case file");
    let mut failures = Vec::new();
    for c in &cases {
        if let Err(e) = check(c) {
            failures.push(format!("line {} ({}):\n    {e}", c.line, c.name));
        }
    }
    let total = cases.len();
    eprintln!("quotes table: {}/{total} pass", total - failures.len());
    assert!(
        total >= 60,
        "the table should hold at least 60 cases, has {total}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} quote cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
