//! Link rules: every address a page or the configuration points to must
//! lead somewhere. Each site's addresses are known from the model without
//! writing anything: its pages and lists ([`Site::items`]),
//! feeds and other generated files ([`Site::generated_files`]), its content files and the static files
//! of the workspace and theme. Anchors are the heading ids of each page
//! plus the ids the theme's templates write. Absolute addresses under
//! another site's `base_url` are checked against that site.

use super::{at, Finding};
use crate::base::diagnostic::text;
use crate::base::diagnostic::Location;
use crate::base::rules::{self, Rule};
use crate::config::Workspace;
use crate::content::facts::Pos;
use crate::content::Document;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Where an address leads, for every loaded site.
pub struct Targets<'a> {
    sites: &'a [Site],
    /// Output paths of each site (`aktualnosci/x/index.html`, `img/logo.svg`).
    files: Vec<HashSet<String>>,
    /// Each site's photos whose originals are not published (shown as
    /// pictures, they are fine; linked to, they lead nowhere).
    unpublished_photos: Vec<HashSet<String>>,
    /// Ids on each HTML page of each site, by output path.
    anchors: Vec<HashMap<String, HashSet<&'a str>>>,
    /// Ids every page has, written by the theme's templates.
    theme_ids: HashSet<String>,
    /// Each site's published pages and home page by content path, for
    /// `@/…` links (a search through the pages per link made the check
    /// grow with the square of the site).
    pages: Vec<HashMap<&'a str, &'a Document>>,
}

/// A link as the resolver sees it.
struct Link<'l> {
    href: &'l str,
    pos: Pos,
    image: bool,
    /// From raw HTML: a `/path` is from the host's root, not the site's.
    raw_html: bool,
}

impl<'a> Targets<'a> {
    pub fn new(workspace: &Workspace, sites: &'a [Site]) -> Self {
        let theme_dir = workspace.root.join("themes").join(&workspace.theme);
        let statics = static_files(&[theme_dir.join("static"), workspace.root.join("static")]);
        // Each table takes tens of milliseconds at 10,000 pages: side by side.
        let (files, (anchors, pages)) = rayon::join(
            || {
                sites
                    .par_iter()
                    .map(|s| site_files(s, sites, &statics))
                    .collect()
            },
            || {
                rayon::join(
                    || sites.par_iter().map(site_anchors).collect(),
                    || sites.par_iter().map(pages_by_path).collect(),
                )
            },
        );
        let unpublished_photos = sites
            .iter()
            .map(|site| {
                site.assets
                    .iter()
                    .filter(|a| !site.publishes_as_is(&a.output_path))
                    .map(|a| a.output_path.clone())
                    .collect()
            })
            .collect();
        Targets {
            unpublished_photos,
            sites,
            files,
            anchors,
            pages,
            theme_ids: template_ids(&theme_dir.join("templates")),
        }
    }

    /// Links and images of every document of site `index`, and its menu.
    pub fn check_site(
        &self,
        workspace: &Workspace,
        index: usize,
        options: &super::CheckOptions,
    ) -> Vec<Finding> {
        let docs: Vec<&Document> = super::content::documents(&self.sites[index])
            .filter(|d| options.covers(&d.source))
            .collect();
        let mut out: Vec<Finding> = docs
            .par_iter()
            .flat_map_iter(|doc| self.check_document(index, doc))
            .collect();
        if options.files.is_empty() {
            out.extend(self.check_config_links(workspace, index));
        }
        out
    }

    fn check_document(&self, index: usize, doc: &Document) -> Vec<Finding> {
        let facts = &doc.body.facts;
        let links = facts.links.iter().map(|l| Link {
            href: &l.href,
            pos: l.pos,
            image: false,
            raw_html: l.raw_html,
        });
        let images = facts.images.iter().map(|i| Link {
            href: &i.src,
            pos: i.pos,
            image: true,
            raw_html: i.raw_html,
        });
        links
            .chain(images)
            .filter_map(|link| self.check_link(index, doc, &link))
            .collect()
    }

    fn check_link(&self, index: usize, doc: &Document, link: &Link) -> Option<Finding> {
        let href = link.href.trim();
        let broken = if link.image {
            rules::IMG_BROKEN
        } else {
            rules::LINK_BROKEN
        };
        let location = at(&doc.source, link.pos);
        if let Some(target) = href.strip_prefix("@/") {
            // The site stage reports missing files; only the anchor is left.
            let (path, anchor) = split_anchor(target);
            let page = self.pages[index].get(path)?;
            let output = format!("{}index.html", page.url_path);
            return self.check_anchor(index, &output, anchor?, location, href);
        }
        if href.is_empty() {
            return Some(Finding::new(broken, location, href));
        }
        if let Some(anchor) = href.strip_prefix('#') {
            let output = format!("{}index.html", doc.url_path);
            return self.check_anchor(index, &output, anchor, location, href);
        }
        let (site, path) = if link.raw_html && href.starts_with('/') && !href.starts_with("//") {
            self.locate_from_host_root(index, href)?
        } else {
            self.locate(index, &doc.url_path, href)?
        };
        self.resolve(site, &path, broken, location, href)
    }

    /// The site whose base path begins a host-absolute address (raw HTML
    /// writes `/partnerstwo/plik.pdf` as the browser will ask for it); the
    /// own site when none does.
    fn locate_from_host_root(&self, index: usize, href: &str) -> Option<(usize, String)> {
        let own = self.sites[index].config.base_path();
        let candidates = std::iter::once(index).chain(0..self.sites.len());
        for i in candidates {
            let base = if i == index {
                own
            } else {
                self.sites[i].config.base_path()
            };
            if let Some(rest) = href.strip_prefix(base) {
                return Some((i, rest.to_string()));
            }
        }
        Some((index, href.trim_start_matches('/').to_string()))
    }

    /// The site and site-relative path an address leads to; `None` for
    /// addresses outside every loaded site (other hosts, `mailto:`).
    fn locate(&self, index: usize, page_url: &str, href: &str) -> Option<(usize, String)> {
        if href.starts_with("//") {
            return None;
        }
        if let Some(rest) = href.strip_prefix('/') {
            return Some((index, rest.to_string()));
        }
        if has_scheme(href) {
            return self.sites.iter().enumerate().find_map(|(i, s)| {
                let rest = href.strip_prefix(s.config.base_url())?;
                Some((i, rest.to_string()))
            });
        }
        Some((index, join_relative(page_url, href)))
    }

    /// Checks a site-relative path (with an optional `#anchor`).
    fn resolve(
        &self,
        site: usize,
        path: &str,
        broken: &'static Rule,
        location: Location,
        href: &str,
    ) -> Option<Finding> {
        let (path, anchor) = split_anchor(path);
        let path = percent_decode(path.split('?').next().unwrap_or(path));
        let files = &self.files[site];
        if self.unpublished_photos[site].contains(&path) {
            return (broken.id == rules::LINK_BROKEN.id)
                .then(|| Finding::new(rules::LINK_PHOTO_ORIGINAL, location, href));
        }
        let output = [
            path.clone(),
            format!("{path}index.html"),
            format!("{path}/index.html"),
        ]
        .into_iter()
        .find(|p| files.contains(p));
        let Some(output) = output else {
            return Some(
                Finding::new(broken, location, href).with_note(self.suggestion(site, &path, href)),
            );
        };
        self.check_anchor(site, &output, anchor?, location, href)
    }

    fn check_anchor(
        &self,
        site: usize,
        output: &str,
        anchor: &str,
        location: Location,
        href: &str,
    ) -> Option<Finding> {
        let anchor = percent_decode(anchor);
        if anchor.is_empty() || self.theme_ids.contains(&anchor) {
            return None;
        }
        let ids = self.anchors[site].get(output);
        if ids.is_some_and(|ids| ids.contains(anchor.as_str())) {
            return None;
        }
        let known: Vec<&str> = ids.map(|i| i.iter().copied().collect()).unwrap_or_default();
        let mut finding = Finding::new(rules::ANCHOR_BROKEN, location, href);
        if let Some(near) = crate::base::diagnostic::nearest(&anchor, &known) {
            finding = finding.with_note(text!("czy chodziło o #{near}?", "did you mean #{near}?"));
        }
        Some(finding)
    }

    /// "Did you mean": the site's address closest to `path`, among its
    /// pages, or among its files when `path` names a file (a PDF for a
    /// PDF, never an image), written as the clerk wrote `href`: relative
    /// to the page when it was.
    fn suggestion(&self, site: usize, path: &str, href: &str) -> crate::base::diagnostic::Text {
        let wanted = path.trim_end_matches('/');
        let is_file = wanted
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
        let kind = |f: &str| f.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let same_kind =
            |f: &str| !is_file || kind(f) == kind(wanted) || !is_image(f) || is_image(wanted);
        let candidates: Vec<String> = self.files[site]
            .iter()
            .filter_map(|f| match f.strip_suffix("index.html") {
                Some(page) if !is_file => Some(page.to_string()),
                None if is_file && same_kind(f) => Some(f.clone()),
                _ => None,
            })
            .collect();
        let mut refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
        // Several equally near: the first in address order.
        refs.sort_unstable();
        let base = self.sites[site].config.base_path();
        match crate::base::diagnostic::nearest(wanted, &refs) {
            Some(near) => {
                let shown = as_written(near, path, href).unwrap_or_else(|| format!("{base}{near}"));
                text!("czy chodziło o {shown}?", "did you mean {shown}?")
            }
            None => text!(
                "na witrynie nie ma adresu {base}{path}",
                "the site has no address {base}{path}"
            ),
        }
    }

    /// Menu entries, the logo and the EU funds strip of the site's config.
    fn check_config_links(&self, workspace: &Workspace, index: usize) -> Vec<Finding> {
        let config = &self.sites[index].config;
        let file = workspace.root.join(crate::config::CONFIG_FILE);
        let site_line = site_line(workspace, config);
        let mut out = Vec::new();
        let menu = config.menu.iter().map(|m| (m.url.as_str(), false));
        let images = [&config.logo, &config.eu_funds]
            .into_iter()
            .flatten()
            .map(|i| (i.src.as_str(), true));
        for (url, image) in menu.chain(images) {
            let (line, column) = position_of(&workspace.source, site_line, url);
            let location = Location::at(&file, line, column);
            let broken = if image {
                rules::IMG_BROKEN
            } else {
                rules::LINK_BROKEN
            };
            if let Some(content_path) = url.strip_prefix("@/") {
                let (path, _) = split_anchor(content_path);
                let known =
                    super::content::documents(&self.sites[index]).any(|d| d.content_path == path);
                if !known {
                    out.push(Finding::new(broken, location, url));
                }
                continue;
            }
            if let Some((site, path)) = self.locate(index, "", url) {
                out.extend(self.resolve(site, &path, broken, location, url));
            }
        }
        out
    }

    /// Every http(s) address of site `index` outside the loaded sites, with
    /// where it is: links in Markdown, BIP and menu addresses in `config.yaml`.
    pub fn external_links(&self, workspace: &Workspace, index: usize) -> Vec<(String, Location)> {
        let external = |href: &str| {
            (href.starts_with("http://") || href.starts_with("https://"))
                && !self
                    .sites
                    .iter()
                    .any(|s| href.starts_with(s.config.base_url()))
        };
        let mut out = Vec::new();
        let config_file = workspace.root.join(crate::config::CONFIG_FILE);
        let site = &self.sites[index];
        for doc in super::content::documents(site) {
            for link in doc.body.facts.links.iter().filter(|l| external(&l.href)) {
                out.push((link.href.trim().to_string(), at(&doc.source, link.pos)));
            }
        }
        let config = &site.config;
        let site_line = site_line(workspace, config);
        let urls = config
            .bip
            .iter()
            .chain(config.members.iter().filter_map(|m| m.bip.as_ref()))
            .chain(config.menu.iter().map(|m| &m.url));
        for url in urls.filter(|u| external(u)) {
            let (line, column) = position_of(&workspace.source, site_line, url);
            out.push((url.clone(), Location::at(&config_file, line, column)));
        }
        out
    }
}

fn split_anchor(path: &str) -> (&str, Option<&str>) {
    match path.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (path, None),
    }
}

fn has_scheme(href: &str) -> bool {
    href.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `href` relative to the page at `page_url` (`aktualnosci/x/`), with
/// `.` and `..` resolved.
pub fn join_relative(page_url: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page_url.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = href.ends_with('/') || href.ends_with("/.") || href.ends_with("/..");
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    joined
}

/// Decodes `%20` and other escapes; invalid ones stay as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Every output path of a site as the model lists them (pages, lists,
/// feeds, sitemap, calendar files), its content files and static files.
fn site_files(site: &Site, all: &[Site], statics: &BTreeSet<String>) -> HashSet<String> {
    let mut files: HashSet<String> = site.items().into_iter().map(|(path, _)| path).collect();
    files.extend(site.generated_files(all));
    files.extend(
        site.assets
            .iter()
            .filter(|a| site.publishes_as_is(&a.output_path))
            .map(|a| a.output_path.clone()),
    );
    files.extend(
        site.pictures()
            .iter()
            .flat_map(|p| p.plan.outputs())
            .map(|o| o.path),
    );
    files.extend(statics.iter().cloned());
    files
}

/// The first page with each content path, as the check looked them up.
fn pages_by_path(site: &Site) -> HashMap<&str, &Document> {
    let mut pages = HashMap::new();
    for doc in site.pages.iter().chain(site.home.iter()) {
        pages.entry(doc.content_path.as_str()).or_insert(doc);
    }
    pages
}

fn site_anchors(site: &Site) -> HashMap<String, HashSet<&str>> {
    let mut anchors: HashMap<String, HashSet<&str>> = HashMap::new();
    let docs = site
        .home
        .iter()
        .map(|d| ("", d))
        .chain(
            site.sections
                .iter()
                .filter_map(|s| s.index.as_ref().map(|d| (s.url_path.as_str(), d))),
        )
        .chain(site.pages.iter().map(|d| (d.url_path.as_str(), d)));
    for (url_path, doc) in docs {
        let facts = &doc.body.facts;
        let ids = facts
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(facts.html_ids.iter().map(String::as_str));
        anchors
            .entry(format!("{url_path}index.html"))
            .or_default()
            .extend(ids);
    }
    anchors
}

/// Files under the static folders, as site-relative paths.
fn static_files(dirs: &[std::path::PathBuf]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                out.insert(slash_path(rel));
            }
        }
    }
    out
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Literal `id="…"` values in the theme's templates (skip link targets,
/// the main content): anchors every page has.
fn template_ids(dir: &Path) -> HashSet<String> {
    let mut ids = HashSet::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let Ok(source) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for id in crate::content::facts::attribute_values(&source, "id") {
            if !id.contains(['{', '%']) {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

/// 1-based line of the site's `id:` in `config.yaml`.
/// Where a site's entry starts in config.yaml.
pub(super) fn site_location(workspace: &Workspace, config: &crate::config::SiteConfig) -> Location {
    let file = workspace.root.join(crate::config::CONFIG_FILE);
    Location::at(&file, site_line(workspace, config), 5)
}

fn site_line(workspace: &Workspace, config: &crate::config::SiteConfig) -> usize {
    position_of(&workspace.source, 1, &format!("id: {}", config.id)).0
}

/// 1-based line and column of `needle` on the first line at or after
/// line `from` (1-based) that holds it.
fn position_of(source: &str, from: usize, needle: &str) -> (usize, usize) {
    source
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, l)| Some((i + 1, l[..l.find(needle)?].chars().count() + 1)))
        .unwrap_or((from.max(1), 1))
}

/// A near address in the form the clerk wrote: relative to the page's
/// folder when `href` was relative and `near` lies in that folder.
fn as_written(near: &str, path: &str, href: &str) -> Option<String> {
    let relative = !href.starts_with('/') && !href.contains("://") && !href.starts_with("@/");
    let folder = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let inside = near
        .strip_prefix(folder)?
        .strip_prefix('/')
        .or(folder.is_empty().then_some(near))?;
    relative.then(|| inside.to_string())
}

/// Whether a file name is a raster or vector image.
fn is_image(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_from_the_page() {
        assert_eq!(
            join_relative("aktualnosci/x/", "plan.pdf"),
            "aktualnosci/x/plan.pdf"
        );
        assert_eq!(join_relative("aktualnosci/x/", "../y/"), "aktualnosci/y/");
        assert_eq!(join_relative("", "aktualnosci/"), "aktualnosci/");
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("plan%20pracy.pdf"), "plan pracy.pdf");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("mailto:a@b.pl"));
        assert!(has_scheme("https://x"));
        assert!(!has_scheme("plan.pdf"));
        assert!(!has_scheme("a/b:c"));
    }
}
