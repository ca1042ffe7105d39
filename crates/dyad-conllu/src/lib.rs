//! Placeholder: dyad-conllu is being written.
