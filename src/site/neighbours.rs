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
        .map_init(
            || (Tally::new(pages.len()), TermCache::new()),
            |(tally, cache), page| related_to(page, &pages[page], &lookup, &rank, tally, cache),
        )
        .collect();
    for (neighbours, related) in result.iter_mut().zip(related) {
        neighbours.related = related;
    }
    result
}

/// How many terms each other page shares with the page at hand: a count
/// per page, reused page after page by one thread (a hash map per page
/// made this the slowest part of arranging a 10,000-page site).
struct Tally {
    counts: Vec<u16>,
    touched: Vec<usize>,
}

impl Tally {
    fn new(pages: usize) -> Self {
        Tally {
            counts: vec![0; pages],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, page: usize) {
        if self.counts[page] == 0 {
            self.touched.push(page);
        }
        self.counts[page] = self.counts[page].saturating_add(1);
    }

    /// The `n` pages sharing most, then newest (lowest rank), then lowest
    /// index; empties the tally for the next page.
    fn best(&mut self, n: usize, rank: &[usize]) -> Vec<usize> {
        // Keys of the best so far, best first. Most pages touched share one
        // term and lose to the last of these at the first comparison.
        let mut best: Vec<(std::cmp::Reverse<u16>, usize, usize)> = Vec::with_capacity(n + 1);
        for &page in &self.touched {
            let key = (std::cmp::Reverse(self.counts[page]), rank[page], page);
            if best.len() == n && best.last().is_none_or(|last| key >= *last) {
                continue;
            }
            let at = best.iter().position(|b| key < *b).unwrap_or(best.len());
            best.insert(at, key);
            best.truncate(n);
        }
        for &page in &self.touched {
            self.counts[page] = 0;
        }
        self.touched.clear();
        best.into_iter().map(|(_, _, page)| page).collect()
    }
}

/// The pages of a term by the name a page gives it, per taxonomy (index
/// into the lookup): a thread's cache, since pages name the same few dozen
/// terms over and over and slugifying each name again is not free.
type TermCache<'a> = HashMap<(usize, &'a str), Option<&'a [usize]>>;

fn related_to<'a>(
    page: usize,
    doc: &'a Document,
    lookup: &[(TaxonomyKind, HashMap<String, &'a [usize]>)],
    rank: &[usize],
    tally: &mut Tally,
    cache: &mut TermCache<'a>,
) -> Vec<usize> {
    if doc.section.is_none() {
        return Vec::new();
    }
    for (index, (kind, terms)) in lookup.iter().enumerate() {
        let names = match kind {
            TaxonomyKind::Tags => &doc.front.tags,
            _ => &doc.front.gminy,
        };
        for name in names {
            let found = *cache
                .entry((index, name.as_str()))
                .or_insert_with(|| terms.get(&slugify(name)).copied());
            let Some(term_pages) = found else {
                continue;
            };
            for &other in term_pages.iter().take(CANDIDATES_PER_TERM) {
                if other != page {
                    tally.add(other);
                }
            }
        }
    }
    tally.best(RELATED, rank)
}
