//! Placeholder: dyad-ingest is being written.
