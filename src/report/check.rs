//! The report of `tablica check`: for people, every problem as `build`
//! prints it (the load and model problems first, then each finding with
//! why it matters) and a summary line counting them all; for CI, one JSON
//! object per finding and a final summary object, with keys in a fixed
//! order.

use crate::base::diagnostic::{Diagnostic, Lang};
use crate::check::Finding;
use crate::report::diagnostics::{severity_name, JsonDiagnostic, TextRenderer};
use crate::report::plural_pl;
use serde::Serialize;
use std::path::Path;

/// Errors and warnings among the findings and the problems.
pub fn counts(findings: &[Finding], problems: &[Diagnostic]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.is_error()).count()
        + problems.iter().filter(|d| d.is_error()).count();
    (errors, findings.len() + problems.len() - errors)
}

/// The report as text: each finding as `build` prints it (the message, the
/// file:line:column, the source line with a caret, what to do) plus why it
/// matters to a resident, in file and line order, then the summary line.
pub fn text(
    findings: &[Finding],
    problems: &[Diagnostic],
    root: &Path,
    lang: Lang,
    color: bool,
) -> String {
    let mut renderer = TextRenderer::new(root, lang, color);
    let mut out = String::new();
    for d in problems {
        out.push_str(&renderer.render(d));
        out.push_str("\n\n");
    }
    for f in findings {
        out.push_str(&renderer.render_with_why(&f.to_diagnostic(), Some(f.rule.why.get(lang))));
        out.push_str("\n\n");
    }
    out.push_str(&summary(findings, problems, lang));
    out.push('\n');
    out
}

/// "Sprawdzono: 2 błędy, 1 ostrzeżenie w 2 plikach." and its English form.
pub fn summary(findings: &[Finding], problems: &[Diagnostic], lang: Lang) -> String {
    let (errors, warnings) = counts(findings, problems);
    let mut files: Vec<_> = problems
        .iter()
        .map(|d| &d.location.file)
        .chain(findings.iter().map(|f| &f.location.file))
        .collect();
    files.sort();
    files.dedup();
    let files = files.len();
    if errors + warnings == 0 {
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
pub fn json(findings: &[Finding], problems: &[Diagnostic], lang: Lang) -> String {
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
    let (errors, warnings) = counts(findings, problems);
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
