//! Where content files end up: the URL of a Markdown file, and the output
//! path of any other file (files in a page bundle go next to their page).
//! Both are pure functions of paths, so any stage can compute them.

use crate::base::typography::{slugify, strip_date_prefix};
use std::collections::BTreeSet;

/// Content paths of Markdown files without `.md`: a folder with the same
/// name is that page's bundle.
pub type Bundles = BTreeSet<String>;

/// The URL path (relative to the site root, no leading `/`) of a content
/// file given by its path relative to the site's content folder.
pub fn url_path_for(content_path: &str) -> String {
    let path = content_path.trim_start_matches('/');
    let (dir, file) = match path.rsplit_once('/') {
        Some((d, f)) => (Some(d), f),
        None => (None, path),
    };
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut url = String::new();
    if let Some(dir) = dir {
        url.push_str(dir);
        url.push('/');
    }
    if stem != "_index" {
        url.push_str(&slugify(strip_date_prefix(stem)));
        url.push('/');
    }
    url
}

/// Files in a page bundle (`aktualnosci/2021-01-20-x/foto.jpg`) go next to
/// the page (`aktualnosci/x/foto.jpg`); other files keep their path.
pub fn asset_output_path(rel: &str, bundles: &Bundles) -> String {
    match bundle_of(rel, bundles) {
        Some(page) => format!("{}{}", url_path_for(&page), &rel[page.len() - 2..]),
        None => rel.to_string(),
    }
}

/// The content path of the page whose bundle holds `rel`, if any
/// (`aktualnosci/2021-01-20-x/foto.jpg` → `aktualnosci/2021-01-20-x.md`).
pub fn bundle_of(rel: &str, bundles: &Bundles) -> Option<String> {
    let mut prefix = rel;
    while let Some((parent, _)) = prefix.rsplit_once('/') {
        if bundles.contains(parent) {
            return Some(format!("{parent}.md"));
        }
        prefix = parent;
    }
    None
}

/// The slug a page file gets: its name without the date, transliterated.
pub fn slug_of(content_path: &str) -> String {
    let file = content_path.rsplit('/').next().unwrap_or(content_path);
    slugify(strip_date_prefix(file.strip_suffix(".md").unwrap_or(file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_files_follow_their_page() {
        let bundles: BTreeSet<String> = ["aktualnosci/2021-01-20-x".to_string()].into();
        assert_eq!(
            asset_output_path("aktualnosci/2021-01-20-x/foto.jpg", &bundles),
            "aktualnosci/x/foto.jpg"
        );
        assert_eq!(
            asset_output_path("pliki/uchwala.pdf", &bundles),
            "pliki/uchwala.pdf"
        );
    }

    #[test]
    fn url_paths_drop_dates_and_transliterate() {
        assert_eq!(
            url_path_for("aktualnosci/2021-01-20-Perspektywa-żółta.md"),
            "aktualnosci/perspektywa-zolta/"
        );
        assert_eq!(url_path_for("o-partnerstwie.md"), "o-partnerstwie/");
        assert_eq!(url_path_for("aktualnosci/_index.md"), "aktualnosci/");
        assert_eq!(url_path_for("_index.md"), "");
    }
}
