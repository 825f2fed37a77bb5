//! From a Document to a clean Article: main text, line cleaning, metadata, language, sentences.
