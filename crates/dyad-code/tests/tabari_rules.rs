//! Regression tests for the TABARI and PETRARCH-2 conventions the coder follows when a
//! suite asks for them: TABARI's linear participants, agent conversion, noun endings,
//! pronoun forwarding; PETRARCH-2's pre-verb pattern words. Each test is named for the
//! bug it guards against; the dictionaries are small and inline.

mod common;
use common::{codes, parse_one};
use dyad_code::{explain, Coder, CoderOptions, ParsedSentence};
use dyad_dict::{DictKind, Dictionaries};

const ACTORS: &str = include_str!("data/test.actors.txt");

/// Dictionaries with TABARI-style verbs and agents.
fn tabari(verbs: &str, agents: &str) -> Dictionaries {
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.agents.txt", agents, Some(DictKind::Agents)),
        ("t.verbs", verbs, Some(DictKind::VerbsTabari)),
    ]);
    d
}

/// The events' codes; on a mismatch the test's message names the sentence, and
/// [`explain`] tells how it was coded.
fn code(d: &Dictionaries, opts: CoderOptions, s: &ParsedSentence) -> Vec<String> {
    codes(&Coder::new(d, opts).code(s, None))
}

#[test]
fn explain_runs_on_every_rule_here() {
    // The accounts these tests would print on failure must themselves be readable.
    let d = tabari("ATTACK [190]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = Soldiers attacked Freedonia.
1 Soldiers soldier NOUN NNS _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 Freedonia Freedonia PROPN NNP _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    let opts = CoderOptions {
        convert_agents: true,
        ..CoderOptions::default()
    };
    let text = explain(&s, &Coder::new(&d, opts).code(&s, None));
    assert!(text.contains("~MIL"), "{text}");
}

#[test]
fn subordinate_clause_subject_overrode_tabaris_first_actor() {
    // TABARI: the first actor of the clause before the verb is the source, even where
    // the parse gives the verb a subject of its own.
    let d = tabari("ATTACK [190]\n", "CROWD [~CVL]\n");
    let s = parse_one(
        "# text = Freedonia protested after Marsovia crowds attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 protested protest VERB VBD _ 0 root _ _
3 after after SCONJ IN _ 6 mark _ _
4 Marsovia Marsovia PROPN NNP _ 5 compound _ _
5 crowds crowd NOUN NNS _ 6 nsubj _ _
6 attacked attack VERB VBD _ 2 advcl _ _
7 Sylvania Sylvania PROPN NNP _ 6 obj _ SpaceAfter=No
8 . . PUNCT . _ 2 punct _ _",
    );
    assert_eq!(
        code(&d, CoderOptions::default(), &s),
        ["MARCVL SYL 190"],
        "the parse's subject by default"
    );
    let linear = CoderOptions {
        linear_participants: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, linear, &s), ["FRE SYL 190"]);
}

#[test]
fn linear_source_kept_the_parse_subjects_richer_code() {
    // "Freedonia | lawmakers" split by the parser: the first actor (FRE) is refined by
    // the parse's subject (FRELEG), which stays.
    let d = tabari("ATTACK [190]\n", "LAWMAKER [~LEG]\n");
    let s = parse_one(
        "# text = Freedonia lawmakers attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 compound _ _
2 lawmakers lawmaker NOUN NNS _ 3 nsubj _ _
3 attacked attack VERB VBD _ 0 root _ _
4 Sylvania Sylvania PROPN NNP _ 3 obj _ SpaceAfter=No
5 . . PUNCT . _ 3 punct _ _",
    );
    let linear = CoderOptions {
        linear_participants: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, linear, &s), ["FRELEG SYL 190"]);
}

#[test]
fn agent_without_country_was_dropped_under_convert_agent() {
    let d = tabari("ATTACK [190]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = Soldiers attacked Freedonia.
1 Soldiers soldier NOUN NNS _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 Freedonia Freedonia PROPN NNP _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    assert!(code(&d, CoderOptions::default(), &s).is_empty());
    let convert = CoderOptions {
        convert_agents: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, convert, &s), ["~MIL FRE 190"]);
}

#[test]
fn plural_of_a_whole_word_name_was_not_matched() {
    // TABARI's noun endings: SYLVANIA_ matches "Sylvanias".
    let d = tabari("ATTACK [190]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = Sylvanias attacked Freedonia.
1 Sylvanias Sylvanias PROPN NNPS _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 Freedonia Freedonia PROPN NNP _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    assert!(code(&d, CoderOptions::default(), &s).is_empty());
    let endings = CoderOptions {
        noun_endings: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, endings, &s), ["SYL FRE 190"]);
}

#[test]
fn noun_inside_an_agent_phrase_was_coded_as_a_verb() {
    // "Security forces are …": FORCE is a TABARI verb, but "forces" is part of the
    // agent phrase.
    let d = tabari("FORCE [220]\nATTACK [190]\n", "SECURITY_FORCES_ [~MIL]\n");
    let s = parse_one(
        "# text = Security forces attacked Freedonia.
1 Security security NOUN NN _ 2 compound _ _
2 forces force NOUN NNS _ 3 nsubj _ _
3 attacked attack VERB VBD _ 0 root _ _
4 Freedonia Freedonia PROPN NNP _ 3 obj _ SpaceAfter=No
5 . . PUNCT . _ 3 punct _ _",
    );
    let convert = CoderOptions {
        convert_agents: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, convert, &s), ["~MIL FRE 190"]);
}

#[test]
fn forwarded_pronoun_had_no_actor() {
    let d = tabari("ATTACK [190]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = He attacked Freedonia.
1 He he PRON PRP _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 Freedonia Freedonia PROPN NNP _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    assert!(code(&d, CoderOptions::default(), &s).is_empty());
    let forward = CoderOptions {
        forward_actor: Some("SYL".into()),
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, forward, &s), ["SYL FRE 190"]);
}

#[test]
fn petrarch2_pre_verb_pattern_matched_an_adverb() {
    // `- RECENTLY *` reads the subject and the verb's group; "recently" modifies the
    // verb, so the verb's own code holds.
    let verbs = "--- ALLOW [080] ---\nALLOW\n- RECENTLY * [025]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsPetrarch2)),
    ]);
    let s = parse_one(
        "# text = Freedonia recently allowed Sylvania.
1 Freedonia Freedonia PROPN NNP _ 3 nsubj _ _
2 recently recently ADV RB _ 3 advmod _ _
3 allowed allow VERB VBD _ 0 root _ _
4 Sylvania Sylvania PROPN NNP _ 3 obj _ SpaceAfter=No
5 . . PUNCT . _ 3 punct _ _",
    );
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FRE SYL 080"]);
}

#[test]
fn space_in_an_actor_name_did_not_allow_a_gap() {
    // `PRINCE RUFUS_T` (a space, not `_`): other words may stand between the parts.
    let actors = "PRINCE RUFUS_T [RUF]\nFREEDONIA_ [FRE]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", actors, Some(DictKind::Actors)),
        ("t.verbs", "WARN [160]\n", Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Freedonia warned the Prince of Rufus T.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 warned warn VERB VBD _ 0 root _ _
3 the the DET DT _ 4 det _ _
4 Prince Prince PROPN NNP _ 2 obj _ _
5 of of ADP IN _ 6 case _ _
6 Rufus Rufus PROPN NNP _ 4 nmod _ _
7 T T PROPN NNP _ 6 flat _ SpaceAfter=No
8 . . PUNCT . _ 2 punct _ _",
    );
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FRE RUF 160"]);
}

#[test]
fn agent_after_a_name_lost_its_country_to_a_misparse() {
    // "Freedonia | President Firefly": the parser made the name and the agent phrase
    // two subjects; the name right before the agent phrase still gives its country.
    let d = tabari("APPEAL [095]\n", "PRESIDENT_ [~GOVPRS]\n");
    let s = parse_one(
        "# text = Freedonia President Firefly appealed to Sylvania.
1 Freedonia Freedonia PROPN NNP _ 4 nsubj:pass _ _
2 President President PROPN NNP _ 3 compound _ _
3 Firefly Firefly PROPN NNP _ 4 nsubj _ _
4 appealed appeal VERB VBD _ 0 root _ _
5 to to ADP IN _ 6 case _ _
6 Sylvania Sylvania PROPN NNP _ 4 obl _ SpaceAfter=No
7 . . PUNCT . _ 4 punct _ _",
    );
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FREGOVPRS SYL 095"]);
}

#[test]
fn code_all_skipped_an_open_complement_and_its_object_pronoun() {
    // TABARI's CODE ALL codes "assist" too; its object "it" is the sentence's first
    // actor that is not the source.
    let d = tabari("URGE [102]\nASSIST [092]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = Freedonia urged Sylvania to assist it.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 urged urge VERB VBD _ 0 root _ _
3 Sylvania Sylvania PROPN NNP _ 2 obj _ _
4 to to PART TO _ 5 mark _ _
5 assist assist VERB VB _ 2 xcomp _ _
6 it it PRON PRP _ 5 obj _ SpaceAfter=No
7 . . PUNCT . _ 2 punct _ _",
    );
    assert_eq!(
        code(&d, CoderOptions::default(), &s),
        ["FRE SYL 102"],
        "the complement is subsumed by default"
    );
    let code_all = CoderOptions {
        linear_participants: true,
        ..CoderOptions::default()
    };
    assert_eq!(code(&d, code_all, &s), ["FRE SYL 092", "FRE SYL 102"]);
}

#[test]
fn last_day_of_a_dated_interval_was_excluded() {
    // PETRARCH: `[FREGOV 20100109-20100112]` holds on 2010-01-12 too, and, listed first,
    // wins over the overlapping `[FREMIL …]`.
    let actors = "FIREFLY_ [FRE]\n\t[FREGOV 20100109-20100112]\n\t[FREMIL 20080120-20121109]\nSYLVANIA_ [SYL]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", actors, Some(DictKind::Actors)),
        ("t.verbs", "ATTACK [190]\n", Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Firefly attacked Sylvania.
1 Firefly Firefly PROPN NNP _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 Sylvania Sylvania PROPN NNP _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    let on = |date: &str| {
        codes(&Coder::new(&d, CoderOptions::default()).code(&s, dyad_dict::DictDate::parse(date)))
    };
    assert_eq!(on("20100112"), ["FREGOV SYL 190"]);
    assert_eq!(on("20100113"), ["FREMIL SYL 190"]);
}

/// Regression (seed article): "Trump said that Soleimani was killed" coded an attack by
/// Trump: an agentless passive in a reported clause took the speaker as its source.
#[test]
fn reported_agentless_passive_takes_no_source_from_the_speaker() {
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        (
            "t.verbs.txt",
            include_str!("data/test.verbs.txt"),
            Some(DictKind::VerbsPetrarch2),
        ),
    ]);
    let s = parse_one(
        "# text = Freedonia said that Sylvania was attacked.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 said say VERB VBD _ 0 root _ _
3 that that SCONJ IN _ 6 mark _ _
4 Sylvania Sylvania PROPN NNP _ 6 nsubj:pass _ _
5 was be AUX VBD _ 6 aux:pass _ _
6 attacked attack VERB VBN _ 2 ccomp _ _
7 . . PUNCT . _ 2 punct _ _",
    );
    let got = code(&d, CoderOptions::default(), &s);
    assert!(!got.iter().any(|e| e.ends_with(" 190")), "{got:?}");
}

/// PETRARCH-2 with `require_dyad = false` (the suite's `<Config>`): "…, a senior official
/// said on Saturday" is a statement of its own, coded with a null target; the one-verb-
/// per-clause rule dropped it, and the linear rule (PETRARCH-1 style verbs) gave it the
/// main clause's actor.
#[test]
fn null_target_statement_set_off_by_a_comma_was_dropped_or_took_the_first_actor() {
    let verbs = "--- RESTORE [064] ---\nRESTORE\n\n--- SAID [023] ---\nSAID\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.agents.txt", "OFFICIAL_ [~GOV]\n", Some(DictKind::Agents)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Freedonia is about to restore ties with Sylvania after crowds trashed its embassy, an official said.
1 Freedonia Freedonia PROPN NNP _ 3 nsubj _ _
2 is be AUX VBZ _ 3 cop _ _
3 about about ADJ JJ _ 0 root _ _
4 to to PART TO _ 5 mark _ _
5 restore restore VERB VB _ 3 xcomp _ _
6 ties tie NOUN NNS _ 5 obj _ _
7 with with ADP IN _ 8 case _ _
8 Sylvania Sylvania PROPN NNP _ 6 nmod _ _
9 after after ADP IN _ 10 case _ _
10 crowds crowd NOUN NNS _ 11 nsubj _ _
11 trashed trash VERB VBD _ 3 parataxis _ _
12 its its PRON PRP$ _ 13 nmod:poss _ _
13 embassy embassy NOUN NN _ 11 obj _ SpaceAfter=No
14 , , PUNCT , _ 16 punct _ _
15 an a DET DT _ 16 det _ _
16 official official NOUN NN _ 17 nsubj _ _
17 said say VERB VBD _ 11 advcl _ SpaceAfter=No
18 . . PUNCT . _ 3 punct _ _",
    );
    let petrarch = CoderOptions {
        linear_participants: true,
        one_verb_per_sentence: true,
        agentless_passive_as_active: true,
        ..CoderOptions::default()
    };
    let open = CoderOptions {
        allow_no_target: true,
        keep_unknown_country: true,
        ..petrarch.clone()
    };
    let coded = Coder::new(&d, open).code(&s, None);
    assert_eq!(
        codes(&coded),
        ["---GOV --- 023", "FRE SYL 064"],
        "{}",
        explain(&s, &coded)
    );
    // With the default `require_dyad = true` the statement gives no event.
    assert_eq!(code(&d, petrarch, &s), ["FRE SYL 064"]);
}

/// PETRARCH-2's `(IN ^)`: the skipped noun phrase belongs to the prepositional phrase,
/// so the `+` after it is the next actor ("celebrated Iftar in Sylvania with the
/// leaders of Marsovia": MAR). The target had been taken from inside the phrase.
#[test]
fn target_after_a_skipped_prepositional_phrase_came_from_inside_it() {
    let verbs = "--- CELEBRATE [051] ---\nCELEBRATE\n- * IFTAR (IN ^) + [017]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsPetrarch2)),
    ]);
    let s = parse_one(
        "# text = Freedonia celebrated Iftar in Sylvania with the leaders of Marsovia.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 celebrated celebrate VERB VBD _ 0 root _ _
3 Iftar Iftar PROPN NNP _ 2 obj _ _
4 in in ADP IN _ 5 case _ _
5 Sylvania Sylvania PROPN NNP _ 3 nmod _ _
6 with with ADP IN _ 8 case _ _
7 the the DET DT _ 8 det _ _
8 leaders leader NOUN NNS _ 2 obl _ _
9 of of ADP IN _ 10 case _ _
10 Marsovia Marsovia PROPN NNP _ 8 nmod _ SpaceAfter=No
11 . . PUNCT . _ 2 punct _ _",
    );
    let coded = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&coded), ["FRE MAR 017"], "{}", explain(&s, &coded));
}

/// A verb with no object of its own aims at the object of its purpose infinitive
/// ("Freedonia signed an accord to supply Sylvania with wheat": FRE → SYL), as
/// PETRARCH-2 and UniversalPetrarch code it; the `advcl` was passed over.
#[test]
fn purpose_infinitive_object_was_not_the_target() {
    let verbs = "--- SIGN [057] ---\nSIGN\n- * ACCORD [056]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsPetrarch2)),
    ]);
    let s = parse_one(
        "# text = Freedonia signed an accord to supply Sylvania with wheat.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 signed sign VERB VBD _ 0 root _ _
3 an a DET DT _ 4 det _ _
4 accord accord NOUN NN _ 2 dobj _ _
5 to to PART TO _ 6 mark _ _
6 supply supply VERB VB _ 2 advcl _ _
7 Sylvania Sylvania PROPN NNP _ 6 dobj _ _
8 with with ADP IN _ 9 case _ _
9 wheat wheat NOUN NN _ 6 nmod _ SpaceAfter=No
10 . . PUNCT . _ 2 punct _ _",
    );
    let coded = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&coded), ["FRE SYL 056"], "{}", explain(&s, &coded));
}

/// TABARI's "FORMER conversion": a former holder of a role is one of CAMEO's elites
/// ("Freedonia's former soldiers": FREELI, not FREMIL); the role's sector was kept.
#[test]
fn former_role_holder_kept_the_roles_sector_instead_of_eli() {
    let d = tabari("ATTACK [190]\n", "SOLDIER [~MIL]\n");
    let s = parse_one(
        "# text = Freedonia former soldiers attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 3 compound _ _
2 former former ADJ JJ _ 3 amod _ _
3 soldiers soldier NOUN NNS _ 4 nsubj _ _
4 attacked attack VERB VBD _ 0 root _ _
5 Sylvania Sylvania PROPN NNP _ 4 obj _ SpaceAfter=No
6 . . PUNCT . _ 4 punct _ _",
    );
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FREELI SYL 190"]);
    let serving = parse_one(
        "# text = Freedonia soldiers attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 compound _ _
2 soldiers soldier NOUN NNS _ 3 nsubj _ _
3 attacked attack VERB VBD _ 0 root _ _
4 Sylvania Sylvania PROPN NNP _ 3 obj _ SpaceAfter=No
5 . . PUNCT . _ 3 punct _ _",
    );
    assert_eq!(
        code(&d, CoderOptions::default(), &serving),
        ["FREMIL SYL 190"]
    );
}

/// "human rights | activists of Sylvania": the parser hung "of Sylvania" on the agent's
/// last word while the agent phrase's head was another; the phrase gave no country.
#[test]
fn agent_phrase_split_by_the_parser_lost_its_of_country() {
    let d = tabari("ATTACK [190]\n", "HUMAN_RIGHTS_ACTIVIST [~OPP]\n");
    let s = parse_one(
        "# text = Freedonia attacked human rights activists of Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 attacked attack VERB VBD _ 0 root _ _
3 human human ADJ JJ _ 4 amod _ _
4 rights right NOUN NNS _ 2 obj _ _
5 activists activist NOUN NNS _ 4 conj _ _
6 of of ADP IN _ 7 case _ _
7 Sylvania Sylvania PROPN NNP _ 5 nmod _ SpaceAfter=No
8 . . PUNCT . _ 2 punct _ _",
    );
    let coded = Coder::new(&d, CoderOptions::default()).code(&s, None);
    // (The conjunct "activists" also leads the target search to "Sylvania" alone.)
    assert!(
        codes(&coded).contains(&"FRE SYLOPP 190".to_string()),
        "{}",
        explain(&s, &coded)
    );
}

/// PETRARCH-2's `VOW * WAR` reads into the purpose infinitive ("Freedonia vowed to wage
/// war on Sylvania": 190, not VOW's own 170); the `advcl` was cut from the clause.
#[test]
fn pattern_did_not_read_into_a_purpose_infinitive() {
    let verbs = "--- VOW [170] ---\nVOW\n- * WAR [190]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsPetrarch2)),
    ]);
    let s = parse_one(
        "# text = Freedonia vowed to wage war on Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 vowed vow VERB VBD _ 0 root _ _
3 to to PART TO _ 4 mark _ _
4 wage wage VERB VB _ 2 advcl _ _
5 war war NOUN NN _ 4 dobj _ _
6 on on ADP IN _ 7 case _ _
7 Sylvania Sylvania PROPN NNP _ 4 nmod _ SpaceAfter=No
8 . . PUNCT . _ 2 punct _ _",
    );
    let coded = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&coded), ["FRE SYL 190"], "{}", explain(&s, &coded));
}

/// "…, the official news agency WFNA said", parsed as a relative clause on "agency":
/// the linear rule gave the statement the sentence's first actor; its source is the
/// phrase it hangs on.
#[test]
fn relative_clause_statement_took_the_sentences_first_actor() {
    let verbs = "--- WELCOME [041] ---\nWELCOME\n\n--- SAID [023] ---\nSAID\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.agents.txt", "OFFICIAL_ [~GOV]\n", Some(DictKind::Agents)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Freedonia welcomed Sylvania, the official agency WFNA said.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 welcomed welcome VERB VBD _ 0 root _ _
3 Sylvania Sylvania PROPN NNP _ 2 obj _ SpaceAfter=No
4 , , PUNCT , _ 7 punct _ _
5 the the DET DT _ 7 det _ _
6 official official ADJ JJ _ 7 amod _ _
7 agency agency NOUN NN _ 3 appos _ _
8 WFNA WFNA PROPN NNP _ 9 nsubj _ _
9 said say VERB VBD _ 7 acl:relcl _ SpaceAfter=No
10 . . PUNCT . _ 2 punct _ _",
    );
    let open = CoderOptions {
        linear_participants: true,
        one_verb_per_sentence: true,
        allow_no_target: true,
        keep_unknown_country: true,
        ..CoderOptions::default()
    };
    let coded = Coder::new(&d, open).code(&s, None);
    assert_eq!(
        codes(&coded),
        ["---GOV --- 023", "FRE SYL 041"],
        "{}",
        explain(&s, &coded)
    );
}

/// A TABARI-style verbs file read as PETRARCH-2 reads it (compiled without stems): its
/// pattern words are complete written words, so "ADOPT * RESOLUTION" does not match
/// "adopted resolutions" (by stem or by lemma); with stems it does.
#[test]
fn pattern_word_matched_a_plural_without_stems() {
    let verbs = "--- ADOPT [081] ---\nADOPT\n- * RESOLUTION [102]\n";
    let (mut d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Freedonia adopted resolutions with Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 adopted adopt VERB VBD _ 0 root _ _
3 resolutions resolution NOUN NNS _ 2 obj _ _
4 with with ADP IN _ 5 case _ _
5 Sylvania Sylvania PROPN NNP _ 2 obl _ SpaceAfter=No
6 . . PUNCT . _ 2 punct _ _",
    );
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FRE SYL 102"]);
    d.compile_with(dyad_dict::CompileOptions { stems: false });
    assert_eq!(code(&d, CoderOptions::default(), &s), ["FRE SYL 081"]);
}
