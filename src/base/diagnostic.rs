//! Diagnostics: the one error type for everything a user can cause.
//!
//! A [`Diagnostic`] names the file, the line and column where known, says what
//! is wrong and what to do about it. Every text exists in Polish (the default,
//! for clerks) and English (`--lang en`), so the message is chosen only when it
//! is printed.

use std::fmt;
use std::path::{Path, PathBuf};

/// A language Tablica speaks: of the messages shown to the person running it,
/// and of a site's interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Pl,
    En,
}

/// A piece of user-facing text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub pl: String,
    pub en: String,
}

impl Lang {
    /// The BCP 47 code used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }
}

impl Text {
    pub fn new(pl: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            pl: pl.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Pl => &self.pl,
            Lang::En => &self.en,
        }
    }
}

/// A file-system error told in Polish: the operating system's own text is
/// in the language of the system (usually English), so the Polish message
/// names the reason from its kind; the English message keeps the system's.
pub fn io_message(pl: &str, en: &str, error: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let reason = match error.kind() {
        K::NotFound => "nie ma takiego pliku ani folderu",
        K::PermissionDenied => "brak uprawnień",
        K::AlreadyExists => "taki plik już istnieje",
        K::InvalidData => "zawartość nie jest tekstem w kodowaniu UTF-8",
        K::StorageFull => "dysk jest pełny",
        K::ReadOnlyFilesystem => "dysk jest tylko do odczytu",
        K::IsADirectory => "to jest folder, nie plik",
        K::NotADirectory => "to jest plik, nie folder",
        K::DirectoryNotEmpty => "folder nie jest pusty",
        K::TimedOut => "upłynął czas oczekiwania",
        K::Interrupted => "przerwano",
        K::UnexpectedEof => "plik się urywa",
        K::OutOfMemory => "zabrakło pamięci",
        _ => "błąd systemu plików",
    };
    Text::new(format!("{pl}: {reason}"), format!("{en}: {error}"))
}

/// Builds a [`Text`] from two format strings sharing the same arguments in scope.
macro_rules! text {
    ($pl:literal, $en:literal $(,)?) => {
        $crate::base::diagnostic::Text::new(format!($pl), format!($en))
    };
}
// Imported by path like any other item (`use crate::base::diagnostic::text`),
// not exported at the crate root.
pub(crate) use text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where in a source file something is; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }

    pub fn line(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem found in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: Text,
    pub hint: Option<Text>,
    /// A stable id for tools: a check rule's id, or [`IO`] for a failure
    /// to read or write files.
    pub code: Option<&'static str>,
}

/// The code of a file system failure (disk full, no permission).
pub const IO: &str = "io";
/// The code of a network failure (a server that does not answer).
pub const NETWORK: &str = "network";
/// The code of a command that cannot start where it was asked to (no
/// config.yaml in the folder).
pub const USAGE: &str = "usage";

/// How a command ended, as its exit code says: 0 all well, 1 errors in the
/// content or configuration, 2 a wrong command line (clap's own code),
/// 3 a file system or network failure.
pub fn exit_code(diagnostics: &[Diagnostic]) -> u8 {
    let errors = || diagnostics.iter().filter(|d| d.is_error());
    if errors().any(|d| matches!(d.code, Some(IO | NETWORK))) {
        3
    } else if errors().any(|d| d.code == Some(USAGE)) {
        2
    } else if errors().next().is_some() {
        1
    } else {
        0
    }
}

impl Diagnostic {
    pub fn error(location: Location, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message,
            hint: None,
            code: None,
        }
    }

    pub fn warning(location: Location, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message,
            hint: None,
            code: None,
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Shows the file path relative to `root` when it lies inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(relative) = self.location.file.strip_prefix(root) {
            self.location.file = relative.to_path_buf();
        }
        self
    }
}

/// Sorts diagnostics by file, line and column so reports are deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    use rayon::slice::ParallelSliceMut;
    // A large archive has thousands of warnings, and comparing paths is slow.
    diagnostics.par_sort_by(|a, b| {
        (&a.location, a.severity, &a.message.en).cmp(&(&b.location, b.severity, &b.message.en))
    });
}

/// 1-based line and column (in characters) of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&word, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: like Levenshtein, but swapping two
/// neighbouring letters ("titel") costs one edit, as it is one typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = "ąę\nżółw x";
        assert_eq!(line_col(source, 0), (1, 1));
        let x = source.find('x').unwrap();
        assert_eq!(line_col(source, x), (2, 6));
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let known = ["title", "date", "summary", "tags"];
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("tytul", &known), None);
        assert_eq!(nearest("Tags", &known), Some("tags"));
    }
}
