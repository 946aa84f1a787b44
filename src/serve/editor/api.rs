//! The editor's API: JSON in, JSON out, one handler per action. Every
//! request reaching here has passed the guard (address, host, origin,
//! token). Handlers check what they are given (the site is served, the
//! path is a page inside its content folder) before touching a file.

use super::files::{self, Kind, PageFile, Refused};
use super::{json, json_error, read_body, Editor, Reply};
use crate::authoring::form::{self, Fields, Place};
use crate::base::diagnostic::{Diagnostic, Lang, Severity};
use crate::base::progress::Progress;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiny_http::{Method, Request};

/// A problem as the form shows it: next to a field, or a body line.
#[derive(Debug, Serialize)]
pub struct Problem {
    severity: &'static str,
    rule: Option<&'static str>,
    /// The front-matter key it is about (`title`, `gallery`…), `body`, or
    /// empty for the page as a whole.
    field: String,
    /// The body's line when `field` is `body`, else the file's line.
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
    /// Another file the problem is in (a page that links to this one).
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

impl Problem {
    /// Whether it is about the page being edited, not another file.
    pub fn is_about_the_page(&self) -> bool {
        self.file.is_none()
    }
}

/// The page the browser names, checked.
pub(super) struct Target {
    pub(super) site: String,
    pub(super) path: String,
    /// The file on disk.
    pub(super) file: PathBuf,
    /// Its folder for photos and documents.
    pub(super) folder: PathBuf,
    /// The file as problems name it: `content/<site>/<path>`.
    pub(super) relative: String,
}

#[derive(Deserialize)]
struct Edited {
    site: String,
    path: String,
    #[serde(default)]
    base: String,
    #[serde(default)]
    fields: Fields,
    #[serde(default)]
    body: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    force: bool,
}

/// The state of a site's `deploy`, for the progress bar.
#[derive(Clone)]
pub enum DeployState {
    Running(Arc<Progress>),
    Done(String),
    Failed(String),
}

impl Target {
    /// The page's address in the live preview, as `content` makes it.
    pub(super) fn url(&self) -> String {
        format!(
            "/{}/{}",
            self.site,
            crate::content::paths::url_path_for(&self.path)
        )
    }
}

impl Editor {
    /// Dispatches a vetted API request.
    pub(super) fn api(&self, request: &mut Request, path: &str) -> Reply {
        let query = query_of(request.url());
        let get = |key: &str| {
            query
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let site = get("site").unwrap_or_default();
        let page = get("path").unwrap_or_default();
        match (request.method(), path) {
            (Method::Get, "/api/sites") => json(200, &json!({ "sites": self.lock().site_facts() })),
            (Method::Get, "/api/pages") => self.pages(site),
            (Method::Get, "/api/page") => self.page(site, page),
            (Method::Get, "/api/deploy") => self.deploy_state(site),
            (Method::Post, "/api/upload") => {
                let name = get("name").unwrap_or_default().to_string();
                let (site, page) = (site.to_string(), page.to_string());
                self.upload(request, &site, &page, &name)
            }
            (Method::Post, "/api/new") => self.with_json(request, |e, v| e.create(v)),
            (Method::Post, "/api/preview") => self.with_json(request, |e, v| e.preview(v)),
            (Method::Post, "/api/save") => self.with_json(request, |e, v| e.save(v)),
            (Method::Post, "/api/paste") => self.with_json(request, |_, v| paste(v)),
            (Method::Post, "/api/publish") => self.with_json(request, Editor::publish),
            (Method::Post, "/api/deploy") => self.with_json(request, Editor::deploy),
            _ => json_error(404, "no such action"),
        }
    }

    fn with_json<T: serde::de::DeserializeOwned>(
        &self,
        request: &mut Request,
        handler: impl FnOnce(&Editor, T) -> Reply,
    ) -> Reply {
        match Editor::json_body(request) {
            Ok(value) => handler(self, value),
            Err(reply) => reply,
        }
    }

    /// Checks a site id and a page path from the browser.
    pub(super) fn target(&self, site: &str, path: &str) -> Result<Target, Reply> {
        let served = self.lock().served_site(site).is_some();
        if !served {
            return Err(json_error(
                404,
                &self.say("nie ma takiego serwisu", "no such site"),
            ));
        }
        let path = files::page_path(path).map_err(|_| self.bad_path())?;
        let content_root = self.root.join("content").join(site);
        Ok(Target {
            site: site.to_string(),
            path: path.to_string(),
            file: content_root.join(path),
            folder: files::page_folder(&content_root, path),
            relative: format!("content/{site}/{path}"),
        })
    }

    fn pages(&self, site: &str) -> Reply {
        match self.lock().announcements(site) {
            Some(pages) => json(200, &json!({ "pages": pages })),
            None => json_error(404, &self.say("nie ma takiego serwisu", "no such site")),
        }
    }

    fn page(&self, site: &str, path: &str) -> Reply {
        let target = match self.target(site, path) {
            Ok(target) => target,
            Err(reply) => return reply,
        };
        match self.page_json(&target) {
            Ok(value) => json(200, &value),
            Err(reply) => reply,
        }
    }

    /// Everything the form needs about a page on disk.
    fn page_json(&self, target: &Target) -> Result<serde_json::Value, Reply> {
        let Some((text, revision)) = read_page(&target.file) else {
            return Err(json_error(
                404,
                &self.say("nie ma takiego pliku", "no such file"),
            ));
        };
        let (fields, body) = match form::read(&text) {
            Ok(read) => read,
            Err(error) => {
                let message = error.message.get(self.lang).to_string();
                return Err(json(
                    422,
                    &json!({ "error": message, "line": error.line, "text": text }),
                ));
            }
        };
        Ok(json!({
            "site": target.site, "path": target.path, "text": text, "revision": revision,
            "fields": fields, "body": body, "files": files::page_files(&target.folder),
            "url": target.url(),
        }))
    }

    /// A new announcement: `<section>/<date>-<slug>.md`, a draft until
    /// the clerk publishes it.
    fn create(&self, request: serde_json::Value) -> Reply {
        let text_of = |key: &str| {
            request
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let (site, title, date) = (text_of("site"), text_of("title").trim(), text_of("date"));
        let Some(facts) = self
            .lock()
            .site_facts()
            .into_iter()
            .find(|s| s.id == site && !s.hub)
        else {
            return json_error(404, &self.say("nie ma takiego serwisu", "no such site"));
        };
        let Ok(day) = crate::base::date::PageDate::parse(date) else {
            return json_error(
                400,
                &self.say("podaj datę ogłoszenia", "give the announcement's date"),
            );
        };
        if title.is_empty() {
            return json_error(
                400,
                &self.say("podaj tytuł ogłoszenia", "give the announcement's title"),
            );
        }
        let section = self.root.join("content").join(site).join(&facts.section);
        let file = match crate::authoring::page_path(&section, day, title) {
            Ok(file) => file,
            Err(problem) => return json_error(409, problem.message.get(self.lang)),
        };
        let fields = Fields {
            title: title.to_string(),
            date: day.iso_date(),
            draft: true,
            ..Fields::default()
        };
        let text = form::new_file(&fields, "");
        if let Err(problem) = crate::authoring::write_new_file(&file, text.as_bytes()) {
            return json_error(409, problem.message.get(self.lang));
        }
        let path = format!("{}/{}", facts.section, file_name(&file));
        match self.target(site, &path).and_then(|t| self.page_json(&t)) {
            Ok(value) => json(201, &value),
            Err(reply) => reply,
        }
    }

    /// The page as the form would save it: rendered, and its problems.
    fn preview(&self, edited: Edited) -> Reply {
        let target = match self.target(&edited.site, &edited.path) {
            Ok(target) => target,
            Err(reply) => return reply,
        };
        let text = form::write(&edited.base, &edited.fields, &edited.body);
        let (html, problems) = self.render(&target, &text);
        json(
            200,
            &json!({ "html": html, "problems": problems, "text": text }),
        )
    }

    /// Renders `text` as the target's file; hands its new photos to the
    /// picture worker.
    fn render(&self, target: &Target, text: &str) -> (Option<String>, Vec<Problem>) {
        let draft = self.lock().draft(&target.site, &target.path, text);
        self.pictures.publish(draft.pictures);
        let problems = self.problems(&draft.problems, Some((target, text)));
        (draft.html, problems)
    }

    /// Saves the form to the file, unless the file changed on disk since
    /// the browser read it (then both versions go back, nothing is lost).
    fn save(&self, edited: Edited) -> Reply {
        let target = match self.target(&edited.site, &edited.path) {
            Ok(target) => target,
            Err(reply) => return reply,
        };
        let disk = read_page(&target.file);
        let text = form::write(&edited.base, &edited.fields, &edited.body);
        let moved_on =
            disk.as_ref().map(|(_, revision)| revision.as_str()) != Some(&edited.revision);
        if moved_on && !edited.force {
            return self.conflict(disk, text);
        }
        if let Err(e) = files::replace_file(&target.file, text.as_bytes()) {
            return json_error(
                500,
                &self.say_io("nie można zapisać pliku", "cannot save the file", &e),
            );
        }
        let (fields, body) = form::read(&text).unwrap_or_default();
        let (_, problems) = self.render(&target, &text);
        let revision = revision_of(text.as_bytes());
        json(
            200,
            &json!({
                "revision": revision, "text": text, "fields": fields, "body": body, "problems": problems,
            }),
        )
    }

    fn conflict(&self, disk: Option<(String, String)>, mine: String) -> Reply {
        let disk = disk.map(|(text, revision)| {
            let (fields, body) = form::read(&text).unwrap_or_default();
            json!({ "text": text, "revision": revision, "fields": fields, "body": body })
        });
        json(
            409,
            &json!({
                "conflict": true, "disk": disk, "mine": mine,
                "error": self.say(
                    "plik zmienił się na dysku, odkąd go otwarto",
                    "the file changed on disk since it was opened"),
            }),
        )
    }

    /// Stores an uploaded photo or document in the page's folder.
    fn upload(&self, request: &mut Request, site: &str, page: &str, name: &str) -> Reply {
        let target = match self.target(site, page) {
            Ok(target) => target,
            Err(reply) => return reply,
        };
        let (name, kind) = match files::upload_name(name) {
            Ok(named) => named,
            Err(Refused::Type(extension)) => return self.refused_type(&extension),
            Err(_) => return self.bad_path(),
        };
        let bytes = match read_body(request, kind.limit()) {
            Ok(bytes) => bytes,
            Err(reply) => return reply,
        };
        if let Some(problem) = wrong_content(kind, &name, &bytes) {
            return json_error(415, problem.get(self.lang));
        }
        if !target.file.exists() {
            return json_error(404, &self.say("nie ma takiego pliku", "no such file"));
        }
        let name = files::free_name(&target.folder, &name);
        let path = target.folder.join(&name);
        if let Err(e) = files::replace_file(&path, &bytes) {
            return json_error(
                500,
                &self.say_io("nie można zapisać pliku", "cannot save the file", &e),
            );
        }
        let markdown = match kind {
            Kind::Image => format!("![]({name})"),
            Kind::Document => String::new(),
        };
        json(
            201,
            &json!({ "file": PageFile::read(&path), "markdown": markdown }),
        )
    }

    fn refused_type(&self, extension: &str) -> Reply {
        let message = match extension {
            "heic" | "heif" => self.say(
                "zdjęcia HEIC z iPhone'a nie da się opublikować: zapisz je jako JPEG (w iPhonie: Ustawienia → Aparat → Formaty → Najbardziej zgodne)",
                "HEIC photos from an iPhone cannot be published: save them as JPEG (iPhone: Settings → Camera → Formats → Most Compatible)",
            ),
            _ => self.say(
                "tego rodzaju pliku nie można dodać: zdjęcia JPG, PNG, WebP, GIF, SVG; dokumenty PDF, DOCX, ODT, XLSX, ODS, CSV, TXT, PPTX, ZIP",
                "this kind of file cannot be added: photos JPG, PNG, WebP, GIF, SVG; documents PDF, DOCX, ODT, XLSX, ODS, CSV, TXT, PPTX, ZIP",
            ),
        };
        json_error(415, &message)
    }

    fn bad_path(&self) -> Reply {
        json_error(
            400,
            &self.say(
                "nazwa pliku nie może wskazywać innego folderu",
                "a file name must not point to another folder",
            ),
        )
    }

    /// Diagnostics as the form shows them: those about `page` (the page
    /// being edited, with its text) by field or body line, the others with
    /// their file.
    pub(super) fn problems(
        &self,
        diagnostics: &[Diagnostic],
        page: Option<(&Target, &str)>,
    ) -> Vec<Problem> {
        diagnostics
            .iter()
            .map(|d| {
                let file = d.location.file.to_string_lossy().replace('\\', "/");
                let text = page
                    .filter(|(target, _)| file == target.relative || file.is_empty())
                    .map(|(_, text)| text);
                let own = text.is_some();
                let (field_name, line) = match (text, d.location.line) {
                    (Some(text), Some(line)) => match form::field_at_line(text, line) {
                        Some(Place::Field(key)) => (key.to_string(), Some(line)),
                        Some(Place::Body { line }) => ("body".to_string(), Some(line)),
                        None => (String::new(), Some(line)),
                    },
                    (_, line) => (String::new(), line),
                };
                Problem {
                    severity: if d.severity == Severity::Error {
                        "error"
                    } else {
                        "warning"
                    },
                    rule: d.code,
                    field: field_name.clone(),
                    line,
                    column: d.location.column,
                    message: d.message.get(self.lang).to_string(),
                    hint: self.hint_for_the_form(&field_name, d),
                    file: (!own).then_some(file),
                }
            })
            .collect()
    }

    /// The hint, in the form's words where the file's would be YAML: a
    /// gallery photo's missing description is typed into its field, not
    /// written as `alt:`.
    fn hint_for_the_form(&self, field: &str, diagnostic: &Diagnostic) -> Option<String> {
        let hint = diagnostic.hint.as_ref()?;
        if field == "gallery" && hint.en.starts_with("add alt:") {
            return Some(self.say(
                "wpisz w polu „Opis zdjęcia”, co widać na zdjęciu, np. „Uczestnicy warsztatów przy stołach”",
                "type what the photo shows into its \"Description of the photo\" field, e.g. \"Workshop participants at tables\"",
            ));
        }
        Some(hint.get(self.lang).to_string())
    }

    pub(super) fn say(&self, pl: &str, en: &str) -> String {
        match self.lang {
            Lang::Pl => pl.to_string(),
            Lang::En => en.to_string(),
        }
    }

    fn say_io(&self, pl: &str, en: &str, error: &std::io::Error) -> String {
        format!("{}: {error}", self.say(pl, en))
    }
}

/// A page's text (UTF-8, or the Windows-1250 old files may be in) and
/// the revision of its bytes; `None` when it cannot be read.
fn read_page(path: &Path) -> Option<(String, String)> {
    let bytes = std::fs::read(path).ok()?;
    let revision = revision_of(&bytes);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => encoding_rs::WINDOWS_1250
            .decode(e.as_bytes())
            .0
            .into_owned(),
    };
    Some((text, revision))
}

/// What the browser compares to know whether a file changed.
fn revision_of(bytes: &[u8]) -> String {
    format!("{:016x}", crate::base::fast_hash(bytes))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file whose bytes are not what its name says: a program renamed to
/// `.pdf`, a web page saved as `.jpg`.
fn wrong_content(kind: Kind, name: &str, bytes: &[u8]) -> Option<crate::base::diagnostic::Text> {
    use crate::base::diagnostic::Text;
    let executable = bytes.starts_with(b"MZ") || bytes.starts_with(b"\x7fELF");
    if executable {
        return Some(Text::new(
            "ten plik jest programem, nie dokumentem ani zdjęciem",
            "this file is a program, not a document or a photo",
        ));
    }
    let is_pdf = name.ends_with(".pdf");
    if kind == Kind::Document && is_pdf && !bytes.starts_with(b"%PDF") {
        return Some(Text::new(
            "ten plik nie jest dokumentem PDF, choć tak się nazywa",
            "this file is not a PDF document, though it is named so",
        ));
    }
    None
}

#[derive(Deserialize)]
struct Clipboard {
    html: String,
}

/// Word's (or any page's) clipboard HTML as Markdown, by `import`'s rules.
fn paste(clipboard: Clipboard) -> Reply {
    let pasted = crate::authoring::paste::markdown_from_clipboard(&clipboard.html);
    json(
        200,
        &json!({ "markdown": pasted.markdown, "dropped_images": pasted.dropped_images }),
    )
}

/// `a=b&c=d` of a request target, decoded.
fn query_of(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| super::super::http::percent_decode(&s.replace('+', " ")).ok();
            Some((decode(key)?, decode(value)?))
        })
        .collect()
}
