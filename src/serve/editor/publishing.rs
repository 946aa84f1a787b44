//! "Opublikuj" and "Wyślij na serwer": a build of the site into the
//! workspace's output folder, exactly as `tablica build --site` makes it,
//! and `tablica deploy` of it on a thread of its own, whose progress the
//! browser asks for.

use super::api::{DeployState, Target};
use super::{json, json_error, Editor, Reply};
use crate::base::progress::Progress;
use crate::build::{BuildOptions, BuildReport};
use crate::config::Overrides;
use crate::publish::deploy::{self, DeployOptions};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

#[derive(Deserialize)]
pub(super) struct PublishRequest {
    site: String,
    #[serde(default)]
    path: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct DeployRequest {
    site: String,
    /// Typed into the deploy panel; used for this upload only, never kept.
    #[serde(default)]
    password: Option<String>,
}

impl Editor {
    /// Builds the site; answers the summary, or the errors by field.
    pub(super) fn publish(&self, request: PublishRequest) -> Reply {
        let known = self.lock().served_site(&request.site).is_some();
        if !known {
            return json_error(404, &self.say("nie ma takiego serwisu", "no such site"));
        }
        let _one_at_a_time = self.publishing.lock().unwrap_or_else(|e| e.into_inner());
        let options = BuildOptions {
            root: self.root.clone(),
            include_drafts: false,
            overrides: Overrides {
                site: Some(request.site.clone()),
                ..Overrides::default()
            },
            now: None,
            relative: false,
            server_config: false,
            progress: None,
            allow_a11y_errors: false,
        };
        // The page being published, with its text: its problems go by field.
        let page = request
            .path
            .as_deref()
            .and_then(|p| self.target(&request.site, p).ok())
            .and_then(|t| Some((std::fs::read_to_string(&t.file).ok()?, t)));
        let page = page.as_ref().map(|(text, target)| (target, text.as_str()));
        match crate::build::build(&options) {
            Ok(report) => self.published(&report, page),
            Err(failure) => {
                let problems = self.problems(&failure.diagnostics, page);
                let summary = crate::report::failure_line(failure.errors().count(), self.lang);
                json(
                    200,
                    &json!({ "ok": false, "summary": summary, "problems": problems }),
                )
            }
        }
    }

    fn published(&self, report: &BuildReport, page: Option<(&Target, &str)>) -> Reply {
        let summary = crate::report::summary(report, &self.root, self.lang);
        // Warnings do not stop a build: only those about this page are
        // shown; the others are `tablica check`'s to list.
        let problems: Vec<_> = match page {
            Some(_) => self
                .problems(&report.warnings, page)
                .into_iter()
                .filter(super::api::Problem::is_about_the_page)
                .collect(),
            None => Vec::new(),
        };
        let url = page.map(|(target, _)| target.url()).unwrap_or_default();
        json(
            200,
            &json!({ "ok": true, "summary": summary, "problems": problems, "url": url }),
        )
    }

    /// Starts `deploy` of a site on its own thread (one at a time per site).
    pub(super) fn deploy(&self, request: DeployRequest) -> Reply {
        let has_target = self
            .lock()
            .served_site(&request.site)
            .is_some_and(|site| site.deploy.is_some());
        if !has_target {
            return json_error(
                404,
                &self.say(
                    "ten serwis nie ma w config.yaml adresu serwera (deploy:)",
                    "this site has no server address (deploy:) in config.yaml",
                ),
            );
        }
        let mut deploys = self.deploys.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(deploys.get(&request.site), Some(DeployState::Running(_))) {
            return json(202, &json!({ "state": "running" }));
        }
        let progress = Arc::new(Progress::default());
        deploys.insert(request.site.clone(), DeployState::Running(progress.clone()));
        let options = DeployOptions {
            root: self.root.clone(),
            site: request.site.clone(),
            dry_run: false,
            output: None,
            progress: Some(progress),
            password: request.password.filter(|p| !p.is_empty()),
        };
        let (lang, states) = (self.lang, self.deploys.clone());
        std::thread::spawn(move || {
            let state = match deploy::deploy(&options) {
                Ok(deployed) => DeployState::Done(deploy::line(&deployed, lang)),
                Err(problems) => DeployState::Failed(
                    problems
                        .iter()
                        .map(|d| d.message.get(lang).to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            if let Ok(mut states) = states.lock() {
                states.insert(options.site, state);
            }
        });
        json(202, &json!({ "state": "running" }))
    }

    /// How the site's last `deploy` is going.
    pub(super) fn deploy_state(&self, site: &str) -> Reply {
        let deploys = self.deploys.lock().unwrap_or_else(|e| e.into_inner());
        let value = match deploys.get(site) {
            None => json!({ "state": "idle" }),
            Some(DeployState::Running(progress)) => {
                let (_, done, total) = progress.snapshot();
                let (sent, to_send) = progress.bytes();
                json!({ "state": "running", "done": done, "total": total,
                        "bytes": sent, "bytes_total": to_send })
            }
            Some(DeployState::Done(message)) => json!({ "state": "done", "message": message }),
            Some(DeployState::Failed(message)) => json!({ "state": "failed", "message": message }),
        };
        json(200, &value)
    }
}
