//! SFTP targets through libssh2 (the `ssh2` crate). The server's key must be
//! in `~/.ssh/known_hosts` (as `ssh` leaves it after the first login); the
//! login tries the key in `TABLICA_DEPLOY_KEY`, else the ssh-agent and the
//! usual `~/.ssh` keys, then a password from `TABLICA_DEPLOY_PASSWORD` or
//! a prompt.

use super::credentials;
use super::remote::{self, parent, temporary, Failure, Remote};
use super::target::{join, Server};
use crate::base::diagnostic::text;
use crate::base::diagnostic::Text;
use ssh2::{CheckResult, ErrorCode, KnownHostFileKind, Session};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub struct Sftp {
    // The session must outlive the SFTP channel.
    _session: Session,
    sftp: ssh2::Sftp,
    root: String,
    made: HashSet<String>,
}

// libssh2 codes (see libssh2.h and libssh2_sftp.h).
const FX_NO_SUCH_FILE: i32 = 2;
const FX_PERMISSION_DENIED: i32 = 3;
const FX_NO_CONNECTION: i32 = 6;
const FX_CONNECTION_LOST: i32 = 7;
const FX_NO_SPACE: i32 = 14;
const FX_QUOTA_EXCEEDED: i32 = 15;
const ERROR_SOCKET_SEND: i32 = -7;
const ERROR_TIMEOUT: i32 = -9;
const ERROR_DISCONNECT: i32 = -13;
const ERROR_AUTHENTICATION: i32 = -18;
const ERROR_KEY_UNVERIFIED: i32 = -19;
const ERROR_SOCKET_RECV: i32 = -43;

impl Sftp {
    pub fn connect(server: &Server, password: Option<&str>) -> Result<Sftp, Failure> {
        let tcp = remote::connect(&server.host, server.port)?;
        let mut session = Session::new().map_err(error)?;
        session.set_timeout(remote::TIMEOUT.as_millis() as u32);
        session.set_tcp_stream(tcp);
        session.handshake().map_err(error)?;
        check_host_key(&session, server)?;
        log_in(&session, server, password)?;
        let sftp = session.sftp().map_err(error)?;
        let root = server.sftp_folder();
        if !root.is_empty() && sftp.stat(Path::new(&root)).is_err() {
            return Err(remote::missing_folder(&format!("sftp://{server}"), &root));
        }
        Ok(Sftp {
            _session: session,
            sftp,
            root,
            made: HashSet::new(),
        })
    }

    fn path(&self, rel: &str) -> PathBuf {
        PathBuf::from(join(&self.root, rel))
    }

    /// Creates the folders of `dir` that are missing, top first.
    fn make_dirs(&mut self, dir: &str) -> Result<(), Failure> {
        if dir.is_empty() || self.made.contains(dir) {
            return Ok(());
        }
        self.make_dirs(parent(dir))?;
        let path = self.path(dir);
        if self.sftp.stat(&path).is_err() {
            self.sftp.mkdir(&path, 0o755).map_err(error)?;
        }
        self.made.insert(dir.to_string());
        Ok(())
    }
}

impl Remote for Sftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Failure> {
        let mut file = match self.sftp.open(self.path(path)) {
            Ok(file) => file,
            Err(e) if e.code() == ErrorCode::SFTP(FX_NO_SUCH_FILE) => return Ok(None),
            Err(e) => return Err(error(e)),
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| Failure::io(&e))?;
        Ok(Some(bytes))
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
        self.make_dirs(parent(path))?;
        let (temp, path) = (self.path(&temporary(path)), self.path(path));
        let mut file = self.sftp.create(&temp).map_err(error)?;
        file.write_all(bytes).map_err(|e| Failure::io(&e))?;
        file.close().map_err(error)?;
        drop(file);
        if self.sftp.rename(&temp, &path, None).is_ok() {
            return Ok(());
        }
        // SFTP version 3 servers (OpenSSH) do not rename over a file.
        match self.sftp.unlink(&path) {
            Err(e) if e.code() != ErrorCode::SFTP(FX_NO_SUCH_FILE) => return Err(error(e)),
            _ => {}
        }
        self.sftp.rename(&temp, &path, None).map_err(error)
    }

    fn remove(&mut self, path: &str) -> Result<(), Failure> {
        match self.sftp.unlink(&self.path(path)) {
            Err(e) if e.code() != ErrorCode::SFTP(FX_NO_SUCH_FILE) => Err(error(e)),
            _ => Ok(()),
        }
    }

    fn remove_empty_dir(&mut self, path: &str) {
        let _ = self.sftp.rmdir(&self.path(path));
    }
}

/// Refuses a server whose key is unknown or differs from the known one.
fn check_host_key(session: &Session, server: &Server) -> Result<(), Failure> {
    let Some((key, _)) = session.host_key() else {
        return Err(Failure::Other("no host key".into()));
    };
    let mut known = session.known_hosts().map_err(error)?;
    let file = known_hosts_file();
    if let Some(file) = &file {
        let _ = known.read_file(file, KnownHostFileKind::OpenSSH);
    }
    let host = &server.host;
    let port = server.port;
    let (message, hint) = match known.check_port(host, port, key) {
        CheckResult::Match => return Ok(()),
        CheckResult::Mismatch => (
            text!(
                "klucz serwera {host} jest inny niż zapamiętany w ~/.ssh/known_hosts; to może być podszywanie się pod serwer",
                "the key of the server {host} differs from the one in ~/.ssh/known_hosts; someone may be impersonating the server"
            ),
            Text::new(
                "nie wysyłaj niczego; zapytaj administratora serwera, czy zmienił klucz, i dopiero wtedy usuń stary wpis: ssh-keygen -R serwer",
                "send nothing; ask the server's administrator whether the key changed, and only then remove the old entry: ssh-keygen -R server",
            ),
        ),
        CheckResult::NotFound | CheckResult::Failure => (
            text!(
                "serwer {host} nie jest znany: jego klucza nie ma w ~/.ssh/known_hosts",
                "the server {host} is unknown: its key is not in ~/.ssh/known_hosts"
            ),
            text!(
                "zaloguj się raz zwykłym klientem (ssh -p {port} {host}), sprawdź z administratorem odcisk klucza i zaakceptuj go, potem uruchom tablica deploy ponownie",
                "log in once with the usual client (ssh -p {port} {host}), check the key's fingerprint with the administrator and accept it, then run tablica deploy again"
            ),
        ),
    };
    Err(Failure::at(format!("sftp://{server}"), message, hint))
}

fn known_hosts_file() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".ssh/known_hosts"))
}

/// Keys first (the one named, the agent, the usual files), then a password.
fn log_in(session: &Session, server: &Server, password: Option<&str>) -> Result<(), Failure> {
    let user = &server.user;
    if let Some(key) = credentials::key_file() {
        let passphrase = credentials::env_password();
        session
            .userauth_pubkey_file(user, None, &key, passphrase.as_deref())
            .map_err(error)?;
        return Ok(());
    }
    if session.userauth_agent(user).is_ok() {
        return Ok(());
    }
    for key in credentials::default_keys() {
        if session.userauth_pubkey_file(user, None, &key, None).is_ok() {
            return Ok(());
        }
    }
    let password = credentials::password(&format!("sftp://{server}"), false, password)?;
    session.userauth_password(user, &password).map_err(error)
}

/// Sorts a libssh2 error by what the user can do about it.
fn error(e: ssh2::Error) -> Failure {
    let detail = e.message().to_string();
    match e.code() {
        ErrorCode::Session(ERROR_AUTHENTICATION | ERROR_KEY_UNVERIFIED) => Failure::Refused(detail),
        ErrorCode::Session(
            ERROR_SOCKET_SEND | ERROR_SOCKET_RECV | ERROR_DISCONNECT | ERROR_TIMEOUT,
        )
        | ErrorCode::SFTP(FX_NO_CONNECTION | FX_CONNECTION_LOST) => Failure::Dropped(detail),
        ErrorCode::SFTP(FX_NO_SPACE | FX_QUOTA_EXCEEDED) => Failure::DiskFull(detail),
        ErrorCode::SFTP(FX_PERMISSION_DENIED) => Failure::Denied(detail),
        _ => Failure::Other(detail),
    }
}
