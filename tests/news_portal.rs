//! News-portal features on real output: taxonomy term pages, the members
//! page, Polish alphabetical order, scheduled announcements.

mod common;

use common::*;

fn fixture() -> Fixture {
    let fx = Fixture::new();
    let site = "  - id: alfa
    title: Partnerstwo Alfa
    base_url: https://example.org/alfa/
    paginate_by: 2
    leader: Gmina Łąki
    members:
      - name: Gmina Łąki
        type: gmina wiejska
        bip: https://bip.example.org/laki/
      - name: Gmina Lipno
        type: gmina miejsko-wiejska
      - name: Powiat Sokólski
        type: powiat
"
    .to_string();
    fx.write("config.yaml", config(&[site]));
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    let pages = [
        (
            "2021-01-10-jeden",
            "Jeden",
            "[Śląsk, ankiety]",
            "[Gmina Łąki]",
        ),
        (
            "2021-02-10-dwa",
            "Dwa",
            "[ankiety, Łąki]",
            "[Gmina Łąki, Gmina Lipno]",
        ),
        (
            "2021-03-10-trzy",
            "Trzy",
            "[Sady, ankiety]",
            "[Gmina Lipno]",
        ),
        ("2021-04-10-cztery", "Cztery", "[ankiety]", "[Gmina Łąki]"),
    ];
    for (file, title, tags, gminy) in pages {
        let date = &file[..10];
        fx.write(
            &format!("content/alfa/aktualnosci/{file}.md"),
            format!("---\ntitle: {title}\ndate: {date}\ntags: {tags}\ncategories: [Ogłoszenia]\ngminy: {gminy}\n---\nTreść.\n"),
        );
    }
    fx
}

fn card_titles(html: &str) -> Vec<String> {
    html.split("class=card-title>")
        .skip(1)
        .filter_map(|rest| {
            let link_text = rest.split("</a>").next()?;
            Some(link_text.rsplit('>').next()?.to_string())
        })
        .collect()
}

#[test]
fn a_term_page_lists_exactly_its_pages_newest_first_and_paginates() {
    let fx = fixture();
    fx.build_ok(&[]);
    let first = fx.read("public/alfa/tagi/ankiety/index.html");
    assert_eq!(card_titles(&first), ["Cztery", "Trzy"], "{first}");
    let second = fx.read("public/alfa/tagi/ankiety/strona/2/index.html");
    assert_eq!(card_titles(&second), ["Dwa", "Jeden"]);
    assert!(!fx.exists("public/alfa/tagi/ankiety/strona/3/index.html"));
    assert!(first.contains("<h1>Tag: ankiety"), "{first}");
    let laki = fx.read("public/alfa/tagi/laki/index.html");
    assert_eq!(card_titles(&laki), ["Dwa"], "slugs are transliterated");
    let gmina = fx.read("public/alfa/gminy/gmina-laki/index.html");
    assert_eq!(card_titles(&gmina), ["Cztery", "Dwa"]);
    let lipno = fx.read("public/alfa/gminy/gmina-lipno/index.html");
    assert_eq!(card_titles(&lipno), ["Trzy", "Dwa"]);
}

#[test]
fn terms_are_listed_in_polish_alphabetical_order() {
    let fx = fixture();
    fx.build_ok(&[]);
    let index = fx.read("public/alfa/tagi/index.html");
    let order: Vec<usize> = ["ankiety<", "Łąki<", "Sady<", "Śląsk<"]
        .iter()
        .map(|t| offset(&index, t))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{index}");
}

#[test]
fn members_page_lists_every_member_with_type_bip_and_count() {
    let fx = fixture();
    fx.build_ok(&[]);
    let members = fx.read("public/alfa/gminy/index.html");
    let order: Vec<usize> = ["Gmina Lipno<", "Gmina Łąki<", "Powiat Sokólski<"]
        .iter()
        .map(|t| offset(&members, t))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{members}");
    assert!(members.contains("https://bip.example.org/laki/"));
    assert!(members.contains("gmina miejsko-wiejska"));
    // A member no announcement concerns still has its page, saying so.
    let powiat = fx.read("public/alfa/gminy/powiat-sokolski/index.html");
    assert!(card_titles(&powiat).is_empty());
    assert!(
        powiat.contains("Nie ma jeszcze żadnych ogłoszeń"),
        "{powiat}"
    );
}

#[test]
fn announcement_links_to_its_terms() {
    let fx = fixture();
    fx.build_ok(&[]);
    let page = unquoted(&fx.read("public/alfa/aktualnosci/dwa/index.html"));
    for href in [
        "/alfa/tagi/ankiety/",
        "/alfa/tagi/laki/",
        "/alfa/gminy/gmina-lipno/",
        "/alfa/kategorie/ogloszenia/",
    ] {
        assert!(page.contains(&format!("href={href}>")), "{href} in {page}");
    }
}

#[test]
fn scheduled_announcement_waits_for_its_date() {
    let fx = fixture();
    fx.write(
        "content/alfa/aktualnosci/2021-06-01-pozniej.md",
        announcement("Później", "2021-06-01", "Zaplanowane."),
    );
    let run = fx.build_ok(&["--now", "31.05.2021"]);
    assert!(!fx.exists("public/alfa/aktualnosci/pozniej/index.html"));
    assert!(
        run.stdout.contains("1 zaplanowane na później"),
        "{}",
        run.stdout
    );
    fx.build_ok(&["--now", "2021-06-01"]);
    assert!(fx.exists("public/alfa/aktualnosci/pozniej/index.html"));
    fx.build_ok(&["--now", "2021-05-01", "--drafts"]);
    assert!(fx.exists("public/alfa/aktualnosci/pozniej/index.html"));
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

fn texts<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn site_and_term_feeds_parse_and_use_absolute_urls() {
    let fx = fixture();
    fx.build_ok(&[]);
    let atom_xml = fx.read("public/alfa/atom.xml");
    let atom = parse(&atom_xml);
    let ids = texts(&atom, "id");
    assert_eq!(ids[0], "https://example.org/alfa/");
    assert_eq!(
        &ids[1..],
        [
            "https://example.org/alfa/aktualnosci/cztery/",
            "https://example.org/alfa/aktualnosci/trzy/",
            "https://example.org/alfa/aktualnosci/dwa/",
            "https://example.org/alfa/aktualnosci/jeden/",
        ]
    );
    assert_eq!(texts(&atom, "updated")[0], "2021-04-10T00:00:00+02:00");
    assert!(texts(&atom, "published").contains(&"2021-01-10T00:00:00+01:00"));
    for link in atom.descendants().filter(|n| n.has_tag_name("link")) {
        assert!(link
            .attribute("href")
            .unwrap()
            .starts_with("https://example.org/alfa/"));
    }

    let rss_xml = fx.read("public/alfa/rss.xml");
    let rss = parse(&rss_xml);
    assert_eq!(rss.root_element().attribute("version"), Some("2.0"));
    let links = texts(&rss, "link");
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://example.org/alfa/")),
        "{links:?}"
    );
    assert_eq!(texts(&rss, "pubDate")[0], "Sat, 10 Apr 2021 00:00:00 +0200");

    let term_xml = fx.read("public/alfa/tagi/laki/atom.xml");
    let term = parse(&term_xml);
    assert_eq!(
        texts(&term, "id")[1..],
        ["https://example.org/alfa/aktualnosci/dwa/"]
    );
    assert!(
        !fx.exists("public/alfa/gminy/powiat-sokolski/atom.xml"),
        "no feed for an empty term"
    );
    let page = fx.read("public/alfa/tagi/laki/index.html");
    assert!(
        page.contains("href=/alfa/tagi/laki/atom.xml"),
        "term pages offer their own feed"
    );
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_robots_points_to_it() {
    let fx = fixture();
    fx.build_ok(&[]);
    let xml = fx.read("public/alfa/sitemap.xml");
    let sitemap = parse(&xml);
    let locs = texts(&sitemap, "loc");
    let pages: Vec<String> = fx
        .files("public/alfa")
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .collect();
    assert_eq!(locs.len(), pages.len(), "{locs:?}\n{pages:?}");
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://example.org/alfa/")));
    assert!(
        xml.contains(
            "<loc>https://example.org/alfa/aktualnosci/dwa/</loc><lastmod>2021-02-10</lastmod>"
        ),
        "{xml}"
    );
    assert!(!xml.contains("404"));
    assert_eq!(
        fx.read("public/alfa/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/alfa/sitemap.xml\n"
    );
}

#[test]
fn a_404_page_is_written_with_working_links() {
    let fx = fixture();
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/404.html");
    assert!(html.contains("<h1>Nie znaleziono strony</h1>"), "{html}");
    assert!(
        html.contains("href=/alfa/"),
        "links work from any address: {html}"
    );
}

#[test]
fn announcement_shows_older_newer_related_and_reading_time() {
    let fx = fixture();
    fx.build_ok(&[]);
    let page = unquoted(&fx.read("public/alfa/aktualnosci/dwa/index.html"));
    let nav = element(&page, "<nav", "class=article-nav", "</nav>");
    assert!(
        nav.contains("href=/alfa/aktualnosci/jeden/ rel=prev>Jeden</a>"),
        "{nav}"
    );
    assert!(
        nav.contains("href=/alfa/aktualnosci/trzy/ rel=next>Trzy</a>"),
        "{nav}"
    );
    // Dwa shares ankiety with all three others, and Gmina Łąki with Jeden and
    // Cztery, Gmina Lipno with Trzy: each shares two terms, so newest first.
    let related = element(&page, "<section", "class=related", "</section>");
    let titles = card_titles(related);
    assert_eq!(titles, ["Cztery", "Trzy", "Jeden"], "{related}");
    assert!(
        page.contains("<dt>Czas czytania</dt><dd>1\u{a0}min</dd>"),
        "{page}"
    );
    let oldest = unquoted(&fx.read("public/alfa/aktualnosci/jeden/index.html"));
    assert!(
        !oldest.contains("rel=prev"),
        "the oldest has no older neighbour"
    );
}

#[test]
fn announcement_has_open_graph_and_news_article_json_ld() {
    let fx = fixture();
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/aktualnosci/dwa/index.html");
    assert!(
        html.contains("property=og:type>") || html.contains("content=article property=og:type"),
        "{html}"
    );
    let json = html
        .split("<script type=application/ld+json>")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("JSON-LD in the page");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["@type"], "NewsArticle");
    assert_eq!(value["headline"], "Dwa");
    assert_eq!(value["url"], "https://example.org/alfa/aktualnosci/dwa/");
    assert_eq!(value["datePublished"], "2021-02-10T00:00:00+01:00");
    let home = fx.read("public/alfa/index.html");
    assert!(!home.contains("ld+json"));
}

#[test]
fn hub_groups_partnerships_by_voivodeship_and_combines_every_feed() {
    let fx = Fixture::new();
    let with_voivodeship = |id: &str, title: &str, voivodeship: &str| {
        site(id, title, &format!("https://example.org/{id}/"))
            + &format!("    voivodeship: {voivodeship}\n")
    };
    fx.write(
        "config.yaml",
        config(&[
            with_voivodeship("alfa", "Partnerstwo Alfa", "śląskie"),
            with_voivodeship("beta", "Partnerstwo Beta", "łódzkie"),
            with_voivodeship("gamma", "Partnerstwo Gamma", "lubelskie"),
            hub("centrum", "Centrum", "https://example.org/centrum/"),
        ]),
    );
    for (id, date) in [
        ("alfa", "2021-01-01"),
        ("beta", "2021-02-01"),
        ("gamma", "2021-03-01"),
        ("centrum", "2021-04-01"),
    ] {
        fx.write_site_skeleton(id, id);
        fx.write(
            &format!("content/{id}/aktualnosci/{date}-wiesci-{id}.md"),
            announcement(&format!("Wieści {id}"), date, "Treść."),
        );
    }
    fx.build_ok(&[]);
    let page = fx.read("public/centrum/index.html");
    // The newest announcements come first; the partnerships after them.
    let home = &page[offset(&page, "class=partnerships")..];
    let order: Vec<usize> = ["lubelskie<", "łódzkie<", "śląskie<"]
        .iter()
        .map(|v| offset(home, v))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "voivodeships in Polish order: {home}"
    );
    assert!(offset(home, "lubelskie<") < offset(home, "Partnerstwo Gamma<"));

    let xml = fx.read("public/centrum/atom.xml");
    let feed = parse(&xml);
    assert_eq!(
        texts(&feed, "id")[1..],
        [
            "https://example.org/centrum/aktualnosci/wiesci-centrum/",
            "https://example.org/gamma/aktualnosci/wiesci-gamma/",
            "https://example.org/beta/aktualnosci/wiesci-beta/",
            "https://example.org/alfa/aktualnosci/wiesci-alfa/",
        ],
        "each entry links to its own site's page"
    );
}

fn write_consultation_page(fx: &Fixture) {
    let page = "---
title: Konsultacje projektu
date: 2021-09-01
consultation:
  subject: Projekt strategii
  from: 15.09.2021
  to: 06.10.2021
  how: E-mailem albo w urzędzie.
event:
  start: 21.09.2021 17:30
  end: 21.09.2021 19:00
  place: Świetlica wiejska
  address: Lipno
attachments:
  - file: projekt.pdf
    title: Projekt strategii
  - file: /pliki/formularz.docx
    title: Formularz uwag
---
Zapraszamy.
";
    fx.write("content/alfa/aktualnosci/2021-09-01-konsultacje.md", page);
    fx.write(
        "content/alfa/aktualnosci/2021-09-01-konsultacje/projekt.pdf",
        vec![b'%'; 245_000],
    );
    fx.write("static/pliki/formularz.docx", vec![b'x'; 1_234_567]);
}

#[test]
fn attachments_show_type_and_size_computed_at_build() {
    let fx = fixture();
    write_consultation_page(&fx);
    fx.build_ok(&["--now", "2021-09-01"]);
    let html = unquoted(&fx.read("public/alfa/aktualnosci/konsultacje/index.html"));
    assert!(html.contains("href=/alfa/aktualnosci/konsultacje/projekt.pdf>Projekt strategii</a> <span class=attachment-meta>(PDF, 245 kB)</span>"), "{html}");
    assert!(html.contains("href=/alfa/pliki/formularz.docx>Formularz uwag</a> <span class=attachment-meta>(DOCX, 1,2 MB)</span>"), "{html}");
    assert!(fx.exists("public/alfa/aktualnosci/konsultacje/projekt.pdf"));
}

#[test]
fn missing_attachment_is_an_error_naming_its_line() {
    let fx = fixture();
    fx.build_ok(&[]);
    let before = fx.snapshot("public");
    write_consultation_page(&fx);
    fx.remove("content/alfa/aktualnosci/2021-09-01-konsultacje/projekt.pdf");
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(
        errors[0].location(),
        "content/alfa/aktualnosci/2021-09-01-konsultacje.md:15:11",
        "{}",
        run.stderr
    );
    assert!(errors[0].message.contains("projekt.pdf"));
    assert_same_tree(&before, &fx.snapshot("public"));
}

#[test]
fn consultation_status_follows_the_build_date() {
    let fx = fixture();
    write_consultation_page(&fx);
    let status = |now: &str| {
        fx.build_ok(&["--now", now]);
        let html = fx.read("public/alfa/aktualnosci/konsultacje/index.html");
        ["zaplanowane", "trwają", "zakończone"]
            .into_iter()
            .find(|s| html.contains(&format!("<strong>{s}</strong>")))
            .unwrap_or("none")
    };
    assert_eq!(status("2021-09-14"), "zaplanowane");
    assert_eq!(status("2021-09-15"), "trwają");
    assert_eq!(status("06.10.2021"), "trwają");
    assert_eq!(status("2021-10-07"), "zakończone");
    assert!(fx
        .read("public/alfa/konsultacje/index.html")
        .contains("Konsultacje projektu"));
}

#[test]
fn event_has_a_valid_icalendar_file_and_shows_on_the_home_page_until_it_ends() {
    let fx = fixture();
    write_consultation_page(&fx);
    fx.build_ok(&["--now", "2021-09-20"]);
    let ics = fx.read("public/alfa/aktualnosci/konsultacje/wydarzenie.ics");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\r\nDTSTART:20210921T153000Z\r\n"),
        "17:30 in Poland in summer is 15:30 UTC: {unfolded}"
    );
    assert!(unfolded.contains("\r\nDTEND:20210921T170000Z\r\n"));
    assert!(
        unfolded.contains("\r\nLOCATION:Świetlica wiejska\\, Lipno\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("\r\nUID:https://example.org/alfa/aktualnosci/konsultacje/\r\n"));
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 1);
    let home = fx.read("public/alfa/index.html");
    assert!(home.contains("Najbliższe wydarzenia"), "{home}");
    fx.build_ok(&["--now", "2021-09-22"]);
    assert!(!fx
        .read("public/alfa/index.html")
        .contains("Najbliższe wydarzenia"));
}

#[test]
fn event_ending_before_it_starts_fails_the_build() {
    let fx = fixture();
    write_consultation_page(&fx);
    let file = "content/alfa/aktualnosci/2021-09-01-konsultacje.md";
    let text = fx
        .read(file)
        .replace("end: 21.09.2021 19:00", "end: 21.09.2021 16:00");
    fx.write(file, text);
    let run = fx.build(&[]);
    run.assert_failed();
    assert_eq!(
        run.errors()[0].location(),
        format!("{file}:11:8"),
        "{}",
        run.stderr
    );
}

/// A 3×2 GIF: enough for the size probe.
const GIF: &[u8] = include_bytes!("fixtures/photos/plansza.gif");

#[test]
fn gallery_photos_get_thumbnails_that_open_the_large_version() {
    let fx = fixture();
    fx.write(
        "content/alfa/aktualnosci/2021-05-01-galeria.md",
        "---\ntitle: Galeria\ndate: 2021-05-01\ngallery:\n  - file: a.jpg\n    alt: Uczestnicy przy stołach\n    caption: Warsztaty\n  - file: b.gif\n    alt: Sala z ekranem\n---\nZdjęcia.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-05-01-galeria/a.jpg",
        include_bytes!("fixtures/photos/telefon.jpg"),
    );
    fx.write("content/alfa/aktualnosci/2021-05-01-galeria/b.gif", GIF);
    fx.build_ok(&[]);
    let html = unquoted(&fx.read("public/alfa/aktualnosci/galeria/index.html"));
    let gallery = element(&html, "<section", "class=gallery", "</section>");
    assert_eq!(gallery.matches("<img ").count(), 2, "{gallery}");
    assert_eq!(gallery.matches("<picture>").count(), 2, "{gallery}");
    assert!(
        gallery.contains("alt=\"Uczestnicy przy stołach\"") || gallery.contains("alt=Uczestnicy"),
        "{gallery}"
    );
    // The phone photo is stored turned (orientation 6): 2000 × 1500 upright.
    let dir = "/alfa/aktualnosci/galeria/";
    for expected in [
        format!("<a href={dir}a-1600.jpg>"),
        format!("srcset={dir}a-480.webp 480w, {dir}a-800.webp 800w, {dir}a-1200.webp 1200w, {dir}a-1600.webp 1600w type"),
        "height=1200".to_string(),
        "width=1600".to_string(),
        "loading=lazy".to_string(),
        format!("src={dir}b-800.png"),
    ] {
        assert!(gallery.contains(&expected), "{expected} in {gallery}");
    }
    assert!(gallery.contains("<figcaption>Warsztaty</figcaption>"));
    for file in [
        "a-480.webp",
        "a-1600.webp",
        "a-1600.jpg",
        "b-480.webp",
        "b-800.png",
    ] {
        assert!(fx.exists(&format!("public{dir}{file}")), "{file}");
    }
    assert!(
        !fx.exists(&format!("public{dir}a.jpg")),
        "the original is not published"
    );
}

#[test]
fn gallery_photo_without_alt_is_an_error() {
    let fx = fixture();
    let file = "content/alfa/aktualnosci/2021-05-01-galeria.md";
    fx.write(file, "---\ntitle: Galeria\ndate: 2021-05-01\ngallery:\n  - file: a.gif\n    caption: Warsztaty\n---\nZdjęcia.\n");
    fx.write("content/alfa/aktualnosci/2021-05-01-galeria/a.gif", GIF);
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(
        errors[0].location(),
        format!("{file}:5:11"),
        "{}",
        run.stderr
    );
    assert!(errors[0].message.contains("nie ma opisu (alt)"));
}

#[test]
fn archive_groups_announcements_by_year_and_month() {
    let fx = fixture();
    fx.write(
        "content/alfa/aktualnosci/2021-02-20-piec.md",
        announcement("Pięć", "2021-02-20", "Treść."),
    );
    fx.write(
        "content/alfa/aktualnosci/2020-12-01-zero.md",
        announcement("Zero", "2020-12-01", "Treść."),
    );
    fx.build_ok(&[]);
    let february = fx.read("public/alfa/archiwum/2021/02/index.html");
    assert_eq!(card_titles(&february), ["Pięć", "Dwa"]);
    assert!(february.contains("<h1>Luty 2021"), "{february}");
    let year = fx.read("public/alfa/archiwum/2021/index.html");
    assert_eq!(card_titles(&year), ["Cztery", "Trzy"], "paginated by 2");
    let index = unquoted(&fx.read("public/alfa/archiwum/index.html"));
    assert!(
        offset(&index, ">2021<") < offset(&index, ">2020<"),
        "newest year first"
    );
    assert!(index.contains(">Grudzień 2020</a>"), "{index}");
}

/// Every upcoming event of a site on one list page, with one calendar file
/// holding them all; the home page links to it. Past events stay out.
#[test]
fn the_events_list_and_its_calendar_hold_every_upcoming_event() {
    let fx = fixture();
    for (slug, date, start) in [
        ("2021-09-01-forum", "2021-09-01", "21.09.2021 17:30"),
        ("2021-09-02-warsztaty", "2021-09-02", "05.10.2021"),
        ("2021-06-01-minione", "2021-06-01", "10.06.2021 10:00"),
    ] {
        fx.write(
            &format!("content/alfa/aktualnosci/{slug}.md"),
            format!("---\ntitle: Wydarzenie {slug}\ndate: {date}\nevent:\n  start: {start}\n  place: Świetlica\n---\nZapraszamy.\n"),
        );
    }
    fx.build_ok(&["--now", "2021-09-15"]);
    let list = fx.read("public/alfa/wydarzenia/index.html");
    assert!(
        list.contains("Wydarzenie 2021-09-01-forum")
            && list.contains("Wydarzenie 2021-09-02-warsztaty"),
        "{list}"
    );
    assert!(
        !list.contains("2021-06-01-minione"),
        "a past event is listed"
    );
    assert!(list.contains("wydarzenia/kalendarz.ics"), "{list}");
    let calendar = fx.read("public/alfa/wydarzenia/kalendarz.ics");
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 2, "{calendar}");
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    let home = fx.read("public/alfa/index.html");
    assert!(
        home.contains("/wydarzenia/"),
        "the home page does not link to the events"
    );
    // The checks know the new addresses: a link to the calendar is fine.
    fx.write(
        "content/alfa/o-kalendarzu.md",
        "---\ntitle: Kalendarz\n---\nPobierz [kalendarz wydarzeń](/wydarzenia/kalendarz.ics).\n",
    );
    let check = fx.run(&["check", "--now", "2021-09-15"]);
    assert!(!check.stdout.contains("link-broken"), "{}", check.stdout);
}

/// A news list names its feeds in words a resident understands, and a menu
/// entry for editors (`footer_only`) stays out of the residents' menu.
#[test]
fn news_lists_name_their_feeds_and_editor_pages_stay_in_the_footer() {
    let fx = fixture();
    fx.build_ok(&[]);
    let list = unquoted(&fx.read("public/alfa/aktualnosci/index.html"));
    assert!(list.contains("class=feed-links"), "{list}");
    assert!(
        list.contains("href=/alfa/rss.xml") && list.contains("href=/alfa/atom.xml"),
        "{list}"
    );

    let config = fx.read("config.yaml");
    fx.write(
        "config.yaml",
        config.replace(
            "    paginate_by: 2\n",
            "    paginate_by: 2\n    menu:\n      - { title: Aktualności, url: /aktualnosci/ }\n      - { title: Poradnik redaktora, url: /aktualnosci/, footer_only: true }\n",
        ),
    );
    fx.build_ok(&[]);
    let home = fx.read("public/alfa/index.html");
    let nav = &home[home.find("class=main-nav").unwrap()..home.find("</nav>").unwrap()];
    assert!(
        nav.contains("Aktualności") && !nav.contains("Poradnik redaktora"),
        "{nav}"
    );
    let footer = &home[home.find("<footer").unwrap()..];
    assert!(footer.contains("Poradnik redaktora"), "{footer}");
}

/// The list of consultations shows each one's state and period, judged on
/// the build's date, as the single page does.
#[test]
fn the_consultations_list_shows_state_and_period() {
    let fx = fixture();
    write_consultation_page(&fx);
    for (now, state) in [
        ("2021-09-01", "zaplanowane"),
        ("2021-09-20", "trwają"),
        ("2021-10-07", "zakończone"),
    ] {
        fx.build_ok(&["--now", now]);
        let list = unquoted(&fx.read("public/alfa/konsultacje/index.html"));
        assert!(
            list.contains(&format!("<strong>{state}</strong>")),
            "{now}: {list}"
        );
        let card = &list[list.find("class=card-consultation").unwrap()..];
        let card = &card[..card.find("</p>").unwrap()];
        assert!(
            card.contains("<time datetime=2021-09-15>")
                && card.contains("<time datetime=2021-10-06>"),
            "{now}: {card}"
        );
    }
}

/// The metryczka: who produced and who published the information, and its
/// change history, written with Polish or English keys; a change with a
/// date that does not exist is an error at the `changes:` line.
#[test]
fn the_metryczka_shows_who_produced_published_and_changed_the_page() {
    let fx = fixture();
    fx.write(
        "content/alfa/aktualnosci/2021-05-01-metryczka.md",
        "---\ntitle: Metryczka\ndate: 2021-05-01\nwytworzył: Referat Rozwoju\npublished_by: Anna Nowak\nzmiany:\n  - data: 03.05.2021\n    opis: Poprawiono godzinę spotkania.\n---\nTreść.\n",
    );
    fx.build_ok(&[]);
    let html = unquoted(&fx.read("public/alfa/aktualnosci/metryczka/index.html"));
    let record = &html[html.find("aria-labelledby=metryczka").unwrap()..];
    let record = &record[..record.find("</section>").unwrap()];
    for expected in [
        "<h2 id=metryczka>Metryczka</h2>",
        "<dd>Referat Rozwoju</dd>",
        "<dd>Anna Nowak, <time datetime=2021-05-01>",
        "<time datetime=2021-05-03>",
        "Poprawiono godzinę spotkania.",
    ] {
        assert!(record.contains(expected), "{expected}: {record}");
    }
    fx.write(
        "content/alfa/aktualnosci/2021-05-01-metryczka.md",
        "---\ntitle: Metryczka\ndate: 2021-05-01\nchanges:\n  - date: 31.04.2021\n    note: Zmiana.\n---\nTreść.\n",
    );
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].line, Some(4), "{}", run.stderr);
    assert!(errors[0].message.contains("31.04.2021"), "{}", run.stderr);
}
