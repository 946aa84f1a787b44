//! Reading Word documents (.docx) for `tablica import`: the zip package and
//! its XML parts are read directly (zip, quick-xml), with no converter run
//! at run time. The result is a list of Markdown [`Block`]s, the footnotes,
//! the images to put into the page bundle, and [`Notes`] on what could not
//! be converted.

mod convert;
pub mod notes;
mod package;
mod styles;
pub mod xml;

use crate::base::diagnostic::Diagnostic;
pub use notes::{Note, Notes};
// Shared with `paste`, so pasting from Word writes what importing writes.
pub(crate) use convert::{
    heading, plain_lines, strip_typed_bullet, table_markdown, typed_bullet, without_bookmark_text,
};
use std::path::Path;

/// One block of the converted document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        /// Written in Word's `Title` style rather than a heading style.
        title_style: bool,
        markdown: String,
        plain: String,
    },
    Paragraph {
        markdown: String,
        /// The plain text, split at manual line breaks.
        lines: Vec<String>,
    },
    ListItem {
        /// Word's list id: items of one list are written without blank lines.
        list: String,
        level: usize,
        marker: ListMarker,
        markdown: String,
    },
    Table {
        markdown: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    Number(u32),
}

/// An image of the document, named for the page bundle (`obraz-1.png`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A converted document.
#[derive(Debug, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes in the order of their references: `[^1]`, `[^2]`…
    pub footnotes: Vec<String>,
    pub images: Vec<ImageFile>,
    pub notes: Notes,
}

/// Reads and converts the Word document at `path`.
pub fn convert(path: &Path) -> Result<Converted, Diagnostic> {
    let mut package = package::Package::open(path)?;
    convert::Converter::new(&mut package)?.convert()
}

/// The Markdown of blocks and footnotes, headings moved by `heading_shift`
/// levels (kept between 2 and 6: the page title is the only level 1).
pub fn render(blocks: &[Block], footnotes: &[String], heading_shift: i8) -> String {
    let mut out = String::new();
    let mut indents: Vec<usize> = Vec::new();
    let mut previous_list: Option<&str> = None;
    for block in blocks {
        let list = match block {
            Block::ListItem { list, .. } => Some(list.as_str()),
            _ => None,
        };
        let same_list = list.is_some() && list == previous_list;
        if !out.is_empty() {
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        if !same_list {
            indents.clear();
        }
        previous_list = list;
        match block {
            Block::Heading {
                level, markdown, ..
            } => {
                let level = (i16::from(*level) + i16::from(heading_shift)).clamp(2, 6);
                out.push_str(&format!("{} {markdown}", "#".repeat(level as usize)));
            }
            Block::Paragraph { markdown, .. } | Block::Table { markdown } => {
                out.push_str(markdown);
            }
            Block::ListItem {
                level,
                marker,
                markdown,
                ..
            } => out.push_str(&list_item(&mut indents, *level, *marker, markdown)),
        }
    }
    if !footnotes.is_empty() {
        out.push_str("\n\n");
        let notes: Vec<String> = footnotes
            .iter()
            .enumerate()
            .map(|(i, text)| format!("[^{}]: {text}", i + 1))
            .collect();
        out.push_str(&notes.join("\n"));
    }
    out
}

/// A list item indented under its parent's text, as Markdown nests lists.
fn list_item(indents: &mut Vec<usize>, level: usize, marker: ListMarker, text: &str) -> String {
    let level = level.min(indents.len());
    indents.truncate(level);
    let indent = indents.last().copied().unwrap_or(0);
    let marker = match marker {
        ListMarker::Bullet => "- ".to_string(),
        ListMarker::Number(n) => format!("{n}. "),
    };
    indents.push(indent + marker.len());
    format!("{}{marker}{text}", " ".repeat(indent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(level: usize, marker: ListMarker, text: &str) -> Block {
        Block::ListItem {
            list: "1".into(),
            level,
            marker,
            markdown: text.into(),
        }
    }

    #[test]
    fn nested_lists_are_indented_under_their_parent_text() {
        let blocks = [
            item(0, ListMarker::Number(1), "Cele"),
            item(1, ListMarker::Bullet, "strategia"),
            item(1, ListMarker::Bullet, "projekty"),
            item(0, ListMarker::Number(10), "Dalej"),
            item(1, ListMarker::Bullet, "wnioski"),
        ];
        assert_eq!(
            render(&blocks, &[], 0),
            "1. Cele\n   - strategia\n   - projekty\n10. Dalej\n    - wnioski"
        );
    }

    #[test]
    fn headings_stay_between_levels_two_and_six() {
        let heading = |level| Block::Heading {
            level,
            title_style: false,
            markdown: "A".into(),
            plain: "A".into(),
        };
        assert_eq!(render(&[heading(1), heading(2)], &[], 1), "## A\n\n### A");
        assert_eq!(
            render(&[heading(6)], &["przypis".into()], 1),
            "###### A\n\n[^1]: przypis"
        );
    }
}
