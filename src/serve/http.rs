//! The HTTP side of `serve`: maps a request to a file of the live output
//! folder and answers it. A request path is decoded and checked before it
//! touches the disk: no `..`, no NUL byte, no backslash or drive, and the
//! file found must lie inside the output folder after symlinks are followed,
//! so nothing outside it (the sources least of all) is ever served.

use super::late::LatePages;
use super::live::{self, Broadcast};
use crate::base::diagnostic::Lang;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// What the request handlers share.
pub struct Shared {
    /// The output folder, with symlinks resolved.
    pub root: PathBuf,
    pub broadcast: Broadcast,
    /// The served sites as (id, title), for the list at `/`.
    pub sites: Mutex<Vec<(String, String)>>,
    pub lang: Lang,
    /// Renders a page left for later before its file is read.
    pub late: Arc<LatePages>,
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the list of sites.
    Sites,
    Script,
    Events,
    /// A path under the output folder, as decoded segments, and whether
    /// it ended with `/`.
    File {
        segments: Vec<String>,
        folder: bool,
    },
}

/// A request path that is malformed or tries to leave the output folder.
#[derive(Debug, PartialEq, Eq)]
pub struct BadPath;

/// Decodes and checks the path of a request target (`/a/b?x` → a, b).
pub fn route(target: &str) -> Result<Route, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(BadPath);
    }
    match path {
        "/" => return Ok(Route::Sites),
        live::SCRIPT_PATH => return Ok(Route::Script),
        live::EVENTS_PATH => return Ok(Route::Events),
        _ => {}
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\0', '\\']) {
        return Err(BadPath);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return Err(BadPath),
            s if s.contains(':') => return Err(BadPath),
            s => segments.push(s.to_string()),
        }
    }
    Ok(Route::File {
        segments,
        folder: decoded.ends_with('/'),
    })
}

pub fn percent_decode(path: &str) -> Result<String, BadPath> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath)?;
            let hex = std::str::from_utf8(hex).map_err(|_| BadPath)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| BadPath)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| BadPath)
}

/// What a file route found on disk.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    /// A folder asked for without its `/`: redirect so relative links work.
    Folder,
    Missing,
}

/// Finds the file for decoded `segments` inside `root` (already canonical).
pub fn find(root: &Path, segments: &[String], folder: bool) -> Found {
    let mut path = root.to_path_buf();
    path.extend(segments);
    if path.is_dir() {
        if !folder && !segments.is_empty() {
            return Found::Folder;
        }
        path.push("index.html");
    }
    // Following symlinks must not lead out of the output folder.
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Found::File(real),
        _ => Found::Missing,
    }
}

/// Answers one request; streams events for the live-reload endpoint.
pub fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with(text_response(405, "405"), "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return;
    }
    let route = route(request.url());
    let response = match route {
        Err(BadPath) => text_response(400, "400 Bad Request"),
        Ok(Route::Events) => {
            shared.broadcast.stream(request.into_writer());
            return;
        }
        Ok(Route::Script) => bytes_response(
            &request,
            200,
            live::SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        Ok(Route::Sites) => {
            let page = sites_page(shared);
            bytes_response(&request, 200, page, "text/html; charset=utf-8")
        }
        Ok(Route::File { segments, folder }) => file_response(&request, shared, &segments, folder),
    };
    let _ = request.respond(response);
}

type Reply = Response<Cursor<Vec<u8>>>;

fn file_response(request: &Request, shared: &Shared, segments: &[String], folder: bool) -> Reply {
    shared.late.bring_up_to_date(segments, folder);
    match find(&shared.root, segments, folder) {
        Found::File(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let kind = content_type(&path);
                let bytes = if kind.starts_with("text/html") {
                    live::inject(&bytes)
                } else {
                    bytes
                };
                bytes_response(request, 200, bytes, kind)
            }
            Err(_) => not_found(request, shared, segments),
        },
        Found::Folder => {
            let url = request.url();
            let (path, query) = url.split_once('?').unwrap_or((url, ""));
            let location = if query.is_empty() {
                format!("{path}/")
            } else {
                format!("{path}/?{query}")
            };
            with(text_response(301, "301"), "Location", &location)
        }
        Found::Missing => not_found(request, shared, segments),
    }
}

/// The site's own 404 page when the path is inside a site, else a plain one.
fn not_found(request: &Request, shared: &Shared, segments: &[String]) -> Reply {
    let page = segments
        .first()
        .and_then(|site| {
            let not_found = [site.clone(), "404.html".into()];
            shared.late.bring_up_to_date(&not_found, false);
            match find(&shared.root, &not_found, false) {
                Found::File(path) => std::fs::read(path).ok(),
                _ => None,
            }
        })
        .unwrap_or_else(|| plain_page(shared.lang));
    bytes_response(
        request,
        404,
        live::inject(&page),
        "text/html; charset=utf-8",
    )
}

/// A response with an ETag; 304 when the browser already has these bytes.
fn bytes_response(request: &Request, status: u16, bytes: Vec<u8>, kind: &str) -> Reply {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let cached = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .is_some_and(|h| {
            h.value
                .as_str()
                .split(',')
                .any(|tag| tag.trim().trim_start_matches("W/") == etag || tag.trim() == "*")
        });
    let (status, bytes) = if status == 200 && cached {
        (304, Vec::new())
    } else {
        (status, bytes)
    };
    let response = Response::from_data(bytes).with_status_code(StatusCode(status));
    let response = with(response, "Content-Type", kind);
    let response = with(response, "ETag", &etag);
    let response = with(response, "Cache-Control", "no-cache");
    with(response, "X-Content-Type-Options", "nosniff")
}

fn text_response(status: u16, body: &str) -> Reply {
    let response =
        Response::from_data(body.as_bytes().to_vec()).with_status_code(StatusCode(status));
    with(response, "Content-Type", "text/plain; charset=utf-8")
}

/// Adds a header; a value that is not valid in a header (a raw non-ASCII
/// request path in a redirect) leaves it out rather than failing.
fn with(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// The content type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `/`: the served sites, each a link.
fn sites_page(shared: &Shared) -> Vec<u8> {
    let sites = shared.sites.lock().map(|s| s.clone()).unwrap_or_default();
    let (title, lang) = match shared.lang {
        Lang::Pl => ("Podgląd witryn Tablicy", "pl"),
        Lang::En => ("Tablica site preview", "en"),
    };
    let items: String = sites
        .iter()
        .map(|(id, name)| {
            format!(
                "<li><a href=\"/{id}/\">{}</a> <code>/{id}/</code></li>",
                crate::base::escape::escape_attribute(name)
            )
        })
        .collect();
    let page = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body style=\"font:1.125rem/1.5 system-ui,sans-serif;margin:2rem\">\
         <main><h1>{title}</h1><ul>{items}</ul></main>{}</body></html>",
        live::SCRIPT_TAG
    );
    page.into_bytes()
}

fn plain_page(lang: Lang) -> Vec<u8> {
    let (title, text, back, code) = match lang {
        Lang::Pl => (
            "Nie ma takiej strony",
            "Pod tym adresem nie ma żadnej strony.",
            "Lista witryn",
            "pl",
        ),
        Lang::En => (
            "Page not found",
            "There is no page at this address.",
            "List of sites",
            "en",
        ),
    };
    format!(
        "<!doctype html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font:1.125rem/1.5 system-ui,sans-serif;margin:2rem\"><main><h1>{title}</h1>\
         <p>{text}</p><p><a href=\"/\">{back}</a></p></main></body></html>"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Result<Route, BadPath> {
        route(path)
    }

    #[test]
    fn traversal_and_malformed_paths_are_rejected() {
        for bad in [
            "/../etc/passwd",
            "/cwd/../../etc/passwd",
            "/cwd/%2e%2e/%2e%2e/etc/passwd",
            "/cwd/%2E%2E%2Fsecret",
            "/cwd/..%5c..%5cwin.ini",
            "/cwd/a%00.html",
            "/cwd/%zz",
            "/cwd/%c3",
            "/C:/Windows/win.ini",
            "etc/passwd",
            "http://example.org/x",
        ] {
            assert_eq!(file(bad), Err(BadPath), "{bad}");
        }
    }

    #[test]
    fn good_paths_are_decoded_into_segments() {
        assert_eq!(
            file("/cwd/aktualno%C5%9Bci/a%20b/?q=1"),
            Ok(Route::File {
                segments: vec!["cwd".into(), "aktualności".into(), "a b".into()],
                folder: true
            })
        );
        assert_eq!(
            file("//etc/passwd"),
            Ok(Route::File {
                segments: vec!["etc".into(), "passwd".into()],
                folder: false
            })
        );
        assert_eq!(file("/"), Ok(Route::Sites));
        assert_eq!(file("/__tablica/events"), Ok(Route::Events));
    }
}
