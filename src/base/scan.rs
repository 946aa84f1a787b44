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

/// Where the next whitespace character at or after byte `from` starts, and
/// its length. A table lookup per byte; only candidates are decoded.
#[inline]
pub fn next_whitespace(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(offset) = bytes
        .get(at..)?
        .iter()
        .position(|&b| MAY_BEGIN_SPACE[usize::from(b)])
    {
        let found = at + offset;
        match whitespace_len(text, found) {
            0 => at = found + 1,
            width => return Some((found, width)),
        }
    }
    None
}

/// How many words `text` has, exactly as `text.split_whitespace().count()`.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    // Where the text after the last whitespace character begins.
    let mut word_start = 0;
    let mut from = 0;
    while let Some((at, width)) = next_whitespace(text, from) {
        count += usize::from(at > word_start);
        from = at + width;
        word_start = from;
    }
    count + usize::from(text.len() > word_start)
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
