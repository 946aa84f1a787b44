//! The editor's own page and files, embedded in the binary (no network at
//! run time). The page's words come from `assets/pl.json` or `en.json`:
//! `{{key}}` in `index.html` is replaced by the key's text, and the whole
//! file goes to the script too, with the session token.

use super::{json_error, with, Reply};
use crate::base::diagnostic::Lang;
use crate::base::escape::escape_attribute;
use tiny_http::{Response, StatusCode};

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/editor.js");
const STYLE: &str = include_str!("assets/editor.css");
const POLISH: &str = include_str!("assets/pl.json");
const ENGLISH: &str = include_str!("assets/en.json");

/// What the page allows itself: its own files, the preview's pictures, and
/// nothing from elsewhere; it may not be framed by another page.
const POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
    style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self'; \
    connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

/// The words of the editor in `lang`.
pub fn strings(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => POLISH,
        Lang::En => ENGLISH,
    }
}

/// The application's page, with its words, language and token filled in.
pub fn page(token: &str, lang: Lang) -> Reply {
    let strings = strings(lang);
    let words: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(strings).unwrap_or_default();
    let mut html = INDEX
        .replace("{{token}}", token)
        .replace("{{lang}}", lang.code())
        // The JSON sits in a <script>: `</` must not end it.
        .replace("{{strings_json}}", &strings.replace("</", "<\\/"));
    for (key, value) in &words {
        if let Some(text) = value.as_str() {
            html = html.replace(&format!("{{{{{key}}}}}"), &escape_attribute(text));
        }
    }
    let reply = Response::from_data(html.into_bytes()).with_status_code(StatusCode(200));
    let reply = with(reply, "Content-Type", "text/html; charset=utf-8");
    let reply = with(reply, "Cache-Control", "no-store");
    let reply = with(reply, "Content-Security-Policy", POLICY);
    with(reply, "Referrer-Policy", "no-referrer")
}

/// `editor.js` or `editor.css`.
pub fn asset(name: &str) -> Reply {
    let (body, kind) = match name {
        "editor.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "editor.css" => (STYLE, "text/css; charset=utf-8"),
        _ => return json_error(404, "no such file"),
    };
    let reply = Response::from_data(body.as_bytes().to_vec()).with_status_code(StatusCode(200));
    let reply = with(reply, "Content-Type", kind);
    with(reply, "Cache-Control", "no-cache")
}
