//! Every rule of `tablica check` in one table: its id (used in reports, in
//! JSON and in a site's `checks:` settings), its default severity, and what
//! it tells a clerk in plain Polish and in English: what is wrong, why it
//! matters to a resident, and how to fix it.

use crate::base::diagnostic::Severity;

/// Two-language text known at compile time.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub pl: &'static str,
    pub en: &'static str,
}

impl Words {
    pub fn get(&self, lang: crate::base::diagnostic::Lang) -> &'static str {
        match lang {
            crate::base::diagnostic::Lang::Pl => self.pl,
            crate::base::diagnostic::Lang::En => self.en,
        }
    }
}

/// One rule of the check.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default: Severity,
    /// What is wrong, in a few words.
    pub title: Words,
    /// Why it matters to a resident, in one sentence.
    pub why: Words,
    /// How to fix it.
    pub fix: Words,
}

macro_rules! rules {
    ($($name:ident: $id:literal, $sev:ident,
        [$tpl:literal, $ten:literal],
        [$wpl:literal, $wen:literal],
        [$fpl:literal, $fen:literal];)*) => {
        $(pub const $name: &Rule = &Rule {
            id: $id,
            default: Severity::$sev,
            title: Words { pl: $tpl, en: $ten },
            why: Words { pl: $wpl, en: $wen },
            fix: Words { pl: $fpl, en: $fen },
        };)*
        /// Every rule, in the order the README lists them.
        pub const ALL: &[&Rule] = &[$($name),*];
    };
}

rules! {
    LINK_BROKEN: "link-broken", Error,
        ["odnośnik prowadzi donikąd", "the link leads nowhere"],
        ["Mieszkaniec, który kliknie odnośnik, zobaczy stronę błędu zamiast informacji.",
         "A resident who follows the link gets an error page instead of the information."],
        ["popraw adres tak, aby wskazywał istniejącą stronę lub plik, albo usuń odnośnik",
         "correct the address so it points to an existing page or file, or remove the link"];
    ANCHOR_BROKEN: "anchor-broken", Warning,
        ["odnośnik wskazuje nieistniejące miejsce na stronie (#kotwica)", "the link points to a place on the page that does not exist (#anchor)"],
        ["Odnośnik otworzy stronę, ale nie przeniesie czytelnika do zapowiedzianego fragmentu.",
         "The link opens the page but does not take the reader to the promised part of it."],
        ["po # wpisz identyfikator istniejącego śródtytułu, np. #harmonogram dla „## Harmonogram”",
         "after # write the id of an existing heading, e.g. #schedule for \"## Schedule\""];
    IMG_BROKEN: "img-broken", Error,
        ["obrazek wskazuje nieistniejący plik", "the image points to a file that does not exist"],
        ["Zamiast obrazka czytelnik zobaczy puste miejsce.",
         "The reader sees an empty space instead of the image."],
        ["sprawdź nazwę pliku i to, czy leży w folderze ogłoszenia albo w static/",
         "check the file name and that it is in the announcement's folder or in static/"];
    LINK_EXTERNAL: "link-external", Warning,
        ["zewnętrzny adres nie odpowiada", "the external address does not answer"],
        ["Mieszkaniec nie dotrze do strony, do której go odsyłamy.",
         "The resident cannot reach the page we send them to."],
        ["otwórz adres w przeglądarce; jeśli strona zniknęła, podaj nowy adres albo usuń odnośnik",
         "open the address in a browser; if the page is gone, give its new address or remove the link"];
    IMG_ALT_MISSING: "img-alt-missing", Error,
        ["obrazek nie ma opisu alternatywnego", "the image has no text alternative"],
        ["Osoba niewidoma, korzystająca z czytnika ekranu, nie dowie się, co przedstawia obrazek.",
         "A blind person using a screen reader will not know what the image shows."],
        ["w nawiasach kwadratowych opisz, co widać, np. ![Uczestnicy warsztatów przy stołach](zdjecie.jpg)",
         "describe what it shows in the square brackets, e.g. ![Workshop participants at tables](photo.jpg)"];
    IMG_ALT_PLACEHOLDER: "img-alt-placeholder", Warning,
        ["opis obrazka to nazwa pliku albo ogólne słowo", "the image's text alternative is a file name or a generic word"],
        ["Czytnik ekranu przeczyta „zdjęcie” albo „IMG_1234.jpg”, co nic nie mówi o treści obrazka.",
         "A screen reader reads out \"photo\" or \"IMG_1234.jpg\", which says nothing about the image."],
        ["napisz jednym zdaniem, co widać na obrazku i dlaczego jest ważne",
         "say in one sentence what the image shows and why it matters"];
    IMG_ALT_LONG: "img-alt-long", Warning,
        ["opis obrazka jest dłuższy niż 150 znaków", "the image's text alternative is longer than 150 characters"],
        ["Długiego opisu nie da się przewinąć ani przeczytać ponownie fragmentami w czytniku ekranu.",
         "A long text alternative cannot be skimmed or re-read in parts with a screen reader."],
        ["skróć opis do najważniejszego; szczegóły (np. dane z wykresu) napisz w tekście lub tabeli obok",
         "shorten it to the essentials; put details (such as a chart's data) in the text or a table next to it"];
    IMG_SMALL: "img-small", Warning,
        ["zdjęcie jest za małe na szerokość, w jakiej strona je pokaże", "the photo is too small for the width the page shows it at"],
        ["Strona rozciągnie je na całą szerokość tekstu, więc mieszkaniec zobaczy je rozmyte.",
         "The page stretches it across the text column, so a resident sees it blurred."],
        ["wstaw zdjęcie w pełnym rozmiarze, prosto z aparatu lub telefonu (co najmniej 1200 pikseli szerokości); Tablica sama je zmniejszy",
         "use the full-size photo, straight from the camera or phone (at least 1200 pixels wide); Tablica makes it smaller itself"];
    LINK_PHOTO_ORIGINAL: "link-photo-original", Error,
        ["odnośnik prowadzi do oryginału zdjęcia, którego Tablica nie publikuje", "the link leads to a photo's original, which Tablica does not publish"],
        ["Oryginał zdjęcia zawiera metadane (np. położenie GPS miejsca, w którym je zrobiono) i waży megabajty, więc na stronę trafiają tylko zmniejszone kopie; odnośnik do oryginału prowadziłby donikąd.",
         "A photo's original carries metadata (such as the GPS position where it was taken) and weighs megabytes, so only smaller copies are published; a link to the original would lead nowhere."],
        ["pokaż zdjęcie znakiem ![opis](plik.jpg) albo w galerii (kliknięcie otworzy duży podgląd); jeśli oryginał ma być do pobrania (np. zdjęcie dla prasy), dodaj w config.yaml witryny images: {originals: true}",
         "show the photo with ![description](file.jpg) or in the gallery (a click opens it large); if the original is meant for download (a press photo, say), add images: {originals: true} to the site in config.yaml"];
    LINK_TEXT_VAGUE: "link-text-vague", Warning,
        ["tekst odnośnika nic nie mówi bez kontekstu", "the link text means nothing out of context"],
        ["Osoba, która przegląda listę odnośników czytnikiem ekranu, usłyszy tylko „tutaj” i nie wie, dokąd prowadzi.",
         "Someone browsing the list of links with a screen reader hears only \"here\" and does not know where it leads."],
        ["napisz, dokąd prowadzi odnośnik, np. [Regulamin konkursu (PDF)](regulamin.pdf)",
         "say where the link leads, e.g. [Competition rules (PDF)](rules.pdf)"];
    LINK_EMPTY: "link-empty", Error,
        ["odnośnik nie ma tekstu", "the link has no text"],
        ["Czytnik ekranu przeczyta sam adres albo nic, a osoba korzystająca z klawiatury trafi na niewidoczny odnośnik.",
         "A screen reader reads out the bare address or nothing, and a keyboard user lands on an invisible link."],
        ["wpisz w nawiasach kwadratowych, dokąd prowadzi odnośnik, albo usuń go",
         "write where the link leads in the square brackets, or remove it"];
    ATTACHMENT_UNTITLED: "attachment-untitled", Warning,
        ["załącznik nie ma tytułu, tylko nazwę pliku", "the attachment has no title, only a file name"],
        ["Z nazwy pliku mieszkaniec nie dowie się, co jest w dokumencie, zanim go pobierze.",
         "A file name does not tell a resident what the document holds before they download it."],
        ["opisz dokument słowami, np. „Formularz zgłaszania uwag”",
         "describe the document in words, e.g. \"Comment form\""];
    HEADING_SKIPPED: "heading-skipped", Warning,
        ["śródtytuł pomija poziom", "the heading skips a level"],
        ["Osoby niewidome poruszają się po stronie śródtytułami; pominięty poziom wygląda jak brakujący fragment.",
         "Blind readers move through a page by its headings; a skipped level looks like a missing part."],
        ["użyj kolejnego poziomu: po ## (h2) pisz ### (h3), nie ####",
         "use the next level: after ## (h2) write ### (h3), not ####"];
    HEADING_H1: "heading-h1", Warning,
        ["w treści jest nagłówek pierwszego poziomu (#)", "the body has a first-level heading (#)"],
        ["Tytuł strony jest już nagłówkiem pierwszego poziomu; drugi taki nagłówek myli osoby korzystające z czytnika ekranu.",
         "The page title is already the first-level heading; a second one confuses screen reader users."],
        ["zacznij śródtytuły od ## (drugi poziom)", "start headings in the body at ## (second level)"];
    HEADING_EMPTY: "heading-empty", Error,
        ["śródtytuł jest pusty", "the heading is empty"],
        ["Czytnik ekranu ogłosi nagłówek bez treści, a spis śródtytułów będzie miał pustą pozycję.",
         "A screen reader announces a heading with nothing in it, and the list of headings gets an empty entry."],
        ["wpisz tekst śródtytułu po znakach # albo usuń tę linię",
         "write the heading's text after the # signs, or delete the line"];
    TABLE_NO_HEADER: "table-no-header", Error,
        ["tabela nie ma wiersza nagłówków", "the table has no header row"],
        ["Bez nagłówków czytnik ekranu odczyta same liczby i nie powie, czego dotyczą.",
         "Without headers a screen reader reads bare numbers without saying what they mean."],
        ["w pierwszym wierszu tabeli wpisz nazwy kolumn, np. | Gmina | Liczba ankiet |",
         "write the column names in the table's first row, e.g. | Gmina | Surveys |"];
    TEXT_CAPITALS: "text-capitals", Warning,
        ["akapit napisany wielkimi literami", "a paragraph written in capital letters"],
        ["Tekst wersalikami czyta się trudniej, a niektóre czytniki ekranu literują go znak po znaku.",
         "Text in capitals is harder to read, and some screen readers spell it out letter by letter."],
        ["napisz akapit zwykłymi literami; ważne słowa wyróżnij **pogrubieniem**",
         "write the paragraph in ordinary letters; make important words **bold**"];
    TEXT_SENSORY: "text-sensory", Warning,
        ["polecenie opiera się tylko na kolorze lub położeniu", "the instruction relies only on colour or position"],
        ["Osoba niewidoma albo nierozróżniająca kolorów nie znajdzie „czerwonego przycisku po prawej”.",
         "A blind or colour-blind person cannot find \"the red button on the right\"."],
        ["nazwij element jego tekstem, np. „wybierz przycisk Wyślij formularz”",
         "name the element by its text, e.g. \"choose the Send form button\""];
    TEXT_PLACEHOLDER: "text-placeholder", Error,
        ["w treści został tekst z szablonu", "the template's placeholder text is still in the page"],
        ["Mieszkaniec zobaczy na stronie instrukcję dla redaktora zamiast ogłoszenia.",
         "A resident would see the editor's instructions instead of the announcement."],
        ["zastąp akapit „Tu wpisz treść ogłoszenia…” treścią ogłoszenia albo przywróć linię draft: true, jeśli to jeszcze szkic",
         "replace the paragraph \"Tu wpisz treść ogłoszenia…\" with the announcement, or put back the line draft: true while it is a draft"];
    PDF_NO_TEXT: "pdf-no-text", Warning,
        ["plik PDF to skan bez warstwy tekstowej", "the PDF is a scan without a text layer"],
        ["Czytnik ekranu nie przeczyta obrazka strony, a wyszukiwarka go nie znajdzie: dla osoby niewidomej dokument jest pusty.",
         "A screen reader cannot read a picture of a page and search cannot find it: for a blind person the document is empty."],
        ["opublikuj dokument zapisany z edytora (Word: Plik → Zapisz jako → PDF) albo przepuść skan przez rozpoznawanie tekstu (OCR)",
         "publish the document saved from its editor (Word: File → Save as → PDF) or run the scan through text recognition (OCR)"];
    PDF_UNTAGGED: "pdf-untagged", Warning,
        ["plik PDF nie ma struktury (znaczników)", "the PDF has no structure (tags)"],
        ["Bez znaczników czytnik ekranu nie pozna nagłówków, list ani tabel i czyta tekst w przypadkowej kolejności.",
         "Without tags a screen reader knows no headings, lists or tables and may read the text in a random order."],
        ["zapisz PDF z Worda z zaznaczonym „Znaczniki struktury dokumentu dla ułatwień dostępu” (Opcje w oknie zapisu)",
         "save the PDF from Word with \"Document structure tags for accessibility\" ticked (Options in the save dialog)"];
    PDF_NO_TITLE: "pdf-no-title", Warning,
        ["plik PDF nie ma tytułu dokumentu", "the PDF has no document title"],
        ["Czytnik ekranu i karta przeglądarki pokażą zamiast tytułu nazwę pliku.",
         "A screen reader and the browser tab show the file name instead of a title."],
        ["wpisz tytuł we właściwościach dokumentu (Word: Plik → Informacje → Tytuł) i zapisz PDF ponownie",
         "set the title in the document's properties (Word: File → Info → Title) and save the PDF again"];
    PDF_NO_LANG: "pdf-no-lang", Warning,
        ["plik PDF nie ma ustawionego języka", "the PDF has no language set"],
        ["Czytnik ekranu przeczyta polski tekst z angielską wymową i będzie on niezrozumiały.",
         "A screen reader reads Polish text with another language's pronunciation, which no one understands."],
        ["ustaw język dokumentu na polski (Word: Recenzja → Język) i zapisz PDF ponownie",
         "set the document's language (Word: Review → Language) and save the PDF again"];
    DOCX_IMG_ALT_MISSING: "docx-img-alt-missing", Warning,
        ["w dokumencie Worda jest obrazek bez opisu", "the Word document has an image without a description"],
        ["Osoba niewidoma nie dowie się, co przedstawia obrazek w pobranym dokumencie.",
         "A blind person cannot learn what the image in the downloaded document shows."],
        ["w Wordzie kliknij obrazek prawym przyciskiem → „Edytuj tekst alternatywny” i opisz, co widać",
         "in Word, right-click the image → \"Edit Alt Text\" and say what it shows"];
    DOCX_NO_HEADINGS: "docx-no-headings", Warning,
        ["dokument Worda nie ma śródtytułów ze stylów nagłówków", "the Word document has no headings made with heading styles"],
        ["Czytnik ekranu pozwala skakać po nagłówkach; bez nich dłuższy dokument trzeba słuchać od początku do końca.",
         "A screen reader lets a reader jump between headings; without them a longer document must be heard from start to end."],
        ["nadaj śródtytułom styl „Nagłówek 1”, „Nagłówek 2” (Narzędzia główne → Style), zamiast samego pogrubienia",
         "give the subheadings the \"Heading 1\", \"Heading 2\" styles (Home → Styles) instead of only bold"];
    ETR_PJM_MISSING: "etr-pjm-missing", Warning,
        ["witryna nie ma strony w tekście łatwym do czytania ani w polskim języku migowym", "the site has no easy-to-read page and no sign-language page"],
        ["Ustawa o zapewnianiu dostępności osobom ze szczególnymi potrzebami (art. 6 pkt 3 lit. c) wymaga opisu działalności podmiotu w tekście łatwym do czytania i w PJM na jego stronie.",
         "The Polish act on accessibility for persons with special needs (art. 6(3)(c)) asks for the body's activities to be described in easy-to-read text and in Polish Sign Language on its site."],
        ["dodaj strony: tablica new --etr i tablica new --pjm (wpis kind: etr albo kind: pjm w nagłówku)",
         "add the pages: tablica new --etr and tablica new --pjm (kind: etr or kind: pjm in the header)"];
    PJM_NO_CAPTIONS: "pjm-no-captions", Warning,
        ["nagranie w polskim języku migowym nie ma pliku z napisami", "the sign-language video has no captions file"],
        ["Osoba słabosłysząca, która nie zna PJM, nie zrozumie nagrania bez napisów.",
         "A hard-of-hearing person who does not know PJM cannot follow the video without captions."],
        ["dodaj plik napisów WebVTT (.vtt) do folderu strony i wpisz captions: napisy.vtt",
         "add a WebVTT captions file (.vtt) to the page's folder and write captions: captions.vtt"];
    EMBED_THIRD_PARTY: "embed-third-party", Warning,
        ["treść z innej witryny wczytuje się razem ze stroną", "content from another website loads with the page"],
        ["Cudza witryna dowiaduje się o każdym odwiedzającym i może zapisywać pliki cookie, na co portal urzędu musiałby pytać o zgodę.",
         "The other website learns about every visitor and may set cookies, which a public body's portal would have to ask consent for."],
        ["zamiast osadzać, podaj odnośnik do tej treści; filmy z YouTube i mapy Google Tablica wczytuje dopiero po kliknięciu",
         "link to the content instead of embedding it; YouTube videos and Google maps are loaded by Tablica only on a click"];
    VIDEO_NO_TRANSCRIPT: "video-no-transcript", Warning,
        ["nagranie bez napisów ani transkrypcji", "a recording without captions or a transcript"],
        ["Osoba niesłysząca nie pozna treści nagrania, a niewidoma nie dowie się, co jest pokazane.",
         "A deaf person cannot follow the recording, and a blind person does not learn what is shown."],
        ["dodaj do nagrania napisy albo pod nim transkrypcję (tekst tego, co powiedziano)",
         "add captions to the recording, or a transcript (the text of what is said) below it"];
    TITLE_LONG: "title-long", Warning,
        ["tytuł jest dłuższy niż 90 znaków", "the title is longer than 90 characters"],
        ["Wyszukiwarki i czytniki kanałów ucinają długie tytuły, więc mieszkaniec nie zobaczy ich końca.",
         "Search engines and feed readers cut long titles, so a resident does not see how they end."],
        ["skróć tytuł do najważniejszej informacji; szczegóły podaj w pierwszym akapicie",
         "shorten the title to the key information; give details in the first paragraph"];
    TITLE_DUPLICATE: "title-duplicate", Warning,
        ["ten sam tytuł ma inna strona witryny", "another page of the site has the same title"],
        ["Na liście aktualności i w wynikach wyszukiwania mieszkaniec nie odróżni tych stron.",
         "In the news list and in search results a resident cannot tell the pages apart."],
        ["dodaj do tytułu to, co wyróżnia tę stronę, np. datę lub miejsce spotkania",
         "add what sets this page apart to its title, e.g. the date or place of the meeting"];
    SUMMARY_MISSING: "summary-missing", Warning,
        ["ogłoszenie nie ma streszczenia ani pierwszego akapitu", "the announcement has no summary and no first paragraph"],
        ["Na liście aktualności i w wynikach wyszukiwania pod tytułem nie pojawi się żaden opis.",
         "The news list and search results show no description under the title."],
        ["dodaj w nagłówku pliku summary: z jednym–dwoma zdaniami o tym, czego dotyczy ogłoszenie",
         "add summary: to the front matter with one or two sentences on what the announcement is about"];
    DATE_FUTURE: "date-future", Warning,
        ["data ogłoszenia jest w przyszłości", "the announcement is dated in the future"],
        ["Ogłoszenie nie pojawi się na stronie aż do tego dnia; jeśli data jest pomyłką, mieszkańcy go nie zobaczą.",
         "The announcement will not appear until that day; if the date is a mistake, residents will not see it."],
        ["jeśli to pomyłka, popraw datę; jeśli ogłoszenie ma się ukazać później, wyłącz tę regułę w config.yaml (checks: date-future: off)",
         "if it is a mistake, correct the date; if it is meant to appear later, turn this rule off in config.yaml (checks: date-future: off)"];
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// Every rule id, for suggestions.
pub fn ids() -> Vec<&'static str> {
    ALL.iter().map(|r| r.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_lowercase() {
        let mut ids = ids();
        assert!(ids.iter().all(|id| id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
        ids.sort_unstable();
        let len = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), len);
    }
}
