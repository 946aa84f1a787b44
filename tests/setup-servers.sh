#!/usr/bin/env bash
# Installs the real servers that integration tests publish to, only when
# missing: nginx (Debian's package) for tests/nginx.rs; OpenSSH's sshd and
# ssh-keygen (Debian's packages) and pyftpdlib with pyOpenSSL (PyPI, in a
# venv at target/test-venv) for tests/deploy.rs. The tests start their own
# instances on 127.0.0.1 with throw-away configuration and keys.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# OpenSSL's headers, for libssh2 (SFTP in tablica deploy), are in the
# machine image; install them if a machine lacks them.
dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  echo "== apt-get install ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

venv=target/test-venv
if ! "$venv/bin/python" -c 'import pyftpdlib, OpenSSL' >/dev/null 2>&1; then
  echo "== pip install pyftpdlib pyOpenSSL into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyftpdlib pyOpenSSL
fi
