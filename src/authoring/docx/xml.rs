//! A small element tree built from quick-xml events: the parts of a Word
//! document are small, and walking a tree keeps the converter readable.
//! Names keep their prefix as written (`w:p`, `a:blip`), which is how every
//! Word version writes them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Deeper nesting is refused: Word writes a few dozen levels, and walking a
/// tree recursively must not run out of stack on a malicious file.
const MAX_DEPTH: usize = 256;

/// One element with its attributes and children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element: another element or a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of the attribute written as `name` (with its prefix).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element called `name` at any depth (this one included).
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// Every element called `name` at any depth, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for element in self.elements() {
            if element.name == name {
                out.push(element);
            } else {
                element.find_all(name, out);
            }
        }
    }

    /// The `w:val` of the child called `name`, e.g. the style of a `w:pPr`.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }

    /// All text below this element, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Element(e) => e.collect_text(out),
                Node::Text(t) => out.push_str(t),
            }
        }
    }
}

/// Parses an XML document into its root element; the error says what broke
/// and where (byte offset), in the parser's words.
pub fn parse(source: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(source);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} (bajt {position})"))?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elementy zagnieżdżone zbyt głęboko (bajt {position})"
                    ));
                }
                stack.push(element(&start)?);
            }
            Event::Empty(start) => push_child(&mut stack, Node::Element(element(&start)?)),
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                let done = done
                    .ok_or_else(|| format!("nadmiarowy znacznik zamykający (bajt {position})"))?;
                push_child(&mut stack, Node::Element(done));
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| e.to_string())?;
                push_child(&mut stack, Node::Text(text.into_owned()));
            }
            Event::CData(data) => {
                let text = data.decode().map_err(|e| e.to_string())?;
                push_child(&mut stack, Node::Text(text.into_owned()));
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|e| e.to_string())?;
                let entity = format!("&{name};");
                let text = quick_xml::escape::unescape(&entity).map_err(|e| e.to_string())?;
                push_child(&mut stack, Node::Text(text.into_owned()));
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err("dokument XML urywa się przed końcem".to_string());
    }
    stack
        .pop()
        .and_then(|document| document.elements().next().cloned())
        .ok_or_else(|| "dokument XML jest pusty".to_string())
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute.unescape_value().map_err(|e| e.to_string())?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_tree_with_text_and_entities() {
        let root = parse(
            r#"<?xml version="1.0"?><w:p a="x &amp; y"><w:t>A &amp; &#260;</w:t><w:br/></w:p>"#,
        )
        .unwrap();
        assert_eq!(root.name, "w:p");
        assert_eq!(root.attr("a"), Some("x & y"));
        assert_eq!(root.text(), "A & Ą");
        assert!(root.child("w:br").is_some());
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
        assert!(parse("</a>").is_err());
        let deep = "<a>".repeat(10_000);
        assert!(parse(&deep).unwrap_err().contains("zbyt głęboko"));
    }
}
