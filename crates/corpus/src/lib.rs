//! Deterministic generator of synthetic news corpora for benchmarks.
