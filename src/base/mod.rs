//! The base layer: what every stage shares and nothing above it may
//! redefine. Problems as [`diagnostic::Diagnostic`]s in two languages
//! ([`diagnostic::Lang`]), YAML parsing with positions, dates, Polish
//! typography, HTML escaping, the rules about temporary files, progress
//! counters, and the table of `check` rules (read by config to validate a
//! site's `checks:` and by check to report). It imports nothing else of
//! the crate.

pub mod date;
pub mod diagnostic;
pub mod escape;
pub mod progress;
pub mod rules;
pub mod temp_files;
pub mod typography;
pub mod yaml;
