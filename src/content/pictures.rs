//! The pictures a page shows: which file an image address names, what
//! [`media`](crate::media) will publish for it, and the HTML that shows
//! it (`<picture>` with the widths, `width` and `height`). Only the
//! header of each file is read here; the pixels wait for `output`.

use crate::base::escape::escape_attribute;
use crate::content::facts::{attribute_values, Pos};
use crate::content::paths::{asset_output_path, Bundles};
use crate::media::probe::Finding;
use crate::media::{self, Plan};
use std::path::{Path, PathBuf};

/// A picture of a page, published through its plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureUse {
    pub plan: Plan,
    /// Where the page names it.
    pub pos: Pos,
    /// Shown across the text column (a figure or a gallery photo), so a
    /// small source shows blurred.
    pub stretched: bool,
}

/// A problem with a picture, where the page names it.
#[derive(Debug, Clone)]
pub struct PictureFinding {
    pub pos: Pos,
    pub finding: Finding,
}

/// Where the files a page names are looked for.
pub struct Places<'a> {
    /// The page's bundle folder: `foto.jpg` is looked for here.
    pub bundle: &'a Path,
    /// The page's address under the site (`aktualnosci/x/`).
    pub page_url: &'a str,
    /// The site's content folder: `/img/x.jpg` and `@/img/x.jpg`.
    pub content: &'a Path,
    /// The workspace's static folder: `/img/x.jpg` when content has none.
    pub statics: &'a Path,
    pub bundles: &'a Bundles,
}

/// The file behind an image address and where its original would be
/// published (relative to the site's folder); `None` for an address
/// elsewhere, a file that is not a picture, or a file that is not there
/// (the check reports that one).
pub fn locate(url: &str, places: &Places) -> Option<(PathBuf, String)> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.replace("%20", " ");
    if !media::is_image_name(&path) || path.contains("..") {
        return None;
    }
    let (candidates, output) = if let Some(rel) = path.strip_prefix("@/") {
        (
            vec![places.content.join(rel)],
            asset_output_path(rel, places.bundles),
        )
    } else if let Some(rel) = path.strip_prefix('/') {
        if rel.starts_with('/') {
            return None;
        }
        (
            vec![places.content.join(rel), places.statics.join(rel)],
            rel.to_string(),
        )
    } else if path.contains(':') {
        return None;
    } else {
        (
            vec![places.bundle.join(&path)],
            format!("{}{path}", places.page_url),
        )
    };
    let found = candidates.into_iter().find(|c| c.is_file())?;
    Some((found, output))
}

/// The plan for the picture at `url` and what its file's header says is
/// wrong; `None` when the address is not a local picture.
pub fn plan(url: &str, places: &Places) -> Option<Result<(Plan, Vec<Finding>), Finding>> {
    plan_with_widths(url, places, &media::WIDTHS)
}

/// [`plan`] at the given standard widths (a logo's are smaller).
pub fn plan_with_widths(
    url: &str,
    places: &Places,
    widths: &[u32],
) -> Option<Result<(Plan, Vec<Finding>), Finding>> {
    let (source, output) = locate(url, places)?;
    let name = media::probe::name_of(&source);
    Some(match media::probe(&source) {
        Ok(probe) => Ok((
            Plan::with_widths(source, output, &probe, widths),
            probe.warnings(&name),
        )),
        Err(problem) => Err(problem.finding(&name)),
    })
}

/// The `<img>` attributes after `src`: alt (an empty one marks a
/// decorative picture), title, and lazy loading.
pub fn img_attributes(alt: &str, title: &str) -> String {
    let mut out = format!(" alt=\"{}\"", escape_attribute(alt));
    out.push_str(&title_and_loading(title));
    out
}

/// The title (when there is one) and lazy loading.
fn title_and_loading(title: &str) -> String {
    let mut out = String::new();
    if !title.is_empty() {
        out.push_str(&format!(" title=\"{}\"", escape_attribute(title)));
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\"");
    out
}

/// Raw HTML with each `<img>` of a local picture made a `<picture>` (its
/// alt, title, id and class kept); `plan_of` finds a source's plan.
pub fn rewrite_raw_images(html: &str, mut plan_of: impl FnMut(&str) -> Option<Plan>) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    for start in lower.match_indices("<img").map(|(i, _)| i) {
        if start < done {
            continue;
        }
        let end = lower[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        let element = &html[start..end];
        let first = |name| {
            attribute_values(element, name)
                .first()
                .map(|v| v.to_string())
        };
        let Some(plan) = first("src").and_then(|src| plan_of(&src).map(|p| (src, p))) else {
            continue;
        };
        let (src, plan) = plan;
        // An `<img>` written without alt stays without: that is a fault
        // `check` and the browser tests must still see, not a decorative
        // picture.
        let mut attributes = match first("alt") {
            Some(alt) => img_attributes(&alt, &first("title").unwrap_or_default()),
            None => title_and_loading(&first("title").unwrap_or_default()),
        };
        for kept in ["id", "class"] {
            if let Some(value) = first(kept) {
                attributes.push_str(&format!(" {kept}=\"{}\"", escape_attribute(&value)));
            }
        }
        out.push_str(&html[done..start]);
        out.push_str(&plan.picture_html(&src, media::sizes::PROSE, &attributes));
        done = end;
    }
    out.push_str(&html[done..]);
    out
}
