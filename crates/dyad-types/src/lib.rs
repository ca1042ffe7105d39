//! Shared vocabulary of dyad's pipeline: articles, byte spans, the cleaned→raw offset map,
//! tokens and sentences.
//!
//! Every later stage (cleaning, segmentation, parsing, coding) speaks in these types, so
//! they stay small, plain and free of I/O. Offsets are always **byte** offsets; a [`Span`]
//! into the cleaned text is mapped back to the article's raw text with [`OffsetMap`].

mod article;
mod offsets;
mod text;

pub use article::{stable_id, Article, ArticleId, CleanAction, CleanKind, Origin, PubDate};
pub use offsets::{OffsetMap, OffsetMapBuilder};
pub use text::{MultiwordToken, Sentence, Span, Token};
