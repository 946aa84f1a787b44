//! Builds a site's index and spells it as the script files `search.js`
//! loads (classic scripts calling `tablicaSearch.…`, so file:// works):
//!
//! - `meta.js`: `meta({v, lang, count, chunk, stop, shards, sites, gminy, ds, dg})`.
//!   `shards` names the term files: each holds the terms that begin with
//!   its name (1 to 4 letters, more where words are many; `_` alone is the
//!   one file of a small index). A query word needs every shard whose name
//!   begins it or that it begins. `sites[i].root` leads from this site's root to site i's;
//!   `ds`/`dg` give each document's site and gminy (indexes), for filters.
//! - `t-<shard>.js`: `terms(shard, {term: [gap * 32 + weight, …]})`, doc ids
//!   newest first, weights 1..=31 (a title hit is 16 or more).
//! - `d-<n>.js`: `docs(n, [{u, t, d, i, s, x, g, k}])`, [`CHUNK`] documents a
//!   file: address within its site, title, long and ISO date, summary, the
//!   start of the text (for snippets), gminy and tags.

use super::text::{excerpt, plain_text};
use super::words::{shard_name, stopwords, with_terms, Dictionary, Terms};
use crate::base::diagnostic::Lang;
use crate::base::typography::{polish_collation_key, typeset};
use crate::content::Document;
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Folder of the index inside a site's output.
pub const INDEX_DIR: &str = "search-index/";

/// Documents per `d-<n>.js` file: a page of results loads a few of them.
pub const CHUNK: usize = 20;

/// Characters of body text kept for snippets.
const SNIPPET_SOURCE: usize = 1200;

/// How much one occurrence of a term counts, by where it is. A title hit
/// (16) outweighs anything the rest of a page can add up to (at most 15),
/// so pages titled with the query rank first.
const TITLE: u32 = 16;
const LABELS: u32 = 6;
const SUMMARY: u32 = 2;
const BODY_MAX: u32 = 7;
const WEIGHT_MAX: u32 = 31;

/// One page, ready to be indexed.
struct Entry<'a> {
    site: usize,
    doc: &'a Document,
    terms: PageTerms,
    text: String,
}

/// A page's terms with their weights (1..=31), spelled into one buffer:
/// one allocation per page instead of one per term.
#[derive(Default)]
struct PageTerms {
    spelled: String,
    /// Where each term ends in `spelled` (it starts where the one before
    /// ended), and its weight.
    ends: Vec<(u32, u32)>,
}

impl PageTerms {
    fn push(&mut self, term: &str, weight: u32) {
        self.spelled.push_str(term);
        self.ends.push((self.spelled.len() as u32, weight));
    }

    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let mut start = 0;
        self.ends.iter().map(move |&(end, weight)| {
            let term = &self.spelled[start..end as usize];
            start = end as usize;
            (term, weight)
        })
    }
}

/// Where a term occurs in one page.
#[derive(Default)]
struct Hits {
    title: bool,
    labels: bool,
    summary: bool,
    body: u32,
}

impl Hits {
    fn weight(&self) -> u32 {
        let mut w = self.body.min(BODY_MAX);
        if self.title {
            w += TITLE;
        }
        if self.labels {
            w += LABELS;
        }
        if self.summary {
            w += SUMMARY;
        }
        w.clamp(1, WEIGHT_MAX)
    }
}

fn entry(site: usize, doc: &Document, lang: Lang) -> Entry<'_> {
    let text = plain_text(&doc.body.html());
    let terms = with_terms(lang, |terms| {
        terms.forget_if_full();
        let mut hits: HashMap<u32, Hits> = HashMap::default();
        let mut hit = |terms: &mut Terms, text: &str, mark: &dyn Fn(&mut Hits)| {
            terms.each_term(text, |id| mark(hits.entry(id).or_default()));
        };
        hit(terms, &doc.front.title, &|h| h.title = true);
        let front = &doc.front;
        for label in front
            .tags
            .iter()
            .chain(&front.categories)
            .chain(&front.gminy)
        {
            hit(terms, label, &|h| h.labels = true);
        }
        if let Some(summary) = &front.summary {
            hit(terms, summary, &|h| h.summary = true);
        }
        hit(terms, &text, &|h| h.body += 1);
        // In no particular order: postings are kept per term, in page order.
        let mut page = PageTerms::default();
        for (id, h) in hits {
            page.push(terms.spelling(id), h.weight());
        }
        page
    });
    let kept = excerpt(&text, SNIPPET_SOURCE);
    // A cut text ends in "…", so a snippet taken from its end shows the cut.
    let text = if kept.len() < text.len() {
        format!("{kept} …")
    } else {
        text
    };
    Entry {
        site,
        doc,
        terms,
        text,
    }
}

/// The sites whose pages a site's search finds: its own, or on the hub
/// every site's.
pub fn searched_sites<'a>(site: &'a Site, all: &'a [Site]) -> Vec<&'a Site> {
    if site.config.hub {
        let mut sites = vec![site];
        sites.extend(all.iter().filter(|s| !s.config.hub));
        sites
    } else {
        vec![site]
    }
}

/// Every gmina the searched pages name, in Polish alphabetical order.
pub fn gminy(sites: &[&Site]) -> Vec<String> {
    let mut names: Vec<&String> = sites
        .iter()
        .flat_map(|s| s.pages.iter().flat_map(|d| &d.front.gminy))
        .collect();
    // Each gmina once before the costly Polish sort: pages name a few
    // gminy thousands of times.
    names.sort_unstable();
    names.dedup();
    names.sort_by_cached_key(|n| polish_collation_key(n));
    names.into_iter().cloned().collect()
}

/// How the site at `to` is reached from the root of `from`, for result links.
fn site_root(from: &Site, to: &Site, relative: bool) -> String {
    if std::ptr::eq(from, to) {
        return String::new();
    }
    if relative {
        // `build --relative` writes sites as sibling folders.
        return format!("../{}/", to.config.id);
    }
    if from.config.origin() != to.config.origin() {
        return to.config.base_url().to_string();
    }
    let (from_path, to_path) = (from.config.base_path(), to.config.base_path());
    match to_path.strip_prefix(from_path) {
        Some(inside) => inside.to_string(),
        None => to_path.to_string(),
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    lang: &'static str,
    count: usize,
    chunk: usize,
    stop: &'static [&'static str],
    shards: Vec<&'a str>,
    sites: Vec<SiteMeta<'a>>,
    gminy: &'a [String],
    /// The site of each document, by index into `sites`.
    ds: Vec<usize>,
    /// The gminy of each document, by index into `gminy`.
    dg: Vec<Vec<usize>>,
}

#[derive(Serialize)]
struct SiteMeta<'a> {
    id: &'a str,
    /// Typeset as the search page's partnership filter shows it.
    title: String,
    root: String,
}

#[derive(Serialize)]
struct DocView<'a> {
    u: &'a str,
    t: &'a str,
    d: Option<String>,
    i: Option<String>,
    s: String,
    x: &'a str,
    g: &'a [String],
    k: &'a [String],
}

/// The index files of `site` (paths relative to the site folder, contents),
/// all in memory: for `serve`, which compares them with what it wrote.
pub fn index_files(
    site: &Site,
    all: &[Site],
    relative: bool,
    cache: &mut EntryCache,
) -> Vec<(String, String)> {
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |path: String, body: String| -> std::io::Result<()> {
        if let Ok(mut files) = files.lock() {
            files.push((path, body));
        }
        Ok(())
    };
    let _ = spell_index(site, all, relative, &collect, Some(cache));
    let mut files = files.into_inner().unwrap_or_default();
    files.sort();
    files
}

/// Where index files go: called with a path relative to the site folder and
/// the file's contents, from several threads at once.
pub type Sink<'a> = dyn Fn(String, String) -> std::io::Result<()> + Sync + 'a;

/// Builds the index of `site` and hands each file to `sink` as soon as it
/// is spelled, so that a big site never holds its whole index as text
/// (at 100,000 pages, hundreds of megabytes). Stops at the first error.
pub fn write_index(site: &Site, all: &[Site], relative: bool, sink: &Sink) -> std::io::Result<()> {
    spell_index(site, all, relative, sink, None)
}

/// [`write_index`], reading each page's terms from `cache` when its file
/// has not changed since they were found.
fn spell_index(
    site: &Site,
    all: &[Site],
    relative: bool,
    sink: &Sink,
    cache: Option<&mut EntryCache>,
) -> std::io::Result<()> {
    let lang = site.config.lang();
    let sites = searched_sites(site, all);
    let mut docs: Vec<(usize, &Document)> = sites
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.pages.iter().map(move |d| (i, d)))
        .collect();
    // Newest first: ranking ties go to the lower number.
    docs.sort_by_key(|d| std::cmp::Reverse(d.1.front.date));
    let (entries, postings) = match cache {
        Some(cache) => {
            let (entries, postings) = cache.index_documents(&docs, &sites, lang);
            write_doc_files(&entries, 0, lang, sink)?;
            (entries, postings)
        }
        None => index_documents(&docs, lang, sink)?,
    };
    drop(docs);
    let gminy = gminy(&sites);
    let shards = shards(postings);
    let meta = Meta {
        v: 1,
        lang: lang.code(),
        count: entries.len(),
        chunk: CHUNK,
        stop: stopwords(lang),
        shards: shards.iter().map(|(name, _)| name.as_str()).collect(),
        sites: sites
            .iter()
            .map(|s| SiteMeta {
                id: &s.config.id,
                title: typeset(&s.config.title),
                root: site_root(site, s, relative),
            })
            .collect(),
        gminy: &gminy,
        ds: entries.iter().map(|e| e.site).collect(),
        dg: entries
            .iter()
            .map(|e| {
                e.doc
                    .front
                    .gminy
                    .iter()
                    .filter_map(|g| gminy.iter().position(|x| x == g))
                    .collect()
            })
            .collect(),
    };
    sink(
        format!("{INDEX_DIR}meta.js"),
        format!("tablicaSearch.meta({});\n", json(&meta)),
    )?;
    drop(meta);
    shards.into_par_iter().try_for_each(|(name, terms)| {
        let body = shard_file(&name, &terms);
        drop(terms);
        sink(format!("{INDEX_DIR}t-{name}.js"), body)
    })
}

/// Writes the document files (`d-<n>.js`) of `entries`, whose first is
/// document number `first_chunk * CHUNK`.
fn write_doc_files(
    entries: &[Entry],
    first_chunk: usize,
    lang: Lang,
    sink: &Sink,
) -> std::io::Result<()> {
    entries
        .par_chunks(CHUNK)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            let (path, body) = doc_file(first_chunk + n, chunk, lang);
            sink(path, body)
        })
}

/// One term's postings by document id, each `id << 5 | weight` (weights
/// fit in 5 bits): half the memory of pairs, which counts at 100,000 pages.
type Postings = Vec<u32>;

fn posting(id: u32, weight: u32) -> u32 {
    id << 5 | weight.min(WEIGHT_MAX)
}

/// Terms with their postings, sorted by term.
type TermList = Vec<(Box<str>, Postings)>;

/// Every document's entry, and every term's postings.
type Indexed<'a> = (Vec<Entry<'a>>, HashMap<Box<str>, Postings>);

/// Documents whose term lists and snippets are held at once: each batch's
/// document files are written and its lists merged into the postings, then
/// both are dropped, so that memory grows with the postings, not with every
/// page's words (at 100,000 pages, gigabytes). A whole number of chunks.
const BATCH: usize = 100 * CHUNK;

/// The entries of `docs` (their term lists and texts emptied, their
/// document files handed to `sink`) and every term's postings, document
/// ids in the order of `docs`. While one batch's pages are read on every
/// core, the batch before is merged: the merge is one thread's work, and
/// alone it left the other core idle.
fn index_documents<'a>(
    docs: &[(usize, &'a Document)],
    lang: Lang,
    sink: &Sink,
) -> std::io::Result<Indexed<'a>> {
    let mut index = Merged {
        entries: Vec::with_capacity(docs.len()),
        postings: HashMap::default(),
    };
    let mut previous = Vec::new();
    for batch in docs.chunks(BATCH) {
        let (indexed, merged) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|&(s, doc)| entry(s, doc, lang))
                    .collect::<Vec<Entry>>()
            },
            || index.add(std::mem::take(&mut previous), lang, sink),
        );
        merged?;
        previous = indexed;
    }
    index.add(previous, lang, sink)?;
    Ok((index.entries, index.postings))
}

/// The index as its batches are merged in.
struct Merged<'a> {
    entries: Vec<Entry<'a>>,
    postings: HashMap<Box<str>, Postings>,
}

impl<'a> Merged<'a> {
    /// Writes the document files of the next batch and merges its terms.
    fn add(&mut self, batch: Vec<Entry<'a>>, lang: Lang, sink: &Sink) -> std::io::Result<()> {
        write_doc_files(&batch, self.entries.len() / CHUNK, lang, sink)?;
        for mut entry in batch {
            let id = self.entries.len() as u32;
            for (term, weight) in std::mem::take(&mut entry.terms).iter() {
                let posting = posting(id, weight);
                match self.postings.get_mut(term) {
                    Some(list) => list.push(posting),
                    None => {
                        self.postings.insert(term.into(), vec![posting]);
                    }
                }
            }
            entry.text = String::new();
            self.entries.push(entry);
        }
        Ok(())
    }
}

/// Each page's terms and snippet text, kept by `serve` between rebuilds
/// so that after an edit only the changed pages are read word by word
/// (stemming every page of a 10,000-page site takes seconds). Terms are
/// kept as numbers into one dictionary: a tenth of the memory of strings.
#[derive(Debug, Default)]
pub struct EntryCache {
    pages: HashMap<PageKey, CachedEntry>,
    dictionary: Dictionary,
}

/// A page of the index: its site's id and its content path.
type PageKey = (String, String);

#[derive(Debug)]
struct CachedEntry {
    /// The [`Document::revision`] the terms were read from.
    revision: u64,
    /// (term id, weight).
    terms: Vec<(u32, u32)>,
    text: String,
    /// Whether this round of indexing used the entry (the rest are dropped).
    seen: bool,
}

impl EntryCache {
    /// What [`index_documents`] gives, from the cache where it can.
    fn index_documents<'a>(
        &mut self,
        docs: &[(usize, &'a Document)],
        sites: &[&Site],
        lang: Lang,
    ) -> Indexed<'a> {
        let keys: Vec<PageKey> = docs
            .iter()
            .map(|&(site, doc)| (sites[site].config.id.clone(), doc.content_path.clone()))
            .collect();
        let stale: Vec<(&PageKey, &(usize, &Document))> = keys
            .iter()
            .zip(docs)
            .filter(|(key, &(_, doc))| {
                self.pages
                    .get(*key)
                    .is_none_or(|cached| cached.revision != doc.revision)
            })
            .collect();
        let fresh: Vec<(&PageKey, Entry)> = stale
            .par_iter()
            .map(|&(key, &(site, doc))| (key, entry(site, doc, lang)))
            .collect();
        for (key, fresh) in fresh {
            let terms = fresh
                .terms
                .iter()
                .map(|(term, weight)| (self.dictionary.number(term), weight))
                .collect();
            let cached = CachedEntry {
                revision: fresh.doc.revision,
                terms,
                text: fresh.text,
                seen: false,
            };
            self.pages.insert(key.clone(), cached);
        }
        let mut by_id: Vec<Postings> = vec![Vec::new(); self.dictionary.len()];
        let mut entries = Vec::with_capacity(docs.len());
        for (id, (key, &(site, doc))) in keys.iter().zip(docs).enumerate() {
            let Some(cached) = self.pages.get_mut(key) else {
                continue;
            };
            cached.seen = true;
            for &(term, weight) in &cached.terms {
                by_id[term as usize].push(posting(id as u32, weight));
            }
            entries.push(Entry {
                site,
                doc,
                terms: PageTerms::default(),
                text: cached.text.clone(),
            });
        }
        self.pages
            .retain(|_, cached| std::mem::take(&mut cached.seen));
        let postings = by_id
            .into_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(term, list)| (self.dictionary.spelling(term as u32).into(), list))
            .collect();
        (entries, postings)
    }
}

/// A shard with more postings than this is split by the next letter (up
/// to [`MAX_KEY`] letters), so that a first search loads tens of kilobytes,
/// not the index of every word that starts with "po".
const SHARD_POSTINGS: usize = 8_000;
const MAX_KEY: usize = 4;

/// The terms and their postings, grouped into shards named by the letters
/// their terms begin with, in name order.
fn shards(postings: HashMap<Box<str>, Postings>) -> Vec<(String, TermList)> {
    let mut terms: TermList = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut shards = Vec::new();
    split_shard("", terms, &mut shards);
    let mut named: Vec<(String, TermList)> = shards
        .into_iter()
        .map(|(prefix, terms)| (shard_name(&prefix), terms))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named
}

/// The contents of `t-<name>.js`.
fn shard_file(name: &str, terms: &TermList) -> String {
    let mut body = format!("tablicaSearch.terms({},{{", json(name));
    for (i, (term, list)) in terms.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&json(term));
        body.push_str(":[");
        push_postings(&mut body, list);
        body.push(']');
    }
    body.push_str("});\n");
    body
}

/// Puts `terms` (sorted, all starting with `prefix`) into one shard, or
/// splits them by their next letter when they are too many. A term no
/// longer than the prefix stays in the shard named by itself.
fn split_shard(prefix: &str, terms: TermList, shards: &mut Vec<(String, TermList)>) {
    let count: usize = terms.iter().map(|(_, list)| list.len()).sum();
    let depth = prefix.chars().count();
    if count <= SHARD_POSTINGS || depth >= MAX_KEY || terms.len() == 1 {
        shards.push((prefix.to_string(), terms));
        return;
    }
    let mut groups: BTreeMap<String, TermList> = BTreeMap::new();
    for (term, list) in terms {
        let key: String = term.chars().take(depth + 1).collect();
        groups.entry(key).or_default().push((term, list));
    }
    for (key, group) in groups {
        if key.chars().count() <= depth {
            // Only the term equal to the prefix itself: nothing to split.
            shards.push((key, group));
        } else {
            split_shard(&key, group, shards);
        }
    }
}

/// Postings as `gap * 32 + weight`: small numbers, few bytes.
fn push_postings(out: &mut String, list: &[u32]) {
    let mut previous = 0;
    let mut number = itoa::Buffer::new();
    for (i, (id, weight)) in list.iter().map(|p| (p >> 5, p & 31)).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let gap = u64::from(id - previous);
        out.push_str(number.format(gap * 32 + u64::from(weight)));
        previous = id;
    }
}

fn doc_file(n: usize, chunk: &[Entry], lang: Lang) -> (String, String) {
    let views: Vec<DocView> = chunk
        .iter()
        .map(|e| {
            let front = &e.doc.front;
            let date = front.date.map(|d| d.view(lang));
            DocView {
                u: &e.doc.url_path,
                t: &front.title,
                i: date.as_ref().map(|d| d.iso.clone()),
                d: date.map(|d| d.long),
                s: e.doc.summary(),
                x: &e.text,
                g: &front.gminy,
                k: &front.tags,
            }
        })
        .collect();
    (
        format!("{INDEX_DIR}d-{n}.js"),
        format!("tablicaSearch.docs({n},{});\n", json(&views)),
    )
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising our own structs and strings cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_and_weights() {
        let mut out = String::new();
        push_postings(&mut out, &[posting(3, 17), posting(4, 1), posting(10, 31)]);
        assert_eq!(out, "113,33,223");
    }

    #[test]
    fn big_shards_split_by_next_letters_and_small_ones_stay_whole() {
        let list = |n: u32| (0..n).map(|id| posting(id, 1)).collect::<Postings>();
        let terms: TermList = [
            ("gmin", list(10)),
            ("po", list(3_000)),
            ("pod", list(3_000)),
            ("pol", list(3_000)),
            ("powiat", list(3_000)),
            ("powiatow", list(10)),
        ]
        .into_iter()
        .map(|(t, l)| (t.into(), l))
        .collect();
        let mut shards = Vec::new();
        split_shard("", terms, &mut shards);
        let names: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|(k, t)| (k.as_str(), t.iter().map(|(term, _)| &**term).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("g", vec!["gmin"]),
                ("po", vec!["po"]),
                ("pod", vec!["pod"]),
                ("pol", vec!["pol"]),
                ("pow", vec!["powiat", "powiatow"]),
            ]
        );
        let mut small = Vec::new();
        split_shard(
            "",
            vec![("gmin".into(), list(10)), ("po".into(), list(10))],
            &mut small,
        );
        assert_eq!(small.len(), 1);
        assert_eq!(shard_name(&small[0].0), "_");
    }

    #[test]
    fn a_title_hit_outweighs_any_body() {
        let title = Hits {
            title: true,
            ..Hits::default()
        };
        let everything_else = Hits {
            labels: true,
            summary: true,
            body: 100,
            ..Hits::default()
        };
        assert!(title.weight() > everything_else.weight());
        assert_eq!(Hits::default().weight(), 1);
    }
}
