//! Who may talk to the editor. It changes files, so a request is vetted
//! before anything else is looked at: it must come from this computer, name
//! the editor's own address as its `Host` (a page of another site that
//! rebinds its DNS name to 127.0.0.1 sends its own name), and, for the API,
//! carry the session's token and no foreign `Origin` (a form or `fetch`
//! posted from another site's page). The page that holds the token is only
//! given to a request that passes the same host check.

use std::net::IpAddr;

/// The request's facts the vetting reads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Facts<'a> {
    pub remote: Option<IpAddr>,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub fetch_site: Option<&'a str>,
    pub token: Option<&'a str>,
}

/// Why a request was refused (answered 403).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not from this computer.
    Address,
    /// `Host` is not the editor's address.
    Host,
    /// `Origin` is another site's.
    Origin,
    /// The browser says the request comes from another site.
    CrossSite,
    /// No session token, or not this session's.
    Token,
}

impl Refusal {
    /// Said to the browser (and to whoever sent a forged request).
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Address => "the editor answers only this computer",
            Refusal::Host => "the Host header is not the editor's address",
            Refusal::Origin => "the request comes from another site",
            Refusal::CrossSite => "the request comes from another site",
            Refusal::Token => "the session token is missing or wrong; open the editor again",
        }
    }
}

/// The names the editor answers to on `port`.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Vets a request for a page or file of the editor or the preview.
pub fn vet_page(facts: &Facts, port: u16) -> Result<(), Refusal> {
    if !facts.remote.is_some_and(|ip| ip.is_loopback()) {
        return Err(Refusal::Address);
    }
    let host = facts.host.unwrap_or_default().to_ascii_lowercase();
    if !own_hosts(port).contains(&host) {
        return Err(Refusal::Host);
    }
    Ok(())
}

/// Vets a request to `/api/`: as a page, plus origin and token.
pub fn vet_api(facts: &Facts, port: u16, token: &str) -> Result<(), Refusal> {
    vet_page(facts, port)?;
    if let Some(origin) = facts.origin {
        let origin = origin.to_ascii_lowercase();
        let own = own_hosts(port).map(|host| format!("http://{host}"));
        if !own.contains(&origin) {
            return Err(Refusal::Origin);
        }
    }
    if facts.fetch_site == Some("cross-site") {
        return Err(Refusal::CrossSite);
    }
    match facts.token {
        Some(given) if same_secret(given.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(Refusal::Token),
    }
}

/// Compares in time that does not depend on where the bytes first differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh session token: 128 random bits in hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn local<'a>() -> Facts<'a> {
        Facts {
            remote: Some("127.0.0.1".parse().unwrap()),
            host: Some("127.0.0.1:4000"),
            origin: Some("http://127.0.0.1:4000"),
            fetch_site: Some("same-origin"),
            token: Some(TOKEN),
        }
    }

    #[test]
    fn the_editors_own_page_passes() {
        assert_eq!(vet_api(&local(), 4000, TOKEN), Ok(()));
        let localhost = Facts {
            host: Some("LOCALHOST:4000"),
            origin: None,
            fetch_site: None,
            ..local()
        };
        assert_eq!(vet_api(&localhost, 4000, TOKEN), Ok(()));
    }

    #[test]
    fn another_address_is_refused() {
        let facts = Facts {
            remote: Some("192.168.1.20".parse().unwrap()),
            ..local()
        };
        assert_eq!(vet_page(&facts, 4000), Err(Refusal::Address));
        assert_eq!(vet_api(&facts, 4000, TOKEN), Err(Refusal::Address));
    }

    #[test]
    fn a_rebound_host_name_is_refused() {
        for host in [Some("evil.example:4000"), Some("127.0.0.1:4001"), None] {
            let facts = Facts { host, ..local() };
            assert_eq!(vet_page(&facts, 4000), Err(Refusal::Host), "{host:?}");
        }
    }

    #[test]
    fn a_foreign_origin_or_cross_site_fetch_is_refused() {
        let facts = Facts {
            origin: Some("http://evil.example"),
            ..local()
        };
        assert_eq!(vet_api(&facts, 4000, TOKEN), Err(Refusal::Origin));
        let facts = Facts {
            origin: None,
            fetch_site: Some("cross-site"),
            ..local()
        };
        assert_eq!(vet_api(&facts, 4000, TOKEN), Err(Refusal::CrossSite));
    }

    #[test]
    fn a_missing_or_wrong_token_is_refused() {
        let none = Facts {
            token: None,
            ..local()
        };
        assert_eq!(vet_api(&none, 4000, TOKEN), Err(Refusal::Token));
        let wrong = Facts {
            token: Some("0123456789abcdef0123456789abcdee"),
            ..local()
        };
        assert_eq!(vet_api(&wrong, 4000, TOKEN), Err(Refusal::Token));
    }

    #[test]
    fn tokens_are_fresh() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
