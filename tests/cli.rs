//! The command line as a user meets it: the progress line on a terminal
//! (and nowhere else), quiet and JSON modes, exit codes, colour, shell
//! completions, the manual page, the version, and the exact look of
//! diagnostics in Polish and English (insta snapshots).

mod common;

use common::*;
use std::process::Command;

fn many_announcements(n: usize) -> Fixture {
    let fx = Fixture::partnership("https://example.org/alfa/");
    for i in 0..n {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + i / 336;
        fx.write(
            &format!("content/alfa/aktualnosci/{year}-{month:02}-{day:02}-ogloszenie-{i}.md"),
            format!(
                "---\ntitle: Ogłoszenie numer {i}\ndate: {year}-{month:02}-{day:02}\ntags: [t{}, t{}]\n---\n{}\n",
                i % 40,
                (i + 7) % 40,
                "Zdanie o rozwoju gmin partnerstwa i wspólnych projektach. ".repeat(60)
            ),
        );
    }
    fx
}

/// Runs tablica under `script`, which gives it a terminal; returns all it drew.
fn on_a_terminal(fx: &Fixture, args: &str) -> String {
    let log = fx.path("terminal.log");
    let command = format!(
        "env -u LC_ALL -u LC_MESSAGES -u LANG {} --root {} {args}",
        env!("CARGO_BIN_EXE_tablica"),
        fx.root().display()
    );
    let status = Command::new("script")
        .args(["-q", "-e", "-c", &command])
        .arg(&log)
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .status()
        .expect("script (util-linux) runs the command on a terminal");
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned()
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_only() {
    let fx = many_announcements(400);
    let drawn = on_a_terminal(&fx, "build --now 2026-01-01");
    assert!(drawn.contains("strony ["), "no progress line:\n{drawn}");
    assert!(drawn.contains("stron, zostało"), "{drawn}");
    // The line is cleared before the summary is printed.
    let last_bar = drawn.rfind("stron, zostało").unwrap();
    let summary = drawn.rfind("1 witryna").unwrap();
    assert!(last_bar < summary);
    assert!(drawn[last_bar..summary].contains("\u{1b}[2K"), "cleared");

    let piped = fx.run(&["build", "--now", "2026-01-01"]);
    piped.assert_ok();
    assert!(!piped.stdout.contains('\u{1b}') && !piped.stderr.contains('\u{1b}'));
    assert!(!piped.stderr.contains("stron, zostało"));
}

#[test]
fn quiet_prints_nothing_on_success_and_errors_only_on_failure() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-10-a.md",
        "---\ntitle: A\ndate: 2021-01-10\n---\nKliknij [tutaj](@/aktualnosci/2021-01-10-a.md).\n",
    );
    let run = fx.run(&["--quiet", "build"]);
    run.assert_ok();
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    let loud = fx.run(&["build"]);
    assert!(
        loud.stderr.contains("ostrzeżenie[link-text-vague]"),
        "{}",
        loud.stderr
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-11-b.md",
        "---\ntitle: B\ndate: 31.02.2021\n---\n",
    );
    let failed = fx.run(&["-q", "build"]);
    failed.assert_failed();
    assert!(failed.stdout.is_empty());
    assert!(
        failed
            .stderr
            .contains("błąd: data „31.02.2021” nie istnieje"),
        "{}",
        failed.stderr
    );
    assert!(
        !failed.stderr.contains("ostrzeżenie"),
        "warnings are left out"
    );
}

#[test]
fn json_lines_give_file_line_and_column_of_each_bad_input() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    let cases = [
        (
            "2021-01-01-yaml.md",
            "---\ntitle: [Niedomknięte\ndate: 2021-01-01\n---\n",
            2,
            8,
        ),
        (
            "2021-01-02-key.md",
            "---\ntitle: A\ndate: 2021-01-02\ntagz: [a]\n---\n",
            4,
            1,
        ),
        (
            "2021-01-03-date.md",
            "---\ntitle: A\ndate: 31.02.2021\n---\n",
            3,
            7,
        ),
        (
            "2021-01-04-title.md",
            "---\ndate: 2021-01-04\n---\nTreść.\n",
            1,
            1,
        ),
    ];
    for (file, text, _, _) in &cases {
        fx.write(&format!("content/alfa/aktualnosci/{file}"), text);
    }
    let run = fx.run(&["--format", "json", "build"]);
    run.assert_failed();
    assert!(
        run.stderr.is_empty(),
        "JSON mode writes to stdout only: {}",
        run.stderr
    );
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let (summary, diagnostics) = lines.split_last().unwrap();
    assert_eq!(summary["summary"]["errors"], cases.len());
    for (file, _, line, column) in cases {
        let found = diagnostics
            .iter()
            .find(|d| d["file"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} missing in {}", run.stdout));
        assert_eq!(
            (found["line"].as_u64(), found["column"].as_u64()),
            (Some(line), Some(column)),
            "{found}"
        );
        assert_eq!(found["severity"], "error");
        for key in ["message", "hint", "code"] {
            assert!(found.get(key).is_some(), "{key} in {found}");
        }
    }
}

#[test]
fn exit_codes_tell_content_usage_and_io_apart() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    assert_eq!(fx.run(&["build", "--no-such-option"]).code, Some(2));
    fx.write("zajety-plik", "to jest plik, nie folder");
    let io = fx.run(&["build", "--output", "zajety-plik/public"]);
    assert_eq!(io.code, Some(3), "{}", io.stderr);
    fx.write(
        "content/alfa/aktualnosci/2021-01-03-date.md",
        "---\ntitle: A\ndate: 31.02.2021\n---\n",
    );
    assert_eq!(fx.run(&["build"]).code, Some(1));
    let help = fx.run(&["--help"]);
    assert!(
        help.stdout.contains("3  błąd zapisu, odczytu lub sieci"),
        "{}",
        help.stdout
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-03-date.md",
        "---\ntitle: A\ndate: 31.02.2021\n---\n",
    );
    let plain = fx.run(&["build"]);
    assert!(!plain.stderr.contains('\u{1b}'));
    let coloured = fx.run(&["--color", "always", "build"]);
    assert!(coloured.stderr.contains("\u{1b}["), "{}", coloured.stderr);
    let drawn = on_a_terminal_failing(&fx);
    assert!(drawn.contains("\u{1b}["), "a terminal gets colour");
}

fn on_a_terminal_failing(fx: &Fixture) -> String {
    let log = fx.path("terminal.log");
    let command = format!(
        "env -u LC_ALL -u LC_MESSAGES -u LANG {} --root {} build",
        env!("CARGO_BIN_EXE_tablica"),
        fx.root().display()
    );
    Command::new("script")
        .args(["-q", "-c", &command])
        .arg(&log)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .status()
        .unwrap();
    let drawn = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    let with_no_color = Command::new("script")
        .args(["-q", "-e", "-c", &command])
        .arg(&log)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .status()
        .unwrap();
    assert!(!with_no_color.success());
    let plain = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(
        !plain.contains("\u{1b}[1m"),
        "NO_COLOR is honoured:\n{plain}"
    );
    drawn
}

#[test]
fn completions_manual_and_version() {
    let fx = Fixture::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = fx.run(&["completions", shell]);
        run.assert_ok();
        assert!(
            run.stdout.contains("tablica") && run.stdout.len() > 1000,
            "{shell}"
        );
    }
    let bash = fx.run(&["completions", "bash"]);
    let script = fx.path("tablica.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(syntax.success(), "the bash script parses");
    let man = fx.run(&["man"]);
    man.assert_ok();
    assert!(man.stdout.contains(".TH tablica 1"));
    assert!(man.stdout.contains(".SH NAME") && man.stdout.contains("serve"));
    let version = fx.run(&["--version"]);
    let text = version.stdout.trim();
    let commit = text.rsplit('(').next().unwrap().trim_end_matches(')');
    assert!(text.starts_with("tablica 0."), "{text}");
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
}

/// The exact look of three diagnostics, in both languages: a date, a key
/// and a content check, all in one run.
#[test]
fn diagnostics_look_like_this() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-03-data.md",
        "---\ntitle: Zebranie\ndate: 31.02.2021\n---\nTreść.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-04-klucz.md",
        "---\ntitle: Ankieta\ndate: 2021-01-04\ntagss: [ankiety]\n---\nTreść.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-05-obraz.md",
        "---\ntitle: Warsztaty\ndate: 2021-01-05\n---\nZdjęcie z warsztatów:\n\n![](sala.png)\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-05-obraz/sala.png",
        common::PNG,
    );
    let pl = fx.run(&["build"]);
    insta::assert_snapshot!("diagnostics_pl", pl.stderr);
    let en = fx.run(&["--lang", "en", "build"]);
    insta::assert_snapshot!("diagnostics_en", en.stderr);
    // The picture's error alone, once the others are fixed.
    fx.write(
        "content/alfa/aktualnosci/2021-01-03-data.md",
        "---\ntitle: Zebranie\ndate: 28.02.2021\n---\nTreść.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-01-04-klucz.md",
        "---\ntitle: Ankieta\ndate: 2021-01-04\ntags: [ankiety]\n---\nTreść.\n",
    );
    let check = fx.run(&["build"]);
    insta::assert_snapshot!("check_error_pl", check.stderr);
    let check_en = fx.run(&["--lang", "en", "build"]);
    insta::assert_snapshot!("check_error_en", check_en.stderr);
}

/// The command line speaks Polish by default — its help, its errors and
/// the errors of its values — and English with `--lang en` or an English
/// locale; no English leaks into the Polish texts.
#[test]
fn help_and_command_line_errors_speak_the_users_language() {
    let fx = Fixture::new();
    let help = fx.run(&["--help"]);
    help.assert_ok();
    for polish in [
        "Użycie: tablica [OPCJE] <POLECENIE>",
        "Polecenia:",
        "Opcje:",
        "Zbuduj wszystkie witryny",
        "Wyświetl pomoc",
    ] {
        assert!(help.stdout.contains(polish), "{polish}:\n{}", help.stdout);
    }
    let build_help = fx.run(&["build", "--help"]);
    assert!(
        build_help.stdout.contains("--now <DATA>"),
        "{}",
        build_help.stdout
    );
    assert!(
        build_help.stdout.contains("[domyślnie: pl]"),
        "{}",
        build_help.stdout
    );
    for run in [&help, &build_help] {
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "[default:",
            "possible values",
        ] {
            assert!(!run.stdout.contains(english), "{english}:\n{}", run.stdout);
        }
    }

    let missing = fx.run(&["new"]);
    assert_eq!(missing.code, Some(2));
    assert!(
        missing
            .stderr
            .starts_with("błąd: brakuje wymaganych argumentów: --site <WITRYNA>, <TYTUŁ>"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stderr.contains("Więcej: tablica new --help"),
        "{}",
        missing.stderr
    );
    let date = fx.run(&["build", "--now", "31.04.2021"]);
    assert_eq!(date.code, Some(2));
    assert!(
        date.stderr.contains("kwiecień 2021 r. ma 30 dni"),
        "{}",
        date.stderr
    );
    let typo = fx.run(&["bild"]);
    assert!(
        typo.stderr
            .contains("nieznane polecenie „bild”; czy chodziło o „build”?"),
        "{}",
        typo.stderr
    );
    let outside = fx.run(&["build"]);
    assert!(
        outside.stderr.contains("nie ma takiego pliku ani folderu"),
        "{}",
        outside.stderr
    );
    for run in [&missing, &date, &typo, &outside] {
        for english in [
            "error:",
            "Usage:",
            "required arguments",
            "has 30 days",
            "os error",
            "No such file",
        ] {
            assert!(!run.stderr.contains(english), "{english}:\n{}", run.stderr);
        }
    }

    let english = fx.run(&["--lang", "en", "build", "--now", "31.04.2021"]);
    assert!(
        english.stderr.contains("April 2021 has 30 days"),
        "{}",
        english.stderr
    );
    let locale = tablica_command()
        .env("LANG", "en_GB.UTF-8")
        .args(["--root", fx.root().to_str().unwrap(), "new"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&locale.stderr);
    assert!(
        stderr.contains("the following required arguments"),
        "{stderr}"
    );
    let locale_help = tablica_command()
        .env("LANG", "en_US.UTF-8")
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&locale_help.stdout).contains("Usage: tablica"));
}
