//! `tablica package`: one zip per site, for handing it over by e-mail or on
//! a USB stick. By default the site is built anew for the package with
//! links relative to each page (`build --relative`), so that it works
//! wherever it is unzipped and opened from disk (file://), and the zip
//! says how to open it ([`HOW_TO_OPEN_FILE`]); a hub's zip also holds every
//! partnership's folder, which its links lead to. `--as-built` packs the output
//! folder as it was built instead (for a server, by hand). Each zip holds
//! the site's folder, its manifest (path, size, SHA-256 of every file) and
//! a `SHA256SUMS` file that `sha256sum -c` can check. The same site gives
//! the same bytes: the entries are sorted and dated 1980-01-01.

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
    /// With `as_built`: read the built sites from here instead of
    /// `output_dir`.
    pub output: Option<PathBuf>,
    /// Pack the output folder as it was built, instead of building each
    /// site with relative links for opening from disk.
    pub as_built: bool,
    /// The build's date (today when absent), for the packages' build.
    pub now: Option<crate::base::date::PageDate>,
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
    let selection = crate::pipeline::select(&workspace, options.site.as_deref());
    let with_hub = selection.selected.iter().any(|s| s.hub);
    let built = if options.as_built {
        None
    } else {
        Some(build_for_disk(options, &to, with_hub)?)
    };
    let sites_dir = built.as_ref().map_or(&workspace.output_dir, |b| &b.dir);
    let mut packaged = Vec::new();
    let mut problems = Vec::new();
    for site in &selection.selected {
        let mut folders = vec![site.id.as_str()];
        if built.is_some() {
            if let Err(e) = write_how_to_open(&sites_dir.join(&site.id), site) {
                problems.push(e);
                continue;
            }
            // The hub links to every partnership's folder beside its own:
            // opened from disk, they must be in the same package.
            if site.hub {
                folders.extend(
                    workspace
                        .sites
                        .iter()
                        .filter(|s| !s.hub)
                        .map(|s| s.id.as_str()),
                );
            }
        }
        match package_site(&folders, sites_dir, &to, options.progress.as_deref()) {
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

/// The name of the file in each package that says how to open the site.
pub const HOW_TO_OPEN_FILE: &str = "JAK-OTWORZYC.txt";

/// A build made only for the packages; its folder goes when it is dropped.
struct DiskBuild {
    dir: PathBuf,
}

impl Drop for DiskBuild {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Builds the selected sites (every site `with_hub`) with relative links
/// into a folder beside the packages, so that each works opened from disk.
fn build_for_disk(
    options: &PackageOptions,
    to: &Path,
    with_hub: bool,
) -> Result<DiskBuild, Vec<Diagnostic>> {
    let built = DiskBuild {
        dir: to.join(format!(".tablica-package-{}", std::process::id())),
    };
    let build = crate::build::BuildOptions {
        root: options.root.clone(),
        overrides: Overrides {
            // A hub's package holds every site (see `package`).
            site: options.site.clone().filter(|_| !with_hub),
            output_dir: Some(built.dir.clone()),
            ..Overrides::default()
        },
        now: options.now,
        relative: true,
        progress: options.progress.clone(),
        ..crate::build::BuildOptions::default()
    };
    crate::build::build(&build).map_err(|failure| failure.diagnostics)?;
    Ok(built)
}

/// Writes the note on how to open the site into its built folder (so the
/// manifest lists it too), in Polish and English.
fn write_how_to_open(dir: &Path, site: &crate::config::SiteConfig) -> Result<(), Diagnostic> {
    let id = &site.id;
    let title = &site.title;
    let note = format!(
        "{title}\r\n\r\n\
         JAK OTWORZYĆ TĘ WITRYNĘ\r\n\
         1. Rozpakuj całe archiwum {id}.zip (w Windows: kliknij je prawym przyciskiem\r\n\
         \x20  i wybierz „Wyodrębnij wszystko”). Nie otwieraj stron z okna archiwum bez\r\n\
         \x20  rozpakowania: nie znajdą stylów, obrazów ani innych stron.\r\n\
         2. W rozpakowanym folderze {id} otwórz plik index.html (dwuklik otworzy go\r\n\
         \x20  w przeglądarce). Odnośniki, wyszukiwarka i pliki do pobrania działają\r\n\
         \x20  bez internetu i bez serwera.\r\n\
         3. Aby opublikować witrynę na serwerze pod jej adresem ({base}), użyj\r\n\
         \x20  poleceń tablica build i tablica deploy, nie tej paczki.\r\n\
         Plik SHA256SUMS pozwala sprawdzić, czy nic się nie zmieniło: sha256sum -c SHA256SUMS\r\n\
         \r\n\
         HOW TO OPEN THIS SITE\r\n\
         1. Extract the whole archive {id}.zip (on Windows: right-click, \"Extract All\").\r\n\
         \x20  Pages opened from inside the archive find no styles, images or other pages.\r\n\
         2. In the extracted folder {id}, open index.html in a browser. Links, search\r\n\
         \x20  and downloads work offline, without a server.\r\n\
         3. To publish the site on a server at its address, use tablica build and\r\n\
         \x20  tablica deploy, not this package.\r\n",
        base = site.base_url,
    );
    let path = dir.join(HOW_TO_OPEN_FILE);
    std::fs::write(&path, note).map_err(|e| write_error(&path, &e))
}

/// Packs the site folders `ids` (the first is the package's own site) of
/// `sites_dir` into `<first id>.zip`, each with its manifest and sums.
fn package_site(
    ids: &[&str],
    sites_dir: &Path,
    to: &Path,
    progress: Option<&crate::base::progress::Progress>,
) -> Result<Packaged, Diagnostic> {
    let id = ids[0];
    let mut folders = Vec::new();
    for &folder in ids {
        let dir = sites_dir.join(folder);
        require_built(folder, &dir)?;
        folders.push((folder, Manifest::of_folder(folder, &dir)?, dir));
    }
    if let Some(p) = progress {
        p.stage("package");
        p.add_total(folders.iter().map(|(_, m, _)| m.files.len()).sum());
    }
    let target = to.join(format!("{id}.zip"));
    let partial = to.join(format!(".{id}.zip.partial"));
    let result = write_zip(&partial, &folders, progress);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &target).map_err(|e| write_error(&target, &e))?;
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(Packaged {
        site: id.to_string(),
        path: target,
        files: folders.iter().map(|(_, m, _)| m.files.len()).sum(),
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

/// One site folder of a package: its id, manifest and place on disk.
type Folder<'a> = (&'a str, Manifest, PathBuf);

fn write_zip(
    path: &Path,
    folders: &[Folder],
    progress: Option<&crate::base::progress::Progress>,
) -> Result<(), Diagnostic> {
    let file = std::fs::File::create(path).map_err(|e| write_error(path, &e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let zip_error = |e: zip::result::ZipError| write_error(path, &std::io::Error::other(e));
    for (id, manifest, dir) in folders {
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
        crate::base::diagnostic::io_message(
            "nie można zapisać paczki",
            "cannot write the package",
            error,
        ),
    )
    .with_code(crate::base::diagnostic::IO)
    .with_hint(Text::new(
        "sprawdź, czy jest miejsce na dysku i prawo zapisu do folderu",
        "check that there is disk space and permission to write to the folder",
    ))
}
