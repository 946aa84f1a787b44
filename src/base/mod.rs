//! The base layer: what every stage shares and nothing above it may
//! redefine. Problems as [`diagnostic::Diagnostic`]s in two languages
//! ([`diagnostic::Lang`]), YAML parsing with positions, dates, Polish
//! typography, HTML escaping, the rules about temporary files, progress
//! counters, the table of `check` rules (read by config to validate a
//! site's `checks:` and by check to report), and a fast hash of bytes. It
//! imports nothing else of the crate.

pub mod date;
pub mod diagnostic;
pub mod escape;
pub mod progress;
pub mod rules;
pub mod scan;
pub mod temp_files;
pub mod typography;
pub mod yaml;

/// A fast, non-cryptographic hash of `bytes`, for telling whether a file's
/// text or a page's output changed (`serve`'s caches): not for security.
pub fn fast_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}
