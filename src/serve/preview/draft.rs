//! A page as the editor's form would save it, rendered and checked without
//! writing anything: the text is loaded as if it were the file, put into a
//! copy of its site's model, rendered by the same renderer `build` uses,
//! and checked by the same rules. Nothing of the served workspace changes,
//! except that the draft's new photos are handed to the picture worker.

use super::Preview;
use crate::base::diagnostic::{text, Diagnostic, Location};
use crate::content::{self, paths::Bundles};
use crate::render::Renderer;
use crate::site::{self, pages::Item, ModelOptions};
use std::path::Path;

/// What the editor shows beside its form.
#[derive(Default)]
pub struct Draft {
    /// The page as it will be published, or `None` when the text has
    /// errors that stop the page from being made at all.
    pub html: Option<String>,
    /// Load errors, model problems and check findings about this file,
    /// paths relative to the workspace.
    pub problems: Vec<Diagnostic>,
    /// Photos of the draft that the picture worker has not made yet.
    pub pictures: Vec<crate::serve::pictures::Job>,
}

impl Preview {
    /// Renders and checks `text` as the file `content_path` of site `id`.
    pub fn draft(&mut self, id: &str, content_path: &str, text: &str) -> Draft {
        let Some(index) = self.sources.iter().position(|s| s.config.id == id) else {
            return Draft::problem(no_such_site(id));
        };
        let text = text.replace("\r\n", "\n");
        let root = self.workspace.root.clone();
        let content_root = root.join("content").join(id);
        let path = content_root.join(content_path);
        let source = &self.sources[index];
        let loaded = content::document_from_text(
            &source.config,
            &bundles_of(&source.loaded),
            &root.join("static"),
            &path,
            content_path,
            &text,
        );
        let (document, warnings) = match loaded {
            Ok(found) => found,
            Err(errors) => return Draft::problems(errors, &root),
        };
        let mut draft = match self.patchable(index, content_path, &document) {
            Some((model, page)) => self.draft_in_place(model, page, document, content_path, &path),
            None => self.draft_in_new_model(index, document, content_path, &path),
        };
        draft.problems.extend(warnings);
        draft.problems = draft
            .problems
            .into_iter()
            .map(|d| d.relative_to(&root))
            .collect();
        crate::base::diagnostic::sort(&mut draft.problems);
        draft.problems.dedup();
        draft
    }

    /// Where the draft can stand in for its published page in the served
    /// model (model index, page index): the site is well, the page is
    /// published, and the draft keeps its place (date, labels, address);
    /// only its words differ, as after `serve`'s quick rebuild. A big
    /// site's model is then not arranged again for each keystroke.
    fn patchable(
        &self,
        index: usize,
        content_path: &str,
        draft: &content::Document,
    ) -> Option<(usize, usize)> {
        let source = &self.sources[index];
        if source.has_errors() || !source.document(content_path)?.keeps_place_of(draft) {
            return None;
        }
        let model = self
            .models
            .iter()
            .position(|m| m.config.id == source.config.id)?;
        let page = self.models[model]
            .pages
            .iter()
            .position(|d| d.content_path == content_path)?;
        Some((model, page))
    }

    /// Renders the draft in place of page `page` of model `model`, then
    /// puts the served page back.
    fn draft_in_place(
        &mut self,
        model: usize,
        page: usize,
        document: content::Document,
        content_path: &str,
        path: &Path,
    ) -> Draft {
        let index = self.source_of(model);
        let problems =
            site::content_link_problems(&self.sources[index].loaded, &document, self.model_options);
        if problems.iter().any(Diagnostic::is_error) {
            return Draft::with(problems);
        }
        let served = std::mem::replace(&mut self.models[model].pages[page], document);
        let id = self.models[model].config.id.clone();
        let mut draft = self.render_and_hand_out(&id, content_path, path);
        self.models[model].pages[page] = served;
        draft.problems.extend(problems);
        draft
    }

    /// Arranges the site again with the draft in it (a new page, a draft,
    /// a moved date or changed labels), and renders it in that model in
    /// place of the served one.
    fn draft_in_new_model(
        &mut self,
        index: usize,
        document: content::Document,
        content_path: &str,
        path: &Path,
    ) -> Draft {
        let source = &self.sources[index];
        let date = document.front.date;
        let mut files = source.loaded.clone();
        files.documents.retain(|d| d.content_path != content_path);
        files.failed.retain(|f| f != content_path);
        let at = files
            .documents
            .partition_point(|d| d.content_path.as_str() < content_path);
        files.documents.insert(at, document);
        // A draft or a later date is shown as it will be once published.
        let options = ModelOptions {
            include_drafts: true,
            now: date.map_or(self.model_options.now, |d| d.max(self.model_options.now)),
        };
        let (model, problems) = site::assemble_site(source.config.clone(), files, options);
        if problems.iter().any(Diagnostic::is_error) {
            return Draft::with(problems);
        }
        let id = source.config.id.clone();
        let slot = self.models.iter().position(|m| m.config.id == id);
        let previous = match slot {
            Some(i) => Some(std::mem::replace(&mut self.models[i], model)),
            None => {
                self.models.push(model);
                None
            }
        };
        let mut draft = self.render_and_hand_out(&id, content_path, path);
        match (slot, previous) {
            (Some(i), Some(served)) => self.models[i] = served,
            _ => {
                self.models.pop();
            }
        }
        draft.problems.extend(problems);
        draft
    }

    /// Renders and checks the page in the current models, and hands the
    /// pictures its file names to the worker.
    fn render_and_hand_out(&mut self, id: &str, content_path: &str, path: &Path) -> Draft {
        let mut draft = self.render_draft(id, content_path, path);
        if let Some(model) = self.models.iter().find(|m| m.config.id == id) {
            let output_dir = &self.workspace.output_dir;
            draft.pictures =
                super::hand_out(&mut self.pictures_handed_out, output_dir, model, Some(path));
        }
        draft
    }

    /// The source (index into `sources`) of model `model`.
    fn source_of(&self, model: usize) -> usize {
        let id = &self.models[model].config.id;
        self.sources
            .iter()
            .position(|s| &s.config.id == id)
            .unwrap_or_default()
    }

    /// The page's HTML and the check's findings about its file.
    fn render_draft(&self, id: &str, content_path: &str, path: &Path) -> Draft {
        let models = &self.models;
        let Some(model) = models.iter().find(|m| m.config.id == id) else {
            return Draft::problem(no_such_site(id));
        };
        let theme = match &self.theme {
            Ok(theme) => theme,
            Err(errors) => return Draft::problems(errors.clone(), &self.workspace.root),
        };
        let mut draft = Draft::default();
        if let Some(page) = model
            .pages
            .iter()
            .position(|d| d.content_path == content_path)
        {
            let renderer = Renderer::new(theme, model, models);
            let mut html = Vec::new();
            match renderer.render_into(&Item::Page(page), &mut html) {
                Ok(()) => draft.html = Some(String::from_utf8_lossy(&html).into_owned()),
                Err(error) => draft.problems.push(error),
            }
        }
        let options = crate::check::CheckOptions {
            only: vec![id.to_string()],
            external: None,
            files: vec![path.to_path_buf()],
        };
        let findings = crate::check::run(&self.workspace, models, &[], &options);
        draft
            .problems
            .extend(findings.iter().map(crate::check::Finding::to_diagnostic));
        draft
    }
}

impl Draft {
    fn problem(problem: Diagnostic) -> Draft {
        Draft {
            problems: vec![problem],
            ..Draft::default()
        }
    }

    fn with(problems: Vec<Diagnostic>) -> Draft {
        Draft {
            problems,
            ..Draft::default()
        }
    }

    fn problems(problems: Vec<Diagnostic>, root: &Path) -> Draft {
        Draft {
            problems: problems.into_iter().map(|d| d.relative_to(root)).collect(),
            ..Draft::default()
        }
    }
}

/// The bundle folders of a site's files: a file's name without `.md`.
pub(super) fn bundles_of(loaded: &content::LoadedSite) -> Bundles {
    loaded
        .documents
        .iter()
        .map(|d| d.content_path.as_str())
        .chain(loaded.failed.iter().map(String::as_str))
        .map(|p| p.trim_end_matches(".md").to_string())
        .collect()
}

fn no_such_site(id: &str) -> Diagnostic {
    Diagnostic::error(
        Location::file("config.yaml"),
        text!(
            "w config.yaml nie ma serwisu „{id}”",
            "config.yaml has no site `{id}`"
        ),
    )
}
