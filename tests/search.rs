//! The static search index (`<site>/search-index/`): what each site's and
//! the hub's index hold, read back the way `search.js` reads it. The
//! browser suite (tests/browser) types queries into the real page.

mod common;

use common::{announcement, config, hub, site, Fixture};
use serde_json::Value;
use std::collections::BTreeMap;

/// The JSON argument of `tablicaSearch.<call>(…)` in an index file.
fn call_arguments(script: &str, call: &str) -> Vec<Value> {
    let prefix = format!("tablicaSearch.{call}(");
    let body = script
        .trim_end()
        .strip_prefix(&prefix)
        .and_then(|s| s.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a {call} call: {}", &script[..80.min(script.len())]));
    serde_json::from_str(&format!("[{body}]")).unwrap()
}

struct Index {
    meta: Value,
    /// term → [(doc id, weight)]
    terms: BTreeMap<String, Vec<(u64, u64)>>,
    docs: Vec<Value>,
}

fn read_index(fx: &Fixture, site_dir: &str) -> Index {
    let dir = format!("{site_dir}/search-index");
    let meta = call_arguments(&fx.read(&format!("{dir}/meta.js")), "meta").remove(0);
    let mut terms = BTreeMap::new();
    for shard in meta["shards"].as_array().unwrap() {
        let shard = shard.as_str().unwrap();
        let args = call_arguments(&fx.read(&format!("{dir}/t-{shard}.js")), "terms");
        assert_eq!(args[0], shard);
        for (term, postings) in args[1].as_object().unwrap() {
            let mut id = 0;
            let list = postings
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let p = p.as_u64().unwrap();
                    id += p / 32;
                    (id, p % 32)
                })
                .collect();
            terms.insert(term.clone(), list);
        }
    }
    let count = meta["count"].as_u64().unwrap() as usize;
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let mut args = call_arguments(&fx.read(&format!("{dir}/d-{n}.js")), "docs");
        assert_eq!(args[0], n);
        docs.extend(args.remove(1).as_array().unwrap().iter().cloned());
    }
    assert_eq!(docs.len(), count);
    Index { meta, terms, docs }
}

impl Index {
    fn titles_with(&self, term: &str) -> Vec<(String, u64)> {
        self.terms
            .get(term)
            .unwrap_or_else(|| panic!("no term {term}: {:?}", self.terms.keys().take(50)))
            .iter()
            .map(|&(id, w)| (self.docs[id as usize]["t"].as_str().unwrap().to_string(), w))
            .collect()
    }
}

fn two_partnerships_and_hub() -> Fixture {
    let fx = Fixture::new();
    fx.write(
        "config.yaml",
        config(&[
            site("alfa", "Partnerstwo Alfa", "https://example.org/alfa/"),
            site("beta", "Partnerstwo Beta", "https://example.org/beta/"),
            hub("centrum", "Partnerstwa regionu", "https://example.org/"),
        ]),
    );
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    fx.write_site_skeleton("beta", "Partnerstwo Beta");
    fx.write(
        "content/centrum/_index.md",
        "---\ntitle: Partnerstwa regionu\n---\nWszystkie partnerstwa.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-03-01-konsultacje.md",
        "---\ntitle: Konsultacje strategii w Łosicach\ndate: 2021-03-01\ngminy: [Gmina alfa]\ntags: [strategia]\n---\nZapraszamy mieszkańców na spotkanie w sprawie <strong>strategii</strong> &amp; planu.\n",
    );
    fx.write(
        "content/alfa/aktualnosci/2021-02-01-drogi.md",
        announcement(
            "Remont dróg gminnych",
            "2021-02-01",
            "Po konsultacjach społecznych ruszył remont. Konsultacje, konsultacji, konsultacjami.",
        ),
    );
    fx.write(
        "content/beta/aktualnosci/2021-04-01-ankieta.md",
        "---\ntitle: Ankieta dla uczniów\ndate: 2021-04-01\ngminy: [Gmina beta]\n---\nUczniowie szkół z Sarnak wypełniają ankietę o źródłach energii.\n",
    );
    fx
}

#[test]
fn each_site_indexes_its_pages_with_folded_stems_and_title_weight() {
    let fx = two_partnerships_and_hub();
    fx.build_ok(&[]);
    let alfa = read_index(&fx, "public/alfa");
    assert_eq!(alfa.meta["lang"], "pl");
    assert_eq!(alfa.meta["count"], 2);
    // Newest first; address within the site, dates long and ISO.
    // Titles come typeset, as pages show them (no lone "w" at a line end).
    assert_eq!(alfa.docs[0]["t"], "Konsultacje strategii w\u{a0}Łosicach");
    assert_eq!(alfa.docs[0]["u"], "aktualnosci/konsultacje/");
    assert_eq!(alfa.docs[0]["i"], "2021-03-01");
    assert_eq!(alfa.docs[0]["d"], "1\u{a0}marca 2021");
    assert_eq!(alfa.docs[0]["g"][0], "Gmina alfa");
    // Plain text for snippets: no tags, entities decoded.
    let text = alfa.docs[0]["x"].as_str().unwrap();
    assert!(text.starts_with("Zapraszamy mieszkańców"), "{text}");
    assert!(text.contains("strategii & planu"), "{text}");
    // ł folded: "losice" typed without Polish letters begins with this term.
    assert!(alfa.terms.contains_key("losic"), "{:?}", alfa.terms.keys());
    // Every form of "konsultacje" shares one stem; the page with it in the
    // title weighs more than the page that only mentions it three times.
    let konsult = alfa.titles_with("konsultacj");
    assert_eq!(konsult.len(), 2, "{konsult:?}");
    let weight = |title: &str| konsult.iter().find(|(t, _)| t == title).unwrap().1;
    assert!(weight("Konsultacje strategii w\u{a0}Łosicach") >= 16);
    assert!(weight("Remont dróg gminnych") < 16);
    // Stopwords are left out, and the browser is told which.
    assert!(!alfa.terms.contains_key("w") && !alfa.terms.contains_key("na"));
    assert!(alfa.meta["stop"]
        .as_array()
        .unwrap()
        .contains(&Value::from("sie")));
    // A small site has one shard file.
    assert_eq!(alfa.meta["shards"], serde_json::json!(["_"]));
    assert_eq!(alfa.meta["sites"][0]["root"], "");
    // Beta's words are not in Alfa's index.
    assert!(!alfa.terms.contains_key("ankiet"));
}

#[test]
fn the_hub_index_covers_every_partnership_with_filters() {
    let fx = two_partnerships_and_hub();
    fx.build_ok(&[]);
    let hub = read_index(&fx, "public/centrum");
    assert_eq!(hub.meta["count"], 3);
    let sites: Vec<&str> = hub.meta["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sites, ["centrum", "alfa", "beta"]);
    // Result links lead from the hub's root to each partnership's folder.
    assert_eq!(hub.meta["sites"][1]["root"], "alfa/");
    assert_eq!(hub.meta["sites"][2]["root"], "beta/");
    // Each document names its site and gminy, for the filters.
    assert_eq!(
        hub.meta["gminy"],
        serde_json::json!(["Gmina alfa", "Gmina beta"])
    );
    assert_eq!(hub.docs[0]["t"], "Ankieta dla uczniów");
    assert_eq!(hub.meta["ds"], serde_json::json!([2, 1, 1]));
    assert_eq!(hub.meta["dg"], serde_json::json!([[1], [0], []]));
    assert_eq!(
        hub.titles_with("ankiet"),
        [("Ankieta dla uczniów".to_string(), 17)]
    );

    // The search page offers the partnerships and gminy to filter by.
    let page = fx.read("public/centrum/szukaj/index.html");
    assert!(page.contains("Partnerstwo Alfa") && page.contains("Gmina beta"));
    // Every page has a search form leading to its site's search page.
    let alfa_home = fx.read("public/alfa/index.html");
    assert!(alfa_home.contains("action=/alfa/szukaj/"), "{alfa_home}");
}

#[test]
fn relative_builds_lead_to_sibling_folders_and_output_is_deterministic() {
    let fx = two_partnerships_and_hub();
    let one = fx.path("one");
    let two = fx.path("two");
    fx.build_ok(&["--relative", "--output", one.to_str().unwrap()]);
    fx.build_ok(&["--relative", "--output", two.to_str().unwrap()]);
    let hub = read_index(&fx, "one/centrum");
    assert_eq!(hub.meta["sites"][1]["root"], "../alfa/");
    common::assert_same_tree(&common::snapshot(&one), &common::snapshot(&two));
}

#[test]
fn english_sites_are_stemmed_as_english() {
    let fx = Fixture::new();
    let site =
        site("alfa", "Alpha Partnership", "https://example.org/alfa/") + "    language: en\n";
    fx.write("config.yaml", config(&[site]));
    fx.write_site_skeleton("alfa", "Alpha");
    fx.write(
        "content/alfa/aktualnosci/2021-01-01-meetings.md",
        announcement(
            "Public consultations",
            "2021-01-01",
            "Meetings with residents.",
        ),
    );
    fx.build_ok(&[]);
    let index = read_index(&fx, "public/alfa");
    assert_eq!(index.meta["lang"], "en");
    for term in ["consult", "meet", "resid"] {
        assert!(
            index.terms.contains_key(term),
            "{term}: {:?}",
            index.terms.keys()
        );
    }
    assert!(fx.exists("public/alfa/search/index.html"));
}

#[test]
fn a_theme_without_a_search_template_builds_without_search() {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-01-01-a.md",
        announcement("Ogłoszenie", "2021-01-01", "Treść."),
    );
    fx.remove("themes/portal/templates/search.html");
    fx.build_ok(&[]);
    assert!(fx.exists("public/alfa/aktualnosci/a/index.html"));
    assert!(!fx.exists("public/alfa/szukaj"));
    assert!(!fx.exists("public/alfa/search-index"));
    assert!(!fx.read("public/alfa/index.html").contains("/szukaj/"));
}
