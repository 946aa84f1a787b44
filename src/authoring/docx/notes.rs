//! The import report: what in the Word document could not be converted, or
//! was converted with a guess the clerk should check.

use crate::base::diagnostic::Text;

/// One kind of thing the import could not carry over, or had to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    TextBox,
    SmartArt,
    Chart,
    Shape,
    Equation,
    EmbeddedObject,
    EmbeddedDocument,
    Comment,
    HeaderFooter,
    MissingAlt,
    AutomaticAlt,
    UnsupportedImage,
    LinkedImage,
    TableWithoutHeader,
    NestedTable,
    LetteredList,
    Symbol,
    TableOfContents,
    TitleFromParagraph,
    TitleFromFileName,
    DateIsToday,
}

impl Note {
    /// What happened and what to do, in both languages.
    pub fn text(self) -> Text {
        let (pl, en) = match self {
            Note::TextBox => TEXT_BOX,
            Note::SmartArt => SMART_ART,
            Note::Chart => CHART,
            Note::Shape => SHAPE,
            Note::Equation => EQUATION,
            Note::EmbeddedObject => EMBEDDED_OBJECT,
            Note::EmbeddedDocument => EMBEDDED_DOCUMENT,
            Note::Comment => COMMENT,
            Note::HeaderFooter => HEADER_FOOTER,
            Note::MissingAlt => MISSING_ALT,
            Note::AutomaticAlt => AUTOMATIC_ALT,
            Note::UnsupportedImage => UNSUPPORTED_IMAGE,
            Note::LinkedImage => LINKED_IMAGE,
            Note::TableWithoutHeader => TABLE_WITHOUT_HEADER,
            Note::NestedTable => NESTED_TABLE,
            Note::LetteredList => LETTERED_LIST,
            Note::Symbol => SYMBOL,
            Note::TableOfContents => TABLE_OF_CONTENTS,
            Note::TitleFromParagraph => TITLE_FROM_PARAGRAPH,
            Note::TitleFromFileName => TITLE_FROM_FILE_NAME,
            Note::DateIsToday => DATE_IS_TODAY,
        };
        Text::new(pl, en)
    }
}

/// A note's wording: Polish, then English. Kept as constants, one a note,
/// so the match above stays a short table the compiler checks is complete.
type Wording = (&'static str, &'static str);

// Word content a web page cannot carry: left out, with what to do instead.

const TEXT_BOX: Wording = (
    "pole tekstowe: jego tekst nie został przeniesiony — przepisz go do treści, jeśli jest potrzebny",
    "text box: its text was not carried over — copy it into the page if it is needed",
);
const SMART_ART: Wording = (
    "grafika SmartArt: nie została przeniesiona — opisz ją tekstem albo wstaw jako obrazek z opisem",
    "SmartArt graphic: not carried over — describe it in text or insert it as an image with a description",
);
const CHART: Wording = (
    "wykres: nie został przeniesiony — wstaw go jako obrazek z opisem albo podaj dane w tabeli",
    "chart: not carried over — insert it as an image with a description or give its data in a table",
);
const SHAPE: Wording = (
    "kształt lub rysunek z Worda: nie został przeniesiony",
    "Word shape or drawing: not carried over",
);
const EQUATION: Wording = (
    "równanie: nie zostało przeniesione — zapisz je słowami albo jako obrazek z opisem",
    "equation: not carried over — write it in words or as an image with a description",
);
const EMBEDDED_OBJECT: Wording = (
    "osadzony obiekt (np. arkusz Excela): nie został przeniesiony — dołącz go jako załącznik (attachments)",
    "embedded object (e.g. an Excel sheet): not carried over — add it as an attachment (attachments)",
);
const EMBEDDED_DOCUMENT: Wording = (
    "wstawiony dokument: nie został przeniesiony",
    "embedded document: not carried over",
);
const COMMENT: Wording = (
    "komentarz: komentarze nie są publikowane",
    "comment: comments are not published",
);
const HEADER_FOOTER: Wording = (
    "nagłówek lub stopka strony: nie są przenoszone (numery stron, logo) — jeśli jest w nich ważna treść, przepisz ją",
    "page header or footer: not carried over (page numbers, logos) — copy any important text into the page",
);

// Images: a description to write, or a file that could not come along.

const MISSING_ALT: Wording = (
    "obrazek bez opisu alternatywnego (albo z nazwą pliku zamiast opisu): w pliku wpisano „TODO” — opisz, co przedstawia (tablica check to wskaże)",
    "image without a text alternative (or with a file name for one): the page says \"TODO\" — describe what it shows (tablica check points to it)",
);
const AUTOMATIC_ALT: Wording = (
    "obrazek z opisem wygenerowanym automatycznie przez Worda: zastąpiono go „TODO” — opisz, co przedstawia",
    "image with a description Word generated automatically: replaced with \"TODO\" — describe what it shows",
);
const UNSUPPORTED_IMAGE: Wording = (
    "obraz w formacie, którego przeglądarki nie wyświetlają (EMF, WMF, TIFF, BMP): pominięto — zapisz go jako PNG lub JPG i dodaj do folderu ogłoszenia",
    "image in a format browsers do not show (EMF, WMF, TIFF, BMP): left out — save it as PNG or JPG and add it to the page's folder",
);
const LINKED_IMAGE: Wording = (
    "obraz połączony z plikiem poza dokumentem: pominięto — wstaw go do dokumentu albo dodaj do folderu ogłoszenia",
    "image linked to a file outside the document: left out — insert it into the document or add it to the page's folder",
);

// Structure Markdown writes differently, or the page does not need.

const TABLE_WITHOUT_HEADER: Wording = (
    "tabela bez wiersza nagłówka: jej pierwszy wiersz stał się nagłówkiem — sprawdź, czy opisuje kolumny",
    "table without a header row: its first row became the header — check that it names the columns",
);
const NESTED_TABLE: Wording = (
    "tabela w komórce tabeli: jej tekst wpisano do komórki, bez podziału na kolumny",
    "table inside a table cell: its text was put into the cell, without columns",
);
const LETTERED_LIST: Wording = (
    "lista numerowana literami lub liczbami rzymskimi: w Markdown ma numery 1., 2., 3.",
    "list numbered with letters or roman numerals: Markdown numbers it 1., 2., 3.",
);
const SYMBOL: Wording = (
    "symbol z czcionki Wingdings lub podobnej: pominięto",
    "symbol from Wingdings or a similar font: left out",
);
const TABLE_OF_CONTENTS: Wording = (
    "spis treści: pominięto — strona ogłoszenia go nie potrzebuje",
    "table of contents: left out — an announcement page does not need one",
);

// Guesses the clerk should check.

const TITLE_FROM_PARAGRAPH: Wording = (
    "dokument nie ma nagłówka: tytuł wzięto z pierwszego akapitu — sprawdź title",
    "the document has no heading: the title is its first paragraph — check title",
);
const TITLE_FROM_FILE_NAME: Wording = (
    "dokument nie ma nagłówka: tytuł wzięto z nazwy pliku — popraw title",
    "the document has no heading: the title is the file's name — correct title",
);
const DATE_IS_TODAY: Wording = (
    "w dokumencie nie ma daty publikacji: wpisano dzisiejszą — popraw date, jeśli trzeba",
    "the document has no publication date: today's was used — correct date if needed",
);

/// The notes of one import, each kind once with how many times it occurred,
/// in the order they were first met.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    items: Vec<(Note, usize)>,
}

impl Notes {
    pub fn add(&mut self, note: Note) {
        match self.items.iter_mut().find(|(n, _)| *n == note) {
            Some((_, count)) => *count += 1,
            None => self.items.push((note, 1)),
        }
    }

    pub fn items(&self) -> &[(Note, usize)] {
        &self.items
    }

    pub fn contains(&self, note: Note) -> bool {
        self.items.iter().any(|(n, _)| *n == note)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The report lines: `pole tekstowe (2×): …`.
    pub fn lines(&self) -> Vec<Text> {
        self.items
            .iter()
            .map(|(note, count)| {
                let text = note.text();
                if *count > 1 {
                    Text::new(
                        prefix_count(&text.pl, *count),
                        prefix_count(&text.en, *count),
                    )
                } else {
                    text
                }
            })
            .collect()
    }
}

fn prefix_count(text: &str, count: usize) -> String {
    match text.split_once(':') {
        Some((what, rest)) => format!("{what} ({count}×):{rest}"),
        None => format!("{text} ({count}×)"),
    }
}
