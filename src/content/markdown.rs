//! Markdown → HTML with pulldown-cmark, plus what a portal needs on top:
//! heading ids, Polish typography in text, links to other content files
//! (`@/aktualnosci/plik.md`) turned into URLs and remembered for checking,
//! and raw HTML sanitised unless the site opted out.

use crate::base::diagnostic::{line_col, Lang};
use crate::base::escape::escape_attribute;
use crate::base::typography::{slugify, strip_word_artefacts, typeset};
use crate::content::facts::{Collector, Facts};
use crate::content::paths::{asset_output_path, url_path_for, Bundles};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What the renderer needs to know about the page being rendered.
pub struct MarkdownContext<'a> {
    /// Path prefix of the site (`/` or `/partnerstwo/`).
    pub base_path: &'a str,
    /// Lets raw HTML through untouched.
    pub unsafe_html: bool,
    /// Lines of the file before the Markdown body, for positions.
    pub body_line_offset: usize,
    /// Page-bundle folders of the site, for links to files in them.
    pub bundles: &'a Bundles,
    /// The site's language, for the few words the Markdown stage writes.
    pub lang: Lang,
    /// The page's bundle folder, for reading the size of relative images.
    pub bundle_dir: &'a Path,
}

/// A link from Markdown to another content file, kept for the site stage to
/// check that its target exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLink {
    /// The content path after `@/`, e.g. `aktualnosci/2021-01-20-x.md`.
    pub target: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for summaries.
    pub first_paragraph: String,
    pub word_count: usize,
    pub content_links: Vec<ContentLink>,
    /// Whether raw HTML was found (and sanitised unless `unsafe_html`).
    pub had_raw_html: bool,
    /// Links, images, headings and other facts for `tablica check`.
    pub facts: Facts,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body.
pub fn render(body: &str, ctx: &MarkdownContext) -> Rendered {
    let mut out = Rendered::default();
    let events = merge_text(Parser::new_ext(body, options()).into_offset_iter());
    let ids = heading_ids(&events);
    let mut events_out: Vec<Event> = Vec::with_capacity(events.len());
    let mut next_heading = 0;
    let mut in_code = false;
    // Text inside raw <script> or <style> is code, not words of the page.
    let mut in_raw_code = false;
    // Alt text is not part of the summary.
    let mut in_image = false;
    // The text of the latest heading names the tables under it.
    let mut heading_text: Option<String> = None;
    let mut last_heading = String::new();
    let mut paragraph_depth_first: Option<bool> = None;
    let mut collect = Collector::new(body, ctx.body_line_offset);
    for (event, range) in events {
        collect.event(&event, &range);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = id.or_else(|| ids[next_heading].clone().map(CowStr::from));
                next_heading += 1;
                collect.heading_start(level as u8, id.as_deref().unwrap_or(""), range.start);
                heading_text = Some(String::new());
                events_out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(text) = heading_text.take() {
                    last_heading = text;
                }
                events_out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Table(alignments)) => {
                events_out.push(Event::Html(table_wrap_open(ctx.lang, &last_heading).into()));
                events_out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events_out.push(Event::End(TagEnd::Table));
                events_out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                events_out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events_out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Paragraph) => {
                if paragraph_depth_first.is_none() {
                    paragraph_depth_first = Some(true);
                }
                events_out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                if paragraph_depth_first == Some(true) {
                    // A paragraph holding only an image gives no summary; try the next.
                    paragraph_depth_first = if out.first_paragraph.trim().is_empty() {
                        None
                    } else {
                        Some(false)
                    };
                }
                events_out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(text) if in_raw_code => events_out.push(Event::Text(text)),
            Event::Text(text) if !in_code => {
                let cleaned = strip_word_artefacts(&text);
                out.word_count += cleaned.split_whitespace().count();
                let typeset = typeset(&cleaned);
                collect.text(&cleaned);
                if let Some(heading) = heading_text.as_mut() {
                    heading.push_str(&cleaned);
                }
                if paragraph_depth_first == Some(true) && !in_image {
                    out.first_paragraph.push_str(&typeset);
                }
                events_out.push(Event::Text(typeset.into()));
            }
            Event::Code(code) => {
                collect.text(&code);
                if paragraph_depth_first == Some(true) {
                    out.first_paragraph.push_str(&code);
                }
                events_out.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak if paragraph_depth_first == Some(true) => {
                out.first_paragraph.push(' ');
                events_out.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite_url(dest_url, body, &range, ctx, &mut out);
                events_out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image = true;
                let dest_url = rewrite_url(dest_url, body, &range, ctx, &mut out);
                events_out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                in_image = false;
                events_out.push(Event::End(TagEnd::Image));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let trimmed = html.trim();
                if trimmed.starts_with("<!--") {
                    continue;
                }
                if matches!(trimmed, "<br>" | "<br/>" | "<br />") {
                    events_out.push(Event::HardBreak);
                    continue;
                }
                out.had_raw_html = true;
                let lower = trimmed.to_ascii_lowercase();
                if lower.starts_with("<script") || lower.starts_with("<style") {
                    in_raw_code = !(lower.contains("</script") || lower.contains("</style"));
                } else if lower.starts_with("</script") || lower.starts_with("</style") {
                    in_raw_code = false;
                }
                events_out.push(Event::Html(html));
            }
            other => events_out.push(other),
        }
    }
    out.facts = collect.finish(body);
    let events_out = figures(events_out, ctx);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events_out.into_iter());
    if out.had_raw_html && !ctx.unsafe_html {
        html = sanitise(&html);
    }
    // Kept for the whole build: no slack from the guessed capacity.
    html.shrink_to_fit();
    out.html = html;
    // Collapse the ordinary spaces left by removed markup; keep no-break spaces.
    out.first_paragraph = out
        .first_paragraph
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out
}

/// An image alone in its paragraph, with a title, is a figure: the title
/// becomes its visible caption (`![opis](foto.jpg "Podpis")`).
fn figures<'a>(events: Vec<Event<'a>>, ctx: &MarkdownContext) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Some((html, consumed)) = figure_at(&events[i..], ctx) {
            out.push(Event::Html(html.into()));
            i += consumed;
        } else {
            out.push(events[i].clone());
            i += 1;
        }
    }
    out
}

/// The figure HTML and the number of events it replaces, if `events` starts
/// with Paragraph, Image (with a title), alt text, end Image, end Paragraph.
fn figure_at(events: &[Event], ctx: &MarkdownContext) -> Option<(String, usize)> {
    let [Event::Start(Tag::Paragraph), Event::Start(Tag::Image {
        dest_url, title, ..
    }), rest @ ..] = events
    else {
        return None;
    };
    if title.is_empty() {
        return None;
    }
    let mut alt = String::new();
    for (offset, event) in rest.iter().enumerate() {
        match event {
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::End(TagEnd::Image) => {
                if !matches!(rest.get(offset + 1), Some(Event::End(TagEnd::Paragraph))) {
                    return None;
                }
                let size = image_file(dest_url, ctx)
                    .and_then(|path| imagesize::size(path).ok())
                    .map_or(String::new(), |s| {
                        format!(" width=\"{}\" height=\"{}\"", s.width, s.height)
                    });
                let html = format!(
                    "<figure class=\"figure\"><img src=\"{}\" alt=\"{}\"{size} loading=\"lazy\" decoding=\"async\"><figcaption>{}</figcaption></figure>\n",
                    escape_attribute(dest_url),
                    escape_attribute(&alt),
                    escape_attribute(title),
                );
                return Some((html, offset + 4));
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => return None,
        }
    }
    None
}

/// The file behind an image address written relative to the page (a file
/// of its bundle); other addresses are not looked up.
fn image_file(url: &str, ctx: &MarkdownContext) -> Option<PathBuf> {
    let is_relative = !url.contains(':') && !url.starts_with(['/', '#', '?']);
    is_relative.then(|| {
        ctx.bundle_dir
            .join(url.split(['?', '#']).next().unwrap_or(url))
    })
}

/// Opening of the scrollable, named region a table sits in, so a wide table
/// scrolls by itself at 320 px instead of the page (WCAG 1.4.10), and a
/// keyboard can reach it. The theme's script drops the tab stop when the
/// table fits.
fn table_wrap_open(lang: Lang, heading: &str) -> String {
    let word = match lang {
        Lang::Pl => "Tabela",
        Lang::En => "Table",
    };
    let label = if heading.trim().is_empty() {
        word.to_string()
    } else {
        format!("{word}: {}", heading.trim())
    };
    format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
        escape_attribute(&label)
    )
}

/// Joins consecutive text events, which pulldown-cmark splits at special
/// characters, so typography sees whole runs of text.
fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(previous), previous_range))) =
            (&event, merged.last_mut())
        {
            let mut joined = previous.to_string();
            joined.push_str(next);
            *previous = joined.into();
            previous_range.end = range.end;
            continue;
        }
        merged.push((event, range));
    }
    merged
}

/// Ids for headings without an explicit `{#id}`: slug of the text, made
/// unique within the page.
fn heading_ids(events: &[(Event, Range<usize>)]) -> Vec<Option<String>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut ids = Vec::new();
    let mut current: Option<(String, bool)> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { id, .. }) => current = Some((String::new(), id.is_some())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((text, _)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((text, explicit)) = current.take() {
                    ids.push((!explicit).then(|| unique_id(&text, &mut used)));
                }
            }
            _ => {}
        }
    }
    ids
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "sekcja".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// `@/path.md#anchor` → the page's URL; `/path` → under the site's base path.
fn rewrite_url<'a>(
    dest: CowStr<'a>,
    body: &str,
    range: &Range<usize>,
    ctx: &MarkdownContext,
    out: &mut Rendered,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let (line, column) = line_col(body, range.start);
        out.content_links.push(ContentLink {
            target: path.to_string(),
            line: line + ctx.body_line_offset,
            column,
        });
        let target_url = if path.ends_with(".md") {
            url_path_for(path)
        } else {
            asset_output_path(path, ctx.bundles)
        };
        let mut url = format!("{}{target_url}", ctx.base_path);
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(anchor);
        }
        return url.into();
    }
    if has_dangerous_scheme(&dest) {
        out.had_raw_html = true;
        return CowStr::from("");
    }
    if dest.starts_with('/') && !dest.starts_with("//") {
        return format!("{}{}", ctx.base_path, &dest[1..]).into();
    }
    dest
}

fn has_dangerous_scheme(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
}

/// Cleans raw HTML: no scripts, no event handlers, no `javascript:` URLs;
/// keeps ids so heading anchors survive.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes([
            "id",
            "class",
            "lang",
            "dir",
            "title",
            "role",
            "aria-label",
            "tabindex",
        ])
        .add_tags([
            "figure",
            "figcaption",
            "details",
            "summary",
            "section",
            "aside",
        ])
        .link_rel(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> MarkdownContext<'static> {
        static BUNDLES: std::sync::OnceLock<Bundles> = std::sync::OnceLock::new();
        MarkdownContext {
            base_path: "/p/",
            unsafe_html: false,
            body_line_offset: 4,
            bundles: BUNDLES.get_or_init(|| ["aktualnosci/2021-01-20-x".to_string()].into()),
            lang: Lang::Pl,
            bundle_dir: Path::new("/nonexistent/aktualnosci/2021-01-20-x"),
        }
    }

    #[test]
    fn tables_sit_in_a_named_scrollable_region() {
        let r = render(
            "## Wyniki ankiety\n\n| Gmina | Odpowiedzi |\n|---|---|\n| Klukowo | 120 |\n",
            &ctx(),
        );
        assert!(r.html.contains(r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Tabela: Wyniki ankiety"><table>"#), "{}", r.html);
        assert!(r.html.contains("</table>\n</div>"), "{}", r.html);
    }

    #[test]
    fn figures_get_the_size_of_their_image() {
        let dir = tempfile::tempdir().unwrap();
        // A 3×2 GIF is enough for the size probe.
        let gif = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";
        std::fs::write(dir.path().join("a.gif"), gif).unwrap();
        let mut c = ctx();
        c.bundle_dir = dir.path();
        let r = render("![Opis](a.gif \"Podpis\")", &c);
        assert!(
            r.html
                .contains(r#"alt="Opis" width="3" height="2" loading="lazy""#),
            "{}",
            r.html
        );
    }

    #[test]
    fn headings_get_unique_polish_slug_ids() {
        let r = render(
            "## Cele partnerstwa\n\n## Cele partnerstwa\n\n## Żółw {#wlasne}\n",
            &ctx(),
        );
        assert!(
            r.html.contains(r#"<h2 id="cele-partnerstwa">"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="cele-partnerstwa-2">"#));
        assert!(r.html.contains(r#"<h2 id="wlasne">"#));
    }

    #[test]
    fn content_links_become_urls_and_are_recorded() {
        let r = render(
            "Tekst\n\nZobacz [ankietę](@/aktualnosci/2021-03-10-ankieta.md#wyniki).\n",
            &ctx(),
        );
        assert!(
            r.html.contains(r#"href="/p/aktualnosci/ankieta/#wyniki""#),
            "{}",
            r.html
        );
        assert_eq!(
            r.content_links,
            vec![ContentLink {
                target: "aktualnosci/2021-03-10-ankieta.md".into(),
                line: 7,
                column: 8
            }]
        );
        let r = render("[plan](@/aktualnosci/2021-01-20-x/plan.pdf)", &ctx());
        assert!(
            r.html.contains(r#"href="/p/aktualnosci/x/plan.pdf""#),
            "{}",
            r.html
        );
        let r = render("[kontakt](/kontakt/)", &ctx());
        assert!(r.html.contains(r#"href="/p/kontakt/""#));
    }

    #[test]
    fn scripts_and_handlers_are_removed_from_raw_html() {
        let r = render(
            "## Tytuł\n\n<div onclick=\"x()\">a<script>alert(1)</script></div>\n\n[x](javascript:alert(1))",
            &ctx(),
        );
        assert!(r.had_raw_html);
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript:"));
        assert!(r.html.contains(r#"id="tytul""#));
    }

    #[test]
    fn script_text_stays_out_of_the_summary() {
        let r = render(
            "Zaproszenie <script>ukradnij()</script> na spotkanie.",
            &ctx(),
        );
        assert_eq!(r.first_paragraph, "Zaproszenie na spotkanie.");
        assert!(!r.html.contains("ukradnij"));
    }

    #[test]
    fn a_titled_image_alone_is_a_figure_with_a_caption() {
        let r = render("![Uczestnicy warsztatów przy stołach](foto.jpg \"Warsztaty w Klukowie\")\n\nTekst ![ikona](i.png \"t\") w zdaniu.", &ctx());
        assert!(r.html.contains(r#"<figure class="figure"><img src="foto.jpg" alt="Uczestnicy warsztatów przy stołach" loading="lazy" decoding="async"><figcaption>Warsztaty w Klukowie</figcaption></figure>"#), "{}", r.html);
        assert!(
            r.html
                .contains(r#"<img src="i.png" alt="ikona" title="t" />"#),
            "{}",
            r.html
        );
        assert!(!r.had_raw_html);
        assert_eq!(r.first_paragraph, "Tekst w\u{a0}zdaniu.");
    }

    #[test]
    fn images_are_recorded_with_their_alt_and_place() {
        let r = render("Tekst\n\n![](a.png) i ![opis](b.png)\n", &ctx());
        let images: Vec<_> = r
            .facts
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.alt.as_str(), i.pos.line, i.pos.column))
            .collect();
        assert_eq!(images, [("a.png", "", 7, 1), ("b.png", "opis", 7, 14)]);
    }

    #[test]
    fn facts_of_links_headings_and_tables() {
        let body = "## Cele\n\n[kliknij **tutaj**](/x/#cele) i <https://example.org> i <a href=\"/y/\">igrek</a>\n\n#### Dalej\n\n| | |\n|---|---|\n| a | b |\n";
        let f = render(body, &ctx()).facts;
        let links: Vec<_> = f
            .links
            .iter()
            .map(|l| {
                (
                    l.href.as_str(),
                    l.text.as_str(),
                    l.pos.line,
                    l.pos.column,
                    l.raw_html,
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                ("/x/#cele", "kliknij tutaj", 7, 1, false),
                ("https://example.org", "https://example.org", 7, 33, false),
                ("/y/", "", 7, 57, true)
            ]
        );
        let headings: Vec<_> = f
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.id.as_str(), h.pos.line))
            .collect();
        assert_eq!(headings, [(2, "Cele", "cele", 5), (4, "Dalej", "dalej", 9)]);
        let tables: Vec<_> = f
            .tables_without_header
            .iter()
            .map(|t| (t.text.as_str(), t.pos.line, t.pos.column))
            .collect();
        assert_eq!(tables, [("| a | b |", 11, 1)]);
    }

    #[test]
    fn typography_and_first_paragraph() {
        let r = render(
            "Spotkanie w Łosicach[bookmark: _GoBack] i w Sarnakach.\n\nDrugi akapit.",
            &ctx(),
        );
        assert!(
            r.html.contains("w\u{a0}Łosicach i\u{a0}w\u{a0}Sarnakach"),
            "{}",
            r.html
        );
        assert_eq!(
            r.first_paragraph,
            "Spotkanie w\u{a0}Łosicach i\u{a0}w\u{a0}Sarnakach."
        );
        assert_eq!(r.word_count, 8);
    }
}
