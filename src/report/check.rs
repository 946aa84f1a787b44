//! The report of `tablica check`: for people, findings grouped by file
//! with the offending text, why it matters and how to fix it, and a summary
//! line; for CI, one JSON object per finding and a final summary object,
//! with keys in a fixed order.

use crate::base::diagnostic::{Lang, Severity};
use crate::check::Finding;
use crate::report::diagnostics::{severity_name, JsonDiagnostic};
use crate::report::plural_pl;
use serde::Serialize;

/// Errors and warnings among the findings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    (errors, findings.len() - errors)
}

fn label(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Pl) => "błąd",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Pl) => "ostrzeżenie",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// The report as text, grouped by file, ending with the summary line.
pub fn text(findings: &[Finding], lang: Lang) -> String {
    let (why, fix, found) = match lang {
        Lang::Pl => ("dlaczego", "co zrobić", "tekst"),
        Lang::En => ("why", "what to do", "text"),
    };
    let mut out = String::new();
    let mut current = None;
    for f in findings {
        if current != Some(&f.location.file) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("{}\n", f.location.file.display()));
            current = Some(&f.location.file);
        }
        let place = match (f.location.line, f.location.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => format!("{l}"),
            _ => "-".to_string(),
        };
        out.push_str(&format!(
            "  {place}  {}: {} [{}]\n",
            label(f.severity, lang),
            f.rule.title.get(lang),
            f.rule.id
        ));
        if !f.text.is_empty() {
            out.push_str(&format!("      {found}: {}\n", quoted(&f.text, lang)));
        }
        out.push_str(&format!("      {why}: {}\n", f.rule.why.get(lang)));
        out.push_str(&format!("      {fix}: {}\n", f.hint().get(lang)));
    }
    if !findings.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(findings, lang));
    out.push('\n');
    out
}

fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Pl => format!("„{text}”"),
        Lang::En => format!("\"{text}\""),
    }
}

/// "Sprawdzono: 2 błędy, 1 ostrzeżenie w 2 plikach." and its English form.
pub fn summary(findings: &[Finding], lang: Lang) -> String {
    let (errors, warnings) = counts(findings);
    let mut files: Vec<_> = findings.iter().map(|f| &f.location.file).collect();
    files.dedup();
    let files = files.len();
    if findings.is_empty() {
        return match lang {
            Lang::Pl => "Wynik sprawdzenia: bez błędów i ostrzeżeń.".to_string(),
            Lang::En => "Check result: no errors and no warnings.".to_string(),
        };
    }
    match lang {
        Lang::Pl => format!(
            "Wynik sprawdzenia: {errors} {}, {warnings} {} w {files} {}.",
            plural_pl(errors, "błąd", "błędy", "błędów"),
            plural_pl(warnings, "ostrzeżenie", "ostrzeżenia", "ostrzeżeń"),
            if files == 1 { "pliku" } else { "plikach" },
        ),
        Lang::En => format!(
            "Check result: {errors} error{}, {warnings} warning{} in {files} file{}.",
            plural_en(errors),
            plural_en(warnings),
            plural_en(files),
        ),
    }
}

fn plural_en(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Serialize)]
struct JsonSummary {
    summary: Counts,
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
}

/// One JSON object per line for each finding, then `{"summary": …}`, in
/// the schema `build --format json` shares (see [`crate::report::diagnostics`]).
pub fn json(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let hint = f.hint();
        let record = JsonDiagnostic {
            file: f.location.file.to_string_lossy().replace('\\', "/"),
            line: f.location.line,
            column: f.location.column,
            severity: severity_name(f.severity),
            code: Some(f.rule.id),
            message: f.rule.title.get(lang),
            hint: Some(hint.get(lang)),
            text: Some(&f.text),
            why: Some(f.rule.why.get(lang)),
        };
        push_json(&mut out, &record);
    }
    let (errors, warnings) = counts(findings);
    push_json(
        &mut out,
        &JsonSummary {
            summary: Counts { errors, warnings },
        },
    );
    out
}

fn push_json(out: &mut String, value: &impl Serialize) {
    // Serialising plain structs of strings and numbers cannot fail.
    if let Ok(line) = serde_json::to_string(value) {
        out.push_str(&line);
        out.push('\n');
    }
}
