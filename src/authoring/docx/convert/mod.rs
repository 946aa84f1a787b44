//! Walking word/document.xml: paragraphs, runs, lists, tables, links,
//! images and footnotes become [`Block`]s of Markdown. Word's artefacts are
//! left behind on the way: bookmarks (`_GoBack`), proofing marks, deleted
//! text of tracked changes (insertions are kept, as if accepted), field
//! codes, hidden text and every direct formatting but bold and italic.

use super::notes::Note;
use super::package::{Package, Rels, Target};
use super::styles::{numbering_of, outline_level, ListKind, Numbering, Role, Styles};
use super::xml::Element;
use super::{Block, Converted, ListMarker};
use crate::authoring::markdown::{self, Inline};
use crate::base::diagnostic::Diagnostic;
use crate::base::typography::strip_word_artefacts;
use std::collections::HashMap;

mod media;
mod table;

pub(crate) use table::table_markdown;

/// The state of one conversion.
pub struct Converter<'p> {
    package: &'p mut Package,
    rels: Rels,
    /// Relationships of word/footnotes.xml and word/endnotes.xml, by prefix.
    note_rels: HashMap<&'static str, Rels>,
    /// While a note is converted: its prefix ("f" or "e").
    in_note: Option<&'static str>,
    styles: Styles,
    numbering: Numbering,
    notes_xml: HashMap<String, Element>,
    counters: HashMap<(String, usize), u32>,
    image_parts: HashMap<String, String>,
    /// Footnote numbers by note id, so a note referenced twice is one note.
    note_numbers: HashMap<String, usize>,
    out: Converted,
}

/// The formatting a run keeps: bold and italic, nothing else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Style {
    bold: bool,
    italic: bool,
}

/// A paragraph being collected: its Markdown pieces and its plain text
/// (manual line breaks kept as `\n`, for the date and signature lines).
#[derive(Default)]
struct Para {
    frames: Vec<(Option<String>, Vec<Inline>)>,
    plain: String,
    /// Per open complex field: whether it opened a link frame.
    fields: Vec<bool>,
    instruction: String,
    has_content: bool,
    /// An image or a note reference: content even without text.
    has_raw: bool,
}

impl Para {
    fn new() -> Para {
        Para {
            frames: vec![(None, Vec::new())],
            ..Para::default()
        }
    }

    fn push(&mut self, inline: Inline) {
        if let Some((_, inlines)) = self.frames.last_mut() {
            inlines.push(inline);
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        let Style { bold, italic } = style;
        self.plain.push_str(text);
        self.has_content |= !text.trim().is_empty();
        if let Some((_, inlines)) = self.frames.last_mut() {
            if let Some(Inline::Text {
                text: last,
                bold: b,
                italic: i,
            }) = inlines.last_mut()
            {
                if *b == bold && *i == italic {
                    last.push_str(text);
                    return;
                }
            }
            inlines.push(Inline::Text {
                text: text.to_string(),
                bold,
                italic,
            });
        }
    }

    fn open_link(&mut self, dest: Option<String>) {
        self.frames.push((dest, Vec::new()));
    }

    fn close_link(&mut self) {
        if self.frames.len() < 2 {
            return;
        }
        if let Some((dest, content)) = self.frames.pop() {
            match dest {
                Some(dest) => self.push(Inline::Link { dest, content }),
                None => {
                    for inline in content {
                        self.push(inline);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> (Vec<Inline>, String, bool) {
        while self.frames.len() > 1 {
            self.close_link();
        }
        let inlines = self.frames.pop().map(|(_, i)| i).unwrap_or_default();
        let inlines = inlines.into_iter().map(without_bookmark_text).collect();
        let plain = strip_word_artefacts(&self.plain).into_owned();
        let has_content = (self.has_content && !plain.trim().is_empty()) || self.has_raw;
        (inlines, plain, has_content)
    }
}

/// `[bookmark: _GoBack]` typed as text (pasted from a converted document)
/// goes the way of real bookmarks.
pub(crate) fn without_bookmark_text(inline: Inline) -> Inline {
    match inline {
        Inline::Text { text, bold, italic } => Inline::Text {
            text: strip_word_artefacts(&text).into_owned(),
            bold,
            italic,
        },
        Inline::Link { dest, content } => Inline::Link {
            dest,
            content: content.into_iter().map(without_bookmark_text).collect(),
        },
        raw => raw,
    }
}

impl<'p> Converter<'p> {
    pub fn new(package: &'p mut Package) -> Result<Converter<'p>, Diagnostic> {
        let rels = package.rels("word/document.xml")?;
        let mut note_rels = HashMap::new();
        let styles = Styles::parse(package.xml("word/styles.xml")?.as_ref());
        let numbering = Numbering::parse(package.xml("word/numbering.xml")?.as_ref());
        let mut notes_xml = HashMap::new();
        for (part, prefix) in [("word/footnotes.xml", "f"), ("word/endnotes.xml", "e")] {
            note_rels.insert(prefix, package.rels(part)?);
            if let Some(root) = package.xml(part)? {
                for note in root.elements() {
                    if let Some(id) = note.attr("w:id") {
                        notes_xml.insert(format!("{prefix}{id}"), note.clone());
                    }
                }
            }
        }
        Ok(Converter {
            package,
            rels,
            note_rels,
            in_note: None,
            styles,
            numbering,
            notes_xml,
            counters: HashMap::new(),
            image_parts: HashMap::new(),
            note_numbers: HashMap::new(),
            out: Converted::default(),
        })
    }

    /// Converts the document's body.
    pub fn convert(mut self) -> Result<Converted, Diagnostic> {
        let document = self.package.xml("word/document.xml")?.unwrap_or_default();
        let body = document.child("w:body").cloned().unwrap_or_default();
        self.blocks(&body)?;
        Ok(self.out)
    }

    fn blocks(&mut self, parent: &Element) -> Result<(), Diagnostic> {
        for element in parent.elements() {
            match element.name.as_str() {
                "w:p" => self.paragraph(element)?,
                "w:tbl" => self.table(element)?,
                "w:sdt" if is_table_of_contents(element) => {
                    self.out.notes.add(Note::TableOfContents);
                }
                "w:sdt" | "w:customXml" | "w:ins" | "w:moveTo" => {
                    let content = element.child("w:sdtContent").unwrap_or(element);
                    self.blocks(content)?;
                }
                "w:sectPr" => self.headers_and_footers(element)?,
                "m:oMathPara" => self.out.notes.add(Note::Equation),
                "w:altChunk" => self.out.notes.add(Note::EmbeddedDocument),
                _ => {}
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Element) -> Result<(), Diagnostic> {
        let ppr = p.child("w:pPr");
        if let Some(sect) = ppr.and_then(|ppr| ppr.child("w:sectPr")) {
            self.headers_and_footers(sect)?;
        }
        let style = ppr.and_then(|ppr| ppr.child_val("w:pStyle")).unwrap_or("");
        let (mut inlines, plain, has_content) = self.inlines(p)?;
        if !has_content {
            return Ok(());
        }
        let role = match ppr.and_then(outline_level) {
            Some(level) if level < 6 => Role::Heading(level + 1),
            _ => self.styles.role(style),
        };
        if role == Role::Contents {
            self.out.notes.add(Note::TableOfContents);
            return Ok(());
        }
        let numbering = ppr
            .and_then(numbering_of)
            .or_else(|| self.styles.numbering(style))
            .filter(|(num_id, _)| num_id != "0");
        let block = match (role, numbering) {
            (Role::Heading(level), _) => heading(level, false, &inlines, &plain),
            (Role::Title, _) => heading(1, true, &inlines, &plain),
            (_, Some((num_id, level))) => self.list_item(num_id, level, &inlines),
            _ if strip_typed_bullet(&mut inlines) => Block::ListItem {
                list: TYPED_BULLETS.to_string(),
                level: 0,
                marker: ListMarker::Bullet,
                markdown: markdown::escape_line_start(&markdown::render(&inlines)),
            },
            _ => Block::Paragraph {
                markdown: markdown::escape_line_start(&markdown::render(&inlines)),
                lines: plain_lines(&plain),
            },
        };
        self.out.blocks.push(block);
        Ok(())
    }

    fn list_item(&mut self, num_id: String, level: usize, inlines: &[Inline]) -> Block {
        let (kind, start) = self.numbering.level(&num_id, level);
        self.counters
            .retain(|(id, l), _| id != &num_id || *l <= level);
        let counter = self
            .counters
            .entry((num_id.clone(), level))
            .or_insert(start.saturating_sub(1));
        // CommonMark reads at most nine digits as a list number.
        *counter = counter.saturating_add(1).min(999_999_999);
        let marker = match kind {
            ListKind::Bullet => ListMarker::Bullet,
            ListKind::Numbered => ListMarker::Number(*counter),
            ListKind::Lettered => {
                self.out.notes.add(Note::LetteredList);
                ListMarker::Number(*counter)
            }
        };
        Block::ListItem {
            list: num_id,
            level,
            marker,
            markdown: markdown::escape_line_start(&markdown::render(inlines)),
        }
    }

    /// The Markdown pieces and the plain text of a paragraph.
    fn inlines(&mut self, p: &Element) -> Result<(Vec<Inline>, String, bool), Diagnostic> {
        let mut para = Para::new();
        self.paragraph_content(p, &mut para)?;
        Ok(para.finish())
    }

    fn paragraph_content(&mut self, parent: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        for element in parent.elements() {
            match element.name.as_str() {
                "w:r" => self.run(element, para)?,
                "w:hyperlink" => self.hyperlink(element, para)?,
                "w:fldSimple" => self.simple_field(element, para)?,
                "w:ins" | "w:moveTo" | "w:smartTag" | "w:customXml" | "w:dir" | "w:bdo" => {
                    self.paragraph_content(element, para)?;
                }
                "w:sdt" => {
                    if let Some(content) = element.child("w:sdtContent") {
                        self.paragraph_content(content, para)?;
                    }
                }
                "m:oMath" | "m:oMathPara" => self.out.notes.add(Note::Equation),
                // Deleted text, bookmarks (_GoBack), proofing and comment marks.
                _ => {}
            }
        }
        Ok(())
    }

    fn hyperlink(&mut self, link: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        let dest = link
            .attr("r:id")
            .and_then(|id| self.current_rels().get(id))
            .map(|target| match target {
                Target::External(url) | Target::Part(url) => url.clone(),
            });
        para.open_link(dest);
        self.paragraph_content(link, para)?;
        para.close_link();
        Ok(())
    }

    fn simple_field(&mut self, field: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        para.open_link(field.attr("w:instr").and_then(hyperlink_field));
        self.paragraph_content(field, para)?;
        para.close_link();
        Ok(())
    }

    fn current_rels(&self) -> &Rels {
        self.in_note
            .and_then(|kind| self.note_rels.get(kind))
            .unwrap_or(&self.rels)
    }

    fn run(&mut self, run: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        let rpr = run.child("w:rPr");
        if rpr.is_some_and(|r| is_on(r.child("w:vanish"))) {
            return Ok(());
        }
        let character_style = rpr.and_then(|r| r.child_val("w:rStyle")).unwrap_or("");
        let style = Style {
            bold: rpr.is_some_and(|r| is_on(r.child("w:b")))
                || matches!(character_style, "Strong" | "Pogrubienie"),
            italic: rpr.is_some_and(|r| is_on(r.child("w:i")))
                || matches!(character_style, "Emphasis" | "Uwydatnienie"),
        };
        for element in run.elements() {
            self.run_child(element, para, style)?;
        }
        Ok(())
    }

    fn run_child(
        &mut self,
        element: &Element,
        para: &mut Para,
        style: Style,
    ) -> Result<(), Diagnostic> {
        match element.name.as_str() {
            "w:t" => para.text(&element.text(), style),
            "w:tab" | "w:ptab" => para.text(" ", style),
            "w:noBreakHyphen" => para.text("-", style),
            "w:br" | "w:cr" => line_break(element, para),
            "w:sym" => self.symbol(element, para, style),
            "w:instrText" => para.instruction.push_str(&element.text()),
            "w:fldChar" => field_char(element, para),
            "w:drawing" => self.drawing(element, para)?,
            "w:pict" => self.picture(element, para)?,
            "w:object" => self.out.notes.add(Note::EmbeddedObject),
            "w:footnoteReference" => self.note_reference(element, "f", para)?,
            "w:endnoteReference" => self.note_reference(element, "e", para)?,
            "w:commentReference" => self.out.notes.add(Note::Comment),
            "mc:AlternateContent" => self.alternate_content(element, para, style)?,
            _ => {}
        }
        Ok(())
    }

    /// Newer content with an older fallback: the newer one is read.
    fn alternate_content(
        &mut self,
        element: &Element,
        para: &mut Para,
        style: Style,
    ) -> Result<(), Diagnostic> {
        let chosen = element
            .child("mc:Choice")
            .or_else(|| element.child("mc:Fallback"));
        if let Some(chosen) = chosen {
            for child in chosen.elements() {
                self.run_child(child, para, style)?;
            }
        }
        Ok(())
    }

    fn symbol(&mut self, sym: &Element, para: &mut Para, style: Style) {
        let font = sym.attr("w:font").unwrap_or("").to_lowercase();
        let code = sym
            .attr("w:char")
            .and_then(|c| u32::from_str_radix(c, 16).ok())
            .unwrap_or(0);
        let code = if (0xF000..=0xF0FF).contains(&code) {
            code - 0xF000
        } else {
            code
        };
        let symbol = match (font.as_str(), code) {
            ("symbol", 0xB7) => Some('•'),
            ("symbol", 0xAE) => Some('→'),
            ("symbol", 0xAC) => Some('←'),
            ("symbol", 0xB4) => Some('×'),
            ("symbol", 0xB1) => Some('±'),
            ("symbol", 0xB0) => Some('°'),
            ("symbol", 0x2D) => Some('−'),
            (font, code)
                if !font.contains("wingdings")
                    && !font.contains("webdings")
                    && font != "symbol" =>
            {
                char::from_u32(code).filter(|c| !c.is_control())
            }
            _ => None,
        };
        match symbol {
            Some(c) => para.text(&c.to_string(), style),
            None => self.out.notes.add(Note::Symbol),
        }
    }

    fn note_reference(
        &mut self,
        reference: &Element,
        kind: &'static str,
        para: &mut Para,
    ) -> Result<(), Diagnostic> {
        let Some(id) = reference.attr("w:id") else {
            return Ok(());
        };
        let key = format!("{kind}{id}");
        let number = match self.note_numbers.get(&key) {
            Some(number) => *number,
            None => {
                let Some(note) = self.notes_xml.get(&key).cloned() else {
                    return Ok(());
                };
                let text = self.note_text(&note, kind)?;
                self.out.footnotes.push(text);
                self.note_numbers.insert(key, self.out.footnotes.len());
                self.out.footnotes.len()
            }
        };
        para.push(Inline::Raw(format!("[^{number}]")));
        para.has_raw = true;
        Ok(())
    }

    /// A footnote's paragraphs as one line of Markdown.
    fn note_text(&mut self, note: &Element, kind: &'static str) -> Result<String, Diagnostic> {
        let was_in_note = self.in_note.replace(kind);
        let mut texts = Vec::new();
        for p in note.elements().filter(|e| e.name == "w:p") {
            let (inlines, _, has_content) = self.inlines(p)?;
            if has_content {
                texts.push(markdown::render(&inlines));
            }
        }
        self.in_note = was_in_note;
        Ok(texts.join(" "))
    }

    /// Page headers and footers are not converted; the report says so when
    /// they hold any text.
    fn headers_and_footers(&mut self, sect: &Element) -> Result<(), Diagnostic> {
        let mut has_text = false;
        for reference in sect
            .elements()
            .filter(|e| e.name == "w:headerReference" || e.name == "w:footerReference")
        {
            let part = match reference.attr("r:id").and_then(|id| self.rels.get(id)) {
                Some(Target::Part(part)) => part.clone(),
                _ => continue,
            };
            if let Some(root) = self.package.xml(&part)? {
                has_text |= !root.text().trim().is_empty();
            }
        }
        if has_text && !self.out.notes.contains(Note::HeaderFooter) {
            self.out.notes.add(Note::HeaderFooter);
        }
        Ok(())
    }
}

/// The list id given to paragraphs that start with a bullet typed by hand.
const TYPED_BULLETS: &str = "typed";

/// Removes a bullet typed by hand ("• tekst", or Word's Symbol-font bullet
/// pasted as text) from the start of a paragraph; true when there was one.
pub(crate) fn strip_typed_bullet(inlines: &mut [Inline]) -> bool {
    let Some(Inline::Text { text, .. }) = inlines.first_mut() else {
        return false;
    };
    let Some(rest) = typed_bullet(text).map(str::to_string) else {
        return false;
    };
    *text = rest;
    true
}

/// The text after a bullet typed by hand ("• tekst", Word's Symbol bullet
/// pasted as text).
pub(crate) fn typed_bullet(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    let mut chars = trimmed.chars();
    let bullet = chars
        .next()
        .is_some_and(|c| matches!(c, '•' | '·' | '▪' | '◦' | '\u{F0B7}'));
    let spaced = chars.next().is_some_and(char::is_whitespace);
    (bullet && spaced).then(|| chars.as_str().trim_start())
}

/// A content control holding Word's table of contents.
fn is_table_of_contents(sdt: &Element) -> bool {
    sdt.child("w:sdtPr")
        .and_then(|p| p.find("w:docPartGallery"))
        .and_then(|g| g.attr("w:val"))
        .is_some_and(|v| v == "Table of Contents")
}

pub(crate) fn heading(level: u8, title_style: bool, inlines: &[Inline], plain: &str) -> Block {
    let plain_inlines: Vec<Inline> = inlines.iter().map(without_emphasis).collect();
    let mut text = markdown::render(&plain_inlines);
    // A `#` at the end of a heading line would be read as closing markup.
    if text.ends_with('#') {
        text.insert(text.len() - 1, '\\');
    }
    Block::Heading {
        level,
        title_style,
        markdown: text,
        plain: markdown::collapse_spaces(plain).trim().to_string(),
    }
}

/// Headings are bold already: their bold and italic are dropped.
fn without_emphasis(inline: &Inline) -> Inline {
    match inline {
        Inline::Text { text, .. } => Inline::plain(text.clone()),
        Inline::Link { dest, content } => Inline::Link {
            dest: dest.clone(),
            content: content.iter().map(without_emphasis).collect(),
        },
        Inline::Raw(raw) => Inline::Raw(raw.clone()),
    }
}

pub(crate) fn plain_lines(plain: &str) -> Vec<String> {
    plain
        .split('\n')
        .map(|line| markdown::collapse_spaces(line).trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

/// A manual line break inside a paragraph is a space in Markdown (Word
/// users press Shift+Enter to wrap lines by hand); page and column breaks
/// are dropped. The plain text keeps the break for signature lines.
fn line_break(br: &Element, para: &mut Para) {
    match br.attr("w:type") {
        Some("page") | Some("column") => para.push(Inline::plain(" ")),
        _ => {
            para.push(Inline::plain(" "));
            para.plain.push('\n');
        }
    }
}

/// Complex fields: the instruction (`HYPERLINK "…"`, `PAGE`) is dropped and
/// the result kept; a HYPERLINK's result becomes a link.
fn field_char(element: &Element, para: &mut Para) {
    match element.attr("w:fldCharType") {
        Some("begin") => {
            para.fields.push(false);
            para.instruction.clear();
        }
        Some("separate") => {
            if let Some(dest) = hyperlink_field(&para.instruction) {
                para.open_link(Some(dest));
                if let Some(last) = para.fields.last_mut() {
                    *last = true;
                }
            }
            para.instruction.clear();
        }
        Some("end") if para.fields.pop() == Some(true) => para.close_link(),
        _ => {}
    }
}

/// The address of a `HYPERLINK "https://…"` field instruction.
fn hyperlink_field(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim();
    if rest.starts_with("\\l") {
        return None;
    }
    let url = rest.trim_start_matches('"').split('"').next()?.trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// `<w:b/>` and `<w:b w:val="true"/>` are on; `w:val="0"` or `"false"` is off.
fn is_on(element: Option<&Element>) -> bool {
    element.is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")))
}
