//! Embeds without tracking: a YouTube player or a Google map written into
//! a page (`<iframe>`, raw HTML on a site with `unsafe_html`) becomes a
//! placeholder with a plain link, and the player loads from the privacy
//! host (youtube-nocookie.com) only when the resident asks for it (the
//! theme's script turns the placeholder into the `<iframe>` on a click).
//! Nothing from a third party loads before that, so no cookie banner is
//! needed. Other third-party embeds are left as they are; `check` warns
//! about them (rule `embed-third-party`).

/// What kind of embed a player's address is, and where it is watched or
/// seen without the page.
struct Known {
    kind: &'static str,
    /// Loaded on request (the privacy host for YouTube).
    load: String,
    /// The plain link shown until then, and without JavaScript.
    link: String,
    /// The link's words when the `<iframe>` has no title.
    name: &'static str,
}

/// The embed an `<iframe src>` is, when Tablica knows how to defer it.
fn known(src: &str) -> Option<Known> {
    let rest = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("//"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.");
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = path.strip_prefix("embed/")?;
            let id: String = id
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (!id.is_empty()).then(|| Known {
                kind: "youtube",
                load: format!("https://www.youtube-nocookie.com/embed/{id}"),
                link: format!("https://www.youtube.com/watch?v={id}"),
                name: "YouTube",
            })
        }
        "google.com" | "maps.google.com" if path.starts_with("maps") => Some(Known {
            kind: "map",
            load: src.to_string(),
            link: src.replace("/maps/embed", "/maps"),
            name: "Google Maps",
        }),
        _ => None,
    }
}

/// The host of an address, without `www.`; `None` for a relative one.
pub fn host_of(src: &str) -> Option<&str> {
    let rest = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("http://"))
        .or_else(|| src.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.trim_start_matches("www."))
}

/// Whether an embedded address is one Tablica defers (YouTube, Google Maps).
pub fn is_deferred(src: &str) -> bool {
    known(src).is_some()
}

/// `html` with each known `<iframe>` turned into its placeholder.
pub fn defer(html: &str) -> String {
    if !html.contains("<iframe") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<iframe") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let Some(close) = tail.find("</iframe>") else {
            break;
        };
        let element = &tail[..close + "</iframe>".len()];
        let open_tag = &element[..element.find('>').unwrap_or(element.len())];
        let src = attribute(open_tag, "src").unwrap_or_default();
        match known(&src) {
            Some(embed) => {
                let title = attribute(open_tag, "title").unwrap_or_default();
                out.push_str(&placeholder(&embed, &title));
            }
            None => out.push_str(element),
        }
        rest = &tail[element.len()..];
    }
    out.push_str(rest);
    out
}

fn placeholder(embed: &Known, title: &str) -> String {
    let words = if title.trim().is_empty() {
        embed.name
    } else {
        title.trim()
    };
    let escape = crate::base::escape::escape_attribute;
    format!(
        "<div class=\"embed embed-{kind}\" data-embed=\"{load}\" data-embed-title=\"{title}\"><p class=\"embed-link\"><a href=\"{link}\">{words}</a> <span class=\"embed-host\">({name})</span></p></div>",
        kind = embed.kind,
        load = escape(&embed.load),
        title = escape(words),
        link = escape(&embed.link),
        words = escape(words),
        name = embed.name,
    )
}

/// The value of `name=…` in an opening tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    super::facts::attribute_values(tag, name)
        .first()
        .map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_youtube_player_waits_for_a_click_and_uses_the_privacy_host() {
        let html = "<p>Film:</p>\n<iframe width=\"560\" src=\"https://www.youtube.com/embed/abc_DEF-12?si=x\" title=\"Relacja z forum\" allowfullscreen></iframe>\n";
        let out = defer(html);
        assert!(!out.contains("<iframe"), "{out}");
        assert!(
            out.contains("data-embed=\"https://www.youtube-nocookie.com/embed/abc_DEF-12\""),
            "{out}"
        );
        assert!(
            out.contains(
                "<a href=\"https://www.youtube.com/watch?v=abc_DEF-12\">Relacja z forum</a>"
            ),
            "{out}"
        );
        assert!(out.starts_with("<p>Film:</p>\n"));
    }

    #[test]
    fn other_embeds_stay_and_hosts_are_read() {
        let html = "<iframe src=\"https://example.com/widget\"></iframe>";
        assert_eq!(defer(html), html);
        assert_eq!(host_of("https://www.example.com/a?b"), Some("example.com"));
        assert_eq!(host_of("/lokalny.html"), None);
        assert!(is_deferred("https://www.google.com/maps/embed?pb=1"));
        assert!(!is_deferred("https://example.com/"));
    }
}
