//! Minification of the HTML a build writes: comments go, whitespace
//! collapses, attribute values lose their quotes where HTML allows, and
//! attributes are sorted by name (repeated page chrome compresses better).
//!
//! The whitespace rules are minify-html's, applied per parent element:
//! - *layout* elements (`div`, `ul`, `nav`, `table`, …) drop text that is only
//!   whitespace between their children;
//! - *content* elements (`p`, `h1`–`h6`, `li`, `td`, …) also trim their first
//!   and last text;
//! - every other element collapses runs of whitespace to one space;
//! - `pre`, `code`, `textarea`, `script` and `style` are copied unchanged.
//!
//! Nothing else is rewritten: no JavaScript or CSS minification and no
//! entity games, which is where minifiers break pages (research/crates.md
//! §4). This replaced the minify-html crate, which took over a third of a
//! whole build's CPU time with the same rules (bench/RESULTS.md); the input
//! is always our own well-formed output (templates, pulldown-cmark, and raw
//! HTML only after ammonia), and a malformed stretch is copied, never lost.

/// Minifies one rendered page.
pub fn html(html: &[u8]) -> Vec<u8> {
    let mut minifier = Minifier {
        src: html,
        out: Vec::with_capacity(html.len()),
        stack: Vec::new(),
        root_seen: false,
        attributes: Vec::new(),
    };
    minifier.run();
    minifier.out
}

/// How an element treats the whitespace of its text children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// Whitespace-only text between children disappears; edges are trimmed.
    Layout,
    /// Edges are trimmed, runs collapse.
    Content,
    /// Runs collapse to one space.
    Inline,
}

struct Frame<'a> {
    name: &'a [u8],
    space: Space,
    /// A text or element child was written already (for trimming the first).
    seen_child: bool,
    /// Inside `<svg>`: `/>` closes an element there.
    foreign: bool,
}

struct Minifier<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    stack: Vec<Frame<'a>>,
    root_seen: bool,
    /// The attributes of the tag at hand, reused from tag to tag.
    attributes: Vec<Attribute<'a>>,
}

/// One attribute as written in the source.
struct Attribute<'a> {
    name: &'a [u8],
    value: Option<&'a [u8]>,
    /// The value's quote in the source (`"`, `'`), or 0 when unquoted.
    quote: u8,
}

impl<'a> Minifier<'a> {
    fn run(&mut self) {
        let mut at = 0;
        while at < self.src.len() {
            let markup = next_markup(self.src, at);
            if markup > at {
                self.text(at, markup);
            }
            if markup >= self.src.len() {
                break;
            }
            at = self.markup(markup);
        }
    }

    /// Whitespace rules of the element the text is in.
    fn parent_space(&self) -> Space {
        self.stack.last().map_or(Space::Layout, |f| f.space)
    }

    fn mark_child(&mut self) {
        match self.stack.last_mut() {
            Some(frame) => frame.seen_child = true,
            None => self.root_seen = true,
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        let text = &self.src[start..end];
        let space = self.parent_space();
        let first = !self.stack.last().map_or(self.root_seen, |f| f.seen_child);
        self.mark_child();
        if space == Space::Layout && text.iter().all(|&b| is_space(b)) {
            return;
        }
        let trim = space != Space::Inline;
        let last = end >= self.src.len() || self.src[end + 1] == b'/';
        let mut text = text;
        if trim && first {
            text = trim_start(text);
        }
        if trim && last {
            text = trim_end(text);
        }
        self.write_collapsed(text);
    }

    /// Writes text with runs of whitespace as one space, and the entities
    /// that text does not need (`&quot;`, `&#39;`, `&gt;`) as characters.
    fn write_collapsed(&mut self, text: &[u8]) {
        let mut i = 0;
        while i < text.len() {
            // Copy the stretch up to the next entity or whitespace that
            // collapses, in one go: a lone space between words stays as it is.
            let plain = i + plain_stretch(&text[i..]);
            self.out.extend_from_slice(&text[i..plain]);
            i = plain;
            let Some(&b) = text.get(i) else {
                break;
            };
            if is_space(b) {
                self.out.push(b' ');
                while i < text.len() && is_space(text[i]) {
                    i += 1;
                }
                continue;
            }
            match plain_entity(&text[i..]) {
                Some((character, length)) => {
                    self.out.extend_from_slice(character);
                    i += length;
                }
                None => {
                    self.out.push(b);
                    i += 1;
                }
            }
        }
    }

    /// Handles the markup at `at` (which starts with `<`); returns where
    /// the text after it starts.
    fn markup(&mut self, at: usize) -> usize {
        let rest = &self.src[at..];
        if rest.starts_with(b"<!--") {
            return match find(rest, b"-->") {
                Some(end) => at + end + 3,
                None => self.copy_rest(at),
            };
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr::memchr(b'>', rest).map_or(self.src.len(), |e| at + e + 1);
            let declaration = &self.src[at..end];
            if declaration.eq_ignore_ascii_case(b"<!doctype html>") {
                self.out.extend_from_slice(b"<!doctype html>");
            } else {
                self.out.extend_from_slice(declaration);
            }
            return end;
        }
        if rest.starts_with(b"</") {
            return self.closing_tag(at);
        }
        self.opening_tag(at)
    }

    fn copy_rest(&mut self, at: usize) -> usize {
        self.out.extend_from_slice(&self.src[at..]);
        self.src.len()
    }

    fn closing_tag(&mut self, at: usize) -> usize {
        let name_start = at + 2;
        let name_end = name_start + tag_name_length(&self.src[name_start..]);
        let Some(end) = memchr::memchr(b'>', &self.src[name_end..]) else {
            return self.copy_rest(at);
        };
        let name = &self.src[name_start..name_end];
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name);
        self.out.push(b'>');
        if let Some(open) = self
            .stack
            .iter()
            .rposition(|f| f.name.eq_ignore_ascii_case(name))
        {
            self.stack.truncate(open);
        }
        name_end + end + 1
    }

    fn opening_tag(&mut self, at: usize) -> usize {
        let name_start = at + 1;
        let name_end = name_start + tag_name_length(&self.src[name_start..]);
        let name = &self.src[name_start..name_end];
        let mut attributes = std::mem::take(&mut self.attributes);
        attributes.clear();
        let Some((self_closing, end)) = parse_attributes(self.src, name_end, &mut attributes)
        else {
            return self.copy_rest(at);
        };
        self.mark_child();
        let foreign = self.stack.last().is_some_and(|f| f.foreign) || name == b"svg";
        self.write_tag(name, &mut attributes, self_closing && foreign);
        self.attributes = attributes;
        let mut buffer = [0u8; 16];
        let lower = lowercase(name, &mut buffer);
        if let Some(raw_end) = raw_content_end(lower, self.src, end) {
            // Copied as it is: code, preformatted text, scripts and styles.
            self.out.extend_from_slice(&self.src[end..raw_end]);
            return raw_end;
        }
        let has_no_content = is_void(lower) || (self_closing && foreign);
        if !has_no_content {
            self.stack.push(Frame {
                name,
                space: if foreign {
                    svg_space(lower)
                } else {
                    html_space(lower)
                },
                seen_child: false,
                foreign,
            });
        }
        end
    }

    fn write_tag(&mut self, name: &[u8], attributes: &mut [Attribute], keep_slash: bool) {
        self.out.push(b'<');
        self.out.extend_from_slice(name);
        attributes.sort_by(|a, b| a.name.cmp(b.name));
        let mut last_unquoted = false;
        for attribute in attributes.iter() {
            self.out.push(b' ');
            self.out.extend_from_slice(attribute.name);
            last_unquoted = false;
            let Some(value) = attribute.value else {
                continue;
            };
            self.out.push(b'=');
            if can_unquote(value) {
                self.out.extend_from_slice(value);
                last_unquoted = true;
            } else {
                let quote = if attribute.quote == b'\'' {
                    b'\''
                } else {
                    b'"'
                };
                self.out.push(quote);
                self.out.extend_from_slice(value);
                self.out.push(quote);
            }
        }
        if keep_slash {
            // `a=b/>` would make the slash part of the value.
            self.out
                .extend_from_slice(if last_unquoted { b" />" } else { b"/>" });
        } else {
            self.out.push(b'>');
        }
    }
}

/// The next `<` that starts markup (a tag, a closing tag, a comment or a
/// declaration), or the end of the input.
fn next_markup(src: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memchr(b'<', &src[at..]) {
        let lt = at + found;
        match src.get(lt + 1) {
            Some(b) if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?') => return lt,
            Some(_) => at = lt + 1,
            None => return src.len(),
        }
    }
    src.len()
}

fn tag_name_length(rest: &[u8]) -> usize {
    rest.iter()
        .position(|&b| is_space(b) || b == b'>' || b == b'/')
        .unwrap_or(rest.len())
}

/// Reads the attributes of a tag whose name ends at `at` into
/// `attributes`; returns whether it ends with `/>` and where the text after
/// it starts, or `None` when the tag never ends.
fn parse_attributes<'a>(
    src: &'a [u8],
    mut at: usize,
    attributes: &mut Vec<Attribute<'a>>,
) -> Option<(bool, usize)> {
    loop {
        while at < src.len() && is_space(src[at]) {
            at += 1;
        }
        match src.get(at)? {
            b'>' => return Some((false, at + 1)),
            b'/' if src.get(at + 1) == Some(&b'>') => return Some((true, at + 2)),
            b'/' => {
                at += 1;
                continue;
            }
            _ => {}
        }
        let name_start = at;
        while at < src.len() && !is_space(src[at]) && !matches!(src[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let name = &src[name_start..at];
        while at < src.len() && is_space(src[at]) {
            at += 1;
        }
        if src.get(at) != Some(&b'=') {
            attributes.push(Attribute {
                name,
                value: None,
                quote: 0,
            });
            continue;
        }
        at += 1;
        while at < src.len() && is_space(src[at]) {
            at += 1;
        }
        let quote = *src.get(at)?;
        let (value, next) = if quote == b'"' || quote == b'\'' {
            let close = memchr::memchr(quote, &src[at + 1..])?;
            (&src[at + 1..at + 1 + close], at + close + 2)
        } else {
            let end = src[at..]
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .map_or(src.len(), |e| at + e);
            (&src[at..end], end)
        };
        attributes.push(Attribute {
            name,
            value: Some(value),
            quote: if quote == b'"' || quote == b'\'' {
                quote
            } else {
                0
            },
        });
        at = next;
    }
}

/// Where the content of an element copied unchanged ends (at its closing
/// tag), when `name` is such an element.
fn raw_content_end(name: &[u8], src: &[u8], from: usize) -> Option<usize> {
    if !matches!(name, b"pre" | b"code" | b"textarea" | b"script" | b"style") {
        return None;
    }
    let mut depth = 1;
    let mut at = from;
    while let Some(found) = memchr::memchr(b'<', &src[at..]) {
        let lt = at + found;
        let rest = &src[lt + 1..];
        let closing = rest.first() == Some(&b'/');
        let candidate = if closing { &rest[1..] } else { rest };
        let is_same = candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name)
            && candidate
                .get(name.len())
                .is_none_or(|&b| is_space(b) || b == b'>' || b == b'/');
        if is_same {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some(lt);
                }
            } else if !matches!(name, b"script" | b"style" | b"textarea") {
                depth += 1;
            }
        }
        at = lt + 1;
    }
    Some(src.len())
}

fn html_space(name: &[u8]) -> Space {
    match name {
        b"article" | b"aside" | b"blockquote" | b"body" | b"colgroup" | b"datalist" | b"dialog"
        | b"div" | b"dl" | b"fieldset" | b"figure" | b"footer" | b"form" | b"head" | b"header"
        | b"hgroup" | b"html" | b"main" | b"map" | b"menu" | b"nav" | b"ol" | b"optgroup"
        | b"picture" | b"section" | b"select" | b"table" | b"tbody" | b"tfoot" | b"thead"
        | b"tr" | b"ul" => Space::Layout,
        b"address" | b"audio" | b"button" | b"canvas" | b"caption" | b"figcaption" | b"h1"
        | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"legend" | b"meter" | b"object" | b"option"
        | b"p" | b"summary" | b"video" | b"dd" | b"details" | b"dt" | b"iframe" | b"label"
        | b"li" | b"noscript" | b"output" | b"progress" | b"slot" | b"td" | b"template" | b"th" => {
            Space::Content
        }
        _ => Space::Inline,
    }
}

fn svg_space(name: &[u8]) -> Space {
    match name {
        b"desc" | b"text" | b"title" => Space::Content,
        b"a" | b"tspan" | b"textpath" | b"tref" | b"altglyph" => Space::Inline,
        _ => Space::Layout,
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// A tag name in lower case, written into `buffer`; empty when it is longer
/// than any tag we treat specially.
fn lowercase<'b>(name: &[u8], buffer: &'b mut [u8; 16]) -> &'b [u8] {
    if name.len() > buffer.len() {
        return &[];
    }
    for (to, from) in buffer.iter_mut().zip(name) {
        *to = from.to_ascii_lowercase();
    }
    &buffer[..name.len()]
}

/// An attribute value that HTML reads the same without quotes.
fn can_unquote(value: &[u8]) -> bool {
    !value.is_empty() && !value.iter().any(|&b| NEEDS_QUOTES[usize::from(b)])
}

/// The bytes an unquoted attribute value cannot hold, as a table: every
/// attribute of every page is checked.
static NEEDS_QUOTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(
            byte as u8,
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'
        );
        byte += 1;
    }
    table
};

/// Entities that text never needs, as the character they stand for (the
/// pages are UTF-8, so a no-break space is two bytes instead of six).
fn plain_entity(text: &[u8]) -> Option<(&'static [u8], usize)> {
    [
        (&b"&quot;"[..], &b"\""[..]),
        (b"&#34;", b"\""),
        (b"&#39;", b"'"),
        (b"&#x27;", b"'"),
        (b"&gt;", b">"),
        (b"&nbsp;", "\u{a0}".as_bytes()),
    ]
    .iter()
    .find(|(entity, _)| text.starts_with(entity))
    .map(|(entity, character)| (*character, entity.len()))
}

/// How many bytes of `text` are copied unchanged: up to an entity, or to
/// whitespace other than one space followed by something else.
fn plain_stretch(text: &[u8]) -> usize {
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b == b'&' {
            return i;
        }
        if is_space(b) && (b != b' ' || text.get(i + 1).is_some_and(|&n| is_space(n))) {
            return i;
        }
        i += 1;
    }
    i
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn trim_start(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(text.len());
    &text[start..]
}

fn trim_end(text: &[u8]) -> &[u8] {
    let end = text
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(0, |e| e + 1);
    &text[..end]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::html;

    fn min(input: &str) -> String {
        String::from_utf8(html(input.as_bytes())).unwrap()
    }

    #[test]
    fn layout_elements_drop_whitespace_between_children() {
        assert_eq!(
            min("<ul>\n  <li> Jeden </li>\n  <li>Dwa</li>\n</ul>"),
            "<ul><li>Jeden</li><li>Dwa</li></ul>"
        );
        assert_eq!(
            min("<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n</head>\n</html>\n"),
            "<!doctype html><html lang=pl><head><meta charset=utf-8></head></html>"
        );
    }

    #[test]
    fn inline_whitespace_collapses_to_one_space_and_stays() {
        assert_eq!(
            min("<p>\n  Urząd   <a href=\"/x/\">gminy</a>\n  <strong>Alfa</strong>  \n</p>"),
            "<p>Urząd <a href=/x/>gminy</a> <strong>Alfa</strong></p>"
        );
        assert_eq!(
            min("<p><span> a </span> <span>b</span></p>"),
            "<p><span> a </span> <span>b</span></p>"
        );
    }

    #[test]
    fn code_pre_script_and_textarea_are_copied() {
        let pre = "<pre><code>fn  main() {\n    <b>x</b>\n}</code></pre>";
        assert_eq!(min(pre), pre);
        assert_eq!(
            min("<p>a  <code>b   c</code>  d</p>"),
            "<p>a <code>b   c</code> d</p>"
        );
        let script = "<script>if (a < b && c > d) {\n  x = \"</p>\";\n}</script>";
        assert_eq!(min(script), script);
        assert_eq!(
            min("<textarea name=\"t\">  a\n  b </textarea>"),
            "<textarea name=t>  a\n  b </textarea>"
        );
    }

    #[test]
    fn attributes_are_sorted_and_unquoted_where_html_allows() {
        assert_eq!(
            min("<a rel=\"prev\" href=\"/a/b/\" title=\"Dwa słowa\" data-x=\"\" hidden>x</a>"),
            "<a data-x=\"\" hidden href=/a/b/ rel=prev title=\"Dwa słowa\">x</a>"
        );
        assert_eq!(
            min("<img src=\"a.png\" alt='Ala \"ma\"' />"),
            "<img alt='Ala \"ma\"' src=a.png>"
        );
        assert_eq!(min("<input value=\"a=b\">"), "<input value=\"a=b\">");
    }

    #[test]
    fn svg_keeps_self_closing_elements() {
        assert_eq!(
            min("<svg viewBox=\"0 0 20 20\">\n  <circle cx=\"10\" r=\"8\"/>\n  <path d=\"M10 2z\" />\n</svg>"),
            "<svg viewBox=\"0 0 20 20\"><circle cx=10 r=8 /><path d=\"M10 2z\"/></svg>"
        );
    }

    #[test]
    fn comments_go_and_entities_text_does_not_need_become_characters() {
        assert_eq!(
            min("<p>Tytuł: &quot;A&quot; &amp; B &gt; C &lt; D<!-- uwaga --></p>"),
            "<p>Tytuł: \"A\" &amp; B > C &lt; D</p>"
        );
    }

    #[test]
    fn a_less_than_sign_in_text_is_text() {
        assert_eq!(min("<p>a < b</p>"), "<p>a < b</p>");
    }

    #[test]
    fn unfinished_markup_is_copied_not_lost() {
        assert_eq!(min("<p>a <a href=\"x"), "<p>a <a href=\"x");
        assert_eq!(min("<p>a<!-- b"), "<p>a<!-- b");
    }

    #[test]
    fn non_breaking_spaces_are_not_whitespace() {
        assert_eq!(min("<p>20\u{a0}stycznia</p>"), "<p>20\u{a0}stycznia</p>");
        assert_eq!(min("<p>1&nbsp;min</p>"), "<p>1\u{a0}min</p>");
    }
}
