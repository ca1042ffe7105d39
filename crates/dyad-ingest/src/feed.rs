//! RSS 2.0 and Atom feeds (parsed by `feed-rs`): each item or entry is an article, with its
//! full content (`content:encoded`, Atom `<content>`) when present, else its description
//! or summary, converted from HTML to text.

use dyad_types::{Origin, PubDate};
use feed_rs::model::{Entry, Feed};

use crate::common::{collapse_ws, finish, skipped, Meta};
use crate::html::html_to_text;
use crate::{IngestOptions, Record, SkipReason};

pub(crate) fn parse(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Vec<Record> {
    // An empty id from the generator means "the feed gave none": feed-rs would otherwise
    // invent a random UUID, and ids must be stable.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed: Feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![skipped(
                origin,
                SkipReason::Malformed {
                    message: format!("feed: {e}"),
                },
            )]
        }
    };
    let source = feed
        .title
        .as_ref()
        .map(|t| collapse_ws(&text_of(&t.content, t.content_type.as_ref())))
        .filter(|s| !s.is_empty());
    if feed.entries.is_empty() {
        return vec![skipped(origin, SkipReason::Empty)];
    }
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let o = Origin {
                record: i,
                ..origin.clone()
            };
            entry_record(entry, source.clone(), o, opts)
        })
        .collect()
}

fn entry_record(
    entry: &Entry,
    source: Option<String>,
    origin: Origin,
    opts: &IngestOptions,
) -> Record {
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref().map(|b| (b, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty())
        .map(|(b, ct)| text_of(b, &ct))
        .or_else(|| {
            entry
                .summary
                .as_ref()
                .map(|s| text_of(&s.content, s.content_type.as_ref()))
        })
        .unwrap_or_default();
    if body.trim().is_empty() {
        return skipped(origin, SkipReason::NoText);
    }
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let meta = Meta {
        id: Some(entry.id.clone()).filter(|s| !s.trim().is_empty()),
        source,
        url,
        title: entry
            .title
            .as_ref()
            .map(|t| text_of(&t.content, t.content_type.as_ref())),
        published: entry.published.or(entry.updated).map(|dt| PubDate {
            date: dt.date_naive(),
            time: Some(dt.time()),
            offset_secs: Some(0),
        }),
        warnings: Vec::new(),
    };
    finish(body, meta, origin, opts)
}

/// Text of a feed text construct: HTML is converted, plain text passes (feed-rs has
/// already decoded its XML entities).
fn text_of(content: &str, content_type: &str) -> String {
    if content_type.contains("html") || content.contains('<') {
        html_to_text(content)
    } else {
        content.trim().to_string()
    }
}
