//! `tablica new`: a new announcement from the commented template, named by
//! its date and title, in the section of the site it belongs to.

use super::template::{front_matter, Draft};
use super::{find_site, page_path, section_dir, write_new_file, Created};
use crate::base::date::PageDate;
use crate::base::diagnostic::{Diagnostic, Location, Text};
#[cfg(doc)]
use crate::content::facts::NEW_PAGE_PLACEHOLDER;
use crate::content::front_matter::PageKind;
use std::path::PathBuf;

/// What `tablica new` was asked for.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub site: String,
    pub section: String,
    pub title: String,
    /// Today when absent.
    pub date: Option<PageDate>,
    /// An easy-to-read or sign-language page (at the site's root) instead
    /// of an announcement.
    pub kind: PageKind,
}

/// The body a new page starts with: it builds as it is, and says what to do.
/// It begins with [`NEW_PAGE_PLACEHOLDER`], which `check` and `build` refuse
/// on a published page.
const BODY: &str = "Tu wpisz treść ogłoszenia. Akapity oddziel pustą linią. Śródtytuł zacznij \
od dwóch krzyżyków i spacji (`## Śródtytuł`), punkt listy – od myślnika i spacji (`- punkt`), \
a słowa do pogrubienia otocz dwiema gwiazdkami (`**ważne**`).\n";

/// Creates the page file and returns its path.
pub fn new_page(options: &NewOptions) -> Result<Created, Vec<Diagnostic>> {
    let site = find_site(&options.root, &options.site)?;
    let title = options.title.trim();
    if title.is_empty() {
        return Err(vec![Diagnostic::error(
            Location::file(options.root.join("content").join(&site.id)),
            Text::new(
                "tytuł ogłoszenia jest pusty",
                "the announcement's title is empty",
            ),
        )
        .with_hint(Text::new(
            "podaj tytuł w cudzysłowie: tablica new --site ID \"Zaproszenie na warsztaty\"",
            "give the title in quotes: tablica new --site ID \"Invitation to the workshop\"",
        ))]);
    }
    let date = options.date.unwrap_or_else(PageDate::today_utc).date_only();
    let path = match options.kind {
        PageKind::Page => {
            let section =
                section_dir(&options.root, &site.id, &options.section).map_err(|d| vec![d])?;
            page_path(&section, date, title).map_err(|d| vec![d])?
        }
        // The ETR and PJM pages stand at the site's root, without a date.
        PageKind::Etr | PageKind::Pjm => {
            let dated = page_path(&options.root.join("content").join(&site.id), date, title)
                .map_err(|d| vec![d])?;
            let name = dated
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            dated.with_file_name(name.get(11..).unwrap_or(&name))
        }
    };
    let draft = Draft {
        title: title.to_string(),
        date,
        signature: None,
        source: None,
        draft: true,
        kind: options.kind,
    };
    let text = format!("{}\n{BODY}", front_matter(&draft, &site));
    write_new_file(&path, text.as_bytes()).map_err(|d| vec![d])?;
    Ok(Created {
        page: path,
        images: Vec::new(),
        report: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_begins_with_the_placeholder_the_check_knows() {
        assert!(BODY.starts_with(crate::content::facts::NEW_PAGE_PLACEHOLDER));
    }
}
