//! Reading, writing back and matching the small dictionaries in `tests/data` (written by
//! us, one per format): round trips, match semantics, diagnostics and the lint pass.

use std::path::PathBuf;

use dyad_dict::{
    actors, agents, check, discards, issues, verbs, AgentPlacement, DictDate, DictKind,
    Dictionaries, Item, LoadError, LoadOptions, Severity, VerbStyle,
};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// Loads one file from tests/data; asserts it read without errors.
fn load(name: &str) -> Dictionaries {
    let (d, diags) = dyad_dict::load_paths(&[data(name)], &LoadOptions::default()).unwrap();
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    d
}

fn reparse(name: &str, text: &str, kind: DictKind) -> Dictionaries {
    let (d, diags) = Dictionaries::from_texts(&[(name, text, Some(kind))]);
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:#?}"
    );
    d
}

/// Names (words, stem) and codes (code, start, end) of each actor: what a round trip keeps.
type ActorProjection = (
    Vec<(Vec<String>, bool)>,
    Vec<(String, Option<DictDate>, Option<DictDate>)>,
);

fn date(s: &str) -> Option<DictDate> {
    DictDate::parse(s)
}

#[test]
fn kinds_are_detected_from_names_and_content() {
    let kind = |n: &str| load(n).files[0].kind;
    assert_eq!(kind("small.actors.txt"), DictKind::Actors);
    assert_eq!(kind("small.tabari.actors"), DictKind::Actors);
    assert_eq!(kind("small.agents.txt"), DictKind::Agents);
    assert_eq!(kind("small.tabari.verbs"), DictKind::VerbsTabari);
    assert_eq!(kind("small.p1.verbs.txt"), DictKind::VerbsTabari);
    assert_eq!(kind("small.p2.verbs.txt"), DictKind::VerbsPetrarch2);
    assert_eq!(kind("small.discards.txt"), DictKind::Discards);
    assert_eq!(kind("small.issues.txt"), DictKind::Issues);
    assert_eq!(kind("small.ontology.txt"), DictKind::Ontology);
}

#[test]
fn actors_parse_with_dates_alternates_and_stems() {
    let d = load("small.actors.txt");
    assert_eq!(d.actors.len(), 7);
    let fre = &d.actors[0];
    let names: Vec<&str> = fre.names.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(names, ["FREEDONIA_", "FREEDONIAN_", "FREDONIA_"]);
    assert_eq!(fre.comment.as_deref(), Some("a country"));
    let rufus = &d.actors[1];
    assert_eq!(rufus.names[0].words, ["RUFUS", "T.", "FIREFLY"]);
    assert_eq!(rufus.codes.len(), 4);
    assert_eq!(rufus.codes[2].range.start, date("19400101"));
    assert_eq!(rufus.codes[2].range.end, date("19401231"));
    let syl = &d.actors[2];
    assert!(syl.names[0].stem);
    assert_eq!(syl.codes[0].range.end, date("19350101"));
    assert_eq!(
        d.loc(syl.file, syl.line),
        format!("{}:11", data("small.actors.txt").display())
    );
}

#[test]
fn actor_codes_are_date_aware_first_match_wins() {
    let d = load("small.actors.txt");
    let id = d.match_actors(&["Rufus", "T.", "Firefly"])[0].values[0];
    let on = |s: &str| d.actor_code(id, date(s)).map(|c| c.code.clone());
    assert_eq!(on("19250505").as_deref(), Some("FREELI"));
    // A handover day (one interval ends, the next begins) goes to the code written first.
    assert_eq!(on("19330101").as_deref(), Some("FREELI"));
    assert_eq!(on("19330102").as_deref(), Some("FREGOV"));
    assert_eq!(on("19340101").as_deref(), Some("FREGOV")); // an interval holds on its last day
    assert_eq!(on("19340102").as_deref(), Some("FREELI")); // then the unrestricted code
    assert_eq!(on("19400601").as_deref(), Some("FREGOV"));
    assert_eq!(
        d.actor_code(id, None).map(|c| c.code.as_str()),
        Some("FREELI")
    );
    let syl = d.match_actors(&["Sylvania"])[0].values[0];
    assert_eq!(
        d.actor_code(syl, date("19341231")).map(|c| c.code.as_str()),
        Some("SYL")
    );
    assert_eq!(
        d.actor_code(syl, date("19350101")).map(|c| c.code.as_str()),
        Some("SYLGOV")
    );
    // `>D`: nothing before D, then the next line's code.
    let tre = d.match_actors(&["Trentino"])[0].values[0];
    assert_eq!(
        d.actor_code(tre, date("19330531")).map(|c| c.code.as_str()),
        Some("SYL")
    );
    assert_eq!(
        d.actor_code(tre, date("19330601")).map(|c| c.code.as_str()),
        Some("SYLGOV")
    );
}

#[test]
fn a_plus_inside_a_word_is_part_of_the_actor_name_not_a_one_letter_stem() {
    // Regression: `B+H_OCEAN_CARRIERS_` (a company in PETRARCH-2's actors) was cut at the
    // `+` into two names, the first the stem `B`, so every word starting with a b ("bring",
    // "been", "before") was coded as that company.
    let d = reparse(
        "plus.actors.txt",
        "Q+Z_OCEAN_LINES_ [MNCQZL]\nFREEDONIA_ [FRE]\n+FREEDONIAN_STATE_ +FREE_REPUBLIC_\n",
        DictKind::Actors,
    );
    assert!(d.match_actors(&["quick"]).is_empty());
    assert!(d.match_actors(&["Q", "ships"]).is_empty());
    let names: Vec<Vec<String>> = d.actors[0].names.iter().map(|n| n.words.clone()).collect();
    assert_eq!(names, [["Q+Z", "OCEAN", "LINES"]]);
    // A `+` after `_` or a space still starts another alternate name.
    let alts: Vec<String> = d.actors[1].names.iter().map(|n| n.text.clone()).collect();
    assert_eq!(alts, ["FREEDONIA_", "FREEDONIAN_STATE_", "FREE_REPUBLIC_"]);
}

#[test]
fn actor_matching_is_leftmost_longest_with_stems() {
    let d = load("small.actors.txt");
    let toks = [
        "the",
        "Freedonia",
        "army",
        "met",
        "Freedonian",
        "envoys",
        "in",
        "Great",
        "Stemming",
        "town",
    ];
    let m = d.match_actors(&toks);
    let spans: Vec<(usize, usize)> = m.iter().map(|x| (x.start, x.end)).collect();
    assert_eq!(spans, [(1, 3), (4, 5), (7, 9)]);
    assert_eq!(d.actors[m[0].values[0] as usize].codes[0].code, "FREMIL");
    assert!(m[2].stem);
    // A duplicate name keeps both entries, the first first.
    let dup = d.match_actors(&["FREEDONIA"]);
    let codes: Vec<&str> = dup[0]
        .values
        .iter()
        .map(|&i| d.actors[i as usize].codes[0].code.as_str())
        .collect();
    assert_eq!(codes, ["FRE", "XXX"]);
    // Exact names (trailing `_`) are not stems.
    assert!(d.match_actors(&["FREEDONIAS"]).is_empty());
    // Without stems (PETRARCH-2's reading) GREAT_STEM needs the whole word.
    let mut exact = d.clone();
    exact.compile_with(dyad_dict::CompileOptions { stems: false });
    assert!(exact.match_actors(&["Great", "Stemming"]).is_empty());
    assert_eq!(exact.match_actors(&["Great", "Stem"]).len(), 1);
}

#[test]
fn tabari_actors_sections_comments_and_finish() {
    let d = load("small.tabari.actors");
    assert_eq!(d.actors.len(), 3, "entries after ~~FINISH are not read");
    let w = &d.actor_words[0].1;
    assert_eq!(
        w.nouns.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["GOATS", "LEADER"]
    );
    assert_eq!(w.adjectives.len(), 1);
    let arg = d.match_actors(&["ARGENTINE"]);
    assert_eq!(arg.len(), 1);
    let z = d.match_actors(&["Zimbabwe"])[0].values[0];
    assert_eq!(
        d.actor_code(z, date("790101")).map(|c| c.code.as_str()),
        Some("RHO")
    );
    assert_eq!(
        d.actor_code(z, date("800101")).map(|c| c.code.as_str()),
        Some("ZBW")
    );
}

#[test]
fn actors_round_trip() {
    for name in ["small.actors.txt", "small.tabari.actors"] {
        let a = load(name);
        let text = actors::write(&a.actors);
        let b = reparse(name, &text, DictKind::Actors);
        let proj = |d: &Dictionaries| -> Vec<ActorProjection> {
            d.actors
                .iter()
                .map(|e| {
                    (
                        e.names.iter().map(|n| (n.words.clone(), n.stem)).collect(),
                        e.codes
                            .iter()
                            .map(|c| (c.code.clone(), c.range.start, c.range.end))
                            .collect(),
                    )
                })
                .collect()
        };
        assert_eq!(proj(&a), proj(&b), "{name}:\n{text}");
    }
}

#[test]
fn agents_plurals_markers_and_placement() {
    let d = load("small.agents.txt");
    let forms = |i: usize| {
        d.agents[i]
            .forms
            .iter()
            .map(|f| f.join(" "))
            .collect::<Vec<_>>()
    };
    assert_eq!(forms(0), ["FARMER", "FARMERS"]);
    assert_eq!(forms(1), ["MILITARY ACADEMY", "MILITARY ACADEMIES"]);
    assert_eq!(forms(2), ["POLICE"]);
    assert_eq!(forms(3), ["THIEF", "THIEVES"]);
    assert_eq!(
        forms(4),
        [
            "CONGRESSMAN",
            "CONGRESSMEN",
            "CONGRESSWOMAN",
            "CONGRESSWOMEN"
        ]
    );
    assert_eq!(forms(6), ["WITNESS", "WITNESSES"]);
    assert_eq!(d.agents[5].placement, AgentPlacement::Prefix);
    assert_eq!(d.agents[0].placement, AgentPlacement::Suffix);
    let m = d.match_agents(&["angry", "congresswomen", "and", "thieves"]);
    assert_eq!(
        m.iter()
            .map(|x| d.agents[x.values[0] as usize].code.as_str())
            .collect::<Vec<_>>(),
        ["LEG", "CRM"]
    );
    let text = agents::write(&d.agents, &d.agent_markers[0].1);
    let b = reparse("again.agents.txt", &text, DictKind::Agents);
    let proj = |d: &Dictionaries| {
        d.agents
            .iter()
            .map(|a| (a.forms.clone(), a.code.clone(), a.placement))
            .collect::<Vec<_>>()
    };
    assert_eq!(proj(&d), proj(&b), "{text}");
}

#[test]
fn tabari_verbs_every_pattern_feature() {
    let d = load("small.tabari.verbs");
    let vf = &d.verbs[0];
    assert_eq!(vf.style, VerbStyle::Tabari);
    assert_eq!(vf.synsets.len(), 2);
    assert_eq!(vf.time.len(), 2);
    assert_eq!(vf.time[0].shift, "-7");
    let abandon = &vf.families[0];
    assert!(abandon.code.as_ref().unwrap().is_null());
    let p = &abandon.patterns;
    assert_eq!(
        p[0].elems
            .iter()
            .map(|e| e.item.clone())
            .collect::<Vec<_>>(),
        [
            Item::Word("SAID".into()),
            Item::Target,
            Item::Word("MUST".into()),
            Item::Verb,
            Item::Word("POLICY".into())
        ]
    );
    assert_eq!(p[0].comment.as_deref(), Some("ab 10 Jul 2003"));
    assert!(p[1].elems[2].joined, "IN_ is joined");
    let c = p[2].code.as_ref().unwrap();
    assert_eq!(
        (c.primary.as_str(), c.secondary.as_deref()),
        ("0311", Some("0311"))
    );
    assert_eq!(p[2].elems[0].item, Item::Source);
    assert_eq!(p[3].elems[0].item, Item::Compound);
    assert_eq!(p[4].elems[1].item, Item::Skip);
    assert_eq!(p[5].elems[1].item, Item::Synset("&CURRENCY".into()));
    match &p[6].elems[4].item {
        Item::Alternatives(alts) => {
            assert_eq!(alts.len(), 2);
            assert_eq!(alts[0][0].item, Item::Word("GENEVA".into()));
        }
        other => panic!("expected alternatives, got {other:?}"),
    }
    assert!(p[6].elems[4].joined && p[6].elems[3].joined && !p[6].elems[2].joined);
    // TABARI: each verb is its own family; forms on the next line; compounds.
    let act = &vf.families[2];
    assert_eq!(act.verbs[0].inflections(), ["ACTING", "ACTED", "ACTS"]);
    assert!(act.verbs[0].form.exact);
    let cordon = &vf.families[3].verbs[0];
    assert_eq!(
        (cordon.form.words.clone(), cordon.form.head),
        (vec!["CORDON".to_string(), "OFF".into()], 0)
    );
    let tap = &vf.families[4].verbs[0];
    assert_eq!((tap.form.head_word(), tap.form.head), ("TAP", 1));
    let phrase = &vf.families[5].verbs[0];
    assert_eq!(phrase.form.words.len(), 5);
    // Lookup by lemma and by form.
    let r = d.verbs_for_lemma("cordon")[0];
    assert_eq!(d.verb_code(r).map(|c| c.raw.as_str()), Some("191"));
    assert_eq!(d.verbs_for_form("CORDONED").len(), 1);
    assert_eq!(
        d.verbs_for_form("advances").len(),
        1,
        "ADVANC is a TABARI stem"
    );
    assert_eq!(d.verbs_for_lemma("advance").len(), 1);
    assert!(d.verbs_for_form("ACTION").is_empty(), "ACT_ is not a stem");
    assert_eq!(
        d.family(d.verbs_for_lemma("ABANDON")[0])
            .map(|f| f.patterns.len()),
        Some(9)
    );
}

#[test]
fn petrarch1_families_share_patterns() {
    let d = load("small.p1.verbs.txt");
    let vf = &d.verbs[0];
    assert_eq!(vf.families.len(), 2);
    assert_eq!(vf.synsets[0].name, "&MILITARY");
    assert!(vf.synsets[0].no_plurals);
    let forms: Vec<String> = vf.synsets[0]
        .word_forms()
        .iter()
        .map(|f| f.join(" "))
        .collect();
    assert_eq!(
        forms,
        ["TROOPS", "ARMED FORCES"],
        "a `_` label makes no plurals"
    );
    let grant = &vf.families[0];
    assert_eq!(grant.verbs.len(), 3);
    assert_eq!(
        grant.verbs[1].inflections(),
        ["GAVE", "GIVEN", "GIVING", "GIVES"]
    );
    assert_eq!(
        grant.verbs[0].inflections(),
        ["GRANT", "GRANTS", "GRANTED", "GRANTING"]
    );
    assert_eq!(
        grant.verbs[2].inflections(),
        ["CLARIFY", "CLARIFIES", "CLARIFYED", "CLARIFYING"]
    );
    let r = d.verbs_for_lemma("give")[0];
    assert_eq!(
        d.verb_code(r).map(|c| c.primary.as_str()),
        Some("070"),
        "family code"
    );
    let r = d.verbs_for_lemma("clarify")[0];
    assert_eq!(
        d.verb_code(r).map(|c| c.primary.as_str()),
        Some("040"),
        "own code"
    );
    assert_eq!(d.family(r).unwrap().patterns.len(), 3);
}

#[test]
fn petrarch2_verbs_phrases_groups_and_transformations() {
    let d = load("small.p2.verbs.txt");
    let vf = &d.verbs[0];
    assert_eq!(vf.style, VerbStyle::Petrarch2);
    assert_eq!(
        vf.synsets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["&AUXVERB3", "&WEAPON"]
    );
    assert_eq!(vf.synsets[1].members[1].elems.len(), 2);
    let forms: Vec<String> = vf.synsets[1]
        .word_forms()
        .iter()
        .map(|f| f.join(" "))
        .collect();
    assert_eq!(
        forms,
        ["WEAPON", "WEAPONS", "ROCKET LAUNCHER", "ROCKET LAUNCHERS"]
    );
    let acc = &vf.families[0];
    assert_eq!(acc.name, "ACCELERATE");
    assert_eq!(
        acc.verbs[1].inflections(),
        ["HURRIES", "HURRYING", "HURRIED"]
    );
    let p = &acc.patterns;
    assert_eq!(
        p[0].elems[1].item,
        Item::Prep(vec![dyad_dict::Elem {
            item: Item::Word("TO".into()),
            joined: false,
            tight: false
        }])
    );
    match &p[1].elems[1].item {
        Item::Group(g) => assert_eq!(g.len(), 2),
        other => panic!("expected a group, got {other:?}"),
    }
    match &p[2].elems[2].item {
        Item::Prep(g) => assert_eq!(g[1].item, Item::Word("BORDER".into())),
        other => panic!("expected a prep phrase, got {other:?}"),
    }
    assert_eq!(p[5].elems[0].item, Item::Target);
    let c = p[6].code.as_ref().unwrap();
    assert_eq!(
        (c.primary.as_str(), c.secondary.as_deref()),
        ("", Some("080"))
    );
    assert_eq!(d.synset("&weapon_").map(|s| s.members.len()), Some(2));
    assert!(d.synset("&NOPE").is_none());
    assert_eq!(vf.transformations.len(), 2);
    assert_eq!(vf.transformations[1].result, ["a", "b", "112"]);
}

#[test]
fn verbs_round_trip() {
    for (name, kind) in [
        ("small.tabari.verbs", DictKind::VerbsTabari),
        ("small.p1.verbs.txt", DictKind::VerbsTabari),
        ("small.p2.verbs.txt", DictKind::VerbsPetrarch2),
    ] {
        let a = load(name);
        let text = verbs::write(&a.verbs[0]);
        let b = reparse(name, &text, kind);
        let (x, y) = (&a.verbs[0], &b.verbs[0]);
        assert_eq!(x.synsets.len(), y.synsets.len(), "{text}");
        for (s, t) in x.synsets.iter().zip(&y.synsets) {
            assert_eq!((&s.name, s.no_plurals), (&t.name, t.no_plurals));
            let m = |s: &dyad_dict::Synset| {
                s.members
                    .iter()
                    .map(|m| m.elems.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(m(s), m(t));
        }
        let fam = |v: &dyad_dict::VerbFile| {
            v.families
                .iter()
                .map(|f| {
                    (
                        f.name.clone(),
                        f.code.clone(),
                        f.verbs
                            .iter()
                            .map(|v| {
                                (
                                    v.form.words.clone(),
                                    v.form.head,
                                    v.inflections(),
                                    v.code.clone(),
                                )
                            })
                            .collect::<Vec<_>>(),
                        f.patterns
                            .iter()
                            .map(|p| (p.elems.clone(), p.code.clone()))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(fam(x), fam(y), "{name}:\n{text}");
        assert_eq!(
            x.transformations
                .iter()
                .map(|t| (&t.pattern, &t.result))
                .collect::<Vec<_>>(),
            y.transformations
                .iter()
                .map(|t| (&t.pattern, &t.result))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            x.time
                .iter()
                .map(|t| (&t.text, &t.shift))
                .collect::<Vec<_>>(),
            y.time
                .iter()
                .map(|t| (&t.text, &t.shift))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn discards_and_issues() {
    let d = load("small.discards.txt");
    assert_eq!(d.discards.len(), 4);
    assert!(d.discards[0].story && !d.discards[1].story);
    let m = d.match_discards(&["two", "batsmen", "won", "the", "World", "Cup"]);
    assert_eq!(m.iter().map(|x| x.values[0]).collect::<Vec<_>>(), [2, 0]);
    assert!(
        d.match_discards(&["ACADEMY", "AWARDS"]).is_empty(),
        "ACADEMY_AWARD_ is exact"
    );
    let text = discards::write(&d.discards);
    let b = reparse("again.discards.txt", &text, DictKind::Discards);
    let proj = |d: &Dictionaries| {
        d.discards
            .iter()
            .map(|x| (x.words.clone(), x.story, x.stem))
            .collect::<Vec<_>>()
    };
    assert_eq!(proj(&d), proj(&b));

    let d = load("small.issues.txt");
    assert_eq!(d.issues.len(), 7);
    assert_eq!(d.issues[0].category.as_deref(), Some("EDUCATION"));
    assert_eq!(d.issues[3].kind, dyad_dict::IssueKind::ExcludeSentence);
    assert_eq!(d.issues[6].kind, dyad_dict::IssueKind::ExcludeStory);
    let m = d.match_issues(&["new", "war", "crimes", "and", "pre-schools", "massacred"]);
    let codes: Vec<&str> = m
        .iter()
        .map(|x| d.issues[x.values[0] as usize].code.as_str())
        .collect();
    assert_eq!(codes, ["ATROCITY", "EARLY_EDUCATION", "ATROCITY"]);
    let text = issues::write(&d.issues);
    let b = reparse("again.issues.txt", &text, DictKind::Issues);
    let proj = |d: &Dictionaries| {
        d.issues
            .iter()
            .map(|x| (x.forms.clone(), x.code.clone(), x.kind, x.category.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(proj(&d), proj(&b), "{text}");
}

#[test]
fn ontology_values() {
    let d = load("small.ontology.txt");
    let v: Vec<(&str, i64)> = d
        .ontology
        .iter()
        .map(|p| (p.cameo.as_str(), p.value()))
        .collect();
    assert_eq!(
        v,
        [
            ("010", 0x1000),
            ("011", 0x1000 - 0xFFFF),
            ("121", 0x70 - 0xFFFF),
            ("---", 0)
        ]
    );
    assert_eq!(
        d.ontology[0].label.as_deref(),
        Some("Make Public Statement")
    );
}

#[test]
fn malformed_lines_are_reported_and_reading_goes_on() {
    let path = data("bad.actors.txt");
    let (d, diags) =
        dyad_dict::load_paths(std::slice::from_ref(&path), &LoadOptions::default()).unwrap();
    let names: Vec<&str> = d.actors.iter().map(|a| a.names[0].text.as_str()).collect();
    assert_eq!(
        names,
        ["GOOD_ONE", "BAD_DATE", "EMPTY", "NO_CODE_YET", "LAST_GOOD"]
    );
    assert_eq!(
        d.actors[1]
            .codes
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["BD2"]
    );
    let errs: Vec<usize> = diags
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.line)
        .collect();
    assert_eq!(errs, [1, 3, 5, 7]);
    let date_warning = diags.iter().find(|x| x.line == 4).unwrap();
    let shown = date_warning.to_string();
    let want = format!("{}:4: warning: malformed date `9008223`", path.display());
    assert!(shown.starts_with(&want), "{shown}");
    // The caret sits under the bad date.
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines[1].trim_start(), "BAD_DATE [BD1 9008223-911221] [BD2]");
    assert_eq!(lines[2].find('^'), Some(4 + "BAD_DATE [BD1 ".len()));
    // Strict mode refuses the file.
    let strict = LoadOptions {
        strict: true,
        ..Default::default()
    };
    match dyad_dict::load_paths(&[path], &strict) {
        Err(LoadError::Strict { diagnostics }) => assert!(diagnostics.len() >= 4),
        other => panic!("expected a strict failure, got {other:?}"),
    }
}

#[test]
fn lint_finds_duplicates_shadows_unknown_codes_and_dead_entries() {
    let (d, _) = dyad_dict::load_paths(
        &[
            data("small.actors.txt"),
            data("small.tabari.verbs"),
            data("small.p1.verbs.txt"),
            data("small.p2.verbs.txt"),
        ],
        &LoadOptions::default(),
    )
    .unwrap();
    let diags = check(&d);
    let has = |file: &str, line: usize, text: &str| {
        diags
            .iter()
            .any(|x| x.file.ends_with(file) && x.line == line && x.message.contains(text))
    };
    assert!(
        has("small.actors.txt", 18, "duplicate actor name `FREEDONIA_`"),
        "{diags:#?}"
    );
    assert!(
        has(
            "small.tabari.verbs",
            23,
            "shadowed: the same pattern at line 22"
        ),
        "{diags:#?}"
    );
    assert!(
        has("small.p2.verbs.txt", 27, "PETRARCH-2 keeps only this one"),
        "{diags:#?}"
    );
    assert!(
        has("small.p1.verbs.txt", 17, "synset `&CRIME` is not defined"),
        "{diags:#?}"
    );
    assert!(
        has(
            "small.p2.verbs.txt",
            18,
            "synset `&MILITARY` is not defined"
        ),
        "{diags:#?}"
    );
    assert!(
        !diags.iter().any(|x| x.message.contains("`100`")),
        "100 is a CAMEO code"
    );
    assert!(
        !diags.iter().any(|x| x.message.contains("`080`")),
        "[:080] is well formed"
    );
    // An unknown code and a malformed one.
    let (d2, _) = Dictionaries::from_texts(&[(
        "x.verbs",
        "SAY [019]\n- * FOO [999]\n- * BAR [12a]\nDUPE [010] [XXX]\n",
        Some(DictKind::VerbsTabari),
    )]);
    let diags2 = check(&d2);
    assert!(
        diags2
            .iter()
            .any(|x| x.line == 2 && x.message == "unknown CAMEO code `999`"),
        "{diags2:#?}"
    );
    assert!(
        diags2
            .iter()
            .any(|x| x.line == 3 && x.message == "malformed CAMEO code `12a`"),
        "{diags2:#?}"
    );
}

#[test]
fn unreachable_and_expired_actor_codes() {
    let text = "A_ [AAA] [BBB]\nB_ [CCC 19900101-19950101]\nC_ [DDD 20000101-19990101]\n\
                D_ [EEE] [FFF >20200101]\n";
    let (d, _) = Dictionaries::from_texts(&[("t.actors", text, Some(DictKind::Actors))]);
    let diags = dyad_dict::check_with(
        &d,
        &dyad_dict::CheckOptions {
            as_of: date("20240101"),
        },
    );
    let msgs: Vec<(usize, Severity, &str)> = diags
        .iter()
        .map(|x| (x.line, x.severity, x.message.as_str()))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.0 == 1 && m.2.starts_with("unreachable code `BBB`")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.0 == 2 && m.1 == Severity::Note && m.2.contains("expired")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.0 == 3 && m.2.starts_with("empty date range")),
        "{msgs:#?}"
    );
    // A dated code after an undated one is reached: dated codes are tried first.
    assert!(!msgs.iter().any(|m| m.0 == 4), "{msgs:#?}");
}

#[test]
fn tabari_options_and_project_settings() {
    let opts = "// comment\nCOMPLEX: VERBS[5] CONJ[4]\nLABEL: 010=YIELD\nLABEL: 011=SURRENDER\n~~~~~\nJUNK\n";
    let proj =
        "Validation file\n<actorsfile> \tX.actors\n<verbsfile> X.verbs\n<session 1> <coder pas>\n";
    let (d, diags) =
        Dictionaries::from_texts(&[("v.options", opts, None), ("v.project", proj, None)]);
    assert!(diags.is_empty(), "{diags:#?}");
    let labels: Vec<&str> = d.settings("label").map(|s| s.value.as_str()).collect();
    assert_eq!(labels, ["010=YIELD", "011=SURRENDER"]);
    assert_eq!(d.settings("COMPLEX").count(), 1);
    assert_eq!(
        d.settings("verbsfile").next().map(|s| s.value.as_str()),
        Some("X.verbs")
    );
    assert_eq!(
        d.settings("session").next().map(|s| s.value.as_str()),
        Some("1 <coder pas>")
    );
}

#[test]
fn whole_file_diagnostics_have_no_line() {
    let (_, diags) = Dictionaries::from_texts(&[("mystery.bin", "x", None)]);
    assert_eq!(
        diags[0].to_string(),
        "mystery.bin: error: cannot tell the kind of this file; skipped"
    );
}

#[test]
fn version_changes_with_content() {
    let a = read("small.discards.txt");
    let b = format!("{a}EXTRA\n");
    let (x, _) = Dictionaries::from_texts(&[("d.discards", &a, None)]);
    let (y, _) = Dictionaries::from_texts(&[("d.discards", &b, None)]);
    let (z, _) = Dictionaries::from_texts(&[("other.discards", &a, None)]);
    assert_ne!(x.version(), y.version());
    assert_eq!(
        x.version(),
        z.version(),
        "the version depends on contents, not names"
    );
    assert_eq!(x.version().len(), 16);
}

#[test]
fn stats_count_entries_per_file() {
    let (d, diags) = dyad_dict::load_paths(
        &[data("small.agents.txt"), data("bad.actors.txt")],
        &LoadOptions::default(),
    )
    .unwrap();
    let s = d.stats(&diags);
    assert_eq!(s.files[0].counts[0], ("agents", 7));
    assert_eq!(s.files[1].errors, 4);
    let table = s.to_string();
    assert!(
        table.contains("agents") && table.contains("dict_version"),
        "{table}"
    );
}

#[test]
fn folders_load_every_dictionary_in_them() {
    let (d, diags) = dyad_dict::load_paths(&[data("")], &LoadOptions::default()).unwrap();
    assert_eq!(d.files.len(), 10);
    assert_eq!(
        diags
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count(),
        4,
        "only bad.actors.txt"
    );
    // Order is by path: deterministic.
    let mut sorted: Vec<&str> = d.files.iter().map(|f| f.path.as_str()).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        d.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>()
    );
}

/// Regression: the default dictionaries' `US` coded the pronoun in "told us" as the
/// United States.
#[test]
fn lower_case_pronoun_us_is_not_the_acronym_us() {
    let (d, _) = Dictionaries::from_texts(&[(
        "t.actors.txt",
        "UNITED_STATES_ [USA]\n+US_\nUSA_TODAY_ [USAMED]\n",
        Some(DictKind::Actors),
    )]);
    assert_eq!(d.match_actors(&["He", "told", "us"]).len(), 0);
    assert_eq!(d.match_actors(&["the", "US", "said"]).len(), 1);
    assert_eq!(d.match_actors(&["the", "Us", "said"]).len(), 1);
    assert_eq!(d.match_actors(&["usa", "today"]).len(), 1); // longer names are not acronyms
}
