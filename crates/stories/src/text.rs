//! Word splitting and folding shared by copies, terms and titles: the text
//! layer's (`recoupe-text`), so stories compare words as every other stage does.
//! Apostrophes and hyphens split words (`l'armée` gives `l`, `armée`), which
//! suits both elision in French and compounds in both languages.

pub use recoupe_text::{fold, lower, words};
