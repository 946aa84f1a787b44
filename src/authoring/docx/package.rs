//! The .docx file as a package: recognising what the clerk gave us (a Word
//! document, a legacy .doc, a password-protected file, something else),
//! reading its XML parts and media from the zip, and the relationships that
//! connect them.

use super::xml::{self, Element};
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// Larger files are refused: no announcement needs them, and a zip bomb
/// must not fill the memory.
const MAX_FILE: u64 = 200 * 1024 * 1024;
const MAX_PART: u64 = 64 * 1024 * 1024;

const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An opened Word document.
pub struct Package {
    path: PathBuf,
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
}

/// Where a relationship points: a part of the package or an outside address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Part(String),
    External(String),
}

/// The relationships of one part, by id (`rId5`).
#[derive(Debug, Default)]
pub struct Rels {
    targets: HashMap<String, Target>,
}

impl Rels {
    pub fn get(&self, id: &str) -> Option<&Target> {
        self.targets.get(id)
    }
}

impl Package {
    /// Opens `path`, or says in plain words why it is not a .docx we can read.
    pub fn open(path: &Path) -> Result<Package, Diagnostic> {
        let bytes = read_file(path)?;
        recognise(path, &bytes)?;
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| not_a_docx(path, &format!("{e}")))?;
        let mut package = Package {
            path: path.to_path_buf(),
            archive,
        };
        if package
            .archive
            .index_for_name("word/document.xml")
            .is_none()
        {
            return Err(package.zip_but_not_word());
        }
        Ok(package)
    }

    /// The bytes of a part, or None when the package has no such part.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let path = self.path.clone();
        let file = self
            .archive
            .by_index(index)
            .map_err(|e| damaged(&path, name, &e.to_string()))?;
        let mut bytes = Vec::new();
        file.take(MAX_PART + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(&path, name, &e.to_string()))?;
        if bytes.len() as u64 > MAX_PART {
            return Err(damaged(&path, name, "część dokumentu jest zbyt duża"));
        }
        Ok(Some(bytes))
    }

    /// A part parsed as XML, or None when the package has no such part.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, Diagnostic> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        let source = String::from_utf8(bytes)
            .map_err(|_| damaged(&self.path, name, "tekst nie jest zapisany w UTF-8"))?;
        let source = source.trim_start_matches('\u{feff}');
        xml::parse(source)
            .map(Some)
            .map_err(|e| damaged(&self.path, name, &e))
    }

    /// The relationships of a part (`word/document.xml` →
    /// `word/_rels/document.xml.rels`); empty when it has none.
    pub fn rels(&mut self, part: &str) -> Result<Rels, Diagnostic> {
        let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = format!("{folder}/_rels/{file}.rels");
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(Rels::default());
        };
        let mut targets = HashMap::new();
        for rel in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else {
                continue;
            };
            let target = if rel.attr("TargetMode") == Some("External") {
                Target::External(target.to_string())
            } else {
                Target::Part(resolve(folder, target))
            };
            targets.insert(id.to_string(), target);
        }
        Ok(Rels { targets })
    }

    fn zip_but_not_word(&mut self) -> Diagnostic {
        let odt = self
            .bytes("mimetype")
            .ok()
            .flatten()
            .is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument"));
        let message = if odt {
            Text::new(
                "to dokument OpenDocument (.odt), a nie dokument Worda (.docx)",
                "this is an OpenDocument file (.odt), not a Word document (.docx)",
            )
        } else {
            Text::new(
                "to archiwum zip, ale nie dokument Worda: brakuje w nim word/document.xml",
                "this is a zip archive but not a Word document: it has no word/document.xml",
            )
        };
        Diagnostic::error(Location::file(&self.path), message).with_hint(save_as_docx())
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::error(
            Location::file(path),
            crate::base::diagnostic::io_message(
                "nie można otworzyć pliku",
                "cannot open the file",
                &e,
            ),
        )
        .with_hint(Text::new(
            "sprawdź nazwę i folder pliku; nazwę ze spacjami ujmij w cudzysłów",
            "check the file's name and folder; quote a name with spaces",
        ))
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(
                Location::file(path),
                crate::base::diagnostic::io_message(
                    "nie można odczytać pliku",
                    "cannot read the file",
                    &e,
                ),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(Diagnostic::error(
            Location::file(path),
            Text::new(
                "plik ma ponad 200 MB; tak duży dokument nie jest ogłoszeniem",
                "the file is over 200 MB; a document this large is not an announcement",
            ),
        )
        .with_hint(Text::new(
            "zmniejsz zdjęcia w dokumencie (Plik → Kompresuj obrazy) i zapisz go ponownie",
            "compress the pictures in the document (File → Compress Pictures) and save it again",
        )));
    }
    Ok(bytes)
}

/// Refuses, before unzipping, what is certainly not a .docx.
fn recognise(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(if is_encrypted_ooxml(bytes) {
            Diagnostic::error(
                Location::file(path),
                Text::new(
                    "dokument jest chroniony hasłem, więc nie można go odczytać",
                    "the document is protected with a password, so it cannot be read",
                ),
            )
            .with_hint(Text::new(
                "otwórz go w Wordzie, usuń hasło (Plik → Informacje → Chroń dokument → Szyfruj przy użyciu hasła, puste pole) i zapisz jako .docx",
                "open it in Word, remove the password (File → Info → Protect Document → Encrypt with Password, empty field) and save it as .docx",
            ))
        } else {
            Diagnostic::error(
                Location::file(path),
                Text::new(
                    "to dokument w starym formacie Worda (.doc), którego Tablica nie czyta",
                    "this is a document in the old Word format (.doc), which Tablica does not read",
                ),
            )
            .with_hint(save_as_docx())
        });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Diagnostic::error(
            Location::file(path),
            Text::new(
                "to dokument RTF, a nie dokument Worda (.docx)",
                "this is an RTF file, not a Word document (.docx)",
            ),
        )
        .with_hint(save_as_docx()));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(Diagnostic::error(
            Location::file(path),
            Text::new(
                "to nie jest dokument Worda (.docx): plik nie jest archiwum zip",
                "this is not a Word document (.docx): the file is not a zip archive",
            ),
        )
        .with_hint(save_as_docx()));
    }
    Ok(())
}

/// An encrypted .docx is an OLE file with an `EncryptionInfo` stream; the
/// stream's name is stored in UTF-16.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn save_as_docx() -> Text {
    Text::new(
        "otwórz plik w Wordzie (lub LibreOffice), wybierz Plik → Zapisz jako → „Dokument programu Word (*.docx)” i zaimportuj nowy plik",
        "open the file in Word (or LibreOffice), choose File → Save As → \"Word Document (*.docx)\" and import the new file",
    )
}

fn not_a_docx(path: &Path, detail: &str) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        text!(
            "to nie jest dokument Worda (.docx): {detail}",
            "this is not a Word document (.docx): {detail}"
        ),
    )
    .with_hint(save_as_docx())
}

/// A part the document needs is broken.
pub fn damaged(path: &Path, part: &str, detail: &str) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        text!(
            "dokument jest uszkodzony: nie można odczytać części {part} ({detail})",
            "the document is damaged: its part {part} cannot be read ({detail})"
        ),
    )
    .with_hint(Text::new(
        "otwórz dokument w Wordzie, zapisz go ponownie jako .docx i zaimportuj jeszcze raz",
        "open the document in Word, save it again as .docx and import it again",
    ))
}

/// Resolves a relationship target against the folder of its part:
/// `media/image1.png` from `word` is `word/media/image1.png`.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(
            resolve("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
    }

    #[test]
    fn ole_files_are_told_apart() {
        let mut encrypted = OLE_SIGNATURE.to_vec();
        encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted_ooxml(&encrypted));
        assert!(!is_encrypted_ooxml(&OLE_SIGNATURE));
    }
}
