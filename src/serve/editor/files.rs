//! The files the editor touches, and the rules for touching them: a page's
//! path must be a Markdown file inside its site's content folder, an
//! uploaded file must be of an allowed type and size and gets a slugged
//! name in the page's own folder, and a save replaces the file at once
//! (a temporary file beside it, then a rename), never half-way.

use crate::base::typography::slugify;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The largest photo accepted (a 50 MP camera JPEG is about 25 MB).
pub const MAX_PHOTO_BYTES: u64 = 30 * 1024 * 1024;
/// The largest document accepted.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// Photos a page can show (`media` publishes them resized).
const PHOTO_TYPES: &[&str] = &["jpg", "jpeg", "png", "webp", "gif", "svg"];
/// Documents an announcement attaches for residents to download.
const DOCUMENT_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "csv", "txt", "ppt", "pptx", "odp",
    "zip",
];

/// What kind of upload a file name is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Image,
    Document,
}

impl Kind {
    pub fn of(name: &str) -> Option<Kind> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        if PHOTO_TYPES.contains(&extension.as_str()) {
            Some(Kind::Image)
        } else if DOCUMENT_TYPES.contains(&extension.as_str()) {
            Some(Kind::Document)
        } else {
            None
        }
    }

    pub fn limit(self) -> u64 {
        match self {
            Kind::Image => MAX_PHOTO_BYTES,
            Kind::Document => MAX_DOCUMENT_BYTES,
        }
    }
}

/// Why a path or an upload was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not a relative path inside the content folder, or not a `.md` file.
    BadPath,
    /// The file's type is not one of those allowed.
    Type(String),
    /// Larger than the limit of its kind.
    TooBig { limit: u64 },
}

/// Checks a page path sent by the browser (`aktualnosci/2024-…​.md`):
/// relative, `/`-separated, no `..`, drive, backslash or hidden part.
pub fn page_path(path: &str) -> Result<&str, Refused> {
    let plain = |part: &str| {
        !part.is_empty()
            && !part.starts_with('.')
            && !part.contains(['\\', ':', '\0'])
            && !crate::base::temp_files::is_temporary(part)
    };
    if path.ends_with(".md") && path.split('/').all(plain) {
        Ok(path)
    } else {
        Err(Refused::BadPath)
    }
}

/// The page's own folder, where its photos and documents go: the file's
/// path without `.md`, as `content` looks for them.
pub fn page_folder(content_root: &Path, path: &str) -> PathBuf {
    content_root.join(path.trim_end_matches(".md"))
}

/// The name an uploaded file is saved under: its name slugged, its
/// extension kept in lower case. A name that holds a path is refused, not
/// cleaned: the browser never sends one.
pub fn upload_name(name: &str) -> Result<(String, Kind), Refused> {
    let is_path = Path::new(name)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || name.contains(['/', '\\', ':', '\0']);
    if name.is_empty() || is_path {
        return Err(Refused::BadPath);
    }
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return Err(Refused::Type(String::new()));
    };
    let extension = extension.to_ascii_lowercase();
    let kind = Kind::of(name).ok_or_else(|| Refused::Type(extension.clone()))?;
    let stem = match slugify(stem) {
        s if s.is_empty() => "plik".to_string(),
        s => s,
    };
    Ok((format!("{stem}.{extension}"), kind))
}

/// `name` in `folder`, or `name-2`, `name-3`… when it is taken.
pub fn free_name(folder: &Path, name: &str) -> String {
    if !folder.join(name).exists() {
        return name.to_string();
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| format!("{stem}-{n}.{extension}"))
        .find(|candidate| !folder.join(candidate).exists())
        .unwrap_or_else(|| name.to_string())
}

/// Replaces (or creates) `path` with `bytes` at once: a temporary file in
/// the same folder (a name the watcher and the build ignore), flushed to
/// disk, then renamed over the old one.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.tablica-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let result = written.and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A file of a page's folder, as the form shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageFile {
    pub name: String,
    pub size: u64,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<usize>,
}

impl PageFile {
    pub fn read(path: &Path) -> Option<PageFile> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let kind = Kind::of(&name)?;
        let size = std::fs::metadata(path).ok()?.len();
        let dimensions = (kind == Kind::Image)
            .then(|| imagesize::size(path).ok())
            .flatten();
        Some(PageFile {
            name,
            size,
            kind,
            width: dimensions.map(|d| d.width),
            height: dimensions.map(|d| d.height),
        })
    }
}

/// The photos and documents in a page's folder, by name.
pub fn page_files(folder: &Path) -> Vec<PageFile> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PageFile> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .filter(|e| !crate::base::temp_files::is_temporary(&e.file_name().to_string_lossy()))
        .filter_map(|e| PageFile::read(&e.path()))
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_stay_inside_the_content_folder() {
        assert!(page_path("aktualnosci/2024-05-01-zebranie.md").is_ok());
        assert!(page_path("o-partnerstwie.md").is_ok());
        for bad in [
            "../config.yaml",
            "aktualnosci/../../x.md",
            "/etc/x.md",
            "C:/x.md",
            "a\\b.md",
            "aktualnosci/.ukryty.md",
            "aktualnosci//x.md",
            "aktualnosci/x.txt",
            "",
        ] {
            assert_eq!(page_path(bad), Err(Refused::BadPath), "{bad}");
        }
    }

    #[test]
    fn upload_names_are_slugged_and_typed() {
        assert_eq!(
            upload_name("Zdjęcie z sesji 1.JPG"),
            Ok(("zdjecie-z-sesji-1.jpg".to_string(), Kind::Image))
        );
        assert_eq!(
            upload_name("Uchwała nr XII.pdf"),
            Ok(("uchwala-nr-xii.pdf".to_string(), Kind::Document))
        );
        assert_eq!(upload_name("setup.exe"), Err(Refused::Type("exe".into())));
        assert_eq!(
            upload_name("zdjecie.heic"),
            Err(Refused::Type("heic".into()))
        );
        for bad in ["../x.jpg", "a/b.jpg", "..", "C:x.jpg", "/etc/passwd", ""] {
            assert_eq!(upload_name(bad), Err(Refused::BadPath), "{bad}");
        }
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = std::env::temp_dir().join(format!("tablica-free-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("foto.jpg"), b"x").unwrap();
        std::fs::write(dir.join("foto-2.jpg"), b"x").unwrap();
        assert_eq!(free_name(&dir, "foto.jpg"), "foto-3.jpg");
        assert_eq!(free_name(&dir, "inne.jpg"), "inne.jpg");
        replace_file(&dir.join("foto.jpg"), b"nowe").unwrap();
        assert_eq!(std::fs::read(dir.join("foto.jpg")).unwrap(), b"nowe");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "no temporary file is left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
