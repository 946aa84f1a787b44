//! Live output for `serve`: keeps a site's folder up to date in place.
//! A page is re-rendered only when the values its template sees changed
//! (their fingerprint), and a file is written only when its bytes changed,
//! so an edit touches just the files that depend on it. Nothing is written
//! unless every page rendered: a template error leaves the last good pages.
//! [`refresh_site`] looks at every page; [`refresh_pages`] only at the
//! pages that show given announcements, so that on a big site an edit
//! costs what it changes, not what the site holds.
//! [`refresh_site`] can also leave the pages for later ([`Pages::WhenAsked`]):
//! they are then *pending*, and [`refresh_asked`] brings one up to date
//! when a browser asks for it, the way Hugo's fast render mode does. A new
//! announcement shifts every list page of a big site by one; only those a
//! reader opens are rendered.
//! The search index is brought up to date separately, after the browser
//! has been told to reload: on a hub over many sites it takes longest.

use super::{create_dir, extra_files, extra_files_showing, io_error, StaticSources};
use crate::base::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::pages::Item;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Paths (relative to the site folder) of pages whose files may be out of
/// date. Shared, so that the threads answering requests can tell whether a
/// page must be rendered first without waiting for the rebuild.
pub type PendingPages = Arc<Mutex<HashSet<String>>>;

/// What the live folder of one site holds, remembered between rebuilds.
#[derive(Debug, Default)]
pub struct Memory {
    /// Fingerprint of each rendered page's template values, by output path.
    fingerprints: HashMap<String, u64>,
    /// Hash of each file written (or of its source's size and time, for
    /// copied files), by path relative to the site folder.
    files: HashMap<String, u64>,
    /// The search terms of every page the site's index covers.
    search: crate::search::EntryCache,
    /// Pages left for [`refresh_asked`].
    pending: PendingPages,
}

impl Memory {
    /// Makes the next refresh render every page (after a theme or config change).
    pub fn forget_renders(&mut self) {
        self.fingerprints.clear();
    }

    /// The pages whose files may be out of date, shared.
    pub fn pending(&self) -> PendingPages {
        self.pending.clone()
    }

    /// Whether some page waits for [`refresh_asked`].
    pub fn has_pending(&self) -> bool {
        !lock(&self.pending).is_empty()
    }
}

/// The set behind a lock; a thread that panicked while holding it left a
/// set that is still whole (inserts and removals do not half-happen).
fn lock(pending: &PendingPages) -> std::sync::MutexGuard<'_, HashSet<String>> {
    pending.lock().unwrap_or_else(PoisonError::into_inner)
}

/// When [`refresh_site`] renders the pages whose values changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// All of them, now.
    Now,
    /// Each when it is asked for ([`refresh_asked`]); everything else (feeds,
    /// static files, files to remove) is done now.
    WhenAsked,
}

/// What one refresh did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Refreshed {
    /// Pages of the site.
    pub pages: usize,
    /// Pages whose template values changed and were rendered again.
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

impl std::ops::AddAssign for Refreshed {
    fn add_assign(&mut self, other: Self) {
        self.pages += other.pages;
        self.rendered += other.rendered;
        self.written += other.written;
        self.removed += other.removed;
    }
}

/// A page rendered again: its path, its HTML and its values' fingerprint.
type RenderedPage = (String, Vec<u8>, u64);

/// The files a refresh writes, by path relative to the site folder.
type Wanted = BTreeMap<String, Source>;

/// New fingerprints of rendered pages, by output path.
type Fingerprints = Vec<(String, u64)>;

/// A file the site should have, and where its bytes come from.
enum Source {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

/// Brings `dir` up to date with `site`; see the module comment.
pub fn refresh_site(
    dir: &Path,
    site: &Site,
    renderer: &Renderer,
    statics: &StaticSources,
    memory: &mut Memory,
    pages: Pages,
) -> Result<Refreshed, Vec<Diagnostic>> {
    let items = renderer.items();
    let (mut wanted, fingerprints) = match pages {
        Pages::Now => {
            let all: Vec<&(String, Item)> = items.iter().collect();
            render_changed(renderer, &all, memory)?
        }
        Pages::WhenAsked => (Wanted::new(), Fingerprints::new()),
    };
    add_static_files(statics, &mut wanted)?;
    // Photos are published by `serve`'s picture worker (media), not here.
    for asset in site
        .assets
        .iter()
        .filter(|a| site.publishes_as_is(&a.output_path))
    {
        let source = if asset.output_path.to_ascii_lowercase().ends_with(".svg") {
            // An SVG that is not well-formed XML is not published (build
            // stops on it; the preview goes on without it).
            let Ok(clean) = crate::media::svg::clean_file(&asset.source) else {
                continue;
            };
            Source::Bytes(clean.into_bytes())
        } else {
            Source::Copy(asset.source.clone())
        };
        wanted.insert(asset.output_path.clone(), source);
    }
    for (path, body) in extra_files(site, renderer, &items) {
        wanted.insert(path, Source::Bytes(body.into_bytes()));
    }
    let rendered = fingerprints.len();
    // Pages whose values did not change keep their file as it is, and so
    // does the search index until `refresh_search`.
    let index: Vec<String> = memory
        .files
        .keys()
        .filter(|path| is_search_file(path))
        .cloned()
        .collect();
    let kept: HashSet<&str> = items
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| !wanted.contains_key(*path))
        .chain(index.iter().map(String::as_str))
        .collect();
    let written = write_changed(dir, &wanted, memory).map_err(|e| vec![e])?;
    let removed = remove_stale(dir, &wanted, &kept, memory);
    memory
        .fingerprints
        .retain(|path, _| kept.contains(path.as_str()));
    memory.fingerprints.extend(fingerprints);
    let mut pending = lock(&memory.pending);
    pending.clear();
    if pages == Pages::WhenAsked {
        pending.extend(items.iter().map(|(path, _)| path.clone()));
    }
    Ok(Refreshed {
        pages: items.len(),
        rendered,
        written,
        removed,
    })
}

/// What [`refresh_pages`] renders of the pages that show an announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// Every one: after only its words changed, these are all that change.
    All,
    /// The announcement itself, the lists and the home page, not the other
    /// announcements that link to it as newer, older or related: after it
    /// came or moved, the pages a reader goes to first (the rest of the
    /// site follows with [`refresh_site`]).
    ListsFirst,
}

/// Brings `dir` up to date after only the words of announcements `pages`
/// changed (see [`crate::content::Document::keeps_place_of`]): renders
/// the pages that show them ([`Item::shows`]) and writes their feeds and
/// calendar files. The cost follows the edit, not the size of the site.
pub fn refresh_pages(
    dir: &Path,
    site: &Site,
    renderer: &Renderer,
    pages: &[usize],
    showing: Showing,
    memory: &mut Memory,
) -> Result<Refreshed, Vec<Diagnostic>> {
    let items = renderer.items();
    let wanted = |item: &Item, page: usize| match (showing, item) {
        (Showing::ListsFirst, Item::Page(other)) => *other == page,
        _ => item.shows(site, page),
    };
    let showing: Vec<&(String, Item)> = items
        .par_iter()
        .filter(|(_, item)| pages.iter().any(|&page| wanted(item, page)))
        .collect();
    let (mut wanted, fingerprints) = render_changed(renderer, &showing, memory)?;
    for (path, body) in extra_files_showing(site, renderer, pages) {
        wanted.insert(path, Source::Bytes(body.into_bytes()));
    }
    let written = write_changed(dir, &wanted, memory).map_err(|e| vec![e])?;
    let rendered = fingerprints.len();
    memory.fingerprints.extend(fingerprints);
    let mut pending = lock(&memory.pending);
    for (path, _) in &showing {
        pending.remove(path);
    }
    Ok(Refreshed {
        pages: items.len(),
        rendered,
        written,
        removed: 0,
    })
}

/// Brings the pending page at `path` (relative to the site folder) up to
/// date: renders it when its values changed and writes it when its bytes
/// did. Returns whether `path` was pending.
pub fn refresh_asked(
    dir: &Path,
    renderer: &Renderer,
    path: &str,
    memory: &mut Memory,
) -> Result<bool, Vec<Diagnostic>> {
    // Taken off the list even when rendering fails: the error is reported
    // once, and the file keeps its last good page.
    if !lock(&memory.pending).remove(path) {
        return Ok(false);
    }
    let items = renderer.items();
    let asked: Vec<&(String, Item)> = items.iter().filter(|(p, _)| p == path).collect();
    let (wanted, fingerprints) = render_changed(renderer, &asked, memory)?;
    write_changed(dir, &wanted, memory).map_err(|e| vec![e])?;
    memory.fingerprints.extend(fingerprints);
    Ok(true)
}

/// The pages among `items` whose values changed since they were written,
/// rendered, with their new fingerprints. Nothing when any page fails.
fn render_changed(
    renderer: &Renderer,
    items: &[&(String, Item)],
    memory: &Memory,
) -> Result<(Wanted, Fingerprints), Vec<Diagnostic>> {
    let rendered: Vec<Result<RenderedPage, Diagnostic>> = items
        .par_iter()
        .filter_map(|(path, item)| {
            let prepared = renderer.prepare(item);
            let fingerprint = prepared.fingerprint();
            if memory.fingerprints.get(path) == Some(&fingerprint) {
                return None;
            }
            let mut html = Vec::new();
            let page = renderer
                .render_prepared_into(item, prepared, &mut html)
                .map(|()| (path.clone(), html, fingerprint));
            Some(page)
        })
        .collect();
    let mut wanted = BTreeMap::new();
    let mut errors = Vec::new();
    let mut fingerprints = Vec::new();
    for result in rendered {
        match result {
            Ok((path, bytes, fingerprint)) => {
                fingerprints.push((path.clone(), fingerprint));
                wanted.insert(path, Source::Bytes(bytes));
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(super::dedup(errors));
    }
    Ok((wanted, fingerprints))
}

/// Brings the search index in `dir` up to date with `site`; returns how
/// many files were written or removed.
pub fn refresh_search(
    dir: &Path,
    site: &Site,
    all: &[Site],
    memory: &mut Memory,
) -> Result<usize, Diagnostic> {
    let wanted: BTreeMap<String, Source> =
        crate::search::index_files(site, all, false, &mut memory.search)
            .into_iter()
            .map(|(path, body)| (path, Source::Bytes(body.into_bytes())))
            .collect();
    let written = write_changed(dir, &wanted, memory)?;
    let others: Vec<String> = memory
        .files
        .keys()
        .filter(|path| !is_search_file(path))
        .cloned()
        .collect();
    let kept: HashSet<&str> = others.iter().map(String::as_str).collect();
    let removed = remove_stale(dir, &wanted, &kept, memory);
    Ok(written + removed)
}

fn is_search_file(path: &str) -> bool {
    path.starts_with(crate::search::INDEX_DIR)
}

/// The theme's and the workspace's static files; later folders win.
fn add_static_files(
    statics: &StaticSources,
    wanted: &mut BTreeMap<String, Source>,
) -> Result<(), Vec<Diagnostic>> {
    for dir in statics.dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| vec![io_error(dir, &std::io::Error::other(e))])?;
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::base::temp_files::is_temporary(&name) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            wanted.insert(rel.join("/"), Source::Copy(entry.path().to_path_buf()));
        }
    }
    Ok(())
}

/// Writes the files whose content differs from what the folder holds.
fn write_changed(
    dir: &Path,
    wanted: &BTreeMap<String, Source>,
    memory: &mut Memory,
) -> Result<usize, Diagnostic> {
    let files = &memory.files;
    // Hashing and writing on every core: a first refresh of a big site
    // writes tens of thousands of files.
    let written: Vec<Result<(String, u64), Diagnostic>> = wanted
        .par_iter()
        .filter_map(|(path, source)| {
            let target = dir.join(path);
            let hash = match source {
                Source::Bytes(bytes) => crate::base::fast_hash(bytes),
                Source::Copy(from) => copy_stamp(from),
            };
            if files.get(path) == Some(&hash) && target.is_file() {
                return None;
            }
            Some(write_source(&target, source).map(|()| (path.clone(), hash)))
        })
        .collect();
    let mut count = 0;
    for result in written {
        let (path, hash) = result?;
        memory.files.insert(path, hash);
        count += 1;
    }
    Ok(count)
}

fn write_source(target: &Path, source: &Source) -> Result<(), Diagnostic> {
    if let Some(parent) = target.parent() {
        create_dir(parent)?;
    }
    match source {
        Source::Bytes(bytes) => std::fs::write(target, bytes),
        Source::Copy(from) => std::fs::copy(from, target).map(|_| ()),
    }
    .map_err(|e| io_error(target, &e))
}

/// Deletes files the site no longer has (a deleted announcement, a list
/// that got shorter), with the folders they leave empty.
fn remove_stale(
    dir: &Path,
    wanted: &BTreeMap<String, Source>,
    kept: &HashSet<&str>,
    memory: &mut Memory,
) -> usize {
    let stale: Vec<String> = memory
        .files
        .keys()
        .filter(|path| !wanted.contains_key(*path) && !kept.contains(path.as_str()))
        .cloned()
        .collect();
    for path in &stale {
        memory.files.remove(path);
        let target = dir.join(path);
        let _ = std::fs::remove_file(&target);
        for parent in target.ancestors().skip(1) {
            if parent == dir || std::fs::remove_dir(parent).is_err() {
                break;
            }
        }
    }
    stale.len()
}

/// Stands for a copied file's content: its source, size and change time.
fn copy_stamp(from: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    from.hash(&mut hasher);
    if let Ok(meta) = std::fs::metadata(from) {
        meta.len().hash(&mut hasher);
        if let Ok(modified) = meta.modified() {
            modified.hash(&mut hasher);
        }
    }
    hasher.finish()
}
