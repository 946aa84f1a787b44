//! Template contexts: what each kind of output page shows, as Tera values.

use super::statement;
use super::theme::{template_error, Theme, HUB_TEMPLATE, SEARCH_TEMPLATE};
use super::vars::Vars;
use super::views::*;
use crate::base::date::month_heading;
use crate::base::diagnostic::{Diagnostic, Lang};
use crate::base::typography::typeset;
use crate::content::front_matter::PageKind;
use crate::content::Document;
use crate::site::pages::{
    archive_path, consultations_path, events_path, search_path, Crumb, Item, ListOf, ListTitle,
    ACCESSIBILITY_PATH, HOME_EVENTS, ICS_FILE,
};
use crate::site::taxonomy::TaxonomyKind;
use crate::site::{pager_url_path, ConsultationStatus, Pager, Site};
use tera::Value;

/// A page ready to render: its template and the values the template sees.
pub struct Prepared {
    pub template: &'static str,
    pub vars: Vars,
}

impl Prepared {
    /// Changes whenever the rendered page would change (for the same theme
    /// and site settings).
    pub fn fingerprint(&self) -> u64 {
        self.vars.fingerprint(self.template)
    }
}

/// What a list page needs to know about its list.
struct ListSource<'s> {
    title: String,
    url_path: String,
    intro: std::borrow::Cow<'s, str>,
    crumbs: Vec<Link>,
    feed: Option<String>,
    calendar: Option<String>,
}

/// Renders the pages of one site; built once per site, used from many threads.
pub struct Renderer<'a> {
    theme: &'a Theme,
    site: &'a Site,
    all: &'a [Site],
    lang: Lang,
    site_value: Value,
    translations: Value,
    /// Each page's card, serialised once when a page first shows it and
    /// shared by every list (`serve` often renders a handful of pages of
    /// a big site, which then serialises a handful of cards, not all).
    cards: Vec<std::sync::OnceLock<Value>>,
    /// The other sites as the hub shows them; empty for partnership sites.
    partnerships: Value,
    hub_latest: Value,
    /// Whether the site has announcements, and so feeds.
    has_news: bool,
}

impl<'a> Renderer<'a> {
    /// Prepares the shared values of `site`; `all` gives the hub its partnerships.
    pub fn new(theme: &'a Theme, site: &'a Site, all: &'a [Site]) -> Self {
        let lang = site.config.lang();
        let cards = site.pages.iter().map(|_| Default::default()).collect();
        let (partnerships, hub_latest) = if site.config.hub {
            hub_values(site, all, lang)
        } else {
            (
                Value::from(Vec::<Value>::new()),
                Value::from(Vec::<Value>::new()),
            )
        };
        Renderer {
            theme,
            site,
            all,
            lang,
            site_value: Value::from_serializable(&site_view(theme, site, lang)),
            translations: theme.translations(lang),
            cards,
            partnerships,
            hub_latest,
            has_news: site.sections.iter().any(|s| !s.pages.is_empty()),
        }
    }

    /// The card of page `index` as lists show it.
    fn card(&self, index: usize) -> Value {
        self.cards[index]
            .get_or_init(|| {
                let site = self.site;
                let own_url = site_url(&site.config, &site.config);
                Value::from_serializable(&card(site, &site.pages[index], self.lang, own_url))
            })
            .clone()
    }

    /// Every site of the build, as the hub sees them.
    pub fn all_sites(&self) -> &'a [Site] {
        self.all
    }

    /// Every page of the site with its output path relative to the site folder.
    pub fn items(&self) -> Vec<(String, Item)> {
        let mut items = self.site.items();
        if !self.offers_search() {
            items.retain(|(_, item)| !matches!(item, Item::Search));
        }
        items
    }

    /// Whether the site gets a search page and index (its theme has one).
    pub fn offers_search(&self) -> bool {
        self.theme.offers_search()
    }

    /// Renders one page's HTML into `out`.
    pub fn render_into(&self, item: &Item, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.render_prepared_into(item, self.prepare(item), out)
    }

    /// Decides the template of a page and gathers what it shows.
    pub fn prepare(&self, item: &Item) -> Prepared {
        let (template, vars) = match item {
            Item::Home => self.home_context(),
            Item::List { list, pager } => ("section.html", self.list_context(*list, pager)),
            Item::TaxonomyIndex(t) => self.taxonomy_context(*t),
            Item::ArchiveIndex => ("archive.html", self.archive_context()),
            Item::Page(index) => ("page.html", self.page_context(*index)),
            Item::AccessibilityStatement => (statement::TEMPLATE, self.statement_context()),
            Item::NotFound => ("404.html", self.not_found_context()),
            Item::Search => (SEARCH_TEMPLATE, self.search_context()),
        };
        Prepared { template, vars }
    }

    /// Renders a prepared page's HTML into `out` (emptied first). Bytes, not
    /// a String: tera writes only UTF-8 and the minifier reads bytes, so a
    /// second check of every page's text would be wasted.
    pub fn render_prepared_into(
        &self,
        item: &Item,
        prepared: Prepared,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        out.clear();
        self.theme
            .tera
            .render_to(prepared.template, &prepared.vars.into_context(), &mut *out)
            .map_err(|e| template_error(&self.theme.templates_dir(), &e))?;
        if let (Item::AccessibilityStatement, Some(facts)) = (item, &self.site.config.accessibility)
        {
            let html = String::from_utf8_lossy(out);
            statement::check_ids(&html, facts, &self.theme.templates_dir())?;
        }
        Ok(())
    }

    fn not_found_context(&self) -> Vars {
        let title = self.theme.string(self.lang, "not_found_title");
        let mut context = self.base_context(Some(&title), "404.html", vec![self.home_crumb()]);
        context.insert("not_found_title", &title);
        context
    }

    fn search_context(&self) -> Vars {
        let title = self.theme.string(self.lang, "search_title");
        let path = search_path(self.lang);
        let mut context = self.base_context(Some(&title), path, vec![self.home_crumb()]);
        context.insert("search_title", &title);
        context.insert("search", &self.search_view(path));
        context
    }

    /// What the search page offers besides its box: filters by partnership
    /// (the hub) and gmina, and the lists to browse without JavaScript.
    fn search_view(&self, path: &str) -> SearchView<'a> {
        let site = self.site;
        let base = site.config.base_path();
        let taxonomies = site
            .taxonomies
            .iter()
            .filter(|t| !t.terms.is_empty())
            .map(|t| Link {
                title: self.theme.string(self.lang, t.kind.i18n_key()),
                url: format!("{base}{}", t.url_path),
            })
            .collect();
        let searched = crate::search::searched_sites(site, self.all);
        let sites = if site.config.hub {
            searched
                .iter()
                .filter(|s| !s.config.hub)
                .map(|s| SiteChoice {
                    id: &s.config.id,
                    title: typeset(&s.config.title),
                })
                .collect()
        } else {
            Vec::new()
        };
        SearchView {
            url: format!("{base}{path}"),
            archive_url: (!site.archive.is_empty())
                .then(|| format!("{base}{}", archive_path(self.lang))),
            taxonomies,
            sites,
            gminy: crate::search::gminy(&searched),
        }
    }

    fn statement_context(&self) -> Vars {
        let title = self.theme.string(self.lang, "a11y_title");
        let mut context =
            self.base_context(Some(&title), ACCESSIBILITY_PATH, vec![self.home_crumb()]);
        context.insert("statement_title", &title);
        if let Some(facts) = &self.site.config.accessibility {
            context.insert(
                "statement",
                &statement::view(&self.site.config, facts, self.lang),
            );
        }
        context
    }

    fn base_context(&self, title: Option<&str>, url_path: &str, breadcrumbs: Vec<Link>) -> Vars {
        let config = &self.site.config;
        let mut context = Vars::new();
        context.insert_value("site", self.site_value.clone());
        context.insert_value("t", self.translations.clone());
        context.insert("lang", self.lang.code());
        let page_title = match title {
            Some(t) => format!("{t} — {}", config.title),
            None => config.title.clone(),
        };
        context.insert("page_title", &page_title);
        context.insert("current_url", &format!("{}{url_path}", config.base_path()));
        context.insert("canonical_url", &format!("{}{url_path}", config.base_url()));
        context.insert("breadcrumbs", &breadcrumbs);
        context.insert("meta_description", &config.description);
        context.insert("og_type", "website");
        context.insert("json_ld", &Option::<String>::None);
        // Where the feeds that the page offers in its head live.
        let feed_base = self.has_news.then(|| config.base_path().to_string());
        context.insert("feed_base", &feed_base);
        context
    }

    fn home_crumb(&self) -> Link {
        Link {
            title: self.theme.string(self.lang, "home"),
            url: self.site.config.base_path().to_string(),
        }
    }

    fn home_context(&self) -> (&'static str, Vars) {
        let mut context = self.base_context(None, "", Vec::new());
        let home = self.site.home.as_ref();
        context.insert("content", &*home.map_or("".into(), |h| h.body.html()));
        context.insert(
            "home_title",
            home.map_or(self.site.config.title.as_str(), |h| h.front.title.as_str()),
        );
        let latest: Vec<Value> = self
            .site
            .newest_pages()
            .iter()
            .take(self.site.config.paginate_by)
            .map(|&i| self.card(i))
            .collect();
        context.insert_value("latest", Value::from(latest));
        let sections: Vec<Link> = self
            .site
            .sections
            .iter()
            .map(|s| Link {
                title: s.title().to_string(),
                url: format!("{}{}", self.site.config.base_path(), s.url_path),
            })
            .collect();
        context.insert("sections", &sections);
        context.insert("archive_path", archive_path(self.lang));
        self.insert_upcoming_events(&mut context);
        let open: Vec<Value> = self
            .site
            .consultations
            .iter()
            .filter(|&&i| {
                self.site.pages[i]
                    .front
                    .consultation
                    .as_ref()
                    .is_some_and(|c| {
                        ConsultationStatus::of(c, self.site.now) == ConsultationStatus::Open
                    })
            })
            .map(|&i| self.card(i))
            .collect();
        context.insert_value("open_consultations", Value::from(open));
        context.insert(
            "consultations_url",
            &(!self.site.consultations.is_empty()).then(|| {
                format!(
                    "{}{}",
                    self.site.config.base_path(),
                    consultations_path(self.lang)
                )
            }),
        );
        if self.site.config.hub {
            context.insert_value("partnerships", self.partnerships.clone());
            context.insert_value("hub_latest", self.hub_latest.clone());
            (HUB_TEMPLATE, context)
        } else {
            ("index.html", context)
        }
    }

    /// The home page's next five events, and the list of them all.
    fn insert_upcoming_events(&self, context: &mut Vars) {
        let events: Vec<EventCard> = self
            .site
            .upcoming_events
            .iter()
            .take(HOME_EVENTS)
            .filter_map(|&i| {
                let doc = &self.site.pages[i];
                let event = doc.front.event.as_ref()?;
                Some(EventCard {
                    title: &doc.front.title,
                    url: format!("{}{}", self.site.config.base_path(), doc.url_path),
                    event: self.event_view(doc, event),
                })
            })
            .collect();
        // The home page shows five; the list page has them all, and the
        // calendar file of them all.
        context.insert(
            "events_url",
            &(!self.site.upcoming_events.is_empty())
                .then(|| format!("{}{}", self.site.config.base_path(), events_path(self.lang))),
        );
        context.insert("upcoming_events", &events);
    }

    fn archive_crumb(&self) -> Link {
        Link {
            title: self.theme.string(self.lang, "archive"),
            url: format!(
                "{}{}",
                self.site.config.base_path(),
                archive_path(self.lang)
            ),
        }
    }

    fn archive_context(&self) -> Vars {
        let title = self.theme.string(self.lang, "archive");
        let mut context = self.base_context(
            Some(&title),
            archive_path(self.lang),
            vec![self.home_crumb()],
        );
        context.insert("archive_title", &title);
        let base = self.site.config.base_path();
        let years: Vec<ArchiveYearView> = self
            .site
            .archive
            .iter()
            .enumerate()
            .map(|(y, year)| ArchiveYearView {
                year: year.year,
                url: format!("{base}{}", self.site.year_path(y)),
                count: year.pages.len(),
                months: year
                    .months
                    .iter()
                    .enumerate()
                    .map(|(m, month)| ArchiveMonthView {
                        name: month_heading(year.year, month.month, self.lang),
                        url: format!("{base}{}", self.site.month_path(y, m)),
                        count: month.pages.len(),
                    })
                    .collect(),
            })
            .collect();
        context.insert("years", &years);
        context
    }

    /// The list's description from the model, in the theme's words.
    fn list_source(&self, list: ListOf) -> ListSource<'_> {
        let page = self.site.list_page(list);
        let word = |key| self.theme.string(self.lang, key);
        ListSource {
            title: match page.title {
                ListTitle::Text(text) => text,
                ListTitle::Key(key) => word(key),
                ListTitle::KeyThenText(key, text) => format!("{} {text}", word(key)),
                ListTitle::KeyColonText(key, text) => format!("{}: {text}", word(key)),
            },
            url_path: page.url_path,
            intro: page.intro,
            crumbs: page.crumbs.iter().map(|&c| self.crumb(c)).collect(),
            feed: page.feed,
            calendar: page.calendar,
        }
    }

    fn crumb(&self, crumb: Crumb) -> Link {
        match crumb {
            Crumb::Home => self.home_crumb(),
            Crumb::Archive => self.archive_crumb(),
            Crumb::Taxonomy(t) => self.taxonomy_crumb(t),
        }
    }

    fn taxonomy_crumb(&self, t: usize) -> Link {
        let taxonomy = &self.site.taxonomies[t];
        Link {
            title: self.theme.string(self.lang, taxonomy.kind.i18n_key()),
            url: format!("{}{}", self.site.config.base_path(), taxonomy.url_path),
        }
    }

    fn list_context(&self, list: ListOf, pager: &Pager) -> Vars {
        let source = self.list_source(list);
        let base = self.site.config.base_path();
        let url_path = pager_url_path(&source.url_path, pager.number, self.lang);
        let title = if pager.number > 1 {
            format!(
                "{} — {} {}",
                source.title,
                self.theme.string(self.lang, "page"),
                pager.number
            )
        } else {
            source.title.clone()
        };
        let mut context = self.base_context(Some(&title), &url_path, source.crumbs);
        context.insert("section_title", &source.title);
        context.insert("section_content", &*source.intro);
        if let Some(folder) = &source.feed {
            context.insert("feed_base", &format!("{base}{folder}"));
        }
        if let Some(file) = &source.calendar {
            context.insert("calendar_url", &format!("{base}{file}"));
        }
        let cards: Vec<Value> = pager.items.iter().map(|&i| self.card(i)).collect();
        context.insert_value("pages", Value::from(cards));
        let url = |n: usize| format!("{base}{}", pager_url_path(&source.url_path, n, self.lang));
        let paginator = PaginatorView {
            number: pager.number,
            total: pager.total,
            first_url: url(1),
            last_url: url(pager.total),
            previous_url: (pager.number > 1).then(|| url(pager.number - 1)),
            next_url: (pager.number < pager.total).then(|| url(pager.number + 1)),
            links: {
                let window = pager_window(pager.number, pager.total);
                let mut previous = 0;
                window
                    .into_iter()
                    .map(|n| {
                        let link = PagerLink {
                            number: n,
                            url: url(n),
                            current: n == pager.number,
                            gap_before: n > previous + 1,
                        };
                        previous = n;
                        link
                    })
                    .collect()
            },
        };
        context.insert("paginator", &paginator);
        context
    }

    /// The list of a taxonomy's terms; for gminy, the members page.
    fn taxonomy_context(&self, t: usize) -> (&'static str, Vars) {
        let taxonomy = &self.site.taxonomies[t];
        let base = self.site.config.base_path();
        let title = self.theme.string(self.lang, taxonomy.kind.i18n_key());
        let mut context =
            self.base_context(Some(&title), &taxonomy.url_path, vec![self.home_crumb()]);
        context.insert("taxonomy_title", &title);
        let terms: Vec<TermView> = taxonomy
            .terms
            .iter()
            .map(|term| TermView {
                name: &term.name,
                url: format!("{base}{}", term.url_path),
                count: term.pages.len(),
                member: self
                    .site
                    .config
                    .members
                    .iter()
                    .find(|m| m.name == term.name)
                    .map(|m| MemberView {
                        name: &m.name,
                        kind: self.theme.string(self.lang, m.kind.i18n_key()),
                        bip: m.bip.as_deref(),
                        is_leader: self.site.config.leader.as_deref() == Some(m.name.as_str()),
                    }),
            })
            .collect();
        context.insert("terms", &terms);
        let template = match taxonomy.kind {
            TaxonomyKind::Gminy => "members.html",
            _ => "taxonomy.html",
        };
        (template, context)
    }

    fn event_view<'d>(
        &self,
        doc: &Document,
        event: &'d crate::content::front_matter::Event,
    ) -> EventView<'d> {
        EventView {
            start: event.start.view(self.lang),
            end: event.end.map(|e| e.view(self.lang)),
            same_day: event
                .end
                .is_none_or(|e| e.date_only() == event.start.date_only()),
            place: &event.place,
            address: event.address.as_deref(),
            ics_url: format!("{}{}{ICS_FILE}", self.site.config.base_path(), doc.url_path),
            upcoming: event.end.unwrap_or(event.start).date_only() >= self.site.now,
        }
    }

    fn attachment_views<'d>(&self, doc: &'d Document) -> Vec<AttachmentView<'d>> {
        doc.attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                url: &a.url,
                kind: &a.kind,
                size: human_size(a.bytes, self.lang),
            })
            .collect()
    }

    fn consultation_view<'d>(
        &self,
        consultation: &'d crate::content::front_matter::Consultation,
    ) -> ConsultationView<'d> {
        let status = ConsultationStatus::of(consultation, self.site.now);
        ConsultationView {
            subject: &consultation.subject,
            from: consultation.from.view(self.lang),
            to: consultation.to.view(self.lang),
            how: &consultation.how,
            form: consultation.form.as_deref(),
            status: status.css_name(),
            status_label: self.theme.string(self.lang, status.i18n_key()),
        }
    }

    fn page_link(&self, index: usize) -> Link {
        let doc = &self.site.pages[index];
        Link {
            title: doc.front.title.clone(),
            url: format!("{}{}", self.site.config.base_path(), doc.url_path),
        }
    }

    /// Links to the term pages of `names` in taxonomy `kind`.
    fn term_links(&self, kind: TaxonomyKind, names: &[String]) -> Vec<Link> {
        let base = self.site.config.base_path();
        let Some(taxonomy) = self.site.taxonomies.iter().find(|t| t.kind == kind) else {
            return Vec::new();
        };
        names
            .iter()
            .filter_map(|name| taxonomy.term(name))
            .map(|term| Link {
                title: term.name.clone(),
                url: format!("{base}{}", term.url_path),
            })
            .collect()
    }

    fn page_context(&self, index: usize) -> Vars {
        let doc = &self.site.pages[index];
        let base = self.site.config.base_path();
        let mut crumbs = vec![self.home_crumb()];
        if let Some(section) = doc
            .section
            .as_ref()
            .and_then(|s| self.site.sections.iter().find(|x| &x.name == s))
        {
            crumbs.push(Link {
                title: section.title().to_string(),
                url: format!("{base}{}", section.url_path),
            });
        }
        let mut context = self.base_context(Some(&doc.front.title), &doc.url_path, crumbs);
        let neighbours = self.site.neighbours.get(index);
        let view = PageView {
            title: &doc.front.title,
            url: format!("{base}{}", doc.url_path),
            date: doc.front.date.map(|d| d.view(self.lang)),
            updated: doc.front.updated.map(|d| d.view(self.lang)),
            summary: doc.summary(),
            content: doc.body.html(),
            tags: self.term_links(TaxonomyKind::Tags, &doc.front.tags),
            categories: self.term_links(TaxonomyKind::Categories, &doc.front.categories),
            gminy: self.term_links(TaxonomyKind::Gminy, &doc.front.gminy),
            signature: doc.front.signature.as_deref(),
            source: doc.front.source.as_deref(),
            word_count: doc.body.word_count,
            reading_minutes: doc.body.word_count.div_ceil(200).max(1),
            newer: neighbours.and_then(|n| n.newer).map(|i| self.page_link(i)),
            older: neighbours.and_then(|n| n.older).map(|i| self.page_link(i)),
            attachments: self.attachment_views(doc),
            gallery: gallery_views(doc),
            event: doc.front.event.as_ref().map(|e| self.event_view(doc, e)),
            consultation: doc
                .front
                .consultation
                .as_ref()
                .map(|c| self.consultation_view(c)),
            record: record_view(&doc.front.record, self.lang),
            kind: match doc.front.kind {
                PageKind::Page => "page",
                PageKind::Etr => "etr",
                PageKind::Pjm => "pjm",
            },
            video: doc
                .front
                .video
                .as_deref()
                .map(|v| page_file_url(base, doc, v)),
            captions: doc
                .front
                .captions
                .as_deref()
                .map(|c| page_file_url(base, doc, c)),
            related: neighbours.map_or(Vec::new(), |n| {
                n.related.iter().map(|&i| self.card(i)).collect()
            }),
        };
        context.insert("meta_description", &view.summary);
        if doc.section.is_some() {
            context.insert("og_type", "article");
            context.insert("json_ld", &self.news_article_json(doc));
        }
        context.insert("page", &view);
        context
    }

    /// JSON-LD of a NewsArticle, for search engines; safe inside `<script>`.
    fn news_article_json(&self, doc: &Document) -> String {
        let config = &self.site.config;
        let url = format!("{}{}", config.base_url(), doc.url_path);
        let publisher = config
            .contact
            .as_ref()
            .map_or(config.title.as_str(), |c| c.office.as_str());
        let mut article = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": doc.front.title,
            "description": doc.summary(),
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": self.lang.code(),
            "author": {"@type": "Organization", "name": publisher},
            "publisher": {"@type": "Organization", "name": publisher},
        });
        if let Some(date) = doc.front.date {
            article["datePublished"] = date.rfc3339().into();
            let modified = doc.front.updated.unwrap_or(date).max(date);
            article["dateModified"] = modified.rfc3339().into();
        }
        if !doc.front.tags.is_empty() {
            article["keywords"] = doc.front.tags.join(", ").into();
        }
        // "</" would end the script element early.
        article.to_string().replace("</", "<\\/")
    }
}

fn gallery_views(doc: &Document) -> Vec<GalleryView<'_>> {
    doc.gallery
        .iter()
        .map(|g| {
            let size = g.plan.shown_size();
            GalleryView {
                url: g.plan.largest_url(&g.url),
                src: g.plan.largest_url(&g.url),
                srcset: g.plan.srcset(&g.url),
                sizes: crate::media::sizes::GALLERY,
                alt: &g.alt,
                caption: g.caption.as_deref(),
                width: size.map(|s| s.width),
                height: size.map(|s| s.height),
            }
        })
        .collect()
}
