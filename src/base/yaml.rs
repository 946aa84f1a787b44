//! YAML errors explained: serde_yaml's messages (syntax, unknown and missing
//! keys, wrong kinds of value, unclosed lists and quotes) turned into
//! diagnostics in plain Polish and English, with the file position. Used
//! for config.yaml, front matter and translation files.

use crate::base::diagnostic::text;
use crate::base::diagnostic::{nearest, Diagnostic, Location, Text};
use std::path::Path;

/// Turns a serde_yaml error into a diagnostic with its position; an unknown
/// key gets the nearest of the keys serde lists as allowed there (or of
/// `known`, when serde lists none) as a suggestion.
pub fn yaml_error(path: &Path, error: &serde_yaml::Error, known: &[&str]) -> Diagnostic {
    yaml_error_at(path, error, known, 0)
}

/// Like [`yaml_error`] for YAML that starts `line_offset` lines into the file.
pub fn yaml_error_at(
    path: &Path,
    error: &serde_yaml::Error,
    known: &[&str],
    line_offset: usize,
) -> Diagnostic {
    let location = match error.location() {
        Some(l) => Location::at(path, l.line() + line_offset, l.column()),
        None => Location::line(path, line_offset.max(1)),
    };
    let detail = error.to_string();
    let detail = detail
        .split(" at line ")
        .next()
        .unwrap_or(&detail)
        .to_string();
    // The most specific explanation first; plain syntax last.
    if let Some(key) = unknown_field(&detail) {
        return unknown_key_error(location, key, &detail, known);
    }
    if let Some(key) = missing_field(&detail) {
        return missing_key_error(location, key);
    }
    if let Some(d) = type_error(&location, &detail) {
        return d;
    }
    if let Some((construct, line, column)) = unclosed_construct(&error.to_string()) {
        return unclosed_error(path, construct, line + line_offset, column, &detail);
    }
    syntax_error(location, &detail)
}

/// An unknown key, with the nearest allowed one as a suggestion, or the
/// list of allowed keys when none is near.
fn unknown_key_error(location: Location, key: &str, detail: &str, known: &[&str]) -> Diagnostic {
    let expected = expected_fields(detail);
    let known: &[&str] = if expected.is_empty() {
        known
    } else {
        &expected
    };
    let d = Diagnostic::error(
        location,
        text!("nieznany klucz „{key}”", "unknown key `{key}`"),
    );
    match nearest(key, known) {
        Some(near) => d.with_hint(text!("czy chodziło o „{near}”?", "did you mean `{near}`?")),
        None => d.with_hint(Text::new(
            format!("usuń ten klucz; dozwolone: {}", known.join(", ")),
            format!("remove this key; allowed: {}", known.join(", ")),
        )),
    }
}

fn missing_key_error(location: Location, key: &str) -> Diagnostic {
    Diagnostic::error(
        location,
        text!(
            "brakuje wymaganego klucza „{key}”",
            "the required key `{key}` is missing"
        ),
    )
    .with_hint(text!("dodaj linię {key}: …", "add a line {key}: …"))
}

/// A list or quote left open, pointed at where it was opened (`line`, in
/// the file) rather than where the parser gave up.
fn unclosed_error(
    path: &Path,
    construct: &str,
    line: usize,
    column: usize,
    detail: &str,
) -> Diagnostic {
    let (pl, en, hint_pl, hint_en) = match construct {
        "flow sequence" => (
            format!("lista otwarta nawiasem [ w linii {line} nie jest zamknięta"),
            format!("the list opened with [ on line {line} is not closed"),
            "zamknij listę nawiasem ] na końcu tej linii, np. tags: [strategia, konsultacje]",
            "close the list with ] at the end of that line, e.g. tags: [strategia, konsultacje]",
        ),
        "quoted scalar" => (
            format!("cudzysłów otwarty w linii {line} nie jest zamknięty"),
            format!("the quote opened on line {line} is not closed"),
            "dodaj zamykający cudzysłów \" na końcu tekstu",
            "add the closing quote \" at the end of the text",
        ),
        _ => (
            format!("błąd w zapisie YAML zaczyna się w linii {line}: {detail}"),
            format!("YAML syntax error starting on line {line}: {detail}"),
            "sprawdź wcięcia, dwukropki, nawiasy i cudzysłowy w tej linii",
            "check indentation, colons, brackets and quotes on that line",
        ),
    };
    Diagnostic::error(Location::at(path, line, column), Text::new(pl, en))
        .with_hint(Text::new(hint_pl, hint_en))
}

/// Any other syntax error, with the usual culprits as the hint.
fn syntax_error(location: Location, detail: &str) -> Diagnostic {
    Diagnostic::error(
        location,
        text!("błąd w zapisie YAML: {detail}", "YAML syntax error: {detail}"),
    )
    .with_hint(Text::new(
        "sprawdź wcięcia (spacje, nie tabulatory), dwukropki i cudzysłowy; tekst z dwukropkiem ujmij w cudzysłów",
        "check indentation (spaces, not tabs), colons and quotes; put text containing a colon in quotes",
    ))
}

/// A value of the wrong kind: explained in words, with an example.
fn type_error(location: &Location, detail: &str) -> Option<Diagnostic> {
    if let Some(rest) = detail.split("unknown variant `").nth(1) {
        let value = rest.split('`').next().unwrap_or(rest);
        let allowed = expected_fields(detail).join(", ");
        return Some(
            Diagnostic::error(
                location.clone(),
                text!(
                    "niedozwolona wartość „{value}”",
                    "the value `{value}` is not allowed"
                ),
            )
            .with_hint(text!(
                "wpisz jedną z wartości: {allowed}",
                "use one of: {allowed}"
            )),
        );
    }
    let (pl, en) = if detail.contains("expected a sequence") {
        (
            "tu potrzebna jest lista, np. [strategia, konsultacje]",
            "a list is needed here, e.g. [strategia, konsultacje]",
        )
    } else if detail.contains("expected a boolean") {
        (
            "tu potrzebne jest true albo false",
            "true or false is needed here",
        )
    } else if detail.contains("expected a string") {
        (
            "tu potrzebny jest tekst; ujmij go w cudzysłów",
            "text is needed here; put it in quotes",
        )
    } else if detail.contains("expected usize") || detail.contains("expected u64") {
        (
            "tu potrzebna jest liczba, np. 10",
            "a number is needed here, e.g. 10",
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::error(
            location.clone(),
            text!(
                "zły rodzaj wartości: {detail}",
                "wrong kind of value: {detail}"
            ),
        )
        .with_hint(Text::new(pl, en)),
    )
}

/// What YAML construct was left open (`flow sequence`, `quoted scalar`, …)
/// and the line (within the YAML) and column where it started.
fn unclosed_construct(message: &str) -> Option<(&str, usize, usize)> {
    let rest = message
        .split(", while parsing a ")
        .nth(1)
        .or_else(|| message.split(", while scanning a ").nth(1))?;
    let (construct, position) = rest.split_once(" at line ")?;
    let mut words = position.split(' ');
    let line = words.next()?.parse().ok()?;
    let column = match (words.next(), words.next()) {
        (Some("column"), Some(c)) => c
            .trim_end_matches(|ch: char| !ch.is_ascii_digit())
            .parse()
            .ok()?,
        _ => 1,
    };
    Some((construct, line, column))
}

fn unknown_field(detail: &str) -> Option<&str> {
    let rest = detail.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// The keys serde says are allowed at that place ("expected one of `a`, `b`").
fn expected_fields(detail: &str) -> Vec<&str> {
    detail
        .split("expected one of ")
        .nth(1)
        .or_else(|| detail.split("expected ").nth(1))
        .map(|list| {
            list.split(", ")
                .map(|k| k.trim_matches('`'))
                .filter(|k| !k.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn missing_field(detail: &str) -> Option<&str> {
    let rest = detail.split("missing field `").nth(1)?;
    rest.split('`').next()
}
