//! Check: links and content accessibility, judged over the assembled site
//! model from the facts the Markdown pass collected (see
//! [`crate::content::facts`]). Owns the evaluation of the rules
//! ([`content`], [`links`]) and the optional check of external addresses
//! ([`external`]); the rules' table is [`crate::base::rules`] and the
//! report is [`crate::report::check`]. `tablica build` runs the same checks
//! through [`run`].

pub mod content;
pub mod documents;
pub mod external;
pub mod links;

use crate::base::date::PageDate;
use crate::base::diagnostic::{Diagnostic, Location, Severity, Text};
use crate::base::rules::{self, Rule};
use crate::config::{CheckLevel, SiteConfig, Workspace};
use crate::pipeline;
use crate::site::Site;
use rayon::prelude::*;
use std::path::Path;

/// One problem found by a rule.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub location: Location,
    /// The offending text, as written.
    pub text: String,
    /// A detail for this case, added to the rule's fix ("did you mean …").
    pub note: Option<Text>,
}

impl Finding {
    pub fn new(rule: &'static Rule, location: Location, text: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.default,
            location,
            text: text.into(),
            note: None,
        }
    }

    pub fn with_note(mut self, note: Text) -> Self {
        self.note = Some(note);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding as a build diagnostic: rule title and text, fix as hint.
    pub fn to_diagnostic(&self) -> Diagnostic {
        // The rule id travels as the code: `błąd[img-alt-missing]: …`.
        let (title, text) = (self.rule.title, &self.text);
        let message = Text::new(
            format!("{}: „{text}”", title.pl),
            format!("{}: `{text}`", title.en),
        );
        Diagnostic {
            severity: self.severity,
            location: self.location.clone(),
            message,
            hint: Some(self.hint()),
            code: Some(self.rule.id),
        }
    }

    /// The rule's fix, followed by this finding's note.
    pub fn hint(&self) -> Text {
        let fix = self.rule.fix;
        match &self.note {
            Some(note) => {
                // "did you mean …?" reads as its own sentence.
                let join = |note: &str, fix: &str| match note.ends_with('?') {
                    true => format!("{note} Jeśli nie: {fix}"),
                    false => format!("{note}; {fix}"),
                };
                let join_en = |note: &str, fix: &str| match note.ends_with('?') {
                    true => format!("{note} If not: {fix}"),
                    false => format!("{note}; {fix}"),
                };
                Text::new(join(&note.pl, fix.pl), join_en(&note.en, fix.en))
            }
            None => Text::new(fix.pl, fix.en),
        }
    }
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Report only these sites (all when empty); every loaded site still
    /// serves as a target of cross-site links.
    pub only: Vec<String>,
    /// Also ask http(s) addresses whether they answer.
    pub external: Option<external::ExternalOptions>,
    /// Check only the documents read from these files, and nothing about
    /// the site as a whole (all when empty): `serve`, after an edit.
    pub files: Vec<std::path::PathBuf>,
}

impl CheckOptions {
    /// Whether the document read from `source` is to be checked.
    pub fn covers(&self, source: &Path) -> bool {
        self.files.is_empty() || self.files.iter().any(|f| f == source)
    }
}

/// Runs every rule over the selected sites; findings sorted by file,
/// line, column and rule, with each site's severity settings applied.
pub fn run(
    workspace: &Workspace,
    sites: &[Site],
    scheduled: &[pipeline::Scheduled],
    options: &CheckOptions,
) -> Vec<Finding> {
    let selected = |id: &str| options.only.is_empty() || options.only.iter().any(|o| o == id);
    // The table of link targets is built on one core while the content
    // checks run on the others: a single large site has no sites to share.
    let (targets, content_found) = rayon::join(
        || links::Targets::new(workspace, sites),
        || {
            sites
                .par_iter()
                .map(|site| {
                    if selected(&site.config.id) {
                        content::check_site(site, options)
                    } else {
                        Vec::new()
                    }
                })
                .collect::<Vec<_>>()
        },
    );
    let mut findings: Vec<Finding> = sites
        .par_iter()
        .zip(content_found)
        .enumerate()
        .filter(|(_, (site, _))| selected(&site.config.id))
        .flat_map(|(index, (site, mut found))| {
            found.extend(targets.check_site(workspace, index, options));
            apply_levels(&site.config, found)
        })
        .collect();
    if !options.files.is_empty() {
        return finish(workspace, findings);
    }
    for site in sites.iter().filter(|s| selected(&s.config.id)) {
        if site.easy_read.is_none() && site.sign_language.is_none() {
            let location = links::site_location(workspace, &site.config);
            let finding = Finding::new(rules::ETR_PJM_MISSING, location, site.config.id.clone());
            findings.extend(apply_levels(&site.config, vec![finding]));
        }
    }
    for s in scheduled.iter().filter(|s| selected(&s.site)) {
        let finding = Finding::new(rules::DATE_FUTURE, s.location.clone(), s.date.clone());
        if let Some(config) = workspace.sites.iter().find(|c| c.id == s.site) {
            findings.extend(apply_levels(config, vec![finding]));
        }
    }
    if let Some(external) = &options.external {
        // Site by site, so each site's settings apply; the cache keeps an
        // address shared by several sites from being asked twice.
        for (index, site) in sites.iter().enumerate() {
            if selected(&site.config.id) {
                let links = targets.external_links(workspace, index);
                let found = external::check(&links, external);
                findings.extend(apply_levels(&site.config, found));
            }
        }
    }
    finish(workspace, findings)
}

/// Paths relative to the workspace, in file and line order.
fn finish(workspace: &Workspace, mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.par_iter_mut().for_each(|finding| {
        if let Ok(relative) = finding.location.file.strip_prefix(&workspace.root) {
            finding.location.file = relative.to_path_buf();
        }
    });
    sort(&mut findings);
    findings
}

/// Sorts by file, line, column, rule id and text: the order never changes.
pub fn sort(findings: &mut [Finding]) {
    // A large archive has thousands of findings, and comparing paths is slow.
    findings.par_sort_by(|a, b| {
        (&a.location, a.rule.id, &a.text).cmp(&(&b.location, b.rule.id, &b.text))
    });
}

/// The site's `checks:` settings: a rule turned off is dropped, others
/// take the severity the site chose.
fn apply_levels(config: &SiteConfig, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            match config.checks.get(f.rule.id) {
                Some(CheckLevel::Off) => return None,
                Some(CheckLevel::Error) => f.severity = Severity::Error,
                Some(CheckLevel::Warning) => f.severity = Severity::Warning,
                None => {}
            }
            Some(f)
        })
        .collect()
}

/// A location in a Markdown file from a fact's position.
pub(crate) fn at(file: &Path, pos: crate::content::facts::Pos) -> Location {
    Location::at(file, pos.line, pos.column)
}

/// What `tablica check` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckCommand {
    /// The workspace folder (holding `config.yaml`).
    pub root: std::path::PathBuf,
    /// Check only this site.
    pub site: Option<String>,
    /// The day against which dates are judged (today when absent).
    pub now: Option<PageDate>,
    pub external: bool,
    /// Counters the command line draws a progress line from.
    pub progress: Option<std::sync::Arc<crate::base::progress::Progress>>,
}

/// The findings, and the problems found while loading and arranging the
/// sites (broken YAML, a missing file behind `@/`, a cp1250 file) beside
/// them: one run shows them all.
#[derive(Debug)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    pub problems: Vec<Diagnostic>,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
            || self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Loads the workspace (writing nothing) and checks it. Only a config.yaml
/// that cannot be read comes back as `Err`.
pub fn check(command: &CheckCommand) -> Result<CheckReport, Vec<Diagnostic>> {
    let root = &command.root;
    let overrides = crate::config::Overrides {
        site: command.site.clone(),
        ..Default::default()
    };
    let relative = |d: Vec<Diagnostic>| {
        let mut d: Vec<Diagnostic> = d.into_iter().map(|d| d.relative_to(root)).collect();
        crate::base::diagnostic::sort(&mut d);
        d
    };
    if let Some(p) = &command.progress {
        p.stage("load");
    }
    let workspace = crate::config::load(root, &overrides).map_err(relative)?;
    let model = crate::site::ModelOptions {
        include_drafts: false,
        now: command.now.unwrap_or_else(PageDate::today_utc),
    };
    // Every site is loaded: any of them may be the target of a link.
    let all: Vec<&SiteConfig> = workspace.sites.iter().collect();
    let assembled = pipeline::assemble(&workspace, &all, model, &mut |_| {});
    let mut problems: Vec<Diagnostic> = assembled.problems().cloned().collect();
    problems.extend(crate::config::statement_review_warnings(
        &workspace, model.now,
    ));
    let (scheduled, sites) = (assembled.scheduled, assembled.sites);
    if let Some(p) = &command.progress {
        p.stage("check");
    }
    let options = CheckOptions {
        only: command.site.iter().cloned().collect(),
        external: command
            .external
            .then(|| external::ExternalOptions::standard(root)),
        files: Vec::new(),
    };
    Ok(CheckReport {
        findings: run(&workspace, &sites, &scheduled, &options),
        problems: relative(problems),
    })
}
