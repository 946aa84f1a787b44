//! The accessibility statement in config.yaml: the facts of a "Deklaracja
//! dostępności", checked when the configuration is read, and the yearly
//! review that is due by 31 March.

use super::{Locator, Workspace, CONFIG_FILE};
use crate::base::date::PageDate;
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Text};
use serde::{Deserialize, Serialize};

/// The facts of a "Deklaracja dostępności" in the structure of the official
/// template, version 2.0 of 31 July 2024. The legal wording stays in the theme.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityStatement {
    /// The public body the statement is made by (a11y-podmiot).
    pub entity: String,
    /// What the statement covers (a11y-zakres), "strony internetowej" by default.
    #[serde(default)]
    pub scope: Option<String>,
    /// Publication date of the site (a11y-data-publikacja).
    pub published: String,
    /// Date of the last significant update of the site (a11y-data-aktualizacja).
    pub updated: String,
    /// Compliance: `zgodna`, `częściowo zgodna` or `niezgodna` (a11y-status).
    pub status: ComplianceStatus,
    /// What is not accessible and why; required unless the site is compliant.
    #[serde(default)]
    pub non_compliant: Vec<String>,
    /// Content the law does not cover (e.g. archived files from before 2018).
    #[serde(default)]
    pub excluded: Vec<String>,
    /// The assessment of disproportionate burden, when it is claimed (a11y-ocena).
    #[serde(default)]
    pub disproportionate_burden: Option<String>,
    /// When the statement was first prepared (a11y-data-sporzadzenie).
    pub prepared: String,
    /// When it was last reviewed (a11y-data-przeglad).
    pub reviewed: String,
    /// How accessibility was assessed, e.g. "samoocena przeprowadzona przez podmiot publiczny".
    pub assessment: String,
    pub contact: AccessibilityContact,
    /// Architectural accessibility of the office (a11y-architektura).
    pub architecture: String,
    /// Link to a separate description of the architectural accessibility.
    #[serde(default)]
    pub architecture_url: Option<String>,
    /// Communication accessibility: sign language interpreter, contact channels (a11y-komunikacja).
    pub communication: String,
    /// The body's mobile applications (a11y-aplikacje).
    #[serde(default)]
    pub apps: Vec<MobileApp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ComplianceStatus {
    #[serde(rename = "zgodna")]
    Compliant,
    #[serde(rename = "częściowo zgodna")]
    PartiallyCompliant,
    #[serde(rename = "niezgodna")]
    NonCompliant,
}

/// Who answers questions about accessibility (a11y-kontakt, a11y-email, a11y-telefon).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityContact {
    /// A person's role or an office, e.g. "koordynator do spraw dostępności".
    pub person: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MobileApp {
    pub name: String,
    pub url: String,
}

/// Warnings about statements due for their yearly review (by 31 March):
/// reviewed more than a year before `today`, or dated in the future.
pub fn statement_review_warnings(workspace: &Workspace, today: PageDate) -> Vec<Diagnostic> {
    let path = workspace.root.join(CONFIG_FILE);
    let locate = Locator {
        path: &path,
        source: &workspace.source,
    };
    let mut warnings = Vec::new();
    for site in &workspace.sites {
        let Some(statement) = &site.accessibility else {
            continue;
        };
        let Ok(reviewed) = PageDate::parse(&statement.reviewed) else {
            continue;
        };
        // The statement is reviewed every year by 31 March: the review for
        // the latest deadline must come after the one before it.
        // The latest deadline that has passed (31 March itself is in time).
        let deadline_year = if (today.month, today.day) > (3, 31) {
            today.year
        } else {
            today.year - 1
        };
        let cycle_start = PageDate {
            year: deadline_year - 1,
            month: 3,
            day: 31,
            time: None,
        };
        let shown = reviewed.numeric();
        let id = &site.id;
        let location = locate.key(locate.site_line(id), "reviewed");
        if reviewed.date_only() > today {
            warnings.push(Diagnostic::warning(
                location,
                text!(
                    "data przeglądu deklaracji dostępności witryny {id} ({shown}) jest w przyszłości",
                    "the review date of the accessibility statement of {id} ({shown}) is in the future"
                ),
            ));
        } else if reviewed.date_only() <= cycle_start {
            warnings.push(
                Diagnostic::warning(
                    location,
                    text!(
                        "deklarację dostępności witryny {id} ostatnio przejrzano {shown}: brakuje przeglądu do 31 marca {deadline_year} r.",
                        "the accessibility statement of {id} was last reviewed on {shown}: the review due by 31 March {deadline_year} is missing"
                    ),
                )
                .with_hint(Text::new(
                    "przejrzyj deklarację i wpisz datę przeglądu w reviewed: – deklarację (ustawa o dostępności cyfrowej, art. 10) przegląda się co roku do 31 marca",
                    "review the statement and put the date in reviewed: – the statement (Polish digital accessibility act, art. 10) is reviewed every year by 31 March",
                )),
            );
        }
    }
    warnings
}

/// Dates must be real dates; a site that is not fully compliant must say
/// what is not accessible.
pub(super) fn validate(
    statement: &AccessibilityStatement,
    line: usize,
    locate: &Locator,
    problems: &mut Vec<Diagnostic>,
) {
    let dates = [
        ("published", &statement.published),
        ("updated", &statement.updated),
        ("prepared", &statement.prepared),
        ("reviewed", &statement.reviewed),
    ];
    for (key, value) in dates {
        if let Err(message) = crate::base::date::PageDate::parse(value) {
            problems.push(Diagnostic::error(locate.key(line, key), message));
        }
    }
    if statement.status != ComplianceStatus::Compliant && statement.non_compliant.is_empty() {
        problems.push(
            Diagnostic::error(
                locate.key(line, "status"),
                Text::new(
                    "deklaracja nie jest „zgodna”, a brakuje listy non_compliant: co jest niedostępne i dlaczego",
                    "the statement is not `zgodna`, but the list non_compliant (what is not accessible and why) is missing",
                ),
            )
            .with_hint(Text::new(
                "dodaj non_compliant: z listą niedostępnych treści, np. - \"część plików PDF nie ma struktury nagłówków\"",
                "add non_compliant: with a list of inaccessible content, e.g. - \"some PDF files have no heading structure\"",
            )),
        );
    }
    let email = &statement.contact.email;
    problems.extend(super::email_error(email, locate.key(line, "email")));
}
