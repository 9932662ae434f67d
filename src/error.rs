//! citynet's error type and its exit codes.

use crate::model::Diagnostics;
use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors (each one is in the diagnostics, already printed).
    #[error("the input has {count} error(s); nothing was written")]
    BadInput {
        count: usize,
        diagnostics: Diagnostics,
    },
    /// `validate`: rows that the other commands would leave out (each one already printed).
    #[error("{0} row(s) or cell(s) would be rejected; every row must be usable to pass")]
    Rejected(usize),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Graphviz failed or is missing.
    #[error("Graphviz: {0}")]
    Graphviz(String),
    /// A bug or an unexpected condition.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    /// The documented exit code: 2 for bad input or usage, 1 for internal failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BadInput { .. } | Error::Rejected(_) | Error::Usage(_) => 2,
            Error::Io { .. } | Error::Graphviz(_) | Error::Internal(_) => 1,
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// citynet's result type.
pub type Result<T> = std::result::Result<T, Error>;
