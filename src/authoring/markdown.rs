//! Writing Markdown from text that came from elsewhere (a Word document):
//! escaping what Markdown would otherwise read as syntax, and emphasis and
//! links that survive CommonMark's flanking rules.

/// A piece of a paragraph with its formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text as the reader sees it; escaped when rendered.
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// A link around formatted text.
    Link { dest: String, content: Vec<Inline> },
    /// Markdown written as it is: an image, a footnote reference.
    Raw(String),
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// Escapes the characters that start Markdown syntax anywhere in a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity_like = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~') || entity_like {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what Markdown reads as a block marker at the start of a line:
/// `#`, `>`, `-`, `+`, `=` and `1.` / `1)`.
pub fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '>', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A link destination, in angle brackets when it holds spaces or brackets.
pub fn link_destination(dest: &str) -> String {
    if dest.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", dest.replace('<', "%3C").replace('>', "%3E"))
    } else {
        dest.to_string()
    }
}

/// Renders a run of inline pieces as one line of Markdown, spaces collapsed.
pub fn render(inlines: &[Inline]) -> String {
    let mut writer = Writer::default();
    for (index, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text { text, bold, italic } => {
                writer.text(text, *bold, *italic, &inlines[index + 1..]);
            }
            Inline::Link { dest, content } => {
                let inner = render(content);
                writer.close_all();
                if inner.is_empty() {
                    continue;
                }
                writer.flush_space();
                let link = format!("[{inner}]({})", link_destination(dest));
                writer.out.push_str(&link);
            }
            Inline::Raw(markdown) => {
                writer.close_all();
                writer.flush_space();
                writer.out.push_str(markdown);
            }
        }
    }
    writer.close_all();
    writer.out.trim().to_string()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Bold,
    Italic(&'static str),
}

impl Mark {
    fn marker(self) -> &'static str {
        match self {
            Mark::Bold => "**",
            Mark::Italic(marker) => marker,
        }
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    open: Vec<Mark>,
    /// Whitespace waiting to be written after the next closing marker.
    space: bool,
}

impl Writer {
    fn text(&mut self, text: &str, bold: bool, italic: bool, rest: &[Inline]) {
        let collapsed = collapse_spaces(text);
        let core = collapsed.trim_matches(' ');
        if core.is_empty() {
            self.space |= !collapsed.is_empty();
            return;
        }
        let leading = collapsed.starts_with(' ');
        let trailing = collapsed.ends_with(' ');
        self.close_unwanted(bold, italic);
        self.space |= leading;
        self.flush_space();
        if bold && !self.open.contains(&Mark::Bold) {
            self.open_mark(Mark::Bold);
        }
        if italic && !self.open.iter().any(|m| matches!(m, Mark::Italic(_))) {
            let marker = if self.intraword(core, rest) { "*" } else { "_" };
            self.open_mark(Mark::Italic(marker));
        }
        self.out.push_str(&escape(core));
        self.space = trailing;
    }

    /// `_` does not work inside a word; `*` does.
    fn intraword(&self, core: &str, rest: &[Inline]) -> bool {
        let before = !self.space && self.out.chars().last().is_some_and(char::is_alphanumeric);
        let after = if core.ends_with(char::is_alphanumeric) {
            first_char_after_italic(rest).is_some_and(char::is_alphanumeric)
        } else {
            false
        };
        before || after
    }

    fn open_mark(&mut self, mark: Mark) {
        self.out.push_str(mark.marker());
        self.open.push(mark);
    }

    fn close_unwanted(&mut self, bold: bool, italic: bool) {
        let unwanted = |m: &Mark| match m {
            Mark::Bold => !bold,
            Mark::Italic(_) => !italic,
        };
        while self.open.iter().any(unwanted) {
            self.close_one();
        }
    }

    fn close_one(&mut self) {
        if let Some(mark) = self.open.pop() {
            self.out.push_str(mark.marker());
        }
    }

    fn close_all(&mut self) {
        while !self.open.is_empty() {
            self.close_one();
        }
    }

    fn flush_space(&mut self) {
        if self.space && !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        self.space = false;
    }
}

/// The first visible character after the italic text that starts here ends.
fn first_char_after_italic(rest: &[Inline]) -> Option<char> {
    for inline in rest {
        match inline {
            Inline::Text { text, italic, .. } => {
                if text.is_empty() {
                    continue;
                }
                if !*italic || text.starts_with(' ') {
                    return text.chars().next();
                }
                if text.trim_end_matches(' ') != text {
                    return Some(' ');
                }
            }
            Inline::Link { .. } | Inline::Raw(_) => return Some('['),
        }
    }
    None
}

/// Tabs and runs of ordinary spaces become one space; no-break spaces stay.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if matches!(c, '\t' | '\n' | '\r') {
            ' '
        } else {
            c
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: text.to_string(),
            bold,
            italic,
        }
    }

    #[test]
    fn syntax_characters_are_escaped() {
        assert_eq!(
            escape("a*b_c [x] <y> `z` ~"),
            r"a\*b\_c \[x\] \<y> \`z\` \~"
        );
        assert_eq!(escape("Kowalski & syn, &amp;"), r"Kowalski & syn, \&amp;");
        assert_eq!(escape_line_start("# nie nagłówek"), r"\# nie nagłówek");
        assert_eq!(escape_line_start("2021. rok"), r"2021\. rok");
        assert_eq!(escape_line_start("- myślnik"), r"\- myślnik");
        assert_eq!(escape_line_start("– półpauza"), "– półpauza");
    }

    #[test]
    fn emphasis_keeps_spaces_outside_markers() {
        let inlines = [
            styled("Zapraszamy ", false, false),
            styled("wszystkich ", true, false),
            styled("mieszkańców", true, true),
            styled(" na spotkanie.", false, false),
        ];
        assert_eq!(
            render(&inlines),
            "Zapraszamy **wszystkich _mieszkańców_** na spotkanie."
        );
    }

    #[test]
    fn italic_inside_a_word_uses_stars() {
        let inlines = [
            styled("Zie", false, false),
            styled("mia", false, true),
            styled("ństwo", false, false),
        ];
        assert_eq!(render(&inlines), "Zie*mia*ństwo");
    }

    #[test]
    fn links_wrap_their_formatted_text() {
        let inlines = [
            styled("Zobacz ", false, false),
            Inline::Link {
                dest: "https://example.org/a b".to_string(),
                content: vec![styled("wyniki", true, false)],
            },
            styled(".", false, false),
        ];
        assert_eq!(
            render(&inlines),
            "Zobacz [**wyniki**](<https://example.org/a b>)."
        );
    }
}
