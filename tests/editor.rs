//! `tablica edytor` end to end over raw HTTP: what it refuses (another
//! host, origin or site, no token, a program, a file too big, a path that
//! leaves the content folder) and what its API does to the files (a body
//! edit keeps the front matter byte for byte, a stale save is a conflict
//! that loses nothing, new → upload → preview → publish).
//! The browser side is tests/browser/editor.mjs.

mod common;

use common::server::{Reply, Server};
use common::*;

/// A partnership with a hand-written announcement: Polish keys, comments
/// and a key the form does not show.
fn workspace() -> Fixture {
    let fx = Fixture::partnership("https://example.org/alfa/");
    fx.write(
        "content/alfa/aktualnosci/2021-03-10-zebranie.md",
        HAND_WRITTEN,
    );
    fx
}

const HAND_WRITTEN: &str = "---\n\
# napisane ręcznie\n\
tytuł: \"Zebranie wiejskie w Alfie\"\n\
data: 10.03.2021\n\
tagi: [zebrania,  sołectwa]\n\
podpis: 'Sołtys Alfy'\n\
---\n\
Zapraszamy na zebranie.\n";

const PAGE: &str = "aktualnosci/2021-03-10-zebranie.md";

/// A running editor and its session token.
struct Editor {
    server: Server,
    token: String,
}

impl Editor {
    fn start(fx: &Fixture) -> Editor {
        let server = Server::spawn(
            fx,
            &["edytor", "--port", "0", "--no-open"],
            "Edytor: http://127.0.0.1:",
        );
        let page = server.get("/edytor/");
        assert_eq!(page.status, 200, "{}", page.body);
        let token = page
            .body
            .split("name=\"tablica-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page carries the token")
            .to_string();
        assert_eq!(token.len(), 32);
        Editor { server, token }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.server.port)
    }

    /// An API call as the editor's own page makes it.
    fn call(&self, method: &str, target: &str, body: &[u8]) -> Reply {
        let (host, origin) = (self.host(), format!("http://{}", self.host()));
        let headers = [
            ("Host", host.as_str()),
            ("Origin", origin.as_str()),
            ("X-Tablica-Token", self.token.as_str()),
            ("Content-Type", "application/json"),
        ];
        self.server.send(method, target, &headers, body)
    }

    fn json(
        &self,
        method: &str,
        target: &str,
        value: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let reply = self.call(method, target, value.to_string().as_bytes());
        let parsed = serde_json::from_str(&reply.body)
            .unwrap_or_else(|e| panic!("{target}: {e}: {}", reply.body));
        (reply.status, parsed)
    }
}

#[test]
fn foreign_hosts_origins_and_requests_without_the_token_are_refused() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    let host = editor.host();
    let port = editor.server.port;
    let evil_host = format!("evil.example:{port}");
    let token = editor.token.as_str();
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "a rebound DNS name asks for the page",
            vec![("Host", &evil_host)],
        ),
        (
            "a rebound DNS name calls the API",
            vec![("Host", &evil_host), ("X-Tablica-Token", token)],
        ),
        ("no Host at all", vec![("X-Tablica-Token", token)]),
        ("no token", vec![("Host", &host)]),
        (
            "a wrong token",
            vec![
                ("Host", &host),
                ("X-Tablica-Token", "00000000000000000000000000000000"),
            ],
        ),
        (
            "another site's page posts",
            vec![
                ("Host", &host),
                ("Origin", "http://evil.example"),
                ("X-Tablica-Token", token),
            ],
        ),
        (
            "the browser says cross-site",
            vec![
                ("Host", &host),
                ("Sec-Fetch-Site", "cross-site"),
                ("X-Tablica-Token", token),
            ],
        ),
    ];
    let save = serde_json::json!({
        "site": "alfa", "path": PAGE, "base": HAND_WRITTEN, "revision": "",
        "force": true, "fields": {"title": "Przejęte"}, "body": "Przejęte",
    })
    .to_string();
    for (what, headers) in &cases {
        let target = if what.starts_with("a rebound DNS name asks") {
            "/edytor/"
        } else {
            "/api/save"
        };
        let method = if target == "/edytor/" { "GET" } else { "POST" };
        let reply = editor.server.send(method, target, headers, save.as_bytes());
        assert_eq!(reply.status, 403, "{what}: {}", reply.body);
        assert!(!reply.body.contains("tablica-token"), "{what}");
    }
    // The preview's pages are vetted too: another name gets nothing.
    let reply = editor
        .server
        .send("GET", "/alfa/", &[("Host", &evil_host)], b"");
    assert_eq!(reply.status, 403);
    assert_eq!(
        fx.read(&format!("content/alfa/{PAGE}")),
        HAND_WRITTEN,
        "nothing was written"
    );
    // The editor's own page may.
    let (status, sites) = editor.json("GET", "/api/sites", serde_json::Value::Null);
    assert_eq!(status, 200);
    assert_eq!(sites["sites"][0]["id"], "alfa");
}

#[test]
fn the_editor_listens_on_this_computer_only() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    // Any address of this machine that is not loopback must not answer.
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr());
    if let Ok(address) = outward {
        if !address.ip().is_loopback() && !address.ip().is_unspecified() {
            let reached = std::net::TcpStream::connect((address.ip(), editor.server.port));
            assert!(reached.is_err(), "the editor answered on {}", address.ip());
        }
    }
}

#[test]
fn uploads_of_programs_oversized_files_and_paths_are_refused() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    let upload = |name: &str, bytes: &[u8]| {
        let target = format!("/api/upload?site=alfa&path={PAGE}&name={name}");
        editor.call("POST", &target, bytes)
    };
    assert_eq!(upload("setup.exe", b"MZ\x90\x00").status, 415);
    assert_eq!(upload("plan.pdf", b"MZ\x90\x00 a program").status, 415);
    assert_eq!(upload("zdjecie.heic", b"....ftypheic").status, 415);
    for bad in [
        "..%2F..%2Fconfig.yaml.jpg",
        "%2Fetc%2Fpasswd.jpg",
        "..%5Cx.jpg",
    ] {
        assert_eq!(upload(bad, common::JPEG).status, 400, "{bad}");
    }
    let huge = vec![0u8; 31 * 1024 * 1024];
    assert_eq!(upload("duze.jpg", &huge).status, 413);
    for path in ["../config.yaml", "..%2F..%2Fconfig.yaml", "%2Fetc%2Fx.md"] {
        let reply = editor.call("GET", &format!("/api/page?site=alfa&path={path}"), b"");
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
    }
    let folder = fx.path("content/alfa/aktualnosci/2021-03-10-zebranie");
    assert!(!folder.exists(), "nothing was stored");
    // What is allowed lands in the page's folder under a slugged name.
    let reply = upload("Zdj%C4%99cie%20sali.JPG", common::JPEG);
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert!(folder.join("zdjecie-sali.jpg").is_file());
    assert!(reply.body.contains("\"width\":320"), "{}", reply.body);
}

#[test]
fn a_body_edit_keeps_the_front_matter_and_a_stale_save_is_a_conflict() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    let (status, page) = editor.json(
        "GET",
        &format!("/api/page?site=alfa&path={PAGE}"),
        serde_json::Value::Null,
    );
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["fields"]["title"], "Zebranie wiejskie w Alfie");
    assert_eq!(page["fields"]["date"], "2021-03-10");
    assert_eq!(
        page["fields"]["tags"],
        serde_json::json!(["zebrania", "sołectwa"])
    );
    let save = |revision: &serde_json::Value, body: &str| {
        editor.json(
            "POST",
            "/api/save",
            serde_json::json!({
                "site": "alfa", "path": PAGE, "base": page["text"], "revision": revision,
                "fields": page["fields"], "body": body,
            }),
        )
    };
    let (status, saved) = save(&page["revision"], "Zapraszamy na zebranie o 18:00.\n");
    assert_eq!(status, 200, "{saved}");
    let on_disk = fx.read(&format!("content/alfa/{PAGE}"));
    let front = HAND_WRITTEN
        .split_inclusive('\n')
        .take(7)
        .collect::<String>();
    assert_eq!(on_disk, format!("{front}Zapraszamy na zebranie o 18:00.\n"));
    // Someone else saves the file meanwhile; the old revision is stale.
    fx.write(
        &format!("content/alfa/{PAGE}"),
        HAND_WRITTEN.replace("zebranie.", "zebranie w remizie."),
    );
    let (status, conflict) = save(&saved["revision"], "Moja wersja.\n");
    assert_eq!(status, 409, "{conflict}");
    assert_eq!(conflict["conflict"], true);
    assert!(conflict["disk"]["text"]
        .as_str()
        .unwrap()
        .contains("w remizie"));
    assert!(conflict["mine"].as_str().unwrap().contains("Moja wersja."));
    assert!(
        fx.read(&format!("content/alfa/{PAGE}"))
            .contains("w remizie"),
        "nothing overwritten"
    );
}

#[test]
fn a_new_announcement_gets_a_photo_a_preview_with_advice_and_is_published() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    let (status, page) = editor.json(
        "POST",
        "/api/new",
        serde_json::json!({
            "site": "alfa", "title": "Warsztaty dla sołtysów", "date": "2021-04-02",
        }),
    );
    assert_eq!(status, 201, "{page}");
    let path = page["path"].as_str().unwrap().to_string();
    assert_eq!(path, "aktualnosci/2021-04-02-warsztaty-dla-soltysow.md");
    assert_eq!(page["fields"]["draft"], true);
    let target = format!("/api/upload?site=alfa&path={path}&name=sala.jpg");
    assert_eq!(editor.call("POST", &target, common::JPEG).status, 201);
    let mut fields = page["fields"].clone();
    fields["summary"] = "Zapraszamy sołtysów na warsztaty.".into();
    fields["gallery"] = serde_json::json!([{"file": "sala.jpg", "alt": "", "caption": ""}]);
    let preview = |fields: &serde_json::Value| {
        editor.json(
            "POST",
            "/api/preview",
            serde_json::json!({
                "site": "alfa", "path": path, "base": page["text"], "fields": fields,
                "body": "Warsztaty odbędą się w świetlicy.\n",
            }),
        )
    };
    let (status, shown) = preview(&fields);
    assert_eq!(status, 200, "{shown}");
    let problems = shown["problems"].as_array().unwrap();
    let no_alt = |p: &&serde_json::Value| p["field"] == "gallery" && p["rule"] != "img-small";
    assert!(
        problems.iter().any(|p| no_alt(&p)),
        "a photo without a description is pointed out at its field: {shown}"
    );
    fields["gallery"][0]["alt"] = "Sala świetlicy z krzesłami w rzędach".into();
    let (_, shown) = preview(&fields);
    assert!(
        !shown["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| no_alt(&p)),
        "{shown}"
    );
    let html = shown["html"].as_str().unwrap();
    assert!(
        html.contains("Warsztaty dla sołtysów") && html.contains("<picture>"),
        "{html}"
    );
    fields["draft"] = false.into();
    let (status, saved) = editor.json(
        "POST",
        "/api/save",
        serde_json::json!({
            "site": "alfa", "path": path, "base": page["text"], "revision": page["revision"],
            "fields": fields, "body": "Warsztaty odbędą się w świetlicy.\n",
        }),
    );
    assert_eq!(status, 200, "{saved}");
    let (status, published) = editor.json(
        "POST",
        "/api/publish",
        serde_json::json!({"site": "alfa", "path": path}),
    );
    assert_eq!(status, 200);
    assert_eq!(published["ok"], true, "{published}");
    let built = fx.read("public/alfa/aktualnosci/warsztaty-dla-soltysow/index.html");
    assert!(built.contains("Sala świetlicy"), "{built}");
    fx.run(&["check"]).assert_ok();
}

#[test]
fn word_html_pasted_becomes_markdown() {
    let fx = workspace();
    let editor = Editor::start(&fx);
    let html = "<html><body><!--StartFragment--><p class=MsoNormal><b>Ważne:</b> zebranie \
        <i>w czwartek</i>.<o:p></o:p></p><!--EndFragment--></body></html>";
    let (status, pasted) = editor.json("POST", "/api/paste", serde_json::json!({ "html": html }));
    assert_eq!(status, 200, "{pasted}");
    assert_eq!(
        pasted["markdown"].as_str().unwrap().trim(),
        "**Ważne:** zebranie _w czwartek_."
    );
}

#[test]
fn serve_offers_the_editor_too_but_never_on_the_network() {
    let fx = workspace();
    let server = Server::spawn(
        &fx,
        &["serve", "--port", "0", "--edytor"],
        "Edytor: http://127.0.0.1:",
    );
    let page = server.get("/edytor/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("tablica-token"));
    // The live preview is served beside it.
    assert_eq!(server.get("/alfa/").status, 200);
    drop(server);
    let run = fx.run(&["serve", "--edytor", "--bind", "0.0.0.0", "--port", "0"]);
    run.assert_failed();
    assert!(
        run.stderr.contains("tylko na tym komputerze"),
        "{}",
        run.stderr
    );
}
