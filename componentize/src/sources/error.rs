//! Why the sources could not be loaded, each problem at its `file:line:col`.

use std::fmt;
use std::path::{Path, PathBuf};

use oxc_diagnostics::OxcDiagnostic;

/// A place in a source file. `line` and `col` count from 1; `col` counts characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file: the entry's directory as given, joined with the path from there (`..` resolved).
    pub file: PathBuf,
    pub line: u32,
    pub col: u32,
}

impl Location {
    /// The place of byte `offset` of `text` (clamped to the text, and to a character start).
    pub(super) fn at(file: &Path, text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let line = before.matches('\n').count() + 1;
        let col = before[line_start..].chars().count() + 1;
        let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { file: file.to_path_buf(), line: saturate(line), col: saturate(col) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// One problem the parser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: Location,
    pub message: String,
}

/// Why [`load`](super::load) failed.
#[derive(Debug)]
pub enum SourceError {
    /// A file exists but could not be read.
    Read { file: PathBuf, error: std::io::Error },
    /// A file is not UTF-8; `at` is where its first invalid byte is.
    NotUtf8 { at: Location },
    /// A file's brackets nest deeper than `limit`; `at` is where they get deeper.
    TooDeep { at: Location, limit: usize },
    /// A module does not parse, or breaks an early-error rule (a `let` declared twice, ...).
    Syntax(Vec<SyntaxError>),
    /// TypeScript that strip-only mode cannot erase, as it would need code generated: `enum`,
    /// a namespace with values, a parameter property, `import x = require()`, a decorator.
    UnsupportedTypeScript { at: Location, construct: &'static str },
    /// A relative import whose file is not there.
    MissingModule { at: Location, specifier: String, tried: Vec<PathBuf> },
    /// An import that is neither relative nor a WIT interface.
    BareImport { at: Location, specifier: String },
}

impl SourceError {
    /// The parser's errors in `text`, each at the start of its first label.
    pub(super) fn syntax<'d>(
        file: &Path,
        text: &str,
        diagnostics: impl IntoIterator<Item = &'d OxcDiagnostic>,
    ) -> Self {
        let errors = diagnostics.into_iter().map(|diagnostic| {
            let label = diagnostic.labels.iter().find(|label| label.primary()).or(diagnostic.labels.first());
            let offset = label.map_or(0, |label| label.offset() as usize);
            SyntaxError { at: Location::at(file, text, offset), message: diagnostic.message.to_string() }
        });
        Self::Syntax(errors.collect())
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { file, error } => write!(f, "cannot read {}: {error}", file.display()),
            Self::NotUtf8 { at } => write!(f, "{at}: the file is not UTF-8 text"),
            Self::TooDeep { at, limit } => {
                write!(f, "{at}: the code nests more than {limit} levels deep here (brackets, braces, parentheses)")
            }
            Self::Syntax(errors) => {
                for (i, error) in errors.iter().enumerate() {
                    let separator = if i == 0 { "" } else { "\n" };
                    write!(f, "{separator}{}: {}", error.at, error.message)?;
                }
                Ok(())
            }
            Self::UnsupportedTypeScript { at, construct } => {
                write!(f, "{at}: TypeScript {construct} is not supported: only erasable syntax is (strip-only mode)")
            }
            Self::MissingModule { at, specifier, tried } => {
                write!(f, "{at}: cannot find module '{specifier}': no file at ")?;
                for (i, path) in tried.iter().enumerate() {
                    let separator = if i == 0 { "" } else { " or " };
                    write!(f, "{separator}{}", path.display())?;
                }
                Ok(())
            }
            Self::BareImport { at, specifier } => write!(
                f,
                "{at}: cannot import '{specifier}': only relative modules and WIT interfaces (ns:pkg/iface) \
                 can be imported; bundle npm packages first"
            ),
        }
    }
}

impl std::error::Error for SourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { error, .. } => Some(error),
            _ => None,
        }
    }
}
