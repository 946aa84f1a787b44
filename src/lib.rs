//! Tablica: a static site generator for the news portals of Polish
//! local-government partnerships.
//!
//! The pipeline flows one way — [`config`] → [`content`] (load) →
//! [`site`] (model), joined by [`pipeline`] → [`render`] → [`output`] —
//! on top of the shared [`base`] layer, driven by [`build`]; [`check`]
//! judges the model's links and content accessibility. Every problem a
//! user can cause is a [`base::diagnostic::Diagnostic`]. The map of the
//! stages, what each owns and which may import which is
//! `docs/architecture.md`; `tests/layering.rs` enforces it.

// A Diagnostic is large (file, position, two languages, hint), but it only
// travels on the error path, once per problem; boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod authoring;
pub mod base;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod media;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;

pub use build::{build, BuildFailure, BuildOptions, BuildReport};

/// The version, with the git commit it was built from when known.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("TABLICA_GIT_COMMIT"),
    ")"
);
pub use base::diagnostic::{Diagnostic, Lang};
