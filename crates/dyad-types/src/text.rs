//! Spans, tokens and sentences: the output of segmentation, with byte offsets.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into some text (which text is said by the owner).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped up to `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers, or `""` when it is out of range or not on
    /// character boundaries (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One token, Universal Dependencies style: `don't` is two tokens, `do` and `n't`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's form. Usually the exact slice of the cleaned text at `span`; a split
    /// contraction keeps its surface pieces (`ca` + `n't`).
    pub text: String,
    /// Byte span in the article's cleaned text.
    pub span: Span,
    /// Byte span in the article's raw text (through the offset map).
    pub raw: Span,
    /// True when the token is directly followed by whitespace (UD's inverse `SpaceAfter=No`).
    pub space_after: bool,
}

/// One sentence: its span and its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// 0-based index of the sentence in its article.
    pub index: usize,
    /// Byte span in the article's cleaned text.
    pub span: Span,
    /// Byte span in the article's raw text.
    pub raw: Span,
    /// 0-based index of the paragraph holding the sentence.
    pub paragraph: usize,
    /// The tokens (UD syntactic words), in order.
    pub tokens: Vec<Token>,
    /// Surface tokens that were split into several words, UD's multiword tokens
    /// (`don't` → `do` + `n't`), as inclusive ranges of indices into `tokens`.
    pub multiword: Vec<MultiwordToken>,
}

/// A surface token made of several syntactic words: `tokens[first..=last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiwordToken {
    /// Index of the first word.
    pub first: usize,
    /// Index of the last word (inclusive).
    pub last: usize,
}

impl Sentence {
    /// The sentence's text, sliced from the cleaned article text.
    pub fn text<'t>(&self, cleaned: &'t str) -> &'t str {
        self.span.slice(cleaned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slice_never_panics() {
        let s = "héllo";
        assert_eq!(Span::new(0, 1).slice(s), "h");
        assert_eq!(Span::new(1, 2).slice(s), ""); // inside 'é'
        assert_eq!(Span::new(3, 99).slice(s), "");
        assert_eq!(Span::new(5, 2), Span { start: 5, end: 5 });
    }
}
