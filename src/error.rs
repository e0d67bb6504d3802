//! Fatal errors: the ones that stop a run. Per-record problems are not errors; they become
//! [`crate::record::Reject`]s and go to the rejects file.

use std::fmt;

/// What kind of failure stopped the run; each maps to a documented exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FatalKind {
    /// The command line asks for something calque refuses to do (e.g. write over an input).
    Usage,
    /// An input could not be opened or read, or a named column does not exist.
    Input,
    /// A campaign rule file, outlet list or IOC feed is invalid.
    Rules,
    /// The configuration file is invalid.
    Config,
    /// The report, rejects or summary could not be written.
    Output,
    /// A self-test failed (`calque rules test`).
    TestFailed,
}

impl FatalKind {
    /// Exit code documented in the README and `calque --help`.
    pub fn exit_code(self) -> i32 {
        match self {
            FatalKind::Usage => 2,
            FatalKind::Input => 3,
            FatalKind::Rules => 4,
            FatalKind::Config => 5,
            FatalKind::Output => 6,
            FatalKind::TestFailed => 7,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Fatal {
    pub kind: FatalKind,
    pub message: String,
}

impl Fatal {
    pub fn new(kind: FatalKind, message: impl Into<String>) -> Self {
        Fatal {
            kind,
            message: message.into(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(FatalKind::Usage, message)
    }
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(FatalKind::Input, message)
    }
    pub fn rules(message: impl Into<String>) -> Self {
        Self::new(FatalKind::Rules, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(FatalKind::Config, message)
    }
    pub fn output(message: impl Into<String>) -> Self {
        Self::new(FatalKind::Output, message)
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fatal {}

pub type Result<T> = std::result::Result<T, Fatal>;

/// Line (1-based) and column (1-based, in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
