//! No input makes a reader panic: arbitrary text, heavy on the characters the formats give
//! meaning to, goes through every reader, the compiler and the lint pass.

use dyad_dict::{DictKind, Dictionaries};
use proptest::prelude::*;

const KINDS: [DictKind; 10] = [
    DictKind::Actors,
    DictKind::Agents,
    DictKind::VerbsTabari,
    DictKind::VerbsPetrarch2,
    DictKind::Discards,
    DictKind::Issues,
    DictKind::Ontology,
    DictKind::TabariOptions,
    DictKind::TabariProject,
    DictKind::WordList,
];

fn dictionary_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("|".to_string()),
        Just("_".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("---".to_string()),
        Just("~".to_string()),
        Just("&".to_string()),
        Just("!".to_string()),
        Just("=".to_string()),
        Just(":".to_string()),
        Just("#".to_string()),
        Just(";".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("*".to_string()),
        Just("$".to_string()),
        Just("%".to_string()),
        Just("^".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string()),
        Just("n:".to_string()),
        Just("0x1F".to_string()),
        Just("950601".to_string()),
        Just("é".to_string()),
        "[A-Z]{1,6}",
        "[0-9]{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn readers_never_panic(text in dictionary_text(), k in 0usize..10) {
        let (d, diags) = Dictionaries::from_texts(&[("fuzz", &text, Some(KINDS[k]))]);
        let _ = dyad_dict::check(&d);
        let _ = d.stats(&diags).to_string();
        for x in &diags {
            let _ = x.to_string();
        }
        let toks: Vec<&str> = text.split_whitespace().collect();
        let _ = d.match_actors(&toks);
        let _ = d.match_agents(&toks);
        let _ = d.match_issues(&toks);
        let _ = d.match_discards(&toks);
        for t in &toks {
            let _ = d.verbs_for_form(t);
        }
        for v in &d.verbs {
            let _ = dyad_dict::verbs::write(v);
        }
    }
}
