//! Progress of a long build, as counters the pipeline bumps from any
//! thread. The library only counts; the command line decides whether and
//! how to draw it (see `report::progress`), so tests and `--quiet` runs pay
//! two atomic additions per page and nothing else.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    /// Starts a stage (`load`, `render`…), counting from zero.
    pub fn stage(&self, name: &'static str) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = name;
        }
        self.total.store(0, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// More work became known (a site's pages, once listed).
    pub fn add_total(&self, n: usize) {
        self.total.fetch_add(n, Ordering::Relaxed);
    }

    /// One piece of work is done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage, and how much of it is done of how much is known.
    pub fn snapshot(&self) -> (&'static str, usize, usize) {
        let stage = self.stage.lock().map(|s| *s).unwrap_or("");
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}
