//! The output record: one JSON line per event (`docs/event-format.md`), and its TSV row.

use serde::{Deserialize, Serialize};

use crate::coder::{Event, EventActor};

/// Version of the record layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 2;

/// An actor in a record: code, text and byte offsets into the original article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordActor {
    /// Actor code (`IRQGOV`).
    pub code: String,
    /// The phrase as written.
    pub text: String,
    /// First byte in the original article.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The verb of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordVerb {
    /// The verb as written (with the particles of a compound verb).
    pub text: String,
    /// First byte in the original article.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One place in the article where an event is reported: its sentence and the spans of
/// its verb, source and target there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMention {
    /// 0-based sentence index in the article.
    pub sentence_id: usize,
    /// The sentence text.
    pub sentence: String,
    /// The verb.
    pub verb: RecordVerb,
    /// The source phrase in this sentence (a pronoun when coreference gave its code).
    pub source: RecordVerb,
    /// The target phrase in this sentence.
    pub target: Option<RecordVerb>,
    /// The temporal expression that dated this mention, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_expression: Option<RecordVerb>,
}

/// One event as written by `dyad code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The article's id.
    pub article_id: String,
    /// 0-based sentence index in the article.
    pub sentence_id: usize,
    /// The event's date, `YYYY-MM-DD` (the article's date until event dating exists);
    /// `None` when the article has none.
    pub date: Option<String>,
    /// Precision of `date`: `day`, `week`, `month` or `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    /// The temporal expression that dated the event (offsets into the original article);
    /// `None` when the event took the article's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_expression: Option<RecordVerb>,
    /// Who.
    pub source: RecordActor,
    /// To whom.
    pub target: Option<RecordActor>,
    /// CAMEO code.
    pub code: String,
    /// CAMEO root.
    pub root: String,
    /// Goldstein score.
    pub goldstein: Option<f32>,
    /// QuadClass 1–4.
    pub quad_class: Option<u8>,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// The verb.
    pub verb: RecordVerb,
    /// The sentence text.
    pub sentence: String,
    /// Dictionary entries that fired, `file:line`.
    pub rules: Vec<String>,
    /// Issue codes of the sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// Version of the dictionary set ([`dyad_dict::Dictionaries::version`]).
    pub dict_version: String,
    /// Every report of this event in the article, the first being the one the top-level
    /// fields describe (see `docs/event-format.md`, "One event per article").
    #[serde(default)]
    pub mentions: Vec<RecordMention>,
    /// `mentions.len()`: how many times the article reports the event.
    #[serde(default)]
    pub mention_count: usize,
}

fn span_of(a: &RecordActor) -> RecordVerb {
    RecordVerb {
        text: a.text.clone(),
        start: a.start,
        end: a.end,
    }
}

fn actor(a: &EventActor) -> RecordActor {
    RecordActor {
        code: a.code.clone(),
        text: a.text.clone(),
        start: a.span.start,
        end: a.span.end,
    }
}

impl EventRecord {
    /// A record for `event`; spans in the event are already article offsets.
    pub fn new(
        event: &Event,
        article_id: &str,
        date: Option<String>,
        sentence: &str,
        dict_version: &str,
    ) -> EventRecord {
        let mut r = EventRecord {
            schema_version: SCHEMA_VERSION,
            article_id: article_id.to_string(),
            sentence_id: event.sentence,
            date,
            date_precision: None,
            date_expression: None,
            source: actor(&event.source),
            target: event.target.as_ref().map(actor),
            code: event.code.clone(),
            root: event.root.clone(),
            goldstein: event.goldstein,
            quad_class: event.quad_class,
            plover: event.plover.clone(),
            verb: RecordVerb {
                text: event.verb.text.clone(),
                start: event.verb.span.start,
                end: event.verb.span.end,
            },
            sentence: sentence.to_string(),
            rules: event.rules.clone(),
            issues: event.issues.clone(),
            dict_version: dict_version.to_string(),
            mentions: Vec::new(),
            mention_count: 0,
        };
        r.mentions.push(r.own_mention());
        r.mention_count = 1;
        r
    }

    /// The mention the record's own top-level fields describe.
    pub fn own_mention(&self) -> RecordMention {
        RecordMention {
            sentence_id: self.sentence_id,
            sentence: self.sentence.clone(),
            verb: self.verb.clone(),
            source: span_of(&self.source),
            target: self.target.as_ref().map(span_of),
            date_expression: self.date_expression.clone(),
        }
    }

    /// The record as one JSON line (no trailing newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The record as one TSV row (no trailing newline), columns as [`TSV_HEADER`]. Tabs
    /// and newlines inside fields become spaces.
    pub fn to_tsv(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let opt = |o: Option<String>| o.unwrap_or_default();
        let t = self.target.as_ref();
        [
            clean(&self.article_id),
            self.sentence_id.to_string(),
            opt(self.date.clone()),
            clean(&self.source.code),
            clean(&self.source.text),
            opt(t.map(|t| clean(&t.code))),
            opt(t.map(|t| clean(&t.text))),
            clean(&self.code),
            clean(&self.root),
            opt(self.goldstein.map(|g| format!("{g}"))),
            opt(self.quad_class.map(|q| q.to_string())),
            opt(self.plover.clone()),
            clean(&self.verb.text),
            self.verb.start.to_string(),
            self.verb.end.to_string(),
            self.rules.join(","),
            clean(&self.dict_version),
            self.mention_count.to_string(),
        ]
        .join("\t")
    }
}

/// The TSV header line matching [`EventRecord::to_tsv`].
pub const TSV_HEADER: &str = "article_id\tsentence_id\tdate\tsource\tsource_text\ttarget\ttarget_text\tcode\troot\tgoldstein\tquad_class\tplover\tverb\tverb_start\tverb_end\trules\tdict_version\tmention_count";
