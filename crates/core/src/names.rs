//! A key for a name that survives script and spelling: `Путин`, `بوتين`,
//! `Poutine` and `Putin` share one key; so do `Goïta`, `Goita`, `GOITA`, `Гоита`
//! and `Гойта`, or `Yadran` and `Jadran`.
//!
//! The name is first transliterated to ASCII (`any_ascii`, which covers
//! Cyrillic, Arabic, Greek, Devanagari and the other scripts news is written
//! in), then reduced to a phonetic skeleton in the spirit of Soundex, but keeping
//! the order of every sound class:
//!
//! * consonants fall into classes that transliterations and spellings confuse:
//!   voiced and voiceless pairs (`b p`, `d t`, `g k c q`, `s z`, `f v`), and the
//!   common digraphs (`sh ch zh sch` → `s`, `kh` → `k`, `ph` → `f`, `th` → `t`);
//! * vowels, `y`, `j`, `w` and `h` (semivowels that scripts write as vowels or
//!   not at all: Arabic writes `ou` as `w` and `i` as `y`) become one vowel mark,
//!   runs of vowel marks and doubled consonants collapse, and a final vowel mark is
//!   dropped (`Poutine`, `Putin`);
//! * a name with three consonant classes or more is keyed by its consonants alone
//!   (`Trump`, `ترامب` → `trmb`: Arabic writes no short vowels); a shorter one
//!   keeps its vowel marks (`Goïta`, `غويتا` → `kat`);
//! * an Arabic article prefix (`ال`, `وال`, `بال`, `لل`) is stripped first.
//!
//! Keys shorter than [`MIN_KEY_LEN`] or with fewer than two consonant classes are
//! refused: too many names share them.

/// Fewest characters of a usable key.
pub const MIN_KEY_LEN: usize = 3;

/// The script-independent key of one word of a name, or `None` when the word
/// gives too short a key to tell names apart.
pub fn name_key(word: &str) -> Option<String> {
    let word = strip_arabic_article(word.trim());
    let ascii = any_ascii::any_ascii(word).to_ascii_lowercase();
    let letters: String = ascii.chars().filter(char::is_ascii_alphabetic).collect();
    let key = skeleton(&letters);
    let consonants: String = key.chars().filter(|&c| c != 'a').collect();
    if consonants.len() >= 3 {
        // Vowels are the least reliable part (Arabic and Hebrew leave most out):
        // with three consonant classes or more, they are left out of the key.
        return Some(consonants);
    }
    (key.len() >= MIN_KEY_LEN && consonants.len() >= 2).then_some(key)
}

fn strip_arabic_article(word: &str) -> &str {
    for prefix in ["وال", "بال", "فال", "كال", "ال", "لل"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    word
}

fn skeleton(letters: &str) -> String {
    let bytes = letters.as_bytes();
    let mut classes: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let (class, used) = if rest.starts_with(b"sch") {
            (b's', 3)
        } else if rest.starts_with(b"sh") || rest.starts_with(b"ch") || rest.starts_with(b"zh") {
            (b's', 2)
        } else if rest.starts_with(b"kh") || rest.starts_with(b"ck") || rest.starts_with(b"gh") {
            (b'k', 2)
        } else if rest.starts_with(b"ph") {
            (b'f', 2)
        } else if rest.starts_with(b"th") {
            (b't', 2)
        } else if rest.starts_with(b"ts") || rest.starts_with(b"tz") {
            (b's', 2)
        } else {
            let c = rest[0];
            let class = match c {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'j' | b'w' | b'h' => b'a',
                b'b' | b'p' => b'b',
                b'd' | b't' => b't',
                b'g' | b'k' | b'c' | b'q' => b'k',
                b's' | b'z' => b's',
                b'f' | b'v' => b'f',
                b'x' => {
                    classes.push(b'k');
                    b's'
                }
                other => other,
            };
            (class, 1)
        };
        if classes.last() != Some(&class) {
            classes.push(class);
        }
        i += used;
    }
    if classes.len() > 1 && classes.last() == Some(&b'a') {
        classes.pop();
    }
    String::from_utf8(classes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let keys: Vec<Option<String>> = words.iter().map(|w| name_key(w)).collect();
        assert!(keys[0].is_some(), "{words:?}: no key for {}", words[0]);
        assert!(keys.iter().all(|k| *k == keys[0]), "{words:?} -> {keys:?}");
    }

    #[test]
    fn one_key_across_scripts_and_spellings() {
        same(&["Putin", "Poutine", "Путин", "Putín"]);
        same(&["Goïta", "Goita", "GOITA", "Гоита", "Гойта"]);
        same(&["Yadran", "Jadran"]);
        same(&["Zelensky", "Zelenskyy", "Зеленский", "Selenskyj", "Zelenski"]);
        same(&["Trump", "Трамп", "ترامب"]);
        same(&["Alaska", "Аляска", "ألاسكا"]);
        same(&["Macron", "Макрон", "ماكرون"]);
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(name_key("Putin"), name_key("Trump"));
        assert_ne!(name_key("Merz"), name_key("Macron"));
        assert_ne!(name_key("Kamchatka"), name_key("Alaska"));
    }

    #[test]
    fn short_keys_are_refused() {
        assert_eq!(name_key("Oli"), None);
        assert_eq!(name_key("Ahmed"), Some("amat".into()));
        assert_eq!(name_key(""), None);
        assert_eq!(name_key("123"), None);
    }
}
