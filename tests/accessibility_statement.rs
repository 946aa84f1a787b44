//! The accessibility statement (Deklaracja dostępności): generated from
//! config.yaml with the ids of the official template v2.0, in Polish and
//! English, and refused when facts are missing or a theme drops an id.

mod common;

use common::*;

const STATEMENT: &str = "    accessibility:
      entity: Urząd Gminy Alfa
      published: 2020-09-28
      updated: 20.01.2021
      status: częściowo zgodna
      non_compliant:
        - Część plików PDF to skany bez warstwy tekstowej.
      disproportionate_burden: Opisanie archiwalnych nagrań wideo byłoby nadmiernym kosztem.
      prepared: 2021-03-31
      reviewed: 2026-03-25
      assessment: samoocena przeprowadzona przez podmiot publiczny
      contact:
        person: Koordynator do spraw dostępności
        email: dostepnosc@example.org
        phone: \"+48 12 345 67 89\"
      architecture: Wejście do urzędu bez schodów, od strony parkingu.
      communication: Kontakt przez tłumacza PJM online po wcześniejszym zgłoszeniu.
";

fn fixture_with(statement: &str, language: &str) -> Fixture {
    let fx = Fixture::new();
    let site = site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/")
        + &format!("    language: {language}\n")
        + statement;
    fx.write("config.yaml", config(&[site]));
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx
}

const PAGE: &str = "public/alfa/deklaracja-dostepnosci/index.html";

#[test]
fn statement_has_every_required_id_once_and_the_facts() {
    let fx = fixture_with(STATEMENT, "pl");
    fx.build_ok(&[]);
    let html = unquoted(&fx.read(PAGE));
    for id in [
        "a11y-wstep",
        "a11y-podmiot",
        "a11y-zakres",
        "a11y-url",
        "a11y-data-publikacja",
        "a11y-data-aktualizacja",
        "a11y-status",
        "a11y-data-sporzadzenie",
        "a11y-data-przeglad",
        "a11y-kontakt",
        "a11y-email",
        "a11y-telefon",
        "a11y-procedura",
        "a11y-architektura",
        "a11y-komunikacja",
        "a11y-ocena",
    ] {
        let needle = format!("id={id}>");
        let spaced = format!("id={id} ");
        let count = html.matches(&needle).count() + html.matches(&spaced).count();
        assert_eq!(count, 1, "{id} appears {count} times in\n{html}");
    }
    assert!(
        html.contains("<h1 id=a11y-deklaracja>Deklaracja dostępności</h1>"),
        "{html}"
    );
    assert!(html.contains("<span id=a11y-podmiot>Urząd Gminy Alfa</span>"));
    assert!(
        html.contains("href=https://example.org/alfa/"),
        "a11y-url must be the base URL"
    );
    assert!(
        html.contains("datetime=2021-01-20"),
        "the clerk's date form is accepted"
    );
    assert!(
        html.contains("częściowo zgodna z\u{a0}ustawą")
            || html.contains("częściowo zgodna z ustawą")
    );
    assert!(html.contains("href=tel:+48123456789"), "{html}");
    assert!(html.contains("href=mailto:dostepnosc@example.org"));
    assert!(html.contains("Część plików PDF to skany"));
    assert!(
        !html.contains("a11y-aplikacje"),
        "conditional ids appear only with their facts"
    );
    assert!(html.contains("<title>Deklaracja dostępności — Partnerstwo Alfa</title>"));
}

#[test]
fn english_site_gets_an_english_statement() {
    let fx = fixture_with(STATEMENT, "en");
    fx.build_ok(&[]);
    let html = fx.read(PAGE);
    assert!(html.contains("Accessibility statement"), "{html}");
    assert!(html.contains("partially compliant with the Act of 4 April 2019"));
    assert!(html.contains("<html lang=en"));
}

#[test]
fn missing_required_fact_is_an_error_naming_it() {
    let fx = fixture_with(&STATEMENT.replace("      reviewed: 2026-03-25\n", ""), "pl");
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(errors[0].file, "config.yaml", "{}", run.stderr);
    assert!(errors[0].line.is_some());
    assert!(errors[0].message.contains("„reviewed”"), "{}", run.stderr);
}

#[test]
fn partial_compliance_without_the_list_of_faults_is_an_error() {
    let statement = STATEMENT.replace(
        "      non_compliant:\n        - Część plików PDF to skany bez warstwy tekstowej.\n",
        "",
    );
    let fx = fixture_with(&statement, "pl");
    let run = fx.build(&[]);
    run.assert_failed();
    let config = fx.read("config.yaml");
    let (line, _) = position_of(&config, "status: częściowo zgodna");
    let errors = run.errors();
    assert_eq!(
        errors[0].location(),
        format!("config.yaml:{line}:7"),
        "{}",
        run.stderr
    );
    assert!(errors[0].message.contains("non_compliant"));
}

#[test]
fn impossible_review_date_is_an_error() {
    let fx = fixture_with(
        &STATEMENT.replace("reviewed: 2026-03-25", "reviewed: 30.02.2026"),
        "pl",
    );
    let run = fx.build(&[]);
    run.assert_failed();
    assert!(
        run.errors()[0].message.contains("luty 2026 r. ma 28 dni"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_that_drops_a_required_id_fails_the_build() {
    let fx = fixture_with(STATEMENT, "pl");
    fx.build_ok(&[]);
    let before = fx.snapshot("public");
    let template = "themes/portal/templates/accessibility.html";
    let broken = fx
        .read(template)
        .replace("id=\"a11y-email\"", "id=\"mail\"");
    fx.write(template, broken);
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(errors[0].file, template, "{}", run.stderr);
    assert!(
        errors[0].message.contains("a11y-email (0)"),
        "{}",
        run.stderr
    );
    assert_same_tree(&before, &fx.snapshot("public"));
}

#[test]
fn site_without_statement_has_no_statement_page() {
    let fx = fixture_with("", "pl");
    fx.build_ok(&[]);
    assert!(!fx.exists(PAGE));
}

/// Every page points at the statement twice: the `deklaracja-dostępności`
/// meta element the technical conditions (v2.0) recommend, with its full
/// address, and the link in the footer.
#[test]
fn every_page_points_at_the_statement_in_its_head_and_footer() {
    let fx = fixture_with(STATEMENT, "pl");
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-jeden.md",
        announcement("Jeden", "2021-01-10", "Treść."),
    );
    fx.build_ok(&["--now", "2026-12-04"]);
    let pages = [
        "public/alfa/index.html",
        "public/alfa/aktualnosci/jeden/index.html",
        "public/alfa/404.html",
        PAGE,
    ];
    for page in pages {
        let html = unquoted(&fx.read(page));
        assert!(
            html.contains("<meta content=https://example.org/alfa/deklaracja-dostepnosci/ name=deklaracja-dostępności>"),
            "{page}: {html}"
        );
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(
            footer.contains("href=/alfa/deklaracja-dostepnosci/"),
            "{page}"
        );
    }
}

/// The statement is reviewed every year by 31 March: a review older than
/// the last cycle is a warning at its config line, in `check` and `build`.
#[test]
fn a_statement_not_reviewed_for_the_last_31_march_is_a_warning() {
    let old = STATEMENT.replace("reviewed: 2026-03-25", "reviewed: 2025-03-20");
    let fx = fixture_with(&old, "pl");
    let line = fx
        .read("config.yaml")
        .lines()
        .position(|l| l.contains("reviewed: 2025-03-20"))
        .unwrap()
        + 1;
    for command in ["check", "build"] {
        let run = fx.run(&[command, "--now", "2026-12-04"]);
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(
            text.contains("brakuje przeglądu do 31 marca 2026 r."),
            "{command}: {text}"
        );
        assert!(
            text.contains(&format!("config.yaml:{line}:")),
            "{command}: {text}"
        );
        assert!(text.contains("co roku do 31 marca"), "{command}: {text}");
    }
    // Before this year's 31 March, last year's review is still in time.
    let run = fx.run(&["check", "--now", "2026-03-15"]);
    assert!(!run.stdout.contains("przeglądu"), "{}", run.stdout);
    // A review after the last cycle began is fine.
    let fine = fixture_with(
        &STATEMENT.replace("reviewed: 2026-03-25", "reviewed: 2025-04-02"),
        "pl",
    );
    let run = fine.run(&["check", "--now", "2026-03-20"]);
    assert!(!run.stdout.contains("przeglądu"), "{}", run.stdout);
}
