//! Where a command's words go: diagnostics to stderr as text (or to
//! stdout as JSON lines), summaries to stdout, nothing but errors with
//! `--quiet`, stage timings with `--verbose`; colour only on a terminal,
//! never with `NO_COLOR` or `--color never`.

use super::diagnostics::{json_line, JsonDiagnostic, TextRenderer};
use crate::base::diagnostic::{Diagnostic, Lang};
use std::cell::RefCell;
use std::io::IsTerminal;
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
    renderer: RefCell<TextRenderer>,
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
            renderer: RefCell::new(TextRenderer::new(root, lang, color)),
        }
    }

    /// Whether diagnostics on stderr are in colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Prints diagnostics; with `--quiet` only errors.
    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            if self.verbosity == Verbosity::Quiet && !diagnostic.is_error() {
                continue;
            }
            match self.format {
                Format::Json => print!("{}", json_line(&JsonDiagnostic::of(diagnostic, self.lang))),
                Format::Text => {
                    let text = self.renderer.borrow_mut().render(diagnostic);
                    eprintln!("{text}\n");
                }
            }
        }
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
