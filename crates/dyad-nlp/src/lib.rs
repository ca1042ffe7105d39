//! Placeholder: dyad-nlp is being written.
