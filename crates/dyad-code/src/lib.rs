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

mod actors;
mod coder;
mod explain;
mod parsed;
mod pattern;
mod record;
pub mod suite;

mod tree;

pub use actors::{ActorMention, DictHit};
pub use coder::{
    Coded, Coder, CoderOptions, Event, EventActor, PatternHit, RejectReason, Rejection, VerbMention,
};
pub use explain::explain;
pub use parsed::{ParsedSentence, Word};
pub use record::{EventRecord, RecordActor, RecordVerb, SCHEMA_VERSION, TSV_HEADER};
