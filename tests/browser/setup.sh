#!/usr/bin/env bash
# Installs what the browser tests need, only when it is missing: Debian's
# Chromium and a Java runtime (for the Nu HTML checker) through apt-get, and
# the npm packages of package-lock.json with `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ((${#missing[@]})); then
  echo "== apt-get install ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci, unless node_modules already holds exactly what the lockfile says
# (npm records that in node_modules/.package-lock.json).
up_to_date() {
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages;
    for (const f of ["vnu-jar/build/dist/vnu.jar", "axe-core/axe.min.js", "playwright-core/package.json"]) {
      if (!fs.existsSync("node_modules/" + f)) process.exit(1);
    }
    const pick = (p) => Object.entries(p).filter(([k]) => k).map(([k, v]) => [k, v.version, v.integrity]);
    process.exit(JSON.stringify(pick(want)) === JSON.stringify(pick(have)) ? 0 : 1);
  ' 2>/dev/null
}
if ! up_to_date; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime;
  # the system's is used. No other package here has install scripts.
  echo "== npm ci (tests/browser)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
fi
