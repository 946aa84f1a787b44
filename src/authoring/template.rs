//! The front matter a new page starts with: the keys it has set, and every
//! other common key commented out, with a word in Polish on what it does.

use crate::config::SiteConfig;
use crate::content::date::PageDate;

/// What is known about a new page when its file is written.
#[derive(Debug)]
pub struct Draft {
    pub title: String,
    pub date: PageDate,
    pub signature: Option<String>,
    pub source: Option<String>,
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
        format!("date: {date}            # data publikacji; data z przyszłości: ogłoszenie pojawi się tego dnia"),
        format!("# updated: {date}       # data aktualizacji, gdy poprawiasz opublikowaną treść"),
        "# summary: \"Jedno zdanie, które pokaże się na liście ogłoszeń\"".to_string(),
        "# tags: [strategia, konsultacje]         # słowa kluczowe, małymi literami".to_string(),
        "# categories: [Ogłoszenia]               # kategoria, np. Ogłoszenia, Wydarzenia, Konsultacje".to_string(),
    ];
    lines.extend(members_hint(site));
    lines.push(match &draft.signature {
        Some(signature) => format!("signature: {}", quoted(signature)),
        None => "# signature: \"W imieniu Partnerstwa – Wójt Gminy …\"   # podpis pod treścią"
            .to_string(),
    });
    lines.push(match &draft.source {
        Some(source) => format!("source: {}", quoted(source)),
        None => "# source: \"Urząd Gminy …\"                # źródło informacji".to_string(),
    });
    lines.extend(
        [
            "# draft: true                  # szkic: nie będzie opublikowany, dopóki nie usuniesz tej linii",
            "# attachments:                 # pliki do pobrania, w folderze o nazwie tego pliku (bez .md)",
            "#   - file: zaproszenie.pdf",
            "#     title: \"Zaproszenie na spotkanie\"",
            "# gallery:                     # zdjęcia w tym samym folderze; opis (alt) jest obowiązkowy",
            "#   - file: zdjecie-1.jpg",
            "#     alt: \"Co widać na zdjęciu – dla osób, które go nie widzą\"",
            "#     caption: \"Podpis pod zdjęciem\"",
            "# event:                       # spotkanie lub warsztaty: kiedy i gdzie",
            "#   start: 21.09.2021 17:30",
            "#   end: 21.09.2021 19:00",
            "#   place: \"Świetlica wiejska\"",
            "#   address: \"Lipno 5\"",
            "# consultation:                # konsultacje społeczne: czego dotyczą, od kiedy do kiedy",
            "#   subject: \"Projekt strategii terytorialnej\"",
            "#   from: 15.09.2021",
            "#   to: 06.10.2021",
            "#   how: \"Uwagi można składać na formularzu w urzędzie gminy lub e-mailem.\"",
            "#   form: https://…",
            "---",
        ]
        .map(str::to_string),
    );
    lines.join("\n") + "\n"
}

/// `# gminy: [Gmina Klukowo]` with the site's member names to choose from.
fn members_hint(site: &SiteConfig) -> Vec<String> {
    let Some(first) = site
        .leader
        .as_ref()
        .or(site.members.first().map(|m| &m.name))
    else {
        return Vec::new();
    };
    let mut lines = vec![format!(
        "# gminy: [{first}]      # samorządy, których dotyczy ogłoszenie; nazwy jak w config.yaml:"
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
