//! Cleaning an article's raw text for the language stages: reading and removing a leading
//! `date` marker, dropping photo captions, boilerplate lines and near-duplicate paragraphs,
//! splitting words glued by lost whitespace, and normalising Unicode and whitespace.
//!
//! Cleaning is pure and never panics. Every pass edits the current text and composes its
//! offset map with the previous ones ([`OffsetMap::then`]), so the article's final `offsets`
//! map any cleaned byte back to `raw_text`; every removal or insertion is recorded as a
//! [`CleanAction`] with its raw span.
//!
//! Characters are left alone apart from whitespace, zero-width and control characters and
//! NFC composition: curly quotes, dashes and odd apostrophes (`Iraq‘s`) stay as they are,
//! because the tokenizer handles them and raw offsets stay simple.
//!
//! ```
//! use dyad_clean::{clean, CleanOptions};
//! use dyad_types::Article;
//! let mut a = Article::new("x", "date 2020-01-11 Jane Roe/Getty Images A minister.\n\nThe minister saidFriday that talks would go on.\n\nAdvertisement\n");
//! clean(&mut a, &CleanOptions::default());
//! assert_eq!(a.text, "The minister said Friday that talks would go on.");
//! assert_eq!(a.published.unwrap().to_string(), "2020-01-11");
//! ```

mod dedup;
mod glued;
mod lines;
mod normalize;
mod words;

use std::ops::Range;

use dyad_types::{Article, CleanAction, CleanKind, OffsetMap, OffsetMapBuilder, Span};

pub use dedup::{paragraph_similarity, parse_duplicate_note};
pub use glued::glued_split;
pub use lines::{is_boilerplate, is_caption};

/// Which cleaning passes run. [`CleanOptions::default`] enables all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanOptions {
    /// Read and remove a leading `date YYYY-MM-DD` marker (setting `published` when unset).
    pub marker: bool,
    /// Remove photo credit and caption lines.
    pub captions: bool,
    /// Remove boilerplate lines (Advertisement, Read more, Sign up …).
    pub boilerplate: bool,
    /// Remove paragraphs that nearly repeat an earlier one.
    pub duplicates: bool,
    /// Similarity (Jaccard over content words, 0–1) from which a paragraph counts as a
    /// near-duplicate of an earlier one.
    pub duplicate_threshold: f64,
    /// Split words glued by lost whitespace (`saidFriday`).
    pub glued_words: bool,
    /// NFC, odd spaces, zero-width characters; whitespace layout is always normalised.
    pub unicode: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            marker: true,
            captions: true,
            boilerplate: true,
            duplicates: true,
            duplicate_threshold: dedup::DEFAULT_THRESHOLD,
            glued_words: true,
            unicode: true,
        }
    }
}

/// Cleans `article` from its `raw_text`: sets `text`, `offsets` (cleaned → raw) and
/// `actions` (replacing any earlier cleaning), and `published` from a date marker when it
/// was unknown. The cleaned text's paragraphs are separated by exactly one blank line.
pub fn clean(article: &mut Article, opts: &CleanOptions) {
    let mut st = State::new(&article.raw_text);
    if opts.unicode {
        let edits = normalize::char_edits(&st.text);
        st.apply(edits);
        let edits = normalize::nfc_edits(&st.text);
        st.apply(edits);
    }
    if opts.marker {
        if let Some((date, range)) = lines::date_marker(&st.text) {
            if article.published.is_none() {
                article.published = Some(date);
            }
            let note = format!("date {}", date.date.format("%Y-%m-%d"));
            st.apply(vec![Edit::remove(range, CleanKind::Marker, note)]);
        }
    }
    if opts.captions || opts.boilerplate {
        let edits = lines::line_edits(&st.text, opts.captions, opts.boilerplate);
        st.apply(edits);
    }
    let edits = normalize::layout_edits(&st.text);
    st.apply(edits);
    if opts.glued_words {
        let edits = glued::glued_edits(&st.text);
        st.apply(edits);
    }
    if opts.duplicates {
        let edits = dedup::duplicate_edits(&st.text, &st.map, opts.duplicate_threshold);
        st.apply(edits);
    }
    article.text = st.text;
    article.offsets = st.map;
    article.actions = st.actions;
}

/// One change to the current text: `range` becomes `replacement`.
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    /// The action to record, if this edit is worth one (whitespace layout is not).
    pub action: Option<(CleanKind, String)>,
    /// The part of `range` the action is about, when narrower (a dropped paragraph
    /// without the separator removed with it).
    pub action_range: Option<Range<usize>>,
}

impl Edit {
    pub(crate) fn remove(range: Range<usize>, kind: CleanKind, note: String) -> Edit {
        Edit {
            range,
            replacement: String::new(),
            action: Some((kind, note)),
            action_range: None,
        }
    }

    pub(crate) fn silent(range: Range<usize>, replacement: &str) -> Edit {
        Edit {
            range,
            replacement: replacement.to_string(),
            action: None,
            action_range: None,
        }
    }
}

/// The text after the passes so far, its map to the raw text, and the actions taken.
struct State {
    text: String,
    map: OffsetMap,
    actions: Vec<CleanAction>,
}

impl State {
    fn new(raw: &str) -> State {
        State {
            text: raw.to_string(),
            map: OffsetMap::identity(raw.len()),
            actions: Vec::new(),
        }
    }

    /// Applies edits (sorted here; an edit overlapping an earlier one, or not on char
    /// boundaries, is ignored) and composes the maps.
    fn apply(&mut self, mut edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut b = OffsetMapBuilder::new();
        let mut out = String::with_capacity(self.text.len());
        let mut pos = 0;
        for e in edits {
            let r = e.range;
            if r.start < pos
                || r.end < r.start
                || !self.text.is_char_boundary(r.start)
                || !self.text.is_char_boundary(r.end)
            {
                continue;
            }
            b.copy(pos..r.start);
            out.push_str(&self.text[pos..r.start]);
            b.replace(r.clone(), e.replacement.len());
            out.push_str(&e.replacement);
            if let Some((kind, note)) = e.action {
                let r = e.action_range.unwrap_or_else(|| r.clone());
                let raw = if r.is_empty() {
                    let p = self.map.to_raw(r.start);
                    Span::new(p, p)
                } else {
                    self.map.span_to_raw(Span::new(r.start, r.end))
                };
                self.actions.push(CleanAction { kind, raw, note });
            }
            pos = r.end;
        }
        b.copy(pos..self.text.len());
        out.push_str(&self.text[pos..]);
        self.map = b.finish().then(&self.map);
        self.text = out;
    }
}

/// A note's text cut to a readable length (on a char boundary).
pub(crate) fn short(s: &str) -> String {
    const MAX: usize = 80;
    let s = s.trim();
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
