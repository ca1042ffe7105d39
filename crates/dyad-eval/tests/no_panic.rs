//! No input makes a reader panic: every prefix of each test suite, and the same with
//! bytes flipped, is read to an error or to records with warnings.

use std::path::Path;

use dyad_eval::{neutralise_xml, parse_gold, parse_petrarch_xml, parse_tabari_text, parse_up_xml};

fn read(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/eval")
        .join(name);
    std::fs::read_to_string(p).expect("test data")
}

fn all_readers(text: &str) -> usize {
    let (t, _) = parse_tabari_text(text);
    let (g, _) = parse_gold(text);
    let p = parse_petrarch_xml(text)
        .map(|s| s.records.len())
        .unwrap_or(0);
    let u = parse_up_xml(text).map(|s| s.records.len()).unwrap_or(0);
    let _ = neutralise_xml(text);
    t.len() + g.len() + p + u
}

#[test]
fn every_prefix_reads_without_panicking() {
    for name in [
        "mini.text",
        "mini-petrarch.xml",
        "mini-up.xml",
        "mini-gold.jsonl",
    ] {
        let text = read(name);
        let mut total = 0;
        for cut in (0..=text.len()).filter(|c| text.is_char_boundary(*c)) {
            total += all_readers(&text[..cut]);
        }
        // The whole file reads to records in its own format at least.
        assert!(total > 0, "{name}");
    }
}

#[test]
fn markup_characters_in_odd_places_do_not_panic() {
    let text = read("mini-up.xml");
    for (i, _) in text.char_indices().step_by(29) {
        for c in ['<', '>', '{', '}', '"', '&', '-'] {
            let mut t = text.clone();
            t.insert(i, c);
            all_readers(&t);
        }
    }
    for odd in [
        "",
        "<",
        "<!--",
        "<!-- <!-- -->",
        "{",
        "/*{",
        "9",
        "999999",
        "\u{feff}<a/>",
    ] {
        all_readers(odd);
    }
}
