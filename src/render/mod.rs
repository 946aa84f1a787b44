//! Render: one Tera instance per theme, its translation files, and the
//! template contexts of every page of a site. Values shared by many pages
//! (the site, the translations, each announcement's card) are serialised
//! once and shared, never re-serialised per page.

mod context;
mod statement;
mod theme;
mod vars;
mod views;

pub use context::{Prepared, Renderer};
pub use statement::TEMPLATE as STATEMENT_TEMPLATE;
pub use theme::{theme_needs, Theme, HUB_TEMPLATE};
