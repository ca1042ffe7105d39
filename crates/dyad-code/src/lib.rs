//! The dyad event coder: from parsed sentences and TABARI / PETRARCH dictionaries to CAMEO
//! events — source, target, event code, Goldstein score, QuadClass and PLOVER type —
//! with the dictionary entries that fired and the reasons candidates were rejected.
//!
//! Pure: no I/O. The pieces:
//! - [`ParsedSentence`]: the coder's input, built from our analysis
//!   ([`ParsedSentence::from_analysis`]) or a given CoNLL-U parse
//!   ([`ParsedSentence::from_conllu`]).
//! - [`Coder::code`]: one sentence → [`Coded`] (events, rejections, actor mentions, patterns).
//! - [`EventRecord`]: the JSON-lines output record (see `docs/event-format.md`), and its TSV row.
//! - [`explain`]: a person-readable account of how a sentence was coded.
//! - [`suite`]: coding and scoring the peers' validation suites.
//! - [`code_article`] / [`article_records`]: a whole article, with offsets into its raw text;
//!   actors carried across sentences by coreference ([`Coder::code_with_context`] with
//!   [`ContextActor`]s), events dated by their temporal expressions, and each event written
//!   once with all its mentions ([`merge_mentions`]).
//! - [`article_quotes`] / [`article_quotes_coded`]: the article's quotations with speakers
//!   and their codes (with the article's coreference, for the latter).
//! - [`prefilter`]: which sentences need no tagging and parsing because no analysis could
//!   give them an event ([`Coder::may_code`] for a sentence alone, used by `dyad bench
//!   code`; [`prefilter::article_plan`] for an article, used by [`code_article`]), and
//!   which tagged sentences need no parse because no word could be a dictionary verb
//!   ([`Coder::may_have_verb`], [`prefilter::analyse_for_coding`]: sentences coded alone,
//!   `dyad bench code`).
//!
//! # How a sentence is coded
//!
//! 1. **Discards.** A discard phrase anywhere stops the sentence (a [`Rejection`]).
//! 2. **Actors.** Dictionary actor and agent phrases are matched over the words
//!    (leftmost-longest, hyphenated names our tokenizer split joined back), each anchored
//!    on its head word, and gathered per noun phrase through the parse (compound, flat,
//!    amod, det, possessive). A phrase's code is the actor's code on the sentence's date
//!    (a dated code whose range holds beats the undated default), or a country plus the
//!    sectors of its agent nouns ("Iraqi lawmakers" → IRQ + LEG; `[NGO~]` agents go
//!    first). An agent phrase with no country takes one from an attached "of / in / from"
//!    phrase ("the government of Gondor"), or from the first conjunct ("Danish media and
//!    government"); without one its code starts with `---` (dropped unless
//!    [`CoderOptions::keep_unknown_country`]). Coordinated modifiers give one mention each.
//! 3. **Verbs.** Every verb (and, for TABARI-style dictionaries, every listed word: modals,
//!    mistagged nouns) is looked up by lemma and by form; compound verbs need their other
//!    words nearby; the entry that is the form itself wins ("left" is LEFT, not LEAVE).
//! 4. **Patterns.** The family's patterns are matched, the most specific wins (PETRARCH-2
//!    patterns within the verb's clause, TABARI patterns linearly over the sentence); no
//!    match leaves the verb's own code. `---` and TABARI's `?` codes give no event.
//! 5. **Negation.** A negated verb is coded through the coding ontology when one is loaded
//!    (value − 0xFFFF, UniversalPetrarch's rule), and otherwise not coded.
//! 6. **Participants.** Source: the pattern's `$`, else the subject (with its
//!    conjuncts; a pronoun or missing subject is inherited from the governing clause:
//!    control, coordination, relative clauses), or a passive's by-agent. Target: the
//!    pattern's `+`, else breadth-first through object, obliques and complements (a
//!    clausal complement offers its subject first: "A said that B …" gives A → B),
//!    or a passive's subject. TABARI-style patterns fall back to TABARI's linear rule
//!    (the sentence's first actor before the verb, the first after it). Sources ×
//!    targets give one event each; `%` patterns pair a compound subject both ways;
//!    paired codes `[A:B]` add the reverse event.
//! 7. **Facts.** Each event carries its CAMEO root, Goldstein score, QuadClass and PLOVER
//!    type from [`dyad_dict::cameo`], and the `file:line` of every entry that fired.
//!
//! Options cover the conventions on which the peer coders differ
//! ([`suite::suite_options`] picks them per suite).

mod actors;
mod article;
mod coder;
mod context;
mod explain;
mod parsed;
mod pattern;
pub mod prefilter;
mod quotes;
mod record;
pub mod suite;

mod tree;

pub use actors::{ActorMention, DictHit};
pub use article::{
    article_coref, article_date, article_records, code_article, code_article_with, merge_mentions,
};
pub use coder::{
    Coded, Coder, CoderOptions, ContextActor, Event, EventActor, PatternHit, RejectReason,
    Rejection, VerbMention,
};
pub use explain::explain;
pub use parsed::{ParsedSentence, Word};
pub use quotes::{article_quotes, article_quotes_coded, QuoteRecord, QuoteSpan, QuoteSpeaker};
pub use record::{EventRecord, RecordActor, RecordMention, RecordVerb, SCHEMA_VERSION, TSV_HEADER};
