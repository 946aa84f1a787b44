//! Human-readable summaries of a build and of `tablica check`
//! ([`check`]), in Polish (with Polish plural forms and decimal commas) or
//! English, and their JSON forms for tools.

pub mod check;
pub mod console;
pub mod diagnostics;
pub mod progress;

use crate::base::diagnostic::Lang;
use crate::build::BuildReport;
use std::path::Path;

/// Polish nouns have three plural forms: 1 strona, 2–4 strony, 5 stron
/// (but 12–14 stron, 22–24 strony).
pub fn plural_pl<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let last = n % 10;
    let last_two = n % 100;
    if n == 1 {
        one
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        few
    } else {
        many
    }
}

fn count(n: usize, lang: Lang, pl: [&str; 3], en: [&str; 2]) -> String {
    let shown = number(n, lang);
    match lang {
        Lang::Pl => format!("{shown} {}", plural_pl(n, pl[0], pl[1], pl[2])),
        Lang::En => format!("{shown} {}", if n == 1 { en[0] } else { en[1] }),
    }
}

/// A whole number with its thousands grouped: `26 039` in Polish (a
/// space, as Polish writes it), `26,039` in English.
pub fn number(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::Pl => ' ',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

fn pages(n: usize, lang: Lang) -> String {
    count(n, lang, ["strona", "strony", "stron"], ["page", "pages"])
}

/// Seconds with two decimals, a decimal comma in Polish.
pub fn seconds(secs: f64, lang: Lang) -> String {
    let s = format!("{secs:.2} s");
    match lang {
        Lang::Pl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// One line per site and a total line.
pub fn summary(report: &BuildReport, root: &Path, lang: Lang) -> String {
    let mut out = String::new();
    for site in &report.sites {
        let output = site.output.strip_prefix(root).unwrap_or(&site.output);
        let files = count(
            site.files,
            lang,
            ["plik", "pliki", "plików"],
            ["file", "files"],
        );
        out.push_str(&format!(
            "{}: {}, {files} → {}",
            site.id,
            pages(site.pages, lang),
            output.display()
        ));
        if site.scheduled_skipped > 0 {
            let scheduled = count(
                site.scheduled_skipped,
                lang,
                [
                    "zaplanowane na później",
                    "zaplanowane na później",
                    "zaplanowanych na później",
                ],
                ["scheduled for later", "scheduled for later"],
            );
            out.push_str(&format!(" ({scheduled})"));
        }
        if site.drafts_skipped > 0 {
            let drafts = count(
                site.drafts_skipped,
                lang,
                ["szkic pominięty", "szkice pominięte", "szkiców pominiętych"],
                ["draft skipped", "drafts skipped"],
            );
            out.push_str(&format!(" ({drafts})"));
        }
        out.push('\n');
    }
    let total_pages: usize = report.sites.iter().map(|s| s.pages).sum();
    let sites = count(
        report.sites.len(),
        lang,
        ["witryna", "witryny", "witryn"],
        ["site", "sites"],
    );
    out.push_str(&format!(
        "{sites}, {}, {}\n",
        pages(total_pages, lang),
        seconds(report.elapsed.as_secs_f64(), lang)
    ));
    out.push_str(&photos_line(report.photos, lang));
    out
}

/// Said only when photos were made anew (it takes time the clerk sees):
/// `12 zdjęć przygotowanych na nowo, 88 z pamięci podręcznej.`
fn photos_line(photos: crate::build::PhotoStats, lang: Lang) -> String {
    if photos.encoded == 0 {
        return String::new();
    }
    let made = count(
        photos.encoded,
        lang,
        [
            "zdjęcie przygotowane na nowo",
            "zdjęcia przygotowane na nowo",
            "zdjęć przygotowanych na nowo",
        ],
        ["photo made anew", "photos made anew"],
    );
    let reused = number(photos.reused, lang);
    match lang {
        Lang::Pl => format!("{made}, {reused} z pamięci podręcznej.\n"),
        Lang::En => format!("{made}, {reused} from the cache.\n"),
    }
}

/// The closing line of a failed build.
pub fn failure_line(errors: usize, lang: Lang) -> String {
    let n = count(
        errors,
        lang,
        ["błąd", "błędy", "błędów"],
        ["error", "errors"],
    );
    match lang {
        Lang::Pl => format!("Budowanie przerwane: {n}. Folder wyjściowy pozostał bez zmian."),
        Lang::En => format!("Build stopped: {n}. The output folder was left as it was."),
    }
}

/// One line per written package: `cwd: 312 plików, 1,2 MB → packages/cwd.zip`.
pub fn package_line(site: &str, files: usize, bytes: u64, path: &Path, lang: Lang) -> String {
    let files = count(files, lang, ["plik", "pliki", "plików"], ["file", "files"]);
    let size = format!("{:.1} MB", bytes as f64 / 1_000_000.0);
    let size = match lang {
        Lang::Pl => size.replace('.', ","),
        Lang::En => size,
    };
    format!("{site}: {files}, {size} → {}", path.display())
}

/// Per-stage timings and what was left out, for `--verbose`.
pub fn details(report: &BuildReport, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = report
        .timings
        .iter()
        .map(|lap| {
            let ms = lap.took.as_secs_f64() * 1000.0;
            let ms = match lang {
                Lang::Pl => format!("{ms:.1}").replace('.', ","),
                Lang::En => format!("{ms:.1}"),
            };
            let stage = lap.stage;
            let line = match lang {
                Lang::Pl => format!("  etap {stage}: {ms} ms"),
                Lang::En => format!("  stage {stage}: {ms} ms"),
            };
            match (lap.peak_kb, lang) {
                (Some(kb), Lang::Pl) => format!("{line} (szczyt pamięci {} MB)", kb / 1024),
                (Some(kb), Lang::En) => format!("{line} (peak memory {} MB)", kb / 1024),
                (None, _) => line,
            }
        })
        .collect();
    lines.push(match lang {
        Lang::Pl => format!(
            "  zdjęcia: {} przygotowane na nowo, {} z pamięci podręcznej",
            report.photos.encoded, report.photos.reused
        ),
        Lang::En => format!(
            "  photos: {} made anew, {} from the cache",
            report.photos.encoded, report.photos.reused
        ),
    });
    for site in &report.sites {
        for path in &site.skipped {
            lines.push(match lang {
                Lang::Pl => format!(
                    "  pominięto {}: {path} (szkic lub data w przyszłości)",
                    site.id
                ),
                Lang::En => format!(
                    "  left out {}: {path} (a draft or dated in the future)",
                    site.id
                ),
            });
        }
    }
    lines
}

#[derive(serde::Serialize)]
struct JsonSummary {
    summary: JsonCounts,
}

#[derive(serde::Serialize)]
struct JsonCounts {
    errors: usize,
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sites: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<f64>,
}

/// The closing JSON object of a successful build.
pub fn json_summary(report: &BuildReport, errors: usize) -> impl serde::Serialize {
    JsonSummary {
        summary: JsonCounts {
            errors,
            warnings: report.warnings.len(),
            sites: Some(report.sites.len()),
            pages: Some(report.sites.iter().map(|s| s.pages).sum()),
            seconds: Some((report.elapsed.as_secs_f64() * 1000.0).round() / 1000.0),
        },
    }
}

/// The closing JSON object of a failed build.
pub fn failure_json(failure: &crate::build::BuildFailure) -> impl serde::Serialize {
    let errors = failure.errors().count();
    JsonSummary {
        summary: JsonCounts {
            errors,
            warnings: failure.diagnostics.len() - errors,
            sites: None,
            pages: None,
            seconds: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_the_polish_or_english_way() {
        assert_eq!(number(7, Lang::Pl), "7");
        assert_eq!(number(1234, Lang::Pl), "1 234");
        assert_eq!(number(26039, Lang::En), "26,039");
        assert_eq!(number(1_000_000, Lang::Pl), "1 000 000");
    }

    #[test]
    fn polish_plurals() {
        let f = |n| plural_pl(n, "strona", "strony", "stron");
        assert_eq!(
            [f(1), f(2), f(4), f(5), f(12), f(22), f(25), f(0)],
            ["strona", "strony", "strony", "stron", "stron", "strony", "stron", "stron"]
        );
    }

    #[test]
    fn decimal_comma_in_polish() {
        assert_eq!(seconds(0.084, Lang::Pl), "0,08 s");
        assert_eq!(seconds(0.084, Lang::En), "0.08 s");
    }
}
