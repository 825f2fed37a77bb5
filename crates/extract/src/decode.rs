//! Bytes to text. Respects byte-order marks and declared charsets (HTTP/WARC
//! headers, `<meta charset>`), otherwise guesses with chardetng. Decoding
//! never drops data: malformed sequences become U+FFFD and a warning says so.

use encoding_rs::Encoding;
use recoupe_core::Warning;

/// The decoded text and what was learnt on the way.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<Warning>,
}

/// Finds `charset=...` in the first 2 KB of an HTML page.
fn sniff_html_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head.get(at + 7..)?.trim_start_matches([' ', '=', '"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// How far `raw` is from valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Utf8Damage {
    /// Well-formed multi-byte characters.
    pub multibyte: usize,
    /// Bytes that are not part of a well-formed UTF-8 sequence.
    pub bad_bytes: usize,
    /// Malformed sequences (each becomes one U+FFFD).
    pub bad_sequences: usize,
    /// Offset of the first malformed byte.
    pub first_bad: Option<usize>,
}

impl Utf8Damage {
    /// Valid UTF-8 with a few bad bytes: well-formed multi-byte characters
    /// outnumber malformed sequences four to one. A text in a single-byte
    /// charset (windows-1252 and the like) almost never forms valid multi-byte
    /// sequences, so it fails this test and its charset is guessed instead.
    pub fn mostly_utf8(&self) -> bool {
        self.bad_sequences == 0 || (self.multibyte > 0 && self.multibyte >= 4 * self.bad_sequences)
    }
}

/// Counts well-formed and malformed UTF-8 in one linear pass.
pub fn utf8_damage(raw: &[u8]) -> Utf8Damage {
    let mut d = Utf8Damage::default();
    let mut rest = raw;
    let mut at = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                d.multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return d;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix was just validated.
                if let Ok(s) = std::str::from_utf8(&rest[..good]) {
                    d.multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                }
                let bad = e.error_len().unwrap_or(rest.len() - good);
                d.first_bad.get_or_insert(at + good);
                d.bad_bytes += bad;
                d.bad_sequences += 1;
                at += good + bad;
                rest = &rest[good + bad..];
                if rest.is_empty() {
                    return d;
                }
            }
        }
    }
}

/// Decodes `raw`. `declared` is a charset named by the container.
///
/// Bytes that are UTF-8 apart from a few malformed sequences stay UTF-8 (the
/// bad bytes become U+FFFD and a warning counts them): one stray byte must not
/// turn every accent of a French text into windows-1250 mojibake. The charset
/// is guessed only for text that is not mostly UTF-8.
pub fn decode(raw: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    let mut warnings = Vec::new();
    let damage = utf8_damage(raw);
    let valid = damage.bad_sequences == 0;
    let (encoding, how) = if let Some((enc, _)) = Encoding::for_bom(raw) {
        (enc, "bom")
    } else if let Some(enc) = declared.and_then(|d| Encoding::for_label(d.trim().as_bytes())) {
        (enc, "declared")
    } else if let Some(enc) = is_html.then(|| sniff_html_charset(raw)).flatten() {
        (enc, "meta")
    } else if damage.mostly_utf8() {
        (encoding_rs::UTF_8, if valid { "valid" } else { "mostly" })
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(raw, true);
        let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
        warnings.push(Warning::new(
            recoupe_core::WarningCode::EncodingGuessed,
            format!(
                "not UTF-8 ({} malformed sequence(s) against {} well-formed multi-byte character(s)) and no charset declared; decoded as {}",
                damage.bad_sequences,
                damage.multibyte,
                enc.name()
            ),
        ));
        (enc, "guessed")
    };
    // A declared charset can lie (UTF-8 pages labelled ISO-8859-1 are common);
    // bytes that are (mostly) valid UTF-8 and contain non-ASCII are read as UTF-8.
    let encoding = if how != "bom" && encoding != encoding_rs::UTF_8 && damage.multibyte > 0 && damage.mostly_utf8() {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::CharsetMismatch,
            format!("declared {} but the bytes are UTF-8; read as UTF-8", encoding.name()),
        ));
        encoding_rs::UTF_8
    } else {
        encoding
    };
    let (text, _, had_errors) = encoding.decode(raw);
    if had_errors {
        let message = if encoding == encoding_rs::UTF_8 {
            format!(
                "{} malformed byte(s) in {} place(s) of UTF-8 text (first at byte {}); each replaced with U+FFFD",
                damage.bad_bytes,
                damage.bad_sequences,
                damage.first_bad.unwrap_or(0)
            )
        } else {
            format!("some bytes are not valid {}; replaced with U+FFFD", encoding.name())
        };
        warnings.push(Warning::new(recoupe_core::WarningCode::MalformedBytes, message));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_declared_in_meta() {
        let raw = b"<html><head><meta charset=\"windows-1252\"></head><body>d\xe9j\xe0 \x93cit\xe9\x94</body></html>";
        let d = decode(raw, None, true);
        assert!(d.text.contains("déjà “cité”"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn latin1_guessed_without_declaration() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Le général est arrivé à Moscou.");
        let d = decode(&latin, None, false);
        assert_eq!(d.text, "Le général est arrivé à Moscou.");
        assert!(d.warnings.iter().any(|w| w.code == "encoding_guessed"));
    }

    #[test]
    fn invalid_utf8_is_kept_with_replacement() {
        let d = decode(b"abc \xff\xfe def", Some("utf-8"), false);
        assert!(d.text.starts_with("abc ") && d.text.ends_with(" def"));
        assert!(d.warnings.iter().any(|w| w.code == "malformed_bytes"));
    }

    /// Six stray bytes in a French UTF-8 text: still UTF-8, every accent
    /// intact, one warning counting the bad bytes.
    #[test]
    fn a_few_bad_bytes_keep_utf8() {
        let mut raw = Vec::new();
        for i in 0..6 {
            raw.extend_from_slice("Le général a déclaré à la presse qu'il était prêt. ".as_bytes());
            raw.push([0xff, 0xe9, 0x80, 0xc3, 0xfe, 0x92][i]);
            raw.push(b' ');
        }
        let d = decode(&raw, None, false);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.matches("général").count(), 6, "{}", d.text);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 6);
        let w: Vec<&Warning> = d.warnings.iter().filter(|w| w.code == "malformed_bytes").collect();
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.starts_with("6 malformed byte(s) in 6 place(s)"),
            "{}",
            w[0].message
        );
        assert!(!d.warnings.iter().any(|w| w.code == "encoding_guessed"));
    }

    #[test]
    fn damage_counts() {
        let check = |raw: &[u8], multibyte, bad_bytes, bad_sequences, first_bad| {
            assert_eq!(
                utf8_damage(raw),
                Utf8Damage {
                    multibyte,
                    bad_bytes,
                    bad_sequences,
                    first_bad
                },
                "{raw:?}"
            );
        };
        check(b"abc", 0, 0, 0, None);
        check("é€".as_bytes(), 2, 0, 0, None);
        check(b"a\xffb\xc3", 0, 2, 2, Some(1));
        check(b"\xc3\xa9\xe9t\xe9", 1, 2, 2, Some(2));
    }

    #[test]
    fn windows_1252_french_is_still_guessed() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Élu à l'été, il a défié le député sortant à Sélestat.");
        let d = decode(&latin, None, false);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Élu à l'été, il a défié le député sortant à Sélestat.");
    }

    #[test]
    fn utf8_bom() {
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9", None, false);
        assert_eq!(d.text, "café");
    }
}
