//! The `deploy:` value of a site in `config.yaml`: an `sftp://` or `ftp://`
//! address, or a (mounted) folder given as a path or a `file://` address.
//! Passwords never belong here: they come from the environment or a prompt.

use crate::base::diagnostic::text;
use crate::base::diagnostic::Text;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a site is deployed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A folder on this computer, e.g. a mounted network share.
    Folder(PathBuf),
    Sftp(Server),
    /// FTP, with explicit TLS when the server offers it; `ftps://`
    /// requires TLS.
    Ftp {
        server: Server,
        require_tls: bool,
    },
}

/// A server address taken from a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub user: String,
    pub host: String,
    pub port: u16,
    /// The URL's path, without a trailing `/` (e.g. `/var/www`).
    pub path: String,
}

impl Server {
    /// The folder on an SFTP server: the URL's path is absolute, `/~/www`
    /// is `www` in the user's home, and no path is the home itself.
    pub fn sftp_folder(&self) -> String {
        match self.path.strip_prefix("/~") {
            Some(home) => home.trim_start_matches('/').to_string(),
            None => self.path.clone(),
        }
    }

    /// The folder on an FTP server: as in RFC 1738 (and curl), relative to
    /// the login folder (`/www` is `www`); `//srv/www` is absolute.
    pub fn ftp_folder(&self) -> String {
        self.path
            .strip_prefix('/')
            .unwrap_or(&self.path)
            .to_string()
    }
}

/// `rel` inside `folder` (the folder may be empty: the login folder).
pub fn join(folder: &str, rel: &str) -> String {
    if folder.is_empty() {
        rel.to_string()
    } else {
        format!("{folder}/{rel}")
    }
}

/// What is wrong with a `deploy:` value and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub message: Text,
    pub hint: Text,
}

const FORMS: (&str, &str) = (
    "podaj adres w postaci sftp://uzytkownik@serwer/folder/, ftp://uzytkownik@serwer/folder/ albo ścieżkę folderu, np. /mnt/serwer/partnerstwo/",
    "give an address like sftp://user@server/folder/, ftp://user@server/folder/ or a folder path such as /mnt/server/partnership/",
);

/// Parses a `deploy:` value; relative folders are taken from `root`.
pub fn parse(value: &str, root: &Path) -> Result<Target, Invalid> {
    let value = value.trim();
    if let Some(path) = value.strip_prefix("file://") {
        return folder(path, root);
    }
    let Some((scheme, rest)) = value.split_once("://") else {
        return folder(value, root);
    };
    match scheme.to_ascii_lowercase().as_str() {
        "sftp" => server(rest, 22).map(Target::Sftp),
        "ftp" => server(rest, 21).map(|server| Target::Ftp {
            server,
            require_tls: false,
        }),
        "ftps" => server(rest, 21).map(|server| Target::Ftp {
            server,
            require_tls: true,
        }),
        _ => Err(Invalid {
            message: text!(
                "nieobsługiwany rodzaj adresu „{scheme}://” w deploy",
                "unsupported kind of address `{scheme}://` in deploy"
            ),
            hint: Text::new(FORMS.0, FORMS.1),
        }),
    }
}

fn folder(path: &str, root: &Path) -> Result<Target, Invalid> {
    if path.is_empty() {
        return Err(Invalid {
            message: Text::new("pusty adres w deploy", "empty address in deploy"),
            hint: Text::new(FORMS.0, FORMS.1),
        });
    }
    Ok(Target::Folder(root.join(path)))
}

fn server(rest: &str, default_port: u16) -> Result<Server, Invalid> {
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let Some((user, host_port)) = authority.rsplit_once('@') else {
        return Err(Invalid {
            message: Text::new(
                "w adresie deploy brakuje nazwy użytkownika",
                "the deploy address has no user name",
            ),
            hint: Text::new(
                "dopisz użytkownika przed nazwą serwera, np. sftp://gmina@serwer.example.pl/www/",
                "put the user before the server name, e.g. sftp://gmina@server.example.org/www/",
            ),
        });
    };
    if user.contains(':') {
        return Err(Invalid {
            message: Text::new(
                "adres deploy zawiera hasło; hasła nie wolno zapisywać w config.yaml",
                "the deploy address contains a password; passwords must not be stored in config.yaml",
            ),
            hint: Text::new(
                "usuń „:hasło” z adresu i podaj hasło w zmiennej środowiskowej TABLICA_DEPLOY_PASSWORD (albo wpisz je, gdy tablica deploy o nie zapyta)",
                "remove `:password` from the address and set the environment variable TABLICA_DEPLOY_PASSWORD (or type it when tablica deploy asks)",
            ),
        });
    }
    let (host, port) = host_and_port(host_port, default_port)?;
    if user.is_empty() || host.is_empty() {
        return Err(Invalid {
            message: Text::new(
                "w adresie deploy brakuje użytkownika albo serwera",
                "the deploy address lacks the user or the server",
            ),
            hint: Text::new(FORMS.0, FORMS.1),
        });
    }
    Ok(Server {
        user: user.to_string(),
        host,
        port,
        path: path.trim_end_matches('/').to_string(),
    })
}

fn host_and_port(text: &str, default_port: u16) -> Result<(String, u16), Invalid> {
    let (host, port) = match text.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((host, rest)) => (host, rest.strip_prefix(':')),
            None => (text, None),
        },
        None => match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        },
    };
    let port = match port {
        None => default_port,
        Some(p) => p.parse().map_err(|_| Invalid {
            message: text!(
                "„{p}” w adresie deploy nie jest numerem portu",
                "`{p}` in the deploy address is not a port number"
            ),
            hint: Text::new(
                "port to liczba od 1 do 65535 po dwukropku, np. sftp://gmina@serwer:2222/www/",
                "a port is a number from 1 to 65535 after a colon, e.g. sftp://user@server:2222/www/",
            ),
        })?,
    };
    Ok((host.to_string(), port))
}

impl fmt::Display for Target {
    /// The address as shown in reports (never with a password).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Folder(path) => write!(f, "{}", path.display()),
            Target::Sftp(s) => write!(f, "sftp://{s}"),
            Target::Ftp {
                server,
                require_tls,
            } => {
                let scheme = if *require_tls { "ftps" } else { "ftp" };
                write!(f, "{scheme}://{server}")
            }
        }
    }
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(f, "{}@{host}:{}{}/", self.user, self.port, self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(value: &str) -> Target {
        parse(value, Path::new("/ws")).unwrap()
    }

    #[test]
    fn server_addresses() {
        let Target::Sftp(s) = ok("sftp://gmina@serwer.pl:2222/var/www/alfa/") else {
            panic!()
        };
        assert_eq!(
            (s.user.as_str(), s.host.as_str(), s.port, s.path.as_str()),
            ("gmina", "serwer.pl", 2222, "/var/www/alfa")
        );
        let Target::Ftp {
            server,
            require_tls,
        } = ok("ftp://u@h")
        else {
            panic!()
        };
        assert_eq!(
            (server.port, server.path.as_str(), require_tls),
            (21, "", false)
        );
        assert_eq!(ok("sftp://u@[::1]/w").to_string(), "sftp://u@[::1]:22/w/");
    }

    #[test]
    fn folders_on_servers() {
        let server = |value: &str| match ok(value) {
            Target::Sftp(s) | Target::Ftp { server: s, .. } => s,
            Target::Folder(_) => panic!(),
        };
        assert_eq!(server("sftp://u@h/var/www/").sftp_folder(), "/var/www");
        assert_eq!(server("sftp://u@h/~/www/").sftp_folder(), "www");
        assert_eq!(server("sftp://u@h").sftp_folder(), "");
        assert_eq!(server("ftp://u@h/www/").ftp_folder(), "www");
        assert_eq!(server("ftp://u@h//srv/www/").ftp_folder(), "/srv/www");
        assert_eq!(server("ftp://u@h/").ftp_folder(), "");
        assert_eq!(join("", "a.html"), "a.html");
        assert_eq!(join("/w", "a.html"), "/w/a.html");
    }

    #[test]
    fn folders() {
        assert_eq!(ok("/mnt/a/"), Target::Folder("/mnt/a/".into()));
        assert_eq!(ok("file:///mnt/a"), Target::Folder("/mnt/a".into()));
        assert_eq!(ok("out/alfa"), Target::Folder("/ws/out/alfa".into()));
    }

    #[test]
    fn rejects_passwords_and_bad_addresses() {
        let root = Path::new("/ws");
        let password = parse("sftp://u:tajne@h/w", root).unwrap_err();
        assert!(password.hint.pl.contains("TABLICA_DEPLOY_PASSWORD"));
        assert!(parse("https://h/w", root).is_err());
        assert!(parse("sftp://h/w", root).is_err());
        assert!(parse("ftp://u@h:port/w", root).is_err());
    }
}
