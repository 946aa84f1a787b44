//! Output: writes a rendered site into a staging folder beside its final
//! place (every page through the post-processing chain, then static files),
//! and swaps the staged folders in only when every site succeeded, so a
//! failed build leaves the previous output untouched.

pub mod feeds;
mod ics;
mod minify;
mod refresh;
mod relative;
pub mod server_config;
mod sitemap;

pub use refresh::{
    refresh_asked, refresh_pages, refresh_search, refresh_site, Memory, Pages, PendingPages,
    Refreshed, Showing,
};
pub use relative::Relativizer;

use crate::base::diagnostic::{Diagnostic, Location, Text};
use crate::media::process::Processor;
use crate::render::Renderer;
use crate::site::pages::{Item, ROBOTS_FILE, SITEMAP_FILE};
use crate::site::Site;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

const STAGING_PREFIX: &str = ".tablica-staging-";
const OLD_PREFIX: &str = ".tablica-old-";

/// A site written into its staging folder, waiting to be swapped in.
#[derive(Debug)]
pub struct Staged {
    pub site_id: String,
    pub staging: PathBuf,
    /// HTML pages written.
    pub pages: usize,
    /// Other files copied.
    pub files: usize,
}

/// Where the folders of static files come from, in order of precedence (later wins).
pub struct StaticSources {
    pub dirs: Vec<PathBuf>,
}

/// How a build writes its pages, beyond rendering them.
#[derive(Default, Clone, Copy)]
pub struct StageOptions<'a> {
    /// Rewrites links relative to each page (`build --relative`).
    pub relative: Option<&'a Relativizer>,
    /// Writes `.htaccess` into the site folder (`build --server-config`).
    pub server_config: bool,
    /// Counts rendered pages for a progress line.
    pub progress: Option<&'a crate::base::progress::Progress>,
    /// Makes the photos' files, through the workspace's cache (none: a
    /// processor without a cache).
    pub pictures: Option<&'a Processor>,
}

/// Renders and writes every page of `site` into a fresh staging folder.
pub fn stage_site(
    output_dir: &Path,
    site: &Site,
    renderer: &Renderer,
    statics: &StaticSources,
    options: StageOptions,
) -> Result<Staged, Vec<Diagnostic>> {
    let staging = output_dir.join(format!(
        "{STAGING_PREFIX}{}-{}",
        site.config.id,
        std::process::id()
    ));
    let result = write_site(&staging, site, renderer, statics, options);
    match result {
        Ok((pages, files)) => Ok(Staged {
            site_id: site.config.id.clone(),
            staging,
            pages,
            files,
        }),
        Err(errors) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(errors)
        }
    }
}

fn write_site(
    staging: &Path,
    site: &Site,
    renderer: &Renderer,
    statics: &StaticSources,
    options: StageOptions,
) -> Result<(usize, usize), Vec<Diagnostic>> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| vec![io_error(staging, &e)])?;
    }
    create_dir(staging).map_err(|e| vec![e])?;
    let mut files = 0;
    for dir in &statics.dirs {
        files += copy_tree(dir, staging).map_err(|e| vec![e])?;
    }
    files += copy_assets(staging, site)?;
    let uncached;
    let processor = match options.pictures {
        Some(processor) => processor,
        None => {
            uncached = Processor::new(None);
            &uncached
        }
    };
    files += publish_pictures(staging, site, processor)?;
    // The index first: it holds every page's terms for a while, and the
    // pages after it fill the renderer's cards, which then stay.
    write_search_index(staging, site, renderer, options.relative.is_some())?;
    let items = renderer.items();
    if let Some(progress) = options.progress {
        progress.add_total(items.len());
    }
    // The feeds, sitemap and calendars are made beside the pages, not after
    // them on one core (tens of milliseconds at 10,000 announcements).
    let (errors, mut extra) = rayon::join(
        || write_pages(staging, renderer, &items, options),
        || extra_files(site, renderer, &items),
    );
    if !errors.is_empty() {
        return Err(dedup(errors));
    }
    if options.server_config {
        let hashes = script_hashes(&staging.join("index.html"));
        extra.push((
            ".htaccess".to_string(),
            crate::output::server_config::apache(&site.config, &hashes),
        ));
    }
    let errors: Vec<Diagnostic> = extra
        .par_iter()
        .filter_map(|(path, body)| write_file(&staging.join(path), body.as_bytes()).err())
        .collect();
    if !errors.is_empty() {
        return Err(dedup(errors));
    }
    let pages = items
        .iter()
        .filter(|(_, item)| !matches!(item, Item::NotFound))
        .count();
    Ok((pages, files + extra.len()))
}

/// Renders, minifies and writes every page of `items` on every core; the
/// problems of the pages that failed.
fn write_pages(
    staging: &Path,
    renderer: &Renderer,
    items: &[(String, Item)],
    options: StageOptions,
) -> Vec<Diagnostic> {
    items
        .par_iter()
        .map_with(Vec::new(), |html, (path, item)| {
            if let Err(e) = renderer.render_into(item, html) {
                return Some(e);
            }
            let bytes = match options.relative {
                Some(relativizer) => {
                    let relative = relativizer.rewrite(&String::from_utf8_lossy(html), path);
                    minify::html(relative.as_bytes())
                }
                None => minify::html(html),
            };
            if let Some(progress) = options.progress {
                progress.tick();
            }
            let target = staging.join(path);
            // Each page makes its own folder, so that folders are made on
            // both cores while the other renders.
            write_file(&target, &bytes).err()
        })
        .flatten()
        .collect()
}

/// Copies the site's attachments and other files into place, on every
/// core (thousands of PDFs in a large archive); returns how many. Photos
/// are published by [`publish_pictures`] (their originals too, if the
/// site asks), SVG drawings without their scripts.
fn copy_assets(staging: &Path, site: &Site) -> Result<usize, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = site
        .assets
        .par_iter()
        .filter(|asset| site.publishes_as_is(&asset.output_path))
        .filter_map(|asset| {
            let target = staging.join(&asset.output_path);
            if asset.output_path.to_ascii_lowercase().ends_with(".svg") {
                return crate::media::process::publish_svg(&asset.source, &target)
                    .err()
                    .map(|problem| asset_problem(&asset.source, &problem));
            }
            if let Some(parent) = target.parent() {
                if let Err(e) = create_dir(parent) {
                    return Some(e);
                }
            }
            std::fs::copy(&asset.source, &target)
                .err()
                .map(|e| io_error(&asset.source, &e))
        })
        .collect();
    if !errors.is_empty() {
        return Err(dedup(errors));
    }
    Ok(site
        .assets
        .iter()
        .filter(|asset| site.publishes_as_is(&asset.output_path))
        .count())
}

fn asset_problem(source: &Path, problem: &crate::media::Problem) -> Diagnostic {
    let finding = problem.finding(&crate::media::probe::name_of(source));
    Diagnostic::error(Location::file(source), finding.message).with_hint(finding.hint)
}

/// Makes and writes the files of every photo the site shows (resized,
/// upright, without metadata); returns how many files.
fn publish_pictures(
    staging: &Path,
    site: &Site,
    processor: &Processor,
) -> Result<usize, Vec<Diagnostic>> {
    let pictures = site.pictures();
    let errors: Vec<Diagnostic> = pictures
        .par_iter()
        .filter_map(|picture| {
            let problem = processor.publish(picture.plan, staging).err()?;
            Some(crate::content::picture_problem(
                picture.file,
                picture.pos,
                picture.plan,
                &problem,
            ))
        })
        .collect();
    if !errors.is_empty() {
        return Err(dedup(errors));
    }
    Ok(pictures.iter().map(|p| p.plan.outputs().len()).sum())
}

/// The CSP hashes of the inline scripts of a written page.
fn script_hashes(page: &Path) -> Vec<String> {
    std::fs::read_to_string(page)
        .map(|html| crate::output::server_config::inline_script_hashes(&html))
        .unwrap_or_default()
}

/// Writes the nginx snippet of a committed site next to its folder.
pub fn write_nginx_config(output_dir: &Path, site: &Site) -> Result<(), Diagnostic> {
    let hashes = script_hashes(&output_dir.join(&site.config.id).join("index.html"));
    let path = output_dir.join(format!("{}.nginx.conf", site.config.id));
    let body = crate::output::server_config::nginx(&site.config, &hashes);
    std::fs::write(&path, body).map_err(|e| io_error(&path, &e))
}

/// Feeds, sitemap, robots.txt and calendar files of a site; `build` and
/// `serve` write the same.
fn extra_files(
    site: &Site,
    renderer: &Renderer,
    items: &[(String, Item)],
) -> Vec<(String, String)> {
    let mut extra = feeds::feed_files(site, renderer.all_sites());
    extra.push((SITEMAP_FILE.to_string(), sitemap::sitemap(site, items)));
    extra.push((ROBOTS_FILE.to_string(), sitemap::robots(site)));
    extra.extend(ics::event_files(site));
    extra.extend(ics::site_calendar(site));
    extra
}

/// The generated files that show announcements `pages` of `site` (their
/// feeds and calendar files) when only their words changed: the sitemap
/// and robots.txt list addresses and dates, which stay as they were.
fn extra_files_showing(site: &Site, renderer: &Renderer, pages: &[usize]) -> Vec<(String, String)> {
    let shown =
        |doc: &crate::content::Document| pages.iter().any(|&i| std::ptr::eq(&site.pages[i], doc));
    let mut extra = feeds::feed_files_carrying(site, renderer.all_sites(), shown);
    extra.extend(
        pages
            .iter()
            .map(|&i| &site.pages[i])
            .filter(|doc| doc.front.event.is_some())
            .map(|doc| ics::event_file(site, doc)),
    );
    if pages.iter().any(|i| site.upcoming_events.contains(i)) {
        extra.extend(ics::site_calendar(site));
    }
    extra
}

/// Writes the search index of a site, when its theme has a search page,
/// file by file as it is spelled. `serve` writes it after the reload (see
/// [`refresh_search`]).
fn write_search_index(
    staging: &Path,
    site: &Site,
    renderer: &Renderer,
    relative: bool,
) -> Result<(), Vec<Diagnostic>> {
    if !renderer.offers_search() {
        return Ok(());
    }
    let failed = std::sync::Mutex::new(None);
    // The index speaks io::Result; the first failure is kept as a diagnostic.
    let sink = |path: String, body: String| -> std::io::Result<()> {
        write_file(&staging.join(path), body.as_bytes()).map_err(|diagnostic| {
            if let Ok(mut failed) = failed.lock() {
                failed.get_or_insert(diagnostic);
            }
            std::io::Error::other("index file not written")
        })
    };
    crate::search::write_index(site, renderer.all_sites(), relative, &sink).map_err(|e| {
        let first = failed.into_inner().ok().flatten();
        vec![first.unwrap_or_else(|| io_error(staging, &e))]
    })
}

/// One template mistake fails every page that uses it; report it once per
/// place (the messages differ only in the variables each page has).
fn dedup(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    crate::base::diagnostic::sort(&mut errors);
    errors.dedup_by(|a, b| a.location == b.location);
    errors
}

/// Copies the files under `from` into `to`; returns how many were copied.
fn copy_tree(from: &Path, to: &Path) -> Result<usize, Diagnostic> {
    if !from.is_dir() {
        return Ok(0);
    }
    let mut count = 0;
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(from).to_path_buf();
            let e = std::io::Error::from(e);
            Diagnostic::error(
                Location::file(path),
                crate::base::diagnostic::io_message("nie można odczytać", "cannot read", &e),
            )
        })?;
        let Ok(rel) = entry.path().strip_prefix(from) else {
            continue;
        };
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            create_dir(&target)?;
        } else if entry.file_type().is_file()
            && !crate::base::temp_files::is_temporary(&entry.file_name().to_string_lossy())
        {
            std::fs::copy(entry.path(), &target).map_err(|e| io_error(entry.path(), &e))?;
            count += 1;
        }
    }
    Ok(count)
}

/// Writes one output file, making its folder first.
fn write_file(target: &Path, contents: &[u8]) -> Result<(), Diagnostic> {
    make_parent(target)
        .and_then(|()| std::fs::write(target, contents))
        .map_err(|e| io_error(target, &e))
}

/// Makes the folder of `file`: one system call when only the last folder
/// is missing, as for most pages.
fn make_parent(file: &Path) -> std::io::Result<()> {
    let Some(parent) = file.parent() else {
        return Ok(());
    };
    match std::fs::create_dir(parent) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(parent),
        result => result,
    }
}

fn create_dir(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))
}

fn io_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        crate::base::diagnostic::io_message(
            "błąd zapisu lub odczytu",
            "read or write failed",
            error,
        ),
    )
    .with_code(crate::base::diagnostic::IO)
    .with_hint(Text::new(
        "sprawdź, czy jest miejsce na dysku i prawo zapisu do folderu",
        "check that there is disk space and permission to write to the folder",
    ))
}

/// Moves every staged site into place: old output aside, new in, old deleted.
pub fn commit(output_dir: &Path, staged: &[Staged]) -> Result<(), Diagnostic> {
    for site in staged {
        let target = output_dir.join(&site.site_id);
        let old = output_dir.join(format!(
            "{OLD_PREFIX}{}-{}",
            site.site_id,
            std::process::id()
        ));
        let had_old = target.exists();
        if had_old {
            std::fs::rename(&target, &old).map_err(|e| io_error(&target, &e))?;
        }
        if let Err(e) = std::fs::rename(&site.staging, &target) {
            if had_old {
                let _ = std::fs::rename(&old, &target);
            }
            return Err(io_error(&target, &e));
        }
        if had_old {
            remove_tree(&old).map_err(|e| io_error(&old, &e))?;
        }
    }
    Ok(())
}

/// Deletes a folder and everything in it, on every core: a site of 10,000
/// announcements is 45,000 files and folders, and unlinking them one by one
/// took 0.6 s at the end of every rebuild. Links are removed, not followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_page_folder(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Removes a folder that most often holds one page's `index.html` and
/// nothing else: two system calls, where reading the folder first takes
/// five. Any other folder is then found not empty and read as usual.
fn remove_page_folder(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join("index.html")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return remove_tree(dir),
        _ => {}
    }
    match std::fs::remove_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::DirectoryNotEmpty => remove_tree(dir),
        result => result,
    }
}

/// Deletes staging folders of a build that did not finish.
pub fn discard(staged: &[Staged]) {
    for site in staged {
        let _ = std::fs::remove_dir_all(&site.staging);
    }
}

/// Removes folders left behind by a build that crashed before it could clean up.
pub fn clean_leftovers(output_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(output_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Creates the output folder itself.
pub fn prepare(output_dir: &Path) -> Result<(), Diagnostic> {
    create_dir(output_dir)?;
    clean_leftovers(output_dir);
    Ok(())
}
