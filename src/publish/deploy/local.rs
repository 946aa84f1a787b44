//! A folder on this computer as a deploy target: a mounted network share
//! (`/mnt/serwer/partnerstwo/`) or any folder a web server serves. Files are
//! written beside their final name and renamed over it.

use super::remote::{missing_folder, parent, temporary, Failure, Remote};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder must exist: a missing one usually means an unmounted share.
    pub fn open(root: &Path) -> Result<Folder, Failure> {
        if !root.is_dir() {
            let shown = root.display().to_string();
            return Err(missing_folder(&shown, &shown));
        }
        Ok(Folder {
            root: root.to_path_buf(),
        })
    }

    fn path(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }
}

impl Remote for Folder {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Failure> {
        match std::fs::read(self.path(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Failure::io(&e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
        let dir = self.path(parent(path));
        std::fs::create_dir_all(&dir).map_err(|e| Failure::io(&e))?;
        let temp = self.path(&temporary(path));
        let written = std::fs::File::create(&temp).and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(Failure::io(&e));
        }
        std::fs::rename(&temp, self.path(path)).map_err(|e| Failure::io(&e))
    }

    fn remove(&mut self, path: &str) -> Result<(), Failure> {
        match std::fs::remove_file(self.path(path)) {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(Failure::io(&e)),
            _ => Ok(()),
        }
    }

    fn remove_empty_dir(&mut self, path: &str) {
        let _ = std::fs::remove_dir(self.path(path));
    }
}
