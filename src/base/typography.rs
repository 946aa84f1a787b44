//! Polish text handling: URL slugs with transliteration (ł→l, ą→a), the
//! no-break space after one-letter words ("sierotki"), and the artefacts that
//! text pasted from Word brings along.

/// A URL-safe slug: Polish letters transliterated, lowercase, words joined by `-`.
pub fn slugify(input: &str) -> String {
    let ascii = deunicode::deunicode(input);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Strips a `YYYY-MM-DD-` date prefix from a file stem, as pages are named by date.
pub fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == b'-'
        && bytes[8..10].iter().all(u8::is_ascii_digit)
        && (bytes[10] == b'-' || bytes[10] == b'_');
    if is_date {
        &stem[11..]
    } else {
        stem
    }
}

/// Polish typography for text readers see: one-letter words (a, i, o, u, w,
/// z) are bound to the next word and numbers to their units with a no-break
/// space, so that none is left hanging at the end of a line.
///
/// One pass over the bytes: every page's every text node goes through here,
/// so the build feels each extra scan.
pub fn typeset(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for space in memchr::memchr_iter(b' ', bytes) {
        if ends_lone_letter(&text[..space]) || binds_number_to_unit(text, space) {
            out.push_str(&text[copied..space]);
            out.push('\u{a0}');
            copied = space + 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `before` ends in a one-letter word (a, i, o, u, w, z).
fn ends_lone_letter(before: &str) -> bool {
    let Some((&last, rest)) = before.as_bytes().split_last() else {
        return false;
    };
    if !matches!(
        last,
        b'a' | b'i' | b'o' | b'u' | b'w' | b'z' | b'A' | b'I' | b'O' | b'U' | b'W' | b'Z'
    ) {
        return false;
    }
    match rest.last() {
        None => true,
        Some(byte) if byte.is_ascii() => !byte.is_ascii_alphanumeric(),
        // The letter is ASCII, so what precedes it ends on a character boundary.
        Some(_) => before[..rest.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// Whether the space at `space` follows a number and comes before a unit or
/// abbreviation that must stay on the number's line: "2020 r.", "15 km",
/// "250 tys. zł", "40 proc.".
fn binds_number_to_unit(text: &str, space: usize) -> bool {
    if space == 0 || !text.as_bytes()[space - 1].is_ascii_digit() {
        return false;
    }
    let after = &text[space + 1..];
    let next_word = after.split([' ', ',', ';', ')']).next().unwrap_or("");
    matches!(
        next_word,
        "r." | "km"
            | "m"
            | "m2"
            | "m²"
            | "ha"
            | "kg"
            | "t"
            | "zł"
            | "tys."
            | "mln"
            | "mld"
            | "proc."
            | "%"
            | "osób"
            | "os."
            | "godz."
            | "min"
            | "kW"
            | "MW"
            | "kWh"
            | "MWh"
            | "gr"
            | "€"
            | "EUR"
    )
}

/// Removes the bookmark markers Word leaves in copied text, such as
/// `[bookmark: _GoBack]`.
pub fn strip_word_artefacts(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("[bookmark:") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[bookmark:") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The Polish alphabet, in order: ą after a, ł after l, ś after s, and so on.
const POLISH_ALPHABET: &str = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż";

/// A sort key that orders words as a Polish dictionary does (Łosice after
/// Lubenia, Śliwice after Sokoły), ignoring case; ties keep a stable order
/// through the original text.
pub fn polish_collation_key(text: &str) -> (Vec<u32>, String) {
    let ranks = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match POLISH_ALPHABET.chars().position(|a| a == c) {
            Some(i) => 1000 + i as u32,
            None if c.is_ascii_digit() => 100 + c as u32,
            None if c.is_alphabetic() => 2000 + c as u32,
            // Spaces and punctuation sort before letters, as word breaks.
            None => 1,
        })
        .collect();
    (ranks, text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_letter_is_found_by_bytes_as_by_characters() {
        let by_characters = |before: &str| {
            let mut chars = before.chars().rev();
            chars.next().is_some_and(|c| "aiouwzAIOUWZ".contains(c))
                && chars.next().is_none_or(|c| !c.is_alphanumeric())
        };
        let pieces = [
            "", " ", "a", "w", "Z", "x", "ą", "ęw", "„w", "\u{a0}i", "2o", "(u", "ża",
        ];
        for a in pieces {
            for b in pieces {
                let text = format!("{a}{b}");
                assert_eq!(ends_lone_letter(&text), by_characters(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn slugs_transliterate_polish_letters() {
        assert_eq!(
            slugify("Zażółć gęślą jaźń – Łódź, Świętokrzyskie"),
            "zazolc-gesla-jazn-lodz-swietokrzyskie"
        );
        assert_eq!(
            slugify("  Perspektywa 2021–2027!  "),
            "perspektywa-2021-2027"
        );
    }

    #[test]
    fn date_prefix_is_stripped_from_stems() {
        assert_eq!(strip_date_prefix("2021-01-20-perspektywa"), "perspektywa");
        assert_eq!(strip_date_prefix("o-partnerstwie"), "o-partnerstwie");
        assert_eq!(strip_date_prefix("2021-01-20"), "2021-01-20");
    }

    #[test]
    fn one_letter_words_are_bound_to_the_next_word() {
        assert_eq!(
            typeset("spotkanie w Łosicach i w Sarnakach"),
            "spotkanie w\u{a0}Łosicach i\u{a0}w\u{a0}Sarnakach"
        );
        // Only whole one-letter words: "Klukowo " keeps its normal space.
        assert_eq!(typeset("Klukowo i Sokoły"), "Klukowo i\u{a0}Sokoły");
        assert_eq!(typeset("Z okazji"), "Z\u{a0}okazji");
    }

    #[test]
    fn polish_collation_puts_accented_letters_after_their_base() {
        let mut words = vec![
            "Śliwice", "Sokoły", "Łosice", "Lubenia", "Zakopane", "Żary", "ankiety", "Ąbc", "B",
        ];
        words.sort_by_key(|w| polish_collation_key(w));
        assert_eq!(
            words,
            [
                "ankiety", "Ąbc", "B", "Lubenia", "Łosice", "Sokoły", "Śliwice", "Zakopane", "Żary"
            ]
        );
    }

    #[test]
    fn numbers_stay_with_their_units() {
        assert_eq!(
            typeset("w 2020 r. zebrano 250 tys. zł, czyli 40 proc. i 12 osób"),
            "w\u{a0}2020\u{a0}r. zebrano 250\u{a0}tys. zł, czyli 40\u{a0}proc. i\u{a0}12\u{a0}osób"
        );
        assert_eq!(typeset("rok 2020 rozpoczął"), "rok 2020 rozpoczął");
    }

    #[test]
    fn word_bookmarks_are_removed() {
        assert_eq!(
            strip_word_artefacts("Tekst[bookmark: _GoBack] dalej"),
            "Tekst dalej"
        );
        assert_eq!(strip_word_artefacts("bez zmian"), "bez zmian");
    }
}
