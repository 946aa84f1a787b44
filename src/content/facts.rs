//! Facts about a page's body that `tablica check` judges later: links,
//! images, headings, tables, embeds and the few paragraphs whose wording
//! is suspicious. They are collected during the one Markdown pass, so the
//! check never re-reads a file or keeps its text; a fact is a few words and
//! a position, and most paragraphs leave none.

use crate::base::diagnostic::line_col;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// A 1-based line and column in the Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Default for Pos {
    /// The start of the file.
    fn default() -> Self {
        Pos { line: 1, column: 1 }
    }
}

/// A link as written: its address before any rewriting, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFact {
    pub href: String,
    /// The visible text, with the alt text of an image inside the link.
    pub text: String,
    pub pos: Pos,
    /// Written as raw HTML `<a href>`: its text is not known.
    pub raw_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFact {
    pub src: String,
    pub alt: String,
    pub pos: Pos,
    /// Written as raw HTML `<img src>`: its address is used as it is, not
    /// relative to the site's base path.
    pub raw_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingFact {
    /// 1 to 6.
    pub level: u8,
    pub text: String,
    /// The id a link's `#anchor` names.
    pub id: String,
    pub pos: Pos,
}

/// Where a paragraph's wording was found wanting, and the words in question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseFact {
    pub text: String,
    pub pos: Pos,
}

/// An attachment of the front matter: its title and file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFact {
    pub title: String,
    pub file: String,
    pub pos: Pos,
}

/// An embedded player (`<iframe>`, `<video>`, `<audio>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedFact {
    pub pos: Pos,
    /// The page mentions captions or a transcript, or the player has a `<track>`.
    pub has_text_alternative: bool,
}

/// How the body of a page made by `tablica new` begins: a page published
/// with it still there shows a resident the editor's instructions.
pub const NEW_PAGE_PLACEHOLDER: &str = "Tu wpisz treść ogłoszenia.";

/// Everything the check needs to know about a page's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub links: Vec<LinkFact>,
    pub images: Vec<ImageFact>,
    pub headings: Vec<HeadingFact>,
    /// Ids given to elements by raw HTML, also targets of `#anchor`s.
    pub html_ids: Vec<String>,
    /// Tables whose header row is empty, with their first row of data.
    pub tables_without_header: Vec<PhraseFact>,
    /// Paragraphs written in capital letters.
    pub capitals: Vec<PhraseFact>,
    /// Instructions that rely on colour, shape or position only.
    pub sensory: Vec<PhraseFact>,
    /// Paragraphs still holding the placeholder text of `tablica new`.
    pub placeholders: Vec<PhraseFact>,
    /// Content of another website loaded into the page (`<iframe>` or
    /// `<script>` from another host, but the players Tablica defers), by host.
    pub third_party: Vec<PhraseFact>,
    pub embeds: Vec<EmbedFact>,
    /// The front matter's attachments, at their `title:`.
    pub attachments: Vec<AttachmentFact>,
    /// Positions of the front matter values the check points at.
    pub title_at: Option<Pos>,
    pub date_at: Option<Pos>,
    /// Where a PJM page's `video:` is written.
    pub video_at: Option<Pos>,
}

/// A paragraph written all in capitals: enough letters to be more than an
/// abbreviation, and no lowercase letter.
pub fn is_capitals(text: &str) -> bool {
    let mut upper = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 20 && text.split_whitespace().count() >= 4
}

/// Beginnings of words naming a colour: an element known only by it.
const COLOUR_STEMS: [&str; 12] = [
    "czerwon",
    "zielon",
    "niebiesk",
    "żółt",
    "pomarańczow",
    "fioletow",
    "różow",
    "red",
    "green",
    "blue",
    "yellow",
    "orange",
];

/// Phrases that place an element only by where it is on the screen.
/// ("Poniżej" and "obok" are left out: "z listy poniżej" names the list.)
const POSITION_PHRASES: [&str; 8] = [
    "po lewej",
    "po prawej",
    "z lewej",
    "z prawej",
    "w prawym górnym rogu",
    "w lewym górnym rogu",
    "on the left",
    "on the right",
];

/// Whether a lowercase sentence names something by colour or position.
fn is_sensory(sentence: &str) -> bool {
    let colour = sentence.split(|c: char| !c.is_alphanumeric()).any(|word| {
        COLOUR_STEMS.iter().any(|stem| {
            // Polish stems take endings; English colour words stand alone.
            word.starts_with(stem) && (!stem.is_ascii() || stem.len() >= 6 || word == *stem)
        })
    });
    colour || POSITION_PHRASES.iter().any(|p| sentence.contains(p))
}

/// Verbs that tell the reader to find or press something.
const INSTRUCTION_WORDS: [&str; 8] = [
    "kliknij",
    "naciśnij",
    "wciśnij",
    "wybierz",
    "użyj",
    "click",
    "press",
    "select",
];

/// The same verbs without their first letter, to find them in either case
/// without lowercasing every paragraph.
const INSTRUCTION_STEMS: [&str; 8] = [
    "liknij", "aciśnij", "ciśnij", "ybierz", "żyj", "lick", "ress", "elect",
];

/// The sentence of `text` that tells the reader to act on something known
/// only by its colour or place ("kliknij czerwony przycisk"), if any.
pub fn sensory_instruction(text: &str) -> Option<String> {
    if !INSTRUCTION_STEMS.iter().any(|w| text.contains(w)) {
        return None;
    }
    let lower = text.to_lowercase();
    if !INSTRUCTION_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    lower
        .split(['.', '!', '?', ';'])
        .zip(text.split(['.', '!', '?', ';']))
        .find(|(sentence, _)| {
            INSTRUCTION_WORDS.iter().any(|w| sentence.contains(w)) && is_sensory(sentence)
        })
        .map(|(_, original)| original.trim().to_string())
}

/// Whether the page offers text for an embedded player: a `<track>` of
/// captions, or words about captions or a transcript.
pub fn mentions_transcript(source: &str) -> bool {
    let lower = source.to_lowercase();
    [
        "<track",
        "transkrypc",
        "napisy",
        "napisami",
        "transcript",
        "captions",
        "subtitles",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The values of `attribute` in the tags of a piece of raw HTML.
pub fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + needle.len()..];
        if !matches!(before, Some(c) if c.is_whitespace()) {
            continue;
        }
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        values.push(value);
    }
    values
}

/// A Markdown table being read: where it starts, whether its header row
/// has any text, and the text of its first row of data.
#[derive(Default)]
struct TableState {
    pos: Pos,
    has_header: bool,
    first_row: String,
    /// Rows of data ended so far.
    rows: usize,
}

/// Gathers the [`Facts`] of a body while the main pass walks its events.
pub(crate) struct Collector<'b> {
    body: &'b str,
    line_offset: usize,
    /// Position cache: byte offset, line and the byte where that line starts.
    cursor: (usize, usize, usize),
    facts: Facts,
    /// Open links (indexes into `facts.links`), innermost last.
    links: Vec<usize>,
    image: Option<usize>,
    heading: Option<usize>,
    /// Where the open paragraph starts; its text is in `paragraph_text`,
    /// one buffer reused for every paragraph.
    paragraph: Option<Pos>,
    paragraph_text: String,
    table: Option<TableState>,
    in_table_head: bool,
    raw_table: Option<(Pos, bool)>,
}

impl<'b> Collector<'b> {
    pub(crate) fn new(body: &'b str, line_offset: usize) -> Self {
        Collector {
            body,
            line_offset,
            cursor: (0, 1, 0),
            facts: Facts::default(),
            links: Vec::new(),
            image: None,
            heading: None,
            paragraph: None,
            paragraph_text: String::new(),
            table: None,
            in_table_head: false,
            raw_table: None,
        }
    }

    /// Line and column of a byte offset; events come mostly in order, so
    /// counting resumes from the previous position instead of the start.
    fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.body.len());
        if offset < self.cursor.0 {
            self.cursor = (0, 1, 0);
        }
        let (from, mut line, mut line_start) = self.cursor;
        for (i, b) in self.body.as_bytes()[from..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = from + i + 1;
            }
        }
        self.cursor = (offset, line, line_start);
        let column = line_col(&self.body[line_start..], offset - line_start).1;
        Pos {
            line: line + self.line_offset,
            column,
        }
    }

    pub(crate) fn heading_start(&mut self, level: u8, id: &str, offset: usize) {
        let pos = self.pos(offset);
        self.facts.headings.push(HeadingFact {
            level,
            text: String::new(),
            id: id.to_string(),
            pos,
        });
        self.heading = Some(self.facts.headings.len() - 1);
    }

    pub(crate) fn event(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::End(TagEnd::Heading(_)) => self.heading = None,
            Event::Start(Tag::Link { dest_url, .. }) => {
                let pos = self.pos(range.start);
                self.facts.links.push(LinkFact {
                    href: dest_url.to_string(),
                    text: String::new(),
                    pos,
                    raw_html: false,
                });
                self.links.push(self.facts.links.len() - 1);
            }
            Event::End(TagEnd::Link) => {
                self.links.pop();
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let pos = self.pos(range.start);
                self.facts.images.push(ImageFact {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    pos,
                    raw_html: false,
                });
                self.image = Some(self.facts.images.len() - 1);
            }
            Event::End(TagEnd::Image) => self.image = None,
            Event::Start(Tag::Paragraph) => {
                let pos = self.pos(range.start);
                self.paragraph = Some(pos);
                self.paragraph_text.clear();
            }
            Event::End(TagEnd::Paragraph) => self.end_paragraph(),
            Event::Start(Tag::Table(_)) => {
                self.table = Some(TableState {
                    pos: self.pos(range.start),
                    ..TableState::default()
                });
            }
            Event::Start(Tag::TableHead) => self.in_table_head = true,
            Event::End(TagEnd::TableHead) => self.in_table_head = false,
            Event::End(TagEnd::TableCell) => self.text(" | "),
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = self.table.as_mut() {
                    table.rows += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = self.table.take().filter(|t| !t.has_header) {
                    self.facts.tables_without_header.push(PhraseFact {
                        text: format!("| {}", table.first_row.trim_end()),
                        pos: table.pos,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, range.start),
            _ => {}
        }
    }

    /// Text of the page (alt text included), routed to whatever is open.
    pub(crate) fn text(&mut self, text: &str) {
        if let Some(i) = self.image {
            self.facts.images[i].alt.push_str(text);
        }
        for &i in &self.links {
            self.facts.links[i].text.push_str(text);
        }
        if let Some(i) = self.heading {
            self.facts.headings[i].text.push_str(text);
        }
        if self.image.is_none() && self.paragraph.is_some() {
            self.paragraph_text.push_str(text);
        }
        if let Some(table) = self.table.as_mut() {
            if self.in_table_head {
                table.has_header |= !text.trim().is_empty() && text != " | ";
            } else if table.rows == 0 {
                table.first_row.push_str(text);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(pos) = self.paragraph.take() else {
            return;
        };
        let text = &self.paragraph_text;
        if is_capitals(text) {
            self.facts.capitals.push(PhraseFact {
                text: crate::content::shorten(text.trim(), 60),
                pos,
            });
        }
        if let Some(sentence) = sensory_instruction(text) {
            self.facts.sensory.push(PhraseFact {
                text: sentence,
                pos,
            });
        }
        if text.contains(NEW_PAGE_PLACEHOLDER) {
            self.facts.placeholders.push(PhraseFact {
                text: crate::content::shorten(text.trim(), 60),
                pos,
            });
        }
    }

    /// `<iframe>` and `<script>` elements that load another website.
    fn third_party(&mut self, html: &str, lower: &str, offset: usize) {
        for tag in ["<iframe", "<script"] {
            for (at, _) in lower.match_indices(tag) {
                let end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
                let element = &html[at..end];
                let Some(src) = attribute_values(element, "src").into_iter().next() else {
                    continue;
                };
                if let (Some(host), false) = (
                    crate::content::embeds::host_of(src),
                    crate::content::embeds::is_deferred(src),
                ) {
                    let pos = self.pos(offset + at);
                    self.facts.third_party.push(PhraseFact {
                        text: host.to_string(),
                        pos,
                    });
                }
            }
        }
    }

    /// Embeds, ids, tables and images written as raw HTML.
    fn raw_html(&mut self, html: &str, offset: usize) {
        if !html.contains('<') {
            return;
        }
        let lower = html.to_ascii_lowercase();
        let ids = attribute_values(html, "id");
        self.facts
            .html_ids
            .extend(ids.into_iter().map(str::to_string));
        if ["<iframe", "<video", "<audio"]
            .iter()
            .any(|t| lower.contains(t))
        {
            let pos = self.pos(offset);
            let has_text_alternative = lower.contains("<track");
            self.facts.embeds.push(EmbedFact {
                pos,
                has_text_alternative,
            });
        }
        self.third_party(html, &lower, offset);
        if lower.contains("<table") {
            self.raw_table = Some((self.pos(offset), false));
        }
        if lower.contains("<th>") || lower.contains("<th ") {
            if let Some(table) = self.raw_table.as_mut() {
                table.1 = true;
            }
        }
        if lower.contains("</table") {
            if let Some((pos, false)) = self.raw_table.take() {
                self.facts.tables_without_header.push(PhraseFact {
                    text: "<table>".to_string(),
                    pos,
                });
            }
        }
        self.raw_links(html, &lower, offset);
        for tag in lower.match_indices("<img").map(|(i, _)| i) {
            let end = lower[tag..].find('>').map_or(lower.len(), |e| tag + e);
            let element = &html[tag..end];
            let first = |name| {
                attribute_values(element, name)
                    .first()
                    .map(|v| v.to_string())
            };
            let alt = first("alt");
            // alt="" marks a decorative image on purpose.
            if alt.as_deref() == Some("") {
                continue;
            }
            let pos = self.pos(offset);
            self.facts.images.push(ImageFact {
                src: first("src").unwrap_or_default(),
                alt: alt.unwrap_or_default(),
                pos,
                raw_html: true,
            });
        }
    }

    /// `<a href>` tags of raw HTML: their addresses are checked like any
    /// link's (their text arrives in other events, so it is not judged).
    fn raw_links(&mut self, html: &str, lower: &str, offset: usize) {
        for tag in lower.match_indices("<a ").map(|(i, _)| i) {
            let end = lower[tag..].find('>').map_or(lower.len(), |e| tag + e);
            let Some(href) = attribute_values(&html[tag..end], "href").first().copied() else {
                continue;
            };
            let pos = self.pos(offset);
            self.facts.links.push(LinkFact {
                href: href.to_string(),
                text: String::new(),
                pos,
                raw_html: true,
            });
        }
    }

    pub(crate) fn finish(mut self, body: &str) -> Facts {
        if !self.facts.embeds.is_empty() && mentions_transcript(body) {
            for embed in &mut self.facts.embeds {
                embed.has_text_alternative = true;
            }
        }
        self.facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_need_a_whole_sentence() {
        assert!(is_capitals(
            "UWAGA! ZEBRANIE WIEJSKIE ODBĘDZIE SIĘ W ŚRODĘ."
        ));
        assert!(!is_capitals("Spotkanie CWD i ZMP w MFiPR."));
        assert!(!is_capitals("OSP ZMP JST"));
    }

    #[test]
    fn sensory_instructions_are_found_by_sentence() {
        assert_eq!(
            sensory_instruction("Formularz jest gotowy. Kliknij czerwony przycisk, aby go wysłać."),
            Some("Kliknij czerwony przycisk, aby go wysłać".to_string())
        );
        assert_eq!(
            sensory_instruction("Czerwony autobus jedzie. Wybierz termin spotkania."),
            None
        );
        assert_eq!(
            sensory_instruction("Wybierz termin z listy poniżej. Click the shared link."),
            None
        );
        assert!(sensory_instruction("Press the green button.").is_some());
        assert!(sensory_instruction("Wybierz zieloną ikonę po lewej.").is_some());
    }

    #[test]
    fn attributes_of_raw_html() {
        let html = r#"<div id="mapa"><img data-id="x" src='a.png' alt=Mapa></div>"#;
        assert_eq!(attribute_values(html, "id"), ["mapa"]);
        assert_eq!(attribute_values(html, "alt"), ["Mapa"]);
    }
}
