//! The site model: loaded documents arranged into sites with a home page,
//! sections of announcements (newest first, paginated) and standalone pages,
//! plus the hub's view of all partnerships. Checks that need the whole site
//! (duplicate URLs, links to other files) happen here. The site's URL scheme
//! and the list of everything written for it are [`pages`]; its feeds are
//! [`feeds`].

pub mod feeds;
pub mod neighbours;
pub mod pages;
pub mod taxonomy;

use crate::base::date::PageDate;
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Lang, Location, Text};
use crate::config::SiteConfig;
use crate::content::{Asset, DocKind, Document, LoadedSite};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use taxonomy::{Taxonomy, TaxonomyKind};

/// A site ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// The site's `_index.md`, if it has one.
    pub home: Option<Document>,
    /// Published announcements and standalone pages, in content-path order.
    pub pages: Vec<Document>,
    pub sections: Vec<Section>,
    pub assets: Vec<Asset>,
    /// The logo and EU strip, when published through `media`.
    pub emblems: Vec<crate::content::Emblem>,
    /// Announcements of every section, newest first, computed once.
    newest: Vec<usize>,
    /// Tags, categories and gminy, in that order.
    pub taxonomies: Vec<Taxonomy>,
    /// Newer, older and related announcements of each page, by page index.
    pub neighbours: Vec<neighbours::Neighbours>,
    /// The build's date, against which events and consultations are dated.
    pub now: PageDate,
    /// Pages with a consultation: open ones first (closing soonest), then
    /// planned (opening soonest), then closed (newest first).
    pub consultations: Vec<usize>,
    /// Pages with an event that has not ended, soonest first.
    pub upcoming_events: Vec<usize>,
    /// Announcements by year and month, newest first.
    pub archive: Vec<ArchiveYear>,
    /// Drafts left out of this build, by content path.
    pub skipped_drafts: Vec<String>,
    /// Announcements dated after the build's date, left out until then.
    pub skipped_scheduled: Vec<String>,
    /// The page describing the body in easy-to-read text (`kind: etr`).
    pub easy_read: Option<usize>,
    /// The page describing it in Polish Sign Language (`kind: pjm`).
    pub sign_language: Option<usize>,
}

/// A folder of announcements with its list pages.
#[derive(Debug)]
pub struct Section {
    /// Folder name, e.g. `aktualnosci`.
    pub name: String,
    pub url_path: String,
    pub index: Option<Document>,
    /// Indexes into [`Site::pages`], newest first.
    pub pages: Vec<usize>,
}

impl Section {
    /// The title from `_index.md`, else the folder name as a reader would
    /// write it (`dokumenty-strategiczne` → "Dokumenty strategiczne").
    pub fn title(&self) -> String {
        match &self.index {
            Some(doc) => doc.front.title.clone(),
            None => {
                let words = self.name.replace(['-', '_'], " ");
                let mut chars = words.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => words,
                }
            }
        }
    }
}

/// A picture the site publishes through `media`, with the first place
/// that names it (for a problem found while making its files).
pub struct SitePicture<'a> {
    pub plan: &'a crate::media::Plan,
    pub file: &'a std::path::Path,
    pub pos: crate::content::facts::Pos,
}

impl Site {
    /// Every document the site publishes: home, section indexes, pages.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.home
            .iter()
            .chain(self.sections.iter().filter_map(|s| s.index.as_ref()))
            .chain(self.pages.iter())
    }

    /// Every picture the published documents show (in their text and
    /// galleries) and the logo and EU strip, each once.
    pub fn pictures(&self) -> Vec<SitePicture<'_>> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<SitePicture> = self
            .emblems
            .iter()
            .filter(|e| seen.insert(e.plan.output.as_str()))
            .map(|e| SitePicture {
                plan: &e.plan,
                file: &e.config_file,
                pos: e.pos,
            })
            .collect();
        for doc in self.documents() {
            let body = doc.body.pictures.iter().map(|p| (&p.plan, p.pos));
            let gallery = doc.gallery.iter().map(|g| (&g.plan, g.pos));
            for (plan, pos) in body.chain(gallery) {
                if seen.insert(plan.output.as_str()) {
                    out.push(SitePicture {
                        plan,
                        file: &doc.source,
                        pos,
                    });
                }
            }
        }
        out
    }

    /// Whether a file of the content folder is published as it is:
    /// anything but a photo, unless the site publishes originals (photos,
    /// the logo and the EU strip included, go through `media`).
    pub fn publishes_as_is(&self, output_path: &str) -> bool {
        !crate::media::is_raster_name(output_path) || self.config.images.originals
    }

    /// Frees what only the checks read (each body's links, headings and
    /// other facts) once they have run: hundreds of megabytes at 100,000
    /// pages, held through rendering for nothing.
    pub fn release_check_facts(&mut self) {
        fn release(doc: &mut Document) {
            // Only `build` frees them, and its documents are not shared.
            if let Some(body) = std::sync::Arc::get_mut(&mut doc.body) {
                body.facts = Default::default();
                body.content_links = Vec::new();
            }
        }
        // Freeing 10,000 pages' facts is tens of milliseconds: on every core.
        self.pages.par_iter_mut().for_each(release);
        let section_indexes = self.sections.iter_mut().filter_map(|s| s.index.as_mut());
        self.home
            .iter_mut()
            .chain(section_indexes)
            .for_each(release);
    }

    /// Pages of every section, newest first (ties broken by path).
    pub fn newest_pages(&self) -> &[usize] {
        &self.newest
    }
}

/// A year of the archive with its months.
#[derive(Debug)]
pub struct ArchiveYear {
    pub year: u16,
    /// Newest first.
    pub pages: Vec<usize>,
    /// Newest month first.
    pub months: Vec<ArchiveMonth>,
}

#[derive(Debug)]
pub struct ArchiveMonth {
    pub month: u8,
    pub pages: Vec<usize>,
}

/// Groups `newest` (announcements, newest first) by year and month.
fn build_archive(pages: &[Document], newest: &[usize]) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for &index in newest {
        let Some(date) = pages[index].front.date else {
            continue;
        };
        if years.last().is_none_or(|y| y.year != date.year) {
            years.push(ArchiveYear {
                year: date.year,
                pages: Vec::new(),
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        year.pages.push(index);
        if year.months.last().is_none_or(|m| m.month != date.month) {
            year.months.push(ArchiveMonth {
                month: date.month,
                pages: Vec::new(),
            });
        }
        if let Some(month) = year.months.last_mut() {
            month.pages.push(index);
        }
    }
    years
}

/// Where a consultation stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConsultationStatus {
    Open,
    Planned,
    Closed,
}

impl ConsultationStatus {
    pub fn of(consultation: &crate::content::front_matter::Consultation, now: PageDate) -> Self {
        if now < consultation.from.date_only() {
            ConsultationStatus::Planned
        } else if now > consultation.to.date_only() {
            ConsultationStatus::Closed
        } else {
            ConsultationStatus::Open
        }
    }

    /// The state as a word for class names and data: `open`, `planned`, `closed`.
    pub fn css_name(self) -> &'static str {
        match self {
            ConsultationStatus::Open => "open",
            ConsultationStatus::Planned => "planned",
            ConsultationStatus::Closed => "closed",
        }
    }

    /// The i18n key of the status ("trwają", "zaplanowane", "zakończone").
    pub fn i18n_key(self) -> &'static str {
        match self {
            ConsultationStatus::Open => "consultation_open",
            ConsultationStatus::Planned => "consultation_planned",
            ConsultationStatus::Closed => "consultation_closed",
        }
    }
}

fn order_consultations(pages: &[Document], now: PageDate) -> Vec<usize> {
    let mut list: Vec<(ConsultationStatus, i64, usize)> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let c = doc.front.consultation.as_ref()?;
            let status = ConsultationStatus::of(c, now);
            // Sort keys as day numbers: soonest first, except closed: newest first.
            let key = match status {
                ConsultationStatus::Open => day_number(c.to),
                ConsultationStatus::Planned => day_number(c.from),
                ConsultationStatus::Closed => -day_number(c.to),
            };
            Some((status, key, i))
        })
        .collect();
    list.sort();
    list.into_iter().map(|(_, _, i)| i).collect()
}

fn upcoming_events(pages: &[Document], now: PageDate) -> Vec<usize> {
    let mut list: Vec<(PageDate, usize)> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let event = doc.front.event.as_ref()?;
            let last_day = event.end.unwrap_or(event.start).date_only();
            (last_day >= now).then_some((event.start, i))
        })
        .collect();
    list.sort();
    list.into_iter().map(|(_, i)| i).collect()
}

fn day_number(date: PageDate) -> i64 {
    i64::from(date.year) * 400 + i64::from(date.month) * 32 + i64::from(date.day)
}

/// The hub's view of the partnerships: every announcement of every
/// partnership site as (site index, page index), newest first; ties are
/// broken by site id and file path so the order never changes between builds.
pub fn partnership_news(sites: &[Site]) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> = sites
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.config.hub)
        .flat_map(|(si, s)| s.newest_pages().iter().map(move |&pi| (si, pi)))
        .collect();
    all.sort_by(|&(sa, pa), &(sb, pb)| {
        newest_across_sites(
            (&sites[sa].config, &sites[sa].pages[pa]),
            (&sites[sb].config, &sites[sb].pages[pb]),
        )
    });
    all
}

/// Order of announcements from several sites: newest first, then by site
/// id and file path, so it never changes between builds.
pub fn newest_across_sites(
    (site_a, a): (&SiteConfig, &Document),
    (site_b, b): (&SiteConfig, &Document),
) -> std::cmp::Ordering {
    b.front
        .date
        .cmp(&a.front.date)
        .then_with(|| site_a.id.cmp(&site_b.id))
        .then_with(|| a.content_path.cmp(&b.content_path))
}

/// Options of the model stage.
#[derive(Debug, Clone, Copy)]
pub struct ModelOptions {
    /// Publish drafts and announcements dated in the future (for previews).
    pub include_drafts: bool,
    /// The build's date: announcements dated later are scheduled, not published.
    pub now: PageDate,
}

impl ModelOptions {
    fn publishes(&self, doc: &Document) -> bool {
        doc.kind != DocKind::Page
            || self.include_drafts
            || !(doc.front.draft || self.is_scheduled(doc))
    }

    fn is_scheduled(&self, doc: &Document) -> bool {
        doc.front.date.is_some_and(|d| d.date_only() > self.now)
    }
}

/// Arranges each loaded site; collects every problem of every site.
pub fn assemble(
    loaded: Vec<(SiteConfig, LoadedSite)>,
    options: ModelOptions,
) -> (Vec<Site>, Vec<Diagnostic>) {
    let mut sites = Vec::new();
    let mut problems = Vec::new();
    for (config, site) in loaded {
        let (site, found) = assemble_site(config, site, options);
        sites.push(site);
        problems.extend(found);
    }
    (sites, problems)
}

/// Arranges one loaded site into its model, with the problems found on the
/// way (duplicate addresses, `@/` links to nothing). The model is whole
/// even then, so that the checks can still run and every problem of a
/// build is reported in one run; a build with problems writes nothing.
pub fn assemble_site(
    config: SiteConfig,
    loaded: LoadedSite,
    options: ModelOptions,
) -> (Site, Vec<Diagnostic>) {
    let unpublished: PathSet = loaded
        .documents
        .iter()
        .filter(|d| !options.publishes(d))
        .map(|d| d.content_path.as_str())
        .collect();
    let mut problems = check_unique_urls(&loaded.documents);
    problems.extend(check_content_links(&loaded, &unpublished));
    let unpublished: BTreeSet<String> = unpublished.into_iter().map(str::to_string).collect();
    let assets = loaded
        .assets
        .into_iter()
        .filter(|a| {
            a.bundle_of
                .as_ref()
                .is_none_or(|page| !unpublished.contains(page))
        })
        .collect();
    let mut home = None;
    let mut section_indexes = BTreeMap::new();
    let mut pages = Vec::new();
    let mut skipped_drafts = Vec::new();
    let mut skipped_scheduled = Vec::new();
    for doc in loaded.documents {
        match doc.kind {
            DocKind::SiteIndex => home = Some(doc),
            DocKind::SectionIndex => {
                if let Some(section) = doc.section.clone() {
                    section_indexes.insert(section, doc);
                }
            }
            DocKind::Page if options.publishes(&doc) => pages.push(doc),
            DocKind::Page if doc.front.draft => skipped_drafts.push(doc.content_path),
            DocKind::Page => skipped_scheduled.push(doc.content_path),
        }
    }
    let sections = build_sections(&pages, section_indexes);
    let mut newest: Vec<usize> = sections
        .iter()
        .flat_map(|s| s.pages.iter().copied())
        .collect();
    sort_newest_first(&mut newest, &pages);
    let taxonomies: Vec<Taxonomy> = TaxonomyKind::ALL
        .par_iter()
        .map(|&kind| taxonomy::build(kind, &config, &pages, &newest))
        .collect();
    let neighbours = neighbours::compute(&pages, &sections, &taxonomies, &newest);
    let consultations = order_consultations(&pages, options.now);
    let upcoming_events = upcoming_events(&pages, options.now);
    let archive = build_archive(&pages, &newest);
    let kind = |k| pages.iter().position(|d: &Document| d.front.kind == k);
    let easy_read = kind(crate::content::front_matter::PageKind::Etr);
    let sign_language = kind(crate::content::front_matter::PageKind::Pjm);
    let site = Site {
        config,
        home,
        pages,
        newest,
        sections,
        assets,
        emblems: loaded.emblems,
        taxonomies,
        neighbours,
        now: options.now,
        consultations,
        upcoming_events,
        archive,
        skipped_drafts,
        skipped_scheduled,
        easy_read,
        sign_language,
    };
    (site, problems)
}

fn build_sections(pages: &[Document], mut indexes: BTreeMap<String, Document>) -> Vec<Section> {
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Some(section) = &page.section {
            members.entry(section.clone()).or_default().push(i);
        }
    }
    let names: BTreeSet<String> = members.keys().chain(indexes.keys()).cloned().collect();
    names
        .into_iter()
        .map(|name| {
            let mut list = members.remove(&name).unwrap_or_default();
            sort_newest_first(&mut list, pages);
            Section {
                url_path: format!("{name}/"),
                index: indexes.remove(&name),
                name,
                pages: list,
            }
        })
        .collect()
}

fn sort_newest_first(list: &mut [usize], pages: &[Document]) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.content_path.cmp(&b.content_path))
    });
}

/// Two files must not produce the same address (e.g. the same slug under
/// two dates).
fn check_unique_urls(documents: &[Document]) -> Vec<Diagnostic> {
    let mut seen: rustc_hash::FxHashMap<&str, &Document> = rustc_hash::FxHashMap::default();
    let mut problems = Vec::new();
    for doc in documents {
        if let Some(first) = seen.insert(&doc.url_path, doc) {
            let url = &doc.url_path;
            let other = first.content_path.clone();
            problems.push(
                Diagnostic::error(
                    Location::at(&doc.source, 1, 1),
                    text!(
                        "ten plik ma ten sam adres /{url} co {other}",
                        "this file has the same address /{url} as {other}"
                    ),
                )
                .with_hint(Text::new(
                    "zmień nazwę jednego z plików (część po dacie), aby adresy się różniły",
                    "rename one of the files (the part after the date) so the addresses differ",
                )),
            );
            seen.insert(&first.url_path, first);
        }
    }
    problems
}

/// Every `@/…` link must name a file of the same site.
/// A published page must not link to a draft that this build leaves out.
fn check_content_links(site: &LoadedSite, unpublished: &PathSet) -> Vec<Diagnostic> {
    let known = known_paths(site);
    site.documents
        .par_iter()
        .filter(|doc| !unpublished.contains(doc.content_path.as_str()))
        .flat_map_iter(|doc| link_problems(doc, &known, unpublished))
        .collect()
}

/// The problems [`assemble_site`] finds in the `@/…` links of one
/// document of `site`, for `serve` when only that file changed.
pub fn content_link_problems(
    site: &LoadedSite,
    doc: &Document,
    options: ModelOptions,
) -> Vec<Diagnostic> {
    if doc.body.content_links.is_empty() || !options.publishes(doc) {
        return Vec::new();
    }
    let unpublished: PathSet = site
        .documents
        .iter()
        .filter(|d| !options.publishes(d))
        .map(|d| d.content_path.as_str())
        .collect();
    link_problems(doc, &known_paths(site), &unpublished)
}

/// Content paths, hashed: a 100,000-page site looks each of its links up.
type PathSet<'a> = rustc_hash::FxHashSet<&'a str>;

/// Content paths a `@/…` link may name.
fn known_paths(site: &LoadedSite) -> PathSet<'_> {
    site.documents
        .iter()
        .map(|d| d.content_path.as_str())
        .chain(site.assets.iter().map(|a| a.content_path.as_str()))
        .chain(site.failed.iter().map(String::as_str))
        .collect()
}

fn link_problems(doc: &Document, known: &PathSet, unpublished: &PathSet) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for link in &doc.body.content_links {
        if unpublished.contains(link.target.as_str()) {
            let target = &link.target;
            problems.push(
                Diagnostic::error(
                    Location::at(&doc.source, link.line, link.column),
                    text!(
                        "odnośnik do @/{target} prowadzi do szkicu (draft: true), który nie zostanie opublikowany",
                        "the link to @/{target} leads to a draft (draft: true) that will not be published"
                    ),
                )
                .with_hint(Text::new(
                    "opublikuj tamto ogłoszenie (usuń draft: true) albo usuń odnośnik; podgląd ze szkicami: tablica build --drafts",
                    "publish that announcement (remove draft: true) or remove the link; to preview with drafts: tablica build --drafts",
                )),
            );
            continue;
        }
        if known.contains(link.target.as_str()) {
            continue;
        }
        let target = &link.target;
        let similar = similar_path(target, known);
        let mut d = Diagnostic::error(
            Location::at(&doc.source, link.line, link.column),
            text!(
                "odnośnik do @/{target}: nie ma takiego pliku",
                "link to @/{target}: there is no such file"
            ),
        );
        d = match similar {
            Some(near) => d.with_hint(text!("czy chodziło o @/{near}?", "did you mean @/{near}?")),
            None => d.with_hint(Text::new(
                "podaj ścieżkę pliku od folderu witryny, np. @/aktualnosci/2021-01-20-tytul.md",
                "give the file's path from the site's folder, e.g. @/aktualnosci/2021-01-20-title.md",
            )),
        };
        problems.push(d);
    }
    problems
}

/// The known content path most like `target`: same file name in another
/// folder, or a file name (without its date) that differs by a typo.
fn similar_path<'a>(target: &str, known: &PathSet<'a>) -> Option<&'a str> {
    let name = |path: &str| -> String {
        let file = path.rsplit('/').next().unwrap_or(path);
        crate::base::typography::strip_date_prefix(file.trim_end_matches(".md")).to_string()
    };
    let wanted = name(target);
    let mut candidates: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| !k.ends_with("_index.md"))
        .collect();
    // In path order, so that of two equally near names the same one wins.
    candidates.sort_unstable();
    let names: Vec<String> = candidates.iter().map(|k| name(k)).collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let best = crate::base::diagnostic::nearest(&wanted, &name_refs)?;
    let index = name_refs.iter().position(|n| *n == best)?;
    Some(candidates[index])
}

/// A page's position in a paginated list.
#[derive(Debug, Clone)]
pub struct Pager {
    /// 1-based number of this list page.
    pub number: usize,
    pub total: usize,
    /// Indexes into [`Site::pages`] shown on this list page.
    pub items: Vec<usize>,
}

/// URL path of list page `number` of a list at `url_path` (page 1 is the
/// list itself): `strona/2/` on Polish sites, `page/2/` on English ones.
pub fn pager_url_path(url_path: &str, number: usize, lang: Lang) -> String {
    let word = match lang {
        Lang::Pl => "strona",
        Lang::En => "page",
    };
    if number <= 1 {
        url_path.to_string()
    } else {
        format!("{url_path}{word}/{number}/")
    }
}

/// Splits a list into pages of `per_page`; an empty list still has one page.
pub fn paginate(items: &[usize], per_page: usize) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total = items.len().div_ceil(per_page).max(1);
    (0..total)
        .map(|i| Pager {
            number: i + 1,
            total,
            items: items
                .iter()
                .skip(i * per_page)
                .take(per_page)
                .copied()
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_puts_page_one_at_the_list_url() {
        let pages = paginate(&(0..23).collect::<Vec<_>>(), 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].items, vec![20, 21, 22]);
        assert_eq!(pager_url_path("aktualnosci/", 1, Lang::Pl), "aktualnosci/");
        assert_eq!(
            pager_url_path("aktualnosci/", 3, Lang::Pl),
            "aktualnosci/strona/3/"
        );
        assert_eq!(pager_url_path("news/", 2, Lang::En), "news/page/2/");
        assert_eq!(paginate(&[], 10).len(), 1);
    }
}
