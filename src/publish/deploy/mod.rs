//! `tablica deploy`: uploads a built site to the `deploy:` target of its
//! entry in `config.yaml` (SFTP, FTP/FTPS or a mounted folder), sending only
//! what changed since the manifest the previous deploy left there.
//!
//! Order, so that readers never meet a page linking to a missing file:
//! new and changed files that are not pages, then pages, then deletions,
//! then the new manifest. Every file is written under a temporary name and
//! renamed over the old one. An interrupted deploy leaves the old manifest
//! and a progress file (`tablica-manifest.partial.json`) listing what it
//! did upload, so running it again sends only what is still missing.

mod credentials;
mod ftp;
mod local;
mod plan;
mod remote;
mod report;
mod sftp;
mod target;

pub use plan::Plan;

/// Whether a `deploy:` value names a server that may ask for a password
/// no one has given yet (`TABLICA_DEPLOY_PASSWORD` unset): the editor
/// then offers a password field.
pub fn may_ask_password(deploy: &str) -> bool {
    let server = ["sftp://", "ftp://", "ftps://"]
        .iter()
        .any(|scheme| deploy.trim().to_ascii_lowercase().starts_with(scheme));
    server && credentials::env_password().is_none()
}
pub use report::line;
pub use target::Target;

use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use crate::config::{self, Locator, Overrides, SiteConfig, CONFIG_FILE};
use crate::publish::manifest::{Manifest, MANIFEST_FILE};
use remote::{parent, Failure, Remote};
use std::path::{Path, PathBuf};

/// Written on the target every [`PROGRESS_EVERY`] uploads, removed at the end.
pub const PROGRESS_FILE: &str = "tablica-manifest.partial.json";
const PROGRESS_EVERY: usize = 20;
/// Test-only: makes the deploy fail (as a dropped connection) before the
/// upload number N (0-based), to test resuming. Not for users.
pub const FAIL_AFTER_VAR: &str = "TABLICA_DEPLOY_FAIL_AFTER";

#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    pub root: PathBuf,
    pub site: String,
    /// Only say what would be done.
    pub dry_run: bool,
    /// Read the built site from here instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// Counters the command line draws a progress line from.
    pub progress: Option<std::sync::Arc<crate::base::progress::Progress>>,
    /// The server's password when someone typed it elsewhere (the
    /// editor's form); else the environment or the terminal's prompt.
    pub password: Option<String>,
}

/// What a deploy did (or, dry, would do).
#[derive(Debug)]
pub struct Deployed {
    pub site: String,
    /// The target as shown to people, never with a password.
    pub target: String,
    pub plan: Plan,
    pub dry_run: bool,
    pub warnings: Vec<Diagnostic>,
}

/// Deploys one built site.
pub fn deploy(options: &DeployOptions) -> Result<Deployed, Vec<Diagnostic>> {
    let overrides = Overrides {
        site: Some(options.site.clone()),
        output_dir: options.output.clone(),
        ..Overrides::default()
    };
    let workspace = config::load(&options.root, &overrides)?;
    let config_path = workspace.root.join(CONFIG_FILE);
    let locate = Locator::new(&config_path, &workspace.source);
    // config::load has already rejected an unknown site id.
    let id = &options.site;
    let Some(site) = workspace.sites.iter().find(|s| s.id == options.site) else {
        return Err(vec![Diagnostic::error(
            Location::file(&config_path),
            text!("nie ma witryny „{id}”", "there is no site `{id}`"),
        )]);
    };
    let target = target_of(site, &workspace.root, &locate).map_err(|d| vec![d])?;
    let dir = workspace.output_dir.join(&site.id);
    let local = built_manifest(&site.id, &dir).map_err(|d| vec![d])?;
    if let Target::Folder(folder) = &target {
        check_apart(folder, &dir, &workspace.output_dir).map_err(|d| vec![d])?;
    }
    let shown = target.to_string();
    let mut warnings = Vec::new();
    let result =
        connect(&target, options.password.as_deref(), &mut warnings).and_then(|mut remote| {
            sync(
                remote.as_mut(),
                &local,
                &dir,
                options.dry_run,
                &mut warnings,
                options.progress.as_deref(),
            )
        });
    let plan = result.map_err(|f| vec![f.diagnostic(&shown)])?;
    Ok(Deployed {
        site: site.id.clone(),
        target: shown,
        plan,
        dry_run: options.dry_run,
        warnings,
    })
}

/// The site's `deploy:` value, parsed, or an error pointing into config.yaml.
fn target_of(site: &SiteConfig, root: &Path, locate: &Locator) -> Result<Target, Diagnostic> {
    let line = locate.site_line(&site.id);
    let id = &site.id;
    let Some(value) = &site.deploy else {
        return Err(Diagnostic::error(
            locate.key(line, "id"),
            text!(
                "witryna {id} nie ma adresu deploy",
                "the site {id} has no deploy address"
            ),
        )
        .with_hint(Text::new(
            "dopisz do witryny w config.yaml np. deploy: sftp://uzytkownik@serwer/folder/ (albo ftp://… lub ścieżkę folderu)",
            "add to the site in config.yaml e.g. deploy: sftp://user@server/folder/ (or ftp://… or a folder path)",
        )));
    };
    target::parse(value, root).map_err(|bad| {
        Diagnostic::error(locate.key(line, "deploy"), bad.message).with_hint(bad.hint)
    })
}

/// A folder target must lie apart from the built sites.
fn check_apart(folder: &Path, built: &Path, output: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (folder, built, output) = (absolute(folder), absolute(built), absolute(output));
    if !(folder.starts_with(&output) || built.starts_with(&folder)) {
        return Ok(());
    }
    let shown = folder.display();
    Err(Diagnostic::error(
        Location::file(&folder),
        text!(
            "folder deploy {shown} pokrywa się z folderem zbudowanych witryn",
            "the deploy folder {shown} overlaps the folder of the built sites"
        ),
    )
    .with_hint(Text::new(
        "ustaw w deploy folder serwera (np. podłączony dysk sieciowy) poza output_dir",
        "set deploy to the server's folder (e.g. a mounted share) outside output_dir",
    )))
}

fn built_manifest(id: &str, dir: &Path) -> Result<Manifest, Diagnostic> {
    crate::publish::package::require_built(id, dir)?;
    Manifest::of_folder(id, dir)
}

fn connect(
    target: &Target,
    password: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Box<dyn Remote>, Failure> {
    let shown = target.to_string();
    Ok(match target {
        Target::Folder(path) => Box::new(local::Folder::open(path)?),
        Target::Sftp(server) => Box::new(sftp::Sftp::connect(server, password)?),
        Target::Ftp {
            server,
            require_tls,
        } => {
            let (ftp, plain) = ftp::Ftp::connect(server, *require_tls, password)?;
            if plain {
                warnings.push(ftp::plain_warning(&shown));
            }
            Box::new(ftp)
        }
    })
}

/// Compares, then (unless dry) uploads, deletes and writes the manifest.
fn sync(
    remote: &mut dyn Remote,
    local: &Manifest,
    dir: &Path,
    dry_run: bool,
    warnings: &mut Vec<Diagnostic>,
    progress_counters: Option<&crate::base::progress::Progress>,
) -> Result<Plan, Failure> {
    let previous = read_manifest(remote, MANIFEST_FILE, warnings)?;
    if let Some(other) = previous.as_ref().filter(|m| m.site != local.site) {
        return Err(other_site(&other.site, &local.site));
    }
    // Progress left by a deploy of another site does not count.
    let progress = read_manifest(remote, PROGRESS_FILE, warnings)?.filter(|p| p.site == local.site);
    let done = progress
        .as_ref()
        .map(|p| p.files.clone())
        .unwrap_or_default();
    let plan = Plan::new(local, &plan::server_state(previous, progress));
    warnings.extend(plan.kept.iter().map(|e| kept_warning(&local.site, &e.path)));
    if !dry_run {
        upload(remote, &plan, local, dir, done, progress_counters)?;
        for path in &plan.removed {
            remote.remove(path)?;
        }
        remove_empty_dirs(remote, &plan.removed);
        // The kept files stay listed, so that every later deploy still
        // knows they came from Tablica and says so.
        let mut on_server = local.clone();
        on_server.files.extend(plan.kept.iter().cloned());
        remote.put(MANIFEST_FILE, on_server.to_json().as_bytes())?;
        remote.remove(PROGRESS_FILE)?;
    }
    Ok(plan)
}

/// A server configuration file that this build lacks and the deploy keeps.
fn kept_warning(site: &str, path: &str) -> Diagnostic {
    Diagnostic::warning(
        Location::file(CONFIG_FILE),
        text!(
            "na serwerze zostaje {path} z poprzedniej publikacji witryny {site}, choć tej wersji witryny go brakuje: nie został usunięty",
            "{path} from an earlier deploy of the site {site} stays on the server although this build lacks it: it was not deleted"
        ),
    )
    .with_hint(Text::new(
        "jeśli serwer to Apache, dopisz do witryny w config.yaml server_config: true (albo buduj z --server-config), żeby każda publikacja go odnawiała; jeśli plik ma zniknąć, usuń go z serwera ręcznie",
        "on Apache, add server_config: true to the site in config.yaml (or build with --server-config) so every deploy renews it; if the file must go, delete it on the server by hand",
    ))
}

fn upload(
    remote: &mut dyn Remote,
    plan: &Plan,
    local: &Manifest,
    dir: &Path,
    done: Vec<crate::publish::manifest::Entry>,
    counters: Option<&crate::base::progress::Progress>,
) -> Result<(), Failure> {
    if let Some(counters) = counters {
        counters.stage("deploy");
        counters.add_total(plan.uploads().count());
        counters.add_bytes_total(plan.uploads().map(|e| e.size).sum());
    }
    let fail_at: Option<usize> = std::env::var(FAIL_AFTER_VAR)
        .ok()
        .and_then(|v| v.parse().ok());
    let mut progress = Manifest {
        site: local.site.clone(),
        files: done,
    };
    for (index, entry) in plan.uploads().enumerate() {
        if fail_at == Some(index) {
            return Err(Failure::Dropped(format!("{FAIL_AFTER_VAR}={index}")));
        }
        let source = entry
            .path
            .split('/')
            .fold(dir.to_path_buf(), |p, s| p.join(s));
        let bytes = std::fs::read(&source).map_err(|e| read_error(&source, &e))?;
        remote.put(&entry.path, &bytes)?;
        if let Some(counters) = counters {
            counters.sent(bytes.len() as u64);
        }
        progress.files.push(entry.clone());
        if (index + 1) % PROGRESS_EVERY == 0 {
            remote.put(PROGRESS_FILE, progress.to_json().as_bytes())?;
        }
    }
    Ok(())
}

/// Folders left empty by deletions, deepest first.
fn remove_empty_dirs(remote: &mut dyn Remote, removed: &[String]) {
    let mut dirs: Vec<&str> = Vec::new();
    for path in removed {
        let mut dir = parent(path);
        while !dir.is_empty() {
            dirs.push(dir);
            dir = parent(dir);
        }
    }
    dirs.sort_by_key(|d| (std::cmp::Reverse(d.matches('/').count()), *d));
    dirs.dedup();
    for dir in dirs {
        remote.remove_empty_dir(dir);
    }
}

/// A manifest on the target; an unreadable one counts as none (so
/// everything is sent again, and nothing deleted), with a warning.
fn read_manifest(
    remote: &mut dyn Remote,
    name: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<Manifest>, Failure> {
    let Some(bytes) = remote.read(name)? else {
        return Ok(None);
    };
    match serde_json::from_slice(&bytes) {
        Ok(manifest) => Ok(Some(manifest)),
        Err(e) => {
            warnings.push(
                Diagnostic::warning(
                    Location::file(name),
                    text!(
                        "manifest na serwerze jest uszkodzony",
                        "the manifest on the server is damaged: {e}"
                    ),
                )
                .with_hint(Text::new(
                    "wszystkie pliki zostaną wysłane ponownie; stare pliki, których witryna już nie ma, usuń ręcznie",
                    "every file is sent again; delete old files the site no longer has by hand",
                )),
            );
            Ok(None)
        }
    }
}

/// The target holds another site: deploying would delete its files.
fn other_site(other: &str, id: &str) -> Failure {
    let message = text!(
        "w folderze docelowym jest witryna {other}, nie {id}; wysłanie usunęłoby jej pliki",
        "the target folder holds the site {other}, not {id}; deploying would delete its files"
    );
    let hint = text!(
        "popraw adres deploy witryny {id} w config.yaml; jeśli folder naprawdę ma przejść na {id}, usuń z niego plik {MANIFEST_FILE}",
        "fix the deploy address of the site {id} in config.yaml; if the folder really goes over to {id}, delete {MANIFEST_FILE} from it"
    );
    Failure::at(MANIFEST_FILE, message, hint)
}

fn read_error(path: &Path, error: &std::io::Error) -> Failure {
    Failure::at(
        path,
        crate::base::diagnostic::io_message("nie można odczytać", "cannot read", error),
        Text::new(
            "zbuduj witrynę ponownie (tablica build) i uruchom tablica deploy jeszcze raz",
            "build the site again (tablica build) and run tablica deploy once more",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A target in memory that records what is done to it, in order.
    #[derive(Default)]
    struct Recorder {
        files: BTreeMap<String, Vec<u8>>,
        log: Vec<String>,
    }

    impl Remote for Recorder {
        fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Failure> {
            Ok(self.files.get(path).cloned())
        }
        fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
            self.log.push(format!("put {path}"));
            self.files.insert(path.to_string(), bytes.to_vec());
            Ok(())
        }
        fn remove(&mut self, path: &str) -> Result<(), Failure> {
            self.log.push(format!("remove {path}"));
            self.files.remove(path);
            Ok(())
        }
        fn remove_empty_dir(&mut self, path: &str) {
            self.log.push(format!("rmdir {path}"));
        }
    }

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Manifest) {
        let dir = tempfile::tempdir().unwrap();
        for (path, body) in files {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let manifest = Manifest::of_folder("alfa", dir.path()).unwrap();
        (dir, manifest)
    }

    #[test]
    fn assets_then_pages_then_deletions_then_the_manifest() {
        let mut server = Recorder::default();
        let (dir, old) = site(&[
            ("index.html", "1"),
            ("a/old/index.html", "x"),
            ("s.css", "1"),
        ]);
        sync(&mut server, &old, dir.path(), false, &mut Vec::new(), None).unwrap();
        let (dir, new) = site(&[
            ("index.html", "2"),
            ("a/new/index.html", "n"),
            ("s.css", "2"),
            ("f.pdf", "p"),
        ]);
        server.log.clear();
        let plan = sync(&mut server, &new, dir.path(), false, &mut Vec::new(), None).unwrap();
        assert_eq!(plan.unchanged, 0);
        assert_eq!(
            server.log,
            [
                "put f.pdf",
                "put s.css",
                "put a/new/index.html",
                "put index.html",
                "remove a/old/index.html",
                "rmdir a/old",
                "rmdir a",
                "put tablica-manifest.json",
                "remove tablica-manifest.partial.json",
            ]
        );
    }

    #[test]
    fn a_dry_run_only_reads() {
        let mut server = Recorder::default();
        let (dir, local) = site(&[("index.html", "1")]);
        let plan = sync(&mut server, &local, dir.path(), true, &mut Vec::new(), None).unwrap();
        assert_eq!(plan.upload_count(), 1);
        assert!(server.log.is_empty());
    }
}
