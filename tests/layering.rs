//! The layering of the stages is enforced here, not hoped for: every
//! `crate::` path in `src/` is read, and a stage that names a stage it may
//! not import fails the test with the file, the line and the allowed list.
//! The allowed imports are written once, in docs/architecture.md, between
//! the `layers:begin` and `layers:end` markers; this test also proves that
//! they form no cycle and that every stage of `src/` is listed there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Names at the crate root that are not stages (re-exports), with the
/// stage that defines them.
const ROOT_ITEMS: &[(&str, &str)] = &[("Diagnostic", "base"), ("Lang", "base"), ("VERSION", "lib")];

type Layers = BTreeMap<String, BTreeSet<String>>;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The allowed imports: each line of the block is `stage: allowed…`.
fn allowed_layers() -> Layers {
    let doc = std::fs::read_to_string(repo().join("docs/architecture.md"))
        .expect("docs/architecture.md is part of the repository");
    let start = doc
        .find("<!-- layers:begin -->")
        .expect("docs/architecture.md has a <!-- layers:begin --> marker");
    let end = doc
        .find("<!-- layers:end -->")
        .expect("docs/architecture.md has a <!-- layers:end --> marker");
    let mut layers = Layers::new();
    for line in doc[start..end].lines() {
        let Some((stage, allowed)) = line.split_once(':') else {
            continue;
        };
        let stage = stage.trim();
        if stage.is_empty() || !stage.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            continue;
        }
        let allowed = allowed
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty() && *s != "—")
            .map(str::to_string)
            .collect();
        layers.insert(stage.to_string(), allowed);
    }
    layers
}

/// Every Rust file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The stage a file of `src/` belongs to: its top-level module.
fn stage_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("a file under src/");
    let first = relative
        .components()
        .next()
        .expect("a path with a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The source without comments, so prose naming a module is no import.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment after each `crate::` (each member of a
/// `crate::{a, b::c}` group), with its 1-based line.
fn crate_references(source: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("crate::") {
        let start = offset + at + "crate::".len();
        let line = source[..start].matches('\n').count() + 1;
        let after = &source[start..];
        if let Some(group) = after.strip_prefix('{') {
            found.extend(group_members(group).into_iter().map(|m| (m, line)));
        } else {
            found.push((identifier(after), line));
        }
        offset = start;
        rest = &source[start..];
    }
    found.retain(|(name, _)| !name.is_empty());
    found
}

/// The first segment of each top-level member of a `{…}` group.
fn group_members(group: &str) -> Vec<String> {
    let mut members = Vec::new();
    let mut depth = 0;
    let mut member_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => member_start = true,
            c if member_start && !c.is_whitespace() => {
                members.push(identifier(&group[i..]));
                member_start = false;
            }
            _ => {}
        }
    }
    members
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every import between stages: (from, to, file, line).
fn imports() -> Vec<(String, String, String, usize)> {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let root: BTreeMap<&str, &str> = ROOT_ITEMS.iter().copied().collect();
    let mut edges = Vec::new();
    for file in files {
        let from = stage_of(&src, &file);
        let source = std::fs::read_to_string(&file).expect("a readable source file");
        for (name, line) in crate_references(&without_comments(&source)) {
            let to = root
                .get(name.as_str())
                .map_or(name.clone(), |s| s.to_string());
            if to != from {
                let shown = file.strip_prefix(repo()).unwrap_or(&file);
                edges.push((from.clone(), to, shown.display().to_string(), line));
            }
        }
    }
    edges
}

/// The stages of `src/`: its folders and files, but the crate's roots.
fn stages() -> BTreeSet<String> {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .iter()
        .map(|f| stage_of(&src, f))
        .filter(|s| s != "lib" && s != "main")
        .collect()
}

#[test]
fn every_stage_imports_only_what_docs_architecture_allows() {
    let layers = allowed_layers();
    let forbidden: Vec<String> = imports()
        .into_iter()
        .filter(|(from, to, _, _)| from != "main" && from != "lib" && to != "lib")
        .filter(|(from, to, _, _)| !layers.get(from).is_some_and(|allowed| allowed.contains(to)))
        .map(|(from, to, file, line)| {
            let allowed: Vec<&str> = layers
                .get(&from)
                .map(|a| a.iter().map(String::as_str).collect())
                .unwrap_or_default();
            format!(
                "{file}:{line}: {from} imports {to}, but {from} may import only [{}] \
                 (docs/architecture.md); move the shared piece down a layer",
                allowed.join(", ")
            )
        })
        .collect();
    assert!(forbidden.is_empty(), "\n{}\n", forbidden.join("\n"));
}

#[test]
fn the_allowed_imports_have_no_cycle() {
    let layers = allowed_layers();
    // Kahn's algorithm: take away stages whose imports are all taken.
    let mut left = layers.clone();
    let mut placed = BTreeSet::new();
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|(_, allowed)| allowed.iter().all(|a| placed.contains(a)))
            .map(|(stage, _)| stage.clone())
            .collect();
        assert!(
            !ready.is_empty(),
            "docs/architecture.md allows a cycle among {:?}",
            left.keys().collect::<Vec<_>>()
        );
        for stage in ready {
            left.remove(&stage);
            placed.insert(stage);
        }
    }
}

#[test]
fn every_stage_of_src_is_placed_in_docs_architecture() {
    let layers = allowed_layers();
    let missing: Vec<String> = stages()
        .into_iter()
        .filter(|s| !layers.contains_key(s))
        .collect();
    assert!(
        missing.is_empty(),
        "add {missing:?} to the layers of docs/architecture.md"
    );
    for (stage, allowed) in &layers {
        for name in allowed {
            assert!(
                layers.contains_key(name),
                "docs/architecture.md: {stage} may import `{name}`, which is no stage"
            );
        }
    }
}

#[test]
fn the_reader_finds_imports_in_groups_and_paths() {
    let source = "use crate::{config::{self, Site}, base::date};\nlet x = crate::site::items();";
    let found = crate_references(source);
    assert_eq!(
        found,
        vec![
            ("config".to_string(), 1),
            ("base".to_string(), 1),
            ("site".to_string(), 2)
        ]
    );
    assert!(crate_references(&without_comments("// see crate::render")).is_empty());
}
