//! The site's URL scheme and the list of everything a build writes for it:
//! every page (home, list pages with their pagers, taxonomy indexes, the
//! archive, announcements, the accessibility statement, 404, search) with
//! its output path, what each list page shows, and the generated files
//! beside them (feeds, sitemap, robots.txt, calendar files). `check` and
//! `output` read this one list; `render` only turns an item into HTML.

use super::feeds;
use super::taxonomy::TaxonomyKind;
use super::{pager_url_path, paginate, Pager, Site};
use crate::base::date::month_heading;
use crate::base::diagnostic::Lang;

/// The page a server shows for a missing address.
pub const NOT_FOUND_FILE: &str = "404.html";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";
/// A feed's two files, in the folder of the list it follows.
pub const ATOM_FILE: &str = "atom.xml";
pub const RSS_FILE: &str = "rss.xml";
/// Name of an event's iCalendar file, next to its page.
pub const ICS_FILE: &str = "wydarzenie.ics";
/// Name of the calendar of every upcoming event, in the events list's folder.
pub const CALENDAR_FILE: &str = "kalendarz.ics";
/// How many upcoming events the home page shows (the events list has all).
pub const HOME_EVENTS: usize = 5;
/// URL path of the accessibility statement (the same in both languages:
/// the law names it in Polish).
pub const ACCESSIBILITY_PATH: &str = "deklaracja-dostepnosci/";

/// One output page of a site.
#[derive(Debug, Clone)]
pub enum Item {
    Home,
    /// A page of an announcement list: a section's or a taxonomy term's.
    List {
        list: ListOf,
        pager: Pager,
    },
    /// The list of a taxonomy's terms (for gminy: the members page).
    TaxonomyIndex(usize),
    /// The archive's years and months.
    ArchiveIndex,
    /// An announcement or standalone page, by index into [`Site::pages`].
    Page(usize),
    /// The accessibility statement (Deklaracja dostępności).
    AccessibilityStatement,
    /// The page a server shows for a missing address (`404.html`).
    NotFound,
    /// The search page, which `search.js` brings to life.
    Search,
}

impl Item {
    /// Whether this page shows anything of announcement `page` of `site`:
    /// its title, summary, text or address, as the page itself, a card in
    /// a list, a newer/older link or a related announcement. When only an
    /// announcement's words change (not its date, labels or place in any
    /// list), these are the pages that change with it; `serve` renders
    /// just them.
    pub fn shows(&self, site: &Site, page: usize) -> bool {
        match self {
            Item::Page(own) if *own == page => true,
            Item::Page(other) => site.neighbours.get(*other).is_some_and(|n| {
                n.newer == Some(page) || n.older == Some(page) || n.related.contains(&page)
            }),
            Item::List { pager, .. } => pager.items.contains(&page),
            Item::Home => {
                let latest = site.newest_pages().iter().take(site.config.paginate_by);
                let events = site.upcoming_events.iter().take(HOME_EVENTS);
                latest
                    .chain(events)
                    .chain(&site.consultations)
                    .any(|&i| i == page)
            }
            Item::TaxonomyIndex(_)
            | Item::ArchiveIndex
            | Item::AccessibilityStatement
            | Item::NotFound
            | Item::Search => false,
        }
    }
}

/// Which list a list page shows.
#[derive(Debug, Clone, Copy)]
pub enum ListOf {
    Section(usize),
    /// Announcements of public consultations, open ones first.
    Consultations,
    /// Announcements of events that have not ended, soonest first.
    Events,
    /// A year of the archive, by index.
    Year(usize),
    /// A month of the archive, by year and month index.
    Month(usize, usize),
    /// A term, by taxonomy and term index.
    Term(usize, usize),
}

/// What a list page shows about its list, before the theme's words are
/// put in: render looks up each key in the theme's translations.
#[derive(Debug, Clone)]
pub struct ListPage<'s> {
    pub title: ListTitle,
    /// The list's first page, relative to the site (`aktualnosci/`).
    pub url_path: String,
    /// HTML shown above the list (a section's `_index.md`).
    pub intro: std::borrow::Cow<'s, str>,
    /// The breadcrumbs between the home page and the list.
    pub crumbs: Vec<Crumb>,
    /// The folder of the Atom and RSS feeds that follow this list (within
    /// the site: `` for the site's own, `tagi/drogi/` for a term's).
    pub feed: Option<String>,
    /// The announcements listed, as indexes into [`Site::pages`].
    pub pages: &'s [usize],
    /// An iCalendar file of the list's events, within the site.
    pub calendar: Option<String>,
}

/// A list's title: fixed text, a translated word, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListTitle {
    Text(String),
    /// The theme's string for this key.
    Key(&'static str),
    /// The theme's string, a space and the text ("Archiwum 2024").
    KeyThenText(&'static str, String),
    /// The theme's string, a colon and the text ("Tag: drogi").
    KeyColonText(&'static str, String),
}

/// A breadcrumb above a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crumb {
    Home,
    Archive,
    /// A taxonomy's index, by index into [`Site::taxonomies`].
    Taxonomy(usize),
}

/// URL path of the search page.
pub fn search_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "szukaj/",
        Lang::En => "search/",
    }
}

/// URL path of the archive.
pub fn archive_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "archiwum/",
        Lang::En => "archive/",
    }
}

/// URL path of the list of upcoming events.
pub fn events_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "wydarzenia/",
        Lang::En => "events/",
    }
}

/// URL path of the list of consultations.
pub fn consultations_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "konsultacje/",
        Lang::En => "consultations/",
    }
}

impl Site {
    /// URL path of a year of the archive, by index.
    pub fn year_path(&self, y: usize) -> String {
        format!(
            "{}{}/",
            archive_path(self.config.lang()),
            self.archive[y].year
        )
    }

    /// URL path of a month of the archive, by year and month index.
    pub fn month_path(&self, y: usize, m: usize) -> String {
        format!(
            "{}{:02}/",
            self.year_path(y),
            self.archive[y].months[m].month
        )
    }

    /// What the list pages of `list` show.
    pub fn list_page(&self, list: ListOf) -> ListPage<'_> {
        let lang = self.config.lang();
        let plain = |title, url_path, crumbs, pages| ListPage {
            title,
            url_path,
            intro: "".into(),
            crumbs,
            feed: None,
            pages,
            calendar: None,
        };
        match list {
            ListOf::Section(index) => {
                let section = &self.sections[index];
                // The site's own feed carries every section's news.
                let dated = section
                    .pages
                    .iter()
                    .any(|&i| self.pages[i].front.date.is_some());
                ListPage {
                    intro: section.index.as_ref().map_or("".into(), |d| d.body.html()),
                    feed: dated.then(String::new),
                    ..plain(
                        ListTitle::Text(section.title()),
                        section.url_path.clone(),
                        vec![Crumb::Home],
                        &section.pages,
                    )
                }
            }
            ListOf::Consultations => plain(
                ListTitle::Key("consultations"),
                consultations_path(lang).to_string(),
                vec![Crumb::Home],
                &self.consultations,
            ),
            ListOf::Events => ListPage {
                calendar: Some(format!("{}{CALENDAR_FILE}", events_path(lang))),
                ..plain(
                    ListTitle::Key("upcoming_events"),
                    events_path(lang).to_string(),
                    vec![Crumb::Home],
                    &self.upcoming_events,
                )
            },
            ListOf::Year(y) => plain(
                ListTitle::KeyThenText("archive", self.archive[y].year.to_string()),
                self.year_path(y),
                vec![Crumb::Home, Crumb::Archive],
                &self.archive[y].pages,
            ),
            ListOf::Month(y, m) => {
                let (year, month) = (&self.archive[y], &self.archive[y].months[m]);
                plain(
                    ListTitle::Text(month_heading(year.year, month.month, lang)),
                    self.month_path(y, m),
                    vec![Crumb::Home, Crumb::Archive],
                    &month.pages,
                )
            }
            ListOf::Term(t, i) => self.term_list_page(t, i),
        }
    }

    fn term_list_page(&self, t: usize, i: usize) -> ListPage<'_> {
        let taxonomy = &self.taxonomies[t];
        let term = &taxonomy.terms[i];
        let title = match taxonomy.kind {
            // A gmina's name says what it is.
            TaxonomyKind::Gminy => ListTitle::Text(term.name.clone()),
            kind => ListTitle::KeyColonText(kind.term_label_key(), term.name.clone()),
        };
        ListPage {
            title,
            url_path: term.url_path.clone(),
            intro: "".into(),
            crumbs: vec![Crumb::Home, Crumb::Taxonomy(t)],
            feed: (!term.pages.is_empty()).then(|| term.url_path.clone()),
            pages: &term.pages,
            calendar: None,
        }
    }

    /// Every list of the site, in the order their pages are written.
    fn lists(&self) -> Vec<ListOf> {
        let mut lists: Vec<ListOf> = (0..self.sections.len()).map(ListOf::Section).collect();
        for (y, year) in self.archive.iter().enumerate() {
            lists.push(ListOf::Year(y));
            lists.extend((0..year.months.len()).map(|m| ListOf::Month(y, m)));
        }
        if !self.consultations.is_empty() {
            lists.push(ListOf::Consultations);
        }
        if !self.upcoming_events.is_empty() {
            lists.push(ListOf::Events);
        }
        for (t, taxonomy) in self.taxonomies.iter().enumerate() {
            lists.extend((0..taxonomy.terms.len()).map(|i| ListOf::Term(t, i)));
        }
        lists
    }

    /// Every page of the site with its output path relative to the site
    /// folder, whatever the theme (which may leave out [`Item::Search`]).
    pub fn items(&self) -> Vec<(String, Item)> {
        let lang = self.config.lang();
        let mut items = vec![
            ("index.html".to_string(), Item::Home),
            (NOT_FOUND_FILE.to_string(), Item::NotFound),
            (format!("{}index.html", search_path(lang)), Item::Search),
        ];
        if self.config.accessibility.is_some() {
            items.push((
                format!("{ACCESSIBILITY_PATH}index.html"),
                Item::AccessibilityStatement,
            ));
        }
        let mut archive_index_done = false;
        let mut taxonomy_index_done = None;
        for list in self.lists() {
            // An index page comes just before the first of its lists.
            match list {
                ListOf::Year(_) if !archive_index_done => {
                    archive_index_done = true;
                    items.push((
                        format!("{}index.html", archive_path(lang)),
                        Item::ArchiveIndex,
                    ));
                }
                ListOf::Term(t, _) if taxonomy_index_done != Some(t) => {
                    taxonomy_index_done = Some(t);
                    let path = format!("{}index.html", self.taxonomies[t].url_path);
                    items.push((path, Item::TaxonomyIndex(t)));
                }
                _ => {}
            }
            let page = self.list_page(list);
            for pager in paginate(page.pages, self.config.paginate_by) {
                let path = format!(
                    "{}index.html",
                    pager_url_path(&page.url_path, pager.number, lang)
                );
                items.push((path, Item::List { list, pager }));
            }
        }
        for (index, page) in self.pages.iter().enumerate() {
            items.push((format!("{}index.html", page.url_path), Item::Page(index)));
        }
        items
    }

    /// Every file the build generates beside the pages of [`Site::items`],
    /// relative to the site folder: feeds, sitemap, robots.txt and the
    /// calendar file of each event. `all` gives the hub's feed its news.
    pub fn generated_files(&self, all: &[Site]) -> Vec<String> {
        let mut files = vec![SITEMAP_FILE.to_string(), ROBOTS_FILE.to_string()];
        for channel in feeds::channels(self, all) {
            files.push(format!("{}{ATOM_FILE}", channel.url_path));
            files.push(format!("{}{RSS_FILE}", channel.url_path));
        }
        files.extend(
            self.event_pages()
                .map(|doc| format!("{}{ICS_FILE}", doc.url_path)),
        );
        if !self.upcoming_events.is_empty() {
            let lang = self.config.lang();
            files.push(format!("{}{CALENDAR_FILE}", events_path(lang)));
        }
        files
    }

    /// The pages with an event, which get a calendar file.
    pub fn event_pages(&self) -> impl Iterator<Item = &crate::content::Document> {
        self.pages.iter().filter(|doc| doc.front.event.is_some())
    }
}
