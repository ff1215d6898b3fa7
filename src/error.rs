//! The crate's one error type. Every message says what was expected and where, so that a user who drops a broken
//! list file onto the page learns which file, line or element is wrong.

use std::fmt;

/// What went wrong, in a form a program can branch on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A list file could not be parsed (malformed, truncated, wrong encoding, binary junk).
    ListFormat,
    /// The file's format could not be recognised, or the requested format does not fit the content.
    UnknownFormat,
    /// An argument from the caller (config, order object, list id) is not acceptable.
    InvalidInput,
    /// Something that needs a loaded list found none with that id.
    NotFound,
    /// An input is larger than the configured bound.
    TooLarge,
    /// An embedded data file (demo list, catalogue, rules) does not parse: a bug caught by tests.
    Data,
}

/// An error with a message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into() }
    }
    pub fn list_format(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ListFormat, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The same error with a prefix naming where it happened (a file name, an entry).
    pub fn context(self, prefix: impl fmt::Display) -> Self {
        Error { kind: self.kind, message: format!("{prefix}: {}", self.message) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
