//! `tablica package`: one zip per built site, for handing it over by e-mail
//! or on a USB stick. The zip holds the site's folder as it was built, plus
//! its manifest (path, size, SHA-256 of every file) and a `SHA256SUMS` file
//! that `sha256sum -c` can check. The same site gives the same bytes: the
//! entries are sorted and dated 1980-01-01.

use super::manifest::{self, Manifest, MANIFEST_FILE, SUMS_FILE};
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use crate::config::{self, Overrides};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

#[derive(Debug, Clone, Default)]
pub struct PackageOptions {
    pub root: PathBuf,
    /// Package only this site.
    pub site: Option<String>,
    /// Where to write the zips (`packages/` in the workspace by default).
    pub to: Option<PathBuf>,
    /// Read the built sites from here instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// Counters the command line draws a progress line from.
    pub progress: Option<std::sync::Arc<crate::base::progress::Progress>>,
}

/// One written package.
#[derive(Debug)]
pub struct Packaged {
    pub site: String,
    pub path: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// Packages the built sites; every problem of every site is reported.
pub fn package(options: &PackageOptions) -> Result<Vec<Packaged>, Vec<Diagnostic>> {
    let overrides = Overrides {
        site: options.site.clone(),
        output_dir: options.output.clone(),
        ..Overrides::default()
    };
    let workspace = config::load(&options.root, &overrides)?;
    let to = options
        .to
        .clone()
        .unwrap_or_else(|| workspace.root.join("packages"));
    std::fs::create_dir_all(&to).map_err(|e| vec![write_error(&to, &e)])?;
    let mut packaged = Vec::new();
    let mut problems = Vec::new();
    for site in crate::pipeline::select(&workspace, options.site.as_deref()).selected {
        let dir = workspace.output_dir.join(&site.id);
        match package_site(&site.id, &dir, &to, options.progress.as_deref()) {
            Ok(p) => packaged.push(p),
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(packaged)
    } else {
        Err(problems)
    }
}

fn package_site(
    id: &str,
    dir: &Path,
    to: &Path,
    progress: Option<&crate::base::progress::Progress>,
) -> Result<Packaged, Diagnostic> {
    require_built(id, dir)?;
    if let Some(p) = progress {
        p.stage("package");
    }
    let manifest = Manifest::of_folder(id, dir)?;
    let target = to.join(format!("{id}.zip"));
    let partial = to.join(format!(".{id}.zip.partial"));
    if let Some(p) = progress {
        p.add_total(manifest.files.len());
    }
    let result = write_zip(&partial, id, dir, &manifest, progress);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &target).map_err(|e| write_error(&target, &e))?;
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(Packaged {
        site: id.to_string(),
        path: target,
        files: manifest.files.len(),
        bytes,
    })
}

/// Fails unless `dir` holds a built site (its `index.html`).
pub(crate) fn require_built(id: &str, dir: &Path) -> Result<(), Diagnostic> {
    if dir.join("index.html").is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        Location::file(dir),
        text!(
            "witryna {id} nie jest zbudowana: w tym folderze nie ma index.html",
            "the site {id} is not built: there is no index.html in this folder"
        ),
    )
    .with_hint(Text::new(
        "najpierw zbuduj witryny: tablica build",
        "build the sites first: tablica build",
    )))
}

fn write_zip(
    path: &Path,
    id: &str,
    dir: &Path,
    manifest: &Manifest,
    progress: Option<&crate::base::progress::Progress>,
) -> Result<(), Diagnostic> {
    let file = std::fs::File::create(path).map_err(|e| write_error(path, &e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let zip_error = |e: zip::result::ZipError| write_error(path, &std::io::Error::other(e));
    for (rel, source) in manifest::list(dir)? {
        let bytes = std::fs::read(&source).map_err(|e| write_error(&source, &e))?;
        zip.start_file(format!("{id}/{rel}"), options_for(&rel))
            .map_err(zip_error)?;
        zip.write_all(&bytes).map_err(|e| write_error(path, &e))?;
        if let Some(p) = progress {
            p.tick();
        }
    }
    for (name, body) in [
        (MANIFEST_FILE, manifest.to_json()),
        (SUMS_FILE, manifest.to_sums()),
    ] {
        zip.start_file(format!("{id}/{name}"), options_for(name))
            .map_err(zip_error)?;
        zip.write_all(body.as_bytes())
            .map_err(|e| write_error(path, &e))?;
    }
    let mut writer = zip.finish().map_err(zip_error)?;
    writer.flush().map_err(|e| write_error(path, &e))
}

/// Deflate for text, stored for formats that are compressed already.
fn options_for(path: &str) -> SimpleFileOptions {
    let compressed = [
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".zip", ".docx", ".xlsx", ".odt",
        ".woff2", ".woff", ".mp4", ".webm",
    ];
    let lower = path.to_ascii_lowercase();
    let method = if compressed.iter().any(|ext| lower.ends_with(ext)) {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

fn write_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        text!(
            "nie można zapisać paczki: {error}",
            "cannot write the package: {error}"
        ),
    )
    .with_code(crate::base::diagnostic::IO)
    .with_hint(Text::new(
        "sprawdź, czy jest miejsce na dysku i prawo zapisu do folderu",
        "check that there is disk space and permission to write to the folder",
    ))
}
