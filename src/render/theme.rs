//! Loading a theme: its templates into Tera and its `i18n/<lang>.yaml` files.

use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Lang, Location, Text};
use crate::config::{Workspace, CONFIG_FILE};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Value;

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "members.html",
    "404.html",
    "archive.html",
];
/// Template of the hub's home page, required when a site has `hub: true`.
pub const HUB_TEMPLATE: &str = "hub.html";

/// The optional templates that the selected sites need: the hub's, and the
/// accessibility statement's when a site has one.
pub fn theme_needs(selected: &[&crate::config::SiteConfig]) -> Vec<&'static str> {
    let mut needs = Vec::new();
    if selected.iter().any(|s| s.hub) {
        needs.push(HUB_TEMPLATE);
    }
    if selected.iter().any(|s| s.accessibility.is_some()) {
        needs.push(super::statement::TEMPLATE);
    }
    needs
}

/// Template of the search page; a theme without it has no search.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// A loaded theme, shared by every site that uses it.
pub struct Theme {
    pub dir: PathBuf,
    pub tera: tera::Tera,
    /// Translation strings per language, ready for templates as `t`.
    translations: BTreeMap<&'static str, tera::Value>,
    /// Raw strings, for text the renderer builds itself.
    strings: BTreeMap<&'static str, BTreeMap<String, String>>,
}

impl Theme {
    /// Loads `themes/<name>` of the workspace, which must have the required
    /// templates and those in `needs`; all problems are reported together.
    pub fn load(workspace: &Workspace, needs: &[&str]) -> Result<Theme, Vec<Diagnostic>> {
        let dir = workspace.root.join("themes").join(&workspace.theme);
        if !dir.is_dir() {
            let name = &workspace.theme;
            let config = workspace.root.join(CONFIG_FILE);
            let line = std::fs::read_to_string(&config)
                .ok()
                .and_then(|s| s.lines().position(|l| l.starts_with("theme:")))
                .map_or(1, |i| i + 1);
            return Err(vec![Diagnostic::error(
                Location::line(config, line),
                text!(
                    "nie ma motywu „{name}” (folderu themes/{name})",
                    "there is no theme `{name}` (folder themes/{name})"
                ),
            )
            .with_hint(Text::new(
                "popraw theme: w config.yaml albo skopiuj motyw do folderu themes/",
                "fix theme: in config.yaml or copy the theme into themes/",
            ))]);
        }
        let mut problems = Vec::new();
        let templates_dir = dir.join("templates");
        let templates = read_templates(&templates_dir, &mut problems);
        let mut required: Vec<&str> = REQUIRED_TEMPLATES.to_vec();
        required.extend_from_slice(needs);
        for name in required {
            if !templates.iter().any(|(n, _)| n == name) {
                problems.push(
                    Diagnostic::error(
                        Location::file(templates_dir.join(name)),
                        text!("brak szablonu {name} w motywie", "the theme has no template {name}"),
                    )
                    .with_hint(text!(
                        "dodaj plik {name} do folderu templates motywu (wzór jest w themes/portal/templates)",
                        "add {name} to the theme's templates folder (themes/portal/templates has a model)"
                    )),
                );
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            problems.push(template_error(&templates_dir, &e));
        }
        let (translations, strings) = load_translations(&dir.join("i18n"), &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Theme {
            dir,
            tera,
            translations,
            strings,
        })
    }

    /// Whether the theme has a search page (themes made before Tablica had
    /// search do not; their sites are built without one).
    pub fn offers_search(&self) -> bool {
        self.tera.get_template_names().any(|n| n == SEARCH_TEMPLATE)
    }

    /// The translations of `lang`, as the template value `t`.
    pub fn translations(&self, lang: Lang) -> tera::Value {
        self.translations
            .get(lang.code())
            .cloned()
            .unwrap_or_else(Value::none)
    }

    /// One translated string; the key itself when missing (keys are checked at load).
    pub fn string(&self, lang: Lang, key: &str) -> String {
        self.strings
            .get(lang.code())
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.dir.join("templates")
    }
}

fn read_templates(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut templates = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if !entry.file_type().is_file()
            || crate::base::temp_files::is_temporary(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read_to_string(path) {
            Ok(source) => templates.push((name, source)),
            Err(e) => problems.push(Diagnostic::error(
                Location::file(path),
                crate::base::diagnostic::io_message(
                    "nie można odczytać szablonu",
                    "cannot read the template",
                    &e,
                ),
            )),
        }
    }
    templates
}

/// Points a Tera error at the template file, line and column.
pub fn template_error(templates_dir: &Path, error: &tera::Error) -> Diagnostic {
    use tera::ErrorKind;
    let hint = Text::new(
        "popraw szablon motywu we wskazanym miejscu",
        "fix the theme template at the place shown",
    );
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let message = report.message().to_string();
            Diagnostic::error(
                Location::at(
                    templates_dir.join(report.filename()),
                    span.start_line,
                    span.start_col + 1,
                ),
                text!("błąd w szablonie: {message}", "template error: {message}"),
            )
            .with_hint(hint)
        }
        ErrorKind::TemplateNotFound(name) | ErrorKind::MissingParent { parent: name, .. } => {
            Diagnostic::error(
                Location::file(templates_dir.join(name)),
                text!("brak szablonu {name}", "the template {name} does not exist"),
            )
            .with_hint(Text::new(
                "dodaj brakujący plik szablonu albo popraw nazwę w extends/include",
                "add the missing template file or fix the name in extends/include",
            ))
        }
        other => {
            let report = other.to_string();
            let (location, message) = match located_report(&report) {
                Some((file, line, column, message)) => (
                    Location::at(templates_dir.join(file), line, column),
                    message,
                ),
                None => (Location::file(templates_dir), report.clone()),
            };
            Diagnostic::error(
                location,
                text!("błąd w szablonie: {message}", "template error: {message}"),
            )
            .with_hint(hint)
        }
    }
}

/// Reads Tera's text report (`error: …` then ` --> page.html:6:23`) into
/// the file, line, column and first message line.
fn located_report(report: &str) -> Option<(String, usize, usize, String)> {
    let message = report
        .lines()
        .next()?
        .trim_start_matches("error: ")
        .to_string();
    let place = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.trim().rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next()?.to_string();
    Some((file, line, column, message))
}

type Translations = (
    BTreeMap<&'static str, tera::Value>,
    BTreeMap<&'static str, BTreeMap<String, String>>,
);

/// Reads `pl.yaml` and `en.yaml`; both must define the same keys.
fn load_translations(dir: &Path, problems: &mut Vec<Diagnostic>) -> Translations {
    let mut values = BTreeMap::new();
    let mut strings = BTreeMap::new();
    for lang in [Lang::Pl, Lang::En] {
        let path = dir.join(format!("{}.yaml", lang.code()));
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                problems.push(Diagnostic::error(
                    Location::file(&path),
                    crate::base::diagnostic::io_message(
                        "nie można odczytać tłumaczeń",
                        "cannot read the translations",
                        &e,
                    ),
                ));
                continue;
            }
        };
        match serde_yaml::from_str::<BTreeMap<String, String>>(&source) {
            Ok(mut map) => {
                if lang == Lang::Pl {
                    for text in map.values_mut() {
                        *text = crate::base::typography::typeset(text);
                    }
                }
                values.insert(lang.code(), tera::Value::from(map.clone()));
                strings.insert(lang.code(), map);
            }
            Err(e) => {
                let yaml = crate::base::yaml::YamlSource::file(&path, &source);
                problems.push(crate::base::yaml::yaml_error(&yaml, &e));
            }
        }
    }
    if let (Some(pl), Some(en)) = (strings.get("pl"), strings.get("en")) {
        for (missing_in, from, other) in [("en", pl, en), ("pl", en, pl)] {
            for key in from.keys().filter(|k| !other.contains_key(*k)) {
                problems.push(
                    Diagnostic::error(
                        Location::file(dir.join(format!("{missing_in}.yaml"))),
                        text!(
                            "brak tłumaczenia klucza „{key}”",
                            "the key `{key}` has no translation"
                        ),
                    )
                    .with_hint(text!(
                        "dodaj linię {key}: … do {missing_in}.yaml",
                        "add a line {key}: … to {missing_in}.yaml"
                    )),
                );
            }
        }
    }
    (values, strings)
}
