//! YAML errors explained: serde_yaml's messages (syntax, unknown, repeated
//! and missing keys, wrong kinds of value, unclosed lists and quotes, tabs,
//! colons in values, backslashes) turned into diagnostics in the clerk's
//! words, Polish and English, with the caret on the place to change. The
//! parser's English never reaches a Polish message. Used for config.yaml,
//! front matter and translation files.

use crate::base::diagnostic::text;
use crate::base::diagnostic::{nearest, Diagnostic, Location, Text};
use std::path::Path;

/// The YAML a serde_yaml error is about.
#[derive(Clone, Copy)]
pub struct YamlSource<'a> {
    pub path: &'a Path,
    /// The text that was parsed.
    pub text: &'a str,
    /// Lines of the file before `text` (front matter starts after `---`).
    pub line_offset: usize,
    /// The keys allowed at the top, in the language of the docs (English),
    /// for suggestions and for the list shown when nothing is near.
    pub known: &'a [&'a str],
}

impl<'a> YamlSource<'a> {
    /// A whole file whose allowed keys serde's messages name.
    pub fn file(path: &'a Path, text: &'a str) -> Self {
        YamlSource {
            path,
            text,
            line_offset: 0,
            known: &[],
        }
    }

    /// The `line` (1-based, within `text`) as written, if it exists.
    fn line(&self, line: usize) -> Option<&'a str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }

    /// A location in the file from a 1-based line and column within `text`.
    fn at(&self, line: usize, column: usize) -> Location {
        Location::at(self.path, line + self.line_offset, column)
    }

    /// The first line of `text` (1-based) for which `test` holds, with it.
    fn find_line(&self, test: impl Fn(&str) -> bool) -> Option<(usize, &'a str)> {
        self.text
            .lines()
            .enumerate()
            .find(|(_, l)| test(l))
            .map(|(i, l)| (i + 1, l))
    }
}

/// Turns a serde_yaml error into a diagnostic; see the module comment.
pub fn yaml_error(source: &YamlSource, error: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    let full = error.to_string();
    let detail = full.split(" at line ").next().unwrap_or(&full);
    // The most specific explanation first; plain syntax last.
    if let Some(key) = between(detail, "unknown field `", "`") {
        return unknown_key_error(source, source.at(line, column), key, detail);
    }
    if let Some(key) = between(detail, "duplicate field `", "`") {
        return repeated_key_error(source.at(line, column), key);
    }
    if let Some(key) = between(detail, "missing field `", "`") {
        return missing_key_error(source.at(line, column), key);
    }
    if let Some(d) = type_error(source, (line, column), detail) {
        return d;
    }
    syntax_error(source, (line, column), &full)
}

/// The text between `start` and the next `end` in `text`.
fn between<'t>(text: &'t str, start: &str, end: &str) -> Option<&'t str> {
    let rest = text.split(start).nth(1)?;
    rest.split(end).next()
}

/// An unknown key, with the nearest allowed one as a suggestion. Nothing
/// the clerk wrote is to be deleted: without a near key, the advice is to
/// rename the key or to keep the line as a comment.
fn unknown_key_error(
    source: &YamlSource,
    location: Location,
    key: &str,
    detail: &str,
) -> Diagnostic {
    // serde lists the keys allowed at that place, aliases included.
    let expected = expected_fields(detail);
    let shown: &[&str] =
        if source.known.is_empty() || !expected.iter().any(|e| source.known.contains(e)) {
            &expected
        } else {
            source.known
        };
    let d = Diagnostic::error(
        location,
        text!("nieznany klucz „{key}”", "unknown key `{key}`"),
    );
    let near =
        polish_key(key, shown).or_else(|| nearest(key, &expected).or_else(|| nearest(key, shown)));
    match near {
        Some(near) => d.with_hint(text!("czy chodziło o „{near}”?", "did you mean `{near}`?")),
        None => {
            let list = shown.join(", ");
            d.with_hint(text!(
                "Tablica nie zna tego klucza i nie pokaże jego treści; jeśli to jedno z pól, popraw nazwę ({list}); jeśli to notatka dla Ciebie, zacznij linię od # – zostanie komentarzem i nic nie zginie",
                "Tablica does not know this key and would not show its value; if it is one of the fields, correct its name ({list}); if it is a note to yourself, start the line with # so it stays as a comment"
            ))
        }
    }
}

/// Polish names people give to the keys of config.yaml, and the English
/// key each means (front matter accepts its Polish names as they are).
const POLISH_NAMES: &[(&str, &str)] = &[
    ("tytuł", "title"),
    ("tytul", "title"),
    ("opis", "description"),
    ("adres", "base_url"),
    ("język", "language"),
    ("jezyk", "language"),
    ("województwo", "voivodeship"),
    ("wojewodztwo", "voivodeship"),
    ("członkowie", "members"),
    ("czlonkowie", "members"),
    ("gminy", "members"),
    ("lider", "leader"),
    ("kontakt", "contact"),
    ("witryny", "sites"),
    ("strony", "sites"),
    ("motyw", "theme"),
    ("logo", "logo"),
    ("nazwa", "name"),
    ("typ", "type"),
];

/// The English key an unknown Polish name means, when it is allowed here.
fn polish_key<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    let key = key.to_lowercase();
    let english = POLISH_NAMES.iter().find(|(pl, _)| *pl == key)?.1;
    allowed.iter().copied().find(|a| *a == english)
}

/// A key given twice, perhaps once in English and once in Polish.
fn repeated_key_error(location: Location, key: &str) -> Diagnostic {
    Diagnostic::error(
        location,
        text!(
            "pole „{key}” jest podane dwa razy",
            "the field `{key}` is given twice"
        ),
    )
    .with_hint(text!(
        "zostaw jedną linię {key}: (polska nazwa pola, np. „tytuł” dla „title”, to to samo pole)",
        "keep one line {key}: (a field's Polish name, e.g. `tytuł` for `title`, is the same field)"
    ))
}

fn missing_key_error(location: Location, key: &str) -> Diagnostic {
    Diagnostic::error(
        location,
        text!(
            "brakuje wymaganego klucza „{key}”",
            "the required key `{key}` is missing"
        ),
    )
    .with_hint(text!("dodaj linię {key}: …", "add a line {key}: …"))
}

/// A value of the wrong kind, explained in words with an example, and
/// pointed at where the value is written (serde cannot always say).
fn type_error(source: &YamlSource, at: (usize, usize), detail: &str) -> Option<Diagnostic> {
    if let Some(value) = between(detail, "unknown variant `", "`") {
        let allowed = expected_fields(detail).join(", ");
        let location = value_location(source, value).unwrap_or_else(|| source.at(at.0, at.1));
        return Some(
            Diagnostic::error(
                location,
                text!(
                    "niedozwolona wartość „{value}”",
                    "the value `{value}` is not allowed"
                ),
            )
            .with_hint(text!(
                "wpisz jedną z wartości: {allowed}",
                "use one of: {allowed}"
            )),
        );
    }
    let rest = detail.split("invalid type: ").nth(1)?;
    let (found, expected) = rest.split_once(", expected ")?;
    let value = between(found, "string \"", "\"");
    let location = value
        .and_then(|v| value_location(source, v))
        .unwrap_or_else(|| source.at(at.0, at.1));
    let (what_pl, what_en) = kind_words(found, value);
    let (need_pl, need_en, example_pl, example_en) = needed(expected, value);
    Some(
        Diagnostic::error(
            location,
            text!(
                "tu potrzebna jest {need_pl}, a jest {what_pl}",
                "{need_en} is needed here, but this is {what_en}"
            ),
        )
        .with_hint(Text::new(example_pl, example_en)),
    )
}

/// What was found, in words: `„tak” (tekst)`, `lista`…
fn kind_words(found: &str, value: Option<&str>) -> (String, String) {
    if let Some(v) = value {
        return (format!("tekst „{v}”"), format!("the text `{v}`"));
    }
    let (pl, en) = match found.split_whitespace().next().unwrap_or("") {
        "sequence" => ("lista", "a list"),
        "map" => ("zestaw kluczy", "a set of keys"),
        "integer" | "floating" => ("liczba", "a number"),
        "boolean" => ("wartość true/false", "true/false"),
        "unit" => ("pusta wartość", "an empty value"),
        _ => ("inna wartość", "another kind of value"),
    };
    (pl.to_string(), en.to_string())
}

/// What was needed, in words, with an example for the hint.
fn needed(expected: &str, value: Option<&str>) -> (&'static str, &'static str, String, String) {
    let value = value.unwrap_or("strategia");
    if expected.contains("boolean") {
        (
            "wartość tak albo nie",
            "yes or no",
            "wpisz true albo false (albo tak/nie), np. draft: true".to_string(),
            "write true or false, e.g. draft: true".to_string(),
        )
    } else if expected.contains("sequence") {
        (
            "lista",
            "a list",
            format!("ujmij wartości w nawiasy kwadratowe, po przecinku, np. [{value}]"),
            format!("put the values in square brackets, separated by commas, e.g. [{value}]"),
        )
    } else if expected.contains("string") || expected.contains("char") {
        (
            "wartość tekstowa",
            "a text",
            "wpisz tekst w cudzysłowie, np. \"Tekst\"".to_string(),
            "write the text in quotes, e.g. \"Text\"".to_string(),
        )
    } else if expected.contains('u') && expected.chars().any(|c| c.is_ascii_digit()) {
        (
            "liczba",
            "a number",
            "wpisz liczbę całkowitą, np. 10".to_string(),
            "write a whole number, e.g. 10".to_string(),
        )
    } else {
        (
            "inna wartość",
            "another kind of value",
            "porównaj ten wpis z przykładem w dokumentacji (README)".to_string(),
            "compare this entry with the example in the README".to_string(),
        )
    }
}

/// Where `value` is written as a key's value, when serde gave no place.
fn value_location(source: &YamlSource, value: &str) -> Option<Location> {
    let (line, text) = source.find_line(|l| {
        l.split_once(':')
            .is_some_and(|(_, v)| v.trim().trim_matches(['"', '\'']) == value)
    })?;
    let column = text
        .find(value)
        .map_or(1, |b| text[..b].chars().count() + 1);
    Some(source.at(line, column))
}

/// A syntax error: each common cause in words, any other in general ones.
fn syntax_error(source: &YamlSource, at: (usize, usize), full: &str) -> Diagnostic {
    if full.contains("tab character") || full.contains("cannot start any token") {
        if let Some(d) = tab_error(source, at.0) {
            return d;
        }
    }
    if full.contains("unknown escape character") {
        return backslash_error(source, at);
    }
    if full.contains("mapping values are not allowed") {
        return colon_error(source, at);
    }
    if full.contains("could not find expected ':'") {
        return missing_colon_error(source, at);
    }
    if full.contains("did not find expected key")
        || full.contains("did not find expected '-' indicator")
        || full.contains("block sequence entries are not allowed")
    {
        return indentation_error(source, at);
    }
    if let Some((construct, line, column)) = unclosed_construct(full) {
        if let Some(d) = unclosed_error(source, construct, line, column) {
            return d;
        }
    }
    let detail = full.split(" at line ").next().unwrap_or(full);
    Diagnostic::error(
        source.at(at.0, at.1),
        text!(
            "tego zapisu nie da się odczytać",
            "YAML syntax error: {detail}"
        ),
    )
    .with_hint(Text::new(
        "sprawdź wcięcia (spacje, nie tabulatory), dwukropki i cudzysłowy; tekst z dwukropkiem ujmij w cudzysłów",
        "check indentation (spaces, not tabs), colons and quotes; put text containing a colon in quotes",
    ))
}

/// A tab in an indentation, found in the text: the parser names the line
/// before it or the start of the next token.
fn tab_error(source: &YamlSource, reported: usize) -> Option<Diagnostic> {
    let from = reported.saturating_sub(1).max(1);
    let (line, text) = source
        .text
        .lines()
        .enumerate()
        .skip(from - 1)
        .find(|(_, l)| l.contains('\t'))
        .map(|(i, l)| (i + 1, l))?;
    let column = text[..text.find('\t')?].chars().count() + 1;
    Some(
        Diagnostic::error(
            source.at(line, column),
            Text::new(
                "w tej linii jest tabulator: nagłówek potrzebuje wcięć ze spacji",
                "this line has a tab: the header needs indentation made of spaces",
            ),
        )
        .with_hint(Text::new(
            "zastąp tabulator spacjami (np. dwiema), tak aby linia zaczynała się w tej samej kolumnie co podobne linie nad nią",
            "replace the tab with spaces (e.g. two), so the line starts in the same column as the similar lines above",
        )),
    )
}

/// A backslash in double quotes (a Windows path): YAML reads `\d` as an
/// escape it does not know.
fn backslash_error(source: &YamlSource, at: (usize, usize)) -> Diagnostic {
    let written = source.line(at.0).unwrap_or("").trim();
    let single = written.replace('"', "'");
    Diagnostic::error(
        source.at(at.0, at.1),
        Text::new(
            "ukośnik \\ w tekście w cudzysłowie oznacza znak specjalny",
            "a backslash \\ in double quotes starts an escape sequence",
        ),
    )
    .with_hint(text!(
        "ujmij tekst w apostrofy zamiast cudzysłowu: {single} (albo napisz każdy ukośnik podwójnie: \\\\)",
        "put the text in single quotes instead: {single} (or double every backslash: \\\\)"
    ))
}

/// `mapping values are not allowed`: a colon inside a value (`title:
/// Spotkanie: zaproszenie`), or a key indented under a plain value.
fn colon_error(source: &YamlSource, at: (usize, usize)) -> Diagnostic {
    let written = source.line(at.0).unwrap_or("");
    let first_colon = written.find(':').map(|b| written[..b].chars().count() + 1);
    if written.starts_with([' ', '\t']) && first_colon == Some(at.1) {
        return indentation_error(source, at);
    }
    let (key, value) = written.split_once(':').unwrap_or((written, ""));
    let quoted = format!("{}: \"{}\"", key.trim_end(), value.trim().replace('"', "'"));
    Diagnostic::error(
        source.at(at.0, at.1),
        Text::new(
            "dwukropek w środku wartości: czytam go jako początek nowego klucza",
            "a colon inside a value reads as the start of another key",
        ),
    )
    .with_hint(text!(
        "tekst z dwukropkiem ujmij w cudzysłów: {quoted}",
        "put text containing a colon in quotes: {quoted}"
    ))
}

/// A line without the colon after its key (`date 2021-01-20`). The parser
/// may name the line after it (the end of the text), so the line is the
/// nearest one at or above that has no colon.
fn missing_colon_error(source: &YamlSource, at: (usize, usize)) -> Diagnostic {
    let lines: Vec<&str> = source.text.lines().collect();
    let line = (1..=at.0.min(lines.len()))
        .rev()
        .find(|&n| {
            let l = lines[n - 1].trim();
            !l.is_empty() && !l.contains(':') && !l.starts_with('#')
        })
        .unwrap_or(at.0);
    let at = if line == at.0 { at } else { (line, 1) };
    let written = source.line(at.0).unwrap_or("").trim();
    let fixed = match written.split_once(' ') {
        Some((key, value)) => format!("{key}: {}", value.trim()),
        None => format!("{written}: …"),
    };
    Diagnostic::error(
        source.at(at.0, at.1),
        Text::new(
            "po nazwie pola brakuje dwukropka",
            "the field's name is not followed by a colon",
        ),
    )
    .with_hint(text!(
        "wpisz dwukropek i spację po nazwie pola: {fixed}",
        "write a colon and a space after the field's name: {fixed}"
    ))
}

/// A line indented more or less than the lines it belongs with.
fn indentation_error(source: &YamlSource, at: (usize, usize)) -> Diagnostic {
    Diagnostic::error(
        source.at(at.0, at.1),
        Text::new(
            "wcięcie tej linii nie pasuje do linii nad nią",
            "this line's indentation does not match the lines above it",
        ),
    )
    .with_hint(Text::new(
        "pola tego samego poziomu zaczynaj w tej samej kolumnie; pola w środku listy (- plik: …) wcinaj spacjami tak samo jak pierwsze",
        "start fields of the same level in the same column; indent the fields of a list item (- file: …) with the same spaces as the first one",
    ))
}

/// A list or quote left open, pointed at where it was opened (`line`,
/// within the YAML) rather than where the parser gave up.
fn unclosed_error(
    source: &YamlSource,
    construct: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    let shown = line + source.line_offset;
    let (pl, en, hint_pl, hint_en) = match construct {
        "flow sequence" => (
            format!("lista otwarta nawiasem [ w linii {shown} nie jest zamknięta"),
            format!("the list opened with [ on line {shown} is not closed"),
            "zamknij listę nawiasem ] na końcu tej linii, np. tags: [strategia, konsultacje]",
            "close the list with ] at the end of that line, e.g. tags: [strategia, konsultacje]",
        ),
        "flow mapping" => (
            format!("nawias {{ otwarty w linii {shown} nie jest zamknięty"),
            format!("the brace {{ opened on line {shown} is not closed"),
            "zamknij go nawiasem } albo zapisz pola w osobnych liniach",
            "close it with } or write the fields on lines of their own",
        ),
        "quoted scalar" => (
            format!("cudzysłów otwarty w linii {shown} nie jest zamknięty"),
            format!("the quote opened on line {shown} is not closed"),
            "dodaj zamykający cudzysłów \" na końcu tekstu",
            "add the closing quote \" at the end of the text",
        ),
        _ => return None,
    };
    Some(
        Diagnostic::error(source.at(line, column), Text::new(pl, en))
            .with_hint(Text::new(hint_pl, hint_en)),
    )
}

/// What YAML construct was left open (`flow sequence`, `quoted scalar`, …)
/// and the line (within the YAML) and column where it started.
fn unclosed_construct(message: &str) -> Option<(&str, usize, usize)> {
    let rest = message
        .split(", while parsing a ")
        .nth(1)
        .or_else(|| message.split(", while scanning a ").nth(1))?;
    let (construct, position) = rest.split_once(" at line ")?;
    let mut words = position.split(' ');
    let line = words.next()?.parse().ok()?;
    let column = match (words.next(), words.next()) {
        (Some("column"), Some(c)) => c
            .trim_end_matches(|ch: char| !ch.is_ascii_digit())
            .parse()
            .ok()?,
        _ => 1,
    };
    Some((construct, line, column))
}

/// The keys serde says are allowed at that place ("expected one of `a`, `b`").
fn expected_fields(detail: &str) -> Vec<&str> {
    detail
        .split("expected one of ")
        .nth(1)
        .or_else(|| detail.split("expected ").nth(1))
        .map(|list| {
            list.split(", ")
                .map(|k| k.trim_matches('`'))
                .filter(|k| !k.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        draft: bool,
    }

    /// The diagnostic for `yaml` parsed as a [`Page`], with its line and column.
    fn explain(yaml: &str) -> (usize, usize, String, String, String) {
        let error = serde_yaml::from_str::<Page>(yaml).unwrap_err();
        let d = yaml_error(&YamlSource::file(Path::new("x.md"), yaml), &error);
        let pl = d.message.get(crate::base::diagnostic::Lang::Pl).to_string();
        let en = d.message.get(crate::base::diagnostic::Lang::En).to_string();
        let hint = d
            .hint
            .map(|h| h.get(crate::base::diagnostic::Lang::Pl).to_string())
            .unwrap_or_default();
        (
            d.location.line.unwrap_or(0),
            d.location.column.unwrap_or(0),
            pl,
            en,
            hint,
        )
    }

    fn no_english(polish: &str) {
        for word in [
            "found",
            "expected",
            "mapping",
            "invalid",
            "character",
            "while",
        ] {
            assert!(!polish.contains(word), "English in {polish:?}");
        }
    }

    #[test]
    fn a_tab_is_named_on_its_own_line() {
        let (line, column, pl, _, hint) = explain("title: A\ntags:\n\t- a\n");
        assert_eq!((line, column), (3, 1));
        assert!(pl.contains("tabulator"), "{pl}");
        assert!(hint.contains("spacjami"), "{hint}");
        no_english(&pl);
    }

    #[test]
    fn a_colon_in_a_value_gets_the_quoted_line_as_the_fix() {
        let (line, column, pl, _, hint) = explain("title: Spotkanie: zaproszenie\n");
        assert_eq!((line, column), (1, 17));
        assert!(hint.contains("title: \"Spotkanie: zaproszenie\""), "{hint}");
        no_english(&pl);
    }

    #[test]
    fn an_indented_key_is_an_indentation_problem() {
        let (line, _, pl, _, _) = explain("title: A\n  tags: [a]\n");
        assert_eq!(line, 2);
        assert!(pl.contains("wcięcie"), "{pl}");
    }

    #[test]
    fn words_instead_of_a_boolean_are_explained_at_their_value() {
        let (line, column, pl, en, hint) = explain("title: A\ndraft: może\n");
        assert_eq!((line, column), (2, 8));
        assert!(pl.contains("„może”"), "{pl}");
        assert!(en.contains("yes or no"), "{en}");
        assert!(hint.contains("tak/nie"), "{hint}");
        no_english(&pl);
    }

    #[test]
    fn a_single_value_where_a_list_is_needed_gets_brackets() {
        let (line, _, pl, _, hint) = explain("title: A\ntags: strategia\n");
        assert_eq!(line, 2);
        assert!(hint.contains("[strategia]"), "{hint}");
        no_english(&pl);
    }

    #[test]
    fn a_missing_colon_and_a_backslash_are_explained() {
        let (line, _, pl, _, hint) = explain("title: A\ndraft true\n");
        assert_eq!(line, 2);
        let (line, column, _, _, hint2) = explain("title: Jeden\ndate 2021-01-10\n");
        assert_eq!((line, column), (2, 1));
        assert!(hint2.contains("date: 2021-01-10"), "{hint2}");
        assert!(hint.contains("draft: true"), "{hint}");
        no_english(&pl);
        let (_, _, pl, _, hint) = explain("title: \"C:\\dane\\plik\"\n");
        assert!(pl.contains("ukośnik"), "{pl}");
        assert!(hint.contains("'C:\\dane\\plik'"), "{hint}");
    }

    #[test]
    fn an_unknown_key_is_never_to_be_deleted() {
        let (_, _, pl, _, hint) = explain("title: A\nnotatka: dla mnie\n");
        assert!(pl.contains("„notatka”"), "{pl}");
        assert!(!hint.contains("usuń"), "{hint}");
        assert!(hint.contains("zacznij linię od #"), "{hint}");
        let (_, _, _, _, hint) = explain("tytuł: A\n");
        assert!(hint.contains("„title”"), "{hint}");
    }
}
