//! `serve`: builds the workspace into a live folder, serves it on
//! 127.0.0.1 with tiny_http, watches the sources with notify, rebuilds only
//! what a change affects (see [`preview`]) and tells open pages to reload
//! through Server-Sent Events. Pages keep being served from the last good
//! build while a file has errors; the browser shows them over the page.

pub mod changes;
pub mod editor;
pub mod http;
mod late;
mod live;
mod pictures;
mod preview;
mod watch;

use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Lang, Location, Text};
use crate::build::BuildOptions;
use crate::report::diagnostics::TextRenderer;
use crate::report::plural_pl;
use http::Shared;
use live::{Broadcast, Event};
use preview::{Preview, Rebuilt};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How many threads answer requests (event streams get their own).
const WORKERS: usize = 4;
/// How often waiting threads look whether the server is stopping.
const TICK: Duration = Duration::from_millis(200);
/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Root, drafts, the site to serve; output and address are set by serve.
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// The live folder; a temporary folder, removed at exit, when absent.
    pub output: Option<PathBuf>,
    pub open_browser: bool,
    pub lang: Lang,
    /// Colour in the terminal's diagnostics.
    pub color: bool,
    /// Also serve the editor (`tablica edytor`) at `/edytor/`.
    pub editor: bool,
}

/// Runs the server until Ctrl-C. Errors only when it cannot start.
pub fn serve(options: ServeOptions) -> Result<(), Vec<Diagnostic>> {
    let lang = options.lang;
    if options.editor && !options.bind.is_loopback() {
        return Err(vec![editor_exposed(options.bind)]);
    }
    let (server, port) = bind(options.bind, options.port, lang)?;
    let url = format!("http://{}:{port}/", url_host(options.bind));
    let owned_output = options.output.is_none();
    let output = options.output.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("tablica-serve-{}", std::process::id()))
    });
    let (preview, rebuilt) = Preview::open(live_build_options(&options, &url, &output))?;
    let root = std::path::absolute(&options.build.root).unwrap_or(options.build.root.clone());
    let mut watcher = watch::Watcher::start(&root, preview.theme_name()).map_err(|e| vec![e])?;
    let preview = Arc::new(Mutex::new(preview));
    let shared = Arc::new(shared_state(&preview, lang));
    let pictures = Arc::new(pictures::Worker::start(
        pictures::Setup {
            cache: crate::build::image_cache(&root),
            root: root.clone(),
            lang,
            color: options.color,
        },
        shared.clone(),
    ));
    let mut terminal = TextRenderer::new(&root, lang, options.color);
    {
        let mut preview = lock(&preview);
        pictures.publish(preview.new_pictures());
        after_rebuild(&rebuilt, None, &shared, &mut terminal);
        preview.refresh_search(&rebuilt.sites);
        check_content(&preview, &rebuilt, None, &shared, &mut terminal);
    }
    let editor = start_editor(&options, port, &root, &preview, &pictures)?;
    greet(&options, &url, &mut terminal);
    let stop = stop_on_ctrl_c();
    let streams: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
    let workers = start_workers(server, &shared, editor, &stop, &streams);
    rebuild_until_stopped(
        &preview,
        &mut watcher,
        &pictures,
        &shared,
        &mut terminal,
        &stop,
    );
    if !owned_output {
        // The folder stays: it gets the pages nobody asked for too.
        lock(&preview).write_pending();
    }
    drop(pictures);
    wait_for_threads(&shared, workers, &streams);
    drop(watcher);
    if owned_output {
        let _ = std::fs::remove_dir_all(&output);
    }
    crate::output::clean_leftovers(&output);
    println!("{}", stopped_line(lang));
    Ok(())
}

/// The editor, when asked for, on the preview's server.
fn start_editor(
    options: &ServeOptions,
    port: u16,
    root: &Path,
    preview: &Arc<Mutex<Preview>>,
    pictures: &Arc<pictures::Worker>,
) -> Result<Option<Arc<editor::Editor>>, Vec<Diagnostic>> {
    if !options.editor {
        return Ok(None);
    }
    let setup = editor::Setup {
        port,
        lang: options.lang,
        root: root.to_path_buf(),
        preview: preview.clone(),
        pictures: pictures.clone(),
    };
    let editor = editor::Editor::new(setup).map_err(|e| {
        vec![Diagnostic::error(
            Location::file("tablica edytor"),
            text!(
                "system nie dał losowych liczb dla klucza sesji: {e}",
                "the system gave no random numbers for the session key: {e}"
            ),
        )]
    })?;
    Ok(Some(Arc::new(editor)))
}

/// The host part of the preview's address: an address that listens on
/// every interface is opened as this computer, IPv6 goes in brackets.
fn url_host(bind: IpAddr) -> String {
    if bind.is_unspecified() {
        return "127.0.0.1".to_string();
    }
    match bind {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// The build behind the preview: every site in its own folder under the
/// preview's address, written into the live folder.
fn live_build_options(options: &ServeOptions, url: &str, output: &Path) -> BuildOptions {
    let mut build = options.build.clone();
    build.overrides.base_url = Some(url.to_string());
    build.overrides.site_folders = true;
    build.overrides.output_dir = Some(output.to_path_buf());
    build
}

/// The preview, for a thread that may find it poisoned by a panic in
/// another: it still holds the last rebuild's state, which stays usable.
fn lock(preview: &Mutex<Preview>) -> std::sync::MutexGuard<'_, Preview> {
    preview.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the request threads share with the rebuilds.
fn shared_state(preview: &Arc<Mutex<Preview>>, lang: Lang) -> Shared {
    let late = Arc::new(late::LatePages::new(preview.clone()));
    let preview = lock(preview);
    Shared {
        root: preview
            .output_dir()
            .canonicalize()
            .unwrap_or_else(|_| preview.output_dir().to_path_buf()),
        broadcast: Broadcast::default(),
        sites: Mutex::new(preview.site_ids()),
        lang,
        late,
    }
}

/// After every build the terminal and open pages hear of it at once; the
/// search index and the content check follow once the saves stop coming
/// (see [`FollowUp`]).
fn after_rebuild(
    rebuilt: &Rebuilt,
    changes: Option<&changes::Changes>,
    shared: &Shared,
    terminal: &mut TextRenderer,
) {
    let lang = shared.lang;
    report(rebuilt, changes, terminal, lang);
    publish(shared, rebuilt, lang);
}

/// What is left to do after rebuilds that were already served: the search
/// index and the content check of what they touched. Saves that come in a
/// burst merge into one follow-up, run when the burst is over, so the work
/// after an edit never queues up behind the next save.
#[derive(Debug, Default)]
struct FollowUp {
    rebuilt: Rebuilt,
    changes: changes::Changes,
}

impl FollowUp {
    fn add(&mut self, rebuilt: Rebuilt, changes: changes::Changes) {
        // A site checked whole in either rebuild is checked whole.
        let mut whole = self.rebuilt.whole_sites();
        whole.extend(rebuilt.whole_sites());
        let mut pages = std::mem::take(&mut self.rebuilt.pages);
        pages.extend(rebuilt.pages);
        pages.retain(|(site, _)| !whole.contains(site));
        pages.sort();
        pages.dedup();
        self.rebuilt.pages = pages;
        for site in rebuilt.sites {
            if !self.rebuilt.sites.contains(&site) {
                self.rebuilt.sites.push(site);
            }
        }
        self.rebuilt.errors = rebuilt.errors;
        self.changes.extend(changes);
    }

    /// Writes the rest of the pages, the search index, then runs the
    /// content check.
    fn run(self, preview: &mut Preview, shared: &Shared, terminal: &mut TextRenderer) {
        preview.finish();
        preview.refresh_search(&self.rebuilt.sites);
        check_content(
            preview,
            &self.rebuilt,
            Some(&self.changes),
            shared,
            terminal,
        );
    }
}

/// Says where the preview is (warning first when the network can see it)
/// and opens it in the browser when asked.
fn greet(options: &ServeOptions, url: &str, terminal: &mut TextRenderer) {
    let lang = options.lang;
    if !options.bind.is_loopback() {
        eprintln!(
            "{}\n",
            terminal.render(&exposed_warning(options.bind, lang))
        );
    }
    let address = if options.editor {
        let app = format!("{}{}", url.trim_end_matches('/'), editor::APP_PATH);
        println!("{}", editor_line(&app, lang));
        app
    } else {
        println!("{}", listening_line(url, lang));
        url.to_string()
    };
    if options.open_browser {
        open_browser(&address);
    }
}

/// A flag Ctrl-C raises, so the server stops and cleans up instead of
/// being killed.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // Failing to install the handler (already installed in tests) is harmless.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    stop
}

/// The threads that answer requests until `stop` is raised.
fn start_workers(
    server: tiny_http::Server,
    shared: &Arc<Shared>,
    editor: Option<Arc<editor::Editor>>,
    stop: &Arc<AtomicBool>,
    streams: &Arc<Mutex<Vec<JoinHandle<()>>>>,
) -> Vec<JoinHandle<()>> {
    let server = Arc::new(server);
    (0..WORKERS)
        .map(|_| {
            let (server, shared, stop, streams) = (
                server.clone(),
                shared.clone(),
                stop.clone(),
                streams.clone(),
            );
            let editor = editor.clone();
            std::thread::spawn(move || {
                answer_requests(&server, &shared, editor.as_deref(), &stop, &streams)
            })
        })
        .collect()
}

/// Rebuilds what each batch of saved changes affects, until `stop` is
/// raised; the follow-up work waits until no change is pending.
fn rebuild_until_stopped(
    preview: &Mutex<Preview>,
    watcher: &mut watch::Watcher,
    pictures: &pictures::Worker,
    shared: &Shared,
    terminal: &mut TextRenderer,
    stop: &AtomicBool,
) {
    let mut follow_up: Option<FollowUp> = None;
    while !stop.load(Ordering::SeqCst) {
        let wait = if follow_up.is_some() {
            Duration::ZERO
        } else {
            TICK
        };
        let Some(changes) = watcher.next(wait) else {
            if let Some(work) = follow_up.take() {
                let mut preview = lock(preview);
                work.run(&mut preview, shared, terminal);
            }
            continue;
        };
        let mut preview = lock(preview);
        let rebuilt = preview.apply(&changes);
        watcher.set_theme(preview.theme_name());
        if let Ok(mut sites) = shared.sites.lock() {
            *sites = preview.site_ids();
        }
        shared.late.update(&preview);
        after_rebuild(&rebuilt, Some(&changes), shared, terminal);
        pictures.publish(preview.new_pictures());
        follow_up.get_or_insert_default().add(rebuilt, changes);
    }
}

/// Ends the event streams, then waits for every request thread.
fn wait_for_threads(
    shared: &Shared,
    workers: Vec<JoinHandle<()>>,
    streams: &Mutex<Vec<JoinHandle<()>>>,
) {
    shared.broadcast.stop();
    for worker in workers {
        let _ = worker.join();
    }
    let streams = std::mem::take(&mut *streams.lock().unwrap_or_else(|e| e.into_inner()));
    for stream in streams {
        let _ = stream.join();
    }
}

/// Binds `port`, or the next free one after it (saying so).
fn bind(
    address: IpAddr,
    port: u16,
    lang: Lang,
) -> Result<(tiny_http::Server, u16), Vec<Diagnostic>> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last_error = String::new();
    for candidate in (0..tries).filter_map(|i| port.checked_add(i)) {
        match tiny_http::Server::http((address, candidate)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map_or(candidate, |a| a.port());
                if candidate != port && port != 0 {
                    println!(
                        "{}",
                        match lang {
                            Lang::Pl => format!("Port {port} jest zajęty; używam portu {actual}."),
                            Lang::En => format!("Port {port} is taken; using port {actual}."),
                        }
                    );
                }
                return Ok((server, actual));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(vec![Diagnostic::error(
        Location::file(format!("{address}:{port}")),
        text!(
            "nie można uruchomić serwera: {last_error}",
            "cannot start the server: {last_error}"
        ),
    )
    .with_code(crate::base::diagnostic::NETWORK)
    .with_hint(Text::new(
        "podaj inny port, np. tablica serve --port 8080",
        "choose another port, e.g. tablica serve --port 8080",
    ))])
}

fn answer_requests(
    server: &tiny_http::Server,
    shared: &Arc<Shared>,
    editor: Option<&editor::Editor>,
    stop: &AtomicBool,
    streams: &Mutex<Vec<JoinHandle<()>>>,
) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(TICK) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(_) => break,
        };
        // The editor answers its own requests and vets the preview's.
        let request = match editor {
            Some(editor) => match editor.answer(request) {
                Some(request) => request,
                None => continue,
            },
            None => request,
        };
        if request.url() == live::EVENTS_PATH {
            // An event stream stays open as long as its page: its own thread.
            let shared = shared.clone();
            let handle = std::thread::spawn(move || http::handle(request, &shared));
            if let Ok(mut streams) = streams.lock() {
                streams.retain(|s| !s.is_finished());
                streams.push(handle);
            }
        } else {
            http::handle(request, shared);
        }
    }
}

/// Tells open pages what the rebuild did.
fn publish(shared: &Shared, rebuilt: &Rebuilt, lang: Lang) {
    let event = if !rebuilt.errors.is_empty() {
        Event::Failure(live::failure(&rebuilt.errors, lang))
    } else if rebuilt.styles_only {
        Event::Styles
    } else {
        Event::Reload
    };
    shared.broadcast.publish(event);
}

/// Runs `tablica check` on the rebuilt sites once their pages are served.
/// Errors (which would stop `build`) are printed and shown over the page;
/// warnings are printed for the changed files, and counted for the rest.
fn check_content(
    preview: &Preview,
    rebuilt: &Rebuilt,
    changes: Option<&changes::Changes>,
    shared: &Shared,
    terminal: &mut TextRenderer,
) {
    let lang = shared.lang;
    if !rebuilt.errors.is_empty() {
        return;
    }
    let findings = preview.check(rebuilt);
    let changed: Vec<String> = changes
        .into_iter()
        .flatten()
        .filter_map(|c| match c {
            changes::Change::Content { site, path } => Some(format!("content/{site}/{path}")),
            _ => None,
        })
        .collect();
    let is_changed = |d: &Diagnostic| {
        let file = d.location.file.to_string_lossy().replace('\\', "/");
        changed.contains(&file)
    };
    let (shown, hidden): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        findings.iter().partition(|d| d.is_error() || is_changed(d));
    for finding in &shown {
        eprintln!("{}\n", terminal.render(finding));
    }
    if !hidden.is_empty() {
        let n = hidden.len();
        println!(
            "{}",
            match lang {
                Lang::Pl => format!(
                    "Sprawdzenie treści: {n} {} w innych plikach (tablica check pokaże je wszystkie).",
                    plural_pl(n, "ostrzeżenie", "ostrzeżenia", "ostrzeżeń")
                ),
                Lang::En => format!("Content check: {n} warning(s) in other files (tablica check lists them)."),
            }
        );
    }
    let errors: Vec<Diagnostic> = findings.into_iter().filter(Diagnostic::is_error).collect();
    if !errors.is_empty() {
        shared
            .broadcast
            .publish(Event::Notice(live::notice(&errors, lang)));
    }
}

/// Prints the rebuild's errors, warnings and one summary line.
fn report(
    rebuilt: &Rebuilt,
    changes: Option<&changes::Changes>,
    terminal: &mut TextRenderer,
    lang: Lang,
) {
    for warning in &rebuilt.warnings {
        eprintln!("{}\n", terminal.render(warning));
    }
    for error in &rebuilt.errors {
        eprintln!("{}\n", terminal.render(error));
    }
    println!("{}", summary_line(rebuilt, changes, lang));
}

fn summary_line(rebuilt: &Rebuilt, changes: Option<&changes::Changes>, lang: Lang) -> String {
    let r = &rebuilt.refreshed;
    let ms = rebuilt.elapsed.as_millis();
    let what = match (changes, lang) {
        (None, Lang::Pl) => "Zbudowano".to_string(),
        (None, Lang::En) => "Built".to_string(),
        (Some(c), Lang::Pl) => format!("Zmiana ({})", describe(c)),
        (Some(c), Lang::En) => format!("Change ({})", describe(c)),
    };
    let errors = rebuilt.errors.len();
    if errors > 0 {
        return match lang {
            Lang::Pl => format!(
                "{what}: {errors} {} — strony pokazują ostatnią dobrą wersję",
                plural_pl(errors, "błąd", "błędy", "błędów")
            ),
            Lang::En => format!("{what}: {errors} error(s) — pages show the last good version"),
        };
    }
    match lang {
        Lang::Pl => format!(
            "{what}: {ms} ms; strony wygenerowane na nowo: {} z {}, zapisane pliki: {}, usunięte: {}",
            r.rendered, r.pages, r.written, r.removed
        ),
        Lang::En => format!(
            "{what}: {ms} ms; pages rendered again: {} of {}, files written: {}, removed: {}",
            r.rendered, r.pages, r.written, r.removed
        ),
    }
}

fn describe(changes: &changes::Changes) -> String {
    use changes::Change;
    let names: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Config => "config.yaml".to_string(),
            Change::Templates => "templates".to_string(),
            Change::Statics { .. } => "static".to_string(),
            Change::Content { site, path } => format!("{site}/{path}"),
        })
        .collect();
    match names.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} +{}", rest.len()),
        [] => String::new(),
    }
}

/// The editor changes files: it never listens beyond this computer.
fn editor_exposed(address: IpAddr) -> Diagnostic {
    Diagnostic::error(
        Location::file(format!("--bind {address}")),
        text!(
            "edytor działa tylko na tym komputerze (127.0.0.1): zmienia pliki, więc nie może być dostępny w sieci",
            "the editor works on this computer only (127.0.0.1): it changes files, so it must not be reachable from the network"
        ),
    )
    .with_hint(Text::new(
        "uruchom tablica serve --edytor bez --bind",
        "run tablica serve --edytor without --bind",
    ))
}

fn exposed_warning(address: IpAddr, _lang: Lang) -> Diagnostic {
    Diagnostic::warning(
        Location::file(format!("--bind {address}")),
        text!(
            "podgląd jest dostępny dla innych komputerów w sieci, także szkice (draft)",
            "the preview is reachable from other computers on the network, drafts included"
        ),
    )
    .with_hint(Text::new(
        "bez --bind podgląd widzi tylko ten komputer (127.0.0.1)",
        "without --bind only this computer sees the preview (127.0.0.1)",
    ))
}

fn editor_line(url: &str, lang: Lang) -> String {
    match lang {
        Lang::Pl => format!("Edytor: {url} (Ctrl+C kończy)"),
        Lang::En => format!("Editor: {url} (Ctrl+C stops)"),
    }
}

fn listening_line(url: &str, lang: Lang) -> String {
    match lang {
        Lang::Pl => format!("Podgląd: {url} (Ctrl+C kończy)"),
        Lang::En => format!("Preview: {url} (Ctrl+C stops)"),
    }
}

fn stopped_line(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "Zatrzymano podgląd.",
        Lang::En => "Preview stopped.",
    }
}

/// Opens the preview in the default browser; failing is not an error.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(command.0)
        .args(command.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
