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
            || Tally::new(pages.len()),
            |tally, page| related_to(page, &pages[page], &lookup, &rank, tally),
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
        let key = |page: usize| (std::cmp::Reverse(self.counts[page]), rank[page], page);
        let mut best: Vec<usize> = Vec::with_capacity(n + 1);
        for &page in &self.touched {
            let at = best.partition_point(|&b| key(b) < key(page));
            if at < n {
                best.insert(at, page);
                best.truncate(n);
            }
        }
        for &page in &self.touched {
            self.counts[page] = 0;
        }
        self.touched.clear();
        best
    }
}

fn related_to(
    page: usize,
    doc: &Document,
    lookup: &[(TaxonomyKind, HashMap<String, &[usize]>)],
    rank: &[usize],
    tally: &mut Tally,
) -> Vec<usize> {
    if doc.section.is_none() {
        return Vec::new();
    }
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
                    tally.add(other);
                }
            }
        }
    }
    tally.best(RELATED, rank)
}
