//! External links (`tablica check --external` only): asks each http(s)
//! address outside the workspace whether it answers, with a timeout, a
//! limit on parallel requests and an on-disk cache
//! (`.tablica-cache/links.json`), so a second run within a day asks
//! nobody again. The asking is behind [`Probe`], so tests use a local
//! server or a fake and never the internet.

use super::Finding;
use crate::base::diagnostic::text;
use crate::base::diagnostic::Location;
use crate::base::rules;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How to check external addresses.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Longest wait for one address.
    pub timeout: Duration,
    /// Addresses asked at the same time.
    pub concurrency: usize,
    /// The cache file; none to ask every time.
    pub cache: Option<PathBuf>,
    /// How long an answer stays in the cache.
    pub max_age: Duration,
}

impl ExternalOptions {
    /// 10 s per address, 8 at a time, answers kept for a day in
    /// `<root>/.tablica-cache/links.json`.
    pub fn standard(root: &std::path::Path) -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            cache: Some(root.join(".tablica-cache").join("links.json")),
            max_age: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// Asks one address; `Err` says why it does not answer.
pub trait Probe: Sync {
    fn probe(&self, url: &str) -> Result<(), String>;
}

/// The real thing: HEAD, then GET for servers that refuse HEAD.
pub struct Http {
    agent: ureq::Agent,
}

impl Http {
    pub fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build();
        Http {
            agent: ureq::Agent::new_with_config(config),
        }
    }
}

impl Probe for Http {
    fn probe(&self, url: &str) -> Result<(), String> {
        let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
            r.map(|response| response.status().as_u16())
                .map_err(|e| e.to_string())
        };
        let mut code = status(self.agent.head(url).call())?;
        if code == 405 || code == 403 || code == 501 {
            code = status(self.agent.get(url).call())?;
        }
        if code < 400 {
            Ok(())
        } else {
            Err(format!("HTTP {code}"))
        }
    }
}

/// One cached answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Answer {
    /// Seconds since 1970 when the address was asked.
    checked: u64,
    /// Why it did not answer; absent when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

type Cache = BTreeMap<String, Answer>;

/// Checks `links` (address and where it is written) with real requests.
pub fn check(links: &[(String, Location)], options: &ExternalOptions) -> Vec<Finding> {
    check_with(links, options, &Http::new(options.timeout))
}

/// Checks `links` with `probe`: each address once, cached answers reused.
pub fn check_with(
    links: &[(String, Location)],
    options: &ExternalOptions,
    probe: &dyn Probe,
) -> Vec<Finding> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut cache = read_cache(options);
    let fresh = |a: &Answer| now.saturating_sub(a.checked) < options.max_age.as_secs();
    let to_ask: BTreeSet<&str> = links
        .iter()
        .map(|(url, _)| url.as_str())
        .filter(|url| !cache.get(*url).is_some_and(fresh))
        .collect();
    for (url, error) in ask_all(&to_ask, options.concurrency, probe) {
        cache.insert(
            url,
            Answer {
                checked: now,
                error,
            },
        );
    }
    write_cache(options, &cache);
    links
        .iter()
        .filter_map(|(url, location)| {
            let error = cache.get(url)?.error.as_ref()?;
            Some(
                Finding::new(rules::LINK_EXTERNAL, location.clone(), url.clone())
                    .with_note(text!("odpowiedź: {error}", "answer: {error}")),
            )
        })
        .collect()
}

fn ask_all(
    urls: &BTreeSet<&str>,
    threads: usize,
    probe: &dyn Probe,
) -> Vec<(String, Option<String>)> {
    let ask = || -> Vec<(String, Option<String>)> {
        urls.par_iter()
            .map(|url| (url.to_string(), probe.probe(url).err()))
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
    {
        Ok(pool) => pool.install(ask),
        Err(_) => ask(),
    }
}

fn read_cache(options: &ExternalOptions) -> Cache {
    options
        .cache
        .as_ref()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves the cache; a cache that cannot be written only costs time later.
fn write_cache(options: &ExternalOptions, cache: &Cache) {
    let Some(path) = &options.cache else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_string_pretty(cache) {
        let _ = std::fs::write(path, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Fake {
        asked: AtomicUsize,
    }

    impl Probe for Fake {
        fn probe(&self, url: &str) -> Result<(), String> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            if url.contains("zniknela") {
                Err("HTTP 404".to_string())
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn each_address_is_asked_once_and_then_cached() {
        let dir = tempfile::tempdir().unwrap();
        let options = ExternalOptions {
            cache: Some(dir.path().join("c/links.json")),
            ..ExternalOptions::standard(dir.path())
        };
        let at = |line| Location::at("a.md", line, 1);
        let links = vec![
            ("https://example.org/".to_string(), at(1)),
            ("https://example.org/zniknela".to_string(), at(2)),
            ("https://example.org/zniknela".to_string(), at(3)),
        ];
        let fake = Fake {
            asked: AtomicUsize::new(0),
        };
        let found = check_with(&links, &options, &fake);
        assert_eq!(fake.asked.load(Ordering::SeqCst), 2);
        let lines: Vec<_> = found.iter().map(|f| f.location.line).collect();
        assert_eq!(lines, [Some(2), Some(3)]);
        assert_eq!(found[0].rule.id, "link-external");
        let again = check_with(&links, &options, &fake);
        assert_eq!(
            fake.asked.load(Ordering::SeqCst),
            2,
            "answers come from the cache"
        );
        assert_eq!(again.len(), 2);
    }
}
