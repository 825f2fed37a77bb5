//! Time expressions in French and English: extraction and TIMEX3 normalisation.
