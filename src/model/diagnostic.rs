//! Problems found in inputs, each naming its file, line, column and offending value.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Accepted, but the user should know (duplicate rows, merged names...).
    Warning,
    /// The input cannot be analysed as it is.
    Error,
}

/// One problem in one place of one input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line number in the file (the header is line 1), when the problem has one.
    pub line: Option<u64>,
    /// Column name as written in the header, when the problem is in one cell.
    pub column: Option<String>,
    /// The offending value, as read.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A problem in a file as a whole.
    pub fn new(severity: Severity, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    /// Shorthand for an error.
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    /// Shorthand for a warning.
    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, message)
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the column name.
    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Sets the offending value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: memberships.csv:12: column 'weight': value "abc": expected a number ≥ 0`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", printable(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(col) = &self.column {
            write!(f, " column '{}':", printable(col))?;
        }
        if let Some(v) = &self.value {
            let shown: String = v.chars().take(80).collect();
            let ellipsis = if v.chars().count() > 80 { "…" } else { "" };
            write!(
                f,
                " value \"{}\"{ellipsis}:",
                printable(&shown).replace('"', "\\\"")
            )?;
        }
        write!(f, " {}", printable(&self.message))
    }
}

/// `s` safe to print on a terminal: control characters (escape sequences) and bidirectional
/// overrides (which make text read backwards) are shown as `\u{..}` escapes.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if bad(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Diagnostics collected while reading an input; errors and warnings together, in file order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.is_error())
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_escapes_terminal_controls() {
        let d = Diagnostic::error(Path::new("m.csv"), "unknown city \u{1b}[31mred")
            .at_line(3)
            .in_column("city")
            .with_value("x\u{202E}y\"z");
        assert_eq!(
            d.to_string(),
            "error: m.csv:3: column 'city': value \"x\\u{202e}y\\\"z\": unknown city \\u{1b}[31mred"
        );
    }
}
