//! `tablica edytor`: a small web application on 127.0.0.1 in which a
//! clerk writes an announcement in a form instead of a text editor. It is
//! served by `serve` beside the live preview and reads and writes the same
//! Markdown files: the form's fields come from the front matter
//! ([`crate::authoring::form`]), the preview is the page rendered by the
//! same path as `build` ([`super::preview::Draft`]), publishing is a build
//! and `deploy`. Every request is vetted first ([`guard`]); everything that
//! changes files goes through `/api/` ([`api`]) and stays inside the
//! workspace's content folder ([`files`]).

mod api;
mod app;
pub mod files;
pub mod guard;
mod publishing;

use super::pictures;
use super::preview::Preview;
use crate::base::diagnostic::Lang;
use guard::{Facts, Refusal};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Where the application lives on the server.
pub const APP_PATH: &str = "/edytor/";
/// The largest JSON body the API reads (a long announcement is 50 kB).
const MAX_JSON_BYTES: u64 = 4 * 1024 * 1024;

/// The editor's state, shared by the request threads.
pub struct Editor {
    token: String,
    port: u16,
    lang: Lang,
    /// The workspace folder, absolute.
    root: PathBuf,
    preview: Arc<Mutex<Preview>>,
    pictures: Arc<pictures::Worker>,
    /// The last or current `deploy` of each site.
    deploys: Arc<Mutex<HashMap<String, api::DeployState>>>,
    /// One `build` at a time: two clerks publishing at once would race
    /// for the output folder's swap.
    publishing: Mutex<()>,
}

/// What the editor is started with.
pub struct Setup {
    pub port: u16,
    pub lang: Lang,
    pub root: PathBuf,
    pub preview: Arc<Mutex<Preview>>,
    pub pictures: Arc<pictures::Worker>,
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

impl Editor {
    pub fn new(setup: Setup) -> Result<Editor, getrandom::Error> {
        Ok(Editor {
            token: guard::new_token()?,
            port: setup.port,
            lang: setup.lang,
            root: setup.root,
            preview: setup.preview,
            pictures: setup.pictures,
            deploys: Arc::default(),
            publishing: Mutex::default(),
        })
    }

    /// Answers a request meant for the editor, or hands it back for the
    /// live preview's files (after the same host check).
    pub fn answer(&self, mut request: Request) -> Option<Request> {
        let path = request
            .url()
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_string();
        let is_api = path.starts_with("/api/");
        let is_app = path == "/" || path == "/edytor" || path.starts_with(APP_PATH);
        let vetted = {
            let facts = facts_of(&request);
            if is_api {
                guard::vet_api(&facts, self.port, &self.token)
            } else {
                guard::vet_page(&facts, self.port)
            }
        };
        let reply = match vetted {
            Err(refusal) => refused(refusal),
            Ok(()) if is_api => self.api(&mut request, &path),
            Ok(()) if is_app => self.app(&request, &path),
            Ok(()) => return Some(request),
        };
        let _ = request.respond(reply);
        None
    }

    /// The application's page and files.
    fn app(&self, request: &Request, path: &str) -> Reply {
        if !matches!(request.method(), Method::Get | Method::Head) {
            return json_error(405, "GET only");
        }
        match path {
            "/" | "/edytor" => redirect(APP_PATH),
            APP_PATH => app::page(&self.token, self.lang),
            other => app::asset(other.trim_start_matches(APP_PATH)),
        }
    }

    /// Reads a JSON body of at most [`MAX_JSON_BYTES`].
    fn json_body<T: serde::de::DeserializeOwned>(request: &mut Request) -> Result<T, Reply> {
        let bytes = read_body(request, MAX_JSON_BYTES)?;
        serde_json::from_slice(&bytes).map_err(|e| json_error(400, &format!("bad JSON: {e}")))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Preview> {
        self.preview.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The request's facts the guard reads.
fn facts_of(request: &Request) -> Facts<'_> {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str())
    };
    Facts {
        remote: request.remote_addr().map(|a| a.ip()),
        host: header("Host"),
        origin: header("Origin"),
        fetch_site: header("Sec-Fetch-Site"),
        token: header("X-Tablica-Token"),
    }
}

/// Reads at most `limit` bytes of the body; more is refused with 413
/// (by the declared length before anything is read, when it is declared).
fn read_body(request: &mut Request, limit: u64) -> Result<Vec<u8>, Reply> {
    if request.body_length().is_some_and(|n| n as u64 > limit) {
        return Err(too_big(limit));
    }
    let mut bytes = Vec::new();
    let read = request.as_reader().take(limit + 1).read_to_end(&mut bytes);
    match read {
        Err(e) => Err(json_error(400, &format!("cannot read the request: {e}"))),
        Ok(_) if bytes.len() as u64 > limit => Err(too_big(limit)),
        Ok(_) => Ok(bytes),
    }
}

fn too_big(limit: u64) -> Reply {
    json_error(
        413,
        &format!("the file is larger than {} MB", limit / (1024 * 1024)),
    )
}

fn refused(refusal: Refusal) -> Reply {
    json_error(403, refusal.message())
}

/// A JSON answer; never cached, never sniffed.
fn json(status: u16, value: &impl serde::Serialize) -> Reply {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    let reply = Response::from_data(body).with_status_code(StatusCode(status));
    let reply = with(reply, "Content-Type", "application/json; charset=utf-8");
    let reply = with(reply, "Cache-Control", "no-store");
    with(reply, "X-Content-Type-Options", "nosniff")
}

fn json_error(status: u16, message: &str) -> Reply {
    json(status, &serde_json::json!({ "error": message }))
}

fn redirect(to: &str) -> Reply {
    with(
        Response::from_data(Vec::new()).with_status_code(StatusCode(303)),
        "Location",
        to,
    )
}

fn with(reply: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => reply.with_header(header),
        Err(()) => reply,
    }
}
