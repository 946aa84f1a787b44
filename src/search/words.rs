//! How text becomes index terms: words are split on anything that is not a
//! letter or digit, stemmed by the language's Snowball stemmer (Polish or
//! English), then folded (lower case, no diacritics, ł→l). The browser folds
//! queries the same way (`themes/portal/static/js/search.js`) and matches a
//! query word to the stems that begin it or that it begins, so "losice",
//! "Łosicach" and "konsultacjach" find "Łosice" and "konsultacje".

use crate::base::diagnostic::Lang;
use pagefind_stem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to help a search, compared after folding; the browser
/// gets this list too, so it leaves them out of queries.
pub fn stopwords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Pl => &[
            "a", "aby", "ale", "albo", "bo", "by", "byc", "byl", "byla", "bylo", "co", "czy",
            "dla", "do", "go", "i", "ich", "ja", "jak", "jako", "je", "jej", "jego", "jest", "juz",
            "lub", "na", "nad", "nie", "o", "od", "oraz", "po", "pod", "przez", "przy", "sa",
            "sie", "ta", "tak", "takze", "te", "tego", "tej", "ten", "to", "tym", "tez", "u", "w",
            "we", "z", "za", "ze",
        ],
        Lang::En => &[
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
            "on", "or", "that", "the", "this", "to", "was", "with",
        ],
    }
}

/// Lower case without diacritics: "Łódź" → "lodz". Combining marks go by
/// Unicode decomposition; a few letters have none (ł, đ, ø…) and are mapped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            'ø' => out.push('o'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            _ => out.push(c),
        }
    }
    out
}

/// The words of `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    crate::base::scan::alphanumeric_runs(text)
}

/// Terms numbered in the order they are first seen, each spelled once.
#[derive(Debug, Default)]
pub struct Dictionary {
    spellings: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Dictionary {
    /// The number of `term`, given on first sight.
    pub fn number(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.numbers.get(term) {
            return id;
        }
        let id = self.spellings.len() as u32;
        self.spellings.push(term.into());
        self.numbers.insert(term.into(), id);
        id
    }

    /// The term numbered `id`.
    pub fn spelling(&self, id: u32) -> &str {
        &self.spellings[id as usize]
    }

    /// How many terms have a number.
    pub fn len(&self) -> usize {
        self.spellings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    fn clear(&mut self) {
        self.spellings.clear();
        self.numbers.clear();
    }
}

/// Turns words into index terms, remembering each word it has seen (a
/// corpus repeats the same few thousand words; stemming is the costly part).
/// Terms are numbered, so a caller can count them without copying strings.
pub struct Terms {
    lang: Lang,
    stemmer: Stemmer,
    stop: &'static [&'static str],
    /// Each word seen, with the number of its term in `terms` (or `NO_TERM`).
    seen: HashMap<Box<str>, u32>,
    /// Each term once ("gmina" and "gminy" share "gmin").
    terms: Dictionary,
}

/// Past this many remembered words the memory starts over.
const MAX_REMEMBERED: usize = 200_000;

/// What `seen` holds for a stopword or a single letter.
const NO_TERM: u32 = u32::MAX;

impl Terms {
    pub fn new(lang: Lang) -> Self {
        let algorithm = match lang {
            Lang::Pl => Algorithm::Polish,
            Lang::En => Algorithm::English,
        };
        Terms {
            lang,
            stemmer: Stemmer::create(algorithm),
            stop: stopwords(lang),
            seen: HashMap::default(),
            terms: Dictionary::default(),
        }
    }

    /// Starts the memory over once it is full. Called between pages only,
    /// so that term numbers a caller holds stay valid while it reads one.
    pub fn forget_if_full(&mut self) {
        if self.seen.len() >= MAX_REMEMBERED {
            self.seen.clear();
            self.terms.clear();
        }
    }

    /// The term of one word, or None for stopwords and single letters.
    pub fn term(&mut self, word: &str) -> Option<&str> {
        self.term_id(word).map(|id| self.spelling(id))
    }

    /// The number of the term of one word (see [`Terms::spelling`]).
    pub fn term_id(&mut self, word: &str) -> Option<u32> {
        let id = match self.seen.get(word) {
            Some(&id) => id,
            None => {
                let id = match self.compute(word) {
                    Some(term) => self.terms.number(&term),
                    None => NO_TERM,
                };
                self.seen.insert(word.into(), id);
                id
            }
        };
        (id != NO_TERM).then_some(id)
    }

    /// The term numbered `id`.
    pub fn spelling(&self, id: u32) -> &str {
        self.terms.spelling(id)
    }

    fn compute(&self, word: &str) -> Option<Box<str>> {
        let folded = fold(word);
        if folded.chars().count() < 2 || self.stop.contains(&folded.as_str()) {
            return None;
        }
        let lower = word.to_lowercase();
        let term = fold(&self.stemmer.stem(&lower));
        // A stem shorter than two letters would match too many queries.
        let term = if term.chars().count() < 2 {
            folded
        } else {
            term
        };
        Some(term.into_boxed_str())
    }

    /// Calls `each` with the number of the term of every word of `text`.
    pub fn each_term(&mut self, text: &str, mut each: impl FnMut(u32)) {
        for word in words(text) {
            if let Some(id) = self.term_id(word) {
                each(id);
            }
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}

thread_local! {
    static TERMS: RefCell<[Option<Terms>; 2]> = const { RefCell::new([None, None]) };
}

/// Runs `f` with this thread's [`Terms`] for `lang`, so each thread keeps
/// its memory of words across the pages and sites it indexes.
pub fn with_terms<R>(lang: Lang, f: impl FnOnce(&mut Terms) -> R) -> R {
    TERMS.with(|cell| {
        let mut all = cell.borrow_mut();
        let slot = &mut all[lang as usize];
        f(slot.get_or_insert_with(|| Terms::new(lang)))
    })
}

/// The file name of the shard whose terms begin with `prefix`: `ko`, or
/// `_436_438` for "жи" (each character outside a–z and 0–9 as `_` and its
/// code point); `_` alone is the one shard of a small index. A character's
/// spelling never depends on the next one, so spelled prefixes stay
/// prefixes, which is what the browser relies on to find its shards.
pub fn shard_name(prefix: &str) -> String {
    if prefix.is_empty() {
        return "_".to_string();
    }
    let mut out = String::new();
    for c in prefix.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(lang: Lang, word: &str) -> Option<String> {
        Terms::new(lang).term(word).map(str::to_string)
    }

    #[test]
    fn folding_drops_polish_diacritics_both_cases() {
        assert_eq!(fold("Zażółć GĘŚLĄ jaźń"), "zazolc gesla jazn");
        assert_eq!(fold("ŁOSICE Łódź"), "losice lodz");
        assert_eq!(fold("Straße Ærø"), "strasse aero");
        assert_eq!(fold("losice"), "losice");
    }

    #[test]
    fn words_split_on_punctuation_and_hyphens() {
        let w: Vec<&str> = words("Kobylin-Borzymy, „Ziemia” (2021–2027): 5 gmin!").collect();
        assert_eq!(
            w,
            ["Kobylin", "Borzymy", "Ziemia", "2021", "2027", "5", "gmin"]
        );
    }

    /// The browser's rule (search.js): a typed word matches a term it
    /// begins, or a term that begins it and is at most 5 letters shorter.
    fn matches(typed: &str, term: &str) -> bool {
        let (q, s) = (typed.chars().count(), term.chars().count());
        term.starts_with(typed) || (typed.starts_with(term) && s >= 3.max(q.saturating_sub(5)))
    }

    #[test]
    fn polish_word_forms_meet() {
        // (forms as clerks write them, forms as residents type them)
        let groups: &[(&[&str], &[&str])] = &[
            (
                &[
                    "konsultacje",
                    "konsultacji",
                    "konsultacjach",
                    "konsultacjami",
                ],
                &["konsultacjom", "konsultacja", "konsul"],
            ),
            (
                &[
                    "strategia",
                    "strategii",
                    "strategią",
                    "strategię",
                    "strategiach",
                ],
                &["strategie", "strategiami", "strat"],
            ),
            (
                &["Łosice", "Łosicach", "Łosic"],
                &["losice", "losicach", "łosicami", "los"],
            ),
            (&["źródła", "źródło"], &["zrodla", "zrodlo", "zrodlach"]),
            (
                &["gmina", "gminy", "gminie", "gmin", "gminach"],
                &["gminami", "gm"],
            ),
            (
                &["spotkanie", "spotkania", "spotkaniu", "spotkań"],
                &["spotkaniach", "spotkan"],
            ),
            (
                &["świetlica", "świetlicy", "świetlicach"],
                &["swietlica", "swietlicami"],
            ),
            (
                &["szkoła", "szkole", "szkołach"],
                &["szkoly", "szkolach", "szkol"],
            ),
            (
                &["partnerstwo", "partnerstwa", "partnerstwie"],
                &["partnerstwami"],
            ),
            (
                &["fundusze", "funduszy", "funduszach"],
                &["funduszami", "fundusz"],
            ),
            (&["Serock", "Serocku"], &["serockiem"]),
            (
                &["mieszkańców", "mieszkańcy"],
                &["mieszkancow", "mieszkancom"],
            ),
            (&["uczniów", "uczniowie"], &["uczniow", "uczn"]),
            (
                &["ankieta", "ankiety", "ankiet"],
                &["ankietach", "ankietami"],
            ),
        ];
        for (written, typed) in groups {
            let terms: Vec<String> = written.iter().filter_map(|w| term(Lang::Pl, w)).collect();
            assert_eq!(terms.len(), written.len(), "{written:?}");
            for (word, t) in written.iter().zip(&terms) {
                for form in written.iter().chain(typed.iter()) {
                    let q = fold(form);
                    assert!(
                        matches(&q, t),
                        "{form} (typed \"{q}\") misses {word} (term \"{t}\")"
                    );
                }
            }
        }
    }

    #[test]
    fn stopwords_and_single_letters_are_not_terms() {
        for w in ["i", "w", "się", "że", "oraz", "Z", "dla"] {
            assert_eq!(term(Lang::Pl, w), None, "{w}");
        }
        assert_eq!(term(Lang::En, "the"), None);
        assert_eq!(term(Lang::Pl, "2027").as_deref(), Some("2027"));
    }

    #[test]
    fn english_sites_use_the_english_stemmer() {
        assert_eq!(term(Lang::En, "consultations").as_deref(), Some("consult"));
        assert_eq!(term(Lang::En, "meetings").as_deref(), Some("meet"));
        // The Polish stemmer would cut this word differently.
        assert_ne!(
            term(Lang::Pl, "consultations"),
            term(Lang::En, "consultations")
        );
    }

    #[test]
    fn shards_are_safe_file_names() {
        assert_eq!(shard_name("ko"), "ko");
        assert_eq!(shard_name(""), "_");
        assert_eq!(shard_name("20"), "20");
        assert_eq!(shard_name("жи"), "_436_438");
    }
}
