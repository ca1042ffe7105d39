//! Fuzz target: `parse_bytes` with the feed format forced must never panic, and every
//! article it returns must be uncleaned (`text == raw_text`) with a matching offset map.

#![no_main]

use dyad_ingest::{parse_bytes, IngestOptions, InputFormat, Record};
use dyad_types::Origin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        format: Some(InputFormat::Feed),
        ..IngestOptions::default()
    };
    for r in parse_bytes(data, Origin::default(), &opts) {
        if let Record::Article(a) = r {
            assert_eq!(a.text, a.raw_text);
            assert_eq!(a.offsets.clean_len(), a.raw_text.len());
        }
    }
});
