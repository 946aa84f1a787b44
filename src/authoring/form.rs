//! The editor's form and an announcement's Markdown file, both ways: which
//! [`Fields`] a file holds ([`read`]), the file the form saves ([`write`],
//! [`new_file`]), and which field or body line a file line belongs to
//! ([`field_at_line`], for pointing a problem at its place in the form).
//!
//! The file stays the clerk's: a key the form did not change is written back
//! byte for byte (comments, order, quoting, Polish names, CRLF, a BOM), and a
//! changed key has only its own lines rewritten, under the name the file gave
//! it. Keys the form does not show (`signature`, `kind`, the record…) are
//! never touched. The YAML is cut into top-level key blocks by their lines,
//! and each block is read on its own, so one odd value costs only its field.

use super::template::quoted;
use crate::base::date::PageDate;
use crate::base::diagnostic::Text;
use crate::base::yaml::{yaml_error, YamlSource};
use crate::content::front_matter::{KNOWN_KEYS, POLISH_KEYS};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// What the editor's form shows of an announcement; empty string, empty
/// list or `None` means the key is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fields {
    pub title: String,
    /// `YYYY-MM-DD`, or "" (or the text as written when it is not a date).
    pub date: String,
    /// `HH:MM`, or "".
    pub time: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub gminy: Vec<String>,
    pub draft: bool,
    pub event: Option<EventFields>,
    pub consultation: Option<ConsultationFields>,
    pub attachments: Vec<AttachmentField>,
    pub gallery: Vec<GalleryField>,
}

/// `event:`; `start` and `end` are `YYYY-MM-DD HH:MM`, `YYYY-MM-DD` or "".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFields {
    pub start: String,
    pub end: String,
    pub place: String,
    pub address: String,
}

/// `consultation:`; `from` and `to` are `YYYY-MM-DD` (with ` HH:MM` when
/// the file gives a time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationFields {
    pub subject: String,
    pub from: String,
    pub to: String,
    pub how: String,
    pub form: String,
}

/// One entry of `attachments:`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachmentField {
    pub file: String,
    pub title: String,
}

/// One photo of `gallery:`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GalleryField {
    pub file: String,
    pub alt: String,
    pub caption: String,
}

/// Why a file cannot be shown in the form: its front matter is not closed
/// or its YAML cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file line (1-based; line 1 is the opening `---`).
    pub line: usize,
    pub message: Text,
    pub hint: Option<Text>,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "linia {}: {}", self.line, self.message.pl)
    }
}

impl std::error::Error for ReadError {}

/// What a line of the file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Place {
    /// A top-level front matter key, by its English name (`title`, `gallery`,
    /// also keys the form does not show, such as `signature`).
    Field(&'static str),
    /// A line of the body, 1-based within the body.
    Body { line: usize },
}

/// The keys the form edits, in the order a fresh file lists them (that of
/// `tablica new`'s template).
const FORM_KEYS: &[&str] = &[
    "title",
    "date",
    "summary",
    "tags",
    "categories",
    "gminy",
    "draft",
    "attachments",
    "gallery",
    "event",
    "consultation",
];

/// The keys inside `event`, `consultation` and the entries of `attachments`
/// and `gallery`: the English name, then the Polish ones front matter
/// accepts (its serde aliases), the first of them with diacritics.
const NESTED: &[&[&str]] = &[
    &["start", "początek", "poczatek"],
    &["end", "koniec"],
    &["place", "miejsce"],
    &["address", "adres"],
    &["subject", "temat"],
    &["from", "od"],
    &["to", "do"],
    &["how", "jak"],
    &["form", "formularz"],
    &["file", "plik"],
    &["title", "tytuł", "tytul"],
    &["alt", "opis"],
    &["caption", "podpis"],
];

/// The fields and the body (with `\n` line ends) of a file. A text without
/// front matter is all body; an unclosed `---` block or YAML that cannot be
/// read is an error at its line. Keys the form does not map are ignored
/// here and kept by [`write`].
pub fn read(text: &str) -> Result<(Fields, String), ReadError> {
    let parts = cut(text).map_err(|Unclosed| unclosed())?;
    if let Some(head) = &parts.head {
        check_yaml(head)?;
    }
    Ok((fields_of(&parts), parts.body.replace("\r\n", "\n")))
}

/// The file `base` with the form's `fields` and `body`. Keys whose value
/// the form did not change (compared with what [`read`] finds in `base`)
/// keep their lines as written; a changed key has its block rewritten in
/// place under its written name; a key the form emptied is removed; a key
/// newly set takes the place of its commented hint (`# summary: …` from
/// `tablica new`) or goes after the last key. A `base` whose front matter
/// is never closed is taken as all body.
pub fn write(base: &str, fields: &Fields, body: &str) -> String {
    let parts = cut(base).unwrap_or_else(|Unclosed| Parts::all_body(base));
    let old = fields_of(&parts);
    let new = normalized(fields);
    let body = body_for(&parts, body);
    let mut out = String::from(parts.bom);
    match &parts.head {
        Some(head) => {
            out.push_str(head.open);
            out.push_str(&edited(head, &old, &new, parts.newline));
            out.push_str(head.close);
            // `---` at the very end of the file: the new body needs its own line.
            if !head.close.ends_with('\n') && !body.is_empty() {
                out.push_str(parts.newline);
            }
        }
        None if old != new => out.push_str(&fresh(&new, parts.newline)),
        None => {}
    }
    out.push_str(&body);
    out
}

/// A new file: the set fields under English keys, then the body.
pub fn new_file(fields: &Fields, body: &str) -> String {
    fresh(&normalized(fields), "\n") + body
}

/// The field or body line that the 1-based file `line` belongs to: a
/// top-level key's line or one of its continuation lines gives the key's
/// English name; comments and blank lines between keys, the `---` lines and
/// keys front matter does not know give `None`.
pub fn field_at_line(text: &str, line: usize) -> Option<Place> {
    let parts = cut(text).ok()?;
    let Some(head) = &parts.head else {
        return (line > 0).then_some(Place::Body { line });
    };
    // The opening `---`, the YAML lines, the closing `---`.
    let before_body = head.lines.len() + 2;
    if line > before_body {
        return Some(Place::Body {
            line: line - before_body,
        });
    }
    let index = line.checked_sub(2)?;
    head.blocks
        .iter()
        .find(|b| (b.start..b.end).contains(&index))
        .and_then(|b| b.canonical)
        .map(Place::Field)
}

/// A file cut at its `---` lines, every part as written.
struct Parts<'a> {
    /// The byte order mark Notepad writes, or "".
    bom: &'a str,
    /// The line end of the file's first line, used for lines written anew.
    newline: &'static str,
    head: Option<Head<'a>>,
    body: &'a str,
}

/// The front matter: its `---` lines and the YAML lines between, each with
/// its line end, and the top-level key blocks found in them.
struct Head<'a> {
    open: &'a str,
    lines: Vec<&'a str>,
    close: &'a str,
    blocks: Vec<Block>,
}

/// A top-level key's lines: `lines[start..end]`, the key line and its
/// continuation lines (indented, `- ` items, comments between them).
struct Block {
    /// The key as the file spells it (`tytuł`).
    key: String,
    /// Its English name, when front matter knows the key.
    canonical: Option<&'static str>,
    start: usize,
    end: usize,
}

/// The front matter was opened with `---` and never closed.
struct Unclosed;

impl<'a> Parts<'a> {
    fn all_body(text: &'a str) -> Parts<'a> {
        let (bom, rest) = split_bom(text);
        Parts {
            bom,
            newline: newline_of(rest),
            head: None,
            body: rest,
        }
    }
}

fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => text.split_at(text.len() - rest.len()),
        None => ("", text),
    }
}

fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(end) if text[..end].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Cuts the file as `content::front_matter::split` does (the first line
/// `---`, up to the next line that is `---`), but keeps every byte.
fn cut(text: &str) -> Result<Parts<'_>, Unclosed> {
    let mut parts = Parts::all_body(text);
    let rest = parts.body;
    let open_len = if rest.starts_with("---\n") {
        4
    } else if rest.starts_with("---\r\n") {
        5
    } else {
        return Ok(parts);
    };
    let (open, after) = rest.split_at(open_len);
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == "---" {
            parts.body = &after[offset + line.len()..];
            let blocks = blocks_of(&lines);
            parts.head = Some(Head {
                open,
                lines,
                close: line,
                blocks,
            });
            return Ok(parts);
        }
        lines.push(line);
        offset += line.len();
    }
    Err(Unclosed)
}

fn unclosed() -> ReadError {
    ReadError {
        line: 1,
        message: Text::new(
            "nagłówek otwarty linią --- nie jest nigdzie zamknięty",
            "the front matter opened with --- is never closed",
        ),
        hint: Some(Text::new(
            "dodaj linię --- po ostatnim kluczu nagłówka (np. po date: …)",
            "add a --- line after the last front matter key (e.g. after date: …)",
        )),
    }
}

/// The top-level key blocks. A block ends at its last indented (or `-`)
/// line: comments and blank lines at the margin after it belong to no key,
/// so that removing or rewriting a key leaves the clerk's notes in place.
fn blocks_of(lines: &[&str]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if let Some(key) = key_of(line) {
            blocks.push(Block {
                canonical: canonical(&key),
                key,
                start: index,
                end: index + 1,
            });
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            if let Some(block) = blocks.last_mut() {
                block.end = index + 1;
            }
        }
    }
    blocks
}

/// The key of a `key: value` line at the margin (plain or quoted key).
fn key_of(line: &str) -> Option<String> {
    let line = line.trim_end_matches(['\n', '\r']);
    let first = line.chars().next()?;
    if first.is_whitespace() || "#-[]{}?&*!|>%@`,:".contains(first) {
        return None;
    }
    if first == '"' || first == '\'' {
        let (key, rest) = quoted_key(line, first)?;
        let rest = rest.trim_start().strip_prefix(':')?;
        return ends_key(rest).then_some(key);
    }
    let colon = line
        .char_indices()
        .find(|&(i, c)| c == ':' && ends_key(&line[i + 1..]))?
        .0;
    let key = line[..colon].trim_end();
    (!key.contains(" #")).then(|| key.to_string())
}

/// A `:` ends a key when a space or the end of the line follows it.
fn ends_key(after_colon: &str) -> bool {
    after_colon.chars().next().is_none_or(char::is_whitespace)
}

/// A key in quotes, unescaped, and what follows its closing quote.
fn quoted_key(line: &str, quote: char) -> Option<(String, &str)> {
    let mut key = String::new();
    let mut chars = line.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            key.extend(chars.next().map(|(_, c)| c));
        } else if c == quote {
            // '' is a quote inside a single-quoted key.
            if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                key.push('\'');
            } else {
                return Some((key, &line[i + c.len_utf8()..]));
            }
        } else {
            key.push(c);
        }
    }
    None
}

/// The English name of a top-level key written in English or Polish.
fn canonical(key: &str) -> Option<&'static str> {
    KNOWN_KEYS.iter().copied().find(|k| *k == key).or_else(|| {
        POLISH_KEYS
            .iter()
            .find(|(polish, english)| *polish == key && KNOWN_KEYS.contains(english))
            .map(|(_, english)| *english)
    })
}

impl Head<'_> {
    /// `lines[range]` as YAML with `\n` line ends.
    fn yaml(&self, range: Range<usize>) -> String {
        self.lines[range]
            .iter()
            .map(|line| format!("{}\n", line.trim_end_matches(['\n', '\r'])))
            .collect()
    }

    fn in_block(&self, index: usize) -> bool {
        self.blocks
            .iter()
            .any(|b| (b.start..b.end).contains(&index))
    }
}

/// The whole YAML must parse, as the build needs it to, and be keys.
fn check_yaml(head: &Head) -> Result<(), ReadError> {
    let yaml = head.yaml(0..head.lines.len());
    let value: serde_yaml::Value = match serde_yaml::from_str(&yaml) {
        Ok(value) => value,
        Err(error) => {
            let source = YamlSource {
                path: Path::new(""),
                text: &yaml,
                // The YAML starts on line 2, after the first `---`.
                line_offset: 1,
                known: KNOWN_KEYS,
            };
            let diagnostic = yaml_error(&source, &error);
            return Err(ReadError {
                line: diagnostic.location.line.unwrap_or(1),
                message: diagnostic.message,
                hint: diagnostic.hint,
            });
        }
    };
    match value {
        serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null => Ok(()),
        _ => Err(ReadError {
            line: 2,
            message: Text::new(
                "nagłówek musi składać się z linii klucz: wartość",
                "the front matter must be lines of key: value",
            ),
            hint: Some(Text::new(
                "napisz np. title: \"Tytuł ogłoszenia\" i date: 20.01.2021, każde w swojej linii",
                "write e.g. title: \"Title\" and date: 2021-01-20, each on its own line",
            )),
        }),
    }
}

// Each block is read alone, with the types front matter uses for strings
// (serde_yaml gives any scalar as its text, so `title: 2024` is "2024").

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawEvent {
    #[serde(alias = "początek", alias = "poczatek")]
    start: Option<String>,
    #[serde(alias = "koniec")]
    end: Option<String>,
    #[serde(alias = "miejsce")]
    place: Option<String>,
    #[serde(alias = "adres")]
    address: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawConsultation {
    #[serde(alias = "temat")]
    subject: Option<String>,
    #[serde(alias = "od")]
    from: Option<String>,
    #[serde(alias = "do")]
    to: Option<String>,
    #[serde(alias = "jak")]
    how: Option<String>,
    #[serde(alias = "formularz")]
    form: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawAttachment {
    #[serde(alias = "plik")]
    file: Option<String>,
    #[serde(alias = "tytuł", alias = "tytul")]
    title: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawPhoto {
    #[serde(alias = "plik")]
    file: Option<String>,
    #[serde(alias = "opis")]
    alt: Option<String>,
    #[serde(alias = "podpis")]
    caption: Option<String>,
}

/// The value of the one key in `yaml`; `None` when it is empty or not of
/// the type (the field then reads empty, and the key is kept unless the
/// clerk fills the field).
fn value<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let map: BTreeMap<String, Option<T>> = serde_yaml::from_str(yaml).ok()?;
    map.into_values().next().flatten()
}

fn text(value: Option<String>) -> String {
    value.map(|v| v.trim().to_string()).unwrap_or_default()
}

/// A date as the form shows it: `YYYY-MM-DD` and `HH:MM` (or ""); the text
/// as written when it is not a date, so the clerk sees what to correct.
fn date_and_time(value: &str) -> (String, String) {
    match PageDate::parse(value) {
        Ok(date) => {
            let time = date.time.map(|(h, m, _)| format!("{h:02}:{m:02}"));
            (date.iso_date(), time.unwrap_or_default())
        }
        Err(_) => (value.trim().to_string(), String::new()),
    }
}

/// A date with its time in one string, `YYYY-MM-DD HH:MM`.
fn date_text(value: Option<String>) -> String {
    let (date, time) = date_and_time(&value.unwrap_or_default());
    if time.is_empty() {
        date
    } else {
        format!("{date} {time}")
    }
}

/// The fields of the file's keys; the first block of a key counts (a
/// repeated key is an error the build reports).
fn fields_of(parts: &Parts) -> Fields {
    let mut fields = Fields::default();
    let Some(head) = &parts.head else {
        return fields;
    };
    let mut seen = Vec::new();
    for block in &head.blocks {
        let Some(key) = block.canonical.filter(|k| !seen.contains(k)) else {
            continue;
        };
        seen.push(key);
        read_key(&mut fields, key, &head.yaml(block.start..block.end));
    }
    normalized(&fields)
}

fn read_key(fields: &mut Fields, key: &str, yaml: &str) {
    match key {
        "title" => fields.title = text(value(yaml)),
        "date" => (fields.date, fields.time) = date_and_time(&text(value(yaml))),
        "summary" => fields.summary = text(value(yaml)),
        "tags" => fields.tags = value(yaml).unwrap_or_default(),
        "categories" => fields.categories = value(yaml).unwrap_or_default(),
        "gminy" => fields.gminy = value(yaml).unwrap_or_default(),
        // `true`, or the words `tak`/`yes`/`prawda`, as front matter takes them.
        "draft" => {
            let word = text(value(yaml)).to_lowercase();
            fields.draft = matches!(word.as_str(), "true" | "tak" | "yes" | "prawda");
        }
        "event" => {
            fields.event = value::<RawEvent>(yaml).map(|e| EventFields {
                start: date_text(e.start),
                end: date_text(e.end),
                place: text(e.place),
                address: text(e.address),
            });
        }
        "consultation" => {
            fields.consultation = value::<RawConsultation>(yaml).map(|c| ConsultationFields {
                subject: text(c.subject),
                from: date_text(c.from),
                to: date_text(c.to),
                how: text(c.how),
                form: text(c.form),
            });
        }
        "attachments" => read_attachments(fields, yaml),
        "gallery" => read_gallery(fields, yaml),
        _ => {}
    }
}

fn read_attachments(fields: &mut Fields, yaml: &str) {
    let raw: Vec<RawAttachment> = value(yaml).unwrap_or_default();
    fields.attachments = raw
        .into_iter()
        .map(|a| AttachmentField {
            file: text(a.file),
            title: text(a.title),
        })
        .collect();
}

fn read_gallery(fields: &mut Fields, yaml: &str) {
    let raw: Vec<RawPhoto> = value(yaml).unwrap_or_default();
    fields.gallery = raw
        .into_iter()
        .map(|p| GalleryField {
            file: text(p.file),
            alt: text(p.alt),
            caption: text(p.caption),
        })
        .collect();
}

/// The fields with what counts as absent made absent (trimmed texts, no
/// empty list items, an event of empty fields is no event), so that the
/// form's `""`, `[]` and `null` compare equal to a missing key.
fn normalized(fields: &Fields) -> Fields {
    let t = |s: &String| s.trim().to_string();
    let list = |items: &[String]| -> Vec<String> {
        items.iter().map(t).filter(|s| !s.is_empty()).collect()
    };
    let date = t(&fields.date);
    Fields {
        title: t(&fields.title),
        time: if date.is_empty() {
            String::new()
        } else {
            t(&fields.time)
        },
        date,
        summary: t(&fields.summary),
        tags: list(&fields.tags),
        categories: list(&fields.categories),
        gminy: list(&fields.gminy),
        draft: fields.draft,
        event: fields.event.as_ref().map(|e| EventFields {
            start: t(&e.start),
            end: t(&e.end),
            place: t(&e.place),
            address: t(&e.address),
        }),
        consultation: fields.consultation.as_ref().map(|c| ConsultationFields {
            subject: t(&c.subject),
            from: t(&c.from),
            to: t(&c.to),
            how: t(&c.how),
            form: t(&c.form),
        }),
        attachments: fields
            .attachments
            .iter()
            .map(|a| AttachmentField {
                file: t(&a.file),
                title: t(&a.title),
            })
            .filter(|a| *a != AttachmentField::default())
            .collect(),
        gallery: fields
            .gallery
            .iter()
            .map(|p| GalleryField {
                file: t(&p.file),
                alt: t(&p.alt),
                caption: t(&p.caption),
            })
            .filter(|p| *p != GalleryField::default())
            .collect(),
    }
    .without_empty_blocks()
}

impl Fields {
    fn without_empty_blocks(mut self) -> Fields {
        self.event = self.event.filter(|e| *e != EventFields::default());
        self.consultation = self
            .consultation
            .filter(|c| *c != ConsultationFields::default());
        self
    }
}

/// What one key holds of the fields, to tell whether the form changed it.
#[derive(PartialEq)]
enum Part<'a> {
    Text(&'a str),
    Date(&'a str, &'a str),
    List(&'a [String]),
    Flag(bool),
    Event(Option<&'a EventFields>),
    Consultation(Option<&'a ConsultationFields>),
    Attachments(&'a [AttachmentField]),
    Gallery(&'a [GalleryField]),
    Other,
}

fn part<'a>(fields: &'a Fields, key: &str) -> Part<'a> {
    match key {
        "title" => Part::Text(&fields.title),
        "date" => Part::Date(&fields.date, &fields.time),
        "summary" => Part::Text(&fields.summary),
        "tags" => Part::List(&fields.tags),
        "categories" => Part::List(&fields.categories),
        "gminy" => Part::List(&fields.gminy),
        "draft" => Part::Flag(fields.draft),
        "event" => Part::Event(fields.event.as_ref()),
        "consultation" => Part::Consultation(fields.consultation.as_ref()),
        "attachments" => Part::Attachments(&fields.attachments),
        "gallery" => Part::Gallery(&fields.gallery),
        _ => Part::Other,
    }
}

/// Lines to drop and lines to put before each line of the front matter.
struct Edits {
    drop: Vec<bool>,
    before: Vec<Vec<String>>,
}

impl Edits {
    fn new(lines: usize) -> Edits {
        Edits {
            drop: vec![false; lines],
            before: vec![Vec::new(); lines + 1],
        }
    }

    fn replace(&mut self, range: Range<usize>, lines: Vec<String>) {
        self.before[range.start].extend(lines);
        for index in range {
            self.drop[index] = true;
        }
    }

    fn apply(&self, lines: &[&str], newline: &str) -> String {
        let mut out = String::new();
        for (index, new) in self.before.iter().enumerate() {
            for line in new {
                out.push_str(line);
                out.push_str(newline);
            }
            if let Some(line) = lines.get(index).filter(|_| !self.drop[index]) {
                out.push_str(line);
            }
        }
        out
    }
}

/// The YAML lines of `head` with the keys the form changed rewritten.
fn edited(head: &Head, old: &Fields, new: &Fields, newline: &str) -> String {
    let mut edits = Edits::new(head.lines.len());
    let after_last_key = head.blocks.last().map_or(head.lines.len(), |b| b.end);
    for &key in FORM_KEYS {
        if part(old, key) == part(new, key) {
            continue;
        }
        let mut blocks = head.blocks.iter().filter(|b| b.canonical == Some(key));
        match blocks.next() {
            Some(first) => {
                let mut lines = render(key, new, &Names::of(head, first));
                if let (Some(line), Some((column, comment))) =
                    (lines.first_mut(), inline_comment(head.lines[first.start]))
                {
                    // In the comment's old column when the value leaves room.
                    let width = line.chars().count();
                    line.push_str(&" ".repeat(column.saturating_sub(width).max(1)));
                    line.push_str(comment);
                }
                if lines.is_empty() {
                    // An emptied field: no key at all, not `key: ""`.
                    for block in blocks {
                        edits.replace(block.start..block.end, Vec::new());
                    }
                }
                edits.replace(first.start..first.end, lines);
            }
            None => {
                let lines = render(key, new, &Names::english());
                let at = hint(head, key).unwrap_or(after_last_key..after_last_key);
                edits.replace(at, lines);
            }
        }
    }
    edits.apply(&head.lines, newline)
}

/// The commented hint `tablica new` writes for `key` (`# summary: "…"`,
/// with its `#   ` lines), which a newly set key replaces: the key lands
/// where the clerk was told it goes, and the hint is not left to repeat it.
fn hint(head: &Head, key: &str) -> Option<Range<usize>> {
    let prefix = format!("# {key}:");
    let start =
        (0..head.lines.len()).find(|&i| !head.in_block(i) && head.lines[i].starts_with(&prefix))?;
    let mut end = start + 1;
    while end < head.lines.len() && !head.in_block(end) && head.lines[end].starts_with("#   ") {
        end += 1;
    }
    Some(start..end)
}

/// The `# …` comment after a key's value and the column (in characters)
/// it starts at, so a rewritten value keeps the clerk's (or the template's)
/// note, lined up as it was.
fn inline_comment(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            // A quote opens a quoted value only where a value starts;
            // inside a plain value (`Rock'n'roll`) it is a letter.
            None if (c == '"' || c == '\'') && " [,{".contains(previous) => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => {
                return Some((line[..i].chars().count(), &line[i..]));
            }
            None => {}
        }
        previous = c;
    }
    None
}

/// The names a rewritten key is written with: the key's own spelling, and
/// the nested keys as its old lines spelled them (Polish ones under a
/// Polish key when the old lines did not have them).
struct Names {
    top: String,
    polish: bool,
    nested: Vec<(&'static str, String)>,
}

impl Names {
    fn english() -> Names {
        Names {
            top: String::new(),
            polish: false,
            nested: Vec::new(),
        }
    }

    fn of(head: &Head, block: &Block) -> Names {
        let mut nested: Vec<(&'static str, String)> = Vec::new();
        for line in &head.lines[block.start + 1..block.end] {
            let inner = line.trim_start().trim_start_matches("- ").trim_start();
            let Some(written) = key_of(inner) else {
                continue;
            };
            let english = NESTED
                .iter()
                .find(|names| names.contains(&written.as_str()));
            if let Some(english) = english.map(|names| names[0]) {
                if !nested.iter().any(|(e, _)| *e == english) {
                    nested.push((english, written));
                }
            }
        }
        Names {
            top: block.key.clone(),
            polish: block.canonical != Some(block.key.as_str()),
            nested,
        }
    }

    fn top<'a>(&'a self, english: &'a str) -> &'a str {
        if self.top.is_empty() {
            english
        } else {
            &self.top
        }
    }

    fn nested<'a>(&'a self, english: &'a str) -> &'a str {
        if let Some((_, written)) = self.nested.iter().find(|(e, _)| *e == english) {
            return written;
        }
        let polish = NESTED.iter().find(|names| names[0] == english);
        match polish.and_then(|names| names.get(1)).copied() {
            Some(polish) if self.polish => polish,
            _ => english,
        }
    }
}

/// A front matter block of the set fields, for a file that has none.
fn fresh(fields: &Fields, newline: &str) -> String {
    let mut out = format!("---{newline}");
    for key in FORM_KEYS {
        for line in render(key, fields, &Names::english()) {
            out.push_str(&line);
            out.push_str(newline);
        }
    }
    out.push_str("---");
    out.push_str(newline);
    out
}

/// The lines of `key` for the fields (no line ends); none when it is empty.
fn render(key: &str, fields: &Fields, names: &Names) -> Vec<String> {
    let name = names.top(key);
    let line = |value: String| vec![format!("{name}: {value}")];
    match key {
        "title" | "summary" => {
            let value = if key == "title" {
                &fields.title
            } else {
                &fields.summary
            };
            if value.is_empty() {
                return Vec::new();
            }
            line(quoted(value))
        }
        "date" if fields.date.is_empty() => Vec::new(),
        "date" if fields.time.is_empty() => line(date_value(&fields.date)),
        "date" => line(date_value(&format!("{} {}", fields.date, fields.time))),
        "tags" | "categories" | "gminy" => {
            let items = match key {
                "tags" => &fields.tags,
                "categories" => &fields.categories,
                _ => &fields.gminy,
            };
            if items.is_empty() {
                return Vec::new();
            }
            let items: Vec<String> = items.iter().map(|i| plain_or_quoted(i)).collect();
            line(format!("[{}]", items.join(", ")))
        }
        // `szkic: tak` stays in Polish words.
        "draft" if fields.draft && names.polish => line("tak".to_string()),
        "draft" if fields.draft => line("true".to_string()),
        "event" => fields.event.as_ref().map_or(Vec::new(), |e| {
            let pairs = [
                ("start", date_value(&e.start)),
                ("end", date_value(&e.end)),
                ("place", quoted(&e.place)),
                ("address", quoted(&e.address)),
            ];
            nested_block(
                name,
                names,
                &pairs,
                [&e.start, &e.end, &e.place, &e.address],
            )
        }),
        "consultation" => fields.consultation.as_ref().map_or(Vec::new(), |c| {
            let pairs = [
                ("subject", quoted(&c.subject)),
                ("from", date_value(&c.from)),
                ("to", date_value(&c.to)),
                ("how", quoted(&c.how)),
                ("form", quoted(&c.form)),
            ];
            let set = [&c.subject, &c.from, &c.to, &c.how, &c.form];
            nested_block(name, names, &pairs, set)
        }),
        "attachments" => render_items(name, names, attachment_items(&fields.attachments)),
        "gallery" => render_items(name, names, gallery_items(&fields.gallery)),
        _ => Vec::new(),
    }
}

/// `key:` and its nested `  name: value` lines, the empty ones left out.
fn nested_block<const N: usize>(
    name: &str,
    names: &Names,
    pairs: &[(&str, String); N],
    values: [&String; N],
) -> Vec<String> {
    let mut lines = vec![format!("{name}:")];
    for ((key, written), value) in pairs.iter().zip(values) {
        if !value.is_empty() {
            lines.push(format!("  {}: {written}", names.nested(key)));
        }
    }
    lines
}

type Item = Vec<(&'static str, String)>;

fn attachment_items(attachments: &[AttachmentField]) -> Vec<Item> {
    attachments
        .iter()
        .map(|a| {
            let mut item = Vec::new();
            push_set(&mut item, "file", &a.file, plain_or_quoted);
            push_set(&mut item, "title", &a.title, quoted);
            item
        })
        .collect()
}

fn gallery_items(gallery: &[GalleryField]) -> Vec<Item> {
    gallery
        .iter()
        .map(|p| {
            let mut item = Vec::new();
            push_set(&mut item, "file", &p.file, plain_or_quoted);
            push_set(&mut item, "alt", &p.alt, quoted);
            push_set(&mut item, "caption", &p.caption, quoted);
            item
        })
        .collect()
}

fn push_set(item: &mut Item, key: &'static str, value: &str, write: fn(&str) -> String) {
    if !value.is_empty() {
        item.push((key, write(value)));
    }
}

/// `key:` and its `  - name: value` entries.
fn render_items(name: &str, names: &Names, items: Vec<Item>) -> Vec<String> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!("{name}:")];
    for item in items {
        for (index, (key, value)) in item.iter().enumerate() {
            let lead = if index == 0 { "  - " } else { "    " };
            lines.push(format!("{lead}{}: {value}", names.nested(key)));
        }
    }
    lines
}

/// A date as the template writes it (`2021-01-20 10:00`, no quotes); what
/// is not a date goes in quotes, so the YAML stays whole and the build
/// names the wrong date.
fn date_value(value: &str) -> String {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_digit() || "-.: T".contains(c));
    if plain && PageDate::parse(value).is_ok() {
        value.to_string()
    } else {
        quoted(value)
    }
}

/// A list item or file name without quotes when YAML reads it as the same
/// text (`Gmina Klukowo`, `uchwala.pdf`), in quotes otherwise.
fn plain_or_quoted(value: &str) -> String {
    let mut chars = value.chars();
    let starts_well = chars.next().is_some_and(char::is_alphanumeric);
    let safe = chars.all(|c| c.is_alphanumeric() || " -_./()„”–".contains(c));
    if starts_well && safe && !value.ends_with(' ') {
        value.to_string()
    } else {
        quoted(value)
    }
}

/// The body as the file will hold it: the old bytes when the form did not
/// change it, else with the file's line ends.
fn body_for(parts: &Parts, body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    if body == parts.body.replace("\r\n", "\n") {
        return parts.body.to_string();
    }
    if parts.newline == "\r\n" {
        body.replace('\n', "\r\n")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split, Requirement};
    use std::path::PathBuf;

    /// Every Markdown file of the sample content, with its text.
    fn content_files() -> Vec<(PathBuf, String)> {
        let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("content")];
        let mut files = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((path, text));
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "content/ has too few files");
        files
    }

    fn round_trip(text: &str) -> String {
        let (fields, body) = read(text).unwrap();
        write(text, &fields, &body)
    }

    /// The lines of `after` that differ from those of `before` (same count).
    fn changed_lines<'a>(before: &str, after: &'a str) -> Vec<&'a str> {
        assert_eq!(before.lines().count(), after.lines().count(), "{after}");
        before
            .lines()
            .zip(after.lines())
            .filter(|(b, a)| b != a)
            .map(|(_, a)| a)
            .collect()
    }

    #[test]
    fn every_content_file_is_written_back_unchanged() {
        for (path, text) in content_files() {
            assert_eq!(round_trip(&text), text, "{}", path.display());
            let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            assert_eq!(round_trip(&windows), windows, "{} (CRLF)", path.display());
        }
    }

    #[test]
    fn content_files_read_as_the_build_reads_them() {
        for (path, text) in content_files() {
            let (fields, body) = read(&text).unwrap();
            let parts = split(&path, &text).unwrap();
            assert_eq!(body, parts.body, "{}", path.display());
            let front = parse(&path, parts.yaml, Requirement::TitleOnly).unwrap();
            let date = front.date.map(|d| d.iso_date()).unwrap_or_default();
            assert_eq!(fields.title, front.title, "{}", path.display());
            assert_eq!(fields.date, date, "{}", path.display());
            assert_eq!(fields.summary, front.summary.unwrap_or_default());
            assert_eq!(fields.tags, front.tags, "{}", path.display());
            assert_eq!(fields.categories, front.categories);
            assert_eq!(fields.gminy, front.gminy, "{}", path.display());
            assert_eq!(fields.draft, front.draft, "{}", path.display());
            assert_eq!(fields.event.is_some(), front.event.is_some());
            assert_eq!(fields.consultation.is_some(), front.consultation.is_some());
            assert_eq!(fields.attachments.len(), front.attachments.len());
            assert_eq!(fields.gallery.len(), front.gallery.len());
        }
    }

    fn every_field() -> Fields {
        Fields {
            title: "Nowy tytuł: \"Forum\" 2027".into(),
            date: "2027-01-21".into(),
            time: "10:00".into(),
            summary: "Krótko, o #forum".into(),
            tags: vec!["forum".into(), "a, b".into(), "2027".into()],
            categories: vec!["Wydarzenia".into()],
            gminy: vec!["Gmina Klukowo".into()],
            draft: true,
            event: Some(EventFields {
                start: "2027-01-21 10:00".into(),
                end: "2027-01-21 14:00".into(),
                place: "Sala: duża".into(),
                address: String::new(),
            }),
            consultation: Some(ConsultationFields {
                subject: "Strategia".into(),
                from: "2027-01-01".into(),
                to: "2027-01-15".into(),
                how: "E-mailem".into(),
                form: "https://example.pl/formularz".into(),
            }),
            attachments: vec![AttachmentField {
                file: "uchwała nr 1.pdf".into(),
                title: "Uchwała".into(),
            }],
            gallery: vec![GalleryField {
                file: "foto.jpg".into(),
                alt: "Sala pełna ludzi".into(),
                caption: String::new(),
            }],
        }
    }

    #[test]
    fn every_field_written_reads_back_and_builds_on_every_content_file() {
        let wanted = every_field();
        for (path, text) in content_files() {
            let written = write(&text, &wanted, "Treść\n");
            let (fields, body) = read(&written).unwrap();
            assert_eq!(fields, wanted, "{}:\n{written}", path.display());
            assert_eq!(body, "Treść\n");
            let parts = split(&path, &written).unwrap();
            let parsed = parse(&path, parts.yaml, Requirement::TitleAndDate);
            assert!(parsed.is_ok(), "{}:\n{written}\n{parsed:?}", path.display());
            // And back to nothing: only the keys the form does not show stay.
            let emptied = write(&written, &Fields::default(), "");
            assert_eq!(read(&emptied).unwrap(), (Fields::default(), String::new()));
        }
    }

    /// A clerk's file: Polish keys, comments, a key the form does not show.
    const POLISH: &str = concat!(
        "---\n",
        "# Ogłoszenie o warsztatach\n",
        "tytuł: 'Warsztaty'   # roboczy\n",
        "data: 20.01.2021\n",
        "opis: \"Krótko\"\n",
        "tagi: [warsztaty]\n",
        "\n",
        "podpis: \"Wójt Gminy Klukowo\"\n",
        "szkic: tak\n",
        "galeria:\n",
        "  - plik: a.jpg\n",
        "    opis: \"Sala\"\n",
        "  # - plik: b.jpg\n",
        "  - plik: c.jpg\n",
        "    opis: \"Ludzie\"\n",
        "    podpis: \"Podpis\"\n",
        "wydarzenie:\n",
        "  początek: 21.01.2021 10:00\n",
        "  miejsce: Świetlica\n",
        "---\n",
        "\n",
        "Treść ogłoszenia.\n",
    );

    #[test]
    fn polish_keys_are_read() {
        let (fields, body) = read(POLISH).unwrap();
        assert_eq!(fields.title, "Warsztaty");
        assert_eq!(
            (fields.date.as_str(), fields.time.as_str()),
            ("2021-01-20", "")
        );
        assert_eq!(fields.summary, "Krótko");
        assert_eq!(fields.tags, ["warsztaty"]);
        assert!(fields.draft);
        assert_eq!(fields.gallery.len(), 2);
        assert_eq!(fields.gallery[1].caption, "Podpis");
        let event = fields.event.unwrap();
        assert_eq!(event.start, "2021-01-21 10:00");
        assert_eq!(event.place, "Świetlica");
        assert_eq!(body, "\nTreść ogłoszenia.\n");
        // The build takes the file too, so it is one a clerk could write.
        let path = Path::new("x.md");
        let yaml = split(path, POLISH).unwrap().yaml;
        assert!(parse(path, yaml, Requirement::TitleAndDate).is_ok());
    }

    #[test]
    fn title_edit_in_a_polish_file_changes_only_the_title_line() {
        let (mut fields, body) = read(POLISH).unwrap();
        fields.title = "Warsztaty strategiczne".into();
        let written = write(POLISH, &fields, &body);
        assert_eq!(
            changed_lines(POLISH, &written),
            ["tytuł: \"Warsztaty strategiczne\" # roboczy"]
        );
    }

    #[test]
    fn body_edit_keeps_the_front_matter() {
        let (fields, _) = read(POLISH).unwrap();
        let written = write(POLISH, &fields, "Nowa treść.\n");
        let head_end = POLISH.find("---\n\nTreść").unwrap() + 4;
        assert_eq!(written, format!("{}Nowa treść.\n", &POLISH[..head_end]));
    }

    #[test]
    fn crlf_file_with_a_bom_keeps_its_line_ends() {
        let text = "\u{feff}---\r\ntitle: \"A\"\r\ndate: 2021-01-20\r\n---\r\nJeden\r\nDwa\r\n";
        let (mut fields, body) = read(text).unwrap();
        assert_eq!(body, "Jeden\nDwa\n");
        assert_eq!(round_trip(text), text);
        fields.title = "B".into();
        fields.tags = vec!["drogi".into()];
        let written = write(text, &fields, "Trzy\n");
        assert_eq!(
            written,
            "\u{feff}---\r\ntitle: \"B\"\r\ndate: 2021-01-20\r\ntags: [drogi]\r\n---\r\nTrzy\r\n"
        );
    }

    #[test]
    fn gallery_entry_with_alt_is_added_after_the_last_key() {
        let text =
            "---\ntitle: \"A\"\ndate: 2021-01-20\nsignature: \"Wójt\"\n# notatka\n---\nTreść\n";
        let (mut fields, body) = read(text).unwrap();
        fields.gallery.push(GalleryField {
            file: "zdjecie-1.jpg".into(),
            alt: "Uczestnicy warsztatów".into(),
            caption: String::new(),
        });
        let written = write(text, &fields, &body);
        assert_eq!(
            written,
            "---\ntitle: \"A\"\ndate: 2021-01-20\nsignature: \"Wójt\"\ngallery:\n  - file: zdjecie-1.jpg\n    alt: \"Uczestnicy warsztatów\"\n# notatka\n---\nTreść\n"
        );
        assert_eq!(read(&written).unwrap().0, fields);
    }

    #[test]
    fn emptied_summary_removes_its_key() {
        let (mut fields, body) = read(POLISH).unwrap();
        fields.summary = "  ".into();
        let written = write(POLISH, &fields, &body);
        assert_eq!(written, POLISH.replace("opis: \"Krótko\"\n", ""));
    }

    #[test]
    fn event_is_set_then_cleared() {
        let text = "---\ntitle: A\ndate: 2021-01-20\n---\n";
        let (mut fields, body) = read(text).unwrap();
        fields.event = Some(EventFields {
            start: "2021-02-01 17:00".into(),
            place: "Świetlica wiejska".into(),
            ..EventFields::default()
        });
        let written = write(text, &fields, &body);
        assert_eq!(
            written,
            "---\ntitle: A\ndate: 2021-01-20\nevent:\n  start: 2021-02-01 17:00\n  place: \"Świetlica wiejska\"\n---\n"
        );
        fields.event = Some(EventFields::default());
        assert_eq!(write(&written, &fields, &body), text);
    }

    #[test]
    fn a_rewritten_polish_block_keeps_polish_names() {
        let (mut fields, body) = read(POLISH).unwrap();
        if let Some(event) = fields.event.as_mut() {
            event.address = "Lipno 5".into();
        }
        fields.draft = false;
        let written = write(POLISH, &fields, &body);
        assert!(written.contains(
            "wydarzenie:\n  początek: 2021-01-21 10:00\n  miejsce: \"Świetlica\"\n  adres: \"Lipno 5\"\n---"
        ));
        assert!(!written.contains("szkic"));
        assert!(written.contains("data: 20.01.2021\n"), "{written}");
    }

    #[test]
    fn a_date_written_with_dots_stays_until_the_date_changes() {
        let text = "---\ntitle: A\ndate: 20.01.2021           # data publikacji\n---\n";
        let (mut fields, body) = read(text).unwrap();
        assert_eq!(fields.date, "2021-01-20");
        assert_eq!(write(text, &fields, &body), text);
        fields.time = "09:30".into();
        assert_eq!(
            write(text, &fields, &body),
            "---\ntitle: A\ndate: 2021-01-20 09:30     # data publikacji\n---\n"
        );
    }

    #[test]
    fn a_newly_set_key_takes_the_place_of_its_template_hint() {
        let text = "---\n\
# Linie zaczynające się od # to podpowiedzi\n\
title: \"A\"\n\
date: 20.01.2021\n\
# summary: \"Jedno zdanie\"\n\
# gminy: [Gmina Klukowo]             # samorządy, których dotyczy; do wyboru:\n\
#   Gmina Klukowo, Gmina Ciechanowiec\n\
draft: true                          # szkic\n\
# gallery:                           # zdjęcia\n\
#   - file: zdjecie-1.jpg\n\
#     alt: \"Co widać\"\n\
---\n";
        let (mut fields, body) = read(text).unwrap();
        fields.summary = "Zdanie".into();
        fields.gminy = vec!["Gmina Ciechanowiec".into()];
        fields.gallery = vec![GalleryField {
            file: "a.jpg".into(),
            alt: "Sala".into(),
            caption: String::new(),
        }];
        let written = write(text, &fields, &body);
        assert_eq!(
            written,
            "---\n\
# Linie zaczynające się od # to podpowiedzi\n\
title: \"A\"\n\
date: 20.01.2021\n\
summary: \"Zdanie\"\n\
gminy: [Gmina Ciechanowiec]\n\
draft: true                          # szkic\n\
gallery:\n  - file: a.jpg\n    alt: \"Sala\"\n\
---\n"
        );
    }

    /// The file `tablica new` starts, for a site of the sample workspace.
    fn new_page_template() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let workspace = crate::config::load(root, &Default::default()).unwrap();
        let draft = super::super::template::Draft {
            title: "Zaproszenie".into(),
            date: PageDate::parse("04.12.2026").unwrap(),
            signature: None,
            source: None,
            draft: true,
            kind: Default::default(),
        };
        let head = super::super::template::front_matter(&draft, &workspace.sites[0]);
        format!("{head}\nTreść\n")
    }

    #[test]
    fn the_template_of_tablica_new_takes_every_field_at_its_hints() {
        let text = new_page_template();
        assert_eq!(round_trip(&text), text);
        let (mut fields, body) = read(&text).unwrap();
        assert!(fields.draft);
        let draft = every_field();
        fields = Fields {
            draft: false,
            ..draft
        };
        let written = write(&text, &fields, &body);
        assert_eq!(read(&written).unwrap(), (fields, body));
        for hint in [
            "# summary:",
            "# tags:",
            "# gminy:",
            "# gallery:",
            "# event:",
        ] {
            assert!(!written.contains(hint), "{hint} is left:\n{written}");
        }
        // The keys are where the hints were: summary after `# updated:`.
        assert!(written.contains("# updated: 04.12.2026"), "{written}");
        let after_updated = written.split("# updated:").nth(1).unwrap_or("");
        let next_line = after_updated.lines().nth(1).unwrap_or("");
        assert!(next_line.starts_with("summary: "), "{written}");
        assert!(!written.contains("\ndraft:"));
        assert!(
            written.contains("\n# changes:"),
            "other hints stay:\n{written}"
        );
        let path = Path::new("x.md");
        let yaml = split(path, &written).unwrap().yaml;
        assert!(parse(path, yaml, Requirement::TitleAndDate).is_ok());
    }

    #[test]
    fn keys_the_form_does_not_map_are_kept() {
        let text = "---\ntitle: [niezwykły, tytuł]\nkind: etr\nfilm: nagranie.mp4\nzmiany:\n  - data: 20.01.2021\n    opis: \"Poprawka\"\nwłasny: x\n---\nB\n";
        let (mut fields, body) = read(text).unwrap();
        assert_eq!(fields.title, "");
        assert_eq!(round_trip(text), text);
        fields.summary = "S".into();
        let written = write(text, &fields, &body);
        assert_eq!(
            written,
            text.replace("własny: x\n", "własny: x\nsummary: \"S\"\n")
        );
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let text = "Tylko treść\n";
        assert_eq!(read(text).unwrap(), (Fields::default(), text.to_string()));
        assert_eq!(round_trip(text), text);
        let fields = Fields {
            title: "A".into(),
            ..Fields::default()
        };
        assert_eq!(
            write(text, &fields, text),
            "---\ntitle: \"A\"\n---\nTylko treść\n"
        );
        assert_eq!(field_at_line(text, 1), Some(Place::Body { line: 1 }));
    }

    #[test]
    fn broken_yaml_and_an_unclosed_block_are_errors_at_their_line() {
        let error = read("---\ntitle: A\ntags: [a, b\ndate: 2021-01-20\n---\n").unwrap_err();
        assert!(error.line >= 3, "{error:?}");
        let error = read("---\ntitle: \"A\n---\n").unwrap_err();
        assert!(error.line >= 2, "{error:?}");
        let error = read("---\ntitle: A\n").unwrap_err();
        assert_eq!(error.line, 1);
        assert!(error.message.pl.contains("nie jest nigdzie zamknięty"));
        assert!(read("---\n# same komentarze\n---\nB").is_ok());
    }

    #[test]
    fn field_at_line_names_keys_continuations_and_body_lines() {
        assert_eq!(field_at_line(POLISH, 1), None);
        assert_eq!(field_at_line(POLISH, 2), None);
        assert_eq!(field_at_line(POLISH, 3), Some(Place::Field("title")));
        assert_eq!(field_at_line(POLISH, 7), None);
        assert_eq!(field_at_line(POLISH, 8), Some(Place::Field("signature")));
        assert_eq!(field_at_line(POLISH, 10), Some(Place::Field("gallery")));
        assert_eq!(field_at_line(POLISH, 12), Some(Place::Field("gallery")));
        assert_eq!(field_at_line(POLISH, 13), Some(Place::Field("gallery")));
        assert_eq!(field_at_line(POLISH, 18), Some(Place::Field("event")));
        assert_eq!(field_at_line(POLISH, 20), None);
        assert_eq!(field_at_line(POLISH, 21), Some(Place::Body { line: 1 }));
        assert_eq!(field_at_line(POLISH, 22), Some(Place::Body { line: 2 }));
    }

    #[test]
    fn new_file_lists_the_set_fields_in_english() {
        let fields = Fields {
            title: "Zaproszenie".into(),
            date: "2026-12-04".into(),
            draft: true,
            tags: vec!["drogi".into(), "Plan \"B\"".into()],
            ..Fields::default()
        };
        let text = new_file(&fields, "Treść\n");
        assert_eq!(
            text,
            "---\ntitle: \"Zaproszenie\"\ndate: 2026-12-04\ntags: [drogi, \"Plan \\\"B\\\"\"]\ndraft: true\n---\nTreść\n"
        );
        assert_eq!(read(&text).unwrap(), (fields, "Treść\n".to_string()));
    }
}
