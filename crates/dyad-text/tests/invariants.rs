//! Properties every segmentation must have, on arbitrary input: no panic, token spans
//! slice to the token text, spans increase, tokens lie inside their sentence, multiword
//! ranges are valid.

use proptest::prelude::*;

fn check(text: &str) -> Result<(), String> {
    let sents = dyad_text::segment(text);
    let mut last_end = 0;
    for (i, s) in sents.iter().enumerate() {
        if s.index != i {
            return Err(format!("sentence {i} has index {}", s.index));
        }
        if s.tokens.is_empty() {
            return Err(format!("sentence {i} is empty"));
        }
        if s.span.start < last_end {
            return Err(format!("sentence {i} overlaps the previous one"));
        }
        for t in &s.tokens {
            if t.span.slice(text) != t.text || t.text.is_empty() {
                return Err(format!("token {:?} does not slice to {:?}", t.span, t.text));
            }
            if t.span.start < last_end {
                return Err(format!("token {:?} starts before {last_end}", t.span));
            }
            if t.span.start < s.span.start || t.span.end > s.span.end {
                return Err(format!("token {:?} outside sentence {:?}", t.span, s.span));
            }
            if t.text.chars().any(char::is_whitespace) {
                return Err(format!("token {:?} holds whitespace", t.text));
            }
            last_end = t.span.end;
        }
        for m in &s.multiword {
            if m.first >= m.last || m.last >= s.tokens.len() {
                return Err(format!("bad multiword {m:?}"));
            }
        }
    }
    // Every non-space character is covered by some token.
    let covered: usize = sents
        .iter()
        .flat_map(|s| &s.tokens)
        .map(|t| t.text.chars().count())
        .sum();
    let visible = text
        .chars()
        .filter(|&c| {
            !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}' | '\u{200c}' | '\u{200d}')
        })
        .count();
    if covered != visible {
        return Err(format!("tokens cover {covered} characters of {visible}"));
    }
    // `tokenize` gives the same tokens as `segment`.
    let flat: Vec<_> = sents
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.span))
        .collect();
    let toks: Vec<_> = dyad_text::tokenize(text).iter().map(|t| t.span).collect();
    if flat != toks && !text.contains('\n') {
        return Err("tokenize and segment disagree".into());
    }
    Ok(())
}

#[test]
fn invariants_on_news_like_text() {
    for t in [
        "",
        " ",
        "\n\n\n",
        "Gen. Smith met U.S. officials. He didn't speak.",
        "\"Stop!\" he said... 'Why?' (Nobody knew.) Visit http://x.org/a_(b).",
        "It’s 5,000 km—or 3.5%… don’t ask! :) #tag e-mail@x.co",
        "BAGHDAD (Reuters) -\nA bomb\n\n\nkilled 5.",
        "'''''' ---- .... !?!? ´ ` ´ \u{200b}x\u{feff}y",
        "Ünïcödé wörds ñ 日本語 テキスト. Ελληνικά!",
    ] {
        if let Err(e) = check(t) {
            panic!("{t:?}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_panic_and_invariants_on_arbitrary_strings(text in "(?s).{0,200}") {
        prop_assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn invariants_on_punctuation_heavy_strings(
        text in "[a-zA-Z0-9 .,'’\"“”!?()\\-–—:;/@&#$%\n]{0,120}"
    ) {
        prop_assert_eq!(check(&text), Ok(()));
    }
}

#[test]
fn article_raw_spans_map_through_offsets() {
    use dyad_types::{Article, OffsetMapBuilder};
    // Raw text with a caption line the cleaner dropped.
    let raw = "PHOTO: x\nHe left. She stayed.";
    let mut a = Article::new("a", raw);
    let mut b = OffsetMapBuilder::new();
    b.copy(9..raw.len());
    a.offsets = b.finish();
    a.text = raw[9..].to_string();
    let sents = dyad_text::segment_article(&a);
    assert_eq!(sents.len(), 2);
    for s in &sents {
        assert_eq!(s.raw.slice(raw), s.span.slice(&a.text));
        for t in &s.tokens {
            assert_eq!(t.raw.slice(raw), t.text);
        }
    }
}
