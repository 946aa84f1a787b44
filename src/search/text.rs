//! The plain text of a rendered page body: what the index reads and what
//! result snippets quote.

use crate::base::scan::push_collapsed;

/// `html` without tags, entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        push_collapsed(&mut out, &rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('<') {
            rest = skip_tag(tail);
            // A heading ends a sentence, so a snippet does not glue it to
            // the paragraph after it ("Termin i dokumenty. Konsultacje…").
            if ends_heading(tail) && !out.trim_end().ends_with(['.', '!', '?', ':', '…']) {
                out.truncate(out.trim_end().len());
                push_collapsed(&mut out, ".");
            }
            // A block ends a word ("<td>a</td><td>b</td>" is "a b"); inline
            // markup does not ("<strong>strategii</strong>." stays "strategii.").
            if !is_inline(tail) {
                push_collapsed(&mut out, " ");
            }
        } else {
            let (decoded, after) = entity(tail);
            push_collapsed(&mut out, decoded);
            rest = after;
        }
    }
    push_collapsed(&mut out, rest);
    out.truncate(out.trim_end().len());
    out
}

/// Whether the tag at the start of `tail` closes a heading (`</h2>`).
fn ends_heading(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    bytes.len() > 3
        && bytes[1] == b'/'
        && bytes[2].eq_ignore_ascii_case(&b'h')
        && (b'1'..=b'6').contains(&bytes[3])
}

/// Elements that sit inside a line of text, by tag name.
const INLINE: [&str; 20] = [
    "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "time", "u",
];

/// Whether the tag at the start of `tail` (`<strong>`, `</a>`) is inline.
fn is_inline(tail: &str) -> bool {
    let name = tail[1..].trim_start_matches('/').as_bytes();
    let length = name
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..length];
    INLINE
        .iter()
        .any(|inline| inline.as_bytes().eq_ignore_ascii_case(name))
}

/// What follows the tag at the start of `tail`; scripts and styles are
/// skipped whole (raw HTML may hold them).
fn skip_tag(tail: &str) -> &str {
    for element in ["script", "style"] {
        let opens = tail
            .get(1..=element.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(element));
        if opens {
            let close = format!("</{element}");
            if let Some(end) = tail.find(&close) {
                return skip_tag(&tail[end..]);
            }
        }
    }
    match tail.find('>') {
        Some(end) => &tail[end + 1..],
        None => "",
    }
}

/// The text of the entity at the start of `tail`, and what follows it.
fn entity(tail: &str) -> (&'static str, &str) {
    // By bytes: the twelve bytes after `&` may end inside a letter.
    let Some(end) = tail.as_bytes()[..tail.len().min(12)]
        .iter()
        .position(|&b| b == b';')
    else {
        return ("&", &tail[1..]);
    };
    let decoded = match &tail[1..end] {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" | "#34" => "\"",
        "#39" | "#x27" | "apos" => "'",
        "nbsp" | "#160" | "#xa0" => " ",
        _ => return numeric(tail, end),
    };
    (decoded, &tail[end + 1..])
}

/// A numeric character reference the short table does not know: kept as a
/// space, which is all the index needs from it (it splits words).
fn numeric(tail: &str, end: usize) -> (&'static str, &str) {
    if tail[1..end].starts_with('#') {
        (" ", &tail[end + 1..])
    } else {
        ("&", &tail[1..])
    }
}

/// At most `max` characters of `text`, cut at a word boundary.
pub fn excerpt(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        None => text,
        Some((cut, _)) => {
            let head = &text[..cut];
            head.rfind(' ').map_or(head, |space| &head[..space])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_ends_a_sentence() {
        assert_eq!(
            plain_text("<h2>Termin i dokumenty</h2><p>Konsultacje trwają.</p>"),
            "Termin i dokumenty. Konsultacje trwają."
        );
        assert_eq!(
            plain_text("<h2>Jak zgłosić uwagi?</h2><p>Tak.</p>"),
            "Jak zgłosić uwagi? Tak."
        );
    }

    #[test]
    fn tags_become_spaces_and_entities_text() {
        let html = "<h2 id=\"a\">Konsultacje&nbsp;społeczne</h2>\n<p>Gmina <strong>Łosice</strong> &amp; Sarnaki &lt;3, <a href=\"/x/\">strategii</a>.</p><table><tr><td>1</td><td>2</td></tr></table>";
        assert_eq!(
            plain_text(html),
            "Konsultacje społeczne. Gmina Łosice & Sarnaki <3, strategii. 1 2"
        );
    }

    #[test]
    fn every_kind_of_space_collapses_and_polish_letters_stay() {
        let mut out = String::new();
        push_collapsed(
            &mut out,
            "zażółć\u{a0}gęślą\u{3000}jaźń \t\u{2009} Łódź\u{0b}ę",
        );
        assert_eq!(out, "zażółć gęślą jaźń Łódź ę");
    }

    #[test]
    fn scripts_and_styles_are_not_text() {
        assert_eq!(
            plain_text("<p>a</p><script>var x = '<p>';</script><style>p{}</style><p>b</p>"),
            "a b"
        );
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("zażółć gęślą jaźń", 9), "zażółć");
        assert_eq!(excerpt("krótko", 100), "krótko");
    }
}
