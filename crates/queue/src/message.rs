//! A document on the wire: its metadata as one line of JSON (identity, content
//! hash, origin, media type, hints), a newline, then the raw bytes untouched.
//! No base64: the bytes are carried as they were read.

use recoupe_core::Document;
use thiserror::Error;

/// A message that is not a document this version can read (a bug or a foreign
/// publisher). It is acknowledged as terminal: redelivering it cannot help.
#[derive(Debug, Error)]
pub enum MessageError {
    #[error("message without the metadata line")]
    NoHeader,
    #[error("unreadable document metadata: {0}")]
    Metadata(#[from] serde_json::Error),
    #[error("document {hash}: its bytes or source do not give its identity (corrupted message)")]
    Identity { hash: String },
}

pub fn encode_document(doc: &Document) -> Vec<u8> {
    // `Document` serialises without `raw`; compact JSON escapes every newline.
    let mut out = serde_json::to_vec(doc).unwrap_or_default();
    out.push(b'\n');
    out.extend_from_slice(&doc.raw);
    out
}

pub fn decode_document(payload: &[u8]) -> Result<Document, MessageError> {
    let split = memchr_newline(payload).ok_or(MessageError::NoHeader)?;
    let mut doc: Document = serde_json::from_slice(&payload[..split])?;
    doc.raw = payload[split + 1..].to_vec();
    let content = recoupe_core::content_hash(&doc.raw);
    if content != doc.content || recoupe_core::identity_hash(&doc.source_key(), &content) != doc.hash {
        return Err(MessageError::Identity { hash: doc.hash });
    }
    Ok(doc)
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_core::{Hints, MediaType, Origin};

    #[test]
    fn documents_round_trip_and_corruption_is_caught() {
        let doc = Document::new(
            Origin::Url {
                url: "https://example.org/a\nb".into(),
                final_url: None,
            },
            MediaType::Html,
            b"<p>line one\nline two \xff</p>".to_vec(),
        )
        .with_hints(Hints {
            outlet: Some("Le Courrier".into()),
            ..Hints::default()
        });
        let wire = encode_document(&doc);
        assert_eq!(decode_document(&wire).expect("decode"), doc);
        let mut tampered = wire.clone();
        let last = tampered.len() - 1;
        tampered[last] = b'!';
        assert!(matches!(decode_document(&tampered), Err(MessageError::Identity { .. })));
        assert!(matches!(decode_document(b"no newline"), Err(MessageError::NoHeader)));
        assert!(matches!(decode_document(b"{oops\nraw"), Err(MessageError::Metadata(_))));
    }
}
