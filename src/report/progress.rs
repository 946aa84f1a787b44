//! The live progress line of a long build on a terminal (indicatif): it
//! appears only when the work takes longer than half a second, is drawn on
//! stderr, and is removed when the work ends. Never drawn when stderr is
//! not a terminal, with `--quiet`, in JSON mode, or under `CI`.

use crate::base::diagnostic::Lang;
use crate::base::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Work shorter than this never shows a progress line.
const DELAY: Duration = Duration::from_millis(500);
const REFRESH: Duration = Duration::from_millis(100);

/// Whether a progress line may be drawn at all.
pub fn wanted(quiet: bool, json: bool) -> bool {
    !quiet
        && !json
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
}

/// A progress line being drawn (or waiting to be); [`ProgressLine::finish`] removes it.
pub struct ProgressLine {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ProgressLine {
    pub fn start(progress: Arc<Progress>, lang: Lang) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = stop.clone();
            std::thread::spawn(move || draw(&progress, &stop, lang))
        };
        ProgressLine {
            stop,
            thread: Some(thread),
        }
    }

    /// A line that is never drawn (progress not wanted).
    pub fn none() -> Self {
        ProgressLine {
            stop: Arc::new(AtomicBool::new(true)),
            thread: None,
        }
    }

    pub fn finish(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn draw(progress: &Progress, stop: &AtomicBool, lang: Lang) {
    let started = Instant::now();
    while started.elapsed() < DELAY {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let counted = match lang {
        Lang::Pl => "{prefix:>9} [{bar:30}] {pos}/{len} {msg}, zostało {eta}",
        Lang::En => "{prefix:>9} [{bar:30}] {pos}/{len} {msg}, {eta} left",
    };
    // Uploads count bytes, with their rate; files go in the message.
    let uploading = match lang {
        Lang::Pl => "{prefix:>9} [{bar:20}] {bytes}/{total_bytes}, {binary_bytes_per_sec}, {msg}, zostało {eta}",
        Lang::En => "{prefix:>9} [{bar:20}] {bytes}/{total_bytes}, {binary_bytes_per_sec}, {msg}, {eta} left",
    };
    // Before the pages are listed there is nothing to count: a spinner.
    let uncounted = "{prefix:>9} {spinner} {elapsed}";
    let mut shown = "";
    while !stop.load(Ordering::SeqCst) {
        let (stage, done, total) = progress.snapshot();
        let template = match (stage, total > 0) {
            ("deploy", true) => uploading,
            (_, true) => counted,
            (_, false) => uncounted,
        };
        if template != shown {
            shown = template;
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
        }
        bar.set_prefix(stage_name(stage, lang));
        if stage == "deploy" {
            let (sent, bytes) = progress.bytes();
            bar.set_length(bytes);
            bar.set_position(sent);
            bar.set_message(match lang {
                Lang::Pl => format!("{done}/{total} plików"),
                Lang::En => format!("{done}/{total} files"),
            });
        } else {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(match (stage, lang) {
                ("package", Lang::Pl) => "plików",
                ("package", Lang::En) => "files",
                (_, Lang::Pl) => "stron",
                (_, Lang::En) => "pages",
            });
        }
        bar.tick();
        std::thread::sleep(REFRESH);
    }
    bar.finish_and_clear();
}

fn stage_name(stage: &str, lang: Lang) -> &'static str {
    match (stage, lang) {
        ("load", Lang::Pl) => "wczytanie",
        ("load", Lang::En) => "loading",
        ("render", Lang::Pl) => "strony",
        ("render", Lang::En) => "pages",
        ("check", Lang::Pl) => "reguły",
        ("check", Lang::En) => "rules",
        ("package", Lang::Pl) => "paczka",
        ("package", Lang::En) => "packing",
        ("deploy", Lang::Pl) => "wysyłanie",
        ("deploy", Lang::En) => "uploading",
        (_, Lang::Pl) => "praca",
        (_, Lang::En) => "working",
    }
}
