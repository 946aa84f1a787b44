//! The `build` command as one pipeline: config → load → site → render →
//! output. Each stage gets the previous stage's value; every problem of a
//! stage is collected before the build stops, and nothing is written to the
//! output folder unless every site rendered.

use crate::base::date::PageDate;
use crate::base::diagnostic::{Diagnostic, Severity};
use crate::config::{self, Overrides, Workspace};
use crate::media::process::Processor;
/// How many photos a build made anew and took from the cache.
pub use crate::media::process::Stats as PhotoStats;
use crate::output::{self, Relativizer, StageOptions, StaticSources};
use crate::pipeline::{self, Scheduled, Selection};
use crate::render::{theme_needs, Renderer, Theme};
use crate::site::{ModelOptions, Site};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The workspace folder (holding `config.yaml`).
    pub root: PathBuf,
    pub include_drafts: bool,
    pub overrides: Overrides,
    /// The build's date (today when absent): later announcements are scheduled.
    pub now: Option<PageDate>,
    /// Make internal links relative to each page (for file:// and any folder).
    pub relative: bool,
    /// Write `.htaccess` into each site and an nginx snippet beside it.
    pub server_config: bool,
    /// Counters the command line draws a progress line from.
    pub progress: Option<std::sync::Arc<crate::base::progress::Progress>>,
    /// Build even when `tablica check` finds accessibility errors (they are
    /// still printed).
    pub allow_a11y_errors: bool,
}

#[derive(Debug, Clone)]
pub struct SiteSummary {
    pub id: String,
    pub pages: usize,
    pub files: usize,
    pub drafts_skipped: usize,
    pub scheduled_skipped: usize,
    /// Content paths of the drafts and scheduled announcements left out.
    pub skipped: Vec<String>,
    pub output: PathBuf,
}

#[derive(Debug)]
pub struct BuildReport {
    pub sites: Vec<SiteSummary>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<Lap>,
    /// Photos made anew and photos taken from the cache.
    pub photos: crate::media::process::Stats,
}

/// One stage of a build, for `--verbose`.
#[derive(Debug, Clone)]
pub struct Lap {
    pub stage: &'static str,
    pub took: Duration,
    /// The process's peak memory so far, in kB (Linux only).
    pub peak_kb: Option<u64>,
}

/// Times the stages of one build.
#[derive(Debug, Default)]
struct Stopwatch {
    last: Option<Instant>,
    laps: Vec<Lap>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            last: Some(Instant::now()),
            laps: Vec::new(),
        }
    }

    /// Ends the stage called `name`.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.laps.push(Lap {
                stage: name,
                took: now - last,
                peak_kb: peak_memory_kb(),
            });
        }
        self.last = Some(now);
    }
}

/// The high-water mark of the process's resident memory, where the system
/// tells it (`VmHWM` in /proc/self/status on Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Why a build failed: every error found, and the warnings beside them.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Builds the workspace at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let root = &options.root;
    let mut stopwatch = Stopwatch::start();
    let result = run(options, &mut stopwatch);
    let tidy = |mut diagnostics: Vec<Diagnostic>| {
        diagnostics = diagnostics
            .into_iter()
            .map(|d| d.relative_to(root))
            .collect();
        crate::base::diagnostic::sort(&mut diagnostics);
        diagnostics
    };
    match result {
        Ok(((sites, photos), warnings)) => Ok(BuildReport {
            sites,
            warnings: tidy(warnings),
            elapsed: started.elapsed(),
            timings: stopwatch.laps,
            photos,
        }),
        Err(diagnostics) => Err(BuildFailure {
            diagnostics: tidy(diagnostics),
        }),
    }
}

type Written = (Vec<SiteSummary>, crate::media::process::Stats);
type Outcome = Result<(Written, Vec<Diagnostic>), Vec<Diagnostic>>;

fn run(options: &BuildOptions, stopwatch: &mut Stopwatch) -> Outcome {
    let progress = options.progress.as_deref();
    if let Some(p) = progress {
        p.stage("load");
    }
    let workspace = config::load(&options.root, &options.overrides)?;
    stopwatch.lap("config");
    let now = options.now.unwrap_or_else(PageDate::today_utc);
    let mut diagnostics = config::statement_review_warnings(&workspace, now);
    let selection = pipeline::select(&workspace, options.overrides.site.as_deref());
    let model_options = ModelOptions {
        include_drafts: options.include_drafts,
        now,
    };
    let (theme, assembled) = rayon::join(
        || Theme::load(&workspace, &theme_needs(&selection.selected)),
        || {
            pipeline::assemble(
                &workspace,
                &selection.to_load,
                model_options,
                &mut |stage| stopwatch.lap(stage),
            )
        },
    );
    diagnostics.extend(assembled.problems().cloned());
    if let Err(errors) = &theme {
        diagnostics.extend(errors.iter().cloned());
    }
    // The checks run even after an error above, so that a build reports
    // every problem at once; it stops before writing anything.
    let broken = diagnostics.iter().any(Diagnostic::is_error);
    let mut sites = assembled.sites;
    diagnostics.extend(check_content(
        &workspace,
        &sites,
        &selection,
        &assembled.scheduled,
    ));
    for site in &mut sites {
        site.release_check_facts();
    }
    stopwatch.lap("check");
    if broken || !options.allow_a11y_errors {
        fail_on_errors(&diagnostics)?;
    }
    let Ok(theme) = theme else {
        return Err(diagnostics);
    };
    if let Some(p) = progress {
        p.stage("render");
    }
    let summaries =
        write(&workspace, &theme, &sites, &selection, options).map_err(|mut errors| {
            errors.extend(diagnostics.iter().cloned());
            errors
        })?;
    stopwatch.lap("render+write");
    // Freeing a large site's model (every page's text and HTML) takes tens
    // of milliseconds on one core after everything is written; nobody
    // waits for it, so it happens beside the report rather than before it.
    rayon::spawn(move || drop(sites));
    Ok((summaries, diagnostics))
}

/// Where the photos' resized files of the workspace at `root` are kept
/// between builds (and shared with `serve`).
pub fn image_cache(root: &std::path::Path) -> std::path::PathBuf {
    root.join(".tablica-cache").join("images")
}

/// `tablica check` over the sites being built, as build diagnostics.
fn check_content(
    workspace: &Workspace,
    sites: &[Site],
    selection: &Selection,
    scheduled: &[Scheduled],
) -> Vec<Diagnostic> {
    let options = crate::check::CheckOptions {
        only: selection.selected.iter().map(|s| s.id.clone()).collect(),
        external: None,
        files: Vec::new(),
    };
    crate::check::run(workspace, sites, scheduled, &options)
        .iter()
        .map(crate::check::Finding::to_diagnostic)
        .collect()
}

fn fail_on_errors(diagnostics: &[Diagnostic]) -> Result<(), Vec<Diagnostic>> {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics.to_vec())
    } else {
        Ok(())
    }
}

/// Renders the selected sites into staging folders, then swaps them all in.
fn write(
    workspace: &Workspace,
    theme: &Theme,
    sites: &[Site],
    selection: &Selection,
    options: &BuildOptions,
) -> Result<Written, Vec<Diagnostic>> {
    output::prepare(&workspace.output_dir).map_err(|e| vec![e])?;
    let statics = StaticSources {
        dirs: vec![theme.dir.join("static"), workspace.root.join("static")],
    };
    let targets: Vec<&Site> = sites
        .iter()
        .filter(|s| selection.is_selected(&s.config.id))
        .collect();
    let pictures = Processor::new(Some(image_cache(&workspace.root)));
    let results: Vec<_> = targets
        .par_iter()
        .map(|site| {
            let renderer = Renderer::new(theme, site, sites);
            let relativizer = options.relative.then(|| Relativizer::new(site, sites));
            let stage = StageOptions {
                relative: relativizer.as_ref(),
                server_config: options.server_config || site.config.server_config,
                progress: options.progress.as_deref(),
                pictures: Some(&pictures),
            };
            output::stage_site(&workspace.output_dir, site, &renderer, &statics, stage)
        })
        .collect();
    let mut staged = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(s) => staged.push(s),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        output::discard(&staged);
        return Err(errors);
    }
    if let Err(e) = output::commit(&workspace.output_dir, &staged) {
        output::discard(&staged);
        return Err(vec![e]);
    }
    for site in targets
        .iter()
        .filter(|s| options.server_config || s.config.server_config)
    {
        output::write_nginx_config(&workspace.output_dir, site).map_err(|e| vec![e])?;
    }
    let summaries = staged
        .iter()
        .zip(&targets)
        .map(|(s, site)| SiteSummary {
            id: s.site_id.clone(),
            pages: s.pages,
            files: s.files,
            drafts_skipped: site.skipped_drafts.len(),
            scheduled_skipped: site.skipped_scheduled.len(),
            skipped: site
                .skipped_drafts
                .iter()
                .chain(&site.skipped_scheduled)
                .cloned()
                .collect(),
            output: workspace.output_dir.join(&s.site_id),
        })
        .collect();
    Ok((summaries, pictures.stats()))
}
