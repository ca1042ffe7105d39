//! Word classes for the parser: the WordNet 3.0 lexicographer file ("supersense", such as
//! noun.person, noun.location, verb.communication, verb.motion) of each noun's and verb's
//! most frequent sense, by word form.
//!
//! The parser's word features only know words seen in the treebanks; a class carries what
//! it learnt about "said" and "told" over to "announced", and about "fork" (an artifact)
//! and "Tuesday" (a time) to nouns it has never seen. The table is built once, when a
//! parser is trained with it (`dyad train parser --wordnet DIR`), from WordNet's
//! dictionary files (`index.noun`, `data.noun`, `noun.exc`, and the same for verbs;
//! Debian: package `wordnet-base`, in `/usr/share/wordnet`), and stored in that parser's
//! model file: analysis needs no WordNet. Such a file carries WordNet data, so it must be
//! shipped with WordNet 3.0's licence notice. The shipped parser is trained without
//! classes (see models/README.md for why).
//!
//! Forms are the lemmas with their regular inflections (plural and third person `-s`,
//! `-es`, `-ies`; `-ed`, `-ing`, with `-e` dropped and a final consonant doubled after
//! a short vowel) and WordNet's exception lists (`men`, `went`, `told`). A form that
//! several lemmas could give takes the class of the first: the lemma itself, then the
//! lemmas in WordNet's order.
//!
//! Pure: [`WordClasses::from_wordnet`] reads file contents given as strings; the I/O is
//! the caller's (`train::read_wordnet`).

use crate::feat::{hash_str, norm};
use crate::perceptron::{put_u32, FastMap, Reader};

/// No class (in the table's bytes): the form is not in WordNet as a noun (or verb).
const NONE: u8 = u8::MAX;

/// What a tag class is, for the table: a noun (NOUN, PROPN), a verb (VERB), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Looked up among nouns.
    Noun,
    /// Looked up among verbs.
    Verb,
    /// Never given a class.
    Other,
}

impl Kind {
    /// The kind of a universal part-of-speech tag.
    pub fn of_upos(upos: &str) -> Kind {
        match upos {
            "NOUN" | "PROPN" => Kind::Noun,
            "VERB" => Kind::Verb,
            _ => Kind::Other,
        }
    }
}

/// The contents of WordNet's dictionary files that the table is built from.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordNetFiles<'a> {
    /// `index.noun`.
    pub index_noun: &'a str,
    /// `data.noun`.
    pub data_noun: &'a str,
    /// `noun.exc`.
    pub exc_noun: &'a str,
    /// `index.verb`.
    pub index_verb: &'a str,
    /// `data.verb`.
    pub data_verb: &'a str,
    /// `verb.exc`.
    pub exc_verb: &'a str,
}

/// Word form (hash of the normalised form, as [`crate::parser::Node::w`]) → the
/// lexicographer file numbers (3–28 nouns, 29–43 verbs) of its noun and verb readings.
#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    map: FastMap<u64, [u8; 2]>,
}

/// Bytes of one serialised entry: the hash, the noun class, the verb class.
const ENTRY_BYTES: usize = 10;

impl WordClasses {
    /// The table of WordNet's files. Lines that are not entries (the licence header,
    /// which starts with two spaces) and malformed lines are skipped.
    pub fn from_wordnet(files: &WordNetFiles<'_>) -> WordClasses {
        let nouns = first_senses(files.index_noun, files.data_noun);
        let verbs = first_senses(files.index_verb, files.data_verb);
        let mut forms: [Vec<(String, u8)>; 2] = [Vec::new(), Vec::new()];
        for (slot, lemmas, exc, inflect) in [
            (0, &nouns, files.exc_noun, plural as fn(&str) -> Vec<String>),
            (
                1,
                &verbs,
                files.exc_verb,
                verb_forms as fn(&str) -> Vec<String>,
            ),
        ] {
            let out = &mut forms[slot];
            // Lemmas first, so that a lemma keeps its own class when another lemma's
            // inflection spells the same.
            out.extend(lemmas.iter().map(|(l, c)| (l.clone(), *c)));
            for (l, c) in lemmas {
                out.extend(inflect(l).into_iter().map(|f| (f, *c)));
            }
            let class: FastMap<&str, u8> = lemmas.iter().map(|(l, c)| (l.as_str(), *c)).collect();
            for line in exc.lines() {
                let mut it = line.split_whitespace();
                if let (Some(form), Some(lemma)) = (it.next(), it.next()) {
                    if let Some(c) = class.get(lemma) {
                        if !form.contains('_') {
                            out.push((form.to_string(), *c));
                        }
                    }
                }
            }
        }
        let mut map: FastMap<u64, [u8; 2]> = FastMap::default();
        for (slot, list) in forms.iter().enumerate() {
            for (form, c) in list {
                let e = map.entry(hash_str(&norm(form))).or_insert([NONE; 2]);
                if e[slot] == NONE {
                    e[slot] = *c;
                }
            }
        }
        WordClasses { map }
    }

    /// Number of forms with a class.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty (a parser trained without word classes).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The class of the form with hash `w` read as `kind`.
    #[inline]
    pub fn class(&self, w: u64, kind: Kind) -> Option<u8> {
        let slot = match kind {
            Kind::Noun => 0,
            Kind::Verb => 1,
            Kind::Other => return None,
        };
        self.map.get(&w).map(|e| e[slot]).filter(|c| *c != NONE)
    }

    /// The class of a form (as written; normalised here) read as `kind`.
    pub fn class_of_form(&self, form: &str, kind: Kind) -> Option<u8> {
        self.class(hash_str(&norm(form)), kind)
    }

    /// Serialises the table: count, then entries in hash order (so that the same table
    /// always gives the same bytes).
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut entries: Vec<(&u64, &[u8; 2])> = self.map.iter().collect();
        entries.sort_unstable();
        put_u32(out, entries.len() as u32);
        for (w, c) in entries {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(c);
        }
    }

    /// Reads a table written by [`WordClasses::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<WordClasses, String> {
        let n = r.u32()? as usize;
        // A count larger than the bytes left is a corrupt file, not a reason to reserve
        // gigabytes: the bytes are taken (and checked) first.
        let len = n.checked_mul(ENTRY_BYTES).ok_or("bad word-class count")?;
        let bytes = r.bytes(len)?;
        let mut map: FastMap<u64, [u8; 2]> = FastMap::default();
        map.reserve(n);
        for e in bytes.chunks_exact(ENTRY_BYTES) {
            let mut w = [0u8; 8];
            w.copy_from_slice(&e[..8]);
            map.insert(u64::from_le_bytes(w), [e[8], e[9]]);
        }
        Ok(WordClasses { map })
    }
}

/// (lemma, lexicographer file of its first sense) from an `index.*` file and its
/// `data.*` file, in index order; multi-word lemmas are left out (the parser sees one
/// word at a time).
fn first_senses(index: &str, data: &str) -> Vec<(String, u8)> {
    // data: "offset lex_filenum ss_type …"
    let lexfile: FastMap<&str, u8> = data
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| {
            let mut it = l.split(' ');
            let off = it.next()?;
            let file = it.next()?.parse().ok()?;
            Some((off, file))
        })
        .collect();
    // index: "lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…",
    // offsets most frequent sense first.
    index
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let lemma = *f.first()?;
            if lemma.contains('_') {
                return None;
            }
            let pointers: usize = f.get(3)?.parse().ok()?;
            let first = f.get(4 + pointers + 2)?;
            Some((lemma.to_string(), *lexfile.get(first)?))
        })
        .collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The regular `-s` form (plural, third person singular).
fn plural(w: &str) -> Vec<String> {
    let mut cs = w.chars().rev();
    let (last, before) = (cs.next(), cs.next());
    if ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e)) {
        vec![format!("{w}es")]
    } else if last == Some('y') && before.is_some_and(|c| !is_vowel(c)) {
        vec![format!("{}ies", &w[..w.len() - 1])]
    } else {
        vec![format!("{w}s")]
    }
}

/// The regular forms of a verb: `-s`, `-ed`, `-ing`.
fn verb_forms(w: &str) -> Vec<String> {
    let mut out = plural(w);
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    if let Some(stem) = w.strip_suffix('e') {
        out.push(format!("{w}d"));
        out.push(format!("{stem}ing"));
    } else if n > 1 && c[n - 1] == 'y' && !is_vowel(c[n - 2]) {
        out.push(format!("{}ied", &w[..w.len() - 1]));
        out.push(format!("{w}ing"));
    } else {
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        // stop → stopped: one consonant after one vowel. Whether it doubles depends on
        // stress (visit → visited), which spelling does not show: both forms are kept.
        if n >= 3
            && !is_vowel(c[n - 1])
            && !matches!(c[n - 1], 'w' | 'x' | 'y')
            && is_vowel(c[n - 2])
            && !is_vowel(c[n - 3])
        {
            out.push(format!("{w}{}ed", c[n - 1]));
            out.push(format!("{w}{}ing", c[n - 1]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // A few entries in WordNet's formats, written for this test: offsets, lexicographer
    // file numbers (03 noun.Tops, 06 noun.artifact, 14 noun.group, 18 noun.person, 28
    // noun.time; 32 verb.communication, 38 verb.motion), hexadecimal word counts and
    // pointers as the real files have them. A lemma's class is its first sense's, not
    // its hypernyms'.
    const INDEX_NOUN: &str = "  1 This line is part of a licence header.\n\
        fork n 2 1 @ 2 0 00000010 00000011\n\
        troop n 1 1 @ 1 0 00000020\n\
        tuesday n 1 1 @ 1 0 00000030\n\
        minister n 1 1 @ 1 0 00000009\n\
        man n 2 1 @ 2 1 00000008 00000012\n\
        fork_out n 1 0 1 0 00000040\n";
    const DATA_NOUN: &str = "  1 header\n\
        00000001 03 n 01 entity 0 000 | the top\n\
        00000002 03 n 01 physical_entity 0 001 @ 00000001 n 0000 | below the top\n\
        00000003 03 n 01 object 0 001 @ 00000002 n 0000 | two down\n\
        00000004 03 n 01 whole 0 001 @ 00000003 n 0000 | three down\n\
        00000005 06 n 01 ware 0 001 @ 00000004 n 0000 | four down\n\
        00000006 03 n 02 living_thing 0 organism 0 001 @ 00000005 n 0000 | five down\n\
        00000007 03 n 01 person 0 002 ~ 00000008 n 0000 @ 00000006 n 0000 | six down\n\
        00000008 18 n 01 leader 0 001 @ 00000007 n 0000 | seven down\n\
        00000009 18 n 01 minister 0 001 @i 00000008 n 0000 | eight down\n\
        00000010 06 n 01 fork 0 001 @ 00000005 n 0000 | cutlery\n\
        00000011 06 n 01 fork 1 000 | farm tool\n\
        00000012 14 n 01 man 1 000 | the genus\n\
        00000020 14 n 01 troop 0 001 @ 00000001 n 0000 | a group\n\
        00000030 28 n 01 Tuesday 0 000 | a day\n\
        00000040 04 n 01 fork_out 0 000 | never a class\n";
    const EXC_NOUN: &str = "men man\n";
    const INDEX_VERB: &str = "tell v 1 1 @ 1 0 00000102\n\
        go v 1 1 @ 1 0 00000201\n\
        stop v 1 1 @ 1 0 00000202\n\
        fork v 1 1 @ 1 0 00000203\n";
    const DATA_VERB: &str = "00000101 32 v 01 communicate 0 000 | the top\n\
        00000102 32 v 01 tell 0 001 @ 00000101 v 0000 | inform\n\
        00000201 38 v 01 go 0 000 | move\n\
        00000202 38 v 01 stop 0 001 @ 00000201 v 0000 | halt\n\
        00000203 38 v 01 fork 0 001 @ 00000201 v 0000 | divide\n";
    const EXC_VERB: &str = "told tell\nwent go\nspoke speak\n";

    fn toy() -> WordClasses {
        WordClasses::from_wordnet(&WordNetFiles {
            index_noun: INDEX_NOUN,
            data_noun: DATA_NOUN,
            exc_noun: EXC_NOUN,
            index_verb: INDEX_VERB,
            data_verb: DATA_VERB,
            exc_verb: EXC_VERB,
        })
    }

    #[test]
    fn forms_take_the_classes_of_their_lemmas_first_sense() {
        let wc = toy();
        // (form, kind, lexicographer file)
        let cases: &[(&str, Kind, u8)] = &[
            ("minister", Kind::Noun, 18),
            ("Ministers", Kind::Noun, 18),
            // The first sense (a leader), not the second (a genus).
            ("man", Kind::Noun, 18),
            ("men", Kind::Noun, 18),
            ("fork", Kind::Noun, 6),
            ("Forks", Kind::Noun, 6),
            ("troops", Kind::Noun, 14),
            ("Tuesday", Kind::Noun, 28),
            ("fork", Kind::Verb, 38),
            ("forked", Kind::Verb, 38),
            ("told", Kind::Verb, 32),
            ("tells", Kind::Verb, 32),
            ("telling", Kind::Verb, 32),
            ("went", Kind::Verb, 38),
            ("stopped", Kind::Verb, 38),
            ("stopping", Kind::Verb, 38),
        ];
        for &(form, kind, file) in cases {
            assert_eq!(
                wc.class_of_form(form, kind),
                Some(file),
                "{form} as {kind:?}"
            );
        }
        // Not in the toy WordNet, a multi-word lemma, an exception whose lemma is
        // missing, a noun read as a verb, and a kind that never has a class.
        for (form, kind) in [
            ("spoon", Kind::Noun),
            ("fork_out", Kind::Noun),
            ("spoke", Kind::Verb),
            ("troop", Kind::Verb),
            ("fork", Kind::Other),
        ] {
            assert_eq!(wc.class_of_form(form, kind), None, "{form} as {kind:?}");
        }
    }

    #[test]
    fn the_table_round_trips_and_a_truncated_one_is_an_error() {
        let wc = toy();
        let mut bytes = Vec::new();
        wc.write(&mut bytes);
        let back = WordClasses::read(&mut Reader::new(&bytes)).expect("reads back");
        assert_eq!(back.len(), wc.len());
        assert_eq!(back.class_of_form("went", Kind::Verb), Some(38));
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(again, bytes, "the same table writes the same bytes");
        assert!(WordClasses::read(&mut Reader::new(&bytes[..bytes.len() - 3])).is_err());
        let huge = u32::MAX.to_le_bytes();
        assert!(WordClasses::read(&mut Reader::new(&huge)).is_err());
    }

    #[test]
    fn regular_inflections() {
        assert_eq!(plural("box"), ["boxes"]);
        assert_eq!(plural("city"), ["cities"]);
        assert_eq!(plural("day"), ["days"]);
        assert_eq!(verb_forms("move"), ["moves", "moved", "moving"]);
        assert_eq!(verb_forms("carry"), ["carries", "carried", "carrying"]);
        assert_eq!(
            verb_forms("stop"),
            ["stops", "stoped", "stoping", "stopped", "stopping"]
        );
    }
}
