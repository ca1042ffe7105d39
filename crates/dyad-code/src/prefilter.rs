//! The prefilter: which sentences need no tagging and parsing because no analysis could
//! give them an event. Tagging and parsing cost more than half of coding raw text, and
//! most sentences of ordinary text hold no actor.
//!
//! Why it is exact (the coder's and the resolver's own rules, read from their code):
//! - Every actor the coder pairs into an event is a mention built from a dictionary hit
//!   (an actor or agent phrase matched on the word forms, which the analysis does not
//!   change: the parse may only lengthen a name inside its noun phrase, one match for
//!   one and never into a name that codes several actors), from a coreference context
//!   actor, or from an option that invents one (TABARI's pronoun forwarding, default
//!   source or target). Without hits, context and
//!   those options, [`crate::Coder::code`] gives no event whatever the parse.
//! - Alone ([`Coder::may_code`]), an agent without a country gives a `---` code that the
//!   coder drops unless [`crate::CoderOptions::keep_unknown_country`] or `convert_agents`
//!   keeps it; only a name or a prefix agent (`[NGO~]`, whose code goes first) makes an
//!   actor without one.
//! - Alone, and unless [`crate::CoderOptions::allow_no_target`] lets a source stand
//!   without a target, an event needs a source and a target with different codes. A
//!   mention's code is composed of the hits in its phrase (one actor, or a borrowed
//!   country, and agents), so with one hit every mention has the same code, except where
//!   that hit's entry names several actors (`FRO/BIL/SAM`, split into one mention each).
//!   A sentence with fewer than two matches and no such entry gives no event.
//! - In an article ([`article_plan`]), a sentence also needs analysing when coreference
//!   could give it an actor, or when it could change what coreference does elsewhere. The
//!   resolver opens entities only from the coder's mentions, and a sentence without
//!   mentions changes its state only through an anaphor it resolves: a pronoun, a
//!   definite description, or a short name filed under a key of an earlier name
//!   (see [`dyad_article::coref::may_hold_anaphor`], [`dyad_article::coref::name_keys`]
//!   and [`dyad_article::coref::filed_name_keys`], which reads the keys off the analysed
//!   sentences, so sentences are planned in reading order as they are analysed). Before
//!   the first sentence with a hit there is nothing to resolve to.
//!
//! A second, later test reads the tagger's output: a sentence coded alone in which no word
//! has a dictionary verb by its lemma or form gives no event, so it is tagged but not
//! parsed ([`Coder::may_have_verb`], [`analyse_for_coding`]; `dyad bench code`).

use std::collections::HashSet;

use dyad_nlp::{AnalyzedWord, Analyzer};
use dyad_types::Sentence;

use crate::actors::{hyphen_parts, joined_forms_by, match_kinds, MatchKinds};
use crate::coder::{Candidacy, Coder};
use crate::parsed::ParsedSentence;

impl Coder<'_> {
    /// True when coding a sentence with these tokens alone ([`Coder::code`], no context)
    /// may give an event, whatever its analysis; false only when it provably cannot, so
    /// the sentence need not be tagged and parsed.
    pub fn may_code(&self, s: &Sentence) -> bool {
        if self.invents_actors() {
            return true;
        }
        let k = self.match_kinds(s);
        let one_actor = k.actor
            || k.prefix_agent
            || (k.agent && (self.opts.keep_unknown_country || self.opts.convert_agents));
        // An event without a target still needs only its source.
        one_actor && (self.opts.allow_no_target || k.matches >= 2 || k.several)
    }

    /// Options under which the coder makes actors of words no dictionary matched.
    fn invents_actors(&self) -> bool {
        self.opts.forward_actor.is_some()
            || self.opts.default_source.is_some()
            || self.opts.default_target.is_some()
            || self.opts.new_actor_length > 0
    }

    fn match_kinds(&self, s: &Sentence) -> MatchKinds {
        let (forms, _) = joined_forms_by(s.tokens.len(), |i| {
            (s.tokens[i].text.as_str(), s.tokens[i].raw)
        });
        let mut k = match_kinds(self.dicts, &forms, self.opts.noun_endings, &self.gapped);
        // TABARI's reading also matches names across hyphens ("Al-Gore" is `AL_GORE`).
        if let Some((parts, _)) = self
            .opts
            .adjacent_agents
            .then(|| hyphen_parts(&forms))
            .flatten()
        {
            k.add(match_kinds(
                self.dicts,
                &parts,
                self.opts.noun_endings,
                &self.gapped,
            ));
        }
        k
    }
}

/// Analyses the sentences of an article that need it when the article is coded with its
/// coreference ([`crate::code_article`]): `analyse` is called for those, and their parses
/// come back in place (`None`: the sentence needs none). `sentences` are the article's
/// sentences and those of its dropped paragraphs, in any order; they are planned in
/// raw-text order, as the resolver reads them. A sentence left out gets no event and,
/// given to the resolver as unanalysed words, leaves its links exactly as they would be.
pub fn article_plan(
    coder: &Coder<'_>,
    sentences: &[&Sentence],
    mut analyse: impl FnMut(&Sentence) -> ParsedSentence,
) -> Vec<Option<ParsedSentence>> {
    let n = sentences.len();
    if coder.invents_actors() {
        return sentences.iter().map(|s| Some(analyse(s))).collect();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (sentences[i].raw.start, i));
    let mut out: Vec<Option<ParsedSentence>> = vec![None; n];
    // Whether an entity may exist yet; the keys names may have been filed under (`None`:
    // any key, after a sentence too odd to list them).
    let mut entities = false;
    let mut keys: Option<HashSet<String>> = Some(HashSet::new());
    for i in order {
        let s = sentences[i];
        let k = coder.match_kinds(s);
        let hit = k.actor || k.agent;
        let needed = hit || (entities && reachable(s, keys.as_ref()));
        entities |= hit;
        if !needed {
            continue;
        }
        let ps = analyse(s);
        let filed = dyad_article::coref::filed_name_keys(&crate::article::coref_words(&ps));
        match (&mut keys, filed) {
            (Some(keys), Some(filed)) => keys.extend(filed),
            _ => keys = None,
        }
        out[i] = Some(ps);
    }
    out
}

/// Whether the resolver could resolve an anaphor of `s` once entities exist: a pronoun or
/// description, or a short name whose key an earlier name was filed under.
fn reachable(s: &Sentence, keys: Option<&HashSet<String>>) -> bool {
    let forms: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
    if dyad_article::coref::may_hold_anaphor(&forms) {
        return true;
    }
    let Some(keys) = keys else {
        return true;
    };
    // As `article::coref_words` tells the resolver where spaces are.
    let space_after: Vec<bool> = s
        .tokens
        .iter()
        .enumerate()
        .map(|(j, t)| s.tokens.get(j + 1).is_some_and(|x| x.raw.start > t.raw.end))
        .collect();
    dyad_article::coref::name_keys(&forms, &space_after)
        .is_none_or(|ks| ks.iter().any(|x| keys.contains(x)))
}

impl Coder<'_> {
    /// True when a sentence with these tagged and lemmatized words ([`Analyzer::tag`]) may
    /// give an event once parsed; false only when it provably cannot, so its parse (about
    /// three quarters of its analysis) is not needed.
    ///
    /// Why it is exact: the coder makes events only of candidate verbs with at least one
    /// dictionary entry found by the word's lemma or by its form (`verb_refs` in the
    /// coder: [`dyad_dict::Dictionaries::verbs_for_lemma`] and
    /// [`dyad_dict::Dictionaries::verbs_for_form`], which cover inflected forms, TABARI
    /// stems, and multi-word verbs by their head word). Whether a word is a candidate is
    /// decided by its form and tags, except for cases that also ask the parse: a word
    /// that needs a subject or object (`candidate_by_tags` in the coder), a participle
    /// right after a finite "have" that the tree reads as the perfect whatever its tag
    /// (`read_perfect` in the tree), and an interjection with a verb entry that the tree
    /// reads as a verb between two noun phrases (`read_interjection_verb`); here all
    /// count as candidates, whatever the parse would say. Lemmas, forms and tags come from the
    /// tagger and lemmatizer alone; the parse changes none of them. A word with no lemma
    /// is looked up by its lower-cased form, as [`ParsedSentence::from_analysis`] fills it
    /// in.
    pub fn may_have_verb(&self, words: &[AnalyzedWord]) -> bool {
        let verb_form = |f: &str| !self.form_refs(f).is_empty();
        words.iter().enumerate().any(|(i, w)| {
            // A participle the tree may read as the perfect whatever its tag
            // (`read_perfect`: the first word after a finite "have", adverbs skipped).
            let after_have = || {
                words[..i]
                    .iter()
                    .rev()
                    .find(|x| !x.xpos.starts_with("RB"))
                    .is_some_and(|h| crate::tree::finite_have(&h.lemma, &h.xpos))
            };
            if crate::tree::participle(&w.form, &w.xpos, &verb_form) && after_have() {
                return true;
            }
            // An interjection the tree may read as a verb (`read_interjection_verb`).
            if w.upos == "INTJ" && verb_form(&w.form) {
                return true;
            }
            if self.candidate_by_tags(&w.form, &w.upos, &w.xpos) == Candidacy::No {
                return false;
            }
            // The lookups of `Coder::verb_refs`: by the lemma the parsed sentence will
            // hold, and by the form with TABARI's verb endings.
            let lemma = if w.lemma.is_empty() {
                std::borrow::Cow::Owned(w.form.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(w.lemma.as_str())
            };
            !self.dicts.verbs_for_lemma(&lemma).is_empty() || !self.form_refs(&w.form).is_empty()
        })
    }
}

/// Analyses a sentence that is to be coded alone ([`Coder::code`], no context): tags it,
/// and parses it only when [`Coder::may_have_verb`] says it may give an event. `None`: the
/// sentence gives no event whatever its parse (it was tagged, not parsed). `original` is
/// the text the tokens' `raw` spans point into, as for [`ParsedSentence::from_analysis`].
pub fn analyse_for_coding(
    coder: &Coder<'_>,
    analyzer: &Analyzer,
    s: &Sentence,
    original: &str,
) -> Option<ParsedSentence> {
    let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
    let tagged = analyzer.tag(&words);
    if !coder.may_have_verb(&tagged.words) {
        return None;
    }
    Some(ParsedSentence::from_analysis_owned(
        s,
        analyzer.parse_tagged(tagged),
        original,
    ))
}
