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

/// Decodes `raw`. `declared` is a charset named by the container.
pub fn decode(raw: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    let mut warnings = Vec::new();
    let (encoding, how) = if let Some((enc, _)) = Encoding::for_bom(raw) {
        (enc, "bom")
    } else if let Some(enc) = declared.and_then(|d| Encoding::for_label(d.trim().as_bytes())) {
        (enc, "declared")
    } else if let Some(enc) = is_html.then(|| sniff_html_charset(raw)).flatten() {
        (enc, "meta")
    } else if std::str::from_utf8(raw).is_ok() {
        (encoding_rs::UTF_8, "valid")
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(raw, true);
        let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
        warnings.push(Warning::new(
            recoupe_core::WarningCode::EncodingGuessed,
            format!("not valid UTF-8 and no charset declared; decoded as {}", enc.name()),
        ));
        (enc, "guessed")
    };
    // A declared charset can lie (UTF-8 pages labelled ISO-8859-1 are common);
    // bytes that are valid UTF-8 and contain non-ASCII are read as UTF-8.
    let encoding =
        if how != "bom" && encoding != encoding_rs::UTF_8 && !raw.is_ascii() && std::str::from_utf8(raw).is_ok() {
            warnings.push(Warning::info(
                recoupe_core::WarningCode::CharsetMismatch,
                format!(
                    "declared {} but the bytes are valid UTF-8; read as UTF-8",
                    encoding.name()
                ),
            ));
            encoding_rs::UTF_8
        } else {
            encoding
        };
    let (text, _, had_errors) = encoding.decode(raw);
    if had_errors {
        warnings.push(Warning::new(
            recoupe_core::WarningCode::MalformedBytes,
            format!("some bytes are not valid {}; replaced with U+FFFD", encoding.name()),
        ));
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

    #[test]
    fn utf8_bom() {
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9", None, false);
        assert_eq!(d.text, "café");
    }
}
