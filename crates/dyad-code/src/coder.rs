//! The coder: from a parsed sentence and loaded dictionaries to CAMEO events, with the
//! reasons every candidate verb that gave no event was rejected.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_dict::{
    cameo, DictDate, Dictionaries, IssueKind, Pattern, VerbCode, VerbEntry, VerbFamily, VerbFile,
    VerbRef, VerbStyle,
};
use dyad_types::Span;
use serde::Serialize;

use crate::actors::{self, ActorMention, DictHit, Mentions};
pub use crate::context::ContextActor;
use crate::parsed::ParsedSentence;
use crate::pattern::{
    compound_after_verb, match_pattern, member_keys, synset_by_name, synset_index, uses_synset,
    Ctx, FamilyNeeds, Key, Letters, NeedCheck, PatMatch,
};
use crate::tree::{Rel, Tree};

/// Where word `i` is an actor: the head of its mention, for pattern slots.
type ActorAt<'a> = &'a dyn Fn(usize) -> Option<usize>;

/// Coder options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoderOptions {
    /// Keep events whose source or target code starts with `---` (an agent with no
    /// known country: "police arrested …"). PETRARCH-2 keeps them; the suites mostly do
    /// not expect them.
    pub keep_unknown_country: bool,
    /// Code a negated verb ("did not attack") when no pattern speaks of the negation.
    pub code_negated: bool,
    /// Emit the reverse event of paired codes (`[042:043]`).
    pub paired_codes: bool,
    /// Read an actor code `FRO/BIL/SAM` as three actors (TABARI and PETRARCH do;
    /// UniversalPetrarch keeps the code whole).
    pub split_slash_codes: bool,
    /// Code a verb that has a source but no target, with no target (PETRARCH does,
    /// where a phrase after the verb stands for the target: "said on Saturday", not
    /// "said today").
    pub allow_no_target: bool,
    /// Read a passive without a by-agent as active: its subject is the source.
    pub agentless_passive_as_active: bool,
    /// Keep only the events of the first coded verb of each clause (TABARI's default
    /// `CODE BY CLAUSE`).
    pub one_verb_per_sentence: bool,
    /// With `one_verb_per_sentence`: only the first coded verb of the whole sentence
    /// (TABARI's `CODE BY SENTENCE`).
    pub first_verb_only: bool,
    /// An actor or verb coded `###` discards the sentence (TABARI); otherwise `###` is
    /// an ordinary code (PETRARCH).
    pub hash_discards: bool,
    /// A code for the source when none is found (TABARI's `DEFAULT: SOURCE [C]`).
    pub default_source: Option<String>,
    /// A code for the target when none is found (TABARI's `DEFAULT: TARGET [C]`).
    pub default_target: Option<String>,
    /// `DEFAULT: SOURCE [C]` without `PRIOR`: where no actor stands before the verb, the
    /// first actor after it is the source (the next one the target) and `[C]` stands in
    /// only where there is no actor at all.
    pub default_source_not_prior: bool,
    /// `DEFAULT: TARGET [C]` without `AFTER`: where no actor stands after the verb, the
    /// second actor of a compound source is the target ("Bree and Arnor …": BRE → ARN).
    pub default_target_not_after: bool,
    /// A `+++` (complex) verb or actor sets the whole sentence aside (TABARI); otherwise
    /// only that verb or actor is left out (PETRARCH).
    pub complex_stops_sentence: bool,
    /// For TABARI-style (linear) verb patterns: the first actor of the verb's clause
    /// before it is the source and the first after it the target (TABARI's rule), where
    /// the parse's participant is not that actor ("Arnor …, after Calenardhon crowds
    /// burned …, a Bree official said": ARN → BREGOV).
    pub linear_participants: bool,
    /// An agent phrase with no country is an actor of its own, coded with the agent's
    /// code (`~MOS` for "the Muslims"): TABARI's `SET: CONVERT AGENT = TRUE`.
    pub convert_agents: bool,
    /// A whole-word actor or agent name also matches with a plural ending (`LIBYA_`
    /// matches "Libyas", `GUERRILLA_` "Guerrillas"): TABARI's noun endings.
    pub noun_endings: bool,
    /// The actor code a personal pronoun subject or object ("he", "she", "it",
    /// "they") stands for: TABARI's `FORWARD`, which carries the first actor of a
    /// story's previous sentence into the next.
    pub forward_actor: Option<String>,
    /// TABARI's linear reading of noun phrases: an agent joins only the actor right
    /// next to it ("Dagolath's first Deputy Prime Minister Telemar" is DAG for TABARI,
    /// where a parse-based coder, PETRARCH, reads DAGGOV), a hyphen joins words as
    /// `_` does ("Al-Gore" is `AL_GORE`), and only an article right before a noun
    /// keeps it from being read as a verb ("an anti- Gondor parade" is still PARADE;
    /// the parse reading looks at the noun's whole phrase).
    pub adjacent_agents: bool,
    /// A pattern's `%` after the verb (`- HAS * WITH %`) makes the actors there a
    /// compound that acts on itself both ways (TABARI: "Arnor has exchanged prisoners
    /// with Gondor and Osgiliath" is GON ↔ OSG); PETRARCH codes the subject with each
    /// ("Eriador agrees with the Philippines and France": ERI → PHL, ERI → FRA).
    pub post_verb_compound: bool,
    /// PETRARCH-2's `new_actor_length`: where a participant's noun phrase holds no
    /// actor, the phrase itself (its words, upper-cased and quoted: `"THE MINISTRY OF
    /// MAGIC"`) is the actor if it has at most this many words; 0 turns it off.
    pub new_actor_length: usize,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            keep_unknown_country: false,
            code_negated: false,
            paired_codes: true,
            split_slash_codes: true,
            allow_no_target: false,
            agentless_passive_as_active: false,
            one_verb_per_sentence: false,
            first_verb_only: false,
            complex_stops_sentence: false,
            linear_participants: false,
            convert_agents: false,
            noun_endings: false,
            forward_actor: None,
            adjacent_agents: false,
            post_verb_compound: false,
            new_actor_length: 0,
            hash_discards: false,
            default_source: None,
            default_target: None,
            default_source_not_prior: false,
            default_target_not_after: false,
        }
    }
}

/// An actor in an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventActor {
    /// Composed code.
    pub code: String,
    /// Phrase text.
    pub text: String,
    /// Byte span in the original article.
    pub span: Span,
}

/// The verb of an event or candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerbMention {
    /// Its text (with particles of a compound verb).
    pub text: String,
    /// Byte span in the original article.
    pub span: Span,
    /// Word index (0-based) of the verb in the sentence.
    pub word: usize,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Who.
    pub source: EventActor,
    /// To whom (`None` where the code needs no target).
    pub target: Option<EventActor>,
    /// CAMEO event code.
    pub code: String,
    /// Its root (first two digits).
    pub root: String,
    /// Goldstein score, for codes in the CAMEO table.
    pub goldstein: Option<f32>,
    /// QuadClass (1–4, GDELT's convention), for codes in the table.
    pub quad_class: Option<u8>,
    /// PLOVER event type, where the code maps to one.
    pub plover: Option<String>,
    /// The verb.
    pub verb: VerbMention,
    /// Dictionary entries that fired, as `file:line`: actors and agents of the source,
    /// then of the target, then the verb and its pattern.
    pub rules: Vec<String>,
    /// Sentence index in the article.
    pub sentence: usize,
    /// Issue codes found in the sentence.
    pub issues: Vec<String>,
}

/// Why a candidate gave no event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// A discard phrase matched: the sentence is not coded.
    Discard,
    /// The verb is not in the verb dictionaries.
    NotInDictionary,
    /// The verb's (or the matched pattern's) code is the null code `---`.
    NullCode,
    /// No actor as source.
    NoSource,
    /// No actor as target.
    NoTarget,
    /// The verb is negated and no pattern covers the negation.
    Negated,
    /// A compound verb's other words are not there.
    CompoundVerbMissing,
    /// The verb's phrase was already coded by its governing verb.
    Subsumed,
    /// Source and target have the same code.
    SelfEvent,
    /// Actors had only codes with an unknown country.
    UnknownCountry,
    /// A `+++` entry marks the construction (or the sentence) as complex.
    Complex,
}

/// A candidate (verb) that gave no event, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    /// The verb, when the rejection is about one.
    pub verb: Option<VerbMention>,
    /// Why.
    pub reason: RejectReason,
    /// Details for a person (the discard phrase, the code, …).
    pub detail: String,
    /// Entries involved, as `file:line`.
    pub rules: Vec<String>,
}

/// A pattern that matched (for `explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatternHit {
    /// The verb.
    pub verb: VerbMention,
    /// The pattern in dictionary notation (empty: the verb's own code applied).
    pub pattern: String,
    /// The code it gives.
    pub code: String,
    /// `file:line` of the pattern (or of the verb).
    pub rule: String,
}

/// What coding a sentence gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coded {
    /// The events, in verb order.
    pub events: Vec<Event>,
    /// Candidates that gave no event.
    pub rejected: Vec<Rejection>,
    /// Actor mentions found.
    pub actors: Vec<ActorMention>,
    /// Patterns chosen per coded verb.
    pub patterns: Vec<PatternHit>,
    /// Issue codes.
    pub issues: Vec<String>,
    /// Things that went wrong while coding (a malformed parse, …), for counting.
    pub diagnostics: Vec<String>,
}

/// The event coder.
#[derive(Debug, Clone)]
pub struct Coder<'d> {
    pub(crate) dicts: &'d Dictionaries,
    pub(crate) opts: CoderOptions,
    /// Per verb file: its synsets by name (the dictionary's own lookup is a linear scan,
    /// and patterns look synsets up constantly).
    synsets: Vec<HashMap<String, usize>>,
    /// Per verb file: its synsets' members' first-word keys.
    member_keys: Vec<Vec<Vec<Option<Key>>>>,
    /// Actor names whose parts may stand apart (TABARI's space).
    pub(crate) gapped: actors::GappedNames,
    /// Per verb file and family: what its patterns cannot do without, gathered the first
    /// time the family is used.
    needs: Vec<Vec<OnceLock<FamilyNeeds<'d>>>>,
    /// TABARI's `COMPLEX: VERBS[n] CONJ[n]` limits from the dictionaries' options file.
    complexity: ComplexLimits,
}

/// TABARI's `COMPLEX:` option: a sentence with at least `verbs` verbs or `conj`
/// conjunctions is complex and not coded (the suite's records COMPLEX-04 and -07: "an
/// excessive number of verbs (5)", "of conjunctions (4)").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ComplexLimits {
    verbs: Option<usize>,
    conj: Option<usize>,
}

impl ComplexLimits {
    /// The limits of the last `COMPLEX:` line among `settings` (none without one).
    fn from_settings(settings: &[dyad_dict::TabariSetting]) -> ComplexLimits {
        let Some(c) = settings.iter().rev().find(|s| s.key == "COMPLEX") else {
            return ComplexLimits::default();
        };
        let value = c.value.to_ascii_uppercase();
        let limit = |key: &str| -> Option<usize> {
            let at = value.find(key)? + key.len();
            let rest = value[at..].trim_start().strip_prefix('[')?;
            rest[..rest.find(']')?].trim().parse().ok()
        };
        ComplexLimits {
            verbs: limit("VERBS"),
            conj: limit("CONJ"),
        }
    }
}

/// Whether a word is a candidate verb by its form and tags ([`Coder::candidate_by_tags`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Candidacy {
    /// It is.
    Yes,
    /// Only if the parse gives it a subject or an object.
    IfSubjectOrObject,
    /// It is not, whatever the parse.
    No,
}

/// The outcome of choosing a verb's code.
struct Choice<'d> {
    code: VerbCode,
    pattern: Option<&'d Pattern>,
    m: PatMatch,
    rules: Vec<String>,
    /// Extra words of a compound verb.
    extra: Vec<usize>,
    /// The pattern comes from a TABARI-style (linear) dictionary.
    tabari: bool,
}

impl<'d> Coder<'d> {
    /// A coder over `dicts`.
    pub fn new(dicts: &'d Dictionaries, opts: CoderOptions) -> Coder<'d> {
        let synsets = dicts.verbs.iter().map(synset_index).collect();
        let member_keys = dicts.verbs.iter().map(member_keys).collect();
        Coder {
            dicts,
            opts,
            synsets,
            member_keys,
            gapped: actors::gapped_names(dicts),
            complexity: ComplexLimits::from_settings(&dicts.settings),
            needs: dicts
                .verbs
                .iter()
                .map(|vf| vf.families.iter().map(|_| OnceLock::new()).collect())
                .collect(),
        }
    }

    /// The needs of family `fam`, found at `r`.
    fn family_needs(&self, r: VerbRef, fam: &'d VerbFamily) -> &FamilyNeeds<'d> {
        static NONE: FamilyNeeds<'static> = FamilyNeeds::EMPTY;
        match self
            .needs
            .get(usize::from(r.file))
            .and_then(|f| f.get(r.family as usize))
        {
            Some(cell) => cell.get_or_init(|| {
                let file = self.dicts.verbs.get(usize::from(r.file));
                let index = self.synsets.get(usize::from(r.file));
                FamilyNeeds::of(&fam.patterns, |name| synset_by_name(file?, index?, name))
            }),
            None => &NONE,
        }
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &'d Dictionaries {
        self.dicts
    }

    /// Codes one sentence on `date` (actor codes are chosen for that date).
    pub fn code(&self, sent: &ParsedSentence, date: Option<DictDate>) -> Coded {
        self.code_with_context(sent, date, &[])
    }

    /// Codes one sentence on `date`, with actors known from the rest of the article for
    /// some of its words (a pronoun, a description, a short name: see
    /// [`ContextActor`]). Without context this is [`Coder::code`].
    pub fn code_with_context(
        &self,
        sent: &ParsedSentence,
        date: Option<DictDate>,
        context: &[ContextActor],
    ) -> Coded {
        let mut out = Coded::default();
        let n = sent.words.len();
        if n == 0 {
            return out;
        }
        let tree = Tree::new(sent, &|f| !self.form_refs(f).is_empty());
        out.diagnostics = parse_problems(sent, &tree);
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        // Discards stop the whole sentence.
        if let Some(m) = self.dicts.match_discards(&forms).first() {
            let rules = m
                .values
                .first()
                .and_then(|&i| self.dicts.discards.get(i as usize))
                .map(|e| vec![self.dicts.loc(e.file, e.line)])
                .unwrap_or_default();
            let phrase = forms
                .get(m.start..m.end.min(n))
                .map(|w| w.join(" "))
                .unwrap_or_default();
            out.rejected.push(Rejection {
                verb: None,
                reason: RejectReason::Discard,
                detail: format!("discard phrase `{phrase}`"),
                rules,
            });
            return out;
        }
        out.issues = self.issues(&forms);
        let mut mentions = actors::find(self.dicts, sent, &tree, date, &self.opts, &self.gapped);
        crate::context::apply(&mut mentions, sent, &tree, context);
        if let Some(code) = &self.opts.forward_actor {
            forward_pronouns(sent, &mut mentions, code);
        }
        if self.opts.convert_agents {
            // `---MOS` → `~MOS`: no longer an unknown country, so kept as an actor.
            for m in mentions.at.iter_mut().flatten() {
                if let Some(rest) = m.code.strip_prefix("---") {
                    if !rest.is_empty() {
                        m.code = format!("~{rest}");
                    }
                }
            }
        }
        out.actors = mentions.at.iter().flatten().cloned().collect();
        let actor_at = |w: usize| owner_of(&tree, &mentions, w);
        // In TABARI-style patterns `$` and `+` also match a pronoun subject of an
        // embedded clause, as the actor it stands for (the governing clause's subject:
        // "Freedonia's president said he regretted …" matches `SAID $ *`), as TABARI
        // reads pronouns. PETRARCH-2 patterns see actors only.
        let tabari_actor_at = |w: usize| {
            actor_at(w).or_else(|| {
                if !tabari_pronoun(&tree.upper[w]) || tree.rel[w] != Rel::Subj {
                    return None;
                }
                let v = tree.head[w]?;
                if !matches!(
                    tree.rel[v],
                    Rel::Ccomp | Rel::Xcomp | Rel::Conj | Rel::Advcl
                ) {
                    return None;
                }
                subject_group(&tree, &mentions, v, 0)
                    .first()
                    .map(|a| a.head)
            })
        };
        let mut subsumed = vec![false; n];
        // An actor coded `+++` marks the sentence complex too.
        let mut complex = mentions.hits.iter().any(|h| !h.agent && h.code == "+++");
        // TABARI's `###` on an actor or verb discards the sentence.
        let mut discard =
            self.opts.hash_discards && mentions.hits.iter().any(|h| !h.agent && h.code == "###");
        let mut coded_verb = vec![false; n];
        // Governors before their dependents, so that an xcomp can see its governor's fate.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (depth(&tree, i), i));
        for v in order {
            // A noun inside a dictionary actor or agent phrase is part of a name, not a
            // verb ("Security forces are …" is no FORCE).
            let in_name = || {
                sent.words[v].upos == "NOUN"
                    && mentions
                        .hits
                        .iter()
                        .any(|h| h.start <= v && v < h.end && h.end - h.start > 1)
            };
            // A word with a possessive ending is a noun ("Estonia donate's cash": TABARI's
            // noun endings do not make a verb).
            let possessed = || {
                sent.words.get(v + 1).is_some_and(|n| {
                    matches!(n.form.as_str(), "'s" | "’s" | "'S" | "’S")
                        && n.span.start == sent.words[v].span.end
                        && sent.words[v].upos != "PRON"
                })
            };
            if !self.is_candidate(sent, &tree, v) || in_name() || possessed() {
                continue;
            }
            let refs = self.verb_refs(sent, v);
            let vm = |extra: &[usize]| verb_mention(sent, v, extra);
            if refs.is_empty() {
                if sent.words[v].upos == "VERB" {
                    out.rejected.push(Rejection {
                        verb: Some(vm(&[])),
                        reason: RejectReason::NotInDictionary,
                        detail: format!("no verb entry for `{}`", sent.words[v].lemma),
                        rules: vec![],
                    });
                }
                continue;
            }
            if subsumed[v] {
                out.rejected.push(Rejection {
                    verb: Some(vm(&[])),
                    reason: RejectReason::Subsumed,
                    detail: "matched as part of the governing verb's pattern".into(),
                    rules: vec![],
                });
                continue;
            }
            // TABARI's `CODE ALL` codes every verb, an open complement's too ("urged
            // Bree to assist it": 102 and 092).
            let code_all = self.opts.linear_participants && !self.opts.one_verb_per_sentence;
            if tree.rel[v] == Rel::Xcomp && !code_all {
                if let Some(g) = tree.head[v] {
                    if coded_verb[g] {
                        out.rejected.push(Rejection {
                            verb: Some(vm(&[])),
                            reason: RejectReason::Subsumed,
                            detail: "its governing verb was coded".into(),
                            rules: vec![],
                        });
                        continue;
                    }
                }
            }
            let (mut before, after) = clause_sides(&tree, v);
            // PETRARCH-2 reads the words before `*` in the subject and the verb's own
            // group, not in adverbs ("Gollum recently allowed …" is no `- RECENTLY *`).
            // TABARI-style patterns see the whole sentence (see `choose`).
            {
                let subj: Vec<usize> = tree.children[v]
                    .iter()
                    .filter(|&&c| matches!(tree.rel[c], Rel::Subj | Rel::SubjPass))
                    .flat_map(|&c| tree.subtree(c))
                    .collect();
                before.retain(|w| subj.contains(w) || !matches!(tree.rel[*w], Rel::Advmod));
            }
            let actors_at: (ActorAt<'_>, ActorAt<'_>) = (&actor_at, &tabari_actor_at);
            let choice = match self.choose(actors_at, sent, &tree, v, &refs, &before, &after) {
                Ok(c) => c,
                Err(r) => {
                    out.rejected.push(r);
                    continue;
                }
            };
            let verb = vm(&choice.extra);
            out.patterns.push(PatternHit {
                verb: verb.clone(),
                pattern: choice.pattern.map(|p| p.text()).unwrap_or_default(),
                code: choice.code.raw.clone(),
                rule: choice.rules.last().cloned().unwrap_or_default(),
            });
            for &w in &choice.m.words {
                if w != v && w < n {
                    subsumed[w] = true;
                }
            }
            // A code ending in `?` (TABARI's `SAID [023?]`) marks a verb coded only
            // through its patterns: by itself it gives no event.
            // `[+++]` marks a complex construction: TABARI sets the whole sentence aside,
            // PETRARCH only this verb.
            if choice.code.primary == "###" && self.opts.hash_discards {
                discard = true;
            }
            if choice.code.primary == "+++" {
                complex = true;
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::Complex,
                    detail: "the code `+++` marks a complex construction".into(),
                    rules: choice.rules,
                });
                continue;
            }
            if choice.code.is_null() || choice.code.primary.ends_with('?') {
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::NullCode,
                    detail: "the code is `---`".into(),
                    rules: choice.rules,
                });
                continue;
            }
            let mut choice = choice;
            if negated(&tree, v) && !self.opts.code_negated && !pattern_negates(&tree, &choice.m) {
                // UniversalPetrarch's coding ontology defines negation: a code whose
                // value is v negates to the code whose value is v - 0xFFFF ("did not
                // clash" 110 → 050). Without an ontology a negated verb is not coded.
                match negate(self.dicts, &choice.code.primary) {
                    Some((code, rule)) => {
                        choice.rules.push(rule);
                        choice.code = VerbCode::parse(&code);
                    }
                    None => {
                        out.rejected.push(Rejection {
                            verb: Some(verb),
                            reason: RejectReason::Negated,
                            detail: format!("`{}` is negated", sent.words[v].form),
                            rules: choice.rules,
                        });
                        continue;
                    }
                }
            }
            // Participants.
            let mut passive = (tree.kid(v, Rel::SubjPass).is_some()
                || tree.kid(v, Rel::AuxPass).is_some())
                && tree.kid(v, Rel::Subj).is_none();
            // A passive with no by-agent whose subject is that of an open complement
            // ("Gollum was seen to break into …", "… was said to have attacked …"):
            // the complement is the event and the passive verb only reports it. Left
            // to the complement when it is a dictionary verb.
            if passive
                && choice.m.source.is_none()
                && choice.m.target.is_none()
                && passive_agent(&tree, &mentions, v).is_empty()
                && tree
                    .kids(v, Rel::Xcomp)
                    .any(|c| c > v && !self.verb_refs(sent, c).is_empty())
            {
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::Subsumed,
                    detail: "a passive reporting its open complement, which is coded instead"
                        .into(),
                    rules: choice.rules,
                });
                continue;
            }
            // PETRARCH reads a passive without a by-agent as if active ("The
            // Philippines was criticized over its dispute with Eriador": PHL → ERI).
            if passive
                && self.opts.agentless_passive_as_active
                && choice.m.source.is_none()
                && passive_agent(&tree, &mentions, v).is_empty()
            {
                passive = false;
            }
            // TABARI's linear rule over the parse: the clause's first actor before the verb
            // is the source and the first after it the target, unless the parse's
            // participant is that same actor or a more specific code for it.
            let linear = choice.tabari && self.opts.linear_participants;
            let mut sources = match choice.m.source {
                Some(h) => group(&tree, &mentions, h),

                None if passive => passive_agent(&tree, &mentions, v),
                None if !passive && tree.kid(v, Rel::Subj).is_none() => {
                    match tree.kid(v, Rel::SubjPass) {
                        Some(sp) => np_group(&tree, &mentions, sp),
                        None => subject_group(&tree, &mentions, v, 0),
                    }
                }
                None => subject_group(&tree, &mentions, v, 0),
            };
            if linear && choice.m.source.is_none() && !passive {
                let from = conjunct_start(&tree, v)
                    .max(comma_clause_start(&tree, v))
                    .max(relative_clause_start(&tree, v));
                let lin = linear_actor_from(
                    &tree,
                    &mentions,
                    v,
                    false,
                    from,
                    &[],
                    self.opts.keep_unknown_country,
                );
                if !lin.is_empty()
                    && !sources.iter().any(|s| {
                        lin.iter()
                            .any(|l| self.same_or_finer(sent, &mentions, s, l))
                    })
                {
                    sources = lin;
                }
            }
            let mut targets = match choice.m.target {
                Some(h) => group(&tree, &mentions, h),

                None if passive => tree
                    .kid(v, Rel::SubjPass)
                    .map(|s| np_group(&tree, &mentions, s))
                    .unwrap_or_default(),
                None => default_target(
                    &tree,
                    &mentions,
                    v,
                    &sources,
                    self.opts.keep_unknown_country,
                ),
            };
            if linear && choice.m.target.is_none() && !passive {
                let lin = linear_actor(
                    &tree,
                    &mentions,
                    v,
                    true,
                    &sources,
                    self.opts.keep_unknown_country,
                );
                if !lin.is_empty()
                    && !targets.iter().any(|s| {
                        lin.iter()
                            .any(|l| self.same_or_finer(sent, &mentions, s, l))
                    })
                {
                    targets = lin;
                }
                // TABARI reads an object pronoun as the sentence's first actor that is
                // not the source ("Calenardhon urged Bree to assist it": BRE).
                let pronoun_object = tree.children[v].iter().any(|&c| {
                    matches!(tree.rel[c], Rel::Obj | Rel::Iobj)
                        && matches!(tree.upper[c].as_str(), "IT" | "HIM" | "HER" | "THEM")
                        && mentions.at[c].is_empty()
                });
                if targets.is_empty() && pronoun_object {
                    targets = linear_actor(
                        &tree,
                        &mentions,
                        v,
                        false,
                        &sources,
                        self.opts.keep_unknown_country,
                    );
                }
            }
            if !self.opts.keep_unknown_country {
                sources.retain(|m| !actors::no_country(&m.code));
                targets.retain(|m| !actors::no_country(&m.code));
            }
            // Where the parse gives no participant, TABARI's linear rule: the first actor
            // of the sentence before the verb as source, the first after it as target.
            let tabari = choice.tabari;
            let main_clause = matches!(
                tree.rel[v],
                Rel::Root | Rel::Ccomp | Rel::Xcomp | Rel::Conj | Rel::Parataxis
            );
            // A participial or relative clause has its subject in the noun it modifies;
            // when that is no actor, no actor further left is either.
            let modifier = matches!(tree.rel[v], Rel::Acl | Rel::Relcl);
            // An agentless passive in a reported clause has no source before it: the
            // actor there is who reports it ("Trump said that Soleimani was killed" is
            // no attack by Trump).
            let reported_passive = passive && tree.rel[v] == Rel::Ccomp;
            // A subject "he" or "she" that no actor stands for is a person the sentence
            // does not name: no actor before it is the source ("Seeking talks with
            // Sylvania, he criticized …" is nothing Sylvania did). TABARI's own rule
            // still takes the first actor.
            let unknown_person = tree.kid(v, Rel::Subj).is_some_and(|s| {
                matches!(tree.upper[s].as_str(), "HE" | "SHE") && mentions.at[s].is_empty()
            });
            if sources.is_empty()
                && choice.m.source.is_none()
                && ((tabari && !modifier) || (main_clause && !reported_passive && !unknown_person))
            {
                sources = linear_actor(
                    &tree,
                    &mentions,
                    v,
                    false,
                    &targets,
                    self.opts.keep_unknown_country,
                );
                // A passive without a by-agent: the actor after the verb acted
                // ("the militia was freed from Barad-dur").
                if sources.is_empty() && passive {
                    sources = linear_actor(
                        &tree,
                        &mentions,
                        v,
                        true,
                        &targets,
                        self.opts.keep_unknown_country,
                    );
                }
            }
            if targets.is_empty() && choice.m.target.is_none() && !choice.m.compound && tabari {
                targets = linear_actor(
                    &tree,
                    &mentions,
                    v,
                    true,
                    &sources,
                    self.opts.keep_unknown_country,
                );
            }
            // TABARI's `DEFAULT:` option: a code standing in for a missing actor.
            let stand_in = |code: &str| ActorMention {
                code: code.to_string(),
                text: String::new(),
                span: verb.span,
                head: v,
                rules: Vec::new(),
            };
            if sources.is_empty() && !choice.m.compound {
                if let Some(c) = &self.opts.default_source {
                    if self.opts.default_source_not_prior && !targets.is_empty() {
                        sources.push(targets.remove(0));
                    } else {
                        sources.push(stand_in(c));
                    }
                }
            }
            if targets.is_empty() && !choice.m.compound {
                if let Some(c) = &self.opts.default_target {
                    if self.opts.default_target_not_after && sources.len() >= 2 {
                        targets = sources.split_off(1);
                    } else {
                        targets.push(stand_in(c));
                    }
                }
            }
            if self.opts.new_actor_length > 0 && !passive {
                let src = choice.m.source.or_else(|| tree.kid(v, Rel::Subj));
                // With no pattern target or object, the verb's first oblique after it
                // ("left for the Ministry of Magic"), as for a dictionary actor.
                let tgt = choice
                    .m
                    .target
                    .or_else(|| tree.kid(v, Rel::Obj))
                    .or_else(|| tree.kids(v, Rel::Obl).find(|&o| o > v));
                let max = self.opts.new_actor_length;
                if let Some(h) = src {
                    add_new_actors(&tree, sent, h, max, &mut sources);
                }
                if let Some(h) = tgt {
                    if targets.is_empty() {
                        add_new_actors(&tree, sent, h, max, &mut targets);
                    }
                }
            }
            if sources.is_empty() {
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::NoSource,
                    detail: "no actor found as the source".into(),
                    rules: choice.rules,
                });
                continue;
            }
            let phrase_after = tree.children[v].iter().any(|&c| {
                c > v && matches!(tree.rel[c], Rel::Obj | Rel::Iobj | Rel::Obl | Rel::Agent)
            });
            let mut pairs: Vec<(&ActorMention, Option<&ActorMention>, bool)> = Vec::new();
            // A compound pattern (`%`), or a paired code with a coordinated subject and
            // nothing else to aim at ("Gondor and Osgiliath renewed ties"), pairs the
            // subject's actors both ways.
            let reciprocal =
                choice.m.compound || (targets.is_empty() && choice.code.secondary.is_some());
            // TABARI's `%` after the verb (`- HAS * WITH %`): the compound there acts
            // on itself, both ways ("Arnor has exchanged prisoners with Gondor and
            // Osgiliath": GON ↔ OSG).
            let compound_after = self.opts.post_verb_compound
                && choice.m.compound
                && choice.tabari
                && choice.pattern.is_some_and(compound_after_verb)
                && targets.len() >= 2;
            if compound_after {
                sources = std::mem::take(&mut targets);
            }
            if reciprocal && sources.len() >= 2 && choice.m.target.is_none() {
                for a in &sources {
                    for b in &sources {
                        if a.code != b.code {
                            pairs.push((a, Some(b), false));
                            // A paired code (`[044:045]`) gives each pair its reverse
                            // event too ("Fornost and Gondor welcomed …": FOR → GON 044
                            // and GON → FOR 045, both ways).
                            if self.opts.paired_codes
                                && choice.m.compound
                                && choice.code.secondary.as_deref().is_some_and(|s| s != "---")
                            {
                                pairs.push((b, Some(a), true));
                            }
                        }
                    }
                }
            } else {
                for a in &sources {
                    for b in &targets {
                        pairs.push((a, Some(b), false));
                        if self.opts.paired_codes
                            && choice.code.secondary.as_deref().is_some_and(|s| s != "---")
                        {
                            pairs.push((b, Some(a), true));
                        }
                    }
                    // PETRARCH codes a statement without an addressee ("an official
                    // said on Saturday") with a null target: a phrase after the verb
                    // stands for it, but a bare time word ("said today") is none.
                    if targets.is_empty() && self.opts.allow_no_target && phrase_after {
                        pairs.push((a, None, false));
                    }
                }
            }
            if pairs.is_empty() {
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::NoTarget,
                    detail: "no actor found as the target".into(),
                    rules: choice.rules,
                });
                continue;
            }
            let before_len = out.events.len();
            for (a, b, rev) in pairs {
                if b.is_some_and(|b| a.code == b.code) {
                    continue;
                }
                let code = if rev {
                    choice.code.secondary.clone().unwrap_or_default()
                } else {
                    choice.code.primary.clone()
                };
                let mut rules = a.rules.clone();
                rules.extend(b.iter().flat_map(|b| b.rules.iter().cloned()));
                rules.extend(choice.rules.iter().cloned());
                let ev = make_event(a, b, code, verb.clone(), rules, sent.index, &out.issues);
                if !out.events.iter().any(|e| same(e, &ev)) {
                    out.events.push(ev);
                }
            }
            if out.events.len() == before_len {
                out.rejected.push(Rejection {
                    verb: Some(verb),
                    reason: RejectReason::SelfEvent,
                    detail: "source and target are the same actor".into(),
                    rules: choice.rules,
                });
            } else {
                coded_verb[v] = true;
            }
        }
        out.events.sort_by_key(|e| e.verb.word);
        if discard {
            for e in std::mem::take(&mut out.events) {
                out.rejected.push(Rejection {
                    verb: Some(e.verb),
                    reason: RejectReason::Discard,
                    detail: "the sentence holds a `###` (discard) entry".into(),
                    rules: e.rules,
                });
            }
        }
        let mut why = "the sentence holds a `+++` (complex) entry";
        if self.opts.complex_stops_sentence && !complex && self.too_complex(sent, &mentions) {
            complex = true;
            why = "the sentence has more verbs or conjunctions than `COMPLEX:` allows";
        }
        if complex && self.opts.complex_stops_sentence && !out.events.is_empty() {
            for e in std::mem::take(&mut out.events) {
                out.rejected.push(Rejection {
                    verb: Some(e.verb),
                    reason: RejectReason::Complex,
                    detail: why.into(),
                    rules: e.rules,
                });
            }
        }
        if self.opts.one_verb_per_sentence {
            // TABARI codes the first verb that gives events and stops.
            // TABARI codes by clause: the first coded verb of each clause, where a clause
            // is headed by the root or a coordinated verb ("condemned … and promised …");
            // every verb under it ("… to be allowed to leave", "…, an official said")
            // belongs to its clause.
            let clause_of = |v: usize| {
                let mut x = v;
                for _ in 0..tree.len() {
                    if matches!(tree.rel[x], Rel::Root | Rel::Conj) {
                        break;
                    }
                    match tree.head[x] {
                        Some(h) => x = h,
                        None => break,
                    }
                }
                x
            };
            let kept_statements = self.null_target_statements(&mut out.events);
            let mut first_of: Vec<(usize, usize)> = Vec::new();
            for e in &out.events {
                let c = clause_of(e.verb.word);
                if !first_of.iter().any(|&(cc, _)| cc == c) {
                    first_of.push((c, e.verb.word));
                }
            }
            let keep: Vec<usize> = if self.opts.first_verb_only {
                first_of.first().map(|&(_, v)| v).into_iter().collect()
            } else {
                first_of.iter().map(|&(_, v)| v).collect()
            };
            for e in out.events.iter().filter(|e| !keep.contains(&e.verb.word)) {
                out.rejected.push(Rejection {
                    verb: Some(e.verb.clone()),
                    reason: RejectReason::Subsumed,
                    detail: "only the first coded verb of its clause is kept (TABARI)".into(),
                    rules: e.rules.clone(),
                });
            }
            out.events.retain(|e| keep.contains(&e.verb.word));
            out.events.extend(kept_statements);
        }
        out
    }

    /// With PETRARCH-2's `require_dyad = false`: the events with no target (a statement
    /// with no addressee, "…, a senior official said on Saturday"), taken out of
    /// `events` so that coding one verb per clause does not drop them. PETRARCH-2 codes
    /// every verb phrase on its own; such a statement has no event as its content to
    /// subsume, and it subsumes none.
    fn null_target_statements(&self, events: &mut Vec<Event>) -> Vec<Event> {
        if !self.opts.allow_no_target || events.iter().all(|e| e.target.is_some()) {
            return Vec::new();
        }
        let (kept, rest): (Vec<Event>, Vec<Event>) = std::mem::take(events)
            .into_iter()
            .partition(|e| e.target.is_none());
        *events = rest;
        kept
    }

    fn issues(&self, forms: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let hits = self.dicts.match_issues(forms);
        if hits.iter().any(|m| {
            m.values.iter().any(|&i| {
                self.dicts
                    .issues
                    .get(i as usize)
                    .is_some_and(|e| e.kind != IssueKind::Code)
            })
        }) {
            return out;
        }
        for m in hits {
            if let Some(e) = m
                .values
                .first()
                .and_then(|&i| self.dicts.issues.get(i as usize))
            {
                if !e.code.is_empty() && !out.contains(&e.code) {
                    out.push(e.code.clone());
                }
            }
        }
        out
    }

    /// Whether the parse's participant `s` may stand for the linear actor `l`: the same
    /// phrase or a more specific code for it ([`same_or_finer_adjacent`] under
    /// `adjacent_agents`).
    fn same_or_finer(
        &self,
        sent: &ParsedSentence,
        m: &Mentions,
        s: &ActorMention,
        l: &ActorMention,
    ) -> bool {
        if self.opts.adjacent_agents {
            same_or_finer_adjacent(sent, m, s, l)
        } else {
            l.head == s.head || s.code.starts_with(&l.code)
        }
    }

    /// TABARI's `COMPLEX:` limits: whether `s` holds at least the limit of verbs (words
    /// tagged as verbs with a verb entry, less those a determiner makes nouns: "the
    /// promised aid") or of conjunctions (less those joining two actors: "Ithilen and
    /// Dagolath towns" is a compound actor, not two clauses).
    fn too_complex(&self, s: &ParsedSentence, m: &Mentions) -> bool {
        let lim = self.complexity;
        if lim.verbs.is_none() && lim.conj.is_none() {
            return false;
        }
        let w = &s.words;
        let verbs = (0..w.len())
            .filter(|&i| {
                w[i].upos == "VERB"
                    && (i == 0 || w[i - 1].upos != "DET")
                    && !self.verb_refs(s, i).is_empty()
            })
            .count();
        let actor_ends = |i: usize| m.hits.iter().any(|h| !h.agent && h.end == i);
        let actor_starts = |i: usize| m.hits.iter().any(|h| !h.agent && h.start == i);
        let conj = (0..w.len())
            .filter(|&i| w[i].upos == "CCONJ" && !(actor_ends(i) && actor_starts(i + 1)))
            .count();
        lim.verbs.is_some_and(|l| verbs >= l) || lim.conj.is_some_and(|l| conj >= l)
    }

    /// The verb entries of a word form; with TABARI's stems (the dictionaries read as
    /// TABARI reads them), a form that is an entry plus one of TABARI's regular verb
    /// endings (S, ED, ES, EN, ING) where the form itself has none ("departes",
    /// "departen" for `DEPART_`): our lemmatizer does not undo endings on words it
    /// does not know.
    pub(crate) fn form_refs(&self, form: &str) -> Vec<VerbRef> {
        let refs = self.dicts.verbs_for_form(form);
        if !refs.is_empty() || !self.dicts.compile_options.stems {
            return refs;
        }
        let upper = form.to_ascii_uppercase();
        for ending in ["ING", "ED", "ES", "EN", "S"] {
            if let Some(stem) = upper.strip_suffix(ending).filter(|st| st.len() >= 3) {
                let r = self.dicts.verbs_for_form(stem);
                if !r.is_empty() {
                    return r;
                }
            }
        }
        Vec::new()
    }

    fn is_candidate(&self, s: &ParsedSentence, tree: &Tree, v: usize) -> bool {
        // A verb by its tag, or a participle read as the perfect whatever its tag.
        if tree.verb[v] {
            return true;
        }
        let w = &s.words[v];
        // A noun with an article is a noun whatever the dictionary lists it as ("was in
        // an accord with …"): any article of its phrase ("an anti-Gondor parade"), or,
        // read linearly as TABARI does, an article right before it.
        let article = |c: usize| matches!(tree.upper[c].as_str(), "A" | "AN" | "THE");
        if w.upos == "NOUN"
            && !w.xpos.starts_with("VB")
            && if self.opts.adjacent_agents {
                v > 0 && article(v - 1)
            } else {
                tree.children[v]
                    .iter()
                    .any(|&c| c < v && tree.rel[c] == Rel::NpInternal && article(c))
            }
        {
            return false;
        }
        match self.candidate_by_tags(&w.form, &w.upos, &w.xpos) {
            Candidacy::Yes => true,
            Candidacy::No => false,
            Candidacy::IfSubjectOrObject => {
                tree.kid(v, Rel::Subj).is_some() || tree.kid(v, Rel::Obj).is_some()
            }
        }
    }

    /// Whether a word is a candidate verb, as far as its form and tags tell (the part of
    /// [`Coder::is_candidate`] that needs no parse: the prefilter reads it before parsing).
    pub(crate) fn candidate_by_tags(&self, form: &str, upos: &str, xpos: &str) -> Candidacy {
        if upos == "VERB" {
            return Candidacy::Yes;
        }
        // Taggers disagree on verbs; a VB* tag, or a word with a verb entry that governs
        // a subject or object, is a candidate too.
        if xpos.starts_with("VB") && upos != "AUX" {
            return Candidacy::Yes;
        }
        // TABARI dictionaries treat any listed word as a verb, modals and nouns included
        // ("SHOULD [101]", "MEET … - % HAVE POSTPONED *" on "their meeting"), as
        // TABARI has no tagger; taggers also mistag verbs after names ("Estonia departs
        // from …"). Their patterns are linear and do not need the parse.
        let nominal = matches!(
            upos,
            "NOUN" | "PROPN" | "PRON" | "ADJ" | "ADP" | "DET" | "PUNCT"
        );
        if (!nominal || upos == "NOUN")
            && self.form_refs(form).iter().any(|r| {
                self.dicts
                    .verbs
                    .get(usize::from(r.file))
                    .is_some_and(|f| f.style == VerbStyle::Tabari)
            })
        {
            return Candidacy::Yes;
        }
        if !matches!(upos, "NOUN" | "PROPN" | "PRON" | "ADJ" | "AUX" | "ADP")
            && !self.dicts.verbs_for_form(form).is_empty()
        {
            Candidacy::IfSubjectOrObject
        } else {
            Candidacy::No
        }
    }

    fn verb_refs(&self, s: &ParsedSentence, v: usize) -> Vec<VerbRef> {
        let w = &s.words[v];
        let by_form: Vec<VerbRef> = self.form_refs(&w.form);
        let mut refs: Vec<VerbRef> = self.dicts.verbs_for_lemma(&w.lemma).to_vec();
        for r in by_form {
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
        refs
    }

    #[allow(clippy::too_many_arguments)]
    fn choose(
        &self,
        // Where a word is an actor, for PETRARCH-2 and for TABARI-style patterns.
        actors_at: (ActorAt<'_>, ActorAt<'_>),
        s: &ParsedSentence,
        tree: &Tree,
        v: usize,
        refs: &[VerbRef],
        before: &[usize],
        after: &[usize],
    ) -> Result<Choice<'d>, Rejection> {
        let d = self.dicts;
        // Compound verbs ("cordon off", "wire tap") first: the most words wins.
        let mut entries: Vec<(VerbRef, &'d VerbEntry, Vec<usize>)> = Vec::new();
        let mut missing = false;
        for &r in refs {
            let Some(e) = d.verb(r) else { continue };
            match compound_words(tree, v, e) {
                Some(extra) => entries.push((r, e, extra)),
                None => missing = true,
            }
        }
        if entries.is_empty() {
            return Err(Rejection {
                verb: Some(verb_mention(s, v, &[])),
                reason: if missing {
                    RejectReason::CompoundVerbMissing
                } else {
                    RejectReason::NotInDictionary
                },
                detail: format!("no verb entry of `{}` fits the sentence", s.words[v].lemma),
                rules: vec![],
            });
        }
        entries.sort_by_key(|(_, e, _)| std::cmp::Reverse(e.form.words.len()));
        let best_len = entries[0].1.form.words.len();
        entries.retain(|(_, e, _)| e.form.words.len() == best_len);
        // A form that is a verb of its own ("left" as LEFT, not LEAVE) is that verb.
        let upper = s.words[v].form.to_uppercase();
        if entries.iter().any(|(_, e, _)| e.form.head_word() == upper) {
            entries.retain(|(_, e, _)| e.form.head_word() == upper);
        }
        let mut best: Option<Choice<'d>> = None;
        let letters = Letters::of_words(tree, 0..tree.len());
        for (r, e, extra) in &entries {
            let Some(fam) = d.family(*r) else { continue };
            let Some(vf) = d.verbs.get(usize::from(r.file)) else {
                continue;
            };
            let vf: &'d VerbFile = vf;
            let cx = Ctx {
                tree,
                file: vf,
                actor_at: if vf.style == VerbStyle::Tabari {
                    actors_at.1
                } else {
                    actors_at.0
                },
                budget: Cell::new(0),
                // Pattern words are stems only where the dictionaries were compiled
                // with stems: PETRARCH-2 reads a TABARI-style file's words as complete
                // words ("ADOPT * RESOLUTION" does not match "resolutions").
                stems: vf.style == dyad_dict::VerbStyle::Tabari && d.compile_options.stems,
                // Dictionaries compiled with TABARI's stems (the TABARI suite's).
                tabari_own: d.compile_options.stems,
                // Built from the same verb files, so always there.
                synsets: match self.synsets.get(usize::from(r.file)) {
                    Some(m) => m,
                    None => continue,
                },
                member_keys: self
                    .member_keys
                    .get(usize::from(r.file))
                    .map_or(&[], Vec::as_slice),
                letters,
            };
            // TABARI patterns are linear: they see the whole sentence on each side.
            let n = tree.len();
            let (before, after): (Vec<usize>, Vec<usize>) = if vf.style == VerbStyle::Tabari {
                ((0..v).collect(), (v + 1..n).collect())
            } else {
                (before.to_vec(), after.to_vec())
            };
            let before: Vec<usize> = before.into_iter().filter(|w| !extra.contains(w)).collect();
            let after: Vec<usize> = after.into_iter().filter(|w| !extra.contains(w)).collect();
            let verb_rule = d.loc(vf.file, e.line);
            let mut needs = NeedCheck::new(self.family_needs(*r, fam));
            for (i, p) in fam.patterns.iter().enumerate() {
                if !needs.may_match(&cx, i, &before, &after) {
                    continue;
                }
                let Some(m) = match_pattern(&cx, p, &before, &after) else {
                    continue;
                };
                let code = p
                    .code
                    .clone()
                    .or_else(|| e.code.clone())
                    .or_else(|| fam.code.clone());
                let Some(code) = code else { continue };
                // PETRARCH passes over a `+++` pattern to the next one that matches.
                if code.primary == "+++" && !self.opts.complex_stops_sentence {
                    continue;
                }
                let better = |b: &Choice<'d>| {
                    m.score > b.m.score
                        || (m.score == b.m.score
                            && b.pattern.is_some_and(uses_synset)
                            && !uses_synset(p))
                };
                if best.as_ref().is_none_or(better) {
                    best = Some(Choice {
                        code,
                        pattern: Some(p),
                        m,
                        rules: vec![verb_rule.clone(), d.loc(vf.file, p.line)],
                        extra: extra.clone(),
                        tabari: vf.style == VerbStyle::Tabari,
                    });
                }
            }
            if best.is_none() {
                if let Some(code) = e.code.clone().or_else(|| fam.code.clone()) {
                    best = Some(Choice {
                        code,
                        pattern: None,
                        m: PatMatch::default(),
                        rules: vec![verb_rule.clone()],
                        extra: extra.clone(),
                        tabari: vf.style == VerbStyle::Tabari,
                    });
                }
            }
        }
        best.ok_or_else(|| Rejection {
            verb: Some(verb_mention(s, v, &[])),
            reason: RejectReason::NullCode,
            detail: "the verb has no code and no pattern matched".into(),
            rules: vec![],
        })
    }
}

/// The personal pronouns that TABARI reads as the actor they stand for (upper-cased).
fn tabari_pronoun(upper: &str) -> bool {
    matches!(upper, "HE" | "SHE" | "IT" | "THEY")
}

/// Makes each personal pronoun with no mention of its own an actor coded `code`
/// (TABARI's pronoun forwarding).
fn forward_pronouns(sent: &ParsedSentence, m: &mut Mentions, code: &str) {
    for (i, w) in sent.words.iter().enumerate() {
        let pronoun = tabari_pronoun(&w.form.to_ascii_uppercase());
        if !pronoun || !m.at[i].is_empty() || m.hits.iter().any(|h| h.start <= i && i < h.end) {
            continue;
        }
        m.at[i].push(ActorMention {
            code: code.to_string(),
            text: w.form.clone(),
            span: w.span,
            head: i,
            rules: Vec::new(),
        });
        m.hits.push(DictHit {
            start: i,
            end: i + 1,
            anchor: i,
            code: code.to_string(),
            agent: false,
            prefix: false,
            rule: String::new(),
        });
    }
}

/// What is wrong with a parse (the coder goes on regardless): heads out of range, words
/// on a cycle, no root or several.
fn parse_problems(s: &ParsedSentence, tree: &Tree) -> Vec<String> {
    let n = s.words.len();
    let mut out = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        if w.head > n || w.head == i + 1 {
            out.push(format!(
                "word {} `{}`: head {} is not a word of the sentence; read as a root",
                i + 1,
                w.form,
                w.head
            ));
        }
    }
    let roots = tree.head.iter().filter(|h| h.is_none()).count();
    if roots != 1 {
        out.push(format!("the parse has {roots} roots"));
    }
    let cyclic = (0..n).filter(|&i| depth(tree, i) > n).count();
    if cyclic > 0 {
        out.push(format!("{cyclic} word(s) on dependency cycles"));
    }
    out
}

fn same(a: &Event, b: &Event) -> bool {
    a.source.code == b.source.code
        && a.target.as_ref().map(|t| &t.code) == b.target.as_ref().map(|t| &t.code)
        && a.code == b.code
}

fn make_event(
    a: &ActorMention,
    b: Option<&ActorMention>,
    code: String,
    verb: VerbMention,
    rules: Vec<String>,
    sentence: usize,
    issues: &[String],
) -> Event {
    let info = cameo::lookup(&code);
    let actor = |m: &ActorMention| EventActor {
        code: m.code.clone(),
        text: m.text.clone(),
        span: m.span,
    };
    Event {
        source: actor(a),
        target: b.map(actor),
        root: info
            .map(|c| c.root.to_string())
            .unwrap_or_else(|| code.chars().take(2).collect()),
        goldstein: info.map(|c| c.goldstein),
        quad_class: info.map(|c| c.quad_class),
        plover: info
            .map(|c| c.plover_event.to_string())
            .filter(|p| !p.is_empty()),
        code,
        verb,
        rules,
        sentence,
        issues: issues.to_vec(),
    }
}

fn verb_mention(s: &ParsedSentence, v: usize, extra: &[usize]) -> VerbMention {
    let mut ws: Vec<usize> = extra.to_vec();
    ws.push(v);
    ws.sort_unstable();
    ws.dedup();
    let first = ws.first().copied().unwrap_or(v);
    let last = ws.last().copied().unwrap_or(v);
    let span = Span::new(s.words[first].span.start, s.words[last].span.end);
    let text = ws
        .iter()
        .map(|&i| s.words[i].form.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    VerbMention {
        text,
        span,
        word: v,
    }
}

fn depth(tree: &Tree, i: usize) -> usize {
    let mut d = 0;
    let mut x = tree.head[i];
    while let Some(h) = x {
        d += 1;
        if d > tree.len() {
            break;
        }
        x = tree.head[h];
    }
    d
}

/// The other words of a compound verb entry, found next to the verb; `None` when absent.
fn compound_words(tree: &Tree, v: usize, e: &VerbEntry) -> Option<Vec<usize>> {
    let words = &e.form.words;
    if words.len() <= 1 {
        return Some(Vec::new());
    }
    let head = e.form.head.min(words.len() - 1);
    let mut extra = Vec::new();
    // After the verb: in order, within a few words.
    let mut at = v + 1;
    for w in &words[head + 1..] {
        let found =
            (at..(at + 3).min(tree.len())).find(|&i| tree.upper[i] == *w || tree.lemma[i] == *w)?;
        extra.push(found);
        at = found + 1;
    }
    let mut at = v;
    for w in words[..head].iter().rev() {
        let found = (at.saturating_sub(3)..at)
            .rev()
            .find(|&i| tree.upper[i] == *w || tree.lemma[i] == *w)?;
        extra.push(found);
        at = found;
    }
    Some(extra)
}

/// The clause of `v` split at it: its words before and after, leaving out embedded
/// clauses of their own (complement, adverbial, parataxis, relative clauses, verb
/// conjuncts) and punctuation.
fn clause_sides(tree: &Tree, v: usize) -> (Vec<usize>, Vec<usize>) {
    let mut seen = vec![false; tree.len()];
    let mut words = Vec::new();
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        if seen[x] {
            continue;
        }
        seen[x] = true;
        words.push(x);
        for &c in &tree.children[x] {
            let r = tree.rel[c];
            // A purpose infinitive ("vowed to wage war") belongs to the clause, as an
            // open complement does: PETRARCH-2's `VOW * WAR` reads into it. So does one
            // under an open complement ("asked … to send delegates to prepare for a
            // withdrawal"), which a parser may attach either way.
            let purpose = infinitive_purpose(tree, c) && (x == v || tree.rel[x] == Rel::Xcomp);
            let cut = (matches!(
                r,
                Rel::Ccomp | Rel::Advcl | Rel::Parataxis | Rel::Relcl | Rel::Punct
            ) && !purpose)
                || (x == v && r == Rel::Conj);
            if !cut {
                stack.push(c);
            }
        }
    }
    // Auxiliaries and negation of a governing copula / verb belong to the clause too
    // ("Arnor is about to restore").
    if let Some(g) = tree.head[v] {
        if tree.rel[v] == Rel::Xcomp {
            for &c in &tree.children[g] {
                if matches!(tree.rel[c], Rel::Aux | Rel::Neg | Rel::Advmod) && !seen[c] {
                    words.push(c);
                }
            }
        }
    }
    words.sort_unstable();
    let before = words.iter().copied().filter(|&w| w < v).collect();
    let after = words.iter().copied().filter(|&w| w > v).collect();
    (before, after)
}

/// The code negating `code` by the PICO ontology, with the `file:line` of the entry used.
fn negate(d: &Dictionaries, code: &str) -> Option<(String, String)> {
    let value = |terms: &[i64]| terms.iter().fold(0i64, |a, &t| a.saturating_add(t));
    let e = d.ontology.iter().find(|e| e.cameo == code)?;
    let want = value(&e.terms).saturating_sub(0xFFFF);
    let hit = d
        .ontology
        .iter()
        .find(|x| value(&x.terms) == want && x.cameo != "---")?;
    Some((hit.cameo.clone(), d.loc(hit.file, hit.line)))
}

fn negated(tree: &Tree, v: usize) -> bool {
    tree.kid(v, Rel::Neg).is_some()
}

fn pattern_negates(tree: &Tree, m: &PatMatch) -> bool {
    m.words.iter().any(|&w| {
        tree.rel.get(w) == Some(&Rel::Neg)
            || matches!(
                tree.upper.get(w).map(String::as_str),
                Some("NOT" | "N'T" | "NEVER" | "NO")
            )
    })
}

/// The mention head that word `w` belongs to, if any: the nearest ancestor (through
/// phrase-internal relations) that heads a mention.
fn owner_of(tree: &Tree, m: &Mentions, w: usize) -> Option<usize> {
    let mut x = w;
    for _ in 0..=tree.len() {
        if !m.at[x].is_empty() {
            return Some(x);
        }
        let r = tree.rel[x];
        if !matches!(r, Rel::NpInternal | Rel::Poss | Rel::Case) {
            break;
        }
        x = tree.head[x]?;
    }
    // A dictionary hit on this word whose mention lives on its phrase head.
    m.hits
        .iter()
        .find(|h: &&DictHit| h.start <= w && w < h.end)
        .and_then(|h| (!m.at[h.anchor].is_empty()).then_some(h.anchor))
}

/// The mentions of the coordination `h` heads.
fn group(tree: &Tree, m: &Mentions, h: usize) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    let first = tree.first_conjunct(h);
    for c in tree.conjuncts(first) {
        out.extend(m.at[c].iter().cloned());
    }
    if out.is_empty() {
        out.extend(m.at[h].iter().cloned());
    }
    out
}

/// PETRARCH-2's `new_actor_length`: each conjunct of the participant phrase headed by
/// `h` that holds no actor becomes one, coded with its words (possessive `'s` and
/// punctuation left out) upper-cased and quoted, when it has at most `max` words.
/// A conjunct holding an actor anywhere in it is left alone: a dictionary actor
/// always wins over an invented one.
fn add_new_actors(
    tree: &Tree,
    sent: &ParsedSentence,
    h: usize,
    max: usize,
    out: &mut Vec<ActorMention>,
) {
    // Conjuncts with no conjunction or comma between them are one phrase the parse
    // split ("death and injury toll": `injury` and `toll` both conjuncts of `death`).
    let mut phrases: Vec<(usize, Vec<usize>)> = Vec::new();
    for c in tree.conjuncts(tree.first_conjunct(h)) {
        let words: Vec<usize> = tree
            .subtree_by(c, &|r| {
                matches!(
                    r,
                    Rel::Poss | Rel::NpInternal | Rel::Case | Rel::Obl | Rel::Appos
                )
            })
            .into_iter()
            .filter(|&i| {
                i < sent.words.len()
                    && tree.rel[i] != Rel::Punct
                    && !matches!(tree.upper[i].as_str(), "'S" | "'")
                    // The phrase's own preposition is no part of its name ("for").
                    && !(tree.rel[i] == Rel::Case && tree.head[i] == Some(c))
            })
            .collect();
        let Some(&start) = words.first() else {
            continue;
        };
        match phrases.last_mut() {
            Some((_, prev)) if prev.last().is_some_and(|&l| l + 1 == start) => prev.extend(words),
            _ => phrases.push((c, words)),
        }
    }
    for (c, words) in phrases {
        let (Some(&a), Some(&b)) = (words.first(), words.last()) else {
            continue;
        };
        let span = Span::new(sent.words[a].span.start, sent.words[b].span.end);
        if words.len() > max
            || out
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
        {
            continue;
        }
        let text: Vec<&str> = words.iter().map(|&i| tree.upper[i].as_str()).collect();
        out.push(ActorMention {
            code: format!("\"{}\"", text.join(" ")),
            text: text.join(" "),
            span,
            head: c,
            rules: Vec::new(),
        });
    }
}

/// The mentions of a noun phrase used as a participant: its own (with its conjuncts),
/// else the first found inside it ("the population of Gondor").
fn np_group(tree: &Tree, m: &Mentions, h: usize) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for c in tree.conjuncts(h) {
        if !m.at[c].is_empty() {
            // "Bree (Prime Minister Romendacil)": a name attached to a bare country
            // that says more about the same country is the actor.
            let richer: Vec<ActorMention> = tree.children[c]
                .iter()
                .filter(|&&k| !matches!(tree.rel[k], Rel::Conj | Rel::Relcl | Rel::Acl))
                .flat_map(|&k| m.at[k].iter())
                .filter(|x| {
                    m.at[c].iter().all(|a| {
                        a.code.len() == 3 && x.code.len() > 3 && x.code.starts_with(&a.code)
                    })
                })
                .cloned()
                .collect();
            if richer.is_empty() {
                out.extend(m.at[c].iter().cloned());
            } else {
                out.extend(richer);
            }
            // "Mordor, the awful Fornost, and Gondor": a name in apposition that is a
            // different actor is a member of the list the parser misread.
            for &a in &tree.children[c] {
                if tree.rel[a] == Rel::Appos
                    && m.hits.iter().any(|h| !h.agent && h.anchor == a)
                    && m.at[a].iter().all(|x| {
                        m.at[c]
                            .iter()
                            .all(|y| !x.code.starts_with(&y.code) && !y.code.starts_with(&x.code))
                    })
                {
                    out.extend(m.at[a].iter().cloned());
                }
            }
        } else if let Some(x) = first_inside(tree, m, c) {
            out.extend(group(tree, m, x));
        }
    }
    dedup(out)
}

fn dedup(v: Vec<ActorMention>) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    for m in v {
        if !out.iter().any(|o| o.code == m.code) {
            out.push(m);
        }
    }
    out
}

/// Breadth-first: the first word under `h` (not crossing clauses) that heads a mention.
fn first_inside(tree: &Tree, m: &Mentions, h: usize) -> Option<usize> {
    let mut queue = std::collections::VecDeque::from(vec![h]);
    let mut seen = vec![false; tree.len()];
    while let Some(x) = queue.pop_front() {
        if seen[x] {
            continue;
        }
        seen[x] = true;
        if x != h && !m.at[x].is_empty() {
            return Some(x);
        }
        for &c in &tree.children[x] {
            if !matches!(
                tree.rel[c],
                Rel::Relcl
                    | Rel::Acl
                    | Rel::Advcl
                    | Rel::Ccomp
                    | Rel::Parataxis
                    | Rel::Punct
                    | Rel::Conj
            ) {
                queue.push_back(c);
            }
        }
    }
    None
}

const RELATIVE: [&str; 4] = ["WHO", "WHICH", "THAT", "WHOM"];
const PRONOUNS: [&str; 6] = ["IT", "HE", "SHE", "THEY", "WE", "I"];

/// The source of `v`: its subject's mentions, or the subject it shares with the verb it
/// depends on (xcomp control, verb coordination, relative and participial clauses), or
/// the subject pronoun right before it that the parse made the previous verb's object.
fn subject_group(tree: &Tree, m: &Mentions, v: usize, depth: usize) -> Vec<ActorMention> {
    if depth > 8 {
        return Vec::new();
    }
    // Parsers sometimes give a verb two subjects ("Bree | Prime Minister Romendacil");
    // the one whose actor code says most wins, then the nearer one.
    let subjects: Vec<usize> = tree.kids(v, Rel::Subj).collect();
    // Adjacent subjects are one phrase split by the parser ("minister | Calimehtar"):
    // the most specific code wins. Others are a split coordination: all of them.
    let adjacent = subjects.windows(2).any(|w| w[1] == w[0] + 1);
    if subjects.len() > 1 && adjacent {
        if let Some(&best) = subjects.iter().max_by_key(|&&x| {
            (
                np_group(tree, m, x)
                    .iter()
                    .map(|a| a.code.len())
                    .max()
                    .unwrap_or(0),
                x,
            )
        }) {
            let g = np_group(tree, m, best);
            if !g.is_empty() {
                return g;
            }
        }
    }
    if subjects.len() > 1 && !adjacent {
        // A split coordination ("Mordor, Rohan | Arnor and Bree") or a split name
        // ("Dagolath's deputy | Prime Minister Telemar"): take all, and drop a code that
        // another one refines (DAG under DAGGOV).
        let all: Vec<ActorMention> = subjects
            .iter()
            .filter(|&&x| {
                !RELATIVE.contains(&tree.upper[x].as_str())
                    && (!PRONOUNS.contains(&tree.upper[x].as_str()) || !m.at[x].is_empty())
            })
            .flat_map(|&x| np_group(tree, m, x))
            .collect();
        let kept: Vec<ActorMention> = all
            .iter()
            .filter(|a| {
                !all.iter()
                    .any(|b| b.code.len() > a.code.len() && b.code.starts_with(&a.code))
            })
            .cloned()
            .collect();
        if !kept.is_empty() {
            return dedup(kept);
        }
    }
    let best_subj = subjects.first().copied();
    if let Some(s) = best_subj {
        // A forwarded pronoun (TABARI) is an actor of its own.
        let pronoun = PRONOUNS.contains(&tree.upper[s].as_str()) && m.at[s].is_empty();
        if !RELATIVE.contains(&tree.upper[s].as_str()) && !pronoun {
            let mut g = np_group(tree, m, s);
            if let Some(first) = list_head_before(tree, m, v, s) {
                let mut all = np_group(tree, m, first);
                all.append(&mut g);
                return dedup(all);
            }
            return g;
        }
        if pronoun && !m.at[s].is_empty() {
            // A pronoun the article's coreference resolved.
            return np_group(tree, m, s);
        }
        if pronoun {
            // "Ethiopia indicated it would act": a pronoun subject of an embedded clause
            // is taken as the governing clause's subject; elsewhere it is unknown.
            let Some(g) = tree.head[v] else {
                return Vec::new();
            };
            if matches!(
                tree.rel[v],
                Rel::Ccomp | Rel::Xcomp | Rel::Conj | Rel::Advcl
            ) {
                return subject_group(tree, m, g, depth + 1);
            }
            return Vec::new();
        }
    }
    // "Ethiopia indicated it deplored Libya" parsed with "it" the object of "indicated":
    // a subject pronoun misread as the object of the verb before is this verb's
    // subject, and stands, as such a pronoun does, for that verb's subject.
    if subjects.is_empty() && v > 0 {
        let p = v - 1;
        if tree.rel[p] == Rel::Obj
            && PRONOUNS.contains(&tree.upper[p].as_str())
            && tree.children[p].is_empty()
        {
            if let Some(g) = tree.head[p].filter(|&g| g < p) {
                if !m.at[p].is_empty() {
                    return np_group(tree, m, p);
                }
                return subject_group(tree, m, g, depth + 1);
            }
        }
    }
    let Some(g) = tree.head[v] else {
        return Vec::new();
    };
    match tree.rel[v] {
        Rel::Xcomp => {
            // "urged Eriador to respond": the object controls; else the subject. The
            // object may be parsed as an indirect one ("asked the US to send …").
            if let Some(o) = tree.kid(g, Rel::Obj).or_else(|| tree.kid(g, Rel::Iobj)) {
                let og = np_group(tree, m, o);
                if !og.is_empty() {
                    return og;
                }
            }
            subject_group(tree, m, g, depth + 1)
        }
        Rel::Conj | Rel::Advcl => subject_group(tree, m, g, depth + 1),
        Rel::Relcl | Rel::Acl => {
            let own = np_group(tree, m, g);
            // An infinitive on a noun with no actor ("is inching nearer to accord with
            // Gondor", "made an effort to meet …") has the subject of the verb the noun
            // depends on, where that verb has a subject of its own: not one it would
            // take from a verb further up ("asked the US to send delegates to prepare a
            // mechanism to carry out …" is not the asker's carrying out).
            let infinitive = tree.rel[v] == Rel::Acl
                && tree
                    .kids(v, Rel::Mark)
                    .any(|k| k < v && tree.upper[k] == "TO");
            match tree.head[g] {
                Some(h)
                    if own.is_empty()
                        && infinitive
                        && matches!(tree.rel[g], Rel::Obj | Rel::Obl)
                        && tree.kid(h, Rel::Subj).is_some() =>
                {
                    subject_group(tree, m, h, depth + 1)
                }
                _ => own,
            }
        }
        _ => Vec::new(),
    }
}

/// A list of actors misread as the head of the verb after it ("Mordor, Fornost, and
/// Gondor welcomed …" parsed with "Mordor" as the root and "welcomed" its conjunct, with
/// "Gondor" alone as the subject): the noun that `v` (subject `s`) is a conjunct of,
/// when it stands before `s`, heads an actor and has no subject of its own, and only
/// commas and conjunctions come between its phrase and `s`'s. A verb is no conjunct of
/// a noun, so the noun is another member of the subject.
fn list_head_before(tree: &Tree, m: &Mentions, v: usize, s: usize) -> Option<usize> {
    if tree.rel[v] != Rel::Conj {
        return None;
    }
    let g = tree.head[v]?;
    if g >= s
        || m.at[g].is_empty()
        || tree.children[g].iter().any(|&c| {
            matches!(
                tree.rel[c],
                Rel::Subj | Rel::SubjPass | Rel::Cop | Rel::Aux | Rel::AuxPass | Rel::Obj
            )
        })
    {
        return None;
    }
    // The words between the noun's phrase (with its appositions) and the subject's
    // phrase are list punctuation.
    let phrase = tree.subtree_by(g, &|r| !matches!(r, Rel::Conj | Rel::Punct));
    let g_end = phrase.iter().copied().max()?;
    let s_start = tree.subtree(s).into_iter().min()?;
    let between_ok = (g_end + 1..s_start).all(|x| matches!(tree.upper[x].as_str(), "," | "AND"));
    (g_end < s_start && between_ok).then_some(g)
}

/// Whether the parse's participant `s` may stand for TABARI's linear actor `l`: the
/// same phrase, or a more specific code for it whose words run on from `l`'s name
/// ("Bree Prime Minister Romendacil" BREGOV for "Bree", "Gondor's Prime Minister"). TABARI
/// joins an agent only to the actor next to it, so a more specific code further on is
/// another actor ("Dagolath's first Deputy Prime Minister Telemar": the source is DAG,
/// not Telemar's DAGGOV).
fn same_or_finer_adjacent(
    sent: &ParsedSentence,
    m: &Mentions,
    s: &ActorMention,
    l: &ActorMention,
) -> bool {
    if l.head == s.head {
        return true;
    }
    if !s.code.starts_with(&l.code) {
        return false;
    }
    if s.span.start < l.span.end && l.span.start < s.span.end {
        return true;
    }
    let words = &sent.words;
    let within = |h: &DictHit, sp: Span| {
        words[h.start].span.start >= sp.start && words[h.end - 1].span.end <= sp.end
    };
    let Some(name) = m.hits.iter().find(|h| !h.agent && within(h, l.span)) else {
        return false;
    };
    let Some(next) = m.hits.iter().find(|h| within(h, s.span)) else {
        return false;
    };
    next.start >= name.end
        && words[name.end..next.start]
            .iter()
            .all(|w| w.upos == "PART" && w.form.starts_with(['\'', '’']))
}

/// TABARI's linear rule: the first actor mention after `v` (or the first of the
/// sentence before `v`), with its coordination, leaving out `not`.
fn linear_actor(
    tree: &Tree,
    m: &Mentions,
    v: usize,
    after: bool,
    not: &[ActorMention],
    unknown: bool,
) -> Vec<ActorMention> {
    linear_actor_from(tree, m, v, after, 0, not, unknown)
}

/// [`linear_actor`], looking before the verb only from word `from` on.
fn linear_actor_from(
    tree: &Tree,
    m: &Mentions,
    v: usize,
    after: bool,
    from: usize,
    not: &[ActorMention],
    unknown: bool,
) -> Vec<ActorMention> {
    // Before the verb TABARI takes the first actor of the sentence, not the nearest.
    let order = if after {
        v + 1..tree.len()
    } else {
        from.min(v)..v
    };
    for w in order {
        let Some(h) = owner_of(tree, m, w) else {
            continue;
        };
        let h = outermost(tree, m, h, v);
        let g: Vec<ActorMention> = group(tree, m, h)
            .into_iter()
            .filter(|a| {
                (unknown || !actors::no_country(&a.code))
                    && !not.iter().any(|n| n.head == a.head || n.code == a.code)
            })
            .collect();
        if !g.is_empty() {
            return g;
        }
    }
    Vec::new()
}

/// Where the clause of `v` starts for TABARI's linear rule: a verb coordinated with an
/// earlier one ("Gondor accepts … but Dagolath promised …") starts its own clause at its
/// first word; any other verb's clause is the sentence.
fn conjunct_start(tree: &Tree, v: usize) -> usize {
    let mut x = v;
    for _ in 0..tree.len() {
        if tree.rel[x] == Rel::Conj {
            return tree.subtree(x).first().copied().unwrap_or(0);
        }
        match tree.head[x] {
            Some(h) => x = h,
            None => break,
        }
    }
    0
}

/// Where the linear source search of a relative clause starts: at the noun phrase it
/// modifies ("…, the official news agency WFNA said on Thursday", parsed as a relative
/// clause on "agency"). What the clause says is that phrase's or its own subject's, never
/// an actor further left. 0 for other verbs.
fn relative_clause_start(tree: &Tree, v: usize) -> usize {
    if tree.rel[v] != Rel::Relcl {
        return 0;
    }
    let Some(h) = tree.head[v] else {
        return 0;
    };
    tree.subtree(h)
        .into_iter()
        .filter(|&w| tree.rel[w] != Rel::Punct)
        .min()
        .unwrap_or(0)
}

/// Where the clause of verb `v` starts when a comma sets it off with its own subject
/// ("Arnor is about to restore ties …, a senior official said on Saturday"): the
/// subject's first word. The words before that comma are another clause, so the
/// linear rule takes no source from them. 0 when the verb has no such subject.
fn comma_clause_start(tree: &Tree, v: usize) -> usize {
    let Some(s) = tree.kid(v, Rel::Subj) else {
        return 0;
    };
    // The comma itself may hang in the subject's subtree.
    let first = tree
        .subtree(s)
        .into_iter()
        .filter(|&w| tree.rel[w] != Rel::Punct)
        .min()
        .unwrap_or(s);
    if first > 0 && first < v && tree.upper[first - 1] == "," {
        first
    } else {
        0
    }
}

/// Whether word `c` heads an infinitival adverbial clause of purpose ("signed an accord
/// *to supply Gondor* with wheat"). Its object is what the verb is aimed at, as for an
/// open complement: PETRARCH-2 gives a verb with no object of its own the target of the
/// `to`-clause under it.
fn infinitive_purpose(tree: &Tree, c: usize) -> bool {
    tree.rel[c] == Rel::Advcl
        && tree
            .kids(c, Rel::Mark)
            .any(|k| tree.upper[k] == "TO" && k < c)
}

/// The largest noun phrase around mention head `h` that is itself a mention head
/// ("Bree" in "Bree Prime Minister Romendacil" → the whole phrase), on the same side of
/// the verb `v` (a misparse can hang the verb's object on a name before it).
fn outermost(tree: &Tree, m: &Mentions, h: usize, v: usize) -> usize {
    let mut x = h;
    for _ in 0..tree.len() {
        if !matches!(tree.rel[x], Rel::NpInternal | Rel::Poss | Rel::Case) {
            break;
        }
        match tree.head[x] {
            Some(p) if !m.at[p].is_empty() && (p < v) == (h < v) => x = p,
            _ => break,
        }
    }
    x
}

/// The by-agent of a passive verb.
fn passive_agent(tree: &Tree, m: &Mentions, v: usize) -> Vec<ActorMention> {
    if let Some(a) = tree.kid(v, Rel::Agent) {
        return np_group(tree, m, a);
    }
    for c in tree.kids(v, Rel::Obl) {
        if tree.children[c]
            .iter()
            .any(|&k| tree.rel[k] == Rel::Case && tree.upper[k] == "BY")
        {
            return np_group(tree, m, c);
        }
    }
    Vec::new()
}

/// The target of `v` when no pattern placed it: breadth-first through its object,
/// obliques, open and clausal complements (a "whether" clause is one), the first phrase
/// with an actor (a clausal complement offers its subject first: "noted that Cirith
/// Ungol regretted …"; one before the verb is what is reported and offers nothing).
fn default_target(
    tree: &Tree,
    m: &Mentions,
    v: usize,
    sources: &[ActorMention],
    unknown: bool,
) -> Vec<ActorMention> {
    let prio = |r: Rel| match r {
        Rel::Obj => 0,
        Rel::Iobj => 1,
        Rel::Obl | Rel::Agent => 2,
        Rel::Xcomp => 3,
        Rel::Ccomp => 4,
        Rel::Subj | Rel::SubjPass => 5,
        _ => 6,
    };
    let skip_top = |r: Rel| {
        matches!(
            r,
            Rel::Subj
                | Rel::SubjPass
                | Rel::Advcl
                | Rel::Parataxis
                | Rel::Conj
                | Rel::Punct
                | Rel::Tmod
                | Rel::Mark
                | Rel::Aux
                | Rel::AuxPass
                | Rel::Cc
                | Rel::Neg
                | Rel::Cop
        )
    };
    // A clause opened by "whether" is a complement however the parse attaches it
    // ("has begun to question whether he has a future with the Orcs").
    let whether = |c: usize| {
        tree.rel[c] == Rel::Advcl && tree.kids(c, Rel::Mark).any(|k| tree.upper[k] == "WHETHER")
    };
    let mut queue = std::collections::VecDeque::new();
    let mut kids: Vec<usize> = tree.children[v]
        .iter()
        .copied()
        .filter(|&c| !skip_top(tree.rel[c]) || infinitive_purpose(tree, c) || whether(c))
        // A clausal complement before the verb is what is reported ("Arnor is about to
        // restore ties …, an official said"), not whom it is said to.
        .filter(|&c| !(tree.rel[c] == Rel::Ccomp && c < v))
        .collect();
    // A purpose infinitive ranks with an open complement.
    kids.sort_by_key(|&c| {
        let p = if infinitive_purpose(tree, c) {
            prio(Rel::Xcomp)
        } else if whether(c) {
            prio(Rel::Ccomp)
        } else {
            prio(tree.rel[c])
        };
        (p, c)
    });
    queue.extend(kids);
    let mut seen = vec![false; tree.len()];
    seen[v] = true;
    while let Some(x) = queue.pop_front() {
        if seen[x] {
            continue;
        }
        seen[x] = true;
        if !m.at[x].is_empty() {
            let g = np_group(tree, m, x);
            let g: Vec<ActorMention> = g
                .into_iter()
                .filter(|a| !sources.iter().any(|s| s.head == a.head))
                .filter(|a| unknown || !actors::no_country(&a.code))
                .collect();
            if !g.is_empty() {
                return g;
            }
        }
        let mut kids: Vec<usize> = tree.children[x]
            .iter()
            .copied()
            .filter(|&c| {
                !matches!(
                    tree.rel[c],
                    Rel::Punct | Rel::Parataxis | Rel::Advcl | Rel::Relcl
                )
            })
            .collect();
        // A clausal complement offers its subject first ("noted that Cirith Ungol …").
        let clausal = tree.rel[x] == Rel::Ccomp || whether(x);
        kids.sort_by_key(|&c| {
            (
                if clausal && tree.rel[c] == Rel::Subj {
                    0
                } else {
                    prio(tree.rel[c]) + 1
                },
                c,
            )
        });
        // The verb's object with no actor of its own is searched whole before the verb's
        // obliques: in "displaced thousands of Sudanese villagers from Darfur" the
        // villagers are displaced, whether the parser hangs "from Darfur" on them or on
        // the verb.
        if tree.head[x] == Some(v) && tree.rel[x] == Rel::Obj {
            for &k in kids.iter().rev() {
                queue.push_front(k);
            }
        } else {
            queue.extend(kids);
        }
    }
    Vec::new()
}
