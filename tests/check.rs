//! `tablica check`: each fault a clerk can make gives exactly one finding
//! at the right line, the samples check clean, the JSON report is stable,
//! a site can change a rule's severity, and `tablica build` stops on
//! accessibility errors unless `--allow-a11y-errors`.

mod common;

use common::*;
use std::path::Path;

const FAULTS: &str = "content/alfa/aktualnosci/2021-03-02-zebranie.md";

/// Every content fault once, one to a line or paragraph (lines in comments
/// are the file's line numbers: the front matter takes lines 1–4).
const FAULTY_BODY: &str = "Zapraszamy mieszkańców na zebranie wiejskie.

![](sala.png)

![zdjęcie](sala.png)

![IMG_1234.jpg](sala.png)

Regulamin zebrania jest [tutaj](regulamin.pdf).

[](/aktualnosci/) oraz <https://example.com/strona>

[regulamin.pdf](regulamin.pdf)

# Tytuł w treści

## Harmonogram

#### Szczegóły

##

| | |
|---|---|
| 1 | 2 |

UWAGA MIESZKAŃCY! ZEBRANIE ODBĘDZIE SIĘ W ŚWIETLICY WIEJSKIEJ.

Aby się zapisać, kliknij czerwony przycisk po prawej stronie.

<iframe src=\"https://www.youtube.com/embed/x\"></iframe>

[Plan zebrania](/nie-ma/) i [harmonogram](#harmonogramm).

![Mapa dojazdu do świetlicy](mapa.png)";

/// A partnership `alfa` and a hub `centrum` with one faulty announcement.
fn faulty() -> Fixture {
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[
            site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/"),
            hub("centrum", "Centrum", "https://example.org/centrum/"),
        ]),
    );
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx.write(
        "content/centrum/_index.md",
        "---\ntitle: Centrum\n---\nWitamy.\n",
    );
    fx.write(
        FAULTS,
        announcement("Zebranie wiejskie", "2021-03-02", FAULTY_BODY),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-zebranie/sala.png",
        common::PNG,
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-zebranie/regulamin.pdf",
        b"%PDF",
    );
    fx
}

/// `tablica check --format json` as (location, rule, severity) rows and
/// the final summary line.
fn json_rows(run: &Run) -> (Vec<(String, String, String)>, String) {
    let mut lines: Vec<&str> = run.stdout.lines().collect();
    let summary = lines.pop().unwrap_or_default().to_string();
    let rows = lines
        .iter()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let location = format!("{}:{}:{}", v["file"], v["line"], v["column"]).replace('"', "");
            let rule = v["code"].as_str().unwrap().to_string();
            let severity = v["severity"].as_str().unwrap().to_string();
            (location, rule, severity)
        })
        .collect();
    (rows, summary)
}

fn row(location: &str, rule: &str, severity: &str) -> (String, String, String) {
    (format!("{FAULTS}:{location}"), rule.into(), severity.into())
}

#[test]
fn each_fault_gives_exactly_its_finding() {
    let fx = faulty();
    let run = fx.run(&["check", "--format", "json"]);
    run.assert_failed();
    assert!(!fx.exists("public"), "check writes nothing");
    let (rows, summary) = json_rows(&run);
    let expected = vec![
        row("7:1", "img-alt-missing", "error"),
        row("9:1", "img-alt-placeholder", "warning"),
        row("11:1", "img-alt-placeholder", "warning"),
        row("13:25", "link-text-vague", "warning"),
        row("15:1", "link-empty", "error"),
        row("15:24", "link-text-vague", "warning"),
        row("17:1", "attachment-untitled", "warning"),
        row("19:1", "heading-h1", "warning"),
        row("23:1", "heading-skipped", "warning"),
        row("25:1", "heading-empty", "error"),
        row("27:1", "table-no-header", "error"),
        row("31:1", "text-capitals", "warning"),
        row("33:1", "text-sensory", "warning"),
        row("35:1", "video-no-transcript", "warning"),
        row("37:1", "link-broken", "error"),
        row("37:29", "anchor-broken", "warning"),
        row("39:1", "img-broken", "error"),
    ];
    assert_eq!(rows, expected, "{}", run.stdout);
    assert_eq!(summary, r#"{"summary":{"errors":6,"warnings":11}}"#);
}

#[test]
fn text_report_prints_findings_as_build_does_and_explains_in_polish_or_english() {
    let fx = faulty();
    let pl = fx.run(&["check"]);
    pl.assert_failed();
    // The same form as the build's diagnostics, with why it matters.
    assert!(
        pl.stdout.contains(&format!(
            "ostrzeżenie[link-text-vague]: tekst odnośnika nic nie mówi bez kontekstu: „tutaj”\n  --> {FAULTS}:13:25\n"
        )),
        "{}",
        pl.stdout
    );
    assert!(pl.stdout.contains("   = dlaczego: "), "{}", pl.stdout);
    let build = fx.build(&[]);
    assert!(
        build.stderr.contains(&format!(
            "ostrzeżenie[link-text-vague]: tekst odnośnika nic nie mówi bez kontekstu: „tutaj”\n  --> {FAULTS}:13:25\n"
        )),
        "{}",
        build.stderr
    );
    assert!(
        pl.stdout.contains("czy chodziło o #harmonogram?"),
        "{}",
        pl.stdout
    );
    assert!(
        pl.stdout
            .ends_with("Wynik sprawdzenia: 6 błędów, 11 ostrzeżeń w 1 pliku.\n"),
        "{}",
        pl.stdout
    );
    let en = fx.run(&["--lang", "en", "check"]);
    assert!(
        en.stdout
            .contains("warning[link-text-vague]: the link text means nothing out of context"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .ends_with("Check result: 6 errors, 11 warnings in 1 file.\n"),
        "{}",
        en.stdout
    );
}

#[test]
fn json_output_is_stable() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-foto.md",
        announcement("Zdjęcia", "2021-03-02", "Relacja.\n\n![](sala.png)"),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-foto/sala.png",
        common::PNG,
    );
    let run = fx.run(&["--lang", "en", "check", "--format", "json"]);
    run.assert_failed();
    let expected = concat!(
        r#"{"file":"content/alfa/aktualnosci/2021-03-02-foto.md","line":7,"column":1,"severity":"error","code":"img-alt-missing","message":"the image has no text alternative","hint":"describe what it shows in the square brackets, e.g. ![Workshop participants at tables](photo.jpg)","text":"sala.png","why":"A blind person using a screen reader will not know what the image shows."}"#,
        "\n",
        r#"{"summary":{"errors":1,"warnings":0}}"#,
        "\n"
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(
        fx.run(&["--lang", "en", "check", "--format", "json"])
            .stdout,
        expected
    );
}

/// Gives site `alfa` a `checks:` mapping (lines indented to its entries).
fn set_checks(fx: &Fixture, entries: &str) {
    let config = fx.read("config.yaml").replacen(
        "    checks:\n",
        &format!("    checks:\n      {entries}\n"),
        1,
    );
    fx.write("config.yaml", config);
}

#[test]
fn a_site_can_raise_lower_or_turn_off_a_rule() {
    let fx = faulty();
    set_checks(
        &fx,
        "link-text-vague: error\n      img-alt-missing: warning\n      heading-skipped: off",
    );
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    let find = |rule: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.1 == rule)
            .map(|r| r.2.clone())
            .collect()
    };
    assert_eq!(find("link-text-vague"), ["error", "error"]);
    assert_eq!(find("img-alt-missing"), ["warning"]);
    assert!(find("heading-skipped").is_empty());
}

#[test]
fn an_unknown_rule_in_checks_suggests_the_nearest() {
    let fx = faulty();
    set_checks(&fx, "img-alt-mising: off");
    let run = fx.run(&["check"]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].location(), "config.yaml:11:7", "{}", run.stderr);
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("img-alt-missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_stops_on_accessibility_errors_unless_allowed() {
    let fx = faulty();
    let run = fx.build(&[]);
    run.assert_failed();
    assert!(!fx.exists("public/alfa/index.html"));
    let errors = run.errors();
    assert_eq!(errors.len(), 6, "{}", run.stderr);
    assert_eq!(errors[0].location(), format!("{FAULTS}:7:1"));
    assert!(
        run.stderr
            .contains("błąd[img-alt-missing]: obrazek nie ma opisu"),
        "{}",
        run.stderr
    );
    assert_eq!(run.warnings().len(), 11, "{}", run.stderr);

    let allowed = fx.build(&["--allow-a11y-errors"]);
    allowed.assert_ok();
    assert!(fx.exists("public/alfa/aktualnosci/zebranie/index.html"));
    assert_eq!(
        allowed.errors().len(),
        6,
        "still printed: {}",
        allowed.stderr
    );
}

#[test]
fn links_between_sites_follow_their_base_url() {
    let fx = faulty();
    fx.write(
        FAULTS,
        announcement(
            "Zebranie wiejskie",
            "2021-03-02",
            "Zobacz [stronę Centrum](https://example.org/centrum/) oraz \
             [zebranie w Alfie](https://example.org/alfa/aktualnosci/zebranie/).\n\n\
             [Ogłoszenia Centrum](https://example.org/centrum/aktualnosci/)\n\n\
             Link w HTML: <a href=\"https://example.org/centrum/brak/\">Brak</a>",
        ),
    );
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    let expected = [
        row("7:1", "link-broken", "error"),
        row("9:14", "link-broken", "error"),
    ];
    assert_eq!(rows, expected, "{}", run.stdout);
}

/// Raw HTML writes addresses as the browser asks for them: from the host's
/// root, base path included.
#[test]
fn raw_html_addresses_start_at_the_hosts_root() {
    let fx = faulty();
    fx.write("static/plan.png", common::PNG);
    fx.write(
        FAULTS,
        announcement(
            "Zebranie wiejskie",
            "2021-03-02",
            "<img src=\"/alfa/plan.png\" alt=\"Plan sali\">\n\n\
             <img src=\"/alfa/brak.png\" alt=\"Brak\">\n\n\
             <a href=\"/centrum/\">Centrum</a>",
        ),
    );
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    assert_eq!(rows, [row("7:1", "img-broken", "error")], "{}", run.stdout);
}

#[test]
fn site_option_checks_one_site() {
    let fx = faulty();
    let run = fx.run(&["check", "--site", "centrum"]);
    run.assert_ok();
    assert_eq!(run.stdout, "Wynik sprawdzenia: bez błędów i ostrzeżeń.\n");
}

#[test]
fn scheduled_and_duplicate_titles_and_menus() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    let page = |date: &str| announcement("Zebranie", date, "Zapraszamy na zebranie.");
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-zebranie.md",
        page("2021-03-02"),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-04-02-zebranie-2.md",
        page("2021-04-02"),
    );
    fx.write(
        "content/alfa/aktualnosci/2099-04-02-zebranie-3.md",
        page("2099-04-02"),
    );
    let config = fx.read("config.yaml").replace(
        "        url: /aktualnosci/\n",
        "        url: /aktualnosci/\n      - title: Kontakt\n        url: /kontakt/\n",
    );
    fx.write("config.yaml", config);
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    let expected = [
        ("config.yaml:20:14", "link-broken", "error"),
        (
            "content/alfa/aktualnosci/2021-04-02-zebranie-2.md:2:8",
            "title-duplicate",
            "warning",
        ),
        (
            "content/alfa/aktualnosci/2099-04-02-zebranie-3.md:3:7",
            "date-future",
            "warning",
        ),
    ]
    .map(|(l, r, s)| (l.to_string(), r.to_string(), s.to_string()));
    assert_eq!(rows, expected, "{}", run.stdout);
}

#[test]
fn attachments_need_a_title_in_words() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    let file = "content/alfa/aktualnosci/2021-03-02-konsultacje.md";
    fx.write(
        file,
        "---\ntitle: Konsultacje\ndate: 2021-03-02\nattachments:\n  - file: plan.pdf\n    title: \"Plan działań – streszczenie\"\n  - file: formularz-uwag.docx\n    title: formularz-uwag\n  - file: regulamin.pdf\n    title: Regulamin\n---\nZapraszamy do składania uwag.\n",
    );
    // „Regulamin” for regulamin.pdf is a word, not a file name.
    for name in ["plan.pdf", "formularz-uwag.docx", "regulamin.pdf"] {
        fx.write(
            &format!("content/alfa/aktualnosci/2021-03-02-konsultacje/{name}"),
            b"%",
        );
    }
    let run = fx.run(&["check", "--format", "json"]);
    run.assert_ok();
    let (rows, _) = json_rows(&run);
    let expected = (
        format!("{file}:8:5"),
        "attachment-untitled".to_string(),
        "warning".to_string(),
    );
    assert_eq!(rows, [expected], "{}", run.stdout);
    // A warning is printed by the build, and does not stop it.
    let build = fx.build_ok(&[]);
    let warnings = build.warnings();
    assert_eq!(warnings.len(), 1, "{}", build.stderr);
    assert_eq!(warnings[0].location(), format!("{file}:8:5"));
    // The hint shows the header's syntax, where the clerk writes the title.
    let hint = warnings[0].hint.clone().unwrap_or_default();
    assert!(
        hint.contains("title: \"Formularz zgłaszania uwag\""),
        "{hint}"
    );
    assert!(
        !hint.contains("]("),
        "Markdown in a hint about the header: {hint}"
    );
}

#[test]
fn the_samples_check_clean() {
    let fx = Fixture::samples();
    let run = fx.run(&["check", "--now", "2026-11-26"]);
    run.assert_ok();
    assert_eq!(
        run.stdout, "Wynik sprawdzenia: bez błędów i ostrzeżeń.\n",
        "{}",
        run.stderr
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// Serves `requests` HTTP requests on 127.0.0.1: 200 for paths ending in
/// `/jest`, 404 for the rest. Returns the port and the server's thread.
fn local_server(requests: usize) -> (u16, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let thread = std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap();
            let request = String::from_utf8_lossy(&buf[..n]);
            let status = if request.contains("/jest ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let reply =
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(reply.as_bytes()).unwrap();
        }
    });
    (port, thread)
}

#[test]
fn external_links_are_asked_only_when_wanted_and_then_cached() {
    let (port, server) = local_server(2);
    let fx = Fixture::partnership("https://example.org/alfa/");
    // No BIP addresses: the test must not reach the internet.
    let config = fx
        .read("config.yaml")
        .replace("        bip: https://bip.example.org/alfa/\n", "");
    fx.write("config.yaml", config);
    let file = "content/alfa/aktualnosci/2021-03-02-linki.md";
    let source = announcement(
        "Linki",
        "2021-03-02",
        &format!(
            "[Strona gminy](http://127.0.0.1:{port}/jest) i [Stary regulamin](http://127.0.0.1:{port}/zniknal)."
        ),
    );
    fx.write(file, &source);
    let (line, column) = position_of(&source, "[Stary");
    let expected = [(
        format!("{file}:{line}:{column}"),
        "link-external".to_string(),
        "warning".to_string(),
    )];

    let without = fx.run(&["check", "--format", "json"]);
    assert_eq!(json_rows(&without).0, [], "{}", without.stdout);
    let first = fx.run(&["check", "--external", "--format", "json"]);
    first.assert_ok();
    assert_eq!(json_rows(&first).0, expected, "{}", first.stdout);
    server.join().unwrap();
    assert!(fx.exists(".tablica-cache/links.json"));
    // The server is gone: the answers come from the cache.
    let again = fx.run(&["check", "--external", "--format", "json"]);
    assert_eq!(again.stdout, first.stdout);
}

#[test]
fn the_readme_shows_a_real_report() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```\nostrzeżenie[img-alt-placeholder]")
        .expect("the sample report in README.md")
        + 4;
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let id = "ziemia-wysokomazowiecka";
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[site(
            id,
            "Partnerstwo",
            "https://partnerstwa.example.org/z/",
        )]),
    );
    fx.write_site_skeleton(id, "Partnerstwo");
    let body = "Zapraszamy mieszkańców na zebranie.\n\n![IMG_1234.jpg](sala.jpg)\n\n\
                Formularz zgłoszenia znajdziesz [tutaj](formularz.pdf).\n\n\
                | | |\n|---|---|\n| Klukowo | 120 |";
    let page = format!("content/{id}/aktualnosci/2021-03-10-zebranie");
    fx.write(
        &format!("{page}.md"),
        announcement("Zebranie w sprawie strategii", "10.03.2021", body),
    );
    fx.write(&format!("{page}/sala.jpg"), common::JPEG);
    fx.write(&format!("{page}/formularz.pdf"), b"x");
    assert_eq!(fx.run(&["check"]).stdout, shown);
}

/// `check` shows the problems that stop a build (broken YAML, an `@/` link
/// to nothing) together with the findings of every other page.
#[test]
fn check_reports_load_errors_and_findings_in_one_run() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-03-01-zepsuty.md",
        "---\ntitle: Zepsuty\ndate: 2021-03-01\ntags: [a, b\n---\nTreść.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-linki.md",
        "---\ntitle: Linki\ndate: 2021-03-02\n---\nZobacz [tutaj](@/aktualnosci/2021-03-09-brak.md).\n\n![](sala.png)\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-02-linki/sala.png",
        common::PNG,
    );
    let run = fx.run(&["check"]);
    run.assert_failed();
    for expected in [
        "nie jest zamknięta",
        "@/aktualnosci/2021-03-09-brak.md",
        "błąd[img-alt-missing]",
        "ostrzeżenie[link-text-vague]",
    ] {
        assert!(run.stdout.contains(expected), "{expected}:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .ends_with("Wynik sprawdzenia: 3 błędy, 1 ostrzeżenie w 2 plikach.\n"),
        "{}",
        run.stdout
    );
}

/// A YouTube player waits for a click (from the privacy host), and any
/// other embedded website is a warning at its line.
#[test]
fn embeds_load_on_a_click_and_other_websites_are_a_warning() {
    let fx = Fixture::new();
    let site =
        site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/") + "    unsafe_html: true\n";
    fx.write("config.yaml", config(&[site]));
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    let file = "content/alfa/aktualnosci/2021-03-02-film.md";
    fx.write(
        file,
        "---\ntitle: Film\ndate: 2021-03-02\n---\nRelacja z forum, z napisami:\n\n<iframe src=\"https://www.youtube.com/embed/abc123\" title=\"Relacja z Forum Partnerstwa\"></iframe>\n\nLicznik:\n\n<iframe src=\"https://widgets.example.com/licznik\" title=\"Licznik\"></iframe>\n",
    );
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    assert!(
        rows.contains(&(
            format!("{file}:11:1"),
            "embed-third-party".to_string(),
            "warning".to_string()
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        rows.iter().filter(|r| r.1 == "embed-third-party").count(),
        1,
        "{}",
        run.stdout
    );
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/aktualnosci/film/index.html");
    assert!(
        !html.contains("youtube.com/embed"),
        "the player loads with the page: {html}"
    );
    assert!(
        html.contains("data-embed=https://www.youtube-nocookie.com/embed/abc123")
            || html.contains("data-embed=\"https://www.youtube-nocookie.com/embed/abc123\""),
        "{html}"
    );
    assert!(
        html.contains("https://www.youtube.com/watch?v=abc123"),
        "{html}"
    );
}

/// The findings of `check` (place, rule) on one announcement attaching the
/// fixture files `(file, title)` of tests/fixtures, the page's path, and
/// the Polish report.
fn attachment_findings(attachments: &[(&str, &str)]) -> (Vec<(String, String)>, String, String) {
    let fx = Fixture::partnership("https://example.org/alfa/");
    let file = "content/alfa/aktualnosci/2021-03-02-zalaczniki.md";
    let list: String = attachments
        .iter()
        .map(|(name, title)| format!("  - file: {name}\n    title: {title}\n"))
        .collect();
    fx.write(
        file,
        format!("---\ntitle: Załączniki\ndate: 2021-03-02\nattachments:\n{list}---\nDokumenty do pobrania.\n"),
    );
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, _) in attachments {
        fx.write(
            &format!("content/alfa/aktualnosci/2021-03-02-zalaczniki/{name}"),
            std::fs::read(fixtures.join(name)).unwrap(),
        );
    }
    let run = fx.run(&["check", "--format", "json"]);
    run.assert_ok();
    let (rows, _) = json_rows(&run);
    let found = rows
        .into_iter()
        .map(|(place, rule, _)| (place, rule))
        .collect();
    (found, file.to_string(), fx.run(&["check"]).stdout)
}

/// The PDF attachments residents get: a scan, a file without structure,
/// title and language, and an accessible one (made by
/// tests/fixtures/make_pdfs.py) give exactly the expected findings, at
/// their `title:` lines.
#[test]
fn pdf_attachments_are_judged_for_text_tags_title_and_language() {
    let (found, file, report) = attachment_findings(&[
        ("skan.pdf", "Uchwała nr 1 (skan)"),
        ("bez-struktury.pdf", "Uchwała nr 2"),
        ("dostepny.pdf", "Uchwała nr 3"),
    ]);
    let at = |line: usize, rule: &str| (format!("{file}:{line}:5"), rule.to_string());
    assert_eq!(
        found,
        [
            at(6, "pdf-no-text"),
            at(8, "pdf-no-lang"),
            at(8, "pdf-no-title"),
            at(8, "pdf-untagged"),
        ]
    );
    for advice in [
        "rozpoznawanie tekstu (OCR)",
        "Znaczniki struktury dokumentu",
        "Plik → Informacje → Tytuł",
        "Recenzja → Język",
    ] {
        assert!(report.contains(advice), "{advice}: {report}");
    }
}

/// Word attachments (made by tests/fixtures/make_docx.py): an image without
/// a description, a document without heading styles, and an accessible one.
#[test]
fn docx_attachments_are_judged_for_image_descriptions_and_headings() {
    let (found, file, report) = attachment_findings(&[
        ("obraz-bez-opisu.docx", "Mapa partnerstwa"),
        ("bez-naglowkow.docx", "Informacja o strategii"),
        ("dostepny.docx", "Strategia w skrócie"),
    ]);
    let at = |line: usize, rule: &str| (format!("{file}:{line}:5"), rule.to_string());
    assert_eq!(
        found,
        [at(6, "docx-img-alt-missing"), at(8, "docx-no-headings")]
    );
    for advice in ["Edytuj tekst alternatywny", "„Nagłówek 1”"] {
        assert!(report.contains(advice), "{advice}: {report}");
    }
}

/// A site needs an easy-to-read or a sign-language page (reminder at the
/// site's line in config.yaml); a sign-language video needs captions. Both
/// pages are linked from every page's header.
#[test]
fn easy_read_and_sign_language_pages_are_reminded_linked_and_captioned() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    let config = fx
        .read("config.yaml")
        .replace("    checks:\n      etr-pjm-missing: off\n", "");
    fx.write("config.yaml", &config);
    let line = config.lines().position(|l| l.contains("id: alfa")).unwrap() + 1;
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    assert_eq!(
        rows,
        [(
            format!("config.yaml:{line}:5"),
            "etr-pjm-missing".to_string(),
            "warning".to_string()
        )],
        "{}",
        run.stdout
    );
    assert!(fx.run(&["check"]).stdout.contains("art. 6 pkt 3 lit. c"));

    let pjm = "content/alfa/jezyk-migowy.md";
    fx.write(
        pjm,
        "---\ntitle: Język migowy\nkind: pjm\nvideo: nagranie.webm\n---\nTranskrypcja nagrania.\n",
    );
    fx.write("content/alfa/jezyk-migowy/nagranie.webm", b"webm");
    let run = fx.run(&["check", "--format", "json"]);
    let (rows, _) = json_rows(&run);
    assert_eq!(
        rows,
        [(
            format!("{pjm}:4:8"),
            "pjm-no-captions".to_string(),
            "warning".to_string()
        )],
        "{}",
        run.stdout
    );

    fx.write(pjm, "---\ntitle: Język migowy\nkind: pjm\nvideo: nagranie.webm\ncaptions: napisy.vtt\n---\nTranskrypcja nagrania.\n");
    fx.write("content/alfa/jezyk-migowy/napisy.vtt", "WEBVTT\n");
    let run = fx.run(&["check"]);
    assert!(
        run.stdout.contains("bez błędów i ostrzeżeń"),
        "{}",
        run.stdout
    );
    fx.build_ok(&[]);
    let home = unquoted(&fx.read("public/alfa/index.html"));
    assert!(
        home.contains("href=/alfa/jezyk-migowy/>"),
        "the header has no sign-language link"
    );
    let page = unquoted(&fx.read("public/alfa/jezyk-migowy/index.html"));
    assert!(
        page.contains("<source src=/alfa/jezyk-migowy/nagranie.webm>"),
        "{page}"
    );
    assert!(page.contains("<track default kind=captions label=Napisy src=/alfa/jezyk-migowy/napisy.vtt srclang=pl>"), "{page}");
    assert!(page.contains("Transkrypcja nagrania."), "{page}");
}
