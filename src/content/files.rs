//! Files an announcement names in its front matter: attachments (listed
//! with type and size) and gallery photos (with their pixel size, so pages do
//! not jump while they load). A file is looked for in the page's bundle, or,
//! written as `/path`, under the site's content folder and then static/.

use super::front_matter::{self, FrontMatter};
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Text};
use crate::base::typography::typeset;
use crate::content::facts::Pos;
use crate::media::{self, Plan};
use std::path::{Path, PathBuf};

/// Where files are looked for, and how their addresses are made.
pub struct Roots<'a> {
    pub bundle: &'a Path,
    pub content: &'a Path,
    pub statics: &'a Path,
    /// The site's base path, e.g. `/partnerstwo/`.
    pub base_path: &'a str,
    /// URL path of the page, relative to the site root.
    pub page_url: &'a str,
}

/// An attachment as readers see it: where to get it, its type and size.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    pub title: String,
    /// Address under the site's base path, e.g. `/p/aktualnosci/x/uchwala.pdf`.
    pub url: String,
    /// The file type in capitals, from its extension: `PDF`, `DOCX`.
    pub kind: String,
    pub bytes: u64,
    /// The file on disk, which `check` opens to judge a PDF.
    pub source: std::path::PathBuf,
}

/// A photo of a gallery, with what it shows and what is published for it.
#[derive(Debug, Clone)]
pub struct GalleryImage {
    pub url: String,
    pub alt: String,
    pub caption: Option<String>,
    /// What `media` publishes for it (widths, formats).
    pub plan: Plan,
    /// Where the front matter names it.
    pub pos: Pos,
}

/// The file behind `file` and its address, or the places it was looked for.
fn find(file: &str, roots: &Roots) -> Result<(PathBuf, String), Vec<PathBuf>> {
    let (candidates, url) = match file.strip_prefix('/') {
        Some(rel) => (
            vec![roots.content.join(rel), roots.statics.join(rel)],
            format!("{}{rel}", roots.base_path),
        ),
        None => (
            vec![roots.bundle.join(file)],
            format!("{}{}{file}", roots.base_path, roots.page_url),
        ),
    };
    match candidates.iter().find(|c| c.is_file()) {
        Some(found) => Ok((found.clone(), url)),
        None => Err(candidates),
    }
}

fn missing(
    path: &Path,
    yaml: &str,
    parent: &str,
    file: &str,
    candidates: &[PathBuf],
) -> Diagnostic {
    let shown = candidates
        .iter()
        .map(|c| c.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::error(
        front_matter::value_location(path, yaml, parent, file),
        text!("nie ma pliku „{file}”", "the file `{file}` does not exist"),
    )
    .with_hint(text!(
        "umieść plik tutaj: {shown}, albo popraw nazwę (wielkość liter ma znaczenie)",
        "put the file here: {shown}, or fix the name (letter case matters)"
    ))
}

/// Finds and measures every attachment; each missing file is an error.
pub fn resolve_attachments(
    front: &FrontMatter,
    roots: &Roots,
    path: &Path,
    yaml: &str,
) -> Result<Vec<AttachmentFile>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for attachment in &front.attachments {
        let file = attachment.file.trim();
        match find(file, roots) {
            Ok((on_disk, url)) => found.push(AttachmentFile {
                title: typeset(&attachment.title),
                url,
                kind: file
                    .rsplit_once('.')
                    .map_or(String::new(), |(_, ext)| ext.to_uppercase()),
                bytes: std::fs::metadata(&on_disk).map_or(0, |m| m.len()),
                source: on_disk.to_path_buf(),
            }),
            Err(candidates) => problems.push(missing(path, yaml, "attachments", file, &candidates)),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// Finds and probes every gallery photo; a missing file, a file that is
/// not a photo we can publish, or a missing description is an error, as
/// a photo without one says nothing to a blind reader. Warnings about a
/// photo that is published anyway go to `notes`.
pub fn resolve_gallery(
    front: &FrontMatter,
    roots: &Roots,
    path: &Path,
    yaml: &str,
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<GalleryImage>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for image in &front.gallery {
        let file = image.file.trim();
        if image.alt.trim().is_empty() {
            problems.push(
                Diagnostic::error(
                    front_matter::value_location(path, yaml, "gallery", file),
                    text!("zdjęcie „{file}” nie ma opisu (alt)", "the photo `{file}` has no description (alt)"),
                )
                .with_hint(Text::new(
                    "dopisz alt: z opisem tego, co widać na zdjęciu, np. alt: \"Uczestnicy warsztatów przy stołach\"",
                    "add alt: describing what the photo shows, e.g. alt: \"Workshop participants at tables\"",
                )),
            );
            continue;
        }
        let location = front_matter::value_location(path, yaml, "gallery", file);
        let pos = Pos {
            line: location.line.unwrap_or(1),
            column: location.column.unwrap_or(1),
        };
        let (on_disk, url) = match find(file, roots) {
            Ok(found) => found,
            Err(candidates) => {
                problems.push(missing(path, yaml, "gallery", file, &candidates));
                continue;
            }
        };
        let output = url
            .strip_prefix(roots.base_path)
            .unwrap_or(&url)
            .to_string();
        match media::probe(&on_disk) {
            Ok(probe) => {
                notes.extend(
                    probe
                        .warnings(file)
                        .into_iter()
                        .map(|f| super::picture_diagnostic(path, pos, f)),
                );
                found.push(GalleryImage {
                    plan: Plan::new(on_disk, output, &probe),
                    url,
                    alt: typeset(&image.alt),
                    caption: image.caption.as_deref().map(typeset),
                    pos,
                });
            }
            Err(problem) => {
                problems.push(super::picture_diagnostic(path, pos, problem.finding(file)))
            }
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}
