//! One event per article (`merge_mentions`): a case table of reports, each
//! `sentence source target code date expression?`, and the records expected after
//! merging, each `first-sentence source target code date mention-count`.

use dyad_code::{merge_mentions, EventRecord};

/// A record for a report; `expr` marks a date given by a temporal expression.
fn report(spec: &str) -> EventRecord {
    let f: Vec<&str> = spec.split_whitespace().collect();
    let (sentence, source, target, code, date) = (f[0], f[1], f[2], f[3], f[4]);
    let expr = f.get(5).is_some_and(|e| *e == "expr");
    let span = |t: &str| serde_json::json!({"text": t, "start": 0, "end": t.len()});
    let mut v = serde_json::json!({
        "schema_version": 2,
        "article_id": "a",
        "sentence_id": sentence.parse::<usize>().unwrap_or(0),
        "date": date,
        "date_precision": "day",
        "source": {"code": source, "text": source, "start": 0, "end": source.len()},
        "target": if target == "-" { serde_json::Value::Null } else {
            serde_json::json!({"code": target, "text": target, "start": 0, "end": target.len()})
        },
        "code": code,
        "root": &code[..2],
        "goldstein": null,
        "quad_class": null,
        "plover": null,
        "verb": span("verb"),
        "sentence": format!("sentence {sentence}"),
        "rules": [],
        "dict_version": "v",
    });
    if expr {
        v["date_expression"] = span("Thursday");
    }
    let mut r: EventRecord = serde_json::from_value(v).expect("a valid record");
    r.mentions = vec![r.own_mention()];
    r.mention_count = 1;
    r
}

const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "a repeat is one record with two mentions",
        &["0 IRQGOV USA 020 2020-01-11", "3 IRQGOV USA 020 2020-01-11"],
        &["0 IRQGOV USA 020 2020-01-11 2"],
    ),
    (
        "a different code is another event",
        &["0 IRQGOV USA 020 2020-01-11", "3 IRQGOV USA 040 2020-01-11"],
        &[
            "0 IRQGOV USA 020 2020-01-11 1",
            "3 IRQGOV USA 040 2020-01-11 1",
        ],
    ),
    (
        "a different target is another event",
        &[
            "0 IRQGOV USA 020 2020-01-11",
            "3 IRQGOV USAGOV 020 2020-01-11",
        ],
        &[
            "0 IRQGOV USA 020 2020-01-11 1",
            "3 IRQGOV USAGOV 020 2020-01-11 1",
        ],
    ),
    (
        "an undated lead takes the date of its dated repeat",
        &[
            "0 IRQGOV USAGOV 041 2020-01-11",
            "3 IRQGOV USAGOV 041 2020-01-09 expr",
        ],
        &["0 IRQGOV USAGOV 041 2020-01-09 2"],
    ),
    (
        "two dated reports on different days stay apart",
        &[
            "0 IRQGOV USA 020 2020-01-09 expr",
            "3 IRQGOV USA 020 2020-01-05 expr",
        ],
        &[
            "0 IRQGOV USA 020 2020-01-09 1",
            "3 IRQGOV USA 020 2020-01-05 1",
        ],
    ),
    (
        "an undated report between two dates keeps the article's",
        &[
            "0 IRQGOV USA 020 2020-01-09 expr",
            "1 IRQGOV USA 020 2020-01-11",
            "3 IRQGOV USA 020 2020-01-05 expr",
        ],
        &[
            "0 IRQGOV USA 020 2020-01-09 1",
            "1 IRQGOV USA 020 2020-01-11 1",
            "3 IRQGOV USA 020 2020-01-05 1",
        ],
    ),
    (
        "no target is its own key",
        &["0 IRQGOV - 010 2020-01-11", "2 IRQGOV - 010 2020-01-11"],
        &["0 IRQGOV - 010 2020-01-11 2"],
    ),
    ("nothing to merge", &[], &[]),
];

fn summary(r: &EventRecord) -> String {
    format!(
        "{} {} {} {} {} {}",
        r.sentence_id,
        r.source.code,
        r.target.as_ref().map_or("-", |t| t.code.as_str()),
        r.code,
        r.date.as_deref().unwrap_or("-"),
        r.mention_count
    )
}

#[test]
fn merge_case_table() {
    let mut failures = Vec::new();
    for (name, input, want) in CASES {
        let got: Vec<String> = merge_mentions(input.iter().map(|s| report(s)).collect())
            .iter()
            .map(summary)
            .collect();
        if got != *want {
            failures.push(format!("{name}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn merged_record_lists_every_mention_and_the_first_keeps_the_fields() {
    let merged = merge_mentions(vec![
        report("0 IRQGOV USAGOV 041 2020-01-11"),
        report("4 IRQGOV USAGOV 041 2020-01-09 expr"),
    ]);
    assert_eq!(merged.len(), 1);
    let r = &merged[0];
    assert_eq!(r.sentence_id, 0);
    assert_eq!(r.sentence, "sentence 0");
    let ids: Vec<usize> = r.mentions.iter().map(|m| m.sentence_id).collect();
    assert_eq!(ids, vec![0, 4]);
    // The date and the expression that gave it.
    assert_eq!(r.date.as_deref(), Some("2020-01-09"));
    assert_eq!(
        r.date_expression.as_ref().map(|e| e.text.as_str()),
        Some("Thursday")
    );
    assert!(r.mentions[0].date_expression.is_none());
    assert!(r.mentions[1].date_expression.is_some());
    // JSON and TSV agree on the count.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    assert_eq!(json["mention_count"], 2);
    assert_eq!(json["mentions"].as_array().map(Vec::len), Some(2));
    assert_eq!(r.to_tsv().rsplit('\t').next(), Some("2"));
}
