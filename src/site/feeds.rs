//! Which feeds a site has and what each carries: the site's own (for the
//! hub, with every partnership's news) and one per taxonomy term, each
//! with its newest dated announcements. `output` writes them as Atom and
//! RSS; `check` knows from the same list which feed addresses exist.

use super::{newest_across_sites, partnership_news, Site};
use crate::config::SiteConfig;
use crate::content::Document;

/// Entries in a feed: the newest announcements.
pub const FEED_LENGTH: usize = 20;

/// One feed's subject: its title, where it lives, and its announcements.
pub struct Channel<'a> {
    pub title: String,
    /// Folder of the feed within the site (`` or `tagi/konsultacje/`).
    pub url_path: &'a str,
    /// The newest announcements, each with the site it belongs to.
    pub entries: Vec<Entry<'a>>,
}

/// An announcement in a feed and the site whose address it has.
pub type Entry<'a> = (&'a SiteConfig, &'a Document);

/// Every feed of `site` that has an entry. The hub's main feed combines
/// its own news with every partnership's (`all`).
pub fn channels<'a>(site: &'a Site, all: &'a [Site]) -> Vec<Channel<'a>> {
    let own = |pages: &[usize]| -> Vec<Entry> {
        pages
            .iter()
            .map(|&i| (&site.config, &site.pages[i]))
            .collect()
    };
    let mut main = own(site.newest_pages());
    if site.config.hub {
        main.extend(
            partnership_news(all)
                .into_iter()
                .take(FEED_LENGTH)
                .map(|(si, pi)| (&all[si].config, &all[si].pages[pi])),
        );
        main.sort_by(|&a, &b| newest_across_sites(a, b));
    }
    let mut channels = vec![Channel {
        title: site.config.title.clone(),
        url_path: "",
        entries: main,
    }];
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            channels.push(Channel {
                title: format!("{} – {}", site.config.title, term.name),
                url_path: &term.url_path,
                entries: own(&term.pages),
            });
        }
    }
    for channel in &mut channels {
        channel.entries.retain(|(_, d)| d.front.date.is_some());
        channel.entries.truncate(FEED_LENGTH);
    }
    channels.retain(|c| !c.entries.is_empty());
    channels
}
