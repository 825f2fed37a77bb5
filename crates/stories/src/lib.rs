//! Wire copies, story clustering (incremental, cross-lingual), pair similarity.
