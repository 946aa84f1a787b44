//! The accessibility statement (Deklaracja dostępności): its template
//! context, and a check of the rendered page against the element ids the
//! official template (version 2.0 of 31 July 2024) requires, so that no theme
//! can publish a statement the official validator would reject.

use crate::base::date::{DateView, PageDate};
use crate::base::diagnostic::text;
use crate::base::diagnostic::{Diagnostic, Lang, Location, Text};
use crate::base::typography::typeset;
use crate::config::{AccessibilityStatement, ComplianceStatus, SiteConfig};
use serde::Serialize;
use std::path::Path;

/// Template of the statement page.
pub const TEMPLATE: &str = "accessibility.html";

/// Ids that must appear exactly once in every statement.
pub const REQUIRED_IDS: &[&str] = &[
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
];

#[derive(Serialize)]
pub struct StatementView<'a> {
    entity: String,
    /// Custom scope, or none for the theme's default wording.
    scope: Option<&'a str>,
    url: &'a str,
    site_title: &'a str,
    published: Option<DateView>,
    updated: Option<DateView>,
    /// `compliant`, `partial` or `noncompliant`, for picking the legal sentence.
    status: &'static str,
    non_compliant: Vec<String>,
    excluded: Vec<String>,
    disproportionate_burden: Option<String>,
    prepared: Option<DateView>,
    reviewed: Option<DateView>,
    assessment: String,
    contact_person: &'a str,
    email: &'a str,
    phone: &'a str,
    /// The phone number for a `tel:` link: digits and a leading `+` only.
    phone_href: String,
    architecture: String,
    architecture_url: Option<&'a str>,
    communication: String,
    apps: &'a [crate::config::MobileApp],
}

/// The statement of `site` as the template sees it.
pub fn view<'a>(
    site: &'a SiteConfig,
    statement: &'a AccessibilityStatement,
    lang: Lang,
) -> StatementView<'a> {
    // Dates were validated with the configuration.
    let date = |s: &str| PageDate::parse(s).ok().map(|d| d.view(lang));
    let bind = |s: &str| typeset(s);
    StatementView {
        entity: bind(&statement.entity),
        scope: statement.scope.as_deref(),
        url: site.base_url(),
        site_title: &site.title,
        published: date(&statement.published),
        updated: date(&statement.updated),
        status: match statement.status {
            ComplianceStatus::Compliant => "compliant",
            ComplianceStatus::PartiallyCompliant => "partial",
            ComplianceStatus::NonCompliant => "noncompliant",
        },
        non_compliant: statement.non_compliant.iter().map(|s| bind(s)).collect(),
        excluded: statement.excluded.iter().map(|s| bind(s)).collect(),
        disproportionate_burden: statement.disproportionate_burden.as_deref().map(bind),
        prepared: date(&statement.prepared),
        reviewed: date(&statement.reviewed),
        assessment: bind(&statement.assessment),
        contact_person: &statement.contact.person,
        email: &statement.contact.email,
        phone: &statement.contact.phone,
        phone_href: statement
            .contact
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect(),
        architecture: bind(&statement.architecture),
        architecture_url: statement.architecture_url.as_deref(),
        communication: bind(&statement.communication),
        apps: &statement.apps,
    }
}

/// Checks the rendered statement: each required id exactly once, plus the
/// conditional ids when their facts are given.
pub fn check_ids(
    html: &str,
    statement: &AccessibilityStatement,
    templates_dir: &Path,
) -> Result<(), Diagnostic> {
    let mut required: Vec<&str> = REQUIRED_IDS.to_vec();
    if statement.disproportionate_burden.is_some() {
        required.push("a11y-ocena");
    }
    if !statement.apps.is_empty() {
        required.push("a11y-aplikacje");
    }
    if statement.architecture_url.is_some() {
        required.push("a11y-architektura-url");
    }
    let wrong: Vec<String> = required
        .iter()
        .filter_map(|id| match count_id(html, id) {
            1 => None,
            0 => Some(format!("{id} (0)")),
            n => Some(format!("{id} ({n})")),
        })
        .collect();
    if wrong.is_empty() {
        return Ok(());
    }
    let list = wrong.join(", ");
    Err(Diagnostic::error(
        Location::file(templates_dir.join(TEMPLATE)),
        text!(
            "deklaracja dostępności nie ma wymaganych elementów albo ma je kilka razy: {list}",
            "the accessibility statement lacks required elements or has them more than once: {list}"
        ),
    )
    .with_hint(Text::new(
        "każdy z tych identyfikatorów (id) musi wystąpić w szablonie dokładnie raz, jak we wzorze deklaracji w wersji 2.0",
        "each of these ids must appear exactly once in the template, as in version 2.0 of the official template",
    )))
}

fn count_id(html: &str, id: &str) -> usize {
    ["id=\"", "id='"]
        .iter()
        .map(|open| {
            let needle = format!("{open}{id}{}", &open[3..]);
            html.matches(&needle).count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_ids_in_either_quote_style_only_whole() {
        let html = r#"<p id="a11y-url"></p><a id='a11y-url'></a><a id="a11y-url-x"></a>"#;
        assert_eq!(count_id(html, "a11y-url"), 2);
        assert_eq!(count_id(html, "a11y-email"), 0);
    }
}
