//! What the editor lists of the served workspace: each site with the
//! words its form suggests (members, tags, categories), and each site's
//! announcements as loaded (drafts and scheduled ones included).

use super::Preview;
use crate::content::{DocKind, Document};
use std::collections::BTreeSet;

/// A site as the editor's first screen and form see it.
#[derive(Debug, serde::Serialize)]
pub struct SiteFacts {
    pub id: String,
    pub title: String,
    pub hub: bool,
    /// Whether `tablica deploy` has a target for it.
    pub deploy: bool,
    /// Whether that target is a server that may want a password typed.
    pub deploy_password: bool,
    pub members: Vec<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// The section new announcements go to.
    pub section: String,
}

/// One announcement in the editor's list.
#[derive(Debug, serde::Serialize)]
pub struct Listed {
    pub path: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty for a file without a date.
    pub date: String,
    pub draft: bool,
    /// Dated later than today: published on that day.
    pub scheduled: bool,
    /// Its address in the live preview, `/<site>/<url path>`.
    pub url: String,
    /// Whether the file has errors (it is listed, not loaded).
    pub broken: bool,
}

/// The section new announcements go to when a site has several.
pub const DEFAULT_SECTION: &str = "aktualnosci";

impl Preview {
    /// The served sites, in workspace order.
    pub fn site_facts(&self) -> Vec<SiteFacts> {
        self.sources
            .iter()
            .filter(|s| s.selected)
            .map(|source| {
                let documents = &source.loaded.documents;
                let words = |pick: fn(&Document) -> &Vec<String>| -> Vec<String> {
                    let set: BTreeSet<&String> = documents.iter().flat_map(pick).collect();
                    set.into_iter().cloned().collect()
                };
                let sections: BTreeSet<&str> = documents
                    .iter()
                    .filter(|d| d.kind == DocKind::Page)
                    .filter_map(|d| d.section.as_deref())
                    .collect();
                let section = if sections.is_empty() || sections.contains(DEFAULT_SECTION) {
                    DEFAULT_SECTION
                } else {
                    sections.iter().next().copied().unwrap_or(DEFAULT_SECTION)
                };
                SiteFacts {
                    id: source.config.id.clone(),
                    title: source.config.title.clone(),
                    hub: source.config.hub,
                    deploy: source.config.deploy.is_some(),
                    deploy_password: source
                        .config
                        .deploy
                        .as_deref()
                        .is_some_and(crate::publish::deploy::may_ask_password),
                    members: source
                        .config
                        .members
                        .iter()
                        .map(|m| m.name.clone())
                        .collect(),
                    tags: words(|d| &d.front.tags),
                    categories: words(|d| &d.front.categories),
                    section: section.to_string(),
                }
            })
            .collect()
    }

    /// The announcements of site `id` (files in a section), newest first;
    /// `None` when the workspace serves no such site.
    pub fn announcements(&self, id: &str) -> Option<Vec<Listed>> {
        let source = self
            .sources
            .iter()
            .find(|s| s.selected && s.config.id == id)?;
        let now = self.model_options.now;
        let mut listed: Vec<Listed> = source
            .loaded
            .documents
            .iter()
            .filter(|d| d.kind == DocKind::Page && d.section.is_some())
            .map(|d| Listed {
                path: d.content_path.clone(),
                title: d.front.title.clone(),
                date: d.front.date.map(|date| date.iso_date()).unwrap_or_default(),
                draft: d.front.draft,
                scheduled: d.front.date.is_some_and(|date| date > now),
                url: format!("/{id}/{}", d.url_path),
                broken: false,
            })
            .collect();
        listed.extend(source.loaded.failed.iter().map(|path| Listed {
            path: path.clone(),
            title: path.rsplit('/').next().unwrap_or(path).to_string(),
            date: String::new(),
            draft: false,
            scheduled: false,
            url: String::new(),
            broken: true,
        }));
        listed.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
        Some(listed)
    }

    /// The configuration of site `id`, when the preview serves it.
    pub fn served_site(&self, id: &str) -> Option<&crate::config::SiteConfig> {
        self.sources
            .iter()
            .find(|s| s.selected && s.config.id == id)
            .map(|s| &s.config)
    }

    /// The workspace folder.
    pub fn root(&self) -> &std::path::Path {
        &self.workspace.root
    }

    /// The day the preview counts from (scheduled announcements).
    pub fn today(&self) -> crate::base::date::PageDate {
        self.model_options.now
    }
}
