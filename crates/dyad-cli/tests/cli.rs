//! End-to-end tests of the `dyad` binary: the README's first command, every input format
//! through `debug sentences`, the reading summary, `dict check`, and clear errors.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("dyad runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn readme_example_prints_clean_sentences() {
    let o = dyad(&["debug", "sentences", "examples/ministers-meet.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("date 2025-03-14"), "{out}");
    assert!(!out.contains("Getty"), "caption kept: {out}");
    assert!(!out.contains("Advertisement"), "boilerplate kept: {out}");
    assert!(out.contains("said Friday"), "glued words not split: {out}");
    assert_eq!(
        out.matches("Geneva on Thursday").count(),
        1,
        "duplicate lead kept: {out}"
    );
}

#[test]
fn sentence_offsets_point_into_the_original_file() {
    let o = dyad(&["debug", "sentences", "examples/ministers-meet.txt"]);
    let raw = std::fs::read_to_string(root().join("examples/ministers-meet.txt")).expect("example");
    let mut checked = 0;
    for line in stdout(&o)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.splitn(3, '\t').collect();
        let (a, b) = cols[1].split_once("..").expect("span");
        let (a, b): (usize, usize) = (a.parse().expect("start"), b.parse().expect("end"));
        let sentence = cols[2];
        // The glued-word fix inserts a space that the raw text lacks.
        assert_eq!(raw[a..b].replace("saidFriday", "said Friday"), sentence);
        checked += 1;
    }
    assert!(checked >= 6);
}

#[test]
fn every_input_format_reads() {
    for (file, expect) in [
        ("testdata/ingest/news_page.html", "# article"),
        ("testdata/ingest/feed_rss.xml", "# article"),
        ("testdata/ingest/feed_atom.xml", "# article"),
        ("testdata/ingest/sample.warc", "# article"),
        ("testdata/ingest/sample.warc.gz", "# article"),
        ("testdata/ingest/articles.jsonl", "# article"),
    ] {
        let o = dyad(&["debug", "sentences", file]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        assert!(stdout(&o).contains(expect), "{file}: {}", stdout(&o));
    }
}

#[test]
fn a_broken_json_line_is_reported_and_the_rest_go_on() {
    let o = dyad(&["debug", "sentences", "testdata/ingest/articles.jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("articles.jsonl:3"), "no line number: {err}");
    assert!(err.contains("articles read"), "no summary: {err}");
    assert!(stdout(&o).contains("Riga"), "{}", stdout(&o));
}

#[test]
fn a_truncated_warc_keeps_what_was_read() {
    let o = dyad(&["debug", "sentences", "testdata/ingest/truncated.warc.gz"]);
    let err = stderr(&o);
    assert!(err.contains("skipped"), "{err}");
    assert!(err.contains("articles read"), "{err}");
}

#[test]
fn directories_are_read_recursively_with_one_summary() {
    let o = dyad(&["debug", "sentences", "--verbose", "testdata/ingest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let summary = err
        .lines()
        .find(|l| l.contains("articles read"))
        .expect("summary line");
    assert!(summary.contains(" ok"), "{summary}");
}

#[test]
fn stdin_is_an_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["debug", "tokens", "--date", "2024-05-01", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"The U.N. envoy didn't meet rebels in Sana'a.\n")
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("date 2024-05-01"), "{out}");
    assert!(out.contains("\tU.N.\t"), "{out}");
    assert!(out.contains("\tn't\t"), "{out}");
}

#[test]
fn missing_input_is_a_clear_error() {
    let o = dyad(&["debug", "sentences", "no/such/file.txt"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_date_flag_is_one_line_and_nonzero() {
    let o = dyad(&[
        "debug",
        "sentences",
        "--date",
        "yesterday",
        "examples/ministers-meet.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--date"), "{err}");
}

#[test]
fn dict_check_reports_counts_and_file_line_warnings() {
    let o = dyad(&[
        "dict",
        "check",
        "crates/dyad-dict/tests/data/small.actors.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("small.actors.txt"), "{out}");
    assert!(out.contains("dict_version"), "{out}");
    let bad = dyad(&[
        "dict",
        "check",
        "crates/dyad-dict/tests/data/bad.actors.txt",
    ]);
    let out = stdout(&bad);
    assert!(out.contains("bad.actors.txt:"), "{out}");
    assert!(out.contains('^'), "no caret: {out}");
}

#[test]
fn parse_writes_conllu_whose_token_ranges_slice_the_original_file() {
    let o = dyad(&["parse", "examples/ministers-meet.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw = std::fs::read_to_string(root().join("examples/ministers-meet.txt")).expect("example");
    let (sents, errors) = dyad_conllu::parse(&stdout(&o));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(sents.len() >= 6);
    for s in &sents {
        assert!(s.sent_id.is_some() && s.text.is_some());
        assert_eq!(
            s.words.iter().filter(|w| w.head == Some(0)).count(),
            1,
            "one root"
        );
        for w in &s.words {
            let range = w.misc_value("TokenRange").expect("TokenRange in MISC");
            let (a, b) = range.split_once(':').expect("a:b");
            let (a, b): (usize, usize) = (a.parse().expect("a"), b.parse().expect("b"));
            assert_eq!(&raw[a..b], w.form, "{range}");
        }
    }
}

#[test]
fn parse_eval_needs_no_input_and_rejects_inputs_with_it() {
    let o = dyad(&["parse", "--eval", "x.conllu", "examples/ministers-meet.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn code_writes_one_json_event_per_line_with_spans_into_the_article() {
    let o = dyad(&[
        "code",
        "--dict",
        "testdata/code",
        "testdata/code/demo-article.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw =
        std::fs::read_to_string(root().join("testdata/code/demo-article.txt")).expect("article");
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let got: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["source"]["code"].as_str().unwrap_or("").to_string(),
                e["target"]["code"].as_str().unwrap_or("").to_string(),
                e["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("SYLMIL".into(), "FRE".into(), "190".into()),
            ("FRE".into(), "SYL".into(), "112".into())
        ]
    );
    // The article is dated Monday 2024-06-03: "attacked … on Sunday" is the day before.
    assert_eq!(events[0]["date"], "2024-06-02");
    assert_eq!(events[0]["date_expression"]["text"], "Sunday");
    assert_eq!(events[1]["date"], "2024-06-03");
    assert!(events[1].get("date_expression").is_none());
    for e in &events {
        assert_eq!(e["date_precision"], "day");
        for part in ["source", "target", "verb"] {
            let (a, b) = (
                e[part]["start"].as_u64().expect("start"),
                e[part]["end"].as_u64().expect("end"),
            );
            assert_eq!(
                &raw[a as usize..b as usize],
                e[part]["text"].as_str().expect("text")
            );
        }
        assert!(
            e["goldstein"].is_number() && e["quad_class"].is_number() && e["plover"].is_string()
        );
        assert!(e["rules"].as_array().is_some_and(|r| r
            .iter()
            .any(|x| x.as_str().unwrap_or("").contains("demo.verbs.txt:"))));
        assert!(e["dict_version"].is_string());
    }
}

#[test]
fn code_tsv_has_a_header_and_a_row_per_event() {
    let o = dyad(&[
        "code",
        "--format",
        "tsv",
        "--dict",
        "testdata/code",
        "testdata/code/demo-article.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let cols = lines[0].split('\t').count();
    assert!(lines.iter().all(|l| l.split('\t').count() == cols), "{out}");
}

#[test]
fn explain_shows_parse_actors_patterns_events_and_rejections() {
    let o = dyad(&[
        "explain",
        "--dict",
        "testdata/code",
        "Sylvanian troops attacked Freedonia with rockets.",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for part in [
        "parse:",
        "actors:",
        "patterns:",
        "events:",
        "rejected:",
        "SYLMIL",
        "195",
        "demo.verbs.txt:4",
    ] {
        assert!(out.contains(part), "missing {part}: {out}");
    }
}

#[test]
fn code_without_a_verb_dictionary_is_a_clear_error() {
    let o = dyad(&[
        "code",
        "--dict",
        "testdata/code/demo.actors.txt",
        "testdata/code/demo-article.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("verb dictionary"), "{}", stderr(&o));
}

#[test]
fn code_quotes_writes_quote_records_with_speaker_codes() {
    let o = dyad(&[
        "code",
        "--quotes",
        "--dict",
        "testdata/code",
        "testdata/code/demo-article.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw =
        std::fs::read_to_string(root().join("testdata/code/demo-article.txt")).expect("article");
    let quotes: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|v| v["record"] == "quote")
        .collect();
    assert_eq!(quotes.len(), 1, "{}", stdout(&o));
    let q = &quotes[0];
    assert_eq!(q["quote"]["text"], "We will defend every village,");
    assert_eq!(q["speaker"]["text"], "the Freedonian minister");
    assert_eq!(q["speaker"]["code"], "FRE");
    let (a, b) = (
        q["speaker"]["start"].as_u64().expect("start"),
        q["speaker"]["end"].as_u64().expect("end"),
    );
    assert_eq!(&raw[a as usize..b as usize], "the Freedonian minister");
}

#[test]
fn code_without_dict_uses_the_built_in_dictionaries() {
    let o = dyad(&["code", "examples/ministers-meet.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let release = std::fs::read_to_string(root().join("dictionaries/VERSION")).expect("VERSION");
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(!events.is_empty(), "no event from the README example");
    for e in &events {
        let version = e["dict_version"].as_str().unwrap_or("");
        assert!(
            version.starts_with(&format!("{}+", release.trim())),
            "{version}"
        );
        assert!(
            e["rules"].as_array().is_some_and(|r| r
                .iter()
                .any(|x| x.as_str().unwrap_or("").starts_with("dictionaries/verbs/"))),
            "{e}"
        );
    }
    // The meeting in Geneva: Turkey's foreign minister and his Greek counterpart.
    assert!(
        events.iter().any(|e| e["source"]["code"] == "TURGOV"
            && e["target"]["code"] == "GRCGOV"
            && e["code"].as_str().is_some_and(|c| c.starts_with("04"))),
        "{}",
        stdout(&o)
    );
}
