//! Server configuration written beside a built site on request
//! (`build --server-config`): an Apache `.htaccess` inside the site folder,
//! for shared hosting where it is the only way to set headers, and the same
//! rules as an nginx snippet next to the folder. Both give the site's own
//! 404 page, UTF-8, caching for assets, and security headers with a
//! Content-Security-Policy that allows exactly the theme's inline scripts
//! (by their SHA-256), so nothing injected into a page can run.

use crate::config::SiteConfig;

/// Files that configure the web server inside a site's folder. A deploy
/// never deletes one that a previous deploy put there (see
/// `publish::deploy`): without it a site may lose its 404 page, its
/// headers, or a password protection the server's owner relies on.
pub const SERVER_FILES: &[&str] = &[".htaccess", ".htpasswd", ".user.ini", "web.config"];

/// Whether `path` (relative, `/`-separated) names a server configuration file.
pub fn is_server_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    SERVER_FILES.iter().any(|f| f.eq_ignore_ascii_case(name))
}
use sha2::{Digest, Sha256};

/// The hosts of embedded video players that announcements may use.
const VIDEO_FRAMES: &str =
    "https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com";

/// Assets that may be cached for a week (their names do not change, but
/// their content may after a rebuild, so not for ever).
const ASSET_PATTERN: &str = r"\.(css|js|svg|png|jpe?g|webp|avif|gif|ico|woff2?)$";

/// The search index's files (`search-index/meta.js`, `t-ko.js`, `d-3.js`):
/// rewritten by every build, so never cached like the theme's scripts, or
/// new announcements could not be found for a week.
const SEARCH_INDEX_FILES: &str = r"^(meta|t-[0-9a-z_]+|d-[0-9]+)\.js$";

/// Types worth compressing: text, which pages and the index are.
const COMPRESSED_TYPES: &str = "text/html text/css text/plain text/xml text/calendar \
     text/javascript application/javascript application/json application/xml \
     application/atom+xml application/rss+xml image/svg+xml";

/// `'sha256-…'` sources for each inline script of `html` (JSON-LD and
/// scripts with `src` need none).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..tag_end];
        let Some(close) = rest.find("</script>") else {
            break;
        };
        let body = &rest[tag_end + 1..close];
        let is_data = tag.contains("application/ld+json");
        if !tag.contains("src=") && !is_data && !body.is_empty() {
            let hash = format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes())));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &rest[close + "</script>".len()..];
    }
    hashes
}

/// The Content-Security-Policy for pages with these inline script hashes.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut scripts = vec!["'self'".to_string()];
    scripts.extend(script_hashes.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; \
         font-src 'self'; frame-src {VIDEO_FRAMES}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'self'",
        scripts.join(" ")
    )
}

/// `.htaccess` for the site folder.
pub fn apache(site: &SiteConfig, script_hashes: &[String]) -> String {
    let base = site.base_path();
    let csp = content_security_policy(script_hashes);
    format!(
        "# Tablica: Apache configuration of {title}, written by `tablica build --server-config`.\n\
         # It belongs in the site's folder, published at {url}\n\
         # (AllowOverride must allow FileInfo, Indexes and Options for it to work).\n\
         \n\
         AddDefaultCharset utf-8\n\
         DirectoryIndex index.html\n\
         Options -Indexes\n\
         ErrorDocument 404 {base}404.html\n\
         \n\
         <IfModule mod_mime.c>\n\
         \x20 AddCharset utf-8 .html .css .js .xml .txt .ics .json .svg\n\
         \x20 AddType text/calendar .ics\n\
         \x20 AddType image/svg+xml .svg\n\
         \x20 AddType font/woff2 .woff2\n\
         </IfModule>\n\
         \n\
         <IfModule mod_headers.c>\n\
         \x20 Header always set X-Content-Type-Options \"nosniff\"\n\
         \x20 Header always set Referrer-Policy \"strict-origin-when-cross-origin\"\n\
         \x20 Header always set X-Frame-Options \"SAMEORIGIN\"\n\
         \x20 Header always set Content-Security-Policy \"{csp}\"\n\
         \x20 <FilesMatch \"{ASSET_PATTERN}\">\n\
         \x20   Header set Cache-Control \"public, max-age=604800\"\n\
         \x20 </FilesMatch>\n\
         \x20 <FilesMatch \"\\.(html|xml|ics|txt)$\">\n\
         \x20   Header set Cache-Control \"no-cache\"\n\
         \x20 </FilesMatch>\n\
         \x20 <FilesMatch \"{SEARCH_INDEX_FILES}\">\n\
         \x20   Header set Cache-Control \"no-cache\"\n\
         \x20 </FilesMatch>\n\
         </IfModule>\n\
         \n\
         <IfModule mod_deflate.c>\n\
         \x20 AddOutputFilterByType DEFLATE {COMPRESSED_TYPES}\n\
         </IfModule>\n",
        title = site.title,
        url = site.base_url(),
    )
}

/// An nginx snippet with the same rules, to include in a `server { }` block.
pub fn nginx(site: &SiteConfig, script_hashes: &[String]) -> String {
    let base = site.base_path();
    let csp = content_security_policy(script_hashes);
    // nginx drops inherited add_header lines in a location that has its own,
    // so the security headers are repeated where caching is set.
    let security = format!(
        "    add_header X-Content-Type-Options \"nosniff\" always;\n\
         \x20   add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n\
         \x20   add_header X-Frame-Options \"SAMEORIGIN\" always;\n\
         \x20   add_header Content-Security-Policy \"{csp}\" always;\n"
    );
    format!(
        "# Tablica: nginx configuration of {title}, written by `tablica build --server-config`.\n\
         # Include it inside the server {{ }} block of {origin} (whose http {{ }} block\n\
         # includes mime.types, as Debian's nginx.conf does) and set `alias` to the\n\
         # folder the site was copied to (it must end with /).\n\
         \n\
         location {base} {{\n\
         \x20   alias /var/www/{id}/;\n\
         \x20   index index.html;\n\
         \x20   charset utf-8;\n\
         \x20   charset_types text/css text/plain text/calendar text/xml application/javascript application/xml application/json image/svg+xml;\n\
         \x20   error_page 404 {base}404.html;\n\
         \x20   gzip on;\n\
         \x20   gzip_types {COMPRESSED_TYPES};\n\
         {security}\
         \x20   add_header Cache-Control \"no-cache\" always;\n\
         \n\
         \x20   location ^~ {base}{index} {{\n\
         {nested}\
         \x20       add_header Cache-Control \"no-cache\" always;\n\
         \x20   }}\n\
         \x20   location ~* \\.ics$ {{\n\
         \x20       default_type text/calendar;\n\
         \x20   }}\n\
         \x20   location ~* {ASSET_PATTERN} {{\n\
         {nested}\
         \x20       add_header Cache-Control \"public, max-age=604800\" always;\n\
         \x20   }}\n\
         }}\n",
        title = site.title,
        origin = site.origin(),
        id = site.id,
        index = crate::search::INDEX_DIR,
        nested = security.replace("    add_header", "        add_header"),
    )
}

/// Standard base64 with padding, for CSP hash sources.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_executable_inline_scripts_are_hashed() {
        let html = "<script>alert(1)</script><script type=\"application/ld+json\">{}</script>\
                    <script src=\"/a.js\" defer></script><script>alert(1)</script>";
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            inline_script_hashes(html),
            vec!["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_string()]
        );
    }
}
