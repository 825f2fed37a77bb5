//! Main-text extraction from HTML pages (boilerplate removal) with metadata.
