//! Feature hashing: strings and small integers folded into 64-bit feature ids.
//!
//! A feature is a template number combined with one or more values (word hashes, tag ids,
//! distances). Hashing instead of interning keeps the models free of vocabularies and
//! makes feature extraction allocation-free.

/// 64-bit FNV-1a of a string (stable across runs and platforms: models depend on it).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines a running hash with one more value.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v.wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(27);
    x.wrapping_mul(0x94d0_49bb_1331_11eb) ^ (x >> 31)
}

/// Feature of template `t` with one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_add(0x51_7cc1_b727_220a), a), 1)
}

/// Feature of template `t` with two values.
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t.wrapping_add(0x51_7cc1_b727_220a), a), b), 2)
}

/// Feature of template `t` with three values.
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        mix(mix(mix(t.wrapping_add(0x51_7cc1_b727_220a), a), b), c),
        3,
    )
}

/// The word shape used for unknown words: `Xxxx` → `Xx`, `12.5` → `d.d`, `U.S.` → `X.X.`.
pub fn shape(s: &str) -> String {
    let mut out = String::new();
    shape_into(s, &mut out);
    out
}

/// [`shape`] written into `out` (cleared first), so that a caller shaping every word of
/// a sentence reuses one buffer instead of allocating per word.
pub fn shape_into(s: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for ch in s.chars().take(24) {
        let c = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else {
            ch
        };
        if c != last {
            out.push(c);
        }
        last = c;
    }
}

/// Normalises a word form for lexical features: lowercased, digits collapsed to `0`.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// [`norm`] written into `out` (cleared first).
pub fn norm_into(s: &str, out: &mut String) {
    out.clear();
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            out.push('0');
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Whether `to_lowercase` would change `s` (checked without allocating).
pub(crate) fn changes_when_lowercased(s: &str) -> bool {
    s.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            let mut l = c.to_lowercase();
            l.next() != Some(c) || l.next().is_some()
        }
    })
}

/// The last `n` characters of `s` (all of it when shorter).
pub fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Hello"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("12.5"), "d.d");
        assert_eq!(suffix("walked", 2), "ed");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(suffix("abc", 0), "");
        assert_eq!(prefix("über", 2), "üb");
        assert_eq!(norm("ABC123"), "abc000");
        // The buffer forms clear what a longer word left behind.
        let mut buf = String::new();
        norm_into("Abcdef9", &mut buf);
        norm_into("Xy", &mut buf);
        assert_eq!(buf, "xy");
        shape_into("Hello-World", &mut buf);
        shape_into("12", &mut buf);
        assert_eq!(buf, "d");
        assert_ne!(f1(1, 2), f1(2, 1));
        assert_ne!(f2(1, 2, 3), f2(1, 3, 2));
    }
}
