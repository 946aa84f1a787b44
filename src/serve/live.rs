//! Live reload: the events a rebuild sends to open pages, the Server-Sent
//! Events stream that carries them, and the small script that `serve`
//! injects into the pages it serves (never into `build` output).

use crate::base::diagnostic::{Diagnostic, Lang};
use serde::Serialize;
use std::io::Write;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Where the script and the event stream are served.
pub const SCRIPT_PATH: &str = "/__tablica/live.js";
pub const EVENTS_PATH: &str = "/__tablica/events";

/// The tag injected before `</body>` of every served page.
pub const SCRIPT_TAG: &str = "<script src=\"/__tablica/live.js\"></script>";

/// The script: reloads after a rebuild, swaps stylesheets after a CSS-only
/// change, and shows the build's errors over the page until they are fixed.
pub const SCRIPT: &str = include_str!("live.js");

/// How often an idle stream sends a comment, so a closed tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Nothing happened yet.
    Started,
    /// The pages were rebuilt: reload.
    Reload,
    /// Only stylesheets changed: swap them.
    Styles,
    /// The last rebuild failed: show the errors (JSON, see [`failure`]).
    Failure(String),
    /// The pages were rebuilt, but have problems that `build` would stop
    /// at: reload, then show them (JSON, see [`notice`]).
    Notice(String),
}

impl Event {
    fn name(&self) -> &'static str {
        match self {
            Event::Started => "hello",
            Event::Reload => "reload",
            Event::Styles => "styles",
            Event::Failure(_) => "failure",
            Event::Notice(_) => "notice",
        }
    }
}

#[derive(Debug)]
struct State {
    /// Counts every event published, so streams see each change.
    generation: u64,
    /// Counts rebuilds that changed pages: a page knows which it shows.
    rebuild: u64,
    event: Event,
    stopping: bool,
}

/// The latest event, shared by every open stream.
#[derive(Debug)]
pub struct Broadcast {
    state: Mutex<State>,
    changed: Condvar,
}

impl Default for Broadcast {
    fn default() -> Self {
        Broadcast {
            state: Mutex::new(State {
                generation: 0,
                rebuild: 0,
                event: Event::Started,
                stopping: false,
            }),
            changed: Condvar::new(),
        }
    }
}

impl Broadcast {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking stream thread cannot leave the state half-changed.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Publishes an event; a reload or a stylesheet swap starts a new
    /// rebuild number, which later notices about the same pages share.
    pub fn publish(&self, event: Event) {
        let mut state = self.lock();
        state.generation += 1;
        if matches!(event, Event::Reload | Event::Styles) {
            state.rebuild += 1;
        }
        state.event = event;
        self.changed.notify_all();
    }

    /// Ends every stream.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    pub fn stopping(&self) -> bool {
        self.lock().stopping
    }

    /// Whether the last rebuild failed (pages then show the errors at once).
    pub fn current_failure(&self) -> Option<String> {
        match &self.lock().event {
            Event::Failure(json) => Some(json.clone()),
            _ => None,
        }
    }

    /// Streams events to one page until it goes away or the server stops.
    pub fn stream(&self, mut out: Box<dyn Write + Send>) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-cache\r\nConnection: close\r\n\r\nretry: 1000\n\n";
        // A new page hears "hello" with the rebuild it shows, then the
        // errors if there are any now; never a reload.
        let (mut seen, rebuild, current) = {
            let state = self.lock();
            (state.generation, state.rebuild, state.event.clone())
        };
        if out.write_all(head.as_bytes()).is_err()
            || send(&mut out, &Event::Started, rebuild).is_err()
        {
            return;
        }
        if matches!(current, Event::Failure(_) | Event::Notice(_))
            && send(&mut out, &current, rebuild).is_err()
        {
            return;
        }
        loop {
            let next = {
                let state = self.lock();
                let (state, _) = self
                    .changed
                    .wait_timeout_while(state, KEEPALIVE, |s| s.generation == seen && !s.stopping)
                    .unwrap_or_else(|e| e.into_inner());
                if state.stopping {
                    return;
                }
                (state.generation != seen)
                    .then(|| (state.generation, state.rebuild, state.event.clone()))
            };
            let written = match next {
                Some((generation, rebuild, event)) => {
                    seen = generation;
                    send(&mut out, &event, rebuild)
                }
                None => out.write_all(b": ping\n\n").and_then(|_| out.flush()),
            };
            if written.is_err() {
                return;
            }
        }
    }
}

/// Writes one event; its data is a JSON object with the rebuild number.
fn send(out: &mut Box<dyn Write + Send>, event: &Event, rebuild: u64) -> std::io::Result<()> {
    let data = match event {
        Event::Failure(json) | Event::Notice(json) => {
            let fields = json.trim_start_matches('{');
            format!("{{\"rebuild\":{rebuild},{fields}")
        }
        _ => format!("{{\"rebuild\":{rebuild}}}"),
    };
    write!(out, "event: {}\ndata: {data}\n\n", event.name())?;
    out.flush()
}

#[derive(Serialize)]
struct FailureView {
    title: &'static str,
    note: &'static str,
    close: &'static str,
    errors: Vec<ErrorView>,
}

#[derive(Serialize)]
struct ErrorView {
    place: String,
    message: String,
    hint: Option<String>,
}

/// The errors of a failed rebuild as the page overlay shows them.
pub fn failure(errors: &[Diagnostic], lang: Lang) -> String {
    let (title, note) = match lang {
        Lang::Pl => (
            "Nie udało się przebudować witryny",
            "Widzisz ostatnią dobrą wersję stron. Popraw plik i zapisz go: strona odświeży się sama.",
        ),
        Lang::En => (
            "The site could not be rebuilt",
            "You are seeing the last good pages. Fix the file and save it: the page will reload by itself.",
        ),
    };
    overlay(title, note, errors, lang)
}

/// Content errors of a rebuilt site, which `build` would stop at.
pub fn notice(errors: &[Diagnostic], lang: Lang) -> String {
    let (title, note) = match lang {
        Lang::Pl => (
            "Treść ma błędy dostępności",
            "Podgląd pokazuje zmiany, ale tablica build nie opublikuje witryny, dopóki ich nie poprawisz.",
        ),
        Lang::En => (
            "The content has accessibility errors",
            "The preview shows your changes, but tablica build will not publish the site until they are fixed.",
        ),
    };
    overlay(title, note, errors, lang)
}

fn overlay(title: &'static str, note: &'static str, errors: &[Diagnostic], lang: Lang) -> String {
    let close = match lang {
        Lang::Pl => "Ukryj",
        Lang::En => "Hide",
    };
    let view = FailureView {
        title,
        note,
        close,
        errors: errors
            .iter()
            .map(|d| ErrorView {
                place: d.location.to_string(),
                message: d.message.get(lang).to_string(),
                hint: d.hint.as_ref().map(|h| h.get(lang).to_string()),
            })
            .collect(),
    };
    serde_json::to_string(&view).unwrap_or_else(|_| "{}".to_string())
}

/// Puts the live-reload script into a served page.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_body_or_at_the_end() {
        let page = inject(b"<p>a</p></BODY></html>");
        assert_eq!(
            String::from_utf8_lossy(&page),
            format!("<p>a</p>{SCRIPT_TAG}</BODY></html>")
        );
        let minified = inject(b"<p>a");
        assert_eq!(
            String::from_utf8_lossy(&minified),
            format!("<p>a{SCRIPT_TAG}")
        );
    }
}
