//! Pictures of a Word document: DrawingML and old VML images are copied into
//! the page bundle as `obraz-N.ext` with their description as alt text;
//! charts, SmartArt, text boxes and shapes are reported, not converted.

use super::{Converter, Para};
use crate::authoring::docx::notes::Note;
use crate::authoring::docx::package::Target;
use crate::authoring::docx::xml::Element;
use crate::authoring::docx::ImageFile;
use crate::authoring::markdown::{self, Inline};
use crate::authoring::TODO_ALT;
use crate::base::diagnostic::Diagnostic;

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

impl Converter<'_> {
    /// A DrawingML object: a picture is copied, anything else reported.
    pub(super) fn drawing(&mut self, drawing: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        let uri = drawing
            .find("a:graphicData")
            .and_then(|g| g.attr("uri"))
            .unwrap_or("");
        if uri.ends_with("/picture") {
            let blip = drawing.find("a:blip");
            let embed = blip.and_then(|b| b.attr("r:embed"));
            let linked = blip.and_then(|b| b.attr("r:link")).is_some();
            let doc_pr = drawing.find("wp:docPr");
            let description = doc_pr
                .and_then(|d| d.attr("descr").or_else(|| d.attr("title")))
                .unwrap_or("");
            return self.image(embed, linked, description, para);
        }
        let note = if uri.ends_with("/chart") || uri.contains("chartex") {
            Note::Chart
        } else if uri.ends_with("/diagram") {
            Note::SmartArt
        } else if drawing.find("wps:txbx").is_some() {
            Note::TextBox
        } else {
            Note::Shape
        };
        self.out.notes.add(note);
        Ok(())
    }

    /// VML pictures of older documents: an image, a text box or a shape.
    pub(super) fn picture(&mut self, pict: &Element, para: &mut Para) -> Result<(), Diagnostic> {
        if pict.find("v:textbox").is_some() {
            self.out.notes.add(Note::TextBox);
            return Ok(());
        }
        let Some(data) = pict.find("v:imagedata") else {
            self.out.notes.add(Note::Shape);
            return Ok(());
        };
        let description = pict
            .find("v:shape")
            .and_then(|s| s.attr("alt"))
            .or_else(|| data.attr("o:title"))
            .unwrap_or("");
        self.image(data.attr("r:id"), false, description, para)
    }

    fn image(
        &mut self,
        embed: Option<&str>,
        linked: bool,
        description: &str,
        para: &mut Para,
    ) -> Result<(), Diagnostic> {
        let part = match embed.and_then(|id| self.current_rels().get(id)) {
            Some(Target::Part(part)) => part.clone(),
            _ => {
                self.out.notes.add(if linked {
                    Note::LinkedImage
                } else {
                    Note::Shape
                });
                return Ok(());
            }
        };
        let Some(name) = self.image_file(&part)? else {
            return Ok(());
        };
        let alt = self.alt_text(description);
        para.push(Inline::Raw(format!("![{}]({name})", escape_alt(&alt))));
        para.has_raw = true;
        Ok(())
    }

    /// Copies a media part once, as `obraz-N.ext`; None for formats a
    /// browser cannot show.
    fn image_file(&mut self, part: &str) -> Result<Option<String>, Diagnostic> {
        if let Some(name) = self.image_parts.get(part) {
            return Ok(Some(name.clone()));
        }
        let extension = part
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
            self.out.notes.add(Note::UnsupportedImage);
            return Ok(None);
        }
        let Some(bytes) = self.package.bytes(part)? else {
            self.out.notes.add(Note::LinkedImage);
            return Ok(None);
        };
        let extension = if extension == "jpeg" {
            "jpg"
        } else {
            &extension
        };
        let name = format!("obraz-{}.{extension}", self.out.images.len() + 1);
        self.out.images.push(ImageFile {
            name: name.clone(),
            bytes,
        });
        self.image_parts.insert(part.to_string(), name.clone());
        Ok(Some(name))
    }

    fn alt_text(&mut self, description: &str) -> String {
        let description = markdown::collapse_spaces(description.trim());
        let lowered = description.to_lowercase();
        let file_name = IMAGE_EXTENSIONS
            .iter()
            .chain(&["bmp", "tif", "tiff", "heic", "emf", "wmf"])
            .any(|ext| lowered.ends_with(&format!(".{ext}")));
        if description.is_empty() || file_name {
            self.out.notes.add(Note::MissingAlt);
            TODO_ALT.to_string()
        } else if lowered.contains("wygenerowany automatycznie")
            || lowered.contains("generated automatically")
        {
            self.out.notes.add(Note::AutomaticAlt);
            TODO_ALT.to_string()
        } else {
            description
        }
    }
}

fn escape_alt(alt: &str) -> String {
    alt.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}
