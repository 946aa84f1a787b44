//! Where a command's words go: diagnostics to stderr as text (or to
//! stdout as JSON lines), summaries to stdout, nothing but errors with
//! `--quiet`, stage timings with `--verbose`; colour only on a terminal,
//! never with `NO_COLOR` or `--color never`.

use super::diagnostics::{json_line, JsonDiagnostic, TextRenderer};
use crate::base::diagnostic::{Diagnostic, Lang};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether stderr gets colour: on a terminal, unless NO_COLOR is set
    /// (any value, see no-color.org) or the terminal is dumb.
    pub fn for_stderr(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// The output of one command run.
pub struct Console {
    pub lang: Lang,
    pub format: Format,
    pub verbosity: Verbosity,
    color: bool,
    renderer: TextRenderer,
}

impl Console {
    pub fn new(
        root: &Path,
        lang: Lang,
        format: Format,
        verbosity: Verbosity,
        color: ColorChoice,
    ) -> Self {
        let color = color.for_stderr();
        Console {
            lang,
            format,
            verbosity,
            color,
            renderer: TextRenderer::new(root, lang, color),
        }
    }

    /// Whether diagnostics on stderr are in colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Prints diagnostics; with `--quiet` only errors.
    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let shown: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| self.verbosity != Verbosity::Quiet || d.is_error())
            .collect();
        // A closed pipe (`tablica build | head`) is no reason to stop.
        let _ = match self.format {
            Format::Json => {
                let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
                shown.iter().try_for_each(|diagnostic| {
                    let line = json_line(&JsonDiagnostic::of(diagnostic, self.lang));
                    write!(stdout, "{line}")
                })
            }
            Format::Text => self.write_text(&shown),
        };
    }

    /// Renders diagnostics on every core (a large site can have thousands
    /// of warnings), then writes them in order through one buffer.
    fn write_text(&self, shown: &[&Diagnostic]) -> std::io::Result<()> {
        let template = &self.renderer;
        let texts: Vec<String> = shown
            .par_chunks(64)
            .flat_map_iter(|chunk| {
                let mut renderer = template.fresh();
                chunk
                    .iter()
                    .map(|diagnostic| renderer.render(diagnostic))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
        texts
            .iter()
            .try_for_each(|text| writeln!(stderr, "{text}\n"))
    }

    /// A line for people (summaries); not with `--quiet` or in JSON mode.
    pub fn say(&self, text: &str) {
        if self.verbosity > Verbosity::Quiet && self.format == Format::Text {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
        }
    }

    /// A line only `--verbose` shows.
    pub fn detail(&self, text: &str) {
        if self.verbosity == Verbosity::Verbose && self.format == Format::Text {
            eprintln!("{text}");
        }
    }

    /// A line of the final failure message (text mode, even with --quiet).
    pub fn failure(&self, text: &str) {
        if self.format == Format::Text {
            eprintln!("{text}");
        }
    }

    /// The closing JSON object (JSON mode only).
    pub fn json(&self, value: &impl serde::Serialize) {
        if self.format == Format::Json {
            print!("{}", json_line(value));
        }
    }
}
