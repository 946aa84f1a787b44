//! Authoring for clerks: `tablica new` starts an announcement from a
//! commented template, `tablica import` turns a Word document into one.
//! This module owns what both share: finding the site and section the page
//! goes to, naming the file (date prefix, Polish-transliterated slug),
//! refusing to overwrite, the front matter template, and writing atomically.

pub mod date_line;
pub mod docx;
pub mod form;
pub mod import;
pub mod markdown;
pub mod new;
pub mod paste;
mod template;

use crate::base::date::PageDate;
use crate::base::diagnostic::text;
use crate::base::diagnostic::{nearest, Diagnostic, Lang, Location, Text};
use crate::base::typography::{slugify, strip_date_prefix};
use crate::config::{Overrides, SiteConfig};
use std::path::{Path, PathBuf};

pub use import::{import, ImportOptions};
pub use new::{new_page, NewOptions};

/// The alt text `import` gives a picture the document does not describe:
/// `tablica check` flags alt texts starting with `TODO`.
pub const TODO_ALT: &str = "TODO: opisz, co przedstawia obrazek";

/// The longest slug written into a file name, in characters.
const MAX_SLUG: usize = 80;

/// What `new` or `import` created, and what the clerk should look at.
#[derive(Debug)]
pub struct Created {
    /// The Markdown file of the page.
    pub page: PathBuf,
    /// Images written into the page bundle.
    pub images: Vec<PathBuf>,
    /// What could not be converted, or was guessed.
    pub report: Vec<Text>,
}

impl Created {
    /// What the terminal shows: the created file, the images, the report.
    pub fn summary(&self, root: &Path, lang: Lang) -> String {
        let shown = |path: &Path| {
            let path = path.strip_prefix(root).unwrap_or(path);
            path.to_string_lossy().replace('\\', "/")
        };
        let (created, images, check) = match lang {
            Lang::Pl => ("Utworzono", "Obrazki", "Do sprawdzenia"),
            Lang::En => ("Created", "Images", "To check"),
        };
        let mut out = format!("{created}: {}\n", shown(&self.page));
        if !self.images.is_empty() {
            let names: Vec<String> = self.images.iter().map(|p| shown(p)).collect();
            out.push_str(&format!("{images}: {}\n", names.join(", ")));
        }
        if !self.report.is_empty() {
            out.push_str(&format!("{check}:\n"));
            for line in &self.report {
                out.push_str(&format!("  - {}\n", line.get(lang)));
            }
        }
        out
    }
}

/// The site `id` of the workspace at `root`, or an error naming the nearest id.
pub fn find_site(root: &Path, id: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let workspace = crate::config::load(root, &Overrides::default())?;
    if let Some(site) = workspace.sites.iter().find(|s| s.id == id) {
        return Ok(site.clone());
    }
    let ids: Vec<&str> = workspace.sites.iter().map(|s| s.id.as_str()).collect();
    let all = ids.join(", ");
    let hint = match nearest(id, &ids) {
        Some(near) => text!(
            "czy chodziło o --site {near}? Witryny w config.yaml: {all}",
            "did you mean --site {near}? Sites in config.yaml: {all}"
        ),
        None => text!(
            "podaj id jednej z witryn z config.yaml: {all}",
            "give the id of one of the sites in config.yaml: {all}"
        ),
    };
    Err(vec![Diagnostic::error(
        Location::file(root.join(crate::config::CONFIG_FILE)),
        text!(
            "nie ma witryny o id „{id}”",
            "there is no site with the id `{id}`"
        ),
    )
    .with_hint(hint)])
}

/// `content/<site>/<section>/`, which must exist.
pub fn section_dir(root: &Path, site: &str, section: &str) -> Result<PathBuf, Diagnostic> {
    let site_dir = root.join("content").join(site);
    let dir = site_dir.join(section);
    let valid = !section.is_empty() && !section.contains(['/', '\\', '.']);
    if valid && dir.is_dir() {
        return Ok(dir);
    }
    let sections = existing_sections(&site_dir);
    let names: Vec<&str> = sections.iter().map(String::as_str).collect();
    let hint = match nearest(section, &names) {
        Some(near) => text!(
            "czy chodziło o --section {near}?",
            "did you mean --section {near}?"
        ),
        None => {
            let list = names.join(", ");
            text!(
                "podaj jeden z folderów witryny ({list}) albo utwórz folder {section} z plikiem _index.md",
                "give one of the site's folders ({list}) or create the folder {section} with an _index.md file"
            )
        }
    };
    Err(Diagnostic::error(
        Location::file(&dir),
        text!(
            "witryna {site} nie ma sekcji „{section}”",
            "the site {site} has no section `{section}`"
        ),
    )
    .with_hint(hint))
}

fn existing_sections(site_dir: &Path) -> Vec<String> {
    let mut sections: Vec<String> = std::fs::read_dir(site_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().join("_index.md").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    sections.sort();
    sections
}

/// The page's file `<section>/<date>-<slug>.md`, refused when it or another
/// page with the same address exists.
pub fn page_path(section: &Path, date: PageDate, title: &str) -> Result<PathBuf, Diagnostic> {
    let slug = short_slug(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            Location::file(section),
            text!(
                "z tytułu „{title}” nie da się utworzyć adresu strony: nie ma w nim liter ani cyfr",
                "the title `{title}` gives no page address: it has no letters or digits"
            ),
        )
        .with_hint(Text::new(
            "podaj tytuł ze słowami, np. \"Zaproszenie na warsztaty\"",
            "give a title with words, e.g. \"Invitation to the workshop\"",
        )));
    }
    let path = section.join(format!("{}-{slug}.md", date.iso_date()));
    if path.exists() {
        return Err(exists(&path, true));
    }
    if let Some(other) = same_address(section, &slug) {
        return Err(exists(&other, false));
    }
    Ok(path)
}

/// A slug of at most [`MAX_SLUG`] characters, cut at a word.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let cut = slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
    slug[..cut].to_string()
}

/// Another page of the section with this slug: its address would be the same.
fn same_address(section: &Path, slug: &str) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(section)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    entries.sort();
    entries.into_iter().find(|p| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|stem| strip_date_prefix(stem) == slug)
    })
}

fn exists(path: &Path, same_file: bool) -> Diagnostic {
    let (message, hint) = if same_file {
        (
            Text::new(
                "taki plik już istnieje; Tablica go nie nadpisze",
                "this file already exists; Tablica will not overwrite it",
            ),
            Text::new(
                "podaj inną datę (--date 21.01.2021) albo inny tytuł (przy imporcie: --title \"…\"), albo zmień nazwę istniejącego pliku",
                "give another date (--date 21.01.2021) or another title (when importing: --title \"…\"), or rename the existing file",
            ),
        )
    } else {
        (
            Text::new(
                "ogłoszenie o tym samym adresie już istnieje (adres powstaje z tytułu, bez daty); Tablica go nie nadpisze",
                "an announcement with the same address already exists (the address comes from the title, without the date); Tablica will not overwrite it",
            ),
            Text::new(
                "nadaj nowemu ogłoszeniu inny tytuł, np. z miejscem lub miesiącem (przy imporcie: --title \"…\"), albo zmień nazwę istniejącego pliku",
                "give the new announcement another title, e.g. with the place or month (when importing: --title \"…\"), or rename the existing file",
            ),
        )
    };
    Diagnostic::error(Location::file(path), message).with_hint(hint)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a failure leaves no half-written page; refuses to replace
/// a file that appeared in the meantime.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.tablica-{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| {
        if path.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "file exists",
            ));
        }
        std::fs::rename(&temp, path)
    });
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return exists(path, true);
        }
        Diagnostic::error(
            Location::file(path),
            crate::base::diagnostic::io_message("nie można zapisać pliku", "cannot write the file", &e),
        )
        .with_hint(Text::new(
            "sprawdź, czy folder istnieje i czy możesz w nim zapisywać (czy dysk nie jest pełny)",
            "check that the folder exists and that you may write into it (and that the disk is not full)",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_give_slugs_cut_at_a_word() {
        let title = "Zaproszenie na warsztaty strategiczne dla mieszkańców, sołtysów, przedsiębiorców i organizacji pozarządowych z całego powiatu";
        let slug = short_slug(title);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(!slug.ends_with('-'));
        assert!(slug.starts_with("zaproszenie-na-warsztaty"));
    }
}
