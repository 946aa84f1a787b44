//! Content rules: what a clerk wrote, judged page by page from its facts
//! (images, link texts, headings, tables, wording, embeds, title and
//! summary), plus the one rule that compares pages (duplicate titles).

use super::{at, Finding};
use crate::base::diagnostic::text;
use crate::base::rules::{self, Rule};
use crate::content::facts::{Facts, Pos};
use crate::content::{DocKind, Document};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Longest text alternative before it is too long to listen to.
pub const ALT_MAX: usize = 150;
/// Longest title a search result shows whole.
pub const TITLE_MAX: usize = 90;

/// Every document of the site: home text, section intros and pages.
pub fn documents(site: &Site) -> impl Iterator<Item = &Document> {
    site.documents()
}

/// The content rules over every document of `site`.
pub fn check_site(site: &Site, options: &super::CheckOptions) -> Vec<Finding> {
    let docs: Vec<&Document> = documents(site)
        .filter(|d| options.covers(&d.source))
        .collect();
    let mut found: Vec<Finding> = docs
        .par_iter()
        .flat_map_iter(|d| check_document(d))
        .collect();
    let repeated = duplicate_titles(&site.pages);
    found.extend(
        repeated
            .into_iter()
            .filter(|f| options.covers(&f.location.file)),
    );
    found
}

fn check_document(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let file = doc.source.as_path();
    let facts = &doc.body.facts;
    let mut add = |rule: &'static Rule, pos: Pos, text: &str| {
        out.push(Finding::new(rule, at(file, pos), text));
    };
    images(facts, &mut add);
    small_pictures(doc, &mut add);
    link_texts(facts, &mut add);
    headings(facts, &mut add);
    let phrases = [
        (rules::TABLE_NO_HEADER, &facts.tables_without_header),
        (rules::TEXT_CAPITALS, &facts.capitals),
        (rules::TEXT_SENSORY, &facts.sensory),
        (rules::TEXT_PLACEHOLDER, &facts.placeholders),
        (rules::EMBED_THIRD_PARTY, &facts.third_party),
    ];
    for (rule, found) in phrases {
        for p in found {
            add(rule, p.pos, &p.text);
        }
    }
    for e in facts.embeds.iter().filter(|e| !e.has_text_alternative) {
        add(rules::VIDEO_NO_TRANSCRIPT, e.pos, "<iframe>");
    }
    for a in &facts.attachments {
        if is_untitled(&a.title, &a.file) {
            let finding = Finding::new(rules::ATTACHMENT_UNTITLED, at(file, a.pos), &a.title)
                .with_note(text!(
                    "w nagłówku: title: \"Formularz zgłaszania uwag\" (rodzaj i rozmiar pliku Tablica dopisze sama)",
                    "in the header: title: \"Comment form\" (Tablica adds the file's type and size)"
                ));
            out.push(finding);
        }
    }
    out.extend(page_quality(doc));
    out.extend(super::documents::check_attachments(doc));
    out
}

type Add<'a> = dyn FnMut(&'static Rule, Pos, &str) + 'a;

fn images(facts: &Facts, add: &mut Add) {
    for image in &facts.images {
        let alt = image.alt.trim();
        if alt.is_empty() {
            add(rules::IMG_ALT_MISSING, image.pos, &image.src);
        } else if alt.starts_with("TODO") {
            // `tablica import` writes this where Word had no description.
            add(rules::IMG_ALT_MISSING, image.pos, alt);
        } else if is_placeholder_alt(alt) {
            add(rules::IMG_ALT_PLACEHOLDER, image.pos, alt);
        } else if alt.chars().count() > ALT_MAX {
            add(
                rules::IMG_ALT_LONG,
                image.pos,
                &crate::content::shorten(alt, 60),
            );
        }
    }
}

/// Narrower than this, a photo shown across the text column (44 rem,
/// 704 px; more on a sharp screen) is stretched and looks blurred.
const STRETCHED_MIN_WIDTH: u32 = 640;

/// Figures and gallery photos whose source is too small for their place.
fn small_pictures(doc: &Document, add: &mut Add) {
    let body = doc
        .body
        .pictures
        .iter()
        .filter(|p| p.stretched)
        .map(|p| (&p.plan, p.pos));
    let gallery = doc.gallery.iter().map(|g| (&g.plan, g.pos));
    for (plan, pos) in body.chain(gallery) {
        let Some(size) = plan.shown_size() else {
            continue;
        };
        if size.width < STRETCHED_MIN_WIDTH
            && matches!(plan.make, crate::media::Make::Resize { .. })
        {
            let name = plan.output.rsplit('/').next().unwrap_or(&plan.output);
            add(
                rules::IMG_SMALL,
                pos,
                &format!("{name}: {} × {} px", size.width, size.height),
            );
        }
    }
}

/// Generic words that describe no image.
const PLACEHOLDER_ALTS: [&str; 16] = [
    "zdjęcie",
    "zdjecie",
    "obraz",
    "obrazek",
    "foto",
    "fotografia",
    "fot",
    "grafika",
    "ilustracja",
    "image",
    "photo",
    "picture",
    "img",
    "logo",
    "alt",
    "opis",
];

/// A file name (`IMG_1234.jpg`, `DSC01234`) or a generic word.
pub fn is_placeholder_alt(alt: &str) -> bool {
    let lower = alt.trim().trim_end_matches('.').to_lowercase();
    if PLACEHOLDER_ALTS.contains(&lower.as_str()) {
        return true;
    }
    let has_extension = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".heic"]
        .iter()
        .any(|e| lower.ends_with(e));
    let camera_name = [
        "img_",
        "img-",
        "dsc",
        "dcim",
        "p10",
        "pxl_",
        "whatsapp image",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && lower.chars().any(|c| c.is_ascii_digit());
    (has_extension && !lower.contains(' ')) || camera_name
}

/// Link texts that mean nothing out of context.
const VAGUE_TEXTS: [&str; 18] = [
    "kliknij tutaj",
    "kliknij tu",
    "tutaj",
    "tu",
    "kliknij",
    "więcej",
    "czytaj więcej",
    "czytaj dalej",
    "zobacz",
    "zobacz więcej",
    "link",
    "odnośnik",
    "pobierz",
    "strona",
    "here",
    "click here",
    "more",
    "read more",
];

/// Link texts that name a document only by its file.
/// An attachment's title that is only its file name: empty, the name with
/// its extension, or the name's stem when it reads as a file name
/// (`formularz-uwag`, `zal_1`), not a word such as „Regulamin”.
fn is_untitled(title: &str, file: &str) -> bool {
    let title = title.trim();
    let file = file.rsplit('/').next().unwrap_or(file);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let looks_like_a_file = |t: &str| {
        !t.contains(' ') && (t.contains(['_', '-', '.']) || t.chars().any(|c| c.is_ascii_digit()))
    };
    title.is_empty()
        || is_file_name(title)
        || title.eq_ignore_ascii_case(file)
        || (title.eq_ignore_ascii_case(stem) && looks_like_a_file(title))
}

fn is_file_name(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    !lower.contains(' ')
        && [
            ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".zip",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn is_document(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or(href).to_lowercase();
    [
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods",
    ]
    .iter()
    .any(|e| path.ends_with(e))
}

fn link_texts(facts: &Facts, add: &mut Add) {
    for link in facts.links.iter().filter(|l| !l.raw_html) {
        let text = link.text.trim();
        let normal = text
            .trim_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c == '»')
            .trim()
            .to_lowercase();
        if text.is_empty() {
            add(rules::LINK_EMPTY, link.pos, &link.href);
        } else if is_document(&link.href) && (is_file_name(text) || text == link.href) {
            add(rules::ATTACHMENT_UNTITLED, link.pos, text);
        } else if (VAGUE_TEXTS.contains(&normal.as_str()) || is_bare_url(text))
            && !link.href.starts_with("mailto:")
        {
            add(rules::LINK_TEXT_VAGUE, link.pos, text);
        }
    }
}

fn is_bare_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

fn headings(facts: &Facts, add: &mut Add) {
    // The page title is the only first-level heading.
    let mut previous = 1;
    for heading in &facts.headings {
        let text = heading.text.trim();
        if text.is_empty() {
            add(
                rules::HEADING_EMPTY,
                heading.pos,
                &"#".repeat(heading.level.into()),
            );
        }
        if heading.level == 1 {
            add(rules::HEADING_H1, heading.pos, &format!("# {text}"));
        } else if heading.level > previous + 1 {
            add(
                rules::HEADING_SKIPPED,
                heading.pos,
                &format!("{} {text}", "#".repeat(heading.level.into())),
            );
        }
        previous = heading.level;
    }
}

/// Title length and summary of announcements and pages.
fn page_quality(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    if doc.kind != DocKind::Page {
        return out;
    }
    let facts = &doc.body.facts;
    let title_at = at(&doc.source, facts.title_at.unwrap_or_default());
    if doc.front.title.chars().count() > TITLE_MAX {
        out.push(Finding::new(
            rules::TITLE_LONG,
            title_at.clone(),
            doc.front.title.clone(),
        ));
    }
    if doc.front.kind == crate::content::front_matter::PageKind::Pjm && doc.front.captions.is_none()
    {
        let at_video = at(
            &doc.source,
            facts.video_at.or(facts.title_at).unwrap_or_default(),
        );
        let what = doc.front.video.clone().unwrap_or_default();
        out.push(Finding::new(rules::PJM_NO_CAPTIONS, at_video, what));
    }
    if doc.section.is_some() && doc.summary().trim().is_empty() {
        let title = doc.front.title.clone();
        out.push(Finding::new(rules::SUMMARY_MISSING, title_at, title));
    }
    out
}

/// The second and later pages with a title already used in the site.
fn duplicate_titles(pages: &[Document]) -> Vec<Finding> {
    let mut first: BTreeMap<String, &Document> = BTreeMap::new();
    let mut out = Vec::new();
    for page in pages {
        let key = page.front.title.trim().to_lowercase();
        match first.get(&key) {
            Some(other) => {
                let other = other.content_path.clone();
                let pos = page.body.facts.title_at.unwrap_or_default();
                out.push(
                    Finding::new(
                        rules::TITLE_DUPLICATE,
                        at(&page.source, pos),
                        page.front.title.clone(),
                    )
                    .with_note(text!(
                        "ten sam tytuł ma {other}",
                        "{other} has the same title"
                    )),
                );
            }
            None => {
                first.insert(key, page);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_alts() {
        for alt in ["zdjęcie", "Obraz", "IMG_1234.jpg", "DSC01234", "foto."] {
            assert!(is_placeholder_alt(alt), "{alt}");
        }
        for alt in [
            "Zdjęcie uczestników warsztatów",
            "Logo partnerstwa na banerze",
        ] {
            assert!(!is_placeholder_alt(alt), "{alt}");
        }
    }
}
