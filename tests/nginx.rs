//! The nginx snippet that `build --server-config` writes, in a real nginx
//! serving the sites in subfolders of one host: every page and every link
//! on it answers 200, a missing page gets the site's own 404 page, and the
//! security headers are sent. Needs nginx (the test command installs it);
//! without it the test says so and passes, unless TABLICA_REQUIRE_SERVERS=1.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_nginx(binary: &Path, dir: &Path, port: u16, snippets: &[String]) -> Nginx {
    let includes: String = snippets
        .iter()
        .enumerate()
        .map(|(i, snippet)| {
            let file = dir.join(format!("site{i}.conf"));
            std::fs::write(&file, snippet).unwrap();
            format!("    include {};\n", file.display())
        })
        .collect();
    std::fs::create_dir_all(dir.join("root")).unwrap();
    let d = dir.display();
    let config = format!(
        "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
         \x20 client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n\
         \x20 uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         \x20 server {{\n    listen 127.0.0.1:{port};\n    root {d}/root;\n{includes}  }}\n}}\n"
    );
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, config).unwrap();
    let check = Command::new(binary)
        .arg("-t")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&conf)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "nginx rejects the snippet:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let child = Command::new(binary)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nginx did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    Nginx(child)
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

fn get(port: u16, path: &str) -> Reply {
    get_with(port, path, "")
}

/// GET with extra header lines (each ending in \r\n).
fn get_with(port: u16, path: &str, headers: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: www.gmina.example.pl\r\n{headers}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Reply {
        status: head.split(' ').nth(1).unwrap().parse().unwrap(),
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            files.push(path);
        }
    }
    files
}

#[test]
fn nginx_serves_the_sites_in_subfolders_with_no_broken_link() {
    let Some(nginx) = nginx_binary() else {
        assert!(
            std::env::var("TABLICA_REQUIRE_SERVERS").is_err(),
            "nginx is required (TABLICA_REQUIRE_SERVERS is set) but not installed"
        );
        eprintln!("nginx is not installed: skipping the real-server test");
        return;
    };
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[
            site(
                "alfa",
                "Partnerstwo Alfa",
                "https://www.gmina.example.pl/partnerstwo/",
            ),
            hub("cwd", "Centrum", "https://www.gmina.example.pl/cwd/"),
        ]),
    );
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx.write_site_skeleton("cwd", "Centrum");
    for (file, tags) in [
        ("2021-01-10-jeden", "[drogi]"),
        ("2021-02-10-dwa", "[drogi, woda]"),
        ("2021-03-10-trzy", "[woda]"),
    ] {
        fx.write(
            &format!("content/alfa/aktualnosci/{file}.md"),
            format!(
                "---\ntitle: Ogłoszenie {file}\ndate: {}\ntags: {tags}\nattachments:\n  - file: plan.pdf\n    title: Plan\nevent:\n  start: {} 10:00\n  place: Urząd Gminy\n---\nTreść z [odnośnikiem](@/aktualnosci/2021-01-10-jeden.md).\n",
                &file[..10],
                &file[..10]
            ),
        );
        fx.write(
            &format!("content/alfa/aktualnosci/{file}/plan.pdf"),
            b"%PDF-1.4",
        );
    }
    fx.build_ok(&["--now", "2026-01-01", "--server-config"]);
    let out = fx.path("public");
    let sites = [("alfa", "/partnerstwo/"), ("cwd", "/cwd/")];
    let snippets: Vec<String> = sites
        .iter()
        .map(|(id, _)| {
            fx.read(&format!("public/{id}.nginx.conf")).replace(
                &format!("/var/www/{id}/"),
                &format!("{}/", out.join(id).display()),
            )
        })
        .collect();
    let port = free_port();
    let servers = tempfile::tempdir().unwrap();
    let _nginx = start_nginx(&nginx, servers.path(), port, &snippets);

    let mut checked = 0;
    for (id, base) in sites {
        for file in html_files(&out.join(id)) {
            let rel = file
                .strip_prefix(out.join(id))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "404.html" {
                continue;
            }
            let url = format!("{base}{}", rel.trim_end_matches("index.html"));
            let page = get(port, &url);
            assert_eq!(page.status, 200, "{url}");
            assert!(
                page.head
                    .contains("content-security-policy: default-src 'self'"),
                "{url}"
            );
            assert!(
                page.head.contains("x-content-type-options: nosniff"),
                "{url}"
            );
            assert!(
                page.head.contains("content-type: text/html; charset=utf-8"),
                "{url}"
            );
            for name in ["href", "src"] {
                for link in attr_values(&page.body, name) {
                    if !link.starts_with('/') {
                        continue;
                    }
                    let target = link.split(['#', '?']).next().unwrap();
                    let reply = get(port, target);
                    assert_eq!(reply.status, 200, "{url} links to {link}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} links checked");

    let css = get(port, "/partnerstwo/css/portal.css");
    assert!(css.head.contains("cache-control: public, max-age=604800"));
    assert!(
        css.head.contains("x-content-type-options: nosniff"),
        "nested locations repeat the headers"
    );
    // The search index changes with every build: never cached for a week.
    let meta = get(port, "/partnerstwo/search-index/meta.js");
    assert_eq!(meta.status, 200);
    assert!(
        meta.head.contains("cache-control: no-cache"),
        "{}",
        meta.head
    );
    assert!(!meta.head.contains("max-age"), "{}", meta.head);
    assert!(meta.head.contains("x-content-type-options: nosniff"));
    assert!(meta.head.contains("javascript"), "{}", meta.head);
    // Text is compressed for browsers that ask.
    for path in ["/partnerstwo/", "/partnerstwo/search-index/meta.js"] {
        let reply = get_with(port, path, "Accept-Encoding: gzip\r\n");
        assert!(
            reply.head.contains("content-encoding: gzip"),
            "{path}: {}",
            reply.head
        );
    }
    let ics = get(port, "/partnerstwo/aktualnosci/jeden/wydarzenie.ics");
    assert_eq!(ics.status, 200);
    assert!(
        ics.head.contains("content-type: text/calendar"),
        "{}",
        ics.head
    );

    let missing = get(port, "/partnerstwo/nie-ma-takiej-strony/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Partnerstwo Alfa"),
        "the site's own 404 page"
    );
    let other = get(port, "/cwd/nie-ma/");
    assert_eq!(other.status, 404);
    assert!(other.body.contains("Centrum"));
}
