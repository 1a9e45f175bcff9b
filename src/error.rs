//! Errors with the context a user needs to fix the input: file, line, field.

use std::fmt;
use std::path::PathBuf;

/// A place in a lexicon file: path and 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The file, as given by the caller (or `<memory>` for in-memory records).
    pub path: PathBuf,
    /// 1-based line number of the record.
    pub line: u64,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("{path}: {error}", path = path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error (shown in the message, so not a `source`).
        error: std::io::Error,
    },
    /// A directory was given where a file was expected.
    #[error("{path}: is a directory, expected a file", path = path.display())]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// A lexicon file has no usable header row.
    #[error("{path}:1: header: {message}", path = path.display())]
    BadHeader {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// One record of a lexicon file is malformed.
    #[error("{loc}: field `{field}`: {message}")]
    BadRecord {
        /// Where the record is.
        loc: Loc,
        /// The column name (or `record` for the row as a whole).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Two places give one ID different canonical names, types, priors or
    /// countries.
    #[error(
        "{second}: field `{field}`: ID `{}` has `{}` here but `{}` at {first}",
        shown(id),
        shown(second_value),
        shown(first_value)
    )]
    Conflict {
        /// The entity ID.
        id: String,
        /// Which attribute conflicts (`canonical`, `type`, `prior`, `country`).
        field: &'static str,
        /// Where the first value was given.
        first: Loc,
        /// The first value.
        first_value: String,
        /// Where the conflicting value was given.
        second: Loc,
        /// The conflicting value.
        second_value: String,
    },
    /// An index file is not a canonym index.
    #[error("{path}: not a canonym index (bad magic bytes)", path = path.display())]
    BadMagic {
        /// The file.
        path: PathBuf,
    },
    /// An index file has a format version this build cannot read.
    #[error("{path}: index format version {found} is not supported (this build reads version {supported}); rebuild it with `canonym build`", path = path.display())]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// An index file is truncated or internally inconsistent.
    #[error("{path}: corrupt index: {what}", path = path.display())]
    CorruptIndex {
        /// The file.
        path: PathBuf,
        /// What check failed (section and detail).
        what: String,
    },
    /// Annotated text that `annotate` cannot have produced.
    #[error("annotated text, byte {offset}: {message}")]
    BadAnnotation {
        /// Byte offset of the problem in the annotated text.
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// Building the fst failed (keys out of order cannot happen; this is I/O).
    #[error("building the key automaton: {0}")]
    Fst(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }
}

/// `s` for an error message: at most [`SHOWN_CHARS`] characters, the rest
/// replaced by `…` (a 10 MB field must not become a 10 MB message).
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(SHOWN_CHARS) {
        None => s.into(),
        Some((cut, _)) => format!("{}…", &s[..cut]).into(),
    }
}

/// How many characters of a value an error message quotes.
pub const SHOWN_CHARS: usize = 80;

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
