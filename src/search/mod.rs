//! Search: a static index per site (and one over every site for the hub),
//! written beside the pages as small script files that the theme's
//! `search.js` loads on demand. No server, works from any folder and from
//! disk (file://, where `fetch` cannot read files but `<script src>` can).
//! Words are stemmed (Snowball, Polish or English) and folded (no
//! diacritics, ł→l) here; the browser folds queries the same way.

mod index;
mod text;
pub mod words;

pub use index::{gminy, index_files, searched_sites, write_index, EntryCache, CHUNK, INDEX_DIR};
pub use text::plain_text;
