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
