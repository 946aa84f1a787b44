//! Bugs found while writing the integration tests, each pinned by a test of
//! the behaviour that must hold: an empty slug, links to drafts, a draft's
//! bundle files, script text in summaries, template errors without a place.

mod common;

use common::*;

#[test]
fn page_with_an_empty_slug_does_not_replace_the_section_list() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-zwykle.md",
        announcement("Zwykłe ogłoszenie", "2021-01-10", "Treść."),
    );
    let file = "content/alfa/aktualnosci/2021-05-01-!!!.md";
    fx.write(file, announcement("Pusty adres", "2021-05-01", "Treść."));
    let run = fx.build(&[]);
    if run.success() {
        // Both pages are written to aktualnosci/index.html, so whichever
        // thread writes last wins: one of them is always lost.
        let list = fx.read("public/alfa/aktualnosci/index.html");
        assert!(
            list.contains("<h1>Aktualności</h1>"),
            "the section list was replaced by the page:\n{list}"
        );
        let pages = fx.snapshot("public/alfa");
        assert!(
            pages
                .values()
                .any(|b| String::from_utf8_lossy(b).contains("<h1>Pusty adres</h1>")),
            "the page with the empty slug was not written anywhere"
        );
    } else {
        assert!(
            run.errors().iter().any(|d| d.file == file),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn link_to_a_draft_is_not_left_dangling() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-04-01-szkic.md",
        "---\ntitle: Szkic\ndate: 2021-04-01\ndraft: true\n---\nNiegotowe.\n",
    );
    let file = "content/alfa/aktualnosci/2021-04-02-link.md";
    fx.write(
        file,
        announcement(
            "Link do szkicu",
            "2021-04-02",
            "[szkic](@/aktualnosci/2021-04-01-szkic.md)",
        ),
    );
    let run = fx.build(&[]);
    let reported = run.diagnostics().iter().any(|d| d.file == file);
    let target_exists = fx.exists("public/alfa/aktualnosci/szkic/index.html");
    assert!(
        reported || target_exists,
        "the build succeeded silently with a link to a page it did not write\n{}",
        run.stderr
    );
}

#[test]
fn files_of_a_draft_bundle_are_not_published() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-04-01-szkic.md",
        "---\ntitle: Szkic\ndate: 2021-04-01\ndraft: true\n---\nNiegotowe.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-04-01-szkic/projekt-uchwaly.pdf",
        "poufne",
    );
    fx.build_ok(&[]);
    assert!(!fx.exists("public/alfa/aktualnosci/szkic/projekt-uchwaly.pdf"));
}

#[test]
fn script_text_does_not_leak_into_summaries() {
    let fx = Fixture::partnership("https://example.org/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-20-skrypt.md",
        announcement(
            "Skrypt",
            "2021-01-20",
            "Zaproszenie <script>ukradnijCiasteczka()</script> na spotkanie.",
        ),
    );
    fx.build_ok(&[]);
    for page in [
        "public/alfa/aktualnosci/skrypt/index.html",
        "public/alfa/aktualnosci/index.html",
        "public/alfa/index.html",
    ] {
        let html = fx.read(page);
        assert!(!html.contains("ukradnijCiasteczka"), "{page}:\n{html}");
    }
}

#[test]
fn unknown_template_filter_names_file_and_line() {
    let fx = Fixture::partnership("https://example.org/");
    let template = "themes/portal/templates/page.html";
    let source = fx
        .read(template)
        .replace("{{ page.title }}", "{{ page.title | nie_ma_filtra }}");
    fx.write(template, &source);
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    let (line, _) = position_of(&source, "nie_ma_filtra");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].file, template, "{}", run.stderr);
    assert_eq!(errors[0].line, Some(line), "{}", run.stderr);
}
