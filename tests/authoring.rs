//! `tablica new` and `tablica import` on fixture workspaces. The Word
//! documents are written here, with the same zip crate Tablica reads them
//! with, part by part, so each test shows the XML it converts.

mod common;

use common::*;
use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
const REL_IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
const REL_LINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";

/// A 1×1 transparent PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

// ---------------------------------------------------------------------------
// A small writer of Word documents.

/// The parts of a .docx; `write` zips them with the files Word always has.
#[derive(Default)]
struct Docx {
    body: String,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Option<String>,
    rels: Vec<(String, String, String, bool)>,
    parts: Vec<(String, Vec<u8>)>,
}

impl Docx {
    fn new(body: impl Into<String>) -> Docx {
        Docx {
            body: body.into(),
            ..Docx::default()
        }
    }

    fn rel(mut self, id: &str, kind: &str, target: &str, external: bool) -> Docx {
        self.rels
            .push((id.into(), kind.into(), target.into(), external));
        self
    }

    fn part(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Docx {
        self.parts.push((name.into(), bytes.into()));
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
            ("_rels/.rels".into(), PACKAGE_RELS.into()),
            (
                "word/document.xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{}</w:body></w:document>"#,
                    self.body
                )
                .into(),
            ),
            ("word/_rels/document.xml.rels".into(), rels_xml(&self.rels).into()),
        ];
        let optional = [
            ("word/styles.xml", &self.styles, "w:styles"),
            ("word/numbering.xml", &self.numbering, "w:numbering"),
            ("word/footnotes.xml", &self.footnotes, "w:footnotes"),
        ];
        for (name, content, root) in optional {
            if let Some(content) = content {
                let xml = format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><{root} {W}>{content}</{root}>"#
                );
                files.push((name.into(), xml.into()));
            }
        }
        files.extend(self.parts.iter().cloned());
        zip_bytes(&files)
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn rels_xml(rels: &[(String, String, String, bool)]) -> String {
    let items: String = rels
        .iter()
        .map(|(id, kind, target, external)| {
            let mode = if *external {
                r#" TargetMode="External""#
            } else {
                ""
            };
            format!(
                r#"<Relationship Id="{id}" Type="{kind}" Target="{}"{mode}/>"#,
                esc(target)
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>"#
    )
}

fn zip_bytes(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `<w:r>` with text, preserving spaces.
fn r(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A run with direct formatting (`<w:b/>`, `<w:i/>`, `<w:color …/>`).
fn rf(props: &str, text: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn p(content: &str) -> String {
    format!("<w:p>{content}</w:p>")
}

fn p_style(style: &str, content: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>"#)
}

fn li(num: u32, level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Akapitzlist"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

fn image(rel: &str, id: u32, descr: Option<&str>) -> String {
    let descr = descr
        .map(|d| format!(r#" descr="{}""#, esc(d)))
        .unwrap_or_default();
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="{id}" name="Obraz {id}"{descr}/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="{rel}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:tcPr/>{}</w:tc>", p(&r(text)))
}

const STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="Normalny"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Nagwek1"><w:name w:val="heading 1"/><w:basedOn w:val="Normalny"/></w:style><w:style w:type="paragraph" w:styleId="Nagwek2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Sródtytu"><w:name w:val="Śródtytuł ogłoszenia"/><w:basedOn w:val="Nagwek2"/></w:style><w:style w:type="paragraph" w:styleId="Akapitzlist"><w:name w:val="List Paragraph"/></w:style>"#;

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

// ---------------------------------------------------------------------------
// Running the commands.

fn workspace() -> Fixture {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/_index.md",
        "---\ntitle: Aktualności\n---\n",
    );
    fx
}

fn import(fx: &Fixture, docx: &Docx, extra: &[&str]) -> Run {
    std::fs::write(fx.path("dokument.docx"), docx.bytes()).unwrap();
    let mut args = vec!["import", "dokument.docx", "--site", "alfa"];
    args.extend_from_slice(extra);
    fx.run(&args)
}

/// The Markdown body of the only page the import created.
fn imported_body(fx: &Fixture, page: &str) -> String {
    let text = fx.read(&format!("content/alfa/aktualnosci/{page}"));
    let (_, body) = text
        .split_once("\n---\n\n")
        .unwrap_or_else(|| panic!("no front matter in:\n{text}"));
    body.to_string()
}

fn front_matter(fx: &Fixture, page: &str) -> String {
    let text = fx.read(&format!("content/alfa/aktualnosci/{page}"));
    text.split("\n---\n").next().unwrap().to_string()
}

// ---------------------------------------------------------------------------
// import: what each Word element becomes.

fn every_element() -> Docx {
    let link = r#"<w:hyperlink r:id="rId10" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hipercze"/></w:rPr><w:t>stronie partnerstwa</w:t></w:r></w:hyperlink>"#;
    let footnote = r#"<w:r><w:rPr><w:rStyle w:val="Odwoanieprzypisudolnego"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#;
    let text_box = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="9" name="Pole tekstowe 9"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>W ramce</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>"#;
    let table = format!(
        r#"<w:tbl><w:tblPr/><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
        cell("Godzina"),
        cell("Temat"),
        cell("10:00"),
        cell("Otwarcie | powitanie")
    );
    let body = [
        p_style("Nagwek1", &r("Zaproszenie na warsztaty strategiczne")),
        p(&r("Data publikacji: 20.01.2021")),
        p(""),
        p(&format!(
            r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/>{}{}{}{}{}<w:bookmarkEnd w:id="0"/>"#,
            r("Zapraszamy "),
            rf("<w:b/>", "wszystkich mieszkańców"),
            r(" na "),
            rf("<w:i/>", "warsztaty"),
            r(" – „Nasza gmina 2030”.")
        )),
        p(&format!(
            "{}{}{}",
            r("* Gwiazdka i "),
            rf(r#"<w:color w:val="FF0000"/><w:sz w:val="28"/><w:b w:val="0"/>"#, "czerwony tekst"),
            r(" bez  formatowania.")
        )),
        p(&r("# To nie jest nagłówek")),
        p(&format!("{}<w:r><w:br/></w:r>{}", r("Pierwsza linia[bookmark: _GoBack]"), r("druga linia."))),
        p(&format!(
            r#"{}<w:ins w:id="1" w:author="A">{}</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>usunięte</w:delText></w:r></w:del>{}"#,
            r("Zmiany: "),
            r("dopisane"),
            r(" zdanie.")
        )),
        p_style("Sródtytu", &r("Program spotkania #")),
        li(1, 0, "strategia"),
        li(1, 1, "cele"),
        li(1, 0, "projekty"),
        li(2, 0, "Rejestracja"),
        li(2, 0, "Warsztaty"),
        table,
        p(&format!("{}{link}{}", r("Więcej na "), r("."))),
        p(&image("rId20", 1, Some("Uczestnicy warsztatów przy stołach"))),
        p(&image("rId21", 2, Some("IMG_0042.JPG"))),
        p(&format!("{}{footnote}{}", r("Przypis w tekście"), r("."))),
        p(text_box),
        p(&format!(
            r#"<w:commentRangeStart w:id="3"/>{}<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>"#,
            r("Uwaga")
        )),
    ]
    .concat();
    let mut docx = Docx::new(body)
        .rel("rId10", REL_LINK, "https://example.org/partnerstwo", true)
        .rel("rId20", REL_IMAGE, "media/image1.png", false)
        .rel("rId21", REL_IMAGE, "media/image2.png", false)
        .part("word/media/image1.png", PNG)
        .part("word/media/image2.png", PNG);
    docx.styles = Some(STYLES.into());
    docx.numbering = Some(NUMBERING.into());
    docx.footnotes = Some(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Dane z ankiety 2020 r.</w:t></w:r></w:p></w:footnote>"#.into(),
    );
    docx
}

#[test]
fn import_converts_every_element_to_markdown() {
    let fx = workspace();
    let run = import(&fx, &every_element(), &[]);
    run.assert_ok();
    let page = "2021-01-20-zaproszenie-na-warsztaty-strategiczne.md";
    assert_eq!(
        imported_body(&fx, page),
        "Zapraszamy **wszystkich mieszkańców** na _warsztaty_ – „Nasza gmina 2030”.

\\* Gwiazdka i czerwony tekst bez formatowania.

\\# To nie jest nagłówek

Pierwsza linia druga linia.

Zmiany: dopisane zdanie.

## Program spotkania \\#

- strategia
  - cele
- projekty

1. Rejestracja
2. Warsztaty

| Godzina | Temat |
|---|---|
| 10:00 | Otwarcie \\| powitanie |

Więcej na [stronie partnerstwa](https://example.org/partnerstwo).

![Uczestnicy warsztatów przy stołach](obraz-1.png)

![TODO: opisz, co przedstawia obrazek](obraz-2.png)

Przypis w tekście[^1].

Uwaga

[^1]: Dane z ankiety 2020 r.
"
    );
    let front = front_matter(&fx, page);
    assert!(
        front.contains("\ntitle: \"Zaproszenie na warsztaty strategiczne\"\n"),
        "{front}"
    );
    assert!(front.contains("\ndate: 20.01.2021 "), "{front}");
    let bundle = "content/alfa/aktualnosci/2021-01-20-zaproszenie-na-warsztaty-strategiczne";
    assert_eq!(fx.files(bundle), ["obraz-1.png", "obraz-2.png"]);
    assert_eq!(fx.read_bytes(&format!("{bundle}/obraz-1.png")), PNG);
    assert!(
        run.stdout.starts_with(&format!("Utworzono: {bundle}.md\n")),
        "{}",
        run.stdout
    );
    for expected in [
        "obrazek bez opisu alternatywnego",
        "pole tekstowe",
        "komentarz",
    ] {
        assert!(run.stdout.contains(expected), "{expected}:\n{}", run.stdout);
    }
    assert!(
        !run.stdout.contains("tabela bez wiersza nagłówka"),
        "{}",
        run.stdout
    );
    // The picture without a description stops a normal build; see it built.
    let build = fx.build_ok(&["--now", "2026-11-26", "--allow-a11y-errors"]);
    let errors = build.errors();
    assert_eq!(errors.len(), 1, "{}", build.stderr);
    assert!(
        errors[0].message.contains("TODO: opisz"),
        "{}",
        build.stderr
    );
    let html = fx.read("public/alfa/aktualnosci/zaproszenie-na-warsztaty-strategiczne/index.html");
    for expected in [
        "<th>Godzina",
        "<strong>wszystkich",
        "<em>warsztaty",
        "footnote-definition",
    ] {
        assert!(html.contains(expected), "{expected}:\n{html}");
    }
}

/// Word's other habits: fields, content controls, symbols, letters as list
/// numbers, a table without a header row, what cannot be converted.
#[test]
fn import_handles_fields_and_reports_what_it_could_not_convert() {
    let fx = workspace();
    let field_link = format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://bip.example.org/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r("BIP")
    );
    let chart = r#"<w:r><w:drawing><wp:inline><wp:docPr id="5" name="Wykres 5"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing></w:r>"#;
    let lettered = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("Gmina"),
        cell("Liczba ankiet"),
        cell("Klukowo"),
        cell("120")
    );
    let body = [
        p(&rf("<w:b/>", "Wyniki ankiet dla mieszkańców")),
        p(&format!(
            r#"{}<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>{}<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>{}<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>"#,
            r("Szczegóły w "),
            field_link,
            r(" "),
            r(" koniec")
        )),
        li(1, 0, "pierwszy"),
        li(1, 0, "drugi"),
        table,
        p(chart),
        p(&format!("{}<m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>", r("Wzór:"))),
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId30"/></w:sectPr>"#.to_string(),
    ]
    .concat();
    let mut docx = Docx::new(body)
        .rel("rId30", REL_HEADER, "header1.xml", false)
        .part(
            "word/header1.xml",
            format!(
                r#"<w:hdr {W}><w:p><w:r><w:t>Partnerstwo – pilotaż CWD</w:t></w:r></w:p></w:hdr>"#
            ),
        );
    docx.numbering = Some(lettered.into());
    let run = import(&fx, &docx, &["--date", "2021-03-10"]);
    run.assert_ok();
    let page = "2021-03-10-wyniki-ankiet-dla-mieszkancow.md";
    assert_eq!(
        imported_body(&fx, page),
        "Szczegóły w [BIP](https://bip.example.org/) • koniec

1. pierwszy
2. drugi

| Gmina | Liczba ankiet |
|---|---|
| Klukowo | 120 |

Wzór:
"
    );
    for expected in [
        "dokument nie ma nagłówka: tytuł wzięto z pierwszego akapitu",
        "symbol z czcionki Wingdings",
        "lista numerowana literami",
        "tabela bez wiersza nagłówka",
        "wykres",
        "równanie",
        "nagłówek lub stopka strony",
    ] {
        assert!(run.stdout.contains(expected), "{expected}:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("dzisiejszą"), "{}", run.stdout);
}

/// A document like the Ziemia Wysokomazowiecka announcement of 20.01.2021:
/// heading, date line, member list, a photo, a signature. Imported into the
/// sample workspace, it builds without a warning once the photo is described.
#[test]
fn an_announcement_from_word_builds_cleanly_after_alt_texts_are_filled() {
    let fx = Fixture::samples();
    let members = [
        "Powiat Wysokomazowiecki",
        "Miasto Wysokie Mazowieckie",
        "Gmina Wysokie Mazowieckie",
        "Gmina Szepietowo",
        "Gmina Kulesze Kościelne",
        "Gmina Kobylin-Borzymy",
        "Gmina Sokoły",
        "Gmina Czyżew",
        "Gmina Klukowo",
        "Gmina Nowe Piekuty",
        "Miasto i Gmina Ciechanowiec",
    ];
    let mut body = vec![
        p_style("Nagwek1", &r("Partnerstwo Ziemia Wysokomazowiecka w pilotażu CWD")),
        p(&r("Data publikacji: 20.01.2021")),
        p(&r("Samorządy powiatu wysokomazowieckiego wspólnie przygotowują się do perspektywy finansowej 2021–2027.")),
        p_style("Nagwek2", &r("Kto tworzy Partnerstwo")),
    ];
    body.extend(members.iter().map(|m| li(1, 0, m)));
    body.extend([
        p(&r(
            "Partnerem regionalnym jest Urząd Marszałkowski Województwa Podlaskiego.",
        )),
        p(&image("rId20", 1, None)),
        p(&rf("<w:b/>", "Zapraszamy do współpracy!")),
        p(&format!(
            "{}<w:r><w:br/></w:r>{}",
            r("W imieniu Partnerstwa"),
            r("Wójt Gminy Klukowo")
        )),
    ]);
    let mut docx = Docx::new(body.concat())
        .rel("rId20", REL_IMAGE, "media/image1.png", false)
        .part("word/media/image1.png", PNG);
    docx.styles = Some(STYLES.into());
    docx.numbering = Some(NUMBERING.into());
    std::fs::write(fx.path("ogloszenie.docx"), docx.bytes()).unwrap();
    let run = fx.run(&[
        "import",
        "ogloszenie.docx",
        "--site",
        "ziemia-wysokomazowiecka",
    ]);
    run.assert_ok();
    let rel = "content/ziemia-wysokomazowiecka/aktualnosci/2021-01-20-partnerstwo-ziemia-wysokomazowiecka-w-pilotazu-cwd.md";
    let text = fx.read(rel);
    assert!(
        text.contains("\nsignature: \"W imieniu Partnerstwa – Wójt Gminy Klukowo\"\n"),
        "{text}"
    );
    assert!(text.contains("\n# gminy: [Gmina Klukowo]"), "{text}");
    let expected_body = format!(
        "Samorządy powiatu wysokomazowieckiego wspólnie przygotowują się do perspektywy finansowej 2021–2027.

## Kto tworzy Partnerstwo

{}

Partnerem regionalnym jest Urząd Marszałkowski Województwa Podlaskiego.

![TODO: opisz, co przedstawia obrazek](obraz-1.png)

**Zapraszamy do współpracy!**
",
        members.map(|m| format!("- {m}")).join("\n")
    );
    assert!(
        text.ends_with(&format!("\n---\n\n{expected_body}")),
        "{text}"
    );
    // Until the clerk describes the picture, check and build say so.
    let check = fx.run(&[
        "check",
        "--site",
        "ziemia-wysokomazowiecka",
        "--now",
        "2026-11-26",
    ]);
    assert_eq!(check.code, Some(1), "{}", check.stdout);
    assert!(
        check.stdout.contains("[img-alt-missing]"),
        "{}",
        check.stdout
    );
    fx.write(
        rel,
        text.replace(
            "TODO: opisz, co przedstawia obrazek",
            "Przedstawiciele jedenastu samorządów przy wspólnym stole",
        ),
    );
    let build = fx.build(&["--site", "ziemia-wysokomazowiecka", "--now", "2026-11-26"]);
    build.assert_ok();
    assert!(build.stderr.is_empty(), "no warnings:\n{}", build.stderr);
    let check = fx.run(&[
        "check",
        "--site",
        "ziemia-wysokomazowiecka",
        "--now",
        "2026-11-26",
    ]);
    assert_eq!(check.code, Some(0), "checks clean:\n{}", check.stdout);
    let html = fx.read(
        "public/ziemia-wysokomazowiecka/aktualnosci/partnerstwo-ziemia-wysokomazowiecka-w-pilotazu-cwd/index.html",
    );
    assert!(html.contains("Wójt Gminy Klukowo"), "{html}");
    assert!(html.contains("Gmina Kobylin-Borzymy"));
    assert!(fx.photo_published(
        "public/ziemia-wysokomazowiecka/aktualnosci/partnerstwo-ziemia-wysokomazowiecka-w-pilotazu-cwd/obraz-1.png"
    ));
}

/// A document written from Word's own template (see
/// tests/fixtures/make_ziemia_docx.py): Word's style ids, the List Bullet and
/// List Number styles, a table with a header row, a picture with its
/// description, a hyperlink, an empty paragraph, a signature with a line break.
#[test]
fn a_document_from_words_template_converts_and_builds() {
    let fx = Fixture::samples();
    let docx = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ziemia-wysokomazowiecka.docx");
    let run = fx.run(&[
        "import",
        docx.to_str().unwrap(),
        "--site",
        "ziemia-wysokomazowiecka",
    ]);
    run.assert_ok();
    assert!(!run.stdout.contains("Do sprawdzenia"), "{}", run.stdout);
    let slug = "wspolnie-przygotowujemy-sie-do-perspektywy-finansowej-2021-2027";
    let text = fx.read(&format!(
        "content/ziemia-wysokomazowiecka/aktualnosci/2021-01-20-{slug}.md"
    ));
    assert!(text.contains(
        "\ntitle: \"Wspólnie przygotowujemy się do perspektywy finansowej 2021–2027\"\n"
    ));
    assert!(text.contains("\nsignature: \"W imieniu Partnerstwa – Wójt Gminy Klukowo\"\n"));
    let body = text.split_once("\n---\n\n").unwrap().1;
    assert_eq!(
        body,
        "Samorządy powiatu wysokomazowieckiego od jesieni 2020 r. uczestniczą w pilotażu **Centrum Wsparcia Doradczego**, prowadzonym przez Ministerstwo Funduszy i Polityki Regionalnej oraz Związek Miast Polskich. Pracujemy nad strategią „Ziemia Wysokomazowiecka 2030” – _wspólnie_ i dla wszystkich mieszkańców.

## Kto tworzy Partnerstwo

- Powiat Wysokomazowiecki
- Miasto Wysokie Mazowieckie
- Gmina Wysokie Mazowieckie
- Gmina Szepietowo
- Gmina Kulesze Kościelne
- Gmina Kobylin-Borzymy
- Gmina Sokoły
- Gmina Czyżew
- Gmina Klukowo
- Gmina Nowe Piekuty
- Miasto i Gmina Ciechanowiec

Liderem jest Gmina Klukowo, a partnerem regionalnym – Urząd Marszałkowski Województwa Podlaskiego.

## Harmonogram

1. Ankiety wśród mieszkańców, uczniów i liderów
2. Warsztaty strategiczne
3. Konsultacje projektu strategii

| Etap | Termin |
|---|---|
| Ankiety | listopad 2020 |
| Warsztaty | kwiecień 2021 |

![Mapa obszaru Partnerstwa z zaznaczonymi granicami jedenastu samorządów](obraz-1.png)

Szczegóły na stronie [Partnerstwa](https://partnerstwa.example.org/ziemia-wysokomazowiecka/).

**Zapraszamy do współpracy!**
"
    );
    let build = fx.build(&["--site", "ziemia-wysokomazowiecka", "--now", "2026-11-26"]);
    build.assert_ok();
    // The fixture's title is the same as a sample announcement's: the only
    // warning is that one.
    let warnings = build.warnings();
    assert!(
        warnings.iter().all(|w| w.message.contains("ten sam tytuł")),
        "{}",
        build.stderr
    );
    let check = fx.run(&[
        "check",
        "--site",
        "ziemia-wysokomazowiecka",
        "--now",
        "2026-11-26",
    ]);
    assert_eq!(check.code, Some(0), "checks clean:\n{}", check.stdout);
    assert!(fx.photo_published(&format!(
        "public/ziemia-wysokomazowiecka/aktualnosci/{slug}/obraz-1.png"
    )));
}

// ---------------------------------------------------------------------------
// import: bad input gives a message in Polish and writes nothing.

/// Imports `bytes` as `plik.docx` and returns the one error, after checking
/// that content/ did not change.
fn import_fails(bytes: &[u8]) -> Diag {
    let fx = workspace();
    fx.write("plik.docx", bytes);
    let before = fx.snapshot("content");
    let run = fx.run(&["import", "plik.docx", "--site", "alfa"]);
    run.assert_failed();
    assert_eq!(fx.snapshot("content"), before, "nothing is written");
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].file, "plik.docx");
    errors[0].clone()
}

#[test]
fn a_file_that_is_not_a_zip_is_refused() {
    let error = import_fails("Zwykły tekst, nie dokument.".as_bytes());
    assert!(
        error.message.contains("to nie jest dokument Worda (.docx)"),
        "{error:?}"
    );
    assert!(error.hint.unwrap().contains("Zapisz jako"));
}

/// The start of an OLE compound file (legacy .doc, encrypted .docx).
fn ole() -> Vec<u8> {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 504));
    ole
}

#[test]
fn a_legacy_doc_is_refused_with_save_as_docx() {
    let error = import_fails(&ole());
    assert!(
        error.message.contains("starym formacie Worda (.doc)"),
        "{error:?}"
    );
    assert!(error.hint.unwrap().contains("(*.docx)"));
}

#[test]
fn a_password_protected_docx_is_refused() {
    let mut encrypted = ole();
    encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let error = import_fails(&encrypted);
    assert!(error.message.contains("chroniony hasłem"), "{error:?}");
    assert!(error.hint.unwrap().contains("usuń hasło"));
}

#[test]
fn a_zip_without_a_word_document_is_refused() {
    let bytes = zip_bytes(&[("notatki.txt".to_string(), b"tekst".to_vec())]);
    let error = import_fails(&bytes);
    assert!(
        error.message.contains("brakuje w nim word/document.xml"),
        "{error:?}"
    );
}

#[test]
fn broken_xml_is_a_message_not_a_panic() {
    let bytes = zip_bytes(&[(
        "word/document.xml".to_string(),
        b"<w:document><w:body><w:p></w:body>".to_vec(),
    )]);
    let error = import_fails(&bytes);
    assert!(
        error.message.contains("dokument jest uszkodzony"),
        "{error:?}"
    );
    assert!(error.message.contains("word/document.xml"), "{error:?}");
}

#[test]
fn a_document_without_text_is_refused() {
    let docx = Docx::new(format!("{}{}", p(""), p("<w:r><w:t>   </w:t></w:r>")));
    let error = import_fails(&docx.bytes());
    assert!(error.message.contains("nie ma tekstu"), "{error:?}");
}

#[test]
fn a_truncated_zip_is_refused() {
    let bytes = every_element().bytes();
    let error = import_fails(&bytes[..bytes.len() / 2]);
    assert!(error.message.contains("Worda"), "{error:?}");
}

#[test]
fn import_never_overwrites_a_page() {
    let fx = workspace();
    import(&fx, &every_element(), &[]).assert_ok();
    let before = fx.snapshot("content");
    let run = import(&fx, &every_element(), &[]);
    run.assert_failed();
    assert_eq!(fx.snapshot("content"), before);
    let error = &run.errors()[0];
    assert_eq!(
        error.file,
        "content/alfa/aktualnosci/2021-01-20-zaproszenie-na-warsztaty-strategiczne.md"
    );
    assert!(
        error.message.contains("Tablica go nie nadpisze"),
        "{error:?}"
    );
    // Another title makes another page; the document's date is kept.
    import(
        &fx,
        &every_element(),
        &["--title", "Warsztaty – zaproszenie"],
    )
    .assert_ok();
    assert!(fx.exists("content/alfa/aktualnosci/2021-01-20-warsztaty-zaproszenie.md"));
}

#[test]
fn import_messages_in_english() {
    let fx = workspace();
    fx.write("plik.docx", "tekst");
    let run = fx.run(&["--lang", "en", "import", "plik.docx", "--site", "alfa"]);
    run.assert_failed();
    assert!(
        run.stderr
            .contains("error: this is not a Word document (.docx)")
            && run.stderr.contains("--> plik.docx"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("what to do: open the file in Word"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// new

#[test]
fn new_creates_a_draft_that_is_published_only_with_real_text() {
    let fx = workspace();
    let run = fx.run(&[
        "new",
        "--site",
        "alfa",
        "Zażółć gęślą jaźń",
        "--date",
        "20.01.2021",
    ]);
    run.assert_ok();
    let rel = "content/alfa/aktualnosci/2021-01-20-zazolc-gesla-jazn.md";
    assert_eq!(run.stdout, format!("Utworzono: {rel}\n"));
    let text = fx.read(rel);
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("\ntitle: \"Zażółć gęślą jaźń\"\n"), "{text}");
    assert!(text.contains("\ndate: 20.01.2021 "), "{text}");
    for key in [
        "updated",
        "summary",
        "tags",
        "categories",
        "gminy",
        "signature",
        "source",
        "attachments",
        "gallery",
        "event",
        "consultation",
    ] {
        assert!(
            text.contains(&format!("\n# {key}: ")) || text.contains(&format!("\n# {key}:\n")),
            "{key}:\n{text}"
        );
    }
    assert!(text.contains("# gminy: [Gmina alfa]"), "{text}");
    // An untouched new file is a draft: it builds, and is not published.
    assert!(text.contains("\ndraft: true "), "{text}");
    let build = fx.build_ok(&["--now", "2026-11-26"]);
    assert!(build.stderr.is_empty(), "{}", build.stderr);
    assert!(
        build.stdout.contains("1 szkic pominięty"),
        "{}",
        build.stdout
    );
    assert!(!fx.exists("public/alfa/aktualnosci/zazolc-gesla-jazn/index.html"));
    let html = fx.read("public/alfa/index.html");
    assert!(!html.contains("Tu wpisz treść"), "{html}");

    // The draft line removed but the placeholder kept: an error at its line.
    let published: String = text
        .lines()
        .filter(|l| !l.starts_with("draft: true"))
        .map(|l| format!("{l}\n"))
        .collect();
    fx.write(rel, &published);
    let line = published
        .lines()
        .position(|l| l.starts_with("Tu wpisz treść ogłoszenia."))
        .unwrap()
        + 1;
    let failed = fx.build(&["--now", "2026-11-26"]);
    failed.assert_failed();
    let errors = failed.errors();
    assert_eq!(errors.len(), 1, "{}", failed.stderr);
    assert!(
        failed.stderr.contains("text-placeholder"),
        "{}",
        failed.stderr
    );
    assert!(errors[0].file.ends_with(rel), "{}", failed.stderr);
    assert_eq!(errors[0].line, Some(line), "{}", failed.stderr);
    assert!(failed.stderr.contains("draft: true"), "{}", failed.stderr);

    // With the clerk's own text the page is published.
    let written = published.replace(
        &published[published.find("Tu wpisz").unwrap()..],
        "Zapraszamy na spotkanie w sprawie strategii.\n",
    );
    fx.write(rel, &written);
    let build = fx.build_ok(&["--now", "2026-11-26"]);
    assert!(build.stderr.is_empty(), "{}", build.stderr);
    let html = fx.read("public/alfa/aktualnosci/zazolc-gesla-jazn/index.html");
    assert!(html.contains("Zażółć gęślą jaźń"));
}

#[test]
fn new_uses_today_without_a_date() {
    let fx = workspace();
    fx.run(&["new", "--site", "alfa", "Spotkanie w Sokołach"])
        .assert_ok();
    let today = tablica::base::date::PageDate::today_utc().iso_date();
    assert!(fx.exists(&format!(
        "content/alfa/aktualnosci/{today}-spotkanie-w-sokolach.md"
    )));
}

#[test]
fn new_never_overwrites_and_sees_the_same_address_under_another_date() {
    let fx = workspace();
    let args = ["new", "--site", "alfa", "Zebranie", "--date", "2021-01-20"];
    fx.run(&args).assert_ok();
    let rel = "content/alfa/aktualnosci/2021-01-20-zebranie.md";
    fx.write(
        rel,
        announcement("Zebranie", "2021-01-20", "Treść napisana przez urzędnika."),
    );
    let again = fx.run(&args);
    again.assert_failed();
    let error = &again.errors()[0];
    assert_eq!(error.file, rel);
    assert!(error.hint.as_ref().unwrap().contains("--date"), "{error:?}");
    let later = fx.run(&["new", "--site", "alfa", "Zebranie", "--date", "2021-02-01"]);
    later.assert_failed();
    assert_eq!(later.errors()[0].file, rel);
    assert!(later.errors()[0].message.contains("tym samym adresie"));
    assert!(fx.read(rel).contains("Treść napisana przez urzędnika."));
    assert_eq!(
        fx.files("content/alfa/aktualnosci").len(),
        2,
        "only _index.md and the page"
    );
}

#[test]
fn new_names_the_nearest_site_and_section() {
    let fx = workspace();
    let run = fx.run(&["new", "--site", "alfq", "Tytuł"]);
    run.assert_failed();
    let error = &run.errors()[0];
    assert_eq!(error.file, "config.yaml");
    assert!(
        error.message.contains("nie ma witryny o id „alfq”"),
        "{error:?}"
    );
    assert!(
        error.hint.as_ref().unwrap().contains("--site alfa"),
        "{error:?}"
    );
    let run = fx.run(&["new", "--site", "alfa", "Tytuł", "--section", "aktualnosc"]);
    run.assert_failed();
    assert!(run.errors()[0]
        .hint
        .as_ref()
        .unwrap()
        .contains("--section aktualnosci"));
    let run = fx.run(&["new", "--site", "alfa", "Tytuł", "--date", "31.02.2021"]);
    assert_eq!(run.code, Some(2), "clap refuses a date that does not exist");
    assert_eq!(fx.files("content/alfa/aktualnosci").len(), 1);
}

// ---------------------------------------------------------------------------
// The guide for clerks

/// The hub's help page is the guide of docs/pl with front matter on top.
#[test]
fn the_hub_help_page_is_the_clerks_guide() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(repo.join("docs/pl/poradnik-redaktora.md")).unwrap();
    let page = std::fs::read_to_string(repo.join("content/cwd/poradnik-redaktora.md")).unwrap();
    let (title_line, guide_body) = guide.split_once('\n').unwrap();
    let title = title_line
        .strip_prefix("# ")
        .expect("the guide starts with its title");
    let (front, page_body) = page
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap();
    assert!(front.contains(&format!("title: \"{title}\"")), "{front}");
    assert_eq!(
        page_body.trim_start(),
        guide_body.trim_start(),
        "copy docs/pl/poradnik-redaktora.md into the hub page"
    );
}

/// A table of contents is left out, bullets typed by hand become a list,
/// a footnote referenced twice is one note, endnotes follow footnotes, and
/// a document with neither heading nor short first line is named by its file.
#[test]
fn import_reads_typed_bullets_and_notes_and_skips_the_table_of_contents() {
    let fx = workspace();
    let toc = format!(
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        p(&r("Spis treści ..... 1"))
    );
    let reference = |kind: &str, id: u32| format!(r#"<w:r><w:{kind}Reference w:id="{id}"/></w:r>"#);
    let body = [
        toc,
        p(&r("Partnerstwo zaprasza mieszkańców wszystkich gmin na spotkania w sprawie strategii terytorialnej.")),
        p(&format!("{}{}", r("Ankieta"), reference("footnote", 2))),
        p(&format!("{}{}{}", r("Wyniki"), reference("footnote", 2), reference("endnote", 1))),
        p(&r("•\tpierwszy punkt")),
        p(&r("• drugi punkt")),
        p(&r("•bez odstępu")),
    ]
    .concat();
    let mut docx = Docx::new(body).part(
        "word/endnotes.xml",
        format!(
            r#"<w:endnotes {W}><w:endnote w:id="1"><w:p>{}</w:p></w:endnote></w:endnotes>"#,
            r("Przypis końcowy.")
        ),
    );
    docx.footnotes = Some(format!(
        r#"<w:footnote w:id="2"><w:p>{}</w:p></w:footnote>"#,
        r("Ankieta z 2020 r.")
    ));
    std::fs::write(fx.path("Spotkania_partnerstwa.docx"), docx.bytes()).unwrap();
    let run = fx.run(&[
        "import",
        "Spotkania_partnerstwa.docx",
        "--site",
        "alfa",
        "--date",
        "2021-05-19",
    ]);
    run.assert_ok();
    assert_eq!(
        imported_body(&fx, "2021-05-19-spotkania-partnerstwa.md"),
        "Partnerstwo zaprasza mieszkańców wszystkich gmin na spotkania w sprawie strategii terytorialnej.

Ankieta[^1]

Wyniki[^1][^2]

- pierwszy punkt
- drugi punkt

•bez odstępu

[^1]: Ankieta z 2020 r.
[^2]: Przypis końcowy.
"
    );
    assert!(run.stdout.contains("spis treści"), "{}", run.stdout);
    assert!(
        run.stdout.contains("tytuł wzięto z nazwy pliku"),
        "{}",
        run.stdout
    );
}

#[test]
fn new_speaks_english_with_lang_en() {
    let fx = workspace();
    let run = fx.run(&[
        "--lang",
        "en",
        "new",
        "--site",
        "alfa",
        "Forum",
        "--date",
        "2023-11-06",
    ]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "Created: content/alfa/aktualnosci/2023-11-06-forum.md\n"
    );
    let again = fx.run(&[
        "--lang",
        "en",
        "new",
        "--site",
        "alfa",
        "Forum",
        "--date",
        "2023-11-06",
    ]);
    again.assert_failed();
    assert!(
        again
            .stderr
            .contains("error: this file already exists; Tablica will not overwrite it")
            && again
                .stderr
                .contains("--> content/alfa/aktualnosci/2023-11-06-forum.md"),
        "{}",
        again.stderr
    );
}

/// `tablica new --etr` and `--pjm` start the easy-to-read and sign-language
/// pages at the site's root, as drafts with their kind.
#[test]
fn new_starts_easy_read_and_sign_language_pages() {
    let fx = workspace();
    fx.run(&["new", "--site", "alfa", "--etr", "Tekst łatwy do czytania"])
        .assert_ok();
    let etr = fx.read("content/alfa/tekst-latwy-do-czytania.md");
    assert!(etr.contains("\nkind: etr "), "{etr}");
    assert!(etr.contains("\ndraft: true "), "{etr}");
    fx.run(&["new", "--site", "alfa", "--pjm", "Język migowy"])
        .assert_ok();
    let pjm = fx.read("content/alfa/jezyk-migowy.md");
    assert!(
        pjm.contains("\nkind: pjm ") && pjm.contains("# video: ") && pjm.contains("# captions: "),
        "{pjm}"
    );
    let both = fx.run(&["new", "--site", "alfa", "--etr", "--pjm", "X"]);
    assert_eq!(both.code, Some(2));
}
