//! Publishing a built site: the server configuration written beside it on
//! request (Apache `.htaccess`, an nginx snippet), the manifest of its files
//! (path, size, SHA-256), and zip packages for handing a site over by
//! e-mail or on a USB stick, and the deploy to a server.

pub mod deploy;
pub mod manifest;
pub mod package;
