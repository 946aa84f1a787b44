//! From a workspace to its assembled sites, the one way every command
//! goes: which sites a command asked for and which must be loaded for them
//! (the hub shows every partnership), each site's files loaded in
//! parallel, and each site's model assembled. `build`, `check`, `serve`
//! and `package` all start here; the pipeline knows nothing of themes,
//! pages, checks or output.

use crate::base::date::PageDate;
use crate::base::diagnostic::{Diagnostic, Location};
use crate::config::{SiteConfig, Workspace};
use crate::content::{self, DocKind, LoadedSite};
use crate::site::{self, ModelOptions, Site};
use rayon::prelude::*;

/// The sites a command works on, and those it must load for them.
pub struct Selection<'w> {
    /// The sites asked for (every site when no `--site` was given).
    pub selected: Vec<&'w SiteConfig>,
    /// The sites to load: the selected ones, or every site when the hub
    /// is among them, since the hub shows every partnership.
    pub to_load: Vec<&'w SiteConfig>,
}

/// The sites of `workspace` that `only` names (all when `None`).
pub fn select<'w>(workspace: &'w Workspace, only: Option<&str>) -> Selection<'w> {
    let selected: Vec<&SiteConfig> = workspace
        .sites
        .iter()
        .filter(|s| only.is_none_or(|id| s.id == id))
        .collect();
    let to_load = if selected.iter().any(|s| s.hub) {
        workspace.sites.iter().collect()
    } else {
        selected.clone()
    };
    Selection { selected, to_load }
}

impl Selection<'_> {
    /// Whether the site with this id was asked for.
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.iter().any(|s| s.id == id)
    }
}

/// One site's files as loaded, with the problems found in them.
pub struct LoadedOne {
    pub config: SiteConfig,
    pub site: LoadedSite,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the files of `sites`, in parallel, in the order given.
pub fn load(workspace: &Workspace, sites: &[&SiteConfig]) -> Vec<LoadedOne> {
    sites
        .par_iter()
        .map(|config| {
            let result = content::load_site(workspace, config);
            LoadedOne {
                config: (*config).clone(),
                site: result.site,
                diagnostics: result.diagnostics,
            }
        })
        .collect()
}

/// An announcement dated after the build's date, left out until then.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub site: String,
    /// Where its date is written.
    pub location: Location,
    /// Its date as `YYYY-MM-DD`.
    pub date: String,
}

/// The announcements of `loaded` dated after `now` that are not drafts.
fn scheduled(loaded: &[(SiteConfig, LoadedSite)], now: PageDate) -> Vec<Scheduled> {
    loaded
        .iter()
        .flat_map(|(config, site)| {
            site.documents
                .iter()
                .filter(move |d| d.kind == DocKind::Page && !d.front.draft)
                .filter_map(move |d| {
                    let date = d.front.date.filter(|date| date.date_only() > now)?;
                    let pos = d.body.facts.date_at.unwrap_or_default();
                    Some(Scheduled {
                        site: config.id.clone(),
                        location: Location::at(&d.source, pos.line, pos.column),
                        date: format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
                    })
                })
        })
        .collect()
}

/// The sites of a workspace, assembled.
pub struct Assembled {
    /// Every site's model: whole even when a problem was found, so that the
    /// checks can still run (a build with errors writes nothing).
    pub sites: Vec<Site>,
    /// Announcements left out because they are dated later.
    pub scheduled: Vec<Scheduled>,
    /// Problems found while loading (errors and warnings).
    pub load_problems: Vec<Diagnostic>,
    /// Problems found while arranging the sites (duplicate addresses, `@/`
    /// links to nothing).
    pub model_problems: Vec<Diagnostic>,
}

impl Assembled {
    /// Every problem found, errors and warnings, loading first.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.load_problems.iter().chain(&self.model_problems)
    }

    pub fn has_errors(&self) -> bool {
        self.problems().any(Diagnostic::is_error)
    }
}

/// Loads `sites` and assembles their models. The model is assembled even
/// after load errors, so that problems such as duplicate addresses come in
/// the same run. `stage_done` is told when each stage ("load", "model")
/// ends, for the timings of `--verbose`.
pub fn assemble(
    workspace: &Workspace,
    sites: &[&SiteConfig],
    options: ModelOptions,
    stage_done: &mut dyn FnMut(&'static str),
) -> Assembled {
    let mut load_problems = Vec::new();
    let loaded: Vec<(SiteConfig, LoadedSite)> = load(workspace, sites)
        .into_iter()
        .map(|one| {
            load_problems.extend(one.diagnostics);
            (one.config, one.site)
        })
        .collect();
    stage_done("load");
    let scheduled = scheduled(&loaded, options.now);
    let (sites, model_problems) = site::assemble(loaded, options);
    stage_done("model");
    Assembled {
        sites,
        scheduled,
        load_problems,
        model_problems,
    }
}
