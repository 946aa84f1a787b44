//! Publishing a built site: the manifest of its files (path, size,
//! SHA-256), zip packages for handing a site over by e-mail or on a USB
//! stick, and the deploy to a server. The server configuration written
//! beside a site is output's ([`crate::output::server_config`]).

pub mod deploy;
pub mod manifest;
pub mod package;
