//! Attachments residents can read: each PDF attached to a page is opened
//! (lopdf) and judged for the faults that accessibility statements list
//! most: a scan without a text layer, no structure tags, no document title,
//! no language. A file that cannot be read as a PDF is left to the browser
//! (the checks judge documents, not file formats).

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
        .filter(|(_, a)| a.kind == "PDF")
        .flat_map(|(i, a)| {
            let pos = positions.get(i).map_or(Pos::default(), |f| f.pos);
            pdf_faults(&a.source)
                .into_iter()
                .map(move |rule| Finding::new(rule, at(&doc.source, pos), &a.title))
        })
        .collect()
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
