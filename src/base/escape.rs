//! Escaping text for HTML and XML: one function for pages, attributes
//! and feeds alike.

/// Escapes text for HTML and XML content and double-quoted attributes.
/// Control characters that XML 1.0 forbids are dropped, so the same text
/// is safe in pages and in feeds.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Every byte replaced is ASCII, so the runs between them are whole
    // characters: copied as slices, not char by char (feeds escape whole
    // bodies with this).
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}
