//! Photos as residents get them: resized to the theme's widths, upright,
//! without the EXIF, XMP, IPTC and GPS a phone writes, from a cache on the
//! second build; and every awkward file a clerk sends told at the line
//! that names it. The photos are real files made for the purpose by
//! tests/fixtures/photos/make_photos.py.

mod common;

use common::*;
use std::path::Path;

const PAGE: &str = "content/alfa/aktualnosci/2021-05-12-warsztaty";
const OUT: &str = "public/alfa/aktualnosci/warsztaty";

fn photo(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A site whose one announcement shows `body`, with the fixture photos
/// `files` in its folder.
fn page_with(body: &str, files: &[&str]) -> Fixture {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        &format!("{PAGE}.md"),
        announcement("Warsztaty w Klukowie", "2021-05-12", body),
    );
    for file in files {
        fx.write(&format!("{PAGE}/{file}"), photo(file));
    }
    fx
}

/// Metadata blocks a phone or an editor writes into a JPEG.
fn metadata_markers(bytes: &[u8]) -> Vec<&'static str> {
    let markers: [(&str, &[u8]); 5] = [
        ("EXIF", b"Exif\0\0"),
        ("XMP", b"http://ns.adobe.com/xap"),
        ("IPTC", b"Photoshop 3.0"),
        ("camera", b"Telefon"),
        ("WebP EXIF chunk", b"EXIF"),
    ];
    markers
        .iter()
        .filter(|(_, m)| bytes.windows(m.len()).any(|w| w == *m))
        .map(|(name, _)| *name)
        .collect()
}

#[test]
fn a_phone_photo_is_published_upright_light_and_without_its_location() {
    let fx = page_with(
        "Relacja.\n\n![Uczestnicy warsztatów przy stołach](telefon.jpg \"Warsztaty\")\n",
        &["telefon.jpg"],
    );
    // The source really carries a position and a turn.
    let source = photo("telefon.jpg");
    let exif = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut std::io::Cursor::new(&source))
        .or_else(|e| e.distill_partial_result(|_| {}))
        .expect("the fixture has EXIF");
    assert!(exif
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .is_some());
    fx.build_ok(&[]);

    // The stored photo is 1500 × 2000 with orientation 6: 2000 × 1500 upright.
    let expected = [
        ("telefon-480.webp", 480, 360),
        ("telefon-800.webp", 800, 600),
        ("telefon-1200.webp", 1200, 900),
        ("telefon-1600.webp", 1600, 1200),
        ("telefon-1600.jpg", 1600, 1200),
    ];
    for (name, width, height) in expected {
        let bytes = fx.read_bytes(&format!("{OUT}/{name}"));
        let image = image::load_from_memory(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_rgb8();
        assert_eq!((image.width(), image.height()), (width, height), "{name}");
        // The red marker of the upright picture's top-left corner.
        let corner = image.get_pixel(width / 40, width / 40);
        assert!(
            corner[0] > 150 && corner[1] < 90 && corner[2] < 90,
            "{name} is not upright: top-left is {corner:?}"
        );
        assert_eq!(metadata_markers(&bytes), Vec::<&str>::new(), "{name}");
        let read = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes));
        assert!(read.is_err(), "{name} still has EXIF");
        assert!(
            bytes.len() < source.len() / 2,
            "{name}: {} bytes",
            bytes.len()
        );
    }
    assert!(
        !fx.exists(&format!("{OUT}/telefon.jpg")),
        "the original (with its GPS position) is not published"
    );
    let html = fx.read(&format!("{OUT}/index.html"));
    assert!(html.contains("<picture><source"), "{html}");
    assert!(
        html.contains("telefon-480.webp 480w, telefon-800.webp 800w, telefon-1200.webp 1200w, telefon-1600.webp 1600w"),
        "{html}"
    );
    assert!(
        html.contains("height=1200") && html.contains("width=1600"),
        "{html}"
    );
}

#[test]
fn a_second_build_takes_every_photo_from_the_cache() {
    let fx = page_with(
        "![Uczestnicy warsztatów przy stołach](telefon.jpg)\n\n![Plansza](plansza.gif)\n",
        &["telefon.jpg", "plansza.gif"],
    );
    let first = fx.build_ok(&[]);
    assert!(
        first
            .stdout
            .contains("2 zdjęcia przygotowane na nowo, 0 z pamięci podręcznej."),
        "{}",
        first.stdout
    );
    let cached = fx.snapshot(".tablica-cache/images");
    assert_eq!(cached.len(), 5 + 3, "{:?}", cached.keys());
    let output = fx.snapshot("public/alfa");
    let second = fx.build_ok(&["-v"]);
    assert!(
        !second.stdout.contains("na nowo,"),
        "nothing is encoded again:\n{}",
        second.stdout
    );
    assert!(
        second
            .stderr
            .contains("zdjęcia: 0 przygotowane na nowo, 2 z pamięci podręcznej"),
        "{}",
        second.stderr
    );
    assert_same_tree(&output, &fx.snapshot("public/alfa"));
    // A changed photo (same name) is made again; the other is not.
    fx.write(&format!("{PAGE}/plansza.gif"), photo("animacja.gif"));
    let third = fx.build_ok(&["-v"]);
    assert!(
        third
            .stderr
            .contains("zdjęcia: 0 przygotowane na nowo, 1 z pamięci podręcznej"),
        "an animated GIF is published as it is, not encoded:\n{}",
        third.stderr
    );
    assert_eq!(
        fx.read_bytes("public/alfa/aktualnosci/warsztaty/plansza.gif"),
        photo("animacja.gif")
    );
}

#[test]
fn awkward_files_are_told_at_the_line_that_names_them_and_nothing_is_lost() {
    let body = "Zdjęcia:\n\n\
                ![Sala](urwany.jpg)\n\n\
                ![Notatka](to-nie-zdjecie.jpg)\n\n\
                ![Z telefonu](z-iphone.heic)\n\n\
                ![Mapa](bomba.png)\n";
    let fx = page_with(
        body,
        &[
            "urwany.jpg",
            "to-nie-zdjecie.jpg",
            "z-iphone.heic",
            "bomba.png",
        ],
    );
    fx.write("public/alfa/index.html", "poprzednia wersja");
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    let found: Vec<(String, &str)> = errors
        .iter()
        .map(|e| (e.location(), e.message.as_str()))
        .collect();
    let file = format!("{PAGE}.md");
    let expect = [
        (7, "jest urwany"),
        (
            9,
            "nie jest obrazem, choć jego nazwa na to wskazuje (to plik tekstowy)",
        ),
        (11, "w formacie HEIC"),
        (13, "40000 × 40000 pikseli"),
    ];
    assert_eq!(errors.len(), expect.len(), "{}", run.stderr);
    for ((line, words), (place, message)) in expect.iter().zip(&found) {
        assert_eq!(place, &format!("{file}:{line}:1"), "{}", run.stderr);
        assert!(message.contains(words), "{words} in {message}");
    }
    let heic = &errors[2];
    assert!(
        heic.hint
            .as_deref()
            .is_some_and(|h| h.contains("Najbardziej zgodne") && h.contains("JPG")),
        "{heic:?}"
    );
    assert_eq!(
        fx.read("public/alfa/index.html"),
        "poprzednia wersja",
        "a failed build leaves the output as it was"
    );
}

#[test]
fn cmyk_deep_transparent_animated_and_vector_pictures_are_published() {
    let body = "Materiały.\n\n![Plakat](cmyk.jpg)\n\n![Wykres](gleboki.png)\n\n\
                ![Znak](przezroczysty.png)\n\n![Animacja](animacja.gif)\n\n\
                ![Logo gminy](logo-ze-skryptem.svg)\n";
    let fx = page_with(
        body,
        &[
            "cmyk.jpg",
            "gleboki.png",
            "przezroczysty.png",
            "animacja.gif",
            "logo-ze-skryptem.svg",
        ],
    );
    let run = fx.build_ok(&[]);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].message.contains("CMYK"), "{}", run.stderr);
    assert_eq!(warnings[0].location(), format!("{PAGE}.md:7:1"));
    // CMYK becomes screen colours: the red marker stays red.
    let cmyk = image::load_from_memory(&fx.read_bytes(&format!("{OUT}/cmyk-900.jpg")))
        .expect("a JPEG")
        .to_rgb8();
    let corner = cmyk.get_pixel(10, 10);
    assert!(corner[0] > 150 && corner[1] < 90, "{corner:?}");
    // 16 bits become 8; transparency is kept (PNG fallback).
    assert!(fx.exists(&format!("{OUT}/gleboki-640.jpg")));
    let png = image::load_from_memory(&fx.read_bytes(&format!("{OUT}/przezroczysty-600.png")))
        .expect("a PNG");
    assert!(png.color().has_alpha());
    assert_eq!(
        png.to_rgba8().get_pixel(0, 0)[3],
        0,
        "the corner stays transparent"
    );
    assert_eq!(
        fx.read_bytes(&format!("{OUT}/animacja.gif")),
        photo("animacja.gif")
    );
    let svg = fx.read(&format!("{OUT}/logo-ze-skryptem.svg"));
    for gone in ["<script", "onload", "javascript:"] {
        assert!(!svg.contains(gone), "{gone} in {svg}");
    }
    assert!(svg.contains("<rect"), "{svg}");
    let html = fx.read(&format!("{OUT}/index.html"));
    assert!(html.contains("src=animacja.gif"), "{html}");
    assert!(
        html.contains("width=120 height=80") || html.contains("height=80"),
        "{html}"
    );
}

#[test]
fn originals_are_published_only_when_the_site_asks() {
    let body = "![Uczestnicy przy stołach](telefon.jpg)\n\n\
                [Zdjęcie w pełnej rozdzielczości dla prasy](telefon.jpg)\n";
    let fx = page_with(body, &["telefon.jpg"]);
    let run = fx.build(&[]);
    run.assert_failed();
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].location(), format!("{PAGE}.md:7:1"));
    assert!(
        errors[0].message.contains("oryginału zdjęcia"),
        "{}",
        run.stderr
    );
    let config = fx.read("config.yaml").replace(
        "    paginate_by: 2\n",
        "    paginate_by: 2\n    images:\n      originals: true\n",
    );
    fx.write("config.yaml", config);
    fx.build_ok(&[]);
    assert_eq!(
        fx.read_bytes(&format!("{OUT}/telefon.jpg")),
        photo("telefon.jpg")
    );
    assert!(fx.exists(&format!("{OUT}/telefon-800.webp")));
}

#[test]
fn check_warns_about_a_photo_too_small_for_its_place() {
    let body = "![Uczestnicy przy stołach](male.jpg \"Warsztaty\")\n\n\
                Ikona ![Telefon](male.jpg) w tekście jest w porządku.\n";
    let fx = page_with(body, &["male.jpg"]);
    let run = fx.run(&["check"]);
    let small: Vec<_> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[img-small]"))
        .collect();
    assert_eq!(small.len(), 1, "{}", run.stdout);
    assert!(
        small[0].contains("male.jpg: 320 × 240 px"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_raster_logo_and_eu_strip_are_resized_like_photos() {
    let fx = page_with("Relacja.\n", &[]);
    let config = fx.read("config.yaml").replace(
        "    paginate_by: 2\n",
        "    paginate_by: 2\n    logo:\n      src: /img/herb.png\n      alt: \"\"\n    eu_funds:\n      src: /img/fundusze.jpg\n      alt: Znaki Funduszy Europejskich\n",
    );
    fx.write("config.yaml", config);
    fx.write("content/alfa/img/herb.png", photo("przezroczysty.png"));
    fx.write("static/img/fundusze.jpg", photo("telefon.jpg"));
    fx.build_ok(&[]);
    let html = fx.read("public/alfa/index.html");
    for expected in [
        "srcset=\"/alfa/img/herb-64.webp 64w, /alfa/img/herb-128.webp 128w, /alfa/img/herb-192.webp 192w\"",
        "src=/alfa/img/herb-192.png",
        "/alfa/img/fundusze-1600.webp 1600w",
        "src=/alfa/img/fundusze-1600.jpg",
        "height=1200",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    for file in [
        "herb-64.webp",
        "herb-192.png",
        "fundusze-480.webp",
        "fundusze-1600.jpg",
    ] {
        assert!(fx.exists(&format!("public/alfa/img/{file}")), "{file}");
    }
    assert!(!fx.exists("public/alfa/img/herb.png"));
    // static/ is copied as it is (the theme's and the workspace's own
    // files); the strip's resized copies are what the page shows.
    assert!(fx.read_bytes("public/alfa/img/fundusze-1600.jpg").len() < photo("telefon.jpg").len());
}

#[test]
fn raw_html_images_get_their_widths_too() {
    let body = "<p class=\"ramka\"><img src=\"/alfa/img/plan.png\" alt=\"Plan sali\" class=\"mapa\"></p>\n\n\
                <div><img src=\"telefon.jpg\" alt=\"Uczestnicy przy stołach\"></div>\n\n\
                <div><img src=\"/alfa/img/bez-opisu.png\"></div>\n";
    let fx = page_with(body, &["telefon.jpg"]);
    fx.write("content/alfa/img/plan.png", photo("przezroczysty.png"));
    fx.write("content/alfa/img/bez-opisu.png", photo("przezroczysty.png"));
    // Written without alt, it stays without: a fault, not a decorative picture.
    let run = fx.build(&[]);
    run.assert_failed();
    assert!(run.stderr.contains("img-alt-missing"), "{}", run.stderr);
    fx.build_ok(&["--allow-a11y-errors"]);
    let html = fx.read(&format!("{OUT}/index.html"));
    assert!(
        html.contains("<img decoding=async height=300 loading=lazy src=/alfa/img/bez-opisu-600.png width=600>"),
        "{html}"
    );
    for expected in [
        "srcset=\"/alfa/img/plan-480.webp 480w, /alfa/img/plan-600.webp 600w\"",
        "class=mapa",
        "src=/alfa/img/plan-600.png",
        "telefon-480.webp 480w",
        "src=telefon-1600.jpg",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert!(fx.exists("public/alfa/img/plan-600.png"));
    assert!(!fx.exists("public/alfa/img/plan.png"));
}

#[test]
fn the_same_photo_in_many_places_is_made_once_and_published_everywhere() {
    // Twelve copies of one photo: threads making it side by side store the
    // same cache entry, and the one that stores it second must not pull
    // it from under the one publishing from it (a build failed on that).
    let names: Vec<String> = (1..=12).map(|n| format!("kopia-{n}.png")).collect();
    let body: String = names
        .iter()
        .map(|name| format!("![Plansza z mapą gmin nr {name}]({name})\n\n"))
        .collect();
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        &format!("{PAGE}.md"),
        announcement("Warsztaty w Klukowie", "2021-05-12", &body),
    );
    for name in &names {
        fx.write(&format!("{PAGE}/{name}"), photo("gleboki.png"));
    }
    for _ in 0..6 {
        let _ = std::fs::remove_dir_all(fx.path(".tablica-cache"));
        fx.build_ok(&[]);
        for name in &names {
            let stem = name.trim_end_matches(".png");
            assert!(
                fx.files(OUT)
                    .iter()
                    .any(|f| f.starts_with(stem) && f.ends_with(".webp")),
                "{name}: {:?}",
                fx.files(OUT)
            );
        }
    }
}
