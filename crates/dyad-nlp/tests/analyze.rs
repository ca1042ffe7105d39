//! Behaviour of the shipped models on sentences written for these tests: the clause
//! structure event coding relies on (subject, object, passive agent, negation,
//! coordination, reported speech), from the greedy and the accurate search, and irregular
//! lemmas; plus robustness on arbitrary input.

use dyad_nlp::{AnalyzedWord, Analyzer};
use proptest::prelude::*;

/// The embedded models, loaded once per test binary.
fn analyzer() -> &'static Analyzer {
    Analyzer::shared().expect("embedded models load")
}

/// The embedded models parsing with the accurate setting's selective beam, loaded once per
/// test binary.
fn accurate() -> &'static Analyzer {
    static A: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    A.get_or_init(|| Analyzer::embedded_accurate().expect("embedded models load"))
}

fn analyze(text: &str) -> Vec<AnalyzedWord> {
    let words: Vec<&str> = text.split_whitespace().collect();
    analyzer().analyze(&words)
}

/// The analyses of the greedy and of the accurate search: the clause structure must come
/// out right from both.
fn analyses(text: &str) -> [Vec<AnalyzedWord>; 2] {
    let words: Vec<&str> = text.split_whitespace().collect();
    [analyzer().analyze(&words), accurate().analyze(&words)]
}

/// A compact one-line-per-word rendering for failure messages.
fn show(ws: &[AnalyzedWord]) -> String {
    ws.iter()
        .enumerate()
        .map(|(i, w)| {
            format!(
                "{} {} {} {} {} {} {}\n",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.head,
                w.deprel
            )
        })
        .collect()
}

/// Index (1-based) of the first word with this form.
fn id(ws: &[AnalyzedWord], form: &str) -> usize {
    ws.iter()
        .position(|w| w.form == form)
        .expect("word present")
        + 1
}

/// Asserts `dep` attaches to `head` with relation `rel`.
fn arc(ws: &[AnalyzedWord], dep: &str, rel: &str, head: &str) {
    let d = &ws[id(ws, dep) - 1];
    let want = if head == "ROOT" { 0 } else { id(ws, head) };
    assert_eq!(
        (d.head, d.deprel.as_str()),
        (want, rel),
        "{dep} --{rel}--> {head} in\n{}",
        show(ws)
    );
}

#[test]
fn active_clause_subject_and_object() {
    for ws in analyses("Rebels attacked the convoy near Kabul .") {
        arc(&ws, "attacked", "root", "ROOT");
        arc(&ws, "Rebels", "nsubj", "attacked");
        arc(&ws, "convoy", "obj", "attacked");
        assert_eq!(ws[1].lemma, "attack");
        assert_eq!(ws[1].xpos, "VBD");
        assert!(ws[1].feats.contains("Tense=Past"), "{}", ws[1].feats);
    }
}

#[test]
fn passive_with_agent() {
    for ws in analyses("The embassy was attacked by militants .") {
        arc(&ws, "attacked", "root", "ROOT");
        arc(&ws, "embassy", "nsubj:pass", "attacked");
        arc(&ws, "was", "aux:pass", "attacked");
        // UD English marks the passive agent `obl:agent` (older releases: plain `obl`).
        let m = &ws[id(&ws, "militants") - 1];
        assert_eq!(m.head, id(&ws, "attacked"), "{}", show(&ws));
        assert!(
            m.deprel == "obl:agent" || m.deprel == "obl",
            "{}",
            show(&ws)
        );
        arc(&ws, "by", "case", "militants");
        assert_eq!(ws[id(&ws, "attacked") - 1].xpos, "VBN");
    }
}

/// Clause structure the coder relies on, as (sentence, arcs `dependent relation head`).
const CLAUSES: &[(&str, &[&str])] = &[
    (
        "France and Germany signed the treaty .",
        &[
            "France nsubj signed",
            "Germany conj France",
            "and cc Germany",
            "treaty obj signed",
        ],
    ),
    (
        "The government did not condemn the attack .",
        &[
            "condemn root ROOT",
            "not advmod condemn",
            "did aux condemn",
            "government nsubj condemn",
            "attack obj condemn",
        ],
    ),
    (
        "Iraq said that the US attacked Iran .",
        &[
            "said root ROOT",
            "Iraq nsubj said",
            "attacked ccomp said",
            "that mark attacked",
            "US nsubj attacked",
            "Iran obj attacked",
        ],
    ),
];

/// Coordinated subject, negated verb, reported speech.
#[test]
fn coordination_negation_and_reported_speech() {
    for (text, arcs) in CLAUSES {
        for ws in analyses(text) {
            for a in *arcs {
                let [dep, rel, head] = a.split(' ').collect::<Vec<_>>()[..] else {
                    panic!("bad case {a}")
                };
                arc(&ws, dep, rel, head);
            }
        }
    }
    let ws = analyze("The government did not condemn the attack .");
    assert_eq!(ws[id(&ws, "not") - 1].upos, "PART");
}

#[test]
fn irregular_verb_lemmas() {
    let cases = [
        ("Russia withdrew its troops .", "withdrew", "withdraw"),
        ("The ministers met in Geneva .", "met", "meet"),
        ("The president said nothing .", "said", "say"),
        ("A missile struck the building .", "struck", "strike"),
        ("Troops fled the city .", "fled", "flee"),
        ("Police seized weapons .", "seized", "seize"),
    ];
    for (text, form, lemma) in cases {
        let ws = analyze(text);
        let w = &ws[id(&ws, form) - 1];
        assert_eq!(w.lemma, lemma, "{text}");
        assert_eq!(w.upos, "VERB", "{text}");
    }
}

#[test]
fn regular_noun_and_verb_lemmas() {
    let ws = analyze("The armies are shelling villages and bombed two bridges .");
    let lemma = |f: &str| ws[id(&ws, f) - 1].lemma.clone();
    assert_eq!(lemma("armies"), "army");
    assert_eq!(lemma("are"), "be");
    assert_eq!(lemma("shelling"), "shell");
    assert_eq!(lemma("villages"), "village");
    assert_eq!(lemma("bombed"), "bomb");
    assert_eq!(lemma("bridges"), "bridge");
}

#[test]
fn contracted_s_is_have_before_a_perfect_and_be_otherwise() {
    let lemma_of_s = |text: &str| {
        let ws = analyze(text);
        ws[id(&ws, "'s") - 1].lemma.clone()
    };
    assert_eq!(lemma_of_s("He 's been arrested twice ."), "have");
    assert_eq!(lemma_of_s("She 's already got a visa ."), "have");
    assert_eq!(lemma_of_s("He 's angry about the vote ."), "be");
}

#[test]
fn shouted_names_and_grouped_numbers_lemmatise_like_ud() {
    let ws = analyze("Protests in TEHRAN drew 12,000 people .");
    let lemma = |f: &str| ws[id(&ws, f) - 1].lemma.clone();
    assert_eq!(lemma("TEHRAN"), "Tehran", "{}", show(&ws));
    assert_eq!(lemma("12,000"), "12000", "{}", show(&ws));
}

#[test]
fn empty_input_gives_empty_output() {
    assert!(analyze("").is_empty());
}

#[test]
fn one_root_and_valid_heads_on_a_long_sentence() {
    let base = "the rebels , who said that they would not attack , fled and met officials in Kabul";
    let text: Vec<&str> = base.split(' ').cycle().take(1200).collect();
    for a in [analyzer(), accurate()] {
        let ws = a.analyze(&text);
        assert_eq!(ws.len(), 1200);
        assert_eq!(ws.iter().filter(|w| w.head == 0).count(), 1);
        assert!(ws.iter().all(|w| w.head <= ws.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn never_panics_and_every_word_has_a_head(words in prop::collection::vec("\\PC{0,12}", 0..400)) {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        for a in [analyzer(), accurate()] {
            let ws = a.analyze(&refs);
            prop_assert_eq!(ws.len(), words.len());
            if !ws.is_empty() {
                prop_assert_eq!(ws.iter().filter(|w| w.head == 0).count(), 1);
            }
            for (i, w) in ws.iter().enumerate() {
                prop_assert!(w.head <= ws.len());
                prop_assert!(w.head != i + 1);
            }
        }
    }
}
