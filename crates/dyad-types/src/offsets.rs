//! The map from byte offsets in cleaned text back to byte offsets in raw text.
//!
//! Cleaning copies most of the raw text unchanged, drops some of it (captions,
//! boilerplate, duplicate paragraphs) and replaces or inserts a little (a space between
//! glued words, a normalised quote). The map is a list of segments, each either a
//! *copy* (clean and raw ranges of equal length, mapped byte for byte) or a *replacement*
//! (any clean range standing for any raw range; inner offsets map to the raw range's
//! start). Dropped raw text simply has no segment.
//!
//! ```
//! use dyad_types::OffsetMapBuilder;
//! let raw = "saidFriday";
//! let mut b = OffsetMapBuilder::new();
//! b.copy(0..4);            // "said"
//! b.replace(4..4, 1);      // inserted " "
//! b.copy(4..10);           // "Friday"
//! let map = b.finish();
//! assert_eq!(map.clean_len(), 11);
//! assert_eq!(map.to_raw(5), 4);  // 'F' in "said Friday" is byte 4 of the raw text
//! assert_eq!(&raw[map.to_raw(5)..map.to_raw_end(11)], "Friday");
//! ```

use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Segment {
    clean_start: usize,
    clean_end: usize,
    raw_start: usize,
    raw_end: usize,
    copy: bool,
}

/// Maps cleaned-text byte offsets to raw-text byte offsets. Built with [`OffsetMapBuilder`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes (nothing was cleaned).
    pub fn identity(len: usize) -> OffsetMap {
        let mut b = OffsetMapBuilder::new();
        b.copy(0..len);
        b.finish()
    }

    /// Length of the cleaned text the map covers.
    pub fn clean_len(&self) -> usize {
        self.segments.last().map_or(0, |s| s.clean_end)
    }

    fn find(&self, clean: usize) -> Option<&Segment> {
        if self.segments.is_empty() {
            return None;
        }
        // Last segment whose start is <= clean.
        let i = self.segments.partition_point(|s| s.clean_start <= clean);
        Some(&self.segments[i.saturating_sub(1)])
    }

    /// Raw offset of the cleaned byte at `clean` (a start position).
    pub fn to_raw(&self, clean: usize) -> usize {
        match self.find(clean) {
            None => clean,
            Some(s) if s.copy => {
                let off = clean.saturating_sub(s.clean_start);
                s.raw_start + off.min(s.raw_end - s.raw_start)
            }
            Some(s) if clean >= s.clean_end => s.raw_end,
            Some(s) => s.raw_start,
        }
    }

    /// Raw offset for an *end* position in cleaned text: the end of a token maps to the end
    /// of the raw bytes it came from, even across a dropped region.
    pub fn to_raw_end(&self, clean_end: usize) -> usize {
        if clean_end == 0 {
            return self.to_raw(0);
        }
        match self.find(clean_end - 1) {
            None => clean_end,
            Some(s) if s.copy => {
                s.raw_start + (clean_end - s.clean_start).min(s.raw_end - s.raw_start)
            }
            Some(s) => s.raw_end,
        }
    }

    /// Maps a cleaned-text span to a raw-text span.
    pub fn span_to_raw(&self, span: Span) -> Span {
        if span.is_empty() {
            let p = self.to_raw(span.start);
            return Span::new(p, p);
        }
        Span::new(self.to_raw(span.start), self.to_raw_end(span.end))
    }
}

/// Builds an [`OffsetMap`] segment by segment, in cleaned-text order.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    segments: Vec<Segment>,
    clean_len: usize,
}

impl OffsetMapBuilder {
    /// An empty builder.
    pub fn new() -> OffsetMapBuilder {
        OffsetMapBuilder::default()
    }

    /// Length of cleaned text emitted so far.
    pub fn clean_len(&self) -> usize {
        self.clean_len
    }

    /// The raw range was copied unchanged to the end of the cleaned text.
    pub fn copy(&mut self, raw: Range<usize>) {
        let len = raw.end.saturating_sub(raw.start);
        if len == 0 {
            return;
        }
        let clean_start = self.clean_len;
        if let Some(last) = self.segments.last_mut() {
            if last.copy && last.clean_end == clean_start && last.raw_end == raw.start {
                last.clean_end += len;
                last.raw_end += len;
                self.clean_len += len;
                return;
            }
        }
        self.segments.push(Segment {
            clean_start,
            clean_end: clean_start + len,
            raw_start: raw.start,
            raw_end: raw.start + len,
            copy: true,
        });
        self.clean_len += len;
    }

    /// `clean_len` bytes of new cleaned text stand for the raw range `raw` (which may be
    /// empty, for an insertion).
    pub fn replace(&mut self, raw: Range<usize>, clean_len: usize) {
        if clean_len == 0 {
            return;
        }
        let clean_start = self.clean_len;
        self.segments.push(Segment {
            clean_start,
            clean_end: clean_start + clean_len,
            raw_start: raw.start,
            raw_end: raw.end.max(raw.start),
            copy: false,
        });
        self.clean_len += clean_len;
    }

    /// The finished map.
    pub fn finish(self) -> OffsetMap {
        OffsetMap {
            segments: self.segments,
        }
    }
}

// Cleaning runs in several passes; composing their maps keeps one map from the final text
// back to the raw text.
impl OffsetMap {
    /// Composes `self` (C → B) with `inner` (B → A) into a map C → A.
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let mut b = OffsetMapBuilder::new();
        for s in &self.segments {
            if s.copy {
                // Split this copy segment wherever `inner` changes segment.
                let mut pos = s.raw_start;
                while pos < s.raw_end {
                    let seg = inner.find(pos).copied();
                    let seg_end = match seg {
                        Some(g) if g.clean_end > pos => g.clean_end.min(s.raw_end),
                        _ => s.raw_end,
                    };
                    match seg {
                        Some(g) if g.copy && g.clean_end > pos => {
                            let a = g.raw_start + (pos - g.clean_start);
                            b.copy(a..a + (seg_end - pos));
                        }
                        Some(g) if g.clean_end > pos => {
                            b.replace(g.raw_start..g.raw_end, seg_end - pos)
                        }
                        _ => b.replace(pos..seg_end, seg_end - pos),
                    }
                    pos = seg_end;
                }
            } else {
                let a = inner.to_raw(s.raw_start);
                let z = if s.raw_end > s.raw_start {
                    inner.to_raw_end(s.raw_end)
                } else {
                    a
                };
                b.replace(a..z, s.clean_end - s.clean_start);
            }
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let m = OffsetMap::identity(10);
        for i in 0..=10 {
            assert_eq!(m.to_raw(i), i);
        }
        assert_eq!(m.to_raw_end(10), 10);
    }

    #[test]
    fn dropped_region_is_skipped() {
        // raw: "CAPTION\nBody text" ; clean: "Body text"
        let mut b = OffsetMapBuilder::new();
        b.copy(8..17);
        let m = b.finish();
        assert_eq!(m.span_to_raw(Span::new(0, 4)), Span::new(8, 12));
        assert_eq!(m.span_to_raw(Span::new(5, 9)), Span::new(13, 17));
    }

    #[test]
    fn replacement_maps_to_whole_raw_range() {
        // raw "a\u{201C}b" (curly quote, 3 bytes) cleaned to "a\"b"
        let mut b = OffsetMapBuilder::new();
        b.copy(0..1);
        b.replace(1..4, 1);
        b.copy(4..5);
        let m = b.finish();
        assert_eq!(m.span_to_raw(Span::new(1, 2)), Span::new(1, 4));
        assert_eq!(m.span_to_raw(Span::new(2, 3)), Span::new(4, 5));
    }

    #[test]
    fn composition_follows_both_maps() {
        // A = "xxHello", B = "Hello" (drop 2), C = "Hel lo" (insert a space)
        let mut ab = OffsetMapBuilder::new();
        ab.copy(2..7);
        let ab = ab.finish();
        let mut cb = OffsetMapBuilder::new();
        cb.copy(0..3);
        cb.replace(3..3, 1);
        cb.copy(3..5);
        let cb = cb.finish();
        let ca = cb.then(&ab);
        assert_eq!(ca.span_to_raw(Span::new(0, 3)), Span::new(2, 5));
        assert_eq!(ca.span_to_raw(Span::new(4, 6)), Span::new(5, 7));
    }
}
