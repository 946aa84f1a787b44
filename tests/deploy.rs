//! `tablica deploy` against real targets on this computer: a folder,
//! OpenSSH's `sshd` (SFTP) and pyftpdlib (FTPS with a throw-away
//! certificate authority, and plain FTP), each started by the test on
//! 127.0.0.1 with throw-away keys, serving a temp folder the test reads
//! directly. Without the servers (tests/setup-servers.sh installs them)
//! the server tests say so and pass, unless TABLICA_REQUIRE_SERVERS=1.

#![cfg(unix)]

mod common;

use common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MANIFEST: &str = "tablica-manifest.json";
const PROGRESS: &str = "tablica-manifest.partial.json";

/// A server process, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Where one test deploys: the `deploy:` value, the folder behind it, and
/// the environment of the `tablica deploy` runs.
struct Target {
    url: String,
    served: PathBuf,
    home: PathBuf,
    env: Vec<(String, String)>,
    _dir: tempfile::TempDir,
    _server: Option<Server>,
}

fn empty_target(url: impl FnOnce(&Path) -> String) -> Target {
    let dir = tempfile::Builder::new()
        .prefix("deploy-target-")
        .tempdir()
        .unwrap();
    let served = dir.path().join("served");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    Target {
        url: url(&served),
        served,
        home,
        env: Vec::new(),
        _dir: dir,
        _server: None,
    }
}

/// None (and a message) when a server is missing; a failure instead
/// when TABLICA_REQUIRE_SERVERS is set.
fn available(what: &str, found: bool) -> bool {
    if !found {
        assert!(
            std::env::var("TABLICA_REQUIRE_SERVERS").is_err(),
            "{what} is required (TABLICA_REQUIRE_SERVERS is set) but not installed; run tests/setup-servers.sh"
        );
        eprintln!("{what} is not installed: skipping (tests/setup-servers.sh installs it)");
    }
    found
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited: {status}");
        }
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run_ok(command: &mut Command) {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- the servers ----

const SSHD: &str = "/usr/sbin/sshd";

fn user_name() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// OpenSSH's sshd on a free port, as the current user, with a throw-away
/// host key and user key (given in TABLICA_DEPLOY_KEY).
fn sftp_target() -> Option<Target> {
    if !available("OpenSSH sshd", Path::new(SSHD).is_file()) {
        return None;
    }
    let port = free_port();
    let user = user_name();
    let mut target =
        empty_target(|served| format!("sftp://{user}@127.0.0.1:{port}{}/", served.display()));
    let dir = target._dir.path().to_path_buf();
    for key in ["host_key", "user_key"] {
        run_ok(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(dir.join(key)),
        );
    }
    std::fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
    let host_key = std::fs::read_to_string(dir.join("host_key.pub")).unwrap();
    std::fs::write(
        target.home.join(".ssh/known_hosts"),
        format!("[127.0.0.1]:{port} {host_key}"),
    )
    .unwrap();
    let d = dir.display();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
         AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\nPermitRootLogin yes\n\
         PasswordAuthentication yes\nKbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\n"
    );
    std::fs::write(dir.join("sshd_config"), config).unwrap();
    // sshd insists on its privilege separation folder.
    let _ = std::fs::create_dir_all("/run/sshd");
    let log = std::fs::File::create(dir.join("sshd.log")).unwrap();
    let mut child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(dir.join("sshd_config"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "sshd");
    target.env.push((
        "TABLICA_DEPLOY_KEY".into(),
        dir.join("user_key").display().to_string(),
    ));
    target._server = Some(Server(child));
    Some(target)
}

const FTP_USER: &str = "gmina";
const FTP_PASSWORD: &str = "tajne-haslo";

fn ftp_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-venv/bin/python")
}

fn has_pyftpdlib() -> bool {
    Command::new(ftp_python())
        .args(["-c", "import pyftpdlib, OpenSSL"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

const FTP_SERVER: &str = r#"
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer
port, home, user, password, cert, key = sys.argv[1:7]
authorizer = DummyAuthorizer()
authorizer.add_user(user, password, home, perm="elradfmwMT")
handler = TLS_FTPHandler if cert else FTPHandler
if cert:
    handler.certfile = cert
    handler.keyfile = key
handler.authorizer = authorizer
FTPServer(("127.0.0.1", int(port)), handler).serve_forever()
"#;

/// pyftpdlib on a free port with one user; with `tls`, a certificate
/// signed by a throw-away authority given in TABLICA_DEPLOY_CA.
fn ftp_target(tls: bool) -> Option<Target> {
    if !available("pyftpdlib (target/test-venv)", has_pyftpdlib()) {
        return None;
    }
    let port = free_port();
    let mut target = empty_target(|_| format!("ftp://{FTP_USER}@127.0.0.1:{port}/served/"));
    let dir = target._dir.path().to_path_buf();
    std::fs::write(dir.join("server.py"), FTP_SERVER).unwrap();
    let (cert, key) = if tls {
        certificates(&dir);
        target.env.push((
            "TABLICA_DEPLOY_CA".into(),
            dir.join("ca.pem").display().to_string(),
        ));
        (dir.join("server.pem"), dir.join("server.key"))
    } else {
        (PathBuf::new(), PathBuf::new())
    };
    let log = std::fs::File::create(dir.join("ftp.log")).unwrap();
    let mut child = Command::new(ftp_python())
        .arg(dir.join("server.py"))
        .arg(port.to_string())
        .arg(&dir)
        .args([FTP_USER, FTP_PASSWORD])
        .arg(&cert)
        .arg(&key)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "pyftpdlib");
    target
        .env
        .push(("TABLICA_DEPLOY_PASSWORD".into(), FTP_PASSWORD.into()));
    target._server = Some(Server(child));
    Some(target)
}

/// A certificate authority and a server certificate for 127.0.0.1.
fn certificates(dir: &Path) {
    let openssl = |args: &[&str]| run_ok(Command::new("openssl").args(args).current_dir(dir));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Tablica test CA",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
}

// ---- the workspace and the runs ----

fn workspace(deploy: &str) -> Fixture {
    let fx = Fixture::new();
    let entry = site("alfa", "Partnerstwo Alfa", "https://www.gmina.example.pl/");
    fx.write(
        "config.yaml",
        config(&[format!("{entry}    deploy: {deploy}\n")]),
    );
    fx.write_site_skeleton("alfa", "Partnerstwo Alfa");
    for (i, slug) in ["2021-01-10-jeden", "2021-02-10-dwa", "2021-03-10-trzy"]
        .iter()
        .enumerate()
    {
        write_announcement(&fx, slug, &format!("Treść numer {i}."));
    }
    build(&fx);
    fx
}

fn write_announcement(fx: &Fixture, slug: &str, body: &str) {
    fx.write(
        &format!("content/alfa/aktualnosci/{slug}.md"),
        format!(
            "---\ntitle: Ogłoszenie {slug}\ndate: {}\ntags: [drogi]\nattachments:\n  - file: plan.pdf\n    title: Plan\n---\n{body}\n",
            &slug[..10]
        ),
    );
    fx.write(
        &format!("content/alfa/aktualnosci/{slug}/plan.pdf"),
        format!("%PDF-1.4 {slug}"),
    );
}

fn build(fx: &Fixture) {
    fx.build_ok(&["--now", "2026-01-01"]);
}

fn deploy(fx: &Fixture, target: &Target, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = tablica_command()
        .args([
            "--root",
            fx.root().to_str().unwrap(),
            "deploy",
            "--site",
            "alfa",
        ])
        .args(args)
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TABLICA_DEPLOY_PASSWORD")
        .env_remove("TABLICA_DEPLOY_KEY")
        .env_remove("TABLICA_DEPLOY_CA")
        .env_remove("TABLICA_DEPLOY_FAIL_AFTER")
        .env("HOME", &target.home)
        .envs(target.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run::from_output(output)
}

/// Panics with the whole text unless it contains `needle`.
fn assert_says(text: &str, needle: &str) {
    assert!(text.contains(needle), "no {needle:?} in:\n{text}");
}

/// The number after `word` in the report line.
fn count_after(run: &Run, word: &str) -> usize {
    let rest = run
        .stdout
        .split(word)
        .nth(1)
        .unwrap_or_else(|| panic!("no {word:?} in {}", run.stdout));
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> usize {
    after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .count()
}

/// The served folder is the built site plus the manifest.
fn assert_served_as_built(fx: &Fixture, target: &Target) {
    let mut served = snapshot(&target.served);
    let manifest = served
        .remove(MANIFEST)
        .expect("the manifest is on the server");
    assert_same_tree(&served, &fx.snapshot("public/alfa"));
    let manifest: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(manifest["site"], "alfa");
    assert_eq!(manifest["files"].as_array().unwrap().len(), served.len());
}

/// What a reader can meet on the server resolves: every root-relative link
/// of every page reachable from the home page, and of every page the last
/// complete deploy left (listed in the manifest on the server).
fn assert_links_resolve(target: &Target) {
    let files = snapshot(&target.served);
    let manifest: serde_json::Value = serde_json::from_slice(&files[MANIFEST]).unwrap();
    let mut queue: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .filter(|p| p.ends_with(".html"))
        .chain(["index.html".to_string()])
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut checked = 0;
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let html = String::from_utf8_lossy(&files[&path]).into_owned();
        for file in local_links(&html) {
            assert!(
                files.contains_key(&file),
                "{path} links to a missing /{file}"
            );
            checked += 1;
            if file.ends_with(".html") {
                queue.push(file);
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

/// The files that a page's root-relative links name.
fn local_links(html: &str) -> Vec<String> {
    let links = attr_values(html, "href")
        .into_iter()
        .chain(attr_values(html, "src"));
    links
        .filter_map(|link| {
            let link = link.strip_prefix('/')?;
            if link.starts_with('/') {
                return None;
            }
            let link = link.split(['#', '?']).next().unwrap_or("");
            Some(if link.is_empty() || link.ends_with('/') {
                format!("{link}index.html")
            } else {
                link.to_string()
            })
        })
        .collect()
}

fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let ino = std::fs::metadata(dir.join(&rel)).unwrap().ino();
            (rel, ino)
        })
        .collect()
}

/// The whole life of a deployed site, the same for every kind of target.
fn deploys_only_what_changed_and_resumes(target: &Target) {
    let fx = workspace(&target.url);
    let total = fx.files("public/alfa").len();

    let dry = deploy(&fx, target, &["--dry-run"], &[]);
    dry.assert_ok();
    assert_eq!(count_after(&dry, "do wysłania"), total, "{}", dry.stdout);
    assert_says(&dry.stdout, "  wyślę: index.html");
    assert!(
        snapshot(&target.served).is_empty(),
        "a dry run changes nothing"
    );

    let first = deploy(&fx, target, &[], &[]);
    first.assert_ok();
    assert!(first.warnings().is_empty(), "{}", first.stderr);
    assert_eq!(count_after(&first, "wysłano"), total, "{}", first.stdout);
    assert_eq!(count_after(&first, "bez zmian"), 0);
    assert_served_as_built(&fx, target);

    // One announcement edited: only the files that changed are sent.
    let before = fx.snapshot("public/alfa");
    let served_before = inodes(&target.served);
    write_announcement(&fx, "2021-02-10-dwa", "Treść poprawiona po sesji rady.");
    build(&fx);
    let after = fx.snapshot("public/alfa");
    let expected = changed(&before, &after);
    assert!(
        expected > 0 && expected < total / 2,
        "{expected} of {total}"
    );
    let second = deploy(&fx, target, &[], &[]);
    second.assert_ok();
    assert_eq!(
        count_after(&second, "wysłano"),
        expected,
        "{}",
        second.stdout
    );
    assert_eq!(count_after(&second, "bez zmian"), total - expected);
    assert_served_as_built(&fx, target);
    let served_after = inodes(&target.served);
    for (path, bytes) in &after {
        let same = before.get(path) == Some(bytes);
        assert_eq!(
            served_before.get(path) == served_after.get(path),
            same,
            "{path} is rewritten exactly when it changed"
        );
    }

    // One announcement removed: its files are deleted (and the dry run
    // before says so and deletes nothing).
    fx.remove("content/alfa/aktualnosci/2021-03-10-trzy.md");
    std::fs::remove_dir_all(fx.path("content/alfa/aktualnosci/2021-03-10-trzy")).unwrap();
    build(&fx);
    let served = snapshot(&target.served);
    let dry = deploy(&fx, target, &["--dry-run"], &[]);
    dry.assert_ok();
    assert_says(&dry.stdout, "  usunę: aktualnosci/trzy/index.html");
    assert_eq!(
        snapshot(&target.served),
        served,
        "a dry run changes nothing"
    );
    // Cut just before the last upload: the removed page is still there.
    let uploads = count_after(&dry, "do wysłania");
    let last = (uploads - 1).to_string();
    let cut = deploy(&fx, target, &[], &[("TABLICA_DEPLOY_FAIL_AFTER", &last)]);
    cut.assert_failed_with(3);
    assert!(target.served.join("aktualnosci/trzy/index.html").is_file());
    assert_links_resolve(target);
    let third = deploy(&fx, target, &[], &[]);
    third.assert_ok();
    assert!(count_after(&third, "usunięto") >= 2, "{}", third.stdout);
    assert_served_as_built(&fx, target);
    assert!(
        !target.served.join("aktualnosci/trzy").exists(),
        "folders left empty are removed"
    );

    // An interrupted deploy leaves consistent pages and the old manifest;
    // running it again finishes, sending only what is still missing.
    for i in 0..8 {
        write_announcement(
            &fx,
            &format!("2022-0{}-1{i}-nowe-{i}", i + 1),
            "Nowe ogłoszenie.",
        );
    }
    build(&fx);
    let old_manifest = std::fs::read(target.served.join(MANIFEST)).unwrap();
    let plan = deploy(&fx, target, &["--dry-run"], &[]);
    let to_send = count_after(&plan, "do wysłania");
    assert!(to_send > 25, "{to_send} files to send");
    for fail_after in ["1", "21"] {
        let cut = deploy(
            &fx,
            target,
            &[],
            &[("TABLICA_DEPLOY_FAIL_AFTER", fail_after)],
        );
        cut.assert_failed_with(3);
        assert_says(&cut.stderr, "połączenie zostało przerwane");
        assert_says(&cut.stderr, "uruchom tablica deploy ponownie");
        assert_eq!(
            std::fs::read(target.served.join(MANIFEST)).unwrap(),
            old_manifest
        );
        assert_links_resolve(target);
    }
    assert!(
        target.served.join(PROGRESS).is_file(),
        "progress is kept every 20 files"
    );
    let resumed = deploy(&fx, target, &[], &[]);
    resumed.assert_ok();
    assert_eq!(
        count_after(&resumed, "wysłano"),
        to_send - 20,
        "{}",
        resumed.stdout
    );
    assert!(!target.served.join(PROGRESS).exists());
    assert_served_as_built(&fx, target);
    assert_links_resolve(target);
    let leftovers: Vec<String> = snapshot(&target.served)
        .into_keys()
        .filter(|p| p.contains("tablica-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ---- the tests ----

#[test]
fn folder_target() {
    let target = empty_target(|served| served.display().to_string());
    deploys_only_what_changed_and_resumes(&target);
}

#[test]
fn sftp_target_with_sshd() {
    let Some(target) = sftp_target() else { return };
    deploys_only_what_changed_and_resumes(&target);
}

#[test]
fn ftps_target_with_pyftpdlib() {
    let Some(target) = ftp_target(true) else {
        return;
    };
    deploys_only_what_changed_and_resumes(&target);
}

#[test]
fn plain_ftp_is_used_with_a_warning_and_a_wrong_password_is_refused() {
    let Some(target) = ftp_target(false) else {
        return;
    };
    let missing = workspace(&target.url.replace("/served/", "/brak/"));
    let run = deploy(&missing, &target, &[], &[]);
    run.assert_failed();
    assert_says(&run.stderr, "nie ma folderu docelowego brak");
    let fx = workspace(&target.url.replace("ftp://", "ftps://"));
    let refused = deploy(&fx, &target, &[], &[]);
    refused.assert_failed();
    assert_says(&refused.stderr, "a adres ftps:// go wymaga");
    assert!(snapshot(&target.served).is_empty());
    let fx = workspace(&target.url);
    let wrong = deploy(&fx, &target, &[], &[("TABLICA_DEPLOY_PASSWORD", "zle")]);
    wrong.assert_failed();
    assert_says(&wrong.stderr, "serwer odrzucił logowanie");
    assert_says(&wrong.stderr, "TABLICA_DEPLOY_PASSWORD");
    let run = deploy(&fx, &target, &[], &[]);
    run.assert_ok();
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].message.contains("AUTH TLS"), "{}", run.stderr);
    assert_served_as_built(&fx, &target);
}

#[test]
fn sftp_refuses_a_wrong_password_and_an_unknown_server() {
    let Some(mut target) = sftp_target() else {
        return;
    };
    let missing = workspace(&target.url.replace("/served/", "/brak/"));
    let run = deploy(&missing, &target, &[], &[]);
    run.assert_failed();
    assert_says(&run.stderr, "nie ma folderu docelowego /");
    let fx = workspace(&target.url);
    let key = target.env.pop().unwrap();
    let wrong = deploy(&fx, &target, &[], &[("TABLICA_DEPLOY_PASSWORD", "zle")]);
    wrong.assert_failed();
    assert_says(&wrong.stderr, "serwer odrzucił logowanie");
    let no_password = deploy(&fx, &target, &[], &[]);
    no_password.assert_failed();
    assert!(
        no_password
            .stderr
            .contains("ustaw zmienną środowiskową TABLICA_DEPLOY_PASSWORD"),
        "{}",
        no_password.stderr
    );
    target.env.push(key);
    std::fs::write(target.home.join(".ssh/known_hosts"), "").unwrap();
    let unknown = deploy(&fx, &target, &[], &[]);
    unknown.assert_failed();
    assert_says(&unknown.stderr, "nie jest znany");
    assert!(snapshot(&target.served).is_empty());
}

#[test]
fn bad_deploy_addresses_point_into_config_yaml() {
    let cases = [
        (
            "sftp://gmina:tajne@serwer.pl/www/",
            "hasła nie wolno zapisywać",
            "TABLICA_DEPLOY_PASSWORD",
        ),
        (
            "https://serwer.pl/www/",
            "nieobsługiwany rodzaj adresu",
            "sftp://",
        ),
        (
            "ftp://serwer.pl/www/",
            "brakuje nazwy użytkownika",
            "sftp://gmina@",
        ),
        (
            "sftp://gmina@serwer.pl:dwadzieścia/",
            "nie jest numerem portu",
            "65535",
        ),
    ];
    for (url, message, hint) in cases {
        let fx = workspace(url);
        let target = empty_target(|_| String::new());
        let run = deploy(&fx, &target, &[], &[]);
        run.assert_failed();
        let errors = run.errors();
        assert_eq!(errors.len(), 1, "{}", run.stderr);
        assert!(errors[0].message.contains(message), "{url}: {}", run.stderr);
        assert!(
            errors[0].hint.as_deref().unwrap_or("").contains(hint),
            "{url}: {}",
            run.stderr
        );
        let (line, column) = position_of(&fx.read("config.yaml"), "deploy:");
        assert_eq!(
            errors[0].location(),
            format!("{}:{line}:{column}", fx.path("config.yaml").display())
        );
    }
}

#[test]
fn a_site_must_be_built_and_have_a_target() {
    let fx = workspace("/nie/ma/takiego/folderu");
    std::fs::remove_dir_all(fx.path("public")).unwrap();
    let target = empty_target(|_| String::new());
    let unbuilt = deploy(&fx, &target, &[], &[]);
    unbuilt.assert_failed();
    assert_says(&unbuilt.stderr, "najpierw zbuduj witryny");
    build(&fx);
    let unmounted = deploy(&fx, &target, &[], &[]);
    unmounted.assert_failed();
    assert_says(
        &unmounted.stderr,
        "nie ma folderu docelowego /nie/ma/takiego/folderu",
    );
    let english = tablica_command()
        .args([
            "--lang",
            "en",
            "--root",
            fx.root().to_str().unwrap(),
            "deploy",
            "--site",
            "alfa",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&english.stderr).contains("does not exist"));
}

#[test]
fn unreachable_servers_and_another_sites_folder_stop_before_any_change() {
    let port = free_port(); // nothing listens there
    for url in [
        format!("sftp://gmina@127.0.0.1:{port}/www/"),
        format!("ftp://gmina@127.0.0.1:{port}/www/"),
    ] {
        let fx = workspace(&url);
        let target = empty_target(|_| String::new());
        let run = deploy(&fx, &target, &[], &[]);
        run.assert_failed_with(3);
        assert_says(&run.stderr, "nie można połączyć się z serwerem");
        assert_says(&run.stderr, "sprawdź adres i port");
    }

    let target = empty_target(|served| served.display().to_string());
    let other = r#"{"site": "beta", "files": [{"path": "index.html", "size": 1, "sha256": "00"}]}"#;
    std::fs::write(target.served.join(MANIFEST), other).unwrap();
    std::fs::write(target.served.join("index.html"), "beta").unwrap();
    let fx = workspace(&target.url);
    let run = deploy(&fx, &target, &[], &[]);
    run.assert_failed();
    assert_says(&run.stderr, "jest witryna beta, nie alfa");
    assert_eq!(
        std::fs::read_to_string(target.served.join("index.html")).unwrap(),
        "beta"
    );
}

#[test]
fn the_report_speaks_english_with_lang_en() {
    let target = empty_target(|served| served.display().to_string());
    let fx = workspace(&target.url);
    let total = fx.files("public/alfa").len();
    let output = tablica_command()
        .args(["--lang", "en", "--root", fx.root().to_str().unwrap()])
        .args(["deploy", "--site", "alfa"])
        .output()
        .unwrap();
    let run = Run::from_output(output);
    run.assert_ok();
    let expected = format!("alfa: sent {total} files (");
    assert_says(&run.stdout, &expected);
    assert_says(&run.stdout, "), deleted 0, unchanged 0 → ");
}

#[test]
fn a_folder_target_must_lie_outside_the_built_sites() {
    for folder in ["public", "public/kopia", "."] {
        let fx = workspace(folder);
        let target = empty_target(|_| String::new());
        let run = deploy(&fx, &target, &[], &[]);
        run.assert_failed();
        assert_says(&run.stderr, "pokrywa się z folderem zbudowanych witryn");
    }
}

/// A plain build after one with `--server-config` lacks `.htaccess`: the
/// deploy keeps the server's copy and says so on every deploy; with
/// `server_config: true` in config.yaml every build writes it again.
#[test]
fn a_deploy_never_deletes_the_server_configuration_a_previous_deploy_put_there() {
    let target = empty_target(|served| served.display().to_string());
    let fx = workspace(&target.url);
    fx.build_ok(&["--now", "2026-01-01", "--server-config"]);
    deploy(&fx, &target, &[], &[]).assert_ok();
    let htaccess = target.served.join(".htaccess");
    assert!(htaccess.is_file());

    build(&fx);
    assert!(!fx.exists("public/alfa/.htaccess"));
    for _ in 0..2 {
        let run = deploy(&fx, &target, &[], &[]);
        run.assert_ok();
        assert!(htaccess.is_file(), "the deploy deleted .htaccess");
        assert_says(&run.stderr, ".htaccess");
        assert_says(&run.stderr, "nie został usunięty");
        assert_says(&run.stderr, "server_config: true");
    }

    let config = fx.read("config.yaml");
    fx.write(
        "config.yaml",
        config.replace("    deploy: ", "    server_config: true\n    deploy: "),
    );
    build(&fx);
    assert!(fx.exists("public/alfa/.htaccess"));
    assert!(fx.exists("public/alfa.nginx.conf"));
    let run = deploy(&fx, &target, &[], &[]);
    run.assert_ok();
    assert!(!run.stderr.contains(".htaccess"), "{}", run.stderr);
}

/// The editor's deploy panel hands the typed password to `deploy` (no
/// environment variable, no terminal to ask at): it is used, and without
/// it the deploy says where a password could come from.
#[test]
fn a_password_typed_in_the_editor_is_used_for_the_upload() {
    let Some(target) = ftp_target(false) else {
        return;
    };
    assert!(
        std::env::var_os("TABLICA_DEPLOY_PASSWORD").is_none(),
        "the test runs without the variable"
    );
    let fx = workspace(&target.url);
    let options = |password: Option<&str>| tablica::publish::deploy::DeployOptions {
        root: fx.root().to_path_buf(),
        site: "alfa".into(),
        dry_run: false,
        output: None,
        progress: None,
        password: password.map(str::to_string),
    };
    let without = tablica::publish::deploy::deploy(&options(None)).unwrap_err();
    assert!(
        without[0]
            .hint
            .as_ref()
            .unwrap()
            .pl
            .contains("TABLICA_DEPLOY_PASSWORD"),
        "{without:?}"
    );
    let deployed = tablica::publish::deploy::deploy(&options(Some(FTP_PASSWORD))).unwrap();
    assert!(deployed.plan.upload_count() > 0);
    assert_served_as_built(&fx, &target);
}
