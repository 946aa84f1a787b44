//! How diagnostics reach a person or a tool. For people, like cargo: the
//! message, the file:line:column, the offending source line with a caret
//! under the place, and what to do, in colour on a terminal only (rendered
//! with annotate-snippets). For tools, one JSON object per line with a
//! stable schema shared by `build` and `check`:
//! `{"file","line","column","severity","code","message","hint"}` (check adds
//! `"text"` and `"why"`), then one `{"summary":{…}}` object.

use crate::base::diagnostic::{Diagnostic, Lang, Severity};
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Renders diagnostics as text, reading each source file once.
pub struct TextRenderer {
    root: PathBuf,
    lang: Lang,
    color: bool,
    sources: HashMap<PathBuf, Option<String>>,
}

impl TextRenderer {
    /// `root` is the folder the diagnostics' relative paths start from.
    pub fn new(root: &Path, lang: Lang, color: bool) -> Self {
        TextRenderer {
            root: root.to_path_buf(),
            lang,
            color,
            sources: HashMap::new(),
        }
    }

    /// A renderer with the same settings and no files read yet, for
    /// another thread.
    pub fn fresh(&self) -> Self {
        TextRenderer::new(&self.root, self.lang, self.color)
    }

    pub fn render(&mut self, diagnostic: &Diagnostic) -> String {
        self.render_with_why(diagnostic, None)
    }

    /// Like [`TextRenderer::render`], with a line saying why the problem
    /// matters (`tablica check` explains each finding).
    pub fn render_with_why(&mut self, diagnostic: &Diagnostic, why: Option<&str>) -> String {
        let lang = self.lang;
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR.with_name(Some(label(Severity::Error, lang))),
            Severity::Warning => Level::WARNING.with_name(Some(label(Severity::Warning, lang))),
        };
        let title = diagnostic.message.get(lang);
        let mut title = level.primary_title(title);
        if let Some(code) = diagnostic.code {
            title = title.id(code);
        }
        let path = diagnostic
            .location
            .file
            .to_string_lossy()
            .replace('\\', "/");
        let line = diagnostic.location.line;
        let source_line = line.and_then(|l| self.source_line(&diagnostic.location.file, l));
        let mut group = match (line, source_line) {
            (Some(number), Some(text)) => {
                let span = caret_span(&text, diagnostic.location.column);
                title.element(
                    Snippet::source(text)
                        .line_start(number)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            _ => {
                let mut origin = Origin::path(path);
                if let Some(number) = line {
                    origin = origin.line(number);
                    if let Some(column) = diagnostic.location.column {
                        origin = origin.char_column(column);
                    }
                }
                title.element(origin)
            }
        };
        if let Some(why) = why {
            let name = match lang {
                Lang::Pl => "dlaczego",
                Lang::En => "why",
            };
            group = group.element(Level::NOTE.with_name(Some(name)).message(why.to_string()));
        }
        if let Some(hint) = &diagnostic.hint {
            let name = match lang {
                Lang::Pl => "co zrobić",
                Lang::En => "what to do",
            };
            group = group.element(
                Level::HELP
                    .with_name(Some(name))
                    .message(hint.get(lang).to_string()),
            );
        }
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// Line `number` of the file, if it can be read as text.
    fn source_line(&mut self, file: &Path, number: usize) -> Option<String> {
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            self.root.join(file)
        };
        let source = self
            .sources
            .entry(path.clone())
            .or_insert_with(|| std::fs::read_to_string(&path).ok());
        let line = source.as_ref()?.lines().nth(number.checked_sub(1)?)?;
        Some(line.trim_end_matches('\r').to_string())
    }
}

/// `błąd` / `error`, `ostrzeżenie` / `warning`.
pub fn label(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Pl) => "błąd",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Pl) => "ostrzeżenie",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// The bytes of `line` to underline: from the column to the end of the
/// word there (at least one character; the line's end when past it).
fn caret_span(line: &str, column: Option<usize>) -> std::ops::Range<usize> {
    let Some(column) = column else {
        let start = line.len() - line.trim_start().len();
        return start..line.len().max(start);
    };
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    // A Markdown link or image: underline it whole, `![alt](file)`.
    if rest.starts_with("![") || rest.starts_with('[') {
        if let Some(close) = rest
            .find("](")
            .and_then(|i| rest[i..].find(')').map(|j| i + j))
        {
            return start..start + close + 1;
        }
    }
    let mut end = start;
    for (i, c) in rest.char_indices() {
        let stop = c.is_whitespace() || (i > 0 && matches!(c, ',' | ':' | ']' | ')' | '"'));
        if stop {
            break;
        }
        end = start + i + c.len_utf8();
    }
    start..end
}

/// One diagnostic in the JSON schema (see the module comment).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: &'static str,
    pub code: Option<&'a str>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    /// For check findings: the offending text as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    /// For check findings: why it matters to a resident.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn of(diagnostic: &'a Diagnostic, lang: Lang) -> Self {
        JsonDiagnostic {
            file: diagnostic
                .location
                .file
                .to_string_lossy()
                .replace('\\', "/"),
            line: diagnostic.location.line,
            column: diagnostic.location.column,
            severity: severity_name(diagnostic.severity),
            code: diagnostic.code,
            message: diagnostic.message.get(lang),
            hint: diagnostic.hint.as_ref().map(|h| h.get(lang)),
            text: None,
            why: None,
        }
    }
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One line of JSON.
pub fn json_line(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers always serialise.
    let mut line = serde_json::to_string(value).unwrap_or_default();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_covers_the_word_at_the_column() {
        let line = "date: 31.02.2021";
        assert_eq!(&line[caret_span(line, Some(7))], "31.02.2021");
        assert_eq!(&line[caret_span(line, Some(1))], "date");
        assert_eq!(caret_span(line, Some(40)), line.len()..line.len());
        let image = "Zdjęcie: ![](sala.png) i dalej";
        assert_eq!(&image[caret_span(image, Some(10))], "![](sala.png)");
        let polish = "tytuł: Żółw";
        assert_eq!(&polish[caret_span(polish, Some(8))], "Żółw");
    }
}
