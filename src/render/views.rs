//! The values templates see: one small serialisable view per thing a page
//! shows, and the helpers that build the shared ones (site, cards, the
//! hub's partnerships). `context` decides which page gets which.

use super::theme::Theme;
use crate::base::date::DateView;
use crate::base::diagnostic::Lang;
use crate::base::typography::{polish_collation_key, typeset};
use crate::config::SiteConfig;
use crate::content::paths::url_path_for;
use crate::content::Document;
use crate::site::pages::{search_path, ACCESSIBILITY_PATH};
use crate::site::Site;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) id: &'a str,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) base_url: &'a str,
    pub(super) home_url: &'a str,
    pub(super) lang: &'static str,
    pub(super) is_hub: bool,
    pub(super) voivodeship: Option<&'a str>,
    pub(super) leader: Option<&'a str>,
    pub(super) regional_partner: Option<&'a str>,
    pub(super) members: Vec<MemberView<'a>>,
    pub(super) contact: Option<&'a crate::config::Contact>,
    pub(super) menu: Vec<MenuLink>,
    pub(super) logo: Option<ImageView>,
    pub(super) bip: Option<&'a str>,
    pub(super) eu_funds: Option<ImageView>,
    /// Address of the accessibility statement page, when the site has one.
    pub(super) accessibility_url: Option<String>,
    /// Its full address, for `<meta name="deklaracja-dostępności">`.
    pub(super) accessibility_address: Option<String>,
    /// The easy-to-read (ETR) and sign language (PJM) pages, when the site
    /// has them: every page's header links to them.
    pub(super) easy_read_url: Option<String>,
    pub(super) sign_language_url: Option<String>,
    /// Address of the search page, when the theme has one.
    pub(super) search_url: Option<String>,
}

/// The search page's own values.
#[derive(Serialize)]
pub(super) struct SearchView<'a> {
    pub(super) url: String,
    pub(super) archive_url: Option<String>,
    /// Tags, categories and gminy pages, to browse without JavaScript.
    pub(super) taxonomies: Vec<Link>,
    /// The partnerships to filter by (the hub only).
    pub(super) sites: Vec<SiteChoice<'a>>,
    /// The gminy to filter by.
    pub(super) gminy: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct SiteChoice<'a> {
    pub(super) id: &'a str,
    pub(super) title: String,
}

#[derive(Serialize)]
pub(super) struct ImageView {
    pub(super) src: String,
    pub(super) alt: String,
    /// The WebP widths when the picture is a resized photo (a PNG logo).
    pub(super) srcset: Option<String>,
    pub(super) sizes: String,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
}

#[derive(Serialize)]
pub(super) struct MemberView<'a> {
    pub(super) name: &'a str,
    pub(super) kind: String,
    pub(super) bip: Option<&'a str>,
    pub(super) is_leader: bool,
}

#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub(super) title: String,
    pub(super) url: String,
}

/// An entry of the site's menu, which the footer lists too.
#[derive(Serialize)]
pub(super) struct MenuLink {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) footer_only: bool,
}

#[derive(Serialize)]
pub(super) struct Card<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) date: Option<DateView>,
    pub(super) summary: String,
    pub(super) tags: &'a [String],
    pub(super) categories: &'a [String],
    pub(super) gminy: &'a [String],
    pub(super) site_title: &'a str,
    /// For an announcement of a consultation: its state and period, which
    /// every list shows (the state is judged on the build's date).
    pub(super) consultation: Option<CardConsultation>,
}

#[derive(Serialize)]
pub(super) struct CardConsultation {
    /// `open`, `planned` or `closed`.
    pub(super) status: &'static str,
    /// The key of the state's words in the translations.
    pub(super) status_key: &'static str,
    pub(super) from: DateView,
    pub(super) to: DateView,
}

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) date: Option<DateView>,
    pub(super) updated: Option<DateView>,
    pub(super) summary: String,
    pub(super) content: std::borrow::Cow<'a, str>,
    pub(super) tags: Vec<Link>,
    pub(super) categories: Vec<Link>,
    pub(super) gminy: Vec<Link>,
    pub(super) signature: Option<&'a str>,
    pub(super) source: Option<&'a str>,
    pub(super) word_count: usize,
    /// Minutes to read at 200 words a minute, at least 1.
    pub(super) reading_minutes: usize,
    pub(super) newer: Option<Link>,
    pub(super) older: Option<Link>,
    pub(super) related: Vec<Value>,
    pub(super) attachments: Vec<AttachmentView<'a>>,
    pub(super) gallery: Vec<GalleryView<'a>>,
    pub(super) event: Option<EventView<'a>>,
    pub(super) consultation: Option<ConsultationView<'a>>,
    /// The metryczka, when the page gives any of it.
    pub(super) record: Option<RecordView<'a>>,
    /// `page`, `etr` (easy-to-read text) or `pjm` (sign language).
    pub(super) kind: &'static str,
    /// A PJM page's video and its captions, as addresses.
    pub(super) video: Option<String>,
    pub(super) captions: Option<String>,
}

/// The address of a file a page names: as written when absolute, under the
/// site for `/path` (content or static files), else in the page's folder.
pub(super) fn page_file_url(base: &str, doc: &Document, file: &str) -> String {
    if file.contains("://") {
        file.to_string()
    } else if let Some(site_path) = file.strip_prefix('/') {
        format!("{base}{site_path}")
    } else {
        format!("{base}{}{}", doc.url_path, file.trim_start_matches("./"))
    }
}

/// Who produced and published the information and its change history.
#[derive(Serialize)]
pub(super) struct RecordView<'a> {
    pub(super) produced_by: Option<&'a str>,
    pub(super) published_by: Option<&'a str>,
    pub(super) changes: Vec<ChangeView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ChangeView<'a> {
    pub(super) date: DateView,
    pub(super) note: &'a str,
}

/// The metryczka of a page, when it has any.
pub(super) fn record_view(
    record: &crate::content::front_matter::Record,
    lang: Lang,
) -> Option<RecordView<'_>> {
    (!record.is_empty()).then(|| RecordView {
        produced_by: record.produced_by.as_deref(),
        published_by: record.published_by.as_deref(),
        changes: record
            .changes
            .iter()
            .map(|c| ChangeView {
                date: c.date.view(lang),
                note: &c.note,
            })
            .collect(),
    })
}

#[derive(Serialize)]
pub(super) struct ArchiveYearView {
    pub(super) year: u16,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) months: Vec<ArchiveMonthView>,
}

#[derive(Serialize)]
pub(super) struct ArchiveMonthView {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct GalleryView<'a> {
    /// The largest version every browser opens, for the link.
    pub(super) url: String,
    /// The thumbnail's fallback file.
    pub(super) src: String,
    /// The WebP widths, when the photo was resized.
    pub(super) srcset: Option<String>,
    pub(super) sizes: &'static str,
    pub(super) alt: &'a str,
    pub(super) caption: Option<&'a str>,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
}

#[derive(Serialize)]
pub(super) struct EventCard<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) event: EventView<'a>,
}

#[derive(Serialize)]
pub(super) struct AttachmentView<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) kind: &'a str,
    /// "245 kB", "1,2 MB".
    pub(super) size: String,
}

#[derive(Serialize)]
pub(super) struct EventView<'a> {
    pub(super) start: DateView,
    pub(super) end: Option<DateView>,
    /// Whether start and end fall on the same day (then only the end time is shown).
    pub(super) same_day: bool,
    pub(super) place: &'a str,
    pub(super) address: Option<&'a str>,
    /// The event's iCalendar file.
    pub(super) ics_url: String,
    pub(super) upcoming: bool,
}

#[derive(Serialize)]
pub(super) struct ConsultationView<'a> {
    pub(super) subject: &'a str,
    pub(super) from: DateView,
    pub(super) to: DateView,
    pub(super) how: &'a str,
    pub(super) form: Option<&'a str>,
    /// `open`, `planned` or `closed`.
    pub(super) status: &'static str,
    pub(super) status_label: String,
}

#[derive(Serialize)]
pub(super) struct TermView<'a> {
    pub(super) name: &'a str,
    pub(super) url: String,
    pub(super) count: usize,
    /// For gminy: the member as config.yaml describes it.
    pub(super) member: Option<MemberView<'a>>,
}

#[derive(Serialize)]
pub(super) struct PaginatorView {
    pub(super) number: usize,
    pub(super) total: usize,
    pub(super) first_url: String,
    pub(super) last_url: String,
    pub(super) previous_url: Option<String>,
    pub(super) next_url: Option<String>,
    pub(super) links: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(super) struct PagerLink {
    pub(super) number: usize,
    pub(super) url: String,
    pub(super) current: bool,
    /// Pages are left out before this one ("…").
    pub(super) gap_before: bool,
}

/// The page numbers a paginator links to: the first, the last, and two on
/// each side of the current one, so a long list does not make every list
/// page carry a link to every other.
pub(super) fn pager_window(current: usize, total: usize) -> Vec<usize> {
    let mut numbers: Vec<usize> = [1, total]
        .into_iter()
        .chain(current.saturating_sub(2).max(1)..=(current + 2).min(total))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

#[derive(Serialize)]
pub(super) struct PartnershipView<'a> {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) url: String,
    pub(super) voivodeship: Option<&'a str>,
    pub(super) members: usize,
    pub(super) announcements: usize,
}

pub(super) fn card<'a>(
    site: &'a Site,
    doc: &'a Document,
    lang: Lang,
    site_url: String,
) -> Card<'a> {
    Card {
        title: &doc.front.title,
        url: format!("{site_url}{}", doc.url_path),
        date: doc.front.date.map(|d| d.view(lang)),
        summary: doc.summary(),
        tags: &doc.front.tags,
        categories: &doc.front.categories,
        gminy: &doc.front.gminy,
        site_title: &site.config.title,
        consultation: doc.front.consultation.as_ref().map(|c| {
            let status = crate::site::ConsultationStatus::of(c, site.now);
            CardConsultation {
                status: status.css_name(),
                status_key: status.i18n_key(),
                from: c.from.view(lang),
                to: c.to.view(lang),
            }
        }),
    }
}

/// How `from` links to the root of `to`: by path on the same origin, else
/// by full address.
pub(super) fn site_url(from: &SiteConfig, to: &SiteConfig) -> String {
    if from.origin() == to.origin() {
        to.base_path().to_string()
    } else {
        to.base_url().to_string()
    }
}

pub(super) fn site_view<'a>(theme: &Theme, site: &'a Site, lang: Lang) -> SiteView<'a> {
    let config = &site.config;
    let base = config.base_path();
    let page_url =
        |index: Option<usize>| index.map(|i| format!("{base}{}", site.pages[i].url_path));
    SiteView {
        easy_read_url: page_url(site.easy_read),
        sign_language_url: page_url(site.sign_language),
        id: &config.id,
        title: typeset(&config.title),
        description: typeset(&config.description),
        base_url: config.base_url(),
        home_url: base,
        lang: lang.code(),
        is_hub: config.hub,
        voivodeship: config.voivodeship.as_deref(),
        leader: config.leader.as_deref(),
        regional_partner: config.regional_partner.as_deref(),
        members: config
            .members
            .iter()
            .map(|m| MemberView {
                name: &m.name,
                kind: theme.string(lang, m.kind.i18n_key()),
                bip: m.bip.as_deref(),
                is_leader: config.leader.as_deref() == Some(m.name.as_str()),
            })
            .collect(),
        contact: config.contact.as_ref(),
        menu: config
            .menu
            .iter()
            .map(|item| MenuLink {
                title: item.title.clone(),
                url: resolve_menu_url(base, &item.url),
                footer_only: item.footer_only,
            })
            .collect(),
        logo: config
            .logo
            .as_ref()
            .map(|i| emblem_view(base, i, site, |_| "3.5rem".to_string())),
        bip: config.bip.as_deref(),
        eu_funds: config
            .eu_funds
            .as_ref()
            .map(|i| emblem_view(base, i, site, eu_strip_sizes)),
        accessibility_url: config
            .accessibility
            .as_ref()
            .map(|_| format!("{base}{ACCESSIBILITY_PATH}")),
        accessibility_address: config
            .accessibility
            .as_ref()
            .map(|_| format!("{}{ACCESSIBILITY_PATH}", config.base_url())),
        search_url: theme
            .offers_search()
            .then(|| format!("{base}{}", search_path(lang))),
    }
}

/// A file size as Polish (or English) readers write it: "245 kB", "1,2 MB".
pub(super) fn human_size(bytes: u64, lang: Lang) -> String {
    let text = if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    };
    match lang {
        Lang::Pl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The logo or EU strip, with its widths when it was resized; `sizes`
/// says how wide the theme shows a picture of the given size.
fn emblem_view(
    base: &str,
    image: &crate::config::Image,
    site: &Site,
    sizes: impl Fn(crate::media::Size) -> String,
) -> ImageView {
    let mut view = image_view(base, image);
    let plan = site
        .emblems
        .iter()
        .find(|e| e.src == image.src)
        .map(|e| &e.plan);
    if let Some((plan, size)) = plan.and_then(|p| p.shown_size().map(|s| (p, s))) {
        view.srcset = plan.srcset(&view.src);
        view.src = plan.largest_url(&view.src);
        view.sizes = sizes(size);
        view.width = Some(size.width);
        view.height = Some(size.height);
    }
    view
}

/// The EU strip is shown 3 rem high on a phone and 4.5 rem from 40 em
/// (the theme's style sheet), as wide as its proportions make it.
fn eu_strip_sizes(size: crate::media::Size) -> String {
    let ratio = f64::from(size.width) / f64::from(size.height.max(1));
    format!(
        "(min-width: 40em) min(100vw, {:.1}rem), min(100vw, {:.1}rem)",
        4.5 * ratio,
        3.0 * ratio
    )
}

pub(super) fn image_view(base: &str, image: &crate::config::Image) -> ImageView {
    ImageView {
        src: resolve_menu_url(base, &image.src),
        alt: image.alt.clone(),
        srcset: None,
        sizes: String::new(),
        width: None,
        height: None,
    }
}

pub(super) fn resolve_menu_url(base: &str, url: &str) -> String {
    if let Some(content_path) = url.strip_prefix("@/") {
        format!("{base}{}", url_path_for(content_path))
    } else if let Some(path) = url.strip_prefix('/') {
        format!("{base}{path}")
    } else {
        url.to_string()
    }
}

/// The hub's list of partnerships and their newest announcements.
pub(super) fn hub_values(hub: &Site, all: &[Site], lang: Lang) -> (Value, Value) {
    let mut partners: Vec<&Site> = all.iter().filter(|s| !s.config.hub).collect();
    // By voivodeship, then by name, in Polish alphabetical order; sites
    // without a voivodeship come last.
    partners.sort_by_cached_key(|s| {
        (
            s.config.voivodeship.is_none(),
            s.config.voivodeship.as_deref().map(polish_collation_key),
            polish_collation_key(&s.config.title),
        )
    });
    let mut groups: Vec<VoivodeshipGroup> = Vec::new();
    for s in partners {
        let view = PartnershipView {
            title: typeset(&s.config.title),
            description: typeset(&s.config.description),
            url: site_url(&hub.config, &s.config),
            voivodeship: s.config.voivodeship.as_deref(),
            members: s.config.members.len(),
            announcements: s.sections.iter().map(|x| x.pages.len()).sum(),
        };
        match groups.last_mut() {
            Some(group) if group.name == view.voivodeship => group.partnerships.push(view),
            _ => groups.push(VoivodeshipGroup {
                name: view.voivodeship,
                partnerships: vec![view],
            }),
        }
    }
    let cards: Vec<Value> = crate::site::partnership_news(all)
        .into_iter()
        .take(hub.config.paginate_by)
        .map(|(si, pi)| {
            let site = &all[si];
            Value::from_serializable(&card(
                site,
                &site.pages[pi],
                lang,
                site_url(&hub.config, &site.config),
            ))
        })
        .collect();
    (Value::from_serializable(&groups), Value::from(cards))
}

#[derive(Serialize)]
pub(super) struct VoivodeshipGroup<'a> {
    /// None for partnerships whose voivodeship is not given.
    pub(super) name: Option<&'a str>,
    pub(super) partnerships: Vec<PartnershipView<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_window_keeps_ends_and_neighbours() {
        assert_eq!(pager_window(1, 1), [1]);
        assert_eq!(pager_window(1, 10), [1, 2, 3, 10]);
        assert_eq!(pager_window(6, 40), [1, 4, 5, 6, 7, 8, 40]);
        assert_eq!(pager_window(40, 40), [1, 38, 39, 40]);
    }
}
