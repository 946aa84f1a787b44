//! The manifest of a built site: every file with its size and SHA-256, in
//! path order. It goes into packages (and onto servers after a deploy) so
//! that a copy can be checked and compared file by file.

use crate::base::diagnostic::{Diagnostic, Location, Text};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The manifest's file name inside a package or a deployed site.
pub const MANIFEST_FILE: &str = "tablica-manifest.json";
/// The same hashes in the format `sha256sum -c` checks.
pub const SUMS_FILE: &str = "SHA256SUMS";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path inside the site folder, with `/` separators.
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub site: String,
    pub files: Vec<Entry>,
}

impl Manifest {
    /// Reads and hashes every file under `dir` (but a previous manifest).
    pub fn of_folder(site: &str, dir: &Path) -> Result<Manifest, Diagnostic> {
        let paths = list(dir)?;
        let files = paths
            .par_iter()
            .map(|(rel, path)| {
                let bytes = std::fs::read(path).map_err(|e| read_error(path, &e))?;
                Ok(Entry {
                    path: rel.clone(),
                    size: bytes.len() as u64,
                    sha256: hex(&Sha256::digest(&bytes)),
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        Ok(Manifest {
            site: site.to_string(),
            files,
        })
    }

    pub fn to_json(&self) -> String {
        // A manifest of strings and numbers always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// `<hash>  <path>` lines, as `sha256sum` writes them.
    pub fn to_sums(&self) -> String {
        self.files
            .iter()
            .map(|f| format!("{}  {}\n", f.sha256, f.path))
            .collect()
    }
}

/// Files under `dir` as (relative path, path), sorted, manifests left out.
pub fn list(dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            read_error(&path, &std::io::Error::other(e))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        let rel = rel.join("/");
        if rel == MANIFEST_FILE || rel == SUMS_FILE {
            continue;
        }
        files.push((rel, entry.path().to_path_buf()));
    }
    Ok(files)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        crate::base::diagnostic::io_message("nie można odczytać", "cannot read", error),
    )
    .with_code(crate::base::diagnostic::IO)
    .with_hint(Text::new(
        "sprawdź, czy folder witryny istnieje i można go czytać",
        "check that the site folder exists and can be read",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_in_hex() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
