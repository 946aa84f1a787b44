//! The workspace configuration: `config.yaml` at the repository root, with
//! its sites, their partnerships, languages, theme and output folder.
//!
//! Parsing errors come with the position serde_yaml reports; checks that need
//! the whole file (unique ids, a leader who is a member) find the position of
//! the offending key in the source text.

mod statement;

pub use statement::{
    statement_review_warnings, AccessibilityContact, AccessibilityStatement, ComplianceStatus,
    MobileApp,
};

use crate::base::diagnostic::text;
use crate::base::diagnostic::{nearest, Diagnostic, Lang, Location, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "config.yaml";

/// The whole workspace as `config.yaml` describes it, validated.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Folder holding `config.yaml`, `content/`, `themes/` and `static/`.
    pub root: PathBuf,
    pub theme: String,
    pub language: Lang,
    /// Where built sites go, absolute.
    pub output_dir: PathBuf,
    pub sites: Vec<SiteConfig>,
    /// The text of `config.yaml`, for pointing later diagnostics at it.
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkspace {
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    language: Lang,
    #[serde(default = "default_output_dir")]
    output_dir: String,
    sites: Vec<SiteConfig>,
}

fn default_theme() -> String {
    "portal".to_string()
}

fn default_output_dir() -> String {
    "public".to_string()
}

/// One site of the workspace: a partnership portal or the hub.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Folder name under `content/` and `public/`.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at; may include a path.
    pub base_url: String,
    /// The site's language; the workspace default when absent.
    #[serde(default)]
    pub language: Option<Lang>,
    /// The hub aggregates the other sites instead of describing a partnership.
    #[serde(default)]
    pub hub: bool,
    #[serde(default)]
    pub voivodeship: Option<String>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// Name of the member JST that leads the partnership.
    #[serde(default)]
    pub leader: Option<String>,
    #[serde(default)]
    pub regional_partner: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// Announcements per page of a list.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Lets raw HTML in Markdown through unsanitised. Off by default.
    #[serde(default)]
    pub unsafe_html: bool,
    /// Logo shown in the header next to the site's name.
    #[serde(default)]
    pub logo: Option<Image>,
    /// The partnership's Biuletyn Informacji Publicznej, linked with the BIP logo.
    #[serde(default)]
    pub bip: Option<String>,
    /// The EU funds logo strip (one image holding all the marks, in order).
    #[serde(default)]
    pub eu_funds: Option<Image>,
    /// What is published of the site's photos.
    #[serde(default)]
    pub images: ImagesConfig,
    /// The accessibility statement (Deklaracja dostępności) the law requires.
    #[serde(default)]
    pub accessibility: Option<AccessibilityStatement>,
    /// Severity of `tablica check` rules for this site, by rule id.
    #[serde(default)]
    pub checks: std::collections::BTreeMap<String, CheckLevel>,
    /// Where `tablica deploy` uploads the built site: `sftp://user@host/path/`,
    /// `ftp://user@host/path/` or a (mounted) folder. Checked by the deploy.
    #[serde(default)]
    pub deploy: Option<String>,
    /// Write the server configuration with every build of this site: an
    /// Apache `.htaccess` in its folder and an nginx snippet beside it (as
    /// `build --server-config` does for every site).
    #[serde(default)]
    pub server_config: bool,
}

/// How a site treats one rule of `tablica check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckLevel {
    #[serde(alias = "błąd")]
    Error,
    #[serde(alias = "ostrzeżenie")]
    Warning,
    #[serde(alias = "wyłączona")]
    Off,
}

/// An image file of the site (a path under the site, e.g. `/img/logo.svg`,
/// or an absolute URL) with its text alternative.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// What is published of the site's photos. Each photo is always published
/// resized, upright and without its metadata (GPS position, camera);
/// `originals: true` also publishes the files as they are, for press
/// photos meant for download (with everything they carry).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    #[serde(default)]
    pub originals: bool,
}

fn default_paginate_by() -> usize {
    10
}

/// A member of the partnership: one JST.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: JstKind,
    /// Address of the member's Biuletyn Informacji Publicznej.
    #[serde(default)]
    pub bip: Option<String>,
}

/// The kind of local government a member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum JstKind {
    #[serde(rename = "gmina miejska")]
    GminaMiejska,
    #[serde(rename = "gmina wiejska")]
    GminaWiejska,
    #[serde(rename = "gmina miejsko-wiejska")]
    GminaMiejskoWiejska,
    #[serde(rename = "powiat")]
    Powiat,
}

impl JstKind {
    /// The i18n key naming this kind in the theme's translation files.
    pub fn i18n_key(self) -> &'static str {
        match self {
            JstKind::GminaMiejska => "jst_gmina_miejska",
            JstKind::GminaWiejska => "jst_gmina_wiejska",
            JstKind::GminaMiejskoWiejska => "jst_gmina_miejsko_wiejska",
            JstKind::Powiat => "jst_powiat",
        }
    }
}

/// The partnership's contact office.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub office: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// One entry of a site's main menu; `url` is a site path (`/aktualnosci/`),
/// a content file (`@/o-partnerstwie.md`) or an absolute address.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    /// Listed only in the footer, not in the main menu (a page for
    /// editors, such as the clerks' guide, that residents need not see).
    #[serde(default)]
    pub footer_only: bool,
}

impl SiteConfig {
    /// The site's base URL, always ending with `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path part of the base URL (`/` or `/partnerstwo/`), the prefix of
    /// every root-relative link.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[after_scheme + i..],
            None => "/",
        }
    }

    /// Scheme and host, for telling whether two sites share an origin.
    pub fn origin(&self) -> &str {
        let len = self.base_url.len() - self.base_path().len();
        &self.base_url[..len]
    }

    pub fn lang(&self) -> Lang {
        self.language.unwrap_or_default()
    }
}

/// Options given on the command line that change the configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Build only this site.
    pub site: Option<String>,
    /// Give every site `base_url/<id>/`, even when only one is built
    /// (`serve` mounts each site in its own folder).
    pub site_folders: bool,
}

/// Reads and validates `config.yaml` in `root`.
pub fn load(root: &Path, overrides: &Overrides) -> Result<Workspace, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let source = std::fs::read_to_string(&path).map_err(|e| {
        let code = if e.kind() == std::io::ErrorKind::NotFound {
            crate::base::diagnostic::USAGE
        } else {
            crate::base::diagnostic::IO
        };
        vec![Diagnostic::error(
            Location::file(&path),
            crate::base::diagnostic::io_message(
                "nie można odczytać pliku konfiguracji",
                "cannot read the configuration file",
                &e,
            ),
        )
        .with_code(code)
        .with_hint(Text::new(
            "uruchom tablica w folderze, w którym leży config.yaml, albo wskaż go opcją --root",
            "run tablica in the folder that holds config.yaml, or point to it with --root",
        ))]
    })?;
    parse(root, &path, &source, overrides)
}

/// The keys and values of `config.yaml` as written, or the YAML error
/// explained.
fn raw_workspace(path: &Path, source: &str) -> Result<RawWorkspace, Vec<Diagnostic>> {
    serde_yaml::from_str(source).map_err(|e| {
        let yaml = crate::base::yaml::YamlSource::file(path, source);
        vec![crate::base::yaml::yaml_error(&yaml, &e)]
    })
}

/// Parses and validates the text of `config.yaml`.
pub fn parse(
    root: &Path,
    path: &Path,
    source: &str,
    overrides: &Overrides,
) -> Result<Workspace, Vec<Diagnostic>> {
    let raw = raw_workspace(path, source)?;
    let locate = Locator { path, source };
    let mut problems = Vec::new();
    let mut sites = raw.sites;
    if sites.is_empty() {
        problems.push(
            Diagnostic::error(
                locate.key(0, "sites"),
                Text::new("lista sites jest pusta", "the list of sites is empty"),
            )
            .with_hint(Text::new(
                "dodaj co najmniej jedną witrynę z polami id, title i base_url",
                "add at least one site with id, title and base_url",
            )),
        );
    }
    let mut ids = BTreeSet::new();
    for site in &mut sites {
        let line = locate.site_line(&site.id);
        if !ids.insert(site.id.clone()) {
            let id = &site.id;
            problems.push(
                Diagnostic::error(
                    locate.key(line, "id"),
                    text!(
                        "identyfikator witryny „{id}” powtarza się",
                        "the site id `{id}` is used twice"
                    ),
                )
                .with_hint(Text::new(
                    "każda witryna musi mieć inny id",
                    "give every site its own id",
                )),
            );
        }
        validate_site(site, line, root, &locate, &mut problems);
    }
    let hubs = sites.iter().filter(|s| s.hub).count();
    if hubs > 1 {
        problems.push(
            Diagnostic::error(
                locate.key(0, "hub"),
                text!(
                    "{hubs} witryny mają hub: true",
                    "{hubs} sites have hub: true"
                ),
            )
            .with_hint(Text::new(
                "tylko jedna witryna może być hubem",
                "only one site can be the hub",
            )),
        );
    }
    apply_overrides(&mut sites, overrides, &locate, &mut problems);
    let output_dir = match &overrides.output_dir {
        Some(dir) => dir.clone(),
        None => root.join(&raw.output_dir),
    };
    if let Some(problem) = check_output_dir(root, &output_dir, &locate) {
        problems.push(problem);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Workspace {
        root: root.to_path_buf(),
        theme: raw.theme,
        language: raw.language,
        output_dir,
        sites,
        source: source.to_string(),
    })
}

/// Checks one site's keys, each group by its own function, in the order
/// their problems are reported.
fn validate_site(
    site: &mut SiteConfig,
    line: usize,
    root: &Path,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    validate_id(&site.id, line, root, locate, problems);
    validate_base_url(site, line, locate, problems);
    validate_paginate_by(site.paginate_by, line, locate, problems);
    validate_members(site, line, locate, problems);
    if let Some(statement) = &site.accessibility {
        statement::validate(statement, line, locate, problems);
    }
    validate_levels(&site.checks, line, locate, problems);
    validate_site_bip(site.bip.as_deref(), line, locate, problems);
    validate_contact_email(site.contact.as_ref(), line, locate, problems);
}

/// The id names the site's folders, so it must be a plain folder name and
/// its content folder must exist.
fn validate_id(
    id: &str,
    line: usize,
    root: &Path,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        problems.push(
            Diagnostic::error(
                locate.key(line, "id"),
                text!("identyfikator witryny „{id}” zawiera niedozwolone znaki", "the site id `{id}` has characters that are not allowed"),
            )
            .with_hint(Text::new(
                "używaj tylko małych liter bez polskich znaków, cyfr i myślników, np. ziemia-wysokomazowiecka",
                "use only lowercase ASCII letters, digits and dashes, e.g. ziemia-wysokomazowiecka",
            )),
        );
    } else if !root.join("content").join(id).is_dir() {
        problems.push(
            Diagnostic::error(
                locate.key(line, "id"),
                text!(
                    "brak folderu content/{id} z treścią tej witryny",
                    "there is no folder content/{id} with this site's content"
                ),
            )
            .with_hint(text!(
                "utwórz folder content/{id} z plikiem _index.md albo popraw id",
                "create the folder content/{id} with an _index.md file, or fix the id"
            )),
        );
    }
}

/// The base URL is stored normalised, as every link is built from it.
fn validate_base_url(
    site: &mut SiteConfig,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    match normalise_base_url(&site.base_url) {
        Ok(url) => site.base_url = url,
        Err(message) => problems.push(
            Diagnostic::error(locate.key(line, "base_url"), message).with_hint(Text::new(
                "podaj pełny adres, np. https://www.gmina.pl/partnerstwo/",
                "give a full address, e.g. https://www.gmina.pl/partnerstwo/",
            )),
        ),
    }
}

/// Lists are cut into pages of this many announcements; zero would make none.
fn validate_paginate_by(
    paginate_by: usize,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    if paginate_by == 0 {
        problems.push(Diagnostic::error(
            locate.key(line, "paginate_by"),
            Text::new(
                "paginate_by musi być większe od zera",
                "paginate_by must be greater than zero",
            ),
        ));
    }
}

/// A partnership site lists its members, each once; the leader is one of
/// them and their BIP addresses are full addresses.
fn validate_members(
    site: &SiteConfig,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    if !site.hub && site.members.is_empty() {
        let id = &site.id;
        problems.push(
            Diagnostic::error(
                locate.key(line, "id"),
                text!("witryna „{id}” nie ma listy members", "the site `{id}` has no list of members"),
            )
            .with_hint(Text::new(
                "wypisz JST partnerstwa w members (name, type, bip) albo oznacz witrynę jako hub: true",
                "list the partnership's JST under members (name, type, bip), or mark the site hub: true",
            )),
        );
    }
    let names: Vec<&str> = site.members.iter().map(|m| m.name.as_str()).collect();
    validate_unique_members(&names, line, locate, problems);
    if let Some(leader) = &site.leader {
        validate_leader(leader, &names, line, locate, problems);
    }
    for member in &site.members {
        validate_member_bip(member, line, locate, problems);
    }
}

fn validate_unique_members(
    names: &[&str],
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(*name) {
            problems.push(Diagnostic::error(
                locate.value(line, name),
                text!(
                    "członek „{name}” występuje dwa razy",
                    "the member `{name}` is listed twice"
                ),
            ));
        }
    }
}

/// The leader must be a member; a near name is offered as the likely typo.
fn validate_leader(
    leader: &str,
    names: &[&str],
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    if names.contains(&leader) {
        return;
    }
    let mut d = Diagnostic::error(
        locate.key(line, "leader"),
        text!(
            "lider „{leader}” nie jest na liście members",
            "the leader `{leader}` is not in the list of members"
        ),
    );
    if let Some(near) = nearest(leader, names) {
        d = d.with_hint(text!("czy chodziło o „{near}”?", "did you mean `{near}`?"));
    }
    problems.push(d);
}

/// A member's BIP is linked from the site, so it must be a full address.
fn validate_member_bip(
    member: &Member,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(bip) = &member.bip else {
        return;
    };
    if !is_absolute_url(bip) {
        let name = &member.name;
        problems.push(not_full_address(
            locate.value(line, bip),
            text!(
                "adres BIP „{bip}” członka {name} nie jest pełnym adresem",
                "the BIP address `{bip}` of {name} is not a full address"
            ),
        ));
    }
}

/// The partnership's own BIP is linked from every page: a full address.
fn validate_site_bip(
    bip: Option<&str>,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(bip) = bip else {
        return;
    };
    if !is_absolute_url(bip) {
        problems.push(not_full_address(
            locate.key(line, "bip"),
            text!(
                "adres BIP „{bip}” nie jest pełnym adresem",
                "the BIP address `{bip}` is not a full address"
            ),
        ));
    }
}

/// A BIP address that is not a full one, and how to write it.
fn not_full_address(at: Location, message: Text) -> Diagnostic {
    Diagnostic::error(at, message).with_hint(Text::new(
        "zacznij adres od https://",
        "start the address with https://",
    ))
}

/// The contact e-mail becomes a mailto: link; catch what is plainly not one.
fn validate_contact_email(
    contact: Option<&Contact>,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(email) = contact.and_then(|c| c.email.as_ref()) else {
        return;
    };
    problems.extend(email_error(email, locate.key(line, "email")));
}

/// An error when `email` cannot be an e-mail address (no `@`, a space).
pub(crate) fn email_error(email: &str, location: Location) -> Option<Diagnostic> {
    (!email.contains('@') || email.contains(' ')).then(|| {
        Diagnostic::error(
            location,
            text!(
                "„{email}” nie jest adresem e-mail",
                "`{email}` is not an e-mail address"
            ),
        )
    })
}

/// Site folders in the output are replaced whole, so the output folder must
/// not be the workspace itself or lie inside its sources.
fn check_output_dir(root: &Path, output_dir: &Path, locate: &Locator) -> Option<Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, output) = (absolute(root), absolute(output_dir));
    let inside_sources = ["content", "themes", "static"]
        .iter()
        .any(|dir| output.starts_with(root.join(dir)));
    if !(root.starts_with(&output) || inside_sources) {
        return None;
    }
    let shown = output_dir.display();
    Some(
        Diagnostic::error(
            locate.key(0, "output_dir"),
            text!(
                "folder wyjściowy {shown} to folder projektu albo jego źródeł; budowanie zastąpiłoby tam pliki",
                "the output folder {shown} is the workspace or one of its source folders; building would replace files there"
            ),
        )
        .with_hint(Text::new(
            "ustaw output_dir: public (albo inny nowy folder)",
            "set output_dir: public (or another new folder)",
        )),
    )
}

fn apply_overrides(
    sites: &mut [SiteConfig],
    overrides: &Overrides,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(only) = &overrides.site {
        if !sites.iter().any(|s| &s.id == only) {
            let ids: Vec<&str> = sites.iter().map(|s| s.id.as_str()).collect();
            let list = ids.join(", ");
            problems.push(
                Diagnostic::error(
                    Location::file(locate.path),
                    text!("nie ma witryny „{only}”", "there is no site `{only}`"),
                )
                .with_hint(text!("dostępne witryny: {list}", "available sites: {list}")),
            );
        }
    }
    if let Some(base) = &overrides.base_url {
        let several = overrides.site_folders || (overrides.site.is_none() && sites.len() > 1);
        for site in sites.iter_mut() {
            let url = if several {
                format!("{}/{}/", base.trim_end_matches('/'), site.id)
            } else {
                base.clone()
            };
            match normalise_base_url(&url) {
                Ok(url) => site.base_url = url,
                Err(message) => {
                    problems.push(Diagnostic::error(Location::file("--base-url"), message));
                    return;
                }
            }
        }
    }
}

fn is_absolute_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
}

fn normalise_base_url(url: &str) -> Result<String, Text> {
    if !is_absolute_url(url) || url.contains(char::is_whitespace) {
        return Err(text!(
            "base_url „{url}” nie jest pełnym adresem http(s)",
            "base_url `{url}` is not a full http(s) address"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(text!(
            "base_url „{url}” nie może zawierać ? ani #",
            "base_url `{url}` cannot contain ? or #"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// Finds where keys and values sit in the config text, for checks made
/// after parsing (serde_yaml keeps no positions of parsed values).
pub(crate) struct Locator<'a> {
    path: &'a Path,
    source: &'a str,
}

impl<'a> Locator<'a> {
    /// Positions in `source`, the text of the config file at `path`.
    pub(crate) fn new(path: &'a Path, source: &'a str) -> Self {
        Locator { path, source }
    }

    /// 0-based line index of the `id: <id>` entry of a site.
    pub(crate) fn site_line(&self, id: &str) -> usize {
        self.source
            .lines()
            .position(|l| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                l.strip_prefix("id:")
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == id)
            })
            .unwrap_or(0)
    }

    /// Position of `key:` at or after line `from`, within the same site entry.
    pub(crate) fn key(&self, from: usize, key: &str) -> Location {
        self.find(from, |l| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
    }

    /// Position of a value's text at or after line `from`.
    pub(crate) fn value(&self, from: usize, value: &str) -> Location {
        self.find(from, |l| l.contains(value))
    }

    pub(crate) fn find(&self, from: usize, matches: impl Fn(&str) -> bool) -> Location {
        for (index, line) in self.source.lines().enumerate().skip(from) {
            let next_site = index > from && line.trim_start().starts_with("- id:");
            if next_site {
                break;
            }
            if matches(line) {
                let column = line.len() - line.trim_start().trim_start_matches("- ").len() + 1;
                return Location::at(self.path, index + 1, column);
            }
        }
        Location::line(self.path, from + 1)
    }
}

/// A site's `checks:` must name existing rules.
fn validate_levels(
    levels: &std::collections::BTreeMap<String, CheckLevel>,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let ids = crate::base::rules::ids();
    for id in levels
        .keys()
        .filter(|id| crate::base::rules::find(id).is_none())
    {
        let mut d = Diagnostic::error(
            locate.key(line, id),
            text!(
                "w checks nie ma reguły „{id}”",
                "there is no rule `{id}` for checks"
            ),
        );
        d = match crate::base::diagnostic::nearest(id, &ids) {
            Some(near) => d.with_hint(text!("czy chodziło o „{near}”?", "did you mean `{near}`?")),
            None => d.with_hint(Text::new(
                "listę reguł podaje README (sekcja tablica check)",
                "the README lists the rules (section tablica check)",
            )),
        };
        problems.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::PageDate;

    fn parse_str(source: &str) -> Result<Workspace, Vec<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
        parse(
            dir.path(),
            Path::new("config.yaml"),
            source,
            &Overrides::default(),
        )
    }

    const MINIMAL: &str = "sites:\n  - id: a\n    title: A\n    base_url: https://example.org/a\n    members:\n      - name: Gmina A\n        type: gmina wiejska\n";

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_path() {
        let ws = parse_str(MINIMAL).unwrap();
        let site = &ws.sites[0];
        assert_eq!(site.base_url(), "https://example.org/a/");
        assert_eq!(site.base_path(), "/a/");
        assert_eq!(site.origin(), "https://example.org");
        assert_eq!(ws.theme, "portal");
        assert_eq!(site.paginate_by, 10);
    }

    #[test]
    fn unknown_key_names_its_line_and_suggests_the_nearest() {
        let source = MINIMAL.replace("    title: A\n", "    title: A\n    titel: B\n");
        let errors = parse_str(&source).unwrap_err();
        assert_eq!(errors[0].location.line, Some(4), "{errors:?}");
        assert!(
            errors[0].hint.as_ref().unwrap().en.contains("`title`"),
            "{errors:?}"
        );
    }

    #[test]
    fn wrong_member_type_is_reported_with_position() {
        let source = MINIMAL.replace("gmina wiejska", "gmina wiejsko");
        let errors = parse_str(&source).unwrap_err();
        assert_eq!(errors[0].location.line, Some(7), "{errors:?}");
        let hint = &errors[0].hint.as_ref().unwrap().pl;
        assert!(hint.contains("gmina miejsko-wiejska"), "{errors:?}");
    }

    #[test]
    fn output_dir_cannot_be_the_workspace_or_its_sources() {
        for dir in [".", "content/out", "themes"] {
            let source = format!("output_dir: {dir}\n{MINIMAL}");
            let errors = parse_str(&source).unwrap_err();
            assert_eq!(errors[0].location.line, Some(1), "{dir}: {errors:?}");
        }
        assert!(parse_str(&format!("output_dir: build/www\n{MINIMAL}")).is_ok());
    }

    #[test]
    fn a_statement_not_reviewed_by_the_last_31_march_gets_a_warning() {
        let statement = "    accessibility:\n      entity: U\n      published: 2020-01-01\n      updated: 2020-01-01\n      status: zgodna\n      prepared: 2020-01-01\n      reviewed: 2025-03-20\n      assessment: samoocena\n      contact: {person: K, email: a@b.pl, phone: \"1\"}\n      architecture: A\n      communication: C\n";
        let ws = parse_str(&format!("{MINIMAL}{statement}")).unwrap();
        let day = |s| PageDate::parse(s).unwrap();
        // Reviewed 20.03.2025: in time for 31.03.2025, late after 31.03.2026.
        assert!(statement_review_warnings(&ws, day("2026-03-31")).is_empty());
        let late = statement_review_warnings(&ws, day("2026-04-01"));
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].location.line, Some(14), "{late:?}");
        // A review date in the future is a warning too.
        assert_eq!(statement_review_warnings(&ws, day("2025-03-19")).len(), 1);
    }

    #[test]
    fn semantic_errors_are_collected_together() {
        let source =
            MINIMAL.replace("https://example.org/a", "example.org") + "    leader: Gmina B\n";
        let errors = parse_str(&source).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].location.line, Some(4));
        assert_eq!(errors[1].location.line, Some(8));
    }
}
