//! SVG: vector images are published as they are drawn, but an SVG is also
//! a document that can carry scripts, which would run on the portal's own
//! address when a resident opens the file. They are cleaned out here.

use super::Size;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Elements dropped with everything inside them: they run code or load
/// another document.
const DROPPED: [&[u8]; 7] = [
    b"script",
    b"foreignObject",
    b"iframe",
    b"embed",
    b"object",
    b"handler",
    b"listener",
];

/// The SVG without scripts, event handlers, `javascript:` addresses or
/// embedded documents; `None` when it is not well-formed XML (it is then
/// not published: a browser would not draw it either).
pub fn sanitise(svg: &str) -> Option<String> {
    let mut reader = Reader::from_str(svg);
    let mut writer = Writer::new(Vec::with_capacity(svg.len()));
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::Eof => break,
            Event::Start(e) if skipping > 0 || is_dropped(&e) => skipping += 1,
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::Empty(e) if is_dropped(&e) => {}
            Event::Start(e) => writer.write_event(Event::Start(clean(&e))).ok()?,
            Event::Empty(e) => writer.write_event(Event::Empty(clean(&e))).ok()?,
            // Processing instructions and doctypes can declare entities or
            // style sheets from elsewhere; a drawing needs neither.
            Event::PI(_) | Event::DocType(_) => {}
            other => writer.write_event(other).ok()?,
        }
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// The SVG file at `path`, cleaned as [`sanitise`] does.
pub fn clean_file(path: &std::path::Path) -> Result<String, super::Problem> {
    let text =
        std::fs::read_to_string(path).map_err(|e| super::Problem::Unreadable(e.to_string()))?;
    sanitise(&text).ok_or_else(|| {
        super::Problem::Corrupt("SVG: niepoprawny XML / not well-formed XML".to_string())
    })
}

fn is_dropped(element: &BytesStart) -> bool {
    let name = element.local_name();
    if DROPPED
        .iter()
        .any(|d| name.as_ref().eq_ignore_ascii_case(d))
    {
        return true;
    }
    // SMIL animation can set an `href` to a script address.
    let animates = matches!(name.as_ref(), b"set" | b"animate");
    animates
        && element.attributes().flatten().any(|a| {
            a.key.local_name().as_ref() == b"attributeName" && a.value.as_ref().ends_with(b"href")
        })
}

/// The element with its event handlers and script addresses taken out.
fn clean(element: &BytesStart) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
    let mut out = BytesStart::new(name);
    for attribute in element.attributes().flatten() {
        let key = attribute.key.local_name();
        let key = key.as_ref();
        if key.len() > 2 && key[..2].eq_ignore_ascii_case(b"on") {
            continue;
        }
        if (key == b"href" || key == b"src") && is_script_address(&attribute.value) {
            continue;
        }
        out.push_attribute(attribute);
    }
    out
}

/// `javascript:` and other addresses that run or hold a document; a
/// `data:image/…` picture inside the drawing is kept.
fn is_script_address(value: &[u8]) -> bool {
    let text: String = String::from_utf8_lossy(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    text.starts_with("javascript:")
        || text.starts_with("vbscript:")
        || (text.starts_with("data:") && !text.starts_with("data:image/"))
}

/// The drawing's size in pixels: its `width` and `height`, or its `viewBox`.
pub fn size(svg: &str) -> Option<Size> {
    let mut reader = Reader::from_str(svg);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"svg" => {
                return root_size(&e);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn root_size(root: &BytesStart) -> Option<Size> {
    let attribute = |name: &[u8]| {
        root.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let pixels = |value: Option<String>| {
        let value = value?;
        let number = value.trim().trim_end_matches("px");
        number.parse::<f64>().ok().filter(|n| *n >= 1.0)
    };
    let (width, height) = match (pixels(attribute(b"width")), pixels(attribute(b"height"))) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let view_box = attribute(b"viewBox")?;
            let numbers: Vec<f64> = view_box
                .split([' ', ','])
                .filter_map(|n| n.parse().ok())
                .collect();
            match numbers[..] {
                [_, _, w, h] if w >= 1.0 && h >= 1.0 => (w, h),
                _ => return None,
            }
        }
    };
    Some(Size {
        width: width.round() as u32,
        height: height.round() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_taken_out_and_the_drawing_stays() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" onload="alert(1)"><script>alert('x')</script><a href="javascript:alert(2)"><rect width="120" height="40" fill="#005ca9"/></a><foreignObject><div>x</div></foreignObject><set attributeName="href" to="javascript:alert(3)"/><text x="10" y="26">Gmina</text></svg>"##;
        let clean = sanitise(svg).unwrap_or_default();
        for gone in [
            "onload",
            "<script",
            "alert",
            "javascript",
            "foreignObject",
            "<set",
        ] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        for kept in [
            "<rect",
            "fill=\"#005ca9\"",
            "<text x=\"10\" y=\"26\">Gmina</text>",
        ] {
            assert!(clean.contains(kept), "{kept} not in {clean}");
        }
    }

    #[test]
    fn the_size_comes_from_width_and_height_or_the_view_box() {
        let size = |svg: &str| size(svg).map(|s| (s.width, s.height));
        assert_eq!(size(r#"<svg width="120px" height="40"/>"#), Some((120, 40)));
        assert_eq!(
            size(r#"<?xml version="1.0"?><svg viewBox="0 0 300 150"></svg>"#),
            Some((300, 150))
        );
        assert_eq!(size(r#"<svg width="100%"/>"#), None);
    }
}
