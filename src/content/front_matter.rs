//! Front matter: the YAML block between `---` lines at the top of a page.
//! Keys are English, and each also has the Polish name a clerk would type
//! (`tytuł`, `data`, `tagi`, `załączniki`…, with or without diacritics),
//! as a serde alias; an unknown key is an error that suggests the nearest
//! one. `draft:` also takes `tak` and `nie`.

use crate::base::date::PageDate;
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use crate::base::yaml::{yaml_error, YamlSource};
use serde::Deserialize;
use std::path::Path;

/// Every key a page may have today.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "tags",
    "categories",
    "gminy",
    "draft",
    "signature",
    "source",
    "attachments",
    "event",
    "consultation",
    "gallery",
    "produced_by",
    "published_by",
    "changes",
    "kind",
    "video",
    "captions",
];

/// The Polish names of the keys, as (Polish, English): what a clerk types
/// is accepted (the serde aliases below), and named in suggestions.
pub const POLISH_KEYS: &[(&str, &str)] = &[
    ("tytuł", "title"),
    ("tytul", "title"),
    ("data", "date"),
    ("aktualizacja", "updated"),
    ("zaktualizowano", "updated"),
    ("opis", "summary"),
    ("streszczenie", "summary"),
    ("zajawka", "summary"),
    ("tagi", "tags"),
    ("kategorie", "categories"),
    ("kategoria", "categories"),
    ("gmina", "gminy"),
    ("szkic", "draft"),
    ("podpis", "signature"),
    ("źródło", "source"),
    ("zrodlo", "source"),
    ("załączniki", "attachments"),
    ("zalaczniki", "attachments"),
    ("wydarzenie", "event"),
    ("konsultacje", "consultation"),
    ("konsultacja", "consultation"),
    ("galeria", "gallery"),
    ("wytworzył", "produced_by"),
    ("wytworzyl", "produced_by"),
    ("opublikował", "published_by"),
    ("opublikowal", "published_by"),
    ("zmiany", "changes"),
    ("rodzaj", "kind"),
    ("film", "video"),
    ("napisy", "captions"),
    ("opis", "note"),
    ("plik", "file"),
    ("początek", "start"),
    ("poczatek", "start"),
    ("koniec", "end"),
    ("miejsce", "place"),
    ("adres", "address"),
    ("temat", "subject"),
    ("od", "from"),
    ("do", "to"),
    ("jak", "how"),
    ("formularz", "form"),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    #[serde(alias = "tytuł", alias = "tytul")]
    title: Option<String>,
    #[serde(alias = "data")]
    date: Option<String>,
    #[serde(alias = "aktualizacja", alias = "zaktualizowano")]
    updated: Option<String>,
    #[serde(alias = "opis", alias = "streszczenie", alias = "zajawka")]
    summary: Option<String>,
    #[serde(default, alias = "tagi")]
    tags: Vec<String>,
    #[serde(default, alias = "kategorie", alias = "kategoria")]
    categories: Vec<String>,
    #[serde(default, alias = "gmina")]
    gminy: Vec<String>,
    #[serde(default, alias = "szkic", deserialize_with = "yes_or_no")]
    draft: bool,
    #[serde(alias = "podpis")]
    signature: Option<String>,
    #[serde(alias = "źródło", alias = "zrodlo")]
    source: Option<String>,
    #[serde(default, alias = "załączniki", alias = "zalaczniki")]
    attachments: Vec<Attachment>,
    #[serde(alias = "wydarzenie")]
    event: Option<RawEvent>,
    #[serde(alias = "konsultacje", alias = "konsultacja")]
    consultation: Option<RawConsultation>,
    #[serde(default, alias = "galeria")]
    gallery: Vec<GalleryEntry>,
    #[serde(alias = "wytworzył", alias = "wytworzyl")]
    produced_by: Option<String>,
    #[serde(alias = "opublikował", alias = "opublikowal")]
    published_by: Option<String>,
    #[serde(default, alias = "zmiany")]
    changes: Vec<RawChange>,
    #[serde(default, alias = "rodzaj")]
    kind: PageKind,
    /// A PJM page's video: a file in the page's folder or an address.
    #[serde(alias = "film")]
    video: Option<String>,
    /// The captions of the video (WebVTT), a file in the page's folder.
    #[serde(alias = "napisy")]
    captions: Option<String>,
}

/// What a page is for: an ordinary one, or the description of the body in
/// easy-to-read text (ETR, tekst łatwy do czytania) or in Polish Sign
/// Language (PJM) that the accessibility law asks for (2019 act on
/// accessibility for persons with special needs, art. 6 pt 3 lit. c).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    #[default]
    Page,
    Etr,
    Pjm,
}

/// One entry of a page's change history, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    #[serde(alias = "data")]
    date: String,
    #[serde(alias = "opis")]
    note: String,
}

/// The metryczka Polish public portals show under an announcement (as the
/// BIP does): who produced the information, who published it, and what
/// changed when. Each part is optional.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub produced_by: Option<String>,
    pub published_by: Option<String>,
    /// Oldest first, as written.
    pub changes: Vec<Change>,
}

impl Record {
    pub fn is_empty(&self) -> bool {
        self.produced_by.is_none() && self.published_by.is_none() && self.changes.is_empty()
    }
}

/// A change to a published page: when, and what.
#[derive(Debug, Clone)]
pub struct Change {
    pub date: PageDate,
    pub note: String,
}

/// The keys and values as written, or the YAML error explained.
fn raw_front_matter(path: &Path, yaml: &str) -> Result<RawFrontMatter, Vec<Diagnostic>> {
    if yaml.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let source = YamlSource {
            path,
            text: yaml,
            // The YAML starts on line 2, after the first `---`.
            line_offset: 1,
            known: KNOWN_KEYS,
        };
        vec![yaml_error(&source, &e)]
    })
}

/// A key's English name and its Polish ones.
pub fn names_of(key: &str) -> impl Iterator<Item = &str> {
    std::iter::once(key).chain(
        POLISH_KEYS
            .iter()
            .filter(move |(_, english)| *english == key)
            .map(|(polish, _)| *polish),
    )
}

/// `true`/`false`, or the words a clerk writes: `tak`/`nie` (also yes/no).
fn yes_or_no<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum YesOrNo {
        Bool(bool),
        Word(String),
    }
    match YesOrNo::deserialize(deserializer)? {
        YesOrNo::Bool(b) => Ok(b),
        YesOrNo::Word(word) => match word.trim().to_lowercase().as_str() {
            "tak" | "yes" | "true" | "prawda" => Ok(true),
            "nie" | "no" | "false" | "fałsz" | "falsz" => Ok(false),
            // The same words as serde's own, so the message is explained alike.
            _ => Err(serde::de::Error::custom(format!(
                "invalid type: string \"{word}\", expected a boolean"
            ))),
        },
    }
}

/// A photo of the page's gallery, as the front matter names it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GalleryEntry {
    #[serde(alias = "plik")]
    pub file: String,
    /// What the photo shows, for readers who cannot see it. Required.
    #[serde(default, alias = "opis")]
    pub alt: String,
    #[serde(alias = "podpis")]
    pub caption: Option<String>,
}

/// A file published with the page: in its bundle (`uchwala.pdf`) or under
/// the site (`/pliki/uchwala.pdf`, from content/<site>/ or static/).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    #[serde(alias = "plik")]
    pub file: String,
    #[serde(alias = "tytuł", alias = "tytul")]
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(alias = "początek", alias = "poczatek")]
    start: String,
    #[serde(alias = "koniec")]
    end: Option<String>,
    #[serde(alias = "miejsce")]
    place: String,
    #[serde(alias = "adres")]
    address: Option<String>,
}

/// A meeting, workshop or debate the announcement invites to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub start: PageDate,
    pub end: Option<PageDate>,
    pub place: String,
    pub address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsultation {
    #[serde(alias = "temat")]
    subject: String,
    #[serde(alias = "od")]
    from: String,
    #[serde(alias = "do")]
    to: String,
    #[serde(alias = "jak")]
    how: String,
    #[serde(alias = "formularz")]
    form: Option<String>,
}

/// A public consultation: residents comment on a draft between two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub subject: String,
    pub from: PageDate,
    pub to: PageDate,
    /// How to submit comments.
    pub how: String,
    /// Address of the form or document for comments.
    pub form: Option<String>,
}

/// Validated front matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub gminy: Vec<String>,
    pub draft: bool,
    pub signature: Option<String>,
    pub source: Option<String>,
    pub attachments: Vec<Attachment>,
    pub event: Option<Event>,
    pub consultation: Option<Consultation>,
    pub gallery: Vec<GalleryEntry>,
    pub record: Record,
    pub kind: PageKind,
    pub video: Option<String>,
    pub captions: Option<String>,
}

/// A file split into its front matter and its Markdown body.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// Number of lines before the body starts (both `---` lines included).
    pub body_line_offset: usize,
}

/// Splits `source` at its `---` lines.
pub fn split<'a>(path: &Path, source: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = source.strip_prefix("---").filter(|r| r.starts_with('\n')) else {
        return Err(Diagnostic::error(
            Location::at(path, 1, 1),
            Text::new(
                "plik nie zaczyna się od nagłówka: pierwsza linia musi być ---",
                "the file does not start with front matter: the first line must be ---",
            ),
        )
        .with_hint(Text::new(
            "dodaj na początku pliku linię ---, potem title: … i date: …, i znowu linię ---",
            "start the file with a --- line, then title: … and date: …, then another --- line",
        )));
    };
    let rest = &rest[1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                body,
                body_line_offset: yaml.lines().count() + 2,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::at(path, 1, 1),
        Text::new(
            "nagłówek otwarty linią --- nie jest nigdzie zamknięty",
            "the front matter opened with --- is never closed",
        ),
    )
    .with_hint(Text::new(
        "dodaj linię --- po ostatnim kluczu nagłówka (np. po date: …)",
        "add a --- line after the last front matter key (e.g. after date: …)",
    )))
}

/// What the file's place in the content tree requires of its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Announcements in a section need a date.
    TitleAndDate,
    TitleOnly,
}

/// Parses and validates the YAML of the front matter; collects every problem.
pub fn parse(
    path: &Path,
    yaml: &str,
    requirement: Requirement,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut raw = raw_front_matter(path, yaml)?;
    let mut problems = Vec::new();
    let title = match raw.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            problems.push(
                Diagnostic::error(
                    key_location(path, yaml, "title"),
                    Text::new("strona nie ma tytułu", "the page has no title"),
                )
                .with_hint(Text::new(
                    "dodaj w nagłówku linię title: \"Tytuł ogłoszenia\"",
                    "add a line title: \"Title of the announcement\" to the front matter",
                )),
            );
            String::new()
        }
    };
    let date = parse_date(path, yaml, "date", raw.date.as_deref(), &mut problems);
    if date.is_none() && raw.date.is_none() && requirement == Requirement::TitleAndDate {
        problems.push(
            Diagnostic::error(
                key_location(path, yaml, "date"),
                Text::new(
                    "ogłoszenie nie ma daty publikacji",
                    "the announcement has no publication date",
                ),
            )
            .with_hint(Text::new(
                "dodaj w nagłówku linię date: 20.01.2021",
                "add a line date: 2021-01-20 to the front matter",
            )),
        );
    }
    let updated = parse_date(path, yaml, "updated", raw.updated.as_deref(), &mut problems);
    let event = raw
        .event
        .and_then(|e| parse_event(path, yaml, e, &mut problems));
    let consultation = raw
        .consultation
        .and_then(|c| parse_consultation(path, yaml, c, &mut problems));
    let changes = std::mem::take(&mut raw.changes);
    let record = Record {
        produced_by: raw.produced_by.take().filter(|s| !s.trim().is_empty()),
        published_by: raw.published_by.take().filter(|s| !s.trim().is_empty()),
        changes: parse_changes(path, yaml, changes, &mut problems),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title,
        date,
        updated,
        summary: raw
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        tags: clean_list(raw.tags),
        categories: clean_list(raw.categories),
        gminy: clean_list(raw.gminy),
        draft: raw.draft,
        signature: raw.signature.filter(|s| !s.trim().is_empty()),
        source: raw.source.filter(|s| !s.trim().is_empty()),
        attachments: raw.attachments,
        event,
        consultation,
        gallery: raw.gallery,
        record,
        kind: raw.kind,
        video: raw.video.filter(|v| !v.trim().is_empty()),
        captions: raw.captions.filter(|c| !c.trim().is_empty()),
    })
}

/// The change history: each date must exist and each note say something.
fn parse_changes(
    path: &Path,
    yaml: &str,
    changes: Vec<RawChange>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    changes
        .into_iter()
        .filter_map(|c| {
            let date = match PageDate::parse(&c.date) {
                Ok(date) => date,
                Err(message) => {
                    problems.push(
                        Diagnostic::error(key_location(path, yaml, "changes"), message).with_hint(
                            Text::new(
                                "popraw datę tej zmiany na istniejącą, np. date: 20.01.2021",
                                "change the date of this change to a real one, e.g. date: 2021-01-20",
                            ),
                        ),
                    );
                    return None;
                }
            };
            let note = c.note.trim().to_string();
            if note.is_empty() {
                problems.push(
                    Diagnostic::error(
                        key_location(path, yaml, "changes"),
                        Text::new("zmiana nie ma opisu", "a change has no note"),
                    )
                    .with_hint(Text::new(
                        "napisz w note:, co się zmieniło, np. note: \"Przesunięto termin spotkania\"",
                        "say in note: what changed, e.g. note: \"The meeting moved to Friday\"",
                    )),
                );
                return None;
            }
            Some(Change { date, note })
        })
        .collect()
}

fn parse_nested_date(
    path: &Path,
    yaml: &str,
    parent: &str,
    key: &str,
    value: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<PageDate> {
    match PageDate::parse(value) {
        Ok(date) => Some(date),
        Err(message) => {
            problems.push(Diagnostic::error(
                nested_location(path, yaml, parent, key),
                message,
            ));
            None
        }
    }
}

fn parse_event(
    path: &Path,
    yaml: &str,
    raw: RawEvent,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    let start = parse_nested_date(path, yaml, "event", "start", &raw.start, problems);
    let end = match &raw.end {
        Some(end) => Some(parse_nested_date(
            path, yaml, "event", "end", end, problems,
        )?),
        None => None,
    };
    let start = start?;
    if let Some(end) = end {
        if end < start {
            let (s, e) = (start.numeric(), end.numeric());
            problems.push(
                Diagnostic::error(
                    nested_location(path, yaml, "event", "end"),
                    text!(
                        "wydarzenie kończy się ({e}) przed swoim początkiem ({s})",
                        "the event ends ({e}) before it starts ({s})"
                    ),
                )
                .with_hint(Text::new(
                    "popraw start: albo end: (np. start: 21.04.2021 10:00, end: 21.04.2021 14:00)",
                    "fix start: or end: (e.g. start: 2021-04-21 10:00, end: 2021-04-21 14:00)",
                )),
            );
            return None;
        }
    }
    Some(Event {
        start,
        end,
        place: raw.place,
        address: raw.address,
    })
}

fn parse_consultation(
    path: &Path,
    yaml: &str,
    raw: RawConsultation,
    problems: &mut Vec<Diagnostic>,
) -> Option<Consultation> {
    let from = parse_nested_date(path, yaml, "consultation", "from", &raw.from, problems);
    let to = parse_nested_date(path, yaml, "consultation", "to", &raw.to, problems);
    let (from, to) = (from?, to?);
    if to < from {
        let (f, t) = (from.numeric(), to.numeric());
        problems.push(
            Diagnostic::error(
                nested_location(path, yaml, "consultation", "to"),
                text!(
                    "konsultacje kończą się ({t}) przed swoim początkiem ({f})",
                    "the consultation ends ({t}) before it starts ({f})"
                ),
            )
            .with_hint(Text::new(
                "zamień daty miejscami albo popraw from: / to:",
                "swap the dates or fix from: / to:",
            )),
        );
        return None;
    }
    Some(Consultation {
        subject: raw.subject,
        from,
        to,
        how: raw.how,
        form: raw.form,
    })
}

/// Where `value` first appears after the top-level key `parent`; the
/// parent's line when it cannot be found.
pub fn value_location(path: &Path, yaml: &str, parent: &str, value: &str) -> Location {
    let parent_location = key_location(path, yaml, parent);
    let start = parent_location.line.unwrap_or(2).saturating_sub(2);
    for (index, line) in yaml.lines().enumerate().skip(start) {
        if let Some(byte) = line.find(value) {
            return Location::at(path, index + 2, line[..byte].chars().count() + 1);
        }
    }
    parent_location
}

/// Where `key:` of the block under the top-level key `parent` is; the
/// parent's line when the key cannot be found.
pub fn nested_location(path: &Path, yaml: &str, parent: &str, key: &str) -> Location {
    let parent_location = key_location(path, yaml, parent);
    let start = parent_location.line.unwrap_or(1).saturating_sub(1);
    for (index, line) in yaml.lines().enumerate().skip(start) {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if index >= start && line.starts_with([' ', '-']) {
            if let Some(rest) = trimmed.strip_prefix(key) {
                if let Some(value) = rest.trim_start().strip_prefix(':') {
                    let value_start = line.len() - value.trim_start().len();
                    return Location::at(path, index + 2, line[..value_start].chars().count() + 1);
                }
            }
        } else if index > start && !line.trim().is_empty() && !line.starts_with(' ') {
            break;
        }
    }
    parent_location
}

fn clean_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_date(
    path: &Path,
    yaml: &str,
    key: &str,
    value: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<PageDate> {
    match PageDate::parse(value?) {
        Ok(date) => Some(date),
        Err(message) => {
            problems.push(
                Diagnostic::error(key_location(path, yaml, key), message).with_hint(text!(
                    "popraw {key}: na istniejącą datę, np. {key}: 20.01.2021",
                    "change {key}: to a real date, e.g. {key}: 2021-01-20"
                )),
            );
            None
        }
    }
}

/// Where a top-level key's value starts in the file (line 1 is the opening
/// `---`); the opening line when the key is absent.
pub fn key_location(path: &Path, yaml: &str, key: &str) -> Location {
    for (index, line) in yaml.lines().enumerate() {
        let written = names_of(key).find_map(|name| line.strip_prefix(name));
        if let Some(rest) = written {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                let value_start = line.len() - value.trim_start().len();
                let column = line[..value_start].chars().count() + 1;
                return Location::at(path, index + 2, column);
            }
        }
    }
    Location::at(path, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.md")
    }

    #[test]
    fn split_finds_body_and_its_line_offset() {
        let s = split(p(), "---\ntitle: A\ndate: 2021-01-20\n---\nTreść\n").unwrap();
        assert_eq!(s.yaml, "title: A\ndate: 2021-01-20\n");
        assert_eq!(s.body, "Treść\n");
        assert_eq!(s.body_line_offset, 4);
        assert!(split(p(), "title: A\n").is_err());
        assert!(split(p(), "---\ntitle: A\n").is_err());
    }

    #[test]
    fn bad_date_points_at_its_value() {
        let errors = parse(
            p(),
            "title: A\ndate: 31.02.2021\n",
            Requirement::TitleAndDate,
        )
        .unwrap_err();
        assert_eq!(errors[0].location, Location::at("x.md", 3, 7));
    }

    #[test]
    fn event_ending_before_it_starts_points_at_end() {
        let yaml = "title: A\ndate: 2021-04-01\nevent:\n  start: 21.04.2021 10:00\n  end: 21.04.2021 09:00\n  place: Sala\n";
        let errors = parse(p(), yaml, Requirement::TitleAndDate).unwrap_err();
        assert_eq!(errors[0].location, Location::at("x.md", 6, 8), "{errors:?}");
    }

    #[test]
    fn consultation_dates_in_the_wrong_order_are_an_error() {
        let yaml = "title: A\ndate: 2021-04-01\nconsultation:\n  subject: S\n  from: 2021-05-01\n  to: 2021-04-01\n  how: e-mail\n";
        let errors = parse(p(), yaml, Requirement::TitleAndDate).unwrap_err();
        assert_eq!(errors[0].location, Location::at("x.md", 7, 7), "{errors:?}");
        assert!(errors[0].message.pl.contains("przed swoim początkiem"));
    }

    #[test]
    fn missing_title_and_date_are_both_reported() {
        let errors = parse(p(), "summary: x\n", Requirement::TitleAndDate).unwrap_err();
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let errors = parse(
            p(),
            "title: A\ndate: 2021-01-20\ntgas: [a]\n",
            Requirement::TitleAndDate,
        )
        .unwrap_err();
        assert_eq!(errors[0].location.line, Some(4));
        assert!(errors[0].hint.as_ref().unwrap().pl.contains("„tags”"));
    }
}
