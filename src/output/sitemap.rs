//! `sitemap.xml` (every page with its last modification date) and
//! `robots.txt` pointing to it.

use super::feeds::escape;
use crate::base::date::PageDate;
use crate::site::pages::Item;
use crate::site::Site;

/// The sitemap of the pages in `items` (output paths and what they show).
pub fn sitemap(site: &Site, items: &[(String, Item)]) -> String {
    let base = site.config.base_url();
    let mut xml = String::with_capacity(256 + items.len() * 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, item) in items {
        if matches!(item, Item::NotFound) {
            continue;
        }
        let url_path = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "<url><loc>{}</loc>",
            escape(&format!("{base}{url_path}"))
        ));
        if let Some(date) = lastmod(site, item) {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.iso_date()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// When a page last changed: an announcement's update or publication date;
/// a list's newest item.
fn lastmod(site: &Site, item: &Item) -> Option<PageDate> {
    let changed = |i: usize| {
        let front = &site.pages[i].front;
        front.updated.max(front.date)
    };
    match item {
        Item::Page(i) => changed(*i),
        Item::List { pager, .. } => pager.items.iter().filter_map(|&i| changed(i)).max(),
        Item::Home => site.newest_pages().iter().filter_map(|&i| changed(i)).max(),
        _ => None,
    }
    .map(PageDate::date_only)
}

/// `robots.txt`: everything may be indexed; the sitemap is named.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url()
    )
}
