//! HTTP(S) fetching with a user agent, timeouts, a size limit and bounded redirects.

use std::io::Read;
use std::time::Duration;

use recoupe_core::{Document, Hints, MediaType, Origin};
use ureq::ResponseExt;

use crate::InputError;

#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub user_agent: String,
    /// Whole-request time limit.
    pub timeout: Duration,
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!("recoupe/{} (+news cross-checking)", env!("CARGO_PKG_VERSION")),
            timeout: Duration::from_secs(20),
            max_redirects: 5,
        }
    }
}

pub fn fetch(url: &str, options: &FetchOptions, max_bytes: u64) -> Result<Document, InputError> {
    let err = |message: String| InputError::Fetch {
        input: url.to_string(),
        message,
    };
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .user_agent(options.user_agent.as_str())
        .http_status_as_error(true)
        .build()
        .new_agent();
    let response = agent.get(url).call().map_err(|e| err(e.to_string()))?;
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut raw = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(max_bytes + 1)
        .read_to_end(&mut raw)
        .map_err(|e| err(e.to_string()))?;
    if raw.len() as u64 > max_bytes {
        return Err(InputError::TooLarge {
            input: url.to_string(),
            size: raw.len() as u64,
            limit: max_bytes,
        });
    }
    let media = if content_type.contains("html") || content_type.is_empty() {
        MediaType::Html
    } else {
        MediaType::Text
    };
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string());
    let hints = Hints {
        url: Some(final_url.clone()),
        charset,
        ..Hints::default()
    };
    let origin = Origin::Url {
        url: url.to_string(),
        final_url: (final_url != url).then_some(final_url),
    };
    Ok(Document::new(origin, media, raw).with_hints(hints))
}
