//! Progress of a long build, as counters the pipeline bumps from any
//! thread. The library only counts; the command line decides whether and
//! how to draw it (see `report::progress`), so tests and `--quiet` runs pay
//! two atomic additions per page and nothing else.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    total: AtomicUsize,
    done: AtomicUsize,
    /// For uploads: bytes to send and bytes sent.
    bytes_total: AtomicU64,
    bytes_done: AtomicU64,
}

impl Progress {
    /// Starts a stage (`load`, `render`…), counting from zero.
    pub fn stage(&self, name: &'static str) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = name;
        }
        self.total.store(0, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.bytes_total.store(0, Ordering::Relaxed);
        self.bytes_done.store(0, Ordering::Relaxed);
    }

    /// More bytes to send became known.
    pub fn add_bytes_total(&self, n: u64) {
        self.bytes_total.fetch_add(n, Ordering::Relaxed);
    }

    /// A file of `n` bytes was sent.
    pub fn sent(&self, n: u64) {
        self.bytes_done.fetch_add(n, Ordering::Relaxed);
        self.tick();
    }

    /// Bytes sent of bytes to send.
    pub fn bytes(&self) -> (u64, u64) {
        (
            self.bytes_done.load(Ordering::Relaxed),
            self.bytes_total.load(Ordering::Relaxed),
        )
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
