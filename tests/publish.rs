//! Handing a site over: zip packages with a manifest, and the server
//! configuration written beside a build on request.

mod common;

use common::*;
use sha2::{Digest, Sha256};
use std::io::Read;

fn built() -> Fixture {
    let fx = Fixture::partnership("https://www.gmina.example.pl/partnerstwo/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement("Pierwsze", "2021-01-10", "Treść."),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden/plan.pdf",
        b"%PDF-1.4 plan",
    );
    fx
}

fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut body = Vec::new();
            file.read_to_end(&mut body).unwrap();
            (file.name().to_string(), body)
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_package_holds_the_site_and_a_manifest_that_checks_out() {
    let fx = built();
    let run = fx.run(&["package", "--now", "2026-01-01"]);
    run.assert_ok();
    assert!(run.stdout.starts_with("alfa: "), "{}", run.stdout);
    assert!(run.stdout.contains("packages/alfa.zip"), "{}", run.stdout);
    let first = fx.read_bytes("packages/alfa.zip");
    let entries = zip_entries(&first);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"alfa/index.html"));
    assert!(names.contains(&"alfa/aktualnosci/jeden/plan.pdf"));
    let manifest = &entries
        .iter()
        .find(|(n, _)| n == "alfa/tablica-manifest.json")
        .unwrap()
        .1;
    let manifest: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    assert_eq!(manifest["site"], "alfa");
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        entries.len() - 2,
        "every file but the manifests"
    );
    for file in files {
        let path = file["path"].as_str().unwrap();
        let body = &entries
            .iter()
            .find(|(n, _)| n == &format!("alfa/{path}"))
            .unwrap()
            .1;
        assert_eq!(file["size"], body.len());
        assert_eq!(file["sha256"], hex(&Sha256::digest(body)), "{path}");
    }
    let sums = String::from_utf8(
        entries
            .iter()
            .find(|(n, _)| n == "alfa/SHA256SUMS")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(sums
        .lines()
        .any(|l| l.ends_with("  index.html") && l.len() == 64 + 2 + 10));

    // The same site gives the same bytes.
    fx.run(&["package", "--now", "2026-01-01"]).assert_ok();
    assert_eq!(fx.read_bytes("packages/alfa.zip"), first);
}

fn entry(entries: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, body) = entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the package"));
    String::from_utf8(body.clone()).unwrap()
}

#[test]
fn a_package_works_opened_from_disk_and_says_how_to_open_it() {
    let fx = built();
    // Built for a server first: the package must not take this build.
    fx.build_ok(&["--now", "2026-01-01"]);
    fx.run(&["package", "--now", "2026-01-01"]).assert_ok();
    let entries = zip_entries(&fx.read_bytes("packages/alfa.zip"));
    let home = entry(&entries, "alfa/index.html");
    // Links are relative to the page and name the index file, so that they
    // open from disk (file://), where a folder link opens no index.html.
    assert!(home.contains("href=aktualnosci/jeden/index.html"), "{home}");
    assert!(!home.contains("href=/partnerstwo/"), "{home}");
    let page = entry(&entries, "alfa/aktualnosci/jeden/index.html");
    assert!(page.contains("href=../../index.html"), "{page}");
    let how = entry(&entries, "alfa/JAK-OTWORZYC.txt");
    assert!(how.contains("Rozpakuj całe archiwum alfa.zip"), "{how}");
    assert!(how.contains("otwórz plik index.html"), "{how}");
    assert!(how.contains("open index.html in a browser"), "{how}");
    // The temporary build is gone, and the server build is untouched.
    assert_eq!(fx.files("packages"), vec!["alfa.zip".to_string()]);
    assert!(fx.read("public/alfa/index.html").contains("/partnerstwo/"));

    // --as-built packs the output folder as it was built, for a server.
    fx.run(&["package", "--as-built"]).assert_ok();
    let entries = zip_entries(&fx.read_bytes("packages/alfa.zip"));
    assert!(entry(&entries, "alfa/index.html").contains("/partnerstwo/"));
    assert!(!entries.iter().any(|(n, _)| n.ends_with("JAK-OTWORZYC.txt")));
}

#[test]
fn packaging_an_unbuilt_site_says_to_build_first() {
    let fx = built();
    let run = fx.run(&["package", "--as-built", "--to", "paczki"]);
    run.assert_failed();
    assert!(
        run.stderr.contains("witryna alfa nie jest zbudowana"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tablica build"), "{}", run.stderr);
    assert!(!fx.exists("paczki/alfa.zip"));
}

#[test]
fn server_config_gives_the_404_page_headers_and_the_theme_script_hashes() {
    let fx = built();
    fx.build_ok(&["--now", "2026-01-01", "--server-config"]);
    let htaccess = fx.read("public/alfa/.htaccess");
    assert!(
        htaccess.contains("ErrorDocument 404 /partnerstwo/404.html"),
        "{htaccess}"
    );
    assert!(htaccess.contains("X-Content-Type-Options \"nosniff\""));
    assert!(htaccess.contains("Referrer-Policy"));
    let nginx = fx.read("public/alfa.nginx.conf");
    assert!(nginx.contains("location /partnerstwo/ {"), "{nginx}");
    assert!(nginx.contains("error_page 404 /partnerstwo/404.html;"));
    // Every inline script of the built pages is allowed by its hash.
    let page = fx.read("public/alfa/aktualnosci/jeden/index.html");
    let mut scripts = 0;
    for part in page.split("<script").skip(1) {
        let (tag, rest) = part.split_once('>').unwrap();
        if tag.contains("src=") || tag.contains("ld+json") {
            continue;
        }
        let body = rest.split("</script>").next().unwrap();
        let digest = Sha256::digest(body.as_bytes());
        let hash = base64(&digest);
        assert!(
            htaccess.contains(&format!("'sha256-{hash}'")),
            "{hash} not in CSP"
        );
        assert!(nginx.contains(&format!("'sha256-{hash}'")));
        scripts += 1;
    }
    assert!(scripts > 0);
    // Without the option nothing is written.
    fx.build_ok(&["--now", "2026-01-01"]);
    assert!(!fx.exists("public/alfa/.htaccess"));
}

fn base64(bytes: &[u8]) -> String {
    let output = std::process::Command::new("base64")
        .arg("-w0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}
