//! The one interface every kind of target offers a deploy (read a file,
//! replace a file whole, delete a file), and the failures a server can
//! cause, turned into messages that say what to do.

use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use std::io::ErrorKind;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// A deploy target. Paths are relative to the site's folder there, with
/// `/` separators.
pub trait Remote {
    /// A file's bytes, or `None` when there is no such file.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Failure>;
    /// Writes the file under a temporary name, then renames it over the
    /// old one, creating folders as needed: a reader gets the old file or
    /// the new one, never a part.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failure>;
    /// Deletes a file; one that is already gone is no error.
    fn remove(&mut self, path: &str) -> Result<(), Failure>;
    /// Deletes a folder if it is empty; any failure is ignored.
    fn remove_empty_dir(&mut self, path: &str);
}

/// Why talking to a target failed.
#[derive(Debug)]
pub enum Failure {
    /// The server refused the user name, password or key.
    Refused(String),
    /// No connection could be made.
    Unreachable(String),
    /// The server's disk (or quota) is full.
    DiskFull(String),
    /// The connection broke in the middle.
    Dropped(String),
    /// The server does not let the user write or delete there.
    Denied(String),
    /// Anything else the server said.
    Other(String),
    /// A problem with its own message.
    Ready(Box<Diagnostic>),
}

impl Failure {
    /// A problem with its own message and hint, at `location`.
    pub fn at(location: impl Into<std::path::PathBuf>, message: Text, hint: Text) -> Failure {
        Failure::Ready(Box::new(
            Diagnostic::error(Location::file(location), message).with_hint(hint),
        ))
    }

    /// Sorts an I/O error by what the user can do about it.
    pub fn io(error: &std::io::Error) -> Failure {
        let detail = error.to_string();
        match error.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Failure::DiskFull(detail),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Failure::Denied(detail),
            ErrorKind::ConnectionRefused
            | ErrorKind::HostUnreachable
            | ErrorKind::NetworkUnreachable
            | ErrorKind::AddrNotAvailable
            | ErrorKind::NotFound => Failure::Unreachable(detail),
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof
            | ErrorKind::TimedOut
            | ErrorKind::NotConnected => Failure::Dropped(detail),
            _ => Failure::Other(detail),
        }
    }

    /// The message for a deploy to `target` (the address as shown).
    pub fn diagnostic(self, target: &str) -> Diagnostic {
        // A refused login is fixed in the settings (exit code 1); the rest
        // are failures of the network or the server's disk (exit code 3).
        let code = match &self {
            Failure::Refused(_) | Failure::Ready(_) => None,
            Failure::DiskFull(_) | Failure::Denied(_) => Some(crate::base::diagnostic::IO),
            _ => Some(crate::base::diagnostic::NETWORK),
        };
        let (message, hint) = match self {
            Failure::Ready(diagnostic) => return *diagnostic,
            Failure::Refused(detail) => (
                text!("serwer odrzucił logowanie: {detail}", "the server refused the login: {detail}"),
                Text::new(
                    "sprawdź nazwę użytkownika w deploy w config.yaml oraz hasło w zmiennej TABLICA_DEPLOY_PASSWORD (albo klucz w TABLICA_DEPLOY_KEY)",
                    "check the user name in deploy in config.yaml and the password in TABLICA_DEPLOY_PASSWORD (or the key in TABLICA_DEPLOY_KEY)",
                ),
            ),
            Failure::Unreachable(detail) => (
                text!("nie można połączyć się z serwerem: {detail}", "cannot connect to the server: {detail}"),
                Text::new(
                    "sprawdź adres i port w deploy w config.yaml oraz połączenie z siecią; jeśli to folder sieciowy, sprawdź, czy jest podłączony",
                    "check the address and port in deploy in config.yaml and the network; for a network folder, check that it is mounted",
                ),
            ),
            Failure::DiskFull(detail) => (
                text!("na serwerze zabrakło miejsca: {detail}", "the server is out of space: {detail}"),
                Text::new(
                    "zwolnij miejsce na serwerze (albo poproś administratora o większy limit) i uruchom tablica deploy ponownie; dokończy wysyłanie",
                    "free space on the server (or ask its administrator for a larger quota) and run tablica deploy again; it will finish the upload",
                ),
            ),
            Failure::Dropped(detail) => (
                text!("połączenie zostało przerwane: {detail}", "the connection was lost: {detail}"),
                Text::new(
                    "uruchom tablica deploy ponownie: wyśle tylko to, czego jeszcze brakuje; czytelnicy do tego czasu widzą poprzednią wersję stron",
                    "run tablica deploy again: it sends only what is still missing; until then readers see the previous pages",
                ),
            ),
            Failure::Denied(detail) => (
                text!("brak uprawnień do zapisu na serwerze: {detail}", "no permission to write on the server: {detail}"),
                Text::new(
                    "sprawdź folder w deploy w config.yaml i poproś administratora serwera o prawo zapisu do niego",
                    "check the folder in deploy in config.yaml and ask the server's administrator for write access to it",
                ),
            ),
            Failure::Other(detail) => (
                text!("wysyłanie nie powiodło się: {detail}", "the upload failed: {detail}"),
                Text::new(
                    "sprawdź komunikat serwera powyżej i uruchom tablica deploy ponownie; dokończy wysyłanie",
                    "check the server's message above and run tablica deploy again; it will finish the upload",
                ),
            ),
        };
        let diagnostic = Diagnostic::error(Location::file(target), message).with_hint(hint);
        match code {
            Some(code) => diagnostic.with_code(code),
            None => diagnostic,
        }
    }
}

/// The target folder itself is missing.
pub fn missing_folder(target: &str, folder: &str) -> Failure {
    let message = text!(
        "nie ma folderu docelowego {folder}",
        "the target folder {folder} does not exist"
    );
    let hint = Text::new(
        "sprawdź ścieżkę w deploy w config.yaml; dysk sieciowy podłącz; nowy folder utwórz (albo poproś o to administratora serwera)",
        "check the path in deploy in config.yaml; mount a network share; create a new folder (or ask the server's administrator to)",
    );
    Failure::at(target, message, hint)
}

/// How long a server may keep silent before the connection counts as lost.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A TCP connection to `host:port`, trying each of its addresses.
pub fn connect(host: &str, port: u16) -> Result<TcpStream, Failure> {
    let unreachable =
        |e: &dyn std::fmt::Display| Failure::Unreachable(format!("{host}:{port}: {e}"));
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|e| unreachable(&e))?;
    let mut last = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, Duration::from_secs(15)) {
            Ok(stream) => return Ok(stream),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => unreachable(&e),
        None => unreachable(&"no address"),
    })
}

/// The folder part of a path (`a/b/c.html` → `a/b`), empty for the top.
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The temporary name a file is written under before the rename.
pub fn temporary(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.tablica-tmp"),
        None => format!(".{path}.tablica-tmp"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::Lang;

    fn says(failure: Failure) -> String {
        let d = failure.diagnostic("sftp://u@h:22/w/");
        format!(
            "{} {}",
            d.message.get(Lang::Pl),
            d.hint.map(|h| h.pl).unwrap_or_default()
        )
    }

    #[test]
    fn a_full_disk_says_to_free_space_and_run_again() {
        let full = std::io::Error::from_raw_os_error(28); // ENOSPC
        let text = says(Failure::io(&full));
        assert!(text.contains("zabrakło miejsca"), "{text}");
        assert!(text.contains("uruchom tablica deploy ponownie"), "{text}");
    }

    #[test]
    fn a_dropped_connection_says_that_running_again_resumes() {
        let reset = std::io::Error::from(ErrorKind::ConnectionReset);
        let text = says(Failure::io(&reset));
        assert!(text.contains("przerwane"), "{text}");
        assert!(
            text.contains("wyśle tylko to, czego jeszcze brakuje"),
            "{text}"
        );
    }

    #[test]
    fn temporary_names_sit_beside_the_file() {
        assert_eq!(temporary("a/b/c.html"), "a/b/.c.html.tablica-tmp");
        assert_eq!(temporary("index.html"), ".index.html.tablica-tmp");
        assert_eq!(parent("a/b/c.html"), "a/b");
    }
}
