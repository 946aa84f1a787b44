//! Watching the workspace's source folders with notify. Folders are watched,
//! not files, so an editor's atomic save (write a temp file, rename it over
//! the old one) is seen as a change of the file it replaced. Events come in
//! bursts; a burst is gathered until the disk has been quiet for a moment.

use super::changes::{classify, Changes};
use crate::base::diagnostic::{Diagnostic, Location, Text};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the disk must be quiet before a burst of events is complete.
const QUIET: Duration = Duration::from_millis(10);
/// A burst never waits longer than this, even if events keep coming.
const LONGEST: Duration = Duration::from_millis(400);

pub struct Watcher {
    // Dropping it stops the watch.
    _inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    theme: String,
}

impl Watcher {
    /// Watches `content/`, `themes/`, `static/` and `config.yaml` under `root`.
    pub fn start(root: &Path, theme: &str) -> Result<Watcher, Diagnostic> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let mut inner = notify::recommended_watcher(sender).map_err(|e| watch_error(&root, &e))?;
        for dir in ["content", "themes", "static"] {
            let dir = root.join(dir);
            if dir.is_dir() {
                inner
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, &e))?;
            }
        }
        // The workspace folder itself, for config.yaml (editors replace it).
        inner
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, &e))?;
        Ok(Watcher {
            _inner: inner,
            events,
            root,
            theme: theme.to_string(),
        })
    }

    /// Follows a config change that switched the theme.
    pub fn set_theme(&mut self, theme: &str) {
        theme.clone_into(&mut self.theme);
    }

    /// Waits up to `timeout` for a change, then gathers the rest of its
    /// burst. `None` when nothing a build reads has changed.
    pub fn next(&self, timeout: Duration) -> Option<Changes> {
        let first = self.events.recv_timeout(timeout).ok()?;
        let started = Instant::now();
        let mut changes = Changes::new();
        self.add(first, &mut changes);
        while started.elapsed() < LONGEST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.add(event, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        (!changes.is_empty()).then_some(changes)
    }

    fn add(&self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let Ok(event) = event else {
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some(change) = classify(&self.root, &self.theme, path) {
                changes.insert(change);
            }
        }
    }
}

fn watch_error(path: &Path, error: &notify::Error) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        crate::base::diagnostic::text!(
            "nie można obserwować zmian w folderze: {error}",
            "cannot watch the folder for changes: {error}"
        ),
    )
    .with_code(crate::base::diagnostic::IO)
    .with_hint(Text::new(
        "na Linuksie zwiększ limit: sudo sysctl fs.inotify.max_user_watches=524288",
        "on Linux raise the limit: sudo sysctl fs.inotify.max_user_watches=524288",
    ))
}
