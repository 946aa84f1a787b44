//! The editor's paste: the `text/html` a browser puts on the clipboard when
//! a clerk copies from Microsoft Word, LibreOffice Writer, Google Docs or a
//! web page becomes clean Markdown, by the rules of `tablica import`. This
//! module owns reading that HTML (html5ever with a small tree of its own)
//! and turning it into the import's [`Block`]s and [`Inline`]s; the
//! Markdown itself is written by [`docx::render`] and [`markdown::render`],
//! so a pasted text and an imported one come out the same.
//!
//! Kept: paragraphs, headings (Word's title style too, moved so the highest
//! is `##`), bold and italic, links (http, https, mailto, tel and relative
//! ones), Word's lists (`mso-list`) and HTML lists with their nesting,
//! tables, quotes, code and Word's footnotes (`[^1]`). Left behind: images
//! (counted in [`Pasted::dropped_images`]: the clerk uploads photos
//! separately), every other formatting, scripts, styles, HTML comments,
//! Word's review comments and the rest of Word's markup.

use crate::authoring::docx::{
    self, plain_lines, strip_typed_bullet, table_markdown, typed_bullet, without_bookmark_text,
    Block, ListMarker,
};
use crate::authoring::import::heading_shift;
use crate::authoring::markdown::{self, Inline};
use crate::base::typography::strip_word_artefacts;
use dom::{Handle, Kind};
use std::collections::HashMap;

/// What a paste became.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pasted {
    /// The Markdown to insert, without a final newline.
    pub markdown: String,
    /// Pictures of the clipboard that were left out.
    pub dropped_images: usize,
}

/// The Markdown of the clipboard's `text/html` (or of plain text).
pub fn markdown_from_clipboard(html: &str) -> Pasted {
    let document = dom::parse(html);
    let mut converter = Converter::new();
    match plain_text(&document) {
        Some(text) => converter.plain(&text),
        None => converter.walk(&document, Style::default(), 0),
    }
    converter.flush();
    let mut markdown = render(&converter.blocks, &converter.depths);
    markdown.push_str(&converter.footnotes());
    Pasted {
        markdown,
        dropped_images: converter.images,
    }
}

/// Deeper than this, an element's text is taken as it is: the walk is
/// recursive and a crafted paste must not exhaust the stack.
const MAX_DEPTH: usize = 128;

/// The list id of paragraphs that start with a bullet typed by hand, as import.
const TYPED_BULLETS: &str = "typed";

/// Elements whose content is never text on the page.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "title", "meta", "link", "base", "noscript", "iframe",
    "frame", "frameset", "object", "embed", "applet", "param", "svg", "canvas", "audio", "video",
    "map", "area",
];

/// Bold and italic: the only formatting import keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Style {
    bold: bool,
    italic: bool,
}

/// What the paragraph being collected becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Paragraph,
    Heading {
        level: u8,
        title: bool,
    },
    /// A Word list paragraph (`mso-list:l0 level2 lfo1`); whether it is
    /// numbered is told by the text of its `mso-list:Ignore` span.
    WordItem {
        list: String,
        level: usize,
    },
    Item {
        list: String,
        level: usize,
        marker: ListMarker,
    },
}

/// An open `<ul>` or `<ol>`.
struct List {
    id: String,
    ordered: bool,
    next: u32,
}

/// A paragraph being collected: its Markdown pieces (in link frames) and
/// its plain text, manual line breaks kept as `\n`.
struct Para {
    frames: Vec<(Option<String>, Vec<Inline>)>,
    plain: String,
    /// Inline code: content even without text.
    has_raw: bool,
}

impl Para {
    fn new() -> Para {
        Para {
            frames: vec![(None, Vec::new())],
            plain: String::new(),
            has_raw: false,
        }
    }

    fn push(&mut self, inline: Inline) {
        if let Some((_, inlines)) = self.frames.last_mut() {
            inlines.push(inline);
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        self.plain.push_str(text);
        let Some((_, inlines)) = self.frames.last_mut() else {
            return;
        };
        // Runs of one style are one piece: the renderer's choice of `*`
        // or `_` looks at the neighbouring pieces.
        if let Some(Inline::Text {
            text: last,
            bold,
            italic,
        }) = inlines.last_mut()
        {
            if *bold == style.bold && *italic == style.italic {
                last.push_str(text);
                return;
            }
        }
        inlines.push(Inline::Text {
            text: text.to_string(),
            bold: style.bold,
            italic: style.italic,
        });
    }

    fn raw(&mut self, markdown: String) {
        self.has_raw = true;
        self.push(Inline::Raw(markdown));
    }

    /// A `<br>`: a space in Markdown (as import does with Shift+Enter), a
    /// new line in the plain text.
    fn line_break(&mut self) {
        self.push(Inline::plain(" "));
        self.plain.push('\n');
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
                None => content.into_iter().for_each(|inline| self.push(inline)),
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.plain.is_empty() && !self.has_raw
    }

    fn finish(mut self) -> (Vec<Inline>, String, bool) {
        while self.frames.len() > 1 {
            self.close_link();
        }
        let inlines = self.frames.pop().map(|(_, i)| i).unwrap_or_default();
        let inlines = inlines.into_iter().map(without_bookmark_text).collect();
        let plain = strip_word_artefacts(&self.plain).into_owned();
        let has_content = !plain.trim().is_empty() || self.has_raw;
        (inlines, plain, has_content)
    }
}

/// The walk over the parsed clipboard, collecting blocks.
struct Converter {
    blocks: Vec<Block>,
    /// How deep in `<blockquote>`s each block is.
    depths: Vec<usize>,
    para: Para,
    shape: Shape,
    quote: usize,
    lists: Vec<List>,
    lists_seen: usize,
    /// The links the walk is inside: a paragraph that starts within one
    /// (`<a><p>…</p><p>…</p></a>`) opens it again.
    links: Vec<Option<String>>,
    /// Inside an `<li>`: paragraphs separate words instead of ending the item.
    in_item: bool,
    /// Inside a table cell: everything is one line.
    flat: usize,
    /// Inside Word's `mso-list:Ignore` span: the text is the list marker.
    capturing: bool,
    marker: String,
    word_counters: HashMap<(String, usize), u32>,
    /// Word's footnote and endnote ids (`ftn1`, `edn1`) in the order of
    /// their first reference: `[^1]`, `[^2]`…
    notes: Vec<String>,
    /// The notes' text, by id, from Word's `mso-element:footnote-list`.
    note_texts: HashMap<String, String>,
    /// Inside a note of that list.
    in_note: bool,
    /// `<br>`s since the last word: two end a paragraph.
    breaks: usize,
    images: usize,
}

impl Converter {
    fn new() -> Converter {
        Converter {
            blocks: Vec::new(),
            depths: Vec::new(),
            para: Para::new(),
            shape: Shape::Paragraph,
            quote: 0,
            lists: Vec::new(),
            lists_seen: 0,
            links: Vec::new(),
            in_item: false,
            flat: 0,
            capturing: false,
            marker: String::new(),
            word_counters: HashMap::new(),
            notes: Vec::new(),
            note_texts: HashMap::new(),
            in_note: false,
            breaks: 0,
            images: 0,
        }
    }

    fn walk(&mut self, node: &Handle, style: Style, depth: usize) {
        match node.kind {
            Kind::Text => self.text(&node.text.borrow(), style),
            Kind::Element => self.element(node, style, depth),
            Kind::Document => self.walk_children(node, style, depth),
            Kind::Other => {}
        }
    }

    fn walk_children(&mut self, node: &Handle, style: Style, depth: usize) {
        if depth > MAX_DEPTH {
            let text = self.text_of(node);
            self.text(&text, style);
            return;
        }
        for child in node.children.borrow().iter() {
            self.walk(child, style, depth + 1);
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        if self.capturing {
            self.marker.push_str(text);
            return;
        }
        // A no-break space is a plain space: the site's typography binds
        // one-letter words itself. Line ends in the source are spaces.
        let text = text.replace(['\u{a0}', '\n', '\r'], " ");
        if !text.trim().is_empty() {
            self.breaks = 0;
        }
        self.para.text(&text, style);
    }

    fn element(&mut self, node: &Handle, style: Style, depth: usize) {
        let name = node.local();
        let css = node.attr("style").unwrap_or_default();
        let hidden = css_value(&css, "display").is_some_and(|d| d.eq_ignore_ascii_case("none"));
        if SKIPPED.contains(&name) || hidden || is_word_comment(node, &css) {
            return;
        }
        if self.capturing {
            return self.walk_children(node, style, depth);
        }
        let is_marker =
            css_value(&css, "mso-list").is_some_and(|v| v.eq_ignore_ascii_case("ignore"));
        let style = inline_style(name, &css, style);
        let note_list = css_value(&css, "mso-element").is_some_and(|v| {
            v.eq_ignore_ascii_case("footnote-list") || v.eq_ignore_ascii_case("endnote-list")
        });
        match name {
            _ if is_marker => self.capture_marker(node, depth),
            _ if note_list => self.note_list(node, style, depth),
            "img" | "v:imagedata" => self.images += 1,
            "br" => self.line_break(),
            "hr" => self.separate(),
            "a" => self.link(node, &css, style, depth),
            "code" | "kbd" | "samp" | "tt" => self.code(node),
            "pre" => self.pre(node),
            "ul" | "ol" => self.list(node, style, depth),
            "li" => self.item(node, style, depth),
            "table" => self.table(node, style, depth),
            "blockquote" => self.quote(node, style, depth),
            _ if is_block(name) => {
                let shape = shape_of(node, name, &css);
                self.block(node, shape, style, depth);
            }
            _ => self.walk_children(node, style, depth),
        }
    }

    /// Whether block elements separate words (in a list item or a table
    /// cell) rather than end the paragraph.
    fn inline_only(&self) -> bool {
        self.flat > 0 || self.in_item
    }

    fn separate(&mut self) {
        if self.inline_only() {
            self.para.text(" ", Style::default());
        } else {
            self.flush();
        }
    }

    fn block(&mut self, node: &Handle, shape: Shape, style: Style, depth: usize) {
        if self.inline_only() {
            self.separate();
            self.walk_children(node, style, depth);
            self.separate();
            return;
        }
        self.flush();
        let outer = std::mem::replace(&mut self.shape, shape);
        self.walk_children(node, style, depth);
        self.flush();
        self.shape = outer;
    }

    fn capture_marker(&mut self, node: &Handle, depth: usize) {
        self.capturing = true;
        self.walk_children(node, Style::default(), depth);
        self.capturing = false;
    }

    /// Two `<br>`s in a row end a paragraph (web pages and mail separate
    /// paragraphs so); one is a space, as in import.
    fn line_break(&mut self) {
        self.breaks += 1;
        if self.breaks >= 2 && !self.inline_only() && self.shape == Shape::Paragraph {
            self.flush();
            return;
        }
        self.para.line_break();
    }

    fn link(&mut self, node: &Handle, css: &str, style: Style, depth: usize) {
        let note = css_value(css, "mso-footnote-id").or_else(|| css_value(css, "mso-endnote-id"));
        if let Some(id) = note {
            return self.note_reference(id);
        }
        let dest = node.attr("href").and_then(|href| safe_destination(&href));
        self.links.push(dest.clone());
        self.para.open_link(dest);
        self.walk_children(node, style, depth);
        self.para.close_link();
        self.links.pop();
    }

    /// Word's reference to a footnote (`<a style='mso-footnote-id:ftn1'>`)
    /// is `[^1]`, as import writes it; the same link in the note itself,
    /// back to the text, is dropped.
    fn note_reference(&mut self, id: &str) {
        if self.in_note {
            return;
        }
        let number = match self.notes.iter().position(|n| n == id) {
            Some(index) => index + 1,
            None => {
                self.notes.push(id.to_string());
                self.notes.len()
            }
        };
        self.para.raw(format!("[^{number}]"));
    }

    /// Word's list of notes at the end of the copy: each note's text is
    /// kept for the `[^n]:` lines instead of the page.
    fn note_list(&mut self, node: &Handle, style: Style, depth: usize) {
        for child in node.children.borrow().iter() {
            let css = child.attr("style").unwrap_or_default();
            let is_note = css_value(&css, "mso-element").is_some_and(|v| {
                v.eq_ignore_ascii_case("footnote") || v.eq_ignore_ascii_case("endnote")
            });
            let Some(id) = child.attr("id").filter(|_| is_note) else {
                continue;
            };
            self.in_note = true;
            let text = self.one_line(child, style, depth + 1);
            self.in_note = false;
            self.note_texts.insert(id, text);
        }
    }

    fn code(&mut self, node: &Handle) {
        let text = self
            .text_of(node)
            .replace(['\u{a0}', '\n', '\r', '\t'], " ");
        if text.trim().is_empty() {
            self.para.text(&text, Style::default());
            return;
        }
        let fence = "`".repeat(longest_run(&text, '`') + 1);
        let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
            " "
        } else {
            ""
        };
        self.breaks = 0;
        self.para.raw(format!("{fence}{pad}{text}{pad}{fence}"));
    }

    /// `<pre>` becomes a fenced code block, its lines kept as they are.
    fn pre(&mut self, node: &Handle) {
        if self.inline_only() {
            return self.code(node);
        }
        self.flush();
        let text = self
            .text_of(node)
            .replace("\r\n", "\n")
            .replace('\u{a0}', " ");
        let text = text.trim_end();
        let text = text.trim_start_matches(['\n', '\r']);
        if text.trim().is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
        self.push_block(Block::Paragraph {
            markdown: format!("{fence}\n{text}\n{fence}"),
            lines: Vec::new(),
        });
    }

    fn quote(&mut self, node: &Handle, style: Style, depth: usize) {
        if self.inline_only() {
            return self.block(node, Shape::Paragraph, style, depth);
        }
        self.flush();
        self.quote += 1;
        let outer = std::mem::replace(&mut self.shape, Shape::Paragraph);
        self.walk_children(node, style, depth);
        self.flush();
        self.shape = outer;
        self.quote -= 1;
    }

    fn list(&mut self, node: &Handle, style: Style, depth: usize) {
        if self.flat > 0 {
            return self.block(node, Shape::Paragraph, style, depth);
        }
        self.flush();
        let ordered = node.local() == "ol";
        let start = number_attr(node, "start").unwrap_or(1);
        // Nested lists belong to the outermost one: no blank lines between.
        let id = match self.lists.first() {
            Some(outer) => outer.id.clone(),
            None => {
                self.lists_seen += 1;
                format!("html-{}", self.lists_seen)
            }
        };
        self.lists.push(List {
            id,
            ordered,
            next: start,
        });
        let in_item = std::mem::replace(&mut self.in_item, false);
        self.walk_children(node, style, depth);
        self.flush();
        self.in_item = in_item;
        self.lists.pop();
    }

    fn item(&mut self, node: &Handle, style: Style, depth: usize) {
        if self.flat > 0 {
            return self.block(node, Shape::Paragraph, style, depth);
        }
        self.flush();
        // Google Docs and LibreOffice nest `<ul>` right in `<ul>`: the level
        // is the number of lists around, not of items.
        let level = self.lists.len().saturating_sub(1);
        let (list, marker) = match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let number = number_attr(node, "value").unwrap_or(list.next);
                list.next = number.saturating_add(1);
                let marker = ListMarker::Number(number.min(999_999_999));
                (list.id.clone(), marker)
            }
            Some(list) => (list.id.clone(), ListMarker::Bullet),
            None => ("html-loose".to_string(), ListMarker::Bullet),
        };
        let shape = Shape::Item {
            list,
            level,
            marker,
        };
        let outer_shape = std::mem::replace(&mut self.shape, shape);
        let outer_item = std::mem::replace(&mut self.in_item, true);
        self.walk_children(node, style, depth);
        self.flush();
        self.shape = outer_shape;
        self.in_item = outer_item;
    }

    /// A table becomes a pipe table of its cells' text; the first row is
    /// the header, as in import.
    fn table(&mut self, node: &Handle, style: Style, depth: usize) {
        if self.flat > 0 {
            return self.block(node, Shape::Paragraph, style, depth);
        }
        self.flush();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut spans: Vec<usize> = Vec::new();
        for child in node.children.borrow().iter() {
            match child.local() {
                "caption" => self.block(child, Shape::Paragraph, style, depth + 1),
                "tr" => rows.push(self.row(child, &mut spans, style, depth + 1)),
                "thead" | "tbody" | "tfoot" => {
                    for row in child.children.borrow().iter() {
                        if row.local() == "tr" {
                            rows.push(self.row(row, &mut spans, style, depth + 2));
                        }
                    }
                }
                _ => {}
            }
        }
        rows.retain(|row| !row.is_empty());
        if rows.iter().flatten().all(String::is_empty) {
            return;
        }
        self.push_block(Block::Table {
            markdown: table_markdown(rows),
        });
    }

    /// One row's cells; a cell spanning columns or rows leaves empty cells,
    /// so the columns stay in line.
    fn row(
        &mut self,
        tr: &Handle,
        spans: &mut Vec<usize>,
        style: Style,
        depth: usize,
    ) -> Vec<String> {
        let mut cells = Vec::new();
        for cell in tr.children.borrow().iter() {
            if !matches!(cell.local(), "td" | "th") {
                continue;
            }
            fill_spanned(&mut cells, spans);
            let text = self.cell(cell, style, depth + 1);
            let columns = number_attr(cell, "colspan").unwrap_or(1).clamp(1, 64);
            let rows = number_attr(cell, "rowspan").unwrap_or(1).clamp(1, 1000) as usize;
            for column in 0..columns {
                let index = cells.len();
                if spans.len() <= index {
                    spans.resize(index + 1, 0);
                }
                spans[index] = rows - 1;
                cells.push(if column == 0 {
                    text.clone()
                } else {
                    String::new()
                });
            }
        }
        fill_spanned(&mut cells, spans);
        cells
    }

    fn cell(&mut self, cell: &Handle, style: Style, depth: usize) -> String {
        self.one_line(cell, style, depth).replace('|', "\\|")
    }

    /// The content of a table cell or a note as one line of Markdown.
    fn one_line(&mut self, node: &Handle, style: Style, depth: usize) -> String {
        let outer = std::mem::replace(&mut self.para, Para::new());
        self.flat += 1;
        self.walk_children(node, style, depth);
        self.flat -= 1;
        let para = std::mem::replace(&mut self.para, outer);
        // A Word list marker in a cell is numbering, not text.
        self.marker.clear();
        let (inlines, _, has_content) = para.finish();
        if !has_content {
            return String::new();
        }
        markdown::render(&inlines)
    }

    /// Ends the paragraph being collected, as the block its shape says.
    fn flush(&mut self) {
        let para = std::mem::replace(&mut self.para, Para::new());
        for dest in &self.links {
            self.para.open_link(dest.clone());
        }
        let marker = std::mem::take(&mut self.marker);
        self.breaks = 0;
        let (mut inlines, plain, has_content) = para.finish();
        if !has_content {
            return;
        }
        let block = match self.shape.clone() {
            Shape::Heading { level, title } => heading(level, title, &inlines, &plain),
            Shape::WordItem { list, level } => self.word_item(list, level, &marker, &inlines),
            Shape::Item {
                list,
                level,
                marker,
            } => list_item(list, level, marker, &inlines),
            // A list paragraph Word marked by its class only.
            Shape::Paragraph if !marker.trim().is_empty() => {
                self.word_item("word".to_string(), 0, &marker, &inlines)
            }
            Shape::Paragraph if strip_typed_bullet(&mut inlines) => {
                list_item(TYPED_BULLETS.to_string(), 0, ListMarker::Bullet, &inlines)
            }
            Shape::Paragraph => Block::Paragraph {
                markdown: markdown::escape_line_start(&markdown::render(&inlines)),
                lines: plain_lines(&plain),
            },
        };
        self.push_block(block);
    }

    fn push_block(&mut self, block: Block) {
        self.blocks.push(block);
        self.depths.push(self.quote);
    }

    /// A Word list item: numbered when its marker is (`1.`, `a)`, `iv.`),
    /// counted per list and level as import counts Word's numbering.
    fn word_item(&mut self, list: String, level: usize, marker: &str, inlines: &[Inline]) -> Block {
        let marker = match numbering(marker) {
            None => ListMarker::Bullet,
            Some(shown) => {
                self.word_counters
                    .retain(|(id, l), _| id != &list || *l <= level);
                let counter = self.word_counters.entry((list.clone(), level)).or_insert(0);
                *counter = shown.unwrap_or(counter.saturating_add(1)).min(999_999_999);
                ListMarker::Number(*counter)
            }
        };
        list_item(list, level, marker, inlines)
    }

    /// The `[^n]: …` lines of the notes referenced, written as import
    /// writes them; a note the copy did not include keeps its bare `[^n]`.
    fn footnotes(&self) -> String {
        let mut out = String::new();
        for (index, id) in self.notes.iter().enumerate() {
            let Some(text) = self.note_texts.get(id).filter(|t| !t.is_empty()) else {
                continue;
            };
            out.push_str(if out.is_empty() { "\n\n" } else { "\n" });
            out.push_str(&format!("[^{}]: {text}", index + 1));
        }
        out
    }

    /// Text without markup: paragraphs at blank lines, a line starting
    /// with a typed bullet is a list item.
    fn plain(&mut self, text: &str) {
        for line in text.lines() {
            if line.trim().is_empty() {
                self.flush();
                continue;
            }
            let bullet = typed_bullet(line).is_some();
            if bullet {
                self.flush();
            } else if !self.para.is_empty() {
                self.para.line_break();
            }
            self.text(line, Style::default());
            if bullet {
                self.flush();
            }
        }
    }

    /// The text of an element as it is, `<br>` and block ends as new
    /// lines; for code and for content nested too deep to walk.
    fn text_of(&mut self, node: &Handle) -> String {
        enum Step {
            Node(Handle),
            NewLine,
        }
        let mut out = String::new();
        let mut stack: Vec<Step> = node
            .children
            .borrow()
            .iter()
            .rev()
            .cloned()
            .map(Step::Node)
            .collect();
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::NewLine => {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    continue;
                }
                Step::Node(node) => node,
            };
            let name = node.local();
            match node.kind {
                Kind::Text => out.push_str(&node.text.borrow()),
                Kind::Element if SKIPPED.contains(&name) => {}
                Kind::Element if name == "br" => out.push('\n'),
                Kind::Element if matches!(name, "img" | "v:imagedata") => self.images += 1,
                Kind::Element => {
                    let block = is_block(name) || matches!(name, "li" | "pre");
                    if block {
                        stack.push(Step::NewLine);
                    }
                    stack.extend(node.children.borrow().iter().rev().cloned().map(Step::Node));
                    if block {
                        stack.push(Step::NewLine);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// Word's review comments, their `[JK1]` anchors and their list: the
/// reviewers' words, not the page's (import leaves them out too).
fn is_word_comment(node: &Handle, css: &str) -> bool {
    let list =
        css_value(css, "mso-element").is_some_and(|v| v.eq_ignore_ascii_case("comment-list"));
    let class = node.attr("class").unwrap_or_default();
    let anchor = class.split_whitespace().any(|c| {
        c.eq_ignore_ascii_case("msocomanchor") || c.eq_ignore_ascii_case("MsoCommentReference")
    });
    list || anchor
}

/// The shape a block element gives its paragraph.
fn shape_of(node: &Handle, name: &str, css: &str) -> Shape {
    if let Some(level) = name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()) {
        return Shape::Heading {
            level,
            title: false,
        };
    }
    if let Some((list, level)) = word_list(css) {
        return Shape::WordItem { list, level };
    }
    let class = node.attr("class").unwrap_or_default();
    let title = class
        .split_whitespace()
        .any(|c| c.eq_ignore_ascii_case("MsoTitle") || c == "title");
    if title {
        return Shape::Heading {
            level: 1,
            title: true,
        };
    }
    Shape::Paragraph
}

/// The list and level (from 0) of Word's `mso-list:l0 level2 lfo1`; the
/// `lfo` is the list's instance, as Word's numId in a .docx.
fn word_list(css: &str) -> Option<(String, usize)> {
    let value = css_value(css, "mso-list")?;
    let mut list = None;
    let mut instance = None;
    let mut level = None;
    for token in value.split_whitespace() {
        if let Some(number) = token.strip_prefix("level") {
            level = number.parse::<usize>().ok();
        } else if token.starts_with("lfo") {
            instance = Some(token);
        } else if token.starts_with('l') {
            list = Some(token);
        }
    }
    let id = instance.or(list)?;
    Some((format!("word-{id}"), level?.clamp(1, 9) - 1))
}

/// What a Word list marker says: `None` for a bullet (`·`, `o`, `§`),
/// else a number, with its value when it is written in digits.
fn numbering(marker: &str) -> Option<Option<u32>> {
    let marker = marker.trim();
    let marker = marker.strip_prefix('(').unwrap_or(marker);
    let (core, suffixed) = match marker.strip_suffix(['.', ')']) {
        Some(core) => (core, true),
        None => (marker, false),
    };
    // `1.2.` of a multi-level list: the last part is this level's number.
    let last = core.rsplit('.').next().unwrap_or(core);
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return Some(last.parse().ok());
    }
    let letter = last.chars().count() == 1 && last.chars().all(|c| c.is_ascii_alphabetic());
    let roman = !last.is_empty() && last.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    // A lone `o` is Word's second-level bullet; `o.` is a letter.
    (suffixed && (letter || roman)).then_some(None)
}

/// Bold and italic of an element: its tag, then its inline style, which
/// wins (Google Docs wraps everything in `<b style="font-weight:normal">`).
fn inline_style(name: &str, css: &str, mut style: Style) -> Style {
    match name {
        "b" | "strong" => style.bold = true,
        "i" | "em" | "cite" | "dfn" | "var" => style.italic = true,
        _ => {}
    }
    if let Some(weight) = css_value(css, "font-weight") {
        let weight = weight.to_ascii_lowercase();
        match weight.as_str() {
            "bold" | "bolder" => style.bold = true,
            "normal" | "lighter" => style.bold = false,
            number => {
                if let Ok(number) = number.parse::<u32>() {
                    style.bold = number >= 600;
                }
            }
        }
    }
    if let Some(font_style) = css_value(css, "font-style") {
        let font_style = font_style.to_ascii_lowercase();
        if font_style == "normal" {
            style.italic = false;
        } else if font_style == "italic" || font_style.starts_with("oblique") {
            style.italic = true;
        }
    }
    style
}

/// The last value of a property in a `style` attribute.
fn css_value<'a>(css: &'a str, property: &str) -> Option<&'a str> {
    css.split(';')
        .filter_map(|declaration| declaration.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case(property))
        .map(|(_, value)| value.trim().trim_end_matches("!important").trim())
        .next_back()
}

/// A link's address when it is safe and means something on the page:
/// web, mail and phone addresses and relative ones. Anchors into the copied
/// document (`#_Toc…`, `#_Hlk…`), local files and scripts are dropped.
fn safe_destination(href: &str) -> Option<String> {
    // Browsers ignore tabs and line ends in an address: `java\tscript:`.
    let dest: String = href
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if dest.is_empty() || dest.starts_with('#') || dest.chars().any(char::is_control) {
        return None;
    }
    if let Some((scheme, _)) = dest.split_once(':') {
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        let allowed = ["http", "https", "mailto", "tel"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s));
        if is_scheme && !allowed {
            return None;
        }
    }
    // A backslash would escape the `>` that closes `<…>` around the address.
    Some(dest.replace('\\', "%5C"))
}

/// A number attribute (`start`, `value`, `colspan`).
fn number_attr(node: &Handle, name: &str) -> Option<u32> {
    node.attr(name)?.trim().parse().ok()
}

/// Empty cells where cells of rows above span down.
fn fill_spanned(cells: &mut Vec<String>, spans: &mut [usize]) {
    while let Some(left) = spans.get_mut(cells.len()).filter(|left| **left > 0) {
        *left -= 1;
        cells.push(String::new());
    }
}

/// Elements that end a paragraph (outside lists and tables).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "address"
            | "article"
            | "aside"
            | "section"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "figure"
            | "figcaption"
            | "center"
            | "dl"
            | "dt"
            | "dd"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "caption"
            | "hgroup"
            | "dialog"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
    )
}

fn longest_run(text: &str, wanted: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == wanted { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

fn list_item(list: String, level: usize, marker: ListMarker, inlines: &[Inline]) -> Block {
    Block::ListItem {
        list,
        level,
        marker,
        markdown: markdown::escape_line_start(&markdown::render(inlines)),
    }
}

/// A heading block as import makes it, its level kept within Markdown's six.
fn heading(level: u8, title_style: bool, inlines: &[Inline], plain: &str) -> Block {
    docx::heading(level.clamp(1, 6), title_style, inlines, plain)
}

/// The text of a clipboard without any markup: nothing in the head and
/// nothing but text (and comments) in the body.
fn plain_text(document: &Handle) -> Option<String> {
    let children = document.children.borrow();
    let html = children.iter().find(|n| n.local() == "html")?;
    let mut text = String::new();
    for part in html.children.borrow().iter() {
        let nodes = part.children.borrow();
        let markup = nodes.iter().any(|n| n.kind == Kind::Element);
        if markup || (part.local() == "head" && !nodes.is_empty()) {
            return None;
        }
        for node in nodes.iter().filter(|n| n.kind == Kind::Text) {
            text.push_str(&node.text.borrow());
        }
    }
    Some(text)
}

/// The Markdown of the blocks: each run at one quote depth rendered by
/// import's renderer, then put behind `>`; the blank line between two runs
/// stays inside the quote they share.
fn render(blocks: &[Block], depths: &[usize]) -> String {
    let shift = heading_shift(blocks);
    let depth_at = |i: usize| depths.get(i).copied().unwrap_or(0);
    let mut out = String::new();
    let mut start = 0;
    while start < blocks.len() {
        let depth = depth_at(start);
        let end = (start..blocks.len())
            .find(|&i| depth_at(i) != depth)
            .unwrap_or(blocks.len());
        if start > 0 {
            let shared = depth.min(depth_at(start - 1));
            out.push('\n');
            out.push_str("> ".repeat(shared).trim_end());
            out.push('\n');
        }
        let text = docx::render(&blocks[start..end], &[], shift);
        out.push_str(&quoted(&text, depth));
        start = end;
    }
    out
}

fn quoted(text: &str, depth: usize) -> String {
    if depth == 0 {
        return text.to_string();
    }
    let prefix = "> ".repeat(depth);
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.is_empty() {
                prefix.trim_end().to_string()
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect();
    lines.join("\n")
}

/// The smallest tree html5ever can build into: elements with their
/// attributes, text and nothing else of note. (`markup5ever_rcdom` is not
/// in the lock and ammonia keeps its copy private.)
mod dom {
    use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
    use html5ever::tendril::{StrTendril, TendrilSink};
    use html5ever::{parse_document, Attribute, LocalName, Namespace, ParseOpts, QualName};
    use std::borrow::Cow;
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    pub type Handle = Rc<Node>;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Kind {
        Document,
        Element,
        Text,
        /// Comments, processing instructions.
        Other,
    }

    pub struct Node {
        pub kind: Kind,
        /// An element's name; empty for other nodes.
        name: QualName,
        attrs: RefCell<Vec<Attribute>>,
        pub text: RefCell<String>,
        pub children: RefCell<Vec<Handle>>,
        parent: RefCell<Weak<Node>>,
    }

    impl Node {
        fn new(kind: Kind, name: QualName, attrs: Vec<Attribute>) -> Handle {
            Rc::new(Node {
                kind,
                name,
                attrs: RefCell::new(attrs),
                text: RefCell::new(String::new()),
                children: RefCell::new(Vec::new()),
                parent: RefCell::new(Weak::new()),
            })
        }

        fn other(kind: Kind) -> Handle {
            let empty = QualName::new(None, Namespace::from(""), LocalName::from(""));
            Node::new(kind, empty, Vec::new())
        }

        fn text_node(text: &str) -> Handle {
            let node = Node::other(Kind::Text);
            node.text.borrow_mut().push_str(text);
            node
        }

        /// The element's lower-case tag name (`p`, `o:p`), "" for others.
        pub fn local(&self) -> &str {
            &self.name.local
        }

        pub fn attr(&self, name: &str) -> Option<String> {
            let attrs = self.attrs.borrow();
            let attr = attrs.iter().find(|a| &*a.name.local == name)?;
            Some(attr.value.to_string())
        }
    }

    impl Drop for Node {
        /// Frees the tree without recursion: a paste may nest deeply.
        fn drop(&mut self) {
            let mut nodes = std::mem::take(self.children.get_mut());
            while let Some(node) = nodes.pop() {
                nodes.append(&mut node.children.borrow_mut());
            }
        }
    }

    pub fn parse(html: &str) -> Handle {
        let sink = Sink {
            document: Node::other(Kind::Document),
        };
        parse_document(sink, ParseOpts::default()).one(html)
    }

    struct Sink {
        document: Handle,
    }

    fn detach(node: &Handle) {
        let parent = std::mem::take(&mut *node.parent.borrow_mut()).upgrade();
        if let Some(parent) = parent {
            parent
                .children
                .borrow_mut()
                .retain(|c| !Rc::ptr_eq(c, node));
        }
    }

    fn append_node(parent: &Handle, child: Handle) {
        detach(&child);
        *child.parent.borrow_mut() = Rc::downgrade(parent);
        parent.children.borrow_mut().push(child);
    }

    /// Adds text to the text node `node`; false when it is not one.
    fn extend_text(node: Option<&Handle>, text: &str) -> bool {
        match node {
            Some(node) if node.kind == Kind::Text => {
                node.text.borrow_mut().push_str(text);
                true
            }
            _ => false,
        }
    }

    impl TreeSink for Sink {
        type Handle = Handle;
        type Output = Handle;
        type ElemName<'a>
            = &'a QualName
        where
            Self: 'a;

        fn finish(self) -> Handle {
            self.document
        }

        fn parse_error(&self, _message: Cow<'static, str>) {}

        fn get_document(&self) -> Handle {
            self.document.clone()
        }

        fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
            &target.name
        }

        fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Handle {
            Node::new(Kind::Element, name, attrs)
        }

        fn create_comment(&self, _text: StrTendril) -> Handle {
            Node::other(Kind::Other)
        }

        fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
            Node::other(Kind::Other)
        }

        fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
            match child {
                NodeOrText::AppendNode(node) => append_node(parent, node),
                NodeOrText::AppendText(text) => {
                    let merged = extend_text(parent.children.borrow().last(), &text);
                    if !merged {
                        append_node(parent, Node::text_node(&text));
                    }
                }
            }
        }

        fn append_based_on_parent_node(
            &self,
            element: &Handle,
            prev_element: &Handle,
            child: NodeOrText<Handle>,
        ) {
            if element.parent.borrow().upgrade().is_some() {
                self.append_before_sibling(element, child);
            } else {
                self.append(prev_element, child);
            }
        }

        fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

        /// A template's content goes into the template itself, which the
        /// walk skips.
        fn get_template_contents(&self, target: &Handle) -> Handle {
            target.clone()
        }

        fn same_node(&self, x: &Handle, y: &Handle) -> bool {
            Rc::ptr_eq(x, y)
        }

        fn set_quirks_mode(&self, _mode: QuirksMode) {}

        fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
            let Some(parent) = sibling.parent.borrow().upgrade() else {
                return;
            };
            let child = match child {
                NodeOrText::AppendNode(node) => {
                    detach(&node);
                    node
                }
                NodeOrText::AppendText(text) => {
                    let children = parent.children.borrow();
                    let index = children.iter().position(|c| Rc::ptr_eq(c, sibling));
                    let previous = index
                        .and_then(|i| i.checked_sub(1))
                        .and_then(|i| children.get(i));
                    if extend_text(previous, &text) {
                        return;
                    }
                    Node::text_node(&text)
                }
            };
            *child.parent.borrow_mut() = Rc::downgrade(&parent);
            let mut children = parent.children.borrow_mut();
            let index = children.iter().position(|c| Rc::ptr_eq(c, sibling));
            let index = index.unwrap_or(children.len());
            children.insert(index, child);
        }

        fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
            let mut existing = target.attrs.borrow_mut();
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }

        fn remove_from_parent(&self, target: &Handle) {
            detach(target);
        }

        fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
            let children = std::mem::take(&mut *node.children.borrow_mut());
            for child in &children {
                *child.parent.borrow_mut() = Rc::downgrade(new_parent);
            }
            new_parent.children.borrow_mut().extend(children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(html: &str) -> String {
        markdown_from_clipboard(html).markdown
    }

    /// Word 2016 (Polish) as Chrome hands it over: the head with Word's
    /// styles, the fragment with a title, a heading, a two-level bulleted
    /// list, a numbered list, a table and a picture.
    const WORD: &str = r##"<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/JKOWAL~1/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin-top:0cm;
	margin-bottom:8.0pt;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
 /* List Definitions */
 @list l0
	{mso-list-id:1022629146;
	mso-list-template-ids:-1577396730 68157441 68157443 68157445;}
@list l0:level1
	{mso-level-number-format:bullet;
	mso-level-text:;
	font-family:Symbol;}
-->
</style>
</head>

<body lang=PL style='tab-interval:35.4pt;word-wrap:break-word'>
<!--StartFragment-->

<p class=MsoTitle><a name="_Hlk152331840"><span style='mso-fareast-language:
PL'>Konsultacje strategii <span class=SpellE>rozwoju</span></span></a><o:p></o:p></p>

<h2><a name="_Toc152331841"><span style='mso-fareast-language:PL'>Harmonogram
spotkań</span></a><o:p></o:p></h2>

<p class=MsoNormal>Zapraszamy <b>wszystkich mieszkańców</b> na <i>otwarte</i>
spotkania (zob. <a href="#_Toc152331841">Harmonogram</a>). Szczegóły na
stronie <a href="https://www.wysokie-mazowieckie.pl/konsultacje">gminy</a>,
pytania: <a href="mailto:sekretariat@wysokie-mazowieckie.pl">sekretariat@wysokie-mazowieckie.pl</a>.<o:p></o:p></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Klukowo – świetlica wiejska<o:p></o:p></p>

<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:
auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New";mso-fareast-font-family:"Courier New"'><span
style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>wtorek, 10&nbsp;grudnia, godz. 17:00<o:p></o:p></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Szepietowo – sala <b>OSP</b><o:p></o:p></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-bidi-font-family:Calibri;mso-bidi-theme-font:minor-latin'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Wypełnij „ankietę”.<o:p></o:p></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-bidi-font-family:Calibri;mso-bidi-theme-font:minor-latin'><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Oddaj ją w urzędzie.<o:p></o:p></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;
  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><b>Gmina<o:p></o:p></b></p>
  </td>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;
  border-left:none;mso-border-left-alt:solid windowtext .5pt;mso-border-alt:
  solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><b>Termin<o:p></o:p></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;
  border-top:none;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal style='margin-bottom:0cm;line-height:normal'>Klukowo<o:p></o:p></p>
  </td>
  <td width=302 valign=top style='width:226.55pt;border-top:none;border-left:
  none;border-bottom:solid windowtext 1.0pt;border-right:solid windowtext 1.0pt;
  padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal style='margin-bottom:0cm;line-height:normal'>10.12.2024
  | 17:00<o:p></o:p></p>
  </td>
 </tr>
</table>

<p class=MsoNormal><span style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape
 id="Obraz_x0020_1" o:spid="_x0000_i1025" type="#_x0000_t75" style='width:453.5pt;
 height:255pt;visibility:visible;mso-wrap-style:square'>
 <v:imagedata src="file:///C:/Users/JKOWAL~1/AppData/Local/Temp/msohtmlclip1/01/clip_image001.jpg"
  o:title=""/>
</v:shape><![endif]--><![if !vml]><img width=605 height=340
src="file:///C:/Users/JKOWAL~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"
v:shapes="Obraz_x0020_1"><![endif]></span><o:p></o:p></p>

<p class=MsoNormal>Wójt Gminy<o:p></o:p></p>

<!--EndFragment-->
</body>

</html>"##;

    #[test]
    fn word_fragment_becomes_the_markdown_import_writes() {
        let pasted = markdown_from_clipboard(WORD);
        let expected = "\
## Konsultacje strategii rozwoju

### Harmonogram spotkań

Zapraszamy **wszystkich mieszkańców** na _otwarte_ spotkania (zob. Harmonogram). Szczegóły na stronie [gminy](https://www.wysokie-mazowieckie.pl/konsultacje), pytania: [sekretariat@wysokie-mazowieckie.pl](mailto:sekretariat@wysokie-mazowieckie.pl).

- Klukowo – świetlica wiejska
  - wtorek, 10 grudnia, godz. 17:00
- Szepietowo – sala **OSP**

1. Wypełnij „ankietę”.
2. Oddaj ją w urzędzie.

| **Gmina** | **Termin** |
|---|---|
| Klukowo | 10.12.2024 \\| 17:00 |

Wójt Gminy";
        assert_eq!(pasted.markdown, expected);
        assert_eq!(pasted.dropped_images, 1);
    }

    #[test]
    fn word_lists_tell_numbers_letters_and_bullets_apart() {
        assert_eq!(numbering("1.\u{a0}\u{a0} "), Some(Some(1)));
        assert_eq!(numbering("12)"), Some(Some(12)));
        assert_eq!(numbering("1.2."), Some(Some(2)));
        assert_eq!(numbering("a)"), Some(None));
        assert_eq!(numbering("iv."), Some(None));
        assert_eq!(numbering("(c)"), Some(None));
        assert_eq!(numbering("·\u{a0}"), None);
        assert_eq!(numbering("o\u{a0}\u{a0}"), None);
        assert_eq!(numbering("§"), None);
        let item = |marker: &str, level: u8, text: &str| {
            format!(
                "<p class=MsoListParagraphCxSpMiddle style='mso-list:l3 level{level} lfo4'>\
                 <![if !supportLists]><span style='mso-list:Ignore'>{marker}<span \
                 style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>\
                 <![endif]>{text}<o:p></o:p></p>"
            )
        };
        let html = [
            item("a)", 1, "pierwszy"),
            item("b)", 1, "drugi"),
            item("i.", 2, "pod"),
            item("ii.", 2, "punkty"),
            item("c)", 1, "trzeci"),
        ]
        .concat();
        assert_eq!(
            markdown(&html),
            "1. pierwszy\n2. drugi\n   1. pod\n   2. punkty\n3. trzeci"
        );
    }

    /// Google Docs wraps the copy in a `<b>` that is not bold, sets weight
    /// and slant on every span and nests a list's `<ul>` right in its parent.
    const GOOGLE_DOCS: &str = r##"<meta charset='utf-8'><meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-3f1c2a7e-7fff-4b1d-9e2a-5c6d7e8f9a0b"><h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Nabór wniosków</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Wnioski przyjmujemy </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">do 15 stycznia</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:italic;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"> (decyduje data wpływu)</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">.</span></p><br /><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">osobiście w sekretariacie,</span></p></li><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:circle;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="2"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">pokój 12,</span></p></li></ul><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">przez </span><a href="https://epuap.gov.pl/" style="text-decoration:none;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#1155cc;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">ePUAP</span></a><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">.</span></p></li></ul><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"><span style="border:none;display:inline-block;overflow:hidden;width:602px;height:339px;"><img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nXf0Xk2y" width="602" height="339" style="margin-left:0px;margin-top:0px;" /></span></span></p></b><br class="Apple-interchange-newline">"##;

    #[test]
    fn google_docs_wrapper_is_not_bold() {
        let pasted = markdown_from_clipboard(GOOGLE_DOCS);
        let expected = "\
## Nabór wniosków

Wnioski przyjmujemy **do 15 stycznia** _(decyduje data wpływu)_.

- osobiście w sekretariacie,
  - pokój 12,
- przez [ePUAP](https://epuap.gov.pl/).";
        assert_eq!(pasted.markdown, expected);
        assert_eq!(pasted.dropped_images, 1);
    }

    /// LibreOffice Writer 7 copies a whole HTML document with a doctype,
    /// `<font>` tags and `<p>`s in list items.
    const LIBREOFFICE: &str = r##"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.6.4.1 (Linux)"/>
	<style type="text/css">
		@page { size: 21cm 29.7cm; margin: 2cm }
		p { line-height: 115%; margin-bottom: 0.25cm; background: transparent }
		h1 { margin-bottom: 0.21cm; background: transparent; page-break-after: avoid }
		h1.western { font-family: "Liberation Serif", serif; font-size: 24pt; font-weight: bold }
		a:link { color: #000080; so-language: zxx; text-decoration: underline }
	</style>
</head>
<body lang="pl-PL" link="#000080" vlink="#800000" dir="ltr"><h1 class="western">Zebranie wiejskie w&nbsp;Klukowie</h1>
<p style="line-height: 100%; margin-bottom: 0cm"><font face="Liberation Serif, serif">Sołtys <b>zaprasza</b> na zebranie w&nbsp;sprawie funduszu sołeckiego.</font></p>
<p style="line-height: 100%; margin-bottom: 0cm">Porządek obrad:</p>
<ol>
	<li><p style="line-height: 100%; margin-bottom: 0cm">otwarcie zebrania,</p></li>
	<li><p style="line-height: 100%; margin-bottom: 0cm">wybór przewodniczącego,</p>
	<ul>
		<li><p style="line-height: 100%; margin-bottom: 0cm">kandydaci zgłaszani ustnie,</p></li>
	</ul>
	<li><p style="line-height: 100%; margin-bottom: 0cm">wolne <i>wnioski</i>.</p></li>
</ol>
<p style="line-height: 100%; margin-bottom: 0cm"><br/></p>
<p style="line-height: 100%; margin-bottom: 0cm">Więcej: <a href="https://klukowo.pl/solectwa/">klukowo.pl/solectwa</a></p>
<p style="line-height: 100%; margin-bottom: 0cm"><img src="file:///tmp/lu4521kf.tmp/lu4521kf_tmp_8c1a2f.png" name="Obraz1" align="bottom" width="320" height="180" border="0"/></p>
</body>
</html>"##;

    #[test]
    fn libreoffice_document_becomes_markdown() {
        let pasted = markdown_from_clipboard(LIBREOFFICE);
        let expected = "\
## Zebranie wiejskie w Klukowie

Sołtys **zaprasza** na zebranie w sprawie funduszu sołeckiego.

Porządek obrad:

1. otwarcie zebrania,
2. wybór przewodniczącego,
   - kandydaci zgłaszani ustnie,
3. wolne _wnioski_.

Więcej: [klukowo.pl/solectwa](https://klukowo.pl/solectwa/)";
        assert_eq!(pasted.markdown, expected);
        assert_eq!(pasted.dropped_images, 1);
    }

    #[test]
    fn web_page_html_keeps_quotes_code_and_lists() {
        let html = "<h3>Jak złożyć wniosek</h3>\
            <blockquote><p>Wniosek składa <em>pełnoletni</em> mieszkaniec.</p>\
            <blockquote>Druga myśl</blockquote><p>Trzecia</p></blockquote>\
            <ol start=\"3\"><li>Pobierz <code>wniosek_v2.pdf</code></li>\
            <li>Wyślij<ul><li>pocztą</li><li>mailem</li></ul></li></ol>\
            <pre><code>Urząd Gminy\n  ul. Główna 1</code></pre>\
            <div>Adres:<br><br>ul. Polna 2<br>18-200 Wysokie</div>\
            <p><span style=\"font-weight:bold\">Uwaga</span> i <span style=\"font-style:italic\">ważne</span></p>";
        let expected = "\
## Jak złożyć wniosek

> Wniosek składa _pełnoletni_ mieszkaniec.
>
> > Druga myśl
>
> Trzecia

3. Pobierz `wniosek_v2.pdf`
4. Wyślij
   - pocztą
   - mailem

```
Urząd Gminy
  ul. Główna 1
```

Adres:

ul. Polna 2 18-200 Wysokie

**Uwaga** i _ważne_";
        assert_eq!(markdown(html), expected);
    }

    #[test]
    fn plain_text_becomes_paragraphs() {
        let text = "Zebranie odbędzie się 5 marca.\nProsimy o punktualność.\n\n\
                    2024. rok – koszt < 100 zł & *więcej*\n\n• pierwszy punkt\n• drugi punkt\n";
        let expected = "\
Zebranie odbędzie się 5 marca. Prosimy o punktualność.

2024\\. rok – koszt \\< 100 zł & \\*więcej\\*

- pierwszy punkt
- drugi punkt";
        assert_eq!(markdown(text), expected);
        assert_eq!(markdown(""), "");
        assert_eq!(
            markdown("<!--StartFragment-->Krótko<!--EndFragment-->"),
            "Krótko"
        );
    }

    #[test]
    fn scripts_and_unsafe_links_are_dropped_and_their_text_kept() {
        let html = "<p>Kliknij <a href=\"javascript:alert(1)\">tutaj</a> albo \
            <a href=\" JaVa&#09;ScRiPt:alert(2)\">tam</a>, \
            <a href=\"file:///C:/Dokumenty/uchwala.docx\">uchwała</a>.</p>\
            <script>alert('x')</script><style>p{color:red}</style>\
            <p onclick=\"alert(3)\">Tekst <img src=x onerror=alert(4)>dalej [x](javascript:alert(5))</p>\
            <iframe src=\"https://evil.example/\">ramka</iframe>\
            <a href=\"data:text/html,<script>alert(6)</script>\">dane</a> \
            <a href=\"https://example.org/a b)<c>\">adres</a>";
        let pasted = markdown_from_clipboard(html);
        let expected = "\
Kliknij tutaj albo tam, uchwała.

Tekst dalej \\[x\\](javascript:alert(5))

dane [adres](<https://example.org/a b)%3Cc%3E>)";
        assert_eq!(pasted.markdown, expected);
        assert_eq!(pasted.dropped_images, 1);
    }

    #[test]
    fn tables_keep_their_columns_when_cells_span() {
        let html = "<table><caption>Dyżury</caption>\
            <tr><th>Dzień</th><th colspan=2>Godziny</th></tr>\
            <tr><td rowspan=2>Pon</td><td>8</td><td>16</td></tr>\
            <tr><td>9</td><td><ul><li>a</li><li>b</li></ul></td></tr></table>";
        let expected = "\
Dyżury

| Dzień | Godziny |  |
|---|---|---|
| Pon | 8 | 16 |
|  | 9 | a b |";
        assert_eq!(markdown(html), expected);
    }

    #[test]
    fn deep_nesting_keeps_the_text() {
        let depth = 2000;
        let html = format!(
            "{}głęboko{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(markdown(&html), "głęboko");
    }
    #[test]
    fn word_footnotes_become_markdown_footnotes_and_comments_go() {
        let html = r##"<p class=MsoNormal>Na podstawie ustawy<a style='mso-footnote-id:ftn1'
href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> oraz
uchwały<a style='mso-footnote-id:ftn2' href="#_ftn2" name="_ftnref2" title=""><span
class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[2]</span><![endif]></span></span></a><span
class=MsoCommentReference><span style='font-size:8.0pt'><a
style='mso-comment-reference:JK_1;mso-comment-date:20241203T1015'
class=msocomanchor id="_anchor_1" href="#_msocom_1" name="_msoanchor_1">[JK1]</a><span
style='mso-special-character:comment'>&nbsp;</span></span></span>.<o:p></o:p></p>

<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>

<hr align=left size=1 width="33%">

<![endif]>

<div style='mso-element:footnote' id=ftn1>

<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1"
name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:
footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a>
Ustawa z dnia 8 marca 1990 r. o <i>samorządzie gminnym</i>.</p>

</div>

</div>

<div style='mso-element:comment-list'><![if !supportAnnotations]>

<hr class=msocomoff align=left size=1 width="33%">

<![endif]>

<div style='mso-element:comment'><![if !supportAnnotations]>

<div id="_com_1" class=msocomtxt language=JavaScript
onmouseover="msoCommentShow('_anchor_1','_com_1')"
onmouseout="msoCommentHide('_com_1')"><![endif]>

<div>

<p class=MsoCommentText><span class=MsoCommentReference><span
style='font-size:8.0pt'><a class=msocomoff href="#_msoanchor_1">[JK1]</a></span></span>Sprawdzić
numer uchwały</p>

</div>

<![if !supportAnnotations]></div>

<![endif]></div>

</div>"##;
        assert_eq!(
            markdown(html),
            "Na podstawie ustawy[^1] oraz uchwały[^2].\n\n\
             [^1]: Ustawa z dnia 8 marca 1990 r. o _samorządzie gminnym_."
        );
    }
}
