//! `tablica import`: a Word document becomes an announcement. The first
//! heading is proposed as the title, a date line ("Data publikacji: …") as
//! the date, a closing "W imieniu …" paragraph as the signature and an
//! "Źródło: …" line as the source; images go into the page bundle. The page
//! and its folder are written only when everything succeeded.

use super::date_line::{date_line, DateLineKind};
use super::docx::{self, Block, ImageFile, Note, Notes};
use super::template::{front_matter, Draft};
use super::{find_site, page_path, section_dir, write_new_file, Created};
use crate::base::date::PageDate;
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// What `tablica import` was asked for.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub site: String,
    pub section: String,
    /// The Word document.
    pub file: PathBuf,
    /// Replaces the date found in the document (or today).
    pub date: Option<PageDate>,
    /// Replaces the title proposed from the document.
    pub title: Option<String>,
}

/// The announcement proposed from a converted document, before writing.
#[derive(Debug)]
pub struct Proposal {
    pub title: String,
    pub date: PageDate,
    pub signature: Option<String>,
    pub source: Option<String>,
    pub body: String,
    pub images: Vec<ImageFile>,
    pub notes: Notes,
}

/// Converts the document and writes the page and its images.
pub fn import(options: &ImportOptions) -> Result<Created, Vec<Diagnostic>> {
    let site = find_site(&options.root, &options.site)?;
    let section = section_dir(&options.root, &site.id, &options.section).map_err(|d| vec![d])?;
    let proposal = propose(options).map_err(|d| vec![d])?;
    let path = page_path(&section, proposal.date, &proposal.title).map_err(|d| vec![d])?;
    let draft = Draft {
        title: proposal.title.clone(),
        date: proposal.date,
        signature: proposal.signature.clone(),
        source: proposal.source.clone(),
        draft: false,
        kind: crate::content::front_matter::PageKind::Page,
    };
    let text = format!("{}\n{}\n", front_matter(&draft, &site), proposal.body);
    let bundle = path.with_extension("");
    let images = write_bundle(&bundle, &proposal.images).map_err(|d| vec![d])?;
    if let Err(error) = write_new_file(&path, text.as_bytes()) {
        if !images.is_empty() {
            let _ = std::fs::remove_dir_all(&bundle);
        }
        return Err(vec![error]);
    }
    Ok(Created {
        page: path,
        images,
        report: proposal.notes.lines(),
    })
}

/// Reads the document and proposes the page, without writing anything.
pub fn propose(options: &ImportOptions) -> Result<Proposal, Diagnostic> {
    let converted = docx::convert(&options.file)?;
    if converted.blocks.is_empty() {
        return Err(Diagnostic::error(
            Location::file(&options.file),
            text!(
                "w dokumencie nie ma tekstu do przeniesienia",
                "the document has no text to carry over"
            ),
        )
        .with_hint(text!(
            "sprawdź, czy to właściwy plik; tekst w polach tekstowych i kształtach nie jest przenoszony — przenieś go do zwykłych akapitów",
            "check that this is the right file; text in text boxes and shapes is not carried over — move it into ordinary paragraphs"
        )));
    }
    let mut notes = converted.notes;
    let mut blocks = converted.blocks;
    let stem = options
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let proposed_title = take_title(&mut blocks, &stem, &mut notes);
    let title = options.title.clone().unwrap_or(proposed_title);
    let found_date = take_date(&mut blocks);
    let date = match options.date.or(found_date) {
        Some(date) => date.date_only(),
        None => {
            notes.add(Note::DateIsToday);
            PageDate::today_utc()
        }
    };
    let source = take_source(&mut blocks);
    let signature = take_signature(&mut blocks);
    let body = docx::render(&blocks, &converted.footnotes, heading_shift(&blocks));
    Ok(Proposal {
        title,
        date,
        signature,
        source,
        body,
        images: converted.images,
        notes,
    })
}

/// The first heading (when at most two paragraphs come before it), else a
/// short first paragraph, else the file's name.
fn take_title(blocks: &mut Vec<Block>, stem: &str, notes: &mut Notes) -> String {
    let heading = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }));
    // A heading after more than two paragraphs is a section of the text.
    if let Some(index) = heading.filter(|index| *index <= 2) {
        if let Block::Heading { plain, .. } = blocks.remove(index) {
            return plain;
        }
    }
    let first = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph { .. }));
    if let Some(index) = first {
        if let Block::Paragraph { lines, .. } = &blocks[index] {
            let text = lines.join(" ");
            if text.chars().count() <= 150 && !text.ends_with('.') {
                blocks.remove(index);
                notes.add(Note::TitleFromParagraph);
                return text;
            }
        }
    }
    notes.add(Note::TitleFromFileName);
    stem.replace(['_', '-'], " ").trim().to_string()
}

/// The date of a date line; "Data publikacji: …" wins over a place and
/// date. A label or a bare date is taken out of the text; "Place, date" stays.
fn take_date(blocks: &mut Vec<Block>) -> Option<PageDate> {
    let mut found: Option<(usize, PageDate, DateLineKind)> = None;
    for (index, block) in blocks.iter().enumerate() {
        let Block::Paragraph { lines, .. } = block else {
            continue;
        };
        let Some((date, kind)) = lines.iter().find_map(|line| date_line(line)) else {
            continue;
        };
        let better = match &found {
            None => true,
            Some((_, _, previous)) => {
                *previous != DateLineKind::Label && kind == DateLineKind::Label
            }
        };
        if better {
            found = Some((index, date, kind));
        }
    }
    let (index, date, kind) = found?;
    let single_line = matches!(&blocks[index], Block::Paragraph { lines, .. } if lines.len() == 1);
    if kind != DateLineKind::Place && single_line {
        blocks.remove(index);
    }
    Some(date)
}

/// "Źródło: Urząd Gminy Klukowo" near the end, unless it holds a link.
fn take_source(blocks: &mut Vec<Block>) -> Option<String> {
    let start = blocks.len().saturating_sub(3);
    let index = (start..blocks.len()).find(|&i| match &blocks[i] {
        Block::Paragraph { lines, markdown } => {
            lines.len() == 1 && lines[0].starts_with("Źródło:") && !markdown.contains("](")
        }
        _ => false,
    })?;
    match blocks.remove(index) {
        Block::Paragraph { lines, .. } => Some(lines[0]["Źródło:".len()..].trim().to_string()),
        _ => None,
    }
}

/// The closing "W imieniu Partnerstwa" paragraph, with the office on its
/// next line or in the next short paragraph: "W imieniu Partnerstwa – Wójt
/// Gminy Klukowo".
fn take_signature(blocks: &mut Vec<Block>) -> Option<String> {
    let start = blocks.len().saturating_sub(3);
    let index = (start..blocks.len()).rev().find(|&i| match &blocks[i] {
        Block::Paragraph { lines, .. } => lines
            .first()
            .is_some_and(|l| l.to_lowercase().starts_with("w imieniu")),
        _ => false,
    })?;
    let mut lines = match blocks.remove(index) {
        Block::Paragraph { lines, .. } => lines,
        _ => return None,
    };
    if lines.len() == 1 && index < blocks.len() {
        if let Block::Paragraph { lines: next, .. } = &blocks[index] {
            if next.len() <= 2
                && next
                    .iter()
                    .all(|l| l.chars().count() <= 80 && !l.ends_with('.'))
            {
                lines.extend(next.iter().cloned());
                blocks.remove(index);
            }
        }
    }
    Some(lines.join(" – "))
}

/// Moves headings so the highest one is level 2: the title is the page's
/// only level 1.
pub(crate) fn heading_shift(blocks: &[Block]) -> i8 {
    let highest = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level, title_style, ..
            } => Some(if *title_style { 1 } else { *level }),
            _ => None,
        })
        .min();
    highest.map_or(0, |level| 2 - level as i8)
}

/// Writes the images into the page bundle through a temporary folder, so
/// the bundle appears whole or not at all.
fn write_bundle(bundle: &Path, images: &[ImageFile]) -> Result<Vec<PathBuf>, Diagnostic> {
    if images.is_empty() {
        return Ok(Vec::new());
    }
    if bundle.exists() {
        return Err(Diagnostic::error(
            Location::file(bundle),
            text!(
                "folder ogłoszenia już istnieje; Tablica nie nadpisze jego plików",
                "the page's folder already exists; Tablica will not overwrite its files"
            ),
        )
        .with_hint(text!(
            "usuń albo przenieś ten folder, albo podaj inny tytuł (--title) lub datę (--date)",
            "remove or move this folder, or give another title (--title) or date (--date)"
        )));
    }
    let name = bundle
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = bundle.with_file_name(format!(".{name}.tablica-{}", std::process::id()));
    let written = stage_images(&staging, images).and_then(|()| std::fs::rename(&staging, bundle));
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Diagnostic::error(
            Location::file(bundle),
            crate::base::diagnostic::io_message(
                "nie można zapisać obrazków ogłoszenia",
                "cannot write the page's images",
                &e,
            ),
        )
        .with_hint(text!(
            "sprawdź, czy możesz zapisywać w tym folderze i czy dysk nie jest pełny",
            "check that you may write into this folder and that the disk is not full"
        )));
    }
    Ok(images
        .iter()
        .map(|image| bundle.join(&image.name))
        .collect())
}

fn stage_images(staging: &Path, images: &[ImageFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(staging)?;
    for image in images {
        std::fs::write(staging.join(&image.name), &image.bytes)?;
    }
    Ok(())
}
