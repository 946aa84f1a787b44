//! Integration tests of a successful build: fixture workspaces built by the
//! real binary, with assertions on the files it writes.

mod common;

use common::*;

/// Five announcements of `alfa`, oldest first, in both date forms:
/// (file, title, date as written, ISO date, slug).
const FIVE: [(&str, &str, &str, &str, &str); 5] = [
    (
        "2021-01-20-Żółta-łąka.md",
        "Żółta łąka nad Bugiem",
        "20.01.2021",
        "2021-01-20",
        "zolta-laka",
    ),
    (
        "2021-02-03-warsztaty.md",
        "Warsztaty strategiczne",
        "2021-02-03",
        "2021-02-03",
        "warsztaty",
    ),
    (
        "2021-03-15-ankiety.md",
        "Wyniki ankiet",
        "15.03.2021",
        "2021-03-15",
        "ankiety",
    ),
    (
        "2021-04-22-debata.md",
        "Debata młodzieżowa",
        "2021-04-22",
        "2021-04-22",
        "debata",
    ),
    (
        "2021-05-27-spotkanie.md",
        "Spotkanie interesariuszy",
        "27.05.2021",
        "2021-05-27",
        "spotkanie",
    ),
];

fn write_five(fx: &Fixture, site: &str) {
    for (file, title, date, _, slug) in FIVE {
        fx.write(
            &format!("content/{site}/aktualnosci/{file}"),
            announcement(title, date, &format!("Treść ogłoszenia {slug}.")),
        );
    }
}

/// Titles of FIVE newest first.
fn newest_first() -> Vec<&'static str> {
    FIVE.iter().rev().map(|a| a.1).collect()
}

/// Asserts that `titles` appear in `html` in this order.
fn assert_in_order(html: &str, titles: &[&str]) {
    let positions: Vec<usize> = titles.iter().map(|t| offset(html, t)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "expected order {titles:?}, positions {positions:?}"
    );
}

/// Every internal `<a href>`, `<img src>` and stylesheet link of every page
/// of `public/<site>` (published at `base_path`) names a file that exists.
fn assert_internal_links_resolve(fx: &Fixture, site: &str, base_path: &str) {
    let dir = format!("public/{site}");
    for (path, bytes) in fx.snapshot(&dir) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let mut urls: Vec<String> = Vec::new();
        for tag in opening_tags(&html, "a") {
            urls.extend(attr_values(tag, "href"));
        }
        for tag in opening_tags(&html, "img") {
            urls.extend(attr_values(tag, "src"));
        }
        for tag in opening_tags(&html, "link") {
            if tag.contains("stylesheet") {
                urls.extend(attr_values(tag, "href"));
            }
        }
        for url in urls {
            if !url.starts_with('/') {
                continue;
            }
            let url = url.split('#').next().unwrap();
            let rel = url
                .strip_prefix(base_path)
                .unwrap_or_else(|| panic!("{path}: link {url} is outside {base_path}"));
            let mut target = format!("{dir}/{rel}");
            if target.ends_with('/') {
                target.push_str("index.html");
            }
            assert!(
                fx.exists(&target),
                "{path}: link {url} points at a missing file {target}"
            );
        }
    }
}

#[test]
fn page_title_is_in_h1_and_title_and_url_drops_date_and_polish_letters() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.build_ok(&[]);

    let html = fx.read("public/alfa/aktualnosci/zolta-laka/index.html");
    assert!(html.contains("<h1>Żółta łąka nad Bugiem</h1>"), "{html}");
    assert!(
        html.contains("<title>Żółta łąka nad Bugiem — Partnerstwo Alfa</title>"),
        "{html}"
    );
    assert_eq!(html.matches("<h1").count(), 1, "one h1 per page");
    for (_, _, _, _, slug) in FIVE {
        assert!(fx.exists(&format!("public/alfa/aktualnosci/{slug}/index.html")));
    }
    // No folder keeps the date prefix or the original spelling.
    let files = fx.files("public/alfa");
    assert!(
        files
            .iter()
            .all(|f| !f.contains("2021-") && !f.contains('Ż')),
        "{files:?}"
    );
    // The section's own title comes from aktualnosci/_index.md.
    let list = fx.read("public/alfa/aktualnosci/index.html");
    assert!(list.contains("<h1>Aktualności</h1>"), "{list}");
    assert!(list.contains("<title>Aktualności — Partnerstwo Alfa</title>"));
    // The home page is titled by the site alone.
    assert!(fx
        .read("public/alfa/index.html")
        .contains("<title>Partnerstwo Alfa</title>"));
}

#[test]
fn lists_and_home_show_newest_first_and_paginate() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.build_ok(&[]);
    let titles = newest_first();

    let first = fx.read("public/alfa/aktualnosci/index.html");
    assert_in_order(&first, &titles[0..2]);
    for older in &titles[2..] {
        assert!(!first.contains(older), "{older} is not on page 1");
    }
    let second = fx.read("public/alfa/aktualnosci/strona/2/index.html");
    assert_in_order(&second, &titles[2..4]);
    let third = fx.read("public/alfa/aktualnosci/strona/3/index.html");
    assert!(third.contains(titles[4]), "the oldest is on page 3");
    for newer in &titles[..4] {
        assert!(!third.contains(newer), "{newer} is not on page 3");
    }
    assert!(!fx.exists("public/alfa/aktualnosci/strona/4/index.html"));
    assert!(
        !fx.exists("public/alfa/aktualnosci/strona/1/index.html"),
        "page 1 lives at the list's own URL"
    );
    assert!(third.contains("<title>Aktualności — strona 3 — Partnerstwo Alfa</title>"));

    // The pagination nav marks the current page, and only it.
    for (html, number) in [(&first, 1), (&second, 2), (&third, 3)] {
        let nav = element(html, "<nav", "pagination", "</nav>");
        let current: Vec<&str> = opening_tags(nav, "a")
            .into_iter()
            .filter(|t| t.contains("aria-current"))
            .collect();
        assert_eq!(current.len(), 1, "{nav}");
        let expected = if number == 1 {
            "/aktualnosci/".to_string()
        } else {
            format!("/aktualnosci/strona/{number}/")
        };
        assert_eq!(attr_values(current[0], "href"), vec![expected], "{nav}");
        assert!(unquoted(current[0]).contains("aria-current=page"));
        let hrefs: Vec<String> = opening_tags(nav, "a")
            .iter()
            .flat_map(|t| attr_values(t, "href"))
            .collect();
        for n in 2..=3 {
            assert!(
                hrefs.contains(&format!("/aktualnosci/strona/{n}/")),
                "{nav}"
            );
        }
    }

    // The home page shows the newest ones too, newest first.
    let home = fx.read("public/alfa/index.html");
    assert_in_order(&home, &titles[0..2]);
    assert!(!home.contains(titles[4]));
    assert_internal_links_resolve(&fx, "alfa", "/");
}

#[test]
fn both_date_forms_render_as_time_with_polish_long_date() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-kropki.md",
        announcement("Data kropkowa", "20.01.2021", "Tekst."),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-iso.md",
        announcement("Data ISO", "2021-01-20", "Tekst."),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-09-01-wrzesien.md",
        announcement("Wrzesień", "1.09.2021 r.", "Tekst."),
    );
    fx.build_ok(&[]);
    for slug in ["kropki", "iso"] {
        let html = unquoted(&fx.read(&format!("public/alfa/aktualnosci/{slug}/index.html")));
        assert!(
            html.contains("<time datetime=2021-01-20>20\u{a0}stycznia 2021</time>"),
            "{slug}: {html}"
        );
    }
    let html = unquoted(&fx.read("public/alfa/aktualnosci/wrzesien/index.html"));
    assert!(
        html.contains("<time datetime=2021-09-01>1\u{a0}września 2021</time>"),
        "{html}"
    );
    // Cards in the list carry the same dates.
    let list = unquoted(&fx.read("public/alfa/aktualnosci/index.html"));
    assert!(list.contains("<time datetime=2021-09-01>1\u{a0}września 2021</time>"));
    assert_eq!(
        list.matches("<time datetime=2021-01-20>20\u{a0}stycznia 2021</time>")
            .count(),
        1,
        "page 1 of the list shows one of the two January pages (paginate_by: 2)"
    );
}

#[test]
fn output_is_minified_and_has_no_comments() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.write(
        "content/alfa/o-partnerstwie.md",
        "---\ntitle: O partnerstwie\n---\n<!-- notatka redakcji -->\n\nPartnerstwo.\n\n## Cele\n\n- jeden\n- dwa\n",
    );
    fx.build_ok(&[]);
    let pages: Vec<String> = fx
        .files("public/alfa")
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 9, "{pages:?}");
    for page in pages {
        let html = fx.read(&format!("public/alfa/{page}"));
        assert!(!html.contains("\n  <"), "{page} keeps indentation:\n{html}");
        assert!(!html.contains("\n\n"), "{page} keeps blank lines");
        assert!(!html.contains("<!--"), "{page} keeps a comment");
        assert!(!html.contains("notatka redakcji"));
        assert!(
            html.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{page}"
        );
        assert!(html.contains("</html>"), "{page}");
    }
}

/// A workspace with two partnerships and a hub, a dozen pages and assets.
fn rich_fixture() -> Fixture {
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[
            site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/"),
            site("beta", "Partnerstwo Beta", "https://example.org/beta/"),
            hub("centrum", "Partnerstwa regionu", "https://example.org/"),
        ]),
    );
    for (id, title) in [("alfa", "Partnerstwo Alfa"), ("beta", "Partnerstwo Beta")] {
        fx.write_site_skeleton(id, title);
        write_five(&fx, id);
        fx.write(
            &format!("content/{id}/o-partnerstwie.md"),
            "---\ntitle: O partnerstwie\n---\nO nas w skrócie.\n",
        );
    }
    fx.write(
        "content/centrum/_index.md",
        "---\ntitle: Partnerstwa regionu\n---\nWszystkie partnerstwa.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-Żółta-łąka/foto.jpg",
        [0xFF, 0xD8, 0xFF, 0xE0],
    );
    fx.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    fx
}

#[test]
fn two_builds_give_byte_identical_output() {
    let fx = rich_fixture();
    let one = fx.path("out-1");
    let two = fx.path("out-2");
    fx.build_ok(&["--output", one.to_str().unwrap()]);
    fx.build_ok(&["--output", two.to_str().unwrap()]);
    let a = snapshot(&one);
    let b = snapshot(&two);
    assert!(a.len() > 20, "{:?}", a.keys());
    for site in ["alfa/", "beta/", "centrum/"] {
        assert!(a.keys().any(|k| k.starts_with(site)), "{site} was built");
    }
    assert_same_tree(&a, &b);
    assert!(!fx.exists("public"), "--output replaces output_dir");
}

#[test]
fn second_build_replaces_the_site_folder_and_leaves_no_staging_folders() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.build_ok(&[]);
    assert!(fx.exists("public/alfa/aktualnosci/debata/index.html"));
    // Something left from older builds, a page that was since deleted, and
    // folders of a build that crashed midway.
    fx.write("public/alfa/stary-plik.html", "stare");
    fx.remove("content/alfa/aktualnosci/2021-04-22-debata.md");
    fx.write("public/.tablica-staging-alfa-1/index.html", "x");
    fx.write("public/.tablica-old-alfa-1/index.html", "x");
    fx.write("public/inna-witryna/index.html", "nie ruszać");

    let run = fx.build_ok(&[]);
    assert!(!fx.exists("public/alfa/stary-plik.html"));
    assert!(!fx.exists("public/alfa/aktualnosci/debata/index.html"));
    assert!(fx.exists("public/alfa/aktualnosci/spotkanie/index.html"));
    assert_eq!(fx.leftovers("public"), Vec::<String>::new());
    assert_eq!(
        fx.read("public/inna-witryna/index.html"),
        "nie ruszać",
        "folders of other sites are left alone"
    );
    let written = html_pages(&fx, "public/alfa");
    assert!(
        run.stdout.starts_with(&format!("alfa: {written} ")),
        "{written}: {}",
        run.stdout
    );
}

#[test]
fn drafts_are_skipped_unless_requested() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.write(
        "content/alfa/aktualnosci/2021-12-01-szkic.md",
        "---\ntitle: Szkic ogłoszenia\ndate: 2021-12-01\ndraft: true\n---\nNiegotowe.\n",
    );

    let run = fx.build_ok(&[]);
    assert!(!fx.exists("public/alfa/aktualnosci/szkic/index.html"));
    let everything: String = fx
        .snapshot("public/alfa")
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert!(!everything.contains("Szkic ogłoszenia"));
    assert!(run.stdout.contains("1 szkic pominięty"), "{}", run.stdout);
    let run = fx.build_en(&[]);
    assert!(run.stdout.contains("1 draft skipped"), "{}", run.stdout);

    fx.build_ok(&["--drafts"]);
    let page = fx.read("public/alfa/aktualnosci/szkic/index.html");
    assert!(page.contains("<h1>Szkic ogłoszenia</h1>"));
    let list = fx.read("public/alfa/aktualnosci/index.html");
    assert_in_order(&list, &["Szkic ogłoszenia", FIVE[4].1]);
    assert!(fx.exists("public/alfa/aktualnosci/strona/3/index.html"));
}

#[test]
fn content_links_and_all_internal_links_carry_the_base_path() {
    let fx = Fixture::partnership("https://example.org/partnerstwo/");
    write_five(&fx, "alfa");
    fx.write(
        "content/alfa/aktualnosci/2021-06-01-linki.md",
        announcement(
            "Linki",
            "2021-06-01",
            "Zobacz [łąkę](@/aktualnosci/2021-01-20-Żółta-łąka.md), \
             [wyniki](@/aktualnosci/2021-03-15-ankiety.md#tabela), \
             [o nas](@/o-partnerstwie.md), [kontakt](/o-partnerstwie/) \
             i [urząd](https://www.gov.pl/).",
        ),
    );
    fx.write(
        "content/alfa/o-partnerstwie.md",
        "---\ntitle: O partnerstwie\n---\nTekst.\n",
    );
    fx.build_ok(&[]);

    let html = fx.read("public/alfa/aktualnosci/linki/index.html");
    let prose = element(&html, "<div", "prose", "</div>");
    let hrefs: Vec<String> = opening_tags(prose, "a")
        .iter()
        .flat_map(|t| attr_values(t, "href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/partnerstwo/aktualnosci/zolta-laka/",
            "/partnerstwo/aktualnosci/ankiety/#tabela",
            "/partnerstwo/o-partnerstwie/",
            "/partnerstwo/o-partnerstwie/",
            "https://www.gov.pl/",
        ],
        "{prose}"
    );
    let stylesheet: Vec<String> = opening_tags(&html, "link")
        .into_iter()
        .filter(|t| t.contains("stylesheet"))
        .flat_map(|t| attr_values(t, "href"))
        .collect();
    assert_eq!(stylesheet, ["/partnerstwo/css/portal.css"]);
    assert!(
        unquoted(&html)
            .contains("canonical href=https://example.org/partnerstwo/aktualnosci/linki/")
            || unquoted(&html)
                .contains("href=https://example.org/partnerstwo/aktualnosci/linki/ rel=canonical"),
        "{html}"
    );

    // Every root-relative link of every page lies under the base path.
    for (path, bytes) in fx.snapshot("public/alfa") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if url.starts_with('/') {
                assert!(url.starts_with("/partnerstwo/"), "{path}: {url}");
            }
        }
    }
    assert_internal_links_resolve(&fx, "alfa", "/partnerstwo/");
}

#[test]
fn base_url_option_overrides_config() {
    let fx = Fixture::partnership("https://example.org/");
    write_five(&fx, "alfa");
    fx.build_ok(&["--base-url", "https://podglad.example.net/test/"]);
    let html = fx.read("public/alfa/aktualnosci/index.html");
    let hrefs = attr_values(&html, "href");
    assert!(
        hrefs.contains(&"/test/aktualnosci/zolta-laka/".to_string())
            || !html.contains("zolta-laka")
    );
    assert!(
        hrefs.contains(&"/test/css/portal.css".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"https://podglad.example.net/test/aktualnosci/".to_string()),
        "{hrefs:?}"
    );
    assert_internal_links_resolve(&fx, "alfa", "/test/");
}

#[test]
fn site_option_builds_only_that_site() {
    let fx = rich_fixture();
    let run = fx.build_ok(&["--site", "beta"]);
    assert!(fx.exists("public/beta/index.html"));
    assert!(!fx.exists("public/alfa"));
    assert!(!fx.exists("public/centrum"));
    assert!(run.stdout.starts_with("beta: "), "{}", run.stdout);
    assert!(run.stdout.contains("1 witryna, "), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);

    // Building the hub alone reads the partnerships but writes only the hub.
    fx.build_ok(&["--site", "centrum"]);
    assert!(fx.exists("public/centrum/index.html"));
    assert!(!fx.exists("public/alfa"));
}

#[test]
fn hub_lists_partnerships_and_their_newest_announcements() {
    let fx = rich_fixture();
    fx.write(
        "content/beta/aktualnosci/2022-06-01-najnowsze.md",
        announcement("Najnowsze od Bety", "01.06.2022", "Świeża wiadomość."),
    );
    fx.build_ok(&[]);
    let html = fx.read("public/centrum/index.html");
    assert!(html.contains("<h1>Partnerstwa regionu</h1>"), "{html}");
    let partnerships = element(&html, "<section", "partnerships", "</section>");
    assert_in_order(partnerships, &["Partnerstwo Alfa", "Partnerstwo Beta"]);
    let hrefs: Vec<String> = opening_tags(partnerships, "a")
        .iter()
        .flat_map(|t| attr_values(t, "href"))
        .collect();
    assert_eq!(hrefs, ["/alfa/", "/beta/"], "same origin: links by path");
    // The newest announcements across partnerships, newest first, with
    // the partnership named on each card and links into that site.
    let latest = element(&html, "<section", "z-partnerstw", "</section>");
    assert_in_order(latest, &["Najnowsze od Bety", "Spotkanie interesariuszy"]);
    assert!(latest.contains("Partnerstwo Beta"));
    let card_links: Vec<String> = opening_tags(latest, "a")
        .iter()
        .flat_map(|t| attr_values(t, "href"))
        .collect();
    assert_eq!(card_links[0], "/beta/aktualnosci/najnowsze/");
    assert!(card_links.contains(&"/alfa/aktualnosci/spotkanie/".to_string()));
    // The hub keeps its default paginate_by (10) of the 11 announcements;
    // of the two oldest (same date) the tie goes to the site first by id.
    assert_eq!(card_links.len(), 10, "{card_links:?}");
    assert!(card_links.contains(&"/alfa/aktualnosci/zolta-laka/".to_string()));
    assert!(!card_links.contains(&"/beta/aktualnosci/zolta-laka/".to_string()));
    // Each hub link names a page that exists in the partnership's folder.
    for link in hrefs.iter().chain(&card_links) {
        let rel = format!("public{link}index.html");
        assert!(fx.exists(&rel), "{rel}");
    }
}

#[test]
fn static_files_and_page_bundles_are_copied() {
    let fx = rich_fixture();
    fx.write(
        "themes/portal/static/img/znak-motywu.png",
        [0x89, b'P', b'N', b'G'],
    );
    fx.write("themes/portal/static/wspolny.txt", "z motywu");
    fx.write("static/wspolny.txt", "z workspace");
    fx.write("static/fonts/lato.woff2", [0u8, 1, 2, 3]);
    fx.write("content/alfa/pliki/uchwała.pdf", "%PDF-1.4");
    fx.write("content/alfa/pliki/~$uchwała.docx", "plik tymczasowy Worda");
    fx.build_ok(&[]);

    // Every file of the real theme's static folder.
    let theme_static = snapshot(&real_theme_dir().join("static"));
    for (rel, bytes) in &theme_static {
        for site in ["alfa", "beta", "centrum"] {
            assert_eq!(
                &fx.read_bytes(&format!("public/{site}/{rel}")),
                bytes,
                "{rel}"
            );
        }
    }
    for site in ["alfa", "beta", "centrum"] {
        assert_eq!(
            fx.read_bytes(&format!("public/{site}/img/znak-motywu.png")),
            [0x89, b'P', b'N', b'G']
        );
        assert_eq!(
            fx.read(&format!("public/{site}/logo.svg")),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        );
        assert_eq!(
            fx.read_bytes(&format!("public/{site}/fonts/lato.woff2")),
            [0u8, 1, 2, 3]
        );
        assert_eq!(
            fx.read(&format!("public/{site}/wspolny.txt")),
            "z workspace",
            "the workspace static folder wins over the theme's"
        );
    }
    assert!(
        !fx.exists("public/alfa/aktualnosci/zolta-laka/foto.jpg"),
        "a photo's original (with its metadata) is not published"
    );
    assert!(fx.exists("public/alfa/aktualnosci/zolta-laka/index.html"));
    assert!(!fx.exists("public/beta/aktualnosci/zolta-laka/foto.jpg"));
    assert_eq!(fx.read("public/alfa/pliki/uchwała.pdf"), "%PDF-1.4");
    assert!(
        !fx.exists("public/alfa/pliki/~$uchwała.docx"),
        "editor temp files are not published"
    );
    assert!(fx.files("public/alfa").iter().all(|f| !f.ends_with(".md")));
}

#[test]
fn raw_scripts_and_event_handlers_are_removed() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-skrypt.md",
        announcement(
            "Skrypt",
            "2021-01-20",
            "Pierwszy akapit.\n\n<script>alert('ukradzione')</script>\n\n\
             <div class=\"ramka\" onclick=\"zlosliwe()\" onmouseover=\"zlosliwe()\">Tekst w ramce</div>\n\n\
             Akapit z <span onclick=\"zlosliwe()\">wyróżnieniem</span> \
             i [linkiem](javascript:zlosliwe()) oraz <img src=\"x.png\" onerror=\"zlosliwe()\" alt=\"obraz\">.\n\n\
             ## Śródtytuł",
        ),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-skrypt/x.png",
        common::PNG,
    );
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/aktualnosci/skrypt/index.html");
    let prose = element(&html, "<div", "prose", "</article>");
    assert!(!prose.contains("<script"), "{prose}");
    assert!(!html.contains("ukradzione"), "{html}");
    assert!(!html.contains("zlosliwe"), "{html}");
    for handler in ["onclick", "onmouseover", "onerror", "javascript:"] {
        assert!(!html.contains(handler), "{handler} in {html}");
    }
    // The harmless parts stay.
    assert!(prose.contains("Tekst w ramce"));
    assert!(prose.contains("wyróżnieniem"));
    assert!(
        prose.contains("alt=obraz") || prose.contains("alt=\"obraz\""),
        "{prose}"
    );
    assert!(
        unquoted(prose).contains("<h2 id=srodtytul>"),
        "heading ids survive: {prose}"
    );
}

#[test]
fn unsafe_html_site_keeps_raw_html() {
    let fx = Fixture::new();
    let yaml = site("alfa", "Partnerstwo Alfa", "https://example.org/") + "    unsafe_html: true\n";
    fx.write("config.yaml", config(&[yaml]));
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-mapa.md",
        announcement(
            "Mapa",
            "2021-01-20",
            "Mapa:\n\n<div id=\"mapa\" onclick=\"pokaz()\">mapa</div>\n\n<script>zaladujMape()</script>",
        ),
    );
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/aktualnosci/mapa/index.html");
    assert!(html.contains("zaladujMape()"), "{html}");
    assert!(html.contains("onclick"), "{html}");
}

#[test]
fn summary_line_counts_sites_and_pages_in_both_languages() {
    let fx = rich_fixture();
    let run = fx.build_ok(&[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    // Each site's count is the HTML pages written, the 404 page aside.
    let counts: Vec<usize> = ["alfa", "beta", "centrum"]
        .iter()
        .map(|id| html_pages(&fx, &format!("public/{id}")))
        .collect();
    assert!(
        lines[0].starts_with(&format!("alfa: {} stron", counts[0])),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("→ public/alfa"), "{}", lines[0]);
    assert_eq!(
        counts[2], 2,
        "the hub with no content of its own has only its home and search pages"
    );
    assert!(lines[2].starts_with("centrum: 2 strony, "), "{}", lines[2]);
    let total_pages: usize = counts.iter().sum();
    let total = lines[3];
    assert!(
        total.starts_with(&format!("3 witryny, {total_pages} ")),
        "{total}"
    );
    let seconds = total.rsplit(", ").next().unwrap();
    assert!(seconds.ends_with(" s") && seconds.contains(','), "{total}");

    let run = fx.build_en(&[]);
    run.assert_ok();
    let total = run.stdout.lines().last().unwrap();
    assert!(
        total.starts_with(&format!("3 sites, {total_pages} pages, ")),
        "{total}"
    );
    let seconds = total.rsplit(", ").next().unwrap();
    assert!(seconds.ends_with(" s") && seconds.contains('.'), "{total}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn content_links_to_bundle_files_and_other_files() {
    let fx = Fixture::partnership("https://example.org/partnerstwo/");
    write_five(&fx, "alfa");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-Żółta-łąka/foto.jpg",
        common::JPEG,
    );
    fx.write("content/alfa/pliki/uchwala.pdf", "%PDF");
    fx.write(
        "content/alfa/aktualnosci/2021-06-01-zalaczniki.md",
        announcement(
            "Załączniki",
            "2021-06-01",
            "![Łąka](@/aktualnosci/2021-01-20-Żółta-łąka/foto.jpg)\n\n\
             [Uchwała](@/pliki/uchwala.pdf)",
        ),
    );
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/aktualnosci/zalaczniki/index.html");
    let prose = element(&html, "<div", "prose", "</div>");
    let src: Vec<String> = opening_tags(prose, "img")
        .iter()
        .flat_map(|t| attr_values(t, "src"))
        .collect();
    assert_eq!(
        src,
        ["/partnerstwo/aktualnosci/zolta-laka/foto-320.jpg"],
        "{prose}"
    );
    let href: Vec<String> = opening_tags(prose, "a")
        .iter()
        .flat_map(|t| attr_values(t, "href"))
        .collect();
    assert_eq!(href, ["/partnerstwo/pliki/uchwala.pdf"], "{prose}");
    assert_internal_links_resolve(&fx, "alfa", "/partnerstwo/");
}

#[test]
fn notepad_files_with_bom_and_crlf_are_read() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-notatnik.md",
        "\u{feff}---\r\ntitle: Notatnik\r\ndate: 20.01.2021\r\n---\r\nPierwsza linia.\r\n\r\nDruga linia.\r\n",
    );
    let run = fx.build_ok(&[]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let html = fx.read("public/alfa/aktualnosci/notatnik/index.html");
    assert!(html.contains("<h1>Notatnik</h1>"), "{html}");
    assert!(
        html.contains("<p>Pierwsza linia.</p><p>Druga linia.</p>"),
        "{html}"
    );
    assert!(!html.contains('\r') && !html.contains('\u{feff}'));
}

/// HTML pages written for a site, not counting its 404 page.
fn html_pages(fx: &Fixture, dir: &str) -> usize {
    fx.files(dir)
        .iter()
        .filter(|f| f.ends_with(".html") && !f.ends_with("404.html"))
        .count()
}

/// A 3×2 GIF: enough for the size probe.
/// A real GIF (800 × 450): every picture a page shows is decoded and resized.
const GIF: &[u8] = include_bytes!("fixtures/photos/plansza.gif");

/// The keys a Polish clerk types mean the same as the English ones: the
/// same page, byte for byte, and the same positions for the checks.
#[test]
fn polish_front_matter_keys_mean_the_same_as_english_ones() {
    let english = "---\ntitle: \"Spotkanie w sprawie strategii\"\ndate: 20.01.2021\n\
        summary: Zapraszamy mieszkańców.\ntags: [strategia]\ncategories: [Wydarzenia]\n\
        signature: \"Wójt Gminy\"\nsource: \"Urząd Gminy\"\ndraft: false\n\
        attachments:\n  - file: plan.pdf\n    title: \"Plan spotkania\"\n\
        event:\n  start: 21.01.2021 17:00\n  end: 21.01.2021 19:00\n  place: Świetlica\n  address: \"Lipno 5\"\n\
        gallery:\n  - file: sala.gif\n    alt: \"Sala pełna ludzi\"\n    caption: \"Spotkanie\"\n\
        ---\nTreść ogłoszenia.\n";
    let polish = "---\ntytuł: \"Spotkanie w sprawie strategii\"\ndata: 20.01.2021\n\
        opis: Zapraszamy mieszkańców.\ntagi: [strategia]\nkategorie: [Wydarzenia]\n\
        podpis: \"Wójt Gminy\"\nźródło: \"Urząd Gminy\"\nszkic: nie\n\
        załączniki:\n  - plik: plan.pdf\n    tytuł: \"Plan spotkania\"\n\
        wydarzenie:\n  początek: 21.01.2021 17:00\n  koniec: 21.01.2021 19:00\n  miejsce: Świetlica\n  adres: \"Lipno 5\"\n\
        galeria:\n  - plik: sala.gif\n    opis: \"Sala pełna ludzi\"\n    podpis: \"Spotkanie\"\n\
        ---\nTreść ogłoszenia.\n";
    let page = "aktualnosci/2021-01-20-spotkanie";
    let built: Vec<String> = [english, polish]
        .iter()
        .map(|front| {
            let fx = Fixture::partnership("https://example.org/");
            fx.write(&format!("content/alfa/{page}.md"), front);
            fx.write(&format!("content/alfa/{page}/plan.pdf"), b"%PDF-1.4 plan");
            fx.write(&format!("content/alfa/{page}/sala.gif"), GIF);
            let run = fx.build_ok(&["--now", "2021-01-20"]);
            assert!(run.stderr.is_empty(), "{}", run.stderr);
            fx.read("public/alfa/aktualnosci/spotkanie/index.html")
        })
        .collect();
    assert!(built[0].contains("Plan spotkania") && built[0].contains("Świetlica"));
    assert_eq!(built[0], built[1]);

    // `szkic: tak` keeps the page out, as `draft: true` does.
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        &format!("content/alfa/{page}.md"),
        "---\ntytuł: Szkic\ndata: 20.01.2021\nszkic: tak\n---\nTekst.\n",
    );
    let run = fx.build_ok(&["--now", "2021-01-20"]);
    assert!(run.stdout.contains("1 szkic pominięty"), "{}", run.stdout);
}
