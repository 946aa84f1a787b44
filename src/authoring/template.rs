//! The front matter a new page starts with: the keys it has set, and every
//! other common key commented out, with a word in Polish on what it does.

use crate::base::date::PageDate;
use crate::config::SiteConfig;

/// What is known about a new page when its file is written.
#[derive(Debug)]
pub struct Draft {
    pub title: String,
    pub date: PageDate,
    pub signature: Option<String>,
    pub source: Option<String>,
    /// Starts as a draft: left out of the site until the clerk removes the
    /// line (`tablica new`, whose body is still a placeholder).
    pub draft: bool,
    /// An easy-to-read or sign-language page, or an ordinary one.
    pub kind: crate::content::front_matter::PageKind,
}

/// A YAML string in double quotes.
pub fn quoted(value: &str) -> String {
    let escaped: String = value
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\t' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The whole front matter block, `---` lines included.
pub fn front_matter(draft: &Draft, site: &SiteConfig) -> String {
    let date = draft.date.numeric();
    let mut lines = vec![
        "---".to_string(),
        "# Linie zaczynające się od # to podpowiedzi: aby użyć pola, usuń # i spację".to_string(),
        "# na początku linii i wpisz swoją wartość. Daty: 20.01.2021 albo 2021-01-20.".to_string(),
        format!("title: {}", quoted(&draft.title)),
        commented(
            &format!("date: {date}"),
            "data publikacji (z przyszłości: ogłoszenie pojawi się tego dnia)",
        ),
        commented(
            &format!("# updated: {date}"),
            "data aktualizacji, gdy poprawiasz treść",
        ),
        "# summary: \"Jedno zdanie, które pokaże się na liście ogłoszeń\"".to_string(),
        commented(
            "# tags: [strategia, konsultacje]",
            "słowa kluczowe, małymi literami",
        ),
        commented(
            "# categories: [Ogłoszenia]",
            "np. Ogłoszenia, Wydarzenia, Konsultacje",
        ),
    ];
    lines.extend(kind_lines(draft.kind));
    lines.extend(members_hint(site));
    lines.push(match &draft.signature {
        Some(signature) => format!("signature: {}", quoted(signature)),
        None => commented(
            "# signature: \"W imieniu Partnerstwa – Wójt …\"",
            "podpis pod treścią",
        ),
    });
    lines.push(match &draft.source {
        Some(source) => format!("source: {}", quoted(source)),
        None => commented("# source: \"Urząd Gminy …\"", "źródło informacji"),
    });
    lines.extend(record_hints());
    lines.push(draft_line(draft.draft));
    lines.extend([
        commented(
            "# attachments:",
            "pliki w folderze o nazwie tego pliku (bez .md)",
        ),
        "#   - file: zaproszenie.pdf".to_string(),
        "#     title: \"Zaproszenie na spotkanie\"".to_string(),
        commented(
            "# gallery:",
            "zdjęcia w tym samym folderze; opis alt jest obowiązkowy",
        ),
        "#   - file: zdjecie-1.jpg".to_string(),
        "#     alt: \"Co widać na zdjęciu – dla osób, które go nie widzą\"".to_string(),
        "#     caption: \"Podpis pod zdjęciem\"".to_string(),
        commented("# event:", "spotkanie lub warsztaty: kiedy i gdzie"),
        "#   start: 21.09.2021 17:30".to_string(),
        "#   end: 21.09.2021 19:00".to_string(),
        "#   place: \"Świetlica wiejska\"".to_string(),
        "#   address: \"Lipno 5\"".to_string(),
        commented(
            "# consultation:",
            "konsultacje społeczne: czego dotyczą i kiedy",
        ),
        "#   subject: \"Projekt strategii terytorialnej\"".to_string(),
        "#   from: 15.09.2021".to_string(),
        "#   to: 06.10.2021".to_string(),
        "#   how: \"Uwagi można składać na formularzu w urzędzie gminy lub e-mailem.\"".to_string(),
        "#   form: https://…".to_string(),
        "---".to_string(),
    ]);
    lines.join("\n") + "\n"
}

/// The `kind:` of an easy-to-read or sign-language page (with the video's
/// keys for PJM); nothing for an announcement.
fn kind_lines(kind: crate::content::front_matter::PageKind) -> Vec<String> {
    use crate::content::front_matter::PageKind;
    match kind {
        PageKind::Page => Vec::new(),
        PageKind::Etr => vec![commented(
            "kind: etr",
            "tekst łatwy do czytania: krótkie zdania, proste słowa, jedna myśl w akapicie",
        )],
        PageKind::Pjm => vec![
            commented("kind: pjm", "informacje w polskim języku migowym"),
            commented(
                "# video: nagranie.mp4",
                "nagranie w folderze strony (albo pełny adres)",
            ),
            commented(
                "# captions: nagranie.vtt",
                "napisy do nagrania (WebVTT); treść strony to transkrypcja",
            ),
        ],
    }
}

/// `draft: true` for a new page, or the key commented for an import.
fn draft_line(draft: bool) -> String {
    if draft {
        commented(
            "draft: true",
            "szkic: nie jest publikowany; gdy treść jest gotowa, usuń tę linię",
        )
    } else {
        commented(
            "# draft: true",
            "szkic: nie jest publikowany, dopóki jest ta linia",
        )
    }
}

/// The metryczka's keys, commented: who produced and who published the
/// information, and the history of its changes.
fn record_hints() -> [String; 5] {
    [
        commented(
            "# produced_by: \"Referat Rozwoju Urzędu Gminy …\"",
            "metryczka: kto wytworzył informację",
        ),
        commented(
            "# published_by: \"Imię Nazwisko\"",
            "metryczka: kto ją opublikował",
        ),
        commented("# changes:", "historia zmian: data i opis każdej zmiany"),
        "#   - date: 20.01.2021".to_string(),
        "#     note: \"Przesunięto termin spotkania\"".to_string(),
    ]
}

/// A line of YAML with a comment after it, comments lined up in one column.
fn commented(code: &str, comment: &str) -> String {
    let width = code.chars().count();
    let padding = " ".repeat(COMMENT_COLUMN.saturating_sub(width));
    format!("{code}{padding} # {comment}")
}

const COMMENT_COLUMN: usize = 36;

/// `# gminy: [Gmina Klukowo]` with the site's member names to choose from.
fn members_hint(site: &SiteConfig) -> Vec<String> {
    let Some(first) = site
        .leader
        .as_ref()
        .or(site.members.first().map(|m| &m.name))
    else {
        return Vec::new();
    };
    let mut lines = vec![commented(
        &format!("# gminy: [{first}]"),
        "samorządy, których dotyczy; do wyboru:",
    )];
    let mut line = String::from("#  ");
    for (index, member) in site.members.iter().enumerate() {
        let separator = if index + 1 < site.members.len() {
            ","
        } else {
            ""
        };
        if line.chars().count() + member.name.chars().count() > 76 {
            lines.push(std::mem::replace(&mut line, String::from("#  ")));
        }
        line.push_str(&format!(" {}{separator}", member.name));
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quoted("Plan \"B\" \\ „C”"), r#""Plan \"B\" \\ „C”""#);
    }
}
