//! Markdown → HTML with pulldown-cmark, plus what a portal needs on top:
//! heading ids, Polish typography in text, links to other content files
//! (`@/aktualnosci/plik.md`) turned into URLs and remembered for checking,
//! and raw HTML sanitised unless the site opted out.

use crate::base::diagnostic::{line_col, Lang};
use crate::base::escape::escape_attribute;
use crate::base::typography::{slugify, strip_word_artefacts, typeset};
use crate::content::facts::{Collector, Facts, Pos};
use crate::content::paths::{asset_output_path, url_path_for, Bundles};
use crate::content::pictures::{self, PictureFinding, PictureUse, Places};
use crate::media::{self, Plan};
use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

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
    /// Where the pictures the page names are looked for.
    pub places: Places<'a>,
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
    /// The HTML, unless [`Rendered::pack`] packed it: read it through
    /// [`Rendered::html`].
    html: String,
    packed: Option<Box<[u8]>>,
    /// Plain text of the first paragraph, for summaries.
    pub first_paragraph: String,
    pub word_count: usize,
    pub content_links: Vec<ContentLink>,
    /// Whether raw HTML was found (and sanitised unless `unsafe_html`).
    pub had_raw_html: bool,
    /// Links, images, headings and other facts for `tablica check`.
    pub facts: Facts,
    /// The pictures published through `media` (resized, cleaned).
    pub pictures: Vec<PictureUse>,
    /// What is wrong with the page's pictures, where it names them.
    pub picture_findings: Vec<PictureFinding>,
}

impl Rendered {
    /// The body's HTML.
    pub fn html(&self) -> std::borrow::Cow<'_, str> {
        let Some(packed) = &self.packed else {
            return std::borrow::Cow::Borrowed(&self.html);
        };
        // Packed from a String by `pack`, so it unpacks to UTF-8.
        let bytes = lz4_flex::decompress_size_prepended(packed).unwrap_or_default();
        std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
    }

    /// Replaces the body's HTML (unpacked).
    pub fn set_html(&mut self, html: String) {
        self.html = html;
        self.packed = None;
    }

    /// Holds the HTML LZ4-compressed, about a third of its size: a site of
    /// 100,000 announcements holds every body from loading to writing, and
    /// unpacking one (twice per build) costs far less than rendering it.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            let packed = lz4_flex::compress_prepend_size(self.html.as_bytes());
            self.packed = Some(packed.into_boxed_slice());
            self.html = String::new();
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body.
pub fn render(body: &str, ctx: &MarkdownContext) -> Rendered {
    let events = merge_text(Parser::new_ext(body, options()).into_offset_iter());
    let mut pass = RenderPass::new(body, ctx, &events);
    for (event, range) in events {
        pass.event(event, range);
    }
    pass.finish()
}

/// The state of the one pass over a body's events: each event is handled
/// once, by the method for its kind, and what the page needs besides the
/// HTML (summary, word count, links, facts) is gathered on the way, so a
/// large build walks every body a single time.
struct RenderPass<'a, 'c> {
    body: &'a str,
    ctx: &'c MarkdownContext<'c>,
    out: Rendered,
    /// The rewritten events, turned into HTML at the end.
    events: Vec<Event<'a>>,
    /// Generated ids, one per heading in order (None where `{#id}` is written).
    ids: std::vec::IntoIter<Option<String>>,
    collect: Collector<'a>,
    in_code: bool,
    /// Text inside raw <script> or <style> is code, not words of the page.
    in_raw_code: bool,
    /// Alt text is not part of the summary.
    in_image: bool,
    /// The plan of each Markdown image, in order (None: not a local picture).
    plans: Vec<Option<(Plan, Pos)>>,
    /// The text of the heading being read, if one is open.
    heading_text: Option<String>,
    /// The text of the latest heading names the tables under it.
    last_heading: String,
    /// None before the first paragraph with text, Some(true) inside it,
    /// Some(false) after it.
    paragraph_depth_first: Option<bool>,
}

impl<'a, 'c> RenderPass<'a, 'c> {
    fn new(
        body: &'a str,
        ctx: &'c MarkdownContext<'c>,
        events: &[(Event<'a>, Range<usize>)],
    ) -> Self {
        RenderPass {
            body,
            ctx,
            out: Rendered::default(),
            events: Vec::with_capacity(events.len()),
            ids: heading_ids(events).into_iter(),
            collect: Collector::new(body, ctx.body_line_offset),
            in_code: false,
            in_raw_code: false,
            in_image: false,
            plans: Vec::new(),
            heading_text: None,
            last_heading: String::new(),
            paragraph_depth_first: None,
        }
    }

    /// Sends each event to the handler of its kind; the rest pass unchanged.
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        self.collect.event(&event, &range);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.heading_start(level, id, classes, attrs, &range),
            Event::End(TagEnd::Heading(level)) => self.heading_end(level),
            Event::Start(Tag::Table(alignments)) => self.table_start(alignments),
            Event::End(TagEnd::Table) => self.table_end(),
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code = true;
                self.events.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                self.events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Paragraph) => self.paragraph_start(),
            Event::End(TagEnd::Paragraph) => self.paragraph_end(),
            Event::Text(text) if self.in_raw_code => self.events.push(Event::Text(text)),
            Event::Text(text) if !self.in_code => self.text(&text),
            Event::Code(code) => self.code(code),
            Event::SoftBreak | Event::HardBreak if self.in_first_paragraph() => {
                self.out.first_paragraph.push(' ');
                self.events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.rewrite(dest_url, &range);
                self.events.push(Event::Start(Tag::Link {
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
                self.in_image = true;
                let plan = self.picture(&dest_url, &range);
                self.plans.push(plan);
                let dest_url = self.rewrite(dest_url, &range);
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.in_image = false;
                self.events.push(Event::End(TagEnd::Image));
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, &range),
            other => self.events.push(other),
        }
    }

    /// Headings get their generated id unless one is written, and their
    /// text is kept to name the tables under them.
    fn heading_start(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        range: &Range<usize>,
    ) {
        // Taken for every heading, so ids stay in step with headings.
        let generated = self.ids.next().flatten();
        let id = id.or_else(|| generated.map(CowStr::from));
        self.collect
            .heading_start(level as u8, id.as_deref().unwrap_or(""), range.start);
        self.heading_text = Some(String::new());
        self.events.push(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }));
    }

    fn heading_end(&mut self, level: HeadingLevel) {
        if let Some(text) = self.heading_text.take() {
            self.last_heading = text;
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// A table sits in a scrollable region named after the heading above.
    fn table_start(&mut self, alignments: Vec<Alignment>) {
        let open = table_wrap_open(self.ctx.lang, &self.last_heading);
        self.events.push(Event::Html(open.into()));
        self.events.push(Event::Start(Tag::Table(alignments)));
    }

    fn table_end(&mut self) {
        self.events.push(Event::End(TagEnd::Table));
        self.events.push(Event::Html("</div>\n".into()));
    }

    /// The first paragraph with text is the page's summary.
    fn paragraph_start(&mut self) {
        if self.paragraph_depth_first.is_none() {
            self.paragraph_depth_first = Some(true);
        }
        self.events.push(Event::Start(Tag::Paragraph));
    }

    fn paragraph_end(&mut self) {
        if self.in_first_paragraph() {
            // A paragraph holding only an image gives no summary; try the next.
            self.paragraph_depth_first = if self.out.first_paragraph.trim().is_empty() {
                None
            } else {
                Some(false)
            };
        }
        self.events.push(Event::End(TagEnd::Paragraph));
    }

    fn in_first_paragraph(&self) -> bool {
        self.paragraph_depth_first == Some(true)
    }

    /// Words outside code: Word's leftovers removed, counted, typeset with
    /// Polish typography, and added to the heading and summary being read.
    fn text(&mut self, text: &str) {
        let cleaned = strip_word_artefacts(text);
        self.out.word_count += crate::base::scan::count_words(&cleaned);
        let typeset = typeset(&cleaned);
        self.collect.text(&cleaned);
        if let Some(heading) = self.heading_text.as_mut() {
            heading.push_str(&cleaned);
        }
        if self.in_first_paragraph() && !self.in_image {
            self.out.first_paragraph.push_str(&typeset);
        }
        self.events.push(Event::Text(typeset.into()));
    }

    /// Inline code is shown as written, but still belongs to the summary.
    fn code(&mut self, code: CowStr<'a>) {
        self.collect.text(&code);
        if self.in_first_paragraph() {
            self.out.first_paragraph.push_str(&code);
        }
        self.events.push(Event::Code(code));
    }

    /// Link and image addresses: `@/` content paths and site paths resolved.
    fn rewrite(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        rewrite_url(dest, self.body, range, self.ctx, &mut self.out)
    }

    /// The plan of a picture the page names at `range`, with what is wrong
    /// with its file told at that place.
    fn picture(&mut self, url: &str, range: &Range<usize>) -> Option<(Plan, Pos)> {
        let found = pictures::plan(url, &self.ctx.places)?;
        let (line, column) = line_col(self.body, range.start);
        let pos = Pos {
            line: line + self.ctx.body_line_offset,
            column,
        };
        let (plan, warnings) = match found {
            Ok(found) => found,
            Err(finding) => {
                self.out
                    .picture_findings
                    .push(PictureFinding { pos, finding });
                return None;
            }
        };
        self.out.picture_findings.extend(
            warnings
                .into_iter()
                .map(|finding| PictureFinding { pos, finding }),
        );
        Some((plan, pos))
    }

    /// Raw HTML `<img>` tags of local pictures, made `<picture>`s. Raw
    /// HTML writes addresses as the browser asks for them, so `/…` is
    /// from the host's root: under the site's base path it is the site's.
    fn raw_pictures(&mut self, html: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        if !html.contains("<img") && !html.contains("<IMG") {
            return html;
        }
        let mut found = Vec::new();
        let base_path = self.ctx.base_path;
        let rewritten = pictures::rewrite_raw_images(&html, |src| {
            let site_path = match src.strip_prefix(base_path) {
                Some(rest) if src.starts_with('/') => format!("/{rest}"),
                _ if src.starts_with('/') => return None,
                _ => src.to_string(),
            };
            let (plan, pos) = self.picture(&site_path, range)?;
            found.push(PictureUse {
                plan: plan.clone(),
                pos,
                stretched: false,
            });
            Some(plan)
        });
        self.out.pictures.extend(found);
        rewritten.into()
    }

    /// Raw HTML: comments dropped, `<br>` made a line break, the rest kept
    /// (and marked for sanitising) while noting where script or style text
    /// begins and ends.
    fn raw_html(&mut self, html: CowStr<'a>, range: &Range<usize>) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        if matches!(trimmed, "<br>" | "<br/>" | "<br />") {
            self.events.push(Event::HardBreak);
            return;
        }
        self.out.had_raw_html = true;
        let lower = trimmed.to_ascii_lowercase();
        if lower.starts_with("<script") || lower.starts_with("<style") {
            self.in_raw_code = !(lower.contains("</script") || lower.contains("</style"));
        } else if lower.starts_with("</script") || lower.starts_with("</style") {
            self.in_raw_code = false;
        }
        let html = if self.in_raw_code {
            html
        } else {
            self.raw_pictures(html, range)
        };
        self.events.push(Event::Html(html));
    }

    /// The facts, the HTML (figures made, sanitised when raw HTML was
    /// found) and the summary with its spaces collapsed.
    fn finish(self) -> Rendered {
        let RenderPass {
            body,
            ctx,
            mut out,
            events,
            collect,
            plans,
            ..
        } = self;
        out.facts = collect.finish(body);
        let events = with_pictures(events, plans, &mut out.pictures);
        out.html = events_to_html(events, body.len(), out.had_raw_html, ctx);
        out.first_paragraph = collapse_spaces(&out.first_paragraph);
        out
    }
}

/// Writes the events as HTML, sanitised when raw HTML was found and the
/// site did not opt out.
fn events_to_html(
    events: Vec<Event>,
    body_len: usize,
    had_raw_html: bool,
    ctx: &MarkdownContext,
) -> String {
    let mut html = String::with_capacity(body_len * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if had_raw_html && !ctx.unsafe_html {
        html = sanitise(&html);
    }
    // Kept for the whole build: no slack from the guessed capacity.
    html.shrink_to_fit();
    html
}

/// Collapses the ordinary spaces left by removed markup; keeps no-break spaces.
fn collapse_spaces(text: &str) -> String {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markdown images of local pictures made `<picture>`s, and an image
/// alone in its paragraph with a title made a figure: the title becomes
/// its visible caption (`![opis](foto.jpg "Podpis")`). `plans` holds one
/// entry per image, in order; the pictures used are added to `used`.
fn with_pictures<'a>(
    events: Vec<Event<'a>>,
    plans: Vec<Option<(Plan, Pos)>>,
    used: &mut Vec<PictureUse>,
) -> Vec<Event<'a>> {
    if plans.is_empty() {
        return events;
    }
    let mut plans = plans.into_iter();
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let image = match (&events[i], events.get(i + 1)) {
            (Event::Start(Tag::Paragraph), Some(Event::Start(Tag::Image { .. }))) => {
                Some((i + 1, true))
            }
            (Event::Start(Tag::Image { .. }), _) => Some((i, false)),
            _ => None,
        };
        let Some((at, in_paragraph)) = image else {
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let plan = plans.next().flatten();
        let figure = in_paragraph.then(|| figure_at(&events[i..], plan.as_ref().map(|p| &p.0)));
        if let Some(Some((html, consumed))) = figure {
            if let Some((plan, pos)) = plan {
                used.push(PictureUse {
                    plan,
                    pos,
                    stretched: true,
                });
            }
            out.push(Event::Html(html.into()));
            i += consumed;
            continue;
        }
        if in_paragraph {
            out.push(events[i].clone());
        }
        match plan
            .and_then(|(plan, pos)| inline_picture(&events[at..], &plan).map(|p| (p, plan, pos)))
        {
            Some(((html, consumed), plan, pos)) => {
                used.push(PictureUse {
                    plan,
                    pos,
                    stretched: false,
                });
                out.push(Event::Html(html.into()));
                i = at + consumed;
            }
            None => {
                out.push(events[at].clone());
                i = at + 1;
            }
        }
    }
    out
}

/// The alt text of the image starting `events` (Start Image, its text,
/// End Image) and the number of events up to and including its end.
fn image_alt(events: &[Event]) -> Option<(String, usize)> {
    let mut alt = String::new();
    for (offset, event) in events.iter().enumerate().skip(1) {
        match event {
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            Event::End(TagEnd::Image) => return Some((alt, offset + 1)),
            _ => return None,
        }
    }
    None
}

/// A Markdown image of a local picture as a `<picture>`.
fn inline_picture(events: &[Event], plan: &Plan) -> Option<(String, usize)> {
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = events.first()?
    else {
        return None;
    };
    let (alt, consumed) = image_alt(events)?;
    let attributes = pictures::img_attributes(&alt, title);
    Some((
        plan.picture_html(dest_url, media::sizes::PROSE, &attributes),
        consumed,
    ))
}

/// The figure HTML and the number of events it replaces, if `events` starts
/// with Paragraph, Image (with a title), alt text, end Image, end Paragraph.
fn figure_at(events: &[Event], plan: Option<&Plan>) -> Option<(String, usize)> {
    let [Event::Start(Tag::Paragraph), Event::Start(Tag::Image {
        dest_url, title, ..
    }), ..] = events
    else {
        return None;
    };
    if title.is_empty() {
        return None;
    }
    let (alt, consumed) = image_alt(&events[1..])?;
    if !matches!(
        events.get(1 + consumed),
        Some(Event::End(TagEnd::Paragraph))
    ) {
        return None;
    }
    let caption = escape_attribute(title);
    let shown = match plan {
        Some(plan) => plan.picture_html(
            dest_url,
            media::sizes::PROSE,
            &pictures::img_attributes(&alt, ""),
        ),
        None => format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape_attribute(dest_url),
            escape_attribute(&alt),
        ),
    };
    let html =
        format!("<figure class=\"figure\">{shown}<figcaption>{caption}</figcaption></figure>\n");
    Some((html, consumed + 2))
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
            "picture",
            "source",
        ])
        // What `<picture>` of a resized photo needs (content/pictures.rs).
        .add_tag_attributes("source", ["srcset", "sizes", "type"])
        .add_tag_attributes("img", ["loading", "decoding"])
        .link_rel(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    fn ctx() -> MarkdownContext<'static> {
        ctx_in(Path::new("/nonexistent/aktualnosci/2021-01-20-x"))
    }

    /// A page whose bundle folder is `bundle`.
    fn ctx_in(bundle: &Path) -> MarkdownContext<'_> {
        static BUNDLES: std::sync::OnceLock<Bundles> = std::sync::OnceLock::new();
        let bundles = BUNDLES.get_or_init(|| ["aktualnosci/2021-01-20-x".to_string()].into());
        MarkdownContext {
            base_path: "/p/",
            unsafe_html: false,
            body_line_offset: 4,
            bundles,
            lang: Lang::Pl,
            places: Places {
                bundle,
                page_url: "aktualnosci/x/",
                content: Path::new("/nonexistent"),
                statics: Path::new("/nonexistent/static"),
                bundles,
            },
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
    fn a_photo_is_a_picture_of_its_widths_and_a_figure_when_titled() {
        let dir = tempfile::tempdir().unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photos");
        std::fs::copy(fixtures.join("telefon.jpg"), dir.path().join("foto.jpg")).unwrap();
        std::fs::copy(fixtures.join("urwany.jpg"), dir.path().join("urwany.jpg")).unwrap();
        let body =
            "![Opis](foto.jpg \"Podpis\")\n\nTekst ![mały](foto.jpg) i ![zły](urwany.jpg).\n";
        let r = render(body, &ctx_in(dir.path()));
        let srcset =
            "foto-480.webp 480w, foto-800.webp 800w, foto-1200.webp 1200w, foto-1600.webp 1600w";
        let figure = format!("<figure class=\"figure\"><picture><source type=\"image/webp\" srcset=\"{srcset}\" sizes=\"{}\"><img src=\"foto-1600.jpg\" alt=\"Opis\" loading=\"lazy\" decoding=\"async\" width=\"1600\" height=\"1200\"></picture><figcaption>Podpis</figcaption></figure>", media::sizes::PROSE);
        assert!(r.html.contains(&figure), "{}", r.html);
        assert!(
            r.html.contains("<img src=\"foto-1600.jpg\" alt=\"mały\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<img src="urwany.jpg" alt="zły" />"#),
            "{}",
            r.html
        );
        let used: Vec<_> = r
            .pictures
            .iter()
            .map(|p| (p.plan.output.as_str(), p.pos.line, p.stretched))
            .collect();
        assert_eq!(
            used,
            [
                ("aktualnosci/x/foto.jpg", 5, true),
                ("aktualnosci/x/foto.jpg", 7, false)
            ]
        );
        let problems: Vec<_> = r
            .picture_findings
            .iter()
            .map(|f| (f.pos.line, f.pos.column, f.finding.error))
            .collect();
        assert_eq!(problems, [(7, 27, true)]);
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
