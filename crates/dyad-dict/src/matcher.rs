//! Multi-word phrase matching over tokens, leftmost-longest, with TABARI stems.
//!
//! Phrases are sequences of upper-case words. Tokens are normalised the same way (upper
//! case) before lookup. At a start position the longest phrase wins; at equal length an
//! exact phrase beats one whose last word matched as a stem; values that share a phrase
//! are returned in insertion (file) order, so "the first entry wins" is `values[0]`.
//!
//! ```
//! use dyad_dict::matcher::PhraseMatcher;
//! let mut m = PhraseMatcher::new();
//! m.insert(&["UNITED".into(), "STATES".into()], false, 1u32);
//! m.insert(&["UNITED".into()], false, 2);
//! m.insert(&["ARGENTIN".into()], true, 3); // a stem: matches ARGENTINA, ARGENTINE...
//! let toks = ["the", "United", "States", "and", "Argentina"];
//! let found = m.find_all(&toks);
//! assert_eq!((found[0].start, found[0].end, found[0].values), (1, 3, &[1u32][..]));
//! assert_eq!((found[1].start, found[1].end, found[1].values), (4, 5, &[3u32][..]));
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::lines::normalized;

/// A fast, non-cryptographic hasher (the multiply-rotate scheme of rustc's FxHash) for
/// the word and edge tables: dictionary loading hashes millions of short keys, and the
/// default SipHash's flooding protection buys nothing for trusted dictionary words.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Clone, Default)]
struct Node<T> {
    exact: Vec<T>,
    has_stems: bool,
}

/// A word trie mapping phrases to values.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    words: FxMap<Box<str>, u32>,
    nodes: Vec<Node<T>>,
    edges: FxMap<(u32, u32), u32>,
    stems: FxMap<(u32, u32), Vec<T>>,
    phrases: usize,
}

/// One match: tokens `start..end` and the values of the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'a, T> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The values stored for the phrase, in insertion order.
    pub values: &'a [T],
    /// True when the last word matched as a stem (a prefix of the token).
    pub stem: bool,
}

impl<T: Clone> Default for PhraseMatcher<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone> PhraseMatcher<T> {
    /// An empty matcher.
    pub fn new() -> Self {
        PhraseMatcher {
            words: FxMap::default(),
            nodes: vec![Node {
                exact: Vec::new(),
                has_stems: false,
            }],
            edges: FxMap::default(),
            stems: FxMap::default(),
            phrases: 0,
        }
    }

    /// Number of phrases inserted.
    pub fn len(&self) -> usize {
        self.phrases
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.phrases == 0
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.words.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.insert(w.into(), id);
        id
    }

    /// Adds a phrase (upper-case words). With `stem`, its last word matches any token that
    /// starts with it.
    pub fn insert(&mut self, words: &[String], stem: bool, value: T) {
        let Some((last, init)) = words.split_last() else {
            return;
        };
        let mut node = 0u32;
        for w in init {
            let id = self.intern(w);
            node = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        exact: Vec::new(),
                        has_stems: false,
                    });
                    self.edges.insert((node, id), n);
                    n
                }
            };
        }
        let id = self.intern(last);
        self.phrases += 1;
        if stem {
            self.nodes[node as usize].has_stems = true;
            self.stems.entry((node, id)).or_default().push(value);
        } else {
            let n = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        exact: Vec::new(),
                        has_stems: false,
                    });
                    self.edges.insert((node, id), n);
                    n
                }
            };
            self.nodes[n as usize].exact.push(value);
        }
    }

    /// The longest phrase starting at token `start` (tokens are normalised here).
    pub fn find_at<S: AsRef<str>>(&self, tokens: &[S], start: usize) -> Option<Match<'_, T>> {
        let mut best: Option<Match<'_, T>> = None;
        let mut node = 0u32;
        let mut i = start;
        while i < tokens.len() {
            let tok = normalized(tokens[i].as_ref());
            if self.nodes[node as usize].has_stems {
                // A stem ends a phrase at this token; an exact phrase of the same length
                // found below replaces it.
                if let Some(values) = self.stem_values(node, &tok) {
                    best = Some(Match {
                        start,
                        end: i + 1,
                        values,
                        stem: true,
                    });
                }
            }
            let Some(&id) = self.words.get(&*tok) else {
                break;
            };
            let Some(&next) = self.edges.get(&(node, id)) else {
                break;
            };
            node = next;
            i += 1;
            let n = &self.nodes[node as usize];
            if !n.exact.is_empty() {
                best = Some(Match {
                    start,
                    end: i,
                    values: &n.exact,
                    stem: false,
                });
            }
        }
        best
    }

    fn stem_values(&self, node: u32, tok: &str) -> Option<&[T]> {
        // Longest stem first: the most specific entry.
        for e in (1..=tok.len()).rev().filter(|&e| tok.is_char_boundary(e)) {
            if let Some(&id) = self.words.get(&tok[..e]) {
                if let Some(v) = self.stems.get(&(node, id)) {
                    return Some(v);
                }
            }
        }
        None
    }

    /// All leftmost-longest, non-overlapping matches, left to right.
    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Match<'_, T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.find_at(tokens, i) {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The values of exactly this phrase (no stem matching), if present.
    pub fn get(&self, words: &[String]) -> Option<&[T]> {
        let mut node = 0u32;
        for w in words {
            let id = *self.words.get(w.as_str())?;
            node = *self.edges.get(&(node, id))?;
        }
        let n = &self.nodes[node as usize];
        (!n.exact.is_empty()).then_some(&n.exact[..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn leftmost_longest_and_order() {
        let mut m = PhraseMatcher::new();
        m.insert(&w("NEW"), false, 1);
        m.insert(&w("NEW YORK"), false, 2);
        m.insert(&w("NEW YORK TIMES"), false, 3);
        m.insert(&w("YORK TIMES"), false, 4);
        m.insert(&w("NEW YORK"), false, 5);
        let toks = ["new", "york", "city", "new", "york", "times"];
        let f = m.find_all(&toks);
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].start, f[0].end, f[0].values), (0, 2, &[2, 5][..]));
        assert_eq!((f[1].start, f[1].end, f[1].values), (3, 6, &[3][..]));
    }

    #[test]
    fn stems_and_exact_tie() {
        let mut m = PhraseMatcher::new();
        m.insert(&w("ARGENTIN"), true, 1);
        m.insert(&w("ARGENTINA"), false, 2);
        m.insert(&w("DURTHANG ORC"), true, 3);
        assert_eq!(
            m.find_at(&["Argentine"], 0).map(|x| x.values),
            Some(&[1][..])
        );
        // Same length: the exact entry wins over the stem.
        let x = m.find_at(&["ARGENTINA"], 0).unwrap();
        assert_eq!((x.values, x.stem), (&[2][..], false));
        assert_eq!(m.find_at(&["DURTHANG", "ORCS"], 0).map(|x| x.end), Some(2));
        assert!(m.find_at(&["DURTHANG"], 0).is_none());
        assert!(m.find_at(&["ARGENTI"], 0).is_none());
    }
}
