//! Finding the publication date in a document's text: a line such as
//! "Data publikacji: 20.01.2021", "Wysokie Mazowieckie, 20 stycznia 2021 r."
//! or "20.01.2021 r." — a date alone on its line, after a label, or after a
//! place. Dates inside sentences are left alone.

use crate::base::date::{PageDate, MONTHS_PL_GENITIVE};

/// How the date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLineKind {
    /// "Data publikacji: 20.01.2021": metadata, taken out of the text.
    Label,
    /// "20.01.2021 r." alone: metadata, taken out of the text.
    Bare,
    /// "Wysokie Mazowieckie, 20 stycznia 2021 r.": part of the letter, kept.
    Place,
}

/// The date a line states, if the line is a date line.
pub fn date_line(line: &str) -> Option<(PageDate, DateLineKind)> {
    let line = line.replace('\u{a0}', " ");
    if line.chars().count() > 80 {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    for start in 0..words.len() {
        let Some((date, end)) = date_at(&words, start) else {
            continue;
        };
        if !only_year_suffix(&words[end..]) {
            return None;
        }
        return kind_of(&words[..start]).map(|kind| (date, kind));
    }
    None
}

/// A date starting at word `start`: `20.01.2021`, `2021-01-20` or
/// `20 stycznia 2021`; with the index of the word after it.
fn date_at(words: &[&str], start: usize) -> Option<(PageDate, usize)> {
    let word = words[start].trim_end_matches([',', ';']);
    let numeric = word.trim_end_matches("r.").trim_end_matches('r');
    if numeric.contains(['.', '-']) && numeric.starts_with(|c: char| c.is_ascii_digit()) {
        if let Ok(date) = PageDate::parse(numeric.trim_end_matches('.')) {
            return Some((date, start + 1));
        }
    }
    let day: u8 = word.parse().ok()?;
    let month = words.get(start + 1)?.to_lowercase();
    let month = MONTHS_PL_GENITIVE.iter().position(|m| *m == month)? + 1;
    let year = words.get(start + 2)?.trim_end_matches([',', '.', 'r']);
    let year: u16 = year.parse().ok().filter(|y| *y >= 1900)?;
    let date = PageDate::parse(&format!("{day:02}.{month:02}.{year}")).ok()?;
    Some((date, start + 3))
}

fn only_year_suffix(rest: &[&str]) -> bool {
    match rest {
        [] => true,
        [word] => matches!(*word, "r." | "r" | "roku" | "r.,"),
        _ => false,
    }
}

fn kind_of(before: &[&str]) -> Option<DateLineKind> {
    // "Klukowo, dnia 20 stycznia 2021 r."
    let before = match before.split_last() {
        Some((last, rest)) if last.eq_ignore_ascii_case("dnia") && !rest.is_empty() => rest,
        _ => before,
    };
    let Some(last) = before.last() else {
        return Some(DateLineKind::Bare);
    };
    if last.ends_with(':') && before.len() <= 3 {
        Some(DateLineKind::Label)
    } else if last.ends_with(',') && before.len() <= 5 && before[0].starts_with(char::is_uppercase)
    {
        Some(DateLineKind::Place)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(line: &str) -> Option<(String, DateLineKind)> {
        date_line(line).map(|(d, k)| (d.iso_date(), k))
    }

    #[test]
    fn date_lines_in_their_usual_forms() {
        let expected = Some(("2021-01-20".to_string(), DateLineKind::Label));
        assert_eq!(iso("Data publikacji: 20.01.2021"), expected);
        assert_eq!(iso("Data publikacji: 20.01.2021 r."), expected);
        assert_eq!(
            iso("Wysokie Mazowieckie, 20 stycznia 2021 r."),
            Some(("2021-01-20".to_string(), DateLineKind::Place))
        );
        assert_eq!(
            iso("20.01.2021 r."),
            Some(("2021-01-20".to_string(), DateLineKind::Bare))
        );
        assert_eq!(
            iso("Klukowo, dnia 20 stycznia 2021r."),
            Some(("2021-01-20".to_string(), DateLineKind::Place))
        );
        assert_eq!(
            iso("Klukowo, 2021-01-20"),
            Some(("2021-01-20".to_string(), DateLineKind::Place))
        );
    }

    #[test]
    fn dates_inside_sentences_are_not_date_lines() {
        assert_eq!(
            iso("Spotkanie odbędzie się 20 stycznia 2021 r. w świetlicy."),
            None
        );
        assert_eq!(iso("Termin: 20.01.2021 r., godz. 10:00, sala nr 5"), None);
        assert_eq!(iso("Data publikacji: 31.02.2021"), None);
    }
}
