//! What changed on disk, in the terms a rebuild needs: the config, the
//! theme's templates, static files, or the content of one site (one
//! Markdown file, or anything else in its folder).

use std::collections::BTreeSet;
use std::path::{Component, Path};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// `config.yaml`.
    Config,
    /// The theme's templates or translation files.
    Templates,
    /// Static files of the theme or the workspace; `stylesheet` when the
    /// file is a `.css` file, which the browser can swap without a reload.
    Statics { stylesheet: bool },
    /// A file or folder in `content/<site>/`, by its path in the site folder.
    Content { site: String, path: String },
}

/// The changes of one burst of file events, each once.
pub type Changes = BTreeSet<Change>;

/// What a changed path means for the workspace at `root` using `theme`;
/// `None` for paths no build reads (editor temp files, other themes).
pub fn classify(root: &Path, theme: &str, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if crate::base::temp_files::is_temporary(parts.last()?) {
        return None;
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let stylesheet = || parts.last().is_some_and(|name| name.ends_with(".css"));
    match parts.as_slice() {
        ["config.yaml"] => Some(Change::Config),
        ["static", _, ..] => Some(Change::Statics {
            stylesheet: stylesheet(),
        }),
        ["themes", name, "static", _, ..] if *name == theme => Some(Change::Statics {
            stylesheet: stylesheet(),
        }),
        ["themes", name, ..] if *name == theme => Some(Change::Templates),
        ["content", site, rest @ ..] if !rest.is_empty() => Some(Change::Content {
            site: site.to_string(),
            path: rest.join("/"),
        }),
        ["content", _] => None,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str) -> Option<Change> {
        classify(Path::new("/w"), "portal", &Path::new("/w").join(path))
    }

    #[test]
    fn paths_map_to_the_changes_a_rebuild_needs() {
        assert_eq!(change("config.yaml"), Some(Change::Config));
        assert_eq!(
            change("themes/portal/templates/page.html"),
            Some(Change::Templates)
        );
        assert_eq!(
            change("themes/portal/i18n/pl.yaml"),
            Some(Change::Templates)
        );
        assert_eq!(
            change("themes/portal/static/css/portal.css"),
            Some(Change::Statics { stylesheet: true })
        );
        assert_eq!(
            change("static/img/logo.svg"),
            Some(Change::Statics { stylesheet: false })
        );
        assert_eq!(
            change("content/cwd/aktualnosci/2021-01-20-a.md"),
            Some(Change::Content {
                site: "cwd".into(),
                path: "aktualnosci/2021-01-20-a.md".into()
            })
        );
        assert_eq!(
            change("content/cwd/aktualnosci/2021-01-20-a/plan.pdf"),
            Some(Change::Content {
                site: "cwd".into(),
                path: "aktualnosci/2021-01-20-a/plan.pdf".into()
            })
        );
    }

    #[test]
    fn temp_files_and_other_themes_are_ignored() {
        assert_eq!(change("content/cwd/aktualnosci/.a.md.swp"), None);
        assert_eq!(change("content/cwd/aktualnosci/4913"), None);
        assert_eq!(change("content/cwd/~$plik.docx"), None);
        assert_eq!(change("themes/other/templates/page.html"), None);
        assert_eq!(change("public/cwd/index.html"), None);
        assert_eq!(change("README.md"), None);
    }
}
