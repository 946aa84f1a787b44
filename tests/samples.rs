//! The sample workspace the repository ships: it builds without an error or
//! a warning into five sites, and building it twice gives identical bytes.

mod common;

use common::*;

#[test]
fn samples_build_cleanly_and_deterministically() {
    let fx = Fixture::samples();
    // A fixed date: scheduled announcements, events and consultations depend on it.
    let now = ["--now", "2026-11-26"];
    let first = fx.run(&[&["build", "--output", "a"][..], &now[..]].concat());
    first.assert_ok();
    assert!(
        first.stderr.is_empty(),
        "the samples have no warnings:\n{}",
        first.stderr
    );
    let lines: Vec<&str> = first.stdout.lines().collect();
    // A line per site, the total, and the photos made for the first time.
    assert_eq!(lines.len(), 7, "{}", first.stdout);
    assert!(
        lines[6].ends_with("zdjęć przygotowanych na nowo, 1 z pamięci podręcznej."),
        "{}",
        first.stdout
    );
    for id in [
        "ziemia-wysokomazowiecka",
        "razem-dla-rozwoju",
        "powiat-walecki",
        "dabrowa-tarnowska",
        "cwd",
    ] {
        assert!(fx.exists(&format!("a/{id}/index.html")), "{id}");
        assert!(
            fx.exists(&format!("a/{id}/deklaracja-dostepnosci/index.html")),
            "{id}"
        );
        assert!(fx.exists(&format!("a/{id}/atom.xml")), "{id}");
    }
    let second = fx.run(&[&["build", "--output", "b"][..], &now[..]].concat());
    second.assert_ok();
    assert_eq!(
        second.stdout.lines().count(),
        6,
        "the second build makes no photo again:\n{}",
        second.stdout
    );
    assert_same_tree(&fx.snapshot("a"), &fx.snapshot("b"));
}
