//! What a deploy has to do: the files to upload (everything but pages
//! first, then the pages), the files to delete (last), and how many are
//! already on the server as built, judged by comparing the local manifest
//! with the one the previous deploy left on the server.

use crate::publish::manifest::{Entry, Manifest};
use std::collections::BTreeMap;

/// The work of one deploy, in the order it is done.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// New and changed files that are not pages (styles, images, PDFs,
    /// feeds), the new ones first.
    pub assets: Vec<Entry>,
    /// New and changed pages, uploaded after everything else, the new ones
    /// first.
    pub pages: Vec<Entry>,
    /// Paths on the server that the site no longer has.
    pub removed: Vec<String>,
    /// Server configuration files (`.htaccess`…) that a previous deploy put
    /// on the server and this build does not have: kept, never deleted,
    /// and named in a warning on every deploy until the build has them
    /// again or someone deletes them by hand.
    pub kept: Vec<Entry>,
    /// Files the server already has as built.
    pub unchanged: usize,
}

impl Plan {
    /// Compares the built site with what the server is known to hold.
    pub fn new(local: &Manifest, remote: &BTreeMap<String, Entry>) -> Plan {
        let mut plan = Plan::default();
        // New files go before changed ones: a changed page may link to a
        // new one, while no page on the server links to a new file yet.
        let mut changed = Plan::default();
        for entry in &local.files {
            let to = match remote.get(&entry.path) {
                Some(old) if old.sha256 == entry.sha256 && old.size == entry.size => {
                    plan.unchanged += 1;
                    continue;
                }
                Some(_) => &mut changed,
                None => &mut plan,
            };
            if is_page(&entry.path) {
                to.pages.push(entry.clone());
            } else {
                to.assets.push(entry.clone());
            }
        }
        plan.assets.append(&mut changed.assets);
        plan.pages.append(&mut changed.pages);
        let built: std::collections::BTreeSet<&str> =
            local.files.iter().map(|e| e.path.as_str()).collect();
        let (kept, removed): (Vec<&Entry>, Vec<&Entry>) = remote
            .values()
            .filter(|e| !built.contains(e.path.as_str()))
            .partition(|e| crate::output::server_config::is_server_file(&e.path));
        plan.removed = removed.into_iter().map(|e| e.path.clone()).collect();
        plan.kept = kept.into_iter().cloned().collect();
        plan
    }

    /// The uploads in order: assets, then pages.
    pub fn uploads(&self) -> impl Iterator<Item = &Entry> {
        self.assets.iter().chain(&self.pages)
    }

    pub fn upload_count(&self) -> usize {
        self.assets.len() + self.pages.len()
    }

    pub fn upload_bytes(&self) -> u64 {
        self.uploads().map(|e| e.size).sum()
    }
}

/// What the server holds: the previous manifest, updated by the progress
/// file an interrupted deploy left (its files were uploaded completely).
/// Paths that could reach outside the site's folder are left out, so a
/// damaged manifest can never make a deploy delete them.
pub fn server_state(
    previous: Option<Manifest>,
    progress: Option<Manifest>,
) -> BTreeMap<String, Entry> {
    let mut state: BTreeMap<String, Entry> = previous
        .into_iter()
        .flat_map(|m| m.files)
        .filter(|e| inside(&e.path))
        .map(|e| (e.path.clone(), e))
        .collect();
    for entry in progress
        .into_iter()
        .flat_map(|m| m.files)
        .filter(|e| inside(&e.path))
    {
        state.insert(entry.path.clone(), entry);
    }
    state
}

/// A relative path of plain names, without `..`, `.` or empty parts.
fn inside(path: &str) -> bool {
    !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, sha: &str) -> Entry {
        Entry {
            path: path.into(),
            size: 1,
            sha256: sha.into(),
        }
    }

    fn manifest(files: &[(&str, &str)]) -> Manifest {
        Manifest {
            site: "alfa".into(),
            files: files.iter().map(|(p, s)| entry(p, s)).collect(),
        }
    }

    #[test]
    fn assets_before_pages_and_removals_listed() {
        let local = manifest(&[
            ("a.css", "2"),
            ("index.html", "2"),
            ("new.html", "1"),
            ("x.pdf", "1"),
            ("b.html", "1"),
        ]);
        let remote = server_state(
            Some(manifest(&[
                ("a.css", "1"),
                ("b.html", "1"),
                ("index.html", "1"),
                ("old.html", "1"),
            ])),
            None,
        );
        let plan = Plan::new(&local, &remote);
        let paths: Vec<&str> = plan.uploads().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["x.pdf", "a.css", "new.html", "index.html"]);
        assert_eq!(plan.removed, ["old.html"]);
        assert_eq!(plan.unchanged, 1);
    }

    #[test]
    fn server_configuration_a_previous_deploy_wrote_is_kept() {
        let local = manifest(&[("index.html", "1")]);
        let remote = manifest(&[
            ("index.html", "1"),
            (".htaccess", "1"),
            ("pliki/.htaccess", "1"),
            ("old.html", "1"),
        ]);
        let plan = Plan::new(&local, &server_state(Some(remote), None));
        assert_eq!(plan.removed, ["old.html"]);
        let kept: Vec<&str> = plan.kept.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(kept, [".htaccess", "pliki/.htaccess"]);
    }

    #[test]
    fn paths_outside_the_folder_are_never_deleted() {
        let local = manifest(&[("index.html", "1")]);
        let remote = manifest(&[
            ("../x", "1"),
            ("/etc/y", "1"),
            ("a//b", "1"),
            ("ok.css", "1"),
        ]);
        let plan = Plan::new(&local, &server_state(Some(remote), None));
        assert_eq!(plan.removed, ["ok.css"]);
    }

    #[test]
    fn nothing_on_the_server_means_everything_is_new() {
        let local = manifest(&[("a.css", "1"), ("index.html", "1")]);
        let plan = Plan::new(&local, &server_state(None, None));
        assert_eq!(plan.upload_count(), 2);
        assert!(plan.removed.is_empty());
    }

    #[test]
    fn progress_of_an_interrupted_deploy_counts_as_uploaded() {
        let local = manifest(&[("a.css", "2"), ("index.html", "2")]);
        let state = server_state(
            Some(manifest(&[("a.css", "1"), ("index.html", "1")])),
            Some(manifest(&[("a.css", "2")])),
        );
        let plan = Plan::new(&local, &state);
        assert_eq!(plan.assets, []);
        assert_eq!(plan.pages.len(), 1);
        assert_eq!(plan.unchanged, 1);
    }
}
