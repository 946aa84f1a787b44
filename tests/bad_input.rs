//! Integration tests of the mistakes a clerk can make: every one must stop
//! the build with exit code 1, name the file and line (and column where
//! known) in Polish and in English, and leave the last good output as it was.

mod common;

use common::*;

const SITE_URL: &str = "https://example.org/partnerstwo/";

/// A partnership with two good announcements and an "about" page.
fn base() -> Fixture {
    let fx = Fixture::partnership(SITE_URL);
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-pierwsze.md",
        announcement("Pierwsze ogłoszenie", "10.01.2021", "Dzień dobry."),
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-12-drugie.md",
        announcement("Drugie ogłoszenie", "2021-01-12", "Zapraszamy."),
    );
    fx.write(
        "content/alfa/o-partnerstwie.md",
        "---\ntitle: O partnerstwie\n---\nTekst.\n",
    );
    fx
}

/// Builds successfully, lets `break_it` spoil the input, then builds again
/// with Polish and with English messages. Both runs must fail with exit code
/// 1, say so in the closing line, and leave `public/` byte for byte as the
/// good build left it (no staging folders either).
fn fails_keeping_output(fx: &Fixture, break_it: impl FnOnce(&Fixture)) -> (Run, Run) {
    fx.build_ok(&[]);
    let before = fx.snapshot("public");
    assert!(before.contains_key("alfa/index.html"));
    break_it(fx);
    let pl = fx.build(&[]);
    pl.assert_failed();
    let en = fx.build_en(&[]);
    en.assert_failed();
    assert_same_tree(&before, &fx.snapshot("public"));
    for run in [&pl, &en] {
        assert!(
            run.stdout.is_empty(),
            "nothing is reported as built: {}",
            run.stdout
        );
    }
    let errors = pl.errors().len();
    assert!(errors > 0, "{}", pl.stderr);
    let last = pl.stderr.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("Budowanie przerwane: ")
            && last.ends_with("Folder wyjściowy pozostał bez zmian."),
        "{last}"
    );
    let last = en.stderr.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with(&format!("Build stopped: {errors} error"))
            && last.ends_with("The output folder was left as it was."),
        "{last}"
    );
    assert_eq!(
        en.errors().len(),
        errors,
        "the same errors in both languages"
    );
    (pl, en)
}

/// The only error of a run, with a readable panic otherwise.
fn only_error(run: &Run) -> Diag {
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    errors.into_iter().next().unwrap()
}

/// Asserts the Polish and English forms of one error agree on the place and
/// contain the given fragments of message (and hint, when given).
fn assert_error(
    (pl, en): (&Diag, &Diag),
    location: &str,
    message: [&str; 2],
    hint: Option<[&str; 2]>,
) {
    assert_eq!(pl.location(), location, "{pl:?}");
    assert_eq!(en.location(), location, "{en:?}");
    assert!(pl.message.contains(message[0]), "{pl:?}");
    assert!(en.message.contains(message[1]), "{en:?}");
    if let Some([hint_pl, hint_en]) = hint {
        assert!(pl.hint.as_deref().unwrap_or("").contains(hint_pl), "{pl:?}");
        assert!(en.hint.as_deref().unwrap_or("").contains(hint_en), "{en:?}");
    }
}

#[test]
fn broken_yaml_in_front_matter() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-zepsuty.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            "---\ntitle: Zepsuty nagłówek\ndate: 2021-02-01\ntags: [a, b\n---\nTreść.\n",
        );
    });
    // The error points at the `[` that is never closed.
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:4:7"),
        ["[", "["],
        Some(["]", "]"]),
    );
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert!(pl.message.contains("nie jest zamknięta"), "{pl:?}");
    assert!(en.message.contains("not closed"), "{en:?}");
}

#[test]
fn colon_in_an_unquoted_title() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-termin.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            announcement("Spotkanie: nowy termin", "2021-02-01", "Treść."),
        );
    });
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert_eq!(pl.file, file);
    assert_eq!(pl.line, Some(2), "{pl:?}");
    assert_eq!(pl.location(), en.location());
    assert!(pl
        .hint
        .as_deref()
        .unwrap()
        .contains("tekst z dwukropkiem ujmij w cudzysłów"));
    assert!(en
        .hint
        .as_deref()
        .unwrap()
        .contains("text containing a colon in quotes"));
}

#[test]
fn missing_or_empty_title() {
    let fx = base();
    let no_title = "content/alfa/aktualnosci/2021-02-01-bez-tytulu.md";
    let empty_title = "content/alfa/aktualnosci/2021-02-02-pusty-tytul.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(no_title, "---\ndate: 2021-02-01\n---\nTreść bez tytułu.\n");
        fx.write(
            empty_title,
            "---\ntitle: \"  \"\ndate: 2021-02-02\n---\nTreść.\n",
        );
    });
    let (pl, en) = (pl.errors(), en.errors());
    assert_eq!(pl.len(), 2, "{pl:?}");
    // Absent key: the opening `---`; empty value: where the value starts.
    assert_error(
        (&pl[0], &en[0]),
        &format!("{no_title}:1:1"),
        ["strona nie ma tytułu", "the page has no title"],
        Some(["title:", "title:"]),
    );
    assert_error(
        (&pl[1], &en[1]),
        &format!("{empty_title}:2:8"),
        ["strona nie ma tytułu", "the page has no title"],
        Some(["title:", "title:"]),
    );
}

#[test]
fn announcement_without_a_date() {
    let fx = base();
    let file = "content/alfa/aktualnosci/bez-daty.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(file, "---\ntitle: Bez daty\n---\nTreść.\n");
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:1:1"),
        ["nie ma daty publikacji", "has no publication date"],
        Some(["date: 20.01.2021", "date: 2021-01-20"]),
    );
}

#[test]
fn date_that_does_not_exist() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-luty.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            announcement("Trzydziesty pierwszy lutego", "31.02.2021", "Treść."),
        );
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:3:7"),
        ["28 dni", "February 2021 has 28 days"],
        Some(["date:", "date:"]),
    );
    assert!(pl.stderr.contains("„31.02.2021”"), "{}", pl.stderr);
}

#[test]
fn text_that_is_not_a_date() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-wczoraj.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(file, announcement("Wczoraj", "wczoraj", "Treść."));
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:3:7"),
        ["nie jest datą", "is not a date"],
        None,
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_nearest() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-literowka.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            "---\ntitel: Literówka\ndate: 2021-02-01\n---\nTreść.\n",
        );
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:2:1"),
        ["nieznany klucz „titel”", "unknown key `titel`"],
        Some(["czy chodziło o „title”?", "did you mean `title`?"]),
    );
}

#[test]
fn cp1250_file_is_converted_with_a_warning() {
    let fx = base();
    fx.build_ok(&[]);
    let file = "content/alfa/aktualnosci/2021-03-01-losice.md";
    let text = announcement(
        "Łąka nad Bugiem koło Łosic",
        "01.03.2021",
        "Zażółć gęślą jaźń na łące.",
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1250.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is not UTF-8"
    );
    fx.write(file, &bytes);

    let pl = fx.build_ok(&[]);
    let en = fx.build_en(&[]);
    en.assert_ok();
    let (pl_w, en_w) = (pl.warnings(), en.warnings());
    assert_eq!(pl_w.len(), 1, "{}", pl.stderr);
    assert!(pl.errors().is_empty() && en.errors().is_empty());
    // The first byte that is not UTF-8 is the `Ł` on line 2, column 8.
    assert_error(
        (&pl_w[0], &en_w[0]),
        &format!("{file}:2:8"),
        ["Windows-1250", "Windows-1250"],
        Some(["UTF-8", "UTF-8"]),
    );
    assert!(pl.stderr.starts_with("ostrzeżenie: "), "{}", pl.stderr);
    assert!(en.stderr.starts_with("warning: "), "{}", en.stderr);

    let html = fx.read("public/alfa/aktualnosci/losice/index.html");
    assert!(
        html.contains("<h1>Łąka nad Bugiem koło Łosic</h1>"),
        "{html}"
    );
    assert!(html.contains("<title>Łąka nad Bugiem koło Łosic — Partnerstwo Alfa</title>"));
    assert!(html.contains("Zażółć gęślą jaźń na łące."), "{html}");
    assert!(!html.contains('\u{FFFD}'));
    assert!(fx
        .read("public/alfa/aktualnosci/index.html")
        .contains("Łąka nad Bugiem koło Łosic"));
}

#[test]
fn two_pages_with_the_same_slug() {
    let fx = base();
    let first = "aktualnosci/2021-01-20-zebranie.md";
    let second = "aktualnosci/2021-02-01-zebranie.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            &format!("content/alfa/{first}"),
            announcement("Zebranie", "2021-01-20", "A."),
        );
        fx.write(
            &format!("content/alfa/{second}"),
            announcement("Zebranie", "2021-02-01", "B."),
        );
    });
    let (pl_e, en_e) = (only_error(&pl), only_error(&en));
    // One file is the place of the error, the other is named in the message.
    for (run, error) in [(&pl, &pl_e), (&en, &en_e)] {
        assert!(run.stderr.contains(first), "{}", run.stderr);
        assert!(run.stderr.contains(second), "{}", run.stderr);
        assert!(
            error.file.ends_with(first) || error.file.ends_with(second),
            "{error:?}"
        );
        assert_eq!(error.line, Some(1), "{error:?}");
        assert!(
            error.message.contains("/aktualnosci/zebranie/"),
            "{error:?}"
        );
    }
    assert!(pl_e.message.contains("ten sam adres"), "{pl_e:?}");
    assert!(en_e.message.contains("the same address"), "{en_e:?}");
    assert!(pl_e.hint.as_deref().unwrap().contains("zmień nazwę"));
}

#[test]
fn missing_theme_template() {
    let fx = base();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.remove("themes/portal/templates/page.html");
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        "themes/portal/templates/page.html",
        ["brak szablonu page.html", "has no template page.html"],
        Some(["page.html", "page.html"]),
    );
}

#[test]
fn syntax_error_in_a_theme_template() {
    let fx = base();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        let path = "themes/portal/templates/page.html";
        let source = fx.read(path);
        fx.write(path, format!("{source}\n{{% if %}}\n"));
    });
    let lines = fx.read("themes/portal/templates/page.html").lines().count();
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert_eq!(pl.file, "themes/portal/templates/page.html", "{pl:?}");
    assert_eq!(pl.line, Some(lines), "{pl:?}");
    assert!(pl.column.is_some(), "{pl:?}");
    assert_eq!(pl.location(), en.location());
    assert!(pl.message.starts_with("błąd w szablonie"), "{pl:?}");
    assert!(en.message.starts_with("template error"), "{en:?}");
}

#[test]
fn link_to_a_missing_file() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-odnosnik.md";
    let text = announcement(
        "Odnośnik",
        "2021-02-01",
        "Pierwszy akapit.\n\nZobacz [ten tekst](@/aktualnosci/nie-ma.md) oraz\n![mapę](@/aktualnosci/mapa.png).",
    );
    let (pl, en) = fails_keeping_output(&fx, |fx| fx.write(file, &text));
    let (pl, en) = (pl.errors(), en.errors());
    assert_eq!(pl.len(), 2, "{pl:?}");
    let (line, column) = position_of(&text, "[ten tekst]");
    assert_error(
        (&pl[0], &en[0]),
        &format!("{file}:{line}:{column}"),
        [
            "odnośnik do @/aktualnosci/nie-ma.md: nie ma takiego pliku",
            "link to @/aktualnosci/nie-ma.md: there is no such file",
        ],
        None,
    );
    let (line, column) = position_of(&text, "![mapę]");
    assert_error(
        (&pl[1], &en[1]),
        &format!("{file}:{line}:{column}"),
        [
            "@/aktualnosci/mapa.png: nie ma takiego pliku",
            "@/aktualnosci/mapa.png: there is no such file",
        ],
        None,
    );
}

#[test]
fn gmina_that_is_not_a_member() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-gmina.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            "---\ntitle: Gmina\ndate: 2021-02-01\ngminy: [Gmina alfo]\n---\nTreść.\n",
        );
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:4:8"),
        [
            "„Gmina alfo” nie jest członkiem",
            "`Gmina alfo` is not a member",
        ],
        Some(["„Gmina alfa”", "`Gmina alfa`"]),
    );
}

#[test]
fn file_without_front_matter_or_with_an_unclosed_one() {
    let fx = base();
    let plain = "content/alfa/aktualnosci/2021-02-01-wklejony.md";
    let unclosed = "content/alfa/aktualnosci/2021-02-02-otwarty.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(plain, "Tekst wklejony z Worda bez nagłówka.\n");
        fx.write(
            unclosed,
            "---\ntitle: Otwarty\ndate: 2021-02-02\n\nTreść.\n",
        );
    });
    let (pl, en) = (pl.errors(), en.errors());
    assert_eq!(pl.len(), 2, "{pl:?}");
    assert_error(
        (&pl[0], &en[0]),
        &format!("{plain}:1:1"),
        [
            "nie zaczyna się od nagłówka",
            "does not start with front matter",
        ],
        Some(["---", "---"]),
    );
    assert_error(
        (&pl[1], &en[1]),
        &format!("{unclosed}:1:1"),
        ["nie jest nigdzie zamknięty", "is never closed"],
        Some(["---", "---"]),
    );
}

#[test]
fn errors_in_several_files_are_reported_together() {
    let fx = base();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        let dir = "content/alfa/aktualnosci";
        // Load errors: broken YAML, no title, impossible date, unknown keys.
        fx.write(
            &format!("{dir}/2021-02-01-a.md"),
            "---\ntitle: A\ndate: 2021-02-01\ntags: [a, b\n---\nA\n",
        );
        fx.write(
            &format!("{dir}/2021-02-02-b.md"),
            "---\ndate: 2021-02-02\n---\nB\n",
        );
        fx.write(
            &format!("{dir}/2021-02-03-c.md"),
            announcement("C", "31.02.2021", "C"),
        );
        fx.write(
            &format!("{dir}/2021-02-04-d.md"),
            "---\ntitel: D\ndate: 2021-02-04\n---\nD\n",
        );
        fx.write(
            "content/alfa/o-partnerstwie.md",
            "---\ntitle: O nas\nautor: Jan\n---\nE\n",
        );
        // Site errors in the same run: a duplicate address and a broken link.
        fx.write(
            &format!("{dir}/2021-02-05-pierwsze.md"),
            announcement("Znowu pierwsze", "2021-02-05", "Duplikat."),
        );
        fx.write(
            &format!("{dir}/2021-02-06-e.md"),
            announcement("E", "2021-02-06", "[x](@/aktualnosci/nie-ma.md)"),
        );
        // A link to a file that failed to load is not a second error.
        fx.write(
            &format!("{dir}/2021-02-07-f.md"),
            announcement("F", "2021-02-07", "[a](@/aktualnosci/2021-02-01-a.md)"),
        );
    });
    let files: Vec<String> = pl.errors().into_iter().map(|d| d.file).collect();
    assert_eq!(
        files,
        [
            "content/alfa/aktualnosci/2021-02-01-a.md",
            "content/alfa/aktualnosci/2021-02-02-b.md",
            "content/alfa/aktualnosci/2021-02-03-c.md",
            "content/alfa/aktualnosci/2021-02-04-d.md",
            "content/alfa/aktualnosci/2021-02-05-pierwsze.md",
            "content/alfa/aktualnosci/2021-02-06-e.md",
            "content/alfa/o-partnerstwie.md",
        ],
        "every error once, sorted by file:\n{}",
        pl.stderr
    );
    assert_eq!(
        pl.stderr
            .lines()
            .filter(|l| l.starts_with("błąd: "))
            .count(),
        7,
        "{}",
        pl.stderr
    );
    assert_eq!(
        en.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        7,
        "{}",
        en.stderr
    );
    assert!(
        pl.stderr.contains("Budowanie przerwane: 7 błędów."),
        "{}",
        pl.stderr
    );
    assert!(
        en.stderr.contains("Build stopped: 7 errors."),
        "{}",
        en.stderr
    );
    assert!(
        pl.errors().iter().all(|d| d.line.is_some()),
        "{}",
        pl.stderr
    );
}

/// The fixture's config.yaml with `edit` applied to its text.
fn break_config(fx: &Fixture, edit: impl FnOnce(&str) -> String) -> String {
    let broken = edit(&fx.read("config.yaml"));
    fx.write("config.yaml", &broken);
    broken
}

#[test]
fn config_unknown_key_in_a_site() {
    let fx = base();
    let mut config = String::new();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        config = break_config(fx, |c| {
            c.replace(
                "    paginate_by: 2\n",
                "    paginate_by: 2\n    titel: Zły klucz\n",
            )
        });
    });
    let (line, column) = position_of(&config, "titel:");
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("config.yaml:{line}:{column}"),
        ["nieznany klucz „titel”", "unknown key `titel`"],
        Some(["„title”", "`title`"]),
    );
}

#[test]
fn config_wrong_member_type() {
    let fx = base();
    let mut config = String::new();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        config = break_config(fx, |c| {
            c.replace("type: gmina wiejska", "type: gmina wiejsko")
        });
    });
    let (line, column) = position_of(&config, "gmina wiejsko");
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert_eq!(
        pl.location(),
        format!("config.yaml:{line}:{column}"),
        "{pl:?}"
    );
    assert_eq!(en.location(), pl.location());
    for error in [&pl, &en] {
        assert!(error.message.contains("gmina wiejsko"), "{error:?}");
        let hint = error.hint.as_deref().unwrap_or("");
        for allowed in [
            "gmina miejska",
            "gmina wiejska",
            "gmina miejsko-wiejska",
            "powiat",
        ] {
            assert!(hint.contains(allowed), "lists the allowed types: {error:?}");
        }
    }
    assert!(pl.message.contains("niedozwolona wartość"), "{pl:?}");
    assert!(en.message.contains("is not allowed"), "{en:?}");
}

#[test]
fn config_base_url_without_scheme() {
    let fx = base();
    let mut config = String::new();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        config = break_config(fx, |c| c.replace(SITE_URL, "example.org/partnerstwo/"));
    });
    let (line, column) = position_of(&config, "base_url: example.org");
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("config.yaml:{line}:{column}"),
        [
            "base_url „example.org/partnerstwo/” nie jest pełnym adresem",
            "base_url `example.org/partnerstwo/` is not a full http(s) address",
        ],
        Some(["https://", "https://"]),
    );
}

#[test]
fn config_errors_are_reported_together() {
    let fx = base();
    let mut config = String::new();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        config = break_config(fx, |c| {
            c.replace(SITE_URL, "ftp://example.org/").replace(
                "    paginate_by: 2\n",
                "    paginate_by: 0\n    leader: Gmina Alfa\n",
            )
        });
    });
    let (pl, en) = (pl.errors(), en.errors());
    assert_eq!(pl.len(), 3, "{pl:?}");
    let at = |needle| {
        let (line, column) = position_of(&config, needle);
        format!("config.yaml:{line}:{column}")
    };
    assert_error(
        (&pl[0], &en[0]),
        &at("base_url:"),
        ["base_url", "base_url"],
        None,
    );
    assert_error(
        (&pl[1], &en[1]),
        &at("paginate_by:"),
        [
            "paginate_by musi być większe od zera",
            "paginate_by must be greater than zero",
        ],
        None,
    );
    assert_error(
        (&pl[2], &en[2]),
        &at("leader:"),
        [
            "lider „Gmina Alfa” nie jest na liście members",
            "not in the list of members",
        ],
        Some(["„Gmina alfa”", "`Gmina alfa`"]),
    );
}

#[test]
fn unknown_site_option() {
    let fx = base();
    fx.build_ok(&[]);
    let before = fx.snapshot("public");
    let pl = fx.build(&["--site", "gamma"]);
    pl.assert_failed();
    let en = fx.build_en(&["--site", "gamma"]);
    en.assert_failed();
    assert_same_tree(&before, &fx.snapshot("public"));
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        "config.yaml",
        ["nie ma witryny „gamma”", "there is no site `gamma`"],
        Some(["dostępne witryny: alfa", "available sites: alfa"]),
    );
}

#[test]
fn missing_config_file() {
    let fx = base();
    fx.remove("config.yaml");
    // Run in a folder without config.yaml: a usage error, exit code 2.
    let pl = fx.build(&[]);
    assert_eq!(pl.code, Some(2), "{}", pl.stderr);
    let en = fx.build_en(&[]);
    assert_eq!(en.code, Some(2), "{}", en.stderr);
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert!(pl.file.ends_with("config.yaml"), "{pl:?}");
    assert!(
        pl.message.contains("nie można odczytać pliku konfiguracji"),
        "{pl:?}"
    );
    assert!(
        en.message.contains("cannot read the configuration file"),
        "{en:?}"
    );
    assert!(pl.hint.as_deref().unwrap().contains("--root"));
}

#[test]
fn rendering_error_in_one_site_keeps_every_site_as_it_was() {
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[
            site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/"),
            site("beta", "Partnerstwo Beta", "https://example.org/beta/"),
        ]),
    );
    for id in ["alfa", "beta"] {
        fx.write_site_skeleton(id, "Partnerstwo");
        fx.write(
            &format!("content/{id}/aktualnosci/2021-01-10-a.md"),
            announcement("Ogłoszenie", "2021-01-10", "Treść."),
        );
    }
    let template = "themes/portal/templates/page.html";
    let mut broken = String::new();
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        // Only a page with `source:` reaches the mistake, and only beta has one:
        // alfa renders fully, yet must not be swapped in alone.
        broken = fx.read(template).replace(
            "{% endblock main %}",
            "{% if page.source %}{{ page.source.nie_ma }}{% endif %}{% endblock main %}",
        );
        fx.write(template, &broken);
        fx.write(
            "content/beta/aktualnosci/2021-01-11-zrodlo.md",
            "---\ntitle: Ze źródłem\ndate: 2021-01-11\nsource: Urząd Gminy\n---\nTreść.\n",
        );
    });
    let (line, column) = position_of(&broken, "page.source.nie_ma");
    let (pl, en) = (only_error(&pl), only_error(&en));
    assert_eq!(pl.file, template, "{pl:?}");
    assert_eq!(pl.line, Some(line), "{pl:?}");
    assert!(
        matches!(pl.column, Some(c) if c >= column),
        "{pl:?} (the expression starts at column {column})"
    );
    assert_eq!(pl.location(), en.location());
    assert!(pl.message.starts_with("błąd w szablonie"), "{pl:?}");
    assert!(en.message.starts_with("template error"), "{en:?}");
    assert!(pl.message.contains("nie_ma"), "{pl:?}");
}

#[test]
fn image_without_alt_stops_the_build_with_its_place() {
    let file = "content/alfa/aktualnosci/2021-03-02-zdjecia.md";
    let (pl, en) = fails_keeping_output(&base(), |fx| {
        fx.write(
            file,
            announcement(
                "Zdjęcia z warsztatów",
                "2021-03-02",
                "Relacja.\n\n![](sala.png)",
            ),
        );
        fx.write(
            "content/alfa/aktualnosci/2021-03-02-zdjecia/sala.png",
            common::PNG,
        );
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:7:1"),
        ["opisu alternatywnego", "no text alternative"],
        Some(["![Uczestnicy", "![Workshop"]),
    );
}

#[test]
fn a_tab_in_the_header_is_named_at_its_line_in_polish() {
    let fx = base();
    let file = "content/alfa/aktualnosci/2021-02-01-tabulator.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            file,
            "---\ntitle: Tabulator\ndate: 2021-02-01\ntags:\n\t- drogi\n---\nTreść.\n",
        );
    });
    assert_error(
        (&only_error(&pl), &only_error(&en)),
        &format!("{file}:5:1"),
        ["tabulator", "tab"],
        Some(["spacjami", "spaces"]),
    );
    let message = only_error(&pl).message;
    for english in ["found", "character", "indentation", "token"] {
        assert!(!message.contains(english), "{message}");
    }
}

/// Every problem of a build in one run, each with a suggestion that matches
/// the near-miss: a mistyped `@/` path, a file with a typo in its
/// extension (a PDF, never the image of the same name), a gmina without
/// "Gmina", a missing alt text in that same file, and broken YAML elsewhere.
#[test]
fn every_problem_of_a_build_is_shown_together_with_near_miss_suggestions() {
    let fx = base();
    let first = "content/alfa/aktualnosci/2021-01-20-linki.md";
    let second = "content/alfa/aktualnosci/2021-01-21-gmina.md";
    let third = "content/alfa/aktualnosci/2021-01-22-zepsuty.md";
    let (pl, en) = fails_keeping_output(&fx, |fx| {
        fx.write(
            first,
            "---\ntitle: Linki\ndate: 2021-01-20\n---\nZobacz [drugie](@/aktualnosci/2021-01-12-drugi.md) i [regulamin](regulamin.pdff).\n",
        );
        fx.write(
            "content/alfa/aktualnosci/2021-01-20-linki/regulamin.pdf",
            "%PDF-1.4",
        );
        fx.write(
            "content/alfa/aktualnosci/2021-01-20-linki/regulamin.png",
            "\u{89}PNG",
        );
        fx.write(
            second,
            "---\ntitle: Gmina\ndate: 2021-01-21\ngminy: [alfa]\n---\n![](sala.png)\n",
        );
        fx.write(
            third,
            "---\ntitle: Zepsuty\ndate: 2021-01-22\ntags: [a, b\n---\nTreść.\n",
        );
    });
    let errors = pl.errors();
    assert_eq!(errors.len(), 6, "{}", pl.stderr);
    let hint_of = |file: &str, fragment: &str| {
        errors
            .iter()
            .find(|d| d.file == file && d.message.contains(fragment))
            .and_then(|d| d.hint.clone())
            .unwrap_or_else(|| panic!("no {fragment:?} in {file}:\n{}", pl.stderr))
    };
    assert!(hint_of(first, "@/aktualnosci/2021-01-12-drugi.md")
        .contains("@/aktualnosci/2021-01-12-drugie.md"));
    let pdf = hint_of(first, "regulamin.pdff");
    assert!(pdf.contains("czy chodziło o regulamin.pdf?"), "{pdf}");
    assert!(hint_of(second, "„alfa”").contains("„Gmina alfa”"));
    hint_of(second, "sala.png");
    hint_of(third, "nie jest zamknięta");
    assert_eq!(en.errors().len(), 6, "{}", en.stderr);
}
