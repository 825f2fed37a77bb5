//! API errors: every error the server sends is JSON
//! `{"error": {"code": "…", "message": "…"}}` with a stable code.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The stable codes, one per kind of failure; clients match on them.
pub mod code {
    pub const BAD_JSON: &str = "bad_json";
    pub const BAD_QUERY: &str = "bad_query";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const BAD_HOST: &str = "bad_host";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const WRITES_DISABLED: &str = "writes_disabled";
    pub const NOT_FOUND: &str = "not_found";
    pub const NO_ROUTE: &str = "no_route";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const TOO_BUSY: &str = "too_busy";
    pub const TIMEOUT: &str = "timeout";
    pub const INTERNAL: &str = "internal";
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `bad_json`, `bad_query`, `bad_request`, `bad_host`,
    /// `unauthorized`, `writes_disabled`, `not_found`, `no_route`, `method_not_allowed`,
    /// `payload_too_large`, `unsupported_media_type`, `too_busy`, `timeout`, `internal`.
    pub code: String,
    /// For people; may change between versions.
    pub message: String,
}

/// An error on its way to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            code::NOT_FOUND,
            format!("no {what} with id {id:?}"),
        )
    }
    pub fn bad_query(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code::BAD_QUERY, message)
    }
    /// An internal failure: logged in full, the client gets a generic message.
    pub fn internal(error: &dyn std::fmt::Display) -> ApiError {
        eprintln!("recoupe serve: internal error: {error}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            code::INTERNAL,
            "internal error; the server log has the details",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<crate::source::SourceError> for ApiError {
    fn from(e: crate::source::SourceError) -> Self {
        ApiError::internal(&e)
    }
}
