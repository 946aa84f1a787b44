//! Attachments residents can read: each PDF and DOCX attached to a page is
//! opened and judged for the faults that accessibility statements list
//! most: a PDF that is a scan without a text layer, has no structure tags,
//! no document title or no language (lopdf); a Word document with an image
//! without a description or no headings (zip and quick-xml). A file that
//! cannot be read is left alone (the checks judge documents, not formats).

use super::{at, Finding};
use crate::base::rules::{self, Rule};
use crate::content::facts::Pos;
use crate::content::Document;
use lopdf::{Dictionary, Object};

/// The findings about the PDF attachments of `doc`, at their `title:`.
pub fn check_attachments(doc: &Document) -> Vec<Finding> {
    let positions = &doc.body.facts.attachments;
    doc.attachments
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            let pos = positions.get(i).map_or(Pos::default(), |f| f.pos);
            let faults = match a.kind.as_str() {
                "PDF" => pdf_faults(&a.source),
                "DOCX" => docx_faults(&a.source),
                _ => Vec::new(),
            };
            faults
                .into_iter()
                .map(move |rule| Finding::new(rule, at(&doc.source, pos), &a.title))
        })
        .collect()
}

/// Paragraphs of text a Word document may have before it needs headings.
const PARAGRAPHS_WITHOUT_HEADINGS: usize = 3;

/// What is wrong with the Word document at `path`; nothing when it cannot
/// be read.
pub fn docx_faults(path: &std::path::Path) -> Vec<&'static Rule> {
    let Some((document, styles)) = docx_parts(path) else {
        return Vec::new();
    };
    let headings = heading_styles(&styles);
    let seen = read_body(&document, &headings);
    let mut faults = Vec::new();
    if seen.images_without_alt > 0 {
        faults.push(rules::DOCX_IMG_ALT_MISSING);
    }
    if seen.headings == 0 && seen.paragraphs > PARAGRAPHS_WITHOUT_HEADINGS {
        faults.push(rules::DOCX_NO_HEADINGS);
    }
    faults
}

/// `word/document.xml` and `word/styles.xml` (empty when absent).
fn docx_parts(path: &std::path::Path) -> Option<(String, String)> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let document = read("word/document.xml")?;
    Some((document, read("word/styles.xml").unwrap_or_default()))
}

/// The ids of paragraph styles that are headings: named `heading N` (the
/// name Word keeps in every language) or with an outline level.
fn heading_styles(styles: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(styles);
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                current = attribute(&e, b"styleId");
            }
            Ok(quick_xml::events::Event::Empty(e)) => {
                let name = e.local_name();
                let heading = match name.as_ref() {
                    b"name" => attribute(&e, b"val")
                        .is_some_and(|v| v.to_lowercase().starts_with("heading")),
                    b"outlineLvl" => true,
                    _ => false,
                };
                if let (true, Some(id)) = (heading, current.as_ref()) {
                    found.push(id.clone());
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    found
}

/// What the body holds, as the checks count it.
#[derive(Default)]
struct Body {
    paragraphs: usize,
    headings: usize,
    images_without_alt: usize,
}

fn read_body(document: &str, headings: &[String]) -> Body {
    let mut reader = quick_xml::Reader::from_str(document);
    let mut body = Body::default();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if e.local_name().as_ref() == b"p" => {
                body.paragraphs += 1;
            }
            Ok(quick_xml::events::Event::Empty(e)) => match e.local_name().as_ref() {
                b"pStyle" if attribute(&e, b"val").is_some_and(|v| headings.contains(&v)) => {
                    body.headings += 1;
                }
                b"docPr" if attribute(&e, b"descr").is_none_or(|d| d.trim().is_empty()) => {
                    body.images_without_alt += 1;
                }
                _ => {}
            },
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    body
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attribute(element: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// What is wrong with the PDF at `path`; nothing when it cannot be read.
pub fn pdf_faults(path: &std::path::Path) -> Vec<&'static Rule> {
    let Ok(pdf) = lopdf::Document::load(path) else {
        return Vec::new();
    };
    // A scan has no text at all: the other faults follow from it.
    if !has_text(&pdf) {
        return vec![rules::PDF_NO_TEXT];
    }
    let Ok(catalog) = pdf.catalog() else {
        return Vec::new();
    };
    let mut faults = Vec::new();
    if !is_tagged(catalog) {
        faults.push(rules::PDF_UNTAGGED);
    }
    if !has_title(&pdf) {
        faults.push(rules::PDF_NO_TITLE);
    }
    if text_of(&pdf, catalog.get(b"Lang").ok()).is_none() {
        faults.push(rules::PDF_NO_LANG);
    }
    faults
}

/// Some page has a font: text that can be read (a scan has only images).
fn has_text(pdf: &lopdf::Document) -> bool {
    pdf.get_pages().values().any(|&page| {
        pdf.get_page_fonts(page)
            .is_ok_and(|fonts| !fonts.is_empty())
    })
}

/// Tagged: a structure tree, and not marked as untagged.
fn is_tagged(catalog: &Dictionary) -> bool {
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool)
        .unwrap_or(false);
    catalog.has(b"StructTreeRoot") && marked
}

/// A title in the document information, or in the XMP metadata.
fn has_title(pdf: &lopdf::Document) -> bool {
    let info = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| pdf.dereference(i).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let in_info = info
        .and_then(|i| text_of(pdf, i.get(b"Title").ok()))
        .is_some();
    in_info || xmp_has_title(pdf)
}

fn xmp_has_title(pdf: &lopdf::Document) -> bool {
    let Ok(catalog) = pdf.catalog() else {
        return false;
    };
    let Some(stream) = catalog
        .get(b"Metadata")
        .ok()
        .and_then(|m| pdf.dereference(m).ok())
        .and_then(|(_, o)| o.as_stream().ok())
    else {
        return false;
    };
    let xml = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&xml).contains("<dc:title>")
}

/// A non-empty string value (following a reference).
fn text_of(pdf: &lopdf::Document, value: Option<&Object>) -> Option<String> {
    let (_, object) = pdf.dereference(value?).ok()?;
    let bytes = object.as_str().ok()?;
    let text = String::from_utf8_lossy(bytes).trim().to_string();
    (!text.is_empty()).then_some(text)
}
