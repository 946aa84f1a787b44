//! The workspace as `serve` keeps it between rebuilds: the config, the
//! theme, every site's loaded files and its last good model, and what each
//! site's live folder holds. A rebuild applies a set of changes by running
//! only the slices of the pipeline they touch: one file is loaded again,
//! one site re-assembled, and the output stage renders just the pages whose
//! values changed. The stages themselves stay the same pure functions that
//! `build` uses.

mod draft;
mod listing;

use super::changes::{Change, Changes};
use crate::base::diagnostic::Diagnostic;
use crate::build::BuildOptions;
use crate::config::{self, SiteConfig, Workspace};
use crate::content::{self, LoadedSite};
use crate::output::{self, Memory, Pages, PendingPages, Refreshed, Showing, StaticSources};
use crate::pipeline;
use crate::render::{theme_needs, Renderer, Theme};
use crate::site::{self, ModelOptions, Site};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One site of the workspace, as loaded from its content folder.
struct SiteSource {
    config: SiteConfig,
    loaded: LoadedSite,
    /// Problems found while loading, with the file each one is about.
    load_problems: Vec<Diagnostic>,
    /// Problems found when arranging the site or rendering its pages.
    later_problems: Vec<Diagnostic>,
    /// Whether this site is served (the others are loaded for the hub).
    selected: bool,
    memory: Memory,
}

impl SiteSource {
    /// The loaded document at `content_path`, if it loaded.
    fn document(&self, content_path: &str) -> Option<&content::Document> {
        self.loaded
            .documents
            .iter()
            .find(|d| d.content_path == content_path)
    }

    fn has_errors(&self) -> bool {
        self.load_problems
            .iter()
            .chain(&self.later_problems)
            .any(Diagnostic::is_error)
    }
}

/// A content file: its site (index into `sources`) and its content path.
type SiteFile = (usize, String);

/// Files whose words changed, put into their sites' models.
#[derive(Debug, Default)]
struct Reworded {
    /// Pages to render again: site (index into `sources`), page indexes.
    pages: Vec<(usize, Vec<usize>)>,
    /// Site id and content path of each file.
    files: Vec<(String, String)>,
}

/// The served workspace; see the module comment.
pub struct Preview {
    options: BuildOptions,
    workspace: Workspace,
    theme: Result<Theme, Vec<Diagnostic>>,
    sources: Vec<SiteSource>,
    /// The last good model of each site that has one, in workspace order.
    models: Vec<Site>,
    model_options: ModelOptions,
    /// Errors of a changed config.yaml; the last good config stays in use.
    config_problems: Vec<Diagnostic>,
    /// Sites (indexes into `sources`) of which only the pages showing
    /// the latest changes were written; [`Preview::finish`] does the rest.
    unfinished: Vec<usize>,
    /// The pictures already handed to the picture worker, by site id.
    pictures_handed_out: HashSet<(String, crate::media::Plan)>,
}

/// What one rebuild did, for the terminal and the browser.
#[derive(Debug, Default)]
pub struct Rebuilt {
    pub refreshed: Refreshed,
    pub elapsed: Duration,
    /// Every error of the workspace as it is now (empty when all is well).
    pub errors: Vec<Diagnostic>,
    /// Warnings about the files this rebuild read.
    pub warnings: Vec<Diagnostic>,
    /// Only stylesheets changed: the browser can swap them without a reload.
    pub styles_only: bool,
    /// The served sites whose pages this rebuild looked at, for the
    /// content checks and the search index that follow it.
    pub sites: Vec<String>,
    /// Of those sites, the ones where only the words of some files
    /// changed: site id and the files' content paths. Only these files,
    /// and those that link to them, need checking again.
    pub pages: Vec<(String, String)>,
}

impl Preview {
    /// Loads the whole workspace and writes every selected site.
    pub fn open(options: BuildOptions) -> Result<(Preview, Rebuilt), Vec<Diagnostic>> {
        let started = Instant::now();
        let mut preview = Preview::load(options)?;
        output::prepare(&preview.workspace.output_dir).map_err(|e| vec![e])?;
        let rebuilt = preview.update_all(started);
        Ok((preview, rebuilt))
    }

    /// Reads the config, the theme and every site's files.
    fn load(options: BuildOptions) -> Result<Preview, Vec<Diagnostic>> {
        let workspace = config::load(&options.root, &options.overrides)?;
        let model_options = ModelOptions {
            include_drafts: options.include_drafts,
            now: options
                .now
                .unwrap_or_else(crate::base::date::PageDate::today_utc),
        };
        let selection = pipeline::select(&workspace, options.overrides.site.as_deref());
        let theme = Theme::load(&workspace, &theme_needs(&selection.selected));
        let sources = pipeline::load(&workspace, &selection.to_load)
            .into_iter()
            .map(|one| SiteSource {
                selected: selection.is_selected(&one.config.id),
                config: one.config,
                loaded: one.site,
                load_problems: one.diagnostics,
                later_problems: Vec::new(),
                memory: Memory::default(),
            })
            .collect();
        Ok(Preview {
            options,
            workspace,
            theme,
            sources,
            models: Vec::new(),
            model_options,
            config_problems: Vec::new(),
            unfinished: Vec::new(),
            pictures_handed_out: HashSet::new(),
        })
    }

    /// Assembles and writes every site; reports every load warning.
    fn update_all(&mut self, started: Instant) -> Rebuilt {
        let all: Vec<usize> = (0..self.sources.len()).collect();
        let mut rebuilt = self.update(&all, &[], Pages::Now);
        rebuilt.warnings = self
            .sources
            .iter()
            .flat_map(|s| s.load_problems.iter().filter(|d| !d.is_error()).cloned())
            .collect();
        rebuilt.elapsed = started.elapsed();
        rebuilt.tidy(&self.options.root)
    }

    /// The pictures of the served sites not handed to the picture worker
    /// yet (new or changed photos), each handed out once.
    pub fn new_pictures(&mut self) -> Vec<super::pictures::Job> {
        let served: HashSet<&str> = self
            .sources
            .iter()
            .filter(|s| s.selected)
            .map(|s| s.config.id.as_str())
            .collect();
        let mut jobs = Vec::new();
        for site in self
            .models
            .iter()
            .filter(|m| served.contains(m.config.id.as_str()))
        {
            let output_dir = &self.workspace.output_dir;
            jobs.extend(hand_out(
                &mut self.pictures_handed_out,
                output_dir,
                site,
                None,
            ));
        }
        jobs
    }

    /// The theme's folder name, for the watcher.
    pub fn theme_name(&self) -> &str {
        &self.workspace.theme
    }

    /// The folder the sites are written to, one subfolder per site.
    pub fn output_dir(&self) -> &Path {
        &self.workspace.output_dir
    }

    /// The ids of the served sites, in workspace order.
    pub fn site_ids(&self) -> Vec<(String, String)> {
        self.sources
            .iter()
            .filter(|s| s.selected)
            .map(|s| (s.config.id.clone(), s.config.title.clone()))
            .collect()
    }

    /// Applies the changes seen on disk.
    pub fn apply(&mut self, changes: &Changes) -> Rebuilt {
        let started = Instant::now();
        if changes.contains(&Change::Config) {
            return self.reopen(started);
        }
        let mut dirty = BTreeSet::new();
        let mut warnings = Vec::new();
        if changes.contains(&Change::Templates) {
            let selection =
                pipeline::select(&self.workspace, self.options.overrides.site.as_deref());
            self.theme = Theme::load(&self.workspace, &theme_needs(&selection.selected));
            for source in &mut self.sources {
                source.memory.forget_renders();
            }
            dirty.extend(0..self.sources.len());
        }
        if changes.iter().any(|c| matches!(c, Change::Statics { .. })) {
            dirty.extend(0..self.sources.len());
        }
        let (reworded, mut placed) = self.reload_content(changes, &mut dirty, &mut warnings);
        // In a site arranged again, a reworded file is shown first too.
        let (arranged, reworded): (Vec<_>, Vec<_>) = reworded
            .into_iter()
            .partition(|(index, _)| dirty.contains(index));
        placed.extend(arranged);
        let looks_changed = changes
            .iter()
            .any(|c| matches!(c, Change::Templates | Change::Statics { .. }));
        // Every page may look different: nothing goes first, and every
        // page is rendered now, so a template error shows at once. Else
        // the pages not showing the changed files wait until asked for.
        let pages = if looks_changed {
            placed.clear();
            Pages::Now
        } else {
            Pages::WhenAsked
        };
        // The hub shows the news of every partnership.
        if let Some(hub) = self.sources.iter().position(|s| s.config.hub) {
            if !dirty.is_empty() || !reworded.is_empty() {
                dirty.insert(hub);
            }
        }
        let dirty: Vec<usize> = dirty.into_iter().collect();
        // Models first: the hub, arranged again below, shows their words.
        let patched = self.patch_models(&reworded);
        let mut rebuilt = self.update(&dirty, &placed, pages);
        let patched = self.render_words(patched);
        rebuilt.refreshed += patched.refreshed;
        rebuilt.sites.extend(patched.sites);
        rebuilt.pages.extend(patched.pages);
        rebuilt.errors = self.errors();
        rebuilt.warnings = warnings;
        rebuilt.styles_only = changes
            .iter()
            .all(|c| matches!(c, Change::Statics { stylesheet: true }));
        rebuilt.elapsed = started.elapsed();
        rebuilt.tidy(&self.options.root)
    }

    /// Reads the changed content files again and sorts them: files whose
    /// words changed but not their place in the site (reworded), and files
    /// that came, went or moved in their lists (placed; their sites are
    /// marked `dirty`, to be arranged again).
    fn reload_content(
        &mut self,
        changes: &Changes,
        dirty: &mut BTreeSet<usize>,
        warnings: &mut Vec<Diagnostic>,
    ) -> (Vec<SiteFile>, Vec<SiteFile>) {
        let mut reworded = Vec::new();
        let mut placed = Vec::new();
        for change in changes {
            let Change::Content { site, path } = change else {
                continue;
            };
            let Some(index) = self.sources.iter().position(|s| &s.config.id == site) else {
                continue;
            };
            // A site with errors serves its last good model, which may
            // differ from its files in more than this one.
            let source = &self.sources[index];
            let before = (!source.has_errors())
                .then(|| source.document(path).cloned())
                .flatten();
            let Some(found) = self.reload(index, path) else {
                continue;
            };
            warnings.extend(found);
            let after = self.sources[index].document(path);
            match (before, after) {
                (Some(b), Some(a)) if b.keeps_place_of(a) => reworded.push((index, path.clone())),
                _ => {
                    dirty.insert(index);
                    placed.push((index, path.clone()));
                }
            }
        }
        (reworded, placed)
    }

    /// Starts over after a config change. The live folders stay, and
    /// their memories too, so only files whose bytes changed are written.
    fn reopen(&mut self, started: Instant) -> Rebuilt {
        let mut options = self.options.clone();
        options.now = Some(self.model_options.now);
        match Preview::load(options) {
            Ok(mut fresh) => {
                remove_dropped_sites(self, &fresh);
                for source in &mut fresh.sources {
                    let old = self
                        .sources
                        .iter_mut()
                        .find(|s| s.config.id == source.config.id);
                    if let Some(old) = old {
                        source.memory = std::mem::take(&mut old.memory);
                        source.memory.forget_renders();
                    }
                }
                let rebuilt = fresh.update_all(started);
                *self = fresh;
                rebuilt
            }
            Err(errors) => {
                self.config_problems = errors;
                Rebuilt {
                    errors: self.errors(),
                    elapsed: started.elapsed(),
                    ..Rebuilt::default()
                }
                .tidy(&self.options.root)
            }
        }
    }

    /// Loads one changed Markdown file again, or the whole site when files
    /// were added or removed (bundles and addresses may change). Returns the
    /// warnings about what was read, or `None` when the path is a temporary
    /// file that came and went (`sed -i`, some editors' saves).
    fn reload(&mut self, index: usize, path: &str) -> Option<Vec<Diagnostic>> {
        let source = &mut self.sources[index];
        let content_root = self.workspace.root.join("content").join(&source.config.id);
        let on_disk = content_root.join(path);
        let known_document = source
            .loaded
            .documents
            .iter()
            .any(|d| d.content_path == path)
            || source.loaded.failed.iter().any(|f| f == path);
        let known =
            known_document
                || source.loaded.assets.iter().any(|a| {
                    a.content_path == path || a.content_path.starts_with(&format!("{path}/"))
                });
        if !known && !on_disk.exists() {
            return None;
        }
        let alone = is_lone_page(&content_root, path);
        let problems = if (known_document || alone) && on_disk.is_file() {
            reload_document(source, &self.workspace.root, &content_root, path)
        } else if known_document && alone && !on_disk.exists() {
            forget_document(source, &content_root, path);
            Vec::new()
        } else {
            let loaded = content::load_site(&self.workspace, &source.config);
            source.loaded = loaded.site;
            source.load_problems = loaded.diagnostics;
            source.load_problems.clone()
        };
        Some(problems.into_iter().filter(|d| !d.is_error()).collect())
    }

    /// Re-assembles and re-renders the given sites (indexes into `sources`).
    /// Where `first` names the files that moved, came or changed their
    /// labels in a site, the pages that show them are written first and
    /// the rest of the site is left to [`Preview::finish`]: on a big site,
    /// a new announcement reaches the first list page long before its
    /// 1,000th list page has shifted.
    fn update(&mut self, dirty: &[usize], first: &[(usize, String)], pages: Pages) -> Rebuilt {
        for &index in dirty {
            self.assemble(index);
        }
        self.render(dirty, first, pages)
    }

    /// Renders the given sites from their models; see [`Preview::update`].
    /// The pages of sites without `first` files are rendered as `pages` says.
    fn render(&mut self, dirty: &[usize], first: &[(usize, String)], pages: Pages) -> Rebuilt {
        let mut rebuilt = Rebuilt::default();
        if let Ok(theme) = &self.theme {
            let statics = StaticSources {
                dirs: vec![theme.dir.join("static"), self.workspace.root.join("static")],
            };
            let models = &self.models;
            let output_dir = &self.workspace.output_dir;
            let results: Vec<(usize, Result<Refreshed, Vec<Diagnostic>>, bool)> = self
                .sources
                .par_iter_mut()
                .enumerate()
                .filter(|(i, s)| dirty.contains(i) && s.selected && !s.has_errors())
                .filter_map(|(i, source)| {
                    let model = models.iter().find(|m| m.config.id == source.config.id)?;
                    let renderer = Renderer::new(theme, model, models);
                    let dir = output_dir.join(&source.config.id);
                    let memory = &mut source.memory;
                    let result = match pages_to_show_first(model, first, i) {
                        Some(pages) => {
                            let result = output::refresh_pages(
                                &dir,
                                model,
                                &renderer,
                                &pages,
                                Showing::ListsFirst,
                                memory,
                            );
                            (i, result, true)
                        }
                        None => (
                            i,
                            output::refresh_site(&dir, model, &renderer, &statics, memory, pages),
                            false,
                        ),
                    };
                    Some(result)
                })
                .collect();
            for (index, result, partly) in results {
                match result {
                    Ok(refreshed) => rebuilt.refreshed += refreshed,
                    Err(errors) => self.sources[index].later_problems.extend(errors),
                }
                if !partly {
                    self.unfinished.retain(|&u| u != index);
                } else {
                    if !self.unfinished.contains(&index) {
                        self.unfinished.push(index);
                    }
                    // These files are checked again, not the whole site: a
                    // file that came or moved keeps the others' links (a
                    // tag it alone had, linked from elsewhere, is the
                    // exception `tablica check` and `build` still see).
                    let id = &self.sources[index].config.id;
                    let files = first.iter().filter(|(i, _)| *i == index);
                    rebuilt
                        .pages
                        .extend(files.map(|(_, path)| (id.clone(), path.clone())));
                }
            }
        }
        rebuilt.errors = self.errors();
        rebuilt.sites = dirty
            .iter()
            .map(|&i| &self.sources[i])
            .filter(|s| s.selected)
            .map(|s| s.config.id.clone())
            .collect();
        rebuilt
    }

    /// Does the rest for the sites whose first pages [`Preview::update`]
    /// wrote (feeds, files to remove); their other pages wait until they
    /// are asked for ([`Preview::render_asked`]). Run once a burst of saves
    /// is over.
    pub fn finish(&mut self) {
        let unfinished = std::mem::take(&mut self.unfinished);
        let sites: Vec<usize> = unfinished
            .into_iter()
            .filter(|&i| !self.sources[i].has_errors())
            .collect();
        if !sites.is_empty() {
            self.render(&sites, &[], Pages::WhenAsked);
        }
    }

    /// Writes every page still waiting to be asked for, so that a live
    /// folder kept after `serve` stops (`--output`) holds the whole site.
    pub fn write_pending(&mut self) {
        self.finish();
        let waiting: Vec<usize> = (0..self.sources.len())
            .filter(|&i| self.sources[i].memory.has_pending())
            .collect();
        if !waiting.is_empty() {
            self.render(&waiting, &[], Pages::Now);
        }
    }

    /// Brings the page at `path` (relative to the folder of site `site`)
    /// up to date before it is served, when it was left for later.
    pub fn render_asked(&mut self, site: &str, path: &str) {
        let Ok(theme) = &self.theme else {
            return;
        };
        let Some(source) = self
            .sources
            .iter_mut()
            .find(|s| s.selected && s.config.id == site)
        else {
            return;
        };
        let Some(model) = self.models.iter().find(|m| m.config.id == site) else {
            return;
        };
        let renderer = Renderer::new(theme, model, &self.models);
        let dir = self.workspace.output_dir.join(site);
        if let Err(errors) = output::refresh_asked(&dir, &renderer, path, &mut source.memory) {
            source.later_problems.extend(errors);
        }
    }

    /// Each served site's pages left until they are asked for.
    pub fn pending_pages(&self) -> Vec<(String, PendingPages)> {
        self.sources
            .iter()
            .filter(|s| s.selected)
            .map(|s| (s.config.id.clone(), s.memory.pending()))
            .collect()
    }

    /// Puts files whose words changed (and nothing else) into their sites'
    /// models in place; returns the pages to render again, by site, and
    /// the files (site id, content path) for the checks. A site whose
    /// file now has an error, or that does not show it, is left as it was.
    fn patch_models(&mut self, reworded: &[(usize, String)]) -> Reworded {
        let mut patched = Reworded::default();
        for (index, path) in reworded {
            let Some(page) = self.patch_model(*index, path) else {
                continue;
            };
            match patched.pages.iter_mut().find(|(i, _)| i == index) {
                Some((_, pages)) => pages.push(page),
                None => patched.pages.push((*index, vec![page])),
            }
            let id = self.sources[*index].config.id.clone();
            patched.files.push((id, path.clone()));
        }
        patched
    }

    /// Renders the pages that show the patched files' words.
    fn render_words(&mut self, patched: Reworded) -> Rebuilt {
        let mut rebuilt = Rebuilt {
            pages: patched.files,
            ..Rebuilt::default()
        };
        let Ok(theme) = &self.theme else {
            return rebuilt;
        };
        for (index, pages) in patched.pages {
            let source = &mut self.sources[index];
            let Some(model) = self.models.iter().find(|m| m.config.id == source.config.id) else {
                continue;
            };
            let renderer = Renderer::new(theme, model, &self.models);
            let dir = self.workspace.output_dir.join(&source.config.id);
            match output::refresh_pages(
                &dir,
                model,
                &renderer,
                &pages,
                Showing::All,
                &mut source.memory,
            ) {
                Ok(refreshed) => rebuilt.refreshed += refreshed,
                Err(errors) => source.later_problems.extend(errors),
            }
            if source.selected {
                rebuilt.sites.push(source.config.id.clone());
            }
        }
        rebuilt
    }

    /// Replaces the model's copy of one reloaded document; returns its
    /// index among the site's pages, or `None` when it is not shown (a
    /// draft) or the site has errors, which then stand in `later_problems`.
    fn patch_model(&mut self, index: usize, path: &str) -> Option<usize> {
        let source = &mut self.sources[index];
        source.later_problems.clear();
        if source.has_errors() {
            return None;
        }
        let doc = source.document(path)?;
        let problems = site::content_link_problems(&source.loaded, doc, self.model_options);
        if !problems.is_empty() {
            source.later_problems = problems;
            return None;
        }
        let model = self
            .models
            .iter_mut()
            .find(|m| m.config.id == source.config.id)?;
        let page = model.pages.iter().position(|d| d.content_path == path)?;
        model.pages[page] = doc.clone();
        Some(page)
    }

    /// Writes the search index of the given sites, and of the hub, whose
    /// index covers them; run after the reload, like the checks.
    pub fn refresh_search(&mut self, sites: &[String]) {
        let Ok(theme) = &self.theme else {
            return;
        };
        if sites.is_empty() || !theme.offers_search() {
            return;
        }
        let models = &self.models;
        let output_dir = &self.workspace.output_dir;
        self.sources
            .par_iter_mut()
            .filter(|s| s.selected && (s.config.hub || sites.contains(&s.config.id)))
            .for_each(|source| {
                let Some(model) = models.iter().find(|m| m.config.id == source.config.id) else {
                    return;
                };
                let dir = output_dir.join(&source.config.id);
                // A failed write shows up on the next rebuild's pages; the
                // search page keeps its last index meanwhile.
                let _ = output::refresh_search(&dir, model, models, &mut source.memory);
            });
    }

    /// The content checks of what a rebuild touched, as `build` runs them;
    /// run after the pages are served, so they never delay a reload. Sites
    /// arranged again are checked whole; where only some files' words
    /// changed, those files and the files that link to them.
    pub fn check(&self, rebuilt: &Rebuilt) -> Vec<Diagnostic> {
        let mut findings = self.run_check(rebuilt.whole_sites(), Vec::new());
        for (id, path) in &rebuilt.pages {
            let files = self.files_to_recheck(id, path);
            findings.extend(self.run_check(vec![id.clone()], files));
        }
        crate::base::diagnostic::sort(&mut findings);
        findings.dedup();
        findings
    }

    fn run_check(&self, sites: Vec<String>, files: Vec<PathBuf>) -> Vec<Diagnostic> {
        if sites.is_empty() {
            return Vec::new();
        }
        let options = crate::check::CheckOptions {
            only: sites,
            external: None,
            files,
        };
        crate::check::run(&self.workspace, &self.models, &[], &options)
            .iter()
            .map(|f| f.to_diagnostic().relative_to(&self.options.root))
            .collect()
    }

    /// The file at `path` of site `id`, and every file of the site that
    /// links to it (a heading it no longer has breaks their anchors).
    fn files_to_recheck(&self, id: &str, path: &str) -> Vec<PathBuf> {
        let Some(model) = self.models.iter().find(|m| m.config.id == id) else {
            return Vec::new();
        };
        let Some(target) = model.pages.iter().find(|d| d.content_path == path) else {
            return Vec::new();
        };
        let by_path = format!("@/{path}");
        let by_address = target.url_path.trim_end_matches('/');
        let mut files = vec![target.source.clone()];
        let linking = crate::check::content::documents(model).filter(|doc| {
            doc.body.facts.links.iter().any(|link| {
                link.href.starts_with(&by_path)
                    || (!by_address.is_empty() && link.href.contains(by_address))
            })
        });
        files.extend(linking.map(|doc| doc.source.clone()));
        files.sort();
        files.dedup();
        files
    }

    /// Arranges a site from its loaded files; keeps the last good model
    /// when the files have errors.
    fn assemble(&mut self, index: usize) {
        let source = &mut self.sources[index];
        source.later_problems.clear();
        if source.has_errors() {
            return;
        }
        let loaded = source.loaded.clone();
        let (model, problems) =
            site::assemble_site(source.config.clone(), loaded, self.model_options);
        // The last good model stays in use while the files have errors.
        if !problems.is_empty() {
            source.later_problems = problems;
            return;
        }
        let id = &source.config.id;
        match self.models.iter().position(|m| &m.config.id == id) {
            Some(i) => self.models[i] = model,
            None => {
                // Keep workspace order, so the hub lists sites as config.yaml does.
                let order = |id: &str| self.sources.iter().position(|s| s.config.id == id);
                let at = self
                    .models
                    .iter()
                    .position(|m| order(&m.config.id) > order(&model.config.id))
                    .unwrap_or(self.models.len());
                self.models.insert(at, model);
            }
        }
    }

    /// Every error of the workspace as it is now.
    fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.config_problems.clone();
        errors.extend(self.theme.as_ref().err().cloned().unwrap_or_default());
        for source in &self.sources {
            errors.extend(
                source
                    .load_problems
                    .iter()
                    .chain(&source.later_problems)
                    .filter(|d| d.is_error())
                    .cloned(),
            );
        }
        errors
    }
}

impl Rebuilt {
    /// The sites this rebuild arranged again, rather than only rewording
    /// some of their files.
    pub fn whole_sites(&self) -> Vec<String> {
        let reworded = |id: &String| self.pages.iter().any(|(site, _)| site == id);
        self.sites
            .iter()
            .filter(|id| !reworded(id))
            .cloned()
            .collect()
    }

    /// Paths relative to the workspace, in file and line order.
    fn tidy(mut self, root: &Path) -> Self {
        for list in [&mut self.errors, &mut self.warnings] {
            *list = std::mem::take(list)
                .into_iter()
                .map(|d| d.relative_to(root))
                .collect();
            crate::base::diagnostic::sort(list);
        }
        self
    }
}

/// Whether the Markdown file at `path` is a page on its own: directly in
/// the site's or a section's folder, without a bundle folder of its name.
/// Adding or removing it changes no other file's role, so it is loaded or
/// dropped alone instead of reading the whole site again.
fn is_lone_page(content_root: &Path, path: &str) -> bool {
    let Some(stem) = path.strip_suffix(".md") else {
        return false;
    };
    path.split('/').count() <= 2 && !content_root.join(stem).exists()
}

/// Drops a deleted Markdown file from its site, with its problems.
fn forget_document(source: &mut SiteSource, content_root: &Path, rel: &str) {
    let path = content_root.join(rel);
    source.load_problems.retain(|d| d.location.file != path);
    source.loaded.documents.retain(|d| d.content_path != rel);
    source.loaded.failed.retain(|f| f != rel);
}

/// Loads one changed Markdown file into its site; returns its problems.
fn reload_document(
    source: &mut SiteSource,
    root: &Path,
    content_root: &Path,
    rel: &str,
) -> Vec<Diagnostic> {
    let path = content_root.join(rel);
    let bundles = draft::bundles_of(&source.loaded);
    let result = content::load_document(&source.config, &bundles, &root.join("static"), &path, rel);
    source.load_problems.retain(|d| d.location.file != path);
    source.loaded.documents.retain(|d| d.content_path != rel);
    source.loaded.failed.retain(|f| f != rel);
    let problems = match result {
        Ok((document, warnings)) => {
            let at = source
                .loaded
                .documents
                .partition_point(|d| d.content_path.as_str() < rel);
            source.loaded.documents.insert(at, document);
            warnings
        }
        Err(errors) => {
            source.loaded.failed.push(rel.to_string());
            errors
        }
    };
    source.load_problems.extend(problems.iter().cloned());
    problems
}

/// The pages of `model` (site `index`) that show the files of `first`
/// that belong to it; `None` when it has none, or when one of them is not
/// in the model (a deleted file: what showed it is anywhere in the site).
fn pages_to_show_first(
    model: &Site,
    first: &[(usize, String)],
    index: usize,
) -> Option<Vec<usize>> {
    let paths: Vec<&String> = first
        .iter()
        .filter(|(i, _)| *i == index)
        .map(|(_, path)| path)
        .collect();
    if paths.is_empty() {
        return None;
    }
    paths
        .into_iter()
        .map(|path| model.pages.iter().position(|d| &d.content_path == path))
        .collect()
}

/// Deletes the live folders of sites that the new config no longer has.
fn remove_dropped_sites(old: &Preview, new: &Preview) {
    for source in old.sources.iter().filter(|s| s.selected) {
        let kept = new
            .sources
            .iter()
            .any(|s| s.selected && s.config.id == source.config.id);
        if !kept {
            let _ = std::fs::remove_dir_all(old.workspace.output_dir.join(&source.config.id));
        }
    }
}

/// The pictures of `site` (only those named by the file `only`, when
/// given) that are not in `handed_out` yet, as jobs for the picture worker.
fn hand_out(
    handed_out: &mut HashSet<(String, crate::media::Plan)>,
    output_dir: &Path,
    site: &Site,
    only: Option<&Path>,
) -> Vec<super::pictures::Job> {
    let dir = output_dir.join(&site.config.id);
    let mut jobs = Vec::new();
    for picture in site.pictures() {
        if only.is_some_and(|file| picture.file != file) {
            continue;
        }
        let key = (site.config.id.clone(), picture.plan.clone());
        if handed_out.insert(key) {
            jobs.push(super::pictures::Job {
                dir: dir.clone(),
                plan: picture.plan.clone(),
                file: picture.file.to_path_buf(),
                pos: picture.pos,
            });
        }
    }
    jobs
}
