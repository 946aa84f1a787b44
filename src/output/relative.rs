//! `build --relative`: rewrites the root-relative links of a rendered page
//! (`/cwd/aktualnosci/`) into links relative to the page itself
//! (`../aktualnosci/index.html`), so that a site works opened from disk
//! (file://, where a folder link does not open its `index.html`) and from
//! any folder of any server. Links into the other sites of the build go to
//! their sibling folders. Absolute `https://` addresses (canonical links,
//! feeds, the sitemap) stay as they are.

use crate::site::Site;

/// The attributes whose values are addresses.
const URL_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "poster", "srcset"];

/// Maps the base paths of the sites of a build to their output folders.
pub struct Relativizer {
    /// (base path such as `/cwd/`, output folder id), longest path first.
    sites: Vec<(String, String)>,
    /// The output folder of the site being written.
    own: String,
}

impl Relativizer {
    pub fn new(site: &Site, all: &[Site]) -> Self {
        let mut sites: Vec<(String, String)> = all
            .iter()
            .map(|s| (s.config.base_path().to_string(), s.config.id.clone()))
            .collect();
        // The site itself wins over another site with the same base path.
        sites.retain(|(path, id)| id == &site.config.id || path != site.config.base_path());
        sites.insert(
            0,
            (site.config.base_path().to_string(), site.config.id.clone()),
        );
        sites.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
        Relativizer {
            sites,
            own: site.config.id.clone(),
        }
    }

    /// Rewrites the page written at `page_path` (relative to the site folder).
    pub fn rewrite(&self, html: &str, page_path: &str) -> String {
        let depth = page_path.matches('/').count();
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html;
        while let Some(at) = rest.find("=\"") {
            let (before, after) = rest.split_at(at + 2);
            out.push_str(before);
            let Some(end) = after.find('"') else {
                rest = after;
                break;
            };
            let value = &after[..end];
            match url_attribute(before) {
                Some("srcset") => self.rewrite_srcset(value, depth, &mut out),
                Some(_) => self.rewrite_url(value, depth, &mut out),
                None => out.push_str(value),
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    /// `a.jpg 1x, b.jpg 2x`: each address rewritten, sizes kept.
    fn rewrite_srcset(&self, value: &str, depth: usize, out: &mut String) {
        for (i, candidate) in value.split(',').enumerate() {
            if i > 0 {
                out.push(',');
            }
            let trimmed = candidate.trim_start();
            out.push_str(&candidate[..candidate.len() - trimmed.len()]);
            let (url, size) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
            self.rewrite_url(url, depth, out);
            if !size.is_empty() {
                out.push(' ');
                out.push_str(size);
            }
        }
    }

    fn rewrite_url(&self, url: &str, depth: usize, out: &mut String) {
        if !url.starts_with('/') || url.starts_with("//") {
            out.push_str(url);
            return;
        }
        let Some((base, id)) = self
            .sites
            .iter()
            .find(|(base, _)| url.starts_with(base.as_str()))
        else {
            out.push_str(url);
            return;
        };
        let inside = &url[base.len()..];
        let split = inside.find(['?', '#']).unwrap_or(inside.len());
        let (path, suffix) = inside.split_at(split);
        for _ in 0..depth {
            out.push_str("../");
        }
        if id != &self.own {
            out.push_str("../");
            out.push_str(id);
            out.push('/');
        }
        out.push_str(path);
        // Opened from disk, a folder does not show its index.html.
        if path.is_empty() || path.ends_with('/') {
            out.push_str("index.html");
        }
        out.push_str(suffix);
    }
}

/// The attribute name before `="`, when it is one of [`URL_ATTRIBUTES`].
fn url_attribute(before: &str) -> Option<&'static str> {
    let name_end = before.len() - 2;
    let name_start = before[..name_end]
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map_or(0, |i| i + 1);
    let name = &before[name_start..name_end];
    let preceded_by_space = before[..name_start].ends_with([' ', '\n', '\t']);
    URL_ATTRIBUTES
        .into_iter()
        .find(|known| preceded_by_space && *known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relativizer() -> Relativizer {
        Relativizer {
            sites: vec![
                ("/partnerstwo/".into(), "razem".into()),
                ("/cwd/".into(), "cwd".into()),
            ],
            own: "cwd".into(),
        }
    }

    #[test]
    fn links_become_relative_to_the_page_with_index_html() {
        let r = relativizer();
        let html = r##"<a href="/cwd/">Start</a><a href="/cwd/aktualnosci/a/#tresc">A</a><link rel="stylesheet" href="/cwd/css/portal.css"><img src="/cwd/img/x.png" alt=""><a href="/partnerstwo/aktualnosci/?q=1">B</a><a href="https://example.org/cwd/">C</a><a href="#main">D</a><a href="//cdn.example.org/x.js">E</a><p title="/cwd/">/cwd/</p>"##;
        let out = r.rewrite(html, "aktualnosci/b/index.html");
        assert_eq!(
            out,
            r##"<a href="../../index.html">Start</a><a href="../../aktualnosci/a/index.html#tresc">A</a><link rel="stylesheet" href="../../css/portal.css"><img src="../../img/x.png" alt=""><a href="../../../razem/aktualnosci/index.html?q=1">B</a><a href="https://example.org/cwd/">C</a><a href="#main">D</a><a href="//cdn.example.org/x.js">E</a><p title="/cwd/">/cwd/</p>"##
        );
        assert_eq!(
            r.rewrite(r#"<a href="/cwd/">S</a>"#, "index.html"),
            r#"<a href="index.html">S</a>"#
        );
    }

    #[test]
    fn srcset_candidates_are_each_rewritten() {
        let out = relativizer().rewrite(
            r#"<img srcset="/cwd/a.jpg 1x, /cwd/b.jpg 2x">"#,
            "x/index.html",
        );
        assert_eq!(out, r#"<img srcset="../a.jpg 1x, ../b.jpg 2x">"#);
    }
}
