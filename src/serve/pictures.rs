//! `serve`'s picture worker: photos are made (or linked from the cache) on
//! a thread of their own, so a rebuild's pages are served and reloaded at
//! once and a photo dropped into a page's folder never holds them up; once
//! a batch of photos is in place, open pages reload again to show them.

use super::live::Event;
use crate::base::diagnostic::Lang;
use crate::content::facts::Pos;
use crate::media::process::Processor;
use crate::media::Plan;
use crate::report::diagnostics::TextRenderer;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// One picture to publish into a site's live folder.
pub struct Job {
    /// The site's live folder.
    pub dir: PathBuf,
    pub plan: Plan,
    /// The page that names it, and where, for a problem found on the way.
    pub file: PathBuf,
    pub pos: Pos,
}

/// The worker thread and the way to hand it pictures.
pub struct Worker {
    jobs: Option<Sender<Vec<Job>>>,
    thread: Option<JoinHandle<()>>,
}

/// What the worker needs to make photos and say what it did.
pub struct Setup {
    pub cache: PathBuf,
    pub root: PathBuf,
    pub lang: Lang,
    pub color: bool,
}

impl Worker {
    /// Starts the thread; `shared` tells open pages to reload.
    pub fn start(setup: Setup, shared: Arc<super::http::Shared>) -> Worker {
        let (jobs, received) = channel();
        let thread = std::thread::spawn(move || work(&setup, &shared, &received));
        Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        }
    }

    /// Hands over pictures to publish; nothing to do for an empty list.
    pub fn publish(&self, jobs: Vec<Job>) {
        if jobs.is_empty() {
            return;
        }
        if let Some(sender) = &self.jobs {
            let _ = sender.send(jobs);
        }
    }
}

impl Drop for Worker {
    /// Lets the thread finish the batch it is on, then waits for it.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Publishes each batch as it comes (batches that queued up meanwhile go
/// together), then reloads open pages when something new is in place.
fn work(setup: &Setup, shared: &super::http::Shared, received: &Receiver<Vec<Job>>) {
    let processor = Processor::new(Some(setup.cache.clone()));
    let mut terminal = TextRenderer::new(&setup.root, setup.lang, setup.color);
    while let Ok(mut jobs) = received.recv() {
        while let Ok(more) = received.try_recv() {
            jobs.extend(more);
        }
        let problems: Vec<_> = jobs
            .par_iter()
            .filter_map(|job| {
                let problem = processor.publish(&job.plan, &job.dir).err()?;
                Some(crate::content::picture_problem(
                    &job.file, job.pos, &job.plan, &problem,
                ))
            })
            .collect();
        for problem in &problems {
            eprintln!(
                "{}\n",
                terminal.render(&problem.clone().relative_to(&setup.root))
            );
        }
        if problems.len() < jobs.len() {
            shared.broadcast.publish(Event::Reload);
        }
    }
}
