//! Output that works wherever it is put: every internal link of every page
//! resolves to a file, with root-relative links under a base path, and with
//! `--relative` links that work opened from disk (file://).

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// A partnership published in a subfolder of a gmina's site whose name is
/// not its id, and a hub on the same host linking to it.
fn subfolder_workspace() -> Fixture {
    let fx = Fixture::new();
    let mut alfa = site(
        "alfa",
        "Partnerstwo Alfa",
        "https://www.gmina.example.pl/partnerstwo/",
    );
    alfa.push_str(
        "    accessibility:
      entity: Urząd Gminy Alfa
      published: 2020-09-28
      updated: 20.01.2021
      status: zgodna
      prepared: 2021-03-31
      reviewed: 2026-03-25
      assessment: samoocena przeprowadzona przez podmiot publiczny
      contact:
        person: Koordynator do spraw dostępności
        email: dostepnosc@example.org
        phone: \"+48 12 345 67 89\"
      architecture: Wejście do urzędu bez schodów.
      communication: Kontakt przez tłumacza PJM online.
",
    );
    fx.write(
        "config.yaml",
        config(&[
            alfa,
            hub("cwd", "Centrum", "https://www.gmina.example.pl/cwd/"),
        ]),
    );
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx.write_site_skeleton("cwd", "Centrum");
    for (file, title, tags) in [
        ("2021-01-10-jeden", "Pierwsze", "[drogi, szkoły]"),
        ("2021-02-10-dwa", "Drugie", "[drogi]"),
        ("2021-03-10-trzy", "Trzecie", "[woda]"),
    ] {
        fx.write(
            &format!("content/alfa/aktualnosci/{file}.md"),
            format!(
                "---\ntitle: {title}\ndate: {}\ntags: {tags}\nattachments:\n  - file: plan.pdf\n    title: Plan\n---\nZobacz [poprzednie](@/aktualnosci/2021-01-10-jeden.md) i [start](/#tresc).\n\n![Mapa obszaru](mapa.png)\n",
                &file[..10]
            ),
        );
        fx.write(
            &format!("content/alfa/aktualnosci/{file}/plan.pdf"),
            b"%PDF-1.4",
        );
        fx.write(
            &format!("content/alfa/aktualnosci/{file}/mapa.png"),
            common::PNG,
        );
    }
    fx
}

/// Every `href` and `src` of every page under `out`.
fn links(out: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for file in html_files(out) {
        let html = std::fs::read_to_string(&file).unwrap();
        for name in ["href", "src"] {
            for value in attr_values(&html, name) {
                found.push((file.clone(), value));
            }
        }
    }
    found
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

fn is_external(value: &str) -> bool {
    value.starts_with("http://")
        || value.starts_with("https://")
        || value.starts_with("mailto:")
        || value.starts_with("tel:")
        || value.starts_with('#')
        || value.is_empty()
}

fn strip_suffix(value: &str) -> &str {
    value.split(['?', '#']).next().unwrap_or(value)
}

#[test]
fn root_relative_links_resolve_under_a_subfolder_base_url() {
    let fx = subfolder_workspace();
    fx.build_ok(&["--now", "2026-01-01"]);
    let out = fx.path("public");
    let folders = [("/partnerstwo/", "alfa"), ("/cwd/", "cwd")];
    let mut checked = 0;
    for (page, value) in links(&out) {
        if is_external(&value) || value.starts_with("/__") {
            continue;
        }
        let path = strip_suffix(&value);
        let target = match folders.iter().find(|(base, _)| path.starts_with(base)) {
            Some((base, id)) => out.join(id).join(&path[base.len()..]),
            None if path.starts_with('/') => {
                panic!("{} links to {value} outside every site", page.display())
            }
            None => page.parent().unwrap().join(path),
        };
        let target = if target.is_dir() {
            target.join("index.html")
        } else {
            target
        };
        assert!(
            target.is_file(),
            "{} links to {value}: missing",
            page.display()
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn relative_links_work_opened_from_disk() {
    let fx = subfolder_workspace();
    fx.build_ok(&["--now", "2026-01-01", "--relative"]);
    let out = fx.path("public");
    let mut checked = 0;
    for (page, value) in links(&out) {
        if is_external(&value) {
            continue;
        }
        assert!(
            !value.starts_with('/'),
            "{}: {value} is not relative",
            page.display()
        );
        let path = strip_suffix(&value);
        // file:// opens exactly this file: a folder link would show a listing.
        let target = page.parent().unwrap().join(path);
        assert!(
            target.is_file(),
            "{} links to {value}: not a file",
            page.display()
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} links checked");
    // Canonical links, feeds and the sitemap stay absolute.
    let page = fx.read("public/alfa/aktualnosci/dwa/index.html");
    let canonical = opening_tags(&page, "link")
        .into_iter()
        .find(|tag| tag.contains("canonical"))
        .unwrap_or_default();
    assert!(
        unquoted(canonical)
            .contains("href=https://www.gmina.example.pl/partnerstwo/aktualnosci/dwa/"),
        "{canonical}"
    );
    assert!(fx
        .read("public/alfa/sitemap.xml")
        .contains("<loc>https://www.gmina.example.pl/partnerstwo/aktualnosci/dwa/</loc>"));
    assert!(fx
        .read("public/alfa/atom.xml")
        .contains("https://www.gmina.example.pl/partnerstwo/aktualnosci/dwa/"));
    // The hub reaches the partnership through its sibling folder.
    let hub = fx.read("public/cwd/index.html");
    assert!(
        unquoted(&hub).contains("href=../alfa/aktualnosci/trzy/index.html"),
        "{hub}"
    );
}
