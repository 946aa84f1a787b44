//! The variables of one page's template, kept apart from Tera's `Context`
//! so that they can be fingerprinted: `serve` re-renders a page only when
//! what its template would see has changed.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::io::Write;
use tera::{Context, Value};

/// Keys whose values are the same on every page of a site and change only
/// with the config or the theme, which invalidate every page anyway.
const SHARED_KEYS: [&str; 2] = ["site", "t"];

#[derive(Debug, Default)]
pub struct Vars {
    data: BTreeMap<Cow<'static, str>, Value>,
}

impl Vars {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.data
            .insert(Cow::Borrowed(key), Value::from_serializable(value));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.data.insert(Cow::Borrowed(key), value);
    }

    /// A hash of every page-specific value, in a stable order.
    pub fn fingerprint(&self, template: &str) -> u64 {
        // serde_json writes token by token; hashing in larger blocks is
        // several times faster than feeding the hasher each token.
        let mut buffer =
            std::io::BufWriter::with_capacity(8192, HashWriter(rustc_hash::FxHasher::default()));
        let _ = buffer.write_all(template.as_bytes());
        for (key, value) in &self.data {
            if SHARED_KEYS.contains(&key.as_ref()) {
                continue;
            }
            let _ = buffer.write_all(key.as_bytes());
            // Writing into a hasher cannot fail, and tera values always serialise.
            let _ = serde_json::to_writer(&mut buffer, value);
        }
        match buffer.into_inner() {
            Ok(hasher) => hasher.0.finish(),
            Err(_) => 0,
        }
    }

    pub fn into_context(self) -> Context {
        let mut context = Context::new();
        for (key, value) in self.data {
            context.insert_value(key, value);
        }
        context
    }
}

/// Feeds serialised bytes straight into a hasher, without a buffer.
struct HashWriter(rustc_hash::FxHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_follows_page_values_but_not_shared_ones() {
        let page = |title: &str, site: &str| {
            let mut vars = Vars::new();
            vars.insert("page_title", title);
            vars.insert("site", site);
            vars.fingerprint("page.html")
        };
        assert_eq!(page("A", "x"), page("A", "y"));
        assert_ne!(page("A", "x"), page("B", "x"));
        let mut vars = Vars::new();
        vars.insert("page_title", "A");
        assert_ne!(
            vars.fingerprint("page.html"),
            vars.fingerprint("section.html")
        );
    }
}
