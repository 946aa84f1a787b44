//! Taxonomies: tags (tagi), categories (kategorie) and the member
//! municipalities an announcement concerns (gminy). Each term has a page
//! listing its announcements, newest first; terms are listed in Polish
//! alphabetical order.

use crate::base::diagnostic::Lang;
use crate::base::typography::{polish_collation_key, slugify};
use crate::config::SiteConfig;
use crate::content::Document;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    Tags,
    Categories,
    Gminy,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 3] = [
        TaxonomyKind::Tags,
        TaxonomyKind::Categories,
        TaxonomyKind::Gminy,
    ];

    /// The taxonomy's folder in the site, in the site's language.
    pub fn folder(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TaxonomyKind::Tags, Lang::Pl) => "tagi",
            (TaxonomyKind::Tags, Lang::En) => "tags",
            (TaxonomyKind::Categories, Lang::Pl) => "kategorie",
            (TaxonomyKind::Categories, Lang::En) => "categories",
            (TaxonomyKind::Gminy, Lang::Pl) => "gminy",
            (TaxonomyKind::Gminy, Lang::En) => "municipalities",
        }
    }

    /// The key of the taxonomy's name in the theme's translations.
    pub fn i18n_key(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Categories => "categories",
            TaxonomyKind::Gminy => "members",
        }
    }

    /// The key of "Tag" / "Kategoria" before a term's name in its title.
    pub fn term_label_key(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tag",
            TaxonomyKind::Categories => "category",
            TaxonomyKind::Gminy => "members",
        }
    }

    fn values(self, doc: &Document) -> &[String] {
        match self {
            TaxonomyKind::Tags => &doc.front.tags,
            TaxonomyKind::Categories => &doc.front.categories,
            TaxonomyKind::Gminy => &doc.front.gminy,
        }
    }
}

#[derive(Debug)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    /// `tagi/`, relative to the site root.
    pub url_path: String,
    /// In Polish alphabetical order.
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// `tagi/konsultacje/`, relative to the site root.
    pub url_path: String,
    /// Indexes into the site's pages, newest first.
    pub pages: Vec<usize>,
}

impl Taxonomy {
    /// The term a name belongs to (names are matched by their slug).
    pub fn term(&self, name: &str) -> Option<&Term> {
        let slug = slugify(name);
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// Builds one taxonomy over `newest` (indexes of pages, newest first). The
/// gminy taxonomy has a term for every member, announcements or not.
pub fn build(
    kind: TaxonomyKind,
    config: &SiteConfig,
    pages: &[Document],
    newest: &[usize],
) -> Taxonomy {
    let folder = kind.folder(config.lang());
    // Terms are merged by slug, so "Konsultacje" and "konsultacje" are one.
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    let mut add_term = |name: &str| {
        let slug = slugify(name);
        if slug.is_empty() {
            return None;
        }
        Some(
            terms
                .entry(slug.clone())
                .or_insert_with(|| Term {
                    name: name.to_string(),
                    url_path: format!("{folder}/{slug}/"),
                    slug,
                    pages: Vec::new(),
                })
                .slug
                .clone(),
        )
    };
    let mut memberships: Vec<(String, usize)> = Vec::new();
    if kind == TaxonomyKind::Gminy {
        for member in &config.members {
            add_term(&member.name);
        }
    }
    for &index in newest {
        for value in kind.values(&pages[index]) {
            if let Some(slug) = add_term(value) {
                memberships.push((slug, index));
            }
        }
    }
    for (slug, index) in memberships {
        if let Some(term) = terms.get_mut(&slug) {
            // A page's memberships come together, so a page naming a term
            // twice ("Drogi", "drogi") is the term's last page already; a
            // search of the whole list made 100,000 pages quadratic.
            if term.pages.last() != Some(&index) {
                term.pages.push(index);
            }
        }
    }
    let mut terms: Vec<Term> = terms.into_values().collect();
    terms.sort_by_cached_key(|t| polish_collation_key(&t.name));
    Taxonomy {
        kind,
        url_path: format!("{folder}/"),
        terms,
    }
}
