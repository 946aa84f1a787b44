//! A site with `language: en` speaks English everywhere the theme speaks:
//! no Polish interface string may be left on any of its pages.

mod common;

use common::*;
use std::collections::BTreeMap;

fn translations(lang: &str) -> BTreeMap<String, String> {
    let path = real_theme_dir().join(format!("i18n/{lang}.yaml"));
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml_lines(&text)
}

/// `key: value` lines of a flat YAML file (enough for the theme's i18n files).
fn serde_yaml_lines(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && l.contains(": "))
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

#[test]
fn english_site_has_no_polish_interface_strings() {
    let fx = Fixture::new();
    let site = site("alfa", "Alpha Partnership", "https://example.org/alfa/")
        + "    language: en\n    bip: https://bip.example.org/alfa/\n    contact: {office: Alpha Office, email: a@example.org, phone: \"+48 1\"}\n";
    fx.write("config.yaml", config(&[site]));
    fx.write(
        "content/alfa/_index.md",
        "---\ntitle: Alpha Partnership\n---\nWelcome.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/_index.md",
        "---\ntitle: News\n---\n",
    );
    for day in 1..=3 {
        fx.write(
            &format!("content/alfa/aktualnosci/2021-01-0{day}-news-{day}.md"),
            announcement(
                &format!("News {day}"),
                &format!("2021-01-0{day}"),
                "| A | B |\n|---|---|\n| 1 | 2 |\n",
            ),
        );
    }
    fx.build_ok(&[]);
    let (pl, en) = (translations("pl"), translations("en"));
    let polish_only: Vec<&String> = pl
        .iter()
        .filter(|(key, value)| en.get(*key) != Some(value) && value.chars().count() >= 5)
        .map(|(_, value)| value)
        .collect();
    assert!(
        polish_only.len() > 20,
        "the check must have strings to look for"
    );
    let pages = fx.files("public/alfa");
    let html_pages: Vec<&String> = pages.iter().filter(|p| p.ends_with(".html")).collect();
    assert!(html_pages.len() >= 4, "{pages:?}");
    for page in html_pages {
        let html = fx.read(&format!("public/alfa/{page}"));
        assert!(html.contains("<html lang=en"), "{page}");
        for text in &polish_only {
            assert!(
                !html.contains(text.as_str()),
                "{page} contains the Polish string {text:?}"
            );
        }
        assert!(!html.contains("stycznia"), "{page} has a Polish date");
    }
    assert!(fx
        .read("public/alfa/aktualnosci/news-1/index.html")
        .contains("1\u{a0}January 2021"));
}
