//! `tablica serve` end to end: the real binary on a free port, raw HTTP
//! requests, the live-reload event stream, edits on disk.

mod common;

use common::server::{next_event, Server, WAIT};
use common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

/// A partnership with three announcements and a bundle attachment.
fn workspace() -> Fixture {
    let fx = Fixture::partnership("https://example.org/alfa/");
    for (file, title) in [
        ("2021-01-10-jeden", "Pierwsze ogłoszenie"),
        ("2021-02-10-dwa", "Drugie ogłoszenie"),
        ("2021-03-10-trzy", "Trzecie ogłoszenie"),
    ] {
        fx.write(
            &format!("content/alfa/aktualnosci/{file}.md"),
            announcement(title, &file[..10], &format!("Treść: {title}.")),
        );
    }
    fx.write(
        "content/alfa/aktualnosci/2021-03-10-trzy/plan.pdf",
        b"%PDF-1.4 plan",
    );
    fx
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let time = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p.strip_prefix(dir).unwrap().display().to_string(), time)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn serves_sites_with_types_404_head_and_conditional_get() {
    let fx = workspace();
    let server = Server::start(&fx, &[]);
    let list = server.get("/");
    assert_eq!(list.status, 200);
    assert!(list.body.contains("href=\"/alfa/\""), "{}", list.body);

    let home = server.get("/alfa/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert!(home.body.contains("Trzecie ogłoszenie"));
    assert!(home
        .body
        .contains("<script src=\"/__tablica/live.js\"></script>"));
    // Links point at the preview, not at the production address.
    assert!(!home.body.contains("https://example.org/alfa/aktualnosci"));

    for (path, kind) in [
        ("/alfa/css/portal.css", "text/css; charset=utf-8"),
        ("/alfa/js/portal.js", "text/javascript; charset=utf-8"),
        ("/alfa/favicon.svg", "image/svg+xml"),
        ("/alfa/atom.xml", "application/xml; charset=utf-8"),
        ("/alfa/aktualnosci/trzy/plan.pdf", "application/pdf"),
        ("/__tablica/live.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(
            (reply.status, reply.header("content-type")),
            (200, kind),
            "{path}"
        );
    }

    let folder = server.get("/alfa/aktualnosci/trzy?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), "/alfa/aktualnosci/trzy/?x=1");

    let missing = server.get("/alfa/nie-ma-takiej-strony/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<main"), "the site's own 404 page");
    assert_eq!(server.get("/nie-ma/").status, 404);

    let head = server.request("HEAD", "/alfa/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let etag = home.header("etag").to_string();
    assert!(etag.starts_with('"'), "{etag}");
    let again = server.request("GET", "/alfa/", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(server.request("POST", "/alfa/", &[]).status, 405);
}

#[test]
fn no_path_leaves_the_output_folder() {
    let fx = workspace();
    fx.write("secret.txt", "tajne");
    let output = tempfile::tempdir().unwrap();
    let out = output.path().join("live");
    let server = Server::start(&fx, &["--output", out.to_str().unwrap()]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(fx.root(), out.join("alfa/zrodla")).unwrap();
    for target in [
        "/../secret.txt",
        "/alfa/../../secret.txt",
        "/alfa/%2e%2e/%2e%2e/secret.txt",
        "/alfa/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/alfa/..%5c..%5csecret.txt",
        "/alfa/index.html%00.txt",
        "/alfa/%00",
        "/alfa/%zz",
        "/C:/secret.txt",
        "secret.txt",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 400, "{target}");
        assert!(!reply.body.contains("tajne"), "{target}");
    }
    for target in [
        // An absolute file system path is just a path inside the output folder.
        &format!("/{}", fx.path("secret.txt").display()),
        "//etc/passwd",
        "/alfa/zrodla/secret.txt",
        "/alfa/zrodla/config.yaml",
        "/content/alfa/_index.md",
        "/alfa/content/alfa/_index.md",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!reply.body.contains("tajne"), "{target}");
        assert!(!reply.body.contains("theme: portal"), "{target}");
    }
}

#[test]
fn an_edit_reloads_the_page_and_rewrites_only_what_depends_on_it() {
    let fx = workspace();
    let output = tempfile::tempdir().unwrap();
    let out = output.path().join("live");
    let server = Server::start(&fx, &["--output", out.to_str().unwrap()]);
    let events = server.events();
    let before = mtimes(&out);
    // Make sure a rewrite would show in the modification time.
    std::thread::sleep(Duration::from_millis(20));

    // The first paragraph is the summary that lists show; edit the second.
    fx.write(
        "content/alfa/aktualnosci/2021-02-10-dwa.md",
        announcement(
            "Drugie ogłoszenie",
            "2021-02-10",
            "Treść: Drugie ogłoszenie.\n\nNowa treść po edycji.",
        ),
    );
    assert!(next_event(&events).starts_with("reload"));
    let line = server.wait_for_line("Zmiana (alfa/aktualnosci/2021-02-10-dwa.md)");
    assert!(line.contains("strony wygenerowane na nowo: 1 z"), "{line}");
    let page = server.get("/alfa/aktualnosci/dwa/");
    assert!(page.body.contains("Nowa treść po edycji."));

    let after = mtimes(&out);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(time))
        .map(|(path, _)| path)
        .collect();
    assert!(rewritten.contains(&&"alfa/aktualnosci/dwa/index.html".to_string()));
    for untouched in [
        "alfa/aktualnosci/jeden/index.html",
        "alfa/aktualnosci/trzy/index.html",
        "alfa/aktualnosci/index.html",
        "alfa/index.html",
        "alfa/css/portal.css",
        "alfa/aktualnosci/trzy/plan.pdf",
    ] {
        assert!(
            !rewritten.contains(&&untouched.to_string()),
            "{untouched} was rewritten: {rewritten:?}"
        );
    }

    // A new title changes every list that shows the announcement.
    fx.write(
        "content/alfa/aktualnosci/2021-02-10-dwa.md",
        announcement("Drugie, poprawione", "2021-02-10", "Nowa treść po edycji."),
    );
    assert!(next_event(&events).starts_with("reload"));
    assert!(server
        .get("/alfa/aktualnosci/")
        .body
        .contains("Drugie, poprawione"));
    assert!(!server
        .get("/alfa/aktualnosci/")
        .body
        .contains("Drugie ogłoszenie"));

    // A new file is picked up; a deleted one disappears.
    fx.write(
        "content/alfa/aktualnosci/2021-04-01-cztery.md",
        announcement("Czwarte ogłoszenie", "2021-04-01", "Treść."),
    );
    assert!(next_event(&events).starts_with("reload"));
    assert_eq!(server.get("/alfa/aktualnosci/cztery/").status, 200);
    fx.remove("content/alfa/aktualnosci/2021-04-01-cztery.md");
    assert!(next_event(&events).starts_with("reload"));
    assert_eq!(server.get("/alfa/aktualnosci/cztery/").status, 404);
    assert!(!out.join("alfa/aktualnosci/cztery").exists());
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_last_good_pages() {
    let fx = workspace();
    let server = Server::start(&fx, &[]);
    let events = server.events();
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        "---\ntitle: Pierwsze ogłoszenie\ndate: 31.02.2021\n---\nTreść.\n",
    );
    let failure = next_event(&events);
    assert!(failure.starts_with("failure"), "{failure}");
    assert!(
        failure.contains("content/alfa/aktualnosci/2021-01-10-jeden.md:3:7"),
        "{failure}"
    );
    assert!(failure.contains("luty 2021 r. ma 28 dni"), "{failure}");
    server.wait_for_line("1 błąd — strony pokazują ostatnią dobrą wersję");
    let page = server.get("/alfa/aktualnosci/jeden/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Treść: Pierwsze ogłoszenie."));

    // A page opened now hears about the error at once.
    let late = server.stream();
    assert!(next_event(&late).starts_with("hello"));
    let failure = next_event(&late);
    assert!(failure.starts_with("failure"), "{failure}");

    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement("Pierwsze ogłoszenie", "2021-02-28", "Poprawione."),
    );
    assert!(next_event(&events).starts_with("reload"));
    assert!(server
        .get("/alfa/aktualnosci/jeden/")
        .body
        .contains("Poprawione."));
}

#[test]
fn css_changes_swap_stylesheets_and_ctrl_c_cleans_up() {
    let fx = workspace();
    let server = Server::start(&fx, &[]);
    let events = server.events();
    let css = fx.path("themes/portal/static/css/portal.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.tablica-test { color: #000; }\n");
    std::fs::write(&css, text).unwrap();
    assert!(next_event(&events).starts_with("styles"));
    assert!(server
        .get("/alfa/css/portal.css")
        .body
        .contains(".tablica-test"));

    let live_dir = std::env::temp_dir().join(format!("tablica-serve-{}", server.id()));
    assert!(live_dir.join("alfa/index.html").is_file());
    let status = server.stop();
    assert!(status.success(), "{status:?}");
    assert!(
        !live_dir.exists(),
        "the temporary preview folder is removed"
    );
}

#[test]
fn a_partnership_edit_reaches_the_hub() {
    let fx = workspace();
    fx.write(
        "config.yaml",
        config(&[
            site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/"),
            hub("cwd", "Centrum Wsparcia", "https://example.org/cwd/"),
        ]),
    );
    fx.write_site_skeleton("cwd", "Centrum Wsparcia");
    let server = Server::start(&fx, &[]);
    assert!(server.get("/cwd/").body.contains("Trzecie ogłoszenie"));
    let events = server.events();
    fx.write(
        "content/alfa/aktualnosci/2021-03-10-trzy.md",
        announcement("Trzecie po zmianie", "2021-03-10", "Treść."),
    );
    assert!(next_event(&events).starts_with("reload"));
    let hub = server.get("/cwd/").body;
    assert!(hub.contains("Trzecie po zmianie"), "{hub}");
    assert!(hub.contains("href=\"/alfa/aktualnosci/trzy/\""), "{hub}");
    // The search indexes follow just after the reload: the site's and the
    // hub's, which covers every partnership.
    for index in ["/alfa/search-index/d-0.js", "/cwd/search-index/d-0.js"] {
        let body = poll_until(&server, index, "Trzecie po zmianie");
        assert!(!body.contains("Trzecie ogłoszenie"), "{index}: {body}");
    }
}

/// GETs `target` until its body contains `needle` (5 s at most).
fn poll_until(server: &Server, target: &str, needle: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let body = server.get(target).body;
        if body.contains(needle) {
            return body;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{target} never got {needle}: {body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn template_and_config_changes_rebuild_and_recover_from_errors() {
    let fx = workspace();
    let server = Server::start(&fx, &[]);
    let events = server.events();

    let template = fx.path("themes/portal/templates/404.html");
    let good = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock %}",
    )
    .unwrap();
    let failure = next_event(&events);
    assert!(failure.starts_with("failure"), "{failure}");
    assert!(failure.contains("404.html"), "{failure}");
    std::fs::write(&template, good).unwrap();
    assert!(next_event(&events).starts_with("reload"));

    let config_path = fx.path("config.yaml");
    let good = std::fs::read_to_string(&config_path).unwrap();
    std::fs::write(
        &config_path,
        good.replace("title: Partnerstwo Alfa", "title: [Alfa"),
    )
    .unwrap();
    let failure = next_event(&events);
    assert!(failure.starts_with("failure"), "{failure}");
    assert!(failure.contains("config.yaml"), "{failure}");
    assert!(server.get("/alfa/").body.contains("Partnerstwo Alfa"));
    std::fs::write(
        &config_path,
        good.replace("Partnerstwo Alfa", "Partnerstwo Alfa i Beta"),
    )
    .unwrap();
    assert!(next_event(&events).starts_with("reload"));
    assert!(server
        .get("/alfa/")
        .body
        .contains("Partnerstwo Alfa i Beta"));
}

#[test]
fn a_taken_port_moves_to_the_next_and_says_so() {
    let fx = workspace();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = tablica_command()
        .arg("--root")
        .arg(fx.root())
        .args(["serve", "--port", &port])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let said = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.starts_with(&format!("Port {port} jest zajęty; używam portu ")),
        "{said}"
    );
}

#[test]
fn content_errors_show_over_the_updated_page() {
    let fx = workspace();
    let server = Server::start(&fx, &[]);
    let events = server.events();
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden/mapa.png",
        common::PNG,
    );
    assert!(next_event(&events).starts_with("reload"));
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement(
            "Pierwsze ogłoszenie",
            "2021-01-10",
            "Nowa treść.\n\n![](mapa.png)",
        ),
    );
    // The page reloads first; the check runs after, and its notice belongs
    // to the same rebuild, so the reloaded page shows it without reloading.
    let reload = next_event(&events);
    assert!(reload.starts_with("reload"), "{reload}");
    // The photo's files come from serve's picture worker, whose reload
    // may come before the check's notice.
    let notice = std::iter::repeat_with(|| next_event(&events))
        .find(|e| !e.starts_with("reload"))
        .unwrap_or_default();
    assert!(notice.starts_with("notice"), "{notice}");
    assert!(notice.contains("Treść ma błędy dostępności"), "{notice}");
    assert!(notice.contains("2021-01-10-jeden.md:7:1"), "{notice}");
    let rebuild = reload.trim_start_matches("reload ").trim_end_matches('}');
    assert!(
        notice.starts_with(&format!("notice {rebuild},")),
        "{notice} {reload}"
    );
    // The page shows the change: only `build` stops at content errors.
    assert!(server
        .get("/alfa/aktualnosci/jeden/")
        .body
        .contains("Nowa treść."));
    let late = server.stream();
    assert!(next_event(&late).starts_with("hello"));
    assert!(next_event(&late).starts_with("notice"));
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement(
            "Pierwsze ogłoszenie",
            "2021-01-10",
            "Nowa treść.\n\n![Mapa obszaru](mapa.png)",
        ),
    );
    assert!(next_event(&events).starts_with("reload"));
}

/// A photo dropped into a page's folder: the page reloads at once (its
/// text is there), and again once the photo's widths are made, by then
/// served as WebP; the rest of the site never waits for the photo.
#[test]
fn a_dropped_photo_is_made_beside_the_reload_and_shown_when_ready() {
    let fx = workspace();
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement(
            "Pierwsze ogłoszenie",
            "2021-01-10",
            "Relacja.\n\n![Uczestnicy przy stołach](foto.jpg \"Warsztaty\")",
        ),
    );
    let server = Server::start(&fx, &[]);
    let events = server.events();
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden/foto.jpg",
        include_bytes!("fixtures/photos/telefon.jpg"),
    );
    let first = std::iter::repeat_with(|| next_event(&events))
        .find(|e| e.starts_with("reload"))
        .unwrap_or_default();
    assert!(first.starts_with("reload"), "{first}");
    let page = server.get("/alfa/aktualnosci/jeden/").body;
    assert!(page.contains("foto-800.webp 800w"), "{page}");
    // The second reload says the photo is in place.
    let second = std::iter::repeat_with(|| next_event(&events))
        .find(|e| e.starts_with("reload"))
        .unwrap_or_default();
    assert!(second.starts_with("reload"), "{second}");
    let webp = server.get("/alfa/aktualnosci/jeden/foto-800.webp");
    assert_eq!(webp.status, 200);
    assert_eq!(webp.header("content-type"), "image/webp");
    let fallback = server.get("/alfa/aktualnosci/jeden/foto-1600.jpg");
    assert_eq!(fallback.status, 200);
    assert_eq!(
        server.get("/alfa/aktualnosci/jeden/foto.jpg").status,
        404,
        "the original is not published"
    );
}

/// The live folder's files, with the server's port taken out of the
/// addresses (two servers cannot share a port).
fn live_files(dir: &Path, port: u16) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .map(|(path, bytes)| (path, without_port(bytes, port)))
        .collect()
}

fn without_port(bytes: Vec<u8>, port: u16) -> Vec<u8> {
    let address = format!("127.0.0.1:{port}");
    match String::from_utf8(bytes) {
        Ok(text) => text.replace(&address, "127.0.0.1:PORT").into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// What `server` serves at each of `paths` (relative to its live folder):
/// pages as answered over HTTP (a page nobody asked for since an edit is
/// rendered when asked for), other files as its live folder holds them.
/// A page answered 404 is left out.
fn served_files(server: &Server, live: &Path, paths: &[&String]) -> BTreeMap<String, Vec<u8>> {
    let mut served = BTreeMap::new();
    for path in paths {
        let bytes = if path.ends_with(".html") {
            let reply = server.get(&format!("/{path}"));
            (reply.status == 200).then(|| reply.body.into_bytes())
        } else {
            std::fs::read(live.join(path)).ok()
        };
        if let Some(bytes) = bytes {
            served.insert(path.to_string(), without_port(bytes, server.port));
        }
    }
    served
}

/// Waits until the running server serves exactly what a new server
/// serves from the same files, and its live folder holds no file the new
/// one does not; panics with the differences.
fn assert_same_as_fresh(fx: &Fixture, server: &Server, live: &Path, step: &str) {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_live = fresh_dir.path().join("live");
    let fresh = Server::start(fx, &["--output", fresh_live.to_str().unwrap()]);
    let deadline = Instant::now() + WAIT;
    loop {
        let fresh_files = live_files(&fresh_live, fresh.port);
        let live_files = live_files(live, server.port);
        let expected_paths: Vec<&String> = fresh_files.keys().collect();
        let expected = served_files(&fresh, &fresh_live, &expected_paths);
        let all_paths: Vec<&String> = fresh_files.keys().chain(live_files.keys()).collect();
        let actual = served_files(server, live, &all_paths);
        if expected == actual {
            return;
        }
        if Instant::now() > deadline {
            let differing: std::collections::BTreeSet<&String> = expected
                .keys()
                .chain(actual.keys())
                .filter(|path| expected.get(*path) != actual.get(*path))
                .take(10)
                .collect();
            panic!("after the {step}, these files differ from a fresh build: {differing:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn every_kind_of_edit_leaves_what_a_full_build_writes() {
    let fx = Fixture::samples();
    let output = tempfile::tempdir().unwrap();
    let live = output.path().join("live");
    let server = Server::start(&fx, &["--output", live.to_str().unwrap()]);
    let events = server.events();
    let folder = "content/ziemia-wysokomazowiecka/aktualnosci";
    // Published, with a consultation the home page lists, tags shared
    // with other announcements (related pages) and links from two others.
    let page = format!("{folder}/2021-09-15-konsultacje-projektu-strategii.md");
    let original = fx.read(&page);
    let edit = |path: &str, text: Option<String>, step: &str| {
        match text {
            Some(text) => fx.write(path, text),
            None => fx.remove(path),
        }
        assert!(next_event(&events).starts_with("reload"), "{step}");
        assert_same_as_fresh(&fx, &server, &live, step);
    };

    let body = format!("{original}\nDopisany akapit o przebiegu konsultacji.\n");
    edit(&page, Some(body), "body edit");
    let retitled = original.replacen("title: \"", "title: \"Przypomnienie: ", 1);
    assert_ne!(retitled, original);
    edit(&page, Some(retitled), "title edit");
    let new_page = format!("{folder}/2024-02-01-nabor-wnioskow.md");
    let text = "---\ntitle: Nabór wniosków o dofinansowanie\ndate: 2024-02-01\n\
                tags: [projekty, strategia]\n---\nTreść ogłoszenia o naborze.\n";
    edit(&new_page, Some(text.to_string()), "new page");
    edit(&new_page, None, "deleted page");
    let retagged = original.replacen(
        "tags: [konsultacje, strategia, mieszkancy]",
        "tags: [konsultacje, strategia, rozwoj]",
        1,
    );
    assert_ne!(retagged, original);
    edit(&page, Some(retagged), "renamed tag");

    // A new page again, then a stop at once: the pages nobody asked for
    // are written when serve stops, so a kept live folder is whole.
    fx.write(&new_page, text);
    assert!(next_event(&events).starts_with("reload"));
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_live = fresh_dir.path().join("live");
    let fresh = Server::start(&fx, &["--output", fresh_live.to_str().unwrap()]);
    let (fresh_port, port) = (fresh.port, server.port);
    assert!(fresh.stop().success() && server.stop().success());
    let pages = |dir: &Path, port: u16| {
        let mut files = live_files(dir, port);
        files.retain(|path, _| path.ends_with(".html"));
        files
    };
    let (expected, actual) = (pages(&fresh_live, fresh_port), pages(&live, port));
    let differing: std::collections::BTreeSet<&String> = expected
        .keys()
        .chain(actual.keys())
        .filter(|path| expected.get(*path) != actual.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "pages of the kept live folder differ: {differing:?}"
    );
}
