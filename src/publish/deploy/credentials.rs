//! Where a deploy's secrets come from: never `config.yaml`, but the
//! environment (`TABLICA_DEPLOY_PASSWORD`, `TABLICA_DEPLOY_KEY`), the usual
//! SSH keys, or a prompt when a person is at the terminal.

use super::remote::Failure;
use crate::base::diagnostic::text;
use crate::base::diagnostic::Text;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub const PASSWORD_VAR: &str = "TABLICA_DEPLOY_PASSWORD";
pub const KEY_VAR: &str = "TABLICA_DEPLOY_KEY";

/// The password from the environment, if set.
pub fn env_password() -> Option<String> {
    std::env::var(PASSWORD_VAR).ok().filter(|p| !p.is_empty())
}

/// The password given (typed into the editor), else the environment's,
/// else asked for on the terminal (saying so when the connection is not
/// encrypted).
pub fn password(target: &str, unencrypted: bool, given: Option<&str>) -> Result<String, Failure> {
    if let Some(given) = given.filter(|g| !g.is_empty()) {
        return Ok(given.to_string());
    }
    if let Some(password) = env_password() {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        let message = Text::new(
            "potrzebne hasło do serwera, a nie ma kogo o nie zapytać (wejście nie jest terminalem)",
            "a password for the server is needed, and there is no one to ask (the input is not a terminal)",
        );
        let hint = text!(
            "ustaw zmienną środowiskową {PASSWORD_VAR} (albo dla SFTP klucz w {KEY_VAR})",
            "set the environment variable {PASSWORD_VAR} (or, for SFTP, a key in {KEY_VAR})"
        );
        return Err(Failure::at(target, message, hint));
    }
    let warning = if unencrypted {
        ", NIESZYFROWANE / UNENCRYPTED"
    } else {
        ""
    };
    rpassword::prompt_password(format!("Hasło / password ({target}{warning}): "))
        .map_err(|e| Failure::Other(e.to_string()))
}

/// The private key file named in the environment.
pub fn key_file() -> Option<PathBuf> {
    std::env::var_os(KEY_VAR)
        .filter(|k| !k.is_empty())
        .map(PathBuf::from)
}

/// The usual private keys in `~/.ssh` that exist.
pub fn default_keys() -> Vec<PathBuf> {
    let Some(home) = std::env::var_os("HOME") else {
        return Vec::new();
    };
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|name| Path::new(&home).join(".ssh").join(name))
        .filter(|path| path.is_file())
        .collect()
}
