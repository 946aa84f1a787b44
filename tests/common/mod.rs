//! Shared helpers of the integration tests: a fixture workspace in a temp
//! dir (with a copy of the real `themes/portal`), running the `tablica`
//! binary on it, reading its output and parsing its diagnostics.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A real PNG (600 × 300, transparent), for pages that show a picture:
/// Tablica reads every picture it publishes.
#[allow(dead_code)]
pub const PNG: &[u8] = include_bytes!("../fixtures/photos/przezroczysty.png");
/// A real JPEG photo, 320 × 240.
#[allow(dead_code)]
pub const JPEG: &[u8] = include_bytes!("../fixtures/photos/male.jpg");

/// The real theme of the repository, copied into every fixture.
pub fn real_theme_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/portal")
}

/// A workspace in a temporary folder.
pub struct Fixture {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The run of a command the test started itself.
    pub fn from_output(output: std::process::Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// Panics with the whole output when the run failed.
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.success(),
            "tablica failed (exit {:?})\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless the run failed with exit code 1.
    pub fn assert_failed(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit code 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless the run failed with this exit code (3: network or disk).
    pub fn assert_failed_with(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn diagnostics(&self) -> Vec<Diag> {
        parse_diagnostics(&self.stderr)
    }

    pub fn errors(&self) -> Vec<Diag> {
        self.diagnostics().into_iter().filter(|d| d.error).collect()
    }

    pub fn warnings(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| !d.error)
            .collect()
    }
}

impl Fixture {
    /// An empty workspace holding only a copy of `themes/portal`.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("tablica-test-")
            .tempdir()
            .unwrap();
        copy_dir(&real_theme_dir(), &dir.path().join("themes/portal"));
        Fixture { dir }
    }

    /// A copy of the repository's sample workspace: five partnerships and
    /// a hub, with events, consultations, tags and links between pages.
    pub fn samples() -> Self {
        let fixture = Fixture::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "static"] {
            copy_dir(&repo.join(dir), &fixture.path(dir));
        }
        fixture.write(
            "config.yaml",
            std::fs::read(repo.join("config.yaml")).unwrap(),
        );
        fixture
    }

    /// A workspace with one partnership site `alfa` (`paginate_by: 2`),
    /// its home text and the `aktualnosci` section, at `base_url`.
    pub fn partnership(base_url: &str) -> Self {
        let fixture = Fixture::new();
        fixture.write(
            "config.yaml",
            config(&[site("alfa", "Partnerstwo Alfa", base_url)]),
        );
        fixture.write_site_skeleton("alfa", "Partnerstwo Alfa");
        fixture
    }

    /// `content/<id>/_index.md` and `content/<id>/aktualnosci/_index.md`.
    pub fn write_site_skeleton(&self, id: &str, title: &str) {
        self.write(
            &format!("content/{id}/_index.md"),
            format!("---\ntitle: {title}\n---\nWitamy na stronie partnerstwa.\n"),
        );
        self.write(
            &format!("content/{id}/aktualnosci/_index.md"),
            "---\ntitle: Aktualności\n---\n",
        );
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Whether the photo `rel` (e.g. `public/x/foto.png`) was published
    /// as Tablica publishes photos: WebP widths named after it
    /// (`foto-480.webp`), and not the original file.
    pub fn photo_published(&self, rel: &str) -> bool {
        let path = self.path(rel);
        let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
            return false;
        };
        let prefix = format!("{}-", stem.to_string_lossy());
        let webp = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(&prefix) && name.ends_with(".webp")
            });
        webp && !path.exists()
    }

    /// A text file of the workspace (usually an output page).
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}; files: {:?}", self.files("public")))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap()
    }

    /// Relative paths of every file under `rel`, sorted.
    pub fn files(&self, rel: &str) -> Vec<String> {
        snapshot(&self.path(rel)).into_keys().collect()
    }

    /// Every file under `rel` with its bytes.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path(rel))
    }

    /// `tablica --root <root> <args>` (Polish messages).
    pub fn run(&self, args: &[&str]) -> Run {
        let root = self.root().to_str().unwrap();
        let mut all = vec!["--root", root];
        all.extend_from_slice(args);
        run_binary(self.root(), &all)
    }

    /// `tablica --root <root> build <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `tablica --lang en --root <root> build <args>`.
    pub fn build_en(&self, args: &[&str]) -> Run {
        let mut all = vec!["--lang", "en", "build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Builds and panics unless the build succeeded.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        run.assert_ok();
        run
    }

    /// Names of entries of the output folder left by the atomic swap.
    pub fn leftovers(&self, output: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.path(output)) else {
            return Vec::new();
        };
        entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".tablica-"))
            .collect()
    }
}

/// The tablica binary, with no locale from the environment: messages are
/// Polish unless a test asks for `--lang en` (or sets `LANG` itself).
pub fn tablica_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tablica"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

fn run_binary(cwd: &Path, args: &[&str]) -> Run {
    let output = tablica_command()
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Run::from_output(output)
}

/// A free TCP port on 127.0.0.1 for a server a test starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative path with `/`) with its bytes; empty
/// when `dir` does not exist.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &rel, out);
            } else {
                out.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// Asserts two snapshots are identical, naming the first difference.
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let keys_a: Vec<&String> = a.keys().collect();
    let keys_b: Vec<&String> = b.keys().collect();
    assert_eq!(keys_a, keys_b, "the two trees hold different files");
    for (path, bytes) in a {
        assert!(
            bytes == &b[path],
            "{path} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path])
        );
    }
}

/// The YAML of one site entry with one member, `paginate_by: 2` and a menu.
/// The site-wide reminder about easy-to-read and sign-language pages is off:
/// the fixtures test other things (tests/check.rs tests the reminder).
pub fn site(id: &str, title: &str, base_url: &str) -> String {
    format!(
        "  - id: {id}
    title: {title}
    description: Opis {id}
    base_url: {base_url}
    paginate_by: 2
    checks:
      etr-pjm-missing: off
    members:
      - name: Gmina {id}
        type: gmina wiejska
        bip: https://bip.example.org/{id}/
    menu:
      - title: Aktualności
        url: /aktualnosci/
"
    )
}

/// The YAML of a hub site entry.
pub fn hub(id: &str, title: &str, base_url: &str) -> String {
    format!(
        "  - id: {id}
    title: {title}
    base_url: {base_url}
    hub: true
    checks:
      etr-pjm-missing: off
"
    )
}

/// A whole `config.yaml` made of site entries.
pub fn config(sites: &[String]) -> String {
    format!(
        "theme: portal\nlanguage: pl\noutput_dir: public\nsites:\n{}",
        sites.concat()
    )
}

/// A Markdown announcement with title, date and body.
pub fn announcement(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n---\n{body}\n")
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The same HTML with attribute quotes removed, so assertions do not depend
/// on whether the minifier kept them.
pub fn unquoted(html: &str) -> String {
    html.replace('"', "")
}

/// The values of attribute `name` (e.g. `href`) in the HTML, quoted or not.
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        values.push(value.to_string());
    }
    values
}

/// The opening tags `<name …>` of the HTML, whole.
pub fn opening_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let after = html[start + open.len()..].chars().next();
        let end = start + html[start..].find('>').unwrap() + 1;
        if matches!(after, Some(' ' | '>' | '/')) {
            tags.push(&html[start..end]);
        }
        from = end;
    }
    tags
}

/// The text from the first `start` that is followed by `marker` (within the
/// same opening tag) up to the next `end`, e.g. the pagination `<nav>`.
pub fn element<'a>(html: &'a str, start: &str, marker: &str, end: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = html[from..].find(start) {
        let begin = from + i;
        let tag_end = begin + html[begin..].find('>').unwrap();
        if html[begin..tag_end].contains(marker) {
            let stop = begin + html[begin..].find(end).unwrap() + end.len();
            return &html[begin..stop];
        }
        from = tag_end;
    }
    panic!("no {start}…{marker} element in:\n{html}");
}

/// Byte offset of `needle` in `html`, with a readable panic.
pub fn offset(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in:\n{html}"))
}

/// One diagnostic as the binary printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub error: bool,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diag {
    /// `file:line` or `file:line:col` as printed.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
        }
        if let Some(c) = self.column {
            s.push_str(&format!(":{c}"));
        }
        s
    }
}

/// Parses `błąd: path:line:col: message` / `  co zrobić: hint` blocks (or
/// their English and warning forms) out of stderr.
pub fn parse_diagnostics(stderr: &str) -> Vec<Diag> {
    // The cargo-like layout:
    //   błąd[code]: message
    //    --> file:line:col
    //     |  (source line and caret)
    //     = co zrobić: hint
    const LABELS: [(&str, bool); 4] = [
        ("błąd", true),
        ("error", true),
        ("ostrzeżenie", false),
        ("warning", false),
    ];
    let mut diags: Vec<Diag> = Vec::new();
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(hint) = trimmed
            .strip_prefix("= co zrobić: ")
            .or_else(|| trimmed.strip_prefix("= what to do: "))
        {
            if let Some(last) = diags.last_mut() {
                last.hint = Some(hint.to_string());
            }
            continue;
        }
        if let Some(location) = trimmed.strip_prefix("--> ") {
            if let Some(last) = diags.last_mut() {
                let mut parts = location.rsplitn(3, ':').collect::<Vec<_>>();
                parts.reverse();
                let numbers: Vec<Option<usize>> = parts.iter().map(|p| p.parse().ok()).collect();
                match (parts.as_slice(), numbers.as_slice()) {
                    ([file, _, _], [_, Some(l), Some(c)]) => {
                        last.file = file.to_string();
                        last.line = Some(*l);
                        last.column = Some(*c);
                    }
                    ([_, _], [_, Some(l)]) | ([_, _, _], [_, _, Some(l)]) => {
                        last.file = location[..location.rfind(':').unwrap()].to_string();
                        last.line = Some(*l);
                    }
                    _ => last.file = location.to_string(),
                }
            }
            continue;
        }
        let Some((error, rest)) = LABELS.iter().find_map(|(label, error)| {
            let rest = line.strip_prefix(label)?;
            let rest = match rest.strip_prefix('[') {
                Some(coded) => &coded[coded.find(']')? + 1..],
                None => rest,
            };
            rest.strip_prefix(": ").map(|r| (*error, r))
        }) else {
            continue;
        };
        diags.push(Diag {
            error,
            file: String::new(),
            line: None,
            column: None,
            message: rest.to_string(),
            hint: None,
        });
    }
    diags
}
