//! Text scanned byte by byte with the standard library's meaning of
//! "whitespace" and "letter or digit", decoding a character only where a
//! byte is not ASCII. Every word of every page passes through these (word
//! counts, the search index's words and its snippets' spaces), and
//! `char_indices` plus `char::is_whitespace` on each character was a few
//! per cent of a whole build.

/// Bytes that may begin a whitespace character: ASCII whitespace, and the
/// lead bytes of every non-ASCII one (U+0085, U+00A0; U+1680; U+2000–U+205F;
/// U+3000). Polish letters (0xC3–0xC5 leads) are never looked at twice.
static MAY_BEGIN_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        byte += 1;
    }
    table
};

/// The byte length of the whitespace character (as `char::is_whitespace`
/// sees it) that starts at byte `at` of `text`, or 0 if none starts there.
#[inline]
pub fn whitespace_len(text: &str, at: usize) -> usize {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => 1,
        byte if !MAY_BEGIN_SPACE[usize::from(byte)] => 0,
        _ => match text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
    }
}

/// How many words `text` has, exactly as `text.split_whitespace().count()`.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() {
        let space = whitespace_len(text, at);
        if space == 0 {
            count += usize::from(!in_word);
            in_word = true;
            at += 1;
        } else {
            in_word = false;
            at += space;
        }
    }
    count
}

/// Appends `text` to `out` with every run of whitespace as one space; a run
/// at the start of `text` only if `out` has text not already ending in a
/// space. A lone space between words is copied with them, so most text is
/// appended in one piece.
pub fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !MAY_BEGIN_SPACE[usize::from(byte)] {
            at += 1;
            continue;
        }
        let width = whitespace_len(text, at);
        let lone_space =
            byte == b' ' && at > 0 && (at + 1 == bytes.len() || whitespace_len(text, at + 1) == 0);
        if width == 0 || lone_space {
            at += 1;
            continue;
        }
        let mut end = at + width;
        while end < bytes.len() {
            match whitespace_len(text, end) {
                0 => break,
                more => end += more,
            }
        }
        out.push_str(&text[copied..at]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        copied = end;
        at = end;
    }
    out.push_str(&text[copied..]);
}

/// The runs of letters and digits of `text` (what `char::is_alphanumeric`
/// accepts), in order: the same as splitting on every other character and
/// dropping the empty pieces.
pub fn alphanumeric_runs(text: &str) -> AlphanumericRuns<'_> {
    AlphanumericRuns { text, at: 0 }
}

/// The iterator of [`alphanumeric_runs`].
pub struct AlphanumericRuns<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> AlphanumericRuns<'a> {
    /// Whether the character at `at` is a letter or digit, and its length.
    #[inline]
    fn char_at(&self, at: usize) -> (bool, usize) {
        let byte = self.text.as_bytes()[at];
        if byte < 0x80 {
            return (byte.is_ascii_alphanumeric(), 1);
        }
        match self.text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for AlphanumericRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        let mut start = None;
        while self.at < len {
            let (alphanumeric, width) = self.char_at(self.at);
            match (alphanumeric, start) {
                (true, None) => start = Some(self.at),
                (false, Some(_)) => break,
                _ => {}
            }
            self.at += width;
        }
        start.map(|start| &self.text[start..self.at])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that mix ASCII, Polish letters, every kind of whitespace and
    /// punctuation that is not ASCII.
    fn samples() -> Vec<String> {
        let pieces = [
            "",
            " ",
            "a",
            "ąę",
            "Łódź",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2002}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\t\n\r\x0b\x0c",
            "–",
            "„",
            "”",
            "2021",
            "x\u{301}",
            "日本",
            "🙂",
            "ß",
            ",",
            "\u{1c}",
            "ĳ",
            "ǅ",
            "\u{e2}",
        ];
        let mut out = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    out.push(format!("{a}{b}{c}"));
                    out.push(format!("{a} {b}\u{a0}{c}x"));
                }
            }
        }
        out
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in samples() {
            assert_eq!(
                count_words(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn whitespace_collapses_as_one_space_per_run() {
        let by_characters = |out: &mut String, text: &str| {
            let mut rest = text;
            while let Some((at, c)) = rest.char_indices().find(|(_, c)| c.is_whitespace()) {
                out.push_str(&rest[..at]);
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                rest = &rest[at + c.len_utf8()..];
            }
            out.push_str(rest);
        };
        for text in samples() {
            for before in ["", "x", "x "] {
                let mut expected = before.to_string();
                by_characters(&mut expected, &text);
                let mut out = before.to_string();
                push_collapsed(&mut out, &text);
                assert_eq!(out, expected, "{before:?} + {text:?}");
            }
        }
    }

    #[test]
    fn runs_are_the_pieces_between_other_characters() {
        for text in samples() {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let runs: Vec<&str> = alphanumeric_runs(&text).collect();
            assert_eq!(runs, expected, "{text:?}");
        }
    }

    #[test]
    fn whitespace_is_found_where_it_starts() {
        for text in samples() {
            for (at, c) in text.char_indices() {
                let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
                assert_eq!(whitespace_len(&text, at), expected, "{text:?} at {at}");
            }
        }
    }
}
