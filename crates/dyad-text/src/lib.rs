//! Placeholder: dyad-text is being written.
