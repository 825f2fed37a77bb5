//! Errors of the analyser. Analysis itself never fails on input; only
//! resources (a user's extended entity table) can be invalid.

use thiserror::Error;

/// A language resource could not be read.
#[derive(Debug, Error)]
pub enum ResourceError {
    #[error("invalid resource file {file}: {message}")]
    Parse { file: String, message: String },
}

/// Errors while reading an evaluation corpus.
#[derive(Debug, Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format { path: String, line: usize, message: String },
}
