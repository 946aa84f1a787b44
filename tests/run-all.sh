#!/usr/bin/env bash
# Every test of the project: formatting, lints (warnings are errors), then
# unit and integration tests, then the generated sites in a real browser.
# CI runs exactly this (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# The servers tests publish to, and OpenSSL's headers for the build itself.
echo "== setup (only what is missing)"
bash tests/setup-servers.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings

echo "== cargo test (with real servers: nginx, sshd, pyftpdlib)"
TABLICA_REQUIRE_SERVERS=1 cargo test --locked

# The generated sites in a real browser (Debian's Chromium): axe-core, the Nu
# HTML checker, reflow at 320 px, the skip link, internal links; see
# tests/browser/README.md. Uses the debug binary built by `cargo test`.
# All three runs always run; any failing fails the script.
echo "== browser accessibility tests (tests/browser)"
bash tests/browser/setup.sh
# The binary `cargo test` built, wherever cargo puts it (CARGO_TARGET_DIR,
# a config's build.target-dir): cargo itself says where its target folder is.
target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')
export TABLICA_BIN="${TABLICA_BIN:-$target_dir/debug/tablica}"
browser_status=0
node tests/browser/run.mjs || browser_status=$?
echo "== search page tests: search.js on a fixture index and on the samples (tests/browser/search.mjs)"
node tests/browser/search.mjs || browser_status=$?
echo "== layout tests: phone header, desktop width, print, embeds (tests/browser/layout.mjs)"
node tests/browser/layout.mjs || browser_status=$?
echo "== editor tests: tablica edytor in the browser, axe on every screen (tests/browser/editor.mjs)"
node tests/browser/editor.mjs || browser_status=$?
echo "== browser tests self-test: planted faults must be found"
node tests/browser/run.mjs --self-test || browser_status=$?
if [ "$browser_status" -ne 0 ]; then
  echo "== browser tests FAILED (see the a11y and self-test lines above)"
  exit "$browser_status"
fi
