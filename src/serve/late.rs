//! Pages left for when they are asked for. After a new announcement a big
//! site's list pages all shift by one; `serve` renders the ones a reader
//! looks at first and leaves the others pending ([`crate::output::Pages`]).
//! A request for a pending page renders it before the file is read; a
//! request for any other file is answered without waiting for the rebuild
//! that may be running, because the pending sets are read without the
//! preview's lock.

use super::lock;
use super::preview::Preview;
use crate::output::PendingPages;
use std::sync::{Arc, Mutex, PoisonError};

/// The preview and, for each served site, its pending pages.
pub struct LatePages {
    preview: Arc<Mutex<Preview>>,
    /// Site id and its pending pages (paths relative to the site folder).
    sites: Mutex<Vec<(String, PendingPages)>>,
}

impl LatePages {
    /// Takes the pending sets of the preview's sites (the caller holds no
    /// lock on `preview`).
    pub fn new(preview: Arc<Mutex<Preview>>) -> LatePages {
        let sites = lock(&preview).pending_pages();
        LatePages {
            preview,
            sites: Mutex::new(sites),
        }
    }

    /// Takes the pending sets again after a rebuild, which may have added
    /// or dropped sites; `preview` is the locked preview.
    pub fn update(&self, preview: &Preview) {
        *self.sites.lock().unwrap_or_else(PoisonError::into_inner) = preview.pending_pages();
    }

    /// Renders the page at `segments` (site id first; `folder` when the
    /// request ended with `/`) when it is pending.
    pub fn bring_up_to_date(&self, segments: &[String], folder: bool) {
        let Some((site, rest)) = segments.split_first() else {
            return;
        };
        let Some(path) = self.pending_path(site, rest, folder) else {
            return;
        };
        lock(&self.preview).render_asked(site, &path);
    }

    /// The pending page a request for `rest` of `site` reads, if any.
    fn pending_path(&self, site: &str, rest: &[String], folder: bool) -> Option<String> {
        let sites = self.sites.lock().unwrap_or_else(PoisonError::into_inner);
        let (_, pending) = sites.iter().find(|(id, _)| id == site)?;
        let pending = pending.lock().unwrap_or_else(PoisonError::into_inner);
        if pending.is_empty() {
            return None;
        }
        let joined = rest.join("/");
        let page = if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        };
        // `/a/b` may be the file `a/b` or, redirected, the folder `a/b/`.
        let candidates = if folder {
            vec![page]
        } else {
            vec![joined, page]
        };
        candidates.into_iter().find(|path| pending.contains(path))
    }
}
