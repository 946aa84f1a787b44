//! What Word's styles and numbering definitions mean for Markdown: which
//! paragraph styles are headings (Heading1, Polish Word's Nagwek1, or any
//! style whose name is "heading 1" or is based on one) and which numbered
//! lists are bulleted or numbered (word/numbering.xml).

use super::xml::Element;
use std::collections::HashMap;

/// The paragraph styles of a document, by style id.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    numbering: Option<(String, usize)>,
}

/// How a style makes a paragraph look in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `heading 1`–`heading 6` (or an outline level): a Markdown heading.
    Heading(u8),
    /// The document's `Title` style.
    Title,
    /// An entry of Word's table of contents (`toc 1`…).
    Contents,
    Body,
}

impl Styles {
    pub fn parse(root: Option<&Element>) -> Styles {
        let mut styles = HashMap::new();
        let Some(root) = root else {
            return Styles { styles };
        };
        for style in root.elements().filter(|e| e.name == "w:style") {
            let Some(id) = style.attr("w:styleId") else {
                continue;
            };
            let ppr = style.child("w:pPr");
            let entry = Style {
                name: style.child_val("w:name").unwrap_or("").to_lowercase(),
                based_on: style.child_val("w:basedOn").map(str::to_string),
                outline_level: ppr.and_then(outline_level),
                numbering: ppr.and_then(numbering_of),
            };
            styles.insert(id.to_string(), entry);
        }
        Styles { styles }
    }

    /// The role of a paragraph style, following `basedOn` a few steps.
    pub fn role(&self, style_id: &str) -> Role {
        let mut id = style_id.to_string();
        for _ in 0..10 {
            let role = match self.styles.get(&id) {
                Some(style) => role_of(&style.name, &id, style.outline_level),
                None => role_of("", &id, None),
            };
            if role != Role::Body {
                return role;
            }
            match self.styles.get(&id).and_then(|s| s.based_on.clone()) {
                Some(parent) => id = parent,
                None => break,
            }
        }
        Role::Body
    }

    /// The list a paragraph style puts its paragraphs in (List Bullet).
    pub fn numbering(&self, style_id: &str) -> Option<(String, usize)> {
        let mut id = style_id.to_string();
        for _ in 0..10 {
            let style = self.styles.get(&id)?;
            if let Some(numbering) = &style.numbering {
                return Some(numbering.clone());
            }
            id = style.based_on.clone()?;
        }
        None
    }
}

fn role_of(name: &str, id: &str, outline_level: Option<u8>) -> Role {
    let lowered_id = id.to_lowercase();
    for prefix in ["heading ", "nagłówek "] {
        if let Some(level) = name.strip_prefix(prefix).and_then(heading_digit) {
            return Role::Heading(level);
        }
    }
    for prefix in ["heading", "nagwek", "naglowek"] {
        if let Some(level) = lowered_id.strip_prefix(prefix).and_then(heading_digit) {
            return Role::Heading(level);
        }
    }
    if name.starts_with("toc ") || lowered_id.starts_with("spistreci") {
        return Role::Contents;
    }
    if name == "title" || lowered_id == "title" || lowered_id == "tytu" {
        return Role::Title;
    }
    match outline_level {
        Some(level) if level < 6 => Role::Heading(level + 1),
        _ => Role::Body,
    }
}

fn heading_digit(rest: &str) -> Option<u8> {
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

/// A paragraph's outline level (`w:outlineLvl`, 0 for a top heading; 9 is body text).
pub fn outline_level(ppr: &Element) -> Option<u8> {
    ppr.child_val("w:outlineLvl")?.parse().ok()
}

/// The `w:numPr` of a paragraph: its list (numId) and level (ilvl).
pub fn numbering_of(ppr: &Element) -> Option<(String, usize)> {
    let num_pr = ppr.child("w:numPr")?;
    let num_id = num_pr.child_val("w:numId")?.to_string();
    let level = num_pr
        .child_val("w:ilvl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((num_id, level.min(8)))
}

/// How a list level is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Bullet,
    Numbered,
    /// a), b), i., ii.: Markdown has only 1., 2.
    Lettered,
}

/// The list definitions of word/numbering.xml.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// abstractNumId → level → (kind, start).
    abstracts: HashMap<String, HashMap<usize, (ListKind, u32)>>,
}

impl Numbering {
    pub fn parse(root: Option<&Element>) -> Numbering {
        let mut numbering = Numbering::default();
        let Some(root) = root else {
            return numbering;
        };
        for abstract_num in root.elements().filter(|e| e.name == "w:abstractNum") {
            let Some(id) = abstract_num.attr("w:abstractNumId") else {
                continue;
            };
            let levels = abstract_num
                .elements()
                .filter(|e| e.name == "w:lvl")
                .filter_map(level_definition)
                .collect();
            numbering.abstracts.insert(id.to_string(), levels);
        }
        for num in root.elements().filter(|e| e.name == "w:num") {
            let (Some(id), Some(abstract_id)) =
                (num.attr("w:numId"), num.child_val("w:abstractNumId"))
            else {
                continue;
            };
            let overrides = num
                .elements()
                .filter(|e| e.name == "w:lvlOverride")
                .filter_map(|o| {
                    let level = o.attr("w:ilvl")?.parse().ok()?;
                    let start = o.child_val("w:startOverride")?.parse().ok()?;
                    Some((level, start))
                })
                .collect();
            numbering
                .nums
                .insert(id.to_string(), (abstract_id.to_string(), overrides));
        }
        numbering
    }

    /// The kind and first number of a list level; a list Word does not
    /// define is taken as bulleted.
    pub fn level(&self, num_id: &str, level: usize) -> (ListKind, u32) {
        let Some((abstract_id, overrides)) = self.nums.get(num_id) else {
            return (ListKind::Bullet, 1);
        };
        let (kind, start) = self
            .abstracts
            .get(abstract_id)
            .and_then(|levels| levels.get(&level))
            .copied()
            .unwrap_or((ListKind::Bullet, 1));
        (kind, overrides.get(&level).copied().unwrap_or(start))
    }
}

fn level_definition(lvl: &Element) -> Option<(usize, (ListKind, u32))> {
    let level = lvl.attr("w:ilvl")?.parse().ok()?;
    let kind = match lvl.child_val("w:numFmt").unwrap_or("bullet") {
        "bullet" | "none" => ListKind::Bullet,
        "decimal" | "decimalZero" | "decimalEnclosedParen" | "decimalEnclosedFullstop" => {
            ListKind::Numbered
        }
        _ => ListKind::Lettered,
    };
    let start = lvl
        .child_val("w:start")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Some((level, (kind, start)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::docx::xml::parse;

    #[test]
    fn headings_are_found_by_name_id_base_style_or_outline_level() {
        let styles = parse(
            r#"<w:styles>
            <w:style w:styleId="Nagwek1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="Moj"><w:name w:val="Mój śródtytuł"/><w:basedOn w:val="Nagwek1"/></w:style>
            <w:style w:styleId="Konspekt"><w:name w:val="Konspekt"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:styleId="Spistreci1"><w:name w:val="toc 1"/></w:style>
            <w:style w:styleId="Listapunktowana"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
            </w:styles>"#,
        )
        .unwrap();
        let styles = Styles::parse(Some(&styles));
        assert_eq!(styles.role("Nagwek1"), Role::Heading(1));
        assert_eq!(styles.role("Moj"), Role::Heading(1));
        assert_eq!(styles.role("Konspekt"), Role::Heading(3));
        assert_eq!(styles.role("Spistreci1"), Role::Contents);
        assert_eq!(styles.role("Normalny"), Role::Body);
        assert_eq!(
            styles.numbering("Listapunktowana"),
            Some(("7".to_string(), 0))
        );
        // Without styles.xml, Word's own ids still say what they are.
        let none = Styles::parse(None);
        assert_eq!(none.role("Nagwek2"), Role::Heading(2));
        assert_eq!(none.role("Heading3"), Role::Heading(3));
        assert_eq!(none.role("Tytu"), Role::Title);
    }

    #[test]
    fn list_levels_know_bullets_numbers_and_letters() {
        let numbering = parse(
            r#"<w:numbering>
            <w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
            </w:numbering>"#,
        )
        .unwrap();
        let numbering = Numbering::parse(Some(&numbering));
        assert_eq!(numbering.level("5", 0), (ListKind::Numbered, 4));
        assert_eq!(numbering.level("5", 1), (ListKind::Lettered, 1));
        assert_eq!(numbering.level("99", 0), (ListKind::Bullet, 1));
    }
}
