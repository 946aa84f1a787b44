#!/usr/bin/env bash
# Installs the real servers that integration tests publish to, only when
# missing: nginx (Debian's package) for tests/nginx.rs. The tests start
# their own instances on 127.0.0.1 with throw-away configuration.
set -euo pipefail

missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if ((${#missing[@]})); then
  echo "== apt-get install ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
