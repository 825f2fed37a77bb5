//! NER evaluation.
