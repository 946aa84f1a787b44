//! Each announcement's neighbours: the newer and older announcement of its
//! section, and up to three related ones ("Powiązane artykuły") that share
//! its tags or gminy — most shared first, then newest; deterministic.

use super::taxonomy::{Taxonomy, TaxonomyKind};
use super::Section;
use crate::base::typography::slugify;
use crate::content::Document;
use rayon::prelude::*;
use std::collections::HashMap;

/// How many related announcements a page shows.
const RELATED: usize = 3;
/// How many of a term's newest pages are considered, so that a tag used by
/// thousands of pages does not make the build quadratic.
const CANDIDATES_PER_TERM: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Neighbours {
    pub newer: Option<usize>,
    pub older: Option<usize>,
    pub related: Vec<usize>,
}

/// Neighbours of every page, by page index.
pub fn compute(
    pages: &[Document],
    sections: &[Section],
    taxonomies: &[Taxonomy],
    newest: &[usize],
) -> Vec<Neighbours> {
    let mut result = vec![Neighbours::default(); pages.len()];
    for section in sections {
        for (position, &page) in section.pages.iter().enumerate() {
            result[page].newer = position.checked_sub(1).map(|p| section.pages[p]);
            result[page].older = section.pages.get(position + 1).copied();
        }
    }
    let mut rank = vec![usize::MAX; pages.len()];
    for (position, &page) in newest.iter().enumerate() {
        rank[page] = position;
    }
    let lookup: Vec<(TaxonomyKind, HashMap<String, &[usize]>)> = taxonomies
        .iter()
        .filter(|t| matches!(t.kind, TaxonomyKind::Tags | TaxonomyKind::Gminy))
        .map(|t| {
            (
                t.kind,
                t.terms
                    .iter()
                    .map(|term| (term.slug.clone(), term.pages.as_slice()))
                    .collect(),
            )
        })
        .collect();
    let related: Vec<Vec<usize>> = (0..pages.len())
        .into_par_iter()
        .map(|page| related_to(page, &pages[page], &lookup, &rank))
        .collect();
    for (neighbours, related) in result.iter_mut().zip(related) {
        neighbours.related = related;
    }
    result
}

fn related_to(
    page: usize,
    doc: &Document,
    lookup: &[(TaxonomyKind, HashMap<String, &[usize]>)],
    rank: &[usize],
) -> Vec<usize> {
    if doc.section.is_none() {
        return Vec::new();
    }
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for (kind, terms) in lookup {
        let names = match kind {
            TaxonomyKind::Tags => &doc.front.tags,
            _ => &doc.front.gminy,
        };
        for name in names {
            let Some(term_pages) = terms.get(&slugify(name)) else {
                continue;
            };
            for &other in term_pages.iter().take(CANDIDATES_PER_TERM) {
                if other != page {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = shared.into_iter().collect();
    candidates.sort_by_key(|&(other, count)| (std::cmp::Reverse(count), rank[other], other));
    // Not `collect()`: it would reuse the candidates' buffer, and every page
    // would keep a few kilobytes for three numbers (0.9 GB at 100,000 pages).
    let mut related = Vec::with_capacity(RELATED);
    related.extend(candidates.iter().take(RELATED).map(|&(other, _)| other));
    related
}
