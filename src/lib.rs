//! Tablica: a static site generator for the news portals of Polish
//! local-government partnerships.
//!
//! The pipeline (see DESIGN.md) flows one way:
//! [`config`] → [`content`] (load) → [`site`] (model) → [`render`] → [`output`],
//! driven by [`build`]. Every problem a user can cause is a
//! [`diagnostic::Diagnostic`].

// A Diagnostic is large (file, position, two languages, hint), but it only
// travels on the error path, once per problem; boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod authoring;
pub mod build;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod output;
pub mod render;
pub mod report;
pub mod serve;
pub mod site;
pub mod yaml;

pub use build::{build, BuildFailure, BuildOptions, BuildReport};
pub use diagnostic::{Diagnostic, Lang};
