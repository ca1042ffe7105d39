//! Placeholder: dyad-clean is being written.
