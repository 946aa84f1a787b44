//! Facts about a page's body that `tablica check` judges later: links,
//! images, headings, tables, embeds and the few paragraphs whose wording
//! is suspicious. They are collected during the one Markdown pass, so the
//! check never re-reads a file or keeps its text; a fact is a few words and
//! a position, and most paragraphs leave none.

/// A 1-based line and column in the Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Default for Pos {
    /// The start of the file.
    fn default() -> Self {
        Pos { line: 1, column: 1 }
    }
}

/// A link as written: its address before any rewriting, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFact {
    pub href: String,
    /// The visible text, with the alt text of an image inside the link.
    pub text: String,
    pub pos: Pos,
    /// `<https://…>` written bare in the text.
    pub autolink: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFact {
    pub src: String,
    pub alt: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingFact {
    /// 1 to 6.
    pub level: u8,
    pub text: String,
    /// The id a link's `#anchor` names.
    pub id: String,
    pub pos: Pos,
}

/// Where a paragraph's wording was found wanting, and the words in question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseFact {
    pub text: String,
    pub pos: Pos,
}

/// An attachment of the front matter: its title and file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFact {
    pub title: String,
    pub file: String,
    pub pos: Pos,
}

/// An embedded player (`<iframe>`, `<video>`, `<audio>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedFact {
    pub pos: Pos,
    /// The page mentions captions or a transcript, or the player has a `<track>`.
    pub has_text_alternative: bool,
}

/// Everything the check needs to know about a page's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub links: Vec<LinkFact>,
    pub images: Vec<ImageFact>,
    pub headings: Vec<HeadingFact>,
    /// Ids given to elements by raw HTML, also targets of `#anchor`s.
    pub html_ids: Vec<String>,
    /// Tables whose header row is empty, with their first row of data.
    pub tables_without_header: Vec<PhraseFact>,
    /// Paragraphs written in capital letters.
    pub capitals: Vec<PhraseFact>,
    /// Instructions that rely on colour, shape or position only.
    pub sensory: Vec<PhraseFact>,
    pub embeds: Vec<EmbedFact>,
    /// The front matter's attachments, at their `title:`.
    pub attachments: Vec<AttachmentFact>,
    /// Positions of the front matter values the check points at.
    pub title_at: Option<Pos>,
    pub date_at: Option<Pos>,
}

/// A paragraph written all in capitals: enough letters to be more than an
/// abbreviation, and no lowercase letter.
pub fn is_capitals(text: &str) -> bool {
    let mut upper = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 20 && text.split_whitespace().count() >= 4
}

/// Beginnings of words naming a colour: an element known only by it.
const COLOUR_STEMS: [&str; 12] = [
    "czerwon",
    "zielon",
    "niebiesk",
    "żółt",
    "pomarańczow",
    "fioletow",
    "różow",
    "red",
    "green",
    "blue",
    "yellow",
    "orange",
];

/// Phrases that place an element only by where it is on the screen.
/// ("Poniżej" and "obok" are left out: "z listy poniżej" names the list.)
const POSITION_PHRASES: [&str; 8] = [
    "po lewej",
    "po prawej",
    "z lewej",
    "z prawej",
    "w prawym górnym rogu",
    "w lewym górnym rogu",
    "on the left",
    "on the right",
];

/// Whether a lowercase sentence names something by colour or position.
fn is_sensory(sentence: &str) -> bool {
    let colour = sentence.split(|c: char| !c.is_alphanumeric()).any(|word| {
        COLOUR_STEMS.iter().any(|stem| {
            // Polish stems take endings; English colour words stand alone.
            word.starts_with(stem) && (!stem.is_ascii() || stem.len() >= 6 || word == *stem)
        })
    });
    colour || POSITION_PHRASES.iter().any(|p| sentence.contains(p))
}

/// Verbs that tell the reader to find or press something.
const INSTRUCTION_WORDS: [&str; 8] = [
    "kliknij",
    "naciśnij",
    "wciśnij",
    "wybierz",
    "użyj",
    "click",
    "press",
    "select",
];

/// The same verbs without their first letter, to find them in either case
/// without lowercasing every paragraph.
const INSTRUCTION_STEMS: [&str; 8] = [
    "liknij", "aciśnij", "ciśnij", "ybierz", "żyj", "lick", "ress", "elect",
];

/// The sentence of `text` that tells the reader to act on something known
/// only by its colour or place ("kliknij czerwony przycisk"), if any.
pub fn sensory_instruction(text: &str) -> Option<String> {
    if !INSTRUCTION_STEMS.iter().any(|w| text.contains(w)) {
        return None;
    }
    let lower = text.to_lowercase();
    if !INSTRUCTION_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    lower
        .split(['.', '!', '?', ';'])
        .zip(text.split(['.', '!', '?', ';']))
        .find(|(sentence, _)| {
            INSTRUCTION_WORDS.iter().any(|w| sentence.contains(w)) && is_sensory(sentence)
        })
        .map(|(_, original)| original.trim().to_string())
}

/// Whether the page offers text for an embedded player: a `<track>` of
/// captions, or words about captions or a transcript.
pub fn mentions_transcript(source: &str) -> bool {
    let lower = source.to_lowercase();
    [
        "<track",
        "transkrypc",
        "napisy",
        "napisami",
        "transcript",
        "captions",
        "subtitles",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The values of `attribute` in the tags of a piece of raw HTML.
pub fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + needle.len()..];
        if !matches!(before, Some(c) if c.is_whitespace()) {
            continue;
        }
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        values.push(value);
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_need_a_whole_sentence() {
        assert!(is_capitals(
            "UWAGA! ZEBRANIE WIEJSKIE ODBĘDZIE SIĘ W ŚRODĘ."
        ));
        assert!(!is_capitals("Spotkanie CWD i ZMP w MFiPR."));
        assert!(!is_capitals("OSP ZMP JST"));
    }

    #[test]
    fn sensory_instructions_are_found_by_sentence() {
        assert_eq!(
            sensory_instruction("Formularz jest gotowy. Kliknij czerwony przycisk, aby go wysłać."),
            Some("Kliknij czerwony przycisk, aby go wysłać".to_string())
        );
        assert_eq!(
            sensory_instruction("Czerwony autobus jedzie. Wybierz termin spotkania."),
            None
        );
        assert_eq!(
            sensory_instruction("Wybierz termin z listy poniżej. Click the shared link."),
            None
        );
        assert!(sensory_instruction("Press the green button.").is_some());
        assert!(sensory_instruction("Wybierz zieloną ikonę po lewej.").is_some());
    }

    #[test]
    fn attributes_of_raw_html() {
        let html = r#"<div id="mapa"><img data-id="x" src='a.png' alt=Mapa></div>"#;
        assert_eq!(attribute_values(html, "id"), ["mapa"]);
        assert_eq!(attribute_values(html, "alt"), ["Mapa"]);
    }
}
