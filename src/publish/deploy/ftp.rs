//! FTP targets through `suppaftp`, with explicit TLS (`AUTH TLS`, rustls)
//! whenever the server offers it; plain FTP only when it does not, with a
//! warning, and never for `ftps://`. The server's certificate must be
//! signed by a public authority, or by the one in `TABLICA_DEPLOY_CA` (a
//! PEM file) for a server with its own certificate.

use super::credentials;
use super::remote::{self, parent, temporary, Failure, Remote};
use super::target::{join, Server};
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Location, Text};
use std::collections::HashSet;
use std::sync::Arc;
use suppaftp::rustls::pki_types::pem::PemObject;
use suppaftp::rustls::pki_types::CertificateDer;
use suppaftp::rustls::{ClientConfig, RootCertStore};
use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream, Status};

/// A PEM file with the certificate (or its authority) of a server that
/// does not have one from a public authority.
pub const CA_VAR: &str = "TABLICA_DEPLOY_CA";

pub struct Ftp {
    stream: RustlsFtpStream,
    root: String,
    made: HashSet<String>,
}

impl Ftp {
    /// Connects and logs in; the flag says the connection is not encrypted.
    pub fn connect(
        server: &Server,
        require_tls: bool,
        password: Option<&str>,
    ) -> Result<(Ftp, bool), Failure> {
        let target = format!("ftp://{server}");
        let (mut stream, plain) = match open(server)?.into_secure(connector(&target)?, &server.host)
        {
            Ok(secure) => (secure, false),
            Err(FtpError::UnexpectedResponse(_)) if !require_tls => (open(server)?, true),
            Err(FtpError::UnexpectedResponse(reply)) => {
                let detail = String::from_utf8_lossy(&reply.body).trim().to_string();
                return Err(no_tls(&target, &detail));
            }
            Err(FtpError::SecureError(detail)) => return Err(tls_error(&target, &detail)),
            Err(e) => return Err(error(e)),
        };
        let password = credentials::password(&target, plain, password)?;
        stream
            .login(server.user.as_str(), password.as_str())
            .map_err(error)?;
        stream.transfer_type(FileType::Binary).map_err(error)?;
        let root = server.ftp_folder();
        if !root.is_empty() {
            let home = stream.pwd().map_err(error)?;
            if stream.cwd(&root).is_err() {
                return Err(remote::missing_folder(&target, &root));
            }
            stream.cwd(&home).map_err(error)?;
        }
        let ftp = Ftp {
            stream,
            root,
            made: HashSet::new(),
        };
        Ok((ftp, plain))
    }

    fn path(&self, rel: &str) -> String {
        join(&self.root, rel)
    }

    /// Creates the folders of `dir` that are missing, top first.
    fn make_dirs(&mut self, dir: &str) {
        if dir.is_empty() || self.made.contains(dir) {
            return;
        }
        self.make_dirs(parent(dir));
        // An existing folder is refused too; a real problem shows at STOR.
        let _ = self.stream.mkdir(self.path(dir));
        self.made.insert(dir.to_string());
    }
}

fn open(server: &Server) -> Result<RustlsFtpStream, Failure> {
    let tcp = remote::connect(&server.host, server.port)?;
    let _ = tcp.set_read_timeout(Some(remote::TIMEOUT));
    let _ = tcp.set_write_timeout(Some(remote::TIMEOUT));
    RustlsFtpStream::connect_with_stream(tcp).map_err(error)
}

fn connector(target: &str) -> Result<RustlsConnector, Failure> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(file) = std::env::var_os(CA_VAR) {
        let certs = CertificateDer::pem_file_iter(&file)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| tls_error(target, &format!("{CA_VAR}: {e}")))?;
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| tls_error(target, &format!("{CA_VAR}: {e}")))?;
        }
    }
    let provider = Arc::new(suppaftp::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(target, &e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(RustlsConnector::from(Arc::new(config)))
}

impl Remote for Ftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Failure> {
        match self.stream.retr_as_buffer(&self.path(path)) {
            Ok(cursor) => Ok(Some(cursor.into_inner())),
            Err(FtpError::UnexpectedResponse(r)) if r.status == Status::FileUnavailable => Ok(None),
            Err(e) => Err(error(e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
        self.make_dirs(parent(path));
        let (temp, path) = (self.path(&temporary(path)), self.path(path));
        self.stream
            .put_file(&temp, &mut std::io::Cursor::new(bytes))
            .map_err(error)?;
        if self.stream.rename(&temp, &path).is_ok() {
            return Ok(());
        }
        // Servers that do not rename over a file: delete it first.
        let _ = self.stream.rm(&path);
        self.stream.rename(&temp, &path).map_err(error)
    }

    fn remove(&mut self, path: &str) -> Result<(), Failure> {
        match self.stream.rm(self.path(path)) {
            Err(FtpError::UnexpectedResponse(r)) if r.status == Status::FileUnavailable => Ok(()),
            Err(e) => Err(error(e)),
            Ok(()) => Ok(()),
        }
    }

    fn remove_empty_dir(&mut self, path: &str) {
        let _ = self.stream.rmdir(self.path(path));
    }
}

/// The warning for a server that offers no encryption.
pub fn plain_warning(target: &str) -> Diagnostic {
    Diagnostic::warning(
        Location::file(target),
        Text::new(
            "serwer FTP nie obsługuje szyfrowania (AUTH TLS): hasło i pliki idą otwartym tekstem",
            "the FTP server offers no encryption (AUTH TLS): the password and the files travel in plain text",
        ),
    )
    .with_hint(Text::new(
        "poproś administratora serwera o włączenie FTPS albo SFTP i zmień adres deploy na ftps:// lub sftp://",
        "ask the server's administrator to enable FTPS or SFTP, and change the deploy address to ftps:// or sftp://",
    ))
}

/// `ftps://` to a server that offers no TLS.
fn no_tls(target: &str, detail: &str) -> Failure {
    let message = text!(
        "serwer FTP nie obsługuje szyfrowania ({detail}), a adres ftps:// go wymaga",
        "the FTP server offers no encryption ({detail}), and the ftps:// address requires it"
    );
    let hint = Text::new(
        "poproś administratora serwera o włączenie FTPS (AUTH TLS) albo SFTP; adres ftp:// wysłałby hasło otwartym tekstem",
        "ask the server's administrator to enable FTPS (AUTH TLS) or SFTP; an ftp:// address would send the password in plain text",
    );
    Failure::at(target, message, hint)
}

fn tls_error(target: &str, detail: &str) -> Failure {
    let message = text!(
        "nie można nawiązać szyfrowanego połączenia (TLS): {detail}",
        "cannot set up an encrypted connection (TLS): {detail}"
    );
    let hint = text!(
        "jeśli serwer ma własny certyfikat, poproś administratora o plik z certyfikatem (PEM) i wskaż go w zmiennej {CA_VAR}",
        "if the server has its own certificate, ask its administrator for the certificate file (PEM) and name it in {CA_VAR}"
    );
    Failure::at(target, message, hint)
}

/// Sorts an FTP error by what the user can do about it.
fn error(e: FtpError) -> Failure {
    match e {
        FtpError::ConnectionError(io) => Failure::io(&io),
        FtpError::UnexpectedResponse(reply) => {
            // The body is the server's whole reply line, code included.
            let detail = String::from_utf8_lossy(&reply.body).trim().to_string();
            match reply.status.code() {
                530 => Failure::Refused(detail),
                452 | 552 => Failure::DiskFull(detail),
                421 => Failure::Dropped(detail),
                550 | 553 => Failure::Denied(detail),
                _ => Failure::Other(detail),
            }
        }
        e => Failure::Other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use suppaftp::types::Response;

    fn reply(code: u32) -> Failure {
        let body = format!("{code} the server's words").into_bytes();
        error(FtpError::UnexpectedResponse(Response::new(
            Status::from(code),
            body,
        )))
    }

    #[test]
    fn replies_are_sorted_by_what_to_do() {
        assert!(matches!(reply(452), Failure::DiskFull(_)));
        assert!(matches!(reply(552), Failure::DiskFull(_)));
        assert!(matches!(reply(530), Failure::Refused(d) if d == "530 the server's words"));
        assert!(matches!(reply(421), Failure::Dropped(_)));
        assert!(matches!(reply(553), Failure::Denied(_)));
    }
}
