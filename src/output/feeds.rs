//! Feeds: Atom and RSS 2.0 for a site and for each taxonomy term, written
//! from the site model with absolute URLs and Poland's UTC offset, so that
//! feed readers and other portals can follow a partnership.

use crate::base::date::PageDate;
use crate::content::Document;
use crate::site::feeds::Channel;
use crate::site::pages::{ATOM_FILE, RSS_FILE};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;

/// Every feed file of `site` as (path in the site folder, contents). The
/// hub's main feed combines its own news with every partnership's.
pub fn feed_files(site: &Site, all: &[Site]) -> Vec<(String, String)> {
    feed_files_carrying(site, all, |_| true)
}

/// The feed files of the channels that carry an announcement `carries`
/// accepts (`serve`, after a page's words changed, writes just those).
pub fn feed_files_carrying(
    site: &Site,
    all: &[Site],
    carries: impl Fn(&Document) -> bool,
) -> Vec<(String, String)> {
    let mut channels = crate::site::feeds::channels(site, all);
    channels.retain(|c| c.entries.iter().any(|&(_, doc)| carries(doc)));
    let contents = escaped_contents(&channels);
    channels
        .par_iter()
        .flat_map_iter(|c| {
            [
                (
                    format!("{}{ATOM_FILE}", c.url_path),
                    atom(site, c, &contents),
                ),
                (format!("{}{RSS_FILE}", c.url_path), rss(site, c)),
            ]
        })
        .collect()
}

/// Each entry's body escaped for Atom's `<content>`, once per page however
/// many feeds (its tags, categories, gminy) carry it; keyed by the page's
/// address in memory, which tells pages of different sites apart.
type Contents = HashMap<usize, String>;

fn page_key(doc: &Document) -> usize {
    doc as *const Document as usize
}

fn escaped_contents(channels: &[Channel]) -> Contents {
    let mut docs: Vec<&Document> = channels
        .iter()
        .flat_map(|c| c.entries.iter().map(|&(_, d)| d))
        .collect();
    docs.sort_by_key(|&d| page_key(d));
    docs.dedup_by_key(|d| page_key(d));
    docs.par_iter()
        .map(|&d| (page_key(d), escape(&d.body.html())))
        .collect()
}

fn published(doc: &Document) -> PageDate {
    doc.front.date.unwrap_or(PageDate {
        year: 1970,
        month: 1,
        day: 1,
        time: None,
    })
}

fn updated(doc: &Document) -> PageDate {
    doc.front
        .updated
        .unwrap_or_else(|| published(doc))
        .max(published(doc))
}

fn atom(site: &Site, channel: &Channel, contents: &Contents) -> String {
    let base = site.config.base_url();
    let entries = &channel.entries;
    let feed_updated = entries
        .iter()
        .map(|(_, d)| updated(d))
        .max()
        .map_or(String::new(), |d| d.rfc3339());
    let author = site
        .config
        .contact
        .as_ref()
        .map_or(site.config.title.as_str(), |c| c.office.as_str());
    let mut xml = String::with_capacity(4096 + entries.len() * 4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.lang().code()
    ));
    xml.push_str(&format!("<title>{}</title>\n", escape(&channel.title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            escape(&site.config.description)
        ));
    }
    let page_url = format!("{base}{}", channel.url_path);
    xml.push_str(&format!(
        "<link href=\"{}atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape(&page_url)
    ));
    xml.push_str(&format!(
        "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        escape(&page_url)
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n<updated>{feed_updated}</updated>\n",
        escape(&page_url)
    ));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(author)
    ));
    for (owner, doc) in entries {
        let url = format!("{}{}", owner.base_url(), doc.url_path);
        // xml:base makes the page's relative links (bundle images, /paths) resolve.
        xml.push_str(&format!("<entry xml:base=\"{}\">\n", escape(&url)));
        xml.push_str(&format!("<title>{}</title>\n", escape(&doc.front.title)));
        xml.push_str(&format!(
            "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            escape(&url)
        ));
        xml.push_str(&format!("<id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "<published>{}</published>\n",
            published(doc).rfc3339()
        ));
        xml.push_str(&format!("<updated>{}</updated>\n", updated(doc).rfc3339()));
        for category in doc.front.categories.iter().chain(&doc.front.tags) {
            xml.push_str(&format!("<category term=\"{}\"/>\n", escape(category)));
        }
        xml.push_str(&format!("<summary>{}</summary>\n", escape(&doc.summary())));
        let content = contents.get(&page_key(doc));
        xml.push_str("<content type=\"html\">");
        match content {
            Some(escaped) => xml.push_str(escaped),
            None => xml.push_str(&escape(&doc.body.html())),
        }
        xml.push_str("</content>\n");
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn rss(site: &Site, channel: &Channel) -> String {
    let base = site.config.base_url();
    let entries = &channel.entries;
    let page_url = format!("{base}{}", channel.url_path);
    let description = if site.config.description.is_empty() {
        &channel.title
    } else {
        &site.config.description
    };
    let mut xml = String::with_capacity(2048 + entries.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    xml.push_str(&format!("<title>{}</title>\n", escape(&channel.title)));
    xml.push_str(&format!("<link>{}</link>\n", escape(&page_url)));
    xml.push_str(&format!(
        "<description>{}</description>\n",
        escape(description)
    ));
    xml.push_str(&format!(
        "<language>{}</language>\n",
        site.config.lang().code()
    ));
    xml.push_str(&format!(
        "<atom:link href=\"{}rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&page_url)
    ));
    if let Some(newest) = entries.iter().map(|(_, d)| updated(d)).max() {
        // The newest entry's date, not the build time: output stays deterministic.
        xml.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            newest.rfc822()
        ));
    }
    for (owner, doc) in entries {
        let url = format!("{}{}", owner.base_url(), doc.url_path);
        xml.push_str("<item>\n");
        xml.push_str(&format!("<title>{}</title>\n", escape(&doc.front.title)));
        xml.push_str(&format!("<link>{}</link>\n", escape(&url)));
        xml.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>\n",
            escape(&url)
        ));
        xml.push_str(&format!("<pubDate>{}</pubDate>\n", published(doc).rfc822()));
        for category in &doc.front.categories {
            xml.push_str(&format!("<category>{}</category>\n", escape(category)));
        }
        xml.push_str(&format!(
            "<description>{}</description>\n",
            escape(&doc.summary())
        ));
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// Escapes text for XML content and attribute values.
pub use crate::base::escape::escape_attribute as escape;
