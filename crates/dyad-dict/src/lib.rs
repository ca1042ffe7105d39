//! Placeholder: dyad-dict is being written.
